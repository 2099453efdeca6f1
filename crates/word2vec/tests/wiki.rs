//! Skip-gram on the shipped Wikipedia sample: pairs chosen before training
//! must end up closer than random pairs.

use std::io::Read;
use word2vec::{Config, Model, Vocab};

/// Chosen before training: words that keep each other's company in any encyclopedia.
const RELATED: [(&str, &str); 10] = [
    ("january", "february"),
    ("march", "april"),
    ("one", "two"),
    ("three", "four"),
    ("he", "she"),
    ("north", "south"),
    ("east", "west"),
    ("war", "army"),
    ("father", "son"),
    ("king", "emperor"),
];

#[test]
fn related_pairs_end_up_closer_than_random_pairs() {
    let mut text = String::new();
    let gz = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/data/words/enwiki-sample.txt.gz"
    ))
    .unwrap();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
    let words: Vec<&str> = text.split_whitespace().collect();
    let vocab = Vocab::build(words.iter().copied(), 5, 1e-3);
    let sentences: Vec<Vec<usize>> =
        words.chunks(1000).map(|c| vocab.encode(c.iter().copied())).collect();
    let mut model = Model::new(vocab.len(), Config { epochs: 5, ..Config::default() });
    let losses = model.train(&vocab, &sentences);
    assert!(losses[4] < losses[0], "loss should fall: {losses:?}");

    let sim =
        |a: &str, b: &str| model.similarity(vocab.id(a).unwrap(), vocab.id(b).unwrap());
    let related: f32 =
        RELATED.iter().map(|&(a, b)| sim(a, b)).sum::<f32>() / RELATED.len() as f32;
    // Random pairs among the 2,000 most frequent words, fixed.
    let random: f32 = (0..200)
        .map(|i| model.similarity((i * 37) % 2000, (i * 101 + 7) % 2000))
        .sum::<f32>()
        / 200.0;
    let jan = vocab.id("january").unwrap();
    let mut near: Vec<(f32, &str)> = (0..vocab.len())
        .map(|i| (model.similarity(jan, i), vocab.words[i].as_str()))
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let months = [
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let found = near[1..6].iter().filter(|(_, w)| months.contains(w)).count();
    assert!(found >= 3, "nearest to january: {:?}", &near[1..6]);
    assert!(related > random + 0.25, "related {related}, random {random}");
}
