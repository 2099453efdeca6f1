//! The training loop's home: a Web Worker, so the page never waits on it.
//! It trains in slices of about 100 ms and yields between them, which is when
//! pause, resume and reset messages get through.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, SHIPPED_TRAIN, Settings, ToWorker, VALIDATION};
use demo_kit::worker::{
    Command, RunControl, SLICE_MS, now, post as send, post_raw, serve,
};
use lenet::{Dataset, LeNet5, TrainConfig, Trainer, evaluate};
use wasm_bindgen::prelude::*;

/// Training and test images, fetched once per worker.
struct Data {
    train: Dataset,
    validation: Dataset,
    test: Dataset,
}

#[derive(Default)]
struct Worker {
    data: RefCell<Option<Rc<Data>>>,
    control: RunControl,
}

async fn load(run: u32, assets: &str) -> Result<Data, String> {
    let get = |name: &str| format!("{assets}mnist/{name}");
    let mut parts = Vec::new();
    let files = [
        "train-30k-images.idx3-ubyte.gz",
        "train-30k-labels.idx1-ubyte.gz",
        "t10k-images.idx3-ubyte.gz",
        "t10k-labels.idx1-ubyte.gz",
    ];
    for (i, file) in files.iter().enumerate() {
        parts.push(demo_kit::fetch::bytes(&get(file), true).await?);
        send(run, FromWorker::Loading { done: (i + 1) as f32 / files.len() as f32 });
    }
    let train = mnist::parse(&parts[0], &parts[1]).map_err(|e| e.to_string())?;
    let test = mnist::parse(&parts[2], &parts[3]).map_err(|e| e.to_string())?;
    if train.len() < SHIPPED_TRAIN || test.len() < 10_000 {
        return Err(format!(
            "the shipped MNIST files hold {} and {} images",
            train.len(),
            test.len()
        ));
    }
    let (train, validation) = Dataset::from_digits(&train).split_last(VALIDATION);
    Ok(Data { train, validation, test: Dataset::from_digits(&test) })
}

/// Entry point called by `demos/worker.js` inside the worker.
#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("lenet-train");
    let state = Rc::new(Worker::default());
    serve(move |command: Command<ToWorker>| {
        let Some(message) = state.control.obey(command) else { return };
        match message {
            ToWorker::Start { run, settings, assets } => {
                state.control.begin(run);
                wasm_bindgen_futures::spawn_local(train(
                    state.clone(),
                    run,
                    settings,
                    assets,
                ));
            }
        }
    });
}

async fn train(state: Rc<Worker>, run: u32, settings: Settings, assets: String) {
    let cached = state.data.borrow().clone();
    let data = match cached {
        Some(d) => d,
        None => match load(run, &assets).await {
            Ok(d) => {
                let d = Rc::new(d);
                *state.data.borrow_mut() = Some(d.clone());
                d
            }
            Err(message) => {
                return send(run, FromWorker::Failed { message, diverged: false });
            }
        },
    };
    let train = data.train.slice(0..settings.train_images);
    // A fixed slice of the validation set keeps the mid-epoch checks quick.
    let quick_val = data.validation.slice(0..1_000);
    let config = TrainConfig {
        batch: settings.batch,
        optimizer: settings.optimizer_kind(),
        seed: settings.seed,
    };
    let mut t = Trainer::new(LeNet5::new(settings.seed), config);
    let total = (settings.epochs * train.len()) as f32;
    let started = now();
    let mut trained_ms = 0.0;
    let mut last_val = now();
    // Between slices, pause / resume / reset messages get in.
    while state.control.next_slice(run).await {
        let slice_start = now();
        let (mut loss_sum, mut batches) = (0.0, 0);
        while now() - slice_start < SLICE_MS && t.epoch < settings.epochs {
            match t.step(&train) {
                Ok(loss) => {
                    loss_sum += loss;
                    batches += 1;
                }
                Err(e) => {
                    let diverged = matches!(e, lenet::train::TrainError::Diverged { .. });
                    return send(
                        run,
                        FromWorker::Failed { message: e.to_string(), diverged },
                    );
                }
            }
            if t.epoch_progress() >= 1.0 {
                break; // report at every epoch boundary
            }
        }
        trained_ms += now() - slice_start;
        let done = (t.images_seen as f32).min(total);
        let x = done / train.len() as f32;
        let mut validation = Vec::new();
        let finished = done >= total;
        if now() - last_val > 700.0 || finished {
            validation.push((x, evaluate(&mut t.model, &quick_val)));
            last_val = now();
        }
        let speed = t.images_seen as f32 / (trained_ms as f32 / 1000.0).max(1e-3);
        send(
            run,
            FromWorker::Progress {
                epoch: t.epoch,
                fraction: done / total,
                images_per_second: speed,
                eta_seconds: (total - done) / speed.max(1.0),
                loss: if batches > 0 {
                    vec![(x, loss_sum / batches as f32)]
                } else {
                    vec![]
                },
                validation,
            },
        );
        if finished {
            let validation_accuracy = evaluate(&mut t.model, &data.validation);
            let test_accuracy = evaluate(&mut t.model, &data.test);
            send(
                run,
                FromWorker::Done {
                    test_accuracy,
                    validation_accuracy,
                    seconds: ((now() - started) / 1000.0) as f32,
                },
            );
            let bytes = js_sys::Uint8Array::from(&lenet::weights::save(&t.model)[..]);
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"weights".into());
            let _ = js_sys::Reflect::set(&message, &"bytes".into(), &bytes);
            let _ = js_sys::Reflect::set(
                &message,
                &"accuracy".into(),
                &f64::from(test_accuracy).into(),
            );
            post_raw(&message);
            return;
        }
    }
}
