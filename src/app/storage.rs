//! Local storage of the plan: reading at start-up (through the one import path, like
//! a file), and writing with a save stamp so two tabs never silently overwrite each
//! other's newer save.
//!
//! Keys:
//! - `waymark.plan` — the open plan, as a compact plan file;
//! - `waymark.stamp` — who saved last and when: `<tab id> <ms since epoch> <counter>`.

use crate::core::format::{import_plan, Imported};

/// The key the open plan is kept under.
pub const PLAN_KEY: &str = "waymark.plan";
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

fn local_storage() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(_) => Err("local storage is blocked for this page".into()),
    }
}

/// Reads the stored plan through the import path.
pub fn load() -> Stored {
    let s = match local_storage() {
        Ok(s) => s,
        Err(e) => return Stored::Unavailable(e),
    };
    match s.get_item(PLAN_KEY) {
        Ok(None) => Stored::Nothing,
        Ok(Some(raw)) => match import_plan(&raw) {
            Ok(imp) => Stored::Plan(Box::new(imp)),
            Err(e) => Stored::Unreadable {
                raw,
                problem: e.to_string(),
            },
        },
        Err(_) => Stored::Unavailable("local storage is blocked for this page".into()),
    }
}

/// The current save stamp, if any.
pub fn read_stamp() -> Option<String> {
    local_storage().ok()?.get_item(STAMP_KEY).ok()?
}

/// Writes the plan text and the stamp. The plan is written first; if it does not
/// fit, nothing else changes.
pub fn save(text: &str, stamp: &str) -> Result<(), SaveError> {
    let s = local_storage().map_err(SaveError::Unavailable)?;
    s.set_item(PLAN_KEY, text).map_err(|e| classify(&e))?;
    s.set_item(STAMP_KEY, stamp).map_err(|e| classify(&e))?;
    Ok(())
}

fn classify(e: &wasm_bindgen::JsValue) -> SaveError {
    use wasm_bindgen::JsCast;
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
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

/// Bytes used by Waymark's keys (UTF-16 code units × 2, as browsers count).
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
