//! "a is to b as c is to ?", answered with vector arithmetic, and scored on
//! Google's analogy test set (Mikolov et al. 2013).

use crate::Embeddings;

// ANCHOR: analogy
/// Words nearest to `b − a + c` (so "man : king :: woman : ?" is
/// `analogy(man, king, woman)`), excluding the three question words: the
/// 3CosAdd rule.
pub fn analogy(
    e: &Embeddings,
    a: usize,
    b: usize,
    c: usize,
    k: usize,
) -> Vec<(usize, f32)> {
    let mut query: Vec<f32> =
        (0..e.dim).map(|i| e.vector(b)[i] - e.vector(a)[i] + e.vector(c)[i]).collect();
    crate::normalise(&mut query); // so each score is a true cosine, at most 1
    e.nearest(&query, k, &[a, b, c])
}
// ANCHOR_END: analogy

/// One section of the test set (": capital-common-countries", ...), scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub name: String,
    pub correct: usize,
    /// Questions whose four words are all in the vocabulary.
    pub covered: usize,
    pub total: usize,
}

/// Parses `questions-words.txt` into sections of word-id quadruples
/// (`None` where a word is missing from the vocabulary).
pub fn questions(e: &Embeddings, text: &str) -> Vec<(String, Vec<Option<[usize; 4]>>)> {
    let mut sections: Vec<(String, Vec<Option<[usize; 4]>>)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix(": ") {
            sections.push((name.trim().to_string(), Vec::new()));
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() != 4 {
            continue;
        }
        let ids = [e.id(words[0]), e.id(words[1]), e.id(words[2]), e.id(words[3])];
        let quad = match ids {
            [Some(a), Some(b), Some(c), Some(d)] => Some([a, b, c, d]),
            _ => None,
        };
        if let Some(last) = sections.last_mut() {
            last.1.push(quad);
        }
    }
    sections
}

/// Is the answer to question `[a, b, c, d]` ("a is to b as c is to d") right?
pub fn answer_is_right(e: &Embeddings, [a, b, c, d]: [usize; 4]) -> bool {
    analogy(e, a, b, c, 1).first().is_some_and(|&(id, _)| id == d)
}

/// Scores every section (all of it at once; the demo does it in slices).
pub fn score(e: &Embeddings, text: &str) -> Vec<Section> {
    questions(e, text)
        .into_iter()
        .map(|(name, qs)| {
            let covered: Vec<[usize; 4]> = qs.iter().flatten().copied().collect();
            Section {
                name,
                correct: covered.iter().filter(|&&q| answer_is_right(e, q)).count(),
                covered: covered.len(),
                total: qs.len(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::shipped;

    fn answer(e: &Embeddings, a: &str, b: &str, c: &str) -> String {
        let [a, b, c] = [a, b, c].map(|w| e.id(w).unwrap());
        e.words[analogy(e, a, b, c, 1)[0].0].clone()
    }

    #[test]
    fn king_minus_man_plus_woman_is_queen() {
        let e = shipped();
        assert_eq!(answer(&e, "man", "king", "woman"), "queen");
        assert_eq!(answer(&e, "france", "paris", "italy"), "rome");
    }

    #[test]
    fn google_analogy_accuracy_matches_the_float_vectors() {
        let e = shipped();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/data/words/questions-words.txt"
        ))
        .unwrap();
        let sections = score(&e, &text);
        assert_eq!(sections.len(), 14);
        let total: usize = sections.iter().map(|s| s.total).sum();
        let covered: usize = sections.iter().map(|s| s.covered).sum();
        let correct: usize = sections.iter().map(|s| s.correct).sum();
        assert_eq!(total, 19_544);
        assert_eq!(covered, 12_042);
        let accuracy = correct as f32 / covered as f32;
        // numpy with the unquantised vectors: 52.1%; int8 storage may move it slightly.
        assert!((accuracy - 0.521).abs() < 0.01, "3CosAdd accuracy {accuracy}");
    }
}
