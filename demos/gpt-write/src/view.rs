//! The panel: controls, the text as it is written, the next-character
//! bars and the attention of a chosen character.

use crate::{Shared, State, next_scores, text};
use demo_kit::controls::{buttons, field, row, select};
use demo_kit::dom::escape;
use demo_kit::{Lang, Panel, Theme, listen};
use gpt::generate::distribution;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlSelectElement, KeyboardEvent, MouseEvent};

/// Controls kept in the page's address: (key, selector).
pub const SHARED: [(&str, &str); 6] = [
    ("model", ".gw-model"),
    ("temperature", ".gw-temp"),
    ("top-k", ".gw-topk"),
    ("top-p", ".gw-topp"),
    ("form", ".gw-form"),
    ("seed", ".gw-seed"),
];

/// Bars shown for the next character.
const BARS: usize = 10;

pub fn build(panel: &Panel, lang: Lang) -> Result<(), JsValue> {
    let l = text::labels(lang);
    let default_model = lang.pick("shakespeare", "tang");
    let forms: Vec<(&str, &str)> =
        text::FORMS.iter().map(|(v, en, zh)| (*v, lang.pick(en, zh))).collect();
    let html = format!(
        "{}<label class=\"gw-prompt-label\">{} <textarea class=\"gw-prompt\" rows=\"2\" spellcheck=\"false\">{}</textarea></label>\
         {}{}{}\
         <div class=\"gw-columns\">\
           <div class=\"gw-text-col\"><div class=\"gw-output\" tabindex=\"0\" role=\"textbox\" aria-readonly=\"true\" aria-label=\"{}\"></div>\
             <div class=\"dk-controls gw-attn-controls\"><label>{} <select class=\"gw-layer\"></select></label><label>{} <select class=\"gw-head\"></select></label></div>\
             <p class=\"gw-attn-text\" aria-live=\"polite\"></p><p class=\"gw-attn-help\">{}</p></div>\
           <div class=\"gw-bars-col\"><div class=\"gw-bars-title\">{}</div><div class=\"gw-bars\" role=\"list\"></div></div>\
         </div>\
         <p class=\"demo-message\" role=\"status\"></p>",
        row(
            "gw-top",
            &[
                select(
                    "gw-model",
                    l.model,
                    &[("shakespeare", l.shakespeare), ("tang", l.tang)],
                    default_model,
                ),
                select("gw-form", l.form, &forms, lang.pick("free", "5x4")),
                field("gw-heads", l.heads, "", false),
            ]
        ),
        escape(l.prompt),
        escape(default_prompt(default_model)),
        row(
            "gw-sampling",
            &[
                field("gw-temp", l.temperature, "0.8", true),
                field("gw-topk", l.top_k, "0", true),
                field("gw-topp", l.top_p, "0.95", true),
                field("gw-length", l.length, "300", true),
                field("gw-seed", l.seed, "1", true),
            ]
        ),
        buttons(
            "gw-buttons",
            &[
                ("gw-write", l.write),
                ("gw-step", l.step),
                ("gw-stop", l.stop),
                ("gw-famous", l.famous)
            ]
        ),
        "",
        escape(l.written),
        escape(l.layer),
        escape(l.head),
        escape(l.attention),
        escape(l.next),
    );
    panel.root.set_inner_html(&html);
    set_running(panel, false);
    Ok(())
}

fn default_prompt(model: &str) -> &'static str {
    if model == "tang" { "春" } else { "ROMEO:\n" }
}

/// The value of a control, empty if it is missing.
pub fn value(panel: &Panel, class: &str) -> String {
    let Ok(el) = panel.find::<web_sys::Element>(class) else { return String::new() };
    js_sys::Reflect::get(&el, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The form and acrostic controls only make sense for verse.
pub fn show_form_controls(panel: &Panel) {
    let tang = value(panel, ".gw-model") == "tang";
    for class in [".gw-form", ".gw-heads", ".gw-famous"] {
        if let Ok(el) = panel.find::<HtmlElement>(class) {
            // A field hides with its label; a button by itself.
            let target = match el.parent_element() {
                Some(label) if label.tag_name() == "LABEL" => label,
                _ => el.into(),
            };
            let _ = target.toggle_attribute_with_force("hidden", !tang);
        }
    }
}

/// Puts the model's own example start in the prompt box.
pub fn set_default_prompt(panel: &Panel) {
    let model = value(panel, ".gw-model");
    if let Ok(area) = panel.find::<web_sys::HtmlTextAreaElement>(".gw-prompt") {
        area.set_value(default_prompt(&model));
    }
}

pub fn set_running(panel: &Panel, running: bool) {
    for (class, enabled) in
        [(".gw-write", !running), (".gw-step", !running), (".gw-stop", running)]
    {
        if let Ok(b) = panel.find::<web_sys::HtmlButtonElement>(class) {
            b.set_disabled(!enabled);
        }
    }
    panel.root.set_attribute("data-running", if running { "yes" } else { "no" }).ok();
}

/// Fills a select with `1..=count` (and "mean" first if asked) when its size changed.
fn numbered(panel: &Panel, class: &str, count: usize, mean: Option<&str>) {
    let Ok(sel) = panel.find::<HtmlSelectElement>(class) else { return };
    let want = count + usize::from(mean.is_some());
    if sel.length() as usize == want {
        return;
    }
    let mut html = mean
        .map(|m| format!("<option value=\"mean\">{}</option>", escape(m)))
        .unwrap_or_default();
    for i in 0..count {
        html.push_str(&format!("<option value=\"{i}\">{}</option>", i + 1));
    }
    sel.set_inner_html(&html);
}

/// Attention weights of position `p` over the text for the chosen layer
/// and head (or the mean of heads): `(index, weight)` for each index seen.
pub fn attention_of(
    state: &State,
    p: usize,
    layer: usize,
    head: Option<usize>,
) -> Vec<(usize, f32)> {
    let Some(row) = state.rows.get(p) else { return Vec::new() };
    let Some(w) = row.weights.get(layer) else { return Vec::new() };
    let len = p + 1 - row.start;
    let heads = w.len() / len.max(1);
    (0..len)
        .map(|j| {
            let v = match head {
                Some(h) if h < heads => w[h * len + j],
                _ => {
                    (0..heads).map(|h| w[h * len + j]).sum::<f32>() / heads.max(1) as f32
                }
            };
            (row.start + j, v)
        })
        .collect()
}

pub fn render(panel: &Panel, state: &State) {
    let lang = state.lang;
    let l = text::labels(lang);
    if let Some(m) = &state.loaded {
        numbered(panel, ".gw-layer", m.model.config.layers, None);
        numbered(panel, ".gw-head", m.model.config.heads, Some(l.all_heads));
    }
    let layer = value(panel, ".gw-layer").parse().unwrap_or(0);
    let head = value(panel, ".gw-head").parse().ok();
    let last = state.chars.len().saturating_sub(1);
    let chosen = state.selected.unwrap_or(last).min(last);
    let weights: Vec<(usize, f32)> = if state.chars.len() > 1 {
        attention_of(state, chosen, layer, head)
    } else {
        Vec::new()
    };
    let accent = Theme::current().accent;
    let mut html = String::new();
    // Index 0 is the line break every text starts from: the model reads
    // it too, and heads often rest their attention there.
    for (i, &c) in state.chars.iter().enumerate() {
        let w = weights.iter().find(|(j, _)| *j == i).map(|&(_, w)| w);
        let mut class = String::from(if i < state.prompt_end { "gw-p" } else { "gw-g" });
        if i == chosen {
            class.push_str(" gw-chosen");
        }
        let style = match w {
            Some(w) if w > 0.0 => format!(
                " style=\"background-color: rgba({}, {}, {}, {:.3})\"",
                accent.0,
                accent.1,
                accent.2,
                (w.sqrt() * 0.8).min(0.8)
            ),
            _ => String::new(),
        };
        let data_w = w.map(|w| format!(" data-w=\"{w}\"")).unwrap_or_default();
        let shown = if c == '\n' { "⏎\n".to_string() } else { escape(&c.to_string()) };
        html.push_str(&format!(
            "<span data-i=\"{i}\" class=\"{class}\"{style}{data_w}>{shown}</span>"
        ));
    }
    if let Ok(out) = panel.find::<HtmlElement>(".gw-output") {
        out.set_inner_html(&html);
        let written: String = state.chars.iter().skip(state.prompt_end.max(1)).collect();
        out.set_attribute("data-generated", &written).ok();
        out.set_attribute("data-chosen", &chosen.to_string()).ok();
        out.set_scroll_top(out.scroll_height());
    }
    let mut top: Vec<(String, f32)> =
        weights.iter().map(|&(i, w)| (text::visible(state.chars[i]), w)).collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    top.truncate(3);
    let line = if top.is_empty() {
        String::new()
    } else {
        text::attends(lang, &text::visible(state.chars[chosen]), &top)
    };
    panel.set_text(".gw-attn-text", &line);
    render_bars(panel, state);
}

/// The ten likeliest next characters, as bars with percentages.
fn render_bars(panel: &Panel, state: &State) {
    let (Some(loaded), Some(settings)) = (&state.loaded, &state.settings) else { return };
    let html = match next_scores(state) {
        None => format!("<p>{}</p>", escape(text::poem_done(state.lang))),
        Some((logits, forced)) => {
            let probs = match forced.and_then(|c| loaded.vocab.id(c)) {
                Some(id) => {
                    let mut p = vec![0.0; logits.len()];
                    p[id as usize] = 1.0;
                    p
                }
                None => distribution(&logits, &settings.sampling),
            };
            let mut order: Vec<usize> =
                (0..probs.len()).filter(|&i| probs[i] > 0.0).collect();
            order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
            order
                .iter()
                .take(BARS)
                .map(|&i| {
                    let c = text::visible(loaded.vocab.chars[i]);
                    let pct = probs[i] * 100.0;
                    format!(
                        "<div class=\"gw-bar\" role=\"listitem\" data-char=\"{}\"><span class=\"gw-bar-c\">{}</span>\
                         <span class=\"gw-bar-track\"><span class=\"gw-bar-fill\" style=\"width:{pct:.1}%\"></span></span>\
                         <span class=\"gw-bar-pct\">{pct:.1}%</span></div>",
                        escape(&c),
                        escape(&c)
                    )
                })
                .collect()
        }
    };
    if let Ok(bars) = panel.find::<HtmlElement>(".gw-bars") {
        bars.set_inner_html(&html);
    }
}

/// Clicking a character, or ←/→ in the text, chooses whose attention is shown.
pub fn wire_attention(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let out: HtmlElement = panel.find(".gw-output")?;
    let (p, s) = (panel.clone(), state.clone());
    listen(&out, "click", move |e: MouseEvent| {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(i) = target.get_attribute("data-i").and_then(|v| v.parse().ok()) else {
            return;
        };
        s.borrow_mut().selected = Some(i);
        render(&p, &s.borrow());
    })?;
    let (p, s) = (panel.clone(), state.clone());
    listen(&out, "keydown", move |e: KeyboardEvent| {
        let step: isize = match e.key().as_str() {
            "ArrowLeft" | "ArrowUp" => -1,
            "ArrowRight" | "ArrowDown" => 1,
            "Home" => -100_000,
            "End" => 100_000,
            _ => return,
        };
        e.prevent_default();
        {
            let mut st = s.borrow_mut();
            let last = st.chars.len().saturating_sub(1);
            if last == 0 {
                return;
            }
            let now = st.selected.unwrap_or(last) as isize;
            st.selected = Some((now + step).clamp(0, last as isize) as usize);
        }
        render(&p, &s.borrow());
    })?;
    for class in [".gw-layer", ".gw-head"] {
        let (p, s) = (panel.clone(), state.clone());
        let el: HtmlElement = panel.find(class)?;
        listen(&el, "change", move |_: web_sys::Event| render(&p, &s.borrow()))?;
    }
    Ok(())
}
