//! A neuron finds a concept: the 2012 "cat neuron" experiment at toy scale.
//!
//! An autoencoder learns to squeeze MNIST digits through a few hidden
//! units and rebuild them, never told which digit is which. Then Le et
//! al.'s test: on images of which 35.2% show the concept, how well can a
//! *single* unit, with its best threshold, say which images those are?

use lenet::Dataset;
use nn::{Dense, Layer, Optimizer, OptimizerKind, Relu, Shape};
use rand::seq::SliceRandom;

/// The concept's share of the test images in Le et al.'s face test.
pub const CONCEPT_SHARE: f64 = 0.352;

/// Encoder (pixels to hidden units, ReLU) and decoder (back to pixels).
pub struct Autoencoder {
    pub encoder: Dense,
    relu: Relu,
    pub decoder: Dense,
    pub hidden: usize,
    /// Units kept per image: the `keep` largest activations, the rest set
    /// to zero (a k-sparse autoencoder, Makhzani and Frey 2013).
    pub keep: usize,
}

impl Autoencoder {
    pub fn new(hidden: usize, seed: u64) -> Autoencoder {
        let mut rng = nn::rng(seed);
        let encoder = Dense::new(784, hidden, &mut rng);
        let mut decoder = Dense::new(hidden, 784, &mut rng);
        // A quiet start: a loud first rebuilding would push every hidden
        // unit below zero in the first steps, where ReLU never wakes it.
        decoder.weight.value.iter_mut().for_each(|w| *w *= 0.1);
        Autoencoder {
            encoder,
            relu: Relu::new(Shape::new(hidden, 1, 1)),
            decoder,
            hidden,
            keep: hidden,
        }
    }

    /// The hidden units' activations for `n` images.
    pub fn encode(&mut self, images: &[f32], n: usize) -> Vec<f32> {
        let h = self.encoder.forward(images, n);
        let mut h = self.relu.forward(&h, n);
        self.keep_largest(&mut h);
        h
    }

    /// Zeroes all but each row's `keep` largest activations.
    fn keep_largest(&self, h: &mut [f32]) {
        if self.keep >= self.hidden {
            return;
        }
        let mut sorted = vec![0.0f32; self.hidden];
        for row in h.chunks_exact_mut(self.hidden) {
            sorted.copy_from_slice(row);
            sorted.sort_by(|a, b| b.total_cmp(a));
            let floor = sorted[self.keep - 1];
            let mut kept = 0;
            for v in row.iter_mut() {
                if *v >= floor && kept < self.keep {
                    kept += 1;
                } else {
                    *v = 0.0;
                }
            }
        }
    }
}

/// The page's run: 64 hidden units, 5 kept per image, Adam at 0.001,
/// 3,000 batches of 64 digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub hidden: usize,
    pub keep: usize,
    pub lr: f32,
    pub steps: usize,
    pub batch: usize,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { hidden: 64, keep: 5, lr: 1e-3, steps: 3000, batch: 64, seed: 5 }
    }
}

impl Settings {
    /// A fresh network and its trainer.
    pub fn trainer(&self) -> Trainer {
        let mut model = Autoencoder::new(self.hidden, self.seed);
        model.keep = self.keep;
        Trainer::new(model, self.lr, 0.0, 1)
    }
}

/// Trains an autoencoder on images alone: squared rebuilding error plus a
/// penalty on the hidden activations (sparsity), Adam.
pub struct Trainer {
    pub model: Autoencoder,
    optimizer: Optimizer,
    rng: nn::Rng,
    order: Vec<usize>,
    cursor: usize,
    pub sparsity: f32,
    pub steps: usize,
}

impl Trainer {
    pub fn new(model: Autoencoder, lr: f32, sparsity: f32, seed: u64) -> Trainer {
        Trainer {
            model,
            optimizer: Optimizer::new(OptimizerKind::adam(lr)),
            rng: nn::rng(seed ^ 0xa07e),
            order: Vec::new(),
            cursor: 0,
            sparsity,
            steps: 0,
        }
    }

    /// One batch; returns the mean squared rebuilding error per pixel.
    pub fn step(&mut self, data: &Dataset, batch: usize) -> f32 {
        if self.cursor + batch > self.order.len() {
            self.order = (0..data.len()).collect();
            self.order.shuffle(&mut self.rng);
            self.cursor = 0;
        }
        let picked = &self.order[self.cursor..self.cursor + batch.min(data.len())];
        self.cursor += picked.len();
        let n = picked.len();
        let x: Vec<f32> =
            picked.iter().flat_map(|&i| data.image(i).iter().copied()).collect();
        let m = &mut self.model;
        let h = m.encode(&x, n);
        let y = m.decoder.forward(&h, n);
        let scale = 2.0 / (n * 784) as f32;
        let mut error = 0.0f32;
        let dy: Vec<f32> = y
            .iter()
            .zip(&x)
            .map(|(a, b)| {
                error += (a - b) * (a - b);
                scale * (a - b)
            })
            .collect();
        let mut dh = m.decoder.backward(&dy, n);
        // L1 on the activations: each active unit pays `sparsity` per image.
        // Units the top-k rule silenced pass no gradient back.
        let l1 = self.sparsity / n as f32;
        for (d, &v) in dh.iter_mut().zip(&h) {
            *d = if v > 0.0 { *d + l1 } else { 0.0 };
        }
        let dpre = m.relu.backward(&dh, n);
        m.encoder.backward(&dpre, n);
        let mut params = m.encoder.params();
        params.extend(m.decoder.params());
        self.optimizer.step(params);
        self.steps += 1;
        error / (n * 784) as f32
    }
}

/// The test images: every image of the concept digit and enough others
/// (in test-set order) that the concept is [`CONCEPT_SHARE`] of them.
pub fn concept_test(test: &Dataset, digit: u8) -> (Dataset, Vec<bool>) {
    let yes: Vec<usize> = (0..test.len()).filter(|&i| test.labels[i] == digit).collect();
    let others =
        (yes.len() as f64 * (1.0 - CONCEPT_SHARE) / CONCEPT_SHARE).round() as usize;
    let no: Vec<usize> =
        (0..test.len()).filter(|&i| test.labels[i] != digit).take(others).collect();
    let mut picked: Vec<usize> = yes.iter().chain(&no).copied().collect();
    picked.sort_unstable();
    let data = Dataset {
        images: picked.iter().flat_map(|&i| test.image(i).iter().copied()).collect(),
        labels: picked.iter().map(|&i| test.labels[i]).collect(),
    };
    let is = picked.iter().map(|&i| test.labels[i] == digit).collect();
    (data, is)
}

/// A unit's verdict: the best accuracy any threshold gives when "above
/// the threshold" means "the concept", and that threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    pub unit: usize,
    pub threshold: f32,
    pub accuracy: f64,
}

/// The best threshold for one unit's `values` (one per image).
pub fn best_threshold(values: &[f32], is: &[bool]) -> (f32, f64) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    // Threshold below everything: all called "concept".
    let positives = is.iter().filter(|&&c| c).count();
    let mut right = positives;
    let (mut best, mut at) = (right, f32::NEG_INFINITY);
    for (k, &i) in order.iter().enumerate() {
        // Move image i below the threshold ("not the concept").
        if is[i] {
            right -= 1;
        } else {
            right += 1;
        }
        let tied = order.get(k + 1).is_some_and(|&j| values[j] == values[i]);
        if !tied && right > best {
            best = right;
            at = values[i];
        }
    }
    (at, best as f64 / values.len().max(1) as f64)
}

/// The unit (column of `features`, `width` per image) with the best verdict.
pub fn best_unit(features: &[f32], width: usize, is: &[bool]) -> Verdict {
    let mut column = vec![0.0f32; is.len()];
    let mut best = Verdict { unit: 0, threshold: 0.0, accuracy: 0.0 };
    for unit in 0..width {
        for (c, row) in column.iter_mut().zip(features.chunks_exact(width)) {
            *c = row[unit];
        }
        let (threshold, accuracy) = best_threshold(&column, is);
        if accuracy > best.accuracy {
            best = Verdict { unit, threshold, accuracy };
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_threshold_separates_what_can_be_separated() {
        let values = [0.1, 0.9, 0.2, 0.8, 0.3];
        let is = [false, true, false, true, true];
        // Above 0.2: 0.3, 0.8, 0.9 called concept: all right.
        assert_eq!(best_threshold(&values, &is), (0.2, 1.0));
        // A unit that says nothing: "always no" is the best it can do.
        let (_, acc) = best_threshold(&[0.0; 5], &[true, false, false, true, false]);
        assert!((acc - 0.6).abs() < 1e-12);
    }
}

/// What the page shows for one concept.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// "Always no": the share of test images without the concept.
    pub chance: f64,
    /// The trained network's best unit.
    pub unit: Verdict,
    /// The best unit of the same network with its weights left random.
    pub random: Verdict,
    /// The best single pixel.
    pub pixel: Verdict,
    /// The test images (indices into the concept test set) the unit
    /// answers most strongly, strongest first.
    pub top: Vec<usize>,
    /// The image that excites the unit most among images of the same
    /// length: its weights, scaled to 0…1 (Le et al.'s "optimal stimulus").
    pub stimulus: Vec<f32>,
}

/// Le et al.'s test of `trained` (and of `random`, the control) for the
/// concept "`digit`" on `images` with `is` saying which show it.
pub fn report(
    trained: &mut Autoencoder,
    random: &mut Autoencoder,
    images: &Dataset,
    is: &[bool],
) -> Report {
    let n = is.len();
    let features = trained.encode(&images.images, n);
    let unit = best_unit(&features, trained.hidden, is);
    let random = best_unit(&random.encode(&images.images, n), random.hidden, is);
    let pixel = best_unit(&images.images, 784, is);
    let column: Vec<f32> =
        features.chunks_exact(trained.hidden).map(|row| row[unit.unit]).collect();
    let mut top: Vec<usize> = (0..n).collect();
    top.sort_by(|&a, &b| column[b].total_cmp(&column[a]));
    top.truncate(16);
    let w = &trained.encoder.weight.value[unit.unit * 784..(unit.unit + 1) * 784];
    let (lo, hi) = w.iter().fold((f32::MAX, f32::MIN), |(l, h), &v| (l.min(v), h.max(v)));
    let stimulus = w.iter().map(|&v| (v - lo) / (hi - lo).max(1e-12)).collect();
    let chance = 1.0 - is.iter().filter(|&&c| c).count() as f64 / n.max(1) as f64;
    Report { chance, unit, random, pixel, top, stimulus }
}

/// The supervised yardstick: a logistic regression on the pixels, trained
/// *with* labels (concept or not) on `train` for `steps` batches of 64,
/// scored on the concept test set.
pub fn supervised(
    train: &Dataset,
    digit: u8,
    images: &Dataset,
    is: &[bool],
    steps: usize,
) -> f64 {
    let mut rng = nn::rng(3);
    let mut layer = Dense::new(784, 2, &mut rng);
    let mut optimizer = Optimizer::new(OptimizerKind::adam(1e-3));
    let mut order: Vec<usize> = (0..train.len()).collect();
    order.shuffle(&mut rng);
    for s in 0..steps {
        let picked: Vec<usize> =
            (0..64).map(|k| order[(s * 64 + k) % order.len()]).collect();
        let x: Vec<f32> =
            picked.iter().flat_map(|&i| train.image(i).iter().copied()).collect();
        let y: Vec<u8> =
            picked.iter().map(|&i| u8::from(train.labels[i] == digit)).collect();
        let logits = layer.forward(&x, y.len());
        let (_, d) = nn::softmax_cross_entropy(&logits, &y, 2);
        layer.backward(&d, y.len());
        optimizer.step(layer.params());
    }
    let logits = layer.forward(&images.images, is.len());
    let right =
        logits.chunks_exact(2).zip(is).filter(|(l, c)| (l[1] > l[0]) == **c).count();
    right as f64 / is.len().max(1) as f64
}

/// `n` images of uniform random pixels (for timing: the speed of training
/// does not depend on what the images show).
pub fn random_digits(n: usize, seed: u64) -> Dataset {
    use rand::RngExt;
    let mut rng = nn::rng(seed);
    Dataset {
        images: (0..n * 784).map(|_| rng.random_range(0.0..1.0)).collect(),
        labels: (0..n).map(|i| (i % 10) as u8).collect(),
    }
}
