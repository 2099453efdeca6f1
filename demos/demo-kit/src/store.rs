//! Small binary blobs kept for the reading session (sessionStorage), so a
//! model trained on one page can be used by a demo on another.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function store_bytes(key, bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  try { sessionStorage.setItem(key, btoa(text)); return true; } catch (e) { return false; }
}
export function load_bytes(key) {
  let text = null;
  try { text = sessionStorage.getItem(key); } catch (e) { return undefined; }
  if (text === null) return undefined;
  try { const bin = atob(text); const out = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i); return out; }
  catch (e) { return undefined; }
}
"#)]
extern "C" {
    fn store_bytes(key: &str, bytes: &[u8]) -> bool;
    fn load_bytes(key: &str) -> Option<Vec<u8>>;
}

/// Saves `bytes` under `key` for this tab; `false` if storage is unavailable or full.
pub fn save(key: &str, bytes: &[u8]) -> bool {
    store_bytes(key, bytes)
}

/// What [`save`] stored under `key` in this tab, if anything.
pub fn load(key: &str) -> Option<Vec<u8>> {
    load_bytes(key)
}
