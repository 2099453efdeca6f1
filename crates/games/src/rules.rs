//! A player in Deep Blue's manner at toy scale: look a fixed number of
//! moves ahead with alpha–beta and score the positions there with an
//! evaluation written by hand. Its strength is what its author knew about
//! Connect Four; more time does not make it better unless the depth grows.

use crate::{Connect4, Game};

/// A win, minus the moves it takes (sooner is better).
const WIN: i32 = 1_000_000;
/// Centre columns first: alpha–beta prunes more when good moves come early.
const ORDER: [u8; 7] = [3, 2, 4, 1, 5, 0, 6];

// ANCHOR: evaluate
/// The hand-written knowledge, for the player to move: every line of four
/// cells that holds stones of only one player is worth 1, 4 or 16 to that
/// player for one, two or three stones, and each stone in the centre
/// column is worth 3 (it belongs to the most lines).
pub fn evaluate(g: &Connect4) -> i32 {
    let mover = g.first_to_move();
    let mut score = 0;
    for line in lines() {
        let (mut mine, mut theirs) = (0, 0);
        for (c, r) in line {
            match g.cell(c, r) {
                Some(p) if p == mover => mine += 1,
                Some(_) => theirs += 1,
                None => {}
            }
        }
        let worth = [0, 1, 4, 16, 0];
        match (mine, theirs) {
            (m, 0) => score += worth[m],
            (0, t) => score -= worth[t],
            _ => {}
        }
    }
    for r in 0..crate::connect4::HEIGHT {
        match g.cell(3, r) {
            Some(p) if p == mover => score += 3,
            Some(_) => score -= 3,
            None => {}
        }
    }
    score
}
// ANCHOR_END: evaluate

/// The 69 lines of four cells on the board, as (column, row).
fn lines() -> impl Iterator<Item = [(usize, usize); 4]> {
    let (w, h) = (crate::connect4::WIDTH as i32, crate::connect4::HEIGHT as i32);
    let dirs = [(1, 0), (0, 1), (1, 1), (1, -1)];
    (0..w).flat_map(move |c| {
        (0..h).flat_map(move |r| {
            dirs.into_iter().filter_map(move |(dc, dr)| {
                let (ec, er) = (c + 3 * dc, r + 3 * dr);
                ((0..w).contains(&ec) && (0..h).contains(&er)).then(|| {
                    [0, 1, 2, 3].map(|k| ((c + k * dc) as usize, (r + k * dr) as usize))
                })
            })
        })
    })
}

/// Searches `depth` moves ahead: the move it plays and the positions it
/// looked at (its compute, comparable with playouts).
pub fn choose(g: &Connect4, depth: u8) -> (u8, u64) {
    let mut nodes = 0;
    let mut best = (i32::MIN, u8::MAX);
    let (mut alpha, beta) = (-WIN - 1, WIN + 1);
    for m in ORDER.into_iter().filter(|&m| g.is_legal(m)) {
        if g.wins_with(m) {
            return (m, nodes + 1);
        }
        let mut next = *g;
        next.play(m);
        let v = -negamax(&next, depth.saturating_sub(1), -beta, -alpha, &mut nodes);
        if v > best.0 {
            best = (v, m);
        }
        alpha = alpha.max(v);
    }
    (best.1, nodes)
}

fn negamax(g: &Connect4, depth: u8, mut alpha: i32, beta: i32, nodes: &mut u64) -> i32 {
    *nodes += 1;
    let moves = g.moves();
    if moves.is_empty() {
        return 0; // full board (a win ends the search one level up)
    }
    if moves.iter().any(|&m| g.wins_with(m)) {
        return WIN - g.played() as i32;
    }
    if depth == 0 {
        return evaluate(g);
    }
    let mut best = -WIN - 1;
    for m in ORDER.into_iter().filter(|m| moves.contains(m)) {
        let mut next = *g;
        next.play(m);
        let v = -negamax(&next, depth - 1, -beta, -alpha, nodes);
        best = best.max(v);
        alpha = alpha.max(v);
        if alpha >= beta {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_nine_lines_and_a_symmetric_evaluation() {
        assert_eq!(lines().count(), 69);
        assert_eq!(evaluate(&Connect4::default()), 0);
        // After one stone in the centre, the player to move (the other) is behind.
        let g = Connect4::from_moves("4").unwrap();
        assert!(evaluate(&g) < 0);
        // Mirror positions score the same.
        let (a, b) = (
            Connect4::from_moves("3352").unwrap(),
            Connect4::from_moves("5536").unwrap(),
        );
        assert_eq!(evaluate(&a), evaluate(&b));
    }

    #[test]
    fn it_wins_blocks_and_sees_a_double_threat() {
        assert_eq!(choose(&Connect4::from_moves("112233").unwrap(), 1).0, 3);
        assert_eq!(choose(&Connect4::from_moves("11223").unwrap(), 2).0, 3);
        // Two in the middle of an empty bottom row, with the ends open: at
        // depth 3 the first player sees that a third stone makes two threats.
        let g = Connect4::from_moves("4433").unwrap();
        let (m, nodes) = choose(&g, 3);
        assert!(m == 1 || m == 4, "column {}", m + 1);
        assert!(nodes > 10);
    }
}
