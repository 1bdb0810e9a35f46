//! Customer effort (`cxkit_core::effort`): `effort(contacts, options)` and
//! `EffortAccumulator`. Conversion only: every formula, default and check is the core's.

use cxkit_core::effort::{self, EffortOptions, EffortState};
use cxkit_core::model::Contact;
use cxkit_core::survey::SurveyResponse;
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// `effort(contacts, options?)`: journeys, repeats, transfers, channel switches, FCR, time to
/// resolution and the Customer Effort Index.
#[wasm_bindgen]
pub fn effort(contacts: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: EffortOptions = input::options(options)?;
        let contacts: Vec<Contact> = input::records(contacts, "contacts")?;
        output::to_js(&effort::effort(&contacts, &options)?)
    })
}

/// Mergeable customer-effort indicators: the contacts and answers seen so far.
#[wasm_bindgen(js_name = EffortAccumulator)]
pub struct JsEffortAccumulator {
    inner: effort::EffortAccumulator,
}

#[wasm_bindgen(js_class = EffortAccumulator)]
impl JsEffortAccumulator {
    /// `new EffortAccumulator(options?)`; `cesAnswers` and `fcrAnswers` of the options are read
    /// in.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsEffortAccumulator, JsValue> {
        js(|| {
            let options: EffortOptions = input::options(options)?;
            effort::EffortAccumulator::new(&options)
        })
        .map(|inner| JsEffortAccumulator { inner })
    }

    /// Adds one contact (parts of the same contact are merged in the order pushed).
    pub fn push(&mut self, contact: JsValue) -> Result<(), JsValue> {
        js(|| {
            let c: Contact = input::record(contact, "contact")?;
            self.inner.push(&c, 0)
        })
    }

    /// Adds a list of contacts, all or nothing.
    #[wasm_bindgen(js_name = pushMany)]
    pub fn push_many(&mut self, contacts: JsValue) -> Result<(), JsValue> {
        js(|| {
            let list: Vec<Contact> = input::records(contacts, "contacts")?;
            self.inner.push_all(&list)
        })
    }

    /// Adds a CES answer about the contact named by its `contactId`.
    #[wasm_bindgen(js_name = pushCes)]
    pub fn push_ces(&mut self, answer: JsValue) -> Result<(), JsValue> {
        js(|| {
            let r: SurveyResponse = input::record(answer, "answer")?;
            self.inner.push_ces(&r, 0)
        })
    }

    /// Adds an answer to "was your issue resolved?" about the contact named by its `contactId`.
    #[wasm_bindgen(js_name = pushFcr)]
    pub fn push_fcr(&mut self, answer: JsValue) -> Result<(), JsValue> {
        js(|| {
            let r: SurveyResponse = input::record(answer, "answer")?;
            self.inner.push_fcr(&r, 0)
        })
    }

    /// Adds another accumulator's contacts and answers (same CES version).
    pub fn merge(&mut self, other: &JsEffortAccumulator) -> Result<(), JsValue> {
        js(|| self.inner.merge(&other.inner))
    }

    /// The effort report so far.
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
    pub fn from_json(state: JsValue) -> Result<JsEffortAccumulator, JsValue> {
        js(|| {
            let state: EffortState = input::state(state)?;
            effort::EffortAccumulator::from_state(&state)
        })
        .map(|inner| JsEffortAccumulator { inner })
    }
}
