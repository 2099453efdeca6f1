//! A lookup table: token number `t` becomes row `t` of a learned matrix.
//! It is the same as multiplying a one-hot vector by the matrix, without
//! the multiplications.

use crate::{Param, Rng};
use rand::RngExt;

/// `vocab` rows of `dim` numbers.
pub struct Embedding {
    pub vocab: usize,
    pub dim: usize,
    pub table: Param,
    tokens: Vec<u32>,
}

impl Embedding {
    /// Small normal-ish starting rows (uniform with standard deviation `std`).
    pub fn new(vocab: usize, dim: usize, std: f32, rng: &mut Rng) -> Embedding {
        let limit = std * 3f32.sqrt();
        let value = (0..vocab * dim).map(|_| rng.random_range(-limit..limit)).collect();
        let table = Param { value, grad: vec![0.0; vocab * dim] };
        Embedding { vocab, dim, table, tokens: Vec::new() }
    }

    /// The row of each token, one after another. Tokens must be `< vocab`.
    pub fn forward(&mut self, tokens: &[u32]) -> Vec<f32> {
        self.tokens.clear();
        self.tokens.extend_from_slice(tokens);
        let mut out = crate::buffers::zeroed(tokens.len() * self.dim);
        for (row, &t) in out.chunks_exact_mut(self.dim).zip(tokens) {
            row.copy_from_slice(self.row(t));
        }
        out
    }

    /// Adds each output row's gradient into the row it was read from.
    pub fn backward(&mut self, dy: &[f32]) {
        let d = self.dim;
        for (g, &t) in dy.chunks_exact(d).zip(&self.tokens) {
            let at = t as usize * d;
            for (acc, v) in self.table.grad[at..at + d].iter_mut().zip(g) {
                *acc += v;
            }
        }
    }

    /// One token's row.
    pub fn row(&self, token: u32) -> &[f32] {
        let at = token as usize * self.dim;
        &self.table.value[at..at + self.dim]
    }
}
