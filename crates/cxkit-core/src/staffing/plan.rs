//! A day (or any run) of interval forecasts -> agents per interval and totals.

use serde::{Deserialize, Serialize};

use super::{
    AgentsRequiredResult, ServiceLevelDefinition, ShrinkageMode, Staffing, StaffingFields,
    StaffingModel, finite_at_least,
};
use crate::error::{Error, ErrorCode, Result};

/// One interval's forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IntervalForecast {
    /// A name for the interval, echoed in the result (for example `"09:30"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Calls forecast for the interval (≥ 0).
    pub calls: f64,
    /// Average handle time in seconds (> 0; may be 0 when `calls` is 0).
    pub aht_seconds: f64,
}

/// Input of [`interval_plan`]: the forecasts, the interval length and the same targets and
/// options as [`agents_required`](super::agents_required) (with the same defaults).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IntervalPlanInput {
    /// Length of every interval in seconds (> 0), for example 900 or 1800.
    pub interval_seconds: f64,
    /// The forecasts, in order.
    pub intervals: Vec<IntervalForecast>,
    /// Service-level threshold in seconds. Default 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_seconds: Option<f64>,
    /// Service-level target in (0, 1). Default 0.8 when no ASA target is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_service_level: Option<f64>,
    /// ASA target in seconds. Default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_asa_seconds: Option<f64>,
    /// Occupancy cap in (0, 1]. Default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_occupancy: Option<f64>,
    /// Shrinkage. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrinkage: Option<f64>,
    /// `divide` (default) or `multiply`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrinkage_mode: Option<ShrinkageMode>,
    /// `erlang-c` (default) or `erlang-a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<StaffingModel>,
    /// Erlang A: mean patience in seconds (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience_seconds: Option<f64>,
    /// Erlang A: service-level definition. Default `offered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_definition: Option<ServiceLevelDefinition>,
    /// Erlang A: short-abandon limit in seconds. Default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_abandon_seconds: Option<f64>,
    /// Search limit per interval. Default 2,000,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_agents: Option<f64>,
}

/// The staffing of one interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntervalStaffing {
    /// The forecast's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Calls forecast.
    pub calls: f64,
    /// Average handle time forecast, in seconds.
    pub aht_seconds: f64,
    /// Agents required, agents scheduled and what they achieve.
    #[serde(flatten)]
    pub staffing: AgentsRequiredResult,
}

/// Totals of an interval plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanTotals {
    /// Calls over all intervals.
    pub calls: f64,
    /// Σ agents × interval length, in hours.
    pub agent_hours: f64,
    /// Σ scheduled agents × interval length, in hours.
    pub scheduled_hours: f64,
    /// Largest number of agents in one interval.
    pub peak_agents: u32,
    /// Largest number of scheduled agents in one interval.
    pub peak_scheduled: u32,
    /// Service level weighted by calls (`null` without calls).
    pub service_level: Option<f64>,
    /// ASA weighted by answered calls, in seconds (`null` without calls).
    pub asa: Option<f64>,
    /// Answered workload ÷ agent time (`null` without agents).
    pub occupancy: Option<f64>,
    /// Erlang A: share of calls abandoning (`null` with Erlang C or without calls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability_abandon: Option<f64>,
}

/// Result of [`interval_plan`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntervalPlanResult {
    /// One row per forecast, in input order.
    pub intervals: Vec<IntervalStaffing>,
    /// Totals and weighted averages.
    pub totals: PlanTotals,
}

/// Agents per interval for a run of forecasts, and the day's totals.
///
/// Each interval is solved on its own (steady state within the interval, the usual
/// workforce-management assumption); totals weight the service level by calls, ASA by answered
/// calls, and occupancy by agent time.
///
/// ```
/// use cxkit_core::staffing::{interval_plan, IntervalForecast, IntervalPlanInput};
/// let f = |calls, aht| IntervalForecast { label: None, calls, aht_seconds: aht };
/// let plan = interval_plan(&IntervalPlanInput {
///     interval_seconds: 1800.0,
///     intervals: vec![f(100.0, 180.0), f(0.0, 0.0), f(200.0, 180.0)],
///     ..Default::default()
/// }).unwrap();
/// let agents: Vec<u32> = plan.intervals.iter().map(|i| i.staffing.agents).collect();
/// assert_eq!(agents[..2], [14, 0]);
/// assert_eq!(plan.totals.peak_agents, agents[2]);
/// assert_eq!(plan.totals.agent_hours, f64::from(14 + agents[2]) / 2.0);
/// ```
///
/// Errors: `empty_input` without intervals; `invalid_parameter` naming `intervals[i].calls` or
/// `intervals[i].ahtSeconds`; and the errors of
/// [`agents_required`](super::agents_required), with the interval's index.
pub fn interval_plan(input: &IntervalPlanInput) -> Result<IntervalPlanResult> {
    let interval = finite_at_least("intervalSeconds", input.interval_seconds, 0.0, true)?;
    if input.intervals.is_empty() {
        return Err(
            Error::new(ErrorCode::EmptyInput, "intervals: no interval forecasts")
                .with_field("intervals"),
        );
    }
    let staffing = Staffing::new(&StaffingFields {
        threshold_seconds: input.threshold_seconds,
        target_service_level: input.target_service_level,
        target_asa_seconds: input.target_asa_seconds,
        max_occupancy: input.max_occupancy,
        shrinkage: input.shrinkage,
        shrinkage_mode: input.shrinkage_mode,
        model: input.model,
        patience_seconds: input.patience_seconds,
        service_level_definition: input.service_level_definition,
        short_abandon_seconds: input.short_abandon_seconds,
        max_agents: input.max_agents,
    })?;
    let mut rows = Vec::with_capacity(input.intervals.len());
    let (mut calls, mut sl_sum, mut answered, mut asa_sum, mut ab_sum) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut agent_intervals, mut scheduled_intervals, mut busy) = (0.0, 0.0, 0.0);
    let (mut peak_agents, mut peak_scheduled) = (0u32, 0u32);
    for (i, f) in input.intervals.iter().enumerate() {
        let with_index = |e: Error| {
            let field = e.field.clone().unwrap_or_default();
            let mut e = e.with_field(format!("intervals[{i}].{field}"));
            e.message = format!("intervals[{i}]: {}", e.message);
            e.with_index(i)
        };
        let c = finite_at_least("calls", f.calls, 0.0, false).map_err(with_index)?;
        let aht = if c == 0.0 {
            finite_at_least("ahtSeconds", f.aht_seconds, 0.0, false).map_err(with_index)?
        } else {
            finite_at_least("ahtSeconds", f.aht_seconds, 0.0, true).map_err(with_index)?
        };
        if c * aht / interval > super::MAX_TRAFFIC_ERLANGS {
            return Err(with_index(super::param(
                "calls",
                format!(
                    "calls: traffic exceeds {} Erlangs",
                    super::MAX_TRAFFIC_ERLANGS
                ),
            )));
        }
        let lambda = c / interval;
        let r = staffing
            .solve(lambda, if aht > 0.0 { aht } else { 1.0 })
            .map_err(with_index)?;
        let pab = r.probability_abandon.unwrap_or(0.0);
        calls += c;
        sl_sum += c * r.service_level;
        answered += c * (1.0 - pab);
        asa_sum += c * (1.0 - pab) * r.asa;
        ab_sum += c * pab;
        agent_intervals += f64::from(r.agents);
        scheduled_intervals += f64::from(r.scheduled);
        busy += r.occupancy * f64::from(r.agents);
        peak_agents = peak_agents.max(r.agents);
        peak_scheduled = peak_scheduled.max(r.scheduled);
        rows.push(IntervalStaffing {
            label: f.label.clone(),
            calls: c,
            aht_seconds: aht,
            staffing: r,
        });
    }
    let hours = interval / 3600.0;
    let per = |num: f64, den: f64| (den > 0.0).then(|| num / den);
    Ok(IntervalPlanResult {
        intervals: rows,
        totals: PlanTotals {
            calls,
            agent_hours: agent_intervals * hours,
            scheduled_hours: scheduled_intervals * hours,
            peak_agents,
            peak_scheduled,
            service_level: per(sl_sum, calls),
            asa: per(asa_sum, answered),
            occupancy: per(busy, agent_intervals),
            probability_abandon: match staffing_model(input) {
                StaffingModel::ErlangA => per(ab_sum, calls),
                StaffingModel::ErlangC => None,
            },
        },
    })
}

fn staffing_model(input: &IntervalPlanInput) -> StaffingModel {
    input.model.unwrap_or_default()
}
