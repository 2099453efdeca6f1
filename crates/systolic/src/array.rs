//! The array, its clock, and a matrix product scheduled onto it tile by tile.

/// One processing element's registers after a clock edge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pe {
    /// The weight it holds (stationary for a whole tile).
    pub weight: i8,
    /// Whether that weight belongs to the tile (otherwise it is padding).
    pub used: bool,
    /// The activation passing through, and the input row it came from
    /// (`None`: a bubble, no data this cycle).
    pub act: u8,
    pub act_row: Option<u32>,
    /// The partial sum passing down, and the row of the result it belongs to.
    pub sum: i32,
    pub sum_row: Option<u32>,
}

/// What the array has done: the figures the page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Clock cycles spent computing (activations flowing).
    pub cycles: u64,
    /// Clock cycles spent loading weights (one row of the array per cycle).
    pub load_cycles: u64,
    /// Multiply-adds that did real work (a real activation × a tile weight).
    pub macs: u64,
    /// Bytes of weights, activations and partial sums moved in or out.
    pub weight_bytes: u64,
    pub activation_bytes: u64,
    pub sum_bytes: u64,
}

impl Counters {
    /// Useful multiply-adds as a share of what `n × n` PEs could do in
    /// every cycle, loading included.
    pub fn utilisation(&self, n: usize) -> f64 {
        let cycles = (self.cycles + self.load_cycles) as f64;
        if cycles == 0.0 { 0.0 } else { self.macs as f64 / (cycles * (n * n) as f64) }
    }
}

/// An `n` × `n` weight-stationary array.
#[derive(Clone, Debug)]
pub struct Array {
    pub n: usize,
    /// Row-major: `pes[i * n + j]` is row `i` (input `i`), column `j` (output `j`).
    pub pes: Vec<Pe>,
    pub counters: Counters,
}

impl Array {
    pub fn new(n: usize) -> Array {
        Array { n, pes: vec![Pe::default(); n * n], counters: Counters::default() }
    }

    /// Loads a `k` × `c` block of weights (`w[p * stride + j]`, `k`, `c` ≤ n)
    /// into the top-left of the array, zeros elsewhere; the registers are
    /// cleared. Takes `n` cycles: the weights shift in a row per cycle.
    pub fn load(&mut self, w: &[i8], k: usize, c: usize, stride: usize) {
        let n = self.n;
        for i in 0..n {
            for j in 0..n {
                let used = i < k && j < c;
                self.pes[i * n + j] = Pe {
                    weight: if used { w[i * stride + j] } else { 0 },
                    used,
                    ..Pe::default()
                };
            }
        }
        self.counters.load_cycles += n as u64;
        self.counters.weight_bytes += (k * c) as u64;
    }

    // ANCHOR: tick
    /// One clock cycle. `left[i]` enters row `i` from the left (`None`: a
    /// bubble). Every PE takes the activation from its left and the partial
    /// sum from above, adds activation × weight, and holds both for its
    /// neighbours on the next cycle. Going from the bottom-right corner
    /// backwards, each PE still reads its neighbours' old values.
    pub fn tick(&mut self, left: &[Option<(u8, u32)>]) {
        let n = self.n;
        for i in (0..n).rev() {
            for j in (0..n).rev() {
                let (act, act_row) = if j == 0 {
                    match left.get(i).copied().flatten() {
                        Some((a, row)) => (a, Some(row)),
                        None => (0, None),
                    }
                } else {
                    let l = self.pes[i * n + j - 1];
                    (l.act, l.act_row)
                };
                // The top row starts a new sum for the row its activation is from.
                let (above, sum_row) = if i == 0 {
                    (0, act_row)
                } else {
                    let a = self.pes[(i - 1) * n + j];
                    (a.sum, a.sum_row)
                };
                let pe = &mut self.pes[i * n + j];
                pe.sum = above + i32::from(act) * i32::from(pe.weight);
                if pe.used && act_row.is_some() {
                    self.counters.macs += 1;
                }
                (pe.act, pe.act_row, pe.sum_row) = (act, act_row, sum_row);
            }
        }
        self.counters.cycles += 1;
        self.counters.activation_bytes += left.iter().flatten().count() as u64;
    }
    // ANCHOR_END: tick

    /// The finished sums leaving the bottom edge this cycle:
    /// `(column, result row, sum)`.
    pub fn outputs(&self) -> impl Iterator<Item = (usize, u32, i32)> + '_ {
        let bottom = &self.pes[(self.n - 1) * self.n..];
        bottom
            .iter()
            .enumerate()
            .filter_map(|(j, pe)| pe.sum_row.map(|row| (j, row, pe.sum)))
    }
}

/// `a[m×k] · w[k×c]` on `array`, tile by tile: for each block of up to
/// `n` outputs and `n` inputs, load its weights, then stream all `m` rows
/// of activations through, skewed, and add what leaves the bottom into
/// the accumulators (the TPU keeps them on chip). Returns the product and
/// what the array counted.
pub fn matmul(
    array: &mut Array,
    m: usize,
    k: usize,
    c: usize,
    a: &[u8],
    w: &[i8],
) -> (Vec<i32>, Counters) {
    let mut run = Run::new(array.n, m, k, c);
    while !run.done() {
        run.step(array, a, w);
    }
    (run.out, array.counters)
}

/// A product in progress, one cycle at a time (so a page can draw it).
#[derive(Clone, Debug)]
pub struct Run {
    pub m: usize,
    pub k: usize,
    pub c: usize,
    n: usize,
    /// The tile being computed: its first input and first output.
    pub k0: usize,
    pub c0: usize,
    /// Cycles since the tile's weights were loaded (`None`: not loaded yet).
    pub t: Option<usize>,
    /// Results of the tile still to come.
    left: usize,
    pub out: Vec<i32>,
    /// What entered the left edge on the last step (all `None` while loading).
    pub last: Vec<Option<(u8, u32)>>,
    finished: bool,
}

impl Run {
    pub fn new(n: usize, m: usize, k: usize, c: usize) -> Run {
        let finished = m == 0 || k == 0 || c == 0;
        let (out, last) = (vec![0; m * c], vec![None; n]);
        Run { m, k, c, n, k0: 0, c0: 0, t: None, left: 0, out, last, finished }
    }

    pub fn done(&self) -> bool {
        self.finished
    }

    /// The activations entering the left edge at the tile's cycle `t`:
    /// row `i` gets input `k0 + i` of result row `t − i`.
    pub fn inputs(&self, a: &[u8], t: usize) -> Vec<Option<(u8, u32)>> {
        let kt = (self.k - self.k0).min(self.n);
        (0..self.n)
            .map(|i| {
                let row = t.checked_sub(i).filter(|&r| r < self.m && i < kt)?;
                Some((a[row * self.k + self.k0 + i], row as u32))
            })
            .collect()
    }

    /// One step: loading the next tile's weights (all at once, counted as
    /// `n` cycles) or one clock of computing.
    pub fn step(&mut self, array: &mut Array, a: &[u8], w: &[i8]) {
        if self.finished {
            return;
        }
        let n = self.n;
        let (kt, ct) = ((self.k - self.k0).min(n), (self.c - self.c0).min(n));
        let Some(t) = self.t else {
            array.load(&w[self.k0 * self.c + self.c0..], kt, ct, self.c);
            self.t = Some(0);
            self.left = self.m * ct;
            self.last.iter_mut().for_each(|l| *l = None);
            return;
        };
        self.last = self.inputs(a, t);
        array.tick(&self.last);
        let leaving: Vec<(usize, u32, i32)> =
            array.outputs().filter(|&(j, _, _)| j < ct).collect();
        for (j, row, sum) in leaving {
            self.out[row as usize * self.c + self.c0 + j] += sum;
            array.counters.sum_bytes += 4;
            self.left -= 1;
        }
        self.t = Some(t + 1);
        if self.left == 0 {
            // Next tile: along the inputs first, then the next block of outputs.
            self.t = None;
            self.k0 += n;
            if self.k0 >= self.k {
                self.k0 = 0;
                self.c0 += n;
                self.finished = self.c0 >= self.c;
            }
        }
    }
}

/// Cycles a product takes on an `n` × `n` array, by formula: per tile,
/// `n` to load the weights, then `m` rows skewed over `kt` inputs and
/// flowing through the whole array (`m + n − 1 + ct − 1` cycles until the
/// last result of the tile's last column leaves the bottom).
pub fn cycles(n: usize, m: usize, k: usize, c: usize) -> u64 {
    let mut total = 0u64;
    for c0 in (0..c).step_by(n.max(1)) {
        let ct = (c - c0).min(n);
        for _ in (0..k).step_by(n.max(1)) {
            total += (n + m + n - 1 + ct - 1) as u64;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matmul_i8;

    fn numbers(len: usize, seed: u32) -> Vec<i8> {
        let mut s = seed;
        (0..len)
            .map(|_| {
                s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (s >> 24) as i8
            })
            .collect()
    }

    #[test]
    fn the_array_computes_the_product_exactly_at_every_size() {
        for (n, m, k, c) in
            [(4, 1, 1, 1), (4, 5, 3, 2), (4, 7, 9, 6), (8, 10, 8, 8), (5, 3, 17, 11)]
        {
            let a: Vec<u8> = numbers(m * k, 1).iter().map(|&v| v as u8).collect();
            let w = numbers(k * c, 2);
            let mut array = Array::new(n);
            let (out, counters) = matmul(&mut array, m, k, c, &a, &w);
            assert_eq!(out, matmul_i8(m, k, c, &a, &w), "{n} {m} {k} {c}");
            assert_eq!(counters.macs, (m * k * c) as u64);
            assert_eq!(counters.cycles + counters.load_cycles, cycles(n, m, k, c));
            assert_eq!(counters.activation_bytes, (m * k * c.div_ceil(n)) as u64);
            assert_eq!(counters.weight_bytes, (k * c) as u64);
            assert_eq!(counters.sum_bytes, (4 * m * c * k.div_ceil(n)) as u64);
        }
    }

    #[test]
    fn a_big_array_is_idle_on_small_work_and_busy_on_large() {
        let small = Counters {
            macs: 100 * 120 * 84,
            cycles: cycles(256, 100, 120, 84),
            ..Counters::default()
        };
        assert!(small.utilisation(256) < 0.03, "{}", small.utilisation(256));
        let big = Counters {
            macs: 4096 * 256 * 256,
            cycles: cycles(256, 4096, 256, 256),
            ..Counters::default()
        };
        assert!(big.utilisation(256) > 0.8, "{}", big.utilisation(256));
    }
}
