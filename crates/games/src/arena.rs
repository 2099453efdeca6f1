//! Games between two tree searches that differ only in how long they
//! think: how the games chapter measures what thinking buys, natively
//! (the `strength` command) and in the page (demo `think-longer`), one
//! move at a time so a page can pause between moves.

use crate::{Connect4, End, Game, mcts};

/// The playouts a move of the fixed opponent.
pub const OPPONENT: u32 = 1_000;
/// The settings measured against it.
pub const PLAYOUTS: [u32; 6] = [100, 300, 1_000, 3_000, 10_000, 30_000];
/// The score of each setting over the first 400 games (wins plus half
/// the draws), from `cargo run --release -p games --bin strength 400`.
pub const REFERENCE_400: [f32; 6] = [0.082, 0.271, 0.470, 0.619, 0.840, 0.929];

/// One game of Connect Four: a search with `playouts` a move against one
/// with `opponent`, game number `game` (even games: `playouts` moves
/// first). Seeds follow from the game number and the move, so the same
/// game is played natively and in the page.
#[derive(Clone, Debug)]
pub struct Match {
    board: Connect4,
    playouts: u32,
    opponent: u32,
    game: u64,
}

impl Match {
    pub fn new(playouts: u32, opponent: u32, game: u64) -> Match {
        Match { board: Connect4::default(), playouts, opponent, game }
    }

    fn first(&self) -> bool {
        self.game.is_multiple_of(2)
    }

    /// Plays one move; once the game is over, the score of the side with
    /// `playouts` (1 a win, ½ a draw, 0 a loss).
    pub fn step(&mut self) -> Option<f32> {
        if self.board.end().is_none() {
            let ours = self.board.first_to_move() == self.first();
            let n = if ours { self.playouts } else { self.opponent };
            let seed = self.game * 1_000 + self.board.played() as u64;
            let m = mcts::choose(&self.board, n as usize, seed).expect("a legal move");
            self.board.play(m);
        }
        match self.board.end()? {
            End::Draw => Some(0.5),
            // The player who moved last won.
            End::Win if self.board.first_to_move() != self.first() => Some(1.0),
            End::Win => Some(0.0),
        }
    }

    /// The whole game: the score of the side with `playouts`.
    pub fn play(mut self) -> f32 {
        loop {
            if let Some(score) = self.step() {
                return score;
            }
        }
    }
}

/// Mean score and its standard error over `scores`.
pub fn mean_and_error(scores: &[f32]) -> (f32, f32) {
    let n = scores.len().max(1) as f32;
    let mean = scores.iter().sum::<f32>() / n;
    let var = scores.iter().map(|s| (s - mean).powi(2)).sum::<f32>() / (n - 1.0).max(1.0);
    (mean, (var / n).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_game_ends_and_scores_the_side_it_was_asked_about() {
        for game in 0..4 {
            let score = Match::new(2_000, 100, game).play();
            assert!([0.0, 0.5, 1.0].contains(&score));
        }
        // Thinking longer wins: 2,000 playouts against 100 over 20 games.
        let scores: Vec<f32> =
            (0..20).map(|g| Match::new(2_000, 100, g).play()).collect();
        let (mean, error) = mean_and_error(&scores);
        assert!(mean >= 0.85, "{mean} ± {error}");
    }

    #[test]
    fn standard_error_of_a_known_sample() {
        let (m, e) = mean_and_error(&[0.0, 1.0, 0.0, 1.0]);
        assert_eq!(m, 0.5);
        // Sample variance 1/3, over 4 games.
        assert!((e - (1.0f32 / 12.0).sqrt()).abs() < 1e-6, "{e}");
    }
}
