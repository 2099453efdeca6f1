//! Demo `think-longer`, "what thinking buys": tree searches given 100 to
//! 30,000 playouts a move play Connect Four against one given 1,000, or
//! against the hand-written rules (`games::rules`), in a worker
//! (`games::arena`), and the page draws the score against thinking beside
//! the native 400-game measurement the chapter quotes.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, XAxis, chart};
use demo_kit::controls::thousands;
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use games::arena::{PLAYOUTS, mean_and_error};
use protocol::{DEFAULT_GAMES, FromWorker, GAMES, Opponent, ToWorker};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement, HtmlElement};

pub use worker::worker_main;

struct Page {
    lang: Lang,
    phase: Phase,
    /// Whom the current (or last) run played.
    opponent: Opponent,
    /// Each setting's game scores so far.
    scores: Vec<Vec<f32>>,
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Play the games", "▶ 开始对局")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("think-longer");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        opponent: Opponent::Search,
        scores: vec![Vec::new(); PLAYOUTS.len()],
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "think-longer",
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
    on(".tl-start", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(
        ".tl-reset",
        Box::new(move || {
            c.reset();
            s.borrow_mut().scores = vec![Vec::new(); PLAYOUTS.len()];
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            let lang = s.borrow().lang;
            demo_kit::controls::set_progress(&p, "tl", 0.0, text::ready(lang));
            show(&p, &s.borrow());
        }),
    )?;
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
    let games: Vec<(String, String)> =
        GAMES.iter().map(|g| (g.to_string(), g.to_string())).collect();
    let fields = [
        select(
            "tl-opponent",
            t(lang, "Opponent", "对手"),
            &[
                (
                    "search",
                    t(lang, "search, 1,000 playouts a move", "搜索，每步 1,000 次模拟"),
                ),
                (
                    "rules",
                    t(
                        lang,
                        "hand-written evaluation, 4 moves ahead",
                        "手写的评估函数，向前看 4 步",
                    ),
                ),
            ],
            "search",
        ),
        select(
            "tl-games",
            t(lang, "Games per setting", "每种设置的对局数"),
            &options(&games),
            &DEFAULT_GAMES.to_string(),
        ),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="tl">{controls}{buttons}{progress}
<figure class="tl-figure"><canvas class="tl-chart" width="560" height="300"></canvas>
<figcaption>{caption}</figcaption></figure>
<div class="tl-wrap" tabindex="0" role="region" aria-label="{region}"><table class="tl-table"></table></div>
<p class="tl-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("tl-controls", &fields),
        buttons = buttons(
            "tl-buttons",
            &[("tl-start", start_label(lang)), ("tl-reset", t(lang, "↺ Reset", "↺ 重置"))]
        ),
        progress = progress("tl", text::ready(lang)),
        region = t(lang, "Scores by playouts a move", "各种模拟次数下的得分"),
        caption = t(
            lang,
            "Score against the opponent chosen (a win 1, a draw ½), by the playouts a move, on a logarithmic scale.",
            "对选定对手的得分（赢 1，和 ½），横轴是每步的模拟次数（对数刻度）。"
        ),
    ));
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "tl", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let games = GAMES.into_iter().find(|g| panel.value(".tl-games") == g.to_string());
    let opponent =
        Opponent::ALL.into_iter().find(|o| panel.value(".tl-opponent") == o.name());
    let (Some(games), Some(opponent)) = (games, opponent) else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    {
        let mut st = state.borrow_mut();
        st.scores = vec![Vec::new(); PLAYOUTS.len()];
        st.opponent = opponent;
    }
    panel.root.set_attribute("data-opponent", opponent.name()).ok();
    show(panel, &state.borrow());
    set_phase(panel, state, Phase::Training);
    client.send(&ToWorker::Start { run: client.next_run(), games, opponent });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Game { setting, game: _, score } => {
            if let Some(s) = state.borrow_mut().scores.get_mut(setting) {
                s.push(score);
            }
            show(panel, &state.borrow());
        }
        FromWorker::Progress { games, total, playouts_per_second, left_seconds } => {
            let fraction = games as f32 / total.max(1) as f32;
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                playouts_per_second,
                ("playouts", "次模拟"),
                Some(left_seconds),
            );
            demo_kit::controls::set_progress(panel, "tl", fraction, &status);
        }
        FromWorker::Done { seconds } => {
            set_phase(panel, state, Phase::Done);
            let games = state.borrow().scores.iter().map(Vec::len).min().unwrap_or(0);
            demo_kit::controls::set_progress(
                panel,
                "tl",
                1.0,
                &text::done(lang, games as u32, seconds),
            );
        }
    }
}

/// The table, the data attributes the tests read, the sentence and the chart.
fn show(panel: &Panel, st: &Page) {
    let lang = st.lang;
    let head = [
        t(lang, "playouts a move", "每步模拟次数"),
        t(lang, "games here", "这里下的盘数"),
        t(lang, "score here", "这里的得分"),
        t(lang, "native, 400 games", "原生，400 盘"),
    ];
    let mut rows = format!(
        "<thead><tr>{}</tr></thead><tbody>",
        head.iter().map(|h| format!("<th>{h}</th>")).collect::<String>()
    );
    let mut means = Vec::new();
    for (i, scores) in st.scores.iter().enumerate() {
        let here = if scores.is_empty() {
            "–".to_string()
        } else {
            let (m, e) = mean_and_error(scores);
            means.push(m);
            format!("{:.0}% ± {:.0}", m * 100.0, e * 100.0)
        };
        rows += &format!(
            "<tr><td>{}</td><td>{}</td><td>{here}</td><td>{:.1}%</td></tr>",
            thousands(u64::from(PLAYOUTS[i])),
            scores.len(),
            st.opponent.reference()[i] * 100.0
        );
    }
    rows += "</tbody>";
    if let Ok(table) = panel.find::<web_sys::Element>(".tl-table") {
        table.set_inner_html(&rows);
    }
    let root = &panel.root;
    let games = st.scores.iter().map(Vec::len).min().unwrap_or(0);
    if means.is_empty() {
        root.remove_attribute("data-scores").ok();
        panel.set_text(".tl-result", "");
    } else {
        let list: Vec<String> = means.iter().map(|m| format!("{m:.4}")).collect();
        root.set_attribute("data-scores", &list.join(",")).ok();
    }
    root.set_attribute("data-games", &games.to_string()).ok();
    if games > 0 {
        let (lo, hi) = (0, PLAYOUTS.len() - 1);
        let mean = |i: usize| mean_and_error(&st.scores[i]).0;
        panel.set_text(
            ".tl-result",
            &text::result(
                lang,
                (PLAYOUTS[lo], mean(lo)),
                (PLAYOUTS[hi], mean(hi)),
                games,
                st.opponent == Opponent::Rules,
            ),
        );
    }
    draw(panel, st);
}

fn draw(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".tl-chart") else { return };
    let theme = Theme::current();
    let lang = st.lang;
    let reference: Vec<(f32, f32)> = PLAYOUTS
        .iter()
        .zip(st.opponent.reference())
        .map(|(&n, s)| (n as f32, s * 100.0))
        .collect();
    let here: Vec<(f32, f32)> = PLAYOUTS
        .iter()
        .zip(&st.scores)
        .filter(|(_, s)| !s.is_empty())
        .map(|(&n, s)| (n as f32, mean_and_error(s).0 * 100.0))
        .collect();
    let series = [
        Series::plain(t(lang, "native, 400 games", "原生，400 盘"), theme.fg, &reference),
        Series::line(t(lang, "this page", "这个网页"), theme.positive, &here),
    ];
    let labels =
        (t(lang, "playouts a move", "每步模拟次数"), t(lang, "score (%)", "得分（%）"));
    if let Err(e) =
        chart(&canvas, &theme, labels, XAxis::Log(70.0..45_000.0), 0.0..100.0, &series)
    {
        panel.message(&demo_kit::dom::escape(&e));
    }
}

/// For `./dev bench`: playouts a second of the tree search from the empty
/// Connect Four board, over `playouts` playouts.
#[wasm_bindgen]
pub fn bench_playouts(playouts: usize) -> f64 {
    let mut search = games::Search::new(games::Connect4::default(), 1);
    search.run(1_000);
    let t0 = demo_kit::worker::now();
    search.run(playouts);
    playouts as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-3)
}
