//! Survey scoring: known answers, labels, breakdowns, errors and accumulator invariants.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly on purpose

use cxkit_core::ErrorCode;
use cxkit_core::stats::IntervalMethod;
use cxkit_core::survey::{
    Answer, GroupBy, OnInvalid, Scale, SurveyAccumulator, SurveyInput, SurveyKind, SurveyOptions,
    SurveyResponse, SurveyState, ces, csat, nps, score_bytes,
};
use proptest::prelude::*;

fn values(v: &[f64]) -> Vec<SurveyInput> {
    v.iter().map(|&x| SurveyInput::Value(x)).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn csat_top_two_box_on_each_scale() {
    // 1–5: 4 and 5 satisfied.
    let r = csat(
        &values(&[5., 4., 3., 2., 1., 5., 4., 4.]),
        &SurveyOptions::default(),
    )
    .unwrap();
    assert_eq!((r.overall.satisfied, r.overall.n), (5, 8));
    assert_eq!(r.overall.score, 62.5);
    // 1–7: 6 and 7.
    let o = SurveyOptions {
        scale: Some(Scale::range(1, 7)),
        ..Default::default()
    };
    let r = csat(&values(&[7., 6., 5., 1.]), &o).unwrap();
    assert_eq!(r.overall.score, 50.0);
    // 1–10: 9 and 10.
    let o = SurveyOptions {
        scale: Some(Scale::range(1, 10)),
        ..Default::default()
    };
    let r = csat(&values(&[10., 9., 8., 1., 10.]), &o).unwrap();
    assert_eq!(r.overall.score, 60.0);
    // Binary: good.
    let o = SurveyOptions {
        scale: Some(Scale::Binary),
        ..Default::default()
    };
    let answers: Vec<SurveyInput> = ["good", "bad", "Bueno", "MALA", "good"]
        .map(SurveyInput::from)
        .to_vec();
    let r = csat(&answers, &o).unwrap();
    assert_eq!((r.overall.satisfied, r.overall.n), (3, 5));
    assert_eq!(
        json(&r.overall.distribution),
        serde_json::json!({"bad": 2, "good": 3})
    );
}

#[test]
fn csat_interval_is_wilson_in_percent_and_other_methods_apply() {
    // Newcombe (1998) example (a): 81 satisfied of 263.
    let mut answers = values(&vec![5.0; 81]);
    answers.extend(values(&vec![1.0; 182]));
    let r = csat(&answers, &SurveyOptions::default()).unwrap().overall;
    assert_eq!(r.ci.method, IntervalMethod::Wilson);
    assert_eq!((r.ci.low * 100.0).round() / 100.0, 25.53);
    assert_eq!((r.ci.high * 100.0).round() / 100.0, 36.62);
    let o = SurveyOptions {
        interval: Some(IntervalMethod::ClopperPearson),
        ..Default::default()
    };
    let r = csat(&answers, &o).unwrap().overall;
    assert_eq!((r.ci.low * 100.0).round() / 100.0, 25.27);
    assert_eq!((r.ci.high * 100.0).round() / 100.0, 36.76);
    for method in IntervalMethod::PROPORTION {
        let o = SurveyOptions {
            interval: Some(method),
            confidence: Some(0.9),
            ..Default::default()
        };
        let r = csat(&answers, &o).unwrap().overall;
        assert!(r.ci.low < r.score && r.score < r.ci.high, "{method:?}");
        assert_eq!(r.ci.confidence, 0.9);
    }
}

#[test]
fn csat_custom_satisfied_set_by_number_and_label() {
    let o = SurveyOptions {
        satisfied: Some(vec![Answer::Value(5.0)]),
        ..Default::default()
    };
    let r = csat(&values(&[5., 4., 4., 5.]), &o).unwrap();
    assert_eq!(r.overall.score, 50.0);
    let o = SurveyOptions {
        satisfied: Some(vec![
            Answer::Label("satisfecho".into()),
            Answer::Label("very satisfied".into()),
            Answer::Value(3.0),
        ]),
        ..Default::default()
    };
    let r = csat(&values(&[5., 4., 3., 2.]), &o).unwrap();
    assert_eq!(r.overall.satisfied, 3);
}

#[test]
fn nps_counts_promoters_passives_detractors() {
    let scores: Vec<f64> = (0..=10).map(f64::from).collect();
    let r = nps(&values(&scores), &SurveyOptions::default())
        .unwrap()
        .overall;
    assert_eq!((r.promoters, r.passives, r.detractors, r.n), (2, 2, 7, 11));
    assert!(close(r.score, 100.0 * (2.0 - 7.0) / 11.0, 1e-12));
    assert!(close(
        r.percent_promoters + r.percent_passives + r.percent_detractors,
        100.0,
        1e-9
    ));
    // Wald: var = (p+ + p− − NPS²)/n, in points.
    let (pp, pd) = (2.0 / 11.0, 7.0 / 11.0);
    let moe = 1.959_963_984_540_054 * ((pp + pd - (pp - pd) * (pp - pd)) / 11.0_f64).sqrt();
    assert!(close(r.margin_of_error, 100.0 * moe, 1e-9));
    assert!(close(r.ci.low, r.score - r.margin_of_error, 1e-9));
    let d = json(&r.distribution);
    assert_eq!(d["0"], 1);
    assert_eq!(d["10"], 1);
    assert_eq!(d.as_object().unwrap().len(), 11);
}

#[test]
fn nps_adjusted_wald_and_bad_interval() {
    let o = SurveyOptions {
        interval: Some(IntervalMethod::AdjustedWald),
        ..Default::default()
    };
    let r = nps(&values(&[10., 10., 10., 10.]), &o).unwrap().overall;
    assert_eq!(r.score, 100.0);
    assert!(r.margin_of_error > 0.0);
    assert!(r.ci.high <= 100.0 && r.ci.low < 100.0);
    let o = SurveyOptions {
        interval: Some(IntervalMethod::Wilson),
        ..Default::default()
    };
    let e = nps(&values(&[10.]), &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidOption);
    assert_eq!(e.field.as_deref(), Some("options.interval"));
}

#[test]
fn ces_versions_means_and_percent_easy() {
    // Version 2 (default): 1–7, easy = 5–7.
    let r = ces(&values(&[7., 6., 5., 4., 1.]), &SurveyOptions::default())
        .unwrap()
        .overall;
    assert_eq!(r.version, 2);
    assert_eq!(r.mean, 4.6);
    // s² = Σ(x − 4.6)² / 4 = (5.76 + 1.96 + 0.16 + 0.36 + 12.96) / 4 = 5.3
    assert!(close(r.standard_deviation, 5.3_f64.sqrt(), 1e-12));
    assert_eq!(r.percent_easy, 60.0);
    let ci = r.ci.unwrap();
    // t(0.975, 4) = 2.776445105
    let half = 2.776_445_105_197_797 * 5.3_f64.sqrt() / 5.0_f64.sqrt();
    assert!(close(ci.low, 4.6 - half, 1e-9) && close(ci.high, 4.6 + half, 1e-9));
    // Version 1: 1–5 effort, easy = 1–2, labels run the other way.
    let o = SurveyOptions {
        version: Some(1),
        ..Default::default()
    };
    let answers: Vec<SurveyInput> = ["very easy", "Muy fácil", "difícil", "muy difícil"]
        .map(SurveyInput::from)
        .to_vec();
    let r = ces(&answers, &o).unwrap().overall;
    assert_eq!(r.mean, (1. + 1. + 4. + 5.) / 4.0);
    assert_eq!(r.percent_easy, 50.0);
    // A single answer has no interval.
    let r = ces(&values(&[6.]), &SurveyOptions::default())
        .unwrap()
        .overall;
    assert!(r.ci.is_none());
    assert_eq!(json(&r)["ci"], serde_json::Value::Null);
}

#[test]
fn labels_in_both_languages_case_and_accent_insensitive() {
    let answers: Vec<SurveyInput> = [
        "Very Satisfied",
        "muy satisfecho",
        "MUY SATISFECHA",
        "insatisfecho",
        "neutral",
        "4",
    ]
    .map(SurveyInput::from)
    .to_vec();
    let r = csat(&answers, &SurveyOptions::default()).unwrap().overall;
    let d = json(&r.distribution);
    assert_eq!(
        d,
        serde_json::json!({"1": 0, "2": 1, "3": 1, "4": 1, "5": 3})
    );
    let ces_answers: Vec<SurveyInput> = ["Muy sencilla", "muy facil", "Algo difícil"]
        .map(SurveyInput::from)
        .to_vec();
    let r = ces(&ces_answers, &SurveyOptions::default())
        .unwrap()
        .overall;
    assert_eq!(json(&r.distribution)["7"], 2);
    assert_eq!(json(&r.distribution)["3"], 1);
}

#[test]
fn custom_labels_take_precedence() {
    let o = SurveyOptions {
        labels: Some([("Excelente".to_string(), 5.0), ("Fatal".to_string(), 1.0)].into()),
        ..Default::default()
    };
    let answers: Vec<SurveyInput> = ["excelente", "FATAL", "satisfied"]
        .map(SurveyInput::from)
        .to_vec();
    let r = csat(&answers, &o).unwrap().overall;
    assert_eq!(r.satisfied, 2);
    let bad = SurveyOptions {
        labels: Some([("top".to_string(), 6.0)].into()),
        ..Default::default()
    };
    let e = csat(&answers, &bad).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidOption);
    assert!(
        e.message.contains("options.labels[\"top\"]"),
        "{}",
        e.message
    );
}

#[test]
fn errors_name_the_index_and_field() {
    let cases: Vec<(Vec<SurveyInput>, ErrorCode, usize, &str)> = vec![
        (
            values(&[9., 11.]),
            ErrorCode::ScoreOutOfRange,
            1,
            "responses[1]",
        ),
        (
            values(&[9., 8.5]),
            ErrorCode::NonIntegerScore,
            1,
            "responses[1]",
        ),
        (
            values(&[f64::NAN]),
            ErrorCode::NonFiniteScore,
            0,
            "responses[0]",
        ),
        (
            values(&[1., 2., f64::INFINITY]),
            ErrorCode::NonFiniteScore,
            2,
            "responses[2]",
        ),
        (
            vec![SurveyInput::from("meh")],
            ErrorCode::UnknownLabel,
            0,
            "responses[0]",
        ),
        (
            vec![
                SurveyInput::Value(3.),
                SurveyResponse {
                    value: Some(-1.0),
                    ..Default::default()
                }
                .into(),
            ],
            ErrorCode::ScoreOutOfRange,
            1,
            "responses[1].value",
        ),
        (
            vec![SurveyResponse::default().into()],
            ErrorCode::MissingField,
            0,
            "responses[0].value",
        ),
        (
            vec![
                SurveyResponse {
                    kind: Some(SurveyKind::Csat),
                    value: Some(9.0),
                    ..Default::default()
                }
                .into(),
            ],
            ErrorCode::KindMismatch,
            0,
            "responses[0].kind",
        ),
    ];
    for (inputs, code, index, field) in cases {
        let e = nps(&inputs, &SurveyOptions::default()).unwrap_err();
        assert_eq!(e.code, code, "{e:?}");
        assert_eq!(e.index, Some(index), "{e:?}");
        assert_eq!(e.field.as_deref(), Some(field), "{e:?}");
        assert!(e.message.starts_with(&format!("responses[{index}]")), "{e}");
    }
    let e = nps(&[], &SurveyOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::EmptyInput);
}

#[test]
fn json_elements_of_the_wrong_type_are_reported_by_index() {
    let inputs: Vec<SurveyInput> =
        serde_json::from_str(r#"[10, {"value": 9}, true, {"value": "x"}]"#).unwrap();
    let e = nps(&inputs, &SurveyOptions::default()).unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::InvalidType, Some(2)));
    let skip = SurveyOptions {
        on_invalid: Some(OnInvalid::Skip),
        ..Default::default()
    };
    let r = nps(&inputs, &skip).unwrap().overall;
    assert_eq!(r.n, 2);
    let rej = r.rejected.unwrap();
    assert_eq!(rej.total, 2);
    assert_eq!(rej.by_reason[&ErrorCode::InvalidType], 2);
}

#[test]
fn skip_counts_rejections_by_reason_and_empty_after_skip_is_an_error() {
    let o = SurveyOptions {
        on_invalid: Some(OnInvalid::Skip),
        ..Default::default()
    };
    let inputs = vec![
        SurveyInput::Value(5.),
        SurveyInput::Value(6.),
        SurveyInput::Value(4.5),
        SurveyInput::from("nope"),
        SurveyInput::Value(f64::NAN),
        SurveyInput::Value(0.),
    ];
    let r = csat(&inputs, &o).unwrap().overall;
    assert_eq!(r.n, 1);
    let v = json(&r.rejected);
    assert_eq!(
        v,
        serde_json::json!({"total": 5, "byReason": {
            "score_out_of_range": 2, "non_integer_score": 1, "unknown_label": 1, "non_finite_score": 1}})
    );
    let e = csat(&inputs[2..], &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::EmptyInput);
    assert!(e.message.contains("4 rejected"), "{}", e.message);
}

#[test]
fn options_are_checked() {
    let bad: Vec<(SurveyKind, SurveyOptions, &str)> = vec![
        (
            SurveyKind::Csat,
            SurveyOptions {
                confidence: Some(1.0),
                ..Default::default()
            },
            "options.confidence",
        ),
        (
            SurveyKind::Nps,
            SurveyOptions {
                scale: Some(Scale::range(1, 5)),
                ..Default::default()
            },
            "options.scale",
        ),
        (
            SurveyKind::Ces,
            SurveyOptions {
                version: Some(3),
                ..Default::default()
            },
            "options.version",
        ),
        (
            SurveyKind::Csat,
            SurveyOptions {
                version: Some(1),
                ..Default::default()
            },
            "options.version",
        ),
        (
            SurveyKind::Nps,
            SurveyOptions {
                satisfied: Some(vec![Answer::Value(9.)]),
                ..Default::default()
            },
            "options.satisfied",
        ),
        (
            SurveyKind::Csat,
            SurveyOptions {
                satisfied: Some(vec![Answer::Value(9.)]),
                ..Default::default()
            },
            "options.satisfied[0]",
        ),
        (
            SurveyKind::Csat,
            SurveyOptions {
                utc_offset_minutes: Some(24 * 60),
                ..Default::default()
            },
            "options.utcOffsetMinutes",
        ),
        (
            SurveyKind::Ces,
            SurveyOptions {
                interval: Some(IntervalMethod::Wilson),
                ..Default::default()
            },
            "options.interval",
        ),
    ];
    for (kind, o, field) in bad {
        let e = SurveyAccumulator::new(kind, &o).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidOption, "{field}");
        assert_eq!(e.field.as_deref(), Some(field), "{e:?}");
    }
    let unknown: Result<SurveyOptions, _> = serde_json::from_str(r#"{"groupby": "queue"}"#);
    assert!(
        unknown
            .unwrap_err()
            .to_string()
            .contains("unknown field `groupby`")
    );
}

fn response(value: f64, queue: &str, at: &str) -> SurveyInput {
    SurveyResponse {
        value: Some(value),
        queue: (!queue.is_empty()).then(|| queue.to_string()),
        responded_at: Some(at.parse().unwrap()),
        ..Default::default()
    }
    .into()
}

#[test]
fn breakdown_by_queue_with_rows_carrying_their_own_n_and_ci() {
    let inputs = vec![
        response(10., "billing", "2026-11-23T10:00:00Z"),
        response(9., "billing", "2026-11-23T10:00:00Z"),
        response(3., "tech", "2026-11-23T10:00:00Z"),
        response(10., "", "2026-11-23T10:00:00Z"),
    ];
    let o = SurveyOptions {
        group_by: Some(GroupBy::Queue),
        ..Default::default()
    };
    let r = nps(&inputs, &o).unwrap();
    assert_eq!(r.overall.n, 4);
    let v = json(&r);
    let groups = v["groups"].as_array().unwrap();
    let keys: Vec<_> = groups.iter().map(|g| g["key"].clone()).collect();
    assert_eq!(
        keys,
        vec!["billing".into(), "tech".into(), serde_json::Value::Null]
    );
    assert_eq!(groups[0]["n"], 2);
    assert_eq!(groups[0]["score"], 100.0);
    assert_eq!(groups[1]["score"], -100.0);
    assert!(groups[0]["ci"]["low"].is_number());
    assert!(groups[0].get("rejected").is_none());
    assert_eq!(v["overall"]["n"], 4);
}

#[test]
fn breakdown_by_time_bucket_respects_the_utc_offset() {
    // 23:30 UTC on Sunday 2026-11-22 is Monday 00:30 at UTC+1: a different day and ISO week.
    let inputs = vec![
        response(5., "", "2026-11-22T23:30:00Z"),
        response(1., "", "2026-11-23T12:00:00Z"),
        response(5., "", "2026-12-01T08:00:00Z"),
    ];
    let keys = |by, offset| {
        let o = SurveyOptions {
            group_by: Some(by),
            utc_offset_minutes: Some(offset),
            ..Default::default()
        };
        csat(&inputs, &o)
            .unwrap()
            .groups
            .unwrap()
            .into_iter()
            .map(|g| (g.key.unwrap(), g.result.n))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        keys(GroupBy::Day, 0),
        vec![
            ("2026-11-22".into(), 1),
            ("2026-11-23".into(), 1),
            ("2026-12-01".into(), 1)
        ]
    );
    assert_eq!(
        keys(GroupBy::Day, 60),
        vec![("2026-11-23".into(), 2), ("2026-12-01".into(), 1)]
    );
    assert_eq!(
        keys(GroupBy::Week, 0),
        vec![
            ("2026-W47".into(), 1),
            ("2026-W48".into(), 1),
            ("2026-W49".into(), 1)
        ]
    );
    assert_eq!(
        keys(GroupBy::Week, 60),
        vec![("2026-W48".into(), 2), ("2026-W49".into(), 1)]
    );
    assert_eq!(keys(GroupBy::Month, -600), vec![("2026-11".into(), 3)]);
    // A bare number cannot be bucketed by time.
    let o = SurveyOptions {
        group_by: Some(GroupBy::Day),
        ..Default::default()
    };
    let e = csat(&values(&[5.]), &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::MissingField);
}

#[test]
fn iso_week_at_year_boundaries() {
    // 2027-01-01 is a Friday: ISO week 2026-W53.
    let o = SurveyOptions {
        group_by: Some(GroupBy::Week),
        ..Default::default()
    };
    let r = csat(&[response(5., "", "2027-01-01T12:00:00Z")], &o).unwrap();
    assert_eq!(r.groups.unwrap()[0].key.as_deref(), Some("2026-W53"));
}

#[test]
fn typed_scores_fast_path_matches_the_general_path() {
    let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 11) as u8).collect();
    let floats: Vec<f64> = bytes.iter().map(|&b| f64::from(b)).collect();
    let fast = score_bytes(SurveyKind::Nps, &bytes, &SurveyOptions::default()).unwrap();
    let slow = nps(&values(&floats), &SurveyOptions::default()).unwrap();
    assert_eq!(json(&fast), json(&slow));
    let mut bad = bytes.clone();
    bad[500] = 11;
    let e = score_bytes(SurveyKind::Nps, &bad, &SurveyOptions::default()).unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::ScoreOutOfRange, Some(500)));
    assert_eq!(e.field.as_deref(), Some("scores[500]"));
    let skip = SurveyOptions {
        on_invalid: Some(OnInvalid::Skip),
        ..Default::default()
    };
    let r = score_bytes(SurveyKind::Nps, &bad, &skip).unwrap();
    let v = json(&r);
    assert_eq!(v["n"], 999);
    assert_eq!(v["rejected"]["byReason"]["score_out_of_range"], 1);
}

#[test]
fn state_round_trips_and_is_checked() {
    let o = SurveyOptions {
        group_by: Some(GroupBy::Queue),
        ..Default::default()
    };
    let mut acc = SurveyAccumulator::new(SurveyKind::Nps, &o).unwrap();
    acc.push_all(&[
        response(10., "a", "2026-01-01T00:00:00Z"),
        response(2., "b", "2026-01-01T00:00:00Z"),
    ])
    .unwrap();
    let text = serde_json::to_string(&acc.state()).unwrap();
    let back: SurveyState = serde_json::from_str(&text).unwrap();
    let acc2 = SurveyAccumulator::from_state(&back).unwrap();
    assert_eq!(acc, acc2);
    assert!(
        text.starts_with(r#"{"format":"cxkit.survey.v1","kind":"nps""#),
        "{text}"
    );

    let mut broken = back.clone();
    broken.counts.pop();
    assert_eq!(
        SurveyAccumulator::from_state(&broken).unwrap_err().code,
        ErrorCode::InvalidState
    );
    let mut broken = back.clone();
    broken.format = "cxkit.survey.v0".into();
    assert_eq!(
        SurveyAccumulator::from_state(&broken).unwrap_err().code,
        ErrorCode::InvalidState
    );
    let mut broken = back;
    let dup = broken.groups[0].clone();
    broken.groups.push(dup);
    assert_eq!(
        SurveyAccumulator::from_state(&broken).unwrap_err().index,
        Some(2)
    );
}

#[test]
fn merge_refuses_incompatible_accumulators() {
    let a = SurveyAccumulator::new(SurveyKind::Nps, &SurveyOptions::default()).unwrap();
    let b = SurveyAccumulator::new(SurveyKind::Csat, &SurveyOptions::default()).unwrap();
    let mut a2 = a.clone();
    assert_eq!(a2.merge(&b).unwrap_err().code, ErrorCode::IncompatibleState);
    let day = |offset| {
        SurveyAccumulator::new(
            SurveyKind::Nps,
            &SurveyOptions {
                group_by: Some(GroupBy::Day),
                utc_offset_minutes: Some(offset),
                ..Default::default()
            },
        )
        .unwrap()
    };
    assert!(day(60).merge(&day(0)).is_err());
    assert!(day(60).merge(&day(60)).is_ok());
    assert_eq!(a2.finish_csat().unwrap_err().code, ErrorCode::KindMismatch);
}

// --- property tests --------------------------------------------------------------------------

fn arb_input() -> impl Strategy<Value = SurveyInput> {
    prop_oneof![
        8 => (0u8..=10).prop_map(|v| SurveyInput::Value(f64::from(v))),
        1 => (11u8..20).prop_map(|v| SurveyInput::Value(f64::from(v))),
        2 => (0u8..=10, prop::sample::select(vec!["a", "b", "c"]), 0i64..5_000_000).prop_map(
            |(v, q, secs)| SurveyResponse {
                value: Some(f64::from(v)),
                queue: Some(q.to_string()),
                responded_at: chrono::DateTime::from_timestamp(1_790_000_000 + secs, 0),
                ..Default::default()
            }
            .into()
        ),
    ]
}

fn arb_options() -> impl Strategy<Value = (SurveyKind, SurveyOptions)> {
    (
        prop::sample::select(vec![SurveyKind::Csat, SurveyKind::Nps]),
        prop::option::of(prop::sample::select(vec![
            GroupBy::Queue,
            GroupBy::Day,
            GroupBy::Week,
        ])),
        -600i32..600,
    )
        .prop_map(|(kind, group_by, offset)| {
            (
                kind,
                SurveyOptions {
                    scale: (kind == SurveyKind::Csat).then_some(Scale::range(0, 10)),
                    on_invalid: Some(OnInvalid::Skip),
                    group_by,
                    utc_offset_minutes: Some(offset),
                    ..Default::default()
                },
            )
        })
}

fn acc_of(kind: SurveyKind, o: &SurveyOptions, inputs: &[SurveyInput]) -> SurveyAccumulator {
    let mut acc = SurveyAccumulator::new(kind, o).unwrap();
    acc.push_all(inputs).unwrap();
    acc
}

fn finished(acc: &SurveyAccumulator) -> Option<serde_json::Value> {
    acc.finish().ok().map(|r| json(&r))
}

proptest! {
    #[test]
    fn merge_equals_batch_for_any_split(
        (kind, o) in arb_options(),
        inputs in prop::collection::vec(arb_input(), 0..200),
        cut in any::<prop::sample::Index>(),
    ) {
        let at = cut.index(inputs.len() + 1);
        let (left, right) = inputs.split_at(at);
        let mut merged = acc_of(kind, &o, left);
        merged.merge(&acc_of(kind, &o, right)).unwrap();
        let batch = acc_of(kind, &o, &inputs);
        prop_assert_eq!(&merged, &batch);
        prop_assert_eq!(finished(&merged), finished(&batch));
    }

    #[test]
    fn merge_is_commutative_and_associative(
        (kind, o) in arb_options(),
        a in prop::collection::vec(arb_input(), 0..60),
        b in prop::collection::vec(arb_input(), 0..60),
        c in prop::collection::vec(arb_input(), 0..60),
    ) {
        let (a, b, c) = (acc_of(kind, &o, &a), acc_of(kind, &o, &b), acc_of(kind, &o, &c));
        let mut ab = a.clone();
        ab.merge(&b).unwrap();
        let mut ba = b.clone();
        ba.merge(&a).unwrap();
        prop_assert_eq!(&ab, &ba);
        let mut ab_c = ab.clone();
        ab_c.merge(&c).unwrap();
        let mut bc = b.clone();
        bc.merge(&c).unwrap();
        let mut a_bc = a.clone();
        a_bc.merge(&bc).unwrap();
        prop_assert_eq!(finished(&ab_c), finished(&a_bc));
        prop_assert_eq!(ab_c, a_bc);
    }

    #[test]
    fn state_survives_json(
        (kind, o) in arb_options(),
        inputs in prop::collection::vec(arb_input(), 0..100),
    ) {
        let acc = acc_of(kind, &o, &inputs);
        let text = serde_json::to_string(&acc.state()).unwrap();
        let back = SurveyAccumulator::from_state(&serde_json::from_str(&text).unwrap()).unwrap();
        prop_assert_eq!(acc, back);
    }

    #[test]
    fn scores_stay_in_their_ranges(scores in prop::collection::vec(0u8..=10, 1..300)) {
        let r = score_bytes(SurveyKind::Nps, &scores, &SurveyOptions::default()).unwrap();
        let v = json(&r);
        let s = v["score"].as_f64().unwrap();
        prop_assert!((-100.0..=100.0).contains(&s));
        prop_assert!(v["ci"]["low"].as_f64().unwrap() <= s + 1e-9);
        prop_assert!(v["ci"]["high"].as_f64().unwrap() >= s - 1e-9);
        let o = SurveyOptions { scale: Some(Scale::range(0, 10)), ..Default::default() };
        let c = score_bytes(SurveyKind::Csat, &scores, &o).unwrap();
        let v = json(&c);
        let s = v["score"].as_f64().unwrap();
        prop_assert!((0.0..=100.0).contains(&s));
        for m in ["low", "high"] {
            let x = v["ci"][m].as_f64().unwrap();
            prop_assert!((0.0..=100.0).contains(&x));
        }
    }
}
