//! The mean score of the first games of every contest, as the page's
//! worker plays them, for the browser test's native figures:
//! `cargo run --release -p selfplay --example first-games -- 10`.

use selfplay::contest::{CONTESTS, Duel};
fn main() {
    let net = selfplay::shipped();
    let untrained = selfplay::Net::new(net.hidden, 1);
    let k: u64 = std::env::args().nth(1).map_or(10, |a| a.parse().unwrap());
    let means: Vec<String> = CONTESTS
        .iter()
        .map(|c| {
            let s: f32 = (0..k)
                .map(|g| {
                    let (a, b) = c.players(&net, &untrained);
                    Duel::new(a, b, g).play()
                })
                .sum();
            format!("{:.4}", s / k as f32)
        })
        .collect();
    println!("{}", means.join(","));
}
