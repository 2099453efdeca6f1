//! One student's lessons: mini-batches from the transfer set, with hard
//! labels or the teacher's soft targets.

use crate::CLASSES;
use crate::student::{PIXELS, Student};
use nn::{Layer, Optimizer, OptimizerKind};
use rand::seq::SliceRandom;

/// Adam's step size for every student (3e-3 reaches in 40 passes what
/// 1e-3 reaches in 100).
pub const LEARNING_RATE: f32 = 3e-3;

/// What the student is shown for each image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Teaching {
    /// The label: one digit, nothing about the others.
    Hard,
    /// The teacher's probabilities at this temperature (the labels unused).
    Soft { temperature: f32 },
}

/// A student, its optimizer and its place in the transfer set.
pub struct Lesson {
    pub student: Student,
    pub teaching: Teaching,
    /// A row of ten targets per transfer image (one-hot for [`Teaching::Hard`]).
    targets: Vec<f32>,
    images: Vec<f32>,
    optimizer: Optimizer,
    rng: nn::Rng,
    order: Vec<usize>,
    cursor: usize,
    batch: usize,
    /// Completed passes over the transfer set.
    pub epoch: usize,
    /// Mini-batches done.
    pub steps: usize,
    /// Images learned from, counting repeats.
    pub images_seen: usize,
    batch_images: Vec<f32>,
    batch_targets: Vec<f32>,
}

impl Lesson {
    /// `images` and `labels` are the transfer set; `teacher_logits` the
    /// teacher's scores for them (used for soft targets).
    pub fn new(
        student: Student,
        teaching: Teaching,
        images: &[f32],
        labels: &[u8],
        teacher_logits: &[f32],
        seed: u64,
    ) -> Lesson {
        let targets = match teaching {
            Teaching::Hard => labels
                .iter()
                .flat_map(|&l| {
                    (0..CLASSES).map(move |c| if c == l as usize { 1.0 } else { 0.0 })
                })
                .collect(),
            Teaching::Soft { temperature } => {
                nn::loss::soften(teacher_logits, CLASSES, temperature)
            }
        };
        Lesson {
            student,
            teaching,
            targets,
            images: images.to_vec(),
            optimizer: Optimizer::new(OptimizerKind::adam(LEARNING_RATE)),
            rng: nn::rng(seed ^ 0xd157),
            order: Vec::new(),
            cursor: 0,
            batch: 32,
            epoch: 0,
            steps: 0,
            images_seen: 0,
            batch_images: Vec::new(),
            batch_targets: Vec::new(),
        }
    }

    /// Images in the transfer set.
    pub fn len(&self) -> usize {
        self.targets.len() / CLASSES
    }

    /// True for an empty transfer set.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    // ANCHOR: step
    /// One mini-batch; returns its loss. The only difference between the
    /// two teachings is the row of targets each image comes with.
    pub fn step(&mut self) -> f32 {
        if self.is_empty() {
            return f32::NAN;
        }
        if self.cursor >= self.order.len() {
            if !self.order.is_empty() {
                self.epoch += 1;
            }
            self.order = (0..self.len()).collect();
            self.order.shuffle(&mut self.rng);
            self.cursor = 0;
        }
        let end = (self.cursor + self.batch).min(self.order.len());
        self.batch_images.clear();
        self.batch_targets.clear();
        for &i in &self.order[self.cursor..end] {
            self.batch_images
                .extend_from_slice(&self.images[i * PIXELS..(i + 1) * PIXELS]);
            self.batch_targets
                .extend_from_slice(&self.targets[i * CLASSES..(i + 1) * CLASSES]);
        }
        self.cursor = end;
        let n = self.batch_targets.len() / CLASSES;
        let t = match self.teaching {
            Teaching::Hard => 1.0,
            Teaching::Soft { temperature } => temperature,
        };
        let logits = self.student.net.forward(&self.batch_images, n);
        let (loss, dlogits) =
            nn::soft_cross_entropy(&logits, &self.batch_targets, CLASSES, t);
        self.student.net.backward(&dlogits, n);
        self.optimizer.step(self.student.net.params());
        self.steps += 1;
        self.images_seen += n;
        loss
    }
    // ANCHOR_END: step

    /// Mini-batches in one pass over the transfer set.
    pub fn batches_per_epoch(&self) -> usize {
        self.len().div_ceil(self.batch)
    }
}

/// Share of `images` whose highest score is their label, and the same per digit.
pub fn accuracy(logits: &[f32], labels: &[u8]) -> (f32, [f32; CLASSES]) {
    let mut right = [0usize; CLASSES];
    let mut seen = [0usize; CLASSES];
    for (row, &l) in logits.chunks_exact(CLASSES).zip(labels) {
        seen[l as usize] += 1;
        if lenet::train::argmax(row) == l as usize {
            right[l as usize] += 1;
        }
    }
    let per = std::array::from_fn(|c| right[c] as f32 / seen[c].max(1) as f32);
    (right.iter().sum::<usize>() as f32 / labels.len().max(1) as f32, per)
}
