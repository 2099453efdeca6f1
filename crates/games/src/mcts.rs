//! Monte Carlo tree search with random playouts (UCT, Kocsis & Szepesvári
//! 2006). Each playout walks down the tree by the UCB1 rule, adds one new
//! position, finishes the game with random moves and sends the result back
//! up. Nothing about the game is known except its rules.

use crate::{End, Game, Rng};
use rand::RngExt;

/// One position in the tree: the move that led to it and what the
/// playouts through it found, counted for the player who made that move.
#[derive(Clone, Debug)]
struct Node {
    mv: u8,
    parent: u32,
    children: Vec<u32>,
    untried: Vec<u8>,
    visits: u32,
    /// Wins plus half the draws, for the player who made `mv`.
    score: f32,
    /// Stones on the board after `mv`.
    ply: u16,
}

/// What the search thinks of one move from the root.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoveStats {
    pub mv: u8,
    pub visits: u32,
    /// Share of playouts through it won (draws count half), for the player to move.
    pub value: f32,
}

/// One node of [`Search::tree`]: `parent` indexes the same list
/// (`u32::MAX` for the root).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TreeNode {
    pub parent: u32,
    pub mv: u8,
    pub depth: u16,
    pub visits: u32,
    pub value: f32,
}

/// A search from one position, grown a few playouts at a time (so a page
/// can run it in slices and show it growing).
pub struct Search<G: Game> {
    root: G,
    nodes: Vec<Node>,
    rng: Rng,
    /// The exploration constant of UCB1.
    pub exploration: f32,
}

impl<G: Game> Search<G> {
    pub fn new(root: G, seed: u64) -> Search<G> {
        let node = Node {
            mv: u8::MAX,
            parent: u32::MAX,
            children: Vec::new(),
            untried: root.moves(),
            visits: 0,
            score: 0.0,
            ply: root.played() as u16,
        };
        Search {
            root,
            nodes: vec![node],
            rng: crate::rng(seed),
            exploration: 2f32.sqrt(),
        }
    }

    /// Playouts so far.
    pub fn playouts(&self) -> u32 {
        self.nodes[0].visits
    }

    /// Positions in the tree.
    pub fn size(&self) -> usize {
        self.nodes.len()
    }

    // ANCHOR: playout
    /// `n` more playouts: select by UCB1, expand one move, play randomly to
    /// the end, back the result up.
    pub fn run(&mut self, n: usize) {
        for _ in 0..n {
            let mut state = self.root.clone();
            let mut at = 0usize;
            // Selection: while every move here has been tried, take the child
            // with the best upper confidence bound.
            while self.nodes[at].untried.is_empty() && !self.nodes[at].children.is_empty()
            {
                at = self.best_child(at);
                state.play(self.nodes[at].mv);
            }
            // Expansion: one untried move becomes a new node.
            if !self.nodes[at].untried.is_empty() {
                let untried = &mut self.nodes[at].untried;
                let mv = untried.swap_remove(self.rng.random_range(0..untried.len()));
                state.play(mv);
                let child = Node {
                    mv,
                    parent: at as u32,
                    children: Vec::new(),
                    untried: state.moves(),
                    visits: 0,
                    score: 0.0,
                    ply: state.played() as u16,
                };
                self.nodes.push(child);
                let id = self.nodes.len() - 1;
                self.nodes[at].children.push(id as u32);
                at = id;
            }
            // Simulation: random moves to the end.
            let (end, last_ply) = self.rollout(state);
            // Backpropagation: a win counts for the player who made the last
            // move, and for every node whose move that player made.
            let mut node = at;
            loop {
                let n = &mut self.nodes[node];
                n.visits += 1;
                n.score += match end {
                    End::Draw => 0.5,
                    End::Win if (last_ply - n.ply as usize).is_multiple_of(2) => 1.0,
                    End::Win => 0.0,
                };
                if n.parent == u32::MAX {
                    break;
                }
                node = n.parent as usize;
            }
        }
    }

    fn best_child(&self, at: usize) -> usize {
        let log_n = (self.nodes[at].visits.max(1) as f32).ln();
        let ucb = |&c: &u32| {
            let n = &self.nodes[c as usize];
            let v = n.visits.max(1) as f32;
            n.score / v + self.exploration * (log_n / v).sqrt()
        };
        let best = self.nodes[at]
            .children
            .iter()
            .max_by(|a, b| ucb(a).total_cmp(&ucb(b)))
            .expect("a node with children");
        *best as usize
    }
    // ANCHOR_END: playout

    /// Random moves until the game ends: how it ended and the stones on
    /// the board then.
    fn rollout(&mut self, mut state: G) -> (End, usize) {
        loop {
            if let Some(end) = state.end() {
                return (end, state.played());
            }
            let moves = state.moves();
            state.play(moves[self.rng.random_range(0..moves.len())]);
        }
    }

    /// Each move from the root that has been tried, most visited first.
    pub fn stats(&self) -> Vec<MoveStats> {
        let mut out: Vec<MoveStats> = self.nodes[0]
            .children
            .iter()
            .map(|&c| {
                let n = &self.nodes[c as usize];
                MoveStats {
                    mv: n.mv,
                    visits: n.visits,
                    value: n.score / n.visits.max(1) as f32,
                }
            })
            .collect();
        out.sort_by(|a, b| b.visits.cmp(&a.visits).then(a.mv.cmp(&b.mv)));
        out
    }

    /// The tree as it stands, for drawing: every node from the root down
    /// (parents before children), with the move that led to it, its depth
    /// below the root, its playouts and its win rate for the player who
    /// made that move.
    pub fn tree(&self) -> Vec<TreeNode> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![(0u32, u32::MAX, 0u16)];
        while let Some((id, parent, depth)) = stack.pop() {
            let n = &self.nodes[id as usize];
            let index = out.len() as u32;
            out.push(TreeNode {
                parent,
                mv: n.mv,
                depth,
                visits: n.visits,
                value: n.score / n.visits.max(1) as f32,
            });
            // Children in move order, so a drawing keeps them in place.
            let mut children = n.children.clone();
            children.sort_by_key(|&c| std::cmp::Reverse(self.nodes[c as usize].mv));
            stack.extend(children.into_iter().map(|c| (c, index, depth + 1)));
        }
        out
    }

    /// The move the search would play: the most visited.
    pub fn best(&self) -> Option<u8> {
        self.stats().first().map(|s| s.mv)
    }
}

/// The move `playouts` playouts of UCT choose from `state`.
pub fn choose<G: Game>(state: &G, playouts: usize, seed: u64) -> Option<u8> {
    let mut s = Search::new(state.clone(), seed);
    s.run(playouts.max(1));
    s.best()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Connect4, TicTacToe};

    #[test]
    fn it_takes_a_win_and_blocks_a_loss() {
        // Three in a row on the bottom for the first player, who is to move.
        let win = Connect4::from_moves("112233").unwrap();
        assert_eq!(choose(&win, 2_000, 1), Some(3));
        // The second player must block column 4.
        let block = Connect4::from_moves("11223").unwrap();
        assert_eq!(choose(&block, 4_000, 1), Some(3));
    }

    #[test]
    fn on_an_empty_tic_tac_toe_board_it_expects_a_draw_and_never_loses() {
        let mut s = Search::new(TicTacToe::default(), 3);
        s.run(20_000);
        let best = s.stats()[0];
        assert!((0.4..0.75).contains(&best.value), "{best:?}");
        assert_eq!(s.playouts(), 20_000);
        // Against random play, as either side, over 40 games: no losses.
        let mut rng = crate::rng(9);
        for game in 0..40 {
            let mut g = TicTacToe::default();
            let uct_first = game % 2 == 0;
            while g.end().is_none() {
                let uct_turn = g.x_to_move() == uct_first;
                let m = if uct_turn {
                    choose(&g, 3_000, game).unwrap()
                } else {
                    let moves = g.moves();
                    moves[rng.random_range(0..moves.len())]
                };
                g.play(m);
            }
            let uct_moved_last = g.x_to_move() != uct_first;
            assert!(g.end() != Some(End::Win) || uct_moved_last, "lost game {game}");
        }
    }

    #[test]
    fn the_tree_lists_every_node_under_its_parent() {
        let mut s = Search::new(TicTacToe::default(), 2);
        s.run(9);
        let t = s.tree();
        assert_eq!(t.len(), 10, "nine playouts expand the nine first moves");
        assert!(t[1..].iter().all(|n| n.depth == 1 && n.visits == 1 && n.parent == 0));
        assert_eq!(
            t[1..].iter().map(|n| n.mv).collect::<Vec<_>>(),
            (0..9).collect::<Vec<_>>()
        );
        s.run(500);
        let t = s.tree();
        assert_eq!(t.len(), s.size());
        assert_eq!(t[0].visits, 509);
        for (i, n) in t.iter().enumerate().skip(1) {
            assert!((n.parent as usize) < i, "parents come first");
            assert_eq!(t[n.parent as usize].depth + 1, n.depth);
        }
        // A node's visits are its own playout plus its children's.
        for (i, n) in t.iter().enumerate().skip(1) {
            let below: u32 =
                t.iter().filter(|c| c.parent as usize == i).map(|c| c.visits).sum();
            assert!(n.visits == below + 1 || n.visits == below, "{n:?}");
        }
    }

    #[test]
    fn stats_count_every_playout() {
        let mut s = Search::new(Connect4::default(), 1);
        s.run(700);
        let st = s.stats();
        assert_eq!(st.len(), 7);
        assert_eq!(
            st.iter().map(|m| m.visits).sum::<u32>(),
            700,
            "each playout goes through a move"
        );
        assert!(st.windows(2).all(|w| w[0].visits >= w[1].visits));
    }
}
