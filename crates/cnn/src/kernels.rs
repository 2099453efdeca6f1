//! Classic 3×3 image-processing kernels, the reader's starting points.

use ndarray::{Array2, arr2};

/// A named kernel the demo offers as a preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Kernel {
    /// Stable id used by demos, tests and the page (`"edge"`, `"blur"`, ...).
    pub id: &'static str,
    pub weights: Array2<f32>,
}

/// Preset ids with their 3×3 weights, in the order the demo lists them.
pub const PRESETS: [(&str, [[f32; 3]; 3]); 7] = [
    ("edge", [[-1.0, -1.0, -1.0], [-1.0, 8.0, -1.0], [-1.0, -1.0, -1.0]]),
    ("vertical", [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]),
    ("horizontal", [[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]]),
    ("blur", [[0.0625, 0.125, 0.0625], [0.125, 0.25, 0.125], [0.0625, 0.125, 0.0625]]),
    ("sharpen", [[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
    ("emboss", [[-2.0, -1.0, 0.0], [-1.0, 1.0, 1.0], [0.0, 1.0, 2.0]]),
    ("identity", [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]),
];

/// Looks a preset up by id; `None` for an unknown id.
pub fn preset(id: &str) -> Option<Kernel> {
    PRESETS
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(name, w)| Kernel { id: name, weights: arr2(w) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difference_kernels_sum_to_zero_and_smoothing_to_one() {
        for id in ["edge", "vertical", "horizontal"] {
            assert_eq!(preset(id).unwrap().weights.sum(), 0.0, "{id}");
        }
        for id in ["blur", "sharpen", "emboss", "identity"] {
            assert_eq!(preset(id).unwrap().weights.sum(), 1.0, "{id}");
        }
        assert!(preset("nope").is_none());
    }
}
