//! The training loop, one mini-batch at a time so a browser worker can pause
//! between batches and report progress.

use crate::model::{CLASSES, INPUT};
use crate::{Dataset, LeNet5};
use nn::{Optimizer, OptimizerKind};
use rand::seq::SliceRandom;

/// Hyper-parameters: chosen by people, not learned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    pub batch: usize,
    pub optimizer: OptimizerKind,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig { batch: 32, optimizer: OptimizerKind::adam(1e-3), seed: 1 }
    }
}

/// A mean batch loss above this means the weights have blown up: the right
/// digit gets a probability below e^-100. A random network starts near
/// ln 10 ≈ 2.3 and a working run never climbs far above its start; with
/// Adam, a huge learning rate keeps the loss finite (about 10^35), so
/// "not a number" alone would never stop it.
pub const DIVERGED_LOSS: f32 = 100.0;

/// Why training stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainError {
    /// The loss became NaN, infinite or above [`DIVERGED_LOSS`]: the
    /// learning rate is too large.
    Diverged { step: usize, loss: f32 },
    /// Nothing to train on.
    EmptyDataset,
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::Diverged { step, loss } => {
                write!(f, "training diverged at step {step} (loss {loss})")
            }
            TrainError::EmptyDataset => write!(f, "the training set is empty"),
        }
    }
}

/// A model, its optimizer and where we are in the data.
pub struct Trainer {
    pub model: LeNet5,
    pub config: TrainConfig,
    optimizer: Optimizer,
    rng: nn::Rng,
    order: Vec<usize>,
    cursor: usize,
    /// Completed passes over the training set.
    pub epoch: usize,
    /// Mini-batches done so far.
    pub steps: usize,
    /// Training images processed so far (counting repeats across epochs).
    pub images_seen: usize,
    batch_images: Vec<f32>,
    batch_labels: Vec<u8>,
}

impl Trainer {
    pub fn new(model: LeNet5, config: TrainConfig) -> Trainer {
        let batch = config.batch.max(1);
        Trainer {
            model,
            optimizer: Optimizer::new(config.optimizer),
            rng: nn::rng(config.seed ^ 0x7a11),
            config: TrainConfig { batch, ..config },
            order: Vec::new(),
            cursor: 0,
            epoch: 0,
            steps: 0,
            images_seen: 0,
            batch_images: Vec::new(),
            batch_labels: Vec::new(),
        }
    }

    // ANCHOR: step
    /// Trains on the next mini-batch and returns its mean loss.
    pub fn step(&mut self, data: &Dataset) -> Result<f32, TrainError> {
        if data.is_empty() {
            return Err(TrainError::EmptyDataset);
        }
        if self.cursor >= self.order.len() {
            if !self.order.is_empty() {
                self.epoch += 1;
            }
            self.order = (0..data.len()).collect();
            self.order.shuffle(&mut self.rng);
            self.cursor = 0;
        }
        let end = (self.cursor + self.config.batch).min(self.order.len());
        self.batch_images.clear();
        self.batch_labels.clear();
        for &i in &self.order[self.cursor..end] {
            self.batch_images.extend_from_slice(data.image(i));
            self.batch_labels.push(data.labels[i]);
        }
        self.cursor = end;
        let n = self.batch_labels.len();

        let logits = self.model.forward(&self.batch_images, n); // 1. guess
        let (loss, dlogits) =
            nn::softmax_cross_entropy(&logits, &self.batch_labels, CLASSES); // 2. score
        if loss.is_nan() || loss > DIVERGED_LOSS {
            return Err(TrainError::Diverged { step: self.steps, loss }); // weights blew up
        }
        self.model.backward(&dlogits, n); // 3. blame each weight
        self.optimizer.step(self.model.params()); // 4. nudge
        self.steps += 1;
        self.images_seen += n;
        Ok(loss)
    }
    // ANCHOR_END: step

    /// Fraction of the current epoch done, in [0, 1].
    pub fn epoch_progress(&self) -> f32 {
        if self.order.is_empty() {
            0.0
        } else {
            self.cursor as f32 / self.order.len() as f32
        }
    }
}

/// Share of `data` the model classifies correctly.
pub fn evaluate(model: &mut LeNet5, data: &Dataset) -> f32 {
    if data.is_empty() {
        return 0.0;
    }
    let mut correct = 0;
    for start in (0..data.len()).step_by(256) {
        let end = (start + 256).min(data.len());
        let n = end - start;
        let logits =
            model.forward(&data.images[start * INPUT.len()..end * INPUT.len()], n);
        for (row, &label) in logits.chunks_exact(CLASSES).zip(&data.labels[start..end]) {
            if argmax(row) == label as usize {
                correct += 1;
            }
        }
    }
    correct as f32 / data.len() as f32
}

/// Index of the largest value.
pub fn argmax(values: &[f32]) -> usize {
    values
        .iter()
        .enumerate()
        .fold(0, |best, (i, &v)| if v > values[best] { i } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_learning_rate_is_caught_as_divergence() {
        // With Adam the loss stays finite (about 1e35): the threshold, not a
        // NaN, has to stop it.
        let data = Dataset::from_digits(&mnist::sample());
        for optimizer in
            [OptimizerKind::Sgd { lr: 1e6, momentum: 0.9 }, OptimizerKind::adam(1e6)]
        {
            let mut t = Trainer::new(
                LeNet5::new(1),
                TrainConfig { batch: 10, optimizer, seed: 1 },
            );
            let result = (0..50).try_for_each(|_| t.step(&data).map(|_| ()));
            assert!(
                matches!(result, Err(TrainError::Diverged { .. })),
                "{optimizer:?}: {result:?}"
            );
        }
    }

    #[test]
    fn the_twenty_sample_digits_can_be_memorised() {
        let data = Dataset::from_digits(&mnist::sample());
        let mut t = Trainer::new(
            LeNet5::new(3),
            TrainConfig { batch: 10, ..TrainConfig::default() },
        );
        for _ in 0..60 {
            t.step(&data).unwrap();
        }
        assert_eq!(evaluate(&mut t.model, &data), 1.0);
        assert!(t.epoch >= 29);
    }

    #[test]
    fn empty_data_is_an_error_not_a_panic() {
        let mut t = Trainer::new(LeNet5::new(1), TrainConfig::default());
        assert_eq!(t.step(&Dataset::default()), Err(TrainError::EmptyDataset));
    }
}
