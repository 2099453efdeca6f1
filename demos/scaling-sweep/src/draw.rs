//! The two log–log charts: held-out loss against size (the reader's points,
//! the native reference, both fits) and against characters read (one curve
//! per model).

use crate::Page;
use crate::text::t;
use demo_kit::chart::{Series, log_log_chart};
use demo_kit::{Panel, Rgb, Theme};
use scaling::fit::{PowerLaw, WithFloor, power_law, power_law_with_floor};
use web_sys::HtmlCanvasElement;

/// Both fits through the finished models, counted as the reader chose.
pub fn fits(st: &Page) -> (Option<PowerLaw>, Option<WithFloor>) {
    let points: Vec<(f64, f64)> = st
        .models
        .iter()
        .filter_map(|m| m.loss.map(|l| (m.size(st.counting_all) as f64, f64::from(l))))
        .collect();
    (power_law(&points), power_law_with_floor(&points))
}

/// A colour per model, from small (light) to large (the theme's accent).
fn ramp(theme: &Theme, i: usize, n: usize) -> Rgb {
    theme.bg.mix(theme.accent, 0.35 + 0.65 * i as f32 / (n.max(2) - 1) as f32)
}

/// The range of `values` widened by `pad` (a factor) each way.
fn span(
    values: impl Iterator<Item = f32>,
    pad: f32,
    fallback: (f32, f32),
) -> std::ops::Range<f32> {
    let (lo, hi) = values
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold((f32::INFINITY, 0f32), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi > 0.0 && lo < hi { lo / pad..hi * pad } else { fallback.0..fallback.1 }
}

pub fn charts(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let lang = st.lang;
    let all = st.counting_all;
    let (plain, floor) = fits(st);
    let mine: Vec<(f32, f32)> = st
        .models
        .iter()
        .filter_map(|m| m.loss.map(|l| (m.size(all) as f32, l)))
        .collect();
    let reference: Vec<(f32, f32)> = st
        .reference
        .iter()
        .flat_map(|r| &r.points)
        .map(|p| ((if all { p.all } else { p.non_embedding }) as f32, p.loss))
        .collect();
    let sizes = span(
        st.models.iter().map(|m| m.size(all) as f32).chain(reference.iter().map(|p| p.0)),
        1.3,
        (1e3, 1e6),
    );
    let losses = span(mine.iter().chain(&reference).map(|p| p.1), 1.04, (1.5, 3.0));
    let line = |f: &dyn Fn(f64) -> f64| -> Vec<(f32, f32)> {
        (0..=40)
            .map(|i| {
                let n = sizes.start * (sizes.end / sizes.start).powf(i as f32 / 40.0);
                (n, f(f64::from(n)) as f32)
            })
            .filter(|p| losses.contains(&p.1))
            .collect()
    };
    let plain_line = plain.map(|p| line(&|n| p.loss(n))).unwrap_or_default();
    let floor_line = floor.map(|f| line(&|n| f.loss(n))).unwrap_or_default();
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ss-by-size") {
        let series = [
            Series::dots(
                t(
                    lang,
                    "native sweep (3 seeds, more sizes)",
                    "本机扫描（3 个种子，更多大小）",
                ),
                theme.bg.mix(theme.fg, 0.35),
                &reference,
            ),
            Series::plain(t(lang, "power law", "幂律"), theme.positive, &plain_line),
            Series::plain(
                t(lang, "with a floor", "带下限"),
                theme.fg.mix(theme.bg, 0.2),
                &floor_line,
            ),
            Series::dots(t(lang, "this page", "本页"), theme.accent, &mine),
        ];
        let x = if all {
            t(lang, "all parameters", "全部参数")
        } else {
            t(lang, "parameters outside the embeddings", "嵌入层以外的参数")
        };
        let _ = log_log_chart(
            &canvas,
            &theme,
            (x, t(lang, "held-out loss", "留出文本损失")),
            sizes.clone(),
            losses.clone(),
            &series,
        );
    }
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ss-by-chars") {
        let n = st.models.len();
        let names: Vec<String> = st
            .models
            .iter()
            .map(|m| demo_kit::controls::thousands(m.size(all) as u64))
            .collect();
        let series: Vec<Series> = st
            .models
            .iter()
            .enumerate()
            .map(|(i, m)| Series::line(&names[i], ramp(&theme, i, n), &m.curve))
            .collect();
        let chars = span(
            st.models
                .iter()
                .flat_map(|m| m.curve.iter().map(|p| p.0))
                .chain([st.chars as f32]),
            1.1,
            (1e4, 1e7),
        );
        let curve_losses = span(
            st.models.iter().flat_map(|m| m.curve.iter().map(|p| p.1)),
            1.03,
            (1.5, 4.5),
        );
        let _ = log_log_chart(
            &canvas,
            &theme,
            (
                t(lang, "characters read", "读过的字符数"),
                t(lang, "held-out loss", "留出文本损失"),
            ),
            chars,
            curve_losses,
            &series,
        );
    }
}
