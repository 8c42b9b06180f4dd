//! The pure core: the plan model and its rules, with no browser code. Everything
//! here builds and is tested on the host with `cargo test`.
//!
//! Where each rule lives:
//! - objects of a plan: [`model`]; KPI values and targets as written: [`value`]
//! - KPI RAG, direction of travel and their explanations: [`kpi`]
//! - risk scores: [`risk`]; roll-ups, overdue, data health, as-at: [`rollup`]
//! - edits, undo and redo: [`edit`]; form validation: [`validate`]
//! - the forms' drafts (each form's fields as typed, and the one change saving
//!   them makes): [`draft`]
//! - action and KPI filters and sorting: [`filter`]; a KPI in words (its name, its
//!   row in the KPI list and the dashboard): [`kpi`]
//! - the plan as a document (the Plan page and every report): [`document`]; report
//!   choices and filters: [`report`]
//! - file format and the import path: [`format`] → [`migrate`] → [`repair`]
//! - the open plan's layout in local storage (chunks and manifest): [`store`];
//!   when an autosave runs: [`autosave`]
//! - comparing versions: [`compare`]; merging a returned file into the open plan:
//!   [`merge`]; asking partners for updates and the files they send back:
//!   [`exchange`]; who changed what: [`stamp`]; spreadsheet paste: [`paste`]; CSV: [`csv`]
//! - tables as they come in: [`grid`]; a .docx, .xlsx or .csv file's tables:
//!   [`office`]
//! - the Files page's sizes, counts and names: [`files`]; "Paste action table":
//!   [`action_paste`]
//! - starting a plan (blank, a structure, a copy of the example; its period and
//!   RAG definitions): [`starter`]
//! - the example plan: its file, read through the import path, and why it could
//!   not be loaded, in words: [`example`] (its source keeps comments: [`jsonc`])

pub mod action_paste;
pub mod autosave;
pub mod compare;
pub mod csv;
pub mod date;
pub mod document;
pub mod draft;
pub mod edit;
pub mod example;
pub mod exchange;
pub mod files;
pub mod filter;
pub mod format;
pub mod grid;
pub mod jsonc;
pub mod jsonpath;
pub mod kpi;
pub mod merge;
pub mod migrate;
pub mod model;
pub mod office;
pub mod paste;
pub mod repair;
pub mod report;
pub mod risk;
pub mod rollup;
pub mod sparkline;
pub mod stamp;
pub mod starter;
pub mod store;
pub mod stress;
pub mod table;
pub mod validate;
pub mod value;
