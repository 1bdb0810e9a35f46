//! The crate's entry points, [`handle_webhook`] and [`verify_webhook`], and their types.
//!
//! Both take the platform, the HTTP request as received (method, full URL, headers, raw body
//! bytes) and [`Options`]. The steps, in this order, are the same for every platform:
//!
//! 1. the body is at most `maxBodyBytes` (`payload_too_large`);
//! 2. the payload format is taken from `options.format` or detected from headers and the
//!    body's shape (`unsupported_event` when nothing fits);
//! 3. the sender is verified with the platform's scheme (`missing_signature`,
//!    `signature_mismatch`, `stale_timestamp`, `unknown_org`), **before** the body is trusted;
//! 4. the body is parsed into the platform's typed structs (`malformed_payload` naming the
//!    field) and mapped to cxkit records.
//!
//! Unknown event types of a known format are not errors: the outcome is `ignored` with a
//! reason, so that the edge can acknowledge them and the platform stops retrying.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cxkit_core::survey::{Scale, SurveyResponse};
use cxkit_core::{Error, ErrorCode};
use serde::{Deserialize, Serialize};

use crate::generic::FieldMap;
use crate::{amazon_connect, fail, generic, genesys, salesforce, twilio, zendesk};
use cxkit_core::model::{Contact, Transcript};

/// Default replay window of signed timestamps: 300 s (Zendesk's and the generic format's).
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;
/// Default body size limit: 8 MiB (a 5 MiB Firehose buffer, Firehose's default, is 6.7 MiB once
/// base64-encoded).
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Default contact attribute holding an Amazon Connect post-call CSAT answer.
pub const DEFAULT_CSAT_ATTRIBUTE: &str = "postCallSurvey_csat";

/// The platforms with an adapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    /// Amazon Connect ([`amazon_connect`]).
    AmazonConnect,
    /// Genesys Cloud ([`genesys`]).
    Genesys,
    /// Twilio Flex / TaskRouter ([`twilio`]).
    Twilio,
    /// Zendesk ([`zendesk`]).
    Zendesk,
    /// Salesforce Service Cloud ([`salesforce`]).
    Salesforce,
    /// cxkit's own signed format and field-mapped payloads ([`generic`]).
    Generic,
}

impl Platform {
    /// Every platform.
    pub const ALL: [Platform; 6] = [
        Platform::AmazonConnect,
        Platform::Genesys,
        Platform::Twilio,
        Platform::Zendesk,
        Platform::Salesforce,
        Platform::Generic,
    ];

    /// The wire name (`amazon-connect`, `genesys`, `twilio`, `zendesk`, `salesforce`, `generic`),
    /// also written into [`Contact::platform`].
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::AmazonConnect => "amazon-connect",
            Platform::Genesys => "genesys",
            Platform::Twilio => "twilio",
            Platform::Zendesk => "zendesk",
            Platform::Salesforce => "salesforce",
            Platform::Generic => "generic",
        }
    }

    /// Parses a wire name; the error is `invalid_value` on `platform`, listing the names.
    pub fn parse(name: &str) -> Result<Platform, Error> {
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidValue,
                    format!(
                        "platform must be one of {}; got \"{}\"",
                        Platform::ALL.map(Platform::as_str).join(", "),
                        cxkit_core::text::excerpt(name)
                    ),
                )
                .with_field("platform")
            })
    }

    /// The formats this platform's adapter reads.
    pub fn formats(self) -> &'static [Format] {
        match self {
            Platform::AmazonConnect => &[
                Format::Firehose,
                Format::Eventbridge,
                Format::ContactLens,
                Format::Ctr,
            ],
            Platform::Genesys => &[
                Format::Eventbridge,
                Format::ConversationDetail,
                Format::OpenMessaging,
            ],
            Platform::Twilio => &[Format::Taskrouter, Format::EventStreams],
            Platform::Zendesk => &[
                Format::Event,
                Format::Ticket,
                Format::SatisfactionRating,
                Format::SurveyResponse,
            ],
            Platform::Salesforce => &[
                Format::OutboundMessage,
                Format::Cdc,
                Format::SurveyResponses,
            ],
            Platform::Generic => &[Format::Signed, Format::Mapped],
        }
    }
}

/// A payload format, named by the `format` option (kebab-case on the wire) when detection from
/// the shape is not wanted. Which platform reads which format is [`Platform::formats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Amazon Connect: contact records delivered by Amazon Data Firehose HTTP endpoint delivery.
    Firehose,
    /// Amazon Connect contact events or Genesys Cloud detail events, as EventBridge delivers
    /// them through an API destination.
    Eventbridge,
    /// Amazon Connect: a Contact Lens post-call/post-chat analysis output file (fetched by the
    /// caller).
    ContactLens,
    /// Amazon Connect: one contact record as JSON, forwarded by the caller's own consumer.
    Ctr,
    /// Genesys Cloud: analytics conversation detail JSON (fetched by the caller).
    ConversationDetail,
    /// Genesys Cloud: an Open Messaging outbound webhook.
    OpenMessaging,
    /// Twilio: a TaskRouter event callback (form-encoded).
    Taskrouter,
    /// Twilio: an Event Streams webhook sink batch (CloudEvents JSON).
    EventStreams,
    /// Zendesk: a webhook subscribed to Zendesk events (`zen:event-type:…`).
    Event,
    /// Zendesk: a trigger/automation webhook whose body holds a `ticket` object.
    Ticket,
    /// Zendesk: a legacy satisfaction rating object.
    SatisfactionRating,
    /// Zendesk: a CSAT survey response object.
    SurveyResponse,
    /// Salesforce: an Outbound Message (SOAP).
    OutboundMessage,
    /// Salesforce: Change Data Capture `CaseChangeEvent` messages forwarded by a relay.
    Cdc,
    /// Salesforce: Feedback Management `SurveyQuestionResponse` query results (fetched by the
    /// caller).
    SurveyResponses,
    /// Generic: cxkit records signed with `cxkit-signature`.
    Signed,
    /// Generic: any JSON or form payload mapped with `fieldMap`, authenticated by a shared key.
    Mapped,
}

impl Format {
    /// The kebab-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Firehose => "firehose",
            Format::Eventbridge => "eventbridge",
            Format::ContactLens => "contact-lens",
            Format::Ctr => "ctr",
            Format::ConversationDetail => "conversation-detail",
            Format::OpenMessaging => "open-messaging",
            Format::Taskrouter => "taskrouter",
            Format::EventStreams => "event-streams",
            Format::Event => "event",
            Format::Ticket => "ticket",
            Format::SatisfactionRating => "satisfaction-rating",
            Format::SurveyResponse => "survey-response",
            Format::OutboundMessage => "outbound-message",
            Format::Cdc => "cdc",
            Format::SurveyResponses => "survey-responses",
            Format::Signed => "signed",
            Format::Mapped => "mapped",
        }
    }

    /// `true` for documents the caller fetched itself (they carry no signature of the
    /// platform): accepted without a secret when none is configured; with secrets configured
    /// they must carry the shared-key header like any relay.
    pub const fn is_fetched(self) -> bool {
        matches!(
            self,
            Format::ContactLens
                | Format::Ctr
                | Format::ConversationDetail
                | Format::SurveyResponses
        )
    }
}

/// An HTTP request as the edge received it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// HTTP method (`POST`).
    pub method: String,
    /// The full URL the platform called, scheme, host, path and query included (Twilio signs
    /// it).
    pub url: String,
    /// Header names and values; names are compared case-insensitively. When a header repeats,
    /// the first value is used.
    pub headers: Vec<(String, String)>,
    /// The raw body, exactly as received (signatures are computed over these bytes).
    pub body: Vec<u8>,
}

impl Request {
    /// A `POST` to `url` with `body` and no headers.
    pub fn post(url: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Request {
            method: "POST".to_string(),
            url: url.into(),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type` in lower case, without parameters.
    pub fn content_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// Options of [`handle_webhook`] and [`verify_webhook`]; every field has a documented default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Secrets: HMAC keys (Genesys Open Messaging, Twilio auth tokens, Zendesk signing secrets,
    /// generic signatures) or shared keys (Firehose access keys, API-destination and relay
    /// keys). Several may be configured at once for rotation; any one verifying is enough.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// Header carrying the shared key of EventBridge API destinations, relays and fetched
    /// documents. Default per platform: `x-cxkit-connect-key`, `x-cxkit-genesys-key`,
    /// `x-cxkit-salesforce-key`, `x-cxkit-key` (generic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_header: Option<String>,
    /// Replay window for signed timestamps, in seconds, before and after `now`. Default 300.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_seconds: Option<u64>,
    /// The current time, for replay checks (this crate has no clock). Required when a signed
    /// timestamp must be checked (Zendesk, generic `signed`); bindings pass the host's clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<DateTime<Utc>>,
    /// Salesforce organization ids whose Outbound Messages are accepted, in 15- or
    /// 18-character form.
    #[serde(default)]
    pub organization_ids: Vec<String>,
    /// Amazon Connect contact attribute holding the post-call CSAT answer. Default
    /// `postCallSurvey_csat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_attribute: Option<String>,
    /// Scale of numeric CSAT answers (Connect attribute, Zendesk survey responses, Salesforce
    /// CSAT/Rating questions). Default `[1, 5]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_scale: Option<Scale>,
    /// The payload format, instead of detection from the shape (see [`Platform::formats`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Field map of the generic `mapped` format ([`FieldMap`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_map: Option<FieldMap>,
    /// Largest accepted body in bytes. Default 8 MiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_body_bytes: Option<usize>,
}

impl Options {
    /// The replay window in seconds.
    pub fn tolerance(&self) -> u64 {
        self.tolerance_seconds.unwrap_or(DEFAULT_TOLERANCE_SECONDS)
    }

    /// The CSAT scale.
    pub fn csat_scale(&self) -> Scale {
        self.csat_scale.unwrap_or(Scale::range(1, 5))
    }

    /// The Connect CSAT attribute name.
    pub fn csat_attribute(&self) -> &str {
        self.csat_attribute
            .as_deref()
            .unwrap_or(DEFAULT_CSAT_ATTRIBUTE)
    }

    /// `now`, or `invalid_option` naming why it is needed.
    pub(crate) fn require_now(&self, why: &str) -> Result<DateTime<Utc>, Error> {
        self.now.ok_or_else(|| {
            fail::option(
                "now",
                format!("options.now (the current time, RFC 3339) is required to check {why}"),
            )
        })
    }

    fn check(&self, platform: Platform) -> Result<(), Error> {
        if let Some(f) = self.format
            && !platform.formats().contains(&f)
        {
            return Err(fail::option(
                "format",
                format!(
                    "format \"{}\" is not read by the {} adapter; use one of {}",
                    f.as_str(),
                    platform.as_str(),
                    platform
                        .formats()
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if let Some(h) = &self.api_key_header
            && (h.trim().is_empty() || !h.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(fail::option(
                "apiKeyHeader",
                "apiKeyHeader must be a non-empty header name",
            ));
        }
        if let Some((i, _)) = self.secrets.iter().enumerate().find(|(_, s)| s.is_empty()) {
            return Err(fail::option("secrets", format!("secrets[{i}] is empty")).with_index(i));
        }
        if let Some(a) = &self.csat_attribute
            && a.is_empty()
        {
            return Err(fail::option(
                "csatAttribute",
                "csatAttribute must not be empty",
            ));
        }
        Ok(())
    }
}

/// Whether the webhook produced records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Verified and mapped to at least one record.
    Accepted,
    /// Verified, but nothing in it maps to a record (an event type cxkit does not read); see
    /// [`Outcome::reason`]. Acknowledge it so that the platform does not retry.
    Ignored,
}

/// The body the platform expects in the HTTP response, when it expects a specific one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type` of the body.
    pub content_type: String,
    /// The body.
    pub body: String,
}

/// What a webhook turned into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// `accepted` or `ignored`.
    pub status: Status,
    /// The platform's name of the event, prefixed by the format (`eventbridge:DISCONNECTED`,
    /// `taskrouter:task.completed`, `outbound-message:Case`).
    pub event: String,
    /// Why nothing (or not everything) was mapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Contact records (complete or `partial`).
    pub contacts: Vec<Contact>,
    /// Survey answers.
    pub surveys: Vec<SurveyResponse>,
    /// Transcripts.
    pub transcripts: Vec<Transcript>,
    /// The response body the platform expects (Salesforce's SOAP `Ack`, Firehose's
    /// `{requestId, timestamp}`); `None` means any 2xx will do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Reply>,
}

impl Outcome {
    /// An outcome for `event`, `accepted` when any record was produced and `ignored`
    /// otherwise.
    pub(crate) fn new(
        event: impl Into<String>,
        contacts: Vec<Contact>,
        surveys: Vec<SurveyResponse>,
        transcripts: Vec<Transcript>,
    ) -> Self {
        let any = !(contacts.is_empty() && surveys.is_empty() && transcripts.is_empty());
        Outcome {
            status: if any {
                Status::Accepted
            } else {
                Status::Ignored
            },
            event: event.into(),
            reason: None,
            contacts,
            surveys,
            transcripts,
            response: None,
        }
    }

    /// An `ignored` outcome with a reason.
    pub(crate) fn ignored(event: impl Into<String>, reason: impl Into<String>) -> Self {
        let mut o = Outcome::new(event, Vec::new(), Vec::new(), Vec::new());
        o.reason = Some(reason.into());
        o
    }

    pub(crate) fn with_reason(mut self, reason: Option<String>) -> Self {
        if reason.is_some() {
            self.reason = reason;
        }
        self
    }
}

/// How a request was authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// A header compared with the configured secrets.
    SharedKey,
    /// `X-Hub-Signature-256: sha256=<base64 HMAC-SHA256 of the body>` (Genesys Open Messaging).
    HubSignature,
    /// `X-Twilio-Signature` (HMAC-SHA1 of the URL and sorted parameters, or of the URL with
    /// `bodySHA256`).
    TwilioSignature,
    /// `X-Zendesk-Webhook-Signature` over timestamp + body.
    ZendeskSignature,
    /// `cxkit-signature: t=…,v1=…` over `t.body`.
    CxkitSignature,
    /// Salesforce `OrganizationId` among `organizationIds`.
    OrganizationId,
    /// Not authenticated: a fetched document with no secret configured.
    None,
}

/// The result of [`verify_webhook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// The platform.
    pub platform: Platform,
    /// The detected (or named) format.
    pub format: Format,
    /// How the sender was authenticated.
    pub scheme: Scheme,
    /// Which of `options.secrets` verified it (for rotation dashboards); `None` for
    /// organization ids and unauthenticated fetched documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_index: Option<usize>,
}

/// Steps 1–3: size, format, sender.
fn prepare(
    platform: Platform,
    req: &Request,
    options: &Options,
) -> Result<(Verification, Sniff), Error> {
    options.check(platform)?;
    let max = options.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES);
    if req.body.len() > max {
        return Err(Error::new(
            ErrorCode::PayloadTooLarge,
            format!(
                "the body has {} bytes; the limit (maxBodyBytes) is {max}",
                req.body.len()
            ),
        )
        .with_field("body"));
    }
    let sniff = Sniff::of(&req.body);
    let format = match options.format {
        Some(f) => f,
        None => match platform {
            Platform::AmazonConnect => amazon_connect::detect(req, &sniff)?,
            Platform::Genesys => genesys::detect(req, &sniff)?,
            Platform::Twilio => twilio::detect(req, &sniff),
            Platform::Zendesk => zendesk::detect(&sniff)?,
            Platform::Salesforce => salesforce::detect(&sniff)?,
            Platform::Generic => generic::detect(req, options),
        },
    };
    let (scheme, secret_index) = match platform {
        Platform::AmazonConnect => amazon_connect::verify(req, format, options)?,
        Platform::Genesys => genesys::verify(req, format, options)?,
        Platform::Twilio => twilio::verify(req, format, options)?,
        Platform::Zendesk => zendesk::verify(req, options)?,
        Platform::Salesforce => salesforce::verify(req, format, options)?,
        Platform::Generic => generic::verify(req, format, options)?,
    };
    Ok((
        Verification {
            platform,
            format,
            scheme,
            secret_index,
        },
        sniff,
    ))
}

/// Verifies a webhook without mapping it: checks the size, finds the format and authenticates
/// the sender. The body is not parsed beyond what finding the format needs.
///
/// ```
/// use cxkit_adapters::{verify_webhook, Options, Platform, Request, Scheme};
/// let req = Request::post("https://edge.example/v1/webhooks/amazon-connect", r#"{"requestId":"r-1","records":[]}"#)
///     .with_header("X-Amz-Firehose-Access-Key", "k-2026");
/// let options = Options { secrets: vec!["k-2025".into(), "k-2026".into()], ..Options::default() };
/// let v = verify_webhook(Platform::AmazonConnect, &req, &options).unwrap();
/// assert_eq!(v.scheme, Scheme::SharedKey);
/// assert_eq!(v.secret_index, Some(1));
/// ```
pub fn verify_webhook(
    platform: Platform,
    req: &Request,
    options: &Options,
) -> Result<Verification, Error> {
    prepare(platform, req, options).map(|(v, _)| v)
}

/// Verifies a webhook and maps it to cxkit records.
///
/// ```
/// use cxkit_adapters::{handle_webhook, Options, Platform, Request, Status};
/// // A Genesys Cloud analytics conversation detail document, fetched by the caller (no secret
/// // configured, so no shared-key header is needed).
/// let body = r#"{"conversationId": "c-1", "conversationStart": "2026-11-23T10:00:00Z",
///   "originatingDirection": "inbound",
///   "participants": [{"purpose": "customer", "sessions": [{"mediaType": "voice"}]}]}"#;
/// let req = Request::post("https://edge.example/v1/webhooks/genesys", body);
/// let out = handle_webhook(Platform::Genesys, &req, &Options::default()).unwrap();
/// assert_eq!(out.status, Status::Accepted);
/// assert_eq!(out.contacts[0].id, "c-1");
/// ```
pub fn handle_webhook(
    platform: Platform,
    req: &Request,
    options: &Options,
) -> Result<Outcome, Error> {
    let (v, sniff) = prepare(platform, req, options)?;
    match platform {
        Platform::AmazonConnect => amazon_connect::handle(req, v.format, sniff, options),
        Platform::Genesys => genesys::handle(v.format, sniff, req, options),
        Platform::Twilio => twilio::handle(req, v.format, sniff),
        Platform::Zendesk => zendesk::handle(v.format, sniff, req, options),
        Platform::Salesforce => salesforce::handle(req, v.format, sniff, options),
        Platform::Generic => generic::handle(req, v.format, sniff, options),
    }
}

/// The body as a JSON value when it parses, for detection; the typed parse happens after
/// verification.
pub(crate) struct Sniff {
    /// The parsed JSON, or `None` when the body is not JSON (form, XML, truncated).
    pub json: Option<serde_json::Value>,
    /// The first non-whitespace byte.
    pub first: Option<u8>,
}

impl Sniff {
    fn of(body: &[u8]) -> Sniff {
        let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
        let json = match first {
            Some(b'{') | Some(b'[') => serde_json::from_slice(body).ok(),
            _ => None,
        };
        Sniff { json, first }
    }

    /// The parsed JSON, or the `malformed_payload` error of parsing `body`.
    pub fn into_json(self, body: &[u8]) -> Result<serde_json::Value, Error> {
        match self.json {
            Some(v) => Ok(v),
            None => crate::de::json::<serde_json::Value>(body, ""),
        }
    }
}

/// Checks the shared-key header of a format: required for pushed formats, required for fetched
/// documents only when secrets are configured.
pub(crate) fn shared_key_scheme(
    req: &Request,
    format: Format,
    options: &Options,
    header: &str,
    what: &str,
) -> Result<(Scheme, Option<usize>), Error> {
    if options.secrets.is_empty() {
        if format.is_fetched() {
            return Ok((Scheme::None, None));
        }
        return Err(no_secrets(format, what));
    }
    let v = crate::verify::shared_key(req, header, &options.secrets, what)?;
    Ok((Scheme::SharedKey, Some(v.secret_index)))
}

/// `invalid_option` on `options.secrets` for a pushed format with no secret configured: cxkit
/// never accepts an unauthenticated push.
pub(crate) fn no_secrets(format: Format, what: &str) -> Error {
    fail::option(
        "secrets",
        format!(
            "no secret is configured: {what} ({} format) must be authenticated, so options.secrets needs at least one secret",
            format.as_str()
        ),
    )
}

/// A map of string attributes as several platforms send them (Connect `Attributes`): values
/// that are not strings are kept as their JSON text.
pub type Attributes = BTreeMap<String, serde_json::Value>;

/// The text of an attribute value (strings as is, numbers and booleans as JSON text, `null`
/// and objects as `None`).
pub(crate) fn attribute_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
