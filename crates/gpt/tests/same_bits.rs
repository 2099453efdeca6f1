//! The speed-ups in `nn` (attention's scores along the columns, GELU's
//! branch-free tanh) must not change a single bit of training, or the
//! shipped weights would no longer come out of their command. This pins a
//! short run's losses to the ones the code before those changes gave.

use gpt::{Config, Corpus, TrainConfig, Trainer};

#[test]
fn a_short_training_run_gives_the_same_losses_bit_for_bit() {
    let text = "to be or not to be, that is the question. ".repeat(2000);
    let corpus = Corpus::new(&text, 0.05);
    let config =
        Config { vocab: corpus.vocab.len(), ctx: 64, dim: 64, layers: 2, heads: 4 };
    let train = TrainConfig { batch: 8, steps: 100, ..TrainConfig::default() };
    let mut t = Trainer::new(config, train);
    let mut hash = 0u64;
    for _ in 0..30 {
        let loss = t.train_step(&corpus);
        hash = hash.wrapping_mul(31).wrapping_add(u64::from(loss.to_bits()));
    }
    assert_eq!(format!("{hash:x}"), "c8eca959fc679df0");
}
