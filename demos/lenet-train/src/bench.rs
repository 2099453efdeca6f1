//! Entry points for `./dev bench` (bench/page.html calls them in headless
//! Chromium next to ConvNetJS and TensorFlow.js). Same network, same batch.

use lenet::{Dataset, LeNet5, TrainConfig, Trainer, evaluate};
use wasm_bindgen::prelude::*;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// `n` seeded pseudo-random images with labels (throughput does not depend on content).
fn synthetic(n: usize) -> Dataset {
    let mut rng = nn::rng(42);
    use rand::RngExt;
    Dataset {
        images: (0..n * 784).map(|_| rng.random_range(0.0..1.0)).collect(),
        labels: (0..n).map(|i| (i % 10) as u8).collect(),
    }
}

/// Training throughput in images per second over `batches` mini-batches
/// (after one warm-up batch), Adam, batch size `batch`.
#[wasm_bindgen]
pub fn bench_train(batches: usize, batch: usize) -> f64 {
    let data = synthetic(batch * 64);
    let mut t =
        Trainer::new(LeNet5::new(1), TrainConfig { batch, ..TrainConfig::default() });
    let _ = t.step(&data);
    let start = now();
    for _ in 0..batches {
        let _ = t.step(&data);
    }
    (batches * batch) as f64 / ((now() - start) / 1000.0)
}

/// Inference throughput in images per second, `batch` images per forward pass.
#[wasm_bindgen]
pub fn bench_infer(batches: usize, batch: usize) -> f64 {
    let data = synthetic(batch);
    let mut model = LeNet5::new(1);
    let _ = model.forward(&data.images, batch);
    let start = now();
    let mut sink = 0.0;
    for _ in 0..batches {
        sink += model.forward(&data.images, batch)[0];
    }
    let secs = (now() - start) / 1000.0;
    std::hint::black_box(sink);
    (batches * batch) as f64 / secs
}

/// Seconds of training (evaluation excluded) until the official test accuracy
/// reaches `target`, checked every quarter epoch: the training demo's defaults
/// (25,000 images, Adam 0.001, batch 32). Negative if not reached in 5 epochs.
#[wasm_bindgen]
pub fn bench_time_to_accuracy(
    train_images: &[u8],
    train_labels: &[u8],
    test_images: &[u8],
    test_labels: &[u8],
    target: f32,
) -> Result<f64, JsValue> {
    let train = mnist::parse(train_images, train_labels)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let test = mnist::parse(test_images, test_labels)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let train = Dataset::from_digits(&train).slice(0..25_000);
    let test = Dataset::from_digits(&test);
    let mut t = Trainer::new(LeNet5::new(1), TrainConfig::default());
    let check_every = train.len() / 32 / 4;
    let mut trained = 0.0;
    for step in 1..=(5 * 4 * check_every) {
        let start = now();
        t.step(&train).map_err(|e| JsValue::from_str(&e.to_string()))?;
        trained += now() - start;
        if step % check_every == 0 && evaluate(&mut t.model, &test) >= target {
            return Ok(trained / 1000.0);
        }
    }
    Ok(-1.0)
}

/// Microseconds per batch of 32 spent in each layer's forward pass, as
/// `name=us` pairs joined by `;` (where the inference time goes).
#[wasm_bindgen]
pub fn bench_layers(batches: usize) -> String {
    let data = synthetic(32);
    let mut model = LeNet5::new(1);
    let mut x = data.images.clone();
    let mut parts = Vec::new();
    for layer in model.layers.iter_mut() {
        let mut out = layer.forward(&x, 32);
        let start = now();
        for _ in 0..batches {
            out = layer.forward(&x, 32);
        }
        parts.push(format!(
            "{}={:.1}",
            layer.describe(),
            (now() - start) * 1000.0 / batches as f64
        ));
        x = out;
    }
    parts.join(";")
}
