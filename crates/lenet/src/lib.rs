//! LeNet-5, the 1998 digit reader, as it is usually rebuilt today: two
//! convolution + pooling stages and three dense layers, ReLU between them.
//! The same code trains natively (tests, benchmarks, the shipped weights) and
//! in the reader's browser.

pub mod data;
pub mod finetune;
pub mod model;
pub mod preprocess;
pub mod shift;
pub mod train;
pub mod weights;

pub use data::Dataset;
pub use model::LeNet5;
pub use train::{TrainConfig, Trainer, evaluate};
