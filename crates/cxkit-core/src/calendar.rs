//! Calendar buckets at a fixed UTC offset, shared by the survey and KPI breakdowns (moved here
//! from the survey accumulator so both label days, weeks and months the same way).

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// A calendar bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bucket {
    /// A fixed interval of minutes within the local day (`2026-11-23T09:30`); the minutes
    /// divide 1440.
    Interval(u32),
    /// Calendar day (`2026-11-23`).
    Day,
    /// ISO 8601 week (`2026-W48`).
    Week,
    /// Calendar month (`2026-11`).
    Month,
}

/// The label of the bucket holding `at`, on the calendar at `offset`.
pub(crate) fn label(at: DateTime<Utc>, bucket: Bucket, offset: FixedOffset) -> String {
    let local = at.with_timezone(&offset);
    match bucket {
        Bucket::Interval(minutes) => {
            let of_day = local.hour() * 60 + local.minute();
            let start = of_day - of_day % minutes.max(1);
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}",
                local.year(),
                local.month(),
                local.day(),
                start / 60,
                start % 60
            )
        }
        Bucket::Day => format!(
            "{:04}-{:02}-{:02}",
            local.year(),
            local.month(),
            local.day()
        ),
        Bucket::Week => {
            let w = local.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Bucket::Month => format!("{:04}-{:02}", local.year(), local.month()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_at_an_offset() {
        let at = DateTime::parse_from_rfc3339("2026-11-29T23:40:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let utc = FixedOffset::east_opt(0).unwrap();
        let plus1 = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(label(at, Bucket::Interval(30), utc), "2026-11-29T23:30");
        assert_eq!(label(at, Bucket::Interval(15), plus1), "2026-11-30T00:30");
        assert_eq!(label(at, Bucket::Interval(1440), utc), "2026-11-29T00:00");
        assert_eq!(label(at, Bucket::Day, plus1), "2026-11-30");
        assert_eq!(label(at, Bucket::Week, utc), "2026-W48");
        assert_eq!(label(at, Bucket::Week, plus1), "2026-W49");
        assert_eq!(label(at, Bucket::Month, plus1), "2026-11");
    }
}
