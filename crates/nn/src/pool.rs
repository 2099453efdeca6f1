//! 2×2 max pooling over every channel of a batch.

use crate::{Layer, Shape};

/// Keeps the largest of each 2×2 block; the gradient flows only to it.
pub struct MaxPool2 {
    pub input: Shape,
    argmax: Vec<u32>,
}

impl MaxPool2 {
    pub fn new(input: Shape) -> MaxPool2 {
        MaxPool2 { input, argmax: Vec::new() }
    }
}

impl Layer for MaxPool2 {
    fn describe(&self) -> String {
        "max pool 2×2".into()
    }

    fn input_shape(&self) -> Shape {
        self.input
    }

    fn output_shape(&self) -> Shape {
        Shape::new(self.input.c, self.input.h / 2, self.input.w / 2)
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let (h, w) = (self.input.h, self.input.w);
        let (oh, ow) = (h / 2, w / 2);
        let planes = n * self.input.c;
        let mut y = crate::buffers::zeroed(planes * oh * ow);
        self.argmax.resize(planes * oh * ow, 0);
        for plane in 0..planes {
            let base = plane * h * w;
            let src = &x[base..base + h * w];
            for oy in 0..oh {
                let top = &src[2 * oy * w..2 * oy * w + 2 * ow];
                let bottom = &src[(2 * oy + 1) * w..(2 * oy + 1) * w + 2 * ow];
                let o = (plane * oh + oy) * ow;
                let rows = y[o..o + ow].iter_mut().zip(self.argmax[o..o + ow].iter_mut());
                let pairs = top.chunks_exact(2).zip(bottom.chunks_exact(2));
                for (ox, ((t, b), (out, arg))) in pairs.zip(rows).enumerate() {
                    // The first maximum in reading order wins, as plain selects.
                    let (m1, i1) = if t[1] > t[0] { (t[1], 1) } else { (t[0], 0) };
                    let (m2, i2) = if b[1] > b[0] { (b[1], w + 1) } else { (b[0], w) };
                    let (m, i) = if m2 > m1 { (m2, i2) } else { (m1, i1) };
                    *out = m;
                    *arg = (base + 2 * oy * w + 2 * ox + i) as u32;
                }
            }
        }
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let mut dx = crate::buffers::zeroed(n * self.input.len());
        for (d, &at) in dy.iter().zip(&self.argmax) {
            dx[at as usize] += d;
        }
        dx
    }
}
