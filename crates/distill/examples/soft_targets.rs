//! What the teacher says about the transfer images: the first 7's
//! probabilities at T = 1 and T = 20, and the share of its probability
//! (at T = 20) that each digit's images give to 3.
//!
//!     cargo run --release -p distill --example soft_targets

use distill::{CLASSES, TRANSFER};

fn main() {
    let train =
        lenet::data::shipped("train-30k").expect("shipped MNIST").slice(0..TRANSFER);
    let weights = std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors"))
        .expect("shipped LeNet-5");
    let logits =
        distill::teacher_logits(&weights, &train.images, TRANSFER).expect("weights");
    let seven = train.labels.iter().position(|&l| l == 7).expect("a 7");
    for t in [1.0, 20.0] {
        let p =
            nn::loss::soften(&logits[seven * CLASSES..(seven + 1) * CLASSES], CLASSES, t);
        let row: Vec<String> = p.iter().map(|v| format!("{v:.2e}")).collect();
        println!("image {seven} (a 7) at T = {t}: {}", row.join(" "));
    }
    let soft = nn::loss::soften(&logits, CLASSES, 20.0);
    for d in 0..CLASSES as u8 {
        let rows: Vec<usize> = (0..TRANSFER).filter(|&i| train.labels[i] == d).collect();
        let share: f32 =
            rows.iter().map(|&i| soft[i * CLASSES + 3]).sum::<f32>() / rows.len() as f32;
        println!("{d}s give 3 on average {:.3} at T = 20", share);
    }
}
