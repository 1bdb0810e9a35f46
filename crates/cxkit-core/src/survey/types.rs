//! Survey records and options.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::model::Channel;
use crate::stats::IntervalMethod;

/// Which survey a response belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyKind {
    /// Customer satisfaction.
    Csat,
    /// Net Promoter Score (likelihood to recommend, 0–10).
    Nps,
    /// Customer Effort Score.
    Ces,
}

impl SurveyKind {
    /// The lower-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            SurveyKind::Csat => "csat",
            SurveyKind::Nps => "nps",
            SurveyKind::Ces => "ces",
        }
    }

    /// The display name: "CSAT", "NPS" or "CES".
    pub const fn label(self) -> &'static str {
        match self {
            SurveyKind::Csat => "CSAT",
            SurveyKind::Nps => "NPS",
            SurveyKind::Ces => "CES",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<SurveyKind> {
        match name {
            "csat" => Some(SurveyKind::Csat),
            "nps" => Some(SurveyKind::Nps),
            "ces" => Some(SurveyKind::Ces),
            _ => None,
        }
    }
}

/// An answer scale: whole numbers from `min` to `max`, or binary good/bad.
///
/// On the wire a range is `[min, max]` and binary is `"binary"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Whole numbers `min..=max`.
    Range {
        /// Lowest answer.
        min: i32,
        /// Highest answer.
        max: i32,
    },
    /// Two answers: bad (0) and good (1).
    Binary,
}

impl Scale {
    /// The widest range accepted (`max − min`).
    pub const MAX_SPAN: i32 = 100;

    /// A `min..=max` range.
    pub const fn range(min: i32, max: i32) -> Scale {
        Scale::Range { min, max }
    }

    /// Lowest and highest numeric answer (binary: 0 and 1).
    pub const fn bounds(self) -> (i32, i32) {
        match self {
            Scale::Range { min, max } => (min, max),
            Scale::Binary => (0, 1),
        }
    }

    /// Number of points on the scale.
    pub const fn points(self) -> usize {
        let (lo, hi) = self.bounds();
        (hi - lo + 1) as usize
    }

    /// The name of scale point `index` (0-based from the lowest): the number, or
    /// `"bad"`/`"good"` for binary.
    pub fn point_name(self, index: usize) -> String {
        match self {
            Scale::Binary => if index == 0 { "bad" } else { "good" }.to_string(),
            Scale::Range { min, .. } => (min as i64 + index as i64).to_string(),
        }
    }

    /// A human description, for messages: "1–5" or "binary".
    pub fn describe(self) -> String {
        match self {
            Scale::Range { min, max } => format!("{min}–{max}"),
            Scale::Binary => "binary (good/bad)".to_string(),
        }
    }
}

impl Serialize for Scale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scale::Range { min, max } => [*min, *max].serialize(s),
            Scale::Binary => s.serialize_str("binary"),
        }
    }
}

impl<'de> Deserialize<'de> for Scale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Scale;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scale: [min, max] with whole numbers, or \"binary\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scale, E> {
                if v == "binary" {
                    Ok(Scale::Binary)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Scale, A::Error> {
                use serde::de::Error;
                let mut bound = |name: &str| -> Result<i32, A::Error> {
                    let v: f64 = seq
                        .next_element()?
                        .ok_or_else(|| A::Error::custom(format!("scale is missing its {name}")))?;
                    if !v.is_finite() || v.fract() != 0.0 {
                        return Err(A::Error::custom(format!(
                            "scale {name} must be a whole number, got {v}"
                        )));
                    }
                    if v.abs() > 1e6 {
                        return Err(A::Error::custom(format!(
                            "scale {name} must be between -1000000 and 1000000, got {v}"
                        )));
                    }
                    Ok(v as i32)
                };
                let min = bound("min")?;
                let max = bound("max")?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(A::Error::custom(
                        "a scale has exactly two numbers: [min, max]",
                    ));
                }
                if max <= min || max - min > Scale::MAX_SPAN {
                    return Err(A::Error::custom(format!(
                        "scale [{min}, {max}] must have min < max and at most {} steps",
                        Scale::MAX_SPAN
                    )));
                }
                Ok(Scale::Range { min, max })
            }
        }
        d.deserialize_any(V)
    }
}

/// An answer: a number on the scale, or a text label ("very satisfied", "muy fácil", "good").
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A numeric answer.
    Value(f64),
    /// A text answer, resolved through the built-in and custom label sets.
    Label(String),
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Value(v) => s.serialize_f64(*v),
            Answer::Label(l) => s.serialize_str(l),
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer: a number or a label")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Answer, E> {
                Ok(Answer::Value(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Answer, E> {
                Ok(Answer::Value(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Answer, E> {
                Ok(Answer::Value(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer::Label(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One survey answer with its context (`DESIGN.md`: `SurveyResponse`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyResponse {
    /// Identifier of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Survey kind; when present it must match the metric being computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SurveyKind>,
    /// Scale the answer was given on; when present it must match the metric's scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// Numeric answer (wins over `label` when both are present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Text answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// When the customer answered (UTC, RFC 3339 on the wire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responded_at: Option<DateTime<Utc>>,
    /// The contact the survey is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<String>,
    /// The customer who answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// The agent who handled the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// The queue the contact went through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// The channel of the contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

impl SurveyResponse {
    /// A response holding only a numeric answer.
    pub fn with_value(value: f64) -> Self {
        SurveyResponse {
            value: Some(value),
            ..SurveyResponse::default()
        }
    }
}

/// A problem found while reading one input element, kept so that `onInvalid: "skip"` can count it
/// instead of failing the whole batch.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFault {
    /// Error code.
    pub code: ErrorCode,
    /// The field inside the element (for example `value`), if the fault is in a field.
    pub field: Option<&'static str>,
    /// What was wrong.
    pub message: String,
}

/// One element of a `responses` list: a bare number, a bare label, a full response, or an element
/// that could not be read (wrong type from JavaScript, a malformed timestamp …).
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyInput {
    /// A bare numeric answer.
    Value(f64),
    /// A bare text answer.
    Label(String),
    /// A response with its context.
    Response(Box<SurveyResponse>),
    /// An element that could not be read.
    Invalid(InputFault),
}

impl From<f64> for SurveyInput {
    fn from(v: f64) -> Self {
        SurveyInput::Value(v)
    }
}

impl From<&str> for SurveyInput {
    fn from(v: &str) -> Self {
        SurveyInput::Label(v.to_string())
    }
}

impl From<SurveyResponse> for SurveyInput {
    fn from(r: SurveyResponse) -> Self {
        SurveyInput::Response(Box::new(r))
    }
}

/// What to do with an invalid answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnInvalid {
    /// Fail with the first invalid answer's error (default).
    #[default]
    Error,
    /// Skip invalid answers and count them in `rejected`, by reason.
    Skip,
}

/// How to break results down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GroupBy {
    /// By `queue`.
    Queue,
    /// By `agentId`.
    AgentId,
    /// By `channel`.
    Channel,
    /// By calendar day of `respondedAt` at `utcOffsetMinutes` (`2026-11-23`).
    Day,
    /// By ISO 8601 week of `respondedAt` at `utcOffsetMinutes` (`2026-W48`).
    Week,
    /// By calendar month of `respondedAt` at `utcOffsetMinutes` (`2026-11`).
    Month,
}

impl GroupBy {
    /// The camelCase wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            GroupBy::Queue => "queue",
            GroupBy::AgentId => "agentId",
            GroupBy::Channel => "channel",
            GroupBy::Day => "day",
            GroupBy::Week => "week",
            GroupBy::Month => "month",
        }
    }
}

/// Options of `csat`, `nps` and `ces`. Every field is optional; defaults are documented on each.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurveyOptions {
    /// Answer scale. CSAT default `[1, 5]` (also `[1, 7]`, `[1, 10]`, `"binary"` or any range of
    /// at most 100 steps); NPS is always `[0, 10]`; CES follows `version` (`[1, 5]` or `[1, 7]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// CSAT only: the answers counted as satisfied. Default: the top two boxes (4–5, 6–7, 9–10),
    /// `"good"` on a binary scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfied: Option<Vec<Answer>>,
    /// Interval method. CSAT default `wilson` (also `agresti-coull`, `clopper-pearson`,
    /// `jeffreys`, `wald`); NPS default `wald` (also `adjusted-wald`); CES only `t`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<IntervalMethod>,
    /// Confidence level in (0, 1). Default 0.95.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    /// CES only: 1 (1–5 effort, low is good) or 2 (1–7 agreement, high is good). Default 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u8>,
    /// `error` (default) or `skip`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_invalid: Option<OnInvalid>,
    /// Break the result down by queue, agent, channel or time bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<GroupBy>,
    /// Offset from UTC, in minutes, of the calendar used for time buckets (−1080..=1080).
    /// Default 0 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    /// Custom labels: text answer → numeric answer, checked before the built-in labels and
    /// matched case- and accent-insensitively.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, f64>>,
}
