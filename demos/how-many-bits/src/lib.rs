//! Demo `how-many-bits`: the shipped LeNet-5 stored with fewer bits
//! (`quantize`), its accuracy measured in the page on all 10,000 official
//! test digits, in slices so the page stays responsive; a histogram of C5's
//! weights shows where the rounding levels fall.

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::dom::escape;
use demo_kit::{Lang, Panel, Theme, listen};
use quantize::{BITS, Scales, Scheme};
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, HtmlElement};

/// Training digits whose activations set the scales.
const CALIBRATION: usize = 1000;
/// Test digits per slice of work.
const SLICE: usize = 250;
/// The settings "Measure the table" runs, in this order.
const TABLE: [(u32, u32, Scales); 8] = [
    (32, 32, Scales::PerTensor),
    (8, 8, Scales::PerTensor),
    (6, 6, Scales::PerTensor),
    (4, 32, Scales::PerTensor),
    (4, 32, Scales::PerChannel),
    (4, 4, Scales::PerChannel),
    (3, 32, Scales::PerTensor),
    (2, 32, Scales::PerTensor),
];
/// Trained numbers in the network (weights and biases).
const PARAMETERS: usize = 61_706;

struct Data {
    weights: Vec<u8>,
    test: lenet::Dataset,
    largest: Vec<f32>,
    /// C5's trained weights, for the histogram.
    c5: Vec<f32>,
}

struct Page {
    lang: Lang,
    data: Option<Rc<Data>>,
    busy: bool,
    rows: String,
}

type Shared = Rc<RefCell<Page>>;

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("how-many-bits");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    demo_kit::share::restore_controls(&panel, "how-many-bits", &SHARED);
    let page: Shared = Rc::new(RefCell::new(Page {
        lang,
        data: None,
        busy: false,
        rows: String::new(),
    }));
    let (p, s) = (panel.clone(), page.clone());
    panel.on(".hb-run", "click", move || {
        let scheme = chosen(&p);
        measure(&p, &s, scheme.into_iter().collect());
    })?;
    let (p, s) = (panel.clone(), page.clone());
    panel.on(".hb-table", "click", move || {
        let all = TABLE
            .iter()
            .map(|&(w, a, scales)| Scheme { weight_bits: w, activation_bits: a, scales })
            .collect();
        measure(&p, &s, all);
    })?;
    let (p, s) = (panel.clone(), page.clone());
    panel.on(".hb-int", "click", move || integers(&p, &s))?;
    for class in [".hb-wbits", ".hb-scales"] {
        let (p, s) = (panel.clone(), page.clone());
        panel.on(class, "change", move || draw(&p, &s.borrow()))?;
    }
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), page.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    let (p, s) = (panel.clone(), page.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match load(&p).await {
            Ok(data) => {
                s.borrow_mut().data = Some(Rc::new(data));
                p.root.set_attribute("data-loaded", "yes").ok();
                demo_kit::controls::set_progress(&p, "hb", 0.0, ready(lang));
                draw(&p, &s.borrow());
            }
            Err(why) => {
                let lead = lang.pick("The demo could not start: ", "演示无法启动：");
                p.message(&format!("{lead}{}", escape(&why)));
                p.root.set_attribute("data-failed", "yes").ok();
            }
        }
    });
    Ok(())
}

const SHARED: [(&str, &str); 3] =
    [("weights", ".hb-wbits"), ("activations", ".hb-abits"), ("scales", ".hb-scales")];

fn ready(lang: Lang) -> &'static str {
    lang.pick("Ready: choose the bits and measure.", "准备就绪：选好位数，开始测量。")
}

fn bits_name(lang: Lang, bits: u32) -> String {
    if bits >= 32 {
        lang.pick("32 (float, as trained)", "32（浮点，训练时的样子）").to_string()
    } else {
        bits.to_string()
    }
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, progress, row, select};
    let bits: Vec<(String, String)> =
        BITS.iter().map(|&b| (b.to_string(), bits_name(lang, b))).collect();
    let scales = vec![
        ("tensor".to_string(), lang.pick("one per layer", "每层一个").to_string()),
        (
            "channel".to_string(),
            lang.pick("one per output channel", "每个输出通道一个").to_string(),
        ),
    ];
    let controls = row(
        "hb-controls",
        &[
            select(
                "hb-wbits",
                lang.pick("Weight bits", "权重位数"),
                &options(&bits),
                "8",
            ),
            select(
                "hb-abits",
                lang.pick("Activation bits", "激活值位数"),
                &options(&bits),
                "8",
            ),
            select(
                "hb-scales",
                lang.pick("Weight scales", "权重的缩放系数"),
                &options(&scales),
                "tensor",
            ),
        ],
    );
    let head = [
        lang.pick("weights", "权重"),
        lang.pick("activations", "激活值"),
        lang.pick("scales", "缩放"),
        lang.pick("weights take", "权重占用"),
        lang.pick("right of 10,000", "10,000 个里答对"),
    ];
    let head: String =
        head.iter().map(|h| format!("<th scope=\"col\">{}</th>", escape(h))).collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="hb">{controls}
{buttons}{progress}
<canvas class="hb-histogram" width="560" height="200" role="img" aria-label="{hist_label}"></canvas>
<div class="hb-wrap" tabindex="0" role="region" aria-label="{table_label}"><table class="hb-results" hidden><thead><tr>{head}</tr></thead><tbody></tbody></table></div>
<p class="hb-speed" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        buttons = buttons(
            "hb-buttons",
            &[
                ("hb-run", lang.pick("Measure on the 10,000 test digits", "在 10,000 个测试数字上测量")),
                ("hb-table", lang.pick("Measure the whole table", "把整张表测一遍")),
                ("hb-int", lang.pick("Run in real 8-bit integers", "真的用 8 位整数来算")),
            ]
        ),
        progress = progress("hb", lang.pick("Loading LeNet-5 and the digits…", "正在加载 LeNet-5 和数字……")),
        hist_label = lang.pick("Histogram of C5's weights, loading", "C5 层权重的直方图，正在加载"),
        table_label = lang.pick("Measured settings", "测过的设置"),
    ));
}

/// The scheme the controls describe, if it is one on offer.
fn chosen(panel: &Panel) -> Option<Scheme> {
    let bits =
        |class: &str| panel.value(class).parse::<u32>().ok().filter(|b| BITS.contains(b));
    let scales = if panel.value(".hb-scales") == "channel" {
        Scales::PerChannel
    } else {
        Scales::PerTensor
    };
    Some(Scheme {
        weight_bits: bits(".hb-wbits")?,
        activation_bits: bits(".hb-abits")?,
        scales,
    })
}

async fn load(panel: &Panel) -> Result<Data, String> {
    let get = |f: &str| demo_kit::fetch::assets_url(&panel.root, f);
    let weights =
        demo_kit::fetch::bytes(&get("weights/lenet5.safetensors"), false).await?;
    let digits = |i: &str, l: &str| {
        let (i, l) = (get(i), get(l));
        async move {
            let images = demo_kit::fetch::bytes(&i, true).await?;
            let labels = demo_kit::fetch::bytes(&l, true).await?;
            mnist::parse(&images, &labels).map_err(|e| e.to_string())
        }
    };
    let train = digits(
        "mnist/train-30k-images.idx3-ubyte.gz",
        "mnist/train-30k-labels.idx1-ubyte.gz",
    )
    .await?;
    let test =
        digits("mnist/t10k-images.idx3-ubyte.gz", "mnist/t10k-labels.idx1-ubyte.gz")
            .await?;
    if test.len() < 10_000 || train.len() < CALIBRATION {
        return Err(format!(
            "the shipped MNIST files hold only {} and {} digits",
            train.len(),
            test.len()
        ));
    }
    let mut model = quantize::model(&weights, Scheme::FLOAT)?;
    let calibration = lenet::Dataset::from_digits(&train[..CALIBRATION]);
    let largest = quantize::calibrate(&mut model, &calibration.images, CALIBRATION);
    let c5 = model.layers[6].params_ref()[0].value.clone();
    Ok(Data { weights, test: lenet::Dataset::from_digits(&test), largest, c5 })
}

/// Measures each scheme on all test digits, one slice at a time, adding a
/// row per scheme to the table.
fn measure(panel: &Panel, page: &Shared, schemes: Vec<Scheme>) {
    let lang = page.borrow().lang;
    let Some(data) = page.borrow().data.clone() else { return };
    if schemes.is_empty() {
        return panel
            .message(lang.pick("That choice is not on offer.", "没有这个选项。"));
    }
    if std::mem::replace(&mut page.borrow_mut().busy, true) {
        return;
    }
    panel.message("");
    demo_kit::share::save_controls(panel, "how-many-bits", &SHARED);
    lock(panel, true);
    let (p, s) = (panel.clone(), page.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let total = schemes.len() * data.test.len();
        let mut done = 0;
        for scheme in schemes {
            let mut model = match quantize::model(&data.weights, scheme) {
                Ok(m) => m,
                Err(e) => {
                    p.message(&escape(&e));
                    break;
                }
            };
            let mut right = 0;
            for start in (0..data.test.len()).step_by(SLICE) {
                let end = (start + SLICE).min(data.test.len());
                let images = &data.test.images[start * 784..end * 784];
                let labels = &data.test.labels[start..end];
                right += quantize::correct(
                    &mut model,
                    images,
                    labels,
                    scheme.activation_bits,
                    &data.largest,
                );
                done += end - start;
                let status = match lang {
                    Lang::En => format!("Measuring… {done} of {total} readings"),
                    Lang::Zh => format!("正在测量……已读 {done} / {total} 个"),
                };
                demo_kit::controls::set_progress(
                    &p,
                    "hb",
                    done as f32 / total as f32,
                    &status,
                );
                demo_kit::dom::sleep(0).await;
            }
            add_row(&p, &s, scheme, right);
        }
        demo_kit::controls::set_progress(&p, "hb", 1.0, ready(lang));
        s.borrow_mut().busy = false;
        lock(&p, false);
    });
}

/// Disables the measuring buttons while a measurement runs.
fn lock(panel: &Panel, on: bool) {
    for class in [".hb-run", ".hb-table", ".hb-int"] {
        if let Ok(b) = panel.find::<HtmlElement>(class) {
            let _ = if on {
                b.set_attribute("disabled", "")
            } else {
                b.remove_attribute("disabled")
            };
        }
    }
}

/// Reads all test digits twice, with the float network and with the
/// integer one (every multiply-add 8 × 8 → 32 bits), timing both here.
fn integers(panel: &Panel, page: &Shared) {
    let lang = page.borrow().lang;
    let Some(data) = page.borrow().data.clone() else { return };
    if std::mem::replace(&mut page.borrow_mut().busy, true) {
        return;
    }
    panel.message("");
    lock(panel, true);
    let (p, s) = (panel.clone(), page.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let models = quantize::model(&data.weights, Scheme::FLOAT).and_then(|f| {
            let i = quantize::model(&data.weights, Scheme::FLOAT)?;
            Ok((f, quantize::IntegerLeNet::new(i, &data.largest)))
        });
        let (mut float, mut int) = match models {
            Ok(m) => m,
            Err(e) => {
                p.message(&escape(&e));
                s.borrow_mut().busy = false;
                return lock(&p, false);
            }
        };
        let n = data.test.len();
        let (mut float_ms, mut int_ms, mut right) = (0.0, 0.0, 0);
        for start in (0..n).step_by(SLICE) {
            let end = (start + SLICE).min(n);
            let (images, count) =
                (&data.test.images[start * 784..end * 784], end - start);
            let t0 = demo_kit::worker::now();
            float.forward(images, count);
            let t1 = demo_kit::worker::now();
            right += int.correct(images, &data.test.labels[start..end]);
            let t2 = demo_kit::worker::now();
            float_ms += t1 - t0;
            int_ms += t2 - t1;
            let status = match lang {
                Lang::En => format!("Reading in integers… {end} of {n}"),
                Lang::Zh => format!("正在用整数读……{end} / {n}"),
            };
            demo_kit::controls::set_progress(&p, "hb", end as f32 / n as f32, &status);
            demo_kit::dom::sleep(0).await;
        }
        let rate = |ms: f64| {
            demo_kit::controls::thousands((n as f64 / (ms / 1000.0).max(1e-6)) as u64)
        };
        let row = format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>62 KB</td><td>{} ({:.2}%)</td></tr>",
            lang.pick("8, integers", "8，整数"),
            lang.pick("8, integers", "8，整数"),
            lang.pick("per channel", "每通道"),
            demo_kit::controls::thousands(right as u64),
            right as f64 / 100.0
        );
        let rows = {
            let mut st = s.borrow_mut();
            st.rows.push_str(&row);
            st.rows.clone()
        };
        if let Ok(body) = p.find::<HtmlElement>(".hb-results tbody") {
            body.set_inner_html(&rows);
        }
        if let Ok(t) = p.find::<HtmlElement>(".hb-results") {
            t.set_hidden(false);
        }
        let speed = match lang {
            Lang::En => format!(
                "In your browser: the float network read {} digits a second, the integer one {}.",
                rate(float_ms),
                rate(int_ms)
            ),
            Lang::Zh => format!(
                "在你的浏览器里：浮点网络每秒读 {} 个数字，整数网络每秒读 {} 个。",
                rate(float_ms),
                rate(int_ms)
            ),
        };
        p.set_text(".hb-speed", &speed);
        p.root.set_attribute("data-integers", &right.to_string()).ok();
        demo_kit::controls::set_progress(&p, "hb", 1.0, ready(lang));
        s.borrow_mut().busy = false;
        lock(&p, false);
    });
}

/// For `./dev bench`: images per second of the float and the integer
/// network on `n` random images (the speed does not depend on the pictures).
#[wasm_bindgen]
pub fn bench_infer(weights: &[u8], integers: bool, n: usize) -> f64 {
    let images: Vec<f32> =
        (0..n * 784).map(|i| ((i * 7919) % 256) as f32 / 255.0).collect();
    let Ok(mut float) = quantize::model(weights, Scheme::FLOAT) else { return 0.0 };
    let largest = quantize::calibrate(&mut float, &images, n.min(250));
    let t0 = demo_kit::worker::now();
    if integers {
        let Ok(m) = quantize::model(weights, Scheme::FLOAT) else { return 0.0 };
        let mut int = quantize::IntegerLeNet::new(m, &largest);
        let t = demo_kit::worker::now();
        for chunk in images.chunks(250 * 784) {
            int.forward(chunk, chunk.len() / 784);
        }
        return n as f64 / ((demo_kit::worker::now() - t) / 1000.0).max(1e-6);
    }
    for chunk in images.chunks(250 * 784) {
        float.forward(chunk, chunk.len() / 784);
    }
    n as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-6)
}

fn add_row(panel: &Panel, page: &Shared, scheme: Scheme, right: usize) {
    let lang = page.borrow().lang;
    let scales = match scheme.scales {
        _ if scheme.weight_bits >= 32 => "—",
        Scales::PerTensor => lang.pick("per layer", "每层"),
        Scales::PerChannel => lang.pick("per channel", "每通道"),
    };
    let kb = (PARAMETERS * scheme.weight_bits.min(32) as usize) as f64 / 8.0 / 1000.0;
    let row = format!(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{kb:.0} KB</td><td>{} ({:.2}%)</td></tr>",
        bits_name(lang, scheme.weight_bits),
        bits_name(lang, scheme.activation_bits),
        scales,
        demo_kit::controls::thousands(right as u64),
        right as f64 / 100.0
    );
    let rows = {
        let mut st = page.borrow_mut();
        st.rows.push_str(&row);
        st.rows.clone()
    };
    if let Ok(body) = panel.find::<HtmlElement>(".hb-results tbody") {
        body.set_inner_html(&rows);
    }
    if let Ok(t) = panel.find::<HtmlElement>(".hb-results") {
        t.set_hidden(false);
    }
    let key = format!(
        "data-w{}-a{}-{}",
        scheme.weight_bits,
        scheme.activation_bits,
        if scheme.scales == Scales::PerChannel { "channel" } else { "tensor" }
    );
    panel.root.set_attribute(&key, &right.to_string()).ok();
    panel.root.set_attribute("data-last", &right.to_string()).ok();
}

/// C5's 48,000 weights as a histogram, with the levels the chosen weight
/// bits allow (for one scale over the whole layer) drawn over it.
fn draw(panel: &Panel, page: &Page) {
    let Some(data) = &page.data else { return };
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".hb-histogram") else { return };
    let Ok(ctx) = demo_kit::dom::context_2d(&canvas) else { return };
    let theme = Theme::current();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    let largest = data.c5.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let bins = 120usize;
    let mut counts = vec![0usize; bins];
    for v in &data.c5 {
        let b = (((v / largest) + 1.0) / 2.0 * bins as f32) as usize;
        counts[b.min(bins - 1)] += 1;
    }
    let most = *counts.iter().max().unwrap_or(&1) as f64;
    let (left, bottom, plot_h) = (10.0, h - 24.0, h - 40.0);
    let bar = (w - 2.0 * left) / bins as f64;
    ctx.set_fill_style_str(&theme.fg.mix(theme.bg, 0.45).css());
    for (i, &c) in counts.iter().enumerate() {
        let bh = c as f64 / most * plot_h;
        ctx.fill_rect(left + i as f64 * bar, bottom - bh, bar.max(1.0) - 0.5, bh);
    }
    let bits = panel.value(".hb-wbits").parse::<u32>().unwrap_or(32);
    let mut label = match page.lang {
        Lang::En => format!(
            "Histogram of C5's {} weights, from −{largest:.2} to {largest:.2}.",
            demo_kit::controls::thousands(data.c5.len() as u64)
        ),
        Lang::Zh => format!(
            "C5 层 {} 个权重的直方图，范围从 −{largest:.2} 到 {largest:.2}。",
            demo_kit::controls::thousands(data.c5.len() as u64)
        ),
    };
    if bits < 32 {
        let top = (1u32 << (bits - 1)) - 1;
        ctx.set_stroke_style_str(&theme.negative.css());
        ctx.set_line_width(1.5);
        for q in -(top as i32)..=(top as i32) {
            let x = left + (f64::from(q) / f64::from(top) + 1.0) / 2.0 * (w - 2.0 * left);
            ctx.begin_path();
            ctx.move_to(x, bottom);
            ctx.line_to(x, bottom - plot_h);
            ctx.stroke();
        }
        label.push_str(&match page.lang {
            Lang::En => format!(" Lines: the {} levels {bits} bits allow with one scale for the layer; every weight moves to the nearest.", 2 * top + 1),
            Lang::Zh => format!(" 竖线：{bits} 位、整层共用一个缩放系数时允许的 {} 个取值；每个权重都被挪到离它最近的那一个。", 2 * top + 1),
        });
    }
    ctx.set_fill_style_str(&theme.fg.css());
    ctx.set_font("13px sans-serif");
    ctx.set_text_align("left");
    let _ = ctx.fill_text(&format!("−{largest:.2}"), left, h - 6.0);
    ctx.set_text_align("right");
    let _ = ctx.fill_text(&format!("{largest:.2}"), w - left, h - 6.0);
    ctx.set_text_align("center");
    let _ = ctx.fill_text("0", w / 2.0, h - 6.0);
    canvas.set_attribute("aria-label", &label).ok();
}
