//! Distillation (Hinton, Vinyals and Dean, 2015) at the scale of a page.
//!
//! A teacher (the book's trained LeNet-5) reads a few training images; a
//! student with no convolutions learns from them either the way the teacher
//! itself was taught, from the labels (one right answer per image), or from
//! the teacher's probabilities softened by a temperature, which also say
//! which wrong answers were nearly right. The same code runs the native
//! table the chapter prints and the reader's run in the page.

pub mod experiment;
pub mod lesson;
pub mod student;

pub use experiment::{Experiment, Outcome, Setup, Which};
pub use lesson::{Lesson, Teaching};
pub use student::Student;

/// Digits.
pub const CLASSES: usize = 10;

/// Images the student learns from: 3% of MNIST's 60,000 training images,
/// the share of the data in the paper's speech experiment.
pub const TRANSFER: usize = 1_800;

/// The teacher, the shipped LeNet-5, on the official 10,000 test digits
/// (`assets/weights/README.md`; the crate's tests check it).
pub const TEACHER_TEST_ACCURACY: f32 = 0.9899;

/// The teacher's scores for `n` images: the book's trained LeNet-5, read
/// from its shipped weights file.
pub fn teacher_logits(
    weights: &[u8],
    images: &[f32],
    n: usize,
) -> Result<Vec<f32>, String> {
    let mut teacher = lenet::LeNet5::new(1);
    lenet::weights::load(&mut teacher, weights)?;
    let mut out = Vec::with_capacity(n * CLASSES);
    for start in (0..n).step_by(256) {
        let m = (n - start).min(256);
        out.extend(teacher.forward(&images[start * 784..(start + m) * 784], m));
    }
    Ok(out)
}

/// Natively: the experiment on the shipped files (the first [`TRANSFER`]
/// training images, the official test set, the shipped LeNet-5).
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped(setup: Setup) -> Result<Experiment, String> {
    let train = lenet::data::shipped("train-30k")?.slice(0..TRANSFER);
    let test = lenet::data::shipped("t10k")?;
    let weights = std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors"))
        .map_err(|e| format!("lenet5.safetensors: {e}"))?;
    let logits = teacher_logits(&weights, &train.images, train.len())?;
    Ok(Experiment::new(
        setup,
        &train.images,
        &train.labels,
        &logits,
        test.images,
        test.labels,
    ))
}
