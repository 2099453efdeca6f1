//! A Connect Four board on a canvas, for the games chapter's demos (the
//! tree search and the network's intuition): the stones, a keyboard
//! cursor and a bar above each column for what the engine thinks of it.

use crate::{Lang, Theme};
use web_sys::{HtmlCanvasElement, MouseEvent};

pub const COLUMNS: usize = 7;
pub const ROWS: usize = 6;

/// What stands above one column: a bar (0–1 of the space) and a label.
pub struct ColumnNote {
    pub col: u8,
    pub bar: f64,
    pub label: String,
}

/// Draws the board: `cell(col, row)` is `Some(true)` for the first
/// player's stone (red), `Some(false)` for the second's (yellow).
pub fn draw(
    canvas: &HtmlCanvasElement,
    cell: impl Fn(usize, usize) -> Option<bool>,
    cursor: u8,
    notes: &[ColumnNote],
) {
    let Ok(ctx) = crate::context_2d(canvas) else { return };
    let theme = Theme::current();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let size = w / COLUMNS as f64;
    let top = h - size * ROWS as f64;
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    ctx.set_font("13px sans-serif");
    ctx.set_text_align("center");
    for n in notes {
        let x = f64::from(n.col) * size;
        let bar = (top - 34.0).max(4.0) * n.bar.clamp(0.0, 1.0);
        ctx.set_fill_style_str(&theme.accent.mix(theme.bg, 0.35).css());
        ctx.fill_rect(x + size * 0.2, top - 20.0 - bar, size * 0.6, bar);
        ctx.set_fill_style_str(&theme.fg.css());
        let _ = ctx.fill_text(&n.label, x + size / 2.0, top - 6.0);
    }
    let blue = theme.bg.mix(theme.negative, 0.55);
    ctx.set_fill_style_str(&blue.css());
    ctx.fill_rect(0.0, top, w, h - top);
    let (red, yellow) = ("rgb(214,48,49)", "rgb(250,200,40)");
    for col in 0..COLUMNS {
        for row in 0..ROWS {
            let (cx, cy) = (
                (col as f64 + 0.5) * size,
                top + (ROWS - 1 - row) as f64 * size + size / 2.0,
            );
            let colour = match cell(col, row) {
                Some(true) => red.to_string(),
                Some(false) => yellow.to_string(),
                None => theme.bg.css(),
            };
            ctx.set_fill_style_str(&colour);
            ctx.begin_path();
            let _ = ctx.arc(cx, cy, size * 0.4, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
    }
    ctx.set_stroke_style_str(&theme.fg.css());
    ctx.set_line_width(2.0);
    ctx.stroke_rect(f64::from(cursor) * size + 2.0, top + 2.0, size - 4.0, h - top - 4.0);
}

/// The column under a click.
pub fn column_at(canvas: &HtmlCanvasElement, e: &MouseEvent) -> u8 {
    let rect = canvas.get_bounding_client_rect();
    let x = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0);
    (x * COLUMNS as f64).floor().clamp(0.0, COLUMNS as f64 - 1.0) as u8
}

/// What a key does on the board: move the cursor to a column, or play at
/// it (`Some((col, play))`); `None` for keys the board ignores.
pub fn key(key: &str, cursor: u8) -> Option<(u8, bool)> {
    match key {
        "ArrowLeft" => Some((cursor.saturating_sub(1), false)),
        "ArrowRight" => Some(((cursor + 1).min(COLUMNS as u8 - 1), false)),
        " " | "Enter" | "ArrowDown" => Some((cursor, true)),
        k if k.len() == 1 && ("1"..="7").contains(&k) => {
            Some((k.as_bytes()[0] - b'1', true))
        }
        _ => None,
    }
}

/// The message for a click on a full column.
pub fn full_column(lang: Lang, col: u8) -> String {
    match lang {
        Lang::En => format!("Column {} is full: pick another.", col + 1),
        Lang::Zh => format!("第 {} 列已经满了：换一列吧。", col + 1),
    }
}

/// The message for a move after the end.
pub fn game_over(lang: Lang) -> &'static str {
    lang.pick("The game is over: start a new one.", "这局已经结束了：开始新的一局吧。")
}

/// The message for set-up moves that are not a game (shown escaped, and
/// cut to 60 characters, whatever was pasted).
pub fn bad_moves(lang: Lang, typed: &str) -> String {
    let shown = crate::dom::escape(&typed.chars().take(60).collect::<String>());
    match lang {
        Lang::En => format!(
            "“{shown}” is not a game: type the columns played, 1 to 7, one digit a move (like 4453), with no move into a full column or after four in a row."
        ),
        Lang::Zh => format!(
            "“{shown}”不是一局棋：请输入每步下的列号（1 到 7，一步一个数字，比如 4453），不能下进已满的列，也不能在连成四子之后再下。"
        ),
    }
}
