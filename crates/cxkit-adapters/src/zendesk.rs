//! Zendesk: signed webhooks for Zendesk events, trigger/automation payloads, satisfaction
//! ratings (legacy good/bad) and CSAT survey responses (scored).
//!
//! # Signature
//!
//! Every Zendesk webhook carries `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(signing
//! secret, `X-Zendesk-Webhook-Signature-Timestamp` + raw body)). The key is the signing
//! secret's UTF-8 bytes as shown in Admin Center (it looks like base64 but is not decoded).
//! The timestamp (ISO 8601, `2026-11-23T10:00:00Z`) must lie within `toleranceSeconds`
//! (default 300) of `now`.
//!
//! # Formats
//!
//! | format | body |
//! |---|---|
//! | `event` | a Zendesk event (`{"type": "zen:event-type:ticket.created", "detail": {ticket}, "event": {…}, "time": …}`) |
//! | `ticket` | a trigger or automation webhook whose JSON body holds a `ticket` object in the REST API's shape (`id`, `status`, `via.channel`, `requester_id`, `assignee_id`, `group_id`, `created_at`, `updated_at`, `satisfaction_rating`) |
//! | `satisfaction-rating` | a satisfaction rating in the REST API's shape, bare or as `{"satisfaction_rating": {…}}` (`score` `good`/`bad`) |
//! | `survey-response` | a CSAT survey response in the REST API's shape, bare or as `{"survey_response": {…}}` (`answers[].rating`) |
//!
//! Detection: `type` starting with `zen:event-type:` is `event`; a `ticket` object is
//! `ticket`; `satisfaction_rating`, or `score` with `ticket_id`, is `satisfaction-rating`;
//! `survey_response` or `answers` is `survey-response`.
//!
//! # Sources
//!
//! - Verifying webhook authenticity: <https://developer.zendesk.com/documentation/webhooks/verifying/>
//! - Anatomy of a webhook request (headers, timestamp format):
//!   <https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request/>
//! - Webhook event types and the event schema:
//!   <https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/>,
//!   ticket events: <https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/>
//! - Tickets: <https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/>
//! - Satisfaction ratings (legacy CSAT):
//!   <https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/>
//! - CSAT survey responses:
//!   <https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/>
//!
//! # Mapping
//!
//! A ticket is a contact ("case"): `id` = ticket id, channel from `via.channel`, `customerId`
//! = `requester_id`, `agentId` = `assignee_id`, `queue` = `group_id`, `startedAt` =
//! `created_at`; a `solved` or `closed` status sets `resolved: true` and `endedAt` (the event
//! time, or the ticket's `updated_at`). Events are `partial`: `ticket.created`,
//! `ticket.status_changed`, `ticket.agent_assignment_changed` and
//! `ticket.group_assignment_changed` are mapped, other event types are ignored. A legacy
//! rating `good`/`bad` is a binary CSAT answer (1/0); `offered`/`unoffered` (no answer yet) is
//! ignored. A survey response's first numeric `rating` is a CSAT answer on `csatScale` (default
//! 1–5).

use chrono::{DateTime, Utc};
use cxkit_core::Error;
use cxkit_core::model::Channel;
use cxkit_core::survey::{Scale, SurveyKind, SurveyResponse};
use serde::Deserialize;

use crate::api::{Format, Options, Outcome, Request, Scheme, Sniff, no_secrets};
use crate::de::{self, opt_number, opt_text, opt_time};
use crate::mapping::{common_channel, survey};
use crate::records::contact;
use crate::{fail, verify};
use cxkit_core::model::Contact;

const PLATFORM: &str = "zendesk";
/// The signature header.
pub const SIGNATURE_HEADER: &str = "x-zendesk-webhook-signature";
/// The signature timestamp header.
pub const TIMESTAMP_HEADER: &str = "x-zendesk-webhook-signature-timestamp";

/// A Zendesk event webhook payload.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TicketEvent {
    /// `type`: `zen:event-type:ticket.created` ….
    #[serde(rename = "type")]
    pub kind: String,
    /// `account_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub account_id: Option<String>,
    /// `id` of the event.
    #[serde(default, deserialize_with = "opt_text")]
    pub id: Option<String>,
    /// `time` of the event.
    #[serde(default, deserialize_with = "opt_time")]
    pub time: Option<DateTime<Utc>>,
    /// `subject`: `zen:ticket:<id>`.
    #[serde(default)]
    pub subject: Option<String>,
    /// `detail`: the ticket (for ticket events).
    #[serde(default)]
    pub detail: Option<Ticket>,
    /// `event`: what changed (`current`, `previous`).
    #[serde(default)]
    pub event: Option<serde_json::Value>,
}

/// A ticket: the `detail` of a ticket event, or the `ticket` of a trigger payload in the REST
/// API's shape (identifiers are strings in events and integers in the REST API; both are read).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Ticket {
    /// `id`.
    #[serde(deserialize_with = "de::text")]
    pub id: String,
    /// `status`: `new`, `open`, `pending`, `hold`, `solved`, `closed` (any case).
    #[serde(default)]
    pub status: Option<String>,
    /// `priority`.
    #[serde(default)]
    pub priority: Option<String>,
    /// `via`: how the ticket was created.
    #[serde(default)]
    pub via: Option<Via>,
    /// `requester_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub requester_id: Option<String>,
    /// `assignee_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub assignee_id: Option<String>,
    /// `group_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub group_id: Option<String>,
    /// `created_at`.
    #[serde(default, deserialize_with = "opt_time")]
    pub created_at: Option<DateTime<Utc>>,
    /// `updated_at`.
    #[serde(default, deserialize_with = "opt_time")]
    pub updated_at: Option<DateTime<Utc>>,
    /// `satisfaction_rating` (REST API tickets).
    #[serde(default)]
    pub satisfaction_rating: Option<SatisfactionRating>,
}

/// `via` of a ticket.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Via {
    /// `channel`: `web`, `email`, `chat`, `voice`, `sms`, `api`, `native_messaging`,
    /// `whatsapp`, `facebook`, `twitter` ….
    #[serde(default, deserialize_with = "opt_text")]
    pub channel: Option<String>,
}

/// A legacy satisfaction rating.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct SatisfactionRating {
    /// `id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub id: Option<String>,
    /// `score`: `offered`, `unoffered`, `good`, `bad`.
    #[serde(default)]
    pub score: Option<String>,
    /// `ticket_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub ticket_id: Option<String>,
    /// `requester_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub requester_id: Option<String>,
    /// `assignee_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub assignee_id: Option<String>,
    /// `group_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub group_id: Option<String>,
    /// `comment`.
    #[serde(default)]
    pub comment: Option<String>,
    /// `created_at`.
    #[serde(default, deserialize_with = "opt_time")]
    pub created_at: Option<DateTime<Utc>>,
    /// `updated_at`.
    #[serde(default, deserialize_with = "opt_time")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// A CSAT survey response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct CsatSurveyResponse {
    /// `id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub id: Option<String>,
    /// `responder_id`.
    #[serde(default, deserialize_with = "opt_text")]
    pub responder_id: Option<String>,
    /// `subject_zrns`: `zen:ticket:<id>` ….
    #[serde(default)]
    pub subject_zrns: Vec<String>,
    /// `answers`.
    #[serde(default)]
    pub answers: Vec<SurveyAnswer>,
}

/// One answer of a CSAT survey response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct SurveyAnswer {
    /// `type` (`rating_scale`, `open_ended`, `skipped` …).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// `rating`: the rating scale answer.
    #[serde(default, deserialize_with = "opt_number")]
    pub rating: Option<f64>,
    /// `created_at`.
    #[serde(default, deserialize_with = "opt_time")]
    pub created_at: Option<DateTime<Utc>>,
    /// `updated_at`.
    #[serde(default, deserialize_with = "opt_time")]
    pub updated_at: Option<DateTime<Utc>>,
}

pub(crate) fn detect(sniff: &Sniff) -> Result<Format, Error> {
    let Some(obj) = sniff.json.as_ref().and_then(|v| v.as_object()) else {
        // All Zendesk formats share one signature: verify first, report the body after.
        return Ok(Format::Event);
    };
    let has = |k: &str| obj.contains_key(k);
    if obj
        .get("type")
        .and_then(|t| t.as_str())
        .is_some_and(|t| t.starts_with("zen:event-type:"))
    {
        Ok(Format::Event)
    } else if obj.get("ticket").is_some_and(|t| t.is_object()) {
        Ok(Format::Ticket)
    } else if has("satisfaction_rating") || (has("score") && has("ticket_id")) {
        Ok(Format::SatisfactionRating)
    } else if has("survey_response") || has("answers") {
        Ok(Format::SurveyResponse)
    } else {
        Err(fail::unsupported(
            "the body is not a Zendesk payload cxkit reads: expected a Zendesk event \
             (type zen:event-type:…), a trigger payload with a ticket object, a satisfaction \
             rating or a CSAT survey response; name one with options.format",
        ))
    }
}

/// Verifies the Zendesk signature and timestamp; returns the index of the signing secret that
/// matched.
pub fn signature(req: &Request, options: &Options) -> Result<usize, Error> {
    if options.secrets.is_empty() {
        return Err(no_secrets(Format::Event, "a Zendesk webhook"));
    }
    let sig = req.header(SIGNATURE_HEADER).ok_or_else(|| {
        fail::missing_signature("X-Zendesk-Webhook-Signature", "a Zendesk webhook")
    })?;
    let ts = req.header(TIMESTAMP_HEADER).ok_or_else(|| {
        fail::missing_signature("X-Zendesk-Webhook-Signature-Timestamp", "a Zendesk webhook")
    })?;
    let tag = verify::unb64(sig).ok_or_else(|| {
        fail::mismatch(
            "X-Zendesk-Webhook-Signature",
            "X-Zendesk-Webhook-Signature is not base64",
        )
    })?;
    let index = verify::any_secret(&options.secrets, |s| {
        verify::verify_sha256(s, &[ts.as_bytes(), &req.body], &tag)
    })
    .ok_or_else(|| {
        fail::mismatch(
            "X-Zendesk-Webhook-Signature",
            "X-Zendesk-Webhook-Signature matches none of the configured signing secrets (tampered body or timestamp, or wrong secret)",
        )
    })?;
    let now = options.require_now("the Zendesk signature timestamp")?;
    let field = "headers.X-Zendesk-Webhook-Signature-Timestamp";
    let at = de::parse_time(ts).ok_or_else(|| {
        Error::new(
            cxkit_core::ErrorCode::StaleTimestamp,
            format!(
                "{field} \"{}\" is not a timestamp, so the request's age cannot be checked",
                cxkit_core::text::excerpt(ts)
            ),
        )
        .with_field(field)
    })?;
    verify::check_window(at, now, options.tolerance(), field)?;
    Ok(index)
}

pub(crate) fn verify(req: &Request, options: &Options) -> Result<(Scheme, Option<usize>), Error> {
    signature(req, options).map(|i| (Scheme::ZendeskSignature, Some(i)))
}

pub(crate) fn handle(
    format: Format,
    sniff: Sniff,
    req: &Request,
    options: &Options,
) -> Result<Outcome, Error> {
    let value = sniff.into_json(&req.body)?;
    match format {
        Format::Ticket => {
            let ticket: Ticket = de::from_value(
                value
                    .get("ticket")
                    .cloned()
                    .unwrap_or(serde_json::Value::Null),
                "ticket",
            )?;
            let contact = map_ticket(&ticket, None, false);
            let surveys = ticket
                .satisfaction_rating
                .as_ref()
                .and_then(|r| rating_survey(r, Some(&ticket)))
                .into_iter()
                .collect();
            Ok(Outcome::new("ticket", vec![contact], surveys, Vec::new()))
        }
        Format::SatisfactionRating => {
            let (inner, prefix) = unwrap(value, "satisfaction_rating");
            let rating: SatisfactionRating = de::from_value(inner, &prefix)?;
            Ok(match rating_survey(&rating, None) {
                Some(s) => Outcome::new("satisfaction-rating", Vec::new(), vec![s], Vec::new()),
                None => Outcome::ignored(
                    "satisfaction-rating",
                    format!(
                        "satisfaction rating score \"{}\" is not an answer (only good and bad are)",
                        rating.score.as_deref().unwrap_or("")
                    ),
                ),
            })
        }
        Format::SurveyResponse => {
            let (inner, prefix) = unwrap(value, "survey_response");
            let response: CsatSurveyResponse = de::from_value(inner, &prefix)?;
            Ok(match survey_response(&response, options.csat_scale()) {
                Some(s) => Outcome::new("survey-response", Vec::new(), vec![s], Vec::new()),
                None => Outcome::ignored(
                    "survey-response",
                    "the survey response has no numeric rating",
                ),
            })
        }
        _ => {
            let ev: TicketEvent = de::from_value(value, "")?;
            let short = ev.kind.trim_start_matches("zen:event-type:").to_string();
            let event = format!("event:{short}");
            match map_event(&ev, &short) {
                Some(c) => Ok(Outcome::new(event, vec![c], Vec::new(), Vec::new())),
                None => Ok(Outcome::ignored(
                    event,
                    format!("Zendesk event \"{}\" is not mapped", ev.kind),
                )),
            }
        }
    }
}

fn unwrap(value: serde_json::Value, key: &str) -> (serde_json::Value, String) {
    match value {
        serde_json::Value::Object(mut m) if m.contains_key(key) => (
            m.remove(key).unwrap_or(serde_json::Value::Null),
            key.to_string(),
        ),
        v => (v, String::new()),
    }
}

/// Zendesk writes `"0"` for unset identifiers in events.
fn id(v: &Option<String>) -> Option<String> {
    v.clone().filter(|s| !s.is_empty() && s != "0")
}

fn channel(via: Option<&Via>) -> Channel {
    match via.and_then(|v| v.channel.as_deref()) {
        Some(c) => match c.to_ascii_lowercase().as_str() {
            "web" | "web_form" | "api" | "mobile" | "rule" | "system" | "any_channel" => {
                Channel::Other
            }
            "mobile_sdk" | "web_widget" => Channel::Chat,
            other => common_channel(other),
        },
        None => Channel::Other,
    }
}

fn closed(status: Option<&str>) -> bool {
    status.is_some_and(|s| s.eq_ignore_ascii_case("solved") || s.eq_ignore_ascii_case("closed"))
}

/// Maps a ticket to a contact (`partial` for events). `at` is the time of the change, used as
/// `endedAt` when the ticket is solved or closed.
pub fn map_ticket(t: &Ticket, at: Option<DateTime<Utc>>, partial: bool) -> Contact {
    let mut c = contact(&t.id, PLATFORM, channel(t.via.as_ref()));
    if partial {
        c.partial = Some(true);
    }
    c.customer_id = id(&t.requester_id);
    c.agent_id = id(&t.assignee_id);
    c.queue = id(&t.group_id);
    c.started_at = t.created_at;
    if closed(t.status.as_deref()) {
        c.resolved = Some(true);
        c.ended_at = at.or(t.updated_at);
    }
    c
}

/// Maps a ticket event; `None` for event types cxkit does not read.
pub fn map_event(ev: &TicketEvent, short: &str) -> Option<Contact> {
    let ticket = ev.detail.as_ref()?;
    match short {
        "ticket.created" => Some(map_ticket(ticket, ev.time, true)),
        "ticket.status_changed" => {
            let mut t = ticket.clone();
            if let Some(cur) = ev
                .event
                .as_ref()
                .and_then(|e| e.get("current"))
                .and_then(|c| c.as_str())
            {
                t.status = Some(cur.to_string());
            }
            let mut c = map_ticket(&t, ev.time, true);
            if !closed(t.status.as_deref()) {
                c.resolved = Some(false);
            }
            Some(c)
        }
        "ticket.agent_assignment_changed" | "ticket.group_assignment_changed" => {
            let mut c = map_ticket(ticket, ev.time, true);
            c.resolved = None;
            c.ended_at = None;
            Some(c)
        }
        _ => None,
    }
}

/// Maps a legacy rating to a binary CSAT answer (good 1, bad 0); `None` when not answered.
pub fn rating_survey(r: &SatisfactionRating, ticket: Option<&Ticket>) -> Option<SurveyResponse> {
    let score = r.score.as_deref()?.to_ascii_lowercase();
    let value = if score.starts_with("good") {
        1.0
    } else if score.starts_with("bad") {
        0.0
    } else {
        return None;
    };
    let contact = r.ticket_id.clone().or_else(|| ticket.map(|t| t.id.clone()));
    let mut s = survey(
        r.id.clone()
            .or_else(|| contact.as_ref().map(|c| format!("{c}:satisfaction")))
            .unwrap_or_else(|| "satisfaction".to_string()),
        SurveyKind::Csat,
        Scale::Binary,
        (Some(value), None),
        r.updated_at
            .or(r.created_at)
            .or_else(|| ticket.and_then(|t| t.updated_at)),
    );
    s.contact_id = contact;
    s.customer_id = id(&r.requester_id).or_else(|| ticket.and_then(|t| id(&t.requester_id)));
    s.agent_id = id(&r.assignee_id).or_else(|| ticket.and_then(|t| id(&t.assignee_id)));
    s.queue = id(&r.group_id).or_else(|| ticket.and_then(|t| id(&t.group_id)));
    s.channel = ticket.map(|t| channel(t.via.as_ref()));
    Some(s)
}

/// Maps a CSAT survey response's first numeric rating to a CSAT answer on `scale`.
pub fn survey_response(r: &CsatSurveyResponse, scale: Scale) -> Option<SurveyResponse> {
    let answer = r.answers.iter().find(|a| a.rating.is_some())?;
    let ticket = r
        .subject_zrns
        .iter()
        .find_map(|z| {
            z.strip_prefix("zen:ticket:")
                .or_else(|| z.strip_prefix("zrn:ticket:"))
        })
        .map(str::to_string);
    let mut s = survey(
        r.id.clone()
            .or_else(|| ticket.as_ref().map(|t| format!("{t}:survey")))
            .unwrap_or_else(|| "survey-response".to_string()),
        SurveyKind::Csat,
        scale,
        (answer.rating, None),
        answer.updated_at.or(answer.created_at),
    );
    s.contact_id = ticket;
    s.customer_id = id(&r.responder_id);
    Some(s)
}
