//! Messages between the page and each of the sweep's workers. A worker
//! trains one model at a time; the page hands it the next when it is done.

use scaling::sweep::Shape;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// Train model `index` of the sweep, of `shape`, for `chars` characters.
    Train { run: u32, index: usize, shape: Shape, chars: usize, assets: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading {
        index: usize,
    },
    Ready {
        index: usize,
        non_embedding: usize,
        all: usize,
        steps: usize,
    },
    Progress {
        index: usize,
        step: usize,
        /// Seconds spent training this model (pauses excluded).
        seconds: f32,
    },
    /// Held-out loss after `chars` characters.
    Measured {
        index: usize,
        chars: usize,
        loss: f32,
    },
    Done {
        index: usize,
        loss: f32,
        seconds: f32,
    },
    Failed {
        index: usize,
        message: String,
    },
}
