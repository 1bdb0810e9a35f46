//! Survey results.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::error::ErrorCode;
use crate::stats::Interval;

/// Count of answers per scale point, in scale order (lowest first). Serialises as a map from the
/// answer (`"1"`, `"2"` … or `"bad"`, `"good"`) to its count, including zero counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Distribution(pub Vec<(String, u64)>);

impl Serialize for Distribution {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Answers left out with `onInvalid: "skip"`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    /// How many answers were left out.
    pub total: u64,
    /// How many for each error code.
    pub by_reason: BTreeMap<ErrorCode, u64>,
}

/// CSAT: the share of satisfied answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsatResult {
    /// Satisfied answers as a percentage of valid answers, 0–100.
    pub score: f64,
    /// Number of satisfied answers.
    pub satisfied: u64,
    /// Number of valid answers.
    pub n: u64,
    /// Answers left out (absent on breakdown rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Rejected>,
    /// Count per answer.
    pub distribution: Distribution,
    /// Confidence interval of `score`, in percent.
    pub ci: Interval,
}

/// Net Promoter Score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NpsResult {
    /// % promoters − % detractors, −100..100.
    pub score: f64,
    /// Answers 9–10.
    pub promoters: u64,
    /// Answers 7–8.
    pub passives: u64,
    /// Answers 0–6.
    pub detractors: u64,
    /// Promoters as a percentage of `n`.
    pub percent_promoters: f64,
    /// Passives as a percentage of `n`.
    pub percent_passives: f64,
    /// Detractors as a percentage of `n`.
    pub percent_detractors: f64,
    /// Number of valid answers.
    pub n: u64,
    /// Half-width of the interval, in NPS points.
    pub margin_of_error: f64,
    /// Confidence interval in NPS points (clipped to −100..100).
    pub ci: Interval,
    /// Answers left out (absent on breakdown rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Rejected>,
    /// Count per answer 0–10.
    pub distribution: Distribution,
}

/// Customer Effort Score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CesResult {
    /// CES version: 1 (1–5 effort, low is good) or 2 (1–7 agreement, high is good).
    pub version: u8,
    /// Mean answer.
    pub mean: f64,
    /// Sample standard deviation (0 when n = 1).
    pub standard_deviation: f64,
    /// Student t interval of the mean; `None` (null) when n = 1.
    pub ci: Option<Interval>,
    /// Share of "easy" answers in percent: 5–7 on version 2, 1–2 on version 1.
    pub percent_easy: f64,
    /// Number of valid answers.
    pub n: u64,
    /// Answers left out (absent on breakdown rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Rejected>,
    /// Count per answer.
    pub distribution: Distribution,
}

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<R> {
    /// The group: a queue, agent id, channel, `2026-11-23`, `2026-W48` or `2026-11`; `None` for
    /// answers without the attribute.
    pub key: Option<String>,
    /// The metric over the group's answers.
    pub result: R,
}

/// A metric over all answers and, with `groupBy`, per group.
///
/// Serialises as the plain result without `groupBy`, and as `{overall, groups: [{key, ...}]}`
/// with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Report<R> {
    /// The metric over every valid answer.
    pub overall: R,
    /// Breakdown rows, sorted by key (answers without the attribute last); `None` without
    /// `groupBy`.
    pub groups: Option<Vec<Group<R>>>,
}

impl<R: Serialize> Serialize for Group<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// `{key, ...result}`.
        #[derive(Serialize)]
        struct Row<'a, R> {
            key: &'a Option<String>,
            #[serde(flatten)]
            result: &'a R,
        }
        Row {
            key: &self.key,
            result: &self.result,
        }
        .serialize(s)
    }
}

impl<R: Serialize> Serialize for Report<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.groups {
            None => self.overall.serialize(s),
            Some(groups) => {
                let mut st = s.serialize_struct("Report", 2)?;
                st.serialize_field("overall", &self.overall)?;
                st.serialize_field("groups", groups)?;
                st.end()
            }
        }
    }
}

/// The result of any survey metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SurveyReport {
    /// CSAT.
    Csat(Report<CsatResult>),
    /// NPS.
    Nps(Report<NpsResult>),
    /// CES.
    Ces(Report<CesResult>),
}
