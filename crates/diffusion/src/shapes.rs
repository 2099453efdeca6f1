//! Point clouds to learn: two moons, a swiss roll, and Chinese characters
//! drawn from their strokes' centre lines (npm `hanzi-writer-data` 2.0.1,
//! Arphic Public License; `scripts/hanzi_medians.py` extracts them).
//!
//! Every cloud is centred and scaled to unit variance, the scale the noise
//! schedule assumes: at the last step the noise then drowns the signal.

use nn::Rng;
use nn::init::standard_normal;
use rand::RngExt;

const MEDIANS: &str = include_str!("../../../assets/data/shapes/hanzi-medians.json");

/// The characters the medians file holds.
pub const CHARACTERS: [&str; 3] = ["人", "永", "猫"];

/// The shapes on offer, by name: `moons`, `swiss-roll` or a character.
pub const NAMES: [&str; 5] = ["moons", "swiss-roll", "人", "永", "猫"];

/// `n` points (x, y, x, y, …) of the named shape, from `seed`.
pub fn cloud(name: &str, n: usize, seed: u64) -> Result<Vec<f32>, String> {
    let mut rng = nn::rng(seed);
    let points = match name {
        "moons" => moons(n, &mut rng),
        "swiss-roll" => swiss_roll(n, &mut rng),
        c => hanzi(c, n, &mut rng)?,
    };
    Ok(standardised(points))
}

/// Two interleaved half circles.
fn moons(n: usize, rng: &mut Rng) -> Vec<f32> {
    let mut out = Vec::with_capacity(2 * n);
    for i in 0..n {
        let a = rng.random_range(0.0..std::f32::consts::PI);
        let (x, y) =
            if i % 2 == 0 { (a.cos(), a.sin()) } else { (1.0 - a.cos(), 0.5 - a.sin()) };
        out.extend([x + 0.06 * standard_normal(rng), y + 0.06 * standard_normal(rng)]);
    }
    out
}

/// A spiral of one and a half turns, denser nowhere in particular.
fn swiss_roll(n: usize, rng: &mut Rng) -> Vec<f32> {
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        // Uniform along the curve's length, which grows like the angle squared.
        let u: f32 = rng.random_range(0.0..1.0);
        let a = 1.5 * std::f32::consts::PI * (1.0 + 8.0 * u).sqrt();
        out.extend([
            a * a.cos() + 0.25 * standard_normal(rng),
            a * a.sin() + 0.25 * standard_normal(rng),
        ]);
    }
    out
}

/// Points spread evenly along a character's strokes, with a pen's width.
fn hanzi(c: &str, n: usize, rng: &mut Rng) -> Result<Vec<f32>, String> {
    let strokes = medians(c)?;
    // Each stroke's segments and their lengths, to pick by length.
    let segments: Vec<([f32; 2], [f32; 2])> =
        strokes.iter().flat_map(|s| s.windows(2).map(|w| (w[0], w[1]))).collect();
    let lengths: Vec<f32> =
        segments.iter().map(|(a, b)| (b[0] - a[0]).hypot(b[1] - a[1])).collect();
    let total: f32 = lengths.iter().sum();
    if segments.is_empty() || total <= 0.0 {
        return Err(format!("the character {c} has no strokes"));
    }
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        let mut at = rng.random_range(0.0..total);
        let mut k = 0;
        while k + 1 < lengths.len() && at >= lengths[k] {
            at -= lengths[k];
            k += 1;
        }
        let (a, b) = segments[k];
        let f = (at / lengths[k].max(1e-6)).min(1.0);
        out.extend([
            a[0] + f * (b[0] - a[0]) + 12.0 * standard_normal(rng),
            a[1] + f * (b[1] - a[1]) + 12.0 * standard_normal(rng),
        ]);
    }
    Ok(out)
}

/// The strokes' centre lines of `c`, in the file's 1024-unit box (y up).
pub fn medians(c: &str) -> Result<Vec<Vec<[f32; 2]>>, String> {
    let all: serde_json::Value =
        serde_json::from_str(MEDIANS).map_err(|e| format!("medians file: {e}"))?;
    let strokes = all.get(c).and_then(|v| v.as_array()).ok_or_else(|| {
        format!("no strokes for {c:?}; shapes are {}", NAMES.join(", "))
    })?;
    Ok(strokes
        .iter()
        .map(|s| {
            s.as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    let p = p.as_array()?;
                    Some([p.first()?.as_f64()? as f32, p.get(1)?.as_f64()? as f32])
                })
                .collect()
        })
        .collect())
}

/// Centred, and scaled so that each coordinate has variance 1 on average.
fn standardised(mut points: Vec<f32>) -> Vec<f32> {
    let n = (points.len() / 2).max(1) as f32;
    let mean = [0, 1].map(|a| points.iter().skip(a).step_by(2).sum::<f32>() / n);
    let var = points
        .chunks_exact(2)
        .map(|p| (p[0] - mean[0]).powi(2) + (p[1] - mean[1]).powi(2))
        .sum::<f32>()
        / (2.0 * n);
    let scale = 1.0 / var.sqrt().max(1e-6);
    for p in points.chunks_exact_mut(2) {
        p[0] = (p[0] - mean[0]) * scale;
        p[1] = (p[1] - mean[1]) * scale;
    }
    points
}

/// Which of two parts each point of a shape is in, for prompts: the upper
/// or the lower moon; for the other shapes the left or the right half.
pub fn parts(name: &str, points: &[f32]) -> Vec<u8> {
    points
        .chunks_exact(2)
        .enumerate()
        .map(|(i, p)| if name == "moons" { (i % 2) as u8 } else { u8::from(p[0] >= 0.0) })
        .collect()
}

/// Of the `samples` within `radius` of `data`, the share whose nearest data
/// point is in part `part`: how well a prompt was followed.
pub fn share_in_part(
    samples: &[f32],
    data: &[f32],
    parts: &[u8],
    part: u8,
    radius: f32,
) -> f32 {
    let on: Vec<usize> = nearest(samples, data)
        .into_iter()
        .filter(|n| n.0 <= radius)
        .map(|n| n.1)
        .collect();
    on.iter().filter(|&&i| parts[i] == part).count() as f32 / on.len().max(1) as f32
}

/// For each of `samples`, the distance to its nearest point of `data` and that point's index.
pub fn nearest(samples: &[f32], data: &[f32]) -> Vec<(f32, usize)> {
    samples
        .chunks_exact(2)
        .map(|s| {
            let (best, at) = data
                .chunks_exact(2)
                .enumerate()
                .map(|(i, d)| ((s[0] - d[0]).powi(2) + (s[1] - d[1]).powi(2), i))
                .fold((f32::INFINITY, 0), |a, b| if b.0 < a.0 { b } else { a });
            (best.sqrt(), at)
        })
        .collect()
}

/// Each of `samples`' distance to its nearest point of `data`.
pub fn nearest_distances(samples: &[f32], data: &[f32]) -> Vec<f32> {
    nearest(samples, data).into_iter().map(|n| n.0).collect()
}

/// What "on the shape" means for a sample: within this distance of a data
/// point, a distance that 95% of fresh points of the shape itself (`more`,
/// drawn apart from `data`) are within.
pub fn on_shape_radius(more: &[f32], data: &[f32]) -> f32 {
    let mut d = nearest_distances(more, data);
    d.sort_by(f32::total_cmp);
    d.get((d.len() * 95 / 100).min(d.len().saturating_sub(1))).copied().unwrap_or(0.0)
}

/// The share of `samples` within `radius` of a point of `data`.
pub fn share_on_shape(samples: &[f32], data: &[f32], radius: f32) -> f32 {
    let d = nearest_distances(samples, data);
    d.iter().filter(|&&v| v <= radius).count() as f32 / d.len().max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_is_centred_with_unit_variance() {
        for name in NAMES {
            let c = cloud(name, 2000, 1).unwrap();
            assert_eq!(c.len(), 4000);
            let mean: f32 = c.iter().sum::<f32>() / 4000.0;
            let var: f32 = c.iter().map(|v| v * v).sum::<f32>() / 4000.0;
            assert!(
                mean.abs() < 1e-3 && (var - 1.0).abs() < 1e-3,
                "{name}: {mean} {var}"
            );
        }
    }

    #[test]
    fn characters_come_from_the_file_and_unknown_ones_are_refused() {
        assert_eq!(medians("人").unwrap().len(), 2, "人 has two strokes");
        assert_eq!(medians("猫").unwrap().len(), 11);
        assert!(cloud("龍", 10, 1).unwrap_err().contains("no strokes"));
    }

    #[test]
    fn nearest_distance_is_zero_on_the_data_and_large_for_noise() {
        let data = cloud("moons", 1000, 2).unwrap();
        let mean = |d: Vec<f32>| d.iter().sum::<f32>() / d.len() as f32;
        assert_eq!(mean(nearest_distances(&data[..200], &data)), 0.0);
        let mut rng = nn::rng(3);
        let noise: Vec<f32> = (0..400).map(|_| 3.0 * standard_normal(&mut rng)).collect();
        assert!(mean(nearest_distances(&noise, &data)) > 0.5);
        let parts = parts("moons", &data);
        let upper: Vec<f32> =
            data.chunks_exact(2).step_by(2).flatten().copied().collect();
        assert_eq!(share_in_part(&upper, &data, &parts, 0, 0.01), 1.0);
    }
}
