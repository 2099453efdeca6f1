//! Demo `network-intuition`, "what the network sees": for the position on
//! the board, the shipped self-play network's first guess for each column
//! (its policy) and its verdict (its value), then what the guided search
//! (`selfplay::Puct`) makes of them after a few hundred simulations, and,
//! where the position is small enough, what perfect play says
//! (`games::solver`). The reader plays against it; every number is
//! computed in the page in a few milliseconds.

mod text;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::board::ColumnNote;
use demo_kit::{Lang, Panel, listen};
use games::solver::{Solver, Value};
use games::{Connect4, End, Game};
use selfplay::{Net, Puct};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{
    Event, EventTarget, HtmlCanvasElement, HtmlElement, KeyboardEvent, MouseEvent,
};

/// Simulations a move on offer (0: the network's first guess alone).
pub const SIMULATIONS: [u32; 5] = [0, 50, 200, 800, 1_600];
const DEFAULT_SIMULATIONS: u32 = 200;
/// Positions the solver may visit before it gives up (a few tens of ms).
const SOLVER_BUDGET: u64 = 300_000;

struct Play {
    lang: Lang,
    net: Net,
    board: Connect4,
    moves: String,
    cursor: u8,
    /// The analysis of `board`: priors, visits, values by column.
    analysis: Option<Analysis>,
}

struct Analysis {
    prior: [f32; 7],
    value: f32,
    visits: [u32; 7],
    /// Mean value of each searched column for the player to move.
    q: [f32; 7],
    best: Option<u8>,
    /// Perfect play's verdict on each legal column, if found in budget.
    solved: Option<Vec<(u8, Value)>>,
}

type Shared = Rc<RefCell<Play>>;

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("network-intuition");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let net = match selfplay::net::load(selfplay::SHIPPED) {
        Ok(n) => n,
        Err(e) => {
            panel.message(&demo_kit::dom::escape(&e));
            return Ok(());
        }
    };
    let play: Shared = Rc::new(RefCell::new(Play {
        lang,
        net,
        board: Connect4::default(),
        moves: String::new(),
        cursor: 3,
        analysis: None,
    }));
    let (p, s) = (panel.clone(), play.clone());
    panel.on(".ni-new", "click", move || set_up(&p, &s, ""))?;
    let (p, s) = (panel.clone(), play.clone());
    panel.on(".ni-setup", "click", move || {
        let typed = p.value(".ni-moves");
        set_up(&p, &s, typed.trim())
    })?;
    let (p, s) = (panel.clone(), play.clone());
    panel.on(".ni-move", "click", move || engine_move(&p, &s))?;
    let (p, s) = (panel.clone(), play.clone());
    listen(&panel.find::<EventTarget>(".ni-sims")?, "change", move |_: Event| {
        analyse(&p, &s);
    })?;
    let canvas = panel.find::<HtmlCanvasElement>(".ni-board")?;
    let (p, s, c) = (panel.clone(), play.clone(), canvas.clone());
    listen(&canvas, "click", move |e: MouseEvent| {
        let col = demo_kit::board::column_at(&c, &e);
        s.borrow_mut().cursor = col;
        readers_move(&p, &s, col);
    })?;
    let (p, s) = (panel.clone(), play.clone());
    listen(
        &panel.find::<EventTarget>(".ni-board")?,
        "keydown",
        move |e: KeyboardEvent| {
            let cursor = s.borrow().cursor;
            let Some((col, play)) = demo_kit::board::key(&e.key(), cursor) else {
                return;
            };
            s.borrow_mut().cursor = col;
            e.prevent_default();
            if play {
                readers_move(&p, &s, col);
            } else {
                draw(&p, &s.borrow());
            }
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), play.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    set_up(&panel, &play, "");
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, options, row, select};
    let sims: Vec<(String, String)> = SIMULATIONS
        .iter()
        .map(|&n| (n.to_string(), text::simulations(lang, n)))
        .collect();
    let fields = [
        select(
            "ni-sims",
            t(lang, "The network's search", "网络引导的搜索"),
            &options(&sims),
            &DEFAULT_SIMULATIONS.to_string(),
        ),
        field(
            "ni-moves",
            t(lang, "Or start from these moves", "或者从这些着法开始"),
            "",
            true,
        ),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="ni">{fields}{buttons}
<canvas class="ni-board" width="420" height="500" tabindex="0"></canvas>
<p class="ni-legend">{legend}</p>
<div class="ni-wrap" tabindex="0" role="region" aria-label="{region}"><table class="ni-table"></table></div>
<p class="ni-status" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        fields = row("ni-fields", &fields),
        buttons = buttons(
            "ni-buttons",
            &[
                ("ni-move", t(lang, "Let the network move", "让网络走一步")),
                ("ni-new", t(lang, "New game", "新的一局")),
                ("ni-setup", t(lang, "Set up these moves", "摆出这些着法")),
            ]
        ),
        legend = t(
            lang,
            "Above each column: the network's first guess, before any search (bar and number). You play by clicking a column (or the arrow keys and Enter, or 1 to 7); the network answers.",
            "每一列上方：网络不经搜索的第一感觉（柱子和数字）。点击一列落子（或者用方向键和回车，或者按 1 到 7），网络会应一步。"
        ),
        region = t(lang, "The network's analysis by column", "网络对每一列的分析"),
    ));
    if let Ok(c) = panel.find::<web_sys::Element>(".ni-board") {
        let label = t(
            lang,
            "Connect Four board: click a column, or use the arrow keys and Enter, or type 1 to 7",
            "四子棋棋盘：点击一列，或者用方向键和回车，或者按 1 到 7",
        );
        c.set_attribute("aria-label", label).ok();
    }
}

fn simulations(panel: &Panel) -> u32 {
    panel
        .value(".ni-sims")
        .parse()
        .ok()
        .filter(|n| SIMULATIONS.contains(n))
        .unwrap_or(DEFAULT_SIMULATIONS)
}

fn set_up(panel: &Panel, play: &Shared, moves: &str) {
    let lang = play.borrow().lang;
    let Some(board) = Connect4::from_moves(moves) else {
        return panel.message(&demo_kit::board::bad_moves(lang, moves));
    };
    panel.message("");
    {
        let mut st = play.borrow_mut();
        st.board = board;
        st.moves = moves.to_string();
    }
    analyse(panel, play);
}

fn readers_move(panel: &Panel, play: &Shared, col: u8) {
    let lang = play.borrow().lang;
    if play.borrow().board.end().is_some() {
        return panel.message(demo_kit::board::game_over(lang));
    }
    if !play.borrow().board.is_legal(col) {
        return panel.message(&demo_kit::board::full_column(lang, col));
    }
    panel.message("");
    place(play, col);
    analyse(panel, play);
    if play.borrow().board.end().is_none() {
        engine_move(panel, play);
    }
}

fn place(play: &Shared, col: u8) {
    let mut st = play.borrow_mut();
    st.board.play(col);
    st.moves.push(char::from(b'1' + col));
}

/// The network plays the side to move: the search's most visited column
/// (or, with no search, the network's favourite).
fn engine_move(panel: &Panel, play: &Shared) {
    let lang = play.borrow().lang;
    if play.borrow().board.end().is_some() {
        return panel.message(demo_kit::board::game_over(lang));
    }
    let Some(best) = play.borrow().analysis.as_ref().and_then(|a| a.best) else { return };
    panel.message("");
    place(play, best);
    panel.root.set_attribute("data-played", &(best + 1).to_string()).ok();
    analyse(panel, play);
}

// ANCHOR: analyse
/// The network's first guess and value, the search after `n` simulations,
/// and the solver's verdict if it finds one quickly.
fn analyse(panel: &Panel, play: &Shared) {
    let n = simulations(panel);
    let a = {
        let st = play.borrow();
        (st.board.end().is_none()).then(|| {
            let judged = st.net.judge(&st.board);
            let mut search = Puct::new(st.board, &st.net, st.moves.len() as u64 + 1);
            search.run(n as usize + 1); // the first simulation only expands the root
            let (mut visits, mut q) = ([0; 7], [0.0; 7]);
            for m in search.stats() {
                visits[m.mv as usize] = m.visits;
                q[m.mv as usize] = m.value;
            }
            let best = if n == 0 {
                (0..7u8).filter(|&c| st.board.is_legal(c)).max_by(|&a, &b| {
                    judged.prior[a as usize].total_cmp(&judged.prior[b as usize])
                })
            } else {
                search.best()
            };
            let solved = Solver::new(SOLVER_BUDGET).grade(&st.board).ok();
            Analysis { prior: judged.prior, value: judged.value, visits, q, best, solved }
        })
    };
    play.borrow_mut().analysis = a;
    show(panel, &play.borrow(), n);
}
// ANCHOR_END: analyse

fn show(panel: &Panel, st: &Play, n: u32) {
    let lang = st.lang;
    let root = &panel.root;
    root.set_attribute("data-moves", &st.moves).ok();
    let list = |v: &[String]| v.join(",");
    match &st.analysis {
        None => {
            for a in
                ["data-prior", "data-visits", "data-value", "data-best", "data-solved"]
            {
                root.remove_attribute(a).ok();
            }
            if let Ok(t) = panel.find::<web_sys::Element>(".ni-table") {
                t.set_inner_html("");
            }
            let over = match st.board.end() {
                Some(End::Draw) => {
                    t(lang, "A draw: the board is full.", "和棋：棋盘下满了。")
                }
                _ => {
                    t(lang, "Four in a row: the game is over.", "连成四子：这局结束了。")
                }
            };
            panel.set_text(".ni-status", over);
        }
        Some(a) => {
            let prior: Vec<String> = a.prior.iter().map(|p| format!("{p:.4}")).collect();
            let visits: Vec<String> = a.visits.iter().map(u32::to_string).collect();
            root.set_attribute("data-prior", &list(&prior)).ok();
            root.set_attribute("data-visits", &list(&visits)).ok();
            root.set_attribute("data-value", &format!("{:.4}", a.value)).ok();
            match a.best {
                Some(b) => root.set_attribute("data-best", &(b + 1).to_string()).ok(),
                None => root.remove_attribute("data-best").ok(),
            };
            match &a.solved {
                Some(g) => {
                    let s: Vec<String> = (0..7u8)
                        .map(|c| match g.iter().find(|(m, _)| *m == c) {
                            Some((_, Value::Win)) => "W".into(),
                            Some((_, Value::Draw)) => "D".into(),
                            Some((_, Value::Loss)) => "L".into(),
                            None => "-".into(),
                        })
                        .collect();
                    root.set_attribute("data-solved", &s.concat()).ok()
                }
                None => root.remove_attribute("data-solved").ok(),
            };
            table(panel, st, a, n);
            panel.set_text(
                ".ni-status",
                &text::verdict(lang, st.board.first_to_move(), a.value, a.best, n),
            );
        }
    }
    draw(panel, st);
}

fn table(panel: &Panel, st: &Play, a: &Analysis, n: u32) {
    let lang = st.lang;
    let pct = |x: f32| format!("{:.0}%", x * 100.0);
    let legal = |c: usize| st.board.is_legal(c as u8);
    let total: u32 = a.visits.iter().sum();
    let mut rows = format!(
        "<thead><tr><th>{}</th>{}</tr></thead><tbody>",
        t(lang, "column", "列"),
        (1..=7).map(|c| format!("<th>{c}</th>")).collect::<String>()
    );
    let cells = |f: &dyn Fn(usize) -> String| {
        (0..7)
            .map(|c| format!("<td>{}</td>", if legal(c) { f(c) } else { "–".into() }))
            .collect::<String>()
    };
    rows += &format!(
        "<tr><th>{}</th>{}</tr>",
        t(lang, "first guess (policy)", "第一感觉（策略）"),
        cells(&|c| pct(a.prior[c]))
    );
    if n > 0 {
        rows += &format!(
            "<tr><th>{}</th>{}</tr>",
            text::after(lang, n),
            cells(&|c| pct(a.visits[c] as f32 / total.max(1) as f32))
        );
        rows += &format!(
            "<tr><th>{}</th>{}</tr>",
            t(lang, "expected score there", "走这里的预期得分"),
            cells(&|c| {
                if a.visits[c] == 0 { "?".into() } else { pct((a.q[c] + 1.0) / 2.0) }
            })
        );
    }
    let perfect = match &a.solved {
        Some(g) => cells(&|c| {
            let v = g.iter().find(|(m, _)| *m as usize == c).map(|(_, v)| *v);
            text::value(lang, v).to_string()
        }),
        None => format!("<td colspan=\"7\">{}</td>", text::unsolved(lang)),
    };
    rows += &format!(
        "<tr><th>{}</th>{perfect}</tr></tbody>",
        t(lang, "perfect play", "完美对弈")
    );
    if let Ok(el) = panel.find::<web_sys::Element>(".ni-table") {
        el.set_inner_html(&rows);
    }
}

fn draw(panel: &Panel, st: &Play) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ni-board") else { return };
    let notes: Vec<ColumnNote> = match &st.analysis {
        Some(a) => (0..7u8)
            .filter(|&c| st.board.is_legal(c))
            .map(|c| ColumnNote {
                col: c,
                bar: f64::from(a.prior[c as usize]),
                label: format!("{:.0}%", a.prior[c as usize] * 100.0),
            })
            .collect(),
        None => Vec::new(),
    };
    demo_kit::board::draw(&canvas, |c, r| st.board.cell(c, r), st.cursor, &notes);
}

/// For `./dev bench`: network evaluations a second in the page (the
/// guided search from the empty board, `simulations` of them).
#[wasm_bindgen]
pub fn bench_simulations(simulations: usize) -> f64 {
    let net = selfplay::shipped();
    let mut search = Puct::new(Connect4::default(), &net, 1);
    search.run(100);
    let t0 = demo_kit::worker::now();
    search.run(simulations);
    simulations as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-3)
}
