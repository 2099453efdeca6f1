//! The worker: plays game 0 at every setting, then game 1, and so on, so
//! every point of the chart grows together; one move at a time, in slices
//! of about 100 ms, so Pause and Reset act between moves.

use std::rc::Rc;

use crate::protocol::{FromWorker, Opponent, ToWorker};
use demo_kit::worker::{Command, RunControl, SLICE_MS, now, post as send, serve};
use games::arena::{Match, OPPONENT, PLAYOUTS, Player};
use wasm_bindgen::prelude::*;

/// Work in one game at each setting, in playouts, roughly (about 21 moves
/// a side; the hand-written player's move costs about as much as 1,000
/// playouts): what the time left is estimated from.
fn playouts_per_game(setting: usize) -> f64 {
    21.0 * f64::from(PLAYOUTS[setting] + OPPONENT)
}

#[wasm_bindgen]
pub fn worker_main() {
    demo_kit::report_panics_in_panels("think-longer");
    let control = Rc::new(RunControl::default());
    serve(move |command: Command<ToWorker>| {
        let Some(ToWorker::Start { run, games, opponent }) = control.obey(command) else {
            return;
        };
        control.begin(run);
        let c = control.clone();
        wasm_bindgen_futures::spawn_local(
            async move { play(&c, run, games, opponent).await },
        );
    });
}

async fn play(control: &RunControl, run: u32, games: u32, opponent: Opponent) {
    let total = games * PLAYOUTS.len() as u32;
    let work: f64 =
        (0..PLAYOUTS.len()).map(playouts_per_game).sum::<f64>() * f64::from(games);
    let (started, mut busy_ms, mut done_work, mut played) = (now(), 0.0, 0.0, 0u32);
    let mut playouts = 0.0;
    for game in 0..games {
        for (setting, &n) in PLAYOUTS.iter().enumerate() {
            let mut m =
                Match::between(Player::Search(n), opponent.player(), u64::from(game));
            let mut moves = 0u32;
            let score = loop {
                if !control.next_slice(run).await {
                    return;
                }
                let t0 = now();
                let mut finished = None;
                while now() - t0 < SLICE_MS && finished.is_none() {
                    finished = m.step();
                    moves += 1;
                }
                busy_ms += now() - t0;
                if let Some(s) = finished {
                    break s;
                }
            };
            // Each side thought on about half the moves (the playouts/s
            // shown count the searches' playouts only).
            let theirs = if opponent == Opponent::Search { OPPONENT } else { 0 };
            playouts += f64::from(moves) / 2.0 * f64::from(n + theirs);
            done_work += playouts_per_game(setting);
            played += 1;
            send(run, FromWorker::Game { setting, game, score });
            let rate = playouts / (busy_ms / 1000.0).max(1e-3);
            let left = (work - done_work).max(0.0) / rate.max(1.0);
            send(
                run,
                FromWorker::Progress {
                    games: played,
                    total,
                    playouts_per_second: rate as f32,
                    left_seconds: left as f32,
                },
            );
        }
    }
    send(run, FromWorker::Done { seconds: ((now() - started) / 1000.0) as f32 });
}
