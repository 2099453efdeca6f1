//! The two-dimensional denoiser: a small MLP that reads a noisy point and
//! the step `t` (as sines and cosines of several frequencies, the
//! Transformer's position code) and answers with the noise it thinks was
//! added. Trained in the page in seconds.
//!
//! It also reads a *prompt*: which of two parts of the shape a point comes
//! from (one-hot), or nothing (all zeros). Training hides the prompt one time
//! in ten, so one network learns both, and classifier-free guidance can
//! combine them when drawing ([`Prompted`]).

use crate::{Denoiser, Schedule};
use nn::init::standard_normal;
use nn::{Dense, Gelu, Layer, Optimizer, OptimizerKind, Param, Rng, Shape};
use rand::RngExt;

/// Sine–cosine pairs in the step's code.
pub const FREQUENCIES: usize = 16;
/// Parts of a shape a prompt can ask for.
pub const CLASSES: usize = 2;
/// How often training hides the prompt (Ho & Salimans use 0.1 to 0.2).
pub const DROP_PROMPT: f32 = 0.2;
const INPUT: usize = 2 + 2 * FREQUENCIES + CLASSES;

/// `t` as `2·FREQUENCIES` numbers: nearby steps get similar codes, distant
/// ones different, at every scale from one step to the whole schedule.
pub fn step_code(t: usize, out: &mut [f32]) {
    for k in 0..FREQUENCIES {
        let f = (-(10_000f32.ln()) * k as f32 / FREQUENCIES as f32).exp();
        let a = t as f32 * f;
        out[k] = a.sin();
        out[FREQUENCIES + k] = a.cos();
    }
}

/// The MLP: point and step code → `width` → `width` → `width` → noise.
pub struct ToyDenoiser {
    layers: Vec<Box<dyn Layer>>,
}

impl ToyDenoiser {
    pub fn new(width: usize, seed: u64) -> ToyDenoiser {
        let mut rng = nn::rng(seed);
        let input = INPUT;
        let mut layers: Vec<Box<dyn Layer>> = Vec::new();
        let mut from = input;
        for _ in 0..3 {
            let mut d = Dense::new(from, width, &mut rng);
            d.by_transpose = true;
            layers.push(Box::new(d));
            layers.push(Box::new(Gelu::new(Shape::new(width, 1, 1))));
            from = width;
        }
        let mut out = Dense::new(width, 2, &mut rng);
        out.by_transpose = true;
        layers.push(Box::new(out));
        ToyDenoiser { layers }
    }

    pub fn params(&mut self) -> Vec<&mut Param> {
        self.layers.iter_mut().flat_map(|l| l.params()).collect()
    }

    pub fn param_count(&self) -> usize {
        self.layers.iter().flat_map(|l| l.params_ref()).map(|p| p.value.len()).sum()
    }

    /// Inputs for `n` points, each with its own step and prompt.
    fn inputs(x: &[f32], steps: &[usize], prompts: &[Option<u8>]) -> Vec<f32> {
        let mut input = vec![0.0; steps.len() * INPUT];
        for (((row, p), &t), c) in
            input.chunks_exact_mut(INPUT).zip(x.chunks_exact(2)).zip(steps).zip(prompts)
        {
            row[..2].copy_from_slice(p);
            step_code(t, &mut row[2..2 + 2 * FREQUENCIES]);
            if let Some(c) = c {
                row[2 + 2 * FREQUENCIES + usize::from(*c)] = 1.0;
            }
        }
        input
    }

    fn forward(
        &mut self,
        x: &[f32],
        steps: &[usize],
        prompts: &[Option<u8>],
    ) -> Vec<f32> {
        let mut h = Self::inputs(x, steps, prompts);
        for layer in &mut self.layers {
            h = layer.forward(&h, steps.len());
        }
        h
    }
}

impl Denoiser for ToyDenoiser {
    fn dim(&self) -> usize {
        2
    }

    fn predict_noise(&mut self, x: &[f32], t: usize, n: usize) -> Vec<f32> {
        self.forward(&x[..2 * n], &vec![t; n], &vec![None; n])
    }
}

/// The denoiser with a prompt and a guidance scale: what a sampler calls.
pub struct Prompted<'a> {
    pub model: &'a mut ToyDenoiser,
    /// The part asked for; `None` draws without a prompt.
    pub prompt: Option<u8>,
    pub scale: f32,
}

impl Denoiser for Prompted<'_> {
    fn dim(&self) -> usize {
        2
    }

    // ANCHOR: guidance
    /// Classifier-free guidance: `ε(x, ∅) + s·(ε(x, c) − ε(x, ∅))`. Scale 1
    /// is the prompted prediction itself, 0 the unprompted one.
    fn predict_noise(&mut self, x: &[f32], t: usize, n: usize) -> Vec<f32> {
        let steps = vec![t; n];
        let Some(c) = self.prompt else {
            return self.model.forward(&x[..2 * n], &steps, &vec![None; n]);
        };
        let prompted = self.model.forward(&x[..2 * n], &steps, &vec![Some(c); n]);
        if self.scale == 1.0 {
            return prompted;
        }
        let free = self.model.forward(&x[..2 * n], &steps, &vec![None; n]);
        free.iter().zip(&prompted).map(|(u, p)| u + self.scale * (p - u)).collect()
    }
    // ANCHOR_END: guidance
}

/// Training on one point cloud: batches of its points, each noised to a
/// random step, the squared error of the predicted noise.
pub struct ToyTrainer {
    pub model: ToyDenoiser,
    pub schedule: Schedule,
    data: Vec<f32>,
    /// Which part of the shape each point belongs to.
    parts: Vec<u8>,
    optimizer: Optimizer,
    rng: Rng,
    pub batch: usize,
    pub steps: usize,
    pub step: usize,
    peak_lr: f32,
}

impl ToyTrainer {
    /// `steps` Adam steps of `batch` points (of `data`, each in part
    /// `parts[i]`), the rate falling from `lr` along a cosine to a tenth of it.
    pub fn new(
        data: Vec<f32>,
        parts: Vec<u8>,
        width: usize,
        lr: f32,
        steps: usize,
        seed: u64,
    ) -> ToyTrainer {
        ToyTrainer {
            model: ToyDenoiser::new(width, seed),
            schedule: Schedule::ddpm(),
            data,
            parts,
            optimizer: Optimizer::new(OptimizerKind::adam(lr)),
            rng: nn::rng(seed ^ 0x5eed),
            batch: 256,
            steps,
            step: 0,
            peak_lr: lr,
        }
    }

    // ANCHOR: train_step
    /// One step; returns the batch's mean squared error of the noise.
    pub fn train_step(&mut self) -> f32 {
        let (b, points) = (self.batch, self.data.len() / 2);
        let mut x = Vec::with_capacity(2 * b);
        let mut noise = Vec::with_capacity(2 * b);
        let mut steps = Vec::with_capacity(b);
        let mut prompts = Vec::with_capacity(b);
        for _ in 0..b {
            let i = self.rng.random_range(0..points);
            let t = self.rng.random_range(0..self.schedule.len());
            let hide = self.rng.random_range(0.0..1.0) < DROP_PROMPT;
            prompts.push((!hide).then(|| self.parts[i]));
            let eps = [standard_normal(&mut self.rng), standard_normal(&mut self.rng)];
            let mut p = [self.data[2 * i], self.data[2 * i + 1]];
            self.schedule.noise(&mut p, &eps, t); // the forward process
            x.extend(p);
            noise.extend(eps);
            steps.push(t);
        }
        let guess = self.model.forward(&x, &steps, &prompts);
        // Loss = mean of (guess − noise)²; its gradient, back through the MLP.
        let scale = 1.0 / guess.len() as f32;
        let loss =
            guess.iter().zip(&noise).map(|(g, e)| (g - e) * (g - e)).sum::<f32>() * scale;
        let mut grad: Vec<f32> =
            guess.iter().zip(&noise).map(|(g, e)| 2.0 * (g - e) * scale).collect();
        for layer in self.model.layers.iter_mut().rev() {
            grad = layer.backward(&grad, b);
        }
        let lr = nn::warmup_cosine(
            self.step,
            1,
            self.steps,
            self.peak_lr,
            self.peak_lr / 10.0,
        );
        self.optimizer.kind = self.optimizer.kind.with_lr(lr);
        self.optimizer.step(self.model.params());
        self.step += 1;
        loss
    }
    // ANCHOR_END: train_step

    pub fn data(&self) -> &[f32] {
        &self.data
    }

    pub fn parts(&self) -> &[u8] {
        &self.parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{self, Sampler};
    use crate::shapes;

    #[test]
    fn a_trained_denoiser_draws_the_character_and_an_untrained_one_does_not() {
        let data = shapes::cloud("人", 4000, 1).unwrap();
        let more = shapes::cloud("人", 500, 2).unwrap();
        let radius = shapes::on_shape_radius(&more, &data);
        let parts = shapes::parts("人", &data);
        let mut t = ToyTrainer::new(data.clone(), parts, 64, 3e-3, 3000, 1);
        assert_eq!(t.model.param_count(), 10_818);
        let noise = sample::start(500, 2, 9);
        let share = |t: &mut ToyTrainer| {
            let out = sample::run(
                &mut t.model,
                &t.schedule,
                Sampler::Ddim,
                50,
                noise.clone(),
                0,
            );
            shapes::share_on_shape(out.last(), &data, radius)
        };
        let before = share(&mut t);
        let first = t.train_step();
        let mut last = first;
        for _ in 1..3000 {
            last = t.train_step();
        }
        let after = share(&mut t);
        assert!(last < 0.3 && first > 0.5, "loss {first} → {last}");
        assert!(before < 0.3, "untrained: {before} on the shape");
        assert!(after > 0.85, "trained: {after} on the shape");
        assert!(shapes::share_on_shape(&noise, &data, radius) < 0.3);
        // Guidance: scale 0 ignores the prompt, scale 1 follows it.
        let parts = t.parts().to_vec();
        let mut in_right = |scale| {
            let mut p = Prompted { model: &mut t.model, prompt: Some(1), scale };
            let out =
                sample::run(&mut p, &t.schedule, Sampler::Ddim, 50, noise.clone(), 0);
            shapes::share_in_part(out.last(), &data, &parts, 1, radius)
        };
        let (ignored, followed) = (in_right(0.0), in_right(1.0));
        assert!((0.3..0.7).contains(&ignored), "scale 0: {ignored} in the right half");
        assert!(followed > 0.97, "scale 1: {followed} in the right half");
    }
}
