//! Characters ↔ numbers. A character-level model needs no tokenizer: its
//! vocabulary is the set of characters in the training text.

use std::collections::HashMap;

/// The characters a model knows, numbered in code-point order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocab {
    pub chars: Vec<char>,
    index: HashMap<char, u32>,
}

impl Vocab {
    /// Every distinct character of `text`.
    pub fn of_text(text: &str) -> Vocab {
        let mut chars: Vec<char> = text.chars().collect();
        chars.sort_unstable();
        chars.dedup();
        Vocab::from_chars(chars)
    }

    /// The `limit` commonest characters of `text` (ties broken by code
    /// point): a pasted text with thousands of rare symbols still gets a
    /// small output layer, and the rare ones are left out of training.
    pub fn most_frequent(text: &str, limit: usize) -> Vocab {
        let mut counts: HashMap<char, usize> = HashMap::new();
        for c in text.chars() {
            *counts.entry(c).or_default() += 1;
        }
        let mut by_count: Vec<(char, usize)> = counts.into_iter().collect();
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chars: Vec<char> =
            by_count.into_iter().take(limit).map(|p| p.0).collect();
        chars.sort_unstable();
        Vocab::from_chars(chars)
    }

    /// A vocabulary in a given order (as a weights file stores it).
    pub fn from_chars(chars: Vec<char>) -> Vocab {
        let index = chars.iter().enumerate().map(|(i, &c)| (c, i as u32)).collect();
        Vocab { chars, index }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn id(&self, c: char) -> Option<u32> {
        self.index.get(&c).copied()
    }

    /// The known characters of `text` as numbers, and the distinct unknown
    /// ones (which are left out), in order of first appearance.
    pub fn encode(&self, text: &str) -> (Vec<u32>, Vec<char>) {
        let mut ids = Vec::with_capacity(text.len());
        let mut unknown = Vec::new();
        for c in text.chars() {
            match self.id(c) {
                Some(i) => ids.push(i),
                None if !unknown.contains(&c) => unknown.push(c),
                None => {}
            }
        }
        (ids, unknown)
    }

    pub fn decode(&self, ids: &[u32]) -> String {
        ids.iter().filter_map(|&i| self.chars.get(i as usize)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reports_strangers() {
        let v = Vocab::of_text("床前明月光\nto be");
        assert_eq!(v.len(), 11);
        let (ids, unknown) = v.encode("明月 to 🌙 be 猫🌙");
        assert_eq!(v.decode(&ids), "明月 to  be ");
        assert_eq!(unknown, ['🌙', '猫']);
    }

    #[test]
    fn keeps_the_commonest_characters() {
        let v = Vocab::most_frequent("aaabbc🌙🌙🌙🌙", 2);
        assert_eq!(v.chars, ['a', '🌙']);
        assert_eq!(Vocab::most_frequent("ba", 5).chars, ['a', 'b']);
    }
}
