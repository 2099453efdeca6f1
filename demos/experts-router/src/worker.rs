//! The worker: trains both mixtures a step each in turn, on the same fresh
//! points, and sends a frame every few steps.

use std::rc::Rc;

use crate::protocol::{FRAME_EVERY, FromWorker, HIDDEN, MAP, STEPS, Snapshot, ToWorker};
use demo_kit::worker::{Command, RunControl, now, post as send, serve};
use moe::{Run, Settings, Task};
use wasm_bindgen::prelude::*;

/// The task a page's name stands for.
pub fn task(name: &str) -> Option<Task> {
    match name {
        "checkerboard" => Some(Task::Checkerboard(4)),
        "rings" => Some(Task::Rings(4)),
        _ => None,
    }
}

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("experts-router");
    let control = Rc::new(RunControl::default());
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Start { run, task: name, experts, balance }) =
            control.obey(command)
        else {
            return;
        };
        control.begin(run);
        let Some(task) = task(&name) else { return };
        let c = control.clone();
        let settings = |balance| Settings {
            task,
            experts: experts.clamp(1, 16),
            hidden: HIDDEN,
            balance,
            seed: 1,
        };
        let runs =
            [Run::new(settings(0.0)), Run::new(settings(balance.clamp(0.0, 10.0)))];
        wasm_bindgen_futures::spawn_local(async move { train(&c, run, runs).await });
    });
}

/// What the page draws of one mixture.
pub fn snapshot(run: &mut Run) -> Snapshot {
    let score = run.score();
    let (choice, p1) = run.map(MAP);
    Snapshot {
        accuracy: score.accuracy,
        shares: score.shares,
        balance_loss: score.balance,
        choice: choice.iter().map(|&c| c as u8).collect(),
        colour: p1.iter().map(|&p| u8::from(p > 0.5)).collect(),
    }
}

async fn train(control: &RunControl, run: u32, mut runs: [Run; 2]) {
    let (started, mut busy) = (now(), 0.0);
    let frame = |runs: &mut [Run; 2], busy: f64| FromWorker::Frame {
        steps: runs[0].steps,
        steps_per_second: (runs[0].steps as f64 / (busy / 1000.0).max(1e-3)) as f32,
        mixtures: runs.iter_mut().map(snapshot).collect(),
    };
    send(run, frame(&mut runs, 1.0));
    while runs[0].steps < STEPS {
        if !control.next_slice(run).await {
            return;
        }
        let t0 = now();
        for _ in 0..FRAME_EVERY {
            for r in runs.iter_mut() {
                r.step();
            }
        }
        busy += now() - t0;
        send(run, frame(&mut runs, busy));
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
