//! Amazon Connect: contact records through Amazon Data Firehose, contact events through
//! EventBridge, Contact Lens analysis files, and the post-call CSAT contact attribute.
//!
//! # Formats
//!
//! | format | how it arrives | authentication |
//! |---|---|---|
//! | `firehose` | Firehose HTTP endpoint delivery of the instance's contact-record stream: `{requestId, timestamp, records: [{data: <base64 CTR JSON>}]}` | `X-Amz-Firehose-Access-Key` equal to a secret |
//! | `eventbridge` | an EventBridge rule on `"detail-type": "Amazon Connect Contact Event"` with an API destination (the whole event, or only its `detail`) | shared key header, default `x-cxkit-connect-key` (the API destination connection's *API key* authorization) |
//! | `contact-lens` | a Contact Lens output file (voice `Analysis/Voice/…json` or chat `Analysis/Chat/…json`) the caller fetched from S3 | none, or the shared key when secrets are configured |
//! | `ctr` | one contact record as JSON, forwarded by the caller's own stream consumer | none, or the shared key when secrets are configured |
//!
//! A Firehose stream may be configured to gzip its requests (`Content-Encoding: gzip`); cxkit
//! does not decompress (no inflate dependency in the wasm): such a body is `unsupported_event`
//! naming `headers.content-encoding`, after the access key is checked.
//!
//! Detection: a JSON object with `records` and `requestId` (or a `X-Amz-Firehose-*` header) is
//! `firehose`; one with `detail-type`/`detail`, or `eventType` and `contactId`, is
//! `eventbridge`; one with `Transcript`, `JobStatus` or `ConversationCharacteristics` is
//! `contact-lens`; one with `ContactId` is `ctr`.
//!
//! # Sources
//!
//! - Contact record data model:
//!   <https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html>
//! - Contact events: <https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html>
//! - Firehose HTTP endpoint delivery request and response:
//!   <https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html>
//! - Contact Lens output files (call):
//!   <https://docs.aws.amazon.com/connect/latest/adminguide/contact-lens-example-output-files.html>,
//!   (chat): <https://docs.aws.amazon.com/connect/latest/adminguide/contact-lens-example-output-files-chat.html>
//! - EventBridge API destinations (API key authorization):
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html>
//!
//! # Mapping of a contact record
//!
//! `id` = `ContactId`; `channel` from `Channel` (`VOICE` voice, `CHAT` chat, `EMAIL` email,
//! `TASK` other); `direction` from `InitiationMethod` (`INBOUND` inbound; `OUTBOUND` and
//! `CALLBACK` outbound; others unknown); `customerId` = `CustomerEndpoint.Address`; `queue` =
//! `Queue.Name` (else the queue id from `Queue.ARN`); `agentId` = the agent id at the end of
//! `Agent.ARN` (the same id contact events carry, so records merge); `startedAt` =
//! `InitiationTimestamp`; `offeredAt` = `Queue.EnqueueTimestamp`; `answeredAt` =
//! `Agent.ConnectedToAgentTimestamp`; `endedAt` = `DisconnectTimestamp`; `queueWaitS` =
//! `Queue.Duration`; `talkS` = `Agent.AgentInteractionDuration`; `holdS` =
//! `Agent.CustomerHoldDuration`; `acwS` = `Agent.AfterContactWorkDuration`; `handleS` = their
//! sum (Connect's handle time: interaction + customer hold + after-contact work); `transfers` = 1
//! when the record has a `NextContactId` or `TransferCompletedTimestamp` (a transfer creates
//! the next contact record); `abandoned` = enqueued but never connected to an agent (the
//! data model's definition), with `abandonedAt` = `Queue.DequeueTimestamp` (else
//! `DisconnectTimestamp`); `disconnectReason` = `DisconnectReason`.
//!
//! The CSAT answer is the contact attribute named by `csatAttribute` (default
//! `postCallSurvey_csat`), a number on `csatScale` (default 1–5) or a label; it becomes a
//! `SurveyResponse` with id `<ContactId>:<attribute>`, answered at `DisconnectTimestamp`.
//!
//! Contact events become `partial` records carrying only what the event says: `INITIATED`
//! (`startedAt`), `QUEUED` (`offeredAt`, `queue`), `CONNECTED_TO_AGENT` (`answeredAt`,
//! `agentId`, not abandoned), `DISCONNECTED` (`endedAt`, `disconnectReason`; abandoned when it
//! has queue information and no agent information), `COMPLETED` (after-contact work),
//! `CONNECTED_TO_SYSTEM` and `CONTACT_DATA_UPDATED` (the common fields, and the CSAT attribute
//! when the event carries attributes). Other event types are ignored.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use cxkit_core::Error;
use cxkit_core::model::Channel;
use cxkit_core::survey::{SurveyKind, SurveyResponse};
use serde::Deserialize;

use crate::api::{
    Attributes, Format, Options, Outcome, Reply, Request, Scheme, Sniff, attribute_text,
    shared_key_scheme,
};
use crate::de::{self, opt_number, opt_time};
use crate::mapping::{answer_from_text, arn_id, survey};
use crate::records::{contact, language_from_locale, partial_contact};
use crate::{fail, verify};
use cxkit_core::model::{Contact, Direction, Speaker, Transcript, Turn};

const PLATFORM: &str = "amazon-connect";
/// Default shared-key header for EventBridge API destinations and forwarded documents.
pub const DEFAULT_KEY_HEADER: &str = "x-cxkit-connect-key";
/// Firehose's access-key header.
pub const FIREHOSE_KEY_HEADER: &str = "x-amz-firehose-access-key";

/// A Firehose HTTP endpoint delivery request (`FirehoseCustomHttpsEndpointRequest`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirehoseRequest {
    /// Same as the `X-Amz-Firehose-Request-Id` header; echoed in the response.
    pub request_id: String,
    /// When Firehose generated the request (epoch milliseconds).
    #[serde(default, deserialize_with = "opt_time")]
    pub timestamp: Option<DateTime<Utc>>,
    /// The records, 1–10 000.
    pub records: Vec<FirehoseRecord>,
}

/// One Firehose record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FirehoseRecord {
    /// The record's data in base64 (a contact record's JSON for a contact-record stream).
    pub data: String,
}

/// A contact record ("CTR"), as the data model documents it. Fields cxkit does not read are
/// skipped.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContactTraceRecord {
    /// `ContactId`: the ID of the contact.
    pub contact_id: String,
    /// `Channel`: how the contact reached the contact centre (`VOICE`, `CHAT`, `TASK`,
    /// `EMAIL`).
    #[serde(default)]
    pub channel: Option<String>,
    /// `InitiationMethod`: `INBOUND`, `OUTBOUND`, `TRANSFER`, `CALLBACK`, `API`,
    /// `QUEUE_TRANSFER`, `MONITOR`, `DISCONNECT` ….
    #[serde(default)]
    pub initiation_method: Option<String>,
    /// `InitiationTimestamp`: when the contact was initiated.
    #[serde(default, deserialize_with = "opt_time")]
    pub initiation_timestamp: Option<DateTime<Utc>>,
    /// `ConnectedToSystemTimestamp`.
    #[serde(default, deserialize_with = "opt_time")]
    pub connected_to_system_timestamp: Option<DateTime<Utc>>,
    /// `DisconnectTimestamp`: when the customer endpoint disconnected.
    #[serde(default, deserialize_with = "opt_time")]
    pub disconnect_timestamp: Option<DateTime<Utc>>,
    /// `DisconnectReason` (`CUSTOMER_DISCONNECT`, `AGENT_DISCONNECT`, `TELECOM_PROBLEM` …).
    #[serde(default)]
    pub disconnect_reason: Option<String>,
    /// `LastUpdateTimestamp`.
    #[serde(default, deserialize_with = "opt_time")]
    pub last_update_timestamp: Option<DateTime<Utc>>,
    /// `InitialContactId`.
    #[serde(default)]
    pub initial_contact_id: Option<String>,
    /// `PreviousContactId`.
    #[serde(default)]
    pub previous_contact_id: Option<String>,
    /// `NextContactId`: present when the contact was transferred (a new contact follows).
    #[serde(default)]
    pub next_contact_id: Option<String>,
    /// `TransferCompletedTimestamp`: transferred out of Amazon Connect.
    #[serde(default, deserialize_with = "opt_time")]
    pub transfer_completed_timestamp: Option<DateTime<Utc>>,
    /// `CustomerEndpoint`.
    #[serde(default)]
    pub customer_endpoint: Option<CtrEndpoint>,
    /// `Queue`: present when the contact was queued.
    #[serde(default)]
    pub queue: Option<CtrQueue>,
    /// `Agent`: present when the contact connected to an agent.
    #[serde(default)]
    pub agent: Option<CtrAgent>,
    /// `Attributes`: the contact attributes, name → value.
    #[serde(default)]
    pub attributes: Option<Attributes>,
    /// `AWSAccountId`.
    #[serde(default, rename = "AWSAccountId")]
    pub aws_account_id: Option<String>,
    /// `InstanceARN`.
    #[serde(default, rename = "InstanceARN")]
    pub instance_arn: Option<String>,
}

/// `Endpoint` of the contact record data model.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CtrEndpoint {
    /// `Address`: for `TELEPHONE_NUMBER`, an E.164 number.
    #[serde(default)]
    pub address: Option<String>,
    /// `Type`.
    #[serde(default, rename = "Type")]
    pub kind: Option<String>,
}

/// `QueueInfo` of the contact record data model.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CtrQueue {
    /// `ARN` of the queue.
    #[serde(default, rename = "ARN")]
    pub arn: Option<String>,
    /// `Name` of the queue.
    #[serde(default)]
    pub name: Option<String>,
    /// `EnqueueTimestamp`.
    #[serde(default, deserialize_with = "opt_time")]
    pub enqueue_timestamp: Option<DateTime<Utc>>,
    /// `DequeueTimestamp`: the customer disconnected or an agent started interacting.
    #[serde(default, deserialize_with = "opt_time")]
    pub dequeue_timestamp: Option<DateTime<Utc>>,
    /// `Duration`: whole seconds between enqueue and dequeue.
    #[serde(default, deserialize_with = "opt_number")]
    pub duration: Option<f64>,
}

/// `Agent` of the contact record data model.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CtrAgent {
    /// `ARN` of the agent.
    #[serde(default, rename = "ARN")]
    pub arn: Option<String>,
    /// `Username`.
    #[serde(default)]
    pub username: Option<String>,
    /// `ConnectedToAgentTimestamp`.
    #[serde(default, deserialize_with = "opt_time")]
    pub connected_to_agent_timestamp: Option<DateTime<Utc>>,
    /// `AgentInteractionDuration`: whole seconds the agent interacted with the customer.
    #[serde(default, deserialize_with = "opt_number")]
    pub agent_interaction_duration: Option<f64>,
    /// `CustomerHoldDuration`: whole seconds the customer spent on hold.
    #[serde(default, deserialize_with = "opt_number")]
    pub customer_hold_duration: Option<f64>,
    /// `AfterContactWorkDuration`: whole seconds of after-contact work.
    #[serde(default, deserialize_with = "opt_number")]
    pub after_contact_work_duration: Option<f64>,
    /// `AfterContactWorkStartTimestamp`.
    #[serde(default, deserialize_with = "opt_time")]
    pub after_contact_work_start_timestamp: Option<DateTime<Utc>>,
    /// `AfterContactWorkEndTimestamp`.
    #[serde(default, deserialize_with = "opt_time")]
    pub after_contact_work_end_timestamp: Option<DateTime<Utc>>,
    /// `NumberOfHolds`.
    #[serde(default, deserialize_with = "opt_number")]
    pub number_of_holds: Option<f64>,
}

/// The EventBridge envelope of an "Amazon Connect Contact Event".
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ContactEventEnvelope {
    /// `detail-type`: `Amazon Connect Contact Event` for contact events.
    #[serde(default, rename = "detail-type")]
    pub detail_type: Option<String>,
    /// `source`: `aws.connect`.
    #[serde(default)]
    pub source: Option<String>,
    /// `time`.
    #[serde(default, deserialize_with = "opt_time")]
    pub time: Option<DateTime<Utc>>,
    /// `detail`: the contact event.
    pub detail: serde_json::Value,
}

/// A contact event (the `detail` of the EventBridge event). The documentation's samples spell
/// some keys in camelCase and others in PascalCase (`agentInfo` and `AgentInfo`); both are read.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactEvent {
    /// `EventType`: `INITIATED`, `CONNECTED_TO_SYSTEM`, `QUEUED`, `CONNECTED_TO_AGENT`,
    /// `DISCONNECTED`, `COMPLETED`, `CONTACT_DATA_UPDATED` ….
    #[serde(alias = "EventType")]
    pub event_type: String,
    /// `ContactId`.
    #[serde(alias = "ContactId")]
    pub contact_id: String,
    /// `InitialContactId`.
    #[serde(default, alias = "InitialContactId")]
    pub initial_contact_id: Option<String>,
    /// `PreviousContactId`.
    #[serde(default, alias = "PreviousContactId")]
    pub previous_contact_id: Option<String>,
    /// `Channel`: `VOICE`, `CHAT`, `TASK`, `EMAIL` (the samples also show `Voice`).
    #[serde(default, alias = "Channel")]
    pub channel: Option<String>,
    /// `InitiationMethod`.
    #[serde(default, alias = "InitiationMethod")]
    pub initiation_method: Option<String>,
    /// `InitiationTimestamp`.
    #[serde(default, alias = "InitiationTimestamp", deserialize_with = "opt_time")]
    pub initiation_timestamp: Option<DateTime<Utc>>,
    /// `ConnectedToSystemTimestamp`.
    #[serde(
        default,
        alias = "ConnectedToSystemTimestamp",
        deserialize_with = "opt_time"
    )]
    pub connected_to_system_timestamp: Option<DateTime<Utc>>,
    /// `DisconnectTimestamp`.
    #[serde(default, alias = "DisconnectTimestamp", deserialize_with = "opt_time")]
    pub disconnect_timestamp: Option<DateTime<Utc>>,
    /// `DisconnectReason`, when the event carries it.
    #[serde(default, alias = "DisconnectReason")]
    pub disconnect_reason: Option<String>,
    /// `QueueInfo`.
    #[serde(default, alias = "QueueInfo")]
    pub queue_info: Option<EventQueueInfo>,
    /// `AgentInfo`.
    #[serde(default, alias = "AgentInfo")]
    pub agent_info: Option<EventAgentInfo>,
    /// User-defined contact attributes, when the event carries them.
    #[serde(default, alias = "Attributes")]
    pub attributes: Option<Attributes>,
}

/// `QueueInfo` of a contact event.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventQueueInfo {
    /// `QueueArn`.
    #[serde(default, alias = "QueueArn")]
    pub queue_arn: Option<String>,
    /// `QueueType`.
    #[serde(default, alias = "QueueType")]
    pub queue_type: Option<String>,
    /// `EnqueueTimestamp`.
    #[serde(default, alias = "EnqueueTimestamp", deserialize_with = "opt_time")]
    pub enqueue_timestamp: Option<DateTime<Utc>>,
}

/// `AgentInfo` of a contact event.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventAgentInfo {
    /// `AgentArn`.
    #[serde(default, alias = "AgentArn")]
    pub agent_arn: Option<String>,
    /// `ConnectedToAgentTimestamp`.
    #[serde(
        default,
        alias = "ConnectedToAgentTimestamp",
        deserialize_with = "opt_time"
    )]
    pub connected_to_agent_timestamp: Option<DateTime<Utc>>,
    /// `AfterContactWorkStartTimestamp` (on `COMPLETED`).
    #[serde(
        default,
        alias = "AfterContactWorkStartTimestamp",
        deserialize_with = "opt_time"
    )]
    pub after_contact_work_start_timestamp: Option<DateTime<Utc>>,
    /// `AfterContactWorkEndTimestamp` (on `COMPLETED`).
    #[serde(
        default,
        alias = "AfterContactWorkEndTimestamp",
        deserialize_with = "opt_time"
    )]
    pub after_contact_work_end_timestamp: Option<DateTime<Utc>>,
    /// `AfterContactWorkDuration` in seconds (on `COMPLETED`).
    #[serde(
        default,
        alias = "AfterContactWorkDuration",
        deserialize_with = "opt_number"
    )]
    pub after_contact_work_duration: Option<f64>,
}

/// A Contact Lens output file (post-call or post-chat analysis).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContactLensOutput {
    /// `Version` (`VOICE-2022-11-30` …).
    #[serde(default)]
    pub version: Option<String>,
    /// `Channel`: `VOICE` or `CHAT`.
    #[serde(default)]
    pub channel: Option<String>,
    /// `JobStatus`: `COMPLETED` when the analysis succeeded.
    #[serde(default)]
    pub job_status: Option<String>,
    /// `LanguageCode` (`en-US`, `es-US` …).
    #[serde(default)]
    pub language_code: Option<String>,
    /// `CustomerMetadata`, holding the `ContactId` when present.
    #[serde(default)]
    pub customer_metadata: Option<LensCustomerMetadata>,
    /// `Participants`: id → role.
    #[serde(default)]
    pub participants: Vec<LensParticipant>,
    /// `Categories`.
    #[serde(default)]
    pub categories: Option<LensCategories>,
    /// `ConversationCharacteristics` (only the chat per-message sentiment is read).
    #[serde(default)]
    pub conversation_characteristics: Option<LensCharacteristics>,
    /// `Transcript`: the turns, one item per utterance or message.
    #[serde(default)]
    pub transcript: Vec<LensTranscriptItem>,
}

/// `CustomerMetadata` of a Contact Lens file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensCustomerMetadata {
    /// `ContactId`.
    #[serde(default)]
    pub contact_id: Option<String>,
    /// `InstanceId`.
    #[serde(default)]
    pub instance_id: Option<String>,
}

/// A participant of a Contact Lens file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensParticipant {
    /// `ParticipantId`.
    #[serde(default)]
    pub participant_id: Option<String>,
    /// `ParticipantRole`: `AGENT`, `CUSTOMER`, `SYSTEM`, `CUSTOM_BOT` ….
    #[serde(default)]
    pub participant_role: Option<String>,
}

/// `Categories` of a Contact Lens file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensCategories {
    /// `MatchedCategories`: names of the rules' categories that matched.
    #[serde(default)]
    pub matched_categories: Vec<String>,
}

/// `ConversationCharacteristics` of a Contact Lens file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensCharacteristics {
    /// `Sentiment`.
    #[serde(default)]
    pub sentiment: Option<LensSentiment>,
}

/// `ConversationCharacteristics.Sentiment` of a Contact Lens file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensSentiment {
    /// `DetailsByTranscriptItemGroup` (chat): the sentiment of groups of messages.
    #[serde(default)]
    pub details_by_transcript_item_group: Vec<LensItemGroup>,
}

/// One entry of `DetailsByTranscriptItemGroup`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensItemGroup {
    /// `Sentiment`: `POSITIVE`, `NEGATIVE`, `NEUTRAL`, `MIXED`.
    #[serde(default)]
    pub sentiment: Option<String>,
    /// `TranscriptItems`: the messages (`Id`) of the group.
    #[serde(default)]
    pub transcript_items: Vec<LensItemRef>,
}

/// A reference to a transcript item.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensItemRef {
    /// `Id` of the item.
    #[serde(default)]
    pub id: Option<String>,
}

/// One `Transcript` item of a Contact Lens file (voice utterance or chat message/event).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LensTranscriptItem {
    /// `Id`.
    #[serde(default)]
    pub id: Option<String>,
    /// `ParticipantId`.
    #[serde(default)]
    pub participant_id: Option<String>,
    /// `ParticipantRole` (chat).
    #[serde(default)]
    pub participant_role: Option<String>,
    /// `Content`: the words.
    #[serde(default)]
    pub content: Option<String>,
    /// `BeginOffsetMillis` (voice).
    #[serde(default, deserialize_with = "opt_number")]
    pub begin_offset_millis: Option<f64>,
    /// `EndOffsetMillis` (voice).
    #[serde(default, deserialize_with = "opt_number")]
    pub end_offset_millis: Option<f64>,
    /// `Sentiment` (voice): `POSITIVE`, `NEGATIVE`, `NEUTRAL`, `MIXED`.
    #[serde(default)]
    pub sentiment: Option<String>,
    /// `AbsoluteTime` (chat).
    #[serde(default, deserialize_with = "opt_time")]
    pub absolute_time: Option<DateTime<Utc>>,
    /// `ContentType` (chat): `text/plain`, `text/markdown`, or an event type.
    #[serde(default)]
    pub content_type: Option<String>,
    /// `Type` (chat): `MESSAGE` or `EVENT`.
    #[serde(default, rename = "Type")]
    pub kind: Option<String>,
}

pub(crate) fn detect(req: &Request, sniff: &Sniff) -> Result<Format, Error> {
    if let Some(obj) = sniff.json.as_ref().and_then(|v| v.as_object()) {
        let has = |k: &str| obj.contains_key(k);
        if has("records") && has("requestId") {
            return Ok(Format::Firehose);
        }
        if has("detail-type") || has("detail") || (has("eventType") && has("contactId")) {
            return Ok(Format::Eventbridge);
        }
        if has("EventType") && has("ContactId") {
            return Ok(Format::Eventbridge);
        }
        if has("Transcript") || has("JobStatus") || has("ConversationCharacteristics") {
            return Ok(Format::ContactLens);
        }
        if has("ContactId") {
            return Ok(Format::Ctr);
        }
        return Err(unknown_shape());
    }
    if req.header("x-amz-firehose-request-id").is_some()
        || req.header(FIREHOSE_KEY_HEADER).is_some()
    {
        return Ok(Format::Firehose);
    }
    // Not a JSON object (truncated or not JSON): guess from the bytes so that the sender is
    // still authenticated before the malformed body is reported.
    let body = &req.body;
    let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    if contains(b"\"requestId\"") {
        Ok(Format::Firehose)
    } else if contains(b"\"detail-type\"") || contains(b"\"eventType\"") {
        Ok(Format::Eventbridge)
    } else if contains(b"\"Transcript\"") {
        Ok(Format::ContactLens)
    } else if contains(b"\"ContactId\"") {
        Ok(Format::Ctr)
    } else {
        Err(unknown_shape())
    }
}

fn unknown_shape() -> Error {
    fail::unsupported(
        "the body is not an Amazon Connect payload cxkit reads: expected a Firehose delivery \
         ({requestId, records}), an EventBridge contact event, a Contact Lens output file or a \
         contact record; name one with options.format",
    )
}

pub(crate) fn verify(
    req: &Request,
    format: Format,
    options: &Options,
) -> Result<(Scheme, Option<usize>), Error> {
    let header = options
        .api_key_header
        .as_deref()
        .unwrap_or(DEFAULT_KEY_HEADER);
    match format {
        Format::Firehose => shared_key_scheme(
            req,
            format,
            options,
            FIREHOSE_KEY_HEADER,
            "an Amazon Data Firehose delivery",
        ),
        _ => shared_key_scheme(req, format, options, header, "an Amazon Connect webhook"),
    }
}

pub(crate) fn handle(
    req: &Request,
    format: Format,
    sniff: Sniff,
    options: &Options,
) -> Result<Outcome, Error> {
    if let Some(enc) = req.header("content-encoding")
        && !enc.trim().eq_ignore_ascii_case("identity")
    {
        return Err(Error::new(
            cxkit_core::ErrorCode::UnsupportedEvent,
            format!(
                "Content-Encoding \"{}\" is not decoded by cxkit: turn off GZIP compression on the Firehose HTTP endpoint destination, or decompress the body before calling (DecompressionStream at the edge)",
                cxkit_core::text::excerpt(enc)
            ),
        )
        .with_field("headers.content-encoding"));
    }
    let value = sniff.into_json(&req.body)?;
    match format {
        Format::Firehose => firehose(value, options),
        Format::Eventbridge => eventbridge(value, options),
        Format::ContactLens => {
            let file: ContactLensOutput = de::from_value(value, "")?;
            Ok(contact_lens(&file))
        }
        _ => {
            let ctr: ContactTraceRecord = de::from_value(value, "")?;
            let (contact, surveys) = map_ctr(&ctr, options);
            Ok(Outcome::new("ctr", vec![contact], surveys, Vec::new()))
        }
    }
}

fn firehose(value: serde_json::Value, options: &Options) -> Result<Outcome, Error> {
    let batch: FirehoseRequest = de::from_value(value, "")?;
    let mut contacts = Vec::new();
    let mut surveys = Vec::new();
    let mut skipped = 0usize;
    for (i, record) in batch.records.iter().enumerate() {
        let field = format!("records[{i}].data");
        let data = verify::unb64(&record.data)
            .ok_or_else(|| fail::malformed(&field, format!("{field} is not base64")))?;
        if data.iter().all(u8::is_ascii_whitespace) {
            skipped += 1;
            continue;
        }
        let doc: serde_json::Value = de::json(&data, &field)?;
        if doc.get("ContactId").is_none() {
            // Agent events or other records sharing the stream.
            skipped += 1;
            continue;
        }
        let ctr: ContactTraceRecord = de::from_value(doc, &field)?;
        let (c, s) = map_ctr(&ctr, options);
        contacts.push(c);
        surveys.extend(s);
    }
    let reply_ts = options
        .now
        .or(batch.timestamp)
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    let body = serde_json::json!({ "requestId": batch.request_id, "timestamp": reply_ts });
    let mut out = Outcome::new("firehose", contacts, surveys, Vec::new()).with_reason(
        (skipped > 0)
            .then(|| format!("{skipped} record(s) were not contact records and were skipped")),
    );
    out.response = Some(Reply {
        status: 200,
        content_type: "application/json".to_string(),
        body: body.to_string(),
    });
    Ok(out)
}

fn eventbridge(value: serde_json::Value, options: &Options) -> Result<Outcome, Error> {
    let (detail, prefix) = if value.get("detail").is_some() {
        let env: ContactEventEnvelope = de::from_value(value, "")?;
        let kind = env.detail_type.clone().unwrap_or_default();
        if kind != "Amazon Connect Contact Event" {
            return Ok(Outcome::ignored(
                format!("eventbridge:{kind}"),
                format!("EventBridge detail-type \"{kind}\" is not a contact event"),
            ));
        }
        (env.detail, "detail")
    } else {
        (value, "")
    };
    let ev: ContactEvent = de::from_value(detail, prefix)?;
    let event = format!("eventbridge:{}", ev.event_type);
    match map_event(&ev, options) {
        Some((contact, surveys)) => Ok(Outcome::new(event, vec![contact], surveys, Vec::new())),
        None => Ok(Outcome::ignored(
            event,
            format!("contact event type \"{}\" is not mapped", ev.event_type),
        )),
    }
}

fn channel(name: Option<&str>) -> Channel {
    match name.map(str::to_ascii_uppercase).as_deref() {
        Some("VOICE") => Channel::Voice,
        Some("CHAT") => Channel::Chat,
        Some("EMAIL") => Channel::Email,
        _ => Channel::Other,
    }
}

fn direction(method: Option<&str>) -> Option<Direction> {
    match method.map(str::to_ascii_uppercase).as_deref() {
        Some("INBOUND") => Some(Direction::Inbound),
        Some("OUTBOUND") | Some("CALLBACK") => Some(Direction::Outbound),
        _ => None,
    }
}

fn csat(
    attributes: Option<&Attributes>,
    contact: &Contact,
    at: Option<DateTime<Utc>>,
    options: &Options,
) -> Option<SurveyResponse> {
    let name = options.csat_attribute();
    let text = attribute_text(attributes?.get(name)?)?;
    let answer = answer_from_text(&text)?;
    let mut s = survey(
        format!("{}:{name}", contact.id),
        SurveyKind::Csat,
        options.csat_scale(),
        answer,
        at,
    );
    s.contact_id = Some(contact.id.clone());
    s.customer_id = contact.customer_id.clone();
    s.agent_id = contact.agent_id.clone();
    s.queue = contact.queue.clone();
    s.channel = Some(contact.channel);
    Some(s)
}

/// Maps a contact record to a contact and, when the CSAT attribute is set, a survey answer.
pub fn map_ctr(ctr: &ContactTraceRecord, options: &Options) -> (Contact, Vec<SurveyResponse>) {
    let mut c = contact(&ctr.contact_id, PLATFORM, channel(ctr.channel.as_deref()));
    c.direction = direction(ctr.initiation_method.as_deref());
    c.customer_id = ctr
        .customer_endpoint
        .as_ref()
        .and_then(|e| e.address.clone());
    c.started_at = ctr.initiation_timestamp;
    c.ended_at = ctr.disconnect_timestamp;
    c.disconnect_reason = ctr.disconnect_reason.clone();
    let connected = ctr
        .agent
        .as_ref()
        .and_then(|a| a.connected_to_agent_timestamp);
    if let Some(q) = &ctr.queue {
        c.queue = q.name.clone().or_else(|| q.arn.as_deref().map(arn_id));
        c.offered_at = q.enqueue_timestamp;
        c.queue_wait_s = q.duration;
        if q.enqueue_timestamp.is_some() {
            let abandoned = connected.is_none();
            c.abandoned = Some(abandoned);
            if abandoned {
                c.abandoned_at = q.dequeue_timestamp.or(ctr.disconnect_timestamp);
            }
        }
    }
    if let Some(a) = &ctr.agent {
        c.agent_id = a.arn.as_deref().map(arn_id).or_else(|| a.username.clone());
        c.answered_at = a.connected_to_agent_timestamp;
        c.talk_s = a.agent_interaction_duration;
        c.hold_s = a.customer_hold_duration;
        c.acw_s = a.after_contact_work_duration;
        if c.talk_s.is_some() || c.hold_s.is_some() || c.acw_s.is_some() {
            c.handle_s =
                Some(c.talk_s.unwrap_or(0.0) + c.hold_s.unwrap_or(0.0) + c.acw_s.unwrap_or(0.0));
        }
    }
    if ctr.next_contact_id.is_some() || ctr.transfer_completed_timestamp.is_some() {
        c.transfers = 1;
    }
    let at = ctr.disconnect_timestamp.or(ctr.last_update_timestamp);
    let surveys = csat(ctr.attributes.as_ref(), &c, at, options)
        .into_iter()
        .collect();
    (c, surveys)
}

/// Maps a contact event to a partial contact (and a survey answer when it carries the CSAT
/// attribute); `None` for event types cxkit does not read.
pub fn map_event(ev: &ContactEvent, options: &Options) -> Option<(Contact, Vec<SurveyResponse>)> {
    let mut c = partial_contact(&ev.contact_id, PLATFORM, channel(ev.channel.as_deref()));
    c.direction = direction(ev.initiation_method.as_deref());
    c.started_at = ev.initiation_timestamp;
    if let Some(q) = &ev.queue_info {
        c.queue = q.queue_arn.as_deref().map(arn_id);
    }
    if let Some(a) = &ev.agent_info {
        c.agent_id = a.agent_arn.as_deref().map(arn_id);
    }
    match ev.event_type.to_ascii_uppercase().as_str() {
        "INITIATED" | "CONNECTED_TO_SYSTEM" | "CONTACT_DATA_UPDATED" => {}
        "QUEUED" => c.offered_at = ev.queue_info.as_ref().and_then(|q| q.enqueue_timestamp),
        "CONNECTED_TO_AGENT" => {
            c.offered_at = ev.queue_info.as_ref().and_then(|q| q.enqueue_timestamp);
            c.answered_at = ev
                .agent_info
                .as_ref()
                .and_then(|a| a.connected_to_agent_timestamp);
            c.abandoned = Some(false);
        }
        "DISCONNECTED" => {
            c.ended_at = ev.disconnect_timestamp;
            c.disconnect_reason = ev.disconnect_reason.clone();
            c.offered_at = ev.queue_info.as_ref().and_then(|q| q.enqueue_timestamp);
            c.answered_at = ev
                .agent_info
                .as_ref()
                .and_then(|a| a.connected_to_agent_timestamp);
            if ev.queue_info.is_some() {
                let abandoned = ev.agent_info.is_none();
                c.abandoned = Some(abandoned);
                if abandoned {
                    c.abandoned_at = ev.disconnect_timestamp;
                }
            }
        }
        "COMPLETED" => {
            c.ended_at = ev.disconnect_timestamp;
            if let Some(a) = &ev.agent_info {
                c.answered_at = a.connected_to_agent_timestamp;
                c.acw_s = a.after_contact_work_duration.or_else(|| {
                    match (
                        a.after_contact_work_start_timestamp,
                        a.after_contact_work_end_timestamp,
                    ) {
                        (Some(s), Some(e)) => Some((e - s).num_milliseconds() as f64 / 1000.0),
                        _ => None,
                    }
                });
            }
        }
        _ => return None,
    }
    let surveys = csat(ev.attributes.as_ref(), &c, ev.disconnect_timestamp, options)
        .into_iter()
        .collect();
    Some((c, surveys))
}

fn speaker(role: &str) -> Speaker {
    match role.to_ascii_uppercase().as_str() {
        "AGENT" | "SUPERVISOR" => Speaker::Agent,
        "CUSTOMER" => Speaker::Customer,
        "CUSTOM_BOT" | "BOT" => Speaker::Bot,
        _ => Speaker::System,
    }
}

/// The platform sentiment of a turn in −1..1.
pub fn sentiment_score(label: &str) -> Option<f64> {
    match label.to_ascii_uppercase().as_str() {
        "POSITIVE" => Some(1.0),
        "NEGATIVE" => Some(-1.0),
        "NEUTRAL" | "MIXED" => Some(0.0),
        _ => None,
    }
}

/// Maps a Contact Lens file to a transcript. Each transcript item is one turn (consecutive
/// turns of one speaker stay separate); chat events (joins, typing) and non-text messages are
/// skipped; chat offsets count from the first item's `AbsoluteTime`.
pub fn contact_lens(file: &ContactLensOutput) -> Outcome {
    let event = "contact-lens".to_string();
    if let Some(status) = &file.job_status
        && !status.eq_ignore_ascii_case("COMPLETED")
    {
        return Outcome::ignored(event, format!("JobStatus is \"{status}\", not COMPLETED"));
    }
    let roles: BTreeMap<&str, &str> = file
        .participants
        .iter()
        .filter_map(|p| Some((p.participant_id.as_deref()?, p.participant_role.as_deref()?)))
        .collect();
    let group_sentiment: BTreeMap<&str, f64> = file
        .conversation_characteristics
        .as_ref()
        .and_then(|c| c.sentiment.as_ref())
        .map(|s| {
            s.details_by_transcript_item_group
                .iter()
                .filter_map(|g| Some((g, sentiment_score(g.sentiment.as_deref()?)?)))
                .flat_map(|(g, score)| {
                    g.transcript_items
                        .iter()
                        .filter_map(move |i| Some((i.id.as_deref()?, score)))
                })
                .collect()
        })
        .unwrap_or_default();
    let origin = file.transcript.iter().filter_map(|t| t.absolute_time).min();
    let mut turns = Vec::new();
    for item in &file.transcript {
        if item
            .kind
            .as_deref()
            .is_some_and(|k| !k.eq_ignore_ascii_case("MESSAGE"))
        {
            continue;
        }
        if let Some(ct) = &item.content_type
            && !(ct.starts_with("text/plain") || ct.starts_with("text/markdown"))
        {
            continue;
        }
        let Some(text) = item.content.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let role = item
            .participant_role
            .as_deref()
            .or_else(|| {
                item.participant_id
                    .as_deref()
                    .and_then(|id| roles.get(id).copied())
            })
            .or(item.participant_id.as_deref())
            .unwrap_or("SYSTEM");
        let chat_offset = match (item.absolute_time, origin) {
            (Some(t), Some(o)) => Some((t - o).num_milliseconds() as f64),
            _ => None,
        };
        turns.push(Turn {
            speaker: speaker(role),
            text: text.to_string(),
            start_ms: item.begin_offset_millis.or(chat_offset),
            end_ms: item.end_offset_millis,
            platform_sentiment: item
                .sentiment
                .as_deref()
                .and_then(sentiment_score)
                .or_else(|| {
                    item.id
                        .as_deref()
                        .and_then(|id| group_sentiment.get(id).copied())
                }),
        });
    }
    if turns.is_empty() {
        return Outcome::ignored(event, "the Contact Lens file has no text turns");
    }
    let transcript = Transcript {
        contact_id: file
            .customer_metadata
            .as_ref()
            .and_then(|m| m.contact_id.clone()),
        language: file.language_code.as_deref().and_then(language_from_locale),
        turns,
    };
    Outcome::new(event, Vec::new(), Vec::new(), vec![transcript])
}
