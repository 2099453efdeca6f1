//! Where to write the labels of a scatter plot so they do not cover each
//! other: each label tries four spots around its point and takes the first
//! that overlaps nothing already placed (or, failing that, the one that
//! overlaps least).

/// A label's box: left, top, right, bottom.
type Rect = (f64, f64, f64, f64);

fn overlap(a: Rect, b: Rect) -> f64 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0.0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0.0);
    w * h
}

/// For points at `at` with labels of `size` (width, height), the baseline
/// start of each label, inside `0..width` × `0..height`.
pub fn place(
    at: &[(f64, f64)],
    size: &[(f64, f64)],
    width: f64,
    height: f64,
) -> Vec<(f64, f64)> {
    let mut placed: Vec<Rect> = Vec::with_capacity(at.len());
    let mut out = Vec::with_capacity(at.len());
    for (&(x, y), &(w, h)) in at.iter().zip(size) {
        let spots = [
            (x + 5.0, y - 5.0),
            (x + 5.0, y + h + 3.0),
            (x - w - 5.0, y - 5.0),
            (x - w - 5.0, y + h + 3.0),
        ];
        let cost = |&(tx, ty): &(f64, f64)| {
            let rect = (tx, ty - h, tx + w, ty);
            let outside = if tx < 0.0 || ty - h < 0.0 || tx + w > width || ty > height {
                1e9
            } else {
                0.0
            };
            outside + placed.iter().map(|&p| overlap(rect, p)).sum::<f64>()
        };
        let best = spots
            .iter()
            .copied()
            .min_by(|a, b| cost(a).total_cmp(&cost(b)))
            .unwrap_or(spots[0]);
        placed.push((best.0, best.1 - h, best.0 + w, best.1));
        out.push(best);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_labels_at_one_point_do_not_overlap() {
        let spots = place(
            &[(50.0, 50.0), (50.0, 50.0)],
            &[(40.0, 12.0), (40.0, 12.0)],
            200.0,
            200.0,
        );
        let rect = |(x, y): (f64, f64)| (x, y - 12.0, x + 40.0, y);
        assert_eq!(overlap(rect(spots[0]), rect(spots[1])), 0.0, "{spots:?}");
    }

    #[test]
    fn a_label_near_the_right_edge_goes_left() {
        let spots = place(&[(195.0, 50.0)], &[(40.0, 12.0)], 200.0, 100.0);
        assert!(spots[0].0 + 40.0 <= 200.0, "{spots:?}");
    }
}
