//! Starting a demo's Web Worker, and saying why when it cannot start.
//!
//! Training demos run their loop in a worker so the page stays responsive.
//! Every worker loads `worker.js?demo=<name>` from the book's demos folder,
//! which imports that demo's wasm and calls its `worker_main`.

use crate::Panel;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// A worker's message with the training run it belongs to. The page numbers
/// its runs (start and reset each begin a new one) and drops reports of older
/// runs, which a worker busy with a long step may still have in flight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report<M> {
    pub run: u32,
    #[serde(flatten)]
    pub message: M,
}

/// In a worker: sends `message`, as part of run `run`, to the page (as JSON).
pub fn post<M: Serialize>(run: u32, message: M) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Ok(text) = serde_json::to_string(&Report { run, message }) {
        let _ = scope.post_message(&JsValue::from_str(&text));
    }
}

/// Starts the worker for `demo`. `on_message` gets each message's data;
/// `on_failure` gets a reason when the worker's script fails to load or
/// throws before it can answer (a failed load is a plain `Event` without a
/// message, so the reason is spelt out here).
pub fn spawn(
    panel: &Panel,
    demo: &str,
    mut on_message: impl FnMut(JsValue) + 'static,
    mut on_failure: impl FnMut(String) + 'static,
) -> Result<Worker, JsValue> {
    let base = panel.root.get_attribute("data-demos").unwrap_or_else(|| "../../demos/".into());
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&format!("{base}worker.js?demo={demo}"), &options)?;
    let message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_message(e.data()));
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
