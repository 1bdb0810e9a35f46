//! Closed-form lifetime value: simple, expected lifetime, discounted (finite or infinite horizon,
//! cash at the start or at the end of each period) and cohort tables.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};

/// When in each period the customer's cash arrives, which decides how it is discounted.
///
/// With a per-period retention rate ρ = 1 − churn and a discount rate d, period k = 0, 1, 2, …
/// (period 0 is the first, the acquisition period):
/// - `start` (annuity-due, cash in advance: subscriptions billed at the start of the period):
///   the customer pays at the start of period k if still a customer then (probability ρᵏ),
///   discounted by (1 + d)ᵏ; the first payment is not discounted. **The default**: with d = 0 it
///   gives the simple ARPU × margin ÷ churn.
/// - `end` (ordinary annuity, cash in arrears): the customer pays at the end of period k if still a
///   customer at that end (probability ρᵏ⁺¹), discounted by (1 + d)ᵏ⁺¹.
///
/// Infinite horizon: `start` = m (1 + d) / (1 + d − ρ) and `end` = m ρ / (1 + d − ρ), the two
/// forms of Gupta & Lehmann (2003), "Customers as assets", *Journal of Interactive Marketing*
/// 17(1), and Gupta et al. (2006), "Modeling customer lifetime value", *Journal of Service
/// Research* 9(2) (the "margin multiple" ρ / (1 + d − ρ) is the `end` form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CashTiming {
    /// Cash at the start of each period (default).
    #[default]
    Start,
    /// Cash at the end of each period.
    End,
}

impl CashTiming {
    /// The wire name: `"start"` or `"end"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CashTiming::Start => "start",
            CashTiming::End => "end",
        }
    }
}

pub(crate) fn bad(field: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidParameter, message).with_field(field.to_string())
}

pub(crate) fn finite(field: &str, v: f64) -> Result<f64> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(bad(
            field,
            format!("{field} must be a finite number, got {v}"),
        ))
    }
}

fn check_churn(v: f64, allow_zero: bool) -> Result<f64> {
    let v = finite("churnRate", v)?;
    let low_ok = if allow_zero { v >= 0.0 } else { v > 0.0 };
    if low_ok && v <= 1.0 {
        Ok(v)
    } else {
        Err(bad(
            "churnRate",
            format!(
                "churnRate must be {} 0 and at most 1 (a share of customers lost per period), got {v}",
                if allow_zero {
                    "at least"
                } else {
                    "greater than"
                }
            ),
        ))
    }
}

fn check_discount(v: f64) -> Result<f64> {
    let v = finite("discountRate", v)?;
    if v > -1.0 {
        Ok(v)
    } else {
        Err(bad(
            "discountRate",
            format!("discountRate must be greater than -1, got {v}"),
        ))
    }
}

fn check_margin(v: Option<f64>) -> Result<f64> {
    let m = finite("grossMargin", v.unwrap_or(1.0))?;
    if (0.0..=1.0).contains(&m) {
        Ok(m)
    } else {
        Err(bad(
            "grossMargin",
            format!("grossMargin is a fraction of revenue between 0 and 1, got {m}"),
        ))
    }
}

fn check_arpu(v: f64) -> Result<f64> {
    let v = finite("arpu", v)?;
    if v >= 0.0 {
        Ok(v)
    } else {
        Err(bad(
            "arpu",
            format!("arpu (revenue per customer per period) must not be negative, got {v}"),
        ))
    }
}

/// Expected customer lifetime in periods under a constant churn rate c per period: 1 / c
/// (the mean of a geometric distribution counting the first period).
///
/// ```
/// assert_eq!(cxkit_core::ltv::expected_lifetime(0.05).unwrap(), 20.0);
/// assert!(cxkit_core::ltv::expected_lifetime(0.0).is_err());
/// ```
pub fn expected_lifetime(churn_rate: f64) -> Result<f64> {
    Ok(1.0 / check_churn(churn_rate, false)?)
}

/// Input of [`simple_ltv`]: `{arpu, grossMargin?, churnRate}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimpleLtvInput {
    /// Average revenue per customer per period (≥ 0).
    pub arpu: f64,
    /// Gross margin as a fraction of revenue, 0..=1. Default 1 (a revenue LTV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_margin: Option<f64>,
    /// Share of customers lost per period, in (0, 1].
    pub churn_rate: f64,
}

/// Result of [`simple_ltv`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimpleLtv {
    /// ARPU × margin ÷ churn.
    pub value: f64,
    /// 1 ÷ churn, in periods.
    pub expected_lifetime: f64,
    /// ARPU × margin.
    pub margin_per_period: f64,
}

/// The simple (undiscounted) lifetime value: ARPU × gross margin ÷ churn rate, i.e. the margin per
/// period times the expected lifetime 1 / churn. Errors (`invalid_parameter`): churn ≤ 0 or > 1,
/// negative ARPU, margin outside 0..=1, any non-finite number.
///
/// ```
/// use cxkit_core::ltv::{simple_ltv, SimpleLtvInput};
/// let v = simple_ltv(&SimpleLtvInput { arpu: 50.0, gross_margin: Some(0.8), churn_rate: 0.04 }).unwrap();
/// assert!((v.value - 1000.0).abs() < 1e-9);
/// assert!((v.expected_lifetime - 25.0).abs() < 1e-12);
/// ```
pub fn simple_ltv(input: &SimpleLtvInput) -> Result<SimpleLtv> {
    let arpu = check_arpu(input.arpu)?;
    let margin = check_margin(input.gross_margin)?;
    let churn = check_churn(input.churn_rate, false)?;
    let m = arpu * margin;
    Ok(SimpleLtv {
        value: m / churn,
        expected_lifetime: 1.0 / churn,
        margin_per_period: m,
    })
}

/// Input of [`discounted_ltv`]: `{arpu, grossMargin?, churnRate, discountRate, periods?, timing?}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiscountedLtvInput {
    /// Average revenue per customer per period (≥ 0).
    pub arpu: f64,
    /// Gross margin as a fraction of revenue, 0..=1. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_margin: Option<f64>,
    /// Share of customers lost per period: in (0, 1] for an infinite horizon, [0, 1] for a finite one.
    pub churn_rate: f64,
    /// Discount rate per period, > −1 (for example 0.01 a month).
    pub discount_rate: f64,
    /// Number of periods; absent (the default) for an infinite horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<u32>,
    /// When the cash of each period arrives. Default `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<CashTiming>,
}

/// Result of [`discounted_ltv`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscountedLtv {
    /// The discounted lifetime value.
    pub value: f64,
    /// ARPU × margin.
    pub margin_per_period: f64,
    /// 1 − churn.
    pub retention_rate: f64,
    /// The horizon in periods (`null`: infinite).
    pub periods: Option<u32>,
    /// The timing convention applied.
    pub timing: CashTiming,
}

/// Σ_{k=0}^{n−1} qᵏ for 0 ≤ q, without cancellation near q = 1.
fn geometric_sum(q: f64, n: u32) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let nf = f64::from(n);
    if q == 0.0 {
        return 1.0;
    }
    let one_minus_q = 1.0 - q;
    if one_minus_q.abs() < 1e-12 {
        // Σ qᵏ = n + n(n−1)/2 (q − 1) + O((q−1)²)
        return nf - nf * (nf - 1.0) / 2.0 * one_minus_q;
    }
    -(nf * q.ln()).exp_m1() / one_minus_q
}

/// The discounted lifetime value of one customer with margin m = ARPU × gross margin per period,
/// retention ρ = 1 − churn and discount rate d per period; q = ρ / (1 + d):
///
/// | horizon | `start` (default) | `end` |
/// |---|---|---|
/// | N periods | m (1 − q^N) / (1 − q) | m q (1 − q^N) / (1 − q) |
/// | infinite | m (1 + d) / (d + churn) | m ρ / (d + churn) |
///
/// See [`CashTiming`] for the two conventions and their sources. With d = 0 and `start`, the
/// infinite horizon is the simple m / churn. Errors (`invalid_parameter`): discount ≤ −1, churn
/// outside its range, an infinite horizon with d + churn ≤ 0 (the sum diverges), any non-finite
/// number.
///
/// ```
/// use cxkit_core::ltv::{discounted_ltv, CashTiming, DiscountedLtvInput};
/// let mut input = DiscountedLtvInput {
///     arpu: 100.0, gross_margin: None, churn_rate: 0.2, discount_rate: 0.1,
///     periods: None, timing: None,
/// };
/// // start: 100 × 1.1 / 0.3; end: 100 × 0.8 / 0.3
/// assert!((discounted_ltv(&input).unwrap().value - 366.666_666_666_666_7).abs() < 1e-9);
/// input.timing = Some(CashTiming::End);
/// assert!((discounted_ltv(&input).unwrap().value - 266.666_666_666_666_7).abs() < 1e-9);
/// // Three periods, end: 100 (0.8/1.1 + (0.8/1.1)² + (0.8/1.1)³)
/// input.periods = Some(3);
/// let q: f64 = 0.8 / 1.1;
/// assert!((discounted_ltv(&input).unwrap().value - 100.0 * (q + q * q + q * q * q)).abs() < 1e-9);
/// ```
pub fn discounted_ltv(input: &DiscountedLtvInput) -> Result<DiscountedLtv> {
    let arpu = check_arpu(input.arpu)?;
    let margin = check_margin(input.gross_margin)?;
    let churn = check_churn(input.churn_rate, input.periods.is_some())?;
    let d = check_discount(input.discount_rate)?;
    let timing = input.timing.unwrap_or_default();
    let m = arpu * margin;
    let rho = 1.0 - churn;
    let q = rho / (1.0 + d);
    let first = match timing {
        CashTiming::Start => 1.0,
        CashTiming::End => q,
    };
    let value = match input.periods {
        Some(n) => m * first * geometric_sum(q, n),
        None => {
            if d + churn <= 0.0 {
                return Err(bad(
                    "discountRate",
                    format!(
                        "an infinite horizon needs discountRate + churnRate > 0 (the sum diverges), got {d} + {churn}"
                    ),
                ));
            }
            m * first * (1.0 + d) / (d + churn)
        }
    };
    if !value.is_finite() {
        return Err(bad(
            "arpu",
            "the lifetime value overflows: the inputs are too large",
        ));
    }
    Ok(DiscountedLtv {
        value,
        margin_per_period: m,
        retention_rate: rho,
        periods: input.periods,
        timing,
    })
}

/// One acquisition cohort of a cohort × period table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cohort {
    /// Label of the cohort (for example the acquisition month `2026-01`).
    pub cohort: String,
    /// Customers acquired (the original customers), > 0.
    pub customers: u64,
    /// Revenue (or margin) of the whole cohort in each period since acquisition; `values[0]` is
    /// the acquisition period. Finite numbers; negative values (refunds, losses) are allowed.
    pub values: Vec<f64>,
    /// Optional: customers still active in each period (for the retention curve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<Vec<u64>>,
}

/// Options of [`cohort_ltv`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CohortLtvOptions {
    /// Multiplies every value (turns revenue into margin), 0..=1. Default 1 (values as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_margin: Option<f64>,
    /// Discount rate per period, > −1. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<f64>,
    /// When each period's cash arrives: `start` (default; period k discounted by (1 + d)ᵏ) or
    /// `end` ((1 + d)ᵏ⁺¹).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<CashTiming>,
}

/// The curves of one cohort.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortCurve {
    /// The cohort label.
    pub cohort: String,
    /// Original customers.
    pub customers: u64,
    /// Cumulative value per original customer after each period.
    pub cumulative_value: Vec<f64>,
    /// The same, discounted.
    pub discounted_cumulative_value: Vec<f64>,
    /// Active ÷ original customers in each period (`null` without `active`).
    pub retention: Option<Vec<f64>>,
}

/// The pooled curve over all cohorts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PooledCohortCurve {
    /// Σ over periods j ≤ k of (Σ values of the cohorts observed in period j ÷ Σ their original
    /// customers).
    pub cumulative_value: Vec<f64>,
    /// The same, each period discounted.
    pub discounted_cumulative_value: Vec<f64>,
    /// Σ active ÷ Σ original customers over the cohorts with `active` observed in each period
    /// (`null` when no cohort has `active`).
    pub retention: Option<Vec<f64>>,
    /// How many cohorts are observed in each period.
    pub cohorts_observed: Vec<u32>,
}

/// Result of [`cohort_ltv`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortLtv {
    /// One curve per cohort, in input order.
    pub cohorts: Vec<CohortCurve>,
    /// All cohorts pooled, period by period, over the cohorts observed that long.
    pub overall: PooledCohortCurve,
}

/// Cohort lifetime value from a cohort × period table of revenue (or margin).
///
/// For a cohort of n₀ original customers with values v₀, v₁, … per period since acquisition,
/// margin g and discount rate d: cumulative value per original customer after period k is
/// g Σ_{j≤k} v_j / n₀; discounted, g Σ_{j≤k} v_j / (1 + d)^(j+s) / n₀ with s = 0 for `start` and 1
/// for `end`; retention in period k is active_k / n₀. The pooled curve averages period j over the
/// cohorts that reached period j (younger cohorts have shorter rows), weighting by cohort size,
/// which is the usual way to read a triangular cohort table (e.g. Fader & Hardie's "cohort
/// revenue" tables; any cohort-analysis text).
///
/// Errors: no cohort (`empty_input`), a cohort with 0 customers, a non-finite value or an
/// `active` row longer than `values` (`invalid_value`, naming `cohorts[i]`), bad options
/// (`invalid_parameter`).
///
/// ```
/// use cxkit_core::ltv::{cohort_ltv, Cohort, CohortLtvOptions};
/// let table = vec![
///     Cohort { cohort: "2026-01".into(), customers: 100, values: vec![1000.0, 600.0, 400.0], active: Some(vec![100, 60, 40]) },
///     Cohort { cohort: "2026-02".into(), customers: 50, values: vec![500.0, 250.0], active: None },
/// ];
/// let out = cohort_ltv(&table, &CohortLtvOptions::default()).unwrap();
/// assert_eq!(out.cohorts[0].cumulative_value, vec![10.0, 16.0, 20.0]);
/// assert_eq!(out.cohorts[0].retention, Some(vec![1.0, 0.6, 0.4]));
/// // Pooled: period 0 (1500 / 150), period 1 (850 / 150), period 2 (400 / 100).
/// let pooled = &out.overall.cumulative_value;
/// assert!((pooled[2] - (10.0 + 850.0 / 150.0 + 4.0)).abs() < 1e-12);
/// assert_eq!(out.overall.cohorts_observed, vec![2, 2, 1]);
/// ```
pub fn cohort_ltv(cohorts: &[Cohort], options: &CohortLtvOptions) -> Result<CohortLtv> {
    if cohorts.is_empty() {
        return Err(
            Error::new(ErrorCode::EmptyInput, "cohortLtv needs at least one cohort")
                .with_field("cohorts"),
        );
    }
    let g = check_margin(options.gross_margin)?;
    let d = check_discount(options.discount_rate.unwrap_or(0.0))?;
    let shift = match options.timing.unwrap_or_default() {
        CashTiming::Start => 0,
        CashTiming::End => 1,
    };
    let ln_1d = d.ln_1p();
    let factor = |j: usize| (-(j as f64 + f64::from(shift)) * ln_1d).exp();
    let longest = cohorts.iter().map(|c| c.values.len()).max().unwrap_or(0);
    let mut sum_values = vec![0.0; longest];
    let mut sum_customers = vec![0.0; longest];
    let mut sum_active = vec![0.0; longest];
    let mut sum_active_base = vec![0.0; longest];
    let mut observed = vec![0u32; longest];
    let mut any_active = false;
    let mut curves = Vec::with_capacity(cohorts.len());
    for (i, c) in cohorts.iter().enumerate() {
        let invalid = |field: String, message: String| {
            Error::new(ErrorCode::InvalidValue, message)
                .with_field(field)
                .with_index(i)
        };
        if c.customers == 0 {
            return Err(invalid(
                format!("cohorts[{i}].customers"),
                format!("cohorts[{i}].customers must be at least 1"),
            ));
        }
        if let Some(j) = c.values.iter().position(|v| !v.is_finite()) {
            return Err(invalid(
                format!("cohorts[{i}].values[{j}]"),
                format!("cohorts[{i}].values[{j}] is not a finite number"),
            ));
        }
        let n0 = c.customers as f64;
        let mut cum = 0.0;
        let mut dcum = 0.0;
        let mut cumulative = Vec::with_capacity(c.values.len());
        let mut discounted = Vec::with_capacity(c.values.len());
        for (j, &v) in c.values.iter().enumerate() {
            cum += g * v / n0;
            dcum += g * v * factor(j) / n0;
            cumulative.push(cum);
            discounted.push(dcum);
            if let (Some(s), Some(n), Some(o)) = (
                sum_values.get_mut(j),
                sum_customers.get_mut(j),
                observed.get_mut(j),
            ) {
                *s += g * v;
                *n += n0;
                *o += 1;
            }
        }
        let retention = match &c.active {
            None => None,
            Some(active) => {
                if active.len() > c.values.len() {
                    return Err(invalid(
                        format!("cohorts[{i}].active"),
                        format!(
                            "cohorts[{i}].active has {} periods but values has {}",
                            active.len(),
                            c.values.len()
                        ),
                    ));
                }
                any_active = true;
                for (j, &a) in active.iter().enumerate() {
                    if let (Some(s), Some(n)) = (sum_active.get_mut(j), sum_active_base.get_mut(j))
                    {
                        *s += a as f64;
                        *n += n0;
                    }
                }
                Some(active.iter().map(|&a| a as f64 / n0).collect())
            }
        };
        curves.push(CohortCurve {
            cohort: c.cohort.clone(),
            customers: c.customers,
            cumulative_value: cumulative,
            discounted_cumulative_value: discounted,
            retention,
        });
    }
    let mut cum = 0.0;
    let mut dcum = 0.0;
    let mut cumulative = Vec::with_capacity(longest);
    let mut discounted = Vec::with_capacity(longest);
    for (j, (s, n)) in sum_values.iter().zip(&sum_customers).enumerate() {
        let per = if *n > 0.0 { s / n } else { 0.0 };
        cum += per;
        dcum += per * factor(j);
        cumulative.push(cum);
        discounted.push(dcum);
    }
    let retention = any_active.then(|| {
        sum_active
            .iter()
            .zip(&sum_active_base)
            .take_while(|(_, n)| **n > 0.0)
            .map(|(a, n)| a / n)
            .collect()
    });
    Ok(CohortLtv {
        cohorts: curves,
        overall: PooledCohortCurve {
            cumulative_value: cumulative,
            discounted_cumulative_value: discounted,
            retention,
            cohorts_observed: observed,
        },
    })
}
