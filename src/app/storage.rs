//! Local storage of the open plan: reading at start-up (through the one import path,
//! like a file), and writing only what changed, with a save stamp so two tabs never
//! silently overwrite each other's newer save. The layout (a manifest and
//! content-addressed chunks) and everything about it that is not a storage call is in
//! [`crate::core::store`].
//!
//! Keys:
//! - `waymark.plan.v2` — the manifest of the open plan ([`Manifest`]);
//! - `waymark.c.<hash>` — its chunks (fragments of the plan file);
//! - `waymark.stamp` — who saved last and when: `<tab id> <ms since epoch> <counter>`;
//! - `waymark.plan` — the open plan as one compact plan file, as earlier versions
//!   kept it: read when there is no manifest, removed by the first save that has
//!   written the manifest.
//!
//! A save writes the new chunks, then the manifest (the one switch from the old plan
//! to the new), then the stamp, then removes the chunks only the old manifest named.
//! If a write fails, what it wrote is removed again: the stored plan stays the
//! previous one.

use crate::core::format::{import_plan, Imported};
use crate::core::store::{assemble, garbage, Manifest, Prepared, CHUNK_PREFIX};
use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use std::collections::HashSet;

/// The key of the open plan's manifest.
pub const MANIFEST_KEY: &str = "waymark.plan.v2";
/// The key the open plan was kept under by earlier versions (one whole plan file).
pub const LEGACY_KEY: &str = "waymark.plan";
/// The key of the save stamp.
pub const STAMP_KEY: &str = "waymark.stamp";

/// What was found in storage at start-up.
pub enum Stored {
    /// Nothing stored yet (first open).
    Nothing,
    Plan(Box<Imported>),
    /// Something is stored but cannot be read; it is left untouched.
    Unreadable {
        raw: String,
        problem: String,
    },
    /// The browser does not let this page use local storage.
    Unavailable(String),
}

/// Why a save failed, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("this browser's storage for Waymark is full")]
    Full,
    #[error("this browser is not letting Waymark save ({0})")]
    Unavailable(String),
}

/// This page's local storage, through `gloo-storage`. Its `LocalStorage::raw()`
/// throws where storage is blocked (a privacy setting, a sandboxed frame), so the
/// window is asked first and a blocked or missing storage is an error in words.
pub fn local_storage() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(_)) => Ok(LocalStorage::raw()),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(_) => Err(BLOCKED.into()),
    }
}

const BLOCKED: &str = "local storage is blocked for this page";

/// Whether a key is stored, without reading its value.
fn has(s: &web_sys::Storage, key: &str) -> bool {
    js_sys::Reflect::has(s, &key.into()).unwrap_or(false)
}

fn get(s: &web_sys::Storage, key: &str) -> Option<String> {
    s.get_item(key).ok().flatten()
}

/// Reads the stored plan through the import path.
pub fn load() -> Stored {
    let s = match local_storage() {
        Ok(s) => s,
        Err(e) => return Stored::Unavailable(e),
    };
    // One read: the browser gives a page a steady view of its storage within a
    // task, so reading again at once would see the same thing.
    let text = match s.get_item(MANIFEST_KEY) {
        Ok(Some(t)) => t,
        Ok(None) => return load_legacy(&s),
        Err(_) => return Stored::Unavailable(BLOCKED.into()),
    };
    let m = match Manifest::parse(&text) {
        Ok(m) => m,
        Err(problem) => {
            return Stored::Unreadable {
                raw: with_all_chunks(&s, text),
                problem: format!("The stored plan's index cannot be read: {problem}."),
            }
        }
    };
    // A whole-plan copy saved after this manifest (by an earlier version of
    // Waymark, open in another tab) is the newer one.
    if has(&s, LEGACY_KEY) && get(&s, STAMP_KEY).as_deref() != Some(m.stamp.as_str()) {
        return load_legacy(&s);
    }
    match assemble(&m, |k| get(&s, k)) {
        Ok(plan_text) => from_text(plan_text),
        Err(missing) => Stored::Unreadable {
            raw: missing.partial,
            problem: format!(
                "{} of its {} parts are missing from this browser's storage.",
                missing.count,
                m.hashes().len()
            ),
        },
    }
}

fn load_legacy(s: &web_sys::Storage) -> Stored {
    match s.get_item(LEGACY_KEY) {
        Ok(None) => Stored::Nothing,
        Ok(Some(raw)) => from_text(raw),
        Err(_) => Stored::Unavailable(BLOCKED.into()),
    }
}

fn from_text(raw: String) -> Stored {
    match import_plan(&raw) {
        Ok(imp) => Stored::Plan(Box::new(imp)),
        Err(e) => Stored::Unreadable {
            raw,
            problem: e.to_string(),
        },
    }
}

/// The current save stamp, if any.
pub fn read_stamp() -> Option<String> {
    local_storage().ok()?.get_item(STAMP_KEY).ok()?
}

/// The stored manifest as a save finds it: its text (to put back if the save fails)
/// and the chunk keys it names (already stored, so not written again).
#[derive(Debug, Default)]
pub struct Before {
    text: Option<String>,
    pub keys: HashSet<String>,
}

/// Reads the stored manifest before a save.
pub fn before_save() -> Before {
    let Ok(s) = local_storage() else {
        return Before::default();
    };
    let text = get(&s, MANIFEST_KEY);
    let keys = text
        .as_deref()
        .and_then(|t| Manifest::parse(t).ok())
        .map(|m| m.keys())
        .unwrap_or_default();
    Before { text, keys }
}

/// An unreadable manifest's text followed by every stored chunk (key, then text),
/// so that downloading "the saved data" keeps all of it.
fn with_all_chunks(s: &web_sys::Storage, manifest: String) -> String {
    let mut out = manifest;
    let n = s.length().unwrap_or(0);
    for k in (0..n).filter_map(|i| s.key(i).ok().flatten()) {
        if k.starts_with(CHUNK_PREFIX) {
            if let Some(v) = get(s, &k) {
                out.push_str("\n\n");
                out.push_str(&k);
                out.push('\n');
                out.push_str(&v);
            }
        }
    }
    out
}

/// Whether a chunk is in storage.
pub fn chunk_present(key: &str) -> bool {
    local_storage().is_ok_and(|s| has(&s, key))
}

/// Chunk keys in storage that the stored manifest does not name (left by a save that
/// was cut short). They are removed by this tab's next save, if still unnamed then.
pub fn orphan_chunks() -> Vec<String> {
    let Ok(s) = local_storage() else {
        return vec![];
    };
    // A manifest that is there but cannot be read names nothing we can see: then
    // no chunk counts as an orphan (they may be that plan's), and none is removed.
    let before = before_save();
    if before.text.is_some() && before.keys.is_empty() {
        return vec![];
    }
    let named = before.keys;
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(CHUNK_PREFIX) && !named.contains(k))
        .collect()
}

/// Writes a prepared save: new chunks, the manifest, the stamp (the manifest's);
/// then removes the old single-key plan and the chunks no longer named. If it does
/// not fit, nothing stored changes.
pub fn save(p: &Prepared, before: &Before, orphans: &[String]) -> Result<(), SaveError> {
    let s = local_storage().map_err(SaveError::Unavailable)?;
    let legacy = has(&s, LEGACY_KEY);
    match write(&s, p, before) {
        Ok(()) => {}
        Err(SaveError::Full) if legacy => {
            // Moving a big plan to the new layout: the old whole-plan copy and the
            // new chunks may not fit side by side. Hold the old copy here, make room,
            // and put it back if the plan still does not fit.
            let old = get(&s, LEGACY_KEY);
            let _ = s.remove_item(LEGACY_KEY);
            if let Err(e) = write(&s, p, before) {
                if let Some(old) = old {
                    let _ = s.set_item(LEGACY_KEY, &old);
                }
                return Err(e);
            }
        }
        Err(e) => return Err(e),
    }
    if legacy {
        let _ = s.remove_item(LEGACY_KEY);
    }
    for k in garbage(&p.manifest, before.keys.iter().chain(orphans)) {
        let _ = s.remove_item(&k);
    }
    Ok(())
}

fn write(s: &web_sys::Storage, p: &Prepared, before: &Before) -> Result<(), SaveError> {
    let mut written: Vec<&str> = Vec::with_capacity(p.writes.len());
    let undo = |written: &[&str]| {
        for k in written {
            if !before.keys.contains(*k) {
                let _ = s.remove_item(k);
            }
        }
    };
    for (k, text) in &p.writes {
        if let Err(e) = s.set_item(k, text) {
            undo(&written);
            return Err(classify(&e));
        }
        written.push(k);
    }
    if let Err(e) = s.set_item(MANIFEST_KEY, &p.manifest_text) {
        undo(&written);
        return Err(classify(&e));
    }
    if let Err(e) = s.set_item(STAMP_KEY, &p.manifest.stamp) {
        // Put the previous manifest back, so the stored plan stays the previous one.
        let restored = match &before.text {
            Some(t) => s.set_item(MANIFEST_KEY, t),
            None => s.remove_item(MANIFEST_KEY),
        };
        // If even that failed, the new manifest stays, and so must its chunks.
        if restored.is_ok() {
            undo(&written);
        }
        return Err(classify(&e));
    }
    Ok(())
}

/// Why the browser refused a write, from the exception it threw.
pub fn classify(e: &wasm_bindgen::JsValue) -> SaveError {
    use wasm_bindgen::JsCast;
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    classify_name(name)
}

/// Why a `gloo-storage` call failed, as a save error.
pub fn classify_gloo(e: &StorageError) -> SaveError {
    match e {
        StorageError::JsError(js) => classify_name(js.name.clone()),
        other => SaveError::Unavailable(other.to_string()),
    }
}

fn classify_name(name: String) -> SaveError {
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        SaveError::Full
    } else {
        SaveError::Unavailable(if name.is_empty() {
            "the browser refused to save".into()
        } else {
            name
        })
    }
}

/// Bytes used by Waymark's keys (UTF-16 code units × 2, as browsers count): the open
/// plan's manifest and chunks, the stamp, and the plan library.
pub fn used_bytes() -> Option<usize> {
    let s = local_storage().ok()?;
    let mut total = 0;
    let n = s.length().ok()?;
    for i in 0..n {
        if let Ok(Some(k)) = s.key(i) {
            if k.starts_with("waymark.") {
                let v = s.get_item(&k).ok()??;
                total += (k.encode_utf16().count() + v.encode_utf16().count()) * 2;
            }
        }
    }
    Some(total)
}
