//! Demo `experts-router`, "experts and a router": two sparse mixtures of
//! experts (`moe`) learn the same two-colour pattern of the plane in a
//! worker, one without and one with the Switch Transformer's
//! load-balancing loss. Each map colours the plane by the expert a point
//! is sent to (darker where the mixture says colour 1), and the bars
//! under it show each expert's share of the points.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Rgb, Theme, listen};
use protocol::{
    BALANCE, DEFAULT_BALANCE, DEFAULT_EXPERTS, EXPERTS, FromWorker, MAP, STEPS, Snapshot,
    ToWorker,
};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement, HtmlElement};

pub use worker::worker_main;

/// A share below this counts as an expert out of work.
pub const IDLE: f32 = 0.01;

/// One colour per expert (up to 16), told apart in both themes.
const PALETTE: [Rgb; 16] = [
    Rgb(31, 119, 180),
    Rgb(255, 127, 14),
    Rgb(44, 160, 44),
    Rgb(214, 39, 40),
    Rgb(148, 103, 189),
    Rgb(140, 86, 75),
    Rgb(227, 119, 194),
    Rgb(127, 127, 127),
    Rgb(188, 189, 34),
    Rgb(23, 190, 207),
    Rgb(0, 70, 140),
    Rgb(170, 90, 0),
    Rgb(0, 110, 60),
    Rgb(150, 0, 60),
    Rgb(90, 50, 140),
    Rgb(60, 60, 60),
];

struct Page {
    lang: Lang,
    phase: Phase,
    steps: usize,
    mixtures: Vec<Snapshot>,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train both", "▶ 训练两个模型")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("experts-router");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        steps: 0,
        mixtures: Vec::new(),
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "experts-router",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let on = |selector: &str, f: Box<dyn Fn()>| -> Result<(), JsValue> {
        listen(&panel.find::<EventTarget>(selector)?, "click", move |_: Event| f())
    };
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(".er-start", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(
        ".er-reset",
        Box::new(move || {
            c.reset();
            {
                let mut st = s.borrow_mut();
                st.mixtures.clear();
                st.steps = 0;
            }
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            demo_kit::controls::set_progress(&p, "er", 0.0, text::ready(s.borrow().lang));
            show(&p, &s.borrow());
        }),
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    show(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let experts: Vec<(String, String)> =
        EXPERTS.iter().map(|e| (e.to_string(), e.to_string())).collect();
    let balance: Vec<(String, String)> =
        BALANCE.iter().map(|b| (b.to_string(), b.to_string())).collect();
    let fields = [
        select(
            "er-task",
            t(lang, "Pattern", "图案"),
            &[
                ("checkerboard", t(lang, "4 × 4 chessboard", "4 × 4 棋盘")),
                ("rings", t(lang, "four rings", "四个圆环")),
            ],
            "checkerboard",
        ),
        select(
            "er-experts",
            t(lang, "Experts", "专家数"),
            &options(&experts),
            &DEFAULT_EXPERTS.to_string(),
        ),
        select(
            "er-balance",
            t(lang, "Weight of the balancing loss (right)", "均衡损失的权重（右）"),
            &options(&balance),
            &DEFAULT_BALANCE.to_string(),
        ),
    ];
    let side = |class: &str, title: &str| {
        format!(
            r#"<figure class="er-side {class}"><figcaption>{title}</figcaption>
<canvas class="er-map" width="256" height="256"></canvas>
<canvas class="er-bars" width="256" height="96"></canvas>
<p class="er-stats" aria-live="polite"></p></figure>"#
        )
    };
    panel.root.set_inner_html(&format!(
        r#"<div class="er">{controls}{buttons}{progress}
<div class="er-pair">{plain}{balanced}</div>
<p class="er-caption">{caption}</p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("er-controls", &fields),
        buttons = buttons(
            "er-buttons",
            &[("er-start", start_label(lang)), ("er-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
        progress = progress("er", text::ready(lang)),
        plain = side("er-plain", t(lang, "Router alone", "只有路由器")),
        balanced = side("er-balanced", t(lang, "Router + balancing loss", "路由器 + 均衡损失")),
        caption = t(
            lang,
            "Each colour is one expert: the region of the square whose points the router sends to it; darker where the mixture answers colour 1. The bars are each expert's share of 4,000 test points; the dashed line is an even share.",
            "每种颜色是一个专家：路由器把这块区域里的点都交给它；颜色深的地方是模型答“颜色 1”。柱子是每个专家分到的 4,000 个测试点的份额；虚线是平均分配时的份额。"
        ),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "er", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let task = panel.value(".er-task");
    let experts =
        EXPERTS.into_iter().find(|e| panel.value(".er-experts") == e.to_string());
    let balance =
        BALANCE.into_iter().find(|b| panel.value(".er-balance") == b.to_string());
    let (Some(experts), Some(balance), Some(_)) = (experts, balance, worker::task(&task))
    else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    {
        let mut st = state.borrow_mut();
        st.mixtures.clear();
        st.steps = 0;
    }
    show(panel, &state.borrow());
    set_phase(panel, state, Phase::Training);
    client.send(&ToWorker::Start { run: client.next_run(), task, experts, balance });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Frame { steps, steps_per_second, mixtures } => {
            {
                let mut st = state.borrow_mut();
                st.steps = steps;
                st.mixtures = mixtures;
            }
            let fraction = steps as f32 / STEPS as f32;
            let left = (STEPS - steps.min(STEPS)) as f32 / steps_per_second.max(1.0);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                steps_per_second,
                ("steps", "步"),
                Some(left),
            );
            demo_kit::controls::set_progress(panel, "er", fraction, &status);
            show(panel, &state.borrow());
        }
        FromWorker::Done { seconds } => {
            set_phase(panel, state, Phase::Done);
            demo_kit::controls::set_progress(
                panel,
                "er",
                1.0,
                &text::done(lang, seconds),
            );
        }
    }
}

/// The lines under the maps, the attributes the tests read, and the pictures.
fn show(panel: &Panel, st: &Page) {
    let root = &panel.root;
    root.set_attribute("data-steps", &st.steps.to_string()).ok();
    let sides = panel.find_all(".er-stats").unwrap_or_default();
    if st.mixtures.is_empty() {
        for s in &sides {
            s.set_text_content(Some(""));
        }
        for a in ["accuracy", "working", "shares-plain", "shares-balanced"] {
            root.remove_attribute(&format!("data-{a}")).ok();
        }
    } else {
        let working: Vec<usize> = st
            .mixtures
            .iter()
            .map(|m| m.shares.iter().filter(|&&s| s >= IDLE).count())
            .collect();
        let join = |v: Vec<String>| v.join(",");
        root.set_attribute(
            "data-accuracy",
            &join(st.mixtures.iter().map(|m| format!("{:.4}", m.accuracy)).collect()),
        )
        .ok();
        root.set_attribute(
            "data-working",
            &join(working.iter().map(usize::to_string).collect()),
        )
        .ok();
        for (m, name) in st.mixtures.iter().zip(["plain", "balanced"]) {
            let shares = join(m.shares.iter().map(|s| format!("{s:.3}")).collect());
            root.set_attribute(&format!("data-shares-{name}"), &shares).ok();
        }
        for ((s, m), w) in sides.iter().zip(&st.mixtures).zip(&working) {
            let line =
                text::stats(st.lang, m.accuracy, *w, m.shares.len(), m.balance_loss);
            s.set_text_content(Some(&line));
        }
    }
    draw(panel, st);
}

fn draw(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let maps = panel.find_all(".er-map").unwrap_or_default();
    let bars = panel.find_all(".er-bars").unwrap_or_default();
    for (i, (map, bar)) in maps.iter().zip(&bars).enumerate() {
        let (Some(map), Some(bar)) =
            (map.dyn_ref::<HtmlCanvasElement>(), bar.dyn_ref::<HtmlCanvasElement>())
        else {
            continue;
        };
        let m = st.mixtures.get(i);
        if let Err(e) = draw_map(map, &theme, m).and_then(|_| draw_bars(bar, &theme, m)) {
            panel.message(&demo_kit::dom::escape(&format!("{e:?}")));
        }
    }
}

fn draw_map(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    m: Option<&Snapshot>,
) -> Result<(), JsValue> {
    let ctx = demo_kit::context_2d(canvas)?;
    let size = f64::from(canvas.width());
    ctx.set_fill_style_str(&theme.bg.mix(theme.fg, 0.08).css());
    ctx.fill_rect(0.0, 0.0, size, size);
    let Some(m) = m else { return Ok(()) };
    let cell = size / MAP as f64;
    for (k, (&e, &c)) in m.choice.iter().zip(&m.colour).enumerate() {
        let base = PALETTE[usize::from(e) % PALETTE.len()];
        let colour = if c == 1 {
            base.mix(Rgb(0, 0, 0), 0.25)
        } else {
            base.mix(Rgb(255, 255, 255), 0.55)
        };
        ctx.set_fill_style_str(&colour.css());
        let (row, col) = ((k / MAP) as f64, (k % MAP) as f64);
        ctx.fill_rect(col * cell, row * cell, cell + 0.5, cell + 0.5);
    }
    Ok(())
}

fn draw_bars(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    m: Option<&Snapshot>,
) -> Result<(), JsValue> {
    let ctx = demo_kit::context_2d(canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    let Some(m) = m else { return Ok(()) };
    let n = m.shares.len().max(1) as f64;
    let even = 1.0 / n;
    let top = m.shares.iter().copied().fold(2.0 * even as f32, f32::max) as f64;
    let slot = w / n;
    for (k, &s) in m.shares.iter().enumerate() {
        let bh = f64::from(s) / top * (h - 4.0);
        ctx.set_fill_style_str(&PALETTE[k % PALETTE.len()].css());
        ctx.fill_rect(k as f64 * slot + 1.0, h - bh, (slot - 2.0).max(1.0), bh);
    }
    let y = h - even / top * (h - 4.0);
    ctx.set_stroke_style_str(&theme.fg.css());
    ctx.set_line_dash(&js_sys::Array::of2(&4.into(), &3.into()))?;
    ctx.begin_path();
    ctx.move_to(0.0, y);
    ctx.line_to(w, y);
    ctx.stroke();
    ctx.set_line_dash(&js_sys::Array::new())?;
    Ok(())
}

/// For `./dev bench`: seconds the page's default run (both mixtures, 3,000
/// steps; `moe::page_default_run`) takes on one thread of the page.
#[wasm_bindgen]
pub fn bench_default_run() -> f64 {
    let t0 = demo_kit::worker::now();
    moe::page_default_run();
    (demo_kit::worker::now() - t0) / 1000.0
}
