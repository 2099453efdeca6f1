//! Direct convolution written two ways, for the "why GPUs" demo: one
//! multiply-add at a time, and four at a time with 128-bit SIMD. Both add the
//! same products in the same order, so their results are bit-for-bit equal;
//! only the speed differs.

use crate::simd::{F4, Lanes};

/// Shapes for a valid (unpadded), stride-1 convolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConvShape {
    pub in_c: usize,
    pub in_h: usize,
    pub in_w: usize,
    /// Output channels; the SIMD version needs a multiple of 4.
    pub out_c: usize,
    pub k: usize,
}

impl ConvShape {
    /// LeNet-5's C3: 6 maps of 14×14 in, 16 maps of 10×10 out, 5×5 kernels.
    pub const C3: ConvShape = ConvShape { in_c: 6, in_h: 14, in_w: 14, out_c: 16, k: 5 };

    pub fn out_h(&self) -> usize {
        self.in_h + 1 - self.k
    }
    pub fn out_w(&self) -> usize {
        self.in_w + 1 - self.k
    }
    pub fn input_len(&self) -> usize {
        self.in_c * self.in_h * self.in_w
    }
    pub fn output_len(&self) -> usize {
        self.out_c * self.out_h() * self.out_w()
    }
    /// Multiply-adds for one image: every output value is one independent dot product.
    pub fn macs(&self) -> usize {
        self.output_len() * self.in_c * self.k * self.k
    }
}

/// Weights laid out `[c][ky][kx][o]`, so the 4 output channels of a SIMD
/// lane group sit next to each other.
pub fn weights_channel_last(s: &ConvShape, w_ockk: &[f32]) -> Vec<f32> {
    let kk = s.in_c * s.k * s.k;
    let mut out = vec![0.0; kk * s.out_c];
    for o in 0..s.out_c {
        for i in 0..kk {
            out[i * s.out_c + o] = w_ockk[o * kk + i];
        }
    }
    out
}

// ANCHOR: scalar
/// One multiply-add at a time. `w` is channel-last (see [`weights_channel_last`]).
pub fn conv_scalar(s: &ConvShape, x: &[f32], w: &[f32], out: &mut [f32]) {
    let (oh, ow) = (s.out_h(), s.out_w());
    for y in 0..oh {
        for xo in 0..ow {
            for o in 0..s.out_c {
                let mut acc = 0.0f32;
                let mut wi = o;
                for c in 0..s.in_c {
                    for ky in 0..s.k {
                        let row = &x[(c * s.in_h + y + ky) * s.in_w + xo..];
                        for v in &row[..s.k] {
                            acc += v * w[wi];
                            wi += s.out_c;
                        }
                    }
                }
                out[(o * oh + y) * ow + xo] = acc;
            }
        }
    }
}
// ANCHOR_END: scalar

// ANCHOR: simd
/// Four output channels at a time: one 128-bit multiply and add per step.
pub fn conv_simd(s: &ConvShape, x: &[f32], w: &[f32], out: &mut [f32]) {
    let (oh, ow) = (s.out_h(), s.out_w());
    for y in 0..oh {
        for xo in 0..ow {
            for g in (0..s.out_c).step_by(4) {
                let mut acc = F4::zero();
                let mut wi = g;
                for c in 0..s.in_c {
                    for ky in 0..s.k {
                        let row = &x[(c * s.in_h + y + ky) * s.in_w + xo..];
                        for &v in &row[..s.k] {
                            acc = acc.mul_add(v, F4::load(&w[wi..]));
                            wi += s.out_c;
                        }
                    }
                }
                for (l, value) in acc.to_array().into_iter().enumerate() {
                    out[((g + l) * oh + y) * ow + xo] = value;
                }
            }
        }
    }
}
// ANCHOR_END: simd

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Conv2d, Layer, Shape};

    #[test]
    fn scalar_and_simd_agree_bit_for_bit_and_match_the_layer() {
        let s = ConvShape::C3;
        assert_eq!(s.macs(), 240_000);
        let mut rng = crate::rng(3);
        let mut layer = Conv2d::new(Shape::new(6, 14, 14), 16, 5, 0, &mut rng);
        layer.bias.value.fill(0.0);
        let x: Vec<f32> =
            (0..s.input_len()).map(|i| ((i * 37 % 101) as f32 - 50.0) / 50.0).collect();
        let w = weights_channel_last(&s, &layer.weight.value);
        let (mut a, mut b) = (vec![0.0; s.output_len()], vec![0.0; s.output_len()]);
        conv_scalar(&s, &x, &w, &mut a);
        conv_simd(&s, &x, &w, &mut b);
        assert_eq!(a, b);
        let reference = layer.forward(&x, 1);
        assert!(a.iter().zip(&reference).all(|(p, q)| (p - q).abs() < 1e-4));
    }
}
