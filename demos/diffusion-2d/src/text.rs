//! The demo's words in the book's two languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn shape(lang: Lang, name: &str) -> String {
    match (lang, name) {
        (Lang::En, "moons") => "two moons".into(),
        (Lang::Zh, "moons") => "两个月牙".into(),
        (Lang::En, "swiss-roll") => "a swiss roll (spiral)".into(),
        (Lang::Zh, "swiss-roll") => "瑞士卷（螺旋）".into(),
        (Lang::En, c) => format!("the character {c}"),
        (Lang::Zh, c) => format!("汉字“{c}”"),
    }
}

pub fn sampler(lang: Lang, name: &str) -> &'static str {
    match (lang, name) {
        (Lang::En, "ddpm") => "DDPM (adds fresh noise each step)",
        (Lang::Zh, "ddpm") => "DDPM（每步加入新噪声）",
        (Lang::En, "ddim") => "DDIM (no fresh noise)",
        (Lang::Zh, "ddim") => "DDIM（不加新噪声）",
        (Lang::En, "euler") => "Euler (the ODE, one slope a step)",
        (Lang::Zh, "euler") => "Euler（常微分方程，每步一个斜率）",
        (Lang::En, _) => "Heun (two slopes a step)",
        (Lang::Zh, _) => "Heun（每步两个斜率）",
    }
}

pub fn ready(lang: Lang, params: usize) -> String {
    let p = thousands(params as u64);
    match lang {
        Lang::En => format!("A denoiser with {p} parameters is learning the shape…"),
        Lang::Zh => format!("一个有 {p} 个参数的去噪网络正在学习这个形状……"),
    }
}

pub fn sampling(lang: Lang, done: usize, total: usize) -> String {
    let (d, n) = (thousands(done as u64), thousands(total as u64));
    match lang {
        Lang::En => format!("sampling: step {d} of {n}"),
        Lang::Zh => format!("采样中：第 {d} / {n} 步"),
    }
}

/// The line under a finished sample.
pub fn result(
    lang: Lang,
    sampler: &str,
    evaluations: usize,
    share: f32,
    noise_share: f32,
) -> String {
    let name = sampler.to_uppercase().replace("EULER", "Euler").replace("HEUN", "Heun");
    let e = thousands(evaluations as u64);
    let (s, n) = ((share * 100.0).round(), (noise_share * 100.0).round());
    match (lang, evaluations) {
        (Lang::En, 1) => format!(
            "{name}, 1 call of the network: {s}% of the samples landed on the shape (pure noise: {n}%; new points of the shape itself: 95%)."
        ),
        (Lang::En, _) => format!(
            "{name}, {e} calls of the network: {s}% of the samples landed on the shape (pure noise: {n}%; new points of the shape itself: 95%)."
        ),
        (Lang::Zh, _) => format!(
            "{name}，调用网络 {e} 次：{s}% 的样本落在形状上（纯噪声：{n}%；形状本身的新点：95%）。"
        ),
    }
}

pub fn forward_caption(lang: Lang, t: usize, alpha_bar: f32) -> String {
    let signal = alpha_bar.sqrt();
    let noise = (1.0 - alpha_bar).sqrt();
    match lang {
        Lang::En => format!("step {t} of 1,000: x = {signal:.2}·data + {noise:.2}·noise"),
        Lang::Zh => format!("第 {t} / 1,000 步：x = {signal:.2}·数据 + {noise:.2}·噪声"),
    }
}

pub fn reverse_caption(lang: Lang, step: usize, total: usize, noise: f32) -> String {
    match lang {
        Lang::En => format!("after {step} of {total} steps · noise level {noise:.2}"),
        Lang::Zh => format!("已走 {step} / {total} 步 · 噪声水平 {noise:.2}"),
    }
}

pub fn preview_caption(lang: Lang, step: usize) -> String {
    let s = thousands(step as u64);
    match lang {
        Lang::En => {
            format!("what the model draws after {s} training steps (DDIM, 20 steps)")
        }
        Lang::Zh => format!("训练 {s} 步后模型画出的点（DDIM，20 步）"),
    }
}
