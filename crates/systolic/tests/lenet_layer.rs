//! The array runs a real LeNet-5 layer: F6 on the first 100 official test
//! digits, in 8 bits, equal bit for bit to the plain integer product, and
//! close to the 32-bit float layer.

use systolic::{Array, Layer, matmul, matmul_i8};

fn layer(n: usize) -> Layer {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bytes = std::fs::read(root.join("assets/weights/lenet5.safetensors")).unwrap();
    let mut model = lenet::LeNet5::new(0);
    lenet::weights::load(&mut model, &bytes).unwrap();
    let test = mnist::load(
        &root.join("assets/data/mnist/t10k-images.idx3-ubyte.gz"),
        &root.join("assets/data/mnist/t10k-labels.idx1-ubyte.gz"),
    )
    .unwrap();
    let images = lenet::Dataset::from_digits(&test);
    Layer::lenet_f6(&mut model, &images.images[..n * 784], n)
}

#[test]
fn the_array_runs_lenet_f6_exactly() {
    let l = layer(100);
    assert_eq!((l.m, l.k, l.c), (100, 120, 84));
    let want = matmul_i8(l.m, l.k, l.c, &l.a.q, &l.w.q);
    for n in [4, 8, 16] {
        let mut array = Array::new(n);
        let (got, counters) = matmul(&mut array, l.m, l.k, l.c, &l.a.q, &l.w.q);
        assert_eq!(got, want, "array {n}");
        assert_eq!(counters.macs, 100 * 120 * 84);
    }
    // 8 bits are enough: the layer's outputs stay within a few per cent.
    let approx = l.dequantise(&want);
    let top = l.exact.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let worst =
        approx.iter().zip(&l.exact).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    assert!(worst < 0.02 * top, "worst {worst} of {top}");
}

/// The page's comparison table: how busy arrays of 4 to 256 a side are on
/// F6 for 100 digits and on a 1,024 × 256 by 256 × 256 product.
#[test]
fn big_arrays_idle_on_lenet_busy_on_large_products() {
    let l = layer(100);
    let busy = |n: usize, m: usize, k: usize, c: usize| {
        let macs = (m * k * c) as f64;
        macs / (systolic::array::cycles(n, m, k, c) as f64 * (n * n) as f64)
    };
    let table: Vec<(usize, f64, f64)> = [4, 16, 64, 256]
        .iter()
        .map(|&n| (n, busy(n, l.m, l.k, l.c), busy(n, 1024, 256, 256)))
        .collect();
    for (n, f6, big) in &table {
        println!(
            "{n}: F6 {:.1}% cycles {}, big {:.1}% cycles {}",
            f6 * 100.0,
            systolic::array::cycles(*n, 100, 120, 84),
            big * 100.0,
            systolic::array::cycles(*n, 1024, 256, 256)
        );
    }
    // A 256-wide array on LeNet's layer: about 2% busy; on the large product, most of the time.
    assert!(table[3].1 < 0.03 && table[3].2 > 0.5, "{table:?}");
    // Small arrays are busy on both.
    assert!(table[0].1 > 0.7 && table[0].2 > 0.7, "{table:?}");
}
