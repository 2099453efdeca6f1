//! Messages between the page and each of the race's two workers.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `runner` is `"attention"` or `"recurrent"`; `text` is
    /// `"shakespeare"` or `"recall"`.
    Start { run: u32, runner: String, text: String, steps: usize, assets: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading,
    Ready {
        params: usize,
    },
    Progress {
        step: usize,
        /// Seconds spent training so far (pauses excluded).
        seconds: f32,
        /// Mean training loss since the last report.
        loss: Option<f32>,
    },
    /// Every so often: held-out loss and the loss at each position.
    Measured {
        step: usize,
        seconds: f32,
        validation: f32,
        positions: Vec<f32>,
    },
    Done,
    Failed {
        message: String,
    },
}

/// Steps the reader can choose.
pub const STEPS: [usize; 4] = [300, 800, 1500, 3000];
