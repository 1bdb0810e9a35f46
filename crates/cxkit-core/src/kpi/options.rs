//! Options of the operations KPIs, every one with its default and the convention behind it.

use std::collections::BTreeMap;

use chrono::FixedOffset;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::model::Channel;
use crate::survey::{MAX_UTC_OFFSET_MINUTES, OnInvalid};

/// `<` or `≤` at the service-level threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Comparison {
    /// Answered at exactly the threshold counts as met ("answered within 20 seconds"). Default.
    #[default]
    LessOrEqual,
    /// Only strictly shorter waits count as met.
    Less,
}

/// Denominator of the service level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ServiceLevelBase {
    /// Answered + abandoned (default): Genesys Cloud's service-level formula with its flow-out
    /// switch off, and the textbook "answered within t ÷ (answered + abandoned)".
    #[default]
    AnsweredAbandoned,
    /// Every offered contact: answered + abandoned + flow-outs (Genesys Cloud with "Include
    /// Flowouts in Calculation"; "of contacts queued").
    Offered,
    /// Answered only (abandons ignored).
    Answered,
}

/// Denominator of the abandonment rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AbandonmentBase {
    /// Contacts offered to a queue (default): Amazon Connect's abandonment rate, abandoned ÷
    /// contacts queued.
    #[default]
    Offered,
    /// Answered + abandoned (flow-outs left out).
    AnsweredAbandoned,
}

/// Which contacts the average speed of answer averages over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AsaBase {
    /// Answered contacts (default; Amazon Connect "average queue answer time", Genesys ASA).
    #[default]
    Answered,
    /// Every offered contact with a known wait (answered, abandoned and flow-outs).
    All,
}

/// When a case counts as closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CaseClosedBy {
    /// `endedAt` is present (default).
    #[default]
    Ended,
    /// `resolved` is `true`.
    Resolved,
}

/// A breakdown dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KpiDimension {
    /// `queue`.
    Queue,
    /// `channel`.
    Channel,
    /// `agentId`.
    AgentId,
    /// Interval of `intervalMinutes` within the local day (`2026-11-23T09:30`).
    Interval,
    /// Local calendar day (`2026-11-23`).
    Day,
    /// ISO 8601 week (`2026-W48`).
    Week,
    /// Calendar month (`2026-11`).
    Month,
}

impl KpiDimension {
    /// The camelCase wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            KpiDimension::Queue => "queue",
            KpiDimension::Channel => "channel",
            KpiDimension::AgentId => "agentId",
            KpiDimension::Interval => "interval",
            KpiDimension::Day => "day",
            KpiDimension::Week => "week",
            KpiDimension::Month => "month",
        }
    }

    /// `true` for the time dimensions.
    pub const fn is_time(self) -> bool {
        matches!(
            self,
            KpiDimension::Interval | KpiDimension::Day | KpiDimension::Week | KpiDimension::Month
        )
    }
}

/// Which handle-time components AHT adds up. Default: all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AhtComponents {
    /// Talk time (`talkS`). Default `true`.
    #[serde(default = "yes")]
    pub talk: bool,
    /// Hold time (`holdS`). Default `true`.
    #[serde(default = "yes")]
    pub hold: bool,
    /// After-contact work (`acwS`). Default `true`.
    #[serde(default = "yes")]
    pub acw: bool,
}

fn yes() -> bool {
    true
}

impl Default for AhtComponents {
    fn default() -> Self {
        AhtComponents {
            talk: true,
            hold: true,
            acw: true,
        }
    }
}

impl AhtComponents {
    pub(crate) fn all(self) -> bool {
        self.talk && self.hold && self.acw
    }
}

/// Options of [`kpis`](super::kpis) and [`KpiAccumulator`](super::KpiAccumulator). Every field
/// is optional; the default of each is documented on it, with the vendor convention it follows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiOptions {
    /// Service-level threshold in seconds (≥ 0). Default 20: the 80/20 convention, and the
    /// default objective of a new Genesys Cloud queue (80 % answered in 20 s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_threshold_seconds: Option<f64>,
    /// `lessOrEqual` (default, "answered within") or `less`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_comparison: Option<Comparison>,
    /// `answeredAbandoned` (default), `offered` or `answered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_base: Option<ServiceLevelBase>,
    /// Take short abandons out of the service-level denominator (Genesys Cloud's "Include
    /// Short Abandons" switched off). Default `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level_exclude_short_abandons: Option<bool>,
    /// An abandon after a wait shorter than this many seconds is a short abandon (≥ 0).
    /// Default 5. Vendors leave it to the administrator (Genesys Cloud, Talkdesk and RingCentral
    /// have the setting, without a common default); it matters only when short abandons are
    /// excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_abandon_seconds: Option<f64>,
    /// `offered` (default) or `answeredAbandoned`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandonment_base: Option<AbandonmentBase>,
    /// Leave short abandons out of the abandonment rate (numerator and denominator). Default
    /// `false` (Amazon Connect counts every abandon).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandonment_exclude_short_abandons: Option<bool>,
    /// `answered` (default) or `all`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asa_base: Option<AsaBase>,
    /// AHT components. Default talk + hold + after-contact work (Amazon Connect and Genesys
    /// Cloud average handle time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aht_components: Option<AhtComponents>,
    /// Count a self-service contact as contained only when `resolved` is `true`. Default
    /// `false`: contained = ended without reaching a queue or an agent and without abandoning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub containment_requires_resolved: Option<bool>,
    /// Channels whose contacts are cases (work items with a backlog). Default the deferred
    /// channels: `email`, `sms`, `social`, `messaging`, `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_channels: Option<Vec<Channel>>,
    /// `ended` (default) or `resolved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_closed_by: Option<CaseClosedBy>,
    /// Staffed seconds (signed in and available or on contacts, breaks excluded) of all agents
    /// over the period: the occupancy denominator. Default none (no overall occupancy unless
    /// `staffedSecondsByAgent` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staffed_seconds: Option<f64>,
    /// Staffed seconds per agent id: occupancy per agent with `groupBy: "agentId"`, and
    /// overall (their sum) when `staffedSeconds` is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staffed_seconds_by_agent: Option<BTreeMap<String, f64>>,
    /// Breakdown: one dimension (`"queue"`) or several (`["queue", "interval"]`). Default none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "one_or_many"
    )]
    pub group_by: Option<Vec<KpiDimension>>,
    /// Length of the `interval` buckets in minutes; divides 1440. Default 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_minutes: Option<u32>,
    /// Offset from UTC, in minutes, of the calendar of the time buckets (−1080..=1080).
    /// Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    /// `error` (default: the first invalid record fails the call) or `skip` (count it in
    /// `rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_invalid: Option<OnInvalid>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<KpiDimension>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(KpiDimension),
        Many(Vec<KpiDimension>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => None,
        Some(OneOrMany::One(x)) => Some(vec![x]),
        Some(OneOrMany::Many(v)) => Some(v),
    })
}

/// The options resolved and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    pub threshold_ms: f64,
    pub comparison: Comparison,
    pub sl_base: ServiceLevelBase,
    pub sl_exclude_short: bool,
    pub short_ms: f64,
    pub ab_base: AbandonmentBase,
    pub ab_exclude_short: bool,
    pub asa_base: AsaBase,
    pub aht: AhtComponents,
    pub containment_requires_resolved: bool,
    pub case_channels: Vec<Channel>,
    pub case_closed_by: CaseClosedBy,
    pub staffed_seconds: Option<f64>,
    pub staffed_by_agent: BTreeMap<String, f64>,
    pub group_by: Vec<KpiDimension>,
    pub interval_minutes: u32,
    pub offset: FixedOffset,
    pub on_invalid: OnInvalid,
}

/// The deferred channels, default of `caseChannels`.
pub const DEFAULT_CASE_CHANNELS: [Channel; 5] = [
    Channel::Email,
    Channel::Sms,
    Channel::Social,
    Channel::Messaging,
    Channel::Other,
];

fn seconds(name: &str, v: Option<f64>, default: f64) -> Result<f64> {
    let v = v.unwrap_or(default);
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(Error::option(
            name,
            format!("options.{name} must be a finite number of seconds ≥ 0, got {v}"),
        ))
    }
}

impl Config {
    pub(crate) fn new(o: &KpiOptions) -> Result<Config> {
        let threshold = seconds(
            "serviceLevelThresholdSeconds",
            o.service_level_threshold_seconds,
            20.0,
        )?;
        let short = seconds("shortAbandonSeconds", o.short_abandon_seconds, 5.0)?;
        let staffed_seconds = match o.staffed_seconds {
            Some(v) if v.is_finite() && v > 0.0 => Some(v),
            Some(v) => {
                return Err(Error::option(
                    "staffedSeconds",
                    format!("options.staffedSeconds must be a finite number > 0, got {v}"),
                ));
            }
            None => None,
        };
        let mut staffed_by_agent = BTreeMap::new();
        for (agent, &v) in o.staffed_seconds_by_agent.iter().flatten() {
            if !(v.is_finite() && v > 0.0) {
                let name = format!("staffedSecondsByAgent[\"{}\"]", crate::text::excerpt(agent));
                return Err(Error::option(
                    &name,
                    format!("options.{name} must be a finite number > 0, got {v}"),
                ));
            }
            staffed_by_agent.insert(agent.clone(), v);
        }
        let group_by = o.group_by.clone().unwrap_or_default();
        for (i, d) in group_by.iter().enumerate() {
            if group_by.get(..i).is_some_and(|before| before.contains(d)) {
                return Err(Error::option(
                    "groupBy",
                    format!("options.groupBy lists \"{}\" twice", d.as_str()),
                ));
            }
        }
        let interval_minutes = o.interval_minutes.unwrap_or(30);
        if interval_minutes == 0 || interval_minutes > 1440 || 1440 % interval_minutes != 0 {
            return Err(Error::option(
                "intervalMinutes",
                format!(
                    "options.intervalMinutes must divide a day (5, 10, 15, 30, 60 …), got {interval_minutes}"
                ),
            ));
        }
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
        let mut case_channels = o
            .case_channels
            .clone()
            .unwrap_or_else(|| DEFAULT_CASE_CHANNELS.to_vec());
        case_channels.sort_unstable();
        case_channels.dedup();
        Ok(Config {
            threshold_ms: threshold * 1000.0,
            comparison: o.service_level_comparison.unwrap_or_default(),
            sl_base: o.service_level_base.unwrap_or_default(),
            sl_exclude_short: o.service_level_exclude_short_abandons.unwrap_or(false),
            short_ms: short * 1000.0,
            ab_base: o.abandonment_base.unwrap_or_default(),
            ab_exclude_short: o.abandonment_exclude_short_abandons.unwrap_or(false),
            asa_base: o.asa_base.unwrap_or_default(),
            aht: o.aht_components.unwrap_or_default(),
            containment_requires_resolved: o.containment_requires_resolved.unwrap_or(false),
            case_channels,
            case_closed_by: o.case_closed_by.unwrap_or_default(),
            staffed_seconds,
            staffed_by_agent,
            group_by,
            interval_minutes,
            offset,
            on_invalid: o.on_invalid.unwrap_or_default(),
        })
    }

    /// The part of the configuration that decides what is counted: two accumulators merge only
    /// when it is equal. (Bases, exclusions and staffed time only change how counts are read.)
    pub(crate) fn counting(&self) -> impl PartialEq + std::fmt::Debug + '_ {
        (
            self.threshold_ms,
            self.comparison,
            self.short_ms,
            self.aht,
            self.containment_requires_resolved,
            &self.case_channels,
            self.case_closed_by,
            &self.group_by,
            (
                self.interval_minutes,
                self.group_by
                    .iter()
                    .any(|d| d.is_time())
                    .then_some(self.offset),
            ),
        )
    }
}
