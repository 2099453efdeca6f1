//! 8-bit integers: what the TPU multiplies, and the plain product the
//! array must equal.

/// Numbers stored as `scale × q` with `q` an 8-bit integer.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantized {
    pub q: Vec<i8>,
    pub scale: f32,
}

impl Quantized {
    /// Symmetric, one scale for the whole tensor: the largest magnitude
    /// becomes ±127 and everything else is rounded to the nearest step.
    pub fn symmetric(values: &[f32]) -> Quantized {
        let top = values.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let scale = if top > 0.0 { top / 127.0 } else { 1.0 };
        let q = values
            .iter()
            .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        Quantized { q, scale }
    }
}

/// Activations after ReLU, never negative, as unsigned 8-bit codes: the
/// largest value becomes 255, each value `step × code`.
#[derive(Clone, Debug, PartialEq)]
pub struct Codes {
    pub q: Vec<u8>,
    pub step: f32,
}

impl Codes {
    pub fn unsigned(values: &[f32]) -> Codes {
        let top = values.iter().fold(0.0f32, |m, &v| m.max(v));
        let step = if top > 0.0 { top / 255.0 } else { 1.0 };
        let q =
            values.iter().map(|v| (v / step).round().clamp(0.0, 255.0) as u8).collect();
        Codes { q, step }
    }
}

/// `c[m×n] = a[m×k] · b[k×n]` in integers: 8-bit unsigned activations
/// times 8-bit signed weights, 32-bit sums, exactly. The reference the
/// systolic array is checked against.
pub fn matmul_i8(m: usize, k: usize, n: usize, a: &[u8], b: &[i8]) -> Vec<i32> {
    let mut c = vec![0i32; m * n];
    for i in 0..m {
        for p in 0..k {
            let x = i32::from(a[i * k + p]);
            for j in 0..n {
                c[i * n + j] += x * i32::from(b[p * n + j]);
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_quantisation_keeps_the_largest_value_exact() {
        let q = Quantized::symmetric(&[0.5, -1.0, 0.25, 0.0]);
        assert_eq!(q.q, vec![64, -127, 32, 0]);
        assert!((q.scale * 127.0 - 1.0).abs() < 1e-6);
        assert_eq!(Quantized::symmetric(&[0.0; 3]).q, vec![0; 3]);
        let c = Codes::unsigned(&[0.0, 0.2, 1.0]);
        assert_eq!(c.q, vec![0, 51, 255]);
    }
}
