//! Splitting any pasted text into tokens: lower-cased words for alphabetic
//! scripts, and one token per character for Chinese (so no segmenter is needed;
//! characters are what the Chinese corpus is trained on too).

/// Is `c` a CJK ideograph (one token on its own)?
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0xF900..=0xFAFF)
}

/// Tokens of `text`: runs of letters (lower-cased), single Han characters;
/// digits, punctuation, emoji and spaces separate tokens and are dropped.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_han(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphabetic() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_characters_and_noise() {
        assert_eq!(tokens("The cat's hat!"), ["the", "cat", "s", "hat"]);
        assert_eq!(tokens("床前明月光"), ["床", "前", "明", "月", "光"]);
        assert_eq!(tokens("AI很强 🤖 2024"), ["ai", "很", "强"]);
        assert!(tokens("🤖 123 ... ").is_empty());
        assert_eq!(tokens("Ünïcode ÉCOLE"), ["ünïcode", "école"]);
    }
}
