//! The `{{#timeline}}` directive: every milestone the book tells, on one line.
//!
//! The events live here once, with their text in both languages and the
//! chapter that tells each one, so the English and Chinese timelines can
//! never drift apart. The directive becomes a plain ordered list (readable
//! without JavaScript); `assets/js/book.js` lays it out on a zoomable time
//! axis. A chapter that is not in the book fails the build.

use std::collections::BTreeSet;
use std::path::Path;

/// One milestone and where the book tells it.
pub struct Event {
    /// `1989`, `2016-03` or `2022-11-30`: as precise as the sources are.
    pub date: &'static str,
    /// The chapter that tells it, relative to the book's `src/<lang>`.
    pub chapter: &'static str,
    pub en: (&'static str, &'static str),
    pub zh: (&'static str, &'static str),
}

/// Every milestone, oldest first. Dates per `shared/FACTS.md`'s timeline.
pub const EVENTS: &[Event] = &[
    Event {
        date: "1972",
        chapter: "scaling/laws.md",
        en: (
            "More is different",
            "Philip Anderson: at every new scale, new behaviour appears",
        ),
        zh: ("多者异也", "Philip Anderson：规模每上一层，就出现新的行为"),
    },
    Event {
        date: "1989",
        chapter: "cnn/convolution.md",
        en: (
            "A network reads zip codes",
            "LeCun and colleagues train a convolutional network by backpropagation",
        ),
        zh: ("网络读出邮政编码", "LeCun 等人用反向传播训练卷积网络"),
    },
    Event {
        date: "1997-05",
        chapter: "games/search.md",
        en: (
            "Deep Blue beats Kasparov",
            "hand-written chess knowledge plus enormous search",
        ),
        zh: ("深蓝战胜卡斯帕罗夫", "人写的国际象棋知识加上巨量的搜索"),
    },
    Event {
        date: "1998",
        chapter: "cnn/lenet5.md",
        en: (
            "LeNet-5",
            "a convolutional network reads handwritten digits; 0.95% test error on MNIST",
        ),
        zh: ("LeNet-5", "卷积网络读手写数字，在 MNIST 上测试错误率 0.95%"),
    },
    Event {
        date: "2012-06",
        chapter: "deep/cat-neuron.md",
        en: (
            "The cat neuron",
            "16,000 CPU cores, 10 million unlabelled YouTube frames: units for faces and cats",
        ),
        zh: (
            "猫神经元",
            "16,000 个 CPU 核、1,000 万帧无标注的 YouTube 画面：出现了对人脸和猫脸有反应的单元",
        ),
    },
    Event {
        date: "2012-10",
        chapter: "cnn/gpus.md",
        en: (
            "AlexNet",
            "two gaming GPUs; 15.3% top-5 error on ImageNet against 26.2% for the runner-up",
        ),
        zh: ("AlexNet", "两块游戏显卡；ImageNet 前五错误率 15.3%，第二名是 26.2%"),
    },
    Event {
        date: "2013-01",
        chapter: "word2vec/vectors.md",
        en: ("word2vec", "words become vectors: king − man + woman ≈ queen"),
        zh: ("word2vec", "词变成向量：国王 − 男人 + 女人 ≈ 女王"),
    },
    Event {
        date: "2015",
        chapter: "chips/tpu.md",
        en: (
            "The TPU serves Google",
            "a chip that only multiplies matrices, in 8-bit integers",
        ),
        zh: ("TPU 投入使用", "一块只会乘矩阵的芯片，用 8 位整数"),
    },
    Event {
        date: "2015-03",
        chapter: "useful/distillation.md",
        en: (
            "Distillation",
            "Hinton, Vinyals and Dean: a big network's soft answers teach a small one",
        ),
        zh: ("蒸馏", "Hinton、Vinyals 和 Dean：大网络的软答案教会小网络"),
    },
    Event {
        date: "2015-12",
        chapter: "deep/resnet.md",
        en: ("ResNet", "152 layers with shortcuts; 3.57% top-5 error on ImageNet"),
        zh: ("ResNet", "152 层加上捷径；ImageNet 前五错误率 3.57%"),
    },
    Event {
        date: "2016-03",
        chapter: "games/search.md",
        en: ("AlphaGo beats Lee Sedol", "4–1: learned judgement steering a tree search"),
        zh: ("AlphaGo 战胜李世石", "4 比 1：学出来的判断引导树搜索"),
    },
    Event {
        date: "2017-01",
        chapter: "useful/experts.md",
        en: (
            "Sparse mixture of experts",
            "Shazeer et al.: many experts, a router, a few at work per token",
        ),
        zh: ("稀疏专家混合", "Shazeer 等人：很多专家、一个路由器，每个词元只用几个"),
    },
    Event {
        date: "2017-06",
        chapter: "transformer/gpt.md",
        en: (
            "Attention is all you need",
            "the Transformer: 28.4 BLEU English–German, 3.5 days on 8 GPUs",
        ),
        zh: (
            "Attention Is All You Need",
            "Transformer：英德翻译 28.4 BLEU，8 块 GPU 训练 3.5 天",
        ),
    },
    Event {
        date: "2017-10",
        chapter: "games/intuition.md",
        en: (
            "AlphaGo Zero",
            "Go from self-play alone; 100–0 against the version that beat Lee Sedol",
        ),
        zh: ("AlphaGo Zero", "只靠自我对弈学会围棋；100 比 0 战胜赢了李世石的版本"),
    },
    Event {
        date: "2018",
        chapter: "transformer/gpt.md",
        en: ("GPT and BERT", "pre-train a Transformer on plain text, then adapt it"),
        zh: ("GPT 和 BERT", "先在普通文本上预训练 Transformer，再拿去适配任务"),
    },
    Event {
        date: "2019-03",
        chapter: "scaling/laws.md",
        en: (
            "The bitter lesson",
            "Sutton: methods that scale with computation win in the end",
        ),
        zh: ("苦涩的教训", "Sutton：能随算力扩展的方法最终会赢"),
    },
    Event {
        date: "2020-01",
        chapter: "scaling/laws.md",
        en: (
            "Scaling laws",
            "Kaplan et al.: loss falls as a power law in size, data and compute",
        ),
        zh: ("缩放定律", "Kaplan 等人：损失随规模、数据和算力按幂律下降"),
    },
    Event {
        date: "2020-05",
        chapter: "transformer/gpt.md",
        en: (
            "GPT-3",
            "175 billion parameters; new tasks from a few examples in the prompt",
        ),
        zh: ("GPT-3", "1,750 亿参数；提示里给几个例子就能做新任务"),
    },
    Event {
        date: "2020-06",
        chapter: "diffusion/noise.md",
        en: (
            "Diffusion models (DDPM)",
            "pictures made by removing noise, 1,000 small steps",
        ),
        zh: ("扩散模型（DDPM）", "一步步去掉噪声来生成图像，共 1,000 小步"),
    },
    Event {
        date: "2021-01",
        chapter: "useful/experts.md",
        en: (
            "Switch Transformer",
            "one expert per token, and a loss that keeps the load even",
        ),
        zh: ("Switch Transformer", "每个词元一个专家，再加一项让负载均匀的损失"),
    },
    Event {
        date: "2022-01",
        chapter: "useful/step-by-step.md",
        en: (
            "Chain of thought",
            "Wei et al.: a model that writes its steps solves more school maths",
        ),
        zh: ("思维链", "Wei 等人：写出步骤的模型能解出更多小学数学题"),
    },
    Event {
        date: "2022-03",
        chapter: "scaling/chinchilla.md",
        en: ("Chinchilla", "for a fixed budget, about 20 training tokens per parameter"),
        zh: ("Chinchilla", "预算固定时，每个参数大约配 20 个训练词元"),
    },
    Event {
        date: "2022-08",
        chapter: "diffusion/noise.md",
        en: (
            "Stable Diffusion",
            "diffusion in a compressed latent, steered by a text encoder, released openly",
        ),
        zh: ("Stable Diffusion", "在压缩后的潜空间里扩散，由文本编码器引导，公开发布"),
    },
    Event {
        date: "2022-11-30",
        chapter: "useful/chatgpt.md",
        en: ("ChatGPT", "a GPT tuned on instructions and human preferences"),
        zh: ("ChatGPT", "一个按指令和人的偏好微调过的 GPT"),
    },
    Event {
        date: "2023-09",
        chapter: "useful/chatgpt.md",
        en: (
            "Open models: Mistral 7B",
            "weights anyone may download; Zephyr-7B tunes it a month later",
        ),
        zh: (
            "开放模型：Mistral 7B",
            "任何人都能下载的权重；一个月后 Zephyr-7B 在它上面微调",
        ),
    },
    Event {
        date: "2024-02",
        chapter: "diffusion/noise.md",
        en: ("Sora", "a diffusion Transformer on patches of video"),
        zh: ("Sora", "在视频块上做扩散的 Transformer"),
    },
    Event {
        date: "2024-07",
        chapter: "useful/step-by-step.md",
        en: (
            "Olympiad silver",
            "AlphaProof and AlphaGeometry 2: 4 of 6 IMO problems, 28 of 42 points",
        ),
        zh: (
            "奥赛银牌水平",
            "AlphaProof 和 AlphaGeometry 2：IMO 六题解出四题，42 分得 28 分",
        ),
    },
    Event {
        date: "2025-07",
        chapter: "useful/step-by-step.md",
        en: ("Olympiad gold", "Gemini Deep Think: 5 of 6 IMO problems, 35 of 42 points"),
        zh: ("奥赛金牌水平", "Gemini Deep Think：IMO 六题解出五题，42 分得 35 分"),
    },
];

/// The book's parts, by source folder, as the legend names them.
const PARTS: &[(&str, &str, &str)] = &[
    ("cnn", "Machines learn to see", "机器学会看"),
    ("deep", "Deep learning takes off", "深度学习起飞"),
    ("word2vec", "Words become vectors", "词变成向量"),
    ("games", "Games", "棋类"),
    ("transformer", "Attention", "注意力"),
    ("scaling", "Scale", "规模"),
    ("diffusion", "Pictures from noise", "从噪声到图像"),
    ("chips", "Chips", "芯片"),
    ("useful", "Models made useful", "让模型有用"),
];

const DIRECTIVE: &str = "{{#timeline}}";

/// The year as a number (`2016-03` → 2016.17), for placing an event on the axis.
pub fn year_of(date: &str) -> f64 {
    let mut parts = date.split('-').map(|p| p.parse::<f64>().unwrap_or(1.0));
    let year = parts.next().unwrap_or(0.0);
    let month = parts.next().unwrap_or(1.0);
    let day = parts.next().unwrap_or(1.0);
    year + (month - 1.0) / 12.0 + (day - 1.0) / 365.0
}

/// `2022-11-30` → "30 Nov 2022" / "2022 年 11 月 30 日".
fn shown_date(date: &str, zh: bool) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec",
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let month = |m: &str| m.parse::<usize>().unwrap_or(1);
    match (zh, parts.as_slice()) {
        (true, [y]) => format!("{y} 年"),
        (true, [y, m]) => format!("{y} 年 {} 月", month(m)),
        (true, [y, m, d]) => {
            format!("{y} 年 {} 月 {} 日", month(m), d.trim_start_matches('0'))
        }
        (false, [y, m]) => format!("{} {y}", MONTHS[month(m) - 1]),
        (false, [y, m, d]) => {
            format!("{} {} {y}", d.trim_start_matches('0'), MONTHS[month(m) - 1])
        }
        _ => date.to_string(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The link from `page` (e.g. `timeline.md`) to `chapter`, as the built site has it.
fn href(page: &Path, chapter: &str) -> String {
    format!("{}{}.html", crate::to_root(page), chapter.trim_end_matches(".md"))
}

/// The timeline's HTML for a page in `lang`. Every event's chapter must be
/// one of `chapters` (source paths such as `cnn/lenet5.md`).
pub fn html(
    lang: &str,
    page: &Path,
    chapters: &BTreeSet<String>,
) -> Result<String, String> {
    let zh = lang.starts_with("zh");
    let mut items = String::new();
    for e in EVENTS {
        if !chapters.contains(e.chapter) {
            return Err(format!(
                "timeline event `{}` links to `{}`, which is not in the book",
                e.en.0, e.chapter
            ));
        }
        let (title, note) = if zh { e.zh } else { e.en };
        let part = e.chapter.split('/').next().unwrap_or("");
        if !PARTS.iter().any(|p| p.0 == part) {
            return Err(format!(
                "timeline event `{}`: the legend has no part `{part}`",
                e.en.0
            ));
        }
        items.push_str(&format!(
            "<li class=\"timeline-event timeline-{part}\" data-year=\"{:.3}\"><time datetime=\"{}\">{}</time>\
             <a href=\"{}\">{}</a><span class=\"timeline-note\">{}</span></li>\n",
            year_of(e.date),
            e.date,
            shown_date(e.date, zh),
            href(page, e.chapter),
            escape(title),
            escape(note)
        ));
    }
    let mut legend = String::new();
    for (part, en, zh_name) in PARTS {
        if EVENTS.iter().any(|e| e.chapter.starts_with(&format!("{part}/"))) {
            let name = if zh { zh_name } else { en };
            legend.push_str(&format!("<li class=\"timeline-{part}\">{name}</li>"));
        }
    }
    let (label, help) = if zh {
        ("本书的时间线", "按 + 和 − 缩放，0 看全貌，方向键在事件之间移动")
    } else {
        (
            "The book's timeline",
            "+ and − zoom, 0 shows it all, arrow keys move between events",
        )
    };
    Ok(format!(
        "<figure class=\"timeline\" aria-label=\"{label}\">\n\
         <p class=\"timeline-help\">{help}</p>\n\
         <ul class=\"timeline-legend\">{legend}</ul>\n\
         <ol class=\"timeline-events\">\n{items}</ol>\n</figure>"
    ))
}

/// Replaces each `{{#timeline}}` in a chapter (at `page`) with the timeline.
pub fn expand(
    content: &str,
    lang: &str,
    page: &Path,
    chapters: &BTreeSet<String>,
) -> Result<String, String> {
    if !content.contains(DIRECTIVE) {
        return Ok(content.to_string());
    }
    Ok(content.replace(DIRECTIVE, &html(lang, page, chapters)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_chapters() -> BTreeSet<String> {
        EVENTS.iter().map(|e| e.chapter.to_string()).collect()
    }

    #[test]
    fn events_are_in_order_and_told_in_both_languages() {
        for pair in EVENTS.windows(2) {
            assert!(
                year_of(pair[0].date) <= year_of(pair[1].date),
                "{} after {}",
                pair[0].date,
                pair[1].date
            );
        }
        for e in EVENTS {
            assert!(
                !e.en.0.is_empty()
                    && !e.en.1.is_empty()
                    && !e.zh.0.is_empty()
                    && !e.zh.1.is_empty()
            );
            assert!(
                e.zh.1.chars().any(crate::cjk::is_cjk),
                "{} has no Chinese note",
                e.date
            );
        }
        assert_eq!(EVENTS.first().unwrap().date, "1972");
        assert_eq!(EVENTS.last().unwrap().date, "2025-07");
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        assert_eq!(shown_date("2022-11-30", false), "30 Nov 2022");
        assert_eq!(shown_date("2022-11-30", true), "2022 年 11 月 30 日");
        assert_eq!(shown_date("2016-03", true), "2016 年 3 月");
        assert_eq!(shown_date("1998", false), "1998");
        assert!((year_of("2016-07") - 2016.5).abs() < 1e-9);
    }

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(href(Path::new("timeline.md"), "cnn/lenet5.md"), "cnn/lenet5.html");
        assert_eq!(href(Path::new("useful/x.md"), "cnn/lenet5.md"), "../cnn/lenet5.html");
    }

    #[test]
    fn renders_a_list_in_the_page_language() {
        let out = expand(
            "# T\n\n{{#timeline}}\n",
            "zh-CN",
            Path::new("timeline.md"),
            &all_chapters(),
        )
        .unwrap();
        assert!(out.starts_with("# T\n\n<figure class=\"timeline\""));
        assert_eq!(out.matches("<li class=\"timeline-event").count(), EVENTS.len());
        assert!(out.contains("<time datetime=\"2022-11-30\">2022 年 11 月 30 日</time><a href=\"useful/chatgpt.html\">ChatGPT</a>"));
        assert!(out.contains("timeline-cnn") && out.contains("多者异也"));
        let en = expand("{{#timeline}}", "en", Path::new("timeline.md"), &all_chapters())
            .unwrap();
        assert!(en.contains(">LeNet-5</a>") && en.contains("arrow keys"));
        assert!(
            en.contains("<li class=\"timeline-chips\">Chips</li>")
                && out.contains(">芯片</li>")
        );
    }

    #[test]
    fn a_chapter_missing_from_the_book_fails_the_build() {
        let mut chapters = all_chapters();
        chapters.remove("deep/resnet.md");
        let err = expand("{{#timeline}}", "en", Path::new("timeline.md"), &chapters)
            .unwrap_err();
        assert!(err.contains("ResNet") && err.contains("deep/resnet.md"), "{err}");
        assert_eq!(
            expand("no directive", "en", Path::new("a.md"), &BTreeSet::new()).unwrap(),
            "no directive"
        );
    }
}
