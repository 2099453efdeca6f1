//! `bench-depth`: native training speed of the page's default race (plain
//! and residual networks of 8 and 20 layers, width 32, batches of 64, SGD
//! with momentum), one thread: one `bench native-train-resnet-depth-ours
//! <rounds/s> rounds/s` line, a round being one step of each network.
//! `bench/pytorch_depth.py` measures PyTorch on the same four networks.

use depth::{Race, Settings};
use std::time::Instant;

fn main() {
    // Random images: the speed does not depend on the pictures.
    let mut rng = nn::rng(7);
    let data = lenet::Dataset {
        images: (0..2000 * 784)
            .map(|_| rand::RngExt::random_range(&mut rng, 0.0..1.0))
            .collect(),
        labels: (0..2000).map(|i| (i % 10) as u8).collect(),
    };
    let mut race = Race::new(8, 20, Settings::default());
    for _ in 0..20 {
        race.round(&data);
    }
    let rounds = 300;
    let start = Instant::now();
    for _ in 0..rounds {
        race.round(&data);
    }
    let rate = f64::from(rounds) / start.elapsed().as_secs_f64();
    println!("bench native-train-resnet-depth-ours {rate:.1} rounds/s");
}
