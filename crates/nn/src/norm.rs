//! Layer normalisation: each position's features rescaled to mean 0 and
//! variance 1, then given a learned gain and bias. It keeps the signal in
//! a deep stack of residual blocks at a size the next layer expects.

use crate::{Layer, Param, Shape};

/// Normalises each row of `dim` numbers (one position of one sequence).
pub struct LayerNorm {
    pub dim: usize,
    pub gain: Param,
    pub bias: Param,
    normed: Vec<f32>,
    inv_std: Vec<f32>,
}

/// Added to the variance so a constant row does not divide by zero.
const EPS: f32 = 1e-5;

impl LayerNorm {
    /// Gain 1 and bias 0: at first the layer only normalises.
    pub fn new(dim: usize) -> LayerNorm {
        let mut gain = Param::zeros(dim);
        gain.value.fill(1.0);
        LayerNorm {
            dim,
            gain,
            bias: Param::zeros(dim),
            normed: Vec::new(),
            inv_std: Vec::new(),
        }
    }
}

/// Mean and 1/standard deviation of a row, summed in a fixed order.
fn moments(row: &[f32]) -> (f32, f32) {
    let n = row.len() as f32;
    let mean = row.iter().sum::<f32>() / n;
    let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    (mean, 1.0 / (var + EPS).sqrt())
}

impl Layer for LayerNorm {
    fn describe(&self) -> String {
        format!("layer norm {}", self.dim)
    }

    fn input_shape(&self) -> Shape {
        Shape::new(self.dim, 1, 1)
    }

    fn output_shape(&self) -> Shape {
        Shape::new(self.dim, 1, 1)
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let d = self.dim;
        let mut y = crate::buffers::zeroed(n * d);
        self.normed.resize(n * d, 0.0);
        self.inv_std.resize(n, 0.0);
        for (((row, out), normed), inv) in x
            .chunks_exact(d)
            .zip(y.chunks_exact_mut(d))
            .zip(self.normed.chunks_exact_mut(d))
            .zip(&mut self.inv_std)
            .take(n)
        {
            let (mean, inv_std) = moments(row);
            *inv = inv_std;
            for ((((o, h), &v), &g), &b) in out
                .iter_mut()
                .zip(normed)
                .zip(row)
                .zip(&self.gain.value)
                .zip(&self.bias.value)
            {
                *h = (v - mean) * inv_std;
                *o = *h * g + b;
            }
        }
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let d = self.dim;
        let mut dx = crate::buffers::zeroed(n * d);
        let mut dh = vec![0.0; d];
        for (((drow, out), normed), &inv_std) in dy
            .chunks_exact(d)
            .zip(dx.chunks_exact_mut(d))
            .zip(self.normed.chunks_exact(d))
            .zip(&self.inv_std)
            .take(n)
        {
            for j in 0..d {
                self.gain.grad[j] += drow[j] * normed[j];
                self.bias.grad[j] += drow[j];
                dh[j] = drow[j] * self.gain.value[j];
            }
            let mean_dh = dh.iter().sum::<f32>() / d as f32;
            let mean_dh_h =
                dh.iter().zip(normed).map(|(a, b)| a * b).sum::<f32>() / d as f32;
            for ((o, &g), &h) in out.iter_mut().zip(&dh).zip(normed) {
                *o = inv_std * (g - mean_dh - h * mean_dh_h);
            }
        }
        dx
    }

    fn params(&mut self) -> Vec<&mut Param> {
        vec![&mut self.gain, &mut self.bias]
    }

    fn params_ref(&self) -> Vec<&Param> {
        vec![&self.gain, &self.bias]
    }
}

/// Layer norm of one row without remembering anything: the generation path.
pub fn normalise_row(row: &[f32], gain: &[f32], bias: &[f32], out: &mut [f32]) {
    let (mean, inv_std) = moments(row);
    for (((o, &v), &g), &b) in out.iter_mut().zip(row).zip(gain).zip(bias) {
        *o = (v - mean) * inv_std * g + b;
    }
}
