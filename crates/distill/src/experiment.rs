//! The chapter's experiment: two identical students, one taught by the
//! labels and one by the teacher's soft targets, on the same transfer set,
//! optionally with every image of one digit taken out of it.

use crate::lesson::{Lesson, Teaching, accuracy};
use crate::student::{PIXELS, Student};
use crate::{CLASSES, TRANSFER};

/// Hidden units of both students (784 → 64 → 10: 50,890 numbers, and
/// about an eighth of LeNet-5's multiply-adds per image).
pub const HIDDEN: usize = 64;
/// Passes over the transfer set.
pub const EPOCHS: usize = 40;
/// Test accuracy is measured every this many passes.
pub const EVAL_EVERY: usize = 5;
/// Temperatures on offer (the paper's MNIST student used 20).
pub const TEMPERATURES: [f32; 5] = [1.0, 2.0, 5.0, 10.0, 20.0];
pub const DEFAULT_TEMPERATURE: f32 = 20.0;
/// The bias sweep for a left-out digit: 0, 0.5, … 10.
pub const BIAS_STEPS: usize = 21;

/// What the reader chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Setup {
    pub temperature: f32,
    /// A digit with no example in the transfer set.
    pub omit: Option<u8>,
}

/// One of the two students.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Hard = 0,
    Soft = 1,
}

/// The measurements once both students are done.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Test accuracy per digit, per student.
    pub per_digit: [[f32; CLASSES]; 2],
    /// For a left-out digit: `(bias added, [overall; 2], [that digit; 2])`.
    pub sweep: Vec<(f32, [f32; 2], [f32; 2])>,
}

/// Both students, their lessons and their test curves.
pub struct Experiment {
    pub setup: Setup,
    /// `(epoch, test accuracy)` per student.
    pub curves: [Vec<(f32, f32)>; 2],
    /// Images left in the transfer set.
    pub transfer_len: usize,
    lessons: [Lesson; 2],
    test_images: Vec<f32>,
    test_labels: Vec<u8>,
}

impl Experiment {
    /// `teacher_logits` are the teacher's scores for the `images` of the
    /// transfer set (its first [`TRANSFER`] images are used); the test set
    /// is the official 10,000.
    pub fn new(
        setup: Setup,
        images: &[f32],
        labels: &[u8],
        teacher_logits: &[f32],
        test_images: Vec<f32>,
        test_labels: Vec<u8>,
    ) -> Experiment {
        let keep: Vec<usize> = (0..labels.len().min(TRANSFER))
            .filter(|&i| Some(labels[i]) != setup.omit)
            .collect();
        let images: Vec<f32> = keep
            .iter()
            .flat_map(|&i| &images[i * PIXELS..(i + 1) * PIXELS])
            .copied()
            .collect();
        let logits: Vec<f32> = keep
            .iter()
            .flat_map(|&i| &teacher_logits[i * CLASSES..(i + 1) * CLASSES])
            .copied()
            .collect();
        let labels: Vec<u8> = keep.iter().map(|&i| labels[i]).collect();
        let lesson = |teaching| {
            Lesson::new(Student::new(HIDDEN, 1), teaching, &images, &labels, &logits, 1)
        };
        let t = setup.temperature.clamp(1.0, 100.0);
        let mut experiment = Experiment {
            setup,
            curves: [Vec::new(), Vec::new()],
            transfer_len: labels.len(),
            lessons: [lesson(Teaching::Hard), lesson(Teaching::Soft { temperature: t })],
            test_images,
            test_labels,
        };
        for which in [Which::Hard, Which::Soft] {
            let a = experiment.test(which).0;
            experiment.curves[which as usize].push((0.0, a));
        }
        experiment
    }

    fn steps_done(&self) -> usize {
        self.curves[0].len() - 1
    }

    // ANCHOR: advance
    /// Up to `batches` mini-batches for each student in turn, measuring both
    /// on the test set every [`EVAL_EVERY`] passes; `false` once done.
    pub fn advance(&mut self, batches: usize) -> bool {
        let per_eval = self.lessons[0].batches_per_epoch() * EVAL_EVERY;
        if self.is_done() || per_eval == 0 {
            return false;
        }
        for _ in 0..batches {
            for lesson in &mut self.lessons {
                lesson.step();
            }
            let done = self.lessons[0].steps;
            if done.is_multiple_of(per_eval) {
                let epoch = (done / self.lessons[0].batches_per_epoch()) as f32;
                for which in [Which::Hard, Which::Soft] {
                    let a = self.test(which).0;
                    self.curves[which as usize].push((epoch, a));
                }
                break;
            }
        }
        !self.is_done()
    }
    // ANCHOR_END: advance

    pub fn is_done(&self) -> bool {
        self.steps_done() * EVAL_EVERY >= EPOCHS
    }

    /// Share of the run done, in [0, 1].
    pub fn progress(&self) -> f32 {
        let total = (EPOCHS * self.lessons[0].batches_per_epoch()).max(1);
        (self.lessons[0].steps as f32 / total as f32).min(1.0)
    }

    /// Images both students have learned from so far, together.
    pub fn images_seen(&self) -> usize {
        self.lessons.iter().map(|l| l.images_seen).sum()
    }

    /// Test accuracy of a student, overall and per digit.
    pub fn test(&mut self, which: Which) -> (f32, [f32; CLASSES]) {
        let logits = self.logits(which);
        accuracy(&logits, &self.test_labels)
    }

    fn logits(&mut self, which: Which) -> Vec<f32> {
        let n = self.test_labels.len();
        self.lessons[which as usize].student.logits(&self.test_images, n)
    }

    /// Per-digit accuracies and, with a digit left out, what raising that
    /// digit's output bias does (the paper's repair).
    pub fn outcome(&mut self) -> Outcome {
        let logits = [self.logits(Which::Hard), self.logits(Which::Soft)];
        let labels = &self.test_labels;
        let per_digit = [accuracy(&logits[0], labels).1, accuracy(&logits[1], labels).1];
        let mut sweep = Vec::new();
        if let Some(digit) = self.setup.omit {
            let d = digit as usize;
            for step in 0..BIAS_STEPS {
                let bias = step as f32 * 0.5;
                let measure = |l: &Vec<f32>| {
                    let mut l = l.clone();
                    for row in l.chunks_exact_mut(CLASSES) {
                        row[d] += bias;
                    }
                    let (all, per) = accuracy(&l, labels);
                    (all, per[d])
                };
                let (h, s) = (measure(&logits[0]), measure(&logits[1]));
                sweep.push((bias, [h.0, s.0], [h.1, s.1]));
            }
        }
        Outcome { per_digit, sweep }
    }
}
