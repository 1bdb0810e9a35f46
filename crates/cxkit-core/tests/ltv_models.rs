//! BG/NBD, Gamma–Gamma and CLV: bad input, units, non-convergence, and never NaN.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly on purpose

use cxkit_core::ErrorCode;
use cxkit_core::ltv::*;
use proptest::prelude::*;

const W: TimeUnit = TimeUnit::Weeks;

fn params() -> BgNbdParams {
    BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
        unit: W,
    }
}

fn small_summary() -> Vec<CustomerRfm> {
    vec![
        CustomerRfm::new(2, 30.43, 38.86, 22.35, W),
        CustomerRfm::new(1, 1.71, 38.86, 11.77, W),
        CustomerRfm::new(0, 0.0, 38.86, 0.0, W),
        CustomerRfm::new(5, 20.0, 30.0, 15.0, W),
        CustomerRfm::new(0, 0.0, 31.0, 0.0, W),
        CustomerRfm::new(1, 3.0, 25.0, 40.0, W),
    ]
}

#[test]
fn fit_bad_input_is_typed() {
    let o = FitOptions::default();
    assert_eq!(fit_bg_nbd(&[], &o).unwrap_err().code, ErrorCode::EmptyInput);
    let mut s = small_summary();
    s[3].unit = TimeUnit::Days;
    let e = fit_bg_nbd(&s, &o).unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::UnitMismatch, Some(3)));
    let mut s = small_summary();
    s[1].recency = 50.0; // > T
    let e = fit_bg_nbd(&s, &o).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidValue);
    assert_eq!(e.field.as_deref(), Some("summary[1].recency"));
    let mut s = small_summary();
    s[2].recency = 3.0; // frequency 0 with recency
    assert_eq!(
        fit_bg_nbd(&s, &o).unwrap_err().code,
        ErrorCode::InvalidValue
    );
    let mut s = small_summary();
    s[0].t = f64::NAN;
    assert_eq!(
        fit_bg_nbd(&s, &o).unwrap_err().code,
        ErrorCode::InvalidValue
    );
    for bad in [
        FitOptions {
            penalizer: Some(-1.0),
            ..o
        },
        FitOptions {
            tolerance: Some(0.0),
            ..o
        },
    ] {
        assert_eq!(
            fit_bg_nbd(&small_summary(), &bad).unwrap_err().code,
            ErrorCode::InvalidOption
        );
    }
    // Gamma–Gamma
    let zeros: Vec<_> = (0..5)
        .map(|_| CustomerRfm::new(0, 0.0, 10.0, 0.0, W))
        .collect();
    assert_eq!(
        fit_gamma_gamma(&zeros, &o).unwrap_err().code,
        ErrorCode::EmptyInput
    );
    let mut s = small_summary();
    s[3].monetary_value = 0.0;
    let e = fit_gamma_gamma(&s, &o).unwrap_err();
    assert_eq!((e.code, e.index), (ErrorCode::InvalidValue, Some(3)));
}

#[test]
fn no_repeat_purchases_do_not_converge_but_stay_finite() {
    // Without any repeat purchase the likelihood increases towards r → 0: the optimiser stops
    // at the bound with converged = false, finite parameters and a finite log-likelihood.
    let zeros: Vec<_> = (0..20)
        .map(|i| CustomerRfm::new(0, 0.0, 10.0 + f64::from(i), 0.0, W))
        .collect();
    let fit = fit_bg_nbd(&zeros, &FitOptions::default()).unwrap();
    assert!(!fit.converged, "{fit:?}");
    for v in [fit.r, fit.alpha, fit.a, fit.b, fit.log_likelihood] {
        assert!(v.is_finite(), "{fit:?}");
    }
    // A penalty shrinks the parameters and still converges on ordinary data.
    let plain = fit_bg_nbd(&small_summary(), &FitOptions::default()).unwrap();
    let pen = fit_bg_nbd(
        &small_summary(),
        &FitOptions {
            penalizer: Some(0.1),
            ..FitOptions::default()
        },
    )
    .unwrap();
    assert!(pen.converged, "{pen:?}");
    assert!(pen.log_likelihood <= plain.log_likelihood);
    // Too few iterations: not converged, best point so far.
    let short = fit_bg_nbd(
        &small_summary(),
        &FitOptions {
            max_iterations: Some(2),
            ..FitOptions::default()
        },
    )
    .unwrap();
    assert!(!short.converged && short.iterations <= 2);
}

#[test]
fn fit_result_serialises_with_the_npm_names_and_feeds_predictions() {
    let fit = fit_bg_nbd(&small_summary(), &FitOptions::default()).unwrap();
    let json = serde_json::to_value(fit).unwrap();
    for key in [
        "r",
        "alpha",
        "a",
        "b",
        "logLikelihood",
        "converged",
        "iterations",
        "unit",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    // The fit output is accepted where parameters are expected.
    let p: BgNbdParams = serde_json::from_value(json).unwrap();
    assert_eq!(p, fit.params());
    let gg = fit_gamma_gamma(&small_summary(), &FitOptions::default()).unwrap();
    let json = serde_json::to_value(gg).unwrap();
    for key in ["p", "q", "gamma", "logLikelihood"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    let _: GammaGammaParams = serde_json::from_value(json).unwrap();
    // Parameters without a unit are refused: the unit is never implicit.
    assert!(
        serde_json::from_str::<BgNbdParams>(r#"{"r": 1, "alpha": 1, "a": 1, "b": 1}"#).is_err()
    );
    assert!(
        serde_json::from_str::<CustomerRfm>(r#"{"frequency": 1, "recency": 1, "T": 2}"#).is_err()
    );
}

#[test]
fn units_are_converted_or_refused() {
    let p = params();
    let weeks = CustomerRfm::new(3, 20.0, 30.0, 10.0, W);
    let days = weeks.in_unit(TimeUnit::Days);
    assert_eq!((days.recency, days.t), (140.0, 210.0));
    let e1 = bg_nbd_expected_purchases(&p, &weeks, 10.0).unwrap();
    let e2 = bg_nbd_expected_purchases(&p, &days, 10.0).unwrap();
    assert!((e1 - e2).abs() < 1e-12 * e1);
    // A model in days gives the same predictions when α and t are rescaled.
    let pd = BgNbdParams {
        alpha: p.alpha * 7.0,
        unit: TimeUnit::Days,
        ..p
    };
    let e3 = bg_nbd_expected_purchases(&pd, &weeks, 70.0).unwrap();
    assert!((e1 - e3).abs() < 1e-12 * e1);
    assert_eq!(
        bg_nbd_log_likelihood(&pd, &small_summary())
            .unwrap_err()
            .code,
        ErrorCode::UnitMismatch
    );
}

#[test]
fn prediction_bad_input_is_typed() {
    let c = CustomerRfm::new(2, 30.43, 38.86, 22.35, W);
    for bad in [
        BgNbdParams { r: 0.0, ..params() },
        BgNbdParams {
            alpha: -1.0,
            ..params()
        },
        BgNbdParams {
            a: f64::NAN,
            ..params()
        },
        BgNbdParams {
            b: f64::INFINITY,
            ..params()
        },
    ] {
        assert_eq!(
            bg_nbd_probability_alive(&bad, &c).unwrap_err().code,
            ErrorCode::InvalidParameter
        );
        assert_eq!(
            bg_nbd_expected_purchases(&bad, &c, 1.0).unwrap_err().code,
            ErrorCode::InvalidParameter
        );
    }
    for t in [-1.0, f64::NAN, f64::INFINITY] {
        let e = bg_nbd_expected_purchases(&params(), &c, t).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidParameter, Some("t"))
        );
        assert!(bg_nbd_expected_purchases_new_customer(&params(), t).is_err());
    }
    assert_eq!(bg_nbd_expected_purchases(&params(), &c, 0.0).unwrap(), 0.0);
    let mut bad_c = c.clone();
    bad_c.recency = 40.0;
    assert_eq!(
        bg_nbd_expected_purchases(&params(), &bad_c, 1.0)
            .unwrap_err()
            .code,
        ErrorCode::InvalidValue
    );
    // q ≤ 1: the population mean spend is infinite.
    let gg = GammaGammaParams {
        p: 2.0,
        q: 0.8,
        gamma: 10.0,
    };
    let new = CustomerRfm::new(0, 0.0, 5.0, 0.0, W);
    assert_eq!(
        expected_average_spend(&gg, &new).unwrap_err().code,
        ErrorCode::InvalidParameter
    );
    assert!(expected_average_spend(&gg, &c).is_ok()); // 2·2 + 0.8 > 1
    let models = ClvModels {
        bg_nbd: params(),
        gamma_gamma: GammaGammaParams {
            p: 6.25,
            q: 3.74,
            gamma: 15.44,
        },
    };
    for o in [
        ClvOptions {
            monthly_discount_rate: Some(-1.0),
            ..ClvOptions::default()
        },
        ClvOptions {
            days_per_month: Some(0.0),
            ..ClvOptions::default()
        },
        ClvOptions {
            gross_margin: Some(2.0),
            ..ClvOptions::default()
        },
    ] {
        assert_eq!(
            customer_lifetime_value(&models, &c, &o).unwrap_err().code,
            ErrorCode::InvalidParameter
        );
    }
    let zero = customer_lifetime_value(
        &models,
        &c,
        &ClvOptions {
            months: Some(0),
            ..ClvOptions::default()
        },
    )
    .unwrap();
    assert_eq!((zero.value, zero.monthly.len()), (0.0, 0));
}

#[test]
fn clv_adds_up_its_months_and_discounts() {
    let models = ClvModels {
        bg_nbd: params(),
        gamma_gamma: GammaGammaParams {
            p: 6.25,
            q: 3.74,
            gamma: 15.44,
        },
    };
    let c = CustomerRfm::new(7, 29.43, 35.14, 73.74, W);
    let o = ClvOptions {
        months: Some(24),
        monthly_discount_rate: Some(0.0),
        ..ClvOptions::default()
    };
    let v = customer_lifetime_value(&models, &c, &o).unwrap();
    assert!((v.monthly.iter().sum::<f64>() - v.value).abs() < 1e-9);
    // Undiscounted CLV = expected purchases over the horizon × expected spend.
    assert!((v.value - v.expected_purchases * v.expected_average_spend).abs() < 1e-9 * v.value);
    let month = 365.2425 / 12.0 / 7.0;
    let e = bg_nbd_expected_purchases(&params(), &c, 24.0 * month).unwrap();
    assert!((v.expected_purchases - e).abs() < 1e-12);
    let start = customer_lifetime_value(
        &models,
        &c,
        &ClvOptions {
            timing: Some(CashTiming::Start),
            monthly_discount_rate: Some(0.02),
            ..o
        },
    )
    .unwrap();
    let end = customer_lifetime_value(
        &models,
        &c,
        &ClvOptions {
            monthly_discount_rate: Some(0.02),
            ..o
        },
    )
    .unwrap();
    assert!((start.value / end.value - 1.02).abs() < 1e-12);
    let half = customer_lifetime_value(
        &models,
        &c,
        &ClvOptions {
            gross_margin: Some(0.5),
            ..o
        },
    )
    .unwrap();
    assert!((half.value * 2.0 - v.value).abs() < 1e-9);
}

fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.ln()..hi.ln()).prop_map(f64::exp)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Predictions are finite and non-negative (P(alive) in [0, 1]) or a typed error; never NaN,
    /// never a panic, over parameters spanning 10⁻³ to 10³.
    #[test]
    fn predictions_never_nan(
        r in log_uniform(1e-3, 1e3), alpha in log_uniform(1e-3, 1e3),
        a in log_uniform(1e-3, 1e3), b in log_uniform(1e-3, 1e3),
        x in 0u32..300, frac_tx in 0.0..=1.0f64, big_t in 0.0..500.0f64,
        t in prop_oneof![Just(0.0), 0.0..2000.0f64],
        months in 0u32..48, d in -0.5..0.5f64,
        p in log_uniform(1e-2, 1e2), q in log_uniform(1e-2, 1e2), g in log_uniform(1e-2, 1e3),
        m in 0.0..1e4f64,
    ) {
        let params = BgNbdParams { r, alpha, a, b, unit: W };
        let tx = if x == 0 { 0.0 } else { frac_tx * big_t };
        let c = CustomerRfm::new(x, tx, big_t, if x == 0 { 0.0 } else { m }, W);
        let alive = bg_nbd_probability_alive(&params, &c).unwrap();
        prop_assert!((0.0..=1.0).contains(&alive));
        match bg_nbd_expected_purchases(&params, &c, t) {
            Ok(e) => prop_assert!(e.is_finite() && e >= 0.0, "{}", e),
            Err(e) => prop_assert_eq!(e.code, ErrorCode::InvalidParameter),
        }
        match bg_nbd_expected_purchases_new_customer(&params, t) {
            Ok(e) => prop_assert!(e.is_finite() && e >= 0.0, "{}", e),
            Err(e) => prop_assert_eq!(e.code, ErrorCode::InvalidParameter),
        }
        let models = ClvModels { bg_nbd: params, gamma_gamma: GammaGammaParams { p, q, gamma: g } };
        let o = ClvOptions { months: Some(months), monthly_discount_rate: Some(d), ..ClvOptions::default() };
        match customer_lifetime_value(&models, &c, &o) {
            Ok(v) => prop_assert!(v.value.is_finite() && v.monthly.iter().all(|m| m.is_finite())),
            Err(e) => prop_assert_eq!(e.code, ErrorCode::InvalidParameter),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Fitting any valid summary returns finite parameters (converged or not) or a typed error.
    #[test]
    fn fits_never_nan(rows in prop::collection::vec((0u32..30, 0.0..=1.0f64, 0.0..100.0f64, 0.01..1e3f64), 1..40)) {
        let summary: Vec<CustomerRfm> = rows.iter().map(|&(x, f, big_t, m)| {
            CustomerRfm::new(x, if x == 0 { 0.0 } else { f * big_t }, big_t, if x == 0 { 0.0 } else { m }, W)
        }).collect();
        match fit_bg_nbd(&summary, &FitOptions::default()) {
            Ok(fit) => prop_assert!([fit.r, fit.alpha, fit.a, fit.b, fit.log_likelihood].iter().all(|v| v.is_finite()), "{:?}", fit),
            Err(e) => prop_assert!(matches!(e.code, ErrorCode::InvalidValue | ErrorCode::EmptyInput), "{:?}", e),
        }
        match fit_gamma_gamma(&summary, &FitOptions::default()) {
            Ok(fit) => prop_assert!([fit.p, fit.q, fit.gamma, fit.log_likelihood].iter().all(|v| v.is_finite()), "{:?}", fit),
            Err(e) => prop_assert_eq!(e.code, ErrorCode::EmptyInput),
        }
    }
}
