//! The pure core: the plan model and its rules, with no browser code. Everything
//! here builds and is tested on the host with `cargo test`.

pub mod date;
pub mod example;
pub mod format;
pub mod migrate;
pub mod model;
pub mod repair;
pub mod table;
pub mod value;
