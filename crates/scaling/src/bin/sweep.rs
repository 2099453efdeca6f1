//! `sweep`: the reproducible command behind the scaling page's reference
//! points, `assets/data/scaling/reference.json`.
//!
//! ```text
//! cargo run --release -p scaling --bin sweep -- --out assets/data/scaling/reference.json
//! ```
//! Every shape of `scaling::sweep::reference_shapes` on the page's text and
//! budget, for seeds 1–3, spread over the machine's cores (each model on
//! one thread, so the file does not depend on how many there are).
//! `--chars N` and `--seeds K` shorten it to try settings.

use scaling::sweep::{
    DEFAULT_BUDGET, Reference, read_text, reference_shapes, train_many,
};
use std::time::Instant;

fn main() {
    if let Err(message) = run() {
        eprintln!("sweep: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let (mut out, mut chars, mut seeds) = (None, DEFAULT_BUDGET, 3u64);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => out = Some(value()?),
            "--chars" => chars = value()?.parse().map_err(|e| format!("--chars: {e}"))?,
            "--seeds" => seeds = value()?.parse().map_err(|e| format!("--seeds: {e}"))?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let corpus = read_text(std::path::Path::new("."))?;
    let jobs: Vec<_> = (1..=seeds)
        .flat_map(|seed| reference_shapes().into_iter().map(move |s| (s, seed)))
        .collect();
    let started = Instant::now();
    let done = train_many(&corpus, &jobs, chars, |p, seconds| {
        println!(
            "{} layers × {:>3}, seed {}: {:>7} parameters outside the embeddings, loss {:.4} ({seconds:.0} s)",
            p.shape.layers, p.shape.dim, p.seed, p.non_embedding, p.loss
        )
    });
    println!("{} models in {:.0} s", done.len(), started.elapsed().as_secs_f32());
    let reference = Reference {
        text: "shakespeare-7".into(),
        chars,
        seeds: (1..=seeds).collect(),
        points: done.into_iter().map(|(p, _)| p).collect(),
    };
    let json = serde_json::to_string_pretty(&reference).map_err(|e| e.to_string())?;
    match out {
        Some(path) => {
            std::fs::write(&path, json + "\n").map_err(|e| format!("{path}: {e}"))
        }
        None => {
            println!("{json}");
            Ok(())
        }
    }
}
