//! A convolution layer: many kernels, many channels, a whole batch.
//!
//! Same sliding window as `cnn::conv2d`, organised for speed: `im2col` copies
//! every window of an image into a column of a matrix, so that all kernels at
//! all positions become one matrix product.

use crate::{Layer, Param, Rng, Shape, gemm};

/// `out` kernels of size `k`×`k` over `input.c` channels, stride 1, zero
/// padding `pad` on every side.
pub struct Conv2d {
    pub input: Shape,
    pub out_channels: usize,
    pub k: usize,
    pub pad: usize,
    /// `out_channels × (in_channels·k·k)`
    pub weight: Param,
    pub bias: Param,
    /// The first layer needs no input gradient; skipping it saves time.
    pub input_grad: bool,
    /// The faster backward pass for wide layers (a U-Net's): weight
    /// gradients through [`gemm::nt_by_transpose`], input gradients as a
    /// convolution of the output gradient ([`Conv2d::input_gradient`]).
    /// Both sum in another order than LeNet-5's, which keeps its numbers.
    pub fast_backward: bool,
    /// The batch's input, kept for `backward`.
    x: Vec<f32>,
    /// One image's windows (`im2col`), reused so it stays in cache.
    cols: Vec<f32>,
}

impl Conv2d {
    /// He-uniform initial weights, zero biases.
    pub fn new(
        input: Shape,
        out_channels: usize,
        k: usize,
        pad: usize,
        rng: &mut Rng,
    ) -> Conv2d {
        let fan_in = input.c * k * k;
        let limit = (6.0 / fan_in as f32).sqrt();
        Conv2d {
            input,
            out_channels,
            k,
            pad,
            weight: Param::uniform(out_channels * fan_in, limit, rng),
            bias: Param::zeros(out_channels),
            input_grad: true,
            fast_backward: false,
            x: Vec::new(),
            cols: Vec::new(),
        }
    }

    fn out_hw(&self) -> (usize, usize) {
        let h = (self.input.h + 2 * self.pad + 1).saturating_sub(self.k);
        let w = (self.input.w + 2 * self.pad + 1).saturating_sub(self.k);
        (h, w)
    }

    /// Rows: (channel, ky, kx); columns: output positions. Each output row is
    /// a contiguous run of the input row (zeros where it hangs over the edge).
    fn im2col(&self, img: &[f32], cols: &mut [f32]) {
        let (oh, ow) = self.out_hw();
        let (h, w, k, pad) = (self.input.h, self.input.w, self.k, self.pad);
        let mut row = 0;
        for c in 0..self.input.c {
            let plane = &img[c * h * w..(c + 1) * h * w];
            for ky in 0..k {
                for kx in 0..k {
                    let dst = &mut cols[row * oh * ow..(row + 1) * oh * ow];
                    // Output columns ox whose input column ox + kx − pad lies inside 0..w.
                    let lo = pad.saturating_sub(kx).min(ow);
                    let hi = (w + pad).saturating_sub(kx).clamp(lo, ow);
                    for oy in 0..oh {
                        let line = &mut dst[oy * ow..(oy + 1) * ow];
                        let y = (oy + ky).wrapping_sub(pad);
                        if y >= h {
                            line.fill(0.0);
                            continue;
                        }
                        line[..lo].fill(0.0);
                        let start = y * w + lo + kx - pad;
                        line[lo..hi].copy_from_slice(&plane[start..start + (hi - lo)]);
                        line[hi..].fill(0.0);
                    }
                    row += 1;
                }
            }
        }
    }

    /// Whether [`forward_in_place`](Self::forward_in_place) can run all in
    /// SIMD tiles: output rows at least 4 wide (LeNet-5's C1: 28, C3: 10).
    fn reads_windows_in_place(&self) -> bool {
        self.out_hw().1 >= 4
    }

    /// The forward pass without `im2col`. In the zero-padded image, window
    /// row (c, ky, kx) of output position (y, x) is pixel (c, y + ky, x + kx):
    /// counting positions across the padded width, every window row is one
    /// contiguous run, starting at (c, ky, kx). The matrix product reads
    /// those runs in place, as one long run per image, and computes a few
    /// throw-away outputs where a window would wrap past a row's end; only
    /// the real ones are kept. Same products, same order: the same numbers
    /// as `im2col`.
    fn forward_in_place(&self, x: &[f32], n: usize, y: &mut [f32]) {
        let (oh, ow) = self.out_hw();
        let (h, w, k, pad) = (self.input.h, self.input.w, self.k, self.pad);
        let (hp, wp) = (h + 2 * pad, w + 2 * pad);
        let starts: Vec<usize> = (0..self.input.c)
            .flat_map(|c| {
                (0..k).flat_map(move |ky| (0..k).map(move |kx| (c * hp + ky) * wp + kx))
            })
            .collect();
        // Output positions counted across the padded width, up to the last real one.
        let len = (oh - 1) * wp + ow;
        let runs = gemm::Runs { count: 1, len, stride: len };
        let mut wide = vec![0.0; self.out_channels * len];
        // Without padding the image itself is the padded image.
        let mut padded = vec![0.0; if pad > 0 { self.input.c * hp * wp } else { 0 }];
        let rows = (0..self.input.c)
            .flat_map(|c| (0..h).map(move |row| (c * hp + row + pad) * wp + pad));
        let rows: Vec<usize> = rows.collect();
        for (img, out) in x
            .chunks_exact(self.input.len())
            .zip(y.chunks_exact_mut(self.out_channels * oh * ow))
            .take(n)
        {
            let source = if pad == 0 {
                img
            } else {
                for (src, &dst) in img.chunks_exact(w).zip(&rows) {
                    padded[dst..dst + w].copy_from_slice(src);
                }
                &padded
            };
            for (o, b) in self.bias.value.iter().enumerate() {
                wide[o * len..(o + 1) * len].fill(*b);
            }
            gemm::nn_at(
                self.out_channels,
                &self.weight.value,
                source,
                &starts,
                runs,
                &mut wide,
            );
            for (plane, all) in out.chunks_exact_mut(oh * ow).zip(wide.chunks_exact(len))
            {
                for (row, from) in plane.chunks_exact_mut(ow).zip(all.chunks(wp)) {
                    row.copy_from_slice(&from[..ow]);
                }
            }
        }
    }

    /// dLoss/dInput as a convolution: pixel (c, y, x) collects
    /// `W[o, c, ky, kx] · dy[o, y − ky + pad, x − kx + pad]`, which is the
    /// output gradient, zero-padded by `k − 1 − pad`, convolved with the
    /// kernels turned half a circle and with inputs and outputs swapped.
    /// Read in place as in the forward pass; no windows are copied.
    fn input_gradient(&self, dy: &[f32], n: usize, dx: &mut [f32]) {
        let (oh, ow) = self.out_hw();
        let (cin, cout, k) = (self.input.c, self.out_channels, self.k);
        let (h, w) = (self.input.h, self.input.w);
        let q = k - 1 - self.pad;
        let (hq, wq) = (oh + 2 * q, ow + 2 * q);
        // Row c of the turned kernels: (o, ky, kx) ↦ W[o, c, k−1−ky, k−1−kx].
        let kk = k * k;
        let mut turned = vec![0.0; cin * cout * kk];
        for o in 0..cout {
            for c in 0..cin {
                for j in 0..kk {
                    turned[(c * cout + o) * kk + j] =
                        self.weight.value[(o * cin + c) * kk + kk - 1 - j];
                }
            }
        }
        let starts: Vec<usize> = (0..cout)
            .flat_map(|o| {
                (0..k).flat_map(move |ky| (0..k).map(move |kx| (o * hq + ky) * wq + kx))
            })
            .collect();
        let len = (h - 1) * wq + w;
        let runs = gemm::Runs { count: 1, len, stride: len };
        let mut padded = vec![0.0; cout * hq * wq];
        let mut wide = vec![0.0; cin * len];
        for (d, out) in
            dy.chunks_exact(cout * oh * ow).zip(dx.chunks_exact_mut(cin * h * w)).take(n)
        {
            for (o, plane) in d.chunks_exact(oh * ow).enumerate() {
                for (y, row) in plane.chunks_exact(ow).enumerate() {
                    let at = (o * hq + y + q) * wq + q;
                    padded[at..at + ow].copy_from_slice(row);
                }
            }
            wide.fill(0.0);
            gemm::nn_at(cin, &turned, &padded, &starts, runs, &mut wide);
            for (plane, all) in out.chunks_exact_mut(h * w).zip(wide.chunks_exact(len)) {
                for (row, from) in plane.chunks_exact_mut(w).zip(all.chunks(wq)) {
                    row.copy_from_slice(&from[..w]);
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds each column entry back to its pixel,
    /// a contiguous run of pixels per output row (the same runs `im2col` copies).
    fn col2im(&self, cols: &[f32], img: &mut [f32]) {
        let (oh, ow) = self.out_hw();
        let (h, w, k, pad) = (self.input.h, self.input.w, self.k, self.pad);
        let mut row = 0;
        for c in 0..self.input.c {
            let plane = &mut img[c * h * w..(c + 1) * h * w];
            for ky in 0..k {
                for kx in 0..k {
                    let src = &cols[row * oh * ow..(row + 1) * oh * ow];
                    let lo = pad.saturating_sub(kx).min(ow);
                    let hi = (w + pad).saturating_sub(kx).clamp(lo, ow);
                    for oy in 0..oh {
                        let y = (oy + ky).wrapping_sub(pad);
                        if y >= h {
                            continue;
                        }
                        let start = y * w + lo + kx - pad;
                        let line = &src[oy * ow + lo..oy * ow + hi];
                        for (p, v) in plane[start..start + (hi - lo)].iter_mut().zip(line)
                        {
                            *p += v;
                        }
                    }
                    row += 1;
                }
            }
        }
    }
}

impl Layer for Conv2d {
    fn describe(&self) -> String {
        format!("conv {k}×{k}, {} maps", self.out_channels, k = self.k)
    }

    fn input_shape(&self) -> Shape {
        self.input
    }

    fn output_shape(&self) -> Shape {
        let (h, w) = self.out_hw();
        Shape::new(self.out_channels, h, w)
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let (oh, ow) = self.out_hw();
        let (p, kk) = (oh * ow, self.input.c * self.k * self.k);
        let (in_len, out_len) = (self.input.len(), self.out_channels * p);
        let mut y = crate::buffers::zeroed(n * out_len);
        if self.reads_windows_in_place() {
            self.forward_in_place(&x[..n * in_len], n, &mut y);
            self.x.clear();
            self.x.extend_from_slice(&x[..n * in_len]);
            return y;
        }
        let mut cols = std::mem::take(&mut self.cols);
        cols.resize(kk * p, 0.0);
        for i in 0..n {
            self.im2col(&x[i * in_len..(i + 1) * in_len], &mut cols);
            let out = &mut y[i * out_len..(i + 1) * out_len];
            for (o, b) in self.bias.value.iter().enumerate() {
                out[o * p..(o + 1) * p].fill(*b);
            }
            gemm::nn(self.out_channels, p, kk, &self.weight.value, &cols, out);
        }
        self.cols = cols;
        self.x.clear();
        self.x.extend_from_slice(&x[..n * in_len]);
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let (oh, ow) = self.out_hw();
        let (p, kk) = (oh * ow, self.input.c * self.k * self.k);
        let (in_len, out_len) = (self.input.len(), self.out_channels * p);
        let mut dx = crate::buffers::zeroed(if self.input_grad { n * in_len } else { 0 });
        let mut dcols =
            vec![0.0; if self.input_grad && !self.fast_backward { kk * p } else { 0 }];
        let mut cols = std::mem::take(&mut self.cols);
        cols.resize(kk * p, 0.0);
        for i in 0..n {
            let d = &dy[i * out_len..(i + 1) * out_len];
            // Rebuilding the windows is cheaper than keeping a batch of them.
            self.im2col(&self.x[i * in_len..(i + 1) * in_len], &mut cols);
            if self.fast_backward {
                gemm::nt_by_transpose(
                    self.out_channels,
                    kk,
                    p,
                    d,
                    &cols,
                    &mut self.weight.grad,
                );
            } else {
                gemm::nt(self.out_channels, kk, p, d, &cols, &mut self.weight.grad);
            }
            for (o, g) in self.bias.grad.iter_mut().enumerate() {
                *g += d[o * p..(o + 1) * p].iter().sum::<f32>();
            }
            if self.input_grad && !self.fast_backward {
                dcols.fill(0.0);
                gemm::tn(kk, p, self.out_channels, &self.weight.value, d, &mut dcols);
                self.col2im(&dcols, &mut dx[i * in_len..(i + 1) * in_len]);
            }
        }
        self.cols = cols;
        if self.input_grad && self.fast_backward {
            self.input_gradient(dy, n, &mut dx);
        }
        dx
    }

    fn params(&mut self) -> Vec<&mut Param> {
        vec![&mut self.weight, &mut self.bias]
    }

    fn params_ref(&self) -> Vec<&Param> {
        vec![&self.weight, &self.bias]
    }

    fn macs(&self) -> usize {
        let (oh, ow) = self.out_hw();
        self.out_channels * oh * ow * self.input.c * self.k * self.k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The im2col route, image by image, as the reference.
    fn via_im2col(layer: &Conv2d, x: &[f32], n: usize) -> Vec<f32> {
        let (oh, ow) = layer.out_hw();
        let (p, kk) = (oh * ow, layer.input.c * layer.k * layer.k);
        let mut cols = vec![0.0; kk * p];
        let mut y = vec![0.0; n * layer.out_channels * p];
        for (img, out) in x
            .chunks_exact(layer.input.len())
            .zip(y.chunks_exact_mut(layer.out_channels * p))
        {
            layer.im2col(img, &mut cols);
            for (o, b) in layer.bias.value.iter().enumerate() {
                out[o * p..(o + 1) * p].fill(*b);
            }
            gemm::nn(layer.out_channels, p, kk, &layer.weight.value, &cols, out);
        }
        y
    }

    #[test]
    fn reading_windows_in_place_gives_the_im2col_numbers_exactly() {
        let mut rng = crate::rng(5);
        for (input, out_c, k, pad) in [
            (Shape::new(1, 28, 28), 6, 5, 2),
            (Shape::new(6, 14, 14), 16, 5, 0),
            (Shape::new(2, 9, 28), 5, 5, 0),
            (Shape::new(3, 7, 30), 4, 3, 0),
            (Shape::new(2, 8, 11), 3, 3, 1),
        ] {
            let mut layer = Conv2d::new(input, out_c, k, pad, &mut rng);
            layer
                .bias
                .value
                .iter_mut()
                .enumerate()
                .for_each(|(i, b)| *b = i as f32 * 0.1 - 0.2);
            assert!(layer.reads_windows_in_place(), "{input:?}");
            let n = 3;
            let x: Vec<f32> = (0..n * input.len())
                .map(|i| ((i * 31 % 17) as f32 - 8.0) / 8.0)
                .collect();
            assert_eq!(layer.forward(&x, n), via_im2col(&layer, &x, n), "{input:?}");
        }
        let narrow = Conv2d::new(Shape::new(2, 6, 6), 3, 4, 0, &mut rng);
        assert!(!narrow.reads_windows_in_place(), "3-wide rows take the im2col route");
    }
}
