//! The training worker kit: every demo that works in the background uses it.
//!
//! Page side, a [`Client`] owns the worker: it starts it on first use, queues
//! messages until the worker says it is ready (so a Pause pressed while the
//! worker is still loading does not replace the Start before it), numbers the
//! runs and drops reports from runs the reader has moved on from.
//! Worker side, [`serve`] decodes the page's messages and a [`RunControl`]
//! gives the time-sliced loop its Start / Pause / Resume / Reset.
//! Every worker loads `worker.js?demo=<name>` from the book's demos folder,
//! which imports that demo's wasm and calls its `worker_main`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::Panel;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    DedicatedWorkerGlobalScope, ErrorEvent, Event, MessageEvent, Worker, WorkerOptions,
    WorkerType,
};

/// How long the worker trains before it yields to read the page's messages.
pub const SLICE_MS: f64 = 100.0;

/// A worker's message with the training run it belongs to. The page numbers
/// its runs (start and reset each begin a new one) and drops reports of older
/// runs, which a worker busy with a long step may still have in flight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report<M> {
    pub run: u32,
    #[serde(flatten)]
    pub message: M,
}

/// What the page tells a training worker: the run controls every training
/// demo shares, or the demo's own message `M` (its Start and the like),
/// which travels as it is, with its own `type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Command<M> {
    Pause,
    Resume,
    /// Ends the current run; `run` is the number the page moved on to.
    Reset {
        run: u32,
    },
    #[serde(untagged)]
    Demo(M),
}

// ---- page side ---------------------------------------------------------------

/// The report type of a worker that only answers with raw values.
pub type NoReports = serde::de::IgnoredAny;

type RawHandler = Box<dyn FnMut(JsValue)>;
type FailHandler = Box<dyn FnMut(String)>;

struct Inner {
    panel: Panel,
    demo: &'static str,
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    run: u32,
    on_message: Rc<RefCell<RawHandler>>,
    on_failure: Rc<RefCell<FailHandler>>,
}

/// The page's handle on a demo's worker. Cheap to clone; all clones share it.
#[derive(Clone)]
pub struct Client(Rc<RefCell<Inner>>);

impl Client {
    /// `on_report` gets each report of the current run, decoded from JSON;
    /// `on_raw` gets messages that are not JSON text (such as transferred
    /// bytes); `on_failure` gets a reason when the worker cannot start or
    /// dies. The worker itself starts on the first [`Client::send`].
    pub fn new<R: DeserializeOwned + 'static>(
        panel: &Panel,
        demo: &'static str,
        mut on_report: impl FnMut(R) + 'static,
        mut on_raw: impl FnMut(JsValue) + 'static,
        on_failure: impl FnMut(String) + 'static,
    ) -> Client {
        let inner = Rc::new(RefCell::new(Inner {
            panel: panel.clone(),
            demo,
            worker: None,
            ready: false,
            queue: Vec::new(),
            run: 0,
            on_message: Rc::new(RefCell::new(Box::new(|_| {}))),
            on_failure: Rc::new(RefCell::new(Box::new(on_failure))),
        }));
        let weak = Rc::downgrade(&inner);
        let handler: RawHandler = Box::new(move |data: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let client = Client(inner);
            if let Some(text) = data.as_string() {
                match serde_json::from_str::<Report<R>>(&text) {
                    Ok(report) if report.run == client.run() => on_report(report.message),
                    Ok(_) => {} // from a run that was reset or replaced
                    Err(e) => {
                        client.fail(format!("unreadable message from the worker: {e}"))
                    }
                }
                return;
            }
            match field(&data, "type").as_deref() {
                Some("ready") => client.flush(),
                Some("error") => client.fail(field(&data, "message").unwrap_or_default()),
                _ => on_raw(data),
            }
        });
        *inner.borrow().on_message.borrow_mut() = handler;
        Client(inner)
    }

    /// The current run's number.
    pub fn run(&self) -> u32 {
        self.0.borrow().run
    }

    /// Begins a new run (for Start and Reset): reports of earlier runs are
    /// dropped from now on. Returns its number, for the message to the worker.
    pub fn next_run(&self) -> u32 {
        let mut inner = self.0.borrow_mut();
        inner.run += 1;
        inner.run
    }

    /// Sends `message` as JSON, starting the worker if needed; messages sent
    /// before the worker is ready are delivered in order once it is.
    pub fn send<T: Serialize>(&self, message: &T) {
        let Ok(text) = serde_json::to_string(message) else { return };
        self.send_raw(JsValue::from_str(&text));
    }

    /// Pauses the worker's run ([`Command::Pause`]).
    pub fn pause(&self) {
        self.send(&Command::<()>::Pause);
    }

    /// Resumes the worker's run ([`Command::Resume`]).
    pub fn resume(&self) {
        self.send(&Command::<()>::Resume);
    }

    /// Ends the worker's run, if a worker was started: reports of that run
    /// are dropped from now on ([`Command::Reset`]).
    pub fn reset(&self) {
        if self.is_started() {
            let run = self.next_run();
            self.send(&Command::<()>::Reset { run });
        }
    }

    /// Sends a value as it is (for transferring large buffers).
    pub fn send_raw(&self, value: JsValue) {
        if self.0.borrow().worker.is_none()
            && let Err(why) = self.spawn()
        {
            return self.fail(why);
        }
        let inner = self.0.borrow();
        match (&inner.worker, inner.ready) {
            (Some(w), true) => {
                let _ = w.post_message(&value);
            }
            _ => {
                drop(inner);
                self.0.borrow_mut().queue.push(value);
            }
        }
    }

    /// Whether the worker has been started and has not failed.
    pub fn is_started(&self) -> bool {
        self.0.borrow().worker.is_some()
    }

    fn spawn(&self) -> Result<(), String> {
        let (panel, demo, on_message) = {
            let inner = self.0.borrow();
            (inner.panel.clone(), inner.demo, inner.on_message.clone())
        };
        let weak = Rc::downgrade(&self.0);
        let worker = spawn(
            &panel,
            demo,
            move |data| (on_message.borrow_mut())(data),
            move |why| {
                if let Some(inner) = weak.upgrade() {
                    Client(inner).fail(why);
                }
            },
        )
        .map_err(|e| format!("{e:?}"))?;
        let mut inner = self.0.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        Ok(())
    }

    fn flush(&self) {
        let (worker, queue) = {
            let mut inner = self.0.borrow_mut();
            inner.ready = true;
            (inner.worker.clone(), std::mem::take(&mut inner.queue))
        };
        if let Some(w) = worker {
            for value in queue {
                let _ = w.post_message(&value);
            }
        }
    }

    /// Forgets a dead worker (the next send starts a fresh one) and reports why.
    fn fail(&self, why: String) {
        let on_failure = {
            let mut inner = self.0.borrow_mut();
            if let Some(w) = inner.worker.take() {
                w.terminate();
            }
            inner.ready = false;
            inner.queue.clear();
            inner.on_failure.clone()
        };
        (on_failure.borrow_mut())(why);
    }
}

/// Tells the reader, in the page's language, that the demo's worker could
/// not start or died, and why: every demo's [`Client`] failure handler says it.
pub fn show_start_failure(panel: &Panel, why: &str) {
    let lang = crate::Lang::of_page();
    panel.message(&format!(
        "{}{}",
        lang.pick("The background thread could not start: ", "后台线程无法启动："),
        crate::dom::escape(why)
    ));
}

fn field(data: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(data, &name.into()).ok().and_then(|v| v.as_string())
}

/// Starts the worker for `demo`. `on_message` gets each message's data;
/// `on_failure` gets a reason when the worker's script fails to load or
/// throws before it can answer (a failed load is a plain `Event` without a
/// message, so the reason is spelt out here). Most demos want [`Client`].
pub fn spawn(
    panel: &Panel,
    demo: &str,
    mut on_message: impl FnMut(JsValue) + 'static,
    mut on_failure: impl FnMut(String) + 'static,
) -> Result<Worker, JsValue> {
    let base =
        panel.root.get_attribute("data-demos").unwrap_or_else(|| "../../demos/".into());
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    // The worker has no page of its own: its address tells it the language.
    let lang = crate::Lang::of_page().tag();
    let worker = Worker::new_with_options(
        &format!("{base}worker.js?demo={demo}&lang={lang}"),
        &options,
    )?;
    let message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        on_message(e.data())
    });
    worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
    message.forget(); // lives as long as the worker, which lives as long as the page
    let error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        e.prevent_default();
        on_failure(reason(&e));
    });
    worker.set_onerror(Some(error.as_ref().unchecked_ref()));
    error.forget();
    Ok(worker)
}

/// The error's own message, or what a message-less error event means.
fn reason(e: &Event) -> String {
    match e.dyn_ref::<ErrorEvent>().map(|e| e.message()) {
        Some(m) if !m.is_empty() => m,
        _ => "its script could not be loaded (is the book served over http, with demos/worker.js present?)".into(),
    }
}

// ---- worker side ---------------------------------------------------------------

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// In a worker: sends `message`, as part of run `run`, to the page (as JSON).
pub fn post<M: Serialize>(run: u32, message: M) {
    if let Ok(text) = serde_json::to_string(&Report { run, message }) {
        let _ = scope().post_message(&JsValue::from_str(&text));
    }
}

/// In a worker: posts a value as it is (for large buffers).
pub fn post_raw(value: &JsValue) {
    let _ = scope().post_message(value);
}

/// In a worker: calls `handler` with every message the page sends, decoded
/// from JSON (messages that do not decode are ignored).
pub fn serve<T: DeserializeOwned + 'static>(mut handler: impl FnMut(T) + 'static) {
    let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(text) = e.data().as_string() else { return };
        if let Ok(message) = serde_json::from_str::<T>(&text) {
            handler(message);
        }
    });
    scope().set_onmessage(Some(closure.as_ref().unchecked_ref()));
    closure.forget();
}

/// The worker's side of Start / Pause / Resume / Reset, shared between the
/// message handler and the training loop (which runs in slices and asks
/// [`RunControl::next_slice`] between them).
#[derive(Default)]
pub struct RunControl {
    run: Cell<u32>,
    paused: Cell<bool>,
}

impl RunControl {
    /// A Start or a Reset: `run` becomes the current run, not paused; loops
    /// of earlier runs stop at their next slice.
    pub fn begin(&self, run: u32) {
        self.run.set(run);
        self.paused.set(false);
    }

    pub fn pause(&self) {
        self.paused.set(true);
    }

    pub fn resume(&self) {
        self.paused.set(false);
    }

    /// Carries out a shared control (Pause, Resume, Reset); a demo's own
    /// message is handed back for the demo to act on.
    pub fn obey<M>(&self, command: Command<M>) -> Option<M> {
        match command {
            Command::Pause => self.pause(),
            Command::Resume => self.resume(),
            Command::Reset { run } => self.begin(run),
            Command::Demo(m) => return Some(m),
        }
        None
    }

    /// The page's current run (for replies that belong to whatever run is on).
    pub fn current(&self) -> u32 {
        self.run.get()
    }

    /// Whether `run` is still the page's current run.
    pub fn is_current(&self, run: u32) -> bool {
        self.run.get() == run
    }

    /// Between slices of work: lets the page's messages in and waits while
    /// paused. `false` once `run` has been reset or replaced: stop then.
    pub async fn next_slice(&self, run: u32) -> bool {
        loop {
            crate::sleep(0).await;
            if !self.is_current(run) {
                return false;
            }
            if !self.paused.get() {
                return true;
            }
            crate::sleep(100).await;
        }
    }
}

/// Milliseconds, for timing slices (worker or page).
pub fn now() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "kebab-case")]
    enum Own {
        Start { run: u32 },
    }

    #[test]
    fn commands_travel_as_json_and_controls_are_obeyed() {
        let start = serde_json::to_string(&Command::Demo(Own::Start { run: 3 })).unwrap();
        assert_eq!(start, r#"{"type":"start","run":3}"#);
        let back: Command<Own> = serde_json::from_str(&start).unwrap();
        assert_eq!(back, Command::Demo(Own::Start { run: 3 }));
        let reset: Command<Own> =
            serde_json::from_str(r#"{"type":"reset","run":4}"#).unwrap();
        let control = RunControl::default();
        control.pause();
        assert_eq!(control.obey(reset), None);
        assert!(control.is_current(4) && !control.paused.get());
        assert_eq!(control.obey(back), Some(Own::Start { run: 3 }));
        assert!(serde_json::from_str::<Command<Own>>(r#"{"type":"fly"}"#).is_err());
    }
}
