//! For `./dev bench`: the page's generation path, driven one character at a
//! time from JavaScript, so that it and onnxruntime-web (running the same
//! weights, `bench/export_gpt_onnx.py`) are timed by the same loop.

use gpt::generate::distribution;
use gpt::{Gpt, Sampling, Session, Vocab};
use wasm_bindgen::prelude::*;

/// A shipped model writing greedily with the KV cache, as `gpt-write` does.
#[wasm_bindgen]
pub struct BenchWriter {
    model: Gpt,
    vocab: Vocab,
    session: Session,
}

#[wasm_bindgen]
impl BenchWriter {
    /// From a weights file's bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<BenchWriter, JsValue> {
        let (model, vocab) =
            gpt::weights::load(bytes).map_err(|e| JsValue::from_str(&e))?;
        Ok(BenchWriter { model, vocab, session: Session::new() })
    }

    /// Forgets the text read so far.
    pub fn reset(&mut self) {
        self.session = Session::new();
    }

    /// The model's characters, in id order.
    pub fn vocab(&self) -> String {
        self.vocab.chars.iter().collect()
    }

    /// Attention heads and their width: the shape of a layer's cache.
    pub fn heads(&self) -> usize {
        self.model.config.heads
    }
    pub fn head_width(&self) -> usize {
        self.model.config.dim / self.model.config.heads
    }

    /// Reads character `id`; returns the likeliest next one.
    pub fn step(&mut self, id: u32) -> u32 {
        let logits = self.session.feed(&self.model, id);
        let probs = distribution(&logits, &Sampling::GREEDY);
        probs.iter().position(|&p| p > 0.0).unwrap_or(0) as u32
    }
}
