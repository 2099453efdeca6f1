//! Power-law fits of loss against size: the straight line on log–log axes
//! that Kaplan et al. fit, L = (N_c/N)^α, and the same with a floor the loss
//! cannot go below, L = E + A/N^α (Chinchilla's form in one variable).

/// L = (N_c/N)^α.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerLaw {
    pub alpha: f64,
    pub n_c: f64,
    /// Root-mean-square error of ln L: how far the points are from a line.
    pub rms_log: f64,
}

impl PowerLaw {
    pub fn loss(&self, n: f64) -> f64 {
        (self.n_c / n).powf(self.alpha)
    }
}

/// L = E + A/N^α.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WithFloor {
    pub floor: f64,
    pub a: f64,
    pub alpha: f64,
    /// Root-mean-square error of L.
    pub rms: f64,
}

impl WithFloor {
    pub fn loss(&self, n: f64) -> f64 {
        self.floor + self.a * n.powf(-self.alpha)
    }
}

/// Least squares for y = a + b·x: `(a, b)`.
fn line(xs: &[f64], ys: &[f64]) -> Option<(f64, f64)> {
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let sxx: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
    let sxy: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    (sxx > 0.0).then(|| {
        let b = sxy / sxx;
        (my - b * mx, b)
    })
}

/// Usable points: both coordinates finite and positive.
fn usable(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    points
        .iter()
        .copied()
        .filter(|&(n, l)| n.is_finite() && l.is_finite() && n > 0.0 && l > 0.0)
        .collect()
}

// ANCHOR: power_law
/// The straight line through `(N, L)` points on log–log axes: ln L falls by
/// α for every unit of ln N. `None` with fewer than two distinct sizes, or
/// if the loss does not fall with size.
pub fn power_law(points: &[(f64, f64)]) -> Option<PowerLaw> {
    let points = usable(points);
    if points.len() < 2 {
        return None;
    }
    let xs: Vec<f64> = points.iter().map(|p| p.0.ln()).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1.ln()).collect();
    let (a, b) = line(&xs, &ys)?;
    let alpha = -b;
    if alpha.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let rms = (xs.iter().zip(&ys).map(|(x, y)| (a + b * x - y).powi(2)).sum::<f64>()
        / xs.len() as f64)
        .sqrt();
    Some(PowerLaw { alpha, n_c: (a / alpha).exp(), rms_log: rms })
}
// ANCHOR_END: power_law

/// For a given floor E, the power law through L − E, and its squared error in L.
fn with_floor_at(points: &[(f64, f64)], floor: f64) -> Option<(WithFloor, f64)> {
    let xs: Vec<f64> = points.iter().map(|p| p.0.ln()).collect();
    let ys: Vec<f64> = points.iter().map(|p| (p.1 - floor).ln()).collect();
    let (a, b) = line(&xs, &ys)?;
    let fit = WithFloor { floor, a: a.exp(), alpha: -b, rms: 0.0 };
    let sse: f64 = points.iter().map(|&(n, l)| (fit.loss(n) - l).powi(2)).sum();
    sse.is_finite().then_some((fit, sse))
}

/// L = E + A/N^α through `(N, L)` points: for each trial floor E the rest is
/// a straight line on log–log axes; the floor that leaves the smallest
/// squared error in L wins (a grid over `[0, min L)`, then golden-section
/// search around the best cell). `None` with fewer than three sizes or if
/// the loss does not fall with size.
pub fn power_law_with_floor(points: &[(f64, f64)]) -> Option<WithFloor> {
    let points = usable(points);
    let mut sizes: Vec<f64> = points.iter().map(|p| p.0).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    if sizes.len() < 3 {
        return None;
    }
    let top = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min) * 0.999;
    let cost = |e: f64| with_floor_at(&points, e).map_or(f64::INFINITY, |f| f.1);
    const CELLS: usize = 200;
    let at = |i: usize| top * i as f64 / CELLS as f64;
    let best = (0..CELLS).min_by(|&i, &j| cost(at(i)).total_cmp(&cost(at(j))))?;
    let (mut lo, mut hi) = (at(best.saturating_sub(1)), at((best + 1).min(CELLS)));
    let g = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let (m1, m2) = (hi - g * (hi - lo), lo + g * (hi - lo));
        if cost(m1) < cost(m2) {
            hi = m2;
        } else {
            lo = m1;
        }
    }
    let (mut fit, sse) = with_floor_at(&points, (lo + hi) / 2.0)?;
    if fit.alpha.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    fit.rms = (sse / points.len() as f64).sqrt();
    Some(fit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> Vec<f64> {
        (0..8).map(|i| 2_000.0 * 1.6f64.powi(i)).collect()
    }

    #[test]
    fn a_known_power_law_is_recovered() {
        let truth = PowerLaw { alpha: 0.076, n_c: 8.8e13, rms_log: 0.0 };
        let points: Vec<(f64, f64)> =
            sizes().iter().map(|&n| (n, truth.loss(n))).collect();
        let fit = power_law(&points).unwrap();
        assert!((fit.alpha - 0.076).abs() < 1e-9, "{fit:?}");
        assert!((fit.n_c / 8.8e13 - 1.0).abs() < 1e-6, "{fit:?}");
        assert!(fit.rms_log < 1e-9);
    }

    #[test]
    fn a_known_floor_is_recovered_and_the_plain_fit_is_bent_by_it() {
        let truth = WithFloor { floor: 1.3, a: 9.0, alpha: 0.3, rms: 0.0 };
        let points: Vec<(f64, f64)> =
            sizes().iter().map(|&n| (n, truth.loss(n))).collect();
        let fit = power_law_with_floor(&points).unwrap();
        assert!((fit.floor - 1.3).abs() < 1e-4, "{fit:?}");
        assert!((fit.alpha - 0.3).abs() < 1e-3, "{fit:?}");
        assert!((fit.a / 9.0 - 1.0).abs() < 1e-2, "{fit:?}");
        // Without the floor the same points look like a much shallower law.
        let plain = power_law(&points).unwrap();
        assert!(plain.alpha < 0.15 && plain.rms_log > 1e-3, "{plain:?}");
    }

    #[test]
    fn noise_moves_the_exponent_only_a_little() {
        let truth = PowerLaw { alpha: 0.1, n_c: 1e12, rms_log: 0.0 };
        let wobble = [1.01, 0.99, 1.005, 0.995, 1.01, 0.99, 1.0, 1.0];
        let points: Vec<(f64, f64)> =
            sizes().iter().zip(wobble).map(|(&n, w)| (n, truth.loss(n) * w)).collect();
        let fit = power_law(&points).unwrap();
        assert!((fit.alpha - 0.1).abs() < 0.01, "{fit:?}");
    }

    #[test]
    fn too_few_or_strange_points_give_no_fit() {
        assert!(power_law(&[]).is_none());
        assert!(power_law(&[(10.0, 2.0)]).is_none());
        assert!(power_law(&[(10.0, 2.0), (10.0, 1.0)]).is_none(), "one size");
        assert!(power_law(&[(10.0, 1.0), (100.0, 2.0)]).is_none(), "loss rises");
        let nan = [(10.0, f64::NAN), (100.0, 2.0), (-5.0, 1.0), (1e3, 1.5)];
        assert!(power_law(&nan).is_some(), "the two usable points are fitted");
        assert!(power_law_with_floor(&[(10.0, 2.0), (100.0, 1.5)]).is_none());
        assert!(power_law_with_floor(&[(1e3, 2.0), (1e4, 2.0), (1e5, 2.0)]).is_none());
    }
}
