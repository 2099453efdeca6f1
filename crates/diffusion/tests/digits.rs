//! The shipped digit U-Net, judged by the shipped LeNet-5: the claims the
//! diffusion chapter makes about guidance, checked on real samples.

use diffusion::judge::{Setting, accuracy};
use diffusion::{Sampler, Schedule};
use lenet::LeNet5;

fn models() -> (diffusion::unet::UNet, LeNet5) {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/weights");
    let bytes =
        std::fs::read(root.join("unet-digits.safetensors")).expect("shipped U-Net");
    let net = diffusion::weights::load(&bytes).expect("the shipped file loads");
    let mut lenet = LeNet5::new(0);
    let bytes = std::fs::read(root.join("lenet5.safetensors")).expect("shipped LeNet-5");
    lenet::weights::load(&mut lenet, &bytes).expect("LeNet-5 loads");
    (net, lenet)
}

#[test]
fn guided_ddim_draws_the_digit_asked_for() {
    let (mut net, mut lenet) = models();
    assert!(net.param_count() <= 150_000, "{}", net.param_count());
    let schedule = Schedule::ddpm();
    let setting = |scale| Setting {
        digit: 0,
        scale,
        sampler: Sampler::Ddim,
        steps: schedule.spaced(50),
        seed: 1,
    };
    // 20 samples of each digit, 50 DDIM steps.
    let guided = accuracy(&mut net, &mut lenet, &schedule, &setting(3.0), 20);
    assert!(guided >= 0.9, "scale 3: {guided}");
    let plain = accuracy(&mut net, &mut lenet, &schedule, &setting(1.0), 10);
    assert!(plain < guided, "scale 1 {plain} vs 3 {guided}");
    // Scale 0 ignores the prompt: about one drawing in ten is the digit asked for.
    let ignored = accuracy(&mut net, &mut lenet, &schedule, &setting(0.0), 10);
    assert!(ignored < 0.2, "scale 0: {ignored}");
}

#[test]
fn the_default_drawing_is_decided_early() {
    // The page's default: a 7, guidance 3, DDIM, 50 steps, seed 1. The
    // network's guess of the clean image made at step 16 already reads as 7.
    let (mut net, mut lenet) = models();
    let schedule = Schedule::ddpm();
    let mut run = diffusion::sample::Run::new(
        &schedule,
        Sampler::Ddim,
        50,
        diffusion::sample::start(1, 784, 1),
        1,
    );
    let mut guesses = Vec::new();
    while !run.finished() {
        let mut model = diffusion::digits::Guided::new(&mut net, &schedule, 7, 3.0);
        run.step(&mut model, &schedule);
        guesses.push(run.clean.clone());
    }
    let mut read = |image: &[f32]| diffusion::judge::read(&mut lenet, image)[0].0;
    assert_eq!(read(&guesses[15]), 7, "the guess at step 16");
    assert_eq!(read(run.trajectory.last()), 7, "the drawing");
}

#[test]
fn the_shipped_file_is_what_save_writes() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/weights");
    let bytes =
        std::fs::read(root.join("unet-digits.safetensors")).expect("shipped U-Net");
    let net = diffusion::weights::load(&bytes).expect("the shipped file loads");
    assert_eq!(diffusion::weights::save(&net), bytes);
}
