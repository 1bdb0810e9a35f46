//! Checks shared by the Node and browser wasm-bindgen tests: what only the inside of the wasm
//! module can see (the Rust values the conversions produce, before anything reaches JavaScript).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)] // test helpers

use cxkit_core::ErrorCode;
use cxkit_core::survey::{GroupBy, SurveyInput, SurveyOptions};
use cxkit_wasm::input;
use js_sys::{Array, JSON, Object, Uint8Array};
use wasm_bindgen::prelude::*;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

/// JavaScript values become the core's inputs, with wrong types kept as faults by position.
pub fn responses_convert_to_core_inputs() {
    let arr = Array::new();
    arr.push(&JsValue::from_f64(9.0));
    arr.push(&JsValue::from_str("muy satisfecho"));
    arr.push(&js(
        r#"{"value": 4, "queue": "billing", "extra": [[1], {"a": 2}]}"#,
    ));
    arr.push(&JsValue::TRUE);
    arr.push(&JsValue::UNDEFINED);
    arr.push(&JsValue::from_f64(f64::NAN));
    arr.push(&js_sys::Symbol::for_("x").into());
    let inputs: Vec<SurveyInput> = input::records(arr.into(), "responses").unwrap();
    assert_eq!(inputs.len(), 7);
    assert_eq!(inputs[0], SurveyInput::Value(9.0));
    assert_eq!(inputs[1], SurveyInput::Label("muy satisfecho".into()));
    match &inputs[2] {
        SurveyInput::Response(r) => {
            assert_eq!(r.value, Some(4.0));
            assert_eq!(r.queue.as_deref(), Some("billing"));
        }
        other => panic!("{other:?}"),
    }
    for (i, input) in inputs.iter().enumerate().skip(3).take(2) {
        assert!(
            matches!(input, SurveyInput::Invalid(f) if f.code == ErrorCode::InvalidType),
            "{i}: {input:?}"
        );
    }
    assert!(matches!(inputs[5], SurveyInput::Value(v) if v.is_nan()));
    // A Symbol is not JSON: read as JSON.stringify reads it in an array, as null.
    assert!(
        matches!(&inputs[6], SurveyInput::Invalid(f) if f.code == ErrorCode::InvalidType),
        "{:?}",
        inputs[6]
    );
}

/// Options are read strictly into the core struct; mistakes are typed Rust errors naming the path.
pub fn options_are_strict_and_typed() {
    let o: SurveyOptions =
        input::options(js(r#"{"groupBy": "agentId", "confidence": 0.9}"#)).unwrap();
    assert_eq!(o.group_by, Some(GroupBy::AgentId));
    assert_eq!(o.confidence, Some(0.9));
    let none: SurveyOptions = input::options(JsValue::UNDEFINED).unwrap();
    assert_eq!(none, SurveyOptions::default());
    let e = input::options::<SurveyOptions>(js(r#"{"groupby": "queue"}"#)).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidOption);
    assert_eq!(e.field.as_deref(), Some("options.groupby"));
    let e = input::options::<SurveyOptions>(js(r#"{"labels": {"x": "five"}}"#)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("options.labels.x"));
    assert!(!e.message.contains("Error:"), "{}", e.message);
}

/// Deep nesting and cycles are refused by the depth-limited copy, as Rust errors naming the path
/// (no JS exception crosses the wasm frames).
pub fn nesting_is_refused_before_serde() {
    let mut deep: JsValue = JsValue::from_f64(1.0);
    for _ in 0..10_000 {
        let a = Array::new();
        a.push(&deep);
        deep = a.into();
    }
    let o = Object::new();
    js_sys::Reflect::set(&o, &"confidence".into(), &deep).unwrap();
    let e = input::options::<SurveyOptions>(o.into()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidOption);
    assert!(e.field.unwrap().starts_with("options.confidence[0][0]"));
    let cyclic = Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    js_sys::Reflect::set(&cyclic, &"again".into(), &cyclic).unwrap();
    let e = input::state::<cxkit_core::survey::SurveyState>(cyclic.into()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidState);
}

/// A `Uint8Array` made in this JavaScript realm reaches the fast path as bytes.
pub fn typed_arrays_reach_the_fast_path() {
    let bytes = Uint8Array::new_with_length(11);
    for i in 0..11u8 {
        bytes.set_index(u32::from(i), i);
    }
    let r = cxkit_wasm::nps_from_scores(&bytes.to_vec(), JsValue::UNDEFINED).unwrap();
    let score = js_sys::Reflect::get(&r, &"score".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert!((score - 100.0 * (2.0 - 7.0) / 11.0).abs() < 1e-12);
}

/// Thrown errors are `CxkitError` instances carrying the core's code, details and status.
pub fn errors_become_cxkit_errors() {
    let arr = Array::new();
    arr.push(&JsValue::from_f64(11.0));
    let err = cxkit_wasm::nps(arr.into(), JsValue::UNDEFINED).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let get = |k: &str| js_sys::Reflect::get(&err, &k.into()).unwrap();
    assert_eq!(get("name").as_string().as_deref(), Some("CxkitError"));
    assert_eq!(
        get("code").as_string().as_deref(),
        Some("score_out_of_range")
    );
    assert_eq!(get("status").as_f64(), Some(400.0));
    let details = get("details");
    let index = js_sys::Reflect::get(&details, &"index".into()).unwrap();
    assert_eq!(index.as_f64(), Some(0.0));
}
