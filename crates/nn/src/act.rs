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

/// GELU in the tanh form GPT-2 uses: `x·Φ(x)`, a smooth ReLU that lets a
/// little negative signal through.
pub struct Gelu {
    pub shape: Shape,
    /// [`crate::math::tanh_fast`] instead of libm's: vector code, a few
    /// times faster (for networks trained without libm's exact last bits).
    pub fast: bool,
    x: Vec<f32>,
    /// tanh(√(2/π)(x + 0.044715x³)) of each input, kept for `backward`.
    tanh: Vec<f32>,
}

impl Gelu {
    pub fn new(shape: Shape) -> Gelu {
        Gelu { shape, fast: false, x: Vec::new(), tanh: Vec::new() }
    }

    /// GELU through [`crate::math::tanh_fast`].
    pub fn fast(shape: Shape) -> Gelu {
        Gelu { fast: true, ..Gelu::new(shape) }
    }
}

const SQRT_2_OVER_PI: f32 = 0.797_884_6;
const CUBIC: f32 = 0.044_715;

/// libm's tanh without its branches (the same bits), so the layer's loops
/// run in vector code: one libm call per number was a sixth of a GPT's
/// training time.
#[inline(always)]
fn inner_tanh(x: f32) -> f32 {
    crate::math::tanh_branchless(SQRT_2_OVER_PI * (x + CUBIC * x * x * x))
}

/// GELU of one number (also used by the generation path).
#[inline]
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + inner_tanh(x))
}

/// d gelu / dx, given `t = inner_tanh(x)`.
#[inline]
fn gelu_slope(x: f32, t: f32) -> f32 {
    0.5 * (1.0 + t)
        + 0.5 * x * (1.0 - t * t) * SQRT_2_OVER_PI * (1.0 + 3.0 * CUBIC * x * x)
}

impl Layer for Gelu {
    fn describe(&self) -> String {
        "GELU".into()
    }

    fn input_shape(&self) -> Shape {
        self.shape
    }

    fn output_shape(&self) -> Shape {
        self.shape
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let x = &x[..n * self.shape.len()];
        self.x.clear();
        self.x.extend_from_slice(x);
        self.tanh.resize(x.len(), 0.0);
        let mut y = crate::buffers::zeroed(x.len());
        if self.fast {
            for ((y, t), &v) in y.iter_mut().zip(self.tanh.iter_mut()).zip(x) {
                *t = crate::math::tanh_fast(SQRT_2_OVER_PI * (v + CUBIC * v * v * v));
                *y = 0.5 * v * (1.0 + *t);
            }
            return y;
        }
        for ((y, t), &v) in y.iter_mut().zip(self.tanh.iter_mut()).zip(x) {
            *t = inner_tanh(v);
            *y = 0.5 * v * (1.0 + *t); // = gelu(v), bit for bit
        }
        y
    }

    fn backward(&mut self, dy: &[f32], _n: usize) -> Vec<f32> {
        let mut dx = crate::buffers::zeroed(dy.len());
        for (((out, &d), &x), &t) in dx.iter_mut().zip(dy).zip(&self.x).zip(&self.tanh) {
            *out = d * gelu_slope(x, t);
        }
        dx
    }
}
