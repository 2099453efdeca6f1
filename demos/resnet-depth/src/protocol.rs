//! Messages between the page and the worker that trains the four networks.

use serde::{Deserialize, Serialize};

/// The depth pairs on offer (weight layers): ResNet's CIFAR-10 experiment
/// compared 20 and 56; 8 against 20 is the same story, faster.
pub const DEPTHS: [(usize, usize); 3] = [(8, 20), (20, 56), (20, 110)];
/// Learning rates on offer (SGD with momentum 0.9).
pub const RATES: [f32; 3] = [0.01, 0.002, 0.0005];
/// Run lengths on offer, in steps of 64 images.
pub const STEPS: [usize; 3] = [500, 1500, 5000];
/// Error measurements per run.
pub const MEASUREMENTS: usize = 30;
/// Training images the error is measured on.
pub const PROBE: usize = 2000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    Start { run: u32, shallow: usize, deep: usize, lr: f32, steps: usize, assets: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Share of the training data downloaded.
    Loading {
        done: f32,
    },
    Progress {
        step: usize,
        steps: usize,
        per_second: f32,
    },
    /// Training error of each network (plain shallow, plain deep, residual
    /// shallow, residual deep) after `step` steps.
    Errors {
        step: usize,
        errors: Vec<f32>,
    },
    Done {
        seconds: f32,
    },
    Failed {
        message: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_json() {
        let m = ToWorker::Start {
            run: 1,
            shallow: 8,
            deep: 20,
            lr: 0.01,
            steps: 1500,
            assets: "http://x/data/".into(),
        };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), m);
        assert!(DEPTHS.iter().all(|&(a, b)| a < b && a % 2 == 0 && b % 2 == 0));
    }
}
