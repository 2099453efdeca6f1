//! Demo `diffusion-2d`: a diffusion model of a point cloud, trained in a
//! Web Worker (`worker.rs`) in seconds. Left, the forward process on a
//! slider: the shape dissolves into noise. Right, the reverse process: the
//! paths of a few hundred points from noise to the shape under the chosen
//! sampler, scrubbed step by step.

pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::colour::Rgb;
use demo_kit::dom::escape;
use demo_kit::phase::Phase;
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use diffusion::{Schedule, shapes};
use protocol::{FromWorker, SAMPLE_STEPS, TRAIN_STEPS, ToWorker, parse_scale};
use text::t;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlCanvasElement, HtmlElement, HtmlInputElement};

pub use worker::worker_main;

/// What a sample was asked for: sampler, prompt (with the shape it is a
/// part of) and guidance scale.
#[derive(Clone)]
struct Asked {
    sampler: String,
    prompt: Option<u8>,
    shape: String,
    scale: f32,
}

/// A finished sample as the page keeps it.
struct Sampled {
    sampler: String,
    frames: Vec<Vec<f32>>,
    index: Vec<usize>,
    noise: Vec<f32>,
}

struct Page {
    lang: Lang,
    phase: Phase,
    schedule: Schedule,
    /// The chosen shape's points (the same the worker learns), shown from the start.
    data: Vec<f32>,
    /// Whether the worker holds a model to sample from.
    trained: bool,
    /// Fixed noise per point, so the forward slider moves points smoothly.
    noise: Vec<f32>,
    steps: usize,
    loss: Vec<(f32, f32)>,
    preview: Option<(usize, Vec<f32>)>,
    sample: Option<Sampled>,
    /// The sample under way (the controls may change meanwhile).
    sampling: Option<Asked>,
    /// The shape being learnt.
    shape: String,
    /// The share of pure noise that counts as on the shape, for scale.
    noise_share: f32,
}

type Shared = Rc<RefCell<Page>>;

/// Half the width of the square drawn, in data units (the data have unit variance).
const VIEW: f32 = 2.8;
/// Data points drawn (of the 4,000 learnt).
const DRAWN: usize = 1500;
const SHARED: [(&str, &str); 2] = [("shape", ".d2-shape"), ("steps", ".d2-train-steps")];

fn start_label(lang: Lang) -> &'static str {
    t(lang, "▶ Train", "▶ 训练")
}

#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("diffusion-2d");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang);
    demo_kit::share::restore_controls(&panel, "diffusion-2d", &SHARED);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        schedule: Schedule::ddpm(),
        data: Vec::new(),
        trained: false,
        noise: diffusion::sample::start(DRAWN, 2, 11),
        steps: 0,
        loss: Vec::new(),
        preview: None,
        sample: None,
        sampling: None,
        shape: String::new(),
        noise_share: f32::NAN,
    }));
    let (p, s, p2, s2) = (panel.clone(), state.clone(), panel.clone(), state.clone());
    let client = Client::new(
        &panel,
        "diffusion-2d",
        move |m: FromWorker| on_report(&p, &s, m),
        |_| {},
        move |why| {
            set_phase(&p2, &s2, Phase::Failed);
            s2.borrow_mut().sampling = None;
            demo_kit::worker::show_start_failure(&p2, &why);
        },
    );
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".d2-start", "click", Box::new(move || on_start(&p, &s, &c)))?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(
        ".d2-reset",
        "click",
        Box::new(move || {
            c.reset();
            clear(&p, &s);
            set_phase(&p, &s, Phase::Idle);
            show_shape(&p, &s);
            p.message("");
        }),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    panel.on(".d2-sample", "click", Box::new(move || on_sample(&p, &s, &c)))?;
    // Another shape: the old model and its samples go (the select is locked
    // while one trains), and the new shape is shown at once.
    let (p, s, c) = (panel.clone(), state.clone(), client);
    panel.on(
        ".d2-shape",
        "change",
        Box::new(move || {
            name_parts(&p, lang);
            c.reset();
            clear(&p, &s);
            set_phase(&p, &s, Phase::Idle);
            show_shape(&p, &s);
        }),
    )?;
    name_parts(&panel, lang);
    show_shape(&panel, &state);

    let (p, s) = (panel.clone(), state.clone());
    panel.on(".d2-t", "input", Box::new(move || draw_forward(&p, &s.borrow())))?;
    let (p, s) = (panel.clone(), state.clone());
    panel.on(".d2-frame", "input", Box::new(move || draw_reverse(&p, &s.borrow())))?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: Event| draw(&p, &s.borrow()))?;
    }
    set_phase(&panel, &state, Phase::Idle);
    clear(&panel, &state);
    Ok(())
}

fn build(panel: &Panel, lang: Lang) {
    use demo_kit::controls::{buttons, field, progress, row, select, thousands};
    let shapes: Vec<(String, String)> =
        shapes::NAMES.iter().map(|n| (n.to_string(), text::shape(lang, n))).collect();
    let shapes: Vec<(&str, &str)> =
        shapes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let numbers = |list: &[usize]| -> Vec<(String, String)> {
        list.iter().map(|s| (s.to_string(), thousands(*s as u64))).collect()
    };
    let (train, sample) = (numbers(&TRAIN_STEPS), numbers(&SAMPLE_STEPS));
    let train: Vec<(&str, &str)> =
        train.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let sample: Vec<(&str, &str)> =
        sample.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let [first, second] = text::parts(lang, "moons");
    let prompts = [("none", t(lang, "none", "无")), ("0", first), ("1", second)];
    // The four the page discusses; the digit demo offers every sampler.
    use diffusion::Sampler::{Ddim, Ddpm, Euler, Heun};
    let samplers: Vec<(&str, &str)> = [Ddpm, Ddim, Euler, Heun]
        .iter()
        .map(|s| (s.name(), text::sampler(lang, s.name())))
        .collect();
    let controls = row(
        "d2-controls",
        &[
            select("d2-shape", t(lang, "Shape", "形状"), &shapes, "moons"),
            select(
                "d2-train-steps",
                t(lang, "Training steps", "训练步数"),
                &train,
                "10000",
            ),
        ],
    );
    let sampling = row(
        "d2-sample-controls",
        &[
            select("d2-sampler", t(lang, "Sampler", "采样器"), &samplers, "ddim"),
            select("d2-steps", t(lang, "Steps", "步数"), &sample, "50"),
            field("d2-seed", t(lang, "Seed", "随机种子"), "1", true),
            select("d2-prompt", t(lang, "Prompt", "提示"), &prompts, "none"),
            field(
                "d2-scale",
                t(lang, "Guidance scale (0–20)", "引导强度（0–20）"),
                "1",
                true,
            ),
        ],
    );
    panel.root.set_inner_html(&format!(
        r#"<div class="d2">{controls}
{buttons}{progress}
<div class="dk-charts d2-views">
<figure class="d2-view"><canvas class="d2-forward" width="360" height="360" role="img"></canvas>
<label class="d2-slider">{forward} <input type="range" class="d2-t" min="0" max="999" value="0"></label>
<figcaption class="d2-forward-caption"></figcaption></figure>
<figure class="d2-view"><canvas class="d2-reverse" width="360" height="360" role="img"></canvas>
<label class="d2-slider">{reverse} <input type="range" class="d2-frame" min="0" max="0" value="0" disabled></label>
<figcaption class="d2-reverse-caption"></figcaption></figure>
</div>
{sampling}{sample_button}<p class="d2-sample-status" aria-live="polite"></p>
<p class="d2-result" aria-live="polite"></p>
<div class="dk-charts"><canvas class="d2-loss" width="560" height="240"></canvas></div>
<p class="demo-message" role="status" aria-live="polite"></p></div>"#,
        buttons = buttons("d2-buttons", &[("d2-start", start_label(lang)), ("d2-reset", t(lang, "↺ Reset", "↺ 重置"))]),
        progress = progress("d2", ""),
        forward = t(lang, "Forward: add noise", "前向：加噪声"),
        reverse = t(lang, "Reverse: remove it, step by step", "反向：一步步去掉噪声"),
        sample_button = buttons("d2-sample-buttons", &[("d2-sample", t(lang, "✦ Sample 256 points", "✦ 采样 256 个点"))]),
    ));
}

/// The prompt's options name the chosen shape's two parts.
fn name_parts(panel: &Panel, lang: Lang) {
    let names = text::parts(lang, &panel.value(".d2-shape"));
    for (i, name) in names.iter().enumerate() {
        panel.set_text(&format!(".d2-prompt option[value=\"{i}\"]"), name);
    }
}

/// The chosen shape, drawn before any training so the forward slider works
/// at once (the worker learns the same points).
fn show_shape(panel: &Panel, state: &Shared) {
    let shape = panel.value(".d2-shape");
    state.borrow_mut().data =
        shapes::cloud(&shape, worker::POINTS, 1).unwrap_or_default();
    draw(panel, &state.borrow());
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    phase.show(panel, "d2", lang, start_label(lang));
}

fn clear(panel: &Panel, state: &Shared) {
    {
        let mut st = state.borrow_mut();
        st.trained = false;
        st.loss.clear();
        st.preview = None;
        st.sample = None;
        st.sampling = None;
        st.steps = 0;
    }
    demo_kit::controls::set_progress(panel, "d2", 0.0, "");
    for a in [
        "data-share",
        "data-in-part",
        "data-evaluations",
        "data-sampler",
        "data-loss",
        "data-step",
    ] {
        panel.root.remove_attribute(a).ok();
    }
    panel.set_text(".d2-result", "");
    panel.set_text(".d2-sample-status", "");
    if let Ok(f) = panel.find::<HtmlInputElement>(".d2-frame") {
        f.set_max("0");
        f.set_value("0");
        f.set_disabled(true);
    }
    draw(panel, &state.borrow());
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let phase = state.borrow().phase;
    if let Some(next) = phase.pause_or_resume(client) {
        return set_phase(panel, state, next);
    }
    let shape = panel.value(".d2-shape");
    let steps = panel
        .value(".d2-train-steps")
        .parse()
        .ok()
        .filter(|s| TRAIN_STEPS.contains(s))
        .unwrap_or(TRAIN_STEPS[1]);
    demo_kit::share::save_controls(panel, "diffusion-2d", &SHARED);
    panel.message("");
    clear(panel, state);
    {
        let mut st = state.borrow_mut();
        st.steps = steps;
        st.shape = shape.clone();
    }
    set_phase(panel, state, Phase::Loading);
    client.send(&ToWorker::Train { run: client.next_run(), shape, steps });
}

fn on_sample(panel: &Panel, state: &Shared, client: &Client) {
    let lang = state.borrow().lang;
    if !state.borrow().trained {
        return panel.message(t(
            lang,
            "Train the model first (▶ Train).",
            "请先训练模型（▶ 训练）。",
        ));
    }
    if state.borrow().sampling.is_some() {
        return;
    }
    let raw =
        panel.find::<HtmlInputElement>(".d2-seed").map(|i| i.value()).unwrap_or_default();
    let Ok(seed) = raw.trim().parse::<u64>() else {
        let why = (
            "The seed must be a whole number from 0 up, not",
            "随机种子必须是 0 或正整数，而不是",
        );
        return refuse(panel, lang, why, &raw);
    };
    let raw_scale = panel
        .find::<HtmlInputElement>(".d2-scale")
        .map(|i| i.value())
        .unwrap_or_default();
    let Some(scale) = parse_scale(&raw_scale) else {
        let why = (
            "The guidance scale must be a number from 0 to 20, not",
            "引导强度必须是 0 到 20 之间的数，而不是",
        );
        return refuse(panel, lang, why, &raw_scale);
    };
    let sampler = panel.value(".d2-sampler");
    let prompt = panel.value(".d2-prompt").parse::<u8>().ok();
    let steps = panel
        .value(".d2-steps")
        .parse()
        .ok()
        .filter(|s| SAMPLE_STEPS.contains(s))
        .unwrap_or(50);
    panel.message("");
    let shape = state.borrow().shape.clone();
    state.borrow_mut().sampling =
        Some(Asked { sampler: sampler.clone(), prompt, shape, scale });
    panel.root.set_attribute("data-sampling", "yes").ok();
    panel.set_text(".d2-sample-status", &text::sampling(lang, 0, steps));
    client.send(&ToWorker::Sample {
        run: client.run(),
        sampler,
        steps,
        seed,
        prompt,
        scale,
    });
}

/// Says in the panel why a typed value was refused, quoting it.
fn refuse(panel: &Panel, lang: Lang, why: (&str, &str), raw: &str) {
    panel.message(&format!("{} “{}”", lang.pick(why.0, why.1), escape(raw.trim())));
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Ready { params, data, radius, noise_share } => {
            {
                let mut st = state.borrow_mut();
                st.data = data;
                st.trained = true;
                st.noise_share = noise_share;
            }
            panel.root.set_attribute("data-radius", &radius.to_string()).ok();
            panel.root.set_attribute("data-params", &params.to_string()).ok();
            demo_kit::controls::set_progress(
                panel,
                "d2",
                0.0,
                &text::ready(lang, params),
            );
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
            draw(panel, &state.borrow());
        }
        FromWorker::Progress { step, steps, loss, per_second } => {
            if let Some(l) = loss {
                state.borrow_mut().loss.push(l);
                panel.root.set_attribute("data-loss", &l.1.to_string()).ok();
            }
            panel.root.set_attribute("data-step", &step.to_string()).ok();
            let fraction = step as f32 / steps.max(1) as f32;
            let eta =
                (per_second > 0.0).then(|| (steps - step.min(steps)) as f32 / per_second);
            let status = demo_kit::controls::rate_and_eta(
                lang,
                fraction,
                per_second,
                ("steps", "步"),
                eta,
            );
            demo_kit::controls::set_progress(panel, "d2", fraction, &status);
            draw_loss(panel, &state.borrow());
        }
        FromWorker::Preview { step, points } => {
            state.borrow_mut().preview = Some((step, points));
            draw_reverse(panel, &state.borrow());
        }
        FromWorker::Done { seconds } => {
            panel.root.set_attribute("data-train-seconds", &format!("{seconds:.1}")).ok();
            set_phase(panel, state, Phase::Done);
        }
        FromWorker::SampleProgress { done, total } => {
            panel.set_text(".d2-sample-status", &text::sampling(lang, done, total));
        }
        FromWorker::Sampled { frames, index, noise, evaluations, share, in_part } => {
            let Some(asked) = state.borrow_mut().sampling.take() else { return };
            let sampler = asked.sampler.clone();
            let noise_share = state.borrow().noise_share;
            let part =
                asked.prompt.map(|p| text::parts(lang, &asked.shape)[usize::from(p) % 2]);
            let prompted =
                part.zip(in_part).map(|(part, inside)| (part, asked.scale, inside));
            panel.set_text(
                ".d2-result",
                &text::result(lang, &sampler, evaluations, share, noise_share, prompted),
            );
            match in_part {
                Some(v) => panel.root.set_attribute("data-in-part", &v.to_string()).ok(),
                None => panel.root.remove_attribute("data-in-part").ok(),
            };
            panel.set_text(".d2-sample-status", "");
            for (a, v) in [
                ("data-share", share.to_string()),
                ("data-evaluations", evaluations.to_string()),
                ("data-sampler", sampler.clone()),
            ] {
                panel.root.set_attribute(a, &v).ok();
            }
            panel.root.remove_attribute("data-sampling").ok();
            if let Ok(f) = panel.find::<HtmlInputElement>(".d2-frame") {
                let last = frames.len().saturating_sub(1).to_string();
                f.set_max(&last);
                f.set_value(&last);
                f.set_disabled(false);
            }
            {
                let mut st = state.borrow_mut();
                st.sample = Some(Sampled { sampler, frames, index, noise });
            }
            draw_reverse(panel, &state.borrow());
        }
        FromWorker::Failed { message } => {
            let sampling = state.borrow_mut().sampling.take();
            panel.root.remove_attribute("data-sampling").ok();
            if sampling.is_none() {
                set_phase(panel, state, Phase::Failed);
            }
            panel.message(&escape(&message));
        }
    }
}

fn draw(panel: &Panel, st: &Page) {
    draw_forward(panel, st);
    draw_reverse(panel, st);
    draw_loss(panel, st);
}

fn slider(panel: &Panel, class: &str) -> usize {
    panel
        .find::<HtmlInputElement>(class)
        .ok()
        .and_then(|i| i.value().parse().ok())
        .unwrap_or(0)
}

/// The shape noised to the slider's step, each point with its own fixed noise.
fn draw_forward(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".d2-forward") else { return };
    let theme = Theme::current();
    let step = slider(panel, ".d2-t").min(st.schedule.len() - 1);
    let a = st.schedule.alpha_bar[step];
    let mut x: Vec<f32> = st.data.iter().take(2 * DRAWN).copied().collect();
    let eps = &st.noise[..x.len()];
    st.schedule.noise(&mut x, eps, step);
    let empty = st.data.is_empty(); // only if the shape could not be made
    let layers = [(&x[..], theme.fg.mix(theme.bg, 0.15), 1.6)];
    paint(&canvas, &theme, &layers, None);
    let caption = if empty {
        t(st.lang, "This shape could not be made.", "无法生成这个形状。").to_string()
    } else {
        text::forward_caption(st.lang, step, a)
    };
    canvas.set_attribute("aria-label", &caption).ok();
    panel.set_text(".d2-forward-caption", &caption);
}

/// The sample's paths up to the frame slider, or the latest preview.
fn draw_reverse(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".d2-reverse") else { return };
    let theme = Theme::current();
    let faint = theme.fg.mix(theme.bg, 0.8);
    let data: Vec<f32> = st.data.iter().take(2 * DRAWN).copied().collect();
    let caption;
    if let Some(s) = &st.sample {
        let frame = slider(panel, ".d2-frame").min(s.frames.len() - 1);
        let layers = [(&data[..], faint, 1.2), (&s.frames[frame][..], theme.accent, 2.2)];
        paint(
            &canvas,
            &theme,
            &layers,
            Some((&s.frames[..=frame], theme.accent.mix(theme.bg, 0.7))),
        );
        let total = *s.index.last().unwrap_or(&0);
        caption = format!(
            "{} · {}",
            text::sampler(st.lang, &s.sampler),
            text::reverse_caption(st.lang, s.index[frame], total, s.noise[frame])
        );
    } else if let Some((step, points)) = &st.preview {
        let layers = [(&data[..], faint, 1.2), (&points[..], theme.accent, 2.2)];
        paint(&canvas, &theme, &layers, None);
        caption = text::preview_caption(st.lang, *step);
    } else {
        paint(&canvas, &theme, &[(&data[..], faint, 1.2)], None);
        caption = t(st.lang, "Samples appear here.", "样本会显示在这里。").to_string();
    }
    canvas.set_attribute("aria-label", &caption).ok();
    panel.set_text(".d2-reverse-caption", &caption);
}

/// Points in layers (x, y, … with a colour and radius), and paths through frames.
fn paint(
    canvas: &HtmlCanvasElement,
    theme: &Theme,
    layers: &[(&[f32], Rgb, f64)],
    paths: Option<(&[Vec<f32>], Rgb)>,
) {
    let Ok(ctx) = demo_kit::dom::context_2d(canvas) else { return };
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str(&theme.bg.css());
    ctx.fill_rect(0.0, 0.0, w, h);
    // Points beyond the square are drawn on its edge, so none vanish.
    let at = |x: f32, y: f32| {
        let (x, y) = (x.clamp(-VIEW, VIEW), y.clamp(-VIEW, VIEW));
        (
            w * f64::from((x + VIEW) / (2.0 * VIEW)),
            h * f64::from((VIEW - y) / (2.0 * VIEW)),
        )
    };
    ctx.set_stroke_style_str(&theme.fg.mix(theme.bg, 0.85).css());
    ctx.stroke_rect(0.5, 0.5, w - 1.0, h - 1.0);
    if let Some((frames, colour)) = paths {
        ctx.set_stroke_style_str(&colour.css());
        ctx.set_line_width(0.8);
        let points = frames.first().map_or(0, |f| f.len() / 2);
        // One path in four: all 256 hide each other.
        for p in (0..points).step_by(4) {
            ctx.begin_path();
            for (k, f) in frames.iter().enumerate() {
                let (x, y) = at(f[2 * p], f[2 * p + 1]);
                if k == 0 { ctx.move_to(x, y) } else { ctx.line_to(x, y) }
            }
            ctx.stroke();
        }
    }
    for (points, colour, r) in layers {
        ctx.set_fill_style_str(&colour.css());
        for p in points.chunks_exact(2) {
            let (x, y) = at(p[0], p[1]);
            ctx.fill_rect(x - r / 2.0, y - r / 2.0, *r, *r);
        }
    }
}

fn draw_loss(panel: &Panel, st: &Page) {
    let Ok(canvas) = panel.find::<HtmlCanvasElement>(".d2-loss") else { return };
    let theme = Theme::current();
    let top =
        st.loss.iter().map(|p| p.1).filter(|v| v.is_finite()).fold(0.5f32, f32::max)
            * 1.05;
    let label = t(
        st.lang,
        "training loss (squared error of the predicted noise)",
        "训练损失（预测噪声的平方误差）",
    );
    let series = [Series::line(label, theme.accent, &st.loss)];
    let _ = line_chart(
        &canvas,
        &theme,
        t(st.lang, "training steps", "训练步数"),
        t(st.lang, "loss", "损失"),
        st.steps.max(1) as f32,
        0.0..top,
        &series,
    );
}
