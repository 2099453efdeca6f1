//! Runs the page's training natively and prints how the filters change:
//! `cargo run --release -p edges --example edges_run -- [photos|cat|textures|noise] [lambda] [atoms] [lr]`
//! (`BATCHES=…` and `EPS=…` change the run length and the whitening floor).
//! Writes the filters as `target/edges-<which>.pgm` to look at.

use edges::{Learner, Photo, Settings, Source, measure};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("photos");
    let mut settings = Settings::default();
    if let Ok(e) = std::env::var("EPS") {
        settings.epsilon = e.parse().unwrap();
    }
    if let Ok(b) = std::env::var("BATCHES") {
        settings.batches = b.parse().unwrap();
    }
    let mut lr = 0.1f32;
    if let Some(l) = args.get(2) {
        settings.lambda = l.parse().unwrap();
    }
    if let Some(r) = args.get(4) {
        lr = r.parse().unwrap();
    }
    if let Some(a) = args.get(3) {
        settings.atoms = a.parse().unwrap();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/data/photos");
    let read = |n: &str| Photo::read_gz(&dir.join(format!("{n}.pgm.gz"))).unwrap();
    let source = Source::from_key(which).unwrap_or(Source::Photos);
    let photos = source.pictures(source.photos().iter().map(|n| read(n)).collect());
    let t0 = std::time::Instant::now();
    let mut learner = Learner::new(photos, settings);
    learner.coder.lr = lr;
    println!("whitening {:.2?}", t0.elapsed());
    let pca: Vec<measure::Shape> = learner
        .whitening
        .components
        .chunks_exact(settings.size * settings.size)
        .take(settings.atoms)
        .map(|c| measure::shape(c, settings.size))
        .collect();
    println!("pca edges {}", pca.iter().filter(|s| s.is_edge()).count());
    println!("start edges {}", learner.edges());
    while !learner.done() {
        let fit = learner.step();
        if learner.batches.is_multiple_of(50) {
            let shapes = learner.coder.shapes(settings.size);
            let mean_o =
                shapes.iter().map(|s| s.oriented).sum::<f32>() / shapes.len() as f32;
            let mean_s =
                shapes.iter().map(|s| s.spread).sum::<f32>() / shapes.len() as f32;
            println!(
                "batch {} residual {:.3} active {:.1} edges {} oriented {:.2} spread {:.2} {:.2?}",
                learner.batches,
                fit.residual,
                fit.active,
                learner.edges(),
                mean_o,
                mean_s,
                t0.elapsed()
            );
        }
    }
    // The filters as one grey picture, 8 per row, 1 pixel apart.
    let (s, k) = (settings.size, settings.atoms);
    let per_row = 8;
    let rows = k.div_ceil(per_row);
    let (w, h) = (per_row * (s + 1) + 1, rows * (s + 1) + 1);
    let mut img = vec![128u8; w * h];
    for (a, f) in learner.coder.dictionary.chunks_exact(s * s).enumerate() {
        let m = f.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        for (i, v) in f.iter().enumerate() {
            let (x, y) = (
                (a % per_row) * (s + 1) + 1 + i % s,
                (a / per_row) * (s + 1) + 1 + i / s,
            );
            img[y * w + x] = (128.0 + 127.0 * v / m) as u8;
        }
    }
    let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
    out.extend(img);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../target/edges-{which}.pgm"));
    std::fs::write(&path, out).unwrap();
    println!("wrote {}", path.display());
}
