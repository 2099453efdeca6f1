//! Supervised fine-tuning (SFT), as an experiment you can run: the same few
//! labelled examples of a new domain, given to a pretrained model and to a
//! fresh one.

use crate::shift::Shift;
use crate::{Dataset, LeNet5, TrainConfig, Trainer, evaluate};

/// Which of the two learners.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Learner {
    FineTuned = 0,
    Scratch = 1,
}

/// Fine-tuning versus training from scratch on `few` shifted examples,
/// advanced a few mini-batches at a time so a page can draw as it goes.
pub struct Comparison {
    pub shift: Shift,
    pub epochs: usize,
    /// Accuracy on the shifted test images before any new training.
    pub pretrained_accuracy: f32,
    /// Test accuracy after each epoch, per learner: `(epoch, accuracy)`.
    pub curves: [Vec<(f32, f32)>; 2],
    few: Dataset,
    test: Dataset,
    trainers: [Trainer; 2],
}

impl Comparison {
    /// `pretrained` is the model trained on ordinary MNIST; `few` and `test`
    /// are ordinary images that get `shift` applied here.
    pub fn new(
        mut pretrained: LeNet5,
        shift: Shift,
        few: &Dataset,
        test: &Dataset,
        epochs: usize,
    ) -> Comparison {
        let few = shift.dataset(few);
        let test = shift.dataset(test);
        let pretrained_accuracy = evaluate(&mut pretrained, &test);
        let config = |lr| TrainConfig {
            batch: 16,
            optimizer: nn::OptimizerKind::adam(lr),
            seed: 1,
        };
        Comparison {
            shift,
            epochs,
            pretrained_accuracy,
            curves: [vec![(0.0, pretrained_accuracy)], vec![(0.0, 0.1)]],
            few,
            test,
            trainers: [
                Trainer::new(pretrained, config(1e-3)),
                Trainer::new(LeNet5::new(1), config(1e-3)),
            ],
        }
    }

    /// The learner still training, if any (fine-tuning runs first).
    pub fn current(&self) -> Option<Learner> {
        [Learner::FineTuned, Learner::Scratch]
            .into_iter()
            .find(|&l| self.curves[l as usize].len() <= self.epochs)
    }

    // ANCHOR: advance
    /// Trains the current learner for up to `batches` mini-batches, scoring it
    /// on the shifted test set at each epoch's end. `false` once both are done.
    pub fn advance(&mut self, batches: usize) -> bool {
        let Some(learner) = self.current() else { return false };
        let (trainer, curve) =
            (&mut self.trainers[learner as usize], &mut self.curves[learner as usize]);
        for _ in 0..batches {
            if trainer.step(&self.few).is_err() {
                return false;
            }
            if trainer.epoch_progress() >= 1.0 {
                let epoch = curve.len() as f32;
                curve.push((epoch, evaluate(&mut trainer.model, &self.test)));
                break;
            }
        }
        self.current().is_some()
    }
    // ANCHOR_END: advance

    /// Last measured accuracy of a learner.
    pub fn latest(&self, learner: Learner) -> f32 {
        self.curves[learner as usize].last().map_or(0.0, |p| p.1)
    }

    /// Share of the whole experiment done, in [0, 1].
    pub fn progress(&self) -> f32 {
        let done: usize = self.curves.iter().map(|c| c.len() - 1).sum();
        done as f32 / (2 * self.epochs).max(1) as f32
    }

    /// The shifted training examples (for showing a few).
    pub fn examples(&self) -> &Dataset {
        &self.few
    }
}
