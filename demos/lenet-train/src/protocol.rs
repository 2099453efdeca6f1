//! What the page and the training worker say to each other (JSON strings),
//! and the checks on the reader's settings before any work starts.

use serde::{Deserialize, Serialize};

/// Below this test accuracy a trained model is not handed to the "draw a
/// digit" demo: a diverged run scores about 10% and must not replace a model
/// that reads.
pub const USEFUL_ACCURACY: f32 = 0.9;

/// Images shipped for training; the last [`VALIDATION`] of them are held out.
pub const SHIPPED_TRAIN: usize = 30_000;
/// Validation images: never trained on, used to watch for over-fitting.
pub const VALIDATION: usize = 5_000;

/// The reader's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub batch: usize,
    pub learning_rate: f32,
    /// `"adam"` or `"sgd"` (with momentum 0.9).
    pub optimizer: String,
    pub epochs: usize,
    pub train_images: usize,
    pub seed: u64,
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `assets` is the URL of the book's data folder.
    /// `run` numbers this training run; every report about it carries it back.
    Start { run: u32, settings: Settings, assets: String },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    Loading {
        done: f32,
    },
    /// New curve points since the last report; x is in epochs.
    Progress {
        epoch: usize,
        fraction: f32,
        images_per_second: f32,
        eta_seconds: f32,
        loss: Vec<(f32, f32)>,
        validation: Vec<(f32, f32)>,
    },
    Done {
        test_accuracy: f32,
        validation_accuracy: f32,
        seconds: f32,
    },
    Failed {
        message: String,
        diverged: bool,
    },
}

/// A reason a setting was refused, for the panel.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    LearningRateNotANumber(String),
    /// Parses, but to infinity (`1e309`).
    LearningRateInfinite(String),
    LearningRateOutOfRange(f32),
    Batch(usize),
    Epochs(usize),
    TrainImages(usize),
}

impl Settings {
    /// Checks ranges; a wild but finite learning rate is allowed on purpose
    /// (the demo shows what divergence looks like).
    pub fn parse(
        batch: &str,
        lr: &str,
        optimizer: &str,
        epochs: &str,
        images: &str,
    ) -> Result<Settings, Problem> {
        let lr_text = lr.trim().replace('−', "-");
        let learning_rate: f32 = lr_text
            .parse()
            .map_err(|_| Problem::LearningRateNotANumber(lr.trim().to_string()))?;
        if learning_rate.is_nan() {
            return Err(Problem::LearningRateNotANumber(lr.trim().to_string()));
        }
        if learning_rate.is_infinite() {
            return Err(Problem::LearningRateInfinite(lr.trim().to_string()));
        }
        if !(learning_rate > 0.0 && learning_rate <= 1e9) {
            return Err(Problem::LearningRateOutOfRange(learning_rate));
        }
        let batch: usize = batch.trim().parse().unwrap_or(0);
        if !(1..=512).contains(&batch) {
            return Err(Problem::Batch(batch));
        }
        let epochs: usize = epochs.trim().parse().unwrap_or(0);
        if !(1..=20).contains(&epochs) {
            return Err(Problem::Epochs(epochs));
        }
        let train_images: usize = images.trim().parse().unwrap_or(0);
        if !(100..=SHIPPED_TRAIN - VALIDATION).contains(&train_images) {
            return Err(Problem::TrainImages(train_images));
        }
        let optimizer = if optimizer == "sgd" { "sgd" } else { "adam" }.to_string();
        Ok(Settings { batch, learning_rate, optimizer, epochs, train_images, seed: 1 })
    }

    pub fn optimizer_kind(&self) -> nn::OptimizerKind {
        if self.optimizer == "sgd" {
            nn::OptimizerKind::Sgd { lr: self.learning_rate, momentum: 0.9 }
        } else {
            nn::OptimizerKind::adam(self.learning_rate)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_settings_parse() {
        let s = Settings::parse("32", "0.001", "adam", "2", "25000").unwrap();
        assert_eq!((s.batch, s.epochs, s.train_images), (32, 2, 25_000));
        assert_eq!(s.learning_rate, 0.001);
        assert!(matches!(s.optimizer_kind(), nn::OptimizerKind::Adam { .. }));
        assert_eq!(
            Settings::parse("8", "1e6", "sgd", "1", "1000").unwrap().learning_rate,
            1e6
        );
    }

    #[test]
    fn bad_settings_say_why() {
        assert_eq!(
            Settings::parse("32", "abc", "adam", "1", "1000"),
            Err(Problem::LearningRateNotANumber("abc".into()))
        );
        assert_eq!(
            Settings::parse("32", "NaN", "adam", "1", "1000"),
            Err(Problem::LearningRateNotANumber("NaN".into()))
        );
        assert_eq!(
            Settings::parse("32", "-1", "adam", "1", "1000"),
            Err(Problem::LearningRateOutOfRange(-1.0))
        );
        assert_eq!(
            Settings::parse("32", "1e309", "adam", "1", "1000"),
            Err(Problem::LearningRateInfinite("1e309".into()))
        );
        assert_eq!(
            Settings::parse("0", "0.1", "adam", "1", "1000"),
            Err(Problem::Batch(0))
        );
        assert_eq!(
            Settings::parse("32", "0.1", "adam", "99", "1000"),
            Err(Problem::Epochs(99))
        );
        assert_eq!(
            Settings::parse("32", "0.1", "adam", "1", "999999"),
            Err(Problem::TrainImages(999_999))
        );
    }

    #[test]
    fn messages_round_trip_as_json() {
        let m = FromWorker::Progress {
            epoch: 1,
            fraction: 0.5,
            images_per_second: 3000.0,
            eta_seconds: 4.0,
            loss: vec![(0.1, 2.3)],
            validation: vec![],
        };
        let report = demo_kit::worker::Report { run: 2, message: m };
        let text = serde_json::to_string(&report).unwrap();
        assert!(text.starts_with("{\"run\":2,\"type\":\"progress\""), "{text}");
        assert_eq!(
            serde_json::from_str::<demo_kit::worker::Report<FromWorker>>(&text).unwrap(),
            report
        );
        let start: ToWorker = serde_json::from_str(
            r#"{"type":"start","run":1,"assets":"/data/","settings":{"batch":32,"learning_rate":0.001,"optimizer":"adam","epochs":1,"train_images":1000,"seed":1}}"#,
        )
        .unwrap();
        assert!(matches!(start, ToWorker::Start { run: 1, .. }));
    }
}
