//! Survey scoring: CSAT, NPS and CES.
//!
//! # Definitions
//!
//! - **CSAT** = satisfied answers ÷ valid answers × 100. "Satisfied" defaults to the top two boxes
//!   of the scale (4–5 on 1–5, 6–7 on 1–7, 9–10 on 1–10, "good" on binary) and is an option.
//!   The interval is a binomial proportion interval (Wilson by default).
//! - **NPS** (Reichheld 2003, "The One Number You Need to Grow", *Harvard Business Review*) =
//!   % promoters (9–10) − % detractors (0–6) on the 0–10 likelihood-to-recommend scale, from −100
//!   to 100. The interval is Wald on the trinomial variance by default, or Rocks' (2016)
//!   adjusted-Wald.
//! - **CES**: version 1 asks for effort on 1–5 (low is good); version 2 (Dixon, Freeman & Toman
//!   2010, "Stop Trying to Delight Your Customers", *Harvard Business Review*, and Gartner's CES 2.0)
//!   asks for agreement with "the company made it easy to handle my issue" on 1–7 (high is good).
//!   The result is the mean with a Student t interval and the share of easy answers (5–7 on
//!   version 2, 1–2 on version 1).
//!
//! ```
//! use cxkit_core::survey::{csat, nps, SurveyInput, SurveyOptions};
//! let answers: Vec<SurveyInput> = vec![5.0.into(), 4.0.into(), "muy insatisfecho".into(), 3.0.into()];
//! let report = csat(&answers, &SurveyOptions::default()).unwrap();
//! assert_eq!(report.overall.score, 50.0);
//! assert_eq!(report.overall.satisfied, 2);
//!
//! let scores: Vec<SurveyInput> = [10.0, 9.0, 8.0, 7.0, 0.0].map(SurveyInput::from).to_vec();
//! assert_eq!(nps(&scores, &SurveyOptions::default()).unwrap().overall.score, 20.0);
//! ```

mod accumulator;
mod input;

pub use input::{parse_channel, parse_responded_at};
mod labels;
mod results;
mod types;

pub use accumulator::{
    GroupState, MAX_UTC_OFFSET_MINUTES, STATE_FORMAT, SurveyAccumulator, SurveyState, histogram,
};
pub use results::{
    CesResult, CsatResult, Distribution, Group, NpsResult, Rejected, Report, SurveyReport,
};
pub use types::{
    Answer, GroupBy, InputFault, OnInvalid, Scale, SurveyInput, SurveyKind, SurveyOptions,
    SurveyResponse,
};

use crate::error::Result;

fn batch(
    kind: SurveyKind,
    inputs: &[SurveyInput],
    options: &SurveyOptions,
) -> Result<SurveyAccumulator> {
    let mut acc = SurveyAccumulator::new(kind, options)?;
    acc.push_all(inputs)?;
    Ok(acc)
}

/// CSAT over a list of answers.
pub fn csat(inputs: &[SurveyInput], options: &SurveyOptions) -> Result<Report<CsatResult>> {
    batch(SurveyKind::Csat, inputs, options)?.finish_csat()
}

/// NPS over a list of answers.
pub fn nps(inputs: &[SurveyInput], options: &SurveyOptions) -> Result<Report<NpsResult>> {
    batch(SurveyKind::Nps, inputs, options)?.finish_nps()
}

/// CES over a list of answers.
pub fn ces(inputs: &[SurveyInput], options: &SurveyOptions) -> Result<Report<CesResult>> {
    batch(SurveyKind::Ces, inputs, options)?.finish_ces()
}

/// Any survey metric over a list of answers.
pub fn score(
    kind: SurveyKind,
    inputs: &[SurveyInput],
    options: &SurveyOptions,
) -> Result<SurveyReport> {
    batch(kind, inputs, options)?.finish()
}

/// Any survey metric over raw scores (the typed-array fast path).
pub fn score_bytes(
    kind: SurveyKind,
    scores: &[u8],
    options: &SurveyOptions,
) -> Result<SurveyReport> {
    let mut acc = SurveyAccumulator::new(kind, options)?;
    acc.push_scores(scores)?;
    acc.finish()
}
