//! Attention against recurrence, natively: the page's race (`gpt::race`),
//! both runners for the same steps on the same text.
//!
//! ```text
//! cargo run --release -p gpt --example rnn_race -- shakespeare 1500
//! cargo run --release -p gpt --example rnn_race -- recall 1500
//! ```

use gpt::race::{self, Kind, Racer};
use std::io::Read;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("shakespeare", String::as_str);
    let steps: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut text = String::new();
    if which != "recall" {
        let gz = std::fs::read("assets/data/text/shakespeare-7.txt.gz")
            .expect("run from the repository root");
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut text)
            .expect("gzip text");
    }
    let corpus = race::corpus(which, &text);
    for kind in [Kind::Attention, Kind::Recurrent] {
        let mut racer = Racer::new(kind, corpus.vocab.len(), steps);
        let start = Instant::now();
        while racer.steps_done() < steps {
            racer.step(&corpus);
        }
        let secs = start.elapsed().as_secs_f32();
        let (params, val, pos) =
            (racer.params(), racer.validation(&corpus), racer.positions(&corpus));
        let at: Vec<String> = [0, 1, 3, 7, 15, 23, 31, 47, 63]
            .iter()
            .map(|&i| format!("{i}:{:.2}", pos[i]))
            .collect();
        println!(
            "{kind:?}: {params} parameters, {steps} steps in {secs:.0} s ({:.0} chars/s), held-out {val:.3}, late {:.3}",
            (steps * 16 * race::CTX) as f32 / secs,
            race::late_loss(&pos)
        );
        println!("  by position {}", at.join(" "));
    }
}
