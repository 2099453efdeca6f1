//! The same student taught by labels on all 30,000 shipped training images
//! (16 times the transfer set), for the chapter's comparison.
//!
//!     cargo run --release -p distill --example full_data

use distill::experiment::HIDDEN;
use distill::lesson::accuracy;
use distill::{Lesson, Student, Teaching};

fn main() {
    let train = lenet::data::shipped("train-30k").expect("shipped MNIST");
    let test = lenet::data::shipped("t10k").expect("shipped MNIST");
    let none = vec![0.0; train.len() * distill::CLASSES];
    let student = Student::new(HIDDEN, 1);
    let mut lesson =
        Lesson::new(student, Teaching::Hard, &train.images, &train.labels, &none, 1);
    for pass in 1..=10 {
        for _ in 0..lesson.batches_per_epoch() {
            lesson.step();
        }
        let logits = lesson.student.logits(&test.images, test.len());
        println!("pass {pass}: {:.2}%", accuracy(&logits, &test.labels).0 * 100.0);
    }
}
