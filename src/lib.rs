//! Waymark: improvement plans and KPIs for children's services, in the browser.
//!
//! - [`core`] is plain Rust: the plan model, its rules, the file format. No browser.
//! - [`plan_store`] is the open plan as a fine-grained reactive store: a change is
//!   written into the one slot it names.
//! - `app` (wasm32 only) is the Leptos user interface on top of it.

pub mod core;
pub mod plan_store;

#[cfg(target_arch = "wasm32")]
pub mod app;
