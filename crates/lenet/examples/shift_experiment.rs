//! How much do a few hundred labelled examples of a new domain help, with and
//! without pre-training? (The numbers behind the fine-tuning demo's defaults.)
//! `cargo run --release -p lenet --features cli --example shift_experiment`

use lenet::shift::Shift;
use lenet::{evaluate, Dataset, LeNet5, TrainConfig, Trainer};

fn load(prefix: &str) -> Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/data/mnist");
    let digits = mnist::load(
        &dir.join(format!("{prefix}-images.idx3-ubyte.gz")),
        &dir.join(format!("{prefix}-labels.idx1-ubyte.gz")),
    )
    .unwrap();
    Dataset::from_digits(&digits)
}

fn main() {
    let train = load("train-30k");
    let test = load("t10k").slice(0..2000);
    let weights = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/weights/lenet5.safetensors")).unwrap();
    for shift in [Shift::Rotate90, Shift::Invert, Shift::SlantThick] {
        let shifted_test = shift.dataset(&test);
        for n in [100, 300, 1000] {
            let few = shift.dataset(&train.slice(0..n));
            let mut pre = LeNet5::new(0);
            lenet::weights::load(&mut pre, &weights).unwrap();
            let base = evaluate(&mut pre, &shifted_test);
            let mut results = Vec::new();
            for (name, model, lr) in [("fine-tune", pre, 1e-3), ("scratch", LeNet5::new(1), 1e-3)] {
                let mut t = Trainer::new(model, TrainConfig { batch: 16, optimizer: nn::OptimizerKind::adam(lr), seed: 1 });
                let mut curve = Vec::new();
                for epoch in 1..=20 {
                    while t.epoch < epoch {
                        t.step(&few).unwrap();
                        if t.epoch_progress() >= 1.0 {
                            break;
                        }
                    }
                    if epoch % 5 == 0 {
                        curve.push(format!("{:.1}", evaluate(&mut t.model, &shifted_test) * 100.0));
                    }
                }
                results.push(format!("{name} {}", curve.join("/")));
            }
            println!("{:?} n={n}: pretrained {:.1}% | {}", shift, base * 100.0, results.join(" | "));
        }
    }
}
