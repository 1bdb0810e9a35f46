//! # cxkit-adapters
//!
//! Webhook adapters for contact-centre and CRM platforms: verify the sender, parse the
//! platform's own documented format into typed structs, and map it to cxkit records
//! ([`cxkit_core::model::Contact`], [`cxkit_core::survey::SurveyResponse`],
//! [`cxkit_core::model::Transcript`]). Pure Rust: no I/O, no clock (`now` is an option), no
//! randomness, so it builds for `wasm32-unknown-unknown` and runs unchanged in the npm package,
//! the WIT component and the edge function.
//!
//! ```
//! use cxkit_adapters::{handle_webhook, Options, Platform, Request, Status};
//! use cxkit_adapters::verify::{b64, hmac_sha256};
//!
//! // A Zendesk webhook for a new ticket, signed with the webhook's signing secret.
//! let body = r#"{"type":"zen:event-type:ticket.created","account_id":123,"id":"ev-1",
//!   "time":"2026-11-23T10:00:00Z","subject":"zen:ticket:42",
//!   "detail":{"id":"42","status":"NEW","via":{"channel":"email"},"requester_id":"7",
//!             "created_at":"2026-11-23T10:00:00Z"},"event":{}}"#;
//! let ts = "2026-11-23T10:00:00Z";
//! let sig = b64(&hmac_sha256(b"zd-signing-secret", &[ts.as_bytes(), body.as_bytes()]));
//! let req = Request::post("https://cx.example.com/v1/webhooks/zendesk", body)
//!     .with_header("X-Zendesk-Webhook-Signature", sig)
//!     .with_header("X-Zendesk-Webhook-Signature-Timestamp", ts);
//! let options = Options {
//!     secrets: vec!["zd-signing-secret".into()],
//!     now: Some("2026-11-23T10:01:00Z".parse().unwrap()),
//!     ..Options::default()
//! };
//! let out = handle_webhook(Platform::Zendesk, &req, &options).unwrap();
//! assert_eq!(out.status, Status::Accepted);
//! assert_eq!(out.event, "event:ticket.created");
//! assert_eq!(out.contacts[0].id, "42");
//! assert_eq!(out.contacts[0].customer_id.as_deref(), Some("7"));
//! ```
//!
//! ## Platforms
//!
//! | module | formats | authentication |
//! |---|---|---|
//! | [`amazon_connect`] | Firehose contact records, EventBridge contact events, Contact Lens files, single contact records | Firehose access key; shared-key header |
//! | [`genesys`] | EventBridge detail events, conversation detail documents, Open Messaging | shared-key header; `X-Hub-Signature-256` |
//! | [`twilio`] | TaskRouter event callbacks, Event Streams | `X-Twilio-Signature` |
//! | [`zendesk`] | events, trigger ticket payloads, satisfaction ratings, CSAT survey responses | `X-Zendesk-Webhook-Signature` + timestamp |
//! | [`salesforce`] | Outbound Messages, CaseChangeEvent relays, SurveyQuestionResponse results | `OrganizationId`; shared-key header |
//! | [`generic`] | cxkit records signed with `cxkit-signature`; field-mapped JSON/form payloads | HMAC-SHA256; shared-key header |
//!
//! ## Security rules
//!
//! - A pushed webhook is never accepted unauthenticated: with no secret (or, for Salesforce
//!   Outbound Messages, no organization id) configured, the call fails with `invalid_option`.
//!   Documents the caller fetched itself (Contact Lens files, Genesys conversation details,
//!   Salesforce query results, forwarded contact records) are accepted without a secret when
//!   none is configured, and need the shared-key header when one is.
//! - A configured secret with a missing header is `missing_signature`, never a pass.
//! - Signatures and shared keys are compared in constant time; several secrets may be
//!   configured at once (rotation).
//! - Signed timestamps (Zendesk, `cxkit-signature`) outside `toleranceSeconds` of `now` are
//!   `stale_timestamp`.
//! - The sender is verified before the body is parsed; a body over `maxBodyBytes` is
//!   `payload_too_large` before anything else.
//!
//! ## Errors
//!
//! Errors are [`cxkit_core::Error`] with codes `missing_signature`, `signature_mismatch`,
//! `stale_timestamp`, `unknown_org` (HTTP 401), `malformed_payload`, `unsupported_event`,
//! `invalid_option` (400) and `payload_too_large` (413); `field` names the header, option or body
//! field at fault (`headers.X-Twilio-Signature`, `records[3].data`, `Agent.ConnectedToAgentTimestamp`).

pub use cxkit_core;

pub mod amazon_connect;
mod api;
pub mod de;
mod fail;
pub mod generic;
pub mod genesys;
mod mapping;
pub mod records;
pub mod salesforce;
pub mod twilio;
pub mod verify;
pub mod zendesk;

pub use api::{
    Attributes, DEFAULT_CSAT_ATTRIBUTE, DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS, Format,
    Options, Outcome, Platform, Reply, Request, Scheme, Status, Verification, handle_webhook,
    verify_webhook,
};
pub use cxkit_core::model::{Contact, Direction, LanguageChoice, Speaker, Transcript, Turn};
pub use generic::FieldMap;
