//! `bench-selfplay`: the intuition page's figures natively. Guided
//! simulations a second from the empty Connect Four board with the shipped
//! network (each one network evaluation; the page's bench does the same),
//! and the time one thread takes to play the contests demo's default, 20
//! games of every contest.

use games::Connect4;
use selfplay::contest::{CONTESTS, Duel};
use selfplay::{Net, Puct};
use std::time::Instant;

fn main() {
    let net = selfplay::shipped();
    let mut rates = Vec::new();
    for round in 0..3 {
        let mut search = Puct::new(Connect4::default(), &net, round);
        search.run(100);
        let t = Instant::now();
        search.run(50_000);
        rates.push(50_000.0 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!("bench selfplay-simulations-native {:.0} simulations/s", rates[1]);
    let untrained = Net::new(net.hidden, 1);
    let t = Instant::now();
    for game in 0..20 {
        for c in &CONTESTS {
            let (a, b) = c.players(&net, &untrained);
            Duel::new(a, b, game).play();
        }
    }
    println!("bench selfplay-contests-20-native {:.2} s", t.elapsed().as_secs_f64());
}
