//! `bench-int8`: LeNet-5 inference natively, one thread, batches of 250
//! test digits: the float network against the integer one (8-bit × 8-bit →
//! 32-bit multiply-adds): `bench native-infer-lenet5-int8-ours <images/s>`
//! and `bench native-infer-lenet5-int8-float <images/s>`, so the ratio line
//! is the integer path's speed over the float path's.

use quantize::{IntegerLeNet, Scheme, calibrate, model};
use std::time::Instant;

fn main() {
    let train = lenet::data::shipped("train-30k").expect("the shipped training digits");
    let test = lenet::data::shipped("t10k").expect("the shipped test digits");
    let weights = std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors"))
        .expect("the shipped weights");
    let mut float = model(&weights, Scheme::FLOAT).expect("weights");
    let largest = calibrate(&mut float, &train.images, 1000);
    let mut int =
        IntegerLeNet::new(model(&weights, Scheme::FLOAT).expect("weights"), &largest);
    let images = &test.images[..2000 * 784];
    for round in 0..2 {
        let t0 = Instant::now();
        for chunk in images.chunks(250 * 784) {
            float.forward(chunk, chunk.len() / 784);
        }
        let f = 2000.0 / t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        for chunk in images.chunks(250 * 784) {
            int.forward(chunk, chunk.len() / 784);
        }
        let i = 2000.0 / t0.elapsed().as_secs_f64();
        if round == 1 {
            println!("bench native-infer-lenet5-int8-float {f:.0} images/s");
            println!("bench native-infer-lenet5-int8-ours {i:.0} images/s");
        }
    }
}
