//! Demo `gpt-train`: a small GPT trained from scratch in a Web Worker, on
//! Shakespeare, Tang verse or pasted text. The page reads the controls and
//! draws the loss curves and the samples; `worker.rs` runs `gpt::in_page`.

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
use protocol::{FromWorker, MAX_CHARS, Settings, ToWorker};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlSelectElement};

pub use worker::worker_main;

struct Page {
    lang: Lang,
    phase: Phase,
    steps: usize,
    step: usize,
    loss: Vec<(f32, f32)>,
    validation: Vec<(f32, f32)>,
    /// What counting characters and pairs score: flat lines to beat.
    counting: Option<[f32; 2]>,
}

type Shared = Rc<RefCell<Page>>;

/// The settings a shared link carries (never pasted text).
const SHARED: [(&str, &str); 4] = [
    ("text", ".gt-corpus"),
    ("size", ".gt-size"),
    ("minutes", ".gt-minutes"),
    ("lr", ".gt-lr"),
];

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train", "▶ 训练")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("gpt-train");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    demo_kit::share::restore_controls(&panel, "gpt-train", &SHARED);
    show_text_box(&panel);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        steps: 0,
        step: 0,
        loss: Vec::new(),
        validation: Vec::new(),
        counting: None,
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "gpt-train",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let p = panel.clone();
    listen(
        &panel.find::<web_sys::EventTarget>(".gt-corpus")?,
        "change",
        move |_: web_sys::Event| show_text_box(&p),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".gt-start")?,
        "click",
        move |_: web_sys::Event| on_start(&p, &s, &c),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".gt-reset")?,
        "click",
        move |_: web_sys::Event| {
            c.reset();
            clear(&p, &s);
            set_phase(&p, &s, Phase::Idle);
            p.message("");
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            draw(&p, &s.borrow())
        })?;
    }
    set_phase(&panel, &state, Phase::Idle);
    draw(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, progress, row, select};
    let sizes: Vec<(&str, String)> = gpt::presets::PAGE_SIZES
        .iter()
        .map(|s| (s.name, text::size_label(lang, s)))
        .collect();
    let sizes: Vec<(&str, &str)> = sizes.iter().map(|(n, l)| (*n, l.as_str())).collect();
    let fields = [
        select(
            "gt-corpus",
            t(lang, "Text", "文本"),
            &[
                ("shakespeare", t(lang, "Shakespeare, 7 plays", "莎士比亚，7 部剧")),
                ("tang", t(lang, "Tang regulated verse", "唐代律诗与绝句")),
                ("paste", t(lang, "text you paste", "你粘贴的文本")),
            ],
            lang.pick("shakespeare", "tang"),
        ),
        select("gt-size", t(lang, "Model", "模型"), &sizes, "small"),
        field("gt-minutes", t(lang, "Minutes", "分钟"), "3", true),
        field("gt-lr", t(lang, "Learning rate", "学习率"), "0.003", true),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="gt">{controls}
<textarea class="gt-text" rows="5" placeholder="{ph}" hidden></textarea>
{buttons}{progress}
<p class="gt-facts" aria-live="polite"></p>
<div class="dk-charts gt-charts"><canvas class="gt-loss" width="560" height="260"></canvas></div>
<ol class="gt-samples" aria-live="polite"></ol>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("gt-controls", &fields),
        ph = t(lang, "Paste any text of a few thousand characters or more: English, Chinese, code… The model learns it character by character.", "粘贴几千字以上的任意文本：中文、英文、代码……模型逐个字符地学习。"),
        buttons = buttons("gt-buttons", &[("gt-start", start_label(lang)), ("gt-reset", t(lang, "↺ Reset", "↺ 重置"))]),
        progress = progress("gt", t(lang, "Ready. Training runs in a background thread; the page stays responsive.", "准备就绪。训练在后台线程里进行，页面不会卡住。")),
    ));
}

fn show_text_box(panel: &Panel) {
    let paste =
        panel.find::<HtmlSelectElement>(".gt-corpus").map(|s| s.value() == "paste");
    if let Ok(area) = panel.find::<HtmlElement>(".gt-text") {
        area.set_hidden(!paste.unwrap_or(false));
    }
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "gt", lang, start_label(lang));
}

fn clear(panel: &Panel, state: &Shared) {
    {
        let mut st = state.borrow_mut();
        st.loss.clear();
        st.validation.clear();
        st.steps = 0;
        st.step = 0;
        st.counting = None;
    }
    if let Ok(list) = panel.find::<HtmlElement>(".gt-samples") {
        list.set_inner_html("");
    }
    panel.set_text(".gt-facts", "");
    for a in ["data-steps", "data-step", "data-first-val", "data-val", "data-count-pairs"]
    {
        panel.root.remove_attribute(a).ok();
    }
    let lang = state.borrow().lang;
    demo_kit::controls::set_progress(panel, "gt", 0.0, t(lang, "Ready.", "准备就绪。"));
    draw(panel, &state.borrow());
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let settings = match Settings::parse(
        &panel.value(".gt-size"),
        &panel.value(".gt-minutes"),
        &panel.value(".gt-lr"),
    ) {
        Ok(s) => s,
        Err(p) => return panel.message(&text::problem(lang, &p)),
    };
    let corpus = panel.value(".gt-corpus");
    let text = if corpus == "paste" {
        let Some(text) = demo_kit::controls::pasted_text(panel, ".gt-text", MAX_CHARS)
        else {
            return;
        };
        Some(text)
    } else {
        panel.message("");
        None
    };
    demo_kit::share::save_controls(panel, "gpt-train", &SHARED);
    clear(panel, state);
    set_phase(panel, state, Phase::Loading);
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Start {
        run: client.next_run(),
        settings,
        assets,
        corpus,
        text,
    });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Loading => {
            panel.set_text(".gt-status", t(lang, "reading the text…", "正在读取文本……"))
        }
        FromWorker::Ready {
            chars,
            vocab,
            dropped,
            params,
            start_loss,
            uniform,
            counting,
        } => {
            set_phase(panel, state, Phase::Training);
            state.borrow_mut().counting = Some(counting);
            panel.root.set_attribute("data-count-pairs", &counting[1].to_string()).ok();
            panel.set_text(".gt-status", &text::ready(lang, chars, vocab, params));
            let mut facts = text::start_loss(lang, start_loss, uniform);
            if dropped > 0 {
                facts = format!("{facts} {}", text::dropped(lang, dropped));
            }
            panel.set_text(".gt-facts", &facts);
            panel.root.set_attribute("data-first-val", &start_loss.to_string()).ok();
        }
        FromWorker::Planned { steps } => {
            state.borrow_mut().steps = steps;
            panel.root.set_attribute("data-steps", &steps.to_string()).ok();
        }
        FromWorker::Progress { step, steps, loss, chars_per_second } => {
            {
                let mut st = state.borrow_mut();
                st.step = step;
                st.loss.extend(loss);
            }
            panel.root.set_attribute("data-step", &step.to_string()).ok();
            if steps > 0 {
                let fraction = step as f32 / steps as f32;
                let eta =
                    (steps - step.min(steps)) as f32 * 1024.0 / chars_per_second.max(1.0);
                let rate = demo_kit::controls::rate_and_eta(
                    lang,
                    fraction,
                    chars_per_second,
                    ("characters", "字符"),
                    Some(eta),
                );
                let status = format!("{} · {rate}", text::progress(lang, step, steps));
                demo_kit::controls::set_progress(panel, "gt", fraction, &status);
            }
            draw(panel, &state.borrow());
        }
        FromWorker::Sample { step, validation, text: written } => {
            state.borrow_mut().validation.push((step as f32, validation));
            panel.root.set_attribute("data-val", &validation.to_string()).ok();
            if let Ok(list) = panel.find::<HtmlElement>(".gt-samples") {
                let item = format!(
                    "<li data-step=\"{step}\"><div class=\"gt-sample-head\">{}</div><pre class=\"gt-sample-text\">{}</pre></li>",
                    escape(&text::sample_head(lang, step, validation)),
                    escape(&written)
                );
                // Newest first: the reader sees the latest without scrolling.
                list.insert_adjacent_html("afterbegin", &item).ok();
            }
            draw(panel, &state.borrow());
        }
        FromWorker::Done { seconds, validation } => {
            set_phase(panel, state, Phase::Done);
            demo_kit::controls::set_progress(
                panel,
                "gt",
                1.0,
                &text::done(lang, seconds, validation),
            );
        }
        FromWorker::Diverged { step } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&text::diverged(lang, step));
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.set_text(".gt-status", "");
            panel.message(&format!(
                "{}{}",
                t(lang, "The text could not be loaded: ", "文本无法加载："),
                escape(&message)
            ));
        }
        FromWorker::TooShort { chars } => {
            set_phase(panel, state, Phase::Failed);
            panel.set_text(".gt-status", "");
            panel.message(&text::too_short(lang, chars));
        }
    }
}

fn draw(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".gt-loss") else { return };
    let top = st
        .loss
        .iter()
        .chain(&st.validation)
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(1.0f32, f32::max);
    let x_max = st.steps.max(st.step).max(1) as f32;
    let flat = |v: f32| vec![(0.0, v), (x_max, v)];
    let [singles, pairs] =
        st.counting.map_or([vec![], vec![]], |[a, b]| [flat(a), flat(b)]);
    let lang = st.lang;
    let series = [
        Series::line(t(lang, "training loss", "训练损失"), theme.negative, &st.loss),
        Series::line(
            t(lang, "held-out loss", "留出文本损失"),
            theme.positive,
            &st.validation,
        ),
        Series::line(
            t(lang, "counting characters", "数单字"),
            theme.bg.mix(theme.fg, 0.35),
            &singles,
        ),
        Series::line(
            t(lang, "counting pairs", "数相邻字对"),
            theme.bg.mix(theme.fg, 0.75),
            &pairs,
        ),
    ];
    let _ = line_chart(
        &canvas,
        &theme,
        t(lang, "steps", "步"),
        t(lang, "loss", "损失"),
        x_max,
        0.0..top * 1.05,
        &series,
    );
}

/// For `./dev bench`: training speed of the page's default model (2 layers,
/// width 64, 4 heads, context 64, 16 windows a step) in characters a second,
/// on random text of 65 symbols (the speed does not depend on the text).
#[wasm_bindgen]
pub fn bench_gpt_train(steps: usize) -> f64 {
    let mut rng = nn::rng(7);
    let text: String = (0..200_000)
        .map(|_| char::from(b' ' + rand::RngExt::random_range(&mut rng, 0..65u8)))
        .collect();
    let size = &gpt::presets::PAGE_SIZES[1];
    let Ok(mut run) = gpt::in_page::PageRun::new(&text, size, 3e-3, 100_000) else {
        return 0.0;
    };
    for _ in 0..3 {
        run.step();
    }
    let start = js_sys::Date::now();
    for _ in 0..steps {
        run.step();
    }
    let chars = (steps * gpt::presets::PAGE_BATCH * gpt::presets::PAGE_CTX) as f64;
    chars / ((js_sys::Date::now() - start) / 1000.0)
}
