//! A real layer to run: LeNet-5's F6 (120 inputs, 84 outputs) on real
//! digits, quantised to 8 bits as a TPU would take it.

use crate::{Codes, Quantized};
use lenet::LeNet5;

/// Index of F6 in [`LeNet5::layers`], and of the ReLU whose output it reads.
const F6: usize = 8;

/// `a[m×k] · w[k×c] + bias`, with `a` and `w` in 8 bits.
#[derive(Clone, Debug)]
pub struct Layer {
    pub m: usize,
    pub k: usize,
    pub c: usize,
    /// The activations entering the layer, one image per row.
    pub a: Codes,
    /// The weights, one input per row, one output per column.
    pub w: Quantized,
    pub bias: Vec<f32>,
    /// What the layer gives in 32-bit floats, for comparison.
    pub exact: Vec<f32>,
}

impl Layer {
    /// F6 for `n` images (784 pixels each) through the trained `model`.
    pub fn lenet_f6(model: &mut LeNet5, images: &[f32], n: usize) -> Layer {
        let mut a = Vec::new();
        let mut exact = Vec::new();
        for image in images.chunks_exact(784).take(n) {
            let trace = model.trace(image);
            a.extend_from_slice(&trace[F6 - 1]);
            exact.extend_from_slice(&trace[F6]);
        }
        let params = model.layers[F6].params_ref();
        let (weight, bias) = (&params[0].value, params[1].value.clone());
        let (k, c) = (weight.len() / bias.len(), bias.len());
        // Dense keeps one output per row; the array wants one input per row.
        let wt: Vec<f32> = (0..k * c).map(|i| weight[(i % c) * k + i / c]).collect();
        Layer {
            m: a.len() / k,
            k,
            c,
            a: Codes::unsigned(&a),
            w: Quantized::symmetric(&wt),
            bias,
            exact,
        }
    }

    /// The layer's outputs from the integer sums: back to real numbers by
    /// the two scales, plus the bias.
    pub fn dequantise(&self, sums: &[i32]) -> Vec<f32> {
        let scale = self.a.step * self.w.scale;
        sums.iter()
            .enumerate()
            .map(|(i, &s)| s as f32 * scale + self.bias[i % self.c])
            .collect()
    }
}
