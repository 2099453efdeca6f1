//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// Each row of `selfplay::contest::CONTESTS`, said for the reader.
pub const CONTESTS: [(&str, &str); 6] = [
    (
        "network + 100 simulations vs 1,200 playouts (the same time natively)",
        "网络 + 100 次模拟对 1,200 次随机模拟（原生代码里用时相同）",
    ),
    (
        "network + 400 simulations vs 4,800 playouts (the same time natively)",
        "网络 + 400 次模拟对 4,800 次随机模拟（原生代码里用时相同）",
    ),
    (
        "trained vs untrained network, 200 simulations each",
        "训练过的网络对没训练的网络，各 200 次模拟",
    ),
    (
        "leaves judged by the value network alone, 200 simulations, vs 2,000 playouts",
        "叶子只由价值网络判断，200 次模拟，对 2,000 次随机模拟",
    ),
    (
        "leaves judged by a random playout alone (policy kept), 200 vs 2,000",
        "叶子只由一次随机走子判断（保留策略），200 次对 2,000 次",
    ),
    (
        "leaves judged by both, half and half (AlphaGo's mix), 200 vs 2,000",
        "叶子由两者各占一半判断（AlphaGo 的做法），200 次对 2,000 次",
    ),
];

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready: every contest plays the same numbered games, colours alternating.",
        "准备好了：每组对局都下同样编号的几盘，轮流执先。",
    )
}

pub fn done(lang: Lang, games: u32, seconds: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => format!("Done: {games} games per contest in {s} s."),
        Lang::Zh => format!("完成：每组 {games} 盘，用时 {s} 秒。"),
    }
}

pub fn left(lang: Lang, games: u32, total: u32, seconds: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => format!("{games} of {total} games played, about {s} s left."),
        Lang::Zh => format!("已下 {games}/{total} 盘，还要约 {s} 秒。"),
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(lang, "Pick a number of games from the list.", "请从列表里选一个对局数。")
}
