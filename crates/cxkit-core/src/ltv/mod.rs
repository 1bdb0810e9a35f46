//! Lifetime value: closed forms, cohort tables, RFM summaries and the probabilistic BG/NBD and
//! Gamma–Gamma models.
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
//! # BG/NBD ([`fit_bg_nbd`], [`bg_nbd_expected_purchases`], [`bg_nbd_probability_alive`],
//! [`bg_nbd_expected_purchases_new_customer`])
//!
//! Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
//! Pareto/NBD model", *Marketing Science* 24(2), 275–284. While alive, a customer buys as a
//! Poisson process of rate λ ~ Gamma(r, α); after each purchase they drop out with probability
//! p ~ Beta(a, b). The likelihood, P(alive), conditional and unconditional expected purchases are
//! documented on each function; the Gaussian hypergeometric function of the expectations is
//! computed by a cancellation-free series ([`crate::stats::ln_hyp2f1`] and a Pfaff-transformed
//! form) checked against mpmath.
//!
//! # Gamma–Gamma ([`fit_gamma_gamma`], [`expected_average_spend`])
//!
//! Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis",
//! *Journal of Marketing Research* 42(4), 415–430, and Fader & Hardie (2013), "The Gamma-Gamma
//! model of monetary value" (note 025).
//!
//! # CLV ([`customer_lifetime_value`])
//!
//! CLV = Σ_{i=1}^{months} (E(Y(i·L)) − E(Y((i−1)·L))) · E(Z) / (1 + d)^i, with L a month in the
//! BG/NBD model's own unit. Units are never implicit: rows and fitted parameters record theirs,
//! rows are converted to the model's unit, and a mismatched `options.unit` is `unit_mismatch`.
//!
//! The CDNOW results of both papers are reproduced in `tests/ltv_cdnow.rs`.
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

mod bgnbd;
mod closed;
mod clv;
mod gamma_gamma;
mod optim;
mod rfm;

pub use bgnbd::{
    BgNbdFit, BgNbdParams, FitOptions, bg_nbd_expected_purchases,
    bg_nbd_expected_purchases_new_customer, bg_nbd_log_likelihood, bg_nbd_probability_alive,
    fit_bg_nbd,
};
pub use closed::{
    CashTiming, Cohort, CohortCurve, CohortLtv, CohortLtvOptions, DiscountedLtv,
    DiscountedLtvInput, PooledCohortCurve, SimpleLtv, SimpleLtvInput, cohort_ltv, discounted_ltv,
    expected_lifetime, simple_ltv,
};
pub use clv::{ClvModels, ClvOptions, CustomerLifetimeValue, customer_lifetime_value};
pub use gamma_gamma::{
    GammaGammaFit, GammaGammaParams, expected_average_spend, fit_gamma_gamma,
    gamma_gamma_log_likelihood,
};
pub use rfm::{
    CustomerRfm, DAYS_PER_MONTH, Duplicates, MAX_UTC_OFFSET_MINUTES, RFM_STATE_FORMAT,
    RfmAccumulator, RfmOptions, RfmReport, RfmState, StatePurchase, TimeUnit,
    parse_date_or_timestamp, rfm_summary,
};
