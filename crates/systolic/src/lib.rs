//! The TPU's matrix unit at the size of a page: a weight-stationary
//! systolic array, simulated one clock cycle at a time.
//!
//! Each processing element (PE) holds one 8-bit weight. Every cycle it
//! takes an activation from its left neighbour and a partial sum from the
//! one above, adds activation × weight to the sum, and passes the
//! activation right and the sum down. Activations enter the left edge
//! skewed (row `i` one cycle after row `i − 1`), so each partial sum meets
//! the activations it needs exactly as it flows down; finished sums leave
//! the bottom edge. No PE ever reads memory: data moves only between
//! neighbours, which is why the design is cheap in energy.

pub mod array;
pub mod int8;
pub mod layer;

pub use array::{Array, Counters, Pe, matmul};
pub use int8::{Codes, Quantized, matmul_i8};
pub use layer::Layer;
