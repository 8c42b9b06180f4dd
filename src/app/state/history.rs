//! The undo history of the open plan, with the two signals the Undo and Redo
//! buttons read. The changes themselves are applied by [`super::AppState`].

use crate::core::edit::{Change, History};
use leptos::prelude::*;

/// Undo and redo for the open plan. Cheap to copy.
#[derive(Clone, Copy)]
pub struct UndoHistory {
    steps: StoredValue<History>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
}

impl Default for UndoHistory {
    fn default() -> UndoHistory {
        UndoHistory::new()
    }
}

impl UndoHistory {
    pub fn new() -> UndoHistory {
        UndoHistory {
            steps: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
        }
    }

    fn changed(&self) {
        self.steps.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
    }

    /// Records a change that has been applied.
    pub fn record(&self, change: Change, label: String) {
        self.steps.update_value(|h| h.record(change, label));
        self.changed();
    }

    /// The change that undoes the last one, and its label.
    pub fn take_undo(&self) -> Option<(Change, String)> {
        let step = self.steps.try_update_value(History::take_undo).flatten();
        self.changed();
        step
    }

    /// The last undone change again, and its label.
    pub fn take_redo(&self) -> Option<(Change, String)> {
        let step = self.steps.try_update_value(History::take_redo).flatten();
        self.changed();
        step
    }

    /// Forgets every step (another plan was opened from storage).
    pub fn clear(&self) {
        self.steps.update_value(History::clear);
        self.changed();
    }
}
