//! The demo's sentences in both languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;
use games::solver::Value;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn simulations(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::En, 0) => "none: its first guess alone".into(),
        (Lang::Zh, 0) => "不搜索：只凭第一感觉".into(),
        (Lang::En, n) => format!("{} simulations a move", thousands(u64::from(n))),
        (Lang::Zh, n) => format!("每步 {} 次模拟", thousands(u64::from(n))),
    }
}

pub fn after(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En => format!("share of {} simulations", thousands(u64::from(n))),
        Lang::Zh => format!("{} 次模拟里的占比", thousands(u64::from(n))),
    }
}

/// Who is to move, what the network thinks of it, and what it would play.
pub fn verdict(
    lang: Lang,
    first_to_move: bool,
    value: f32,
    best: Option<u8>,
    n: u32,
) -> String {
    let score = ((value + 1.0) / 2.0 * 100.0).round();
    let who = match (lang, first_to_move) {
        (Lang::En, true) => "Red",
        (Lang::En, false) => "Yellow",
        (Lang::Zh, true) => "红方",
        (Lang::Zh, false) => "黄方",
    };
    let col = best.map_or(0, |b| b + 1);
    match (lang, n) {
        (Lang::En, 0) => format!(
            "{who} to move. At a glance the network expects {} to score {score}% from here (its value), and would play column {col}.",
            who.to_lowercase()
        ),
        (Lang::En, _) => format!(
            "{who} to move. At a glance the network expects {} to score {score}% from here (its value); after its search it would play column {col}.",
            who.to_lowercase()
        ),
        (Lang::Zh, 0) => format!(
            "轮到{who}。网络一眼看去，估计{who}从这里能得 {score}%（它的价值判断），会走第 {col} 列。"
        ),
        (Lang::Zh, _) => format!(
            "轮到{who}。网络一眼看去，估计{who}从这里能得 {score}%（它的价值判断）；搜索之后它会走第 {col} 列。"
        ),
    }
}

pub fn value(lang: Lang, v: Option<Value>) -> &'static str {
    match (lang, v) {
        (Lang::En, Some(Value::Win)) => "win",
        (Lang::En, Some(Value::Draw)) => "draw",
        (Lang::En, Some(Value::Loss)) => "loss",
        (Lang::Zh, Some(Value::Win)) => "胜",
        (Lang::Zh, Some(Value::Draw)) => "和",
        (Lang::Zh, Some(Value::Loss)) => "负",
        (_, None) => "–",
    }
}

pub fn unsolved(lang: Lang) -> &'static str {
    t(
        lang,
        "too early in the game for the solver to finish here in a moment",
        "离终局还远，求解器没法在一瞬间算完",
    )
}
