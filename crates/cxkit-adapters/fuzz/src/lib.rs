//! Helpers shared by the fuzz targets: options that let a request past verification, so the
//! parsers behind it are exercised, and the check every target makes (no panic; errors 4xx).

use cxkit_adapters::verify::{b64, hex, hmac_sha1, hmac_sha256, sha256};
use cxkit_adapters::{FieldMap, Options, Platform, Request, handle_webhook, verify_webhook};

/// The secret every target signs with.
pub const SECRET: &str = "fuzz-secret";

/// Options with one secret, a fixed `now`, a Salesforce org and a field map.
pub fn options() -> Options {
    Options {
        secrets: vec![SECRET.to_string()],
        now: "2026-11-23T10:05:00Z".parse().ok(),
        organization_ids: vec!["00DKa000009TqWx".to_string()],
        field_map: serde_json::from_str::<FieldMap>(
            r#"{"fields": {"id": "id", "startedAt": "start", "talkS": "talk", "transfers": "n", "resolved": "done", "channel": "ch"}}"#,
        )
        .ok(),
        ..Options::default()
    }
}

/// Runs both entry points; any error must be a 4xx with a message.
pub fn run(platform: Platform, req: &Request, options: &Options) {
    for r in [
        handle_webhook(platform, req, options).map(|_| ()),
        verify_webhook(platform, req, options).map(|_| ()),
    ] {
        if let Err(e) = r {
            let s = e.code.http_status();
            assert!((400..500).contains(&s), "{} {}", e.code, e.message);
            assert!(!e.message.is_empty());
        }
    }
}

/// A request with every shared-key header set to the secret.
pub fn keyed(url: &str, body: &[u8]) -> Request {
    let mut r = Request::post(url, body.to_vec());
    for h in [
        "x-amz-firehose-access-key",
        "x-cxkit-connect-key",
        "x-cxkit-genesys-key",
        "x-cxkit-salesforce-key",
        "x-cxkit-key",
    ] {
        r = r.with_header(h, SECRET);
    }
    r
}

/// Zendesk signature headers over `body`.
pub fn zendesk(req: Request) -> Request {
    let ts = "2026-11-23T10:04:30Z";
    let sig = b64(&hmac_sha256(SECRET.as_bytes(), &[ts.as_bytes(), &req.body]));
    req.with_header("X-Zendesk-Webhook-Signature", sig)
        .with_header("X-Zendesk-Webhook-Signature-Timestamp", ts)
}

/// `cxkit-signature` over `body`.
pub fn cxkit(req: Request) -> Request {
    let t = "1795428270";
    let sig = hex(&hmac_sha256(
        SECRET.as_bytes(),
        &[t.as_bytes(), b".", &req.body],
    ));
    req.with_header("cxkit-signature", format!("t={t},v1={sig}"))
}

/// `X-Hub-Signature-256` over `body`.
pub fn hub(req: Request) -> Request {
    let sig = b64(&hmac_sha256(SECRET.as_bytes(), &[&req.body]));
    req.with_header("X-Hub-Signature-256", format!("sha256={sig}"))
}

/// `X-Twilio-Signature` for a JSON body (URL with `bodySHA256`) or a form body.
pub fn twilio(mut req: Request, json: bool) -> Request {
    if json {
        req.url = format!(
            "https://h.example/tw?bodySHA256={}",
            hex(&sha256(&req.body))
        );
        let sig = b64(&hmac_sha1(SECRET.as_bytes(), &[req.url.as_bytes()]));
        return req.with_header("X-Twilio-Signature", sig);
    }
    let mut params: Vec<(String, String)> = cxkit_adapters_form_pairs(&req.body);
    params.sort();
    let data: Vec<u8> = params
        .iter()
        .flat_map(|(k, v)| [k.as_bytes(), v.as_bytes()].concat())
        .collect();
    let sig = b64(&hmac_sha1(SECRET.as_bytes(), &[req.url.as_bytes(), &data]));
    req.with_header("X-Twilio-Signature", sig)
}

fn cxkit_adapters_form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
