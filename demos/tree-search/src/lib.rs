//! Demo `tree-search`: Connect Four against Monte Carlo tree search
//! (`games::Search`). The search runs in slices of about 20 ms on the page's
//! thread, so the board stays responsive, and after each slice the page
//! redraws how many playouts went through each column and how often they
//! were won: the reader watches the choice form.

mod text;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::board::ColumnNote;
use demo_kit::{Lang, Panel, listen};
use games::{Connect4, End, Game, MoveStats, Search};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{
    Event, EventTarget, HtmlCanvasElement, HtmlElement, KeyboardEvent, MouseEvent,
};

/// How long the computer may think, in playouts.
pub const BUDGETS: [u32; 4] = [100, 1_000, 10_000, 100_000];
const DEFAULT_BUDGET: u32 = 10_000;
/// Milliseconds of search between redraws.
const SLICE_MS: f64 = 20.0;

struct Play {
    lang: Lang,
    board: Connect4,
    moves: String,
    /// Whether the reader plays first (the first player's stones are red).
    reader_first: bool,
    /// Column under the keyboard cursor.
    cursor: u8,
    thinking: bool,
    /// Bumped by a new game, so a search in flight stops.
    game: u32,
    stats: Vec<MoveStats>,
    seed: u64,
}

type Shared = Rc<RefCell<Play>>;

impl Play {
    fn readers_turn(&self) -> bool {
        self.board.end().is_none()
            && self.board.first_to_move() == self.reader_first
            && !self.thinking
    }
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("tree-search");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let play: Shared = Rc::new(RefCell::new(Play {
        lang,
        board: Connect4::default(),
        moves: String::new(),
        reader_first: true,
        cursor: 3,
        thinking: false,
        game: 0,
        stats: Vec::new(),
        seed: 1,
    }));
    let (p, s) = (panel.clone(), play.clone());
    panel.on(".ts-new", "click", move || new_game(&p, &s, ""))?;
    let (p, s) = (panel.clone(), play.clone());
    panel.on(".ts-setup", "click", move || {
        let typed = p.value(".ts-moves");
        new_game(&p, &s, typed.trim())
    })?;
    let canvas = panel.find::<HtmlCanvasElement>(".ts-board")?;
    let (p, s, c) = (panel.clone(), play.clone(), canvas.clone());
    listen(&canvas, "click", move |e: MouseEvent| {
        let col = demo_kit::board::column_at(&c, &e);
        s.borrow_mut().cursor = col;
        readers_move(&p, &s, col);
    })?;
    let (p, s) = (panel.clone(), play.clone());
    listen(
        &panel.find::<EventTarget>(".ts-board")?,
        "keydown",
        move |e: KeyboardEvent| {
            let cursor = s.borrow().cursor;
            let Some((col, play)) = demo_kit::board::key(&e.key(), cursor) else {
                return;
            };
            s.borrow_mut().cursor = col;
            if play {
                readers_move(&p, &s, col);
            }
            e.prevent_default();
            draw(&p, &s.borrow());
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), play.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    new_game(&panel, &play, "");
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, row, select};
    let budgets: Vec<(String, String)> =
        BUDGETS.iter().map(|&b| (b.to_string(), text::playouts(lang, b))).collect();
    let fields = [
        select(
            "ts-budget",
            t(lang, "The computer thinks for", "电脑每步思考"),
            &demo_kit::controls::options(&budgets),
            &DEFAULT_BUDGET.to_string(),
        ),
        select(
            "ts-first",
            t(lang, "First move", "先手"),
            &[
                ("reader", t(lang, "you (red)", "你（红）")),
                ("computer", t(lang, "the computer (red)", "电脑（红）")),
            ],
            "reader",
        ),
        field(
            "ts-moves",
            t(lang, "Or start from these moves", "或者从这些着法开始"),
            "",
            true,
        ),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="ts">{fields}{buttons}
<canvas class="ts-board" width="420" height="500" tabindex="0"></canvas>
<p class="ts-legend">{legend}</p>
<p class="ts-status" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        fields = row("ts-fields", &fields),
        legend = t(
            lang,
            "Above each column: the share of the computer's playouts that went through it (bar) and the share of those it won (number).",
            "每一列上方：电脑的模拟有多少经过这一列（柱子），其中赢了多少（数字）。"
        ),
        buttons = buttons(
            "ts-buttons",
            &[
                ("ts-new", t(lang, "New game", "新的一局")),
                ("ts-setup", t(lang, "Set up these moves", "摆出这些着法"))
            ]
        ),
    ));
    if let Ok(c) = panel.find::<web_sys::Element>(".ts-board") {
        let label = t(
            lang,
            "Connect Four board: click a column, or use the arrow keys and Enter, or type 1 to 7",
            "四子棋棋盘：点击一列，或者用方向键和回车，或者按 1 到 7",
        );
        c.set_attribute("aria-label", label).ok();
    }
}

fn budget(panel: &Panel) -> u32 {
    panel
        .value(".ts-budget")
        .parse()
        .ok()
        .filter(|b| BUDGETS.contains(b))
        .unwrap_or(DEFAULT_BUDGET)
}

fn new_game(panel: &Panel, play: &Shared, moves: &str) {
    let lang = play.borrow().lang;
    let board = match Connect4::from_moves(moves) {
        Some(b) => b,
        None => return panel.message(&demo_kit::board::bad_moves(lang, moves)),
    };
    panel.message("");
    let reader_first = panel.value(".ts-first") != "computer";
    {
        let mut st = play.borrow_mut();
        st.board = board;
        st.moves = moves.to_string();
        st.game += 1;
        st.thinking = false;
        st.stats.clear();
        st.seed = 1;
        // A set-up position: the reader takes the side to move.
        st.reader_first =
            if moves.is_empty() { reader_first } else { board.first_to_move() };
    }
    after_move(panel, play);
}

fn readers_move(panel: &Panel, play: &Shared, col: u8) {
    let lang = play.borrow().lang;
    let (over, thinking, legal) = {
        let st = play.borrow();
        (st.board.end().is_some(), st.thinking, st.board.is_legal(col))
    };
    if over {
        return panel.message(demo_kit::board::game_over(lang));
    }
    if thinking || !play.borrow().readers_turn() {
        return panel.message(t(
            lang,
            "Wait for the computer's move.",
            "请等电脑下完这一步。",
        ));
    }
    if !legal {
        return panel.message(&demo_kit::board::full_column(lang, col));
    }
    panel.message("");
    {
        let mut st = play.borrow_mut();
        st.board.play(col);
        st.moves.push(char::from(b'1' + col));
        st.stats.clear();
    }
    after_move(panel, play);
}

/// Shows the position and, if it is the computer's turn, starts it thinking.
fn after_move(panel: &Panel, play: &Shared) {
    show(panel, &play.borrow());
    let computers_turn = {
        let st = play.borrow();
        st.board.end().is_none() && st.board.first_to_move() != st.reader_first
    };
    if computers_turn {
        play.borrow_mut().thinking = true;
        let (p, s) = (panel.clone(), play.clone());
        let total = budget(panel);
        wasm_bindgen_futures::spawn_local(async move { think(p, s, total).await });
    }
    show(panel, &play.borrow());
}

// ANCHOR: think
/// The computer's move: playouts in slices, the picture redrawn between.
async fn think(panel: Panel, play: Shared, total: u32) {
    let (board, game, seed) = {
        let st = play.borrow();
        (st.board, st.game, st.seed)
    };
    let mut search = Search::new(board, seed);
    let mut chunk = 50usize;
    while search.playouts() < total {
        let t0 = demo_kit::worker::now();
        let n = chunk.min((total - search.playouts()) as usize);
        search.run(n);
        let spent = demo_kit::worker::now() - t0;
        // Aim each slice at about SLICE_MS.
        if spent < SLICE_MS / 2.0 {
            chunk *= 2;
        } else if spent > SLICE_MS * 2.0 && chunk > 10 {
            chunk /= 2;
        }
        {
            let mut st = play.borrow_mut();
            if st.game != game {
                return; // a new game began
            }
            st.stats = search.stats();
        }
        let status =
            text::thinking(play.borrow().lang, search.playouts(), total, search.size());
        panel.set_text(".ts-status", &status);
        draw(&panel, &play.borrow());
        demo_kit::sleep(0).await;
    }
    // ANCHOR_END: think
    if play.borrow().game != game {
        return;
    }
    let best = search.stats()[0];
    {
        let mut st = play.borrow_mut();
        st.board.play(best.mv);
        st.moves.push(char::from(b'1' + best.mv));
        st.thinking = false;
        st.seed += 1;
        st.stats = search.stats();
    }
    let lang = play.borrow().lang;
    panel.root.set_attribute("data-best", &(best.mv + 1).to_string()).ok();
    show(&panel, &play.borrow());
    if play.borrow().board.end().is_none() {
        panel.set_text(
            ".ts-status",
            &text::played(lang, best.mv, best.value, search.playouts()),
        );
    }
}

fn show(panel: &Panel, st: &Play) {
    let lang = st.lang;
    let root = &panel.root;
    root.set_attribute("data-moves", &st.moves).ok();
    let turn = match st.board.end() {
        Some(_) => "over",
        None if st.thinking => "computer",
        None if st.board.first_to_move() == st.reader_first => "reader",
        None => "computer",
    };
    root.set_attribute("data-turn", turn).ok();
    let status = match st.board.end() {
        Some(End::Draw) => {
            Some(t(lang, "A draw: the board is full.", "和棋：棋盘下满了。"))
        }
        Some(End::Win) => {
            // The player who moved last won.
            let last_was_first = !st.board.first_to_move();
            let reader_won = last_was_first == st.reader_first;
            root.set_attribute(
                "data-result",
                if reader_won { "reader" } else { "computer" },
            )
            .ok();
            Some(if reader_won {
                t(lang, "Four in a row: you win.", "连成四子：你赢了。")
            } else {
                t(lang, "Four in a row: the computer wins.", "连成四子：电脑赢了。")
            })
        }
        None => {
            root.remove_attribute("data-result").ok();
            (turn == "reader" && st.stats.is_empty()).then(|| {
                t(
                    lang,
                    "Your move: click a column (or press 1 to 7).",
                    "轮到你了：点击一列（或按 1 到 7）。",
                )
            })
        }
    };
    if st.board.end() == Some(End::Draw) {
        root.set_attribute("data-result", "draw").ok();
    }
    if let Some(s) = status {
        panel.set_text(".ts-status", s);
    }
    draw(panel, st);
}

/// The board, the keyboard cursor and, above each column, the share of
/// playouts and the win rate the search found there.
fn draw(panel: &Panel, st: &Play) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".ts-board") else { return };
    let total: u32 = st.stats.iter().map(|m| m.visits).sum();
    let notes: Vec<ColumnNote> = st
        .stats
        .iter()
        .map(|m| ColumnNote {
            col: m.mv,
            bar: f64::from(m.visits) / f64::from(total.max(1)),
            label: format!("{:.0}%", m.value * 100.0),
        })
        .collect();
    demo_kit::board::draw(&canvas, |c, r| st.board.cell(c, r), st.cursor, &notes);
}
