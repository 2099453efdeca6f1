//! The shipped weights, checked against the texts they were trained on:
//! each reaches the validation loss the weights README states, far below
//! an untrained model, and knows exactly its text's characters. And the
//! 300 Tang Poems really were kept out of the Chinese training text.

use gpt::presets::{Preset, SHAKESPEARE, TANG};
use gpt::train::validation_loss;
use gpt::{Corpus, Gpt, Vocab};
use std::io::Read;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(preset: &Preset) -> String {
    let gz = std::fs::read(root().join("assets/data/text").join(preset.corpus)).unwrap();
    let mut s = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut s).unwrap();
    s
}

fn shipped(preset: &Preset) -> (Gpt, Vocab) {
    let file = format!("assets/weights/gpt-{}.safetensors", preset.name);
    gpt::weights::load(&std::fs::read(root().join(file)).unwrap()).unwrap()
}

/// Validation loss (nats per character) of the shipped model, and of the
/// same shape untrained.
fn losses(preset: &Preset) -> (f32, f32) {
    let text = text(preset);
    let (mut model, vocab) = shipped(preset);
    assert_eq!(
        vocab,
        Vocab::of_text(&text),
        "the model knows exactly its text's characters"
    );
    let config = model.config;
    assert_eq!(
        (config.ctx, config.dim, config.layers, config.heads),
        (preset.ctx, preset.dim, preset.layers, preset.heads)
    );
    let corpus = Corpus::with_vocab(&text, vocab, preset.val_fraction);
    let trained = validation_loss(&mut model, &corpus, 64);
    let untrained = validation_loss(&mut Gpt::new(config, 1), &corpus, 64);
    (trained, untrained)
}

#[test]
fn shakespeare_reaches_its_stated_validation_loss() {
    let (trained, untrained) = losses(&SHAKESPEARE);
    assert!(trained < STATED_SHAKESPEARE, "validation loss {trained}");
    assert!(untrained > 4.0, "untrained: {untrained}");
}

#[test]
fn tang_reaches_its_stated_validation_loss() {
    let (trained, untrained) = losses(&TANG);
    assert!(trained < STATED_TANG, "validation loss {trained}");
    assert!(untrained > 8.5, "untrained: {untrained}");
}

#[test]
fn the_300_tang_poems_are_not_in_the_training_text() {
    let corpus = text(&TANG);
    let poems: std::collections::HashSet<&str> = corpus.lines().collect();
    let prompts =
        std::fs::read_to_string(root().join("assets/data/text/tang-300-prompts.txt"))
            .unwrap();
    let held: Vec<&str> = prompts.lines().filter(|l| !l.is_empty()).collect();
    assert!(held.len() > 200, "{} held-out poems", held.len());
    assert!(held.iter().all(|p| !poems.contains(p)));
}

// The README's figures, rounded up a little (see assets/weights/README.md).
const STATED_SHAKESPEARE: f32 = 1.51;
const STATED_TANG: f32 = 4.86;
