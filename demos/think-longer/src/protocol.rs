//! Messages between the page and the worker that plays the games.

use serde::{Deserialize, Serialize};

/// Games per setting on offer.
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
    }
}
