//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn progress(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("step {done} of {total}"),
        Lang::Zh => format!("第 {done} 步，共 {total} 步"),
    }
}

/// Captions of the two pictures at `frame` of `total` steps; `noise` is
/// √(1 − ᾱ) at that frame (1 pure noise, 0 clean).
pub fn captions(
    lang: Lang,
    frame: usize,
    total: usize,
    noise: f32,
    drawn: bool,
) -> [String; 2] {
    if !drawn {
        return [
            lang.pick("The noisy image appears here.", "带噪声的图像会显示在这里。")
                .into(),
            lang.pick(
                "The network's guess of the clean image.",
                "网络对干净图像的猜测。",
            )
            .into(),
        ];
    }
    if frame >= total {
        return [
            match lang {
                Lang::En => format!("After all {total} steps: the drawing."),
                Lang::Zh => format!("{total} 步之后：画好的图。"),
            },
            lang.pick("No noise is left to guess away.", "已经没有噪声可去了。").into(),
        ];
    }
    match lang {
        Lang::En => [
            format!("Before step {} of {total}: noise {noise:.2}", frame + 1),
            format!("What the network thinks it will become (step {})", frame + 1),
        ],
        Lang::Zh => [
            format!("第 {} 步之前（共 {total} 步）：噪声 {noise:.2}", frame + 1),
            format!("网络猜它最终的样子（第 {} 步）", frame + 1),
        ],
    }
}

/// What LeNet-5 read, against what was asked, and what the drawing cost.
pub fn result(
    lang: Lang,
    asked: Option<u8>,
    read: u8,
    p: f32,
    steps: usize,
    calls: usize,
    seconds: f64,
) -> String {
    let pct = (100.0 * p).round();
    let verdict = match (lang, asked) {
        (Lang::En, Some(a)) if a == read => " — the digit asked for.".to_string(),
        (Lang::En, Some(a)) => format!(" — not the {a} asked for."),
        (Lang::Zh, Some(a)) if a == read => "——正是要求的数字。".to_string(),
        (Lang::Zh, Some(a)) => format!("——不是要求的 {a}。"),
        (Lang::En, None) => ".".to_string(),
        (Lang::Zh, None) => "。".to_string(),
    };
    match lang {
        Lang::En => format!(
            "LeNet-5 reads a {read} ({pct}%){verdict} {steps} steps, {calls} network calls, {seconds:.2} s."
        ),
        Lang::Zh => format!(
            "LeNet-5 认出的是 {read}（{pct}%）{verdict}{steps} 步，调用网络 {calls} 次，用时 {seconds:.2} 秒。"
        ),
    }
}

pub fn weights_failed(lang: Lang, why: &str) -> String {
    let why = demo_kit::dom::escape(why);
    match lang {
        Lang::En => format!(
            "The weights could not be loaded: {why}. Reload the page to try again."
        ),
        Lang::Zh => format!("无法加载权重：{why}。请刷新页面重试。"),
    }
}
