//! The claims the chapter makes about the experiment, on the shipped files
//! (the figures themselves come from `distill-table`).

use distill::{Setup, Which};

fn finished(setup: Setup) -> distill::Experiment {
    let mut e = distill::shipped(setup).expect("the shipped files");
    while e.advance(1_000) {}
    e
}

fn last(e: &distill::Experiment, w: Which) -> f32 {
    e.curves[w as usize].last().unwrap().1
}

#[test]
fn soft_targets_at_a_high_temperature_beat_the_labels() {
    let e = finished(Setup { temperature: 20.0, omit: None });
    let (hard, soft) = (last(&e, Which::Hard), last(&e, Which::Soft));
    assert!(hard > 0.89 && hard < 0.92, "hard labels: {hard}");
    assert!(soft > hard + 0.01, "soft {soft} vs hard {hard}");
    assert_eq!(e.curves[0].len(), 9, "a point every 5 of the 40 passes, and the start");
}

#[test]
fn at_temperature_one_the_teacher_says_little_more_than_the_label() {
    let e = finished(Setup { temperature: 1.0, omit: None });
    let (hard, soft) = (last(&e, Which::Hard), last(&e, Which::Soft));
    assert!((soft - hard).abs() < 0.01, "soft {soft} vs hard {hard}");
}

#[test]
fn a_digit_never_shown_is_learned_only_from_soft_targets() {
    let mut e = finished(Setup { temperature: 20.0, omit: Some(3) });
    assert_eq!(e.transfer_len, 1_800 - 171, "the 3s of the first 1,800 images");
    let o = e.outcome();
    let (bias0, bias5) = (&o.sweep[0], &o.sweep[10]);
    assert_eq!(bias5.0, 5.0);
    assert_eq!(bias0.2[0], 0.0, "labels never name a 3: the hard student never says 3");
    assert!(bias5.2[0] < 0.01, "nor after raising its bias: {}", bias5.2[0]);
    assert!(bias0.2[1] > 0.03, "the soft student reads some 3s: {}", bias0.2[1]);
    assert!(bias5.2[1] > 0.4, "and many once the bias is raised: {}", bias5.2[1]);
    assert!(bias5.1[1] > bias0.1[1], "which helps overall too");
    let bias10 = &o.sweep[20];
    assert!(
        bias10.2[0] < 0.05 && bias10.1[0] < bias0.1[0],
        "the label student barely moves"
    );
    assert!(bias10.2[1] > 0.8, "the soft one reads most 3s at +10: {}", bias10.2[1]);
}

#[test]
fn the_teacher_is_the_shipped_lenet() {
    let test = lenet::data::shipped("t10k").unwrap();
    let bytes =
        std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors")).unwrap();
    let logits = distill::teacher_logits(&bytes, &test.images, test.len()).unwrap();
    let (all, _) = distill::lesson::accuracy(&logits, &test.labels);
    assert_eq!((all * 10_000.0).round() as u32, 9_899);
    assert!((all - distill::TEACHER_TEST_ACCURACY).abs() < 1e-6);
}

#[test]
fn the_teacher_says_what_the_chapter_quotes() {
    // Numbers printed by `cargo run --release -p distill --example soft_targets`.
    let train = lenet::data::shipped("train-30k").unwrap().slice(0..distill::TRANSFER);
    let bytes =
        std::fs::read(lenet::data::assets().join("weights/lenet5.safetensors")).unwrap();
    let logits = distill::teacher_logits(&bytes, &train.images, train.len()).unwrap();
    assert_eq!(train.labels[15], 7);
    assert!(train.labels[..15].iter().all(|&l| l != 7), "image 15 is the first 7");
    let row = &logits[150..160];
    let cold = nn::loss::soften(row, 10, 1.0);
    assert!(
        cold[7] > 0.99999 && cold.iter().enumerate().all(|(d, &p)| d == 7 || p < 1e-8)
    );
    let hot = nn::loss::soften(row, 10, 20.0);
    let mut order: Vec<usize> = (0..10).collect();
    order.sort_by(|&a, &b| hot[b].total_cmp(&hot[a]));
    assert_eq!((order[0], order[1], order[9]), (7, 9, 6), "{hot:?}");
    assert!((hot[7] - 0.29).abs() < 0.005 && (hot[9] - 0.11).abs() < 0.005);
    let soft = nn::loss::soften(&logits, 10, 20.0);
    let share = |d: u8| {
        let rows: Vec<usize> =
            (0..train.len()).filter(|&i| train.labels[i] == d).collect();
        rows.iter().map(|&i| soft[i * 10 + 3]).sum::<f32>() / rows.len() as f32
    };
    assert!(share(5) > 0.11 && share(7) > 0.11, "5s and 7s lean to 3 the most");
    assert!(share(1) < 0.06 && share(6) < 0.06, "1s and 6s the least");
}
