//! Reproducible "new handwriting": real MNIST digits changed by a documented
//! transform, so a model trained on ordinary MNIST meets data unlike its own.

/// A change of domain applied to every image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// Turned a quarter turn clockwise.
    Rotate90,
    /// White digits become dark digits on a light page.
    Invert,
    /// Slanted by a shear of 0.5 (x += 0.5·(14 − y)) and drawn with a thicker pen.
    SlantThick,
}

impl Shift {
    /// Stable id for demos and tests.
    pub fn id(self) -> &'static str {
        match self {
            Shift::Rotate90 => "rotate90",
            Shift::Invert => "invert",
            Shift::SlantThick => "slant-thick",
        }
    }

    pub fn from_id(id: &str) -> Option<Shift> {
        [Shift::Rotate90, Shift::Invert, Shift::SlantThick]
            .into_iter()
            .find(|s| s.id() == id)
    }

    // ANCHOR: apply
    /// The transformed copy of one 28×28 image (values in [0, 1]).
    pub fn apply(self, image: &[f32]) -> Vec<f32> {
        let at = |x: isize, y: isize| -> f32 {
            if (0..28).contains(&x) && (0..28).contains(&y) {
                image[y as usize * 28 + x as usize]
            } else {
                0.0
            }
        };
        let mut out = vec![0.0; 784];
        for y in 0..28isize {
            for x in 0..28isize {
                out[(y * 28 + x) as usize] = match self {
                    Shift::Rotate90 => at(y, 27 - x),
                    Shift::Invert => 1.0 - at(x, y),
                    Shift::SlantThick => {
                        let sx = x as f32 - 0.5 * (14.0 - y as f32);
                        let (x0, t) = (sx.floor() as isize, sx - sx.floor());
                        // Thicker pen: the brightest of each pixel and its right and lower neighbours.
                        let slanted = |dx: isize, dy: isize| {
                            at(x0 + dx, y + dy) * (1.0 - t) + at(x0 + dx + 1, y + dy) * t
                        };
                        slanted(0, 0).max(slanted(1, 0)).max(slanted(0, 1))
                    }
                };
            }
        }
        out
    }
    // ANCHOR_END: apply

    /// The transformed copy of a whole dataset.
    pub fn dataset(self, data: &crate::Dataset) -> crate::Dataset {
        crate::Dataset {
            images: data
                .images
                .chunks_exact(784)
                .flat_map(|img| self.apply(img))
                .collect(),
            labels: data.labels.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_moves_a_pixel_a_quarter_turn_and_four_turns_restore() {
        let mut img = vec![0.0; 784];
        img[3 * 28 + 10] = 1.0; // x = 10, y = 3
        let r = Shift::Rotate90.apply(&img);
        assert_eq!(r[10 * 28 + 24], 1.0); // x' = 27 − y = 24, y' = x = 10
        let back = (0..3).fold(r, |im, _| Shift::Rotate90.apply(&im));
        assert_eq!(back, img);
    }

    #[test]
    fn inversion_and_thickening() {
        let digit = mnist::sample()[0].to_unit();
        let inv = Shift::Invert.apply(&digit);
        assert_eq!(inv[0], 1.0);
        let ink = |im: &[f32]| im.iter().sum::<f32>();
        assert!(
            ink(&Shift::SlantThick.apply(&digit)) > ink(&digit) * 1.3,
            "a thicker pen leaves more ink"
        );
        assert_eq!(Shift::from_id("invert"), Some(Shift::Invert));
    }
}
