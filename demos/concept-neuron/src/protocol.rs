//! Messages between the page and the worker that trains and judges.

use serde::{Deserialize, Serialize};

/// Units kept per image (the rest silenced) on offer; 64 keeps them all.
pub const KEEP: [usize; 4] = [2, 5, 10, 64];
/// Steps of the supervised yardstick.
pub const SUPERVISED_STEPS: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// Train a fresh autoencoder (the page's settings, `keep` units per image).
    Train { run: u32, keep: usize, assets: String },
    /// Le et al.'s test of the trained network for the concept `digit`.
    Judge { run: u32, digit: u8 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading {
        done: f32,
    },
    Progress {
        step: usize,
        steps: usize,
        error: f32,
        per_second: f32,
    },
    Trained {
        seconds: f32,
    },
    /// Accuracies (0–1) and pictures: the unit's 16 strongest test images
    /// (784 pixels each, 0–1) and its optimal stimulus (784, 0–1).
    Report {
        digit: u8,
        unit: usize,
        chance: f64,
        trained: f64,
        random: f64,
        pixel: f64,
        supervised: f64,
        top: Vec<f32>,
        top_hits: usize,
        stimulus: Vec<f32>,
    },
    Failed {
        message: String,
    },
}
