//! The single left-to-right pass that finds candidate spans, and the context rules every detector
//! shares (what may stand right before and right after an entity, and how digit groups are read).
//!
//! The pass looks at bytes and acts only on ASCII bytes (`@`, `+`, `(`, letters and digits), which
//! in UTF-8 are always whole characters, so every position it records is a `char` boundary. Each
//! detector reads a bounded number of bytes from its start (at most a few hundred for an e-mail,
//! a few dozen for the others), so the pass is linear in the length of the text.

use super::{PiiType, card, email, iban, national_id, phone, ssn};

/// A detected span, before overlaps are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: PiiType,
}

/// How much context an entity needs around it.
///
/// Checksummed values (card, IBAN, DNI/NIE, CURP) are `Strong`: the checksum already makes a chance
/// match unlikely, so they only need to stand apart from neighbouring letters and digits. Phone
/// numbers and SSNs carry no checksum and are `Weak`: they also refuse to follow or precede an
/// amount's currency sign, a `#` (order and ticket numbers) or a code joined by a hyphen
/// (`INC-612345678`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    Strong,
    Weak,
}

/// Letters, digits (of any script) and combining marks glue to an entity: `X612345678`,
/// `612345678a` and `٣612345678` are not phone numbers.
pub(crate) fn is_wordish(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Combining marks in the common blocks: Combining Diacritical Marks (and Extended, and
/// Supplement), Combining Marks for Symbols, Combining Half Marks.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// Spaces that may separate digit groups: space, no-break space, narrow no-break space, figure
/// space and thin space.
pub(crate) fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}')
}

/// Hyphens that may separate digit groups: hyphen-minus, hyphen and non-breaking hyphen (not the
/// en dash, which writes ranges such as `8:00–12:00`).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Currency signs: `$ ¢ £ ¤ ¥` and the Currency Symbols block (`€ ₹ ₽ ₩ ₺ ₱` …).
fn is_currency(c: char) -> bool {
    matches!(c, '$' | '\u{a2}'..='\u{a5}' | '\u{20a0}'..='\u{20cf}')
}

fn is_ascii_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// The two characters before byte `at` (nearest first).
fn before(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text.get(..at).unwrap_or("").chars().rev();
    (it.next(), it.next())
}

/// The two characters from byte `at` on.
fn after(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text.get(at..).unwrap_or("").chars();
    (it.next(), it.next())
}

/// May an entity of this strength start at byte `start`?
///
/// Never right after a letter, digit or combining mark, `_`, `@` or `+`; never right after
/// `.` `,` `:` `/` `-` that follow a digit (the rest of a date, time, amount or longer number:
/// `03/14`, `5:30`, `1.249`). Weak entities also never follow a hyphen joined to a word
/// (`INC-…`), a `#` or `№`, or a currency sign (with or without one space between).
pub(crate) fn left_ok(text: &str, start: usize, strength: Strength) -> bool {
    let (p, pp) = before(text, start);
    let Some(p) = p else { return true };
    if is_wordish(p) {
        return false;
    }
    let weak = strength == Strength::Weak;
    match p {
        '_' | '@' | '+' => false,
        '.' | ',' | ':' | '/' => !is_ascii_digit(pp),
        c if is_hyphen(c) => {
            if weak {
                !pp.is_some_and(is_wordish)
            } else {
                !is_ascii_digit(pp)
            }
        }
        '#' | '\u{2116}' => !weak,
        c if is_currency(c) => !weak,
        c if is_space_like(c) && weak => !pp.is_some_and(is_currency),
        _ => true,
    }
}

/// May an entity of this strength end at byte `end`?
///
/// Never right before a letter, digit or combining mark, `_` or `@`; never before `.` `,` `:`
/// `/` `-` followed by a digit (`5:30`, `1,249.00`, `2024-05`). Weak entities also never precede
/// `%`, a hyphen joined to a word, or a currency sign (with or without one space between).
pub(crate) fn right_ok(text: &str, end: usize, strength: Strength) -> bool {
    let (n, nn) = after(text, end);
    let Some(n) = n else { return true };
    if is_wordish(n) {
        return false;
    }
    let weak = strength == Strength::Weak;
    match n {
        '_' | '@' => false,
        '.' | ',' | ':' | '/' => !is_ascii_digit(nn),
        c if is_hyphen(c) => {
            if weak {
                !nn.is_some_and(is_wordish)
            } else {
                !is_ascii_digit(nn)
            }
        }
        '%' => !weak,
        c if is_currency(c) => !weak,
        c if is_space_like(c) && weak => !nn.is_some_and(is_currency),
        _ => true,
    }
}

/// Both [`left_ok`] and [`right_ok`].
pub(crate) fn bounded(text: &str, start: usize, end: usize, strength: Strength) -> bool {
    left_ok(text, start, strength) && right_ok(text, end, strength)
}

/// The separator written before a digit group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// The first group, or a group right after a closing parenthesis: `(55)1234`.
    None,
    /// One space-like character ([`is_space_like`]).
    Space,
    /// One hyphen.
    Dash,
    /// One full stop.
    Dot,
}

/// One group of ASCII digits, possibly in parentheses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group {
    /// First byte of the group (the `(` when in parentheses).
    pub start: usize,
    /// One past the last byte (after the `)` when in parentheses).
    pub end: usize,
    /// Number of digits.
    pub len: usize,
    /// Written in parentheses.
    pub paren: bool,
    /// Separator before the group.
    pub sep: Sep,
}

/// Groups in a run beyond which the run is not a phone, card or SSN.
pub(crate) const MAX_GROUPS: usize = 8;
/// Digits in a run beyond which the run is not a phone, card or SSN.
pub(crate) const MAX_DIGITS: usize = 24;

/// A run of digit groups joined by single separators: `+34 612 345 678`, `(55) 1234-5678`,
/// `4425 5503 4910 6545`, `841-46-5309`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// Starts with `+` (or `(+`): an international number.
    pub plus: bool,
    /// First byte (the `+`, `(` or first digit).
    pub start: usize,
    groups: [Group; MAX_GROUPS],
    ngroups: usize,
    digits: [u8; MAX_DIGITS],
    ndigits: usize,
    /// More groups or digits than any detector accepts follow.
    pub overflow: bool,
}

const EMPTY_GROUP: Group = Group {
    start: 0,
    end: 0,
    len: 0,
    paren: false,
    sep: Sep::None,
};

impl Run {
    /// The groups, in order.
    pub fn groups(&self) -> &[Group] {
        self.groups.get(..self.ngroups).unwrap_or(&[])
    }

    /// All digits of the run, as values 0–9.
    pub fn digits(&self) -> &[u8] {
        self.digits.get(..self.ndigits).unwrap_or(&[])
    }

    /// One past the last byte of the run.
    pub fn end(&self) -> usize {
        self.groups().last().map_or(self.start, |g| g.end)
    }

    /// Group lengths equal `pattern`.
    pub fn shape_is(&self, pattern: &[usize]) -> bool {
        self.groups().len() == pattern.len()
            && self.groups().iter().zip(pattern).all(|(g, &n)| g.len == n)
    }

    /// No group is in parentheses.
    pub fn no_parens(&self) -> bool {
        self.groups().iter().all(|g| !g.paren)
    }

    /// The one kind of separator between the groups: `Some(Sep::None)` for a single group,
    /// `None` when the kinds are mixed.
    pub fn uniform_sep(&self) -> Option<Sep> {
        let mut seps = self.groups().iter().skip(1).map(|g| g.sep);
        let Some(first) = seps.next() else {
            return Some(Sep::None);
        };
        seps.all(|s| s == first).then_some(first)
    }

    fn push(&mut self, text: &[u8], group: Group, digits_start: usize) -> bool {
        if self.ngroups >= MAX_GROUPS || self.ndigits + group.len > MAX_DIGITS {
            self.overflow = true;
            return false;
        }
        let Some(ds) = text.get(digits_start..digits_start + group.len) else {
            return false;
        };
        for (slot, &b) in self
            .digits
            .iter_mut()
            .skip(self.ndigits)
            .zip(ds.iter().take(group.len))
        {
            *slot = b.wrapping_sub(b'0');
        }
        self.ndigits += group.len;
        if let Some(slot) = self.groups.get_mut(self.ngroups) {
            *slot = group;
        }
        self.ngroups += 1;
        true
    }
}

fn count_digits(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// The separator at `at`, if it is one followed by a digit or `(`: its kind and byte length.
fn separator(text: &str, at: usize) -> Option<(Sep, usize)> {
    let (c, next) = after(text, at);
    let c = c?;
    let kind = if is_space_like(c) {
        Sep::Space
    } else if is_hyphen(c) {
        Sep::Dash
    } else if c == '.' {
        Sep::Dot
    } else {
        return None;
    };
    matches!(next, Some('0'..='9' | '(')).then_some((kind, c.len_utf8()))
}

/// Reads the run of digit groups that starts at `start` (a digit, `+`, `(` or `(+`).
///
/// Returns `None` when no digit group starts there (a lone `+`, an unclosed parenthesis).
pub(crate) fn parse_run(text: &str, start: usize) -> Option<Run> {
    let bytes = text.as_bytes();
    let mut run = Run {
        plus: false,
        start,
        groups: [EMPTY_GROUP; MAX_GROUPS],
        ngroups: 0,
        digits: [0; MAX_DIGITS],
        ndigits: 0,
        overflow: false,
    };
    let mut pos = start;
    let mut sep = Sep::None;
    match (bytes.get(start), bytes.get(start + 1)) {
        // "(+34) 612 345 678": the country code in parentheses.
        (Some(b'('), Some(b'+')) => {
            let n = count_digits(bytes, start + 2);
            if !(1..=3).contains(&n) || bytes.get(start + 2 + n) != Some(&b')') {
                return None;
            }
            run.plus = true;
            let group = Group {
                start,
                end: start + 3 + n,
                len: n,
                paren: true,
                sep: Sep::None,
            };
            run.push(bytes, group, start + 2);
            pos = group.end;
            match separator(text, pos) {
                Some((Sep::Space, w)) => {
                    pos += w;
                    sep = Sep::Space;
                }
                _ if bytes.get(pos).is_some_and(u8::is_ascii_digit) => {}
                _ => return Some(run),
            }
        }
        (Some(b'+'), Some(b'0'..=b'9')) => {
            run.plus = true;
            pos += 1;
        }
        (Some(b'+'), _) => return None,
        _ => {}
    }
    loop {
        let paren = bytes.get(pos) == Some(&b'(');
        let digits_start = if paren { pos + 1 } else { pos };
        let n = count_digits(bytes, digits_start);
        let closed = !paren || bytes.get(digits_start + n) == Some(&b')');
        if n == 0 || !closed {
            break;
        }
        let group = Group {
            start: pos,
            end: digits_start + n + usize::from(paren),
            len: n,
            paren,
            sep,
        };
        if !run.push(bytes, group, digits_start) {
            break;
        }
        pos = group.end;
        if paren && bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            sep = Sep::None;
            continue;
        }
        match separator(text, pos) {
            Some((kind, width)) if !(paren && kind != Sep::Space) => {
                sep = kind;
                pos += width;
            }
            _ => break,
        }
    }
    (run.ngroups > 0).then_some(run)
}

/// Byte classes for the scan loop: bit 0 for ASCII letters and digits, bit 1 for the bytes at
/// which a detector may start (those and `@`, `+`, `(`), bit 2 for the bytes a run of digit
/// groups may contain (digits, ASCII separators `space - . ( ) +`, and any non-ASCII byte, which
/// covers the multi-byte spaces and hyphens).
#[allow(clippy::indexing_slicing)] // evaluated at compile time: a bad index fails the build
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let alnum = b.is_ascii_alphanumeric();
        let start = alnum || b == b'@' || b == b'+' || b == b'(';
        let run = b.is_ascii_digit()
            || !b.is_ascii()
            || matches!(b, b' ' | b'-' | b'.' | b'(' | b')' | b'+');
        t[i] = alnum as u8 | (start as u8) << 1 | (run as u8) << 2;
        i += 1;
    }
    t
};

fn class(b: u8, bit: u8) -> bool {
    CLASS.get(usize::from(b)).is_some_and(|c| c & bit != 0)
}

/// ASCII letters and digits from `at` on: the end of the word.
fn ascii_word_end(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| !class(b, 1)))
        .map_or(bytes.len(), |n| at + n)
}

/// The bytes at which a detector may start: `@`, `+`, `(`, ASCII letters and digits.
fn may_start(b: u8) -> bool {
    class(b, 2)
}

/// The fewest digits any rule that reads digit groups accepts (a DNI's 8 digits, or a `+`
/// number of 8 digits with its country code; national phones, SSNs and cards need more).
const MIN_RUN_DIGITS: usize = 8;

/// Could a run of digit groups from `start` hold [`MIN_RUN_DIGITS`] digits? Counts digits over
/// the bytes a run may contain (a superset of what [`parse_run`] reads), so a `false` is certain
/// and most dates, times, amounts and short codes are passed over without parsing a run.
fn enough_digits(bytes: &[u8], start: usize) -> bool {
    let mut digits = 0;
    for &b in bytes.get(start..).unwrap_or(&[]) {
        if !class(b, 4) {
            return false;
        }
        digits += usize::from(b.is_ascii_digit());
        if digits >= MIN_RUN_DIGITS {
            return true;
        }
    }
    false
}

/// Finds every candidate span in `text`, in no particular order.
pub(crate) fn candidates(text: &str, out: &mut Vec<Candidate>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Spaces, punctuation and non-ASCII bytes are skipped in one tight loop.
    while let Some(skip) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| may_start(b)))
    {
        i += skip;
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'@' => {
                email::at(text, i, out);
                i += 1;
            }
            b'0'..=b'9' => {
                let word_end = ascii_word_end(bytes, i);
                i = if enough_digits(bytes, i) && left_ok(text, i, Strength::Strong) {
                    match parse_run(text, i) {
                        Some(run) => numeric_run(text, &run, out).0.max(word_end),
                        None => word_end,
                    }
                } else {
                    word_end
                };
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                let word_end = ascii_word_end(bytes, i);
                // Cheap shape checks first: most words are none of these.
                let iban_head = bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
                    && bytes.get(i + 3).is_some_and(u8::is_ascii_digit);
                let nie_head = matches!(b | 0x20, b'x' | b'y' | b'z')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let curp_len = word_end - i == national_id::CURP_LEN;
                if (iban_head || nie_head || curp_len) && left_ok(text, i, Strength::Strong) {
                    if iban_head {
                        iban::at(text, i, out);
                    }
                    national_id::at_letter(text, i, nie_head, curp_len, out);
                }
                i = word_end;
            }
            b'+' | b'(' => {
                i = match enough_digits(bytes, i)
                    .then(|| parse_run(text, i))
                    .flatten()
                {
                    Some(run) if left_ok(text, i, Strength::Weak) => {
                        let (next, found) = numeric_run(text, &run, out);
                        if b == b'(' && !found && !run.plus {
                            // "(1) 612 345 678": nothing read as a whole, so look again after the
                            // parenthesised group.
                            run.groups().first().map_or(i + 1, |g| g.end)
                        } else {
                            next
                        }
                    }
                    _ => i + 1,
                };
            }
            _ => i += 1,
        }
    }
}

/// Does the run at `start` continue an IBAN-shaped string: is it preceded by one space-like
/// character and a word of two letters and two digits (a country code and check digits, `DE46`)?
/// Then it is the rest of an IBAN (a valid one is found by the IBAN rule; an invalid one is a
/// look-alike), not a card, phone number or SSN that happens to fit its digits.
fn follows_iban_head(text: &str, start: usize) -> bool {
    let Some(head) = text.get(..start) else {
        return false;
    };
    let mut rev = head.chars().rev();
    if !rev.next().is_some_and(is_space_like) {
        return false;
    }
    let (Some(d2), Some(d1), Some(l2), Some(l1)) = (rev.next(), rev.next(), rev.next(), rev.next())
    else {
        return false;
    };
    d1.is_ascii_digit()
        && d2.is_ascii_digit()
        && l1.is_ascii_alphabetic()
        && l2.is_ascii_alphabetic()
        && rev.next().is_none_or(|c| !is_wordish(c))
}

/// Runs the detectors that read digit groups. Returns where scanning resumes (the end of a phone
/// number that covers only the start of the run, else the end of the run) and whether anything
/// was found.
fn numeric_run(text: &str, run: &Run, out: &mut Vec<Candidate>) -> (usize, bool) {
    let before = out.len();
    let mut resume = run.end();
    if follows_iban_head(text, run.start) {
        return (resume, false);
    }
    let mut push = |end: usize, kind: PiiType| {
        out.push(Candidate {
            start: run.start,
            end,
            kind,
        })
    };
    if let Some(end) = phone::read(text, run) {
        push(end, PiiType::Phone);
        resume = end;
    }
    if !run.plus {
        if let Some(end) = card::read(text, run) {
            push(end, PiiType::Card);
        }
        if let Some(end) = ssn::read(text, run) {
            push(end, PiiType::Ssn);
        }
        for g in run.groups() {
            if !g.paren {
                national_id::at_digits(text, g.start, out);
            }
        }
    }
    (resume, out.len() > before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<usize> {
        parse_run(text, 0)
            .map(|r| r.groups().iter().map(|g| g.len).collect())
            .unwrap_or_default()
    }

    #[test]
    fn runs_read_groups_and_separators() {
        assert_eq!(shape("612 345 678"), [3, 3, 3]);
        assert_eq!(shape("612\u{a0}345\u{a0}678 y"), [3, 3, 3]);
        assert_eq!(shape("(55) 1234-5678"), [2, 4, 4]);
        assert_eq!(shape("+1 (305) 555-0112."), [1, 3, 3, 4]);
        assert_eq!(shape("(+34) 612 345 678"), [2, 3, 3, 3]);
        assert_eq!(shape("5:30"), [1]);
        assert_eq!(shape("617.204.539."), [3, 3, 3]);
        assert_eq!(shape("612  345"), [3]);
        assert_eq!(shape("(12 34)"), Vec::<usize>::new());
        assert_eq!(shape("+"), Vec::<usize>::new());
        let r = parse_run("+44 (0)20 7946 0321", 0).unwrap();
        assert!(r.plus);
        assert_eq!(r.groups().get(1).map(|g| (g.paren, g.len)), Some((true, 1)));
        assert_eq!(r.groups().get(2).map(|g| g.sep), Some(Sep::None));
        let long = "1 ".repeat(30);
        assert!(parse_run(&long, 0).unwrap().overflow);
    }

    #[test]
    fn context_rules() {
        let t = "x 612345678 y";
        assert!(bounded(t, 2, 11, Strength::Weak));
        assert!(!left_ok("INC-612", 4, Strength::Weak));
        assert!(left_ok("INC-612", 4, Strength::Strong));
        assert!(!left_ok("03/14", 3, Strength::Strong));
        assert!(left_ok("tel:612", 4, Strength::Weak));
        assert!(!left_ok("$ 612", 2, Strength::Weak));
        assert!(!right_ok("612 €", 3, Strength::Weak));
        assert!(!right_ok("5:30", 1, Strength::Strong));
        assert!(right_ok("678.", 3, Strength::Weak));
        assert!(!right_ok("678e\u{301}", 3, Strength::Weak));
        assert!(!left_ok("#48213977", 1, Strength::Weak));
    }
}
