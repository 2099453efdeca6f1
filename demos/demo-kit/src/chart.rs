//! The book's one chart style: line charts drawn with plotters on a canvas,
//! in the theme's colours, sharp on any screen and readable on a phone.
//!
//! The canvas is redrawn at its displayed size times the device pixel ratio
//! (so lines and text are crisp on retina screens), its text is at least
//! 13 CSS pixels, the legend sits above the plot (never over a curve), axis
//! titles have their own room, the last point of every line is marked (so
//! a run with one measurement still shows it) and the canvas carries a text
//! alternative with each line's latest value.

use crate::Lang;
use crate::colour::{Rgb, Theme};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// One line: a name for the legend, a colour and its points.
pub struct Series<'a> {
    pub label: &'a str,
    pub colour: Rgb,
    pub points: &'a [(f32, f32)],
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Text size in CSS pixels.
const FONT: f64 = 13.0;
/// Smallest chart height in CSS pixels.
const MIN_HEIGHT: f64 = 230.0;

/// Resizes the canvas's backing store to its displayed size × the device
/// pixel ratio, keeping the aspect ratio of its `width`/`height` attributes
/// as first written. Returns the scale from CSS pixels to canvas pixels.
fn fit_to_screen(canvas: &HtmlCanvasElement) -> f64 {
    let aspect =
        match canvas.get_attribute("data-aspect").and_then(|a| a.parse::<f64>().ok()) {
            Some(a) => a,
            None => {
                let a =
                    f64::from(canvas.height().max(1)) / f64::from(canvas.width().max(1));
                canvas.set_attribute("data-aspect", &a.to_string()).ok();
                canvas.set_attribute("data-css-width", &canvas.width().to_string()).ok();
                a
            }
        };
    let laid_out = f64::from(canvas.client_width());
    let fallback = canvas
        .get_attribute("data-css-width")
        .and_then(|w| w.parse::<f64>().ok())
        .unwrap_or(400.0);
    let css_width = if laid_out > 0.0 { laid_out } else { fallback };
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 4.0);
    // On a narrow screen a wide chart would be too flat to read: keep the
    // plot at least MIN_HEIGHT tall (but never taller than it is wide).
    let css_height = (css_width * aspect).max(MIN_HEIGHT.min(css_width * 0.9));
    let (w, h) = ((css_width * dpr).round() as u32, (css_height * dpr).round() as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w.max(1));
        canvas.set_height(h.max(1));
    }
    dpr
}

/// What a screen reader hears: the axes and each line's latest value.
fn describe(x_label: &str, y_label: &str, series: &[Series]) -> String {
    let lang = Lang::of_page();
    let values: Vec<String> = series
        .iter()
        .filter(|s| !s.label.is_empty())
        .map(|s| match s.points.last() {
            Some(&(x, y)) => match lang {
                Lang::En => format!("{} {y:.3} at {x:.2} {x_label}", s.label),
                Lang::Zh => format!("{}：{x_label} {x:.2} 处为 {y:.3}", s.label),
            },
            None => match lang {
                Lang::En => format!("{}: no data yet", s.label),
                Lang::Zh => format!("{}：还没有数据", s.label),
            },
        })
        .collect();
    match lang {
        Lang::En => {
            format!("Chart of {y_label} against {x_label}. {}.", values.join("; "))
        }
        Lang::Zh => format!("{y_label}随{x_label}变化的图。{}。", values.join("；")),
    }
}

/// Draws `series` on `canvas` with `x` in `0..x_max` and `y` in `y_range`.
pub fn line_chart(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    x_label: &str,
    y_label: &str,
    x_max: f32,
    y_range: std::ops::Range<f32>,
    series: &[Series],
) -> Result<(), String> {
    canvas.set_attribute("role", "img").ok();
    canvas.set_attribute("aria-label", &describe(x_label, y_label, series)).ok();
    let s = fit_to_screen(canvas);
    let px = |css: f64| (css * s).round() as i32;
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("canvas has no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&rgb(theme.bg)).map_err(|e| e.to_string())?;
    let fg = rgb(theme.fg);
    let grid = rgb(theme.bg.mix(theme.fg, 0.15));
    let font = ("sans-serif", FONT * s).into_font().color(&fg);
    let x_max = if x_max.is_finite() && x_max > 0.0 { x_max } else { 1.0 };
    let y_range = if y_range.start.is_finite() && y_range.end > y_range.start {
        y_range
    } else {
        0.0..1.0
    };

    // The legend gets its own strip above the plot, in as many rows as the
    // width needs (a phone may fit one entry a row).
    let labelled: Vec<&Series> = series.iter().filter(|s| !s.label.is_empty()).collect();
    let width = i32::try_from(canvas.width()).unwrap_or(i32::MAX);
    let row_h = px(FONT * 1.9);
    let mut places = Vec::with_capacity(labelled.len());
    let (mut x, mut row) = (px(8.0), 0);
    for item in &labelled {
        let text_w =
            root.estimate_text_size(item.label, &font).map_or(80, |(w, _)| w as i32);
        let entry = px(24.0) + text_w + px(18.0);
        if x > px(8.0) && x + entry > width {
            (x, row) = (px(8.0), row + 1);
        }
        places.push((x, row));
        x += entry;
    }
    let rows = if labelled.is_empty() { 0 } else { row + 1 };
    let (legend, plot) = root.split_vertically((rows * row_h) as u32);
    for (item, &(x, row)) in labelled.iter().zip(&places) {
        let y = row * row_h + px(FONT * 0.95);
        let colour = rgb(item.colour);
        legend
            .draw(&PathElement::new(
                vec![(x, y), (x + px(18.0), y)],
                colour.stroke_width(px(2.5) as u32),
            ))
            .map_err(|e| e.to_string())?;
        legend
            .draw(&Text::new(
                item.label.to_string(),
                (x + px(24.0), y - px(FONT * 0.55)),
                font.clone(),
            ))
            .map_err(|e| e.to_string())?;
    }

    let mut chart = ChartBuilder::on(&plot)
        .margin_top(px(6.0))
        .margin_left(px(6.0))
        // Room for the last x tick's label, which is centred on the edge.
        .margin_right(px(18.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(FONT * 3.3))
        .y_label_area_size(px(FONT * 4.4))
        .build_cartesian_2d(0f32..x_max, y_range)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .axis_style(fg)
        .axis_desc_style(font.clone())
        .label_style(font.clone())
        .light_line_style(rgb(theme.bg))
        .bold_line_style(grid)
        .set_all_tick_mark_size(px(4.0))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|v| trim_number(*v))
        .y_label_formatter(&|v| trim_number(*v))
        .draw()
        .map_err(|e| e.to_string())?;
    for item in series {
        let colour = rgb(item.colour);
        chart
            .draw_series(LineSeries::new(
                item.points.iter().copied(),
                colour.stroke_width(px(2.0) as u32),
            ))
            .map_err(|e| e.to_string())?;
        // The latest value, marked: a lone measurement is still visible.
        if let Some(&last) = item.points.last() {
            chart
                .draw_series(std::iter::once(Circle::new(last, px(3.5), colour.filled())))
                .map_err(|e| e.to_string())?;
        }
    }
    root.present().map_err(|e| e.to_string())
}

/// Tick labels without trailing zeros: 0.5, 1, 2.5.
fn trim_number(v: f32) -> String {
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::trim_number;

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(trim_number(10.0), "10");
        assert_eq!(trim_number(0.5), "0.5");
        assert_eq!(trim_number(0.25), "0.25");
        assert_eq!(trim_number(-0.0), "0");
    }
}
