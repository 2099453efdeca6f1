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
//! - Euler ancestral: Euler's step to below the next noise level, then
//!   fresh noise back up to it (DDPM's idea in σ's coordinates).
//! - DPM++ 2M (Lu et al. 2022): solves the ODE exactly for a clean-image
//!   guess that changes linearly between steps, using the previous step's
//!   guess as well: one evaluation per step, Heun-like accuracy.
//!
//! Which steps are visited is separate: evenly spaced in t, or Karras et
//! al.'s (2022) spacing ([`Schedule::karras`]), which crowds them at low noise.

use crate::{Denoiser, Schedule};
use nn::init::standard_normal;

/// Which sampler (named in files as [`Sampler::name`] says).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Sampler {
    #[serde(rename = "ddpm")]
    Ddpm,
    #[serde(rename = "ddim")]
    Ddim,
    #[serde(rename = "euler")]
    Euler,
    #[serde(rename = "euler-a")]
    EulerAncestral,
    #[serde(rename = "heun")]
    Heun,
    #[serde(rename = "dpm++2m")]
    DpmPp2m,
}

impl Sampler {
    pub const ALL: [Sampler; 6] = [
        Sampler::Ddpm,
        Sampler::Ddim,
        Sampler::Euler,
        Sampler::EulerAncestral,
        Sampler::Heun,
        Sampler::DpmPp2m,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Sampler::Ddpm => "ddpm",
            Sampler::Ddim => "ddim",
            Sampler::Euler => "euler",
            Sampler::EulerAncestral => "euler-a",
            Sampler::Heun => "heun",
            Sampler::DpmPp2m => "dpm++2m",
        }
    }

    /// The sampler's name and what it does, in the page's language.
    pub fn label(self, zh: bool) -> &'static str {
        let (en, cn) = match self {
            Sampler::Ddpm => {
                ("DDPM (adds fresh noise each step)", "DDPM（每步加入新噪声）")
            }
            Sampler::Ddim => ("DDIM (no fresh noise)", "DDIM（不加新噪声）"),
            Sampler::Euler => {
                ("Euler (the ODE, one slope a step)", "Euler（常微分方程，每步一个斜率）")
            }
            Sampler::EulerAncestral => (
                "Euler ancestral (Euler, then fresh noise)",
                "Euler 祖先采样（Euler 一步，再加新噪声）",
            ),
            Sampler::Heun => ("Heun (two slopes a step)", "Heun（每步两个斜率）"),
            Sampler::DpmPp2m => (
                "DPM++ 2M (also uses the last step's guess)",
                "DPM++ 2M（也用上一步的猜测）",
            ),
        };
        if zh { cn } else { en }
    }

    /// Whether the sampler adds fresh noise (so the seed matters past the start).
    pub fn is_random(self) -> bool {
        matches!(self, Sampler::Ddpm | Sampler::EulerAncestral)
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
    /// The latest guess of the clean data, x̂₀ (empty before the first step).
    pub clean: Vec<f32>,
    /// DDIM's η: how much of DDPM's fresh noise it adds, as a share of its
    /// standard deviation (0 none, 1 DDPM's own). Other samplers ignore it.
    pub eta: f32,
    /// DPM++ 2M's memory: the previous step's σ and clean guess.
    previous: Option<(f32, Vec<f32>)>,
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
        Run::through(sampler, schedule.spaced(count), x, seed)
    }

    /// Visits `steps` (from noisy to clean, e.g. [`Schedule::karras`]).
    pub fn through(sampler: Sampler, steps: Vec<usize>, x: Vec<f32>, seed: u64) -> Run {
        let trajectory = Trajectory { frames: vec![x.clone()], steps, evaluations: 0 };
        Run {
            sampler,
            rng: nn::rng(seed),
            x,
            at: 0,
            clean: Vec::new(),
            previous: None,
            eta: 0.0,
            trajectory,
        }
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
        self.clean = x
            .iter()
            .zip(&eps)
            .map(|(v, e)| (v - (1.0 - a).sqrt() * e) / a.sqrt())
            .collect();
        // Noise per unit of signal here and at the next step (0 at the end).
        let (s, sp) = (schedule.sigma(t), prev.map_or(0.0, |p| schedule.sigma(p)));
        match self.sampler {
            // ANCHOR: ddim
            Sampler::Ddpm | Sampler::Ddim => {
                let eta = if self.sampler == Sampler::Ddpm { 1.0 } else { self.eta };
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
            Sampler::EulerAncestral => {
                // Step down to σ_down by Euler, then add noise of size σ_up:
                // σ_down² + σ_up² = σ_next², so the noise level comes out right.
                let up = if s > 0.0 {
                    (sp * sp * (s * s - sp * sp) / (s * s)).max(0.0).sqrt().min(sp)
                } else {
                    0.0
                };
                let down = (sp * sp - up * up).max(0.0).sqrt();
                for (v, e) in x.iter_mut().zip(&eps) {
                    let mut y = *v / a.sqrt() + (down - s) * e;
                    if up > 0.0 {
                        y += up * standard_normal(&mut self.rng);
                    }
                    *v = y * ap.sqrt();
                }
            }
            // ANCHOR: dpmpp
            Sampler::DpmPp2m => {
                let guess = match &self.previous {
                    // With the previous guess: extrapolate the guess's change
                    // in log σ to the middle of this step.
                    Some((s_before, before)) if sp > 0.0 => {
                        let r = (s_before / s).ln() / (s / sp).ln();
                        let k = 1.0 / (2.0 * r);
                        self.clean
                            .iter()
                            .zip(before)
                            .map(|(c, b)| (1.0 + k) * c - k * b)
                            .collect()
                    }
                    _ => self.clean.clone(),
                };
                let decay = -(-(s / sp).ln()).exp_m1(); // 1 − σ_next/σ
                for (v, g) in x.iter_mut().zip(&guess) {
                    let y = if sp > 0.0 {
                        (sp / s) * (*v / a.sqrt()) + decay * g
                    } else {
                        *g
                    };
                    *v = y * ap.sqrt();
                }
                self.previous = Some((s, self.clean.clone()));
            } // ANCHOR_END: dpmpp
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
    fn dpm_solver_with_karras_steps_beats_heun_at_the_same_calls() {
        let schedule = Schedule::ddpm();
        let s = 0.5;
        let a = schedule.alpha_bar[999];
        let exact = s / (a * s * s + 1.0 - a).sqrt();
        let error = |sampler, steps: Vec<usize>| {
            let mut r = Run::through(sampler, steps, vec![1.0], 0);
            while !r.finished() {
                r.step(&mut model(s), &schedule);
            }
            (r.trajectory.last()[0] - exact).abs()
        };
        for count in [10, 20, 50] {
            let karras = error(Sampler::DpmPp2m, schedule.karras(count));
            let euler = error(Sampler::Euler, schedule.spaced(count));
            let heun = error(Sampler::Heun, schedule.spaced(count / 2));
            assert!(karras < euler / 2.5, "{count}: DPM++ {karras} vs Euler {euler}");
            assert!(
                karras < heun,
                "{count}: DPM++ {karras} vs Heun at as many calls {heun}"
            );
            // The two-step formula needs steps that shrink smoothly in log σ:
            // with even steps in t it is 3–8 times worse.
            let even = error(Sampler::DpmPp2m, schedule.spaced(count));
            assert!(even > 2.5 * karras, "{count}: even {even} vs Karras {karras}");
        }
        // The chapter's numbers (20 steps; Heun 10 steps, 19 calls).
        let round = |v: f32| (v * 1000.0).round() / 1000.0;
        assert_eq!(round(error(Sampler::DpmPp2m, schedule.karras(20))), 0.026);
        assert_eq!(round(error(Sampler::Euler, schedule.spaced(20))), 0.07);
        assert_eq!(round(error(Sampler::Heun, schedule.spaced(10))), 0.043);
        assert_eq!(round(error(Sampler::DpmPp2m, schedule.spaced(20))), 0.121);
    }

    #[test]
    fn ddim_with_eta_1_is_ddpm() {
        let schedule = Schedule::ddpm();
        let x = start(50, 1, 5);
        let ddpm = run(&mut model(0.5), &schedule, Sampler::Ddpm, 20, x.clone(), 9);
        let mut r = Run::new(&schedule, Sampler::Ddim, 20, x.clone(), 9);
        r.eta = 1.0;
        while !r.finished() {
            r.step(&mut model(0.5), &schedule);
        }
        assert_eq!(r.trajectory.last(), ddpm.last());
        let plain = run(&mut model(0.5), &schedule, Sampler::Ddim, 20, x, 9);
        assert_ne!(plain.last(), ddpm.last());
    }

    #[test]
    fn euler_ancestral_is_ddpm_written_out() {
        // As Euler is DDIM, Euler ancestral's noise sizes are DDPM's posterior.
        let schedule = Schedule::ddpm();
        for count in [3, 10, 50] {
            let x = start(200, 1, 5);
            let d = run(&mut model(0.5), &schedule, Sampler::Ddpm, count, x.clone(), 9);
            let e = run(&mut model(0.5), &schedule, Sampler::EulerAncestral, count, x, 9);
            for (a, b) in d.last().iter().zip(e.last()) {
                assert!(
                    (a - b).abs() < 1e-4 * (1.0 + a.abs()),
                    "{count} steps: {a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn euler_ancestral_keeps_the_data_spread_and_its_seed() {
        let schedule = Schedule::ddpm();
        let n = 20_000;
        let sample = |count, seed| {
            run(
                &mut model(0.5),
                &schedule,
                Sampler::EulerAncestral,
                count,
                start(n, 1, 2),
                seed,
            )
        };
        let out = sample(1000, 3);
        let variance = out.last().iter().map(|v| v * v).sum::<f32>() / n as f32;
        assert!((variance - 0.25).abs() < 0.005, "{variance}");
        // Like DDPM, it shrinks towards the middle with few steps (0.20 at 50).
        let few = sample(50, 3);
        assert!(few.last().iter().map(|v| v * v).sum::<f32>() / (n as f32) < 0.21);
        assert_eq!(sample(1000, 3).last(), out.last());
        assert_ne!(sample(1000, 4).last(), out.last());
        assert!(Sampler::EulerAncestral.is_random() && !Sampler::DpmPp2m.is_random());
    }

    #[test]
    fn every_sampler_reports_the_clean_guess() {
        let schedule = Schedule::ddpm();
        for sampler in Sampler::ALL {
            let mut r = Run::new(&schedule, sampler, 5, start(3, 1, 1), 0);
            r.step(&mut model(0.5), &schedule);
            assert_eq!(r.clean.len(), 3, "{sampler:?}");
            assert_eq!(Sampler::from_name(sampler.name()), Some(sampler));
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
