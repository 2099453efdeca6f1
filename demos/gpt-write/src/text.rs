//! Labels in the book's two languages.

use demo_kit::Lang;

pub struct Labels {
    pub model: &'static str,
    pub shakespeare: &'static str,
    pub tang: &'static str,
    pub prompt: &'static str,
    pub temperature: &'static str,
    pub top_k: &'static str,
    pub top_p: &'static str,
    pub length: &'static str,
    pub seed: &'static str,
    pub form: &'static str,
    pub heads: &'static str,
    pub write: &'static str,
    pub step: &'static str,
    pub stop: &'static str,
    pub famous: &'static str,
    pub written: &'static str,
    pub next: &'static str,
    pub attention: &'static str,
    pub layer: &'static str,
    pub head: &'static str,
    pub all_heads: &'static str,
    pub loading: &'static str,
    pub hint: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            model: "Model",
            shakespeare: "Shakespeare (7 plays)",
            tang: "Tang poems (Chinese)",
            prompt: "Start from",
            temperature: "Temperature",
            top_k: "Top-k (0 = all)",
            top_p: "Top-p",
            length: "Characters",
            seed: "Seed",
            form: "Form",
            heads: "Acrostic: first characters",
            write: "Write",
            step: "One character",
            stop: "Stop",
            famous: "A first line from the 300 Tang Poems",
            written: "The text: choose a character with ← and → to see its attention",
            next: "What it thinks comes next",
            attention: "Attention: click or use ←/→ in the text to choose a character",
            layer: "Layer",
            head: "Head",
            all_heads: "mean of heads",
            loading: "Loading the trained model…",
            hint: "Press Write, or One character to watch each choice.",
        },
        Lang::Zh => Labels {
            model: "模型",
            shakespeare: "莎士比亚（7 部剧）",
            tang: "唐诗",
            prompt: "开头",
            temperature: "温度",
            top_k: "Top-k（0 = 不限）",
            top_p: "Top-p",
            length: "字数",
            seed: "随机种子",
            form: "体裁",
            heads: "藏头：每句第一个字",
            write: "写",
            step: "写一个字",
            stop: "停",
            famous: "用《唐诗三百首》里的一句开头",
            written: "写出的文字：用 ← 和 → 选一个字，看它的注意力",
            next: "它认为下一个字是什么",
            attention: "注意力：在文字上点击，或用 ←/→ 选一个字",
            layer: "层",
            head: "头",
            all_heads: "各头平均",
            loading: "正在载入训练好的模型…",
            hint: "按“写”，或按“写一个字”看它每一步怎么选。",
        },
    }
}

/// Forms offered for Tang verse: (value, English, Chinese).
pub const FORMS: [(&str, &str, &str); 5] = [
    ("free", "free text", "自由续写"),
    ("5x4", "5 × 4 (quatrain)", "五言绝句"),
    ("7x4", "7 × 4 (quatrain)", "七言绝句"),
    ("5x8", "5 × 8 (regulated)", "五言律诗"),
    ("7x8", "7 × 8 (regulated)", "七言律诗"),
];

pub fn unknown_chars(lang: Lang, chars: &[char]) -> String {
    let list: String = chars.iter().take(12).map(|c| format!("“{c}”")).collect();
    match lang {
        Lang::En => format!(
            "The model never saw {list} in training, so it has no vector for them: they are left out."
        ),
        Lang::Zh => format!("模型训练时没见过 {list}，没有它们的向量，所以略去。"),
    }
}

pub fn empty_prompt(lang: Lang) -> &'static str {
    lang.pick(
        "No known characters to start from: the model starts from a line break.",
        "开头里没有模型认识的字：从换行开始写。",
    )
}

pub fn bad_number(lang: Lang, what: &str, range: &str) -> String {
    match lang {
        Lang::En => format!("{what} must be a number in {range}."),
        Lang::Zh => format!("{what}应是 {range} 之间的数。"),
    }
}

pub fn form_conflict(lang: Lang, c: char, want: char) -> String {
    match lang {
        Lang::En => {
            format!("The start does not fit the form: “{c}” where “{want}” belongs.")
        }
        Lang::Zh => format!("开头与体裁不合：“{c}”的位置应是“{want}”。"),
    }
}

pub fn poem_done(lang: Lang) -> &'static str {
    lang.pick("The poem is complete.", "这首诗写完了。")
}

pub fn weights_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("The trained model could not be loaded: {why}"),
        Lang::Zh => format!("训练好的模型载入失败：{why}"),
    }
}

/// How the attention line describes a chosen character.
pub fn attends(lang: Lang, c: &str, top: &[(String, f32)]) -> String {
    let list: Vec<String> =
        top.iter().map(|(s, w)| format!("“{s}” {:.0}%", w * 100.0)).collect();
    match lang {
        Lang::En => format!("“{c}” looks most at: {}", list.join(", ")),
        Lang::Zh => format!("“{c}”最看重：{}", list.join("，")),
    }
}

/// A character as shown in bars and lists (line breaks and spaces made visible).
pub fn visible(c: char) -> String {
    match c {
        '\n' => "⏎".into(),
        ' ' => "␣".into(),
        c => c.to_string(),
    }
}
