//! Transcript sentiment in English and Spanish (draft docs; see the final module docs).

mod engine;
mod hash;
mod language;
mod lexicon;
mod tokenize;
mod transcript;
mod types;
mod words;

pub use engine::{
    ALPHA, BOOST_WINDOW, CAPS_BOOST, DAMPEN_FLOOR, ELONGATION_BOOST, EXCLAMATION_BOOST,
    IMPLIED_CONTRAST, IMPLIED_MIN_WORDS, MAX_EXCLAMATIONS, MAX_QUESTIONS, MIXED_BALANCE,
    NEGATED_NEGATIVE_SCALE, QUESTION_BOOST, SYMBOL_DISAGREE_SCALE,
};
pub use language::{MIXED_MIN_EVIDENCE, MIXED_MIN_SHARE};
pub use lexicon::{Lexicon, MAX_PHRASE_WORDS, MAX_TERM_BYTES, ModifierKind};
pub use tokenize::{Token, TokenKind, tokenize};
pub use types::{
    DEFAULT_LABEL_THRESHOLD, DEFAULT_LATE_WEIGHT, DEFAULT_MAX_BYTES, DEFAULT_MIXED_THRESHOLD,
    DEFAULT_NEGATION_WINDOW, DEFAULT_TREND_THRESHOLD, DEFAULT_TREND_WINDOW, Hit, HitKind,
    QuarterBasis, SentimentLabel, SentimentOptions, SpeakerSentiment, Speakers, TextScore,
    TranscriptScore, Trend, TrendDirection, TurnScore,
};

use crate::error::Result;
use crate::model::Transcript;

impl Lexicon {
    /// Scores one text with this lexicon. See [`score_text`].
    pub fn score_text(&self, text: &str, options: &SentimentOptions) -> Result<TextScore> {
        transcript::score_text(self, text, options)
    }

    /// Scores a transcript with this lexicon. See [`score_transcript`].
    pub fn score_transcript(
        &self,
        transcript: &Transcript,
        options: &SentimentOptions,
    ) -> Result<TranscriptScore> {
        transcript::score_transcript(self, transcript, options)
    }
}

/// Scores one text with the built-in lexicons.
pub fn score_text(text: &str, options: &SentimentOptions) -> Result<TextScore> {
    Lexicon::builtin_ref().score_text(text, options)
}

/// Scores a transcript with the built-in lexicons.
pub fn score_transcript(
    transcript: &Transcript,
    options: &SentimentOptions,
) -> Result<TranscriptScore> {
    Lexicon::builtin_ref().score_transcript(transcript, options)
}
