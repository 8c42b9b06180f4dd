//! Pages whose features have not landed yet say honestly what they will hold.

use leptos::prelude::*;

#[component]
pub fn Upcoming(title: &'static str, holds: &'static str) -> impl IntoView {
    view! {
        <h1>{title}</h1>
        <p class="lede">{holds}</p>
        <p>"This page is part of the next release of Waymark. The whole plan, with its KPI tables, is on the Plan page now."</p>
    }
}
