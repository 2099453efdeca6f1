//! One Transformer block: attention lets positions share information, the
//! MLP then works on each position alone. Both sit beside a residual path
//! (`x + f(norm(x))`), so a deep stack starts as almost the identity and
//! gradients reach the first block undiminished.

use crate::Config;
use nn::{CausalSelfAttention, Dense, Gelu, Layer, LayerNorm, Param, Rng, Shape};

/// Attention and a 4×-wide MLP, each with pre-layer-norm and a residual.
pub struct Block {
    pub norm1: LayerNorm,
    pub attention: CausalSelfAttention,
    pub norm2: LayerNorm,
    pub up: Dense,
    pub gelu: Gelu,
    pub down: Dense,
}

impl Block {
    /// Parameter names, in [`Block::params`] order.
    pub const PARAM_NAMES: [&str; 12] = [
        "norm1.gain",
        "norm1.bias",
        "attention.qkv.weight",
        "attention.qkv.bias",
        "attention.proj.weight",
        "attention.proj.bias",
        "norm2.gain",
        "norm2.bias",
        "mlp.up.weight",
        "mlp.up.bias",
        "mlp.down.weight",
        "mlp.down.bias",
    ];

    pub fn new(c: &Config, rng: &mut Rng) -> Block {
        let d = c.dim;
        let mut up = Dense::new(d, 4 * d, rng);
        let mut down = Dense::new(4 * d, d, rng);
        nn::init::normalish(&mut up.weight, 0.02, rng);
        nn::init::normalish(&mut down.weight, 0.02 / (2.0 * c.layers as f32).sqrt(), rng);
        up.by_transpose = true;
        down.by_transpose = true;
        Block {
            norm1: LayerNorm::new(d),
            attention: CausalSelfAttention::new(d, c.heads, c.ctx, c.layers, rng),
            norm2: LayerNorm::new(d),
            up,
            gelu: Gelu::new(Shape::new(4 * d, 1, 1)),
            down,
        }
    }

    // ANCHOR: block
    /// `x + attention(norm(x))`, then `x + mlp(norm(x))`, for `n` sequences
    /// of `t` positions.
    pub fn forward(&mut self, mut x: Vec<f32>, n: usize, t: usize) -> Vec<f32> {
        let rows = n * t;
        self.attention.seq = t;
        let a = self.norm1.forward(&x, rows);
        let mixed = self.attention.forward(&a, n);
        add(&mut x, &mixed);
        let b = self.norm2.forward(&x, rows);
        let wide = self.up.forward(&b, rows);
        let act = self.gelu.forward(&wide, rows);
        let out = self.down.forward(&act, rows);
        add(&mut x, &out);
        for buffer in [a, mixed, b, wide, act, out] {
            nn::buffers::give(buffer);
        }
        x
    }
    // ANCHOR_END: block

    /// The gradient flows down both the residual path and the branch.
    pub fn backward(&mut self, mut dx: Vec<f32>, n: usize, t: usize) -> Vec<f32> {
        let rows = n * t;
        let d_act = self.down.backward(&dx, rows);
        let d_wide = self.gelu.backward(&d_act, rows);
        let d_b = self.up.backward(&d_wide, rows);
        let through = self.norm2.backward(&d_b, rows);
        add(&mut dx, &through);
        let d_mixed = self.attention.backward(&dx, n);
        let through_att = self.norm1.backward(&d_mixed, rows);
        add(&mut dx, &through_att);
        for buffer in [d_act, d_wide, d_b, through, d_mixed, through_att] {
            nn::buffers::give(buffer);
        }
        dx
    }

    pub fn params(&mut self) -> Vec<&mut Param> {
        let mut ps = self.norm1.params();
        ps.extend(self.attention.params());
        ps.extend(self.norm2.params());
        ps.extend([
            &mut self.up.weight,
            &mut self.up.bias,
            &mut self.down.weight,
            &mut self.down.bias,
        ]);
        ps
    }

    pub fn params_ref(&self) -> Vec<&Param> {
        let mut ps = self.norm1.params_ref();
        ps.extend(self.attention.params_ref());
        ps.extend(self.norm2.params_ref());
        ps.extend([&self.up.weight, &self.up.bias, &self.down.weight, &self.down.bias]);
        ps
    }
}

fn add(x: &mut [f32], y: &[f32]) {
    x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
}
