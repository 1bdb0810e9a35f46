//! Telephone numbers: international (E.164 written with `+` or `00`) and national Spanish, Mexican
//! and Latin American, North American and British formats.
//!
//! Sources: ITU-T Recommendation E.164 (country codes; at most 15 digits in all) and the national
//! numbering plans notified to the ITU — Spain (CNMC: 9 digits; fixed lines start 8 or 9, mobiles
//! 6 or 7), Mexico (IFT: 10 digits since 2019), Argentina (ENACOM: 10 digits; mobiles dialled from
//! abroad as `+54 9` + 10 digits), Colombia (CRC: 10 digits since 2021), the North American
//! Numbering Plan (NANPA: 3-digit area code and exchange not starting 0 or 1, 4-digit line) and the
//! United Kingdom (Ofcom: 10 digits after the trunk `0`).

use super::scan::{Run, Sep, Strength, bounded};

/// A country code with the number of national significant digits that follow it.
struct Country {
    /// The country code, as digit values.
    code: &'static [u8],
    lengths: &'static [usize],
    /// Allowed first national digits (empty: any).
    first: &'static [u8],
    /// An extra length allowed only with this leading national digit (Argentine mobile `9`,
    /// Mexican legacy mobile `1`).
    prefixed: Option<(u8, usize)>,
}

const fn c(code: &'static [u8], lengths: &'static [usize]) -> Country {
    Country {
        code,
        lengths,
        first: &[],
        prefixed: None,
    }
}

/// Country codes whose national numbers have a fixed length. Any other code is accepted with the
/// E.164 bounds only (see [`read`]).
const COUNTRIES: &[Country] = &[
    Country {
        first: &[2, 3, 4, 5, 6, 7, 8, 9],
        ..c(&[1], &[10])
    },
    c(&[7], &[10]),
    c(&[3, 0], &[10]),
    c(&[3, 1], &[9]),
    c(&[3, 2], &[8, 9]),
    c(&[3, 3], &[9]),
    Country {
        first: &[6, 7, 8, 9],
        ..c(&[3, 4], &[9])
    },
    c(&[4, 1], &[9]),
    c(&[4, 4], &[9, 10]),
    c(&[4, 5], &[8]),
    c(&[4, 7], &[8]),
    c(&[4, 8], &[9]),
    c(&[5, 1], &[8, 9]),
    Country {
        prefixed: Some((1, 11)),
        ..c(&[5, 2], &[10])
    },
    c(&[5, 3], &[8]),
    Country {
        prefixed: Some((9, 11)),
        ..c(&[5, 4], &[10])
    },
    c(&[5, 5], &[10, 11]),
    c(&[5, 6], &[9]),
    c(&[5, 7], &[10]),
    c(&[5, 8], &[10]),
    c(&[3, 5, 1], &[9]),
    c(&[5, 0, 2], &[8]),
    c(&[5, 0, 3], &[8]),
    c(&[5, 0, 4], &[8]),
    c(&[5, 0, 5], &[8]),
    c(&[5, 0, 6], &[8]),
    c(&[5, 0, 7], &[7, 8]),
    c(&[5, 9, 1], &[8]),
    c(&[5, 9, 3], &[8, 9]),
    c(&[5, 9, 5], &[9]),
    c(&[5, 9, 8], &[8]),
];

/// E.164: at most 15 digits with the country code; fewer than 8 is not a callable number.
const E164_MIN: usize = 8;
const E164_MAX: usize = 15;

/// Reads a phone number at the start of `run`; returns its end.
///
/// International (`+`, `(+cc)` or `00` then the country code): the country code is read from the
/// table above (E.164 codes are prefix-free, so at most one matches) and must not straddle a
/// separator; a `(0)` trunk group right after it is ignored. For a listed code, the number ends at
/// the last group boundary where the national digits have an allowed length (later groups after a
/// space are left out, so a number followed by another figure is still found). For an unlisted
/// code (`+` only), the whole run must have 8–15 digits.
///
/// National: the whole run must have one of these shapes (group lengths; `(…)` marks an optional
/// parenthesised area code):
///
/// | digits | shapes | first digit | separators |
/// |---|---|---|---|
/// | 9 (Spain) | `9`, `3-3-3`, `3-2-2-2`, `2-3-2-2` | 6–9 | spaces or dots, never hyphens |
/// | 10 (Mexico, Argentina, Colombia, NANP) | `10`, `(3)-3-4`, `(2)-4-4` | 2–9 | spaces, hyphens, or only dots |
/// | 11 (NANP with `1`) | `1-(3)-3-4` | `1`, then 2–9 | spaces, hyphens, or only dots |
/// | 11 (UK, Argentina with trunk `0`) | `(3)-4-4`, `(4)-3-4`, `5-6`, `5-3-3` | `0`, then 1–9 | spaces or hyphens |
///
/// Both ends use the weak context rules (no currency sign, `#`, or code joined by a hyphen).
pub(crate) fn read(text: &str, run: &Run) -> Option<usize> {
    if run.overflow && !run.plus {
        return None;
    }
    let end = if run.plus || run.digits().starts_with(&[0, 0]) {
        international(run)?
    } else {
        national(run)?
    };
    bounded(text, run.start, end, Strength::Weak).then_some(end)
}

fn international(run: &Run) -> Option<usize> {
    let groups = run.groups();
    let digits = run.digits();
    // Skip the `00` international prefix when not written with `+`.
    let skip = if run.plus { 0 } else { 2 };
    let number = digits.get(skip..)?;
    // Cumulative digit counts at each group end.
    let mut ends = [0usize; super::scan::MAX_GROUPS];
    let mut total = 0;
    for (slot, g) in ends.iter_mut().zip(groups) {
        total += g.len;
        *slot = total;
    }
    let ends = ends.get(..groups.len())?;
    let boundary_inside = |from: usize, to: usize| ends.iter().any(|&e| e > from && e < to);
    let country = COUNTRIES
        .iter()
        .find(|c| number.starts_with(c.code) && !boundary_inside(skip, skip + c.code.len()));
    let Some(country) = country else {
        // Unlisted country code: `+` only, and the whole run.
        let n = total;
        let first_group_short = groups.len() == 1 || groups.first().is_some_and(|g| g.len <= 4);
        return (run.plus
            && !run.overflow
            && (E164_MIN..=E164_MAX).contains(&n)
            && first_group_short)
            .then(|| run.end());
    };
    let national_start = skip + country.code.len();
    // A "(0)" group right after the country code is the trunk prefix, not part of the number.
    let trunk = groups
        .get(1)
        .filter(|g| g.paren && g.len == 1 && ends.first() == Some(&national_start))
        .map_or(0, |_| 1);
    let first_national = digits.get(national_start + trunk).copied();
    let mut best = None;
    for (k, (g, &e)) in groups.iter().zip(ends).enumerate() {
        if e <= national_start {
            continue;
        }
        let n = e - national_start - if k >= 1 && trunk == 1 { 1 } else { 0 };
        let next_sep = groups.get(k + 1).map(|g| g.sep);
        let may_end = matches!(next_sep, None | Some(Sep::Space));
        if may_end && country.accepts(n, first_national) {
            best = Some(g.end);
        }
    }
    best
}

impl Country {
    fn accepts(&self, n: usize, first: Option<u8>) -> bool {
        let Some(first) = first else { return false };
        if !self.first.is_empty() && !self.first.contains(&first) {
            return false;
        }
        self.lengths.contains(&n) || self.prefixed == Some((first, n))
    }
}

fn national(run: &Run) -> Option<usize> {
    let groups = run.groups();
    let digits = run.digits();
    let first = *digits.first()?;
    let second = digits.get(1).copied();
    let seps = || groups.iter().skip(1).map(|g| g.sep);
    let has = |s: Sep| seps().any(|x| x == s);
    // Dots never mix with other separators.
    if has(Sep::Dot) && (has(Sep::Dash) || has(Sep::Space) || seps().any(|s| s == Sep::None)) {
        return None;
    }
    // Only the area code (the first group, or the second after a NANP "1") may be parenthesised.
    let paren_at = groups.iter().position(|g| g.paren);
    if groups.iter().filter(|g| g.paren).count() > 1 {
        return None;
    }
    let ok = match digits.len() {
        9 => {
            paren_at.is_none()
                && !has(Sep::Dash)
                && (6..=9).contains(&first)
                && [&[9][..], &[3, 3, 3], &[3, 2, 2, 2], &[2, 3, 2, 2]]
                    .iter()
                    .any(|p| run.shape_is(p))
        }
        10 => {
            (2..=9).contains(&first)
                && (run.shape_is(&[10]) && paren_at.is_none()
                    || (run.shape_is(&[3, 3, 4]) || run.shape_is(&[2, 4, 4]))
                        && matches!(paren_at, None | Some(0)))
        }
        11 if first == 1 => {
            second.is_some_and(|d| (2..=9).contains(&d))
                && run.shape_is(&[1, 3, 3, 4])
                && matches!(paren_at, None | Some(1))
        }
        11 if first == 0 => {
            second.is_some_and(|d| d != 0)
                && !has(Sep::Dot)
                && ((run.shape_is(&[3, 4, 4]) || run.shape_is(&[4, 3, 4]))
                    && matches!(paren_at, None | Some(0))
                    || (run.shape_is(&[5, 6]) || run.shape_is(&[5, 3, 3])) && paren_at.is_none())
        }
        _ => false,
    };
    ok.then(|| run.end())
}

#[cfg(test)]
mod tests {
    use super::super::scan::parse_run;
    use super::*;

    fn phone(text: &str) -> Option<&str> {
        let start = text.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(')?;
        let run = parse_run(text, start)?;
        read(text, &run).and_then(|end| text.get(start..end))
    }

    #[test]
    fn international_numbers() {
        assert_eq!(
            phone("is +1 (305) 555-0112 still"),
            Some("+1 (305) 555-0112")
        );
        assert_eq!(phone("+44 20 7946 0321."), Some("+44 20 7946 0321"));
        assert_eq!(phone("+44 (0)20 7946 0321"), Some("+44 (0)20 7946 0321"));
        assert_eq!(phone("+54 9 11 4732-0918,"), Some("+54 9 11 4732-0918"));
        assert_eq!(phone("+34612345678"), Some("+34612345678"));
        assert_eq!(phone("(+34) 612 345 678"), Some("(+34) 612 345 678"));
        assert_eq!(phone("0034 612 345 678"), Some("0034 612 345 678"));
        assert_eq!(phone("+34 612 345 678 2 veces"), Some("+34 612 345 678"));
        assert_eq!(phone("+49 30 1234567"), Some("+49 30 1234567"));
        assert_eq!(phone("+34 512 345 678"), None);
        assert_eq!(phone("+34 612 345 67"), None);
        assert_eq!(phone("+1 5"), None);
    }

    #[test]
    fn national_numbers() {
        assert_eq!(phone("es 612 345 678."), Some("612 345 678"));
        assert_eq!(phone("es 688.42.19.07,"), Some("688.42.19.07"));
        assert_eq!(phone("es 91 748 33 02"), Some("91 748 33 02"));
        assert_eq!(phone("(55) 1234-5678"), Some("(55) 1234-5678"));
        assert_eq!(phone("1-800-555-0199"), Some("1-800-555-0199"));
        assert_eq!(phone("020 7946 0321"), Some("020 7946 0321"));
        assert_eq!(phone("612-345-678"), None);
        assert_eq!(phone("512 345 678"), None);
        assert_eq!(phone("612.345 678"), None);
        assert_eq!(phone("4249 0807 5165 6140"), None);
        assert_eq!(phone("612 345 678 €"), None);
        assert_eq!(phone("#612345678"), None);
        assert_eq!(phone("2024-05-17"), None);
    }
}
