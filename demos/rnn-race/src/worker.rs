//! One runner of the race, trained in its own Web Worker in ~100 ms slices,
//! measured on held-out text ten times a run.

use std::rc::Rc;

use crate::protocol::{FromWorker, STEPS, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use gpt::race::{self, Kind, Racer};
use wasm_bindgen::prelude::*;

/// Measurements per run.
const CHECKS: usize = 10;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("rnn-race");
    let control = Rc::new(RunControl::default());
    serve(move |command: Command<ToWorker>| {
        let Some(message) = control.obey(command) else { return };
        match message {
            ToWorker::Start { run, runner, text, steps, assets } => {
                control.begin(run);
                let kind =
                    if runner == "recurrent" { Kind::Recurrent } else { Kind::Attention };
                let steps = if STEPS.contains(&steps) { steps } else { STEPS[1] };
                wasm_bindgen_futures::spawn_local(train(
                    control.clone(),
                    run,
                    kind,
                    text,
                    steps,
                    assets,
                ));
            }
        }
    });
}

async fn train(
    control: Rc<RunControl>,
    run: u32,
    kind: Kind,
    which: String,
    steps: usize,
    assets: String,
) {
    send(run, FromWorker::Loading);
    let mut text = String::new();
    if which != "recall" {
        match demo_kit::fetch::bytes(&format!("{assets}text/shakespeare-7.txt.gz"), true)
            .await
        {
            Ok(b) => text = String::from_utf8_lossy(&b).into_owned(),
            Err(message) => return send(run, FromWorker::Failed { message }),
        }
    }
    if !control.is_current(run) {
        return;
    }
    let corpus = race::corpus(&which, &text);
    let mut racer = Racer::new(kind, corpus.vocab.len(), steps);
    send(run, FromWorker::Ready { params: racer.params() });
    let every = steps.div_ceil(CHECKS);
    let mut busy_ms = 0.0;
    let measure = |racer: &mut Racer, busy_ms: f64| FromWorker::Measured {
        step: racer.steps_done(),
        seconds: (busy_ms / 1000.0) as f32,
        validation: racer.validation(&corpus),
        positions: racer.positions(&corpus),
    };
    send(run, measure(&mut racer, 0.0));
    while control.next_slice(run).await {
        let t0 = now();
        let (mut sum, mut count) = (0.0, 0);
        while now() - t0 < SLICE_MS && racer.steps_done() < steps {
            sum += racer.step(&corpus);
            count += 1;
        }
        busy_ms += now() - t0;
        let step = racer.steps_done();
        let seconds = (busy_ms / 1000.0) as f32;
        send(
            run,
            FromWorker::Progress {
                step,
                seconds,
                loss: (count > 0).then(|| sum / count as f32),
            },
        );
        if count > 0 && (step / every != (step - count) / every || step >= steps) {
            send(run, measure(&mut racer, busy_ms));
        }
        if step >= steps {
            return send(run, FromWorker::Done);
        }
    }
}
