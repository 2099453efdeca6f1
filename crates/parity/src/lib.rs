//! Chain of thought at toy scale. The question is the parity of 16 bits:
//! is the number of ones odd? A small GPT that must answer right after the
//! bits has to find one pattern over all sixteen at once, and gradient
//! descent gets no hint of it (every bit but all of them together says
//! nothing about the answer). Let the same model first write the running
//! parity, one bit at a time, and each written step is an easy one: the
//! last step you wrote, flipped if the next bit is a one. The answer is the
//! last step.

pub mod learn;
pub mod task;

pub use learn::{Learner, MODEL, Settings};
pub use task::{BITS, Format};

/// The step-by-step page's default run (no notes and interleaved notes,
/// seed 1, 1,000 steps, graded every 100): one definition for what
/// `./dev bench` times natively and in the page. Returns each model's
/// last share of right answers.
pub fn page_default_run() -> [f32; 2] {
    let make = |format| Learner::new(Settings { format, steps: 1000, seed: 1 });
    let mut learners = [make(Format::Direct), make(Format::Interleaved)];
    let mut last = [0.0; 2];
    for (l, a) in learners.iter_mut().zip(&mut last) {
        *a = l.accuracy().answers;
    }
    for step in 1..=1000usize {
        for (l, a) in learners.iter_mut().zip(&mut last) {
            l.train_step();
            if step.is_multiple_of(100) {
                *a = l.accuracy().answers;
            }
        }
    }
    last
}
