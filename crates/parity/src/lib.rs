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
