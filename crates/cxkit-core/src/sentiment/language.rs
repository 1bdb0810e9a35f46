//! Language detection between English and Spanish from function words.
//!
//! Each language has a list of about 60 frequent function words that are rare in the other
//! (articles, prepositions, pronouns, auxiliaries; words shared by both, such as `no`, `me`, `a`,
//! `he`, `son`, are left out). A word token found in a list is one point of evidence for its
//! language; a word holding `ñ` or an accented vowel, and each `¿` or `¡`, is one point for
//! Spanish. The language with more points wins; a tie (including no evidence at all) falls back
//! to the caller's default. A text is **mixed** when both languages reach
//! [`MIXED_MIN_EVIDENCE`] points and the smaller share is at least [`MIXED_MIN_SHARE`] of the
//! larger: its words are then looked up in the winning language first and in the other one
//! second.

use super::hash::FxMap;
use super::tokenize::{Tokens, tf};
use crate::model::Language;

/// Points each language needs before a text counts as mixed.
pub const MIXED_MIN_EVIDENCE: u32 = 2;
/// The smaller language's points over the larger's for a text to count as mixed.
pub const MIXED_MIN_SHARE: f64 = 0.3;

const EN: &[&str] = &[
    "the", "and", "is", "are", "was", "were", "be", "been", "being", "you", "your", "i", "my",
    "it", "its", "this", "that", "to", "of", "for", "with", "have", "has", "had", "not", "just",
    "can", "will", "would", "could", "should", "what", "when", "where", "why", "how", "they",
    "them", "we", "our", "us", "on", "at", "from", "but", "if", "so", "do", "does", "did", "an",
    "there", "get", "got", "please", "thanks", "thank", "hi", "hello", "yes", "yeah", "about",
    "all", "any", "into", "out", "up", "now", "still", "again", "because", "since", "after",
    "before", "some", "one", "really", "very", "know", "need", "want", "said", "told", "t", "s",
    "m", "ve", "ll", "which", "who", "been", "by", "or", "than", "then", "these", "those", "she",
    "her", "his", "him", "im", "dont", "didnt", "cant", "wont",
];

const ES: &[&str] = &[
    "el", "la", "los", "las", "lo", "de", "del", "que", "y", "en", "un", "una", "unos", "unas",
    "es", "por", "con", "para", "mi", "mis", "se", "le", "les", "su", "sus", "al", "pero", "muy",
    "esta", "este", "esto", "eso", "esa", "ese", "estoy", "estan", "como", "mas", "ya", "hay",
    "si", "yo", "tu", "te", "usted", "ustedes", "gracias", "hola", "nos", "fue", "ha", "han",
    "tengo", "tiene", "tienen", "cuando", "porque", "bueno", "nada", "todo", "tambien", "aqui",
    "ahora", "pues", "vale", "sin", "ni", "nunca", "donde", "quiero", "puede", "hace", "hacer",
    "cuenta", "pedido", "dinero", "dia", "dias", "vez", "otra", "otro", "desde", "hasta", "sobre",
    "entre", "cual", "quien", "estos", "estas", "algo", "mucho", "poco", "tan", "solo", "todavia",
    "ayer", "hoy", "semana", "llamada", "nadie", "mismo", "entonces", "q", "xq", "pq", "tb", "ok",
    "senor", "senora", "oiga", "mire", "favor", "verdad", "ahi", "asi",
];

/// Builds the stop-word table (bit 1 English, bit 2 Spanish).
pub(crate) fn stop_words() -> FxMap<&'static str, u8> {
    let mut m: FxMap<&'static str, u8> = FxMap::default();
    for w in EN {
        *m.entry(w).or_default() |= 1;
    }
    for w in ES {
        *m.entry(w).or_default() |= 2;
    }
    // "ok" is shared; keep it out.
    m.remove("ok");
    m
}

/// Points of evidence for each language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    pub en: u32,
    pub es: u32,
}

impl Evidence {
    pub fn add(&mut self, other: Evidence) {
        self.en += other.en;
        self.es += other.es;
    }

    /// The language with more points, or `fallback` on a tie.
    pub fn winner(self, fallback: Language) -> Language {
        match self.en.cmp(&self.es) {
            std::cmp::Ordering::Greater => Language::En,
            std::cmp::Ordering::Less => Language::Es,
            std::cmp::Ordering::Equal => fallback,
        }
    }

    /// Whether both languages are present in earnest.
    pub fn mixed(self) -> bool {
        let (lo, hi) = if self.en < self.es {
            (self.en, self.es)
        } else {
            (self.es, self.en)
        };
        lo >= MIXED_MIN_EVIDENCE && f64::from(lo) >= MIXED_MIN_SHARE * f64::from(hi)
    }

    /// Points for one language.
    pub fn of(self, l: Language) -> u32 {
        match l {
            Language::En => self.en,
            Language::Es => self.es,
        }
    }
}

/// Counts the evidence in tokenized text.
pub(crate) fn evidence(stop: &FxMap<&'static str, u8>, toks: &Tokens) -> Evidence {
    let mut e = Evidence {
        en: 0,
        es: toks.spanish_marks,
    };
    for t in &toks.toks {
        if !t.is_word() {
            continue;
        }
        if t.flags & tf::SPANISH != 0 {
            e.es += 1;
            continue;
        }
        let k = toks.key(t);
        if k.len() <= 8
            && let Some(bits) = stop.get(k)
        {
            if bits & 1 != 0 {
                e.en += 1;
            }
            if bits & 2 != 0 {
                e.es += 1;
            }
        }
    }
    e
}
