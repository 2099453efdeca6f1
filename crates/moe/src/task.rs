//! The data: points of the square [-1, 1]², coloured by a pattern that no
//! single small expert draws well but a few of them, each minding a
//! region, can.

use rand::RngExt;

/// A pattern of two colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// A `k × k` chessboard.
    Checkerboard(u8),
    /// Rings around the centre, alternating colours.
    Rings(u8),
}

impl Task {
    /// The colour of point `(x, y)`.
    pub fn label(self, x: f32, y: f32) -> u8 {
        match self {
            Task::Checkerboard(k) => {
                let cell = |v: f32| {
                    (((v + 1.0) / 2.0 * f32::from(k)).floor() as i32)
                        .clamp(0, i32::from(k) - 1)
                };
                ((cell(x) + cell(y)) % 2) as u8
            }
            Task::Rings(k) => {
                let r = (x * x + y * y).sqrt() / std::f32::consts::SQRT_2;
                ((r * f32::from(k)).floor() as i32 % 2) as u8
            }
        }
    }

    /// `n` random points and their colours (same seed, same points).
    pub fn sample(self, n: usize, rng: &mut nn::Rng) -> (Vec<f32>, Vec<u8>) {
        let mut points = Vec::with_capacity(2 * n);
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let (x, y) = (rng.random_range(-1.0..1.0f32), rng.random_range(-1.0..1.0f32));
            points.extend([x, y]);
            labels.push(self.label(x, y));
        }
        (points, labels)
    }
}
