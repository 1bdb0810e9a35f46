//! Operations KPIs: known answers for every definition variant, breakdowns, bad records,
//! accumulator invariants.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests fail loudly on purpose

use chrono::{DateTime, Duration, TimeZone, Utc};
use cxkit_core::ErrorCode;
use cxkit_core::kpi::{KpiAccumulator, KpiOptions, KpiReport, KpiState, kpis};
use cxkit_core::model::{Channel, Contact, Direction};
use proptest::prelude::*;
use serde_json::{Value, json};

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ops/kpi.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn contacts_of(v: &Value) -> Vec<Contact> {
    serde_json::from_value(v.clone()).unwrap()
}

/// Every key of `expected` equals the same key of `got` (numbers to 1e-12, null to null).
fn assert_matches(got: &Value, expected: &Value, what: &str) {
    for (key, want) in expected.as_object().unwrap() {
        let have = &got[key];
        match (want, have) {
            (Value::Number(w), Value::Number(h)) => {
                let (w, h) = (w.as_f64().unwrap(), h.as_f64().unwrap());
                assert!(
                    (w - h).abs() <= 1e-12 * w.abs().max(1.0),
                    "{what}: {key} = {h}, expected {w}"
                );
            }
            _ => assert_eq!(have, want, "{what}: {key}"),
        }
    }
}

fn opts(v: Value) -> KpiOptions {
    serde_json::from_value(v).unwrap()
}

#[test]
fn every_definition_variant_matches_the_independent_computation() {
    let fx = fixture();
    let contacts = contacts_of(&fx["contacts"]);
    for case in fx["variants"].as_array().unwrap() {
        let report = kpis(&contacts, &opts(case["options"].clone())).unwrap();
        let got = serde_json::to_value(&report).unwrap();
        assert_matches(&got, &case["expected"], &case["options"].to_string());
    }
}

#[test]
fn breakdowns_match_the_independent_computation() {
    let fx = fixture();
    let contacts = contacts_of(&fx["contacts"]);
    for case in fx["grouped"].as_array().unwrap() {
        let report = kpis(&contacts, &opts(case["options"].clone())).unwrap();
        let got = serde_json::to_value(&report).unwrap();
        let rows = got["groups"].as_array().unwrap();
        let want = case["expected"].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{}", case["options"]);
        for (row, w) in rows.iter().zip(want) {
            assert_matches(row, w, &format!("{} {}", case["options"], w["key"]));
        }
        // The overall block is the ungrouped report.
        let plain = serde_json::to_value(kpis(&contacts, &KpiOptions::default()).unwrap()).unwrap();
        let mut overall = got["overall"].clone();
        overall.as_object_mut().unwrap().remove("rejected");
        let mut plain = plain;
        plain.as_object_mut().unwrap().remove("rejected");
        assert_eq!(overall, plain);
    }
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn impossible_timestamp_orders_name_the_record() {
    let fx = fixture();
    let mut contacts = contacts_of(&fx["contacts"]);
    contacts[4].abandoned_at = Some(at("2026-11-23T08:00:00Z")); // before offeredAt
    let e = kpis(&contacts, &KpiOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::TimestampOrder);
    assert_eq!(e.index, Some(4));
    assert_eq!(e.field.as_deref(), Some("contacts[4].abandonedAt"));
    assert!(e.message.contains("\"v5\""), "{}", e.message);
    // Skipped and counted with onInvalid: skip.
    let report = kpis(&contacts, &opts(json!({"onInvalid": "skip"}))).unwrap();
    let rejected = report.overall.rejected.as_ref().unwrap();
    assert_eq!(rejected.total, 1);
    assert_eq!(rejected.by_reason[&ErrorCode::TimestampOrder], 1);
    assert_eq!(report.overall.contacts, 13); // 14 complete contacts, one rejected
    // Ended before started.
    let mut c = Contact::new("x", Channel::Chat);
    c.started_at = Some(at("2026-11-23T10:00:00Z"));
    c.ended_at = Some(at("2026-11-23T09:00:00Z"));
    let e = kpis(
        &[Contact::new("ok", Channel::Chat), c],
        &KpiOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::TimestampOrder, Some("contacts[1].endedAt"))
    );
    // A negative duration.
    let mut c = Contact::new("neg", Channel::Voice);
    c.talk_s = Some(-3.0);
    let e = kpis(&[c], &KpiOptions::default()).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidValue, Some("contacts[0].talkS"))
    );
}

#[test]
fn time_buckets_queue_by_interval_at_an_offset() {
    let fx = fixture();
    let contacts = contacts_of(&fx["contacts"]);
    let report = kpis(
        &contacts,
        &opts(json!({"groupBy": ["queue", "interval"], "intervalMinutes": 60, "utcOffsetMinutes": 60})),
    )
    .unwrap();
    let rows = serde_json::to_value(&report).unwrap()["groups"].clone();
    let keys: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}@{}",
                r["key"]["queue"].as_str().unwrap_or("-"),
                r["key"]["interval"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            "billing@2026-11-23T10:00",
            "billing@2026-11-23T11:00",
            "sales@2026-11-23T10:00",
            "-@2026-11-23T10:00"
        ]
    );
    let weeks = kpis(&contacts, &opts(json!({"groupBy": "week"}))).unwrap();
    assert_eq!(
        weeks.groups.unwrap()[0].key["week"].as_deref(),
        Some("2026-W48")
    );
    // A record without any timestamp cannot be put in a time bucket.
    let e = kpis(
        &[Contact::new("t", Channel::Voice)],
        &opts(json!({"groupBy": "day"})),
    )
    .unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::MissingField, Some(0)));
}

#[test]
fn occupancy_per_agent_from_staffed_time() {
    let fx = fixture();
    let contacts = contacts_of(&fx["contacts"]);
    let report = kpis(
        &contacts,
        &opts(json!({"groupBy": "agentId", "staffedSecondsByAgent": {"a1": 3600, "a2": 3600}})),
    )
    .unwrap();
    let groups = report.groups.unwrap();
    let a1 = &groups[0].kpis;
    // a1 handled v1 (250), v2 (360), v10 outbound (150), v14 (195) = 955 s.
    assert_eq!(groups[0].key["agentId"].as_deref(), Some("a1"));
    assert!((a1.occupancy.unwrap() - 955.0 / 3600.0).abs() < 1e-12);
    assert_eq!(groups.last().unwrap().kpis.occupancy, None); // no agent
    let total: f64 = 955.0 + 120.0 + 400.0 + 600.0 + 300.0;
    assert!((report.overall.occupancy.unwrap() - total / 7200.0).abs() < 1e-12);
}

#[test]
fn bad_options_and_states_get_typed_errors() {
    for (o, field) in [
        (json!({"intervalMinutes": 7}), "options.intervalMinutes"),
        (json!({"groupBy": ["queue", "queue"]}), "options.groupBy"),
        (
            json!({"serviceLevelThresholdSeconds": -1}),
            "options.serviceLevelThresholdSeconds",
        ),
        (
            json!({"shortAbandonSeconds": -0.5}),
            "options.shortAbandonSeconds",
        ),
        (json!({"staffedSeconds": 0}), "options.staffedSeconds"),
        (
            json!({"utcOffsetMinutes": 5000}),
            "options.utcOffsetMinutes",
        ),
    ] {
        let o: KpiOptions = serde_json::from_value(o).unwrap();
        let e = KpiAccumulator::new(&o).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidOption, Some(field))
        );
    }
    assert!(serde_json::from_value::<KpiOptions>(json!({"serviceLevelTreshold": 20})).is_err());
    assert!(serde_json::from_value::<KpiOptions>(json!({"groupBy": "team"})).is_err());
    let e = kpis(&[], &KpiOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::EmptyInput);
    let mut a = KpiAccumulator::new(&KpiOptions::default()).unwrap();
    let b = KpiAccumulator::new(&opts(json!({"serviceLevelThresholdSeconds": 30}))).unwrap();
    assert_eq!(a.merge(&b).unwrap_err().code, ErrorCode::IncompatibleState);
    // Reporting options may differ.
    let c = KpiAccumulator::new(&opts(json!({"serviceLevelBase": "offered"}))).unwrap();
    a.merge(&c).unwrap();
    let mut state = a.state();
    state.format = "cxkit.kpi.v0".into();
    assert_eq!(
        KpiAccumulator::from_state(&state).unwrap_err().code,
        ErrorCode::InvalidState
    );
    let grouped = KpiAccumulator::new(&opts(json!({"groupBy": ["queue", "day"]}))).unwrap();
    let mut state: Value = serde_json::to_value(grouped.state()).unwrap();
    state["groups"] = json!([{"key": ["billing"], "counts": {"contacts": 1}}]);
    let state: KpiState = serde_json::from_value(state).unwrap();
    let e = KpiAccumulator::from_state(&state).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidState, Some("groups[0].key"))
    );
}

// ---------- accumulator invariants ----------

fn arb_contact(i: usize) -> impl Strategy<Value = Contact> {
    let channel = prop::sample::select(Channel::ALL.to_vec());
    let queue = prop::option::of(prop::sample::select(vec!["billing", "sales", "tech"]));
    let agent = prop::option::of(prop::sample::select(vec!["a1", "a2", "a3"]));
    let secs = prop::option::of(0.0..900.0f64);
    (
        (channel, queue, agent, any::<bool>()),
        (0i64..86_400 * 3, prop::option::of(0i64..200), 0u8..4),
        (
            secs.clone(),
            secs.clone(),
            secs.clone(),
            secs,
            prop::option::of(0i64..600),
        ),
        (0u32..3, prop::option::of(any::<bool>()), any::<bool>()),
    )
        .prop_map(
            move |(
                (channel, queue, agent, outbound),
                (start, wait, outcome),
                (queue_wait, talk, hold, acw, duration),
                (transfers, resolved, has_start),
            )| {
                let mut c = Contact::new(format!("c{i}"), channel);
                let t0 =
                    Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap() + Duration::seconds(start);
                c.queue = queue.map(str::to_string);
                c.agent_id = agent.map(str::to_string);
                c.direction = outbound.then_some(Direction::Outbound);
                if has_start {
                    c.started_at = Some(t0);
                }
                if let Some(w) = wait {
                    c.offered_at = Some(t0);
                    let left = t0 + Duration::seconds(w);
                    match outcome {
                        0 => c.answered_at = Some(left),
                        1 => c.abandoned_at = Some(left),
                        2 => c.ended_at = Some(left),
                        _ => {}
                    }
                }
                if let (Some(d), None) = (duration, c.ended_at) {
                    c.ended_at = Some(c.last_at().unwrap_or(t0) + Duration::seconds(d));
                    if c.started_at.is_none() && c.offered_at.is_none() {
                        c.started_at = Some(t0);
                    }
                }
                if c.first_at().is_none() {
                    c.started_at = Some(t0); // time breakdowns need a timestamp
                }
                c.queue_wait_s = queue_wait.filter(|_| outcome == 3);
                c.talk_s = talk;
                c.hold_s = hold;
                c.acw_s = acw;
                c.transfers = transfers;
                c.resolved = resolved;
                c
            },
        )
}

fn arb_contacts(max: usize) -> impl Strategy<Value = Vec<Contact>> {
    (0..max).prop_flat_map(|n| (0..n).map(arb_contact).collect::<Vec<_>>())
}

fn arb_options() -> impl Strategy<Value = KpiOptions> {
    let groups = prop::sample::select(vec![
        json!(null),
        json!("queue"),
        json!("agentId"),
        json!(["channel", "interval"]),
        json!(["queue", "day"]),
        json!("week"),
        json!("month"),
    ]);
    (
        groups,
        prop::sample::select(vec![0.0, 10.0, 20.0, 30.0]),
        any::<bool>(),
        prop::sample::select(vec!["offered", "answered", "answeredAbandoned"]),
        prop::sample::select(vec![15u32, 30, 60]),
        -720i32..720,
    )
        .prop_map(|(group_by, t, less, base, interval, offset)| {
            let mut o = json!({
                "serviceLevelThresholdSeconds": t,
                "serviceLevelComparison": if less { "less" } else { "lessOrEqual" },
                "serviceLevelBase": base,
                "intervalMinutes": interval,
                "utcOffsetMinutes": offset,
                "staffedSeconds": 36000,
            });
            if !group_by.is_null() {
                o["groupBy"] = group_by;
            }
            opts(o)
        })
}

fn batch(o: &KpiOptions, contacts: &[Contact]) -> KpiAccumulator {
    let mut acc = KpiAccumulator::new(o).unwrap();
    acc.push_all(contacts).unwrap();
    acc
}

fn finished(acc: &KpiAccumulator) -> Option<Value> {
    acc.finish()
        .ok()
        .map(|r: KpiReport| serde_json::to_value(r).unwrap())
}

fn no_nan(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        Value::Array(a) => a.iter().all(no_nan),
        Value::Object(m) => m.values().all(no_nan),
        _ => true,
    }
}

proptest! {
    #[test]
    fn merge_equals_batch_for_any_split(
        o in arb_options(),
        contacts in arb_contacts(60),
        cut in any::<prop::sample::Index>(),
    ) {
        let at = cut.index(contacts.len() + 1);
        let (left, right) = contacts.split_at(at);
        let mut merged = batch(&o, left);
        merged.merge(&batch(&o, right)).unwrap();
        let whole = batch(&o, &contacts);
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(finished(&merged), finished(&whole));
        // The state survives JSON.
        let state: KpiState =
            serde_json::from_str(&serde_json::to_string(&whole.state()).unwrap()).unwrap();
        prop_assert_eq!(&KpiAccumulator::from_state(&state).unwrap(), &whole);
        if let Some(v) = finished(&whole) {
            prop_assert!(no_nan(&v), "{}", v);
        }
    }

    #[test]
    fn merge_is_commutative_and_associative(
        o in arb_options(),
        a in arb_contacts(25),
        b in arb_contacts(25),
        c in arb_contacts(25),
    ) {
        let (a, b, c) = (batch(&o, &a), batch(&o, &b), batch(&o, &c));
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
        prop_assert_eq!(ab_c, a_bc);
    }

    #[test]
    fn arbitrary_records_never_panic_or_give_nan(
        raw in prop::collection::vec(
            (any::<i64>(), any::<i64>(), prop::option::of(any::<f64>()), any::<u32>(), any::<bool>()),
            0..30),
    ) {
        let contacts: Vec<Contact> = raw
            .into_iter()
            .enumerate()
            .map(|(i, (a, b, talk, transfers, partial))| {
                let mut c = Contact::new(format!("r{}", i % 7), Channel::Voice);
                c.offered_at = DateTime::from_timestamp(a % 10_000_000_000, 0);
                c.answered_at = DateTime::from_timestamp(b % 10_000_000_000, 0);
                c.talk_s = talk;
                c.transfers = transfers;
                c.partial = partial.then_some(true);
                c
            })
            .collect();
        for o in [json!({}), json!({"onInvalid": "skip", "groupBy": ["day", "queue"]})] {
            if let Ok(report) = kpis(&contacts, &opts(o)) {
                let v = serde_json::to_value(report).unwrap();
                prop_assert!(no_nan(&v), "{}", v);
            }
        }
    }
}
