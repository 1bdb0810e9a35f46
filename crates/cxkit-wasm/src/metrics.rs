//! The dashboard accumulator (`cxkit_core::metrics`): `MetricsAccumulator`. Conversion only:
//! every rule, key and check is the core's.

use cxkit_core::metrics::{
    MetricsAccumulator, MetricsOptions, MetricsQuery, MetricsState, PushOptions, Records,
};
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// Every dashboard metric over a stream of records, with idempotent pushes, a serialisable
/// state and an exact merge.
#[wasm_bindgen(js_name = MetricsAccumulator)]
pub struct JsMetricsAccumulator {
    inner: MetricsAccumulator,
}

#[wasm_bindgen(js_class = MetricsAccumulator)]
impl JsMetricsAccumulator {
    /// `new MetricsAccumulator(options?)`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsMetricsAccumulator, JsValue> {
        js(|| {
            let options: MetricsOptions = input::options(options)?;
            MetricsAccumulator::new(&options)
        })
        .map(|inner| JsMetricsAccumulator { inner })
    }

    /// `push({contacts, surveys, transcripts}, {at}?)` -> what was added, skipped and rejected.
    pub fn push(&mut self, records: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        js(|| {
            let records: Records = input::object(records, "records", "records")?;
            let o: PushOptions = input::options(options)?;
            output::to_js(&self.inner.push_records(&records, o.at))
        })
    }

    /// `splitByDay(records, {at}?)` -> `{ "2026-11-23": {contacts, surveys, transcripts}, … }`.
    #[wasm_bindgen(js_name = splitByDay)]
    pub fn split_by_day(&self, records: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        js(|| {
            let records: Records = input::object(records, "records", "records")?;
            let o: PushOptions = input::options(options)?;
            output::to_js(&self.inner.split_by_day(&records, o.at))
        })
    }

    /// `dayOf(at)`: the reporting day (`2026-11-23`) of an RFC 3339 time.
    #[wasm_bindgen(js_name = dayOf)]
    pub fn day_of(&self, at: JsValue) -> Result<String, JsValue> {
        js(|| {
            let wrapper = js_sys::Object::new();
            // setting a member of a fresh plain object cannot fail
            let _ = js_sys::Reflect::set(&wrapper, &JsValue::from_str("at"), &at);
            let o: PushOptions = input::object(wrapper.into(), "at", "")?;
            o.at.map(|t| self.inner.day_of(t)).ok_or_else(|| {
                cxkit_core::Error::new(cxkit_core::ErrorCode::MissingField, "at is required")
                    .with_field("at")
            })
        })
    }

    /// Whether a record with this idempotency key was counted.
    #[wasm_bindgen(js_name = hasKey)]
    pub fn has_key(&self, key: &str) -> bool {
        self.inner.has_key(key)
    }

    /// Records counted so far: `{contacts, surveys, transcripts}`.
    #[wasm_bindgen(getter)]
    pub fn records(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner.records()))
    }

    /// Adds another accumulator's records (same options; never the same answer twice).
    pub fn merge(&mut self, other: &JsMetricsAccumulator) -> Result<(), JsValue> {
        js(|| self.inner.merge(&other.inner))
    }

    /// `finish({metrics?, groupBy?, series?})` -> the merged metrics.
    pub fn finish(&self, query: JsValue) -> Result<JsValue, JsValue> {
        js(|| {
            let q: MetricsQuery = input::options(query)?;
            output::to_js(&self.inner.finish(&q)?)
        })
    }

    /// The state as a plain object (`JSON.stringify` calls this).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        js(|| output::to_js(&self.inner.state()))
    }

    /// The state as JSON text: `JSON.stringify(acc)` without the intermediate object.
    #[wasm_bindgen(js_name = toJSONString)]
    pub fn to_json_string(&self) -> String {
        self.inner.state_json()
    }

    /// Rebuilds an accumulator from `toJSONString()` (or `JSON.stringify`) text.
    #[wasm_bindgen(js_name = fromJSONString)]
    pub fn from_json_string(text: &str) -> Result<JsMetricsAccumulator, JsValue> {
        js(|| MetricsAccumulator::from_state_json(text)).map(|inner| JsMetricsAccumulator { inner })
    }

    /// Rebuilds an accumulator from `toJSON()` output.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(state: JsValue) -> Result<JsMetricsAccumulator, JsValue> {
        js(|| {
            let state: MetricsState = input::state(state)?;
            MetricsAccumulator::from_state(&state)
        })
        .map(|inner| JsMetricsAccumulator { inner })
    }
}
