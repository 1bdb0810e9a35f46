//! # cxkit-core
//!
//! Customer-experience metrics for contact centres, as pure Rust with no I/O and no clock: time
//! comes in as data. This crate is the single source of every formula and default in cxkit; the
//! npm package (`cxkit-wasm`), the WIT component (`cxkit-component`) and the edge function only
//! convert types and call it.
//!
//! - [`survey`]: CSAT, NPS and CES with confidence intervals, labels in English and Spanish,
//!   breakdowns and mergeable accumulators.
//! - [`sentiment`]: transcript sentiment in English and Spanish (lexicon and rules).
//! - [`keywords`]: keyword categories and compliance rules over an Aho–Corasick automaton.
//! - [`pii`]: PII detection and redaction with byte and UTF-16 spans.
//! - [`ltv`]: lifetime value: closed forms, cohorts, RFM, BG/NBD, Gamma–Gamma and CLV.
//! - [`effort`]: customer-effort indicators, first-contact resolution and the effort index.
//! - [`kpi`]: operations KPIs (service level, abandonment, ASA, AHT, occupancy …).
//! - [`staffing`]: Erlang C and Erlang A staffing.
//! - [`import`]: CSV, JSON and JSON Lines exports read into records (files dropped on a page).
//! - [`model`]: the shared records (`Contact`, `Transcript`, `Transaction`, `Channel`).
//! - [`stats`]: interval methods and special functions.
//! - [`error`]: the one error type, with stable codes.

mod calendar;
pub mod effort;
pub mod error;
pub mod import;
pub mod keywords;
pub mod kpi;
pub mod ltv;
pub mod metrics;
pub mod model;
pub mod pii;
pub mod sentiment;
pub mod staffing;
pub mod stats;
pub mod survey;
pub mod text;

pub use error::{Error, ErrorCode, Result};
