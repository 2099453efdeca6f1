//! `train-lenet`: the reproducible command behind the shipped weights.
//!
//! ```text
//! python3 scripts/fetch_mnist.py            # full MNIST into .cache/mnist
//! cargo run --release -p lenet --features cli --bin train-lenet -- \
//!     --epochs 8 --out assets/weights/lenet5.safetensors
//! ```
//! Trains on the first 55,000 training images, validates on the last 5,000,
//! and reports the error on the official 10,000 test images after each epoch.

use lenet::{Dataset, LeNet5, TrainConfig, Trainer, evaluate};
use nn::OptimizerKind;
use std::path::PathBuf;
use std::time::Instant;

struct Args {
    data: PathBuf,
    train: usize,
    val: usize,
    epochs: usize,
    batch: usize,
    lr: f32,
    sgd: bool,
    seed: u64,
    out: Option<PathBuf>,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from(".cache/mnist"),
        train: 60_000,
        val: 5_000,
        epochs: 8,
        batch: 32,
        lr: 1e-3,
        sgd: false,
        seed: 1,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = PathBuf::from(value()?),
            "--train" => {
                a.train = value()?.parse().map_err(|e| format!("--train: {e}"))?
            }
            "--val" => a.val = value()?.parse().map_err(|e| format!("--val: {e}"))?,
            "--epochs" => {
                a.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?
            }
            "--batch" => {
                a.batch = value()?.parse().map_err(|e| format!("--batch: {e}"))?
            }
            "--lr" => a.lr = value()?.parse().map_err(|e| format!("--lr: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--sgd" => a.sgd = true,
            "--out" => a.out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(a)
}

fn load(dir: &std::path::Path, prefix: &str) -> Result<Dataset, String> {
    let find = |kind: &str| -> Result<PathBuf, String> {
        ["", ".gz"]
            .iter()
            .map(|ext| dir.join(format!("{prefix}-{kind}{ext}")))
            .find(|p| p.exists())
            .ok_or(format!(
                "no {prefix}-{kind} in {} (run scripts/fetch_mnist.py)",
                dir.display()
            ))
    };
    let digits = mnist::load(&find("images.idx3-ubyte")?, &find("labels.idx1-ubyte")?)?;
    Ok(Dataset::from_digits(&digits))
}

fn main() {
    let args = parse().unwrap_or_else(|e| {
        eprintln!("train-lenet: {e}");
        std::process::exit(2)
    });
    let run = || -> Result<(), String> {
        let all = load(&args.data, "train")?.slice(0..args.train);
        let (train, val) = all.split_last(args.val);
        let test = load(&args.data, "t10k")?;
        let optimizer = if args.sgd {
            OptimizerKind::Sgd { lr: args.lr, momentum: 0.9 }
        } else {
            OptimizerKind::adam(args.lr)
        };
        let config = TrainConfig { batch: args.batch, optimizer, seed: args.seed };
        let mut t = Trainer::new(LeNet5::new(args.seed), config);
        println!(
            "LeNet-5, {} parameters; {} training, {} validation, {} test images; {config:?}",
            t.model.param_count(),
            train.len(),
            val.len(),
            test.len()
        );
        for epoch in 1..=args.epochs {
            let start = Instant::now();
            let (mut sum, mut count) = (0.0, 0);
            while t.epoch < epoch {
                sum += t.step(&train).map_err(|e| e.to_string())?;
                count += 1;
                if t.epoch_progress() >= 1.0 {
                    break;
                }
            }
            let secs = start.elapsed().as_secs_f64();
            let val_acc = evaluate(&mut t.model, &val);
            let test_acc = evaluate(&mut t.model, &test);
            println!(
                "epoch {epoch}: loss {:.4}, validation {:.2}%, test {:.2}% (error {:.2}%), {:.0} images/s",
                sum / count as f32,
                val_acc * 100.0,
                test_acc * 100.0,
                100.0 - test_acc * 100.0,
                (count * args.batch) as f64 / secs
            );
        }
        if let Some(out) = &args.out {
            std::fs::write(out, lenet::weights::save(&t.model))
                .map_err(|e| format!("{}: {e}", out.display()))?;
            println!("wrote {}", out.display());
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("train-lenet: {e}");
        std::process::exit(1);
    }
}
