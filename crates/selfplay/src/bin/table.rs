//! The figures of the games chapter's page on intuition:
//! `cargo run --release -p selfplay --bin intuition-table -- 400 [part] [weights]`
//! plays that many games per row (colours alternating) with the shipped
//! network, or the file named. Parts: `speed` (simulations and playouts a
//! second from the empty board, one thread), `contests` (the page's rows,
//! [`selfplay::contest::CONTESTS`]).

use games::{Connect4, mcts::Search};
use selfplay::contest::{CONTESTS, Duel};
use selfplay::{Net, Puct};
use std::time::Instant;

fn rate(mut f: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed().as_secs_f64() < 2.0 {
        n += f();
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let games: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(40);
    let only = std::env::args().nth(2);
    let net = match std::env::args().nth(3) {
        Some(path) => selfplay::net::load(&std::fs::read(path).expect("a weights file"))
            .expect("a network"),
        None => selfplay::shipped(),
    };
    let untrained = Net::new(net.hidden, 1);
    let part = |name: &str| only.as_deref().is_none_or(|o| o == name);
    if part("speed") {
        let sims = rate(|| {
            let mut s = Puct::new(Connect4::default(), &net, 1);
            s.run(1_000);
            1_000
        });
        let playouts = rate(|| {
            let mut s = Search::new(Connect4::default(), 1);
            s.run(10_000);
            10_000
        });
        println!(
            "speed: {sims:.0} guided simulations/s, {playouts:.0} playouts/s: one simulation costs {:.1} playouts",
            playouts / sims
        );
    }
    if part("contests") {
        for c in CONTESTS {
            let start = Instant::now();
            // Thinking time of each side, to check the equal-time rows.
            let mut time = [0.0f64; 2];
            let scores: Vec<f32> = (0..games)
                .map(|g| {
                    let (a, b) = c.players(&net, &untrained);
                    let mut duel = Duel::new(a, b, g);
                    loop {
                        let side = usize::from(!duel.players_turn());
                        let t = Instant::now();
                        let score = duel.step();
                        time[side] += t.elapsed().as_secs_f64();
                        if let Some(s) = score {
                            return s;
                        }
                    }
                })
                .collect();
            let (mean, err) = games::arena::mean_and_error(&scores);
            println!(
                "{:<52} {mean:.3} ± {err:.3}  ({games} games, {:.0} s; thinking {:.1} s against {:.1} s)",
                c.name,
                start.elapsed().as_secs_f32(),
                time[0],
                time[1]
            );
        }
    }
}
