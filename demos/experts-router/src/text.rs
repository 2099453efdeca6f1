//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready: two mixtures, the same experts, the same points, 3,000 steps each.",
        "准备好了：两个混合模型，同样的专家，同样的点，各训练 3,000 步。",
    )
}

pub fn done(lang: Lang, seconds: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => format!("Done: 3,000 steps each in {s} s."),
        Lang::Zh => format!("完成：各 3,000 步，用时 {s} 秒。"),
    }
}

/// One mixture's line under its map.
pub fn stats(
    lang: Lang,
    accuracy: f32,
    working: usize,
    experts: usize,
    balance: f32,
) -> String {
    let a = format!("{:.1}%", accuracy * 100.0);
    match lang {
        Lang::En => format!(
            "{a} of test points right · {working} of {experts} experts at work · balance loss {balance:.2}"
        ),
        Lang::Zh => format!(
            "测试点答对 {a} · {experts} 个专家里 {working} 个在干活 · 均衡损失 {balance:.2}"
        ),
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(lang, "Pick the settings from the lists.", "请从列表里选择设置。")
}
