//! Diffusion models: make data by removing noise.
//!
//! Training takes a clean example, mixes in Gaussian noise to a random
//! degree (the forward process, [`schedule`]) and teaches a network to say
//! which noise was added. Generating runs the other way: start from pure
//! noise and, step by step, take away the noise the network sees
//! ([`sample`]). The network never changes between samplers; the sampler
//! only decides how big the steps are and whether fresh noise is added.

pub mod digits;
pub mod frechet;
pub mod judge;
pub mod knobs;
pub mod sample;
pub mod schedule;
pub mod shapes;
pub mod toy;
pub mod unet;
pub mod weights;

pub use sample::{Sampler, Trajectory};
pub use schedule::Schedule;

/// Anything that predicts the noise in `n` noisy points (or images) of
/// `dim` numbers each, all at step `t` of the forward process.
pub trait Denoiser {
    /// Numbers per example.
    fn dim(&self) -> usize;
    /// The predicted noise, the same shape as `x`.
    fn predict_noise(&mut self, x: &[f32], t: usize, n: usize) -> Vec<f32>;
}

/// Guidance scales the book's demos accept.
pub const MAX_SCALE: f32 = 20.0;

/// A guidance scale typed by a reader, if it is a number from 0 to 20.
pub fn parse_scale(text: &str) -> Option<f32> {
    text.trim().parse::<f32>().ok().filter(|s| (0.0..=MAX_SCALE).contains(s))
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    #[test]
    fn scales_outside_0_to_20_are_refused() {
        assert_eq!(parse_scale(" 7.5 "), Some(7.5));
        assert_eq!(parse_scale("0"), Some(0.0));
        for bad in ["-5", "1e9", "NaN", "inf", "", "three"] {
            assert_eq!(parse_scale(bad), None, "{bad}");
        }
    }
}
