//! `bench-roofline`: this machine's one-thread roofline natively (peak
//! operations a second, memory bandwidth) and each of the book's kernels
//! on it; the TPU page's demo measures the same in the browser.

use roofline::kernels::measure;
use roofline::measure::{MIN_MS, roof};
use std::time::Instant;

fn main() {
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1000.0;
    let r = roof(&now, 4.0 * MIN_MS);
    println!("bench roofline-peak-native {:.2} GFLOP/s", r.peak / 1e9);
    println!("bench roofline-bandwidth-native {:.2} GB/s", r.bandwidth / 1e9);
    for p in measure(&now, 4.0 * MIN_MS) {
        println!(
            "bench roofline-{}-native {:.2} GFLOP/s (intensity {:.2} per byte)",
            p.name,
            p.rate() / 1e9,
            p.intensity()
        );
    }
}
