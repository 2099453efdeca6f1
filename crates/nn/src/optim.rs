//! How a gradient becomes a step: plain SGD with momentum, and Adam.

use crate::Param;

/// Which update rule, with its hyper-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerKind {
    /// `v = μ·v + g; w −= lr·v`
    Sgd { lr: f32, momentum: f32 },
    /// Kingma & Ba (2015), with bias correction.
    Adam { lr: f32, beta1: f32, beta2: f32, eps: f32 },
}

impl OptimizerKind {
    /// Adam with the usual betas.
    pub fn adam(lr: f32) -> OptimizerKind {
        OptimizerKind::Adam { lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 }
    }
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
    fn step_zeroes_gradients() {
        let mut p = Param::zeros(3);
        p.grad = vec![1.0, 2.0, 3.0];
        Optimizer::new(OptimizerKind::Sgd { lr: 0.1, momentum: 0.0 }).step(vec![&mut p]);
        assert_eq!(p.grad, vec![0.0; 3]);
        assert_eq!(p.value, vec![-0.1, -0.2, -0.3f32]);
    }
}
