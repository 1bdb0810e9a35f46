//! E-mail addresses.
//!
//! Sources: RFC 5322 §3.4.1 (addr-spec: local part `@` domain; dot-atom local parts), RFC 5321
//! §4.5.3.1 (local part at most 64 octets, domain at most 255), RFC 1035 §2.3.1 and RFC 5890
//! (labels of letters, digits and hyphens, 1–63 characters, not starting or ending with a hyphen;
//! internationalised labels), RFC 6531 (non-ASCII local parts).

use super::PiiType;
use super::scan::Candidate;

/// Longest local part read (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL: usize = 64;
/// Longest domain read (RFC 5321 §4.5.3.1.2).
const MAX_DOMAIN: usize = 255;

/// Letters and digits an address may hold: ASCII, the Latin letters with diacritics
/// (U+00C0–U+024F, without `×` and `÷`: `josé@ejemplo.es`, `müller@bücher.example`) and combining
/// diacritics. Other scripts are left out on purpose: Chinese, Japanese or Thai text has no
/// spaces between words, and would otherwise be read into the address.
fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{c0}'..='\u{24f}' | '\u{300}'..='\u{36f}') && c != '×' && c != '÷'
}

/// Characters of a local part as written in running text: [`is_latin_alnum`] and
/// `. _ % + - '`. The rarer RFC 5322 `atext` symbols (`! # $ & * / = ? ^ { | } ~` and the
/// backquote) are left out because in prose they are punctuation around an address.
fn is_local(c: char) -> bool {
    is_latin_alnum(c) || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_domain(c: char) -> bool {
    is_latin_alnum(c) || c == '-' || c == '.'
}

/// Reads the address around the `@` at byte `at`.
///
/// The local part is the longest run of local characters ([`is_local`]) before the `@` (at most 64), cut after
/// a `..` (an ellipsis before the address) and stripped of leading `. ' + - %`. The domain is the
/// longest run of letters and digits ([`is_latin_alnum`]), `-` and `.` after it (at most 255), cut before a `..` and
/// stripped of trailing `.` and `-` (sentence punctuation: `name@example.com.` and
/// `name@example.com...` end at `com`). The domain needs two or more labels of 1–63 characters
/// that neither start nor end with `-`, and a last label (the top-level domain) of two or more
/// letters, or an `xn--` A-label.
pub(crate) fn at(text: &str, at: usize, out: &mut Vec<Candidate>) {
    if let Some((start, end)) = read(text, at) {
        out.push(Candidate {
            start,
            end,
            kind: PiiType::Email,
        });
    }
}

fn read(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = text.get(..at)?;
    let after = text.get(at + 1..)?;

    // Local part, right to left.
    let mut start = at;
    let mut count = 0;
    let mut prev_dot = false;
    for (i, c) in before.char_indices().rev() {
        if !is_local(c) {
            break;
        }
        if c == '.' && prev_dot {
            // "…..name@": the address starts after the double dot.
            start += 1;
            break;
        }
        prev_dot = c == '.';
        count += 1;
        if count > MAX_LOCAL {
            return None;
        }
        start = i;
    }
    let local = text.get(start..at)?;
    let trimmed = local.trim_start_matches(['.', '\'', '+', '-', '%']);
    let start = at - trimmed.len();
    // (The scan above already stopped at any "..".)
    if trimmed.is_empty() || trimmed.ends_with('.') {
        return None;
    }

    // Domain, left to right.
    let mut len = 0;
    for (i, c) in after.char_indices() {
        if !is_domain(c) {
            break;
        }
        len = i + c.len_utf8();
        if len > MAX_DOMAIN {
            return None;
        }
    }
    // Cut before a "..": the domain ends there.
    let cut = after
        .as_bytes()
        .get(..len)?
        .windows(2)
        .position(|w| w == b"..")
        .unwrap_or(len);
    let domain = after.get(..cut)?.trim_end_matches(['.', '-']);
    if !valid_domain(domain) {
        return None;
    }
    let end = at + 1 + domain.len();
    // "a@b.example@c": not an address.
    if text.get(end..).is_some_and(|rest| rest.starts_with('@')) {
        return None;
    }
    Some((start, end))
}

fn valid_domain(domain: &str) -> bool {
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let chars = label.chars().count();
        if !(1..=63).contains(&chars) || label.starts_with('-') || label.ends_with('-') {
            return false;
        }
        labels += 1;
        last = label;
    }
    let tld_ok = last.chars().count() >= 2 && last.chars().all(char::is_alphabetic)
        || last.len() > 4
            && last
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
            && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    labels >= 2 && tld_ok && domain.chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(text: &str) -> Option<&str> {
        let at = text.find('@')?;
        read(text, at).and_then(|(s, e)| text.get(s..e))
    }

    #[test]
    fn addresses_and_their_edges() {
        assert_eq!(email("is sam@example.org!"), Some("sam@example.org"));
        assert_eq!(
            email("(x.y+tag@mail.example.net)"),
            Some("x.y+tag@mail.example.net")
        );
        assert_eq!(
            email("typed k.osei@example.com..."),
            Some("k.osei@example.com")
        );
        assert_eq!(
            email("«ab.ortiz@clientes.example.org»"),
            Some("ab.ortiz@clientes.example.org")
        );
        assert_eq!(email("etc...bob@example.com"), Some("bob@example.com"));
        assert_eq!(email("'o'brien@example.ie'"), Some("o'brien@example.ie"));
        assert_eq!(email("josé@ejemplo.es"), Some("josé@ejemplo.es"));
        assert_eq!(
            email("a@xn--bcher-kva.example"),
            Some("a@xn--bcher-kva.example")
        );
        assert_eq!(email("x@b.xn--p1ai"), Some("x@b.xn--p1ai"));
        assert_eq!(email("邮箱sam@example.org的"), Some("sam@example.org"));
        assert_eq!(
            email("jose\u{301}@example.es"),
            Some("jose\u{301}@example.es")
        );
        assert_eq!(email("user@localhost"), None);
        assert_eq!(email("user@example.c"), None);
        assert_eq!(email("user@example.123"), None);
        assert_eq!(email("@example.com"), None);
        assert_eq!(email("a.@example.com"), None);
        assert_eq!(email("a@-x.example.com"), None);
        assert_eq!(email("a@b.example@c"), None);
        assert_eq!(email(&format!("{}@example.com", "a".repeat(65))), None);
        assert_eq!(
            email(&format!("{}@example.com", "a".repeat(64))).map(str::len),
            Some(76)
        );
    }
}
