//! AlphaZero at toy scale, for the games chapter's page on intuition: a
//! small network that looks at a Connect Four position and says which
//! columns are worth trying (the policy) and who is ahead (the value);
//! the tree search it guides (PUCT), which can also mix random playouts
//! into its judgement as AlphaGo did; the self-play loop that teaches the
//! network from nothing but the rules; and the matches that measure what
//! the network buys against plain playouts.

pub mod contest;
pub mod net;
pub mod puct;
pub mod train;

pub use net::Net;
pub use puct::Puct;

/// The shipped network, trained by
/// `cargo run --release -p selfplay --bin train-selfplay -- --out assets/weights/connect4-net.safetensors`.
pub const SHIPPED: &[u8] =
    include_bytes!("../../../assets/weights/connect4-net.safetensors");

/// The shipped network, read.
pub fn shipped() -> Net {
    net::load(SHIPPED).expect("the shipped network is a valid weights file")
}
