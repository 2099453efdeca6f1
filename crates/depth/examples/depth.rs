//! Races plain and residual networks of two depths and prints their
//! training error (on the first 2,000 training images) as they go.
//!
//! `cargo run --release -p depth --example depth -- <steps> <lr> <shallow layers> <deep layers>`
use depth::{Race, Settings};

fn main() -> Result<(), String> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let num =
        |i: usize, d: f64| a.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(d);
    let (steps, lr) = (num(0, 1500.0) as usize, num(1, 0.01) as f32);
    let (shallow, deep) = (num(2, 20.0) as usize, num(3, 56.0) as usize);
    let data = lenet::data::shipped("train-30k")?;
    let probe = data.slice(0..2000);
    let mut race = Race::new(shallow, deep, Settings { lr, ..Settings::default() });
    println!(
        "step  plain-{shallow} plain-{deep} residual-{shallow} residual-{deep} (training error %)"
    );
    for step in 1..=steps {
        race.round(&data);
        if step % (steps / 10).max(1) == 0 {
            let e: Vec<String> = race
                .errors(&probe)
                .iter()
                .map(|e| format!("{:>6.1}", e * 100.0))
                .collect();
            println!("{step:>5} {}", e.join(" "));
        }
    }
    Ok(())
}
