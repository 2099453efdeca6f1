//! A demo's settings in the page's address, so a reader can send "this
//! kernel on this digit" or "these training settings" as a link.
//!
//! Each demo owns the query parameters that start with its name
//! (`?conv-kernel.digit=3&conv-kernel.preset=sobel-x`); the section anchor
//! (`#…`) is left alone. Writing uses `history.replaceState`, so sharing
//! adds no entries to the back button.

use web_sys::{Url, UrlSearchParams};

fn current() -> Option<Url> {
    let href = web_sys::window()?.location().href().ok()?;
    Url::new(&href).ok()
}

/// The value of `demo.key` in the page's address, if any (at most 200
/// characters: an address is not a place for pasted text).
pub fn get(demo: &str, key: &str) -> Option<String> {
    let value = current()?.search_params().get(&format!("{demo}.{key}"))?;
    (value.len() <= 200).then_some(value)
}

/// Replaces this demo's parameters in the address with `pairs` (an empty
/// value leaves its key out). Other demos' parameters and the anchor stay.
pub fn set(demo: &str, pairs: &[(&str, String)]) {
    let Some(url) = current() else { return };
    let params: UrlSearchParams = url.search_params();
    let prefix = format!("{demo}.");
    let keys: Vec<String> = js_sys::try_iter(&params.keys())
        .ok()
        .flatten()
        .into_iter()
        .flatten()
        .filter_map(|k| k.ok()?.as_string())
        .filter(|k| k.starts_with(&prefix))
        .collect();
    for k in keys {
        params.delete(&k);
    }
    for (key, value) in pairs {
        if !value.is_empty() {
            params.append(&format!("{prefix}{key}"), value);
        }
    }
    url.set_search(&params.to_string().as_string().unwrap_or_default());
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let href = url.href();
        let here = web_sys::window().and_then(|w| w.location().href().ok());
        if here.as_deref() != Some(href.as_str()) {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&href),
            );
        }
    }
}

/// Fills the panel's controls from the address: `controls` pairs a key with
/// the selector of an `<input>` or `<select>`. A select keeps its choice
/// when the shared value is not one of its options.
pub fn restore_controls(panel: &crate::Panel, demo: &str, controls: &[(&str, &str)]) {
    for (key, selector) in controls {
        let Some(value) = get(demo, key) else { continue };
        if let Ok(select) = panel.find::<web_sys::HtmlSelectElement>(selector) {
            let before = select.value();
            select.set_value(&value);
            if select.value() != value {
                select.set_value(&before);
            }
        } else if let Ok(input) = panel.find::<web_sys::HtmlInputElement>(selector) {
            input.set_value(&value);
        }
    }
}

/// Writes the current values of `controls` (as in [`restore_controls`]) to the address.
pub fn save_controls(panel: &crate::Panel, demo: &str, controls: &[(&str, &str)]) {
    let pairs: Vec<(&str, String)> = controls
        .iter()
        .map(|(key, selector)| {
            let value = match panel.find::<web_sys::HtmlSelectElement>(selector) {
                Ok(s) => s.value(),
                Err(_) => panel
                    .find::<web_sys::HtmlInputElement>(selector)
                    .map(|i| i.value())
                    .unwrap_or_default(),
            };
            (*key, value)
        })
        .collect();
    set(demo, &pairs);
}
