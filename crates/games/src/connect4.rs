//! Connect Four on the standard 7 × 6 board, as two bitboards: each column
//! is 7 bits (six cells and a spare top bit), so a stone's neighbours are
//! fixed shifts away and four in a row is four shifted ANDs.

use crate::{End, Game};

pub const WIDTH: usize = 7;
pub const HEIGHT: usize = 6;
const H1: usize = HEIGHT + 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Connect4 {
    /// Stones of the player to move.
    current: u64,
    /// All stones.
    mask: u64,
    moves: u8,
}

fn bottom(col: usize) -> u64 {
    1 << (col * H1)
}

fn top(col: usize) -> u64 {
    1 << (HEIGHT - 1 + col * H1)
}

fn column(col: usize) -> u64 {
    ((1 << HEIGHT) - 1) << (col * H1)
}

/// Whether `stones` hold four in a row in any direction.
fn four(stones: u64) -> bool {
    // Horizontal, the two diagonals, vertical.
    [H1, H1 - 1, H1 + 1, 1].iter().any(|&s| {
        let m = stones & (stones >> s);
        m & (m >> (2 * s)) != 0
    })
}

impl Connect4 {
    /// A position from the columns played, 1 to 7 (the usual notation,
    /// `"4453"`); `None` if a move is illegal or comes after the end.
    pub fn from_moves(moves: &str) -> Option<Connect4> {
        let mut g = Connect4::default();
        for c in moves.chars() {
            let col = c.to_digit(10)?.checked_sub(1)? as u8;
            if !g.is_legal(col) {
                return None;
            }
            g.play(col);
        }
        Some(g)
    }

    /// Whether playing `col` wins at once for the player to move.
    pub fn wins_with(&self, col: u8) -> bool {
        let col = col as usize;
        let placed = (self.mask + bottom(col)) & column(col);
        four(self.current | placed)
    }

    /// The cell at `col`, `row` (row 0 at the bottom): `Some(true)` for the
    /// first player's stone, `Some(false)` for the second's.
    pub fn cell(&self, col: usize, row: usize) -> Option<bool> {
        let bit = 1u64 << (col * H1 + row);
        if self.mask & bit == 0 {
            return None;
        }
        let mover_first = self.moves.is_multiple_of(2);
        Some((self.current & bit != 0) == mover_first)
    }

    /// Whether the first player is to move.
    pub fn first_to_move(&self) -> bool {
        self.moves.is_multiple_of(2)
    }

    /// A key that identifies the position (for the solver's table).
    pub fn key(&self) -> u64 {
        self.current + self.mask
    }

    /// Stones of the player who moved last.
    fn last(&self) -> u64 {
        self.current ^ self.mask
    }
}

impl Game for Connect4 {
    const MAX_MOVES: usize = WIDTH * HEIGHT;

    fn moves(&self) -> Vec<u8> {
        if self.end().is_some() {
            return Vec::new();
        }
        (0..WIDTH as u8).filter(|&c| self.mask & top(c as usize) == 0).collect()
    }

    fn is_legal(&self, m: u8) -> bool {
        (m as usize) < WIDTH && self.mask & top(m as usize) == 0 && self.end().is_none()
    }

    fn play(&mut self, m: u8) {
        self.current ^= self.mask;
        self.mask |= self.mask + bottom(m as usize);
        self.moves += 1;
    }

    fn end(&self) -> Option<End> {
        if four(self.last()) {
            Some(End::Win)
        } else if self.moves as usize == WIDTH * HEIGHT {
            Some(End::Draw)
        } else {
            None
        }
    }

    fn played(&self) -> usize {
        self.moves as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_in_a_row_in_every_direction() {
        // Vertical: the first player stacks column 1.
        let g = Connect4::from_moves("1212121").unwrap();
        assert_eq!(g.end(), Some(End::Win));
        assert!(g.moves().is_empty());
        assert!(Connect4::from_moves("12121212").is_none(), "a move after the end");
        // Horizontal along the bottom.
        assert_eq!(Connect4::from_moves("1122334").unwrap().end(), Some(End::Win));
        // A rising diagonal for the first player: 1, 2, 3, 4 at heights 1–4.
        let d = Connect4::from_moves("12233434464").unwrap();
        assert_eq!(d.end(), Some(End::Win));
        // No win across the board's edge (columns 7 and 1 are not neighbours).
        let edge = Connect4::from_moves("7172737").unwrap();
        assert_eq!(edge.end(), Some(End::Win), "vertical in column 7");
        assert_eq!(Connect4::from_moves("5567761").unwrap().end(), None);
    }

    #[test]
    fn cells_columns_and_immediate_wins() {
        let g = Connect4::from_moves("444").unwrap();
        assert_eq!(g.cell(3, 0), Some(true));
        assert_eq!(g.cell(3, 1), Some(false));
        assert_eq!(g.cell(3, 2), Some(true));
        assert_eq!(g.cell(3, 3), None);
        assert!(!g.first_to_move());
        let full = Connect4::from_moves("111111").unwrap();
        assert!(!full.is_legal(0) && full.is_legal(1) && !full.is_legal(7));
        let threat = Connect4::from_moves("112233").unwrap();
        assert!(threat.wins_with(3) && !threat.wins_with(4));
        assert_eq!(Connect4::from_moves("8"), None);
        assert_eq!(Connect4::from_moves("0"), None);
    }
}
