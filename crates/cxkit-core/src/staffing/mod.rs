//! Staffing: Erlang C and Erlang A queues, agents required, shrinkage and a day's interval plan.
//!
//! # Notation
//!
//! λ = `callsPerInterval ÷ intervalSeconds` (arrivals per second), AHT = `ahtSeconds`,
//! μ = 1/AHT, traffic **a = λ·AHT** (Erlangs), n = `agents`, t = `thresholdSeconds`.
//!
//! # Erlang C (M/M/n)
//!
//! Customers wait as long as it takes (Erlang 1917; the formulas as in Gans, Koole & Mandelbaum
//! 2003, "Telephone call centers: tutorial, review, and research prospects", *Manufacturing &
//! Service Operations Management* 5(2), §4.1):
//!
//! - Erlang B by recursion, `B(0) = 1`, `B(k) = a·B(k−1) / (k + a·B(k−1))` — no factorials or
//!   powers, so thousands of calls per interval are as stable as ten;
//! - probability of waiting `C = n·B / (n − a·(1 − B))`, defined for a < n;
//! - service level `SL(t) = P(W ≤ t) = 1 − C·e^(−(n − a)·t / AHT)` (the model has no abandonment,
//!   so "of offered" and "of answered" coincide, and `<` and `≤` differ only at t = 0);
//! - average speed of answer `ASA = C·AHT / (n − a)`;
//! - occupancy `a / n`.
//!
//! A finite answer exists only for a < n: otherwise the queue grows without bound and
//! [`erlang_c`] fails with `unstable_queue`.
//!
//! ```
//! use cxkit_core::staffing::{erlang_c, ErlangCInput};
//! // The textbook case: 100 calls in 30 minutes, AHT 180 s, 14 agents, 20 s threshold.
//! let r = erlang_c(&ErlangCInput {
//!     calls_per_interval: 100.0, interval_seconds: 1800.0, aht_seconds: 180.0,
//!     agents: 14.0, threshold_seconds: Some(20.0),
//! }).unwrap();
//! assert_eq!(r.traffic_erlangs, 10.0);
//! assert_eq!(format!("{:.4} {:.4} {:.2}", r.probability_wait, r.service_level, r.asa),
//!            "0.1741 0.8884 7.84");
//! ```
//!
//! # Erlang A (M/M/n+M)
//!
//! Customers abandon after an exponential patience with mean `patienceSeconds` (θ = 1/patience).
//! Garnett, Mandelbaum & Reiman (2002), "Designing a call center with impatient customers",
//! *Manufacturing & Service Operations Management* 4(3), 208–227; the closed forms below are
//! those of Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures"
//! (Technion technical note), with x = nμ/θ, y = λ/θ, ρ = λ/(nμ) = y/x,
//! `A(x, z) = x·e^z·z^(−x)·γ(x, z) = Σ_{m≥0} z^m / ((x+1)…(x+m))` (γ the lower incomplete gamma
//! function) and E = Erlang B at n with load a:
//!
//! - `P(W > 0) = A(x,y)·E / (1 + (A(x,y) − 1)·E)`;
//! - `P(Ab | W > 0) = 1/(ρ·A(x,y)) + 1 − 1/ρ`, `P(Ab) = P(W > 0)·P(Ab | W > 0)`;
//! - with u = e^(−θt): `P(W > t | W > 0) = e^(−θt)·u^x·e^(y(1−u))·A(x, yu)/A(x, y)` and
//!   `P(served, W > t | W > 0) = (x/y)·u^x·e^(y(1−u))·(A(x, yu) − 1)/A(x, y)`;
//! - mean wait of everyone `E[W] = P(Ab)/θ`; mean wait of served customers (ASA) from the
//!   state sum `E[W; served | W > 0] = (1/θA) Σ_m t_m·x/(x+m+1)·Σ_{k=1}^{m+1} 1/(x+k)`, where t_m
//!   is the m-th term of A (a customer who finds m waiting is served with probability
//!   x/(x+m+1) after m+1 exponential stages of rates θ(x+k));
//! - occupancy `a·(1 − P(Ab)) / n`.
//!
//! Service level, under the three usual definitions (`serviceLevelDefinition`):
//! - `offered` (default): answered within t ÷ offered = `P(served, W ≤ t)`;
//! - `answered`: answered within t ÷ answered = `P(served, W ≤ t) / (1 − P(Ab))`;
//! - `excludingShortAbandons`: answered within t ÷ (offered − abandons within
//!   `shortAbandonSeconds`) = `P(served, W ≤ t) / (1 − P(Ab, W ≤ s))`.
//!
//! `A` is summed term by term with rescaling (never an incomplete gamma function that would
//! underflow), so the results are finite for any load, and as patience grows they converge to
//! Erlang C (tested). Erlang A is stable at any traffic: with enough abandonment even n ≤ a is a
//! finite queue.
//!
//! ```
//! use cxkit_core::staffing::{erlang_a, ErlangAInput};
//! let r = erlang_a(&ErlangAInput {
//!     calls_per_interval: 100.0, interval_seconds: 1800.0, aht_seconds: 180.0, agents: 14.0,
//!     threshold_seconds: Some(20.0), patience_seconds: 120.0,
//!     service_level_definition: None, short_abandon_seconds: None,
//! }).unwrap();
//! assert!(r.probability_wait < 0.1741 && r.probability_abandon > 0.0);
//! assert!(r.service_level > 0.8884 && r.asa < 7.84);
//! ```
//!
//! # Agents required and shrinkage
//!
//! [`agents_required`] returns the smallest n that meets every target given: service level ≥
//! `targetServiceLevel` at `thresholdSeconds`, ASA ≤ `targetAsaSeconds`, occupancy ≤
//! `maxOccupancy` (with no target at all, the classic 80 % in 20 s). Scheduled agents add
//! shrinkage s (breaks, training, absence):
//! - `shrinkageMode: "divide"` (default, the usual workforce-management convention):
//!   `n ÷ (1 − s)`;
//! - `"multiply"`: `n × (1 + s)`.
//!
//! Both are rounded up after removing floating-point noise ([`ceil_guarded`]):
//! 21 ÷ (1 − 0.3) is 30.000000000000004 in binary floating point, and is 30 agents, not 31.
//!
//! [`interval_plan`] applies the same to a day of interval forecasts.

mod plan;
mod queueing;

pub use plan::{
    IntervalForecast, IntervalPlanInput, IntervalPlanResult, IntervalStaffing, PlanTotals,
    interval_plan,
};
pub use queueing::erlang_b;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use queueing::{erlang_a_values, erlang_b_step, erlang_c_from_b};

/// Largest traffic accepted, in Erlangs.
pub const MAX_TRAFFIC_ERLANGS: f64 = 1_000_000.0;

/// Largest number of agents accepted or searched.
pub const MAX_AGENTS: u32 = 2_000_000;

/// Default threshold of the service level, in seconds (the classic 80/20; also the default
/// service-level objective of a new Genesys Cloud queue, "80 % of interactions answered in
/// 20 seconds").
pub const DEFAULT_THRESHOLD_SECONDS: f64 = 20.0;

/// Default service-level target when no target is given.
pub const DEFAULT_TARGET_SERVICE_LEVEL: f64 = 0.8;

/// Rounds up after removing floating-point noise: `ceil(x − 1e-9·max(1, |x|))`.
///
/// ```
/// use cxkit_core::staffing::ceil_guarded;
/// assert_eq!(21.0 / (1.0 - 0.3), 30.000000000000004);
/// assert_eq!(ceil_guarded(21.0 / (1.0 - 0.3)), 30.0);
/// assert_eq!(ceil_guarded(30.01), 31.0);
/// assert_eq!(ceil_guarded(0.0), 0.0);
/// ```
pub fn ceil_guarded(x: f64) -> f64 {
    (x - 1e-9 * x.abs().max(1.0)).ceil().max(0.0)
}

/// The queueing model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum StaffingModel {
    /// Erlang C: no abandonment (default).
    #[default]
    #[serde(rename = "erlang-c")]
    ErlangC,
    /// Erlang A: exponential patience with mean `patienceSeconds`.
    #[serde(rename = "erlang-a")]
    ErlangA,
}

/// How shrinkage turns required agents into scheduled agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShrinkageMode {
    /// `agents ÷ (1 − shrinkage)` (default): shrinkage is the share of paid time lost.
    #[default]
    Divide,
    /// `agents × (1 + shrinkage)`: shrinkage is an add-on to the required agents.
    Multiply,
}

/// Which service level Erlang A reports and targets (Erlang C has one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ServiceLevelDefinition {
    /// Answered within the threshold ÷ offered (default; abandons count as missed).
    #[default]
    Offered,
    /// Answered within the threshold ÷ answered.
    Answered,
    /// Answered within the threshold ÷ (offered − abandons within `shortAbandonSeconds`).
    ExcludingShortAbandons,
}

/// Input of [`erlang_c`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErlangCInput {
    /// Calls arriving in the interval (≥ 0).
    pub calls_per_interval: f64,
    /// Length of the interval in seconds (> 0), for example 1800.
    pub interval_seconds: f64,
    /// Average handle time in seconds (> 0).
    pub aht_seconds: f64,
    /// Agents on the queue (a whole number ≥ 1, more than the traffic).
    pub agents: f64,
    /// Service-level threshold in seconds (≥ 0). Default 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_seconds: Option<f64>,
}

/// Result of [`erlang_c`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErlangCResult {
    /// Offered traffic a = λ·AHT, in Erlangs.
    pub traffic_erlangs: f64,
    /// Probability that a call waits, C(n, a).
    pub probability_wait: f64,
    /// Share of calls answered within the threshold, 0–1.
    pub service_level: f64,
    /// Average speed of answer in seconds (over all calls; in Erlang C every call is answered).
    pub asa: f64,
    /// Agent occupancy a/n, 0–1.
    pub occupancy: f64,
}

/// Input of [`erlang_a`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErlangAInput {
    /// Calls arriving in the interval (≥ 0).
    pub calls_per_interval: f64,
    /// Length of the interval in seconds (> 0).
    pub interval_seconds: f64,
    /// Average handle time in seconds (> 0).
    pub aht_seconds: f64,
    /// Agents (a whole number ≥ 1; may be below the traffic).
    pub agents: f64,
    /// Service-level threshold in seconds (≥ 0). Default 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_seconds: Option<f64>,
    /// Mean patience in seconds (> 0): customers abandon after an exponential time with this
    /// mean. Estimate it as total waiting time of all offered calls ÷ abandons.
    pub patience_seconds: f64,
    /// Which service level `serviceLevel` reports. Default `offered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_definition: Option<ServiceLevelDefinition>,
    /// Abandons within this many seconds are short abandons (≥ 0). Default 5; used by
    /// `excludingShortAbandons`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_abandon_seconds: Option<f64>,
}

/// The three service levels of Erlang A.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceLevels {
    /// Answered within the threshold ÷ offered.
    pub offered: f64,
    /// Answered within the threshold ÷ answered.
    pub answered: f64,
    /// Answered within the threshold ÷ (offered − short abandons).
    pub excluding_short_abandons: f64,
}

/// Result of [`erlang_a`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErlangAResult {
    /// Offered traffic a = λ·AHT, in Erlangs.
    pub traffic_erlangs: f64,
    /// Probability that a call finds every agent busy.
    pub probability_wait: f64,
    /// Probability that a call abandons.
    pub probability_abandon: f64,
    /// Service level under `serviceLevelDefinition`, 0–1.
    pub service_level: f64,
    /// All three service levels.
    pub service_levels: ServiceLevels,
    /// Average speed of answer of answered calls, in seconds.
    pub asa: f64,
    /// Average wait of all offered calls (answered and abandoned), in seconds.
    pub average_wait: f64,
    /// Agent occupancy: answered traffic ÷ agents, 0–1.
    pub occupancy: f64,
}

/// Input of [`agents_required`]. Only the traffic is required; every target and option has a
/// documented default.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentsRequiredInput {
    /// Calls arriving in the interval (≥ 0).
    pub calls_per_interval: f64,
    /// Length of the interval in seconds (> 0).
    pub interval_seconds: f64,
    /// Average handle time in seconds (> 0).
    pub aht_seconds: f64,
    /// Service-level threshold in seconds (≥ 0). Default 20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_seconds: Option<f64>,
    /// Service-level target in (0, 1). Default 0.8 when neither this nor `targetAsaSeconds` is
    /// given; otherwise no service-level target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_service_level: Option<f64>,
    /// ASA target in seconds (> 0). Default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_asa_seconds: Option<f64>,
    /// Occupancy cap in (0, 1]. Default none (occupancy only below 1, as stability requires).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_occupancy: Option<f64>,
    /// Shrinkage: share of scheduled time lost to breaks, training, absence. `divide`: in
    /// [0, 1); `multiply`: ≥ 0. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrinkage: Option<f64>,
    /// `divide` (default) or `multiply`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrinkage_mode: Option<ShrinkageMode>,
    /// `erlang-c` (default) or `erlang-a`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<StaffingModel>,
    /// Erlang A only, and required there: mean patience in seconds (> 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience_seconds: Option<f64>,
    /// Erlang A only: which service level the target applies to. Default `offered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_definition: Option<ServiceLevelDefinition>,
    /// Erlang A only: short-abandon limit in seconds (≥ 0). Default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_abandon_seconds: Option<f64>,
    /// Search limit (whole number ≥ 1). Default and maximum 2,000,000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_agents: Option<f64>,
}

/// Result of [`agents_required`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentsRequiredResult {
    /// Agents needed on the queue (0 when no calls arrive).
    pub agents: u32,
    /// Agents to schedule, after shrinkage, rounded up.
    pub scheduled: u32,
    /// Agents to schedule before rounding (full-time equivalents on the interval).
    pub scheduled_exact: f64,
    /// Service level reached with `agents` (the Erlang A definition chosen), 0–1.
    pub service_level: f64,
    /// ASA reached, in seconds (Erlang A: of answered calls).
    pub asa: f64,
    /// Occupancy reached, 0–1.
    pub occupancy: f64,
    /// Probability of waiting.
    pub probability_wait: f64,
    /// Probability of abandoning (Erlang A only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability_abandon: Option<f64>,
    /// Offered traffic in Erlangs.
    pub traffic_erlangs: f64,
    /// The model used.
    pub model: StaffingModel,
}

pub(crate) fn param(field: &str, message: String) -> Error {
    Error::new(ErrorCode::InvalidParameter, message).with_field(field.to_string())
}

pub(crate) fn finite_at_least(field: &str, v: f64, min: f64, strict: bool) -> Result<f64> {
    let ok = v.is_finite() && if strict { v > min } else { v >= min };
    if ok {
        Ok(v)
    } else {
        let rel = if strict { ">" } else { "≥" };
        Err(param(
            field,
            format!("{field} must be a finite number {rel} {min}, got {v}"),
        ))
    }
}

fn whole_agents(field: &str, v: f64, min: f64) -> Result<u32> {
    if !(v.is_finite() && v.fract() == 0.0 && v >= min && v <= f64::from(MAX_AGENTS)) {
        return Err(param(
            field,
            format!("{field} must be a whole number from {min} to {MAX_AGENTS}, got {v}"),
        ));
    }
    Ok(v as u32)
}

/// λ (per second), μ (per second) and the traffic, checked.
fn traffic(calls: f64, interval: f64, aht: f64, prefix: &str) -> Result<(f64, f64, f64)> {
    let f = |name: &str| format!("{prefix}{name}");
    let calls = finite_at_least(&f("callsPerInterval"), calls, 0.0, false)?;
    let interval = finite_at_least(&f("intervalSeconds"), interval, 0.0, true)?;
    let aht = finite_at_least(&f("ahtSeconds"), aht, 0.0, true)?;
    let a = calls * aht / interval;
    if a.is_nan() || a > MAX_TRAFFIC_ERLANGS {
        return Err(param(
            &f("callsPerInterval"),
            format!(
                "traffic {calls} × {aht} s ÷ {interval} s = {a} Erlangs exceeds {MAX_TRAFFIC_ERLANGS}"
            ),
        ));
    }
    Ok((calls / interval, 1.0 / aht, a))
}

fn threshold(v: Option<f64>) -> Result<f64> {
    finite_at_least(
        "thresholdSeconds",
        v.unwrap_or(DEFAULT_THRESHOLD_SECONDS),
        0.0,
        false,
    )
}

/// Default short-abandon limit of Erlang A, in seconds.
pub const DEFAULT_SHORT_ABANDON_SECONDS: f64 = 5.0;

/// Erlang C measures at a given number of agents.
///
/// Errors: `invalid_parameter` naming the field for negative, NaN or infinite inputs, a zero
/// interval or handle time, or agents that are not a whole number ≥ 1; `unstable_queue` when
/// traffic ≥ agents (no finite waiting time exists).
pub fn erlang_c(input: &ErlangCInput) -> Result<ErlangCResult> {
    let (_, _, a) = traffic(
        input.calls_per_interval,
        input.interval_seconds,
        input.aht_seconds,
        "",
    )?;
    let n = whole_agents("agents", input.agents, 1.0)?;
    let t = threshold(input.threshold_seconds)?;
    if a >= f64::from(n) {
        return Err(Error::new(
            ErrorCode::UnstableQueue,
            format!(
                "agents: traffic of {a} Erlangs needs more than {n} agents for a finite wait (Erlang C has no abandonment; try Erlang A)"
            ),
        )
        .with_field("agents"));
    }
    Ok(erlang_c_at(n, a, input.aht_seconds, t, erlang_b(n, a)))
}

fn erlang_c_at(n: u32, a: f64, aht: f64, t: f64, b: f64) -> ErlangCResult {
    let nf = f64::from(n);
    let c = erlang_c_from_b(n, a, b);
    ErlangCResult {
        traffic_erlangs: a,
        probability_wait: c,
        service_level: (1.0 - c * (-(nf - a) * t / aht).exp()).clamp(0.0, 1.0),
        asa: c * aht / (nf - a),
        occupancy: a / nf,
    }
}

/// Erlang A measures at a given number of agents.
///
/// Errors: `invalid_parameter` naming the field (as [`erlang_c`], and `patienceSeconds` must be
/// finite and > 0).
pub fn erlang_a(input: &ErlangAInput) -> Result<ErlangAResult> {
    let (lambda, mu, a) = traffic(
        input.calls_per_interval,
        input.interval_seconds,
        input.aht_seconds,
        "",
    )?;
    let n = whole_agents("agents", input.agents, 1.0)?;
    let t = threshold(input.threshold_seconds)?;
    let patience = finite_at_least("patienceSeconds", input.patience_seconds, 0.0, true)?;
    let short = finite_at_least(
        "shortAbandonSeconds",
        input
            .short_abandon_seconds
            .unwrap_or(DEFAULT_SHORT_ABANDON_SECONDS),
        0.0,
        false,
    )?;
    let v = erlang_a_values(n, lambda, mu, 1.0 / patience, t, short, erlang_b(n, a))?;
    let levels = service_levels(&v);
    Ok(ErlangAResult {
        traffic_erlangs: a,
        probability_wait: v.probability_wait,
        probability_abandon: v.probability_abandon,
        service_level: pick(levels, input.service_level_definition.unwrap_or_default()),
        service_levels: levels,
        asa: v.asa,
        average_wait: v.average_wait,
        occupancy: v.occupancy,
    })
}

fn service_levels(v: &queueing::ErlangAValues) -> ServiceLevels {
    let ratio = |num: f64, den: f64| {
        if den > 0.0 {
            (num / den).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    ServiceLevels {
        offered: v.served_within,
        answered: ratio(v.served_within, 1.0 - v.probability_abandon),
        excluding_short_abandons: ratio(v.served_within, 1.0 - v.short_abandons),
    }
}

fn pick(levels: ServiceLevels, def: ServiceLevelDefinition) -> f64 {
    match def {
        ServiceLevelDefinition::Offered => levels.offered,
        ServiceLevelDefinition::Answered => levels.answered,
        ServiceLevelDefinition::ExcludingShortAbandons => levels.excluding_short_abandons,
    }
}

/// Targets, model and shrinkage, checked: shared by [`agents_required`] and [`interval_plan`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Staffing {
    threshold: f64,
    target_sl: Option<f64>,
    target_asa: Option<f64>,
    max_occupancy: Option<f64>,
    shrinkage: f64,
    shrinkage_mode: ShrinkageMode,
    model: StaffingModel,
    theta: f64,
    definition: ServiceLevelDefinition,
    short: f64,
    max_agents: u32,
}

/// The option fields common to [`AgentsRequiredInput`] and [`IntervalPlanInput`].
pub(crate) struct StaffingFields {
    pub threshold_seconds: Option<f64>,
    pub target_service_level: Option<f64>,
    pub target_asa_seconds: Option<f64>,
    pub max_occupancy: Option<f64>,
    pub shrinkage: Option<f64>,
    pub shrinkage_mode: Option<ShrinkageMode>,
    pub model: Option<StaffingModel>,
    pub patience_seconds: Option<f64>,
    pub service_level_definition: Option<ServiceLevelDefinition>,
    pub short_abandon_seconds: Option<f64>,
    pub max_agents: Option<f64>,
}

impl Staffing {
    pub(crate) fn new(f: &StaffingFields) -> Result<Staffing> {
        let model = f.model.unwrap_or_default();
        let threshold = threshold(f.threshold_seconds)?;
        let target_sl = match f.target_service_level {
            Some(v) if v.is_finite() && v > 0.0 && v < 1.0 => Some(v),
            Some(v) => {
                return Err(param(
                    "targetServiceLevel",
                    format!(
                        "targetServiceLevel must be a share between 0 and 1 (exclusive), got {v}"
                    ),
                ));
            }
            None if f.target_asa_seconds.is_none() => Some(DEFAULT_TARGET_SERVICE_LEVEL),
            None => None,
        };
        let target_asa = f
            .target_asa_seconds
            .map(|v| finite_at_least("targetAsaSeconds", v, 0.0, true))
            .transpose()?;
        let max_occupancy = match f.max_occupancy {
            Some(v) if v.is_finite() && v > 0.0 && v <= 1.0 => Some(v),
            Some(v) => {
                return Err(param(
                    "maxOccupancy",
                    format!("maxOccupancy must be in (0, 1], got {v}"),
                ));
            }
            None => None,
        };
        let shrinkage_mode = f.shrinkage_mode.unwrap_or_default();
        let shrinkage = f.shrinkage.unwrap_or(0.0);
        let shrinkage_ok = shrinkage.is_finite()
            && shrinkage >= 0.0
            && (shrinkage_mode == ShrinkageMode::Multiply || shrinkage < 1.0);
        if !shrinkage_ok {
            return Err(param(
                "shrinkage",
                match shrinkage_mode {
                    ShrinkageMode::Divide => format!(
                        "shrinkage must be in [0, 1) with shrinkageMode \"divide\", got {shrinkage}"
                    ),
                    ShrinkageMode::Multiply => format!(
                        "shrinkage must be a finite number ≥ 0 with shrinkageMode \"multiply\", got {shrinkage}"
                    ),
                },
            ));
        }
        let erlang_a_only = |name: &str, given: bool| {
            if given && model == StaffingModel::ErlangC {
                Err(Error::option(
                    name,
                    format!("options.{name} applies to the erlang-a model only"),
                )
                .with_field(name.to_string()))
            } else {
                Ok(())
            }
        };
        erlang_a_only("patienceSeconds", f.patience_seconds.is_some())?;
        erlang_a_only(
            "serviceLevelDefinition",
            f.service_level_definition.is_some(),
        )?;
        erlang_a_only("shortAbandonSeconds", f.short_abandon_seconds.is_some())?;
        let theta = match (model, f.patience_seconds) {
            (StaffingModel::ErlangA, Some(p)) => {
                1.0 / finite_at_least("patienceSeconds", p, 0.0, true)?
            }
            (StaffingModel::ErlangA, None) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    "patienceSeconds is required with model \"erlang-a\"",
                )
                .with_field("patienceSeconds"));
            }
            (StaffingModel::ErlangC, _) => 0.0,
        };
        let short = finite_at_least(
            "shortAbandonSeconds",
            f.short_abandon_seconds
                .unwrap_or(DEFAULT_SHORT_ABANDON_SECONDS),
            0.0,
            false,
        )?;
        let max_agents = match f.max_agents {
            Some(v) => whole_agents("maxAgents", v, 1.0)?,
            None => MAX_AGENTS,
        };
        Ok(Staffing {
            threshold,
            target_sl,
            target_asa,
            max_occupancy,
            shrinkage,
            shrinkage_mode,
            model,
            theta,
            definition: f.service_level_definition.unwrap_or_default(),
            short,
            max_agents,
        })
    }

    fn meets(&self, sl: f64, asa: f64, occupancy: f64) -> bool {
        self.target_sl.is_none_or(|t| sl >= t - 1e-12)
            && self.target_asa.is_none_or(|t| asa <= t * (1.0 + 1e-12))
            && self.max_occupancy.is_none_or(|m| occupancy <= m + 1e-12)
    }

    fn scheduled(&self, agents: u32) -> (u32, f64) {
        let n = f64::from(agents);
        let exact = match self.shrinkage_mode {
            ShrinkageMode::Divide => n / (1.0 - self.shrinkage),
            ShrinkageMode::Multiply => n * (1.0 + self.shrinkage),
        };
        let rounded = ceil_guarded(exact);
        let scheduled = if rounded >= f64::from(u32::MAX) {
            u32::MAX
        } else {
            rounded as u32
        };
        (scheduled, exact)
    }

    fn unreachable(&self, a: f64) -> Error {
        Error::new(
            ErrorCode::TargetUnreachable,
            format!(
                "no number of agents up to {} meets the targets for {a} Erlangs",
                self.max_agents
            ),
        )
        .with_field("maxAgents")
    }

    /// Agents required for λ (1/s) and AHT (s).
    pub(crate) fn solve(&self, lambda: f64, aht: f64) -> Result<AgentsRequiredResult> {
        let a = lambda * aht;
        let done = |agents: u32, sl: f64, asa: f64, occ: f64, pw: f64, pab: Option<f64>| {
            let (scheduled, scheduled_exact) = self.scheduled(agents);
            AgentsRequiredResult {
                agents,
                scheduled,
                scheduled_exact,
                service_level: sl,
                asa,
                occupancy: occ,
                probability_wait: pw,
                probability_abandon: pab,
                traffic_erlangs: a,
                model: self.model,
            }
        };
        if a == 0.0 {
            let pab = (self.model == StaffingModel::ErlangA).then_some(0.0);
            return Ok(done(0, 1.0, 0.0, 0.0, 0.0, pab));
        }
        match self.model {
            StaffingModel::ErlangC => {
                // Smallest stable staffing, then upwards with one recursion step per agent.
                let first = a.floor() + 1.0;
                if first > f64::from(self.max_agents) {
                    return Err(self.unreachable(a));
                }
                let mut n = first as u32;
                let mut b = erlang_b(n, a);
                loop {
                    let r = erlang_c_at(n, a, aht, self.threshold, b);
                    if self.meets(r.service_level, r.asa, r.occupancy) {
                        return Ok(done(
                            n,
                            r.service_level,
                            r.asa,
                            r.occupancy,
                            r.probability_wait,
                            None,
                        ));
                    }
                    if n >= self.max_agents {
                        return Err(self.unreachable(a));
                    }
                    n += 1;
                    b = erlang_b_step(n, a, b);
                }
            }
            StaffingModel::ErlangA => {
                // Service level rises and ASA and occupancy fall with every agent added, so
                // the smallest staffing meeting the targets is found by doubling, then
                // bisection: O(log n) evaluations instead of n.
                let mu = 1.0 / aht;
                let eval = |n: u32| -> Result<(bool, AgentsRequiredResult)> {
                    let v = erlang_a_values(
                        n,
                        lambda,
                        mu,
                        self.theta,
                        self.threshold,
                        self.short,
                        erlang_b(n, a),
                    )?;
                    let sl = pick(service_levels(&v), self.definition);
                    Ok((
                        self.meets(sl, v.asa, v.occupancy),
                        done(
                            n,
                            sl,
                            v.asa,
                            v.occupancy,
                            v.probability_wait,
                            Some(v.probability_abandon),
                        ),
                    ))
                };
                let mut failing = 0u32;
                let mut hi = (a.ceil() as u32).clamp(1, self.max_agents);
                let mut best = loop {
                    let (ok, r) = eval(hi)?;
                    if ok {
                        break r;
                    }
                    if hi >= self.max_agents {
                        return Err(self.unreachable(a));
                    }
                    failing = hi;
                    hi = hi.saturating_mul(2).min(self.max_agents);
                };
                while hi - failing > 1 {
                    let mid = failing + (hi - failing) / 2;
                    let (ok, r) = eval(mid)?;
                    if ok {
                        hi = mid;
                        best = r;
                    } else {
                        failing = mid;
                    }
                }
                Ok(best)
            }
        }
    }
}

/// Agents required to meet the targets, and agents to schedule after shrinkage.
///
/// Erlang C: the search starts at the smallest stable staffing ⌊a⌋ + 1 and moves up one agent
/// at a time, each step one Erlang B recursion step, so 2,000 calls per interval cost a few
/// hundred multiply-adds. Erlang A (stable at any staffing): doubling from ⌈a⌉, then bisection,
/// relying on service level rising and ASA and occupancy falling as agents are added (checked
/// against an agent-by-agent scan in the tests). The answer is the smallest n at which every
/// target holds.
///
/// ```
/// use cxkit_core::staffing::{agents_required, AgentsRequiredInput};
/// let r = agents_required(&AgentsRequiredInput {
///     calls_per_interval: 100.0, interval_seconds: 1800.0, aht_seconds: 180.0,
///     target_service_level: Some(0.8), threshold_seconds: Some(20.0),
///     shrinkage: Some(0.3), ..Default::default()
/// }).unwrap();
/// assert_eq!((r.agents, r.scheduled), (14, 20));
/// ```
///
/// Errors: `invalid_parameter` naming the field; `missing_field` for Erlang A without
/// `patienceSeconds`; `invalid_option` for Erlang A options with Erlang C;
/// `target_unreachable` when no n up to `maxAgents` meets the targets.
pub fn agents_required(input: &AgentsRequiredInput) -> Result<AgentsRequiredResult> {
    let (lambda, mu, _) = traffic(
        input.calls_per_interval,
        input.interval_seconds,
        input.aht_seconds,
        "",
    )?;
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
    staffing.solve(lambda, 1.0 / mu)
}
