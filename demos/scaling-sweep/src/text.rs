//! The demo's words in the book's two languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;
use scaling::fit::{PowerLaw, WithFloor};
use scaling::sweep::Shape;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// "2 layers × 48 wide".
pub fn shape(lang: Lang, s: &Shape) -> String {
    match lang {
        Lang::En => format!("{} layers × {} wide", s.layers, s.dim),
        Lang::Zh => format!("{} 层 × {} 宽", s.layers, s.dim),
    }
}

/// A model's size, outside the embeddings (what the chart counts by default).
pub fn params(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{} parameters outside the embeddings", thousands(n as u64)),
        Lang::Zh => format!("嵌入层以外 {} 个参数", thousands(n as u64)),
    }
}

pub fn budget(lang: Lang, chars: usize) -> String {
    let n = thousands(chars as u64);
    match lang {
        Lang::En => format!("{n} characters each"),
        Lang::Zh => format!("每个模型 {n} 个字符"),
    }
}

pub fn progress(lang: Lang, step: usize, steps: usize, seconds: f32) -> String {
    let (s, n) = (thousands(step as u64), thousands(steps as u64));
    match lang {
        Lang::En => format!("step {s} of {n} · {seconds:.0} s"),
        Lang::Zh => format!("第 {s} / {n} 步 · {seconds:.0} 秒"),
    }
}

pub fn finished(lang: Lang, loss: f32, seconds: f32) -> String {
    match lang {
        Lang::En => format!("held-out loss {loss:.3} · {seconds:.0} s"),
        Lang::Zh => format!("留出文本损失 {loss:.3} · {seconds:.0} 秒"),
    }
}

/// What the fits say, and from how many of the models.
pub fn result(
    lang: Lang,
    done: usize,
    total: usize,
    counting_all: bool,
    plain: Option<PowerLaw>,
    floor: Option<WithFloor>,
) -> String {
    let Some(p) = plain else {
        return match lang {
            Lang::En => {
                format!("{done} of {total} models finished: a fit needs two sizes.")
            }
            Lang::Zh => {
                format!("{total} 个模型中完成了 {done} 个：拟合至少需要两种大小。")
            }
        };
    };
    let which = match (lang, counting_all) {
        (Lang::En, false) => "parameters outside the embeddings",
        (Lang::En, true) => "all parameters",
        (Lang::Zh, false) => "嵌入层以外的参数",
        (Lang::Zh, true) => "全部参数",
    };
    let so_far = match (lang, done < total) {
        (Lang::En, true) => format!(" (so far: {done} of {total} models)"),
        (Lang::Zh, true) => format!("（目前：{total} 个模型中的 {done} 个）"),
        _ => String::new(),
    };
    let floor = match (lang, floor) {
        (Lang::En, Some(f)) => format!(
            " With a floor, L = E + A/N^α: E = {:.2}, α = {:.2}.",
            f.floor, f.alpha
        ),
        (Lang::Zh, Some(f)) => {
            format!("加上下限 L = E + A/N^α：E = {:.2}，α = {:.2}。", f.floor, f.alpha)
        }
        _ => String::new(),
    };
    match lang {
        Lang::En => format!(
            "Counting {which}{so_far}: L = (N_c/N)^α with α = {:.3} (Kaplan et al. 2020: 0.076, over seven decades of size).{floor}",
            p.alpha
        ),
        Lang::Zh => format!(
            "按{which}计{so_far}：L = (N_c/N)^α，α = {:.3}（Kaplan 等人 2020 年：0.076，跨越七个数量级）。{floor}",
            p.alpha
        ),
    }
}
