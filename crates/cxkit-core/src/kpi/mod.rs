//! Operations KPIs from [`Contact`] records: service level, abandonment, ASA, AHT, occupancy,
//! self-service containment, transfer rate, case backlog and days to close — overall and per
//! queue, channel, agent and time bucket, as mergeable accumulators.
//!
//! # Which contacts count where
//!
//! - *Inbound*: `direction` absent or `inbound`; *offered*: inbound and queued (`offeredAt`,
//!   or answered, or abandoned); *answered*: `answeredAt`; *abandoned*: `abandoned: true` or
//!   `abandonedAt`; *flow-out*: offered, ended, and neither answered nor abandoned (left the
//!   queue by callback, transfer, voicemail or timeout; Genesys Cloud's term); *waiting*:
//!   offered and none of these yet (an e-mail still in queue).
//! - *Wait*: `queueWaitS`, else `answeredAt`/`abandonedAt`/`endedAt` − `offeredAt`. An
//!   answered contact without either is left out of service level and ASA and counted in
//!   `unmeasured.wait`.
//! - *Short abandon*: abandoned after a wait < `shortAbandonSeconds` (default 5).
//! - *Handled*: answered, or with `talkS` or `handleS` (outbound included).
//! - Records with `partial: true` are contacts in progress: counted in `inProgress` only.
//!   [`kpis`] and [`KpiAccumulator::push_all`] merge the parts of each contact first
//!   ([`merge_partials`](crate::model::merge_partials)).
//! - Records with impossible timestamp orders fail with `timestamp_order` naming the record
//!   (`contacts[3].answeredAt`, and its id); see [`Contact::check`].
//!
//! # Formulas and defaults
//!
//! | KPI | formula | default, and whose convention |
//! |---|---|---|
//! | service level | answered with wait ≤ t (or < t) ÷ base | t = 20 s, `≤`, base `answeredAbandoned` = answered + abandoned; Genesys Cloud's formula (answered − answered missing the target) ÷ (answered + abandoned [+ flow-outs] [− short abandons]); the other bases `offered` (+ flow-outs) and `answered`; `serviceLevelExcludeShortAbandons` |
//! | abandonment rate | abandoned ÷ base | base `offered` (Amazon Connect: abandoned ÷ contacts queued); `answeredAbandoned`; `abandonmentExcludeShortAbandons` takes short abandons out of both |
//! | ASA | Σ wait ÷ n | over `answered` (Amazon Connect "average queue answer time"); `all`: every offered contact with a known wait |
//! | AHT | Σ (talk + hold + ACW) ÷ handled | all three components (Amazon Connect and Genesys Cloud handle time); `ahtComponents` picks; with all three and no component given, `handleS`, else `endedAt − answeredAt` |
//! | occupancy | Σ handle time ÷ staffed time | needs `staffedSeconds` (or `staffedSecondsByAgent`, also per agent with `groupBy: "agentId"`): contacts do not tell idle time |
//! | containment | inbound contacts that never reached a queue or agent and did not abandon ÷ inbound contacts | `containmentRequiresResolved: true` also asks for `resolved: true` |
//! | transfer rate | handled with transfers > 0 ÷ handled | |
//! | backlog | cases not closed | cases: contacts on `caseChannels` (default e-mail, SMS, social, messaging, other); closed when `endedAt` is present (`caseClosedBy: "resolved"`: `resolved: true`) |
//! | mean days to close | Σ (`endedAt` − `startedAt`) ÷ closed cases ÷ 86,400 | |
//!
//! Shares are 0–1 and times seconds; a KPI whose denominator is zero is `null`, never NaN.
//! Time buckets (`interval` of `intervalMinutes`, `day`, `week`, `month`) use `offeredAt`, else
//! the first timestamp of the record, on the calendar at `utcOffsetMinutes`.
//!
//! Sources: Genesys Cloud, "Configure the service level calculation"
//! (<https://help.mypurecloud.com/articles/configure-the-service-level-calculation/>: the
//! service-level formula and its flow-out, abandon and short-abandon switches); Amazon Connect,
//! "Metric definitions" (<https://docs.aws.amazon.com/connect/latest/adminguide/metrics-definitions.html>:
//! abandonment rate over queued contacts, callbacks not counted as abandons; average queue
//! answer time; handle time as talk + hold + after-contact work; occupancy as contact time
//! over contact plus idle time).
//!
//! # Accumulators
//!
//! The state is integer counts and sums of whole milliseconds per group
//! ([`KpiState`], format `cxkit.kpi.v1`), so `merge` is exact, associative and commutative and
//! `finish(merge(a, b)) == finish(batch(a ∪ b))` for complete contacts.
//!
//! ```
//! use cxkit_core::kpi::{kpis, KpiOptions};
//! use cxkit_core::model::Contact;
//! let contacts: Vec<Contact> = serde_json::from_str(r#"[
//!   {"id": "1", "channel": "voice", "queue": "billing", "offeredAt": "2026-11-23T09:00:00Z",
//!    "answeredAt": "2026-11-23T09:00:15Z", "talkS": 240, "holdS": 30, "acwS": 30},
//!   {"id": "2", "channel": "voice", "queue": "billing", "offeredAt": "2026-11-23T09:01:00Z",
//!    "answeredAt": "2026-11-23T09:01:40Z", "talkS": 100, "transfers": 1},
//!   {"id": "3", "channel": "voice", "queue": "sales", "offeredAt": "2026-11-23T09:02:00Z",
//!    "abandonedAt": "2026-11-23T09:02:03Z"}
//! ]"#).unwrap();
//! let report = kpis(&contacts, &KpiOptions::default()).unwrap();
//! let k = &report.overall;
//! assert_eq!((k.offered, k.answered, k.abandoned), (3, 2, 1));
//! assert_eq!(k.service_level, Some(1.0 / 3.0));
//! assert_eq!(k.asa, Some(27.5));
//! assert_eq!(k.aht, Some(200.0));
//! assert_eq!(k.transfer_rate, Some(0.5));
//!
//! let by_queue: KpiOptions = serde_json::from_str(
//!     r#"{"groupBy": "queue", "serviceLevelExcludeShortAbandons": true}"#).unwrap();
//! let report = kpis(&contacts, &by_queue).unwrap();
//! let groups = report.groups.unwrap();
//! assert_eq!(groups[0].key["queue"].as_deref(), Some("billing"));
//! assert_eq!(groups[0].kpis.service_level, Some(0.5));
//! assert_eq!(groups[1].kpis.service_level, None); // sales: only a short abandon
//! ```

mod accumulator;
mod options;
mod results;

pub use accumulator::{Counts, KpiAccumulator, KpiGroupState, KpiState, STATE_FORMAT};
pub use options::{
    AbandonmentBase, AhtComponents, AsaBase, CaseClosedBy, Comparison, DEFAULT_CASE_CHANNELS,
    KpiDimension, KpiOptions, ServiceLevelBase,
};
pub use results::{KpiGroup, KpiReport, KpiResult, Unmeasured};

use crate::error::Result;
use crate::model::Contact;

/// The KPIs of a list of contacts (partial records merged by `platform` + `id` first).
///
/// Errors: `invalid_option` naming the option; `timestamp_order` / `invalid_value` naming the
/// record (`contacts[i].field`) unless `onInvalid` is `skip`; `missing_field` when a time
/// breakdown meets a record without timestamps; `empty_input` when nothing was counted.
pub fn kpis(contacts: &[Contact], options: &KpiOptions) -> Result<KpiReport> {
    let mut acc = KpiAccumulator::new(options)?;
    acc.push_all(contacts)?;
    acc.finish()
}
