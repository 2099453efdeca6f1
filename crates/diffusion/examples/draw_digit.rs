//! One digit drawn natively with the shipped weights, printed as the
//! page's `data-image` (784 numbers, three decimals): the browser test
//! checks that the page draws the same picture.
//!
//! `cargo run -p diffusion --example draw_digit -- <digit> <scale> <sampler> <steps> <even|karras> <seed>`
use diffusion::judge::{Setting, draw};
use diffusion::{Sampler, Schedule};

fn main() -> Result<(), String> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| a.get(i).map(String::as_str).ok_or("too few arguments");
    let number =
        |i: usize| arg(i)?.parse::<f64>().map_err(|e| format!("argument {i}: {e}"));
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/weights");
    let bytes =
        std::fs::read(root.join("unet-digits.safetensors")).map_err(|e| e.to_string())?;
    let mut net = diffusion::weights::load(&bytes)?;
    let schedule = Schedule::ddpm();
    let sampler = Sampler::from_name(arg(2)?).ok_or("unknown sampler")?;
    let count = number(3)? as usize;
    let steps =
        if arg(4)? == "karras" { schedule.karras(count) } else { schedule.spaced(count) };
    let setting = Setting {
        digit: number(0)? as u8,
        scale: number(1)? as f32,
        sampler,
        steps,
        seed: number(5)? as u64,
    };
    let image = draw(&mut net, &schedule, &setting, 1);
    let text: Vec<String> = image.iter().map(|v| format!("{v:.3}")).collect();
    println!("{}", text.join(","));
    Ok(())
}
