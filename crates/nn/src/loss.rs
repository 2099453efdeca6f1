//! Softmax cross-entropy: how surprised the network is by the right answer.

/// Turns scores into probabilities that sum to 1 (numerically stable).
/// `exp` and `ln` come from `crate::math` (libm) so a run natively and in
/// the page gives the same digits.
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|&z| crate::math::exp(z - max)).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

// ANCHOR: loss
/// Mean of −log p(correct class) over the batch (a row per sample or, for a
/// language model, per position; labels of any unsigned width), and its
/// gradient with respect to the logits: `(softmax − one_hot) / n`. Scores that are NaN or
/// infinite give a NaN loss, which is how divergence is noticed.
pub fn softmax_cross_entropy<L: Copy + Into<u32>>(
    logits: &[f32],
    labels: &[L],
    classes: usize,
) -> (f32, Vec<f32>) {
    let n = labels.len();
    let mut grad = Vec::with_capacity(n * classes);
    let mut loss = 0.0;
    for (row, &label) in logits.chunks_exact(classes).zip(labels) {
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let log_sum = max
            + crate::math::ln(
                row.iter().map(|&z| crate::math::exp(z - max)).sum::<f32>(),
            );
        let label = label.into() as usize;
        loss += log_sum - row[label]; // −log softmax(row)[label]
        let p = softmax(row);
        for (c, pc) in p.iter().enumerate() {
            let target = if c == label { 1.0 } else { 0.0 };
            grad.push((pc - target) / n as f32);
        }
    }
    (loss / n as f32, grad)
}
// ANCHOR_END: loss

// ANCHOR: soft
/// Distillation's loss (Hinton, Vinyals and Dean, 2015): the cross-entropy
/// between a teacher's probabilities `targets` (a row per sample, already
/// softened) and the student's softmax at `temperature`, times T² so the
/// gradients keep the same size whatever T is. Its gradient with respect
/// to the logits is `T · (softmax(z/T) − targets) / n`. Returns the mean
/// loss (including the T² factor) and that gradient.
pub fn soft_cross_entropy(
    logits: &[f32],
    targets: &[f32],
    classes: usize,
    temperature: f32,
) -> (f32, Vec<f32>) {
    let n = targets.len() / classes;
    let t = temperature;
    let mut grad = Vec::with_capacity(n * classes);
    let mut loss = 0.0;
    for (row, p) in logits.chunks_exact(classes).zip(targets.chunks_exact(classes)) {
        let scaled: Vec<f32> = row.iter().map(|z| z / t).collect();
        let max = scaled.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let log_sum = max
            + crate::math::ln(
                scaled.iter().map(|&z| crate::math::exp(z - max)).sum::<f32>(),
            );
        for ((&z, &pc), q) in scaled.iter().zip(p).zip(softmax(&scaled)) {
            loss -= pc * (z - log_sum) * t * t;
            grad.push(t * (q - pc) / n as f32);
        }
    }
    (loss / n as f32, grad)
}
// ANCHOR_END: soft

/// A teacher's soft targets: `softmax(logits / T)` for each row.
pub fn soften(logits: &[f32], classes: usize, temperature: f32) -> Vec<f32> {
    logits
        .chunks_exact(classes)
        .flat_map(|row| softmax(&row.iter().map(|z| z / temperature).collect::<Vec<_>>()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uniform_scores_cost_log_classes() {
        let (loss, grad) = softmax_cross_entropy(&[0.0; 10], &[3u8], 10);
        assert!((loss - 10f32.ln()).abs() < 1e-6);
        assert!((grad[3] + 0.9).abs() < 1e-6 && (grad[0] - 0.1).abs() < 1e-6);
    }

    #[test]
    fn non_finite_scores_give_a_nan_loss() {
        assert!(softmax_cross_entropy(&[f32::NAN, 0.0], &[0u8], 2).0.is_nan());
        assert!(!softmax_cross_entropy(&[f32::INFINITY, 0.0], &[1u8], 2).0.is_finite());
        let (loss, _) = softmax_cross_entropy(&[100.0, -100.0], &[1u8], 2);
        assert!(
            (loss - 200.0).abs() < 1e-3,
            "no clamping hides a confident mistake: {loss}"
        );
    }

    #[test]
    fn soft_targets_gradient_matches_finite_differences() {
        let logits = [1.5f32, -0.3, 0.2, 0.9, 2.0, -1.0];
        let targets = soften(&[3.0, 1.0, -2.0, 0.5, 0.0, 4.0], 3, 2.0);
        for t in [1.0f32, 4.0, 20.0] {
            let (_, grad) = soft_cross_entropy(&logits, &targets, 3, t);
            for i in 0..logits.len() {
                let mut l = logits;
                let eps = 1e-2;
                l[i] += eps;
                let up = soft_cross_entropy(&l, &targets, 3, t).0;
                l[i] -= 2.0 * eps;
                let down = soft_cross_entropy(&l, &targets, 3, t).0;
                let numeric = (up - down) / (2.0 * eps);
                assert!(
                    (numeric - grad[i]).abs() < 2e-3 * t,
                    "T {t}, logit {i}: {numeric} vs {}",
                    grad[i]
                );
            }
        }
    }

    #[test]
    fn one_hot_targets_at_temperature_one_are_the_hard_loss() {
        let logits = [0.3f32, 2.0, -1.0];
        let (soft, g1) = soft_cross_entropy(&logits, &[0.0, 1.0, 0.0], 3, 1.0);
        let (hard, g2) = softmax_cross_entropy(&logits, &[1u8], 3);
        assert!((soft - hard).abs() < 1e-6);
        assert!(g1.iter().zip(&g2).all(|(a, b)| (a - b).abs() < 1e-6));
        let p = soften(&[2.0, 0.0, -2.0], 3, 1e6);
        assert!(
            p.iter().all(|v| (v - 1.0 / 3.0).abs() < 1e-4),
            "a hot teacher says nothing"
        );
    }

    #[test]
    fn softmax_survives_huge_scores() {
        let p = softmax(&[1000.0, 0.0, -1000.0]);
        assert!((p[0] - 1.0).abs() < 1e-6 && p.iter().all(|v| v.is_finite()));
    }
}
