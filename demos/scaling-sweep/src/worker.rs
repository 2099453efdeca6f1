//! One of the sweep's workers: trains the model the page hands it in
//! ~100 ms slices, measuring it on held-out text at the sweep's checks.
//! The text is read once per worker and kept for the next model.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use gpt::Corpus;
use scaling::sweep::{Member, STEP_CHARS, Shape, VAL_FRACTION};
use wasm_bindgen::prelude::*;

thread_local! {
    static CORPUS: RefCell<Option<Rc<Corpus>>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("scaling-sweep");
    let control = Rc::new(RunControl::default());
    serve(move |command: Command<ToWorker>| {
        let Some(message) = control.obey(command) else { return };
        match message {
            ToWorker::Train { run, index, shape, chars, assets } => {
                control.begin(run);
                wasm_bindgen_futures::spawn_local(train(
                    control.clone(),
                    run,
                    index,
                    shape,
                    chars,
                    assets,
                ));
            }
        }
    });
}

async fn corpus(assets: &str) -> Result<Rc<Corpus>, String> {
    if let Some(c) = CORPUS.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let bytes =
        demo_kit::fetch::bytes(&format!("{assets}text/shakespeare-7.txt.gz"), true)
            .await?;
    let corpus = Rc::new(Corpus::new(&String::from_utf8_lossy(&bytes), VAL_FRACTION));
    CORPUS.with(|c| *c.borrow_mut() = Some(corpus.clone()));
    Ok(corpus)
}

async fn train(
    control: Rc<RunControl>,
    run: u32,
    index: usize,
    shape: Shape,
    chars: usize,
    assets: String,
) {
    if !shape.is_sane() || chars == 0 || chars > 100_000_000 {
        let message =
            format!("no such model in the sweep: {shape:?}, {chars} characters");
        return send(run, FromWorker::Failed { index, message });
    }
    send(run, FromWorker::Loading { index });
    let corpus = match corpus(&assets).await {
        Ok(c) => c,
        Err(message) => return send(run, FromWorker::Failed { index, message }),
    };
    if !control.is_current(run) {
        return;
    }
    let mut member = Member::new(shape, corpus.vocab.len(), chars, 1);
    let (non_embedding, all) = member.params();
    send(run, FromWorker::Ready { index, non_embedding, all, steps: member.steps() });
    let (mut busy_ms, mut last) = (0.0, None);
    while control.next_slice(run).await {
        let t0 = now();
        while now() - t0 < SLICE_MS && !member.done() {
            let loss = member.step(&corpus);
            if !loss.is_finite() {
                let message = format!("training diverged (loss {loss})");
                return send(run, FromWorker::Failed { index, message });
            }
            if member.at_check() {
                let loss = member.validation(&corpus);
                let chars = member.trainer.step * STEP_CHARS;
                last = Some(loss);
                send(run, FromWorker::Measured { index, chars, loss });
            }
        }
        busy_ms += now() - t0;
        let seconds = (busy_ms / 1000.0) as f32;
        send(run, FromWorker::Progress { index, step: member.trainer.step, seconds });
        if member.done() {
            // The last check is the run's last step.
            let loss = last.unwrap_or_else(|| member.validation(&corpus));
            return send(run, FromWorker::Done { index, loss, seconds });
        }
    }
}
