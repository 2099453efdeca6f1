//! Trains the page's autoencoder without labels and prints, for every
//! digit as the concept, Le et al.'s test of its best unit beside the
//! controls: `cargo run --release -p concept --example concept`.
use concept::{Autoencoder, Settings, concept_test, report, supervised};

fn main() -> Result<(), String> {
    let train = lenet::data::shipped("train-30k")?;
    let test = lenet::data::shipped("t10k")?;
    let settings = Settings::default();
    let mut trainer = settings.trainer();
    for _ in 0..settings.steps {
        trainer.step(&train, settings.batch);
    }
    let mut random = Autoencoder::new(settings.hidden, settings.seed);
    random.keep = settings.keep;
    println!("digit  chance  unit  random  pixel  supervised");
    for digit in 0..10u8 {
        let (images, is) = concept_test(&test, digit);
        let r = report(&mut trainer.model, &mut random, &images, &is);
        let s = supervised(&train, digit, &images, &is, 500);
        println!(
            "{digit}      {:.3}   {:.3} {:.3}   {:.3}  {s:.3}",
            r.chance, r.unit.accuracy, r.random.accuracy, r.pixel.accuracy
        );
    }
    Ok(())
}
