//! Small square patches cut from photographs at random places.

use crate::Photo;
use rand::RngExt;

/// `count` patches of `size` × `size` pixels, each with its own mean
/// brightness taken away (only the pattern inside a patch matters, not how
/// bright the place was), one patch after another.
pub fn cut(photos: &[Photo], size: usize, count: usize, rng: &mut nn::Rng) -> Vec<f32> {
    let usable: Vec<&Photo> =
        photos.iter().filter(|p| p.width >= size && p.height >= size).collect();
    assert!(!usable.is_empty(), "no photo is as large as a patch");
    // Each photo in proportion to the places a patch can sit in it.
    let places: Vec<usize> =
        usable.iter().map(|p| (p.width - size + 1) * (p.height - size + 1)).collect();
    let total: usize = places.iter().sum();
    let mut out = Vec::with_capacity(count * size * size);
    for _ in 0..count {
        let mut pick = rng.random_range(0..total as u32) as usize;
        let mut k = 0;
        while pick >= places[k] {
            pick -= places[k];
            k += 1;
        }
        let p = usable[k];
        let (x0, y0) = (pick % (p.width - size + 1), pick / (p.width - size + 1));
        let start = out.len();
        for y in y0..y0 + size {
            out.extend_from_slice(&p.pixels[y * p.width + x0..y * p.width + x0 + size]);
        }
        let patch = &mut out[start..];
        let mean = patch.iter().sum::<f32>() / patch.len() as f32;
        patch.iter_mut().for_each(|v| *v -= mean);
    }
    out
}

/// A "photograph" of white noise, the control: every pixel independent.
pub fn noise_photo(width: usize, height: usize, rng: &mut nn::Rng) -> Photo {
    let pixels = (0..width * height).map(|_| rng.random_range(0.0..1.0)).collect();
    Photo { width, height, pixels }
}
