//! Demo `search-tree`: tree search on tic-tac-toe, small enough to watch
//! whole. The reader adds playouts one, ten or a hundred at a time and
//! sees the tree grow: each row is a move deeper, each block's width is
//! its share of the playouts and its colour how often they were won by
//! the player who made that move. Clicking the board plays a move for the
//! side to move; the search then starts again from the new position.

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::{Lang, Panel, Theme, listen};
use games::{End, Game, Search, TicTacToe, TreeNode};
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, HtmlElement, KeyboardEvent, MouseEvent};

/// Rows of the tree drawn (moves below the root).
const ROWS: u16 = 5;

struct State {
    lang: Lang,
    board: TicTacToe,
    search: Search<TicTacToe>,
}

type Shared = Rc<RefCell<State>>;

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("search-tree");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let board = TicTacToe::default();
    let state: Shared =
        Rc::new(RefCell::new(State { lang, board, search: Search::new(board, 1) }));
    for (class, n) in
        [("st-one", 1), ("st-ten", 10), ("st-hundred", 100), ("st-thousand", 1000)]
    {
        let (p, s) = (panel.clone(), state.clone());
        panel.on(&format!(".{class}"), "click", move || {
            s.borrow_mut().search.run(n);
            show(&p, &s.borrow());
        })?;
    }
    let (p, s) = (panel.clone(), state.clone());
    panel.on(".st-play", "click", move || {
        let best = s.borrow().search.best();
        match best {
            Some(m) => play(&p, &s, m),
            None => p.message(t(
                s.borrow().lang,
                "Add a playout first: the search has no move yet.",
                "先加一次模拟：搜索还没有选出着法。",
            )),
        }
    })?;
    let (p, s) = (panel.clone(), state.clone());
    panel.on(".st-new", "click", move || {
        {
            let mut st = s.borrow_mut();
            st.board = TicTacToe::default();
            st.search = Search::new(st.board, 1);
        }
        p.message("");
        show(&p, &s.borrow());
    })?;
    let board = panel.find::<HtmlCanvasElement>(".st-board")?;
    let (p, s, c) = (panel.clone(), state.clone(), board.clone());
    listen(&board, "click", move |e: MouseEvent| {
        let r = c.get_bounding_client_rect();
        let x = ((f64::from(e.client_x()) - r.left()) / r.width().max(1.0) * 3.0).floor();
        let y = ((f64::from(e.client_y()) - r.top()) / r.height().max(1.0) * 3.0).floor();
        let cell = (y.clamp(0.0, 2.0) * 3.0 + x.clamp(0.0, 2.0)) as u8;
        play(&p, &s, cell);
    })?;
    let (p, s) = (panel.clone(), state.clone());
    listen(&board, "keydown", move |e: KeyboardEvent| {
        let key = e.key();
        if key.len() == 1 && ("1"..="9").contains(&key.as_str()) {
            e.prevent_default();
            play(&p, &s, key.as_bytes()[0] - b'1');
        }
    })?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| show(&p, &s.borrow()))?;
    }
    show(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::buttons;
    panel.root.set_inner_html(&format!(
        r#"<div class="st">{add}{game}
<div class="st-views"><canvas class="st-board" width="180" height="180" tabindex="0"></canvas>
<canvas class="st-tree" width="640" height="300"></canvas></div>
<p class="st-legend">{legend}</p>
<p class="st-status" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        add = buttons(
            "st-add",
            &[
                ("st-one", t(lang, "+1 playout", "+1 次模拟")),
                ("st-ten", t(lang, "+10", "+10")),
                ("st-hundred", t(lang, "+100", "+100")),
                ("st-thousand", t(lang, "+1,000", "+1,000")),
            ]
        ),
        legend = t(
            lang,
            "On the board, each empty cell shows its share of the playouts and how often they were won; the tree shows every position the playouts reached, a row per move.",
            "棋盘上每个空格显示它占的模拟份额和其中赢的比例；右边的树显示模拟到过的每个局面，每一步一行。"
        ),
        game = buttons(
            "st-game",
            &[
                ("st-play", t(lang, "Play the search's move", "走搜索选的那步")),
                ("st-new", t(lang, "Empty board", "清空棋盘")),
            ]
        ),
    ));
    if let Ok(c) = panel.find::<web_sys::Element>(".st-board") {
        let label = t(
            lang,
            "Tic-tac-toe board: click a cell, or press 1 to 9, to play a move for the side to move",
            "井字棋棋盘：点击一格，或按 1 到 9，替轮到的一方下一步",
        );
        c.set_attribute("aria-label", label).ok();
    }
}

fn play(panel: &Panel, state: &Shared, cell: u8) {
    let lang = state.borrow().lang;
    let (over, legal) = {
        let st = state.borrow();
        (st.board.end().is_some(), st.board.is_legal(cell))
    };
    if over {
        return panel.message(t(
            lang,
            "The game is over: press Empty board to start again.",
            "这局已经结束：按“清空棋盘”重新开始。",
        ));
    }
    if !legal {
        return panel.message(t(lang, "That cell is taken.", "这一格已经有子了。"));
    }
    panel.message("");
    {
        let mut st = state.borrow_mut();
        st.board.play(cell);
        st.search = Search::new(st.board, 1);
    }
    show(panel, &state.borrow());
}

/// The attributes the tests read, the sentence under the pictures, both pictures.
fn show(panel: &Panel, st: &State) {
    let lang = st.lang;
    let tree = st.search.tree();
    let root = &panel.root;
    let board: String = (0..9)
        .map(|i| match st.board.cell(i) {
            Some(true) => 'x',
            Some(false) => 'o',
            None => '.',
        })
        .collect();
    root.set_attribute("data-board", &board).ok();
    root.set_attribute("data-playouts", &st.search.playouts().to_string()).ok();
    root.set_attribute("data-nodes", &tree.len().to_string()).ok();
    let first: Vec<&TreeNode> = tree.iter().filter(|n| n.depth == 1).collect();
    let visits: Vec<String> =
        first.iter().map(|n| format!("{}:{}", n.mv + 1, n.visits)).collect();
    root.set_attribute("data-visits", &visits.join(",")).ok();
    match st.search.best() {
        Some(m) => root.set_attribute("data-best", &(m + 1).to_string()).ok(),
        None => root.remove_attribute("data-best").ok(),
    };
    let status = match st.board.end() {
        Some(End::Win) => {
            t(lang, "Three in a row: the game is over.", "三子连线：这局结束了。")
                .to_string()
        }
        Some(End::Draw) => {
            t(lang, "A draw: the board is full.", "和棋：棋盘下满了。").to_string()
        }
        None => status(lang, st, &tree),
    };
    panel.set_text(".st-status", &status);
    draw_board(panel, st, &tree);
    draw_tree(panel, st, &tree);
}

fn status(lang: Lang, st: &State, tree: &[TreeNode]) -> String {
    let side = if st.board.x_to_move() { "✕" } else { "○" };
    let n = demo_kit::controls::thousands(u64::from(st.search.playouts()));
    let size = demo_kit::controls::thousands(tree.len() as u64);
    match (lang, st.search.stats().first()) {
        (Lang::En, None) => format!("{side} to move. No playouts yet: add some."),
        (Lang::Zh, None) => format!("轮到 {side}。还没有模拟：加几次吧。"),
        (Lang::En, Some(b)) => format!(
            "{side} to move. {n} playouts, {size} positions in the tree; most visited: cell {} ({} playouts, {:.0}% won).",
            b.mv + 1,
            demo_kit::controls::thousands(u64::from(b.visits)),
            b.value * 100.0
        ),
        (Lang::Zh, Some(b)) => format!(
            "轮到 {side}。{n} 次模拟，树里有 {size} 个局面；访问最多的是第 {} 格（{} 次模拟，赢 {:.0}%）。",
            b.mv + 1,
            demo_kit::controls::thousands(u64::from(b.visits)),
            b.value * 100.0
        ),
    }
}

/// Win rate as a colour: the negative colour at 0, the background at ½,
/// the positive colour at 1.
fn shade(theme: &Theme, value: f32) -> String {
    let v = value.clamp(0.0, 1.0);
    if v < 0.5 {
        theme.bg.mix(theme.negative, 0.85 * (1.0 - 2.0 * v) + 0.15).css()
    } else {
        theme.bg.mix(theme.positive, 0.85 * (2.0 * v - 1.0) + 0.15).css()
    }
}

fn draw_board(panel: &Panel, st: &State, tree: &[TreeNode]) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".st-board") else { return };
    let Ok(ctx) = demo_kit::context_2d(&canvas) else { return };
    let theme = Theme::current();
    let size = f64::from(canvas.width());
    let cell = size / 3.0;
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, size, size);
    let total = tree.first().map_or(0, |r| r.visits).max(1);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for i in 0..9u8 {
        let (x, y) = (f64::from(i % 3) * cell, f64::from(i / 3) * cell);
        let node = tree.iter().find(|n| n.depth == 1 && n.mv == i);
        if let Some(n) = node {
            ctx.set_fill_style_str(&shade(&theme, n.value));
            ctx.fill_rect(x + 2.0, y + 2.0, cell - 4.0, cell - 4.0);
        }
        ctx.set_fill_style_str(&theme.fg.css());
        match st.board.cell(usize::from(i)) {
            Some(mark) => {
                ctx.set_font("bold 40px sans-serif");
                let _ = ctx.fill_text(
                    if mark { "✕" } else { "○" },
                    x + cell / 2.0,
                    y + cell / 2.0,
                );
            }
            None => {
                ctx.set_font("12px sans-serif");
                let _ = ctx.fill_text(&(i + 1).to_string(), x + 10.0, y + 11.0);
                if let Some(n) = node {
                    let share = f64::from(n.visits) / f64::from(total) * 100.0;
                    ctx.set_font("13px sans-serif");
                    let _ = ctx.fill_text(
                        &format!("{share:.0}%"),
                        x + cell / 2.0,
                        y + cell / 2.0 - 8.0,
                    );
                    let _ = ctx.fill_text(
                        &format!("{:.0}%", n.value * 100.0),
                        x + cell / 2.0,
                        y + cell / 2.0 + 10.0,
                    );
                }
            }
        }
    }
    ctx.set_stroke_style_str(&theme.fg.css());
    ctx.set_line_width(2.0);
    for k in 1..3 {
        let at = f64::from(k) * cell;
        ctx.begin_path();
        ctx.move_to(at, 4.0);
        ctx.line_to(at, size - 4.0);
        ctx.move_to(4.0, at);
        ctx.line_to(size - 4.0, at);
        ctx.stroke();
    }
}

/// The tree as an icicle: the root's playouts span the width; each child
/// takes the part of its parent's span its playouts make up, one row lower.
fn draw_tree(panel: &Panel, st: &State, tree: &[TreeNode]) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".st-tree") else { return };
    let Ok(ctx) = demo_kit::context_2d(&canvas) else { return };
    let theme = Theme::current();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    let row = h / f64::from(ROWS + 1);
    // Each node's horizontal span, filled parents first (the list's order).
    let mut span = vec![(0.0f64, 0.0f64); tree.len()];
    let mut used = vec![0.0f64; tree.len()];
    if let Some(r) = tree.first() {
        span[0] = (0.0, w);
        ctx.set_fill_style_str(&theme.fg.mix(theme.bg, 0.7).css());
        ctx.fill_rect(0.0, 0.0, w, row - 2.0);
        ctx.set_fill_style_str(&theme.fg.css());
        ctx.set_font("12px sans-serif");
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        let n = demo_kit::controls::thousands(u64::from(r.visits));
        let label = match st.lang {
            Lang::En => format!("this position: {n} playouts"),
            Lang::Zh => format!("当前局面：{n} 次模拟"),
        };
        let _ = ctx.fill_text(&label, 6.0, row / 2.0);
        // The colour scale: won by the player who moved, 0% to 100%.
        let (x0, bar) = (w - 200.0, 120.0);
        for k in 0..20 {
            ctx.set_fill_style_str(&shade(&theme, k as f32 / 19.0));
            ctx.fill_rect(
                x0 + bar * f64::from(k) / 20.0,
                row * 0.25,
                bar / 20.0 + 0.5,
                row * 0.5,
            );
        }
        ctx.set_fill_style_str(&theme.fg.css());
        ctx.set_text_align("right");
        let _ = ctx.fill_text(t(st.lang, "won 0%", "赢 0%"), x0 - 4.0, row / 2.0);
        ctx.set_text_align("left");
        let _ = ctx.fill_text("100%", x0 + bar + 4.0, row / 2.0);
    }
    for (i, n) in tree.iter().enumerate().skip(1) {
        let p = n.parent as usize;
        let parent = &tree[p];
        let (x0, x1) = span[p];
        let width = (x1 - x0) * f64::from(n.visits) / f64::from(parent.visits.max(1));
        let x = x0 + used[p];
        used[p] += width;
        span[i] = (x, x + width);
        if n.depth > ROWS || width < 0.5 {
            continue;
        }
        let y = f64::from(n.depth) * row;
        ctx.set_fill_style_str(&shade(&theme, n.value));
        ctx.fill_rect(x, y, (width - 1.0).max(0.5), row - 2.0);
        if width > 22.0 {
            ctx.set_fill_style_str(&theme.fg.css());
            ctx.set_text_align("center");
            let _ =
                ctx.fill_text(&(n.mv + 1).to_string(), x + width / 2.0, y + row / 2.0);
        }
    }
    let described = match st.lang {
        Lang::En => format!(
            "The search tree: {} positions under the current one, in rows a move deeper each; widths are shares of the playouts, colours how often they were won.",
            tree.len().saturating_sub(1)
        ),
        Lang::Zh => format!(
            "搜索树：当前局面下有 {} 个局面，每往下一行深一步；宽度是模拟次数的份额，颜色是它们赢的频率。",
            tree.len().saturating_sub(1)
        ),
    };
    canvas.set_attribute("aria-label", &described).ok();
}
