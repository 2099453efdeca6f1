//! Trains both formats for a few seeds and prints test accuracy as it goes
//! (the figures the chapter quotes): `parity-table [steps] [seeds]`.

use parity::{Format, Learner, Settings};

fn main() {
    let args: Vec<usize> =
        std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let steps = args.first().copied().unwrap_or(2000);
    let seeds = args.get(1).copied().unwrap_or(4) as u64;
    let only = std::env::var("FORMAT").ok();
    for format in Format::ALL {
        if only.as_deref().is_some_and(|f| f != format!("{format:?}")) {
            continue;
        }
        for seed in 1..=seeds {
            let mut learner = Learner::new(Settings { format, steps, seed });
            let start = std::time::Instant::now();
            let mut line = format!("{format:?} seed {seed}:");
            while !learner.done() {
                let loss = learner.train_step();
                if learner.step.is_multiple_of(100) {
                    let g = learner.accuracy();
                    line += &format!(
                        " {}:{:.1}%/{:.1}%/{loss:.3}",
                        learner.step,
                        100.0 * g.answers,
                        100.0 * g.tokens
                    );
                }
            }
            println!("{line} ({:.0} s)", start.elapsed().as_secs_f32());
        }
    }
}
