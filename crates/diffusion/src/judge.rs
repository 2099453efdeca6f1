//! Drawing digits with the U-Net and having the book's LeNet-5 read them:
//! the honest score of a setting is how often the digit asked for is the
//! digit a trained classifier sees.

use crate::Schedule;
use crate::digits::Guided;
use crate::sample::{Run, Sampler, start};
use crate::unet::UNet;
use lenet::LeNet5;

/// What to draw and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub digit: u8,
    pub scale: f32,
    pub sampler: Sampler,
    /// The steps visited, noisy to clean.
    pub steps: Vec<usize>,
    pub seed: u64,
}

/// `count` images (784 numbers each, −1 paper to 1 ink) for one setting,
/// all in one batch; the seed fixes the starting noise and any fresh noise.
pub fn draw(
    net: &mut UNet,
    schedule: &Schedule,
    setting: &Setting,
    count: usize,
) -> Vec<f32> {
    let x = start(count, net.pixels(), setting.seed);
    let mut run = Run::through(setting.sampler, setting.steps.clone(), x, setting.seed);
    let mut model = Guided::new(net, schedule, setting.digit, setting.scale);
    while !run.finished() {
        run.step(&mut model, schedule);
    }
    run.trajectory.frames.pop().unwrap_or_default()
}

/// A drawn image as LeNet-5 reads it: pixels in 0…1.
pub fn to_pixels(image: &[f32]) -> Vec<f32> {
    image.iter().map(|v| ((v + 1.0) * 0.5).clamp(0.0, 1.0)).collect()
}

/// LeNet-5's digit and its probability for each image.
pub fn read(lenet: &mut LeNet5, images: &[f32]) -> Vec<(u8, f32)> {
    let n = images.len() / 784;
    let pixels = to_pixels(images);
    let logits = lenet.forward(&pixels, n);
    logits
        .chunks_exact(10)
        .map(|l| {
            let max = l.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
            let total: f32 = l.iter().map(|v| (v - max).exp()).sum();
            let (best, _) =
                l.iter().enumerate().fold((0, f32::NEG_INFINITY), |b, (i, &v)| {
                    if v > b.1 { (i, v) } else { b }
                });
            (best as u8, 1.0 / total)
        })
        .collect()
}

/// The share of `count` images per digit that LeNet-5 reads as the digit
/// asked for, over all ten digits.
pub fn accuracy(
    net: &mut UNet,
    lenet: &mut LeNet5,
    schedule: &Schedule,
    setting: &Setting,
    count: usize,
) -> f32 {
    let right: usize =
        (0..10u8).map(|d| read_right(net, lenet, schedule, setting, d, count)).sum();
    right as f32 / (10 * count) as f32
}

/// How many of `count` images of `digit` LeNet-5 reads right: one digit's
/// share of [`accuracy`] (same seeds), so callers can split the work.
pub fn read_right(
    net: &mut UNet,
    lenet: &mut LeNet5,
    schedule: &Schedule,
    setting: &Setting,
    digit: u8,
    count: usize,
) -> usize {
    let s = Setting { digit, seed: setting.seed + u64::from(digit), ..setting.clone() };
    let images = draw(net, schedule, &s, count);
    read(lenet, &images).iter().filter(|(d, _)| *d == digit).count()
}
