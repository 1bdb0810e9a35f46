//! The dashboard accumulator (`cxkit_core::metrics`): its numbers equal the metrics' own
//! functions over the same records, retries never count twice, and per-day states merged in any
//! grouping equal one batch over every record.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // tests

use chrono::{Duration, TimeZone, Utc};
use cxkit_core::ErrorCode;
use cxkit_core::effort::{EffortAccumulator, EffortOptions};
use cxkit_core::kpi::{KpiAccumulator, KpiOptions};
use cxkit_core::metrics::{
    Dimension, MetricName, MetricsAccumulator, MetricsOptions, MetricsQuery, MetricsState, Records,
};
use cxkit_core::model::{Channel, Contact, Speaker, Transcript};
use cxkit_core::sentiment::{SentimentAccumulator, SentimentOptions, score_transcript};
use cxkit_core::survey::{SurveyAccumulator, SurveyInput, SurveyKind, SurveyOptions};
use proptest::prelude::*;
use serde_json::{Value, json};

fn records(v: Value) -> Records {
    serde_json::from_value(v).unwrap()
}

fn sample() -> Records {
    records(json!({
        "contacts": [
            {"id": "c1", "platform": "amazon-connect", "channel": "voice", "queue": "billing",
             "agentId": "ana", "customerId": "u1", "offeredAt": "2026-11-23T09:00:00Z",
             "answeredAt": "2026-11-23T09:00:15Z", "talkS": 240, "acwS": 30,
             "endedAt": "2026-11-23T09:04:15Z"},
            {"id": "c2", "platform": "amazon-connect", "channel": "voice", "queue": "sales",
             "offeredAt": "2026-11-23T10:00:00Z", "abandonedAt": "2026-11-23T10:01:00Z",
             "abandoned": true, "customerId": "u2"},
            {"id": "c3", "platform": "zendesk", "channel": "chat", "queue": "billing",
             "agentId": "ben", "customerId": "u1", "offeredAt": "2026-11-24T08:00:00Z",
             "answeredAt": "2026-11-24T08:00:05Z", "talkS": 600,
             "endedAt": "2026-11-24T08:10:05Z"}
        ],
        "surveys": [
            {"id": "n1", "kind": "nps", "value": 10, "queue": "billing", "respondedAt": "2026-11-23T09:30:00Z"},
            {"id": "n2", "kind": "nps", "value": 6, "queue": "sales", "respondedAt": "2026-11-23T11:00:00Z"},
            {"id": "n3", "kind": "nps", "value": 9, "queue": "billing", "respondedAt": "2026-11-24T09:00:00Z"},
            {"id": "s1", "kind": "csat", "value": 5, "agentId": "ana", "respondedAt": "2026-11-23T09:30:00Z"},
            {"id": "s2", "kind": "csat", "value": 2, "agentId": "ben", "respondedAt": "2026-11-24T09:30:00Z"},
            {"id": "e1", "kind": "ces", "value": 2, "contactId": "c1", "respondedAt": "2026-11-23T09:31:00Z"}
        ],
        "transcripts": [
            {"contactId": "c1", "turns": [
                {"speaker": "customer", "text": "I was charged twice and nobody helps me"},
                {"speaker": "agent", "text": "I am sorry, I have refunded the second charge"},
                {"speaker": "customer", "text": "great, thank you so much"}]}
        ]
    }))
}

fn report(acc: &MetricsAccumulator, q: &MetricsQuery) -> Value {
    serde_json::to_value(acc.finish(q).unwrap()).unwrap()
}

#[test]
fn numbers_equal_the_metrics_own_accumulators() {
    let r = sample();
    let mut acc = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
    let pushed = acc.push_records(
        &r,
        Some(Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()),
    );
    assert_eq!(
        (
            pushed.added.contacts,
            pushed.added.surveys,
            pushed.added.transcripts
        ),
        (3, 6, 1)
    );
    assert!(pushed.rejected.is_empty());
    let q = MetricsQuery {
        group_by: Some(Dimension::Queue),
        ..Default::default()
    };
    let got = acc.finish(&q).unwrap();

    // NPS by queue: the survey accumulator itself
    let mut nps = SurveyAccumulator::new(
        SurveyKind::Nps,
        &SurveyOptions {
            group_by: Some(cxkit_core::survey::GroupBy::Queue),
            ..Default::default()
        },
    )
    .unwrap();
    for s in r.surveys.iter().filter(|s| s.kind == Some(SurveyKind::Nps)) {
        nps.push(&SurveyInput::Response(Box::new(s.clone())), None)
            .unwrap();
    }
    let want = nps.finish_nps().unwrap();
    assert_eq!(got.nps.as_ref().unwrap(), &want);
    assert!((got.nps.unwrap().overall.score - 100.0 / 3.0).abs() < 1e-12); // 2 promoters, 1 detractor
    // KPIs by queue: the KPI accumulator over the same contacts
    let mut k = KpiAccumulator::new(
        &serde_json::from_value::<KpiOptions>(json!({"groupBy": "queue"})).unwrap(),
    )
    .unwrap();
    for (i, c) in r.contacts.iter().enumerate() {
        k.push(c, i).unwrap();
    }
    assert_eq!(got.kpis.unwrap(), k.finish().unwrap());
    // effort with the CES answer joined to c1
    let mut e = EffortAccumulator::new(&EffortOptions::default()).unwrap();
    e.push_all(&r.contacts).unwrap();
    e.push_ces(&r.surveys[5], 5).unwrap();
    assert_eq!(got.effort.unwrap(), e.finish().unwrap());
    // sentiment
    let mut s = SentimentAccumulator::new();
    s.push(&score_transcript(&r.transcripts[0], &SentimentOptions::default()).unwrap());
    assert_eq!(got.sentiment.unwrap(), s.finish());
    // the daily series
    let days: Vec<&str> = got.series.iter().map(|p| p.day.as_str()).collect();
    assert_eq!(days, ["2026-11-23", "2026-11-24"]);
    let d23 = &got.series[0];
    assert_eq!(
        (d23.nps, d23.nps_n, d23.csat, d23.csat_n, d23.contacts),
        (Some(0.0), 2, Some(100.0), 1, 2)
    );
    assert_eq!(d23.abandonment_rate, Some(0.5));
    assert_eq!((d23.transcripts, got.series[1].transcripts), (0, 1)); // transcripts: day they arrived
    assert_eq!(got.records.contacts, 3);
}

#[test]
fn a_retried_delivery_never_counts_twice() {
    let r = sample();
    let mut once = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
    once.push_records(&r, None);
    let mut twice = once.clone();
    let again = twice.push_records(&r, None);
    assert_eq!(
        (
            again.duplicates.contacts,
            again.duplicates.surveys,
            again.duplicates.transcripts
        ),
        (3, 6, 1)
    );
    assert_eq!(
        again.added.contacts + again.added.surveys + again.added.transcripts,
        0
    );
    assert_eq!(once.state(), twice.state());
    // a changed answer with the same id is the same answer (the first one counts)
    let mut changed = r.clone();
    changed.surveys[0].value = Some(0.0);
    assert_eq!(twice.push_records(&changed, None).duplicates.surveys, 6);
}

#[test]
fn partial_contacts_merge_by_id_and_are_returned_merged() {
    let mut acc = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
    let first = records(
        json!({"contacts": [{"id": "k", "platform": "genesys", "channel": "voice",
        "partial": true, "offeredAt": "2026-11-23T09:00:00Z", "queue": "billing"}]}),
    );
    let last = records(
        json!({"contacts": [{"id": "k", "platform": "genesys", "channel": "voice",
        "offeredAt": "2026-11-23T09:00:00Z", "answeredAt": "2026-11-23T09:00:30Z", "talkS": 100}]}),
    );
    acc.push_records(&first, None);
    let s = acc.push_records(&last, None);
    assert_eq!(s.contacts.len(), 1);
    assert_eq!(
        (
            s.contacts[0].queue.as_deref(),
            s.contacts[0].talk_s,
            s.contacts[0].partial
        ),
        (Some("billing"), Some(100.0), None)
    );
    let k = acc
        .finish(&MetricsQuery::default())
        .unwrap()
        .kpis
        .unwrap()
        .overall;
    assert_eq!((k.contacts, k.asa), (1, Some(30.0)));
}

#[test]
fn invalid_records_are_reported_and_left_out() {
    let mut acc = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
    let r = records(json!({
        "surveys": [{"id": "a", "value": 3}, {"id": "b", "kind": "nps", "value": 11},
                    {"id": "c", "kind": "csat", "value": 4}],
        "contacts": [{"id": "no-time", "channel": "voice"}]
    }));
    let s = acc.push_records(&r, None);
    let codes: Vec<(String, usize, ErrorCode)> = s
        .rejected
        .iter()
        .map(|x| (x.list.clone(), x.index, x.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("contacts".into(), 0, ErrorCode::MissingField),
            ("surveys".into(), 0, ErrorCode::MissingField),
            ("surveys".into(), 1, ErrorCode::ScoreOutOfRange),
        ]
    );
    assert!(
        s.rejected[2].message.contains("surveys[1]"),
        "{}",
        s.rejected[2].message
    );
    assert_eq!(s.added.surveys, 1);
    assert_eq!(acc.state().rejected.values().sum::<u64>(), 3);
    assert!(acc.finish(&MetricsQuery::default()).unwrap().nps.is_none());
}

#[test]
fn options_that_belong_to_the_query_are_refused() {
    for (o, field) in [
        (json!({"nps": {"groupBy": "queue"}}), "options.nps.groupBy"),
        (
            json!({"kpis": {"groupBy": ["day"]}}),
            "options.kpis.groupBy",
        ),
        (
            json!({"utcOffsetMinutes": 1440}),
            "options.utcOffsetMinutes",
        ),
        (
            json!({"csat": {"scale": [1, 5], "onInvalid": "skip"}}),
            "options.csat.onInvalid",
        ),
    ] {
        let o: MetricsOptions = serde_json::from_value(o).unwrap();
        let e = MetricsAccumulator::new(&o).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidOption, Some(field))
        );
    }
}

#[test]
fn merging_states_that_counted_the_same_answer_is_refused() {
    let mut a = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
    a.push_records(&sample(), None);
    let b = a.clone();
    let before = a.state();
    let e = a.merge(&b).unwrap_err();
    assert_eq!(e.code, ErrorCode::IncompatibleState);
    assert!(e.message.contains("survey:"), "{}", e.message);
    assert_eq!(a.state(), before);
    // different options
    let other =
        MetricsAccumulator::new(&serde_json::from_value(json!({"utcOffsetMinutes": 60})).unwrap())
            .unwrap();
    assert_eq!(
        a.merge(&other).unwrap_err().code,
        ErrorCode::IncompatibleState
    );
}

#[test]
fn the_utc_offset_moves_records_to_local_days() {
    let o: MetricsOptions = serde_json::from_value(json!({"utcOffsetMinutes": -300})).unwrap();
    let acc = MetricsAccumulator::new(&o).unwrap();
    let split = acc.split_by_day(&sample(), None);
    let days: Vec<&String> = split.keys().collect();
    // 2026-11-24T08:00Z is 03:00 on the 24th in UTC−5; 09:00Z on the 23rd is 04:00 on the 23rd
    assert_eq!(days, ["2026-11-23", "2026-11-24", "none"]);
    assert_eq!(split["none"].transcripts.len(), 1);
    assert_eq!(split["2026-11-24"].contacts[0].id, "c3");
}

#[test]
fn state_rejects_a_wrong_format_and_tampered_parts() {
    let mut acc = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
    acc.push_records(&sample(), None);
    let mut v = serde_json::to_value(acc.state()).unwrap();
    v["format"] = json!("cxkit.metrics.v0");
    let s: MetricsState = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(
        MetricsAccumulator::from_state(&s).unwrap_err().code,
        ErrorCode::InvalidState
    );
    v["format"] = json!("cxkit.metrics.v1");
    v["nps"]["agentId"]["options"]["groupBy"] = json!("channel");
    let s: MetricsState = serde_json::from_value(v).unwrap();
    let e = MetricsAccumulator::from_state(&s).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidState, Some("nps"))
    );
}

// ---------- invariants ----------

const TEXTS: [&str; 6] = [
    "thank you, that was quick and helpful",
    "this is the third time I call, terrible service",
    "gracias, muy amable",
    "no me sirve, quiero hablar con un supervisor",
    "ok",
    "I want to cancel my account",
];

fn arb_contact(i: usize) -> impl Strategy<Value = Vec<Contact>> {
    (
        prop::sample::select(vec![Channel::Voice, Channel::Chat, Channel::Email]),
        prop::option::of(prop::sample::select(vec!["billing", "sales"])),
        prop::option::of(prop::sample::select(vec!["a1", "a2"])),
        0i64..86_400 * 4,
        prop::option::of(0i64..120),
        any::<bool>(),
        prop::option::of(0.0..600.0f64),
        any::<bool>(),
    )
        .prop_map(
            move |(channel, queue, agent, start, wait, abandon, talk, split)| {
                let t0 =
                    Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap() + Duration::seconds(start);
                let mut c = Contact::new(format!("c{i}"), channel);
                c.platform = Some("generic".into());
                c.customer_id = Some(format!("u{}", i % 4));
                c.offered_at = Some(t0);
                c.queue = queue.map(str::to_string);
                c.agent_id = agent.map(str::to_string);
                if let Some(w) = wait {
                    if abandon {
                        c.abandoned_at = Some(t0 + Duration::seconds(w));
                        c.abandoned = Some(true);
                    } else {
                        c.answered_at = Some(t0 + Duration::seconds(w));
                        c.talk_s = talk;
                    }
                }
                if split {
                    // the first event of the contact carries only part of it
                    let mut first = Contact::new(c.id.clone(), channel);
                    first.platform = c.platform.clone();
                    first.offered_at = c.offered_at;
                    first.partial = Some(true);
                    vec![first, c]
                } else {
                    vec![c]
                }
            },
        )
}

fn arb_records() -> impl Strategy<Value = Records> {
    let contacts = (0..12usize).prop_flat_map(|n| (0..n).map(arb_contact).collect::<Vec<_>>());
    let surveys = prop::collection::vec(
        (
            0usize..3,
            0u8..11,
            prop::option::of(prop::sample::select(vec!["billing", "sales"])),
            0i64..86_400 * 4,
            prop::option::of(0usize..12),
        ),
        0..25,
    );
    let transcripts = prop::collection::vec(
        prop::collection::vec((0usize..6, any::<bool>()), 1..4),
        0..4,
    );
    (contacts, surveys, transcripts).prop_map(|(contacts, surveys, transcripts)| {
        let surveys = surveys
            .into_iter()
            .enumerate()
            .map(|(i, (kind, v, queue, at, contact))| {
                let (kind, value) = match kind {
                    0 => ("csat", 1 + v % 5),
                    1 => ("nps", v),
                    _ => ("ces", 1 + v % 7),
                };
                let t = Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap() + Duration::seconds(at);
                // one CES answer per contact: with two, effort keeps the one pushed last, which
                // depends on the order (see the effort accumulator)
                let contact = contact.filter(|_| kind == "ces").map(|_| i);
                serde_json::from_value(json!({"id": format!("s{i}"), "kind": kind, "value": value,
                    "queue": queue, "respondedAt": t.to_rfc3339(), "contactId": contact.map(|c| format!("c{c}"))}))
                .unwrap()
            })
            .collect();
        let transcripts = transcripts
            .into_iter()
            .map(|turns| {
                Transcript::from_turns(turns.into_iter().map(|(t, customer)| {
                    (if customer { Speaker::Customer } else { Speaker::Agent }, TEXTS[t])
                }))
            })
            .collect();
        Records { contacts: contacts.into_iter().flatten().collect(), surveys, transcripts }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The edge's layout: one accumulator per day (records routed by their day), states sent
    /// through JSON and merged in any order of days == one accumulator over the whole batch.
    #[test]
    fn per_day_states_merged_equal_the_batch(r in arb_records(), order in any::<u64>(), offset in -720i32..720) {
        let o: MetricsOptions = serde_json::from_value(json!({"utcOffsetMinutes": offset})).unwrap();
        let at = Some(Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap());
        let mut batch = MetricsAccumulator::new(&o).unwrap();
        let pushed = batch.push_records(&r, at);
        prop_assert!(pushed.rejected.is_empty(), "{:?}", pushed.rejected);
        let mut days: Vec<MetricsAccumulator> = batch
            .split_by_day(&r, at)
            .values()
            .map(|part| {
                let mut a = MetricsAccumulator::new(&o).unwrap();
                a.push_records(part, at);
                // through JSON, as the Durable Objects store it
                let json = serde_json::to_string(&a.state()).unwrap();
                MetricsAccumulator::from_state(&serde_json::from_str(&json).unwrap()).unwrap()
            })
            .collect();
        let n = days.len().max(1);
        days.rotate_left((order as usize) % n);
        let mut merged = MetricsAccumulator::new(&o).unwrap();
        for d in &days {
            merged.merge(d).unwrap();
        }
        for g in [None, Some(Dimension::Queue), Some(Dimension::AgentId), Some(Dimension::Channel)] {
            let q = MetricsQuery { group_by: g, ..Default::default() };
            prop_assert_eq!(report(&merged, &q), report(&batch, &q));
        }
        prop_assert_eq!(merged.state(), batch.state());
    }

    /// Pushing the batch again, or any part of it, changes nothing.
    #[test]
    fn pushes_are_idempotent(r in arb_records(), cut in 0usize..40) {
        let mut a = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
        a.push_records(&r, None);
        let before = a.state();
        let mut part = r.clone();
        part.surveys.truncate(cut);
        part.contacts.truncate(cut / 2);
        a.push_records(&part, None);
        a.push_records(&r, None);
        prop_assert_eq!(a.state(), before);
    }

    /// Asking for fewer metrics leaves the others untouched.
    #[test]
    fn metrics_are_independent(r in arb_records()) {
        let mut a = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
        a.push_records(&r, None);
        let all = report(&a, &MetricsQuery::default());
        let only = report(&a, &MetricsQuery { metrics: Some(vec![MetricName::Nps, MetricName::Kpis]), series: Some(false), ..Default::default() });
        prop_assert_eq!(&only["nps"], &all["nps"]);
        prop_assert_eq!(&only["kpis"], &all["kpis"]);
        prop_assert!(only["csat"].is_null() && only["sentiment"].is_null());
        prop_assert_eq!(only["series"].as_array().map(Vec::len), Some(0));
    }
}
