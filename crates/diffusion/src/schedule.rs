//! The forward process: how much noise step `t` has mixed in.
//!
//! DDPM (Ho, Jain & Abbeel 2020) adds a little Gaussian noise at each of
//! T = 1000 steps, with variances βₜ growing linearly from 10⁻⁴ to 0.02.
//! Steps compose, so any `x_t` can be made from the clean `x₀` in one go:
//! `x_t = √ᾱₜ · x₀ + √(1 − ᾱₜ) · ε`, with ᾱₜ the product of (1 − βₛ) up to t.

/// The noise levels of every step.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// ᾱₜ for t = 0 … T−1: the share of the clean signal's power left at t.
    pub alpha_bar: Vec<f32>,
}

impl Schedule {
    // ANCHOR: linear
    /// DDPM's schedule: `steps` variances, linear from `first` to `last`.
    pub fn linear(steps: usize, first: f64, last: f64) -> Schedule {
        let mut keep = 1.0f64;
        let alpha_bar = (0..steps)
            .map(|t| {
                let beta = first + (last - first) * t as f64 / (steps - 1).max(1) as f64;
                keep *= 1.0 - beta;
                keep as f32
            })
            .collect();
        Schedule { alpha_bar }
    }
    // ANCHOR_END: linear

    /// DDPM's own: 1000 steps, β from 0.0001 to 0.02.
    pub fn ddpm() -> Schedule {
        Schedule::linear(1000, 1e-4, 0.02)
    }

    /// T, the number of steps.
    pub fn len(&self) -> usize {
        self.alpha_bar.len()
    }

    pub fn is_empty(&self) -> bool {
        self.alpha_bar.is_empty()
    }

    // ANCHOR: noise
    /// `x_t` from clean `x0` and standard Gaussian noise `eps`, in place.
    pub fn noise(&self, x0: &mut [f32], eps: &[f32], t: usize) {
        let a = self.alpha_bar[t];
        let (signal, noise) = (a.sqrt(), (1.0 - a).sqrt());
        for (x, e) in x0.iter_mut().zip(eps) {
            *x = signal * *x + noise * e;
        }
    }
    // ANCHOR_END: noise

    /// Noise per unit of signal at `t`: `√((1 − ᾱ)/ᾱ)`, the "σ" that
    /// Euler, Heun and Karras's samplers step in.
    pub fn sigma(&self, t: usize) -> f32 {
        let a = self.alpha_bar[t];
        ((1.0 - a) / a).sqrt()
    }

    /// `count` steps spread evenly from the last (pure noise) to 0, the
    /// order a sampler visits them; at least one, at most T.
    pub fn spaced(&self, count: usize) -> Vec<usize> {
        let t = self.len();
        let count = count.clamp(1, t);
        if count == 1 {
            return vec![t - 1];
        }
        let mut steps: Vec<usize> = (0..count)
            .map(|i| {
                ((t - 1) as f64 * (count - 1 - i) as f64 / (count - 1).max(1) as f64)
                    .round() as usize
            })
            .collect();
        steps.dedup();
        steps
    }
}

impl Schedule {
    /// `count` steps spaced as Karras et al. (2022) suggest: evenly in σ^(1/7)
    /// from the largest σ to the smallest, each moved to the nearest step
    /// this schedule has. More of them land where little noise is left and
    /// the fine detail is decided (and at the noisiest end), fewer between.
    pub fn karras(&self, count: usize) -> Vec<usize> {
        let t = self.len();
        let count = count.clamp(1, t);
        if count == 1 {
            return vec![t - 1];
        }
        let rho = 7.0f64;
        let (hi, lo) = (
            f64::from(self.sigma(t - 1)).powf(1.0 / rho),
            f64::from(self.sigma(0)).powf(1.0 / rho),
        );
        let logs: Vec<f64> = (0..t).map(|s| f64::from(self.sigma(s)).ln()).collect();
        let mut steps: Vec<usize> = (0..count)
            .map(|i| {
                let target =
                    (hi + (lo - hi) * i as f64 / (count - 1) as f64).powf(rho).ln();
                // σ grows with t: the first step at or above the target, or the one before.
                let above = logs.partition_point(|&l| l < target).min(t - 1);
                if above > 0 && target - logs[above - 1] < logs[above] - target {
                    above - 1
                } else {
                    above
                }
            })
            .collect();
        steps.dedup();
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddpm_ends_in_almost_pure_noise() {
        let s = Schedule::ddpm();
        assert_eq!(s.len(), 1000);
        assert!((s.alpha_bar[0] - 0.9999).abs() < 1e-7);
        // After 1000 steps about 4·10⁻⁵ of the signal's power is left.
        assert!(
            s.alpha_bar[999] < 5e-5 && s.alpha_bar[999] > 3e-5,
            "{}",
            s.alpha_bar[999]
        );
        assert!(s.alpha_bar.windows(2).all(|w| w[1] < w[0]));
    }

    #[test]
    fn spaced_steps_run_from_noise_to_clean() {
        let s = Schedule::ddpm();
        assert_eq!(s.spaced(1), vec![999]);
        assert_eq!(s.spaced(2), vec![999, 0]);
        let ten = s.spaced(10);
        assert_eq!((ten.len(), ten[0], ten[9]), (10, 999, 0));
        assert_eq!(s.spaced(5000).len(), 1000);
    }

    #[test]
    fn karras_steps_crowd_at_low_noise() {
        let s = Schedule::ddpm();
        let k = s.karras(20);
        assert_eq!((k.len(), k[0], k[19]), (20, 999, 0));
        assert!(k.windows(2).all(|w| w[1] < w[0]));
        // Near the clean end (t < 50, σ < 0.23) even spacing has one of 20
        // steps, Karras's four.
        let near = |steps: &[usize]| steps.iter().filter(|&&t| t < 50).count();
        assert_eq!((near(&s.spaced(20)), near(&k)), (1, 4), "{k:?}");
        assert_eq!(s.karras(1), vec![999]);
    }
}
