//! Board games and the search that plays them. Two games small enough to
//! understand completely, tic-tac-toe (whose whole tree can be drawn) and
//! Connect Four (4.5 trillion positions, solved in 1988), behind one
//! [`Game`] trait; Monte Carlo tree search with random playouts (UCT) that
//! knows nothing about either beyond the rules; and an exact solver that
//! grades its moves.

pub mod arena;
pub mod connect4;
pub mod mcts;
pub mod rules;
pub mod solver;
pub mod tictactoe;

pub use connect4::Connect4;
pub use mcts::{MoveStats, Search, TreeNode};
pub use tictactoe::TicTacToe;

/// How a finished game ended, from the point of view of the player who
/// made the last move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The last move won.
    Win,
    Draw,
}

/// The rules a search needs: the moves, making one, and whether it ended.
pub trait Game: Clone {
    /// Moves are small numbers: a cell for tic-tac-toe, a column for
    /// Connect Four.
    fn moves(&self) -> Vec<u8>;
    fn is_legal(&self, m: u8) -> bool;
    /// Plays `m` (legal) for the player to move.
    fn play(&mut self, m: u8);
    /// `Some` once the game is over.
    fn end(&self) -> Option<End>;
    /// Stones on the board.
    fn played(&self) -> usize;
    /// Most moves any game can have (for buffers).
    const MAX_MOVES: usize;
}

/// A seeded random number generator, the same natively and in the page.
pub type Rng = rand_pcg::Pcg64Mcg;

pub fn rng(seed: u64) -> Rng {
    rand_pcg::Pcg64Mcg::new(0xcafe_f00d_d15e_a5e5 ^ u128::from(seed))
}
