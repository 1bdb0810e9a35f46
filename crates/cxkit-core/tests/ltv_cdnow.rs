//! The published CDNOW results (Fader, Hardie & Lee 2005; Fader & Hardie 2013), from the summary
//! files that ship in Lifetimes 0.11.3 (see `tests/fixtures/ltv/README.md`).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly on purpose

use std::path::PathBuf;
use std::time::Instant;

use cxkit_core::ltv::*;
use cxkit_core::model::Transaction;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ltv")
        .join(name);
    std::fs::read_to_string(&path).unwrap()
}

/// `ID,frequency,recency,T` (and `zbar` in the second file), weeks.
fn summary(name: &str) -> Vec<CustomerRfm> {
    fixture(name)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            CustomerRfm {
                customer_id: Some(f[0].to_string()),
                frequency: f[1].parse().unwrap(),
                recency: f[2].parse().unwrap(),
                t: f[3].parse().unwrap(),
                monetary_value: f.get(4).map_or(0.0, |m| m.parse().unwrap()),
                unit: TimeUnit::Weeks,
            }
        })
        .collect()
}

fn round(x: f64, digits: i32) -> f64 {
    let s = 10f64.powi(digits);
    (x * s).round() / s
}

#[test]
fn bg_nbd_reproduces_fader_hardie_lee_2005() {
    let s = summary("cdnow_customers_summary.csv");
    assert_eq!(s.len(), 2357);
    let start = Instant::now();
    let fit = fit_bg_nbd(&s, &FitOptions::default()).unwrap();
    let elapsed = start.elapsed();
    eprintln!("BG/NBD CDNOW fit: {fit:?} in {elapsed:?}");
    assert!(fit.converged);
    assert_eq!(fit.unit, TimeUnit::Weeks);
    assert_eq!(fit.customers, 2357);
    // FHL (2005), §5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    assert_eq!(round(fit.r, 3), 0.243);
    assert_eq!(round(fit.alpha, 3), 4.414);
    assert_eq!(round(fit.a, 3), 0.793);
    assert_eq!(round(fit.b, 3), 2.426);
    assert_eq!(round(fit.log_likelihood, 1), -9582.4);
    let ll = bg_nbd_log_likelihood(&fit.params(), &s).unwrap();
    assert_eq!(ll, fit.log_likelihood);
}

#[test]
fn gamma_gamma_reproduces_fader_hardie_2013() {
    let s = summary("cdnow_customers_summary_with_transactions.csv");
    assert_eq!(s.len(), 2357);
    let start = Instant::now();
    let fit = fit_gamma_gamma(&s, &FitOptions::default()).unwrap();
    eprintln!("Gamma-Gamma CDNOW fit: {fit:?} in {:?}", start.elapsed());
    assert!(fit.converged);
    assert_eq!(fit.customers, 946);
    // Fader & Hardie (2013): p = 6.25, q = 3.74, γ = 15.44.
    assert_eq!(round(fit.p, 2), 6.25);
    assert_eq!(round(fit.q, 2), 3.74);
    assert!((fit.gamma - 15.44).abs() <= 0.01, "{}", fit.gamma);
    // The optimum is 15.4477 (Lifetimes 0.11.3 finds the same); the published rounded values
    // have a lower likelihood.
    let published = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        gamma: 15.44,
    };
    assert!(gamma_gamma_log_likelihood(&published, &s).unwrap() < fit.log_likelihood);
    assert!((fit.gamma - 15.447_748).abs() < 1e-5);
}

/// The raw CDNOW sample (the 2,357 customers' 6,919 purchase records) through `rfm_summary`
/// gives the published summary: x, t_x and T in weeks to the file's two decimals, zbar to a cent.
#[test]
fn rfm_summary_of_the_raw_cdnow_sample_matches_the_published_summary() {
    let raw = fixture("CDNOW_sample.txt");
    let mut tx = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        // master id, sample id, yyyymmdd, CDs bought, dollar value
        let d = f[2];
        let at = format!("{}-{}-{}T00:00:00Z", &d[0..4], &d[4..6], &d[6..8]);
        let id = f[1].trim_start_matches('0').to_string();
        tx.push(Transaction::new(
            id,
            at.parse().unwrap(),
            f[4].parse().unwrap(),
        ));
    }
    assert_eq!(tx.len(), 6919);
    let options: RfmOptions =
        serde_json::from_str(r#"{"unit": "weeks", "calibrationEnd": "1997-09-30"}"#).unwrap();
    let mut acc = RfmAccumulator::new(&options).unwrap();
    acc.push_all(&tx).unwrap();
    let report = acc.finish().unwrap();
    let expected = summary("cdnow_customers_summary_with_transactions.csv");
    assert_eq!(report.customers.len(), expected.len());
    let by_id: std::collections::HashMap<_, _> = report
        .customers
        .iter()
        .map(|c| (c.customer_id.clone().unwrap(), c))
        .collect();
    let mut mismatches = Vec::new();
    for e in &expected {
        let got = by_id[e.customer_id.as_ref().unwrap()];
        let ok = got.frequency == e.frequency
            && (got.recency - e.recency).abs() < 0.006
            && (got.t - e.t).abs() < 0.006
            && (got.monetary_value - e.monetary_value).abs() < 0.006;
        if !ok {
            mismatches.push((e.clone(), got.clone()));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches, first: {:?}",
        mismatches.len(),
        mismatches.first()
    );
    eprintln!(
        "after calibration: {}, transactions: {}",
        report.after_calibration, report.transactions
    );
}

/// The same customers in days (or months): r, a, b unchanged, α scaled by the unit, and the
/// predictions identical — the fitted model carries its unit.
#[test]
fn the_fit_is_equivariant_in_the_time_unit() {
    let weeks = summary("cdnow_customers_summary.csv");
    let w = fit_bg_nbd(&weeks, &FitOptions::default()).unwrap();
    for unit in [TimeUnit::Days, TimeUnit::Months] {
        let rows: Vec<CustomerRfm> = weeks.iter().map(|c| c.in_unit(unit)).collect();
        let f = fit_bg_nbd(&rows, &FitOptions::default()).unwrap();
        assert!(f.converged, "{f:?}");
        assert_eq!(f.unit, unit);
        let scale = TimeUnit::Weeks.factor_to(unit);
        for (a, b) in [
            (f.r, w.r),
            (f.alpha, w.alpha * scale),
            (f.a, w.a),
            (f.b, w.b),
        ] {
            assert!(((a - b) / b).abs() < 1e-5, "{unit:?}: {a} vs {b}");
        }
        let c = &weeks[0];
        let e_w = bg_nbd_expected_purchases(&w.params(), c, 52.0).unwrap();
        let e_u = bg_nbd_expected_purchases(&f.params(), c, 52.0 * scale).unwrap();
        assert!(((e_w - e_u) / e_w).abs() < 1e-5);
    }
}
