//! Whitening: equalising the patches' spatial frequencies before learning.
//!
//! In photographs, neighbouring pixels are nearly equal, so most of a
//! patch's variance sits in slow, blurry changes. A learner fed raw patches
//! spends itself on those. ZCA whitening rescales every direction of patch
//! space to the same variance (with a floor `epsilon` so pixel noise is
//! not blown up), and among all whitening transforms changes the patches
//! least; applied to a photo it works like a small centre-surround filter.

use nalgebra::{DMatrix, SymmetricEigen};

/// What whitening learnt from a set of patches.
pub struct Whitening {
    /// Pixels per patch.
    pub dim: usize,
    /// The ZCA matrix, `dim` × `dim` (symmetric), row-major.
    pub matrix: Vec<f32>,
    /// The patches' principal components, strongest first, one per row:
    /// what a learner that only decorrelates (PCA) would find.
    pub components: Vec<f32>,
    /// Their variances, strongest first.
    pub variances: Vec<f32>,
}

impl Whitening {
    /// Learns whitening from `patches` (`dim` values each). `epsilon` is a
    /// share of the largest variance.
    pub fn fit(patches: &[f32], dim: usize, epsilon: f32) -> Whitening {
        let n = patches.len() / dim;
        let mut cov = vec![0.0f32; dim * dim];
        nn::gemm::tn(dim, dim, n, patches, patches, &mut cov);
        let cov =
            DMatrix::from_row_slice(dim, dim, &cov).map(|v| f64::from(v) / n as f64);
        let eigen = SymmetricEigen::new(cov);
        let mut order: Vec<usize> = (0..dim).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let top = eigen.eigenvalues[order[0]].max(1e-12);
        let floor = f64::from(epsilon) * top;
        let mut matrix = vec![0.0f32; dim * dim];
        for &k in &order {
            let scale = 1.0 / (eigen.eigenvalues[k].max(0.0) + floor).sqrt();
            let u = eigen.eigenvectors.column(k);
            for i in 0..dim {
                for j in 0..dim {
                    matrix[i * dim + j] += (scale * u[i] * u[j]) as f32;
                }
            }
        }
        let components = order
            .iter()
            .flat_map(|&k| {
                eigen.eigenvectors.column(k).iter().map(|&v| v as f32).collect::<Vec<_>>()
            })
            .collect();
        let variances = order.iter().map(|&k| eigen.eigenvalues[k] as f32).collect();
        Whitening { dim, matrix, components, variances }
    }

    /// The patches whitened (the matrix is symmetric, so rows or columns
    /// give the same product).
    pub fn apply(&self, patches: &[f32]) -> Vec<f32> {
        let n = patches.len() / self.dim;
        let mut out = vec![0.0f32; patches.len()];
        nn::gemm::nn(n, self.dim, self.dim, patches, &self.matrix, &mut out);
        out
    }

    /// The filter whitening applies around the patch's centre pixel.
    pub fn centre_filter(&self, size: usize) -> Vec<f32> {
        let c = (size / 2) * size + size / 2;
        self.matrix[c * self.dim..(c + 1) * self.dim].to_vec()
    }
}
