//! The worker: loads the teacher and MNIST once, then teaches both
//! students side by side in slices of about 100 ms, so Pause and Reset act
//! between mini-batches.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use distill::{Experiment, Setup, TRANSFER};
use wasm_bindgen::prelude::*;

/// The transfer images with the teacher's scores, and the test set.
struct Data {
    images: Vec<f32>,
    labels: Vec<u8>,
    teacher: Vec<f32>,
    test: lenet::Dataset,
}

#[derive(Default)]
struct Worker {
    data: RefCell<Option<Rc<Data>>>,
    control: RunControl,
}

async fn load(run: u32, assets: &str) -> Result<Data, String> {
    let files = [
        ("weights/lenet5.safetensors", false),
        ("mnist/train-30k-images.idx3-ubyte.gz", true),
        ("mnist/train-30k-labels.idx1-ubyte.gz", true),
        ("mnist/t10k-images.idx3-ubyte.gz", true),
        ("mnist/t10k-labels.idx1-ubyte.gz", true),
    ];
    let mut parts = Vec::new();
    for (i, (file, gz)) in files.iter().enumerate() {
        parts.push(demo_kit::fetch::bytes(&format!("{assets}{file}"), *gz).await?);
        send(run, FromWorker::Loading { done: (i + 1) as f32 / files.len() as f32 });
    }
    let train = mnist::parse(&parts[1], &parts[2]).map_err(|e| e.to_string())?;
    let test = mnist::parse(&parts[3], &parts[4]).map_err(|e| e.to_string())?;
    if train.len() < TRANSFER || test.len() < 10_000 {
        return Err(format!(
            "the shipped MNIST files hold only {} and {} digits",
            train.len(),
            test.len()
        ));
    }
    let train = lenet::Dataset::from_digits(&train[..TRANSFER]);
    let teacher = distill::teacher_logits(&parts[0], &train.images, TRANSFER)
        .map_err(|e| format!("lenet5.safetensors: {e}"))?;
    Ok(Data {
        images: train.images,
        labels: train.labels,
        teacher,
        test: lenet::Dataset::from_digits(&test),
    })
}

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("distillation");
    let state = Rc::new(Worker::default());
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Start { run, temperature, omit, assets }) =
            state.control.obey(command)
        else {
            return;
        };
        state.control.begin(run);
        let setup = Setup { temperature, omit };
        wasm_bindgen_futures::spawn_local(teach(state.clone(), run, setup, assets));
    });
}

async fn teach(state: Rc<Worker>, run: u32, setup: Setup, assets: String) {
    let cached = state.data.borrow().clone();
    let data = match cached {
        Some(d) => d,
        None => match load(run, &assets).await {
            Ok(d) => {
                let d = Rc::new(d);
                *state.data.borrow_mut() = Some(d.clone());
                d
            }
            Err(message) => return send(run, FromWorker::Failed { message }),
        },
    };
    let mut e = Experiment::new(
        setup,
        &data.images,
        &data.labels,
        &data.teacher,
        data.test.images.clone(),
        data.test.labels.clone(),
    );
    send(run, FromWorker::Ready { transfer: e.transfer_len });
    let (hard, soft) = (e.curves[0][0].1, e.curves[1][0].1);
    send(run, FromWorker::Point { epoch: 0.0, hard, soft });
    let (started, mut busy_ms) = (now(), 0.0);
    while state.control.next_slice(run).await {
        let t0 = now();
        let points = e.curves[0].len();
        let mut more = true;
        while now() - t0 < SLICE_MS && more && e.curves[0].len() == points {
            more = e.advance(4);
        }
        busy_ms += now() - t0;
        if e.curves[0].len() > points {
            let (epoch, hard) = *e.curves[0].last().expect("a point");
            let soft = e.curves[1].last().expect("a point").1;
            send(run, FromWorker::Point { epoch, hard, soft });
        }
        let fraction = e.progress();
        let rate = e.images_seen() as f64 / (busy_ms / 1000.0).max(1e-3);
        let left = busy_ms / 1000.0 * f64::from((1.0 - fraction) / fraction.max(1e-3));
        send(
            run,
            FromWorker::Progress {
                fraction,
                images_per_second: rate as f32,
                left_seconds: left as f32,
            },
        );
        if !more {
            let o = e.outcome();
            let seconds = ((now() - started) / 1000.0) as f32;
            return send(
                run,
                FromWorker::Done { seconds, per_digit: o.per_digit, sweep: o.sweep },
            );
        }
    }
}
