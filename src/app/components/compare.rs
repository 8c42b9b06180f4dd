//! A comparison of two versions of a plan, in words (`core::compare`): the
//! counts, then each section's lines. Shown by the Files page (an import's
//! preview, Compare two versions) and the Changes report.

use crate::core::compare::Comparison;
use leptos::prelude::*;

#[component]
pub fn ComparisonView(c: Comparison) -> impl IntoView {
    view! {
        <p>{format!("{} added, {} removed, {} changed.", c.added, c.removed, c.changed)}</p>
        {c.sections.into_iter().map(|s| view! {
            <h5 class="compare-section">{s.title}</h5>
            <ul class="compare-lines">{s.lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        }).collect_view()}
    }
}
