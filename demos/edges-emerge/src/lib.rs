//! Demo `edges-emerge`: sparse coding learns from whitened patches of
//! photographs in a worker (`edges`); the page draws the filters as they
//! turn from noise into oriented edges, counts the edges, and sets beside
//! them what the learner sees (whitened patches) and what PCA finds.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::dom::escape;
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use edges::{Settings, Source};
use protocol::{ATOMS, FromWorker, LAMBDAS, ToWorker};
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement};

pub use worker::worker_main;

const SHARED: [(&str, &str); 3] =
    [("pictures", ".ee-source"), ("sparsity", ".ee-lambda"), ("filters", ".ee-atoms")];

#[derive(Default)]
struct Pictures {
    size: usize,
    filters: Vec<f32>,
    examples: Vec<f32>,
    components: Vec<f32>,
}

struct Page {
    lang: Lang,
    phase: Phase,
    atoms: usize,
    batches: usize,
    /// (batch, % of filters that are edges) and (batch, % of energy left).
    edges: Vec<(f32, f32)>,
    residual: Vec<(f32, f32)>,
    pictures: Pictures,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    lang.pick("▶ Learn from the pictures", "▶ 从图片中学习")
}

#[wasm_bindgen]
pub fn mount(root: web_sys::HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("edges-emerge");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    demo_kit::share::restore_controls(&panel, "edges-emerge", &SHARED);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        atoms: 64,
        batches: Settings::default().batches,
        edges: Vec::new(),
        residual: Vec::new(),
        pictures: Pictures::default(),
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "edges-emerge",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".ee-start", "click", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(
        ".ee-reset",
        "click",
        Box::new(move || {
            c.reset();
            clear(&p, &s);
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            let lang = s.borrow().lang;
            demo_kit::controls::set_progress(&p, "ee", 0.0, text::ready(lang));
        }),
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| paint(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    paint(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let sources: Vec<(String, String)> = Source::ALL
        .iter()
        .map(|s| {
            let name = match s {
                Source::Photos => lang.pick("all seven photos", "全部七张照片"),
                Source::Cat => lang.pick("the cat alone", "只用那只猫"),
                Source::Textures => lang.pick("grass, brick, gravel", "草地、砖墙、碎石"),
                Source::Noise => lang.pick("white noise (control)", "白噪声（对照）"),
            };
            (s.key().to_string(), name.to_string())
        })
        .collect();
    let lambdas: Vec<(String, String)> = LAMBDAS
        .iter()
        .map(|l| {
            let text = if *l == 0.0 {
                lang.pick("0 (no sparsity)", "0（不要求稀疏）").to_string()
            } else {
                l.to_string()
            };
            (l.to_string(), text)
        })
        .collect();
    let atoms: Vec<(String, String)> =
        ATOMS.iter().map(|a| (a.to_string(), a.to_string())).collect();
    let controls = row(
        "ee-controls",
        &[
            select(
                "ee-source",
                lang.pick("Pictures", "图片"),
                &options(&sources),
                "photos",
            ),
            select(
                "ee-lambda",
                lang.pick("Sparsity price λ", "稀疏代价 λ"),
                &options(&lambdas),
                "2",
            ),
            select(
                "ee-atoms",
                lang.pick("Filters", "滤波器个数"),
                &options(&atoms),
                "64",
            ),
        ],
    );
    let initial = text::filters_label(lang, 0, 64, 12);
    panel.root.set_inner_html(&format!(
        r#"<div class="ee">{controls}
{buttons}{progress}
<figure class="ee-main"><canvas class="ee-filters" width="105" height="105" role="img" aria-label="{initial}"></canvas>
<figcaption class="ee-count">{none}</figcaption></figure>
<canvas class="ee-chart" width="560" height="230"></canvas>
<div class="ee-seen" hidden><figure><canvas class="ee-examples" width="53" height="53" role="img" aria-label="{ex_label}"></canvas><figcaption>{ex_caption}</figcaption></figure>
<figure><canvas class="ee-pca" width="53" height="53" role="img" aria-label="{pca_label}"></canvas><figcaption class="ee-pca-caption"></figcaption></figure></div>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        buttons = buttons(
            "ee-buttons",
            &[("ee-start", start_label(lang)), ("ee-reset", lang.pick("↺ Reset", "↺ 重置"))]
        ),
        progress = progress("ee", text::ready(lang)),
        none = lang.pick(
            "The filters appear here when learning starts: random at first.",
            "学习开始后滤波器会出现在这里：一开始是随机的。"
        ),
        ex_label = lang.pick(
            "16 whitened patches, as the learner sees them",
            "16 个白化后的小块，学习者看到的就是它们"
        ),
        pca_label = lang.pick(
            "The 16 strongest principal components of the whitened patches",
            "白化小块最强的 16 个主成分"
        ),
        ex_caption = lang.pick(
            "16 of the whitened patches the learner sees: slow changes of brightness removed, edges kept.",
            "学习者看到的 16 个白化小块：缓慢的明暗变化去掉了，边缘留了下来。"
        ),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "ee", lang, start_label(lang));
}

fn clear(panel: &Panel, state: &Shared) {
    {
        let mut st = state.borrow_mut();
        st.edges.clear();
        st.residual.clear();
        st.pictures = Pictures::default();
    }
    for a in ["data-edges", "data-batch", "data-pca-edges"] {
        panel.root.remove_attribute(a).ok();
    }
    if let Ok(seen) = panel.find::<web_sys::HtmlElement>(".ee-seen") {
        seen.set_hidden(true);
    }
    paint(panel, &state.borrow());
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let source = Source::from_key(&panel.value(".ee-source"));
    let lambda =
        panel.value(".ee-lambda").parse::<f32>().ok().filter(|l| LAMBDAS.contains(l));
    let atoms =
        panel.value(".ee-atoms").parse::<usize>().ok().filter(|a| ATOMS.contains(a));
    let (Some(source), Some(lambda), Some(atoms)) = (source, lambda, atoms) else {
        return panel
            .message(lang.pick("That choice is not on offer.", "没有这个选项。"));
    };
    demo_kit::share::save_controls(panel, "edges-emerge", &SHARED);
    panel.message("");
    clear(panel, state);
    {
        let mut st = state.borrow_mut();
        st.atoms = atoms;
    }
    panel.root.set_attribute("data-atoms", &atoms.to_string()).ok();
    set_phase(panel, state, Phase::Loading);
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Train {
        run: client.next_run(),
        source: source.key().into(),
        lambda,
        atoms,
        assets,
    });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Loading { done } => {
            demo_kit::controls::set_progress(
                panel,
                "ee",
                0.0,
                &text::loading(lang, done),
            );
        }
        FromWorker::Whitened { size, examples, components, component_edges } => {
            {
                let mut st = state.borrow_mut();
                st.pictures.size = size;
                st.pictures.examples = examples;
                st.pictures.components = components;
            }
            let atoms = state.borrow().atoms;
            panel.set_text(
                ".ee-pca-caption",
                &text::pca_caption(lang, component_edges, atoms),
            );
            panel.root.set_attribute("data-pca-edges", &component_edges.to_string()).ok();
            if let Ok(seen) = panel.find::<web_sys::HtmlElement>(".ee-seen") {
                seen.set_hidden(false);
            }
        }
        FromWorker::Filters { batch, batches, filters, edges, residual, active: _ } => {
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
            let atoms = {
                let mut st = state.borrow_mut();
                st.batches = batches;
                st.pictures.filters = filters;
                let share = 100.0 * edges as f32 / st.atoms.max(1) as f32;
                st.edges.push((batch as f32, share));
                st.residual.push((batch as f32, 100.0 * residual));
                st.atoms
            };
            let per = Settings::default().batch;
            panel.set_text(".ee-count", &text::count(lang, edges, atoms, batch, per));
            panel.root.set_attribute("data-edges", &edges.to_string()).ok();
            panel.root.set_attribute("data-batch", &batch.to_string()).ok();
            paint(panel, &state.borrow());
        }
        FromWorker::Progress { batch, batches, per_second } => {
            let fraction = batch as f32 / batches.max(1) as f32;
            let left = batches.saturating_sub(batch) as f32 / per_second.max(1e-3);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                per_second,
                ("batches", "批"),
                Some(left),
            );
            demo_kit::controls::set_progress(panel, "ee", fraction, &status);
        }
        FromWorker::Done { seconds, edges } => {
            set_phase(panel, state, Phase::Done);
            let atoms = state.borrow().atoms;
            demo_kit::controls::set_progress(
                panel,
                "ee",
                1.0,
                &text::done(lang, seconds, edges, atoms),
            );
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&text::failed(lang, &escape(&message)));
        }
    }
}

/// Draws `patterns` (`size` × `size` each) in a square grid, one canvas
/// pixel per weight, each scaled to its own largest value: mid-grey is 0.
fn grid(canvas: &HtmlCanvasElement, patterns: &[f32], size: usize, frame: &str) {
    let count = patterns.len() / (size * size).max(1);
    let per_row = (count as f64).sqrt().ceil().max(1.0) as usize;
    let side = per_row * (size + 1) + 1;
    if canvas.width() != side as u32 {
        canvas.set_width(side as u32);
        canvas.set_height(side as u32);
    }
    let Ok(ctx) = demo_kit::dom::context_2d(canvas) else { return };
    ctx.set_fill_style_str(frame);
    ctx.fill_rect(0.0, 0.0, side as f64, side as f64);
    if size == 0 {
        return;
    }
    for (k, p) in patterns.chunks_exact(size * size).enumerate() {
        let top = p.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(1e-12);
        let (ox, oy) = ((k % per_row) * (size + 1) + 1, (k / per_row) * (size + 1) + 1);
        for (i, v) in p.iter().enumerate() {
            let g = (127.5 + 127.5 * v / top).round().clamp(0.0, 255.0) as u8;
            ctx.set_fill_style_str(&format!("rgb({g},{g},{g})"));
            ctx.fill_rect((ox + i % size) as f64, (oy + i / size) as f64, 1.0, 1.0);
        }
    }
}

fn paint(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let frame = theme.bg.css();
    let pics = &st.pictures;
    let size = pics.size.max(1);
    if let Ok(c) = panel.find::<HtmlCanvasElement>(".ee-filters") {
        grid(&c, &pics.filters, size, &frame);
        let edges = panel.root.get_attribute("data-edges").and_then(|e| e.parse().ok());
        let label = text::filters_label(st.lang, edges.unwrap_or(0), st.atoms, size);
        c.set_attribute("aria-label", &label).ok();
    }
    for (class, patterns) in
        [(".ee-examples", &pics.examples), (".ee-pca", &pics.components)]
    {
        if let Ok(c) = panel.find::<HtmlCanvasElement>(class) {
            grid(&c, patterns, size, &frame);
        }
    }
    let labels = (
        st.lang.pick("batches of 100 patches", "批次（每批 100 个小块）"),
        st.lang.pick("percent", "百分比"),
    );
    let names = (
        st.lang.pick("filters that are edges", "是边缘的滤波器"),
        st.lang.pick("patch energy left unexplained", "没能解释的小块能量"),
    );
    let series = [
        Series::line(names.0, theme.positive, &st.edges),
        Series::line(names.1, theme.negative, &st.residual),
    ];
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ee-chart")
        && let Err(e) = line_chart(
            &canvas,
            &theme,
            labels.0,
            labels.1,
            st.batches as f32,
            0.0..100.0,
            &series,
        )
    {
        panel.message(&escape(&e));
    }
}

/// For `./dev bench`: batches per second of the page's default run
/// (64 filters, 12 × 12 patches, batches of 100) on a noise picture (the
/// speed does not depend on what the pictures show).
#[wasm_bindgen]
pub fn bench_batches(batches: usize) -> f64 {
    let mut learner =
        edges::Learner::new(Source::Noise.pictures(Vec::new()), Settings::default());
    let t0 = demo_kit::worker::now();
    for _ in 0..batches {
        learner.step();
    }
    batches as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-6)
}
