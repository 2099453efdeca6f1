//! How playing strength grows with thinking, in three parts. `thinking`:
//! UCT given 100 to 30,000 playouts a move plays Connect Four against UCT
//! with a fixed 1,000, colours alternating, and the score (wins plus half
//! the draws) is printed with the playouts per second. `rules`: the same
//! searches against the hand-written evaluation looking four moves ahead
//! (the bitter lesson at toy scale). `tactics`: how often the search takes
//! a win in one move and blocks a single threat, in 200 positions of each
//! kind from random games. The numbers the games chapter quotes come from
//! `cargo run --release -p games --bin strength 400 [part]`.

use games::arena::{Match, OPPONENT, PLAYOUTS, Player, RULES_DEPTH};
use games::{Connect4, Game, mcts};
use rand::RngExt;
use std::time::Instant;

/// Positions from random games where the side to move can win at once,
/// and positions where it cannot but the opponent threatens to win in
/// exactly one column (with that column).
fn tactics(count: usize) -> (Vec<Connect4>, Vec<(Connect4, u8)>) {
    let mut rng = games::rng(11);
    let (mut wins, mut blocks) = (Vec::new(), Vec::new());
    while wins.len() < count || blocks.len() < count {
        let mut g = Connect4::default();
        let stop = rng.random_range(6..30);
        while g.played() < stop && g.end().is_none() {
            let m = g.moves();
            g.play(m[rng.random_range(0..m.len())]);
        }
        if g.end().is_some() {
            continue;
        }
        if g.moves().iter().any(|&m| g.wins_with(m)) {
            if wins.len() < count {
                wins.push(g);
            }
            continue;
        }
        // Columns where the opponent wins next unless this move goes there.
        let threats: Vec<u8> = g
            .moves()
            .into_iter()
            .filter(|&c| {
                g.moves().into_iter().filter(|&o| o != c).any(|o| {
                    let mut n = g;
                    n.play(o);
                    n.is_legal(c) && n.wins_with(c)
                })
            })
            .collect();
        if threats.len() == 1 && blocks.len() < count {
            blocks.push((g, threats[0]));
        }
    }
    (wins, blocks)
}

fn main() {
    let games: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(40);
    // A second argument picks one part: `thinking`, `rules` or `tactics`.
    let only = std::env::args().nth(2);
    let want = |part: &str| only.as_deref().is_none_or(|o| o == part);
    if want("thinking") {
        thinking(games);
    }
    if want("rules") {
        rules(games);
    }
    if want("tactics") {
        tactics_counted();
    }
}

/// The mean score of `player` against `opponent` over games 0..`games`,
/// shared between two threads (the same games and result as one).
fn score(player: Player, opponent: Player, games: u64) -> f32 {
    let scores: Vec<f32> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2u64)
            .map(|half| {
                scope.spawn(move || {
                    (half..games)
                        .step_by(2)
                        .map(|i| Match::between(player, opponent, i).play())
                        .collect::<Vec<f32>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a game thread")).collect()
    });
    scores.iter().sum::<f32>() / scores.len().max(1) as f32
}

/// Search with more and more playouts against search with 1,000.
fn thinking(games: u64) {
    let t0 = Instant::now();
    let mut s = games::Search::new(Connect4::default(), 1);
    s.run(200_000);
    let rate = 200_000.0 / t0.elapsed().as_secs_f64();
    println!("playouts per second from the empty board, one thread: {rate:.0}");
    for playouts in PLAYOUTS {
        let t0 = Instant::now();
        let score = score(Player::Search(playouts), Player::Search(OPPONENT), games);
        println!(
            "{playouts:>7} playouts vs {OPPONENT}: score {:.1}% over {games} games ({:.0} s)",
            score * 100.0,
            t0.elapsed().as_secs_f64()
        );
    }
}

/// The bitter lesson at toy scale: search against the hand-written
/// evaluation looking RULES_DEPTH moves ahead, and the positions it looks at.
fn rules(games: u64) {
    for playouts in PLAYOUTS {
        let t0 = Instant::now();
        let score = score(Player::Search(playouts), Player::Rules(RULES_DEPTH), games);
        println!(
            "{playouts:>7} playouts vs rules at depth {RULES_DEPTH}: score {:.1}% over {games} games ({:.0} s)",
            score * 100.0,
            t0.elapsed().as_secs_f64()
        );
    }
    let (mut nodes, mut moves) = (0u64, 0u64);
    for i in 0..20 {
        let mut g = Connect4::default();
        while g.end().is_none() {
            let m = if g.first_to_move() == (i % 2 == 0) {
                let (m, n) = games::rules::choose(&g, RULES_DEPTH);
                nodes += n;
                moves += 1;
                m
            } else {
                mcts::choose(&g, OPPONENT as usize, i * 1_000 + g.played() as u64)
                    .expect("a move")
            };
            g.play(m);
        }
    }
    println!(
        "rules at depth {RULES_DEPTH}: {:.0} positions a move on average (20 games against {OPPONENT} playouts)",
        nodes as f64 / moves as f64
    );
}

/// One-move wins taken and single threats blocked, by playouts.
fn tactics_counted() {
    let (wins, blocks) = tactics(200);
    for n in [100, 1_000, 10_000] {
        let taken = (0u64..)
            .zip(&wins)
            .filter(|(i, g)| g.wins_with(mcts::choose(*g, n, *i).expect("a move")))
            .count();
        let blocked = (0u64..)
            .zip(&blocks)
            .filter(|(i, (g, c))| mcts::choose(g, n, *i) == Some(*c))
            .count();
        println!(
            "{n:>7} playouts: took a win in one {taken}/{}, blocked a single threat {blocked}/{}",
            wins.len(),
            blocks.len()
        );
    }
}
