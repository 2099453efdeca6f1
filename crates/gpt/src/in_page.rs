//! "Train a GPT yourself": what the page's worker does, here so that it is
//! tested natively too. A text becomes a corpus of its commonest characters,
//! a [`PageSize`] model is trained on it, and every so often it is asked how
//! surprised it is by held-out text and what it would write.

use crate::presets::{PAGE_CTX, PAGE_MAX_VOCAB, PageSize};
use crate::{Corpus, Sampling, Trainer, Vocab};

/// Share of the text held out for the validation loss (its end).
pub const VAL_FRACTION: f32 = 0.1;
/// Validation windows per check (fixed, so checks are comparable).
pub const VAL_WINDOWS: usize = 64;
/// Characters per sample, and how they are drawn.
pub const SAMPLE_CHARS: usize = 200;
pub const SAMPLE: Sampling = Sampling { temperature: 0.8, top_k: 0, top_p: 1.0 };

/// A training run in progress.
pub struct PageRun {
    pub trainer: Trainer,
    pub corpus: Corpus,
    /// Characters of the text left out as rare.
    pub dropped: usize,
}

/// The text is too short to train on (in known characters).
#[derive(Debug, PartialEq)]
pub struct TooShort(pub usize);

impl PageRun {
    /// A fresh model of `size` for `text`, to train for `steps` (changeable
    /// until the warm-up ends) at peak learning rate `lr`.
    pub fn new(
        text: &str,
        size: &PageSize,
        lr: f32,
        steps: usize,
    ) -> Result<PageRun, TooShort> {
        let vocab = Vocab::most_frequent(text, PAGE_MAX_VOCAB);
        let corpus = Corpus::with_vocab(text, vocab, VAL_FRACTION);
        let dropped = text.chars().count() - corpus.ids.len();
        // A training part of a few windows and a validation part of at least one.
        let val = corpus.ids.len() - corpus.split;
        if corpus.split < 4 * PAGE_CTX || val < PAGE_CTX + 1 || corpus.vocab.len() < 2 {
            return Err(TooShort(corpus.ids.len()));
        }
        let config = size.config(corpus.vocab.len());
        let trainer = Trainer::new(config, size.train(lr, steps));
        Ok(PageRun { trainer, corpus, dropped })
    }

    /// One training step's loss (NaN or infinite once training diverges).
    pub fn step(&mut self) -> f32 {
        self.trainer.train_step(&self.corpus)
    }

    /// Whether a step's loss means training has failed: not a number, or
    /// twice as bad as guessing uniformly (gradient clipping keeps a far
    /// too high learning rate from reaching infinity, so it shows up so).
    pub fn blew_up(&self, loss: f32) -> bool {
        let uniform = (self.corpus.vocab.len() as f32).ln();
        !loss.is_finite() || loss > 2.0 * uniform.max(1.0)
    }

    pub fn validation(&mut self) -> f32 {
        self.trainer.validation_loss(&self.corpus, VAL_WINDOWS)
    }

    /// What the model writes now after a line break, always from the same
    /// seed, so samples differ only by what the model has learnt.
    pub fn sample(&self) -> String {
        crate::generate::continue_text(
            &self.trainer.model,
            &self.corpus.vocab,
            "",
            SAMPLE_CHARS,
            &SAMPLE,
            7,
        )
    }
}

// ANCHOR: counting
/// What counting alone scores on the same held-out characters as
/// [`PageRun::validation`]: `[single characters, pairs]`. The first knows
/// only how common each character is; the second also knows the one
/// before (its counts smoothed toward the first, with weight 5). A model
/// whose loss falls below the second is using more than one character of
/// context.
pub fn counting_losses(corpus: &Corpus) -> [f32; 2] {
    let v = corpus.vocab.len();
    let train = &corpus.ids[..corpus.split];
    let mut singles = vec![0u32; v];
    let mut pairs: std::collections::HashMap<(u32, u32), u32> = Default::default();
    for (i, &c) in train.iter().enumerate() {
        singles[c as usize] += 1;
        if i > 0 {
            *pairs.entry((train[i - 1], c)).or_default() += 1;
        }
    }
    let single = |c: u32| (singles[c as usize] as f64 + 1.0) / (train.len() + v) as f64;
    let alpha = 5.0;
    let val = &corpus.ids[corpus.split..];
    let end = (VAL_WINDOWS * PAGE_CTX).min(val.len().saturating_sub(1));
    let (mut one, mut two) = (0.0f64, 0.0f64);
    for i in 1..=end {
        let (prev, c) = (val[i - 1], val[i]);
        one -= single(c).ln();
        let pair = *pairs.get(&(prev, c)).unwrap_or(&0) as f64;
        two -=
            ((pair + alpha * single(c)) / (singles[prev as usize] as f64 + alpha)).ln();
    }
    let n = end.max(1) as f64;
    [(one / n) as f32, (two / n) as f32]
}
// ANCHOR_END: counting

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PAGE_SIZES;

    #[test]
    fn short_and_strange_texts_are_refused_or_trimmed() {
        let small = &PAGE_SIZES[0];
        assert!(matches!(PageRun::new("abc", small, 1e-3, 100), Err(TooShort(3))));
        assert!(PageRun::new("", small, 1e-3, 100).is_err());
        assert!(
            PageRun::new(&"a".repeat(5000), small, 1e-3, 100).is_err(),
            "one character"
        );
        // Thousands of distinct rare characters: only the commonest are kept.
        let mut text = "to be or not to be. ".repeat(400);
        text.extend((0..5000u32).filter_map(|i| char::from_u32(0x4e00 + i)));
        let run = PageRun::new(&text, small, 1e-3, 100).unwrap();
        assert_eq!(run.corpus.vocab.len(), PAGE_MAX_VOCAB);
        assert_eq!(run.dropped, 5000 + 8 - PAGE_MAX_VOCAB, "8 distinct in the English");
        assert!(run.blew_up(f32::NAN) && run.blew_up(17.0) && !run.blew_up(8.0));
    }

    #[test]
    fn counting_knows_frequencies_and_pairs() {
        // "ab" repeated: b always follows a, so pairs predict almost perfectly.
        let run = PageRun::new(&"ab".repeat(3000), &PAGE_SIZES[0], 1e-3, 100).unwrap();
        let [one, two] = counting_losses(&run.corpus);
        assert!((one - 2f32.ln()).abs() < 0.01, "{one}");
        assert!(two < 0.01, "{two}");
    }
}
