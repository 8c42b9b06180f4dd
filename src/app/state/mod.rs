//! The app's state: the open plan, its undo history, autosave and the other tabs,
//! each in a file of its own.
//!
//! The open plan is the stored one, or else the example plan, which
//! [`super::mount`] fetches before the app starts ([`Opening`]); if that fetch
//! failed, an empty plan is open and [`AppState::example_missing`] says why, until
//! the example comes after all ([`AppState::open_example`]) or the plan is edited.
//!
//! Every edit goes through [`AppState::apply`]: the change is written into the plan
//! store at the slot it names ([`crate::plan_store`]), recorded for undo
//! ([`history`]), and a save is scheduled ([`autosave`]). Saves carry a stamp, so a
//! tab never silently overwrites another tab's newer save ([`tabs`]).

mod autosave;
mod clock;
mod history;
mod tabs;

pub use clock::{now_iso, now_ms, today};
pub use history::UndoHistory;

use super::storage::{self, Stored};
use crate::core::edit::Change;
use crate::core::example::ExampleProblem;
use crate::core::model::Plan;
use crate::plan_store::PlanStore;
use autosave::Persist;
use leptos::prelude::*;

/// What the quiet save status says.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the plan was opened.
    Idle,
    Saving,
    /// Saved at this local time ("14:05").
    Saved(String),
    /// Not saved, with the reason in words.
    Failed(String),
}

/// A problem with storage that needs the user's attention (a persistent warning).
#[derive(Debug, Clone, PartialEq)]
pub enum StorageProblem {
    /// What was stored could not be read. It is kept, untouched, until the user chooses.
    Unreadable { raw: String, problem: String },
    /// Saving failed (full, or storage unavailable): the plan is only in memory.
    NotSaving(String),
    /// Another tab saved this plan after this tab last saved or loaded it.
    Conflict,
}

/// A short message with an optional Undo, shown after an action ("Deleted action 1.1").
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub message: String,
    pub undo: bool,
    pub id: u64,
}

/// What the app opens with: what storage holds, and the example plan as fetched
/// when storage holds no plan to open (None when it was not wanted).
pub struct Opening {
    pub stored: Stored,
    pub example: Option<Result<Plan, ExampleProblem>>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The open plan: read it through the accessor for what a view shows.
    pub plan: PlanStore,
    pub history: UndoHistory,
    pub save_state: RwSignal<SaveState>,
    pub problem: RwSignal<Option<StorageProblem>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The name given on this device, for who changed what ([`super::device`]).
    pub name: RwSignal<String>,
    /// The example plan was to be the open plan but could not be loaded: why. An
    /// empty plan is open meanwhile. Cleared by the first edit, or when the example
    /// comes after all.
    pub example_missing: RwSignal<Option<ExampleProblem>>,
    persist: StoredValue<Persist>,
}

impl AppState {
    /// Opens the stored plan if there is one, else the example plan (or, if it
    /// could not be loaded, an empty plan and the reason).
    pub fn load(opening: Opening) -> AppState {
        let tab = format!("{:x}", (js_sys::Math::random() * 1e12) as u64);
        let Opening { stored, example } = opening;
        let example = move || match example {
            Some(Ok(plan)) => (plan, None),
            Some(Err(why)) => (super::empty_plan(), Some(why)),
            // Not fetched: `mount` fetches it whenever no plan is stored.
            None => (super::empty_plan(), Some(ExampleProblem::Unreachable)),
        };
        let (plan, problem, blocked, missing) = match stored {
            Stored::Plan(imp) => (imp.plan, None, false, None),
            Stored::Nothing => {
                let (plan, missing) = example();
                (plan, None, false, missing)
            }
            Stored::Unreadable { raw, problem } => {
                let (plan, missing) = example();
                (
                    plan,
                    Some(StorageProblem::Unreadable { raw, problem }),
                    true,
                    missing,
                )
            }
            Stored::Unavailable(why) => {
                let (plan, missing) = example();
                (
                    plan,
                    Some(StorageProblem::NotSaving(format!(
                        "This browser is not letting Waymark save ({why}). The plan is only in this page: download a copy before you close it."
                    ))),
                    false,
                    missing,
                )
            }
        };
        let state = AppState {
            plan: PlanStore::new(plan),
            history: UndoHistory::new(),
            save_state: RwSignal::new(match &problem {
                None => SaveState::Idle,
                Some(_) => SaveState::Failed("Not saving: see the message above".into()),
            }),
            problem: RwSignal::new(problem),
            notice: RwSignal::new(None),
            name: RwSignal::new(super::device::name()),
            example_missing: RwSignal::new(missing),
            persist: StoredValue::new(Persist::new(tab, blocked)),
        };
        state.listen();
        state.prime(1500);
        state
    }

    /// Applies an edit: the objects it changes stamped with this device's name
    /// and the time ([`crate::core::stamp`]), recorded for undo, saved shortly.
    pub fn apply(&self, change: Change, label: impl Into<String>) {
        let label = label.into();
        let change = crate::core::stamp::stamp(change, &self.name.get_untracked(), &now_iso());
        // An "Undo" offered for an earlier change would now undo this one instead.
        if self
            .notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| n.undo))
        {
            self.notice.set(None);
        }
        // The empty plan open because the example could not be loaded is now the
        // user's own: no more offers to replace it with the example.
        if self.example_missing.with_untracked(Option::is_some) {
            self.example_missing.set(None);
        }
        self.plan.apply(&change);
        self.history.record(change, label);
        self.schedule_save();
    }

    /// The example plan has come after all (tried again after it could not be
    /// loaded, with nothing edited since): it becomes the open plan as if it had
    /// come at the start, with nothing to undo and nothing saved yet.
    pub fn open_example(&self, example: Plan) {
        self.plan.patch(example);
        self.history.clear();
        self.example_missing.set(None);
        self.prime(500);
    }

    /// Applies an edit and offers to undo it ("Deleted action 1.1 — Undo").
    pub fn apply_with_undo(&self, change: Change, message: impl Into<String>) {
        let message = message.into();
        self.apply(change, message.clone());
        self.notify(message, true);
    }

    pub fn notify(&self, message: impl Into<String>, undo: bool) {
        let id = (now_ms() as u64) ^ (js_sys::Math::random() * 1e6) as u64;
        self.notice.set(Some(Notice {
            message: message.into(),
            undo,
            id,
        }));
    }

    pub fn undo(&self) {
        let step = self.history.take_undo();
        if let Some((change, l)) = step {
            self.plan.apply(&change);
            self.schedule_save();
            self.notify(format!("Undone: {l}"), false);
        }
    }

    pub fn redo(&self) {
        let step = self.history.take_redo();
        if let Some((change, l)) = step {
            self.plan.apply(&change);
            self.schedule_save();
            self.notify(format!("Redone: {l}"), false);
        }
    }

    /// After unreadable storage: start again from this plan, allowing saves again.
    pub fn start_over(&self, plan: Plan, message: &str) {
        let before = self.plan.get_untracked();
        self.persist.update_value(|p| {
            p.blocked = false;
            p.last_stamp = storage::read_stamp();
        });
        self.problem.set(None);
        self.apply(
            Change::Whole {
                before: Box::new(before),
                after: Box::new(plan),
            },
            message,
        );
    }

    /// Keeps the name given on this device, for the log.
    pub fn set_name(&self, name: &str) -> Result<(), storage::SaveError> {
        super::device::set_name(name)?;
        self.name.set(name.trim().to_string());
        Ok(())
    }

    /// Opens a plan read from a file (replacing the open one, undoably).
    pub fn replace_plan(&self, plan: Plan, label: &str) {
        let before = self.plan.get_untracked();
        self.apply(
            Change::Whole {
                before: Box::new(before),
                after: Box::new(plan),
            },
            label,
        );
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
