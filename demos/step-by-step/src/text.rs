//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready: the same GPT twice, the same questions, graded every 100 steps on 256 it never saw.",
        "准备好了：同一个 GPT 训练两份，题目相同，每 100 步用 256 道没见过的题打分。",
    )
}

pub fn done(lang: Lang, steps: usize, seconds: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => format!("Done: {steps} steps each in {s} s."),
        Lang::Zh => format!("完成：各 {steps} 步，用时 {s} 秒。"),
    }
}

/// One model's line under the chart.
pub fn stats(lang: Lang, notes: bool, answers: f32, tokens: f32) -> String {
    let (a, k) = (format!("{:.1}%", answers * 100.0), format!("{:.1}%", tokens * 100.0));
    match (lang, notes) {
        (Lang::En, false) => format!("Answer at once: {a} of the test questions right"),
        (Lang::En, true) => {
            format!("With notes: {a} of the final answers right, {k} of all notes right")
        }
        (Lang::Zh, false) => format!("直接回答：测试题答对 {a}"),
        (Lang::Zh, true) => format!("先写笔记：最终答案对 {a}，全部笔记对 {k}"),
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(lang, "Pick the settings from the lists.", "请从列表里选择设置。")
}

pub fn bad_question(lang: Lang) -> &'static str {
    t(
        lang,
        "A question is 16 bits: type exactly sixteen 0s and 1s (spaces are fine).",
        "一道题是 16 位：请正好输入十六个 0 或 1（可以有空格）。",
    )
}

pub fn untrained(lang: Lang) -> &'static str {
    t(
        lang,
        "Train the models first; then they answer your question (and again after every grading).",
        "请先训练模型；之后它们会回答你的题（每次打分后再答一遍）。",
    )
}

pub fn truth(lang: Lang, odd: bool, ones: usize) -> String {
    match lang {
        Lang::En => format!(
            "The truth: {ones} ones, so the parity is {} ({}).",
            u8::from(odd),
            if odd { "odd" } else { "even" }
        ),
        Lang::Zh => format!(
            "正确答案：{ones} 个 1，所以奇偶位是 {}（{}）。",
            u8::from(odd),
            if odd { "奇数" } else { "偶数" }
        ),
    }
}
