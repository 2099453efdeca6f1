//! A sparse mixture of experts at the size of a picture.
//!
//! Each point of the plane goes to one expert, a small network of its own,
//! picked by a router; the other experts do no work for it. That is the
//! idea behind the sparse layers of Shazeer et al. (2017) and the Switch
//! Transformer (Fedus, Zoph and Shazeer, 2021): many parameters, little
//! arithmetic per token. The risk is collapse: an expert that wins early
//! gets the points, learns from them and wins more, while the rest starve.
//! The Switch Transformer's load-balancing loss pushes the router back
//! toward sharing. Both runs are here, on the same data and seeds.

pub mod layer;
pub mod task;
pub mod train;

pub use layer::Mixture;
pub use task::Task;
pub use train::{Run, Settings};

/// Classes of every task (two colours of points).
pub const CLASSES: usize = 2;

/// The experts page's default run (eight experts on the 4 × 4 chessboard,
/// without balancing and with it at 0.1, seed 1, 3,000 steps): one
/// definition for what `./dev bench` times natively and in the page.
pub fn page_default_run() -> [Run; 2] {
    let settings = |balance| Settings {
        task: Task::Checkerboard(4),
        experts: 8,
        hidden: 6,
        balance,
        seed: 1,
    };
    let mut runs = [Run::new(settings(0.0)), Run::new(settings(0.1))];
    for _ in 0..3_000 {
        for r in &mut runs {
            r.step();
        }
    }
    runs
}
