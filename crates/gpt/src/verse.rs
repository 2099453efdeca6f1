//! Regulated verse as rules around the model: lines of five or seven
//! characters, a comma after odd lines and a full stop after even ones,
//! four lines (a quatrain, 绝句) or eight (a regulated poem, 律诗), and
//! optionally given first characters (an acrostic, 藏头诗). The model
//! chooses every other character.

use crate::Vocab;

/// The shape of a poem to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// Characters per line: 5 or 7.
    pub chars: usize,
    /// Lines: 4 or 8.
    pub lines: usize,
    /// First characters of the lines (fewer than `lines` is fine).
    pub heads: Vec<char>,
}

/// What the next character of the poem must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Fixed by the form (punctuation, an acrostic head).
    Forced(char),
    /// The model picks, among Chinese characters only.
    Free,
    /// The poem is complete.
    Done,
}

impl Form {
    /// The rule for the character after `written` characters of the poem.
    pub fn next(&self, written: usize) -> Next {
        let slot = self.chars + 1;
        let (line, at) = (written / slot, written % slot);
        if line >= self.lines {
            return Next::Done;
        }
        if at == self.chars {
            return Next::Forced(if line % 2 == 0 { '，' } else { '。' });
        }
        match self.heads.get(line) {
            Some(&c) if at == 0 => Next::Forced(c),
            _ => Next::Free,
        }
    }

    /// Scores with everything that is not a Chinese character ruled out
    /// (−∞), for a [`Next::Free`] position.
    pub fn mask_free(logits: &mut [f32], vocab: &Vocab) {
        for (score, &c) in logits.iter_mut().zip(&vocab.chars) {
            if !is_han(c) {
                *score = f32::NEG_INFINITY;
            }
        }
    }
}

/// A CJK unified ideograph (the characters poems are made of).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quatrain_has_its_punctuation_and_heads() {
        let form = Form { chars: 5, lines: 4, heads: vec!['春', '夏'] };
        assert_eq!(form.next(0), Next::Forced('春'));
        assert_eq!(form.next(1), Next::Free);
        assert_eq!(form.next(5), Next::Forced('，'));
        assert_eq!(form.next(6), Next::Forced('夏'));
        assert_eq!(form.next(11), Next::Forced('。'));
        assert_eq!(form.next(12), Next::Free, "third line has no head given");
        assert_eq!(form.next(23), Next::Forced('。'));
        assert_eq!(form.next(24), Next::Done);
    }

    #[test]
    fn free_positions_cannot_pick_punctuation() {
        let vocab = Vocab::of_text("，。\n月光");
        let mut logits = vec![9.0, 9.0, 9.0, 1.0, 2.0];
        Form::mask_free(&mut logits, &vocab);
        let ok: Vec<bool> = logits.iter().map(|v| v.is_finite()).collect();
        // Code-point order: '\n', '。', '光', '月', '，'.
        assert_eq!(vocab.chars, ['\n', '。', '光', '月', '，']);
        assert_eq!(ok, [false, false, true, true, false]);
    }
}
