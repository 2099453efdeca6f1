//! What extreme learning rates do, measured: the training page's sentences
//! about 1e6 and 0.00001 are read off this output.
//! `cargo run --release -p lenet --features cli --example learning_rates`

use lenet::{Dataset, LeNet5, TrainConfig, Trainer, evaluate};
use nn::OptimizerKind;

fn load(prefix: &str) -> Dataset {
    lenet::data::shipped(prefix).expect("shipped MNIST")
}

fn main() {
    let train = load("train-30k").slice(0..25_000);
    let test = load("t10k");
    let runs = [
        ("adam 1e6", OptimizerKind::adam(1e6)),
        ("sgd 1e6", OptimizerKind::Sgd { lr: 1e6, momentum: 0.9 }),
        ("sgd 1000", OptimizerKind::Sgd { lr: 1000.0, momentum: 0.9 }),
        ("adam 1", OptimizerKind::adam(1.0)),
        ("adam 0.1", OptimizerKind::adam(0.1)),
        ("adam 1e-5", OptimizerKind::adam(1e-5)),
        ("adam 1e-3", OptimizerKind::adam(1e-3)),
    ];
    for (name, optimizer) in runs {
        let mut t =
            Trainer::new(LeNet5::new(1), TrainConfig { batch: 32, optimizer, seed: 1 });
        let mut losses = Vec::new();
        let mut stopped = None;
        while t.epoch < 1 {
            match t.step(&train) {
                Ok(l) => losses.push(l),
                Err(e) => {
                    stopped = Some(e.to_string());
                    break;
                }
            }
            if t.epoch_progress() >= 1.0 {
                break;
            }
        }
        let mean = |s: &[f32]| s.iter().sum::<f32>() / s.len().max(1) as f32;
        let first = mean(&losses[..losses.len().min(20)]);
        let last = mean(&losses[losses.len().saturating_sub(50)..]);
        let max = losses.iter().cloned().fold(0.0f32, f32::max);
        let acc = evaluate(&mut t.model, &test);
        println!(
            "{name}: steps {} first20 {first:.3} last50 {last:.3} max {max:.3e} test {:.2}% {}",
            losses.len(),
            acc * 100.0,
            stopped.unwrap_or_default()
        );
    }
}
