//! How a gradient becomes a step: plain SGD with momentum, and Adam.

use crate::Param;

/// Which update rule, with its hyper-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerKind {
    /// `v = μ·v + g; w −= lr·v`
    Sgd { lr: f32, momentum: f32 },
    /// Kingma & Ba (2015), with bias correction.
    Adam { lr: f32, beta1: f32, beta2: f32, eps: f32 },
    /// Adam with decoupled weight decay (Loshchilov & Hutter 2019): weights
    /// shrink by `lr·decay` each step, apart from the gradient's push.
    AdamW { lr: f32, beta1: f32, beta2: f32, eps: f32, decay: f32 },
}

impl OptimizerKind {
    /// Adam with the usual betas.
    pub fn adam(lr: f32) -> OptimizerKind {
        OptimizerKind::Adam { lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 }
    }

    /// AdamW with the betas language models use (β₂ = 0.99 for small ones).
    pub fn adamw(lr: f32, decay: f32) -> OptimizerKind {
        OptimizerKind::AdamW { lr, beta1: 0.9, beta2: 0.99, eps: 1e-8, decay }
    }

    /// The same rule with another learning rate (for a schedule).
    pub fn with_lr(self, new: f32) -> OptimizerKind {
        match self {
            OptimizerKind::Sgd { momentum, .. } => {
                OptimizerKind::Sgd { lr: new, momentum }
            }
            OptimizerKind::Adam { beta1, beta2, eps, .. } => {
                OptimizerKind::Adam { lr: new, beta1, beta2, eps }
            }
            OptimizerKind::AdamW { beta1, beta2, eps, decay, .. } => {
                OptimizerKind::AdamW { lr: new, beta1, beta2, eps, decay }
            }
        }
    }
}

/// Learning rate at `step` (from 0): a linear warm-up over `warmup` steps to
/// `peak`, then a cosine down to `floor` at `total` steps, flat after.
pub fn warmup_cosine(
    step: usize,
    warmup: usize,
    total: usize,
    peak: f32,
    floor: f32,
) -> f32 {
    if step < warmup {
        return peak * (step + 1) as f32 / warmup as f32;
    }
    if step >= total {
        return floor;
    }
    let progress = (step - warmup) as f32 / (total - warmup).max(1) as f32;
    floor + 0.5 * (peak - floor) * (1.0 + (std::f32::consts::PI * progress).cos())
}

/// Scales all gradients down together so their joint length is at most
/// `max_norm`; returns the length before clipping. One bad batch then moves
/// the weights no further than a normal one.
pub fn clip_grad_norm(params: &mut [&mut Param], max_norm: f32) -> f32 {
    let sum: f64 = params
        .iter()
        .flat_map(|p| p.grad.iter())
        .map(|&g| f64::from(g) * f64::from(g))
        .sum();
    let norm = sum.sqrt() as f32;
    if norm > max_norm && norm.is_finite() {
        let scale = max_norm / norm;
        for p in params.iter_mut() {
            p.grad.iter_mut().for_each(|g| *g *= scale);
        }
    }
    norm
}

/// An optimizer and its per-parameter memory.
pub struct Optimizer {
    pub kind: OptimizerKind,
    first: Vec<Vec<f32>>,
    second: Vec<Vec<f32>>,
    steps: i32,
}

impl Optimizer {
    pub fn new(kind: OptimizerKind) -> Optimizer {
        Optimizer { kind, first: Vec::new(), second: Vec::new(), steps: 0 }
    }

    // ANCHOR: step
    /// Moves every parameter against its gradient, then zeroes the gradients.
    pub fn step(&mut self, params: Vec<&mut Param>) {
        let decayed = vec![true; params.len()];
        self.step_decaying(params, &decayed);
    }

    /// [`Optimizer::step`] where AdamW's weight decay applies only to the
    /// parameters marked `true` (matrices, not gains and biases).
    pub fn step_decaying(&mut self, params: Vec<&mut Param>, decayed: &[bool]) {
        self.steps += 1;
        if self.first.len() != params.len() {
            self.first = params.iter().map(|p| vec![0.0; p.value.len()]).collect();
            self.second = self.first.clone();
        }
        for (i, p) in params.into_iter().enumerate() {
            let (m, v) = (&mut self.first[i], &mut self.second[i]);
            match self.kind {
                OptimizerKind::Sgd { lr, momentum } => {
                    for ((w, g), m) in p.value.iter_mut().zip(&p.grad).zip(m.iter_mut()) {
                        *m = momentum * *m + g;
                        *w -= lr * *m;
                    }
                }
                OptimizerKind::Adam { lr, beta1, beta2, eps } => {
                    let c1 = 1.0 - beta1.powi(self.steps);
                    let c2 = 1.0 - beta2.powi(self.steps);
                    for (((w, g), m), v) in p
                        .value
                        .iter_mut()
                        .zip(&p.grad)
                        .zip(m.iter_mut())
                        .zip(v.iter_mut())
                    {
                        *m = beta1 * *m + (1.0 - beta1) * g;
                        *v = beta2 * *v + (1.0 - beta2) * g * g;
                        *w -= lr * (*m / c1) / ((*v / c2).sqrt() + eps);
                    }
                }
                OptimizerKind::AdamW { lr, beta1, beta2, eps, decay } => {
                    let c1 = 1.0 - beta1.powi(self.steps);
                    let c2 = 1.0 - beta2.powi(self.steps);
                    let shrink = if decayed[i] { 1.0 - lr * decay } else { 1.0 };
                    for (((w, g), m), v) in p
                        .value
                        .iter_mut()
                        .zip(&p.grad)
                        .zip(m.iter_mut())
                        .zip(v.iter_mut())
                    {
                        *m = beta1 * *m + (1.0 - beta1) * g;
                        *v = beta2 * *v + (1.0 - beta2) * g * g;
                        *w = *w * shrink - lr * (*m / c1) / ((*v / c2).sqrt() + eps);
                    }
                }
            }
            p.grad.fill(0.0);
        }
    }
    // ANCHOR_END: step
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimise(kind: OptimizerKind) -> f32 {
        // f(w) = (w − 3)², gradient 2(w − 3).
        let mut p = Param::zeros(1);
        let mut opt = Optimizer::new(kind);
        for _ in 0..500 {
            p.grad[0] = 2.0 * (p.value[0] - 3.0);
            opt.step(vec![&mut p]);
        }
        p.value[0]
    }

    #[test]
    fn both_rules_find_a_parabola_minimum() {
        assert!(
            (minimise(OptimizerKind::Sgd { lr: 0.05, momentum: 0.9 }) - 3.0).abs() < 1e-3
        );
        assert!((minimise(OptimizerKind::adam(0.05)) - 3.0).abs() < 1e-2);
    }

    #[test]
    fn adamw_finds_the_minimum_pulled_toward_zero() {
        // Without decay AdamW is Adam; with it the weight settles below 3.
        let free = minimise(OptimizerKind::adamw(0.05, 0.0));
        assert!((free - 3.0).abs() < 1e-2, "{free}");
        let pulled = minimise(OptimizerKind::adamw(0.05, 0.5));
        assert!(pulled < free - 0.01 && pulled > 1.5, "{pulled}");
    }

    #[test]
    fn schedule_warms_up_then_decays() {
        let lr = |s| warmup_cosine(s, 10, 110, 1.0, 0.1);
        assert!((lr(0) - 0.1).abs() < 1e-6 && (lr(9) - 1.0).abs() < 1e-6);
        assert!((lr(60) - 0.55).abs() < 1e-5, "half-way is the mean of peak and floor");
        assert!((lr(110) - 0.1).abs() < 1e-6 && (lr(500) - 0.1).abs() < 1e-6);
    }

    #[test]
    fn clipping_keeps_direction_and_caps_length() {
        let (mut a, mut b) = (Param::zeros(1), Param::zeros(1));
        a.grad[0] = 3.0;
        b.grad[0] = 4.0;
        let norm = clip_grad_norm(&mut [&mut a, &mut b], 1.0);
        assert_eq!(norm, 5.0);
        assert!((a.grad[0] - 0.6).abs() < 1e-6 && (b.grad[0] - 0.8).abs() < 1e-6);
    }

    #[test]
    fn step_zeroes_gradients() {
        let mut p = Param::zeros(3);
        p.grad = vec![1.0, 2.0, 3.0];
        Optimizer::new(OptimizerKind::Sgd { lr: 0.1, momentum: 0.0 }).step(vec![&mut p]);
        assert_eq!(p.grad, vec![0.0; 3]);
        assert_eq!(p.value, vec![-0.1, -0.2, -0.3f32]);
    }
}
