//! The demo's words in the book's two languages.

use crate::protocol::Problem;
use demo_kit::Lang;
use demo_kit::controls::thousands;
use demo_kit::dom::escape;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn size_label(lang: Lang, size: &gpt::presets::PageSize) -> String {
    let (l, d, h) = (size.layers, size.dim, size.heads);
    match lang {
        Lang::En if l == 1 => format!("1 layer, width {d}, {h} heads"),
        Lang::En => format!("{l} layers, width {d}, {h} heads"),
        Lang::Zh => format!("{l} 层，宽 {d}，{h} 个头"),
    }
}

pub fn problem(lang: Lang, p: &Problem) -> String {
    let clip = |t: &str| escape(&t.chars().take(20).collect::<String>());
    match (lang, p) {
        (Lang::En, Problem::Minutes(v)) => {
            format!("Minutes must be a number from 0.25 to 60, not “{}”.", clip(v))
        }
        (Lang::Zh, Problem::Minutes(v)) => {
            format!("分钟数必须是 0.25 到 60 之间的数，而不是“{}”。", clip(v))
        }
        (Lang::En, Problem::Lr(v)) => format!(
            "The learning rate must be a number above 0 and at most 1 (try 0.003), not “{}”.",
            clip(v)
        ),
        (Lang::Zh, Problem::Lr(v)) => format!(
            "学习率必须是大于 0、不超过 1 的数（可以试试 0.003），而不是“{}”。",
            clip(v)
        ),
        (Lang::En, Problem::Size(v)) => format!("Unknown model size “{}”.", clip(v)),
        (Lang::Zh, Problem::Size(v)) => format!("未知的模型大小“{}”。", clip(v)),
    }
}

/// What was read and what is trained: the status line after loading.
pub fn ready(lang: Lang, chars: usize, vocab: usize, params: usize) -> String {
    let (c, p) = (thousands(chars as u64), thousands(params as u64));
    match lang {
        Lang::En => format!(
            "{c} characters of text, {vocab} distinct; a model of {p} parameters. Measuring this machine's speed…"
        ),
        Lang::Zh => format!(
            "文本共 {c} 个字符，其中不同的 {vocab} 个；模型有 {p} 个参数。正在测量这台机器的速度……"
        ),
    }
}

pub fn dropped(lang: Lang, dropped: usize) -> String {
    let n = thousands(dropped as u64);
    match lang {
        Lang::En => format!(
            "{n} occurrences of rare characters (beyond the 3,000 commonest) are left out of training."
        ),
        Lang::Zh => {
            format!("生僻字符（最常见的 3,000 个以外）共出现 {n} 次，训练时略去。")
        }
    }
}

pub fn start_loss(lang: Lang, loss: f32, uniform: f32) -> String {
    match lang {
        Lang::En => format!(
            "Untrained, the model's loss on held-out text is {loss:.2}; guessing every character equally likely scores {uniform:.2}."
        ),
        Lang::Zh => format!(
            "未经训练时，模型在留出文本上的损失是 {loss:.2}；把每个字符都猜成一样可能，得分是 {uniform:.2}。"
        ),
    }
}

pub fn sample_head(lang: Lang, step: usize, validation: f32) -> String {
    let s = thousands(step as u64);
    match lang {
        Lang::En => format!("step {s} · held-out loss {validation:.2}"),
        Lang::Zh => format!("第 {s} 步 · 留出文本损失 {validation:.2}"),
    }
}

pub fn progress(lang: Lang, step: usize, steps: usize) -> String {
    let (s, n) = (thousands(step as u64), thousands(steps as u64));
    match lang {
        Lang::En => format!("step {s} of {n}"),
        Lang::Zh => format!("第 {s} / {n} 步"),
    }
}

pub fn done(lang: Lang, seconds: f32, validation: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => format!("Done in {s} s: held-out loss {validation:.2}."),
        Lang::Zh => format!("完成，用时 {s} 秒：留出文本损失 {validation:.2}。"),
    }
}

pub fn diverged(lang: Lang, step: usize) -> String {
    match lang {
        Lang::En => format!(
            "Training blew up at step {step}: the loss rose far above what guessing scores. The learning rate is too high; try 0.003."
        ),
        Lang::Zh => format!(
            "训练在第 {step} 步发散：损失远远超过了瞎猜的水平。学习率太高了，试试 0.003。"
        ),
    }
}

pub fn too_short(lang: Lang, chars: usize) -> String {
    match lang {
        Lang::En => format!(
            "The text is too short to learn from: {chars} usable characters. Paste at least a few thousand (a chapter of a book, a page of poems)."
        ),
        Lang::Zh => format!(
            "文本太短，学不到东西：只有 {chars} 个可用字符。请至少粘贴几千个字符（一章书、一页诗）。"
        ),
    }
}
