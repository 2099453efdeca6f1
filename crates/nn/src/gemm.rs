//! The three matrix products every layer here reduces to. Row-major, and
//! written so the compiler vectorizes the inner loops (SSE/AVX natively,
//! SIMD128 in the browser): contiguous `j` loops, and dot products split over
//! eight independent accumulators.

/// `c[m×n] += a[m×k] · b[k×n]`
///
/// Blocks of up to 4 rows × 8 columns of `c` stay in registers while the `k` loop
/// runs, so each loaded row of `b` feeds up to four rows of `c`. Every `c[i][j]` still
/// adds its `k` products in order, so the result equals the plain triple loop.
pub fn nn(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    debug_assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n);
    let mut i0 = 0;
    while i0 + 4 <= m {
        rows_block::<4>(i0, n, k, a, b, c);
        i0 += 4;
    }
    if i0 + 2 <= m {
        rows_block::<2>(i0, n, k, a, b, c);
        i0 += 2;
    }
    if i0 < m {
        rows_block::<1>(i0, n, k, a, b, c);
    }
}

/// `R` rows of `c`, eight columns at a time held in registers.
fn rows_block<const R: usize>(i0: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    let n8 = n - n % 8;
    for j0 in (0..n8).step_by(8) {
        let mut acc = [[0.0f32; 8]; R];
        for (r, row) in acc.iter_mut().enumerate() {
            row.copy_from_slice(&c[(i0 + r) * n + j0..(i0 + r) * n + j0 + 8]);
        }
        for p in 0..k {
            let bv: &[f32; 8] = b[p * n + j0..p * n + j0 + 8].try_into().expect("8 columns");
            for (r, row) in acc.iter_mut().enumerate() {
                let av = a[(i0 + r) * k + p];
                for l in 0..8 {
                    row[l] += av * bv[l];
                }
            }
        }
        for (r, row) in acc.iter().enumerate() {
            c[(i0 + r) * n + j0..(i0 + r) * n + j0 + 8].copy_from_slice(row);
        }
    }
    nn_rows(i0..i0 + R, n8..n, n, k, a, b, c);
}

/// The plain loop for the rows and columns the 4×8 blocks leave over.
fn nn_rows(rows: std::ops::Range<usize>, cols: std::ops::Range<usize>, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    if cols.is_empty() {
        return;
    }
    for i in rows {
        let c_row = &mut c[i * n + cols.start..i * n + cols.end];
        for p in 0..k {
            let av = a[i * k + p];
            let b_row = &b[p * n + cols.start..p * n + cols.end];
            for (cv, bv) in c_row.iter_mut().zip(b_row) {
                *cv += av * bv;
            }
        }
    }
}

/// `c[m×n] += a[m×k] · b[n×k]ᵀ`
pub fn nt(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    debug_assert!(a.len() >= m * k && b.len() >= n * k && c.len() >= m * n);
    for i in 0..m {
        let a_row = &a[i * k..(i + 1) * k];
        for j in 0..n {
            c[i * n + j] += dot(a_row, &b[j * k..(j + 1) * k]);
        }
    }
}

/// `c[m×n] += a[k×m]ᵀ · b[k×n]`
pub fn tn(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    debug_assert!(a.len() >= k * m && b.len() >= k * n && c.len() >= m * n);
    for p in 0..k {
        let b_row = &b[p * n..(p + 1) * n];
        for i in 0..m {
            let av = a[p * m + i];
            if av == 0.0 {
                continue;
            }
            let c_row = &mut c[i * n..(i + 1) * n];
            for (cv, bv) in c_row.iter_mut().zip(b_row) {
                *cv += av * bv;
            }
        }
    }
}

/// Dot product with eight lanes of partial sums, so it vectorizes without
/// fast-math (the summation order is fixed, so results are reproducible).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    let mut tail = 0.0;
    for (x, y) in ra.iter().zip(rb) {
        tail += x * y;
    }
    (acc[0] + acc[4]) + (acc[1] + acc[5]) + (acc[2] + acc[6]) + (acc[3] + acc[7]) + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(m: usize, n: usize, k: usize, a: impl Fn(usize, usize) -> f32, b: impl Fn(usize, usize) -> f32) -> Vec<f32> {
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
    fn blocked_product_equals_the_plain_loop_exactly() {
        for (m, n, k) in [(6, 784, 25), (16, 100, 150), (5, 11, 13), (3, 7, 2), (8, 16, 1)] {
            let a: Vec<f32> = (0..m * k).map(|i| ((i * 7 % 11) as f32 - 5.0) / 4.0).collect();
            let b: Vec<f32> = (0..k * n).map(|i| ((i * 5 % 13) as f32 - 6.0) / 3.0).collect();
            let mut plain = vec![0.5; m * n];
            nn_rows(0..m, 0..n, n, k, &a, &b, &mut plain);
            let mut fast = vec![0.5; m * n];
            nn(m, n, k, &a, &b, &mut fast);
            assert_eq!(plain, fast, "{m}×{n}×{k}");
        }
    }

    #[test]
    fn dot_handles_tails() {
        let a: Vec<f32> = (0..19).map(|i| i as f32).collect();
        assert_eq!(dot(&a, &vec![1.0; 19]), 171.0);
        assert_eq!(dot(&[], &[]), 0.0);
    }
}
