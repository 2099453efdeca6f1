//! The page's "train a GPT yourself" run, natively: each model size gets the
//! same number of seconds, sized from its measured speed as the worker does.
//!
//! ```text
//! cargo run --release -p gpt --example page_race -- shakespeare 180
//! cargo run --release -p gpt --example page_race -- shakespeare 180 medium
//! ```

use gpt::in_page::PageRun;
use gpt::presets::{PAGE_SIZES, PAGE_TIMED_STEPS};
use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = args.first().map_or("shakespeare", String::as_str);
    let seconds: f32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60.0);
    let file =
        if corpus == "tang" { "tang-regulated.txt.gz" } else { "shakespeare-7.txt.gz" };
    let gz = std::fs::read(format!("assets/data/text/{file}"))
        .expect("run from the repository root");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).expect("gzip text");
    let only = args.get(2);
    for size in PAGE_SIZES.iter().filter(|s| only.is_none_or(|o| o == s.name)) {
        let mut run = PageRun::new(&text, size, 3e-3, 1_000_000).expect("long text");
        let start = run.validation();
        // As the page's worker does: two steps to warm up, then a dozen timed.
        let began = Instant::now();
        run.step();
        run.step();
        let (timed, measured) = (Instant::now(), PAGE_TIMED_STEPS);
        for _ in 0..measured {
            run.step();
        }
        let per_second = measured as f32 / timed.elapsed().as_secs_f32();
        let steps = gpt::train::steps_for(seconds, per_second);
        run.trainer.config.steps = steps;
        while run.trainer.step < steps {
            run.step();
        }
        println!(
            "{:>6}: {:>7} parameters, {steps:>5} steps in {:.0} s, held-out loss {start:.2} -> {:.3}",
            size.name,
            run.trainer.model.config.params(),
            began.elapsed().as_secs_f32(),
            run.validation()
        );
        println!("        {:?}", run.sample().chars().take(120).collect::<String>());
    }
}
