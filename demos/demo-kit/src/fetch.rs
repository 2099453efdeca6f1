//! Loading the book's data files (weights, datasets) from its own server.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export async function fetch_bytes(url, gunzip) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  let body = response.body;
  if (gunzip) {
    if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot decompress gzip data');
    body = body.pipeThrough(new DecompressionStream('gzip'));
  }
  return new Uint8Array(await new Response(body).arrayBuffer());
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn fetch_bytes(url: &str, gunzip: bool) -> Result<JsValue, JsValue>;
}

/// Where the book's shared data lives, as the page's loader told the panel
/// (`data-assets`), so demos work at any depth of the site.
pub fn assets_url(panel: &web_sys::Element, file: &str) -> String {
    let base = panel.get_attribute("data-assets").unwrap_or_else(|| "../../data/".into());
    format!("{base}{file}")
}

/// Fetches `url` (gunzipping it when asked) into bytes; the error is a
/// message fit for the panel.
pub async fn bytes(url: &str, gunzip: bool) -> Result<Vec<u8>, String> {
    let value = fetch_bytes(url, gunzip).await.map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}"))
    })?;
    Ok(js_sys::Uint8Array::new(&value).to_vec())
}
