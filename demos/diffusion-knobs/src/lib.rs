//! Demo `diffusion-knobs`, "judge the knobs": a worker draws hundreds of
//! digits per setting with the shipped U-Net and LeNet-5 scores them
//! (`diffusion::knobs`). The page plots the reader's points over the
//! book's native reference run at the same number of drawings, which with
//! the same first seed they must meet exactly.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, XAxis, chart};
use demo_kit::dom::escape;
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use diffusion::knobs::{Knobs, Line, Reference, STEP_SAMPLERS, Score};
use protocol::{DRAWINGS, Experiment, FromWorker, ToWorker};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, HtmlElement};

pub use worker::worker_main;

/// Highest first seed accepted.
const MAX_SEED: u64 = 1_000_000_000;

struct Page {
    lang: Lang,
    phase: Phase,
    reference: Option<Reference>,
    /// The reader's points: setting, its score.
    live: Vec<(Knobs, Score)>,
    /// Settings in the run under way.
    settings: usize,
}

type Shared = Rc<RefCell<Page>>;
/// Chart points (x, y).
type Points = Vec<(f32, f32)>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Draw and judge", "▶ 绘制并评判")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("diffusion-knobs");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        reference: None,
        live: Vec::new(),
        settings: 0,
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "diffusion-knobs",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".jk-start", "click", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(
        ".jk-reset",
        "click",
        Box::new(move || {
            c.reset();
            s.borrow_mut().live.clear();
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            let lang = s.borrow().lang;
            demo_kit::controls::set_progress(&p, "jk", 0.0, text::ready(lang));
            show(&p, &s.borrow());
        }),
    )?;
    for control in [".jk-drawings", ".jk-experiment"] {
        let (p, s) = (panel.clone(), state.clone());
        panel.on(control, "change", Box::new(move || show(&p, &s.borrow())))?;
    }
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| show(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    show(&panel, &state.borrow());
    let (p, s) = (panel.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move { load_reference(&p, &s).await });
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, progress, row, select};
    let drawings: Vec<(String, String)> = DRAWINGS
        .iter()
        .map(|n| (n.to_string(), demo_kit::controls::thousands(*n as u64)))
        .collect();
    let drawings: Vec<(&str, &str)> =
        drawings.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let experiments = [
        (
            "guidance",
            t(
                lang,
                "guidance scale 0–20 (DDIM, 20 steps)",
                "引导强度 0–20（DDIM，20 步）",
            ),
        ),
        (
            "steps",
            t(
                lang,
                "steps 5–100, three samplers (no guidance)",
                "步数 5–100，三种采样器（不加引导）",
            ),
        ),
    ];
    let fields = [
        select("jk-experiment", t(lang, "Vary", "改变"), &experiments, "guidance"),
        select(
            "jk-drawings",
            t(lang, "Drawings per setting", "每种设置画几张"),
            &drawings,
            "100",
        ),
        field("jk-seed", t(lang, "First seed", "起始种子"), "0", true),
    ];
    let canvas = |class: &str| {
        format!(r#"<canvas class="{class}" width="560" height="300"></canvas>"#)
    };
    panel.root.set_inner_html(&format!(
        r#"<div class="jk">{controls}
{buttons}{progress}
<div class="dk-charts jk-charts">
<figure class="jk-figure jk-for-guidance">{a}<figcaption>{a_cap}</figcaption></figure>
<figure class="jk-figure jk-for-guidance">{b}<figcaption>{b_cap}</figcaption></figure>
<figure class="jk-figure jk-for-steps">{c}<figcaption>{c_cap}</figcaption></figure>
</div>
<table class="jk-table"><caption>{table_cap}</caption>
<thead><tr><th scope="col">{h1}</th><th scope="col">{h2}</th><th scope="col">{h3}</th><th scope="col">{h4}</th></tr></thead>
<tbody></tbody></table>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("jk-controls", &fields),
        buttons = buttons("jk-buttons", &[("jk-start", start_label(lang)), ("jk-reset", t(lang, "↺ Reset", "↺ 重置"))]),
        progress = progress("jk", text::ready(lang)),
        a = canvas("jk-guidance"),
        b = canvas("jk-guidance-fd"),
        c = canvas("jk-steps-fd"),
        a_cap = t(lang, "How often LeNet-5 reads the digit asked for, and how varied the drawings of each digit are (1 = as varied as real test digits), against the guidance scale. Lines: the book's run; dots: yours.", "LeNet-5 认出所要求数字的比例，以及同一数字的各张图有多不一样（1 = 和真实测试数字一样多样），随引导强度的变化。线：本书的运行结果；点：你的。"),
        b_cap = t(lang, "Fréchet distance between LeNet-5's features of the drawings and of the 10,000 test digits (lower is closer to real handwriting), against the guidance scale.", "画出的数字与 10,000 个测试数字在 LeNet-5 特征上的 Fréchet 距离（越低越接近真实手写），随引导强度的变化。"),
        c_cap = t(lang, "Fréchet distance against the number of steps (logarithmic axis), without guidance, for three samplers. Lines: the book's run; dots: yours.", "不加引导时，三种采样器的 Fréchet 距离随步数（对数坐标）的变化。线：本书的运行结果；点：你的。"),
        table_cap = t(lang, "Your settings as judged, beside the book's run with the same number of drawings", "你的各个设置的评判结果，旁边是本书在同样张数下的结果"),
        h1 = t(lang, "Setting", "设置"),
        h2 = t(lang, "Read right", "认对"),
        h3 = t(lang, "Diversity", "多样性"),
        h4 = t(lang, "Fréchet (book)", "Fréchet（本书）"),
    ));
}

/// The drawings per setting chosen (always one the reference has).
fn drawings(panel: &Panel) -> Option<usize> {
    panel.value(".jk-drawings").parse().ok().filter(|n| DRAWINGS.contains(n))
}

async fn load_reference(panel: &Panel, state: &Shared) {
    let lang = state.borrow().lang;
    let url = demo_kit::fetch::assets_url(&panel.root, "diffusion/knobs.json");
    let loaded = match demo_kit::fetch::bytes(&url, false).await {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| "not text".to_string())
            .and_then(|text| Reference::parse(&text)),
        Err(e) => Err(e),
    };
    match loaded {
        Ok(r) => {
            state.borrow_mut().reference = Some(r);
            panel.root.set_attribute("data-reference", "loaded").ok();
        }
        Err(why) => {
            panel.root.set_attribute("data-reference", "failed").ok();
            panel.message(&text::reference_failed(lang, &escape(&why)));
        }
    }
    show(panel, &state.borrow());
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "jk", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let raw = panel.value(".jk-seed");
    let Some(first_seed) = raw.trim().parse::<u64>().ok().filter(|s| *s <= MAX_SEED)
    else {
        return panel.message(&text::bad_seed(lang, &escape(raw.trim())));
    };
    let (Some(drawings), Some(experiment)) =
        (drawings(panel), Experiment::from_name(&panel.value(".jk-experiment")))
    else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    {
        let mut st = state.borrow_mut();
        st.live.clear();
        st.settings = experiment.settings().len();
    }
    show(panel, &state.borrow());
    set_phase(panel, state, Phase::Loading);
    demo_kit::controls::set_progress(
        panel,
        "jk",
        0.0,
        t(lang, "Loading the models…", "正在加载模型…"),
    );
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Start {
        run: client.next_run(),
        experiment,
        drawings,
        first_seed,
        assets,
    });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Progress { calls, total, per_second } => {
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
            let fraction = calls as f32 / total.max(1) as f32;
            let left = (total.saturating_sub(calls)) as f32 / per_second.max(1e-3);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                per_second,
                ("network passes", "次网络计算"),
                Some(left),
            );
            demo_kit::controls::set_progress(panel, "jk", fraction, &status);
        }
        FromWorker::Point { knobs, score } => {
            state.borrow_mut().live.push((knobs, score));
            show(panel, &state.borrow());
        }
        FromWorker::Done { seconds } => {
            let settings = state.borrow().settings;
            set_phase(panel, state, Phase::Done);
            demo_kit::controls::set_progress(
                panel,
                "jk",
                1.0,
                &text::done(lang, seconds, settings),
            );
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&text::worker_failed(lang, &escape(&message)));
        }
    }
}

/// The reference's score of `knobs` at `n` drawings.
fn reference_score(
    reference: Option<&Reference>,
    knobs: &Knobs,
    n: usize,
) -> Option<Score> {
    reference?.line(knobs)?.scores.iter().find(|s| s.n == n).copied()
}

/// Points of one reference line at `n` drawings: (x of the setting, y of the score).
fn line_points(
    lines: &[Line],
    n: usize,
    x: impl Fn(&Knobs) -> f32,
    y: impl Fn(&Score) -> f64,
) -> Vec<(f32, f32)> {
    lines
        .iter()
        .filter_map(|l| {
            l.scores.iter().find(|s| s.n == n).map(|s| (x(&l.knobs), y(s) as f32))
        })
        .collect()
}

/// Shows the charts for the chosen experiment, and the table.
fn show(panel: &Panel, st: &Page) {
    let Some(n) = drawings(panel) else { return };
    let experiment = Experiment::from_name(&panel.value(".jk-experiment"))
        .unwrap_or(Experiment::Guidance);
    for (class, shown) in [
        (".jk-for-guidance", experiment == Experiment::Guidance),
        (".jk-for-steps", experiment == Experiment::Steps),
    ] {
        for el in panel.find_all(class).unwrap_or_default() {
            let _ = if shown {
                el.remove_attribute("hidden")
            } else {
                el.set_attribute("hidden", "")
            };
        }
    }
    let live: Vec<&(Knobs, Score)> = st.live.iter().filter(|(_, s)| s.n == n).collect();
    match experiment {
        Experiment::Guidance => show_guidance(panel, st, n, &live),
        Experiment::Steps => show_steps(panel, st, n, &live),
    }
    table(panel, st, st.reference.as_ref(), n);
}

/// The highest value among `points`, with room above (at least 1).
fn top<'a>(points: impl IntoIterator<Item = &'a (f32, f32)>) -> f32 {
    points.into_iter().fold(1.0f32, |m, p| m.max(p.1)) * 1.1
}

/// Accuracy and diversity, then the Fréchet distance, against the scale.
fn show_guidance(panel: &Panel, st: &Page, n: usize, live: &[&(Knobs, Score)]) {
    let (theme, lang) = (Theme::current(), st.lang);
    let lines = st.reference.as_ref().map_or(&[][..], |r| &r.guidance);
    let scale = |k: &Knobs| k.scale;
    let dots = |y: fn(&Score) -> f64| -> Points {
        live.iter()
            .filter(|(k, _)| Knobs::guidance().contains(k))
            .map(|(k, s)| (k.scale, y(s) as f32))
            .collect()
    };
    let acc = line_points(lines, n, scale, |s| s.accuracy);
    let div = line_points(lines, n, scale, |s| s.diversity);
    let (acc_dots, div_dots) = (dots(|s| s.accuracy), dots(|s| s.diversity));
    let x_label = t(lang, "guidance scale", "引导强度");
    draw(
        panel,
        ".jk-guidance",
        &theme,
        (x_label, t(lang, "share", "比例")),
        XAxis::Linear(20.0),
        top(acc.iter().chain(&div).chain(&div_dots)),
        &[
            Series::plain(
                t(lang, "read as the digit asked for", "认作所要求的数字"),
                theme.positive,
                &acc,
            ),
            Series::plain(
                t(lang, "diversity (real = 1)", "多样性（真实 = 1）"),
                theme.accent,
                &div,
            ),
            Series::dots("", theme.positive, &acc_dots),
            Series::dots("", theme.accent, &div_dots),
        ],
    );
    let fd = line_points(lines, n, scale, |s| s.frechet);
    let fd_dots = dots(|s| s.frechet);
    let fd_label = t(lang, "Fréchet distance", "Fréchet 距离");
    draw(
        panel,
        ".jk-guidance-fd",
        &theme,
        (x_label, fd_label),
        XAxis::Linear(20.0),
        top(fd.iter().chain(&fd_dots)),
        &[
            Series::plain(fd_label, theme.negative, &fd),
            Series::dots("", theme.negative, &fd_dots),
        ],
    );
}

/// The Fréchet distance against steps, one line per sampler.
fn show_steps(panel: &Panel, st: &Page, n: usize, live: &[&(Knobs, Score)]) {
    let (theme, lang) = (Theme::current(), st.lang);
    let lines = st.reference.as_ref().map_or(&[][..], |r| &r.steps);
    let per_sampler: Vec<(Points, Points)> = STEP_SAMPLERS
        .iter()
        .map(|&sampler| {
            let mine: Vec<Line> =
                lines.iter().filter(|l| l.knobs.sampler == sampler).cloned().collect();
            let dots = live
                .iter()
                .filter(|(k, _)| k.sampler == sampler && k.scale == 1.0)
                .map(|(k, s)| (k.steps as f32, s.frechet as f32))
                .collect();
            (line_points(&mine, n, |k| k.steps as f32, |s| s.frechet), dots)
        })
        .collect();
    // DDPM, DDIM, DPM++ 2M: three colours told apart in either theme.
    let colours = [theme.positive, theme.negative, theme.fg];
    let mut series = Vec::new();
    for ((sampler, colour), (line, dots)) in
        STEP_SAMPLERS.iter().zip(colours).zip(&per_sampler)
    {
        series.push(Series::plain(text::sampler(*sampler), colour, line));
        series.push(Series::dots("", colour, dots));
    }
    draw(
        panel,
        ".jk-steps-fd",
        &theme,
        (t(lang, "steps", "步数"), t(lang, "Fréchet distance", "Fréchet 距离")),
        XAxis::Log(4.0..120.0),
        top(per_sampler.iter().flat_map(|(a, b)| a.iter().chain(b))),
        &series,
    );
}

fn draw(
    panel: &Panel,
    class: &str,
    theme: &Theme,
    labels: (&str, &str),
    x: XAxis,
    top: f32,
    series: &[Series],
) {
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(class)
        && let Err(e) = chart(&canvas, theme, labels, x, 0.0..top, series)
    {
        panel.message(&escape(&e));
    }
}

/// The reader's points as rows, each beside the reference's at the same size.
fn table(panel: &Panel, st: &Page, reference: Option<&Reference>, n: usize) {
    let Ok(body) = panel.find::<HtmlElement>(".jk-table tbody") else { return };
    let rows: String = st
        .live
        .iter()
        .map(|(k, s)| {
            let book = reference_score(reference, k, s.n);
            let book_fd = book.map_or("–".to_string(), |b| format!("{:.2}", b.frechet));
            format!(
                r#"<tr data-sampler="{}" data-steps="{}" data-scale="{}" data-n="{}" data-accuracy="{:.4}" data-diversity="{:.4}" data-frechet="{:.4}" data-book-frechet="{}" data-book-accuracy="{}"><td>{}</td><td>{:.0}%</td><td>{:.2}</td><td>{:.2} ({book_fd})</td></tr>"#,
                k.sampler.name(),
                k.steps,
                k.scale,
                s.n,
                s.accuracy,
                s.diversity,
                s.frechet,
                book.map_or("".to_string(), |b| format!("{:.4}", b.frechet)),
                book.map_or("".to_string(), |b| format!("{:.4}", b.accuracy)),
                escape(&text::setting(st.lang, k)),
                s.accuracy * 100.0,
                s.diversity,
                s.frechet,
            )
        })
        .collect();
    body.set_inner_html(&rows);
    panel
        .root
        .set_attribute(
            "data-points",
            &st.live.iter().filter(|(_, s)| s.n == n).count().to_string(),
        )
        .ok();
}
