//! The chapter's table: mixtures of 8 experts on both patterns, without
//! and with the load-balancing loss at three weights, four seeds each
//! (seed 1 is the demo's). Every run is seeded.
//!
//!     cargo run --release -p moe --bin moe-table

use moe::{Run, Settings, Task};

fn main() {
    let (experts, hidden, steps) = (8, 6, 3_000);
    let counts = moe::Mixture::new(experts, hidden, 1).parameter_counts();
    println!(
        "{experts} experts of {hidden} hidden units: {} parameters, {} used per point",
        counts.0, counts.1
    );
    for task in [Task::Checkerboard(4), Task::Rings(4)] {
        for balance in [0.0, 0.01, 0.1, 1.0] {
            let mut line = format!("{task:?} balance {balance}:");
            let mut mean = 0.0;
            for seed in 1..=4 {
                let mut run = Run::new(Settings { task, experts, hidden, balance, seed });
                for _ in 0..steps {
                    run.step();
                }
                let s = run.score();
                let working = s.shares.iter().filter(|&&v| v >= 0.01).count();
                let smallest = s.shares.iter().copied().fold(1.0, f32::min);
                mean += s.accuracy / 4.0;
                line += &format!(
                    " seed {seed} {:.1}% ({working} at work, smallest {:.2}, balance loss {:.2});",
                    s.accuracy * 100.0,
                    smallest,
                    s.balance
                );
            }
            println!("{line} mean {:.1}%", mean * 100.0);
        }
    }
}
