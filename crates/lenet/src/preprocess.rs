//! Making a drawing look like an MNIST digit before LeNet-5 reads it.
//!
//! MNIST's digits were scaled to fit a 20×20 box (keeping their aspect ratio)
//! and placed in a 28×28 image so that their centre of mass sits in the
//! middle. A digit drawn small in a corner looks nothing like that, so the
//! drawing gets the same treatment.

/// Pixels below this count as paper when finding the digit's extent.
const INK: f32 = 0.05;

// ANCHOR: to_mnist
/// Turns a `w`×`h` drawing (values in [0, 1], 1 = ink) into a 28×28 MNIST-style
/// image, or `None` when there is no ink at all.
pub fn to_mnist(pixels: &[f32], w: usize, h: usize) -> Option<Vec<f32>> {
    let (x0, y0, x1, y1) = ink_box(pixels, w, h)?;
    let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    let scale = 20.0 / bw.max(bh); // the longer side becomes 20 pixels
    let (tw, th) =
        ((bw * scale).round().max(1.0) as usize, (bh * scale).round().max(1.0) as usize);

    // Average the source pixels that fall on each target pixel (4×4 samples).
    let mut small = vec![0.0f32; tw * th];
    for ty in 0..th {
        for tx in 0..tw {
            let mut sum = 0.0;
            for sy in 0..4 {
                for sx in 0..4 {
                    let x = x0 as f32 + (tx as f32 + (sx as f32 + 0.5) / 4.0) / scale;
                    let y = y0 as f32 + (ty as f32 + (sy as f32 + 0.5) / 4.0) / scale;
                    sum += pixels[(y as usize).min(h - 1) * w + (x as usize).min(w - 1)];
                }
            }
            small[ty * tw + tx] = (sum / 16.0).clamp(0.0, 1.0);
        }
    }

    // Place it so its centre of mass lands on the image centre (14, 14).
    let (cx, cy) = centre_of_mass(&small, tw, th);
    let (dx, dy) = ((14.0 - cx).round() as isize, (14.0 - cy).round() as isize);
    let mut out = vec![0.0f32; 28 * 28];
    for y in 0..th {
        for x in 0..tw {
            let (ox, oy) = (x as isize + dx, y as isize + dy);
            if (0..28).contains(&ox) && (0..28).contains(&oy) {
                out[oy as usize * 28 + ox as usize] = small[y * tw + x];
            }
        }
    }
    Some(out)
}
// ANCHOR_END: to_mnist

/// Inclusive bounding box `(x0, y0, x1, y1)` of the ink.
fn ink_box(pixels: &[f32], w: usize, h: usize) -> Option<(usize, usize, usize, usize)> {
    if w == 0 || h == 0 || pixels.len() < w * h {
        return None;
    }
    let mut b: Option<(usize, usize, usize, usize)> = None;
    for y in 0..h {
        for x in 0..w {
            if pixels[y * w + x] > INK {
                b = Some(match b {
                    None => (x, y, x, y),
                    Some((x0, y0, x1, y1)) => {
                        (x0.min(x), y0.min(y), x1.max(x), y1.max(y))
                    }
                });
            }
        }
    }
    b
}

/// Intensity-weighted mean position, in pixel-centre coordinates.
pub fn centre_of_mass(pixels: &[f32], w: usize, h: usize) -> (f32, f32) {
    let (mut sx, mut sy, mut total) = (0.0, 0.0, 0.0);
    for y in 0..h {
        for x in 0..w {
            let v = pixels[y * w + x];
            sx += v * (x as f32 + 0.5);
            sy += v * (y as f32 + 0.5);
            total += v;
        }
    }
    if total > 0.0 { (sx / total, sy / total) } else { (w as f32 / 2.0, h as f32 / 2.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_or_malformed_input_is_none() {
        assert_eq!(to_mnist(&vec![0.0; 100], 10, 10), None);
        assert_eq!(to_mnist(&[], 0, 0), None);
        assert_eq!(to_mnist(&[1.0; 3], 2, 2), None);
    }

    #[test]
    fn a_small_digit_in_a_corner_is_centred_and_scaled_to_20_pixels() {
        // A real MNIST 7, drawn at half size in the top-left of a 140×140 canvas.
        let seven = mnist::sample()[0].to_unit();
        let mut canvas = vec![0.0f32; 140 * 140];
        for y in 0..56 {
            for x in 0..56 {
                canvas[(y + 3) * 140 + x + 5] = seven[(y / 2) * 28 + x / 2];
            }
        }
        let out = to_mnist(&canvas, 140, 140).unwrap();
        let (cx, cy) = centre_of_mass(&out, 28, 28);
        assert!(
            (cx - 14.0).abs() <= 0.75 && (cy - 14.0).abs() <= 0.75,
            "centre {cx}, {cy}"
        );
        let (x0, y0, x1, y1) = ink_box(&out, 28, 28).unwrap();
        let side = (x1 - x0 + 1).max(y1 - y0 + 1);
        assert!((19..=21).contains(&side), "longest side {side}");
    }
}
