//! Demo `lenet-train`: the reader trains LeNet-5 on real MNIST. The page side
//! (this file) reads the controls, draws the curves and talks to the worker
//! (`worker.rs`), which runs `lenet::Trainer` off the main thread.

mod bench;
pub mod protocol;
mod text;
mod worker;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::chart::{Series, line_chart};
use demo_kit::worker::Client;
use demo_kit::{Lang, Panel, Theme, listen};
use protocol::{FromWorker, Settings, ToWorker};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

pub use worker::worker_main;

/// The settings a shared link carries: address key and control.
const SHARED: [(&str, &str); 5] = [
    ("batch", ".lt-batch"),
    ("lr", ".lt-lr"),
    ("opt", ".lt-opt"),
    ("epochs", ".lt-epochs"),
    ("images", ".lt-images"),
];

/// Where the reader's trained weights are kept for the "draw a digit" demo.
pub const USER_WEIGHTS: &str = "book-lenet-user-weights";

#[derive(Clone, Copy, PartialEq, Debug)]
enum Phase {
    Idle,
    Loading,
    Training,
    Paused,
    Done,
    Failed,
}

struct Page {
    lang: Lang,
    phase: Phase,
    settings: Option<Settings>,
    loss: Vec<(f32, f32)>,
    validation: Vec<(f32, f32)>,
}

type Shared = Rc<RefCell<Page>>;

/// Builds the panel; the worker starts on the first press of Start.
#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("lenet-train");
    let lang = Lang::of_page();
    let panel = Panel::new(root);
    build(&panel, lang)?;
    demo_kit::share::restore_controls(&panel, "lenet-train", &SHARED);
    let state: Shared = Rc::new(RefCell::new(Page {
        lang,
        phase: Phase::Idle,
        settings: None,
        loss: Vec::new(),
        validation: Vec::new(),
    }));
    let (p, s, p2, s2, p3, s3) = (
        panel.clone(),
        state.clone(),
        panel.clone(),
        state.clone(),
        panel.clone(),
        state.clone(),
    );
    let client = Client::new(
        &panel,
        "lenet-train",
        move |m: FromWorker| on_report(&p, &s, m),
        move |raw| on_raw(&p2, &s2, raw),
        move |why| {
            set_phase(&p3, &s3, Phase::Failed);
            p3.message(&text::worker_failed(lang, &why));
        },
    );
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".lt-start")?,
        "click",
        move |_: web_sys::Event| on_start(&p, &s, &c),
    )?;
    let (p, s, c) = (panel.clone(), state.clone(), client.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".lt-reset")?,
        "click",
        move |_: web_sys::Event| {
            {
                let mut st = s.borrow_mut();
                st.loss.clear();
                st.validation.clear();
            }
            c.reset();
            set_phase(&p, &s, Phase::Idle);
            demo_kit::controls::set_progress(&p, "lt", 0.0, text::labels(lang).idle);
            p.set_text(".lt-result", "");
            p.set_text(".lt-handoff", "");
            p.message("");
            draw(&p, &s.borrow());
        },
    )?;
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            draw(&p, &s.borrow())
        })?;
    }
    set_phase(&panel, &state, Phase::Idle);
    draw(&panel, &state.borrow());
    Ok(())
}

fn build(panel: &Panel, lang: Lang) -> Result<(), JsValue> {
    use demo_kit::controls::{buttons, field, progress, row, select};
    let l = text::labels(lang);
    let same =
        |values: &[&'static str]| values.iter().map(|v| (*v, *v)).collect::<Vec<_>>();
    let fields = [
        select("lt-batch", l.batch, &same(&["8", "16", "32", "64", "128"]), "32"),
        field("lt-lr", l.lr, "0.001", true),
        select(
            "lt-opt",
            l.optimizer,
            &[("adam", "Adam"), ("sgd", lang.pick("SGD + momentum", "SGD + 动量"))],
            "adam",
        ),
        select("lt-epochs", l.epochs, &same(&["1", "2", "3", "5", "10"]), "3"),
        select(
            "lt-images",
            l.images,
            &same(&["1000", "5000", "10000", "25000"]),
            "25000",
        ),
    ];
    panel.root.set_inner_html(&format!(
        r#"<div class="lt">{controls}{buttons}{progress}
<div class="dk-charts lt-charts"><canvas class="lt-loss" width="440" height="250"></canvas>
<canvas class="lt-acc" width="440" height="250"></canvas></div>
<p class="lt-result" aria-live="polite"></p>
<p class="lt-handoff" aria-live="polite"></p>
<p class="demo-message" role="status" aria-live="polite"></p>
</div>"#,
        controls = row("lt-controls", &fields),
        buttons = buttons("lt-buttons", &[("lt-start", l.start), ("lt-reset", l.reset)]),
        progress = progress("lt", l.idle),
    ));
    Ok(())
}

fn set_phase(panel: &Panel, state: &Shared, phase: Phase) {
    let lang = state.borrow().lang;
    state.borrow_mut().phase = phase;
    let l = text::labels(lang);
    let label = match phase {
        Phase::Loading | Phase::Training => l.pause,
        Phase::Paused => l.resume,
        _ => l.start,
    };
    panel.set_text(".lt-start", label);
    let name = format!("{phase:?}").to_lowercase();
    panel.root.set_attribute("data-train-state", &name).ok();
    let busy = matches!(phase, Phase::Loading | Phase::Training | Phase::Paused);
    for el in
        panel.find_all(".lt-controls select, .lt-controls input").unwrap_or_default()
    {
        let _ = if busy {
            el.set_attribute("disabled", "")
        } else {
            el.remove_attribute("disabled")
        };
    }
}

fn read_settings(panel: &Panel) -> Result<Result<Settings, protocol::Problem>, JsValue> {
    let value = |sel: &str| -> Result<String, JsValue> {
        Ok(match panel.find::<HtmlSelectElement>(sel) {
            Ok(s) => s.value(),
            Err(_) => panel.find::<HtmlInputElement>(sel)?.value(),
        })
    };
    Ok(Settings::parse(
        &value(".lt-batch")?,
        &value(".lt-lr")?,
        &value(".lt-opt")?,
        &value(".lt-epochs")?,
        &value(".lt-images")?,
    ))
}

fn on_start(panel: &Panel, state: &Shared, client: &Client) {
    let (phase, lang) = {
        let st = state.borrow();
        (st.phase, st.lang)
    };
    match phase {
        Phase::Loading | Phase::Training => {
            client.pause();
            set_phase(panel, state, Phase::Paused);
            return;
        }
        Phase::Paused => {
            client.resume();
            set_phase(panel, state, Phase::Training);
            return;
        }
        _ => {}
    }
    let settings = match read_settings(panel) {
        Ok(Ok(s)) => s,
        Ok(Err(problem)) => return panel.message(&text::problem(lang, &problem)),
        Err(e) => return panel.message(&format!("{e:?}")),
    };
    panel.message("");
    demo_kit::share::save_controls(panel, "lenet-train", &SHARED);
    panel.set_text(".lt-result", "");
    panel.set_text(".lt-handoff", "");
    {
        let mut st = state.borrow_mut();
        st.loss.clear();
        st.validation.clear();
        st.settings = Some(settings.clone());
    }
    let assets = demo_kit::fetch::assets_url(&panel.root, "");
    set_phase(panel, state, Phase::Loading);
    client.send(&ToWorker::Start { run: client.next_run(), settings, assets });
    draw(panel, &state.borrow());
}

/// Messages that are not reports: the trained weights, sent as bytes.
fn on_raw(panel: &Panel, state: &Shared, data: JsValue) {
    let kind = js_sys::Reflect::get(&data, &"type".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if kind != "weights" {
        return;
    }
    let lang = state.borrow().lang;
    let accuracy = js_sys::Reflect::get(&data, &"accuracy".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as f32;
    if accuracy < protocol::USEFUL_ACCURACY {
        // A model that cannot read must not replace one that can.
        return panel.set_text(".lt-handoff", &text::not_handed_over(lang, accuracy));
    }
    // Hand the reader's model to the "draw a digit" demo.
    if let (Some(window), Ok(bytes)) =
        (web_sys::window(), js_sys::Reflect::get(&data, &"bytes".into()))
    {
        demo_kit::store::save(USER_WEIGHTS, &js_sys::Uint8Array::new(&bytes).to_vec());
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&bytes);
        if let Ok(event) =
            web_sys::CustomEvent::new_with_event_init_dict("lenet-user-weights", &init)
        {
            let _ = window.dispatch_event(&event);
        }
        panel.set_text(".lt-handoff", text::handed_over(lang));
    }
}

fn on_report(panel: &Panel, state: &Shared, message: FromWorker) {
    let lang = state.borrow().lang;
    match message {
        FromWorker::Loading { done } => {
            panel.set_text(".lt-status", &text::loading(lang, done))
        }
        FromWorker::Progress {
            epoch,
            fraction,
            images_per_second,
            eta_seconds,
            loss,
            validation,
        } => {
            if state.borrow().phase == Phase::Loading {
                set_phase(panel, state, Phase::Training);
            }
            let epochs = {
                let mut st = state.borrow_mut();
                st.loss.extend(loss);
                st.validation.extend(validation);
                st.settings.as_ref().map_or(1, |s| s.epochs)
            };
            let status = text::progress(
                lang,
                epoch,
                epochs,
                fraction,
                images_per_second,
                eta_seconds,
            );
            demo_kit::controls::set_progress(panel, "lt", fraction, &status);
            draw(panel, &state.borrow());
        }
        FromWorker::Done { test_accuracy, validation_accuracy, seconds } => {
            set_phase(panel, state, Phase::Done);
            let result = text::done(lang, test_accuracy, validation_accuracy, seconds);
            panel.set_text(".lt-result", &result);
            if let Ok(el) = panel.find::<HtmlElement>(".lt-result") {
                el.set_attribute("data-test-accuracy", &test_accuracy.to_string()).ok();
            }
        }
        FromWorker::Failed { message, diverged } => {
            set_phase(panel, state, Phase::Failed);
            panel.message(&if diverged {
                text::diverged(lang).to_string()
            } else {
                text::failed(lang, &message)
            });
        }
    }
}

fn draw(panel: &Panel, st: &Page) {
    let theme = Theme::current();
    let l = text::labels(st.lang);
    let epochs = st.settings.as_ref().map_or(2, |s| s.epochs) as f32;
    let top = st
        .loss
        .iter()
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(0.5f32, f32::max)
        .min(2.5);
    let loss = [Series::line(l.train_loss, theme.negative, &st.loss)];
    let acc = [Series::line(l.val_acc, theme.positive, &st.validation)];
    let low = st.validation.iter().map(|p| p.1).fold(0.9f32, f32::min).max(0.0);
    let (lc, ac) = (panel.find(".lt-loss"), panel.find(".lt-acc"));
    if let (Ok(lc), Ok(ac)) = (lc, ac) {
        let r1 = line_chart(
            &lc,
            &theme,
            l.epochs_axis,
            l.loss,
            epochs,
            0.0..top * 1.05,
            &loss,
        );
        let r2 = line_chart(
            &ac,
            &theme,
            l.epochs_axis,
            l.accuracy,
            epochs,
            (low - 0.02).max(0.0)..1.0,
            &acc,
        );
        if let Err(e) = r1.and(r2) {
            panel.message(&e);
        }
    }
}
