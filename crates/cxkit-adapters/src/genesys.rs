//! Genesys Cloud: analytics detail events through Amazon EventBridge, analytics conversation
//! detail documents, and Open Messaging outbound webhooks.
//!
//! # Formats
//!
//! | format | how it arrives | authentication |
//! |---|---|---|
//! | `eventbridge` | the Amazon EventBridge integration publishes `v2.detail.events.conversation.{id}.*` topics to a partner event bus; a rule forwards them through an API destination (the whole event, or only its `detail`) | shared key header, default `x-cxkit-genesys-key` |
//! | `conversation-detail` | `GET /api/v2/analytics/conversations/{id}/details` (one conversation) or `POST /api/v2/analytics/conversations/details/query` (`{conversations: […]}`), fetched by the caller | none, or the shared key when secrets are configured |
//! | `open-messaging` | the Open Messaging integration's outbound notification webhook (a `NormalizedMessage`) | `X-Hub-Signature-256: sha256=<base64 HMAC-SHA256(secret, body)>` |
//!
//! Detection: an `X-Hub-Signature-256` header, or a body with a `channel` object and a
//! `direction`, is `open-messaging`; `detail-type`/`detail`/`topicName` is `eventbridge`;
//! `conversations`, or `conversationId` with `participants`, is `conversation-detail`.
//!
//! # Sources
//!
//! - Amazon EventBridge integration:
//!   <https://developer.genesys.cloud/notificationsalerts/notifications/event-bridge>
//! - Analytics detail events (`CustomerStartEvent`, `CustomerEndEvent`, `AcdStartEvent`,
//!   `AcdEndEvent`, `AfterCallWorkEvent`; `eventTime` in epoch milliseconds):
//!   <https://developer.genesys.cloud/analyticsdatamanagement/analytics/detail/analytics-detail-events>
//! - Conversation detail model (`AnalyticsConversationWithoutAttributes`,
//!   `AnalyticsParticipant`, `AnalyticsSession`, `AnalyticsConversationSegment`,
//!   `AnalyticsSessionMetric`, `AnalyticsSurvey`) of `POST
//!   /api/v2/analytics/conversations/details/query` in the Platform API
//!   (<https://developer.genesys.cloud/devapps/api-explorer>) and its generated SDK model docs
//!   (<https://github.com/MyPureCloud/platform-client-sdk-python/tree/master/build/docs>)
//! - Open Messaging webhook validation:
//!   <https://developer.genesys.cloud/commdigital/digital/openmessaging/validate>, and the
//!   normalized message format:
//!   <https://developer.genesys.cloud/commdigital/digital/openmessaging/outboundMessages>
//!
//! # Mapping
//!
//! Detail events become `partial` contacts keyed by `conversationId`: `customer.start`
//! (`startedAt`, channel, direction, customer), `customer.end` (`endedAt`,
//! `disconnectReason` = `disconnectType`), `acd.start` (`offeredAt`, `queue` = `queueId`),
//! `acd.end` (`queueWaitS` = `connectedDurationMs`; `acdOutcome` `ANSWERED` → answered by
//! `answeredUserId`, `ABANDONED` → abandoned), `acw` (`acwS` = `wrapupDurationMs`, `reason` =
//! `wrapupCode`, `agentId` = `userId`). Other topics are ignored.
//!
//! A conversation detail document becomes a complete contact: `id` = `conversationId`,
//! `startedAt`/`endedAt` = `conversationStart`/`conversationEnd`, `direction` =
//! `originatingDirection`; channel, customer and `disconnectReason` from the customer
//! participant's first session and last segment; `queue` = the ACD segments' `queueId`,
//! `offeredAt` = the first ACD segment start, `queueWaitS` = `tAcd`; `answeredAt` = the
//! `tAnswered` metric's `emitDate`; `abandoned` when a `tAbandon` metric exists; `talkS`,
//! `holdS`, `acwS`, `handleS` = the agent sessions' `tTalkComplete` (else `tTalk`),
//! `tHeldComplete` (else `tHeld`), `tAcw`, `tHandle` (milliseconds → seconds); `agentId` = the
//! last agent's `userId`; `reason` = the last `wrapUpCode`. `transfers` counts `nTransferred`
//! on agent sessions only: the ACD participant handing the call to an agent ends its segment
//! with disconnect type `transfer`, but that is routing, not an agent transfer.
//! `conferences` counts `nConsult`. Conversation `surveys` with a `surveyPromoterScore` become
//! NPS answers.
//!
//! An Open Messaging outbound text becomes a one-turn transcript (speaker `bot` when
//! `originatingEntity` is `Bot`, else `agent`; inbound messages `customer`). Receipts and
//! events are ignored.

use chrono::{DateTime, Utc};
use cxkit_core::Error;
use cxkit_core::model::Channel;
use cxkit_core::survey::{Scale, SurveyKind, SurveyResponse};
use serde::Deserialize;

use crate::api::{Format, Options, Outcome, Request, Scheme, Sniff, no_secrets, shared_key_scheme};
use crate::de::{self, opt_number, opt_text, opt_time};
use crate::mapping::{common_channel, ms_to_s, survey};
use crate::records::{contact, partial_contact};
use crate::{fail, verify};
use cxkit_core::model::{Contact, Direction, Speaker, Transcript, Turn};

const PLATFORM: &str = "genesys";
/// Default shared-key header for EventBridge API destinations and fetched documents.
pub const DEFAULT_KEY_HEADER: &str = "x-cxkit-genesys-key";
/// The Open Messaging signature header.
pub const HUB_SIGNATURE_HEADER: &str = "x-hub-signature-256";

/// The EventBridge envelope of a Genesys Cloud event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EventBridgeEnvelope {
    /// `detail-type`: the topic pattern (`v2.detail.events.conversation.{id}.customer.end`).
    #[serde(default, rename = "detail-type")]
    pub detail_type: Option<String>,
    /// `source`: `aws.partner/genesys.com/cloud/<organization id>/<name>`.
    #[serde(default)]
    pub source: Option<String>,
    /// `detail`: the Genesys notification.
    pub detail: serde_json::Value,
}

/// The `detail` of a Genesys Cloud EventBridge event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesysNotification {
    /// `topicName`: `v2.detail.events.conversation.<conversationId>.<event>`.
    pub topic_name: String,
    /// `version` of the notification schema.
    #[serde(default, deserialize_with = "opt_text")]
    pub version: Option<String>,
    /// `eventBody`: the detail event.
    pub event_body: DetailEvent,
}

/// An analytics detail event body (the fields of `CustomerStartEvent`, `CustomerEndEvent`,
/// `AcdStartEvent`, `AcdEndEvent` and `AfterCallWorkEvent` that cxkit reads).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DetailEvent {
    /// `eventTime`: epoch milliseconds.
    #[serde(default, deserialize_with = "opt_time")]
    pub event_time: Option<DateTime<Utc>>,
    /// `conversationId`.
    pub conversation_id: String,
    /// `participantId`.
    #[serde(default)]
    pub participant_id: Option<String>,
    /// `sessionId`.
    #[serde(default)]
    pub session_id: Option<String>,
    /// `mediaType`: `VOICE`, `CALLBACK`, `CHAT`, `EMAIL`, `MESSAGE`, `VIDEO` ….
    #[serde(default)]
    pub media_type: Option<String>,
    /// `messageType` for messages (`sms`, `whatsapp`, `open` …).
    #[serde(default)]
    pub message_type: Option<String>,
    /// `direction`: `INBOUND` or `OUTBOUND`.
    #[serde(default)]
    pub direction: Option<String>,
    /// `ani`.
    #[serde(default)]
    pub ani: Option<String>,
    /// `externalContactId`.
    #[serde(default)]
    pub external_contact_id: Option<String>,
    /// `disconnectType` (`customer.end`, `acd.end`).
    #[serde(default)]
    pub disconnect_type: Option<String>,
    /// `queueId` (`acd.*`, `acw`).
    #[serde(default)]
    pub queue_id: Option<String>,
    /// `userId` (`acw`).
    #[serde(default)]
    pub user_id: Option<String>,
    /// `acdOutcome` (`acd.end`): `ANSWERED`, `ABANDONED`, `FLOWOUT` ….
    #[serde(default)]
    pub acd_outcome: Option<String>,
    /// `answeredUserId` (`acd.end`).
    #[serde(default)]
    pub answered_user_id: Option<String>,
    /// `connectedDurationMs` (`acd.end`): time in queue.
    #[serde(default, deserialize_with = "opt_number")]
    pub connected_duration_ms: Option<f64>,
    /// `wrapupCode` (`acw`).
    #[serde(default)]
    pub wrapup_code: Option<String>,
    /// `wrapupDurationMs` (`acw`).
    #[serde(default, deserialize_with = "opt_number")]
    pub wrapup_duration_ms: Option<f64>,
}

/// A conversation detail query response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationQueryResponse {
    /// `conversations`.
    #[serde(default)]
    pub conversations: Vec<ConversationDetail>,
    /// `totalHits`.
    #[serde(default, deserialize_with = "opt_number")]
    pub total_hits: Option<f64>,
}

/// An analytics conversation (`AnalyticsConversationWithoutAttributes`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationDetail {
    /// `conversationId`.
    pub conversation_id: String,
    /// `conversationStart`.
    #[serde(default, deserialize_with = "opt_time")]
    pub conversation_start: Option<DateTime<Utc>>,
    /// `conversationEnd`.
    #[serde(default, deserialize_with = "opt_time")]
    pub conversation_end: Option<DateTime<Utc>>,
    /// `originatingDirection`: `inbound` or `outbound`.
    #[serde(default)]
    pub originating_direction: Option<String>,
    /// `participants`.
    #[serde(default)]
    pub participants: Vec<AnalyticsParticipant>,
    /// `surveys`.
    #[serde(default)]
    pub surveys: Vec<AnalyticsSurvey>,
}

/// `AnalyticsParticipant`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsParticipant {
    /// `participantId`.
    #[serde(default)]
    pub participant_id: Option<String>,
    /// `participantName` (for the ACD participant, the queue name).
    #[serde(default)]
    pub participant_name: Option<String>,
    /// `purpose`: `customer`, `external`, `agent`, `user`, `acd`, `ivr` ….
    #[serde(default)]
    pub purpose: Option<String>,
    /// `userId` (agents).
    #[serde(default)]
    pub user_id: Option<String>,
    /// `externalContactId`.
    #[serde(default)]
    pub external_contact_id: Option<String>,
    /// `sessions`.
    #[serde(default)]
    pub sessions: Vec<AnalyticsSession>,
}

/// `AnalyticsSession`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsSession {
    /// `mediaType`: `voice`, `callback`, `chat`, `email`, `message`, `video` ….
    #[serde(default)]
    pub media_type: Option<String>,
    /// `messageType` (`sms`, `whatsapp`, `facebook` …).
    #[serde(default)]
    pub message_type: Option<String>,
    /// `direction`.
    #[serde(default)]
    pub direction: Option<String>,
    /// `ani`.
    #[serde(default)]
    pub ani: Option<String>,
    /// `addressFrom`.
    #[serde(default)]
    pub address_from: Option<String>,
    /// `metrics`.
    #[serde(default)]
    pub metrics: Vec<AnalyticsSessionMetric>,
    /// `segments`.
    #[serde(default)]
    pub segments: Vec<AnalyticsSegment>,
}

/// `AnalyticsSessionMetric`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsSessionMetric {
    /// `name` (`tTalk`, `tHeld`, `tAcw`, `tHandle`, `tAcd`, `tAbandon`, `tAnswered`,
    /// `nTransferred`, `nConsult` …); durations in milliseconds.
    pub name: String,
    /// `value`.
    #[serde(default, deserialize_with = "opt_number")]
    pub value: Option<f64>,
    /// `emitDate`.
    #[serde(default, deserialize_with = "opt_time")]
    pub emit_date: Option<DateTime<Utc>>,
}

/// `AnalyticsConversationSegment`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsSegment {
    /// `segmentStart`.
    #[serde(default, deserialize_with = "opt_time")]
    pub segment_start: Option<DateTime<Utc>>,
    /// `segmentEnd`.
    #[serde(default, deserialize_with = "opt_time")]
    pub segment_end: Option<DateTime<Utc>>,
    /// `segmentType`: `interact`, `hold`, `wrapup`, `alert` ….
    #[serde(default)]
    pub segment_type: Option<String>,
    /// `disconnectType`: `client`, `endpoint`, `peer`, `transfer` ….
    #[serde(default)]
    pub disconnect_type: Option<String>,
    /// `queueId`.
    #[serde(default)]
    pub queue_id: Option<String>,
    /// `wrapUpCode`.
    #[serde(default)]
    pub wrap_up_code: Option<String>,
    /// `conference`.
    #[serde(default)]
    pub conference: Option<bool>,
}

/// `AnalyticsSurvey`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyticsSurvey {
    /// `surveyId`.
    #[serde(default)]
    pub survey_id: Option<String>,
    /// `surveyPromoterScore`: the NPS answer.
    #[serde(default, deserialize_with = "opt_number")]
    pub survey_promoter_score: Option<f64>,
    /// `surveyCompletedDate`.
    #[serde(default, deserialize_with = "opt_time")]
    pub survey_completed_date: Option<DateTime<Utc>>,
    /// `eventTime`.
    #[serde(default, deserialize_with = "opt_time")]
    pub event_time: Option<DateTime<Utc>>,
    /// `queueId`.
    #[serde(default)]
    pub queue_id: Option<String>,
    /// `userId`: the agent the survey was performed against.
    #[serde(default)]
    pub user_id: Option<String>,
}

/// An Open Messaging outbound `NormalizedMessage`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NormalizedMessage {
    /// `id` of the message.
    #[serde(default)]
    pub id: Option<String>,
    /// `channel`.
    #[serde(default)]
    pub channel: Option<MessageChannel>,
    /// `type`: `Text`, `Structured`, `Receipt`, `Event`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// `text`.
    #[serde(default)]
    pub text: Option<String>,
    /// `direction`: `Outbound` or `Inbound`.
    #[serde(default)]
    pub direction: Option<String>,
    /// `originatingEntity`: `Human` or `Bot`.
    #[serde(default)]
    pub originating_entity: Option<String>,
}

/// `channel` of a `NormalizedMessage`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageChannel {
    /// `platform`: `Open`.
    #[serde(default)]
    pub platform: Option<String>,
    /// `messageId`.
    #[serde(default)]
    pub message_id: Option<String>,
    /// `time`.
    #[serde(default, deserialize_with = "opt_time")]
    pub time: Option<DateTime<Utc>>,
    /// `to`: the recipient (`id`).
    #[serde(default)]
    pub to: Option<MessageParty>,
    /// `from`: the sender (`id`, `nickname` …).
    #[serde(default)]
    pub from: Option<MessageParty>,
}

/// A party of a `NormalizedMessage`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageParty {
    /// `id`.
    #[serde(default)]
    pub id: Option<String>,
    /// `nickname`.
    #[serde(default)]
    pub nickname: Option<String>,
}

pub(crate) fn detect(req: &Request, sniff: &Sniff) -> Result<Format, Error> {
    if req.header(HUB_SIGNATURE_HEADER).is_some() {
        return Ok(Format::OpenMessaging);
    }
    if let Some(obj) = sniff.json.as_ref().and_then(|v| v.as_object()) {
        let has = |k: &str| obj.contains_key(k);
        if has("detail-type") || has("detail") || has("topicName") {
            return Ok(Format::Eventbridge);
        }
        if has("conversations") || (has("conversationId") && has("participants")) {
            return Ok(Format::ConversationDetail);
        }
        if obj.get("channel").is_some_and(|c| c.is_object()) && has("direction") {
            return Ok(Format::OpenMessaging);
        }
        return Err(unknown_shape());
    }
    let body = &req.body;
    let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    if contains(b"\"topicName\"") || contains(b"\"detail-type\"") {
        Ok(Format::Eventbridge)
    } else if contains(b"\"participants\"") || contains(b"\"conversations\"") {
        Ok(Format::ConversationDetail)
    } else if contains(b"\"originatingEntity\"") || contains(b"\"channel\"") {
        Ok(Format::OpenMessaging)
    } else {
        Err(unknown_shape())
    }
}

fn unknown_shape() -> Error {
    fail::unsupported(
        "the body is not a Genesys Cloud payload cxkit reads: expected an EventBridge detail \
         event, an analytics conversation detail document or an Open Messaging message; name \
         one with options.format",
    )
}

pub(crate) fn verify(
    req: &Request,
    format: Format,
    options: &Options,
) -> Result<(Scheme, Option<usize>), Error> {
    if format == Format::OpenMessaging {
        return hub_signature(req, options).map(|i| (Scheme::HubSignature, Some(i)));
    }
    let header = options
        .api_key_header
        .as_deref()
        .unwrap_or(DEFAULT_KEY_HEADER);
    shared_key_scheme(req, format, options, header, "a Genesys Cloud webhook")
}

/// Verifies `X-Hub-Signature-256: sha256=<base64 HMAC-SHA256(secret, raw body)>` against
/// every configured secret; returns the index of the secret that matched.
pub fn hub_signature(req: &Request, options: &Options) -> Result<usize, Error> {
    if options.secrets.is_empty() {
        return Err(no_secrets(
            Format::OpenMessaging,
            "a Genesys Open Messaging webhook",
        ));
    }
    let value = req.header(HUB_SIGNATURE_HEADER).ok_or_else(|| {
        fail::missing_signature("X-Hub-Signature-256", "an Open Messaging webhook")
    })?;
    let sig = value.trim().strip_prefix("sha256=").ok_or_else(|| {
        fail::mismatch(
            "X-Hub-Signature-256",
            "X-Hub-Signature-256 must have the form sha256=<base64 digest>",
        )
    })?;
    let tag = verify::unb64(sig).ok_or_else(|| {
        fail::mismatch(
            "X-Hub-Signature-256",
            "the X-Hub-Signature-256 digest is not base64",
        )
    })?;
    verify::any_secret(&options.secrets, |s| verify::verify_sha256(s, &[&req.body], &tag))
        .ok_or_else(|| {
            fail::mismatch(
                "X-Hub-Signature-256",
                "X-Hub-Signature-256 matches none of the configured secrets (tampered body or wrong secret)",
            )
        })
}

pub(crate) fn handle(
    format: Format,
    sniff: Sniff,
    req: &Request,
    options: &Options,
) -> Result<Outcome, Error> {
    let _ = options;
    let value = sniff.into_json(&req.body)?;
    match format {
        Format::OpenMessaging => {
            let msg: NormalizedMessage = de::from_value(value, "")?;
            Ok(open_message(&msg))
        }
        Format::ConversationDetail => {
            let convs = if value.get("conversations").is_some() {
                de::from_value::<ConversationQueryResponse>(value, "")?.conversations
            } else {
                vec![de::from_value::<ConversationDetail>(value, "")?]
            };
            let mut contacts = Vec::new();
            let mut surveys = Vec::new();
            for c in &convs {
                let (contact, s) = map_conversation(c);
                contacts.push(contact);
                surveys.extend(s);
            }
            let out = Outcome::new("conversation-detail", contacts, surveys, Vec::new());
            Ok(if convs.is_empty() {
                out.with_reason(Some("the document holds no conversations".to_string()))
            } else {
                out
            })
        }
        _ => {
            let (detail, prefix) = if value.get("detail").is_some() {
                let env: EventBridgeEnvelope = de::from_value(value, "")?;
                (env.detail, "detail")
            } else {
                (value, "")
            };
            let n: GenesysNotification = de::from_value(detail, prefix)?;
            let kind = topic_event(&n.topic_name);
            let event = format!("eventbridge:{kind}");
            match map_detail_event(&kind, &n.event_body) {
                Some(c) => Ok(Outcome::new(event, vec![c], Vec::new(), Vec::new())),
                None => Ok(Outcome::ignored(
                    event,
                    format!("topic \"{}\" is not mapped", n.topic_name),
                )),
            }
        }
    }
}

/// The event part of a detail topic: `v2.detail.events.conversation.<id>.customer.end` →
/// `customer.end`.
pub fn topic_event(topic: &str) -> String {
    topic
        .strip_prefix("v2.detail.events.conversation.")
        .and_then(|rest| rest.split_once('.'))
        .map(|(_, event)| event.to_string())
        .unwrap_or_else(|| topic.to_string())
}

fn channel(media: Option<&str>, message_type: Option<&str>) -> Channel {
    match media.map(str::to_ascii_lowercase).as_deref() {
        Some("voice") | Some("callback") => Channel::Voice,
        Some("chat") => Channel::Chat,
        Some("email") => Channel::Email,
        Some("video") => Channel::Video,
        Some("message") => match message_type.map(str::to_ascii_lowercase).as_deref() {
            Some("sms") => Channel::Sms,
            Some("facebook") | Some("twitter") | Some("instagram") => Channel::Social,
            _ => Channel::Messaging,
        },
        Some(other) => common_channel(other),
        None => Channel::Other,
    }
}

fn direction(d: Option<&str>) -> Option<Direction> {
    match d.map(str::to_ascii_lowercase).as_deref() {
        Some("inbound") => Some(Direction::Inbound),
        Some("outbound") => Some(Direction::Outbound),
        _ => None,
    }
}

/// Maps a detail event to a partial contact; `None` for topics cxkit does not read.
pub fn map_detail_event(kind: &str, e: &DetailEvent) -> Option<Contact> {
    let mut c = partial_contact(
        &e.conversation_id,
        PLATFORM,
        channel(e.media_type.as_deref(), e.message_type.as_deref()),
    );
    c.direction = direction(e.direction.as_deref());
    match kind {
        "customer.start" => {
            c.started_at = e.event_time;
            c.customer_id = e.external_contact_id.clone().or_else(|| e.ani.clone());
        }
        "customer.end" => {
            c.ended_at = e.event_time;
            c.disconnect_reason = e.disconnect_type.clone();
            c.customer_id = e.external_contact_id.clone().or_else(|| e.ani.clone());
        }
        "acd.start" => {
            c.offered_at = e.event_time;
            c.queue = e.queue_id.clone();
        }
        "acd.end" => {
            c.queue = e.queue_id.clone();
            c.queue_wait_s = e.connected_duration_ms.map(ms_to_s);
            match e
                .acd_outcome
                .as_deref()
                .map(str::to_ascii_uppercase)
                .as_deref()
            {
                Some("ANSWERED") => {
                    c.answered_at = e.event_time;
                    c.agent_id = e.answered_user_id.clone();
                    c.abandoned = Some(false);
                }
                Some("ABANDONED") | Some("ABANDON") => {
                    c.abandoned_at = e.event_time;
                    c.abandoned = Some(true);
                }
                _ => {}
            }
        }
        "acw" => {
            c.acw_s = e.wrapup_duration_ms.map(ms_to_s);
            c.reason = e.wrapup_code.clone();
            c.agent_id = e.user_id.clone();
            c.queue = e.queue_id.clone();
        }
        _ => return None,
    }
    Some(c)
}

fn is_agent(p: &AnalyticsParticipant) -> bool {
    matches!(p.purpose.as_deref(), Some("agent") | Some("user"))
}

fn is_customer(p: &AnalyticsParticipant) -> bool {
    matches!(p.purpose.as_deref(), Some("customer") | Some("external"))
}

fn metric_sum<'a>(sessions: impl Iterator<Item = &'a AnalyticsSession>, name: &str) -> Option<f64> {
    let mut total = None;
    for s in sessions {
        for m in s.metrics.iter().filter(|m| m.name == name) {
            if let Some(v) = m.value {
                total = Some(total.unwrap_or(0.0) + v);
            }
        }
    }
    total
}

/// Maps one analytics conversation to a contact and its NPS answers.
pub fn map_conversation(conv: &ConversationDetail) -> (Contact, Vec<SurveyResponse>) {
    let customer = conv.participants.iter().find(|p| is_customer(p));
    let first_session = customer
        .and_then(|p| p.sessions.first())
        .or_else(|| conv.participants.iter().flat_map(|p| &p.sessions).next());
    let mut c = contact(
        &conv.conversation_id,
        PLATFORM,
        channel(
            first_session.and_then(|s| s.media_type.as_deref()),
            first_session.and_then(|s| s.message_type.as_deref()),
        ),
    );
    c.direction = direction(conv.originating_direction.as_deref());
    c.started_at = conv.conversation_start;
    c.ended_at = conv.conversation_end;
    if let Some(p) = customer {
        c.customer_id = p.external_contact_id.clone().or_else(|| {
            p.sessions
                .iter()
                .find_map(|s| s.ani.clone().or_else(|| s.address_from.clone()))
        });
        c.disconnect_reason = p
            .sessions
            .iter()
            .flat_map(|s| &s.segments)
            .filter(|s| s.disconnect_type.is_some())
            .max_by_key(|s| s.segment_end.or(s.segment_start))
            .and_then(|s| s.disconnect_type.clone());
    }
    let acd: Vec<&AnalyticsSession> = conv
        .participants
        .iter()
        .filter(|p| p.purpose.as_deref() == Some("acd"))
        .flat_map(|p| &p.sessions)
        .collect();
    let acd_segments = || acd.iter().flat_map(|s| &s.segments);
    c.queue = acd_segments().find_map(|s| s.queue_id.clone());
    c.offered_at = acd_segments().filter_map(|s| s.segment_start).min();
    c.queue_wait_s = metric_sum(acd.iter().copied(), "tAcd").map(ms_to_s);
    let all_metrics = || {
        conv.participants
            .iter()
            .flat_map(|p| &p.sessions)
            .flat_map(|s| &s.metrics)
    };
    c.answered_at = all_metrics()
        .filter(|m| m.name == "tAnswered")
        .filter_map(|m| m.emit_date)
        .min();
    let abandon = all_metrics().find(|m| m.name == "tAbandon");
    if let Some(m) = abandon {
        c.abandoned = Some(true);
        c.abandoned_at = m.emit_date;
    } else if c.answered_at.is_some() {
        c.abandoned = Some(false);
    }
    let agents: Vec<&AnalyticsParticipant> =
        conv.participants.iter().filter(|p| is_agent(p)).collect();
    let agent_sessions = || agents.iter().flat_map(|p| &p.sessions);
    let duration = |complete: &str, partial: &str| {
        metric_sum(agent_sessions(), complete)
            .or_else(|| metric_sum(agent_sessions(), partial))
            .map(ms_to_s)
    };
    c.talk_s = duration("tTalkComplete", "tTalk");
    c.hold_s = duration("tHeldComplete", "tHeld");
    c.acw_s = metric_sum(agent_sessions(), "tAcw").map(ms_to_s);
    c.handle_s = metric_sum(agent_sessions(), "tHandle").map(ms_to_s);
    c.transfers = count(metric_sum(agent_sessions(), "nTransferred"));
    c.conferences = count(metric_sum(agent_sessions(), "nConsult"));
    c.agent_id = agents
        .iter()
        .filter(|p| p.user_id.is_some())
        .max_by_key(|p| {
            p.sessions
                .iter()
                .flat_map(|s| &s.segments)
                .filter_map(|s| s.segment_start)
                .max()
        })
        .and_then(|p| p.user_id.clone());
    c.reason = agent_sessions()
        .flat_map(|s| &s.segments)
        .filter(|s| s.wrap_up_code.is_some())
        .max_by_key(|s| s.segment_end.or(s.segment_start))
        .and_then(|s| s.wrap_up_code.clone());
    if c.answered_at.is_none() && c.abandoned.is_none() {
        c.answered_at = agent_sessions()
            .flat_map(|s| &s.segments)
            .filter(|s| s.segment_type.as_deref() == Some("interact"))
            .filter_map(|s| s.segment_start)
            .min();
    }
    let surveys = conv
        .surveys
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let score = s.survey_promoter_score?;
            let mut r = survey(
                s.survey_id
                    .clone()
                    .unwrap_or_else(|| format!("{}:survey:{i}", conv.conversation_id)),
                SurveyKind::Nps,
                Scale::range(0, 10),
                (Some(score), None),
                s.survey_completed_date.or(s.event_time),
            );
            r.contact_id = Some(conv.conversation_id.clone());
            r.customer_id = c.customer_id.clone();
            r.agent_id = s.user_id.clone().or_else(|| c.agent_id.clone());
            r.queue = s.queue_id.clone().or_else(|| c.queue.clone());
            r.channel = Some(c.channel);
            Some(r)
        })
        .collect();
    (c, surveys)
}

fn count(v: Option<f64>) -> u32 {
    v.map(|n| n.clamp(0.0, f64::from(u32::MAX)) as u32)
        .unwrap_or(0)
}

/// Maps an Open Messaging message to a one-turn transcript.
pub fn open_message(m: &NormalizedMessage) -> Outcome {
    let kind = m.kind.clone().unwrap_or_default();
    let event = format!("open-messaging:{kind}");
    let text = m.text.as_deref().filter(|t| !t.trim().is_empty());
    let Some(text) = text.filter(|_| kind == "Text" || kind == "Structured") else {
        return Outcome::ignored(event, format!("message type \"{kind}\" carries no text"));
    };
    let speaker = if m
        .direction
        .as_deref()
        .is_some_and(|d| d.eq_ignore_ascii_case("inbound"))
    {
        Speaker::Customer
    } else if m
        .originating_entity
        .as_deref()
        .is_some_and(|e| e.eq_ignore_ascii_case("bot"))
    {
        Speaker::Bot
    } else {
        Speaker::Agent
    };
    let transcript = Transcript {
        contact_id: None,
        language: None,
        turns: vec![Turn {
            speaker,
            text: text.to_string(),
            start_ms: None,
            end_ms: None,
            platform_sentiment: None,
        }],
    };
    Outcome::new(event, Vec::new(), Vec::new(), vec![transcript])
}
