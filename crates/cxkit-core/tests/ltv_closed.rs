//! Closed-form and cohort lifetime value: known answers, conventions, bad input.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly on purpose

use cxkit_core::ErrorCode;
use cxkit_core::ltv::*;
use proptest::prelude::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

fn input(churn: f64, d: f64, periods: Option<u32>, timing: CashTiming) -> DiscountedLtvInput {
    DiscountedLtvInput {
        arpu: 100.0,
        gross_margin: Some(0.5),
        churn_rate: churn,
        discount_rate: d,
        periods,
        timing: Some(timing),
    }
}

/// Brute-force sums of the two conventions, period by period.
fn brute(m: f64, churn: f64, d: f64, n: u32, timing: CashTiming) -> f64 {
    let rho = 1.0 - churn;
    (0..n)
        .map(|k| {
            let k = f64::from(k);
            match timing {
                CashTiming::Start => m * (rho / (1.0 + d)).powf(k),
                CashTiming::End => m * (rho / (1.0 + d)).powf(k + 1.0),
            }
        })
        .sum()
}

#[test]
fn simple_ltv_and_expected_lifetime() {
    let v = simple_ltv(&SimpleLtvInput {
        arpu: 30.0,
        gross_margin: None,
        churn_rate: 0.05,
    })
    .unwrap();
    assert!(close(v.value, 600.0, 1e-15));
    assert!(close(v.expected_lifetime, 20.0, 1e-15));
    assert_eq!(expected_lifetime(1.0).unwrap(), 1.0);
    let json = serde_json::to_value(v).unwrap();
    assert!(json.get("expectedLifetime").is_some() && json.get("marginPerPeriod").is_some());
}

#[test]
fn discounted_closed_forms_match_brute_force_sums() {
    for timing in [CashTiming::Start, CashTiming::End] {
        for (churn, d) in [
            (0.2, 0.1),
            (0.03, 0.01),
            (0.5, 0.0),
            (1.0, 0.2),
            (0.1, -0.05),
        ] {
            for n in [1, 2, 12, 60] {
                let v = discounted_ltv(&input(churn, d, Some(n), timing)).unwrap();
                assert!(
                    close(v.value, brute(50.0, churn, d, n, timing), 1e-12),
                    "{timing:?} {churn} {d} {n}"
                );
            }
            let inf = discounted_ltv(&input(churn, d, None, timing)).unwrap();
            assert!(
                close(inf.value, brute(50.0, churn, d, 20_000, timing), 1e-9),
                "{timing:?} {churn} {d}: {} vs {}",
                inf.value,
                brute(50.0, churn, d, 20_000, timing)
            );
        }
    }
    // Zero churn and zero discount over 10 periods: 10 payments (start), 10 (end).
    let v = discounted_ltv(&input(0.0, 0.0, Some(10), CashTiming::End)).unwrap();
    assert!(close(v.value, 500.0, 1e-12));
    // Undiscounted, start, infinite = simple LTV.
    let d0 = discounted_ltv(&input(0.04, 0.0, None, CashTiming::Start)).unwrap();
    assert!(close(d0.value, 50.0 / 0.04, 1e-12));
    // Default timing is start.
    let mut i = input(0.2, 0.1, None, CashTiming::Start);
    i.timing = None;
    assert_eq!(discounted_ltv(&i).unwrap().timing, CashTiming::Start);
}

#[test]
fn impossible_parameters_are_typed_errors() {
    let bad = [
        input(0.0, 0.1, None, CashTiming::Start), // churn 0, infinite
        input(-0.1, 0.1, Some(3), CashTiming::End), // negative churn
        input(1.5, 0.1, None, CashTiming::Start), // churn > 1
        input(0.1, -1.0, None, CashTiming::Start), // discount −1
        input(0.1, -2.0, Some(5), CashTiming::Start),
        input(0.1, -0.2, None, CashTiming::End), // d + churn < 0: diverges
        input(f64::NAN, 0.1, None, CashTiming::End),
        input(0.1, f64::INFINITY, None, CashTiming::End),
    ];
    for i in bad {
        let e = discounted_ltv(&i).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidParameter, "{i:?}");
        assert!(e.field.is_some());
    }
    for churn in [0.0, -1.0, f64::NAN] {
        let e = simple_ltv(&SimpleLtvInput {
            arpu: 1.0,
            gross_margin: None,
            churn_rate: churn,
        })
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidParameter);
        assert_eq!(e.field.as_deref(), Some("churnRate"));
    }
    let e = simple_ltv(&SimpleLtvInput {
        arpu: -1.0,
        gross_margin: None,
        churn_rate: 0.1,
    })
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("arpu"));
    let e = simple_ltv(&SimpleLtvInput {
        arpu: 1.0,
        gross_margin: Some(1.5),
        churn_rate: 0.1,
    })
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("grossMargin"));
}

#[test]
fn wire_names_are_camel_case() {
    let i: DiscountedLtvInput = serde_json::from_str(
        r#"{"arpu": 10, "grossMargin": 0.5, "churnRate": 0.1, "discountRate": 0.01, "periods": 12, "timing": "end"}"#,
    )
    .unwrap();
    assert_eq!(i.timing, Some(CashTiming::End));
    assert!(serde_json::from_str::<DiscountedLtvInput>(r#"{"arpu": 1, "churn": 0.1}"#).is_err());
    let c: Vec<Cohort> = serde_json::from_str(
        r#"[{"cohort": "2026-01", "customers": 10, "values": [100, 50], "active": [10, 6]}]"#,
    )
    .unwrap();
    let out = serde_json::to_value(cohort_ltv(&c, &CohortLtvOptions::default()).unwrap()).unwrap();
    assert_eq!(out["cohorts"][0]["cumulativeValue"][1], 15.0);
    assert_eq!(out["overall"]["retention"][1], 0.6);
}

#[test]
fn cohort_ltv_discounting_and_pooling() {
    let table = vec![
        Cohort {
            cohort: "a".into(),
            customers: 100,
            values: vec![1000.0, 500.0, 250.0],
            active: Some(vec![100, 50, 25]),
        },
        Cohort {
            cohort: "b".into(),
            customers: 300,
            values: vec![3000.0, 900.0],
            active: Some(vec![300, 90]),
        },
        Cohort {
            cohort: "c".into(),
            customers: 50,
            values: vec![400.0],
            active: None,
        },
    ];
    let options = CohortLtvOptions {
        gross_margin: Some(0.5),
        discount_rate: Some(0.1),
        timing: Some(CashTiming::End),
    };
    let out = cohort_ltv(&table, &options).unwrap();
    let a = &out.cohorts[0];
    assert_eq!(a.cumulative_value, vec![5.0, 7.5, 8.75]);
    let expect = 5.0 / 1.1 + 2.5 / 1.21 + 1.25 / 1.331;
    assert!(close(a.discounted_cumulative_value[2], expect, 1e-14));
    assert_eq!(out.cohorts[2].retention, None);
    // Pooled period 0: (1000 + 3000 + 400) × 0.5 / 450; period 1: (500 + 900) × 0.5 / 400;
    // period 2: 250 × 0.5 / 100.
    let p = &out.overall;
    let per = [4400.0 * 0.5 / 450.0, 1400.0 * 0.5 / 400.0, 125.0 / 100.0];
    assert!(close(p.cumulative_value[2], per.iter().sum::<f64>(), 1e-14));
    assert_eq!(p.cohorts_observed, vec![3, 2, 1]);
    let ret = p.retention.as_ref().unwrap();
    assert!(close(ret[0], 1.0, 1e-15) && close(ret[1], 140.0 / 400.0, 1e-15));
    assert!(close(ret[2], 0.25, 1e-15));
}

#[test]
fn cohort_ltv_bad_input() {
    assert_eq!(
        cohort_ltv(&[], &CohortLtvOptions::default())
            .unwrap_err()
            .code,
        ErrorCode::EmptyInput
    );
    let mut c = Cohort {
        cohort: "x".into(),
        customers: 0,
        values: vec![1.0],
        active: None,
    };
    let e = cohort_ltv(std::slice::from_ref(&c), &CohortLtvOptions::default()).unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::InvalidValue, Some(0)));
    c.customers = 1;
    c.values = vec![1.0, f64::NAN];
    let e = cohort_ltv(&[c.clone()], &CohortLtvOptions::default()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("cohorts[0].values[1]"));
    c.values = vec![1.0];
    c.active = Some(vec![1, 1]);
    assert_eq!(
        cohort_ltv(&[c.clone()], &CohortLtvOptions::default())
            .unwrap_err()
            .code,
        ErrorCode::InvalidValue
    );
    c.active = None;
    let e = cohort_ltv(
        &[c],
        &CohortLtvOptions {
            discount_rate: Some(-1.0),
            ..CohortLtvOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidParameter);
}

proptest! {
    /// Whatever the numbers, a result is finite or a typed error: never NaN, never a panic.
    #[test]
    fn closed_forms_never_return_nan(
        arpu in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -1e3..1e12f64],
        margin in prop::option::of(-0.5..1.5f64),
        churn in prop_oneof![Just(0.0), Just(1.0), -0.5..1.5f64],
        d in prop_oneof![Just(-1.0), Just(0.0), -1.5..3.0f64],
        periods in prop::option::of(0u32..100_000),
        end in any::<bool>(),
    ) {
        let timing = Some(if end { CashTiming::End } else { CashTiming::Start });
        let i = DiscountedLtvInput { arpu, gross_margin: margin, churn_rate: churn, discount_rate: d, periods, timing };
        match discounted_ltv(&i) {
            Ok(v) => prop_assert!(v.value.is_finite() && v.value >= 0.0),
            Err(e) => prop_assert_eq!(e.code, ErrorCode::InvalidParameter),
        }
        match simple_ltv(&SimpleLtvInput { arpu, gross_margin: margin, churn_rate: churn }) {
            Ok(v) => prop_assert!(v.value.is_finite() && v.expected_lifetime.is_finite()),
            Err(e) => prop_assert_eq!(e.code, ErrorCode::InvalidParameter),
        }
    }

    #[test]
    fn cohort_ltv_never_returns_nan(
        rows in prop::collection::vec((0u64..1000, prop::collection::vec(-1e6..1e6f64, 0..8)), 0..5),
        d in prop::option::of(-0.99..1.0f64),
    ) {
        let table: Vec<Cohort> = rows.into_iter().enumerate().map(|(i, (n, values))| Cohort {
            cohort: i.to_string(), customers: n, values, active: None,
        }).collect();
        let options = CohortLtvOptions { discount_rate: d, ..CohortLtvOptions::default() };
        if let Ok(out) = cohort_ltv(&table, &options) {
            for c in &out.cohorts {
                prop_assert!(c.cumulative_value.iter().chain(&c.discounted_cumulative_value).all(|v| v.is_finite()));
            }
            prop_assert!(out.overall.cumulative_value.iter().all(|v| v.is_finite()));
        }
    }
}
