//! Demo `rnn-race`: a GPT and a GRU of the same size race on the same text,
//! each in its own Web Worker. The page draws loss against steps and time,
//! and the held-out loss at each position of the window; `worker.rs` runs
//! `gpt::race`.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::dom::escape;
use demo_kit::phase::{Phase, Press};
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use protocol::{FromWorker, STEPS, ToWorker};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlSelectElement};

pub use worker::worker_main;

/// One runner as the page sees it.
#[derive(Default)]
struct Side {
    params: usize,
    step: usize,
    done: bool,
    /// (step, training loss)
    loss: Vec<(f32, f32)>,
    /// (step, held-out loss) and (seconds, held-out loss)
    by_step: Vec<(f32, f32)>,
    by_time: Vec<(f32, f32)>,
    positions: Vec<f32>,
}

struct Page {
    lang: Lang,
    phase: Phase,
    steps: usize,
    recall: bool,
    sides: [Side; 2],
}

type Shared = Rc<RefCell<Page>>;

const RUNNERS: [&str; 2] = ["attention", "recurrent"];
const PREFIX: [&str; 2] = ["rr-a", "rr-r"];
const SHARED: [(&str, &str); 2] = [("text", ".rr-text"), ("steps", ".rr-steps")];

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Start the race", "▶ 开始比赛")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("rnn-race");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    demo_kit::share::restore_controls(&panel, "rnn-race", &SHARED);
    show_example(&panel);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        steps: 0,
        recall: false,
        sides: [Side::default(), Side::default()],
    }));
    let clients: Vec<Client> = (0..2)
        .map(|i| {
            let (p, s, p2, s2) =
                (panel.clone(), state.clone(), panel.clone(), state.clone());
            Client::new(
                &panel,
                "rnn-race",
                move |m: FromWorker| on_report(&p, &s, i, m),
                |_| {},
                move |why| {
                    set_phase(&p2, &s2, Phase::Failed);
                    demo_kit::worker::show_start_failure(&p2, &why);
                },
            )
        })
        .collect();
    let p = panel.clone();
    listen(
        &panel.find::<web_sys::EventTarget>(".rr-text")?,
        "change",
        move |_: web_sys::Event| show_example(&p),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), clients.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".rr-start")?,
        "click",
        move |_: web_sys::Event| on_start(&p, &s, &c),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), clients);
    listen(
        &panel.find::<web_sys::EventTarget>(".rr-reset")?,
        "click",
        move |_: web_sys::Event| {
            c.iter().for_each(Client::reset);
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
    clear(&panel, &state);
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, progress, row, select};
    let steps: Vec<(String, String)> = STEPS
        .iter()
        .map(|s| (s.to_string(), demo_kit::controls::thousands(*s as u64)))
        .collect();
    let steps: Vec<(&str, &str)> =
        steps.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let fields = [
        select(
            "rr-text",
            t(lang, "Text", "文本"),
            &[
                (
                    "recall",
                    t(
                        lang,
                        "recall: random letters, then the same again",
                        "回忆：一串随机字母，再重复一遍",
                    ),
                ),
                ("shakespeare", t(lang, "Shakespeare, 7 plays", "莎士比亚，7 部剧")),
            ],
            "recall",
        ),
        select("rr-steps", t(lang, "Steps", "步数"), &steps, "1500"),
    ];
    let bars: String = (0..2)
        .map(|i| {
            format!(
                "<div class=\"rr-runner\"><span class=\"rr-name\">{}</span>{}</div>",
                text::runner(lang, i),
                progress(PREFIX[i], "")
            )
        })
        .collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="rr">{controls}
<pre class="rr-example" aria-label="{example}"></pre>
{buttons}{bars}
<div class="dk-charts rr-charts"><canvas class="rr-by-step" width="420" height="260"></canvas><canvas class="rr-by-time" width="420" height="260"></canvas></div>
<div class="dk-charts rr-charts"><canvas class="rr-by-position" width="560" height="260"></canvas></div>
<p class="rr-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("rr-controls", &fields),
        example = t(lang, "Two lines of the recall text", "回忆文本的两行"),
        buttons = buttons("rr-buttons", &[("rr-start", start_label(lang)), ("rr-reset", t(lang, "↺ Reset", "↺ 重置"))]),
    ));
}

/// Two lines of the recall text, so the reader sees the task.
fn show_example(panel: &Panel) {
    let recall =
        panel.find::<HtmlSelectElement>(".rr-text").is_ok_and(|s| s.value() == "recall");
    if let Ok(pre) = panel.find::<HtmlElement>(".rr-example") {
        pre.set_hidden(!recall);
        pre.set_text_content(Some(&gpt::recurrent::recall_text(
            2,
            gpt::race::RECALL_LEN,
            1,
        )));
    }
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "rr", lang, start_label(lang));
}

fn clear(panel: &Panel, state: &Shared) {
    {
        let mut st = state.borrow_mut();
        st.sides = [Side::default(), Side::default()];
        st.steps = 0;
    }
    for prefix in PREFIX {
        demo_kit::controls::set_progress(panel, prefix, 0.0, "");
        for a in ["val", "late", "params"] {
            panel.root.remove_attribute(&format!("data-{}-{a}", &prefix[3..])).ok();
        }
    }
    panel.set_text(".rr-result", "");
    draw(panel, &state.borrow());
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
    let value = |cls: &str| {
        panel.find::<HtmlSelectElement>(cls).map(|s| s.value()).unwrap_or_default()
    };
    let which = value(".rr-text");
    let steps =
        value(".rr-steps").parse().ok().filter(|s| STEPS.contains(s)).unwrap_or(STEPS[2]);
    demo_kit::share::save_controls(panel, "rnn-race", &SHARED);
    panel.message("");
    clear(panel, state);
    {
        let mut st = state.borrow_mut();
        st.steps = steps;
        st.recall = which == "recall";
    }
    set_phase(panel, state, Phase::Loading);
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    for (client, runner) in clients.iter().zip(RUNNERS) {
        client.send(&ToWorker::Start {
            run: client.next_run(),
            runner: runner.into(),
            text: which.clone(),
            steps,
            assets: assets.clone(),
        });
    }
}

fn on_report(panel: &Panel, state: &Shared, i: usize, message: FromWorker) {
    let lang = state.borrow().lang;
    let prefix = PREFIX[i];
    let key = &prefix[3..];
    match message {
        FromWorker::Loading => demo_kit::controls::set_progress(
            panel,
            prefix,
            0.0,
            t(lang, "reading the text…", "正在读取文本……"),
        ),
        FromWorker::Ready { params } => {
            state.borrow_mut().sides[i].params = params;
            panel
                .root
                .set_attribute(&format!("data-{key}-params"), &params.to_string())
                .ok();
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
        }
        FromWorker::Progress { step, seconds, loss } => {
            let steps = state.borrow().steps.max(1);
            {
                let mut st = state.borrow_mut();
                st.sides[i].step = step;
                if let Some(l) = loss {
                    st.sides[i].loss.push((step as f32, l));
                }
            }
            let status = text::progress(lang, step, steps, seconds);
            demo_kit::controls::set_progress(
                panel,
                prefix,
                step as f32 / steps as f32,
                &status,
            );
            draw(panel, &state.borrow());
        }
        FromWorker::Measured { step, seconds, validation, positions } => {
            let late = gpt::race::late_loss(&positions);
            {
                let mut st = state.borrow_mut();
                let side = &mut st.sides[i];
                side.by_step.push((step as f32, validation));
                side.by_time.push((seconds, validation));
                side.positions = positions;
            }
            panel
                .root
                .set_attribute(&format!("data-{key}-val"), &validation.to_string())
                .ok();
            panel.root.set_attribute(&format!("data-{key}-late"), &late.to_string()).ok();
            draw(panel, &state.borrow());
        }
        FromWorker::Done => {
            state.borrow_mut().sides[i].done = true;
            let st = state.borrow();
            if st.sides.iter().all(|s| s.done) {
                let result = text::result(
                    lang,
                    st.recall,
                    &st.sides.each_ref().map(|s| {
                        (
                            s.by_step.last().map_or(f32::NAN, |p| p.1),
                            gpt::race::late_loss(&s.positions),
                        )
                    }),
                );
                drop(st);
                panel.set_text(".rr-result", &result);
                set_phase(panel, state, Phase::Done);
            }
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&format!(
                "{}{}",
                t(lang, "The text could not be loaded: ", "文本无法加载："),
                escape(&message)
            ));
        }
    }
}

fn draw(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let lang = st.lang;
    let colours = [theme.positive, theme.negative];
    let names = [text::runner(lang, 0), text::runner(lang, 1)];
    let top = |series: &[&[(f32, f32)]]| {
        series
            .iter()
            .flat_map(|s| s.iter().map(|p| p.1))
            .filter(|v| v.is_finite())
            .fold(1.0f32, f32::max)
            * 1.05
    };
    let x_steps = st.steps.max(1) as f32;
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".rr-by-step") {
        let train: [String; 2] =
            names.map(|n| format!("{n}{}", t(lang, ", training", "，训练")));
        let held: [String; 2] =
            names.map(|n| format!("{n}{}", t(lang, ", held-out", "，留出文本")));
        let series = [
            Series::line(&train[0], colours[0].mix(theme.bg, 0.45), &st.sides[0].loss),
            Series::line(&train[1], colours[1].mix(theme.bg, 0.45), &st.sides[1].loss),
            Series::line(&held[0], colours[0], &st.sides[0].by_step),
            Series::line(&held[1], colours[1], &st.sides[1].by_step),
        ];
        let y = top(&[
            &st.sides[0].loss,
            &st.sides[1].loss,
            &st.sides[0].by_step,
            &st.sides[1].by_step,
        ]);
        let _ = line_chart(
            &canvas,
            &theme,
            t(lang, "steps", "步"),
            t(lang, "loss", "损失"),
            x_steps,
            0.0..y,
            &series,
        );
    }
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".rr-by-time") {
        let series = [
            Series::line(names[0], colours[0], &st.sides[0].by_time),
            Series::line(names[1], colours[1], &st.sides[1].by_time),
        ];
        let x = st
            .sides
            .iter()
            .flat_map(|s| s.by_time.last().map(|p| p.0))
            .fold(1.0f32, f32::max);
        let y = top(&[&st.sides[0].by_time, &st.sides[1].by_time]);
        let _ = line_chart(
            &canvas,
            &theme,
            t(lang, "seconds of training", "训练秒数"),
            t(lang, "held-out loss", "留出文本损失"),
            x,
            0.0..y,
            &series,
        );
    }
    if let Ok(canvas) = panel.find::<HtmlCanvasElement>(".rr-by-position") {
        let points: [Vec<(f32, f32)>; 2] = st.sides.each_ref().map(|s| {
            s.positions.iter().enumerate().map(|(p, &l)| ((p + 1) as f32, l)).collect()
        });
        let series = [
            Series::line(names[0], colours[0], &points[0]),
            Series::line(names[1], colours[1], &points[1]),
        ];
        let y = top(&[&points[0], &points[1]]);
        let _ = line_chart(
            &canvas,
            &theme,
            t(
                lang,
                "position in the window (characters seen)",
                "窗口中的位置（已读的字符数）",
            ),
            t(lang, "held-out loss", "留出文本损失"),
            gpt::race::CTX as f32,
            0.0..y,
            &series,
        );
    }
}
