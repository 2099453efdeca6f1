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

/// libm's `tanhf` (0.2.16, from FreeBSD via musl) rewritten without
/// branches, so a loop over it becomes vector code: every case is computed
/// and the right one selected. The same operations in the same order, so
/// the same bits for every input (checked against `libm::tanhf` for all
/// 2³² of them once, and on a sample in the tests).
#[inline(always)]
#[allow(clippy::excessive_precision, clippy::approx_constant)] // libm's constants, digit for digit
pub fn tanh_branchless(x: f32) -> f32 {
    const LN2_HI: f32 = 6.931_381_2e-1;
    const LN2_LO: f32 = 9.058_000_6e-6;
    const INV_LN2: f32 = 1.442_695_0;
    const Q1: f32 = -3.333_321_2e-2;
    const Q2: f32 = 1.580_717_0e-3;
    let bits = x.to_bits();
    let w = bits & 0x7fff_ffff;
    let a = f32::from_bits(w);
    // tanhf's cases: |x| > 10 (or NaN), > 0.5493, > 0.2554, normal, subnormal.
    let (big, upper, middle, normal) =
        (w > 0x4120_0000, w > 0x3f0c_9f54, w > 0x3e82_c578, w >= 0x0080_0000);
    // expm1f's argument: 2|x| above 0.2554 (at most 20 where it is used), −2|x| below.
    let y = if middle { (2.0 * a).min(20.0) } else { -2.0 * a };
    let hy = y.to_bits() & 0x7fff_ffff;
    // expm1f's reduction y = k·ln2 + r: k = −1 or 0 for the negative
    // arguments, the rounded quotient for the positive ones (1 to 29 here).
    let k: i32 = if middle {
        (INV_LN2 * y + 0.5) as i32
    } else if hy > 0x3eb1_7218 {
        -1
    } else {
        0
    };
    let kf = k as f32;
    let hi = y - kf * LN2_HI;
    let lo = kf * LN2_LO;
    let r = hi - lo;
    let c = (hi - r) - lo;
    let hfx = 0.5 * r;
    let hxs = r * hfx;
    let r1 = 1.0 + hxs * (Q1 + hxs * Q2);
    let t = 3.0 - r1 * hfx;
    let e = hxs * ((r1 - t) / (6.0 - r * t));
    let e2 = (r * (e - c) - c) - hxs;
    let kc = k.clamp(0, 29);
    let twopk = f32::from_bits(((0x7f + kc) << 23) as u32);
    let uf = f32::from_bits(((0x7f - kc) << 23) as u32);
    let em1 = if k == 0 {
        if hy < 0x3300_0000 { y } else { r - (r * e - hxs) }
    } else if k == -1 {
        0.5 * (r - e2) - 0.5
    } else if k == 1 {
        if r < -0.25 { -2.0 * (e2 - (r + 0.5)) } else { 1.0 + 2.0 * (r - e2) }
    } else if k < 23 {
        (r - e2 + (1.0 - uf)) * twopk
    } else {
        (r - (e2 + uf) + 1.0) * twopk
    };
    let tt = if big {
        1.0 + 0.0 / a
    } else if upper {
        1.0 - 2.0 / (em1 + 2.0)
    } else if middle {
        em1 / (em1 + 2.0)
    } else if normal {
        -em1 / (em1 + 2.0)
    } else {
        a
    };
    if bits >> 31 != 0 { -tt } else { tt }
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
    fn branchless_tanh_is_libms_bit_for_bit() {
        let check = |bits: u32| {
            let x = f32::from_bits(bits);
            let (ours, theirs) = (super::tanh_branchless(x), libm::tanhf(x));
            assert!(
                ours.to_bits() == theirs.to_bits() || (ours.is_nan() && theirs.is_nan()),
                "tanh({x:e}) = {theirs:e}, not {ours:e}"
            );
        };
        // A spread over every exponent, and each case's borders.
        (0..u32::MAX).step_by(997).for_each(check);
        for edge in [
            0x4120_0000u32,
            0x3f0c_9f54,
            0x3e82_c578,
            0x0080_0000,
            0x3e31_7218,
            0x3f00_0000,
        ] {
            for b in edge - 2000..edge + 2000 {
                check(b);
                check(b | 0x8000_0000);
            }
        }
    }

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
