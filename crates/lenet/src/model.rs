//! The network, layer by layer.

use nn::{Conv2d, Dense, Layer, MaxPool2, Relu, Shape};

/// Classes: the digits 0–9.
pub const CLASSES: usize = 10;
/// Numbers per image in [`LeNet5::features`].
pub const FEATURES: usize = 84;
/// Layers up to and including F6's ReLU.
const FEATURE_LAYERS: usize = 10;
/// Input: one 28×28 greyscale image.
pub const INPUT: Shape = Shape::new(1, 28, 28);

/// LeNet-5 with full C3 connections, ReLU and max pooling.
pub struct LeNet5 {
    pub layers: Vec<Box<dyn Layer>>,
}

impl LeNet5 {
    // ANCHOR: lenet5
    /// A freshly initialised network; the same seed gives the same weights.
    pub fn new(seed: u64) -> LeNet5 {
        let mut rng = nn::rng(seed);
        let mut c1 = Conv2d::new(INPUT, 6, 5, 2, &mut rng); //  6 × 28 × 28 (input padded to 32 × 32)
        c1.input_grad = false; // nothing before C1 needs a gradient
        let layers: Vec<Box<dyn Layer>> = vec![
            Box::new(c1),
            Box::new(Relu::new(Shape::new(6, 28, 28))),
            Box::new(MaxPool2::new(Shape::new(6, 28, 28))), // S2: 6 × 14 × 14
            Box::new(Conv2d::new(Shape::new(6, 14, 14), 16, 5, 0, &mut rng)), // C3: 16 × 10 × 10
            Box::new(Relu::new(Shape::new(16, 10, 10))),
            Box::new(MaxPool2::new(Shape::new(16, 10, 10))), // S4: 16 × 5 × 5
            Box::new(Dense::new(400, 120, &mut rng)),        // C5
            Box::new(Relu::new(Shape::new(120, 1, 1))),
            Box::new(Dense::new(120, 84, &mut rng)), // F6
            Box::new(Relu::new(Shape::new(84, 1, 1))),
            Box::new(Dense::new(84, CLASSES, &mut rng)), // output: one score per digit
        ];
        LeNet5 { layers }
    }
    // ANCHOR_END: lenet5

    /// Scores (logits) for a batch of `n` images of 784 pixels in [0, 1].
    pub fn forward(&mut self, images: &[f32], n: usize) -> Vec<f32> {
        let mut layers = self.layers.iter_mut();
        let first = layers.next().expect("LeNet-5 has layers");
        let mut x = first.forward(&images[..n * INPUT.len()], n);
        for layer in layers {
            let y = layer.forward(&x, n);
            nn::buffers::give(std::mem::replace(&mut x, y)); // read; its memory serves a later layer
        }
        x
    }

    /// F6's 84 numbers (after its ReLU) for each of `n` images: what LeNet-5
    /// has made of a picture just before it decides. Judges of generated
    /// digits compare these, as FID compares an Inception network's features.
    pub fn features(&mut self, images: &[f32], n: usize) -> Vec<f32> {
        let (keep, _) = self.layers.split_at_mut(FEATURE_LAYERS);
        let mut x = images[..n * INPUT.len()].to_vec();
        for layer in keep {
            let y = layer.forward(&x, n);
            nn::buffers::give(std::mem::replace(&mut x, y));
        }
        x
    }

    /// Every layer's output for one image: what the "feature maps" pictures show.
    pub fn trace(&mut self, image: &[f32]) -> Vec<Vec<f32>> {
        let mut outs = Vec::with_capacity(self.layers.len());
        let mut x = image[..INPUT.len()].to_vec();
        for layer in &mut self.layers {
            x = layer.forward(&x, 1);
            outs.push(x.clone());
        }
        outs
    }

    /// Back-propagates dLoss/dLogits through every layer.
    pub fn backward(&mut self, dlogits: &[f32], n: usize) {
        let mut d = dlogits.to_vec();
        for layer in self.layers.iter_mut().rev() {
            let dx = layer.backward(&d, n);
            nn::buffers::give(std::mem::replace(&mut d, dx));
        }
        nn::buffers::give(d);
    }

    /// All parameters, in a fixed order (the optimizer and the weights file rely on it).
    pub fn params(&mut self) -> Vec<&mut nn::Param> {
        self.layers.iter_mut().flat_map(|l| l.params()).collect()
    }

    /// Read-only parameters, same order as [`params`](Self::params).
    pub fn params_ref(&self) -> Vec<&nn::Param> {
        self.layers.iter().flat_map(|l| l.params_ref()).collect()
    }

    /// Number of trainable numbers.
    pub fn param_count(&self) -> usize {
        self.params_ref().iter().map(|p| p.value.len()).sum()
    }

    /// Probabilities of the ten digits for one image.
    pub fn predict(&mut self, image: &[f32]) -> Vec<f32> {
        nn::loss::softmax(&self.forward(image, 1))
    }
}

/// Per-layer parameter counts, named as in the 1998 paper.
pub fn parameter_table(model: &LeNet5) -> Vec<(&'static str, usize)> {
    let names = ["C1", "C3", "C5", "F6", "output"];
    let counts = model
        .layers
        .iter()
        .map(|l| l.params_ref().iter().map(|p| p.value.len()).sum::<usize>());
    names.into_iter().zip(counts.filter(|&c| c > 0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_what_the_output_layer_reads() {
        let mut model = LeNet5::new(3);
        let images: Vec<f32> =
            (0..2 * 784).map(|i| ((i * 37) % 255) as f32 / 255.0).collect();
        let logits = model.forward(&images, 2);
        let features = model.features(&images, 2);
        assert_eq!(features.len(), 2 * FEATURES);
        assert!(features.iter().all(|&f| f >= 0.0), "after F6's ReLU");
        let again = model.layers[FEATURE_LAYERS].forward(&features, 2);
        assert_eq!(again, logits);
    }

    #[test]
    fn has_the_61706_parameters_of_lenet5() {
        let model = LeNet5::new(0);
        assert_eq!(model.param_count(), 61_706);
        assert_eq!(
            parameter_table(&model),
            [("C1", 156), ("C3", 2_416), ("C5", 48_120), ("F6", 10_164), ("output", 850)]
        );
    }

    #[test]
    fn shapes_chain_from_image_to_ten_scores() {
        let model = LeNet5::new(0);
        for pair in model.layers.windows(2) {
            assert_eq!(
                pair[0].output_shape().len(),
                pair[1].input_shape().len(),
                "{}",
                pair[1].describe()
            );
        }
        let mut model = model;
        let out = model.forward(&vec![0.5; 2 * 784], 2);
        assert_eq!(out.len(), 2 * CLASSES);
        let p = model.predict(&vec![0.0; 784]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn multiply_adds_per_layer_for_one_image() {
        // The numbers the "why GPUs" page quotes.
        let model = LeNet5::new(0);
        let macs: Vec<usize> =
            model.layers.iter().map(|l| l.macs()).filter(|&m| m > 0).collect();
        assert_eq!(macs, [117_600, 240_000, 48_000, 10_080, 840]);
        assert_eq!(macs.iter().sum::<usize>(), 416_520);
    }

    #[test]
    fn same_seed_same_network() {
        assert_eq!(LeNet5::new(7).params_ref(), LeNet5::new(7).params_ref());
        assert_ne!(LeNet5::new(7).params_ref(), LeNet5::new(8).params_ref());
    }
}
