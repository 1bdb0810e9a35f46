//! Confidence intervals for proportions, for the Net Promoter Score and for means.
//!
//! Quantiles of the normal, Student t and beta distributions come from [`statrs`].
//!
//! References:
//! - E. B. Wilson (1927), "Probable inference, the law of succession, and statistical inference",
//!   *JASA* 22(158): the score interval.
//! - A. Agresti & B. A. Coull (1998), "Approximate is better than 'exact' for interval estimation of
//!   binomial proportions", *The American Statistician* 52(2).
//! - C. J. Clopper & E. S. Pearson (1934), "The use of confidence or fiducial limits illustrated in
//!   the case of the binomial", *Biometrika* 26(4): the exact (beta quantile) interval.
//! - L. D. Brown, T. T. Cai & A. DasGupta (2001), "Interval estimation for a binomial proportion",
//!   *Statistical Science* 16(2): the Jeffreys interval, with the convention that the lower limit is 0
//!   when x = 0 and the upper limit 1 when x = n.
//! - R. G. Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
//!   seven methods", *Statistics in Medicine* 17: the worked examples used as known answers in tests.
//! - B. Rocks (2016), "Interval estimation for the 'net promoter score'", *The American
//!   Statistician* 70(4): the adjusted-Wald NPS interval (¾ promoter, ¾ detractor and 1½ passive
//!   pseudo-responses, n + 3).
//!
//! Special functions for the lifetime-value models: [`ln_gamma`] and [`digamma`] (from
//! [`statrs`]) and the Gaussian hypergeometric function [`hyp2f1`] / [`ln_hyp2f1`] for positive
//! parameters, summed as its defining series (Abramowitz & Stegun 1964, *Handbook of Mathematical
//! Functions*, 15.1.1) in log scale.

use serde::{Deserialize, Serialize};
use statrs::distribution::{Beta, ContinuousCDF, Normal, StudentsT};

use crate::error::{Error, Result};

/// How a confidence interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IntervalMethod {
    /// Wilson score interval (the default for proportions).
    Wilson,
    /// Agresti–Coull "add z²/2 successes and failures" interval.
    AgrestiCoull,
    /// Clopper–Pearson exact interval from beta quantiles.
    ClopperPearson,
    /// Jeffreys interval: equal-tailed Beta(x + ½, n − x + ½) quantiles.
    Jeffreys,
    /// Normal approximation (Wald); for NPS, the trinomial-variance Wald interval (the NPS default).
    Wald,
    /// NPS only: Rocks (2016) adjusted-Wald interval.
    AdjustedWald,
    /// Means only: Student t interval (the CES interval).
    T,
}

impl IntervalMethod {
    /// The kebab-case name of the method, as it appears in options and results.
    pub const fn as_str(self) -> &'static str {
        match self {
            IntervalMethod::Wilson => "wilson",
            IntervalMethod::AgrestiCoull => "agresti-coull",
            IntervalMethod::ClopperPearson => "clopper-pearson",
            IntervalMethod::Jeffreys => "jeffreys",
            IntervalMethod::Wald => "wald",
            IntervalMethod::AdjustedWald => "adjusted-wald",
            IntervalMethod::T => "t",
        }
    }

    /// The methods that apply to a single proportion (CSAT).
    pub const PROPORTION: [IntervalMethod; 5] = [
        IntervalMethod::Wilson,
        IntervalMethod::AgrestiCoull,
        IntervalMethod::ClopperPearson,
        IntervalMethod::Jeffreys,
        IntervalMethod::Wald,
    ];
}

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interval {
    /// Lower limit.
    pub low: f64,
    /// Upper limit.
    pub high: f64,
    /// How it was computed.
    pub method: IntervalMethod,
    /// Confidence level in (0, 1), for example 0.95.
    pub confidence: f64,
}

impl Interval {
    /// Multiplies both limits by `factor` (for example 100 to express a proportion in percent).
    pub fn scaled(self, factor: f64) -> Interval {
        Interval {
            low: self.low * factor,
            high: self.high * factor,
            ..self
        }
    }
}

/// Checks that a confidence level lies strictly between 0 and 1.
pub fn check_confidence(confidence: f64) -> Result<f64> {
    if confidence.is_finite() && confidence > 0.0 && confidence < 1.0 {
        Ok(confidence)
    } else {
        Err(Error::option(
            "confidence",
            format!("options.confidence must be strictly between 0 and 1, got {confidence}"),
        ))
    }
}

fn standard_normal() -> Normal {
    // Mean 0 and standard deviation 1 are always valid parameters.
    Normal::standard()
}

/// The two-sided standard normal critical value z = Φ⁻¹(1 − (1 − confidence)/2).
///
/// ```
/// let z = cxkit_core::stats::z_value(0.95).unwrap();
/// assert!((z - 1.959_963_984_540_054).abs() < 1e-12);
/// ```
pub fn z_value(confidence: f64) -> Result<f64> {
    let c = check_confidence(confidence)?;
    Ok(standard_normal().inverse_cdf(0.5 + c / 2.0))
}

/// The two-sided Student t critical value with `df` degrees of freedom.
pub fn t_value(confidence: f64, df: f64) -> Result<f64> {
    let c = check_confidence(confidence)?;
    let t = StudentsT::new(0.0, 1.0, df).map_err(|e| {
        Error::new(
            crate::ErrorCode::InvalidOption,
            format!("cannot build a t distribution with {df} degrees of freedom: {e}"),
        )
    })?;
    Ok(t.inverse_cdf(0.5 + c / 2.0))
}

fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    match Beta::new(a, b) {
        Ok(beta) => beta.inverse_cdf(p),
        // Only reachable with non-positive shape parameters, which the callers exclude.
        Err(_) => f64::NAN,
    }
}

/// A confidence interval for the proportion `successes / n`, on the 0–1 scale.
///
/// `n` must be positive and `successes <= n`. Limits are clipped to [0, 1] for the methods that
/// can leave it (Wald, Agresti–Coull).
///
/// ```
/// use cxkit_core::stats::{proportion_interval, IntervalMethod};
/// // Newcombe (1998), example (a): 81 of 263, Wilson score interval 0.2553 to 0.3662.
/// let ci = proportion_interval(81, 263, 0.95, IntervalMethod::Wilson).unwrap();
/// assert_eq!((ci.low * 1e4).round(), 2553.0);
/// assert_eq!((ci.high * 1e4).round(), 3662.0);
/// ```
pub fn proportion_interval(
    successes: u64,
    n: u64,
    confidence: f64,
    method: IntervalMethod,
) -> Result<Interval> {
    if n == 0 {
        return Err(Error::new(
            crate::ErrorCode::EmptyInput,
            "a proportion needs at least one observation",
        ));
    }
    if successes > n {
        return Err(Error::new(
            crate::ErrorCode::InvalidState,
            format!("{successes} successes out of {n} observations"),
        ));
    }
    let alpha = 1.0 - check_confidence(confidence)?;
    let x = successes as f64;
    let nf = n as f64;
    let p = x / nf;
    let z = z_value(confidence)?;
    let (low, high) = match method {
        IntervalMethod::Wald => {
            let half = z * (p * (1.0 - p) / nf).sqrt();
            (p - half, p + half)
        }
        IntervalMethod::Wilson => {
            let z2 = z * z;
            let denom = 1.0 + z2 / nf;
            let centre = (p + z2 / (2.0 * nf)) / denom;
            let half = z / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
            (centre - half, centre + half)
        }
        IntervalMethod::AgrestiCoull => {
            let z2 = z * z;
            let n_tilde = nf + z2;
            let p_tilde = (x + z2 / 2.0) / n_tilde;
            let half = z * (p_tilde * (1.0 - p_tilde) / n_tilde).sqrt();
            (p_tilde - half, p_tilde + half)
        }
        IntervalMethod::ClopperPearson => {
            let low = if successes == 0 {
                0.0
            } else {
                beta_quantile(alpha / 2.0, x, nf - x + 1.0)
            };
            let high = if successes == n {
                1.0
            } else {
                beta_quantile(1.0 - alpha / 2.0, x + 1.0, nf - x)
            };
            (low, high)
        }
        IntervalMethod::Jeffreys => {
            let low = if successes == 0 {
                0.0
            } else {
                beta_quantile(alpha / 2.0, x + 0.5, nf - x + 0.5)
            };
            let high = if successes == n {
                1.0
            } else {
                beta_quantile(1.0 - alpha / 2.0, x + 0.5, nf - x + 0.5)
            };
            (low, high)
        }
        IntervalMethod::AdjustedWald | IntervalMethod::T => {
            return Err(Error::option(
                "interval",
                format!(
                    "options.interval \"{}\" does not apply to a proportion; use one of wilson, agresti-coull, clopper-pearson, jeffreys, wald",
                    method.as_str()
                ),
            ));
        }
    };
    Ok(Interval {
        low: low.clamp(0.0, 1.0),
        high: high.clamp(0.0, 1.0),
        method,
        confidence,
    })
}

/// The Net Promoter Score and its interval, on the −1..1 scale.
///
/// Returns `(score, margin_of_error, interval)`. With `Wald`, the interval is the score ± z·SE
/// with SE² = (p₊ + p₋ − (p₊ − p₋)²)/n, the variance of a response scored +1 (promoter), 0
/// (passive), −1 (detractor). With `AdjustedWald` (Rocks 2016), the same formula is applied after
/// adding ¾ to promoters, ¾ to detractors and 3 to n, and the interval is centred on the adjusted
/// score; the reported score stays the observed one. Limits are clipped to [−1, 1].
pub fn nps_interval(
    promoters: u64,
    detractors: u64,
    n: u64,
    confidence: f64,
    method: IntervalMethod,
) -> Result<(f64, f64, Interval)> {
    if n == 0 {
        return Err(Error::new(
            crate::ErrorCode::EmptyInput,
            "the NPS needs at least one response",
        ));
    }
    let z = z_value(confidence)?;
    let nf = n as f64;
    let score = (promoters as f64 - detractors as f64) / nf;
    let (centre, n_eff, pp, pd) = match method {
        IntervalMethod::Wald => (score, nf, promoters as f64 / nf, detractors as f64 / nf),
        IntervalMethod::AdjustedWald => {
            let n_adj = nf + 3.0;
            let pp = (promoters as f64 + 0.75) / n_adj;
            let pd = (detractors as f64 + 0.75) / n_adj;
            (pp - pd, n_adj, pp, pd)
        }
        other => {
            return Err(Error::option(
                "interval",
                format!(
                    "options.interval \"{}\" does not apply to the NPS; use \"wald\" or \"adjusted-wald\"",
                    other.as_str()
                ),
            ));
        }
    };
    let variance = (pp + pd - (pp - pd) * (pp - pd)).max(0.0) / n_eff;
    let moe = z * variance.sqrt();
    Ok((
        score,
        moe,
        Interval {
            low: (centre - moe).clamp(-1.0, 1.0),
            high: (centre + moe).clamp(-1.0, 1.0),
            method,
            confidence,
        },
    ))
}

/// A Student t interval for a mean: mean ± t(n − 1)·s/√n, with `s` the sample standard
/// deviation. With a single observation the interval is undefined and `None` is returned.
pub fn mean_interval(mean: f64, sd: f64, n: u64, confidence: f64) -> Result<Option<Interval>> {
    check_confidence(confidence)?;
    if n < 2 {
        return Ok(None);
    }
    let t = t_value(confidence, (n - 1) as f64)?;
    let half = t * sd / (n as f64).sqrt();
    Ok(Some(Interval {
        low: mean - half,
        high: mean + half,
        method: IntervalMethod::T,
        confidence,
    }))
}

pub use statrs::function::gamma::{digamma, ln_gamma};

/// The most terms [`ln_hyp2f1`] and the lifetime-value series sum before giving up (about 10 ms).
pub const MAX_SERIES_TERMS: usize = 5_000_000;

/// ln Σ_{k≥0} t_k for a series of positive terms given by ln t₀ and the ratio t_{k+1} / t_k =
/// `ratio(k)`, whose ratios tend to `limit` < 1. Sums in a rescaled form so that neither the
/// terms nor the sum overflow, and stops when the remaining tail, bounded geometrically by the
/// larger of the next ratio and `limit`, is below 10⁻¹⁷ of the sum. `None` when the series needs
/// more than [`MAX_SERIES_TERMS`] terms or a ratio is not finite and non-negative.
pub(crate) fn ln_positive_series(
    ln_t0: f64,
    limit: f64,
    ratio: impl Fn(f64) -> f64,
) -> Option<f64> {
    if !ln_t0.is_finite() || !(0.0..1.0).contains(&limit) {
        return None;
    }
    // Σ = e^scale (1 + rest): `rest` keeps the small sums exact for ln_1p.
    let mut scale = ln_t0;
    let mut rest = 0.0_f64;
    let mut term = 1.0_f64;
    let mut k = 0.0_f64;
    for _ in 0..MAX_SERIES_TERMS {
        let rho = ratio(k);
        if !(rho.is_finite() && rho >= 0.0) {
            return None;
        }
        term *= rho;
        rest += term;
        k += 1.0;
        if rest > 1e250 {
            let sum = 1.0 + rest;
            scale += sum.ln();
            term /= sum;
            rest = 0.0;
        }
        let sum = 1.0 + rest;
        if term <= 1e-17 * sum {
            let next = ratio(k).max(limit);
            if next < 1.0 && term * next / (1.0 - next) <= 1e-17 * sum {
                return Some(scale + rest.ln_1p());
            }
        }
        if term == 0.0 {
            return Some(scale + rest.ln_1p());
        }
    }
    None
}

fn check_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Result<()> {
    let ok = [a, b, c].iter().all(|v| v.is_finite() && *v > 0.0) && (0.0..1.0).contains(&z);
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            crate::ErrorCode::InvalidParameter,
            format!("hyp2f1 needs a, b, c > 0 and 0 <= z < 1, got a={a}, b={b}, c={c}, z={z}"),
        ))
    }
}

/// ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1.
///
/// ₂F₁(a, b; c; z) = Σ_{n≥0} (a)ₙ (b)ₙ / (c)ₙ zⁿ / n! (Abramowitz & Stegun 15.1.1), where every
/// term is positive in this domain, so the sum has no cancellation; it is accumulated in a rescaled
/// form so that values far beyond the range of `f64` (large a, b with z near 1) keep their
/// logarithm. The cost grows like 1 / (1 − z): up to [`MAX_SERIES_TERMS`] terms (z up to about
/// 1 − 10⁻⁵), beyond which an `invalid_parameter` error is returned. Checked against mpmath at
/// 30 digits (`tests/ltv_special.rs`).
///
/// ```
/// use cxkit_core::stats::{hyp2f1, ln_hyp2f1};
/// // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
/// let z: f64 = 0.75;
/// assert!((hyp2f1(1.0, 1.0, 2.0, z).unwrap() - (-(1.0 - z).ln() / z)).abs() < 1e-14);
/// // ₂F₁(a, b; b; z) = (1 − z)^(−a)
/// assert!((ln_hyp2f1(3.5, 2.0, 2.0, 0.5).unwrap() - 3.5 * 2f64.ln()).abs() < 1e-13);
/// ```
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Result<f64> {
    check_hyp2f1(a, b, c, z)?;
    ln_positive_series(0.0, z, |n| z * (a + n) * (b + n) / ((c + n) * (n + 1.0))).ok_or_else(|| {
        Error::new(
            crate::ErrorCode::InvalidParameter,
            format!("hyp2f1({a}, {b}; {c}; {z}) needs more than {MAX_SERIES_TERMS} series terms"),
        )
    })
}

/// ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1 (see [`ln_hyp2f1`]); an `invalid_parameter`
/// error when the value overflows `f64`.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Result<f64> {
    let v = ln_hyp2f1(a, b, c, z)?.exp();
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Error::new(
            crate::ErrorCode::InvalidParameter,
            format!("hyp2f1({a}, {b}; {c}; {z}) overflows; use ln_hyp2f1"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r4(x: f64) -> f64 {
        (x * 1e4).round() / 1e4
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn normal_and_t_quantiles_match_tables() {
        // Φ⁻¹(0.975), Φ⁻¹(0.95), Φ⁻¹(0.995) (Abramowitz & Stegun table 26.5).
        assert!(close(z_value(0.95).unwrap(), 1.959_963_984_540_054, 1e-12));
        assert!(close(z_value(0.90).unwrap(), 1.644_853_626_951_472, 1e-12));
        assert!(close(z_value(0.99).unwrap(), 2.575_829_303_548_901, 1e-12));
        // Student t two-sided 95 % critical values (any t table): df 1, 9, 29.
        assert!(close(
            t_value(0.95, 1.0).unwrap(),
            12.706_204_736_174_7,
            1e-8
        ));
        assert!(close(
            t_value(0.95, 9.0).unwrap(),
            2.262_157_162_798_205,
            1e-9
        ));
        assert!(close(
            t_value(0.95, 29.0).unwrap(),
            2.045_229_642_132_703,
            1e-9
        ));
    }

    #[test]
    fn confidence_must_be_inside_the_unit_interval() {
        for bad in [0.0, 1.0, -0.1, 1.5, f64::NAN, f64::INFINITY] {
            let err = z_value(bad).unwrap_err();
            assert_eq!(err.code, crate::ErrorCode::InvalidOption);
            assert_eq!(err.field.as_deref(), Some("options.confidence"));
        }
    }

    /// Newcombe (1998), Table II, methods 1 (Wald), 3 (Wilson score) and 5 (Clopper–Pearson),
    /// examples (a) 81/263, (b) 15/148, (c) 0/20, (d) 1/29. Wald limits below 0 are clipped.
    #[test]
    fn newcombe_1998_worked_examples() {
        type Limits = [(f64, f64); 3];
        let cases: [(u64, u64, Limits); 4] = [
            (
                81,
                263,
                [(0.2522, 0.3638), (0.2553, 0.3662), (0.2527, 0.3676)],
            ),
            (
                15,
                148,
                [(0.0527, 0.1500), (0.0624, 0.1605), (0.0578, 0.1617)],
            ),
            (0, 20, [(0.0, 0.0), (0.0, 0.1611), (0.0, 0.1684)]),
            (1, 29, [(0.0, 0.1009), (0.0061, 0.1718), (0.0009, 0.1776)]),
        ];
        for (x, n, expected) in cases {
            let methods = [
                IntervalMethod::Wald,
                IntervalMethod::Wilson,
                IntervalMethod::ClopperPearson,
            ];
            for (method, (lo, hi)) in methods.into_iter().zip(expected) {
                let ci = proportion_interval(x, n, 0.95, method).unwrap();
                assert_eq!(
                    (r4(ci.low), r4(ci.high)),
                    (lo, hi),
                    "{x}/{n} {}",
                    method.as_str()
                );
            }
        }
    }

    /// Values from an independent computation (scipy.stats.beta.ppf / the closed forms) at 95 %.
    #[test]
    fn jeffreys_and_agresti_coull_known_answers() {
        let j = proportion_interval(7, 20, 0.95, IntervalMethod::Jeffreys).unwrap();
        assert!(close(j.low, 0.172_276_213_631_912, 1e-9), "{}", j.low);
        assert!(close(j.high, 0.567_766_093_841_496_1, 1e-9), "{}", j.high);
        let ac = proportion_interval(7, 20, 0.95, IntervalMethod::AgrestiCoull).unwrap();
        assert!(close(ac.low, 0.179_926_361_438_228, 1e-12), "{}", ac.low);
        assert!(
            close(ac.high, 0.568_411_185_977_617_7, 1e-12),
            "{}",
            ac.high
        );
        let cp = proportion_interval(7, 20, 0.95, IntervalMethod::ClopperPearson).unwrap();
        // R: binom.test(7, 20)$conf.int
        assert!(close(cp.low, 0.153_909_204_784_541_2, 1e-9), "{}", cp.low);
        assert!(close(cp.high, 0.592_188_534_532_828_2, 1e-9), "{}", cp.high);
    }

    #[test]
    fn proportion_interval_edge_cases() {
        let all = proportion_interval(10, 10, 0.95, IntervalMethod::ClopperPearson).unwrap();
        assert_eq!(all.high, 1.0);
        // (α/2)^(1/n) is the exact lower limit when x = n.
        assert!(close(all.low, 0.025_f64.powf(0.1), 1e-9));
        let j0 = proportion_interval(0, 10, 0.95, IntervalMethod::Jeffreys).unwrap();
        assert_eq!(j0.low, 0.0);
        assert_eq!(
            proportion_interval(0, 0, 0.95, IntervalMethod::Wilson)
                .unwrap_err()
                .code,
            crate::ErrorCode::EmptyInput
        );
        assert_eq!(
            proportion_interval(1, 2, 0.95, IntervalMethod::AdjustedWald)
                .unwrap_err()
                .code,
            crate::ErrorCode::InvalidOption
        );
    }

    #[test]
    fn nps_wald_and_adjusted_wald_by_hand() {
        // 50 promoters, 30 passives, 20 detractors: NPS 0.30.
        // Wald: var = (0.5 + 0.2 − 0.09)/100 = 0.0061; MoE = 1.959964 × 0.078102 = 0.153077.
        let (s, moe, ci) = nps_interval(50, 20, 100, 0.95, IntervalMethod::Wald).unwrap();
        assert!(close(s, 0.30, 1e-15));
        assert!(close(moe, 1.959_963_984_540_054 * 0.0061_f64.sqrt(), 1e-12));
        assert!(close(ci.low, 0.30 - moe, 1e-12) && close(ci.high, 0.30 + moe, 1e-12));
        // Adjusted: p+ = 50.75/103, p− = 20.75/103, centre 30/103.
        let (s2, moe2, ci2) =
            nps_interval(50, 20, 100, 0.95, IntervalMethod::AdjustedWald).unwrap();
        assert_eq!(s2, s);
        let (pp, pd): (f64, f64) = (50.75 / 103.0, 20.75 / 103.0);
        let var = (pp + pd - (pp - pd) * (pp - pd)) / 103.0;
        assert!(close(moe2, 1.959_963_984_540_054 * var.sqrt(), 1e-12));
        assert!(close((ci2.low + ci2.high) / 2.0, 30.0 / 103.0, 1e-12));
        // All promoters: Wald has zero width, adjusted-Wald does not, both clipped to 1.
        let (_, m, c) = nps_interval(5, 0, 5, 0.95, IntervalMethod::Wald).unwrap();
        assert_eq!((m, c.low, c.high), (0.0, 1.0, 1.0));
        let (_, m, c) = nps_interval(5, 0, 5, 0.95, IntervalMethod::AdjustedWald).unwrap();
        assert!(m > 0.0 && c.high <= 1.0 && c.low < 1.0);
    }

    #[test]
    fn mean_interval_uses_t() {
        let ci = mean_interval(5.0, 2.0, 10, 0.95).unwrap().unwrap();
        let half = 2.262_157_162_798_205 * 2.0 / 10f64.sqrt();
        assert!(close(ci.low, 5.0 - half, 1e-9) && close(ci.high, 5.0 + half, 1e-9));
        assert!(mean_interval(5.0, 0.0, 1, 0.95).unwrap().is_none());
    }
}
