//! The mixture's gradients against finite differences, the balance loss's
//! two ends, and the collapse the chapter shows.

use moe::{CLASSES, Mixture, Run, Settings, Task};

/// The loss, and the choices it was computed with (routing is a step
/// function: a nudge that moves a point to another expert is a jump, not
/// a slope, and is left out of the check).
fn total_loss(
    m: &mut Mixture,
    points: &[f32],
    labels: &[u8],
    weight: f32,
) -> (f32, Vec<usize>) {
    let (scores, routing) = m.forward(points, labels.len());
    let ce = nn::softmax_cross_entropy(&scores, labels, CLASSES).0;
    (ce + weight * Mixture::balance_loss(&routing).0, routing.choice)
}

#[test]
fn gradients_match_finite_differences() {
    let mut rng = nn::rng(3);
    let (points, labels) = Task::Rings(3).sample(24, &mut rng);
    let weight = 0.5;
    let mut m = Mixture::new(3, 4, 7);
    for p in m.params() {
        p.grad.fill(0.0);
    }
    let (scores, routing) = m.forward(&points, 24);
    let choice = routing.choice.clone();
    let (_, dscores) = nn::softmax_cross_entropy(&scores, &labels, CLASSES);
    let (_, dbalance) = Mixture::balance_loss(&routing);
    m.backward(&dscores, 24, weight, &dbalance);
    let analytic: Vec<Vec<f32>> = m.params().iter().map(|p| p.grad.clone()).collect();
    let eps = 1e-3;
    let mut worst = 0.0f32;
    let mut skipped = 0;
    for (pi, grads) in analytic.iter().enumerate() {
        for (j, &g) in grads.iter().enumerate() {
            let orig = m.params()[pi].value[j];
            m.params()[pi].value[j] = orig + eps;
            let (up, c1) = total_loss(&mut m, &points, &labels, weight);
            m.params()[pi].value[j] = orig - eps;
            let (down, c2) = total_loss(&mut m, &points, &labels, weight);
            m.params()[pi].value[j] = orig;
            if c1 != choice || c2 != choice {
                skipped += 1;
                continue;
            }
            let numeric = (up - down) / (2.0 * eps);
            let r = (numeric - g).abs() / (numeric.abs() + g.abs()).max(1e-2);
            worst = worst.max(r);
        }
    }
    assert!(worst < 2e-2, "worst relative error {worst}");
    assert!(skipped <= 4, "{skipped} nudges moved a point to another expert");
}

#[test]
fn balance_loss_is_one_when_shared_and_e_when_one_expert_takes_all() {
    let even = moe::layer::Routing {
        choice: vec![0, 1, 2, 3],
        shares: vec![0.25; 4],
        mean_probs: vec![0.25; 4],
    };
    assert!((Mixture::balance_loss(&even).0 - 1.0).abs() < 1e-6);
    let one = moe::layer::Routing {
        choice: vec![0; 4],
        shares: vec![1.0, 0.0, 0.0, 0.0],
        mean_probs: vec![1.0, 0.0, 0.0, 0.0],
    };
    assert!((Mixture::balance_loss(&one).0 - 4.0).abs() < 1e-6);
}

fn idle_and_smallest(task: Task, balance: f32, seed: u64) -> (usize, f32) {
    let mut run = Run::new(Settings { task, experts: 8, hidden: 6, balance, seed });
    for _ in 0..3_000 {
        run.step();
    }
    let shares = run.score().shares;
    let idle = shares.iter().filter(|&&s| s < 0.01).count();
    (idle, shares.iter().copied().fold(1.0, f32::min))
}

#[test]
fn without_the_balance_loss_experts_starve_and_with_it_all_work() {
    for task in [Task::Checkerboard(4), Task::Rings(4)] {
        for seed in 1..=4 {
            let (idle, _) = idle_and_smallest(task, 0.0, seed);
            assert!(
                idle >= 3,
                "{task:?} seed {seed}: only {idle} of 8 idle without balancing"
            );
            let (idle, smallest) = idle_and_smallest(task, 0.1, seed);
            assert!(
                idle == 0 && smallest > 0.05,
                "{task:?} seed {seed}: smallest share {smallest}"
            );
        }
    }
}
