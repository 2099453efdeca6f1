//! Messages between the page and the training worker, and the settings check.

use serde::{Deserialize, Serialize};

/// Pasted text beyond this many characters is not used (the page says so).
pub const MAX_CHARS: usize = 2_000_000;
/// Pasted text shorter than this cannot fill a training and a validation part.
pub const MIN_CHARS: usize = 2_000;

/// What the reader chose. `size` is a [`gpt::presets::PAGE_SIZES`] name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub size: String,
    pub minutes: f32,
    pub lr: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `text` is pasted text; `None` trains on the shipped `corpus`
    /// (`"shakespeare"` or `"tang"`).
    Start {
        run: u32,
        settings: Settings,
        assets: String,
        corpus: String,
        text: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading,
    /// The text is read: its length in characters, the characters the model
    /// knows, how many characters of the text were left out as rare, and the
    /// model's parameters.
    Ready {
        chars: usize,
        vocab: usize,
        dropped: usize,
        params: usize,
        /// Validation loss before any training, and uniform guessing's.
        start_loss: f32,
        uniform: f32,
        /// What counting characters and character pairs score on the same
        /// held-out text (`gpt::in_page::counting_losses`).
        counting: [f32; 2],
    },
    /// The speed is measured and the run's length fixed.
    Planned {
        steps: usize,
    },
    Progress {
        step: usize,
        steps: usize,
        /// (step, mean training loss) since the last report.
        loss: Option<(f32, f32)>,
        chars_per_second: f32,
    },
    /// Every so often: the validation loss and what the model writes now.
    Sample {
        step: usize,
        validation: f32,
        text: String,
    },
    Done {
        seconds: f32,
        validation: f32,
    },
    /// The loss became far worse than guessing, or not a number.
    Diverged {
        step: usize,
    },
    /// The text could not be fetched (the browser's own words).
    Failed {
        message: String,
    },
    /// Too little text (in characters, after rare ones are left out).
    TooShort {
        chars: usize,
    },
}

/// Why a setting was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Minutes(String),
    Lr(String),
    Size(String),
}

impl Settings {
    pub fn parse(size: &str, minutes: &str, lr: &str) -> Result<Settings, Problem> {
        let number = |t: &str| t.trim().parse::<f32>().ok().filter(|v| v.is_finite());
        let minutes_ok = number(minutes)
            .filter(|m| (0.25..=60.0).contains(m))
            .ok_or(Problem::Minutes(minutes.trim().into()))?;
        let lr_ok = number(lr)
            .filter(|v| *v > 0.0 && *v <= 1.0)
            .ok_or(Problem::Lr(lr.trim().into()))?;
        if !gpt::presets::PAGE_SIZES.iter().any(|s| s.name == size) {
            return Err(Problem::Size(size.into()));
        }
        Ok(Settings { size: size.into(), minutes: minutes_ok, lr: lr_ok })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked() {
        assert!(Settings::parse("small", "3", "0.003").is_ok());
        assert!(Settings::parse("tiny", " 0.5 ", "1e-3").is_ok());
        assert_eq!(
            Settings::parse("small", "0", "0.003"),
            Err(Problem::Minutes("0".into()))
        );
        assert_eq!(
            Settings::parse("small", "1000", "0.003"),
            Err(Problem::Minutes("1000".into()))
        );
        assert_eq!(Settings::parse("small", "3", "-1"), Err(Problem::Lr("-1".into())));
        assert_eq!(Settings::parse("small", "3", "NaN"), Err(Problem::Lr("NaN".into())));
        assert_eq!(
            Settings::parse("huge", "3", "0.003"),
            Err(Problem::Size("huge".into()))
        );
    }

    #[test]
    fn messages_are_json() {
        let m = demo_kit::worker::Report {
            run: 2,
            message: FromWorker::Sample {
                step: 10,
                validation: 2.5,
                text: "床前\n".into(),
            },
        };
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(
            serde_json::from_str::<demo_kit::worker::Report<FromWorker>>(&s).unwrap(),
            m
        );
    }
}
