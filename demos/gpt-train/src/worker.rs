//! Training in a Web Worker, in slices of about 100 ms: measure the speed
//! over the first steps, fix the run's length from it, then train, with a
//! validation loss and a sample every eighth of the run.

use std::rc::Rc;

use crate::protocol::{FromWorker, MAX_CHARS, Settings, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use gpt::in_page::{PageRun, TooShort};
use gpt::presets::{PAGE_BATCH, PAGE_CTX, PAGE_SIZES, PAGE_TIMED_STEPS};
use wasm_bindgen::prelude::*;

/// Samples per run.
const SAMPLES: usize = 8;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("gpt-train");
    let control = Rc::new(RunControl::default());
    serve(move |command: Command<ToWorker>| {
        let Some(message) = control.obey(command) else { return };
        match message {
            ToWorker::Start { run, settings, assets, corpus, text } => {
                control.begin(run);
                wasm_bindgen_futures::spawn_local(train(
                    control.clone(),
                    run,
                    settings,
                    assets,
                    corpus,
                    text,
                ));
            }
        }
    });
}

async fn load(
    assets: &str,
    corpus: &str,
    text: Option<String>,
) -> Result<String, String> {
    if let Some(t) = text {
        return Ok(t.chars().take(MAX_CHARS).collect());
    }
    let file =
        if corpus == "tang" { "tang-regulated.txt.gz" } else { "shakespeare-7.txt.gz" };
    let bytes = demo_kit::fetch::bytes(&format!("{assets}text/{file}"), true).await?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

async fn train(
    control: Rc<RunControl>,
    run: u32,
    settings: Settings,
    assets: String,
    corpus: String,
    text: Option<String>,
) {
    send(run, FromWorker::Loading);
    let text = match load(&assets, &corpus, text).await {
        Ok(t) => t,
        Err(message) => return send(run, FromWorker::Failed { message }),
    };
    if !control.is_current(run) {
        return;
    }
    let size =
        PAGE_SIZES.iter().find(|s| s.name == settings.size).unwrap_or(&PAGE_SIZES[1]);
    // A long placeholder: the real length is set once the speed is known.
    let mut page = match PageRun::new(&text, size, settings.lr, 1_000_000) {
        Ok(p) => p,
        Err(TooShort(chars)) => return send(run, FromWorker::TooShort { chars }),
    };
    let start_loss = page.validation();
    send(
        run,
        FromWorker::Ready {
            chars: page.corpus.ids.len(),
            vocab: page.corpus.vocab.len(),
            dropped: page.dropped,
            params: page.trainer.model.config.params(),
            start_loss,
            uniform: (page.corpus.vocab.len() as f32).ln(),
            counting: gpt::in_page::counting_losses(&page.corpus),
        },
    );
    send(
        run,
        FromWorker::Sample { step: 0, validation: start_loss, text: page.sample() },
    );
    let chars_per_step = (PAGE_BATCH * PAGE_CTX) as f32;
    let (started, mut busy_ms, mut timed_ms) = (now(), 0.0, 0.0);
    let mut steps: Option<usize> = None;
    let (mut every, mut next_sample) = (usize::MAX, usize::MAX);
    while control.next_slice(run).await {
        let t0 = now();
        let (mut sum, mut count) = (0.0f32, 0usize);
        let total = steps.unwrap_or(usize::MAX);
        while now() - t0 < SLICE_MS && page.trainer.step < total {
            let s0 = now();
            let loss = page.step();
            if page.blew_up(loss) {
                return send(run, FromWorker::Diverged { step: page.trainer.step });
            }
            // The first two steps warm the buffers up; time the next ones.
            if (2..2 + PAGE_TIMED_STEPS).contains(&(page.trainer.step - 1)) {
                timed_ms += now() - s0;
            }
            sum += loss;
            count += 1;
            if steps.is_none() && page.trainer.step >= 2 + PAGE_TIMED_STEPS {
                let per_second =
                    PAGE_TIMED_STEPS as f32 / (timed_ms as f32 / 1000.0).max(1e-3);
                let n = gpt::train::steps_for(settings.minutes * 60.0, per_second);
                page.trainer.config.steps = n;
                steps = Some(n);
                every = n.div_ceil(SAMPLES);
                next_sample = every;
                send(run, FromWorker::Planned { steps: n });
                break;
            }
        }
        busy_ms += now() - t0;
        let step = page.trainer.step;
        send(
            run,
            FromWorker::Progress {
                step,
                steps: steps.unwrap_or(0),
                loss: (count > 0).then(|| (step as f32, sum / count as f32)),
                chars_per_second: step as f32 * chars_per_step
                    / (busy_ms as f32 / 1000.0).max(1e-3),
            },
        );
        let finished = steps.is_some_and(|n| step >= n);
        if step >= next_sample || finished {
            next_sample = (step / every + 1) * every;
            let validation = page.validation();
            send(run, FromWorker::Sample { step, validation, text: page.sample() });
            if finished {
                let seconds = ((now() - started) / 1000.0) as f32;
                return send(run, FromWorker::Done { seconds, validation });
            }
        }
    }
}
