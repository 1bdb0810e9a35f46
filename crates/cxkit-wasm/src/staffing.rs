//! Staffing (`cxkit_core::staffing`): `erlangC`, `erlangA`, `agentsRequired`, `intervalPlan`.
//! Conversion only: every formula, default and check is the core's.

use cxkit_core::staffing::{
    self, AgentsRequiredInput, ErlangAInput, ErlangCInput, IntervalPlanInput,
};
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// `erlangC({callsPerInterval, intervalSeconds, ahtSeconds, agents, thresholdSeconds?})`.
#[wasm_bindgen(js_name = erlangC)]
pub fn erlang_c(input: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let input: ErlangCInput = input::object(input, "input", "")?;
        output::to_js(&staffing::erlang_c(&input)?)
    })
}

/// `erlangA({..., agents, patienceSeconds, serviceLevelDefinition?, shortAbandonSeconds?})`.
#[wasm_bindgen(js_name = erlangA)]
pub fn erlang_a(input: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let input: ErlangAInput = input::object(input, "input", "")?;
        output::to_js(&staffing::erlang_a(&input)?)
    })
}

/// `agentsRequired({callsPerInterval, intervalSeconds, ahtSeconds, targets…, shrinkage…,
/// model…})`.
#[wasm_bindgen(js_name = agentsRequired)]
pub fn agents_required(input: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let input: AgentsRequiredInput = input::object(input, "input", "")?;
        output::to_js(&staffing::agents_required(&input)?)
    })
}

/// `intervalPlan({intervalSeconds, intervals: [{label?, calls, ahtSeconds}], targets…})`.
#[wasm_bindgen(js_name = intervalPlan)]
pub fn interval_plan(input: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let input: IntervalPlanInput = input::object(input, "input", "")?;
        output::to_js(&staffing::interval_plan(&input)?)
    })
}
