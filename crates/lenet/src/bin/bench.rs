//! `bench-lenet`: native LeNet-5 figures for `./dev bench`, one
//! `bench <name> <value> <unit>` line each (batch 32, Adam, one thread).

use lenet::{Dataset, LeNet5, TrainConfig, Trainer};
use rand::RngExt;
use std::time::Instant;

fn synthetic(n: usize) -> Dataset {
    let mut rng = nn::rng(42);
    Dataset {
        images: (0..n * 784).map(|_| rng.random_range(0.0..1.0)).collect(),
        labels: (0..n).map(|i| (i % 10) as u8).collect(),
    }
}

fn main() {
    let data = synthetic(32 * 64);
    let mut t = Trainer::new(LeNet5::new(1), TrainConfig::default());
    for _ in 0..20 {
        t.step(&data).expect("step");
    }
    let batches = 600;
    let start = Instant::now();
    for _ in 0..batches {
        t.step(&data).expect("step");
    }
    let train = (batches * 32) as f64 / start.elapsed().as_secs_f64();
    println!("bench native-train-lenet5-ours {train:.0} images/s");

    let mut model = LeNet5::new(1);
    let batch = &data.images[..32 * 784];
    let _ = model.forward(batch, 32);
    let start = Instant::now();
    let mut sink = 0.0;
    for _ in 0..1000 {
        sink += model.forward(batch, 32)[0];
    }
    std::hint::black_box(sink);
    println!(
        "bench native-infer-lenet5-ours {:.0} images/s",
        32_000.0 / start.elapsed().as_secs_f64()
    );

    // Where the forward time goes, layer by layer (batch 32).
    let mut x = batch.to_vec();
    for (i, layer) in model.layers.iter_mut().enumerate() {
        let start = Instant::now();
        let mut out = Vec::new();
        for _ in 0..200 {
            out = layer.forward(&x, 32);
        }
        let us = start.elapsed().as_secs_f64() * 1e6 / 200.0;
        println!(
            "bench native-forward-{}-{} {us:.1} us/batch",
            i + 1,
            layer
                .describe()
                .replace(' ', "-")
                .replace('→', "to")
                .replace('×', "x")
                .replace(',', "")
        );
        x = out;
    }
}
