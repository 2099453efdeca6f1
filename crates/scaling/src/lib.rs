//! Scaling laws at toy scale. A sweep trains character GPTs of several
//! sizes on the same text for the same number of characters; the fits say
//! how fast the held-out loss falls with size; the compute module does the
//! arithmetic of Kaplan et al. (2020) and Chinchilla (Hoffmann et al. 2022).

pub mod compute;
pub mod fit;
pub mod sweep;
