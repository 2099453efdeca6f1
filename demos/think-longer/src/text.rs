//! The demo's sentences in both languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready: every setting plays the same numbered games against the opponent chosen.",
        "准备好了：每种设置都和选定的对手下同样编号的几盘棋。",
    )
}

pub fn done(lang: Lang, games: u32, seconds: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => format!("Done: {games} games per setting in {s} s."),
        Lang::Zh => format!("完成：每种设置 {games} 盘，用时 {s} 秒。"),
    }
}

/// The finding so far, in one sentence.
pub fn result(
    lang: Lang,
    low: (u32, f32),
    high: (u32, f32),
    games: usize,
    rules: bool,
) -> String {
    let pct = |s: f32| (s * 100.0).round();
    let (a, b) = (thousands(u64::from(low.0)), thousands(u64::from(high.0)));
    let against = match (lang, rules) {
        (Lang::En, false) => "1,000 playouts",
        (Lang::En, true) => "the hand-written rules",
        (Lang::Zh, false) => " 1,000 次模拟的搜索",
        (Lang::Zh, true) => "手写规则",
    };
    match lang {
        Lang::En => format!(
            "After {games} games each: {a} playouts a move score {}% against {against}, {b} score {}%.",
            pct(low.1),
            pct(high.1)
        ),
        Lang::Zh => format!(
            "每种设置下了 {games} 盘：每步 {a} 次模拟对{against}得分 {}%，{b} 次得分 {}%。",
            pct(low.1),
            pct(high.1)
        ),
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(
        lang,
        "Pick an opponent and a number of games from the lists.",
        "请从列表里选一个对手和一个对局数。",
    )
}
