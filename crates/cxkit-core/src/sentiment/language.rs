//! Language detection between English and Spanish from function words.
//!
//! Each language has a list of about 100 frequent function words that are rare in the other
//! (articles, prepositions, pronouns, auxiliaries: [`super::words`]; words shared by both, such
//! as `no`, `me`, `a`, `he`, `son`, are left out). A word token found in a list is one point of evidence for its
//! language; a word holding `ñ` or an accented vowel, and each `¿` or `¡`, is one point for
//! Spanish. The language with more points wins; a tie (including no evidence at all) falls back
//! to the caller's default. A text is **mixed** when both languages reach
//! [`MIXED_MIN_EVIDENCE`] points and the smaller share is at least [`MIXED_MIN_SHARE`] of the
//! larger: its words are then looked up in the winning language first and in the other one
//! second.

use super::lexicon::Lexicon;
use super::tokenize::{Tokens, tf};
use super::words::wf;
use crate::model::Language;

/// Points each language needs before a text counts as mixed.
pub const MIXED_MIN_EVIDENCE: u32 = 2;
/// The smaller language's points over the larger's for a text to count as mixed.
pub const MIXED_MIN_SHARE: f64 = 0.3;

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

/// Counts the evidence in tokenized text (the tokenizer resolved each word's slot).
pub(crate) fn evidence(lex: &Lexicon, toks: &Tokens) -> Evidence {
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
        if let Some(&bits) = lex.index.flags.get(t.slot as usize) {
            e.en += u32::from(bits & wf::STOP_EN != 0);
            e.es += u32::from(bits & wf::STOP_ES != 0);
        }
    }
    e
}
