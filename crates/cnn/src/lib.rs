//! Convolution and pooling, the two operations that give a CNN its name.
//!
//! Everything here runs twice: natively in tests and benchmarks, and in the
//! reader's browser through the `demos/` crates. The chapter text includes
//! these functions verbatim, so keep them short enough to read.

pub mod conv;
pub mod kernels;
pub mod pool;

pub use conv::{Term, conv2d, window_terms};
pub use kernels::{Kernel, PRESETS};
pub use pool::max_pool2d;
