//! `bench-systolic`: how fast the simulator runs natively, one thread, on
//! the TPU page's large product (1,024 × 256 by 256 × 256) on a 256 × 256
//! array: `bench native-systolic-256 <cycles/s> cycles/s` and the same as
//! processing-element updates per second.

use std::time::Instant;
use systolic::{Array, matmul};

fn main() {
    let numbers = |len: usize, mut s: u32| -> Vec<i8> {
        (0..len)
            .map(|_| {
                s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (s >> 24) as i8
            })
            .collect()
    };
    let (m, k, c, n) = (1024, 256, 256, 256);
    let a: Vec<u8> = numbers(m * k, 1).iter().map(|&v| v as u8).collect();
    let w = numbers(k * c, 2);
    let start = Instant::now();
    let (_, counters) = matmul(&mut Array::new(n), m, k, c, &a, &w);
    let seconds = start.elapsed().as_secs_f64();
    let cycles = counters.cycles as f64 / seconds;
    println!("bench native-systolic-256 {cycles:.0} cycles/s");
    println!("bench native-systolic-pe-updates {:.0} updates/s", cycles * (n * n) as f64);
}
