//! Samplers: from pure noise back to data, with the same trained denoiser.
//!
//! Each step asks the denoiser which noise it sees in `x`, which gives a
//! guess of the clean point, `x̂₀ = (x − √(1−ᾱ)·ε̂)/√ᾱ`. The samplers differ
//! in what they do with it:
//! - DDPM (ancestral): step to the next noise level and add fresh noise,
//!   as the forward process would have; the paths jitter.
//! - DDIM (η = 0): step to the next noise level along the same predicted
//!   noise, adding none; the same start always gives the same result.
//! - Euler: the probability-flow ODE in the coordinates x/√ᾱ and
//!   σ = √((1−ᾱ)/ᾱ), one straight step per level. Written out, it is DDIM.
//! - Heun: Euler's step, then the slope at its end, and the average of the
//!   two slopes: two evaluations per step, far more accurate with few steps.

use crate::{Denoiser, Schedule};
use nn::init::standard_normal;

/// Which sampler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampler {
    Ddpm,
    Ddim,
    Euler,
    Heun,
}

impl Sampler {
    pub const ALL: [Sampler; 4] =
        [Sampler::Ddpm, Sampler::Ddim, Sampler::Euler, Sampler::Heun];

    pub fn name(self) -> &'static str {
        match self {
            Sampler::Ddpm => "ddpm",
            Sampler::Ddim => "ddim",
            Sampler::Euler => "euler",
            Sampler::Heun => "heun",
        }
    }

    pub fn from_name(name: &str) -> Option<Sampler> {
        Sampler::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The points after every step: `frames[0]` is the starting noise, the
/// last frame the samples.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    pub frames: Vec<Vec<f32>>,
    /// Steps visited, in order (the noise levels of frames 0, 1, …).
    pub steps: Vec<usize>,
    /// Calls of the denoiser (Heun makes two per step).
    pub evaluations: usize,
}

impl Trajectory {
    pub fn last(&self) -> &[f32] {
        self.frames.last().map_or(&[], |f| f.as_slice())
    }
}

/// Starting noise for `n` examples, from `seed`.
pub fn start(n: usize, dim: usize, seed: u64) -> Vec<f32> {
    let mut rng = nn::rng(seed);
    (0..n * dim).map(|_| standard_normal(&mut rng)).collect()
}

/// A sampling run in progress: one step at a time, so a page can draw it
/// and a worker can answer messages between steps.
pub struct Run {
    sampler: Sampler,
    rng: nn::Rng,
    x: Vec<f32>,
    at: usize,
    /// What has been done so far.
    pub trajectory: Trajectory,
}

impl Run {
    /// `count` steps (spread over the schedule) of `sampler` from `x`;
    /// `seed` feeds DDPM's fresh noise.
    pub fn new(
        schedule: &Schedule,
        sampler: Sampler,
        count: usize,
        x: Vec<f32>,
        seed: u64,
    ) -> Run {
        let trajectory = Trajectory {
            frames: vec![x.clone()],
            steps: schedule.spaced(count),
            evaluations: 0,
        };
        Run { sampler, rng: nn::rng(seed), x, at: 0, trajectory }
    }

    pub fn finished(&self) -> bool {
        self.at >= self.trajectory.steps.len()
    }

    /// Steps taken, out of `trajectory.steps.len()`.
    pub fn done(&self) -> usize {
        self.at
    }

    /// One step towards the data (nothing once finished).
    pub fn step(&mut self, model: &mut impl Denoiser, schedule: &Schedule) {
        if self.finished() {
            return;
        }
        let (dim, steps) = (model.dim(), &self.trajectory.steps);
        let n = self.x.len() / dim;
        let (t, prev) = (steps[self.at], steps.get(self.at + 1).copied());
        let (a, ap) =
            (schedule.alpha_bar[t], prev.map_or(1.0, |p| schedule.alpha_bar[p]));
        let x = &mut self.x;
        let eps = model.predict_noise(x, t, n);
        self.trajectory.evaluations += 1;
        match self.sampler {
            // ANCHOR: ddim
            Sampler::Ddpm | Sampler::Ddim => {
                let eta = if self.sampler == Sampler::Ddpm { 1.0 } else { 0.0 };
                // The fresh noise's size: DDPM's posterior for η = 1, none for η = 0.
                let sigma = eta
                    * ((1.0 - ap) / (1.0 - a)).sqrt()
                    * (1.0 - a / ap).max(0.0).sqrt();
                let along = (1.0 - ap - sigma * sigma).max(0.0).sqrt();
                for (v, e) in x.iter_mut().zip(&eps) {
                    let clean = (*v - (1.0 - a).sqrt() * e) / a.sqrt();
                    *v = ap.sqrt() * clean + along * e;
                    if sigma > 0.0 {
                        *v += sigma * standard_normal(&mut self.rng);
                    }
                }
            }
            // ANCHOR_END: ddim
            Sampler::Euler | Sampler::Heun => {
                let (s, sp) =
                    (schedule.sigma(t), prev.map_or(0.0, |p| schedule.sigma(p)));
                // In x/√ᾱ the ODE is d(x/√ᾱ)/dσ = ε̂: a straight step of σ's change.
                let mut y: Vec<f32> = x.iter().map(|v| v / a.sqrt()).collect();
                let euler: Vec<f32> =
                    y.iter().zip(&eps).map(|(y, e)| y + (sp - s) * e).collect();
                match (self.sampler, prev) {
                    (Sampler::Heun, Some(p)) => {
                        let there: Vec<f32> =
                            euler.iter().map(|v| v * ap.sqrt()).collect();
                        let eps2 = model.predict_noise(&there, p, n);
                        self.trajectory.evaluations += 1;
                        for ((y, e), e2) in y.iter_mut().zip(&eps).zip(&eps2) {
                            *y += (sp - s) * 0.5 * (e + e2);
                        }
                    }
                    _ => y = euler,
                }
                *x = y.iter().map(|v| v * ap.sqrt()).collect();
            }
        }
        self.trajectory.frames.push(x.clone());
        self.at += 1;
    }
}

/// Runs `sampler` for `count` steps from `x` to the end.
pub fn run(
    model: &mut impl Denoiser,
    schedule: &Schedule,
    sampler: Sampler,
    count: usize,
    x: Vec<f32>,
    seed: u64,
) -> Trajectory {
    let mut r = Run::new(schedule, sampler, count, x, seed);
    while !r.finished() {
        r.step(model, schedule);
    }
    r.trajectory
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact denoiser when the data are Gaussian with standard deviation
    /// `s` around 0: `x_t` is then Gaussian with variance `ᾱs² + 1 − ᾱ`,
    /// and the best guess of the noise is linear in `x_t`.
    struct Gaussian {
        s: f32,
        schedule: Schedule,
    }

    impl Denoiser for Gaussian {
        fn dim(&self) -> usize {
            1
        }
        fn predict_noise(&mut self, x: &[f32], t: usize, _n: usize) -> Vec<f32> {
            let a = self.schedule.alpha_bar[t];
            let k = (1.0 - a).sqrt() / (a * self.s * self.s + 1.0 - a);
            x.iter().map(|v| k * v).collect()
        }
    }

    fn model(s: f32) -> Gaussian {
        Gaussian { s, schedule: Schedule::ddpm() }
    }

    #[test]
    fn ddim_is_euler_written_out() {
        let schedule = Schedule::ddpm();
        let x = start(500, 1, 1);
        for count in [3, 10, 50] {
            let d = run(&mut model(0.5), &schedule, Sampler::Ddim, count, x.clone(), 0);
            let e = run(&mut model(0.5), &schedule, Sampler::Euler, count, x.clone(), 0);
            for (fd, fe) in d.frames.iter().zip(&e.frames) {
                for (a, b) in fd.iter().zip(fe) {
                    assert!(
                        (a - b).abs() < 1e-4 * (1.0 + a.abs()),
                        "{count} steps: {a} vs {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn deterministic_samplers_follow_the_exact_flow_and_heun_needs_fewer_steps() {
        // The probability-flow ODE maps the start's Gaussian onto the data's
        // by a scaling: x₀ = x_T · s / √(ᾱ_T s² + 1 − ᾱ_T).
        let schedule = Schedule::ddpm();
        let s = 0.5;
        let a = schedule.alpha_bar[999];
        let exact = s / (a * s * s + 1.0 - a).sqrt();
        let x = vec![1.0];
        let error = |sampler, count| {
            let out = run(&mut model(s), &schedule, sampler, count, x.clone(), 0);
            (out.last()[0] - exact).abs()
        };
        assert!(error(Sampler::Heun, 100) < 1e-3, "{}", error(Sampler::Heun, 100));
        assert!(error(Sampler::Ddim, 1000) < 5e-3, "{}", error(Sampler::Ddim, 1000));
        // With even steps in t the first step, from σ ≈ 157, is huge; from
        // ten steps on, Heun's error is a third of Euler's or less.
        assert!(
            error(Sampler::Euler, 20) / error(Sampler::Heun, 20) > 6.0,
            "a seventh at 20 steps"
        );
        for count in [10, 20, 50] {
            assert!(
                error(Sampler::Heun, count) < error(Sampler::Euler, count) / 3.0,
                "{count} steps: Heun {} vs Euler {}",
                error(Sampler::Heun, count),
                error(Sampler::Euler, count)
            );
        }
    }

    #[test]
    fn ddpm_reaches_the_data_spread_only_with_many_steps() {
        let schedule = Schedule::ddpm();
        let n = 20_000;
        let variance = |count| {
            let out =
                run(&mut model(0.5), &schedule, Sampler::Ddpm, count, start(n, 1, 2), 3);
            out.last().iter().map(|v| v * v).sum::<f32>() / n as f32
        };
        // The data's variance is 0.25; DDPM's samples shrink towards the
        // middle when it takes few, large steps (0.10 at 10 steps).
        assert!((variance(1000) - 0.25).abs() < 0.005, "{}", variance(1000));
        assert!(variance(10) < 0.15, "{}", variance(10));
        let out = run(&mut model(0.5), &schedule, Sampler::Ddpm, 100, start(n, 1, 2), 3);
        assert_eq!(out.evaluations, 100);
        assert_eq!(out.frames.len(), 101);
        // Same seed, same samples; another seed, others.
        let again =
            run(&mut model(0.5), &schedule, Sampler::Ddpm, 100, start(n, 1, 2), 3);
        assert_eq!(again.last(), out.last());
        let other =
            run(&mut model(0.5), &schedule, Sampler::Ddpm, 100, start(n, 1, 2), 4);
        assert_ne!(other.last(), out.last());
    }
}
