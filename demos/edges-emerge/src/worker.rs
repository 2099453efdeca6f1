//! The worker: fetches the photos a run needs (once), fits whitening, then
//! learns the filters in slices of about 100 ms, sending them to the page
//! [`MEASUREMENTS`] times a run.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::protocol::{FromWorker, MEASUREMENTS, ToWorker};
use demo_kit::Lang;
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use edges::{EXAMPLES, Learner, Photo, Settings, Source, measure};
use wasm_bindgen::prelude::*;

type Photos = Rc<RefCell<HashMap<&'static str, Photo>>>;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("edges-emerge");
    let control = Rc::new(RunControl::default());
    let photos: Photos = Rc::new(RefCell::new(HashMap::new()));
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Train { run, source, lambda, atoms, assets }) =
            control.obey(command)
        else {
            return;
        };
        control.begin(run);
        let (c, p) = (control.clone(), photos.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let Some(source) = Source::from_key(&source) else {
                let message = format!("no pictures are called “{source}”");
                return send(run, FromWorker::Failed { message });
            };
            match load(run, source, &assets, &p).await {
                Ok(pictures) => {
                    let settings = Settings { lambda, atoms, ..Settings::default() };
                    learn(&c, run, Learner::new(pictures, settings)).await;
                }
                Err(message) => send(run, FromWorker::Failed { message }),
            }
        });
    });
}

/// The pictures of `source`, fetching the photos not fetched before.
async fn load(
    run: u32,
    source: Source,
    assets: &str,
    cache: &Photos,
) -> Result<Vec<Photo>, String> {
    let names = source.photos();
    let mut out = Vec::new();
    for (i, &name) in names.iter().enumerate() {
        let cached = cache.borrow().get(name).cloned();
        let photo = match cached {
            Some(p) => p,
            None => {
                let url = format!("{assets}photos/{name}.pgm.gz");
                let bytes = demo_kit::fetch::bytes(&url, true).await?;
                let p = Photo::from_pgm(&bytes).map_err(|e| match Lang::of_page() {
                    Lang::En => format!("{name}.pgm.gz: {e}"),
                    Lang::Zh => format!("{name}.pgm.gz 已损坏，读不出完整的图片"),
                })?;
                cache.borrow_mut().insert(name, p.clone());
                p
            }
        };
        out.push(photo);
        send(run, FromWorker::Loading { done: (i + 1) as f32 / names.len() as f32 });
    }
    Ok(source.pictures(out))
}

async fn learn(control: &RunControl, run: u32, mut learner: Learner) {
    let s = learner.settings;
    let dim = s.size * s.size;
    let components = learner.whitening.components[..EXAMPLES * dim].to_vec();
    let component_edges = learner
        .whitening
        .components
        .chunks_exact(dim)
        .take(s.atoms)
        .filter(|c| measure::shape(c, s.size).is_edge())
        .count();
    send(
        run,
        FromWorker::Whitened {
            size: s.size,
            examples: learner.examples.clone(),
            components,
            component_edges,
        },
    );
    let report = |learner: &Learner, fit: edges::Fit| FromWorker::Filters {
        batch: learner.batches,
        batches: s.batches,
        filters: learner.coder.dictionary.clone(),
        edges: learner.edges(),
        residual: fit.residual,
        active: fit.active,
    };
    send(run, report(&learner, edges::Fit { residual: 1.0, active: 0.0 }));
    let every = s.batches.div_ceil(MEASUREMENTS).max(1);
    let (started, mut busy_ms) = (now(), 0.0);
    while !learner.done() {
        if !control.next_slice(run).await {
            return;
        }
        let t0 = now();
        while now() - t0 < SLICE_MS && !learner.done() {
            let fit = learner.step();
            if learner.batches.is_multiple_of(every) || learner.done() {
                send(run, report(&learner, fit));
            }
        }
        busy_ms += now() - t0;
        let per_second = learner.batches as f32 / (busy_ms as f32 / 1000.0).max(1e-3);
        send(
            run,
            FromWorker::Progress {
                batch: learner.batches,
                batches: s.batches,
                per_second,
            },
        );
    }
    let seconds = ((now() - started) / 1000.0) as f32;
    send(run, FromWorker::Done { seconds, edges: learner.edges() });
}
