//! A sparse mixture of experts at the size of a picture.
//!
//! Each point of the plane goes to one expert, a small network of its own,
//! picked by a router; the other experts do no work for it. That is the
//! idea behind the sparse layers of Shazeer et al. (2017) and the Switch
//! Transformer (Fedus, Zoph and Shazeer, 2021): many parameters, little
//! arithmetic per token. The risk is collapse: an expert that wins early
//! gets the points, learns from them and wins more, while the rest starve.
//! The Switch Transformer's load-balancing loss pushes the router back
//! toward sharing. Both runs are here, on the same data and seeds.

pub mod layer;
pub mod task;
pub mod train;

pub use layer::Mixture;
pub use task::Task;
pub use train::{Run, Settings};

/// Classes of every task (two colours of points).
pub const CLASSES: usize = 2;
