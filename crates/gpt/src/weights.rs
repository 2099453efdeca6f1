//! The GPT's weights file: the book's half-precision format
//! (`weights-file`), the model's shape in its metadata and the model's
//! characters as a UTF-8 tensor.

use crate::{Config, Gpt, Vocab};
use std::collections::HashMap;
use weights_file::Reader;

const VOCAB: &str = "vocab.utf8";

/// Written into the file's metadata; files of another format are refused.
pub const FORMAT: &str = "gpt-char-v1";

/// Serialises the model and its vocabulary.
pub fn save(model: &Gpt, vocab: &Vocab) -> Vec<u8> {
    let c = model.config;
    let names = model.param_names();
    let params: Vec<(&str, &[f32])> = names
        .iter()
        .zip(model.params_ref())
        .map(|(name, p)| (name.as_str(), p.value.as_slice()))
        .collect();
    let chars: String = vocab.chars.iter().collect();
    let shape = format!(
        "{FORMAT};ctx={};dim={};layers={};heads={}",
        c.ctx, c.dim, c.layers, c.heads
    );
    weights_file::save(&shape, &params, &[(VOCAB, chars.as_bytes())])
}

/// Reads a model and its vocabulary, refusing truncated, foreign or
/// inconsistent files with a message that says which.
pub fn load(bytes: &[u8]) -> Result<(Gpt, Vocab), String> {
    let file = Reader::new(bytes)?;
    let mut fields = file.format.split(';');
    let format = fields.next().unwrap_or_default();
    if format != FORMAT {
        return Err(format!("weights are for {format:?}, this model reads {FORMAT:?}"));
    }
    let fields: HashMap<&str, &str> = fields.filter_map(|f| f.split_once('=')).collect();
    let number = |key: &str| -> Result<usize, String> {
        fields
            .get(key)
            .and_then(|v| v.parse().ok())
            .filter(|&v| v > 0 && v <= 1 << 16)
            .ok_or_else(|| format!("weights file has no sensible {key}"))
    };
    let text =
        file.bytes(VOCAB).ok_or_else(|| "weights file has no characters".to_string())?;
    let chars = std::str::from_utf8(text).map_err(|_| "characters are not UTF-8")?;
    let vocab = Vocab::from_chars(chars.chars().collect());
    let config = Config {
        vocab: vocab.len(),
        ctx: number("ctx")?,
        dim: number("dim")?,
        layers: number("layers")?,
        heads: number("heads")?,
    };
    if vocab.is_empty() || !config.dim.is_multiple_of(config.heads) {
        return Err("weights file describes an impossible model".into());
    }
    let mut model = Gpt::new(config, 0);
    let names = model.param_names();
    for (name, param) in names.iter().zip(model.params()) {
        file.f16_into(name, &mut param.value)?;
    }
    model.freeze();
    Ok((model, vocab))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_shape_characters_and_weights() {
        let vocab = Vocab::of_text("春眠不觉晓，处处闻啼鸟。\n");
        let config = Config { vocab: vocab.len(), ctx: 16, dim: 8, layers: 2, heads: 2 };
        let model = Gpt::new(config, 3);
        let bytes = save(&model, &vocab);
        let (back, v) = load(&bytes).unwrap();
        assert_eq!(v, vocab);
        assert_eq!(back.config, config);
        for (a, b) in model.params_ref().iter().zip(back.params_ref()) {
            for (x, y) in a.value.iter().zip(&b.value) {
                assert!((x - y).abs() <= x.abs() * 1e-3 + 1e-7, "{x} vs {y}");
            }
        }
        // Saving what was loaded gives the same bytes.
        assert_eq!(save(&back, &v), bytes);
    }

    #[test]
    fn broken_files_are_refused_with_reasons() {
        let vocab = Vocab::of_text("ab");
        let model = Gpt::new(Config { vocab: 2, ctx: 4, dim: 4, layers: 1, heads: 1 }, 1);
        let bytes = save(&model, &vocab);
        let err = load(&bytes[..bytes.len() - 10]).err().unwrap();
        assert!(err.contains("not a valid weights file"), "{err}");
        assert!(load(b"").err().unwrap().contains("not a valid"));
        let mut other = bytes.clone();
        let at =
            other.windows(FORMAT.len()).position(|w| w == FORMAT.as_bytes()).unwrap();
        other[at] = b'X';
        assert!(load(&other).err().unwrap().contains("this model reads"));
    }
}
