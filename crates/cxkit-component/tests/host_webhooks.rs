//! The built component in wasmtime: the `webhooks` interface on every fixture of
//! `tests/fixtures/webhooks` (the files the Rust, npm and edge tests run), with the expected
//! records compared field by field and the expected error codes and fields. Same host as
//! `tests/host.rs`; run by `cargo xtask test` (stage `component`) with
//! `cargo test -p cxkit-component --tests -- --ignored`.

// Helpers outside `#[test]` functions unwrap, index fixture JSON and panic: a missing component
// or a malformed fixture must fail loudly.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::{bindings, fixture_path, instance};
use serde_json::Value;

use bindings::exports::cxkit::metrics::contacts::{Channel, Contact};
use bindings::exports::cxkit::metrics::surveys::{Answer, Scale, SurveyResponse};
use bindings::exports::cxkit::metrics::webhooks::{
    Options, Outcome, Platform, Request, Speaker, Transcript,
};

fn fixtures() -> Vec<(String, Value)> {
    let dir = fixture_path("webhooks");
    let mut out = Vec::new();
    for p in std::fs::read_dir(&dir).unwrap() {
        let p = p.unwrap().path();
        if !p.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&p).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "json") {
                let name = f.strip_prefix(&dir).unwrap().display().to_string();
                out.push((
                    name,
                    serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap(),
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn platform(name: &str) -> Platform {
    match name {
        "amazon-connect" => Platform::AmazonConnect,
        "genesys" => Platform::Genesys,
        "twilio" => Platform::Twilio,
        "zendesk" => Platform::Zendesk,
        "salesforce" => Platform::Salesforce,
        "generic" => Platform::Generic,
        other => panic!("unknown platform {other}"),
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn request(case: &Value) -> Request {
    let r = &case["request"];
    Request {
        method: r["method"].as_str().unwrap().to_string(),
        url: r["url"].as_str().unwrap().to_string(),
        headers: r["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect(),
        body: r["body"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn options(o: &Value) -> Options {
    Options {
        secrets: strings(&o["secrets"]),
        api_key_header: text(&o["apiKeyHeader"]),
        tolerance_seconds: o["toleranceSeconds"].as_u64(),
        now: text(&o["now"]),
        organization_ids: strings(&o["organizationIds"]),
        csat_attribute: text(&o["csatAttribute"]),
        csat_scale: match &o["csatScale"] {
            Value::Null => None,
            Value::String(s) if s == "binary" => Some(Scale::Binary),
            Value::Array(a) => Some(Scale::Range((
                a[0].as_i64().unwrap() as i32,
                a[1].as_i64().unwrap() as i32,
            ))),
            other => panic!("csatScale {other}"),
        },
        format: text(&o["format"]),
        field_map_json: o.get("fieldMap").map(|m| m.to_string()),
        max_body_bytes: o["maxBodyBytes"].as_u64(),
    }
}

fn instant(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .timestamp_millis()
}

fn same_time(got: &Option<String>, want: &Value) -> bool {
    match (got, want.as_str()) {
        (None, None) => true,
        (Some(g), Some(w)) => instant(g) == instant(w),
        _ => false,
    }
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Voice => "voice",
        Channel::Chat => "chat",
        Channel::Email => "email",
        Channel::Sms => "sms",
        Channel::Social => "social",
        Channel::Messaging => "messaging",
        Channel::Video => "video",
        Channel::Other => "other",
    }
}

fn check_contact(c: &Contact, w: &Value) -> Result<(), String> {
    let opt_s = |g: &Option<String>, k: &str| g.as_deref() == w[k].as_str();
    let opt_f = |g: Option<f64>, k: &str| g == w[k].as_f64();
    let ok = c.id == w["id"].as_str().unwrap()
        && opt_s(&c.platform, "platform")
        && opt_s(&c.customer_id, "customerId")
        && channel_name(c.channel) == w["channel"].as_str().unwrap()
        && opt_s(&c.queue, "queue")
        && opt_s(&c.agent_id, "agentId")
        && [
            "startedAt",
            "offeredAt",
            "answeredAt",
            "abandonedAt",
            "endedAt",
        ]
        .iter()
        .zip([
            &c.started_at,
            &c.offered_at,
            &c.answered_at,
            &c.abandoned_at,
            &c.ended_at,
        ])
        .all(|(k, g)| same_time(g, &w[*k]))
        && opt_f(c.queue_wait_s, "queueWaitS")
        && opt_f(c.talk_s, "talkS")
        && opt_f(c.hold_s, "holdS")
        && opt_f(c.acw_s, "acwS")
        && opt_f(c.handle_s, "handleS")
        && u64::from(c.transfers) == w["transfers"].as_u64().unwrap()
        && c.escalated == w["escalated"].as_bool().unwrap()
        && c.abandoned == w["abandoned"].as_bool()
        && opt_s(&c.disconnect_reason, "disconnectReason")
        && opt_s(&c.reason, "reason")
        && c.resolved == w["resolved"].as_bool()
        && c.partial == w["partial"].as_bool();
    if ok {
        Ok(())
    } else {
        Err(format!("contact {c:?} != {w}"))
    }
}

fn check_survey(s: &SurveyResponse, w: &Value) -> Result<(), String> {
    let answer_ok = match &s.answer {
        Answer::Value(v) => w["value"].as_f64() == Some(*v),
        Answer::Label(l) => w["label"].as_str() == Some(l.as_str()),
    };
    let ok = answer_ok
        && s.id.as_deref() == w["id"].as_str()
        && s.contact_id.as_deref() == w["contactId"].as_str()
        && s.channel.as_deref() == w["channel"].as_str()
        && same_time(&s.responded_at, &w["respondedAt"]);
    if ok {
        Ok(())
    } else {
        Err(format!("survey {s:?} != {w}"))
    }
}

fn check_transcript(t: &Transcript, w: &Value) -> Result<(), String> {
    let turns = w["turns"].as_array().unwrap();
    let ok = t.contact_id.as_deref() == w["contactId"].as_str()
        && t.language.as_deref() == w["language"].as_str()
        && t.turns.len() == turns.len()
        && t.turns.iter().zip(turns).all(|(g, e)| {
            let sp = match g.speaker {
                Speaker::Customer => "customer",
                Speaker::Agent => "agent",
                Speaker::Bot => "bot",
                Speaker::System => "system",
            };
            sp == e["speaker"].as_str().unwrap()
                && g.text == e["text"].as_str().unwrap()
                && g.start_ms == e["startMs"].as_f64()
                && g.end_ms == e["endMs"].as_f64()
                && g.platform_sentiment == e["platformSentiment"].as_f64()
        });
    if ok {
        Ok(())
    } else {
        Err(format!("transcript {t:?} != {w}"))
    }
}

fn check_outcome(o: &Outcome, e: &Value) -> Result<(), String> {
    if o.accepted != (e["status"] == "accepted") || o.event != e["event"].as_str().unwrap() {
        return Err(format!(
            "{} {} != {} {}",
            o.accepted, o.event, e["status"], e["event"]
        ));
    }
    if o.reason.as_deref() != e["reason"].as_str() {
        return Err(format!("reason {:?} != {}", o.reason, e["reason"]));
    }
    let (cs, ss, ts) = (
        e["contacts"].as_array().unwrap(),
        e["surveys"].as_array().unwrap(),
        e["transcripts"].as_array().unwrap(),
    );
    if (o.contacts.len(), o.surveys.len(), o.transcripts.len()) != (cs.len(), ss.len(), ts.len()) {
        return Err("record counts differ".into());
    }
    for (g, w) in o.contacts.iter().zip(cs) {
        check_contact(g, w)?;
    }
    for (g, w) in o.surveys.iter().zip(ss) {
        check_survey(g, w)?;
    }
    for (g, w) in o.transcripts.iter().zip(ts) {
        check_transcript(g, w)?;
    }
    match (&o.response, e.get("response")) {
        (None, None) => Ok(()),
        (Some(r), Some(w))
            if r.body == w["body"].as_str().unwrap()
                && u64::from(r.status) == w["status"].as_u64().unwrap()
                && r.content_type == w["contentType"].as_str().unwrap() =>
        {
            Ok(())
        }
        (r, w) => Err(format!("response {r:?} != {w:?}")),
    }
}

#[test]
#[ignore = "needs the built component: cargo xtask build"]
fn every_webhook_fixture_through_the_component() {
    let all = fixtures();
    assert!(all.len() >= 230, "only {} fixtures", all.len());
    let (mut store, m) = instance();
    let mut failures = Vec::new();
    for (name, case) in &all {
        let p = platform(case["platform"].as_str().unwrap());
        let req = request(case);
        let opts = options(&case["options"]);
        let got = m
            .cxkit_metrics_webhooks()
            .call_handle_webhook(&mut store, p, &req, &opts)
            .unwrap();
        let verified = m
            .cxkit_metrics_webhooks()
            .call_verify_webhook(&mut store, p, &req, &opts)
            .unwrap();
        let expect = &case["expect"];
        if let Some(err) = expect.get("error") {
            match got {
                Ok(_) => failures.push(format!("{name}: expected {}", err["code"])),
                Err(e) => {
                    if e.code != err["code"].as_str().unwrap()
                        || err
                            .get("field")
                            .is_some_and(|f| e.field.as_deref() != f.as_str())
                    {
                        failures.push(format!(
                            "{name}: expected {err}, got {} on {:?}",
                            e.code, e.field
                        ));
                    }
                    match verified {
                        Err(v) if v.code == e.code => {}
                        Ok(_) if e.code == "malformed_payload" => {}
                        other => failures.push(format!("{name}: verify gave {other:?}")),
                    }
                }
            }
            continue;
        }
        match got {
            Err(e) => failures.push(format!("{name}: {} {:?} {}", e.code, e.field, e.message)),
            Ok(o) => {
                if let Err(d) = check_outcome(&o, expect) {
                    failures.push(format!("{name}: {d}"));
                }
                if let Err(e) = verified {
                    failures.push(format!("{name}: verify failed {}", e.code));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
#[ignore = "needs the built component: cargo xtask build"]
fn bad_options_are_typed_errors() {
    let (mut store, m) = instance();
    let req = Request {
        method: "POST".into(),
        url: "https://cx.example.com/v1/webhooks/generic".into(),
        headers: vec![],
        body: b"{}".to_vec(),
    };
    let mut opts = options(&serde_json::json!({"secrets": ["s"]}));
    opts.format = Some("smoke-signals".into());
    let e = m
        .cxkit_metrics_webhooks()
        .call_handle_webhook(&mut store, Platform::Generic, &req, &opts)
        .unwrap()
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("invalid_option", Some("options.format"))
    );
    opts.format = None;
    opts.field_map_json = Some("{\"record\": 3}".into());
    let e = m
        .cxkit_metrics_webhooks()
        .call_handle_webhook(&mut store, Platform::Generic, &req, &opts)
        .unwrap()
        .unwrap_err();
    assert_eq!(e.code, "invalid_option");
    // A configured secret and no signature header: a rejection, never a pass.
    opts.field_map_json = None;
    let e = m
        .cxkit_metrics_webhooks()
        .call_verify_webhook(&mut store, Platform::Generic, &req, &opts)
        .unwrap()
        .unwrap_err();
    assert_eq!(e.code, "missing_signature");
}
