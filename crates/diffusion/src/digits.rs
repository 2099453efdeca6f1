//! Teaching the U-Net to draw digits: the same lesson as the 2-D toy (mix
//! noise into a clean example at a random step, ask for the noise back),
//! on 28×28 MNIST images, with the digit as the prompt.
//!
//! Training runs natively, split over threads: each thread holds a copy of
//! the network and works out the gradients of its share of the batch; the
//! shares are summed, one optimizer step is taken, and the new weights are
//! copied back out. The result is the same as one thread with the whole
//! batch, up to the order of additions.

use crate::unet::{Config, NO_DIGIT, UNet};
use crate::{Denoiser, Schedule};
use nn::init::standard_normal;
use nn::{Optimizer, OptimizerKind, Rng, warmup_cosine};
use rand::RngExt;

/// How often training hides the digit, so the one network also learns the
/// unprompted picture that guidance compares against.
pub const DROP_PROMPT: f32 = 0.1;

/// Pixels of a 0–255 MNIST image as the model sees them: −1 (paper) to 1 (ink).
pub fn to_model(pixels: &[u8]) -> Vec<f32> {
    pixels.iter().map(|&p| f32::from(p) / 127.5 - 1.0).collect()
}

/// The training run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub config: Config,
    pub batch: usize,
    pub steps: usize,
    pub peak_lr: f32,
    pub warmup: usize,
    /// The weights kept for drawing are an exponential moving average of
    /// the trained ones (smoother pictures than the last step's weights).
    pub ema: f32,
    pub threads: usize,
    pub seed: u64,
}

impl Settings {
    /// The shipped model's run.
    pub fn shipped(steps: usize) -> Settings {
        Settings {
            config: Config::MNIST,
            batch: 128,
            steps,
            peak_lr: 2e-3,
            warmup: 200,
            ema: 0.999,
            threads: 2,
            seed: 1,
        }
    }
}

/// A training run in progress.
pub struct DigitTrainer {
    pub settings: Settings,
    replicas: Vec<UNet>,
    optimizer: Optimizer,
    /// The averaged weights, one vector per parameter.
    pub ema: Vec<Vec<f32>>,
    schedule: Schedule,
    rng: Rng,
    pub step: usize,
}

impl DigitTrainer {
    pub fn new(settings: Settings) -> DigitTrainer {
        let replicas: Vec<UNet> = (0..settings.threads.max(1))
            .map(|_| UNet::new(settings.config, settings.seed))
            .collect();
        let ema = replicas[0].params_ref().iter().map(|p| p.value.clone()).collect();
        DigitTrainer {
            settings,
            replicas,
            optimizer: Optimizer::new(OptimizerKind::adamw(settings.peak_lr, 0.0)),
            ema,
            schedule: Schedule::ddpm(),
            rng: nn::rng(settings.seed ^ 0xd1),
            step: 0,
        }
    }

    // ANCHOR: train_step
    /// One step on a random batch of `images` (784 numbers each, in the
    /// model's −1…1) and their `labels`; returns the mean squared error of
    /// the predicted noise.
    pub fn train_step(&mut self, images: &[f32], labels: &[u8]) -> f32 {
        let s = self.settings;
        let pixels = self.replicas[0].pixels();
        let mut x = vec![0.0; s.batch * pixels];
        let mut noise = vec![0.0; s.batch * pixels];
        let mut steps = vec![0; s.batch];
        let mut prompts = vec![NO_DIGIT; s.batch];
        for i in 0..s.batch {
            let pick = self.rng.random_range(0..labels.len());
            let (xi, ei) =
                (i * pixels..(i + 1) * pixels, &mut noise[i * pixels..(i + 1) * pixels]);
            x[xi.clone()].copy_from_slice(&images[pick * pixels..(pick + 1) * pixels]);
            ei.iter_mut().for_each(|e| *e = standard_normal(&mut self.rng));
            steps[i] = self.rng.random_range(0..self.schedule.len());
            self.schedule.noise(&mut x[xi], ei, steps[i]);
            if self.rng.random::<f32>() >= DROP_PROMPT {
                prompts[i] = labels[pick];
            }
        }
        // Each thread: its share of the batch, forward and backward.
        let share = s.batch.div_ceil(self.replicas.len());
        let scale = 2.0 / (s.batch * pixels) as f32;
        let losses: Vec<f32> = std::thread::scope(|scope| {
            let mut works = self.replicas.iter_mut().enumerate().map(|(k, net)| {
                let lo = (k * share).min(s.batch);
                let hi = ((k + 1) * share).min(s.batch);
                let (x, noise) =
                    (&x[lo * pixels..hi * pixels], &noise[lo * pixels..hi * pixels]);
                let (steps, prompts) = (&steps[lo..hi], &prompts[lo..hi]);
                move || {
                    let n = hi - lo;
                    if n == 0 {
                        return 0.0;
                    }
                    let guess = net.forward(x, steps, prompts, n);
                    let mut loss = 0.0;
                    let d: Vec<f32> = guess
                        .iter()
                        .zip(noise)
                        .map(|(g, e)| {
                            loss += (g - e) * (g - e);
                            scale * (g - e)
                        })
                        .collect();
                    net.backward(&d, n);
                    loss
                }
            });
            // This thread takes the first share once the others are running.
            let mut mine = works.next().expect("one copy at least");
            let others: Vec<_> = works.map(|w| scope.spawn(w)).collect();
            let mut losses = vec![mine()];
            losses.extend(
                others.into_iter().map(|h| h.join().expect("a training thread failed")),
            );
            losses
        });
        // Sum the shares' gradients into the first copy and step it.
        let (first, rest) = self.replicas.split_first_mut().expect("one copy at least");
        let mut params = first.params();
        for other in rest.iter_mut() {
            for (p, q) in params.iter_mut().zip(other.params()) {
                for (a, b) in p.grad.iter_mut().zip(&mut q.grad) {
                    *a += *b;
                    *b = 0.0;
                }
            }
        }
        let lr = warmup_cosine(self.step, s.warmup, s.steps, s.peak_lr, s.peak_lr * 0.05);
        self.optimizer.kind = self.optimizer.kind.with_lr(lr);
        self.optimizer.step(params);
        // ANCHOR_END: train_step
        let trained: Vec<Vec<f32>> =
            self.replicas[0].params_ref().iter().map(|p| p.value.clone()).collect();
        for other in &mut self.replicas[1..] {
            for (q, v) in other.params().into_iter().zip(&trained) {
                q.value.copy_from_slice(v);
            }
        }
        let d = s.ema.min(1.0 - 1.0 / (self.step as f32 + 2.0));
        for (e, v) in self.ema.iter_mut().zip(&trained) {
            for (a, b) in e.iter_mut().zip(v) {
                *a = d * *a + (1.0 - d) * b;
            }
        }
        self.step += 1;
        losses.iter().sum::<f32>() / (s.batch * pixels) as f32
    }

    /// A network holding the averaged weights, for drawing.
    pub fn averaged(&self) -> UNet {
        let mut net = UNet::new(self.settings.config, 0);
        for (p, v) in net.params().into_iter().zip(&self.ema) {
            p.value.copy_from_slice(v);
        }
        net
    }
}

/// The U-Net asked for one digit (or none) for a whole batch, with
/// classifier-free guidance of strength `scale`: at 1 the plain prompted
/// prediction, at 0 the unprompted one, above 1 pushed further from the
/// unprompted one. With a prompt and a scale other than 1 every step costs
/// two network calls (one batch of twice the size).
pub struct Guided<'a> {
    pub net: &'a mut UNet,
    /// ᾱ of every step, to keep the clean-image guess inside the pixel range.
    alpha_bar: &'a [f32],
    pub digit: u8,
    pub scale: f32,
    /// Network calls so far (a guided batch counts two).
    pub calls: usize,
}

impl<'a> Guided<'a> {
    pub fn new(
        net: &'a mut UNet,
        schedule: &'a Schedule,
        digit: u8,
        scale: f32,
    ) -> Guided<'a> {
        Guided { net, alpha_bar: &schedule.alpha_bar, digit, scale, calls: 0 }
    }

    /// The noise that makes the clean-image guess lie in −1…1 (pixels
    /// cannot be blacker than paper or darker than ink): strong guidance
    /// otherwise overshoots and the picture burns out.
    fn clip(&self, x: &[f32], mut eps: Vec<f32>, t: usize) -> Vec<f32> {
        let a = self.alpha_bar[t];
        let (keep, noise) = (a.sqrt(), (1.0 - a).sqrt());
        for (e, v) in eps.iter_mut().zip(x) {
            let clean = ((v - noise * *e) / keep).clamp(-1.0, 1.0);
            *e = (v - keep * clean) / noise;
        }
        eps
    }
}

impl Denoiser for Guided<'_> {
    fn dim(&self) -> usize {
        self.net.pixels()
    }

    // ANCHOR: guidance
    fn predict_noise(&mut self, x: &[f32], t: usize, n: usize) -> Vec<f32> {
        let (digit, s) = (self.digit.min(NO_DIGIT), self.scale);
        if digit == NO_DIGIT || s == 1.0 || s == 0.0 {
            self.calls += 1;
            let label = if s == 0.0 { NO_DIGIT } else { digit };
            let eps = self.net.forward(x, &vec![t; n], &vec![label; n], n);
            return self.clip(x, eps, t);
        }
        // Both predictions in one batch: the prompted images, then the same
        // images unprompted.
        let both = [x, x].concat();
        let mut labels = vec![digit; n];
        labels.resize(2 * n, NO_DIGIT);
        let out = self.net.forward(&both, &vec![t; 2 * n], &labels, 2 * n);
        self.calls += 2;
        let (with, without) = out.split_at(x.len());
        let eps = without.iter().zip(with).map(|(u, c)| u + s * (c - u)).collect();
        self.clip(x, eps, t)
    }
    // ANCHOR_END: guidance
}
