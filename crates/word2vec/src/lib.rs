//! word2vec's skip-gram with negative sampling (Mikolov et al., 2013), small
//! enough to read: each word gets an input vector and an output vector; for
//! every (word, nearby word) pair seen in the text, the two are pulled
//! together, and a few random "negative" words pushed away.

pub mod tokenize;
pub mod vocab;

use nn::simd::{axpy, dot};
use rand::{RngExt, SeedableRng};
pub use vocab::Vocab;

/// The logistic function σ(x) = 1 / (1 + e^−x).
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Hyper-parameters, as word2vec names them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub dim: usize,
    pub window: usize,
    pub negatives: usize,
    pub epochs: usize,
    /// Starting learning rate; it falls linearly to 0.0001 of itself.
    pub alpha: f32,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config { dim: 50, window: 5, negatives: 5, epochs: 3, alpha: 0.025, seed: 1 }
    }
}

/// Where a training run is: epoch, sentence, and the current epoch's loss.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    pub epoch: usize,
    pub sentence: usize,
    /// Words processed so far, all epochs.
    pub seen: usize,
    loss: f64,
    pairs: usize,
}

/// What one call of [`Model::train_some`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    pub words: usize,
    pub loss: f32,
    pub pairs: usize,
    /// Mean loss of the epoch that ended in this slice, if one did.
    pub epoch_loss: Option<f32>,
}

/// The two embedding tables and the sampler state.
pub struct Model {
    pub config: Config,
    /// Input vectors, `vocab × dim`: the word vectors people use.
    pub input: Vec<f32>,
    /// Output vectors, `vocab × dim`.
    pub output: Vec<f32>,
    rng: rand_pcg::Pcg64Mcg,
    /// The centre word's gradient, reused from update to update.
    grad_v: Vec<f32>,
}

// ANCHOR: loss
/// Loss of one (word, context) pair with its negatives: −log σ(v·u⁺) − Σ log σ(−v·u⁻).
pub fn pair_loss(v: &[f32], positive: &[f32], negatives: &[&[f32]]) -> f32 {
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let mut loss = -sigmoid(dot(v, positive)).max(1e-7).ln();
    for u in negatives {
        loss -= sigmoid(-dot(v, u)).max(1e-7).ln();
    }
    loss
}
// ANCHOR_END: loss

impl Model {
    /// Small random input vectors and zero output vectors, as in word2vec.
    pub fn new(vocab_len: usize, config: Config) -> Model {
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(config.seed);
        let dim = config.dim.max(1);
        let input = (0..vocab_len * dim)
            .map(|_| (rng.random::<f32>() - 0.5) / dim as f32)
            .collect();
        Model {
            config: Config { dim, ..config },
            input,
            output: vec![0.0; vocab_len * dim],
            rng,
            grad_v: vec![0.0; dim],
        }
    }

    /// Input vector of word `id`.
    pub fn vector(&self, id: usize) -> &[f32] {
        &self.input[id * self.config.dim..(id + 1) * self.config.dim]
    }

    // ANCHOR: update
    /// One stochastic-gradient step on (word `center`, nearby word `context`)
    /// with `negatives` sampled words; returns the pair's loss before the step.
    pub fn update(
        &mut self,
        center: usize,
        context: usize,
        negatives: &[usize],
        lr: f32,
    ) -> f32 {
        let d = self.config.dim;
        let mut grad_v = std::mem::take(&mut self.grad_v);
        grad_v.clear();
        grad_v.resize(d, 0.0);
        let mut loss = 0.0;
        for (target, label) in
            std::iter::once((context, 1.0)).chain(negatives.iter().map(|&n| (n, 0.0)))
        {
            if label == 0.0 && target == context {
                continue; // a negative that happens to be the true context teaches nothing
            }
            let (v, u) = (
                &self.input[center * d..(center + 1) * d],
                &mut self.output[target * d..(target + 1) * d],
            );
            let score = sigmoid(dot(v, u));
            let p_right = if label == 1.0 { score } else { 1.0 - score };
            loss -= p_right.max(1e-7).ln();
            let g = (label - score) * lr; // minus the loss gradient wrt v·u, times the step
            axpy(&mut grad_v, g, u); // grad_v += g·u (u before its own step)
            axpy(u, g, v); // u += g·v
        }
        axpy(&mut self.input[center * d..(center + 1) * d], 1.0, &grad_v);
        self.grad_v = grad_v;
        loss
    }
    // ANCHOR_END: update

    /// Trains over `sentences` for the configured epochs; returns the mean
    /// pair loss of each epoch.
    pub fn train(&mut self, vocab: &Vocab, sentences: &[Vec<usize>]) -> Vec<f32> {
        let mut run = Progress::default();
        let mut losses = Vec::new();
        while let Some(done) = self.train_some(vocab, sentences, &mut run, usize::MAX) {
            if let Some(loss) = done.epoch_loss {
                losses.push(loss);
            }
        }
        losses
    }

    /// Trains on up to `max_words` more words, continuing where `run` left
    /// off, so a page can train in slices. `None` once every epoch is done.
    pub fn train_some(
        &mut self,
        vocab: &Vocab,
        sentences: &[Vec<usize>],
        run: &mut Progress,
        max_words: usize,
    ) -> Option<Slice> {
        if run.epoch >= self.config.epochs || sentences.is_empty() {
            return None;
        }
        let total = sentences.iter().map(Vec::len).sum::<usize>() * self.config.epochs;
        let mut slice = Slice { words: 0, loss: 0.0, pairs: 0, epoch_loss: None };
        while slice.words < max_words && run.epoch < self.config.epochs {
            let sentence = &sentences[run.sentence];
            let kept: Vec<usize> = sentence
                .iter()
                .copied()
                .filter(|&w| vocab.keep(w, &mut self.rng))
                .collect();
            for (i, &center) in kept.iter().enumerate() {
                let lr = (self.config.alpha
                    * (1.0 - run.seen as f32 / total.max(1) as f32))
                    .max(self.config.alpha * 1e-4);
                // word2vec samples a smaller window for each word, so near words count more.
                let b = self.rng.random_range(1..=self.config.window.max(1));
                let near = i.saturating_sub(b)..(i + b + 1).min(kept.len());
                for (j, &context) in
                    kept.iter().enumerate().take(near.end).skip(near.start)
                {
                    if j == i {
                        continue;
                    }
                    let negs: Vec<usize> = (0..self.config.negatives)
                        .map(|_| vocab.negative(&mut self.rng))
                        .collect();
                    let loss = self.update(center, context, &negs, lr);
                    slice.loss += loss;
                    slice.pairs += 1;
                    run.loss += f64::from(loss);
                    run.pairs += 1;
                }
            }
            run.seen += sentence.len();
            slice.words += sentence.len();
            run.sentence += 1;
            if run.sentence == sentences.len() {
                slice.epoch_loss = Some((run.loss / run.pairs.max(1) as f64) as f32);
                run.sentence = 0;
                run.epoch += 1;
                run.loss = 0.0;
                run.pairs = 0;
                break;
            }
        }
        Some(slice)
    }

    /// Share of the training done, in [0, 1].
    pub fn fraction(&self, sentences: &[Vec<usize>], run: &Progress) -> f32 {
        let total = sentences.iter().map(Vec::len).sum::<usize>() * self.config.epochs;
        run.seen as f32 / total.max(1) as f32
    }

    /// Cosine similarity of two words' input vectors.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (self.vector(a), self.vector(b));
        let dot: f32 = x.iter().zip(y).map(|(p, q)| p * q).sum();
        let norm = |v: &[f32]| v.iter().map(|t| t * t).sum::<f32>().sqrt().max(1e-12);
        dot / (norm(x) * norm(y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_follows_the_gradient_of_the_pair_loss() {
        // Finite differences of pair_loss against the step `update` takes.
        let mut m = Model::new(4, Config { dim: 6, ..Config::default() });
        for (i, w) in m.output.iter_mut().enumerate() {
            *w = ((i * 7 % 11) as f32 - 5.0) / 10.0;
        }
        let d = 6;
        let loss_at = |m: &Model| {
            let v = &m.input[0..d];
            pair_loss(
                v,
                &m.output[d..2 * d],
                &[&m.output[2 * d..3 * d], &m.output[3 * d..4 * d]],
            )
        };
        let mut numeric = vec![0.0; d];
        #[allow(clippy::needless_range_loop)] // j is the coordinate being nudged
        for j in 0..d {
            let mut p = Model {
                config: m.config,
                input: m.input.clone(),
                output: m.output.clone(),
                rng: rand_pcg::Pcg64Mcg::seed_from_u64(0),
                grad_v: vec![0.0; d],
            };
            p.input[j] += 1e-3;
            let up = loss_at(&p);
            p.input[j] -= 2e-3;
            let down = loss_at(&p);
            numeric[j] = (up - down) / 2e-3;
        }
        let before = m.input[0..d].to_vec();
        let expected = loss_at(&m);
        let lr = 1e-3;
        let loss = m.update(0, 1, &[2, 3], lr);
        assert!((loss - expected).abs() < 1e-5, "{loss} vs {expected}");
        for j in 0..d {
            let step = m.input[j] - before[j]; // = −lr · dL/dv
            assert!(
                (step / -lr - numeric[j]).abs() < 1e-2,
                "component {j}: {} vs {}",
                step / -lr,
                numeric[j]
            );
        }
    }

    #[test]
    fn sigmoid_is_a_probability() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(50.0) <= 1.0 && sigmoid(-50.0) >= 0.0);
    }
}
