//! Edges emerge: the cat-neuron chapter's first demo.
//!
//! Olshausen and Field (1996) asked what a code for natural images looks
//! like if each patch must be described by as few patterns as possible.
//! Learnt from whitened patches of photographs, the patterns become small
//! oriented edges, like the receptive fields of simple cells in the visual
//! cortex and like the first layer of every trained CNN. No label is used.

pub mod measure;
pub mod patches;
pub mod photo;
pub mod sparse;
pub mod whiten;

pub use measure::Shape;
pub use photo::{PHOTOS, Photo};
pub use sparse::{Fit, SparseCoder};
pub use whiten::Whitening;

/// One run's settings; the defaults are the page's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Patch side in pixels.
    pub size: usize,
    /// Filters (atoms) learnt.
    pub atoms: usize,
    /// Sparsity price (see [`SparseCoder::lambda`]), in units of the
    /// whitened patches' typical pixel value.
    pub lambda: f32,
    /// Patches per batch.
    pub batch: usize,
    /// Batches in a run.
    pub batches: usize,
    /// Whitening's floor, a share of the largest variance.
    pub epsilon: f32,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            size: 12,
            atoms: 64,
            lambda: 2.0,
            batch: 100,
            batches: 600,
            epsilon: 0.1,
            seed: 1,
        }
    }
}

/// Patches fitted for whitening before learning starts.
pub const WHITENING_PATCHES: usize = 10_000;

/// A run in progress: its photos, whitening and dictionary.
pub struct Learner {
    pub settings: Settings,
    photos: Vec<Photo>,
    pub whitening: Whitening,
    /// Whitened values are divided by this so a typical pixel is about 1.
    scale: f32,
    pub coder: SparseCoder,
    rng: nn::Rng,
    pub batches: usize,
    /// A few whitened patches, as the coder sees them (for the page).
    pub examples: Vec<f32>,
}

/// Whitened example patches kept for showing.
pub const EXAMPLES: usize = 16;

/// Which pictures a run learns from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// All seven photographs.
    Photos,
    /// Chelsea the cat alone.
    Cat,
    /// The three textures: grass, brick, gravel.
    Textures,
    /// White noise, the control: nothing to find.
    Noise,
}

impl Source {
    pub const ALL: [Source; 4] =
        [Source::Photos, Source::Cat, Source::Textures, Source::Noise];

    /// The name in the page's address and messages.
    pub fn key(self) -> &'static str {
        match self {
            Source::Photos => "photos",
            Source::Cat => "cat",
            Source::Textures => "textures",
            Source::Noise => "noise",
        }
    }

    pub fn from_key(key: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The shipped photos it needs (none for noise).
    pub fn photos(self) -> &'static [&'static str] {
        match self {
            Source::Photos => &PHOTOS,
            Source::Cat => &PHOTOS[..1],
            Source::Textures => &PHOTOS[4..],
            Source::Noise => &[],
        }
    }

    /// The pictures to learn from, given the shipped photos it names.
    pub fn pictures(self, photos: Vec<Photo>) -> Vec<Photo> {
        match self {
            Source::Noise => vec![patches::noise_photo(256, 256, &mut nn::rng(9))],
            _ => photos,
        }
    }
}

impl Learner {
    /// Fits whitening to patches of `photos` and starts from random atoms.
    pub fn new(photos: Vec<Photo>, settings: Settings) -> Learner {
        let mut rng = nn::rng(settings.seed);
        let dim = settings.size * settings.size;
        let fit = patches::cut(&photos, settings.size, WHITENING_PATCHES, &mut rng);
        let whitening = Whitening::fit(&fit, dim, settings.epsilon);
        let white = whitening.apply(&fit);
        let mean_square = white.iter().map(|v| v * v).sum::<f32>() / white.len() as f32;
        let coder = SparseCoder::new(dim, settings.atoms, settings.lambda, &mut rng);
        let scale = mean_square.sqrt().max(1e-12);
        let examples = white[..EXAMPLES * dim].iter().map(|v| v / scale).collect();
        Learner { settings, photos, whitening, scale, coder, rng, batches: 0, examples }
    }

    /// `n` fresh patches, whitened and scaled as the coder sees them.
    pub fn patches(&mut self, n: usize) -> Vec<f32> {
        let raw = patches::cut(&self.photos, self.settings.size, n, &mut self.rng);
        let mut white = self.whitening.apply(&raw);
        white.iter_mut().for_each(|v| *v /= self.scale);
        white
    }

    /// One batch of fresh patches.
    pub fn step(&mut self) -> Fit {
        let x = self.patches(self.settings.batch);
        self.batches += 1;
        self.coder.learn(&x, self.settings.batch)
    }

    /// How many of the filters are edges ([`Shape::is_edge`]).
    pub fn edges(&self) -> usize {
        self.coder.shapes(self.settings.size).iter().filter(|s| s.is_edge()).count()
    }

    pub fn done(&self) -> bool {
        self.batches >= self.settings.batches
    }
}
