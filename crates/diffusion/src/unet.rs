//! The digit denoiser: a small U-Net that reads a noisy 28×28 image, the
//! step `t` and the digit asked for, and answers with the noise it sees.
//!
//! A U-Net goes down in resolution (28 → 14 → 7) so that its 3×3 kernels
//! see ever larger parts of the picture, then back up, and at each size it
//! is handed the sharp maps from the way down (the "skip" connections), so
//! detail is not lost. The step and the digit enter every level as one
//! number added to each channel: a nudge that says how noisy the picture
//! is and what it should become. Label 10 means "no digit" (the prompt
//! hidden), which is what classifier-free guidance compares against.

use crate::toy::step_code;
use nn::{AvgPool2, Conv2d, Dense, Embedding, Gelu, Layer, Param, Rng, Shape, Upsample2};

/// The label that means "no prompt".
pub const NO_DIGIT: u8 = 10;

/// The network's size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Image side (a multiple of 4): 28 for MNIST.
    pub size: usize,
    /// Channels at full, half and quarter resolution.
    pub channels: [usize; 3],
    /// Width of the step-and-digit code.
    pub embed: usize,
}

impl Config {
    /// The shipped model: 16, 32 and 64 channels.
    pub const MNIST: Config = Config { size: 28, channels: [16, 32, 64], embed: 64 };
}

/// Two 3×3 convolutions, with the step-and-digit code added to every
/// channel after the first.
struct Block {
    a: Conv2d,
    act_a: Gelu,
    b: Conv2d,
    act_b: Gelu,
    inject: Dense,
}

impl Block {
    fn new(input: Shape, out: usize, embed: usize, rng: &mut Rng) -> Block {
        let mid = Shape::new(out, input.h, input.w);
        let mut a = Conv2d::new(input, out, 3, 1, rng);
        let mut b = Conv2d::new(mid, out, 3, 1, rng);
        a.fast_backward = true;
        b.fast_backward = true;
        Block {
            a,
            act_a: Gelu::fast(mid),
            b,
            act_b: Gelu::fast(mid),
            inject: Dense::new(embed, out, rng),
        }
    }

    fn forward(&mut self, x: &[f32], code: &[f32], n: usize) -> Vec<f32> {
        let mut h = self.a.forward(x, n);
        let shift = self.inject.forward(code, n);
        let plane = self.a.output_shape().h * self.a.output_shape().w;
        for (p, s) in h.chunks_exact_mut(plane).zip(&shift) {
            p.iter_mut().for_each(|v| *v += s);
        }
        let h = self.act_a.forward(&h, n);
        let h = self.b.forward(&h, n);
        self.act_b.forward(&h, n)
    }

    /// Returns the gradients of the input and of the code.
    fn backward(&mut self, dy: &[f32], n: usize) -> (Vec<f32>, Vec<f32>) {
        let d = self.act_b.backward(dy, n);
        let d = self.b.backward(&d, n);
        let d = self.act_a.backward(&d, n);
        let plane = self.a.output_shape().h * self.a.output_shape().w;
        let dshift: Vec<f32> = d.chunks_exact(plane).map(|p| p.iter().sum()).collect();
        let dcode = self.inject.backward(&dshift, n);
        (self.a.backward(&d, n), dcode)
    }

    fn params(&mut self) -> Vec<&mut Param> {
        let mut p = self.a.params();
        p.extend(self.inject.params());
        p.extend(self.b.params());
        p
    }

    fn params_ref(&self) -> Vec<&Param> {
        let mut p = self.a.params_ref();
        p.extend(self.inject.params_ref());
        p.extend(self.b.params_ref());
        p
    }

    fn macs(&self) -> usize {
        self.a.macs() + self.b.macs() + self.inject.macs()
    }
}

/// Joins two batches channel-wise: sample `i` is `a`'s maps, then `b`'s.
fn concat(a: &[f32], b: &[f32], n: usize) -> Vec<f32> {
    let (la, lb) = (a.len() / n, b.len() / n);
    let mut out = Vec::with_capacity(a.len() + b.len());
    for (x, y) in a.chunks_exact(la).zip(b.chunks_exact(lb)) {
        out.extend_from_slice(x);
        out.extend_from_slice(y);
    }
    out
}

/// The inverse of [`concat`] for gradients: the first `la` numbers of each
/// sample, and the rest.
fn split(d: &[f32], la: usize, n: usize) -> (Vec<f32>, Vec<f32>) {
    let len = d.len() / n;
    let mut a = Vec::with_capacity(n * la);
    let mut b = Vec::with_capacity(n * (len - la));
    for s in d.chunks_exact(len) {
        a.extend_from_slice(&s[..la]);
        b.extend_from_slice(&s[la..]);
    }
    (a, b)
}

/// The U-Net. Each call handles a batch in which every image has its own
/// step and label.
pub struct UNet {
    pub config: Config,
    time1: Dense,
    time_act: Gelu,
    time2: Dense,
    digit: Embedding,
    code_act: Gelu,
    down1: Block,
    pool1: AvgPool2,
    down2: Block,
    pool2: AvgPool2,
    middle: Block,
    up2: Upsample2,
    dec2: Block,
    up1: Upsample2,
    dec1: Block,
    out: Conv2d,
}

const STEP_CODE: usize = 2 * crate::toy::FREQUENCIES;

impl UNet {
    pub fn new(config: Config, seed: u64) -> UNet {
        let mut rng = nn::rng(seed);
        let Config { size: s, channels: [c0, c1, c2], embed: e } = config;
        let mut down1 = Block::new(Shape::new(1, s, s), c0, e, &mut rng);
        down1.a.input_grad = false;
        let mut out = Conv2d::new(Shape::new(c0, s, s), 1, 3, 1, &mut rng);
        out.fast_backward = true;
        // Start by predicting no noise at all: a calm first step.
        out.weight.value.fill(0.0);
        UNet {
            config,
            time1: Dense::new(STEP_CODE, e, &mut rng),
            time_act: Gelu::new(Shape::new(e, 1, 1)),
            time2: Dense::new(e, e, &mut rng),
            digit: Embedding::new(11, e, 1.0, &mut rng),
            code_act: Gelu::new(Shape::new(e, 1, 1)),
            down1,
            pool1: AvgPool2::new(Shape::new(c0, s, s)),
            down2: Block::new(Shape::new(c0, s / 2, s / 2), c1, e, &mut rng),
            pool2: AvgPool2::new(Shape::new(c1, s / 2, s / 2)),
            middle: Block::new(Shape::new(c1, s / 4, s / 4), c2, e, &mut rng),
            up2: Upsample2::new(Shape::new(c2, s / 4, s / 4)),
            dec2: Block::new(Shape::new(c2 + c1, s / 2, s / 2), c1, e, &mut rng),
            up1: Upsample2::new(Shape::new(c1, s / 2, s / 2)),
            dec1: Block::new(Shape::new(c1 + c0, s, s), c0, e, &mut rng),
            out,
        }
    }

    /// Numbers per image.
    pub fn pixels(&self) -> usize {
        self.config.size * self.config.size
    }

    // ANCHOR: forward
    /// The predicted noise for `n` images, image `i` at step `steps[i]`
    /// asked to become digit `labels[i]` (or [`NO_DIGIT`]).
    pub fn forward(
        &mut self,
        x: &[f32],
        steps: &[usize],
        labels: &[u8],
        n: usize,
    ) -> Vec<f32> {
        let mut codes = vec![0.0; n * STEP_CODE];
        for (c, &t) in codes.chunks_exact_mut(STEP_CODE).zip(steps) {
            step_code(t, c);
        }
        let h = self.time1.forward(&codes, n);
        let h = self.time_act.forward(&h, n);
        let mut code = self.time2.forward(&h, n);
        let tokens: Vec<u32> =
            labels.iter().map(|&l| u32::from(l.min(NO_DIGIT))).collect();
        for (c, d) in code.iter_mut().zip(self.digit.forward(&tokens)) {
            *c += d;
        }
        let code = self.code_act.forward(&code, n);

        let h1 = self.down1.forward(x, &code, n); // 16 × 28 × 28
        let h = self.pool1.forward(&h1, n);
        let h2 = self.down2.forward(&h, &code, n); // 32 × 14 × 14
        let h = self.pool2.forward(&h2, n);
        let h = self.middle.forward(&h, &code, n); // 64 × 7 × 7
        let h = self.up2.forward(&h, n);
        let h = self.dec2.forward(&concat(&h, &h2, n), &code, n); // 32 × 14 × 14
        let h = self.up1.forward(&h, n);
        let h = self.dec1.forward(&concat(&h, &h1, n), &code, n); // 16 × 28 × 28
        self.out.forward(&h, n)
    }
    // ANCHOR_END: forward

    /// Takes dLoss/dNoise of the last [`forward`](Self::forward) and adds
    /// every parameter's gradient.
    pub fn backward(&mut self, dy: &[f32], n: usize) {
        let [c0, c1, _] = self.config.channels;
        let s = self.config.size;
        let d = self.out.backward(dy, n);
        let (d, mut dcode) = self.dec1.backward(&d, n);
        let (d, skip1) = split(&d, c1 * s * s, n);
        let d = self.up1.backward(&d, n);
        let (d, dc) = self.dec2.backward(&d, n);
        add(&mut dcode, &dc);
        let (d, skip2) = split(&d, self.config.channels[2] * s * s / 4, n);
        let d = self.up2.backward(&d, n);
        let (d, dc) = self.middle.backward(&d, n);
        add(&mut dcode, &dc);
        let mut d = self.pool2.backward(&d, n);
        add(&mut d, &skip2);
        let (d, dc) = self.down2.backward(&d, n);
        add(&mut dcode, &dc);
        let mut d = self.pool1.backward(&d, n);
        add(&mut d, &skip1);
        let (_, dc) = self.down1.backward(&d, n);
        add(&mut dcode, &dc);
        debug_assert_eq!(skip1.len(), n * c0 * s * s);

        let dcode = self.code_act.backward(&dcode, n);
        self.digit.backward(&dcode);
        let d = self.time2.backward(&dcode, n);
        let d = self.time_act.backward(&d, n);
        self.time1.backward(&d, n);
    }

    /// Every parameter, in the order of [`UNet::param_names`].
    pub fn params(&mut self) -> Vec<&mut Param> {
        let mut p = self.time1.params();
        p.extend(self.time2.params());
        p.push(&mut self.digit.table);
        for b in [
            &mut self.down1,
            &mut self.down2,
            &mut self.middle,
            &mut self.dec2,
            &mut self.dec1,
        ] {
            p.extend(b.params());
        }
        p.extend(self.out.params());
        p
    }

    pub fn params_ref(&self) -> Vec<&Param> {
        let mut p = self.time1.params_ref();
        p.extend(self.time2.params_ref());
        p.push(&self.digit.table);
        for b in [&self.down1, &self.down2, &self.middle, &self.dec2, &self.dec1] {
            p.extend(b.params_ref());
        }
        p.extend(self.out.params_ref());
        p
    }

    /// Names for the weights file, one per parameter.
    pub fn param_names() -> Vec<String> {
        let mut names: Vec<String> =
            ["time1.weight", "time1.bias", "time2.weight", "time2.bias"]
                .map(String::from)
                .to_vec();
        names.push("digit.table".into());
        for b in ["down1", "down2", "middle", "dec2", "dec1"] {
            for l in [
                "a.weight",
                "a.bias",
                "inject.weight",
                "inject.bias",
                "b.weight",
                "b.bias",
            ] {
                names.push(format!("{b}.{l}"));
            }
        }
        names.extend(["out.weight".into(), "out.bias".into()]);
        names
    }

    pub fn param_count(&self) -> usize {
        self.params_ref().iter().map(|p| p.value.len()).sum()
    }

    /// Multiply-adds of one forward pass for one image.
    pub fn macs(&self) -> usize {
        [&self.down1, &self.down2, &self.middle, &self.dec2, &self.dec1]
            .iter()
            .map(|b| b.macs())
            .sum::<usize>()
            + self.out.macs()
            + self.time1.macs()
            + self.time2.macs()
    }
}

fn add(acc: &mut [f32], d: &[f32]) {
    for (a, b) in acc.iter_mut().zip(d) {
        *a += b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nn::check::max_gradient_error;

    /// The U-Net as one [`Layer`] with fixed steps and labels, so the
    /// finite-difference check can nudge its inputs and weights.
    struct Fixed {
        net: UNet,
        steps: Vec<usize>,
        labels: Vec<u8>,
    }

    impl Layer for Fixed {
        fn describe(&self) -> String {
            "U-Net".into()
        }
        fn input_shape(&self) -> Shape {
            Shape::new(1, self.net.config.size, self.net.config.size)
        }
        fn output_shape(&self) -> Shape {
            self.input_shape()
        }
        fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
            self.net.forward(x, &self.steps, &self.labels, n)
        }
        fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
            self.net.backward(dy, n);
            vec![0.0; 0]
        }
        fn params(&mut self) -> Vec<&mut Param> {
            self.net.params()
        }
    }

    #[test]
    fn unet_gradients_match_finite_differences() {
        let config = Config { size: 8, channels: [2, 3, 4], embed: 4 };
        let mut net = UNet::new(config, 3);
        // Give the output layer weights, so gradients reach everything.
        let mut g = nn::rng(4);
        for v in &mut net.out.weight.value {
            *v = rand::RngExt::random_range(&mut g, -0.5..0.5);
        }
        let mut fixed = Fixed { net, steps: vec![10, 700], labels: vec![3, NO_DIGIT] };
        let err = max_gradient_error(&mut fixed, 2, 5);
        assert!(err < 2e-2, "U-Net: {err}");
    }

    #[test]
    fn the_shipped_size_is_small_enough_for_a_page() {
        let net = UNet::new(Config::MNIST, 0);
        assert_eq!(net.params_ref().len(), UNet::param_names().len());
        assert!(net.param_count() <= 150_000, "{}", net.param_count());
        assert!(net.macs() < 25_000_000, "{}", net.macs());
    }
}
