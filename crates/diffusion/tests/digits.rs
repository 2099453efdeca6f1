//! The shipped digit U-Net, judged by the shipped LeNet-5: the claims the
//! diffusion chapter makes about guidance, checked on real samples.

use diffusion::judge::Setting;
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

/// `judge::accuracy` for several settings at once, its per-digit work shared
/// among the machine's cores (the same samples, seeds and result).
fn accuracies(settings: &[(Setting, usize)]) -> Vec<f32> {
    let jobs: Vec<(usize, u8)> =
        (0..settings.len()).flat_map(|i| (0..10u8).map(move |d| (i, d))).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    let schedule = Schedule::ddpm();
    let right: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (jobs, schedule) = (&jobs, &schedule);
                scope.spawn(move || {
                    let (mut net, mut lenet) = models();
                    let mut out = Vec::new();
                    for &(i, digit) in jobs.iter().skip(t).step_by(threads) {
                        let (setting, count) = &settings[i];
                        let right = diffusion::judge::read_right(
                            &mut net, &mut lenet, schedule, setting, digit, *count,
                        );
                        out.push((i, right));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a sampling thread")).collect()
    });
    settings
        .iter()
        .enumerate()
        .map(|(i, (_, count))| {
            let n: usize = right.iter().filter(|(j, _)| *j == i).map(|(_, n)| n).sum();
            n as f32 / (10 * count) as f32
        })
        .collect()
}

#[test]
fn guided_ddim_draws_the_digit_asked_for() {
    let (net, _) = models();
    assert!(net.param_count() <= 150_000, "{}", net.param_count());
    let schedule = Schedule::ddpm();
    let setting = |scale| Setting {
        digit: 0,
        scale,
        sampler: Sampler::Ddim,
        steps: schedule.spaced(50),
        seed: 1,
    };
    // 20 samples of each digit at scale 3, 10 at scales 1 and 0; 50 DDIM steps.
    let got = accuracies(&[(setting(3.0), 20), (setting(1.0), 10), (setting(0.0), 10)]);
    let (guided, plain, ignored) = (got[0], got[1], got[2]);
    assert!(guided >= 0.9, "scale 3: {guided}");
    assert!(plain < guided, "scale 1 {plain} vs 3 {guided}");
    // Scale 0 ignores the prompt: about one drawing in ten is the digit asked for.
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
