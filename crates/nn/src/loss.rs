//! Softmax cross-entropy: how surprised the network is by the right answer.

/// Turns scores into probabilities that sum to 1 (numerically stable).
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|&z| (z - max).exp()).collect();
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
        let log_sum = max + row.iter().map(|&z| (z - max).exp()).sum::<f32>().ln();
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
    fn softmax_survives_huge_scores() {
        let p = softmax(&[1000.0, 0.0, -1000.0]);
        assert!((p[0] - 1.0).abs() < 1e-6 && p.iter().all(|v| v.is_finite()));
    }
}
