//! The chapter's claims, measured with the page's default run (seed 1,
//! 1,000 steps).

use parity::{Format, Learner, Settings};

fn trained(format: Format, steps: usize, until: usize) -> Learner {
    let mut l = Learner::new(Settings { format, steps, seed: 1 });
    while l.step < until {
        l.train_step();
    }
    l
}

#[test]
fn answering_at_once_stays_a_coin_toss() {
    let mut l = trained(Format::Direct, 1000, 1000);
    let g = l.accuracy();
    // One answer for every question: the score is the share of test
    // questions with that parity (118 or 138 of 256).
    assert!([118.0 / 256.0, 138.0 / 256.0].contains(&g.answers), "{g:?}");
    let first = l.answer(&[0; 16]);
    let all_same =
        parity::task::questions(32, &mut nn::rng(5)).iter().all(|q| l.answer(q) == first);
    assert!(all_same, "the direct model should give one answer to everything");
}

#[test]
fn with_notes_the_default_run_goes_as_the_page_says() {
    // The chapter's figures for seed 1 (the page computes the same, its
    // maths being the same libm): 209 of 256 at step 300, all at 500, 254
    // at 600, all from 700 on.
    let mut l =
        Learner::new(Settings { format: Format::Interleaved, steps: 1000, seed: 1 });
    let mut seen = Vec::new();
    while !l.done() {
        l.train_step();
        if [300, 500, 600, 700, 1000].contains(&l.step) {
            seen.push((l.step, (l.accuracy().answers * 256.0).round() as u32));
        }
    }
    assert_eq!(seen, [(300, 209), (500, 256), (600, 254), (700, 256), (1000, 256)]);
    let bits = [1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    assert_eq!(parity::task::show(&l.answer(&bits)), "1101111010000001");
}

#[test]
fn early_on_one_wrong_note_spoils_the_answer() {
    // After 300 steps most notes are right but far fewer answers are:
    // an early mistake is carried to the end (92.0% against 81.6%).
    let mut l = trained(Format::Interleaved, 1000, 300);
    let g = l.accuracy();
    assert!(g.tokens > 0.9 && g.answers < g.tokens - 0.1, "{g:?}");
}

/// The page's other choice, at 2,000 steps: only seed 4 of 1–4 finds how
/// to look sixteen places back (parity-table).
fn after_the_question(seed: u64) -> f32 {
    let mut l =
        Learner::new(Settings { format: Format::AfterQuestion, steps: 2000, seed });
    while !l.done() {
        l.train_step();
    }
    l.accuracy().answers
}

#[test]
fn notes_after_the_question_are_learnt_by_seed_4() {
    assert_eq!(after_the_question(4), 1.0);
}

#[test]
fn notes_after_the_question_are_not_learnt_by_seed_1() {
    let a = after_the_question(1);
    assert!(a < 0.6, "{a}");
}
