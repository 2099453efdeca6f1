//! Layers in a row, and the same row with a shortcut around it.
//!
//! A [`Stack`] feeds each layer's output to the next. A [`Residual`] does
//! the same and then adds its input back: `y = x + f(x)`. That one
//! addition (He, Zhang, Ren and Sun, 2015) is what lets networks be
//! hundreds of layers deep: each block only has to learn a correction to
//! what it is given, the identity costs it nothing, and on the way back
//! the gradient reaches every earlier layer undiminished through the `+`.

use crate::{Layer, Param, Shape};

/// Layers applied one after another.
pub struct Stack {
    pub layers: Vec<Box<dyn Layer>>,
}

impl Stack {
    pub fn new(layers: Vec<Box<dyn Layer>>) -> Stack {
        assert!(!layers.is_empty(), "a stack needs at least one layer");
        Stack { layers }
    }
}

impl Layer for Stack {
    fn describe(&self) -> String {
        let parts: Vec<String> = self.layers.iter().map(|l| l.describe()).collect();
        parts.join(" → ")
    }

    fn input_shape(&self) -> Shape {
        self.layers[0].input_shape()
    }

    fn output_shape(&self) -> Shape {
        self.layers[self.layers.len() - 1].output_shape()
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let mut layers = self.layers.iter_mut();
        let first = layers.next().expect("a stack has layers");
        let mut h = first.forward(x, n);
        for layer in layers {
            let y = layer.forward(&h, n);
            crate::buffers::give(std::mem::replace(&mut h, y));
        }
        h
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let mut layers = self.layers.iter_mut().rev();
        let last = layers.next().expect("a stack has layers");
        let mut d = last.backward(dy, n);
        for layer in layers {
            let dx = layer.backward(&d, n);
            crate::buffers::give(std::mem::replace(&mut d, dx));
        }
        d
    }

    fn params(&mut self) -> Vec<&mut Param> {
        self.layers.iter_mut().flat_map(|l| l.params()).collect()
    }

    fn params_ref(&self) -> Vec<&Param> {
        self.layers.iter().flat_map(|l| l.params_ref()).collect()
    }

    fn macs(&self) -> usize {
        self.layers.iter().map(|l| l.macs()).sum()
    }
}

// ANCHOR: residual
/// `y = x + f(x)`: a stack whose output keeps its input (same shape in and out).
pub struct Residual {
    pub inner: Stack,
}

impl Layer for Residual {
    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let mut y = self.inner.forward(x, n);
        for (y, x) in y.iter_mut().zip(x) {
            *y += x; // the shortcut
        }
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let mut dx = self.inner.backward(dy, n);
        for (d, g) in dx.iter_mut().zip(dy) {
            *d += g; // the gradient takes the shortcut too, unchanged
        }
        dx
    }
    // ANCHOR_END: residual

    fn describe(&self) -> String {
        format!("x + ({})", self.inner.describe())
    }

    fn input_shape(&self) -> Shape {
        self.inner.input_shape()
    }

    fn output_shape(&self) -> Shape {
        self.inner.output_shape()
    }

    fn params(&mut self) -> Vec<&mut Param> {
        self.inner.params()
    }

    fn params_ref(&self) -> Vec<&Param> {
        self.inner.params_ref()
    }

    fn macs(&self) -> usize {
        self.inner.macs()
    }
}

impl Residual {
    pub fn new(inner: Stack) -> Residual {
        assert_eq!(
            inner.input_shape(),
            inner.output_shape(),
            "x + f(x) needs f to keep the shape"
        );
        Residual { inner }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::max_gradient_error;
    use crate::{Dense, LayerNorm, Relu, rng};

    fn block(width: usize, seed: u64) -> Stack {
        let mut g = rng(seed);
        Stack::new(vec![
            Box::new(LayerNorm::new(width)),
            Box::new(Dense::new(width, width, &mut g)),
            Box::new(Relu::new(Shape::new(width, 1, 1))),
            Box::new(Dense::new(width, width, &mut g)),
        ])
    }

    #[test]
    fn stack_and_residual_pass_the_gradient_check() {
        assert!(max_gradient_error(&mut block(6, 1), 3, 2) < 1e-2);
        assert!(max_gradient_error(&mut Residual::new(block(6, 1)), 3, 2) < 1e-2);
    }

    #[test]
    fn the_shortcut_adds_the_input() {
        let x = [0.5f32, -1.0, 2.0, 0.25, 1.5, -0.75];
        let plain = block(6, 4).forward(&x, 1);
        let with = Residual::new(block(6, 4)).forward(&x, 1);
        for ((p, w), x) in plain.iter().zip(&with).zip(&x) {
            assert!((w - (p + x)).abs() < 1e-6);
        }
    }
}
