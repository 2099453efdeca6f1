//! The nonlinearity. Without it, stacked layers would collapse into one
//! linear map, however many there are.

use crate::{Layer, Shape};

/// `max(0, x)`, element by element.
pub struct Relu {
    pub shape: Shape,
    positive: Vec<bool>,
}

impl Relu {
    pub fn new(shape: Shape) -> Relu {
        Relu { shape, positive: Vec::new() }
    }
}

impl Layer for Relu {
    fn describe(&self) -> String {
        "ReLU".into()
    }

    fn input_shape(&self) -> Shape {
        self.shape
    }

    fn output_shape(&self) -> Shape {
        self.shape
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let x = &x[..n * self.shape.len()];
        self.positive.resize(x.len(), false);
        let mut y = crate::buffers::zeroed(x.len());
        for ((y, p), &v) in y.iter_mut().zip(self.positive.iter_mut()).zip(x) {
            *p = v > 0.0;
            // A plain select: unlike f32::max it compiles to one SIMD instruction.
            *y = if v > 0.0 { v } else { 0.0 };
        }
        y
    }

    fn backward(&mut self, dy: &[f32], _n: usize) -> Vec<f32> {
        let mut dx = crate::buffers::zeroed(dy.len());
        for ((out, &d), &p) in dx.iter_mut().zip(dy).zip(&self.positive) {
            *out = if p { d } else { 0.0 };
        }
        dx
    }
}
