//! Fuzzes `keywords::KeywordSet` built from an arbitrary configuration (any names and phrases,
//! duplicates, empty strings, speaker scopes, rules with NaN or negative deadlines, tiny size
//! limits) and scans arbitrary texts and transcripts with it. Checks: no panic; a configuration
//! is either compiled or refused with a documented code; every match a char-aligned span of its
//! turn's text, in a category the set knows; every compliance rule answered once.
#![no_main]

mod common;

use cxkit_core::ErrorCode;
use cxkit_core::keywords::{ComplianceRule, KeywordCategory, KeywordConfig, KeywordSet, RuleKind};
use cxkit_core::model::{Transcript, Turn};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Category {
    name: String,
    phrases: Vec<String>,
    negation_aware: Option<bool>,
    speakers: Option<Vec<u8>>,
}

#[derive(Debug, Arbitrary)]
struct Rule {
    name: String,
    must_not: bool,
    phrases: Vec<String>,
    speaker: Option<u8>,
    within_turns: Option<u32>,
    within_seconds: Option<f64>,
    negation_aware: Option<bool>,
}

#[derive(Debug, Arbitrary)]
struct Input {
    categories: Vec<Category>,
    rules: Vec<Rule>,
    /// The built-in categories take most of the time to compile (~0.1 s with the sanitizer):
    /// one input in 256 has them, so the fuzzer spends its time on the configurations.
    builtin: u8,
    max_bytes: Option<u32>,
    turns: Vec<(u8, String, Option<f64>)>,
}

fuzz_target!(|input: Input| {
    let config = KeywordConfig {
        categories: input
            .categories
            .into_iter()
            .map(|c| KeywordCategory {
                speakers: c
                    .speakers
                    .map(|s| s.into_iter().map(common::speaker).collect()),
                negation_aware: c.negation_aware,
                ..KeywordCategory::new(c.name, c.phrases)
            })
            .collect(),
        rules: input
            .rules
            .into_iter()
            .map(|r| ComplianceRule {
                kind: if r.must_not {
                    RuleKind::MustNotSay
                } else {
                    RuleKind::MustSay
                },
                speaker: r.speaker.map(common::speaker),
                within_turns: r.within_turns,
                within_seconds: r.within_seconds,
                negation_aware: r.negation_aware,
                ..ComplianceRule::must_say(r.name, r.phrases)
            })
            .collect(),
        builtin: Some(input.builtin == 0xA5),
        max_bytes: input.max_bytes,
    };
    let set = match KeywordSet::new(&config) {
        Ok(s) => s,
        Err(e) => {
            assert!(
                matches!(
                    e.code,
                    ErrorCode::InvalidOption
                        | ErrorCode::InvalidValue
                        | ErrorCode::MissingField
                        | ErrorCode::InvalidLexicon
                        | ErrorCode::EmptyInput
                        | ErrorCode::TextTooLarge
                ),
                "unexpected error {e:?}"
            );
            return;
        }
    };
    let names = set.category_names();
    let transcript = Transcript {
        turns: input
            .turns
            .iter()
            .map(|(s, text, start_ms)| Turn {
                start_ms: *start_ms,
                ..Turn::new(common::speaker(*s), text.clone())
            })
            .collect(),
        ..Transcript::default()
    };
    for turn in &transcript.turns {
        if let Ok(matches) = set.scan_text(&turn.text) {
            for m in matches {
                common::check_span(&turn.text, m.start, m.end, None, &m.text);
                assert!(
                    names.contains(&m.category.as_str()),
                    "{m:?} not in {names:?}"
                );
            }
        }
    }
    if let Ok(report) = set.scan(&transcript) {
        for m in &report.matches {
            let turn = m.turn.and_then(|i| transcript.turns.get(i));
            let Some(turn) = turn else {
                panic!("a match outside the transcript: {m:?}")
            };
            common::check_span(&turn.text, m.start, m.end, None, &m.text);
            assert!(
                names.contains(&m.category.as_str()),
                "{m:?} not in {names:?}"
            );
        }
        assert_eq!(report.compliance.len(), config.rules.len());
    }
});
