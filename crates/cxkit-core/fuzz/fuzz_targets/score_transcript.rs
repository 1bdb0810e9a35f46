//! Fuzzes `sentiment::score_transcript` with arbitrary turns (any speaker, any text, arbitrary
//! timings including NaN and reversed ones) and arbitrary options. Checks: no panic; an error
//! only with a documented code; a result with one score per turn, each in −1..1, per-speaker
//! means in −1..1 and quarters in −5..5, the overall score in −100..100, and the trend's
//! direction agreeing with its change and the threshold.
#![no_main]

mod common;

use cxkit_core::ErrorCode;
use cxkit_core::model::{Transcript, Turn};
use cxkit_core::sentiment::{DEFAULT_TREND_THRESHOLD, TrendDirection, score_transcript};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct FuzzTurn {
    speaker: u8,
    text: String,
    start_ms: Option<f64>,
    end_ms: Option<f64>,
}

#[derive(Debug, Arbitrary)]
struct Input {
    options: common::Options,
    language: Option<u8>,
    turns: Vec<FuzzTurn>,
}

fuzz_target!(|input: Input| {
    let options = input.options.to_core();
    let transcript = Transcript {
        contact_id: None,
        language: input.language.map(common::language),
        turns: input
            .turns
            .iter()
            .map(|t| Turn {
                start_ms: t.start_ms,
                end_ms: t.end_ms,
                ..Turn::new(common::speaker(t.speaker), t.text.clone())
            })
            .collect(),
    };
    let r = match score_transcript(&transcript, &options) {
        Ok(r) => r,
        Err(e) => {
            assert!(
                matches!(
                    e.code,
                    ErrorCode::EmptyInput
                        | ErrorCode::TextTooLarge
                        | ErrorCode::InvalidOption
                        | ErrorCode::InvalidValue
                        | ErrorCode::MissingField
                ),
                "unexpected error {e:?}"
            );
            return;
        }
    };
    assert_eq!(r.turns.len(), transcript.turns.len());
    for (t, s) in transcript.turns.iter().zip(&r.turns) {
        assert_eq!(t.speaker, s.speaker);
        assert!(
            s.score.is_finite() && (-1.0..=1.0).contains(&s.score),
            "{s:?}"
        );
        for h in &s.hits {
            common::check_span(
                &t.text,
                h.start,
                h.end,
                Some((h.start_utf16, h.end_utf16)),
                &h.text,
            );
        }
    }
    for sp in [
        &r.speakers.customer,
        &r.speakers.agent,
        &r.speakers.bot,
        &r.speakers.system,
    ] {
        if let Some(m) = sp.mean {
            assert!(m.is_finite() && (-1.0..=1.0).contains(&m), "{sp:?}");
        }
        for q in sp.quarters.iter().flatten() {
            assert!(q.is_finite() && (-5.0..=5.0).contains(q), "{sp:?}");
        }
    }
    if let Some(o) = r.overall {
        assert!(
            o.is_finite() && (-100.0..=100.0).contains(&o),
            "overall {o}"
        );
    }
    // `change` is rounded to 6 decimals; the direction comes from the exact value.
    let threshold = options.trend_threshold.unwrap_or(DEFAULT_TREND_THRESHOLD) - 1e-6;
    match (r.trend.direction, r.trend.change) {
        (TrendDirection::Improved, Some(c)) => assert!(c >= threshold && c >= 0.0, "{:?}", r.trend),
        (TrendDirection::Worsened, Some(c)) => {
            assert!(c <= -threshold && c <= 0.0, "{:?}", r.trend)
        }
        (TrendDirection::Flat, _) => {}
        (_, None) => panic!("a trend without a change: {:?}", r.trend),
    }
});
