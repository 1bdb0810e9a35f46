//! The KPI accumulator: integer counts and millisecond sums per group, so that merging is exact.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::options::{
    AbandonmentBase, AsaBase, CaseClosedBy, Comparison, Config, KpiDimension, KpiOptions,
    ServiceLevelBase,
};
use super::results::{KpiGroup, KpiReport, KpiResult, Unmeasured};
use crate::calendar::{self, Bucket};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Contact, merge_partials};
use crate::survey::{OnInvalid, Rejected};

/// Identifier of the serialised state format. Bumped on any incompatible change.
pub const STATE_FORMAT: &str = "cxkit.kpi.v1";

macro_rules! counts {
    ($( $(#[$doc:meta])* $name:ident ),* $(,)?) => {
        /// The running counts of one group (or of everything). Durations are sums of whole
        /// milliseconds (case close times: whole seconds), so that adding two states is exact
        /// and `merge` equals one batch over both inputs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", default, deny_unknown_fields)]
        pub struct Counts {
            $( $(#[$doc])* pub $name: u64, )*
        }

        impl Counts {
            fn add(&mut self, other: &Counts) {
                $( self.$name = self.$name.saturating_add(other.$name); )*
            }
        }
    };
}

counts! {
    /// Complete contacts counted.
    contacts,
    /// Partial records (contacts still in progress), not counted anywhere else.
    in_progress,
    /// Complete inbound contacts (direction absent or `inbound`).
    inbound,
    /// Complete outbound contacts.
    outbound,
    /// Inbound contacts offered to a queue.
    offered,
    /// Offered contacts answered.
    answered,
    /// Answered contacts whose wait met the threshold.
    answered_within,
    /// Answered contacts without a known wait.
    answered_wait_unknown,
    /// Offered contacts abandoned.
    abandoned,
    /// Abandoned after a wait shorter than the short-abandon limit.
    short_abandons,
    /// Offered contacts that left the queue unanswered and not abandoned (`endedAt` present).
    flow_outs,
    /// Offered contacts still waiting when the record was made (no answer, abandon or end).
    waiting,
    /// Σ wait of answered contacts (ms).
    answered_wait_ms,
    /// Σ wait of offered contacts with a known wait (ms).
    offered_wait_ms,
    /// Offered contacts with a known wait.
    offered_wait_n,
    /// Contacts handled by an agent.
    handled,
    /// Handled contacts without a known handle time.
    handle_unknown,
    /// Σ handle time (ms).
    handle_ms,
    /// Σ talk time (ms) and contacts with it.
    talk_ms,
    /// Handled contacts with `talkS`.
    talk_n,
    /// Σ hold time (ms).
    hold_ms,
    /// Handled contacts with `holdS`.
    hold_n,
    /// Σ after-contact work (ms).
    acw_ms,
    /// Handled contacts with `acwS`.
    acw_n,
    /// Handled contacts with at least one transfer.
    transferred,
    /// Inbound contacts (the containment base).
    self_service_base,
    /// Inbound contacts contained in self-service.
    contained,
    /// Contacts on case channels.
    cases,
    /// Cases closed.
    cases_closed,
    /// Σ start-to-close time of closed cases with both timestamps (s).
    case_close_s,
    /// Closed cases with a close time.
    case_close_n,
}

/// The counts of one group in a [`KpiState`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiGroupState {
    /// One value per `groupBy` dimension, in order (`null` when the contact lacks it).
    pub key: Vec<Option<String>>,
    /// The group's counts.
    pub counts: Counts,
}

/// The serialisable state of a [`KpiAccumulator`] (format [`STATE_FORMAT`]):
///
/// ```json
/// {"format": "cxkit.kpi.v1", "options": {"groupBy": ["queue"]},
///  "counts": {"contacts": 3, "offered": 3, "answered": 2, "answeredWithin": 2, …},
///  "groups": [{"key": ["billing"], "counts": {…}}], "rejected": {"timestamp_order": 1}}
/// ```
/// Merging two states adds their counts field by field, key by key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiState {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// The options the accumulator was created with.
    pub options: KpiOptions,
    /// Counts over every contact.
    pub counts: Counts,
    /// Counts per group (empty without `groupBy`).
    #[serde(default)]
    pub groups: Vec<KpiGroupState>,
    /// Records left out with `onInvalid: "skip"`, per error code.
    #[serde(default)]
    pub rejected: BTreeMap<ErrorCode, u64>,
}

/// Running operations KPIs over contacts: `new`, `push`, `merge`, `finish`, and a serialisable
/// state.
///
/// ```
/// use cxkit_core::kpi::{KpiAccumulator, KpiOptions};
/// use cxkit_core::model::Contact;
/// let contact = |json: &str| -> Contact { serde_json::from_str(json).unwrap() };
/// let o = KpiOptions::default();
/// let mut a = KpiAccumulator::new(&o).unwrap();
/// let mut b = KpiAccumulator::new(&o).unwrap();
/// a.push(&contact(r#"{"id": "1", "channel": "voice", "queueWaitS": 12, "talkS": 200,
///                    "answeredAt": "2026-11-23T09:00:12Z"}"#), 0).unwrap();
/// b.push(&contact(r#"{"id": "2", "channel": "voice", "queueWaitS": 45, "talkS": 100,
///                    "answeredAt": "2026-11-23T09:03:00Z"}"#), 1).unwrap();
/// b.push(&contact(r#"{"id": "3", "channel": "voice", "abandoned": true, "queueWaitS": 30,
///                    "offeredAt": "2026-11-23T09:04:00Z"}"#), 2).unwrap();
/// a.merge(&b).unwrap();
/// let k = a.finish().unwrap().overall;
/// assert_eq!(k.service_level, Some(1.0 / 3.0)); // 1 within 20 s ÷ (2 answered + 1 abandoned)
/// assert_eq!(k.abandonment_rate, Some(1.0 / 3.0));
/// assert_eq!(k.asa, Some(28.5));
/// assert_eq!(k.aht, Some(150.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct KpiAccumulator {
    options: KpiOptions,
    config: Config,
    overall: Counts,
    groups: BTreeMap<Vec<Option<String>>, Counts>,
    rejected: BTreeMap<ErrorCode, u64>,
}

fn ms(seconds: f64) -> u64 {
    // `as` saturates; seconds are checked finite and ≥ 0 by Contact::check.
    (seconds * 1000.0).round() as u64
}

fn diff_ms(later: chrono::DateTime<chrono::Utc>, earlier: chrono::DateTime<chrono::Utc>) -> u64 {
    u64::try_from((later - earlier).num_milliseconds()).unwrap_or(0)
}

impl KpiAccumulator {
    /// A new, empty accumulator. Fails with `invalid_option` naming the option.
    pub fn new(options: &KpiOptions) -> Result<Self> {
        Ok(KpiAccumulator {
            config: Config::new(options)?,
            options: options.clone(),
            overall: Counts::default(),
            groups: BTreeMap::new(),
            rejected: BTreeMap::new(),
        })
    }

    /// The options the accumulator was created with.
    pub fn options(&self) -> &KpiOptions {
        &self.options
    }

    /// Counts over every contact so far.
    pub fn counts(&self) -> &Counts {
        &self.overall
    }

    /// The counts one contact adds.
    fn tally(&self, c: &Contact) -> Counts {
        let cfg = &self.config;
        let mut k = Counts::default();
        if c.is_partial() {
            k.in_progress = 1;
            return k;
        }
        k.contacts = 1;
        let inbound = c.is_inbound();
        if inbound {
            k.inbound = 1;
        } else {
            k.outbound = 1;
        }
        let wait_ms = c.queue_wait_s.map(ms).or_else(|| {
            let offered = c.offered_at?;
            let left = c.answered_at.or(c.abandoned_at).or(c.ended_at)?;
            Some(diff_ms(left, offered))
        });
        if inbound && c.is_offered() {
            k.offered = 1;
            if let Some(w) = wait_ms {
                k.offered_wait_n = 1;
                k.offered_wait_ms = w;
            }
            if c.is_answered() {
                k.answered = 1;
                match wait_ms {
                    Some(w) => {
                        k.answered_wait_ms = w;
                        let met = match cfg.comparison {
                            Comparison::LessOrEqual => (w as f64) <= cfg.threshold_ms,
                            Comparison::Less => (w as f64) < cfg.threshold_ms,
                        };
                        k.answered_within = u64::from(met);
                    }
                    None => k.answered_wait_unknown = 1,
                }
            } else if c.is_abandoned() {
                k.abandoned = 1;
                k.short_abandons = u64::from(wait_ms.is_some_and(|w| (w as f64) < cfg.short_ms));
            } else if c.ended_at.is_some() {
                k.flow_outs = 1;
            } else {
                k.waiting = 1;
            }
        }
        if c.is_answered() || c.talk_s.is_some() || c.handle_s.is_some() {
            k.handled = 1;
            k.transferred = u64::from(c.transfers > 0);
            for (value, sum, n) in [
                (c.talk_s, &mut k.talk_ms, &mut k.talk_n),
                (c.hold_s, &mut k.hold_ms, &mut k.hold_n),
                (c.acw_s, &mut k.acw_ms, &mut k.acw_n),
            ] {
                if let Some(v) = value {
                    *sum = ms(v);
                    *n = 1;
                }
            }
            let aht = cfg.aht;
            let parts = [
                (aht.talk, c.talk_s),
                (aht.hold, c.hold_s),
                (aht.acw, c.acw_s),
            ];
            let handle = if parts.iter().any(|(on, v)| *on && v.is_some()) {
                Some(
                    parts
                        .iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, v)| v.map(ms).unwrap_or(0))
                        .fold(0u64, u64::saturating_add),
                )
            } else if aht.all() {
                c.handle_s.map(ms).or_else(|| {
                    let (start, end) = (c.answered_at?, c.ended_at?);
                    Some(diff_ms(end, start))
                })
            } else {
                None
            };
            match handle {
                Some(h) => k.handle_ms = h,
                None => k.handle_unknown = 1,
            }
        }
        if inbound {
            k.self_service_base = 1;
            let reached_agent = c.is_offered()
                || c.agent_id.is_some()
                || c.talk_s.is_some()
                || c.handle_s.is_some();
            let contained =
                !reached_agent && (!cfg.containment_requires_resolved || c.resolved == Some(true));
            k.contained = u64::from(contained);
        }
        if cfg.case_channels.contains(&c.channel) {
            k.cases = 1;
            let closed = match cfg.case_closed_by {
                CaseClosedBy::Ended => c.ended_at.is_some(),
                CaseClosedBy::Resolved => c.resolved == Some(true),
            };
            if closed {
                k.cases_closed = 1;
                if let (Some(start), Some(end)) = (c.started_at.or(c.first_at()), c.ended_at) {
                    k.case_close_n = 1;
                    k.case_close_s = u64::try_from((end - start).num_seconds()).unwrap_or(0);
                }
            }
        }
        k
    }

    /// The group key of a contact, or the fault that prevents grouping it.
    fn key(&self, c: &Contact, index: usize) -> Result<Vec<Option<String>>> {
        let cfg = &self.config;
        cfg.group_by
            .iter()
            .map(|d| {
                Ok(match d {
                    KpiDimension::Queue => c.queue.clone(),
                    KpiDimension::Channel => Some(c.channel.as_str().to_string()),
                    KpiDimension::AgentId => c.agent_id.clone(),
                    time => {
                        let at = c.offered_at.or(c.first_at()).ok_or_else(|| {
                            Error::new(
                                ErrorCode::MissingField,
                                format!(
                                    "contacts[{index}] (id \"{}\"): a timestamp (offeredAt or startedAt) is required to group by {}",
                                    crate::text::excerpt(&c.id),
                                    time.as_str()
                                ),
                            )
                            .with_field(format!("contacts[{index}].startedAt"))
                            .with_index(index)
                        })?;
                        let bucket = match time {
                            KpiDimension::Interval => Bucket::Interval(cfg.interval_minutes),
                            KpiDimension::Week => Bucket::Week,
                            KpiDimension::Month => Bucket::Month,
                            _ => Bucket::Day,
                        };
                        Some(calendar::label(at, bucket, cfg.offset))
                    }
                })
            })
            .collect()
    }

    /// Adds one contact. `index` is its position in the caller's list, used in errors
    /// (`contacts[3].answeredAt`).
    ///
    /// A record with `partial: true` counts only as in progress: merge the parts of a contact
    /// first ([`merge_partials`], which [`push_all`](Self::push_all) and
    /// [`kpis`](super::kpis) do). An invalid record (see [`Contact::check`]) fails, or with
    /// `onInvalid: "skip"` is counted in `rejected`; on failure the accumulator is unchanged.
    pub fn push(&mut self, contact: &Contact, index: usize) -> Result<()> {
        let prepared = contact
            .check(index)
            .and_then(|()| Ok((self.key(contact, index)?, self.tally(contact))));
        match prepared {
            Ok((key, counts)) => {
                self.overall.add(&counts);
                if !self.config.group_by.is_empty() {
                    self.groups.entry(key).or_default().add(&counts);
                }
                Ok(())
            }
            Err(e) if self.config.on_invalid == OnInvalid::Skip => {
                let n = self.rejected.entry(e.code).or_insert(0);
                *n = n.saturating_add(1);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Adds a list of contacts, all or nothing: records sharing `platform` + `id` are merged
    /// first ([`merge_partials`]); errors name the position in `contacts`.
    pub fn push_all(&mut self, contacts: &[Contact]) -> Result<()> {
        let mut next = self.clone();
        // Check every record where it stands, so errors name the caller's index.
        let mut valid = Vec::with_capacity(contacts.len());
        let mut first_index = std::collections::HashMap::new();
        for (i, c) in contacts.iter().enumerate() {
            match c.check(i) {
                Ok(()) => {
                    first_index.entry(c.key()).or_insert(i);
                    valid.push(c.clone());
                }
                Err(e) if next.config.on_invalid == OnInvalid::Skip => {
                    let n = next.rejected.entry(e.code).or_insert(0);
                    *n = n.saturating_add(1);
                }
                Err(e) => return Err(e),
            }
        }
        for c in merge_partials(&valid)? {
            let i = first_index.get(&c.key()).copied().unwrap_or(0);
            next.push(&c, i)?;
        }
        *self = next;
        Ok(())
    }

    /// Adds another accumulator's counts. Both must count the same way (threshold, comparison,
    /// short-abandon limit, AHT components, containment and case rules, grouping); the
    /// reporting options of `self` (bases, exclusions, staffed time) are kept.
    pub fn merge(&mut self, other: &KpiAccumulator) -> Result<()> {
        if self.config.counting() != other.config.counting() {
            return Err(Error::new(
                ErrorCode::IncompatibleState,
                "cannot merge KPI accumulators that count differently (threshold, comparison, short-abandon limit, AHT components, containment or case rules, or grouping differ)",
            ));
        }
        self.overall.add(&other.overall);
        for (key, counts) in &other.groups {
            self.groups.entry(key.clone()).or_default().add(counts);
        }
        for (code, n) in &other.rejected {
            let e = self.rejected.entry(*code).or_insert(0);
            *e = e.saturating_add(*n);
        }
        Ok(())
    }

    /// The serialisable state.
    pub fn state(&self) -> KpiState {
        KpiState {
            format: STATE_FORMAT.to_string(),
            options: self.options.clone(),
            counts: self.overall,
            groups: self
                .groups
                .iter()
                .map(|(key, counts)| KpiGroupState {
                    key: key.clone(),
                    counts: *counts,
                })
                .collect(),
            rejected: self.rejected.clone(),
        }
    }

    /// Rebuilds an accumulator from its state, checking it.
    pub fn from_state(state: &KpiState) -> Result<Self> {
        if state.format != STATE_FORMAT {
            return Err(Error::new(
                ErrorCode::InvalidState,
                format!(
                    "state format \"{}\" is not \"{STATE_FORMAT}\"",
                    state.format
                ),
            )
            .with_field("format"));
        }
        let mut acc = KpiAccumulator::new(&state.options)?;
        let dims = acc.config.group_by.len();
        if dims == 0 && !state.groups.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidState,
                "groups are present but options.groupBy is not set",
            )
            .with_field("groups"));
        }
        for (i, g) in state.groups.iter().enumerate() {
            if g.key.len() != dims {
                return Err(Error::new(
                    ErrorCode::InvalidState,
                    format!(
                        "groups[{i}].key has {} values but options.groupBy has {dims}",
                        g.key.len()
                    ),
                )
                .with_field(format!("groups[{i}].key"))
                .with_index(i));
            }
            if acc.groups.insert(g.key.clone(), g.counts).is_some() {
                return Err(Error::new(
                    ErrorCode::InvalidState,
                    format!("groups[{i}]: the key {:?} appears twice", g.key),
                )
                .with_field(format!("groups[{i}].key"))
                .with_index(i));
            }
        }
        acc.overall = state.counts;
        acc.rejected = state.rejected.clone();
        Ok(acc)
    }

    fn rejected(&self) -> Rejected {
        Rejected {
            total: self
                .rejected
                .values()
                .fold(0u64, |a, b| a.saturating_add(*b)),
            by_reason: self.rejected.clone(),
        }
    }

    fn result(&self, k: &Counts, staffed: Option<f64>, rejected: Option<Rejected>) -> KpiResult {
        let cfg = &self.config;
        let ratio = |num: u64, den: u64| (den > 0).then(|| num as f64 / den as f64);
        let answered_measured = k.answered.saturating_sub(k.answered_wait_unknown);
        let short = k.short_abandons.min(k.abandoned);
        let sl_den = match cfg.sl_base {
            ServiceLevelBase::Offered => answered_measured
                .saturating_add(k.abandoned)
                .saturating_add(k.flow_outs),
            ServiceLevelBase::AnsweredAbandoned => answered_measured.saturating_add(k.abandoned),
            ServiceLevelBase::Answered => answered_measured,
        };
        let sl_den = if cfg.sl_exclude_short && cfg.sl_base != ServiceLevelBase::Answered {
            sl_den.saturating_sub(short)
        } else {
            sl_den
        };
        let (ab_num, ab_den) = {
            let den = match cfg.ab_base {
                AbandonmentBase::Offered => k
                    .answered
                    .saturating_add(k.abandoned)
                    .saturating_add(k.flow_outs),
                AbandonmentBase::AnsweredAbandoned => k.answered.saturating_add(k.abandoned),
            };
            if cfg.ab_exclude_short {
                (k.abandoned - short, den.saturating_sub(short))
            } else {
                (k.abandoned, den)
            }
        };
        let asa = match cfg.asa_base {
            AsaBase::Answered => ratio(k.answered_wait_ms, answered_measured),
            AsaBase::All => ratio(k.offered_wait_ms, k.offered_wait_n),
        }
        .map(|v| v / 1000.0);
        let handled_measured = k.handled.saturating_sub(k.handle_unknown);
        let seconds = |sum: u64, n: u64| ratio(sum, n).map(|v| v / 1000.0);
        KpiResult {
            contacts: k.contacts,
            in_progress: k.in_progress,
            inbound: k.inbound,
            outbound: k.outbound,
            offered: k.offered,
            answered: k.answered,
            abandoned: k.abandoned,
            short_abandons: k.short_abandons,
            flow_outs: k.flow_outs,
            waiting: k.waiting,
            answered_within_threshold: k.answered_within,
            service_level: ratio(k.answered_within, sl_den),
            abandonment_rate: ratio(ab_num, ab_den),
            asa,
            handled: k.handled,
            aht: seconds(k.handle_ms, handled_measured),
            average_talk: seconds(k.talk_ms, k.talk_n),
            average_hold: seconds(k.hold_ms, k.hold_n),
            average_acw: seconds(k.acw_ms, k.acw_n),
            occupancy: staffed.map(|s| k.handle_ms as f64 / 1000.0 / s),
            contained: k.contained,
            containment_rate: ratio(k.contained, k.self_service_base),
            transferred: k.transferred,
            transfer_rate: ratio(k.transferred, k.handled),
            cases: k.cases,
            backlog: k.cases.saturating_sub(k.cases_closed),
            cases_closed: k.cases_closed,
            mean_days_to_close: ratio(k.case_close_s, k.case_close_n).map(|s| s / 86_400.0),
            unmeasured: Unmeasured {
                wait: k.answered_wait_unknown,
                handle_time: k.handle_unknown,
                close_time: k.cases_closed.saturating_sub(k.case_close_n),
            },
            rejected,
        }
    }

    /// The KPIs over everything pushed and, with `groupBy`, per group (groups sorted by key,
    /// contacts without an attribute last within their dimension). Fails with `empty_input`
    /// when no record was counted.
    pub fn finish(&self) -> Result<KpiReport> {
        if self.overall.contacts == 0 && self.overall.in_progress == 0 {
            let r = self.rejected();
            let detail = if r.total == 0 {
                String::new()
            } else {
                format!(" ({} rejected)", r.total)
            };
            return Err(Error::new(
                ErrorCode::EmptyInput,
                format!("no contacts to compute KPIs from{detail}"),
            )
            .with_field("contacts"));
        }
        let cfg = &self.config;
        let overall_staffed = cfg.staffed_seconds.or_else(|| {
            (!cfg.staffed_by_agent.is_empty()).then(|| cfg.staffed_by_agent.values().sum())
        });
        let overall = self.result(&self.overall, overall_staffed, Some(self.rejected()));
        let groups = (!cfg.group_by.is_empty()).then(|| {
            let agent_only = cfg.group_by == [KpiDimension::AgentId];
            let mut rows: Vec<(&Vec<Option<String>>, &Counts)> = self.groups.iter().collect();
            // None sorts first in a BTreeMap; put missing attributes last.
            rows.sort_by(|(a, _), (b, _)| {
                a.iter()
                    .map(|v| (v.is_none(), v))
                    .cmp(b.iter().map(|v| (v.is_none(), v)))
            });
            rows.into_iter()
                .map(|(key, counts)| {
                    let staffed = if agent_only {
                        key.first()
                            .and_then(|a| a.as_ref())
                            .and_then(|a| cfg.staffed_by_agent.get(a).copied())
                    } else {
                        None
                    };
                    KpiGroup {
                        key: cfg
                            .group_by
                            .iter()
                            .zip(key)
                            .map(|(d, v)| (d.as_str().to_string(), v.clone()))
                            .collect(),
                        kpis: self.result(counts, staffed, None),
                    }
                })
                .collect()
        });
        Ok(KpiReport { overall, groups })
    }
}
