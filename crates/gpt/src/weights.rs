//! The weights file: safetensors with half-precision numbers (half the
//! download; the model's loss does not notice), the model's shape in the
//! one metadata entry (one, so the file's bytes never depend on a hash
//! map's order) and its characters as a UTF-8 tensor.

use crate::{Config, Gpt, Vocab};
use half::f16;
use safetensors::{Dtype, SafeTensors, tensor::TensorView};
use std::collections::HashMap;

const VOCAB: &str = "vocab.utf8";

/// Written into the file's metadata; files of another format are refused.
pub const FORMAT: &str = "gpt-char-v1";

/// Serialises the model and its vocabulary.
pub fn save(model: &Gpt, vocab: &Vocab) -> Vec<u8> {
    let c = model.config;
    let bytes: Vec<Vec<u8>> = model
        .params_ref()
        .iter()
        .map(|p| p.value.iter().flat_map(|&v| f16::from_f32(v).to_le_bytes()).collect())
        .collect();
    let names = model.param_names();
    let chars: String = vocab.chars.iter().collect();
    let mut views: Vec<(&str, TensorView)> = names
        .iter()
        .zip(&bytes)
        .zip(model.params_ref())
        .map(|((name, b), p)| {
            let view = TensorView::new(Dtype::F16, vec![p.value.len()], b);
            (name.as_str(), view.expect("sizes agree"))
        })
        .collect();
    let text = TensorView::new(Dtype::U8, vec![chars.len()], chars.as_bytes());
    views.push((VOCAB, text.expect("sizes agree")));
    let shape = format!(
        "{FORMAT};ctx={};dim={};layers={};heads={}",
        c.ctx, c.dim, c.layers, c.heads
    );
    safetensors::serialize(views, Some(one_entry(shape)))
        .expect("valid tensors serialise")
}

/// The metadata map, of whichever map type safetensors was built with.
fn one_entry<M: Default + Extend<(String, String)>>(shape: String) -> M {
    let mut m = M::default();
    m.extend([("format".to_string(), shape)]);
    m
}

/// Reads a model and its vocabulary, refusing truncated, foreign or
/// inconsistent files with a message that says which.
pub fn load(bytes: &[u8]) -> Result<(Gpt, Vocab), String> {
    let bad = |e: safetensors::SafeTensorError| format!("not a valid weights file ({e})");
    let file = SafeTensors::deserialize(bytes).map_err(bad)?;
    let (_, header) = SafeTensors::read_metadata(bytes).map_err(bad)?;
    let meta = header.metadata().clone().unwrap_or_default();
    let shape = meta.get("format").cloned().unwrap_or_default();
    let mut fields = shape.split(';');
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
        file.tensor(VOCAB).map_err(|_| "weights file has no characters".to_string())?;
    let chars =
        std::str::from_utf8(text.data()).map_err(|_| "characters are not UTF-8")?;
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
        let t = file
            .tensor(name)
            .map_err(|_| format!("weights file has no tensor {name}"))?;
        if t.dtype() != Dtype::F16 || t.data().len() != param.value.len() * 2 {
            return Err(format!("tensor {name} has the wrong type or size"));
        }
        for (v, b) in param.value.iter_mut().zip(t.data().chunks_exact(2)) {
            *v = f16::from_le_bytes([b[0], b[1]]).to_f32();
        }
        if param.value.iter().any(|v| !v.is_finite()) {
            return Err(format!("tensor {name} holds NaN or infinite values"));
        }
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
