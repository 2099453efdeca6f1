//! Writing text: feed a character, read the scores for the next one, pick
//! one, feed it back. Keys and values of earlier positions are kept (the KV
//! cache), so each new character costs one position's work.

use crate::Gpt;
use nn::{KvCache, gemm, norm::normalise_row};
use rand::RngExt;

/// How the next character is chosen from the scores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sampling {
    /// Divides the scores before the softmax: below 1 sharpens, above 1
    /// flattens; 0 always takes the likeliest character.
    pub temperature: f32,
    /// Keep only the `top_k` likeliest characters (0: all).
    pub top_k: usize,
    /// Keep the likeliest characters until their probabilities add up to
    /// `top_p` (1: all). At least one character is always kept.
    pub top_p: f32,
}

impl Sampling {
    /// Always the likeliest character: deterministic, the same on every host.
    pub const GREEDY: Sampling = Sampling { temperature: 0.0, top_k: 0, top_p: 1.0 };
}

// ANCHOR: distribution
/// The probability of each next character after temperature, top-k and top-p.
pub fn distribution(logits: &[f32], s: &Sampling) -> Vec<f32> {
    let mut order: Vec<usize> = (0..logits.len()).collect();
    // Likeliest first; ties keep the lower number, so the order is the same everywhere.
    order.sort_by(|&a, &b| logits[b].total_cmp(&logits[a]).then(a.cmp(&b)));
    let mut probs = vec![0.0; logits.len()];
    if s.temperature.is_nan() || s.temperature <= 0.0 || s.temperature.is_infinite() {
        probs[order[0]] = 1.0;
        return probs;
    }
    let keep = if s.top_k == 0 { logits.len() } else { s.top_k.min(logits.len()) };
    let mut kept: Vec<f32> =
        order[..keep].iter().map(|&i| logits[i] / s.temperature).collect();
    nn::math::softmax_in_place(&mut kept);
    let (mut total, mut count) = (0.0, 0);
    for &p in &kept {
        total += p;
        count += 1;
        if total >= s.top_p {
            break;
        }
    }
    let sum: f32 = kept[..count].iter().sum();
    for (&i, &p) in order.iter().zip(&kept[..count]) {
        probs[i] = p / sum;
    }
    probs
}
// ANCHOR_END: distribution

/// Draws a character from `probs` with a uniform number from `rng`.
pub fn pick(probs: &[f32], rng: &mut nn::Rng) -> u32 {
    let r: f32 = rng.random_range(0.0..1.0);
    let mut acc = 0.0;
    let mut last = 0;
    for (i, &p) in probs.iter().enumerate() {
        if p > 0.0 {
            acc += p;
            last = i;
            if r < acc {
                return i as u32;
            }
        }
    }
    last as u32
}

/// A text being written: the characters the model has read and, per
/// layer, their keys and values.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub tokens: Vec<u32>,
    caches: Vec<KvCache>,
    /// Per layer, per head, the last position's attention over the window.
    pub weights: Vec<Vec<f32>>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// Characters in the model's window now.
    pub fn window(&self, model: &Gpt) -> usize {
        self.caches.first().map_or(0, |c| c.len(model.config.dim))
    }

    /// Reads one character; returns the scores for the next. When the
    /// window is full it keeps the last half and reads that again, since
    /// each position's vector belongs to its place in the window.
    pub fn feed(&mut self, model: &Gpt, token: u32) -> Vec<f32> {
        if self.window(model) >= model.config.ctx {
            let keep = model.config.ctx / 2;
            let tail: Vec<u32> = self.tokens[self.tokens.len() - keep..].to_vec();
            self.caches.iter_mut().for_each(KvCache::clear);
            for &t in &tail {
                self.step(model, t);
            }
        }
        self.tokens.push(token);
        self.step(model, token)
    }

    /// One position through the whole model: the KV-cached twin of
    /// [`Gpt::forward`], equal to it bit for bit.
    fn step(&mut self, model: &Gpt, token: u32) -> Vec<f32> {
        let c = &model.config;
        self.caches.resize_with(c.layers, KvCache::default);
        self.weights.resize_with(c.layers, Vec::new);
        let place = self.caches[0].len(c.dim) as u32;
        let mut x = model.chars.row(token).to_vec();
        x.iter_mut().zip(model.positions.row(place)).for_each(|(a, b)| *a += b);
        let mut normed = vec![0.0; c.dim];
        for ((block, cache), weights) in
            model.blocks.iter().zip(&mut self.caches).zip(&mut self.weights)
        {
            normalise_row(
                &x,
                &block.norm1.gain.value,
                &block.norm1.bias.value,
                &mut normed,
            );
            let mixed = block.attention.step(&normed, cache, Some(weights));
            x.iter_mut().zip(&mixed).for_each(|(a, b)| *a += b);
            normalise_row(
                &x,
                &block.norm2.gain.value,
                &block.norm2.bias.value,
                &mut normed,
            );
            let mut wide = block.up.apply(&normed, 1);
            wide.iter_mut().for_each(|v| *v = nn::act::gelu(*v));
            let out = block.down.apply(&wide, 1);
            x.iter_mut().zip(&out).for_each(|(a, b)| *a += b);
        }
        let f = &model.final_norm;
        normalise_row(&x, &f.gain.value, &f.bias.value, &mut normed);
        let mut logits = vec![0.0; c.vocab];
        match &model.output_t {
            Some(t) => gemm::nn(1, c.vocab, c.dim, &normed, t, &mut logits),
            None => gemm::nt_by_transpose(
                1,
                c.vocab,
                c.dim,
                &normed,
                &model.chars.table.value,
                &mut logits,
            ),
        }
        logits
    }
}

/// Continues `prompt` by `count` characters (the prompt must not be
/// empty); `seed` drives the sampling.
pub fn generate(
    model: &Gpt,
    prompt: &[u32],
    count: usize,
    s: &Sampling,
    seed: u64,
) -> Vec<u32> {
    let mut rng = nn::rng(seed);
    let mut session = Session::new();
    let mut logits = Vec::new();
    for &t in prompt {
        logits = session.feed(model, t);
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let next = pick(&distribution(&logits, s), &mut rng);
        out.push(next);
        logits = session.feed(model, next);
    }
    out
}

/// What the page's demo does with a prompt: read a line break (every text
/// the models learnt starts after one), then the prompt's known characters,
/// then write `count` more. Returns the written characters only.
pub fn continue_text(
    model: &Gpt,
    vocab: &crate::Vocab,
    prompt: &str,
    count: usize,
    s: &Sampling,
    seed: u64,
) -> String {
    let mut ids = vec![vocab.id('\n').unwrap_or(0)];
    ids.extend(vocab.encode(prompt).0);
    vocab.decode(&generate(model, &ids, count, s, seed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn cached_generation_equals_the_full_pass() {
        let config = Config { vocab: 11, ctx: 8, dim: 16, layers: 2, heads: 4 };
        let mut model = Gpt::new(config, 5);
        let mut g = nn::rng(6);
        for p in model.params() {
            p.value.iter_mut().for_each(|v| *v = g.random_range(-0.3..0.3));
        }
        let tokens = [3u32, 1, 4, 1, 5, 9, 2, 6];
        let full = model.forward(&tokens, 1, 8);
        let mut session = Session::new();
        for (i, &t) in tokens.iter().enumerate() {
            let logits = session.feed(&model, t);
            assert_eq!(logits, full[i * 11..(i + 1) * 11], "position {i}");
        }
        // A frozen model (weights kept transposed) writes the same bits.
        model.freeze();
        let mut frozen = Session::new();
        for (i, &t) in tokens.iter().enumerate() {
            assert_eq!(frozen.feed(&model, t), full[i * 11..(i + 1) * 11], "frozen {i}");
        }
        // Past the window: the last half is read again, as a fresh pass would.
        let next = session.feed(&model, 7);
        let fresh = model.forward(&[5, 9, 2, 6, 7], 1, 5);
        assert_eq!(next, fresh[4 * 11..]);
    }

    #[test]
    fn sampling_settings_shape_the_distribution() {
        let logits = [2.0, 1.0, 0.0, 3.0];
        let greedy = distribution(&logits, &Sampling::GREEDY);
        assert_eq!(greedy, [0.0, 0.0, 0.0, 1.0]);
        let all =
            distribution(&logits, &Sampling { temperature: 1.0, top_k: 0, top_p: 1.0 });
        assert!((all.iter().sum::<f32>() - 1.0).abs() < 1e-6 && all[3] > all[0]);
        let two =
            distribution(&logits, &Sampling { temperature: 1.0, top_k: 2, top_p: 1.0 });
        assert!(two[1] == 0.0 && two[2] == 0.0 && (two[0] + two[3] - 1.0).abs() < 1e-6);
        let huge_k =
            distribution(&logits, &Sampling { temperature: 1.0, top_k: 99, top_p: 1.0 });
        assert_eq!(huge_k, all);
        let p0 =
            distribution(&logits, &Sampling { temperature: 1.0, top_k: 0, top_p: 0.0 });
        assert_eq!(p0, greedy, "top-p 0 keeps the likeliest one");
        let hot =
            distribution(&logits, &Sampling { temperature: 100.0, top_k: 0, top_p: 1.0 });
        assert!(hot.iter().all(|&p| (p - 0.25).abs() < 0.01), "{hot:?}");
        let nan = distribution(
            &logits,
            &Sampling { temperature: f32::NAN, top_k: 0, top_p: 1.0 },
        );
        assert_eq!(nan, greedy);
    }
}
