//! The `ltv` interface: WIT records to core `ltv` types and back. Conversion only.

use cxkit_core::Error;
use cxkit_core::ltv::{
    self, BgNbdFit, BgNbdParams, CashTiming, ClvModels, ClvOptions, Cohort, CohortLtv,
    CohortLtvOptions, CustomerLifetimeValue, CustomerRfm, DiscountedLtv, DiscountedLtvInput,
    Duplicates, FitOptions, GammaGammaFit, GammaGammaParams, RfmOptions, SimpleLtv, SimpleLtvInput,
    TimeUnit,
};
use cxkit_core::model::Transaction;

use crate::Component;
use crate::bindings::exports::cxkit::metrics::ltv as wit;
use crate::bindings::exports::cxkit::metrics::types::Error as WitError;
use crate::contacts::timestamp;
use crate::surveys::{error, on_invalid};

impl wit::Guest for Component {
    fn rfm_summary(
        transactions: Vec<wit::Transaction>,
        options: wit::RfmOptions,
    ) -> Result<Vec<wit::CustomerRfm>, WitError> {
        let run = || {
            let options = rfm_options(options)?;
            let transactions = transactions
                .into_iter()
                .enumerate()
                .map(|(i, t)| transaction(t, i))
                .collect::<Result<Vec<_>, _>>()?;
            ltv::rfm_summary(&transactions, &options)
        };
        run()
            .map(|rows| rows.into_iter().map(to_customer).collect())
            .map_err(error)
    }

    fn fit_bg_nbd(
        summary: Vec<wit::CustomerRfm>,
        options: wit::FitOptions,
    ) -> Result<wit::BgNbdFit, WitError> {
        ltv::fit_bg_nbd(&rows(summary), &fit_options(options))
            .map(bg_nbd_fit)
            .map_err(error)
    }

    fn bg_nbd_expected_purchases(
        params: wit::BgNbdParams,
        customer: wit::CustomerRfm,
        t: f64,
    ) -> Result<f64, WitError> {
        ltv::bg_nbd_expected_purchases(&bg_nbd_params(params), &customer_rfm(customer), t)
            .map_err(error)
    }

    fn bg_nbd_probability_alive(
        params: wit::BgNbdParams,
        customer: wit::CustomerRfm,
    ) -> Result<f64, WitError> {
        ltv::bg_nbd_probability_alive(&bg_nbd_params(params), &customer_rfm(customer))
            .map_err(error)
    }

    fn bg_nbd_expected_purchases_new_customer(
        params: wit::BgNbdParams,
        t: f64,
    ) -> Result<f64, WitError> {
        ltv::bg_nbd_expected_purchases_new_customer(&bg_nbd_params(params), t).map_err(error)
    }

    fn fit_gamma_gamma(
        summary: Vec<wit::CustomerRfm>,
        options: wit::FitOptions,
    ) -> Result<wit::GammaGammaFit, WitError> {
        ltv::fit_gamma_gamma(&rows(summary), &fit_options(options))
            .map(gamma_gamma_fit)
            .map_err(error)
    }

    fn expected_average_spend(
        params: wit::GammaGammaParams,
        customer: wit::CustomerRfm,
    ) -> Result<f64, WitError> {
        ltv::expected_average_spend(&gamma_gamma_params(params), &customer_rfm(customer))
            .map_err(error)
    }

    fn customer_lifetime_value(
        models: wit::ClvModels,
        customer: wit::CustomerRfm,
        options: wit::ClvOptions,
    ) -> Result<wit::ClvResult, WitError> {
        let models = ClvModels {
            bg_nbd: bg_nbd_params(models.bg_nbd),
            gamma_gamma: gamma_gamma_params(models.gamma_gamma),
        };
        let options = ClvOptions {
            months: options.months,
            monthly_discount_rate: options.monthly_discount_rate,
            unit: options.unit.map(time_unit),
            days_per_month: options.days_per_month,
            gross_margin: options.gross_margin,
            timing: options.timing.map(cash_timing),
        };
        ltv::customer_lifetime_value(&models, &customer_rfm(customer), &options)
            .map(clv_result)
            .map_err(error)
    }

    fn simple_ltv(input: wit::SimpleLtvInput) -> Result<wit::SimpleLtvResult, WitError> {
        let input = SimpleLtvInput {
            arpu: input.arpu,
            gross_margin: input.gross_margin,
            churn_rate: input.churn_rate,
        };
        ltv::simple_ltv(&input).map(simple).map_err(error)
    }

    fn discounted_ltv(
        input: wit::DiscountedLtvInput,
    ) -> Result<wit::DiscountedLtvResult, WitError> {
        let input = DiscountedLtvInput {
            arpu: input.arpu,
            gross_margin: input.gross_margin,
            churn_rate: input.churn_rate,
            discount_rate: input.discount_rate,
            periods: input.periods,
            timing: input.timing.map(cash_timing),
        };
        ltv::discounted_ltv(&input).map(discounted).map_err(error)
    }

    fn cohort_ltv(
        cohorts: Vec<wit::Cohort>,
        options: wit::CohortLtvOptions,
    ) -> Result<wit::CohortLtvResult, WitError> {
        let cohorts: Vec<Cohort> = cohorts
            .into_iter()
            .map(|c| Cohort {
                cohort: c.cohort,
                customers: c.customers,
                values: c.values,
                active: c.active,
            })
            .collect();
        let options = CohortLtvOptions {
            gross_margin: options.gross_margin,
            discount_rate: options.discount_rate,
            timing: options.timing.map(cash_timing),
        };
        ltv::cohort_ltv(&cohorts, &options)
            .map(cohort_result)
            .map_err(error)
    }
}

// ---- WIT -> core ----------------------------------------------------------------------------

fn time_unit(u: wit::TimeUnit) -> TimeUnit {
    match u {
        wit::TimeUnit::Days => TimeUnit::Days,
        wit::TimeUnit::Weeks => TimeUnit::Weeks,
        wit::TimeUnit::Months => TimeUnit::Months,
    }
}

fn cash_timing(t: wit::CashTiming) -> CashTiming {
    match t {
        wit::CashTiming::Start => CashTiming::Start,
        wit::CashTiming::End => CashTiming::End,
    }
}

fn transaction(t: wit::Transaction, i: usize) -> Result<Transaction, Error> {
    let at = timestamp(&t.at, &format!("transactions[{i}].at")).map_err(|e| e.with_index(i))?;
    Ok(Transaction::new(t.customer_id, at, t.amount))
}

fn rfm_options(o: wit::RfmOptions) -> Result<RfmOptions, Error> {
    let calibration_end = o
        .calibration_end
        .map(|s| {
            ltv::parse_date_or_timestamp(&s).ok_or_else(|| {
                Error::option(
                    "calibrationEnd",
                    format!(
                        "options.calibrationEnd must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got \"{}\"",
                        cxkit_core::text::excerpt(&s)
                    ),
                )
            })
        })
        .transpose()?;
    Ok(RfmOptions {
        unit: o.unit.map(time_unit),
        calibration_end,
        utc_offset_minutes: o.utc_offset_minutes,
        duplicates: o.duplicates.map(|d| match d {
            wit::Duplicates::Keep => Duplicates::Keep,
            wit::Duplicates::Drop => Duplicates::Drop,
        }),
        on_invalid: o.on_invalid.map(on_invalid),
    })
}

fn customer_rfm(c: wit::CustomerRfm) -> CustomerRfm {
    CustomerRfm {
        customer_id: c.customer_id,
        frequency: c.frequency,
        recency: c.recency,
        t: c.t,
        monetary_value: c.monetary_value,
        unit: time_unit(c.unit),
    }
}

fn rows(summary: Vec<wit::CustomerRfm>) -> Vec<CustomerRfm> {
    summary.into_iter().map(customer_rfm).collect()
}

fn fit_options(o: wit::FitOptions) -> FitOptions {
    FitOptions {
        penalizer: o.penalizer,
        max_iterations: o.max_iterations,
        tolerance: o.tolerance,
    }
}

fn bg_nbd_params(p: wit::BgNbdParams) -> BgNbdParams {
    BgNbdParams {
        r: p.r,
        alpha: p.alpha,
        a: p.a,
        b: p.b,
        unit: time_unit(p.unit),
    }
}

fn gamma_gamma_params(p: wit::GammaGammaParams) -> GammaGammaParams {
    GammaGammaParams {
        p: p.p,
        q: p.q,
        gamma: p.gamma,
    }
}

// ---- core -> WIT ----------------------------------------------------------------------------

fn to_time_unit(u: TimeUnit) -> wit::TimeUnit {
    match u {
        TimeUnit::Days => wit::TimeUnit::Days,
        TimeUnit::Weeks => wit::TimeUnit::Weeks,
        TimeUnit::Months => wit::TimeUnit::Months,
    }
}

fn to_cash_timing(t: CashTiming) -> wit::CashTiming {
    match t {
        CashTiming::Start => wit::CashTiming::Start,
        CashTiming::End => wit::CashTiming::End,
    }
}

fn to_customer(c: CustomerRfm) -> wit::CustomerRfm {
    wit::CustomerRfm {
        customer_id: c.customer_id,
        frequency: c.frequency,
        recency: c.recency,
        t: c.t,
        monetary_value: c.monetary_value,
        unit: to_time_unit(c.unit),
    }
}

fn bg_nbd_fit(f: BgNbdFit) -> wit::BgNbdFit {
    wit::BgNbdFit {
        r: f.r,
        alpha: f.alpha,
        a: f.a,
        b: f.b,
        unit: to_time_unit(f.unit),
        log_likelihood: f.log_likelihood,
        converged: f.converged,
        iterations: f.iterations,
        customers: f.customers,
    }
}

fn gamma_gamma_fit(f: GammaGammaFit) -> wit::GammaGammaFit {
    wit::GammaGammaFit {
        p: f.p,
        q: f.q,
        gamma: f.gamma,
        log_likelihood: f.log_likelihood,
        converged: f.converged,
        iterations: f.iterations,
        customers: f.customers,
    }
}

fn clv_result(v: CustomerLifetimeValue) -> wit::ClvResult {
    wit::ClvResult {
        value: v.value,
        expected_purchases: v.expected_purchases,
        expected_average_spend: v.expected_average_spend,
        probability_alive: v.probability_alive,
        monthly: v.monthly,
        unit: to_time_unit(v.unit),
        month_length: v.month_length,
    }
}

fn simple(v: SimpleLtv) -> wit::SimpleLtvResult {
    wit::SimpleLtvResult {
        value: v.value,
        expected_lifetime: v.expected_lifetime,
        margin_per_period: v.margin_per_period,
    }
}

fn discounted(v: DiscountedLtv) -> wit::DiscountedLtvResult {
    wit::DiscountedLtvResult {
        value: v.value,
        margin_per_period: v.margin_per_period,
        retention_rate: v.retention_rate,
        periods: v.periods,
        timing: to_cash_timing(v.timing),
    }
}

fn cohort_result(r: CohortLtv) -> wit::CohortLtvResult {
    wit::CohortLtvResult {
        cohorts: r
            .cohorts
            .into_iter()
            .map(|c| wit::CohortCurve {
                cohort: c.cohort,
                customers: c.customers,
                cumulative_value: c.cumulative_value,
                discounted_cumulative_value: c.discounted_cumulative_value,
                retention: c.retention,
            })
            .collect(),
        overall: wit::PooledCohortCurve {
            cumulative_value: r.overall.cumulative_value,
            discounted_cumulative_value: r.overall.discounted_cumulative_value,
            retention: r.overall.retention,
            cohorts_observed: r.overall.cohorts_observed,
        },
    }
}
