//! The demo's labels in the book's two languages.

use demo_kit::Lang;

/// Label for a kernel preset id.
pub fn preset_name(lang: Lang, id: &str) -> &'static str {
    let (en, zh) = match id {
        "edge" => ("Edges (outline)", "边缘（轮廓）"),
        "vertical" => ("Vertical edges (Sobel)", "竖直边缘（Sobel）"),
        "horizontal" => ("Horizontal edges (Sobel)", "水平边缘（Sobel）"),
        "blur" => ("Blur", "模糊"),
        "sharpen" => ("Sharpen", "锐化"),
        "emboss" => ("Emboss", "浮雕"),
        "identity" => ("Identity (copy)", "恒等（原样复制）"),
        _ => ("Custom", "自定义"),
    };
    lang.pick(en, zh)
}

/// The fixed labels of the panel.
pub struct Labels {
    pub digits: &'static str,
    pub clear: &'static str,
    pub kernel: &'static str,
    pub input: &'static str,
    pub output: &'static str,
    pub pooled: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub position: &'static str,
    pub terms: &'static str,
    pub pool: &'static str,
}

/// All fixed labels for `lang`.
pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            digits: "Pick a real MNIST test digit:",
            clear: "Clear and draw your own",
            kernel: "Kernel",
            input: "Input, 28×28: draw on it",
            output: "Feature map, 26×26: click a cell",
            pooled: "After 2×2 max pooling, 13×13",
            prev: "Previous position",
            next: "Next position",
            play: "▶ Slide",
            pause: "⏸ Pause",
            position: "Window position",
            terms: "The nine multiply-adds at this position",
            pool: "Its 2×2 pooling block keeps only the largest value:",
        },
        Lang::Zh => Labels {
            digits: "选一张真实的 MNIST 测试数字：",
            clear: "清空，自己画",
            kernel: "卷积核",
            input: "输入 28×28：可以在上面画",
            output: "特征图 26×26：点击任意一格",
            pooled: "2×2 最大池化之后，13×13",
            prev: "上一个位置",
            next: "下一个位置",
            play: "▶ 滑动",
            pause: "⏸ 暂停",
            position: "窗口位置",
            terms: "这个位置上的九次乘加",
            pool: "它所在的 2×2 池化块只保留最大值：",
        },
    }
}

/// "row r, column c" with 1-based numbers, as a reader counts.
pub fn where_text(lang: Lang, row: usize, col: usize) -> String {
    match lang {
        Lang::En => format!("row {}, column {}", row + 1, col + 1),
        Lang::Zh => format!("第 {} 行，第 {} 列", row + 1, col + 1),
    }
}

/// Title of a digit thumbnail.
pub fn digit_title(lang: Lang, test_index: usize, label: u8) -> String {
    match lang {
        Lang::En => format!("MNIST test image #{test_index}, a {label}"),
        Lang::Zh => format!("MNIST 测试集第 {test_index} 张，数字 {label}"),
    }
}

/// The hint shown while the input is blank.
pub fn blank(lang: Lang) -> &'static str {
    lang.pick(
        "The canvas is blank, so every product is 0. Draw a digit with a mouse, finger or pen, or pick one above.",
        "画布是空白的，所以每个乘积都是 0。用鼠标、手指或触控笔写一个数字，或者在上面选一张。",
    )
}

/// Message for a kernel cell that is not a number.
pub fn not_a_number(lang: Lang, row: usize, col: usize, text: &str) -> String {
    match lang {
        Lang::En => format!(
            "Kernel cell at row {}, column {}: “{text}” is not a number, so it counts as 0.",
            row + 1,
            col + 1
        ),
        Lang::Zh => format!(
            "卷积核第 {} 行第 {} 列：“{text}”不是数字，按 0 计算。",
            row + 1,
            col + 1
        ),
    }
}

/// Message for a kernel cell outside the allowed range.
pub fn clamped(lang: Lang, row: usize, col: usize, text: &str, limit: f32) -> String {
    match lang {
        Lang::En => format!(
            "Kernel cell at row {}, column {}: {text} is outside −{limit}…{limit}, so it was clamped.",
            row + 1,
            col + 1
        ),
        Lang::Zh => format!(
            "卷积核第 {} 行第 {} 列：{text} 超出了 −{limit}…{limit} 的范围，已截断到边界值。",
            row + 1,
            col + 1
        ),
    }
}
