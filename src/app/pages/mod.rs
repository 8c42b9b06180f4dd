//! One module per page. The Plan page (with its forms in `edit`) is the plan as a
//! document; the others are named after the navigation.

pub mod dashboard;
pub mod edit;
pub mod files;
pub mod kpis;
pub mod plan;
pub mod reports;
