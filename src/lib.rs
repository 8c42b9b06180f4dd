//! Waymark: improvement plans and KPIs for children's services, in the browser.
//!
//! - [`core`] is plain Rust: the plan model, its rules, the file format. No browser.
//! - `app` (wasm32 only) is the Leptos user interface on top of it.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod app;
