//! The chapter's table: hard labels against soft targets at each
//! temperature, and the student that never saw a 3. Every run is seeded;
//! the runs share the cores.
//!
//!     cargo run --release -p distill --bin distill-table

use distill::experiment::{DEFAULT_TEMPERATURE, TEMPERATURES};
use distill::{Setup, Which};

fn run(setup: Setup) -> String {
    let mut e = distill::shipped(setup).expect("the shipped files");
    while e.advance(1_000) {}
    let curve = |w: Which| {
        e.curves[w as usize]
            .iter()
            .map(|(x, a)| format!("{x}:{:.2}", a * 100.0))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = format!(
        "T {} omit {:?} ({} images)\n  hard {}\n  soft {}",
        setup.temperature,
        setup.omit,
        e.transfer_len,
        curve(Which::Hard),
        curve(Which::Soft)
    );
    let outcome = e.outcome();
    if let Some(d) = setup.omit {
        for (b, all, digit) in outcome.sweep.iter().step_by(2) {
            out += &format!(
                "\n  bias +{b}: hard {:.2}% ({:.1}% of {d}s), soft {:.2}% ({:.1}% of {d}s)",
                all[0] * 100.0,
                digit[0] * 100.0,
                all[1] * 100.0,
                digit[1] * 100.0
            );
        }
    }
    out
}

fn main() {
    let mut setups: Vec<Setup> = TEMPERATURES
        .iter()
        .map(|&temperature| Setup { temperature, omit: None })
        .collect();
    setups.push(Setup { temperature: DEFAULT_TEMPERATURE, omit: Some(3) });
    let results: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> =
            setups.iter().map(|&setup| s.spawn(move || run(setup))).collect();
        handles.into_iter().map(|h| h.join().expect("a run")).collect()
    });
    for r in results {
        println!("{r}");
    }
}
