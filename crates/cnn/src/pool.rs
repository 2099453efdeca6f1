//! Max pooling: keep the strongest answer in each small block.

use ndarray::{Array2, ArrayView2, s};

// ANCHOR: max_pool2d
/// Splits `map` into non-overlapping `size`×`size` blocks and keeps each
/// block's largest value, halving width and height when `size` is 2. An odd
/// last row or column is dropped, as in LeNet-5's subsampling layers.
pub fn max_pool2d(map: ArrayView2<f32>, size: usize) -> Array2<f32> {
    let size = size.max(1);
    let (h, w) = map.dim();
    Array2::from_shape_fn((h / size, w / size), |(r, c)| {
        let block = map.slice(s![r * size..(r + 1) * size, c * size..(c + 1) * size]);
        block.iter().copied().fold(f32::NEG_INFINITY, f32::max)
    })
}
// ANCHOR_END: max_pool2d

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn hand_computed_2x2() {
        let map = array![
            [1.0, -2.0, 0.5, 0.0],
            [3.0, 0.0, -1.0, -4.0],
            [-1.0, -1.0, 9.0, 2.0],
            [-3.0, -2.0, 1.0, 8.0f32],
        ];
        assert_eq!(max_pool2d(map.view(), 2), array![[3.0, 0.5], [-1.0, 9.0]]);
    }

    #[test]
    fn odd_edges_are_dropped_and_26_becomes_13() {
        let map = Array2::from_shape_fn((5, 5), |(r, c)| (r * 5 + c) as f32);
        assert_eq!(max_pool2d(map.view(), 2), array![[6.0, 8.0], [16.0, 18.0]]);
        assert_eq!(max_pool2d(Array2::<f32>::zeros((26, 26)).view(), 2).dim(), (13, 13));
    }

    #[test]
    fn size_zero_is_treated_as_one() {
        let map = array![[1.0, 2.0f32]];
        assert_eq!(max_pool2d(map.view(), 0), map);
    }
}
