//! Messages between the page and the worker that teaches the students.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `assets` is the book's data folder, as the page's loader gave it.
    Start { run: u32, temperature: f32, omit: Option<u8>, assets: String },
}

/// Accuracies are shares in [0, 1].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading {
        done: f32,
    },
    /// The transfer set is ready: this many images (fewer with a digit left out).
    Ready {
        transfer: usize,
    },
    /// Both students measured on the test set after `epoch` passes.
    Point {
        epoch: f32,
        hard: f32,
        soft: f32,
    },
    Progress {
        fraction: f32,
        images_per_second: f32,
        left_seconds: f32,
    },
    /// Per-digit accuracies `[hard, soft]`, and the bias sweep for a
    /// left-out digit: `(bias, [overall], [that digit])`.
    Done {
        seconds: f32,
        per_digit: [[f32; 10]; 2],
        sweep: Vec<(f32, [f32; 2], [f32; 2])>,
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
        let m = FromWorker::Point { epoch: 5.0, hard: 0.9, soft: 0.91 };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m);
        let start = ToWorker::Start {
            run: 1,
            temperature: 20.0,
            omit: Some(3),
            assets: "a/".into(),
        };
        let text = serde_json::to_string(&start).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), start);
    }
}
