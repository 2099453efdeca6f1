//! `bench-concept`: native speed of the cat-neuron page's training (64
//! hidden units, 5 kept per image, batches of 64), one thread: one
//! `bench native-train-concept-neuron <batches/s> batches/s` line, and the
//! seconds the page's 3,000 batches take at that speed.

use concept::{Settings, random_digits};
use std::time::Instant;

fn main() {
    let data = random_digits(2_000, 7);
    let settings = Settings::default();
    let mut trainer = settings.trainer();
    for _ in 0..20 {
        trainer.step(&data, settings.batch);
    }
    let batches = 500;
    let start = Instant::now();
    for _ in 0..batches {
        trainer.step(&data, settings.batch);
    }
    let rate = f64::from(batches) / start.elapsed().as_secs_f64();
    println!("bench native-train-concept-neuron {rate:.1} batches/s");
    let run = settings.steps as f64 / rate;
    println!("bench native-train-concept-neuron-run {run:.2} s");
}
