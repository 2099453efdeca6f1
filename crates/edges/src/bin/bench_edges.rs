//! `bench-edges`: native speed of the "edges emerge" page's default run
//! (64 filters, 12 × 12 patches, batches of 100, 30 FISTA rounds), one
//! thread: one `bench native-edges-learn-ours <batches/s> batches/s` line.
//! `bench/numpy_edges.py` measures the same learner in NumPy.

use edges::{Learner, Settings, Source};
use std::time::Instant;

fn main() {
    // White noise: the speed does not depend on what the pictures show.
    let mut learner =
        Learner::new(Source::Noise.pictures(Vec::new()), Settings::default());
    for _ in 0..20 {
        learner.step();
    }
    let batches = 300;
    let start = Instant::now();
    for _ in 0..batches {
        learner.step();
    }
    let rate = f64::from(batches) / start.elapsed().as_secs_f64();
    println!("bench native-edges-learn-ours {rate:.1} batches/s");
}
