//! One module per page; no page imports another (what two pages share is in
//! `crate::app::components` or `crate::core`). The Plan page (with its forms in
//! `plan::forms`) is the plan as a document; the others are named after the
//! navigation, but for `start`, the New plan page (reached from the Files page and
//! the first-run welcome), and `import`, which brings tables in from a paste or a
//! Word or Excel file.

pub mod ask;
pub mod dashboard;
pub mod files;
pub mod import;
pub mod kpis;
pub mod plan;
pub mod reports;
pub mod start;
