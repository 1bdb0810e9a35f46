//! The keyword accumulator: category and compliance tallies over many transcripts, mergeable.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FailureReason, KeywordReport};
use crate::error::{Error, ErrorCode, Result};

/// Identifier of the serialised [`KeywordAccumulator`] format.
pub const KEYWORD_STATE_FORMAT: &str = "cxkit.keywords.v1";

/// Per-rule tallies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleTally {
    /// Transcripts that passed.
    pub passed: u64,
    /// Transcripts that failed because the phrase was never said (`mustSay`).
    pub missing: u64,
    /// Transcripts that failed because it was said late (`mustSay`).
    pub late: u64,
    /// Transcripts that failed because it was said (`mustNotSay`).
    pub said: u64,
}

impl RuleTally {
    /// Transcripts judged.
    pub fn total(&self) -> u64 {
        self.passed
            .saturating_add(self.missing)
            .saturating_add(self.late)
            .saturating_add(self.said)
    }

    fn add(&mut self, o: &RuleTally) {
        self.passed = self.passed.saturating_add(o.passed);
        self.missing = self.missing.saturating_add(o.missing);
        self.late = self.late.saturating_add(o.late);
        self.said = self.said.saturating_add(o.said);
    }
}

/// Per-category tallies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryTally {
    /// Transcripts with at least one counted match.
    pub transcripts: u64,
    /// Counted matches.
    pub matches: u64,
}

/// Category and compliance tallies over many [`KeywordReport`]s: `push` each report, `merge`
/// accumulators from other workers (addition, so associative and commutative), `finish` for
/// the rates. The accumulator is its own serialisable state (format
/// [`KEYWORD_STATE_FORMAT`]).
///
/// ```
/// use cxkit_core::keywords::{KeywordAccumulator, KeywordSet};
/// use cxkit_core::model::{Speaker, Transcript};
/// let set = KeywordSet::builtin().unwrap();
/// let t = Transcript::from_turns([(Speaker::Customer, "I want to cancel my account")]);
/// let mut a = KeywordAccumulator::new();
/// a.push(&set.scan(&t).unwrap());
/// let mut b = KeywordAccumulator::new();
/// b.push(&set.scan(&Transcript::from_turns([(Speaker::Customer, "thanks!")])).unwrap());
/// a.merge(&b).unwrap();
/// let s = a.finish();
/// assert_eq!(s.transcripts, 2);
/// assert_eq!(s.categories["churn_risk"].rate, 0.5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeywordAccumulator {
    /// Always [`KEYWORD_STATE_FORMAT`].
    pub format: String,
    /// Transcripts pushed.
    pub transcripts: u64,
    /// Per category.
    pub categories: BTreeMap<String, CategoryTally>,
    /// Per compliance rule.
    pub rules: BTreeMap<String, RuleTally>,
}

impl Default for KeywordAccumulator {
    fn default() -> Self {
        KeywordAccumulator::new()
    }
}

/// One category in a [`KeywordSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CategorySummary {
    /// Transcripts with at least one counted match.
    pub transcripts: u64,
    /// Counted matches.
    pub matches: u64,
    /// `transcripts` ÷ all transcripts (0 without transcripts).
    pub rate: f64,
}

/// One rule in a [`KeywordSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSummary {
    /// The tallies.
    #[serde(flatten)]
    pub tally: RuleTally,
    /// Passed ÷ judged (`null` when none was judged).
    pub pass_rate: Option<f64>,
}

/// The result of [`KeywordAccumulator::finish`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeywordSummary {
    /// Transcripts pushed.
    pub transcripts: u64,
    /// Per category.
    pub categories: BTreeMap<String, CategorySummary>,
    /// Per rule.
    pub rules: BTreeMap<String, RuleSummary>,
}

impl KeywordAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        KeywordAccumulator {
            format: KEYWORD_STATE_FORMAT.to_string(),
            transcripts: 0,
            categories: BTreeMap::new(),
            rules: BTreeMap::new(),
        }
    }

    /// Adds one transcript's report.
    pub fn push(&mut self, report: &KeywordReport) {
        self.transcripts = self.transcripts.saturating_add(1);
        for (name, c) in &report.categories {
            let t = self.categories.entry(name.clone()).or_default();
            if c.count > 0 {
                t.transcripts = t.transcripts.saturating_add(1);
            }
            t.matches = t.matches.saturating_add(c.count as u64);
        }
        for r in &report.compliance {
            let t = self.rules.entry(r.name.clone()).or_default();
            match r.reason {
                None => t.passed = t.passed.saturating_add(1),
                Some(FailureReason::Missing) => t.missing = t.missing.saturating_add(1),
                Some(FailureReason::Late) => t.late = t.late.saturating_add(1),
                Some(FailureReason::Said) => t.said = t.said.saturating_add(1),
            }
        }
    }

    /// Adds another accumulator's tallies (category by category, rule by rule).
    pub fn merge(&mut self, other: &KeywordAccumulator) -> Result<()> {
        check_format(&other.format)?;
        self.transcripts = self.transcripts.saturating_add(other.transcripts);
        for (k, v) in &other.categories {
            let t = self.categories.entry(k.clone()).or_default();
            t.transcripts = t.transcripts.saturating_add(v.transcripts);
            t.matches = t.matches.saturating_add(v.matches);
        }
        for (k, v) in &other.rules {
            self.rules.entry(k.clone()).or_default().add(v);
        }
        Ok(())
    }

    /// Reads a serialised state, checking its format.
    pub fn from_state(state: &KeywordAccumulator) -> Result<KeywordAccumulator> {
        check_format(&state.format)?;
        Ok(state.clone())
    }

    /// Rates per category and rule.
    pub fn finish(&self) -> KeywordSummary {
        let n = self.transcripts;
        KeywordSummary {
            transcripts: n,
            categories: self
                .categories
                .iter()
                .map(|(k, v)| {
                    let rate = if n > 0 {
                        v.transcripts as f64 / n as f64
                    } else {
                        0.0
                    };
                    (
                        k.clone(),
                        CategorySummary {
                            transcripts: v.transcripts,
                            matches: v.matches,
                            rate,
                        },
                    )
                })
                .collect(),
            rules: self
                .rules
                .iter()
                .map(|(k, v)| {
                    let total = v.total();
                    let pass_rate = (total > 0).then(|| v.passed as f64 / total as f64);
                    (
                        k.clone(),
                        RuleSummary {
                            tally: *v,
                            pass_rate,
                        },
                    )
                })
                .collect(),
        }
    }
}

fn check_format(format: &str) -> Result<()> {
    if format == KEYWORD_STATE_FORMAT {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::InvalidState,
            format!("state format \"{format}\" is not \"{KEYWORD_STATE_FORMAT}\""),
        )
        .with_field("format"))
    }
}
