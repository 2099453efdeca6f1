//! Training: cut random windows out of the text, ask the model for the
//! next character at every position, and follow the gradient of its
//! surprise. Next-character prediction is the whole training signal.

use crate::{Config, Gpt, Vocab};
use nn::{
    Optimizer, OptimizerKind, clip_grad_norm, softmax_cross_entropy, warmup_cosine,
};
use rand::RngExt;

/// A text as numbers, split into a training part and a validation tail.
pub struct Corpus {
    pub vocab: Vocab,
    pub ids: Vec<u32>,
    /// Where the validation part starts.
    pub split: usize,
}

impl Corpus {
    /// All characters of `text`; the last `val_fraction` is held out.
    pub fn new(text: &str, val_fraction: f32) -> Corpus {
        let vocab = Vocab::of_text(text);
        let (ids, _) = vocab.encode(text);
        let split =
            ids.len() - (ids.len() as f32 * val_fraction.clamp(0.0, 0.5)) as usize;
        Corpus { vocab, ids, split }
    }

    /// `text` in a vocabulary fixed beforehand (a shipped model's); unknown
    /// characters are dropped.
    pub fn with_vocab(text: &str, vocab: Vocab, val_fraction: f32) -> Corpus {
        let (ids, _) = vocab.encode(text);
        let split =
            ids.len() - (ids.len() as f32 * val_fraction.clamp(0.0, 0.5)) as usize;
        Corpus { vocab, ids, split }
    }
}

/// The training run's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    /// Sequences per step.
    pub batch: usize,
    /// Steps in the whole run (the learning-rate schedule ends there).
    pub steps: usize,
    /// Peak learning rate, reached after `warmup` steps.
    pub lr: f32,
    pub warmup: usize,
    pub weight_decay: f32,
    /// Largest gradient length allowed.
    pub clip: f32,
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            batch: 16,
            steps: 2000,
            lr: 3e-3,
            warmup: 100,
            weight_decay: 0.1,
            clip: 1.0,
            seed: 1,
        }
    }
}

/// A model being trained and everything the next step needs.
pub struct Trainer {
    pub model: Gpt,
    pub config: TrainConfig,
    pub step: usize,
    optimizer: Optimizer,
    decayed: Vec<bool>,
    rng: nn::Rng,
}

impl Trainer {
    pub fn new(model_config: Config, config: TrainConfig) -> Trainer {
        let model = Gpt::new(model_config, config.seed);
        let decayed = model.decayed();
        Trainer {
            model,
            config,
            step: 0,
            optimizer: Optimizer::new(OptimizerKind::adamw(
                config.lr,
                config.weight_decay,
            )),
            decayed,
            rng: nn::rng(config.seed ^ 0xda7a),
        }
    }

    /// `batch` random windows of the training part: inputs and the same
    /// windows shifted by one (the next characters).
    fn batch(&mut self, corpus: &Corpus) -> (Vec<u32>, Vec<u32>, usize) {
        let t = self.model.config.ctx.min(corpus.split.saturating_sub(1)).max(1);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for _ in 0..self.config.batch {
            let start = self.rng.random_range(0..corpus.split.saturating_sub(t).max(1));
            x.extend_from_slice(&corpus.ids[start..start + t]);
            y.extend_from_slice(&corpus.ids[start + 1..start + t + 1]);
        }
        (x, y, t)
    }

    // ANCHOR: step
    /// One step: forward, loss, backward, clip, AdamW with the scheduled
    /// learning rate. Returns the batch's loss in nats per character.
    pub fn train_step(&mut self, corpus: &Corpus) -> f32 {
        let (x, y, t) = self.batch(corpus);
        let n = self.config.batch;
        let logits = self.model.forward(&x, n, t);
        let (loss, dlogits) = softmax_cross_entropy(&logits, &y, self.model.config.vocab);
        nn::buffers::give(logits);
        self.model.backward(&dlogits);
        nn::buffers::give(dlogits);
        clip_grad_norm(&mut self.model.params(), self.config.clip);
        let c = &self.config;
        let lr = warmup_cosine(self.step, c.warmup, c.steps, c.lr, c.lr / 10.0);
        self.optimizer.kind = self.optimizer.kind.with_lr(lr);
        self.optimizer.step_decaying(self.model.params(), &self.decayed);
        self.step += 1;
        loss
    }
    // ANCHOR_END: step

    /// Loss on up to `windows` fixed windows of the validation part.
    pub fn validation_loss(&mut self, corpus: &Corpus, windows: usize) -> f32 {
        validation_loss(&mut self.model, corpus, windows)
    }
}

/// Mean loss of `model` on non-overlapping windows at the start of the
/// validation part (the same windows every time).
pub fn validation_loss(model: &mut Gpt, corpus: &Corpus, windows: usize) -> f32 {
    let t = model.config.ctx;
    let val = &corpus.ids[corpus.split..];
    let starts: Vec<usize> =
        (0..windows).map(|w| w * t).filter(|&s| s + t < val.len()).collect();
    let mut total = 0.0;
    for chunk in starts.chunks(8) {
        let x: Vec<u32> =
            chunk.iter().flat_map(|&s| val[s..s + t].iter().copied()).collect();
        let y: Vec<u32> =
            chunk.iter().flat_map(|&s| val[s + 1..s + t + 1].iter().copied()).collect();
        total += model.loss(&x, &y, chunk.len(), t) * chunk.len() as f32;
    }
    total / starts.len().max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_model_learns_a_repeating_text() {
        let text = "the cat sat on the mat. ".repeat(60);
        let corpus = Corpus::new(&text, 0.1);
        let model =
            Config { vocab: corpus.vocab.len(), ctx: 16, dim: 32, layers: 2, heads: 2 };
        let config = TrainConfig {
            batch: 8,
            steps: 150,
            lr: 1e-2,
            warmup: 10,
            ..Default::default()
        };
        let mut trainer = Trainer::new(model, config);
        let start = trainer.validation_loss(&corpus, 8);
        assert!((start - (corpus.vocab.len() as f32).ln()).abs() < 0.3, "{start}");
        for _ in 0..150 {
            trainer.train_step(&corpus);
        }
        let end = trainer.validation_loss(&corpus, 8);
        assert!(end < 0.1, "from {start} to {end}");
        let prompt = corpus.vocab.encode("the cat ").0;
        let out = crate::generate::generate(
            &trainer.model,
            &prompt,
            16,
            &crate::Sampling::GREEDY,
            1,
        );
        assert_eq!(corpus.vocab.decode(&out), "sat on the mat. ");
    }
}
