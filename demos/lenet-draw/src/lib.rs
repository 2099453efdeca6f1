//! Demo `lenet-draw`: the reader draws, LeNet-5 reads, and every layer's
//! output is shown. The model, preprocessing and weights format are the
//! `lenet` crate's; this crate only draws and listens.

mod text;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::{Lang, Panel, listen};
use lenet::LeNet5;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlSelectElement, PointerEvent};

/// Side of the drawing canvas in canvas pixels (ten per MNIST pixel).
pub const PAD: usize = 280;
/// Trace rows shown: layer outputs after C1+ReLU, S2, C3+ReLU, S4, C5+ReLU, F6+ReLU, output.
pub const ROWS: [usize; 7] = [1, 2, 4, 5, 7, 9, 10];

/// A stroke is a polyline in canvas pixels.
type Stroke = Vec<(f64, f64)>;

pub struct State {
    lang: Lang,
    shipped: Option<LeNet5>,
    yours: Option<LeNet5>,
    use_yours: bool,
    strokes: Vec<Stroke>,
    /// A shipped test digit painted under the strokes.
    sample: Option<usize>,
    next_sample: usize,
    /// The 28×28 input after MNIST-style preprocessing, and every layer's output.
    input: Option<Vec<f32>>,
    trace: Vec<Vec<f32>>,
    drawing: bool,
    /// The keyboard pen: where it is (once a key moved it) and whether it draws.
    pen: Option<(f64, f64)>,
    pen_down: bool,
}

type Shared = Rc<RefCell<State>>;

impl State {
    fn model(&mut self) -> Option<&mut LeNet5> {
        if self.use_yours && self.yours.is_some() {
            self.yours.as_mut()
        } else {
            self.shipped.as_mut()
        }
    }
}

/// Builds the demo in `root`, then loads the shipped weights.
#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("lenet-draw");
    let lang = Lang::of_page();
    let state: Shared = Rc::new(RefCell::new(State {
        lang,
        shipped: None,
        yours: None,
        use_yours: false,
        strokes: Vec::new(),
        sample: None,
        next_sample: 0,
        input: None,
        trace: Vec::new(),
        drawing: false,
        pen: None,
        pen_down: false,
    }));
    let panel = Panel::new(root);
    view::build(&panel, lang)?;
    wire(&panel, &state)?;
    refresh(&panel, &state);
    panel.message(text::labels(lang).loading);
    let (p, s) = (panel.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let url = demo_kit::fetch::assets_url(&p.root, "weights/lenet5.safetensors");
        let loaded = demo_kit::fetch::bytes(&url, false).await.and_then(|bytes| {
            let mut model = LeNet5::new(0);
            lenet::weights::load(&mut model, &bytes).map(|_| model)
        });
        match loaded {
            Ok(model) => {
                s.borrow_mut().shipped = Some(model);
                p.root.set_attribute("data-weights", "loaded").ok();
                p.message("");
                refresh(&p, &s);
            }
            Err(why) => {
                p.root.set_attribute("data-weights", "failed").ok();
                p.message(&text::weights_failed(lang, &why));
            }
        }
    });
    Ok(())
}

/// Reads the canvas, preprocesses, runs the network and redraws everything.
fn refresh(panel: &Panel, state: &Shared) {
    let pixels = view::read_ink(panel).unwrap_or_default();
    let mut st = state.borrow_mut();
    st.input = lenet::preprocess::to_mnist(&pixels, PAD, PAD);
    let input = st.input.clone();
    st.trace = match (input, st.model()) {
        (Some(image), Some(model)) => model.trace(&image),
        _ => Vec::new(),
    };
    drop(st);
    if let Err(e) = view::render(panel, &state.borrow()) {
        panel.message(&format!("{e:?}"));
    }
}

/// Drawing with the keyboard: Space or Enter lowers or lifts the pen, the
/// arrow keys move it (a tenth of the pad, or a fortieth with Shift) and
/// draw while it is down, Escape lifts it. Returns whether `key` was one.
fn pen_key(state: &Shared, key: &str, fine: bool) -> bool {
    let step = PAD as f64 / if fine { 40.0 } else { 10.0 };
    let mut st = state.borrow_mut();
    let (x, y) = st.pen.unwrap_or((PAD as f64 / 2.0, PAD as f64 / 2.0));
    let moved = match key {
        "ArrowLeft" => (x - step, y),
        "ArrowRight" => (x + step, y),
        "ArrowUp" => (x, y - step),
        "ArrowDown" => (x, y + step),
        " " | "Enter" => {
            st.pen = Some((x, y));
            st.pen_down = !st.pen_down;
            if st.pen_down {
                st.strokes.push(vec![(x, y)]);
            }
            return true;
        }
        "Escape" => {
            st.pen_down = false;
            return st.pen.is_some();
        }
        _ => return false,
    };
    let edge = |v: f64| v.clamp(0.0, PAD as f64);
    let to = (edge(moved.0), edge(moved.1));
    st.pen = Some(to);
    if st.pen_down
        && let Some(stroke) = st.strokes.last_mut()
    {
        stroke.push(to);
    }
    true
}

fn wire(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let pad: HtmlCanvasElement = panel.find(".ld-pad")?;
    let (p, s, c) = (panel.clone(), state.clone(), pad.clone());
    listen(&pad, "pointerdown", move |e: PointerEvent| {
        e.prevent_default();
        let _ = c.set_pointer_capture(e.pointer_id());
        let point = view::pad_point(&c, &e);
        {
            let mut st = s.borrow_mut();
            st.drawing = true;
            st.strokes.push(vec![point]);
        }
        view::paint(&p, &s.borrow()).ok();
        refresh(&p, &s);
    })?;
    let (p, s, c) = (panel.clone(), state.clone(), pad.clone());
    listen(&pad, "pointermove", move |e: PointerEvent| {
        if !s.borrow().drawing {
            return;
        }
        let point = view::pad_point(&c, &e);
        if let Some(stroke) = s.borrow_mut().strokes.last_mut() {
            stroke.push(point);
        }
        view::paint(&p, &s.borrow()).ok();
        refresh(&p, &s);
    })?;
    let (p, s) = (panel.clone(), state.clone());
    listen(&pad, "keydown", move |e: web_sys::KeyboardEvent| {
        if pen_key(&s, &e.key(), e.shift_key()) {
            e.prevent_default();
            let st = s.borrow();
            view::show_cursor(&p, st.pen, st.pen_down).ok();
            view::paint(&p, &st).ok();
            drop(st);
            refresh(&p, &s);
        }
    })?;
    let (p, s) = (panel.clone(), state.clone());
    listen(&pad, "blur", move |_: web_sys::Event| {
        s.borrow_mut().pen_down = false;
        view::show_cursor(&p, None, false).ok();
    })?;
    for end in ["pointerup", "pointercancel", "lostpointercapture"] {
        let s = state.clone();
        listen(&pad, end, move |_: web_sys::Event| s.borrow_mut().drawing = false)?;
    }
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".ld-clear")?,
        "click",
        move |_: web_sys::Event| {
            {
                let mut st = s.borrow_mut();
                st.strokes.clear();
                st.sample = None;
                st.pen_down = false;
            }
            view::paint(&p, &s.borrow()).ok();
            refresh(&p, &s);
        },
    )?;
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".ld-sample")?,
        "click",
        move |_: web_sys::Event| {
            {
                let mut st = s.borrow_mut();
                let count = mnist::SAMPLE_TEST_INDICES.len();
                st.strokes.clear();
                st.sample = Some(st.next_sample % count);
                st.next_sample += 1;
            }
            view::paint(&p, &s.borrow()).ok();
            refresh(&p, &s);
        },
    )?;
    let select: HtmlSelectElement = panel.find(".ld-model")?;
    let (p, s, sel) = (panel.clone(), state.clone(), select.clone());
    listen(&select, "change", move |_: web_sys::Event| {
        s.borrow_mut().use_yours = sel.value() == "yours";
        refresh(&p, &s);
    })?;
    if let Some(window) = web_sys::window() {
        // A model trained by the reader in the training demo, now or before this mounted.
        let (p, s, sel) = (panel.clone(), state.clone(), select.clone());
        let adopt = move |bytes: Vec<u8>| {
            let mut model = LeNet5::new(0);
            if lenet::weights::load(&mut model, &bytes).is_ok() {
                {
                    let mut st = s.borrow_mut();
                    st.yours = Some(model);
                    st.use_yours = true;
                }
                view::enable_yours(&p).ok();
                sel.set_value("yours");
                refresh(&p, &s);
            }
        };
        // Same key as lenet-train's USER_WEIGHTS (kept for this tab's session).
        if let Some(bytes) = demo_kit::store::load("book-lenet-user-weights") {
            adopt(bytes);
        }
        let adopt = RefCell::new(adopt);
        listen(&window, "lenet-user-weights", move |e: web_sys::CustomEvent| {
            let detail = e.detail();
            if detail.is_instance_of::<js_sys::Uint8Array>() {
                (adopt.borrow_mut())(js_sys::Uint8Array::new(&detail).to_vec());
            }
        })?;
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            view::paint(&p, &s.borrow()).ok();
            refresh(&p, &s);
        })?;
    }
    Ok(())
}
