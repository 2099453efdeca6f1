//! Causal multi-head self-attention, the heart of a GPT.
//!
//! Every position makes a query, a key and a value from its features. A
//! position's output is an average of the values of the positions it may
//! see (itself and those before it: the causal mask), weighted by how well
//! its query matches their keys. Several heads do this side by side on
//! slices of the features, so one head can track the previous character
//! while another looks for the start of the line.

use crate::{Dense, Layer, Param, Rng, Shape, gemm, math};

/// Attention over sequences of `seq` positions with `dim` features in
/// `heads` heads (`dim` must divide evenly).
pub struct CausalSelfAttention {
    pub dim: usize,
    pub heads: usize,
    /// Positions per sequence in [`Layer::forward`]; may be set lower to run
    /// a shorter prompt.
    pub seq: usize,
    /// Features → queries, keys and values, side by side in each row.
    pub qkv: Dense,
    /// The heads' outputs, concatenated, → features.
    pub proj: Dense,
    qkv_out: Vec<f32>,
    probs: Vec<f32>,
}

/// Keys and values of the positions generated so far, for one layer: a new
/// character then costs one row of work instead of the whole text again.
#[derive(Clone, Debug, Default)]
pub struct KvCache {
    keys: Vec<f32>,
    values: Vec<f32>,
}

impl KvCache {
    /// Positions held.
    pub fn len(&self, dim: usize) -> usize {
        self.keys.len() / dim
    }
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
    pub fn clear(&mut self) {
        self.keys.clear();
        self.values.clear();
    }
}

impl CausalSelfAttention {
    /// GPT-2's start: weights with standard deviation 0.02, and the output
    /// projection scaled down by √(2·layers) so the residual stream does not
    /// grow with depth.
    pub fn new(
        dim: usize,
        heads: usize,
        seq: usize,
        layers: usize,
        rng: &mut Rng,
    ) -> Self {
        assert!(heads > 0 && dim.is_multiple_of(heads), "heads must divide the width");
        let mut qkv = Dense::new(dim, 3 * dim, rng);
        let mut proj = Dense::new(dim, dim, rng);
        qkv.by_transpose = true;
        proj.by_transpose = true;
        crate::init::normalish(&mut qkv.weight, 0.02, rng);
        crate::init::normalish(
            &mut proj.weight,
            0.02 / (2.0 * layers as f32).sqrt(),
            rng,
        );
        CausalSelfAttention {
            dim,
            heads,
            seq,
            qkv,
            proj,
            qkv_out: Vec::new(),
            probs: Vec::new(),
        }
    }

    fn head_dim(&self) -> usize {
        self.dim / self.heads
    }

    /// The attention weights of the last forward pass: for sequence `b` and
    /// head `h`, a `seq × seq` matrix whose row `i` says how much position
    /// `i` took from each earlier position (each row sums to 1).
    pub fn weights(&self, b: usize, h: usize) -> &[f32] {
        let t = self.seq;
        let at = (b * self.heads + h) * t * t;
        &self.probs[at..at + t * t]
    }

    /// Copies one head's `t × hd` slice (queries 0, keys 1, values 2) of sequence `b`.
    fn gather(&self, src: &[f32], b: usize, part: usize, h: usize, out: &mut [f32]) {
        let (t, hd, w) = (self.seq, self.head_dim(), 3 * self.dim);
        for (i, row) in out.chunks_exact_mut(hd).enumerate() {
            let at = (b * t + i) * w + part * self.dim + h * hd;
            row.copy_from_slice(&src[at..at + hd]);
        }
    }

    // ANCHOR: attend
    /// One head of one sequence: scores `q·k / √hd`, masked so position `i`
    /// sees only `0..=i`, turned into weights by a softmax, then the
    /// weighted sum of values. Returns the `t × hd` output; `p` receives the weights.
    fn attend(
        t: usize,
        hd: usize,
        q: &[f32],
        k: &[f32],
        v: &[f32],
        p: &mut [f32],
    ) -> Vec<f32> {
        p.fill(0.0);
        gemm::nt_causal(t, hd, q, k, p); // p[i][j] = q_i · k_j, for j ≤ i
        let scale = 1.0 / (hd as f32).sqrt();
        for (i, row) in p.chunks_exact_mut(t).enumerate() {
            let (seen, future) = row.split_at_mut(i + 1);
            seen.iter_mut().for_each(|s| *s *= scale);
            math::softmax_in_place(seen);
            future.fill(0.0); // the causal mask: no looking ahead
        }
        let mut out = vec![0.0; t * hd];
        gemm::nn(t, hd, t, p, v, &mut out); // out_i = Σ_j p[i][j] · v_j
        out
    }
    // ANCHOR_END: attend

    /// [`Layer::forward`] for `n` sequences of `self.seq` positions.
    fn forward_all(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let (t, d, hd) = (self.seq, self.dim, self.head_dim());
        let qkv = self.qkv.forward(x, n * t);
        self.probs.resize(n * self.heads * t * t, 0.0);
        let mut mixed = crate::buffers::zeroed(n * t * d);
        let (mut q, mut k, mut v) =
            (vec![0.0; t * hd], vec![0.0; t * hd], vec![0.0; t * hd]);
        for b in 0..n {
            for h in 0..self.heads {
                self.gather(&qkv, b, 0, h, &mut q);
                self.gather(&qkv, b, 1, h, &mut k);
                self.gather(&qkv, b, 2, h, &mut v);
                let at = (b * self.heads + h) * t * t;
                let out =
                    Self::attend(t, hd, &q, &k, &v, &mut self.probs[at..at + t * t]);
                for (i, row) in out.chunks_exact(hd).enumerate() {
                    let to = (b * t + i) * d + h * hd;
                    mixed[to..to + hd].copy_from_slice(row);
                }
            }
        }
        crate::buffers::give(std::mem::replace(&mut self.qkv_out, qkv));
        let y = self.proj.forward(&mixed, n * t);
        crate::buffers::give(mixed);
        y
    }

    /// One new position after those in `cache` (which it joins): the
    /// generation path. `x` is the position's `dim` features; the output is
    /// bit-for-bit what [`Layer::forward`] gives that position. `weights`,
    /// if given, receives each head's weights over the cached positions.
    pub fn step(
        &self,
        x: &[f32],
        cache: &mut KvCache,
        mut weights: Option<&mut Vec<f32>>,
    ) -> Vec<f32> {
        let (d, hd) = (self.dim, self.head_dim());
        let qkv = self.qkv.apply(x, 1);
        cache.keys.extend_from_slice(&qkv[d..2 * d]);
        cache.values.extend_from_slice(&qkv[2 * d..]);
        let t = cache.len(d);
        let scale = 1.0 / (hd as f32).sqrt();
        let mut mixed = vec![0.0; d];
        let mut p = vec![0.0; t];
        if let Some(w) = weights.as_deref_mut() {
            w.clear();
        }
        for h in 0..self.heads {
            let q = &qkv[h * hd..(h + 1) * hd];
            for (j, s) in p.iter_mut().enumerate() {
                *s = gemm::dot(q, &cache.keys[j * d + h * hd..j * d + (h + 1) * hd])
                    * scale;
            }
            math::softmax_in_place(&mut p);
            let out = &mut mixed[h * hd..(h + 1) * hd];
            for (j, &pj) in p.iter().enumerate() {
                crate::simd::axpy(
                    out,
                    pj,
                    &cache.values[j * d + h * hd..j * d + (h + 1) * hd],
                );
            }
            if let Some(w) = weights.as_deref_mut() {
                w.extend_from_slice(&p);
            }
        }
        crate::buffers::give(qkv);
        self.proj.apply(&mixed, 1)
    }
}

impl Layer for CausalSelfAttention {
    fn describe(&self) -> String {
        format!("causal self-attention, {} heads × {}", self.heads, self.head_dim())
    }

    /// One sample is a whole sequence: `seq` rows of `dim` features.
    fn input_shape(&self) -> Shape {
        Shape::new(self.dim, self.seq, 1)
    }

    fn output_shape(&self) -> Shape {
        self.input_shape()
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        self.forward_all(x, n)
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let (t, d, hd) = (self.seq, self.dim, self.head_dim());
        let scale = 1.0 / (hd as f32).sqrt();
        let dmixed = self.proj.backward(dy, n * t);
        let mut dqkv = crate::buffers::zeroed(n * t * 3 * d);
        let buf = |len| vec![0.0; len];
        let (mut q, mut k, mut v, mut dout) =
            (buf(t * hd), buf(t * hd), buf(t * hd), buf(t * hd));
        let mut dp = buf(t * t);
        for b in 0..n {
            for h in 0..self.heads {
                self.gather(&self.qkv_out, b, 0, h, &mut q);
                self.gather(&self.qkv_out, b, 1, h, &mut k);
                self.gather(&self.qkv_out, b, 2, h, &mut v);
                for (i, row) in dout.chunks_exact_mut(hd).enumerate() {
                    let at = (b * t + i) * d + h * hd;
                    row.copy_from_slice(&dmixed[at..at + hd]);
                }
                let p = self.weights(b, h);
                dp.fill(0.0);
                // dL/dp = dout · vᵀ; above the diagonal p is 0, so dp is not needed there.
                gemm::nt_causal(t, hd, &dout, &v, &mut dp);
                let mut dv = vec![0.0; t * hd];
                gemm::tn(t, hd, t, p, &dout, &mut dv); // dL/dv = pᵀ · dout
                // Through the softmax: ds = p ⊙ (dp − Σ p·dp), times the scale.
                for (prow, drow) in p.chunks_exact(t).zip(dp.chunks_exact_mut(t)) {
                    let inner: f32 =
                        prow.iter().zip(drow.iter()).map(|(a, b)| a * b).sum();
                    for (dv, &pv) in drow.iter_mut().zip(prow) {
                        *dv = pv * (*dv - inner) * scale;
                    }
                }
                let (mut dq, mut dk) = (vec![0.0; t * hd], vec![0.0; t * hd]);
                gemm::nn(t, hd, t, &dp, &k, &mut dq); // dL/dq = ds · k
                gemm::tn(t, hd, t, &dp, &q, &mut dk); // dL/dk = dsᵀ · q
                for (part, grad) in [(0, &dq), (1, &dk), (2, &dv)] {
                    for (i, row) in grad.chunks_exact(hd).enumerate() {
                        let at = (b * t + i) * 3 * d + part * d + h * hd;
                        dqkv[at..at + hd].copy_from_slice(row);
                    }
                }
            }
        }
        crate::buffers::give(dmixed);
        let dx = self.qkv.backward(&dqkv, n * t);
        crate::buffers::give(dqkv);
        dx
    }

    fn params(&mut self) -> Vec<&mut Param> {
        vec![
            &mut self.qkv.weight,
            &mut self.qkv.bias,
            &mut self.proj.weight,
            &mut self.proj.bias,
        ]
    }

    fn params_ref(&self) -> Vec<&Param> {
        vec![&self.qkv.weight, &self.qkv.bias, &self.proj.weight, &self.proj.bias]
    }

    fn macs(&self) -> usize {
        let t = self.seq;
        t * (self.qkv.macs() + self.proj.macs()) + self.heads * t * t * self.head_dim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng;
    use rand::RngExt;

    fn random_attention(seq: usize) -> (CausalSelfAttention, Vec<f32>) {
        let mut g = rng(21);
        let mut att = CausalSelfAttention::new(16, 4, seq, 2, &mut g);
        for p in att.params() {
            p.value.iter_mut().for_each(|v| *v = g.random_range(-0.5..0.5));
        }
        let x = (0..seq * 16).map(|_| g.random_range(-1.0..1.0)).collect();
        (att, x)
    }

    #[test]
    fn no_position_sees_the_future() {
        let (mut att, mut x) = random_attention(6);
        let before = att.forward(&x, 1);
        x[4 * 16 + 3] += 1.0; // change position 4
        let after = att.forward(&x, 1);
        assert_eq!(before[..4 * 16], after[..4 * 16], "positions 0–3 unchanged");
        assert_ne!(before[4 * 16..5 * 16], after[4 * 16..5 * 16]);
        for h in 0..4 {
            for (i, row) in att.weights(0, h).chunks_exact(6).enumerate() {
                let sum: f32 = row.iter().sum();
                assert!((sum - 1.0).abs() < 1e-5, "row {i} sums to {sum}");
                assert!(row[i + 1..].iter().all(|&w| w == 0.0), "row {i} looks ahead");
            }
        }
    }

    #[test]
    fn the_cache_gives_the_full_pass_bit_for_bit() {
        let (mut att, x) = random_attention(7);
        let full = att.forward(&x, 1);
        let mut cache = KvCache::default();
        let mut w = Vec::new();
        for (i, row) in x.chunks_exact(16).enumerate() {
            let y = att.step(row, &mut cache, Some(&mut w));
            assert_eq!(y, full[i * 16..(i + 1) * 16], "position {i}");
            assert_eq!(w[..i + 1], att.weights(0, 0)[i * 7..i * 7 + i + 1]);
        }
        assert_eq!(cache.len(16), 7);
    }
}
