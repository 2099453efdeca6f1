//! Demo `intuition-contests`, "what intuition buys": the contests of
//! `selfplay::contest::CONTESTS` (the network's search against plain tree
//! search at equal thinking time, against an untrained network, and with
//! its leaves judged three ways) played in a worker, each row beside the
//! native 400-game score the chapter quotes.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, listen};
use games::arena::mean_and_error;
use protocol::{DEFAULT_GAMES, FromWorker, GAMES, ToWorker};
use selfplay::contest::CONTESTS;
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlElement};

pub use worker::worker_main;

struct Page {
    lang: Lang,
    phase: Phase,
    /// Each contest's scores so far, and the thinking of each side (ms).
    scores: Vec<Vec<f32>>,
    thinking: Vec<[f64; 2]>,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Play the games", "▶ 开始对局")
}

fn clear(st: &mut Page) {
    st.scores = vec![Vec::new(); CONTESTS.len()];
    st.thinking = vec![[0.0; 2]; CONTESTS.len()];
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("intuition-contests");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let mut page =
        Page { lang, phase: Phase::Idle, scores: Vec::new(), thinking: Vec::new() };
    clear(&mut page);
    let state: Shared = Rc::new(RefCell::new(page));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "intuition-contests",
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
    on(".ic-start", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(
        ".ic-reset",
        Box::new(move || {
            c.reset();
            clear(&mut s.borrow_mut());
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            let lang = s.borrow().lang;
            demo_kit::controls::set_progress(&p, "ic", 0.0, text::ready(lang));
            show(&p, &s.borrow());
        }),
    )?;
    set_phase(&panel, &state, Phase::Idle);
    show(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let games: Vec<(String, String)> =
        GAMES.iter().map(|g| (g.to_string(), g.to_string())).collect();
    let fields = [select(
        "ic-games",
        t(lang, "Games per contest", "每组对局数"),
        &options(&games),
        &DEFAULT_GAMES.to_string(),
    )];
    panel.root.set_inner_html(&format!(
        r#"<div class="ic">{controls}{buttons}{progress}
<div class="ic-wrap" tabindex="0" role="region" aria-label="{region}"><table class="ic-table"></table></div>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("ic-controls", &fields),
        buttons = buttons(
            "ic-buttons",
            &[("ic-start", start_label(lang)), ("ic-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
        progress = progress("ic", text::ready(lang)),
        region = t(lang, "Scores of the contests", "各组对局的得分"),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "ic", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let Some(games) =
        GAMES.into_iter().find(|g| panel.value(".ic-games") == g.to_string())
    else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    clear(&mut state.borrow_mut());
    show(panel, &state.borrow());
    set_phase(panel, state, Phase::Training);
    client.send(&ToWorker::Start { run: client.next_run(), games });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Game { contest, game: _, score, player_ms, opponent_ms } => {
            {
                let mut st = state.borrow_mut();
                if let Some(s) = st.scores.get_mut(contest) {
                    s.push(score);
                }
                if let Some(t) = st.thinking.get_mut(contest) {
                    t[0] += f64::from(player_ms);
                    t[1] += f64::from(opponent_ms);
                }
            }
            show(panel, &state.borrow());
        }
        FromWorker::Progress { games, total, left_seconds } => {
            let fraction = games as f32 / total.max(1) as f32;
            let status = text::left(lang, games, total, left_seconds);
            demo_kit::controls::set_progress(panel, "ic", fraction, &status);
        }
        FromWorker::Done { seconds } => {
            set_phase(panel, state, Phase::Done);
            let games = state.borrow().scores.iter().map(Vec::len).min().unwrap_or(0);
            let done = text::done(lang, games as u32, seconds);
            demo_kit::controls::set_progress(panel, "ic", 1.0, &done);
        }
    }
}

/// The table (a bar in each score cell) and the data attributes the tests read.
fn show(panel: &Panel, st: &Page) {
    let lang = st.lang;
    let head = [
        t(lang, "contest", "对局"),
        t(lang, "games here", "这里下的盘数"),
        t(lang, "score of the first side here", "这里前者的得分"),
        t(
            lang,
            "thinking here, ms (first side / second)",
            "这里的思考时间，毫秒（前者 / 后者）",
        ),
        t(lang, "native, 400 games", "原生，400 盘"),
    ];
    let mut rows = format!(
        "<thead><tr>{}</tr></thead><tbody>",
        head.iter().map(|h| format!("<th>{h}</th>")).collect::<String>()
    );
    let mut means = Vec::new();
    for (i, scores) in st.scores.iter().enumerate() {
        let (here, bar) = if scores.is_empty() {
            ("–".to_string(), 0.0)
        } else {
            let (m, e) = mean_and_error(scores);
            means.push(format!("{m:.4}"));
            (format!("{:.0}% ± {:.0}", m * 100.0, e * 100.0), m * 100.0)
        };
        let think = st.thinking[i];
        let time = if scores.is_empty() {
            "–".to_string()
        } else {
            format!("{:.0} / {:.0}", think[0], think[1])
        };
        let label = text::CONTESTS[i];
        rows += &format!(
            "<tr><td>{}</td><td>{}</td><td><span class=\"ic-bar\" style=\"width:{bar:.0}%\"></span>{here}</td><td>{time}</td><td>{:.1}%</td></tr>",
            lang.pick(label.0, label.1),
            scores.len(),
            CONTESTS[i].reference * 100.0
        );
    }
    rows += "</tbody>";
    if let Ok(table) = panel.find::<web_sys::Element>(".ic-table") {
        table.set_inner_html(&rows);
    }
    let root = &panel.root;
    let games = st.scores.iter().map(Vec::len).min().unwrap_or(0);
    root.set_attribute("data-games", &games.to_string()).ok();
    if means.is_empty() {
        root.remove_attribute("data-scores").ok();
    } else {
        root.set_attribute("data-scores", &means.join(",")).ok();
    }
}
