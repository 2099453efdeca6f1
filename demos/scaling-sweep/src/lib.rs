//! Demo `scaling-sweep`: a scaling law measured in the reader's browser.
//! Six character GPTs that differ only in width are trained on the same
//! text for the same number of characters, in as many Web Workers as the
//! machine has cores (up to four; each takes the largest model left); their
//! held-out losses go on log–log axes with the power-law fits of
//! `scaling::fit`, beside the native reference sweep.

mod draw;
pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::dom::escape;
use demo_kit::phase::{Phase, Press};
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, listen};
use protocol::{FromWorker, ToWorker};
use scaling::sweep::{
    DEFAULT_BUDGET, PAGE_BUDGETS, Reference, Shape, TEXT_SYMBOLS, page_shapes,
};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

pub use worker::worker_main;

/// One model of the sweep as the page sees it.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    shape: Shape,
    non_embedding: usize,
    all: usize,
    steps: usize,
    /// (characters read, held-out loss)
    curve: Vec<(f32, f32)>,
    loss: Option<f32>,
    failed: bool,
}

impl Model {
    fn new(shape: Shape) -> Model {
        // Sizes are known before the text is (the worker's Ready confirms them).
        let c = shape.config(TEXT_SYMBOLS);
        Model {
            shape,
            non_embedding: c.non_embedding_params(),
            all: c.params(),
            steps: 0,
            curve: Vec::new(),
            loss: None,
            failed: false,
        }
    }

    fn finished(&self) -> bool {
        self.loss.is_some() || self.failed
    }

    fn size(&self, counting_all: bool) -> usize {
        if counting_all { self.all } else { self.non_embedding }
    }
}

pub(crate) struct Page {
    lang: Lang,
    phase: Phase,
    chars: usize,
    models: Vec<Model>,
    /// Models not yet handed to a worker, largest last (popped first).
    waiting: Vec<usize>,
    /// The model each worker is training.
    busy: Vec<Option<usize>>,
    reference: Option<Reference>,
    counting_all: bool,
}

type Shared = Rc<RefCell<Page>>;

const SHARED: [(&str, &str); 2] = [("chars", ".ss-chars"), ("count", ".ss-count")];

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train the six models", "▶ 训练六个模型")
}

/// Workers to start: one per core the browser reports, two to four.
fn worker_count() -> usize {
    let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(2, 4)
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("scaling-sweep");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    demo_kit::share::restore_controls(&panel, "scaling-sweep", &SHARED);
    let workers = worker_count();
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        chars: DEFAULT_BUDGET,
        models: page_shapes().into_iter().map(Model::new).collect(),
        waiting: Vec::new(),
        busy: vec![None; workers],
        reference: None,
        counting_all: panel.value(".ss-count") == "all",
    }));
    panel.root.set_attribute("data-workers", &workers.to_string()).ok();
    let clients: Rc<RefCell<Vec<Client>>> = Rc::new(RefCell::new(Vec::new()));
    for w in 0..workers {
        let (p, s, c) = (panel.clone(), state.clone(), clients.clone());
        let (p2, s2, c2) = (panel.clone(), state.clone(), clients.clone());
        let client = Client::new(
            &panel,
            "scaling-sweep",
            move |m: FromWorker| on_report(&p, &s, &c, w, m),
            |_| {},
            move |why| on_worker_failure(&p2, &s2, &c2, w, &why),
        );
        clients.borrow_mut().push(client);
    }
    let (p, s, c) = (panel.clone(), state.clone(), clients.clone());
    panel.on(".ss-start", "click", move || on_start(&p, &s, &c.borrow()))?;
    let (p, s, c) = (panel.clone(), state.clone(), clients.clone());
    panel.on(".ss-reset", "click", move || {
        c.borrow().iter().for_each(Client::reset);
        clear(&p, &s);
        set_phase(&p, &s, Phase::Idle);
        p.message("");
    })?;
    let (p, s) = (panel.clone(), state.clone());
    panel.on(".ss-count", "change", move || {
        s.borrow_mut().counting_all = p.value(".ss-count") == "all";
        show(&p, &s.borrow());
    })?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            draw::charts(&p, &s.borrow())
        })?;
    }
    set_phase(&panel, &state, Phase::Idle);
    clear(&panel, &state);
    wasm_bindgen_futures::spawn_local(load_reference(panel, state));
    Ok(())
}

/// For `./dev bench`: seconds one thread takes to train the page's six
/// models for `chars` characters each, on a random text of the sweep's 63
/// symbols (the speed does not depend on what the text says).
#[wasm_bindgen]
pub fn bench_sweep(chars: usize) -> f64 {
    const SYMBOLS: &str =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
    let symbols: Vec<char> = SYMBOLS.chars().collect();
    let mut state = 12_345u64;
    let text: String = (0..200_000)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            symbols[(state >> 33) as usize % symbols.len()]
        })
        .collect();
    let corpus = gpt::Corpus::new(&text, scaling::sweep::VAL_FRACTION);
    let t0 = demo_kit::worker::now();
    for shape in page_shapes() {
        scaling::sweep::train_one(&corpus, shape, chars, 1);
    }
    (demo_kit::worker::now() - t0) / 1000.0
}

/// The native sweep's points, drawn faintly behind the reader's own.
async fn load_reference(panel: Panel, state: Shared) {
    let url = demo_kit::fetch::assets_url(&panel.root, "scaling/reference.json");
    let lang = state.borrow().lang;
    let parsed = demo_kit::fetch::bytes(&url, false)
        .await
        .and_then(|b| serde_json::from_slice::<Reference>(&b).map_err(|e| e.to_string()));
    match parsed {
        Ok(r) => {
            panel.root.set_attribute("data-reference", &r.points.len().to_string()).ok();
            state.borrow_mut().reference = Some(r);
            show(&panel, &state.borrow());
        }
        Err(why) => panel.message(&format!(
            "{}{}",
            t(
                lang,
                "The native reference points could not be loaded (the sweep still works): ",
                "本机参考点无法加载（扫描仍可运行）：",
            ),
            escape(&why)
        )),
    }
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, progress, row, select};
    let budgets: Vec<(String, String)> =
        PAGE_BUDGETS.iter().map(|&c| (c.to_string(), text::budget(lang, c))).collect();
    let fields = [
        select(
            "ss-chars",
            t(lang, "Text read", "读多少文本"),
            &demo_kit::controls::options(&budgets),
            &DEFAULT_BUDGET.to_string(),
        ),
        select(
            "ss-count",
            t(lang, "Count", "参数计数"),
            &[
                (
                    "non-embedding",
                    t(
                        lang,
                        "parameters outside the embeddings (Kaplan)",
                        "嵌入层以外的参数（Kaplan）",
                    ),
                ),
                ("all", t(lang, "all parameters", "全部参数")),
            ],
            "non-embedding",
        ),
    ];
    let bars: String = page_shapes()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let m = Model::new(*s);
            format!(
                "<div class=\"ss-model\"><span class=\"ss-name\">{} · {}</span>{}</div>",
                text::shape(lang, s),
                text::params(lang, m.non_embedding),
                progress(&format!("ss-m{i}"), "")
            )
        })
        .collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="ss"><div class="ss-controls">{controls}</div>
{buttons}<div class="ss-models">{bars}</div>
<div class="dk-charts"><canvas class="ss-by-size" width="460" height="300"></canvas><canvas class="ss-by-chars" width="460" height="300"></canvas></div>
<p class="ss-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("ss-fields", &fields),
        buttons = buttons(
            "ss-buttons",
            &[("ss-start", start_label(lang)), ("ss-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "ss", lang, start_label(lang));
    // Changing what is counted never touches a run: keep it usable.
    if let Ok(count) = panel.find::<web_sys::Element>(".ss-count") {
        count.remove_attribute("disabled").ok();
    }
}

fn clear(panel: &Panel, state: &Shared) {
    {
        let mut st = state.borrow_mut();
        st.models = page_shapes().into_iter().map(Model::new).collect();
        st.waiting.clear();
        st.busy.iter_mut().for_each(|b| *b = None);
    }
    for i in 0..page_shapes().len() {
        demo_kit::controls::set_progress(panel, &format!("ss-m{i}"), 0.0, "");
    }
    show(panel, &state.borrow());
}

fn on_start(panel: &Panel, state: &Shared, clients: &[Client]) {
    let phase = state.borrow().phase;
    match phase.press() {
        (Press::Pause, next) => {
            clients.iter().for_each(Client::pause);
            return set_phase(panel, state, next);
        }
        (Press::Resume, next) => {
            clients.iter().for_each(Client::resume);
            return set_phase(panel, state, next);
        }
        (Press::Start, _) => {}
    }
    let chars = panel
        .value(".ss-chars")
        .parse()
        .ok()
        .filter(|c| PAGE_BUDGETS.contains(c))
        .unwrap_or(DEFAULT_BUDGET);
    demo_kit::share::save_controls(panel, "scaling-sweep", &SHARED);
    panel.message("");
    clear(panel, state);
    {
        let mut st = state.borrow_mut();
        st.chars = chars;
        st.waiting = (0..st.models.len()).collect();
    }
    set_phase(panel, state, Phase::Loading);
    for (w, client) in clients.iter().enumerate() {
        client.next_run();
        hand_out(panel, state, client, w);
    }
}

/// Gives worker `w` the largest model nobody has taken, if any.
fn hand_out(panel: &Panel, state: &Shared, client: &Client, w: usize) {
    let (next, chars, paused) = {
        let mut st = state.borrow_mut();
        let next = st.waiting.pop();
        st.busy[w] = next;
        (next, st.chars, st.phase == Phase::Paused)
    };
    let Some(index) = next else { return };
    let shape = state.borrow().models[index].shape;
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Train { run: client.run(), index, shape, chars, assets });
    if paused {
        client.pause();
    }
}

fn on_report(
    panel: &Panel,
    state: &Shared,
    clients: &Rc<RefCell<Vec<Client>>>,
    w: usize,
    message: FromWorker,
) {
    let lang = state.borrow().lang;
    let bar = |i: usize| format!("ss-m{i}");
    match message {
        FromWorker::Loading { index } => demo_kit::controls::set_progress(
            panel,
            &bar(index),
            0.0,
            t(lang, "reading the text…", "正在读取文本……"),
        ),
        FromWorker::Ready { index, non_embedding, all, steps } => {
            {
                let mut st = state.borrow_mut();
                let m = &mut st.models[index];
                (m.non_embedding, m.all, m.steps) = (non_embedding, all, steps);
            }
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
        }
        FromWorker::Progress { index, step, seconds } => {
            let steps = state.borrow().models[index].steps.max(1);
            if step < steps {
                let status = text::progress(lang, step, steps, seconds);
                let fraction = step as f32 / steps as f32;
                demo_kit::controls::set_progress(panel, &bar(index), fraction, &status);
            }
        }
        FromWorker::Measured { index, chars, loss } => {
            state.borrow_mut().models[index].curve.push((chars as f32, loss));
            draw::charts(panel, &state.borrow());
        }
        FromWorker::Done { index, loss, seconds } => {
            state.borrow_mut().models[index].loss = Some(loss);
            let status = text::finished(lang, loss, seconds);
            demo_kit::controls::set_progress(panel, &bar(index), 1.0, &status);
            let client = clients.borrow()[w].clone();
            hand_out(panel, state, &client, w);
            after_model(panel, state);
        }
        FromWorker::Failed { index, message } => {
            state.borrow_mut().models[index].failed = true;
            let name = text::shape(lang, &state.borrow().models[index].shape);
            demo_kit::controls::set_progress(
                panel,
                &bar(index),
                0.0,
                t(lang, "failed", "失败"),
            );
            panel.message(&format!(
                "{}{}: {}",
                t(
                    lang,
                    "A model could not be trained and is left out of the fit: ",
                    "有一个模型未能训练，拟合不含它："
                ),
                escape(&name),
                escape(&message)
            ));
            let client = clients.borrow()[w].clone();
            hand_out(panel, state, &client, w);
            after_model(panel, state);
        }
    }
}

/// A worker that could not start or died: its model is marked failed and
/// the others carry on; with no worker left, the sweep stops.
fn on_worker_failure(
    panel: &Panel,
    state: &Shared,
    clients: &Rc<RefCell<Vec<Client>>>,
    w: usize,
    why: &str,
) {
    demo_kit::worker::show_start_failure(panel, why);
    let lang = state.borrow().lang;
    let mut lost = Vec::new();
    let alive = {
        let mut st = state.borrow_mut();
        lost.extend(st.busy[w].take());
        clients.borrow().iter().filter(|c| c.is_started()).count()
    };
    if alive == 0 {
        lost.extend(std::mem::take(&mut state.borrow_mut().waiting));
    }
    for i in lost {
        state.borrow_mut().models[i].failed = true;
        let bar = format!("ss-m{i}");
        demo_kit::controls::set_progress(panel, &bar, 0.0, t(lang, "failed", "失败"));
    }
    if alive == 0 {
        set_phase(panel, state, Phase::Failed);
    }
    after_model(panel, state);
}

fn after_model(panel: &Panel, state: &Shared) {
    show(panel, &state.borrow());
    let (all_done, phase) = {
        let st = state.borrow();
        (st.models.iter().all(Model::finished), st.phase)
    };
    if all_done && phase.busy() {
        set_phase(panel, state, Phase::Done);
    }
}

/// The fits, the result line, the test hooks and the charts.
fn show(panel: &Panel, st: &Page) {
    let fits = draw::fits(st);
    let done = st.models.iter().filter(|m| m.loss.is_some()).count();
    let result = if done == 0 {
        String::new()
    } else {
        text::result(st.lang, done, st.models.len(), st.counting_all, fits.0, fits.1)
    };
    panel.set_text(".ss-result", &result);
    let root = &panel.root;
    root.set_attribute("data-points", &done.to_string()).ok();
    match fits.0 {
        Some(p) => root.set_attribute("data-alpha", &p.alpha.to_string()).ok(),
        None => root.remove_attribute("data-alpha").ok(),
    };
    match fits.1 {
        Some(f) => root.set_attribute("data-floor-alpha", &f.alpha.to_string()).ok(),
        None => root.remove_attribute("data-floor-alpha").ok(),
    };
    let losses: Vec<String> =
        st.models.iter().map(|m| m.loss.map_or("-".into(), |l| l.to_string())).collect();
    root.set_attribute("data-losses", &losses.join(" ")).ok();
    draw::charts(panel, st);
}
