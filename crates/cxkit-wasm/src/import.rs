//! Files dropped on a page (`cxkit_core::import`): `parseRecords(text | bytes, options)`.
//! Conversion only: formats, column names, value readers and checks are the core's.

use cxkit_core::import::{self, ImportOptions};
use cxkit_core::{Error, ErrorCode};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::throwing as js;
use crate::{input, output};

/// `parseRecords(file, options?)`: the contacts, survey answers and transcripts of a CSV, JSON
/// or JSON Lines export, given as a string (`await file.text()`) or as its bytes (a
/// `Uint8Array` or `ArrayBuffer`: UTF-8, UTF-16 with BOM, else Windows-1252).
#[wasm_bindgen(js_name = parseRecords)]
pub fn parse_records(file: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    js(|| {
        let options: ImportOptions = input::options(options)?;
        let records = if let Some(text) = file.as_string() {
            import::parse_records(&text, &options)?
        } else if let Some(bytes) = file.dyn_ref::<js_sys::Uint8Array>() {
            import::parse_records_bytes(&bytes.to_vec(), &options)?
        } else if let Some(buffer) = file.dyn_ref::<js_sys::ArrayBuffer>() {
            import::parse_records_bytes(&js_sys::Uint8Array::new(buffer).to_vec(), &options)?
        } else {
            return Err(Error::new(
                ErrorCode::InvalidType,
                "file must be a string, a Uint8Array or an ArrayBuffer",
            )
            .with_field("file"));
        };
        output::to_js(&records)
    })
}
