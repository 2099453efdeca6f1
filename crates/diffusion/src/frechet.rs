//! The Fréchet distance between two clouds of feature vectors, each
//! summarised by its mean and covariance: the number behind FID.
//!
//! Fit a Gaussian to each cloud; the distance between the Gaussians is
//! ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½). Zero means the two clouds have the
//! same centre and the same spread in every direction. It rewards samples
//! that are both right (the centre) and varied (the spread): a model that
//! draws one perfect 7 every time still has a large distance to real 7s.

use nalgebra::{DMatrix, DVector, SymmetricEigen};

/// A cloud of `dim`-number feature vectors as its mean and covariance.
#[derive(Clone, Debug, PartialEq)]
pub struct Gaussian {
    pub mean: Vec<f64>,
    /// Row-major, `dim × dim`.
    pub cov: Vec<f64>,
}

impl Gaussian {
    /// Fits `features` (vectors of `dim` numbers, one after another); the
    /// covariance divides by n − 1, as numpy's `cov` and the FID code do.
    pub fn fit(features: &[f32], dim: usize) -> Gaussian {
        let n = features.len() / dim;
        let mut mean = vec![0.0f64; dim];
        for row in features.chunks_exact(dim) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += f64::from(v);
            }
        }
        mean.iter_mut().for_each(|m| *m /= n.max(1) as f64);
        let mut cov = vec![0.0f64; dim * dim];
        let mut centred = vec![0.0f64; dim];
        for row in features.chunks_exact(dim) {
            for ((c, &v), m) in centred.iter_mut().zip(row).zip(&mean) {
                *c = f64::from(v) - m;
            }
            for (i, &ci) in centred.iter().enumerate() {
                for (j, &cj) in centred.iter().enumerate().skip(i) {
                    cov[i * dim + j] += ci * cj;
                }
            }
        }
        let denominator = n.saturating_sub(1).max(1) as f64;
        for i in 0..dim {
            for j in i..dim {
                let v = cov[i * dim + j] / denominator;
                cov[i * dim + j] = v;
                cov[j * dim + i] = v;
            }
        }
        Gaussian { mean, cov }
    }

    pub fn dim(&self) -> usize {
        self.mean.len()
    }

    fn matrix(&self) -> DMatrix<f64> {
        DMatrix::from_row_slice(self.dim(), self.dim(), &self.cov)
    }
}

/// The square root of a symmetric positive semi-definite matrix (its
/// eigenvalues' roots on the same eigenvectors; rounding's tiny negative
/// eigenvalues count as zero).
fn sqrt_psd(m: DMatrix<f64>) -> DMatrix<f64> {
    let eigen = SymmetricEigen::new(m);
    let roots = DVector::from_iterator(
        eigen.eigenvalues.len(),
        eigen.eigenvalues.iter().map(|&l| l.max(0.0).sqrt()),
    );
    &eigen.eigenvectors * DMatrix::from_diagonal(&roots) * eigen.eigenvectors.transpose()
}

// ANCHOR: distance
/// The squared Fréchet distance between `a` and `b` (same `dim`).
///
/// tr((Σ₁Σ₂)^½) is computed as tr((S Σ₂ S)^½) with S = Σ₁^½: the same
/// eigenvalues, but of a symmetric matrix, so no complex numbers appear.
pub fn distance(a: &Gaussian, b: &Gaussian) -> f64 {
    assert_eq!(a.dim(), b.dim(), "both clouds need the same number of features");
    let centres: f64 = a.mean.iter().zip(&b.mean).map(|(x, y)| (x - y).powi(2)).sum();
    let root = sqrt_psd(a.matrix());
    let middle = &root * b.matrix() * &root;
    let middle = (&middle + middle.transpose()) * 0.5; // exactly symmetric
    let cross: f64 =
        SymmetricEigen::new(middle).eigenvalues.iter().map(|&l| l.max(0.0).sqrt()).sum();
    let trace = |g: &Gaussian| (0..g.dim()).map(|i| g.cov[i * g.dim() + i]).sum::<f64>();
    (centres + trace(a) + trace(b) - 2.0 * cross).max(0.0)
}
// ANCHOR_END: distance

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_covariance_is_numpys() {
        // numpy.cov([[1, 2], [3, 5], [5, 11]], rowvar=False) = [[4, 9], [9, 21]]
        let g = Gaussian::fit(&[1.0, 2.0, 3.0, 5.0, 5.0, 11.0], 2);
        assert_eq!(g.mean, vec![3.0, 6.0]);
        assert_eq!(g.cov, vec![4.0, 9.0, 9.0, 21.0]);
    }

    #[test]
    fn distances_match_the_closed_forms() {
        // Diagonal covariances: Σ (μ₁−μ₂)² + (√v₁ − √v₂)² per direction.
        let a = Gaussian { mean: vec![0.0, 1.0], cov: vec![4.0, 0.0, 0.0, 9.0] };
        let b = Gaussian { mean: vec![3.0, 1.0], cov: vec![1.0, 0.0, 0.0, 16.0] };
        let expected = 9.0 + (2.0f64 - 1.0).powi(2) + (3.0f64 - 4.0).powi(2);
        assert!((distance(&a, &b) - expected).abs() < 1e-9);
        assert!((distance(&b, &a) - expected).abs() < 1e-9);
        assert!(distance(&a, &a).abs() < 1e-9);
        // Covariances that do not share axes: the cross term must be the
        // full tr((Σ₁Σ₂)^½). For 2 × 2 matrices with non-negative
        // eigenvalues l₁, l₂ it is √(l₁ + l₂ + 2√(l₁l₂)) = √(tr + 2√det).
        let c = Gaussian { mean: vec![0.0, 0.0], cov: vec![5.0, 4.0, 4.0, 5.0] };
        let d = Gaussian { mean: vec![0.0, 0.0], cov: vec![9.0, 0.0, 0.0, 1.0] };
        let ab = [5.0 * 9.0, 4.0 * 1.0, 4.0 * 9.0, 5.0 * 1.0];
        let det = ab[0] * ab[3] - ab[1] * ab[2];
        let cross = (ab[0] + ab[3] + 2.0 * f64::sqrt(det)).sqrt();
        let expected = 10.0 + 10.0 - 2.0 * cross;
        assert!((distance(&c, &d) - expected).abs() < 1e-9, "{}", distance(&c, &d));
    }

    #[test]
    fn a_singular_cloud_still_gets_a_distance() {
        // Three points in four dimensions: the covariance has rank 2.
        let few = Gaussian::fit(
            &[0.0, 1.0, 2.0, 0.0, 1.0, 0.0, 1.0, 0.0, 2.0, 2.0, 0.0, 0.0],
            4,
        );
        let d = distance(&few, &few);
        assert!(d.is_finite() && d.abs() < 1e-6, "{d}");
    }
}
