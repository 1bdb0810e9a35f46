//! Spearman's rank correlation with ties.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Ranks 1..n, ties sharing the average of the ranks they span.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let at = |i: usize| values.get(i).copied().unwrap_or(0.0);
    order.sort_by(|&a, &b| at(a).total_cmp(&at(b)));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let value = order.get(i).map(|&k| at(k));
        let mut j = i;
        while j + 1 < order.len() && order.get(j + 1).map(|&k| at(k)) == value {
            j += 1;
        }
        // Positions i..=j (0-based) share the mean rank ((i+1) + (j+1)) / 2.
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            if let Some(slot) = order.get(k).and_then(|&idx| out.get_mut(idx)) {
                *slot = rank;
            }
        }
        i = j + 1;
    }
    out
}

/// Spearman's ρ: the Pearson correlation of the average ranks (the definition that handles
/// ties; Spearman 1904, and e.g. Hollander, Wolfe & Chicken, *Nonparametric Statistical
/// Methods*, 3rd ed., §8.5). `None` below 3 pairs or when either side is constant. With it,
/// the two-sided p-value of the t approximation `t = ρ·√((n − 2)/(1 − ρ²))` on n − 2 degrees
/// of freedom.
pub(crate) fn spearman(x: &[f64], y: &[f64]) -> (Option<f64>, Option<f64>) {
    let n = x.len().min(y.len());
    if n < 3 {
        return (None, None);
    }
    let (rx, ry) = (
        ranks(x.get(..n).unwrap_or(x)),
        ranks(y.get(..n).unwrap_or(y)),
    );
    let mean = (n as f64 + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        let (dx, dy) = (a - mean, b - mean);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return (None, None);
    }
    let rho = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let df = n as f64 - 2.0;
    let p = if rho.abs() >= 1.0 {
        Some(0.0)
    } else {
        let t = rho * (df / (1.0 - rho * rho)).sqrt();
        StudentsT::new(0.0, 1.0, df)
            .ok()
            .map(|d| (2.0 * (1.0 - d.cdf(t.abs()))).clamp(0.0, 1.0))
    };
    (Some(rho), p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 20.0, 5.0]), vec![2.0, 3.5, 3.5, 1.0]);
        assert_eq!(ranks(&[1.0, 1.0, 1.0]), vec![2.0, 2.0, 2.0]);
    }

    #[test]
    fn known_values() {
        // Perfect monotone relation, even if not linear.
        let (rho, p) = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0, 8.0, 27.0, 64.0, 125.0]);
        assert_eq!((rho, p), (Some(1.0), Some(0.0)));
        // 1 − 6·Σd²/(n(n² − 1)) = 1 − 36/210; p from the t distribution integrated with
        // mpmath: 0.04156268221574333.
        let (rho, p) = spearman(
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            &[2.0, 1.0, 4.0, 3.0, 6.0, 5.0],
        );
        assert!((rho.unwrap() - 0.828_571_428_571_428_7).abs() < 1e-12);
        assert!((p.unwrap() - 0.041_562_682_215_743_33).abs() < 1e-9);
        // With ties (average ranks, then Pearson): 35/38, p = 0.02631051968557796 (mpmath).
        let (rho, p) = spearman(&[1.0, 2.0, 2.0, 3.0, 4.0], &[5.0, 6.0, 7.0, 7.0, 9.0]);
        assert!((rho.unwrap() - 35.0 / 38.0).abs() < 1e-12);
        assert!((p.unwrap() - 0.026_310_519_685_577_96).abs() < 1e-9);
        assert_eq!(spearman(&[1.0, 2.0], &[2.0, 1.0]), (None, None));
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[2.0, 1.0, 3.0]), (None, None));
    }
}
