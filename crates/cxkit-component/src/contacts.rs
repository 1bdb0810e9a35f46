//! The `contacts` interface: WIT contact records to core `Contact`s, and the timestamp readers
//! every new interface shares. Conversion only.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use cxkit_core::model::{Channel, Contact, Direction};
use cxkit_core::{Error, ErrorCode};

use crate::bindings::exports::cxkit::metrics::contacts as wit;

/// Reads an RFC 3339 timestamp as the JSON surfaces do (chrono's `DateTime` parser, any offset,
/// kept in UTC); `invalid_timestamp` naming `field` otherwise.
pub(crate) fn timestamp(text: &str, field: &str) -> Result<DateTime<Utc>, Error> {
    text.parse::<DateTime<FixedOffset>>()
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            Error::new(
                ErrorCode::InvalidTimestamp,
                format!(
                    "{field}: \"{}\" is not an RFC 3339 timestamp ({e})",
                    cxkit_core::text::excerpt(text)
                ),
            )
            .with_field(field)
        })
}

/// Reads a `YYYY-MM-DD` date as the JSON surfaces do; `code` naming `field` otherwise.
pub(crate) fn date(text: &str, field: &str, code: ErrorCode) -> Result<NaiveDate, Error> {
    text.parse::<NaiveDate>().map_err(|e| {
        Error::new(
            code,
            format!(
                "{field}: \"{}\" is not a YYYY-MM-DD date ({e})",
                cxkit_core::text::excerpt(text)
            ),
        )
        .with_field(field)
    })
}

/// An optional timestamp of `contacts[i]`.
fn at(text: Option<String>, i: usize, name: &str) -> Result<Option<DateTime<Utc>>, Error> {
    text.map(|t| timestamp(&t, &format!("contacts[{i}].{name}")).map_err(|e| e.with_index(i)))
        .transpose()
}

pub(crate) fn channel(c: wit::Channel) -> Channel {
    match c {
        wit::Channel::Voice => Channel::Voice,
        wit::Channel::Chat => Channel::Chat,
        wit::Channel::Email => Channel::Email,
        wit::Channel::Sms => Channel::Sms,
        wit::Channel::Social => Channel::Social,
        wit::Channel::Messaging => Channel::Messaging,
        wit::Channel::Video => Channel::Video,
        wit::Channel::Other => Channel::Other,
    }
}

pub(crate) fn to_channel(c: Channel) -> wit::Channel {
    match c {
        Channel::Voice => wit::Channel::Voice,
        Channel::Chat => wit::Channel::Chat,
        Channel::Email => wit::Channel::Email,
        Channel::Sms => wit::Channel::Sms,
        Channel::Social => wit::Channel::Social,
        Channel::Messaging => wit::Channel::Messaging,
        Channel::Video => wit::Channel::Video,
        Channel::Other => wit::Channel::Other,
    }
}

/// `contacts[i]` as a core `Contact`; a malformed timestamp is `invalid_timestamp` naming it.
fn contact(c: wit::Contact, i: usize) -> Result<Contact, Error> {
    Ok(Contact {
        started_at: at(c.started_at, i, "startedAt")?,
        offered_at: at(c.offered_at, i, "offeredAt")?,
        answered_at: at(c.answered_at, i, "answeredAt")?,
        abandoned_at: at(c.abandoned_at, i, "abandonedAt")?,
        ended_at: at(c.ended_at, i, "endedAt")?,
        id: c.id,
        platform: c.platform,
        customer_id: c.customer_id,
        channel: channel(c.channel),
        direction: c.direction.map(|d| match d {
            wit::Direction::Inbound => Direction::Inbound,
            wit::Direction::Outbound => Direction::Outbound,
        }),
        queue: c.queue,
        agent_id: c.agent_id,
        queue_wait_s: c.queue_wait_s,
        talk_s: c.talk_s,
        hold_s: c.hold_s,
        acw_s: c.acw_s,
        handle_s: c.handle_s,
        transfers: c.transfers,
        conferences: c.conferences,
        escalated: c.escalated,
        abandoned: c.abandoned,
        disconnect_reason: c.disconnect_reason,
        reason: c.reason,
        resolved: c.resolved,
        partial: c.partial,
    })
}

/// The contacts of a call, in order; the first malformed one fails with its index.
pub(crate) fn contacts(list: Vec<wit::Contact>) -> Result<Vec<Contact>, Error> {
    list.into_iter()
        .enumerate()
        .map(|(i, c)| contact(c, i))
        .collect()
}
