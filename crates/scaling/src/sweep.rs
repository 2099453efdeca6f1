//! The sweep: character GPTs that differ only in size, trained alike on the
//! same text for the same number of characters, each measured on the same
//! held-out text at the end (and a few times on the way, for its curve).

use gpt::{Config, Corpus, TrainConfig, Trainer};
use serde::{Deserialize, Serialize};

/// One model's shape in the sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shape {
    pub layers: usize,
    pub dim: usize,
    pub heads: usize,
}

/// Context and windows per step, the same for every model.
pub const CTX: usize = 64;
pub const BATCH: usize = 16;
/// Characters per step.
pub const STEP_CHARS: usize = CTX * BATCH;
/// Held-out windows per measurement (8,192 characters).
pub const VAL_WINDOWS: usize = 128;
/// Share of the text held out (its end), as for the shipped models.
pub const VAL_FRACTION: f32 = 0.05;
/// Measurements per model, spaced evenly in log(characters).
pub const CHECKS: usize = 8;

/// The page's sweep: two layers, six widths, about 1,800 to 57,000
/// parameters outside the embeddings (one and a half decades).
pub const PAGE_WIDTHS: [usize; 6] = [8, 12, 16, 24, 32, 48];
pub const PAGE_LAYERS: usize = 2;

/// Characters each model of the page's sweep may read (the reader picks).
pub const PAGE_BUDGETS: [usize; 4] = [500_000, 1_000_000, 2_000_000, 4_000_000];
pub const DEFAULT_BUDGET: usize = 2_000_000;

/// Distinct characters in the sweep's text (seven plays of Shakespeare),
/// so sizes can be shown before the text is loaded.
pub const TEXT_SYMBOLS: usize = 63;

/// The page's six shapes, smallest first.
pub fn page_shapes() -> Vec<Shape> {
    PAGE_WIDTHS.iter().map(|&dim| Shape { layers: PAGE_LAYERS, dim, heads: 2 }).collect()
}

// ANCHOR: lr
/// Peak learning rate for a width: small models take large steps; wider
/// ones (beyond 64) need smaller steps to stay stable. 0.02 beat 0.01 at
/// every page width on Shakespeare.
pub fn learning_rate(dim: usize) -> f32 {
    0.02 * (64.0 / dim.max(1) as f32).min(1.0)
}
// ANCHOR_END: lr

impl Shape {
    pub fn config(&self, vocab: usize) -> Config {
        Config { vocab, ctx: CTX, dim: self.dim, layers: self.layers, heads: self.heads }
    }

    /// Whether the page's worker should train it (a message from the page
    /// could say anything).
    pub fn is_sane(&self) -> bool {
        (1..=8).contains(&self.layers)
            && (2..=256).contains(&self.dim)
            && self.heads >= 1
            && self.dim.is_multiple_of(self.heads)
    }
}

/// Steps for a budget of `chars` characters (at least 20).
pub fn steps_for(chars: usize) -> usize {
    (chars / STEP_CHARS).max(20)
}

/// The steps after which a model is measured: [`CHECKS`] of them, evenly
/// spaced in log(steps), the last one the end of the run.
pub fn check_steps(steps: usize) -> Vec<usize> {
    let first = (steps as f64 / 64.0).max(1.0);
    let mut out: Vec<usize> = (0..CHECKS)
        .map(|i| {
            let f = i as f64 / (CHECKS - 1) as f64;
            (first * (steps as f64 / first).powf(f)).round() as usize
        })
        .collect();
    out.dedup();
    *out.last_mut().expect("CHECKS > 0") = steps;
    out
}

/// A model of the sweep being trained.
pub struct Member {
    pub shape: Shape,
    pub trainer: Trainer,
    checks: Vec<usize>,
}

impl Member {
    /// A fresh model of `shape` to read `chars` characters of a text of
    /// `vocab` distinct ones.
    pub fn new(shape: Shape, vocab: usize, chars: usize, seed: u64) -> Member {
        let steps = steps_for(chars);
        let train = TrainConfig {
            batch: BATCH,
            steps,
            lr: learning_rate(shape.dim),
            warmup: (steps / 20).clamp(5, 100),
            weight_decay: 0.1,
            clip: 1.0,
            seed,
        };
        Member {
            shape,
            trainer: Trainer::new(shape.config(vocab), train),
            checks: check_steps(steps),
        }
    }

    pub fn steps(&self) -> usize {
        self.trainer.config.steps
    }

    pub fn done(&self) -> bool {
        self.trainer.step >= self.steps()
    }

    /// One step; the training loss.
    pub fn step(&mut self, corpus: &Corpus) -> f32 {
        self.trainer.train_step(corpus)
    }

    /// Whether the step just taken is one to measure after.
    pub fn at_check(&self) -> bool {
        self.checks.contains(&self.trainer.step)
    }

    /// Held-out loss in nats per character.
    pub fn validation(&mut self, corpus: &Corpus) -> f32 {
        self.trainer.validation_loss(corpus, VAL_WINDOWS)
    }

    /// Parameters outside the embeddings, and all of them.
    pub fn params(&self) -> (usize, usize) {
        let c = self.trainer.model.config;
        (c.non_embedding_params(), c.params())
    }
}

/// One finished model: its size and its held-out loss.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    #[serde(flatten)]
    pub shape: Shape,
    pub seed: u64,
    pub non_embedding: usize,
    pub all: usize,
    pub chars: usize,
    pub loss: f32,
}

/// The native reference sweep that ships beside the page's
/// (`assets/data/scaling/reference.json`): every point, and how it was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub text: String,
    pub chars: usize,
    pub seeds: Vec<u64>,
    pub points: Vec<Point>,
}

/// The reference sweep's shapes: the page's six widths and three wider
/// ones at two layers, and one and four layers at some of the same widths
/// (Kaplan et al.'s Figure 6 asks whether depth matters once size is
/// counted the same way).
pub fn reference_shapes() -> Vec<Shape> {
    let mut shapes = page_shapes();
    for dim in [64, 96, 128] {
        shapes.push(Shape { layers: 2, dim, heads: 2 });
    }
    for layers in [1, 4] {
        for dim in [8, 16, 32, 64] {
            shapes.push(Shape { layers, dim, heads: 2 });
        }
    }
    shapes
}

/// Trains `shape` to the end and measures it (the native sweep; the page
/// does the same in slices).
pub fn train_one(corpus: &Corpus, shape: Shape, chars: usize, seed: u64) -> Point {
    let mut m = Member::new(shape, corpus.vocab.len(), chars, seed);
    while !m.done() {
        m.step(corpus);
    }
    let (non_embedding, all) = m.params();
    let steps = m.steps();
    Point {
        shape,
        seed,
        non_embedding,
        all,
        chars: steps * STEP_CHARS,
        loss: m.validation(corpus),
    }
}

/// Trains every `(shape, seed)` for `chars` characters on all the
/// machine's cores, largest first, each model on one thread (so the result
/// does not depend on the number of cores). `report` hears of each model
/// as it finishes, with its seconds; the points come back in `jobs` order.
pub fn train_many(
    corpus: &Corpus,
    jobs: &[(Shape, u64)],
    chars: usize,
    report: impl Fn(&Point, f32) + Sync,
) -> Vec<(Point, f32)> {
    use std::sync::Mutex;
    let vocab = corpus.vocab.len();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].0.config(vocab).params()));
    let queue = Mutex::new(std::collections::VecDeque::from(order));
    let results = Mutex::new(vec![None; jobs.len()]);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads.min(jobs.len()) {
            s.spawn(|| {
                while let Some(i) = queue.lock().expect("queue").pop_front() {
                    let t = std::time::Instant::now();
                    let (shape, seed) = jobs[i];
                    let point = train_one(corpus, shape, chars, seed);
                    let seconds = t.elapsed().as_secs_f32();
                    report(&point, seconds);
                    results.lock().expect("results")[i] = Some((point, seconds));
                }
            });
        }
    });
    results.into_inner().expect("results").into_iter().flatten().collect()
}

/// The exponent of the page's fit through some points (parameters outside
/// the embeddings).
pub fn exponent(points: &[Point]) -> Option<f64> {
    let xy: Vec<(f64, f64)> =
        points.iter().map(|p| (p.non_embedding as f64, f64::from(p.loss))).collect();
    crate::fit::power_law(&xy).map(|f| f.alpha)
}

/// The sweep's text, read from the repository (natively).
pub fn read_text(root: &std::path::Path) -> Result<Corpus, String> {
    use std::io::Read;
    let path = root.join("assets/data/text/shakespeare-7.txt.gz");
    let gz = std::fs::read(&path)
        .map_err(|e| format!("{}: {e} (run scripts/text_corpora.py)", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Corpus::new(&text, VAL_FRACTION))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_sweep_spans_one_and_a_half_decades() {
        let sizes: Vec<usize> =
            page_shapes().iter().map(|s| s.config(67).non_embedding_params()).collect();
        assert_eq!(sizes, [1_760, 3_792, 6_592, 14_496, 25_472, 56_640]);
        let decades = (sizes[5] as f64 / sizes[0] as f64).log10();
        assert!((1.4..1.6).contains(&decades), "{decades}");
        assert!(page_shapes().iter().all(Shape::is_sane));
        assert!(!Shape { layers: 2, dim: 9, heads: 2 }.is_sane());
        assert!(!Shape { layers: 0, dim: 8, heads: 2 }.is_sane());
    }

    #[test]
    fn the_text_has_the_symbols_the_page_counts_with() {
        use std::io::Read;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/data/text/shakespeare-7.txt.gz"
        );
        let gz = std::fs::read(path).expect("the sweep's text");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
        assert_eq!(Corpus::new(&text, VAL_FRACTION).vocab.len(), TEXT_SYMBOLS);
    }

    fn shakespeare() -> Corpus {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        read_text(&root).expect("the sweep's text")
    }

    #[test]
    fn the_smallest_model_scores_natively_what_the_page_shows() {
        let p = train_one(&shakespeare(), page_shapes()[0], PAGE_BUDGETS[0], 1);
        assert_eq!(format!("{:.4}", p.loss), "2.5473");
    }

    #[test]
    fn checks_are_spread_in_log_steps_and_end_the_run() {
        let c = check_steps(1953);
        assert_eq!(c.len(), CHECKS);
        assert_eq!(*c.last().unwrap(), 1953);
        assert!(c.windows(2).all(|w| w[0] < w[1]), "{c:?}");
        let ratios: Vec<f64> = c.windows(2).map(|w| w[1] as f64 / w[0] as f64).collect();
        assert!(ratios.iter().all(|r| (1.6..2.2).contains(r)), "{ratios:?}");
        assert_eq!(check_steps(20).last(), Some(&20));
        assert_eq!(steps_for(0), 20);
    }

    #[test]
    fn a_bigger_model_reads_the_same_text_better() {
        let text = "the quick brown fox jumps over the lazy dog; ".repeat(300)
            + &"a stitch in time saves nine. ".repeat(300);
        let corpus = Corpus::new(&text, VAL_FRACTION);
        let small = train_one(&corpus, Shape { layers: 1, dim: 4, heads: 1 }, 60_000, 1);
        let big = train_one(&corpus, Shape { layers: 2, dim: 24, heads: 2 }, 60_000, 1);
        assert!(big.non_embedding > 20 * small.non_embedding);
        assert!(big.loss < small.loss - 0.2, "{} vs {}", big.loss, small.loss);
    }
}
