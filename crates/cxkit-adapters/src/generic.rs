//! cxkit's own signed format, and field-mapped payloads for platforms without signatures
//! (ServiceNow outbound REST messages, NICE CXone Studio REST actions, Five9 web connectors,
//! in-house systems).
//!
//! # `signed`: cxkit records with an HMAC signature
//!
//! The body is JSON in the cxkit record vocabulary (`DESIGN.md`), any of the three lists
//! optional:
//!
//! ```json
//! {"contacts": [{"id": "INC0010001", "platform": "servicenow", "channel": "voice",
//!                "startedAt": "2026-11-23T10:00:00Z", "queue": "Service Desk"}],
//!  "surveys": [{"id": "s-1", "kind": "csat", "scale": [1, 5], "value": 4,
//!               "respondedAt": "2026-11-23T10:20:00Z", "contactId": "INC0010001"}],
//!  "transcripts": [{"contactId": "INC0010001", "language": "en",
//!                   "turns": [{"speaker": "customer", "text": "My laptop will not start"}]}]}
//! ```
//!
//! and the request carries
//!
//! ```text
//! cxkit-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
//! ```
//!
//! `t` must lie within `toleranceSeconds` (default 300) of `now`. Several `v1=` entries may be
//! sent (a sender rotating its own secret); any one matching a configured secret passes. The
//! digest may also be written in base64, for senders whose HMAC helper only produces base64
//! (ServiceNow's `GlideCertificateEncryption.generateMac`). As everywhere in the cxkit
//! vocabulary, timestamps are RFC 3339 strings.
//!
//! Detection: a request with `cxkit-signature`, or any request when no `fieldMap` is configured,
//! is `signed`; otherwise `mapped`.
//!
//! ## Sending it from ServiceNow (a business rule with `RESTMessageV2`)
//!
//! An *after insert/update* business rule on `incident` (or `interaction`), with the signing
//! secret in a system property rather than in the script:
//!
//! ```js
//! (function executeRule(current, previous) {
//!   var channels = { phone: 'voice', email: 'email', chat: 'chat' };
//!   function utc(field) {  // GlideDateTime values are UTC without a zone: "2026-11-23 10:00:00"
//!     var v = current.getValue(field);
//!     return v ? v.replace(' ', 'T') + 'Z' : undefined;
//!   }
//!   var body = JSON.stringify({ contacts: [{
//!     id: current.getValue('number'),
//!     platform: 'servicenow',
//!     channel: channels[current.getValue('contact_type')] || 'other',
//!     queue: current.assignment_group.getDisplayValue(),
//!     agentId: current.getValue('assigned_to'),
//!     customerId: current.getValue('caller_id'),
//!     startedAt: utc('opened_at'),
//!     endedAt: utc('resolved_at'),
//!     resolved: current.getValue('state') == '6'
//!   }]});
//!   var t = String(Math.floor(new GlideDateTime().getNumericValue() / 1000));
//!   var secret = gs.getProperty('x_cxkit.signing_secret');
//!   var mac = new GlideCertificateEncryption().generateMac(
//!       GlideStringUtil.base64Encode(secret), 'HmacSHA256', t + '.' + body);  // base64
//!   var r = new sn_ws.RESTMessageV2();
//!   r.setEndpoint('https://cx.example.com/v1/webhooks/generic');
//!   r.setHttpMethod('post');
//!   r.setRequestHeader('Content-Type', 'application/json; charset=utf-8');
//!   r.setRequestHeader('cxkit-signature', 't=' + t + ',v1=' + mac);
//!   r.setRequestBody(body);
//!   r.executeAsync();
//! })(current, previous);
//! ```
//!
//! `generateMac` takes a base64 key (hence `base64Encode`) and returns the digest in base64,
//! which `v1` accepts. The body must be sent as the exact UTF-8 text that was signed (names with
//! accents included), hence the explicit charset.
//! Sources: `RESTMessageV2` <https://www.servicenow.com/docs/r/api-reference/server-api-reference/c_RESTMessageV2API.html>,
//! `GlideCertificateEncryption.generateMac`
//! <https://www.servicenow.com/docs/r/api-reference/server-api-reference/c_GlideCertificateEncryptionAPI.html>.
//!
//! # `mapped`: any JSON or form payload, a shared key and a field map
//!
//! For senders that cannot compute an HMAC, the request carries a shared key in a header
//! (`apiKeyHeader`, default `x-cxkit-key`) and `options.fieldMap` says where each cxkit field
//! is in the payload:
//!
//! ```json
//! {"record": "contact",
//!  "fields": {"id": "contactId", "queue": "skill.name", "agentId": "agentId",
//!             "startedAt": "start", "channel": "mediaType", "talkS": "talkSeconds"},
//!  "constants": {"platform": "nice-cxone"},
//!  "values": {"channel": {"PhoneCall": "voice", "Chat": "chat", "EMail": "email"}}}
//! ```
//!
//! - `record`: `contact` (default) or `survey`.
//! - `fields`: cxkit field (camelCase, as in `DESIGN.md`) → where it is in the payload: a form
//!   field name, or a dot path into JSON (`skill.name`, `items.0.id`).
//! - `constants`: cxkit field → fixed value (`{"kind": "nps"}` for a survey feed).
//! - `values`: cxkit field → payload value → cxkit value (channel names, directions,
//!   survey kinds).
//! - `records`: optional dot path to an array of records in a JSON body; a JSON array body is
//!   a list of records; otherwise the body is one record.
//!
//! Values are converted as each field needs: timestamps in any form [`crate::de::parse_time`]
//! reads (ServiceNow's zone-less `2026-11-23 10:00:00` is UTC), numbers and booleans from text,
//! channels through `values` and then the common names (`phone` → voice, `web` … → other).
//! A contact without a mapped channel is `other`.
//!
//! ## Sending it from NICE CXone Studio (REST API action)
//!
//! Studio scripts call web services with the **REST API** action (preferred over a `SNIPPET`
//! with `GetRESTProxy()`): verb `POST`, the edge URL, a JSON body built from the script's
//! variables, and headers holding `Content-Type: application/json` and the shared key (kept in
//! a secured variable, not in the script). For example, at the end of a contact the body
//! `{"contactId": "{ContactID}", "skill": {"name": "{SkillName}"}, "agentId": "{AgentID}",
//! "start": "{StartDate}", "mediaType": "PhoneCall", "talkSeconds": "{TalkTime}"}` (the
//! variables your script holds) with the field map above yields one contact per call. Studio
//! has no HMAC function, so this is the `mapped` format with a shared key over HTTPS.
//! Sources: REST API action
//! <https://help.nice-incontact.com/content/studio/actions/rest_api/rest_api.htm>, API calls
//! from a SNIPPET <https://help.nice-incontact.com/content/studio/advanced/apis/apicallsfromsnippetaction.htm>.

use std::collections::BTreeMap;

use cxkit_core::survey::SurveyResponse;
use cxkit_core::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{Format, Options, Outcome, Request, Scheme, Sniff, no_secrets, shared_key_scheme};
use crate::{de, fail, verify};
use cxkit_core::model::{Contact, Transcript};

/// The signature header of the `signed` format.
pub const SIGNATURE_HEADER: &str = "cxkit-signature";
/// Default shared-key header of the `mapped` format.
pub const DEFAULT_KEY_HEADER: &str = "x-cxkit-key";

/// The body of the `signed` format.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedBody {
    /// Contact records.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Survey answers.
    #[serde(default)]
    pub surveys: Vec<SurveyResponse>,
    /// Transcripts.
    #[serde(default)]
    pub transcripts: Vec<Transcript>,
}

/// Which record a mapped payload describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// A contact (default).
    #[default]
    Contact,
    /// A survey answer.
    Survey,
}

/// The field map of the `mapped` format (see the module documentation).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldMap {
    /// `contact` (default) or `survey`.
    #[serde(default)]
    pub record: RecordKind,
    /// cxkit field → form field name or JSON dot path.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// cxkit field → constant value.
    #[serde(default)]
    pub constants: BTreeMap<String, Value>,
    /// cxkit field → payload value → cxkit value.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Dot path to an array of records in a JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<String>,
}

const CONTACT_FIELDS: &[&str] = &[
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
];
const SURVEY_FIELDS: &[&str] = &[
    "id",
    "kind",
    "scale",
    "value",
    "label",
    "respondedAt",
    "contactId",
    "customerId",
    "agentId",
    "queue",
    "channel",
];
const TIME_FIELDS: &[&str] = &[
    "startedAt",
    "offeredAt",
    "answeredAt",
    "abandonedAt",
    "endedAt",
    "respondedAt",
];
const NUMBER_FIELDS: &[&str] = &[
    "queueWaitS",
    "talkS",
    "holdS",
    "acwS",
    "handleS",
    "transfers",
    "conferences",
    "value",
];
const FLAG_FIELDS: &[&str] = &["escalated", "abandoned", "resolved", "partial"];
const TEXT_FIELDS: &[&str] = &[
    "id",
    "platform",
    "customerId",
    "queue",
    "agentId",
    "disconnectReason",
    "reason",
    "contactId",
    "label",
];

impl FieldMap {
    fn check(&self) -> Result<(), Error> {
        let allowed = match self.record {
            RecordKind::Contact => CONTACT_FIELDS,
            RecordKind::Survey => SURVEY_FIELDS,
        };
        let kind = match self.record {
            RecordKind::Contact => "contact",
            RecordKind::Survey => "survey",
        };
        for (section, names) in [
            ("fields", self.fields.keys().collect::<Vec<_>>()),
            ("constants", self.constants.keys().collect()),
            ("values", self.values.keys().collect()),
        ] {
            if let Some(bad) = names.iter().find(|n| !allowed.contains(&n.as_str())) {
                return Err(fail::option(
                    &format!("fieldMap.{section}.{bad}"),
                    format!(
                        "fieldMap.{section}: \"{bad}\" is not a {kind} field; use one of {}",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        if !self.fields.contains_key("id") && !self.constants.contains_key("id") {
            return Err(fail::option(
                "fieldMap.fields.id",
                "fieldMap.fields must map \"id\"",
            ));
        }
        Ok(())
    }
}

/// `signed` when the request carries `cxkit-signature` or no field map is configured (so that a
/// missing signature is reported as such), `mapped` otherwise.
pub(crate) fn detect(req: &Request, options: &Options) -> Format {
    if req.header(SIGNATURE_HEADER).is_some() || options.field_map.is_none() {
        Format::Signed
    } else {
        Format::Mapped
    }
}

/// Verifies `cxkit-signature: t=<unix>,v1=<hex or base64>[,v1=…]`; returns the index of the
/// secret that matched.
pub fn signature(req: &Request, options: &Options) -> Result<usize, Error> {
    if options.secrets.is_empty() {
        return Err(no_secrets(Format::Signed, "a cxkit-signature webhook"));
    }
    let header = req
        .header(SIGNATURE_HEADER)
        .ok_or_else(|| fail::missing_signature(SIGNATURE_HEADER, "a signed cxkit webhook"))?;
    let mut t = None;
    let mut tags = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => t = Some(v.trim().to_string()),
            Some(("v1", v)) => {
                let v = v.trim();
                if let Some(tag) = verify::unhex(v)
                    .filter(|b| b.len() == 32)
                    .or_else(|| verify::unb64(v))
                {
                    tags.push(tag);
                }
            }
            _ => {}
        }
    }
    let bad_header = |what: &str| {
        fail::mismatch(
            SIGNATURE_HEADER,
            format!("{SIGNATURE_HEADER} must be t=<unix seconds>,v1=<hex HMAC-SHA256>: {what}"),
        )
    };
    let t = t.ok_or_else(|| bad_header("t is missing"))?;
    if tags.is_empty() {
        return Err(bad_header("no readable v1 digest"));
    }
    let index = verify::any_secret(&options.secrets, |s| {
        tags.iter()
            .any(|tag| verify::verify_sha256(s, &[t.as_bytes(), b".", &req.body], tag))
    })
    .ok_or_else(|| {
        fail::mismatch(
            SIGNATURE_HEADER,
            "cxkit-signature matches none of the configured secrets (tampered body or timestamp, or wrong secret)",
        )
    })?;
    let now = options.require_now("the cxkit-signature timestamp")?;
    let field = "headers.cxkit-signature.t";
    let at = t
        .parse::<i64>()
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::StaleTimestamp,
                format!(
                    "{field} \"{}\" is not Unix seconds, so the request's age cannot be checked",
                    cxkit_core::text::excerpt(&t)
                ),
            )
            .with_field(field)
        })?;
    verify::check_window(at, now, options.tolerance(), field)?;
    Ok(index)
}

pub(crate) fn verify(
    req: &Request,
    format: Format,
    options: &Options,
) -> Result<(Scheme, Option<usize>), Error> {
    if format == Format::Signed {
        return signature(req, options).map(|i| (Scheme::CxkitSignature, Some(i)));
    }
    let map = options.field_map.as_ref().ok_or_else(|| {
        fail::option(
            "fieldMap",
            "the mapped format needs options.fieldMap (or sign the body with cxkit-signature)",
        )
    })?;
    map.check()?;
    let header = options
        .api_key_header
        .as_deref()
        .unwrap_or(DEFAULT_KEY_HEADER);
    shared_key_scheme(req, format, options, header, "a mapped generic webhook")
}

pub(crate) fn handle(
    req: &Request,
    format: Format,
    sniff: Sniff,
    options: &Options,
) -> Result<Outcome, Error> {
    if format == Format::Signed {
        let value = sniff.into_json(&req.body)?;
        let body: SignedBody = de::from_value(value, "")?;
        for (i, c) in body.contacts.iter().enumerate() {
            if c.id.trim().is_empty() {
                return Err(fail::malformed(
                    format!("contacts[{i}].id"),
                    format!("contacts[{i}].id must not be empty"),
                ));
            }
        }
        let out = Outcome::new("signed", body.contacts, body.surveys, body.transcripts);
        return Ok(
            if out.contacts.is_empty() && out.surveys.is_empty() && out.transcripts.is_empty() {
                out.with_reason(Some("the body holds no records".to_string()))
            } else {
                out
            },
        );
    }
    let map = options
        .field_map
        .as_ref()
        .ok_or_else(|| fail::option("fieldMap", "the mapped format needs options.fieldMap"))?;
    map.check()?;
    let records: Vec<(Value, String)> =
        if sniff.json.is_some() || matches!(sniff.first, Some(b'{') | Some(b'[')) {
            let value = sniff.into_json(&req.body)?;
            let value = match &map.records {
                Some(path) => lookup(&value, path).cloned().ok_or_else(|| {
                    fail::malformed(
                        path.clone(),
                        format!("{path} (fieldMap.records) is not in the body"),
                    )
                })?,
                None => value,
            };
            match value {
                Value::Array(items) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (v, format!("records[{i}]")))
                    .collect(),
                v => vec![(v, String::new())],
            }
        } else {
            let form: serde_json::Map<String, Value> = form_urlencoded::parse(&req.body)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect();
            vec![(Value::Object(form), String::new())]
        };
    let mut contacts = Vec::new();
    let mut surveys = Vec::new();
    for (record, prefix) in &records {
        let built = build(map, record, prefix)?;
        match map.record {
            RecordKind::Contact => {
                let c: Contact = de::from_value(built, prefix)?;
                if c.id.trim().is_empty() {
                    return Err(fail::malformed(
                        de::field_name(prefix, "id"),
                        "the mapped id is empty",
                    ));
                }
                contacts.push(c);
            }
            RecordKind::Survey => surveys.push(de::from_value::<SurveyResponse>(built, prefix)?),
        }
    }
    Ok(Outcome::new("mapped", contacts, surveys, Vec::new()))
}

/// A value at a form key or JSON dot path (`a.b.0.c`).
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(direct) = v.get(path) {
        return Some(direct);
    }
    path.split('.').try_fold(v, |cur, seg| match cur {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

/// Builds the cxkit record object of one payload record, converting values to the types each
/// cxkit field needs.
fn build(map: &FieldMap, record: &Value, prefix: &str) -> Result<Value, Error> {
    let mut out = serde_json::Map::new();
    for (k, v) in &map.constants {
        out.insert(k.clone(), v.clone());
    }
    for (target, source) in &map.fields {
        let Some(v) = lookup(record, source) else {
            continue;
        };
        if v.is_null() || v.as_str().is_some_and(|s| s.trim().is_empty()) {
            continue;
        }
        let field = de::field_name(prefix, source);
        let v = match (map.values.get(target), crate::api::attribute_text(v)) {
            (Some(table), Some(text)) => table
                .get(&text)
                .map(|s| Value::String(s.clone()))
                .unwrap_or(v.clone()),
            _ => v.clone(),
        };
        out.insert(target.clone(), convert(target, v, &field)?);
    }
    if map.record == RecordKind::Contact {
        let channel = match out.get("channel").and_then(|c| c.as_str()) {
            Some(c) => crate::mapping::common_channel(c),
            None => cxkit_core::model::Channel::Other,
        };
        out.insert(
            "channel".to_string(),
            Value::String(channel.as_str().to_string()),
        );
    }
    Ok(Value::Object(out))
}

fn convert(target: &str, v: Value, field: &str) -> Result<Value, Error> {
    let text = crate::api::attribute_text(&v);
    let bad = |what: &str| {
        fail::malformed(
            field.to_string(),
            format!("{field} (mapped to {target}): {what}"),
        )
    };
    if TIME_FIELDS.contains(&target) {
        let t = match &v {
            Value::Number(n) => n.as_f64().and_then(de::from_epoch),
            _ => text.as_deref().and_then(de::parse_time),
        };
        return t
            .map(|t| Value::String(t.to_rfc3339()))
            .ok_or_else(|| bad("not a timestamp"));
    }
    if NUMBER_FIELDS.contains(&target) {
        let n = match &v {
            Value::Number(n) => n.as_f64(),
            _ => text.as_deref().and_then(|t| t.trim().parse::<f64>().ok()),
        }
        .filter(|n| n.is_finite())
        .ok_or_else(|| bad("not a number"))?;
        if target == "transfers" || target == "conferences" {
            if n < 0.0 || n.fract() != 0.0 || n > f64::from(u32::MAX) {
                return Err(bad("not a whole number ≥ 0"));
            }
            return Ok(Value::from(n as u32));
        }
        return Ok(serde_json::Number::from_f64(n)
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if FLAG_FIELDS.contains(&target) {
        return match &v {
            Value::Bool(_) => Ok(v),
            _ => text
                .as_deref()
                .and_then(de::parse_flag)
                .map(|f| f.map(Value::Bool).unwrap_or(Value::Null))
                .ok_or_else(|| bad("not a boolean")),
        };
    }
    if TEXT_FIELDS.contains(&target) {
        return text.map(Value::String).ok_or_else(|| bad("not text"));
    }
    if matches!(target, "direction" | "kind") {
        return text
            .map(|t| Value::String(t.trim().to_ascii_lowercase()))
            .ok_or_else(|| bad("not text"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_paths() {
        let v = serde_json::json!({"a": {"b": [{"c": 1}]}, "x.y": 2});
        assert_eq!(lookup(&v, "a.b.0.c"), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&v, "x.y"), Some(&serde_json::json!(2)));
        assert_eq!(lookup(&v, "a.z"), None);
        assert_eq!(lookup(&v, "a.b.9"), None);
    }
}
