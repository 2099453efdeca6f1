//! Thin DOM shortcuts over web-sys for building and wiring a panel.

use wasm_bindgen::prelude::*;
use web_sys::{Element, EventTarget, HtmlElement};

/// The element a demo lives in, with lookups scoped to it.
#[derive(Clone)]
pub struct Panel {
    pub root: HtmlElement,
}

impl Panel {
    /// Wraps the mount element the page's loader hands to `mount`.
    pub fn new(root: HtmlElement) -> Panel {
        Panel { root }
    }

    /// The first element under the panel matching `selector`, cast to `T`.
    pub fn find<T: JsCast>(&self, selector: &str) -> Result<T, JsValue> {
        self.root
            .query_selector(selector)?
            .ok_or_else(|| JsValue::from_str(&format!("panel has no {selector}")))?
            .dyn_into::<T>()
            .map_err(|_| JsValue::from_str(&format!("{selector} has an unexpected type")))
    }

    /// All elements under the panel matching `selector`.
    pub fn find_all(&self, selector: &str) -> Result<Vec<Element>, JsValue> {
        let list = self.root.query_selector_all(selector)?;
        Ok((0..list.length())
            .filter_map(|i| list.get(i).and_then(|n| n.dyn_into::<Element>().ok()))
            .collect())
    }

    /// The value of the select or text field matching `selector` (empty if
    /// there is none): what the reader chose or typed, to be checked.
    pub fn value(&self, selector: &str) -> String {
        if let Ok(s) = self.find::<web_sys::HtmlSelectElement>(selector) {
            return s.value();
        }
        self.find::<web_sys::HtmlInputElement>(selector)
            .map(|i| i.value())
            .unwrap_or_default()
    }

    /// Sets the text of the first element matching `selector` (no-op if absent).
    pub fn set_text(&self, selector: &str, text: &str) {
        if let Ok(Some(el)) = self.root.query_selector(selector) {
            el.set_text_content(Some(text));
        }
    }

    /// Runs `f` whenever `event` fires on the panel's element matching
    /// `selector` (a button's click, a select's change): how every demo
    /// wires its controls.
    pub fn on(
        &self,
        selector: &str,
        event: &str,
        f: impl Fn() + 'static,
    ) -> Result<(), JsValue> {
        listen(
            &self.find::<web_sys::EventTarget>(selector)?,
            event,
            move |_: web_sys::Event| f(),
        )
    }

    /// Shows a non-fatal message (bad input, hints) in the panel's message
    /// line; an empty string clears it.
    pub fn message(&self, text: &str) {
        if let Ok(Some(line)) = self.root.query_selector(".demo-message") {
            line.set_text_content(Some(text));
            let _ = line
                .class_list()
                .toggle_with_force("demo-message-shown", !text.is_empty());
        }
    }
}

/// The 2D drawing context of a canvas.
pub fn context_2d(
    canvas: &web_sys::HtmlCanvasElement,
) -> Result<web_sys::CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d canvas"))?
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .map_err(JsValue::from)
}

/// Waits `ms` milliseconds without blocking (on a page or in a worker): how
/// long-running demos let the browser breathe between slices of work.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(f) = js_sys::Reflect::get(&global, &JsValue::from_str("setTimeout"))
            && let Some(f) = f.dyn_ref::<js_sys::Function>()
        {
            let _ = f.call2(&global, &resolve, &JsValue::from(ms));
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Replaces a panel's content with an error box; used by the panic hook.
pub fn show_fatal(panel: &Element, text: &str) {
    let doc = match web_sys::window().and_then(|w| w.document()) {
        Some(d) => d,
        None => return,
    };
    if let Ok(p) = doc.create_element("p") {
        p.set_class_name("demo-error");
        p.set_attribute("role", "alert").ok();
        p.set_text_content(Some(text));
        panel.set_inner_html("");
        let _ = panel.append_child(&p);
    }
}

/// Adds an event listener that lives as long as the page (demos are never
/// unmounted, so the closure is deliberately leaked).
pub fn listen<E, F>(target: &EventTarget, event: &str, handler: F) -> Result<(), JsValue>
where
    E: JsCast + 'static,
    F: FnMut(E) + 'static,
{
    let mut handler = handler;
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Ok(e) = e.dyn_into::<E>() {
            handler(e);
        }
    });
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}

/// Escapes text for inclusion in HTML built with `format!`.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
