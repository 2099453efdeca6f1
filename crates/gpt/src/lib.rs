//! A character-level GPT: a decoder-only Transformer that reads a text one
//! character at a time and learns to predict the next one.
//!
//! Every position adds a learned position vector to its character's vector,
//! then passes through a stack of blocks (attention, then a small MLP, each
//! with layer norm before it and a residual connection around it). A final
//! layer norm and the character table itself (read backwards: "tied"
//! weights) turn each position's features into scores for the next
//! character. The causal mask inside attention means position `i` only
//! ever sees characters `0..=i`, so one pass trains all positions at once.

pub mod block;
pub mod generate;
pub mod in_page;
pub mod presets;
pub mod race;
pub mod recurrent;
pub mod train;
pub mod verse;
pub mod vocab;
pub mod weights;

pub use block::Block;
pub use generate::{Sampling, Session};
pub use train::{Corpus, TrainConfig, Trainer};
pub use vocab::Vocab;

use nn::{Embedding, Layer, LayerNorm, Param, gemm};

/// The model's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Distinct characters.
    pub vocab: usize,
    /// Longest context, in characters.
    pub ctx: usize,
    /// Features per position.
    pub dim: usize,
    pub layers: usize,
    pub heads: usize,
}

impl Config {
    /// Parameters outside the two embedding tables (what scaling laws count).
    pub fn non_embedding_params(&self) -> usize {
        let d = self.dim;
        self.layers * (12 * d * d + 13 * d) + 2 * d
    }

    /// All parameters, with the character table counted once (it is shared
    /// with the output layer).
    pub fn params(&self) -> usize {
        self.non_embedding_params() + (self.vocab + self.ctx) * self.dim
    }
}

/// The model and what its backward pass needs from the forward one.
pub struct Gpt {
    pub config: Config,
    pub chars: Embedding,
    pub positions: Embedding,
    pub blocks: Vec<Block>,
    pub final_norm: LayerNorm,
    hidden: Vec<f32>,
    /// Sequences and positions of the last forward pass.
    shape: (usize, usize),
    /// The character table transposed, kept by [`Gpt::freeze`].
    pub(crate) output_t: Option<Vec<f32>>,
}

impl Gpt {
    /// A fresh model with GPT-2's starting weights, from a seed.
    pub fn new(config: Config, seed: u64) -> Gpt {
        let mut rng = nn::rng(seed);
        let chars = Embedding::new(config.vocab, config.dim, 0.02, &mut rng);
        let positions = Embedding::new(config.ctx, config.dim, 0.01, &mut rng);
        let blocks = (0..config.layers).map(|_| Block::new(&config, &mut rng)).collect();
        Gpt {
            config,
            chars,
            positions,
            blocks,
            final_norm: LayerNorm::new(config.dim),
            hidden: Vec::new(),
            shape: (0, 0),
            output_t: None,
        }
    }

    /// Readies the model for writing: every matrix kept transposed, so a
    /// new character does not transpose the weights again (the results are
    /// the same, bit for bit). Training drops the copies.
    pub fn freeze(&mut self) {
        for b in &mut self.blocks {
            for d in [&mut b.attention.qkv, &mut b.attention.proj, &mut b.up, &mut b.down]
            {
                d.freeze();
            }
        }
        let c = self.config;
        self.output_t = Some(gemm::transpose(c.vocab, c.dim, &self.chars.table.value));
    }

    // ANCHOR: forward
    /// Scores for the next character at every position of `n` sequences of
    /// `t` characters (`tokens` holds them one sequence after another):
    /// `n·t` rows of `vocab` numbers.
    pub fn forward(&mut self, tokens: &[u32], n: usize, t: usize) -> Vec<f32> {
        assert!(t <= self.config.ctx && tokens.len() == n * t, "batch shape");
        self.output_t = None;
        let places: Vec<u32> = (0..n).flat_map(|_| 0..t as u32).collect();
        let mut x = self.chars.forward(tokens);
        let pos = self.positions.forward(&places);
        x.iter_mut().zip(&pos).for_each(|(a, b)| *a += b);
        nn::buffers::give(pos);
        for block in &mut self.blocks {
            x = block.forward(x, n, t);
        }
        let h = self.final_norm.forward(&x, n * t);
        nn::buffers::give(x);
        let (v, d) = (self.config.vocab, self.config.dim);
        let mut logits = nn::buffers::zeroed(n * t * v);
        gemm::nt_by_transpose(n * t, v, d, &h, &self.chars.table.value, &mut logits); // tied
        nn::buffers::give(std::mem::replace(&mut self.hidden, h));
        self.shape = (n, t);
        logits
    }
    // ANCHOR_END: forward

    /// Gradients of every parameter from dLoss/dScores of the last forward.
    pub fn backward(&mut self, dlogits: &[f32]) {
        let (v, d, (n, t)) = (self.config.vocab, self.config.dim, self.shape);
        let rows = n * t;
        gemm::tn(v, d, rows, dlogits, &self.hidden, &mut self.chars.table.grad);
        let mut dh = nn::buffers::zeroed(rows * d);
        gemm::nn(rows, d, v, dlogits, &self.chars.table.value, &mut dh);
        let mut dx = self.final_norm.backward(&dh, rows);
        nn::buffers::give(dh);
        for block in self.blocks.iter_mut().rev() {
            dx = block.backward(dx, n, t);
        }
        self.chars.backward(&dx);
        self.positions.backward(&dx);
        nn::buffers::give(dx);
    }

    /// Every parameter, in the weights file's order.
    pub fn params(&mut self) -> Vec<&mut Param> {
        let mut ps = vec![&mut self.chars.table, &mut self.positions.table];
        for b in &mut self.blocks {
            ps.extend(b.params());
        }
        ps.extend(self.final_norm.params());
        ps
    }

    /// Read-only [`Gpt::params`].
    pub fn params_ref(&self) -> Vec<&Param> {
        let mut ps = vec![&self.chars.table, &self.positions.table];
        for b in &self.blocks {
            ps.extend(b.params_ref());
        }
        ps.extend(self.final_norm.params_ref());
        ps
    }

    /// Names for [`Gpt::params`], as the weights file stores them.
    pub fn param_names(&self) -> Vec<String> {
        let mut names = vec!["chars".to_string(), "positions".to_string()];
        for i in 0..self.blocks.len() {
            names.extend(Block::PARAM_NAMES.iter().map(|n| format!("block{i}.{n}")));
        }
        names.extend(["final_norm.gain".to_string(), "final_norm.bias".to_string()]);
        names
    }

    /// Which parameters weight decay shrinks: the matrices and tables, not
    /// the gains and biases.
    pub fn decayed(&self) -> Vec<bool> {
        let flat = |n: &String| n.ends_with("bias") || n.ends_with("gain");
        self.param_names().iter().map(|n| !flat(n)).collect()
    }

    /// The average loss (nats per character) of predicting `targets` from
    /// `tokens`, without touching gradients.
    pub fn loss(&mut self, tokens: &[u32], targets: &[u32], n: usize, t: usize) -> f32 {
        let logits = self.forward(tokens, n, t);
        let (loss, grad) = nn::softmax_cross_entropy(&logits, targets, self.config.vocab);
        nn::buffers::give(logits);
        nn::buffers::give(grad);
        loss
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Config {
        Config { vocab: 7, ctx: 6, dim: 8, layers: 2, heads: 2 }
    }

    #[test]
    fn counts_parameters_like_the_tensors() {
        let mut m = Gpt::new(tiny(), 1);
        let total: usize = m.params().iter().map(|p| p.value.len()).sum();
        assert_eq!(total, tiny().params());
        assert_eq!(m.param_names().len(), m.params_ref().len());
    }

    #[test]
    fn whole_model_gradient_matches_finite_differences() {
        let mut m = Gpt::new(tiny(), 2);
        let mut g = nn::rng(3);
        for p in m.params() {
            p.value
                .iter_mut()
                .for_each(|v| *v = rand::RngExt::random_range(&mut g, -0.4..0.4));
        }
        let tokens = [1u32, 4, 2, 6, 0, 3, 5, 5, 1, 2];
        let targets = [4u32, 2, 6, 0, 3, 5, 5, 1, 2, 0];
        let (n, t) = (2, 5);
        let logits = m.forward(&tokens, n, t);
        let (_, dlogits) = nn::softmax_cross_entropy(&logits, &targets, 7);
        m.backward(&dlogits);
        let analytic: Vec<Vec<f32>> = m.params().iter().map(|p| p.grad.clone()).collect();
        let eps = 1e-2;
        let mut worst = 0f32;
        for (pi, grads) in analytic.iter().enumerate() {
            for (j, &grad) in grads.iter().enumerate().step_by(3) {
                let orig = m.params()[pi].value[j];
                m.params()[pi].value[j] = orig + eps;
                let up = m.loss(&tokens, &targets, n, t);
                m.params()[pi].value[j] = orig - eps;
                let down = m.loss(&tokens, &targets, n, t);
                m.params()[pi].value[j] = orig;
                let numeric = (up - down) / (2.0 * eps);
                let err = (grad - numeric).abs() / (grad.abs() + numeric.abs()).max(1e-2);
                worst = worst.max(err);
            }
        }
        assert!(worst < 2e-2, "worst relative error {worst}");
    }
}
