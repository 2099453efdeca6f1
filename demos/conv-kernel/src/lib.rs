//! Demo `conv-kernel`: convolution as a sliding window, then max pooling.
//!
//! The reader picks a real MNIST test digit (or draws one), edits a 3×3 kernel
//! and steps the window across the image; all arithmetic is `cnn::conv2d`,
//! `cnn::window_terms` and `cnn::max_pool2d`. This crate only wires the DOM.

mod kernel_input;
mod text;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use demo_kit::{Lang, Panel, listen};
use ndarray::Array2;
use wasm_bindgen::prelude::*;
use web_sys::{
    HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
    PointerEvent,
};

pub use kernel_input::{CellIssue, parse_cell, show_weight, show2};

const SIDE: usize = mnist::SIDE;
const K: usize = 3;
const OUT: usize = SIDE - K + 1;

/// Everything the panel shows, recomputed from the image and kernel.
pub struct State {
    pub lang: Lang,
    pub digits: Vec<mnist::Digit>,
    /// Index into `digits`, or `None` for the reader's own drawing.
    pub picked: Option<usize>,
    pub image: Array2<f32>,
    pub kernel: Array2<f32>,
    pub map: Array2<f32>,
    pub pooled: Array2<f32>,
    /// Top-left corner of the window, which is also the output cell.
    pub pos: (usize, usize),
    pub playing: Option<i32>,
    pub last_stroke: Option<(f32, f32)>,
}

impl State {
    fn new(lang: Lang) -> State {
        let digits = mnist::sample();
        let kernel = cnn::kernels::preset("edge")
            .map(|k| k.weights)
            .unwrap_or_else(|| Array2::zeros((K, K)));
        let mut s = State {
            lang,
            image: Array2::zeros((SIDE, SIDE)),
            digits,
            picked: None,
            map: Array2::zeros((OUT, OUT)),
            pooled: Array2::zeros((OUT / 2, OUT / 2)),
            kernel,
            pos: (0, 0),
            playing: None,
            last_stroke: None,
        };
        s.pick(0);
        s
    }

    fn pick(&mut self, index: usize) {
        if let Some(d) = self.digits.get(index) {
            self.image = Array2::from_shape_vec((SIDE, SIDE), d.to_unit())
                .unwrap_or_else(|_| Array2::zeros((SIDE, SIDE)));
            self.picked = Some(index);
            self.recompute();
        }
    }

    // ANCHOR: recompute
    /// The whole forward pass of this demo: convolve, then pool.
    fn recompute(&mut self) {
        self.map = cnn::conv2d(self.image.view(), self.kernel.view());
        self.pooled = cnn::max_pool2d(self.map.view(), 2);
    }
    // ANCHOR_END: recompute

    /// Ink a soft round brush at fractional pixel coordinates.
    fn paint(&mut self, x: f32, y: f32) {
        for r in 0..SIDE {
            for c in 0..SIDE {
                let d =
                    ((c as f32 + 0.5 - x).powi(2) + (r as f32 + 0.5 - y).powi(2)).sqrt();
                let ink = (1.6 - d).clamp(0.0, 1.0);
                let px = &mut self.image[[r, c]];
                *px = px.max(ink);
            }
        }
    }

    fn stroke_to(&mut self, x: f32, y: f32) {
        let (x0, y0) = self.last_stroke.unwrap_or((x, y));
        let steps = ((x - x0).abs().max((y - y0).abs()) * 2.0).ceil().max(1.0) as usize;
        for i in 1..=steps {
            let t = i as f32 / steps as f32;
            self.paint(x0 + (x - x0) * t, y0 + (y - y0) * t);
        }
        self.last_stroke = Some((x, y));
        self.picked = None;
        self.recompute();
    }

    fn step(&mut self, delta: isize) {
        let n = (OUT * OUT) as isize;
        let i = (self.pos.0 * OUT + self.pos.1) as isize;
        let j = (i + delta).rem_euclid(n) as usize;
        self.pos = (j / OUT, j % OUT);
    }

    fn is_blank(&self) -> bool {
        self.image.iter().all(|&v| v == 0.0)
    }
}

type Shared = Rc<RefCell<State>>;

/// Builds the demo inside `root`; the page's loader calls this once per panel.
#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("conv-kernel");
    let lang = Lang::of_page();
    let state: Shared = Rc::new(RefCell::new(State::new(lang)));
    let panel = Panel::new(root);
    let preset = read_shared(&mut state.borrow_mut());
    view::build(&panel, &state.borrow())?;
    if let Some(preset) = preset {
        panel.find::<HtmlSelectElement>(".cv-preset")?.set_value(&preset);
        view::fill_kernel_inputs(&panel, &state.borrow())?;
    }
    wire(&panel, &state)?;
    view::render(&panel, &state.borrow())?;
    Ok(())
}

const DEMO: &str = "conv-kernel";

/// Applies a shared link's digit, kernel and window position, ignoring
/// anything out of range. Returns the kernel choice for the select.
fn read_shared(s: &mut State) -> Option<String> {
    if let Some(i) = demo_kit::share::get(DEMO, "digit").and_then(|v| v.parse().ok())
        && i < s.digits.len()
    {
        s.pick(i);
    }
    let mut preset = None;
    match demo_kit::share::get(DEMO, "kernel") {
        Some(id) if cnn::kernels::preset(&id).is_some() => {
            s.kernel = cnn::kernels::preset(&id).map(|k| k.weights).unwrap_or_default();
            preset = Some(id);
        }
        Some(list) => {
            let w: Vec<f32> = list.split(',').filter_map(|v| v.parse().ok()).collect();
            if w.len() == K * K && w.iter().all(|v| v.is_finite() && v.abs() <= 1000.0) {
                s.kernel = Array2::from_shape_vec((K, K), w).unwrap_or(s.kernel.clone());
                preset = Some("custom".into());
            }
        }
        None => {}
    }
    if let Some((r, c)) = demo_kit::share::get(DEMO, "at").and_then(|v| {
        let (r, c) = v.split_once('-')?;
        Some((r.parse::<usize>().ok()?, c.parse::<usize>().ok()?))
    }) && r < OUT
        && c < OUT
    {
        s.pos = (r, c);
    }
    s.recompute();
    preset
}

/// Puts the digit, kernel and window position in the address (not while
/// the window slides by itself, and not a digit drawn by hand).
fn write_shared(panel: &Panel, s: &State) {
    if s.playing.is_some() {
        return;
    }
    let preset = panel
        .find::<HtmlSelectElement>(".cv-preset")
        .map(|p| p.value())
        .unwrap_or_default();
    let kernel = if preset == "custom" {
        s.kernel.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(",")
    } else {
        preset
    };
    demo_kit::share::set(
        DEMO,
        &[
            ("digit", s.picked.map(|i| i.to_string()).unwrap_or_default()),
            ("kernel", kernel),
            ("at", format!("{}-{}", s.pos.0, s.pos.1)),
        ],
    );
}

fn redraw(panel: &Panel, state: &Shared) {
    if let Err(e) = view::render(panel, &state.borrow()) {
        panel.message(&format!("{e:?}"));
    }
    write_shared(panel, &state.borrow());
}

fn wire(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    // Digit thumbnails.
    for button in panel.find_all(".cv-digit")? {
        let index: usize =
            button.get_attribute("data-index").and_then(|v| v.parse().ok()).unwrap_or(0);
        let (p, s) = (panel.clone(), state.clone());
        listen(&button, "click", move |_: web_sys::Event| {
            s.borrow_mut().pick(index);
            redraw(&p, &s);
        })?;
    }
    // Clear.
    let (p, s) = (panel.clone(), state.clone());
    listen(
        &panel.find::<web_sys::EventTarget>(".cv-clear")?,
        "click",
        move |_: web_sys::Event| {
            {
                let mut st = s.borrow_mut();
                st.image.fill(0.0);
                st.picked = None;
                st.recompute();
            }
            redraw(&p, &s);
        },
    )?;
    wire_kernel(panel, state)?;
    wire_drawing(panel, state)?;
    wire_stepping(panel, state)?;
    // Theme switches only need a redraw with the new colours.
    if let Some(window) = web_sys::window() {
        let (p, s) = (panel.clone(), state.clone());
        listen(&window, "book-theme-change", move |_: web_sys::Event| {
            let _ = view::draw_thumbnails(&p, &s.borrow());
            redraw(&p, &s);
        })?;
    }
    Ok(())
}

fn wire_kernel(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let select: HtmlSelectElement = panel.find(".cv-preset")?;
    let (p, s) = (panel.clone(), state.clone());
    let sel = select.clone();
    listen(&select, "change", move |_: web_sys::Event| {
        if let Some(k) = cnn::kernels::preset(&sel.value()) {
            {
                let mut st = s.borrow_mut();
                st.kernel = k.weights;
                st.recompute();
            }
            let _ = view::fill_kernel_inputs(&p, &s.borrow());
            redraw(&p, &s);
        }
    })?;
    for cell in panel.find_all(".cv-k")? {
        let (p, s, sel) = (panel.clone(), state.clone(), select.clone());
        listen(&cell, "input", move |_: web_sys::Event| {
            sel.set_value("custom");
            read_kernel(&p, &s);
            redraw(&p, &s);
        })?;
    }
    Ok(())
}

/// Reads all nine cells, flags bad ones and says why in the message line.
fn read_kernel(panel: &Panel, state: &Shared) {
    let lang = state.borrow().lang;
    let mut problems = Vec::new();
    let mut kernel = Array2::zeros((K, K));
    for (i, cell) in
        panel.find_all(".cv-k").unwrap_or_default().into_iter().enumerate().take(K * K)
    {
        let Ok(input) = cell.dyn_into::<HtmlInputElement>() else { continue };
        let (r, c) = (i / K, i % K);
        let (value, issue) = parse_cell(&input.value());
        kernel[[r, c]] = value;
        let _ = input.class_list().toggle_with_force("cv-bad", issue.is_some());
        match issue {
            Some(CellIssue::NotANumber(t)) => {
                problems.push(text::not_a_number(lang, r, c, &t))
            }
            Some(CellIssue::Clamped(t)) => {
                problems.push(text::clamped(lang, r, c, &t, kernel_input::LIMIT))
            }
            None => {}
        }
    }
    let mut st = state.borrow_mut();
    st.kernel = kernel;
    st.recompute();
    drop(st);
    panel.message(&problems.join(" "));
}

fn canvas_point(
    canvas: &HtmlCanvasElement,
    e: &PointerEvent,
    cells: usize,
) -> (f32, f32) {
    let rect = canvas.get_bounding_client_rect();
    let w = rect.width().max(1.0);
    let h = rect.height().max(1.0);
    let x = (f64::from(e.client_x()) - rect.left()) / w * cells as f64;
    let y = (f64::from(e.client_y()) - rect.top()) / h * cells as f64;
    (x as f32, y as f32)
}

fn wire_drawing(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = panel.find(".cv-input")?;
    let drawing = Rc::new(RefCell::new(false));
    let (p, s, c, d) = (panel.clone(), state.clone(), canvas.clone(), drawing.clone());
    listen(&canvas, "pointerdown", move |e: PointerEvent| {
        e.prevent_default();
        let _ = c.set_pointer_capture(e.pointer_id());
        *d.borrow_mut() = true;
        let (x, y) = canvas_point(&c, &e, SIDE);
        {
            let mut st = s.borrow_mut();
            st.last_stroke = None;
            st.stroke_to(x, y);
        }
        redraw(&p, &s);
    })?;
    let (p, s, c, d) = (panel.clone(), state.clone(), canvas.clone(), drawing.clone());
    listen(&canvas, "pointermove", move |e: PointerEvent| {
        if !*d.borrow() {
            return;
        }
        let (x, y) = canvas_point(&c, &e, SIDE);
        s.borrow_mut().stroke_to(x, y);
        redraw(&p, &s);
    })?;
    for end in ["pointerup", "pointercancel", "lostpointercapture"] {
        let d = drawing.clone();
        listen(&canvas, end, move |_: web_sys::Event| *d.borrow_mut() = false)?;
    }
    Ok(())
}

fn wire_stepping(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    for (selector, delta) in [(".cv-prev", -1isize), (".cv-next", 1)] {
        let (p, s) = (panel.clone(), state.clone());
        listen(
            &panel.find::<web_sys::EventTarget>(selector)?,
            "click",
            move |_: web_sys::Event| {
                s.borrow_mut().step(delta);
                redraw(&p, &s);
            },
        )?;
    }
    let slider: HtmlInputElement = panel.find(".cv-pos")?;
    let (p, s, sl) = (panel.clone(), state.clone(), slider.clone());
    listen(&slider, "input", move |_: web_sys::Event| {
        let i: usize = sl.value().parse().unwrap_or(0).min(OUT * OUT - 1);
        s.borrow_mut().pos = (i / OUT, i % OUT);
        redraw(&p, &s);
    })?;
    // Click or drag on the feature map moves the window there.
    let out: HtmlCanvasElement = panel.find(".cv-output")?;
    for event in ["pointerdown", "pointermove"] {
        let (p, s, c) = (panel.clone(), state.clone(), out.clone());
        listen(&out, event, move |e: PointerEvent| {
            if e.type_() == "pointermove" && e.buttons() == 0 {
                return;
            }
            let (x, y) = canvas_point(&c, &e, OUT);
            if x >= 0.0 && y >= 0.0 && (x as usize) < OUT && (y as usize) < OUT {
                s.borrow_mut().pos = (y as usize, x as usize);
                redraw(&p, &s);
            }
        })?;
    }
    // Arrow keys anywhere in the panel move the window (not while typing).
    let (p, s) = (panel.clone(), state.clone());
    listen(&panel.root, "keydown", move |e: KeyboardEvent| {
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|i| i.type_() == "text");
        if typing {
            return;
        }
        let delta = match e.key().as_str() {
            "ArrowRight" => 1,
            "ArrowLeft" => -1,
            "ArrowDown" => OUT as isize,
            "ArrowUp" => -(OUT as isize),
            _ => return,
        };
        e.prevent_default();
        s.borrow_mut().step(delta);
        redraw(&p, &s);
    })?;
    wire_play(panel, state)
}

fn wire_play(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let button: HtmlElement = panel.find(".cv-play")?;
    let (p, s) = (panel.clone(), state.clone());
    let tick = Closure::<dyn FnMut()>::new(move || {
        s.borrow_mut().step(1);
        redraw(&p, &s);
    });
    let tick_fn: js_sys::Function =
        tick.as_ref().unchecked_ref::<js_sys::Function>().clone();
    tick.forget();
    let (p, s) = (panel.clone(), state.clone());
    listen(&button, "click", move |_: web_sys::Event| {
        let Some(window) = web_sys::window() else { return };
        let running = s.borrow().playing;
        let next = match running {
            Some(id) => {
                window.clear_interval_with_handle(id);
                None
            }
            None => window
                .set_interval_with_callback_and_timeout_and_arguments_0(&tick_fn, 150)
                .ok(),
        };
        s.borrow_mut().playing = next;
        redraw(&p, &s);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_wraps_around_the_feature_map() {
        let mut s = State::new(Lang::En);
        assert_eq!(s.pos, (0, 0));
        s.step(-1);
        assert_eq!(s.pos, (OUT - 1, OUT - 1));
        s.step(1);
        s.step(OUT as isize + 2);
        assert_eq!(s.pos, (1, 2));
    }

    #[test]
    fn drawing_from_blank_inks_the_image_and_updates_the_map() {
        let mut s = State::new(Lang::En);
        s.image.fill(0.0);
        s.recompute();
        assert!(s.is_blank());
        s.last_stroke = None;
        s.stroke_to(10.0, 5.0);
        s.stroke_to(10.0, 20.0);
        assert!(!s.is_blank());
        assert_eq!(s.picked, None);
        assert!(s.image[[12, 9]] > 0.9, "the stroke passes through column 9/10");
        assert!(s.map.iter().any(|&v| v != 0.0));
    }

    #[test]
    fn first_sample_is_the_seven_and_map_matches_the_library() {
        let s = State::new(Lang::Zh);
        assert_eq!(s.digits[0].label, 7);
        assert_eq!(s.map, cnn::conv2d(s.image.view(), s.kernel.view()));
        assert_eq!(s.pooled.dim(), (13, 13));
    }
}
