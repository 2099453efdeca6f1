//! The page's claims, checked natively on the shipped photos: sparse
//! coding on whitened photo patches learns edges; the same learner without
//! the sparsity price, or on white noise, does not, and neither does PCA.

use edges::{Learner, PHOTOS, Photo, Settings, Source, measure};
use std::path::Path;

fn pictures(source: Source) -> Vec<Photo> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/data/photos");
    let shipped = source
        .photos()
        .iter()
        .map(|n| Photo::read_gz(&dir.join(format!("{n}.pgm.gz"))).unwrap())
        .collect();
    source.pictures(shipped)
}

fn train(source: Source, settings: Settings) -> Learner {
    let mut learner = Learner::new(pictures(source), settings);
    while !learner.done() {
        learner.step();
    }
    learner
}

#[test]
fn the_shipped_photos_are_the_seven_named() {
    for name in PHOTOS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/data/photos");
        let p = Photo::read_gz(&dir.join(format!("{name}.pgm.gz"))).unwrap();
        assert!(p.width >= 150 && p.height >= 150, "{name}");
    }
}

#[test]
fn photos_teach_edges_and_pca_finds_none() {
    let settings = Settings::default();
    let start = Learner::new(pictures(Source::Photos), settings);
    assert_eq!(start.edges(), 0, "random atoms are not edges");
    let dim = settings.size * settings.size;
    let pca = start.whitening.components.chunks_exact(dim).take(settings.atoms);
    let pca_edges = pca.filter(|c| measure::shape(c, settings.size).is_edge()).count();
    assert!(pca_edges <= 2, "PCA's components fill the patch: {pca_edges}");
    let learner = train(Source::Photos, settings);
    let edges = learner.edges();
    // The page's claim: about 50 of 64 (52 measured).
    assert!(edges >= 48, "{edges} of 64");
    println!("photos: {edges} of 64 filters are edges");
}

#[test]
fn without_the_sparsity_price_no_edges() {
    let settings = Settings { lambda: 0.0, ..Settings::default() };
    let learner = train(Source::Photos, settings);
    assert_eq!(learner.edges(), 0);
}

#[test]
fn white_noise_teaches_nothing() {
    let learner = train(Source::Noise, Settings::default());
    assert_eq!(learner.edges(), 0);
}

/// Every number the page's text quotes, as the page computes it (wasm
/// arithmetic is exact, so the page shows these same counts).
#[test]
fn the_numbers_the_page_quotes() {
    let settings = Settings::default();
    let mut learner = Learner::new(pictures(Source::Photos), settings);
    let mut fit = edges::Fit::default();
    while learner.batches < 200 {
        fit = learner.step();
    }
    assert_eq!(learner.edges(), 30, "after 200 batches");
    while !learner.done() {
        fit = learner.step();
    }
    assert_eq!(learner.edges(), 55, "after 600 batches");
    // "about 6 or 7 of the 64 filters, about half of the energy unexplained"
    assert!((6.0..7.0).contains(&fit.active), "{fit:?}");
    assert!((0.45..0.6).contains(&fit.residual), "{fit:?}");
    let with =
        |lambda: f32| train(Source::Photos, Settings { lambda, ..settings }).edges();
    assert_eq!([with(0.5), with(1.0), with(4.0)], [33, 53, 18]);
    assert_eq!(train(Source::Cat, settings).edges(), 12);
    assert_eq!(train(Source::Textures, settings).edges(), 17);
}
