//! Messages between the page and the worker that draws and judges.

use diffusion::knobs::{Knobs, SIZES, STEP_COUNTS, STEP_SAMPLERS};
use serde::{Deserialize, Serialize};

/// Which chart a run fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Experiment {
    /// DDIM, 20 steps, guidance scale 0 to 20.
    Guidance,
    /// No guidance; DDPM, DDIM and DPM++ 2M at 5 to 100 steps.
    Steps,
}

impl Experiment {
    pub fn from_name(name: &str) -> Option<Experiment> {
        match name {
            "guidance" => Some(Experiment::Guidance),
            "steps" => Some(Experiment::Steps),
            _ => None,
        }
    }

    /// The settings in the order they are drawn: for the steps chart the
    /// cheap ones first, every sampler at each step count, so the first
    /// seconds already compare the samplers.
    pub fn settings(self) -> Vec<Knobs> {
        match self {
            Experiment::Guidance => Knobs::guidance(),
            Experiment::Steps => STEP_COUNTS
                .iter()
                .flat_map(|&steps| {
                    STEP_SAMPLERS.iter().map(move |&sampler| Knobs {
                        scale: 1.0,
                        sampler,
                        steps,
                    })
                })
                .collect(),
        }
    }
}

/// Drawings per setting the reader may choose: the sizes the reference has.
pub const DRAWINGS: [usize; 4] = SIZES;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `assets` is the book's data folder (absolute); `drawings` one of
    /// [`DRAWINGS`].
    Start {
        run: u32,
        experiment: Experiment,
        drawings: usize,
        first_seed: u64,
        assets: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Network calls (per drawing) done and in all, and the rate so far.
    Progress {
        calls: usize,
        total: usize,
        per_second: f32,
    },
    /// One setting judged.
    Point {
        knobs: Knobs,
        score: diffusion::knobs::Score,
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
    use diffusion::Sampler;

    #[test]
    fn the_steps_chart_starts_cheap_and_covers_every_setting() {
        let s = Experiment::Steps.settings();
        assert_eq!(s.len(), Knobs::steps().len());
        assert!(Knobs::steps().iter().all(|k| s.contains(k)));
        assert_eq!(
            (s[0].steps, s[0].sampler, s[1].sampler),
            (5, Sampler::Ddpm, Sampler::Ddim)
        );
        assert!(s.windows(2).all(|w| w[0].calls() <= w[1].calls()));
    }

    #[test]
    fn messages_are_json() {
        let m = ToWorker::Start {
            run: 2,
            experiment: Experiment::Steps,
            drawings: 100,
            first_seed: 0,
            assets: "http://x/data/".into(),
        };
        let text = serde_json::to_string(&m).unwrap();
        assert!(text.contains(r#""experiment":"steps""#), "{text}");
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), m);
    }
}
