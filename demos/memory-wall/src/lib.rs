//! Demo `memory-wall`, "the memory wall, measured here": a worker times
//! one core's peak arithmetic and memory bandwidth and the book's kernels
//! (`roofline`), and the page draws them as a roofline beside the first
//! TPU's; below, what LeNet-5 costs in energy per digit, arithmetic
//! against fetching its weights (`roofline::energy`).

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, log_log_chart};
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use protocol::{FromWorker, ToWorker};
use roofline::Roof;
use roofline::kernels::NAMES;
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement, HtmlElement};

pub use worker::worker_main;

/// Batches on offer in the energy table.
pub const BATCHES: [usize; 4] = [1, 8, 64, 1_000];

struct Page {
    lang: Lang,
    phase: Phase,
    roof: Option<Roof>,
    /// name, operations per byte, operations a second.
    points: Vec<(String, f64, f64)>,
    hidden: bool,
    /// Workers timing the peak together, one per core, and their answers.
    pool: Vec<Client>,
    cores: Vec<f64>,
    /// The single worker's total time, reported once all the cores answered.
    seconds: f32,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Measure this machine", "▶ 测量这台机器")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("memory-wall");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        roof: None,
        points: Vec::new(),
        hidden: false,
        pool: Vec::new(),
        cores: Vec::new(),
        seconds: 0.0,
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "memory-wall",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".mw-start", "click", move || {
        if s.borrow().phase.busy() {
            return;
        }
        {
            let mut st = s.borrow_mut();
            st.roof = None;
            st.points.clear();
            st.hidden = false;
            st.cores.clear();
        }
        p.message("");
        show(&p, &s.borrow());
        set_phase(&p, &s, Phase::Training);
        let lang = s.borrow().lang;
        demo_kit::controls::set_progress(
            &p,
            "mw",
            0.0,
            &text::measuring(lang, 0, NAMES.len() + 1),
        );
        c.send(&ToWorker::Start { run: c.next_run() });
    })?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".mw-reset", "click", move || {
        c.reset();
        {
            let mut st = s.borrow_mut();
            st.roof = None;
            st.points.clear();
            st.cores.clear();
            for w in &st.pool {
                w.reset();
            }
        }
        set_phase(&p, &s, Phase::Idle);
        p.message("");
        demo_kit::controls::set_progress(&p, "mw", 0.0, text::ready(s.borrow().lang));
        show(&p, &s.borrow());
    })?;
    let (p, s) = (panel.clone(), state.clone());
    listen(&panel.find::<EventTarget>(".mw-batch")?, "change", move |_: Event| {
        energy(&p, s.borrow().lang);
    })?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
        if let Some(doc) = window.document() {
            let s = state.clone();
            let d = doc.clone();
            listen(&doc, "visibilitychange", move |_: Event| {
                if d.hidden() && s.borrow().phase.busy() {
                    s.borrow_mut().hidden = true;
                }
            })?;
        }
    }
    set_phase(&panel, &state, Phase::Idle);
    show(&panel, &state.borrow());
    energy(&panel, lang);
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let batches: Vec<(String, String)> = BATCHES
        .iter()
        .map(|b| (b.to_string(), demo_kit::controls::thousands(*b as u64)))
        .collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="mw">{buttons}{progress}
<figure class="mw-figure"><canvas class="mw-chart" width="600" height="360"></canvas>
<figcaption>{caption}</figcaption></figure>
<p class="mw-roof" aria-live="polite"></p>
<div class="mw-wrap" tabindex="0" role="region" aria-label="{region}"><table class="mw-table"></table></div>
<h4 class="mw-energy-title">{energy}</h4>{batch}
<div class="mw-wrap" tabindex="0" role="region" aria-label="{energy}"><table class="mw-energy"></table></div>
<p class="mw-energy-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        buttons = buttons(
            "mw-buttons",
            &[("mw-start", start_label(lang)), ("mw-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
        progress = progress("mw", text::ready(lang)),
        caption = t(
            lang,
            "Operations a second against operations per byte moved, both on logarithmic scales. Lines: the most each machine allows (memory's slope on the left, the arithmetic's flat ceiling on the right); dots: the book's kernels measured here.",
            "每秒运算次数对每字节数据的运算次数，两条轴都是对数刻度。线：每台机器允许的上限（左边是内存决定的斜坡，右边是算力决定的平顶）；点：这里实测的本书计算。"
        ),
        region = t(lang, "The book's kernels on this machine", "本书的计算在这台机器上"),
        energy = t(lang, "What one digit costs LeNet-5 in energy", "LeNet-5 认一张数字要花的能量"),
        batch = row(
            "mw-controls",
            &[select(
                "mw-batch",
                t(lang, "Digits per batch (sharing one fetch of the weights)", "每批的数字张数（共用一次权重读取）"),
                &options(&batches),
                "1"
            )]
        ),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "mw", lang, start_label(lang));
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Roof { peak, bandwidth } => {
            state.borrow_mut().roof = Some(Roof { peak, bandwidth });
        }
        FromWorker::Point { name, ops, bytes, rate } => {
            state.borrow_mut().points.push((name, ops / bytes, rate));
        }
        FromWorker::Done { seconds } => {
            state.borrow_mut().seconds = seconds;
            demo_kit::controls::set_progress(panel, "mw", 0.95, text::all_cores(lang));
            measure_all_cores(panel, state);
            return;
        }
        FromWorker::CorePeak { .. } => return,
    }
    let done = state.borrow().points.len() + 1;
    let total = NAMES.len() + 1;
    demo_kit::controls::set_progress(
        panel,
        "mw",
        done as f32 / total as f32,
        &text::measuring(lang, done, total),
    );
    show(panel, &state.borrow());
}

/// How many workers time the peak together: one per core the browser
/// reports, at least one and at most 16.
fn core_count() -> usize {
    web_sys::window()
        .map_or(2.0, |w| w.navigator().hardware_concurrency())
        .clamp(1.0, 16.0) as usize
}

/// One worker per core, all timing the peak at once. The workers are
/// started the first time and kept for later measurements.
fn measure_all_cores(panel: &Panel, state: &Shared) {
    if !state.borrow().pool.is_empty() {
        for c in &state.borrow().pool {
            c.send(&ToWorker::Peak { run: c.next_run() });
        }
        return;
    }
    let mut pool = Vec::new();
    for _ in 0..core_count() {
        let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
        let c = Client::new(
            panel,
            "memory-wall",
            move |m: FromWorker| {
                if let FromWorker::CorePeak { rate } = m {
                    s.borrow_mut().cores.push(rate);
                    let all_in = s.borrow().cores.len() >= s.borrow().pool.len();
                    if all_in {
                        finish(&p, &s);
                    }
                }
            },
            |_| {},
            move |why| {
                // A core that cannot take part: report the rest without it.
                p2.message(&demo_kit::dom::escape(&why));
                s2.borrow_mut().pool.pop();
                let all_in = s2.borrow().cores.len() >= s2.borrow().pool.len();
                if all_in {
                    finish(&p2, &s2);
                }
            },
        );
        c.send(&ToWorker::Peak { run: c.next_run() });
        pool.push(c);
    }
    state.borrow_mut().pool = pool;
}

fn finish(panel: &Panel, state: &Shared) {
    let lang = state.borrow().lang;
    if state.borrow().phase != Phase::Training {
        return;
    }
    set_phase(panel, state, Phase::Done);
    let seconds = state.borrow().seconds;
    demo_kit::controls::set_progress(panel, "mw", 1.0, &text::done(lang, seconds));
    if state.borrow().hidden {
        panel.message(text::hidden(lang));
    }
    panel.root.set_attribute("data-measured", "done").ok();
    show(panel, &state.borrow());
}

/// The roof drawn: the measured peak, or the fastest kernel if one beat it
/// (a ceiling no point may pass).
fn drawn_roof(st: &Page) -> Option<Roof> {
    let r = st.roof?;
    let fastest = st.points.iter().map(|p| p.2).fold(0.0, f64::max);
    Some(Roof { peak: r.peak.max(fastest), bandwidth: r.bandwidth })
}

fn show(panel: &Panel, st: &Page) {
    let lang = st.lang;
    let root = &panel.root;
    match drawn_roof(st) {
        Some(r) => {
            root.set_attribute("data-peak", &format!("{:.0}", r.peak)).ok();
            root.set_attribute("data-bandwidth", &format!("{:.0}", r.bandwidth)).ok();
            let mut sentence = text::roof(lang, r.peak, r.bandwidth);
            if !st.cores.is_empty() && st.phase == Phase::Done {
                let all: f64 = st.cores.iter().sum();
                root.set_attribute("data-cores", &st.cores.len().to_string()).ok();
                root.set_attribute("data-all-cores", &format!("{all:.0}")).ok();
                sentence =
                    format!("{sentence} {}", text::cores(lang, st.cores.len(), all));
            }
            panel.set_text(".mw-roof", &sentence);
        }
        None => {
            root.remove_attribute("data-peak").ok();
            root.remove_attribute("data-bandwidth").ok();
            for a in ["data-measured", "data-cores", "data-all-cores"] {
                root.remove_attribute(a).ok();
            }
            panel.set_text(".mw-roof", "");
        }
    }
    let head = [
        t(lang, "kernel", "计算"),
        t(lang, "operations per byte", "每字节运算次数"),
        t(lang, "billion operations a second here", "这里每秒十亿次运算"),
        t(lang, "share of the roof", "占上限的比例"),
        t(lang, "held back by", "受限于"),
    ];
    let mut rows = format!(
        "<thead><tr>{}</tr></thead><tbody>",
        head.iter().map(|h| format!("<th>{h}</th>")).collect::<String>()
    );
    let mut list = Vec::new();
    for (name, intensity, rate) in &st.points {
        let (share, bound) = match drawn_roof(st) {
            Some(r) => (
                format!("{:.0}%", rate / r.attainable(*intensity) * 100.0),
                if *intensity < r.ridge() {
                    t(lang, "memory", "内存")
                } else {
                    t(lang, "arithmetic", "算力")
                },
            ),
            None => ("–".into(), "–"),
        };
        list.push(format!("{name}:{intensity:.3}:{rate:.0}"));
        rows += &format!(
            "<tr><td>{}</td><td>{:.2}</td><td>{:.2}</td><td>{share}</td><td>{bound}</td></tr>",
            text::kernel(lang, name),
            intensity,
            rate / 1e9
        );
    }
    rows += "</tbody>";
    if let Ok(table) = panel.find::<web_sys::Element>(".mw-table") {
        table.set_inner_html(&rows);
    }
    if list.is_empty() {
        root.remove_attribute("data-points").ok();
    } else {
        root.set_attribute("data-points", &list.join(",")).ok();
    }
    draw(panel, st);
}

/// Points of a roofline over intensities 0.1 to 10,000, in GOPS.
fn roof_line(r: Roof) -> Vec<(f32, f32)> {
    (0..=50)
        .map(|i| {
            let x = 10f64.powf(-1.0 + 5.0 * f64::from(i) / 50.0);
            (x as f32, (r.attainable(x) / 1e9) as f32)
        })
        .collect()
}

fn draw(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".mw-chart") else { return };
    let theme = Theme::current();
    let lang = st.lang;
    let tpu = roof_line(Roof::TPU_V1);
    let here = drawn_roof(st).map(roof_line).unwrap_or_default();
    let all: Vec<(f32, f32)> = if st.cores.is_empty() || st.phase != Phase::Done {
        Vec::new()
    } else {
        let g = (st.cores.iter().sum::<f64>() / 1e9) as f32;
        vec![(0.1, g), (10_000.0, g)]
    };
    let all_label = match lang {
        Lang::En => format!("peak of all {} cores here", st.cores.len()),
        Lang::Zh => format!("这里全部 {} 个核心的峰值", st.cores.len()),
    };
    let dots: Vec<(f32, f32)> =
        st.points.iter().map(|(_, i, r)| (*i as f32, (*r / 1e9) as f32)).collect();
    let series = [
        Series::plain(t(lang, "first TPU (2015)", "第一代 TPU（2015）"), theme.fg, &tpu),
        Series::line(t(lang, "one core here", "这里的一个核心"), theme.positive, &here),
        Series::dots(
            t(lang, "the book's kernels here", "这里实测的本书计算"),
            theme.accent,
            &dots,
        ),
        Series::plain(&all_label, theme.positive.mix(theme.bg, 0.5), &all),
    ];
    let labels = (
        t(lang, "operations per byte", "每字节运算次数"),
        t(lang, "billion operations a second", "每秒十亿次运算"),
    );
    if let Err(e) =
        log_log_chart(&canvas, &theme, labels, 0.1..10_000.0, 0.1..200_000.0, &series)
    {
        panel.message(&demo_kit::dom::escape(&e));
    }
}

/// The energy table for the batch chosen.
fn energy(panel: &Panel, lang: Lang) {
    let batch = panel
        .value(".mw-batch")
        .parse::<usize>()
        .ok()
        .filter(|b| BATCHES.contains(b))
        .unwrap_or(1);
    let model = lenet::LeNet5::new(0);
    let macs: usize = model.layers.iter().map(|l| nn::Layer::macs(l.as_ref())).sum();
    let weights = model.param_count();
    let uj = |pj: f64| format!("{:.2}", pj / 1e6);
    let head = [
        t(lang, "numbers", "数的格式"),
        t(lang, "arithmetic, µJ", "算术，微焦"),
        t(lang, "weights from DRAM, µJ", "从 DRAM 读权重，微焦"),
        t(lang, "weights from a 1 MB on-chip memory, µJ", "从 1 MB 片上存储读权重，微焦"),
    ];
    let mut rows = format!(
        "<thead><tr>{}</tr></thead><tbody>",
        head.iter().map(|h| format!("<th>{h}</th>")).collect::<String>()
    );
    let mut bills = Vec::new();
    for (bits, name) in [
        (32, t(lang, "32-bit floats", "32 位浮点数")),
        (8, t(lang, "8-bit integers", "8 位整数")),
    ] {
        let b = roofline::energy::per_digit(macs, weights, bits, batch);
        rows += &format!(
            "<tr><td>{name}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            uj(b.arithmetic),
            uj(b.weights_dram),
            uj(b.weights_sram)
        );
        bills.push(b);
    }
    rows += "</tbody>";
    if let Ok(table) = panel.find::<web_sys::Element>(".mw-energy") {
        table.set_inner_html(&rows);
    }
    let f = bills[0];
    let ratio = f.weights_dram / f.arithmetic;
    let ratio = if ratio < 1.0 { format!("{ratio:.2}") } else { format!("{ratio:.1}") };
    let sentence = match lang {
        Lang::En => format!(
            "In floats, with {} digit(s) per fetch, reading the weights from DRAM costs {}× the arithmetic. Eight-bit integers cut the arithmetic {:.0}-fold and the traffic 4-fold.",
            demo_kit::controls::thousands(batch as u64),
            ratio,
            f.arithmetic / bills[1].arithmetic
        ),
        Lang::Zh => format!(
            "用浮点数、每次读取供 {} 张数字共用时，从 DRAM 读权重的能量是算术的 {} 倍。8 位整数把算术的能量降到 1/{:.0}，读取量降到 1/4。",
            demo_kit::controls::thousands(batch as u64),
            ratio,
            f.arithmetic / bills[1].arithmetic
        ),
    };
    panel.set_text(".mw-energy-result", &sentence);
    panel
        .root
        .set_attribute(
            "data-energy",
            &format!("{:.0},{:.0}", f.arithmetic, f.weights_dram),
        )
        .ok();
}

/// For `./dev bench`: one core's roofline in the page, `[peak operations/s,
/// bandwidth bytes/s]` (the page must not be busy with anything else).
#[wasm_bindgen]
pub fn bench_roof() -> Vec<f64> {
    let r = roofline::measure::roof(&demo_kit::worker::now, roofline::measure::MIN_MS);
    vec![r.peak, r.bandwidth]
}
