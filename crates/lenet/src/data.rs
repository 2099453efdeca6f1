//! Images and labels as the network reads them.

/// `len()` images of 784 pixels in [0, 1], with their labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub images: Vec<f32>,
    pub labels: Vec<u8>,
}

impl Dataset {
    pub fn from_digits(digits: &[mnist::Digit]) -> Dataset {
        Dataset {
            images: digits
                .iter()
                .flat_map(|d| d.pixels.iter().map(|&p| f32::from(p) / 255.0))
                .collect(),
            labels: digits.iter().map(|d| d.label).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Pixels of image `i`.
    pub fn image(&self, i: usize) -> &[f32] {
        &self.images[i * 784..(i + 1) * 784]
    }

    /// Images `range` as a new dataset.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Dataset {
        let range = range.start.min(self.len())..range.end.min(self.len());
        Dataset {
            images: self.images[range.start * 784..range.end * 784].to_vec(),
            labels: self.labels[range].to_vec(),
        }
    }

    /// Splits off the last `n` images, e.g. as a validation set.
    pub fn split_last(&self, n: usize) -> (Dataset, Dataset) {
        let cut = self.len().saturating_sub(n);
        (self.slice(0..cut), self.slice(cut..self.len()))
    }
}

/// The repository's `assets/` folder (native builds only: tests, examples
/// and the training command read the shipped files from it).
#[cfg(not(target_arch = "wasm32"))]
pub fn assets() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets")
}

/// A shipped MNIST file pair, `assets/data/mnist/<prefix>-{images,labels}…gz`
/// (`"t10k"` or `"train-30k"`), as a dataset.
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped(prefix: &str) -> Result<Dataset, String> {
    let dir = assets().join("data/mnist");
    let digits = mnist::load(
        &dir.join(format!("{prefix}-images.idx3-ubyte.gz")),
        &dir.join(format!("{prefix}-labels.idx1-ubyte.gz")),
    )
    .map_err(|e| {
        format!("{prefix}: {e} (run python3 scripts/fetch_mnist.py --assets)")
    })?;
    Ok(Dataset::from_digits(&digits))
}
