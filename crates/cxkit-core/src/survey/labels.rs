//! Built-in answer labels in English and Spanish.
//!
//! Keys are stored already folded by [`crate::text::fold`] (lower case, no accents, single
//! spaces), so "Muy Fácil", "muy facil" and "MUY  FÁCIL" all match `"muy facil"`. Feminine and
//! masculine Spanish forms are both listed because answer texts agree with the question
//! ("¿Qué tan sencilla fue…?" → "muy sencilla").

/// CSAT on a 1–5 scale.
pub(crate) const CSAT_5: &[(&str, i32)] = &[
    // English
    ("very dissatisfied", 1),
    ("very unsatisfied", 1),
    ("extremely dissatisfied", 1),
    ("dissatisfied", 2),
    ("unsatisfied", 2),
    ("somewhat dissatisfied", 2),
    ("neutral", 3),
    ("neither satisfied nor dissatisfied", 3),
    ("neither dissatisfied nor satisfied", 3),
    ("satisfied", 4),
    ("somewhat satisfied", 4),
    ("very satisfied", 5),
    ("extremely satisfied", 5),
    ("completely satisfied", 5),
    // Spanish
    ("muy insatisfecho", 1),
    ("muy insatisfecha", 1),
    ("muy descontento", 1),
    ("muy descontenta", 1),
    ("nada satisfecho", 1),
    ("nada satisfecha", 1),
    ("insatisfecho", 2),
    ("insatisfecha", 2),
    ("descontento", 2),
    ("descontenta", 2),
    ("poco satisfecho", 2),
    ("poco satisfecha", 2),
    ("neutro", 3),
    ("neutra", 3),
    ("indiferente", 3),
    ("ni satisfecho ni insatisfecho", 3),
    ("ni satisfecha ni insatisfecha", 3),
    ("satisfecho", 4),
    ("satisfecha", 4),
    ("contento", 4),
    ("contenta", 4),
    ("bastante satisfecho", 4),
    ("bastante satisfecha", 4),
    ("muy satisfecho", 5),
    ("muy satisfecha", 5),
    ("muy contento", 5),
    ("muy contenta", 5),
    ("totalmente satisfecho", 5),
    ("totalmente satisfecha", 5),
];

/// Binary CSAT: 0 = bad, 1 = good (Zendesk and most chat tools send "good" / "bad").
pub(crate) const BINARY: &[(&str, i32)] = &[
    ("bad", 0),
    ("good", 1),
    ("thumbs down", 0),
    ("thumbs up", 1),
    ("no", 0),
    ("yes", 1),
    ("negative", 0),
    ("positive", 1),
    ("malo", 0),
    ("mala", 0),
    ("mal", 0),
    ("bueno", 1),
    ("buena", 1),
    ("bien", 1),
    ("si", 1),
    ("negativo", 0),
    ("negativa", 0),
    ("positivo", 1),
    ("positiva", 1),
];

/// CES 1.0: "How much effort did you personally have to put forth to handle your request?",
/// 1 = very low effort (good) … 5 = very high effort. Ease wording maps the other way round:
/// "very easy" = 1.
pub(crate) const CES_V1: &[(&str, i32)] = &[
    ("very low effort", 1),
    ("low effort", 2),
    ("moderate effort", 3),
    ("high effort", 4),
    ("very high effort", 5),
    ("very easy", 1),
    ("easy", 2),
    ("neutral", 3),
    ("neither easy nor difficult", 3),
    ("difficult", 4),
    ("very difficult", 5),
    ("muy poco esfuerzo", 1),
    ("poco esfuerzo", 2),
    ("esfuerzo moderado", 3),
    ("mucho esfuerzo", 4),
    ("muchisimo esfuerzo", 5),
    ("muy facil", 1),
    ("muy sencillo", 1),
    ("muy sencilla", 1),
    ("facil", 2),
    ("sencillo", 2),
    ("sencilla", 2),
    ("neutro", 3),
    ("neutra", 3),
    ("ni facil ni dificil", 3),
    ("dificil", 4),
    ("complicado", 4),
    ("complicada", 4),
    ("muy dificil", 5),
    ("muy complicado", 5),
    ("muy complicada", 5),
];

/// CES 2.0: agreement with "The company made it easy for me to handle my issue", 1 = strongly
/// disagree … 7 = strongly agree (high is good); ease wording from "very difficult" = 1 to
/// "very easy" = 7.
pub(crate) const CES_V2: &[(&str, i32)] = &[
    ("strongly disagree", 1),
    ("disagree", 2),
    ("somewhat disagree", 3),
    ("neither agree nor disagree", 4),
    ("neutral", 4),
    ("somewhat agree", 5),
    ("agree", 6),
    ("strongly agree", 7),
    ("very difficult", 1),
    ("difficult", 2),
    ("somewhat difficult", 3),
    ("neither easy nor difficult", 4),
    ("somewhat easy", 5),
    ("easy", 6),
    ("very easy", 7),
    ("totalmente en desacuerdo", 1),
    ("muy en desacuerdo", 1),
    ("en desacuerdo", 2),
    ("algo en desacuerdo", 3),
    ("parcialmente en desacuerdo", 3),
    ("ni de acuerdo ni en desacuerdo", 4),
    ("neutro", 4),
    ("neutra", 4),
    ("algo de acuerdo", 5),
    ("parcialmente de acuerdo", 5),
    ("de acuerdo", 6),
    ("totalmente de acuerdo", 7),
    ("muy de acuerdo", 7),
    ("muy dificil", 1),
    ("muy complicado", 1),
    ("muy complicada", 1),
    ("dificil", 2),
    ("complicado", 2),
    ("complicada", 2),
    ("algo dificil", 3),
    ("algo complicado", 3),
    ("algo complicada", 3),
    ("ni facil ni dificil", 4),
    ("algo facil", 5),
    ("algo sencillo", 5),
    ("algo sencilla", 5),
    ("facil", 6),
    ("sencillo", 6),
    ("sencilla", 6),
    ("muy facil", 7),
    ("muy sencillo", 7),
    ("muy sencilla", 7),
];

/// Looks a folded label up in a table.
pub(crate) fn lookup(table: &[(&str, i32)], folded: &str) -> Option<i32> {
    table
        .iter()
        .find(|(label, _)| *label == folded)
        .map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;
    use std::collections::HashMap;

    #[test]
    fn keys_are_folded_unique_and_in_range() {
        for (name, table, lo, hi) in [
            ("CSAT_5", CSAT_5, 1, 5),
            ("BINARY", BINARY, 0, 1),
            ("CES_V1", CES_V1, 1, 5),
            ("CES_V2", CES_V2, 1, 7),
        ] {
            let mut seen = HashMap::new();
            for &(k, v) in table {
                assert_eq!(fold(k), k, "{name}: key {k:?} is not folded");
                assert!((lo..=hi).contains(&v), "{name}: {k} = {v}");
                assert!(seen.insert(k, v).is_none(), "{name}: duplicate {k}");
            }
            // Every scale point has at least one English and one Spanish label.
            for point in lo..=hi {
                assert!(table.iter().filter(|(_, v)| *v == point).count() >= 2);
            }
        }
    }

    #[test]
    fn ease_wording_runs_in_opposite_directions_for_the_two_ces_versions() {
        assert_eq!(lookup(CES_V1, "very easy"), Some(1));
        assert_eq!(lookup(CES_V2, "very easy"), Some(7));
        assert_eq!(lookup(CES_V1, &fold("Muy difícil")), Some(5));
        assert_eq!(lookup(CES_V2, &fold("MUY DIFÍCIL")), Some(1));
        assert_eq!(lookup(CES_V2, &fold("muy sencilla")), Some(7));
        assert_eq!(lookup(CSAT_5, &fold("Muy Satisfecha")), Some(5));
        assert_eq!(lookup(BINARY, &fold("Sí")), Some(1));
        assert_eq!(lookup(BINARY, "meh"), None);
    }
}
