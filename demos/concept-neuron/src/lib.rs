//! Demo `concept-neuron`, "a neuron finds a concept": an autoencoder
//! learns the MNIST digits in a worker without labels (`concept`); then,
//! for the concept the reader picks, Le et al.'s test of its best single
//! unit beside the controls, the unit's strongest images and its optimal
//! stimulus.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::dom::escape;
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use protocol::{FromWorker, KEEP, ToWorker};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, HtmlElement};

pub use worker::worker_main;

/// Le et al.'s best face unit: 81.7% on their face test set.
const PAPER_FACE_UNIT: f64 = 0.817;

struct Page {
    lang: Lang,
    phase: Phase,
    trained: bool,
    /// The last report's pictures, for repainting on a theme change.
    pictures: Option<(Vec<f32>, Vec<f32>)>,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train without labels", "▶ 不用标签训练")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("concept-neuron");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        trained: false,
        pictures: None,
    }));
    let client_slot: Rc<RefCell<Option<Client>>> = Rc::new(RefCell::new(None));
    let (p, s, p2, s2, slot) =
        (panel.clone(), state.clone(), panel.clone(), state.clone(), client_slot.clone());
    let client = Client::new(
        &panel,
        "concept-neuron",
        move |m: FromWorker| {
            let client = slot.borrow().clone();
            on_report(&p, &s, client.as_ref(), m);
        },
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    *client_slot.borrow_mut() = Some(client.clone());
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".cn-start", "click", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(
        ".cn-reset",
        "click",
        Box::new(move || {
            c.reset();
            {
                let mut st = s.borrow_mut();
                st.trained = false;
                st.pictures = None;
            }
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            clear_results(&p);
            let lang = s.borrow().lang;
            demo_kit::controls::set_progress(&p, "cn", 0.0, text::ready(lang));
        }),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".cn-digit", "change", Box::new(move || ask_judge(&p, &s, &c)))?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| paint(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let keep: Vec<(String, String)> = KEEP
        .iter()
        .map(|k| {
            let text = if *k == 64 {
                t(lang, "all 64", "全部 64 个").to_string()
            } else {
                k.to_string()
            };
            (k.to_string(), text)
        })
        .collect();
    let digits: Vec<(String, String)> =
        (0..10).map(|d| (d.to_string(), d.to_string())).collect();
    let controls = row(
        "cn-controls",
        &[select(
            "cn-keep",
            t(lang, "Units active per image", "每张图片激活的单元数"),
            &options(&keep),
            "5",
        )],
    );
    let concept = row(
        "cn-concept",
        &[select(
            "cn-digit",
            t(lang, "Concept: the digit", "概念：数字"),
            &options(&digits),
            "7",
        )],
    );
    panel.root.set_inner_html(&format!(
        r#"<div class="cn">{controls}
{buttons}{progress}
{concept}
<table class="cn-table" hidden><thead><tr><th scope="col">{h1}</th><th scope="col">{h2}</th></tr></thead><tbody></tbody></table>
<figure class="cn-pictures" hidden><div class="cn-images"><canvas class="cn-top" width="112" height="112" role="img" aria-label="{top_label}"></canvas><canvas class="cn-stimulus" width="28" height="28" role="img" aria-label="{stimulus_label}"></canvas></div><figcaption class="cn-caption"></figcaption></figure>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        buttons = buttons(
            "cn-buttons",
            &[("cn-start", start_label(lang)), ("cn-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
        progress = progress("cn", text::ready(lang)),
        h1 = t(lang, "Who says which images show the digit", "谁来判断哪些图片是这个数字"),
        h2 = t(lang, "right", "正确率"),
        top_label = t(lang, "The unit's 16 strongest test images", "这个单元反应最强的 16 张测试图片"),
        stimulus_label = t(lang, "The unit's optimal stimulus: its weights as an image", "这个单元的最优刺激：把它的权重画成图像"),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "cn", lang, start_label(lang));
}

fn clear_results(panel: &Panel) {
    for class in [".cn-table", ".cn-pictures"] {
        if let Ok(el) = panel.find::<HtmlElement>(class) {
            el.set_hidden(true);
        }
    }
    for a in
        ["data-trained", "data-accuracy", "data-random", "data-pixel", "data-top-hits"]
    {
        panel.root.remove_attribute(a).ok();
    }
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let Some(keep) = panel.value(".cn-keep").parse().ok().filter(|k| KEEP.contains(k))
    else {
        return panel.message(t(lang, "That choice is not on offer.", "没有这个选项。"));
    };
    panel.message("");
    clear_results(panel);
    state.borrow_mut().trained = false;
    set_phase(panel, state, Phase::Loading);
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Train { run: client.next_run(), keep, assets });
}

/// Asks the worker to judge the chosen digit, if a network is trained.
fn ask_judge(panel: &Panel, state: &Shared, client: &Client) {
    if !state.borrow().trained {
        return;
    }
    let digit = panel.value(".cn-digit").parse::<u8>().unwrap_or(7).min(9);
    panel.root.remove_attribute("data-accuracy").ok();
    client.send(&ToWorker::Judge { run: client.run(), digit });
}

fn on_report(
    panel: &Panel,
    state: &Shared,
    client: Option<&Client>,
    message: FromWorker,
) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Loading { done } => {
            demo_kit::controls::set_progress(
                panel,
                "cn",
                0.0,
                &text::loading(lang, done),
            );
        }
        FromWorker::Progress { step, steps, error, per_second } => {
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
            let fraction = step as f32 / steps.max(1) as f32;
            let left = steps.saturating_sub(step) as f32 / per_second.max(1e-3);
            let status = format!(
                "{} · {}",
                demo_kit::controls::rate_and_eta(
                    lang,
                    fraction,
                    per_second,
                    ("batches", "批"),
                    Some(left)
                ),
                match lang {
                    Lang::En => format!("rebuilding error {error:.4}"),
                    Lang::Zh => format!("重建误差 {error:.4}"),
                }
            );
            demo_kit::controls::set_progress(panel, "cn", fraction, &status);
        }
        FromWorker::Trained { seconds } => {
            state.borrow_mut().trained = true;
            set_phase(panel, state, Phase::Done);
            panel.root.set_attribute("data-trained", "yes").ok();
            demo_kit::controls::set_progress(
                panel,
                "cn",
                1.0,
                &text::trained(lang, seconds),
            );
            if let Some(c) = client {
                ask_judge(panel, state, c);
            }
        }
        FromWorker::Report {
            digit,
            unit,
            chance,
            trained,
            random,
            pixel,
            supervised,
            top,
            top_hits,
            stimulus,
        } => {
            let rows = text::rows(lang, digit, unit);
            let values = [trained, random, pixel, chance, supervised, PAPER_FACE_UNIT];
            let body: String = rows
                .iter()
                .zip(values)
                .map(|(r, v)| {
                    format!("<tr><td>{}</td><td>{:.1}%</td></tr>", escape(r), v * 100.0)
                })
                .collect();
            if let Ok(tbody) = panel.find::<HtmlElement>(".cn-table tbody") {
                tbody.set_inner_html(&body);
            }
            for class in [".cn-table", ".cn-pictures"] {
                if let Ok(el) = panel.find::<HtmlElement>(class) {
                    el.set_hidden(false);
                }
            }
            panel.set_text(".cn-caption", &text::caption(lang, digit, top_hits));
            for (a, v) in [
                ("data-digit", digit.to_string()),
                ("data-accuracy", format!("{trained:.4}")),
                ("data-random", format!("{random:.4}")),
                ("data-pixel", format!("{pixel:.4}")),
                ("data-supervised", format!("{supervised:.4}")),
                ("data-chance", format!("{chance:.4}")),
                ("data-top-hits", top_hits.to_string()),
            ] {
                panel.root.set_attribute(a, &v).ok();
            }
            state.borrow_mut().pictures = Some((top, stimulus));
            paint(panel, &state.borrow());
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&text::failed(lang, &escape(&message)));
        }
    }
}

/// The unit's 16 strongest images in a 4 × 4 grid, and its stimulus.
fn paint(panel: &Panel, st: &Page) {
    let Some((top, stimulus)) = &st.pictures else { return };
    let theme = Theme::current();
    let draw = |class: &str, images: &[f32], per_row: usize| {
        let Ok(canvas) = panel.find::<HtmlCanvasElement>(class) else { return };
        let Ok(ctx) = demo_kit::dom::context_2d(&canvas) else { return };
        ctx.set_fill_style_str(&theme.bg.css());
        ctx.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
        for (k, image) in images.chunks_exact(784).enumerate() {
            let (ox, oy) = ((k % per_row) * 28, (k / per_row) * 28);
            for (i, &v) in image.iter().enumerate() {
                if v > 0.02 {
                    ctx.set_fill_style_str(&theme.ink(v.clamp(0.0, 1.0)).css());
                    ctx.fill_rect((ox + i % 28) as f64, (oy + i / 28) as f64, 1.0, 1.0);
                }
            }
        }
    };
    draw(".cn-top", top, 4);
    draw(".cn-stimulus", stimulus, 1);
}

/// For `./dev bench`: batches per second of the page's training run
/// (64 hidden units, 5 kept, batches of 64) on random images (the speed
/// does not depend on the pictures).
#[wasm_bindgen]
pub fn bench_train(batches: usize) -> f64 {
    let data = concept::random_digits(2_000, 7);
    let settings = concept::Settings::default();
    let mut trainer = settings.trainer();
    let t0 = demo_kit::worker::now();
    for _ in 0..batches {
        trainer.step(&data, settings.batch);
    }
    batches as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-6)
}
