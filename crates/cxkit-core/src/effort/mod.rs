//! Customer effort indicators from [`Contact`] records: transfers, reassignments, channel
//! switches, escalations, repeat contacts, contacts per resolution, time to resolution (calendar
//! and business hours), omnichannel first-contact resolution, and a composite Customer Effort
//! Index set against CES answers.
//!
//! # Journeys
//!
//! A *journey* (an issue) is a customer's chain of contacts in which each contact starts within
//! the **repeat window** after the end of the latest contact so far (the window of that
//! contact's channel: `repeatWindowHours`, default 168 h = 7 days, overridable per channel with
//! `repeatWindowHoursByChannel`). With `journeyByReason` chains are built per contact `reason`;
//! with `repeatScope: "sameChannel"` per channel. Contacts without `customerId` get only the
//! contact-level measures.
//!
//! Along a journey, every contact after the first is a **repeat contact**; a **channel switch**
//! is a contact on another channel than the previous one; a **reassignment** is a contact
//! handled by another agent than the previous one (both `agentId`s known); transfers and
//! escalations are the contacts' own.
//!
//! There is no clock: `asOf` (default: the latest timestamp in the data) decides which windows
//! have passed. A journey is **open** while the window after its last contact runs; then
//! **resolved**, unless its last contact says `resolved: false` (**unresolved**).
//! **Contacts per resolution** = contacts of resolved journeys ÷ resolved journeys. **Time to
//! resolution** = end of the last contact − start of the first, in calendar seconds and, with
//! `businessHours` (a weekly schedule at a fixed UTC offset, with holidays), in business
//! seconds.
//!
//! # First-contact resolution (`fcrMethod`)
//!
//! Judged per journey, on its first contact:
//! - `repeatWindow` (default; operations-defined FCR, as measured by repeat-call tracking): no
//!   other contact within the window. A journey of one contact whose window has not passed is
//!   **pending** — not yet decidable — and left out of the rate;
//! - `disposition`: the first contact's `resolved` (absent: unknown);
//! - `oneTouch`: `resolved: true` with no transfer, conference or escalation;
//! - `survey`: the customer's answer to "was your issue resolved?" about the first contact
//!   (`fcrAnswers`: 1/0 or yes/no labels in English or Spanish; absent: unknown).
//!
//! FCR rate = resolved ÷ (resolved + not resolved).
//!
//! # Customer Effort Index
//!
//! Per contact, a weighted sum of what made the customer work (the effort drivers of Dixon,
//! Freeman & Toman 2010, "Stop Trying to Delight Your Customers", *Harvard Business Review*:
//! repeat contacts, transfers, channel switching, re-explaining to a new agent, waiting):
//!
//! `CEI = 1·transfers + 1·escalated + 2·repeat + 1·channelSwitch + 0.5·reassignment +
//! 1·abandoned + 0.1·wait minutes + 0.1·hold minutes`
//!
//! The weights are cxkit's documented defaults, not a published standard: set them with
//! `weights` and check them against what customers say — with `cesAnswers` (CES answers with
//! `contactId`, numbers or labels as in [`survey`](crate::survey)), the report gives
//! **Spearman's ρ** between the index and CES over the contacts that have both (average ranks
//! for ties; two-sided t-approximation p-value). On CES 2.0 (high = easy) a useful index
//! correlates negatively. A journey's index is the sum over its contacts, a customer's the sum
//! over theirs, a queue's the mean per contact.
//!
//! ```
//! use cxkit_core::effort::{effort, EffortOptions, FcrOutcome};
//! use cxkit_core::model::Contact;
//! let contacts: Vec<Contact> = serde_json::from_str(r#"[
//!   {"id": "1", "customerId": "ana", "channel": "chat", "agentId": "a1",
//!    "startedAt": "2026-11-02T09:00:00Z", "endedAt": "2026-11-02T09:20:00Z", "resolved": false},
//!   {"id": "2", "customerId": "ana", "channel": "voice", "agentId": "a2", "transfers": 1,
//!    "startedAt": "2026-11-03T10:00:00Z", "endedAt": "2026-11-03T10:30:00Z", "resolved": true},
//!   {"id": "3", "customerId": "bo", "channel": "email",
//!    "startedAt": "2026-11-02T08:00:00Z", "endedAt": "2026-11-02T12:00:00Z", "resolved": true},
//!   {"id": "4", "customerId": "cy", "channel": "voice",
//!    "startedAt": "2026-11-20T08:00:00Z", "endedAt": "2026-11-20T08:05:00Z"}
//! ]"#).unwrap();
//! let r = effort(&contacts, &EffortOptions::default()).unwrap();
//! let s = &r.summary;
//! assert_eq!((s.journeys, s.repeat_contacts, s.channel_switches, s.reassignments), (3, 1, 1, 1));
//! // Ana called back within 7 days: not resolved first time. Bo: resolved. Cy: too recent.
//! assert_eq!((s.fcr.resolved, s.fcr.not_resolved, s.fcr.pending), (1, 1, 1));
//! assert_eq!(s.fcr.rate, Some(0.5));
//! let ana = &r.journeys.as_ref().unwrap()[0];
//! assert_eq!(ana.time_to_resolution_seconds, Some(91_800.0)); // 25 h 30 min
//! assert_eq!(ana.effort_index, 2.0 + 1.0 + 1.0 + 0.5); // repeat, transfer, switch, new agent
//! ```

mod accumulator;
mod engine;
mod hours;
mod options;
mod rank;
mod results;

pub use accumulator::{CesPoint, EffortAccumulator, EffortState, FcrPoint, STATE_FORMAT};
pub use hours::{BusinessHours, Day};
pub use options::{
    DEFAULT_REPEAT_WINDOW_HOURS, Detail, EffortOptions, EffortWeights, FcrMethod, RepeatScope,
};
pub use results::{
    CesCorrelation, ContactEffort, CustomerEffort, DurationStats, EffortIndexSummary, EffortReport,
    EffortSummary, FcrOutcome, FcrSummary, JourneyEffort, JourneyStatus, QueueEffort,
};

use crate::error::Result;
use crate::model::Contact;

/// Effort indicators over a list of contacts, with the answers given in the options.
///
/// Errors: `invalid_option` naming the option; `timestamp_order` / `invalid_value` naming the
/// record (`contacts[i].field`); `missing_field` for a contact without any timestamp; the
/// survey errors for a bad answer, named `options.cesAnswers[i]…`; `empty_input` without
/// contacts. With `onInvalid: "skip"` bad records and answers are counted in `rejected`.
pub fn effort(contacts: &[Contact], options: &EffortOptions) -> Result<EffortReport> {
    let mut acc = EffortAccumulator::new(options)?;
    acc.push_all(contacts)?;
    acc.finish()
}
