//! Demo `gpt-write`: a small GPT trained by the book writes in the page,
//! one character at a time. The reader sees the probabilities it chose
//! from and, for any character, where its attention went. Model, sampling
//! and verse rules are the `gpt` crate's; this crate only draws and listens.

pub mod bench;
mod text;
mod view;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use demo_kit::{Lang, Panel, listen};
use gpt::generate::{distribution, pick};
use gpt::verse::{Form, Next};
use gpt::{Gpt, Sampling, Session, Vocab};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// The shipped models: (name, weights file).
const MODELS: [(&str, &str); 2] = [
    ("shakespeare", "weights/gpt-shakespeare.safetensors"),
    ("tang", "weights/gpt-tang.safetensors"),
];

/// A loaded model and its characters.
pub struct Loaded {
    pub model: Gpt,
    pub vocab: Vocab,
}

/// What one position's attention looked like when it was read.
pub struct Row {
    /// Index (in the shown text) of the window's first character.
    pub start: usize,
    /// Per layer, `heads × window` weights.
    pub weights: Vec<Vec<f32>>,
}

/// Settings read from the controls.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub model: String,
    pub prompt: String,
    pub sampling: Sampling,
    pub length: usize,
    pub seed: u64,
    pub form: Option<(usize, usize)>,
    pub heads: String,
}

pub struct State {
    pub lang: Lang,
    models: HashMap<String, Rc<Loaded>>,
    pub loaded: Option<Rc<Loaded>>,
    pub settings: Option<Settings>,
    session: Session,
    /// Every character read, the hidden line break first.
    pub chars: Vec<char>,
    pub rows: Vec<Row>,
    logits: Vec<f32>,
    rng: nn::Rng,
    form: Option<Form>,
    poem_start: usize,
    run: u32,
    pub selected: Option<usize>,
    pub done: bool,
    /// Characters before this index came from the reader.
    pub prompt_end: usize,
    /// Regulated poems of the 300 Tang Poems (kept out of training).
    famous: Vec<String>,
    famous_next: usize,
}

type Shared = Rc<RefCell<State>>;

/// Builds the demo in `root`, then loads the page language's model.
#[wasm_bindgen]
pub fn mount(root: HtmlElement) -> Result<(), JsValue> {
    demo_kit::report_panics_in_panels("gpt-write");
    let lang = Lang::of_page();
    let state: Shared = Rc::new(RefCell::new(State {
        lang,
        models: HashMap::new(),
        loaded: None,
        settings: None,
        session: Session::new(),
        chars: Vec::new(),
        rows: Vec::new(),
        logits: Vec::new(),
        rng: nn::rng(1),
        form: None,
        poem_start: 0,
        run: 0,
        selected: None,
        done: false,
        prompt_end: 0,
        famous: Vec::new(),
        famous_next: 0,
    }));
    let panel = Panel::new(root);
    view::build(&panel, lang)?;
    demo_kit::share::restore_controls(&panel, "gpt-write", &view::SHARED);
    view::show_form_controls(&panel);
    wire(&panel, &state)?;
    ensure_model(&panel, &state, None);
    Ok(())
}

/// Loads the chosen model if it is not loaded yet, then runs `then`.
fn ensure_model(panel: &Panel, state: &Shared, then: Option<Box<dyn FnOnce()>>) {
    let name = view::value(panel, ".gw-model");
    let cached = state.borrow().models.get(&name).cloned();
    if let Some(m) = cached {
        state.borrow_mut().loaded = Some(m);
        if let Some(f) = then {
            f();
        }
        return;
    }
    let Some(&(_, file)) = MODELS.iter().find(|(n, _)| *n == name) else { return };
    let lang = state.borrow().lang;
    panel.message(text::labels(lang).loading);
    panel.root.set_attribute("data-weights", "loading").ok();
    let (p, s) = (panel.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let url = demo_kit::fetch::assets_url(&p.root, file);
        let loaded = demo_kit::fetch::bytes(&url, false)
            .await
            .and_then(|bytes| gpt::weights::load(&bytes));
        match loaded {
            Ok((model, vocab)) => {
                let m = Rc::new(Loaded { model, vocab });
                s.borrow_mut().models.insert(name, m.clone());
                s.borrow_mut().loaded = Some(m);
                p.root.set_attribute("data-weights", "loaded").ok();
                p.message(text::labels(lang).hint);
                if let Some(f) = then {
                    f();
                }
            }
            Err(why) => {
                p.root.set_attribute("data-weights", "failed").ok();
                p.message(&text::weights_failed(lang, &why));
            }
        }
    });
}

/// Reads and checks the controls; the error says which one is wrong.
fn read_settings(panel: &Panel, lang: Lang) -> Result<Settings, String> {
    let number = |class: &str, what: &str, lo: f64, hi: f64| -> Result<f64, String> {
        let raw = view::value(panel, class);
        raw.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= lo && *v <= hi)
            .ok_or_else(|| text::bad_number(lang, what, &format!("{lo}–{hi}")))
    };
    let l = text::labels(lang);
    let temperature = number(".gw-temp", l.temperature, 0.0, 100.0)? as f32;
    let top_k = number(".gw-topk", l.top_k, 0.0, 1e9)? as usize;
    let top_p = number(".gw-topp", l.top_p, 0.0, 1.0)? as f32;
    let length = number(".gw-length", l.length, 1.0, 5000.0)? as usize;
    let seed = number(".gw-seed", l.seed, 0.0, 4294967295.0)? as u64;
    let model = view::value(panel, ".gw-model");
    let form = match view::value(panel, ".gw-form").as_str() {
        f if model == "tang" && f != "free" => {
            let (c, n) = f.split_once('x').unwrap_or(("5", "4"));
            Some((c.parse().unwrap_or(5), n.parse().unwrap_or(4)))
        }
        _ => None,
    };
    Ok(Settings {
        model,
        prompt: view::value(panel, ".gw-prompt"),
        sampling: Sampling { temperature, top_k, top_p },
        length,
        seed,
        form,
        heads: view::value(panel, ".gw-heads"),
    })
}

/// Longest start read: two windows (older characters could not be seen anyway).
fn prompt_limit(model: &Gpt) -> usize {
    2 * model.config.ctx
}

/// Starts a new text from the settings: reads the hidden line break and the
/// prompt. Returns notes for the reader (unknown characters, cuts).
fn begin(state: &mut State, settings: Settings) -> Result<Vec<String>, String> {
    let lang = state.lang;
    let loaded = state.loaded.clone().ok_or(text::labels(lang).loading)?;
    let (model, vocab) = (&loaded.model, &loaded.vocab);
    let mut notes = Vec::new();
    let limit = prompt_limit(model);
    let all: Vec<char> = settings.prompt.chars().collect();
    let prompt: String = all[all.len().saturating_sub(limit)..].iter().collect();
    if all.len() > limit {
        notes.push(match lang {
            Lang::En => {
                format!("Only the last {limit} characters of the start are read.")
            }
            Lang::Zh => format!("开头只读最后 {limit} 个字。"),
        });
    }
    let (ids, unknown) = vocab.encode(&prompt);
    if !unknown.is_empty() {
        notes.push(text::unknown_chars(lang, &unknown));
    }
    if ids.is_empty() && !prompt.is_empty() || prompt.trim().is_empty() {
        notes.push(text::empty_prompt(lang).to_string());
    }
    if settings.sampling.top_k > vocab.len() {
        notes.push(match lang {
            Lang::En => format!(
                "Top-k {} is more than the {} characters the model knows: all are kept.",
                settings.sampling.top_k,
                vocab.len()
            ),
            Lang::Zh => format!(
                "Top-k {} 超过了模型认识的 {} 个字：全部保留。",
                settings.sampling.top_k,
                vocab.len()
            ),
        });
    }
    let form = settings.form.map(|(chars, lines)| Form {
        chars,
        lines,
        heads: settings.heads.chars().filter(|c| !c.is_whitespace()).collect(),
    });
    if let Some(f) = &form {
        let missing: Vec<char> =
            f.heads.iter().copied().filter(|&c| vocab.id(c).is_none()).collect();
        if !missing.is_empty() {
            return Err(text::unknown_chars(lang, &missing));
        }
        for (i, c) in prompt.chars().filter(|c| vocab.id(*c).is_some()).enumerate() {
            match f.next(i) {
                Next::Forced(want) if want != c => {
                    return Err(text::form_conflict(lang, c, want));
                }
                Next::Free if !gpt::verse::is_han(c) => {
                    return Err(text::form_conflict(lang, c, '字'));
                }
                Next::Done => return Err(text::poem_done(lang).into()),
                _ => {}
            }
        }
    }
    state.session = Session::new();
    state.chars.clear();
    state.rows.clear();
    state.rng = nn::rng(settings.seed);
    state.form = form;
    state.done = false;
    state.selected = None;
    let newline = vocab.id('\n').unwrap_or(0);
    feed(state, &loaded, newline);
    state.poem_start = 1;
    for id in ids {
        feed(state, &loaded, id);
    }
    state.prompt_end = state.chars.len();
    state.settings = Some(settings);
    Ok(notes)
}

/// Reads one character into the model and remembers its attention.
fn feed(state: &mut State, loaded: &Loaded, id: u32) {
    state.logits = state.session.feed(&loaded.model, id);
    let window = state.session.window(&loaded.model);
    state.chars.push(loaded.vocab.chars[id as usize]);
    let start = state.chars.len() - window;
    state.rows.push(Row { start, weights: state.session.weights.clone() });
}

/// The scores for the next character after the form's rules, or `None`
/// when the poem is complete.
pub fn next_scores(state: &State) -> Option<(Vec<f32>, Option<char>)> {
    let loaded = state.loaded.as_ref()?;
    let mut logits = state.logits.clone();
    match state.form.as_ref().map(|f| f.next(state.chars.len() - state.poem_start)) {
        Some(Next::Done) => None,
        Some(Next::Forced(c)) => Some((logits, Some(c))),
        Some(Next::Free) => {
            Form::mask_free(&mut logits, &loaded.vocab);
            Some((logits, None))
        }
        None => Some((logits, None)),
    }
}

/// Picks and reads the next character; false when there is nothing to add.
fn write_one(state: &mut State) -> bool {
    let (Some(loaded), Some(settings)) = (state.loaded.clone(), state.settings.clone())
    else {
        return false;
    };
    let Some((logits, forced)) = next_scores(state) else {
        state.done = true;
        return false;
    };
    let id = match forced.and_then(|c| loaded.vocab.id(c)) {
        Some(id) => id,
        None => pick(&distribution(&logits, &settings.sampling), &mut state.rng),
    };
    feed(state, &loaded, id);
    true
}

fn wire(panel: &Panel, state: &Shared) -> Result<(), JsValue> {
    let (p, s) = (panel.clone(), state.clone());
    let write: HtmlElement = panel.find(".gw-write")?;
    listen(&write, "click", move |_: web_sys::Event| start_writing(&p, &s))?;
    let (p, s) = (panel.clone(), state.clone());
    let step: HtmlElement = panel.find(".gw-step")?;
    listen(&step, "click", move |_: web_sys::Event| step_once(&p, &s))?;
    let (p, s) = (panel.clone(), state.clone());
    let stop: HtmlElement = panel.find(".gw-stop")?;
    listen(&stop, "click", move |_: web_sys::Event| {
        s.borrow_mut().run += 1;
        view::set_running(&p, false);
    })?;
    let (p, s) = (panel.clone(), state.clone());
    let model: HtmlElement = panel.find(".gw-model")?;
    listen(&model, "change", move |_: web_sys::Event| {
        view::show_form_controls(&p);
        view::set_default_prompt(&p);
        s.borrow_mut().run += 1;
        view::set_running(&p, false);
        ensure_model(&p, &s, None);
        demo_kit::share::save_controls(&p, "gpt-write", &view::SHARED);
    })?;
    for class in
        [".gw-temp", ".gw-topk", ".gw-topp", ".gw-form", ".gw-length", ".gw-seed"]
    {
        let p = panel.clone();
        let el: HtmlElement = panel.find(class)?;
        listen(&el, "change", move |_: web_sys::Event| {
            demo_kit::share::save_controls(&p, "gpt-write", &view::SHARED);
        })?;
    }
    let (p, s) = (panel.clone(), state.clone());
    let famous: HtmlElement = panel.find(".gw-famous")?;
    listen(&famous, "click", move |_: web_sys::Event| famous_line(&p, &s))?;
    view::wire_attention(panel, state)?;
    Ok(())
}

/// Puts the next held-out poem's first line in the prompt and its form in
/// the form box (the file is fetched once).
fn famous_line(panel: &Panel, state: &Shared) {
    let (p, s) = (panel.clone(), state.clone());
    wasm_bindgen_futures::spawn_local(async move {
        if s.borrow().famous.is_empty() {
            let url = demo_kit::fetch::assets_url(&p.root, "text/tang-300-prompts.txt");
            match demo_kit::fetch::bytes(&url, false).await {
                Ok(b) => {
                    s.borrow_mut().famous =
                        String::from_utf8_lossy(&b).lines().map(str::to_string).collect()
                }
                Err(why) => return p.message(&why),
            }
        }
        // The next poem whose first line ends in a comma (as the forms write it).
        let poem = {
            let mut st = s.borrow_mut();
            let n = st.famous.len().max(1);
            let mut found = String::new();
            for _ in 0..n {
                st.famous_next = (st.famous_next + 1) % n;
                let p = st.famous.get(st.famous_next).cloned().unwrap_or_default();
                if p.find(['，', '。', '；', '？', '！']) == p.find('，')
                    && p.contains('，')
                {
                    found = p;
                    break;
                }
            }
            found
        };
        let Some((first, _)) = poem.split_once('，') else { return };
        let lines = poem.chars().filter(|c| "，。；？！".contains(*c)).count();
        let form = format!("{}x{}", first.chars().count(), lines);
        if let Ok(area) = p.find::<web_sys::HtmlTextAreaElement>(".gw-prompt") {
            area.set_value(&format!("{first}，"));
        }
        if let Ok(sel) = p.find::<web_sys::HtmlSelectElement>(".gw-form") {
            sel.set_value(&form);
        }
        if let Ok(heads) = p.find::<web_sys::HtmlInputElement>(".gw-heads") {
            heads.set_value("");
        }
    });
}

/// Loads the chosen model, reads the controls and, if they are valid, runs
/// `then` with them (the message explains a wrong one).
fn with_settings(
    panel: &Panel,
    state: &Shared,
    then: impl FnOnce(&Panel, &Shared, Settings) + 'static,
) {
    let (p, s) = (panel.clone(), state.clone());
    ensure_model(
        panel,
        state,
        Some(Box::new(move || {
            let lang = s.borrow().lang;
            match read_settings(&p, lang) {
                Ok(settings) => then(&p, &s, settings),
                Err(e) => p.message(&e),
            }
        })),
    );
}

impl Settings {
    /// Whether `other` continues the same text (only the sampling differs).
    fn same_text_as(&self, other: &Settings) -> bool {
        (&self.model, &self.prompt, self.form, &self.heads)
            == (&other.model, &other.prompt, other.form, &other.heads)
    }
}

/// Starts from the settings (if they changed or nothing is written yet) and
/// writes one character.
fn step_once(panel: &Panel, state: &Shared) {
    state.borrow_mut().run += 1;
    view::set_running(panel, false);
    with_settings(panel, state, |p, s, settings| {
        let lang = s.borrow().lang;
        let fresh = {
            let st = s.borrow();
            !st.settings.as_ref().is_some_and(|o| o.same_text_as(&settings))
                || st.chars.is_empty()
        };
        let mut notes = Vec::new();
        if fresh {
            match begin(&mut s.borrow_mut(), settings) {
                Ok(n) => notes = n,
                Err(e) => return p.message(&e),
            }
        } else {
            s.borrow_mut().settings = Some(settings);
        }
        if !write_one(&mut s.borrow_mut()) {
            notes.push(text::poem_done(lang).to_string());
        }
        s.borrow_mut().selected = None;
        p.message(&notes.join(" "));
        view::render(p, &s.borrow());
    });
}

/// Starts a new text and writes it a few characters per frame.
fn start_writing(panel: &Panel, state: &Shared) {
    with_settings(panel, state, |p, s, settings| {
        let (p, s) = (p.clone(), s.clone());
        let length = settings.length;
        let notes = match begin(&mut s.borrow_mut(), settings) {
            Ok(n) => n,
            Err(e) => return p.message(&e),
        };
        p.message(&notes.join(" "));
        let run = {
            let mut st = s.borrow_mut();
            st.run += 1;
            st.run
        };
        view::set_running(&p, true);
        wasm_bindgen_futures::spawn_local(async move {
            let mut written = 0;
            while written < length {
                for _ in 0..4 {
                    if written >= length || !write_one(&mut s.borrow_mut()) {
                        written = length;
                        break;
                    }
                    written += 1;
                }
                if s.borrow().run != run {
                    return;
                }
                view::render(&p, &s.borrow());
                demo_kit::sleep(0).await;
                if s.borrow().run != run {
                    return;
                }
            }
            view::render(&p, &s.borrow());
            view::set_running(&p, false);
            p.root.set_attribute("data-written", &s.borrow().run.to_string()).ok();
        });
    });
}
