//! The worker: fetches the digits once, trains the autoencoder in slices
//! of about 100 ms, and judges it for whichever concept the page asks.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, SUPERVISED_STEPS, ToWorker};
use concept::{Autoencoder, Settings, concept_test, report, supervised};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use lenet::Dataset;
use wasm_bindgen::prelude::*;

struct Data {
    train: Dataset,
    test: Dataset,
}

#[derive(Default)]
struct State {
    data: Option<Rc<Data>>,
    /// The trained network and its random-weights twin, once trained.
    nets: Option<(Autoencoder, Autoencoder)>,
}

type Shared = Rc<RefCell<State>>;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("concept-neuron");
    let control = Rc::new(RunControl::default());
    let state: Shared = Rc::new(RefCell::new(State::default()));
    serve(move |command: Command<ToWorker>| {
        let Some(message) = control.obey(command) else { return };
        match message {
            ToWorker::Train { run, keep, assets } => {
                control.begin(run);
                state.borrow_mut().nets = None;
                let (c, s) = (control.clone(), state.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(message) = train(&c, &s, run, keep, &assets).await {
                        send(run, FromWorker::Failed { message });
                    }
                });
            }
            ToWorker::Judge { run, digit } => judge(&state, run, digit),
        }
    });
}

async fn load(run: u32, assets: &str) -> Result<Data, String> {
    let files = [
        "train-30k-images.idx3-ubyte.gz",
        "train-30k-labels.idx1-ubyte.gz",
        "t10k-images.idx3-ubyte.gz",
        "t10k-labels.idx1-ubyte.gz",
    ];
    let mut parts = Vec::new();
    for (i, file) in files.iter().enumerate() {
        parts.push(demo_kit::fetch::bytes(&format!("{assets}mnist/{file}"), true).await?);
        send(run, FromWorker::Loading { done: (i + 1) as f32 / files.len() as f32 });
    }
    let train = mnist::parse(&parts[0], &parts[1]).map_err(|e| e.to_string())?;
    let test = mnist::parse(&parts[2], &parts[3]).map_err(|e| e.to_string())?;
    if test.len() < 10_000 {
        return Err(format!(
            "the shipped MNIST test file holds only {} images",
            test.len()
        ));
    }
    Ok(Data { train: Dataset::from_digits(&train), test: Dataset::from_digits(&test) })
}

async fn train(
    control: &RunControl,
    state: &Shared,
    run: u32,
    keep: usize,
    assets: &str,
) -> Result<(), String> {
    let cached = state.borrow().data.clone();
    let data = match cached {
        Some(d) => d,
        None => {
            let d = Rc::new(load(run, assets).await?);
            state.borrow_mut().data = Some(d.clone());
            d
        }
    };
    let settings = Settings { keep, ..Settings::default() };
    let mut trainer = settings.trainer();
    let (started, mut busy_ms) = (now(), 0.0);
    while trainer.steps < settings.steps {
        if !control.next_slice(run).await {
            return Ok(());
        }
        let t0 = now();
        let mut error = 0.0;
        while now() - t0 < SLICE_MS && trainer.steps < settings.steps {
            error = trainer.step(&data.train, settings.batch);
        }
        busy_ms += now() - t0;
        let per_second = trainer.steps as f32 / (busy_ms as f32 / 1000.0).max(1e-3);
        let (step, steps) = (trainer.steps, settings.steps);
        send(run, FromWorker::Progress { step, steps, error, per_second });
    }
    let mut random = Autoencoder::new(settings.hidden, settings.seed);
    random.keep = keep;
    state.borrow_mut().nets = Some((trainer.model, random));
    send(run, FromWorker::Trained { seconds: ((now() - started) / 1000.0) as f32 });
    Ok(())
}

fn judge(state: &Shared, run: u32, digit: u8) {
    let mut st = state.borrow_mut();
    let State { data: Some(data), nets: Some((trained, random)) } = &mut *st else {
        return;
    };
    let (images, is) = concept_test(&data.test, digit.min(9));
    let r = report(trained, random, &images, &is);
    let supervised = supervised(&data.train, digit, &images, &is, SUPERVISED_STEPS);
    let top: Vec<f32> =
        r.top.iter().flat_map(|&i| images.image(i).iter().copied()).collect();
    let top_hits = r.top.iter().filter(|&&i| is[i]).count();
    send(
        run,
        FromWorker::Report {
            digit,
            unit: r.unit.unit,
            chance: r.chance,
            trained: r.unit.accuracy,
            random: r.random.accuracy,
            pixel: r.pixel.accuracy,
            supervised,
            top,
            top_hits,
            stimulus: r.stimulus,
        },
    );
}
