//! `train-gpt`: the reproducible command behind the shipped GPT weights.
//!
//! ```text
//! python3 scripts/text_corpora.py     # the two texts into assets/data/text
//! cargo run --release -p gpt --bin train-gpt -- shakespeare --out assets/weights/gpt-shakespeare.safetensors
//! cargo run --release -p gpt --bin train-gpt -- tang --out assets/weights/gpt-tang.safetensors
//! ```
//! Same seed, same file, bit for bit. `--steps N` shortens a run (the
//! learning-rate schedule shrinks with it) to try settings quickly.

use gpt::{Config, Corpus, Trainer, presets};
use std::io::Read;
use std::time::Instant;

fn main() {
    if let Err(message) = run() {
        eprintln!("train-gpt: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let name = args.next().ok_or(
        "usage: train-gpt shakespeare|tang|nanogpt-cpu [--steps N] [--out FILE]",
    )?;
    let mut preset = *presets::ALL
        .iter()
        .find(|p| p.name == name)
        .ok_or(format!("no preset {name:?} (shakespeare, tang, nanogpt-cpu)"))?;
    let (mut out, mut data) = (None, "assets/data/text".to_string());
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--steps" => {
                preset.train.steps =
                    value()?.parse().map_err(|e| format!("--steps: {e}"))?
            }
            "--out" => out = Some(value()?),
            "--data" => data = value()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let path = format!("{data}/{}", preset.corpus);
    let gz = std::fs::read(&path)
        .map_err(|e| format!("{path}: {e} (run scripts/text_corpora.py)"))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut text)
        .map_err(|e| format!("{path}: {e}"))?;
    let corpus = Corpus::new(&text, preset.val_fraction);
    let config = Config {
        vocab: corpus.vocab.len(),
        ctx: preset.ctx,
        dim: preset.dim,
        layers: preset.layers,
        heads: preset.heads,
    };
    println!(
        "{}: {} characters ({} distinct), {} parameters ({} outside the embeddings)",
        preset.name,
        corpus.ids.len(),
        corpus.vocab.len(),
        config.params(),
        config.non_embedding_params()
    );
    let mut trainer = Trainer::new(config, preset.train);
    let started = Instant::now();
    let steps = preset.train.steps;
    let every = (steps / 20).max(1);
    let mut recent = 0.0;
    for step in 1..=steps {
        recent += trainer.train_step(&corpus);
        if step % every == 0 || step == steps {
            let val = trainer.validation_loss(&corpus, 64);
            let secs = started.elapsed().as_secs_f32();
            let tokens = (step * preset.train.batch * preset.ctx) as f32;
            println!(
                "step {step:>6}  train {:.3}  val {val:.3}  {:.0} s  {:.0} chars/s",
                recent / every as f32,
                secs,
                tokens / secs
            );
            recent = 0.0;
        }
    }
    let prompt = corpus
        .vocab
        .encode(&text[..text.char_indices().nth(20).map_or(text.len(), |c| c.0)])
        .0;
    let sample =
        gpt::generate::generate(&trainer.model, &prompt, 200, &gpt::Sampling::GREEDY, 1);
    println!(
        "greedy after the text's first 20 characters:\n{}",
        corpus.vocab.decode(&sample)
    );
    if let Some(out) = out {
        let bytes = gpt::weights::save(&trainer.model, &corpus.vocab);
        std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
        println!("wrote {out} ({} bytes)", bytes.len());
    }
    Ok(())
}
