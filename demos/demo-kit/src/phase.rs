//! Where a background training run is, written once: the Start button's
//! label (Start → Pause → Resume), the panel's `data-train-state` (which
//! the tests wait on) and the controls locked while a run is under way.

use crate::{Lang, Panel};

/// A training demo's state, as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Loading,
    Training,
    Paused,
    Done,
    Failed,
}

/// What a press of the Start button asks of the worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Press {
    Start,
    Pause,
    Resume,
}

impl Phase {
    /// The name in `data-train-state`.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Loading => "loading",
            Phase::Training => "training",
            Phase::Paused => "paused",
            Phase::Done => "done",
            Phase::Failed => "failed",
        }
    }

    /// A run exists that Reset would end.
    pub fn busy(self) -> bool {
        matches!(self, Phase::Loading | Phase::Training | Phase::Paused)
    }

    /// What the Start button does now, and the phase after it.
    pub fn press(self) -> (Press, Phase) {
        match self {
            Phase::Loading | Phase::Training => (Press::Pause, Phase::Paused),
            Phase::Paused => (Press::Resume, Phase::Training),
            _ => (Press::Start, Phase::Loading),
        }
    }

    /// A press of the Start button while a run is under way: pauses or
    /// resumes it through `client` and returns the phase to show next;
    /// `None` when the press should start a new run (the demo's part).
    pub fn pause_or_resume(self, client: &crate::worker::Client) -> Option<Phase> {
        match self.press() {
            (Press::Pause, next) => {
                client.pause();
                Some(next)
            }
            (Press::Resume, next) => {
                client.resume();
                Some(next)
            }
            (Press::Start, _) => None,
        }
    }

    /// The Start button's label: `start` when a press starts a new run.
    pub fn button(self, lang: Lang, start: &str) -> &str {
        match self.press().0 {
            Press::Pause => lang.pick("⏸ Pause", "⏸ 暂停"),
            Press::Resume => lang.pick("▶ Resume", "▶ 继续"),
            Press::Start => start,
        }
    }

    /// Shows the phase: the button `.<prefix>-start`, the panel's
    /// `data-train-state`, and the inputs of `.<prefix>-controls` locked
    /// while a run is under way (its settings are fixed at Start).
    pub fn show(self, panel: &Panel, prefix: &str, lang: Lang, start: &str) {
        panel.set_text(&format!(".{prefix}-start"), self.button(lang, start));
        panel.root.set_attribute("data-train-state", self.name()).ok();
        let inputs = format!(".{prefix}-controls select, .{prefix}-controls input");
        for el in panel.find_all(&inputs).unwrap_or_default() {
            let _ = if self.busy() {
                el.set_attribute("disabled", "")
            } else {
                el.remove_attribute("disabled")
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_button_cycles() {
        assert_eq!(Phase::Idle.press(), (Press::Start, Phase::Loading));
        assert_eq!(Phase::Training.press(), (Press::Pause, Phase::Paused));
        assert_eq!(Phase::Paused.press(), (Press::Resume, Phase::Training));
        assert_eq!(Phase::Done.button(Lang::Zh, "▶ 训练"), "▶ 训练");
        assert_eq!(Phase::Loading.button(Lang::En, "x"), "⏸ Pause");
        assert!(Phase::Paused.busy() && !Phase::Failed.busy());
    }
}
