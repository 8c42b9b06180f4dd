//! Local storage of the plan. Reading goes through the one import path of
//! [`crate::core::format`], like a file does.

use crate::core::format::{import_plan, Imported};

/// The key the open plan is kept under.
pub const PLAN_KEY: &str = "waymark.plan";

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

fn local_storage() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser has no local storage".into()),
        Err(_) => Err("this browser blocks local storage for this page".into()),
    }
}

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
        Err(_) => Stored::Unavailable("this browser blocks local storage for this page".into()),
    }
}
