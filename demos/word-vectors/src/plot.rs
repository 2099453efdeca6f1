//! The words of an analogy and their offsets, projected to two dimensions.

use demo_kit::{Panel, Theme, context_2d};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;
use wordvec::Embeddings;

/// Draws each pair as two labelled points joined by an arrow (first → second).
pub fn draw(
    panel: &Panel,
    e: &Embeddings,
    pairs: &[(&str, &str)],
) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = panel.find(".wv-plot")?;
    let ctx = context_2d(&canvas)?;
    let theme = Theme::current();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    let mut words: Vec<&str> = Vec::new();
    for &(a, b) in pairs {
        for word in [a, b] {
            if e.id(word).is_some() && !words.contains(&word) {
                words.push(word);
            }
        }
    }
    let rows: Vec<&[f32]> =
        words.iter().filter_map(|w| e.id(w)).map(|id| e.vector(id)).collect();
    let points = wordvec::pca::project2(&rows, e.dim);
    if points.is_empty() {
        return Ok(());
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for &(x, y) in &points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let margin = 50.0;
    let sx =
        |x: f32| margin + f64::from((x - x0) / (x1 - x0).max(1e-6)) * (w - 2.0 * margin);
    let sy = |y: f32| {
        h - margin - f64::from((y - y0) / (y1 - y0).max(1e-6)) * (h - 2.0 * margin)
    };
    let at = |word: &str| {
        words.iter().position(|w| *w == word).map(|i| (sx(points[i].0), sy(points[i].1)))
    };
    ctx.set_stroke_style_str(&theme.accent.css());
    ctx.set_fill_style_str(&theme.accent.css());
    ctx.set_line_width(1.8);
    for &(a, b) in pairs {
        let (Some((ax, ay)), Some((bx, by))) = (at(a), at(b)) else { continue };
        ctx.begin_path();
        ctx.move_to(ax, ay);
        ctx.line_to(bx, by);
        ctx.stroke();
        let angle = (by - ay).atan2(bx - ax);
        ctx.begin_path();
        ctx.move_to(bx, by);
        ctx.line_to(bx - 10.0 * (angle - 0.4).cos(), by - 10.0 * (angle - 0.4).sin());
        ctx.line_to(bx - 10.0 * (angle + 0.4).cos(), by - 10.0 * (angle + 0.4).sin());
        ctx.close_path();
        ctx.fill();
    }
    ctx.set_fill_style_str(&theme.fg.css());
    ctx.set_font("14px sans-serif");
    let spots: Vec<(f64, f64)> = words
        .iter()
        .enumerate()
        .map(|(i, _)| (sx(points[i].0), sy(points[i].1)))
        .collect();
    let sizes: Vec<(f64, f64)> = words
        .iter()
        .map(|w| (ctx.measure_text(w).map_or(40.0, |m| m.width()), 12.0))
        .collect();
    let labels = demo_kit::labels::place(&spots, &sizes, w, h);
    for ((word, &(x, y)), &(tx, ty)) in words.iter().zip(&spots).zip(&labels) {
        ctx.begin_path();
        ctx.arc(x, y, 3.5, 0.0, std::f64::consts::TAU)?;
        ctx.fill();
        ctx.fill_text(word, tx, ty)?;
    }
    Ok(())
}
