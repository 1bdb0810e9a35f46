//! Staffing: known answers, the independent Erlang A reference values, limits, bad input, speed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests fail loudly on purpose

use cxkit_core::ErrorCode;
use cxkit_core::staffing::{
    AgentsRequiredInput, ErlangAInput, ErlangCInput, IntervalForecast, IntervalPlanInput,
    ServiceLevelDefinition, ShrinkageMode, StaffingModel, agents_required, ceil_guarded, erlang_a,
    erlang_b, erlang_c, interval_plan,
};
use proptest::prelude::*;
use serde_json::Value;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ops/staffing.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
}

fn close(got: f64, want: f64, rel: f64, what: &str) {
    let tol = rel * want.abs().max(1e-3);
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} (tolerance {tol})"
    );
}

fn textbook() -> AgentsRequiredInput {
    AgentsRequiredInput {
        calls_per_interval: 100.0,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        threshold_seconds: Some(20.0),
        target_service_level: Some(0.8),
        ..Default::default()
    }
}

#[test]
fn known_answer_100_calls_in_30_minutes_needs_14_agents() {
    let r = agents_required(&textbook()).unwrap();
    assert_eq!(r.agents, 14);
    assert_eq!(r.scheduled, 14);
    assert_eq!(format!("{:.4}", r.probability_wait), "0.1741");
    assert_eq!(format!("{:.4}", r.service_level), "0.8884");
    assert_eq!(format!("{:.2}", r.asa), "7.84");
    assert_eq!(r.traffic_erlangs, 10.0);
    assert_eq!(r.model, StaffingModel::ErlangC);
    // 13 agents miss the target.
    let c13 = erlang_c(&ErlangCInput {
        calls_per_interval: 100.0,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        agents: 13.0,
        threshold_seconds: None,
    })
    .unwrap();
    assert!(c13.service_level < 0.8, "{c13:?}");
    // Defaults: 80 % in 20 s.
    let d = agents_required(&AgentsRequiredInput {
        calls_per_interval: 100.0,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(d, r);
}

#[test]
fn erlang_c_matches_the_reference_values() {
    let fx = fixture();
    for case in fx["erlangC"].as_array().unwrap() {
        let input: ErlangCInput = serde_json::from_value(case["input"].clone()).unwrap();
        let r = erlang_c(&input).unwrap();
        let e = &case["expected"];
        let what = format!("{}", case["input"]);
        close(r.traffic_erlangs, f(e, "trafficErlangs"), 1e-12, &what);
        close(r.probability_wait, f(e, "probabilityWait"), 1e-10, &what);
        close(r.service_level, f(e, "serviceLevel"), 1e-10, &what);
        close(r.asa, f(e, "asa"), 1e-9, &what);
        close(r.occupancy, f(e, "occupancy"), 1e-12, &what);
    }
    for case in fx["agentsRequired"].as_array().unwrap() {
        let input: AgentsRequiredInput = serde_json::from_value(case["input"].clone()).unwrap();
        let r = agents_required(&input).unwrap();
        let e = &case["expected"];
        assert_eq!(f64::from(r.agents), f(e, "agents"), "{}", case["input"]);
        close(
            r.service_level,
            f(e, "serviceLevel"),
            1e-10,
            "service level",
        );
        close(r.asa, f(e, "asa"), 1e-9, "asa");
    }
}

#[test]
fn erlang_a_matches_the_published_closed_forms_and_the_markov_chain() {
    let fx = fixture();
    for case in fx["erlangA"].as_array().unwrap() {
        let input: ErlangAInput = serde_json::from_value(case["input"].clone()).unwrap();
        let r = erlang_a(&input).unwrap();
        let (e, ch) = (&case["expected"], &case["ctmc"]);
        let what = format!("{}", case["input"]);
        close(r.probability_wait, f(e, "probabilityWait"), 1e-9, &what);
        close(r.probability_wait, f(ch, "probabilityWait"), 1e-9, &what);
        close(
            r.probability_abandon,
            f(e, "probabilityAbandon"),
            1e-9,
            &what,
        );
        close(
            r.probability_abandon,
            f(ch, "probabilityAbandon"),
            1e-9,
            &what,
        );
        close(r.average_wait, f(ch, "averageWait"), 1e-9, &what);
        close(
            r.service_levels.offered,
            f(e, "serviceLevelOffered"),
            1e-9,
            &what,
        );
        close(
            r.service_levels.answered,
            f(e, "serviceLevelAnswered"),
            1e-9,
            &what,
        );
        close(
            r.service_levels.excluding_short_abandons,
            f(e, "serviceLevelExcludingShortAbandons"),
            1e-9,
            &what,
        );
        assert_eq!(r.service_level, r.service_levels.offered);
        close(r.asa, f(e, "asa"), 1e-8, &what);
        close(r.occupancy, f(e, "occupancy"), 1e-9, &what);
    }
    for case in fx["agentsRequiredErlangA"].as_array().unwrap() {
        let input: AgentsRequiredInput = serde_json::from_value(case["input"].clone()).unwrap();
        let r = agents_required(&input).unwrap();
        let e = &case["expected"];
        assert_eq!(f64::from(r.agents), f(e, "agents"), "{}", case["input"]);
        close(
            r.probability_abandon.unwrap(),
            f(e, "probabilityAbandon"),
            1e-9,
            "P(abandon)",
        );
    }
}

#[test]
fn erlang_a_tends_to_erlang_c_as_patience_grows() {
    let c = erlang_c(&ErlangCInput {
        calls_per_interval: 100.0,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        agents: 14.0,
        threshold_seconds: Some(20.0),
    })
    .unwrap();
    // The gap shrinks like 1/patience: about ten times per decade.
    let mut previous = f64::INFINITY;
    for patience in [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10] {
        let a = erlang_a(&ErlangAInput {
            calls_per_interval: 100.0,
            interval_seconds: 1800.0,
            aht_seconds: 180.0,
            agents: 14.0,
            threshold_seconds: Some(20.0),
            patience_seconds: patience,
            service_level_definition: None,
            short_abandon_seconds: None,
        })
        .unwrap();
        let gap = (a.probability_wait - c.probability_wait).abs()
            + (a.service_level - c.service_level).abs()
            + (a.asa - c.asa).abs() / c.asa;
        assert!(
            gap < previous / 5.0,
            "patience {patience}: gap {gap} vs {previous}"
        );
        previous = gap;
    }
    assert!(previous < 1e-6, "{previous}");
    // And staffing follows.
    let mut input = textbook();
    input.model = Some(StaffingModel::ErlangA);
    input.patience_seconds = Some(1e9);
    assert_eq!(agents_required(&input).unwrap().agents, 14);
}

#[test]
fn erlang_a_measures_are_monotone_in_agents_so_bisection_finds_the_smallest() {
    for (calls, patience, threshold, def) in [
        (100.0, 120.0, 20.0, ServiceLevelDefinition::Offered),
        (100.0, 5.0, 60.0, ServiceLevelDefinition::Offered),
        (100.0, 30.0, 20.0, ServiceLevelDefinition::Answered),
        (100.0, 3000.0, 0.0, ServiceLevelDefinition::Answered),
        (
            400.0,
            60.0,
            10.0,
            ServiceLevelDefinition::ExcludingShortAbandons,
        ),
        (
            400.0,
            2.0,
            30.0,
            ServiceLevelDefinition::ExcludingShortAbandons,
        ),
    ] {
        let at = |n: u32| {
            erlang_a(&ErlangAInput {
                calls_per_interval: calls,
                interval_seconds: 1800.0,
                aht_seconds: 240.0,
                agents: f64::from(n),
                threshold_seconds: Some(threshold),
                patience_seconds: patience,
                service_level_definition: Some(def),
                short_abandon_seconds: Some(5.0),
            })
            .unwrap()
        };
        let a = calls * 240.0 / 1800.0;
        let top = (a * 2.0) as u32 + 20;
        let scan: Vec<_> = (1..=top).map(at).collect();
        for w in scan.windows(2) {
            assert!(
                w[1].service_level >= w[0].service_level - 1e-12,
                "{def:?} {w:?}"
            );
            assert!(w[1].asa <= w[0].asa + 1e-9, "{def:?} {w:?}");
            assert!(w[1].occupancy <= w[0].occupancy + 1e-12, "{def:?} {w:?}");
        }
        for target in [0.5, 0.8, 0.95] {
            let Some(first) = scan.iter().position(|r| r.service_level >= target) else {
                continue;
            };
            let r = agents_required(&AgentsRequiredInput {
                calls_per_interval: calls,
                interval_seconds: 1800.0,
                aht_seconds: 240.0,
                threshold_seconds: Some(threshold),
                target_service_level: Some(target),
                model: Some(StaffingModel::ErlangA),
                patience_seconds: Some(patience),
                service_level_definition: Some(def),
                short_abandon_seconds: Some(5.0),
                ..Default::default()
            })
            .unwrap();
            assert_eq!(r.agents as usize, first + 1, "{def:?} target {target}");
        }
    }
}

#[test]
fn stable_at_thousands_of_calls() {
    for calls in [2_000.0, 20_000.0, 200_000.0] {
        let input = AgentsRequiredInput {
            calls_per_interval: calls,
            interval_seconds: 1800.0,
            aht_seconds: 300.0,
            ..Default::default()
        };
        let r = agents_required(&input).unwrap();
        let a = calls * 300.0 / 1800.0;
        assert!(f64::from(r.agents) > a && f64::from(r.agents) < a * 1.1 + 10.0);
        assert!(r.service_level >= 0.8 && r.service_level.is_finite());
        let mut ea = input.clone();
        ea.model = Some(StaffingModel::ErlangA);
        ea.patience_seconds = Some(120.0);
        let ra = agents_required(&ea).unwrap();
        assert!(ra.agents <= r.agents, "{} > {}", ra.agents, r.agents);
        assert!(ra.service_level >= 0.8 && ra.asa.is_finite());
    }
    assert!(erlang_b(1_000_000, 999_000.0).is_finite());
}

#[test]
fn shrinkage_divides_or_multiplies_and_rounds_without_float_noise() {
    // Find the traffic at which 21 agents are required, then schedule with 30 % shrinkage.
    let mut calls = 100.0;
    let r = loop {
        let r = agents_required(&AgentsRequiredInput {
            calls_per_interval: calls,
            interval_seconds: 1800.0,
            aht_seconds: 180.0,
            shrinkage: Some(0.3),
            ..Default::default()
        })
        .unwrap();
        if r.agents == 21 {
            break r;
        }
        calls += 5.0;
    };
    assert_eq!(r.scheduled_exact, 21.0 / (1.0 - 0.3));
    assert_eq!(r.scheduled, 30, "21 / 0.7 is 30, not 31");
    let m = agents_required(&AgentsRequiredInput {
        calls_per_interval: calls,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        shrinkage: Some(0.3),
        shrinkage_mode: Some(ShrinkageMode::Multiply),
        ..Default::default()
    })
    .unwrap();
    assert_eq!((m.agents, m.scheduled), (21, 28)); // 27.3 → 28
    assert_eq!(ceil_guarded(20.0 * 1.5), 30.0);
    assert_eq!(ceil_guarded(0.1 + 0.2), 1.0);
    assert_eq!(ceil_guarded(3.0 * 1.1), 4.0); // 3.3000000000000003 is still 4
}

#[test]
fn asa_target_and_occupancy_cap() {
    let mut input = textbook();
    input.target_service_level = None;
    input.target_asa_seconds = Some(10.0);
    let r = agents_required(&input).unwrap();
    assert!(r.asa <= 10.0);
    input.agents_check_below(&r);
    let mut capped = textbook();
    capped.max_occupancy = Some(0.65);
    let r = agents_required(&capped).unwrap();
    assert_eq!(r.agents, 16); // 10 / 16 = 0.625 ≤ 0.65 < 10 / 15
    assert!(r.occupancy <= 0.65);
}

trait Below {
    fn agents_check_below(&self, r: &cxkit_core::staffing::AgentsRequiredResult);
}
impl Below for AgentsRequiredInput {
    /// One agent fewer misses the ASA target.
    fn agents_check_below(&self, r: &cxkit_core::staffing::AgentsRequiredResult) {
        let fewer = erlang_c(&ErlangCInput {
            calls_per_interval: self.calls_per_interval,
            interval_seconds: self.interval_seconds,
            aht_seconds: self.aht_seconds,
            agents: f64::from(r.agents - 1),
            threshold_seconds: None,
        });
        if let Ok(fewer) = fewer {
            assert!(fewer.asa > self.target_asa_seconds.unwrap());
        }
    }
}

#[test]
fn interval_plan_sums_a_day() {
    let hours = [
        5.0, 20.0, 60.0, 120.0, 180.0, 200.0, 190.0, 150.0, 140.0, 160.0, 110.0, 60.0, 0.0,
    ];
    let input = IntervalPlanInput {
        interval_seconds: 1800.0,
        intervals: hours
            .iter()
            .enumerate()
            .map(|(i, &calls)| IntervalForecast {
                label: Some(format!("{:02}:{:02}", 8 + i / 2, (i % 2) * 30)),
                calls,
                aht_seconds: if calls > 0.0 { 240.0 } else { 0.0 },
            })
            .collect(),
        shrinkage: Some(0.25),
        ..Default::default()
    };
    let plan = interval_plan(&input).unwrap();
    assert_eq!(plan.intervals.len(), hours.len());
    for (row, &calls) in plan.intervals.iter().zip(&hours) {
        let single = agents_required(&AgentsRequiredInput {
            calls_per_interval: calls,
            interval_seconds: 1800.0,
            aht_seconds: 240.0,
            shrinkage: Some(0.25),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(row.staffing.agents, single.agents);
        assert_eq!(row.staffing.scheduled, single.scheduled);
    }
    let agents: u32 = plan.intervals.iter().map(|r| r.staffing.agents).sum();
    assert_eq!(plan.totals.agent_hours, f64::from(agents) / 2.0);
    assert_eq!(plan.totals.calls, hours.iter().sum::<f64>());
    assert_eq!(plan.totals.peak_agents, plan.intervals[5].staffing.agents);
    assert!(plan.totals.service_level.unwrap() >= 0.8);
    assert!(plan.totals.occupancy.unwrap() < 1.0);
    assert_eq!(plan.totals.probability_abandon, None);
    let last = serde_json::to_value(&plan.intervals[12]).unwrap();
    assert_eq!(last["label"], "14:00");
    assert_eq!(last["agents"], 0);
    assert_eq!(last["model"], "erlang-c");
}

#[test]
fn json_names_match_the_npm_api() {
    let r = erlang_c(
        &serde_json::from_value(serde_json::json!({
            "callsPerInterval": 100, "intervalSeconds": 1800, "ahtSeconds": 180,
            "agents": 14, "thresholdSeconds": 20
        }))
        .unwrap(),
    )
    .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "asa",
            "occupancy",
            "probabilityWait",
            "serviceLevel",
            "trafficErlangs"
        ]
    );
    let input: AgentsRequiredInput = serde_json::from_value(serde_json::json!({
        "callsPerInterval": 100, "intervalSeconds": 1800, "ahtSeconds": 180,
        "targetServiceLevel": 0.8, "shrinkage": 0.3, "shrinkageMode": "divide",
        "maxOccupancy": 0.9, "model": "erlang-a", "patienceSeconds": 120,
        "serviceLevelDefinition": "excludingShortAbandons", "shortAbandonSeconds": 5
    }))
    .unwrap();
    let v = serde_json::to_value(agents_required(&input).unwrap()).unwrap();
    for key in [
        "agents",
        "scheduled",
        "serviceLevel",
        "asa",
        "occupancy",
        "probabilityWait",
        "probabilityAbandon",
    ] {
        assert!(v.get(key).is_some(), "{key} missing in {v}");
    }
    assert_eq!(v["model"], "erlang-a");
    let v = serde_json::to_value(agents_required(&textbook()).unwrap()).unwrap();
    assert!(v.get("probabilityAbandon").is_none());
    assert!(
        serde_json::from_value::<ErlangCInput>(serde_json::json!({
            "callsPerInterval": 1, "intervalSeconds": 1, "ahtSeconds": 1, "agents": 2, "agnets": 3
        }))
        .is_err()
    );
    let a: ErlangAInput = serde_json::from_value(serde_json::json!({
        "callsPerInterval": 100, "intervalSeconds": 1800, "ahtSeconds": 180, "agents": 14,
        "patienceSeconds": 120, "serviceLevelDefinition": "answered"
    }))
    .unwrap();
    let r = erlang_a(&a).unwrap();
    assert_eq!(
        a.service_level_definition,
        Some(ServiceLevelDefinition::Answered)
    );
    assert_eq!(r.service_level, r.service_levels.answered);
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["serviceLevels"]["excludingShortAbandons"].is_number());
}

fn code_and_field<T: std::fmt::Debug>(r: cxkit_core::Result<T>) -> (ErrorCode, String) {
    let e = r.unwrap_err();
    (e.code, e.field.unwrap_or_default())
}

#[test]
fn bad_input_gets_typed_errors_naming_the_field() {
    let c = |calls: f64, interval: f64, aht: f64, agents: f64| ErlangCInput {
        calls_per_interval: calls,
        interval_seconds: interval,
        aht_seconds: aht,
        agents,
        threshold_seconds: None,
    };
    use ErrorCode::*;
    assert_eq!(
        code_and_field(erlang_c(&c(100.0, 1800.0, 180.0, 10.0))),
        (UnstableQueue, "agents".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(100.0, 1800.0, 180.0, 9.0))),
        (UnstableQueue, "agents".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(f64::NAN, 1800.0, 180.0, 14.0))),
        (InvalidParameter, "callsPerInterval".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(-1.0, 1800.0, 180.0, 14.0))),
        (InvalidParameter, "callsPerInterval".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(100.0, 0.0, 180.0, 14.0))),
        (InvalidParameter, "intervalSeconds".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(100.0, 1800.0, f64::INFINITY, 14.0))),
        (InvalidParameter, "ahtSeconds".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(100.0, 1800.0, 180.0, 14.5))),
        (InvalidParameter, "agents".into())
    );
    assert_eq!(
        code_and_field(erlang_c(&c(1e12, 1.0, 1e6, 14.0))),
        (InvalidParameter, "callsPerInterval".into())
    );
    let mut t = textbook();
    t.threshold_seconds = Some(-1.0);
    assert_eq!(
        code_and_field(agents_required(&t)),
        (InvalidParameter, "thresholdSeconds".into())
    );
    let mut t = textbook();
    t.target_service_level = Some(1.0);
    assert_eq!(
        code_and_field(agents_required(&t)),
        (InvalidParameter, "targetServiceLevel".into())
    );
    let mut t = textbook();
    t.shrinkage = Some(1.0);
    assert_eq!(
        code_and_field(agents_required(&t)),
        (InvalidParameter, "shrinkage".into())
    );
    t.shrinkage_mode = Some(ShrinkageMode::Multiply);
    assert_eq!(agents_required(&t).unwrap().scheduled, 28);
    let mut t = textbook();
    t.model = Some(StaffingModel::ErlangA);
    assert_eq!(
        code_and_field(agents_required(&t)),
        (MissingField, "patienceSeconds".into())
    );
    let mut t = textbook();
    t.patience_seconds = Some(60.0);
    assert_eq!(code_and_field(agents_required(&t)).0, InvalidOption);
    let mut t = textbook();
    t.max_agents = Some(12.0);
    assert_eq!(
        code_and_field(agents_required(&t)),
        (TargetUnreachable, "maxAgents".into())
    );
    let a = ErlangAInput {
        calls_per_interval: 100.0,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        agents: 5.0,
        threshold_seconds: None,
        patience_seconds: 0.0,
        service_level_definition: None,
        short_abandon_seconds: None,
    };
    assert_eq!(
        code_and_field(erlang_a(&a)),
        (InvalidParameter, "patienceSeconds".into())
    );
    // Erlang A is finite even with fewer agents than traffic.
    let r = erlang_a(&ErlangAInput {
        patience_seconds: 60.0,
        ..a
    })
    .unwrap();
    assert!(r.probability_abandon > 0.5 && r.occupancy > 0.95 && r.asa.is_finite());
    // Interval plans name the interval.
    let e = interval_plan(&IntervalPlanInput {
        interval_seconds: 900.0,
        intervals: vec![
            IntervalForecast {
                label: None,
                calls: 10.0,
                aht_seconds: 200.0,
            },
            IntervalForecast {
                label: None,
                calls: 10.0,
                aht_seconds: -3.0,
            },
        ],
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.index),
        (InvalidParameter, Some("intervals[1].ahtSeconds"), Some(1))
    );
    assert!(e.message.starts_with("intervals[1]: "), "{}", e.message);
    let e = interval_plan(&IntervalPlanInput {
        interval_seconds: 900.0,
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(e.code, EmptyInput);
    let e = interval_plan(&IntervalPlanInput {
        interval_seconds: 0.0,
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("intervalSeconds"));
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..3000.0f64,
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(-5.0),
        1 => 1e-9..1e-3f64,
        1 => 1e5..1e9f64,
    ]
}

fn finite_results(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_never_nan(
        calls in any_number(),
        interval in any_number(),
        aht in any_number(),
        agents in prop_oneof![0.0..400.0f64, (1u32..400).prop_map(f64::from), Just(f64::NAN)],
        threshold in prop_oneof![0.0..120.0f64, Just(-1.0), Just(f64::NAN)],
        patience in prop_oneof![1.0..2000.0f64, 1e4..1e7f64, Just(0.0), Just(f64::NAN)],
        target in prop_oneof![0.01..0.99f64, Just(1.0), Just(f64::NAN)],
        shrinkage in prop_oneof![0.0..0.9f64, Just(1.5), Just(f64::NAN)],
    ) {
        if let Ok(r) = erlang_c(&ErlangCInput {
            calls_per_interval: calls, interval_seconds: interval, aht_seconds: aht,
            agents, threshold_seconds: Some(threshold),
        }) {
            prop_assert!(finite_results(&[r.traffic_erlangs, r.probability_wait, r.service_level, r.asa, r.occupancy]), "{r:?}");
            prop_assert!((0.0..=1.0).contains(&r.service_level) && (0.0..=1.0).contains(&r.probability_wait));
        }
        // Keep the Erlang A search small enough for a property test.
        let small = calls * aht / interval < 300.0;
        if let Ok(r) = erlang_a(&ErlangAInput {
            calls_per_interval: calls, interval_seconds: interval, aht_seconds: aht, agents,
            threshold_seconds: Some(threshold), patience_seconds: patience,
            service_level_definition: None, short_abandon_seconds: Some(5.0),
        }) {
            prop_assert!(finite_results(&[r.probability_wait, r.probability_abandon, r.service_level,
                r.service_levels.answered, r.service_levels.excluding_short_abandons, r.asa,
                r.average_wait, r.occupancy]), "{r:?}");
            prop_assert!((0.0..=1.0).contains(&r.probability_abandon));
        }
        for model in [StaffingModel::ErlangC, StaffingModel::ErlangA] {
            if model == StaffingModel::ErlangA && !small { continue; }
            let input = AgentsRequiredInput {
                calls_per_interval: calls, interval_seconds: interval, aht_seconds: aht,
                threshold_seconds: Some(threshold), target_service_level: Some(target),
                shrinkage: Some(shrinkage), model: Some(model),
                patience_seconds: (model == StaffingModel::ErlangA).then_some(patience),
                ..Default::default()
            };
            if let Ok(r) = agents_required(&input) {
                prop_assert!(finite_results(&[r.service_level, r.asa, r.occupancy, r.probability_wait, r.scheduled_exact]), "{r:?}");
                prop_assert!(r.service_level >= target - 1e-9);
                prop_assert!(r.scheduled >= r.agents);
            }
        }
    }
}

/// Native timing of agents required at 2,000 calls per interval (run with
/// `cargo test --release -p cxkit-core --test staffing -- --ignored --nocapture`).
#[test]
#[ignore = "timing, run on demand"]
fn time_agents_required_at_2000_calls() {
    use std::time::Instant;
    for (label, model) in [
        ("erlang-c", StaffingModel::ErlangC),
        ("erlang-a", StaffingModel::ErlangA),
    ] {
        let input = AgentsRequiredInput {
            calls_per_interval: 2000.0,
            interval_seconds: 1800.0,
            aht_seconds: 180.0,
            model: Some(model),
            patience_seconds: (model == StaffingModel::ErlangA).then_some(180.0),
            ..Default::default()
        };
        let warm = agents_required(&input).unwrap();
        let runs: u32 = if model == StaffingModel::ErlangC {
            200_000
        } else {
            2_000
        };
        let start = Instant::now();
        let mut agents = 0u64;
        for i in 0..runs {
            let mut x = input.clone();
            x.calls_per_interval += f64::from(i % 2) * 1e-9; // defeat hoisting
            agents += u64::from(
                std::hint::black_box(agents_required(std::hint::black_box(&x)))
                    .unwrap()
                    .agents,
            );
        }
        let us = start.elapsed().as_secs_f64() * 1e6 / f64::from(runs);
        println!(
            "{label}: 2,000 calls / 1,800 s, AHT 180 s, 80/20 -> {} agents; {us:.2} µs per call ({runs} runs)",
            warm.agents
        );
        assert_eq!(agents, u64::from(warm.agents) * u64::from(runs));
    }
}
