//! Lifetime value: closed forms, cohort tables and RFM summaries (the probabilistic models follow).
//!
//! # Closed forms ([`simple_ltv`], [`expected_lifetime`], [`discounted_ltv`])
//!
//! With ARPU per period, gross margin g (default 1), churn c per period, retention ρ = 1 − c,
//! discount rate d per period, m = ARPU × g and q = ρ / (1 + d):
//!
//! | | formula |
//! |---|---|
//! | simple | m / c |
//! | expected lifetime | 1 / c periods |
//! | discounted, infinite, cash at `start` (default) | m (1 + d) / (d + c) |
//! | discounted, infinite, cash at `end` | m ρ / (d + c) |
//! | discounted, N periods, `start` | m (1 − q^N) / (1 − q) |
//! | discounted, N periods, `end` | m q (1 − q^N) / (1 − q) |
//!
//! [`CashTiming`] defines the two conventions (Gupta & Lehmann 2003; Gupta et al. 2006). Churn ≤ 0
//! (for an infinite horizon), churn > 1, discount ≤ −1 or d + c ≤ 0 on an infinite horizon are
//! `invalid_parameter` errors.
//!
//! # Cohorts ([`cohort_ltv`])
//!
//! From a cohort × period table of revenue or margin: cumulative value per original customer,
//! its discounted version, the retention curve, per cohort and pooled over the cohorts observed
//! in each period.
//!
//! # From transactions ([`rfm_summary`], [`RfmAccumulator`])
//!
//! [`crate::model::Transaction`]s become one [`CustomerRfm`] row per customer: one purchase per
//! calendar day, frequency = repeat purchase days, recency and age T in a [`TimeUnit`] that every
//! row carries, mean repeat spend, up to a calibration end.
//!
//! ```
//! use cxkit_core::ltv::*;
//! // A subscription at 40 a month, 70 % margin, 3 % monthly churn, 1 % monthly discount.
//! let simple = simple_ltv(&SimpleLtvInput { arpu: 40.0, gross_margin: Some(0.7), churn_rate: 0.03 }).unwrap();
//! assert!((simple.value - 933.333_333_333_333_4).abs() < 1e-9);
//! let discounted = discounted_ltv(&DiscountedLtvInput {
//!     arpu: 40.0, gross_margin: Some(0.7), churn_rate: 0.03, discount_rate: 0.01,
//!     periods: None, timing: None,
//! }).unwrap();
//! assert!((discounted.value - 28.0 * 1.01 / 0.04).abs() < 1e-9);
//! ```

mod closed;
mod rfm;

pub use closed::{
    CashTiming, Cohort, CohortCurve, CohortLtv, CohortLtvOptions, DiscountedLtv,
    DiscountedLtvInput, PooledCohortCurve, SimpleLtv, SimpleLtvInput, cohort_ltv, discounted_ltv,
    expected_lifetime, simple_ltv,
};
pub use rfm::{
    CustomerRfm, DAYS_PER_MONTH, Duplicates, MAX_UTC_OFFSET_MINUTES, RFM_STATE_FORMAT,
    RfmAccumulator, RfmOptions, RfmReport, RfmState, TimeUnit, parse_date_or_timestamp,
    rfm_summary,
};
