//! Helpers shared by the integration tests that edit plans by hand.

use waymark::core::model::{Action, Plan};

/// The action with this id, to change it (panics when the plan has none).
pub fn action_mut<'a>(p: &'a mut Plan, aid: &str) -> &'a mut Action {
    p.priorities
        .iter_mut()
        .flat_map(|pr| {
            pr.actions
                .iter_mut()
                .chain(pr.outcomes.iter_mut().flat_map(|o| o.actions.iter_mut()))
        })
        .find(|a| a.id.as_str() == aid)
        .unwrap_or_else(|| panic!("no action {aid}"))
}

/// The action with this id, if the plan has it.
pub fn action<'a>(p: &'a Plan, aid: &str) -> Option<&'a Action> {
    p.actions()
        .find(|r| r.action.id.as_str() == aid)
        .map(|r| r.action)
}
