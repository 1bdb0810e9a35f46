//! Core errors as JavaScript `CxkitError` instances.

use cxkit_core::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/cxkit-error.js")]
extern "C" {
    #[wasm_bindgen(js_name = CxkitError)]
    type JsCxkitError;

    #[wasm_bindgen(constructor, js_class = "CxkitError")]
    fn new(code: &str, message: &str, details: JsValue, status: u16) -> JsCxkitError;
}

/// Converts a core error into a thrown `CxkitError` (`.code`, `.details = {field, index}`,
/// `.status`).
pub fn to_js_error(err: Error) -> JsValue {
    let details = js_sys::Object::new();
    if let Some(field) = &err.field {
        let _ = js_sys::Reflect::set(&details, &"field".into(), &field.into());
    }
    if let Some(index) = err.index {
        let _ = js_sys::Reflect::set(&details, &"index".into(), &(index as f64).into());
    }
    JsCxkitError::new(
        err.code.as_str(),
        &err.message,
        details.into(),
        err.code.http_status(),
    )
    .into()
}
