//! A fully connected layer: every output is a weighted sum of every input.

use crate::{Layer, Param, Rng, Shape, gemm};

/// `y = W·x + b` for each sample; `W` is `outputs × inputs`.
pub struct Dense {
    pub inputs: usize,
    pub outputs: usize,
    pub weight: Param,
    pub bias: Param,
    /// Multiply through [`gemm::nt_by_transpose`]: faster for the many rows
    /// of a language model's batch (LeNet-5 keeps the dot-product order).
    pub by_transpose: bool,
    /// The weight already transposed, for [`Dense::freeze`].
    frozen: Option<Vec<f32>>,
    x: Vec<f32>,
}

impl Dense {
    /// He-uniform initial weights, zero biases.
    pub fn new(inputs: usize, outputs: usize, rng: &mut Rng) -> Dense {
        let limit = (6.0 / inputs as f32).sqrt();
        Dense {
            inputs,
            outputs,
            weight: Param::uniform(outputs * inputs, limit, rng),
            bias: Param::zeros(outputs),
            by_transpose: false,
            frozen: None,
            x: Vec::new(),
        }
    }

    /// The outputs for `n` rows without remembering the input (for
    /// generation, where nothing goes backward).
    pub fn apply(&self, x: &[f32], n: usize) -> Vec<f32> {
        let mut y = crate::buffers::zeroed(n * self.outputs);
        for row in y.chunks_exact_mut(self.outputs) {
            row.copy_from_slice(&self.bias.value);
        }
        let (o, i, w) = (self.outputs, self.inputs, &self.weight.value);
        if let Some(bt) = &self.frozen {
            gemm::nn(n, o, i, x, bt, &mut y); // what nt_by_transpose does after transposing
        } else if self.by_transpose {
            gemm::nt_by_transpose(n, o, i, x, w, &mut y);
        } else {
            gemm::nt(n, o, i, x, w, &mut y);
        }
        y
    }

    /// Keeps the weight transposed (for [`Dense::by_transpose`] layers), so
    /// that generation, one row at a time, does not transpose it for every
    /// character: the same products, bit for bit. Training ([`Layer::forward`])
    /// drops the copy, since the weights are about to change.
    pub fn freeze(&mut self) {
        self.frozen = self
            .by_transpose
            .then(|| gemm::transpose(self.outputs, self.inputs, &self.weight.value));
    }
}

impl Layer for Dense {
    fn describe(&self) -> String {
        format!("dense {} → {}", self.inputs, self.outputs)
    }

    fn input_shape(&self) -> Shape {
        Shape::new(self.inputs, 1, 1)
    }

    fn output_shape(&self) -> Shape {
        Shape::new(self.outputs, 1, 1)
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        self.frozen = None;
        let y = self.apply(x, n);
        self.x.clear();
        self.x.extend_from_slice(&x[..n * self.inputs]);
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        gemm::tn(self.outputs, self.inputs, n, dy, &self.x, &mut self.weight.grad);
        for row in dy.chunks_exact(self.outputs).take(n) {
            for (g, d) in self.bias.grad.iter_mut().zip(row) {
                *g += d;
            }
        }
        let mut dx = crate::buffers::zeroed(n * self.inputs);
        gemm::nn(n, self.inputs, self.outputs, dy, &self.weight.value, &mut dx);
        dx
    }

    fn params(&mut self) -> Vec<&mut Param> {
        vec![&mut self.weight, &mut self.bias]
    }

    fn params_ref(&self) -> Vec<&Param> {
        vec![&self.weight, &self.bias]
    }

    fn macs(&self) -> usize {
        self.inputs * self.outputs
    }
}
