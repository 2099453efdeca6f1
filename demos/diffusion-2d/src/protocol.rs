//! Messages between the page and the worker that trains and samples.

pub use diffusion::{MAX_SCALE, parse_scale};
use serde::{Deserialize, Serialize};

/// Training lengths the reader can choose.
pub const TRAIN_STEPS: [usize; 3] = [3000, 10_000, 30_000];
/// Sampling step counts on offer.
pub const SAMPLE_STEPS: [usize; 8] = [1, 2, 5, 10, 20, 50, 100, 1000];
/// Points drawn from the model per sample.
pub const SAMPLES: usize = 256;
/// Frames of a path sent to the page at most (the first and last always).
pub const MAX_FRAMES: usize = 101;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    /// `shape` is one of `diffusion::shapes::NAMES`.
    Train { run: u32, shape: String, steps: usize },
    /// Sample with the model as it is now; `prompt` asks for one part of
    /// the shape, with classifier-free guidance at `scale`.
    Sample {
        run: u32,
        sampler: String,
        steps: usize,
        seed: u64,
        prompt: Option<u8>,
        scale: f32,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// The shape's points (x, y, …) and the model's size; how near a
    /// sample must be to a point to count as on the shape
    /// (`diffusion::shapes::on_shape_radius`), and the share of pure noise
    /// that is, for scale.
    Ready {
        params: usize,
        data: Vec<f32>,
        radius: f32,
        noise_share: f32,
    },
    Progress {
        step: usize,
        steps: usize,
        loss: Option<(f32, f32)>,
        per_second: f32,
    },
    /// Every tenth of the run: what the model draws now (DDIM, 20 steps).
    Preview {
        step: usize,
        points: Vec<f32>,
    },
    Done {
        seconds: f32,
    },
    SampleProgress {
        done: usize,
        total: usize,
    },
    /// A finished sample: the points after each kept step, which step each
    /// kept frame follows, its noise level (√(1 − ᾱ): 1 pure noise, 0 clean),
    /// the denoiser's calls and the share of the samples on the shape.
    Sampled {
        frames: Vec<Vec<f32>>,
        index: Vec<usize>,
        noise: Vec<f32>,
        evaluations: usize,
        share: f32,
        /// With a prompt: of the samples on the shape, the share in the part asked for.
        in_part: Option<f32>,
    },
    Failed {
        message: String,
    },
}

/// Evenly spread frame numbers out of `count`, first and last included.
pub fn kept_frames(count: usize) -> Vec<usize> {
    if count <= MAX_FRAMES {
        return (0..count).collect();
    }
    let mut kept: Vec<usize> = (0..MAX_FRAMES)
        .map(|i| {
            (i as f64 * (count - 1) as f64 / (MAX_FRAMES - 1) as f64).round() as usize
        })
        .collect();
    kept.dedup();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_thinned_keeping_both_ends() {
        assert_eq!(kept_frames(3), vec![0, 1, 2]);
        let k = kept_frames(1001);
        assert_eq!((k.len(), k[0], k[100]), (101, 0, 1000));
    }

    #[test]
    fn messages_are_json() {
        let m = ToWorker::Sample {
            run: 1,
            sampler: "ddim".into(),
            steps: 50,
            seed: 3,
            prompt: Some(1),
            scale: 3.0,
        };
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&s).unwrap(), m);
    }
}
