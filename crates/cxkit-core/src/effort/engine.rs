//! From contacts to journeys, effort indicators, FCR and the effort index.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::options::{Config, Detail, FcrMethod, RepeatScope};
use super::rank::spearman;
use super::results::{
    CesCorrelation, ContactEffort, CustomerEffort, DurationStats, EffortIndexSummary, EffortReport,
    EffortSummary, FcrOutcome, FcrSummary, JourneyEffort, JourneyStatus, QueueEffort,
};
use crate::model::{Channel, Contact};
use crate::survey::Rejected;

/// One contact on its way through the computation.
struct Row<'a> {
    c: &'a Contact,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    journey: Option<usize>,
    repeat: bool,
    switch: bool,
    reassign: bool,
    effort: f64,
}

struct Journey {
    customer: String,
    reason: Option<String>,
    rows: Vec<usize>,
    last_end: DateTime<Utc>,
    last_end_channel: Channel,
}

/// The answers joined to contacts.
pub(crate) struct Answers<'a> {
    pub ces: &'a BTreeMap<String, f64>,
    pub ces_given: bool,
    pub fcr: &'a BTreeMap<String, bool>,
    pub without_contact: u64,
}

fn plus(t: DateTime<Utc>, ms: i64) -> Option<DateTime<Utc>> {
    t.checked_add_signed(Duration::milliseconds(ms))
}

fn seconds(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_milliseconds().max(0) as f64 / 1000.0
}

fn stats(mut v: Vec<f64>) -> Option<DurationStats> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let mid = n / 2;
    let median = if n % 2 == 1 {
        v.get(mid).copied().unwrap_or(0.0)
    } else {
        (v.get(mid - 1).copied().unwrap_or(0.0) + v.get(mid).copied().unwrap_or(0.0)) / 2.0
    };
    Some(DurationStats {
        n: n as u64,
        mean_seconds: v.iter().sum::<f64>() / n as f64,
        median_seconds: median,
    })
}

fn mean(sum: f64, n: u64) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

#[derive(Default)]
struct Fcr {
    resolved: u64,
    not_resolved: u64,
    pending: u64,
    unknown: u64,
}

impl Fcr {
    fn add(&mut self, o: FcrOutcome) {
        match o {
            FcrOutcome::Resolved => self.resolved += 1,
            FcrOutcome::NotResolved => self.not_resolved += 1,
            FcrOutcome::Pending => self.pending += 1,
            FcrOutcome::Unknown => self.unknown += 1,
        }
    }

    fn summary(&self, method: FcrMethod) -> FcrSummary {
        FcrSummary {
            method,
            resolved: self.resolved,
            not_resolved: self.not_resolved,
            pending: self.pending,
            unknown: self.unknown,
            rate: mean(self.resolved as f64, self.resolved + self.not_resolved),
        }
    }
}

#[derive(Default)]
struct CustomerSums {
    contacts: u64,
    journeys: u64,
    transfers: u64,
    reassignments: u64,
    switches: u64,
    escalations: u64,
    repeats: u64,
    resolved: u64,
    resolved_contacts: u64,
    ttr: f64,
    ttr_business: f64,
    fcr: Fcr,
    effort: f64,
}

#[derive(Default)]
struct QueueSums {
    contacts: u64,
    transfers: u64,
    escalations: u64,
    repeats: u64,
    effort: f64,
}

pub(crate) fn compute(
    cfg: &Config,
    contacts: &[&Contact],
    answers: &Answers<'_>,
    rejected: Rejected,
) -> EffortReport {
    let mut rows: Vec<Row> = contacts
        .iter()
        .filter_map(|c| {
            let start = c.first_at()?;
            let end = c.last_at()?.max(start);
            Some(Row {
                c,
                start,
                end,
                journey: None,
                repeat: false,
                switch: false,
                reassign: false,
                effort: 0.0,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.start, a.c.platform.as_deref(), a.c.id.as_str()).cmp(&(
            b.start,
            b.c.platform.as_deref(),
            b.c.id.as_str(),
        ))
    });
    let as_of = cfg
        .as_of
        .or_else(|| rows.iter().map(|r| r.end).max())
        .unwrap_or(DateTime::<Utc>::MIN_UTC);

    // Streams: a customer's contacts (per reason, per channel as the options say), in time order.
    let mut streams: BTreeMap<(String, Option<String>, Option<Channel>), Vec<usize>> =
        BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(customer) = &r.c.customer_id {
            let reason = if cfg.by_reason {
                r.c.reason.clone()
            } else {
                None
            };
            let channel = (cfg.scope == RepeatScope::SameChannel).then_some(r.c.channel);
            streams
                .entry((customer.clone(), reason, channel))
                .or_default()
                .push(i);
        }
    }
    // Journeys: chain contacts that start within the window after the latest end so far.
    let mut journeys: Vec<Journey> = Vec::new();
    for ((customer, reason, _), list) in &streams {
        let mut current: Option<Journey> = None;
        for &i in list {
            let Some(r) = rows.get(i) else { continue };
            let joins = current.as_ref().is_some_and(|j| {
                plus(j.last_end, cfg.window(j.last_end_channel))
                    .is_none_or(|until| r.start <= until)
            });
            match current.as_mut() {
                Some(j) if joins => {
                    j.rows.push(i);
                    if r.end >= j.last_end {
                        j.last_end = r.end;
                        j.last_end_channel = r.c.channel;
                    }
                }
                _ => {
                    journeys.extend(current.take());
                    current = Some(Journey {
                        customer: customer.clone(),
                        reason: reason.clone(),
                        rows: vec![i],
                        last_end: r.end,
                        last_end_channel: r.c.channel,
                    });
                }
            }
        }
        journeys.extend(current);
    }
    let first_start = |j: &Journey| j.rows.first().and_then(|&i| rows.get(i)).map(|r| r.start);
    journeys.sort_by(|a, b| {
        (&a.customer, first_start(a), a.rows.first()).cmp(&(
            &b.customer,
            first_start(b),
            b.rows.first(),
        ))
    });

    // Contact-level flags along each journey.
    for (id, j) in journeys.iter().enumerate() {
        let mut previous: Option<(Channel, Option<String>)> = None;
        for &i in &j.rows {
            if let Some(r) = rows.get_mut(i) {
                r.journey = Some(id);
                if let Some((channel, agent)) = &previous {
                    r.repeat = true;
                    r.switch = *channel != r.c.channel;
                    r.reassign = matches!((agent, &r.c.agent_id), (Some(a), Some(b)) if a != b);
                }
                previous = Some((r.c.channel, r.c.agent_id.clone()));
            }
        }
    }
    // The effort index of each contact.
    let w = cfg.weights;
    for r in rows.iter_mut() {
        let c = r.c;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        r.effort = w.transfer * f64::from(c.transfers)
            + w.escalation * flag(c.escalated)
            + w.repeat * flag(r.repeat)
            + w.channel_switch * flag(r.switch)
            + w.reassignment * flag(r.reassign)
            + w.abandon * flag(c.is_abandoned())
            + w.wait_minute * c.queue_wait_seconds().unwrap_or(0.0).max(0.0) / 60.0
            + w.hold_minute * c.hold_s.unwrap_or(0.0) / 60.0;
    }

    // Journeys: status, FCR, time to resolution.
    let mut out_journeys = Vec::with_capacity(journeys.len());
    let mut customers: BTreeMap<String, CustomerSums> = BTreeMap::new();
    let mut fcr_all = Fcr::default();
    let (mut ttr, mut ttr_business) = (Vec::new(), Vec::new());
    let (mut resolved_journeys, mut unresolved_journeys, mut open_journeys) = (0u64, 0u64, 0u64);
    let mut resolved_contacts = 0u64;
    for (id, j) in journeys.iter().enumerate() {
        let members: Vec<&Row> = j.rows.iter().filter_map(|&i| rows.get(i)).collect();
        let (Some(first), Some(last)) = (members.first(), members.last()) else {
            continue;
        };
        let window_closed =
            plus(j.last_end, cfg.window(j.last_end_channel)).is_some_and(|until| as_of >= until);
        let status = if !window_closed {
            JourneyStatus::Open
        } else if last.c.resolved == Some(false) {
            JourneyStatus::Unresolved
        } else {
            JourneyStatus::Resolved
        };
        let fc = first.c;
        let fcr = match cfg.fcr {
            FcrMethod::RepeatWindow => {
                if members.len() > 1 {
                    FcrOutcome::NotResolved
                } else if window_closed {
                    FcrOutcome::Resolved
                } else {
                    FcrOutcome::Pending
                }
            }
            FcrMethod::Disposition => match fc.resolved {
                Some(true) => FcrOutcome::Resolved,
                Some(false) => FcrOutcome::NotResolved,
                None => FcrOutcome::Unknown,
            },
            FcrMethod::OneTouch => match fc.resolved {
                Some(true) if fc.transfers == 0 && fc.conferences == 0 && !fc.escalated => {
                    FcrOutcome::Resolved
                }
                Some(_) => FcrOutcome::NotResolved,
                None => FcrOutcome::Unknown,
            },
            FcrMethod::Survey => match answers.fcr.get(&fc.id) {
                Some(true) => FcrOutcome::Resolved,
                Some(false) => FcrOutcome::NotResolved,
                None => FcrOutcome::Unknown,
            },
        };
        fcr_all.add(fcr);
        let resolved = status == JourneyStatus::Resolved;
        let time = resolved.then(|| seconds(first.start, j.last_end));
        let business = if resolved {
            cfg.schedule
                .as_ref()
                .map(|s| s.seconds_between(first.start, j.last_end))
        } else {
            None
        };
        let sum = |f: &dyn Fn(&Row) -> u64| members.iter().map(|r| f(r)).sum::<u64>();
        let transfers = sum(&|r| u64::from(r.c.transfers));
        let escalations = sum(&|r| u64::from(r.c.escalated));
        let reassignments = sum(&|r| u64::from(r.reassign));
        let switches = sum(&|r| u64::from(r.switch));
        let repeats = members.len() as u64 - 1;
        let effort: f64 = members.iter().map(|r| r.effort).sum();
        match status {
            JourneyStatus::Open => open_journeys += 1,
            JourneyStatus::Resolved => {
                resolved_journeys += 1;
                resolved_contacts += members.len() as u64;
            }
            JourneyStatus::Unresolved => unresolved_journeys += 1,
        }
        ttr.extend(time);
        ttr_business.extend(business);
        let cs = customers.entry(j.customer.clone()).or_default();
        cs.journeys += 1;
        cs.transfers += transfers;
        cs.reassignments += reassignments;
        cs.switches += switches;
        cs.escalations += escalations;
        cs.repeats += repeats;
        cs.fcr.add(fcr);
        if resolved {
            cs.resolved += 1;
            cs.resolved_contacts += members.len() as u64;
            cs.ttr += time.unwrap_or(0.0);
            cs.ttr_business += business.unwrap_or(0.0);
        }
        let mut channels: Vec<Channel> = Vec::new();
        for r in &members {
            if !channels.contains(&r.c.channel) {
                channels.push(r.c.channel);
            }
        }
        out_journeys.push(JourneyEffort {
            id,
            customer_id: j.customer.clone(),
            reason: j.reason.clone(),
            contact_ids: members.iter().map(|r| r.c.id.clone()).collect(),
            channels,
            started_at: first.start,
            ended_at: j.last_end,
            contacts: members.len() as u64,
            transfers,
            reassignments,
            channel_switches: switches,
            escalations,
            repeat_contacts: repeats,
            status,
            fcr,
            time_to_resolution_seconds: time,
            business_time_to_resolution_seconds: business,
            effort_index: effort,
        });
    }

    // Contacts, customers' contact counts and effort, queues.
    let mut queues: BTreeMap<(bool, Option<String>), QueueSums> = BTreeMap::new();
    let mut out_contacts = Vec::with_capacity(rows.len());
    let mut pairs: (Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new());
    let mut matched_answers = 0u64;
    let mut seen_ids = std::collections::BTreeSet::new();
    for r in &rows {
        let c = r.c;
        if let Some(customer) = &c.customer_id
            && let Some(cs) = customers.get_mut(customer)
        {
            cs.contacts += 1;
            cs.effort += r.effort;
        }
        let q = queues
            .entry((c.queue.is_none(), c.queue.clone()))
            .or_default();
        q.contacts += 1;
        q.transfers += u64::from(c.transfers);
        q.escalations += u64::from(c.escalated);
        q.repeats += u64::from(r.repeat);
        q.effort += r.effort;
        let ces = answers.ces.get(&c.id).copied();
        if let Some(v) = ces
            && seen_ids.insert(c.id.as_str())
        {
            pairs.0.push(r.effort);
            pairs.1.push(v);
            matched_answers += 1;
        }
        out_contacts.push(ContactEffort {
            contact_id: c.id.clone(),
            platform: c.platform.clone(),
            customer_id: c.customer_id.clone(),
            queue: c.queue.clone(),
            channel: c.channel,
            journey: r.journey,
            repeat: r.repeat,
            channel_switch: r.switch,
            reassignment: r.reassign,
            effort_index: r.effort,
            ces,
        });
    }
    // Customers who have contacts only through journeys (all of them): build the rows.
    let out_customers: Vec<CustomerEffort> = customers
        .iter()
        .map(|(id, s)| CustomerEffort {
            customer_id: id.clone(),
            contacts: s.contacts,
            journeys: s.journeys,
            transfers: s.transfers,
            reassignments: s.reassignments,
            channel_switches: s.switches,
            escalations: s.escalations,
            repeat_contacts: s.repeats,
            resolved_journeys: s.resolved,
            contacts_per_resolution: mean(s.resolved_contacts as f64, s.resolved),
            mean_time_to_resolution_seconds: mean(s.ttr, s.resolved),
            mean_business_time_to_resolution_seconds: cfg
                .schedule
                .as_ref()
                .and_then(|_| mean(s.ttr_business, s.resolved)),
            fcr: s.fcr.summary(cfg.fcr),
            effort_index: s.effort,
            effort_index_per_journey: mean(s.effort, s.journeys).unwrap_or(0.0),
        })
        .collect();
    let out_queues: Vec<QueueEffort> = queues
        .into_iter()
        .map(|((_, queue), s)| QueueEffort {
            queue,
            contacts: s.contacts,
            transfers: s.transfers,
            escalations: s.escalations,
            repeat_contacts: s.repeats,
            effort_index: mean(s.effort, s.contacts).unwrap_or(0.0),
        })
        .collect();

    let attributed = rows.iter().filter(|r| r.c.customer_id.is_some()).count() as u64;
    let repeats: u64 = rows.iter().map(|r| u64::from(r.repeat)).sum();
    let total_effort: f64 = rows.iter().map(|r| r.effort).sum();
    let summary = EffortSummary {
        as_of,
        contacts: rows.len() as u64,
        in_progress: rows.iter().filter(|r| r.c.is_partial()).count() as u64,
        unattributed_contacts: rows.len() as u64 - attributed,
        customers: out_customers.len() as u64,
        journeys: out_journeys.len() as u64,
        transfers: rows.iter().map(|r| u64::from(r.c.transfers)).sum(),
        reassignments: rows.iter().map(|r| u64::from(r.reassign)).sum(),
        channel_switches: rows.iter().map(|r| u64::from(r.switch)).sum(),
        escalations: rows.iter().map(|r| u64::from(r.c.escalated)).sum(),
        repeat_contacts: repeats,
        repeat_rate: mean(repeats as f64, attributed),
        resolved_journeys,
        unresolved_journeys,
        open_journeys,
        contacts_per_resolution: mean(resolved_contacts as f64, resolved_journeys),
        time_to_resolution: stats(ttr),
        business_time_to_resolution: cfg.schedule.as_ref().and_then(|_| stats(ttr_business)),
        fcr: fcr_all.summary(cfg.fcr),
        effort_index: EffortIndexSummary {
            per_contact: mean(total_effort, rows.len() as u64).unwrap_or(0.0),
            per_journey: mean(
                out_journeys.iter().map(|j| j.effort_index).sum(),
                out_journeys.len() as u64,
            ),
            per_customer: mean(
                out_customers.iter().map(|c| c.effort_index).sum(),
                out_customers.len() as u64,
            ),
        },
    };
    let ces_correlation = answers.ces_given.then(|| {
        let (rho, p_value) = spearman(&pairs.0, &pairs.1);
        let given = answers.ces.len() as u64 + answers.without_contact;
        CesCorrelation {
            n: pairs.0.len() as u64,
            rho,
            p_value,
            ces_version: cfg.ces_version,
            higher_ces_means: if cfg.ces_version == 1 {
                "harder"
            } else {
                "easier"
            },
            unmatched: given.saturating_sub(matched_answers),
        }
    });
    let full = cfg.detail == Detail::Full;
    EffortReport {
        summary,
        customers: full.then_some(out_customers),
        journeys: full.then_some(out_journeys),
        contacts: full.then_some(out_contacts),
        queues: out_queues,
        ces_correlation,
        rejected,
    }
}
