//! The pure core: the plan model and its rules, with no browser code. Everything
//! here builds and is tested on the host with `cargo test`.
//!
//! Where each rule lives:
//! - objects of a plan: [`model`]; KPI values and targets as written: [`value`]
//! - KPI RAG, direction of travel and their explanations: [`kpi`]
//! - risk scores: [`risk`]; roll-ups, overdue, data health, as-at: [`rollup`]
//! - edits, undo and redo: [`edit`]; form validation: [`validate`]
//! - action and KPI filters and sorting: [`filter`]; a KPI in words (its name, its
//!   row in the KPI list and the dashboard): [`kpi`]
//! - file format and the import path: [`format`] → [`migrate`] → [`repair`]
//! - the open plan's layout in local storage (chunks and manifest): [`store`]
//! - comparing versions: [`compare`]; spreadsheet paste: [`paste`]; CSV: [`csv`]
//! - the Files page's sizes, counts and names: [`files`]

pub mod compare;
pub mod csv;
pub mod date;
pub mod edit;
pub mod example;
pub mod files;
pub mod filter;
pub mod format;
pub mod jsonc;
pub mod jsonpath;
pub mod kpi;
pub mod migrate;
pub mod model;
pub mod paste;
pub mod repair;
pub mod risk;
pub mod rollup;
pub mod sparkline;
pub mod store;
pub mod stress;
pub mod table;
pub mod validate;
pub mod value;
