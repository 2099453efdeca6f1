//! `train-digits`: the reproducible command behind the shipped digit U-Net.
//!
//! ```text
//! python3 scripts/fetch_mnist.py            # full MNIST into .cache/mnist
//! cargo run --release -p diffusion --bin train-digits -- \
//!     --steps 6000 --out assets/weights/unet-digits.safetensors
//! ```
//! Trains on all 60,000 training images (threads share each batch) and
//! saves the averaged (EMA) weights in half precision.

use diffusion::digits::{DigitTrainer, Settings, to_model};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("train-digits: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut settings = Settings::shipped(6_000);
    let (mut data, mut out) = (PathBuf::from(".cache/mnist"), None);
    let mut every = 500;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--data" => data = PathBuf::from(value),
            "--steps" => settings.steps = number(&value)?,
            "--threads" => settings.threads = number(&value)?.max(1),
            "--batch" => settings.batch = number(&value)?.max(1),
            "--seed" => settings.seed = number(&value)? as u64,
            "--ema" => settings.ema = value.parse().map_err(|e| format!("--ema: {e}"))?,
            "--every" => every = number(&value)?.max(1),
            "--out" => out = Some(PathBuf::from(value)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let digits = mnist::load(
        &data.join("train-images.idx3-ubyte"),
        &data.join("train-labels.idx1-ubyte"),
    )
    .map_err(|e| format!("{e} (run python3 scripts/fetch_mnist.py)"))?;
    let images: Vec<f32> = digits.iter().flat_map(|d| to_model(&d.pixels)).collect();
    let labels: Vec<u8> = digits.iter().map(|d| d.label).collect();
    let mut trainer = DigitTrainer::new(settings);
    let net = trainer.averaged();
    eprintln!(
        "{} images; U-Net {} parameters, {:.1} M multiply-adds per image; {settings:?}",
        labels.len(),
        net.param_count(),
        net.macs() as f64 / 1e6
    );
    let start = Instant::now();
    let mut recent = 0.0;
    for step in 1..=settings.steps {
        recent += trainer.train_step(&images, &labels);
        if step % every == 0 || step == settings.steps {
            let secs = start.elapsed().as_secs_f64();
            eprintln!(
                "step {step}: loss {:.4}, {:.0} images/s, {:.0} s",
                recent / (if step % every == 0 { every } else { step % every }) as f32,
                (step * settings.batch) as f64 / secs,
                secs
            );
            recent = 0.0;
            if let Some(out) = &out {
                std::fs::write(out, diffusion::weights::save(&trainer.averaged()))
                    .map_err(|e| format!("{}: {e}", out.display()))?;
            }
        }
    }
    Ok(())
}
