//! "Attention against recurrence": a GPT and a GRU of about the same size,
//! trained with the same settings on the same text, for the page's race
//! and its native twin (`examples/rnn_race.rs`).

use crate::recurrent::{CharGru, RecurrentConfig, recall_text};
use crate::train::{LanguageModel, position_losses, validation_loss};
use crate::{Config, Corpus, Gpt, TrainConfig, Trainer};

/// The window both read, and the windows their losses are measured on.
pub const CTX: usize = 64;
pub const VAL_WINDOWS: usize = 64;
/// Windows for the loss-by-position curve (more, so each position's mean
/// is steady).
pub const POSITION_WINDOWS: usize = 256;
/// Letters per line of the recall text, and lines.
pub const RECALL_LEN: usize = 20;
pub const RECALL_LINES: usize = 20_000;

/// Which of the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Attention,
    Recurrent,
}

/// The same training settings for both.
pub fn train_config(steps: usize) -> TrainConfig {
    TrainConfig {
        batch: 16,
        steps,
        lr: 3e-3,
        warmup: 50,
        weight_decay: 0.1,
        clip: 1.0,
        seed: 1,
    }
}

/// The race's text: `"recall"` (made here, from a seed) or the given one.
pub fn corpus(which: &str, text: &str) -> Corpus {
    if which == "recall" {
        Corpus::new(&recall_text(RECALL_LINES, RECALL_LEN, 1), 0.1)
    } else {
        Corpus::new(text, 0.1)
    }
}

/// One runner: a model being trained on the race's text.
pub enum Racer {
    Attention(Trainer<Gpt>),
    Recurrent(Trainer<CharGru>),
}

impl Racer {
    /// 2 layers each: attention 64 wide with 4 heads, recurrence 90 wide,
    /// which makes their parameter counts within 2% of each other.
    pub fn new(kind: Kind, vocab: usize, steps: usize) -> Racer {
        let train = train_config(steps);
        match kind {
            Kind::Attention => {
                let config = Config { vocab, ctx: CTX, dim: 64, layers: 2, heads: 4 };
                Racer::Attention(Trainer::with_model(Gpt::new(config, 1), train))
            }
            Kind::Recurrent => {
                let config = RecurrentConfig { vocab, ctx: CTX, dim: 90, layers: 2 };
                Racer::Recurrent(Trainer::with_model(CharGru::new(config, 1), train))
            }
        }
    }

    pub fn step(&mut self, corpus: &Corpus) -> f32 {
        match self {
            Racer::Attention(t) => t.train_step(corpus),
            Racer::Recurrent(t) => t.train_step(corpus),
        }
    }

    pub fn steps_done(&self) -> usize {
        match self {
            Racer::Attention(t) => t.step,
            Racer::Recurrent(t) => t.step,
        }
    }

    pub fn params(&mut self) -> usize {
        match self {
            Racer::Attention(t) => t.model.param_count(),
            Racer::Recurrent(t) => t.model.param_count(),
        }
    }

    pub fn validation(&mut self, corpus: &Corpus) -> f32 {
        match self {
            Racer::Attention(t) => validation_loss(&mut t.model, corpus, VAL_WINDOWS),
            Racer::Recurrent(t) => validation_loss(&mut t.model, corpus, VAL_WINDOWS),
        }
    }

    /// Held-out loss at each of the window's positions.
    pub fn positions(&mut self, corpus: &Corpus) -> Vec<f32> {
        match self {
            Racer::Attention(t) => {
                position_losses(&mut t.model, corpus, POSITION_WINDOWS)
            }
            Racer::Recurrent(t) => {
                position_losses(&mut t.model, corpus, POSITION_WINDOWS)
            }
        }
    }
}

/// Mean loss at positions that have a whole recall line (its letters, the
/// bar and their copy) behind them: there, a model that can look back
/// scores zero on the copied half.
pub fn late_loss(positions: &[f32]) -> f32 {
    let from = 2 * RECALL_LEN + 2;
    let late = &positions[from.min(positions.len())..];
    late.iter().sum::<f32>() / late.len().max(1) as f32
}

/// What a model scores at [`late_loss`]'s positions if it cannot copy
/// (every letter a guess among 26) and if it copies perfectly (only each
/// line's first half is a guess; bars and line breaks cost nothing).
pub fn recall_bounds() -> (f32, f32) {
    let line = (2 * RECALL_LEN + 2) as f32;
    let guess = 26f32.ln() * RECALL_LEN as f32 / line;
    (2.0 * guess, guess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recall_text_starts_as_the_chapter_shows() {
        let text = corpus("recall", "");
        let start = text.vocab.decode(&text.ids[..84]);
        assert_eq!(
            start,
            "wfrgsfxnfdwxrohqwups|wfrgsfxnfdwxrohqwups\nrkteieelsdimrglurgzg|rkteieelsdimrglurgzg\n"
        );
    }

    #[test]
    fn the_two_runners_are_the_same_size() {
        let corpus = corpus("recall", "");
        let v = corpus.vocab.len();
        assert_eq!(v, 28, "26 letters, the bar and the line break");
        let (a, r) = (
            Racer::new(Kind::Attention, v, 10).params(),
            Racer::new(Kind::Recurrent, 65, 10).params(),
        );
        let a65 = Racer::new(Kind::Attention, 65, 10).params();
        assert!((r as f32 / a65 as f32 - 1.0).abs() < 0.02, "{a65} vs {r}");
        assert!(a > 100_000);
        let (blind, perfect) = recall_bounds();
        assert_eq!(
            (format!("{blind:.2}"), format!("{perfect:.2}")),
            ("3.10".into(), "1.55".into())
        );
    }
}
