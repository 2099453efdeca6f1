//! The "how many bits?" page's numbers, on all 10,000 official test
//! digits with scales from the first 1,000 training digits (the page runs
//! the same arithmetic, so it shows the same counts).

use quantize::{Scales, Scheme, calibrate, correct, model};
use std::path::Path;

fn read(root: &Path, images: &str, labels: &str) -> lenet::Dataset {
    let d = mnist::load(&root.join(images), &root.join(labels)).unwrap();
    lenet::Dataset::from_digits(&d)
}

#[test]
fn the_pages_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let weights = std::fs::read(root.join("assets/weights/lenet5.safetensors")).unwrap();
    let train = read(
        &root,
        "assets/data/mnist/train-30k-images.idx3-ubyte.gz",
        "assets/data/mnist/train-30k-labels.idx1-ubyte.gz",
    );
    let test = read(
        &root,
        "assets/data/mnist/t10k-images.idx3-ubyte.gz",
        "assets/data/mnist/t10k-labels.idx1-ubyte.gz",
    );
    let mut float = model(&weights, Scheme::FLOAT).unwrap();
    let largest = calibrate(&mut float, &train.images, 1000);
    let (pt, pc) = (Scales::PerTensor, Scales::PerChannel);
    for (w, a, scales, want) in [
        (32, 32, pt, 9899),
        (8, 8, pt, 9899),
        (6, 6, pt, 9900),
        (4, 32, pt, 9860),
        (4, 32, pc, 9893),
        (4, 4, pc, 9893),
        (3, 32, pt, 9628),
        (2, 32, pt, 974),
        (32, 4, pt, 9892),
        (32, 3, pt, 9869),
        (32, 2, pt, 9679),
    ] {
        let scheme = Scheme { weight_bits: w, activation_bits: a, scales };
        let mut m = model(&weights, scheme).unwrap();
        let right = correct(&mut m, &test.images, &test.labels, a, &largest);
        assert_eq!(right, want, "{scheme:?}");
    }
}

/// The integer network: every multiply-add in 8 × 8 → 32-bit integers.
/// It reads the test digits as well as the float network, agrees with it
/// on almost every digit, and its F6 products are what the systolic array
/// computes.
#[test]
fn the_integer_network_reads_as_well_and_matches_the_array() {
    let train = lenet::data::shipped("train-30k").unwrap();
    let test = lenet::data::shipped("t10k").unwrap();
    let weights =
        std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors")).unwrap();
    let mut float = model(&weights, Scheme::FLOAT).unwrap();
    let largest = calibrate(&mut float, &train.images, 1000);
    let mut int =
        quantize::IntegerLeNet::new(model(&weights, Scheme::FLOAT).unwrap(), &largest);
    let right = int.correct(&test.images, &test.labels);
    println!("integer network: {right} of 10,000");
    assert_eq!(right, 9902, "the bits page quotes 9,902");
    // Same answer as the float network on nearly every digit.
    let n = 10_000;
    let a = float.forward(&test.images[..n * 784], n);
    let b = int.forward(&test.images[..n * 784], n);
    let same = a
        .chunks_exact(10)
        .zip(b.chunks_exact(10))
        .filter(|(x, y)| lenet::train::argmax(x) == lenet::train::argmax(y))
        .count();
    println!("same answer on {same} of {n}");
    assert_eq!(same, 9997, "the bits page quotes 9,997 of 10,000");
    // F6 on the systolic array: the same 32-bit sums, bit for bit.
    let (codes, wt, k, c) = int.f6_operands(&test.images[..8 * 784], 8);
    let (array, _) = systolic::matmul(&mut systolic::Array::new(8), 8, k, c, &codes, &wt);
    let sums: Vec<i32> = (0..8 * c)
        .map(|i| {
            quantize::integer::dot(
                &codes[(i / c) * k..(i / c + 1) * k],
                &int.f6_row(i % c),
            )
        })
        .collect();
    assert_eq!(array, sums, "the array's sums are the integer network's");
}
