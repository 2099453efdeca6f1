//! Prints what the intuition page's board shows for positions, in the
//! data attributes' format, for the browser test's native figures:
//! `cargo run --release -p selfplay --example page-figures -- 200 - 112233`
//! (simulations, then positions as moves; `-` is the empty board).

use games::Connect4;
use selfplay::Puct;
fn main() {
    let net = selfplay::shipped();
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    for m in std::env::args().skip(2) {
        let m = if m == "-" { String::new() } else { m };
        let g = Connect4::from_moves(&m).unwrap();
        let j = net.judge(&g);
        let mut s = Puct::new(g, &net, m.len() as u64 + 1);
        s.run(n + 1);
        let mut v = [0u32; 7];
        for st in s.stats() {
            v[st.mv as usize] = st.visits;
        }
        let prior: Vec<String> = j.prior.iter().map(|p| format!("{p:.4}")).collect();
        let visits: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        println!(
            "'{m}': prior '{}' value '{:.4}' visits '{}' best {:?}",
            prior.join(","),
            j.value,
            visits.join(","),
            s.best().map(|b| b + 1)
        );
    }
}
