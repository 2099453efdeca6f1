//! How many bits does a trained network need? The book's LeNet-5 with its
//! weights and the activations between its layers rounded to a few bits,
//! as an inference chip would store them, measured on real digits.
//!
//! Rounding is simulated: each number is replaced by the nearest of the
//! `2^bits` levels its scale allows, and the arithmetic between layers
//! stays in 32-bit floats. (With 8-bit levels an integer chip computes
//! the same sums, exactly; here they are rounded once more to f32.)

pub mod integer;

pub use integer::IntegerLeNet;
use lenet::LeNet5;
use lenet::model::CLASSES;

/// The layers of [`LeNet5::layers`] that have weights: C1, C3, C5, F6 and
/// the output layer. Their inputs are the activations that get rounded.
pub const WEIGHT_LAYERS: [usize; 5] = [0, 3, 6, 8, 10];

/// Bits on offer; 32 means "not rounded" (the trained 32-bit floats).
pub const BITS: [u32; 7] = [32, 8, 6, 5, 4, 3, 2];

/// One scale for a whole weight tensor, or one per output channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scales {
    PerTensor,
    PerChannel,
}

/// A way to store the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scheme {
    pub weight_bits: u32,
    pub activation_bits: u32,
    pub scales: Scales,
}

impl Scheme {
    pub const FLOAT: Scheme =
        Scheme { weight_bits: 32, activation_bits: 32, scales: Scales::PerTensor };

    /// Whether the bits are ones the book offers.
    pub fn valid(&self) -> bool {
        BITS.contains(&self.weight_bits) && BITS.contains(&self.activation_bits)
    }
}

// ANCHOR: round
/// Rounds `values` in place to signed `bits`-bit levels with one scale:
/// the largest magnitude becomes the top level, ±(2^(bits−1) − 1), and
/// every value becomes the nearest level (at 8 bits, 255 levels from −127
/// to 127).
pub fn round_symmetric(values: &mut [f32], bits: u32) {
    let top = ((1u32 << (bits - 1)) - 1) as f32;
    let largest = values.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    if largest == 0.0 {
        return;
    }
    let step = largest / top;
    values.iter_mut().for_each(|v| *v = (*v / step).round().clamp(-top, top) * step);
}

/// Rounds activations (never negative after ReLU) to unsigned `bits`-bit
/// levels from 0 to `largest`, the largest value seen in calibration.
pub fn round_unsigned(values: &mut [f32], bits: u32, largest: f32) {
    let top = ((1u64 << bits) - 1) as f32;
    if largest <= 0.0 {
        return;
    }
    let step = largest / top;
    values.iter_mut().for_each(|v| *v = (*v / step).round().clamp(0.0, top) * step);
}
// ANCHOR_END: round

/// Rounds every weight of `model` to `bits` bits (biases stay: a chip adds
/// them in its 32-bit accumulators).
pub fn round_weights(model: &mut LeNet5, bits: u32, scales: Scales) {
    if bits >= 32 {
        return;
    }
    for &i in &WEIGHT_LAYERS {
        let mut params = model.layers[i].params();
        let outputs = params[1].value.len();
        let weight = &mut params[0].value;
        match scales {
            Scales::PerTensor => round_symmetric(weight, bits),
            Scales::PerChannel => {
                let per = weight.len() / outputs;
                weight.chunks_exact_mut(per).for_each(|row| round_symmetric(row, bits));
            }
        }
    }
}

/// The largest value entering each weight layer over `n` calibration
/// images: what sets the activations' scales.
pub fn calibrate(model: &mut LeNet5, images: &[f32], n: usize) -> Vec<f32> {
    let mut largest = vec![0.0f32; WEIGHT_LAYERS.len()];
    for start in (0..n).step_by(250) {
        let count = (n - start).min(250);
        let mut x = images[start * 784..(start + count) * 784].to_vec();
        for (i, layer) in model.layers.iter_mut().enumerate() {
            if let Some(k) = WEIGHT_LAYERS.iter().position(|&w| w == i) {
                largest[k] = x.iter().fold(largest[k], |m, &v| m.max(v));
            }
            x = layer.forward(&x, count);
        }
    }
    largest
}

/// Scores for `n` images with the activations entering every weight layer
/// rounded to `bits` (the picture itself included: MNIST's pixels are 8-bit).
pub fn forward(
    model: &mut LeNet5,
    images: &[f32],
    n: usize,
    bits: u32,
    largest: &[f32],
) -> Vec<f32> {
    let mut x = images[..n * 784].to_vec();
    for (i, layer) in model.layers.iter_mut().enumerate() {
        if bits < 32
            && let Some(k) = WEIGHT_LAYERS.iter().position(|&w| w == i)
        {
            round_unsigned(&mut x, bits, largest[k]);
        }
        x = layer.forward(&x, n);
    }
    x
}

/// Digits read right among the images with labels `labels`, 250 at a time.
pub fn correct(
    model: &mut LeNet5,
    images: &[f32],
    labels: &[u8],
    bits: u32,
    largest: &[f32],
) -> usize {
    let mut right = 0;
    for (start, chunk) in (0..).step_by(250).zip(labels.chunks(250)) {
        let n = chunk.len();
        let logits =
            forward(model, &images[start * 784..(start + n) * 784], n, bits, largest);
        right += logits
            .chunks_exact(CLASSES)
            .zip(chunk)
            .filter(|(row, label)| lenet::train::argmax(row) == usize::from(**label))
            .count();
    }
    right
}

/// The shipped network stored by `scheme`: a fresh copy from `weights`
/// (the safetensors file), its weights rounded.
pub fn model(weights: &[u8], scheme: Scheme) -> Result<LeNet5, String> {
    let mut m = LeNet5::new(0);
    lenet::weights::load(&mut m, weights)?;
    round_weights(&mut m, scheme.weight_bits, scheme.scales);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_the_extremes_and_the_level_count() {
        let mut v = [1.0, -0.5, 0.26, 0.0];
        round_symmetric(&mut v, 2); // levels −1, 0, 1 (× 1.0)
        assert_eq!(v, [1.0, -1.0, 0.0, 0.0]);
        let mut v: Vec<f32> = (0..=100).map(|i| i as f32 / 100.0).collect();
        round_unsigned(&mut v, 3, 1.0);
        let mut levels = v.clone();
        levels.dedup();
        assert_eq!(levels.len(), 8);
        assert_eq!((v[0], v[100]), (0.0, 1.0));
    }
}
