//! The student: one hidden layer of ReLU units and no convolution, a small
//! fraction of LeNet-5's arithmetic per image.

use crate::CLASSES;
use nn::{Dense, Layer, Relu, Shape, Stack};

/// Pixels of one image.
pub const PIXELS: usize = 784;

/// A network 784 → `hidden` → 10.
pub struct Student {
    pub net: Stack,
    pub hidden: usize,
}

impl Student {
    /// Seeded, so the same seed gives the same student on every host.
    pub fn new(hidden: usize, seed: u64) -> Student {
        let mut rng = nn::rng(seed);
        let hidden = hidden.max(1);
        let net = Stack::new(vec![
            Box::new(Dense::new(PIXELS, hidden, &mut rng)),
            Box::new(Relu::new(Shape::new(hidden, 1, 1))),
            Box::new(Dense::new(hidden, CLASSES, &mut rng)),
        ]);
        Student { net, hidden }
    }

    /// Learnable numbers.
    pub fn parameters(&self) -> usize {
        self.net.params_ref().iter().map(|p| p.value.len()).sum()
    }

    /// Scores (logits) for `n` images, without remembering anything.
    pub fn logits(&mut self, images: &[f32], n: usize) -> Vec<f32> {
        let mut out = Vec::with_capacity(n * CLASSES);
        for start in (0..n).step_by(500) {
            let m = (n - start).min(500);
            out.extend(
                self.net.forward(&images[start * PIXELS..(start + m) * PIXELS], m),
            );
        }
        out
    }
}
