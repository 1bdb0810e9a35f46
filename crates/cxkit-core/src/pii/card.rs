//! Payment card numbers (PAN): 13–19 digits that pass the Luhn check.
//!
//! Sources: ISO/IEC 7812-1 (the card number: issuer identification number, account number, and a
//! final check digit computed with the Luhn "mod 10" algorithm, Annex B; the first digit is the
//! major industry identifier), and the PCI DSS glossary (a PAN has up to 19 digits).

use super::scan::{Run, Sep, Strength, bounded};

/// Luhn (ISO/IEC 7812-1 Annex B, US patent 2,950,048): from the rightmost digit, double every
/// second digit, subtract 9 from any result above 9, and sum; the number is valid when the sum is
/// a multiple of 10. Spaces and hyphens are ignored; any other character, or fewer than two
/// digits, makes the number invalid.
///
/// ```
/// use cxkit_core::pii::luhn_valid;
/// assert!(luhn_valid("4425 5503 4910 6545"));
/// assert!(!luhn_valid("4249-0807-5165-6140"));
/// assert!(!luhn_valid("4425 55O3"));
/// ```
pub fn luhn_valid(number: &str) -> bool {
    let mut digits = Vec::with_capacity(number.len());
    for c in number.chars() {
        match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => digits.push(d as u8),
            _ if c == ' ' || c == '-' => {}
            _ => return false,
        }
    }
    digits.len() >= 2 && luhn(&digits)
}

/// Luhn over digit values 0–9.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Reads a card number that is the whole of `run`; returns its end.
///
/// 13–19 digits, first digit 2–6 (the major industry identifiers of the payment networks: 2 and
/// 5 Mastercard, 3 American Express, Diners Club and JCB, 4 Visa, 6 Discover, UnionPay and
/// Maestro), Luhn-valid, written without separators or in groups with one kind of separator (a
/// space or a hyphen): 4-4-4-4 and other groups of four ending in a shorter group (13 = 4-4-4-1,
/// 19 = 4-4-4-4-3), American Express 4-6-5, Diners Club 4-6-4, and 13-digit 4-3-3-3. No
/// parentheses, no `+`. Context rules: strong.
pub(crate) fn read(text: &str, run: &Run) -> Option<usize> {
    if run.plus || run.overflow || !run.no_parens() {
        return None;
    }
    let digits = run.digits();
    if !(13..=19).contains(&digits.len()) || !(2..=6).contains(digits.first()?) {
        return None;
    }
    if !matches!(run.uniform_sep(), Some(Sep::None | Sep::Space | Sep::Dash)) {
        return None;
    }
    let groups = run.groups();
    let fours = groups.len() > 1
        && groups
            .iter()
            .enumerate()
            .all(|(i, g)| g.len == 4 || (i + 1 == groups.len() && (1..4).contains(&g.len)));
    let shaped = groups.len() == 1
        || fours
        || run.shape_is(&[4, 6, 5])
        || run.shape_is(&[4, 6, 4])
        || run.shape_is(&[4, 3, 3, 3]);
    (shaped && luhn(digits) && bounded(text, run.start, run.end(), Strength::Strong))
        .then(|| run.end())
}

#[cfg(test)]
mod tests {
    use super::super::scan::parse_run;
    use super::*;

    fn card(text: &str) -> bool {
        parse_run(text, 0).is_some_and(|r| read(text, &r).is_some())
    }

    #[test]
    fn cards_need_shape_network_and_luhn() {
        assert!(card("4425 5503 4910 6545"));
        assert!(card("5459-2174-1678-8581"));
        assert!(card("3641 857554 5324"));
        assert!(card("3754 633826 06058"));
        assert!(card("6207 5613 6644 4278 775"));
        assert!(card("4909817290081"));
        assert!(!card("5284-4120-1701-5239")); // Luhn fails
        assert!(!card("4425-5503 4910-6545")); // mixed separators
        assert!(!card("44 2555 0349 1065 45")); // not a card grouping
        assert!(!card("8425550349106546")); // Luhn-valid but no payment network starts with 8
        assert!(!card("4425.5503.4910.6545"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("0"));
    }
}
