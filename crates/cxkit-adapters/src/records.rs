//! Platform-neutral records produced by the adapters: [`ContactDraft`] and [`TranscriptDraft`].
//!
//! Their fields are exactly those of `DESIGN.md`'s `Contact` and `Transcript` (same names, same
//! types, camelCase on the wire), so that converting them into the core record types is a
//! field-by-field move. They live here only until `cxkit_core::model::{Contact, Transcript}`
//! land; the small enums [`Direction`], [`Speaker`] and [`Language`] mirror the core ones in the
//! same way.
//!
//! Survey answers need no draft: the adapters produce [`cxkit_core::survey::SurveyResponse`]
//! directly.

use chrono::{DateTime, Utc};
use cxkit_core::model::Channel;
use serde::{Deserialize, Serialize};

/// Who started a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The customer contacted the organisation.
    Inbound,
    /// The organisation contacted the customer (callbacks included).
    Outbound,
}

/// One customer contact, or part of one (`partial: true`), as an adapter read it.
///
/// Only `id` and `channel` are always present. When a platform does not say which channel an
/// event belongs to (a Salesforce change event that only changed `Status`, for example), the
/// channel is [`Channel::Other`] and `partial` is `true`: merge such records by `platform` + `id`
/// without letting `other` overwrite a known channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactDraft {
    /// Identifier of the contact on its platform.
    pub id: String,
    /// The platform the record comes from (`amazon-connect`, `genesys`, `twilio`, `zendesk`,
    /// `salesforce`, or what a generic sender declares).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Channel of the contact.
    pub channel: Channel,
    /// Inbound or outbound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The queue the contact was offered to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// The agent who handled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// When the contact started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// When it entered the queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offered_at: Option<DateTime<Utc>>,
    /// When an agent answered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    /// When the customer left the queue without an answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandoned_at: Option<DateTime<Utc>>,
    /// When the contact ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Seconds in queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_wait_s: Option<f64>,
    /// Seconds of conversation with the agent (hold excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talk_s: Option<f64>,
    /// Seconds the customer was on hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<f64>,
    /// Seconds of after-contact work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acw_s: Option<f64>,
    /// Seconds of handling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_s: Option<f64>,
    /// Number of transfers to another agent or queue (ACD routing is not a transfer).
    #[serde(default)]
    pub transfers: u32,
    /// Number of conferences/consultations.
    #[serde(default)]
    pub conferences: u32,
    /// Whether the contact was escalated.
    #[serde(default)]
    pub escalated: bool,
    /// Whether the customer abandoned in queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandoned: Option<bool>,
    /// The platform's disconnect reason, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_reason: Option<String>,
    /// Contact reason / disposition code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether the issue was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// `true` when the record carries only part of a contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
}

impl ContactDraft {
    /// A draft with only its identifier, platform and channel.
    pub fn new(id: impl Into<String>, platform: &str, channel: Channel) -> Self {
        ContactDraft {
            id: id.into(),
            platform: Some(platform.to_string()),
            customer_id: None,
            channel,
            direction: None,
            queue: None,
            agent_id: None,
            started_at: None,
            offered_at: None,
            answered_at: None,
            abandoned_at: None,
            ended_at: None,
            queue_wait_s: None,
            talk_s: None,
            hold_s: None,
            acw_s: None,
            handle_s: None,
            transfers: 0,
            conferences: 0,
            escalated: false,
            abandoned: None,
            disconnect_reason: None,
            reason: None,
            resolved: None,
            partial: None,
        }
    }

    /// The same draft marked `partial: true`.
    pub fn partial(mut self) -> Self {
        self.partial = Some(true);
        self
    }
}

/// Who speaks a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The customer.
    Customer,
    /// A human agent.
    Agent,
    /// An IVR or virtual assistant.
    Bot,
    /// A platform message.
    System,
}

/// The language of a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Detect from the text.
    Auto,
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Language {
    /// The language of a BCP 47 / platform locale code (`en-US`, `es_ES`, `es`): English or
    /// Spanish, `None` for any other language (the scorer then detects it).
    pub fn from_locale(code: &str) -> Option<Language> {
        let primary = code
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "es" => Some(Language::Es),
            _ => None,
        }
    }
}

/// One turn of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnDraft {
    /// Who speaks.
    pub speaker: Speaker,
    /// What was said or written.
    pub text: String,
    /// Start of the turn in milliseconds from the start of the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<f64>,
    /// End of the turn in milliseconds from the start of the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<f64>,
    /// The platform's own sentiment for the turn in −1..1 (NEGATIVE −1, NEUTRAL and MIXED 0,
    /// POSITIVE 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_sentiment: Option<f64>,
}

/// A call or chat transcript.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptDraft {
    /// The contact the transcript belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The language of the transcript; absent means `auto`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The turns in the order they happened.
    pub turns: Vec<TurnDraft>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_serialise_in_the_cxkit_vocabulary() {
        let mut c = ContactDraft::new("c-1", "amazon-connect", Channel::Voice).partial();
        c.queue_wait_s = Some(12.0);
        c.direction = Some(Direction::Inbound);
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["queueWaitS"], 12.0);
        assert_eq!(v["channel"], "voice");
        assert_eq!(v["direction"], "inbound");
        assert_eq!(v["transfers"], 0);
        assert_eq!(v["partial"], true);
        assert!(v.get("talkS").is_none());
        let back: ContactDraft = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
        assert_eq!(Language::from_locale("es-US"), Some(Language::Es));
        assert_eq!(Language::from_locale("fr-FR"), None);
    }
}
