//! Labels in the book's two languages.

use crate::protocol::Problem;
use demo_kit::Lang;

pub struct Labels {
    pub batch: &'static str,
    pub lr: &'static str,
    pub optimizer: &'static str,
    pub epochs: &'static str,
    pub images: &'static str,
    pub start: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub reset: &'static str,
    pub loss: &'static str,
    pub accuracy: &'static str,
    pub epochs_axis: &'static str,
    pub train_loss: &'static str,
    pub val_acc: &'static str,
    pub idle: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            batch: "Batch size",
            lr: "Learning rate",
            optimizer: "Optimizer",
            epochs: "Epochs",
            images: "Training images",
            start: "▶ Start training",
            pause: "⏸ Pause",
            resume: "▶ Resume",
            reset: "↺ Reset",
            loss: "loss",
            accuracy: "accuracy",
            epochs_axis: "epochs",
            train_loss: "training loss",
            val_acc: "validation accuracy",
            idle: "Ready. Training runs in a background thread; the page stays responsive.",
        },
        Lang::Zh => Labels {
            batch: "批大小",
            lr: "学习率",
            optimizer: "优化器",
            epochs: "轮数",
            images: "训练图像数",
            start: "▶ 开始训练",
            pause: "⏸ 暂停",
            resume: "▶ 继续",
            reset: "↺ 重置",
            loss: "损失",
            accuracy: "准确率",
            epochs_axis: "轮",
            train_loss: "训练损失",
            val_acc: "验证准确率",
            idle: "准备就绪。训练在后台线程里进行，页面不会卡住。",
        },
    }
}

pub fn loading(lang: Lang, done: f32) -> String {
    let pct = (done * 100.0).round();
    match lang {
        Lang::En => format!("Loading 40,000 real MNIST images… {pct}%"),
        Lang::Zh => format!("正在加载 40,000 张真实的 MNIST 图像……{pct}%"),
    }
}

pub fn progress(
    lang: Lang,
    epoch: usize,
    epochs: usize,
    fraction: f32,
    speed: f32,
    eta: f32,
) -> String {
    let shown = (epoch + 1).min(epochs);
    let rest = demo_kit::controls::rate_and_eta(
        lang,
        fraction,
        speed,
        ("images", "张"),
        Some(eta),
    );
    match lang {
        Lang::En => format!("epoch {shown} of {epochs} · {rest}"),
        Lang::Zh => format!("第 {shown}/{epochs} 轮 · {rest}"),
    }
}

pub fn done(lang: Lang, test: f32, val: f32, seconds: f32) -> String {
    let (test, val, seconds) = (test * 100.0, val * 100.0, seconds.round());
    match lang {
        Lang::En => format!(
            "Accuracy on the 10,000 official MNIST test images: {test:.2}% (validation {val:.2}%), in {seconds} s."
        ),
        Lang::Zh => format!(
            "在 10,000 张 MNIST 官方测试图像上的准确率：{test:.2}%（验证集 {val:.2}%），用时 {seconds} 秒。"
        ),
    }
}

pub fn diverged(lang: Lang) -> &'static str {
    lang.pick(
        "Training stopped: the loss shot far above where it started (a random guess scores about 2.3). The learning rate is so large that every step overshoots and the weights blow up. Lower it (0.001 suits Adam, 0.01 suits SGD) and start again.",
        "训练已停止：损失远远超过了起点（随机猜大约是 2.3）。学习率太大，每一步都冲过了头，权重随之爆炸。把它调小（Adam 用 0.001、SGD 用 0.01 比较合适）再重新开始。",
    )
}

pub fn handed_over(lang: Lang) -> &'static str {
    lang.pick(
        "The “draw a digit” demo on the LeNet-5 page can now use your model.",
        "LeNet-5 一页的“写一个数字”演示现在可以换用你训练的模型了。",
    )
}

pub fn not_handed_over(lang: Lang, accuracy: f32) -> String {
    let pct = accuracy * 100.0;
    match lang {
        Lang::En => format!(
            "At {pct:.1}% this model cannot read digits, so the “draw a digit” demo keeps the model it had."
        ),
        Lang::Zh => format!(
            "这个模型只有 {pct:.1}% 的准确率，认不出数字，所以“写一个数字”演示继续用原来的模型。"
        ),
    }
}

pub fn failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("Training could not run: {why}"),
        Lang::Zh => format!("训练无法进行：{why}"),
    }
}

pub fn problem(lang: Lang, p: &Problem) -> String {
    match (lang, p) {
        (Lang::En, Problem::LearningRateNotANumber(t)) => {
            format!("The learning rate “{t}” is not a number; try 0.001.")
        }
        (Lang::Zh, Problem::LearningRateNotANumber(t)) => {
            format!("学习率“{t}”不是一个数字，试试 0.001。")
        }
        (Lang::En, Problem::LearningRateInfinite(t)) => format!(
            "The learning rate “{t}” is too large for a computer number: it counts as infinity. Try 0.001."
        ),
        (Lang::Zh, Problem::LearningRateInfinite(t)) => {
            format!("学习率“{t}”大到计算机的数表示不了，会被当成无穷大。试试 0.001。")
        }
        (Lang::En, Problem::LearningRateOutOfRange(v)) => {
            format!("The learning rate must be above 0 (and at most 1e9); {v} is not.")
        }
        (Lang::Zh, Problem::LearningRateOutOfRange(v)) => {
            format!("学习率必须大于 0（且不超过 1e9），{v} 不行。")
        }
        (Lang::En, Problem::Batch(b)) => format!("Batch size {b} is outside 1–512."),
        (Lang::Zh, Problem::Batch(b)) => format!("批大小 {b} 超出了 1–512 的范围。"),
        (Lang::En, Problem::Epochs(e)) => format!("{e} epochs is outside 1–20."),
        (Lang::Zh, Problem::Epochs(e)) => format!("{e} 轮超出了 1–20 的范围。"),
        (Lang::En, Problem::TrainImages(n)) => {
            format!("{n} training images is outside 100–25,000.")
        }
        (Lang::Zh, Problem::TrainImages(n)) => {
            format!("{n} 张训练图像超出了 100–25,000 的范围。")
        }
    }
}

pub fn worker_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("The background thread for training could not start: {why}"),
        Lang::Zh => format!("用于训练的后台线程无法启动：{why}"),
    }
}
