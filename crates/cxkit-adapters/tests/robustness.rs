//! Property tests: verification and parsing never panic, whatever the bytes, headers or URL,
//! and every failure is a 4xx error. Two kinds of input:
//! - arbitrary bytes and headers (including the platforms' own header names with random
//!   values), which mostly exercise verification;
//! - the fixtures' bodies mutated (cut, bytes flipped, bytes inserted) and then correctly
//!   re-signed, which gets past verification and exercises the parsers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)] // tests: failing loudly is the point

use cxkit_adapters::verify::{b64, hex, hmac_sha1, hmac_sha256, sha256};
use cxkit_adapters::{FieldMap, Options, Platform, Request, handle_webhook, verify_webhook};
use proptest::prelude::*;

const HEADER_NAMES: &[&str] = &[
    "x-amz-firehose-access-key",
    "x-amz-firehose-request-id",
    "x-cxkit-connect-key",
    "x-cxkit-genesys-key",
    "x-cxkit-salesforce-key",
    "x-cxkit-key",
    "x-hub-signature-256",
    "x-twilio-signature",
    "x-zendesk-webhook-signature",
    "x-zendesk-webhook-signature-timestamp",
    "cxkit-signature",
    "content-type",
];

fn options() -> Options {
    Options {
        secrets: vec!["k1".into(), "k2".into()],
        now: Some("2026-11-23T10:05:00Z".parse().unwrap()),
        organization_ids: vec!["00DKa000009TqWx".into()],
        field_map: Some(serde_json::from_str::<FieldMap>(
            r#"{"fields": {"id": "id", "startedAt": "start", "talkS": "talk", "transfers": "n", "resolved": "done"}}"#,
        )
        .unwrap()),
        ..Options::default()
    }
}

fn check_no_panic(platform: Platform, req: &Request, options: &Options) {
    for r in [
        handle_webhook(platform, req, options).map(|_| ()),
        verify_webhook(platform, req, options).map(|_| ()),
    ] {
        if let Err(e) = r {
            let s = e.code.http_status();
            assert!(
                (400..500).contains(&s),
                "{}: {} {}",
                platform.as_str(),
                e.code,
                e.message
            );
            assert!(!e.message.is_empty());
        }
    }
}

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        "(t=[0-9]{1,12},v1=[0-9a-f]{0,70})",
        "(sha256=[A-Za-z0-9+/=]{0,50})",
        "[A-Za-z0-9+/=]{0,60}",
        Just("k2".to_string()),
        Just("2026-11-23T10:04:30Z".to_string()),
        Just("application/json".to_string()),
        Just("application/x-www-form-urlencoded".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_requests_never_panic(
        platform in 0usize..6,
        body in prop::collection::vec(any::<u8>(), 0..600),
        headers in prop::collection::vec((0usize..HEADER_NAMES.len(), header_value()), 0..6),
        url in "(https?://[a-z.]{1,12}(:[0-9]{1,5})?/[a-z/]{0,10}(\\?[a-zA-Z0-9=&%]{0,30})?|.{0,20})",
    ) {
        let mut req = Request::post(url, body);
        for (i, v) in headers {
            req = req.with_header(HEADER_NAMES[i], v);
        }
        check_no_panic(Platform::ALL[platform], &req, &options());
    }

    #[test]
    fn json_shaped_bodies_never_panic(
        platform in 0usize..6,
        body in r#"[\[{]("[A-Za-z-]{1,12}"|[:,{}\[\]0-9]|"[^"]{0,8}"|true|null|-?[0-9.e+]{1,8}){0,60}"#,
    ) {
        let req = Request::post("https://h/", body).with_header("x-cxkit-connect-key", "k1")
            .with_header("x-cxkit-genesys-key", "k1").with_header("x-cxkit-salesforce-key", "k1")
            .with_header("x-cxkit-key", "k1").with_header("x-amz-firehose-access-key", "k1");
        check_no_panic(Platform::ALL[platform], &req, &options());
    }
}

/// Re-signs a fixture request after its body changed, for the schemes whose signature covers
/// the body (shared keys need nothing).
fn resign(req: &mut Request, secret: &str) {
    let body = req.body.clone();
    let has = |r: &Request, h: &str| r.header(h).is_some();
    let set = |r: &mut Request, name: &str, value: String| {
        r.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        r.headers.push((name.to_string(), value));
    };
    if has(req, "x-zendesk-webhook-signature") {
        let ts = req
            .header("x-zendesk-webhook-signature-timestamp")
            .unwrap_or("")
            .to_string();
        set(
            req,
            "X-Zendesk-Webhook-Signature",
            b64(&hmac_sha256(secret.as_bytes(), &[ts.as_bytes(), &body])),
        );
    }
    if has(req, "cxkit-signature") {
        let t = "1795428270";
        set(
            req,
            "cxkit-signature",
            format!(
                "t={t},v1={}",
                hex(&hmac_sha256(
                    secret.as_bytes(),
                    &[t.as_bytes(), b".", &body]
                ))
            ),
        );
    }
    if has(req, "x-hub-signature-256") {
        set(
            req,
            "X-Hub-Signature-256",
            format!("sha256={}", b64(&hmac_sha256(secret.as_bytes(), &[&body]))),
        );
    }
    if has(req, "x-twilio-signature") {
        if let Some(i) = req.url.find("bodySHA256=") {
            req.url = format!("{}bodySHA256={}", &req.url[..i], hex(&sha256(&body)));
            let sig = b64(&hmac_sha1(secret.as_bytes(), &[req.url.as_bytes()]));
            set(req, "X-Twilio-Signature", sig);
        } else {
            let mut params: Vec<(String, String)> = form_urlencoded_pairs(&body);
            params.sort();
            let data: Vec<u8> = params
                .iter()
                .flat_map(|(k, v)| [k.as_bytes(), v.as_bytes()].concat())
                .collect();
            let sig = b64(&hmac_sha1(secret.as_bytes(), &[req.url.as_bytes(), &data]));
            set(req, "X-Twilio-Signature", sig);
        }
    }
}

fn form_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn fixtures() -> Vec<(Platform, Request, Options)> {
    static CACHE: std::sync::OnceLock<Vec<(Platform, Request, Options)>> =
        std::sync::OnceLock::new();
    CACHE.get_or_init(load_fixtures).clone()
}

fn load_fixtures() -> Vec<(Platform, Request, Options)> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/webhooks");
    let mut out = Vec::new();
    for p in Platform::ALL {
        let Ok(entries) = std::fs::read_dir(dir.join(p.as_str())) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .filter(|f| f.to_string_lossy().ends_with(".valid.json"))
            .collect();
        files.sort();
        for f in files {
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            let r = &case["request"];
            let req = Request {
                method: "POST".into(),
                url: r["url"].as_str().unwrap().into(),
                headers: r["headers"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().into()))
                    .collect(),
                body: r["body"].as_str().unwrap().as_bytes().to_vec(),
            };
            let options: Options = serde_json::from_value(case["options"].clone()).unwrap();
            out.push((p, req, options));
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Splice(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop::sample::select(b"{}[]\":,0-9.e\\\\ntrue%&=<>/".to_vec()),
                1..6
            )
        )
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Splice(a, b)),
    ]
}

fn apply(body: &mut Vec<u8>, m: &Mutation) {
    if body.is_empty() {
        return;
    }
    let n = body.len();
    match m {
        Mutation::Cut(i) => body.truncate(i % n),
        Mutation::Flip(i, b) => body[i % n] = *b,
        Mutation::Insert(i, v) => {
            let at = i % n;
            body.splice(at..at, v.iter().copied());
        }
        Mutation::Splice(a, b) => {
            let (a, b) = (a % n, b % n);
            let (lo, hi) = (a.min(b), a.max(b));
            body.drain(lo..hi);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn mutated_and_resigned_fixtures_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        static ALL: std::sync::OnceLock<Vec<(Platform, Request, Options)>> = std::sync::OnceLock::new();
        let all = ALL.get_or_init(fixtures);
        let (platform, mut req, options) = all[which.index(all.len())].clone();
        for m in &mutations {
            apply(&mut req.body, m);
        }
        let secret = options.secrets.last().cloned().unwrap_or_default();
        resign(&mut req, &secret);
        check_no_panic(platform, &req, &options);
    }
}

#[test]
fn resigning_an_unchanged_fixture_keeps_it_valid() {
    // Guards the re-signing helper: without it the parsers would only see rejected requests.
    let mut checked = 0;
    for (platform, mut req, options) in fixtures() {
        let Ok(expected) = handle_webhook(platform, &req, &options) else {
            continue;
        };
        let secret = options.secrets.last().cloned().unwrap_or_default();
        resign(&mut req, &secret);
        let again = handle_webhook(platform, &req, &options).unwrap_or_else(|e| {
            panic!(
                "{}: {} after re-signing: {}",
                platform.as_str(),
                e.code,
                e.message
            )
        });
        assert_eq!(again.status, expected.status);
        checked += 1;
    }
    assert!(checked > 30, "{checked}");
}
