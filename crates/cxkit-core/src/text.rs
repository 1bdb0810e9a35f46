//! Text folding shared by every lookup of words and labels.

/// Folds text for matching: lower case without diacritics (so "Difícil" matches "dificil" and
/// "ñ" matches "n"), every run of characters that are neither letters nor digits turned into one
/// space, trimmed.
///
/// Precomposed Latin-1 letters (all of Spanish, Portuguese, French, German) are mapped by
/// [`secular`]; combining diacritical marks (U+0300–U+036F, as in decomposed "e\u{301}") are
/// dropped; any other letter is lower-cased and kept.
///
/// ```
/// assert_eq!(cxkit_core::text::fold("  Muy  SATISFECHA! "), "muy satisfecha");
/// assert_eq!(cxkit_core::text::fold("Ni fácil / ni difícil"), "ni facil ni dificil");
/// assert_eq!(cxkit_core::text::fold("very-easy"), "very easy");
/// assert_eq!(cxkit_core::text::fold("atenci\u{f3}n"), cxkit_core::text::fold("atencio\u{301}n"));
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            let c = secular::lower_lay_char(c);
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// User text as echoed in an error message: cut to 60 characters (with "…"), so that a huge input
/// never becomes a huge message.
///
/// ```
/// assert_eq!(cxkit_core::text::excerpt("short"), "short");
/// assert_eq!(cxkit_core::text::excerpt(&"x".repeat(100)).chars().count(), 61);
/// ```
pub fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// Combining Diacritical Marks block (U+0300–U+036F).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
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
        assert_eq!(fold("Comunicações"), "comunicacoes");
        // Decomposed input: e + COMBINING ACUTE ACCENT.
        assert_eq!(fold("Difi\u{301}cil"), "dificil");
        // Outside Latin-1 letters are lower-cased and kept.
        assert_eq!(fold("ΔΙΑΦΟΡΆ"), "διαφορά");
    }
}
