//! Draws many digits at every setting of the knobs chapter's two charts and
//! writes the reference the page plots under the reader's own points.
//!
//! `cargo run --release -p diffusion --bin judge-knobs -- --per-digit 100 --out assets/data/diffusion/knobs.json`
//!
//! Flags: `--per-digit` drawings of each digit per setting (a multiple of
//! 10; 100 gives the shipped 1,000), `--threads` (settings are shared out
//! whole), `--seed` the first batch's seed. Deterministic for given flags.

use diffusion::Schedule;
use diffusion::knobs::{
    self, BATCH, FORMAT, Knobs, Line, Reference, SIZES, Tally, TestSet,
};
use lenet::LeNet5;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
    };
    let number = |name: &str, default: usize| -> Result<usize, String> {
        flag(name).map_or(Ok(default), |v| v.parse().map_err(|e| format!("{name}: {e}")))
    };
    let per_digit = number("--per-digit", 100)?;
    if per_digit == 0 || per_digit % BATCH != 0 {
        return Err(format!("--per-digit must be a positive multiple of {BATCH}"));
    }
    let threads = number("--threads", 2)?.max(1);
    let first_seed = number("--seed", 0)? as u64;
    let out = flag("--out").ok_or("--out <file.json> is required")?;

    let assets = lenet::data::assets();
    let unet_bytes = std::fs::read(assets.join("weights/unet-digits.safetensors"))
        .map_err(|e| e.to_string())?;
    let lenet_bytes = std::fs::read(assets.join("weights/lenet5.safetensors"))
        .map_err(|e| e.to_string())?;
    let load_lenet = || -> Result<LeNet5, String> {
        let mut lenet = LeNet5::new(0);
        lenet::weights::load(&mut lenet, &lenet_bytes)?;
        Ok(lenet)
    };
    let test_digits = lenet::data::shipped("t10k")?;
    let test =
        TestSet::measure(&mut load_lenet()?, &test_digits.images, &test_digits.labels);
    // Scores use the numbers as stored in the file (f32), as the page does.
    let test: TestSet = serde_json::from_str(&serde_json::to_string(&test).unwrap())
        .map_err(|e| e.to_string())?;

    let mut settings: Vec<Knobs> = Knobs::guidance();
    for k in Knobs::steps() {
        if !settings.contains(&k) {
            settings.push(k);
        }
    }
    let mut order: Vec<usize> = (0..settings.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(settings[i].calls()));
    let batches = per_digit * 10 / BATCH;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Line>>> = Mutex::new(vec![None; settings.len()]);
    let began = Instant::now();
    std::thread::scope(|scope| -> Result<(), String> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    let mut net = diffusion::weights::load(&unet_bytes)?;
                    let mut lenet = load_lenet()?;
                    let schedule = Schedule::ddpm();
                    loop {
                        let at = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&i) = order.get(at) else { return Ok(()) };
                        let knobs = settings[i];
                        let mut tally = Tally::default();
                        for b in 0..batches {
                            let (digit, images) = knobs::draw_batch(
                                &mut net, &schedule, &knobs, b, first_seed,
                            );
                            tally.add(&mut lenet, digit, &images);
                        }
                        let scores: Vec<_> = SIZES
                            .iter()
                            .filter(|&&n| n <= tally.len())
                            .map(|&n| tally.score(n, &test))
                            .collect();
                        let last = scores.last().copied();
                        eprintln!(
                            "{:>6.0} s  {} {} steps, scale {}: {last:?}",
                            began.elapsed().as_secs_f64(),
                            knobs.sampler.name(),
                            knobs.steps,
                            knobs.scale
                        );
                        results.lock().unwrap()[i] = Some(Line { knobs, scores });
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().map_err(|_| "a worker thread panicked")??;
        }
        Ok(())
    })?;
    let lines: Vec<Line> = results.into_inner().unwrap().into_iter().flatten().collect();
    let pick = |wanted: Vec<Knobs>| -> Vec<Line> {
        wanted
            .iter()
            .filter_map(|k| lines.iter().find(|l| l.knobs == *k).cloned())
            .collect()
    };
    let reference = Reference {
        format: FORMAT.into(),
        first_seed,
        test,
        guidance: pick(Knobs::guidance()),
        steps: pick(Knobs::steps()),
    };
    let text = serde_json::to_string(&reference).map_err(|e| e.to_string())?;
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(&out, text + "\n").map_err(|e| e.to_string())?;
    eprintln!("wrote {out} in {:.0} s", began.elapsed().as_secs_f64());
    Ok(())
}
