//! Loading the book's data files (weights, datasets) from its own server.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export async function fetch_bytes(url, gunzip, zh) {
  const name = url.split('/').pop();
  let response;
  try { response = await fetch(url); } catch (e) {
    // The browser's own words ("Failed to fetch") name neither the file nor the cause.
    throw new Error(zh ? `无法从服务器取得 ${name}（网络中断，或者页面不是通过网页服务器打开的）`
                       : `could not get ${name} from the server (the connection failed, or the page was not opened through a web server)`);
  }
  if (!response.ok) throw new Error(zh ? `${name}：服务器回答 HTTP ${response.status}` : `${name}: the server answered HTTP ${response.status}`);
  let body = response.body;
  if (gunzip) {
    if (typeof DecompressionStream !== 'function') throw new Error(zh ? '这个浏览器不能解压 gzip 数据' : 'this browser cannot decompress gzip data');
    body = body.pipeThrough(new DecompressionStream('gzip'));
  }
  try { return new Uint8Array(await new Response(body).arrayBuffer()); } catch (e) {
    throw new Error(zh ? `${name} 下载不完整或已损坏` : `${name} arrived incomplete or damaged`);
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn fetch_bytes(url: &str, gunzip: bool, zh: bool) -> Result<JsValue, JsValue>;
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
    // In a worker there is no <html lang>; the worker's own URL says nothing
    // either, so messages follow the page when it can be read.
    let zh = crate::Lang::of_page() == crate::Lang::Zh;
    let value = fetch_bytes(url, gunzip, zh).await.map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}"))
    })?;
    Ok(js_sys::Uint8Array::new(&value).to_vec())
}
