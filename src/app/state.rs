//! The app's state: the open plan, and what the app has to tell the user about it.

use super::storage::{self, Stored};
use crate::core::example::example_plan;
use crate::core::model::Plan;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub plan: RwSignal<Plan>,
    /// A problem found at start-up, shown at the top of every page until dismissed.
    pub startup_problem: RwSignal<Option<String>>,
}

impl AppState {
    /// The stored plan if there is one, else the example plan.
    pub fn load() -> AppState {
        let (plan, problem) = match storage::load() {
            Stored::Plan(imp) => (imp.plan, None),
            Stored::Nothing => (example_plan().plan, None),
            Stored::Unreadable { problem, .. } => (
                example_plan().plan,
                Some(format!(
                    "The plan saved in this browser could not be read, so the example plan is open instead. The saved plan has not been changed. ({problem})"
                )),
            ),
            Stored::Unavailable(why) => (
                example_plan().plan,
                Some(format!(
                    "This browser is not letting Waymark save ({why}). Your changes will be lost when you close the page."
                )),
            ),
        };
        AppState {
            plan: RwSignal::new(plan),
            startup_problem: RwSignal::new(problem),
        }
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
