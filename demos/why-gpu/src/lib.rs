//! Demo `why-gpu`: how many multiply-adds LeNet-5 needs, and how much faster
//! they go when done four at a time (SIMD) and on several cores at once
//! (Web Workers), measured in the reader's own browser. The convolutions are
//! `nn::direct`; this crate schedules them and shows the times.

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::controls::thousands;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, listen, sleep};
use nn::direct::{ConvShape, conv_scalar, conv_simd, weights_channel_last};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, HtmlElement, MessageEvent};

/// Images per timed run: enough work (about a billion multiply-adds) to
/// time reliably, little enough to finish in a second or two.
const IMAGES: usize = 4096;

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    lang.pick(en, zh)
}

// ---- worker side -----------------------------------------------------------

/// Deterministic pseudo-random inputs, so every worker can make its own.
fn inputs(seed: u64, len: usize) -> Vec<f32> {
    let mut state =
        seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state =
                state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 40) as f32 / (1u64 << 24) as f32) - 0.5
        })
        .collect()
}

/// Runs `images` C3 convolutions and returns (milliseconds, checksum).
fn job(simd: bool, first: usize, images: usize) -> (f64, f64) {
    let s = ConvShape::C3;
    let w = weights_channel_last(&s, &inputs(7, s.out_c * s.in_c * s.k * s.k));
    let x = inputs(11, s.input_len() * 64); // 64 distinct images, reused cyclically
    let mut out = vec![0.0; s.output_len()];
    let perf =
        js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().performance();
    let start = perf.as_ref().map_or(0.0, |p| p.now());
    let mut checksum = 0.0f64;
    for i in first..first + images {
        let img = &x[(i % 64) * s.input_len()..(i % 64 + 1) * s.input_len()];
        if simd {
            conv_simd(&s, img, &w, &mut out)
        } else {
            conv_scalar(&s, img, &w, &mut out)
        }
        checksum += f64::from(out[i % out.len()]);
    }
    let ms = perf.as_ref().map_or(0.0, |p| p.now()) - start;
    (ms, checksum)
}

/// Entry point inside each worker: answers `[simd, first, images]` with `[ms, checksum]`.
#[wasm_bindgen]
pub fn worker_main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let args = js_sys::Array::from(&e.data());
        let simd = args.get(0).as_bool().unwrap_or(false);
        let first = args.get(1).as_f64().unwrap_or(0.0) as usize;
        let images = (args.get(2).as_f64().unwrap_or(0.0) as usize).min(1 << 16);
        let (ms, checksum) = job(simd, first, images);
        let answer = js_sys::Array::of2(&ms.into(), &checksum.into());
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
}

// ---- page side -------------------------------------------------------------

struct Bench {
    workers: Vec<Client>,
    /// Why a worker could not start or died, if one did.
    failure: Option<String>,
    answers: Vec<(f64, f64)>,
    running: bool,
}

type Shared = Rc<RefCell<Bench>>;

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("why-gpu");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    let model = lenet::LeNet5::new(0);
    let names = ["C1", "C3", "C5", "F6", t(lang, "output", "输出")];
    let macs: Vec<usize> =
        model.layers.iter().map(|l| l.macs()).filter(|&m| m > 0).collect();
    let total: usize = macs.iter().sum();
    let max = macs.iter().copied().max().unwrap_or(1);
    let bars: String = names
        .iter()
        .zip(&macs)
        .map(|(n, &m)| {
            format!(
                "<div class=\"wg-bar\"><span class=\"wg-name\">{n}</span><span class=\"wg-track\"><span class=\"wg-fill\" style=\"width:{:.1}%\"></span></span><span class=\"wg-n\">{}</span></div>",
                m as f64 / max as f64 * 100.0,
                thousands(m as u64)
            )
        })
        .collect();
    let cores = web_sys::window()
        .map_or(2.0, |w| w.navigator().hardware_concurrency())
        .clamp(2.0, 8.0) as usize;
    panel.root.set_inner_html(&format!(
        r#"<div class="wg"><div class="wg-label">{macs_l}</div>{bars}
<div class="wg-total" data-total="{total}">{total_l} {total_s}</div>
<div class="wg-run-row"><button type="button" class="wg-run">{run}</button><span class="wg-status" aria-live="polite"></span></div>
<table class="wg-results"><thead><tr><th>{how}</th><th>{time}</th><th>{rate}</th><th>{speedup}</th></tr></thead><tbody>
<tr data-config="scalar"><td>{c1}</td><td class="wg-ms"></td><td class="wg-rate"></td><td class="wg-x"></td></tr>
<tr data-config="simd"><td>{c2}</td><td class="wg-ms"></td><td class="wg-rate"></td><td class="wg-x"></td></tr>
<tr data-config="workers"><td>{c3}</td><td class="wg-ms"></td><td class="wg-rate"></td><td class="wg-x"></td></tr>
</tbody></table><p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        macs_l = t(lang, "Multiply-adds for one image, forward pass", "一张图像前向计算所需的乘加次数"),
        total_l = t(lang, "Total:", "合计："),
        total_s = thousands(total as u64),
        run = t(lang, "▶ Time the C3 convolution", "▶ 给 C3 卷积计时"),
        how = t(lang, "how", "方式"),
        time = t(lang, "time for 4,096 images", "4,096 张图用时"),
        rate = t(lang, "multiply-adds per second", "每秒乘加次数"),
        speedup = t(lang, "speed-up", "加速比"),
        c1 = t(lang, "1 core, one multiply-add at a time", "1 个核心，一次一个乘加"),
        c2 = t(lang, "1 core, 4 at a time (SIMD)", "1 个核心，一次 4 个（SIMD）"),
        c3 = match lang {
            Lang::En => format!("{cores} cores (Web Workers), SIMD each"),
            Lang::Zh => format!("{cores} 个核心（Web Worker），各用 SIMD"),
        },
    ));
    let state: Shared = Rc::new(RefCell::new(Bench {
        workers: Vec::new(),
        failure: None,
        answers: Vec::new(),
        running: false,
    }));
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".wg-run")?,
        "click",
        move |_: web_sys::Event| {
            if s.borrow().running {
                return;
            }
            let (p, s) = (p.clone(), s.clone());
            wasm_bindgen_futures::spawn_local(async move {
                s.borrow_mut().running = true;
                if let Err(e) = run(&p, &s, cores, lang).await {
                    p.message(&format!(
                        "{}{e}",
                        t(lang, "The measurement failed: ", "测量失败：")
                    ));
                    p.root.set_attribute("data-bench", "failed").ok();
                }
                s.borrow_mut().running = false;
            });
        },
    )?;
    Ok(())
}

/// One worker of the pool, through the shared worker kit: jobs sent before
/// it is ready wait in its queue; its answers are plain arrays.
fn spawn(panel: &Panel, state: &Shared) -> Client {
    let (s, s2) = (state.clone(), state.clone());
    Client::new(
        panel,
        "why-gpu",
        |_: demo_kit::worker::NoReports| {},
        move |data| {
            if js_sys::Array::is_array(&data) {
                let a = js_sys::Array::from(&data);
                s.borrow_mut().answers.push((
                    a.get(0).as_f64().unwrap_or(0.0),
                    a.get(1).as_f64().unwrap_or(0.0),
                ));
            }
        },
        move |why| s2.borrow_mut().failure = Some(why),
    )
}

/// Sends one job per worker and waits for all answers: (wall ms, checksum sum).
async fn dispatch(
    state: &Shared,
    workers: usize,
    simd: bool,
    patience_ms: u32,
) -> Result<(f64, f64), String> {
    state.borrow_mut().answers.clear();
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let start = now();
    let share = IMAGES / workers;
    let pool = state.borrow().workers.clone();
    for (i, w) in pool.iter().take(workers).enumerate() {
        let msg = js_sys::Array::of3(
            &simd.into(),
            &((i * share) as f64).into(),
            &(share as f64).into(),
        );
        w.send_raw(msg.into());
    }
    for _ in 0..patience_ms / 2 {
        if let Some(why) = state.borrow().failure.clone() {
            return Err(why);
        }
        if state.borrow().answers.len() >= workers {
            let sum = state.borrow().answers.iter().map(|a| a.1).sum();
            return Ok((now() - start, sum));
        }
        sleep(2).await;
    }
    Err(format!("a worker did not answer within {} s", patience_ms / 1000))
}

async fn run(
    panel: &Panel,
    state: &Shared,
    cores: usize,
    lang: Lang,
) -> Result<(), String> {
    let status = |text: &str| {
        if let Ok(el) = panel.find::<HtmlElement>(".wg-status") {
            el.set_text_content(Some(text));
        }
    };
    panel.root.set_attribute("data-bench", "running").ok();
    if state.borrow().workers.is_empty() {
        status(t(lang, "starting workers…", "正在启动 Worker……"));
        let workers = (0..cores).map(|_| spawn(panel, state)).collect();
        state.borrow_mut().workers = workers;
    }
    state.borrow_mut().failure = None;
    // Start the workers (the first job waits for each to load) and warm up
    // their compiled code before timing anything.
    dispatch(state, cores, true, 20_000).await?;
    dispatch(state, cores, false, 12_000).await?;
    let macs = (ConvShape::C3.macs() * IMAGES) as f64;
    let mut scalar_ms = 1.0;
    let mut reference = None;
    for (config, workers, simd) in
        [("scalar", 1, false), ("simd", 1, true), ("workers", cores, true)]
    {
        status(t(lang, "measuring…", "正在测量……"));
        sleep(30).await;
        // Best of three, to be fair to a busy machine.
        let mut best = f64::INFINITY;
        let mut checksum = 0.0;
        for _ in 0..3 {
            let (ms, sum) = dispatch(state, workers, simd, 12_000).await?;
            best = best.min(ms);
            checksum = sum;
        }
        if config == "scalar" {
            scalar_ms = best;
        }
        let expected = *reference.get_or_insert(checksum);
        let same = (expected - checksum).abs() <= 1e-9 * expected.abs().max(1.0);
        if !same {
            return Err(format!("{config} computed different numbers"));
        }
        let row = panel
            .root
            .query_selector(&format!("tr[data-config={config}]"))
            .ok()
            .flatten()
            .ok_or("no row")?;
        let set = |sel: &str, text: String| {
            if let Ok(Some(el)) = row.query_selector(sel) {
                el.set_text_content(Some(&text));
            }
        };
        set(".wg-ms", format!("{best:.0} ms"));
        set(".wg-rate", format!("{:.2} × 10⁹", macs / (best / 1000.0) / 1e9));
        set(".wg-x", format!("{:.1}×", scalar_ms / best));
        row.set_attribute("data-ms", &best.to_string()).ok();
        row.set_attribute("data-speedup", &(scalar_ms / best).to_string()).ok();
    }
    status(t(
        lang,
        "done: all three computed identical numbers",
        "完成：三种方式算出的数完全相同",
    ));
    panel.root.set_attribute("data-bench", "done").ok();
    Ok(())
}
