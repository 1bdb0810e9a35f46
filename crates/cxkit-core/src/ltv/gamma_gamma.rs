//! The Gamma–Gamma model of spend per transaction (Fader, Hardie & Lee 2005; Fader & Hardie 2013).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::bgnbd::{FitOptions, LOG_BOUND};
use super::closed::bad;
use super::optim::bfgs;
use super::rfm::CustomerRfm;
use crate::error::{Error, ErrorCode, Result};
use crate::stats::{digamma, ln_gamma};

/// Gamma–Gamma parameters `{p, q, gamma}`: each transaction's value zᵢ ~ Gamma(p, ν), and
/// across customers ν ~ Gamma(q, γ). (Lifetimes calls γ `v`.) Spend has no time unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GammaGammaParams {
    /// Shape of the per-transaction gamma distribution, > 0.
    pub p: f64,
    /// Shape of the gamma distribution of ν across customers, > 0.
    pub q: f64,
    /// Scale of the gamma distribution of ν across customers, > 0 (in units of money).
    pub gamma: f64,
}

impl GammaGammaParams {
    /// Checks that every parameter is finite and > 0 (`invalid_parameter`, naming it).
    pub fn check(&self) -> Result<()> {
        for (name, v) in [("p", self.p), ("q", self.q), ("gamma", self.gamma)] {
            if !(v.is_finite() && v > 0.0) {
                return Err(bad(
                    &format!("params.{name}"),
                    format!(
                        "the Gamma–Gamma parameter {name} must be a finite number > 0, got {v}"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A fitted Gamma–Gamma model: `{p, q, gamma, logLikelihood, converged, iterations, customers}`.
/// See [`super::BgNbdFit`] for `converged`; deserialises as [`GammaGammaParams`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GammaGammaFit {
    /// p.
    pub p: f64,
    /// q.
    pub q: f64,
    /// γ.
    pub gamma: f64,
    /// The (unpenalised) log-likelihood of the mean spends, summed over repeat customers.
    pub log_likelihood: f64,
    /// Whether the optimiser met its convergence test.
    pub converged: bool,
    /// Quasi-Newton iterations used.
    pub iterations: u32,
    /// Repeat customers (frequency > 0) the model was fitted on.
    pub customers: u64,
}

impl GammaGammaFit {
    /// The parameters alone.
    pub fn params(&self) -> GammaGammaParams {
        GammaGammaParams {
            p: self.p,
            q: self.q,
            gamma: self.gamma,
        }
    }
}

struct Data {
    xs: Vec<f64>,
    ln_xs: Vec<f64>,
    /// (index into xs, mean spend m, ln m, weight)
    rows: Vec<(usize, f64, f64, f64)>,
    total_weight: f64,
}

fn log_likelihood(data: &Data, [p, q, gamma]: [f64; 3], grad: &mut [f64; 3]) -> f64 {
    let (lg_q, dg_q, ln_g) = (ln_gamma(q), digamma(q), gamma.ln());
    // Per-x terms are cheap to recompute per row group; rows are sorted by x.
    let mut ll = 0.0;
    let mut g = [0.0; 3];
    let mut cached: Option<(usize, f64, f64, f64)> = None;
    for &(k, m, ln_m, w) in &data.rows {
        let (Some(&x), Some(&ln_x)) = (data.xs.get(k), data.ln_xs.get(k)) else {
            continue;
        };
        let px = p * x;
        let (lg, dg_pxq, dg_px) = match cached {
            Some((ck, lg, a, b)) if ck == k => (lg, a, b),
            _ => {
                let lg = ln_gamma(px + q) - ln_gamma(px) - lg_q;
                let v = (k, lg, digamma(px + q), digamma(px));
                cached = Some(v);
                (lg, v.2, v.3)
            }
        };
        let denom = x * m + gamma;
        let ln_denom = denom.ln();
        ll += w * (lg + q * ln_g + (px - 1.0) * ln_m + px * ln_x - (px + q) * ln_denom);
        g[0] += w * x * (dg_pxq - dg_px + ln_m + ln_x - ln_denom);
        g[1] += w * (dg_pxq - dg_q + ln_g - ln_denom);
        g[2] += w * (q / gamma - (px + q) / denom);
    }
    *grad = g;
    ll
}

fn compress(summary: &[CustomerRfm]) -> Result<Data> {
    let mut groups: BTreeMap<(u32, u64), f64> = BTreeMap::new();
    for (i, c) in summary.iter().enumerate() {
        c.check(&format!("summary[{i}]"))
            .map_err(|e| e.with_index(i))?;
        if c.frequency == 0 {
            continue;
        }
        if c.monetary_value <= 0.0 {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!(
                    "summary[{i}].monetaryValue: a repeat customer's mean spend must be > 0 for the Gamma–Gamma model, got {}",
                    c.monetary_value
                ),
            )
            .with_field(format!("summary[{i}].monetaryValue"))
            .with_index(i));
        }
        *groups
            .entry((c.frequency, c.monetary_value.to_bits()))
            .or_insert(0.0) += 1.0;
    }
    if groups.is_empty() {
        return Err(Error::new(
            ErrorCode::EmptyInput,
            "the Gamma–Gamma model needs at least one customer with a repeat purchase (frequency > 0)",
        )
        .with_field("summary"));
    }
    let mut xs = Vec::new();
    let mut rows = Vec::with_capacity(groups.len());
    let mut total = 0.0;
    for ((x, bits), w) in groups {
        let x = f64::from(x);
        if xs.last() != Some(&x) {
            xs.push(x);
        }
        let m = f64::from_bits(bits);
        rows.push((xs.len() - 1, m, m.ln(), w));
        total += w;
    }
    let ln_xs = xs.iter().map(|x| x.ln()).collect();
    Ok(Data {
        xs,
        ln_xs,
        rows,
        total_weight: total,
    })
}

/// The Gamma–Gamma log-likelihood of the repeat customers' mean spends at given parameters.
pub fn gamma_gamma_log_likelihood(
    params: &GammaGammaParams,
    summary: &[CustomerRfm],
) -> Result<f64> {
    params.check()?;
    let data = compress(summary)?;
    let mut g = [0.0; 3];
    Ok(log_likelihood(
        &data,
        [params.p, params.q, params.gamma],
        &mut g,
    ))
}

/// Fits the Gamma–Gamma spend model by maximum likelihood on the customers with at least one
/// repeat purchase (rows with frequency 0 are skipped: their `monetaryValue` is not an
/// observation).
///
/// For a customer with x repeat transactions of mean value m̄, the likelihood of m̄ is
/// (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for customer base analysis",
/// *Journal of Marketing Research* 42(4); Fader & Hardie 2013, "The Gamma-Gamma model of monetary
/// value", note 025, in the form Lifetimes implements):
///
/// ln f(m̄ | x) = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄)
///
/// maximised over ln p, ln q, ln γ with the closed-form gradient and BFGS, from p = 1, q = 2,
/// γ = mean m̄ (so that the implied mean spend pγ/(q−1) equals the observed mean). The model
/// assumes spend is independent of purchase frequency: check that before using it.
///
/// Errors: no repeat customer (`empty_input`), a repeat customer with m̄ ≤ 0 or an invalid row
/// (`invalid_value`, naming `summary[i]`), bad options (`invalid_option`).
///
/// CDNOW (946 repeat customers): p = 6.25, q = 3.74, γ = 15.44 as published (`tests/ltv_cdnow.rs`).
///
/// ```
/// use cxkit_core::ltv::{fit_gamma_gamma, CustomerRfm, FitOptions, TimeUnit};
/// let w = TimeUnit::Weeks;
/// let summary: Vec<CustomerRfm> = [(2, 22.35), (1, 11.77), (4, 35.0), (3, 18.0), (1, 30.0), (2, 9.5)]
///     .iter()
///     .map(|&(x, m)| CustomerRfm::new(x, 10.0, 20.0, m, w))
///     .collect();
/// let fit = fit_gamma_gamma(&summary, &FitOptions::default()).unwrap();
/// assert_eq!(fit.customers, 6);
/// assert!(fit.p > 0.0 && fit.q > 0.0 && fit.gamma > 0.0 && fit.log_likelihood.is_finite());
/// ```
pub fn fit_gamma_gamma(summary: &[CustomerRfm], options: &FitOptions) -> Result<GammaGammaFit> {
    let (pen, max_iterations, tol) = options.resolve()?;
    let data = compress(summary)?;
    let n = data.total_weight;
    let mean_m = data.rows.iter().map(|&(_, m, _, w)| m * w).sum::<f64>() / n;
    let objective = |phi: &[f64; 3], grad: &mut [f64; 3]| {
        let theta = phi.map(f64::exp);
        let mut g = [0.0; 3];
        let ll = log_likelihood(&data, theta, &mut g);
        let mut penalty = 0.0;
        for i in 0..3 {
            if let (Some(out), Some(&gi), Some(&th)) = (grad.get_mut(i), g.get(i), theta.get(i)) {
                *out = th * (-gi / n + 2.0 * pen * th);
                penalty += pen * th * th;
            }
        }
        -ll / n + penalty
    };
    let m = bfgs(
        objective,
        [0.0, 2f64.ln(), mean_m.ln()],
        max_iterations,
        tol,
        LOG_BOUND,
    );
    let [p, q, gamma] = m.x.map(f64::exp);
    let mut g = [0.0; 3];
    let ll = log_likelihood(&data, [p, q, gamma], &mut g);
    if !m.f.is_finite() || !ll.is_finite() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "the Gamma–Gamma log-likelihood cannot be evaluated on this summary",
        )
        .with_field("summary"));
    }
    Ok(GammaGammaFit {
        p,
        q,
        gamma,
        log_likelihood: ll,
        converged: m.converged,
        iterations: m.iterations,
        customers: n as u64,
    })
}

/// The conditional expected average spend per transaction of a customer with x repeat
/// purchases of mean value m̄ (Fader & Hardie 2013, note 025, eq. 5):
///
/// E[Z | p, q, γ, m̄, x] = p (γ + x m̄) / (px + q − 1)
///   = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄,
///
/// a weighted average of the population mean pγ/(q−1) and the customer's own mean. Needs
/// px + q > 1 (for x = 0: q > 1, else the population mean is infinite): `invalid_parameter`
/// otherwise.
///
/// ```
/// use cxkit_core::ltv::{expected_average_spend, CustomerRfm, GammaGammaParams, TimeUnit};
/// let gg = GammaGammaParams { p: 6.25, q: 3.74, gamma: 15.44 };
/// let new = CustomerRfm::new(0, 0.0, 10.0, 0.0, TimeUnit::Weeks);
/// assert!((expected_average_spend(&gg, &new).unwrap() - 6.25 * 15.44 / 2.74).abs() < 1e-12);
/// ```
pub fn expected_average_spend(params: &GammaGammaParams, customer: &CustomerRfm) -> Result<f64> {
    params.check()?;
    customer.check("customer")?;
    let x = f64::from(customer.frequency);
    let denom = params.p * x + params.q - 1.0;
    if denom <= 0.0 {
        return Err(bad(
            "params.q",
            format!(
                "the expected spend is infinite when p·x + q ≤ 1 (p = {}, q = {}, x = {})",
                params.p, params.q, customer.frequency
            ),
        ));
    }
    let v = params.p * (params.gamma + x * customer.monetary_value) / denom;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(bad("params.gamma", "the expected spend overflows"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ltv::TimeUnit;

    #[test]
    fn gradient_matches_finite_differences() {
        let w = TimeUnit::Weeks;
        let summary: Vec<CustomerRfm> = [(2, 22.35), (1, 11.77), (4, 35.0), (3, 18.0), (1, 30.0)]
            .iter()
            .map(|&(x, m)| CustomerRfm::new(x, 1.0, 20.0, m, w))
            .collect();
        let data = compress(&summary).unwrap();
        for theta in [[6.25, 3.74, 15.44], [1.0, 2.0, 20.0], [0.3, 10.0, 2.0]] {
            let mut g = [0.0; 3];
            log_likelihood(&data, theta, &mut g);
            for i in 0..3 {
                let h = 1e-6 * theta[i];
                let (mut up, mut down) = (theta, theta);
                up[i] += h;
                down[i] -= h;
                let mut scratch = [0.0; 3];
                let fd = (log_likelihood(&data, up, &mut scratch)
                    - log_likelihood(&data, down, &mut scratch))
                    / (2.0 * h);
                assert!(
                    (fd - g[i]).abs() < 1e-6 * g[i].abs().max(1.0),
                    "{theta:?} {i}: {fd} vs {}",
                    g[i]
                );
            }
        }
    }
}
