//! The demo's sentences in both languages.

use demo_kit::Lang;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

pub fn ready(lang: Lang) -> &'static str {
    t(
        lang,
        "Ready: two identical students, 1,800 training images, 40 passes each.",
        "准备好了：两个一模一样的学生，1,800 张训练图，各学 40 遍。",
    )
}

pub fn loading(lang: Lang, done: f32) -> String {
    let pct = (done * 100.0).round();
    match lang {
        Lang::En => format!("Loading the teacher and MNIST… {pct}%"),
        Lang::Zh => format!("正在载入老师和 MNIST……{pct}%"),
    }
}

pub fn done(lang: Lang, seconds: f32) -> String {
    let s = seconds.round();
    match lang {
        Lang::En => {
            format!("Done in {s} s: both students measured on all 10,000 test digits.")
        }
        Lang::Zh => {
            format!("完成，用时 {s} 秒：两个学生都在全部 10,000 张测试图上测过。")
        }
    }
}

pub fn soft_label(lang: Lang, temperature: f32) -> String {
    match lang {
        Lang::En => format!("soft targets, T = {temperature}"),
        Lang::Zh => format!("软目标，T = {temperature}"),
    }
}

pub fn pct(share: f32) -> String {
    format!("{:.2}%", share * 100.0)
}

/// The finding, in one sentence.
pub fn result(lang: Lang, hard: f32, soft: f32, epoch: f32) -> String {
    let gap = (soft - hard) * 100.0;
    let (h, s) = (pct(hard), pct(soft));
    match lang {
        Lang::En => format!(
            "After {epoch} passes: labels {h}, soft targets {s} ({gap:+.2} points)."
        ),
        Lang::Zh => {
            format!("学了 {epoch} 遍：标签 {h}，软目标 {s}（差 {gap:+.2} 个百分点）。")
        }
    }
}

/// What raising the left-out digit's bias does.
pub fn repair(lang: Lang, digit: u8, bias: f32, all: [f32; 2], that: [f32; 2]) -> String {
    let (h, s) = (pct(that[0]), pct(that[1]));
    let (ha, sa) = (pct(all[0]), pct(all[1]));
    match lang {
        Lang::En => format!(
            "With the {digit}'s output bias raised by {bias}: the label student reads {h} of the test {digit}s ({ha} of all digits), the soft-target student {s} ({sa})."
        ),
        Lang::Zh => format!(
            "把 {digit} 的输出偏置加 {bias}：学标签的学生认对测试集里 {h} 的 {digit}（全部数字 {ha}），学软目标的学生认对 {s}（{sa}）。"
        ),
    }
}

pub fn bad_choice(lang: Lang) -> &'static str {
    t(lang, "Pick a temperature and a digit from the lists.", "请从列表里选温度和数字。")
}

pub fn transfer(lang: Lang, n: usize, omit: Option<u8>) -> String {
    let n = demo_kit::controls::thousands(n as u64);
    match (lang, omit) {
        (Lang::En, None) => format!("Transfer set: {n} images."),
        (Lang::En, Some(d)) => {
            format!("Transfer set: {n} images, not one of them a {d}.")
        }
        (Lang::Zh, None) => format!("迁移集：{n} 张图。"),
        (Lang::Zh, Some(d)) => format!("迁移集：{n} 张图，没有一张是 {d}。"),
    }
}
