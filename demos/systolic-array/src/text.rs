//! The demo's sentences in both languages.

use demo_kit::Lang;
use demo_kit::controls::thousands;
use systolic::Counters;

pub fn loading(lang: Lang) -> &'static str {
    lang.pick("Loading LeNet-5 and the test digits…", "正在加载 LeNet-5 和测试数字……")
}

/// The counters as table rows: (name, value).
pub fn counters(lang: Lang, c: &Counters, n: usize) -> Vec<(&'static str, String)> {
    let num = |v: u64| thousands(v);
    vec![
        (lang.pick("cycles computing", "计算的周期"), num(c.cycles)),
        (lang.pick("cycles loading weights", "加载权重的周期"), num(c.load_cycles)),
        (lang.pick("useful multiply-adds", "有用的乘加"), num(c.macs)),
        (
            lang.pick("busy (useful / possible)", "忙碌程度（有用 / 可能）"),
            format!("{:.1}%", 100.0 * c.utilisation(n)),
        ),
        (lang.pick("weight bytes loaded", "载入的权重字节"), num(c.weight_bytes)),
        (lang.pick("activation bytes in", "输入的激活字节"), num(c.activation_bytes)),
        (lang.pick("partial-sum bytes out", "输出的部分和字节"), num(c.sum_bytes)),
    ]
}

pub fn tile(lang: Lang, k0: usize, c0: usize, k: usize, c: usize, n: usize) -> String {
    let (k1, c1) = ((k0 + n).min(k), (c0 + n).min(c));
    match lang {
        Lang::En => format!(
            "Tile: inputs {}–{} of {k}, outputs {}–{} of {c}.",
            k0 + 1,
            k1,
            c0 + 1,
            c1
        ),
        Lang::Zh => format!(
            "当前分块：第 {}–{} 个输入（共 {k} 个），第 {}–{} 个输出（共 {c} 个）。",
            k0 + 1,
            k1,
            c0 + 1,
            c1
        ),
    }
}

pub fn checked(lang: Lang, right: usize, all: usize) -> String {
    let (r, a) = (thousands(right as u64), thousands(all as u64));
    match (lang, right == all) {
        (Lang::En, true) => {
            format!(
                "Done. All {a} sums equal the plain 8-bit integer product, bit for bit."
            )
        }
        (Lang::En, false) => {
            format!("Done, but only {r} of {a} sums equal the plain product.")
        }
        (Lang::Zh, true) => {
            format!("完成。全部 {a} 个和都与直接算的 8 位整数乘积逐位相同。")
        }
        (Lang::Zh, false) => {
            format!("完成，但 {a} 个和里只有 {r} 个与直接算的乘积相同。")
        }
    }
}

pub fn grid_label(lang: Lang, n: usize, cycle: u64, busy: usize) -> String {
    match lang {
        Lang::En => format!(
            "A {n} × {n} systolic array at cycle {cycle}: {busy} of its {} processing elements are multiplying real data.",
            n * n
        ),
        Lang::Zh => format!(
            "一个 {n} × {n} 的脉动阵列，第 {cycle} 个周期：{} 个处理单元里有 {busy} 个在乘真实数据。",
            n * n
        ),
    }
}
