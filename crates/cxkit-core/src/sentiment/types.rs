//! Options and results of the scorer.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{Language, LanguageChoice, Speaker};

/// Options of [`score_text`](super::score_text) and [`score_transcript`](super::score_transcript).
/// Every field is optional; the default of each is documented on it and in the module
/// documentation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SentimentOptions {
    /// `en`, `es` or `auto` (default `auto`; for a transcript, its own `language` field when
    /// this option is absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageChoice>,
    /// The language `auto` falls back to when a text carries no evidence either way. Default
    /// `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_language: Option<Language>,
    /// A text whose score is at least this is `positive`. Default 0.25 (in (0, 1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_threshold: Option<f64>,
    /// A text whose score is at most minus this is `negative`. Default 0.25 (in (0, 1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negative_threshold: Option<f64>,
    /// A text is `mixed` when its positive and its negative contributions each reach this
    /// (in valence units after the rules). Default 1.0 (in (0, 100]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mixed_threshold: Option<f64>,
    /// A negator applies to a sentiment word among the next this many words (Spanish clitic
    /// pronouns and English contraction endings not counted). Default 3 (1–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation_window: Option<u32>,
    /// The largest text (for a transcript: the sum of its turns' texts, each turn counting at
    /// least one byte) accepted, in UTF-8 bytes. Default 1,048,576 (1 MiB); at most 2^30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u32>,
    /// Whether results carry `hits` (default `true`). `false` skips building them: faster and
    /// smaller for bulk scoring; scores and labels are the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hits: Option<bool>,
    /// Transcripts: the weight of the last turn relative to the first in the overall customer
    /// score (weights grow linearly along the conversation). Default 3 (≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_weight: Option<f64>,
    /// Transcripts: the share of the customer's turns that make up the start and the end
    /// compared by the trend (at least one turn each). Default 1/3 (in (0, 0.5]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend_window: Option<f64>,
    /// Transcripts: the trend is `improved` when the end exceeds the start by at least this,
    /// `worsened` when it falls short by at least this, `flat` otherwise (start and end are
    /// mean label values: positive 1, neutral and mixed 0, negative −1). Default 0.5 (in
    /// (0, 2]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend_threshold: Option<f64>,
    /// Transcripts: how the conversation is cut into quarters: `time` (by `startMs`), `turns`
    /// (by turn position) or `auto` (default: `time` when every turn has `startMs`, else
    /// `turns`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarters: Option<QuarterBasis>,
}

/// How a conversation is cut into quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuarterBasis {
    /// `time` when every turn has `startMs`, else `turns`.
    #[default]
    Auto,
    /// By `startMs` between the first and the last turn's start.
    Time,
    /// By turn position: turn `i` of `n` falls in quarter `⌊4i / n⌋`.
    Turns,
}

/// Options resolved to values and checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Config {
    pub language: Option<LanguageChoice>,
    pub fallback: Language,
    pub positive: f64,
    pub negative: f64,
    pub mixed: f64,
    pub negation_window: u32,
    pub max_bytes: usize,
    pub hits: bool,
    pub late_weight: f64,
    pub trend_window: f64,
    pub trend_threshold: f64,
    pub quarters: QuarterBasis,
}

/// Default of `positiveThreshold` and `negativeThreshold`.
pub const DEFAULT_LABEL_THRESHOLD: f64 = 0.25;
/// Default of `mixedThreshold`.
pub const DEFAULT_MIXED_THRESHOLD: f64 = 1.0;
/// Default of `negationWindow`.
pub const DEFAULT_NEGATION_WINDOW: u32 = 3;
/// Default of `maxBytes` (1 MiB).
pub const DEFAULT_MAX_BYTES: u32 = 1 << 20;
/// Default of `lateWeight`.
pub const DEFAULT_LATE_WEIGHT: f64 = 3.0;
/// Default of `trendWindow`.
pub const DEFAULT_TREND_WINDOW: f64 = 1.0 / 3.0;
/// Default of `trendThreshold`.
pub const DEFAULT_TREND_THRESHOLD: f64 = 0.5;

impl Config {
    pub fn new(o: &SentimentOptions) -> Result<Config> {
        fn open_unit(name: &str, v: Option<f64>, default: f64) -> Result<f64> {
            match v {
                None => Ok(default),
                Some(v) if v.is_finite() && v > 0.0 && v < 1.0 => Ok(v),
                Some(v) => Err(Error::option(
                    name,
                    format!("options.{name} must be a number in (0, 1), got {v}"),
                )),
            }
        }
        let positive = open_unit(
            "positiveThreshold",
            o.positive_threshold,
            DEFAULT_LABEL_THRESHOLD,
        )?;
        let negative = open_unit(
            "negativeThreshold",
            o.negative_threshold,
            DEFAULT_LABEL_THRESHOLD,
        )?;
        let mixed = match o.mixed_threshold {
            None => DEFAULT_MIXED_THRESHOLD,
            Some(v) if v.is_finite() && v > 0.0 && v <= 100.0 => v,
            Some(v) => {
                return Err(Error::option(
                    "mixedThreshold",
                    format!("options.mixedThreshold must be a number in (0, 100], got {v}"),
                ));
            }
        };
        let negation_window = match o.negation_window {
            None => DEFAULT_NEGATION_WINDOW,
            Some(v @ 1..=10) => v,
            Some(v) => {
                return Err(Error::option(
                    "negationWindow",
                    format!("options.negationWindow must be a whole number in 1–10, got {v}"),
                ));
            }
        };
        let max_bytes = match o.max_bytes {
            None => DEFAULT_MAX_BYTES as usize,
            Some(v @ 1..=0x4000_0000) => v as usize,
            Some(v) => {
                return Err(Error::option(
                    "maxBytes",
                    format!("options.maxBytes must be in 1–1073741824, got {v}"),
                ));
            }
        };
        let late_weight = match o.late_weight {
            None => DEFAULT_LATE_WEIGHT,
            Some(v) if v.is_finite() && (1.0..=100.0).contains(&v) => v,
            Some(v) => {
                return Err(Error::option(
                    "lateWeight",
                    format!("options.lateWeight must be a number in 1–100, got {v}"),
                ));
            }
        };
        let trend_window = match o.trend_window {
            None => DEFAULT_TREND_WINDOW,
            Some(v) if v.is_finite() && v > 0.0 && v <= 0.5 => v,
            Some(v) => {
                return Err(Error::option(
                    "trendWindow",
                    format!("options.trendWindow must be a number in (0, 0.5], got {v}"),
                ));
            }
        };
        let trend_threshold = match o.trend_threshold {
            None => DEFAULT_TREND_THRESHOLD,
            Some(v) if v.is_finite() && v > 0.0 && v <= 2.0 => v,
            Some(v) => {
                return Err(Error::option(
                    "trendThreshold",
                    format!("options.trendThreshold must be a number in (0, 2], got {v}"),
                ));
            }
        };
        Ok(Config {
            language: o.language,
            fallback: o.fallback_language.unwrap_or(Language::En),
            positive,
            negative,
            mixed,
            negation_window,
            max_bytes,
            hits: o.hits.unwrap_or(true),
            late_weight,
            trend_window,
            trend_threshold,
            quarters: o.quarters.unwrap_or_default(),
        })
    }
}

/// The attitude of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentimentLabel {
    /// Satisfaction, praise, gratitude, relief.
    Positive,
    /// Complaint, frustration, anger, disappointment.
    Negative,
    /// No attitude, or too weak to tell.
    Neutral,
    /// Clearly both.
    Mixed,
}

impl SentimentLabel {
    /// Every label.
    pub const ALL: [SentimentLabel; 4] = [
        SentimentLabel::Positive,
        SentimentLabel::Negative,
        SentimentLabel::Neutral,
        SentimentLabel::Mixed,
    ];

    /// The lower-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            SentimentLabel::Positive => "positive",
            SentimentLabel::Negative => "negative",
            SentimentLabel::Neutral => "neutral",
            SentimentLabel::Mixed => "mixed",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<SentimentLabel> {
        SentimentLabel::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// The label's place on the ordering negative < neutral, mixed < positive: −1, 0 or 1
    /// (used by the trend).
    pub const fn ordinal(self) -> f64 {
        match self {
            SentimentLabel::Positive => 1.0,
            SentimentLabel::Negative => -1.0,
            SentimentLabel::Neutral | SentimentLabel::Mixed => 0.0,
        }
    }
}

/// What a hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// One word.
    Word,
    /// Several words matched as one lexicon entry.
    Phrase,
    /// An emoji.
    Emoji,
    /// An emoticon.
    Emoticon,
    /// A contrast marker ("but", "pero") after praise, opening a clause that states no
    /// attitude: it stands for the complaint it implies.
    Implied,
}

/// A matched lexicon entry and what it contributed, with its span in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The matched text as written.
    pub text: String,
    /// The lexicon key it matched (folded, normalised: `muuuy` → `muy`, `xq` → `porque`).
    pub key: String,
    /// Word, phrase, emoji or emoticon.
    pub kind: HitKind,
    /// Byte offset of the start in the text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// UTF-16 offset of the start (JavaScript string index).
    pub start_utf16: usize,
    /// UTF-16 offset of the end.
    pub end_utf16: usize,
    /// The lexicon valence (−4..4).
    pub valence: f64,
    /// What the hit added to the text's sum after every rule (emphasis, negation, contrast).
    pub contribution: f64,
    /// Whether a negator flipped it.
    pub negated: bool,
}

/// The sentiment of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextScore {
    /// The score in −1..1: `s / √(s² + 15)` of the sum `s` of the contributions.
    pub score: f64,
    /// The label from the score and the thresholds.
    pub label: SentimentLabel,
    /// The language the text was scored in.
    pub language: Language,
    /// Sum of the positive contributions (≥ 0).
    pub positive: f64,
    /// Sum of the negative contributions, as a magnitude (≥ 0).
    pub negative: f64,
    /// The matched entries, in text order.
    pub hits: Vec<Hit>,
}

/// The sentiment of one turn of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnScore {
    /// Who spoke.
    pub speaker: Speaker,
    /// The score in −1..1.
    pub score: f64,
    /// The label.
    pub label: SentimentLabel,
    /// The language the turn was scored in.
    pub language: Language,
    /// Sum of the positive contributions.
    pub positive: f64,
    /// Sum of the negative contributions, as a magnitude.
    pub negative: f64,
    /// The matched entries.
    pub hits: Vec<Hit>,
}

/// One speaker's sentiment over a transcript.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerSentiment {
    /// Number of the speaker's turns.
    pub turns: usize,
    /// Mean turn score in −1..1 (`null` without turns).
    pub mean: Option<f64>,
    /// Mean turn score per quarter of the conversation, on −5..5 (5 × the mean); `null` for a
    /// quarter in which the speaker has no turn.
    pub quarters: [Option<f64>; 4],
}

/// Per-speaker sentiment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Speakers {
    /// The customer.
    pub customer: SpeakerSentiment,
    /// Human agents.
    pub agent: SpeakerSentiment,
    /// IVR and virtual assistants.
    pub bot: SpeakerSentiment,
    /// Platform messages.
    pub system: SpeakerSentiment,
}

impl Speakers {
    /// The entry of one speaker.
    pub fn get(&self, s: Speaker) -> &SpeakerSentiment {
        match s {
            Speaker::Customer => &self.customer,
            Speaker::Agent => &self.agent,
            Speaker::Bot => &self.bot,
            Speaker::System => &self.system,
        }
    }

    pub(crate) fn get_mut(&mut self, s: Speaker) -> &mut SpeakerSentiment {
        match s {
            Speaker::Customer => &mut self.customer,
            Speaker::Agent => &mut self.agent,
            Speaker::Bot => &mut self.bot,
            Speaker::System => &mut self.system,
        }
    }
}

/// How the customer's sentiment moved from the start of the conversation to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrendDirection {
    /// The end is better than the start by at least the threshold.
    Improved,
    /// The end is worse than the start by at least the threshold.
    Worsened,
    /// Neither (or too few customer turns to tell).
    Flat,
}

impl TrendDirection {
    /// The lower-case wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            TrendDirection::Improved => "improved",
            TrendDirection::Worsened => "worsened",
            TrendDirection::Flat => "flat",
        }
    }
}

/// The customer's start-versus-end trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    /// Improved, worsened or flat.
    pub direction: TrendDirection,
    /// Mean label value (positive 1, neutral and mixed 0, negative −1) of the customer's
    /// opening turns (`null` with fewer than two customer turns).
    pub start: Option<f64>,
    /// Mean label value of the customer's closing turns.
    pub end: Option<f64>,
    /// `end − start`.
    pub change: Option<f64>,
}

/// The sentiment of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptScore {
    /// The transcript's language (detected for `auto`; single turns may differ).
    pub language: Language,
    /// One score per turn, in order.
    pub turns: Vec<TurnScore>,
    /// Per-speaker means and quarters.
    pub speakers: Speakers,
    /// The customer's overall score on −100..100, later turns weighing more (`null` when no
    /// customer turn carries sentiment).
    pub overall: Option<f64>,
    /// The customer's trend.
    pub trend: Trend,
}
