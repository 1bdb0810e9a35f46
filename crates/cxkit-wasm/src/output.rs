//! Core results to JavaScript values.

use cxkit_core::{Error, ErrorCode};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Writes a result as plain JSON-compatible JavaScript (objects, not Maps; `null`, not
/// `undefined`).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            Error::new(
                ErrorCode::InvalidState,
                format!("cannot convert the result: {e}"),
            )
        })
}
