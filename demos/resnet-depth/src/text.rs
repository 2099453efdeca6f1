//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// "plain, 20 layers" / "普通网络，20 层".
pub fn name(lang: Lang, residual: bool, layers: usize) -> String {
    match (lang, residual) {
        (Lang::En, false) => format!("plain, {layers} layers"),
        (Lang::En, true) => format!("residual, {layers} layers"),
        (Lang::Zh, false) => format!("普通网络，{layers} 层"),
        (Lang::Zh, true) => format!("残差网络，{layers} 层"),
    }
}

/// The outcome: each network's training error after `step` steps.
pub fn result(lang: Lang, step: usize, depths: (usize, usize), errors: &[f32]) -> String {
    let pct =
        |i: usize| format!("{:.1}%", errors.get(i).copied().unwrap_or(f32::NAN) * 100.0);
    let (a, b) = depths;
    let steps = demo_kit::controls::thousands(step as u64);
    match lang {
        Lang::En => format!(
            "Training error after {steps} steps: plain {a} layers {}, plain {b} layers {}; residual {a} layers {}, residual {b} layers {}.",
            pct(0),
            pct(1),
            pct(2),
            pct(3)
        ),
        Lang::Zh => format!(
            "训练 {steps} 步后的训练误差：普通网络 {a} 层 {}，{b} 层 {}；残差网络 {a} 层 {}，{b} 层 {}。",
            pct(0),
            pct(1),
            pct(2),
            pct(3)
        ),
    }
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready. Training runs in a background thread; the page stays responsive.",
        "准备就绪。训练在后台线程里进行，页面不会卡住。",
    )
}

pub fn loading(lang: Lang, done: f32) -> String {
    let pct = (done * 100.0).round();
    match lang {
        Lang::En => format!("Loading 30,000 training digits… {pct}%"),
        Lang::Zh => format!("正在加载 30,000 个训练数字…… {pct}%"),
    }
}

pub fn done(lang: Lang, seconds: f32) -> String {
    match lang {
        Lang::En => format!("Done in {seconds:.0} s."),
        Lang::Zh => format!("用时 {seconds:.0} 秒，完成。"),
    }
}

pub fn failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("Training stopped: {why}"),
        Lang::Zh => format!("训练停止了：{why}"),
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(
        lang,
        "That choice is not on offer; pick one from the list.",
        "没有这个选项，请从列表里选。",
    )
}
