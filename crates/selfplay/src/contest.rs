//! Games that measure what intuition buys: the network-guided search
//! against plain tree search with random playouts, or against itself
//! with an untrained network, one move at a time (so a page can time each
//! side and pause between moves). Seeds follow from the game number and
//! the move, so a game is the same natively and in the page.

use crate::net::Net;
use games::{Connect4, End, Game, mcts};

/// Who plays.
#[derive(Clone, Copy)]
pub enum Player<'n> {
    /// Plain tree search (UCT) with so many random playouts a move.
    Playouts(u32),
    /// The network's search with so many simulations a move, a leaf judged
    /// by `(1 − mix) · value + mix · playout`.
    Guided { net: &'n Net, simulations: u32, mix: f32 },
}

impl Player<'_> {
    pub fn choose(&self, board: &Connect4, seed: u64) -> u8 {
        match *self {
            Player::Playouts(n) => mcts::choose(board, n as usize, seed),
            Player::Guided { net, simulations, mix } => {
                crate::puct::choose(board, net, simulations, mix, seed)
            }
        }
        .expect("a game not over has a legal move")
    }
}

/// One game between `player` and `opponent`, number `game` (even games:
/// `player` moves first).
pub struct Duel<'n> {
    pub board: Connect4,
    pub player: Player<'n>,
    pub opponent: Player<'n>,
    pub game: u64,
}

impl<'n> Duel<'n> {
    pub fn new(player: Player<'n>, opponent: Player<'n>, game: u64) -> Duel<'n> {
        Duel { board: Connect4::default(), player, opponent, game }
    }

    /// Whose move it is: `true` for `player`.
    pub fn players_turn(&self) -> bool {
        self.board.first_to_move() == self.game.is_multiple_of(2)
    }

    /// Plays one move; once the game is over, `player`'s score (1 a win,
    /// ½ a draw, 0 a loss).
    pub fn step(&mut self) -> Option<f32> {
        if self.board.end().is_none() {
            let who = if self.players_turn() { self.player } else { self.opponent };
            let seed = self.game * 1_000 + self.board.played() as u64;
            let m = who.choose(&self.board, seed);
            self.board.play(m);
        }
        match self.board.end()? {
            End::Draw => Some(0.5),
            // The side that moved last won; it is not the side to move now.
            End::Win if !self.players_turn() => Some(1.0),
            End::Win => Some(0.0),
        }
    }

    /// The whole game: `player`'s score.
    pub fn play(mut self) -> f32 {
        loop {
            if let Some(s) = self.step() {
                return s;
            }
        }
    }
}

/// A side of one of the page's contests, before the networks are given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    /// The shipped network's search.
    Trained { simulations: u32, mix: f32 },
    /// The same search with a network that has not learned anything.
    Untrained { simulations: u32 },
    /// Plain tree search.
    Playouts(u32),
}

impl Side {
    fn with<'n>(self, trained: &'n Net, untrained: &'n Net) -> Player<'n> {
        match self {
            Side::Trained { simulations, mix } => {
                Player::Guided { net: trained, simulations, mix }
            }
            Side::Untrained { simulations } => {
                Player::Guided { net: untrained, simulations, mix: 0.0 }
            }
            Side::Playouts(n) => Player::Playouts(n),
        }
    }
}

/// One row of the page's measurements: who plays whom, and the score
/// `player` made natively over 400 games
/// (`cargo run --release -p selfplay --bin intuition-table -- 400`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contest {
    pub name: &'static str,
    pub player: Side,
    pub opponent: Side,
    pub reference: f32,
}

impl Contest {
    /// The two players, the trained and the untrained network given.
    pub fn players<'n>(
        &self,
        trained: &'n Net,
        untrained: &'n Net,
    ) -> (Player<'n>, Player<'n>) {
        (self.player.with(trained, untrained), self.opponent.with(trained, untrained))
    }
}

/// What one guided simulation costs in random playouts of plain tree
/// search, measured natively (`intuition-table 0 speed`); the equal-time
/// rows give the playouts side this many times the simulations.
pub const PLAYOUTS_PER_SIMULATION: u32 = 12;

const fn trained(simulations: u32, mix: f32) -> Side {
    Side::Trained { simulations, mix }
}

/// The page's contests.
pub const CONTESTS: [Contest; 6] = [
    Contest {
        name: "network, 100 simulations vs same time of playouts",
        player: trained(100, 0.0),
        opponent: Side::Playouts(100 * PLAYOUTS_PER_SIMULATION),
        reference: 0.664,
    },
    Contest {
        name: "network, 400 simulations vs same time of playouts",
        player: trained(400, 0.0),
        opponent: Side::Playouts(400 * PLAYOUTS_PER_SIMULATION),
        reference: 0.740,
    },
    Contest {
        name: "trained vs untrained network, 200 simulations",
        player: trained(200, 0.0),
        opponent: Side::Untrained { simulations: 200 },
        reference: 1.0,
    },
    Contest {
        name: "value network alone, 200 sims vs 2,000 playouts",
        player: trained(200, 0.0),
        opponent: Side::Playouts(2_000),
        reference: 0.649,
    },
    Contest {
        name: "playouts alone (policy kept), 200 sims vs 2,000",
        player: trained(200, 1.0),
        opponent: Side::Playouts(2_000),
        reference: 0.664,
    },
    Contest {
        name: "value and playouts mixed, 200 sims vs 2,000",
        player: trained(200, 0.5),
        opponent: Side::Playouts(2_000),
        reference: 0.819,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duel_scores_the_right_side() {
        // Plenty of playouts against very few: the first side should win
        // both colours.
        let a = Duel::new(Player::Playouts(3_000), Player::Playouts(10), 0).play();
        let b = Duel::new(Player::Playouts(3_000), Player::Playouts(10), 1).play();
        assert_eq!((a, b), (1.0, 1.0));
        let c = Duel::new(Player::Playouts(10), Player::Playouts(3_000), 0).play();
        assert_eq!(c, 0.0);
    }

    #[test]
    fn the_trained_network_beats_the_untrained_one_and_the_playouts() {
        let (net, untrained) = (crate::shipped(), Net::new(128, 1));
        let score = |c: &Contest, games: u64| -> f32 {
            (0..games)
                .map(|g| {
                    let (a, b) = c.players(&net, &untrained);
                    Duel::new(a, b, g).play()
                })
                .sum::<f32>()
                / games as f32
        };
        // Trained against untrained, 200 simulations each: every game.
        assert_eq!(score(&CONTESTS[2], 10), 1.0);
        // At about equal time, against plain tree search, and the mixed
        // judge against 2,000 playouts (native 400-game figures 66% and 82%).
        assert!(score(&CONTESTS[0], 20) >= 0.6);
        assert!(score(&CONTESTS[5], 20) >= 0.7);
    }
}
