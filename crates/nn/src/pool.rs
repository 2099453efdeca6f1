//! Changing resolution: 2×2 max or average pooling down, nearest-neighbour
//! 2× up.

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

/// Nearest-neighbour 2× upsampling: each pixel becomes a 2×2 block (a
/// U-Net's way back up to full size); the gradient of a block sums back.
pub struct Upsample2 {
    pub input: Shape,
}

impl Upsample2 {
    pub fn new(input: Shape) -> Upsample2 {
        Upsample2 { input }
    }
}

impl Layer for Upsample2 {
    fn describe(&self) -> String {
        "upsample 2×".into()
    }

    fn input_shape(&self) -> Shape {
        self.input
    }

    fn output_shape(&self) -> Shape {
        Shape::new(self.input.c, self.input.h * 2, self.input.w * 2)
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let (h, w) = (self.input.h, self.input.w);
        let planes = n * self.input.c;
        let mut y = crate::buffers::zeroed(planes * 4 * h * w);
        for (src, dst) in
            x.chunks_exact(h * w).zip(y.chunks_exact_mut(4 * h * w)).take(planes)
        {
            for (row, out) in src.chunks_exact(w).zip(dst.chunks_exact_mut(4 * w)) {
                let (top, bottom) = out.split_at_mut(2 * w);
                for (pair, &v) in top.chunks_exact_mut(2).zip(row) {
                    pair.fill(v);
                }
                bottom.copy_from_slice(top);
            }
        }
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let (h, w) = (self.input.h, self.input.w);
        let planes = n * self.input.c;
        let mut dx = crate::buffers::zeroed(planes * h * w);
        for (dst, src) in dx.chunks_exact_mut(h * w).zip(dy.chunks_exact(4 * h * w)) {
            for (row, d) in dst.chunks_exact_mut(w).zip(src.chunks_exact(4 * w)) {
                let (top, bottom) = d.split_at(2 * w);
                for ((g, t), b) in
                    row.iter_mut().zip(top.chunks_exact(2)).zip(bottom.chunks_exact(2))
                {
                    *g = t[0] + t[1] + b[0] + b[1];
                }
            }
        }
        dx
    }
}

/// The mean of each 2×2 block: smooth, so every input gets a quarter of the
/// gradient (a U-Net's way down; no ties to break, unlike the maximum).
pub struct AvgPool2 {
    pub input: Shape,
}

impl AvgPool2 {
    pub fn new(input: Shape) -> AvgPool2 {
        AvgPool2 { input }
    }
}

impl Layer for AvgPool2 {
    fn describe(&self) -> String {
        "average pool 2×2".into()
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
        for (src, dst) in
            x.chunks_exact(h * w).zip(y.chunks_exact_mut(oh * ow)).take(planes)
        {
            for (oy, row) in dst.chunks_exact_mut(ow).enumerate() {
                let top = &src[2 * oy * w..];
                let bottom = &src[(2 * oy + 1) * w..];
                for (ox, out) in row.iter_mut().enumerate() {
                    let i = 2 * ox;
                    *out = 0.25 * (top[i] + top[i + 1] + bottom[i] + bottom[i + 1]);
                }
            }
        }
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let (h, w) = (self.input.h, self.input.w);
        let (oh, ow) = (h / 2, w / 2);
        let planes = n * self.input.c;
        let mut dx = crate::buffers::zeroed(planes * h * w);
        for (dst, src) in dx.chunks_exact_mut(h * w).zip(dy.chunks_exact(oh * ow)) {
            for (oy, row) in src.chunks_exact(ow).enumerate() {
                for (ox, &d) in row.iter().enumerate() {
                    let q = 0.25 * d;
                    let (a, b) = ((2 * oy) * w + 2 * ox, (2 * oy + 1) * w + 2 * ox);
                    dst[a] = q;
                    dst[a + 1] = q;
                    dst[b] = q;
                    dst[b + 1] = q;
                }
            }
        }
        dx
    }
}
