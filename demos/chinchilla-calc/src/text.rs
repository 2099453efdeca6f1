//! The calculator's words in the book's two languages.

use demo_kit::Lang;
use scaling::compute::BadBudget;

pub fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

/// 5.04e23 as "5.04e23" (what the field accepts back).
pub fn scientific(v: f64) -> String {
    let text = format!("{v:.2e}");
    text.replace(".00e", "e").replace("e0", "")
}

pub fn budget_of(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name}'s budget"),
        Lang::Zh => format!("{name} 的预算"),
    }
}

pub fn bad_budget(lang: Lang, why: BadBudget) -> String {
    let text = match (lang, why) {
        (Lang::En, BadBudget::NotANumber) => "Type a number of FLOPs, such as 5.04e23.",
        (Lang::Zh, BadBudget::NotANumber) => "请输入一个 FLOPs 数，例如 5.04e23。",
        (Lang::En, BadBudget::NotPositive) => "A budget has to be more than zero FLOPs.",
        (Lang::Zh, BadBudget::NotPositive) => "预算必须大于零 FLOPs。",
        (Lang::En, BadBudget::TooSmall) => {
            "Below 10⁹ FLOPs not even the smallest model of this book's sweep can be trained: try at least 1e9."
        }
        (Lang::Zh, BadBudget::TooSmall) => {
            "低于 10⁹ FLOPs，连本书扫描里最小的模型都训练不完：请至少输入 1e9。"
        }
        (Lang::En, BadBudget::TooLarge) => {
            "Above 10²⁸ FLOPs the formulas would be stretched far past anything measured; the calculator stops there."
        }
        (Lang::Zh, BadBudget::TooLarge) => {
            "超过 10²⁸ FLOPs，公式就被拉到远超任何实测的地方了；计算器到此为止。"
        }
    };
    text.to_string()
}

/// A warning when the budget is far from the runs the fit was made on.
pub fn extrapolation(lang: Lang, c: f64) -> String {
    if (1e18..=1e25).contains(&c) {
        return String::new();
    }
    match lang {
        Lang::En => "Far outside the budgets the formula was fitted on (models of 70 M to 16 B parameters): read these numbers as the formula's, not as a forecast.".into(),
        Lang::Zh => "远在拟合这个公式所用的预算之外（7 千万到 160 亿参数的模型）：这些数只是公式算出来的，不是预测。".into(),
    }
}
