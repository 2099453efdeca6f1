//! Diffusion models: make data by removing noise.
//!
//! Training takes a clean example, mixes in Gaussian noise to a random
//! degree (the forward process, [`schedule`]) and teaches a network to say
//! which noise was added. Generating runs the other way: start from pure
//! noise and, step by step, take away the noise the network sees
//! ([`sample`]). The network never changes between samplers; the sampler
//! only decides how big the steps are and whether fresh noise is added.

pub mod sample;
pub mod schedule;
pub mod shapes;
pub mod toy;

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
