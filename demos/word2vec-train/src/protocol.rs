//! Messages between the page and the training worker, and the settings check.

use serde::{Deserialize, Serialize};

/// Pasted text beyond this many characters is not used (the page says so).
pub const MAX_CHARS: usize = 2_000_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub dim: usize,
    pub window: usize,
    pub negatives: usize,
    pub epochs: usize,
    pub min_count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `text` is pasted text; `None` trains on the shipped `corpus`
    /// (`"wiki"` or `"peoples-daily"`).
    /// `run` numbers this training run; every report about it carries it back.
    Start {
        run: u32,
        settings: Settings,
        assets: String,
        corpus: String,
        text: Option<String>,
    },
    /// `run` is the page's current run, so the answer is not dropped.
    Neighbours { run: u32, word: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading,
    Ready {
        vocabulary: usize,
        words: usize,
    },
    Progress {
        fraction: f32,
        words_per_second: f32,
        loss: Vec<(f32, f32)>,
        points: Vec<(String, f32, f32)>,
    },
    Neighbours {
        word: String,
        found: Vec<(String, f32)>,
        known: bool,
    },
    Done {
        seconds: f32,
    },
    /// The corpus could not be fetched (the browser's own words).
    Failed {
        message: String,
    },
    /// Too few distinct words appear `min_count` times to train anything.
    TooFewWords {
        distinct: usize,
        min_count: u64,
    },
}

/// Why a setting was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Dim(String),
    Window(String),
    Negatives(String),
    Epochs(String),
    MinCount(String),
}

fn within(text: &str, lo: u64, hi: u64) -> Option<u64> {
    text.trim().parse::<u64>().ok().filter(|v| (lo..=hi).contains(v))
}

impl Settings {
    pub fn parse(
        dim: &str,
        window: &str,
        negatives: &str,
        epochs: &str,
        min_count: &str,
    ) -> Result<Settings, Problem> {
        Ok(Settings {
            dim: within(dim, 2, 300).ok_or(Problem::Dim(dim.trim().into()))? as usize,
            window: within(window, 1, 20).ok_or(Problem::Window(window.trim().into()))?
                as usize,
            negatives: within(negatives, 1, 20)
                .ok_or(Problem::Negatives(negatives.trim().into()))?
                as usize,
            epochs: within(epochs, 1, 20).ok_or(Problem::Epochs(epochs.trim().into()))?
                as usize,
            min_count: within(min_count, 1, 1000)
                .ok_or(Problem::MinCount(min_count.trim().into()))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked() {
        assert!(Settings::parse("50", "5", "5", "3", "5").is_ok());
        assert_eq!(
            Settings::parse("0", "5", "5", "3", "5"),
            Err(Problem::Dim("0".into()))
        );
        assert_eq!(
            Settings::parse("10000", "5", "5", "3", "5"),
            Err(Problem::Dim("10000".into()))
        );
        assert_eq!(
            Settings::parse("50", "x", "5", "3", "5"),
            Err(Problem::Window("x".into()))
        );
    }

    #[test]
    fn messages_are_json() {
        let m = demo_kit::worker::Report {
            run: 3,
            message: FromWorker::Neighbours {
                word: "cat".into(),
                found: vec![("dog".into(), 0.9)],
                known: true,
            },
        };
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(
            serde_json::from_str::<demo_kit::worker::Report<FromWorker>>(&s).unwrap(),
            m
        );
    }
}
