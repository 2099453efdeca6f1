//! What every demo crate needs from the page, so each demo is only its own
//! idea: errors shown in the panel, the page's language, the theme's colours,
//! and a few DOM shortcuts.

pub mod board;
pub mod chart;
pub mod colour;
pub mod controls;
pub mod dom;
pub mod fetch;
pub mod labels;
pub mod phase;
pub mod share;
pub mod store;
pub mod worker;

pub use colour::{Rgb, Theme};
pub use dom::{Panel, context_2d, listen, sleep};

use wasm_bindgen::prelude::*;

/// The page's language, from `<html lang>`; demo labels follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// Reads `<html lang>`: anything starting with `zh` is Chinese.
    /// In a worker, which has no page, it is the `lang` its page put in the
    /// worker's address (see [`worker::spawn`]).
    pub fn of_page() -> Lang {
        let lang = match web_sys::window() {
            Some(w) => w
                .document()
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("lang"))
                .unwrap_or_default(),
            None => worker_lang().unwrap_or_default(),
        };
        Lang::from_tag(&lang)
    }

    /// The tag for a URL parameter.
    pub fn tag(self) -> &'static str {
        self.pick("en", "zh-CN")
    }

    /// Maps a BCP 47 tag to a language the book is written in.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    /// Picks the string for this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// `lang` from the running worker's own address (`worker.js?demo=…&lang=…`).
fn worker_lang() -> Option<String> {
    let location = js_sys::Reflect::get(&js_sys::global(), &"location".into()).ok()?;
    let href = js_sys::Reflect::get(&location, &"href".into()).ok()?.as_string()?;
    let query = href.split('?').nth(1)?;
    query.split('&').find_map(|kv| kv.strip_prefix("lang=")).map(str::to_string)
}

/// Makes a Rust panic end as a message in every panel of this demo rather
/// than a silent, dead box. Call first thing in `mount`.
pub fn report_panics_in_panels(demo: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        let lang = Lang::of_page();
        let text = format!(
            "{} {info}",
            lang.pick(
                "This demo stopped because of a bug (please report it):",
                "演示因程序错误而停止（请报告此问题）：",
            )
        );
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let selector = format!(".demo-panel[data-demo=\"{demo}\"]");
            if let Ok(list) = doc.query_selector_all(&selector) {
                for i in 0..list.length() {
                    if let Some(panel) =
                        list.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    {
                        dom::show_fatal(&panel, &text);
                    }
                }
            }
        }
        web_sys::console::error_1(&JsValue::from_str(&text));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("ZH"), Lang::Zh);
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::Zh.pick("a", "乙"), "乙");
    }
}
