//! The mixture: a router and its experts, forward and backward by hand.

use crate::CLASSES;
use nn::loss::softmax;
use nn::{Dense, Layer, Param, Relu, Shape, Stack};

/// A linear router over `experts` small networks 2 → `hidden` → 2; each
/// point goes to its router's top choice only.
pub struct Mixture {
    pub router: Dense,
    pub experts: Vec<Stack>,
    /// Cached by `forward` for `backward`.
    probs: Vec<f32>,
    choice: Vec<usize>,
    outputs: Vec<f32>,
}

/// What one forward pass routed where.
#[derive(Clone, Debug, PartialEq)]
pub struct Routing {
    /// The expert each point went to.
    pub choice: Vec<usize>,
    /// Share of the points each expert got.
    pub shares: Vec<f32>,
    /// The router's mean probability for each expert.
    pub mean_probs: Vec<f32>,
}

impl Mixture {
    pub fn new(experts: usize, hidden: usize, seed: u64) -> Mixture {
        let mut rng = nn::rng(seed);
        let router = Dense::new(2, experts.max(1), &mut rng);
        let experts = (0..experts.max(1))
            .map(|_| {
                Stack::new(vec![
                    Box::new(Dense::new(2, hidden.max(1), &mut rng)) as Box<dyn Layer>,
                    Box::new(Relu::new(Shape::new(hidden.max(1), 1, 1))),
                    Box::new(Dense::new(hidden.max(1), CLASSES, &mut rng)),
                ])
            })
            .collect();
        Mixture {
            router,
            experts,
            probs: Vec::new(),
            choice: Vec::new(),
            outputs: Vec::new(),
        }
    }

    pub fn expert_count(&self) -> usize {
        self.experts.len()
    }

    // ANCHOR: forward
    /// Scores for `n` points: each point's router picks one expert, whose
    /// scores are scaled by the router's probability for it (so the
    /// router learns from how well its choice did).
    pub fn forward(&mut self, points: &[f32], n: usize) -> (Vec<f32>, Routing) {
        let e = self.experts.len();
        let logits = self.router.forward(points, n);
        self.probs = logits.chunks_exact(e).flat_map(softmax).collect();
        self.choice = self.probs.chunks_exact(e).map(argmax).collect();
        let mut out = vec![0.0; n * CLASSES];
        self.outputs = vec![0.0; n * CLASSES];
        for (k, expert) in self.experts.iter_mut().enumerate() {
            let rows: Vec<usize> = (0..n).filter(|&i| self.choice[i] == k).collect();
            if rows.is_empty() {
                continue;
            }
            let x: Vec<f32> =
                rows.iter().flat_map(|&i| [points[2 * i], points[2 * i + 1]]).collect();
            let y = expert.forward(&x, rows.len());
            for (j, &i) in rows.iter().enumerate() {
                let gate = self.probs[i * e + k];
                for c in 0..CLASSES {
                    self.outputs[i * CLASSES + c] = y[j * CLASSES + c];
                    out[i * CLASSES + c] = gate * y[j * CLASSES + c];
                }
            }
        }
        let routing = self.routing(n);
        (out, routing)
    }
    // ANCHOR_END: forward

    fn routing(&self, n: usize) -> Routing {
        let e = self.experts.len();
        let mut shares = vec![0.0; e];
        let mut mean_probs = vec![0.0; e];
        for (i, &k) in self.choice.iter().enumerate() {
            shares[k] += 1.0 / n as f32;
            for (m, p) in mean_probs.iter_mut().zip(&self.probs[i * e..(i + 1) * e]) {
                *m += p / n as f32;
            }
        }
        Routing { choice: self.choice.clone(), shares, mean_probs }
    }

    // ANCHOR: balance
    /// The Switch Transformer's load-balancing loss, `E · Σ fᵢ·Pᵢ`: the
    /// share of points each expert got times the router's mean probability
    /// for it. It is 1 when the experts share evenly and grows to E when
    /// one takes everything. Only P carries a gradient (the shares are
    /// counts); returns the loss and dLoss/dPᵢ.
    pub fn balance_loss(routing: &Routing) -> (f32, Vec<f32>) {
        let e = routing.shares.len() as f32;
        let loss = e * routing
            .shares
            .iter()
            .zip(&routing.mean_probs)
            .map(|(f, p)| f * p)
            .sum::<f32>();
        let grad = routing.shares.iter().map(|f| e * f).collect();
        (loss, grad)
    }
    // ANCHOR_END: balance

    /// Backward from dLoss/dScores, plus `weight` times the balance loss
    /// whose gradient with respect to the mean probabilities is `dbalance`.
    pub fn backward(&mut self, dscores: &[f32], n: usize, weight: f32, dbalance: &[f32]) {
        let e = self.experts.len();
        let mut dprobs = vec![0.0; n * e];
        for (k, expert) in self.experts.iter_mut().enumerate() {
            let rows: Vec<usize> = (0..n).filter(|&i| self.choice[i] == k).collect();
            if rows.is_empty() {
                continue;
            }
            let mut dy = Vec::with_capacity(rows.len() * CLASSES);
            for &i in &rows {
                let gate = self.probs[i * e + k];
                let mut dgate = 0.0;
                for c in 0..CLASSES {
                    dy.push(gate * dscores[i * CLASSES + c]);
                    dgate += dscores[i * CLASSES + c] * self.outputs[i * CLASSES + c];
                }
                dprobs[i * e + k] += dgate;
            }
            expert.backward(&dy, rows.len());
        }
        for row in dprobs.chunks_exact_mut(e) {
            for (d, b) in row.iter_mut().zip(dbalance) {
                *d += weight * b / n as f32;
            }
        }
        // Through the softmax: dz = p ⊙ (dp − Σ p·dp).
        let mut dlogits = vec![0.0; n * e];
        for ((dz, dp), p) in dlogits
            .chunks_exact_mut(e)
            .zip(dprobs.chunks_exact(e))
            .zip(self.probs.chunks_exact(e))
        {
            let dot: f32 = dp.iter().zip(p).map(|(a, b)| a * b).sum();
            for ((z, d), q) in dz.iter_mut().zip(dp).zip(p) {
                *z = q * (d - dot);
            }
        }
        self.router.backward(&dlogits, n);
    }

    /// Every learnable tensor: the router's, then each expert's.
    pub fn params(&mut self) -> Vec<&mut Param> {
        let mut out = self.router.params();
        for expert in &mut self.experts {
            out.extend(expert.params());
        }
        out
    }

    /// Learnable numbers, and those a single point uses (the router's and
    /// one expert's).
    pub fn parameter_counts(&self) -> (usize, usize) {
        let count = |ps: Vec<&Param>| ps.iter().map(|p| p.value.len()).sum::<usize>();
        let router = count(self.router.params_ref());
        let expert = count(self.experts[0].params_ref());
        (router + expert * self.experts.len(), router + expert)
    }
}

fn argmax(row: &[f32]) -> usize {
    row.iter().enumerate().fold(0, |best, (i, &v)| if v > row[best] { i } else { best })
}
