//! `bench-word2vec CORPUS.txt`: native skip-gram training speed on a plain-text
//! corpus (one sentence per line), with gensim's defaults for the same
//! settings (dim 50, window 5, negatives 5, min count 5, sample 1e-3,
//! 3 epochs, one thread). Prints `bench native-word2vec-ours <words/s> words/s`.

use std::time::Instant;
use word2vec::{Config, Model, Vocab};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench-word2vec CORPUS.txt");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("bench-word2vec: {path}: {e}");
        std::process::exit(1)
    });
    let lines: Vec<Vec<&str>> =
        text.lines().map(|l| l.split_whitespace().collect()).collect();
    let vocab = Vocab::build(lines.iter().flatten().copied(), 5, 1e-3);
    let sentences: Vec<Vec<usize>> = lines
        .iter()
        .flat_map(|l| {
            l.chunks(10_000).map(|c| vocab.encode(c.iter().copied())).collect::<Vec<_>>()
        })
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut model = Model::new(vocab.len(), Config { epochs: 3, ..Config::default() });
    let start = Instant::now();
    model.train(&vocab, &sentences);
    let rate = (words * 3) as f64 / start.elapsed().as_secs_f64();
    println!("bench native-word2vec-ours {rate:.0} words/s");
}
