//! Twilio Flex / TaskRouter: TaskRouter event callbacks and Event Streams webhook batches, both
//! authenticated with `X-Twilio-Signature`.
//!
//! # Formats
//!
//! | format | how it arrives |
//! |---|---|
//! | `taskrouter` | the Workspace's `EventCallbackUrl`: a form-encoded POST (`EventType`, `TaskSid`, `TaskAttributes` as a JSON string, `Timestamp` …) |
//! | `event-streams` | an Event Streams webhook sink: a JSON array of CloudEvents (`type` = `com.twilio.taskrouter.task.created` …, `data.payload` with snake_case fields) |
//!
//! Detection: a JSON body (array or object) is `event-streams`; anything else is `taskrouter`.
//!
//! # Signature
//!
//! `X-Twilio-Signature` is base64(HMAC-SHA1(auth token, data)), where data is the full URL
//! Twilio requested (scheme, host, path, query) followed, for form posts, by every POST
//! parameter's decoded name and value concatenated, sorted by name. For JSON bodies Twilio
//! adds `bodySHA256=<hex SHA-256 of the body>` to the URL's query and signs the URL alone: the
//! query value is then compared with the body's hash, so the body is authenticated too. A JSON
//! body whose URL has no `bodySHA256` is rejected (nothing would authenticate the body). Since
//! proxies and libraries add or drop a default port, the URL is tried as given and with
//! `:443`/`:80` added or removed. Secrets are the account's auth tokens (primary and
//! secondary, for rotation).
//!
//! # Sources
//!
//! - Webhook security: <https://www.twilio.com/docs/usage/webhooks/webhooks-security> and
//!   <https://www.twilio.com/docs/usage/security#validating-requests>
//! - TaskRouter event callbacks: <https://www.twilio.com/docs/taskrouter/api/event/reference>
//! - Event Streams webhook sinks: <https://www.twilio.com/docs/events/webhook-quickstart>; task
//!   and reservation event schemas:
//!   <https://www.twilio.com/docs/events/event-types/taskrouter/task>,
//!   <https://www.twilio.com/docs/events/event-types/taskrouter/reservation>
//!
//! # Mapping
//!
//! Every task event becomes a `partial` contact with `id` = `TaskSid`, channel from
//! `TaskChannelUniqueName` (refined by the task attribute `channelType` for chat tasks),
//! `direction` and `customerId` (`customers.external_id`, else `from`) from the task attributes,
//! and `queue` = `TaskQueueName` (else `TaskQueueSid`). By event: `task.created` (`startedAt` =
//! `TaskDateCreated`, else the event time), `task-queue.entered` (`offeredAt`),
//! `reservation.accepted` (`answeredAt`, `agentId` = `WorkerSid`, not abandoned),
//! `task.canceled` (abandoned: `abandonedAt` and `endedAt`, `disconnectReason` =
//! `TaskCanceledReason`), `task.completed` (`endedAt`, `reason` = `TaskCompletedReason`). Other
//! events are ignored. The event time is `Timestamp`, read as epoch seconds (or milliseconds,
//! or ISO 8601 for Event Streams).

use chrono::{DateTime, Utc};
use cxkit_core::Error;
use cxkit_core::model::Channel;
use serde::Deserialize;

use crate::api::{Format, Options, Outcome, Request, Scheme, Sniff, no_secrets};
use crate::de::{self, opt_number, opt_time};
use crate::mapping::common_channel;
use crate::records::partial_contact;
use crate::{fail, verify};
use cxkit_core::model::{Contact, Direction};

const PLATFORM: &str = "twilio";
/// The signature header.
pub const SIGNATURE_HEADER: &str = "x-twilio-signature";

/// A TaskRouter event: the form fields of an event callback, or the `data.payload` of an Event
/// Streams TaskRouter event (snake_case aliases).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct TaskRouterEvent {
    /// `EventType` (`task.created`, `reservation.accepted` …).
    #[serde(rename = "EventType", alias = "eventtype", alias = "event_type")]
    pub event_type: String,
    /// `Timestamp`: when the event was sent.
    #[serde(
        default,
        rename = "Timestamp",
        alias = "timestamp",
        deserialize_with = "opt_time"
    )]
    pub timestamp: Option<DateTime<Utc>>,
    /// `WorkspaceSid`.
    #[serde(default, rename = "WorkspaceSid", alias = "workspace_sid")]
    pub workspace_sid: Option<String>,
    /// `ResourceType`.
    #[serde(default, rename = "ResourceType", alias = "resource_type")]
    pub resource_type: Option<String>,
    /// `TaskSid`.
    #[serde(default, rename = "TaskSid", alias = "task_sid")]
    pub task_sid: Option<String>,
    /// `TaskAttributes`: the task's attributes as a JSON string.
    #[serde(default, rename = "TaskAttributes", alias = "task_attributes")]
    pub task_attributes: Option<String>,
    /// `TaskAge`: seconds since the task was created.
    #[serde(
        default,
        rename = "TaskAge",
        alias = "task_age",
        deserialize_with = "opt_number"
    )]
    pub task_age: Option<f64>,
    /// `TaskDateCreated`.
    #[serde(
        default,
        rename = "TaskDateCreated",
        alias = "task_date_created",
        deserialize_with = "opt_time"
    )]
    pub task_date_created: Option<DateTime<Utc>>,
    /// `TaskAssignmentStatus`.
    #[serde(
        default,
        rename = "TaskAssignmentStatus",
        alias = "task_assignment_status"
    )]
    pub task_assignment_status: Option<String>,
    /// `TaskCanceledReason`.
    #[serde(default, rename = "TaskCanceledReason", alias = "task_canceled_reason")]
    pub task_canceled_reason: Option<String>,
    /// `TaskCompletedReason`.
    #[serde(
        default,
        rename = "TaskCompletedReason",
        alias = "task_completed_reason"
    )]
    pub task_completed_reason: Option<String>,
    /// `TaskChannelUniqueName` (`voice`, `chat`, `sms`, `email`, `video`, `default`).
    #[serde(
        default,
        rename = "TaskChannelUniqueName",
        alias = "task_channel_unique_name"
    )]
    pub task_channel_unique_name: Option<String>,
    /// `TaskQueueSid`.
    #[serde(default, rename = "TaskQueueSid", alias = "task_queue_sid")]
    pub task_queue_sid: Option<String>,
    /// `TaskQueueName`.
    #[serde(default, rename = "TaskQueueName", alias = "task_queue_name")]
    pub task_queue_name: Option<String>,
    /// `WorkerSid`.
    #[serde(default, rename = "WorkerSid", alias = "worker_sid")]
    pub worker_sid: Option<String>,
    /// `WorkerName`.
    #[serde(default, rename = "WorkerName", alias = "worker_name")]
    pub worker_name: Option<String>,
    /// `ReservationSid`.
    #[serde(default, rename = "ReservationSid", alias = "reservation_sid")]
    pub reservation_sid: Option<String>,
}

/// One CloudEvent of an Event Streams batch.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CloudEvent {
    /// `type` (`com.twilio.taskrouter.task.created` …).
    #[serde(rename = "type")]
    pub kind: String,
    /// `id`.
    #[serde(default)]
    pub id: Option<String>,
    /// `time`.
    #[serde(default, deserialize_with = "opt_time")]
    pub time: Option<DateTime<Utc>>,
    /// `data`: for TaskRouter schema version 4, `{…, payload: {…}}`; earlier versions carry the
    /// payload fields directly.
    #[serde(default)]
    pub data: serde_json::Value,
}

pub(crate) fn detect(req: &Request, sniff: &Sniff) -> Format {
    let json_type = req
        .content_type()
        .is_some_and(|t| t == "application/json" || t.ends_with("+json"));
    if json_type || matches!(sniff.first, Some(b'[') | Some(b'{')) {
        Format::EventStreams
    } else {
        Format::Taskrouter
    }
}

/// The URL as given and with the default port toggled (`https://h/p` ↔ `https://h:443/p`).
pub fn url_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_string()];
    let (scheme, port) = if let Some(rest) = url.strip_prefix("https://") {
        ("https://", (rest, ":443"))
    } else if let Some(rest) = url.strip_prefix("http://") {
        ("http://", (rest, ":80"))
    } else {
        return out;
    };
    let (rest, default_port) = port;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    // Userinfo (https://user:pass@host) keeps its colon; only the host part is examined.
    let (userinfo, host) = match authority.rfind('@') {
        Some(i) => authority.split_at(i + 1),
        None => ("", authority),
    };
    if let Some(bare) = host.strip_suffix(default_port) {
        out.push(format!("{scheme}{userinfo}{bare}{tail}"));
    } else if !host.contains(':') || host.ends_with(']') {
        out.push(format!("{scheme}{userinfo}{host}{default_port}{tail}"));
    }
    out
}

/// The value of a query parameter of `url`, decoded.
fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Verifies `X-Twilio-Signature`; returns the index of the auth token that matched.
pub fn signature(req: &Request, options: &Options) -> Result<usize, Error> {
    if options.secrets.is_empty() {
        return Err(no_secrets(Format::Taskrouter, "a Twilio webhook"));
    }
    let header = req
        .header(SIGNATURE_HEADER)
        .ok_or_else(|| fail::missing_signature("X-Twilio-Signature", "a Twilio webhook"))?;
    let tag = verify::unb64(header)
        .ok_or_else(|| fail::mismatch("X-Twilio-Signature", "X-Twilio-Signature is not base64"))?;
    let urls = url_variants(&req.url);
    if let Some(expected) = query_param(&req.url, "bodySHA256") {
        let index = verify::any_secret(&options.secrets, |s| {
            urls.iter()
                .any(|u| verify::verify_sha1(s, &[u.as_bytes()], &tag))
        })
        .ok_or_else(|| {
            fail::mismatch(
                "X-Twilio-Signature",
                "X-Twilio-Signature matches none of the configured auth tokens for this URL",
            )
        })?;
        let actual = verify::hex(&verify::sha256(&req.body));
        if !verify::ct_eq(actual.as_bytes(), expected.to_ascii_lowercase().as_bytes()) {
            return Err(fail::mismatch(
                "X-Twilio-Signature",
                "the body's SHA-256 differs from the signed bodySHA256 query parameter (tampered body)",
            ));
        }
        return Ok(index);
    }
    let first = req.body.iter().copied().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{') | Some(b'[')) {
        return Err(fail::mismatch(
            "X-Twilio-Signature",
            "a JSON body must be signed with a bodySHA256 query parameter in the URL; the URL has none, so the body cannot be authenticated",
        ));
    }
    let mut params: Vec<(String, String)> = form_urlencoded::parse(&req.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort();
    let mut data_tail = Vec::new();
    for (k, v) in &params {
        data_tail.extend_from_slice(k.as_bytes());
        data_tail.extend_from_slice(v.as_bytes());
    }
    verify::any_secret(&options.secrets, |s| {
        urls.iter()
            .any(|u| verify::verify_sha1(s, &[u.as_bytes(), &data_tail], &tag))
    })
    .ok_or_else(|| {
        fail::mismatch(
            "X-Twilio-Signature",
            "X-Twilio-Signature matches none of the configured auth tokens (tampered parameters, wrong URL or wrong token)",
        )
    })
}

pub(crate) fn verify(
    req: &Request,
    format: Format,
    options: &Options,
) -> Result<(Scheme, Option<usize>), Error> {
    let _ = format;
    signature(req, options).map(|i| (Scheme::TwilioSignature, Some(i)))
}

pub(crate) fn handle(req: &Request, format: Format, sniff: Sniff) -> Result<Outcome, Error> {
    if format == Format::EventStreams {
        let value = sniff.into_json(&req.body)?;
        let events: Vec<CloudEvent> = if value.is_array() {
            de::from_value(value, "")?
        } else {
            vec![de::from_value(value, "")?]
        };
        let mut contacts = Vec::new();
        let mut skipped = 0usize;
        for (i, e) in events.iter().enumerate() {
            if !e.kind.starts_with("com.twilio.taskrouter.") {
                skipped += 1;
                continue;
            }
            let payload = match e.data.get("payload") {
                Some(p) if p.is_object() => p.clone(),
                _ => e.data.clone(),
            };
            let prefix = if e.data.get("payload").is_some() {
                format!("[{i}].data.payload")
            } else {
                format!("[{i}].data")
            };
            let mut ev: TaskRouterEvent = de::from_value(payload, &prefix)?;
            if ev.timestamp.is_none() {
                ev.timestamp = e.time;
            }
            match map_task_event(&ev, &prefix)? {
                Some(c) => contacts.push(c),
                None => skipped += 1,
            }
        }
        let reason = (skipped > 0).then(|| {
            format!(
                "{skipped} of {} event(s) are not mapped TaskRouter task events",
                events.len()
            )
        });
        return Ok(
            Outcome::new("event-streams", contacts, Vec::new(), Vec::new()).with_reason(reason),
        );
    }
    let map: serde_json::Map<String, serde_json::Value> = form_urlencoded::parse(&req.body)
        .map(|(k, v)| (k.into_owned(), serde_json::Value::String(v.into_owned())))
        .collect();
    let ev: TaskRouterEvent = de::from_value(serde_json::Value::Object(map), "")?;
    let event = format!("taskrouter:{}", ev.event_type);
    Ok(match map_task_event(&ev, "")? {
        Some(c) => Outcome::new(event, vec![c], Vec::new(), Vec::new()),
        None => Outcome::ignored(
            event,
            format!("TaskRouter event \"{}\" is not mapped", ev.event_type),
        ),
    })
}

fn channel(ev: &TaskRouterEvent, attrs: &serde_json::Value) -> Channel {
    let base = ev
        .task_channel_unique_name
        .as_deref()
        .map(common_channel)
        .unwrap_or(Channel::Other);
    match (base, attrs.get("channelType").and_then(|v| v.as_str())) {
        (Channel::Chat, Some(t)) | (Channel::Other, Some(t)) => match common_channel(t) {
            Channel::Other => base,
            c => c,
        },
        _ => base,
    }
}

/// Maps a TaskRouter event to a partial contact; `None` for events cxkit does not read.
/// `prefix` names the event in errors (`[2].data.payload`).
pub fn map_task_event(ev: &TaskRouterEvent, prefix: &str) -> Result<Option<Contact>, Error> {
    let kind = ev.event_type.as_str();
    if !matches!(
        kind,
        "task.created"
            | "task-queue.entered"
            | "reservation.accepted"
            | "task.canceled"
            | "task.completed"
    ) {
        return Ok(None);
    }
    let field = |name: &str| de::field_name(prefix, name);
    let Some(task) = ev.task_sid.clone() else {
        return Err(fail::malformed(
            field("TaskSid"),
            format!("{}: a {kind} event needs a TaskSid", field("TaskSid")),
        ));
    };
    let attrs: serde_json::Value = match ev
        .task_attributes
        .as_deref()
        .filter(|a| !a.trim().is_empty())
    {
        Some(a) => de::json(a.as_bytes(), &field("TaskAttributes"))?,
        None => serde_json::Value::Null,
    };
    let mut c = partial_contact(task, PLATFORM, channel(ev, &attrs));
    c.direction = match attrs.get("direction").and_then(|v| v.as_str()) {
        Some(d) if d.eq_ignore_ascii_case("inbound") => Some(Direction::Inbound),
        Some(d) if d.eq_ignore_ascii_case("outbound") => Some(Direction::Outbound),
        _ => None,
    };
    c.customer_id = attrs
        .pointer("/customers/external_id")
        .and_then(crate::api::attribute_text)
        .or_else(|| attrs.get("from").and_then(crate::api::attribute_text));
    c.queue = ev
        .task_queue_name
        .clone()
        .or_else(|| ev.task_queue_sid.clone());
    let at = ev.timestamp;
    match kind {
        "task.created" => c.started_at = ev.task_date_created.or(at),
        "task-queue.entered" => c.offered_at = at,
        "reservation.accepted" => {
            c.answered_at = at;
            c.agent_id = ev.worker_sid.clone();
            c.abandoned = Some(false);
        }
        "task.canceled" => {
            c.abandoned = Some(true);
            c.abandoned_at = at;
            c.ended_at = at;
            c.disconnect_reason = ev.task_canceled_reason.clone();
        }
        _ => {
            c.ended_at = at;
            c.reason = ev.task_completed_reason.clone();
        }
    }
    Ok(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variants_toggle_the_default_port() {
        assert_eq!(
            url_variants("https://h.example/cb?x=1"),
            vec!["https://h.example/cb?x=1", "https://h.example:443/cb?x=1"]
        );
        assert_eq!(
            url_variants("https://h.example:443/cb"),
            vec!["https://h.example:443/cb", "https://h.example/cb"]
        );
        assert_eq!(
            url_variants("http://u:p@h.example/cb"),
            vec!["http://u:p@h.example/cb", "http://u:p@h.example:80/cb"]
        );
        assert_eq!(
            url_variants("https://h.example:8443/cb"),
            vec!["https://h.example:8443/cb"]
        );
        assert_eq!(url_variants("not a url"), vec!["not a url"]);
        assert_eq!(
            url_variants("https://h.example"),
            vec!["https://h.example", "https://h.example:443"]
        );
    }

    #[test]
    fn query_params_are_decoded() {
        assert_eq!(
            query_param("https://h/cb?a=1&bodySHA256=ab%63#frag", "bodySHA256").as_deref(),
            Some("abc")
        );
        assert_eq!(query_param("https://h/cb", "bodySHA256"), None);
    }
}
