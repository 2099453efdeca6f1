//! The book's own kernels as points on the roofline. Each is timed on one
//! thread; its arithmetic intensity counts the bytes it must move at
//! least once per call (its weights, its input and its output, four bytes
//! a number), so a kernel whose weights stay in the caches between calls
//! can run above the memory roof drawn from main memory's bandwidth.

use crate::measure::{Timed, repeat};

/// One kernel, measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// A stable name (`dense-1`, `lenet-64`, ...), for the page's labels.
    pub name: &'static str,
    /// Operations per call (a multiply-add is two).
    pub ops: f64,
    /// Bytes moved at least once per call.
    pub bytes: f64,
    pub timed: Timed,
}

impl Point {
    /// Operations per byte.
    pub fn intensity(&self) -> f64 {
        self.ops / self.bytes
    }

    /// Operations a second achieved.
    pub fn rate(&self) -> f64 {
        self.timed.rate() * self.ops
    }
}

/// The kernels, in the order the page lists them.
pub const NAMES: [&str; 6] =
    ["dense-1", "dense-256", "lenet-1", "lenet-64", "gpt-token", "unet-step"];

fn input(len: usize) -> Vec<f32> {
    (0..len).map(|i| ((i * 7919) % 1000) as f32 / 1000.0).collect()
}

/// A fully connected layer `inputs → outputs` on a batch of `n`.
fn dense(
    name: &'static str,
    inputs: usize,
    outputs: usize,
    n: usize,
    now: &dyn Fn() -> f64,
    min_ms: f64,
) -> Point {
    let layer = nn::Dense::new(inputs, outputs, &mut nn::rng(1));
    let x = input(inputs * n);
    let timed = repeat(now, min_ms, || {
        let y = layer.apply(std::hint::black_box(&x), n);
        std::hint::black_box(&y);
        nn::buffers::give(y);
        1.0
    });
    let ops = 2.0 * (inputs * outputs * n) as f64;
    let bytes = 4.0 * (inputs * outputs + outputs + (inputs + outputs) * n) as f64;
    Point { name, ops, bytes, timed }
}

/// LeNet-5's forward pass on a batch of `n` digits.
fn lenet(name: &'static str, n: usize, now: &dyn Fn() -> f64, min_ms: f64) -> Point {
    let mut model = lenet::LeNet5::new(1);
    let x = input(784 * n);
    let macs: usize = model.layers.iter().map(|l| nn::Layer::macs(l.as_ref())).sum();
    let timed = repeat(now, min_ms, || {
        let y = model.forward(std::hint::black_box(&x), n);
        std::hint::black_box(&y);
        1.0
    });
    let ops = 2.0 * (macs * n) as f64;
    let bytes = 4.0 * (model.param_count() + (784 + 10) * n) as f64;
    Point { name, ops, bytes, timed }
}

/// The Transformer chapter's GPT (the shipped Shakespeare shape) writing
/// one character with its KV cache, averaged over the first 64 of a text.
fn gpt_token(now: &dyn Fn() -> f64, min_ms: f64) -> Point {
    let c = gpt::Config { vocab: 67, ctx: 128, dim: 128, layers: 4, heads: 4 };
    let mut model = gpt::Gpt::new(c, 1);
    model.freeze();
    const TOKENS: usize = 64;
    let timed = repeat(now, min_ms, || {
        let mut s = gpt::generate::Session::new();
        for t in 0..TOKENS {
            std::hint::black_box(s.feed(&model, (t % 67) as u32));
        }
        TOKENS as f64
    });
    // Two operations per weight, and attention over 32 earlier positions
    // on average (scores and the weighted sum: 4 · 32 · dim a layer).
    let weights = c.non_embedding_params() + c.vocab * c.dim;
    let ops = 2.0 * weights as f64 + (4 * 32 * c.dim * c.layers) as f64;
    let bytes = 4.0 * c.params() as f64;
    Point { name: "gpt-token", ops, bytes, timed }
}

/// One guided step of the diffusion chapter's digit U-Net: the same noisy
/// image with the digit asked for and with none (classifier-free guidance
/// needs both), one call on a batch of two.
fn unet_step(now: &dyn Fn() -> f64, min_ms: f64) -> Point {
    let mut model = diffusion::unet::UNet::new(diffusion::unet::Config::MNIST, 1);
    let x = input(2 * 784);
    let timed = repeat(now, min_ms, || {
        let y = model.forward(
            std::hint::black_box(&x),
            &[500, 500],
            &[7, diffusion::unet::NO_DIGIT],
            2,
        );
        std::hint::black_box(&y);
        1.0
    });
    let ops = 2.0 * (model.macs() * 2) as f64;
    let bytes = 4.0 * (model.param_count() + 2 * 2 * 784) as f64;
    Point { name: "unet-step", ops, bytes, timed }
}

/// Every kernel of [`NAMES`], each timed for at least `min_ms`.
pub fn measure(now: &dyn Fn() -> f64, min_ms: f64) -> Vec<Point> {
    NAMES.iter().map(|&name| measure_one(name, now, min_ms)).collect()
}

/// One kernel of [`NAMES`] (unknown names measure the first).
pub fn measure_one(name: &str, now: &dyn Fn() -> f64, min_ms: f64) -> Point {
    match name {
        "dense-256" => dense("dense-256", 512, 512, 256, now, min_ms),
        "lenet-1" => lenet("lenet-1", 1, now, min_ms),
        "lenet-64" => lenet("lenet-64", 64, now, min_ms),
        "gpt-token" => gpt_token(now, min_ms),
        "unet-step" => unet_step(now, min_ms),
        _ => dense("dense-1", 4096, 4096, 1, now, min_ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intensities_order_the_kernels_as_the_page_says() {
        let start = std::time::Instant::now();
        let now = move || start.elapsed().as_secs_f64() * 1000.0;
        let points = measure(&now, 5.0);
        let i: Vec<f64> = points.iter().map(Point::intensity).collect();
        // Batch 1 reuses no weight: half an operation per byte.
        assert!((i[0] - 0.5).abs() < 0.01, "{i:?}");
        // Batching reuses every weight many times.
        assert!(i[1] > 50.0 && i[3] > 10.0 * i[2], "{i:?}");
        assert!(i[4] < 1.0, "one token reads every weight once: {i:?}");
        // A convolution reuses each weight at every pixel.
        assert!(i[5] > 100.0, "{i:?}");
        assert!(points.iter().all(|p| p.rate() > 0.0 && p.timed.seconds >= 0.005));
    }
}
