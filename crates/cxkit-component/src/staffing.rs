//! The `staffing` interface: WIT records to core `staffing` types and back. Conversion only.

use cxkit_core::staffing::{
    self, AgentsRequiredInput, AgentsRequiredResult, ErlangAInput, ErlangCInput, IntervalForecast,
    IntervalPlanInput, ServiceLevelDefinition, ShrinkageMode, StaffingModel,
};

use crate::Component;
use crate::bindings::exports::cxkit::metrics::staffing as wit;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;
use crate::surveys::error;

impl wit::Guest for Component {
    fn erlang_c(input: wit::ErlangCInput) -> Result<wit::ErlangCResult, WitError> {
        let input = ErlangCInput {
            calls_per_interval: input.calls_per_interval,
            interval_seconds: input.interval_seconds,
            aht_seconds: input.aht_seconds,
            agents: f64::from(input.agents),
            threshold_seconds: input.threshold_seconds,
        };
        staffing::erlang_c(&input)
            .map(|r| wit::ErlangCResult {
                traffic_erlangs: r.traffic_erlangs,
                probability_wait: r.probability_wait,
                service_level: r.service_level,
                asa: r.asa,
                occupancy: r.occupancy,
            })
            .map_err(error)
    }

    fn erlang_a(input: wit::ErlangAInput) -> Result<wit::ErlangAResult, WitError> {
        let input = ErlangAInput {
            calls_per_interval: input.calls_per_interval,
            interval_seconds: input.interval_seconds,
            aht_seconds: input.aht_seconds,
            agents: f64::from(input.agents),
            threshold_seconds: input.threshold_seconds,
            patience_seconds: input.patience_seconds,
            service_level_definition: input.service_level_definition.map(definition),
            short_abandon_seconds: input.short_abandon_seconds,
        };
        staffing::erlang_a(&input)
            .map(|r| wit::ErlangAResult {
                traffic_erlangs: r.traffic_erlangs,
                probability_wait: r.probability_wait,
                probability_abandon: r.probability_abandon,
                service_level: r.service_level,
                service_levels: wit::ServiceLevels {
                    offered: r.service_levels.offered,
                    answered: r.service_levels.answered,
                    excluding_short_abandons: r.service_levels.excluding_short_abandons,
                },
                asa: r.asa,
                average_wait: r.average_wait,
                occupancy: r.occupancy,
            })
            .map_err(error)
    }

    fn agents_required(
        input: wit::AgentsRequiredInput,
    ) -> Result<wit::AgentsRequiredResult, WitError> {
        let input = AgentsRequiredInput {
            calls_per_interval: input.calls_per_interval,
            interval_seconds: input.interval_seconds,
            aht_seconds: input.aht_seconds,
            threshold_seconds: input.threshold_seconds,
            target_service_level: input.target_service_level,
            target_asa_seconds: input.target_asa_seconds,
            max_occupancy: input.max_occupancy,
            shrinkage: input.shrinkage,
            shrinkage_mode: input.shrinkage_mode.map(shrinkage_mode),
            model: input.model.map(model),
            patience_seconds: input.patience_seconds,
            service_level_definition: input.service_level_definition.map(definition),
            short_abandon_seconds: input.short_abandon_seconds,
            max_agents: input.max_agents.map(f64::from),
        };
        staffing::agents_required(&input)
            .map(required)
            .map_err(error)
    }

    fn interval_plan(input: wit::IntervalPlanInput) -> Result<wit::IntervalPlanResult, WitError> {
        let input = IntervalPlanInput {
            interval_seconds: input.interval_seconds,
            intervals: input
                .intervals
                .into_iter()
                .map(|f| IntervalForecast {
                    label: f.label,
                    calls: f.calls,
                    aht_seconds: f.aht_seconds,
                })
                .collect(),
            threshold_seconds: input.threshold_seconds,
            target_service_level: input.target_service_level,
            target_asa_seconds: input.target_asa_seconds,
            max_occupancy: input.max_occupancy,
            shrinkage: input.shrinkage,
            shrinkage_mode: input.shrinkage_mode.map(shrinkage_mode),
            model: input.model.map(model),
            patience_seconds: input.patience_seconds,
            service_level_definition: input.service_level_definition.map(definition),
            short_abandon_seconds: input.short_abandon_seconds,
            max_agents: input.max_agents.map(f64::from),
        };
        staffing::interval_plan(&input)
            .map(|plan| wit::IntervalPlanResult {
                intervals: plan
                    .intervals
                    .into_iter()
                    .map(|i| wit::IntervalStaffing {
                        label: i.label,
                        calls: i.calls,
                        aht_seconds: i.aht_seconds,
                        staffing: required(i.staffing),
                    })
                    .collect(),
                totals: wit::PlanTotals {
                    calls: plan.totals.calls,
                    agent_hours: plan.totals.agent_hours,
                    scheduled_hours: plan.totals.scheduled_hours,
                    peak_agents: plan.totals.peak_agents,
                    peak_scheduled: plan.totals.peak_scheduled,
                    service_level: plan.totals.service_level,
                    asa: plan.totals.asa,
                    occupancy: plan.totals.occupancy,
                    probability_abandon: plan.totals.probability_abandon,
                },
            })
            .map_err(error)
    }
}

fn definition(d: wit::ServiceLevelDefinition) -> ServiceLevelDefinition {
    match d {
        wit::ServiceLevelDefinition::Offered => ServiceLevelDefinition::Offered,
        wit::ServiceLevelDefinition::Answered => ServiceLevelDefinition::Answered,
        wit::ServiceLevelDefinition::ExcludingShortAbandons => {
            ServiceLevelDefinition::ExcludingShortAbandons
        }
    }
}

fn shrinkage_mode(m: wit::ShrinkageMode) -> ShrinkageMode {
    match m {
        wit::ShrinkageMode::Divide => ShrinkageMode::Divide,
        wit::ShrinkageMode::Multiply => ShrinkageMode::Multiply,
    }
}

fn model(m: wit::StaffingModel) -> StaffingModel {
    match m {
        wit::StaffingModel::ErlangC => StaffingModel::ErlangC,
        wit::StaffingModel::ErlangA => StaffingModel::ErlangA,
    }
}

fn to_model(m: StaffingModel) -> wit::StaffingModel {
    match m {
        StaffingModel::ErlangC => wit::StaffingModel::ErlangC,
        StaffingModel::ErlangA => wit::StaffingModel::ErlangA,
    }
}

fn required(r: AgentsRequiredResult) -> wit::AgentsRequiredResult {
    wit::AgentsRequiredResult {
        agents: r.agents,
        scheduled: r.scheduled,
        scheduled_exact: r.scheduled_exact,
        service_level: r.service_level,
        asa: r.asa,
        occupancy: r.occupancy,
        probability_wait: r.probability_wait,
        probability_abandon: r.probability_abandon,
        traffic_erlangs: r.traffic_erlangs,
        model: to_model(r.model),
    }
}
