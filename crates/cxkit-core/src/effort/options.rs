//! Options of the customer-effort indicators, each with its default.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::hours::{BusinessHours, Schedule};
use crate::error::{Error, Result};
use crate::model::Channel;
use crate::survey::{OnInvalid, SurveyResponse};

/// Whether a repeat contact must come through the same channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RepeatScope {
    /// Any channel (default): the omnichannel view, where a chat after a call is a repeat.
    #[default]
    AcrossChannels,
    /// Only the same channel (journeys are then per channel, and never switch channel).
    SameChannel,
}

/// How first-contact resolution is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FcrMethod {
    /// Resolved when no other contact from the customer follows within the repeat window
    /// (default; the operations-defined FCR). Undecidable until the window has passed.
    #[default]
    RepeatWindow,
    /// The first contact's disposition (`resolved`), as the agent recorded it.
    Disposition,
    /// Resolved on the first contact (`resolved: true`) with a single touch: no transfer,
    /// conference or escalation (the contact-centre analogue of Zendesk's "one-touch tickets").
    OneTouch,
    /// The customer's answer to "was your issue resolved?" about the first contact
    /// (`fcrAnswers`).
    Survey,
}

/// How much of the effort lists to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Detail {
    /// Summary, customers, journeys, contacts and queues (default).
    #[default]
    Full,
    /// Summary and queues only.
    Summary,
}

/// Weights of the Customer Effort Index (see the module documentation). Each weight is finite
/// and ≥ 0; absent weights keep their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct EffortWeights {
    /// Per transfer. Default 1.
    pub transfer: f64,
    /// Per escalated contact. Default 1.
    pub escalation: f64,
    /// Per repeat contact (every contact of a journey after the first). Default 2.
    pub repeat: f64,
    /// Per contact on a different channel than the previous one of its journey. Default 1.
    pub channel_switch: f64,
    /// Per contact handled by a different agent than the previous one of its journey.
    /// Default 0.5.
    pub reassignment: f64,
    /// Per contact abandoned in queue. Default 1.
    pub abandon: f64,
    /// Per minute waited in queue. Default 0.1.
    pub wait_minute: f64,
    /// Per minute on hold. Default 0.1.
    pub hold_minute: f64,
}

impl Default for EffortWeights {
    fn default() -> Self {
        EffortWeights {
            transfer: 1.0,
            escalation: 1.0,
            repeat: 2.0,
            channel_switch: 1.0,
            reassignment: 0.5,
            abandon: 1.0,
            wait_minute: 0.1,
            hold_minute: 0.1,
        }
    }
}

/// Options of [`effort`](super::effort) and [`EffortAccumulator`](super::EffortAccumulator).
/// Every field is optional; defaults are documented on each.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EffortOptions {
    /// Repeat window in hours (> 0): a contact within this long after the end of the previous
    /// contact of the same customer (and issue) is a repeat of it. Default 168 (7 days; the
    /// re-contact windows in use run from 1 to 30 days, most often 7–14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_window_hours: Option<f64>,
    /// Repeat window per channel of the earlier contact, overriding `repeatWindowHours` (for
    /// example `{"email": 72}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_window_hours_by_channel: Option<BTreeMap<Channel, f64>>,
    /// `acrossChannels` (default) or `sameChannel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_scope: Option<RepeatScope>,
    /// Separate journeys per contact `reason` (an issue is customer + reason). Default `false`:
    /// an issue is the customer's chain of contacts within the window, whatever the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey_by_reason: Option<bool>,
    /// `repeatWindow` (default), `disposition`, `oneTouch` or `survey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fcr_method: Option<FcrMethod>,
    /// The moment the data describes ("now", as data). Default: the latest timestamp in the
    /// contacts. Windows not yet over at this moment are undecided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateTime<Utc>>,
    /// Opening hours for business time to resolution. Default none (calendar time only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<BusinessHours>,
    /// Customer Effort Index weights. Default: see [`EffortWeights`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<EffortWeights>,
    /// CES version of `cesAnswers`: 1 (1–5, high is hard) or 2 (1–7, high is easy; default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ces_version: Option<u8>,
    /// CES answers with `contactId` (numbers or labels, as in the survey module), set against
    /// the effort index of their contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ces_answers: Option<Vec<SurveyResponse>>,
    /// Answers to "was your issue resolved?" with `contactId`: 1/0, or a label (`yes`/`no`,
    /// `sí`/`no`, `good`/`bad` …). Used by `fcrMethod: "survey"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fcr_answers: Option<Vec<SurveyResponse>>,
    /// `full` (default) or `summary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// `error` (default) or `skip` (count invalid records and answers in `rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_invalid: Option<OnInvalid>,
}

/// Default repeat window in hours.
pub const DEFAULT_REPEAT_WINDOW_HOURS: f64 = 168.0;

/// Options resolved and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    /// Window in ms per channel (index in `Channel::ALL`).
    pub window_ms: [i64; 8],
    pub scope: RepeatScope,
    pub by_reason: bool,
    pub fcr: FcrMethod,
    pub as_of: Option<DateTime<Utc>>,
    pub schedule: Option<Schedule>,
    pub weights: EffortWeights,
    pub ces_version: u8,
    pub detail: Detail,
    pub on_invalid: OnInvalid,
}

fn window_ms(name: &str, hours: f64) -> Result<i64> {
    // Up to 100 years.
    if hours.is_finite() && hours > 0.0 && hours <= 876_600.0 {
        Ok((hours * 3_600_000.0).round() as i64)
    } else {
        Err(Error::option(
            name,
            format!("options.{name} must be a number of hours in (0, 876600], got {hours}"),
        ))
    }
}

pub(crate) fn channel_index(c: Channel) -> usize {
    Channel::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

impl Config {
    pub(crate) fn new(o: &EffortOptions) -> Result<Config> {
        let base = window_ms(
            "repeatWindowHours",
            o.repeat_window_hours.unwrap_or(DEFAULT_REPEAT_WINDOW_HOURS),
        )?;
        let mut windows = [base; 8];
        for (channel, &hours) in o.repeat_window_hours_by_channel.iter().flatten() {
            let ms = window_ms(
                &format!("repeatWindowHoursByChannel.{}", channel.as_str()),
                hours,
            )?;
            if let Some(w) = windows.get_mut(channel_index(*channel)) {
                *w = ms;
            }
        }
        let weights = o.weights.unwrap_or_default();
        for (name, w) in [
            ("transfer", weights.transfer),
            ("escalation", weights.escalation),
            ("repeat", weights.repeat),
            ("channelSwitch", weights.channel_switch),
            ("reassignment", weights.reassignment),
            ("abandon", weights.abandon),
            ("waitMinute", weights.wait_minute),
            ("holdMinute", weights.hold_minute),
        ] {
            if !(w.is_finite() && (0.0..=1e6).contains(&w)) {
                return Err(Error::option(
                    &format!("weights.{name}"),
                    format!("options.weights.{name} must be a number from 0 to 1000000, got {w}"),
                ));
            }
        }
        let ces_version = match o.ces_version.unwrap_or(2) {
            v @ (1 | 2) => v,
            v => {
                return Err(Error::option(
                    "cesVersion",
                    format!("options.cesVersion must be 1 or 2, got {v}"),
                ));
            }
        };
        let fcr = o.fcr_method.unwrap_or_default();
        Ok(Config {
            window_ms: windows,
            scope: o.repeat_scope.unwrap_or_default(),
            by_reason: o.journey_by_reason.unwrap_or(false),
            fcr,
            as_of: o.as_of,
            schedule: o.business_hours.as_ref().map(Schedule::new).transpose()?,
            weights,
            ces_version,
            detail: o.detail.unwrap_or_default(),
            on_invalid: o.on_invalid.unwrap_or_default(),
        })
    }

    pub(crate) fn window(&self, channel: Channel) -> i64 {
        self.window_ms
            .get(channel_index(channel))
            .copied()
            .unwrap_or(0)
    }
}
