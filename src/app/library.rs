//! The plan library in local storage: other plans, named snapshots and automatic
//! backups, beside the open plan. Each entry's plan is a compact plan file under its
//! own key, read back through the one import path.
//!
//! Keys: `waymark.library` — the index (JSON list of [`Entry`]);
//! `waymark.lib.<id>` — an entry's plan file.

use super::storage::{self, SaveError};
use crate::core::exchange::content_id;
use crate::core::format::{import_plan, store_plan, Imported};
use crate::core::model::Plan;
use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const INDEX_KEY: &str = "waymark.library";

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Another plan, kept while a different one is open.
    Plan,
    /// A named, dated copy the user saved.
    Snapshot,
    /// A copy kept automatically before the open plan was replaced.
    Backup,
    /// The version a request for updates was made from, kept so the file that
    /// comes back can be merged against it.
    Base,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "Plan",
            Kind::Snapshot => "Snapshot",
            Kind::Backup => "Automatic backup",
            Kind::Base => "Sent for updates",
        }
    }
}

/// One entry of the library index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub title: String,
    pub organisation: String,
    /// ISO 8601.
    pub saved_at: String,
    /// Characters stored.
    pub size: usize,
    /// The content id of the plan kept (`core::exchange::content_id`), for the
    /// versions sent for updates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_id: Option<String>,
}

fn storage() -> Result<web_sys::Storage, SaveError> {
    storage::local_storage().map_err(SaveError::Unavailable)
}

/// The entries, newest first. An unreadable index reads as empty here, and is never
/// written over (see [`read_index`]).
pub fn list() -> Vec<Entry> {
    let mut v = read_index().unwrap_or_default();
    v.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
    v
}

/// The index as stored; an error if it is there but cannot be read, so that nothing
/// writes over it and loses the way to the entries it lists.
fn read_index() -> Result<Vec<Entry>, SaveError> {
    storage()?;
    match LocalStorage::get::<Vec<Entry>>(INDEX_KEY) {
        Ok(v) => Ok(v),
        Err(StorageError::KeyNotFound(_)) => Ok(vec![]),
        Err(_) => Err(SaveError::Unavailable(
            "the plan library's list in this browser could not be read, so nothing was added to it"
                .into(),
        )),
    }
}

fn write_index(entries: &[Entry]) -> Result<(), SaveError> {
    storage()?;
    LocalStorage::set(INDEX_KEY, entries).map_err(|e| storage::classify_gloo(&e))
}

fn key(id: &str) -> String {
    format!("waymark.lib.{id}")
}

/// Keeps a copy of `plan` in the library.
pub fn put(kind: Kind, name: &str, plan: &Plan, now_iso: &str) -> Result<Entry, SaveError> {
    let s = storage()?;
    let id = format!(
        "{:x}{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    );
    let text = store_plan(plan, now_iso);
    s.set_item(&key(&id), &text)
        .map_err(|e| storage::classify(&e))?;
    let entry = Entry {
        id: id.clone(),
        kind,
        name: name.to_string(),
        title: plan.title.clone(),
        organisation: plan.organisation.clone(),
        saved_at: now_iso.to_string(),
        size: text.chars().count(),
        content_id: (kind == Kind::Base).then(|| content_id(plan)),
    };
    let mut all = match read_index() {
        Ok(all) => all,
        Err(e) => {
            let _ = s.remove_item(&key(&id));
            return Err(e);
        }
    };
    all.push(entry.clone());
    if let Err(e) = write_index(&all) {
        let _ = s.remove_item(&key(&id));
        return Err(e);
    }
    Ok(entry)
}

/// Keeps the open plan in the library as a plan of its own, under its title,
/// before another plan takes its place (a new plan, a file opened as a new plan,
/// another plan of the library).
pub fn keep_open(plan: &Plan, now_iso: &str) -> Result<Entry, SaveError> {
    put(Kind::Plan, &plan.title, plan, now_iso)
}

/// Keeps the version a request for updates is made from (once: several requests
/// made from one version share its entry).
pub fn keep_base(name: &str, plan: &Plan, now_iso: &str) -> Result<Entry, SaveError> {
    let id = content_id(plan);
    if let Some(e) = find_base(&id) {
        return Ok(e);
    }
    put(Kind::Base, name, plan, now_iso)
}

/// The kept version with this content id, if the library still holds it.
pub fn find_base(content_id: &str) -> Option<Entry> {
    list()
        .into_iter()
        .find(|e| e.content_id.as_deref() == Some(content_id))
}

/// Reads an entry's plan through the import path.
pub fn get(id: &str) -> Result<Imported, String> {
    let s = storage().map_err(|e| e.to_string())?;
    let raw = s
        .get_item(&key(id))
        .ok()
        .flatten()
        .ok_or_else(|| "this entry's plan is no longer in the browser's storage".to_string())?;
    import_plan(&raw).map_err(|e| e.to_string())
}

/// The stored text of an entry (to restore a deleted entry).
pub fn raw(id: &str) -> Option<String> {
    storage().ok()?.get_item(&key(id)).ok().flatten()
}

pub fn rename(id: &str, name: &str) -> Result<(), SaveError> {
    let mut all = read_index()?;
    if let Some(e) = all.iter_mut().find(|e| e.id == id) {
        e.name = name.to_string();
    }
    write_index(&all)
}

/// Removes an entry; returns it with its text so it can be put back (undo).
pub fn remove(id: &str) -> Result<Option<(Entry, String)>, SaveError> {
    let s = storage()?;
    let mut all = read_index()?;
    let Some(pos) = all.iter().position(|e| e.id == id) else {
        return Ok(None);
    };
    let entry = all.remove(pos);
    let text = s.get_item(&key(id)).ok().flatten().unwrap_or_default();
    write_index(&all)?;
    let _ = s.remove_item(&key(id));
    Ok(Some((entry, text)))
}

/// Puts back an entry removed by [`remove`].
pub fn restore(entry: Entry, text: &str) -> Result<(), SaveError> {
    let s = storage()?;
    s.set_item(&key(&entry.id), text)
        .map_err(|e| storage::classify(&e))?;
    let mut all = read_index()?;
    all.push(entry);
    write_index(&all)
}
