//! The example plan, fetched only when it is wanted: at the start when no plan is
//! stored (the open plan on a first visit, behind the welcome; see [`super::mount`]),
//! and by "Look around the example" or "Try again" after that fetch failed, the
//! unreadable-storage banner's "Start from the example plan", and the New plan
//! page's "A copy of the example plan".
//!
//! It is a file of the build, `example-plan.json` beside `index.html`
//! (`public/example-plan.json`; the service worker precaches it with every other
//! file, so after the first visit it comes with no network), read through the
//! ordinary import path ([`crate::core::example::read_example`]). A failure is a
//! [`ExampleProblem`], which says in words what went wrong. Nothing is kept here:
//! whoever asked holds the plan it got.

use crate::core::example::{read_example, ExampleProblem, EXAMPLE_PLAN_FILE};
use crate::core::model::Plan;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches the example plan file and reads it.
pub async fn fetch_example() -> Result<Plan, ExampleProblem> {
    let unreachable = |_| ExampleProblem::Unreachable;
    let window = web_sys::window().ok_or(ExampleProblem::Unreachable)?;
    let answer = JsFuture::from(window.fetch_with_str(EXAMPLE_PLAN_FILE))
        .await
        .map_err(unreachable)?;
    let response: web_sys::Response = answer.dyn_into().map_err(unreachable)?;
    if !response.ok() {
        return Err(ExampleProblem::Status(response.status()));
    }
    // The body's bytes, copied once into Wasm memory and read as UTF-8 there (as a
    // chosen plan file is: `super::plan_file`).
    let body = JsFuture::from(response.array_buffer().map_err(unreachable)?)
        .await
        .map_err(unreachable)?;
    let bytes = js_sys::Uint8Array::new(&body).to_vec();
    read_example(&String::from_utf8_lossy(&bytes)).map(|imported| imported.plan)
}
