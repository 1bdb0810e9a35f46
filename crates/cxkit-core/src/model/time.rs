//! Reading timestamps in the shapes exports and platforms actually write (moved here from
//! `cxkit-adapters::de` so that the webhook adapters and [`crate::import`] share one parser).
//!
//! [`parse_time`] accepts, in this order:
//! - RFC 3339 (`2026-11-23T10:00:00Z`, `2026-11-23T10:00:00.123+01:00`), what Amazon Connect,
//!   Genesys, Zendesk and Twilio Event Streams send;
//! - ISO 8601 with a colon-less offset (`2026-11-23T10:00:00.000+0000`), what the Salesforce REST
//!   API sends;
//! - a date and time without any offset (`2026-11-23 10:00:00`, `2026-11-23T10:00:00`), taken
//!   as **UTC** ([`parse_time_at`] takes it at another offset);
//! - Unix epoch numbers, as numbers or digit strings: seconds when the absolute value is below
//!   10¹¹, milliseconds otherwise (10¹¹ s is the year 5138, 10¹¹ ms is March 1973).

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

/// Epoch values whose absolute value is at least this are milliseconds.
const MILLIS_THRESHOLD: f64 = 1e11;

/// A Unix epoch number (seconds or milliseconds, see the module documentation) as a UTC time.
pub fn from_epoch(n: f64) -> Option<DateTime<Utc>> {
    if !n.is_finite() {
        return None;
    }
    let ms = if n.abs() >= MILLIS_THRESHOLD {
        n
    } else {
        n * 1000.0
    };
    if ms.abs() > 8.2e15 {
        return None;
    }
    Utc.timestamp_millis_opt(ms.round() as i64).single()
}

/// Parses a timestamp in any of the shapes listed in the module documentation; a date and time
/// without an offset is UTC.
///
/// ```
/// use cxkit_core::model::parse_time;
/// let t = parse_time("2026-11-23T10:00:00.000+0000").unwrap();
/// assert_eq!(t, parse_time("2026-11-23T10:00:00Z").unwrap());
/// assert_eq!(t, parse_time("2026-11-23 10:00:00").unwrap());
/// assert_eq!(t, parse_time("1795428000").unwrap());
/// assert_eq!(t, parse_time("1795428000000").unwrap());
/// assert!(parse_time("yesterday").is_none());
/// ```
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    parse_time_at(s, FixedOffset::east_opt(0)?)
}

/// [`parse_time`], but a date and time without an offset is local time at `offset`.
///
/// ```
/// use chrono::FixedOffset;
/// use cxkit_core::model::{parse_time, parse_time_at};
/// let madrid = FixedOffset::east_opt(3600).unwrap();
/// assert_eq!(parse_time_at("2026-11-23 11:00:00", madrid), parse_time("2026-11-23T10:00:00Z"));
/// // An explicit offset wins.
/// assert_eq!(parse_time_at("2026-11-23T10:00:00Z", madrid), parse_time("2026-11-23T10:00:00Z"));
/// ```
pub fn parse_time_at(s: &str, offset: FixedOffset) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return offset
                .from_local_datetime(&t)
                .single()
                .map(|t| t.with_timezone(&Utc));
        }
    }
    if s.bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return s.parse::<f64>().ok().and_then(from_epoch);
    }
    None
}
