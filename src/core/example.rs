//! The example plan shipped with the app: the Milton Keynes CYPS Performance
//! Improvement Plan, June 2009 – September 2010, transcribed in
//! `data/example-plan.jsonc` (with notes on the transcription as comments).

use super::format::{import_plan, strip_json_comments, Imported};

/// The example plan file as shipped (JSON with comments).
pub const EXAMPLE_PLAN_JSONC: &str = include_str!("../../data/example-plan.jsonc");

/// Reads the example plan through the ordinary import path.
pub fn example_plan() -> Imported {
    import_plan(&strip_json_comments(EXAMPLE_PLAN_JSONC))
        .expect("the shipped example plan is a valid plan file")
}
