//! Customer effort: known answers under every option family, errors, accumulator invariants.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // tests fail loudly on purpose

use chrono::{Duration, TimeZone, Utc};
use cxkit_core::ErrorCode;
use cxkit_core::effort::{EffortAccumulator, EffortOptions, EffortState, effort};
use cxkit_core::model::{Channel, Contact};
use proptest::prelude::*;
use serde_json::{Value, json};

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ops/effort.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn contacts(fx: &Value) -> Vec<Contact> {
    serde_json::from_value(fx["contacts"].clone()).unwrap()
}

/// Options of a fixture variant, with the fixture's answers.
fn options(fx: &Value, variant: &Value) -> EffortOptions {
    let mut o = variant.clone();
    o["cesAnswers"] = fx["cesAnswers"].clone();
    o["fcrAnswers"] = fx["fcrAnswers"].clone();
    serde_json::from_value(o).unwrap()
}

/// Every key of `expected` equals the same key of `got`, recursively (numbers to 1e-9
/// relative; nulls and strings exactly).
fn assert_matches(got: &Value, expected: &Value, what: &str) {
    match (expected, got) {
        (Value::Object(e), Value::Object(_)) => {
            for (k, v) in e {
                assert_matches(&got[k], v, &format!("{what}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            assert_eq!(e.len(), g.len(), "{what}: length");
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                assert_matches(gv, ev, &format!("{what}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(g)) => {
            let (e, g) = (e.as_f64().unwrap(), g.as_f64().unwrap());
            assert!(
                (e - g).abs() <= 1e-9 * e.abs().max(1.0),
                "{what}: {g}, expected {e}"
            );
        }
        _ => assert_eq!(got, expected, "{what}"),
    }
}

#[test]
fn every_option_family_matches_the_independent_computation() {
    let fx = fixture();
    let contacts = contacts(&fx);
    for case in fx["variants"].as_array().unwrap() {
        let o = options(&fx, &case["options"]);
        let report = effort(&contacts, &o).unwrap();
        let got = serde_json::to_value(&report).unwrap();
        let what = case["options"].to_string();
        assert_matches(&got["summary"], &case["expected"]["summary"], &what);
        assert_matches(&got["journeys"], &case["expected"]["journeys"], &what);
        assert_matches(
            &got["cesCorrelation"],
            &case["expected"]["cesCorrelation"],
            &what,
        );
    }
}

#[test]
fn contact_level_flags_and_lists() {
    let fx = fixture();
    let o = options(&fx, &json!({"asOf": "2026-11-30T00:00:00Z"}));
    let r = effort(&contacts(&fx), &o).unwrap();
    let by_id = |id: &str| {
        r.contacts
            .as_ref()
            .unwrap()
            .iter()
            .find(|c| c.contact_id == id)
            .unwrap()
            .clone()
    };
    let a2 = by_id("a2");
    assert!(a2.repeat && a2.channel_switch && a2.reassignment);
    // 2 (repeat) + 1 (transfer) + 1 (switch) + 0.5 (new agent) + 0.1·0.5 min + 0.1·2 min hold
    assert!(
        (a2.effort_index - 4.75).abs() < 1e-12,
        "{}",
        a2.effort_index
    );
    assert_eq!(a2.ces, Some(3.0));
    let u1 = by_id("u1");
    assert_eq!((u1.journey, u1.repeat), (None, false));
    assert_eq!(r.summary.unattributed_contacts, 1);
    // The two partial records of e1 are one contact.
    assert_eq!(r.summary.contacts, 11);
    assert_eq!(by_id("e1").platform.as_deref(), Some("connect"));
    // Customers and queues.
    let customers = r.customers.as_ref().unwrap();
    assert_eq!(
        customers
            .iter()
            .map(|c| c.customer_id.as_str())
            .collect::<Vec<_>>(),
        ["ana", "bo", "cy", "dee", "eve"]
    );
    let ana = &customers[0];
    assert_eq!(
        (ana.contacts, ana.journeys, ana.resolved_journeys),
        (3, 2, 2)
    );
    assert_eq!(ana.contacts_per_resolution, Some(1.5));
    assert_eq!(r.queues.last().unwrap().queue.as_deref(), Some("support"));
    // Summary only.
    let mut o = o;
    o.detail = Some(cxkit_core::effort::Detail::Summary);
    let v = serde_json::to_value(effort(&contacts(&fx), &o).unwrap()).unwrap();
    assert!(v.get("contacts").is_none() && v.get("journeys").is_none());
    assert!(v["queues"].is_array() && v["summary"]["fcr"]["rate"].is_number());
}

#[test]
fn business_time_skips_nights_lunch_weekends_and_holidays() {
    let fx = fixture();
    let o = options(
        &fx,
        &json!({"asOf": "2026-11-30T00:00:00Z", "businessHours": fx["businessHours"]}),
    );
    let r = effort(&contacts(&fx), &o).unwrap();
    let journeys = r.journeys.unwrap();
    // Ana: Mon 2 Nov 09:00Z (10:00 local) to Tue 3 Nov 10:30Z, Tuesday a holiday:
    // Monday 10:00–13:00 and 14:00–18:00 local = 7 h.
    let ana = &journeys[0];
    assert_eq!(ana.business_time_to_resolution_seconds, Some(7.0 * 3600.0));
    assert_eq!(ana.time_to_resolution_seconds, Some(91_800.0));
}

#[test]
fn bad_records_answers_and_options_get_typed_errors() {
    let fx = fixture();
    let mut list = contacts(&fx);
    list[3].ended_at = Some(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap());
    let e = effort(&list, &EffortOptions::default()).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.index),
        (
            ErrorCode::TimestampOrder,
            Some("contacts[3].endedAt"),
            Some(3)
        )
    );
    assert!(e.message.contains("\"b1\""));
    let skipped = effort(
        &list,
        &serde_json::from_value(json!({"onInvalid": "skip"})).unwrap(),
    )
    .unwrap();
    assert_eq!(skipped.rejected.total, 1);
    assert_eq!(skipped.summary.contacts, 10);

    let e = effort(
        &[Contact::new("t", Channel::Chat)],
        &EffortOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::MissingField, Some("contacts[0].startedAt"))
    );

    let bad_ces: EffortOptions = serde_json::from_value(
        json!({"cesAnswers": [{"contactId": "a1", "value": 4}, {"contactId": "a2", "value": 9}]}),
    )
    .unwrap();
    let e = effort(&contacts(&fx), &bad_ces).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.index),
        (
            ErrorCode::ScoreOutOfRange,
            Some("options.cesAnswers[1].value"),
            Some(1)
        )
    );
    assert!(
        e.message.starts_with("options.cesAnswers[1]"),
        "{}",
        e.message
    );
    let e = effort(
        &contacts(&fx),
        &serde_json::from_value(json!({"fcrAnswers": [{"contactId": "a1", "label": "quizás"}]}))
            .unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::UnknownLabel, Some("options.fcrAnswers[0].label"))
    );

    for (o, field) in [
        (json!({"repeatWindowHours": 0}), "options.repeatWindowHours"),
        (
            json!({"repeatWindowHoursByChannel": {"email": -1}}),
            "options.repeatWindowHoursByChannel.email",
        ),
        (json!({"weights": {"repeat": -2}}), "options.weights.repeat"),
        (json!({"cesVersion": 3}), "options.cesVersion"),
        (
            json!({"businessHours": {"weekly": {"mon": [["18:00", "09:00"]]}}}),
            "options.businessHours.weekly.mon[0]",
        ),
    ] {
        let o: EffortOptions = serde_json::from_value(o).unwrap();
        let e = EffortAccumulator::new(&o).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidOption, Some(field))
        );
    }
    assert!(serde_json::from_value::<EffortOptions>(json!({"repeatWindow": 24})).is_err());
    assert!(serde_json::from_value::<EffortOptions>(json!({"weights": {"transfers": 1}})).is_err());
    assert_eq!(
        effort(&[], &EffortOptions::default()).unwrap_err().code,
        ErrorCode::EmptyInput
    );
    let a = EffortAccumulator::new(&EffortOptions::default()).unwrap();
    let mut b =
        EffortAccumulator::new(&serde_json::from_value(json!({"cesVersion": 1})).unwrap()).unwrap();
    assert_eq!(b.merge(&a).unwrap_err().code, ErrorCode::IncompatibleState);
}

// ---------- accumulator invariants ----------

fn arb_contacts(max: usize) -> impl Strategy<Value = Vec<Contact>> {
    let one = (
        0usize..6,
        prop::sample::select(Channel::ALL.to_vec()),
        0i64..60 * 24 * 30,
        1i64..600,
        prop::option::of(0usize..3),
        (0u32..3, any::<bool>(), prop::option::of(any::<bool>())),
        // Quarter seconds: exact in binary and in short decimals, so the JSON round trip of
        // the state is exact with serde_json's default float parser.
        prop::option::of((0u32..1200).prop_map(|q| f64::from(q) / 4.0)),
    );
    prop::collection::vec(one, 0..max).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(
                |(
                    i,
                    (
                        customer,
                        channel,
                        start,
                        minutes,
                        agent,
                        (transfers, escalated, resolved),
                        hold,
                    ),
                )| {
                    let mut c = Contact::new(format!("k{i}"), channel);
                    let t0 = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
                        + Duration::minutes(start);
                    c.customer_id = (customer < 5).then(|| format!("cust{customer}"));
                    c.started_at = Some(t0);
                    c.ended_at = Some(t0 + Duration::minutes(minutes));
                    c.agent_id = agent.map(|a| format!("ag{a}"));
                    c.transfers = transfers;
                    c.escalated = escalated;
                    c.resolved = resolved;
                    c.hold_s = hold;
                    c.queue = Some(["q1", "q2"][i % 2].to_string());
                    c
                },
            )
            .collect()
    })
}

fn arb_options() -> impl Strategy<Value = EffortOptions> {
    (
        prop::sample::select(vec![6.0, 24.0, 168.0]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec!["repeatWindow", "disposition", "oneTouch"]),
    )
        .prop_map(|(hours, same, by_reason, method)| {
            serde_json::from_value(json!({
                "repeatWindowHours": hours,
                "repeatScope": if same { "sameChannel" } else { "acrossChannels" },
                "journeyByReason": by_reason,
                "fcrMethod": method,
                "asOf": "2026-12-15T00:00:00Z",
                "businessHours": {"weekly": {"mon": [["09:00", "17:00"]], "wed": [["00:00", "24:00"]]}}
            }))
            .unwrap()
        })
}

fn report(acc: &EffortAccumulator) -> Option<Value> {
    acc.finish().ok().map(|r| serde_json::to_value(r).unwrap())
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
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn merge_equals_batch_and_the_state_round_trips(
        o in arb_options(),
        contacts in arb_contacts(40),
        cut in any::<prop::sample::Index>(),
    ) {
        let at = cut.index(contacts.len() + 1);
        let (left, right) = contacts.split_at(at);
        let mut a = EffortAccumulator::new(&o).unwrap();
        a.push_all(left).unwrap();
        let mut b = EffortAccumulator::new(&o).unwrap();
        b.push_all(right).unwrap();
        let mut ba = b.clone();
        a.merge(&b).unwrap();
        let whole = {
            let mut w = EffortAccumulator::new(&o).unwrap();
            w.push_all(&contacts).unwrap();
            w
        };
        prop_assert_eq!(report(&a), report(&whole));
        ba.merge(&EffortAccumulator::new(&o).map(|mut x| { x.push_all(left).unwrap(); x }).unwrap()).unwrap();
        prop_assert_eq!(report(&ba), report(&whole));
        let state: EffortState =
            serde_json::from_str(&serde_json::to_string(&whole.state()).unwrap()).unwrap();
        prop_assert_eq!(report(&EffortAccumulator::from_state(&state).unwrap()), report(&whole));
        if let Some(v) = report(&whole) {
            prop_assert!(no_nan(&v), "{}", v);
            // Journeys partition the attributed contacts.
            let n: u64 = v["journeys"].as_array().unwrap().iter().map(|j| j["contacts"].as_u64().unwrap()).sum();
            prop_assert_eq!(n + v["summary"]["unattributedContacts"].as_u64().unwrap(), v["summary"]["contacts"].as_u64().unwrap());
        }
    }

    #[test]
    fn arbitrary_answers_and_timestamps_never_panic(
        contacts in arb_contacts(15),
        ces in prop::collection::vec((0usize..20, any::<f64>()), 0..20),
        secs in any::<i64>(),
    ) {
        let answers: Vec<Value> = ces.iter().map(|(i, v)| json!({"contactId": format!("k{i}"), "value": v})).collect();
        let mut o = json!({"cesAnswers": answers, "onInvalid": "skip"});
        if let Some(t) = chrono::DateTime::from_timestamp(secs % 100_000_000_000, 0) {
            o["asOf"] = json!(t.to_rfc3339());
        }
        if let Ok(o) = serde_json::from_value::<EffortOptions>(o)
            && let Ok(r) = effort(&contacts, &o)
        {
            let v = serde_json::to_value(r).unwrap();
            prop_assert!(no_nan(&v), "{}", v);
        }
    }
}
