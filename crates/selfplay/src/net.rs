//! The network that gives the search its intuition: the board in, two
//! answers out. The policy head says how promising each of the seven
//! columns looks; the value head says, between −1 and 1, how the game
//! will end for the player to move. AlphaGo's networks were deep
//! convolutional ones over a 19 × 19 board; this one is two hidden layers
//! of 128 over the 42 cells, enough for Connect Four at toy scale.

use games::connect4::{HEIGHT, WIDTH};
use games::{Connect4, Game};
use nn::{Dense, Layer, Param};

/// Two planes of 42 cells: the stones of the player to move, then the
/// opponent's (so the network always sees the board from the mover's side).
pub const INPUTS: usize = 2 * WIDTH * HEIGHT;
/// One policy output per column.
pub const COLUMNS: usize = WIDTH;

/// The two answers for one position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// Probability of each column, zero for full ones, summing to 1.
    pub prior: [f32; COLUMNS],
    /// Expected result for the player to move: 1 a win, 0 a draw, −1 a loss.
    pub value: f32,
}

/// A policy/value network: 84 inputs, two ReLU layers, two heads.
pub struct Net {
    pub hidden: usize,
    l1: Dense,
    l2: Dense,
    policy: Dense,
    value: Dense,
    /// What `backward` needs from the last `forward`.
    h1: Vec<f32>,
    h2: Vec<f32>,
    v: Vec<f32>,
}

/// One training example: a position, the search's visit shares there (the
/// policy target) and how the game ended for the player to move then.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub input: [f32; INPUTS],
    pub policy: [f32; COLUMNS],
    pub outcome: f32,
}

impl Sample {
    /// The same example seen in a mirror (Connect Four is symmetric left
    /// to right): twice the data for nothing.
    pub fn mirrored(&self) -> Sample {
        let mut m = *self;
        for plane in 0..2 {
            for col in 0..WIDTH {
                for row in 0..HEIGHT {
                    m.input[plane * 42 + col * HEIGHT + row] =
                        self.input[plane * 42 + (WIDTH - 1 - col) * HEIGHT + row];
                }
            }
        }
        for col in 0..WIDTH {
            m.policy[col] = self.policy[WIDTH - 1 - col];
        }
        m
    }
}

/// The board as the network reads it.
pub fn encode(g: &Connect4) -> [f32; INPUTS] {
    let mover = g.first_to_move();
    let mut x = [0.0; INPUTS];
    for col in 0..WIDTH {
        for row in 0..HEIGHT {
            match g.cell(col, row) {
                Some(p) if p == mover => x[col * HEIGHT + row] = 1.0,
                Some(_) => x[42 + col * HEIGHT + row] = 1.0,
                None => {}
            }
        }
    }
    x
}

fn relu(v: &mut [f32]) {
    for x in v {
        *x = if *x > 0.0 { *x } else { 0.0 };
    }
}

impl Net {
    /// A network that knows nothing yet (seeded He-uniform weights).
    pub fn new(hidden: usize, seed: u64) -> Net {
        let mut rng = nn::rng(seed);
        Net {
            hidden,
            l1: Dense::new(INPUTS, hidden, &mut rng),
            l2: Dense::new(hidden, hidden, &mut rng),
            policy: Dense::new(hidden, COLUMNS, &mut rng),
            value: Dense::new(hidden, 1, &mut rng),
            h1: Vec::new(),
            h2: Vec::new(),
            v: Vec::new(),
        }
    }

    /// Parameters, counted.
    pub fn parameters(&self) -> usize {
        self.params_ref().iter().map(|p| p.value.len()).sum()
    }

    fn params_ref(&self) -> Vec<&Param> {
        [&self.l1, &self.l2, &self.policy, &self.value]
            .into_iter()
            .flat_map(|l| l.params_ref())
            .collect()
    }

    fn params(&mut self) -> Vec<&mut Param> {
        let mut out = self.l1.params();
        out.extend(self.l2.params());
        out.extend(self.policy.params());
        out.extend(self.value.params());
        out
    }

    // ANCHOR: judge
    /// What the network makes of `g` (not over), its illegal columns masked.
    pub fn judge(&self, g: &Connect4) -> Judgement {
        let x = encode(g);
        let mut h1 = self.l1.apply(&x, 1);
        relu(&mut h1);
        let mut h2 = self.l2.apply(&h1, 1);
        relu(&mut h2);
        let logits = self.policy.apply(&h2, 1);
        let value = nn::math::tanh(self.value.apply(&h2, 1)[0]);
        // Softmax over the columns that are not full.
        let legal: Vec<bool> = (0..COLUMNS as u8).map(|c| g.is_legal(c)).collect();
        let max = (0..COLUMNS)
            .filter(|&c| legal[c])
            .map(|c| logits[c])
            .fold(f32::NEG_INFINITY, f32::max);
        let mut prior = [0.0; COLUMNS];
        for c in (0..COLUMNS).filter(|&c| legal[c]) {
            prior[c] = nn::math::exp(logits[c] - max);
        }
        let sum: f32 = prior.iter().sum();
        if sum > 0.0 {
            prior.iter_mut().for_each(|p| *p /= sum);
        }
        for b in [h1, h2, logits] {
            nn::buffers::give(b);
        }
        Judgement { prior, value }
    }
    // ANCHOR_END: judge

    /// Policy logits (`n × 7`) and values (`n`) for a batch, remembering
    /// what [`Net::backward`] needs.
    fn forward(&mut self, x: &[f32], n: usize) -> (Vec<f32>, Vec<f32>) {
        let mut h1 = self.l1.forward(x, n);
        relu(&mut h1);
        let mut h2 = self.l2.forward(&h1, n);
        relu(&mut h2);
        let logits = self.policy.forward(&h2, n);
        let v: Vec<f32> =
            self.value.forward(&h2, n).iter().map(|&z| nn::math::tanh(z)).collect();
        self.h1 = h1;
        self.h2 = h2;
        self.v = v.clone();
        (logits, v)
    }

    fn backward(&mut self, d_logits: &[f32], d_value: &[f32], n: usize) {
        // Through tanh: d/dz tanh(z) = 1 − tanh².
        let dz: Vec<f32> =
            d_value.iter().zip(&self.v).map(|(d, v)| d * (1.0 - v * v)).collect();
        let mut dh2 = self.policy.backward(d_logits, n);
        for (a, b) in dh2.iter_mut().zip(self.value.backward(&dz, n)) {
            *a += b;
        }
        for (d, &h) in dh2.iter_mut().zip(&self.h2) {
            if h <= 0.0 {
                *d = 0.0;
            }
        }
        let mut dh1 = self.l2.backward(&dh2, n);
        for (d, &h) in dh1.iter_mut().zip(&self.h1) {
            if h <= 0.0 {
                *d = 0.0;
            }
        }
        self.l1.backward(&dh1, n);
    }

    // ANCHOR: loss
    /// AlphaZero's loss on a batch: cross-entropy between the network's
    /// policy and the search's visit shares, plus the squared error of
    /// the value against the game's result. Returns the two parts and
    /// leaves their gradients in the parameters.
    pub fn loss_and_gradients(&mut self, batch: &[Sample]) -> (f32, f32) {
        let n = batch.len();
        let x: Vec<f32> = batch.iter().flat_map(|s| s.input).collect();
        let targets: Vec<f32> = batch.iter().flat_map(|s| s.policy).collect();
        let (logits, v) = self.forward(&x, n);
        let (policy_loss, d_logits) =
            nn::soft_cross_entropy(&logits, &targets, COLUMNS, 1.0);
        let mut value_loss = 0.0;
        let d_value: Vec<f32> = v
            .iter()
            .zip(batch)
            .map(|(v, s)| {
                value_loss += (v - s.outcome).powi(2) / n as f32;
                2.0 * (v - s.outcome) / n as f32
            })
            .collect();
        self.backward(&d_logits, &d_value, n);
        (policy_loss, value_loss)
    }
    // ANCHOR_END: loss

    /// One optimizer step on `batch`.
    pub fn learn(&mut self, batch: &[Sample], opt: &mut nn::Optimizer) -> (f32, f32) {
        let losses = self.loss_and_gradients(batch);
        opt.step(self.params());
        losses
    }
}

const FORMAT: &str = "connect4-net-v1";

/// The network as a weights file (half precision).
pub fn save(net: &Net) -> Vec<u8> {
    let names =
        ["l1.w", "l1.b", "l2.w", "l2.b", "policy.w", "policy.b", "value.w", "value.b"];
    let params = net.params_ref();
    let named: Vec<(&str, &[f32])> =
        names.iter().zip(&params).map(|(n, p)| (*n, &p.value[..])).collect();
    weights_file::save(&format!("{FORMAT};hidden={}", net.hidden), &named, &[])
}

/// Reads a network written by [`save`]; a truncated or foreign file is
/// refused with a message.
pub fn load(bytes: &[u8]) -> Result<Net, String> {
    let file = weights_file::Reader::new(bytes)?;
    let hidden = file
        .format
        .strip_prefix(&format!("{FORMAT};hidden="))
        .and_then(|h| h.parse::<usize>().ok())
        .filter(|&h| (1..=4096).contains(&h))
        .ok_or_else(|| {
            format!("not a Connect Four network (format {:?})", file.format)
        })?;
    let mut net = Net::new(hidden, 0);
    let names =
        ["l1.w", "l1.b", "l2.w", "l2.b", "policy.w", "policy.b", "value.w", "value.b"];
    for (name, p) in names.iter().zip(net.params()) {
        file.f16_into(name, &mut p.value)?;
    }
    Ok(net)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Vec<Sample> {
        // Not the empty board: all-zero inputs sit exactly on the ReLUs' kinks.
        let positions = ["4", "4453", "112233", "3344556", "12"];
        positions
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let g = Connect4::from_moves(m).unwrap();
                let mut policy = [0.0; COLUMNS];
                policy[i % 7] = 0.75;
                policy[(i + 3) % 7] = 0.25;
                Sample { input: encode(&g), policy, outcome: [1.0, -1.0, 0.0][i % 3] }
            })
            .collect()
    }

    #[test]
    fn gradients_match_finite_differences() {
        let mut net = Net::new(12, 3);
        let b = batch();
        net.loss_and_gradients(&b);
        let grads: Vec<Vec<f32>> = net.params().iter().map(|p| p.grad.clone()).collect();
        let total = |net: &mut Net| {
            let (p, v) = net.loss_and_gradients(&b);
            net.params()
                .iter_mut()
                .for_each(|p| p.grad.iter_mut().for_each(|g| *g = 0.0));
            p + v
        };
        let mut worst: f32 = 0.0;
        for (k, g) in grads.iter().enumerate() {
            for i in (0..g.len()).step_by(g.len().div_ceil(7)) {
                let eps = 1e-2;
                net.params()[k].value[i] += eps;
                let up = total(&mut net);
                net.params()[k].value[i] -= 2.0 * eps;
                let down = total(&mut net);
                net.params()[k].value[i] += eps;
                let numeric = (up - down) / (2.0 * eps);
                let err = (numeric - g[i]).abs() / (numeric.abs() + g[i].abs()).max(1e-2);
                worst = worst.max(err);
            }
        }
        assert!(worst < 0.02, "relative error {worst}");
    }

    #[test]
    fn priors_skip_full_columns_and_the_file_round_trips() {
        let net = Net::new(128, 1);
        assert_eq!(
            net.parameters(),
            84 * 128 + 128 + 128 * 128 + 128 + 128 * 7 + 7 + 129
        );
        let g = Connect4::from_moves("444444").unwrap();
        let j = net.judge(&g);
        assert_eq!(j.prior[3], 0.0);
        assert!((j.prior.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!((-1.0..=1.0).contains(&j.value));
        let back = load(&save(&net)).unwrap();
        let k = back.judge(&g);
        assert!((k.value - j.value).abs() < 0.01);
        let bytes = save(&net);
        assert!(load(&bytes[..bytes.len() / 2]).is_err());
        assert!(load(b"nonsense").is_err());
    }

    #[test]
    fn a_mirror_swaps_columns() {
        let g = Connect4::from_moves("1").unwrap();
        let s = Sample {
            input: encode(&g),
            policy: [1.0, 0., 0., 0., 0., 0., 0.],
            outcome: 0.0,
        };
        let m = s.mirrored();
        let h = Connect4::from_moves("7").unwrap();
        assert_eq!(m.input, encode(&h));
        assert_eq!(m.policy[6], 1.0);
        assert_eq!(m.mirrored(), s);
    }

    #[test]
    fn learning_fits_a_batch() {
        let mut net = Net::new(32, 5);
        let b = batch();
        let mut opt = nn::Optimizer::new(nn::OptimizerKind::adam(0.01));
        let first = net.learn(&b, &mut opt);
        let mut last = first;
        for _ in 0..200 {
            last = net.learn(&b, &mut opt);
        }
        assert!(last.1 < 0.05 && last.0 < first.0, "{first:?} → {last:?}");
    }
}
