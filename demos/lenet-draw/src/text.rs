//! Labels in the book's two languages.

use demo_kit::Lang;

pub struct Labels {
    pub draw: &'static str,
    pub keys: &'static str,
    pub clear: &'static str,
    pub sample: &'static str,
    pub sees: &'static str,
    pub guess: &'static str,
    pub model: &'static str,
    pub shipped: &'static str,
    pub yours: &'static str,
    pub loading: &'static str,
    pub blank: &'static str,
    pub layers: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            draw: "Draw a digit (mouse, finger or pen)",
            keys: "Draw a digit. Keyboard: Space lowers or lifts the pen, arrow keys move it (Shift for small steps), Escape lifts it.",
            clear: "Clear",
            sample: "Draw a real test digit",
            sees: "What the network sees (28×28)",
            guess: "Its answer",
            model: "Model",
            shipped: "trained by the book (55,000 images)",
            yours: "the one you trained",
            loading: "Loading the trained weights…",
            blank: "Draw a digit in the box: the network answers as you draw.",
            layers: "Inside the network, layer by layer",
        },
        Lang::Zh => Labels {
            draw: "写一个数字（鼠标、手指或触控笔）",
            keys: "写一个数字。键盘：空格键落笔或抬笔，方向键移动笔（按住 Shift 走小步），Esc 抬笔。",
            clear: "清空",
            sample: "写一个真实的测试数字",
            sees: "网络看到的输入（28×28）",
            guess: "它的回答",
            model: "模型",
            shipped: "本书训练好的（55,000 张图）",
            yours: "你自己训练的",
            loading: "正在加载训练好的权重……",
            blank: "在方框里写一个数字：你一边写，网络一边回答。",
            layers: "网络内部，一层一层看",
        },
    }
}

/// Caption of one row of the "inside the network" view (rows 0–6).
pub fn layer_name(lang: Lang, row: usize) -> &'static str {
    let (en, zh) = match row {
        0 => (
            "C1 · convolution + ReLU, 6 maps of 28×28",
            "C1 · 卷积 + ReLU，6 张 28×28 特征图",
        ),
        1 => ("S2 · max pooling, 6 maps of 14×14", "S2 · 最大池化，6 张 14×14"),
        2 => (
            "C3 · convolution + ReLU, 16 maps of 10×10",
            "C3 · 卷积 + ReLU，16 张 10×10 特征图",
        ),
        3 => ("S4 · max pooling, 16 maps of 5×5", "S4 · 最大池化，16 张 5×5"),
        4 => ("C5 · dense + ReLU, 120 numbers", "C5 · 全连接 + ReLU，120 个数"),
        5 => ("F6 · dense + ReLU, 84 numbers", "F6 · 全连接 + ReLU，84 个数"),
        _ => ("output · one score per digit", "输出 · 每个数字一个分数"),
    };
    lang.pick(en, zh)
}

/// The message for a weights file that would not load.
pub fn weights_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("The trained weights could not be loaded: {why}"),
        Lang::Zh => format!("训练好的权重无法加载：{why}"),
    }
}
