//! Training a mixture on fresh random points every step, and looking at it.

use crate::{CLASSES, Mixture, Task};
use nn::{Optimizer, OptimizerKind};

/// The reader's choices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub task: Task,
    pub experts: usize,
    pub hidden: usize,
    /// Weight of the load-balancing loss (0: none).
    pub balance: f32,
    pub seed: u64,
}

/// Points per mini-batch.
pub const BATCH: usize = 256;
/// Points of the fixed test set.
pub const TEST: usize = 4_000;

/// A mixture being trained.
pub struct Run {
    pub settings: Settings,
    pub mixture: Mixture,
    pub steps: usize,
    optimizer: Optimizer,
    rng: nn::Rng,
    test: (Vec<f32>, Vec<u8>),
}

/// How a mixture does on the test set.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub accuracy: f32,
    /// Share of test points each expert handles.
    pub shares: Vec<f32>,
    /// The load-balancing loss over the test set (1 when shared evenly).
    pub balance: f32,
}

impl Run {
    pub fn new(settings: Settings) -> Run {
        let mut test_rng = nn::rng(0x7e57);
        Run {
            settings,
            mixture: Mixture::new(settings.experts, settings.hidden, settings.seed),
            steps: 0,
            optimizer: Optimizer::new(OptimizerKind::adam(1e-2)),
            rng: nn::rng(settings.seed ^ 0xda7a),
            test: settings.task.sample(TEST, &mut test_rng),
        }
    }

    // ANCHOR: step
    /// One mini-batch of fresh points; returns (classification loss, balance loss).
    pub fn step(&mut self) -> (f32, f32) {
        let (points, labels) = self.settings.task.sample(BATCH, &mut self.rng);
        let (scores, routing) = self.mixture.forward(&points, BATCH);
        let (loss, dscores) = nn::softmax_cross_entropy(&scores, &labels, CLASSES);
        let (balance, dbalance) = Mixture::balance_loss(&routing);
        self.mixture.backward(&dscores, BATCH, self.settings.balance, &dbalance);
        self.optimizer.step(self.mixture.params());
        self.steps += 1;
        (loss, balance)
    }
    // ANCHOR_END: step

    pub fn score(&mut self) -> Score {
        let (points, labels) = (self.test.0.clone(), self.test.1.clone());
        let (scores, routing) = self.mixture.forward(&points, labels.len());
        let right = scores
            .chunks_exact(CLASSES)
            .zip(&labels)
            .filter(|(s, l)| (s[1] > s[0]) == (**l == 1))
            .count();
        let balance = Mixture::balance_loss(&routing).0;
        Score {
            accuracy: right as f32 / labels.len() as f32,
            shares: routing.shares,
            balance,
        }
    }

    /// For the picture: over a `size × size` grid of the square, the expert
    /// each point goes to and the mixture's probability of colour 1.
    pub fn map(&mut self, size: usize) -> (Vec<usize>, Vec<f32>) {
        let mut points = Vec::with_capacity(2 * size * size);
        for row in 0..size {
            for col in 0..size {
                let at = |i: usize| (i as f32 + 0.5) / size as f32 * 2.0 - 1.0;
                points.extend([at(col), -at(row)]);
            }
        }
        let n = size * size;
        let (scores, routing) = self.mixture.forward(&points, n);
        let p1 = scores.chunks_exact(CLASSES).map(|s| nn::loss::softmax(s)[1]).collect();
        (routing.choice, p1)
    }
}
