//! Games between two tree searches that differ only in how long they
//! think: how the games chapter measures what thinking buys, natively
//! (the `strength` command) and in the page (demo `think-longer`), one
//! move at a time so a page can pause between moves.

use crate::{Connect4, End, Game, mcts};

/// The playouts a move of the fixed opponent.
pub const OPPONENT: u32 = 1_000;
/// How far the hand-written player looks ahead when it is the opponent.
pub const RULES_DEPTH: u8 = 4;
/// The settings measured against it.
pub const PLAYOUTS: [u32; 6] = [100, 300, 1_000, 3_000, 10_000, 30_000];
/// The score of each setting over the first 400 games (wins plus half
/// the draws), from `cargo run --release -p games --bin strength 400`.
pub const REFERENCE_400: [f32; 6] = [0.082, 0.271, 0.470, 0.619, 0.840, 0.929];
/// The same against the hand-written player at [`RULES_DEPTH`], from
/// `cargo run --release -p games --bin strength 400 rules`.
pub const REFERENCE_RULES_400: [f32; 6] = [0.029, 0.110, 0.240, 0.440, 0.606, 0.961];

/// One game of Connect Four between two players, game number `game`
/// (even games: the first player given moves first). Seeds follow from the game number and the move, so the same
/// game is played natively and in the page.
#[derive(Clone, Debug)]
pub struct Match {
    board: Connect4,
    player: Player,
    opponent: Player,
    game: u64,
}

/// Who plays: tree search with so many playouts a move, or the
/// hand-written evaluation looking so many moves ahead ([`crate::rules`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Player {
    Search(u32),
    Rules(u8),
}

impl Player {
    fn choose(self, board: &Connect4, seed: u64) -> u8 {
        match self {
            Player::Search(n) => {
                mcts::choose(board, n as usize, seed).expect("a legal move")
            }
            Player::Rules(depth) => crate::rules::choose(board, depth).0,
        }
    }
}

impl Match {
    /// Search with `playouts` against search with `opponent`.
    pub fn new(playouts: u32, opponent: u32, game: u64) -> Match {
        Match::between(Player::Search(playouts), Player::Search(opponent), game)
    }

    /// `player` against `opponent`; the score is `player`'s.
    pub fn between(player: Player, opponent: Player, game: u64) -> Match {
        Match { board: Connect4::default(), player, opponent, game }
    }

    fn first(&self) -> bool {
        self.game.is_multiple_of(2)
    }

    /// Plays one move; once the game is over, the score of the side with
    /// the first player given (1 a win, ½ a draw, 0 a loss).
    pub fn step(&mut self) -> Option<f32> {
        if self.board.end().is_none() {
            let ours = self.board.first_to_move() == self.first();
            let who = if ours { self.player } else { self.opponent };
            let seed = self.game * 1_000 + self.board.played() as u64;
            let m = who.choose(&self.board, seed);
            self.board.play(m);
        }
        match self.board.end()? {
            End::Draw => Some(0.5),
            // The player who moved last won.
            End::Win if self.board.first_to_move() != self.first() => Some(1.0),
            End::Win => Some(0.0),
        }
    }

    /// The whole game: the score of the first player given.
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
