//! The perfect solver grades the tree search: in won positions where only
//! some moves keep the win, more playouts find a winning move more often.

use games::solver::{Solver, Value};
use games::{Connect4, Game, mcts};
use rand::RngExt;

/// Won positions, `stones` stones in, with no win in one and at most
/// three winning moves: the search has to see a few moves ahead.
fn puzzles(count: usize, stones: usize, seed: u64) -> Vec<Connect4> {
    let mut rng = games::rng(seed);
    let mut solver = Solver::new(20_000_000);
    let mut out = Vec::new();
    while out.len() < count {
        let mut g = Connect4::default();
        while g.played() < stones && g.end().is_none() {
            let moves = g.moves();
            g.play(moves[rng.random_range(0..moves.len())]);
        }
        if g.end().is_some() || g.moves().iter().any(|&m| g.wins_with(m)) {
            continue;
        }
        let Ok(grades) = solver.grade(&g) else { continue };
        let winning = grades.iter().filter(|(_, v)| *v == Value::Win).count();
        if (1..=3).contains(&winning) && winning < grades.len() {
            out.push(g);
        }
    }
    out
}

fn found(puzzles: &[Connect4], playouts: usize) -> usize {
    let mut solver = Solver::new(20_000_000);
    puzzles
        .iter()
        .enumerate()
        .filter(|(i, g)| {
            let m = mcts::choose(*g, playouts, *i as u64).unwrap();
            let grades = solver.grade(g).unwrap();
            grades.iter().any(|&(c, v)| c == m && v == Value::Win)
        })
        .count()
}

#[test]
fn more_playouts_find_more_winning_moves() {
    let set = puzzles(40, 20, 3);
    let few = found(&set, 100);
    let many = found(&set, 10_000);
    eprintln!("winning moves found: {few}/40 at 100 playouts, {many}/40 at 10,000");
    assert!(many > few, "{few} vs {many}");
    assert!(many >= 36, "{many}");
}
