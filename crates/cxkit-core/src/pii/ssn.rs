//! United States Social Security numbers.
//!
//! Source: Social Security Administration, "Social Security Number Randomization" (2011) and the
//! Program Operations Manual System RM 10201.035: an SSN is a 3-digit area, a 2-digit group and a
//! 4-digit serial; no SSN has area 000, 666 or 900–999, group 00 or serial 0000.

use super::scan::{Run, Sep, Strength, bounded};

/// Is `ssn` (`AAA-GG-SSSS`, `AAA GG SSSS` or 9 digits) a possible Social Security number?
///
/// ```
/// use cxkit_core::pii::ssn_valid;
/// assert!(ssn_valid("841-46-5309"));
/// assert!(!ssn_valid("666-41-2290"));
/// assert!(!ssn_valid("912-41-2290"));
/// assert!(!ssn_valid("841-00-5309"));
/// ```
pub fn ssn_valid(ssn: &str) -> bool {
    let digits: Vec<u8> = ssn
        .bytes()
        .filter(|b| *b != b'-' && *b != b' ')
        .map(|b| b.wrapping_sub(b'0'))
        .collect();
    digits.len() == 9 && digits.iter().all(|d| *d <= 9) && valid(&digits)
}

fn valid(d: &[u8]) -> bool {
    let number = |r: std::ops::Range<usize>| {
        d.get(r)
            .map(|s| s.iter().fold(0u32, |n, &x| n * 10 + u32::from(x)))
    };
    let (Some(area), Some(group), Some(serial)) = (number(0..3), number(3..5), number(5..9)) else {
        return false;
    };
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

/// Reads an SSN that is the whole of `run`: groups 3-2-4 separated by two hyphens or two spaces,
/// with a valid area, group and serial. Nine digits without separators are left to the phone
/// rules (a Spanish number has the same shape). Context rules: weak.
pub(crate) fn read(text: &str, run: &Run) -> Option<usize> {
    (!run.plus
        && !run.overflow
        && run.no_parens()
        && run.shape_is(&[3, 2, 4])
        && matches!(run.uniform_sep(), Some(Sep::Dash | Sep::Space))
        && valid(run.digits())
        && bounded(text, run.start, run.end(), Strength::Weak))
    .then(|| run.end())
}

#[cfg(test)]
mod tests {
    use super::super::scan::parse_run;
    use super::*;

    fn ssn(text: &str) -> bool {
        parse_run(text, 0).is_some_and(|r| read(text, &r).is_some())
    }

    #[test]
    fn ssn_rules() {
        assert!(ssn("841-46-5309"));
        assert!(ssn("080-37-3636."));
        assert!(ssn("841 46 5309"));
        assert!(!ssn("000-52-7183"));
        assert!(!ssn("666-41-2290"));
        assert!(!ssn("987-65-4321"));
        assert!(!ssn("841-46 5309"));
        assert!(!ssn("841-46-0000"));
        assert!(!ssn("841465309"));
        assert!(!ssn("841-46-5309-1"));
        assert!(!ssn_valid("84146530"));
    }
}
