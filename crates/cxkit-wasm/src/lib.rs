//! # cxkit-wasm
//!
//! The npm package `cxkit`: wasm-bindgen bindings over `cxkit-core`. This crate only converts
//! JavaScript values to core types, calls the core and converts back; every formula, default and
//! check lives in `cxkit-core`. TypeScript types are hand-declared in `js/cxkit.d.ts`.

mod error;
#[doc(hidden)] // public for the wasm-bindgen tests only
pub mod input;
mod output;
// Each group of the API is a cargo feature (all on by default), so that `cargo xtask build` can
// build small variants of the package for pages that need one group only.
#[cfg(feature = "ops")]
mod effort;
#[cfg(feature = "ops")]
mod kpi;
#[cfg(feature = "ops")]
mod staffing;
#[cfg(feature = "surveys")]
mod surveys;
#[cfg(feature = "value")]
mod value;
// Transcript sentiment, keywords and compliance, PII redaction.
#[cfg(feature = "text")]
mod text;
// Webhook adapters.
#[cfg(feature = "webhooks")]
mod webhooks;
// The dashboard accumulator (every metric at once).
#[cfg(feature = "metrics")]
mod metrics;
// Files dropped on a page: CSV, JSON and JSON Lines exports read into records.
#[cfg(feature = "import")]
mod import;

#[cfg(feature = "ops")]
pub use effort::*;
pub use error::{error_codes, error_info, to_js_error};
#[cfg(feature = "import")]
pub use import::*;
#[cfg(feature = "ops")]
pub use kpi::*;
#[cfg(feature = "metrics")]
pub use metrics::*;
#[cfg(feature = "ops")]
pub use staffing::*;
#[cfg(feature = "surveys")]
pub use surveys::*;
#[cfg(feature = "text")]
pub use text::*;
#[cfg(feature = "value")]
pub use value::*;
#[cfg(feature = "webhooks")]
pub use webhooks::*;

use wasm_bindgen::prelude::*;

/// The version of the package.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
