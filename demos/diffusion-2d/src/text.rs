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

/// The two parts of a shape a prompt can ask for (`diffusion::shapes::parts`).
pub fn parts(lang: Lang, shape: &str) -> [&'static str; 2] {
    match (lang, shape == "moons") {
        (Lang::En, true) => ["the upper moon", "the lower moon"],
        (Lang::Zh, true) => ["上面的月牙", "下面的月牙"],
        (Lang::En, false) => ["the left half", "the right half"],
        (Lang::Zh, false) => ["左半边", "右半边"],
    }
}

pub fn sampler(lang: Lang, name: &str) -> &'static str {
    diffusion::Sampler::from_name(name).map_or("", |s| s.label(lang == Lang::Zh))
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

/// The line under a finished sample; `prompted` is the part asked for, the
/// guidance scale and the share of on-shape samples in that part.
pub fn result(
    lang: Lang,
    sampler: &str,
    evaluations: usize,
    share: f32,
    noise_share: f32,
    prompted: Option<(&str, f32, f32)>,
) -> String {
    let name = sampler.to_uppercase().replace("EULER", "Euler").replace("HEUN", "Heun");
    let e = thousands(evaluations as u64);
    let (s, n) = ((share * 100.0).round(), (noise_share * 100.0).round());
    let calls = match (lang, evaluations) {
        (Lang::En, 1) => "1 call of the network".to_string(),
        (Lang::En, _) => format!("{e} calls of the network"),
        (Lang::Zh, _) => format!("调用网络 {e} 次"),
    };
    let main = match lang {
        Lang::En => format!(
            "{name}, {calls}: {s}% of the samples landed on the shape (pure noise: {n}%; new points of the shape itself: 95%)."
        ),
        Lang::Zh => format!(
            "{name}，{calls}：{s}% 的样本落在形状上（纯噪声：{n}%；形状本身的新点：95%）。"
        ),
    };
    match (lang, prompted) {
        (_, None) => main,
        (Lang::En, Some((part, scale, _))) if share == 0.0 => {
            format!(
                "{main} Prompt “{part}”, guidance scale {scale}: none is on the shape."
            )
        }
        (Lang::Zh, Some((part, scale, _))) if share == 0.0 => {
            format!("{main}提示“{part}”，引导强度 {scale}：没有样本落在形状上。")
        }
        (Lang::En, Some((part, scale, inside))) => format!(
            "{main} Prompt “{part}”, guidance scale {scale}: {}% of those on the shape are in it.",
            (inside * 100.0).round()
        ),
        (Lang::Zh, Some((part, scale, inside))) => format!(
            "{main}提示“{part}”，引导强度 {scale}：落在形状上的样本中 {}% 在这一部分。",
            (inside * 100.0).round()
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
