//! The worker: loads the U-Net, LeNet-5 and the reference's test-set
//! numbers once, then draws batch after batch in slices of about 100 ms,
//! and judges each setting once all its drawings are in.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use diffusion::Schedule;
use diffusion::knobs::{BATCH, BatchRun, Reference, Tally, TestSet};
use diffusion::unet::UNet;
use lenet::LeNet5;
use wasm_bindgen::prelude::*;

/// What every run judges with, loaded on the first Start.
struct Judges {
    net: UNet,
    lenet: LeNet5,
    test: TestSet,
}

type Loaded = Rc<RefCell<Option<Judges>>>;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("diffusion-knobs");
    let control = Rc::new(RunControl::default());
    let loaded: Loaded = Rc::new(RefCell::new(None));
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Start { run, experiment, drawings, first_seed, assets }) =
            control.obey(command)
        else {
            return;
        };
        control.begin(run);
        let (c, l) = (control.clone(), loaded.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if l.borrow().is_none() {
                match load(&assets).await {
                    Ok(j) => *l.borrow_mut() = Some(j),
                    Err(message) => return send(run, FromWorker::Failed { message }),
                }
            }
            judge(c, l, run, experiment.settings(), drawings, first_seed).await;
        });
    });
}

async fn load(assets: &str) -> Result<Judges, String> {
    let url = |file: &str| format!("{assets}{file}");
    let get = |url: String| async move { demo_kit::fetch::bytes(&url, false).await };
    let net =
        diffusion::weights::load(&get(url("weights/unet-digits.safetensors")).await?)?;
    let mut lenet = LeNet5::new(0);
    lenet::weights::load(&mut lenet, &get(url("weights/lenet5.safetensors")).await?)?;
    let text = String::from_utf8(get(url("diffusion/knobs.json")).await?)
        .map_err(|_| "knobs.json is not text".to_string())?;
    let reference = Reference::parse(&text).map_err(|e| format!("knobs.json: {e}"))?;
    Ok(Judges { net, lenet, test: reference.test })
}

async fn judge(
    control: Rc<RunControl>,
    loaded: Loaded,
    run: u32,
    settings: Vec<diffusion::knobs::Knobs>,
    drawings: usize,
    first_seed: u64,
) {
    let schedule = Schedule::ddpm();
    let batches = drawings / BATCH;
    let total: usize = settings.iter().map(|k| k.calls() * drawings).sum();
    let (started, mut busy_ms, mut calls) = (now(), 0.0, 0usize);
    for knobs in settings {
        let mut tally = Tally::default();
        for index in 0..batches {
            let mut batch = BatchRun::new(&schedule, &knobs, index, first_seed);
            while !batch.finished() {
                if !control.next_slice(run).await {
                    return;
                }
                let mut guard = loaded.borrow_mut();
                let Some(j) = guard.as_mut() else { return };
                let t0 = now();
                while now() - t0 < SLICE_MS && !batch.finished() {
                    calls += batch.step(&mut j.net, &schedule) * BATCH;
                }
                busy_ms += now() - t0;
                send(
                    run,
                    FromWorker::Progress {
                        calls,
                        total,
                        per_second: calls as f32 / (busy_ms as f32 / 1000.0).max(1e-3),
                    },
                );
            }
            let mut guard = loaded.borrow_mut();
            let Some(j) = guard.as_mut() else { return };
            tally.add(&mut j.lenet, batch.digit, batch.images());
        }
        let score = {
            let guard = loaded.borrow();
            let Some(j) = guard.as_ref() else { return };
            tally.score(drawings, &j.test)
        };
        send(run, FromWorker::Point { knobs, score });
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
