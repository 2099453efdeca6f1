//! The page's claims about the cat-neuron toy, at its settings: a unit of
//! the network trained without labels finds most digits better than any
//! unit of the same network left random, 0 being the exception.

use concept::{Autoencoder, Report, Settings, concept_test, report};

fn reports() -> Vec<Report> {
    let train = lenet::data::shipped("train-30k").expect("training digits");
    let test = lenet::data::shipped("t10k").expect("test digits");
    let settings = Settings::default();
    let mut trainer = settings.trainer();
    for _ in 0..settings.steps {
        trainer.step(&train, settings.batch);
    }
    let mut random = Autoencoder::new(settings.hidden, settings.seed);
    random.keep = settings.keep;
    (0..10u8)
        .map(|digit| {
            let (images, is) = concept_test(&test, digit);
            report(&mut trainer.model, &mut random, &images, &is)
        })
        .collect()
}

#[test]
fn trained_units_beat_random_ones_for_nine_digits_of_ten() {
    let r = reports();
    for (digit, r) in r.iter().enumerate() {
        assert!((r.chance - 0.648).abs() < 0.001, "{digit}: the paper's chance baseline");
        assert!(r.unit.accuracy > r.chance + 0.1, "{digit}: {r:?}");
        if digit == 0 {
            assert!(r.random.accuracy > r.unit.accuracy, "0 is the exception: {r:?}");
        } else {
            assert!(r.unit.accuracy > r.random.accuracy + 0.03, "{digit}: {r:?}");
        }
    }
    let seven = &r[7];
    assert!(seven.unit.accuracy > 0.85 && seven.random.accuracy < 0.8, "{seven:?}");
    assert_eq!(seven.top.len(), 16);
}
