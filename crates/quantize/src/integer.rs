//! LeNet-5 in integers, as an inference chip runs it: every multiply-add
//! of every convolution and dense layer takes an 8-bit unsigned activation
//! and an 8-bit signed weight and adds into a 32-bit integer; only the
//! finished sums are scaled back to real numbers (and ReLU and pooling,
//! which multiply nothing, work on those).

use crate::WEIGHT_LAYERS;
use lenet::LeNet5;
use lenet::model::CLASSES;
use nn::Layer;

/// One weight layer's integer form.
struct Weighted {
    /// `outputs × inputs-per-output` 8-bit weights, one scale per output.
    weight: Vec<i8>,
    scale: Vec<f32>,
    bias: Vec<f32>,
    /// The step between the activation levels entering the layer.
    step: f32,
    /// For a convolution: its input shape, kernel and padding.
    conv: Option<(nn::Shape, usize, usize)>,
    /// For a convolution: where each window's values come from in the
    /// image, window after window (`u32::MAX`: padding, a zero).
    gather: Vec<u32>,
}

/// LeNet-5 with its weight layers in 8-bit integers.
pub struct IntegerLeNet {
    /// The float network, for its ReLU and pooling layers.
    float: LeNet5,
    weighted: Vec<Weighted>,
}

// ANCHOR: dot
/// The chip's whole arithmetic: 8 bits × 8 bits, summed in 32 bits, exactly.
/// (The layers call `nn::simd::dot_u8_i8`, the same sum sixteen pairs at a
/// time in the browser; a test checks the two agree.)
pub fn dot(a: &[u8], w: &[i8]) -> i32 {
    a.iter().zip(w).map(|(&x, &v)| i32::from(x) * i32::from(v)).sum()
}
// ANCHOR_END: dot

impl IntegerLeNet {
    /// The trained `model` in integers: weights rounded per output channel
    /// to 8 bits, activations to 256 levels up to `largest` (calibration).
    pub fn new(mut model: LeNet5, largest: &[f32]) -> IntegerLeNet {
        let mut weighted = Vec::new();
        for (k, &i) in WEIGHT_LAYERS.iter().enumerate() {
            let conv = conv_shape(model.layers[i].as_ref());
            let params = model.layers[i].params();
            let bias = params[1].value.clone();
            let per = params[0].value.len() / bias.len();
            let (mut weight, mut scale) = (Vec::new(), Vec::new());
            for row in params[0].value.chunks_exact(per) {
                let top = row.iter().fold(0.0f32, |m, v| m.max(v.abs()));
                let s = if top > 0.0 { top / 127.0 } else { 1.0 };
                weight.extend(
                    row.iter().map(|v| (v / s).round().clamp(-127.0, 127.0) as i8),
                );
                scale.push(s);
            }
            let step = if largest[k] > 0.0 { largest[k] / 255.0 } else { 1.0 };
            let gather =
                conv.map_or_else(Vec::new, |(input, k, pad)| windows(input, k, pad));
            weighted.push(Weighted { weight, scale, bias, step, conv, gather });
        }
        IntegerLeNet { float: model, weighted }
    }

    /// Scores for `n` images.
    pub fn forward(&mut self, images: &[f32], n: usize) -> Vec<f32> {
        let mut x = images[..n * 784].to_vec();
        for (i, layer) in self.float.layers.iter_mut().enumerate() {
            x = match WEIGHT_LAYERS.iter().position(|&w| w == i) {
                Some(k) => self.weighted[k].forward(&x, n),
                None => layer.forward(&x, n),
            };
        }
        x
    }

    /// Digits read right, 250 at a time.
    pub fn correct(&mut self, images: &[f32], labels: &[u8]) -> usize {
        let mut right = 0;
        for (start, chunk) in (0..).step_by(250).zip(labels.chunks(250)) {
            let logits = self
                .forward(&images[start * 784..(start + chunk.len()) * 784], chunk.len());
            right += logits
                .chunks_exact(CLASSES)
                .zip(chunk)
                .filter(|(row, l)| lenet::train::argmax(row) == usize::from(**l))
                .count();
        }
        right
    }

    /// F6's integer inputs and weights for `n` images (inputs one image per
    /// row, weights one input per row), to compare with the systolic array.
    pub fn f6_operands(
        &mut self,
        images: &[f32],
        n: usize,
    ) -> (Vec<u8>, Vec<i8>, usize, usize) {
        let mut x = images[..n * 784].to_vec();
        for (i, layer) in self.float.layers.iter_mut().enumerate().take(WEIGHT_LAYERS[3])
        {
            x = match WEIGHT_LAYERS.iter().position(|&w| w == i) {
                Some(k) => self.weighted[k].forward(&x, n),
                None => layer.forward(&x, n),
            };
        }
        let f6 = &self.weighted[3];
        let codes = f6.codes(&x);
        let (c, k) = (f6.bias.len(), f6.weight.len() / f6.bias.len());
        let wt = (0..k * c).map(|i| f6.weight[(i % c) * k + i / c]).collect();
        (codes, wt, k, c)
    }
}

impl IntegerLeNet {
    /// F6's 8-bit weights for output `o` (one per input).
    pub fn f6_row(&self, o: usize) -> Vec<i8> {
        let f6 = &self.weighted[3];
        let per = f6.weight.len() / f6.bias.len();
        f6.weight[o * per..(o + 1) * per].to_vec()
    }
}

/// For every output position of a `k` × `k` convolution with `pad`, the
/// image index of each value of its window, channel by channel.
fn windows(input: nn::Shape, k: usize, pad: usize) -> Vec<u32> {
    let (oh, ow) = (input.h + 2 * pad + 1 - k, input.w + 2 * pad + 1 - k);
    let mut out = Vec::with_capacity(oh * ow * input.c * k * k);
    for oy in 0..oh {
        for ox in 0..ow {
            for c in 0..input.c {
                for ky in 0..k {
                    for kx in 0..k {
                        let (y, x) =
                            ((oy + ky).wrapping_sub(pad), (ox + kx).wrapping_sub(pad));
                        out.push(if y < input.h && x < input.w {
                            ((c * input.h + y) * input.w + x) as u32
                        } else {
                            u32::MAX
                        });
                    }
                }
            }
        }
    }
    out
}

fn conv_shape(layer: &dyn Layer) -> Option<(nn::Shape, usize, usize)> {
    let (input, output) = (layer.input_shape(), layer.output_shape());
    if output.h == 1 && output.w == 1 {
        return None;
    }
    // LeNet-5's convolutions: C1 pads 2 (28 → 28), C3 pads nothing (14 → 10), k = 5.
    let k = 5;
    let pad = (output.h + k - 1 - input.h) / 2;
    Some((input, k, pad))
}

impl Weighted {
    /// Activations as 8-bit codes: `round(x / step)`, 0 to 255.
    fn codes(&self, x: &[f32]) -> Vec<u8> {
        x.iter().map(|v| (v / self.step).round().clamp(0.0, 255.0) as u8).collect()
    }

    fn forward(&self, x: &[f32], n: usize) -> Vec<f32> {
        let codes = self.codes(x);
        let outputs = self.bias.len();
        let per = self.weight.len() / outputs;
        match self.conv {
            None => {
                let mut y = Vec::with_capacity(n * outputs);
                for image in codes.chunks_exact(per).take(n) {
                    for (o, w) in self.weight.chunks_exact(per).enumerate() {
                        let s = nn::simd::dot_u8_i8(image, w);
                        y.push(s as f32 * self.step * self.scale[o] + self.bias[o]);
                    }
                }
                y
            }
            Some((input, k, pad)) => {
                let (oh, ow) = (input.h + 2 * pad + 1 - k, input.w + 2 * pad + 1 - k);
                let mut y = vec![0.0f32; n * outputs * oh * ow];
                let mut window = vec![0u8; per];
                for (image, out) in codes
                    .chunks_exact(input.len())
                    .zip(y.chunks_exact_mut(outputs * oh * ow))
                {
                    for (at, from) in self.gather.chunks_exact(per).enumerate() {
                        // The window under the kernel at output position `at`.
                        for (v, &f) in window.iter_mut().zip(from) {
                            *v = if f == u32::MAX { 0 } else { image[f as usize] };
                        }
                        for (o, w) in self.weight.chunks_exact(per).enumerate() {
                            let s = nn::simd::dot_u8_i8(&window, w);
                            out[o * oh * ow + at] =
                                s as f32 * self.step * self.scale[o] + self.bias[o];
                        }
                    }
                }
                y
            }
        }
    }
}
