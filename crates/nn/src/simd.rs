//! Groups of four and eight `f32` lanes for the inner loops.
//!
//! In the browser they are WebAssembly SIMD128 registers, written out by hand:
//! LLVM leaves these loops scalar when it targets wasm (the GEMM compiled to
//! one multiply at a time, 2.5× slower than the same loop natively). Natively
//! they are plain arrays, which LLVM turns into SSE or AVX by itself. Both
//! compute `acc + a·b` with the product and the sum rounded separately (no
//! fused multiply-add), so the two hosts give bit-for-bit equal results.

#[cfg(target_feature = "avx")]
pub use imp::F16;
pub use imp::{F4, F8};

/// What the inner loops need of a group of lanes.
pub trait Lanes: Copy {
    /// How many `f32`s the group holds.
    const N: usize;
    fn zero() -> Self;
    /// The first `N` numbers of `s`.
    fn load(s: &[f32]) -> Self;
    /// Writes the lanes to the start of `s`.
    fn store(self, s: &mut [f32]);
    /// `self + a·b`, lane by lane.
    fn mul_add(self, a: f32, b: Self) -> Self;
    /// `self + a·b` with `a` a group too.
    fn mul_add_lanes(self, a: Self, b: Self) -> Self;
    /// `self + b`, lane by lane.
    fn add(self, b: Self) -> Self;
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::Lanes;
    use core::arch::wasm32::*;

    /// Four lanes: one SIMD128 register.
    #[derive(Clone, Copy)]
    pub struct F4(v128);

    impl Lanes for F4 {
        const N: usize = 4;
        #[inline(always)]
        fn zero() -> F4 {
            F4(f32x4_splat(0.0))
        }
        #[inline(always)]
        fn load(s: &[f32]) -> F4 {
            let s: &[f32; 4] = s[..4].try_into().expect("4 lanes");
            // SAFETY: `s` is 16 readable bytes; v128.load needs no alignment.
            F4(unsafe { v128_load(s.as_ptr().cast()) })
        }
        #[inline(always)]
        fn store(self, s: &mut [f32]) {
            let s: &mut [f32; 4] = (&mut s[..4]).try_into().expect("4 lanes");
            // SAFETY: `s` is 16 writable bytes; v128.store needs no alignment.
            unsafe { v128_store(s.as_mut_ptr().cast(), self.0) }
        }
        #[inline(always)]
        fn mul_add(self, a: f32, b: F4) -> F4 {
            F4(f32x4_add(self.0, f32x4_mul(f32x4_splat(a), b.0)))
        }
        #[inline(always)]
        fn mul_add_lanes(self, a: F4, b: F4) -> F4 {
            F4(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
        }
        #[inline(always)]
        fn add(self, b: F4) -> F4 {
            F4(f32x4_add(self.0, b.0))
        }
    }

    impl F4 {
        pub fn to_array(self) -> [f32; 4] {
            let v = self.0;
            [
                f32x4_extract_lane::<0>(v),
                f32x4_extract_lane::<1>(v),
                f32x4_extract_lane::<2>(v),
                f32x4_extract_lane::<3>(v),
            ]
        }
    }

    /// Eight lanes: two SIMD128 registers.
    #[derive(Clone, Copy)]
    pub struct F8(F4, F4);

    impl Lanes for F8 {
        const N: usize = 8;
        #[inline(always)]
        fn zero() -> F8 {
            F8(F4::zero(), F4::zero())
        }
        #[inline(always)]
        fn load(s: &[f32]) -> F8 {
            let s = &s[..8];
            F8(F4::load(s), F4::load(&s[4..]))
        }
        #[inline(always)]
        fn store(self, s: &mut [f32]) {
            let s = &mut s[..8];
            self.0.store(s);
            self.1.store(&mut s[4..]);
        }
        #[inline(always)]
        fn mul_add(self, a: f32, b: F8) -> F8 {
            let a = F4(f32x4_splat(a));
            F8(self.0.mul_add_lanes(a, b.0), self.1.mul_add_lanes(a, b.1))
        }
        #[inline(always)]
        fn mul_add_lanes(self, a: F8, b: F8) -> F8 {
            F8(self.0.mul_add_lanes(a.0, b.0), self.1.mul_add_lanes(a.1, b.1))
        }
        #[inline(always)]
        fn add(self, b: F8) -> F8 {
            F8(self.0.add(b.0), self.1.add(b.1))
        }
    }

    impl F8 {
        pub fn to_array(self) -> [f32; 8] {
            let (lo, hi) = (self.0.to_array(), self.1.to_array());
            [lo[0], lo[1], lo[2], lo[3], hi[0], hi[1], hi[2], hi[3]]
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    macro_rules! lanes {
        ($name:ident, $n:literal, $doc:literal) => {
            #[doc = $doc]
            #[derive(Clone, Copy)]
            pub struct $name([f32; $n]);

            impl super::Lanes for $name {
                const N: usize = $n;
                #[inline(always)]
                fn zero() -> $name {
                    $name([0.0; $n])
                }
                #[inline(always)]
                fn load(s: &[f32]) -> $name {
                    $name(s[..$n].try_into().expect("lanes"))
                }
                #[inline(always)]
                fn store(self, s: &mut [f32]) {
                    s[..$n].copy_from_slice(&self.0);
                }
                #[inline(always)]
                fn mul_add(mut self, a: f32, b: $name) -> $name {
                    for l in 0..$n {
                        self.0[l] += a * b.0[l];
                    }
                    self
                }
                #[inline(always)]
                fn mul_add_lanes(mut self, a: $name, b: $name) -> $name {
                    for l in 0..$n {
                        self.0[l] += a.0[l] * b.0[l];
                    }
                    self
                }
                #[inline(always)]
                fn add(mut self, b: $name) -> $name {
                    for l in 0..$n {
                        self.0[l] += b.0[l];
                    }
                    self
                }
            }

            impl $name {
                pub fn to_array(self) -> [f32; $n] {
                    self.0
                }
            }
        };
    }
    lanes!(F4, 4, "Four lanes: a plain array the compiler maps to SSE.");
    lanes!(F8, 8, "Eight lanes: a plain array the compiler maps to SSE or AVX.");
    #[cfg(target_feature = "avx")]
    lanes!(
        F16,
        16,
        "Sixteen lanes where AVX gives sixteen wide registers: a GEMM tile of \
         4 × 16 keeps eight sums in flight, enough to hide an add's latency \
         (SSE and wasm have too few registers for it)."
    );
}

/// `c[i] += a·b[i]` for every `i`: the inner loop of two of the products.
#[inline(always)]
pub fn axpy(c: &mut [f32], a: f32, b: &[f32]) {
    let len = c.len().min(b.len());
    let (c, b) = (&mut c[..len], &b[..len]);
    let whole = len - len % 8;
    for j in (0..whole).step_by(8) {
        F8::load(&c[j..]).mul_add(a, F8::load(&b[j..])).store(&mut c[j..]);
    }
    for (cv, bv) in c[whole..].iter_mut().zip(&b[whole..]) {
        *cv += a * bv;
    }
}

/// Dot product with eight lanes of partial sums, added up in a fixed order,
/// so it is fast without fast-math and gives the same number on every host.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let len = a.len().min(b.len());
    let whole = len - len % 8;
    let mut acc = F8::zero();
    for j in (0..whole).step_by(8) {
        acc = acc.mul_add_lanes(F8::load(&a[j..]), F8::load(&b[j..]));
    }
    finish(acc, &a[whole..len], &b[whole..len])
}

/// The `I × J` dot products of `a[i]` with `b[j]` at once, each summed
/// exactly as [`dot`] sums it: every loaded piece of a row feeds several products.
#[inline]
pub fn dots<const I: usize, const J: usize>(
    a: [&[f32]; I],
    b: [&[f32]; J],
) -> [[f32; J]; I] {
    let len = a.iter().chain(&b).map(|r| r.len()).min().unwrap_or(0);
    let (a, b) = (a.map(|r| &r[..len]), b.map(|r| &r[..len]));
    let whole = len - len % 8;
    let mut acc = [[F8::zero(); J]; I];
    for j in (0..whole).step_by(8) {
        let bv = b.map(|row| F8::load(&row[j..]));
        for (acc, row) in acc.iter_mut().zip(&a) {
            let av = F8::load(&row[j..]);
            for (acc, &bv) in acc.iter_mut().zip(&bv) {
                *acc = acc.mul_add_lanes(av, bv);
            }
        }
    }
    std::array::from_fn(|i| {
        std::array::from_fn(|q| finish(acc[i][q], &a[i][whole..], &b[q][whole..]))
    })
}

/// Adds up eight partial sums and the products past the last full group of
/// eight, in the order every dot product here uses.
#[inline(always)]
fn finish(acc: F8, a_tail: &[f32], b_tail: &[f32]) -> f32 {
    let mut tail = 0.0;
    for (x, y) in a_tail.iter().zip(b_tail) {
        tail += x * y;
    }
    let s = acc.to_array();
    (s[0] + s[4]) + (s[1] + s[5]) + (s[2] + s[6]) + (s[3] + s[7]) + tail
}

/// `Σ a[i]·w[i]` of 8-bit activations and 8-bit weights in a 32-bit sum,
/// exactly (integers do not round, so every host gets the same number). In
/// the browser sixteen pairs at a time: widened to 16 bits, multiplied and
/// added in pairs by `i32x4.dot_i16x8`; natively a plain loop, which LLVM
/// vectorises itself.
#[inline]
pub fn dot_u8_i8(a: &[u8], w: &[i8]) -> i32 {
    let len = a.len().min(w.len());
    #[cfg(target_arch = "wasm32")]
    {
        use core::arch::wasm32::*;
        let whole = len - len % 16;
        let mut acc = i32x4_splat(0);
        for j in (0..whole).step_by(16) {
            let (x, v): (&[u8; 16], &[i8; 16]) = (
                a[j..j + 16].try_into().expect("16 bytes"),
                w[j..j + 16].try_into().expect("16 bytes"),
            );
            // SAFETY: each is 16 readable bytes; v128.load needs no alignment.
            let (x, v) =
                unsafe { (v128_load(x.as_ptr().cast()), v128_load(v.as_ptr().cast())) };
            let lo =
                i32x4_dot_i16x8(u16x8_extend_low_u8x16(x), i16x8_extend_low_i8x16(v));
            let hi =
                i32x4_dot_i16x8(u16x8_extend_high_u8x16(x), i16x8_extend_high_i8x16(v));
            acc = i32x4_add(acc, i32x4_add(lo, hi));
        }
        let lanes = i32x4_extract_lane::<0>(acc)
            + i32x4_extract_lane::<1>(acc)
            + i32x4_extract_lane::<2>(acc)
            + i32x4_extract_lane::<3>(acc);
        lanes
            + a[whole..len]
                .iter()
                .zip(&w[whole..len])
                .map(|(&x, &v)| i32::from(x) * i32::from(v))
                .sum::<i32>()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        a[..len].iter().zip(&w[..len]).map(|(&x, &v)| i32::from(x) * i32::from(v)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bit_dot_products_are_exact() {
        let a: Vec<u8> = (0..37).map(|i| [255, 0, 7, 128][i % 4] ^ (i as u8)).collect();
        let w: Vec<i8> =
            (0..37).map(|i| [-128i8, 127, -1, 3][i % 4].wrapping_add(i as i8)).collect();
        let plain: i32 =
            a.iter().zip(&w).map(|(&x, &v)| i32::from(x) * i32::from(v)).sum();
        assert_eq!(dot_u8_i8(&a, &w), plain);
        assert_eq!(dot_u8_i8(&[255; 64], &[-128; 64]), 64 * 255 * -128);
        assert_eq!(dot_u8_i8(&a[..3], &w), dot_u8_i8(&a[..3], &w[..3]));
    }

    #[test]
    fn lanes_add_products_like_scalars() {
        let b: Vec<f32> = (0..8).map(|i| i as f32 * 0.37 - 1.1).collect();
        let mut out = [0.0; 8];
        F8::load(&[0.5; 8]).mul_add(3.3, F8::load(&b)).store(&mut out);
        for (o, bv) in out.iter().zip(&b) {
            assert_eq!(*o, 0.5 + 3.3 * bv);
        }
        let four = F4::zero().mul_add(2.0, F4::load(&b[4..])).to_array();
        assert_eq!(four, [2.0 * b[4], 2.0 * b[5], 2.0 * b[6], 2.0 * b[7]]);
    }

    #[test]
    fn axpy_and_dot_cover_tails() {
        let b: Vec<f32> = (0..19).map(|i| i as f32).collect();
        let mut c = vec![1.0; 19];
        axpy(&mut c, 2.0, &b);
        assert_eq!(c, b.iter().map(|v| 1.0 + 2.0 * v).collect::<Vec<_>>());
        assert_eq!(dot(&b, &[1.0; 19]), 171.0);
        assert_eq!(dot(&[], &[]), 0.0);
        let rows: Vec<Vec<f32>> =
            (0..4).map(|q| b.iter().map(|v| v * 0.1 + q as f32).collect()).collect();
        let block =
            dots::<2, 4>([&b[..], &rows[3][..]], std::array::from_fn(|q| &rows[q][..]));
        for q in 0..4 {
            assert_eq!(block[0][q], dot(&b, &rows[q]), "bit-for-bit the same as dot");
            assert_eq!(
                block[1][q],
                dot(&rows[3], &rows[q]),
                "bit-for-bit the same as dot"
            );
        }
    }
}
