//! `bench-digits`: native training speed of the digit U-Net for `./dev
//! bench`, one thread, batches of 128 (the shipped run's): one
//! `bench native-train-unet-digits-ours <images/s> images/s` line.
//! `bench/pytorch_unet.py` measures PyTorch on the same network.

use diffusion::digits::{DigitTrainer, Settings};
use std::time::Instant;

fn main() {
    // Random images: the speed does not depend on the pictures.
    let mut rng = nn::rng(7);
    let images: Vec<f32> = (0..1000 * 784)
        .map(|_| rand::RngExt::random_range(&mut rng, -1.0..1.0))
        .collect();
    let labels: Vec<u8> = (0..1000).map(|i| (i % 10) as u8).collect();
    let settings = Settings { threads: 1, ..Settings::shipped(10_000) };
    let mut t = DigitTrainer::new(settings);
    for _ in 0..2 {
        t.train_step(&images, &labels);
    }
    let steps = 8;
    let start = Instant::now();
    for _ in 0..steps {
        t.train_step(&images, &labels);
    }
    let rate = (steps * settings.batch) as f64 / start.elapsed().as_secs_f64();
    println!("bench native-train-unet-digits-ours {rate:.0} images/s");
}
