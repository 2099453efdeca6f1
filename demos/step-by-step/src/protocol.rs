//! Messages between the page and the worker that trains the two models.

use serde::{Deserialize, Serialize};

/// Steps the reader can choose; the first run is the middle one.
pub const STEPS: [usize; 3] = [500, 1000, 2000];
pub const DEFAULT_STEPS: usize = 1000;
pub const SEEDS: [u64; 4] = [1, 2, 3, 4];
/// Both models are graded every this many steps.
pub const EVAL_EVERY: usize = 100;
/// The question shown before the reader types one.
pub const EXAMPLE: &str = "1011000111000001";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `notes` is "interleaved" or "after" (where the second model writes
    /// its notes).
    Start { run: u32, notes: String, steps: usize, seed: u64 },
    /// A question of 16 bits for both models (answered now if they exist,
    /// and again at every grading).
    Ask { bits: Vec<u32> },
}

/// One grading of one model on the 256 test questions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub step: usize,
    /// Final answers right.
    pub answers: f32,
    /// Written tokens right.
    pub tokens: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Both models' gradings so far (direct, then with notes).
    Graded {
        steps: usize,
        steps_per_second: f32,
        curves: [Vec<Point>; 2],
    },
    /// What each model writes for the current question.
    Answers {
        bits: Vec<u32>,
        written: [Vec<u32>; 2],
    },
    Done {
        seconds: f32,
    },
}

/// The reader's question as bits, if it is 16 zeros and ones (spaces are
/// ignored).
pub fn parse_bits(text: &str) -> Option<Vec<u32>> {
    let bits: Vec<u32> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '0' => Some(0),
            '1' => Some(1),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (bits.len() == parity::BITS).then_some(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_json_and_questions_are_checked() {
        let p = Point { step: 100, answers: 0.5, tokens: 0.75 };
        let m = FromWorker::Graded {
            steps: 100,
            steps_per_second: 30.0,
            curves: [vec![p], vec![p]],
        };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m);
        assert_eq!(parse_bits(EXAMPLE).map(|b| b.len()), Some(16));
        assert_eq!(parse_bits("1011 0001 1100 0001"), parse_bits(EXAMPLE));
        assert_eq!(parse_bits("101"), None);
        assert_eq!(parse_bits("1011000111000002"), None);
        assert_eq!(parse_bits(&"1".repeat(100_000)), None);
        assert!(STEPS.contains(&DEFAULT_STEPS));
        assert!(STEPS.iter().all(|s| s.is_multiple_of(EVAL_EVERY)));
    }
}
