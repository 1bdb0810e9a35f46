//! National identity numbers: the Spanish DNI and NIE, and the Mexican CURP.
//!
//! Sources:
//! - DNI: Real Decreto 1553/2005 (BOE) and the Ministerio del Interior's "Cálculo del dígito de
//!   control del NIF/NIE": 8 digits and the letter `TRWAGMYFPDXBNJZSQVHLCKE`\[number mod 23\].
//! - NIE: Orden INT/2058/2008 (BOE): `X`, `Y` or `Z`, 7 digits and a letter computed as for the DNI
//!   with the prefix read as 0, 1 or 2.
//! - CURP: RENAPO, "Instructivo Normativo para la Asignación de la Clave Única de Registro de
//!   Población" (DOF): 4 letters, birth date YYMMDD, sex `H`/`M`, birth state (32 codes, `NE` for
//!   born abroad), 3 internal consonants, a differentiator (a digit for births up to 1999, a letter
//!   from 2000) and a check digit: with `0`–`9` = 0–9, `A`–`N` = 10–23, `Ñ` = 24, `O`–`Z` = 25–36,
//!   the sum of each of the first 17 characters times 18 − its index; check = (10 − sum mod 10)
//!   mod 10.

use super::PiiType;
use super::scan::{Candidate, Strength, bounded};

/// The DNI/NIE check letters, indexed by the number modulo 23.
const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// The check letter of an 8-digit DNI number (or of an NIE with its prefix replaced).
fn dni_letter(number: u32) -> u8 {
    DNI_LETTERS
        .get((number % 23) as usize)
        .copied()
        .unwrap_or(b'?')
}

fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Is `dni` a Spanish DNI: 8 digits and the right check letter (either case)?
///
/// ```
/// use cxkit_core::pii::dni_valid;
/// assert!(dni_valid("09861901F"));
/// assert!(dni_valid("61422141c"));
/// assert!(!dni_valid("61422141B"));
/// assert!(!dni_valid("9861901F")); // leading zeros are part of the number
/// ```
pub fn dni_valid(dni: &str) -> bool {
    let b = dni.as_bytes();
    dni_parts(b, 0) == Some(b.len())
}

/// Is `nie` a Spanish NIE: `X`/`Y`/`Z`, 7 digits and the right check letter (either case)?
///
/// ```
/// use cxkit_core::pii::nie_valid;
/// assert!(nie_valid("Y9586873G"));
/// assert!(nie_valid("x2637302f"));
/// assert!(!nie_valid("X2637302G"));
/// ```
pub fn nie_valid(nie: &str) -> bool {
    let b = nie.as_bytes();
    nie_parts(b, 0) == Some(b.len())
}

/// 8 digits, an optional hyphen, and the right letter at `at`: returns the end.
fn dni_parts(b: &[u8], at: usize) -> Option<usize> {
    let n = number(b.get(at..at + 8)?)?;
    check_letter(b, at + 8, dni_letter(n))
}

/// `X`/`Y`/`Z`, 7 digits, an optional hyphen, and the right letter at `at`: returns the end.
fn nie_parts(b: &[u8], at: usize) -> Option<usize> {
    let prefix = match b.get(at)?.to_ascii_uppercase() {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return None,
    };
    let n = number(b.get(at + 1..at + 8)?)?;
    check_letter(b, at + 8, dni_letter(prefix * 10_000_000 + n))
}

fn check_letter(b: &[u8], at: usize, expected: u8) -> Option<usize> {
    let (letter_at, end) = if b.get(at) == Some(&b'-') {
        (at + 1, at + 2)
    } else {
        (at, at + 1)
    };
    (b.get(letter_at)?.to_ascii_uppercase() == expected).then_some(end)
}

/// The 32 states of Mexico and `NE` (nacido en el extranjero), as used in the CURP.
const CURP_STATES: [&[u8; 2]; 33] = [
    b"AS", b"BC", b"BS", b"CC", b"CL", b"CM", b"CS", b"CH", b"DF", b"DG", b"GT", b"GR", b"HG",
    b"JC", b"MC", b"MN", b"MS", b"NT", b"NL", b"OC", b"PL", b"QT", b"QR", b"SP", b"SL", b"SR",
    b"TC", b"TS", b"TL", b"VZ", b"YN", b"ZS", b"NE",
];

fn is_consonant(b: u8) -> bool {
    b.is_ascii_uppercase() && !matches!(b, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// Value of a CURP character in the check-digit dictionary `0-9 A-N Ñ O-Z` (`Ñ` never appears:
/// RENAPO writes it as `X`).
fn curp_value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'N' => Some(u32::from(b - b'A') + 10),
        b'O'..=b'Z' => Some(u32::from(b - b'O') + 25),
        _ => None,
    }
}

fn leap(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn valid_date(year: u32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Is `curp` a Mexican CURP: structure, real birth date, state, and check digit (either case)?
///
/// ```
/// use cxkit_core::pii::curp_valid;
/// assert!(curp_valid("SANR860923HDFLXD23"));
/// assert!(curp_valid("HEOV010512MDFRRLB6")); // born 2001: a letter in position 17
/// assert!(!curp_valid("SANR860923HDFLXD24")); // wrong check digit
/// assert!(!curp_valid("SANR860230HDFLXD23")); // 30 February
/// ```
pub fn curp_valid(curp: &str) -> bool {
    let b: Vec<u8> = curp.bytes().map(|b| b.to_ascii_uppercase()).collect();
    curp_check(&b)
}

/// `b`: 18 upper-case bytes.
fn curp_check(b: &[u8]) -> bool {
    let [
        l1,
        v,
        l3,
        l4,
        y1,
        y2,
        m1,
        m2,
        d1,
        d2,
        sex,
        s1,
        s2,
        c1,
        c2,
        c3,
        diff,
        check,
    ] = b
    else {
        return false;
    };
    let letters = [*l1, *v, *l3, *l4].iter().all(u8::is_ascii_uppercase)
        && matches!(v, b'A' | b'E' | b'I' | b'O' | b'U' | b'X');
    let Some(date) = number(&[*y1, *y2, *m1, *m2, *d1, *d2]) else {
        return false;
    };
    let century = if diff.is_ascii_digit() {
        1900
    } else if diff.is_ascii_uppercase() {
        2000
    } else {
        return false;
    };
    let (year, month, day) = (century + date / 10_000, date / 100 % 100, date % 100);
    let structure = letters
        && valid_date(year, month, day)
        && matches!(sex, b'H' | b'M')
        && CURP_STATES.contains(&&[*s1, *s2])
        && [*c1, *c2, *c3].into_iter().all(is_consonant)
        && check.is_ascii_digit();
    if !structure {
        return false;
    }
    let mut sum = 0;
    for (i, &c) in b.iter().take(17).enumerate() {
        let Some(v) = curp_value(c) else { return false };
        sum += v * (18 - i as u32);
    }
    u32::from(check - b'0') == (10 - sum % 10) % 10
}

/// A DNI starting at the digit at byte `at`. Context rules: strong.
pub(crate) fn at_digits(text: &str, at: usize, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    // Exactly 8 digits: a ninth would make it another number.
    if b.get(at + 8).is_some_and(u8::is_ascii_digit) {
        return;
    }
    if let Some(end) = dni_parts(b, at) {
        push(text, at, end, out);
    }
}

/// Length of a CURP.
pub(crate) const CURP_LEN: usize = 18;

/// An NIE (when `nie`) or a CURP (when `curp`) starting at the letter at byte `at`. Context
/// rules: strong.
pub(crate) fn at_letter(text: &str, at: usize, nie: bool, curp: bool, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    if let Some(end) = nie.then(|| nie_parts(b, at)).flatten() {
        push(text, at, end, out);
    }
    if let Some(window) = b.get(at..at + CURP_LEN).filter(|_| curp) {
        let upper: [u8; 18] =
            std::array::from_fn(|i| window.get(i).copied().unwrap_or(0).to_ascii_uppercase());
        if curp_check(&upper) {
            push(text, at, at + CURP_LEN, out);
        }
    }
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Candidate>) {
    if bounded(text, start, end, Strength::Strong) {
        out.push(Candidate {
            start,
            end,
            kind: PiiType::NationalId,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dni_letters_follow_the_table() {
        assert_eq!(dni_letter(0), b'T');
        assert_eq!(dni_letter(22), b'E');
        assert_eq!(dni_letter(12_345_678), b'Z');
        assert!(dni_valid("12345678Z"));
        assert!(dni_valid("12345678-Z"));
        assert!(!dni_valid("1234567Z"));
        assert!(!dni_valid("12345678"));
        assert!(nie_valid("X0522849J"));
        assert!(nie_valid("Z3391013J"));
        assert!(!nie_valid("W0522849J"));
    }

    #[test]
    fn curp_structure_and_check_digit() {
        for ok in [
            "SANR860923HDFLXD23",
            "TEGA790214HNLRRL21",
            "HEOV010512MDFRRLB6",
            "CAIL680730HCHZBS95",
            "OOVM941103MJCRLR98",
        ] {
            assert!(curp_valid(ok), "{ok}");
        }
        assert!(!curp_valid("SANR860923HXXLXD23")); // no such state
        assert!(!curp_valid("SBNR860923HDFLXD23")); // second letter must be a vowel or X
        assert!(!curp_valid("SANR860923HDFAXD23")); // position 14 must be a consonant
        assert!(!curp_valid("SANR860923ZDFLXD23")); // sex must be H or M
        assert!(!curp_valid("SANR860923HDFLXD2"));
        assert!(valid_date(2000, 2, 29) && !valid_date(1900, 2, 29));
    }

    #[test]
    fn scanner_respects_word_edges() {
        let find = |t: &str| {
            let mut out = Vec::new();
            at_digits(t, 0, &mut out);
            at_letter(t, 0, true, true, &mut out);
            out.len()
        };
        assert_eq!(find("12345678Z."), 1);
        assert_eq!(find("12345678Z1"), 0);
        assert_eq!(find("123456789Z"), 0);
        assert_eq!(find("X0522849J?"), 1);
        assert_eq!(find("SANR860923HDFLXD23 y"), 1);
        assert_eq!(find("SANR860923HDFLXD234"), 0);
    }
}
