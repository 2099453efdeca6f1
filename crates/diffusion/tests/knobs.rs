//! The shipped reference of the "judge the knobs" page: its numbers are
//! recomputed here from the shipped weights (the test set's, and two
//! settings' at 100 drawings), and the page's sentences about it are
//! checked against it.

use diffusion::knobs::{self, Knobs, Reference, Score, Tally, TestSet};
use diffusion::{Sampler, Schedule};
use lenet::LeNet5;

fn shipped() -> Reference {
    let path = lenet::data::assets().join("data/diffusion/knobs.json");
    let text = std::fs::read_to_string(path).expect("the shipped reference");
    Reference::parse(&text).expect("it parses")
}

fn lenet() -> LeNet5 {
    let bytes = std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors"))
        .expect("shipped LeNet-5");
    let mut lenet = LeNet5::new(0);
    lenet::weights::load(&mut lenet, &bytes).expect("LeNet-5 loads");
    lenet
}

fn score(r: &Reference, knobs: Knobs, n: usize) -> Score {
    let line = r.line(&knobs).unwrap_or_else(|| panic!("{knobs:?} is in the reference"));
    *line.scores.iter().find(|s| s.n == n).expect("that size is in the reference")
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs().max(1.0)
}

#[test]
fn the_test_set_numbers_are_lenets_view_of_the_10000_test_digits() {
    let r = shipped();
    let test = lenet::data::shipped("t10k").expect("the shipped test set");
    let measured = TestSet::measure(&mut lenet(), &test.images, &test.labels);
    assert_eq!(r.test.count, 10_000);
    for (name, a, b) in [
        ("mean", &measured.mean, &r.test.mean),
        ("cov", &measured.cov, &r.test.cov),
        ("spread", &measured.spread, &r.test.spread),
    ] {
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(b) {
            assert!(close(f64::from(*x), f64::from(*y), 1e-4), "{name}: {x} vs {y}");
        }
    }
}

#[test]
fn two_settings_recomputed_at_100_drawings_match_the_reference() {
    let r = shipped();
    let bytes =
        std::fs::read(lenet::data::assets().join("weights/unet-digits.safetensors"))
            .expect("shipped U-Net");
    let mut net = diffusion::weights::load(&bytes).expect("it loads");
    let mut lenet = lenet();
    let schedule = Schedule::ddpm();
    for sampler in [Sampler::Ddim, Sampler::Ddpm] {
        let k = Knobs { scale: 1.0, sampler, steps: 5 };
        let mut tally = Tally::default();
        for index in 0..10 {
            let (digit, images) =
                knobs::draw_batch(&mut net, &schedule, &k, index, r.first_seed);
            tally.add(&mut lenet, digit, &images);
        }
        let mine = tally.score(100, &r.test);
        let book = score(&r, k, 100);
        assert_eq!(mine.accuracy, book.accuracy, "{sampler:?}");
        assert!(close(mine.diversity, book.diversity, 1e-3), "{mine:?} vs {book:?}");
        assert!(close(mine.frechet, book.frechet, 1e-3), "{mine:?} vs {book:?}");
    }
}

/// The reference's score of a guidance scale or of a sampler's step count.
fn guided(r: &Reference, scale: f32, n: usize) -> Score {
    score(r, Knobs { scale, sampler: Sampler::Ddim, steps: 20 }, n)
}

fn plain(r: &Reference, sampler: Sampler, steps: usize) -> f64 {
    score(r, Knobs { scale: 1.0, sampler, steps }, 1000).frechet
}

#[test]
fn guidance_buys_accuracy_with_variety_as_the_page_says() {
    let r = shipped();
    let scales = knobs::SCALES;
    let at = |s| guided(&r, s, 1000);
    // Scale 0 is chance; from 2 on nearly every drawing is read right.
    assert!(at(0.0).accuracy < 0.15 && at(1.0).accuracy < 0.9);
    assert!(scales[2..].iter().all(|&s| at(s).accuracy >= 0.98));
    // Variety falls with every step up the scale, to about 0.7 of real digits.
    for pair in scales.windows(2) {
        assert!(at(pair[1]).diversity < at(pair[0]).diversity, "{pair:?}");
    }
    assert!((0.65..0.72).contains(&at(20.0).diversity));
    // The Fréchet distance is lowest at 2 and rises again past it.
    let best =
        scales.iter().copied().min_by(|a, b| at(*a).frechet.total_cmp(&at(*b).frechet));
    assert_eq!(best, Some(2.0));
    assert!(at(7.5).frechet > 5.0 * at(2.0).frechet);
    // Few drawings inflate the distance; the other two scores barely move.
    let (few, many) = (guided(&r, 2.0, 100), guided(&r, 2.0, 1000));
    assert!(few.frechet > 2.0 * many.frechet, "{few:?} {many:?}");
    assert!((few.diversity - many.diversity).abs() < 0.03);
}

#[test]
fn steps_and_samplers_behave_as_the_page_says() {
    let r = shipped();
    let (ddpm, ddim, dpm) = (Sampler::Ddpm, Sampler::Ddim, Sampler::DpmPp2m);
    // DDIM degrades gracefully down to 10 steps, not at 5.
    assert!(plain(&r, ddim, 10) < 1.15 * plain(&r, ddim, 100));
    assert!(plain(&r, ddim, 5) > 1.5 * plain(&r, ddim, 10));
    // DDPM suffers more from few steps, yet beats DDIM from 10 steps on.
    assert!(plain(&r, ddpm, 10) > 1.5 * plain(&r, ddpm, 50));
    assert!(plain(&r, ddpm, 5) > 2.5 * plain(&r, ddpm, 10));
    for steps in [10, 20, 50, 100] {
        assert!(plain(&r, ddpm, steps) < plain(&r, ddim, steps), "{steps}");
    }
    // DPM++ 2M and DDIM solve one equation: at 100 steps they agree; at 5
    // DPM++ 2M is far ahead, even of its own 100-step score.
    assert!((plain(&r, dpm, 100) - plain(&r, ddim, 100)).abs() < 1.0);
    assert!(plain(&r, dpm, 5) < 0.5 * plain(&r, ddim, 5));
    assert!(plain(&r, dpm, 5) < plain(&r, dpm, 100));
    // DDIM's drawings are more varied than real handwriting.
    let d = score(&r, Knobs { scale: 1.0, sampler: ddim, steps: 100 }, 1000).diversity;
    assert!(d > 1.05, "{d}");
}
