//! Lifetime value (`cxkit_core::ltv`): `rfmSummary`, `RfmAccumulator`, the BG/NBD and
//! Gamma–Gamma fits and predictions, `customerLifetimeValue`, and the closed forms
//! `simpleLtv`, `discountedLtv`, `cohortLtv`. Conversion only: every formula, default and check
//! is the core's.

use cxkit_core::ltv::{
    self, BgNbdParams, ClvModels, ClvOptions, Cohort, CohortLtvOptions, CustomerRfm,
    DiscountedLtvInput, FitOptions, GammaGammaParams, RfmOptions, RfmState, SimpleLtvInput,
    TimeUnit,
};
use cxkit_core::model::Transaction;
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// `rfmSummary(transactions, options?)`: one `{customerId, frequency, recency, T,
/// monetaryValue, unit}` row per customer, sorted by customer id.
#[wasm_bindgen(js_name = rfmSummary)]
pub fn rfm_summary(transactions: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: RfmOptions = input::options(options)?;
        let transactions: Vec<Transaction> = input::records(transactions, "transactions")?;
        output::to_js(&ltv::rfm_summary(&transactions, &options)?)
    })
}

/// `fitBgNbd(summary, options?)`: the BG/NBD maximum-likelihood fit.
#[wasm_bindgen(js_name = fitBgNbd)]
pub fn fit_bg_nbd(summary: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: FitOptions = input::options(options)?;
        let summary: Vec<CustomerRfm> = input::records(summary, "summary")?;
        output::to_js(&ltv::fit_bg_nbd(&summary, &options)?)
    })
}

/// `fitBgNbdColumns(frequency, recency, T, unit, options?)`: the same fit from three
/// `Float64Array` columns (row i of the summary is `frequency[i]`, `recency[i]`, `T[i]`), without
/// reading one object per customer.
#[wasm_bindgen(js_name = fitBgNbdColumns)]
pub fn fit_bg_nbd_columns(
    frequency: &[f64],
    recency: &[f64],
    t: &[f64],
    unit: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    js(|| {
        let options: FitOptions = input::options(options)?;
        let unit: TimeUnit = input::value(unit, "unit")?;
        input::same_length(&[
            ("frequency", frequency.len()),
            ("recency", recency.len()),
            ("T", t.len()),
        ])?;
        let frequency = input::whole_numbers(frequency, "frequency")?;
        let summary: Vec<CustomerRfm> = frequency
            .into_iter()
            .zip(recency.iter().zip(t))
            .map(|(x, (&r, &t))| CustomerRfm::new(x, r, t, 0.0, unit))
            .collect();
        output::to_js(&ltv::fit_bg_nbd(&summary, &options)?)
    })
}

/// `bgNbdExpectedPurchases(params, customer, t)`: expected purchases in the next `t` units.
#[wasm_bindgen(js_name = bgNbdExpectedPurchases)]
pub fn bg_nbd_expected_purchases(
    params: JsValue,
    customer: JsValue,
    t: f64,
) -> Result<f64, JsValue> {
    js(|| {
        let params: BgNbdParams = input::object(params, "params", "params")?;
        let customer: CustomerRfm = input::object(customer, "customer", "customer")?;
        ltv::bg_nbd_expected_purchases(&params, &customer, t)
    })
}

/// `bgNbdProbabilityAlive(params, customer)`: P(alive) now.
#[wasm_bindgen(js_name = bgNbdProbabilityAlive)]
pub fn bg_nbd_probability_alive(params: JsValue, customer: JsValue) -> Result<f64, JsValue> {
    js(|| {
        let params: BgNbdParams = input::object(params, "params", "params")?;
        let customer: CustomerRfm = input::object(customer, "customer", "customer")?;
        ltv::bg_nbd_probability_alive(&params, &customer)
    })
}

/// `bgNbdExpectedPurchasesNewCustomer(params, t)`: expected purchases of a customer who has
/// just arrived, in (0, t].
#[wasm_bindgen(js_name = bgNbdExpectedPurchasesNewCustomer)]
pub fn bg_nbd_expected_purchases_new_customer(params: JsValue, t: f64) -> Result<f64, JsValue> {
    js(|| {
        let params: BgNbdParams = input::object(params, "params", "params")?;
        ltv::bg_nbd_expected_purchases_new_customer(&params, t)
    })
}

/// `fitGammaGamma(summary, options?)`: the Gamma–Gamma spend model, fitted on the repeat
/// customers.
#[wasm_bindgen(js_name = fitGammaGamma)]
pub fn fit_gamma_gamma(summary: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: FitOptions = input::options(options)?;
        let summary: Vec<CustomerRfm> = input::records(summary, "summary")?;
        output::to_js(&ltv::fit_gamma_gamma(&summary, &options)?)
    })
}

/// `fitGammaGammaColumns(frequency, monetaryValue, options?)`: the Gamma–Gamma fit from two
/// `Float64Array` columns (Lifetimes' `fit(frequency, monetary_value)`). The rows' recency and T
/// are set to 0: the spend model does not read them.
#[wasm_bindgen(js_name = fitGammaGammaColumns)]
pub fn fit_gamma_gamma_columns(
    frequency: &[f64],
    monetary_value: &[f64],
    options: JsValue,
) -> Result<JsValue, JsValue> {
    js(|| {
        let options: FitOptions = input::options(options)?;
        input::same_length(&[
            ("frequency", frequency.len()),
            ("monetaryValue", monetary_value.len()),
        ])?;
        let frequency = input::whole_numbers(frequency, "frequency")?;
        let summary: Vec<CustomerRfm> = frequency
            .into_iter()
            .zip(monetary_value)
            .map(|(x, &m)| CustomerRfm::new(x, 0.0, 0.0, m, TimeUnit::Days))
            .collect();
        output::to_js(&ltv::fit_gamma_gamma(&summary, &options)?)
    })
}

/// `expectedAverageSpend(params, customer)`: the conditional expected spend per purchase.
#[wasm_bindgen(js_name = expectedAverageSpend)]
pub fn expected_average_spend(params: JsValue, customer: JsValue) -> Result<f64, JsValue> {
    js(|| {
        let params: GammaGammaParams = input::object(params, "params", "params")?;
        let customer: CustomerRfm = input::object(customer, "customer", "customer")?;
        ltv::expected_average_spend(&params, &customer)
    })
}

/// `customerLifetimeValue({bgNbd, gammaGamma}, customer, options?)`.
#[wasm_bindgen(js_name = customerLifetimeValue)]
pub fn customer_lifetime_value(
    models: JsValue,
    customer: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    js(|| {
        let options: ClvOptions = input::options(options)?;
        let models: ClvModels = input::object(models, "models", "models")?;
        let customer: CustomerRfm = input::object(customer, "customer", "customer")?;
        output::to_js(&ltv::customer_lifetime_value(&models, &customer, &options)?)
    })
}

/// `simpleLtv({arpu, grossMargin?, churnRate})`.
#[wasm_bindgen(js_name = simpleLtv)]
pub fn simple_ltv(input: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let input: SimpleLtvInput = input::object(input, "input", "")?;
        output::to_js(&ltv::simple_ltv(&input)?)
    })
}

/// `discountedLtv({arpu, grossMargin?, churnRate, discountRate, periods?, timing?})`.
#[wasm_bindgen(js_name = discountedLtv)]
pub fn discounted_ltv(input: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let input: DiscountedLtvInput = input::object(input, "input", "")?;
        output::to_js(&ltv::discounted_ltv(&input)?)
    })
}

/// `cohortLtv(cohorts, options?)`: curves per cohort and pooled.
#[wasm_bindgen(js_name = cohortLtv)]
pub fn cohort_ltv(cohorts: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: CohortLtvOptions = input::options(options)?;
        let cohorts: Vec<Cohort> = input::records(cohorts, "cohorts")?;
        output::to_js(&ltv::cohort_ltv(&cohorts, &options)?)
    })
}

/// A mergeable RFM summary under construction.
#[wasm_bindgen(js_name = RfmAccumulator)]
pub struct JsRfmAccumulator {
    inner: ltv::RfmAccumulator,
}

#[wasm_bindgen(js_class = RfmAccumulator)]
impl JsRfmAccumulator {
    /// `new RfmAccumulator(options?)`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsRfmAccumulator, JsValue> {
        js(|| {
            let options: RfmOptions = input::options(options)?;
            ltv::RfmAccumulator::new(&options)
        })
        .map(|inner| JsRfmAccumulator { inner })
    }

    /// Adds one transaction.
    pub fn push(&mut self, transaction: JsValue) -> Result<(), JsValue> {
        js(|| {
            let t: Transaction = input::record(transaction, "transaction")?;
            self.inner.push(&t, None)
        })
    }

    /// Adds a list of transactions, all or nothing.
    #[wasm_bindgen(js_name = pushMany)]
    pub fn push_many(&mut self, transactions: JsValue) -> Result<(), JsValue> {
        js(|| {
            let list: Vec<Transaction> = input::records(transactions, "transactions")?;
            self.inner.push_all(&list)
        })
    }

    /// Adds another accumulator's purchases (same unit, offset, calibration end, duplicates).
    pub fn merge(&mut self, other: &JsRfmAccumulator) -> Result<(), JsValue> {
        js(|| self.inner.merge(&other.inner))
    }

    /// The report: rows and what was left out.
    pub fn finish(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner.finish()?))
    }

    /// The state as a plain object (`JSON.stringify` calls this).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner.state()))
    }

    /// Rebuilds an accumulator from `toJSON()` output.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(state: JsValue) -> Result<JsRfmAccumulator, JsValue> {
        js(|| {
            let state: RfmState = input::state(state)?;
            ltv::RfmAccumulator::from_state(&state)
        })
        .map(|inner| JsRfmAccumulator { inner })
    }
}
