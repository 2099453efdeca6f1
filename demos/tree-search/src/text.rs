//! The demo's words in the book's two languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn playouts(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => format!("{} playouts", thousands(u64::from(n))),
        Lang::Zh => format!("{} 次模拟", thousands(u64::from(n))),
    }
}

pub fn thinking(lang: Lang, done: u32, total: u32, positions: usize) -> String {
    let (d, n, p) = (
        thousands(u64::from(done)),
        thousands(u64::from(total)),
        thousands(positions as u64),
    );
    match lang {
        Lang::En => format!(
            "The computer is thinking: {d} of {n} playouts, {p} positions in its tree…"
        ),
        Lang::Zh => format!("电脑正在思考：已模拟 {d} / {n} 次，树里有 {p} 个局面……"),
    }
}

pub fn played(lang: Lang, col: u8, value: f32, playouts: u32) -> String {
    let (c, v, n) = (col + 1, (value * 100.0).round(), thousands(u64::from(playouts)));
    match lang {
        Lang::En => format!(
            "The computer played column {c} after {n} playouts; it won {v}% of the games it played out through that move. Your move."
        ),
        Lang::Zh => format!(
            "电脑在 {n} 次模拟之后下在第 {c} 列；经过这一步模拟下完的对局，它赢了 {v}%。轮到你了。"
        ),
    }
}
