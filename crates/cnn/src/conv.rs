//! 2-D convolution as a sliding window of multiply-adds.

use ndarray::{Array2, ArrayView2, s};

// ANCHOR: conv2d
/// Slides `kernel` over `image` with no padding and stride 1, so an H×W image
/// and a k×k kernel give an (H−k+1)×(W−k+1) feature map. Like every deep-learning
/// library, it does not flip the kernel (strictly, this is cross-correlation).
pub fn conv2d(image: ArrayView2<f32>, kernel: ArrayView2<f32>) -> Array2<f32> {
    let (h, w) = image.dim();
    let (kh, kw) = kernel.dim();
    let out = ((h + 1).saturating_sub(kh), (w + 1).saturating_sub(kw));
    Array2::from_shape_fn(out, |(r, c)| {
        let window = image.slice(s![r..r + kh, c..c + kw]);
        window.iter().zip(kernel.iter()).map(|(x, k)| x * k).sum()
    })
}
// ANCHOR_END: conv2d

/// One of the multiply-adds behind a single output value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    pub pixel: f32,
    pub weight: f32,
    pub product: f32,
}

/// The k×k multiply-adds that produce output `(row, col)` of [`conv2d`], in the
/// same order it sums them, so a demo can show the arithmetic step by step.
/// Returns an empty list when the window falls outside the image.
pub fn window_terms(
    image: ArrayView2<f32>,
    kernel: ArrayView2<f32>,
    row: usize,
    col: usize,
) -> Vec<Term> {
    let (h, w) = image.dim();
    let (kh, kw) = kernel.dim();
    if row + kh > h || col + kw > w {
        return Vec::new();
    }
    let window = image.slice(s![row..row + kh, col..col + kw]);
    window
        .iter()
        .zip(kernel.iter())
        .map(|(&pixel, &weight)| Term { pixel, weight, product: pixel * weight })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn hand_computed_3x3_on_4x4() {
        let image = array![
            [1.0, 2.0, 3.0, 0.0],
            [0.0, 1.0, 2.0, 3.0],
            [3.0, 0.0, 1.0, 2.0],
            [2.0, 3.0, 0.0, 1.0f32],
        ];
        let kernel = array![[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0f32]];
        // top-left: (1+0+3) - (3+2+1) = -2; top-right: (2+1+0) - (0+3+2) = -2
        // bottom-left: (0+3+2) - (2+1+0) = 2; bottom-right: (1+0+3) - (3+2+1) = -2
        let out = conv2d(image.view(), kernel.view());
        assert_eq!(out, array![[-2.0, -2.0], [2.0, -2.0]]);
    }

    #[test]
    fn kernel_is_not_flipped() {
        let image = array![[1.0, 2.0], [3.0, 4.0f32]];
        let kernel = array![[1.0, 0.0], [0.0, 0.0f32]];
        assert_eq!(conv2d(image.view(), kernel.view()), array![[1.0]]);
    }

    #[test]
    fn identity_kernel_crops_the_border() {
        let image = Array2::from_shape_fn((5, 6), |(r, c)| (r * 6 + c) as f32);
        let kernel = array![[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0f32]];
        let out = conv2d(image.view(), kernel.view());
        assert_eq!(out.dim(), (3, 4));
        assert_eq!(out, image.slice(s![1..4, 1..5]));
    }

    #[test]
    fn mnist_digit_gives_26x26_map_and_terms_match_it() {
        let digit = &mnist::sample()[0];
        let image = Array2::from_shape_vec((28, 28), digit.to_unit()).unwrap();
        let kernel = crate::kernels::preset("edge").unwrap().weights;
        let map = conv2d(image.view(), kernel.view());
        assert_eq!(map.dim(), (26, 26));
        for ((r, c), &v) in map.indexed_iter() {
            let terms = window_terms(image.view(), kernel.view(), r, c);
            assert_eq!(terms.len(), 9);
            let sum: f32 = terms.iter().map(|t| t.product).sum();
            assert_eq!(sum, v, "at ({r}, {c})");
        }
        // An outline kernel answers zero on flat background and on flat ink.
        assert_eq!(map[[0, 0]], 0.0);
        assert!(map.iter().any(|&v| v > 1.0) && map.iter().any(|&v| v < -1.0));
    }

    #[test]
    fn oversized_kernel_gives_empty_map_not_panic() {
        let image = Array2::<f32>::zeros((2, 2));
        let kernel = Array2::<f32>::ones((3, 3));
        assert_eq!(conv2d(image.view(), kernel.view()).len(), 0);
        assert!(window_terms(image.view(), kernel.view(), 0, 0).is_empty());
    }
}
