//! Text folding shared by every lookup of words and labels.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds text for matching: Unicode canonical decomposition (NFD) with combining marks removed
/// (so "Difícil" matches "dificil" and "ñ" matches "n"), lower case, every run of characters that
/// are neither letters nor digits turned into one space, trimmed.
///
/// ```
/// assert_eq!(cxkit_core::text::fold("  Muy  SATISFECHA! "), "muy satisfecha");
/// assert_eq!(cxkit_core::text::fold("Ni fácil / ni difícil"), "ni facil ni dificil");
/// assert_eq!(cxkit_core::text::fold("very-easy"), "very easy");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_separators() {
        assert_eq!(fold("ATENCIÓN"), "atencion");
        assert_eq!(fold("Ñandú"), "nandu");
        assert_eq!(fold("  a\t\nb  "), "a b");
        assert_eq!(fold("¡¿...?!"), "");
        assert_eq!(fold("Très   Satisfait"), "tres satisfait");
        assert_eq!(fold("ÜBER"), "uber");
    }
}
