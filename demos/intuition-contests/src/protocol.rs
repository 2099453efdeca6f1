//! Messages between the page and the worker that plays the games.

use serde::{Deserialize, Serialize};

/// Games per contest on offer.
pub const GAMES: [u32; 3] = [10, 20, 50];
pub const DEFAULT_GAMES: u32 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ToWorker {
    Start { run: u32, games: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FromWorker {
    /// Game `game` of contest `contest` (an index into
    /// `selfplay::contest::CONTESTS`) ended with this score for its first
    /// side, after each side thought so many milliseconds.
    Game {
        contest: usize,
        game: u32,
        score: f32,
        player_ms: f32,
        opponent_ms: f32,
    },
    Progress {
        games: u32,
        total: u32,
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
        let m = FromWorker::Game {
            contest: 2,
            game: 7,
            score: 0.5,
            player_ms: 3.0,
            opponent_ms: 4.0,
        };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), m);
        assert!(GAMES.contains(&DEFAULT_GAMES));
    }
}
