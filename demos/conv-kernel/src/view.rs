//! Drawing the panel: the HTML skeleton once, then canvases and numbers on
//! every change.

use crate::kernel_input::{show_weight, show2};
use crate::text;
use crate::{K, OUT, SIDE, State};
use demo_kit::dom::escape;
use demo_kit::{Panel, Theme, context_2d};
use ndarray::ArrayView2;
use wasm_bindgen::prelude::*;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, HtmlInputElement,
};

/// Pixels per cell on the big canvases.
const CELL: usize = 10;

/// Writes the panel's HTML skeleton (labels in the page's language).
pub fn build(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let l = text::labels(s.lang);
    let thumbs: String = s
        .digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let title = escape(&text::digit_title(s.lang, mnist::SAMPLE_TEST_INDICES[i], d.label));
            format!(
                "<button type=\"button\" class=\"cv-digit\" data-index=\"{i}\" title=\"{title}\" \
                 aria-label=\"{title}\"><canvas width=\"28\" height=\"28\"></canvas></button>"
            )
        })
        .collect();
    let mut options: String = cnn::PRESETS
        .iter()
        .map(|(id, _)| {
            format!("<option value=\"{id}\">{}</option>", text::preset_name(s.lang, id))
        })
        .collect();
    options.push_str(&format!(
        "<option value=\"custom\">{}</option>",
        text::preset_name(s.lang, "custom")
    ));
    let cells: String = (0..K * K)
        .map(|i| {
            format!(
                "<input type=\"text\" inputmode=\"decimal\" class=\"cv-k\" data-cell=\"{i}\" \
                 aria-label=\"{} {}, {}\" spellcheck=\"false\" autocomplete=\"off\">",
                l.kernel,
                i / K + 1,
                i % K + 1
            )
        })
        .collect();
    let terms: String = (0..K * K)
        .map(|i| format!("<span class=\"cv-term\" data-term=\"{i}\"></span>"))
        .collect();
    let big = SIDE * CELL;
    let out = OUT * CELL;
    let pooled = (OUT / 2) * CELL;
    panel.root.set_inner_html(&format!(
        r#"<div class="cv">
<div class="cv-row cv-digits" role="group" aria-label="{digits}"><span class="cv-label">{digits}</span>{thumbs}
<button type="button" class="cv-clear">{clear}</button></div>
<div class="cv-row cv-kernel-row"><label class="cv-label">{kernel} <select class="cv-preset">{options}</select></label>
<div class="cv-kernel">{cells}</div></div>
<div class="cv-row cv-maps">
<figure><canvas class="cv-input" width="{big}" height="{big}"></canvas><figcaption>{input}</figcaption></figure>
<span class="cv-arrow" aria-hidden="true">→</span>
<figure><canvas class="cv-output" width="{out}" height="{out}"></canvas><figcaption>{output}</figcaption>
<div class="cv-legend" aria-hidden="true"><canvas class="cv-scale" width="200" height="10"></canvas>
<div class="cv-scale-labels"><span class="cv-min"></span><span>0</span><span class="cv-max"></span></div></div></figure>
<span class="cv-arrow" aria-hidden="true">→</span>
<figure><canvas class="cv-pooled" width="{pooled}" height="{pooled}"></canvas><figcaption>{pooled_l}</figcaption></figure>
</div>
<div class="cv-row cv-steps" role="group" aria-label="{position}">
<button type="button" class="cv-prev" aria-label="{prev}" title="{prev}">◀</button>
<button type="button" class="cv-play"></button>
<button type="button" class="cv-next" aria-label="{next}" title="{next}">▶</button>
<input type="range" class="cv-pos" min="0" max="{max}" step="1" aria-label="{position}">
<span class="cv-where" aria-live="polite"></span></div>
<div class="cv-row cv-math"><div><div class="cv-label">{terms_l}</div><div class="cv-terms">{terms}</div>
<div class="cv-total">= <output class="cv-sum"></output></div></div>
<div><div class="cv-label">{pool_l}</div><div class="cv-pool-math"></div></div></div>
<p class="demo-message" role="status" aria-live="polite"></p>
</div>"#,
        digits = l.digits,
        clear = l.clear,
        kernel = l.kernel,
        input = l.input,
        output = l.output,
        pooled_l = l.pooled,
        position = l.position,
        prev = l.prev,
        next = l.next,
        max = OUT * OUT - 1,
        terms_l = l.terms,
        pool_l = l.pool,
    ));
    fill_kernel_inputs(panel, s)?;
    draw_thumbnails(panel, s)
}

/// Writes the current kernel into the nine cells (after a preset change).
pub fn fill_kernel_inputs(panel: &Panel, s: &State) -> Result<(), JsValue> {
    for (i, cell) in panel.find_all(".cv-k")?.into_iter().enumerate().take(K * K) {
        let input: HtmlInputElement = cell.dyn_into()?;
        input.set_value(&show_weight(s.kernel[[i / K, i % K]]));
        input.class_list().remove_1("cv-bad")?;
    }
    panel.message("");
    Ok(())
}

/// Draws the small digit pictures on the picker buttons.
pub fn draw_thumbnails(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let theme = Theme::current();
    for (i, button) in panel.find_all(".cv-digit canvas")?.into_iter().enumerate() {
        let canvas: HtmlCanvasElement = button.dyn_into()?;
        let Some(d) = s.digits.get(i) else { continue };
        let ctx = context_2d(&canvas)?;
        for (j, &p) in d.pixels.iter().enumerate() {
            ctx.set_fill_style_str(&theme.ink(f32::from(p) / 255.0).css());
            ctx.fill_rect((j % SIDE) as f64, (j / SIDE) as f64, 1.0, 1.0);
        }
    }
    Ok(())
}

fn draw_grid<F: Fn(f32) -> String>(
    ctx: &CanvasRenderingContext2d,
    values: ArrayView2<f32>,
    cell: f64,
    colour: F,
) {
    for ((r, c), &v) in values.indexed_iter() {
        ctx.set_fill_style_str(&colour(v));
        // Overlap by a hair so no seams show between cells.
        ctx.fill_rect(c as f64 * cell, r as f64 * cell, cell + 0.5, cell + 0.5);
    }
}

fn outline(
    ctx: &CanvasRenderingContext2d,
    colour: &str,
    x: usize,
    y: usize,
    w: usize,
    h: usize,
    cell: f64,
) {
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.0);
    ctx.stroke_rect(
        x as f64 * cell + 1.0,
        y as f64 * cell + 1.0,
        w as f64 * cell - 2.0,
        h as f64 * cell - 2.0,
    );
}

/// Largest magnitude in a map, for a symmetric colour scale (never 0).
fn scale(values: ArrayView2<f32>) -> f32 {
    let m = values.iter().filter(|v| v.is_finite()).fold(0.0f32, |m, v| m.max(v.abs()));
    if m > 0.0 { m } else { 1.0 }
}

/// Redraws canvases, the arithmetic and the controls from the state.
pub fn render(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let theme = Theme::current();
    let accent = theme.accent.css();
    let (r, c) = s.pos;
    let cell = CELL as f64;

    let input = context_2d(&panel.find(".cv-input")?)?;
    draw_grid(&input, s.image.view(), cell, |v| theme.ink(v).css());
    outline(&input, &accent, c, r, K, K, cell);

    let limit = scale(s.map.view());
    let out = context_2d(&panel.find(".cv-output")?)?;
    draw_grid(&out, s.map.view(), cell, |v| theme.diverging(v, limit).css());
    let (pr, pc) = (r / 2, c / 2);
    outline(&out, &theme.fg.mix(theme.bg, 0.4).css(), pc * 2, pr * 2, 2, 2, cell);
    outline(&out, &accent, c, r, 1, 1, cell);

    let pooled = context_2d(&panel.find(".cv-pooled")?)?;
    draw_grid(&pooled, s.pooled.view(), cell, |v| theme.diverging(v, limit).css());
    if pr < s.pooled.nrows() && pc < s.pooled.ncols() {
        outline(&pooled, &accent, pc, pr, 1, 1, cell);
    }

    render_scale(panel, &theme, limit)?;
    render_terms(panel, s)?;
    render_pool(panel, s)?;
    for button in panel.find_all(".cv-digit")? {
        let index =
            button.get_attribute("data-index").and_then(|v| v.parse::<usize>().ok());
        button.set_attribute(
            "aria-pressed",
            if index == s.picked { "true" } else { "false" },
        )?;
    }

    let l = text::labels(s.lang);
    panel
        .find::<HtmlElement>(".cv-play")?
        .set_text_content(Some(if s.playing.is_some() { l.pause } else { l.play }));
    panel.find::<HtmlInputElement>(".cv-pos")?.set_value(&(r * OUT + c).to_string());
    let place = panel.find::<HtmlElement>(".cv-where")?;
    place.set_text_content(Some(&text::where_text(s.lang, r, c)));
    place.set_attribute("data-row", &r.to_string())?;
    place.set_attribute("data-col", &c.to_string())?;

    if s.is_blank() {
        panel.message(text::blank(s.lang));
    } else if panel.root.query_selector(".cv-bad")?.is_none() {
        panel.message("");
    }
    Ok(())
}

/// The colour key under the feature map: −limit … 0 … +limit.
fn render_scale(panel: &Panel, theme: &Theme, limit: f32) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = panel.find(".cv-scale")?;
    let ctx = context_2d(&canvas)?;
    let w = canvas.width() as usize;
    for x in 0..w {
        let v = (x as f32 / (w - 1).max(1) as f32 * 2.0 - 1.0) * limit;
        ctx.set_fill_style_str(&theme.diverging(v, limit).css());
        ctx.fill_rect(x as f64, 0.0, 1.0, f64::from(canvas.height()));
    }
    panel.find::<HtmlElement>(".cv-min")?.set_text_content(Some(&show2(-limit)));
    panel
        .find::<HtmlElement>(".cv-max")?
        .set_text_content(Some(&format!("+{}", show2(limit))));
    Ok(())
}

fn render_terms(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let (r, c) = s.pos;
    let terms = cnn::window_terms(s.image.view(), s.kernel.view(), r, c);
    for (el, t) in panel.find_all(".cv-term")?.into_iter().zip(&terms) {
        el.set_text_content(Some(&format!(
            "{} × {} = {}",
            show2(t.pixel),
            show_weight(t.weight),
            show2(t.product)
        )));
        el.set_attribute("data-pixel", &t.pixel.to_string())?;
        el.set_attribute("data-weight", &t.weight.to_string())?;
        el.set_attribute("data-product", &t.product.to_string())?;
        el.class_list().toggle_with_force("cv-term-zero", t.product == 0.0)?;
    }
    let value = s.map.get((r, c)).copied().unwrap_or(0.0);
    let sum: HtmlElement = panel.find(".cv-sum")?;
    sum.set_text_content(Some(&show2(value)));
    sum.set_attribute("data-value", &value.to_string())
}

fn render_pool(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let (pr, pc) = (s.pos.0 / 2, s.pos.1 / 2);
    let block: Vec<f32> = (0..4)
        .filter_map(|i| s.map.get((pr * 2 + i / 2, pc * 2 + i % 2)).copied())
        .collect();
    let best = s.pooled.get((pr, pc)).copied().unwrap_or(0.0);
    let shown: Vec<String> = block.iter().map(|&v| show2(v)).collect();
    let el: HtmlElement = panel.find(".cv-pool-math")?;
    el.set_text_content(Some(&format!("max({}) = {}", shown.join(", "), show2(best))));
    el.set_attribute("data-value", &best.to_string())
}
