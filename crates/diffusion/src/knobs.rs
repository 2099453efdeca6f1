//! Judging the knobs: how guidance, steps and the sampler change what the
//! digit U-Net draws, measured on many drawings rather than one.
//!
//! Three numbers per setting, all read by the book's LeNet-5:
//! - accuracy: how often LeNet reads the digit that was asked for;
//! - diversity: how far apart drawings of the same digit lie in LeNet's
//!   feature space, as a share of how far apart real test digits of that
//!   class lie (1 = as varied as real handwriting);
//! - Fréchet distance: between LeNet's features of all drawings and of the
//!   10,000 official test digits (FID's recipe with LeNet-5 in place of
//!   Inception; 0 = the same cloud).
//!
//! Drawings come in batches of [`BATCH`] per digit, each batch with its own
//! seed, in a fixed order (batch 0 of every digit, then batch 1, …), so the
//! first N drawings of a long run are exactly what a short run of N draws:
//! the page's live points and the shipped reference can be compared exactly.

use crate::Schedule;
use crate::digits::Guided;
use crate::frechet::{self, Gaussian};
use crate::judge::{read, to_pixels};
use crate::sample::{Run, Sampler, start};
use crate::unet::UNet;
use lenet::LeNet5;
use lenet::model::FEATURES;
use serde::{Deserialize, Serialize};

/// Drawings of one digit per batch.
pub const BATCH: usize = 10;
/// Drawings per setting (all ten digits) at which the reference is reported.
pub const SIZES: [usize; 4] = [100, 200, 500, 1000];
/// Guidance scales of the guidance chart.
pub const SCALES: [f32; 8] = [0.0, 1.0, 2.0, 3.0, 5.0, 7.5, 10.0, 20.0];
/// Step counts of the steps chart.
pub const STEP_COUNTS: [usize; 5] = [5, 10, 20, 50, 100];
/// Samplers of the steps chart: DDPM's fresh noise, DDIM's none, DPM++ 2M's memory.
pub const STEP_SAMPLERS: [Sampler; 3] = [Sampler::Ddpm, Sampler::Ddim, Sampler::DpmPp2m];

/// One setting of the knobs (steps evenly spaced).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Knobs {
    pub scale: f32,
    pub sampler: Sampler,
    pub steps: usize,
}

impl Knobs {
    /// The guidance chart: DDIM, 20 steps, each scale.
    pub fn guidance() -> Vec<Knobs> {
        SCALES
            .iter()
            .map(|&scale| Knobs { scale, sampler: Sampler::Ddim, steps: 20 })
            .collect()
    }

    /// The steps chart: no guidance (scale 1), each sampler at each step count.
    pub fn steps() -> Vec<Knobs> {
        STEP_SAMPLERS
            .iter()
            .flat_map(|&sampler| {
                STEP_COUNTS.iter().map(move |&steps| Knobs { scale: 1.0, sampler, steps })
            })
            .collect()
    }

    /// Network calls per drawing (guidance with a prompt doubles each).
    pub fn calls(&self) -> usize {
        let per_step = if self.scale == 0.0 || self.scale == 1.0 { 1 } else { 2 };
        let per_step =
            if self.sampler == Sampler::Heun { 2 * per_step } else { per_step };
        per_step * self.steps
    }
}

/// The `index`-th batch of a run: which digit, and its seed.
pub fn batch(index: usize, first_seed: u64) -> (u8, u64) {
    ((index % 10) as u8, first_seed + index as u64)
}

/// Batch `index` of a setting under way: [`BATCH`] drawings of one digit,
/// a sampler step at a time (so a page can pause between steps).
pub struct BatchRun {
    pub digit: u8,
    knobs: Knobs,
    run: Run,
}

impl BatchRun {
    pub fn new(
        schedule: &Schedule,
        knobs: &Knobs,
        index: usize,
        first_seed: u64,
    ) -> BatchRun {
        let (digit, seed) = batch(index, first_seed);
        let x = start(BATCH, 784, seed);
        let run = Run::through(knobs.sampler, schedule.spaced(knobs.steps), x, seed);
        BatchRun { digit, knobs: *knobs, run }
    }

    /// One sampler step for the whole batch; returns the network calls made.
    pub fn step(&mut self, net: &mut UNet, schedule: &Schedule) -> usize {
        let mut model = Guided::new(net, schedule, self.digit, self.knobs.scale);
        self.run.step(&mut model, schedule);
        model.calls
    }

    pub fn finished(&self) -> bool {
        self.run.finished()
    }

    /// The drawings (784 numbers each, −1…1) once finished.
    pub fn images(&self) -> &[f32] {
        self.run.trajectory.last()
    }
}

/// Batch `index` of `knobs`, drawn in one go: (digit, drawings).
pub fn draw_batch(
    net: &mut UNet,
    schedule: &Schedule,
    knobs: &Knobs,
    index: usize,
    first_seed: u64,
) -> (u8, Vec<f32>) {
    let mut batch = BatchRun::new(schedule, knobs, index, first_seed);
    while !batch.finished() {
        batch.step(net, schedule);
    }
    (batch.digit, batch.images().to_vec())
}

/// The three numbers for the first `n` drawings of a setting.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub n: usize,
    pub accuracy: f64,
    pub diversity: f64,
    pub frechet: f64,
}

/// What LeNet made of every drawing so far, in drawing order.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// The digit asked for.
    pub asked: Vec<u8>,
    /// The digit LeNet read.
    pub read: Vec<u8>,
    /// LeNet's features, [`FEATURES`] per drawing.
    pub features: Vec<f32>,
}

impl Tally {
    /// Adds drawings of `digit` (784 numbers each, −1…1).
    pub fn add(&mut self, lenet: &mut LeNet5, digit: u8, images: &[f32]) {
        let n = images.len() / 784;
        self.asked.extend(std::iter::repeat_n(digit, n));
        self.read.extend(read(lenet, images).into_iter().map(|(d, _)| d));
        self.features.extend(lenet.features(&to_pixels(images), n));
    }

    pub fn len(&self) -> usize {
        self.asked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.asked.is_empty()
    }

    /// The score of the first `n` drawings against the test set.
    pub fn score(&self, n: usize, test: &TestSet) -> Score {
        let n = n.min(self.len());
        let right = (0..n).filter(|&i| self.asked[i] == self.read[i]).count();
        let mut shares = Vec::new();
        for digit in 0..10u8 {
            let rows: Vec<&[f32]> = (0..n)
                .filter(|&i| self.asked[i] == digit)
                .map(|i| &self.features[i * FEATURES..(i + 1) * FEATURES])
                .collect();
            if rows.len() >= 2 && test.spread[usize::from(digit)] > 0.0 {
                shares.push(
                    mean_distance(&rows) / f64::from(test.spread[usize::from(digit)]),
                );
            }
        }
        let cloud = Gaussian::fit(&self.features[..n * FEATURES], FEATURES);
        Score {
            n,
            accuracy: right as f64 / n.max(1) as f64,
            diversity: shares.iter().sum::<f64>() / shares.len().max(1) as f64,
            frechet: frechet::distance(&cloud, &test.gaussian()),
        }
    }
}

/// The mean distance between two different rows.
fn mean_distance(rows: &[&[f32]]) -> f64 {
    let mut total = 0.0f64;
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            let d: f32 = a.iter().zip(b.iter()).map(|(x, y)| (x - y) * (x - y)).sum();
            total += f64::from(d.sqrt());
        }
    }
    let pairs = rows.len() * (rows.len() - 1) / 2;
    total / pairs.max(1) as f64
}

/// The official test digits as LeNet sees them: the mean and covariance of
/// their features, and each class's mean distance between two of its digits.
/// Stored as f32, and used as stored, by the page and natively alike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestSet {
    pub count: usize,
    pub mean: Vec<f32>,
    pub cov: Vec<f32>,
    pub spread: Vec<f32>,
}

impl TestSet {
    /// Measures `images` (784 pixels in 0…1 each) with labels.
    pub fn measure(lenet: &mut LeNet5, images: &[f32], labels: &[u8]) -> TestSet {
        let features: Vec<f32> = images
            .chunks(784 * 500)
            .flat_map(|chunk| lenet.features(chunk, chunk.len() / 784))
            .collect();
        let g = Gaussian::fit(&features, FEATURES);
        let spread = (0..10u8)
            .map(|digit| {
                let rows: Vec<&[f32]> = labels
                    .iter()
                    .enumerate()
                    .filter(|&(_, &l)| l == digit)
                    .map(|(i, _)| &features[i * FEATURES..(i + 1) * FEATURES])
                    .collect();
                mean_distance(&rows) as f32
            })
            .collect();
        TestSet {
            count: labels.len(),
            mean: g.mean.iter().map(|&v| v as f32).collect(),
            cov: g.cov.iter().map(|&v| v as f32).collect(),
            spread,
        }
    }

    pub fn gaussian(&self) -> Gaussian {
        Gaussian {
            mean: self.mean.iter().map(|&v| f64::from(v)).collect(),
            cov: self.cov.iter().map(|&v| f64::from(v)).collect(),
        }
    }
}

/// One setting's scores at each of [`SIZES`] reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    #[serde(flatten)]
    pub knobs: Knobs,
    pub scores: Vec<Score>,
}

/// The shipped reference: the test set's numbers and every setting's scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// `diffusion-knobs-v1`.
    pub format: String,
    pub first_seed: u64,
    pub test: TestSet,
    pub guidance: Vec<Line>,
    pub steps: Vec<Line>,
}

/// The reference file's format name.
pub const FORMAT: &str = "diffusion-knobs-v1";

impl Reference {
    /// Reads the shipped file, checking its format.
    pub fn parse(text: &str) -> Result<Reference, String> {
        let r: Reference = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if r.format != FORMAT {
            return Err(format!("format {:?}, expected {FORMAT}", r.format));
        }
        if r.test.mean.len() != FEATURES || r.test.cov.len() != FEATURES * FEATURES {
            return Err("the test set's numbers have the wrong shape".into());
        }
        Ok(r)
    }

    /// The reference line of `knobs` (from either chart).
    pub fn line(&self, knobs: &Knobs) -> Option<&Line> {
        self.guidance.iter().chain(&self.steps).find(|l| l.knobs == *knobs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_take_turns_over_the_digits() {
        assert_eq!(batch(0, 5), (0, 5));
        assert_eq!(batch(13, 5), (3, 18));
        let first_100: Vec<u8> = (0..10).map(|i| batch(i, 0).0).collect();
        assert_eq!(first_100, (0..10).collect::<Vec<u8>>());
    }

    #[test]
    fn calls_count_guidance_and_heun_twice() {
        let k = |scale, sampler| Knobs { scale, sampler, steps: 10 }.calls();
        assert_eq!(k(1.0, Sampler::Ddim), 10);
        assert_eq!(k(0.0, Sampler::Ddpm), 10);
        assert_eq!(k(3.0, Sampler::Ddim), 20);
        assert_eq!(k(3.0, Sampler::Heun), 40);
    }

    #[test]
    fn samplers_are_named_in_files_as_in_the_page() {
        for s in Sampler::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.name()));
        }
    }

    #[test]
    fn mean_distance_counts_each_pair_once() {
        let (a, b, c) = ([0.0f32, 0.0], [3.0f32, 4.0], [0.0f32, 0.0]);
        assert!((mean_distance(&[&a, &b, &c]) - 10.0 / 3.0).abs() < 1e-9);
    }
}
