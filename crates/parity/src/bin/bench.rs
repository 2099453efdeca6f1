//! For `./dev bench`: the step-by-step page's default run (both models,
//! 1,000 steps of 32 questions, graded every 100 steps on 256) on one
//! thread, natively (no peer: the time to its result).

use parity::{Format, Learner, Settings};

fn main() {
    let t = std::time::Instant::now();
    let make = |format| Learner::new(Settings { format, steps: 1000, seed: 1 });
    let mut learners = [make(Format::Direct), make(Format::Interleaved)];
    for l in &mut learners {
        l.accuracy();
    }
    for step in 1..=1000usize {
        for l in &mut learners {
            l.train_step();
            if step.is_multiple_of(100) {
                l.accuracy();
            }
        }
    }
    println!("bench step-by-step-default-native {:.2} s", t.elapsed().as_secs_f64());
}
