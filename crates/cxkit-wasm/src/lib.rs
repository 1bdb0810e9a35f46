//! # cxkit-wasm
//!
//! The npm package `cxkit`: wasm-bindgen bindings over `cxkit-core`. This crate only converts
//! JavaScript values to core types, calls the core and converts back; every formula, default and
//! check lives in `cxkit-core`. TypeScript types are hand-declared in `js/cxkit.d.ts`.

mod error;
#[doc(hidden)] // public for the wasm-bindgen tests only
pub mod input;
mod output;
mod surveys;
// Issue 5: lifetime value, customer effort, operations KPIs, staffing.
mod effort;
mod kpi;
mod staffing;
mod value;
// Issue 6: webhook adapters.
mod webhooks;

pub use error::{error_info, to_js_error};
pub use surveys::*;
// Issue 5.
pub use effort::*;
pub use kpi::*;
pub use staffing::*;
pub use value::*;
// Issue 6.
pub use webhooks::*;

use wasm_bindgen::prelude::*;

/// The version of the package.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
