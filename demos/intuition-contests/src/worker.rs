//! The worker: plays game 0 of every contest, then game 1, and so on, so
//! every row grows together; one move at a time, in slices of about
//! 100 ms, so Pause and Reset act between moves. Each side's thinking is
//! timed move by move.

use std::rc::Rc;

use crate::protocol::{FromWorker, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use selfplay::Net;
use selfplay::contest::{CONTESTS, Duel};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("intuition-contests");
    let control = Rc::new(RunControl::default());
    // The networks live as long as the worker.
    let trained: &'static Net = Box::leak(Box::new(selfplay::shipped()));
    let untrained: &'static Net = Box::leak(Box::new(Net::new(trained.hidden, 1)));
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Start { run, games }) = control.obey(command) else { return };
        control.begin(run);
        let c = control.clone();
        wasm_bindgen_futures::spawn_local(async move {
            play(&c, run, games, trained, untrained).await
        });
    });
}

async fn play(
    control: &RunControl,
    run: u32,
    games: u32,
    trained: &Net,
    untrained: &Net,
) {
    let total = games * CONTESTS.len() as u32;
    let (started, mut busy_ms, mut played) = (now(), 0.0, 0u32);
    for game in 0..games {
        for (contest, c) in CONTESTS.iter().enumerate() {
            let (a, b) = c.players(trained, untrained);
            let mut duel = Duel::new(a, b, u64::from(game));
            let mut ms = [0.0f64; 2];
            let score = loop {
                if !control.next_slice(run).await {
                    return;
                }
                let t0 = now();
                let mut finished = None;
                while now() - t0 < SLICE_MS && finished.is_none() {
                    let side = usize::from(!duel.players_turn());
                    let t = now();
                    finished = duel.step();
                    ms[side] += now() - t;
                }
                busy_ms += now() - t0;
                if let Some(s) = finished {
                    break s;
                }
            };
            played += 1;
            send(
                run,
                FromWorker::Game {
                    contest,
                    game,
                    score,
                    player_ms: ms[0] as f32,
                    opponent_ms: ms[1] as f32,
                },
            );
            let per_game = busy_ms / 1000.0 / f64::from(played);
            let left = per_game * f64::from(total - played);
            send(
                run,
                FromWorker::Progress { games: played, total, left_seconds: left as f32 },
            );
        }
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
