//! Training the book's GPT on one format, graded on questions it never saw.

use crate::task::{self, Format, VOCAB};
use gpt::{Config, Gpt, Session};
use nn::{
    Optimizer, OptimizerKind, clip_grad_norm, softmax_cross_entropy, warmup_cosine,
};

/// The model: the Transformer chapter's GPT, two layers of two heads, 32
/// features (about 26,000 parameters). Its window fits the longer format.
pub const MODEL: Config =
    Config { vocab: VOCAB, ctx: 2 * task::BITS, dim: 32, layers: 2, heads: 2 };

/// A run's knobs (the page offers a few values of each).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub format: Format,
    /// Steps in the run: the learning rate warms up, then decays to a tenth.
    pub steps: usize,
    pub seed: u64,
}

/// Questions per step.
pub const BATCH: usize = 32;
/// Questions in the test (the same for every run, none of them trained on:
/// a repeat of one of 65,536 is possible but rare).
pub const TEST: usize = 256;
const LEARNING_RATE: f32 = 3e-3;
const WARMUP: usize = 100;

/// A model learning one format.
pub struct Learner {
    pub settings: Settings,
    pub model: Gpt,
    pub step: usize,
    optimizer: Optimizer,
    decayed: Vec<bool>,
    rng: nn::Rng,
    test: Vec<Vec<u32>>,
}

impl Learner {
    pub fn new(settings: Settings) -> Learner {
        let model = Gpt::new(MODEL, settings.seed);
        Learner {
            settings,
            decayed: model.decayed(),
            model,
            step: 0,
            optimizer: Optimizer::new(OptimizerKind::adamw(LEARNING_RATE, 0.1)),
            rng: nn::rng(settings.seed ^ 0x9a71),
            test: task::questions(TEST, &mut nn::rng(0x7e57)),
        }
    }

    /// Whether the run has taken all its steps.
    pub fn done(&self) -> bool {
        self.step >= self.settings.steps
    }

    // ANCHOR: step
    /// One step on fresh questions; the loss counts only what the model
    /// writes (after `=`), never the bits it is given. Returns that loss.
    pub fn train_step(&mut self) -> f32 {
        let format = self.settings.format;
        let (t, written) = (format.tokens() - 1, format.written());
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for bits in task::questions(BATCH, &mut self.rng) {
            let example = format.example(&bits);
            x.extend_from_slice(&example[..t]);
            y.extend(written.iter().map(|&i| example[i + 1]));
        }
        let logits = self.model.forward(&x, BATCH, t);
        let rows = |s: usize| written.iter().map(move |&i| (s * t + i) * VOCAB);
        let picked: Vec<f32> = (0..BATCH)
            .flat_map(rows)
            .flat_map(|r| logits[r..r + VOCAB].to_vec())
            .collect();
        nn::buffers::give(logits);
        let (loss, grad) = softmax_cross_entropy(&picked, &y, VOCAB);
        let mut dlogits = vec![0.0; BATCH * t * VOCAB];
        for (r, g) in (0..BATCH).flat_map(rows).zip(grad.chunks_exact(VOCAB)) {
            dlogits[r..r + VOCAB].copy_from_slice(g);
        }
        self.model.backward(&dlogits);
        clip_grad_norm(&mut self.model.params(), 1.0);
        let lr = warmup_cosine(
            self.step,
            WARMUP,
            self.settings.steps,
            LEARNING_RATE,
            LEARNING_RATE / 10.0,
        );
        self.optimizer.kind = self.optimizer.kind.with_lr(lr);
        self.optimizer.step_decaying(self.model.params(), &self.decayed);
        self.step += 1;
        loss
    }
    // ANCHOR_END: step

    // ANCHOR: answer
    /// What the model writes for `bits`, greedily: it is given the bits
    /// (and `=`) and reads back its own notes, never the true ones.
    pub fn answer(&self, bits: &[u32]) -> Vec<u32> {
        let format = self.settings.format;
        let (given, written) = (format.example(bits), format.written());
        let mut session = Session::new();
        let mut out = Vec::with_capacity(written.len());
        let mut next = given[0];
        for i in 0..given.len() - 1 {
            let scores = session.feed(&self.model, next);
            next = if written.contains(&i) {
                out.push(likeliest(&scores));
                out[out.len() - 1]
            } else {
                given[i + 1]
            };
        }
        out
    }
    // ANCHOR_END: answer

    /// Share of the test questions whose final answer is right, and share
    /// of all written tokens that are right.
    pub fn accuracy(&mut self) -> Grade {
        self.model.freeze();
        let format = self.settings.format;
        let (mut right, mut tokens, mut tokens_right) = (0, 0, 0);
        for bits in &self.test {
            let example = format.example(bits);
            let truth: Vec<u32> =
                format.written().iter().map(|&i| example[i + 1]).collect();
            let written = self.answer(bits);
            right += usize::from(written.last() == truth.last());
            tokens += truth.len();
            tokens_right += written.iter().zip(&truth).filter(|(a, b)| a == b).count();
        }
        Grade {
            answers: right as f32 / self.test.len() as f32,
            tokens: tokens_right as f32 / tokens as f32,
        }
    }
}

/// How a model did on the test questions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grade {
    /// Final answers right.
    pub answers: f32,
    /// Written tokens right (for the direct format, the same number).
    pub tokens: f32,
}

/// The highest score's token; ties go to the lower one.
fn likeliest(scores: &[f32]) -> u32 {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best as u32
}
