//! Autosave: one save effect for the open plan. An edit schedules a save at the time
//! [`crate::core::autosave`]'s policy gives (a pause in editing, at most a second's
//! wait, at most one save a second); hiding or closing the page flushes it at once.
//! A save writes only the parts of the plan that changed ([`ChunkCache`]) and never
//! panics: a full quota or blocked storage is reported to the user, and the plan
//! stays open in the page.

use super::clock::{clock, now_iso, now_ms, precise_ms};
use super::{AppState, SaveState, StorageProblem};
use crate::app::storage::{self, SaveError};
use crate::core::autosave::Autosave;
use crate::core::store::ChunkCache;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// What autosave keeps between saves.
pub(super) struct Persist {
    pub(super) tab: String,
    pub(super) counter: u64,
    /// The stamp of the save this tab last wrote or loaded.
    pub(super) last_stamp: Option<String>,
    pub(super) dirty: bool,
    /// Saving is held back: stored data could not be read and must not be overwritten.
    pub(super) blocked: bool,
    pub(super) timer: Option<TimeoutHandle>,
    /// When the next save runs (the policy, on the page's clock).
    pub(super) timing: Autosave,
    /// What was last saved or hashed, part by part: a save serialises only the rest.
    pub(super) cache: ChunkCache,
    /// Chunks found in storage at start-up that no manifest named: removed by the
    /// next save if still unnamed.
    pub(super) orphans: Vec<String>,
    /// Bumped when a new priming pass starts, so that an older one stops.
    pub(super) prime_run: u64,
}

impl Persist {
    pub(super) fn new(tab: String, blocked: bool) -> Persist {
        Persist {
            tab,
            counter: 0,
            last_stamp: storage::read_stamp(),
            dirty: false,
            blocked,
            timer: None,
            timing: Autosave::default(),
            cache: ChunkCache::default(),
            orphans: storage::orphan_chunks(),
            prime_run: 0,
        }
    }
}

impl AppState {
    /// Hashes the open plan's parts in the background, a few milliseconds at a time,
    /// so that the first save after the plan was opened writes only what changed.
    pub(super) fn prime(&self, delay_ms: u64) {
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

    pub(super) fn schedule_save(&self) {
        let this = *self;
        self.persist.update_value(|p| {
            p.dirty = true;
            if let Some(t) = p.timer.take() {
                t.clear();
            }
            // The page's own clock (performance.now), not the wall clock: a change
            // of the computer's time must not hold saves back.
            let now = precise_ms();
            let wait = (p.timing.edited(now) - now).max(0.0) as u64;
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
                p.timing.saving();
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
        self.persist.update_value(|p| p.timing.saved(precise_ms()));
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
