//! Tree search guided by the network (PUCT, as in AlphaGo Zero and
//! AlphaZero). Each simulation walks down the tree choosing the move with
//! the best value plus a bonus for moves the policy likes and the search
//! has rarely tried; at the new position the network's value replaces the
//! random playout of plain UCT. `mix` brings the playout back: the leaf is
//! judged `(1 − mix) · value + mix · playout`, AlphaGo's mixing (it used ½).

use crate::net::{COLUMNS, Net};
use games::{Connect4, End, Game, Rng};
use rand::RngExt;

struct Node {
    mv: u8,
    parent: u32,
    children: Vec<u32>,
    prior: f32,
    visits: u32,
    /// Sum of the values backed up, for the player who made `mv`.
    total: f32,
    expanded: bool,
}

/// What the search thinks of one move from the root.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoveStats {
    pub mv: u8,
    /// The network's prior for it.
    pub prior: f32,
    pub visits: u32,
    /// Mean value for the player to move, −1 to 1 (0 if never visited).
    pub value: f32,
}

/// A guided search from one position, grown a few simulations at a time.
pub struct Puct<'n> {
    root: Connect4,
    nodes: Vec<Node>,
    net: &'n Net,
    rng: Rng,
    /// How much a policy's preference is worth against a measured value.
    pub c_puct: f32,
    /// Weight of a random playout in a leaf's value (0: the network alone).
    pub mix: f32,
    /// Share of Dirichlet noise mixed into the root's priors (self-play only).
    pub noise: f32,
    /// Network evaluations so far.
    pub evaluations: u32,
}

impl<'n> Puct<'n> {
    pub fn new(root: Connect4, net: &'n Net, seed: u64) -> Puct<'n> {
        let node = Node {
            mv: u8::MAX,
            parent: u32::MAX,
            children: Vec::new(),
            prior: 1.0,
            visits: 0,
            total: 0.0,
            expanded: false,
        };
        Puct {
            root,
            nodes: vec![node],
            net,
            rng: games::rng(seed),
            c_puct: 1.5,
            mix: 0.0,
            noise: 0.0,
            evaluations: 0,
        }
    }

    /// Simulations so far.
    pub fn simulations(&self) -> u32 {
        self.nodes[0].visits
    }

    // ANCHOR: simulate
    /// `n` more simulations: select by PUCT, let the network judge the new
    /// position (and, with `mix`, a random playout), back the value up.
    pub fn run(&mut self, n: usize) {
        for _ in 0..n {
            let mut state = self.root;
            let mut at = 0;
            while self.nodes[at].expanded && state.end().is_none() {
                at = self.select(at);
                state.play(self.nodes[at].mv);
            }
            // The value of the position reached, for the player to move there.
            let value = match state.end() {
                Some(End::Win) => -1.0, // the move into it won
                Some(End::Draw) => 0.0,
                None => {
                    let judged = self.expand(at, &state);
                    if self.mix > 0.0 {
                        let playout = self.playout(state);
                        (1.0 - self.mix) * judged + self.mix * playout
                    } else {
                        judged
                    }
                }
            };
            // Each node holds values for the player who moved into it: the
            // opponent of the player to move below it.
            let mut v = -value;
            let mut node = at;
            loop {
                let nd = &mut self.nodes[node];
                nd.visits += 1;
                nd.total += v;
                if nd.parent == u32::MAX {
                    break;
                }
                node = nd.parent as usize;
                v = -v;
            }
        }
    }

    fn select(&self, at: usize) -> usize {
        let sqrt_n = (self.nodes[at].visits as f32).sqrt();
        let score = |&c: &u32| {
            let n = &self.nodes[c as usize];
            let q = if n.visits > 0 { n.total / n.visits as f32 } else { 0.0 };
            q + self.c_puct * n.prior * sqrt_n / (1.0 + n.visits as f32)
        };
        let best =
            self.nodes[at].children.iter().max_by(|a, b| score(a).total_cmp(&score(b)));
        *best.expect("an expanded position that is not over has moves") as usize
    }
    // ANCHOR_END: simulate

    /// Adds the children of `at` with the network's priors; its value.
    fn expand(&mut self, at: usize, state: &Connect4) -> f32 {
        let mut j = self.net.judge(state);
        self.evaluations += 1;
        if at == 0 && self.noise > 0.0 {
            // Dirichlet(1) noise: independent exponentials, normalised.
            let legal = state.moves();
            let e: Vec<f32> =
                legal.iter().map(|_| -(1.0 - self.rng.random::<f32>()).ln()).collect();
            let sum: f32 = e.iter().sum();
            for (&m, e) in legal.iter().zip(e) {
                let p = &mut j.prior[m as usize];
                *p = (1.0 - self.noise) * *p + self.noise * e / sum;
            }
        }
        for m in state.moves() {
            self.nodes.push(Node {
                mv: m,
                parent: at as u32,
                children: Vec::new(),
                prior: j.prior[m as usize],
                visits: 0,
                total: 0.0,
                expanded: false,
            });
            let id = self.nodes.len() as u32 - 1;
            self.nodes[at].children.push(id);
        }
        self.nodes[at].expanded = true;
        j.value
    }

    /// A random game from `state`: 1 if the player to move there wins.
    fn playout(&mut self, mut state: Connect4) -> f32 {
        let mover = state.first_to_move();
        loop {
            match state.end() {
                Some(End::Draw) => return 0.0,
                // The player who moved last won.
                Some(End::Win) => {
                    return if state.first_to_move() != mover { 1.0 } else { -1.0 };
                }
                None => {
                    let moves = state.moves();
                    state.play(moves[self.rng.random_range(0..moves.len())]);
                }
            }
        }
    }

    /// Each legal move from the root, most visited first (after at least
    /// one simulation).
    pub fn stats(&self) -> Vec<MoveStats> {
        let mut out: Vec<MoveStats> = self.nodes[0]
            .children
            .iter()
            .map(|&c| {
                let n = &self.nodes[c as usize];
                MoveStats {
                    mv: n.mv,
                    prior: n.prior,
                    visits: n.visits,
                    value: if n.visits > 0 { n.total / n.visits as f32 } else { 0.0 },
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.visits
                .cmp(&a.visits)
                .then(b.prior.total_cmp(&a.prior))
                .then(a.mv.cmp(&b.mv))
        });
        out
    }

    /// Visit shares per column (the self-play policy target).
    pub fn visit_shares(&self) -> [f32; COLUMNS] {
        let mut pi = [0.0; COLUMNS];
        let total: u32 = self.stats().iter().map(|s| s.visits).sum();
        for s in self.stats() {
            pi[s.mv as usize] = s.visits as f32 / total.max(1) as f32;
        }
        pi
    }

    /// The move the search plays: the most visited.
    pub fn best(&self) -> Option<u8> {
        self.stats().first().map(|s| s.mv)
    }
}

/// The move `sims` guided simulations choose from `state`.
pub fn choose(state: &Connect4, net: &Net, sims: u32, mix: f32, seed: u64) -> Option<u8> {
    let mut s = Puct::new(*state, net, seed);
    s.mix = mix;
    s.run(sims.max(2) as usize);
    s.best()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_add_up_and_a_win_in_one_is_found_even_by_an_untrained_network() {
        let net = Net::new(32, 1);
        let mut s = Puct::new(Connect4::default(), &net, 1);
        s.run(200);
        assert_eq!(s.simulations(), 200);
        let st = s.stats();
        assert_eq!(st.len(), 7);
        // The first simulation only expands the root.
        assert_eq!(st.iter().map(|m| m.visits).sum::<u32>(), 199);
        assert!((s.visit_shares().iter().sum::<f32>() - 1.0).abs() < 1e-5);
        let win = Connect4::from_moves("112233").unwrap();
        assert_eq!(choose(&win, &net, 400, 0.0, 1), Some(3));
        let block = Connect4::from_moves("11223").unwrap();
        assert_eq!(choose(&block, &net, 800, 0.0, 1), Some(3));
        assert_eq!(choose(&block, &net, 800, 0.5, 1), Some(3));
    }
}
