//! International Bank Account Numbers.
//!
//! Sources: ISO 13616-1:2020 (structure, print format in groups of four, check digits by ISO/IEC
//! 7064 MOD 97-10: the number with its first four characters moved to the end and letters
//! replaced by 10–35 leaves remainder 1 when divided by 97) and the SWIFT IBAN Registry, release
//! 101 (the country codes, lengths and BBAN structures below).

use super::PiiType;
use super::scan::{Candidate, Strength, is_space_like, right_ok};

/// BBAN structure per country from the SWIFT IBAN Registry: `n` digits, `a` upper-case letters,
/// `c` letters or digits, each with a count. The IBAN length is 4 + the BBAN length.
const REGISTRY: &[(&str, &str)] = &[
    ("AD", "4n4n12c"),
    ("AE", "3n16n"),
    ("AL", "8n16c"),
    ("AT", "5n11n"),
    ("AZ", "4a20c"),
    ("BA", "3n3n8n2n"),
    ("BE", "3n7n2n"),
    ("BG", "4a4n2n8c"),
    ("BH", "4a14c"),
    ("BI", "5n5n11n2n"),
    ("BR", "8n5n10n1a1c"),
    ("BY", "4c4n16c"),
    ("CH", "5n12c"),
    ("CR", "4n14n"),
    ("CY", "3n5n16c"),
    ("CZ", "4n16n"),
    ("DE", "8n10n"),
    ("DJ", "5n5n11n2n"),
    ("DK", "4n9n1n"),
    ("DO", "4c20n"),
    ("EE", "2n14n"),
    ("EG", "4n4n17n"),
    ("ES", "4n4n1n1n10n"),
    ("FI", "3n11n"),
    ("FK", "2a12n"),
    ("FO", "4n9n1n"),
    ("FR", "5n5n11c2n"),
    ("GB", "4a6n8n"),
    ("GE", "2a16n"),
    ("GI", "4a15c"),
    ("GL", "4n9n1n"),
    ("GR", "3n4n16c"),
    ("GT", "4c20c"),
    ("HN", "4a20n"),
    ("HR", "7n10n"),
    ("HU", "3n4n1n15n1n"),
    ("IE", "4a6n8n"),
    ("IL", "3n3n13n"),
    ("IQ", "4a3n12n"),
    ("IS", "4n2n6n10n"),
    ("IT", "1a5n5n12c"),
    ("JO", "4a4n18c"),
    ("KW", "4a22c"),
    ("KZ", "3n13c"),
    ("LB", "4n20c"),
    ("LC", "4a24c"),
    ("LI", "5n12c"),
    ("LT", "5n11n"),
    ("LU", "3n13c"),
    ("LV", "4a13c"),
    ("LY", "3n3n15n"),
    ("MC", "5n5n11c2n"),
    ("MD", "2c18c"),
    ("ME", "3n13n2n"),
    ("MK", "3n10c2n"),
    ("MN", "4n12n"),
    ("MR", "5n5n11n2n"),
    ("MT", "4a5n18c"),
    ("MU", "4a2n2n12n3n3a"),
    ("NI", "4a20n"),
    ("NL", "4a10n"),
    ("NO", "4n6n1n"),
    ("OM", "3n16c"),
    ("PK", "4a16c"),
    ("PL", "8n16n"),
    ("PS", "4a21c"),
    ("PT", "4n4n11n2n"),
    ("QA", "4a21c"),
    ("RO", "4a16c"),
    ("RS", "3n13n2n"),
    ("RU", "9n5n15c"),
    ("SA", "2n18c"),
    ("SC", "4a2n2n16n3a"),
    ("SD", "2n12n"),
    ("SE", "3n16n1n"),
    ("SI", "5n8n2n"),
    ("SK", "4n6n10n"),
    ("SM", "1a5n5n12c"),
    ("SO", "4n3n12n"),
    ("ST", "4n4n11n2n"),
    ("SV", "4a20n"),
    ("TL", "3n14n2n"),
    ("TN", "2n3n13n2n"),
    ("TR", "5n1n16c"),
    ("UA", "6n19c"),
    ("VA", "3n15n"),
    ("VG", "4a16n"),
    ("XK", "4n10n2n"),
    ("YE", "4a4n18c"),
];

/// Longest IBAN in the registry (Russia: 33), with room to spare.
const MAX_LEN: usize = 34;

/// The BBAN structure of a country code (upper case).
fn structure(country: &[u8]) -> Option<&'static str> {
    REGISTRY
        .iter()
        .find(|(cc, _)| cc.as_bytes() == country)
        .map(|(_, s)| *s)
}

/// Length of a BBAN with this structure.
fn bban_len(structure: &str) -> usize {
    let mut total = 0;
    let mut n = 0;
    for b in structure.bytes() {
        if b.is_ascii_digit() {
            n = n * 10 + usize::from(b - b'0');
        } else {
            total += n;
            n = 0;
        }
    }
    total
}

/// Does the BBAN (upper case) follow the structure?
fn bban_matches(bban: &[u8], structure: &str) -> bool {
    let mut rest = bban;
    let mut n = 0;
    for b in structure.bytes() {
        if b.is_ascii_digit() {
            n = n * 10 + usize::from(b - b'0');
            continue;
        }
        let Some((part, tail)) = rest.split_at_checked(n) else {
            return false;
        };
        let ok = match b {
            b'n' => part.iter().all(u8::is_ascii_digit),
            b'a' => part.iter().all(u8::is_ascii_uppercase),
            _ => part.iter().all(u8::is_ascii_alphanumeric),
        };
        if !ok {
            return false;
        }
        rest = tail;
        n = 0;
    }
    rest.is_empty()
}

/// ISO/IEC 7064 MOD 97-10 over an upper-case IBAN: move the first four characters to the end,
/// read letters as 10–35, and the remainder modulo 97 must be 1.
fn mod97(iban: &[u8]) -> bool {
    if iban.len() < 5 {
        return false;
    }
    let (head, tail) = iban.split_at(4);
    let mut r: u32 = 0;
    for &b in tail.iter().chain(head) {
        r = match b {
            b'0'..=b'9' => (r * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (r * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return false,
        };
    }
    r == 1
}

/// Is `iban` a valid IBAN: a registered country, its length and BBAN structure, and the MOD 97-10
/// check? Spaces are ignored and letters may be in either case.
///
/// ```
/// use cxkit_core::pii::iban_valid;
/// assert!(iban_valid("DE86 3103 5034 4663 7956 30"));
/// assert!(iban_valid("gb36ygsa58033558608214"));
/// assert!(!iban_valid("DE46 8177 5781 9979 0537 45")); // wrong check digits
/// assert!(!iban_valid("XX86 3103 5034 4663 7956 30")); // no such country
/// ```
pub fn iban_valid(iban: &str) -> bool {
    let compact: Vec<u8> = iban
        .bytes()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    valid(&compact)
}

fn valid(iban: &[u8]) -> bool {
    let Some((country, rest)) = iban.split_at_checked(2) else {
        return false;
    };
    let Some(structure) = structure(country) else {
        return false;
    };
    let Some((check, bban)) = rest.split_at_checked(2) else {
        return false;
    };
    check.iter().all(u8::is_ascii_digit) && bban_matches(bban, structure) && mod97(iban)
}

/// Reads an IBAN starting at the letter at byte `at` (already known to start a word).
///
/// The country code and check digits are written together (`ES91`, either case); the rest
/// follows either compact or in groups separated by single spaces (print format has groups of
/// four; other groupings, such as the Spanish `2100 0418 45 0200051332`, are accepted too). The
/// value ends where the country's length is reached, which must be the end of a group. Context
/// rules: strong.
pub(crate) fn at(text: &str, at: usize, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let (Some(a), Some(b)) = (bytes.get(at), bytes.get(at + 1)) else {
        return;
    };
    let country = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    let Some(structure) = structure(&country) else {
        return;
    };
    let len = 4 + bban_len(structure);
    let mut iban = [0u8; MAX_LEN];
    let mut n = 0;
    let mut pos = at;
    let mut first_group = 0;
    let mut separated = false;
    while n < len {
        match bytes.get(pos) {
            Some(c) if c.is_ascii_alphanumeric() => {
                if let Some(slot) = iban.get_mut(n) {
                    *slot = c.to_ascii_uppercase();
                }
                n += 1;
                pos += 1;
                if !separated {
                    first_group += 1;
                }
            }
            _ => {
                // One space-like separator, followed by the next group.
                let Some(sep) = text.get(pos..).and_then(|s| s.chars().next()) else {
                    return;
                };
                let next = bytes.get(pos + sep.len_utf8());
                if !is_space_like(sep) || !next.is_some_and(u8::is_ascii_alphanumeric) {
                    return;
                }
                pos += sep.len_utf8();
                separated = true;
            }
        }
    }
    // Country code and check digits are written together, and the length ends a group.
    if first_group < 4 || bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
        return;
    }
    if valid(iban.get(..len).unwrap_or(&[])) && right_ok(text, pos, Strength::Strong) {
        out.push(Candidate {
            start: at,
            end: pos,
            kind: PiiType::Iban,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iban(text: &str) -> Option<&str> {
        let mut out = Vec::new();
        at(text, 0, &mut out);
        out.first().and_then(|c| text.get(c.start..c.end))
    }

    #[test]
    fn registry_lengths() {
        let len = |cc: &str| structure(cc.as_bytes()).map(|s| 4 + bban_len(s));
        assert_eq!(len("ES"), Some(24));
        assert_eq!(len("DE"), Some(22));
        assert_eq!(len("FR"), Some(27));
        assert_eq!(len("GB"), Some(22));
        assert_eq!(len("NO"), Some(15));
        assert_eq!(len("RU"), Some(33));
        assert_eq!(len("LC"), Some(32));
        assert_eq!(len("MX"), None);
        assert!(
            REGISTRY
                .windows(2)
                .all(|w| matches!(w, [a, b] if a.0 < b.0))
        );
    }

    #[test]
    fn print_and_compact_formats() {
        assert_eq!(
            iban("DE86 3103 5034 4663 7956 30."),
            Some("DE86 3103 5034 4663 7956 30")
        );
        assert_eq!(
            iban("GB36YGSA58033558608214 —"),
            Some("GB36YGSA58033558608214")
        );
        assert_eq!(
            iban("ES91 2100 0418 4502 0005 1332"),
            Some("ES91 2100 0418 4502 0005 1332")
        );
        assert_eq!(
            iban("ES91 2100 0418 45 0200051332"),
            Some("ES91 2100 0418 45 0200051332")
        );
        assert_eq!(
            iban("es91\u{a0}2100\u{a0}0418\u{a0}4502\u{a0}0005\u{a0}1332").map(str::len),
            Some(34)
        );
        assert_eq!(iban("ES 91 2100 0418 4502 0005 1332"), None);
        assert_eq!(iban("ES91 2100 0418 4502 0005 13321"), None);
        assert_eq!(iban("ES91  2100 0418 4502 0005 1332"), None);
        assert_eq!(iban("ES91 2100 0418 4502 0005 1332X"), None);
        assert_eq!(iban("DE46 8177 5781 9979 0537 45"), None);
        assert!(!iban_valid(""));
        assert!(!iban_valid("ES9"));
    }
}
