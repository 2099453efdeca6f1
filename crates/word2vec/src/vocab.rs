//! The vocabulary: word counts, subsampling of frequent words, and the table
//! negatives are drawn from.

use rand::RngExt;
use std::collections::HashMap;

/// Words seen at least `min_count` times, most frequent first.
pub struct Vocab {
    pub words: Vec<String>,
    pub counts: Vec<u64>,
    index: HashMap<String, usize>,
    keep: Vec<f32>,
    table: Vec<u32>,
}

/// Size of the negative-sampling table (word2vec uses 1e8; this is plenty here).
const TABLE: usize = 1 << 20;

impl Vocab {
    /// Counts `tokens`, drops rare words, and prepares subsampling with
    /// threshold `sample` (word2vec's default is 1e-3).
    pub fn build<'a>(
        tokens: impl IntoIterator<Item = &'a str>,
        min_count: u64,
        sample: f32,
    ) -> Vocab {
        let mut counts: HashMap<&str, u64> = HashMap::new();
        for t in tokens {
            *counts.entry(t).or_default() += 1;
        }
        let mut list: Vec<(&str, u64)> =
            counts.into_iter().filter(|&(_, c)| c >= min_count.max(1)).collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let total: u64 = list.iter().map(|&(_, c)| c).sum();
        let words: Vec<String> = list.iter().map(|&(w, _)| w.to_string()).collect();
        let counts: Vec<u64> = list.iter().map(|&(_, c)| c).collect();
        // ANCHOR: subsample
        // Keep a word with probability (√(f/s) + 1)·s/f, f its share of the text:
        // "the" is mostly skipped, rare words always kept.
        let keep = counts
            .iter()
            .map(|&c| {
                let f = c as f32 / total.max(1) as f32;
                if sample <= 0.0 {
                    1.0
                } else {
                    (((f / sample).sqrt() + 1.0) * sample / f).min(1.0)
                }
            })
            .collect();
        // ANCHOR_END: subsample
        // ANCHOR: negatives
        // Negatives are drawn in proportion to count^0.75: more often than
        // uniform for common words, less often than their raw frequency.
        let weights: Vec<f64> = counts.iter().map(|&c| (c as f64).powf(0.75)).collect();
        let sum: f64 = weights.iter().sum();
        let mut table = Vec::with_capacity(if words.is_empty() { 0 } else { TABLE });
        let mut cumulative = 0.0;
        for (id, w) in weights.iter().enumerate() {
            cumulative += w / sum;
            while (table.len() as f64) < cumulative * TABLE as f64 && table.len() < TABLE
            {
                table.push(id as u32);
            }
        }
        while !words.is_empty() && table.len() < TABLE {
            table.push((words.len() - 1) as u32);
        }
        // ANCHOR_END: negatives
        let index = words.iter().enumerate().map(|(i, w)| (w.clone(), i)).collect();
        Vocab { words, counts, index, keep, table }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn id(&self, word: &str) -> Option<usize> {
        self.index.get(word).copied()
    }

    /// Word ids of a sentence, skipping out-of-vocabulary words.
    pub fn encode<'a>(&self, sentence: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
        sentence.into_iter().filter_map(|w| self.id(w)).collect()
    }

    /// Whether to keep this occurrence of `id` (subsampling).
    pub fn keep(&self, id: usize, rng: &mut impl rand::Rng) -> bool {
        let p = self.keep[id];
        p >= 1.0 || rng.random::<f32>() < p
    }

    /// A random word for negative sampling.
    pub fn negative(&self, rng: &mut impl rand::Rng) -> usize {
        self.table[rng.random_range(0..self.table.len())] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn counts_sorts_and_drops_rare_words() {
        let v = Vocab::build("a b a c a b d".split(' '), 2, 0.0);
        assert_eq!(v.words, ["a", "b"]);
        assert_eq!(v.counts, [3, 2]);
        assert_eq!(v.encode("a x b".split(' ')), [0, 1]);
    }

    #[test]
    fn negatives_follow_count_to_the_three_quarters() {
        let text: Vec<&str> = std::iter::repeat_n("common", 81)
            .chain(std::iter::repeat_n("rare", 1))
            .collect();
        let v = Vocab::build(text.iter().copied(), 1, 0.0);
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(1);
        let draws = 100_000;
        let rare = (0..draws).filter(|_| v.negative(&mut rng) == 1).count() as f64
            / draws as f64;
        // 1 / (81^0.75 + 1) = 1/28
        assert!((rare - 1.0 / 28.0).abs() < 0.004, "{rare}");
    }

    #[test]
    fn subsampling_skips_frequent_words_and_keeps_rare_ones() {
        let text: Vec<&str> =
            std::iter::repeat_n("the", 1000).chain(["aardvark"]).collect();
        let v = Vocab::build(text.iter().copied(), 1, 1e-3);
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(2);
        let kept = (0..1000).filter(|_| v.keep(0, &mut rng)).count();
        assert!(kept < 100, "kept {kept} of 1000 \"the\"");
        assert!((0..100).all(|_| v.keep(1, &mut rng)));
    }

    #[test]
    fn empty_text_gives_an_empty_vocabulary() {
        let v = Vocab::build(std::iter::empty(), 1, 1e-3);
        assert!(v.is_empty());
    }
}
