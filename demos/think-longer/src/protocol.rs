//! Messages between the page and the worker that plays the games.

use games::arena::{OPPONENT, Player, REFERENCE_400, REFERENCE_RULES_400, RULES_DEPTH};
use serde::{Deserialize, Serialize};

/// Games per setting on offer.
pub const GAMES: [u32; 3] = [10, 20, 50];
pub const DEFAULT_GAMES: u32 = 20;

/// Whom the searches play: a search with a fixed 1,000 playouts a move,
/// or the hand-written evaluation looking four moves ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Opponent {
    Search,
    Rules,
}

impl Opponent {
    pub const ALL: [Opponent; 2] = [Opponent::Search, Opponent::Rules];

    pub fn name(self) -> &'static str {
        match self {
            Opponent::Search => "search",
            Opponent::Rules => "rules",
        }
    }

    pub fn player(self) -> Player {
        match self {
            Opponent::Search => Player::Search(OPPONENT),
            Opponent::Rules => Player::Rules(RULES_DEPTH),
        }
    }

    /// The native 400-game scores of each setting against this opponent.
    pub fn reference(self) -> [f32; 6] {
        match self {
            Opponent::Search => REFERENCE_400,
            Opponent::Rules => REFERENCE_RULES_400,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    Start { run: u32, games: u32, opponent: Opponent },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Game `game` at setting `setting` (an index into `games::arena::PLAYOUTS`)
    /// ended with this score for the side with those playouts.
    Game {
        setting: usize,
        game: u32,
        score: f32,
    },
    Progress {
        games: u32,
        total: u32,
        playouts_per_second: f32,
        left_seconds: f32,
    },
    Done {
        seconds: f32,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_json() {
        let m = FromWorker::Game { setting: 2, game: 7, score: 0.5 };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m);
        assert!(GAMES.contains(&DEFAULT_GAMES));
        let start = ToWorker::Start { run: 1, games: 10, opponent: Opponent::Rules };
        let text = serde_json::to_string(&start).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), start);
    }
}
