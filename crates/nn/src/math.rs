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

/// `tanh` from a polynomial `exp` written with plain arithmetic and bit
/// tricks, so loops over it become vector code (libm's is one call per
/// number). Within 2·10⁻⁷ of `tanh`; the same on every host, since it uses
/// no library call. For layers whose weights were not tuned to libm's last bits.
#[inline]
pub fn tanh_fast(x: f32) -> f32 {
    // tanh x = 1 − 2/(e^{2x} + 1); for |x| > 9, tanh is ±1 in f32.
    let x = x.clamp(-9.0, 9.0);
    1.0 - 2.0 / (exp_fast(2.0 * x) + 1.0)
}

/// `e^x` for |x| ≤ 18: `x = n·ln 2 + r` with |r| ≤ ln 2 / 2, a degree-6
/// polynomial for `e^r` and `2^n` built in the exponent bits.
#[inline]
fn exp_fast(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const ROUND: f32 = 12_582_912.0; // 1.5·2²³: adding it rounds to an integer
    let n = (x * LOG2E + ROUND) - ROUND;
    let r = x - n * 0.693_145_75 - n * 1.428_606_8e-6;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (0.166_666_67
                    + r * (0.041_666_668 + r * (0.008_333_334 + r * 0.001_388_889)))));
    p * f32::from_bits(((n as i32 + 127) as u32) << 23)
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

#[cfg(test)]
mod tests {
    #[test]
    fn fast_tanh_is_within_two_parts_in_ten_million() {
        let mut worst = 0.0f32;
        for i in -200_000..=200_000 {
            let x = i as f32 * 6e-5;
            worst = worst.max((super::tanh_fast(x) - super::tanh(x)).abs());
        }
        for x in [-100.0f32, -9.5, 9.5, 100.0, f32::MAX] {
            assert!((super::tanh_fast(x) - x.signum()).abs() < 1e-7, "{x}");
        }
        assert!(worst < 2e-7, "{worst}");
    }
}
