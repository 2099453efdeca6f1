//! Messages between the page and the worker that trains the two mixtures.

use serde::{Deserialize, Serialize};

/// Side of the square grid the maps are drawn from.
pub const MAP: usize = 64;
/// Steps of each mixture.
pub const STEPS: usize = 3_000;
/// A frame is sent every this many steps.
pub const FRAME_EVERY: usize = 25;
pub const EXPERTS: [usize; 4] = [2, 4, 8, 16];
pub const DEFAULT_EXPERTS: usize = 8;
pub const BALANCE: [f32; 3] = [0.01, 0.1, 1.0];
pub const DEFAULT_BALANCE: f32 = 0.1;
/// Hidden units of each expert.
pub const HIDDEN: usize = 6;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `task` is "checkerboard" or "rings".
    Start { run: u32, task: String, experts: usize, balance: f32 },
}

/// One mixture at one moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub accuracy: f32,
    pub shares: Vec<f32>,
    pub balance_loss: f32,
    /// The expert of each grid point, row by row from the top.
    pub choice: Vec<u8>,
    /// The mixture's colour of each grid point (1 or 0).
    pub colour: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Both mixtures (without, then with, balancing) after `steps` steps.
    Frame {
        steps: usize,
        steps_per_second: f32,
        mixtures: Vec<Snapshot>,
    },
    Done {
        seconds: f32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_json() {
        let s = Snapshot {
            accuracy: 0.5,
            shares: vec![0.5, 0.5],
            balance_loss: 1.0,
            choice: vec![0, 1],
            colour: vec![1, 0],
        };
        let m =
            FromWorker::Frame { steps: 25, steps_per_second: 100.0, mixtures: vec![s] };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m);
        assert!(EXPERTS.contains(&DEFAULT_EXPERTS) && BALANCE.contains(&DEFAULT_BALANCE));
        assert_eq!(STEPS % FRAME_EVERY, 0);
    }
}
