//! The sentiment accumulator: tallies over many scored transcripts, mergeable exactly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::types::{SentimentLabel, TranscriptScore, TrendDirection};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Speaker;

/// Identifier of the serialised [`SentimentAccumulator`] format.
pub const SENTIMENT_STATE_FORMAT: &str = "cxkit.sentiment.v1";

/// Scores are summed in millionths (they are rounded to six decimals), so sums are exact
/// integers and merging is exactly associative and commutative.
const MICRO: f64 = 1e6;

fn micros(x: f64) -> i64 {
    (x * MICRO).round() as i64
}

/// One speaker's tallies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpeakerTally {
    /// Turns.
    pub turns: u64,
    /// Turns labelled positive.
    pub positive: u64,
    /// Turns labelled negative.
    pub negative: u64,
    /// Turns labelled neutral.
    pub neutral: u64,
    /// Turns labelled mixed.
    pub mixed: u64,
    /// Sum of the turn scores, in millionths.
    pub score_micros: i64,
}

impl SpeakerTally {
    fn add(&mut self, o: &SpeakerTally) {
        self.turns = self.turns.saturating_add(o.turns);
        self.positive = self.positive.saturating_add(o.positive);
        self.negative = self.negative.saturating_add(o.negative);
        self.neutral = self.neutral.saturating_add(o.neutral);
        self.mixed = self.mixed.saturating_add(o.mixed);
        self.score_micros = self.score_micros.saturating_add(o.score_micros);
    }
}

/// Sentiment tallies over many [`TranscriptScore`]s: `push` each, `merge` accumulators from
/// other workers, `finish` for the means. The accumulator is its own serialisable state
/// (format [`SENTIMENT_STATE_FORMAT`]); sums are integers (millionths), so
/// `finish(merge(a, b)) == finish(batch(a ∪ b))` exactly.
///
/// ```
/// use cxkit_core::model::{Speaker, Transcript};
/// use cxkit_core::sentiment::{score_transcript, SentimentAccumulator, SentimentOptions};
/// let o = SentimentOptions::default();
/// let a_t = Transcript::from_turns([(Speaker::Customer, "this is a disgrace"), (Speaker::Customer, "ok thanks, that's brilliant")]);
/// let b_t = Transcript::from_turns([(Speaker::Customer, "muy mal servicio")]);
/// let mut a = SentimentAccumulator::new();
/// a.push(&score_transcript(&a_t, &o).unwrap());
/// let mut b = SentimentAccumulator::new();
/// b.push(&score_transcript(&b_t, &o).unwrap());
/// a.merge(&b).unwrap();
/// let s = a.finish();
/// assert_eq!(s.transcripts, 2);
/// assert_eq!(s.trend.improved, 1);
/// assert_eq!(s.speakers["customer"].turns, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SentimentAccumulator {
    /// Always [`SENTIMENT_STATE_FORMAT`].
    pub format: String,
    /// Transcripts pushed.
    pub transcripts: u64,
    /// Transcripts with an overall customer score.
    pub overall_count: u64,
    /// Sum of the overall customer scores (−100..100), in millionths.
    pub overall_micros: i64,
    /// Trends: improved, worsened, flat.
    pub improved: u64,
    /// See `improved`.
    pub worsened: u64,
    /// See `improved`.
    pub flat: u64,
    /// Per speaker (`customer`, `agent`, `bot`, `system`).
    pub speakers: BTreeMap<Speaker, SpeakerTally>,
}

impl Default for SentimentAccumulator {
    fn default() -> Self {
        SentimentAccumulator::new()
    }
}

/// One speaker in a [`SentimentSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerSummary {
    /// Turns.
    pub turns: u64,
    /// Mean turn score (`null` without turns).
    pub mean: Option<f64>,
    /// Turns per label.
    pub labels: BTreeMap<SentimentLabel, u64>,
}

/// Trend counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendCounts {
    /// Improved.
    pub improved: u64,
    /// Worsened.
    pub worsened: u64,
    /// Flat.
    pub flat: u64,
}

/// The result of [`SentimentAccumulator::finish`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentimentSummary {
    /// Transcripts pushed.
    pub transcripts: u64,
    /// Mean overall customer score (−100..100) over the transcripts that have one.
    pub overall: Option<f64>,
    /// Trend counts.
    pub trend: TrendCounts,
    /// Per speaker present.
    pub speakers: BTreeMap<String, SpeakerSummary>,
}

impl SentimentAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        SentimentAccumulator {
            format: SENTIMENT_STATE_FORMAT.to_string(),
            transcripts: 0,
            overall_count: 0,
            overall_micros: 0,
            improved: 0,
            worsened: 0,
            flat: 0,
            speakers: BTreeMap::new(),
        }
    }

    /// Adds one scored transcript.
    pub fn push(&mut self, t: &TranscriptScore) {
        self.transcripts = self.transcripts.saturating_add(1);
        if let Some(o) = t.overall {
            self.overall_count = self.overall_count.saturating_add(1);
            self.overall_micros = self.overall_micros.saturating_add(micros(o));
        }
        let slot = match t.trend.direction {
            TrendDirection::Improved => &mut self.improved,
            TrendDirection::Worsened => &mut self.worsened,
            TrendDirection::Flat => &mut self.flat,
        };
        *slot = slot.saturating_add(1);
        for turn in &t.turns {
            let s = self.speakers.entry(turn.speaker).or_default();
            s.turns = s.turns.saturating_add(1);
            let l = match turn.label {
                SentimentLabel::Positive => &mut s.positive,
                SentimentLabel::Negative => &mut s.negative,
                SentimentLabel::Neutral => &mut s.neutral,
                SentimentLabel::Mixed => &mut s.mixed,
            };
            *l = l.saturating_add(1);
            s.score_micros = s.score_micros.saturating_add(micros(turn.score));
        }
    }

    /// Adds another accumulator's tallies.
    pub fn merge(&mut self, other: &SentimentAccumulator) -> Result<()> {
        check_format(&other.format)?;
        self.transcripts = self.transcripts.saturating_add(other.transcripts);
        self.overall_count = self.overall_count.saturating_add(other.overall_count);
        self.overall_micros = self.overall_micros.saturating_add(other.overall_micros);
        self.improved = self.improved.saturating_add(other.improved);
        self.worsened = self.worsened.saturating_add(other.worsened);
        self.flat = self.flat.saturating_add(other.flat);
        for (k, v) in &other.speakers {
            self.speakers.entry(*k).or_default().add(v);
        }
        Ok(())
    }

    /// Reads a serialised state, checking its format.
    pub fn from_state(state: &SentimentAccumulator) -> Result<SentimentAccumulator> {
        check_format(&state.format)?;
        Ok(state.clone())
    }

    /// Means and counts.
    pub fn finish(&self) -> SentimentSummary {
        let mean = |sum: i64, n: u64| (n > 0).then(|| sum as f64 / MICRO / n as f64);
        SentimentSummary {
            transcripts: self.transcripts,
            overall: mean(self.overall_micros, self.overall_count),
            trend: TrendCounts {
                improved: self.improved,
                worsened: self.worsened,
                flat: self.flat,
            },
            speakers: self
                .speakers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        SpeakerSummary {
                            turns: v.turns,
                            mean: mean(v.score_micros, v.turns),
                            labels: [
                                (SentimentLabel::Positive, v.positive),
                                (SentimentLabel::Negative, v.negative),
                                (SentimentLabel::Neutral, v.neutral),
                                (SentimentLabel::Mixed, v.mixed),
                            ]
                            .into_iter()
                            .collect(),
                        },
                    )
                })
                .collect(),
        }
    }
}

fn check_format(format: &str) -> Result<()> {
    if format == SENTIMENT_STATE_FORMAT {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::InvalidState,
            format!("state format \"{format}\" is not \"{SENTIMENT_STATE_FORMAT}\""),
        )
        .with_field("format"))
    }
}
