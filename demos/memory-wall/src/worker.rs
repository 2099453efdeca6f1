//! The worker: the two ceilings first, then each kernel, every one timed
//! for at least `roofline::measure::MIN_MS`, a report after each so the
//! chart fills in as it goes and Reset can stop it between them.

use std::rc::Rc;

use crate::protocol::{FromWorker, ToWorker};
use demo_kit::worker::{Command, RunControl, now, post as send, serve};
use roofline::kernels::{NAMES, measure_one};
use roofline::measure::{MIN_MS, roof};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("memory-wall");
    let control = Rc::new(RunControl::default());
    serve(move |command: Command<ToWorker>| match control.obey(command) {
        Some(ToWorker::Start { run }) => {
            control.begin(run);
            let c = control.clone();
            wasm_bindgen_futures::spawn_local(async move { measure(&c, run).await });
        }
        Some(ToWorker::Peak { run }) => {
            control.begin(run);
            let rate = roofline::measure::peak(&now, 2.0 * MIN_MS).rate();
            send(run, FromWorker::CorePeak { rate });
        }
        None => {}
    });
}

async fn measure(control: &RunControl, run: u32) {
    let started = now();
    if !control.next_slice(run).await {
        return;
    }
    let r = roof(&now, MIN_MS);
    send(run, FromWorker::Roof { peak: r.peak, bandwidth: r.bandwidth });
    for name in NAMES {
        if !control.next_slice(run).await {
            return;
        }
        let p = measure_one(name, &now, MIN_MS);
        let rate = p.rate();
        send(
            run,
            FromWorker::Point { name: name.into(), ops: p.ops, bytes: p.bytes, rate },
        );
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
