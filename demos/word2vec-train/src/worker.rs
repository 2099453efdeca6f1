//! Training in a Web Worker, in slices of about 100 ms.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{FromWorker, MAX_CHARS, Settings, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use wasm_bindgen::prelude::*;
use word2vec::{Config, Model, Progress, Vocab};

/// Probe words drawn in the picture for the shipped corpora.
const PROBES: [&str; 16] = [
    "january", "march", "june", "one", "two", "three", "king", "emperor", "war", "army",
    "north", "south", "city", "river", "he", "she",
];
const PROBES_ZH: [&str; 16] = [
    "北京", "上海", "中国", "美国", "日本", "经济", "发展", "改革", "企业", "农民",
    "工人", "学生", "一月", "二月", "春节", "新年",
];

/// The words and vectors of the current run, for neighbour queries.
type Trained = (Rc<Vocab>, Rc<RefCell<Model>>);

#[derive(Default)]
struct Worker {
    control: RunControl,
    trained: RefCell<Option<Trained>>,
}

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("word2vec-train");
    let state = Rc::new(Worker::default());
    serve(move |command: Command<ToWorker>| {
        if matches!(command, Command::Reset { .. }) {
            *state.trained.borrow_mut() = None;
        }
        let Some(message) = state.control.obey(command) else { return };
        match message {
            ToWorker::Start { run, settings, assets, corpus, text } => {
                state.control.begin(run);
                wasm_bindgen_futures::spawn_local(train(
                    state.clone(),
                    run,
                    settings,
                    assets,
                    corpus,
                    text,
                ));
            }
            ToWorker::Neighbours { run, word } => {
                let word: String = word.trim().to_lowercase().chars().take(60).collect();
                let (found, known) = match &*state.trained.borrow() {
                    Some((vocab, model)) => match vocab.id(&word) {
                        Some(id) => (nearest(&model.borrow(), vocab, id), true),
                        None => (Vec::new(), false),
                    },
                    None => (Vec::new(), false),
                };
                send(run, FromWorker::Neighbours { word, found, known });
            }
        }
    });
}

fn nearest(model: &Model, vocab: &Vocab, id: usize) -> Vec<(String, f32)> {
    let mut scored: Vec<(usize, f32)> = (0..vocab.len())
        .filter(|&i| i != id)
        .map(|i| (i, model.similarity(id, i)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.into_iter().take(8).map(|(i, s)| (vocab.words[i].clone(), s)).collect()
}

fn projection(model: &Model, vocab: &Vocab, probes: &[usize]) -> Vec<(String, f32, f32)> {
    let rows: Vec<&[f32]> = probes.iter().map(|&i| model.vector(i)).collect();
    wordvec::pca::project2(&rows, model.config.dim)
        .into_iter()
        .zip(probes)
        .map(|((x, y), &i)| (vocab.words[i].clone(), x, y))
        .collect()
}

async fn train(
    state: Rc<Worker>,
    run: u32,
    settings: Settings,
    assets: String,
    corpus: String,
    text: Option<String>,
) {
    send(run, FromWorker::Loading);
    let pasted = text.is_some();
    let chinese = corpus == "peoples-daily";
    let file =
        if chinese { "peoples-daily-199801.txt.gz" } else { "enwiki-sample.txt.gz" };
    let corpus = match text {
        Some(t) => t.chars().take(MAX_CHARS).collect::<String>(),
        None => {
            match demo_kit::fetch::bytes(&format!("{assets}words/{file}"), true).await {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(message) => return send(run, FromWorker::Failed { message }),
            }
        }
    };
    // Shipped corpora are already split into words; pasted text is tokenised here.
    let lines: Vec<Vec<String>> = corpus
        .lines()
        .map(|l| {
            if pasted {
                word2vec::tokenize::tokens(l)
            } else {
                l.split_whitespace().map(str::to_string).collect()
            }
        })
        .filter(|l| !l.is_empty())
        .collect();
    let total_words: usize = lines.iter().map(Vec::len).sum();
    let vocab = Rc::new(Vocab::build(
        lines.iter().flatten().map(String::as_str),
        settings.min_count,
        1e-3,
    ));
    if vocab.len() < 2 {
        return send(
            run,
            FromWorker::TooFewWords {
                distinct: vocab.len(),
                min_count: settings.min_count,
            },
        );
    }
    // Long lines are cut into sentences of 1,000 words, as word2vec does.
    let sentences: Vec<Vec<usize>> = lines
        .iter()
        .flat_map(|l| {
            l.chunks(1000)
                .map(|c| vocab.encode(c.iter().map(String::as_str)))
                .collect::<Vec<_>>()
        })
        .filter(|s| s.len() > 1)
        .collect();
    send(run, FromWorker::Ready { vocabulary: vocab.len(), words: total_words });
    let probes: Vec<usize> = if pasted {
        (0..vocab.len()).skip(vocab.len().min(20) / 2).take(16).collect()
    } else {
        (if chinese { PROBES_ZH } else { PROBES })
            .iter()
            .filter_map(|w| vocab.id(w))
            .collect()
    };
    let config = Config {
        dim: settings.dim,
        window: settings.window,
        negatives: settings.negatives,
        epochs: settings.epochs,
        ..Config::default()
    };
    let model = Rc::new(RefCell::new(Model::new(vocab.len(), config)));
    *state.trained.borrow_mut() = Some((vocab.clone(), model.clone()));
    let mut progress = Progress::default();
    let (start, mut busy_ms) = (now(), 0.0);
    while state.control.next_slice(run).await {
        let t0 = now();
        let mut loss = Vec::new();
        let mut finished = false;
        while now() - t0 < SLICE_MS {
            let slice =
                model.borrow_mut().train_some(&vocab, &sentences, &mut progress, 2000);
            match slice {
                Some(s) if s.pairs > 0 => {
                    let x = model.borrow().fraction(&sentences, &progress)
                        * settings.epochs as f32;
                    loss.push((x, s.loss / s.pairs as f32));
                }
                Some(_) => {}
                None => {
                    finished = true;
                    break;
                }
            }
        }
        busy_ms += now() - t0;
        // One point per report keeps the curve readable.
        let point = if loss.is_empty() {
            vec![]
        } else {
            let n = loss.len() as f32;
            vec![(loss[loss.len() - 1].0, loss.iter().map(|p| p.1).sum::<f32>() / n)]
        };
        let m = model.borrow();
        send(
            run,
            FromWorker::Progress {
                fraction: m.fraction(&sentences, &progress),
                words_per_second: progress.seen as f32
                    / (busy_ms as f32 / 1000.0).max(1e-3),
                loss: point,
                points: projection(&m, &vocab, &probes),
            },
        );
        if finished {
            return send(
                run,
                FromWorker::Done { seconds: ((now() - start) / 1000.0) as f32 },
            );
        }
    }
}
