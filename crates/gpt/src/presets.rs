//! The two shipped models and how they are trained: one place, read by the
//! training command, the tests and the chapter.

use crate::TrainConfig;

/// A shipped model: its text, its shape and its training run.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub name: &'static str,
    /// The gzip text under `assets/data/text/`.
    pub corpus: &'static str,
    pub ctx: usize,
    pub dim: usize,
    pub layers: usize,
    pub heads: usize,
    pub train: TrainConfig,
    /// Share of the text held out for validation (its end).
    pub val_fraction: f32,
}

/// Seven plays of Shakespeare, character by character.
pub const SHAKESPEARE: Preset = Preset {
    name: "shakespeare",
    corpus: "shakespeare-7.txt.gz",
    ctx: 128,
    dim: 128,
    layers: 4,
    heads: 4,
    train: TrainConfig {
        batch: 16,
        steps: STEPS_SHAKESPEARE,
        lr: 2e-3,
        warmup: 200,
        weight_decay: 0.1,
        clip: 1.0,
        seed: 1,
    },
    val_fraction: 0.05,
};

/// Tang regulated verse (five- and seven-character lines), simplified.
pub const TANG: Preset = Preset {
    name: "tang",
    corpus: "tang-regulated.txt.gz",
    ctx: 128,
    dim: 128,
    layers: 4,
    heads: 4,
    train: TrainConfig {
        batch: 16,
        steps: STEPS_TANG,
        lr: 2e-3,
        warmup: 200,
        weight_decay: 0.1,
        clip: 1.0,
        seed: 1,
    },
    val_fraction: 0.05,
};

// Sized so both runs finish in under an hour side by side on a 2-core
// machine (about 2,600 and 1,300 characters a second each).
const STEPS_SHAKESPEARE: usize = 3600;
const STEPS_TANG: usize = 1800;

/// Not shipped: nanoGPT's example for a CPU (Karpathy's README: context 64,
/// batch 12, 4 layers × 4 heads × 128, 2,000 steps at 1e-3 decaying to
/// 1e-4, no dropout), on the book's Shakespeare text, so the weights README
/// can say what that recipe reaches here.
pub const NANOGPT_CPU: Preset = Preset {
    name: "nanogpt-cpu",
    corpus: "shakespeare-7.txt.gz",
    ctx: 64,
    dim: 128,
    layers: 4,
    heads: 4,
    train: TrainConfig {
        batch: 12,
        steps: 2000,
        lr: 1e-3,
        warmup: 100,
        weight_decay: 0.1,
        clip: 1.0,
        seed: 1,
    },
    val_fraction: 0.05,
};

pub const ALL: [Preset; 3] = [SHAKESPEARE, TANG, NANOGPT_CPU];

/// A model size the reader can train in the page ("train a GPT yourself").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSize {
    pub name: &'static str,
    pub layers: usize,
    pub dim: usize,
    pub heads: usize,
}

/// Small enough that a few minutes in a browser tab show noise turning into
/// words; the middle one is the default.
pub const PAGE_SIZES: [PageSize; 3] = [
    PageSize { name: "tiny", layers: 1, dim: 32, heads: 2 },
    PageSize { name: "small", layers: 2, dim: 64, heads: 4 },
    PageSize { name: "medium", layers: 3, dim: 96, heads: 4 },
];

/// The in-page runs' fixed settings: context, batch, warm-up and the
/// largest vocabulary (the commonest characters of the text).
pub const PAGE_CTX: usize = 64;
pub const PAGE_BATCH: usize = 16;
pub const PAGE_WARMUP: usize = 50;
pub const PAGE_MAX_VOCAB: usize = 3000;
/// Steps timed (after two that warm the buffers up) to size a run to the
/// machine; inside the warm-up, whose learning rates do not depend on the
/// run's length.
pub const PAGE_TIMED_STEPS: usize = 12;
const _: () = assert!(PAGE_TIMED_STEPS + 2 < PAGE_WARMUP);

impl PageSize {
    /// The model for a text of `vocab` characters.
    pub fn config(&self, vocab: usize) -> crate::Config {
        crate::Config {
            vocab,
            ctx: PAGE_CTX,
            dim: self.dim,
            layers: self.layers,
            heads: self.heads,
        }
    }

    /// The training run, with `steps` to be set once the speed is measured.
    pub fn train(&self, lr: f32, steps: usize) -> TrainConfig {
        TrainConfig {
            batch: PAGE_BATCH,
            steps,
            lr,
            warmup: PAGE_WARMUP,
            weight_decay: 0.1,
            clip: 1.0,
            seed: 1,
        }
    }
}
