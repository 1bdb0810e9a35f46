//! The survey accumulator: `push`, `merge`, `finish` and a serialisable state.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::labels;
use super::results::{
    CesResult, CsatResult, Distribution, Group, NpsResult, Rejected, Report, SurveyReport,
};
use super::types::{
    Answer, GroupBy, InputFault, OnInvalid, Scale, SurveyInput, SurveyKind, SurveyOptions,
    SurveyResponse,
};
use crate::calendar::{self, Bucket};
use crate::error::{Error, ErrorCode, Result};
use crate::stats::{self, IntervalMethod};
use crate::text::{excerpt, fold};

/// Identifier of the serialised state format. Bumped on any incompatible change.
pub const STATE_FORMAT: &str = "cxkit.survey.v1";

/// The largest accepted `utcOffsetMinutes` in either direction (18 hours, as ISO 8601 allows).
pub const MAX_UTC_OFFSET_MINUTES: i32 = 18 * 60;

/// Options resolved and checked for one survey kind.
#[derive(Debug, Clone, PartialEq)]
struct Config {
    scale: Scale,
    /// CES version (1 or 2); 0 for CSAT and NPS.
    version: u8,
    /// CSAT: satisfied flag per scale point.
    satisfied: Vec<bool>,
    interval: IntervalMethod,
    confidence: f64,
    on_invalid: OnInvalid,
    group_by: Option<GroupBy>,
    offset: FixedOffset,
    /// Custom labels, folded, resolved to scale values.
    labels: BTreeMap<String, i32>,
    builtin: &'static [(&'static str, i32)],
}

impl Config {
    fn new(kind: SurveyKind, o: &SurveyOptions) -> Result<Config> {
        let version = match (kind, o.version) {
            (SurveyKind::Ces, None) => 2,
            (SurveyKind::Ces, Some(v @ (1 | 2))) => v,
            (SurveyKind::Ces, Some(v)) => {
                return Err(Error::option(
                    "version",
                    format!("options.version must be 1 or 2 for CES, got {v}"),
                ));
            }
            (_, Some(_)) => {
                return Err(Error::option(
                    "version",
                    format!("options.version applies to CES only, not {}", kind.label()),
                ));
            }
            (_, None) => 0,
        };
        let native = match kind {
            SurveyKind::Csat => Scale::range(1, 5),
            SurveyKind::Nps => Scale::range(0, 10),
            SurveyKind::Ces if version == 1 => Scale::range(1, 5),
            SurveyKind::Ces => Scale::range(1, 7),
        };
        let scale = match (kind, o.scale) {
            (_, None) => native,
            (SurveyKind::Csat, Some(s)) => s,
            (_, Some(s)) if s == native => s,
            (_, Some(s)) => {
                return Err(Error::option(
                    "scale",
                    format!(
                        "the {} scale is {}, options.scale {} is not allowed{}",
                        kind.label(),
                        native.describe(),
                        s.describe(),
                        if kind == SurveyKind::Ces {
                            " (choose the CES version with options.version)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        };
        if let Scale::Range { min, max } = scale
            && (max <= min || max - min > Scale::MAX_SPAN)
        {
            return Err(Error::option(
                "scale",
                format!(
                    "options.scale [{min}, {max}] must have min < max and at most {} steps",
                    Scale::MAX_SPAN
                ),
            ));
        }
        let builtin: &'static [(&'static str, i32)] = match (kind, scale, version) {
            (SurveyKind::Csat, Scale::Binary, _) => labels::BINARY,
            (SurveyKind::Csat, Scale::Range { min: 1, max: 5 }, _) => labels::CSAT_5,
            (SurveyKind::Ces, _, 1) => labels::CES_V1,
            (SurveyKind::Ces, _, _) => labels::CES_V2,
            _ => &[],
        };
        let (lo, hi) = scale.bounds();
        let mut custom = BTreeMap::new();
        for (label, &value) in o.labels.iter().flatten() {
            let field = format!("options.labels[\"{}\"]", excerpt(label));
            let v = check_value(value, scale).map_err(|f| {
                Error::new(ErrorCode::InvalidOption, format!("{field}: {}", f.message))
                    .with_field(field.clone())
            })?;
            let key = fold(label);
            if key.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidOption,
                    format!("{field}: a label needs at least one letter or digit"),
                )
                .with_field(field));
            }
            custom.insert(key, v);
        }
        let interval = match (kind, o.interval) {
            (SurveyKind::Csat, None) => IntervalMethod::Wilson,
            (SurveyKind::Csat, Some(m)) if IntervalMethod::PROPORTION.contains(&m) => m,
            (SurveyKind::Nps, None) => IntervalMethod::Wald,
            (SurveyKind::Nps, Some(m @ (IntervalMethod::Wald | IntervalMethod::AdjustedWald))) => m,
            (SurveyKind::Ces, None | Some(IntervalMethod::T)) => IntervalMethod::T,
            (_, Some(m)) => {
                let allowed = match kind {
                    SurveyKind::Csat => {
                        "\"wilson\", \"agresti-coull\", \"clopper-pearson\", \"jeffreys\" or \"wald\""
                    }
                    SurveyKind::Nps => "\"wald\" or \"adjusted-wald\"",
                    SurveyKind::Ces => "\"t\"",
                };
                return Err(Error::option(
                    "interval",
                    format!(
                        "options.interval \"{}\" does not apply to {}; use {allowed}",
                        m.as_str(),
                        kind.label()
                    ),
                ));
            }
        };
        let confidence = stats::check_confidence(o.confidence.unwrap_or(0.95))?;
        let minutes = o.utc_offset_minutes.unwrap_or(0);
        let offset = if minutes.abs() <= MAX_UTC_OFFSET_MINUTES {
            FixedOffset::east_opt(minutes * 60)
        } else {
            None
        }
        .ok_or_else(|| {
            Error::option(
                "utcOffsetMinutes",
                format!(
                    "options.utcOffsetMinutes must be between -{MAX_UTC_OFFSET_MINUTES} and {MAX_UTC_OFFSET_MINUTES}, got {minutes}"
                ),
            )
        })?;
        let mut config = Config {
            scale,
            version,
            satisfied: Vec::new(),
            interval,
            confidence,
            on_invalid: o.on_invalid.unwrap_or_default(),
            group_by: o.group_by,
            offset,
            labels: custom,
            builtin,
        };
        config.satisfied = match (&o.satisfied, kind) {
            (Some(_), SurveyKind::Nps | SurveyKind::Ces) => {
                return Err(Error::option(
                    "satisfied",
                    "options.satisfied applies to CSAT only",
                ));
            }
            (Some(list), SurveyKind::Csat) => {
                let mut flags = vec![false; scale.points()];
                for (i, answer) in list.iter().enumerate() {
                    let field = format!("options.satisfied[{i}]");
                    let v = config.resolve(answer).map_err(|f| {
                        Error::new(ErrorCode::InvalidOption, format!("{field}: {}", f.message))
                            .with_field(field.clone())
                    })?;
                    if let Some(flag) = flags.get_mut((v - lo) as usize) {
                        *flag = true;
                    }
                }
                flags
            }
            // Top-two box on ranges; "good" alone on binary.
            (None, _) => {
                let first = if scale == Scale::Binary { hi } else { hi - 1 };
                (lo..=hi).map(|v| v >= first).collect()
            }
        };
        Ok(config)
    }

    /// The value of an answer on the scale, or what is wrong with it.
    fn resolve(&self, answer: &Answer) -> std::result::Result<i32, InputFault> {
        match answer {
            Answer::Value(v) => check_value(*v, self.scale),
            Answer::Label(text) => {
                let key = fold(text);
                if let Some(&v) = self.labels.get(&key) {
                    return Ok(v);
                }
                if let Ok(v) = text.trim().parse::<f64>() {
                    return check_value(v, self.scale);
                }
                labels::lookup(self.builtin, &key).ok_or_else(|| InputFault {
                    code: ErrorCode::UnknownLabel,
                    field: None,
                    message: format!(
                        "\"{}\" is not a known answer on the {} scale{}",
                        excerpt(text),
                        self.scale.describe(),
                        if self.builtin.is_empty() {
                            " (no built-in labels for this scale; pass options.labels)"
                        } else {
                            " (add it with options.labels)"
                        }
                    ),
                })
            }
        }
    }
}

fn check_value(v: f64, scale: Scale) -> std::result::Result<i32, InputFault> {
    let fault = |code, message| InputFault {
        code,
        field: None,
        message,
    };
    if !v.is_finite() {
        return Err(fault(
            ErrorCode::NonFiniteScore,
            format!("{v} is not a finite number"),
        ));
    }
    if v.fract() != 0.0 {
        return Err(fault(
            ErrorCode::NonIntegerScore,
            format!("{v} is not a whole number"),
        ));
    }
    let (lo, hi) = scale.bounds();
    if v < lo as f64 || v > hi as f64 {
        return Err(fault(
            ErrorCode::ScoreOutOfRange,
            format!("{v} is outside the {} scale", scale.describe()),
        ));
    }
    Ok(v as i32)
}

fn time_bucket(at: DateTime<Utc>, by: GroupBy, offset: FixedOffset) -> String {
    let bucket = match by {
        GroupBy::Week => Bucket::Week,
        GroupBy::Month => Bucket::Month,
        _ => Bucket::Day,
    };
    calendar::label(at, bucket, offset)
}

/// Running counts for one survey metric: the building block of every surface.
///
/// `finish(merge(a, b)) == finish(batch(a ∪ b))` for any split, because the state is a count per
/// scale point (and per group); the score and its interval are derived only in [`finish`].
///
/// [`finish`]: SurveyAccumulator::finish
///
/// ```
/// use cxkit_core::survey::{SurveyAccumulator, SurveyKind, SurveyOptions};
/// let options = SurveyOptions::default();
/// let mut a = SurveyAccumulator::new(SurveyKind::Nps, &options).unwrap();
/// let mut b = SurveyAccumulator::new(SurveyKind::Nps, &options).unwrap();
/// for v in [10.0, 9.0, 8.0] { a.push(&v.into(), None).unwrap(); }
/// for v in [7.0, 0.0] { b.push(&v.into(), None).unwrap(); }
/// a.merge(&b).unwrap();
/// let report = a.finish_nps().unwrap();
/// assert_eq!(report.overall.score, 20.0); // (2 promoters − 1 detractor) / 5
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAccumulator {
    kind: SurveyKind,
    options: SurveyOptions,
    config: Config,
    overall: Vec<u64>,
    groups: BTreeMap<Option<String>, Vec<u64>>,
    rejected: BTreeMap<ErrorCode, u64>,
}

/// The serialisable state of a [`SurveyAccumulator`] (format [`STATE_FORMAT`]).
///
/// ```json
/// {"format": "cxkit.survey.v1", "kind": "nps", "options": {"groupBy": "queue"},
///  "counts": [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
///  "groups": [{"key": "billing", "counts": [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]}],
///  "rejected": {"score_out_of_range": 2}}
/// ```
/// `counts[i]` is the number of answers equal to the scale's minimum + i (binary: bad, good);
/// `groups` holds the same per group key (`null` for answers without the attribute). Merging two
/// states is adding their counts, key by key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurveyState {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// The survey kind.
    pub kind: SurveyKind,
    /// The options the accumulator was created with.
    pub options: SurveyOptions,
    /// Count per scale point.
    pub counts: Vec<u64>,
    /// Count per scale point per group (empty without `groupBy`).
    #[serde(default)]
    pub groups: Vec<GroupState>,
    /// Answers left out, per error code.
    #[serde(default)]
    pub rejected: BTreeMap<ErrorCode, u64>,
}

/// The counts of one group in a [`SurveyState`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupState {
    /// Group key; `null` for answers without the attribute.
    pub key: Option<String>,
    /// Count per scale point.
    pub counts: Vec<u64>,
}

fn path(index: Option<usize>, field: Option<&str>) -> String {
    let base = match index {
        Some(i) => format!("responses[{i}]"),
        None => "response".to_string(),
    };
    match field {
        Some(f) => format!("{base}.{f}"),
        None => base,
    }
}

fn add_counts(into: &mut [u64], from: &[u64]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a = a.saturating_add(*b);
    }
}

impl SurveyAccumulator {
    /// A new, empty accumulator. Fails with `invalid_option` if the options do not apply.
    pub fn new(kind: SurveyKind, options: &SurveyOptions) -> Result<Self> {
        let config = Config::new(kind, options)?;
        Ok(SurveyAccumulator {
            kind,
            options: options.clone(),
            overall: vec![0; config.scale.points()],
            groups: BTreeMap::new(),
            rejected: BTreeMap::new(),
            config,
        })
    }

    /// The survey kind.
    pub fn kind(&self) -> SurveyKind {
        self.kind
    }

    /// The options the accumulator was created with.
    pub fn options(&self) -> &SurveyOptions {
        &self.options
    }

    /// The scale answers are counted on.
    pub fn scale(&self) -> Scale {
        self.config.scale
    }

    /// Number of valid answers so far.
    pub fn count(&self) -> u64 {
        self.overall.iter().sum()
    }

    /// Scale index and group key of one input, or the fault that makes it invalid.
    fn classify(
        &self,
        input: &SurveyInput,
    ) -> std::result::Result<(usize, Option<String>), InputFault> {
        let missing_time = |field| InputFault {
            code: ErrorCode::MissingField,
            field,
            message: format!(
                "respondedAt is required to group by {}",
                self.config.group_by.map(GroupBy::as_str).unwrap_or("time")
            ),
        };
        let time_grouped = matches!(
            self.config.group_by,
            Some(GroupBy::Day | GroupBy::Week | GroupBy::Month)
        );
        let (value, key) = match input {
            SurveyInput::Invalid(f) => return Err(f.clone()),
            SurveyInput::Value(v) => {
                if time_grouped {
                    return Err(missing_time(None));
                }
                (check_value(*v, self.config.scale)?, None)
            }
            SurveyInput::Label(l) => {
                if time_grouped {
                    return Err(missing_time(None));
                }
                (self.config.resolve(&Answer::Label(l.clone()))?, None)
            }
            SurveyInput::Response(r) => {
                let value = self.response_value(r)?;
                let key = match self.config.group_by {
                    None => None,
                    Some(GroupBy::Queue) => r.queue.clone(),
                    Some(GroupBy::AgentId) => r.agent_id.clone(),
                    Some(GroupBy::Channel) => r.channel.map(|c| c.as_str().to_string()),
                    Some(by) => match r.responded_at {
                        Some(at) => Some(time_bucket(at, by, self.config.offset)),
                        None => return Err(missing_time(Some("respondedAt"))),
                    },
                };
                (value, key)
            }
        };
        let (lo, _) = self.config.scale.bounds();
        Ok(((value - lo) as usize, key))
    }

    fn response_value(&self, r: &SurveyResponse) -> std::result::Result<i32, InputFault> {
        if let Some(kind) = r.kind
            && kind != self.kind
        {
            return Err(InputFault {
                code: ErrorCode::KindMismatch,
                field: Some("kind"),
                message: format!(
                    "kind \"{}\" cannot be counted as {}",
                    kind.as_str(),
                    self.kind.label()
                ),
            });
        }
        if let Some(scale) = r.scale
            && scale != self.config.scale
        {
            return Err(InputFault {
                code: ErrorCode::ScaleMismatch,
                field: Some("scale"),
                message: format!(
                    "the answer is on the {} scale but the {} is scored on {} (set options.scale)",
                    scale.describe(),
                    self.kind.label(),
                    self.config.scale.describe()
                ),
            });
        }
        let with_field = |field: &'static str| {
            move |f: InputFault| InputFault {
                field: Some(field),
                message: format!("{field} {}", f.message),
                ..f
            }
        };
        match (r.value, &r.label) {
            (Some(v), _) => check_value(v, self.config.scale).map_err(with_field("value")),
            (None, Some(l)) => self
                .config
                .resolve(&Answer::Label(l.clone()))
                .map_err(with_field("label")),
            (None, None) => Err(InputFault {
                code: ErrorCode::MissingField,
                field: Some("value"),
                message: "the response has neither a value nor a label".to_string(),
            }),
        }
    }

    /// Adds one answer. `index` is its position in the caller's list, used in error messages
    /// (`responses[3].value`). With `onInvalid: "skip"` an invalid answer is counted in
    /// `rejected` and `Ok` is returned.
    pub fn push(&mut self, input: &SurveyInput, index: Option<usize>) -> Result<()> {
        match self.classify(input) {
            Ok((slot, key)) => {
                if let Some(c) = self.overall.get_mut(slot) {
                    *c += 1;
                }
                if self.config.group_by.is_some() {
                    let points = self.overall.len();
                    let counts = self.groups.entry(key).or_insert_with(|| vec![0; points]);
                    if let Some(c) = counts.get_mut(slot) {
                        *c += 1;
                    }
                }
                Ok(())
            }
            Err(fault) => match self.config.on_invalid {
                OnInvalid::Skip => {
                    *self.rejected.entry(fault.code).or_insert(0) += 1;
                    Ok(())
                }
                OnInvalid::Error => {
                    let field = path(index, fault.field);
                    let mut err = Error::new(
                        fault.code,
                        format!("{}: {}", path(index, None), fault.message),
                    )
                    .with_field(field);
                    err.index = index;
                    Err(err)
                }
            },
        }
    }

    /// Adds every answer of a list, all or nothing: on error the accumulator is unchanged.
    /// Indices in errors are positions in `inputs`.
    pub fn push_all(&mut self, inputs: &[SurveyInput]) -> Result<()> {
        let mut next = self.clone();
        for (i, input) in inputs.iter().enumerate() {
            next.push(input, Some(i))?;
        }
        *self = next;
        Ok(())
    }

    /// Adds raw scores (bytes) in one pass: the fast path for `Uint8Array` input.
    ///
    /// Only numeric ranges within 0..=255 can be fed this way (binary scales take 0 = bad,
    /// 1 = good). Grouping needs `respondedAt` or attributes, so it is refused here.
    pub fn push_scores(&mut self, scores: &[u8]) -> Result<()> {
        if self.config.group_by.is_some() {
            return Err(Error::option(
                "groupBy",
                "options.groupBy needs response objects; typed-array scores carry no attributes",
            ));
        }
        let hist = histogram(scores);
        let (lo, hi) = self.config.scale.bounds();
        let in_scale = |value: usize| (lo..=hi).contains(&(value as i32));
        let invalid: u64 = (0..hist.len())
            .filter(|&v| !in_scale(v))
            .filter_map(|v| hist.get(v))
            .sum();
        if invalid > 0 && self.config.on_invalid == OnInvalid::Error {
            let (i, bad) = scores
                .iter()
                .enumerate()
                .find(|&(_, &s)| !in_scale(usize::from(s)))
                .map(|(i, &s)| (i, s))
                .unwrap_or_default();
            return Err(Error::new(
                ErrorCode::ScoreOutOfRange,
                format!(
                    "scores[{i}]: {bad} is outside the {} scale",
                    self.config.scale.describe()
                ),
            )
            .with_field(format!("scores[{i}]"))
            .with_index(i));
        }
        for (value, &count) in hist.iter().enumerate() {
            if in_scale(value)
                && let Some(c) = self.overall.get_mut((value as i32 - lo) as usize)
            {
                *c += count;
            }
        }
        if invalid > 0 {
            *self.rejected.entry(ErrorCode::ScoreOutOfRange).or_insert(0) += invalid;
        }
        Ok(())
    }

    /// Adds another accumulator's counts. Both must count the same kind on the same scale with
    /// the same grouping; the reporting options (interval, confidence, satisfied) of `self` are
    /// kept.
    pub fn merge(&mut self, other: &SurveyAccumulator) -> Result<()> {
        let time_grouped = matches!(
            self.config.group_by,
            Some(GroupBy::Day | GroupBy::Week | GroupBy::Month)
        );
        let same = self.kind == other.kind
            && self.config.scale == other.config.scale
            && self.config.group_by == other.config.group_by
            && (!time_grouped || self.config.offset == other.config.offset);
        if !same {
            return Err(Error::new(
                ErrorCode::IncompatibleState,
                format!(
                    "cannot merge {} on {} grouped by {} with {} on {} grouped by {}",
                    self.kind.as_str(),
                    self.config.scale.describe(),
                    self.config
                        .group_by
                        .map(GroupBy::as_str)
                        .unwrap_or("nothing"),
                    other.kind.as_str(),
                    other.config.scale.describe(),
                    other
                        .config
                        .group_by
                        .map(GroupBy::as_str)
                        .unwrap_or("nothing"),
                ),
            ));
        }
        add_counts(&mut self.overall, &other.overall);
        for (key, counts) in &other.groups {
            let points = self.overall.len();
            add_counts(
                self.groups
                    .entry(key.clone())
                    .or_insert_with(|| vec![0; points]),
                counts,
            );
        }
        for (code, n) in &other.rejected {
            let e = self.rejected.entry(*code).or_insert(0);
            *e = e.saturating_add(*n);
        }
        Ok(())
    }

    /// The serialisable state.
    pub fn state(&self) -> SurveyState {
        SurveyState {
            format: STATE_FORMAT.to_string(),
            kind: self.kind,
            options: self.options.clone(),
            counts: self.overall.clone(),
            groups: self
                .groups
                .iter()
                .map(|(key, counts)| GroupState {
                    key: key.clone(),
                    counts: counts.clone(),
                })
                .collect(),
            rejected: self.rejected.clone(),
        }
    }

    /// Rebuilds an accumulator from its state, checking it.
    pub fn from_state(state: &SurveyState) -> Result<Self> {
        if state.format != STATE_FORMAT {
            return Err(Error::new(
                ErrorCode::InvalidState,
                format!(
                    "state format \"{}\" is not \"{STATE_FORMAT}\"",
                    state.format
                ),
            )
            .with_field("format"));
        }
        let mut acc = SurveyAccumulator::new(state.kind, &state.options)?;
        let points = acc.overall.len();
        let check = |counts: &[u64], field: String| {
            if counts.len() == points {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorCode::InvalidState,
                    format!(
                        "{field} has {} counts but the {} scale has {points} points",
                        counts.len(),
                        acc.config.scale.describe()
                    ),
                )
                .with_field(field))
            }
        };
        check(&state.counts, "counts".to_string())?;
        if acc.config.group_by.is_none() && !state.groups.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidState,
                "groups are present but options.groupBy is not set",
            )
            .with_field("groups"));
        }
        for (i, g) in state.groups.iter().enumerate() {
            check(&g.counts, format!("groups[{i}].counts"))?;
            if acc.groups.insert(g.key.clone(), g.counts.clone()).is_some() {
                return Err(Error::new(
                    ErrorCode::InvalidState,
                    format!("groups[{i}]: the key {:?} appears twice", g.key),
                )
                .with_field(format!("groups[{i}].key"))
                .with_index(i));
            }
        }
        acc.overall = state.counts.clone();
        acc.rejected = state.rejected.clone();
        Ok(acc)
    }

    fn rejected(&self) -> Rejected {
        Rejected {
            total: self.rejected.values().sum(),
            by_reason: self.rejected.clone(),
        }
    }

    fn distribution(&self, counts: &[u64]) -> Distribution {
        Distribution(
            counts
                .iter()
                .enumerate()
                .map(|(i, &c)| (self.config.scale.point_name(i), c))
                .collect(),
        )
    }

    fn empty_error(&self) -> Error {
        let rejected = self.rejected();
        let detail = if rejected.total == 0 {
            String::new()
        } else {
            let reasons: Vec<String> = rejected
                .by_reason
                .iter()
                .map(|(code, n)| format!("{n} {code}"))
                .collect();
            format!(" ({} rejected: {})", rejected.total, reasons.join(", "))
        };
        Error::new(
            ErrorCode::EmptyInput,
            format!("no valid {} answers to score{detail}", self.kind.label()),
        )
        .with_field("responses")
    }

    fn report<R>(&self, one: impl Fn(&[u64], Option<Rejected>) -> Result<R>) -> Result<Report<R>> {
        if self.count() == 0 {
            return Err(self.empty_error());
        }
        let overall = one(&self.overall, Some(self.rejected()))?;
        let groups = match self.config.group_by {
            None => None,
            Some(_) => {
                // BTreeMap orders None first; rows without the attribute go last.
                let mut rows = Vec::with_capacity(self.groups.len());
                let mut none = None;
                for (key, counts) in &self.groups {
                    if counts.iter().sum::<u64>() == 0 {
                        continue;
                    }
                    let row = Group {
                        key: key.clone(),
                        result: one(counts, None)?,
                    };
                    if key.is_none() {
                        none = Some(row);
                    } else {
                        rows.push(row);
                    }
                }
                rows.extend(none);
                Some(rows)
            }
        };
        Ok(Report { overall, groups })
    }

    fn csat_one(&self, counts: &[u64], rejected: Option<Rejected>) -> Result<CsatResult> {
        let n: u64 = counts.iter().sum();
        let satisfied: u64 = counts
            .iter()
            .zip(&self.config.satisfied)
            .filter(|(_, s)| **s)
            .map(|(c, _)| *c)
            .sum();
        let ci =
            stats::proportion_interval(satisfied, n, self.config.confidence, self.config.interval)?;
        Ok(CsatResult {
            score: 100.0 * satisfied as f64 / n as f64,
            satisfied,
            n,
            rejected,
            distribution: self.distribution(counts),
            ci: ci.scaled(100.0),
        })
    }

    fn nps_one(&self, counts: &[u64], rejected: Option<Rejected>) -> Result<NpsResult> {
        let n: u64 = counts.iter().sum();
        let range = |r: std::ops::RangeInclusive<usize>| -> u64 {
            counts.get(r).map(|s| s.iter().sum()).unwrap_or(0)
        };
        let (detractors, passives, promoters) = (range(0..=6), range(7..=8), range(9..=10));
        let (score, moe, ci) = stats::nps_interval(
            promoters,
            detractors,
            n,
            self.config.confidence,
            self.config.interval,
        )?;
        let pct = |x: u64| 100.0 * x as f64 / n as f64;
        Ok(NpsResult {
            score: 100.0 * score,
            promoters,
            passives,
            detractors,
            percent_promoters: pct(promoters),
            percent_passives: pct(passives),
            percent_detractors: pct(detractors),
            n,
            margin_of_error: 100.0 * moe,
            ci: ci.scaled(100.0),
            rejected,
            distribution: self.distribution(counts),
        })
    }

    fn ces_one(&self, counts: &[u64], rejected: Option<Rejected>) -> Result<CesResult> {
        let (lo, _) = self.config.scale.bounds();
        let n: u64 = counts.iter().sum();
        let nf = n as f64;
        let values = || {
            counts
                .iter()
                .enumerate()
                .map(move |(i, &c)| ((lo + i as i32) as f64, c as f64))
        };
        let mean = values().map(|(v, c)| v * c).sum::<f64>() / nf;
        let ss: f64 = values().map(|(v, c)| c * (v - mean) * (v - mean)).sum();
        let sd = if n > 1 { (ss / (nf - 1.0)).sqrt() } else { 0.0 };
        let easy: u64 = values()
            .filter(|(v, _)| {
                if self.config.version == 1 {
                    *v <= 2.0
                } else {
                    *v >= 5.0
                }
            })
            .map(|(_, c)| c as u64)
            .sum();
        Ok(CesResult {
            version: self.config.version,
            mean,
            standard_deviation: sd,
            ci: stats::mean_interval(mean, sd, n, self.config.confidence)?,
            percent_easy: 100.0 * easy as f64 / nf,
            n,
            rejected,
            distribution: self.distribution(counts),
        })
    }

    /// CSAT result. Fails with `empty_input` when there is no valid answer, and with
    /// `kind_mismatch` if this accumulator is not counting CSAT.
    pub fn finish_csat(&self) -> Result<Report<CsatResult>> {
        self.expect_kind(SurveyKind::Csat)?;
        self.report(|c, r| self.csat_one(c, r))
    }

    /// NPS result (see [`finish_csat`](Self::finish_csat) for the errors).
    pub fn finish_nps(&self) -> Result<Report<NpsResult>> {
        self.expect_kind(SurveyKind::Nps)?;
        self.report(|c, r| self.nps_one(c, r))
    }

    /// CES result (see [`finish_csat`](Self::finish_csat) for the errors).
    pub fn finish_ces(&self) -> Result<Report<CesResult>> {
        self.expect_kind(SurveyKind::Ces)?;
        self.report(|c, r| self.ces_one(c, r))
    }

    /// The result for this accumulator's kind.
    pub fn finish(&self) -> Result<SurveyReport> {
        Ok(match self.kind {
            SurveyKind::Csat => SurveyReport::Csat(self.finish_csat()?),
            SurveyKind::Nps => SurveyReport::Nps(self.finish_nps()?),
            SurveyKind::Ces => SurveyReport::Ces(self.finish_ces()?),
        })
    }

    fn expect_kind(&self, kind: SurveyKind) -> Result<()> {
        if self.kind == kind {
            Ok(())
        } else {
            Err(Error::new(
                ErrorCode::KindMismatch,
                format!(
                    "this accumulator counts {}, not {}",
                    self.kind.as_str(),
                    kind.as_str()
                ),
            ))
        }
    }
}

/// Count of each byte value, with four interleaved tables so that runs of equal bytes do not
/// serialise on one counter.
pub fn histogram(bytes: &[u8]) -> [u64; 256] {
    #[inline(always)]
    fn bump(table: &mut [u32; 256], byte: u8) {
        // A u8 always indexes a 256-entry table: the check compiles away.
        if let Some(c) = table.get_mut(usize::from(byte)) {
            *c += 1;
        }
    }
    let [mut t0, mut t1, mut t2, mut t3] = [[0u32; 256]; 4];
    let mut out = [0u64; 256];
    // u32 counters cannot overflow within a block of 2^30 bytes.
    for block in bytes.chunks(1 << 30) {
        let mut quads = block.chunks_exact(4);
        for q in &mut quads {
            if let [a, b, c, d] = *q {
                bump(&mut t0, a);
                bump(&mut t1, b);
                bump(&mut t2, c);
                bump(&mut t3, d);
            }
        }
        for &b in quads.remainder() {
            bump(&mut t0, b);
        }
        for table in [&mut t0, &mut t1, &mut t2, &mut t3] {
            for (o, c) in out.iter_mut().zip(table.iter_mut()) {
                *o += u64::from(*c);
                *c = 0;
            }
        }
    }
    out
}
