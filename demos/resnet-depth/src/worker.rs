//! The worker: fetches the training digits once, then trains the four
//! networks a step each in turn, in slices of about 100 ms, measuring
//! their training error thirty times a run.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, MEASUREMENTS, PROBE, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use depth::{Race, Settings};
use lenet::Dataset;
use wasm_bindgen::prelude::*;

type Data = Rc<RefCell<Option<Rc<Dataset>>>>;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("resnet-depth");
    let control = Rc::new(RunControl::default());
    let data: Data = Rc::new(RefCell::new(None));
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Start { run, shallow, deep, lr, steps, assets }) =
            control.obey(command)
        else {
            return;
        };
        control.begin(run);
        let (c, d) = (control.clone(), data.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let cached = d.borrow().clone();
            let train = match cached {
                Some(t) => t,
                None => match load(run, &assets).await {
                    Ok(t) => {
                        let t = Rc::new(t);
                        *d.borrow_mut() = Some(t.clone());
                        t
                    }
                    Err(message) => return send(run, FromWorker::Failed { message }),
                },
            };
            let settings = Settings { lr, ..Settings::default() };
            race(&c, run, Race::new(shallow, deep, settings), &train, steps).await;
        });
    });
}

async fn load(run: u32, assets: &str) -> Result<Dataset, String> {
    let mut parts = Vec::new();
    let files = ["train-30k-images.idx3-ubyte.gz", "train-30k-labels.idx1-ubyte.gz"];
    for (i, file) in files.iter().enumerate() {
        parts.push(demo_kit::fetch::bytes(&format!("{assets}mnist/{file}"), true).await?);
        send(run, FromWorker::Loading { done: (i + 1) as f32 / files.len() as f32 });
    }
    let digits = mnist::parse(&parts[0], &parts[1]).map_err(|e| e.to_string())?;
    if digits.len() < PROBE {
        return Err(format!("the shipped MNIST file holds only {} images", digits.len()));
    }
    Ok(Dataset::from_digits(&digits))
}

async fn race(
    control: &RunControl,
    run: u32,
    mut race: Race,
    data: &Dataset,
    steps: usize,
) {
    let probe = data.slice(0..PROBE);
    let every = steps.div_ceil(MEASUREMENTS).max(1);
    let (started, mut busy_ms, mut step) = (now(), 0.0, 0);
    while step < steps {
        if !control.next_slice(run).await {
            return;
        }
        let t0 = now();
        while now() - t0 < SLICE_MS && step < steps {
            race.round(data);
            step += 1;
            if step % every == 0 || step == steps {
                send(run, FromWorker::Errors { step, errors: race.errors(&probe) });
            }
        }
        busy_ms += now() - t0;
        let per_second = step as f32 / (busy_ms as f32 / 1000.0).max(1e-3);
        send(run, FromWorker::Progress { step, steps, per_second });
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
