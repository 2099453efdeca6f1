//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
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
        Lang::En => format!("Loading 40,000 digits… {pct}%"),
        Lang::Zh => format!("正在加载 40,000 个数字…… {pct}%"),
    }
}

pub fn trained(lang: Lang, seconds: f32) -> String {
    match lang {
        Lang::En => format!("Trained in {seconds:.0} s, without a single label."),
        Lang::Zh => format!("用 {seconds:.0} 秒训练完成，一个标签也没用。"),
    }
}

pub fn failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("Training stopped: {why}"),
        Lang::Zh => format!("训练停止了：{why}"),
    }
}

/// The rows of the results table: what answers "is this a `digit`?".
pub fn rows(lang: Lang, digit: u8, unit: usize) -> [String; 6] {
    match lang {
        Lang::En => [
            format!("unit {unit} of the network trained without labels"),
            "the best unit of the same network, weights left random".into(),
            "the best single pixel".into(),
            format!("always “not a {digit}” (chance)"),
            "a classifier trained with labels (logistic regression)".into(),
            "Le et al. 2012: the best face unit, on faces".into(),
        ],
        Lang::Zh => [
            format!("未用标签训练的网络中的第 {unit} 号单元"),
            "同一个网络、权重保持随机时最好的单元".into(),
            "最好的单个像素".into(),
            format!("永远回答“不是 {digit}”（碰运气）"),
            "用标签训练的分类器（逻辑回归）".into(),
            "Le 等人 2012：最好的人脸单元，对人脸".into(),
        ],
    }
}

pub fn caption(lang: Lang, digit: u8, hits: usize) -> String {
    match lang {
        Lang::En => format!(
            "The 16 test images the unit answers most strongly ({hits} of them are {digit}s), and the image that excites it most: its weights."
        ),
        Lang::Zh => format!(
            "这个单元反应最强的 16 张测试图片（其中 {hits} 张是 {digit}），以及最能激发它的图像：它的权重。"
        ),
    }
}
