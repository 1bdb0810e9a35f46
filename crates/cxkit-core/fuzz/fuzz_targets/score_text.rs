//! Fuzzes the tokenizer and scorer through `sentiment::score_text`: arbitrary text (any UTF-8,
//! including empty, control characters, emoji, combining marks) with arbitrary options. Checks:
//! no panic; an error only for an empty text, a text over `maxBytes` or an invalid option; a
//! result's score in −1..1 and finite sums; the label agreeing with the score and the thresholds;
//! every hit a char-aligned span of the text with correct UTF-16 offsets, in text order; and the
//! same score and label with and without hits.
#![no_main]

mod common;

use cxkit_core::ErrorCode;
use cxkit_core::sentiment::{
    DEFAULT_LABEL_THRESHOLD, SentimentLabel, SentimentOptions, score_text,
};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    options: common::Options,
    text: String,
}

fuzz_target!(|input: Input| {
    let options = input.options.to_core();
    let text = input.text.as_str();
    let r = match score_text(text, &options) {
        Ok(r) => r,
        Err(e) => {
            assert!(
                matches!(
                    e.code,
                    ErrorCode::EmptyInput | ErrorCode::TextTooLarge | ErrorCode::InvalidOption
                ),
                "unexpected error {e:?} for {text:?}"
            );
            if e.code == ErrorCode::InvalidOption {
                assert!(e.field.is_some(), "{e:?} names no field");
            }
            return;
        }
    };
    assert!(
        r.score.is_finite() && (-1.0..=1.0).contains(&r.score),
        "{r:?}"
    );
    assert!(r.positive.is_finite() && r.positive >= 0.0, "{r:?}");
    assert!(r.negative.is_finite() && r.negative >= 0.0, "{r:?}");
    // The label is decided on the score as reported (rounded to 6 decimals): the bands hold
    // exactly.
    let pos = options
        .positive_threshold
        .unwrap_or(DEFAULT_LABEL_THRESHOLD);
    let neg = options
        .negative_threshold
        .unwrap_or(DEFAULT_LABEL_THRESHOLD);
    match r.label {
        SentimentLabel::Positive => assert!(r.score >= pos, "{r:?}"),
        SentimentLabel::Negative => assert!(r.score <= -neg, "{r:?}"),
        SentimentLabel::Neutral => assert!(r.score < pos && r.score > -neg, "{r:?}"),
        SentimentLabel::Mixed => assert!(r.positive > 0.0 && r.negative > 0.0, "{r:?}"),
    }
    let mut last = 0;
    for h in &r.hits {
        common::check_span(
            text,
            h.start,
            h.end,
            Some((h.start_utf16, h.end_utf16)),
            &h.text,
        );
        assert!(h.start >= last, "hits out of order: {:?}", r.hits);
        last = h.start;
        assert!(h.contribution.is_finite() && h.valence.is_finite(), "{h:?}");
    }
    if options.hits == Some(false) {
        assert!(r.hits.is_empty());
    }
    // Hits are a by-product: leaving them out changes nothing else.
    let flipped = SentimentOptions {
        hits: Some(options.hits == Some(false)),
        ..options.clone()
    };
    match score_text(text, &flipped) {
        Ok(o) => assert!(
            o.score == r.score && o.label == r.label && o.language == r.language,
            "hits changed the result: {r:?} vs {o:?}"
        ),
        Err(e) => panic!("failed with hits flipped: {e:?}"),
    }
});
