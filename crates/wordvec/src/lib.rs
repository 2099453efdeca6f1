//! Words as vectors: the operations the word2vec chapter is about.
//!
//! Vectors are stored unit-length, so the cosine of two words is their dot
//! product, and "king − man + woman" is a sum followed by a nearest-neighbour
//! search.

pub mod analogy;
pub mod pca;

use std::collections::HashMap;
use std::fmt;

/// A vocabulary with one unit vector per word.
pub struct Embeddings {
    pub words: Vec<String>,
    pub dim: usize,
    /// `words.len() × dim`, each row of length 1.
    pub vectors: Vec<f32>,
    index: HashMap<String, usize>,
}

/// Why an embeddings file could not be read.
#[derive(Debug, PartialEq)]
pub enum LoadError {
    NotEmbeddings,
    Truncated { needed: usize, got: usize },
    WordCount { header: usize, found: usize },
    NotUtf8,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotEmbeddings => {
                write!(f, "not a word-vector file (no EMB1 header)")
            }
            LoadError::Truncated { needed, got } => {
                write!(f, "word-vector file is truncated: {got} of {needed} bytes")
            }
            LoadError::WordCount { header, found } => {
                write!(f, "header says {header} words, file lists {found}")
            }
            LoadError::NotUtf8 => write!(f, "the word list is not UTF-8"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Cosine similarity of two unit vectors: their dot product, eight lanes at
/// a time (`nn::simd::dot`, SIMD128 in the browser; the order is fixed, so it
/// is reproducible).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    nn::simd::dot(a, b)
}

/// Scales `v` to length 1 (a zero vector stays zero).
pub(crate) fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

impl Embeddings {
    /// Reads the book's quantised format (see `scripts/glove_subset.py`).
    pub fn parse(bytes: &[u8]) -> Result<Embeddings, LoadError> {
        if bytes.len() < 12 || &bytes[..4] != b"EMB1" {
            return Err(LoadError::NotEmbeddings);
        }
        let u32_at = |i: usize| {
            u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]])
                as usize
        };
        let (n, dim) = (u32_at(4), u32_at(8));
        let body = 12usize
            .saturating_add(n.saturating_mul(4))
            .saturating_add(n.saturating_mul(dim));
        if bytes.len() < body {
            return Err(LoadError::Truncated { needed: body, got: bytes.len() });
        }
        let words: Vec<String> = std::str::from_utf8(&bytes[body..])
            .map_err(|_| LoadError::NotUtf8)?
            .split('\n')
            .map(str::to_string)
            .collect();
        if words.len() != n {
            return Err(LoadError::WordCount { header: n, found: words.len() });
        }
        let mut vectors = Vec::with_capacity(n * dim);
        for i in 0..n {
            let scale = f32::from_le_bytes(
                bytes[12 + 4 * i..16 + 4 * i].try_into().expect("4 bytes"),
            );
            let row = &bytes[12 + 4 * n + i * dim..12 + 4 * n + (i + 1) * dim];
            let start = vectors.len();
            vectors.extend(row.iter().map(|&q| f32::from(q as i8) * scale));
            normalise(&mut vectors[start..]);
        }
        Ok(Embeddings::new(words, dim, vectors))
    }

    /// Builds from raw vectors (normalised here).
    pub fn new(words: Vec<String>, dim: usize, mut vectors: Vec<f32>) -> Embeddings {
        for row in vectors.chunks_exact_mut(dim.max(1)) {
            normalise(row);
        }
        let index = words.iter().enumerate().map(|(i, w)| (w.clone(), i)).collect();
        Embeddings { words, dim, vectors, index }
    }

    /// Row of `word`, if it is in the vocabulary (lower-cased first, as GloVe is).
    pub fn id(&self, word: &str) -> Option<usize> {
        self.index
            .get(word)
            .or_else(|| self.index.get(&word.trim().to_lowercase()))
            .copied()
    }

    /// The unit vector of word `id`.
    pub fn vector(&self, id: usize) -> &[f32] {
        &self.vectors[id * self.dim..(id + 1) * self.dim]
    }

    // ANCHOR: nearest
    /// The `k` words whose vectors point most nearly the same way as `query`,
    /// skipping the ids in `exclude`, best first, with their cosines.
    pub fn nearest(
        &self,
        query: &[f32],
        k: usize,
        exclude: &[usize],
    ) -> Vec<(usize, f32)> {
        let mut best: Vec<(usize, f32)> = Vec::with_capacity(k + 1);
        for id in 0..self.words.len() {
            if exclude.contains(&id) {
                continue;
            }
            let score = cosine(self.vector(id), query);
            if best.len() < k || score > best[best.len() - 1].1 {
                let at = best.partition_point(|&(_, s)| s >= score);
                best.insert(at, (id, score));
                best.truncate(k);
            }
        }
        best
    }
    // ANCHOR_END: nearest

    /// Vocabulary words within edit distance 2 of `word`, most frequent first:
    /// suggestions for a word the vocabulary lacks. A suggestion must keep at
    /// least one of the typed characters (otherwise "猫" would be "close" to
    /// "," and "of", two edits away like any short word).
    pub fn suggest(&self, word: &str, k: usize) -> Vec<&str> {
        let w = word.trim().to_lowercase();
        let mut found: Vec<(usize, usize, &str)> = self
            .words
            .iter()
            .enumerate()
            .filter(|(_, v)| v.chars().count().abs_diff(w.chars().count()) <= 2)
            .filter(|(_, v)| v.chars().any(|c| w.contains(c)))
            .filter_map(|(i, v)| {
                let d = edit_distance(&w, v);
                (d <= 2 && d > 0).then_some((d, i, v.as_str()))
            })
            .collect();
        found.sort();
        found.into_iter().take(k).map(|(_, _, v)| v).collect()
    }
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = if ca == b[j] { prev } else { 1 + prev.min(row[j]).min(cur) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn shipped() -> Embeddings {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/data/words/glove-20k-q8.bin"
        ))
        .unwrap();
        Embeddings::parse(&bytes).unwrap()
    }

    #[test]
    fn loads_the_shipped_glove_subset() {
        let e = shipped();
        assert_eq!((e.words.len(), e.dim), (20_000, 50));
        assert_eq!(e.words[0], "the");
        assert!((cosine(e.vector(5), e.vector(5)) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn neighbours_of_a_word_are_related() {
        let e = shipped();
        let frog = e.id("france").unwrap();
        let near: Vec<&str> = e
            .nearest(e.vector(frog), 5, &[frog])
            .iter()
            .map(|&(i, _)| e.words[i].as_str())
            .collect();
        assert!(
            near.contains(&"belgium")
                || near.contains(&"french")
                || near.contains(&"spain"),
            "{near:?}"
        );
    }

    #[test]
    fn broken_files_are_refused_with_reasons() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/data/words/glove-20k-q8.bin"
        ))
        .unwrap();
        assert!(matches!(
            Embeddings::parse(&bytes[..1000]),
            Err(LoadError::Truncated { .. })
        ));
        assert_eq!(
            Embeddings::parse(b"hello world!").err(),
            Some(LoadError::NotEmbeddings)
        );
        assert!(matches!(
            Embeddings::parse(&bytes[..12 + 4 * 20_000 + 100]),
            Err(LoadError::Truncated { .. })
        ));
    }

    #[test]
    fn unknown_words_get_spelling_suggestions() {
        let e = shipped();
        assert_eq!(e.id("Queen"), e.id("queen"));
        assert!(e.id("qeen").is_none());
        assert!(e.suggest("qeen", 5).contains(&"queen"));
        assert_eq!(
            e.suggest("猫", 5),
            Vec::<&str>::new(),
            "no English word is close to a Chinese one"
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
