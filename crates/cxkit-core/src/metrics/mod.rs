//! Live metrics over every record kind at once: the accumulator behind the edge's per-tenant,
//! per-day Durable Objects and the browser dashboard.
//!
//! A [`MetricsAccumulator`] takes cxkit records as they arrive — [`Contact`]s (partial ones merge
//! by `platform` + `id`), [`SurveyResponse`]s (CSAT, NPS, CES, routed by `kind`) and
//! [`Transcript`]s (scored with the built-in lexicons) — and answers every dashboard metric for
//! any breakdown chosen when reading: CSAT, NPS, CES, operations KPIs, customer effort and
//! transcript sentiment, overall, by `queue`, `agentId` or `channel`, and as a daily series.
//!
//! **Idempotency.** Every record has a key ([`record_key`]): `survey:<kind>:<id>` for an answer
//! with an id, otherwise a SHA-256 of the record's canonical JSON (`contact:…`, `survey:…`,
//! `transcript:…`). A record whose key was already pushed is a duplicate and changes nothing,
//! so a platform's retried delivery never counts twice.
//!
//! **State** (format [`STATE_FORMAT`]): the options, the keys seen, the survey counts (one
//! [`SurveyState`] per kind and breakdown), the contacts (an [`EffortState`]: the operations
//! KPIs and the effort indicators are computed from the merged contacts when reading, because a
//! partial contact must replace, not add to, what was counted) and the sentiment tallies per day
//! ([`SentimentAccumulator`]). [`MetricsAccumulator::merge`] combines the states of two days or
//! two objects: contacts merge by key, counts add, and states that both counted one survey answer
//! or transcript are refused (`incompatible_state`), so a merge can never count a record twice.
//! `finish(merge(a, b)) == finish(batch(a ∪ b))`.
//!
//! ```
//! use cxkit_core::metrics::{MetricsAccumulator, MetricsOptions, MetricsQuery, Records};
//! let records: Records = serde_json::from_str(r#"{
//!   "contacts": [{"id": "c1", "channel": "voice", "queue": "billing", "queueWaitS": 12,
//!                 "talkS": 300, "answeredAt": "2026-11-23T09:00:12Z"}],
//!   "surveys": [{"id": "s1", "kind": "nps", "value": 10, "respondedAt": "2026-11-23T09:10:00Z",
//!                "queue": "billing"},
//!               {"id": "s2", "kind": "nps", "value": 3, "respondedAt": "2026-11-23T10:00:00Z"}]
//! }"#).unwrap();
//! let mut day = MetricsAccumulator::new(&MetricsOptions::default()).unwrap();
//! let first = day.push_records(&records, None);
//! let retry = day.push_records(&records, None);
//! assert_eq!((first.added.surveys, retry.duplicates.surveys), (2, 2));
//! let report = day.finish(&MetricsQuery::default()).unwrap();
//! assert_eq!(report.nps.unwrap().overall.score, 0.0); // 1 promoter, 1 detractor
//! assert_eq!(report.kpis.unwrap().overall.aht, Some(300.0));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::calendar::{self, Bucket};
use crate::effort::{EffortAccumulator, EffortOptions, EffortReport, EffortState};
use crate::error::{Error, ErrorCode, Result};
use crate::kpi::{KpiAccumulator, KpiDimension, KpiOptions, KpiReport};
use crate::model::{Contact, Transcript};
use crate::sentiment::{
    Lexicon, SentimentAccumulator, SentimentOptions, SentimentSummary, TranscriptScore,
};
use crate::survey::{
    CesResult, CsatResult, GroupBy, NpsResult, OnInvalid, Report, SurveyAccumulator, SurveyInput,
    SurveyKind, SurveyOptions, SurveyResponse, SurveyState,
};

/// Identifier of the serialised state format. Bumped on any incompatible change.
pub const STATE_FORMAT: &str = "cxkit.metrics.v1";

/// Day label of records that carry no time (transcripts pushed without `at`).
pub const NO_DAY: &str = "none";

/// Options of a [`MetricsAccumulator`]: the options of each metric (as their own functions
/// take them) and the calendar. Breakdowns are chosen when reading ([`MetricsQuery`]), so the
/// survey and KPI options may not set `groupBy`, `utcOffsetMinutes` or `onInvalid`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricsOptions {
    /// CSAT options (scale, satisfied boxes, interval …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat: Option<SurveyOptions>,
    /// NPS options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<SurveyOptions>,
    /// CES options (version, scale …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ces: Option<SurveyOptions>,
    /// Operations KPI options (service-level threshold and denominator, AHT parts …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpis: Option<KpiOptions>,
    /// Customer-effort options (repeat window …); its answer lists come from the survey records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<EffortOptions>,
    /// Sentiment options (language, trend thresholds …) for scoring transcripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<SentimentOptions>,
    /// Offset of the reporting calendar from UTC in minutes (−1439..1439), for the days of the
    /// series and of [`MetricsAccumulator::day_of`]. Default 0 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
}

/// A batch of cxkit records, as `POST /v1/ingest` and the webhooks deliver them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Records {
    /// Contacts (partial ones merge by `platform` + `id`).
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Survey answers; each needs `kind`.
    #[serde(default)]
    pub surveys: Vec<SurveyResponse>,
    /// Transcripts.
    #[serde(default)]
    pub transcripts: Vec<Transcript>,
}

impl Records {
    /// Whether the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty() && self.surveys.is_empty() && self.transcripts.is_empty()
    }
}

/// Options of one push: when the batch arrived (the day of its transcripts and of records
/// without a time of their own).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushOptions {
    /// RFC 3339 time of arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

/// Numbers of records per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordCounts {
    /// Contact records.
    pub contacts: u64,
    /// Survey answers.
    pub surveys: u64,
    /// Transcripts.
    pub transcripts: u64,
}

/// A record left out of a push, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectedRecord {
    /// `contacts`, `surveys` or `transcripts`.
    pub list: String,
    /// Position in that list.
    pub index: usize,
    /// The error code.
    pub code: ErrorCode,
    /// The error message (names the field).
    pub message: String,
}

/// What [`MetricsAccumulator::push_records`] did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushSummary {
    /// New records counted.
    pub added: RecordCounts,
    /// Records already counted (same key): ignored.
    pub duplicates: RecordCounts,
    /// Invalid records, left out.
    pub rejected: Vec<RejectedRecord>,
    /// The keys of the records counted, in order (to persist alongside the state).
    pub keys: Vec<String>,
    /// The contacts changed by this push, as now merged (to persist by `platform` + `id`).
    pub contacts: Vec<Contact>,
}

/// The metrics [`MetricsAccumulator::finish`] can report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MetricName {
    /// Customer satisfaction.
    Csat,
    /// Net promoter score.
    Nps,
    /// Customer effort score.
    Ces,
    /// Operations KPIs.
    Kpis,
    /// Customer-effort indicators.
    Effort,
    /// Transcript sentiment.
    Sentiment,
}

impl MetricName {
    /// Every metric, in report order.
    pub const ALL: [MetricName; 6] = [
        MetricName::Csat,
        MetricName::Nps,
        MetricName::Ces,
        MetricName::Kpis,
        MetricName::Effort,
        MetricName::Sentiment,
    ];
}

/// A breakdown of [`MetricsQuery::group_by`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    /// By `queue`.
    Queue,
    /// By `agentId`.
    AgentId,
    /// By `channel`.
    Channel,
}

impl Dimension {
    fn kpi(self) -> KpiDimension {
        match self {
            Dimension::Queue => KpiDimension::Queue,
            Dimension::AgentId => KpiDimension::AgentId,
            Dimension::Channel => KpiDimension::Channel,
        }
    }
}

/// What to report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricsQuery {
    /// The metrics to report; default all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Vec<MetricName>>,
    /// A breakdown for CSAT, NPS, CES and the KPIs (sentiment and effort are reported overall).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<Dimension>,
    /// Whether to include the daily series; default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<bool>,
}

/// One day of [`MetricsReport::series`]: the headline numbers of the day (`null` when the day
/// has nothing to compute them from).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DayPoint {
    /// The day (`2026-11-23`) on the reporting calendar.
    pub day: String,
    /// CSAT score (%).
    pub csat: Option<f64>,
    /// CSAT answers.
    pub csat_n: u64,
    /// NPS (−100..100).
    pub nps: Option<f64>,
    /// NPS answers.
    pub nps_n: u64,
    /// Mean CES.
    pub ces: Option<f64>,
    /// CES answers.
    pub ces_n: u64,
    /// Contacts that started that day.
    pub contacts: u64,
    /// Service level (0..1).
    pub service_level: Option<f64>,
    /// Abandonment rate (0..1).
    pub abandonment_rate: Option<f64>,
    /// Average handle time (s).
    pub aht: Option<f64>,
    /// Mean overall customer sentiment of the day's transcripts (−100..100).
    pub sentiment: Option<f64>,
    /// Transcripts.
    pub transcripts: u64,
}

/// The merged metrics: each is `null` when not asked for or when there is nothing to compute it
/// from (no answers of that kind, no contacts, no transcripts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsReport {
    /// Records counted.
    pub records: RecordCounts,
    /// CSAT, with `groups` when grouped.
    pub csat: Option<Report<CsatResult>>,
    /// NPS, with `groups` when grouped.
    pub nps: Option<Report<NpsResult>>,
    /// CES, with `groups` when grouped.
    pub ces: Option<Report<CesResult>>,
    /// Operations KPIs over the merged contacts, with `groups` when grouped.
    pub kpis: Option<KpiReport>,
    /// Customer-effort indicators over the merged contacts and the CES/FCR answers.
    pub effort: Option<EffortReport>,
    /// Transcript sentiment.
    pub sentiment: Option<SentimentSummary>,
    /// One point per day with records, in order (empty with `series: false`).
    pub series: Vec<DayPoint>,
}

/// The counts of one survey kind, in a [`MetricsState`]: one state per breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SurveyTallyState {
    /// Grouped by queue (its `counts` are the overall counts).
    pub queue: SurveyState,
    /// Grouped by agent.
    pub agent_id: SurveyState,
    /// Grouped by channel.
    pub channel: SurveyState,
    /// Grouped by day of `respondedAt` (answers without it are not in this one).
    pub day: SurveyState,
}

/// The serialisable state of a [`MetricsAccumulator`] (format [`STATE_FORMAT`]):
///
/// ```json
/// {"format": "cxkit.metrics.v1", "options": {},
///  "keys": ["contact:9f…", "survey:nps:s1"],
///  "csat": {"queue": {"format": "cxkit.survey.v1", "kind": "csat", …}, "agentId": …,
///           "channel": …, "day": …},
///  "nps": …, "ces": …,
///  "effort": {"format": "cxkit.effort.v1", "contacts": […], "cesAnswers": […], …},
///  "sentiment": {"2026-11-23": {"format": "cxkit.sentiment.v1", "transcripts": 3, …}},
///  "rejected": {"missing_field": 1}}
/// ```
/// Every member is the documented state of the metric's own accumulator, so any engine can merge
/// exported states with the npm package's `MetricsAccumulator.fromState(…).merge(…)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricsState {
    /// Always [`STATE_FORMAT`].
    pub format: String,
    /// The options.
    pub options: MetricsOptions,
    /// The keys of every record counted, sorted.
    pub keys: Vec<String>,
    /// CSAT counts.
    pub csat: SurveyTallyState,
    /// NPS counts.
    pub nps: SurveyTallyState,
    /// CES counts.
    pub ces: SurveyTallyState,
    /// The merged contacts and the CES/FCR answers joined to them.
    pub effort: EffortState,
    /// Sentiment tallies by day (`none`: transcripts pushed without a time).
    pub sentiment: BTreeMap<String, SentimentAccumulator>,
    /// Records left out, per error code.
    #[serde(default)]
    pub rejected: BTreeMap<ErrorCode, u64>,
}

/// The four accumulators of one survey kind: by queue, agent, channel and day.
#[derive(Debug, Clone, PartialEq)]
struct SurveyTally {
    queue: SurveyAccumulator,
    agent_id: SurveyAccumulator,
    channel: SurveyAccumulator,
    day: SurveyAccumulator,
}

impl SurveyTally {
    fn new(kind: SurveyKind, options: &SurveyOptions, offset: i32) -> Result<Self> {
        let with = |g: GroupBy| {
            SurveyAccumulator::new(
                kind,
                &SurveyOptions {
                    group_by: Some(g),
                    utc_offset_minutes: Some(offset),
                    on_invalid: Some(OnInvalid::Error),
                    ..options.clone()
                },
            )
        };
        Ok(SurveyTally {
            queue: with(GroupBy::Queue)?,
            agent_id: with(GroupBy::AgentId)?,
            channel: with(GroupBy::Channel)?,
            day: with(GroupBy::Day)?,
        })
    }

    fn parts_mut(&mut self) -> [&mut SurveyAccumulator; 4] {
        [
            &mut self.queue,
            &mut self.agent_id,
            &mut self.channel,
            &mut self.day,
        ]
    }

    /// Counts one answer; the queue accumulator validates it first, so nothing is counted
    /// anywhere when it is invalid.
    fn push(&mut self, r: &SurveyResponse, index: usize) -> Result<()> {
        let input = SurveyInput::Response(Box::new(r.clone()));
        self.queue.push(&input, Some(index))?;
        self.agent_id.push(&input, Some(index))?;
        self.channel.push(&input, Some(index))?;
        if r.responded_at.is_some() {
            self.day.push(&input, Some(index))?;
        }
        Ok(())
    }

    fn merge(&mut self, other: &SurveyTally) -> Result<()> {
        self.queue.merge(&other.queue)?;
        self.agent_id.merge(&other.agent_id)?;
        self.channel.merge(&other.channel)?;
        self.day.merge(&other.day)
    }

    fn state(&self) -> SurveyTallyState {
        SurveyTallyState {
            queue: self.queue.state(),
            agent_id: self.agent_id.state(),
            channel: self.channel.state(),
            day: self.day.state(),
        }
    }

    fn from_state(empty: SurveyTally, s: &SurveyTallyState, field: &str) -> Result<Self> {
        let mut t = empty;
        let parts = [&s.queue, &s.agent_id, &s.channel, &s.day];
        for (mine, theirs) in t.parts_mut().into_iter().zip(parts) {
            let read = SurveyAccumulator::from_state(theirs).map_err(|e| prefixed(e, field))?;
            // the stored options must be the ones this accumulator derives from its own options
            if read.options() != mine.options() || read.kind() != mine.kind() {
                return Err(Error::new(
                    ErrorCode::InvalidState,
                    format!("{field}: the survey state's kind or options differ from the accumulator's options"),
                )
                .with_field(field.to_string()));
            }
            *mine = read;
        }
        Ok(t)
    }

    fn by(&self, d: Option<Dimension>) -> &SurveyAccumulator {
        match d {
            None | Some(Dimension::Queue) => &self.queue,
            Some(Dimension::AgentId) => &self.agent_id,
            Some(Dimension::Channel) => &self.channel,
        }
    }

    /// The accumulator for a breakdown, `None` without answers.
    fn answered_by(&self, d: Option<Dimension>) -> Option<&SurveyAccumulator> {
        (self.answers() > 0).then(|| self.by(d))
    }

    fn answers(&self) -> u64 {
        self.queue.state().counts.iter().sum()
    }
}

/// Every dashboard metric over a stream of records, with idempotent pushes, a serialisable
/// state and an exact merge. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct MetricsAccumulator {
    options: MetricsOptions,
    offset: FixedOffset,
    keys: BTreeSet<String>,
    csat: SurveyTally,
    nps: SurveyTally,
    ces: SurveyTally,
    effort: EffortAccumulator,
    sentiment: BTreeMap<String, SentimentAccumulator>,
    rejected: BTreeMap<ErrorCode, u64>,
}

fn forbid_set(set: bool, field: &str) -> Result<()> {
    if set {
        Err(Error::new(
            ErrorCode::InvalidOption,
            format!("options.{field} is chosen when reading (MetricsQuery / the calendar option), not per metric"),
        )
        .with_field(format!("options.{field}")))
    } else {
        Ok(())
    }
}

/// `e` with its field under `prefix` (`effort.contacts[2]`).
fn prefixed(e: Error, prefix: &str) -> Error {
    let field = match &e.field {
        Some(f) => format!("{prefix}.{f}"),
        None => prefix.to_string(),
    };
    e.with_field(field)
}

fn ungroup<R>(mut r: Report<R>, grouped: bool) -> Report<R> {
    if !grouped {
        r.groups = None;
    }
    r
}

fn day_point<'a>(days: &'a mut BTreeMap<String, DayPoint>, d: &str) -> &'a mut DayPoint {
    days.entry(d.to_string()).or_insert_with(|| DayPoint {
        day: d.to_string(),
        csat: None,
        csat_n: 0,
        nps: None,
        nps_n: 0,
        ces: None,
        ces_n: 0,
        contacts: 0,
        service_level: None,
        abandonment_rate: None,
        aht: None,
        sentiment: None,
        transcripts: 0,
    })
}

fn hash_key(prefix: &str, value: &impl Serialize) -> String {
    // Serialising a record the accumulator has already parsed cannot fail (no maps with
    // non-string keys); an empty text would still give a stable key.
    let json = serde_json::to_vec(value).unwrap_or_default();
    let digest = Sha256::digest(&json);
    let mut out = String::with_capacity(prefix.len() + 33);
    out.push_str(prefix);
    out.push(':');
    for b in digest.iter().take(16) {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The idempotency key of a contact: SHA-256 (first 128 bits, hex) of its canonical JSON.
pub fn contact_key(c: &Contact) -> String {
    hash_key("contact", c)
}

/// The idempotency key of a survey answer: `survey:<kind>:<id>` when it has an id (a platform
/// resending an answer sends the same id), else a hash of its canonical JSON.
pub fn survey_key(r: &SurveyResponse) -> String {
    match (&r.kind, &r.id) {
        (Some(k), Some(id)) if !id.is_empty() => format!("survey:{}:{id}", k.as_str()),
        _ => hash_key("survey", r),
    }
}

/// The idempotency key of a transcript: a hash of its canonical JSON.
pub fn transcript_key(t: &Transcript) -> String {
    hash_key("transcript", t)
}

/// The key of any record (see the module documentation).
pub fn record_key(list: RecordList<'_>) -> String {
    match list {
        RecordList::Contact(c) => contact_key(c),
        RecordList::Survey(r) => survey_key(r),
        RecordList::Transcript(t) => transcript_key(t),
    }
}

/// One record of any kind, for [`record_key`].
#[derive(Debug, Clone, Copy)]
pub enum RecordList<'a> {
    /// A contact.
    Contact(&'a Contact),
    /// A survey answer.
    Survey(&'a SurveyResponse),
    /// A transcript.
    Transcript(&'a Transcript),
}

fn offset_of(minutes: Option<i32>) -> Result<FixedOffset> {
    let m = minutes.unwrap_or(0);
    (-1439..=1439)
        .contains(&m)
        .then(|| FixedOffset::east_opt(m * 60))
        .flatten()
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidOption,
                format!("options.utcOffsetMinutes {m} is not within −1439..1439"),
            )
            .with_field("options.utcOffsetMinutes")
        })
}

impl MetricsAccumulator {
    /// A new, empty accumulator. Fails with `invalid_option` naming the option.
    pub fn new(options: &MetricsOptions) -> Result<Self> {
        let offset = offset_of(options.utc_offset_minutes)?;
        let minutes = options.utc_offset_minutes.unwrap_or(0);
        for (name, o) in [
            ("csat", &options.csat),
            ("nps", &options.nps),
            ("ces", &options.ces),
        ] {
            if let Some(o) = o {
                forbid_set(o.group_by.is_some(), &format!("{name}.groupBy"))?;
                forbid_set(
                    o.utc_offset_minutes.is_some(),
                    &format!("{name}.utcOffsetMinutes"),
                )?;
                forbid_set(o.on_invalid.is_some(), &format!("{name}.onInvalid"))?;
            }
        }
        if let Some(k) = &options.kpis {
            forbid_set(k.group_by.is_some(), "kpis.groupBy")?;
            forbid_set(k.utc_offset_minutes.is_some(), "kpis.utcOffsetMinutes")?;
            forbid_set(k.on_invalid.is_some(), "kpis.onInvalid")?;
            KpiAccumulator::new(k)?;
        }
        if let Some(e) = &options.effort {
            forbid_set(e.ces_answers.is_some(), "effort.cesAnswers")?;
            forbid_set(e.fcr_answers.is_some(), "effort.fcrAnswers")?;
            forbid_set(e.on_invalid.is_some(), "effort.onInvalid")?;
        }
        if let Some(s) = &options.sentiment {
            crate::sentiment::check_options(s)?;
        }
        let survey = |kind, o: &Option<SurveyOptions>| {
            SurveyTally::new(kind, &o.clone().unwrap_or_default(), minutes)
        };
        Ok(MetricsAccumulator {
            offset,
            keys: BTreeSet::new(),
            csat: survey(SurveyKind::Csat, &options.csat)?,
            nps: survey(SurveyKind::Nps, &options.nps)?,
            ces: survey(SurveyKind::Ces, &options.ces)?,
            effort: EffortAccumulator::new(&options.effort.clone().unwrap_or_default())?,
            sentiment: BTreeMap::new(),
            rejected: BTreeMap::new(),
            options: options.clone(),
        })
    }

    /// The options.
    pub fn options(&self) -> &MetricsOptions {
        &self.options
    }

    /// The reporting day (`2026-11-23`) of a time, on the calendar of the options.
    pub fn day_of(&self, at: DateTime<Utc>) -> String {
        calendar::label(at, Bucket::Day, self.offset)
    }

    /// The day a record belongs to: a contact's first timestamp, an answer's `respondedAt`;
    /// `at` (the time it arrived) for a transcript or a record without a time; `None` when
    /// neither exists. The edge keeps one object per tenant and day and routes by this.
    pub fn record_day(&self, record: RecordList<'_>, at: Option<DateTime<Utc>>) -> Option<String> {
        let own = match record {
            RecordList::Contact(c) => c.first_at(),
            RecordList::Survey(r) => r.responded_at,
            RecordList::Transcript(_) => None,
        };
        own.or(at).map(|t| self.day_of(t))
    }

    /// Splits a batch by [`record_day`](Self::record_day) (records without a day under
    /// [`NO_DAY`]), keeping the order of each list.
    pub fn split_by_day(
        &self,
        records: &Records,
        at: Option<DateTime<Utc>>,
    ) -> BTreeMap<String, Records> {
        let mut out: BTreeMap<String, Records> = BTreeMap::new();
        let day = |d: Option<String>| d.unwrap_or_else(|| NO_DAY.to_string());
        for c in &records.contacts {
            let d = day(self.record_day(RecordList::Contact(c), at));
            out.entry(d).or_default().contacts.push(c.clone());
        }
        for r in &records.surveys {
            let d = day(self.record_day(RecordList::Survey(r), at));
            out.entry(d).or_default().surveys.push(r.clone());
        }
        for t in &records.transcripts {
            let d = day(self.record_day(RecordList::Transcript(t), at));
            out.entry(d).or_default().transcripts.push(t.clone());
        }
        out
    }

    /// Whether a record with this key was counted.
    pub fn has_key(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    fn reject(&mut self, summary: &mut PushSummary, list: &str, index: usize, e: Error) {
        let n = self.rejected.entry(e.code).or_insert(0);
        *n = n.saturating_add(1);
        summary.rejected.push(RejectedRecord {
            list: list.to_string(),
            index,
            code: e.code,
            message: e.message,
        });
    }

    /// Pushes a batch: contacts, then answers, then transcripts (`at`: when the batch arrived,
    /// the day of its transcripts). Duplicates are skipped; invalid records are left out and
    /// reported (counted in the state's `rejected`), never half counted.
    pub fn push_records(&mut self, records: &Records, at: Option<DateTime<Utc>>) -> PushSummary {
        let mut s = PushSummary::default();
        let mut changed: BTreeSet<(Option<String>, String)> = BTreeSet::new();
        for (i, c) in records.contacts.iter().enumerate() {
            let key = contact_key(c);
            if self.keys.contains(&key) {
                s.duplicates.contacts += 1;
                continue;
            }
            match self.effort.push(c, i) {
                Ok(()) => {
                    s.added.contacts += 1;
                    changed.insert((c.platform.clone(), c.id.clone()));
                    self.keys.insert(key.clone());
                    s.keys.push(key);
                }
                Err(e) => self.reject(&mut s, "contacts", i, e),
            }
        }
        for (i, r) in records.surveys.iter().enumerate() {
            let key = survey_key(r);
            if self.keys.contains(&key) {
                s.duplicates.surveys += 1;
                continue;
            }
            match self.push_survey(r, i) {
                Ok(()) => {
                    s.added.surveys += 1;
                    self.keys.insert(key.clone());
                    s.keys.push(key);
                }
                Err(e) => self.reject(&mut s, "surveys", i, e),
            }
        }
        for (i, t) in records.transcripts.iter().enumerate() {
            let key = transcript_key(t);
            if self.keys.contains(&key) {
                s.duplicates.transcripts += 1;
                continue;
            }
            match self.score(t) {
                Ok(score) => {
                    let day = at.map_or_else(|| NO_DAY.to_string(), |t| self.day_of(t));
                    self.sentiment.entry(day).or_default().push(&score);
                    s.added.transcripts += 1;
                    self.keys.insert(key.clone());
                    s.keys.push(key);
                }
                Err(e) => self.reject(&mut s, "transcripts", i, e),
            }
        }
        s.contacts = changed
            .iter()
            .filter_map(|(p, id)| self.effort.contact(p.as_deref(), id).cloned())
            .collect();
        s
    }

    fn score(&self, t: &Transcript) -> Result<TranscriptScore> {
        let o = self.options.sentiment.clone().unwrap_or_default();
        Lexicon::builtin_ref().score_transcript(t, &o)
    }

    fn push_survey(&mut self, r: &SurveyResponse, index: usize) -> Result<()> {
        let kind = r.kind.ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                format!("surveys[{index}].kind is required (csat, nps or ces)"),
            )
            .with_field(format!("surveys[{index}].kind"))
        })?;
        let rename = |mut e: Error| {
            e.message = e.message.replacen("responses[", "surveys[", 1);
            e.field = e.field.map(|f| f.replacen("responses[", "surveys[", 1));
            e
        };
        match kind {
            SurveyKind::Csat => self.csat.push(r, index).map_err(rename),
            SurveyKind::Nps => self.nps.push(r, index).map_err(rename),
            SurveyKind::Ces => {
                self.ces.push(r, index).map_err(rename)?;
                if r.contact_id.is_some() {
                    self.effort.push_ces(r, index)?;
                }
                Ok(())
            }
        }
    }

    /// Adds another accumulator's records. Both must have the same options; states that both
    /// counted one survey answer or transcript are refused (`incompatible_state`) — contacts may
    /// appear in both (partials merge). Nothing changes when it fails.
    pub fn merge(&mut self, other: &MetricsAccumulator) -> Result<()> {
        if self.options != other.options {
            return Err(Error::new(
                ErrorCode::IncompatibleState,
                "cannot merge metrics accumulators created with different options",
            ));
        }
        if let Some(k) = other
            .keys
            .iter()
            .find(|k| !k.starts_with("contact:") && self.keys.contains(*k))
        {
            return Err(Error::new(
                ErrorCode::IncompatibleState,
                format!("both states counted the record {k}: merging them would count it twice"),
            ));
        }
        let mut next = self.clone();
        next.csat.merge(&other.csat)?;
        next.nps.merge(&other.nps)?;
        next.ces.merge(&other.ces)?;
        next.effort.merge(&other.effort)?;
        for (day, s) in &other.sentiment {
            next.sentiment.entry(day.clone()).or_default().merge(s)?;
        }
        next.keys.extend(other.keys.iter().cloned());
        for (code, n) in &other.rejected {
            let e = next.rejected.entry(*code).or_insert(0);
            *e = e.saturating_add(*n);
        }
        *self = next;
        Ok(())
    }

    /// The serialisable state.
    pub fn state(&self) -> MetricsState {
        MetricsState {
            format: STATE_FORMAT.to_string(),
            options: self.options.clone(),
            keys: self.keys.iter().cloned().collect(),
            csat: self.csat.state(),
            nps: self.nps.state(),
            ces: self.ces.state(),
            effort: self.effort.state(),
            sentiment: self.sentiment.clone(),
            rejected: self.rejected.clone(),
        }
    }

    /// Rebuilds an accumulator from its state, checking every part (`invalid_state` naming it).
    pub fn from_state(state: &MetricsState) -> Result<Self> {
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
        let mut acc = MetricsAccumulator::new(&state.options)?;
        acc.csat = SurveyTally::from_state(acc.csat, &state.csat, "csat")?;
        acc.nps = SurveyTally::from_state(acc.nps, &state.nps, "nps")?;
        acc.ces = SurveyTally::from_state(acc.ces, &state.ces, "ces")?;
        let effort =
            EffortAccumulator::from_state(&state.effort).map_err(|e| prefixed(e, "effort"))?;
        if effort.options() != acc.effort.options() {
            return Err(Error::new(
                ErrorCode::InvalidState,
                "effort: the state's options differ from the accumulator's options",
            )
            .with_field("effort.options"));
        }
        acc.effort = effort;
        for (day, s) in &state.sentiment {
            acc.sentiment.insert(
                day.clone(),
                SentimentAccumulator::from_state(s)
                    .map_err(|e| e.with_field(format!("sentiment.{day}")))?,
            );
        }
        acc.keys = state.keys.iter().cloned().collect();
        acc.rejected = state.rejected.clone();
        Ok(acc)
    }

    /// The state as JSON text (what the edge stores; faster than building a JavaScript object).
    pub fn state_json(&self) -> String {
        // a state is plain data (string keys, finite numbers): serialising it cannot fail
        serde_json::to_string(&self.state()).unwrap_or_default()
    }

    /// Rebuilds an accumulator from [`state_json`](Self::state_json) text (`invalid_state`
    /// naming the line and column of malformed JSON).
    pub fn from_state_json(text: &str) -> Result<Self> {
        let state: MetricsState = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorCode::InvalidState,
                format!("state: {e} (line {}, column {})", e.line(), e.column()),
            )
            .with_field("state")
        })?;
        Self::from_state(&state)
    }

    /// Records counted so far.
    pub fn records(&self) -> RecordCounts {
        RecordCounts {
            contacts: self.effort.contacts().count() as u64,
            surveys: self.csat.answers() + self.nps.answers() + self.ces.answers(),
            transcripts: self.sentiment.values().map(|s| s.transcripts).sum(),
        }
    }

    fn kpi_options(&self, group_by: Vec<KpiDimension>) -> KpiOptions {
        KpiOptions {
            group_by: (!group_by.is_empty()).then_some(group_by),
            utc_offset_minutes: self.options.utc_offset_minutes,
            ..self.options.kpis.clone().unwrap_or_default()
        }
    }

    fn kpis(&self, group_by: Vec<KpiDimension>) -> Result<Option<KpiReport>> {
        let mut k = KpiAccumulator::new(&self.kpi_options(group_by))?;
        let mut any = false;
        for (i, c) in self.effort.contacts().enumerate() {
            k.push(c, i)?;
            any = true;
        }
        if any { k.finish().map(Some) } else { Ok(None) }
    }

    /// The metrics asked for, merged over every record pushed.
    pub fn finish(&self, query: &MetricsQuery) -> Result<MetricsReport> {
        let wanted: BTreeSet<MetricName> = match &query.metrics {
            Some(m) => m.iter().copied().collect(),
            None => MetricName::ALL.into_iter().collect(),
        };
        let on = |m: MetricName| wanted.contains(&m);
        let g = query.group_by;
        let grouped = g.is_some();
        let csat = match self.csat.answered_by(g).filter(|_| on(MetricName::Csat)) {
            Some(a) => Some(ungroup(a.finish_csat()?, grouped)),
            None => None,
        };
        let nps = match self.nps.answered_by(g).filter(|_| on(MetricName::Nps)) {
            Some(a) => Some(ungroup(a.finish_nps()?, grouped)),
            None => None,
        };
        let ces = match self.ces.answered_by(g).filter(|_| on(MetricName::Ces)) {
            Some(a) => Some(ungroup(a.finish_ces()?, grouped)),
            None => None,
        };
        let kpis = if on(MetricName::Kpis) {
            self.kpis(g.map(Dimension::kpi).into_iter().collect())?
        } else {
            None
        };
        let effort = if on(MetricName::Effort) && self.effort.contacts().next().is_some() {
            Some(self.effort.finish()?)
        } else {
            None
        };
        let sentiment = if on(MetricName::Sentiment) && !self.sentiment.is_empty() {
            let mut all = SentimentAccumulator::new();
            for s in self.sentiment.values() {
                all.merge(s)?;
            }
            Some(all.finish())
        } else {
            None
        };
        let series = if query.series.unwrap_or(true) {
            self.series()?
        } else {
            Vec::new()
        };
        Ok(MetricsReport {
            records: self.records(),
            csat,
            nps,
            ces,
            kpis,
            effort,
            sentiment,
            series,
        })
    }

    fn series(&self) -> Result<Vec<DayPoint>> {
        let mut days: BTreeMap<String, DayPoint> = BTreeMap::new();
        if self
            .csat
            .day
            .state()
            .groups
            .iter()
            .any(|g| g.counts.iter().any(|&n| n > 0))
        {
            for row in self.csat.day.finish_csat()?.groups.unwrap_or_default() {
                if let Some(d) = &row.key {
                    let p = day_point(&mut days, d);
                    p.csat = Some(row.result.score);
                    p.csat_n = row.result.n;
                }
            }
        }
        if self
            .nps
            .day
            .state()
            .groups
            .iter()
            .any(|g| g.counts.iter().any(|&n| n > 0))
        {
            for row in self.nps.day.finish_nps()?.groups.unwrap_or_default() {
                if let Some(d) = &row.key {
                    let p = day_point(&mut days, d);
                    p.nps = Some(row.result.score);
                    p.nps_n = row.result.n;
                }
            }
        }
        if self
            .ces
            .day
            .state()
            .groups
            .iter()
            .any(|g| g.counts.iter().any(|&n| n > 0))
        {
            for row in self.ces.day.finish_ces()?.groups.unwrap_or_default() {
                if let Some(d) = &row.key {
                    let p = day_point(&mut days, d);
                    p.ces = Some(row.result.mean);
                    p.ces_n = row.result.n;
                }
            }
        }
        if let Some(k) = self.kpis(vec![KpiDimension::Day])? {
            for row in k.groups.unwrap_or_default() {
                if let Some(Some(d)) = row.key.get("day") {
                    let p = day_point(&mut days, d);
                    p.contacts = row.kpis.contacts;
                    p.service_level = row.kpis.service_level;
                    p.abandonment_rate = row.kpis.abandonment_rate;
                    p.aht = row.kpis.aht;
                }
            }
        }
        for (d, s) in &self.sentiment {
            if d != NO_DAY {
                let sum = s.finish();
                let p = day_point(&mut days, d);
                p.sentiment = sum.overall;
                p.transcripts = sum.transcripts;
            }
        }
        Ok(days.into_values().collect())
    }
}
