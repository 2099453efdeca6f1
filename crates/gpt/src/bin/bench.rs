//! `bench-gpt`: native GPT training figures for `./dev bench`, one
//! `bench <name> <value> <unit>` line each, one thread. Two shapes: the
//! shipped Shakespeare model's (context 128, width 128, 4 layers × 4 heads,
//! 16 windows a step) and nanoGPT's CPU example (context 64, width 128,
//! 4 × 4, 12 windows). `bench/pytorch_gpt.py` measures PyTorch on the same.

use gpt::{Config, Corpus, TrainConfig, Trainer};
use std::time::Instant;

/// `(figure, context, batch)`; width 128, 4 layers, 4 heads for both.
const SHAPES: [(&str, usize, usize); 2] =
    [("native-train-gpt-shakespeare", 128, 16), ("native-train-gpt-nanogpt-cpu", 64, 12)];

fn main() {
    // Random characters: the speed does not depend on the text.
    let mut rng = nn::rng(7);
    let text: String = (0..200_000)
        .map(|_| char::from(b' ' + rand::RngExt::random_range(&mut rng, 0..65u8)))
        .collect();
    let corpus = Corpus::new(&text, 0.05);
    for (name, ctx, batch) in SHAPES {
        let config =
            Config { vocab: corpus.vocab.len(), ctx, dim: 128, layers: 4, heads: 4 };
        let train = TrainConfig { batch, steps: 10_000, ..TrainConfig::default() };
        let mut t = Trainer::new(config, train);
        for _ in 0..5 {
            t.train_step(&corpus);
        }
        let steps = 40;
        let start = Instant::now();
        for _ in 0..steps {
            t.train_step(&corpus);
        }
        let tokens = (steps * batch * ctx) as f64 / start.elapsed().as_secs_f64();
        println!("bench {name}-ours {tokens:.0} tokens/s");
    }
}
