//! Trains the games chapter's network by self-play and writes it:
//! `cargo run --release -p selfplay --bin train-selfplay -- --out assets/weights/connect4-net.safetensors`.
//! Options `--iterations`, `--games`, `--simulations`, `--threads`, `--seed`
//! override the shipped run's settings (`Config::default`); the file
//! depends on the seed and the settings, not on the threads. Every fifth
//! iteration it writes the file so far and plays 20 games against plain
//! tree search with 1,000 playouts a move, to show the progress.

use selfplay::contest::{Duel, Player};
use selfplay::train::{Config, train};
use std::time::Instant;

fn main() {
    let mut config = Config::default();
    let mut out = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        let number = || value.parse::<usize>().expect("a whole number after the option");
        match pair[0].as_str() {
            "--out" => out = Some(value.clone()),
            "--iterations" => config.iterations = number(),
            "--games" => config.games = number(),
            "--simulations" => config.simulations = number() as u32,
            "--threads" => config.threads = number(),
            "--seed" => config.seed = number() as u64,
            other => panic!("unknown option {other}"),
        }
    }
    let start = Instant::now();
    println!("{config:?}");
    let net = train(&config, |r, net| {
        print!(
            "iteration {:>3}  {:>6} positions  first wins {:.2} draws {:.2}  policy loss {:.3}  value loss {:.3}  {:.0} s",
            r.iteration,
            r.positions,
            r.first_wins,
            r.draws,
            r.policy_loss,
            r.value_loss,
            start.elapsed().as_secs_f32()
        );
        if r.iteration % 5 == 0 {
            let guided =
                Player::Guided { net, simulations: config.simulations, mix: 0.0 };
            let score: f32 = (0..20)
                .map(|g| Duel::new(guided, Player::Playouts(1_000), 9_000 + g).play())
                .sum::<f32>()
                / 20.0;
            print!("  vs 1,000 playouts: {score:.2}");
            if let Some(path) = &out {
                std::fs::write(path, selfplay::net::save(net)).expect("writable output");
            }
        }
        println!();
    });
    if let Some(path) = &out {
        std::fs::write(path, selfplay::net::save(&net)).expect("writable output");
        println!(
            "wrote {path} ({} parameters) in {:.0} s",
            net.parameters(),
            start.elapsed().as_secs_f32()
        );
    }
}
