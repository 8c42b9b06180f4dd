//! The example plan shipped with the app: the Milton Keynes CYPS Performance
//! Improvement Plan, June 2009 – September 2010, transcribed in
//! `data/example-plan.jsonc` (with notes on the transcription as comments). The
//! build ships it as a file of its own, `public/example-plan.json`: the same JSON
//! without the comments or whitespace, kept equal to the transcription by
//! `tests/example_plan.rs` (which rewrites it when asked).

use super::format::{import_plan, Imported};

/// The example plan file as shipped (minified JSON).
pub const EXAMPLE_PLAN_JSON: &str = include_str!("../../public/example-plan.json");

/// Reads the example plan through the ordinary import path.
pub fn example_plan() -> Imported {
    import_plan(EXAMPLE_PLAN_JSON).expect("the shipped example plan is a valid plan file")
}
