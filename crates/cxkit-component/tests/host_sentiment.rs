//! The built component in wasmtime: the `sentiment` interface. Scores, transcripts, keyword
//! scans and redactions must equal what `cxkit-core` computes natively for the shared dev data
//! (`tests/fixtures/sentiment/`, `tests/fixtures/pii/`), the PII cases must give their expected
//! redacted text, and bad input must come back as typed errors with the stable codes. Same host
//! as `tests/host.rs`; run by `cargo xtask test` (stage `component`) with
//! `cargo test -p cxkit-component --tests -- --ignored`.

// Helpers outside `#[test]` functions unwrap, index fixture JSON and panic: a missing component
// or a malformed fixture must fail loudly.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{Host, bindings, compiled, fixture_lines, instance, linker, same_name, to_json};
use cxkit_core::keywords::{self as core_kw, KeywordConfig as CoreKeywordConfig};
use cxkit_core::model::{self as core_model, LanguageChoice as CoreLanguageChoice};
use cxkit_core::pii::{self as core_pii, RedactOptions as CoreRedactOptions};
use cxkit_core::sentiment::{self as core_sentiment, SentimentOptions as CoreSentimentOptions};
use serde::Serialize;
use serde_json::Value;
use wasmtime::Store;
use wasmtime::component::{ResourceAny, Val};

use bindings::Metrics;
use bindings::exports::cxkit::metrics::sentiment::{
    ComplianceRule, FailureReason, KeywordCategory, KeywordConfig, Language, LanguageChoice,
    PiiType, QuarterBasis, RedactOptions, RuleKind, SentimentLabel, SentimentOptions, Speaker,
    Transcript, TrendDirection, Turn,
};
use bindings::exports::cxkit::metrics::types::Error;

// ---- host ------------------------------------------------------------------------------------

/// One instance, reused for many calls (the built-in lexicon is decoded once per instance).
struct Session {
    store: Store<Host>,
    metrics: Metrics,
}

impl Session {
    fn new() -> Session {
        let (store, metrics) = instance();
        Session { store, metrics }
    }
}

/// Calls one export of `sentiment`: `call!(s, call_score_text, "hola", &options)`.
macro_rules! call {
    ($s:expr, $f:ident $(, $arg:expr)*) => {{
        let s = &mut $s;
        s.metrics
            .cxkit_metrics_sentiment()
            .$f(&mut s.store $(, $arg)*)
            .unwrap()
    }};
}

// ---- JSON ------------------------------------------------------------------------------------

fn core_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

// ---- WIT values --------------------------------------------------------------------------

fn no_options() -> SentimentOptions {
    SentimentOptions {
        language: None,
        fallback_language: None,
        positive_threshold: None,
        negative_threshold: None,
        mixed_threshold: None,
        negation_window: None,
        max_bytes: None,
        hits: None,
        late_weight: None,
        trend_window: None,
        trend_threshold: None,
        quarters: None,
    }
}

fn all_types() -> RedactOptions {
    RedactOptions {
        types: None,
        max_bytes: None,
    }
}

fn speaker(name: &str) -> (Speaker, core_model::Speaker) {
    let wit = match name {
        "customer" => Speaker::Customer,
        "agent" => Speaker::Agent,
        "bot" => Speaker::Bot,
        "system" => Speaker::System,
        other => panic!("speaker {other}"),
    };
    (wit, core_model::Speaker::parse(name).unwrap())
}

fn language(code: &str) -> (LanguageChoice, CoreLanguageChoice) {
    match code {
        "en" => (LanguageChoice::En, CoreLanguageChoice::En),
        "es" => (LanguageChoice::Es, CoreLanguageChoice::Es),
        other => panic!("language {other}"),
    }
}

/// The same transcript for the component and for the core: `(speaker, text, start ms)`.
fn transcripts(
    turns: &[(&str, &str, Option<f64>)],
    lang: Option<&str>,
) -> (Transcript, core_model::Transcript) {
    let wit = Transcript {
        contact_id: Some("c-1".into()),
        language: lang.map(|l| language(l).0),
        turns: turns
            .iter()
            .map(|&(s, text, start)| Turn {
                speaker: speaker(s).0,
                text: text.into(),
                start_ms: start,
                end_ms: start.map(|t| t + 3000.0),
                platform_sentiment: None,
            })
            .collect(),
    };
    let core = core_model::Transcript {
        contact_id: Some("c-1".into()),
        language: lang.map(|l| language(l).1),
        turns: turns
            .iter()
            .map(|&(s, text, start)| core_model::Turn {
                start_ms: start,
                end_ms: start.map(|t| t + 3000.0),
                ..core_model::Turn::new(speaker(s).1, text)
            })
            .collect(),
    };
    (wit, core)
}

fn utf16_slice(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

fn assert_error(e: &Error, code: &str, field: Option<&str>, index: Option<u32>) {
    assert_eq!(e.code, code, "{e:?}");
    assert_eq!(e.field.as_deref(), field, "{e:?}");
    assert_eq!(e.index, index, "{e:?}");
    assert!(!e.message.is_empty());
}

// ---- sentiment ---------------------------------------------------------------------------

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn exports_the_sentiment_interface() {
    let (engine, component) = compiled();
    let exports: Vec<String> = component
        .component_type()
        .exports(engine)
        .map(|(name, _)| name.to_string())
        .collect();
    assert!(
        exports.contains(&"cxkit:metrics/sentiment@0.1.0".to_string()),
        "{exports:?}"
    );
}

/// Every dev turn in both languages: the component's score, label, sums and hits equal the
/// core's, and every hit's byte and UTF-16 spans cut its text out of the turn.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn score_text_equals_the_core_on_every_dev_turn() {
    let mut s = Session::new();
    let (mut turns, mut hits, mut labels) = (0, 0, [0usize; 4]);
    for lang in ["en", "es"] {
        for row in fixture_lines(&format!("sentiment/{lang}/turns.jsonl")) {
            let text = row["text"].as_str().unwrap();
            let options = SentimentOptions {
                language: Some(language(lang).0),
                ..no_options()
            };
            let got = call!(s, call_score_text, text, options).unwrap();
            let want = core_sentiment::score_text(
                text,
                &CoreSentimentOptions {
                    language: Some(language(lang).1),
                    ..Default::default()
                },
            )
            .unwrap();
            let id = row["id"].as_str().unwrap();
            assert_matches(&to_json(&got), &core_json(&want), id);
            assert_eq!(got.hits.len(), want.hits.len(), "{id}");
            for h in &got.hits {
                assert_eq!(&text[h.start as usize..h.end as usize], h.text, "{id}");
                assert_eq!(
                    utf16_slice(text, h.start_utf16, h.end_utf16),
                    h.text,
                    "{id}"
                );
            }
            turns += 1;
            hits += got.hits.len();
            labels[got.label as usize] += 1;
        }
    }
    assert_eq!(turns, 600);
    eprintln!("600 turns, {hits} hits, labels (pos, neg, neu, mixed) {labels:?}");
    // Not a degenerate scorer: every label occurs and most turns have hits.
    assert!(labels.iter().all(|&n| n > 0), "{labels:?}");
    assert!(hits > 600, "{hits}");
}

/// Known answers from the core's documentation, through the component: negative concord,
/// contrast making a `mixed` turn, spans after accents and emoji.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn score_text_known_answers() {
    let mut s = Session::new();
    let es = SentimentOptions {
        language: Some(LanguageChoice::Es),
        ..no_options()
    };
    let r = call!(
        s,
        call_score_text,
        "no estoy nada contento con la atención",
        es
    )
    .unwrap();
    assert_eq!(r.label, SentimentLabel::Negative);
    assert_eq!(r.language, Language::Es);
    assert!(r.hits[0].negated);
    assert!(r.score < 0.0 && r.score >= -1.0);

    let r = call!(
        s,
        call_score_text,
        "El técnico fue muy amable, pero sigo sin internet",
        no_options()
    )
    .unwrap();
    assert_eq!(r.label, SentimentLabel::Mixed);
    assert_eq!(r.language, Language::Es);
    assert!(r.score < 0.0);
    assert!(r.positive >= 1.0 && r.negative >= 1.0);

    // "ñ" and "😡" are 2 and 4 bytes but 1 and 2 UTF-16 units.
    let text = "Año horrible 😡 pero el agente fue excelente";
    let r = call!(s, call_score_text, text, no_options()).unwrap();
    let excelente = r.hits.iter().find(|h| h.key == "excelente").unwrap();
    let at = text.find("excelente").unwrap() as u32;
    assert_eq!((excelente.start, excelente.end), (at, at + 9));
    assert_eq!(
        (excelente.start_utf16, excelente.end_utf16),
        (at - 3, at - 3 + 9)
    );

    // `hits: false` keeps the score and drops the hits.
    let r2 = call!(
        s,
        call_score_text,
        text,
        SentimentOptions {
            hits: Some(false),
            ..no_options()
        }
    )
    .unwrap();
    assert!(r2.hits.is_empty());
    assert_eq!((r2.score, r2.label), (r.score, r.label));
}

/// The dev conversations as transcripts (turns timed 5 s apart in Spanish, untimed in
/// English): per-turn scores, speakers, quarters, overall and trend equal the core's.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn score_transcript_equals_the_core_on_the_dev_conversations() {
    let mut s = Session::new();
    let mut directions = Vec::new();
    for lang in ["en", "es"] {
        for conv in fixture_lines(&format!("sentiment/{lang}/conversations.jsonl")) {
            let rows: Vec<(&str, &str, Option<f64>)> = conv["turns"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        t["speaker"].as_str().unwrap(),
                        t["text"].as_str().unwrap(),
                        (lang == "es").then_some(i as f64 * 5000.0),
                    )
                })
                .collect();
            let (wit, core) = transcripts(&rows, None);
            let got = call!(s, call_score_transcript, &wit, no_options()).unwrap();
            let want =
                core_sentiment::score_transcript(&core, &CoreSentimentOptions::default()).unwrap();
            let id = conv["id"].as_str().unwrap();
            assert_matches(&to_json(&got), &core_json(&want), id);
            assert_eq!(got.turns.len(), rows.len(), "{id}");
            assert_eq!(got.speakers.customer.quarters.len(), 4, "{id}");
            assert!(got.overall.is_some(), "{id}");
            directions.push(got.trend.direction);
        }
    }
    assert_eq!(directions.len(), 30);
    // The dev conversations move both ways: a constant trend would be a broken conversion.
    assert!(
        directions.contains(&TrendDirection::Improved),
        "{directions:?}"
    );
    assert!(
        directions.contains(&TrendDirection::Worsened),
        "{directions:?}"
    );
}

/// Options reach the core: thresholds, the quarter basis, the trend parameters.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn transcript_options_reach_the_core() {
    let mut s = Session::new();
    let rows = [
        (
            "customer",
            "I've been charged twice, this is ridiculous",
            Some(0.0),
        ),
        (
            "agent",
            "I'm sorry, I've refunded the second charge.",
            Some(4_000.0),
        ),
        ("customer", "ok", Some(60_000.0)),
        ("customer", "brilliant, thank you so much!", Some(61_000.0)),
    ];
    let (wit, core) = transcripts(&rows, Some("en"));
    let options = SentimentOptions {
        quarters: Some(QuarterBasis::Turns),
        late_weight: Some(10.0),
        trend_window: Some(0.5),
        trend_threshold: Some(1.5),
        positive_threshold: Some(0.5),
        ..no_options()
    };
    let core_options = CoreSentimentOptions {
        quarters: Some(core_sentiment::QuarterBasis::Turns),
        late_weight: Some(10.0),
        trend_window: Some(0.5),
        trend_threshold: Some(1.5),
        positive_threshold: Some(0.5),
        ..Default::default()
    };
    let got = call!(s, call_score_transcript, &wit, options).unwrap();
    let want = core_sentiment::score_transcript(&core, &core_options).unwrap();
    assert_matches(&to_json(&got), &core_json(&want), "options");
    // And they change the answer: by turns, quarter 2 is the "ok"; by time, it is empty.
    let by_time = call!(
        s,
        call_score_transcript,
        &wit,
        SentimentOptions {
            quarters: Some(QuarterBasis::Time),
            ..no_options()
        }
    )
    .unwrap();
    assert!(got.speakers.customer.quarters[2].is_some());
    assert_eq!(by_time.speakers.customer.quarters[1], None);
    assert_ne!(to_json(&got.speakers), to_json(&by_time.speakers));
}

/// The `lexicon` resource: a copy of the built-in one scores as the free function; added
/// entries score; a malformed line is `invalid_lexicon` with its line number; an empty lexicon
/// finds nothing.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn lexicon_resource() {
    let mut s = Session::new();
    let text = "the zorblax plan is great, but support was slow";
    let lex: ResourceAny = {
        let api = s.metrics.cxkit_metrics_sentiment().lexicon();
        api.call_constructor(&mut s.store).unwrap()
    };
    let api = s.metrics.cxkit_metrics_sentiment().lexicon();
    let before = api
        .call_score_text(&mut s.store, lex, text, no_options())
        .unwrap()
        .unwrap();
    let free = call!(s, call_score_text, text, no_options()).unwrap();
    assert_eq!(to_json(&before), to_json(&free));
    let api = s.metrics.cxkit_metrics_sentiment().lexicon();
    let en_size = api.call_size(&mut s.store, lex, Language::En).unwrap();
    assert_eq!(
        en_size as usize,
        core_sentiment::Lexicon::builtin_ref().len(core_model::Language::En)
    );
    assert_eq!(
        api.call_valence(&mut s.store, lex, Language::En, "zorblax")
            .unwrap(),
        None
    );

    let added = api
        .call_add_entries(
            &mut s.store,
            lex,
            Language::En,
            "term\tvalence\ttags\nzorblax\t2.5\t\n",
        )
        .unwrap()
        .unwrap();
    assert_eq!(added, 1);
    assert_eq!(
        api.call_valence(&mut s.store, lex, Language::En, "ZORBLAX")
            .unwrap(),
        Some(2.5)
    );
    let after = api
        .call_score_text(&mut s.store, lex, text, no_options())
        .unwrap()
        .unwrap();
    let mut native = core_sentiment::Lexicon::builtin();
    native
        .add_entries_tsv(core_model::Language::En, "zorblax\t2.5\n")
        .unwrap();
    let want = native
        .score_text(text, &CoreSentimentOptions::default())
        .unwrap();
    assert_matches(&to_json(&after), &core_json(&want), "zorblax");
    assert!(after.hits.iter().any(|h| h.key == "zorblax"));
    assert!(after.score > before.score);

    // Modifiers, then a malformed file: nothing of it is added.
    let n = api
        .call_add_modifiers(
            &mut s.store,
            lex,
            Language::Es,
            "re contra\tintensifier\t0.4\n",
        )
        .unwrap()
        .unwrap();
    assert_eq!(n, 1);
    let e = api
        .call_add_entries(
            &mut s.store,
            lex,
            Language::Es,
            "zorblaxo\t2.0\nfatal\tmuy\n",
        )
        .unwrap()
        .unwrap_err();
    assert_error(&e, "invalid_lexicon", e.field.as_deref(), Some(2));
    assert_eq!(
        api.call_valence(&mut s.store, lex, Language::Es, "zorblaxo")
            .unwrap(),
        None
    );
    let e = api
        .call_add_modifiers(&mut s.store, lex, Language::Es, "muy\tshouting\t0.4\n")
        .unwrap()
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.index), ("invalid_lexicon", Some(1)));

    // A transcript through the resource equals the core with the same lexicon.
    let (wit, core) = transcripts(
        &[
            ("customer", "the zorblax broke again", None),
            ("customer", "zorblax fixed, thanks", None),
        ],
        Some("en"),
    );
    let got = api
        .call_score_transcript(&mut s.store, lex, &wit, no_options())
        .unwrap()
        .unwrap();
    let want = native
        .score_transcript(&core, &CoreSentimentOptions::default())
        .unwrap();
    assert_matches(&to_json(&got), &core_json(&want), "lexicon transcript");
    lex.resource_drop(&mut s.store).unwrap();

    let empty = api.call_empty(&mut s.store).unwrap();
    assert_eq!(api.call_size(&mut s.store, empty, Language::En).unwrap(), 0);
    let r = api
        .call_score_text(&mut s.store, empty, "great, thank you!", no_options())
        .unwrap()
        .unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.label, SentimentLabel::Neutral);
}

/// Bad input: typed errors with the stable codes, the field and the index.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn sentiment_errors_carry_code_field_and_index() {
    let mut s = Session::new();
    let e = call!(s, call_score_text, "", no_options()).unwrap_err();
    assert_eq!(e.code, "empty_input");
    let e = call!(s, call_score_text, " \n\t ", no_options()).unwrap_err();
    assert_eq!(e.code, "empty_input");

    // Above `max-bytes`, and above the default 1 MiB.
    let small = SentimentOptions {
        max_bytes: Some(10),
        ..no_options()
    };
    let e = call!(s, call_score_text, "terrible service today", small).unwrap_err();
    assert_eq!(e.code, "text_too_large");
    let huge = "bad ".repeat((1 << 20) / 4 + 1);
    let e = call!(s, call_score_text, &huge, no_options()).unwrap_err();
    assert_eq!(e.code, "text_too_large");
    let (big, _) = transcripts(&[("customer", &huge, None)], None);
    let e = call!(s, call_score_transcript, &big, no_options()).unwrap_err();
    assert_eq!(e.code, "text_too_large");

    // Options out of range: `invalid_option` on `options.<name>`.
    for (options, field) in [
        (
            SentimentOptions {
                negation_window: Some(0),
                ..no_options()
            },
            "options.negationWindow",
        ),
        (
            SentimentOptions {
                positive_threshold: Some(1.5),
                ..no_options()
            },
            "options.positiveThreshold",
        ),
        (
            SentimentOptions {
                trend_window: Some(f64::NAN),
                ..no_options()
            },
            "options.trendWindow",
        ),
        (
            SentimentOptions {
                max_bytes: Some(0),
                ..no_options()
            },
            "options.maxBytes",
        ),
    ] {
        let e = call!(s, call_score_text, "fine", options).unwrap_err();
        assert_error(&e, "invalid_option", Some(field), None);
    }

    // Transcripts: no turns; a turn ending before it starts; a platform score out of range.
    let (mut t, _) = transcripts(&[], None);
    let e = call!(s, call_score_transcript, &t, no_options()).unwrap_err();
    assert_error(&e, "empty_input", Some("turns"), None);
    t = transcripts(
        &[
            ("agent", "hello", Some(0.0)),
            ("customer", "hi", Some(10.0)),
        ],
        None,
    )
    .0;
    t.turns[1].end_ms = Some(5.0);
    let e = call!(s, call_score_transcript, &t, no_options()).unwrap_err();
    assert_error(&e, "invalid_value", Some("turns[1].endMs"), Some(1));
    t.turns[1].end_ms = None;
    t.turns[0].platform_sentiment = Some(2.0);
    let e = call!(s, call_score_transcript, &t, no_options()).unwrap_err();
    assert_error(
        &e,
        "invalid_value",
        Some("turns[0].platformSentiment"),
        Some(0),
    );
}

// ---- keywords ----------------------------------------------------------------------------

fn category(name: &str, phrases: &[&str]) -> KeywordCategory {
    KeywordCategory {
        name: name.into(),
        phrases: phrases.iter().map(|p| p.to_string()).collect(),
        negation_aware: None,
        speakers: None,
    }
}

fn rule(name: &str, kind: RuleKind, phrases: &[&str]) -> ComplianceRule {
    ComplianceRule {
        name: name.into(),
        kind,
        phrases: phrases.iter().map(|p| p.to_string()).collect(),
        speaker: None,
        within_turns: None,
        within_seconds: None,
        negation_aware: None,
    }
}

/// The core's configuration for the same WIT one (the test's own reading of the record).
fn core_config(c: &KeywordConfig) -> CoreKeywordConfig {
    let kind = |k: RuleKind| match k {
        RuleKind::MustSay => core_kw::RuleKind::MustSay,
        RuleKind::MustNotSay => core_kw::RuleKind::MustNotSay,
    };
    let speaker_of = |s: Speaker| match s {
        Speaker::Customer => core_model::Speaker::Customer,
        Speaker::Agent => core_model::Speaker::Agent,
        Speaker::Bot => core_model::Speaker::Bot,
        Speaker::System => core_model::Speaker::System,
    };
    CoreKeywordConfig {
        categories: c
            .categories
            .iter()
            .map(|k| core_kw::KeywordCategory {
                name: k.name.clone(),
                phrases: k.phrases.clone(),
                negation_aware: k.negation_aware,
                speakers: k
                    .speakers
                    .as_ref()
                    .map(|l| l.iter().map(|&s| speaker_of(s)).collect()),
            })
            .collect(),
        rules: c
            .rules
            .iter()
            .map(|r| core_kw::ComplianceRule {
                name: r.name.clone(),
                kind: kind(r.kind),
                phrases: r.phrases.clone(),
                speaker: r.speaker.map(speaker_of),
                within_turns: r.within_turns,
                within_seconds: r.within_seconds,
                negation_aware: r.negation_aware,
            })
            .collect(),
        builtin: c.builtin,
        max_bytes: c.max_bytes,
    }
}

/// The core's report as the WIT shape: categories as a list of records in name order.
fn core_report_json(r: &core_kw::KeywordReport) -> Value {
    let mut v = core_json(r);
    v["categories"] = Value::Array(
        r.categories
            .iter()
            .map(|(name, c)| {
                let mut c = core_json(c);
                c["category"] = Value::String(name.clone());
                c
            })
            .collect(),
    );
    v
}

/// A compiled set is reused across scans and transcripts; every report equals the core's, and
/// the compliance rules pass and fail with their evidence.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn keyword_set_scans_equal_the_core() {
    let mut s = Session::new();
    let config = KeywordConfig {
        categories: vec![
            KeywordCategory {
                negation_aware: Some(true),
                speakers: Some(vec![Speaker::Customer]),
                ..category("vip", &["gold member", "socio oro"])
            },
            category("billing", &["direct debit"]),
        ],
        rules: vec![
            ComplianceRule {
                within_turns: Some(1),
                ..rule(
                    "recording disclosure",
                    RuleKind::MustSay,
                    &[
                        "this call may be recorded",
                        "esta llamada puede ser grabada",
                    ],
                )
            },
            ComplianceRule {
                within_seconds: Some(30.0),
                ..rule(
                    "identity check",
                    RuleKind::MustSay,
                    &[
                        "confirm your date of birth",
                        "confirmar su fecha de nacimiento",
                    ],
                )
            },
            ComplianceRule {
                negation_aware: Some(true),
                ..rule(
                    "no promises",
                    RuleKind::MustNotSay,
                    &["guarantee", "le garantizo"],
                )
            },
        ],
        builtin: None,
        max_bytes: None,
    };
    let native = core_kw::KeywordSet::new(&core_config(&config)).unwrap();
    let set = {
        let api = s.metrics.cxkit_metrics_sentiment().keyword_set();
        api.call_constructor(&mut s.store, &config)
            .unwrap()
            .unwrap()
    };
    let api = s.metrics.cxkit_metrics_sentiment().keyword_set();
    let names = api.call_category_names(&mut s.store, set).unwrap();
    assert_eq!(names, native.category_names());
    assert_eq!(names.len(), 11, "{names:?}");
    assert_eq!(
        api.call_pattern_count(&mut s.store, set).unwrap() as usize,
        native.pattern_count()
    );

    let calls = [
        vec![
            (
                "agent",
                "Hi, this call may be recorded. How can I help?",
                Some(0.0),
            ),
            (
                "customer",
                "I'm a gold member and I want to cancel my account, this is the third time I call",
                Some(5_000.0),
            ),
            (
                "agent",
                "Could you confirm your date of birth?",
                Some(12_000.0),
            ),
            (
                "customer",
                "you charged me twice on the direct debit",
                Some(20_000.0),
            ),
            (
                "agent",
                "I can't guarantee it, but the refund should arrive",
                Some(40_000.0),
            ),
        ],
        vec![
            ("agent", "Buenas tardes, ¿en qué puedo ayudarle?", Some(0.0)),
            (
                "agent",
                "Le informo de que esta llamada puede ser grabada.",
                Some(3_000.0),
            ),
            (
                "customer",
                "No soy socio oro, pero quiero darme de baja y hablar con un supervisor",
                Some(9_000.0),
            ),
            (
                "agent",
                "Le garantizo que se lo resolvemos hoy.",
                Some(50_000.0),
            ),
            (
                "agent",
                "Necesito confirmar su fecha de nacimiento.",
                Some(60_000.0),
            ),
        ],
    ];
    let mut outcomes = Vec::new();
    for (i, rows) in calls.iter().enumerate() {
        let (wit, core) = transcripts(rows, None);
        let got = api.call_scan(&mut s.store, set, &wit).unwrap().unwrap();
        let want = native.scan(&core).unwrap();
        assert_matches(
            &to_json(&got),
            &core_report_json(&want),
            &format!("call {i}"),
        );
        for m in &got.matches {
            let text = rows[m.turn.unwrap() as usize].1;
            assert_eq!(&text[m.start as usize..m.end as usize], m.text);
            assert_eq!(utf16_slice(text, m.start_utf16, m.end_utf16), m.text);
        }
        outcomes.push(
            got.compliance
                .iter()
                .map(|r| (r.passed, r.reason))
                .collect::<Vec<_>>(),
        );
        let count = |name: &str| {
            got.categories
                .iter()
                .find(|c| c.category == name)
                .map(|c| (c.count, c.negated))
                .unwrap()
        };
        if i == 0 {
            assert_eq!(count("vip"), (1, 0));
            assert_eq!(count("churn_risk"), (1, 0));
            assert_eq!(count("billing").0, 3, "charged twice, direct debit, refund");
        } else {
            assert_eq!(count("vip"), (0, 1), "negated: no soy socio oro");
            assert_eq!(count("escalation").0, 1);
        }
    }
    // Call 0: disclosed in turn 1, identity checked in time, no promise (negated).
    // Call 1: disclosure in the agent's second turn (late), identity after 30 s (late), a
    // promise made.
    let late = Some(FailureReason::Late);
    assert_eq!(
        outcomes,
        [
            vec![(true, None), (true, None), (true, None)],
            vec![
                (false, late),
                (false, late),
                (false, Some(FailureReason::Said))
            ],
        ]
    );

    // scan-text: every category in scope, same as the core.
    let text = "No quiero darme de baja, pero me cobraron dos veces por domiciliación";
    let got = api
        .call_scan_text(&mut s.store, set, text)
        .unwrap()
        .unwrap();
    let want = native.scan_text(text).unwrap();
    assert_matches(&to_json(&got), &core_json(&want), "scan-text");
    assert!(got.iter().any(|m| m.category == "churn_risk" && m.negated));

    // The built-in set.
    let builtin = api.call_builtin(&mut s.store).unwrap().unwrap();
    let got = api
        .call_scan_text(&mut s.store, builtin, text)
        .unwrap()
        .unwrap();
    let want = core_kw::KeywordSet::builtin()
        .unwrap()
        .scan_text(text)
        .unwrap();
    assert_matches(&to_json(&got), &core_json(&want), "builtin scan-text");
    assert_eq!(
        api.call_category_names(&mut s.store, builtin).unwrap(),
        core_kw::BUILTIN_CATEGORIES.map(|c| c.0)
    );
}

/// Malformed keyword configurations and category files: typed errors naming the field.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn keyword_errors_carry_code_field_and_index() {
    let mut s = Session::new();
    let base = KeywordConfig {
        categories: vec![],
        rules: vec![],
        builtin: Some(false),
        max_bytes: None,
    };
    let cases = [
        (
            KeywordConfig {
                categories: vec![category("", &["x"])],
                ..base.clone()
            },
            "invalid_value",
            "categories[0].name",
        ),
        (
            KeywordConfig {
                categories: vec![category("a", &["x"]), category("b", &["y", "  "])],
                ..base.clone()
            },
            "invalid_value",
            "categories[1].phrases[1]",
        ),
        (
            KeywordConfig {
                rules: vec![ComplianceRule {
                    within_turns: Some(2),
                    ..rule("never", RuleKind::MustNotSay, &["x"])
                }],
                ..base.clone()
            },
            "invalid_value",
            "rules[0].kind",
        ),
        (
            KeywordConfig {
                rules: vec![ComplianceRule {
                    within_seconds: Some(-1.0),
                    ..rule("soon", RuleKind::MustSay, &["x"])
                }],
                ..base.clone()
            },
            "invalid_value",
            "rules[0].withinSeconds",
        ),
        (
            KeywordConfig {
                max_bytes: Some(0),
                ..base.clone()
            },
            "invalid_option",
            "options.maxBytes",
        ),
    ];
    for (config, code, field) in cases {
        let want = core_kw::KeywordSet::new(&core_config(&config)).unwrap_err();
        let api = s.metrics.cxkit_metrics_sentiment().keyword_set();
        let e = api
            .call_constructor(&mut s.store, &config)
            .unwrap()
            .unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            (code, Some(field)),
            "{e:?}"
        );
        assert_eq!(
            (want.code.as_str(), want.field.as_deref()),
            (code, Some(field))
        );
    }

    // A text above the set's limit.
    let small = KeywordConfig {
        max_bytes: Some(8),
        ..base.clone()
    };
    let api = s.metrics.cxkit_metrics_sentiment().keyword_set();
    let set = api.call_constructor(&mut s.store, &small).unwrap().unwrap();
    let e = api
        .call_scan_text(&mut s.store, set, "far more than eight bytes")
        .unwrap()
        .unwrap_err();
    assert_eq!(e.code, "text_too_large");

    // Categories from TSV: good, then a bad language on line 2.
    let got = call!(
        s,
        call_categories_from_tsv,
        "vip\ten\tgold member\nvip\tes\tsocio oro\n"
    )
    .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].name.as_str(), got[0].phrases.len()), ("vip", 2));
    let e = call!(
        s,
        call_categories_from_tsv,
        "vip\ten\tgold member\nvip\tfr\tmembre or\n"
    )
    .unwrap_err();
    assert_error(&e, "invalid_lexicon", e.field.as_deref(), Some(2));
}

// ---- PII ---------------------------------------------------------------------------------

/// All 120 shared PII cases: the expected redacted text and entities (type and value, in
/// order), spans that cut the values out of the text in bytes and UTF-16, `detect-pii` equal to
/// the entities of `redact`, and everything equal to the core natively.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn redact_gives_the_expected_output_on_every_pii_case() {
    let mut s = Session::new();
    let cases = fixture_lines("pii/cases.jsonl");
    assert_eq!(cases.len(), 120);
    let mut entities = 0;
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let got = call!(s, call_redact, text, &all_types()).unwrap();
        assert_eq!(got.text, case["redacted"].as_str().unwrap(), "{id}");
        let want: Vec<(String, String)> = case["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["type"].as_str().unwrap().to_string(),
                    e["value"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let have: Vec<(String, String)> = got
            .entities
            .iter()
            .map(|e| (e.type_, e.value.clone()))
            .map(|(t, v)| (to_json(&t).as_str().unwrap().to_string(), v))
            .collect();
        assert_eq!(have.len(), want.len(), "{id}: {have:?}");
        for ((ht, hv), (wt, wv)) in have.iter().zip(&want) {
            assert!(same_name(ht, wt), "{id}: {ht} vs {wt}");
            assert_eq!(hv, wv, "{id}");
        }
        for e in &got.entities {
            assert_eq!(&text[e.start as usize..e.end as usize], e.value, "{id}");
            assert_eq!(
                utf16_slice(text, e.start_utf16, e.end_utf16),
                e.value,
                "{id}"
            );
        }
        let detected = call!(s, call_detect_pii, text, &all_types()).unwrap();
        assert_eq!(to_json(&detected), to_json(&got.entities), "{id}");
        let native = core_pii::redact(text, &CoreRedactOptions::default()).unwrap();
        assert_matches(&to_json(&got), &core_json(&native), id);
        entities += got.entities.len();
    }
    eprintln!("120 cases, {entities} entities");
    assert!(entities > 100, "{entities}");
}

/// `types` filters what is replaced, as in the core; bad options are typed errors.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn redact_options_and_errors() {
    let mut s = Session::new();
    let text = "card 4425 5503 4910 6545, mail sam@example.org, DNI 20881778D";
    let only = |types: Vec<PiiType>| RedactOptions {
        types: Some(types),
        max_bytes: None,
    };
    let r = call!(s, call_redact, text, &only(vec![PiiType::Card])).unwrap();
    assert_eq!(r.text, "card [CARD], mail sam@example.org, DNI 20881778D");
    let r = call!(
        s,
        call_redact,
        text,
        &only(vec![PiiType::Email, PiiType::NationalId])
    )
    .unwrap();
    assert_eq!(
        r.text,
        "card 4425 5503 4910 6545, mail [EMAIL], DNI [NATIONAL_ID]"
    );
    let native = core_pii::redact(
        text,
        &CoreRedactOptions::only(&[core_pii::PiiType::Email, core_pii::PiiType::NationalId]),
    )
    .unwrap();
    assert_matches(&to_json(&r), &core_json(&native), "types");

    // Empty text is not an error for redaction.
    let r = call!(s, call_redact, "", &all_types()).unwrap();
    assert_eq!((r.text.as_str(), r.entities.len()), ("", 0));

    let e = call!(s, call_redact, text, &only(vec![])).unwrap_err();
    assert_error(&e, "invalid_option", Some("options.types"), None);
    let e = call!(
        s,
        call_detect_pii,
        text,
        &RedactOptions {
            types: None,
            max_bytes: Some(0)
        }
    )
    .unwrap_err();
    assert_error(&e, "invalid_option", Some("options.maxBytes"), None);
    let e = call!(
        s,
        call_redact,
        text,
        &RedactOptions {
            types: None,
            max_bytes: Some(16)
        }
    )
    .unwrap_err();
    assert_error(&e, "text_too_large", Some("text"), None);
}

/// An unknown PII type cannot reach the component: `pii-type` is an enum, and the host's
/// canonical ABI refuses a name outside it before the guest runs. Called through the dynamic
/// API, which can build such a value; the same call with a known name succeeds.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn unknown_pii_type_is_refused_at_the_boundary() {
    let call = |type_name: &str| {
        let (mut store, linker) = linker();
        let instance = linker.instantiate(&mut store, &compiled().1).unwrap();
        let iface = instance
            .get_export_index(&mut store, None, "cxkit:metrics/sentiment@0.1.0")
            .unwrap();
        let f = instance
            .get_export_index(&mut store, Some(&iface), "redact")
            .unwrap();
        let redact = instance.get_func(&mut store, f).unwrap();
        let options = Val::Record(vec![
            (
                "types".into(),
                Val::Option(Some(Box::new(Val::List(vec![Val::Enum(type_name.into())])))),
            ),
            ("max-bytes".into(), Val::Option(None)),
        ]);
        let mut results = [Val::Bool(false)];
        redact
            .call(
                &mut store,
                &[Val::String("mail sam@example.org".into()), options],
                &mut results,
            )
            .map(|()| results[0].clone())
    };
    let ok = call("email").unwrap();
    let Val::Result(Ok(Some(redaction))) = ok else {
        panic!("{ok:?}")
    };
    let Val::Record(fields) = *redaction else {
        panic!()
    };
    assert_eq!(fields[0].1, Val::String("mail [EMAIL]".into()));
    let err = call("passport").unwrap_err();
    eprintln!("refused: {err:#}");
}

/// Every member of `expected` (the core's JSON) equals the same member of `got`; numbers to
/// 1e-12 (the same IEEE arithmetic natively and in wasm).
fn assert_matches(got: &Value, expected: &Value, what: &str) {
    common::assert_json_within(got, expected, what, 1e-12);
}
