//! Messages between the page and the worker that measures.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    Start {
        run: u32,
    },
    /// Time only the peak (many workers at once: all the cores).
    Peak {
        run: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Peak operations a second and bandwidth in bytes a second.
    Roof {
        peak: f64,
        bandwidth: f64,
    },
    /// One kernel: operations and bytes per call, and operations a second.
    Point {
        name: String,
        ops: f64,
        bytes: f64,
        rate: f64,
    },
    Done {
        seconds: f32,
    },
    /// This worker's peak while the others ran theirs.
    CorePeak {
        rate: f64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_json() {
        let m =
            FromWorker::Point { name: "dense-1".into(), ops: 2.0, bytes: 4.0, rate: 1e9 };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m);
    }
}
