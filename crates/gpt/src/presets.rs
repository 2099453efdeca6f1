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

pub const ALL: [Preset; 2] = [SHAKESPEARE, TANG];
