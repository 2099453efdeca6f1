//! For `./dev bench`: the experts page's default run (two mixtures of
//! eight experts, 3,000 steps of 256 points each) on one thread, natively
//! (no peer: the time to its result).

use moe::{Run, Settings, Task};

fn main() {
    let settings = |balance| Settings {
        task: Task::Checkerboard(4),
        experts: 8,
        hidden: 6,
        balance,
        seed: 1,
    };
    let t = std::time::Instant::now();
    let mut runs = [Run::new(settings(0.0)), Run::new(settings(0.1))];
    for _ in 0..3_000 {
        for r in &mut runs {
            r.step();
        }
    }
    println!("bench experts-default-native {:.2} s", t.elapsed().as_secs_f64());
}
