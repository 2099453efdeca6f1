//! The demo's sentences in both languages.

use demo_kit::Lang;
use diffusion::Sampler;
use diffusion::knobs::Knobs;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// A sampler's short name, as in the charts' legends.
pub fn sampler(s: Sampler) -> &'static str {
    match s {
        Sampler::Ddpm => "DDPM",
        Sampler::Ddim => "DDIM",
        Sampler::Euler => "Euler",
        Sampler::EulerAncestral => "Euler a",
        Sampler::Heun => "Heun",
        Sampler::DpmPp2m => "DPM++ 2M",
    }
}

/// A setting as the results table names it.
pub fn setting(lang: Lang, k: &Knobs) -> String {
    let scale = trim(k.scale);
    match lang {
        Lang::En => format!("{}, {} steps, scale {scale}", sampler(k.sampler), k.steps),
        Lang::Zh => format!("{}，{} 步，引导 {scale}", sampler(k.sampler), k.steps),
    }
}

/// 7.5 → "7.5", 3.0 → "3".
pub fn trim(v: f32) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready. The drawing runs in a background thread; the page stays responsive.",
        "准备就绪。绘制在后台线程里进行，页面不会卡住。",
    )
}

pub fn done(lang: Lang, seconds: f32, settings: usize) -> String {
    match lang {
        Lang::En => format!("Done: {settings} settings judged in {seconds:.0} s."),
        Lang::Zh => format!("完成：{seconds:.0} 秒里评判了 {settings} 种设置。"),
    }
}

pub fn reference_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!(
            "The book's reference run (knobs.json) could not be loaded: {why}. Your own points can still be drawn once it loads; reload the page to try again."
        ),
        Lang::Zh => {
            format!("无法加载本书的参考结果（knobs.json）：{why}。重新加载页面再试一次。")
        }
    }
}

pub fn worker_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("The drawing stopped: {why}"),
        Lang::Zh => format!("绘制停止了：{why}"),
    }
}

pub fn bad_seed(lang: Lang, raw: &str) -> String {
    match lang {
        Lang::En => format!(
            "The first seed must be a whole number from 0 to 1,000,000,000, not “{raw}”"
        ),
        Lang::Zh => {
            format!("起始种子必须是 0 到 1,000,000,000 之间的整数，而不是“{raw}”")
        }
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(
        lang,
        "That choice is not on offer; pick one from the list.",
        "没有这个选项，请从列表里选。",
    )
}
