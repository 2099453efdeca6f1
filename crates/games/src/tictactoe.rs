//! Tic-tac-toe on a 3 × 3 board: cells 0–8, row by row.

use crate::{End, Game};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct TicTacToe {
    /// Bit `i` set: the player to move / the other has a stone on cell `i`.
    pub mine: u16,
    pub theirs: u16,
}

const LINES: [u16; 8] = [
    0b000_000_111,
    0b000_111_000,
    0b111_000_000,
    0b001_001_001,
    0b010_010_010,
    0b100_100_100,
    0b100_010_001,
    0b001_010_100,
];

impl TicTacToe {
    /// The board from a string of nine cells: `x`, `o` or `.` (x moves first).
    pub fn parse(cells: &str) -> Option<TicTacToe> {
        let (mut x, mut o) = (0u16, 0u16);
        let chars: Vec<char> = cells.chars().filter(|c| !c.is_whitespace()).collect();
        if chars.len() != 9 {
            return None;
        }
        for (i, c) in chars.iter().enumerate() {
            match c {
                'x' | 'X' => x |= 1 << i,
                'o' | 'O' => o |= 1 << i,
                '.' => {}
                _ => return None,
            }
        }
        let (nx, no) = (x.count_ones(), o.count_ones());
        match nx.checked_sub(no) {
            Some(0) => Some(TicTacToe { mine: x, theirs: o }),
            Some(1) => Some(TicTacToe { mine: o, theirs: x }),
            _ => None,
        }
    }

    /// Whether x is to move.
    pub fn x_to_move(&self) -> bool {
        self.played().is_multiple_of(2)
    }

    /// Cell `i`: `Some(true)` for x, `Some(false)` for o.
    pub fn cell(&self, i: usize) -> Option<bool> {
        let x_to_move = self.x_to_move();
        if self.mine >> i & 1 == 1 {
            Some(x_to_move)
        } else if self.theirs >> i & 1 == 1 {
            Some(!x_to_move)
        } else {
            None
        }
    }
}

impl Game for TicTacToe {
    const MAX_MOVES: usize = 9;

    fn moves(&self) -> Vec<u8> {
        if self.end().is_some() {
            return Vec::new();
        }
        let full = self.mine | self.theirs;
        (0..9).filter(|i| full >> i & 1 == 0).collect()
    }

    fn is_legal(&self, m: u8) -> bool {
        m < 9 && (self.mine | self.theirs) >> m & 1 == 0 && self.end().is_none()
    }

    fn play(&mut self, m: u8) {
        let mine = self.mine | 1 << m;
        (self.mine, self.theirs) = (self.theirs, mine);
    }

    fn end(&self) -> Option<End> {
        // The player who just moved owns `theirs`.
        if LINES.iter().any(|line| line & !self.theirs == 0) {
            Some(End::Win)
        } else if (self.mine | self.theirs) == 0x1ff {
            Some(End::Draw)
        } else {
            None
        }
    }

    fn played(&self) -> usize {
        (self.mine | self.theirs).count_ones() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_win_and_a_full_board_draws() {
        let mut g = TicTacToe::default();
        for m in [0, 3, 1, 4] {
            g.play(m);
            assert_eq!(g.end(), None);
        }
        g.play(2);
        assert_eq!(g.end(), Some(End::Win));
        assert!(g.moves().is_empty());
        let draw = TicTacToe::parse("xox xoo oxx").unwrap();
        assert_eq!(draw.end(), Some(End::Draw));
        assert_eq!(TicTacToe::parse("xx. ... ..."), None, "x moved twice");
        let p = TicTacToe::parse("x.. .o. ..x").unwrap();
        assert!(!p.x_to_move());
        assert_eq!((p.cell(0), p.cell(4), p.cell(1)), (Some(true), Some(false), None));
        assert!(!p.is_legal(4) && p.is_legal(1) && !p.is_legal(9));
    }
}
