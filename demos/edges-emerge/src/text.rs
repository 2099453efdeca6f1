//! The demo's sentences in both languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;

pub fn ready(lang: Lang) -> &'static str {
    lang.pick(
        "Ready. Learning runs in a background thread; the page stays responsive.",
        "准备就绪。学习在后台线程里进行，页面不会卡住。",
    )
}

pub fn loading(lang: Lang, done: f32) -> String {
    let pct = (done * 100.0).round();
    match lang {
        Lang::En => format!("Loading the photos… {pct}%"),
        Lang::Zh => format!("正在加载照片…… {pct}%"),
    }
}

/// "52 of 64 filters are edges after 600 batches (60,000 patches)."
pub fn count(lang: Lang, edges: usize, atoms: usize, batch: usize, per: usize) -> String {
    let patches = thousands((batch * per) as u64);
    match lang {
        Lang::En => format!(
            "{edges} of {atoms} filters are edges after {batch} batches ({patches} patches)."
        ),
        Lang::Zh => {
            format!(
                "学了 {batch} 批（{patches} 个小块）之后，{atoms} 个滤波器中有 {edges} 个是边缘。"
            )
        }
    }
}

pub fn done(lang: Lang, seconds: f32, edges: usize, atoms: usize) -> String {
    match lang {
        Lang::En => format!(
            "Learnt in {seconds:.0} s, without a label: {edges} of {atoms} filters are edges."
        ),
        Lang::Zh => {
            format!(
                "用 {seconds:.0} 秒学完，一个标签也没用：{atoms} 个滤波器中有 {edges} 个是边缘。"
            )
        }
    }
}

pub fn failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("Learning stopped: {why}"),
        Lang::Zh => format!("学习停止了：{why}"),
    }
}

pub fn pca_caption(lang: Lang, edges: usize, atoms: usize) -> String {
    match lang {
        Lang::En => format!(
            "The 16 strongest principal components of the same patches, what decorrelation alone finds: stripes that fill the patch. {edges} of the first {atoms} count as edges."
        ),
        Lang::Zh => format!(
            "同一批小块最强的 16 个主成分，也就是只做去相关能找到的东西：铺满整个小块的条纹。前 {atoms} 个里只有 {edges} 个算边缘。"
        ),
    }
}

/// What a screen reader hears for the filter grid.
pub fn filters_label(lang: Lang, edges: usize, atoms: usize, size: usize) -> String {
    match lang {
        Lang::En => format!(
            "The {atoms} learnt filters, {size} by {size} pixels each, grey for zero, white and black for positive and negative weights; {edges} are oriented edges."
        ),
        Lang::Zh => format!(
            "学到的 {atoms} 个滤波器，每个 {size}×{size} 像素，灰色为零，白色和黑色为正负权重；其中 {edges} 个是有方向的边缘。"
        ),
    }
}
