//! Operations KPIs (`cxkit_core::kpi`): `kpis(contacts, options)` and `KpiAccumulator`.
//! Conversion only: every formula, default and check is the core's.

use cxkit_core::kpi::{self, KpiOptions, KpiState};
use cxkit_core::model::Contact;
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// `kpis(contacts, options?)`: service level, abandonment, ASA, AHT, occupancy, containment,
/// transfer rate, backlog and days to close, overall and (with `groupBy`) per group.
#[wasm_bindgen]
pub fn kpis(contacts: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: KpiOptions = input::options(options)?;
        let contacts: Vec<Contact> = input::records(contacts, "contacts")?;
        output::to_js(&kpi::kpis(&contacts, &options)?)
    })
}

/// Mergeable running KPIs: integer counts and sums per group.
#[wasm_bindgen(js_name = KpiAccumulator)]
pub struct JsKpiAccumulator {
    inner: kpi::KpiAccumulator,
}

#[wasm_bindgen(js_class = KpiAccumulator)]
impl JsKpiAccumulator {
    /// `new KpiAccumulator(options?)`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsKpiAccumulator, JsValue> {
        js(|| {
            let options: KpiOptions = input::options(options)?;
            kpi::KpiAccumulator::new(&options)
        })
        .map(|inner| JsKpiAccumulator { inner })
    }

    /// Adds one complete contact (a `partial: true` record counts as in progress only).
    pub fn push(&mut self, contact: JsValue) -> Result<(), JsValue> {
        js(|| {
            let c: Contact = input::record(contact, "contact")?;
            self.inner.push(&c, 0)
        })
    }

    /// Adds a list of contacts, all or nothing (parts of a contact are merged first).
    #[wasm_bindgen(js_name = pushMany)]
    pub fn push_many(&mut self, contacts: JsValue) -> Result<(), JsValue> {
        js(|| {
            let list: Vec<Contact> = input::records(contacts, "contacts")?;
            self.inner.push_all(&list)
        })
    }

    /// Adds another accumulator's counts (same counting options).
    pub fn merge(&mut self, other: &JsKpiAccumulator) -> Result<(), JsValue> {
        js(|| self.inner.merge(&other.inner))
    }

    /// The KPIs so far.
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
    pub fn from_json(state: JsValue) -> Result<JsKpiAccumulator, JsValue> {
        js(|| {
            let state: KpiState = input::state(state)?;
            kpi::KpiAccumulator::from_state(&state)
        })
        .map(|inner| JsKpiAccumulator { inner })
    }
}
