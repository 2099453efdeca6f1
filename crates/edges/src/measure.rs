//! Did a filter become an edge? Two numbers a reader can check by eye.

/// How a filter is shaped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    /// 0 (no preferred direction) to 1 (every change runs across one
    /// direction, as in a straight edge or a stripe): the coherence of the
    /// filter's structure tensor.
    pub oriented: f32,
    /// How far the filter's energy spreads across its narrowest direction,
    /// as a share of how far it would in a patch filled evenly: small
    /// means a thin line or a small spot, 1 a pattern that fills the patch.
    pub spread: f32,
}

/// The shape measures of a `size` × `size` filter.
pub fn shape(f: &[f32], size: usize) -> Shape {
    let at = |x: usize, y: usize| f[y * size + x];
    let (mut xx, mut yy, mut xy) = (0.0f32, 0.0f32, 0.0f32);
    for y in 1..size - 1 {
        for x in 1..size - 1 {
            // Central differences: the slope across each inner pixel.
            let gx = at(x + 1, y) - at(x - 1, y);
            let gy = at(x, y + 1) - at(x, y - 1);
            xx += gx * gx;
            yy += gy * gy;
            xy += gx * gy;
        }
    }
    let oriented = ((xx - yy).powi(2) + 4.0 * xy * xy).sqrt() / (xx + yy).max(1e-12);
    let energy: f32 = f.iter().map(|v| v * v).sum::<f32>().max(1e-12);
    let (mut cx, mut cy) = (0.0f32, 0.0f32);
    for (i, v) in f.iter().enumerate() {
        cx += (i % size) as f32 * v * v;
        cy += (i / size) as f32 * v * v;
    }
    let (cx, cy) = (cx / energy, cy / energy);
    // The energy's spread as a 2 × 2 covariance; its smaller eigenvalue is
    // the spread across the filter's narrowest direction.
    let (mut sxx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32);
    for (i, v) in f.iter().enumerate() {
        let (dx, dy) = ((i % size) as f32 - cx, (i / size) as f32 - cy);
        sxx += dx * dx * v * v;
        syy += dy * dy * v * v;
        sxy += dx * dy * v * v;
    }
    let (sxx, syy, sxy) = (sxx / energy, syy / energy, sxy / energy);
    let narrow = (sxx + syy) / 2.0 - (((sxx - syy) / 2.0).powi(2) + sxy * sxy).sqrt();
    // The variance of 0..size, what an evenly filled patch has in every direction.
    let even = ((size * size) as f32 - 1.0) / 12.0;
    Shape { oriented, spread: (narrow.max(0.0) / even).sqrt() }
}

/// Oriented and narrow: what the page counts as "an edge".
pub const ORIENTED: f32 = 0.5;
/// See [`ORIENTED`].
pub const LOCAL: f32 = 0.6;

impl Shape {
    pub fn is_edge(&self) -> bool {
        self.oriented >= ORIENTED && self.spread <= LOCAL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_edge_is_an_edge_and_stripes_everywhere_are_not() {
        let size = 12;
        // A short vertical edge in a small window near the middle.
        let edge: Vec<f32> = (0..size * size)
            .map(|i| {
                let (x, y) = ((i % size) as f32 - 5.5, (i / size) as f32 - 5.5);
                let window = (-(x * x + y * y) / 8.0).exp();
                window * x.signum()
            })
            .collect();
        let s = shape(&edge, size);
        assert!(s.is_edge(), "{s:?}");
        // Vertical stripes over the whole patch: oriented but not local.
        let stripes: Vec<f32> =
            (0..size * size).map(|i| ((i % size) as f32 * 1.3).sin()).collect();
        let s = shape(&stripes, size);
        assert!(s.oriented > 0.9 && s.spread > 0.9, "{s:?}");
        // A single bright pixel: local, but no direction.
        let mut dot = vec![0.0f32; size * size];
        dot[5 * size + 5] = 1.0;
        assert!(shape(&dot, size).oriented < 0.1);
    }
}
