//! The queueing formulas: Erlang B/C by recursion, Erlang A (M/M/n+M) by one series.

use statrs::function::gamma::{digamma, ln_gamma};

use crate::error::{Error, ErrorCode, Result};

/// Erlang B blocking probability `B(n, a)` by the recursion
/// `B(0) = 1`, `B(k) = a·B(k−1) / (k + a·B(k−1))`: no factorials and no powers, stable for
/// any traffic (each step is a convex combination kept in [0, 1]).
///
/// ```
/// use cxkit_core::staffing::erlang_b;
/// assert!((erlang_b(14, 10.0) - 0.056819).abs() < 1e-6);
/// assert_eq!(erlang_b(0, 3.0), 1.0);
/// ```
pub fn erlang_b(agents: u32, traffic: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=agents {
        b = traffic * b / (f64::from(k) + traffic * b);
    }
    b
}

/// One step of the Erlang B recursion: `B(k)` from `B(k−1)`.
pub(crate) fn erlang_b_step(k: u32, traffic: f64, previous: f64) -> f64 {
    traffic * previous / (f64::from(k) + traffic * previous)
}

/// Erlang C probability of waiting from Erlang B: `C = n·B / (n − a·(1 − B))`, for `a < n`.
pub(crate) fn erlang_c_from_b(agents: u32, traffic: f64, b: f64) -> f64 {
    let n = f64::from(agents);
    (n * b / (n - traffic * (1.0 - b))).clamp(0.0, 1.0)
}

/// Limit of terms summed by [`series`] (reached only with patience many times the handle time
/// and traffic far above the agents).
pub(crate) const MAX_SERIES_TERMS: u64 = 20_000_000;

/// `A(x, z) = Σ_{m≥0} z^m / ((x+1)(x+2)…(x+m))` and what Erlang A needs from it.
///
/// In Mandelbaum & Zeltyn's notation `A(x, z) = x·e^z·z^(−x)·γ(x, z)` with γ the lower
/// incomplete gamma function; the series is its expansion, summed with rescaling so that
/// neither overflow (heavily loaded queues, where the terms first grow) nor underflow (the
/// incomplete gamma of a light queue is astronomically small) can occur.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Series {
    /// ln A(x, z).
    pub ln_a: f64,
    /// ln (A(x, z) − 1); −∞ when z = 0.
    pub ln_tail: f64,
    /// `(1/A) Σ_m t_m · x/(x+m+1) · Σ_{k=1}^{m+1} 1/(x+k)`: θ times the mean wait of served
    /// customers, over those who found all agents busy (only when asked).
    pub served_wait: f64,
}

pub(crate) fn series(x: f64, z: f64, with_wait: bool) -> Result<Series> {
    const BIG: f64 = 1e250;
    let ln_big = BIG.ln();
    // The terms grow while z/(x+m+1) ≥ 1, peak near m* = z − x − 1, and both flanks are
    // negligible beyond ~40·√z terms from the peak (the log of the terms is about quadratic
    // there). A heavily loaded queue with very patient customers has its peak millions of terms
    // out: start the sum 40·√z + 100 terms before the peak, with the starting term and the
    // harmonic sum from ln Γ and ψ, so the cost is O(√z) whatever the load.
    let peak = (z - x - 1.0).max(0.0);
    let reach = 40.0 * z.sqrt() + 100.0;
    let start: u64 = if peak > reach + 1000.0 {
        (peak - reach).floor() as u64
    } else {
        0
    };
    let m0 = start as f64;
    let (mut scale, mut h) = if start == 0 {
        (0.0, 0.0)
    } else {
        // ln t_{m0} = m0·ln z − (ln Γ(x+m0+1) − ln Γ(x+1)); H_{m0−1} = ψ(x+m0+1) − ψ(x+1).
        (
            m0 * z.ln() - (ln_gamma(x + m0 + 1.0) - ln_gamma(x + 1.0)),
            digamma(x + m0 + 1.0) - digamma(x + 1.0),
        )
    };
    let mut t = 1.0_f64; // t_m ÷ e^scale
    let mut sum = 1.0_f64;
    let mut tail = if start == 0 { 0.0 } else { 1.0 };
    let mut wsum = 0.0_f64;
    let mut m = start;
    loop {
        let next = x + (m as f64) + 1.0; // x + m + 1
        if with_wait {
            h += 1.0 / next;
            wsum += t * (x / next) * h;
        }
        t *= z / next;
        sum += t;
        tail += t;
        if t > BIG {
            t /= BIG;
            sum /= BIG;
            tail /= BIG;
            wsum /= BIG;
            scale += ln_big;
        }
        m += 1;
        // Past the largest term (z < x + m + 1) and negligible: done.
        if z < x + (m as f64) + 1.0 && t <= sum * 1e-18 {
            break;
        }
        if m - start >= MAX_SERIES_TERMS {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "patienceSeconds: patience is so long compared with the handle time, and \
                     traffic so far above the agents, that Erlang A needs more than \
                     {MAX_SERIES_TERMS} terms; use the Erlang C model"
                ),
            )
            .with_field("patienceSeconds"));
        }
    }
    Ok(Series {
        ln_a: scale + sum.ln(),
        ln_tail: scale + tail.ln(),
        served_wait: if with_wait { wsum / sum } else { 0.0 },
    })
}

/// Every Erlang A quantity at one staffing level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ErlangAValues {
    pub probability_wait: f64,
    pub probability_abandon: f64,
    /// P(served and W ≤ t): service level of offered.
    pub served_within: f64,
    /// P(abandon and W ≤ short): short abandons.
    pub short_abandons: f64,
    /// Mean wait of served customers (seconds).
    pub asa: f64,
    /// Mean wait of all customers (seconds): P(Ab)/θ.
    pub average_wait: f64,
    pub occupancy: f64,
}

/// Erlang A at `agents` with arrival rate `lambda` (1/s), service rate `mu` (1/s), abandonment
/// rate `theta` (1/s), threshold `t` and short-abandon limit `short` (s); `eb` is Erlang B at
/// `agents` with offered load `lambda/mu`.
pub(crate) fn erlang_a_values(
    agents: u32,
    lambda: f64,
    mu: f64,
    theta: f64,
    t: f64,
    short: f64,
    eb: f64,
) -> Result<ErlangAValues> {
    let n = f64::from(agents);
    if lambda == 0.0 {
        return Ok(ErlangAValues {
            probability_wait: 0.0,
            probability_abandon: 0.0,
            served_within: 1.0,
            short_abandons: 0.0,
            asa: 0.0,
            average_wait: 0.0,
            occupancy: 0.0,
        });
    }
    let x = n * mu / theta;
    let y = lambda / theta;
    let s = series(x, y, true)?;
    // P(W > 0) = A·E / (1 + (A − 1)·E) = 1 / (1 + (1 − E)/(E·A)).
    let p_wait = if eb <= 0.0 {
        0.0
    } else {
        1.0 / (1.0 + ((1.0 - eb).ln() - eb.ln() - s.ln_a).exp())
    };
    // P(served | all busy) = (x/y)·(A − 1)/A.
    let sr_busy = ((x / y) * (s.ln_tail - s.ln_a).exp()).clamp(0.0, 1.0);
    let p_ab = (p_wait * (1.0 - sr_busy)).clamp(0.0, 1.0);
    // P(W > τ, served | busy) and P(W > τ | busy), with u = e^(−θτ):
    // (x/y)·u^x·e^(y(1−u))·(A(x,yu) − 1)/A(x,y) and e^(−θτ)·u^x·e^(y(1−u))·A(x,yu)/A(x,y).
    let beyond = |tau: f64| -> Result<(f64, f64)> {
        if tau <= 0.0 {
            return Ok((sr_busy, 1.0));
        }
        let u = (-theta * tau).exp();
        let lead = -n * mu * tau + y * (-(-theta * tau).exp_m1());
        let su = series(x, y * u, false)?;
        let sr = (x / y) * (lead + su.ln_tail - s.ln_a).exp();
        let all = (-theta * tau + lead + su.ln_a - s.ln_a).exp();
        Ok((sr.clamp(0.0, sr_busy), all.clamp(0.0, 1.0)))
    };
    let (sr_beyond_t, _) = beyond(t)?;
    let served_within = ((1.0 - p_wait) + p_wait * (sr_busy - sr_beyond_t)).clamp(0.0, 1.0);
    let short_abandons = if short > 0.0 {
        let (sr_beyond_s, w_beyond_s) = beyond(short)?;
        // P(W ≤ s | busy) − P(served, W ≤ s | busy).
        (p_wait * ((1.0 - w_beyond_s) - (sr_busy - sr_beyond_s))).clamp(0.0, p_ab)
    } else {
        0.0
    };
    let p_served = 1.0 - p_ab;
    let asa = if p_served > 0.0 {
        p_wait * (s.served_wait / theta) / p_served
    } else {
        0.0
    };
    Ok(ErlangAValues {
        probability_wait: p_wait.clamp(0.0, 1.0),
        probability_abandon: p_ab,
        served_within,
        short_abandons,
        asa: asa.max(0.0),
        average_wait: p_ab / theta,
        occupancy: ((lambda / mu) * p_served / n).clamp(0.0, 1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_matches_direct_sum_and_survives_extremes() {
        // Direct sum for a small case.
        let (x, z) = (3.5, 2.0);
        let mut t = 1.0;
        let mut a = 1.0;
        for m in 1..200 {
            t *= z / (x + m as f64);
            a += t;
        }
        let s = series(x, z, false).unwrap();
        assert!((s.ln_a - a.ln()).abs() < 1e-14);
        assert!((s.ln_tail - (a - 1.0).ln()).abs() < 1e-13);
        // Light load with huge x: A → 1/(1 − ρ).
        let s = series(1e9, 0.5e9, false).unwrap();
        assert!((s.ln_a.exp() - 2.0).abs() < 1e-6, "{}", s.ln_a.exp());
        // Heavy load: terms grow past 1e308 before they fall.
        let s = series(10.0, 5000.0, true).unwrap();
        assert!(s.ln_a.is_finite() && s.ln_a > 700.0);
        assert!(s.served_wait.is_finite());
        assert_eq!(series(2.0, 0.0, false).unwrap().ln_tail, f64::NEG_INFINITY);
        // Far-out peak: the jump start agrees with the full sum.
        let (x, z) = (50.0, 200_000.0);
        let jumped = series(x, z, true).unwrap();
        let mut t = 1.0f64;
        let (mut sum, mut wsum, mut h, mut scale) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
        for m in 0..400_000u32 {
            let next = x + f64::from(m) + 1.0;
            h += 1.0 / next;
            wsum += t * (x / next) * h;
            t *= z / next;
            sum += t;
            if t > 1e200 {
                (t, sum, wsum, scale) =
                    (t / 1e200, sum / 1e200, wsum / 1e200, scale + 1e200f64.ln());
            }
        }
        let full = scale + sum.ln();
        assert!(
            (jumped.ln_a - full).abs() < 1e-7,
            "{} vs {full}",
            jumped.ln_a
        );
        assert!((jumped.served_wait - wsum / sum).abs() < 1e-9 * jumped.served_wait);
    }
}
