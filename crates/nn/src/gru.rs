//! A gated recurrent unit (GRU, Cho et al. 2014): the recurrent network the
//! Transformer replaced, kept here so the two can race on the same text.
//!
//! It reads a sequence one position at a time and carries everything it
//! has seen in one state vector `h`. At each step two gates decide how much
//! of the old state to reset (`r`) and how much to keep (`z`):
//!
//! ```text
//! r = σ(Wᵢᵣ·x + bᵢᵣ + Wₕᵣ·h + bₕᵣ)
//! z = σ(Wᵢ𝓏·x + bᵢ𝓏 + Wₕ𝓏·h + bₕ𝓏)
//! c = tanh(Wᵢₙ·x + bᵢₙ + r ⊙ (Wₕₙ·h + bₕₙ))
//! h' = (1 − z) ⊙ c + z ⊙ h
//! ```
//!
//! (PyTorch's convention.) Backward runs through time in reverse: the
//! gradient reaching `h` at step `s` comes from step `s`'s output and from
//! every later step, through the chain of states — which is where long
//! sequences lose it.

use crate::{Layer, Param, Rng, Shape, gemm, math};

/// One GRU layer over sequences of `seq` positions: `inputs` features in,
/// `hidden` out, at every position.
pub struct Gru {
    pub inputs: usize,
    pub hidden: usize,
    pub seq: usize,
    /// `3·hidden × inputs`: the gates' weights on the input, rows `[r; z; n]`.
    pub w_input: Param,
    /// `3·hidden × hidden`: the gates' weights on the previous state.
    pub w_state: Param,
    pub b_input: Param,
    pub b_state: Param,
    /// What backward needs, time-major: `x`, each step's gates `r`, `z`,
    /// candidate `c`, the state part of the candidate before `r`, and the
    /// states (`seq + 1` of them, the first zero).
    x: Vec<f32>,
    r: Vec<f32>,
    z: Vec<f32>,
    c: Vec<f32>,
    state_n: Vec<f32>,
    states: Vec<f32>,
    n: usize,
}

/// A step's gates `r`, `z`, candidate `c` and the state part of `c`, kept
/// for the backward pass.
pub type Saved = [Vec<f32>; 4];

fn sigmoid(v: f32) -> f32 {
    1.0 / (1.0 + math::exp(-v))
}

impl Gru {
    /// Uniform starting weights in ±1/√hidden, as PyTorch starts.
    pub fn new(inputs: usize, hidden: usize, seq: usize, rng: &mut Rng) -> Gru {
        let limit = 1.0 / (hidden as f32).sqrt();
        Gru {
            inputs,
            hidden,
            seq,
            w_input: Param::uniform(3 * hidden * inputs, limit, rng),
            w_state: Param::uniform(3 * hidden * hidden, limit, rng),
            b_input: Param::uniform(3 * hidden, limit, rng),
            b_state: Param::uniform(3 * hidden, limit, rng),
            x: Vec::new(),
            r: Vec::new(),
            z: Vec::new(),
            c: Vec::new(),
            state_n: Vec::new(),
            states: Vec::new(),
            n: 0,
        }
    }

    // ANCHOR: step
    /// One step for `n` sequences at once: `gx` is the input part of the
    /// gates (`n × 3h`), `h` the previous states (`n × h`). Returns the new
    /// states and, for training, `(r, z, c, state part of c)`.
    pub fn step(&self, gx: &[f32], h: &[f32], n: usize) -> (Vec<f32>, Saved) {
        let hd = self.hidden;
        let mut gh = vec![0.0; n * 3 * hd];
        for row in gh.chunks_exact_mut(3 * hd) {
            row.copy_from_slice(&self.b_state.value);
        }
        gemm::nt(n, 3 * hd, hd, h, &self.w_state.value, &mut gh);
        let (mut r, mut z, mut c, mut sn) =
            (vec![0.0; n * hd], vec![0.0; n * hd], vec![0.0; n * hd], vec![0.0; n * hd]);
        let mut out = vec![0.0; n * hd];
        for b in 0..n {
            let (gxb, ghb) =
                (&gx[b * 3 * hd..(b + 1) * 3 * hd], &gh[b * 3 * hd..(b + 1) * 3 * hd]);
            for j in 0..hd {
                let i = b * hd + j;
                r[i] = sigmoid(gxb[j] + ghb[j]);
                z[i] = sigmoid(gxb[hd + j] + ghb[hd + j]);
                sn[i] = ghb[2 * hd + j];
                c[i] = math::tanh(gxb[2 * hd + j] + r[i] * sn[i]);
                out[i] = (1.0 - z[i]) * c[i] + z[i] * h[i];
            }
        }
        (out, [r, z, c, sn])
    }
    // ANCHOR_END: step

    /// The input part of the gates for `rows` rows of `x`.
    pub fn input_gates(&self, x: &[f32], rows: usize) -> Vec<f32> {
        let g = 3 * self.hidden;
        let mut gx = vec![0.0; rows * g];
        for row in gx.chunks_exact_mut(g) {
            row.copy_from_slice(&self.b_input.value);
        }
        gemm::nt_by_transpose(rows, g, self.inputs, x, &self.w_input.value, &mut gx);
        gx
    }
}

/// Rows of `(n, t, w)` batch-major data at position `s`, as an `n × w` block.
fn gather(src: &[f32], n: usize, t: usize, w: usize, s: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(n * w);
    for b in 0..n {
        out.extend_from_slice(&src[(b * t + s) * w..(b * t + s + 1) * w]);
    }
    out
}

/// Writes an `n × w` block into position `s` of `(n, t, w)` batch-major data.
fn scatter(dst: &mut [f32], block: &[f32], n: usize, t: usize, w: usize, s: usize) {
    for b in 0..n {
        dst[(b * t + s) * w..(b * t + s + 1) * w]
            .copy_from_slice(&block[b * w..(b + 1) * w]);
    }
}

impl Layer for Gru {
    fn describe(&self) -> String {
        format!("GRU {} → {}", self.inputs, self.hidden)
    }

    /// One sample is a whole sequence: `seq` rows of `inputs` features.
    fn input_shape(&self) -> Shape {
        Shape::new(self.inputs, self.seq, 1)
    }

    fn output_shape(&self) -> Shape {
        Shape::new(self.hidden, self.seq, 1)
    }

    fn forward(&mut self, x: &[f32], n: usize) -> Vec<f32> {
        let (t, hd) = (self.seq, self.hidden);
        let gx = self.input_gates(x, n * t);
        self.x.clear();
        self.x.extend_from_slice(&x[..n * t * self.inputs]);
        for v in [&mut self.r, &mut self.z, &mut self.c, &mut self.state_n] {
            v.clear();
        }
        self.states.clear();
        self.states.resize(n * hd, 0.0);
        let mut y = vec![0.0; n * t * hd];
        for s in 0..t {
            let gxs = gather(&gx, n, t, 3 * hd, s);
            let h = &self.states[s * n * hd..(s + 1) * n * hd];
            let (out, [r, z, c, sn]) = self.step(&gxs, h, n);
            scatter(&mut y, &out, n, t, hd, s);
            self.states.extend_from_slice(&out);
            self.r.extend_from_slice(&r);
            self.z.extend_from_slice(&z);
            self.c.extend_from_slice(&c);
            self.state_n.extend_from_slice(&sn);
        }
        self.n = n;
        y
    }

    fn backward(&mut self, dy: &[f32], n: usize) -> Vec<f32> {
        let (t, hd, g) = (self.seq, self.hidden, 3 * self.hidden);
        assert_eq!(n, self.n, "backward after a forward of the same batch");
        let mut dgx_all = vec![0.0; n * t * g];
        let mut dnext = vec![0.0; n * hd];
        for s in (0..t).rev() {
            let at = |v: &Vec<f32>| v[s * n * hd..(s + 1) * n * hd].to_vec();
            let (r, z, c, sn) =
                (at(&self.r), at(&self.z), at(&self.c), at(&self.state_n));
            let h = &self.states[s * n * hd..(s + 1) * n * hd];
            let dys = gather(dy, n, t, hd, s);
            let mut dgx = vec![0.0; n * g];
            let mut dgh = vec![0.0; n * g];
            let mut dprev = vec![0.0; n * hd];
            for b in 0..n {
                for j in 0..hd {
                    let i = b * hd + j;
                    let dh = dys[i] + dnext[i];
                    let dc = dh * (1.0 - z[i]) * (1.0 - c[i] * c[i]);
                    let dz = dh * (h[i] - c[i]) * z[i] * (1.0 - z[i]);
                    let dr = dc * sn[i] * r[i] * (1.0 - r[i]);
                    dprev[i] = dh * z[i];
                    let (row, row_h) =
                        (&mut dgx[b * g..(b + 1) * g], &mut dgh[b * g..(b + 1) * g]);
                    row[j] = dr;
                    row[hd + j] = dz;
                    row[2 * hd + j] = dc;
                    row_h[j] = dr;
                    row_h[hd + j] = dz;
                    row_h[2 * hd + j] = dc * r[i];
                }
            }
            for row in dgh.chunks_exact(g) {
                for (acc, v) in self.b_state.grad.iter_mut().zip(row) {
                    *acc += v;
                }
            }
            gemm::tn(g, hd, n, &dgh, h, &mut self.w_state.grad);
            gemm::nn(n, hd, g, &dgh, &self.w_state.value, &mut dprev);
            dnext = dprev;
            scatter(&mut dgx_all, &dgx, n, t, g, s);
        }
        for row in dgx_all.chunks_exact(g) {
            for (acc, v) in self.b_input.grad.iter_mut().zip(row) {
                *acc += v;
            }
        }
        gemm::tn(g, self.inputs, n * t, &dgx_all, &self.x, &mut self.w_input.grad);
        let mut dx = vec![0.0; n * t * self.inputs];
        gemm::nn(n * t, self.inputs, g, &dgx_all, &self.w_input.value, &mut dx);
        dx
    }

    fn params(&mut self) -> Vec<&mut Param> {
        vec![&mut self.w_input, &mut self.w_state, &mut self.b_input, &mut self.b_state]
    }

    fn params_ref(&self) -> Vec<&Param> {
        vec![&self.w_input, &self.w_state, &self.b_input, &self.b_state]
    }

    fn macs(&self) -> usize {
        self.seq * 3 * self.hidden * (self.inputs + self.hidden)
    }
}
