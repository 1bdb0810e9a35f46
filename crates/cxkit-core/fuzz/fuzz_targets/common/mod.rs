//! Shared by the sentiment and keyword targets: fuzzed options and speakers, and the checks of
//! spans against the text they point into.
#![allow(dead_code)] // each target uses part of it

use cxkit_core::model::{LanguageChoice, Speaker};
use cxkit_core::sentiment::SentimentOptions;
use libfuzzer_sys::arbitrary::{self, Arbitrary};

/// Sentiment options, each field absent or arbitrary (NaN and out-of-range values included:
/// they must come back as `invalid_option`, never as a panic).
#[derive(Debug, Arbitrary)]
pub struct Options {
    pub language: Option<u8>,
    pub positive_threshold: Option<f64>,
    pub negative_threshold: Option<f64>,
    pub mixed_threshold: Option<f64>,
    pub negation_window: Option<u32>,
    pub max_bytes: Option<u32>,
    pub hits: Option<bool>,
    pub late_weight: Option<f64>,
    pub trend_window: Option<f64>,
    pub trend_threshold: Option<f64>,
}

impl Options {
    pub fn to_core(&self) -> SentimentOptions {
        SentimentOptions {
            language: self.language.map(language),
            positive_threshold: self.positive_threshold,
            negative_threshold: self.negative_threshold,
            mixed_threshold: self.mixed_threshold,
            negation_window: self.negation_window,
            max_bytes: self.max_bytes,
            hits: self.hits,
            late_weight: self.late_weight,
            trend_window: self.trend_window,
            trend_threshold: self.trend_threshold,
            ..SentimentOptions::default()
        }
    }
}

pub fn language(b: u8) -> LanguageChoice {
    match b % 3 {
        0 => LanguageChoice::Auto,
        1 => LanguageChoice::En,
        _ => LanguageChoice::Es,
    }
}

pub fn speaker(b: u8) -> Speaker {
    Speaker::ALL[usize::from(b) % Speaker::ALL.len()]
}

/// `start..end` is a char-aligned span of `text` holding `value`, and the UTF-16 offsets (when
/// given) count the UTF-16 units before each end.
pub fn check_span(
    text: &str,
    start: usize,
    end: usize,
    utf16: Option<(usize, usize)>,
    value: &str,
) {
    assert!(
        start <= end && end <= text.len(),
        "{start}..{end} of {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{start}..{end}"
    );
    assert_eq!(text.get(start..end), Some(value), "{start}..{end}");
    if let Some((s16, e16)) = utf16 {
        let units = |at: usize| text.get(..at).map(|s| s.encode_utf16().count());
        assert_eq!(units(start), Some(s16), "UTF-16 start of {start}..{end}");
        assert_eq!(units(end), Some(e16), "UTF-16 end of {start}..{end}");
    }
}
