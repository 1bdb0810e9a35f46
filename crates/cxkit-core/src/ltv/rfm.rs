//! RFM summaries (frequency, recency, age T, mean repeat spend) from raw transactions.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};
use crate::model::Transaction;
use crate::survey::OnInvalid;

/// Identifier of the serialised [`RfmState`] format. Bumped on any incompatible change.
pub const RFM_STATE_FORMAT: &str = "cxkit.ltv.rfm.v1";

/// The average Gregorian month in days: 365.2425 ÷ 12 = 30.436875.
pub const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

/// The largest accepted `utcOffsetMinutes` in either direction (18 hours).
pub const MAX_UTC_OFFSET_MINUTES: i32 = 18 * 60;

/// The time unit of recency, age T, horizons and of the BG/NBD rate parameter α.
///
/// Every summary row and every fitted model records its unit, and the functions that combine
/// them check it ([`ErrorCode::UnitMismatch`]) or convert it explicitly, so a model fitted in
/// weeks cannot silently be fed days. Durations are measured in whole calendar days and divided
/// by the unit's length in days: 1, 7, or [`DAYS_PER_MONTH`] (30.436875) for months.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    /// Calendar days (the default, as in Lifetimes' `freq="D"`).
    #[default]
    Days,
    /// Weeks of 7 days (the unit of the CDNOW results of Fader, Hardie & Lee 2005).
    Weeks,
    /// Average Gregorian months of 30.436875 days.
    Months,
}

impl TimeUnit {
    /// Length of the unit in days.
    pub const fn days(self) -> f64 {
        match self {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
            TimeUnit::Months => DAYS_PER_MONTH,
        }
    }

    /// The wire name: `days`, `weeks` or `months`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
        }
    }

    /// How many of `to` make one `self` (multiply a duration in `self` by this to express it in
    /// `to`): for example weeks → days is 7.
    pub fn factor_to(self, to: TimeUnit) -> f64 {
        if self == to {
            1.0
        } else {
            self.days() / to.days()
        }
    }
}

/// One customer's RFM summary: `{customerId, frequency, recency, T, monetaryValue, unit}`.
///
/// This is the input of the BG/NBD and Gamma–Gamma models; rows can come from
/// [`rfm_summary`] or be written by hand (for example the published CDNOW summary), but the
/// `unit` must always be stated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRfm {
    /// The customer (optional when the row is written by hand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Repeat purchases: the number of distinct purchase days after the first one.
    pub frequency: u32,
    /// Time from the first to the last purchase day (0 when `frequency` is 0), in `unit`.
    pub recency: f64,
    /// Age: time from the first purchase day to the calibration end, in `unit`.
    #[serde(rename = "T")]
    pub t: f64,
    /// Mean spend per repeat purchase day (0 when `frequency` is 0).
    #[serde(default)]
    pub monetary_value: f64,
    /// The unit of `recency` and `T`.
    pub unit: TimeUnit,
}

impl CustomerRfm {
    /// A row from its numbers, without a customer id.
    pub fn new(frequency: u32, recency: f64, t: f64, monetary_value: f64, unit: TimeUnit) -> Self {
        CustomerRfm {
            customer_id: None,
            frequency,
            recency,
            t,
            monetary_value,
            unit,
        }
    }

    /// The same row with recency and T expressed in another unit.
    pub fn in_unit(&self, unit: TimeUnit) -> CustomerRfm {
        let f = self.unit.factor_to(unit);
        CustomerRfm {
            recency: self.recency * f,
            t: self.t * f,
            unit,
            ..self.clone()
        }
    }

    /// Checks the row: finite, 0 ≤ recency ≤ T, recency 0 when frequency is 0, monetary value
    /// finite and ≥ 0. `field` names the row in errors (for example `summary[3]`).
    pub fn check(&self, field: &str) -> Result<()> {
        let bad = |f: &str, msg: String| {
            Error::new(ErrorCode::InvalidValue, format!("{field}.{f}: {msg}"))
                .with_field(format!("{field}.{f}"))
        };
        if !(self.t.is_finite() && self.t >= 0.0) {
            return Err(bad(
                "T",
                format!("must be a finite number ≥ 0, got {}", self.t),
            ));
        }
        if !(self.recency.is_finite() && self.recency >= 0.0 && self.recency <= self.t) {
            return Err(bad(
                "recency",
                format!("must be between 0 and T = {}, got {}", self.t, self.recency),
            ));
        }
        if self.frequency == 0 && self.recency != 0.0 {
            return Err(bad(
                "recency",
                format!(
                    "must be 0 when frequency is 0 (no repeat purchase), got {}",
                    self.recency
                ),
            ));
        }
        if !(self.monetary_value.is_finite() && self.monetary_value >= 0.0) {
            return Err(bad(
                "monetaryValue",
                format!("must be a finite number ≥ 0, got {}", self.monetary_value),
            ));
        }
        Ok(())
    }
}

/// What to do with exact duplicates: transactions of the same customer with the same `at` and
/// the same `amount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Duplicates {
    /// Count each copy (the default, as Lifetimes does: a transaction has no id, so two equal
    /// purchases at the same instant cannot be told from a replayed event).
    #[default]
    Keep,
    /// Count exact duplicates once (for feeds that may deliver an event twice).
    Drop,
}

/// Options of [`rfm_summary`] and [`RfmAccumulator`]. Every field is optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RfmOptions {
    /// Unit of recency and T. Default `days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<TimeUnit>,
    /// Last calendar day of the calibration period, inclusive: `"1997-09-30"`, or an RFC 3339
    /// timestamp whose own calendar date is taken. Transactions on later days are left out
    /// (and counted in `afterCalibration`). Default: the day of the latest transaction.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_or_timestamp"
    )]
    pub calibration_end: Option<NaiveDate>,
    /// Offset from UTC, in minutes, of the calendar that decides which day a purchase falls on
    /// (−1080..=1080). Default 0 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    /// Exact duplicates: `keep` (default) or `drop`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<Duplicates>,
    /// Invalid transactions (negative or non-finite amount, empty customer id): `error`
    /// (default) or `skip` (counted in `rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_invalid: Option<OnInvalid>,
}

fn date_or_timestamp<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    match s {
        None => Ok(None),
        Some(s) => parse_date_or_timestamp(&s).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "calibrationEnd must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got \"{}\"",
                crate::text::excerpt(&s)
            ))
        }),
    }
}

/// Parses `YYYY-MM-DD`, or an RFC 3339 timestamp (its calendar date in its own offset).
pub fn parse_date_or_timestamp(s: &str) -> Option<NaiveDate> {
    parse_ymd(s).or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|t| t.date_naive()))
}

/// `YYYY-MM-DD` by hand: chrono's general format parser (`parse_from_str`) costs about 12 KB of
/// WebAssembly.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// One customer's summary plus what was left out, from [`RfmAccumulator::finish`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RfmReport {
    /// Unit of recency and T.
    pub unit: TimeUnit,
    /// The calibration end applied.
    pub calibration_end: NaiveDate,
    /// One row per customer with a purchase on or before the calibration end, by customer id.
    pub customers: Vec<CustomerRfm>,
    /// Transactions counted (after dropping duplicates, if asked).
    pub transactions: u64,
    /// Exact duplicates dropped (`duplicates: "drop"`).
    pub duplicates_dropped: u64,
    /// Transactions after the calibration end, left out.
    pub after_calibration: u64,
    /// Invalid transactions skipped (`onInvalid: "skip"`), by error code.
    pub rejected: BTreeMap<ErrorCode, u64>,
}

/// The serialisable state of an [`RfmAccumulator`] (format [`RFM_STATE_FORMAT`]).
///
/// ```json
/// {"format": "cxkit.ltv.rfm.v1", "options": {"unit": "weeks", "calibrationEnd": "1997-09-30"},
///  "customers": {"c-1": [["1997-01-01T00:00:00Z", 29.33, 1], ["1997-01-18T00:00:00Z", 29.73, 1]]},
///  "afterCalibration": 3, "rejected": {"invalid_amount": 1}}
/// ```
/// Each customer holds its distinct `[at, amount, count]` purchases. Merging two states adds the
/// counts of equal purchases and the other counters; the summary is computed at `finish`, so
/// `finish(merge(a, b)) == finish(batch(a ∪ b))` exactly, whatever the order of transactions.
/// The state grows with the number of distinct purchases (it must, to merge same-day purchases
/// and duplicates exactly); transactions after a fixed `calibrationEnd` are only counted. A JSON
/// store must round-trip `f64` exactly (JavaScript's `JSON` does; `serde_json` needs its
/// `float_roundtrip` feature), or a merged summary may differ in the last bit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RfmState {
    /// Always [`RFM_STATE_FORMAT`].
    pub format: String,
    /// The options the accumulator was created with.
    pub options: RfmOptions,
    /// Purchases per customer: `[at, amount, count]`.
    pub customers: BTreeMap<String, Vec<StatePurchase>>,
    /// Transactions after the calibration end.
    #[serde(default)]
    pub after_calibration: u64,
    /// Invalid transactions skipped, by code.
    #[serde(default)]
    pub rejected: BTreeMap<ErrorCode, u64>,
}

/// One distinct purchase in an [`RfmState`]: `[at, amount, count]` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StatePurchase(
    /// When (RFC 3339).
    #[serde(with = "crate::model::rfc3339")]
    pub DateTime<Utc>,
    /// Amount (finite, ≥ 0).
    pub f64,
    /// How many times (≥ 1).
    pub u64,
);

/// Purchases of one customer: (instant, amount bits) → count. Amounts are finite and ≥ 0, whose
/// IEEE bit patterns sort like the numbers.
type Purchases = BTreeMap<(DateTime<Utc>, u64), u64>;

/// Builds RFM summaries incrementally: `push` transactions in any order, `merge` partial
/// accumulators, `finish` into an [`RfmReport`].
///
/// Definitions (as in Fader, Hardie & Lee 2005 and Lifetimes' `summary_data_from_transaction_data`):
/// purchases are grouped by customer and calendar day (at `utcOffsetMinutes`), the amounts of a
/// day added up, so a customer makes at most one purchase per day; with d₀ the first purchase
/// day, d_last the last and d_end the calibration end,
/// - `frequency` = number of purchase days − 1 (repeat purchases),
/// - `recency` = (d_last − d₀) in days ÷ unit length,
/// - `T` = (d_end − d₀) in days ÷ unit length,
/// - `monetaryValue` = mean of the daily totals of the repeat days (the first day excluded), 0
///   without repeat purchases.
///
/// Bad input: a negative, NaN or infinite amount is `invalid_amount` and an empty customer id
/// `missing_field` (or skipped with `onInvalid: "skip"`); the order of transactions does not
/// matter (they are kept sorted); exact duplicates follow [`Duplicates`].
///
/// ```
/// use cxkit_core::ltv::{RfmAccumulator, RfmOptions, TimeUnit};
/// use cxkit_core::model::Transaction;
/// let t = |c: &str, at: &str, amount: f64| Transaction::new(c, at.parse().unwrap(), amount);
/// let options = RfmOptions { unit: Some(TimeUnit::Weeks), ..RfmOptions::default() };
/// let mut acc = RfmAccumulator::new(&options).unwrap();
/// acc.push(&t("a", "2026-01-15T12:00:00Z", 30.0), None).unwrap();
/// acc.push(&t("a", "2026-01-01T09:00:00Z", 10.0), None).unwrap();
/// acc.push(&t("a", "2026-01-15T18:00:00Z", 20.0), None).unwrap(); // same day: one purchase of 50
/// let mut other = RfmAccumulator::new(&options).unwrap();
/// other.push(&t("b", "2026-01-29T10:00:00Z", 5.0), None).unwrap();
/// acc.merge(&other).unwrap();
/// let report = acc.finish().unwrap();
/// let a = &report.customers[0];
/// assert_eq!((a.frequency, a.recency, a.t, a.monetary_value), (1, 2.0, 4.0, 50.0));
/// assert_eq!(report.customers[1].t, 0.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RfmAccumulator {
    options: RfmOptions,
    unit: TimeUnit,
    offset: FixedOffset,
    calibration_end: Option<NaiveDate>,
    duplicates: Duplicates,
    on_invalid: OnInvalid,
    customers: BTreeMap<String, Purchases>,
    after_calibration: u64,
    rejected: BTreeMap<ErrorCode, u64>,
}

fn amount_key(amount: f64) -> u64 {
    // +0.0 and −0.0 are the same amount.
    (amount + 0.0).to_bits()
}

impl RfmAccumulator {
    /// A new, empty accumulator; `invalid_option` if an option is out of range.
    pub fn new(options: &RfmOptions) -> Result<Self> {
        let minutes = options.utc_offset_minutes.unwrap_or(0);
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
        Ok(RfmAccumulator {
            options: options.clone(),
            unit: options.unit.unwrap_or_default(),
            offset,
            calibration_end: options.calibration_end,
            duplicates: options.duplicates.unwrap_or_default(),
            on_invalid: options.on_invalid.unwrap_or_default(),
            customers: BTreeMap::new(),
            after_calibration: 0,
            rejected: BTreeMap::new(),
        })
    }

    /// The options the accumulator was created with.
    pub fn options(&self) -> &RfmOptions {
        &self.options
    }

    fn day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.offset).date_naive()
    }

    /// Adds one transaction; `index` is its position in the caller's list, for error messages
    /// (`transactions[3].amount`).
    pub fn push(&mut self, t: &Transaction, index: Option<usize>) -> Result<()> {
        let fault = if !(t.amount.is_finite() && t.amount >= 0.0) {
            Some((
                ErrorCode::InvalidAmount,
                "amount",
                format!("amount must be a finite number ≥ 0, got {}", t.amount),
            ))
        } else if t.customer_id.is_empty() {
            Some((
                ErrorCode::MissingField,
                "customerId",
                "customerId is empty".to_string(),
            ))
        } else {
            None
        };
        if let Some((code, field, message)) = fault {
            return match self.on_invalid {
                OnInvalid::Skip => {
                    let e = self.rejected.entry(code).or_insert(0);
                    *e = e.saturating_add(1);
                    Ok(())
                }
                OnInvalid::Error => {
                    let base =
                        index.map_or("transaction".to_string(), |i| format!("transactions[{i}]"));
                    let mut err = Error::new(code, format!("{base}: {message}"))
                        .with_field(format!("{base}.{field}"));
                    err.index = index;
                    Err(err)
                }
            };
        }
        if let Some(end) = self.calibration_end
            && self.day(t.at) > end
        {
            self.after_calibration = self.after_calibration.saturating_add(1);
            return Ok(());
        }
        let count = self
            .customers
            .entry(t.customer_id.clone())
            .or_default()
            .entry((t.at, amount_key(t.amount)))
            .or_insert(0);
        *count = count.saturating_add(1);
        Ok(())
    }

    /// Adds every transaction of a list, all or nothing: on error the accumulator is unchanged.
    pub fn push_all(&mut self, transactions: &[Transaction]) -> Result<()> {
        let mut next = self.clone();
        for (i, t) in transactions.iter().enumerate() {
            next.push(t, Some(i))?;
        }
        *self = next;
        Ok(())
    }

    fn same_config(&self, other: &RfmAccumulator) -> bool {
        self.unit == other.unit
            && self.offset == other.offset
            && self.calibration_end == other.calibration_end
            && self.duplicates == other.duplicates
    }

    /// Adds another accumulator's purchases. Both must use the same unit, UTC offset,
    /// calibration end and duplicate rule (`incompatible_state` otherwise).
    pub fn merge(&mut self, other: &RfmAccumulator) -> Result<()> {
        if !self.same_config(other) {
            return Err(Error::new(
                ErrorCode::IncompatibleState,
                "cannot merge RFM accumulators with different unit, utcOffsetMinutes, calibrationEnd or duplicates",
            ));
        }
        for (id, purchases) in &other.customers {
            let mine = self.customers.entry(id.clone()).or_default();
            for (key, n) in purchases {
                let c = mine.entry(*key).or_insert(0);
                *c = c.saturating_add(*n);
            }
        }
        self.after_calibration = self
            .after_calibration
            .saturating_add(other.after_calibration);
        for (code, n) in &other.rejected {
            let e = self.rejected.entry(*code).or_insert(0);
            *e = e.saturating_add(*n);
        }
        Ok(())
    }

    /// The serialisable state.
    pub fn state(&self) -> RfmState {
        RfmState {
            format: RFM_STATE_FORMAT.to_string(),
            options: self.options.clone(),
            customers: self
                .customers
                .iter()
                .map(|(id, p)| {
                    (
                        id.clone(),
                        p.iter()
                            .map(|((at, bits), n)| StatePurchase(*at, f64::from_bits(*bits), *n))
                            .collect(),
                    )
                })
                .collect(),
            after_calibration: self.after_calibration,
            rejected: self.rejected.clone(),
        }
    }

    /// Rebuilds an accumulator from its state, checking it (`invalid_state`).
    pub fn from_state(state: &RfmState) -> Result<Self> {
        if state.format != RFM_STATE_FORMAT {
            return Err(Error::new(
                ErrorCode::InvalidState,
                format!(
                    "state format \"{}\" is not \"{RFM_STATE_FORMAT}\"",
                    crate::text::excerpt(&state.format)
                ),
            )
            .with_field("format"));
        }
        let mut acc = RfmAccumulator::new(&state.options)?;
        for (id, purchases) in &state.customers {
            if id.is_empty() {
                return Err(
                    Error::new(ErrorCode::InvalidState, "a customer id is empty")
                        .with_field("customers"),
                );
            }
            let mine = acc.customers.entry(id.clone()).or_default();
            for (j, StatePurchase(at, amount, n)) in purchases.iter().enumerate() {
                let field = format!("customers[\"{}\"][{j}]", crate::text::excerpt(id));
                if !(amount.is_finite() && *amount >= 0.0) || *n == 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidState,
                        format!("{field}: amount must be finite and ≥ 0 and count ≥ 1"),
                    )
                    .with_field(field));
                }
                if let Some(end) = acc.calibration_end
                    && at.with_timezone(&acc.offset).date_naive() > end
                {
                    return Err(Error::new(
                        ErrorCode::InvalidState,
                        format!("{field}: purchase after calibrationEnd {end}"),
                    )
                    .with_field(field));
                }
                let c = mine.entry((*at, amount_key(*amount))).or_insert(0);
                *c = c.saturating_add(*n);
            }
        }
        acc.after_calibration = state.after_calibration;
        acc.rejected = state.rejected.clone();
        Ok(acc)
    }

    /// The summary: one row per customer (sorted by id) and what was left out. `empty_input`
    /// when no transaction was counted.
    pub fn finish(&self) -> Result<RfmReport> {
        let latest = self
            .customers
            .values()
            .filter_map(|p| p.keys().next_back())
            .map(|(at, _)| self.day(*at))
            .max();
        let end = match (self.calibration_end, latest) {
            (Some(end), Some(_)) => end,
            (None, Some(latest)) => latest,
            (_, None) => {
                return Err(Error::new(
                    ErrorCode::EmptyInput,
                    "no transaction on or before the calibration end",
                )
                .with_field("transactions"));
            }
        };
        let unit_days = self.unit.days();
        let mut transactions = 0u64;
        let mut dropped = 0u64;
        let mut rows = Vec::with_capacity(self.customers.len());
        for (id, purchases) in &self.customers {
            let mut first: Option<NaiveDate> = None;
            let mut current: Option<NaiveDate> = None;
            let mut repeat_days = 0u32;
            let mut repeat_total = 0.0;
            for ((at, bits), &n) in purchases {
                let n = match self.duplicates {
                    Duplicates::Keep => n,
                    Duplicates::Drop => {
                        dropped = dropped.saturating_add(n - 1);
                        1
                    }
                };
                transactions = transactions.saturating_add(n);
                let day = self.day(*at);
                if first.is_none() {
                    first = Some(day);
                }
                if current != Some(day) {
                    current = Some(day);
                    if first != Some(day) {
                        repeat_days = repeat_days.saturating_add(1);
                    }
                }
                if first != Some(day) {
                    repeat_total += f64::from_bits(*bits) * n as f64;
                }
            }
            let (Some(first), Some(last)) = (first, current) else {
                continue;
            };
            if !repeat_total.is_finite() {
                return Err(Error::new(
                    ErrorCode::InvalidAmount,
                    format!("the repeat purchases of customer \"{}\" add up to more than the largest number", crate::text::excerpt(id)),
                )
                .with_field("transactions"));
            }
            let days = |to: NaiveDate| (to - first).num_days() as f64;
            rows.push(CustomerRfm {
                customer_id: Some(id.clone()),
                frequency: repeat_days,
                recency: days(last) / unit_days,
                t: days(end) / unit_days,
                monetary_value: if repeat_days == 0 {
                    0.0
                } else {
                    repeat_total / f64::from(repeat_days)
                },
                unit: self.unit,
            });
        }
        Ok(RfmReport {
            unit: self.unit,
            calibration_end: end,
            customers: rows,
            transactions,
            duplicates_dropped: dropped,
            after_calibration: self.after_calibration,
            rejected: self.rejected.clone(),
        })
    }
}

/// The RFM summary of a list of transactions: one row per customer, sorted by customer id (see
/// [`RfmAccumulator`] for the definitions and the handling of bad input).
///
/// ```
/// use cxkit_core::ltv::{rfm_summary, RfmOptions, TimeUnit};
/// use cxkit_core::model::Transaction;
/// let tx: Vec<Transaction> = serde_json::from_str(r#"[
///   {"customerId": "1", "at": "1997-01-01T00:00:00Z", "amount": 29.33},
///   {"customerId": "1", "at": "1997-01-18T00:00:00Z", "amount": 29.73},
///   {"customerId": "1", "at": "1997-08-02T00:00:00Z", "amount": 14.96},
///   {"customerId": "1", "at": "1997-12-12T00:00:00Z", "amount": 26.48}
/// ]"#).unwrap();
/// let options: RfmOptions = serde_json::from_str(
///     r#"{"unit": "weeks", "calibrationEnd": "1997-09-30"}"#).unwrap();
/// let rows = rfm_summary(&tx, &options).unwrap();
/// // CDNOW customer 1 of Fader, Hardie & Lee (2005): x = 2, t_x = 30.43, T = 38.86 weeks.
/// assert_eq!(rows[0].frequency, 2);
/// assert_eq!((rows[0].recency * 100.0).round() / 100.0, 30.43);
/// assert_eq!((rows[0].t * 100.0).round() / 100.0, 38.86);
/// assert_eq!((rows[0].monetary_value * 100.0).round() / 100.0, 22.35);
/// ```
pub fn rfm_summary(transactions: &[Transaction], options: &RfmOptions) -> Result<Vec<CustomerRfm>> {
    let mut acc = RfmAccumulator::new(options)?;
    acc.push_all(transactions)?;
    Ok(acc.finish()?.customers)
}
