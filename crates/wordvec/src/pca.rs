//! A 2-D picture of some word vectors: their two principal components.

/// Projects `rows` (each of length `dim`) onto their first two principal
/// components, found by power iteration with a fixed start (reproducible).
pub fn project2(rows: &[&[f32]], dim: usize) -> Vec<(f32, f32)> {
    let n = rows.len();
    if n == 0 || dim == 0 {
        return Vec::new();
    }
    let mean: Vec<f32> =
        (0..dim).map(|j| rows.iter().map(|r| r[j]).sum::<f32>() / n as f32).collect();
    let centred: Vec<Vec<f32>> =
        rows.iter().map(|r| r.iter().zip(&mean).map(|(x, m)| x - m).collect()).collect();
    let cov = |v: &[f32]| -> Vec<f32> {
        // Cᵀ·C·v without forming the covariance matrix.
        let scores: Vec<f32> =
            centred.iter().map(|r| r.iter().zip(v).map(|(a, b)| a * b).sum()).collect();
        (0..dim)
            .map(|j| centred.iter().zip(&scores).map(|(r, s)| r[j] * s).sum())
            .collect()
    };
    let unit = |mut v: Vec<f32>| {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    };
    let power = |deflate: Option<&[f32]>| {
        let mut v = unit((0..dim).map(|j| 1.0 + (j as f32 * 0.37).sin()).collect());
        for _ in 0..100 {
            let mut w = cov(&v);
            if let Some(p) = deflate {
                let d: f32 = w.iter().zip(p).map(|(a, b)| a * b).sum();
                w.iter_mut().zip(p).for_each(|(x, q)| *x -= d * q);
            }
            v = unit(w);
        }
        v
    };
    let pc1 = power(None);
    let pc2 = power(Some(&pc1));
    centred
        .iter()
        .map(|r| {
            (
                r.iter().zip(&pc1).map(|(a, b)| a * b).sum(),
                r.iter().zip(&pc2).map(|(a, b)| a * b).sum(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_on_a_line_project_onto_the_first_axis() {
        let rows: Vec<Vec<f32>> =
            (0..5).map(|i| vec![i as f32, 2.0 * i as f32, 0.0]).collect();
        let refs: Vec<&[f32]> = rows.iter().map(Vec::as_slice).collect();
        let p = project2(&refs, 3);
        assert!(p.iter().all(|&(_, y)| y.abs() < 1e-3));
        let spread = p[4].0 - p[0].0;
        assert!((spread.abs() - (4.0f32 * 4.0 + 8.0 * 8.0).sqrt()).abs() < 1e-3);
        assert!(project2(&[], 3).is_empty());
    }
}
