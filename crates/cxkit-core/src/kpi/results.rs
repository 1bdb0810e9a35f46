//! KPI results.

use std::collections::BTreeMap;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::survey::Rejected;

/// Records a KPI could not measure (and left out of it rather than guess).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unmeasured {
    /// Answered contacts without `queueWaitS` or `offeredAt` (left out of service level and
    /// ASA).
    pub wait: u64,
    /// Handled contacts without the AHT components (left out of AHT).
    pub handle_time: u64,
    /// Closed cases without `startedAt` and `endedAt` (left out of mean days to close).
    pub close_time: u64,
}

/// The operations KPIs over a set of contacts. Shares are 0–1, times are seconds (days for
/// `meanDaysToClose`); a KPI whose denominator is zero is `null`, never NaN.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiResult {
    /// Complete contacts counted.
    pub contacts: u64,
    /// Partial records not yet complete (counted nowhere else).
    pub in_progress: u64,
    /// Inbound contacts.
    pub inbound: u64,
    /// Outbound contacts.
    pub outbound: u64,
    /// Inbound contacts offered to a queue.
    pub offered: u64,
    /// Offered contacts answered by an agent.
    pub answered: u64,
    /// Offered contacts abandoned in queue.
    pub abandoned: u64,
    /// Abandons after a wait shorter than `shortAbandonSeconds`.
    pub short_abandons: u64,
    /// Offered contacts that left the queue otherwise (callback, transfer, voicemail, timeout).
    pub flow_outs: u64,
    /// Offered contacts still waiting in queue when the record was made (neither answered,
    /// abandoned nor ended); left out of service level and abandonment.
    pub waiting: u64,
    /// Answered contacts whose wait met the threshold.
    pub answered_within_threshold: u64,
    /// Service level: answered within the threshold ÷ the chosen base.
    pub service_level: Option<f64>,
    /// Abandoned ÷ the chosen base.
    pub abandonment_rate: Option<f64>,
    /// Average speed of answer, seconds.
    pub asa: Option<f64>,
    /// Contacts handled by an agent (answered, or with talk or handle time).
    pub handled: u64,
    /// Average handle time, seconds (the chosen components).
    pub aht: Option<f64>,
    /// Average talk time of contacts with `talkS`, seconds.
    pub average_talk: Option<f64>,
    /// Average hold time of contacts with `holdS`, seconds.
    pub average_hold: Option<f64>,
    /// Average after-contact work of contacts with `acwS`, seconds.
    pub average_acw: Option<f64>,
    /// Handle time ÷ staffed time (`null` without staffed time).
    pub occupancy: Option<f64>,
    /// Inbound contacts contained in self-service.
    pub contained: u64,
    /// Contained ÷ inbound contacts.
    pub containment_rate: Option<f64>,
    /// Handled contacts with at least one transfer.
    pub transferred: u64,
    /// Transferred ÷ handled.
    pub transfer_rate: Option<f64>,
    /// Contacts on case channels.
    pub cases: u64,
    /// Cases not closed.
    pub backlog: u64,
    /// Cases closed.
    pub cases_closed: u64,
    /// Mean days from `startedAt` to `endedAt` of closed cases.
    pub mean_days_to_close: Option<f64>,
    /// What could not be measured.
    pub unmeasured: Unmeasured,
    /// Records left out with `onInvalid: "skip"` (overall only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Rejected>,
}

/// One breakdown row: the group's key and its KPIs.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiGroup {
    /// Dimension → value (`null` when the contacts lack the attribute), for example
    /// `{"queue": "billing", "interval": "2026-11-23T09:30"}`.
    pub key: BTreeMap<String, Option<String>>,
    /// The KPIs of the group.
    pub kpis: KpiResult,
}

impl Serialize for KpiGroup {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// `{key, ...kpis}`.
        #[derive(Serialize)]
        struct Row<'a> {
            key: &'a BTreeMap<String, Option<String>>,
            #[serde(flatten)]
            kpis: &'a KpiResult,
        }
        Row {
            key: &self.key,
            kpis: &self.kpis,
        }
        .serialize(s)
    }
}

/// KPIs over all contacts and, with `groupBy`, per group.
///
/// Serialises as the plain [`KpiResult`] without `groupBy` and as `{overall, groups: [{key,
/// ...kpis}]}` with it (the shape of the survey reports).
#[derive(Debug, Clone, PartialEq)]
pub struct KpiReport {
    /// Over every contact.
    pub overall: KpiResult,
    /// Breakdown rows; `None` without `groupBy`.
    pub groups: Option<Vec<KpiGroup>>,
}

impl Serialize for KpiReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.groups {
            None => self.overall.serialize(s),
            Some(groups) => {
                let mut st = s.serialize_struct("KpiReport", 2)?;
                st.serialize_field("overall", &self.overall)?;
                st.serialize_field("groups", groups)?;
                st.end()
            }
        }
    }
}
