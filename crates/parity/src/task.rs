//! The question and the ways of writing its answer, as tokens.

use rand::RngExt;

/// Bits in a question.
pub const BITS: usize = 16;

/// Tokens: the two digits and the `=` that ends a question.
pub const ZERO: u32 = 0;
pub const ONE: u32 = 1;
pub const EQUALS: u32 = 2;
/// Distinct tokens.
pub const VOCAB: usize = 3;

/// How the answer is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The answer at once: `b₁ … b₁₆ = p`.
    Direct,
    /// A note after every bit, the parity so far: `b₁ p₁ b₂ p₂ … b₁₆ p₁₆`;
    /// the last note is the answer.
    Interleaved,
    /// The same notes, all after the question: `b₁ … b₁₆ = p₁ … p₁₆`.
    AfterQuestion,
}

impl Format {
    pub const ALL: [Format; 3] =
        [Format::Direct, Format::Interleaved, Format::AfterQuestion];

    // ANCHOR: written
    /// The whole example: the bits, and what the model must write.
    pub fn example(self, bits: &[u32]) -> Vec<u32> {
        let running: Vec<u32> = bits
            .iter()
            .scan(0, |p, &b| {
                *p ^= b; // one step: flip the parity when the bit is a one
                Some(*p)
            })
            .collect();
        match self {
            Format::Direct => [bits, &[EQUALS, parity(bits)]].concat(),
            Format::Interleaved => {
                bits.iter().zip(&running).flat_map(|(&b, &p)| [b, p]).collect()
            }
            Format::AfterQuestion => [bits, &[EQUALS], &running].concat(),
        }
    }
    // ANCHOR_END: written

    /// Tokens in an example.
    pub fn tokens(self) -> usize {
        match self {
            Format::Direct => BITS + 2,
            Format::Interleaved => 2 * BITS,
            Format::AfterQuestion => 2 * BITS + 1,
        }
    }

    /// Positions whose next token the model writes: the training signal,
    /// and what it is graded on. The others' next tokens are given.
    pub fn written(self) -> Vec<usize> {
        match self {
            Format::Direct => vec![BITS],
            Format::Interleaved => (0..BITS).map(|i| 2 * i).collect(),
            Format::AfterQuestion => (BITS..2 * BITS).collect(),
        }
    }
}

/// One if the number of ones is odd.
pub fn parity(bits: &[u32]) -> u32 {
    bits.iter().fold(0, |p, &b| p ^ b)
}

/// `n` questions of random bits.
pub fn questions(n: usize, rng: &mut nn::Rng) -> Vec<Vec<u32>> {
    (0..n).map(|_| (0..BITS).map(|_| rng.random_range(0..2u32)).collect()).collect()
}

/// Text for people: `0110…=1`.
pub fn show(tokens: &[u32]) -> String {
    tokens.iter().map(|&t| ['0', '1', '='][t.min(2) as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_end_in_the_answer() {
        let bits = [1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1];
        assert_eq!(show(&Format::Direct.example(&bits)), "1011000111000001=1");
        let after = Format::AfterQuestion.example(&bits);
        assert_eq!(show(&after), "1011000111000001=1101111010000001");
        let inter = show(&Format::Interleaved.example(&bits));
        assert_eq!(inter, "11011011010101101110000000000011");
        for f in Format::ALL {
            let e = f.example(&bits);
            assert_eq!(e.len(), f.tokens());
            assert_eq!(*e.last().unwrap(), parity(&bits));
            assert_eq!(*f.written().last().unwrap(), f.tokens() - 2);
        }
    }
}
