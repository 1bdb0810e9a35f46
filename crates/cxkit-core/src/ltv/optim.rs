//! A small quasi-Newton minimiser (BFGS with a backtracking Armijo line search) for the
//! maximum-likelihood fits, which have 3 or 4 parameters, closed-form gradients and are solved in
//! log-parameter space.
//!
//! Why not a crate: `argmin` (the well-kept Rust optimisation framework) pulls `web-time`, hence
//! `wasm-bindgen` and `js-sys` on wasm32-unknown-unknown, which `cxkit-core` must not depend on,
//! plus `anyhow`, `rand`, `paste`; the whole of what is needed here is the textbook BFGS update
//! (Nocedal & Wright 2006, *Numerical Optimization*, 2nd ed., algorithm 6.1, with the initial
//! scaling of eq. 6.20) and a backtracking line search (algorithm 3.1).

/// The outcome of a minimisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Minimum<const N: usize> {
    /// The best point found.
    pub x: [f64; N],
    /// The objective there.
    pub f: f64,
    /// Iterations (accepted steps).
    pub iterations: u32,
    /// Whether the gradient test was met (max |gᵢ| ≤ `gtol`).
    pub converged: bool,
}

fn dot<const N: usize>(a: &[f64; N], b: &[f64; N]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs<const N: usize>(a: &[f64; N]) -> f64 {
    a.iter().fold(0.0_f64, |m, v| m.max(v.abs()))
}

fn identity<const N: usize>() -> [[f64; N]; N] {
    let mut h = [[0.0; N]; N];
    for (i, row) in h.iter_mut().enumerate() {
        if let Some(v) = row.get_mut(i) {
            *v = 1.0;
        }
    }
    h
}

fn mat_vec<const N: usize>(h: &[[f64; N]; N], v: &[f64; N]) -> [f64; N] {
    let mut out = [0.0; N];
    for (o, row) in out.iter_mut().zip(h) {
        *o = dot(row, v);
    }
    out
}

/// Minimises `fg` (which returns f(x) and writes ∇f(x) into its second argument) from `x0`.
/// Points with any |xᵢ| > `bound`, or where f or ∇f is not finite, count as infeasible: the line
/// search steps back from them. Never panics; the returned point is always one where f and ∇f
/// were finite, or `x0` with `f` = NaN when even `x0` was not (the callers turn that into an
/// error).
pub(crate) fn bfgs<const N: usize>(
    mut fg: impl FnMut(&[f64; N], &mut [f64; N]) -> f64,
    x0: [f64; N],
    max_iterations: u32,
    gtol: f64,
    bound: f64,
) -> Minimum<N> {
    let feasible = |x: &[f64; N]| x.iter().all(|v| v.is_finite() && v.abs() <= bound);
    let mut eval = |x: &[f64; N], g: &mut [f64; N]| -> f64 {
        if !feasible(x) {
            return f64::INFINITY;
        }
        let f = fg(x, g);
        if f.is_finite() && g.iter().all(|v| v.is_finite()) {
            f
        } else {
            f64::INFINITY
        }
    };
    let mut x = x0;
    let mut g = [0.0; N];
    let mut f = eval(&x, &mut g);
    if !f.is_finite() {
        return Minimum {
            x,
            f: f64::NAN,
            iterations: 0,
            converged: false,
        };
    }
    let mut h = identity::<N>();
    let mut fresh = true;
    let mut iterations = 0;
    while iterations < max_iterations {
        if max_abs(&g) <= gtol {
            return Minimum {
                x,
                f,
                iterations,
                converged: true,
            };
        }
        let mut p = mat_vec(&h, &g).map(|v| -v);
        let mut slope = dot(&g, &p);
        if slope.is_nan() || slope >= 0.0 {
            h = identity();
            fresh = true;
            p = g.map(|v| -v);
            slope = dot(&g, &p);
        }
        // Keep any single step within 5 units of log-parameter (a factor of e⁵ ≈ 148).
        let longest = max_abs(&p);
        let mut step = if longest > 5.0 { 5.0 / longest } else { 1.0 };
        let mut accepted = None;
        for _ in 0..60 {
            let mut trial = x;
            for (t, d) in trial.iter_mut().zip(&p) {
                *t += step * d;
            }
            let mut g_new = [0.0; N];
            let f_new = eval(&trial, &mut g_new);
            if f_new.is_finite() && f_new <= f + 1e-4 * step * slope {
                accepted = Some((trial, f_new, g_new));
                break;
            }
            step *= 0.5;
        }
        let Some((x_new, f_new, g_new)) = accepted else {
            if fresh {
                // Even steepest descent cannot decrease f: a stationary point to within
                // rounding, or the boundary.
                break;
            }
            h = identity();
            fresh = true;
            continue;
        };
        let mut s = [0.0; N];
        let mut y = [0.0; N];
        for i in 0..N {
            if let (Some(si), Some(yi), Some(a), Some(b), Some(c), Some(d)) = (
                s.get_mut(i),
                y.get_mut(i),
                x_new.get(i),
                x.get(i),
                g_new.get(i),
                g.get(i),
            ) {
                *si = a - b;
                *yi = c - d;
            }
        }
        let ys = dot(&y, &s);
        if ys > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            if fresh {
                let scale = ys / dot(&y, &y);
                h = identity();
                for (i, row) in h.iter_mut().enumerate() {
                    if let Some(v) = row.get_mut(i) {
                        *v = scale;
                    }
                }
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs
            let rho = 1.0 / ys;
            let hy = mat_vec(&h, &y);
            let yhy = dot(&y, &hy);
            let mut next = h;
            for (i, row) in next.iter_mut().enumerate() {
                for (j, v) in row.iter_mut().enumerate() {
                    let (si, sj) = (
                        s.get(i).copied().unwrap_or(0.0),
                        s.get(j).copied().unwrap_or(0.0),
                    );
                    let (hyi, hyj) = (
                        hy.get(i).copied().unwrap_or(0.0),
                        hy.get(j).copied().unwrap_or(0.0),
                    );
                    *v += -rho * (hyi * sj + si * hyj) + (rho * rho * yhy + rho) * si * sj;
                }
            }
            h = next;
            fresh = false;
        }
        let improvement = f - f_new;
        x = x_new;
        f = f_new;
        g = g_new;
        iterations += 1;
        if improvement <= 1e-16 * f.abs().max(1.0) && max_abs(&g) <= gtol.sqrt() {
            // No further progress is possible in floating point and the gradient is small.
            break;
        }
    }
    Minimum {
        x,
        f,
        iterations,
        converged: max_abs(&g) <= gtol,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimises_the_rosenbrock_function() {
        let m = bfgs(
            |x: &[f64; 2], g: &mut [f64; 2]| {
                let (a, b) = (x[0], x[1]);
                g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
                g[1] = 200.0 * (b - a * a);
                (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
            },
            [-1.2, 1.0],
            500,
            1e-8,
            100.0,
        );
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-8 && (m.x[1] - 1.0).abs() < 1e-8,
            "{m:?}"
        );
    }

    #[test]
    fn stays_inside_the_bound_and_reports_no_convergence() {
        // f = x decreases without end: the best point is at the bound, not converged.
        let m = bfgs(
            |x: &[f64; 1], g: &mut [f64; 1]| {
                g[0] = 1.0;
                x[0]
            },
            [0.0],
            200,
            1e-10,
            30.0,
        );
        assert!(!m.converged);
        assert!(m.x[0] >= -30.0 && m.x[0] < -29.0, "{m:?}");
    }

    #[test]
    fn a_non_finite_start_is_reported() {
        let m = bfgs(
            |_: &[f64; 1], _: &mut [f64; 1]| f64::NAN,
            [0.0],
            10,
            1e-8,
            10.0,
        );
        assert!(m.f.is_nan() && !m.converged);
    }
}
