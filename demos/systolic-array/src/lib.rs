//! Demo `systolic-array`: the TPU's matrix unit at page size. A
//! weight-stationary array (`systolic`) runs LeNet-5's F6 layer on real test
//! digits in 8 bits, one clock cycle at a time, with its counters, and
//! checks every sum against the plain integer product; then arrays of 4 to
//! 256 PEs a side are simulated (not drawn) on small and large work.

mod text;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::dom::escape;
use demo_kit::{Lang, Panel, Theme, listen};
use systolic::array::{Run, cycles};
use systolic::{Array, Layer, matmul_i8};
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement, HtmlElement, KeyboardEvent};

/// Array sides on offer for drawing.
pub const SIZES: [usize; 5] = [4, 6, 8, 12, 16];
/// Clock speeds on offer, cycles per second.
pub const SPEEDS: [u32; 4] = [2, 10, 60, 600];
/// Digits streamed through the drawn array.
const DRAWN_DIGITS: usize = 8;
/// Digits in the large-array comparison.
const TABLE_DIGITS: usize = 100;

/// What the drawn array computes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Work {
    /// One tile: the first `n` inputs and outputs of F6.
    Tile,
    /// All of F6: 120 inputs, 84 outputs, tile by tile.
    Layer,
}

struct Sim {
    lang: Lang,
    layer: Option<Rc<Layer>>,
    n: usize,
    m: usize,
    k: usize,
    c: usize,
    a: Vec<u8>,
    w: Vec<i8>,
    want: Vec<i32>,
    array: Array,
    run: Run,
    /// Bumped to stop a running clock.
    clock: u32,
    playing: bool,
    big_running: bool,
}

type Shared = Rc<RefCell<Sim>>;

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("systolic-array");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let sim: Shared = Rc::new(RefCell::new(Sim {
        lang,
        layer: None,
        n: 8,
        m: 0,
        k: 0,
        c: 0,
        a: Vec::new(),
        w: Vec::new(),
        want: Vec::new(),
        array: Array::new(8),
        run: Run::new(8, 0, 0, 0),
        clock: 0,
        playing: false,
        big_running: false,
    }));
    let (p, s) = (panel.clone(), sim.clone());
    panel.on(".sa-step", "click", Box::new(move || step_once(&p, &s)))?;
    let (p, s) = (panel.clone(), sim.clone());
    panel.on(".sa-play", "click", Box::new(move || toggle_play(&p, &s)))?;
    let (p, s) = (panel.clone(), sim.clone());
    panel.on(".sa-end", "click", Box::new(move || run_to_end(&p, &s)))?;
    for class in [".sa-reset", ".sa-size", ".sa-work"] {
        let event = if class == ".sa-reset" { "click" } else { "change" };
        let (p, s) = (panel.clone(), sim.clone());
        panel.on(class, event, Box::new(move || reset(&p, &s)))?;
    }
    let (p, s) = (panel.clone(), sim.clone());
    panel.on(".sa-big", "click", Box::new(move || big_table(&p, &s)))?;
    let (p, s) = (panel.clone(), sim.clone());
    listen(
        &panel.find::<EventTarget>(".sa-grid")?,
        "keydown",
        move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "ArrowRight" | " " | "Enter") {
                e.prevent_default();
                step_once(&p, &s);
            }
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), sim.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    let (p, s) = (panel.clone(), sim.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match load(&p).await {
            Ok(layer) => {
                s.borrow_mut().layer = Some(Rc::new(layer));
                p.message("");
                reset(&p, &s);
            }
            Err(why) => {
                let lang = s.borrow().lang;
                let lead = lang.pick("The demo could not start: ", "演示无法启动：");
                p.message(&format!("{lead}{}", escape(&why)));
                p.root.set_attribute("data-failed", "yes").ok();
            }
        }
    });
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options, row, select};
    let sizes: Vec<(String, String)> =
        SIZES.iter().map(|n| (n.to_string(), format!("{n} × {n}"))).collect();
    let works = vec![
        (
            "tile".to_string(),
            lang.pick("one tile of F6 (8 digits)", "F6 的一个分块（8 个数字）")
                .to_string(),
        ),
        (
            "layer".to_string(),
            lang.pick("all of F6: 120 × 84 (8 digits)", "整个 F6：120 × 84（8 个数字）")
                .to_string(),
        ),
    ];
    let speeds: Vec<(String, String)> = SPEEDS
        .iter()
        .map(|s| (s.to_string(), format!("{s} {}", lang.pick("cycles/s", "周期/秒"))))
        .collect();
    let controls = row(
        "sa-controls",
        &[
            select("sa-size", lang.pick("Array", "阵列"), &options(&sizes), "8"),
            select("sa-work", lang.pick("Work", "任务"), &options(&works), "tile"),
            select("sa-speed", lang.pick("Clock", "时钟"), &options(&speeds), "10"),
        ],
    );
    let big_head = [
        lang.pick("array", "阵列"),
        lang.pick("F6 on 100 digits: cycles", "F6、100 个数字：周期"),
        lang.pick("busy", "忙碌程度"),
        lang.pick("1,024 × 256 by 256 × 256: cycles", "1,024 × 256 乘 256 × 256：周期"),
        lang.pick("busy", "忙碌程度"),
    ];
    let head: String = big_head
        .iter()
        .map(|h| format!("<th scope=\"col\">{}</th>", escape(h)))
        .collect();
    panel.root.set_inner_html(&format!(
        r#"<div class="sa">{controls}
{buttons}
<canvas class="sa-grid" width="480" height="480" tabindex="0" role="img" aria-label="{grid_label}"></canvas>
<p class="sa-tile"></p>
<table class="sa-counters"><tbody></tbody></table>
<p class="sa-check" role="status" aria-live="polite"></p>
{big}
<div class="sa-big-wrap" tabindex="0" role="region" aria-label="{big_label}"><table class="sa-big-table" hidden><thead><tr>{head}</tr></thead><tbody></tbody></table></div>
<p class="demo-message" role="status" aria-live="polite">{loading}</p></div>"#,
        buttons = buttons(
            "sa-buttons",
            &[
                ("sa-step", lang.pick("Step one cycle", "走一个周期")),
                ("sa-play", lang.pick("▶ Run the clock", "▶ 开动时钟")),
                ("sa-end", lang.pick("⇥ To the end", "⇥ 直接算完")),
                ("sa-reset", lang.pick("↺ Reset", "↺ 重置")),
            ]
        ),
        big = buttons(
            "sa-big-row",
            &[(
                "sa-big",
                lang.pick(
                    "Simulate arrays of 4 to 256 a side (not drawn)",
                    "模拟边长 4 到 256 的阵列（不画出来）"
                )
            )]
        ),
        loading = text::loading(lang),
        grid_label = lang.pick("A systolic array, loading", "一个脉动阵列，正在加载"),
        big_label = lang.pick("Arrays of 4 to 256 a side", "边长 4 到 256 的阵列"),
    ));
}

async fn load(panel: &Panel) -> Result<Layer, String> {
    let url = |f: &str| demo_kit::fetch::assets_url(&panel.root, f);
    let weights =
        demo_kit::fetch::bytes(&url("weights/lenet5.safetensors"), false).await?;
    let images =
        demo_kit::fetch::bytes(&url("mnist/t10k-images.idx3-ubyte.gz"), true).await?;
    let labels =
        demo_kit::fetch::bytes(&url("mnist/t10k-labels.idx1-ubyte.gz"), true).await?;
    let digits = mnist::parse(&images, &labels).map_err(|e| e.to_string())?;
    if digits.len() < TABLE_DIGITS {
        return Err(format!("the test file holds only {} digits", digits.len()));
    }
    let data = lenet::Dataset::from_digits(&digits[..TABLE_DIGITS]);
    let mut model = lenet::LeNet5::new(0);
    lenet::weights::load(&mut model, &weights)?;
    Ok(Layer::lenet_f6(&mut model, &data.images, TABLE_DIGITS))
}

/// Starts the drawn product again with the chosen size and work.
fn reset(panel: &Panel, sim: &Shared) {
    let n =
        panel.value(".sa-size").parse().ok().filter(|n| SIZES.contains(n)).unwrap_or(8);
    let work = if panel.value(".sa-work") == "layer" { Work::Layer } else { Work::Tile };
    {
        let mut s = sim.borrow_mut();
        s.clock += 1;
        s.playing = false;
        let Some(layer) = s.layer.clone() else { return };
        let (m, k, c) = match work {
            Work::Tile => (DRAWN_DIGITS, n, n),
            Work::Layer => (DRAWN_DIGITS, layer.k, layer.c),
        };
        // The first m digits, the first k inputs and c outputs of F6.
        let a: Vec<u8> =
            (0..m * k).map(|i| layer.a.q[(i / k) * layer.k + i % k]).collect();
        let w: Vec<i8> =
            (0..k * c).map(|i| layer.w.q[(i / c) * layer.c + i % c]).collect();
        s.want = matmul_i8(m, k, c, &a, &w);
        (s.n, s.m, s.k, s.c, s.a, s.w) = (n, m, k, c, a, w);
        s.array = Array::new(n);
        s.run = Run::new(n, m, k, c);
    }
    let lang = sim.borrow().lang;
    panel.set_text(".sa-play", lang.pick("▶ Run the clock", "▶ 开动时钟"));
    panel.set_text(".sa-check", "");
    panel.root.remove_attribute("data-match").ok();
    show(panel, &sim.borrow());
}

fn advance(s: &mut Sim) {
    let Sim { run, array, a, w, .. } = s;
    run.step(array, a, w);
}

fn step_once(panel: &Panel, sim: &Shared) {
    {
        let mut s = sim.borrow_mut();
        if s.layer.is_none() {
            return;
        }
        advance(&mut s);
    }
    show(panel, &sim.borrow());
}

fn toggle_play(panel: &Panel, sim: &Shared) {
    let lang = sim.borrow().lang;
    let (playing, clock) = {
        let mut s = sim.borrow_mut();
        if s.layer.is_none() {
            return;
        }
        s.playing = !s.playing;
        s.clock += 1;
        (s.playing, s.clock)
    };
    if !playing {
        panel.set_text(".sa-play", lang.pick("▶ Run the clock", "▶ 开动时钟"));
        return;
    }
    panel.set_text(".sa-play", lang.pick("⏸ Stop the clock", "⏸ 停下时钟"));
    let (p, s) = (panel.clone(), sim.clone());
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            let speed: u32 = p
                .value(".sa-speed")
                .parse()
                .ok()
                .filter(|v| SPEEDS.contains(v))
                .unwrap_or(10);
            // Fast clocks do several cycles per frame of about 30 ms.
            let (wait, per) = if speed <= 30 {
                (1000 / speed as i32, 1)
            } else {
                (30, speed as usize * 30 / 1000)
            };
            demo_kit::dom::sleep(wait).await;
            {
                let mut st = s.borrow_mut();
                if st.clock != clock {
                    return;
                }
                for _ in 0..per {
                    advance(&mut st);
                }
            }
            show(&p, &s.borrow());
            if s.borrow().run.done() {
                s.borrow_mut().playing = false;
                p.set_text(".sa-play", lang.pick("▶ Run the clock", "▶ 开动时钟"));
                return;
            }
        }
    });
}

fn run_to_end(panel: &Panel, sim: &Shared) {
    {
        let mut s = sim.borrow_mut();
        if s.layer.is_none() {
            return;
        }
        s.clock += 1;
        s.playing = false;
        while !s.run.done() {
            advance(&mut s);
        }
    }
    let lang = sim.borrow().lang;
    panel.set_text(".sa-play", lang.pick("▶ Run the clock", "▶ 开动时钟"));
    show(panel, &sim.borrow());
}

/// Counters, tile, check and picture.
fn show(panel: &Panel, s: &Sim) {
    let lang = s.lang;
    let c = s.array.counters;
    let rows: String = text::counters(lang, &c, s.n)
        .iter()
        .map(|(k, v)| {
            format!("<tr><th scope=\"row\">{}</th><td>{v}</td></tr>", escape(k))
        })
        .collect();
    if let Ok(body) = panel.find::<HtmlElement>(".sa-counters tbody") {
        body.set_inner_html(&rows);
    }
    if s.run.done() {
        let right = s.run.out.iter().zip(&s.want).filter(|(a, b)| a == b).count();
        panel.set_text(".sa-check", &text::checked(lang, right, s.want.len()));
        let matched = if right == s.want.len() { "yes" } else { "no" };
        panel.root.set_attribute("data-match", matched).ok();
        panel.set_text(".sa-tile", "");
    } else {
        panel.set_text(".sa-tile", &text::tile(lang, s.run.k0, s.run.c0, s.k, s.c, s.n));
    }
    for (a, v) in [
        ("data-cycle", (c.cycles + c.load_cycles).to_string()),
        ("data-macs", c.macs.to_string()),
        ("data-size", s.n.to_string()),
    ] {
        panel.root.set_attribute(a, &v).ok();
    }
    draw(panel, s);
}

/// The array: each PE coloured by its weight, outlined while it multiplies
/// real data, with the activation passing through it; what enters on the
/// left and leaves at the bottom this cycle.
fn draw(panel: &Panel, s: &Sim) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".sa-grid") else { return };
    let Ok(ctx) = demo_kit::dom::context_2d(&canvas) else { return };
    let theme = Theme::current();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    let n = s.n.max(1);
    let margin = 44.0;
    let cell = ((w - margin - 8.0) / n as f64).min((h - margin - 8.0) / n as f64);
    let font = (cell * 0.34).clamp(9.0, 15.0);
    ctx.set_font(&format!("{font:.0}px sans-serif"));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let mut busy = 0;
    for i in 0..n {
        for j in 0..n {
            let pe = s.array.pes[i * n + j];
            let (x, y) = (margin + j as f64 * cell, 4.0 + i as f64 * cell);
            let fill = if pe.used {
                theme.diverging(f32::from(pe.weight), 127.0)
            } else {
                theme.bg.mix(theme.fg, 0.06)
            };
            ctx.set_fill_style_str(&fill.css());
            ctx.fill_rect(x + 1.0, y + 1.0, cell - 2.0, cell - 2.0);
            if pe.used && pe.act_row.is_some() {
                busy += 1;
                ctx.set_stroke_style_str(&theme.fg.css());
                ctx.set_line_width(2.5);
                ctx.stroke_rect(x + 2.0, y + 2.0, cell - 4.0, cell - 4.0);
            }
            if pe.act_row.is_some() && cell >= 26.0 {
                ctx.set_fill_style_str(&theme.fg.css());
                let _ =
                    ctx.fill_text(&pe.act.to_string(), x + cell / 2.0, y + cell / 2.0);
            }
        }
    }
    // What entered each row this cycle, and which result leaves each column.
    ctx.set_fill_style_str(&theme.fg.css());
    for (i, input) in s.run.last.iter().enumerate().take(n) {
        let y = 4.0 + (i as f64 + 0.5) * cell;
        let label = input.map_or("·".to_string(), |(a, _)| format!("{a}→"));
        let _ = ctx.fill_text(&label, margin / 2.0, y);
    }
    let bottom = 4.0 + n as f64 * cell + margin / 2.0;
    for j in 0..n {
        let pe = s.array.pes[(n - 1) * n + j];
        let label = if pe.sum_row.is_some() && pe.used { "↓" } else { "" };
        let _ = ctx.fill_text(label, margin + (j as f64 + 0.5) * cell, bottom - 8.0);
    }
    let c = s.array.counters;
    let label = text::grid_label(s.lang, n, c.cycles + c.load_cycles, busy);
    canvas.set_attribute("aria-label", &label).ok();
    panel.root.set_attribute("data-busy", &busy.to_string()).ok();
}

/// One row of the comparison: F6 on 100 digits and a large product, both
/// simulated cycle by cycle in slices (the page stays responsive), both
/// checked against the plain product.
fn big_table(panel: &Panel, sim: &Shared) {
    let layer = {
        let mut s = sim.borrow_mut();
        if s.big_running {
            return;
        }
        let Some(layer) = s.layer.clone() else { return };
        s.big_running = true;
        layer
    };
    if let Ok(t) = panel.find::<HtmlElement>(".sa-big-table") {
        t.set_hidden(false);
    }
    if let Ok(b) = panel.find::<HtmlElement>(".sa-big") {
        b.set_attribute("disabled", "").ok();
    }
    let (p, s) = (panel.clone(), sim.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let lang = s.borrow().lang;
        let (big_m, big_k, big_c) = (1024, 256, 256);
        let big_a: Vec<u8> = numbers(big_m * big_k, 1).iter().map(|&v| v as u8).collect();
        let big_w = numbers(big_k * big_c, 2);
        let big_want = matmul_i8(big_m, big_k, big_c, &big_a, &big_w);
        let f6_want = matmul_i8(layer.m, layer.k, layer.c, &layer.a.q, &layer.w.q);
        let mut rows = String::new();
        let mut all_right = true;
        for n in [4, 16, 64, 256] {
            let mut cells = vec![format!("{n} × {n}")];
            for (m, k, c, a, w, want) in [
                (layer.m, layer.k, layer.c, &layer.a.q, &layer.w.q, &f6_want),
                (big_m, big_k, big_c, &big_a, &big_w, &big_want),
            ] {
                let mut array = Array::new(n);
                let mut run = Run::new(n, m, k, c);
                while !run.done() {
                    let t0 = demo_kit::worker::now();
                    while !run.done() && demo_kit::worker::now() - t0 < 40.0 {
                        for _ in 0..64 {
                            run.step(&mut array, a, w);
                        }
                    }
                    demo_kit::dom::sleep(0).await;
                }
                all_right &= run.out == *want;
                let counters = array.counters;
                debug_assert_eq!(
                    counters.cycles + counters.load_cycles,
                    cycles(n, m, k, c)
                );
                cells.push(demo_kit::controls::thousands(
                    counters.cycles + counters.load_cycles,
                ));
                cells.push(format!("{:.1}%", 100.0 * counters.utilisation(n)));
            }
            p.root.set_attribute(&format!("data-big-{n}"), &cells[1..].join(" ")).ok();
            rows.push_str(&format!(
                "<tr><th scope=\"row\">{}</th>{}</tr>",
                cells[0],
                cells[1..].iter().map(|c| format!("<td>{c}</td>")).collect::<String>()
            ));
            if let Ok(body) = p.find::<HtmlElement>(".sa-big-table tbody") {
                body.set_inner_html(&rows);
            }
        }
        let note = match (lang, all_right) {
            (Lang::En, true) => {
                "Every sum of all eight products equals the plain integer product."
            }
            (Lang::Zh, true) => "八个乘积的每一个和，都与直接算的整数乘积相同。",
            (Lang::En, false) => "Some sums differ from the plain product: a bug.",
            (Lang::Zh, false) => "有些和与直接算的乘积不同：这是个错误。",
        };
        p.message(note);
        p.root.set_attribute("data-big-match", if all_right { "yes" } else { "no" }).ok();
        s.borrow_mut().big_running = false;
        if let Ok(b) = p.find::<HtmlElement>(".sa-big") {
            b.remove_attribute("disabled").ok();
        }
    });
}

/// Reproducible 8-bit numbers for the large product.
fn numbers(len: usize, seed: u32) -> Vec<i8> {
    let mut s = seed;
    (0..len)
        .map(|_| {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (s >> 24) as i8
        })
        .collect()
}

/// For `./dev bench`: simulated cycles per second of a 256 × 256 array on
/// the page's large product (1,024 × 256 by 256 × 256).
#[wasm_bindgen]
pub fn bench_cycles() -> f64 {
    let (m, k, c, n) = (1024, 256, 256, 256);
    let a: Vec<u8> = numbers(m * k, 1).iter().map(|&v| v as u8).collect();
    let w = numbers(k * c, 2);
    let t0 = demo_kit::worker::now();
    let (_, counters) = systolic::matmul(&mut Array::new(n), m, k, c, &a, &w);
    counters.cycles as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-6)
}
