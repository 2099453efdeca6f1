//! Layers, a loss and two optimizers, written out by hand.
//!
//! Every layer works on a batch stored as one flat `Vec<f32>` in
//! batch × channels × height × width order. `forward` remembers what
//! `backward` needs; `backward` takes the gradient of the loss with respect to
//! the layer's output, adds the gradients of its parameters into
//! [`Param::grad`] and returns the gradient with respect to its input. Each
//! layer is checked against finite differences in `check`.

pub mod act;
pub mod attention;
pub mod buffers;
pub mod check;
pub mod conv;
pub mod dense;
pub mod direct;
pub mod embed;
pub mod gemm;
pub mod gru;
pub mod init;
pub mod loss;
pub mod math;
pub mod norm;
pub mod optim;
pub mod pool;
pub mod simd;
pub mod stack;

pub use act::{Gelu, Relu};
pub use attention::{CausalSelfAttention, KvCache};
pub use conv::Conv2d;
pub use dense::Dense;
pub use embed::Embedding;
pub use gru::Gru;
pub use loss::{soft_cross_entropy, softmax_cross_entropy};
pub use norm::LayerNorm;
pub use optim::{Optimizer, OptimizerKind, clip_grad_norm, warmup_cosine};
pub use pool::{AvgPool2, MaxPool2, Upsample2};
pub use stack::{Residual, Stack};

use rand::{RngExt, SeedableRng};

/// Shape of one sample: channels, height, width (a vector is `(n, 1, 1)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub c: usize,
    pub h: usize,
    pub w: usize,
}

impl Shape {
    pub const fn new(c: usize, h: usize, w: usize) -> Shape {
        Shape { c, h, w }
    }
    /// Numbers per sample.
    pub const fn len(&self) -> usize {
        self.c * self.h * self.w
    }
    /// True for a shape with no numbers in it (a zero dimension).
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A learnable tensor and the gradient of the loss with respect to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub value: Vec<f32>,
    pub grad: Vec<f32>,
}

impl Param {
    /// Uniform in ±`limit`, from a seeded generator (same seed, same network).
    pub fn uniform(len: usize, limit: f32, rng: &mut Rng) -> Param {
        let value = (0..len).map(|_| rng.random_range(-limit..limit)).collect();
        Param { value, grad: vec![0.0; len] }
    }
    pub fn zeros(len: usize) -> Param {
        Param { value: vec![0.0; len], grad: vec![0.0; len] }
    }
}

/// The book's random number generator: small, fast, reproducible everywhere.
pub type Rng = rand_pcg::Pcg64Mcg;

/// A generator from a seed.
pub fn rng(seed: u64) -> Rng {
    Rng::seed_from_u64(seed)
}

/// One step of a network.
pub trait Layer {
    /// A short description, e.g. `conv 5×5, 6 maps`.
    fn describe(&self) -> String;
    /// Shape of one input sample.
    fn input_shape(&self) -> Shape;
    /// Shape of one output sample.
    fn output_shape(&self) -> Shape;
    /// Computes the outputs for a batch of `n` samples, remembering what
    /// `backward` needs.
    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32>;
    /// Takes dLoss/dOutput, accumulates parameter gradients, returns dLoss/dInput.
    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32>;
    /// The layer's parameters (none for ReLU and pooling).
    fn params(&mut self) -> Vec<&mut Param> {
        Vec::new()
    }
    /// Read-only view of the parameters, for saving and counting.
    fn params_ref(&self) -> Vec<&Param> {
        Vec::new()
    }
    /// Multiply-adds of one forward pass for one sample.
    fn macs(&self) -> usize {
        0
    }
}
