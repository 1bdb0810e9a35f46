//! # cxkit-core
//!
//! Customer-experience metrics for contact centres, as pure Rust with no I/O and no clock: time
//! comes in as data. This crate is the single source of every formula and default in cxkit; the
//! npm package (`cxkit-wasm`), the WIT component (`cxkit-component`) and the edge function only
//! convert types and call it.
//!
//! - [`survey`]: CSAT, NPS and CES with confidence intervals, labels in English and Spanish,
//!   breakdowns and mergeable accumulators.
//! - [`stats`]: the interval methods.
//! - [`error`]: the one error type, with stable codes.

pub mod effort;
pub mod error;
pub mod keywords;
pub mod kpi;
pub mod ltv;
pub mod model;
pub mod pii;
pub mod sentiment;
pub mod staffing;
pub mod stats;
pub mod survey;
pub mod text;

pub use error::{Error, ErrorCode, Result};
