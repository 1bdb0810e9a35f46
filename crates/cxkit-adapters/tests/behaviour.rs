//! Behaviour the fixtures do not pin down on their own: options, rotation, port variants,
//! windows in both directions, format naming, and the HTTP statuses of every error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests: failing loudly is the point

use cxkit_adapters::verify::{b64, hex, hmac_sha1, hmac_sha256, sha256};
use cxkit_adapters::{
    Format, Options, Platform, Request, Scheme, Status, handle_webhook, verify_webhook,
};
use cxkit_core::ErrorCode;

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-11-23T10:05:00Z".parse().unwrap()
}

fn zendesk(body: &str, ts: &str, secret: &str) -> Request {
    Request::post("https://cx.example.com/v1/webhooks/zendesk", body)
        .with_header(
            "x-zendesk-webhook-signature",
            b64(&hmac_sha256(
                secret.as_bytes(),
                &[ts.as_bytes(), body.as_bytes()],
            )),
        )
        .with_header("X-ZENDESK-WEBHOOK-SIGNATURE-TIMESTAMP", ts)
}

const RATING: &str = r#"{"satisfaction_rating":{"id":9,"ticket_id":5,"score":"good","updated_at":"2026-11-23T10:00:00Z"}}"#;

#[test]
fn rotation_reports_which_secret_verified() {
    let options = Options {
        secrets: vec!["old".into(), "new".into()],
        now: Some(now()),
        ..Options::default()
    };
    for (secret, index) in [("old", 0), ("new", 1)] {
        let v = verify_webhook(
            Platform::Zendesk,
            &zendesk(RATING, "2026-11-23T10:04:00Z", secret),
            &options,
        )
        .unwrap();
        assert_eq!(v.secret_index, Some(index));
        assert_eq!(v.scheme, Scheme::ZendeskSignature);
        assert_eq!(v.format, Format::SatisfactionRating);
    }
}

#[test]
fn windows_reject_the_future_too_and_tolerance_is_an_option() {
    let mut options = Options {
        secrets: vec!["s".into()],
        now: Some(now()),
        ..Options::default()
    };
    let future = zendesk(RATING, "2026-11-23T10:15:00Z", "s");
    let e = handle_webhook(Platform::Zendesk, &future, &options).unwrap_err();
    assert_eq!(e.code, ErrorCode::StaleTimestamp);
    assert!(e.message.contains("in the future"), "{}", e.message);
    options.tolerance_seconds = Some(3600);
    assert_eq!(
        handle_webhook(Platform::Zendesk, &future, &options)
            .unwrap()
            .status,
        Status::Accepted
    );
    let garbage = zendesk(RATING, "last tuesday", "s");
    assert_eq!(
        handle_webhook(Platform::Zendesk, &garbage, &options)
            .unwrap_err()
            .code,
        ErrorCode::StaleTimestamp
    );
}

#[test]
fn twilio_accepts_the_url_with_or_without_the_default_port() {
    let body =
        "EventType=task.created&TaskSid=WT1&Timestamp=1795428000&TaskChannelUniqueName=voice";
    let mut params: Vec<(String, String)> = form_pairs(body);
    params.sort();
    let data: String = params.iter().map(|(k, v)| format!("{k}{v}")).collect();
    let options = Options {
        secrets: vec!["tok".into()],
        ..Options::default()
    };
    for (signed, delivered) in [
        ("https://h.example/cb", "https://h.example:443/cb"),
        ("https://h.example:443/cb", "https://h.example/cb"),
        ("http://h.example:80/cb?x=1", "http://h.example/cb?x=1"),
    ] {
        let sig = b64(&hmac_sha1(b"tok", &[signed.as_bytes(), data.as_bytes()]));
        let req = Request::post(delivered, body).with_header("X-Twilio-Signature", sig);
        let out = handle_webhook(Platform::Twilio, &req, &options).unwrap();
        assert_eq!(out.contacts[0].id, "WT1", "{signed} -> {delivered}");
    }
    // A different port is a different URL.
    let sig = b64(&hmac_sha1(
        b"tok",
        &[b"https://h.example:8443/cb", data.as_bytes()],
    ));
    let req = Request::post("https://h.example/cb", body).with_header("X-Twilio-Signature", sig);
    assert_eq!(
        handle_webhook(Platform::Twilio, &req, &options)
            .unwrap_err()
            .code,
        ErrorCode::SignatureMismatch
    );
}

fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn twilio_json_checks_the_body_hash() {
    let body = r#"[{"type":"com.twilio.taskrouter.task.created","data":{"payload":{"eventtype":"task.created","task_sid":"WT9","timestamp":"2026-11-23T10:00:00Z"}}}]"#;
    let url = format!(
        "https://h.example/es?bodySHA256={}",
        hex(&sha256(body.as_bytes()))
    );
    let sig = b64(&hmac_sha1(b"tok", &[url.as_bytes()]));
    let options = Options {
        secrets: vec!["tok".into()],
        ..Options::default()
    };
    let req = Request::post(&url, body).with_header("x-twilio-signature", &sig);
    assert_eq!(
        handle_webhook(Platform::Twilio, &req, &options)
            .unwrap()
            .contacts[0]
            .id,
        "WT9"
    );
    let tampered =
        Request::post(&url, body.replace("WT9", "WT8")).with_header("x-twilio-signature", &sig);
    let e = handle_webhook(Platform::Twilio, &tampered, &options).unwrap_err();
    assert_eq!(e.code, ErrorCode::SignatureMismatch);
    assert!(e.message.contains("bodySHA256"), "{}", e.message);
}

#[test]
fn options_are_checked() {
    let req = Request::post("https://h/", "{}");
    let bad_format = Options {
        format: Some(Format::Taskrouter),
        ..Options::default()
    };
    let e = handle_webhook(Platform::Zendesk, &req, &bad_format).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidOption, Some("options.format"))
    );
    let empty_secret = Options {
        secrets: vec!["a".into(), String::new()],
        ..Options::default()
    };
    let e = handle_webhook(Platform::Generic, &req, &empty_secret).unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::InvalidOption, Some(1)));
    let e = serde_json::from_str::<Options>(r#"{"secret": ["typo"]}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field"), "{e}");
    let o: Options = serde_json::from_str(
        r#"{"secrets":["k"],"apiKeyHeader":"x-key","toleranceSeconds":60,"now":"2026-11-23T10:05:00+01:00",
            "organizationIds":["00DKa000009TqWx"],"csatAttribute":"csat","csatScale":[1,7],"format":"cdc","maxBodyBytes":10}"#,
    )
    .unwrap();
    assert_eq!(o.csat_scale(), cxkit_core::survey::Scale::range(1, 7));
    assert_eq!(o.now.unwrap().to_rfc3339(), "2026-11-23T09:05:00+00:00");
    let e = Platform::parse("avaya").unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidValue, Some("platform"))
    );
    assert_eq!(
        Platform::parse("amazon-connect").unwrap(),
        Platform::AmazonConnect
    );
}

#[test]
fn a_named_format_overrides_detection_and_the_key_header_is_an_option() {
    // A contact record sent to the Connect route with format "ctr" and a custom key header.
    let body = r#"{"ContactId":"c-1","Channel":"EMAIL","InitiationMethod":"INBOUND"}"#;
    let options = Options {
        secrets: vec!["k".into()],
        api_key_header: Some("X-Relay-Token".into()),
        format: Some(Format::Ctr),
        ..Options::default()
    };
    let req = Request::post("https://h/", body).with_header("x-relay-token", "k");
    let out = handle_webhook(Platform::AmazonConnect, &req, &options).unwrap();
    assert_eq!(out.contacts[0].channel, cxkit_core::model::Channel::Email);
    let wrong_header = Request::post("https://h/", body).with_header("x-cxkit-connect-key", "k");
    let e = handle_webhook(Platform::AmazonConnect, &wrong_header, &options).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::MissingSignature, Some("headers.X-Relay-Token"))
    );
}

#[test]
fn connect_events_carrying_attributes_yield_the_csat_answer() {
    let body = r#"{"eventType":"CONTACT_DATA_UPDATED","contactId":"c-9","channel":"VOICE",
        "initiationMethod":"INBOUND","attributes":{"postCallSurvey_csat":"5"}}"#;
    let options = Options {
        secrets: vec!["k".into()],
        ..Options::default()
    };
    let req = Request::post("https://h/", body).with_header("x-cxkit-connect-key", "k");
    let out = handle_webhook(Platform::AmazonConnect, &req, &options).unwrap();
    assert_eq!(out.surveys.len(), 1);
    assert_eq!(out.surveys[0].value, Some(5.0));
    assert_eq!(out.contacts[0].partial, Some(true));
}

#[test]
fn shared_keys_compare_whole_values() {
    let options = Options {
        secrets: vec!["key-2026".into()],
        ..Options::default()
    };
    let body = r#"{"eventType":"INITIATED","contactId":"c-1"}"#;
    for (value, ok) in [
        ("key-2026", true),
        (" key-2026 ", true),
        ("key-202", false),
        ("key-20266", false),
        ("", false),
    ] {
        let req = Request::post("https://h/", body).with_header("x-cxkit-connect-key", value);
        assert_eq!(
            handle_webhook(Platform::AmazonConnect, &req, &options).is_ok(),
            ok,
            "{value:?}"
        );
    }
}

#[test]
fn every_error_code_maps_to_a_4xx_status() {
    for code in ErrorCode::ALL {
        let s = code.http_status();
        if code != ErrorCode::Internal {
            assert!((400..500).contains(&s), "{code}: {s}");
        }
    }
    for code in [
        ErrorCode::MissingSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::StaleTimestamp,
        ErrorCode::UnknownOrg,
    ] {
        assert_eq!(code.http_status(), 401);
    }
}

#[test]
fn salesforce_ids_match_in_15_and_18_characters_and_case_matters() {
    use cxkit_adapters::salesforce::id18;
    assert_eq!(
        id18("00DKa000009TqWx").as_deref(),
        Some("00DKa000009TqWxMAK")
    );
    assert_eq!(id18("00DKa000009TqWxMAK"), id18("00DKa000009TqWx"));
    assert_ne!(id18("00DKa000009tqwx"), id18("00DKa000009TqWx"));
    // Vectors of the public 15-to-18 conversions.
    assert_eq!(
        id18("a0BA0000000L2ZC").as_deref(),
        Some("a0BA0000000L2ZCMA0")
    );
    assert_eq!(
        id18("AAaAAbbBBBCcCCC").as_deref(),
        Some("AAaAAbbBBBCcCCC123")
    );
    assert_eq!(
        id18("00558000001N0Ke").as_deref(),
        Some("00558000001N0KeAAK")
    );
    assert!(id18("00DKa000009TqW").is_none());
    assert!(id18("00DKa000009Tq-x").is_none());
}

#[test]
fn generic_signatures_accept_several_v1_and_reject_malformed_headers() {
    let body = r#"{"contacts":[{"id":"x-1","channel":"sms"}]}"#;
    let t = "1795428000";
    let good = hex(&hmac_sha256(b"s2", &[t.as_bytes(), b".", body.as_bytes()]));
    let options = Options {
        secrets: vec!["s2".into()],
        now: Some(now()),
        ..Options::default()
    };
    let req = |h: String| Request::post("https://h/", body).with_header("cxkit-signature", h);
    let out = handle_webhook(
        Platform::Generic,
        &req(format!("t={t},v1={},v1={good}", "ab".repeat(32))),
        &options,
    )
    .unwrap();
    assert_eq!(out.contacts[0].id, "x-1");
    for bad in [
        format!("v1={good}"),
        format!("t={t}"),
        "garbage".to_string(),
        format!("t=soon,v1={good}"),
    ] {
        let e = handle_webhook(Platform::Generic, &req(bad.clone()), &options).unwrap_err();
        assert!(
            matches!(
                e.code,
                ErrorCode::SignatureMismatch | ErrorCode::StaleTimestamp
            ),
            "{bad}: {e:?}"
        );
    }
}

#[test]
fn gzip_encoded_firehose_bodies_are_refused_with_a_reason() {
    let options = Options {
        secrets: vec!["k".into()],
        ..Options::default()
    };
    let req = Request::post("https://h/", vec![0x1f, 0x8b, 8, 0, 0, 0])
        .with_header("X-Amz-Firehose-Access-Key", "k")
        .with_header("X-Amz-Firehose-Request-Id", "r-1")
        .with_header("Content-Encoding", "gzip");
    let e = handle_webhook(Platform::AmazonConnect, &req, &options).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (
            ErrorCode::UnsupportedEvent,
            Some("headers.content-encoding")
        )
    );
    // The access key is still checked first.
    let bad = Request {
        headers: vec![
            ("X-Amz-Firehose-Access-Key".into(), "x".into()),
            ("Content-Encoding".into(), "gzip".into()),
        ],
        ..req
    };
    assert_eq!(
        handle_webhook(Platform::AmazonConnect, &bad, &options)
            .unwrap_err()
            .code,
        ErrorCode::SignatureMismatch
    );
}
