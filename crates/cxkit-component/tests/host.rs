//! The built component in wasmtime, through typed bindings of `wit/` (`bindgen!` checks the WIT at
//! compile time; instantiation checks the component against the `metrics` world).
//!
//! Needs the component: `cargo build --release --target wasm32-wasip2 -p cxkit-component`, or the
//! path in `CXKIT_COMPONENT_WASM`. `cargo xtask test` builds it and runs
//! `cargo test -p cxkit-component --tests -- --ignored` (every `tests/host*.rs`).

// The helpers below (outside `#[test]` functions, where `.clippy.toml` does not reach) unwrap,
// index fixture JSON and panic: a missing component or a malformed fixture must fail loudly.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{bindings, compiled, instance};
use serde_json::Value;

use bindings::exports::cxkit::metrics::surveys::{
    Answer, CesReport, CsatReport, GroupBy, Interval, IntervalMethod, NpsReport, OnInvalid, Scale,
    SurveyOptions, SurveyResponse,
};
use bindings::exports::cxkit::metrics::types::Error;

// ---- host ------------------------------------------------------------------------------------

fn nps(responses: &[SurveyResponse], options: &SurveyOptions) -> Result<NpsReport, Error> {
    let (mut store, m) = instance();
    m.cxkit_metrics_surveys()
        .call_nps(&mut store, responses, options)
        .unwrap()
}

fn csat(responses: &[SurveyResponse], options: &SurveyOptions) -> Result<CsatReport, Error> {
    let (mut store, m) = instance();
    m.cxkit_metrics_surveys()
        .call_csat(&mut store, responses, options)
        .unwrap()
}

fn ces(responses: &[SurveyResponse], options: &SurveyOptions) -> Result<CesReport, Error> {
    let (mut store, m) = instance();
    m.cxkit_metrics_surveys()
        .call_ces(&mut store, responses, options)
        .unwrap()
}

// ---- building inputs -------------------------------------------------------------------------

fn response(answer: Answer) -> SurveyResponse {
    SurveyResponse {
        answer,
        id: None,
        kind: None,
        scale: None,
        responded_at: None,
        contact_id: None,
        customer_id: None,
        agent_id: None,
        queue: None,
        channel: None,
    }
}

fn values(vs: &[f64]) -> Vec<SurveyResponse> {
    vs.iter().map(|&v| response(Answer::Value(v))).collect()
}

fn in_queue(v: f64, queue: Option<&str>) -> SurveyResponse {
    SurveyResponse {
        queue: queue.map(str::to_string),
        ..response(Answer::Value(v))
    }
}

fn no_options() -> SurveyOptions {
    SurveyOptions {
        scale: None,
        satisfied: None,
        interval: None,
        confidence: None,
        version: None,
        on_invalid: None,
        group_by: None,
        utc_offset_minutes: None,
        labels: None,
    }
}

/// One element of a fixture `responses` list (a number, a label or a response object) as a WIT
/// record.
fn from_json(v: &Value) -> SurveyResponse {
    let text = |key: &str| v.get(key).map(|s| s.as_str().unwrap().to_string());
    match v {
        Value::Number(n) => response(Answer::Value(n.as_f64().unwrap())),
        Value::String(s) => response(Answer::Label(s.clone())),
        Value::Object(map) => {
            for key in map.keys() {
                let known = [
                    "value",
                    "label",
                    "id",
                    "respondedAt",
                    "contactId",
                    "customerId",
                    "agentId",
                    "queue",
                    "channel",
                ];
                assert!(known.contains(&key.as_str()), "unhandled fixture key {key}");
            }
            let answer = match (v.get("value"), text("label")) {
                (Some(n), _) => Answer::Value(n.as_f64().unwrap()),
                (None, Some(l)) => Answer::Label(l),
                (None, None) => panic!("fixture response without value or label: {v}"),
            };
            SurveyResponse {
                answer,
                id: text("id"),
                kind: None,
                scale: None,
                responded_at: text("respondedAt"),
                contact_id: text("contactId"),
                customer_id: text("customerId"),
                agent_id: text("agentId"),
                queue: text("queue"),
                channel: text("channel"),
            }
        }
        other => panic!("unexpected fixture response {other}"),
    }
}

// ---- comparing with the fixture --------------------------------------------------------------

fn close(what: &str, got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-9,
        "{what}: got {got}, expected {want}"
    );
}

fn check_interval(section: &str, got: &Interval, want: &Value) {
    for (key, want) in want.as_object().unwrap() {
        match key.as_str() {
            "low" => close(
                &format!("{section}.ci.low"),
                got.low,
                want.as_f64().unwrap(),
            ),
            "high" => close(
                &format!("{section}.ci.high"),
                got.high,
                want.as_f64().unwrap(),
            ),
            "confidence" => close(
                &format!("{section}.ci.confidence"),
                got.confidence,
                want.as_f64().unwrap(),
            ),
            "method" => assert_eq!(got.method, want.as_str().unwrap(), "{section}.ci.method"),
            other => panic!("{section}: unhandled expected ci field {other}"),
        }
    }
}

/// Compares every field of a fixture `expected` block: numbers through `number`, `ci` through
/// `ci`. An expected field this test does not know fails the test.
fn check_expected(
    section: &str,
    expected: &Value,
    number: impl Fn(&str) -> Option<f64>,
    ci: Option<&Interval>,
) {
    let expected = expected.as_object().unwrap();
    assert!(!expected.is_empty(), "{section}: empty expected block");
    for (key, want) in expected {
        if key == "ci" {
            let got = ci.unwrap_or_else(|| panic!("{section}: no interval"));
            check_interval(section, got, want);
        } else {
            let got = number(key).unwrap_or_else(|| panic!("{section}: unhandled field {key}"));
            close(&format!("{section}.{key}"), got, want.as_f64().unwrap());
        }
    }
}

fn fixture_section(name: &str) -> (Vec<SurveyResponse>, Value) {
    let fixture = common::fixture("surveys/shared.json");
    let section = &fixture[name];
    assert_eq!(
        section["options"],
        serde_json::json!({}),
        "{name}: this test passes no options; convert them if the fixture gains some"
    );
    let responses = section["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(from_json)
        .collect();
    (responses, section["expected"].clone())
}

// ---- tests -----------------------------------------------------------------------------------

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn imports_only_wasi() {
    let (engine, component) = compiled();
    let imports: Vec<String> = component
        .component_type()
        .imports(engine)
        .map(|(name, _)| name.to_string())
        .collect();
    eprintln!("component imports: {imports:?}");
    for name in &imports {
        assert!(name.starts_with("wasi:"), "unexpected import {name}");
    }
    let exports: Vec<String> = component
        .component_type()
        .exports(engine)
        .map(|(name, _)| name.to_string())
        .collect();
    assert!(
        exports.contains(&"cxkit:metrics/surveys@0.1.0".to_string()),
        "{exports:?}"
    );
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn shared_fixture_nps() {
    let (responses, expected) = fixture_section("nps");
    let r = nps(&responses, &no_options()).unwrap();
    assert!(r.groups.is_none());
    let o = &r.overall;
    let number = |key: &str| {
        Some(match key {
            "score" => o.score,
            "promoters" => o.promoters as f64,
            "passives" => o.passives as f64,
            "detractors" => o.detractors as f64,
            "percentPromoters" => o.percent_promoters,
            "percentPassives" => o.percent_passives,
            "percentDetractors" => o.percent_detractors,
            "n" => o.n as f64,
            "marginOfError" => o.margin_of_error,
            _ => return None,
        })
    };
    check_expected("nps", &expected, number, Some(&o.ci));
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn shared_fixture_csat() {
    let (responses, expected) = fixture_section("csat");
    let r = csat(&responses, &no_options()).unwrap();
    let o = &r.overall;
    let number = |key: &str| {
        Some(match key {
            "score" => o.score,
            "satisfied" => o.satisfied as f64,
            "n" => o.n as f64,
            _ => return None,
        })
    };
    check_expected("csat", &expected, number, Some(&o.ci));
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn shared_fixture_ces() {
    let (responses, expected) = fixture_section("ces");
    let r = ces(&responses, &no_options()).unwrap();
    let o = &r.overall;
    let number = |key: &str| {
        Some(match key {
            "mean" => o.mean,
            "standardDeviation" => o.standard_deviation,
            "percentEasy" => o.percent_easy,
            "n" => o.n as f64,
            "version" => f64::from(o.version),
            _ => return None,
        })
    };
    check_expected("ces", &expected, number, o.ci.as_ref());
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn nps_of_five_scores() {
    let r = nps(&values(&[10.0, 9.0, 8.0, 7.0, 0.0]), &no_options()).unwrap();
    let o = r.overall;
    assert_eq!(o.score, 20.0);
    assert_eq!((o.promoters, o.passives, o.detractors, o.n), (2, 2, 1, 5));
    assert_eq!(o.ci.method, "wald");
    let rejected = o.rejected.unwrap();
    assert_eq!(rejected.total, 0);
    assert!(rejected.by_reason.is_empty());
    let expected: Vec<(String, u64)> = (0..=10)
        .map(|v| (v.to_string(), u64::from(matches!(v, 0 | 7 | 8 | 9 | 10))))
        .collect();
    assert_eq!(o.distribution, expected);
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn errors_carry_code_field_and_index() {
    let err = nps(&values(&[10.0, 9.0, 11.0]), &no_options()).unwrap_err();
    assert_eq!(err.code, "score_out_of_range");
    assert_eq!(err.index, Some(2));
    assert!(err.message.contains("11"), "{}", err.message);

    let mut bad_time = values(&[10.0, 9.0]);
    bad_time[1].responded_at = Some("yesterday".to_string());
    let err = nps(&bad_time, &no_options()).unwrap_err();
    assert_eq!(err.code, "invalid_timestamp");
    assert_eq!(err.index, Some(1));
    assert_eq!(err.field.as_deref(), Some("responses[1].respondedAt"));

    let mut bad_channel = values(&[10.0]);
    bad_channel[0].channel = Some("pigeon".to_string());
    let err = nps(&bad_channel, &no_options()).unwrap_err();
    assert_eq!(err.code, "invalid_value");
    assert_eq!(err.index, Some(0));

    let options = SurveyOptions {
        confidence: Some(1.5),
        ..no_options()
    };
    let err = nps(&values(&[10.0]), &options).unwrap_err();
    assert_eq!(err.code, "invalid_option");
    assert_eq!(err.field.as_deref(), Some("options.confidence"));
    assert_eq!(err.index, None);

    let err = csat(&[], &no_options()).unwrap_err();
    assert_eq!(err.code, "empty_input");
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn skip_counts_rejections_by_reason() {
    let mut responses = values(&[10.0, 11.0, 4.5, 9.0]);
    responses.push(response(Answer::Label("so-so".to_string())));
    responses[3].responded_at = Some("2026-13-01T00:00:00Z".to_string());
    let options = SurveyOptions {
        on_invalid: Some(OnInvalid::Skip),
        ..no_options()
    };
    let r = nps(&responses, &options).unwrap();
    assert_eq!(r.overall.n, 1);
    assert_eq!(r.overall.score, 100.0);
    let rejected = r.overall.rejected.unwrap();
    assert_eq!(rejected.total, 4);
    let mut by_reason = rejected.by_reason;
    by_reason.sort();
    let want: Vec<(String, u64)> = [
        "invalid_timestamp",
        "non_integer_score",
        "score_out_of_range",
        "unknown_label",
    ]
    .iter()
    .map(|c| (c.to_string(), 1))
    .collect();
    assert_eq!(by_reason, want);
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn group_by_queue_gives_each_group_its_own_n() {
    let responses = [
        in_queue(10.0, Some("billing")),
        in_queue(9.0, Some("billing")),
        in_queue(0.0, Some("sales")),
        in_queue(5.0, None),
    ];
    let options = SurveyOptions {
        group_by: Some(GroupBy::Queue),
        ..no_options()
    };
    let r = nps(&responses, &options).unwrap();
    assert_eq!(r.overall.n, 4);
    assert_eq!(r.overall.score, 0.0);
    let rows: Vec<(Option<String>, u64, f64)> = r
        .groups
        .unwrap()
        .into_iter()
        .map(|g| {
            assert!(
                g.result.rejected.is_none(),
                "breakdown rows carry no rejected"
            );
            (g.key, g.result.n, g.result.score)
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("billing".to_string()), 2, 100.0),
            (Some("sales".to_string()), 1, -100.0),
            (None, 1, -100.0),
        ]
    );
}

/// Every option reaches the core: each one changes the result in a visible way.
#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn options_reach_the_core() {
    // CSAT on 1–7 with only 7 satisfied, a custom label, Clopper–Pearson at 90 %.
    let responses = [
        response(Answer::Value(7.0)),
        response(Answer::Value(6.0)),
        response(Answer::Label("top box".to_string())),
        response(Answer::Value(1.0)),
    ];
    let options = SurveyOptions {
        scale: Some(Scale::Range((1, 7))),
        satisfied: Some(vec![Answer::Value(7.0)]),
        interval: Some(IntervalMethod::ClopperPearson),
        confidence: Some(0.9),
        labels: Some(vec![("top box".to_string(), 7.0)]),
        ..no_options()
    };
    let o = csat(&responses, &options).unwrap().overall;
    assert_eq!((o.satisfied, o.n, o.score), (2, 4, 50.0));
    assert_eq!(o.ci.method, "clopper-pearson");
    assert_eq!(o.ci.confidence, 0.9);
    assert_eq!(o.distribution.len(), 7);

    // Binary CSAT.
    let options = SurveyOptions {
        scale: Some(Scale::Binary),
        ..no_options()
    };
    let o = csat(&values(&[1.0, 0.0, 1.0, 1.0]), &options)
        .unwrap()
        .overall;
    assert_eq!(o.score, 75.0);
    assert_eq!(
        o.distribution,
        vec![("bad".to_string(), 1), ("good".to_string(), 3)]
    );

    // CES version 1 (1–5, low is good); a single answer has no interval.
    let options = SurveyOptions {
        version: Some(1),
        ..no_options()
    };
    let o = ces(&values(&[1.0, 2.0, 5.0]), &options).unwrap().overall;
    assert_eq!(o.version, 1);
    assert!((o.percent_easy - 200.0 / 3.0).abs() < 1e-9);
    assert!(o.ci.is_some());
    let o = ces(&values(&[6.0]), &no_options()).unwrap().overall;
    assert_eq!((o.version, o.n), (2, 1));
    assert!(o.ci.is_none());

    // Days at UTC+10:00: 20:00Z on the 10th is the 11th.
    let mut responses = values(&[10.0, 0.0]);
    responses[0].responded_at = Some("2026-11-10T20:00:00Z".to_string());
    responses[1].responded_at = Some("2026-11-10T08:00:00+01:00".to_string());
    let options = SurveyOptions {
        group_by: Some(GroupBy::Day),
        utc_offset_minutes: Some(600),
        ..no_options()
    };
    let keys: Vec<Option<String>> = nps(&responses, &options)
        .unwrap()
        .groups
        .unwrap()
        .into_iter()
        .map(|g| g.key)
        .collect();
    assert_eq!(
        keys,
        vec![
            Some("2026-11-10".to_string()),
            Some("2026-11-11".to_string())
        ]
    );
}
