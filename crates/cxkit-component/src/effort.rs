//! The `effort` interface: WIT records to core `effort` types and back. Conversion only.

use cxkit_core::effort::{
    self, BusinessHours, CesCorrelation, ContactEffort, CustomerEffort, Day, Detail, DurationStats,
    EffortOptions, EffortReport, EffortWeights, FcrMethod, FcrOutcome, FcrSummary, JourneyEffort,
    JourneyStatus, QueueEffort, RepeatScope,
};
use cxkit_core::survey::SurveyResponse;
use cxkit_core::{Error, ErrorCode};

use crate::Component;
use crate::bindings::exports::cxkit::metrics::effort as wit;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;
use crate::contacts::{channel, contacts, date, timestamp, to_channel};
use crate::surveys::{error, on_invalid, rejected, survey_response};

impl wit::Guest for Component {
    fn effort(
        list: Vec<wit::Contact>,
        options: wit::EffortOptions,
    ) -> Result<wit::EffortReport, WitError> {
        let run = || {
            let options = effort_options(options)?;
            effort::effort(&contacts(list)?, &options)
        };
        run().map(report).map_err(error)
    }
}

// ---- WIT -> core ----------------------------------------------------------------------------

/// An option that does not convert is `invalid_option`, as on the JSON surfaces.
fn option_error(e: Error) -> Error {
    Error {
        code: ErrorCode::InvalidOption,
        ..e
    }
}

fn answers(list: Vec<wit::SurveyResponse>, name: &str) -> Result<Vec<SurveyResponse>, Error> {
    list.into_iter()
        .enumerate()
        .map(|(i, r)| {
            survey_response(r).map_err(|fault| {
                let field = match fault.field {
                    Some(f) => format!("options.{name}[{i}].{f}"),
                    None => format!("options.{name}[{i}]"),
                };
                Error::new(
                    ErrorCode::InvalidOption,
                    format!("{field}: {}", fault.message),
                )
                .with_field(field)
                .with_index(i)
            })
        })
        .collect()
}

fn day(d: wit::Weekday) -> Day {
    match d {
        wit::Weekday::Mon => Day::Mon,
        wit::Weekday::Tue => Day::Tue,
        wit::Weekday::Wed => Day::Wed,
        wit::Weekday::Thu => Day::Thu,
        wit::Weekday::Fri => Day::Fri,
        wit::Weekday::Sat => Day::Sat,
        wit::Weekday::Sun => Day::Sun,
    }
}

fn business_hours(b: wit::BusinessHours) -> Result<BusinessHours, Error> {
    let holidays = b
        .holidays
        .iter()
        .enumerate()
        .map(|(i, h)| {
            date(
                h,
                &format!("options.businessHours.holidays[{i}]"),
                ErrorCode::InvalidOption,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(BusinessHours {
        utc_offset_minutes: b.utc_offset_minutes,
        weekly: b
            .weekly
            .into_iter()
            .map(|(d, periods)| (day(d), periods.into_iter().map(|(o, c)| [o, c]).collect()))
            .collect(),
        holidays,
    })
}

/// Absent weights keep the core's defaults.
fn weights(w: wit::EffortWeights) -> EffortWeights {
    let d = EffortWeights::default();
    EffortWeights {
        transfer: w.transfer.unwrap_or(d.transfer),
        escalation: w.escalation.unwrap_or(d.escalation),
        repeat: w.repeat.unwrap_or(d.repeat),
        channel_switch: w.channel_switch.unwrap_or(d.channel_switch),
        reassignment: w.reassignment.unwrap_or(d.reassignment),
        abandon: w.abandon.unwrap_or(d.abandon),
        wait_minute: w.wait_minute.unwrap_or(d.wait_minute),
        hold_minute: w.hold_minute.unwrap_or(d.hold_minute),
    }
}

fn effort_options(o: wit::EffortOptions) -> Result<EffortOptions, Error> {
    Ok(EffortOptions {
        repeat_window_hours: o.repeat_window_hours,
        repeat_window_hours_by_channel: o
            .repeat_window_hours_by_channel
            .map(|l| l.into_iter().map(|(c, h)| (channel(c), h)).collect()),
        repeat_scope: o.repeat_scope.map(|s| match s {
            wit::RepeatScope::AcrossChannels => RepeatScope::AcrossChannels,
            wit::RepeatScope::SameChannel => RepeatScope::SameChannel,
        }),
        journey_by_reason: o.journey_by_reason,
        fcr_method: o.fcr_method.map(fcr_method),
        as_of: o
            .as_of
            .map(|t| timestamp(&t, "options.asOf").map_err(option_error))
            .transpose()?,
        business_hours: o.business_hours.map(business_hours).transpose()?,
        weights: o.weights.map(weights),
        ces_version: o.ces_version,
        ces_answers: o
            .ces_answers
            .map(|l| answers(l, "cesAnswers"))
            .transpose()?,
        fcr_answers: o
            .fcr_answers
            .map(|l| answers(l, "fcrAnswers"))
            .transpose()?,
        detail: o.detail.map(|d| match d {
            wit::Detail::Full => Detail::Full,
            wit::Detail::Summary => Detail::Summary,
        }),
        on_invalid: o.on_invalid.map(on_invalid),
    })
}

fn fcr_method(m: wit::FcrMethod) -> FcrMethod {
    match m {
        wit::FcrMethod::RepeatWindow => FcrMethod::RepeatWindow,
        wit::FcrMethod::Disposition => FcrMethod::Disposition,
        wit::FcrMethod::OneTouch => FcrMethod::OneTouch,
        wit::FcrMethod::Survey => FcrMethod::Survey,
    }
}

// ---- core -> WIT ----------------------------------------------------------------------------

fn to_fcr_method(m: FcrMethod) -> wit::FcrMethod {
    match m {
        FcrMethod::RepeatWindow => wit::FcrMethod::RepeatWindow,
        FcrMethod::Disposition => wit::FcrMethod::Disposition,
        FcrMethod::OneTouch => wit::FcrMethod::OneTouch,
        FcrMethod::Survey => wit::FcrMethod::Survey,
    }
}

fn fcr(s: FcrSummary) -> wit::FcrSummary {
    wit::FcrSummary {
        method: to_fcr_method(s.method),
        resolved: s.resolved,
        not_resolved: s.not_resolved,
        pending: s.pending,
        unknown: s.unknown,
        rate: s.rate,
    }
}

fn durations(d: DurationStats) -> wit::DurationStats {
    wit::DurationStats {
        n: d.n,
        mean_seconds: d.mean_seconds,
        median_seconds: d.median_seconds,
    }
}

fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn customer(c: CustomerEffort) -> wit::CustomerEffort {
    wit::CustomerEffort {
        customer_id: c.customer_id,
        contacts: c.contacts,
        journeys: c.journeys,
        transfers: c.transfers,
        reassignments: c.reassignments,
        channel_switches: c.channel_switches,
        escalations: c.escalations,
        repeat_contacts: c.repeat_contacts,
        resolved_journeys: c.resolved_journeys,
        contacts_per_resolution: c.contacts_per_resolution,
        mean_time_to_resolution_seconds: c.mean_time_to_resolution_seconds,
        mean_business_time_to_resolution_seconds: c.mean_business_time_to_resolution_seconds,
        fcr: fcr(c.fcr),
        effort_index: c.effort_index,
        effort_index_per_journey: c.effort_index_per_journey,
    }
}

fn journey(j: JourneyEffort) -> wit::JourneyEffort {
    wit::JourneyEffort {
        id: j.id as u64,
        customer_id: j.customer_id,
        reason: j.reason,
        contact_ids: j.contact_ids,
        channels: j.channels.into_iter().map(to_channel).collect(),
        started_at: rfc3339(j.started_at),
        ended_at: rfc3339(j.ended_at),
        contacts: j.contacts,
        transfers: j.transfers,
        reassignments: j.reassignments,
        channel_switches: j.channel_switches,
        escalations: j.escalations,
        repeat_contacts: j.repeat_contacts,
        status: match j.status {
            JourneyStatus::Open => wit::JourneyStatus::Open,
            JourneyStatus::Resolved => wit::JourneyStatus::Resolved,
            JourneyStatus::Unresolved => wit::JourneyStatus::Unresolved,
        },
        fcr: match j.fcr {
            FcrOutcome::Resolved => wit::FcrOutcome::Resolved,
            FcrOutcome::NotResolved => wit::FcrOutcome::NotResolved,
            FcrOutcome::Pending => wit::FcrOutcome::Pending,
            FcrOutcome::Unknown => wit::FcrOutcome::Unknown,
        },
        time_to_resolution_seconds: j.time_to_resolution_seconds,
        business_time_to_resolution_seconds: j.business_time_to_resolution_seconds,
        effort_index: j.effort_index,
    }
}

fn contact(c: ContactEffort) -> wit::ContactEffort {
    wit::ContactEffort {
        contact_id: c.contact_id,
        platform: c.platform,
        customer_id: c.customer_id,
        queue: c.queue,
        channel: to_channel(c.channel),
        journey: c.journey.map(|j| j as u64),
        repeat: c.repeat,
        channel_switch: c.channel_switch,
        reassignment: c.reassignment,
        effort_index: c.effort_index,
        ces: c.ces,
    }
}

fn queue(q: QueueEffort) -> wit::QueueEffort {
    wit::QueueEffort {
        queue: q.queue,
        contacts: q.contacts,
        transfers: q.transfers,
        escalations: q.escalations,
        repeat_contacts: q.repeat_contacts,
        effort_index: q.effort_index,
    }
}

fn correlation(c: CesCorrelation) -> wit::CesCorrelation {
    wit::CesCorrelation {
        n: c.n,
        rho: c.rho,
        p_value: c.p_value,
        ces_version: c.ces_version,
        higher_ces_means: c.higher_ces_means.to_string(),
        unmatched: c.unmatched,
    }
}

fn report(r: EffortReport) -> wit::EffortReport {
    let s = r.summary;
    wit::EffortReport {
        summary: wit::EffortSummary {
            as_of: rfc3339(s.as_of),
            contacts: s.contacts,
            in_progress: s.in_progress,
            unattributed_contacts: s.unattributed_contacts,
            customers: s.customers,
            journeys: s.journeys,
            transfers: s.transfers,
            reassignments: s.reassignments,
            channel_switches: s.channel_switches,
            escalations: s.escalations,
            repeat_contacts: s.repeat_contacts,
            repeat_rate: s.repeat_rate,
            resolved_journeys: s.resolved_journeys,
            unresolved_journeys: s.unresolved_journeys,
            open_journeys: s.open_journeys,
            contacts_per_resolution: s.contacts_per_resolution,
            time_to_resolution: s.time_to_resolution.map(durations),
            business_time_to_resolution: s.business_time_to_resolution.map(durations),
            fcr: fcr(s.fcr),
            effort_index: wit::EffortIndexSummary {
                per_contact: s.effort_index.per_contact,
                per_journey: s.effort_index.per_journey,
                per_customer: s.effort_index.per_customer,
            },
        },
        customers: r.customers.map(|l| l.into_iter().map(customer).collect()),
        journeys: r.journeys.map(|l| l.into_iter().map(journey).collect()),
        contacts: r.contacts.map(|l| l.into_iter().map(contact).collect()),
        queues: r.queues.into_iter().map(queue).collect(),
        ces_correlation: r.ces_correlation.map(correlation),
        rejected: rejected(r.rejected),
    }
}
