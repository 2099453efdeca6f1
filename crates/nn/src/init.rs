//! Starting weights drawn from a normal distribution, as GPT-2 starts.

use crate::{Param, Rng};
use rand::RngExt;

/// Fills `p` with normal samples of standard deviation `std` (Box–Muller,
/// from the seeded generator, so the same seed gives the same network).
pub fn normalish(p: &mut Param, std: f32, rng: &mut Rng) {
    for v in p.value.iter_mut() {
        let (r, c) = box_muller(rng);
        *v = std * r * c;
    }
}

/// One standard normal number (Box–Muller, from the seeded generator).
pub fn standard_normal(rng: &mut Rng) -> f32 {
    let (r, c) = box_muller(rng);
    r * c
}

/// The radius and cosine whose product is a standard normal number.
fn box_muller(rng: &mut Rng) -> (f32, f32) {
    let u1: f32 = rng.random_range(f32::MIN_POSITIVE..1.0);
    let u2: f32 = rng.random_range(0.0..1.0);
    let r = (-2.0 * crate::math::ln(u1)).sqrt();
    (r, libm::cosf(std::f32::consts::TAU * u2))
}
