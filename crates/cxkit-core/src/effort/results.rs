//! Results of the customer-effort indicators.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::options::FcrMethod;
use crate::model::Channel;
use crate::survey::Rejected;

/// Where a journey stands at `asOf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum JourneyStatus {
    /// The repeat window after its last contact is still open: another contact may join it.
    Open,
    /// The window has passed and the last contact was not marked `resolved: false`.
    Resolved,
    /// The window has passed and the last contact was marked `resolved: false`.
    Unresolved,
}

/// First-contact resolution of one journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FcrOutcome {
    /// Resolved on the first contact.
    Resolved,
    /// Not resolved on the first contact.
    NotResolved,
    /// Not decidable yet: the repeat window after the first contact has not passed.
    Pending,
    /// Not decidable from the data: no disposition, or no survey answer.
    Unknown,
}

/// First-contact resolution over a set of journeys.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FcrSummary {
    /// The method used.
    pub method: FcrMethod,
    /// Journeys resolved on their first contact.
    pub resolved: u64,
    /// Journeys not resolved on their first contact.
    pub not_resolved: u64,
    /// Journeys younger than the window (not yet decidable).
    pub pending: u64,
    /// Journeys the data cannot decide.
    pub unknown: u64,
    /// resolved ÷ (resolved + notResolved); `null` when nothing is decidable.
    pub rate: Option<f64>,
}

/// Count, mean and median of durations, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DurationStats {
    /// How many durations.
    pub n: u64,
    /// Mean, seconds.
    pub mean_seconds: f64,
    /// Median, seconds.
    pub median_seconds: f64,
}

/// Means of the Customer Effort Index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffortIndexSummary {
    /// Mean per contact.
    pub per_contact: f64,
    /// Mean per journey (sum over its contacts).
    pub per_journey: Option<f64>,
    /// Mean per customer (sum over their contacts).
    pub per_customer: Option<f64>,
}

/// The rank correlation between the effort index of contacts and their CES answers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CesCorrelation {
    /// Contacts with both an effort index and a CES answer.
    pub n: u64,
    /// Spearman's ρ with average ranks for ties; `null` below 3 pairs or without variation.
    pub rho: Option<f64>,
    /// Two-sided p-value of ρ = 0 (t approximation with n − 2 degrees of freedom).
    pub p_value: Option<f64>,
    /// The CES version of the answers.
    pub ces_version: u8,
    /// `"easier"` (version 2) or `"harder"` (version 1): read ρ < 0 as agreement on version 2,
    /// ρ > 0 on version 1.
    pub higher_ces_means: &'static str,
    /// Answers whose `contactId` is absent or matches no contact.
    pub unmatched: u64,
}

/// The overall picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffortSummary {
    /// The moment windows were judged against.
    pub as_of: DateTime<Utc>,
    /// Contacts.
    pub contacts: u64,
    /// Contacts still partial (in progress) after merging.
    pub in_progress: u64,
    /// Contacts without `customerId` (contact-level measures only).
    pub unattributed_contacts: u64,
    /// Distinct customers.
    pub customers: u64,
    /// Journeys (issues).
    pub journeys: u64,
    /// Σ transfers.
    pub transfers: u64,
    /// Agent changes between consecutive contacts of a journey.
    pub reassignments: u64,
    /// Channel changes between consecutive contacts of a journey.
    pub channel_switches: u64,
    /// Escalated contacts.
    pub escalations: u64,
    /// Contacts that repeat an earlier contact of their journey.
    pub repeat_contacts: u64,
    /// Repeat contacts ÷ attributed contacts.
    pub repeat_rate: Option<f64>,
    /// Journeys resolved (window passed).
    pub resolved_journeys: u64,
    /// Journeys unresolved (window passed, last contact `resolved: false`).
    pub unresolved_journeys: u64,
    /// Journeys still open.
    pub open_journeys: u64,
    /// Contacts of resolved journeys ÷ resolved journeys.
    pub contacts_per_resolution: Option<f64>,
    /// Calendar time from the first contact's start to the last contact's end, resolved
    /// journeys.
    pub time_to_resolution: Option<DurationStats>,
    /// The same in business hours (with `businessHours`).
    pub business_time_to_resolution: Option<DurationStats>,
    /// First-contact resolution.
    pub fcr: FcrSummary,
    /// Customer Effort Index means.
    pub effort_index: EffortIndexSummary,
}

/// One customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerEffort {
    /// The customer.
    pub customer_id: String,
    /// Contacts.
    pub contacts: u64,
    /// Journeys.
    pub journeys: u64,
    /// Σ transfers.
    pub transfers: u64,
    /// Agent changes within journeys.
    pub reassignments: u64,
    /// Channel changes within journeys.
    pub channel_switches: u64,
    /// Escalated contacts.
    pub escalations: u64,
    /// Repeat contacts.
    pub repeat_contacts: u64,
    /// Resolved journeys.
    pub resolved_journeys: u64,
    /// Contacts of resolved journeys ÷ resolved journeys.
    pub contacts_per_resolution: Option<f64>,
    /// Mean calendar time to resolution, seconds.
    pub mean_time_to_resolution_seconds: Option<f64>,
    /// Mean business time to resolution, seconds.
    pub mean_business_time_to_resolution_seconds: Option<f64>,
    /// First-contact resolution over the customer's journeys.
    pub fcr: FcrSummary,
    /// Σ effort index of the customer's contacts.
    pub effort_index: f64,
    /// Mean effort index per journey.
    pub effort_index_per_journey: f64,
}

/// One journey (issue): a customer's chain of contacts within the repeat window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JourneyEffort {
    /// Position in `journeys` (what `contacts[].journey` refers to).
    pub id: usize,
    /// The customer.
    pub customer_id: String,
    /// The reason (with `journeyByReason`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Contact ids in order.
    pub contact_ids: Vec<String>,
    /// Channels in order of first use.
    pub channels: Vec<Channel>,
    /// Start of the first contact.
    pub started_at: DateTime<Utc>,
    /// End of the latest contact.
    pub ended_at: DateTime<Utc>,
    /// Contacts.
    pub contacts: u64,
    /// Σ transfers.
    pub transfers: u64,
    /// Agent changes.
    pub reassignments: u64,
    /// Channel changes.
    pub channel_switches: u64,
    /// Escalated contacts.
    pub escalations: u64,
    /// Contacts after the first.
    pub repeat_contacts: u64,
    /// Status at `asOf`.
    pub status: JourneyStatus,
    /// First-contact resolution.
    pub fcr: FcrOutcome,
    /// Calendar seconds from start to end (resolved journeys).
    pub time_to_resolution_seconds: Option<f64>,
    /// Business seconds from start to end (resolved journeys, with `businessHours`).
    pub business_time_to_resolution_seconds: Option<f64>,
    /// Σ effort index of its contacts.
    pub effort_index: f64,
}

/// One contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactEffort {
    /// The contact.
    pub contact_id: String,
    /// Its platform.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The customer.
    pub customer_id: Option<String>,
    /// The queue.
    pub queue: Option<String>,
    /// The channel.
    pub channel: Channel,
    /// Its journey (`journeys[i].id`); `null` without `customerId`.
    pub journey: Option<usize>,
    /// A repeat of an earlier contact of the journey.
    pub repeat: bool,
    /// On a different channel than the previous contact of the journey.
    pub channel_switch: bool,
    /// With a different agent than the previous contact of the journey.
    pub reassignment: bool,
    /// The Customer Effort Index of the contact.
    pub effort_index: f64,
    /// Its CES answer, if any.
    pub ces: Option<f64>,
}

/// One queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueEffort {
    /// The queue; `null` for contacts without one.
    pub queue: Option<String>,
    /// Contacts.
    pub contacts: u64,
    /// Σ transfers.
    pub transfers: u64,
    /// Escalated contacts.
    pub escalations: u64,
    /// Repeat contacts.
    pub repeat_contacts: u64,
    /// Mean effort index per contact.
    pub effort_index: f64,
}

/// Everything [`effort`](super::effort) computes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffortReport {
    /// Over all contacts.
    pub summary: EffortSummary,
    /// Per customer, by id (`detail: "full"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customers: Option<Vec<CustomerEffort>>,
    /// Per journey, by customer and start (`detail: "full"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journeys: Option<Vec<JourneyEffort>>,
    /// Per contact, by start (`detail: "full"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<ContactEffort>>,
    /// Per queue (contacts without a queue last).
    pub queues: Vec<QueueEffort>,
    /// Rank correlation with CES (when CES answers were given).
    pub ces_correlation: Option<CesCorrelation>,
    /// Records and answers left out with `onInvalid: "skip"`.
    pub rejected: Rejected,
}
