//! The worker: trains both models a step each in turn, grades them every
//! few steps, and answers the reader's question with both.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{EVAL_EVERY, EXAMPLE, FromWorker, Point, ToWorker, parse_bits};
use demo_kit::worker::{Command, RunControl, now, post as send, serve};
use parity::{Format, Learner, Settings};
use wasm_bindgen::prelude::*;

/// Where the second model writes its notes, by the page's name.
pub fn notes(name: &str) -> Option<Format> {
    match name {
        "interleaved" => Some(Format::Interleaved),
        "after" => Some(Format::AfterQuestion),
        _ => None,
    }
}

/// The two models and the question they are asked.
struct Desk {
    learners: Option<[Learner; 2]>,
    question: Vec<u32>,
}

impl Desk {
    fn answers(&self) -> Option<FromWorker> {
        let learners = self.learners.as_ref()?;
        Some(FromWorker::Answers {
            bits: self.question.clone(),
            written: [
                learners[0].answer(&self.question),
                learners[1].answer(&self.question),
            ],
        })
    }
}

type Shared = Rc<RefCell<Desk>>;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("step-by-step");
    let control = Rc::new(RunControl::default());
    let desk: Shared = Rc::new(RefCell::new(Desk {
        learners: None,
        question: parse_bits(EXAMPLE).unwrap_or_default(),
    }));
    serve(move |command: Command<ToWorker>| match control.obey(command) {
        Some(ToWorker::Start { run, notes: name, steps, seed }) => {
            control.begin(run);
            let Some(format) = notes(&name) else { return };
            let steps = steps.clamp(EVAL_EVERY, 10_000);
            let make = |format| Learner::new(Settings { format, steps, seed });
            desk.borrow_mut().learners = Some([make(Format::Direct), make(format)]);
            let (c, d) = (control.clone(), desk.clone());
            wasm_bindgen_futures::spawn_local(async move { train(&c, run, &d).await });
        }
        Some(ToWorker::Ask { bits })
            if bits.len() == parity::BITS && bits.iter().all(|&b| b < 2) =>
        {
            let mut d = desk.borrow_mut();
            d.question = bits;
            if let Some(m) = d.answers() {
                send(control.current(), m);
            }
        }
        Some(ToWorker::Ask { .. }) | None => {}
    });
}

/// Steps between looks at the page's messages (pause, reset, a question).
const SLICE: usize = 10;

async fn train(control: &RunControl, run: u32, desk: &Shared) {
    let (started, mut busy) = (now(), 0.0f64);
    let mut curves: [Vec<Point>; 2] = [Vec::new(), Vec::new()];
    loop {
        let (steps, done) = {
            let mut d = desk.borrow_mut();
            let Some(learners) = d.learners.as_mut() else { return };
            if learners[0].step.is_multiple_of(EVAL_EVERY) {
                for (curve, l) in curves.iter_mut().zip(learners.iter_mut()) {
                    let g = l.accuracy();
                    curve.push(Point {
                        step: l.step,
                        answers: g.answers,
                        tokens: g.tokens,
                    });
                }
            }
            (learners[0].step, learners[0].done())
        };
        if steps.is_multiple_of(EVAL_EVERY) {
            let steps_per_second = (steps as f64 / (busy / 1000.0).max(1e-3)) as f32;
            send(
                run,
                FromWorker::Graded { steps, steps_per_second, curves: curves.clone() },
            );
            if let Some(m) = desk.borrow().answers() {
                send(run, m);
            }
        }
        if done {
            break;
        }
        if !control.next_slice(run).await {
            return;
        }
        let t0 = now();
        if let Some(learners) = desk.borrow_mut().learners.as_mut() {
            for _ in 0..SLICE {
                for l in learners.iter_mut() {
                    l.train_step();
                }
            }
        }
        busy += now() - t0;
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
