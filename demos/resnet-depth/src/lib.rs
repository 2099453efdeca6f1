//! Demo `resnet-depth`, "deeper is worse — until residuals": four networks
//! (plain and residual, each at two depths) train side by side in a worker
//! on the same batches (`depth::Race`); the page plots their training error
//! as ResNet's first figure did.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::dom::escape;
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use protocol::{DEPTHS, FromWorker, RATES, STEPS, ToWorker};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, EventTarget, HtmlCanvasElement, HtmlElement};

pub use worker::worker_main;

struct Page {
    lang: Lang,
    phase: Phase,
    depths: (usize, usize),
    steps: usize,
    /// Each network's (step, error) so far.
    curves: [Vec<(f32, f32)>; 4],
}

type Shared = Rc<RefCell<Page>>;

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train all four", "▶ 训练这四个网络")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("resnet-depth");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        depths: DEPTHS[0],
        steps: STEPS[1],
        curves: Default::default(),
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "resnet-depth",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let on = |selector: &str, f: Box<dyn Fn()>| -> Result<(), JsValue> {
        listen(&panel.find::<EventTarget>(selector)?, "click", move |_: Event| f())
    };
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(".rd-start", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    on(
        ".rd-reset",
        Box::new(move || {
            c.reset();
            s.borrow_mut().curves = Default::default();
            set_phase(&p, &s, Phase::Idle);
            p.message("");
            p.set_text(".rd-result", "");
            let lang = s.borrow().lang;
            demo_kit::controls::set_progress(&p, "rd", 0.0, text::ready(lang));
            draw(&p, &s.borrow());
        }),
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    draw(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, options as refs, progress, row, select};
    let depths: Vec<(String, String)> = DEPTHS
        .iter()
        .map(|(a, b)| {
            let label = match lang {
                Lang::En => format!("{a} against {b} layers"),
                Lang::Zh => format!("{a} 层对 {b} 层"),
            };
            (format!("{a}-{b}"), label)
        })
        .collect();
    let rates: Vec<(String, String)> =
        RATES.iter().map(|r| (r.to_string(), r.to_string())).collect();
    let steps: Vec<(String, String)> = STEPS
        .iter()
        .map(|s| (s.to_string(), demo_kit::controls::thousands(*s as u64)))
        .collect();
    let fields = [
        select("rd-depths", t(lang, "Depths", "深度"), &refs(&depths), "8-20"),
        select("rd-lr", t(lang, "Learning rate", "学习率"), &refs(&rates), "0.01"),
        select(
            "rd-steps",
            t(lang, "Steps (64 digits each)", "步数（每步 64 个数字）"),
            &refs(&steps),
            "1500",
        ),
    ];
    let figure = |class: &str, caption: &str| {
        format!(
            r#"<figure class="rd-figure"><canvas class="{class}" width="560" height="280"></canvas><figcaption>{caption}</figcaption></figure>"#
        )
    };
    panel.root.set_inner_html(&format!(
        r#"<div class="rd">{controls}
{buttons}{progress}
<div class="dk-charts rd-charts">{plain}{residual}</div>
<p class="rd-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        controls = row("rd-controls", &fields),
        buttons = buttons(
            "rd-buttons",
            &[
                ("rd-start", start_label(lang)),
                ("rd-reset", t(lang, "↺ Reset", "↺ 重置"))
            ]
        ),
        progress = progress("rd", text::ready(lang)),
        plain = figure(
            "rd-plain",
            t(
                lang,
                "Plain networks: each block's output replaces its input.",
                "普通网络：每个块的输出取代它的输入。"
            )
        ),
        residual = figure(
            "rd-residual",
            t(
                lang,
                "Residual networks: the same blocks, their output added to their input.",
                "残差网络：同样的块，输出加到输入上。"
            )
        ),
    ));
}

/// The chosen depths, learning rate and steps, if each is one on offer.
fn settings(panel: &Panel) -> Option<((usize, usize), f32, usize)> {
    let depths = DEPTHS
        .into_iter()
        .find(|(a, b)| panel.value(".rd-depths") == format!("{a}-{b}"))?;
    let lr = RATES.into_iter().find(|r| panel.value(".rd-lr") == r.to_string())?;
    let steps = STEPS.into_iter().find(|s| panel.value(".rd-steps") == s.to_string())?;
    Some((depths, lr, steps))
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "rd", lang, start_label(lang));
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (lang, phase) = {
        let st = state.borrow();
        (st.lang, st.phase)
    };
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let Some((depths, lr, steps)) = settings(panel) else {
        return panel.message(text::bad_choice(lang));
    };
    panel.message("");
    panel.set_text(".rd-result", "");
    {
        let mut st = state.borrow_mut();
        st.depths = depths;
        st.steps = steps;
        st.curves = Default::default();
    }
    for a in ["data-step", "data-errors"] {
        panel.root.remove_attribute(a).ok();
    }
    draw(panel, &state.borrow());
    set_phase(panel, state, Phase::Loading);
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    client.send(&ToWorker::Start {
        run: client.next_run(),
        shallow: depths.0,
        deep: depths.1,
        lr,
        steps,
        assets,
    });
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Loading { done } => {
            demo_kit::controls::set_progress(
                panel,
                "rd",
                0.0,
                &text::loading(lang, done),
            );
        }
        FromWorker::Progress { step, steps, per_second } => {
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
            let fraction = step as f32 / steps.max(1) as f32;
            let left = steps.saturating_sub(step) as f32 / per_second.max(1e-3);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                per_second,
                ("steps of all four", "步（四个网络各一步）"),
                Some(left),
            );
            demo_kit::controls::set_progress(panel, "rd", fraction, &status);
        }
        FromWorker::Errors { step, errors } => {
            let depths = {
                let mut st = state.borrow_mut();
                for (curve, e) in st.curves.iter_mut().zip(&errors) {
                    curve.push((step as f32, e * 100.0));
                }
                st.depths
            };
            panel.set_text(".rd-result", &text::result(lang, step, depths, &errors));
            let list: Vec<String> = errors.iter().map(|e| format!("{e:.4}")).collect();
            panel.root.set_attribute("data-errors", &list.join(",")).ok();
            panel.root.set_attribute("data-step", &step.to_string()).ok();
            draw(panel, &state.borrow());
        }
        FromWorker::Done { seconds } => {
            set_phase(panel, state, Phase::Done);
            demo_kit::controls::set_progress(
                panel,
                "rd",
                1.0,
                &text::done(lang, seconds),
            );
        }
        FromWorker::Failed { message } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&text::failed(lang, &escape(&message)));
        }
    }
}

/// Both charts on one error scale, so plain and residual compare by eye.
fn draw(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let lang = st.lang;
    let top = st.curves.iter().flatten().fold(10.0f32, |m, p| m.max(p.1)) * 1.05;
    let (shallow, deep) = st.depths;
    let labels =
        (t(lang, "steps", "步数"), t(lang, "training error (%)", "训练误差（%）"));
    for (class, residual, [a, b]) in [
        (".rd-plain", false, [&st.curves[0], &st.curves[1]]),
        (".rd-residual", true, [&st.curves[2], &st.curves[3]]),
    ] {
        let (name_a, name_b) =
            (text::name(lang, residual, shallow), text::name(lang, residual, deep));
        let series = [
            Series::line(&name_a, theme.fg, a),
            Series::line(&name_b, theme.positive, b),
        ];
        if let Ok(canvas) = panel.find::<HtmlCanvasElement>(class)
            && let Err(e) = line_chart(
                &canvas,
                &theme,
                labels.0,
                labels.1,
                st.steps as f32,
                0.0..top,
                &series,
            )
        {
            panel.message(&escape(&e));
        }
    }
}

/// For `./dev bench`: rounds per second of the page's default race (8 and
/// 20 layers, plain and residual, a step of each per round) over `rounds`
/// rounds, on random images (the speed does not depend on the pictures).
#[wasm_bindgen]
pub fn bench_race(rounds: usize) -> f64 {
    let mut rng = 7u32;
    let mut next = || {
        rng = rng.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (rng >> 8) as f32 / (1u32 << 24) as f32
    };
    let data = lenet::Dataset {
        images: (0..2000 * 784).map(|_| next()).collect(),
        labels: (0..2000).map(|i| (i % 10) as u8).collect(),
    };
    let mut race = depth::Race::new(8, 20, depth::Settings::default());
    race.round(&data);
    let t0 = demo_kit::worker::now();
    for _ in 0..rounds {
        race.round(&data);
    }
    rounds as f64 / ((demo_kit::worker::now() - t0) / 1000.0).max(1e-3)
}
