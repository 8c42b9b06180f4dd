//! Two tabs on one plan: each save carries a stamp (`waymark.stamp`), and the
//! `storage` event tells a tab that another tab saved. A tab with no unsaved edits
//! then shows the other tab's plan; a tab with unsaved edits is stopped from saving
//! over it and asks the user which version to keep.

use super::{AppState, SaveState, StorageProblem};
use crate::app::storage::{self, Stored};
use leptos::prelude::*;

impl AppState {
    /// Flush on hide/close; notice saves made by other tabs.
    pub(super) fn listen(self) {
        let h1 = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        let h2 = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                self.flush();
            }
        });
        let h3 = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            if ev.key().as_deref() != Some(storage::STAMP_KEY) {
                return;
            }
            let theirs = ev.new_value();
            let ours = self.persist.with_value(|p| p.last_stamp.clone());
            if theirs.is_none() || theirs == ours {
                return;
            }
            if self.persist.with_value(|p| p.dirty) {
                self.problem.set(Some(StorageProblem::Conflict));
            } else {
                self.reload_from_storage(
                    "This plan was changed in another tab or window; this page now shows those changes.",
                );
            }
        });
        on_cleanup(move || {
            h1.remove();
            h2.remove();
            h3.remove();
        });
    }

    /// Replaces the open plan with what another tab saved.
    pub fn reload_from_storage(&self, message: &str) {
        let stored = storage::load();
        if let Stored::Unreadable { raw, problem } = stored {
            self.persist.update_value(|p| p.blocked = true);
            self.problem
                .set(Some(StorageProblem::Unreadable { raw, problem }));
            return;
        }
        if let Stored::Plan(imp) = stored {
            self.plan.patch(imp.plan);
            self.history.clear();
            self.persist.update_value(|p| {
                p.last_stamp = storage::read_stamp();
                p.dirty = false;
                p.blocked = false;
            });
            self.problem.set(None);
            self.example_missing.set(None);
            self.save_state.set(SaveState::Idle);
            self.notify(message, false);
            self.prime(500);
        }
    }

    /// Keeps this tab's plan and writes it over the other tab's save.
    pub fn keep_mine(&self) {
        self.persist.update_value(|p| {
            p.last_stamp = storage::read_stamp();
            p.dirty = true;
            p.blocked = false;
        });
        self.problem.set(None);
        self.flush();
    }
}
