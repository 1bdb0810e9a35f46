//! Keyword categories and compliance rules: matching, negation, scope, rules, errors,
//! accumulators and property tests.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly

use cxkit_core::ErrorCode;
use cxkit_core::keywords::{
    ComplianceRule, FailureReason, KeywordAccumulator, KeywordCategory, KeywordConfig, KeywordSet,
    RuleKind,
};
use cxkit_core::model::{Speaker, Transcript};
use proptest::prelude::*;

fn builtin() -> KeywordSet {
    KeywordSet::builtin().unwrap()
}

fn categories(set: &KeywordSet, text: &str) -> Vec<(String, bool)> {
    set.scan_text(text)
        .unwrap()
        .into_iter()
        .map(|m| (m.category, m.negated))
        .collect()
}

#[test]
fn builtin_categories_in_both_languages() {
    let set = builtin();
    let has = |text: &str, cat: &str| categories(&set, text).iter().any(|(c, n)| c == cat && !n);
    assert!(has("I want to speak to a manager right now", "escalation"));
    assert!(has("Quiero hablar con un supervisor", "escalation"));
    assert!(has("please cancel my contract", "churn_risk"));
    assert!(has("me quiero dar de baja", "churn_risk"));
    assert!(has("this is the third time I call", "repeat_contact"));
    assert!(has("ya llamé ayer y nada", "repeat_contact"));
    assert!(has(
        "I keep getting transferred again and again",
        "transfer_complaint"
    ));
    assert!(has("me pasan de un lado a otro", "transfer_complaint"));
    assert!(has("you've been so helpful", "praise"));
    assert!(has("la chica fue muy amable", "praise"));
    assert!(has("Thanks!", "thanks"));
    assert!(has("MUCHAS GRACIAS", "thanks"));
    assert!(has("I was charged twice on my bill", "billing"));
    assert!(has("me cobraron dos veces la factura", "billing"));
    assert!(has("the parcel never arrived", "delivery"));
    assert!(has("el paquete no me ha llegado", "delivery"));
    assert!(has("there's a power cut on my street", "outage"));
    assert!(has("llevamos dos días sin luz", "outage"));
    assert!(has("I'll be contacting my solicitor", "legal_threat"));
    assert!(has("voy a poner una denuncia en la OCU", "legal_threat"));
    // Accents and case do not matter.
    assert!(has("RECLAMACION FORMAL", "escalation"));
}

#[test]
fn whole_words_and_clause_boundaries() {
    let set = KeywordSet::new(&KeywordConfig {
        categories: vec![KeywordCategory::new("refund", ["refund", "money back"])],
        builtin: Some(false),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(categories(&set, "refunded already").len(), 0);
    assert_eq!(categories(&set, "a refund please").len(), 1);
    assert_eq!(categories(&set, "REFUND, refund").len(), 2);
    // Never across a comma or a full stop.
    assert_eq!(
        categories(&set, "I want my money. Back to the story").len(),
        0
    );
    assert_eq!(categories(&set, "I want my money back").len(), 1);
    let m = &set.scan_text("¿Dónde está mi refund? 👍").unwrap()[0];
    assert_eq!((m.start, m.end), (18, 24));
    assert_eq!((m.start_utf16, m.end_utf16), (15, 21));
    assert_eq!(m.text, "refund");
    assert_eq!(m.phrase, "refund");
}

#[test]
fn negation_aware_matching() {
    let set = builtin();
    let cats = categories(
        &set,
        "I don't want to cancel my account, I just want a refund",
    );
    assert!(cats.contains(&("churn_risk".to_string(), true)));
    assert!(cats.contains(&("billing".to_string(), false)));
    let cats = categories(&set, "no gracias");
    assert!(cats.contains(&("thanks".to_string(), true)));
    // Negation does not cross a clause boundary.
    let cats = categories(&set, "no, I want to cancel my account");
    assert!(cats.contains(&("churn_risk".to_string(), false)));
    // Not negation-aware: negated mentions still count.
    let set2 = KeywordSet::new(&KeywordConfig {
        categories: vec![KeywordCategory::new("x", ["cancel my account"])],
        builtin: Some(false),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        categories(&set2, "I don't want to cancel my account"),
        [("x".to_string(), false)]
    );
}

#[test]
fn overlapping_matches_count_once_per_category() {
    let set = KeywordSet::new(&KeywordConfig {
        categories: vec![
            KeywordCategory::new("churn", ["cancel", "cancel my account", "my account"]),
            KeywordCategory::new("account", ["my account"]),
        ],
        builtin: Some(false),
        ..Default::default()
    })
    .unwrap();
    let m = set.scan_text("cancel my account").unwrap();
    let churn: Vec<_> = m.iter().filter(|m| m.category == "churn").collect();
    assert_eq!(churn.len(), 1);
    assert_eq!(churn[0].phrase, "cancel my account");
    assert_eq!(m.iter().filter(|m| m.category == "account").count(), 1);
}

fn call() -> Transcript {
    let mut t = Transcript::from_turns([
        (Speaker::Bot, "Welcome to Nimbus Energy."),
        (
            Speaker::Agent,
            "Hi, I'm Sam. Just so you know, this call may be recorded.",
        ),
        (
            Speaker::Customer,
            "Hi, I was charged twice and I want to speak to a manager.",
        ),
        (Speaker::Agent, "Can I confirm your date of birth?"),
        (Speaker::Customer, "Thanks, that's sorted then. Thanks!"),
        (
            Speaker::Agent,
            "We guarantee a refund within 24 hours, thank you.",
        ),
    ]);
    for (i, turn) in t.turns.iter_mut().enumerate() {
        turn.start_ms = Some(1_000.0 + 20_000.0 * i as f64);
    }
    t
}

#[test]
fn transcript_counts_and_speaker_scope() {
    let r = builtin().scan(&call()).unwrap();
    assert_eq!(r.categories.len(), 10);
    assert_eq!(r.categories["escalation"].count, 1);
    assert_eq!(r.categories["escalation"].turns, [2]);
    // "thank you" by the agent is out of the thanks category's customer scope.
    assert_eq!(r.categories["thanks"].count, 2);
    assert_eq!(r.categories["thanks"].turns, [4]);
    // Billing has no scope: the customer's "charged twice" and the agent's "refund".
    assert_eq!(r.categories["billing"].turns, [2, 5]);
    assert_eq!(r.categories["legal_threat"].count, 0);
    for m in &r.matches {
        let text = &call().turns[m.turn.unwrap()].text;
        assert_eq!(&text[m.start..m.end], m.text);
    }
    // User scope replaces a built-in one.
    let set = KeywordSet::new(&KeywordConfig {
        categories: vec![KeywordCategory {
            name: "thanks".into(),
            phrases: vec!["ta".into()],
            speakers: Some(vec![Speaker::Customer, Speaker::Agent]),
            negation_aware: None,
        }],
        ..Default::default()
    })
    .unwrap();
    assert_eq!(set.scan(&call()).unwrap().categories["thanks"].count, 3);
}

#[test]
fn compliance_rules() {
    let rules = vec![
        ComplianceRule::must_say("disclosure", ["this call may be recorded"]).within_turns(1),
        ComplianceRule::must_say("identity", ["confirm your date of birth"]).within_turns(1),
        ComplianceRule::must_say("identity in time", ["confirm your date of birth"])
            .within_seconds(60.0),
        ComplianceRule::must_say("identity late", ["confirm your date of birth"])
            .within_seconds(30.0),
        ComplianceRule::must_say("closing", ["anything else"]),
        ComplianceRule::must_not_say("no promises", ["we guarantee", "te lo garantizo"]),
        ComplianceRule {
            negation_aware: Some(true),
            ..ComplianceRule::must_not_say("no blame", ["your fault"])
        },
        ComplianceRule {
            speaker: Some(Speaker::Bot),
            ..ComplianceRule::must_say("bot greets", ["welcome"]).within_turns(1)
        },
    ];
    let set = KeywordSet::new(&KeywordConfig {
        rules,
        ..Default::default()
    })
    .unwrap();
    let r = set.scan(&call()).unwrap();
    let by: std::collections::HashMap<_, _> =
        r.compliance.iter().map(|x| (x.name.as_str(), x)).collect();
    assert!(by["disclosure"].passed);
    let ev = by["disclosure"].evidence.as_ref().unwrap();
    assert_eq!(
        (ev.turn, ev.text.as_str()),
        (1, "this call may be recorded")
    );
    assert_eq!(ev.start_ms, Some(21_000.0));
    assert!(!by["identity"].passed);
    assert_eq!(by["identity"].reason, Some(FailureReason::Late));
    assert_eq!(by["identity"].evidence.as_ref().unwrap().turn, 3);
    // Turn 3 starts 60 s after the first turn.
    assert!(by["identity in time"].passed);
    assert_eq!(by["identity late"].reason, Some(FailureReason::Late));
    assert_eq!(by["closing"].reason, Some(FailureReason::Missing));
    assert!(by["closing"].evidence.is_none());
    assert_eq!(by["no promises"].reason, Some(FailureReason::Said));
    assert_eq!(by["no promises"].kind, RuleKind::MustNotSay);
    assert!(by["no blame"].passed);
    assert!(by["bot greets"].passed);
    // A negated mention does not break a negation-aware mustNotSay rule.
    let t = Transcript::from_turns([(Speaker::Agent, "it is not your fault")]);
    let r = set.scan(&t).unwrap();
    assert!(
        r.compliance
            .iter()
            .find(|x| x.name == "no blame")
            .unwrap()
            .passed
    );
    // withinSeconds needs the timing of the turn that matters.
    let mut t = call();
    t.turns[3].start_ms = None;
    let e = set.scan(&t).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::MissingField, Some("turns[3].startMs"))
    );
}

#[test]
fn configuration_errors_name_the_field() {
    let cases: Vec<(KeywordConfig, &str)> = vec![
        (
            KeywordConfig {
                categories: vec![KeywordCategory::new("a", Vec::<String>::new())],
                ..Default::default()
            },
            "categories[0].phrases",
        ),
        (
            KeywordConfig {
                categories: vec![
                    KeywordCategory::new("a", ["x"]),
                    KeywordCategory::new("b", ["!!!"]),
                ],
                ..Default::default()
            },
            "categories[1].phrases[0]",
        ),
        (
            KeywordConfig {
                categories: vec![
                    KeywordCategory::new("a", ["x"]),
                    KeywordCategory::new("a", ["y"]),
                ],
                ..Default::default()
            },
            "categories[1].name",
        ),
        (
            KeywordConfig {
                categories: vec![KeywordCategory::new("a", ["x".repeat(300)])],
                ..Default::default()
            },
            "categories[0].phrases[0]",
        ),
        (
            KeywordConfig {
                rules: vec![ComplianceRule::must_not_say("r", ["x"]).within_turns(2)],
                ..Default::default()
            },
            "rules[0].kind",
        ),
        (
            KeywordConfig {
                rules: vec![ComplianceRule::must_say("r", ["x"]).within_turns(0)],
                ..Default::default()
            },
            "rules[0].withinTurns",
        ),
        (
            KeywordConfig {
                rules: vec![ComplianceRule::must_say("r", ["x"]).within_seconds(-1.0)],
                ..Default::default()
            },
            "rules[0].withinSeconds",
        ),
        (
            KeywordConfig {
                rules: vec![
                    ComplianceRule::must_say("r", ["x"]),
                    ComplianceRule::must_say("r", ["y"]),
                ],
                ..Default::default()
            },
            "rules[1].name",
        ),
    ];
    for (config, field) in cases {
        let e = KeywordSet::new(&config).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidValue, "{field}: {e:?}");
        assert_eq!(e.field.as_deref(), Some(field));
    }
    let e = KeywordSet::new(&KeywordConfig {
        max_bytes: Some(0),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidOption, Some("options.maxBytes"))
    );
    // Too large input.
    let small = KeywordSet::new(&KeywordConfig {
        max_bytes: Some(8),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        small.scan_text("much longer than 8").unwrap_err().code,
        ErrorCode::TextTooLarge
    );
    assert_eq!(
        small.scan(&call()).unwrap_err().code,
        ErrorCode::TextTooLarge
    );
    assert_eq!(
        builtin().scan(&Transcript::default()).unwrap_err().code,
        ErrorCode::EmptyInput
    );
    // Pathological but valid input scans without trouble.
    for text in [
        "a".repeat(300_000),
        "no ".repeat(100_000),
        "😡".repeat(50_000),
    ] {
        builtin().scan_text(&text).unwrap();
    }
    // JSON: unknown fields and kinds are rejected, camelCase is accepted.
    let ok: KeywordConfig = serde_json::from_value(serde_json::json!({
        "categories": [{"name": "vip", "phrases": ["gold"], "negationAware": true, "speakers": ["customer"]}],
        "rules": [{"name": "d", "kind": "mustSay", "phrases": ["recorded"], "withinTurns": 2, "withinSeconds": 30, "speaker": "agent"}],
        "builtin": false, "maxBytes": 4096
    }))
    .unwrap();
    assert!(KeywordSet::new(&ok).is_ok());
    assert!(
        serde_json::from_value::<KeywordConfig>(
            serde_json::json!({"rules": [{"name": "d", "kind": "should", "phrases": []}]})
        )
        .is_err()
    );
    assert!(serde_json::from_value::<KeywordConfig>(serde_json::json!({"categorys": []})).is_err());
}

#[test]
fn categories_from_tsv() {
    let cats = KeywordSet::categories_from_tsv(
        "# mine\ncategory\tlanguage\tphrase\nvip\ten\tgold member\nvip\tes\tsocio oro\nrude\ten\tidiot\n",
    )
    .unwrap();
    assert_eq!(cats.len(), 2);
    assert_eq!(
        (cats[1].name.as_str(), cats[1].phrases.as_slice()),
        ("rude", &["idiot".to_string()][..])
    );
    for (tsv, line) in [
        ("a\ten\n", 1),
        ("a\ten\tx\n\nb\tde\ty\n", 3),
        ("\ten\tx\n", 1),
        ("a\tes\t...\n", 1),
    ] {
        let e = KeywordSet::categories_from_tsv(tsv).unwrap_err();
        assert_eq!(
            (e.code, e.index),
            (ErrorCode::InvalidLexicon, Some(line)),
            "{tsv:?}"
        );
    }
}

#[test]
fn accumulator_merge_equals_batch() {
    let set = KeywordSet::new(&KeywordConfig {
        rules: vec![ComplianceRule::must_say("d", ["recorded"]).within_turns(1)],
        ..Default::default()
    })
    .unwrap();
    let reports: Vec<_> = [
        call(),
        Transcript::from_turns([(Speaker::Customer, "cancel my contract")]),
        Transcript::from_turns([
            (Speaker::Agent, "hello"),
            (Speaker::Agent, "calls are recorded"),
        ]),
    ]
    .iter()
    .map(|t| set.scan(t).unwrap())
    .collect();
    let mut all = KeywordAccumulator::new();
    for r in &reports {
        all.push(r);
    }
    let mut a = KeywordAccumulator::new();
    a.push(&reports[1]);
    let mut b = KeywordAccumulator::new();
    b.push(&reports[2]);
    b.push(&reports[0]);
    a.merge(&b).unwrap();
    assert_eq!(a.finish(), all.finish());
    let s = all.finish();
    assert_eq!(s.rules["d"].tally.passed, 1);
    assert_eq!(s.rules["d"].tally.missing, 1);
    assert_eq!(s.rules["d"].tally.late, 1);
    assert_eq!(s.rules["d"].pass_rate, Some(1.0 / 3.0));
    let json = serde_json::to_value(&all).unwrap();
    assert_eq!(json["format"], "cxkit.keywords.v1");
    let back: KeywordAccumulator = serde_json::from_value(json).unwrap();
    assert_eq!(KeywordAccumulator::from_state(&back).unwrap(), all);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scanning_never_panics_and_spans_are_exact(text in "\\PC{0,80}", words in proptest::collection::vec("[a-zñé ]{1,12}", 1..5)) {
        let set = KeywordSet::new(&KeywordConfig {
            categories: vec![KeywordCategory::new("c", words.iter().filter(|w| !w.trim().is_empty()).cloned().chain(["x".to_string()]))],
            ..Default::default()
        }).unwrap();
        let haystack = format!("{text} {} {text}", words.join(", "));
        let units: Vec<u16> = haystack.encode_utf16().collect();
        for m in set.scan_text(&haystack).unwrap() {
            prop_assert!(haystack.is_char_boundary(m.start) && haystack.is_char_boundary(m.end));
            prop_assert_eq!(&haystack[m.start..m.end], m.text.as_str());
            prop_assert_eq!(String::from_utf16(&units[m.start_utf16..m.end_utf16]).unwrap(), m.text.clone());
        }
    }
}
