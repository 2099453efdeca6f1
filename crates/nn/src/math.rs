//! `exp`, `tanh` and `ln` from the pure-Rust `libm` crate on every host. The
//! standard library calls the system's maths library natively but its own
//! port in the browser; the two may differ in the last bit, and a text
//! generator that picks the likeliest character must pick the same one in
//! both places.

#[inline]
pub fn exp(x: f32) -> f32 {
    libm::expf(x)
}

#[inline]
pub fn tanh(x: f32) -> f32 {
    libm::tanhf(x)
}

#[inline]
pub fn ln(x: f32) -> f32 {
    libm::logf(x)
}

/// Softmax of a row in place, max-subtracted, summed in order.
pub fn softmax_in_place(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = exp(*v - max);
        sum += *v;
    }
    let inv = 1.0 / sum;
    for v in row.iter_mut() {
        *v *= inv;
    }
}
