//! Reading what platforms actually send: timestamps in several shapes, identifiers as strings or
//! numbers, numbers as strings, and JSON documents with errors that name the field.
//!
//! # Timestamps
//!
//! [`parse_time`] accepts, in this order:
//! - RFC 3339 (`2026-11-23T10:00:00Z`, `2026-11-23T10:00:00.123+01:00`), what Amazon Connect,
//!   Genesys, Zendesk and Twilio Event Streams send;
//! - ISO 8601 with a colon-less offset (`2026-11-23T10:00:00.000+0000`), what the Salesforce REST
//!   API sends;
//! - a date and time without any offset (`2026-11-23 10:00:00`, `2026-11-23T10:00:00`), taken
//!   as **UTC** (ServiceNow's `GlideDateTime` values are UTC, for example);
//! - Unix epoch numbers, as numbers or digit strings: seconds when the absolute value is below
//!   10¹¹, milliseconds otherwise (10¹¹ s is the year 5138, 10¹¹ ms is March 1973), so both
//!   Twilio's seconds and Genesys' `eventTime` milliseconds read correctly.

use chrono::{DateTime, Utc};
use cxkit_core::{Error, ErrorCode};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

use crate::fail;

/// The shared timestamp readers (in `cxkit_core::model`, where [`crate`] and
/// `cxkit_core::import` both use them): [`parse_time`] and [`from_epoch`].
pub use cxkit_core::model::{from_epoch, parse_time};

struct TimeVisitor;

impl<'de> Visitor<'de> for TimeVisitor {
    type Value = Option<DateTime<Utc>>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a timestamp (ISO 8601 / RFC 3339 text or Unix epoch seconds or milliseconds)")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TimeVisitor)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        parse_time(v).map(Some).ok_or_else(|| {
            E::custom(format!(
                "\"{}\" is not a timestamp (expected ISO 8601 or Unix epoch)",
                cxkit_core::text::excerpt(v)
            ))
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        from_epoch(v)
            .map(Some)
            .ok_or_else(|| E::custom(format!("{v} is not a Unix epoch timestamp")))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }
}

/// `deserialize_with` for `Option<DateTime<Utc>>` fields: any timestamp shape, `null` and `""`
/// read as absent.
pub fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    d.deserialize_any(TimeVisitor)
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or a whole number")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TextVisitor)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
}

/// `deserialize_with` for identifiers that platforms send as strings in one place and as
/// integers in another (Zendesk: `"id": "35436"` in events, `"id": 35436` in the REST API).
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// As [`opt_text`], for a required field.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_text(d)?.ok_or_else(|| de::Error::custom("expected a string or a whole number, got null"))
}

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Option<f64>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.is_finite() {
            Ok(Some(v))
        } else {
            Err(E::custom("expected a finite number"))
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(E::custom(format!(
                "\"{}\" is not a number",
                cxkit_core::text::excerpt(v)
            ))),
        }
    }
}

/// `deserialize_with` for numbers that may arrive as digit strings (form-encoded bodies, Twilio
/// `TaskAge`, Salesforce XML): `null` and `""` read as absent.
pub fn opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(NumberVisitor)
}

struct FlagVisitor;

impl<'de> Visitor<'de> for FlagVisitor {
    type Value = Option<bool>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(FlagVisitor)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse_flag(v).ok_or_else(|| {
            E::custom(format!(
                "\"{}\" is not a boolean",
                cxkit_core::text::excerpt(v)
            ))
        })
    }
}

/// A boolean written as text: `true`/`false` (any case), `1`/`0`; `""` is absent.
pub fn parse_flag(v: &str) -> Option<Option<bool>> {
    match v.trim().to_ascii_lowercase().as_str() {
        "" => Some(None),
        "true" | "1" => Some(Some(true)),
        "false" | "0" => Some(Some(false)),
        _ => None,
    }
}

/// `deserialize_with` for booleans that may arrive as `"true"`/`"false"` text.
pub fn opt_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    d.deserialize_any(FlagVisitor)
}

/// Deserializes a JSON document, turning any failure into `malformed_payload` with the path of
/// the offending field (prefixed with `prefix`, for documents nested inside other documents):
/// truncated JSON names the line and column, a wrong type names the field.
pub fn json<T: DeserializeOwned>(bytes: &[u8], prefix: &str) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| path_error(e, prefix))?;
    de.end().map_err(|e| {
        fail::malformed(
            field_name(prefix, ""),
            format!(
                "{}: trailing data after the JSON document ({e})",
                label(prefix)
            ),
        )
    })?;
    Ok(value)
}

/// As [`json`], from an already parsed [`serde_json::Value`].
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, prefix: &str) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| path_error(e, prefix))
}

fn label(prefix: &str) -> &str {
    if prefix.is_empty() { "body" } else { prefix }
}

/// Joins a prefix and a serde path (`records[0]` + `.Agent` → `records[0].Agent`).
pub fn field_name(prefix: &str, path: &str) -> String {
    let path = path.trim_start_matches('.');
    match (prefix.is_empty(), path.is_empty()) {
        (true, true) => "body".to_string(),
        (true, false) => path.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

fn path_error(e: serde_path_to_error::Error<serde_json::Error>, prefix: &str) -> Error {
    let path = e.path().to_string();
    let inner = e.inner();
    let field = field_name(prefix, if path == "." { "" } else { &path });
    let message = if inner.is_eof() || inner.is_syntax() {
        format!(
            "{} is not valid JSON: {} (line {}, column {})",
            label(prefix),
            match inner.classify() {
                serde_json::error::Category::Eof => "it ends early (truncated?)",
                _ => "syntax error",
            },
            inner.line(),
            inner.column()
        )
    } else {
        format!("{field}: {}", strip_position(&inner.to_string()))
    };
    Error::new(ErrorCode::MalformedPayload, message).with_field(field)
}

/// serde_json appends " at line L column C" to data errors; the field path says more.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(msg).to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_every_shape() {
        let z = parse_time("2026-11-23T10:00:00Z").unwrap();
        for s in [
            "2026-11-23T11:00:00+01:00",
            "2026-11-23T10:00:00.000+0000",
            "2026-11-23T05:00:00-0500",
            "2026-11-23 10:00:00",
            "2026-11-23T10:00:00",
            "1795428000",
            "1795428000000",
            " 2026-11-23T10:00:00Z ",
        ] {
            assert_eq!(parse_time(s), Some(z), "{s}");
        }
        assert_eq!(from_epoch(1.7954280e9), Some(z));
        assert_eq!(from_epoch(f64::NAN), None);
        assert_eq!(from_epoch(1e300), None);
        for bad in ["", "soon", "2026-13-40T10:00:00Z", "--", "1.2.3"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_errors_name_the_field_or_the_position() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            items: Vec<Item>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            #[serde(default, deserialize_with = "opt_time")]
            at: Option<DateTime<Utc>>,
            n: u32,
        }
        let e = json::<Doc>(br#"{"items": [{"n": 1}, {"n": "x"}]}"#, "").unwrap_err();
        assert_eq!(e.code, ErrorCode::MalformedPayload);
        assert_eq!(e.field.as_deref(), Some("items[1].n"));
        assert!(
            e.message.starts_with("items[1].n: invalid type"),
            "{}",
            e.message
        );
        let e = json::<Doc>(br#"{"items": [{"n": 1, "at": "later"}]}"#, "records[2]").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("records[2].items[0].at"));
        let e = json::<Doc>(br#"{"items": [{"n": 1"#, "").unwrap_err();
        assert!(e.message.contains("truncated"), "{}", e.message);
        let e = json::<Doc>(br#"{"items": []} x"#, "").unwrap_err();
        assert!(e.message.contains("trailing"), "{}", e.message);
    }
}
