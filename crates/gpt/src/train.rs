//! Training: cut random windows out of the text, ask the model for the
//! next character at every position, and follow the gradient of its
//! surprise. Next-character prediction is the whole training signal.

use crate::{Config, Gpt, Vocab};
use nn::{
    Optimizer, OptimizerKind, Param, clip_grad_norm, softmax_cross_entropy, warmup_cosine,
};

/// What a training run needs of a model that predicts the next character:
/// the GPT and the recurrent network it is raced against both are one.
pub trait LanguageModel {
    /// Longest window it is trained on.
    fn ctx(&self) -> usize;
    fn vocab(&self) -> usize;
    /// Scores for the next character at every position of `n` sequences of
    /// `t` characters: `n·t` rows of `vocab` numbers.
    fn forward(&mut self, tokens: &[u32], n: usize, t: usize) -> Vec<f32>;
    /// Gradients of every parameter from dLoss/dScores of the last forward.
    fn backward(&mut self, dlogits: &[f32]);
    fn params(&mut self) -> Vec<&mut Param>;
    /// Which parameters weight decay shrinks.
    fn decayed(&self) -> Vec<bool>;
    /// Parameters in all.
    fn param_count(&mut self) -> usize {
        self.params().iter().map(|p| p.value.len()).sum()
    }
    /// The average loss of predicting `targets` from `tokens`, per position.
    fn position_losses(
        &mut self,
        tokens: &[u32],
        targets: &[u32],
        n: usize,
        t: usize,
    ) -> Vec<f32> {
        let v = self.vocab();
        let logits = self.forward(tokens, n, t);
        let mut out = vec![0.0; t];
        for (row, (scores, &y)) in logits.chunks_exact(v).zip(targets).enumerate() {
            let top = scores.iter().fold(f32::MIN, |a, &b| a.max(b));
            let sum: f32 = scores.iter().map(|&s| nn::math::exp(s - top)).sum();
            out[row % t] += (nn::math::ln(sum) + top - scores[y as usize]) / n as f32;
        }
        nn::buffers::give(logits);
        out
    }
}

impl LanguageModel for Gpt {
    fn ctx(&self) -> usize {
        self.config.ctx
    }
    fn vocab(&self) -> usize {
        self.config.vocab
    }
    fn forward(&mut self, tokens: &[u32], n: usize, t: usize) -> Vec<f32> {
        Gpt::forward(self, tokens, n, t)
    }
    fn backward(&mut self, dlogits: &[f32]) {
        Gpt::backward(self, dlogits)
    }
    fn params(&mut self) -> Vec<&mut Param> {
        Gpt::params(self)
    }
    fn decayed(&self) -> Vec<bool> {
        Gpt::decayed(self)
    }
}
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
pub struct Trainer<M = Gpt> {
    pub model: M,
    pub config: TrainConfig,
    pub step: usize,
    optimizer: Optimizer,
    decayed: Vec<bool>,
    rng: nn::Rng,
}

impl Trainer<Gpt> {
    /// A fresh GPT of `model_config`, from the run's seed.
    pub fn new(model_config: Config, config: TrainConfig) -> Trainer {
        Trainer::with_model(Gpt::new(model_config, config.seed), config)
    }
}

impl<M: LanguageModel> Trainer<M> {
    pub fn with_model(model: M, config: TrainConfig) -> Trainer<M> {
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
        let t = self.model.ctx().min(corpus.split.saturating_sub(1)).max(1);
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
        let (loss, dlogits) = softmax_cross_entropy(&logits, &y, self.model.vocab());
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

/// Steps that fill `seconds` of training at a measured `steps_per_second`
/// (so an in-page run is sized to the reader's machine), at least 50 and at
/// most 200,000.
pub fn steps_for(seconds: f32, steps_per_second: f32) -> usize {
    let steps = (seconds * steps_per_second).round();
    if steps.is_finite() { (steps as usize).clamp(50, 200_000) } else { 50 }
}

/// Mean loss of `model` on non-overlapping windows at the start of the
/// validation part (the same windows every time).
pub fn validation_loss<M: LanguageModel>(
    model: &mut M,
    corpus: &Corpus,
    windows: usize,
) -> f32 {
    let t = model.ctx();
    let mut total = 0.0;
    let starts = window_starts(corpus, t, windows);
    for (x, y, count) in windows_of(corpus, &starts, t) {
        let logits = model.forward(&x, count, t);
        let (loss, grad) = softmax_cross_entropy(&logits, &y, model.vocab());
        nn::buffers::give(logits);
        nn::buffers::give(grad);
        total += loss * count as f32;
    }
    total / starts.len().max(1) as f32
}

/// The validation loss at each position of the window (how much knowing
/// more of the past helps), over the windows of [`validation_loss`].
pub fn position_losses<M: LanguageModel>(
    model: &mut M,
    corpus: &Corpus,
    windows: usize,
) -> Vec<f32> {
    let t = model.ctx();
    let starts = window_starts(corpus, t, windows);
    let mut out = vec![0.0; t];
    for (x, y, count) in windows_of(corpus, &starts, t) {
        let losses = model.position_losses(&x, &y, count, t);
        for (o, l) in out.iter_mut().zip(losses) {
            *o += l * count as f32 / starts.len() as f32;
        }
    }
    out
}

/// Non-overlapping windows at the start of the validation part.
fn window_starts(corpus: &Corpus, t: usize, windows: usize) -> Vec<usize> {
    let val = corpus.ids.len() - corpus.split;
    (0..windows).map(|w| w * t).filter(|&s| s + t < val).collect()
}

/// The windows at `starts`, eight at a time: inputs, targets, how many.
fn windows_of<'a>(
    corpus: &'a Corpus,
    starts: &'a [usize],
    t: usize,
) -> impl Iterator<Item = (Vec<u32>, Vec<u32>, usize)> + 'a {
    let val = &corpus.ids[corpus.split..];
    starts.chunks(8).map(move |chunk| {
        let x = chunk.iter().flat_map(|&s| val[s..s + t].iter().copied()).collect();
        let y =
            chunk.iter().flat_map(|&s| val[s + 1..s + t + 1].iter().copied()).collect();
        (x, y, chunk.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_sized_to_the_measured_speed() {
        assert_eq!(steps_for(180.0, 12.5), 2250);
        assert_eq!(steps_for(60.0, 0.1), 50);
        assert_eq!(steps_for(60.0, f32::NAN), 50);
        assert_eq!(steps_for(1e9, 1e9), 200_000);
    }

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
