//! Line charts drawn with plotters on a canvas, in the theme's colours.

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
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("canvas has no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&rgb(theme.bg)).map_err(|e| e.to_string())?;
    let fg = rgb(theme.fg);
    let grid = rgb(theme.bg.mix(theme.fg, 0.15));
    let x_max = if x_max.is_finite() && x_max > 0.0 { x_max } else { 1.0 };
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .x_label_area_size(30)
        .y_label_area_size(44)
        .build_cartesian_2d(0f32..x_max, y_range)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .axis_style(fg)
        .label_style(("sans-serif", 12).into_font().color(&fg))
        .light_line_style(rgb(theme.bg))
        .bold_line_style(grid)
        .x_labels(6)
        .y_labels(5)
        .draw()
        .map_err(|e| e.to_string())?;
    for s in series {
        let colour = rgb(s.colour);
        chart
            .draw_series(LineSeries::new(
                s.points.iter().copied(),
                colour.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?
            .label(s.label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
            });
    }
    if series.iter().any(|s| !s.label.is_empty()) {
        chart
            .configure_series_labels()
            .background_style(rgb(theme.bg).mix(0.85))
            .border_style(grid)
            .label_font(("sans-serif", 12).into_font().color(&fg))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}
