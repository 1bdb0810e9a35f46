//! The built component in wasmtime: the `ltv`, `effort`, `kpis` and `staffing` interfaces with
//! the known answers of the other surfaces (CDNOW; `tests/fixtures/ops/*.json`), and their typed
//! errors. Same host as `tests/host.rs`; run by `cargo xtask test` (stage `component`) with
//! `cargo test -p cxkit-component --tests -- --ignored`.

// Helpers outside `#[test]` functions unwrap, index fixture JSON and panic: a missing component
// or a malformed fixture must fail loudly.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{bindings, fixture, instance, to_json};
use serde_json::{Value, json};

use bindings::exports::cxkit::metrics::contacts::{Channel, Contact, Direction};
use bindings::exports::cxkit::metrics::effort::{
    BusinessHours, EffortOptions, FcrMethod, RepeatScope, Weekday,
};
use bindings::exports::cxkit::metrics::kpis::{
    AbandonmentBase, AhtComponents, AsaBase, Comparison, KpiDimension, KpiOptions, ServiceLevelBase,
};
use bindings::exports::cxkit::metrics::ltv::{
    BgNbdParams, ClvModels, ClvOptions, Cohort, CohortLtvOptions, CustomerRfm, DiscountedLtvInput,
    FitOptions, GammaGammaParams, RfmOptions, SimpleLtvInput, TimeUnit, Transaction,
};
use bindings::exports::cxkit::metrics::staffing::{
    AgentsRequiredInput, ErlangAInput, ErlangCInput, IntervalForecast, IntervalPlanInput,
    ServiceLevelDefinition, StaffingModel,
};
use bindings::exports::cxkit::metrics::surveys::{Answer, SurveyResponse};
use bindings::exports::cxkit::metrics::types::Error;

// ---- host ------------------------------------------------------------------------------------

/// Calls one export on a fresh instance: `call!(ltv, call_simple_ltv, &input)`.
macro_rules! call {
    ($iface:ident, $f:ident $(, $arg:expr)*) => {{
        let (mut store, m) = instance();
        m.$iface().$f(&mut store $(, $arg)*).unwrap()
    }};
}

// ---- JSON in, JSON out -----------------------------------------------------------------------

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn number(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

fn flag(v: &Value, key: &str) -> Option<bool> {
    v.get(key).and_then(Value::as_bool)
}

fn channel(name: &str) -> Channel {
    match name {
        "voice" => Channel::Voice,
        "chat" => Channel::Chat,
        "email" => Channel::Email,
        "sms" => Channel::Sms,
        "social" => Channel::Social,
        "messaging" => Channel::Messaging,
        "video" => Channel::Video,
        "other" => Channel::Other,
        other => panic!("channel {other}"),
    }
}

/// A fixture contact (every member of `Contact` in JSON) as a WIT record.
fn contact(v: &Value) -> Contact {
    for key in v.as_object().unwrap().keys() {
        assert!(
            [
                "id",
                "platform",
                "customerId",
                "channel",
                "direction",
                "queue",
                "agentId",
                "startedAt",
                "offeredAt",
                "answeredAt",
                "abandonedAt",
                "endedAt",
                "queueWaitS",
                "talkS",
                "holdS",
                "acwS",
                "handleS",
                "transfers",
                "conferences",
                "escalated",
                "abandoned",
                "disconnectReason",
                "reason",
                "resolved",
                "partial",
            ]
            .contains(&key.as_str()),
            "unhandled contact member {key}"
        );
    }
    Contact {
        id: text(v, "id").unwrap(),
        platform: text(v, "platform"),
        customer_id: text(v, "customerId"),
        channel: channel(v["channel"].as_str().unwrap()),
        direction: text(v, "direction").map(|d| match d.as_str() {
            "inbound" => Direction::Inbound,
            _ => Direction::Outbound,
        }),
        queue: text(v, "queue"),
        agent_id: text(v, "agentId"),
        started_at: text(v, "startedAt"),
        offered_at: text(v, "offeredAt"),
        answered_at: text(v, "answeredAt"),
        abandoned_at: text(v, "abandonedAt"),
        ended_at: text(v, "endedAt"),
        queue_wait_s: number(v, "queueWaitS"),
        talk_s: number(v, "talkS"),
        hold_s: number(v, "holdS"),
        acw_s: number(v, "acwS"),
        handle_s: number(v, "handleS"),
        transfers: number(v, "transfers").unwrap_or(0.0) as u32,
        conferences: number(v, "conferences").unwrap_or(0.0) as u32,
        escalated: flag(v, "escalated").unwrap_or(false),
        abandoned: flag(v, "abandoned"),
        disconnect_reason: text(v, "disconnectReason"),
        reason: text(v, "reason"),
        resolved: flag(v, "resolved"),
        partial: flag(v, "partial"),
    }
}

fn contacts(v: &Value) -> Vec<Contact> {
    v.as_array().unwrap().iter().map(contact).collect()
}

fn no_kpi_options() -> KpiOptions {
    KpiOptions {
        service_level_threshold_seconds: None,
        service_level_comparison: None,
        service_level_base: None,
        service_level_exclude_short_abandons: None,
        short_abandon_seconds: None,
        abandonment_base: None,
        abandonment_exclude_short_abandons: None,
        asa_base: None,
        aht_components: None,
        containment_requires_resolved: None,
        case_channels: None,
        case_closed_by: None,
        staffed_seconds: None,
        staffed_seconds_by_agent: None,
        group_by: None,
        interval_minutes: None,
        utc_offset_minutes: None,
        on_invalid: None,
    }
}

/// The option sets of `kpi.json` as WIT records.
fn kpi_options(v: &Value) -> KpiOptions {
    let mut o = no_kpi_options();
    for (key, value) in v.as_object().unwrap() {
        let s = value.as_str().unwrap_or_default();
        match key.as_str() {
            "serviceLevelThresholdSeconds" => o.service_level_threshold_seconds = value.as_f64(),
            "serviceLevelComparison" => {
                o.service_level_comparison = Some(if s == "less" {
                    Comparison::Less
                } else {
                    Comparison::LessOrEqual
                })
            }
            "serviceLevelBase" => {
                o.service_level_base = Some(match s {
                    "offered" => ServiceLevelBase::Offered,
                    "answered" => ServiceLevelBase::Answered,
                    _ => ServiceLevelBase::AnsweredAbandoned,
                })
            }
            "serviceLevelExcludeShortAbandons" => {
                o.service_level_exclude_short_abandons = value.as_bool()
            }
            "shortAbandonSeconds" => o.short_abandon_seconds = value.as_f64(),
            "abandonmentBase" => {
                o.abandonment_base = Some(if s == "offered" {
                    AbandonmentBase::Offered
                } else {
                    AbandonmentBase::AnsweredAbandoned
                })
            }
            "abandonmentExcludeShortAbandons" => {
                o.abandonment_exclude_short_abandons = value.as_bool()
            }
            "asaBase" => {
                o.asa_base = Some(if s == "all" {
                    AsaBase::All
                } else {
                    AsaBase::Answered
                })
            }
            "ahtComponents" => {
                o.aht_components = Some(AhtComponents {
                    talk: flag(value, "talk"),
                    hold: flag(value, "hold"),
                    acw: flag(value, "acw"),
                })
            }
            "containmentRequiresResolved" => o.containment_requires_resolved = value.as_bool(),
            "staffedSeconds" => o.staffed_seconds = value.as_f64(),
            "caseChannels" => {
                o.case_channels = Some(
                    value
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| channel(c.as_str().unwrap()))
                        .collect(),
                )
            }
            "groupBy" => {
                o.group_by = Some(vec![match s {
                    "queue" => KpiDimension::Queue,
                    "agentId" => KpiDimension::AgentId,
                    "channel" => KpiDimension::Channel,
                    other => panic!("groupBy {other}"),
                }])
            }
            other => panic!("unhandled kpi option {other}"),
        }
    }
    o
}

fn answers(v: &Value) -> Vec<SurveyResponse> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| SurveyResponse {
            answer: match (number(a, "value"), text(a, "label")) {
                (Some(n), _) => Answer::Value(n),
                (None, Some(l)) => Answer::Label(l),
                _ => panic!("answer {a}"),
            },
            id: None,
            kind: None,
            scale: None,
            responded_at: None,
            contact_id: text(a, "contactId"),
            customer_id: None,
            agent_id: None,
            queue: None,
            channel: None,
        })
        .collect()
}

fn no_effort_options() -> EffortOptions {
    EffortOptions {
        repeat_window_hours: None,
        repeat_window_hours_by_channel: None,
        repeat_scope: None,
        journey_by_reason: None,
        fcr_method: None,
        as_of: None,
        business_hours: None,
        weights: None,
        ces_version: None,
        ces_answers: None,
        fcr_answers: None,
        detail: None,
        on_invalid: None,
    }
}

fn business_hours(v: &Value) -> BusinessHours {
    let day = |d: &str| match d {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        other => panic!("day {other}"),
    };
    BusinessHours {
        utc_offset_minutes: number(v, "utcOffsetMinutes").map(|m| m as i32),
        weekly: v["weekly"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(d, periods)| {
                let periods = periods
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        (
                            p[0].as_str().unwrap().to_string(),
                            p[1].as_str().unwrap().to_string(),
                        )
                    })
                    .collect();
                (day(d), periods)
            })
            .collect(),
        holidays: v["holidays"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect(),
    }
}

/// The option sets of `effort.json` as WIT records, with the fixture's answers.
fn effort_options(fx: &Value, v: &Value) -> EffortOptions {
    let mut o = no_effort_options();
    o.ces_answers = Some(answers(&fx["cesAnswers"]));
    o.fcr_answers = Some(answers(&fx["fcrAnswers"]));
    for (key, value) in v.as_object().unwrap() {
        let s = value.as_str().unwrap_or_default();
        match key.as_str() {
            "asOf" => o.as_of = Some(s.to_string()),
            "businessHours" => o.business_hours = Some(business_hours(value)),
            "journeyByReason" => o.journey_by_reason = value.as_bool(),
            "repeatScope" => {
                o.repeat_scope = Some(if s == "sameChannel" {
                    RepeatScope::SameChannel
                } else {
                    RepeatScope::AcrossChannels
                })
            }
            "fcrMethod" => {
                o.fcr_method = Some(match s {
                    "disposition" => FcrMethod::Disposition,
                    "oneTouch" => FcrMethod::OneTouch,
                    "survey" => FcrMethod::Survey,
                    _ => FcrMethod::RepeatWindow,
                })
            }
            "repeatWindowHours" => o.repeat_window_hours = value.as_f64(),
            "repeatWindowHoursByChannel" => {
                o.repeat_window_hours_by_channel = Some(
                    value
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(c, h)| (channel(c), h.as_f64().unwrap()))
                        .collect(),
                )
            }
            other => panic!("unhandled effort option {other}"),
        }
    }
    o
}

fn staffing_model(v: &Value) -> Option<StaffingModel> {
    text(v, "model").map(|m| {
        if m == "erlang-a" {
            StaffingModel::ErlangA
        } else {
            StaffingModel::ErlangC
        }
    })
}

fn definition(v: &Value) -> Option<ServiceLevelDefinition> {
    text(v, "serviceLevelDefinition").map(|d| match d.as_str() {
        "answered" => ServiceLevelDefinition::Answered,
        "excludingShortAbandons" => ServiceLevelDefinition::ExcludingShortAbandons,
        _ => ServiceLevelDefinition::Offered,
    })
}

fn agents_required_input(v: &Value) -> AgentsRequiredInput {
    AgentsRequiredInput {
        calls_per_interval: number(v, "callsPerInterval").unwrap(),
        interval_seconds: number(v, "intervalSeconds").unwrap(),
        aht_seconds: number(v, "ahtSeconds").unwrap(),
        threshold_seconds: number(v, "thresholdSeconds"),
        target_service_level: number(v, "targetServiceLevel"),
        target_asa_seconds: None,
        max_occupancy: None,
        shrinkage: None,
        shrinkage_mode: None,
        model: staffing_model(v),
        patience_seconds: number(v, "patienceSeconds"),
        service_level_definition: definition(v),
        short_abandon_seconds: number(v, "shortAbandonSeconds"),
        max_agents: None,
    }
}

fn error_of(e: &Error) -> (&str, Option<&str>, Option<u32>) {
    (e.code.as_str(), e.field.as_deref(), e.index)
}

// ---- staffing --------------------------------------------------------------------------------

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn staffing_known_answers() {
    let fx = fixture("ops/staffing.json");
    // The textbook case: 100 calls in 1,800 s, AHT 180 s, 80 % in 20 s -> 14 agents.
    let r = call!(
        cxkit_metrics_staffing,
        call_agents_required,
        agents_required_input(&fx["textbook"]["input"])
    )
    .unwrap();
    assert_eq!(r.agents, 14);
    assert_eq!(
        format!(
            "{:.4} {:.4} {:.2}",
            r.probability_wait, r.service_level, r.asa
        ),
        "0.1741 0.8884 7.84"
    );
    for case in fx["erlangC"].as_array().unwrap() {
        let i = &case["input"];
        let input = ErlangCInput {
            calls_per_interval: number(i, "callsPerInterval").unwrap(),
            interval_seconds: number(i, "intervalSeconds").unwrap(),
            aht_seconds: number(i, "ahtSeconds").unwrap(),
            agents: number(i, "agents").unwrap() as u32,
            threshold_seconds: number(i, "thresholdSeconds"),
        };
        let r = call!(cxkit_metrics_staffing, call_erlang_c, input).unwrap();
        assert_matches(&to_json(&r), &case["expected"], &i.to_string());
    }
    for case in fx["agentsRequired"]
        .as_array()
        .unwrap()
        .iter()
        .chain(fx["agentsRequiredErlangA"].as_array().unwrap())
    {
        let r = call!(
            cxkit_metrics_staffing,
            call_agents_required,
            agents_required_input(&case["input"])
        )
        .unwrap();
        let e = &case["expected"];
        assert_eq!(
            f64::from(r.agents),
            e["agents"].as_f64().unwrap(),
            "{}",
            case["input"]
        );
        assert!((r.traffic_erlangs - e["trafficErlangs"].as_f64().unwrap()).abs() < 1e-9);
        if let Some(pab) = number(e, "probabilityAbandon") {
            assert!((r.probability_abandon.unwrap() - pab).abs() < 1e-8);
        }
    }
    for case in fx["erlangA"].as_array().unwrap() {
        let i = &case["input"];
        let input = ErlangAInput {
            calls_per_interval: number(i, "callsPerInterval").unwrap(),
            interval_seconds: number(i, "intervalSeconds").unwrap(),
            aht_seconds: number(i, "ahtSeconds").unwrap(),
            agents: number(i, "agents").unwrap() as u32,
            threshold_seconds: number(i, "thresholdSeconds"),
            patience_seconds: number(i, "patienceSeconds").unwrap(),
            service_level_definition: definition(i),
            short_abandon_seconds: number(i, "shortAbandonSeconds"),
        };
        let r = call!(cxkit_metrics_staffing, call_erlang_a, input).unwrap();
        let (e, ch) = (&case["expected"], &case["ctmc"]);
        for (got, want) in [
            (r.probability_wait, ch["probabilityWait"].as_f64().unwrap()),
            (
                r.probability_abandon,
                ch["probabilityAbandon"].as_f64().unwrap(),
            ),
            (r.average_wait, ch["averageWait"].as_f64().unwrap()),
            (
                r.service_levels.offered,
                e["serviceLevelOffered"].as_f64().unwrap(),
            ),
            (
                r.service_levels.answered,
                e["serviceLevelAnswered"].as_f64().unwrap(),
            ),
            (
                r.service_levels.excluding_short_abandons,
                e["serviceLevelExcludingShortAbandons"].as_f64().unwrap(),
            ),
        ] {
            assert!(
                (got - want).abs() < 1e-8 * want.max(1.0),
                "{i}: {got} vs {want}"
            );
        }
    }
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn staffing_plan_and_errors() {
    let mut base = agents_required_input(
        &json!({"callsPerInterval": 164, "intervalSeconds": 1800, "ahtSeconds": 180}),
    );
    base.shrinkage = Some(0.3);
    let r = call!(cxkit_metrics_staffing, call_agents_required, base).unwrap();
    assert_eq!((r.agents, r.scheduled), (21, 30)); // 21 ÷ 0.7 is 30, not 31
    let f = |calls: f64, aht: f64| IntervalForecast {
        label: None,
        calls,
        aht_seconds: aht,
    };
    let plan = IntervalPlanInput {
        interval_seconds: 1800.0,
        intervals: vec![f(100.0, 180.0), f(0.0, 0.0), f(2000.0, 180.0)],
        threshold_seconds: None,
        target_service_level: None,
        target_asa_seconds: None,
        max_occupancy: None,
        shrinkage: None,
        shrinkage_mode: None,
        model: None,
        patience_seconds: None,
        service_level_definition: None,
        short_abandon_seconds: None,
        max_agents: None,
    };
    let p = call!(cxkit_metrics_staffing, call_interval_plan, &plan).unwrap();
    let agents: Vec<u32> = p.intervals.iter().map(|i| i.staffing.agents).collect();
    assert_eq!(agents, vec![14, 0, 208]);
    assert_eq!(p.totals.peak_agents, 208);

    let unstable = ErlangCInput {
        calls_per_interval: 100.0,
        interval_seconds: 1800.0,
        aht_seconds: 180.0,
        agents: 10,
        threshold_seconds: None,
    };
    let e = call!(cxkit_metrics_staffing, call_erlang_c, unstable).unwrap_err();
    assert_eq!(error_of(&e), ("unstable_queue", Some("agents"), None));
    let mut a = base;
    a.model = Some(StaffingModel::ErlangA);
    let e = call!(cxkit_metrics_staffing, call_agents_required, a).unwrap_err();
    assert_eq!(
        error_of(&e),
        ("missing_field", Some("patienceSeconds"), None)
    );
    let mut bad = plan.clone();
    bad.intervals[1] = f(10.0, 0.0);
    let e = call!(cxkit_metrics_staffing, call_interval_plan, &bad).unwrap_err();
    assert_eq!(
        error_of(&e),
        (
            "invalid_parameter",
            Some("intervals[1].ahtSeconds"),
            Some(1)
        )
    );
}

// ---- lifetime value --------------------------------------------------------------------------

fn cdnow(file: &str) -> Vec<CustomerRfm> {
    std::fs::read_to_string(common::fixture_path(&format!("ltv/{file}")))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.trim().split(',').collect();
            CustomerRfm {
                customer_id: Some(f[0].to_string()),
                frequency: f[1].parse().unwrap(),
                recency: f[2].parse().unwrap(),
                t: f[3].parse().unwrap(),
                monetary_value: f.get(4).map_or(0.0, |m| m.parse().unwrap()),
                unit: TimeUnit::Weeks,
            }
        })
        .collect()
}

fn no_fit_options() -> FitOptions {
    FitOptions {
        penalizer: None,
        max_iterations: None,
        tolerance: None,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let s = 10f64.powi(digits);
    (x * s).round() / s
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn ltv_cdnow_fits_reproduce_the_papers() {
    let bg = call!(
        cxkit_metrics_ltv,
        call_fit_bg_nbd,
        &cdnow("cdnow_customers_summary.csv"),
        no_fit_options()
    )
    .unwrap();
    assert!(bg.converged);
    assert_eq!(bg.customers, 2357);
    assert_eq!(
        [
            round(bg.r, 3),
            round(bg.alpha, 3),
            round(bg.a, 3),
            round(bg.b, 3)
        ],
        [0.243, 4.414, 0.793, 2.426]
    );
    assert_eq!(round(bg.log_likelihood, 1), -9582.4);
    let gg = call!(
        cxkit_metrics_ltv,
        call_fit_gamma_gamma,
        &cdnow("cdnow_customers_summary_with_transactions.csv"),
        no_fit_options()
    )
    .unwrap();
    assert!(gg.converged);
    assert_eq!(gg.customers, 946);
    assert_eq!([round(gg.p, 2), round(gg.q, 2)], [6.25, 3.74]);
    assert!((gg.gamma - 15.44).abs() <= 0.01);
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn ltv_rfm_predictions_clv_and_closed_forms() {
    // The raw CDNOW sample gives the published summary.
    let raw = std::fs::read_to_string(common::fixture_path("ltv/CDNOW_sample.txt")).unwrap();
    let tx: Vec<Transaction> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let d = f[2];
            Transaction {
                customer_id: f[1].trim_start_matches('0').to_string(),
                at: format!("{}-{}-{}T00:00:00Z", &d[0..4], &d[4..6], &d[6..8]),
                amount: f[4].parse().unwrap(),
            }
        })
        .collect();
    let options = RfmOptions {
        unit: Some(TimeUnit::Weeks),
        calibration_end: Some("1997-09-30".to_string()),
        utc_offset_minutes: None,
        duplicates: None,
        on_invalid: None,
    };
    let rows = call!(cxkit_metrics_ltv, call_rfm_summary, &tx, &options).unwrap();
    let expected = cdnow("cdnow_customers_summary_with_transactions.csv");
    assert_eq!(rows.len(), expected.len());
    let by_id: std::collections::HashMap<_, _> = rows
        .iter()
        .map(|r| (r.customer_id.clone().unwrap(), r))
        .collect();
    for e in &expected {
        let got = by_id[e.customer_id.as_ref().unwrap()];
        assert_eq!(got.frequency, e.frequency);
        assert!((got.t - e.t).abs() < 0.006 && (got.recency - e.recency).abs() < 0.006);
        assert!((got.monetary_value - e.monetary_value).abs() < 0.006);
    }

    // Lifetimes 0.11.3 with the published parameters (crates/cxkit-core/tests/ltv_special.rs).
    let params = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
        unit: TimeUnit::Weeks,
    };
    let gg = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        gamma: 15.44,
    };
    let c = CustomerRfm {
        customer_id: None,
        frequency: 2,
        recency: 30.43,
        t: 38.86,
        monetary_value: 22.35,
        unit: TimeUnit::Weeks,
    };
    let e = call!(
        cxkit_metrics_ltv,
        call_bg_nbd_expected_purchases,
        params,
        &c,
        39.0
    )
    .unwrap();
    assert!((e - 1.226028174767135).abs() < 1e-9);
    let alive = call!(cxkit_metrics_ltv, call_bg_nbd_probability_alive, params, &c).unwrap();
    assert!((alive - 0.726578570080673).abs() < 1e-12);
    let new = call!(
        cxkit_metrics_ltv,
        call_bg_nbd_expected_purchases_new_customer,
        params,
        39.0
    )
    .unwrap();
    assert!((new - 1.1967231933207985).abs() < 1e-9);
    let spend = call!(cxkit_metrics_ltv, call_expected_average_spend, gg, &c).unwrap();
    assert!((spend - 24.663713910761157).abs() < 1e-12);
    let models = ClvModels {
        bg_nbd: params,
        gamma_gamma: gg,
    };
    let clv_options = ClvOptions {
        months: Some(12),
        monthly_discount_rate: Some(0.01),
        unit: Some(TimeUnit::Weeks),
        days_per_month: Some(4.345 * 7.0),
        gross_margin: None,
        timing: None,
    };
    let v = call!(
        cxkit_metrics_ltv,
        call_customer_lifetime_value,
        models,
        &c,
        clv_options
    )
    .unwrap();
    assert!((v.value - 36.28921112559952).abs() < 1e-9 * 36.3);
    assert_eq!(v.monthly.len(), 12);
    let wrong = ClvOptions {
        unit: Some(TimeUnit::Days),
        ..clv_options
    };
    let err = call!(
        cxkit_metrics_ltv,
        call_customer_lifetime_value,
        models,
        &c,
        wrong
    )
    .unwrap_err();
    assert_eq!(
        error_of(&err),
        ("unit_mismatch", Some("options.unit"), None)
    );

    let simple = call!(
        cxkit_metrics_ltv,
        call_simple_ltv,
        SimpleLtvInput {
            arpu: 50.0,
            gross_margin: Some(0.8),
            churn_rate: 0.04
        }
    )
    .unwrap();
    assert!((simple.value - 1000.0).abs() < 1e-9);
    let d = DiscountedLtvInput {
        arpu: 100.0,
        gross_margin: None,
        churn_rate: 0.2,
        discount_rate: 0.1,
        periods: None,
        timing: None,
    };
    let r = call!(cxkit_metrics_ltv, call_discounted_ltv, d).unwrap();
    assert!((r.value - 110.0 / 0.3).abs() < 1e-9);
    let cohorts = vec![
        Cohort {
            cohort: "2026-01".into(),
            customers: 100,
            values: vec![1000.0, 600.0, 400.0],
            active: Some(vec![100, 60, 40]),
        },
        Cohort {
            cohort: "2026-02".into(),
            customers: 50,
            values: vec![500.0, 250.0],
            active: None,
        },
    ];
    let options = CohortLtvOptions {
        gross_margin: None,
        discount_rate: None,
        timing: None,
    };
    let r = call!(cxkit_metrics_ltv, call_cohort_ltv, &cohorts, options).unwrap();
    assert_eq!(r.cohorts[0].cumulative_value, vec![10.0, 16.0, 20.0]);
    assert_eq!(r.overall.cohorts_observed, vec![2, 2, 1]);
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn ltv_errors_name_the_field() {
    let t = |amount: f64, at: &str| Transaction {
        customer_id: "c".into(),
        at: at.into(),
        amount,
    };
    let options = RfmOptions {
        unit: None,
        calibration_end: None,
        utc_offset_minutes: None,
        duplicates: None,
        on_invalid: None,
    };
    let e = call!(
        cxkit_metrics_ltv,
        call_rfm_summary,
        &[
            t(1.0, "2026-01-01T00:00:00Z"),
            t(-1.0, "2026-01-02T00:00:00Z")
        ],
        &options
    )
    .unwrap_err();
    assert_eq!(
        error_of(&e),
        ("invalid_amount", Some("transactions[1].amount"), Some(1))
    );
    let e = call!(
        cxkit_metrics_ltv,
        call_rfm_summary,
        &[t(1.0, "yesterday")],
        &options
    )
    .unwrap_err();
    assert_eq!(
        error_of(&e),
        ("invalid_timestamp", Some("transactions[0].at"), Some(0))
    );
    let bad_end = RfmOptions {
        calibration_end: Some("soon".into()),
        ..options.clone()
    };
    let e = call!(
        cxkit_metrics_ltv,
        call_rfm_summary,
        &[t(1.0, "2026-01-01T00:00:00Z")],
        &bad_end
    )
    .unwrap_err();
    assert_eq!(
        error_of(&e),
        ("invalid_option", Some("options.calibrationEnd"), None)
    );
    let e = call!(
        cxkit_metrics_ltv,
        call_simple_ltv,
        SimpleLtvInput {
            arpu: 1.0,
            gross_margin: None,
            churn_rate: 0.0
        }
    )
    .unwrap_err();
    assert_eq!(error_of(&e), ("invalid_parameter", Some("churnRate"), None));
    let row = |unit| CustomerRfm {
        customer_id: None,
        frequency: 1,
        recency: 1.0,
        t: 2.0,
        monetary_value: 1.0,
        unit,
    };
    let e = call!(
        cxkit_metrics_ltv,
        call_fit_bg_nbd,
        &[row(TimeUnit::Weeks), row(TimeUnit::Days)],
        no_fit_options()
    )
    .unwrap_err();
    assert_eq!(
        error_of(&e),
        ("unit_mismatch", Some("summary[1].unit"), Some(1))
    );
    let e = call!(cxkit_metrics_ltv, call_fit_bg_nbd, &[], no_fit_options()).unwrap_err();
    assert_eq!(e.code, "empty_input");
}

// ---- KPIs and effort -------------------------------------------------------------------------

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn kpis_match_the_fixture() {
    let fx = fixture("ops/kpi.json");
    let list = contacts(&fx["contacts"]);
    for case in fx["variants"].as_array().unwrap() {
        let r = call!(
            cxkit_metrics_kpis,
            call_kpis,
            &list,
            &kpi_options(&case["options"])
        )
        .unwrap();
        assert!(r.groups.is_none());
        assert_matches(
            &to_json(&r.overall),
            &case["expected"],
            &case["options"].to_string(),
        );
    }
    for case in fx["grouped"].as_array().unwrap() {
        let r = call!(
            cxkit_metrics_kpis,
            call_kpis,
            &list,
            &kpi_options(&case["options"])
        )
        .unwrap();
        let groups = r.groups.unwrap();
        let want = case["expected"].as_array().unwrap();
        assert_eq!(groups.len(), want.len());
        for (g, w) in groups.iter().zip(want) {
            let mut got = to_json(&g.kpis);
            got["key"] = Value::Object(g.key.iter().map(|(k, v)| (k.clone(), json!(v))).collect());
            assert_matches(&got, w, &case["options"].to_string());
        }
    }
    // Errors name the record.
    let mut bad = list.clone();
    bad[4].abandoned_at = Some("2026-11-23T08:00:00Z".into());
    let e = call!(cxkit_metrics_kpis, call_kpis, &bad, &no_kpi_options()).unwrap_err();
    assert_eq!(
        error_of(&e),
        ("timestamp_order", Some("contacts[4].abandonedAt"), Some(4))
    );
    bad[4].abandoned_at = Some("Monday".into());
    let e = call!(cxkit_metrics_kpis, call_kpis, &bad, &no_kpi_options()).unwrap_err();
    assert_eq!(
        error_of(&e),
        (
            "invalid_timestamp",
            Some("contacts[4].abandonedAt"),
            Some(4)
        )
    );
    let mut o = no_kpi_options();
    o.interval_minutes = Some(7);
    let e = call!(cxkit_metrics_kpis, call_kpis, &list, &o).unwrap_err();
    assert_eq!(
        error_of(&e),
        ("invalid_option", Some("options.intervalMinutes"), None)
    );
}

#[test]
#[ignore = "needs the component built by `cargo xtask build`; run by `cargo xtask test`"]
fn effort_matches_the_fixture() {
    let fx = fixture("ops/effort.json");
    let list = contacts(&fx["contacts"]);
    for case in fx["variants"].as_array().unwrap() {
        let r = call!(
            cxkit_metrics_effort,
            call_effort,
            &list,
            &effort_options(&fx, &case["options"])
        )
        .unwrap();
        let got = to_json(&r);
        let what = case["options"].to_string();
        assert_matches(&got["summary"], &case["expected"]["summary"], &what);
        assert_matches(&got["journeys"], &case["expected"]["journeys"], &what);
        assert_matches(
            &got["cesCorrelation"],
            &case["expected"]["cesCorrelation"],
            &what,
        );
    }
    let mut o = no_effort_options();
    o.as_of = Some("now".into());
    let e = call!(cxkit_metrics_effort, call_effort, &list, &o).unwrap_err();
    assert_eq!(error_of(&e), ("invalid_option", Some("options.asOf"), None));
    let mut o = no_effort_options();
    o.ces_answers = Some(vec![SurveyResponse {
        answer: Answer::Value(9.0),
        ..answers(&json!([{"contactId": "a1", "value": 1}])).remove(0)
    }]);
    let e = call!(cxkit_metrics_effort, call_effort, &list, &o).unwrap_err();
    assert_eq!(
        error_of(&e),
        (
            "score_out_of_range",
            Some("options.cesAnswers[0].value"),
            Some(0)
        )
    );
}

/// Every member of `expected` equals the same member of `got`: numbers to 1e-9 relative.
fn assert_matches(got: &Value, expected: &Value, what: &str) {
    common::assert_json_within(got, expected, what, 1e-9);
}
