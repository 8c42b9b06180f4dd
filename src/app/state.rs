//! The app's state: the open plan, its undo history, and autosave.
//!
//! Every edit goes through [`AppState::apply`]: the change is applied, recorded for
//! undo, and a save is scheduled and flushed when the page is hidden or closed. A
//! save waits for a 300 ms pause in editing, but no more than a second after the
//! first unsaved edit, and starts at least a second after the previous save ended:
//! at most one save a second however fast edits come, and the last edit is always
//! saved. A save writes only the parts of the plan that changed ([`ChunkCache`]).
//! Saves carry a stamp; before writing, the stamp in storage is checked, so a tab
//! never silently overwrites another tab's newer save.

use super::storage::{self, SaveError, Stored};
use crate::core::date::Date;
use crate::core::edit::{Change, History};
use crate::core::example::example_plan;
use crate::core::model::Plan;
use crate::core::store::ChunkCache;
use crate::plan_store::PlanStore;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

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

struct Persist {
    tab: String,
    counter: u64,
    /// The stamp of the save this tab last wrote or loaded.
    last_stamp: Option<String>,
    dirty: bool,
    /// Saving is held back: stored data could not be read and must not be overwritten.
    blocked: bool,
    timer: Option<TimeoutHandle>,
    /// When the first edit not yet saved was made (the page's clock, `performance.now()` ms).
    first_unsaved: Option<f64>,
    /// When the last save ended (the page's clock, `performance.now()` ms).
    last_save_end: f64,
    /// What was last saved or hashed, part by part: a save serialises only the rest.
    cache: ChunkCache,
    /// Chunks found in storage at start-up that no manifest named: removed by the
    /// next save if still unnamed.
    orphans: Vec<String>,
    /// Bumped when a new priming pass starts, so that an older one stops.
    prime_run: u64,
}

/// A save waits for a pause in editing this long…
const SAVE_PAUSE_MS: f64 = 300.0;
/// …but no longer than this after the first unsaved edit…
const SAVE_MAX_WAIT_MS: f64 = 1000.0;
/// …and starts at least this long after the previous save ended.
const SAVE_GAP_MS: f64 = 1010.0;

#[derive(Clone, Copy)]
pub struct AppState {
    /// The open plan: read it through the accessor for what a view shows.
    pub plan: PlanStore,
    history: StoredValue<History>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    pub save_state: RwSignal<SaveState>,
    pub problem: RwSignal<Option<StorageProblem>>,
    pub notice: RwSignal<Option<Notice>>,
    persist: StoredValue<Persist>,
}

/// Milliseconds since the epoch, from the browser clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A clock with sub-millisecond resolution (`performance.now()`), for timings.
fn precise_ms() -> f64 {
    let w = window();
    js_sys::Reflect::get(&w, &"performance".into())
        .ok()
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &"now".into()).ok()?;
            now.dyn_ref::<js_sys::Function>()?
                .call0(&perf)
                .ok()?
                .as_f64()
        })
        .unwrap_or_else(now_ms)
}

/// The current time as ISO 8601 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Today's date in the browser's time zone.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
    .unwrap_or_else(|| Date::new(2000, 1, 1).expect("a real date"))
}

fn clock() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

impl AppState {
    /// Opens the stored plan if there is one, else the example plan.
    pub fn load() -> AppState {
        let tab = format!("{:x}", (js_sys::Math::random() * 1e12) as u64);
        let (plan, problem, blocked) = match storage::load() {
            Stored::Plan(imp) => (imp.plan, None, false),
            Stored::Nothing => (example_plan().plan, None, false),
            Stored::Unreadable { raw, problem } => (
                example_plan().plan,
                Some(StorageProblem::Unreadable { raw, problem }),
                true,
            ),
            Stored::Unavailable(why) => (
                example_plan().plan,
                Some(StorageProblem::NotSaving(format!(
                    "This browser is not letting Waymark save ({why}). The plan is only in this page: download a copy before you close it."
                ))),
                false,
            ),
        };
        let state = AppState {
            plan: PlanStore::new(plan),
            history: StoredValue::new(History::default()),
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            save_state: RwSignal::new(match &problem {
                None => SaveState::Idle,
                Some(_) => SaveState::Failed("Not saving: see the message above".into()),
            }),
            problem: RwSignal::new(problem),
            notice: RwSignal::new(None),
            persist: StoredValue::new(Persist {
                tab,
                counter: 0,
                last_stamp: storage::read_stamp(),
                dirty: false,
                blocked,
                timer: None,
                first_unsaved: None,
                last_save_end: f64::NEG_INFINITY,
                cache: ChunkCache::default(),
                orphans: storage::orphan_chunks(),
                prime_run: 0,
            }),
        };
        state.listen();
        state.prime(1500);
        state
    }

    /// Flush on hide/close; notice saves made by other tabs.
    fn listen(self) {
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

    /// Applies an edit: recorded for undo, saved shortly.
    pub fn apply(&self, change: Change, label: impl Into<String>) {
        let label = label.into();
        // An "Undo" offered for an earlier change would now undo this one instead.
        if self
            .notice
            .with_untracked(|n| n.as_ref().is_some_and(|n| n.undo))
        {
            self.notice.set(None);
        }
        self.plan.apply(&change);
        self.history.update_value(|h| h.record(change, label));
        self.after_history_change();
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
        let step = self.history.try_update_value(|h| h.take_undo()).flatten();
        if let Some((change, l)) = step {
            self.plan.apply(&change);
            self.after_history_change();
            self.notify(format!("Undone: {l}"), false);
        }
    }

    pub fn redo(&self) {
        let step = self.history.try_update_value(|h| h.take_redo()).flatten();
        if let Some((change, l)) = step {
            self.plan.apply(&change);
            self.after_history_change();
            self.notify(format!("Redone: {l}"), false);
        }
    }

    fn after_history_change(&self) {
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.schedule_save();
    }

    /// Hashes the open plan's parts in the background, a few milliseconds at a time,
    /// so that the first save after the plan was opened writes only what changed.
    fn prime(&self, delay_ms: u64) {
        let this = *self;
        let Some(run) = self.persist.try_update_value(|p| {
            p.prime_run += 1;
            p.prime_run
        }) else {
            return;
        };
        fn step(this: AppState, run: u64, from: usize, delay_ms: u64) {
            set_timeout(
                move || {
                    let next = this.plan.try_with_untracked(|plan| {
                        this.persist.try_update_value(|p| {
                            if p.prime_run != run {
                                return None;
                            }
                            let start = now_ms();
                            p.cache.prime(plan, from, &mut || now_ms() - start < 8.0)
                        })
                    });
                    if let Some(Some(Some(next))) = next {
                        step(this, run, next, 0);
                    }
                },
                Duration::from_millis(delay_ms),
            );
        }
        step(this, run, 0, delay_ms);
    }

    fn schedule_save(&self) {
        let this = *self;
        self.persist.update_value(|p| {
            p.dirty = true;
            if let Some(t) = p.timer.take() {
                t.clear();
            }
            // The page's own clock (performance.now), not the wall clock: a change
            // of the computer's time must not hold saves back.
            let now = precise_ms();
            let first = *p.first_unsaved.get_or_insert(now);
            let due = (now + SAVE_PAUSE_MS)
                .min(first + SAVE_MAX_WAIT_MS)
                .max(p.last_save_end + SAVE_GAP_MS);
            let wait = (due - now).max(0.0) as u64;
            p.timer =
                set_timeout_with_handle(move || this.flush(), Duration::from_millis(wait)).ok();
        });
        if !self.persist.with_value(|p| p.blocked) {
            self.save_state.set(SaveState::Saving);
        }
    }

    /// Writes the plan now, if it has unsaved changes and may be written.
    pub fn flush(&self) {
        let (dirty, blocked) = self.persist.with_value(|p| (p.dirty, p.blocked));
        if !dirty {
            return;
        }
        if let Some(t) = self
            .persist
            .try_update_value(|p| {
                p.first_unsaved = None;
                p.timer.take()
            })
            .flatten()
        {
            t.clear();
        }
        if blocked {
            self.save_state.set(SaveState::Failed(
                "Not saved: the plan stored in this browser could not be read, and is kept until you choose what to do".into(),
            ));
            return;
        }
        if self
            .problem
            .with_untracked(|p| matches!(p, Some(StorageProblem::Conflict)))
        {
            self.save_state.set(SaveState::Failed(
                "Not saved: this plan was changed in another tab".into(),
            ));
            return;
        }
        let current = storage::read_stamp();
        let last = self.persist.with_value(|p| p.last_stamp.clone());
        if current.is_some() && current != last {
            self.problem.set(Some(StorageProblem::Conflict));
            self.save_state.set(SaveState::Failed(
                "Not saved: this plan was changed in another tab".into(),
            ));
            return;
        }
        let stamp = self.persist.try_update_value(|p| {
            p.counter += 1;
            format!("{} {} {}", p.tab, now_ms() as u64, p.counter)
        });
        let Some(stamp) = stamp else { return };
        let started = precise_ms();
        let before = storage::before_save();
        let read = precise_ms();
        let saved_at = now_iso();
        let Some(prepared) = self.persist.try_with_value(|p| {
            self.plan.with_untracked(|plan| {
                p.cache.prepare(plan, &saved_at, &stamp, &|k| {
                    // Named by the stored manifest and really there: a chunk that
                    // went missing is written again.
                    before.keys.contains(k) && storage::chunk_present(k)
                })
            })
        }) else {
            return;
        };
        let prepared_at = precise_ms();
        let orphans = self.persist.with_value(|p| p.orphans.clone());
        let result = storage::save(&prepared, &before, &orphans);
        let written_at = precise_ms();
        let (plan_chars, written) = (prepared.plan_chars, prepared.written_chars());
        if result.is_ok() {
            self.persist.update_value(|p| {
                p.cache.commit(prepared);
                p.orphans.clear();
            });
        }
        let ended = precise_ms();
        self.persist
            .update_value(|p| p.last_save_end = precise_ms());
        record_autosave(
            ended - started,
            plan_chars,
            written,
            [
                read - started,
                prepared_at - read,
                written_at - prepared_at,
                ended - written_at,
            ],
        );
        match result {
            Ok(()) => {
                self.persist.update_value(|p| {
                    p.last_stamp = Some(stamp);
                    p.dirty = false;
                });
                self.save_state.set(SaveState::Saved(clock()));
                if self
                    .problem
                    .with_untracked(|p| matches!(p, Some(StorageProblem::NotSaving(_))))
                {
                    self.problem.set(None);
                }
            }
            Err(e) => {
                let why = match &e {
                    SaveError::Full => "This browser's storage for Waymark is full, so your latest changes are only in this page. Download a copy to keep them, then free some space (for example by deleting old plans or snapshots).".to_string(),
                    SaveError::Unavailable(w) => format!("This browser is not letting Waymark save ({w}). Your latest changes are only in this page: download a copy to keep them."),
                };
                self.problem.set(Some(StorageProblem::NotSaving(why)));
                self.save_state
                    .set(SaveState::Failed(format!("Not saved: {e}")));
            }
        }
    }

    /// Whether the open plan has changes not yet in storage.
    pub fn has_unsaved(&self) -> bool {
        self.persist.with_value(|p| p.dirty)
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
            self.history.set_value(History::default());
            self.can_undo.set(false);
            self.can_redo.set(false);
            self.persist.update_value(|p| {
                p.last_stamp = storage::read_stamp();
                p.dirty = false;
                p.blocked = false;
            });
            self.problem.set(None);
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

/// Keeps the duration (ms) and size of each autosave in `window.__waymarkAutosaves`,
/// for the benchmark (scripts/bench.mjs): how long a save holds the main thread and
/// how often saves run while typing. `bytes` is the size of the whole plan file the
/// save stands for, `written` what it wrote (changed chunks and the manifest);
/// `phases` the ms of reading the stored manifest, preparing (finding and serialising
/// the changed parts), writing and removing, and keeping what was hashed.
fn record_autosave(ms: f64, bytes: usize, written: usize, phases: [f64; 4]) {
    let w = window();
    let key = wasm_bindgen::JsValue::from_str("__waymarkAutosaves");
    let list = match js_sys::Reflect::get(&w, &key) {
        Ok(v) if js_sys::Array::is_array(&v) => v.unchecked_into::<js_sys::Array>(),
        _ => {
            let a = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&w, &key, &a);
            a
        }
    };
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"ms".into(), &ms.into());
    let _ = js_sys::Reflect::set(&entry, &"bytes".into(), &(bytes as f64).into());
    let _ = js_sys::Reflect::set(&entry, &"written".into(), &(written as f64).into());
    let p = js_sys::Object::new();
    for (name, v) in ["read", "prepare", "write", "commit"].iter().zip(phases) {
        let _ = js_sys::Reflect::set(&p, &(*name).into(), &v.into());
    }
    let _ = js_sys::Reflect::set(&entry, &"phases".into(), &p);
    let _ = js_sys::Reflect::set(&entry, &"at".into(), &now_ms().into());
    list.push(&entry);
    if list.length() > 1000 {
        list.shift();
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
