//! Deeper is worse — until residuals: the experiment of ResNet's first
//! figure at toy scale. The same blocks stacked deeper train *worse* when
//! each block's output replaces its input, and better when it is added to
//! it (`nn::Residual`). Everything else is equal: widths, initial weights,
//! data, order of batches, optimizer.

use lenet::Dataset;
use nn::{
    Dense, Layer, LayerNorm, Optimizer, OptimizerKind, Relu, Residual, Shape, Stack,
};
use rand::seq::SliceRandom;

/// With or without the shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Residual,
}

/// A network: a first layer from the 784 pixels to `width` numbers,
/// `blocks` blocks of two weight layers each, and a last layer to the ten
/// digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub kind: Kind,
    pub blocks: usize,
    pub width: usize,
}

impl Config {
    /// Weight layers, counted as the ResNet paper counts them.
    pub fn layers(&self) -> usize {
        2 * self.blocks + 2
    }
}

// ANCHOR: block
/// One block: normalise, a weight layer, ReLU, another weight layer.
fn block(width: usize, rng: &mut nn::Rng) -> Stack {
    let wide = Shape::new(width, 1, 1);
    Stack::new(vec![
        Box::new(LayerNorm::new(width)),
        Box::new(Dense::new(width, width, rng)),
        Box::new(Relu::new(wide)),
        Box::new(Dense::new(width, width, rng)),
    ])
}

/// The whole network; the two kinds differ only in `x + f(x)` against `f(x)`.
pub fn network(config: Config, seed: u64) -> Stack {
    let mut rng = nn::rng(seed);
    let w = config.width;
    let mut layers: Vec<Box<dyn Layer>> = vec![Box::new(Dense::new(784, w, &mut rng))];
    for _ in 0..config.blocks {
        let f = block(w, &mut rng);
        layers.push(match config.kind {
            Kind::Plain => Box::new(f),
            Kind::Residual => Box::new(Residual::new(f)),
        });
    }
    layers.push(Box::new(LayerNorm::new(w)));
    layers.push(Box::new(Dense::new(w, 10, &mut rng)));
    Stack::new(layers)
}
// ANCHOR_END: block

/// Training settings shared by every network of a comparison.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub batch: usize,
    pub lr: f32,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { batch: 64, lr: 0.02, seed: 1 }
    }
}

/// A network being trained, with its own optimizer and batch order (the
/// order comes from the settings' seed, so every network sees the same).
pub struct Trainer {
    pub config: Config,
    pub net: Stack,
    optimizer: Optimizer,
    rng: nn::Rng,
    order: Vec<usize>,
    cursor: usize,
    batch: usize,
    pub steps: usize,
}

impl Trainer {
    pub fn new(config: Config, settings: Settings) -> Trainer {
        Trainer {
            config,
            net: network(config, settings.seed),
            optimizer: Optimizer::new(OptimizerKind::Sgd {
                lr: settings.lr,
                momentum: 0.9,
            }),
            rng: nn::rng(settings.seed ^ 0xba7c),
            order: Vec::new(),
            cursor: 0,
            batch: settings.batch.max(1),
            steps: 0,
        }
    }

    /// One mini-batch of SGD with momentum; returns its mean loss.
    pub fn step(&mut self, data: &Dataset) -> f32 {
        if self.cursor + self.batch > self.order.len() {
            self.order = (0..data.len()).collect();
            self.order.shuffle(&mut self.rng);
            self.cursor = 0;
        }
        let picked = &self.order[self.cursor..self.cursor + self.batch.min(data.len())];
        self.cursor += picked.len();
        let images: Vec<f32> =
            picked.iter().flat_map(|&i| data.image(i).iter().copied()).collect();
        let labels: Vec<u8> = picked.iter().map(|&i| data.labels[i]).collect();
        let logits = self.net.forward(&images, labels.len());
        let (loss, dlogits) = nn::softmax_cross_entropy(&logits, &labels, 10);
        self.net.backward(&dlogits, labels.len());
        self.optimizer.step(self.net.params());
        self.steps += 1;
        loss
    }

    /// Mean loss and share misclassified on `data` (the training error the
    /// ResNet paper plots, when `data` is training data).
    pub fn measure(&mut self, data: &Dataset) -> (f32, f32) {
        let (mut loss, mut wrong) = (0.0f64, 0usize);
        for start in (0..data.len()).step_by(500) {
            let part = data.slice(start..start + 500);
            let logits = self.net.forward(&part.images, part.len());
            let (l, _) = nn::softmax_cross_entropy(&logits, &part.labels, 10);
            loss += f64::from(l) * part.len() as f64;
            wrong += logits
                .chunks_exact(10)
                .zip(&part.labels)
                .filter(|(row, label)| lenet::train::argmax(row) != usize::from(**label))
                .count();
        }
        let n = data.len().max(1);
        ((loss / n as f64) as f32, wrong as f32 / n as f32)
    }
}

/// Four networks trained side by side on the same batches: plain and
/// residual, each at a shallow and a deep depth. Order: plain shallow,
/// plain deep, residual shallow, residual deep.
pub struct Race {
    pub trainers: Vec<Trainer>,
}

/// Width of every hidden layer in the race.
pub const WIDTH: usize = 32;

impl Race {
    /// `shallow` and `deep` count weight layers (even, at least 4).
    pub fn new(shallow: usize, deep: usize, settings: Settings) -> Race {
        let trainers = [Kind::Plain, Kind::Residual]
            .into_iter()
            .flat_map(|kind| {
                [shallow, deep].map(|layers| {
                    let blocks = layers.saturating_sub(2) / 2;
                    Trainer::new(Config { kind, blocks, width: WIDTH }, settings)
                })
            })
            .collect();
        Race { trainers }
    }

    /// One step of each network.
    pub fn round(&mut self, data: &Dataset) -> Vec<f32> {
        self.trainers.iter_mut().map(|t| t.step(data)).collect()
    }

    /// Each network's training error on `probe`.
    pub fn errors(&mut self, probe: &Dataset) -> Vec<f32> {
        self.trainers.iter_mut().map(|t| t.measure(probe).1).collect()
    }
}
