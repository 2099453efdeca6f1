//! Trains the two-dimensional denoiser on every shape and reports how close
//! each sampler's points land to the data (mean distance to the nearest data
//! point; pure noise for scale) and the time taken. Sizes the page's demo.
//!
//! `cargo run --release -p diffusion --example toy2d [width] [steps]`

use diffusion::sample::{self, Sampler};
use diffusion::shapes::{self, NAMES};
use diffusion::toy::ToyTrainer;
use std::time::Instant;

fn main() {
    let args: Vec<usize> =
        std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (width, steps) =
        (args.first().copied().unwrap_or(64), args.get(1).copied().unwrap_or(3000));
    for name in NAMES {
        let data = shapes::cloud(name, 4000, 1).expect("shape");
        let mut t = ToyTrainer::new(
            data.clone(),
            shapes::parts(name, &data),
            width,
            3e-3,
            steps,
            1,
        );
        let start = Instant::now();
        let mut last = 0.0;
        for _ in 0..steps {
            last = 0.99 * last + 0.01 * t.train_step();
        }
        let secs = start.elapsed().as_secs_f32();
        let noise = sample::start(500, 2, 9);
        let more = shapes::cloud(name, 500, 2).expect("shape");
        let r = shapes::on_shape_radius(&more, &data);
        let base = shapes::share_on_shape(&noise, &data, r);
        let mut line = format!(
            "{name:10} width {width} params {} steps {steps}: {secs:.1} s, loss {last:.3}; r {r:.3} noise {base:.2}",
            t.model.param_count()
        );
        for (s, count) in [
            (Sampler::Ddpm, 1000),
            (Sampler::Ddpm, 50),
            (Sampler::Ddim, 50),
            (Sampler::Heun, 25),
        ] {
            let out = sample::run(&mut t.model, &t.schedule, s, count, noise.clone(), 5);
            let d = shapes::share_on_shape(out.last(), &data, r);
            line += &format!("; {} {count} {d:.2}", s.name());
        }
        let parts = shapes::parts(name, &data);
        for scale in [0.0, 1.0, 2.0, 3.0, 5.0] {
            let mut p =
                diffusion::toy::Prompted { model: &mut t.model, prompt: Some(0), scale };
            let out =
                sample::run(&mut p, &t.schedule, Sampler::Ddim, 50, noise.clone(), 5);
            let on = shapes::share_on_shape(out.last(), &data, r);
            let part = shapes::share_in_part(out.last(), &data, &parts, 0, r);
            line += &format!("; cfg {scale}: on {on:.2} part0 {part:.2}");
        }
        println!("{line}");
    }
}
