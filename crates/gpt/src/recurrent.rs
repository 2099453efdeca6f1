//! The recurrent model the Transformer replaced, as a character-level
//! language model of the same size as a GPT, so the two can race on the
//! same text: a table of character vectors, a stack of GRU layers that read
//! the window one character at a time, and a layer that scores the next
//! character from the last state.

use crate::train::LanguageModel;
use nn::{Dense, Embedding, Gru, Layer, Param};

/// The recurrent model's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecurrentConfig {
    pub vocab: usize,
    /// Window it is trained on (it could read on for ever; training stops
    /// the gradient at the window's start).
    pub ctx: usize,
    /// Width of the character vectors and of every state.
    pub dim: usize,
    pub layers: usize,
}

impl RecurrentConfig {
    pub fn params(&self) -> usize {
        let (v, d) = (self.vocab, self.dim);
        v * d + self.layers * (6 * d * d + 6 * d) + d * v + v
    }
}

/// A character-level GRU language model.
pub struct CharGru {
    pub config: RecurrentConfig,
    pub chars: Embedding,
    pub layers: Vec<Gru>,
    pub out: Dense,
    rows: usize,
}

impl CharGru {
    pub fn new(config: RecurrentConfig, seed: u64) -> CharGru {
        let mut rng = nn::rng(seed);
        let chars = Embedding::new(config.vocab, config.dim, 0.1, &mut rng);
        let layers = (0..config.layers)
            .map(|_| Gru::new(config.dim, config.dim, config.ctx, &mut rng))
            .collect();
        let mut out = Dense::new(config.dim, config.vocab, &mut rng);
        out.by_transpose = true;
        CharGru { config, chars, layers, out, rows: 0 }
    }
}

impl LanguageModel for CharGru {
    fn ctx(&self) -> usize {
        self.config.ctx
    }

    fn vocab(&self) -> usize {
        self.config.vocab
    }

    fn forward(&mut self, tokens: &[u32], n: usize, t: usize) -> Vec<f32> {
        assert!(t <= self.config.ctx && tokens.len() == n * t, "batch shape");
        let mut x = self.chars.forward(tokens);
        for layer in &mut self.layers {
            layer.seq = t;
            x = layer.forward(&x, n);
        }
        self.rows = n * t;
        self.out.forward(&x, n * t)
    }

    fn backward(&mut self, dlogits: &[f32]) {
        let t = self.layers.first().map_or(1, |l| l.seq);
        let mut dx = self.out.backward(dlogits, self.rows);
        for layer in self.layers.iter_mut().rev() {
            dx = layer.backward(&dx, self.rows / t);
        }
        self.chars.backward(&dx);
    }

    fn params(&mut self) -> Vec<&mut Param> {
        let mut ps = vec![&mut self.chars.table];
        for l in &mut self.layers {
            ps.extend(l.params());
        }
        ps.extend(self.out.params());
        ps
    }

    /// The matrices and the table, not the biases.
    fn decayed(&self) -> Vec<bool> {
        let mut d = vec![true];
        for _ in &self.layers {
            d.extend([true, true, false, false]);
        }
        d.extend([true, false]);
        d
    }
}

/// A text for the recall race: `lines` lines of `len` random lowercase
/// letters, a bar, and the same letters again. The second half can only be
/// predicted by looking back exactly `len + 1` characters.
pub fn recall_text(lines: usize, len: usize, seed: u64) -> String {
    use rand::RngExt;
    let mut rng = nn::rng(seed);
    let mut text = String::with_capacity(lines * (2 * len + 2));
    for _ in 0..lines {
        let word: String =
            (0..len).map(|_| char::from(b'a' + rng.random_range(0..26u8))).collect();
        text.push_str(&word);
        text.push('|');
        text.push_str(&word);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_its_parameters_and_learns_gradients_right() {
        let config = RecurrentConfig { vocab: 7, ctx: 5, dim: 6, layers: 2 };
        let mut m = CharGru::new(config, 3);
        assert_eq!(m.param_count(), config.params());
        assert_eq!(m.decayed().len(), m.params().len());
        // Whole-model gradient against finite differences.
        let tokens = [1u32, 4, 2, 6, 0, 3, 5, 5, 1, 2];
        let targets = [4u32, 2, 6, 0, 3, 5, 5, 1, 2, 0];
        let logits = m.forward(&tokens, 2, 5);
        let (_, d) = nn::softmax_cross_entropy(&logits, &targets, 7);
        m.backward(&d);
        let analytic: Vec<Vec<f32>> = m.params().iter().map(|p| p.grad.clone()).collect();
        let loss = |m: &mut CharGru| {
            let l = m.forward(&tokens, 2, 5);
            nn::softmax_cross_entropy(&l, &targets, 7).0
        };
        let eps = 1e-2;
        let mut worst = 0f32;
        for (pi, grads) in analytic.iter().enumerate() {
            for (j, &g) in grads.iter().enumerate().step_by(3) {
                let orig = m.params()[pi].value[j];
                m.params()[pi].value[j] = orig + eps;
                let up = loss(&mut m);
                m.params()[pi].value[j] = orig - eps;
                let down = loss(&mut m);
                m.params()[pi].value[j] = orig;
                let numeric = (up - down) / (2.0 * eps);
                worst =
                    worst.max((g - numeric).abs() / (g.abs() + numeric.abs()).max(1e-2));
            }
        }
        assert!(worst < 2e-2, "worst relative error {worst}");
    }

    #[test]
    fn recall_lines_repeat_their_letters() {
        let text = recall_text(3, 5, 1);
        for line in text.lines() {
            let (a, b) = line.split_once('|').unwrap();
            assert_eq!((a.len(), a), (5, b));
        }
        assert_eq!(text.lines().count(), 3);
    }
}
