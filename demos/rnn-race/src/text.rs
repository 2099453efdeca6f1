//! The demo's words in the book's two languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// The two runners' names: attention (a GPT), recurrence (a GRU).
pub fn runner(lang: Lang, i: usize) -> &'static str {
    match (lang, i) {
        (Lang::En, 0) => "attention (GPT)",
        (Lang::En, _) => "recurrent (GRU)",
        (Lang::Zh, 0) => "注意力（GPT）",
        (Lang::Zh, _) => "循环网络（GRU）",
    }
}

pub fn progress(lang: Lang, step: usize, steps: usize, seconds: f32) -> String {
    let (s, n) = (thousands(step as u64), thousands(steps as u64));
    match lang {
        Lang::En => format!("step {s} of {n} · {seconds:.0} s"),
        Lang::Zh => format!("第 {s} / {n} 步 · {seconds:.0} 秒"),
    }
}

/// The finish: each runner's held-out loss and, for recall, the loss where a
/// whole line is in view.
pub fn result(lang: Lang, recall: bool, ends: &[(f32, f32); 2]) -> String {
    let [(a, a_late), (r, r_late)] = *ends;
    let (blind, perfect) = gpt::race::recall_bounds();
    match (lang, recall) {
        (Lang::En, false) => {
            format!("Held-out loss: attention {a:.2}, recurrent {r:.2}.")
        }
        (Lang::Zh, false) => format!("留出文本损失：注意力 {a:.2}，循环网络 {r:.2}。"),
        (Lang::En, true) => format!(
            "Held-out loss: attention {a:.2}, recurrent {r:.2}. Where a whole line is in view (positions 43–64): attention {a_late:.2}, recurrent {r_late:.2}; a model that cannot copy scores {blind:.2} there, one that copies perfectly {perfect:.2}."
        ),
        (Lang::Zh, true) => format!(
            "留出文本损失：注意力 {a:.2}，循环网络 {r:.2}。在能看到一整行的位置（第 43–64 个）：注意力 {a_late:.2}，循环网络 {r_late:.2}；不会照抄的模型在这里得 {blind:.2}，完美照抄的得 {perfect:.2}。"
        ),
    }
}
