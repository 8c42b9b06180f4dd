//! The example plan shipped with the app: the Milton Keynes CYPS Performance
//! Improvement Plan, June 2009 – September 2010, transcribed in
//! `data/example-plan.jsonc` (with notes on the transcription as comments). The
//! build ships it as a file of its own, `public/example-plan.json`: the same JSON
//! without the comments or whitespace, kept equal to the transcription by
//! `tests/example_plan.rs` (which rewrites it when asked).
//!
//! The app fetches that file when it wants the example ([`EXAMPLE_PLAN_FILE`]) and
//! reads it here ([`read_example`]), through the ordinary import path; a failure
//! is an [`ExampleProblem`], said in words.

use super::format::{import_plan, Imported};
use std::fmt;

/// The example plan's file in the build, beside `index.html`.
pub const EXAMPLE_PLAN_FILE: &str = "example-plan.json";

/// Why the example plan could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleProblem {
    /// No answer came: the device is offline, or the site could not be reached.
    Unreachable,
    /// The site answered with this HTTP error status.
    Status(u16),
    /// The file came, but it is not a plan Waymark can read: the import's words.
    Unreadable(String),
}

impl fmt::Display for ExampleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("The example plan could not be loaded: ")?;
        match self {
            ExampleProblem::Unreachable => f.write_str(
                "this device seems to be offline, or the site Waymark comes from could not be reached.",
            ),
            ExampleProblem::Status(404) => f.write_str(
                "the site Waymark comes from does not have its file (HTTP error 404).",
            ),
            ExampleProblem::Status(status) => write!(
                f,
                "the site Waymark comes from answered with an error (HTTP {status})."
            ),
            ExampleProblem::Unreadable(why) => write!(f, "its file is damaged. {why}"),
        }
    }
}

/// Reads the example plan file's text through the ordinary import path.
pub fn read_example(text: &str) -> Result<Imported, ExampleProblem> {
    import_plan(text).map_err(|e| ExampleProblem::Unreadable(e.to_string()))
}

/// The example plan file as shipped (minified JSON), for the host's tests: the
/// app's wasm does not hold it (it fetches [`EXAMPLE_PLAN_FILE`]).
#[cfg(not(target_arch = "wasm32"))]
pub const EXAMPLE_PLAN_JSON: &str = include_str!("../../public/example-plan.json");

/// The example plan, read through the ordinary import path (host only, for tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn example_plan() -> Imported {
    read_example(EXAMPLE_PLAN_JSON).expect("the shipped example plan is a valid plan file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_is_said_in_words() {
        let said = |p: ExampleProblem| p.to_string();
        assert_eq!(
            said(ExampleProblem::Unreachable),
            "The example plan could not be loaded: this device seems to be offline, or the site Waymark comes from could not be reached."
        );
        assert_eq!(
            said(ExampleProblem::Status(404)),
            "The example plan could not be loaded: the site Waymark comes from does not have its file (HTTP error 404)."
        );
        assert_eq!(
            said(ExampleProblem::Status(500)),
            "The example plan could not be loaded: the site Waymark comes from answered with an error (HTTP 500)."
        );
    }

    #[test]
    fn a_damaged_file_says_what_the_import_found() {
        let p =
            read_example("{\"format\": \"waymark-plan\", \"plan\": {\"title\": \"x\"").unwrap_err();
        assert_eq!(
            p.to_string(),
            "The example plan could not be loaded: its file is damaged. This is not a plan file: line 1, column 48: the file ends too early (it may be cut short)."
        );
        assert_eq!(
            read_example("<!DOCTYPE html><html></html>").unwrap_err(),
            ExampleProblem::Unreadable(
                "This is not a plan file: line 1, column 1: expected a value here.".into()
            )
        );
    }

    #[test]
    fn the_shipped_file_reads_without_repairs() {
        let imp = read_example(EXAMPLE_PLAN_JSON).unwrap();
        assert!(imp.repairs.is_empty(), "{:?}", imp.repairs);
        assert_eq!(imp.plan.title, "CYPS Performance Improvement Plan");
    }
}
