//! Business hours: a weekly schedule at a fixed UTC offset, with holidays, and the business time
//! between two instants.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::survey::MAX_UTC_OFFSET_MINUTES;

/// A day of the week, by its three-letter English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Day {
    const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .get(self.index())
            .copied()
            .unwrap_or("?")
    }
}

/// Opening hours: a weekly schedule in local time at a fixed offset, and holidays.
///
/// ```json
/// {"utcOffsetMinutes": 60,
///  "weekly": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]], "sat": [["10:00", "14:00"]]},
///  "holidays": ["2026-12-25"]}
/// ```
/// Times are `HH:MM` (`24:00` closes at midnight); a day absent from `weekly` is closed; a
/// shift past midnight is written as two entries. The offset is fixed (no daylight-saving
/// rules: split the period if the offset changes).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BusinessHours {
    /// Offset of the local calendar from UTC, in minutes (−1080..=1080). Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    /// Open periods per day, `[open, close]` in local `HH:MM`.
    #[serde(default)]
    pub weekly: BTreeMap<Day, Vec<[String; 2]>>,
    /// Closed local dates (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<NaiveDate>,
}

/// Business hours, checked and ready: open windows in ms of the local day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Schedule {
    offset_ms: i64,
    /// Merged, sorted open windows per weekday (Monday first), ms from local midnight.
    windows: [Vec<(i64, i64)>; 7],
    /// Open ms per weekday, and before each weekday.
    daily: [i64; 7],
    before: [i64; 7],
    week: i64,
    /// Sorted distinct holidays (days since the common era) and, for each, the open ms of all
    /// holidays up to and including it.
    holidays: Vec<i64>,
    holiday_open: Vec<i64>,
}

fn parse_time(text: &str) -> Option<i64> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if (0..24).contains(&h) && (0..60).contains(&m) || (h == 24 && m == 0) {
        Some((h * 60 + m) * 60_000)
    } else {
        None
    }
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn weekday_index(w: Weekday) -> usize {
    w.num_days_from_monday() as usize
}

impl Schedule {
    pub(crate) fn new(b: &BusinessHours) -> Result<Schedule> {
        let minutes = b.utc_offset_minutes.unwrap_or(0);
        if minutes.abs() > MAX_UTC_OFFSET_MINUTES {
            return Err(Error::option(
                "businessHours.utcOffsetMinutes",
                format!(
                    "options.businessHours.utcOffsetMinutes must be between -{MAX_UTC_OFFSET_MINUTES} and {MAX_UTC_OFFSET_MINUTES}, got {minutes}"
                ),
            ));
        }
        let mut windows: [Vec<(i64, i64)>; 7] = Default::default();
        for (day, list) in &b.weekly {
            let mut ws = Vec::with_capacity(list.len());
            for (i, [open, close]) in list.iter().enumerate() {
                let name = format!("businessHours.weekly.{}[{i}]", day.name());
                let bad = |why: &str| {
                    Error::option(
                        &name,
                        format!(
                            "options.{name}: {why} (got [\"{}\", \"{}\"])",
                            crate::text::excerpt(open),
                            crate::text::excerpt(close)
                        ),
                    )
                };
                let (Some(o), Some(c)) = (parse_time(open), parse_time(close)) else {
                    return Err(bad("times must be HH:MM from 00:00 to 24:00"));
                };
                if o >= c {
                    return Err(bad(
                        "open must be before close (write a shift past midnight as two entries)",
                    ));
                }
                ws.push((o, c));
            }
            ws.sort_unstable();
            let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ws.len());
            for (o, c) in ws {
                match merged.last_mut() {
                    Some(last) if o <= last.1 => last.1 = last.1.max(c),
                    _ => merged.push((o, c)),
                }
            }
            if let Some(slot) = windows.get_mut(day.index()) {
                *slot = merged;
            }
        }
        let mut daily = [0i64; 7];
        let mut before = [0i64; 7];
        let mut acc = 0;
        for d in Day::ALL {
            let i = d.index();
            let open: i64 = windows
                .get(i)
                .map(|w| w.iter().map(|(o, c)| c - o).sum())
                .unwrap_or(0);
            if let (Some(dl), Some(bf)) = (daily.get_mut(i), before.get_mut(i)) {
                *dl = open;
                *bf = acc;
            }
            acc += open;
        }
        let mut days: Vec<(i64, usize)> = b
            .holidays
            .iter()
            .map(|d| (day_number(*d), weekday_index(d.weekday())))
            .collect();
        days.sort_unstable();
        days.dedup();
        let mut holiday_open = Vec::with_capacity(days.len());
        let mut sum = 0;
        for (_, wd) in &days {
            sum += daily.get(*wd).copied().unwrap_or(0);
            holiday_open.push(sum);
        }
        Ok(Schedule {
            offset_ms: i64::from(minutes) * 60_000,
            windows,
            daily,
            before,
            week: acc,
            holidays: days.into_iter().map(|(d, _)| d).collect(),
            holiday_open,
        })
    }

    /// Open ms of weekday `wd` from local midnight up to `ms` into the day.
    fn open_until(&self, wd: usize, ms: i64) -> i64 {
        self.windows
            .get(wd)
            .map(|w| w.iter().map(|(o, c)| (ms.min(*c) - o).max(0)).sum())
            .unwrap_or(0)
    }

    /// Open ms from a fixed origin (local Monday, 0001-01-01) to `t`: business time between
    /// two instants is the difference.
    fn cumulative(&self, t: DateTime<Utc>) -> i64 {
        let local = t.naive_utc() + chrono::Duration::milliseconds(self.offset_ms);
        let date = local.date();
        let n = day_number(date);
        let wd = weekday_index(date.weekday());
        let ms = i64::from(local.num_seconds_from_midnight()) * 1000
            + i64::from(local.nanosecond() / 1_000_000).min(999);
        // 0001-01-01 is a Monday: n − 1 − wd is a multiple of 7.
        let weeks = (n - 1 - wd as i64).div_euclid(7);
        let today = self.open_until(wd, ms);
        let mut total = weeks * self.week + self.before.get(wd).copied().unwrap_or(0) + today;
        // Holidays strictly before today, and today if it is one.
        let past = self.holidays.partition_point(|&h| h < n);
        if past > 0 {
            total -= self.holiday_open.get(past - 1).copied().unwrap_or(0);
        }
        if self.holidays.get(past) == Some(&n) {
            total -= today;
        }
        total
    }

    /// Business seconds from `start` to `end` (0 if `end` is not after `start`).
    pub(crate) fn seconds_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> f64 {
        if end <= start {
            return 0.0;
        }
        (self.cumulative(end) - self.cumulative(start)).max(0) as f64 / 1000.0
    }

    #[cfg(test)]
    fn daily(&self) -> [i64; 7] {
        self.daily
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn nine_to_five() -> Schedule {
        let mut weekly = BTreeMap::new();
        for d in [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri] {
            weekly.insert(d, vec![["09:00".to_string(), "17:00".to_string()]]);
        }
        Schedule::new(&BusinessHours {
            utc_offset_minutes: Some(60),
            weekly,
            holidays: vec![NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()],
        })
        .unwrap()
    }

    /// Minute-by-minute count, the obvious (slow) way.
    fn brute(s: &Schedule, hours: &BusinessHours, a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
        let offset = chrono::Duration::minutes(i64::from(hours.utc_offset_minutes.unwrap_or(0)));
        let mut t = a;
        let mut open = 0i64;
        while t < b {
            let local = t.naive_utc() + offset;
            let wd = weekday_index(local.date().weekday());
            let ms = i64::from(local.num_seconds_from_midnight()) * 1000;
            let holiday = hours.holidays.contains(&local.date());
            let is_open = !holiday && s.windows[wd].iter().any(|(o, c)| *o <= ms && ms < *c);
            if is_open {
                open += 60;
            }
            t += chrono::Duration::minutes(1);
        }
        open as f64
    }

    #[test]
    fn counts_open_time_across_nights_weekends_and_holidays() {
        let s = nine_to_five();
        assert_eq!(
            s.daily(),
            [
                28_800_000, 28_800_000, 28_800_000, 28_800_000, 28_800_000, 0, 0
            ]
        );
        // Friday 16:00 local (15:00Z) to Monday 10:00 local: 1 h + 1 h.
        let fri = at("2026-11-27T15:00:00Z");
        let mon = at("2026-11-30T09:00:00Z");
        assert_eq!(s.seconds_between(fri, mon), 7200.0);
        // Over Christmas (Friday 25th is a holiday): Thursday 17:00 to Monday 09:00 is 0.
        assert_eq!(
            s.seconds_between(at("2026-12-24T16:00:00Z"), at("2026-12-28T08:00:00Z")),
            0.0
        );
        assert_eq!(s.seconds_between(mon, fri), 0.0);
    }

    #[test]
    fn agrees_with_a_minute_by_minute_count() {
        let mut weekly = BTreeMap::new();
        weekly.insert(
            Day::Mon,
            vec![
                ["08:30".into(), "12:00".into()],
                ["11:00".into(), "13:15".into()],
            ],
        );
        weekly.insert(Day::Wed, vec![["00:00".into(), "24:00".into()]]);
        weekly.insert(Day::Sat, vec![["10:00".into(), "14:00".into()]]);
        let hours = BusinessHours {
            utc_offset_minutes: Some(-300),
            weekly,
            holidays: vec![
                NaiveDate::from_ymd_opt(2026, 1, 7).unwrap(),
                NaiveDate::from_ymd_opt(2026, 1, 12).unwrap(),
            ],
        };
        let s = Schedule::new(&hours).unwrap();
        let start = at("2026-01-01T00:00:00Z");
        for (a, b) in [
            (0, 60 * 24 * 20),
            (333, 777),
            (60 * 30, 60 * 24 * 9 + 17),
            (5, 5),
        ] {
            let (a, b) = (
                start + chrono::Duration::minutes(a),
                start + chrono::Duration::minutes(b),
            );
            assert_eq!(
                s.seconds_between(a, b),
                brute(&s, &hours, a, b),
                "{a} → {b}"
            );
        }
    }

    #[test]
    fn rejects_bad_schedules() {
        for (open, close) in [
            ("9:00", "17:00"),
            ("17:00", "09:00"),
            ("09:00", "24:01"),
            ("xx", "yy"),
        ] {
            let mut weekly = BTreeMap::new();
            weekly.insert(Day::Tue, vec![[open.to_string(), close.to_string()]]);
            let e = Schedule::new(&BusinessHours {
                weekly,
                ..Default::default()
            })
            .unwrap_err();
            assert_eq!(
                e.field.as_deref(),
                Some("options.businessHours.weekly.tue[0]")
            );
        }
        let e = Schedule::new(&BusinessHours {
            utc_offset_minutes: Some(2000),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::InvalidOption);
    }
}
