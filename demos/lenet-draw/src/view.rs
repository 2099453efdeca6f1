//! The panel: a drawing pad, the network's input, its answer and its insides.

use crate::text;
use crate::{PAD, ROWS, State};
use demo_kit::{Lang, Panel, Theme, context_2d};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, PointerEvent};

/// Stroke width on the 280-pixel pad: about two MNIST pixels.
const BRUSH: f64 = 20.0;

/// (maps, side) of each picture row; dense rows are drawn as strips.
const MAPS: [(usize, usize); 4] = [(6, 28), (6, 14), (16, 10), (16, 5)];

pub fn build(panel: &Panel, lang: Lang) -> Result<(), JsValue> {
    let l = text::labels(lang);
    let bars: String = (0..10)
        .map(|d| {
            format!(
                "<div class=\"ld-bar\" data-digit=\"{d}\"><span class=\"ld-d\">{d}</span>\
                 <span class=\"ld-track\"><span class=\"ld-fill\"></span></span><span class=\"ld-pct\"></span></div>"
            )
        })
        .collect();
    let rows: String = (0..ROWS.len())
        .map(|r| {
            let name = text::layer_name(lang, r);
            let (canvases, alt): (String, String) = match MAPS.get(r) {
                Some(&(count, side)) => (
                    (0..count)
                        .map(|_| format!("<canvas class=\"ld-map\" width=\"{side}\" height=\"{side}\"></canvas>"))
                        .collect(),
                    match lang {
                        Lang::En => format!("{name}: {count} feature maps of {side} × {side}"),
                        Lang::Zh => format!("{name}：{count} 张 {side} × {side} 的特征图"),
                    },
                ),
                None => (
                    "<canvas class=\"ld-strip\" width=\"120\" height=\"1\"></canvas>".into(),
                    match lang {
                        Lang::En => format!("{name}: its numbers as a strip of shades"),
                        Lang::Zh => format!("{name}：它的各个数画成的一条色带"),
                    },
                ),
            };
            format!(
                "<div class=\"ld-row\" data-row=\"{r}\"><div class=\"ld-row-name\">{name}</div><div class=\"ld-maps\" role=\"img\" aria-label=\"{alt}\">{canvases}</div></div>"
            )
        })
        .collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="ld">
<div class="ld-top">
<figure class="ld-pad-box"><div class="ld-pad-wrap"><canvas class="ld-pad" width="{PAD}" height="{PAD}" tabindex="0" aria-label="{keys}"></canvas><span class="ld-cursor" hidden></span></div>
<figcaption>{draw}</figcaption>
<div class="ld-buttons"><button type="button" class="ld-clear">{clear}</button>
<button type="button" class="ld-sample">{sample}</button></div>
<label class="ld-model-label">{model} <select class="ld-model"><option value="shipped">{shipped}</option>
<option value="yours" disabled>{yours}</option></select></label></figure>
<figure><canvas class="ld-input" width="28" height="28"></canvas><figcaption>{sees}</figcaption></figure>
<div class="ld-result"><div class="ld-label">{guess}</div><output class="ld-answer" aria-live="polite"></output>
<div class="ld-bars">{bars}</div></div>
</div>
<p class="demo-message" role="status" aria-live="polite"></p>
<details class="ld-inside" open><summary>{layers}</summary>{rows}</details>
</div>"#,
        draw = l.draw,
        keys = l.keys,
        clear = l.clear,
        sample = l.sample,
        model = l.model,
        shipped = l.shipped,
        yours = l.yours,
        sees = l.sees,
        guess = l.guess,
        layers = l.layers,
    ));
    Ok(())
}

/// Pointer position in pad pixels, whatever size CSS gives the canvas.
pub fn pad_point(canvas: &HtmlCanvasElement, e: &PointerEvent) -> (f64, f64) {
    let r = canvas.get_bounding_client_rect();
    let x = (f64::from(e.client_x()) - r.left()) / r.width().max(1.0) * PAD as f64;
    let y = (f64::from(e.client_y()) - r.top()) / r.height().max(1.0) * PAD as f64;
    (x, y)
}

/// Shows the keyboard pen at `at` (pad pixels), a ring while it is up and a
/// filled dot while it draws; `None` hides it. It is an element over the
/// canvas, not paint on it, so it never counts as ink.
pub fn show_cursor(
    panel: &Panel,
    at: Option<(f64, f64)>,
    down: bool,
) -> Result<(), JsValue> {
    let cursor: HtmlElement = panel.find(".ld-cursor")?;
    let Some((x, y)) = at else {
        cursor.set_hidden(true);
        return Ok(());
    };
    let canvas: HtmlElement = panel.find(".ld-pad")?;
    let scale = f64::from(canvas.client_width()) / PAD as f64;
    let left =
        f64::from(canvas.offset_left()) + f64::from(canvas.client_left()) + x * scale;
    let top = f64::from(canvas.offset_top()) + f64::from(canvas.client_top()) + y * scale;
    let style = cursor.style();
    style.set_property("left", &format!("{left}px"))?;
    style.set_property("top", &format!("{top}px"))?;
    cursor.class_list().toggle_with_force("ld-cursor-down", down)?;
    cursor.set_hidden(false);
    Ok(())
}

/// Repaints the pad from the strokes (and the chosen test digit).
pub fn paint(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = panel.find(".ld-pad")?;
    let ctx = context_2d(&canvas)?;
    let ink = Theme::current().fg.css();
    ctx.clear_rect(0.0, 0.0, PAD as f64, PAD as f64);
    if let Some(i) = s.sample {
        let digits = mnist::sample();
        let cell = PAD as f64 / 28.0;
        for (j, &p) in digits[i].pixels.iter().enumerate() {
            if p > 0 {
                ctx.set_global_alpha(f64::from(p) / 255.0);
                ctx.set_fill_style_str(&ink);
                ctx.fill_rect((j % 28) as f64 * cell, (j / 28) as f64 * cell, cell, cell);
            }
        }
        ctx.set_global_alpha(1.0);
    }
    ctx.set_stroke_style_str(&ink);
    ctx.set_fill_style_str(&ink);
    ctx.set_line_width(BRUSH);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");
    for stroke in &s.strokes {
        let Some(&(x0, y0)) = stroke.first() else { continue };
        ctx.begin_path();
        ctx.move_to(x0, y0);
        if stroke.len() == 1 {
            ctx.arc(x0, y0, BRUSH / 2.0, 0.0, std::f64::consts::TAU)?;
            ctx.fill();
        } else {
            for &(x, y) in &stroke[1..] {
                ctx.line_to(x, y);
            }
            ctx.stroke();
        }
    }
    Ok(())
}

/// The pad's ink as values in [0, 1] (its alpha channel), row by row.
pub fn read_ink(panel: &Panel) -> Result<Vec<f32>, JsValue> {
    let canvas: HtmlCanvasElement = panel.find(".ld-pad")?;
    let data =
        context_2d(&canvas)?.get_image_data(0.0, 0.0, PAD as f64, PAD as f64)?.data();
    Ok(data.chunks_exact(4).map(|px| f32::from(px[3]) / 255.0).collect())
}

/// Offers "the one you trained" in the model menu.
pub fn enable_yours(panel: &Panel) -> Result<(), JsValue> {
    if let Some(option) = panel.root.query_selector(".ld-model option[value=yours]")? {
        option.remove_attribute("disabled")?;
    }
    Ok(())
}

fn draw_cells(
    canvas: &HtmlCanvasElement,
    values: &[f32],
    width: usize,
    theme: &Theme,
    max: f32,
) -> Result<(), JsValue> {
    let ctx = context_2d(canvas)?;
    for (i, &v) in values.iter().enumerate() {
        ctx.set_fill_style_str(&theme.ink(if max > 0.0 { v / max } else { 0.0 }).css());
        ctx.fill_rect((i % width) as f64, (i / width) as f64, 1.0, 1.0);
    }
    Ok(())
}

pub fn render(panel: &Panel, s: &State) -> Result<(), JsValue> {
    let theme = Theme::current();
    let input: HtmlCanvasElement = panel.find(".ld-input")?;
    let blank = vec![0.0; 784];
    draw_cells(&input, s.input.as_deref().unwrap_or(&blank), 28, &theme, 1.0)?;

    let probs = s.trace.last().map(|logits| nn::loss::softmax(logits));
    let answer: HtmlElement = panel.find(".ld-answer")?;
    match &probs {
        Some(p) => {
            let best = lenet::train::argmax(p);
            answer.set_text_content(Some(&best.to_string()));
            answer.set_attribute("data-digit", &best.to_string())?;
        }
        None => {
            answer.set_text_content(Some("?"));
            answer.remove_attribute("data-digit")?;
        }
    }
    for (d, bar) in panel.find_all(".ld-bar")?.into_iter().enumerate() {
        let p = probs.as_ref().map_or(0.0, |p| p[d]);
        if let Some(fill) = bar.query_selector(".ld-fill")? {
            fill.dyn_into::<HtmlElement>()?
                .style()
                .set_property("width", &format!("{:.1}%", p * 100.0))?;
        }
        if let Some(pct) = bar.query_selector(".ld-pct")? {
            pct.set_text_content(Some(&if probs.is_some() {
                format!("{:.1}%", p * 100.0)
            } else {
                String::new()
            }));
        }
        bar.set_attribute("data-p", &p.to_string())?;
    }

    for (r, row) in panel.find_all(".ld-row")?.into_iter().enumerate() {
        let out = s.trace.get(ROWS[r]).map(Vec::as_slice).unwrap_or(&[]);
        let max = out.iter().fold(0.0f32, |m, &v| m.max(v));
        let canvases = row.query_selector_all("canvas")?;
        match MAPS.get(r) {
            Some(&(count, side)) => {
                for m in 0..count {
                    let Some(c) = canvases.get(m as u32) else { continue };
                    let values =
                        out.get(m * side * side..(m + 1) * side * side).unwrap_or(&[]);
                    let zeros = vec![0.0; side * side];
                    draw_cells(
                        &c.dyn_into()?,
                        if values.is_empty() { &zeros } else { values },
                        side,
                        &theme,
                        max,
                    )?;
                }
            }
            None => {
                let Some(c) = canvases.get(0) else { continue };
                let c: HtmlCanvasElement = c.dyn_into()?;
                let len = [120, 84, 10][r - MAPS.len()];
                c.set_width(len as u32);
                let zeros = vec![0.0; len];
                let (lo, hi) = out
                    .iter()
                    .fold((0.0f32, 0.0f32), |(lo, hi), &v| (lo.min(v), hi.max(v)));
                let ctx = context_2d(&c)?;
                for (i, &v) in
                    (if out.is_empty() { &zeros[..] } else { out }).iter().enumerate()
                {
                    let colour = if r == ROWS.len() - 1 {
                        theme.diverging(v, hi.max(-lo))
                    } else {
                        theme.ink(if hi > 0.0 { v / hi } else { 0.0 })
                    };
                    ctx.set_fill_style_str(&colour.css());
                    ctx.fill_rect(i as f64, 0.0, 1.0, 1.0);
                }
            }
        }
    }
    if s.input.is_none() && s.shipped.is_some() {
        panel.message(text::labels(s.lang).blank);
    } else if s.shipped.is_some() {
        panel.message("");
    }
    Ok(())
}
