//! # cxkit-component
//!
//! The `cxkit:metrics` WIT component (`wit/`): the `surveys`, `ltv`, `effort`, `kpis`,
//! `staffing` and `sentiment` interfaces implemented over `cxkit-core` (one file each;
//! `contacts` holds the contact record shared by `effort` and `kpis`). This crate only converts
//! WIT types to core types, calls the core and converts back; every formula, default and check
//! lives in `cxkit-core`.
//!
//! Build: `cargo build --release --target wasm32-wasip2 -p cxkit-component` gives the component
//! `target/wasm32-wasip2/release/cxkit_component.wasm`.

mod surveys;
// Lifetime value, customer effort, operations KPIs and staffing (issue 5).
mod contacts;
mod effort;
mod kpis;
mod ltv;
mod staffing;
// Transcript sentiment, keyword categories and compliance, PII redaction (issue 4).
mod sentiment;
// Webhook adapters (issue 6).
mod webhooks;

/// Bindings generated from `wit/` by `wit-bindgen`, and the component's exports. The only
/// `unsafe` in the crate is the canonical-ABI glue that `export!` generates here.
#[allow(missing_docs, unsafe_code)]
mod bindings {
    wit_bindgen::generate!({ world: "metrics", path: "../../wit" });
    // Only on wasm: the export names (`cxkit:metrics/surveys@0.1.0#nps`) are not valid symbols in
    // a native shared library, and the native build exists only for `cargo test` and clippy.
    #[cfg(target_arch = "wasm32")]
    use super::Component;
    #[cfg(target_arch = "wasm32")]
    export!(Component);
}

/// The component: implements every exported interface.
struct Component;
