//! `csat`, `nps`, `ces`, the typed-array fast paths and `SurveyAccumulator`.

use cxkit_core::survey::{self, SurveyInput, SurveyKind, SurveyOptions, SurveyState};
use cxkit_core::{Error, ErrorCode};
use wasm_bindgen::prelude::*;

use crate::error::to_js_error;
use crate::{input, output};

fn kind_of(name: &str) -> Result<SurveyKind, Error> {
    SurveyKind::parse(name).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidOption,
            format!("kind must be \"csat\", \"nps\" or \"ces\", got \"{name}\""),
        )
        .with_field("kind")
    })
}

fn score(kind: SurveyKind, responses: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let run = || {
        let options: SurveyOptions = input::options(options)?;
        let inputs: Vec<SurveyInput> = input::records(responses, "responses")?;
        output::to_js(&survey::score(kind, &inputs, &options)?)
    };
    run().map_err(to_js_error)
}

fn score_bytes(kind: SurveyKind, scores: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    let run = || {
        let options: SurveyOptions = input::options(options)?;
        output::to_js(&survey::score_bytes(kind, scores, &options)?)
    };
    run().map_err(to_js_error)
}

/// CSAT over `responses` (numbers, labels or response objects).
#[wasm_bindgen]
pub fn csat(responses: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    score(SurveyKind::Csat, responses, options)
}

/// NPS over `responses`.
#[wasm_bindgen]
pub fn nps(responses: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    score(SurveyKind::Nps, responses, options)
}

/// CES over `responses`.
#[wasm_bindgen]
pub fn ces(responses: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    score(SurveyKind::Ces, responses, options)
}

/// NPS over raw 0–10 scores in a `Uint8Array` (one pass, no objects).
#[wasm_bindgen(js_name = npsFromScores)]
pub fn nps_from_scores(scores: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    score_bytes(SurveyKind::Nps, scores, options)
}

/// CSAT over raw scores in a `Uint8Array` (binary scale: 0 = bad, 1 = good).
#[wasm_bindgen(js_name = csatFromScores)]
pub fn csat_from_scores(scores: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    score_bytes(SurveyKind::Csat, scores, options)
}

/// CES over raw scores in a `Uint8Array`.
#[wasm_bindgen(js_name = cesFromScores)]
pub fn ces_from_scores(scores: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    score_bytes(SurveyKind::Ces, scores, options)
}

/// A mergeable running total of survey answers.
#[wasm_bindgen(js_name = SurveyAccumulator)]
pub struct JsSurveyAccumulator {
    inner: survey::SurveyAccumulator,
}

#[wasm_bindgen(js_class = SurveyAccumulator)]
impl JsSurveyAccumulator {
    /// `new SurveyAccumulator("nps", options?)`.
    #[wasm_bindgen(constructor)]
    pub fn new(kind: &str, options: JsValue) -> Result<JsSurveyAccumulator, JsValue> {
        let run = || {
            let options: SurveyOptions = input::options(options)?;
            survey::SurveyAccumulator::new(kind_of(kind)?, &options)
        };
        run()
            .map(|inner| JsSurveyAccumulator { inner })
            .map_err(to_js_error)
    }

    /// The survey kind: "csat", "nps" or "ces".
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.inner.kind().as_str().to_string()
    }

    /// Number of valid answers counted so far.
    #[wasm_bindgen(getter)]
    pub fn n(&self) -> f64 {
        self.inner.count() as f64
    }

    /// Adds one answer (number, label or response object).
    pub fn push(&mut self, response: JsValue) -> Result<(), JsValue> {
        let run = || {
            let input: SurveyInput = input::value(response, "response")?;
            self.inner.push(&input, None)
        };
        run().map_err(to_js_error)
    }

    /// Adds a list of answers, all or nothing.
    #[wasm_bindgen(js_name = pushMany)]
    pub fn push_many(&mut self, responses: JsValue) -> Result<(), JsValue> {
        let run = || {
            let inputs: Vec<SurveyInput> = input::records(responses, "responses")?;
            self.inner.push_all(&inputs)
        };
        run().map_err(to_js_error)
    }

    /// Adds raw scores from a `Uint8Array`.
    #[wasm_bindgen(js_name = pushScores)]
    pub fn push_scores(&mut self, scores: &[u8]) -> Result<(), JsValue> {
        self.inner.push_scores(scores).map_err(to_js_error)
    }

    /// Adds another accumulator's counts (same kind, scale and grouping).
    pub fn merge(&mut self, other: &JsSurveyAccumulator) -> Result<(), JsValue> {
        self.inner.merge(&other.inner).map_err(to_js_error)
    }

    /// The result so far.
    pub fn finish(&self) -> Result<JsValue, JsValue> {
        self.inner
            .finish()
            .and_then(|r| output::to_js(&r))
            .map_err(to_js_error)
    }

    /// The state as a plain object (`JSON.stringify` calls this).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        output::to_js(&self.inner.state()).map_err(to_js_error)
    }

    /// Rebuilds an accumulator from `toJSON()` output.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(state: JsValue) -> Result<JsSurveyAccumulator, JsValue> {
        let run = || {
            let state: SurveyState = input::state(state)?;
            survey::SurveyAccumulator::from_state(&state)
        };
        run()
            .map(|inner| JsSurveyAccumulator { inner })
            .map_err(to_js_error)
    }
}
