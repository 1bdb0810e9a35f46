//! Core errors as JavaScript `CxkitError` instances.

use cxkit_core::{Error, ErrorCode};
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

/// `errorInfo(code)`: the HTTP status and title of an error code, for hosts that build their own
/// problem documents (the edge function). Unknown codes throw `invalid_value`.
#[wasm_bindgen(js_name = errorInfo)]
pub fn error_info(code: &str) -> Result<JsValue, JsValue> {
    let run = || {
        let c = ErrorCode::parse(code).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidValue,
                format!(
                    "\"{}\" is not a cxkit error code",
                    cxkit_core::text::excerpt(code)
                ),
            )
            .with_field("code")
        })?;
        let info = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&info, &k.into(), &v).map(|_| ());
        set("code", c.as_str().into())
            .and_then(|()| set("status", c.http_status().into()))
            .and_then(|()| set("title", c.title().into()))
            .map_err(|_| Error::new(ErrorCode::Internal, "cannot build the error description"))?;
        Ok::<JsValue, Error>(info.into())
    };
    run().map_err(to_js_error)
}

/// Runs a conversion-and-call closure, throwing a core error as a `CxkitError`.
#[allow(dead_code)] // unused by the surveys-only variant of the package
pub(crate) fn throwing<T>(run: impl FnOnce() -> Result<T, Error>) -> Result<T, JsValue> {
    run().map_err(to_js_error)
}

/// `errorCodes()`: every stable error code the package can throw, in the core's order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect()
}
