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
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// One line: a name for the legend, a colour and its points.
pub struct Series<'a> {
    pub label: &'a str,
    pub colour: Rgb,
    pub points: &'a [(f32, f32)],
    pub look: Look,
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Joined points, the last one marked: a measurement as it grows.
    Line,
    /// Every point marked, none joined: separate measurements laid over a line.
    Dots,
    /// Joined points, none marked: a finished reference for dots to be read against.
    Plain,
}

impl<'a> Series<'a> {
    pub fn line(label: &'a str, colour: Rgb, points: &'a [(f32, f32)]) -> Series<'a> {
        Series { label, colour, points, look: Look::Line }
    }

    pub fn dots(label: &'a str, colour: Rgb, points: &'a [(f32, f32)]) -> Series<'a> {
        Series { label, colour, points, look: Look::Dots }
    }

    pub fn plain(label: &'a str, colour: Rgb, points: &'a [(f32, f32)]) -> Series<'a> {
        Series { label, colour, points, look: Look::Plain }
    }
}

/// The horizontal axis: from 0 to a maximum, or logarithmic over a range
/// (for quantities such as step counts, where 5 → 10 matters as much as 50 → 100).
#[derive(Clone, Debug, PartialEq)]
pub enum XAxis {
    Linear(f32),
    Log(std::ops::Range<f32>),
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
    chart(canvas, theme, (x_label, y_label), XAxis::Linear(x_max), y_range, series)
}

/// Draws `series` on `canvas` over the x `axis` and `y` in `y_range`;
/// `labels` names the x and y axes.
pub fn chart(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    labels: (&str, &str),
    axis: XAxis,
    y_range: std::ops::Range<f32>,
    series: &[Series],
) -> Result<(), String> {
    let y_range = if y_range.start.is_finite() && y_range.end > y_range.start {
        y_range
    } else {
        0.0..1.0
    };
    frame(canvas, theme, labels, series, |plot, style| match axis {
        XAxis::Linear(max) => {
            let max = if max.is_finite() && max > 0.0 { max } else { 1.0 };
            plot_area(plot, 0f32..max, y_range, labels, style, series)
        }
        XAxis::Log(range) => {
            let range = if range.start > 0.0 && range.end > range.start {
                range
            } else {
                1.0..10.0
            };
            let ticks = one_two_five(&range);
            let x = range.log_scale().with_key_points(ticks);
            plot_area(plot, x, y_range, labels, style, series)
        }
    })
}

/// Everything a chart has around its plot (text alternative, size,
/// background, legend); `plot` draws the axes and series in the space left.
fn frame(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    labels: (&str, &str),
    series: &[Series],
    draw: impl FnOnce(
        &DrawingArea<CanvasBackend, plotters::coord::Shift>,
        &Style,
    ) -> Result<(), String>,
) -> Result<(), String> {
    let (x_label, y_label) = labels;
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

    let style = Style { fg, grid, bg: rgb(theme.bg), font, px: &px };
    draw(&plot, &style)?;
    root.present().map_err(|e| e.to_string())
}

/// Draws `series` with both axes logarithmic, over `x` and `y`: a power
/// law is a straight line there. The x axis ticks at 1, 2, 5, 10, …; the y
/// axis, which often spans less than a decade (losses), at evenly spaced
/// round values (over more than a decade, also at 1, 2, 5, 10, …).
pub fn log_log_chart(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    labels: (&str, &str),
    x: std::ops::Range<f32>,
    y: std::ops::Range<f32>,
    series: &[Series],
) -> Result<(), String> {
    let positive = |r: std::ops::Range<f32>, fallback: std::ops::Range<f32>| {
        if r.start > 0.0 && r.end > r.start && r.end.is_finite() { r } else { fallback }
    };
    let (x, y) = (positive(x, 1.0..10.0), positive(y, 1.0..10.0));
    let y_ticks = if y.end / y.start > 10.0 { one_two_five(&y) } else { round_ticks(&y) };
    let x_ticks = one_two_five(&x);
    frame(canvas, theme, labels, series, |plot, style| {
        plot_area(
            plot,
            x.clone().log_scale().with_key_points(x_ticks.clone()),
            y.clone().log_scale().with_key_points(y_ticks.clone()),
            labels,
            style,
            series,
        )
    })
}

/// About five round values inside `range` (steps of 1, 2 or 5 × 10^k).
fn round_ticks(range: &std::ops::Range<f32>) -> Vec<f32> {
    let (lo, hi) = (f64::from(range.start), f64::from(range.end));
    let raw = (hi - lo).max(1e-6) / 5.0;
    let decade = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * decade)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(decade * 10.0);
    let first = (lo / step - 1e-6).ceil() as i64;
    (first..first + 12)
        .map(|k| k as f64 * step)
        .take_while(|v| *v <= hi + step * 1e-6)
        .map(|v| v as f32)
        .collect()
}

/// The colours, font and pixel scale of one chart.
struct Style<'a> {
    fg: RGBColor,
    grid: RGBColor,
    bg: RGBColor,
    font: TextStyle<'a>,
    px: &'a dyn Fn(f64) -> i32,
}

/// The axes, grid and series, over any kind of x axis.
fn plot_area<X, Y>(
    plot: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    x: X,
    y: Y,
    (x_label, y_label): (&str, &str),
    style: &Style,
    series: &[Series],
) -> Result<(), String>
where
    X: AsRangedCoord<Value = f32>,
    X::CoordDescType: ValueFormatter<f32>,
    Y: AsRangedCoord<Value = f32>,
    Y::CoordDescType: ValueFormatter<f32>,
{
    let px = style.px;
    let mut chart = ChartBuilder::on(plot)
        .margin_top(px(6.0))
        .margin_left(px(6.0))
        // Room for the last x tick's label, which is centred on the edge.
        .margin_right(px(18.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(FONT * 3.3))
        .y_label_area_size(px(FONT * 4.4))
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .axis_style(style.fg)
        .axis_desc_style(style.font.clone())
        .label_style(style.font.clone())
        .light_line_style(style.bg)
        .bold_line_style(style.grid)
        .set_all_tick_mark_size(px(4.0))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|v| trim_number(*v))
        .y_label_formatter(&|v| trim_number(*v))
        .draw()
        .map_err(|e| e.to_string())?;
    for item in series {
        let colour = rgb(item.colour);
        if item.look != Look::Dots {
            chart
                .draw_series(LineSeries::new(
                    item.points.iter().copied(),
                    colour.stroke_width(px(2.0) as u32),
                ))
                .map_err(|e| e.to_string())?;
        }
        let marked: &[(f32, f32)] = match item.look {
            // The latest value, marked: a lone measurement is still visible.
            Look::Line => {
                item.points.last().map(std::slice::from_ref).unwrap_or_default()
            }
            Look::Dots => item.points,
            Look::Plain => &[],
        };
        chart
            .draw_series(marked.iter().map(|&p| Circle::new(p, px(3.5), colour.filled())))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The numbers 1, 2, 5, 10, 20, 50, … that fall in `range`: where a
/// logarithmic axis gets its ticks.
fn one_two_five(range: &std::ops::Range<f32>) -> Vec<f32> {
    let (lo, hi) = (f64::from(range.start).max(1e-30), f64::from(range.end));
    // Over many decades only the powers of ten, and over very many every
    // second or third of them.
    let decades = (hi / lo).log10();
    let (marks, every): (&[f64], usize) = if decades > 3.0 {
        (&[1.0], (decades / 8.0).ceil().max(1.0) as usize)
    } else if decades > 1.7 {
        (&[1.0, 5.0], 1)
    } else {
        (&[1.0, 2.0, 5.0], 1)
    };
    let first = lo.log10().floor() as i32;
    let last = hi.log10().ceil() as i32;
    let mut ticks = Vec::new();
    for e in (first..=last).step_by(every) {
        for &m in marks {
            let v = (m * 10f64.powi(e)) as f32;
            if (range.start..=range.end).contains(&v) && ticks.len() < 30 {
                ticks.push(v);
            }
        }
    }
    ticks
}

/// Tick labels without trailing zeros: 0.5, 1, 2.5; large values as
/// thousands (20,000) or powers of ten (10¹², 5×10¹²).
fn trim_number(v: f32) -> String {
    if v.abs() >= 1e6 {
        let exp = v.abs().log10().floor() as i32;
        let mantissa = v / 10f32.powi(exp);
        let sup: String = exp
            .to_string()
            .chars()
            .map(|c| match c {
                '-' => '⁻',
                d => "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().nth(d as usize - '0' as usize).unwrap_or(d),
            })
            .collect();
        let m = (mantissa * 10.0).round() / 10.0;
        return if (m - 1.0).abs() < 0.05 {
            format!("10{sup}")
        } else {
            format!("{}×10{sup}", trim_number(m))
        };
    }
    if v.abs() >= 1e4 {
        return crate::controls::thousands(v.round() as u64);
    }
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::{one_two_five, round_ticks, trim_number};

    #[test]
    fn log_axes_tick_at_one_two_five() {
        assert_eq!(one_two_five(&(4.0..120.0)), vec![5.0, 10.0, 20.0, 50.0, 100.0]);
        assert_eq!(
            one_two_five(&(4.0..4000.0)),
            vec![5.0, 10.0, 50.0, 100.0, 500.0, 1000.0]
        );
        assert_eq!(one_two_five(&(4.0..40.0)), vec![5.0, 10.0, 20.0]);
        assert_eq!(one_two_five(&(1.0..10.0)), vec![1.0, 2.0, 5.0, 10.0]);
        assert_eq!(
            one_two_five(&(1e9..1e25)),
            vec![1e9, 1e11, 1e13, 1e15, 1e17, 1e19, 1e21, 1e23, 1e25]
        );
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(trim_number(20_000.0), "20,000");
        assert_eq!(trim_number(1e12), "10¹²");
        assert_eq!(trim_number(5e23), "5×10²³");
        assert_eq!(round_ticks(&(1.6..2.6)), vec![1.6, 1.8, 2.0, 2.2, 2.4, 2.6]);
        assert_eq!(trim_number(10.0), "10");
        assert_eq!(trim_number(0.5), "0.5");
        assert_eq!(trim_number(0.25), "0.25");
        assert_eq!(trim_number(-0.0), "0");
    }
}
