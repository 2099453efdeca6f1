//! Demo `step-by-step`, "think step by step": the book's GPT (`gpt`, via
//! `parity`) learns the parity of 16 bits in a worker twice: once it must
//! answer right after the bits, once it writes the running parity as notes
//! and the last note is the answer. A chart of both models' accuracy on
//! unseen questions, and a box where the reader asks both a question.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Rgb, Theme, listen};
use parity::Format;
use protocol::{
    DEFAULT_STEPS, EXAMPLE, FromWorker, Point, SEEDS, STEPS, ToWorker, parse_bits,
};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement};

pub use worker::worker_main;

const DIRECT: Rgb = Rgb(214, 39, 40);
const NOTES: Rgb = Rgb(31, 119, 180);

struct Page {
    lang: Lang,
    phase: Phase,
    steps: usize,
    total: usize,
    format: Format,
    curves: [Vec<Point>; 2],
    answers: Option<(Vec<u32>, [Vec<u32>; 2])>,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train both", "▶ 训练两个模型")
}

#[wasm_bindgen]
pub fn mount(root: web_sys::HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("step-by-step");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        steps: 0,
        total: DEFAULT_STEPS,
        format: Format::Interleaved,
        curves: [Vec::new(), Vec::new()],
        answers: None,
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "step-by-step",
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
    on(".sb-start", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(
        ".sb-reset",
        Box::new(move || {
            c.reset();
            {
                let mut st = s.borrow_mut();
                st.curves = [Vec::new(), Vec::new()];
                st.answers = None;
                st.steps = 0;
            }
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            demo_kit::controls::set_progress(&p, "sb", 0.0, text::ready(s.borrow().lang));
            show(&p, &s.borrow());
        }),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(".sb-ask", Box::new(move || on_ask(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client);
    listen(&panel.find::<EventTarget>(".sb-question")?, "keydown", move |e: Event| {
        if e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.key() == "Enter") {
            on_ask(&p, &s, &c);
        }
    })?;
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
    let steps: Vec<(String, String)> = STEPS
        .iter()
        .map(|s| (s.to_string(), demo_kit::controls::thousands(*s as u64)))
        .collect();
    let seeds: Vec<(String, String)> =
        SEEDS.iter().map(|s| (s.to_string(), s.to_string())).collect();
    let fields = [
        select(
            "sb-notes",
            t(lang, "Where the notes go", "笔记写在哪里"),
            &[
                ("interleaved", t(lang, "after each bit it reads", "每读一位就写一个")),
                ("after", t(lang, "all after the question", "整道题读完后再写")),
            ],
            "interleaved",
        ),
        select(
            "sb-steps",
            t(lang, "Training steps", "训练步数"),
            &options(&steps),
            &DEFAULT_STEPS.to_string(),
        ),
        select("sb-seed", t(lang, "Seed", "随机种子"), &options(&seeds), "1"),
    ];
    let question = format!(
        r#"<div class="sb-ask-row"><label>{label} <input class="sb-question" type="text" inputmode="numeric" maxlength="64" value="{EXAMPLE}" spellcheck="false" autocomplete="off"></label>
<button type="button" class="sb-ask">{ask}</button></div>
<p class="sb-truth"></p>
<p class="sb-written sb-written-direct"></p>
<p class="sb-written sb-written-notes"></p>"#,
        label = t(lang, "Ask both (16 bits):", "问两个模型（16 位）："),
        ask = t(lang, "Ask", "提问"),
    );
    panel.root.set_inner_html(&format!(
        r#"<div class="sb">{controls}{buttons}{progress}
<canvas class="sb-chart" width="640" height="300" role="img"></canvas>
<p class="sb-stats sb-stats-direct" aria-live="polite"></p>
<p class="sb-stats sb-stats-notes" aria-live="polite"></p>
{question}
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("sb-controls", &fields),
        buttons = buttons(
            "sb-buttons",
            &[
                ("sb-start", start_label(lang)),
                ("sb-reset", t(lang, "↺ Reset", "↺ 重置"))
            ]
        ),
        progress = progress("sb", text::ready(lang)),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "sb", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let notes = panel.value(".sb-notes");
    let steps = STEPS.into_iter().find(|s| panel.value(".sb-steps") == s.to_string());
    let seed = SEEDS.into_iter().find(|s| panel.value(".sb-seed") == s.to_string());
    let (Some(steps), Some(seed), Some(format)) = (steps, seed, worker::notes(&notes))
    else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    {
        let mut st = state.borrow_mut();
        st.curves = [Vec::new(), Vec::new()];
        st.answers = None;
        st.steps = 0;
        st.total = steps;
        st.format = format;
    }
    show(panel, &state.borrow());
    set_phase(panel, state, Phase::Training);
    client.send(&ToWorker::Start { run: client.next_run(), notes, steps, seed });
    if let Some(bits) = parse_bits(&panel.value(".sb-question")) {
        client.send(&ToWorker::Ask { bits });
    }
}

fn on_ask(panel: &Panel, state: &Shared, client: &Client) {
    let lang = state.borrow().lang;
    let Some(bits) = parse_bits(&panel.value(".sb-question")) else {
        return panel.message(text::bad_question(lang));
    };
    panel.message("");
    if !client.is_started() || state.borrow().curves[0].is_empty() {
        show_truth(panel, lang, &bits);
        return panel.message(text::untrained(lang));
    }
    client.send(&ToWorker::Ask { bits });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Graded { steps, steps_per_second, curves } => {
            let total = {
                let mut st = state.borrow_mut();
                st.steps = steps;
                st.curves = curves;
                st.total
            };
            let fraction = steps as f32 / total.max(1) as f32;
            let left = (total - steps.min(total)) as f32 / steps_per_second.max(1.0);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                steps_per_second,
                ("steps", "步"),
                Some(left),
            );
            demo_kit::controls::set_progress(panel, "sb", fraction, &status);
            show(panel, &state.borrow());
        }
        FromWorker::Answers { bits, written } => {
            state.borrow_mut().answers = Some((bits, written));
            show_answers(panel, &state.borrow());
        }
        FromWorker::Done { seconds } => {
            set_phase(panel, state, Phase::Done);
            let total = state.borrow().total;
            demo_kit::controls::set_progress(
                panel,
                "sb",
                1.0,
                &text::done(lang, total, seconds),
            );
        }
    }
}

/// The lines under the chart, the attributes the tests read, the chart.
fn show(panel: &Panel, st: &Page) {
    let root = &panel.root;
    root.set_attribute("data-steps", &st.steps.to_string()).ok();
    let last: Vec<Option<&Point>> = st.curves.iter().map(|c| c.last()).collect();
    for ((class, notes), p) in
        [(".sb-stats-direct", false), (".sb-stats-notes", true)].iter().zip(&last)
    {
        let line = p
            .map(|p| text::stats(st.lang, *notes, p.answers, p.tokens))
            .unwrap_or_default();
        panel.set_text(class, &line);
    }
    let history = |c: &[Point]| {
        c.iter()
            .map(|p| format!("{:.4}/{:.4}", p.answers, p.tokens))
            .collect::<Vec<_>>()
            .join(" ")
    };
    root.set_attribute(
        "data-history",
        &format!("{} | {}", history(&st.curves[0]), history(&st.curves[1])),
    )
    .ok();
    if let [Some(a), Some(b)] = last[..] {
        root.set_attribute("data-answers", &format!("{:.4},{:.4}", a.answers, b.answers))
            .ok();
        root.set_attribute("data-notes-right", &format!("{:.4}", b.tokens)).ok();
    } else {
        root.remove_attribute("data-answers").ok();
        root.remove_attribute("data-notes-right").ok();
    }
    show_answers(panel, st);
    draw(panel, st);
}

fn show_truth(panel: &Panel, lang: Lang, bits: &[u32]) {
    let ones = bits.iter().filter(|&&b| b == 1).count();
    panel.set_text(".sb-truth", &text::truth(lang, ones % 2 == 1, ones));
}

/// Both models' writing for the current question, wrong notes marked.
fn show_answers(panel: &Panel, st: &Page) {
    let root = &panel.root;
    let Some((bits, written)) = &st.answers else {
        for c in [".sb-truth", ".sb-written-direct", ".sb-written-notes"] {
            panel.set_text(c, "");
        }
        root.remove_attribute("data-written").ok();
        return;
    };
    show_truth(panel, st.lang, bits);
    let formats = [Format::Direct, st.format];
    let names =
        [t(st.lang, "Answer at once", "直接回答"), t(st.lang, "With notes", "先写笔记")];
    let mut attr = Vec::new();
    for ((class, format), (name, w)) in [".sb-written-direct", ".sb-written-notes"]
        .iter()
        .zip(formats)
        .zip(names.iter().zip(written))
    {
        let example = format.example(bits);
        let spots = format.written();
        let mut html = format!("<span class=\"sb-who\">{name}:</span> <code>");
        let mut k = 0;
        for (i, &tok) in example.iter().enumerate() {
            if i > 0 && spots.contains(&(i - 1)) {
                let mine = w.get(k).copied().unwrap_or(9);
                k += 1;
                let class = if mine == tok { "sb-note" } else { "sb-note sb-wrong" };
                let last = k == spots.len();
                let class =
                    if last { format!("{class} sb-final") } else { class.to_string() };
                html +=
                    &format!("<b class=\"{class}\">{}</b>", parity::task::show(&[mine]));
            } else {
                html += &parity::task::show(&[tok]);
            }
        }
        html += "</code>";
        let right = w.last() == example.last();
        html += if right { " ✓" } else { " ✗" };
        if let Ok(el) = panel.find::<web_sys::Element>(class) {
            el.set_inner_html(&html);
        }
        attr.push(parity::task::show(w));
    }
    root.set_attribute("data-written", &attr.join(",")).ok();
}

fn draw(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".sb-chart") else { return };
    let pts = |c: &[Point]| -> Vec<(f32, f32)> {
        c.iter().map(|p| (p.step as f32, 100.0 * p.answers)).collect()
    };
    let (direct, notes) = (pts(&st.curves[0]), pts(&st.curves[1]));
    let coin = [(0.0, 50.0), (st.total as f32, 50.0)];
    let theme = Theme::current();
    let series = [
        Series::plain(
            t(st.lang, "coin toss", "抛硬币"),
            theme.fg.mix(theme.bg, 0.5),
            &coin,
        ),
        Series::line(t(st.lang, "answer at once", "直接回答"), DIRECT, &direct),
        Series::line(t(st.lang, "with notes", "先写笔记"), NOTES, &notes),
    ];
    let labels = (
        t(st.lang, "training steps", "训练步数"),
        t(st.lang, "answers right (%)", "答对（%）"),
    );
    if let Err(e) = line_chart(
        &canvas,
        &theme,
        labels.0,
        labels.1,
        st.total as f32,
        0.0..100.0,
        &series,
    ) {
        panel.message(&demo_kit::dom::escape(&e));
    }
}

/// For `./dev bench`: seconds the page's default run (both models, 1,000
/// steps; `parity::page_default_run`) takes on one thread of the page.
#[wasm_bindgen]
pub fn bench_default_run() -> f64 {
    let t0 = demo_kit::worker::now();
    parity::page_default_run();
    (demo_kit::worker::now() - t0) / 1000.0
}
