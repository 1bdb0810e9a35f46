//! The `kpis` interface: WIT records to core `kpi` types and back. Conversion only.

use cxkit_core::Error;
use cxkit_core::kpi::{
    self, AbandonmentBase, AhtComponents, AsaBase, CaseClosedBy, Comparison, KpiDimension,
    KpiOptions, KpiReport, KpiResult, ServiceLevelBase,
};

use crate::Component;
use crate::bindings::exports::cxkit::metrics::kpis as wit;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;
use crate::contacts::{channel, contacts};
use crate::surveys::{error, on_invalid, rejected};

impl wit::Guest for Component {
    fn kpis(list: Vec<wit::Contact>, options: wit::KpiOptions) -> Result<wit::KpiReport, WitError> {
        let run =
            || -> Result<KpiReport, Error> { kpi::kpis(&contacts(list)?, &kpi_options(options)) };
        run().map(report).map_err(error)
    }
}

// ---- WIT -> core ----------------------------------------------------------------------------

fn dimension(d: wit::KpiDimension) -> KpiDimension {
    match d {
        wit::KpiDimension::Queue => KpiDimension::Queue,
        wit::KpiDimension::Channel => KpiDimension::Channel,
        wit::KpiDimension::AgentId => KpiDimension::AgentId,
        wit::KpiDimension::Interval => KpiDimension::Interval,
        wit::KpiDimension::Day => KpiDimension::Day,
        wit::KpiDimension::Week => KpiDimension::Week,
        wit::KpiDimension::Month => KpiDimension::Month,
    }
}

/// Absent components keep the core's defaults.
fn aht(a: wit::AhtComponents) -> AhtComponents {
    let d = AhtComponents::default();
    AhtComponents {
        talk: a.talk.unwrap_or(d.talk),
        hold: a.hold.unwrap_or(d.hold),
        acw: a.acw.unwrap_or(d.acw),
    }
}

fn kpi_options(o: wit::KpiOptions) -> KpiOptions {
    KpiOptions {
        service_level_threshold_seconds: o.service_level_threshold_seconds,
        service_level_comparison: o.service_level_comparison.map(|c| match c {
            wit::Comparison::LessOrEqual => Comparison::LessOrEqual,
            wit::Comparison::Less => Comparison::Less,
        }),
        service_level_base: o.service_level_base.map(|b| match b {
            wit::ServiceLevelBase::AnsweredAbandoned => ServiceLevelBase::AnsweredAbandoned,
            wit::ServiceLevelBase::Offered => ServiceLevelBase::Offered,
            wit::ServiceLevelBase::Answered => ServiceLevelBase::Answered,
        }),
        service_level_exclude_short_abandons: o.service_level_exclude_short_abandons,
        short_abandon_seconds: o.short_abandon_seconds,
        abandonment_base: o.abandonment_base.map(|b| match b {
            wit::AbandonmentBase::Offered => AbandonmentBase::Offered,
            wit::AbandonmentBase::AnsweredAbandoned => AbandonmentBase::AnsweredAbandoned,
        }),
        abandonment_exclude_short_abandons: o.abandonment_exclude_short_abandons,
        asa_base: o.asa_base.map(|b| match b {
            wit::AsaBase::Answered => AsaBase::Answered,
            wit::AsaBase::All => AsaBase::All,
        }),
        aht_components: o.aht_components.map(aht),
        containment_requires_resolved: o.containment_requires_resolved,
        case_channels: o
            .case_channels
            .map(|l| l.into_iter().map(channel).collect()),
        case_closed_by: o.case_closed_by.map(|c| match c {
            wit::CaseClosedBy::Ended => CaseClosedBy::Ended,
            wit::CaseClosedBy::Resolved => CaseClosedBy::Resolved,
        }),
        staffed_seconds: o.staffed_seconds,
        staffed_seconds_by_agent: o.staffed_seconds_by_agent.map(|l| l.into_iter().collect()),
        group_by: o.group_by.map(|l| l.into_iter().map(dimension).collect()),
        interval_minutes: o.interval_minutes,
        utc_offset_minutes: o.utc_offset_minutes,
        on_invalid: o.on_invalid.map(on_invalid),
    }
}

// ---- core -> WIT ----------------------------------------------------------------------------

fn result(k: KpiResult) -> wit::KpiResult {
    wit::KpiResult {
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
        answered_within_threshold: k.answered_within_threshold,
        service_level: k.service_level,
        abandonment_rate: k.abandonment_rate,
        asa: k.asa,
        handled: k.handled,
        aht: k.aht,
        average_talk: k.average_talk,
        average_hold: k.average_hold,
        average_acw: k.average_acw,
        occupancy: k.occupancy,
        contained: k.contained,
        containment_rate: k.containment_rate,
        transferred: k.transferred,
        transfer_rate: k.transfer_rate,
        cases: k.cases,
        backlog: k.backlog,
        cases_closed: k.cases_closed,
        mean_days_to_close: k.mean_days_to_close,
        unmeasured: wit::Unmeasured {
            wait: k.unmeasured.wait,
            handle_time: k.unmeasured.handle_time,
            close_time: k.unmeasured.close_time,
        },
        rejected: k.rejected.map(rejected),
    }
}

fn report(r: KpiReport) -> wit::KpiReport {
    wit::KpiReport {
        overall: result(r.overall),
        groups: r.groups.map(|groups| {
            groups
                .into_iter()
                .map(|g| wit::KpiGroup {
                    key: g.key.into_iter().collect(),
                    kpis: result(g.kpis),
                })
                .collect()
        }),
    }
}
