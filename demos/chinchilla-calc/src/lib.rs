//! Demo `chinchilla-calc`: a compute budget in, two ways of spending it
//! out. The 20-tokens-per-parameter rule and the optimum of Chinchilla's
//! fitted loss (`scaling::compute`), the fitted loss along the budget (an
//! iso-FLOP curve) and where GPT-3, Gopher, Chinchilla and the page's own
//! sweep sit. Pure arithmetic, on the page's thread.

mod text;

use demo_kit::chart::{Series, log_log_chart};
use demo_kit::{Lang, Panel, Theme, listen};
use scaling::compute::{CHINCHILLA_FIT, KNOWN, Split, parse_budget, rule_of_twenty};
use scaling::sweep::{DEFAULT_BUDGET, TEXT_SYMBOLS, page_shapes};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement};

/// What the field holds when the page opens: Gopher's budget.
fn default_budget() -> f64 {
    KNOWN[1].split.flops()
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("chinchilla-calc");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let p = panel.clone();
    panel.on(".cc-budget", "input", move || update(&p, lang))?;
    for (i, k) in KNOWN.iter().enumerate() {
        let p = panel.clone();
        let c = k.split.flops();
        panel.on(&format!(".cc-known-{i}"), "click", move || {
            if let Ok(input) = p.find::<HtmlInputElement>(".cc-budget") {
                input.set_value(&text::scientific(c));
            }
            update(&p, lang);
        })?;
    }
    if let Some(window) = web_sys::window() {
        let p = panel.clone();
        listen(&window, "book-theme-change", move |_: web_sys::Event| update(&p, lang))?;
    }
    update(&panel, lang);
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, row};
    let known: Vec<(String, String)> = KNOWN
        .iter()
        .enumerate()
        .map(|(i, k)| (format!("cc-known-{i}"), text::budget_of(lang, k.name)))
        .collect();
    let known: Vec<(&str, &str)> =
        known.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="cc">{fields}{buttons}
<div class="cc-wrap" tabindex="0" role="region" aria-label="{region}"><table class="cc-table"><thead><tr><th></th><th>{params}</th><th>{tokens}</th><th>{ratio}</th><th>{loss}</th></tr></thead><tbody>
<tr class="cc-rule"><th>{rule}</th><td></td><td></td><td></td><td></td></tr>
<tr class="cc-fit"><th>{fit}</th><td></td><td></td><td></td><td></td></tr></tbody></table></div>
<div class="dk-charts"><canvas class="cc-iso" width="460" height="300"></canvas><canvas class="cc-map" width="460" height="300"></canvas></div>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        fields = row(
            "cc-fields",
            &[field(
                "cc-budget",
                t(lang, "Compute budget, FLOPs", "算力预算（FLOPs）"),
                &text::scientific(default_budget()),
                false
            )]
        ),
        buttons = buttons("cc-buttons", &known),
        region = t(lang, "The two splits of the budget", "预算的两种分法"),
        params = t(lang, "parameters N", "参数 N"),
        tokens = t(lang, "tokens D", "词元 D"),
        ratio = t(lang, "tokens per parameter", "每个参数的词元数"),
        loss = t(lang, "fitted loss", "拟合损失"),
        rule = t(lang, "20 tokens per parameter", "每个参数 20 个词元"),
        fit = t(lang, "optimum of the fitted formula", "拟合公式的最优点"),
    ));
}

/// Reads the budget and redraws everything, or explains what is wrong.
fn update(panel: &Panel, lang: Lang) {
    match parse_budget(&panel.value(".cc-budget")) {
        Ok(c) => {
            panel.message(&text::extrapolation(lang, c));
            show(panel, lang, c);
        }
        Err(why) => {
            panel.message(&text::bad_budget(lang, why));
            panel.root.remove_attribute("data-budget").ok();
        }
    }
}

fn fill_row(panel: &Panel, row: &str, split: &Split) {
    let cells = panel.find_all(&format!(".{row} td")).unwrap_or_default();
    let loss = CHINCHILLA_FIT.loss(split.params, split.tokens);
    let values = [
        text::scientific(split.params),
        text::scientific(split.tokens),
        format!("{:.0}", split.tokens_per_param()),
        format!("{loss:.3}"),
    ];
    for (cell, v) in cells.iter().zip(values) {
        cell.set_text_content(Some(&v));
    }
}

fn show(panel: &Panel, lang: Lang, c: f64) {
    let rule = rule_of_twenty(c);
    let fit = CHINCHILLA_FIT.optimum(c);
    fill_row(panel, "cc-rule", &rule);
    fill_row(panel, "cc-fit", &fit);
    let root = &panel.root;
    root.set_attribute("data-budget", &c.to_string()).ok();
    root.set_attribute("data-rule-params", &rule.params.to_string()).ok();
    root.set_attribute("data-fit-params", &fit.params.to_string()).ok();
    root.set_attribute("data-fit-tokens", &fit.tokens.to_string()).ok();
    draw(panel, lang, c, &rule, &fit);
}

/// `n` points of `f` over sizes spaced evenly in log between `lo` and `hi`.
fn curve(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> Vec<(f32, f32)> {
    (0..=60)
        .map(|i| {
            let n = lo * (hi / lo).powf(f64::from(i) / 60.0);
            (n as f32, f(n) as f32)
        })
        .collect()
}

fn draw(panel: &Panel, lang: Lang, c: f64, rule: &Split, fit: &Split) {
    let theme = Theme::current();
    let f = CHINCHILLA_FIT;
    // The fitted loss along the budget: a valley whose floor is the optimum.
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".cc-iso") {
        let (lo, hi) = (fit.params / 100.0, fit.params * 100.0);
        let iso = curve(lo, hi, |n| f.loss_at_budget(c, n));
        let top = iso.iter().map(|p| p.1).fold(0f32, f32::max);
        let bottom = iso.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        let optimum = [(fit.params as f32, f.loss(fit.params, fit.tokens) as f32)];
        let twenty = [(rule.params as f32, f.loss(rule.params, rule.tokens) as f32)];
        let known: Vec<(f32, f32)> = KNOWN
            .iter()
            .filter(|k| (k.split.flops() / c - 1.0).abs() < 0.02)
            .map(|k| {
                (k.split.params as f32, f.loss(k.split.params, k.split.tokens) as f32)
            })
            .collect();
        let series = [
            Series::plain(
                t(lang, "fitted loss on this budget", "这份预算下的拟合损失"),
                theme.fg.mix(theme.bg, 0.3),
                &iso,
            ),
            Series::dots(t(lang, "optimum", "最优点"), theme.positive, &optimum),
            Series::dots(
                t(lang, "20 tokens per parameter", "每个参数 20 个词元"),
                theme.accent,
                &twenty,
            ),
            Series::dots(
                t(lang, "the model trained on it", "用这份预算训练的模型"),
                theme.fg,
                &known,
            ),
        ];
        let _ = log_log_chart(
            &canvas,
            &theme,
            (t(lang, "parameters", "参数"), t(lang, "fitted loss", "拟合损失")),
            lo as f32..hi as f32,
            bottom * 0.99..top * 1.01,
            &series,
        );
    }
    // Budget against size: both rules, the famous models and the page's own.
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".cc-map") {
        let (lo, hi) = (1e9, 1e28);
        let twenty = curve(lo, hi, |c| rule_of_twenty(c).params);
        let fitted = curve(lo, hi, |c| f.optimum(c).params);
        let known: Vec<(f32, f32)> = KNOWN
            .iter()
            .map(|k| (k.split.flops() as f32, k.split.params as f32))
            .collect();
        let ours: Vec<(f32, f32)> = page_shapes()
            .iter()
            .map(|s| {
                let n = s.config(TEXT_SYMBOLS).params() as f64;
                (scaling::compute::flops(n, DEFAULT_BUDGET as f64) as f32, n as f32)
            })
            .collect();
        let here = [(c as f32, fit.params as f32)];
        let series = [
            Series::plain(
                t(lang, "20 tokens per parameter", "每个参数 20 个词元"),
                theme.accent,
                &twenty,
            ),
            Series::plain(
                t(lang, "optimum of the fit", "拟合的最优点"),
                theme.positive,
                &fitted,
            ),
            Series::dots(
                t(lang, "GPT-3, Gopher, Chinchilla", "GPT-3、Gopher、Chinchilla"),
                theme.fg,
                &known,
            ),
            Series::dots(
                t(lang, "this book's sweep", "本书的扫描"),
                theme.fg.mix(theme.bg, 0.35),
                &ours,
            ),
            Series::dots(
                t(lang, "your budget, at the fit's optimum", "你的预算（拟合的最优点）"),
                theme.positive,
                &here,
            ),
        ];
        let _ = log_log_chart(
            &canvas,
            &theme,
            (t(lang, "compute, FLOPs", "算力（FLOPs）"), t(lang, "parameters", "参数")),
            lo as f32..hi as f32,
            1e3..1e13,
            &series,
        );
    }
}
