//! RFM summaries from transactions: definitions, options, bad input, accumulator invariants.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly on purpose

use cxkit_core::ErrorCode;
use cxkit_core::ltv::*;
use cxkit_core::model::Transaction;
use cxkit_core::survey::OnInvalid;
use proptest::prelude::*;

fn tx(c: &str, at: &str, amount: f64) -> Transaction {
    Transaction::new(c, at.parse().unwrap(), amount)
}

fn opts(unit: TimeUnit) -> RfmOptions {
    RfmOptions {
        unit: Some(unit),
        ..RfmOptions::default()
    }
}

#[test]
fn definitions_one_purchase_per_day_and_units() {
    let list = vec![
        tx("a", "2026-01-01T09:00:00Z", 10.0),
        tx("a", "2026-01-01T17:00:00Z", 5.0), // same day as the first: not a repeat
        tx("a", "2026-01-08T10:00:00Z", 20.0),
        tx("a", "2026-01-08T11:00:00Z", 10.0), // same day: one purchase of 30
        tx("a", "2026-01-22T10:00:00Z", 50.0),
        tx("b", "2026-01-29T23:00:00Z", 7.0),
    ];
    for (unit, days) in [
        (TimeUnit::Days, 1.0),
        (TimeUnit::Weeks, 7.0),
        (TimeUnit::Months, 30.436875),
    ] {
        let rows = rfm_summary(&list, &opts(unit)).unwrap();
        assert_eq!(rows.len(), 2);
        let a = &rows[0];
        assert_eq!(a.customer_id.as_deref(), Some("a"));
        assert_eq!(a.frequency, 2);
        assert_eq!(a.recency, 21.0 / days);
        assert_eq!(a.t, 28.0 / days); // calibration end defaults to the latest day (Jan 29)
        assert_eq!(a.monetary_value, 40.0); // (30 + 50) / 2
        assert_eq!(a.unit, unit);
        assert_eq!(
            (rows[1].frequency, rows[1].t, rows[1].monetary_value),
            (0, 0.0, 0.0)
        );
    }
    let json =
        serde_json::to_value(&rfm_summary(&list, &opts(TimeUnit::Weeks)).unwrap()[0]).unwrap();
    assert_eq!(json["T"], 4.0);
    assert_eq!(json["unit"], "weeks");
    assert_eq!(json["monetaryValue"], 40.0);
    assert_eq!(json["customerId"], "a");
}

#[test]
fn calibration_end_offset_and_duplicates() {
    let list = vec![
        tx("a", "2026-01-01T23:30:00Z", 10.0),
        tx("a", "2026-01-02T00:30:00Z", 10.0),
        tx("a", "2026-03-01T00:00:00Z", 99.0),
        tx("a", "2026-01-02T00:30:00Z", 10.0),
    ];
    let o: RfmOptions =
        serde_json::from_str(r#"{"unit": "days", "calibrationEnd": "2026-01-31T12:00:00Z"}"#)
            .unwrap();
    let mut acc = RfmAccumulator::new(&o).unwrap();
    acc.push_all(&list).unwrap();
    let r = acc.finish().unwrap();
    assert_eq!(r.after_calibration, 1);
    assert_eq!(r.calibration_end.to_string(), "2026-01-31");
    let a = &r.customers[0];
    assert_eq!(
        (a.frequency, a.recency, a.t, a.monetary_value),
        (1, 1.0, 30.0, 20.0)
    );
    // UTC+2: both first purchases fall on 2 January: no repeat purchase.
    let o2 = RfmOptions {
        utc_offset_minutes: Some(120),
        ..o.clone()
    };
    let r2 = rfm_summary(&list, &o2).unwrap();
    assert_eq!((r2[0].frequency, r2[0].t), (0, 29.0));
    // Dropping exact duplicates: the repeat day is worth 10, not 20.
    let o3 = RfmOptions {
        duplicates: Some(Duplicates::Drop),
        ..o.clone()
    };
    let mut acc3 = RfmAccumulator::new(&o3).unwrap();
    acc3.push_all(&list).unwrap();
    let r3 = acc3.finish().unwrap();
    assert_eq!(r3.customers[0].monetary_value, 10.0);
    assert_eq!(r3.duplicates_dropped, 1);
    assert!(serde_json::from_str::<RfmOptions>(r#"{"calibrationEnd": "30/09/1997"}"#).is_err());
    assert!(serde_json::from_str::<RfmOptions>(r#"{"unit": "fortnights"}"#).is_err());
}

#[test]
fn bad_transactions_are_typed_errors_or_counted() {
    let list = vec![
        tx("a", "2026-01-01T00:00:00Z", 10.0),
        tx("a", "2026-01-02T00:00:00Z", -5.0),
        tx("", "2026-01-03T00:00:00Z", 1.0),
        tx("b", "2026-01-03T00:00:00Z", f64::NAN),
    ];
    let e = rfm_summary(&list, &RfmOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidAmount);
    assert_eq!(e.field.as_deref(), Some("transactions[1].amount"));
    assert_eq!(e.index, Some(1));
    let skip = RfmOptions {
        on_invalid: Some(OnInvalid::Skip),
        ..RfmOptions::default()
    };
    let mut acc = RfmAccumulator::new(&skip).unwrap();
    acc.push_all(&list).unwrap();
    let r = acc.finish().unwrap();
    assert_eq!(r.customers.len(), 1);
    assert_eq!(r.rejected[&ErrorCode::InvalidAmount], 2);
    assert_eq!(r.rejected[&ErrorCode::MissingField], 1);
    // Nothing valid: empty_input.
    assert_eq!(
        rfm_summary(&[], &RfmOptions::default()).unwrap_err().code,
        ErrorCode::EmptyInput
    );
    let bad_offset = RfmOptions {
        utc_offset_minutes: Some(5000),
        ..RfmOptions::default()
    };
    assert_eq!(
        RfmAccumulator::new(&bad_offset).unwrap_err().code,
        ErrorCode::InvalidOption
    );
    // A refused batch leaves the accumulator unchanged.
    let mut acc = RfmAccumulator::new(&RfmOptions::default()).unwrap();
    acc.push(&list[0], None).unwrap();
    let before = acc.clone();
    assert!(acc.push_all(&list).is_err());
    assert_eq!(acc, before);
}

#[test]
fn state_round_trips_and_is_checked() {
    let mut acc = RfmAccumulator::new(&opts(TimeUnit::Weeks)).unwrap();
    acc.push_all(&[
        tx("a", "2026-01-01T00:00:00Z", 10.0),
        tx("a", "2026-01-09T00:00:00Z", 12.5),
        tx("a", "2026-01-09T00:00:00Z", 12.5),
    ])
    .unwrap();
    let state = acc.state();
    let json = serde_json::to_value(&state).unwrap();
    assert_eq!(json["format"], "cxkit.ltv.rfm.v1");
    assert_eq!(json["customers"]["a"][1][2], 2);
    let back: RfmState = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(RfmAccumulator::from_state(&back).unwrap(), acc);
    let mut wrong = back.clone();
    wrong.format = "cxkit.ltv.rfm.v0".into();
    assert_eq!(
        RfmAccumulator::from_state(&wrong).unwrap_err().code,
        ErrorCode::InvalidState
    );
    let mut negative = back.clone();
    negative.customers.get_mut("a").unwrap()[0].1 = -1.0;
    assert_eq!(
        RfmAccumulator::from_state(&negative).unwrap_err().code,
        ErrorCode::InvalidState
    );
    let other = RfmAccumulator::new(&opts(TimeUnit::Days)).unwrap();
    assert_eq!(
        acc.clone().merge(&other).unwrap_err().code,
        ErrorCode::IncompatibleState
    );
}

fn arb_tx() -> impl Strategy<Value = Transaction> {
    (
        0u8..6,
        0i64..(86_400 * 120),
        prop_oneof![Just(0.0), 0.0..500.0f64, Just(19.99)],
    )
        .prop_map(|(c, secs, amount)| {
            let at = chrono::DateTime::from_timestamp(1_767_225_600 + secs, 0).unwrap();
            Transaction::new(format!("c{c}"), at, amount)
        })
}

proptest! {
    /// Any split, any order: finish(merge(parts)) == finish(batch), exactly, also through the
    /// serialised state.
    #[test]
    fn merge_equals_batch(
        list in prop::collection::vec(arb_tx(), 1..60),
        cut in 0usize..60,
        unit in prop_oneof![Just(TimeUnit::Days), Just(TimeUnit::Weeks), Just(TimeUnit::Months)],
        drop in any::<bool>(),
    ) {
        let o = RfmOptions {
            unit: Some(unit),
            duplicates: Some(if drop { Duplicates::Drop } else { Duplicates::Keep }),
            ..RfmOptions::default()
        };
        let mut batch = RfmAccumulator::new(&o).unwrap();
        batch.push_all(&list).unwrap();
        let cut = cut.min(list.len());
        let (x, y) = list.split_at(cut);
        let mut a = RfmAccumulator::new(&o).unwrap();
        a.push_all(y).unwrap();
        let mut b = RfmAccumulator::new(&o).unwrap();
        let mut reversed = x.to_vec();
        reversed.reverse();
        b.push_all(&reversed).unwrap();
        let b = RfmAccumulator::from_state(
            &serde_json::from_str(&serde_json::to_string(&b.state()).unwrap()).unwrap(),
        ).unwrap();
        a.merge(&b).unwrap();
        prop_assert_eq!(a.finish().unwrap(), batch.finish().unwrap());
    }

    /// Rows are always consistent: 0 ≤ recency ≤ T, recency 0 without repeats, finite spend.
    #[test]
    fn rows_are_consistent(list in prop::collection::vec(arb_tx(), 1..60)) {
        for r in rfm_summary(&list, &RfmOptions::default()).unwrap() {
            prop_assert!(r.check("row").is_ok(), "{:?}", r);
        }
    }
}

#[test]
fn transactions_read_strict_rfc3339() {
    let ok: Transaction = serde_json::from_str(
        r#"{"customerId": "a", "at": "2026-03-01T10:15:00+02:00", "amount": 1}"#,
    )
    .unwrap();
    assert_eq!(ok.at.to_rfc3339(), "2026-03-01T08:15:00+00:00");
    assert_eq!(
        serde_json::to_value(&ok).unwrap()["at"],
        "2026-03-01T08:15:00Z"
    );
    for bad in [
        "2026-03-01",
        "yesterday",
        "2026-03-01 10:15",
        "2026-13-01T00:00:00Z",
    ] {
        let json = format!(r#"{{"customerId": "a", "at": "{bad}", "amount": 1}}"#);
        let e = serde_json::from_str::<Transaction>(&json).unwrap_err();
        assert!(e.to_string().contains("RFC 3339"), "{bad}: {e}");
    }
}
