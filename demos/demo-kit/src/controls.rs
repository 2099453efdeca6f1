//! The controls every demo is made of, written once: labelled selects and
//! text fields, button rows, a progress bar with its status line. A demo's
//! own code is then its layout and drawing. Each control keeps the class the
//! demo gives it (tests and the demo find it by that class); the shared look
//! comes from the `dk-` classes in `assets/css/book.css`.

use crate::dom::escape;
use crate::{Lang, Panel};
use web_sys::HtmlProgressElement;

/// `<label>text <select class=…>` with `(value, text)` options.
pub fn select(
    class: &str,
    label: &str,
    options: &[(&str, &str)],
    selected: &str,
) -> String {
    let options: String = options
        .iter()
        .map(|(value, text)| {
            let chosen = if *value == selected { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{chosen}>{}</option>",
                escape(value),
                escape(text)
            )
        })
        .collect();
    format!(
        "<label>{} <select class=\"{class}\">{options}</select></label>",
        escape(label)
    )
}

/// Borrowed `(value, text)` pairs for [`select`] from owned ones (options
/// built with `format!`).
pub fn options(owned: &[(String, String)]) -> Vec<(&str, &str)> {
    owned.iter().map(|(v, t)| (v.as_str(), t.as_str())).collect()
}

/// A labelled text field; `numeric` brings up a number keypad on phones.
/// Values are checked by the demo when it reads them, never by the browser,
/// so the reader gets the demo's own message.
pub fn field(class: &str, label: &str, value: &str, numeric: bool) -> String {
    let mode = if numeric { " inputmode=\"decimal\"" } else { "" };
    format!(
        "<label>{} <input class=\"{class}\" type=\"text\"{mode} value=\"{}\" spellcheck=\"false\" autocomplete=\"off\"></label>",
        escape(label),
        escape(value)
    )
}

/// A wrapping row of fields (`extra` adds the demo's own class).
pub fn row(extra: &str, fields: &[String]) -> String {
    format!("<div class=\"dk-controls {extra}\">{}</div>", fields.concat())
}

/// A row of buttons, `(class, text)` each.
pub fn buttons(extra: &str, buttons: &[(&str, &str)]) -> String {
    let inner: String = buttons
        .iter()
        .map(|(class, text)| {
            format!("<button type=\"button\" class=\"{class}\">{}</button>", escape(text))
        })
        .collect();
    format!("<div class=\"dk-buttons {extra}\">{inner}</div>")
}

/// A progress bar and its status line: `<prefix>-progress` and `<prefix>-status`.
pub fn progress(prefix: &str, status: &str) -> String {
    format!(
        "<div class=\"dk-progress-row {prefix}-progress-row\"><progress class=\"dk-progress {prefix}-progress\" max=\"1\" value=\"0\"></progress>\
         <span class=\"{prefix}-status\" aria-live=\"polite\">{}</span></div>",
        escape(status)
    )
}

/// Moves a [`progress`] bar to `fraction` (0–1) and writes its status.
pub fn set_progress(panel: &Panel, prefix: &str, fraction: f32, status: &str) {
    if let Ok(bar) = panel.find::<HtmlProgressElement>(&format!(".{prefix}-progress")) {
        bar.set_value(f64::from(fraction.clamp(0.0, 1.0)));
    }
    panel.set_text(&format!(".{prefix}-status"), status);
}

/// "42% · 5,300 images/s · about 4 s left", in the page's language; `unit`
/// is what is counted, in English and Chinese (`("images", "张")`).
pub fn rate_and_eta(
    lang: Lang,
    fraction: f32,
    rate: f32,
    unit: (&str, &str),
    eta_seconds: Option<f32>,
) -> String {
    let pct = (fraction * 100.0).clamp(0.0, 100.0).round();
    let rate = thousands(rate.max(0.0).round() as u64);
    let eta = eta_seconds.filter(|s| s.is_finite() && *s >= 0.0).map(|s| s.ceil() as u64);
    match (lang, eta) {
        (Lang::En, Some(s)) => format!("{pct}% · {rate} {}/s · about {s} s left", unit.0),
        (Lang::En, None) => format!("{pct}% · {rate} {}/s", unit.0),
        (Lang::Zh, Some(s)) => format!("{pct}% · 每秒 {rate} {} · 约剩 {s} 秒", unit.1),
        (Lang::Zh, None) => format!("{pct}% · 每秒 {rate} {}", unit.1),
    }
}

/// The text pasted into the `<textarea>` at `selector`, cut to `max_chars`
/// characters. `None` (with a message in the panel) when it is empty; a cut
/// text is used with a message saying so; otherwise the message is cleared.
pub fn pasted_text(panel: &Panel, selector: &str, max_chars: usize) -> Option<String> {
    let lang = Lang::of_page();
    let raw = panel
        .find::<web_sys::HtmlTextAreaElement>(selector)
        .map(|a| a.value())
        .unwrap_or_default();
    if raw.trim().is_empty() {
        panel.message(lang.pick("Paste some text first.", "请先粘贴一些文本。"));
        return None;
    }
    if raw.chars().nth(max_chars).is_some() {
        let n = thousands(max_chars as u64);
        panel.message(&match lang {
            Lang::En => {
                format!("The text is long: only its first {n} characters are used.")
            }
            Lang::Zh => format!("文本太长：只使用前 {n} 个字符。"),
        });
    } else {
        panel.message("");
    }
    Some(raw.chars().take(max_chars).collect())
}

/// 241300 → "241,300".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_escape_their_text_and_keep_their_class() {
        let html =
            select("lt-opt", "Optimizer <x>", &[("adam", "Adam"), ("sgd", "SGD")], "sgd");
        assert!(html.contains("class=\"lt-opt\""));
        assert!(html.contains("Optimizer &lt;x&gt;"));
        assert!(html.contains("<option value=\"sgd\" selected>SGD</option>"));
        assert!(field("w2-dim", "Dim", "5\"0", true).contains("value=\"5&quot;0\""));
    }

    #[test]
    fn progress_text_in_both_languages() {
        assert_eq!(thousands(241_300), "241,300");
        assert_eq!(thousands(7), "7");
        assert_eq!(
            rate_and_eta(Lang::En, 0.421, 5300.4, ("images", "张"), Some(3.2)),
            "42% · 5,300 images/s · about 4 s left"
        );
        assert_eq!(
            rate_and_eta(Lang::Zh, 1.0, 10.0, ("words", "词"), None),
            "100% · 每秒 10 词"
        );
    }
}
