//! `bench-scaling`: the scaling page's figures natively. The time one
//! thread takes to train the page's six models for 100,000 characters each
//! (the page's bench does the same); the fitted exponent's mean and spread
//! over seeds 1–3 at the page's shortest budget (500,000 characters); and
//! the same at its default budget, from the shipped reference sweep.

use scaling::sweep::{
    PAGE_BUDGETS, Point, Reference, exponent, page_shapes, read_text, train_many,
};

fn main() {
    let corpus = read_text(std::path::Path::new(".")).expect("the sweep's text");
    let t = std::time::Instant::now();
    for shape in page_shapes() {
        scaling::sweep::train_one(&corpus, shape, 100_000, 1);
    }
    let one = t.elapsed().as_secs_f32();
    println!("bench scaling-sweep-100k-native-one-thread {one:.2} s");
    let jobs: Vec<_> = (1..=3)
        .flat_map(|seed| page_shapes().into_iter().map(move |s| (s, seed)))
        .collect();
    let done = train_many(&corpus, &jobs, PAGE_BUDGETS[0], |_, _| {});
    let points: Vec<Point> = done.into_iter().map(|(p, _)| p).collect();
    spread("scaling-alpha-500k", &points);
    let text = std::fs::read_to_string("assets/data/scaling/reference.json")
        .expect("assets/data/scaling/reference.json");
    let reference: Reference = serde_json::from_str(&text).expect("the reference sweep");
    let page: Vec<Point> = reference
        .points
        .into_iter()
        .filter(|p| page_shapes().contains(&p.shape))
        .collect();
    spread("scaling-alpha-2m", &page);
}

/// The exponent of each seed's points: their mean and max − min.
fn spread(name: &str, points: &[Point]) {
    let alphas: Vec<f64> = (1..=3)
        .filter_map(|seed| {
            let mine: Vec<Point> =
                points.iter().copied().filter(|p| p.seed == seed).collect();
            exponent(&mine)
        })
        .collect();
    let mean = alphas.iter().sum::<f64>() / alphas.len().max(1) as f64;
    let (lo, hi) = alphas
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
    println!("bench {name}-mean {mean:.4} exponent");
    println!("bench {name}-spread {:.4} exponent", hi - lo);
}
