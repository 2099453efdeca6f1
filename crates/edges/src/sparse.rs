//! Sparse coding (Olshausen and Field, 1996): describe each patch as a sum
//! of as few dictionary patterns as possible, and move the patterns so that
//! those few describe the patches well.

use crate::measure;

/// A dictionary of patterns ("atoms", the filters the page draws) and how
/// it is learnt.
pub struct SparseCoder {
    /// Pixels per patch.
    pub dim: usize,
    pub atoms: usize,
    /// One atom per row (`atoms` × `dim`), each of length one.
    pub dictionary: Vec<f32>,
    /// The price of every unit of coefficient: larger means fewer atoms
    /// per patch.
    pub lambda: f32,
    /// Rounds of the coefficient search per batch.
    pub rounds: usize,
    /// How far one batch moves the atoms.
    pub lr: f32,
}

/// What one batch measured.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fit {
    /// The share of the patches' energy the atoms leave unexplained.
    pub residual: f32,
    /// Atoms in use per patch, on average.
    pub active: f32,
}

impl SparseCoder {
    /// Random atoms, each of length one.
    pub fn new(dim: usize, atoms: usize, lambda: f32, rng: &mut nn::Rng) -> SparseCoder {
        let dictionary =
            (0..dim * atoms).map(|_| nn::init::standard_normal(rng)).collect();
        let mut coder =
            SparseCoder { dim, atoms, dictionary, lambda, rounds: 30, lr: 0.1 };
        coder.normalise();
        coder
    }

    // ANCHOR: infer
    /// The coefficients (`n` × `atoms`) that best rebuild each of the `n`
    /// patches `x` at the price `lambda` per unit: minimises
    /// ½‖x − a·D‖² + λ‖a‖₁ by FISTA (Beck and Teboulle 2009): a gradient
    /// step on the rebuilding error, then every coefficient shrunk towards
    /// zero by λ/L, and those smaller than that set to zero — that is what
    /// makes the code sparse. Momentum between rounds speeds it up.
    pub fn infer(&self, x: &[f32], n: usize) -> Vec<f32> {
        let (k, d) = (self.atoms, self.dim);
        let mut gram = vec![0.0f32; k * k]; // D·Dᵀ: how atoms overlap
        nn::gemm::nt(k, k, d, &self.dictionary, &self.dictionary, &mut gram);
        let mut xd = vec![0.0f32; n * k]; // x·Dᵀ: how each patch meets each atom
        nn::gemm::nt(n, k, d, x, &self.dictionary, &mut xd);
        let step = 1.0 / largest_eigenvalue(&gram, k);
        let shrink = self.lambda * step;
        let (mut a, mut y) = (vec![0.0f32; n * k], vec![0.0f32; n * k]);
        let mut grad = vec![0.0f32; n * k];
        let mut t = 1.0f32;
        for _ in 0..self.rounds {
            // The rebuilding error's gradient at y: y·D·Dᵀ − x·Dᵀ.
            grad.iter_mut().zip(&xd).for_each(|(g, &b)| *g = -b);
            nn::gemm::nn(n, k, k, &y, &gram, &mut grad);
            let t_next = (1.0 + (1.0 + 4.0 * t * t).sqrt()) / 2.0;
            let momentum = (t - 1.0) / t_next;
            for ((ai, yi), &g) in a.iter_mut().zip(y.iter_mut()).zip(&grad) {
                let v = *yi - step * g;
                let shrunk = v.signum() * (v.abs() - shrink).max(0.0);
                *yi = shrunk + momentum * (shrunk - *ai);
                *ai = shrunk;
            }
            t = t_next;
        }
        a
    }
    // ANCHOR_END: infer

    // ANCHOR: learn
    /// One batch of `n` whitened patches: find their sparse codes, then move
    /// every atom along the part of the patches its code left unexplained
    /// (the gradient of the rebuilding error), and rescale it to length one
    /// (otherwise atoms grow and their coefficients shrink, dodging the price).
    pub fn learn(&mut self, x: &[f32], n: usize) -> Fit {
        let (k, d) = (self.atoms, self.dim);
        let a = self.infer(x, n);
        let mut residual = x.to_vec(); // x − a·D
        let minus_a: Vec<f32> = a.iter().map(|v| -v).collect();
        nn::gemm::nn(n, d, k, &minus_a, &self.dictionary, &mut residual);
        let mut delta = vec![0.0f32; k * d]; // aᵀ·(x − a·D)
        nn::gemm::tn(k, d, n, &a, &residual, &mut delta);
        let rate = self.lr / n as f32;
        self.dictionary.iter_mut().zip(&delta).for_each(|(w, &g)| *w += rate * g);
        self.normalise();
        let energy: f32 = x.iter().map(|v| v * v).sum();
        let left: f32 = residual.iter().map(|v| v * v).sum();
        let active = a.iter().filter(|&&v| v != 0.0).count() as f32 / n.max(1) as f32;
        Fit { residual: left / energy.max(1e-12), active }
    }
    // ANCHOR_END: learn

    fn normalise(&mut self) {
        for atom in self.dictionary.chunks_exact_mut(self.dim) {
            let norm = atom.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
            atom.iter_mut().for_each(|v| *v /= norm);
        }
    }

    /// Each atom's shape measures ([`measure::Shape`]), for a patch side `size`.
    pub fn shapes(&self, size: usize) -> Vec<measure::Shape> {
        self.dictionary.chunks_exact(self.dim).map(|f| measure::shape(f, size)).collect()
    }
}

/// The largest eigenvalue of a symmetric `k` × `k` matrix with no negative
/// ones (a Gram matrix), by power iteration, rounded up a little: the
/// gradient steps are safe below its inverse.
fn largest_eigenvalue(m: &[f32], k: usize) -> f32 {
    let mut v = vec![1.0f32; k];
    let mut value = 0.0f32;
    for _ in 0..30 {
        let mut next = vec![0.0f32; k];
        nn::gemm::nn(k, 1, k, m, &v, &mut next);
        let norm = next.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm == 0.0 {
            return 1.0;
        }
        value = norm / v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v = next.iter().map(|x| x / norm).collect();
    }
    value * 1.05 + 1e-6
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patches made of two atoms of a known dictionary are rebuilt from
    /// those two alone.
    #[test]
    fn the_code_of_a_two_atom_patch_uses_those_two() {
        let mut rng = nn::rng(1);
        let mut coder = SparseCoder::new(16, 8, 0.01, &mut rng);
        coder.rounds = 300;
        let d = &coder.dictionary;
        let x: Vec<f32> =
            (0..16).map(|i| 2.0 * d[16 + i] - 1.5 * d[5 * 16 + i]).collect();
        let a = coder.infer(&x, 1);
        assert!((a[1] - 2.0).abs() < 0.05 && (a[5] + 1.5).abs() < 0.05, "{a:?}");
        let others: f32 = a
            .iter()
            .enumerate()
            .filter(|(i, _)| ![1, 5].contains(i))
            .map(|(_, v)| v.abs())
            .sum();
        assert!(others < 0.05, "{a:?}");
    }
}
