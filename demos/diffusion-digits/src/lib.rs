//! Demo `diffusion-digits`, "draw me a 7": the shipped digit U-Net draws
//! one MNIST-style digit from noise, step by step, in the page. Every
//! setting is the reader's: the digit (or none), steps, guidance scale,
//! sampler, step spacing and seed. Both pictures of each step are shown,
//! the noisy image and the network's guess of the clean one, and the
//! book's LeNet-5 reads the result. The model and samplers are the
//! `diffusion` crate's; this crate only reads controls and paints.

mod text;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::dom::escape;
use demo_kit::worker::now;
use demo_kit::{Lang, Panel, Theme, listen};
use diffusion::digits::Guided;
use diffusion::sample::{Run, Sampler, start};
use diffusion::unet::{NO_DIGIT, UNet};
use diffusion::{Schedule, judge};
use lenet::LeNet5;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, HtmlElement, HtmlInputElement};

/// Most steps a reader may ask for: the schedule has 1,000.
pub const MAX_STEPS: usize = 1000;
/// Work between repaints, so the page stays responsive.
const SLICE_MS: f64 = 30.0;

/// What one drawing was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub digit: u8,
    pub steps: usize,
    pub scale: f32,
    pub sampler: Sampler,
    pub karras: bool,
    /// DDIM's η (fresh noise, 0 none to 1 DDPM's).
    pub eta: f32,
    pub seed: u64,
}

/// A drawing: the image after every step and the clean-image guess made
/// at every step.
#[derive(Default)]
struct Drawing {
    frames: Vec<Vec<f32>>,
    cleans: Vec<Vec<f32>>,
    /// The step `t` each frame is at (the last frame is clean).
    at: Vec<usize>,
    total: usize,
}

struct Page {
    lang: Lang,
    schedule: Schedule,
    net: Option<UNet>,
    lenet: Option<LeNet5>,
    drawing: Drawing,
    /// The drawing under way; a new press starts another and the old one stops.
    run: u32,
}

type Shared = Rc<RefCell<Page>>;

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("diffusion-digits");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        schedule: Schedule::ddpm(),
        net: None,
        lenet: None,
        drawing: Drawing::default(),
        run: 0,
    }));
    let (p, s) = (panel.clone(), state.clone());
    panel.on(".dd-draw", "click", Box::new(move || on_draw(&p, &s)))?;
    let (p, s) = (panel.clone(), state.clone());
    panel.on(
        ".dd-again",
        "click",
        Box::new(move || {
            // Another seed, the rest as it is.
            if let Ok(f) = p.find::<HtmlInputElement>(".dd-seed") {
                let next =
                    f.value().trim().parse::<u64>().map_or(1, |v| v.wrapping_add(1));
                f.set_value(&next.to_string());
            }
            on_draw(&p, &s)
        }),
    )?;
    let (p, s) = (panel.clone(), state.clone());
    panel.on(".dd-frame", "input", Box::new(move || paint(&p, &s.borrow())))?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| paint(&p, &s.borrow()))?;
    }
    paint(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, progress, row, select};
    let t = |en, zh| lang.pick(en, zh);
    let digits: Vec<(String, String)> = (0..10)
        .map(|d| (d.to_string(), d.to_string()))
        .chain([("none".to_string(), t("no prompt", "无提示").to_string())])
        .collect();
    let digits: Vec<(&str, &str)> =
        digits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let samplers: Vec<(&str, &str)> =
        Sampler::ALL.iter().map(|s| (s.name(), s.label(lang == Lang::Zh))).collect();
    let spacing = [
        ("even", t("even in t", "按 t 均匀")),
        ("karras", t("Karras (crowded at low noise)", "Karras（低噪声处更密）")),
    ];
    let prompt = row(
        "dd-controls",
        &[
            select("dd-digit", t("Digit (the prompt)", "数字（提示）"), &digits, "7"),
            field("dd-scale", t("Guidance scale (0–20)", "引导强度（0–20）"), "3", true),
            field("dd-seed", t("Seed", "随机种子"), "1", true),
        ],
    );
    let how = row(
        "dd-controls",
        &[
            select("dd-sampler", t("Sampler", "采样器"), &samplers, "ddim"),
            field("dd-steps", t("Steps (1–1000)", "步数（1–1000）"), "50", true),
            select("dd-spacing", t("Step spacing", "步长分布"), &spacing, "even"),
            field("dd-eta", t("DDIM's η (0–1)", "DDIM 的 η（0–1）"), "0", true),
        ],
    );
    panel.root.set_inner_html(&format!(
        r#"<div class="dd">{prompt}{how}
{buttons}{progress}
<div class="dk-charts dd-views">
<figure class="dd-view"><canvas class="dd-noisy" width="28" height="28" role="img"></canvas><figcaption class="dd-noisy-caption"></figcaption></figure>
<figure class="dd-view"><canvas class="dd-clean" width="28" height="28" role="img"></canvas><figcaption class="dd-clean-caption"></figcaption></figure>
</div>
<label class="dd-slider">{scrub} <input type="range" class="dd-frame" min="0" max="0" value="0" disabled></label>
<p class="dd-result" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        buttons = buttons(
            "dd-buttons",
            &[("dd-draw", t("✦ Draw", "✦ 画")), ("dd-again", t("↻ Another seed", "↻ 换个种子"))]
        ),
        progress = progress("dd", ""),
        scrub = t("Step", "步"),
    ));
}

/// The controls as a request, or the message saying which one is wrong.
fn read_ask(panel: &Panel, lang: Lang) -> Result<Ask, String> {
    let quote = |what: (&str, &str), raw: &str| {
        format!(
            "{}{}“{}”",
            lang.pick(what.0, what.1),
            lang.pick(" ", ""),
            escape(raw.trim())
        )
    };
    let raw = panel.value(".dd-steps");
    let steps = raw
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|s| (1..=MAX_STEPS).contains(s))
        .ok_or_else(|| {
            quote(
                (
                    "Steps must be a whole number from 1 to 1000, not",
                    "步数必须是 1 到 1000 之间的整数，而不是",
                ),
                &raw,
            )
        })?;
    let raw = panel.value(".dd-scale");
    let scale = diffusion::parse_scale(&raw).ok_or_else(|| {
        quote(
            (
                "The guidance scale must be a number from 0 to 20, not",
                "引导强度必须是 0 到 20 之间的数，而不是",
            ),
            &raw,
        )
    })?;
    let raw = panel.value(".dd-eta");
    let eta =
        raw.trim().parse::<f32>().ok().filter(|e| (0.0..=1.0).contains(e)).ok_or_else(
            || {
                quote(
                    (
                        "DDIM's η must be a number from 0 to 1, not",
                        "DDIM 的 η 必须是 0 到 1 之间的数，而不是",
                    ),
                    &raw,
                )
            },
        )?;
    let raw = panel.value(".dd-seed");
    let seed = raw.trim().parse::<u64>().map_err(|_| {
        quote(
            (
                "The seed must be a whole number from 0 up, not",
                "随机种子必须是 0 或正整数，而不是",
            ),
            &raw,
        )
    })?;
    Ok(Ask {
        digit: panel
            .value(".dd-digit")
            .parse()
            .ok()
            .filter(|&d| d < 10)
            .unwrap_or(NO_DIGIT),
        steps,
        scale,
        sampler: Sampler::from_name(&panel.value(".dd-sampler")).unwrap_or(Sampler::Ddim),
        karras: panel.value(".dd-spacing") == "karras",
        eta,
        seed,
    })
}

fn on_draw(panel: &Panel, state: &Shared) {
    let lang = state.borrow().lang;
    let ask = match read_ask(panel, lang) {
        Ok(a) => a,
        Err(message) => return panel.message(&message),
    };
    panel.message("");
    let run = {
        let mut st = state.borrow_mut();
        st.run += 1;
        st.run
    };
    let (p, s) = (panel.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(why) = ensure_weights(&p, &s).await {
            p.root.set_attribute("data-weights", "failed").ok();
            return p.message(&text::weights_failed(lang, &why));
        }
        draw(&p, &s, run, ask).await;
    });
}

/// Fetches the U-Net's and LeNet-5's weights once.
async fn ensure_weights(panel: &Panel, state: &Shared) -> Result<(), String> {
    if state.borrow().net.is_some() && state.borrow().lenet.is_some() {
        return Ok(());
    }
    let lang = state.borrow().lang;
    panel.root.set_attribute("data-weights", "loading").ok();
    demo_kit::controls::set_progress(
        panel,
        "dd",
        0.0,
        lang.pick("Loading the weights…", "正在加载权重…"),
    );
    let url = |file: &str| demo_kit::fetch::assets_url(&panel.root, file);
    let bytes =
        demo_kit::fetch::bytes(&url("weights/unet-digits.safetensors"), false).await?;
    let net = diffusion::weights::load(&bytes)?;
    let mut lenet = LeNet5::new(0);
    let bytes = demo_kit::fetch::bytes(&url("weights/lenet5.safetensors"), false).await?;
    lenet::weights::load(&mut lenet, &bytes)?;
    let params = net.param_count();
    let mut st = state.borrow_mut();
    st.net = Some(net);
    st.lenet = Some(lenet);
    panel.root.set_attribute("data-weights", "loaded").ok();
    panel.root.set_attribute("data-params", &params.to_string()).ok();
    Ok(())
}

/// Runs the sampler a slice of steps at a time, painting in between.
async fn draw(panel: &Panel, state: &Shared, run: u32, ask: Ask) {
    let lang = state.borrow().lang;
    let schedule = state.borrow().schedule.clone();
    let steps =
        if ask.karras { schedule.karras(ask.steps) } else { schedule.spaced(ask.steps) };
    let total = steps.len();
    let mut r =
        Run::through(ask.sampler, steps.clone(), start(1, 784, ask.seed), ask.seed);
    r.eta = ask.eta;
    state.borrow_mut().drawing = Drawing {
        frames: vec![r.trajectory.frames[0].clone()],
        cleans: Vec::new(),
        at: steps.clone(),
        total,
    };
    panel.root.set_attribute("data-drawing", "yes").ok();
    let (mut busy_ms, mut calls) = (0.0, 0);
    while !r.finished() {
        {
            let mut st = state.borrow_mut();
            let Page { net: Some(net), drawing, .. } = &mut *st else { return };
            let mut model = Guided::new(net, &schedule, ask.digit, ask.scale);
            let t0 = now();
            while now() - t0 < SLICE_MS && !r.finished() {
                r.step(&mut model, &schedule);
                drawing
                    .frames
                    .push(r.trajectory.frames.last().cloned().unwrap_or_default());
                drawing.cleans.push(r.clean.clone());
            }
            busy_ms += now() - t0;
            calls += model.calls;
        }
        let done = r.done();
        demo_kit::controls::set_progress(
            panel,
            "dd",
            done as f32 / total as f32,
            &text::progress(lang, done, total),
        );
        show_frame(panel, done);
        paint(panel, &state.borrow());
        demo_kit::sleep(0).await;
        if state.borrow().run != run {
            return; // another drawing began
        }
    }
    let image = r.trajectory.frames.last().cloned().unwrap_or_default();
    let read = state.borrow_mut().lenet.as_mut().map(|l| judge::read(l, &image)[0]);
    let asked = (ask.digit < 10).then_some(ask.digit);
    if let Some((digit, p)) = read {
        panel.set_text(
            ".dd-result",
            &text::result(lang, asked, digit, p, total, calls, busy_ms / 1000.0),
        );
        for (a, v) in
            [("data-read", digit.to_string()), ("data-confidence", format!("{p:.4}"))]
        {
            panel.root.set_attribute(a, &v).ok();
        }
    }
    let pixels: Vec<String> = image.iter().map(|v| format!("{v:.3}")).collect();
    for (a, v) in [
        ("data-image", pixels.join(",")),
        ("data-calls", calls.to_string()),
        ("data-ms", format!("{busy_ms:.0}")),
        ("data-steps", total.to_string()),
    ] {
        panel.root.set_attribute(a, &v).ok();
    }
    panel.root.remove_attribute("data-drawing").ok();
}

/// Moves the step slider to `frame` (and lets the reader scrub back).
fn show_frame(panel: &Panel, frame: usize) {
    if let Ok(f) = panel.find::<HtmlInputElement>(".dd-frame") {
        f.set_max(&frame.to_string());
        f.set_value(&frame.to_string());
        f.set_disabled(false);
    }
}

/// The noisy image of the slider's frame and the clean guess made from it.
fn paint(panel: &Panel, st: &Page) {
    let d = &st.drawing;
    let frame = panel
        .find::<HtmlInputElement>(".dd-frame")
        .ok()
        .and_then(|f| f.value().parse::<usize>().ok())
        .unwrap_or(0)
        .min(d.frames.len().saturating_sub(1));
    let theme = Theme::current();
    let noisy = d.frames.get(frame);
    // The guess made at this frame's step; at the end, the finished image.
    let clean =
        d.cleans.get(frame).or(if frame + 1 == d.frames.len() { noisy } else { None });
    let noise = d.at.get(frame).map_or(0.0, |&t| (1.0 - st.schedule.alpha_bar[t]).sqrt());
    let captions = text::captions(st.lang, frame, d.total, noise, !d.frames.is_empty());
    for ((class, image), caption) in
        [(".dd-noisy", noisy), (".dd-clean", clean)].into_iter().zip(captions)
    {
        if let Ok(canvas) = panel.find::<HtmlCanvasElement>(class) {
            paint_image(&canvas, &theme, image.map(|v| v.as_slice()));
            canvas.set_attribute("aria-label", &caption).ok();
        }
        panel.set_text(&format!("{class}-caption"), &caption);
    }
}

/// A 28×28 image from paper (−1) to ink (1); an empty square without one.
fn paint_image(canvas: &HtmlCanvasElement, theme: &Theme, image: Option<&[f32]>) {
    let Ok(ctx) = demo_kit::dom::context_2d(canvas) else { return };
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, 28.0, 28.0);
    let Some(image) = image else { return };
    for (i, v) in image.iter().enumerate().take(784) {
        let ink = ((v + 1.0) * 0.5).clamp(0.0, 1.0);
        if ink > 0.02 {
            ctx.set_fill_style_str(&theme.ink(ink).css());
            ctx.fill_rect((i % 28) as f64, (i / 28) as f64, 1.0, 1.0);
        }
    }
}

/// For `./dev bench`: the picture this page draws by default (a 7,
/// guidance 3, DDIM) in `steps` steps with the weights given, and the
/// milliseconds it took as the last number.
#[wasm_bindgen]
pub fn bench_draw(weights: &[u8], steps: usize) -> Result<Vec<f32>, JsValue> {
    let mut net = diffusion::weights::load(weights).map_err(|e| JsValue::from_str(&e))?;
    let schedule = Schedule::ddpm();
    let setting = judge::Setting {
        digit: 7,
        scale: 3.0,
        sampler: Sampler::Ddim,
        steps: schedule.spaced(steps),
        seed: 1,
    };
    let t0 = now();
    let mut image = judge::draw(&mut net, &schedule, &setting, 1);
    image.push((now() - t0) as f32);
    Ok(image)
}

/// For `./dev bench`: the starting noise of [`bench_draw`], so that a peer
/// can start from the same image.
#[wasm_bindgen]
pub fn bench_noise() -> Vec<f32> {
    start(1, 784, 1)
}
