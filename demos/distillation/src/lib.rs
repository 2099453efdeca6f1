//! Demo `distillation`: the book's LeNet-5 teaches two identical small
//! networks from 3% of MNIST, one by the labels and one by its soft targets
//! at the reader's temperature, optionally with one digit left out
//! (`distill::Experiment`, in a worker); the page draws both test curves
//! beside the teacher's and, for a left-out digit, lets the reader raise
//! that digit's bias as the paper did.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, XAxis, chart};
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use distill::experiment::{DEFAULT_TEMPERATURE, EPOCHS, TEMPERATURES};
use protocol::{FromWorker, ToWorker};
use text::{pct, t};
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement, HtmlElement, HtmlInputElement};

pub use worker::worker_main;

/// The book's LeNet-5 on the official test set (`assets/weights/README.md`;
/// `crates/distill/tests/teaching.rs` checks it).
pub const TEACHER: f32 = distill::TEACHER_TEST_ACCURACY;

type Sweep = Vec<(f32, [f32; 2], [f32; 2])>;

struct Page {
    lang: Lang,
    phase: Phase,
    temperature: f32,
    omit: Option<u8>,
    /// `(epoch, accuracy)` per student.
    curves: [Vec<(f32, f32)>; 2],
    per_digit: Option<[[f32; 10]; 2]>,
    sweep: Sweep,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Teach both students", "▶ 教两个学生")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("distillation");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        temperature: DEFAULT_TEMPERATURE,
        omit: None,
        curves: [Vec::new(), Vec::new()],
        per_digit: None,
        sweep: Vec::new(),
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "distillation",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let on = |selector: &str, event: &str, f: Box<dyn Fn()>| -> Result<(), JsValue> {
        listen(&panel.find::<EventTarget>(selector)?, event, move |_: Event| f())
    };
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(".ds-start", "click", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(
        ".ds-reset",
        "click",
        Box::new(move || {
            c.reset();
            clear(&s);
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            demo_kit::controls::set_progress(&p, "ds", 0.0, text::ready(s.borrow().lang));
            show(&p, &s.borrow());
        }),
    )?;
    let (p, s) = (panel.clone(), state.clone());
    on(".ds-bias", "input", Box::new(move || show_repair(&p, &s.borrow())))?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    show(&panel, &state.borrow());
    Ok(())
}

fn clear(state: &Shared) {
    let mut st = state.borrow_mut();
    st.curves = [Vec::new(), Vec::new()];
    st.per_digit = None;
    st.sweep.clear();
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let temperatures: Vec<(String, String)> =
        TEMPERATURES.iter().map(|t| (t.to_string(), t.to_string())).collect();
    let mut digits = vec![("none".to_string(), t(lang, "none", "不去掉").to_string())];
    digits.extend((0..10).map(|d| (d.to_string(), d.to_string())));
    let fields = [
        select(
            "ds-temperature",
            t(lang, "Temperature of the soft targets", "软目标的温度"),
            &options(&temperatures),
            &DEFAULT_TEMPERATURE.to_string(),
        ),
        select(
            "ds-omit",
            t(lang, "Digit left out of the transfer set", "从迁移集里去掉的数字"),
            &options(&digits),
            "none",
        ),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="ds">{controls}{buttons}{progress}
<figure class="ds-figure"><canvas class="ds-chart" width="560" height="300"></canvas>
<figcaption>{caption}</figcaption></figure>
<p class="ds-result" aria-live="polite"></p>
<div class="ds-repair" hidden><label>{bias_label} <input class="ds-bias" type="range" min="0" max="10" step="0.5" value="0"></label>
<p class="ds-repair-text" aria-live="polite"></p></div>
<div class="ds-wrap" tabindex="0" role="region" aria-label="{region}"><table class="ds-table"></table></div>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("ds-controls", &fields),
        buttons = buttons(
            "ds-buttons",
            &[("ds-start", start_label(lang)), ("ds-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
        progress = progress("ds", text::ready(lang)),
        bias_label = t(lang, "Raise the left-out digit's bias", "调高被去掉数字的偏置"),
        region = t(lang, "Test accuracy per digit", "每个数字的测试准确率"),
        caption = t(
            lang,
            "Accuracy on the 10,000 official test digits after each five passes over the 1,800 training images; the line at the top is the teacher, LeNet-5.",
            "每学完 5 遍 1,800 张训练图，在 10,000 张官方测试图上测一次准确率；最上面的横线是老师 LeNet-5。"
        ),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "ds", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let temperature = TEMPERATURES
        .into_iter()
        .find(|t| panel.value(".ds-temperature") == t.to_string());
    let omit = match panel.value(".ds-omit").as_str() {
        "none" => Some(None),
        v => v.parse::<u8>().ok().filter(|d| *d < 10).map(Some),
    };
    let (Some(temperature), Some(omit)) = (temperature, omit) else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    clear(state);
    {
        let mut st = state.borrow_mut();
        st.temperature = temperature;
        st.omit = omit;
    }
    if let Ok(bias) = panel.find::<HtmlInputElement>(".ds-bias") {
        bias.set_value("0");
    }
    show(panel, &state.borrow());
    set_phase(panel, state, Phase::Loading);
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Start { run: client.next_run(), temperature, omit, assets });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Loading { done } => {
            demo_kit::controls::set_progress(
                panel,
                "ds",
                0.0,
                &text::loading(lang, done),
            );
        }
        FromWorker::Ready { transfer } => {
            set_phase(panel, state, Phase::Training);
            panel.root.set_attribute("data-transfer", &transfer.to_string()).ok();
            let omit = state.borrow().omit;
            demo_kit::controls::set_progress(
                panel,
                "ds",
                0.0,
                &text::transfer(lang, transfer, omit),
            );
        }
        FromWorker::Point { epoch, hard, soft } => {
            {
                let mut st = state.borrow_mut();
                st.curves[0].push((epoch, hard));
                st.curves[1].push((epoch, soft));
            }
            show(panel, &state.borrow());
        }
        FromWorker::Progress { fraction, images_per_second, left_seconds } => {
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                images_per_second,
                ("images", "张"),
                Some(left_seconds),
            );
            demo_kit::controls::set_progress(panel, "ds", fraction, &status);
        }
        FromWorker::Done { seconds, per_digit, sweep } => {
            {
                let mut st = state.borrow_mut();
                st.per_digit = Some(per_digit);
                st.sweep = sweep;
            }
            set_phase(panel, state, Phase::Done);
            demo_kit::controls::set_progress(
                panel,
                "ds",
                1.0,
                &text::done(lang, seconds),
            );
            show(panel, &state.borrow());
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&format!(
                "{}{}",
                t(lang, "The data could not be loaded: ", "数据载入失败："),
                demo_kit::dom::escape(&message)
            ));
        }
    }
}

/// The sentence, the data attributes the tests read, the table and the chart.
fn show(panel: &Panel, st: &Page) {
    let lang = st.lang;
    let root = &panel.root;
    let list = |c: &[(f32, f32)]| {
        c.iter().map(|(_, a)| format!("{a:.4}")).collect::<Vec<_>>().join(",")
    };
    root.set_attribute("data-hard", &list(&st.curves[0])).ok();
    root.set_attribute("data-soft", &list(&st.curves[1])).ok();
    match (st.curves[0].last(), st.curves[1].last()) {
        (Some(&(epoch, hard)), Some(&(_, soft))) if epoch > 0.0 => {
            panel.set_text(".ds-result", &text::result(lang, hard, soft, epoch));
        }
        _ => panel.set_text(".ds-result", ""),
    }
    let table = match st.per_digit {
        None => String::new(),
        Some(per) => {
            let head = [
                t(lang, "digit", "数字"),
                t(lang, "labels", "学标签"),
                t(lang, "soft targets", "学软目标"),
            ];
            let mut rows = format!(
                "<thead><tr>{}</tr></thead><tbody>",
                head.iter().map(|h| format!("<th>{h}</th>")).collect::<String>()
            );
            for (d, (hard, soft)) in per[0].iter().zip(&per[1]).enumerate() {
                let left_out = if st.omit == Some(d as u8) {
                    t(lang, " (never shown)", "（从没见过）")
                } else {
                    ""
                };
                rows += &format!(
                    "<tr><td>{d}{left_out}</td><td>{}</td><td>{}</td></tr>",
                    pct(*hard),
                    pct(*soft)
                );
            }
            rows + "</tbody>"
        }
    };
    if let Ok(el) = panel.find::<web_sys::Element>(".ds-table") {
        el.set_inner_html(&table);
    }
    if let Ok(el) = panel.find::<HtmlElement>(".ds-repair") {
        el.set_hidden(st.sweep.is_empty());
    }
    show_repair(panel, st);
    draw(panel, st);
}

fn show_repair(panel: &Panel, st: &Page) {
    let (Some(digit), false) = (st.omit, st.sweep.is_empty()) else {
        panel.root.remove_attribute("data-repair").ok();
        return;
    };
    let bias: f32 = panel.value(".ds-bias").parse().unwrap_or(0.0);
    let Some(&(b, all, that)) =
        st.sweep.iter().min_by(|x, y| (x.0 - bias).abs().total_cmp(&(y.0 - bias).abs()))
    else {
        return;
    };
    panel
        .root
        .set_attribute("data-repair", &format!("{b},{:.4},{:.4}", that[0], that[1]))
        .ok();
    panel.set_text(".ds-repair-text", &text::repair(st.lang, digit, b, all, that));
}

fn draw(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ds-chart") else { return };
    let theme = Theme::current();
    let lang = st.lang;
    let pcts =
        |c: &[(f32, f32)]| c.iter().map(|&(e, a)| (e, a * 100.0)).collect::<Vec<_>>();
    let (hard, soft) = (pcts(&st.curves[0]), pcts(&st.curves[1]));
    let teacher = [(0.0, TEACHER * 100.0), (EPOCHS as f32, TEACHER * 100.0)];
    let soft_label = text::soft_label(lang, st.temperature);
    let series = [
        Series::plain(
            t(lang, "teacher (LeNet-5)", "老师（LeNet-5）"),
            theme.fg,
            &teacher,
        ),
        Series::line(t(lang, "labels", "学标签"), theme.negative, &hard),
        Series::line(&soft_label, theme.positive, &soft),
    ];
    let labels = (
        t(lang, "passes over the 1,800 images", "学过的遍数"),
        t(lang, "test accuracy (%)", "测试准确率（%）"),
    );
    let low = st
        .curves
        .iter()
        .flatten()
        .filter(|p| p.0 > 0.0)
        .map(|p| p.1 * 100.0)
        .fold(80.0f32, f32::min);
    let y0 = (low / 5.0).floor() * 5.0;
    if let Err(e) =
        chart(&canvas, &theme, labels, XAxis::Linear(EPOCHS as f32), y0..100.0, &series)
    {
        panel.message(&demo_kit::dom::escape(&e));
    }
}
