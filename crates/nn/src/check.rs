//! Finite-difference gradient checks: the evidence that `backward` is right.
//!
//! The loss is `L = Σ yᵢ·rᵢ` for fixed random `r`, so dL/dy = r. Each input
//! and parameter is nudged by ±ε and the slope of L compared with what
//! `backward` reported.

use crate::{Layer, rng};
use rand::RngExt;

fn loss(layer: &mut dyn Layer, x: &[f32], n: usize, r: &[f32]) -> f64 {
    layer.forward(x, n).iter().zip(r).map(|(&y, &r)| f64::from(y) * f64::from(r)).sum()
}

fn rel_error(analytic: f32, numeric: f32) -> f32 {
    (analytic - numeric).abs() / (analytic.abs() + numeric.abs()).max(1e-2)
}

/// Largest relative error between analytic and numeric gradients over all
/// inputs and parameters of `layer` for a random batch of `n` samples.
pub fn max_gradient_error(layer: &mut dyn Layer, n: usize, seed: u64) -> f32 {
    let mut g = rng(seed);
    let x: Vec<f32> =
        (0..n * layer.input_shape().len()).map(|_| g.random_range(-1.0..1.0)).collect();
    max_gradient_error_at(layer, &x, n, seed)
}

/// Like [`max_gradient_error`] at a chosen input `x` (for layers with kinks,
/// such as max pooling, whose inputs must not tie within ±ε).
pub fn max_gradient_error_at(
    layer: &mut dyn Layer,
    x: &[f32],
    n: usize,
    seed: u64,
) -> f32 {
    let mut g = rng(seed ^ 0x5eed);
    let r: Vec<f32> =
        (0..n * layer.output_shape().len()).map(|_| g.random_range(-1.0..1.0)).collect();
    let eps = 1e-2f32;

    for p in layer.params() {
        p.grad.fill(0.0);
    }
    layer.forward(x, n);
    let dx = layer.backward(&r, n);
    let analytic_params: Vec<Vec<f32>> =
        layer.params().iter().map(|p| p.grad.clone()).collect();

    let mut worst = 0.0f32;
    let mut xs = x.to_vec();
    for i in 0..dx.len() {
        let orig = xs[i];
        xs[i] = orig + eps;
        let up = loss(layer, &xs, n, &r);
        xs[i] = orig - eps;
        let down = loss(layer, &xs, n, &r);
        xs[i] = orig;
        worst =
            worst.max(rel_error(dx[i], ((up - down) / (2.0 * f64::from(eps))) as f32));
    }
    for (pi, analytic) in analytic_params.iter().enumerate() {
        for (j, &grad) in analytic.iter().enumerate() {
            let orig = layer.params()[pi].value[j];
            layer.params()[pi].value[j] = orig + eps;
            let up = loss(layer, x, n, &r);
            layer.params()[pi].value[j] = orig - eps;
            let down = loss(layer, x, n, &r);
            layer.params()[pi].value[j] = orig;
            worst =
                worst.max(rel_error(grad, ((up - down) / (2.0 * f64::from(eps))) as f32));
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        AvgPool2, CausalSelfAttention, Conv2d, Dense, Embedding, Gelu, LayerNorm,
        MaxPool2, Relu, Shape, Upsample2, loss::softmax_cross_entropy,
    };

    const TOLERANCE: f32 = 1e-2;

    #[test]
    fn conv_gradients_match_finite_differences() {
        let mut g = rng(1);
        let mut conv = Conv2d::new(Shape::new(2, 6, 5), 3, 3, 1, &mut g);
        let err = max_gradient_error(&mut conv, 2, 7);
        assert!(err < TOLERANCE, "conv padded: {err}");
        let mut conv = Conv2d::new(Shape::new(3, 7, 7), 2, 5, 0, &mut g);
        let err = max_gradient_error(&mut conv, 2, 8);
        assert!(err < TOLERANCE, "conv valid: {err}");
        for (input, pad) in [(Shape::new(2, 6, 5), 1), (Shape::new(3, 7, 7), 0)] {
            let mut conv = Conv2d::new(input, 3, 3, pad, &mut g);
            conv.fast_backward = true;
            let err = max_gradient_error(&mut conv, 2, 9);
            assert!(err < TOLERANCE, "conv, fast backward, pad {pad}: {err}");
        }
    }

    #[test]
    fn dense_gradients_match_finite_differences() {
        let mut dense = Dense::new(7, 4, &mut rng(2));
        let err = max_gradient_error(&mut dense, 3, 9);
        assert!(err < TOLERANCE, "dense: {err}");
    }

    #[test]
    fn pool_and_relu_gradients_match_finite_differences() {
        // Distinct values 0.05 apart, shuffled: no two tie within ±ε.
        let mut x: Vec<f32> = (0..96).map(|i| i as f32 * 0.05 - 2.4).collect();
        rand::seq::SliceRandom::shuffle(&mut x[..], &mut rng(4));
        let err =
            max_gradient_error_at(&mut MaxPool2::new(Shape::new(2, 4, 6)), &x, 2, 10);
        assert!(err < TOLERANCE, "pool: {err}");
        let err = max_gradient_error(&mut Relu::new(Shape::new(3, 2, 2)), 2, 11);
        assert!(err < TOLERANCE, "relu: {err}");
        let err = max_gradient_error(&mut Upsample2::new(Shape::new(2, 3, 2)), 2, 12);
        assert!(err < TOLERANCE, "upsample: {err}");
        let err = max_gradient_error(&mut AvgPool2::new(Shape::new(2, 4, 6)), 2, 13);
        assert!(err < TOLERANCE, "average pool: {err}");
    }

    #[test]
    fn a_wrong_backward_is_caught() {
        struct Doubler;
        impl Layer for Doubler {
            fn describe(&self) -> String {
                "y = 2x with a bug".into()
            }
            fn input_shape(&self) -> Shape {
                Shape::new(3, 1, 1)
            }
            fn output_shape(&self) -> Shape {
                Shape::new(3, 1, 1)
            }
            fn forward(&mut self, x: &[f32], _: usize) -> Vec<f32> {
                x.iter().map(|v| 2.0 * v).collect()
            }
            fn backward(&mut self, dy: &[f32], _: usize) -> Vec<f32> {
                dy.to_vec()
            } // should be 2·dy
        }
        assert!(max_gradient_error(&mut Doubler, 2, 3) > 0.1);
    }

    #[test]
    fn cross_entropy_gradient_matches_finite_differences() {
        let logits = vec![0.3, -1.2, 2.0, 0.1, 0.5, -0.4];
        let labels = [2u8, 0];
        let (_, grad) = softmax_cross_entropy(&logits, &labels, 3);
        for i in 0..logits.len() {
            let mut l = logits.clone();
            l[i] += 1e-2;
            let up = softmax_cross_entropy(&l, &labels, 3).0;
            l[i] -= 2e-2;
            let down = softmax_cross_entropy(&l, &labels, 3).0;
            assert!(rel_error(grad[i], (up - down) / 2e-2) < TOLERANCE, "logit {i}");
        }
    }

    #[test]
    fn layer_norm_and_gelu_gradients_match_finite_differences() {
        let mut norm = LayerNorm::new(6);
        let mut g = rng(12);
        for p in norm.params() {
            p.value.iter_mut().for_each(|v| *v += g.random_range(-0.5..0.5));
        }
        let err = max_gradient_error(&mut norm, 3, 13);
        assert!(err < TOLERANCE, "layer norm: {err}");
        let err = max_gradient_error(&mut Gelu::new(Shape::new(5, 1, 1)), 3, 14);
        assert!(err < TOLERANCE, "gelu: {err}");
        let err = max_gradient_error(&mut Gelu::fast(Shape::new(5, 1, 1)), 3, 14);
        assert!(err < TOLERANCE, "fast gelu: {err}");
    }

    #[test]
    fn attention_gradients_match_finite_differences() {
        // Larger weights than GPT's 0.02 start, so the softmax is far from flat.
        let mut g = rng(15);
        let mut att = CausalSelfAttention::new(8, 2, 5, 1, &mut g);
        for p in att.params() {
            p.value.iter_mut().for_each(|v| *v = g.random_range(-0.6..0.6));
        }
        let err = max_gradient_error(&mut att, 2, 16);
        assert!(err < TOLERANCE, "attention: {err}");
    }

    #[test]
    fn gru_gradients_match_finite_differences_through_time() {
        // Weights large enough that the gates are far from their midpoints.
        let mut g = rng(19);
        let mut gru = crate::Gru::new(3, 4, 6, &mut g);
        for p in gru.params() {
            p.value.iter_mut().for_each(|v| *v = g.random_range(-0.8..0.8));
        }
        let err = max_gradient_error(&mut gru, 2, 20);
        assert!(err < TOLERANCE, "gru: {err}");
    }

    #[test]
    fn embedding_gradient_lands_on_the_rows_read() {
        let mut e = Embedding::new(4, 3, 0.1, &mut rng(17));
        let out = e.forward(&[2, 0, 2]);
        assert_eq!(&out[..3], e.row(2));
        e.backward(&[1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 2.0, 2.0, 2.0]);
        assert_eq!(
            e.table.grad,
            [0.5, 0.5, 0.5, 0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 0.0, 0.0, 0.0]
        );
    }

    #[test]
    fn wide_labels_cost_the_same_as_narrow_ones() {
        let logits = vec![0.3, -1.2, 2.0, 0.1, 0.5, -0.4];
        let narrow = softmax_cross_entropy(&logits, &[2u8, 0], 3);
        let wide = softmax_cross_entropy(&logits, &[2u32, 0], 3);
        assert_eq!(narrow, wide);
    }
}
