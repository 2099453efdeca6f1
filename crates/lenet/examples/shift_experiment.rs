//! How much do a few labelled examples of a new domain help, with and without
//! pre-training? Runs the fine-tuning demo's own `Comparison` on the same
//! 1,000 test digits, for every choice the demo offers; the chapter's claims
//! are read off this table.
//! `cargo run --release -p lenet --features cli --example shift_experiment`

use lenet::finetune::{Comparison, Learner};
use lenet::shift::Shift;
use lenet::{Dataset, LeNet5};

fn load(prefix: &str) -> Dataset {
    lenet::data::shipped(prefix).expect("shipped MNIST")
}

fn main() {
    let train = load("train-30k");
    let test = load("t10k").slice(0..1000);
    let weights = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/weights/lenet5.safetensors"),
    )
    .unwrap();
    println!(
        "shift n: pretrained | fine-tuned after epochs 1/5/10/20 | scratch after 1/5/10/20 (% of 1,000 test digits)"
    );
    for shift in [Shift::Invert, Shift::SlantThick, Shift::Rotate90] {
        for n in [100, 300, 1000] {
            let mut pre = LeNet5::new(0);
            lenet::weights::load(&mut pre, &weights).unwrap();
            let mut c = Comparison::new(pre, shift, &train.slice(0..n), &test, 20);
            while c.advance(1000) {}
            let at = |l: Learner| {
                [1, 5, 10, 20]
                    .map(|e| format!("{:.1}", c.curves[l as usize][e].1 * 100.0))
                    .join("/")
            };
            println!(
                "{shift:?} n={n}: {:.1} | {} | {}",
                c.pretrained_accuracy * 100.0,
                at(Learner::FineTuned),
                at(Learner::Scratch)
            );
        }
    }
}
