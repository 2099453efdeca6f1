//! Demo `word2vec-train`: skip-gram word vectors trained in a Web Worker on the
//! shipped Wikipedia sample or on text the reader pastes. The page reads the
//! controls and draws; `worker.rs` runs `word2vec::Model`.

pub mod protocol;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::dom::escape;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, context_2d, listen};
use protocol::{FromWorker, MAX_CHARS, Problem, Settings, ToWorker};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

pub use worker::worker_main;

struct Page {
    lang: Lang,
    /// idle, loading, training, paused, done, failed
    phase: &'static str,
    epochs: usize,
    loss: Vec<(f32, f32)>,
    /// When the current run started (ms), for the time-left estimate.
    started: f64,
    /// The last word map, kept so a theme change can redraw it.
    points: Vec<(String, f32, f32)>,
}

type Shared = Rc<RefCell<Page>>;

/// The settings a shared link carries (never pasted text): key and control.
const SHARED: [(&str, &str); 6] = [
    ("text", ".w2-corpus"),
    ("dim", ".w2-dim"),
    ("window", ".w2-window"),
    ("neg", ".w2-neg"),
    ("epochs", ".w2-epochs"),
    ("min", ".w2-min"),
];

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("word2vec-train");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    use demo_kit::controls::{buttons, field, progress, row, select};
    let fields = [
        select(
            "w2-corpus",
            t(lang, "Text", "文本"),
            &[
                (
                    "wiki",
                    t(
                        lang,
                        "English: Wikipedia sample (468,582 words)",
                        "英文：维基百科样本（468,582 个词）",
                    ),
                ),
                (
                    "peoples-daily",
                    t(
                        lang,
                        "Chinese: People's Daily, January 1998 (600,010 words, segmented)",
                        "中文：1998 年 1 月《人民日报》（600,010 个词，已分词）",
                    ),
                ),
                ("paste", t(lang, "text you paste", "你粘贴的文本")),
            ],
            "wiki",
        ),
        field("w2-dim", t(lang, "Dimensions", "维度"), "50", true),
        field("w2-window", t(lang, "Window", "窗口"), "5", true),
        field("w2-neg", t(lang, "Negatives", "负样本数"), "5", true),
        field("w2-epochs", t(lang, "Epochs", "轮数"), "3", true),
        field("w2-min", t(lang, "Min count", "最小词频"), "5", true),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="w2">{controls}
<textarea class="w2-text" rows="5" placeholder="{ph}" hidden></textarea>
{buttons}{progress}
<div class="dk-charts w2-charts"><canvas class="w2-loss" width="400" height="260"></canvas><canvas class="w2-map" width="400" height="260"></canvas></div>
<div class="dk-buttons w2-near-row">{near}<button type="button" class="w2-near">{find}</button></div>
<ol class="w2-neighbours"></ol>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("w2-controls", &fields),
        ph = t(lang, "Paste any text: English, Chinese (one token per character), anything.", "粘贴任意文本：英文、中文（每个汉字一个词元）都可以。"),
        buttons = buttons("w2-buttons", &[("w2-start", t(lang, "▶ Train", "▶ 训练")), ("w2-reset", t(lang, "↺ Reset", "↺ 重置"))]),
        progress = progress("w2", ""),
        near = field("w2-word", t(lang, "Neighbours of", "最近邻："), "january", false),
        find = t(lang, "Find", "查找"),
    ));
    demo_kit::share::restore_controls(&panel, "word2vec-train", &SHARED);
    if let Ok(area) = panel.find::<HtmlElement>(".w2-text") {
        area.set_hidden(
            panel.find::<HtmlSelectElement>(".w2-corpus")?.value() != "paste",
        );
    }
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: "idle",
        epochs: 1,
        loss: Vec::new(),
        points: Vec::new(),
        started: 0.0,
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "word2vec-train",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, "failed");
            p2.set_text(".w2-status", "");
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let p = panel.clone();
    let corpus: HtmlSelectElement = panel.find(".w2-corpus")?;
    let c = corpus.clone();
    listen(&corpus, "change", move |_: web_sys::Event| {
        if let Ok(area) = p.find::<HtmlElement>(".w2-text") {
            area.set_hidden(c.value() != "paste");
        }
    })?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".w2-start")?,
        "click",
        move |_: web_sys::Event| start(&p, &s, &c),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".w2-reset")?,
        "click",
        move |_: web_sys::Event| {
            s.borrow_mut().loss.clear();
            s.borrow_mut().points.clear();
            draw_map(&p, &[]).ok();
            c.reset();
            set_phase(&p, &s, "idle");
            p.set_text(".w2-status", "");
            p.message("");
            draw_loss(&p, &s.borrow());
        },
    )?;
    let (p, c) = (panel.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".w2-near")?,
        "click",
        move |_: web_sys::Event| {
            let word = p
                .find::<HtmlInputElement>(".w2-word")
                .map(|i| i.value())
                .unwrap_or_default();
            c.send(&ToWorker::Neighbours { run: c.run(), word });
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            draw_loss(&p, &s.borrow());
            draw_map(&p, &s.borrow().points).ok();
        })?;
    }
    set_phase(&panel, &state, "idle");
    draw_loss(&panel, &state.borrow());
    draw_map(&panel, &[]).ok();
    Ok(())
}

fn set_phase(panel: &Panel, state: &Shared, phase: &'static str) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    panel.root.set_attribute("data-train-state", phase).ok();
    let label = match phase {
        "loading" | "training" => t(lang, "⏸ Pause", "⏸ 暂停"),
        "paused" => t(lang, "▶ Resume", "▶ 继续"),
        _ => t(lang, "▶ Train", "▶ 训练"),
    };
    panel.set_text(".w2-start", label);
}

fn value(panel: &Panel, cls: &str) -> String {
    panel.find::<HtmlInputElement>(cls).map(|i| i.value()).unwrap_or_default()
}

fn problem(lang: Lang, p: &Problem) -> String {
    let (what_en, what_zh, text, range) = match p {
        Problem::Dim(t) => ("Dimensions", "维度", t, "2–300"),
        Problem::Window(t) => ("Window", "窗口", t, "1–20"),
        Problem::Negatives(t) => ("Negatives", "负样本数", t, "1–20"),
        Problem::Epochs(t) => ("Epochs", "轮数", t, "1–20"),
        Problem::MinCount(t) => ("Min count", "最小词频", t, "1–1000"),
    };
    let text = escape(&text.chars().take(20).collect::<String>());
    match lang {
        Lang::En => format!("{what_en} must be a whole number in {range}, not “{text}”."),
        Lang::Zh => format!("{what_zh}必须是 {range} 之间的整数，而不是“{text}”。"),
    }
}

fn start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    match phase {
        "loading" | "training" => {
            client.pause();
            return set_phase(panel, state, "paused");
        }
        "paused" => {
            client.resume();
            return set_phase(panel, state, "training");
        }
        _ => {}
    }
    demo_kit::share::save_controls(panel, "word2vec-train", &SHARED);
    let settings = match Settings::parse(
        &value(panel, ".w2-dim"),
        &value(panel, ".w2-window"),
        &value(panel, ".w2-neg"),
        &value(panel, ".w2-epochs"),
        &value(panel, ".w2-min"),
    ) {
        Ok(s) => s,
        Err(p) => return panel.message(&problem(lang, &p)),
    };
    let corpus = panel
        .find::<HtmlSelectElement>(".w2-corpus")
        .map(|s| s.value())
        .unwrap_or_default();
    let paste = corpus == "paste";
    let text = if paste {
        let Some(text) = demo_kit::controls::pasted_text(panel, ".w2-text", MAX_CHARS)
        else {
            return;
        };
        Some(text)
    } else {
        panel.message("");
        None
    };
    {
        let mut st = state.borrow_mut();
        st.loss.clear();
        st.epochs = settings.epochs;
        st.started = js_sys::Date::now();
    }
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    set_phase(panel, state, "loading");
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
            panel.set_text(".w2-status", t(lang, "reading the text…", "正在读取文本……"))
        }
        FromWorker::Ready { vocabulary, words } => {
            set_phase(panel, state, "training");
            panel.root.set_attribute("data-vocabulary", &vocabulary.to_string()).ok();
            panel.set_text(
                ".w2-status",
                &match lang {
                    Lang::En => format!("{words} words, vocabulary of {vocabulary}"),
                    Lang::Zh => format!("{words} 个词，词表 {vocabulary} 个"),
                },
            );
        }
        FromWorker::Progress { fraction, words_per_second, loss, points } => {
            state.borrow_mut().loss.extend(loss);
            // Time left, from the pace so far.
            let elapsed =
                ((js_sys::Date::now() - state.borrow().started) / 1000.0) as f32;
            let eta = (fraction > 0.02).then(|| elapsed * (1.0 - fraction) / fraction);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                words_per_second,
                ("words", "词"),
                eta,
            );
            demo_kit::controls::set_progress(panel, "w2", fraction, &status);
            if let Some(last) = state.borrow().loss.last() {
                panel.root.set_attribute("data-loss", &last.1.to_string()).ok();
            }
            if let Some(first) = state.borrow().loss.first() {
                panel.root.set_attribute("data-first-loss", &first.1.to_string()).ok();
            }
            draw_loss(panel, &state.borrow());
            draw_map(panel, &points).ok();
            state.borrow_mut().points = points;
        }
        FromWorker::Neighbours { word, found, known } => {
            let Ok(list) = panel.find::<HtmlElement>(".w2-neighbours") else { return };
            if !known {
                list.set_inner_html("");
                let w = escape(&word);
                return panel.message(&match lang {
                    Lang::En => format!("“{w}” is not in the vocabulary of the text being trained (or nothing is trained yet)."),
                    Lang::Zh => format!("“{w}”不在正在训练的文本的词表里（或者还没有开始训练）。"),
                });
            }
            panel.message("");
            let items: String = found.iter().map(|(w, s)| format!("<li data-word=\"{w}\">{w} <span class=\"wv-cos\">{s:.2}</span></li>", w = escape(w))).collect();
            list.set_inner_html(&items);
        }
        FromWorker::Done { seconds } => {
            set_phase(panel, state, "done");
            panel.set_text(
                ".w2-status",
                &match lang {
                    Lang::En => format!("done in {} s", seconds.round()),
                    Lang::Zh => format!("完成，用时 {} 秒", seconds.round()),
                },
            );
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, "failed");
            panel.set_text(".w2-status", "");
            panel.message(&format!(
                "{}{}",
                t(lang, "The text could not be loaded: ", "文本无法加载："),
                escape(&message)
            ));
        }
        FromWorker::TooFewWords { distinct, min_count } => {
            set_phase(panel, state, "failed");
            panel.set_text(".w2-status", "");
            panel.message(&match lang {
                Lang::En => format!(
                    "Nothing to train: only {distinct} distinct words appear at least {min_count} times. Paste more text or lower “Min count”."
                ),
                Lang::Zh => format!("没有可训练的内容：出现至少 {min_count} 次的不同词只有 {distinct} 个。请粘贴更多文本，或调低“最小词频”。"),
            });
        }
    }
}

fn draw_loss(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".w2-loss") else { return };
    let top =
        st.loss.iter().map(|p| p.1).filter(|v| v.is_finite()).fold(1.0f32, f32::max);
    let series = [Series::line(t(st.lang, "loss", "损失"), theme.negative, &st.loss)];
    let _ = line_chart(
        &canvas,
        &theme,
        t(st.lang, "epochs", "轮"),
        t(st.lang, "loss", "损失"),
        st.epochs as f32,
        0.0..top * 1.05,
        &series,
    );
}

fn draw_map(panel: &Panel, points: &[(String, f32, f32)]) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = panel.find(".w2-map")?;
    let words: Vec<&str> = points.iter().map(|p| p.0.as_str()).collect();
    let alt = match (Lang::of_page(), words.is_empty()) {
        (Lang::En, true) => {
            "Map of the probe words: empty until training starts.".to_string()
        }
        (Lang::Zh, true) => "探针词的分布图：开始训练后才有内容。".to_string(),
        (Lang::En, false) => format!(
            "Map of {} words, their vectors flattened to two dimensions by PCA: {}.",
            words.len(),
            words.join(", ")
        ),
        (Lang::Zh, false) => format!(
            "{} 个词的分布图，用主成分分析把向量压到二维：{}。",
            words.len(),
            words.join("、")
        ),
    };
    canvas.set_attribute("role", "img")?;
    canvas.set_attribute("aria-label", &alt)?;
    let ctx = context_2d(&canvas)?;
    let theme = Theme::current();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    if points.is_empty() {
        return Ok(());
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for (_, x, y) in points {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y0 = y0.min(*y);
        y1 = y1.max(*y);
    }
    ctx.set_fill_style_str(&theme.fg.css());
    ctx.set_font("13px sans-serif");
    let at: Vec<(f64, f64)> = points
        .iter()
        .map(|(_, x, y)| {
            let px = 30.0 + f64::from((x - x0) / (x1 - x0).max(1e-6)) * (w - 90.0);
            let py = h - 25.0 - f64::from((y - y0) / (y1 - y0).max(1e-6)) * (h - 50.0);
            (px, py)
        })
        .collect();
    let sizes: Vec<(f64, f64)> = points
        .iter()
        .map(|(word, _, _)| (ctx.measure_text(word).map_or(40.0, |m| m.width()), 11.0))
        .collect();
    let spots = demo_kit::labels::place(&at, &sizes, w, h);
    for (((word, _, _), &(px, py)), &(tx, ty)) in points.iter().zip(&at).zip(&spots) {
        ctx.begin_path();
        ctx.arc(px, py, 3.0, 0.0, std::f64::consts::TAU)?;
        ctx.fill();
        ctx.fill_text(word, tx, ty)?;
    }
    Ok(())
}

/// For `./dev bench`: skip-gram training speed in the browser, in words per
/// second, on `text` (one sentence per line, words separated by spaces) with
/// the same settings as the native benchmark and gensim.
#[wasm_bindgen]
pub fn bench_word2vec(text: &str) -> f64 {
    let lines: Vec<Vec<&str>> =
        text.lines().map(|l| l.split_whitespace().collect()).collect();
    let vocab = word2vec::Vocab::build(lines.iter().flatten().copied(), 5, 1e-3);
    let sentences: Vec<Vec<usize>> = lines
        .iter()
        .flat_map(|l| {
            l.chunks(10_000).map(|c| vocab.encode(c.iter().copied())).collect::<Vec<_>>()
        })
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut model = word2vec::Model::new(
        vocab.len(),
        word2vec::Config { epochs: 1, ..word2vec::Config::default() },
    );
    let now = || js_sys::Date::now();
    let start = now();
    model.train(&vocab, &sentences);
    words as f64 / ((now() - start) / 1000.0)
}
