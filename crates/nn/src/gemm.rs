//! The three matrix products every layer here reduces to. Row-major; the
//! inner loops run on eight lanes at a time (see [`crate::simd`]): contiguous
//! `j` loops, and dot products split over eight independent accumulators.

pub use crate::simd::dot;
use crate::simd::{self, F4, F8, Lanes};

/// `c[m×n] += a[m×k] · b[k×n]`
///
/// Blocks of up to 4 rows × 8 columns of `c` stay in registers while the `k` loop
/// runs, so each loaded row of `b` feeds up to four rows of `c`. Every `c[i][j]` still
/// adds its `k` products in order, so the result equals the plain triple loop.
pub fn nn(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    let starts: Vec<usize> = (0..k).map(|p| p * n).collect();
    nn_at(m, a, b, &starts, Runs { count: 1, len: n, stride: n }, c);
}

/// Where the columns of `c` sit in a row of `b`: `count` runs of `len`
/// columns, `stride` apart (a plain matrix is one run).
#[derive(Clone, Copy, Debug)]
pub struct Runs {
    pub count: usize,
    pub len: usize,
    pub stride: usize,
}

/// [`nn`] where row `p` of the right-hand matrix starts at `b[starts[p]]`
/// and its columns lie in `runs` (`k` is `starts.len()`, `n` is
/// `runs.count · runs.len`). Rows may overlap: that is how a convolution
/// reads its sliding windows straight from the image instead of copying them.
pub fn nn_at(
    m: usize,
    a: &[f32],
    b: &[f32],
    starts: &[usize],
    runs: Runs,
    c: &mut [f32],
) {
    let k = starts.len();
    assert!(a.len() >= m * k, "matrix sizes");
    blocked(m, &|i, p| a[i * k + p], b, starts, runs, c);
}

/// The blocked product behind [`nn_at`] and [`tn`]; `a_at(i, p)` reads the
/// left-hand matrix, so a transposed one costs nothing extra.
fn blocked(
    m: usize,
    a_at: &impl Fn(usize, usize) -> f32,
    b: &[f32],
    starts: &[usize],
    runs: Runs,
    c: &mut [f32],
) {
    let n = runs.count * runs.len;
    assert!(c.len() >= m * n, "matrix sizes");
    if n == 0 {
        return;
    }
    let span = (runs.count - 1) * runs.stride + runs.len;
    // `tile` relies on this to read rows of `b` without checking each read.
    assert!(starts.iter().all(|&s| s + span <= b.len()), "a row of b runs past its end");
    // Long sums go in slices of `DEPTH` rows of `b`, so the slice stays in
    // cache while every row of `c` uses it. Each `c[i][j]` is stored and
    // reloaded between slices but still adds its products in order.
    for (slice, part) in starts.chunks(DEPTH).enumerate() {
        let p0 = slice * DEPTH;
        let a_at = |i: usize, p: usize| a_at(i, p0 + p);
        let mut i0 = 0;
        // Four rows a block; six rows go as two blocks of three rather than 4 + 2.
        while i0 + 4 <= m && m - i0 != 6 {
            rows_block::<4>(i0, &a_at, b, part, runs, c);
            i0 += 4;
        }
        while i0 + 3 <= m {
            rows_block::<3>(i0, &a_at, b, part, runs, c);
            i0 += 3;
        }
        if i0 + 2 <= m {
            rows_block::<2>(i0, &a_at, b, part, runs, c);
            i0 += 2;
        }
        if i0 < m {
            rows_block::<1>(i0, &a_at, b, part, runs, c);
        }
    }
}

/// Rows of `b` per slice of a long sum (see [`blocked`]).
const DEPTH: usize = 256;

/// `R` rows of `c`; along each run, tiles of eight columns, one of four, then the rest.
fn rows_block<const R: usize>(
    i0: usize,
    a_at: &impl Fn(usize, usize) -> f32,
    b: &[f32],
    starts: &[usize],
    runs: Runs,
    c: &mut [f32],
) {
    let (k, n) = (starts.len(), runs.count * runs.len);
    // The block's rows of `a` interleaved, so each step of `p` reads R neighbours.
    let pack: Vec<[f32; R]> =
        (0..k).map(|p| std::array::from_fn(|r| a_at(i0 + r, p))).collect();
    for run in 0..runs.count {
        let (cj, bj) = (run * runs.len, run * runs.stride);
        // A run of 4 or more whose length is not a multiple of 4 ends in a
        // tile that overlaps the one before it. It goes first, while its
        // columns of `c` are untouched, and keeps only its last lanes.
        let (len, rest) = (runs.len, runs.len % 4);
        let whole = if len >= 4 && rest > 0 {
            let x = len - 4;
            tile::<R, F4>(i0, n, cj + x, bj + x, 4 - rest, &pack, b, starts, c);
            len - rest
        } else {
            len
        };
        let mut x = 0;
        #[cfg(target_feature = "avx")]
        while x + 16 <= whole {
            tile::<R, simd::F16>(i0, n, cj + x, bj + x, 0, &pack, b, starts, c);
            x += 16;
        }
        while x + 8 <= whole {
            tile::<R, F8>(i0, n, cj + x, bj + x, 0, &pack, b, starts, c);
            x += 8;
        }
        if x + 4 <= whole {
            tile::<R, F4>(i0, n, cj + x, bj + x, 0, &pack, b, starts, c);
            x += 4;
        }
        if len < 4 && x < runs.len {
            for i in i0..i0 + R {
                let c_row = &mut c[i * n + cj + x..i * n + cj + runs.len];
                for (p, &s) in starts.iter().enumerate() {
                    simd::axpy(c_row, a_at(i, p), &b[s + bj + x..s + bj + runs.len]);
                }
            }
        }
    }
}

/// One R × `L::N` tile of `c` (columns from `cj`, read from column `bj` of
/// each row of `b`), held in registers while `p` runs over `k`. The first
/// `skip` columns are computed but not written back.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile<const R: usize, L: Lanes>(
    i0: usize,
    n: usize,
    cj: usize,
    bj: usize,
    skip: usize,
    pack: &[[f32; R]],
    b: &[f32],
    starts: &[usize],
    c: &mut [f32],
) {
    let mut acc: [L; R] = std::array::from_fn(|r| L::load(&c[(i0 + r) * n + cj..]));
    for (&s, ap) in starts.iter().zip(pack) {
        // SAFETY: `nn_at` checked that every row's runs end inside `b`, and
        // this tile's `L::N` columns lie inside one run.
        let bv = L::load(unsafe { b.get_unchecked(s + bj..s + bj + L::N) });
        for (acc, &av) in acc.iter_mut().zip(ap) {
            *acc = acc.mul_add(av, bv);
        }
    }
    for (r, acc) in acc.iter().enumerate() {
        let row = &mut c[(i0 + r) * n + cj..];
        if skip == 0 {
            acc.store(row);
        } else {
            let mut lanes = [0.0; 16];
            acc.store(&mut lanes);
            row[skip..L::N].copy_from_slice(&lanes[skip..L::N]);
        }
    }
}

/// `c[m×n] += a[m×k] · b[n×k]ᵀ`: dot products, a tile of them at a time.
pub fn nt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= n * k && c.len() >= m * n, "matrix sizes");
    if m >= 4 && k >= 8 {
        return nt_along_columns(m, n, k, a, b, c, false);
    }
    // Two rows of `a` a tile where registers allow: 2 × 4 sums of eight lanes
    // are 8 AVX registers natively, but 16 of wasm's 128-bit ones.
    let mut i = 0;
    if cfg!(not(target_arch = "wasm32")) {
        while i + 2 <= m {
            nt_rows::<2>(i, n, k, a, b, c);
            i += 2;
        }
    }
    while i < m {
        nt_rows::<1>(i, n, k, a, b, c);
        i += 1;
    }
}

/// [`nt`] for a square `t × t` result of which only `j ≤ i` is wanted (the
/// scores of causal attention): tiles wholly above the diagonal are skipped,
/// about half the work. The entries above the diagonal are left unspecified.
pub fn nt_causal(t: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= t * k && b.len() >= t * k && c.len() >= t * t, "matrix sizes");
    nt_along_columns(t, t, k, a, b, c, true);
}

/// [`nt`] with vectors along `j` instead of along the sum: `b` is transposed
/// once, and each of [`dot`]'s eight partial sums is a vector of its own,
/// added up at the end in `dot`'s order. The same bits as `dot`, without
/// adding up eight lanes for every single result (short sums, like an
/// attention head's 32, spent most of their time there). With `causal`,
/// rows `i < j0` skip the tile of columns from `j0`.
fn nt_along_columns(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    b: &[f32],
    c: &mut [f32],
    causal: bool,
) {
    let mut bt = crate::buffers::zeroed(k * n);
    transpose_into(n, k, b, &mut bt);
    let mut j = 0;
    #[cfg(target_feature = "avx512f")]
    while j + 16 <= n {
        nt_columns::<simd::F16, 2>(j, m, n, k, a, &bt, c, causal);
        j += 16;
    }
    #[cfg(target_feature = "avx")]
    while j + 8 <= n {
        nt_columns::<F8, 1>(j, m, n, k, a, &bt, c, causal);
        j += 8;
    }
    while j + 4 <= n {
        nt_columns::<F4, 1>(j, m, n, k, a, &bt, c, causal);
        j += 4;
    }
    for i in 0..m {
        let a_row = &a[i * k..(i + 1) * k];
        for jj in j..n {
            if !causal || jj <= i {
                c[i * n + jj] += dot(a_row, &b[jj * k..(jj + 1) * k]);
            }
        }
    }
    crate::buffers::give(bt);
}

/// Columns `j..j + L::N` of [`nt_along_columns`]'s result, `R` rows a tile.
#[allow(clippy::too_many_arguments)]
fn nt_columns<L: Lanes, const R: usize>(
    j: usize,
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    bt: &[f32],
    c: &mut [f32],
    causal: bool,
) {
    let mut i = if causal { j.min(m) } else { 0 };
    while i + R <= m {
        nt_tile::<L, R>(i, j, n, k, a, bt, c);
        i += R;
    }
    while i < m {
        nt_tile::<L, 1>(i, j, n, k, a, bt, c);
        i += 1;
    }
}

/// One `R × L::N` tile: eight partial sums per result, as [`dot`] keeps them.
#[inline(always)]
fn nt_tile<L: Lanes, const R: usize>(
    i0: usize,
    j: usize,
    n: usize,
    k: usize,
    a: &[f32],
    bt: &[f32],
    c: &mut [f32],
) {
    let whole = k - k % 8;
    let rows: [&[f32]; R] = std::array::from_fn(|r| &a[(i0 + r) * k..(i0 + r + 1) * k]);
    let column = |p: usize| L::load(&bt[p * n + j..p * n + j + L::N]);
    let mut acc = [[L::zero(); 8]; R];
    for p0 in (0..whole).step_by(8) {
        for l in 0..8 {
            let bv = column(p0 + l);
            for (acc, row) in acc.iter_mut().zip(&rows) {
                acc[l] = acc[l].mul_add(row[p0 + l], bv);
            }
        }
    }
    for (r, (acc, row)) in acc.iter().zip(&rows).enumerate() {
        let mut tail = L::zero();
        for (p, &av) in row.iter().enumerate().skip(whole) {
            tail = tail.mul_add(av, column(p));
        }
        // `dot`'s order: (s0 + s4) + (s1 + s5) + (s2 + s6) + (s3 + s7) + tail.
        let sum = acc[0]
            .add(acc[4])
            .add(acc[1].add(acc[5]))
            .add(acc[2].add(acc[6]))
            .add(acc[3].add(acc[7]))
            .add(tail);
        let at = (i0 + r) * n + j;
        L::load(&c[at..]).add(sum).store(&mut c[at..]);
    }
}

/// Rows `i0..i0 + I` of [`nt`]'s result.
fn nt_rows<const I: usize>(
    i0: usize,
    n: usize,
    k: usize,
    a: &[f32],
    b: &[f32],
    c: &mut [f32],
) {
    let a_rows: [&[f32]; I] = std::array::from_fn(|r| &a[(i0 + r) * k..(i0 + r + 1) * k]);
    let b_row = |j: usize| &b[j * k..(j + 1) * k];
    let mut j = 0;
    while j + 4 <= n {
        let sums = simd::dots::<I, 4>(a_rows, std::array::from_fn(|q| b_row(j + q)));
        for (r, sums) in sums.iter().enumerate() {
            for (cv, s) in c[(i0 + r) * n + j..(i0 + r) * n + j + 4].iter_mut().zip(sums)
            {
                *cv += s;
            }
        }
        j += 4;
    }
    for (r, a_row) in a_rows.iter().enumerate() {
        for j in j..n {
            c[(i0 + r) * n + j] += dot(a_row, b_row(j));
        }
    }
}

/// [`nt`]'s result through the blocked product: `b` is transposed first.
/// Faster when `m` is large (many rows share each transposed column), but
/// it adds each sum in the plain loop's order rather than [`dot`]'s, so
/// the two differ in the last bits; a model uses one or the other throughout.
pub fn nt_by_transpose(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    b: &[f32],
    c: &mut [f32],
) {
    assert!(b.len() >= n * k, "matrix sizes");
    let mut bt = crate::buffers::zeroed(k * n);
    transpose_into(n, k, b, &mut bt);
    nn(m, n, k, a, &bt, c);
    crate::buffers::give(bt);
}

/// `b[n×k]ᵀ`: with it kept, [`nn`]`(m, n, k, a, bt, c)` is
/// [`nt_by_transpose`] bit for bit, without transposing again.
pub fn transpose(n: usize, k: usize, b: &[f32]) -> Vec<f32> {
    let mut bt = vec![0.0; k * n];
    transpose_into(n, k, b, &mut bt);
    bt
}

fn transpose_into(n: usize, k: usize, b: &[f32], bt: &mut [f32]) {
    for (j, row) in b.chunks_exact(k).take(n).enumerate() {
        for (p, &v) in row.iter().enumerate() {
            bt[p * n + j] = v;
        }
    }
}

/// `c[m×n] += a[k×m]ᵀ · b[k×n]`: the blocked product of [`nn`], reading `a`
/// down its columns.
pub fn tn(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= k * m, "matrix sizes");
    let starts: Vec<usize> = (0..k).map(|p| p * n).collect();
    blocked(m, &|i, p| a[p * m + i], b, &starts, Runs { count: 1, len: n, stride: n }, c);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain loop, the reference the blocked product must equal exactly.
    fn nn_rows(
        rows: std::ops::Range<usize>,
        cols: std::ops::Range<usize>,
        n: usize,
        k: usize,
        a: &[f32],
        b: &[f32],
        c: &mut [f32],
    ) {
        if cols.is_empty() {
            return;
        }
        for i in rows {
            let c_row = &mut c[i * n + cols.start..i * n + cols.end];
            for p in 0..k {
                for (cv, bv) in
                    c_row.iter_mut().zip(&b[p * n + cols.start..p * n + cols.end])
                {
                    *cv += a[i * k + p] * bv;
                }
            }
        }
    }

    fn naive(
        m: usize,
        n: usize,
        k: usize,
        a: impl Fn(usize, usize) -> f32,
        b: impl Fn(usize, usize) -> f32,
    ) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a(i, p) * b(p, j)).sum();
            }
        }
        c
    }

    #[test]
    fn all_three_products_match_the_definition() {
        let (m, n, k) = (5, 11, 13);
        let a: Vec<f32> = (0..m * k).map(|i| ((i * 7 % 11) as f32 - 5.0) / 4.0).collect();
        let b: Vec<f32> = (0..k * n).map(|i| ((i * 5 % 13) as f32 - 6.0) / 3.0).collect();
        let want = naive(m, n, k, |i, p| a[i * k + p], |p, j| b[p * n + j]);
        let close = |c: &[f32]| c.iter().zip(&want).all(|(x, y)| (x - y).abs() < 1e-4);

        let mut c = vec![0.0; m * n];
        nn(m, n, k, &a, &b, &mut c);
        assert!(close(&c));

        let bt: Vec<f32> = (0..n * k).map(|i| b[(i % k) * n + i / k]).collect(); // n×k
        let mut c = vec![0.0; m * n];
        nt(m, n, k, &a, &bt, &mut c);
        assert!(close(&c));

        let at: Vec<f32> = (0..k * m).map(|i| a[(i % m) * k + i / m]).collect(); // k×m
        let mut c = vec![0.0; m * n];
        tn(m, n, k, &at, &b, &mut c);
        assert!(close(&c));
    }

    #[test]
    fn nt_along_columns_gives_dot_bit_for_bit() {
        for (m, n, k) in
            [(4, 4, 8), (128, 128, 32), (9, 37, 13), (17, 65, 128), (5, 3, 9)]
        {
            let a: Vec<f32> =
                (0..m * k).map(|i| ((i * 7 % 11) as f32 - 5.3) / 4.1).collect();
            let b: Vec<f32> =
                (0..n * k).map(|i| ((i * 5 % 13) as f32 - 6.2) / 3.7).collect();
            let dots = |i: usize, j: usize| {
                0.25 + dot(&a[i * k..(i + 1) * k], &b[j * k..(j + 1) * k])
            };
            let mut c = vec![0.25; m * n];
            nt(m, n, k, &a, &b, &mut c);
            for i in 0..m {
                for j in 0..n {
                    assert_eq!(
                        c[i * n + j].to_bits(),
                        dots(i, j).to_bits(),
                        "{m}×{n}×{k} at {i},{j}"
                    );
                }
            }
            if m == n {
                let mut c = vec![0.25; m * n];
                nt_causal(m, k, &a, &b, &mut c);
                for i in 0..m {
                    for j in 0..=i {
                        assert_eq!(
                            c[i * n + j].to_bits(),
                            dots(i, j).to_bits(),
                            "causal {i},{j}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn blocked_product_equals_the_plain_loop_exactly() {
        for (m, n, k) in [
            (6, 784, 25),
            (16, 100, 150),
            (5, 11, 13),
            (3, 7, 2),
            (8, 16, 1),
            (4, 6, 5),
            (2, 3, 4),
            (7, 13, 3),
            (1, 84, 120),
            (5, 9, 600),
        ] {
            let a: Vec<f32> =
                (0..m * k).map(|i| ((i * 7 % 11) as f32 - 5.0) / 4.0).collect();
            let b: Vec<f32> =
                (0..k * n).map(|i| ((i * 5 % 13) as f32 - 6.0) / 3.0).collect();
            let mut plain = vec![0.5; m * n];
            nn_rows(0..m, 0..n, n, k, &a, &b, &mut plain);
            let mut fast = vec![0.5; m * n];
            nn(m, n, k, &a, &b, &mut fast);
            assert_eq!(plain, fast, "{m}×{n}×{k}");
            let at: Vec<f32> = (0..k * m).map(|i| a[(i % m) * k + i / m]).collect(); // k×m
            let mut fast = vec![0.5; m * n];
            tn(m, n, k, &at, &b, &mut fast);
            assert_eq!(plain, fast, "tn {m}×{n}×{k}");
        }
    }
}
