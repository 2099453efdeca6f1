//! `bench-games`: the games page's figures natively. Tree-search playouts
//! a second from the empty Connect Four board (the page's bench does the
//! same), and the time one thread takes to play the think-longer demo's
//! default: 20 games at each setting against 1,000 playouts.

use games::arena::{Match, OPPONENT, PLAYOUTS};
use games::{Connect4, Search};
use std::time::Instant;

fn main() {
    let mut rates = Vec::new();
    for round in 0..3 {
        let mut search = Search::new(Connect4::default(), round);
        search.run(1_000);
        let t = Instant::now();
        search.run(200_000);
        rates.push(200_000.0 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!("bench games-playouts-native {:.0} playouts/s", rates[1]);
    let t = Instant::now();
    for game in 0..20 {
        for n in PLAYOUTS {
            Match::new(n, OPPONENT, game).play();
        }
    }
    println!("bench games-think-longer-20-native {:.2} s", t.elapsed().as_secs_f64());
}
