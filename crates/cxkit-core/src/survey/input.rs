//! Lenient reading of `responses` elements from any serde format (JSON, JavaScript values).
//!
//! An element that cannot be read becomes [`SurveyInput::Invalid`] instead of failing the whole
//! list, so that `onInvalid: "skip"` can count it and `onInvalid: "error"` can report its index.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::types::{InputFault, Scale, SurveyInput, SurveyKind, SurveyResponse};
use crate::error::ErrorCode;
use crate::model::Channel;
use crate::text::excerpt;

/// Any JSON-like value, read without failing; strings are borrowed from the input when the
/// format allows (serde_json without escapes), so that fields parsed in place (`respondedAt`,
/// `channel`, `kind`) allocate nothing.
enum Loose<'de> {
    Null,
    Bool,
    Num(f64),
    Str(Cow<'de, str>),
    List(Vec<f64>, bool),
    Map,
}

impl Loose<'_> {
    fn kind(&self) -> &'static str {
        match self {
            Loose::Null => "null",
            Loose::Bool => "a boolean",
            Loose::Num(_) => "a number",
            Loose::Str(_) => "a string",
            Loose::List(..) => "an array",
            Loose::Map => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Loose<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Loose<'de>, E> {
                Ok(Loose::Null)
            }
            fn visit_none<E>(self) -> Result<Loose<'de>, E> {
                Ok(Loose::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose<'de>, D::Error> {
                Loose::deserialize(d)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Loose<'de>, E> {
                Ok(Loose::Bool)
            }
            fn visit_f64<E>(self, v: f64) -> Result<Loose<'de>, E> {
                Ok(Loose::Num(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Loose<'de>, E> {
                Ok(Loose::Num(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Loose<'de>, E> {
                Ok(Loose::Num(v as f64))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Loose<'de>, E> {
                Ok(Loose::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Loose<'de>, E> {
                Ok(Loose::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Loose<'de>, E> {
                Ok(Loose::Str(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
                // Kept only for `scale: [min, max]`; anything else in the list marks it invalid.
                // Items are read one level deep (`Item`), never recursively: a deeply nested
                // array in an ignored field must not grow the stack.
                let mut nums = Vec::new();
                let mut all_numbers = true;
                while let Some(Item(item)) = seq.next_element::<Item>()? {
                    match item {
                        Some(n) if nums.len() < 8 => nums.push(n),
                        _ => all_numbers = false,
                    }
                }
                Ok(Loose::List(nums, all_numbers))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Loose::Map)
            }
        }
        d.deserialize_any(V)
    }
}

/// One element of a list inside a response field: a number, or anything else (skipped without
/// descending into it).
struct Item(Option<f64>);

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Item, E> {
                Ok(Item(Some(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Item, E> {
                Ok(Item(Some(v as f64)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Item, E> {
                Ok(Item(Some(v as f64)))
            }
            fn visit_unit<E>(self) -> Result<Item, E> {
                Ok(Item(None))
            }
            fn visit_none<E>(self) -> Result<Item, E> {
                Ok(Item(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Item, E> {
                Ok(Item(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Item, E> {
                Ok(Item(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Item(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Item(None))
            }
        }
        d.deserialize_any(V)
    }
}

fn fault(code: ErrorCode, field: Option<&'static str>, message: String) -> InputFault {
    InputFault {
        code,
        field,
        message,
    }
}

fn type_fault(field: &'static str, expected: &str, got: &Loose) -> InputFault {
    fault(
        ErrorCode::InvalidType,
        Some(field),
        format!("{field} must be {expected}, got {}", got.kind()),
    )
}

/// Reads an optional text field; numbers are accepted for identifiers and turned into text.
fn opt_string(
    field: &'static str,
    v: Loose<'_>,
    numbers_ok: bool,
) -> Result<Option<String>, InputFault> {
    match v {
        Loose::Null => Ok(None),
        Loose::Str(s) => Ok(Some(s.into_owned())),
        Loose::Num(n) if numbers_ok && n.is_finite() => Ok(Some(n.to_string())),
        other => Err(type_fault(field, "a string", &other)),
    }
}

/// Parses an optional string field in place.
fn opt_parsed<T>(
    field: &'static str,
    v: Loose<'_>,
    parse: impl FnOnce(&str) -> Result<T, InputFault>,
) -> Result<Option<T>, InputFault> {
    match v {
        Loose::Null => Ok(None),
        Loose::Str(s) => parse(&s).map(Some),
        other => Err(type_fault(field, "a string", &other)),
    }
}

fn parse_kind(k: &str) -> Result<SurveyKind, InputFault> {
    SurveyKind::parse(k).ok_or_else(|| {
        fault(
            ErrorCode::InvalidValue,
            Some("kind"),
            format!(
                "kind must be \"csat\", \"nps\" or \"ces\", got \"{}\"",
                excerpt(k)
            ),
        )
    })
}

fn parse_scale(v: Loose<'_>) -> Result<Option<Scale>, InputFault> {
    let bad = |detail: String| fault(ErrorCode::InvalidValue, Some("scale"), detail);
    match v {
        Loose::Null => Ok(None),
        Loose::Str(s) if s == "binary" => Ok(Some(Scale::Binary)),
        Loose::List(nums, all_numbers) => match nums.as_slice() {
            [lo, hi]
                if all_numbers
                    && lo.fract() == 0.0
                    && hi.fract() == 0.0
                    && lo.abs() <= 1e6
                    && hi.abs() <= 1e6
                    && lo < hi =>
            {
                Ok(Some(Scale::range(*lo as i32, *hi as i32)))
            }
            _ => Err(bad(
                "scale must be [min, max] with whole numbers and min < max".to_string(),
            )),
        },
        Loose::Str(s) => Err(bad(format!(
            "scale must be [min, max] or \"binary\", got \"{}\"",
            excerpt(&s)
        ))),
        other => Err(type_fault("scale", "[min, max] or \"binary\"", &other)),
    }
}

/// Reads `respondedAt` (RFC 3339, any offset, kept in UTC), or the `invalid_timestamp` fault.
pub fn parse_responded_at(s: &str) -> Result<DateTime<Utc>, InputFault> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            fault(
                ErrorCode::InvalidTimestamp,
                Some("respondedAt"),
                format!(
                    "respondedAt \"{}\" is not an RFC 3339 timestamp ({e})",
                    excerpt(s)
                ),
            )
        })
}

/// Reads a `channel` name, or the `invalid_value` fault listing the channels.
pub fn parse_channel(s: &str) -> Result<Channel, InputFault> {
    Channel::parse(s).ok_or_else(|| {
        fault(
            ErrorCode::InvalidValue,
            Some("channel"),
            format!(
                "channel must be one of {}; got \"{}\"",
                Channel::ALL.map(Channel::as_str).join(", "),
                excerpt(s)
            ),
        )
    })
}

/// The fields of a response object; anything else is skipped unread.
enum Field {
    Id,
    Kind,
    Scale,
    Value,
    Label,
    RespondedAt,
    ContactId,
    CustomerId,
    AgentId,
    Queue,
    Channel,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "id" => Field::Id,
                    "kind" => Field::Kind,
                    "scale" => Field::Scale,
                    "value" => Field::Value,
                    "label" => Field::Label,
                    "respondedAt" => Field::RespondedAt,
                    "contactId" => Field::ContactId,
                    "customerId" => Field::CustomerId,
                    "agentId" => Field::AgentId,
                    "queue" => Field::Queue,
                    "channel" => Field::Channel,
                    // Platforms send many more fields; they are not errors.
                    _ => Field::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

fn read_field(resp: &mut SurveyResponse, key: Field, v: Loose<'_>) -> Result<(), InputFault> {
    match key {
        Field::Id => resp.id = opt_string("id", v, true)?,
        Field::Kind => resp.kind = opt_parsed("kind", v, parse_kind)?,
        Field::Scale => resp.scale = parse_scale(v)?,
        Field::Value => {
            resp.value = match v {
                Loose::Null => None,
                Loose::Num(n) => Some(n),
                other => return Err(type_fault("value", "a number", &other)),
            }
        }
        Field::Label => resp.label = opt_string("label", v, false)?,
        Field::RespondedAt => resp.responded_at = opt_parsed("respondedAt", v, parse_responded_at)?,
        Field::ContactId => resp.contact_id = opt_string("contactId", v, true)?,
        Field::CustomerId => resp.customer_id = opt_string("customerId", v, true)?,
        Field::AgentId => resp.agent_id = opt_string("agentId", v, true)?,
        Field::Queue => resp.queue = opt_string("queue", v, true)?,
        Field::Channel => resp.channel = opt_parsed("channel", v, parse_channel)?,
        Field::Other => {}
    }
    Ok(())
}

impl<'de> Deserialize<'de> for SurveyInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SurveyInput;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a survey answer: a number, a label or a response object")
            }
            fn visit_f64<E>(self, v: f64) -> Result<SurveyInput, E> {
                Ok(SurveyInput::Value(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<SurveyInput, E> {
                Ok(SurveyInput::Value(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<SurveyInput, E> {
                Ok(SurveyInput::Value(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<SurveyInput, E> {
                Ok(SurveyInput::Label(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<SurveyInput, E> {
                Ok(SurveyInput::Label(v))
            }
            fn visit_bool<E>(self, _: bool) -> Result<SurveyInput, E> {
                Ok(SurveyInput::invalid_type("a boolean"))
            }
            fn visit_unit<E>(self) -> Result<SurveyInput, E> {
                Ok(SurveyInput::invalid_type("null"))
            }
            fn visit_none<E>(self) -> Result<SurveyInput, E> {
                Ok(SurveyInput::invalid_type("null"))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<SurveyInput, D::Error> {
                SurveyInput::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SurveyInput, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(SurveyInput::invalid_type("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SurveyInput, A::Error> {
                let mut resp = SurveyResponse::default();
                let mut first_fault = None;
                while let Some(key) = map.next_key::<Field>()? {
                    if matches!(key, Field::Other) {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    let value: Loose = map.next_value()?;
                    if first_fault.is_none()
                        && let Err(f) = read_field(&mut resp, key, value)
                    {
                        first_fault = Some(f);
                    }
                }
                Ok(match first_fault {
                    Some(f) => SurveyInput::Invalid(f),
                    None => SurveyInput::Response(Box::new(resp)),
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl SurveyInput {
    /// The fault for an element of the wrong type; `kind` describes what it was ("a boolean").
    pub fn invalid_type(kind: &str) -> SurveyInput {
        SurveyInput::Invalid(fault(
            ErrorCode::InvalidType,
            None,
            format!("an answer must be a number, a label or a response object, got {kind}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Vec<SurveyInput> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_numbers_labels_and_objects() {
        let v = read(
            r#"[9, "very satisfied", {"value": 4, "queue": "billing", "agentId": 17,
                 "respondedAt": "2026-11-23T10:00:00+01:00", "channel": "chat", "extra": {"x": [1]}}]"#,
        );
        assert_eq!(v[0], SurveyInput::Value(9.0));
        assert_eq!(v[1], SurveyInput::Label("very satisfied".into()));
        let SurveyInput::Response(r) = &v[2] else {
            panic!("{:?}", v[2])
        };
        assert_eq!(r.value, Some(4.0));
        assert_eq!(r.agent_id.as_deref(), Some("17"));
        assert_eq!(r.channel, Some(Channel::Chat));
        assert_eq!(
            r.responded_at.unwrap().to_rfc3339(),
            "2026-11-23T09:00:00+00:00"
        );
    }

    #[test]
    fn bad_elements_become_faults_not_errors() {
        let v = read(
            r#"[true, null, [1], {"value": "5"}, {"respondedAt": "yesterday"},
                 {"channel": "pigeon"}, {"scale": [1, 5, 7]}, {"kind": "csatt"}]"#,
        );
        let codes: Vec<_> = v
            .iter()
            .map(|i| match i {
                SurveyInput::Invalid(f) => (f.code, f.field),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            codes,
            vec![
                (ErrorCode::InvalidType, None),
                (ErrorCode::InvalidType, None),
                (ErrorCode::InvalidType, None),
                (ErrorCode::InvalidType, Some("value")),
                (ErrorCode::InvalidTimestamp, Some("respondedAt")),
                (ErrorCode::InvalidValue, Some("channel")),
                (ErrorCode::InvalidValue, Some("scale")),
                (ErrorCode::InvalidValue, Some("kind")),
            ]
        );
    }
}
