//! Native speed report of the scorer (not a timed assertion; run in release):
//!
//! ```sh
//! cargo test --release -p cxkit-core --test sentiment_speed -- --ignored --nocapture
//! ```
//!
//! 100,000 synthetic customer-service utterances (about 5 MB, English and Spanish, chat
//! spellings, emoji, negation and contrast) built from the templates of
//! `tests/bench/utterances.json` with a fixed seed, scored one
//! by one with `score_text` (hits included) on one thread; also a keyword scan of the same text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a report

use std::time::Instant;

use cxkit_core::model::LanguageChoice;
use cxkit_core::sentiment::{Lexicon, SentimentOptions};

/// The templates, shared with `tests/bench/text.bench.mjs` so that the native and the wasm
/// numbers measure the same utterances.
const TEMPLATES: &str = include_str!("../../../tests/bench/utterances.json");

fn corpus(n: usize) -> Vec<String> {
    let t: serde_json::Value = serde_json::from_str(TEMPLATES).unwrap();
    let list = |k: &str| -> Vec<String> {
        t[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let (openers, en, es) = (list("openers"), list("en"), list("es"));
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..n)
        .map(|_| {
            let body = if next() % 2 == 0 {
                &en[next() % en.len()]
            } else {
                &es[next() % es.len()]
            };
            format!("{}{body}", openers[next() % openers.len()])
        })
        .collect()
}

#[test]
#[ignore = "report; run by cargo xtask bench"]
fn sentiment_speed_report() {
    // CXKIT_SPEED_N and CXKIT_SPEED_PASSES shrink the run (for instruction counts under
    // callgrind, which a loaded machine does not skew).
    let n = std::env::var("CXKIT_SPEED_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let passes = std::env::var("CXKIT_SPEED_PASSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let texts = corpus(n);
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = Instant::now();
    let lex = Lexicon::builtin_ref();
    let build = t0.elapsed();
    println!(
        "built-in lexicon decoded and indexed in {:.2} ms",
        build.as_secs_f64() * 1e3
    );
    for (name, language, hits) in [
        ("auto, with hits", LanguageChoice::Auto, true),
        ("en, with hits", LanguageChoice::En, true),
        ("auto, hits: false", LanguageChoice::Auto, false),
    ] {
        let opts = SentimentOptions {
            language: Some(language),
            hits: Some(hits),
            ..Default::default()
        };
        // Warm-up.
        for t in texts.iter().take(1000.min(n / 10)) {
            lex.score_text(t, &opts).unwrap();
        }
        let mut best = f64::INFINITY;
        let mut checksum = 0.0;
        for _ in 0..passes {
            let t = Instant::now();
            for text in &texts {
                checksum += lex.score_text(text, &opts).unwrap().score;
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "score_text ({name}): {} utterances ({:.2} MB) in {:.3} s: {:.0} utterances/s, {:.1} MB/s (checksum {checksum:.3})",
            texts.len(),
            bytes as f64 / 1e6,
            best,
            texts.len() as f64 / best,
            bytes as f64 / 1e6 / best
        );
    }
}
