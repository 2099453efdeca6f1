//! An exact solver: negamax with alpha-beta pruning and a table of
//! positions already seen, centre columns first. It proves late positions
//! of Connect Four quickly and grades what the tree search plays.

use crate::{Connect4, End, Game};
use std::collections::HashMap;

/// What perfect play makes of a position, for the player to move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Loss = -1,
    Draw = 0,
    Win = 1,
}

impl Value {
    fn from_i8(v: i8) -> Value {
        match v.signum() {
            1 => Value::Win,
            -1 => Value::Loss,
            _ => Value::Draw,
        }
    }
}

/// The search ran past its budget of positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooDeep;

/// A solver with its table (kept between calls: positions repeat).
pub struct Solver {
    table: HashMap<u64, (i8, i8)>,
    nodes: u64,
    budget: u64,
}

const ORDER: [u8; 7] = [3, 2, 4, 1, 5, 0, 6];

impl Solver {
    /// A solver that gives up after visiting `budget` positions per call.
    pub fn new(budget: u64) -> Solver {
        Solver { table: HashMap::new(), nodes: 0, budget }
    }

    /// Positions visited by the last call.
    pub fn nodes(&self) -> u64 {
        self.nodes
    }

    /// The value of `g` for the player to move.
    pub fn solve(&mut self, g: &Connect4) -> Result<Value, TooDeep> {
        self.nodes = 0;
        if let Some(End::Win) = g.end() {
            return Ok(Value::Loss);
        }
        self.negamax(g, -1, 1).map(Value::from_i8)
    }

    /// The value of each legal move, for the player making it.
    pub fn grade(&mut self, g: &Connect4) -> Result<Vec<(u8, Value)>, TooDeep> {
        let mut out = Vec::new();
        for m in g.moves() {
            let mut next = *g;
            next.play(m);
            let v = match next.end() {
                Some(End::Win) => Value::Win,
                Some(End::Draw) => Value::Draw,
                None => match self.solve(&next)? {
                    Value::Win => Value::Loss,
                    Value::Loss => Value::Win,
                    Value::Draw => Value::Draw,
                },
            };
            out.push((m, v));
        }
        Ok(out)
    }

    fn negamax(
        &mut self,
        g: &Connect4,
        mut alpha: i8,
        mut beta: i8,
    ) -> Result<i8, TooDeep> {
        self.nodes += 1;
        if self.nodes > self.budget {
            return Err(TooDeep);
        }
        let moves = g.moves();
        if moves.is_empty() {
            return Ok(0); // a full board (wins are caught before the move)
        }
        if moves.iter().any(|&m| g.wins_with(m)) {
            return Ok(1);
        }
        let key = g.key();
        if let Some(&(lo, hi)) = self.table.get(&key) {
            if lo == hi {
                return Ok(lo);
            }
            alpha = alpha.max(lo);
            beta = beta.min(hi);
            if alpha >= beta {
                return Ok(alpha);
            }
        }
        let (alpha0, beta0) = (alpha, beta);
        let mut best = -1;
        for m in ORDER.into_iter().filter(|m| moves.contains(m)) {
            let mut next = *g;
            next.play(m);
            let v = -self.negamax(&next, -beta, -alpha)?;
            best = best.max(v);
            alpha = alpha.max(v);
            if alpha >= beta {
                break;
            }
        }
        // Store what is proven: an exact value, or a bound.
        let bound = if best <= alpha0 {
            (-1, best)
        } else if best >= beta0 {
            (best, 1)
        } else {
            (best, best)
        };
        self.table.insert(key, bound);
        Ok(best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain minimax, no pruning and no table: slow but obviously right.
    fn minimax(g: &Connect4) -> i8 {
        if g.end() == Some(End::Win) {
            return -1;
        }
        let moves = g.moves();
        if moves.is_empty() {
            return 0;
        }
        moves
            .iter()
            .map(|&m| {
                let mut n = *g;
                n.play(m);
                -minimax(&n)
            })
            .max()
            .unwrap()
    }

    #[test]
    fn late_positions_agree_with_plain_minimax() {
        let mut rng = crate::rng(5);
        let mut solver = Solver::new(10_000_000);
        let mut checked = 0;
        while checked < 12 {
            // A random game, stopped with 31 stones on the board.
            let mut g = Connect4::default();
            while g.played() < 31 && g.end().is_none() {
                let moves = g.moves();
                g.play(moves[rand::RngExt::random_range(&mut rng, 0..moves.len())]);
            }
            if g.end().is_some() {
                continue;
            }
            assert_eq!(solver.solve(&g).unwrap(), Value::from_i8(minimax(&g)), "{g:?}");
            checked += 1;
        }
    }

    #[test]
    fn grades_moves_and_gives_up_when_told() {
        let mut rng = crate::rng(8);
        let mut solver = Solver::new(10_000_000);
        let mut graded = 0;
        while graded < 5 {
            let mut g = Connect4::default();
            while g.played() < 30 && g.end().is_none() {
                let moves = g.moves();
                g.play(moves[rand::RngExt::random_range(&mut rng, 0..moves.len())]);
            }
            if g.end().is_some() {
                continue;
            }
            for (m, v) in solver.grade(&g).unwrap() {
                let mut next = g;
                next.play(m);
                let expected =
                    if next.end() == Some(End::Win) { 1 } else { -minimax(&next) };
                assert_eq!(v, Value::from_i8(expected), "column {}", m + 1);
            }
            graded += 1;
        }
        assert_eq!(Solver::new(10).solve(&Connect4::default()), Err(TooDeep));
    }
}
