//! How well the digit U-Net draws: LeNet-5's reading of its samples, per
//! setting, the numbers the chapter quotes.
//!
//! `cargo run --release -p diffusion --example digits -- <per digit> <sampler:steps:even|karras:scale>…`
//! e.g. `… -- 50 ddim:50:even:3 dpm++2m:20:karras:3`
use diffusion::judge::{Setting, accuracy};
use diffusion::{Sampler, Schedule};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count: usize =
        args.first().and_then(|s| s.parse().ok()).ok_or("per-digit count first")?;
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/weights");
    let bytes =
        std::fs::read(root.join("unet-digits.safetensors")).map_err(|e| e.to_string())?;
    let mut net = diffusion::weights::load(&bytes)?;
    let mut lenet = lenet::LeNet5::new(0);
    let bytes =
        std::fs::read(root.join("lenet5.safetensors")).map_err(|e| e.to_string())?;
    lenet::weights::load(&mut lenet, &bytes)?;
    let schedule = Schedule::ddpm();
    for spec in &args[1..] {
        let parts: Vec<&str> = spec.split(':').collect();
        let [sampler, steps, spacing, scale] = parts[..] else {
            return Err(format!("{spec}: want sampler:steps:spacing:scale"));
        };
        let sampler = Sampler::from_name(sampler).ok_or("unknown sampler")?;
        let steps: usize = steps.parse().map_err(|_| "steps")?;
        let steps = if spacing == "karras" {
            schedule.karras(steps)
        } else {
            schedule.spaced(steps)
        };
        let scale: f32 = scale.parse().map_err(|_| "scale")?;
        let start = std::time::Instant::now();
        let s = Setting { digit: 0, scale, sampler, steps, seed: 1 };
        let acc = accuracy(&mut net, &mut lenet, &schedule, &s, count);
        println!("{spec}: {:.1}% ({:.0} s)", 100.0 * acc, start.elapsed().as_secs_f64());
    }
    Ok(())
}
