//! `Contact`: one customer contact (a call, chat, e-mail, message thread or case) as every
//! platform adapter produces it, and the input of the [`effort`](crate::effort) and
//! [`kpi`](crate::kpi) modules.
//!
//! On the wire every field is camelCase, timestamps are RFC 3339 strings (any offset; kept in
//! UTC) and durations are seconds as numbers:
//!
//! ```
//! use cxkit_core::model::{Channel, Contact};
//! let c: Contact = serde_json::from_str(r#"{
//!     "id": "c-1", "platform": "connect", "customerId": "cust-9", "channel": "voice",
//!     "queue": "billing", "offeredAt": "2026-11-23T09:00:00Z",
//!     "answeredAt": "2026-11-23T10:00:12+01:00", "talkS": 240, "transfers": 1
//! }"#).unwrap();
//! assert_eq!(c.channel, Channel::Voice);
//! assert_eq!(c.queue_wait_seconds(), Some(12.0));
//! assert!(c.is_answered() && !c.is_abandoned());
//! c.check(0).unwrap();
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Channel;

/// The longest duration a record may carry, in seconds (about 31.7 years): anything longer is a
/// data error, and the bound keeps every sum of durations finite.
pub const MAX_DURATION_SECONDS: f64 = 1e9;
use crate::error::{Error, ErrorCode, Result};
use crate::text::excerpt;

/// Who started the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The customer contacted the organisation.
    Inbound,
    /// The organisation contacted the customer (including callbacks placed by an agent).
    Outbound,
}

/// One customer contact (`DESIGN.md`, "Data model").
///
/// Only `id` and `channel` are required. Which fields a metric needs is documented with the
/// metric; a missing field never becomes a made-up value.
///
/// **Status.** A contact is *answered* when `answeredAt` is present; *abandoned* when
/// `abandoned` is `true` or `abandonedAt` is present; *offered* (it reached a queue) when it has
/// `offeredAt` or is answered or abandoned. [`check`](Contact::check) rejects contradictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// Identifier of the contact on its platform.
    pub id: String,
    /// The platform the record comes from (`connect`, `genesys`, `twilio` …); with `id` it
    /// identifies the contact when partial records are merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The customer (used to group contacts into journeys).
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
    /// The agent who handled it (the last one, after transfers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// When the contact started (call arrived, chat opened, case created).
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
    /// When the contact ended (after-contact work included when the platform reports it so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Seconds in queue (wins over `answeredAt − offeredAt` when both are present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_wait_s: Option<f64>,
    /// Seconds of conversation with the agent (hold excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talk_s: Option<f64>,
    /// Seconds the customer was on hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<f64>,
    /// Seconds of after-contact work (wrap-up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acw_s: Option<f64>,
    /// Seconds of handling as the platform reports it (normally talk + hold + ACW).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_s: Option<f64>,
    /// Number of transfers (default 0).
    #[serde(default)]
    pub transfers: u32,
    /// Number of conferences/consultations with another agent (default 0).
    #[serde(default)]
    pub conferences: u32,
    /// Whether the contact was escalated (to a supervisor, a second tier …). Default `false`.
    #[serde(default)]
    pub escalated: bool,
    /// Whether the customer abandoned in queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandoned: Option<bool>,
    /// The platform's disconnect reason, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_reason: Option<String>,
    /// Contact reason / disposition code (used to group contacts into issues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether the agent marked the issue resolved (the disposition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// `true` when the record is an event carrying only part of a contact (see
    /// [`Contact::merge_partial`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
}

impl Contact {
    /// A contact with only its identifier and channel.
    pub fn new(id: impl Into<String>, channel: Channel) -> Self {
        Contact {
            id: id.into(),
            platform: None,
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

    /// `true` when an agent answered the contact (`answeredAt` is present).
    pub fn is_answered(&self) -> bool {
        self.answered_at.is_some()
    }

    /// `true` when the customer abandoned in queue (`abandoned: true` or `abandonedAt`).
    pub fn is_abandoned(&self) -> bool {
        self.abandoned == Some(true) || self.abandoned_at.is_some()
    }

    /// `true` when the contact reached a queue: it has `offeredAt`, or was answered or abandoned.
    pub fn is_offered(&self) -> bool {
        self.offered_at.is_some() || self.is_answered() || self.is_abandoned()
    }

    /// `true` unless `direction` is `outbound`.
    pub fn is_inbound(&self) -> bool {
        self.direction != Some(Direction::Outbound)
    }

    /// `true` when `partial` is `true`.
    pub fn is_partial(&self) -> bool {
        self.partial == Some(true)
    }

    /// The earliest moment the record knows: `startedAt`, else `offeredAt`, `answeredAt`,
    /// `abandonedAt`, `endedAt`.
    pub fn first_at(&self) -> Option<DateTime<Utc>> {
        self.started_at
            .or(self.offered_at)
            .or(self.answered_at)
            .or(self.abandoned_at)
            .or(self.ended_at)
    }

    /// The latest moment the record knows: `endedAt`, else `abandonedAt`, `answeredAt`,
    /// `offeredAt`, `startedAt`.
    pub fn last_at(&self) -> Option<DateTime<Utc>> {
        self.ended_at
            .or(self.abandoned_at)
            .or(self.answered_at)
            .or(self.offered_at)
            .or(self.started_at)
    }

    /// Seconds in queue: `queueWaitS` when present, else `answeredAt − offeredAt` (answered) or
    /// `abandonedAt − offeredAt` (abandoned), to the millisecond; `None` when neither is known.
    pub fn queue_wait_seconds(&self) -> Option<f64> {
        if let Some(w) = self.queue_wait_s {
            return Some(w);
        }
        let offered = self.offered_at?;
        let left = self.answered_at.or(self.abandoned_at)?;
        Some((left - offered).num_milliseconds() as f64 / 1000.0)
    }

    /// The merge key: `platform` and `id`.
    pub fn key(&self) -> (Option<&str>, &str) {
        (self.platform.as_deref(), self.id.as_str())
    }

    /// Checks one record: durations finite, not negative and at most
    /// [`MAX_DURATION_SECONDS`], no contradiction between the
    /// status fields, and timestamps in a possible order. `index` is the record's position in
    /// its list, used in the error (`contacts[3].answeredAt`).
    ///
    /// Impossible orders (error `timestamp_order`): `offeredAt`, `answeredAt`, `abandonedAt` or
    /// `endedAt` before `startedAt`; `answeredAt` or `abandonedAt` before `offeredAt`; `endedAt`
    /// before `offeredAt`, `answeredAt` or `abandonedAt`. Contradictions (error
    /// `invalid_value`): both `answeredAt` and `abandonedAt`; `abandoned: true` with
    /// `answeredAt`; `abandoned: false` with `abandonedAt`; an empty `id`.
    pub fn check(&self, index: usize) -> Result<()> {
        let field = |name: &str| format!("contacts[{index}].{name}");
        let who = || format!("contacts[{index}] (id \"{}\")", excerpt(&self.id));
        let invalid = |name: &str, what: String| {
            Error::new(ErrorCode::InvalidValue, format!("{}: {what}", who()))
                .with_field(field(name))
                .with_index(index)
        };
        if self.id.is_empty() {
            return Err(invalid("id", "id must not be empty".to_string()));
        }
        for (name, value) in [
            ("queueWaitS", self.queue_wait_s),
            ("talkS", self.talk_s),
            ("holdS", self.hold_s),
            ("acwS", self.acw_s),
            ("handleS", self.handle_s),
        ] {
            if let Some(v) = value
                && !(v.is_finite() && (0.0..=MAX_DURATION_SECONDS).contains(&v))
            {
                return Err(invalid(
                    name,
                    format!(
                        "{name} must be a number of seconds from 0 to {MAX_DURATION_SECONDS}, got {v}"
                    ),
                ));
            }
        }
        if self.answered_at.is_some() && self.abandoned_at.is_some() {
            return Err(invalid(
                "abandonedAt",
                "has both answeredAt and abandonedAt".to_string(),
            ));
        }
        if self.abandoned == Some(true) && self.answered_at.is_some() {
            return Err(invalid(
                "abandoned",
                "is abandoned: true but has answeredAt".to_string(),
            ));
        }
        if self.abandoned == Some(false) && self.abandoned_at.is_some() {
            return Err(invalid(
                "abandoned",
                "is abandoned: false but has abandonedAt".to_string(),
            ));
        }
        // (later field, its time, earlier field, its time): later must not precede earlier.
        let pairs = [
            ("offeredAt", self.offered_at, "startedAt", self.started_at),
            ("answeredAt", self.answered_at, "startedAt", self.started_at),
            (
                "abandonedAt",
                self.abandoned_at,
                "startedAt",
                self.started_at,
            ),
            ("endedAt", self.ended_at, "startedAt", self.started_at),
            ("answeredAt", self.answered_at, "offeredAt", self.offered_at),
            (
                "abandonedAt",
                self.abandoned_at,
                "offeredAt",
                self.offered_at,
            ),
            ("endedAt", self.ended_at, "offeredAt", self.offered_at),
            ("endedAt", self.ended_at, "answeredAt", self.answered_at),
            ("endedAt", self.ended_at, "abandonedAt", self.abandoned_at),
        ];
        for (later, later_at, earlier, earlier_at) in pairs {
            if let (Some(l), Some(e)) = (later_at, earlier_at)
                && l < e
            {
                return Err(Error::new(
                    ErrorCode::TimestampOrder,
                    format!(
                        "{}: {later} {} is before {earlier} {}",
                        who(),
                        l.to_rfc3339(),
                        e.to_rfc3339()
                    ),
                )
                .with_field(field(later))
                .with_index(index));
            }
        }
        Ok(())
    }

    /// Folds a later part of the same contact into this one.
    ///
    /// Precedence, field by field (documented, and the same on every surface):
    /// - `platform` and `id` must be equal (else `invalid_value`): they are the merge key;
    /// - `transfers` and `conferences`: the larger value (platforms send running totals, and an
    ///   event that does not know them sends 0);
    /// - `escalated`: `true` if either says so;
    /// - `partial`: the result is partial only if both are (a complete record completes it);
    /// - `channel` and every optional field: the later record's value when it has one; an
    ///   absent field never erases a known one. A *partial* later record with channel `other`
    ///   has no channel to tell (adapters use `other` when an event does not say), so it keeps
    ///   the known one.
    ///
    /// "Later" is the argument: merge events in the order they were emitted. With that order,
    /// the result is the state of the contact after the last event.
    ///
    /// ```
    /// use cxkit_core::model::{Channel, Contact};
    /// let mut first = Contact::new("c-1", Channel::Chat);
    /// first.partial = Some(true);
    /// first.queue = Some("sales".into());
    /// first.transfers = 1;
    /// let mut last = Contact::new("c-1", Channel::Chat);
    /// last.queue = Some("billing".into());
    /// last.resolved = Some(true);
    /// first.merge_partial(&last).unwrap();
    /// assert_eq!(first.queue.as_deref(), Some("billing"));
    /// assert_eq!((first.transfers, first.resolved, first.partial), (1, Some(true), None));
    /// ```
    pub fn merge_partial(&mut self, later: &Contact) -> Result<()> {
        if self.key() != later.key() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!(
                    "cannot merge contact \"{}\" ({}) with contact \"{}\" ({}): platform and id must match",
                    excerpt(&self.id),
                    self.platform.as_deref().unwrap_or("no platform"),
                    excerpt(&later.id),
                    later.platform.as_deref().unwrap_or("no platform"),
                ),
            )
            .with_field("id"));
        }
        fn take<T: Clone>(into: &mut Option<T>, from: &Option<T>) {
            if from.is_some() {
                into.clone_from(from);
            }
        }
        if !(later.is_partial() && later.channel == Channel::Other) {
            self.channel = later.channel;
        }
        take(&mut self.customer_id, &later.customer_id);
        take(&mut self.direction, &later.direction);
        take(&mut self.queue, &later.queue);
        take(&mut self.agent_id, &later.agent_id);
        take(&mut self.started_at, &later.started_at);
        take(&mut self.offered_at, &later.offered_at);
        take(&mut self.answered_at, &later.answered_at);
        take(&mut self.abandoned_at, &later.abandoned_at);
        take(&mut self.ended_at, &later.ended_at);
        take(&mut self.queue_wait_s, &later.queue_wait_s);
        take(&mut self.talk_s, &later.talk_s);
        take(&mut self.hold_s, &later.hold_s);
        take(&mut self.acw_s, &later.acw_s);
        take(&mut self.handle_s, &later.handle_s);
        take(&mut self.abandoned, &later.abandoned);
        take(&mut self.disconnect_reason, &later.disconnect_reason);
        take(&mut self.reason, &later.reason);
        take(&mut self.resolved, &later.resolved);
        self.transfers = self.transfers.max(later.transfers);
        self.conferences = self.conferences.max(later.conferences);
        self.escalated |= later.escalated;
        self.partial = if self.is_partial() && later.is_partial() {
            Some(true)
        } else {
            None
        };
        Ok(())
    }
}

/// Merges the records of a list that share `platform` + `id` (see [`Contact::merge_partial`]),
/// in list order, keeping each contact at the position of its first record. Records that share
/// no key pass through unchanged, so a list without duplicates is returned as it is.
///
/// ```
/// use cxkit_core::model::{merge_partials, Channel, Contact};
/// let mut a = Contact::new("1", Channel::Voice);
/// a.partial = Some(true);
/// let b = Contact::new("2", Channel::Chat);
/// let mut a2 = Contact::new("1", Channel::Voice);
/// a2.talk_s = Some(30.0);
/// let merged = merge_partials(&[a, b, a2]).unwrap();
/// assert_eq!(merged.len(), 2);
/// assert_eq!((merged[0].talk_s, merged[0].partial), (Some(30.0), None));
/// ```
pub fn merge_partials(contacts: &[Contact]) -> Result<Vec<Contact>> {
    let mut out: Vec<Contact> = Vec::with_capacity(contacts.len());
    let mut at: std::collections::HashMap<(Option<&str>, &str), usize> =
        std::collections::HashMap::with_capacity(contacts.len());
    for c in contacts {
        match at.get(&c.key()) {
            Some(&i) => {
                if let Some(into) = out.get_mut(i) {
                    into.merge_partial(c)?;
                }
            }
            None => {
                at.insert(c.key(), out.len());
                out.push(c.clone());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn reads_camel_case_and_defaults() {
        let c: Contact = serde_json::from_str(r#"{"id": "x", "channel": "email"}"#).unwrap();
        assert_eq!(c, Contact::new("x", Channel::Email));
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": "x", "channel": "email", "transfers": 0,
                               "conferences": 0, "escalated": false})
        );
        let full: Contact = serde_json::from_str(
            r#"{"id": "y", "channel": "voice", "direction": "outbound", "agentId": "a1",
                "startedAt": "2026-01-01T00:00:00Z", "endedAt": "2026-01-01T00:05:00Z",
                "acwS": 30, "holdS": 5.5, "escalated": true, "disconnectReason": "AGENT",
                "resolved": false, "partial": true, "unknownField": 1}"#,
        )
        .unwrap();
        assert_eq!(full.direction, Some(Direction::Outbound));
        assert_eq!(full.hold_s, Some(5.5));
        assert!(full.escalated && full.is_partial() && !full.is_inbound());
        let back: Contact = serde_json::from_value(serde_json::to_value(&full).unwrap()).unwrap();
        assert_eq!(back, full);
    }

    #[test]
    fn check_rejects_impossible_orders_naming_the_record() {
        let mut c = Contact::new("c-7", Channel::Voice);
        c.offered_at = Some(at("2026-01-01T10:00:10Z"));
        c.answered_at = Some(at("2026-01-01T10:00:05Z"));
        let e = c.check(3).unwrap_err();
        assert_eq!(e.code, ErrorCode::TimestampOrder);
        assert_eq!(e.field.as_deref(), Some("contacts[3].answeredAt"));
        assert_eq!(e.index, Some(3));
        assert!(e.message.contains("c-7"), "{}", e.message);

        let mut c = Contact::new("c-8", Channel::Chat);
        c.started_at = Some(at("2026-01-01T10:00:00Z"));
        c.ended_at = Some(at("2026-01-01T09:59:59Z"));
        assert_eq!(
            c.check(0).unwrap_err().field.as_deref(),
            Some("contacts[0].endedAt")
        );

        let mut c = Contact::new("c-9", Channel::Voice);
        c.talk_s = Some(f64::NAN);
        let e = c.check(1).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidValue, Some("contacts[1].talkS"))
        );
        c.talk_s = Some(-1.0);
        assert!(c.check(1).is_err());

        let mut c = Contact::new("c-10", Channel::Voice);
        c.answered_at = Some(at("2026-01-01T10:00:00Z"));
        c.abandoned = Some(true);
        assert_eq!(c.check(0).unwrap_err().code, ErrorCode::InvalidValue);
        c.abandoned = None;
        c.abandoned_at = Some(at("2026-01-01T10:00:00Z"));
        assert_eq!(c.check(0).unwrap_err().code, ErrorCode::InvalidValue);
        assert_eq!(
            Contact::new("", Channel::Voice).check(0).unwrap_err().code,
            ErrorCode::InvalidValue
        );
        // Equal timestamps are possible.
        let mut c = Contact::new("ok", Channel::Voice);
        let t = at("2026-01-01T10:00:00Z");
        (c.started_at, c.offered_at, c.answered_at, c.ended_at) =
            (Some(t), Some(t), Some(t), Some(t));
        c.check(0).unwrap();
    }

    #[test]
    fn merge_follows_the_documented_precedence() {
        let mut a = Contact::new("1", Channel::Voice);
        a.platform = Some("connect".into());
        a.partial = Some(true);
        a.transfers = 2;
        a.queue = Some("q1".into());
        a.offered_at = Some(at("2026-01-01T10:00:00Z"));
        let mut b = Contact::new("1", Channel::Voice);
        b.platform = Some("connect".into());
        b.partial = Some(true);
        b.escalated = true;
        b.answered_at = Some(at("2026-01-01T10:00:30Z"));
        a.merge_partial(&b).unwrap();
        assert_eq!(a.transfers, 2);
        assert!(a.escalated && a.is_partial());
        assert_eq!(a.queue.as_deref(), Some("q1"));
        assert_eq!(a.queue_wait_seconds(), Some(30.0));
        // A partial event that does not know the channel keeps the known one.
        let mut unknown = Contact::new("1", Channel::Other);
        unknown.platform = Some("connect".into());
        unknown.partial = Some(true);
        a.merge_partial(&unknown).unwrap();
        assert_eq!(a.channel, Channel::Voice);
        unknown.partial = None;
        a.merge_partial(&unknown).unwrap();
        assert_eq!(a.channel, Channel::Other);
        let mut other = Contact::new("1", Channel::Voice);
        other.platform = Some("genesys".into());
        assert_eq!(
            a.merge_partial(&other).unwrap_err().code,
            ErrorCode::InvalidValue
        );
    }
}
