//! Customer lifetime value from a BG/NBD purchase model and a Gamma–Gamma spend model.

use serde::{Deserialize, Serialize};

use super::bgnbd::{BgNbdParams, conditional};
use super::closed::{CashTiming, bad, finite};
use super::gamma_gamma::{GammaGammaParams, expected_average_spend};
use super::rfm::{CustomerRfm, DAYS_PER_MONTH, TimeUnit};
use crate::error::{Error, ErrorCode, Result};

/// The two fitted models: `{bgNbd, gammaGamma}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClvModels {
    /// The purchase model (with its time unit).
    pub bg_nbd: BgNbdParams,
    /// The spend model.
    pub gamma_gamma: GammaGammaParams,
}

/// Options of [`customer_lifetime_value`]. Every field is optional.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClvOptions {
    /// Horizon in months. Default 12 (as Lifetimes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// Discount rate per month, > −1. Default 0.01 (as Lifetimes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_discount_rate: Option<f64>,
    /// The time unit the caller believes the BG/NBD model is in (Lifetimes' `freq`). Optional,
    /// since the parameters carry their unit; when given it must match (`unit_mismatch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<TimeUnit>,
    /// Length of a month in days, > 0. Default 365.2425 / 12 = 30.436875. (Lifetimes uses 30
    /// days with `freq="D"` and 4.345 weeks = 30.415 days with `freq="W"`: set 30 or 30.415 to
    /// reproduce it.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_month: Option<f64>,
    /// Gross margin as a fraction of spend, 0..=1. Default 1 (a revenue CLV, as Lifetimes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_margin: Option<f64>,
    /// `end` (default, as Lifetimes: month i discounted by (1+d)^i) or `start` ((1+d)^(i−1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<CashTiming>,
}

/// Result of [`customer_lifetime_value`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerLifetimeValue {
    /// The discounted value over the horizon.
    pub value: f64,
    /// Expected purchases over the whole horizon (undiscounted).
    pub expected_purchases: f64,
    /// Expected spend per purchase (Gamma–Gamma), times the margin.
    pub expected_average_spend: f64,
    /// P(alive) now (BG/NBD).
    pub probability_alive: f64,
    /// Discounted value of each month.
    pub monthly: Vec<f64>,
    /// The BG/NBD unit the horizon was converted to.
    pub unit: TimeUnit,
    /// A month in that unit.
    pub month_length: f64,
}

/// Customer lifetime value over a horizon of months, discounted monthly:
///
/// CLV = Σ_{i=1}^{months} (E(Y(i·L)) − E(Y((i−1)·L))) · g · E(Z) / (1 + d)^(i−s)
///
/// with E(Y(t)) the BG/NBD conditional expected purchases in the next t units
/// ([`super::bg_nbd_expected_purchases`]), E(Z) the Gamma–Gamma conditional expected spend
/// ([`expected_average_spend`]), g the gross margin, d the monthly discount rate, s = 0 for `end`
/// (the default) and 1 for `start`, and L the length of a month in the model's time unit:
/// `daysPerMonth` ÷ (1, 7 or 30.436875). This is Lifetimes' `customer_lifetime_value` (Lifetimes
/// 0.11, `utils._customer_lifetime_value`), except that the month length follows from the
/// model's recorded unit instead of a separate `freq` argument, so a weeks-versus-days mix-up
/// cannot happen: the customer row is converted to the model's unit, and `options.unit`, if
/// given, must equal the model's unit.
///
/// ```
/// use cxkit_core::ltv::*;
/// let models = ClvModels {
///     bg_nbd: BgNbdParams { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: TimeUnit::Weeks },
///     gamma_gamma: GammaGammaParams { p: 6.25, q: 3.74, gamma: 15.44 },
/// };
/// let customer = CustomerRfm::new(2, 30.43, 38.86, 22.35, TimeUnit::Weeks);
/// let clv = customer_lifetime_value(&models, &customer, &ClvOptions::default()).unwrap();
/// assert!(clv.value > 0.0 && clv.monthly.len() == 12);
/// // The same customer given in days has the same value.
/// let days = customer.in_unit(TimeUnit::Days);
/// let again = customer_lifetime_value(&models, &days, &ClvOptions::default()).unwrap();
/// assert!((again.value - clv.value).abs() < 1e-9 * clv.value);
/// // Claiming the model is in days is refused.
/// let wrong = ClvOptions { unit: Some(TimeUnit::Days), ..ClvOptions::default() };
/// assert_eq!(customer_lifetime_value(&models, &customer, &wrong).unwrap_err().code,
///            cxkit_core::ErrorCode::UnitMismatch);
/// ```
pub fn customer_lifetime_value(
    models: &ClvModels,
    customer: &CustomerRfm,
    options: &ClvOptions,
) -> Result<CustomerLifetimeValue> {
    let p = &models.bg_nbd;
    p.check()?;
    if let Some(unit) = options.unit
        && unit != p.unit
    {
        return Err(Error::new(
            ErrorCode::UnitMismatch,
            format!(
                "options.unit is {} but the BG/NBD model was fitted in {}",
                unit.as_str(),
                p.unit.as_str()
            ),
        )
        .with_field("options.unit"));
    }
    let months = options.months.unwrap_or(12);
    let d = finite(
        "monthlyDiscountRate",
        options.monthly_discount_rate.unwrap_or(0.01),
    )?;
    if d <= -1.0 {
        return Err(bad(
            "monthlyDiscountRate",
            format!("monthlyDiscountRate must be greater than -1, got {d}"),
        ));
    }
    let days_per_month = finite(
        "daysPerMonth",
        options.days_per_month.unwrap_or(DAYS_PER_MONTH),
    )?;
    if days_per_month <= 0.0 {
        return Err(bad(
            "daysPerMonth",
            format!("daysPerMonth must be > 0, got {days_per_month}"),
        ));
    }
    let margin = finite("grossMargin", options.gross_margin.unwrap_or(1.0))?;
    if !(0.0..=1.0).contains(&margin) {
        return Err(bad(
            "grossMargin",
            format!("grossMargin is a fraction between 0 and 1, got {margin}"),
        ));
    }
    let shift = match options.timing.unwrap_or(CashTiming::End) {
        CashTiming::End => 0.0,
        CashTiming::Start => 1.0,
    };
    let c = customer.in_unit(p.unit);
    c.check("customer")?;
    let spend = expected_average_spend(&models.gamma_gamma, &c)? * margin;
    let month = days_per_month / p.unit.days();
    let ln_1d = d.ln_1p();
    let mut monthly = Vec::with_capacity(months as usize);
    let mut previous = 0.0;
    let mut value = 0.0;
    for i in 1..=months {
        let e = conditional(p, &c, f64::from(i) * month)?;
        let v = (e - previous) * spend * (-(f64::from(i) - shift) * ln_1d).exp();
        previous = e;
        value += v;
        monthly.push(v);
    }
    if !value.is_finite() {
        return Err(bad("monthlyDiscountRate", "the lifetime value overflows"));
    }
    Ok(CustomerLifetimeValue {
        value,
        expected_purchases: previous,
        expected_average_spend: spend,
        probability_alive: super::bg_nbd_probability_alive(p, &c)?,
        monthly,
        unit: p.unit,
        month_length: month,
    })
}
