//! PII redaction: find e-mail addresses, phone numbers, payment cards, IBANs, national identity
//! numbers (Spanish DNI/NIE, Mexican CURP) and US Social Security numbers in contact-centre text,
//! and replace them with `[EMAIL]`, `[PHONE]`, `[CARD]`, `[IBAN]`, `[NATIONAL_ID]` or `[SSN]`.
//!
//! ```
//! use cxkit_core::pii::{redact, PiiType, RedactOptions};
//! let r = redact(
//!     "Cliente: DNI 20881778D, correo c.moreno@example.org y teléfono 617.204.539.",
//!     &RedactOptions::default(),
//! ).unwrap();
//! assert_eq!(r.text, "Cliente: DNI [NATIONAL_ID], correo [EMAIL] y teléfono [PHONE].");
//! let phone = &r.entities[2];
//! assert_eq!((phone.kind, phone.value.as_str()), (PiiType::Phone, "617.204.539"));
//! // Byte offsets into the original text ("é" is two bytes) and UTF-16 offsets for JavaScript.
//! assert_eq!((phone.start, phone.end, phone.start_utf16, phone.end_utf16), (64, 75, 63, 74));
//! ```
//!
//! Every rule is a hand-written scanner with a checksum where the identifier has one; there is
//! no regular-expression engine and no list of sample values. The rules, with their sources:
//!
//! | type | rule | source |
//! |---|---|---|
//! | `EMAIL` | local part (ASCII and accented Latin letters, digits, `. _ % + - '`; at most 64) `@` domain of two or more labels (1–63 letters, digits, `-`; not starting or ending with `-`), top-level label of two or more letters or `xn--`; trailing `.` `-` and sentence punctuation stay outside | RFC 5322 §3.4.1, RFC 5321 §4.5.3.1, RFC 1035 §2.3.1, RFC 5890, RFC 6531 |
//! | `PHONE` | `+`, `(+cc)` or `00`, a country code and the national number (fixed national lengths for 31 common codes; 8–15 digits in all for the others); or a national number in the Spanish (9 digits, 6–9 first), Mexican / Argentine / Colombian / North American (10 digits, `1` + 10) or British / Argentine trunk-`0` (11 digits) groupings, with spaces, hyphens, dots or a parenthesised area code as each country writes them | ITU-T E.164; national plans of CNMC (ES), IFT (MX), ENACOM (AR), CRC (CO), NANPA, Ofcom |
//! | `CARD` | 13–19 digits, first digit 2–6, compact or in card groupings (4-4-4-4 …, Amex 4-6-5, Diners 4-6-4, 4-3-3-3) with one kind of separator (space or hyphen), Luhn-valid | ISO/IEC 7812-1 (Annex B: Luhn), PCI DSS glossary |
//! | `IBAN` | registered country code, check digits, the country's length and BBAN structure, MOD 97-10 remainder 1; compact or in groups separated by single spaces | ISO 13616-1:2020, ISO/IEC 7064, SWIFT IBAN Registry release 101 |
//! | `NATIONAL_ID` | DNI: 8 digits + `TRWAGMYFPDXBNJZSQVHLCKE`\[n mod 23\]; NIE: `X`/`Y`/`Z` (= 0/1/2) + 7 digits + the same letter; CURP: 18 characters, real birth date, sex, state, consonants, RENAPO check digit | RD 1553/2005, Orden INT/2058/2008 (BOE); RENAPO CURP instructivo |
//! | `SSN` | `AAA-GG-SSSS` (hyphens or spaces), area not 000, 666 or 900–999, group not 00, serial not 0000 | SSA, SSN randomization (2011); POMS RM 10201.035 |
//!
//! Each module documents its rule in full: [`luhn_valid`], [`iban_valid`], [`dni_valid`],
//! [`nie_valid`], [`curp_valid`] and [`ssn_valid`] expose the checks on their own.
//!
//! # Context
//!
//! An entity never starts right after, or ends right before, a letter, a digit (of any script)
//! or a combining mark, nor `_` or `@` (except the e-mail's own); and never continues a date,
//! time, amount or longer number (`.` `,` `:` `/` `-` next to a digit: `5:30`, `03/14`,
//! `1.249,00`). Phone numbers and SSNs, which carry no checksum, also refuse a currency sign next
//! to them (`$`, `€ ` …), a `#` or `№` before them (order and ticket numbers) and a code joined by
//! a hyphen (`INC-…`). Digit groups are read as one run when they are joined by single spaces
//! (including no-break spaces), hyphens or dots, and a national phone number, card or SSN must be
//! the whole run: `4249 0807 5165 6140` is one 16-digit number (a card if Luhn-valid), never a
//! phone number hiding in its last groups. The price: two numbers separated by a single space
//! (`612345678 699015428`) are read as one run, and found only if that run matches as a whole.
//! Digit groups right after an IBAN head (two letters and two digits, then a space: `DE46 …`)
//! are the rest of an IBAN-shaped string and are never read as a card, phone number or SSN, so
//! an IBAN with a wrong checksum is kept whole rather than half-redacted.
//!
//! # Overlaps
//!
//! All detectors run on the whole text, then overlapping candidates are resolved
//! deterministically: the **longest** span wins; at equal length the **more specific** type wins,
//! in the order `IBAN`, `CARD`, `NATIONAL_ID`, `SSN`, `EMAIL`, `PHONE` (checksummed identifiers
//! before structural ones); at equal length and type the **earlier** span wins. So an IBAN whose
//! digits happen to pass Luhn stays an IBAN, and digits inside an e-mail address stay part of the
//! address. The `types` option filters *after* this resolution, so a span's type never depends
//! on the filter: with `types: [PHONE]`, the digits of `612345678@example.com` are not redacted as
//! a phone number, because they are an e-mail address.
//!
//! # Input
//!
//! - Any `&str`: empty text gives no entities (not an error), so redaction can run on every turn.
//! - `maxBytes` (default [`DEFAULT_MAX_BYTES`], 1 MiB of UTF-8): longer text is refused with
//!   [`ErrorCode::TextTooLarge`] before any scanning.
//! - A Rust `&str` is valid UTF-8 and cannot hold a lone surrogate. JavaScript strings can: a
//!   binding that converts them with `TextEncoder` (as wasm-bindgen does) turns each lone
//!   surrogate into U+FFFD, one UTF-16 unit for one, so `startUtf16`/`endUtf16` stay valid
//!   offsets into the caller's original string; only the returned `text` shows U+FFFD there.
//! - No input panics, and time is linear in the length of the text: the work started at each
//!   position is bounded (an e-mail reads at most 64 characters back and 255 bytes on, the
//!   digit pre-count stops at 8 digits) or is skipped over afterwards (a run of digit groups is
//!   read once, at most 8 groups, and scanning resumes after it), and overlaps are resolved in
//!   O(m log m) for m candidates. Tests on adversarial inputs and the fuzz target check both.
//!
//! # Before sentiment scoring
//!
//! [`redact`] takes any `&str` and returns plain text, so it is the step to run before scoring
//! when PII must not reach the scorer (or its hits): score `redact(text, &options)?.text`. The
//! placeholders are upper-case type names in brackets and carry no sentiment words.

mod card;
mod email;
mod iban;
mod national_id;
mod phone;
mod scan;
mod ssn;

pub use card::luhn_valid;
pub use iban::iban_valid;
pub use national_id::{curp_valid, dni_valid, nie_valid};
pub use ssn::ssn_valid;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use scan::Candidate;

/// Default limit on the text handed to [`detect`] and [`redact`]: 1 MiB of UTF-8.
pub const DEFAULT_MAX_BYTES: usize = 1 << 20;

/// A kind of personal data.
///
/// Serialised in upper case (`"EMAIL"`, `"NATIONAL_ID"` …), the names of the npm API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PiiType {
    /// E-mail address.
    Email,
    /// Telephone number.
    Phone,
    /// Payment card number.
    Card,
    /// International Bank Account Number.
    Iban,
    /// Spanish DNI or NIE, or Mexican CURP.
    NationalId,
    /// US Social Security number.
    Ssn,
}

impl PiiType {
    /// Every type, in the order of the npm documentation.
    pub const ALL: [PiiType; 6] = [
        PiiType::Email,
        PiiType::Phone,
        PiiType::Card,
        PiiType::Iban,
        PiiType::NationalId,
        PiiType::Ssn,
    ];

    /// The wire name: `EMAIL`, `PHONE`, `CARD`, `IBAN`, `NATIONAL_ID` or `SSN`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PiiType::Email => "EMAIL",
            PiiType::Phone => "PHONE",
            PiiType::Card => "CARD",
            PiiType::Iban => "IBAN",
            PiiType::NationalId => "NATIONAL_ID",
            PiiType::Ssn => "SSN",
        }
    }

    /// The replacement written by [`redact`]: the wire name in brackets (`[EMAIL]`).
    pub const fn placeholder(self) -> &'static str {
        match self {
            PiiType::Email => "[EMAIL]",
            PiiType::Phone => "[PHONE]",
            PiiType::Card => "[CARD]",
            PiiType::Iban => "[IBAN]",
            PiiType::NationalId => "[NATIONAL_ID]",
            PiiType::Ssn => "[SSN]",
        }
    }

    /// Parses a wire name (exact, upper case).
    pub fn parse(name: &str) -> Option<PiiType> {
        PiiType::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// Rank when two overlapping candidates have the same length (lower wins).
    const fn specificity(self) -> u8 {
        match self {
            PiiType::Iban => 0,
            PiiType::Card => 1,
            PiiType::NationalId => 2,
            PiiType::Ssn => 3,
            PiiType::Email => 4,
            PiiType::Phone => 5,
        }
    }

    const fn bit(self) -> u8 {
        1 << self.specificity()
    }
}

impl std::fmt::Display for PiiType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Options of [`detect`] and [`redact`]. Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RedactOptions {
    /// The types to report and replace. Default: all. An empty list is refused
    /// (`invalid_option`): leaving PII in by accident is worse than an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<PiiType>>,
    /// Longest text accepted, in bytes of UTF-8 (at least 1). Default [`DEFAULT_MAX_BYTES`]
    /// (1 MiB); longer text fails with `text_too_large`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<usize>,
}

impl RedactOptions {
    /// Options that report only these types.
    pub fn only(types: &[PiiType]) -> Self {
        RedactOptions {
            types: Some(types.to_vec()),
            ..RedactOptions::default()
        }
    }

    /// Checks the options; returns the bit set of types and the byte limit.
    fn resolve(&self) -> Result<(u8, usize)> {
        let mask = match &self.types {
            None => PiiType::ALL.iter().fold(0, |m, t| m | t.bit()),
            Some(types) if types.is_empty() => {
                return Err(Error::option(
                    "types",
                    "options.types is empty: list at least one type, or leave it out for all",
                ));
            }
            Some(types) => types.iter().fold(0, |m, t| m | t.bit()),
        };
        let max = match self.max_bytes {
            Some(0) => {
                return Err(Error::option(
                    "maxBytes",
                    "options.maxBytes must be at least 1",
                ));
            }
            Some(n) => n,
            None => DEFAULT_MAX_BYTES,
        };
        Ok((mask, max))
    }
}

/// One piece of personal data found in the text.
///
/// `start`/`end` are byte offsets into the original UTF-8 text (`&text[start..end] == value`);
/// `startUtf16`/`endUtf16` are the same span in UTF-16 code units, the offsets of a JavaScript
/// string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    /// The type (`type` on the wire).
    #[serde(rename = "type")]
    pub kind: PiiType,
    /// The text found, exactly as written.
    pub value: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// UTF-16 offset of the start.
    pub start_utf16: usize,
    /// UTF-16 offset of the end.
    pub end_utf16: usize,
}

/// The result of [`redact`]: the text with every entity replaced by its placeholder, and the
/// entities (spans into the original text), in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    /// The redacted text.
    pub text: String,
    /// What was replaced, in text order, never overlapping.
    pub entities: Vec<Entity>,
}

/// Finds the personal data in `text` without changing it: entities in text order, never
/// overlapping (see the module documentation for the rules and the overlap policy).
///
/// ```
/// use cxkit_core::pii::{detect, PiiType, RedactOptions};
/// let found = detect("SSN 841-46-5309, not 666-41-2290", &RedactOptions::default()).unwrap();
/// assert_eq!(found.len(), 1);
/// assert_eq!((found[0].kind, found[0].start, found[0].end), (PiiType::Ssn, 4, 15));
/// assert!(detect("", &RedactOptions::default()).unwrap().is_empty());
/// ```
///
/// # Errors
/// `text_too_large` when `text` is longer than `maxBytes`; `invalid_option` for an empty
/// `types` list or a `maxBytes` of 0.
pub fn detect(text: &str, options: &RedactOptions) -> Result<Vec<Entity>> {
    let (mask, max) = options.resolve()?;
    if text.len() > max {
        return Err(Error::new(
            ErrorCode::TextTooLarge,
            format!(
                "text is {} bytes of UTF-8, more than the limit of {max} (options.maxBytes)",
                text.len()
            ),
        )
        .with_field("text"));
    }
    let mut found = Vec::new();
    scan::candidates(text, &mut found);
    let chosen = resolve(found);
    Ok(entities(
        text,
        chosen.into_iter().filter(|c| c.kind.bit() & mask != 0),
    ))
}

/// Replaces the personal data in `text` with placeholders (`[EMAIL]`, `[PHONE]`, `[CARD]`,
/// `[IBAN]`, `[NATIONAL_ID]`, `[SSN]`) and lists what was replaced.
///
/// ```
/// use cxkit_core::pii::{redact, PiiType, RedactOptions};
/// let text = "card 4425 5503 4910 6545, mail sam@example.org";
/// let all = redact(text, &RedactOptions::default()).unwrap();
/// assert_eq!(all.text, "card [CARD], mail [EMAIL]");
/// let cards = redact(text, &RedactOptions::only(&[PiiType::Card])).unwrap();
/// assert_eq!(cards.text, "card [CARD], mail sam@example.org");
/// ```
///
/// # Errors
/// As [`detect`].
pub fn redact(text: &str, options: &RedactOptions) -> Result<Redaction> {
    let entities = detect(text, options)?;
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for e in &entities {
        out.push_str(text.get(last..e.start).unwrap_or(""));
        out.push_str(e.kind.placeholder());
        last = e.end;
    }
    out.push_str(text.get(last..).unwrap_or(""));
    Ok(Redaction {
        text: out,
        entities,
    })
}

/// Longest first, then most specific, then earliest; each accepted if it overlaps nothing
/// accepted before. Returns the accepted candidates in text order.
///
/// The accepted spans are kept in a map by start, so each overlap check looks at two neighbours:
/// O(m log m) for m candidates, however they overlap (a chain of e-mail addresses whose local
/// parts reach back into the previous domain makes one long run of overlaps).
fn resolve(found: Vec<Candidate>) -> Vec<Candidate> {
    // Priority order with std's heap sort (`into_sorted_vec`): a fraction of the code size of
    // `sort_unstable` in the wasm build, still O(m log m).
    let ranked: BinaryHeap<_> = found
        .into_iter()
        .map(|c| {
            (
                Reverse(c.end - c.start),
                c.kind.specificity(),
                c.start,
                c.end,
                c.kind,
            )
        })
        .collect();
    let mut chosen: BTreeMap<usize, Candidate> = BTreeMap::new();
    for (_, _, start, end, kind) in ranked.into_sorted_vec() {
        let c = Candidate { start, end, kind };
        let clear_before = chosen
            .range(..=c.start)
            .next_back()
            .is_none_or(|(_, p)| p.end <= c.start);
        let clear_after = chosen
            .range(c.start..)
            .next()
            .is_none_or(|(_, n)| c.end <= n.start);
        if clear_before && clear_after && c.start < c.end {
            chosen.insert(c.start, c);
        }
    }
    chosen.into_values().collect()
}

/// Builds the entities, counting UTF-16 units along the way (one pass over the text).
fn entities(text: &str, chosen: impl Iterator<Item = Candidate>) -> Vec<Entity> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut units = 0;
    let mut advance = |to: usize| {
        units += utf16_len(bytes.get(pos..to).unwrap_or(&[]));
        pos = pos.max(to);
        units
    };
    chosen
        .map(|c| {
            let start_utf16 = advance(c.start);
            let end_utf16 = advance(c.end);
            Entity {
                kind: c.kind,
                value: text.get(c.start..c.end).unwrap_or("").to_string(),
                start: c.start,
                end: c.end,
                start_utf16,
                end_utf16,
            }
        })
        .collect()
}

/// UTF-16 length of UTF-8 bytes: every character starts with a byte that is not a continuation
/// byte (`10xxxxxx`) and counts one unit; a four-byte character (outside the BMP, lead byte
/// `11110xxx`) is a surrogate pair and counts one more. Eight bytes at a time: in each byte of a
/// word, bit 7 of `w << k` is bit 7 − k of that byte.
fn utf16_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let count = |w: u64| {
        let continuation = w & !(w << 1) & HIGH;
        let four_byte_lead = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
        8 - continuation.count_ones() as usize + four_byte_lead.count_ones() as usize
    };
    let mut words = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in words.by_ref() {
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            units += count(u64::from_le_bytes(word));
        }
    }
    let tail = words.remainder();
    units
        + tail
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_len_matches_encode_utf16() {
        for text in [
            "",
            "a",
            "ascii only, longer than one word",
            "é😀€ñ 𝄞 \u{10ffff}\u{7ff}\u{800}\u{ffff}\u{10000}",
            "😀😀😀😀😀😀😀😀😀",
            "aaaaaaa😀",
        ] {
            assert_eq!(
                utf16_len(text.as_bytes()),
                text.encode_utf16().count(),
                "{text}"
            );
            for (i, _) in text.char_indices() {
                let s = &text[i..];
                assert_eq!(utf16_len(s.as_bytes()), s.encode_utf16().count());
            }
        }
    }

    fn cand(start: usize, end: usize, kind: PiiType) -> Candidate {
        Candidate { start, end, kind }
    }

    #[test]
    fn overlaps_resolve_longest_then_most_specific_then_earliest() {
        let got = resolve(vec![
            cand(0, 10, PiiType::Phone),
            cand(5, 20, PiiType::Email),
            cand(20, 29, PiiType::Phone),
            cand(20, 29, PiiType::NationalId),
            cand(30, 35, PiiType::Phone),
            cand(33, 38, PiiType::Phone),
        ]);
        assert_eq!(
            got,
            vec![
                cand(5, 20, PiiType::Email),
                cand(20, 29, PiiType::NationalId),
                cand(30, 35, PiiType::Phone),
            ]
        );
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "😀 é 612345678";
        let e = detect(text, &RedactOptions::default()).unwrap();
        let start = text.find('6').unwrap();
        assert_eq!(e[0].start, start);
        assert_eq!(e[0].start_utf16, text[..start].encode_utf16().count());
        assert_eq!(e[0].end_utf16, e[0].start_utf16 + 9);
    }

    #[test]
    fn options_are_checked() {
        let empty = RedactOptions {
            types: Some(vec![]),
            ..Default::default()
        };
        let err = detect("x", &empty).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidOption);
        assert_eq!(err.field.as_deref(), Some("options.types"));
        let zero = RedactOptions {
            max_bytes: Some(0),
            ..Default::default()
        };
        assert_eq!(
            detect("x", &zero).unwrap_err().field.as_deref(),
            Some("options.maxBytes")
        );
        let small = RedactOptions {
            max_bytes: Some(3),
            ..Default::default()
        };
        assert!(detect("abc", &small).is_ok());
        let err = detect("abcd", &small).unwrap_err();
        assert_eq!(err.code, ErrorCode::TextTooLarge);
        assert_eq!(err.field.as_deref(), Some("text"));
    }

    #[test]
    fn wire_names() {
        for t in PiiType::ALL {
            assert_eq!(PiiType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
            assert_eq!(t.placeholder(), format!("[{t}]"));
        }
        let o: RedactOptions =
            serde_json::from_str(r#"{"types": ["NATIONAL_ID", "SSN"], "maxBytes": 10}"#).unwrap();
        assert_eq!(o.types, Some(vec![PiiType::NationalId, PiiType::Ssn]));
        assert!(serde_json::from_str::<RedactOptions>(r#"{"type": ["SSN"]}"#).is_err());
        let e = &detect("a 612345678", &RedactOptions::default()).unwrap()[0];
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"type": "PHONE", "value": "612345678", "start": 2, "end": 11,
                "startUtf16": 2, "endUtf16": 11})
        );
    }
}
