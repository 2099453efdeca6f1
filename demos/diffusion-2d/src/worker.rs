//! The worker: trains the denoiser in slices of about 100 ms, shows what it
//! draws every tenth of the run, and samples on request, also in slices.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, SAMPLES, ToWorker, kept_frames};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use diffusion::sample::{self, Run, Sampler};
use diffusion::shapes;
use diffusion::toy::{Prompted, ToyTrainer};
use wasm_bindgen::prelude::*;

/// Width of the denoiser's three hidden layers.
pub const WIDTH: usize = 64;
/// Points of the shape the model learns.
pub const POINTS: usize = 4000;
/// Previews per training run.
const PREVIEWS: usize = 10;
/// Steps the shown loss is averaged over.
const LOSS_WINDOW: usize = 200;

/// The model being trained, and what "on the shape" means for its samples.
struct Learnt {
    trainer: ToyTrainer,
    radius: f32,
}

type Model = Rc<RefCell<Option<Learnt>>>;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("diffusion-2d");
    let control = Rc::new(RunControl::default());
    let model: Model = Rc::new(RefCell::new(None));
    serve(move |command: Command<ToWorker>| {
        if matches!(command, Command::Reset { .. }) {
            model.borrow_mut().take();
        }
        let Some(message) = control.obey(command) else { return };
        match message {
            ToWorker::Train { run, shape, steps } => {
                control.begin(run);
                wasm_bindgen_futures::spawn_local(train(
                    control.clone(),
                    model.clone(),
                    run,
                    shape,
                    steps,
                ));
            }
            ToWorker::Sample { run, sampler, steps, seed, prompt, scale } => {
                let ask = Ask { sampler, steps, seed, prompt, scale };
                let (c, m) = (control.clone(), model.clone());
                wasm_bindgen_futures::spawn_local(draw_samples(c, m, run, ask));
            }
        }
    });
}

/// For `./dev bench`: seconds this page takes to train the default model
/// (two moons, 4,000 points) for `steps` steps.
#[wasm_bindgen]
pub fn bench_train(steps: usize) -> f64 {
    let data = shapes::cloud("moons", POINTS, 1).unwrap_or_default();
    let parts = shapes::parts("moons", &data);
    let mut trainer = ToyTrainer::new(data, parts, WIDTH, 3e-3, steps, 1);
    let t0 = now();
    for _ in 0..steps {
        trainer.train_step();
    }
    (now() - t0) / 1000.0
}

async fn train(
    control: Rc<RunControl>,
    model: Model,
    run: u32,
    shape: String,
    steps: usize,
) {
    let data = match shapes::cloud(&shape, POINTS, 1) {
        Ok(d) => d,
        Err(message) => return send(run, FromWorker::Failed { message }),
    };
    let more = shapes::cloud(&shape, 500, 2).unwrap_or_default();
    let radius = shapes::on_shape_radius(&more, &data);
    let noise = sample::start(500, 2, 9);
    let parts = shapes::parts(&shape, &data);
    let trainer = ToyTrainer::new(data.clone(), parts, WIDTH, 3e-3, steps, 1);
    send(
        run,
        FromWorker::Ready {
            params: trainer.model.param_count(),
            noise_share: shapes::share_on_shape(&noise, &data, radius),
            radius,
            data,
        },
    );
    *model.borrow_mut() = Some(Learnt { trainer, radius });
    let every = steps.div_ceil(PREVIEWS);
    let (started, mut busy_ms) = (now(), 0.0);
    // The loss shown: the mean of the last LOSS_WINDOW steps, whatever the
    // slices were (a slice's own mean would depend on the machine's speed).
    let mut recent = std::collections::VecDeque::with_capacity(LOSS_WINDOW);
    while control.next_slice(run).await {
        let mut guard = model.borrow_mut();
        let Some(Learnt { trainer: t, .. }) = guard.as_mut() else { return };
        let t0 = now();
        let mut count = 0usize;
        while now() - t0 < SLICE_MS && t.step < steps {
            if recent.len() == LOSS_WINDOW {
                recent.pop_front();
            }
            recent.push_back(t.train_step());
            count += 1;
        }
        let mean = recent.iter().sum::<f32>() / recent.len().max(1) as f32;
        busy_ms += now() - t0;
        let step = t.step;
        send(
            run,
            FromWorker::Progress {
                step,
                steps,
                loss: (count > 0).then_some((step as f32, mean)),
                per_second: step as f32 / (busy_ms as f32 / 1000.0).max(1e-3),
            },
        );
        if step / every != (step - count) / every || step >= steps {
            let out = sample::run(
                &mut t.model,
                &t.schedule,
                Sampler::Ddim,
                20,
                sample::start(SAMPLES, 2, 7),
                0,
            );
            send(run, FromWorker::Preview { step, points: out.last().to_vec() });
        }
        if step >= steps {
            let seconds = ((now() - started) / 1000.0) as f32;
            return send(run, FromWorker::Done { seconds });
        }
    }
}

/// What the reader asked to sample.
struct Ask {
    sampler: String,
    steps: usize,
    seed: u64,
    prompt: Option<u8>,
    scale: f32,
}

async fn draw_samples(control: Rc<RunControl>, model: Model, run: u32, ask: Ask) {
    let Some(sampler) = Sampler::from_name(&ask.sampler) else {
        let message = format!("unknown sampler {:?}", ask.sampler);
        return send(run, FromWorker::Failed { message });
    };
    let (steps, seed) = (ask.steps, ask.seed);
    let prompt = ask.prompt.filter(|&p| usize::from(p) < diffusion::toy::CLASSES);
    // The page refuses other scales; a message that slips past is clamped.
    let scale = if ask.scale.is_finite() {
        ask.scale.clamp(0.0, crate::protocol::MAX_SCALE)
    } else {
        1.0
    };
    let (schedule, data, parts, radius) = match model.borrow().as_ref() {
        Some(l) => (
            l.trainer.schedule.clone(),
            l.trainer.data().to_vec(),
            l.trainer.parts().to_vec(),
            l.radius,
        ),
        None => return send(run, FromWorker::Failed { message: "no model yet".into() }),
    };
    let mut r =
        Run::new(&schedule, sampler, steps, sample::start(SAMPLES, 2, seed), seed);
    let total = r.trajectory.steps.len();
    while !r.finished() {
        demo_kit::sleep(0).await;
        if !control.is_current(run) {
            return;
        }
        let mut guard = model.borrow_mut();
        let Some(l) = guard.as_mut() else { return };
        let t0 = now();
        while now() - t0 < SLICE_MS && !r.finished() {
            let mut denoiser = Prompted { model: &mut l.trainer.model, prompt, scale };
            r.step(&mut denoiser, &schedule);
        }
        send(run, FromWorker::SampleProgress { done: r.done(), total });
    }
    let tr = r.trajectory;
    let kept = kept_frames(tr.frames.len());
    send(
        run,
        FromWorker::Sampled {
            share: shapes::share_on_shape(tr.last(), &data, radius),
            in_part: prompt
                .map(|p| shapes::share_in_part(tr.last(), &data, &parts, p, radius)),
            frames: kept.iter().map(|&i| tr.frames[i].clone()).collect(),
            // Frame i sits at the noise level of step i (the last frame is clean).
            noise: kept
                .iter()
                .map(|&i| {
                    tr.steps.get(i).map_or(0.0, |&t| (1.0 - schedule.alpha_bar[t]).sqrt())
                })
                .collect(),
            index: kept,
            // Guidance runs the network twice a step: with and without the prompt.
            evaluations: tr.evaluations
                * if prompt.is_some() && scale != 1.0 { 2 } else { 1 },
        },
    );
}
