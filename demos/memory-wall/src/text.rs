//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// Each kernel of `roofline::kernels::NAMES`, said for the reader.
pub fn kernel(lang: Lang, name: &str) -> &'static str {
    match name {
        "dense-1" => t(
            lang,
            "dense layer 4,096 → 4,096, one input",
            "全连接层 4,096 → 4,096，一个输入",
        ),
        "dense-256" => {
            t(lang, "dense layer 512 → 512, 256 inputs", "全连接层 512 → 512，256 个输入")
        }
        "lenet-1" => t(lang, "LeNet-5, one digit", "LeNet-5，一张数字"),
        "lenet-64" => t(lang, "LeNet-5, 64 digits", "LeNet-5，64 张数字"),
        "gpt-token" => t(lang, "the GPT writes one character", "GPT 写一个字符"),
        "unet-step" => {
            t(lang, "the digit U-Net, one guided step", "数字 U-Net，一步带引导的去噪")
        }
        _ => "?",
    }
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready: a second or two on one core of this machine.",
        "准备好了：在这台机器的一个核心上只要一两秒。",
    )
}

pub fn measuring(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Measuring: {done} of {total} done."),
        Lang::Zh => format!("正在测量：已完成 {done}/{total}。"),
    }
}

pub fn done(lang: Lang, seconds: f32) -> String {
    match lang {
        Lang::En => format!("Done in {:.1} s.", seconds),
        Lang::Zh => format!("完成，用时 {:.1} 秒。", seconds),
    }
}

pub fn roof(lang: Lang, peak: f64, bandwidth: f64) -> String {
    let ridge = peak / bandwidth;
    match lang {
        Lang::En => format!(
            "One core here: at most {:.1} billion operations a second, {:.1} GB a second from memory; below {:.1} operations per byte a kernel waits on memory. The first TPU: 91,750 billion, 34 GB/s, 2,700 operations per byte.",
            peak / 1e9,
            bandwidth / 1e9,
            ridge
        ),
        Lang::Zh => format!(
            "这里的一个核心：每秒最多 {:.1} 十亿次运算，每秒从内存读 {:.1} GB；每字节不到 {:.1} 次运算的计算就要等内存。第一代 TPU：91,750 十亿次，34 GB/s，每字节 2,700 次运算。",
            peak / 1e9,
            bandwidth / 1e9,
            ridge
        ),
    }
}

pub fn hidden(lang: Lang) -> &'static str {
    t(
        lang,
        "The tab was hidden during the measurement, which can slow it: measure again with the page in view.",
        "测量时这个标签页被切到了后台，这可能让它变慢：请让页面保持在前台，再测一次。",
    )
}

pub fn all_cores(lang: Lang) -> &'static str {
    t(lang, "Measuring: all the cores at once…", "正在测量：所有核心一起……")
}

/// The peak of all the cores together.
pub fn cores(lang: Lang, n: usize, all: f64) -> String {
    match lang {
        Lang::En => format!(
            "All {n} cores at once: {:.1} billion operations a second, sharing the same memory.",
            all / 1e9
        ),
        Lang::Zh => format!(
            "全部 {n} 个核心一起：每秒 {:.1} 十亿次运算，共用同一个内存。",
            all / 1e9
        ),
    }
}
