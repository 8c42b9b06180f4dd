//! The Leptos user interface (wasm32 only), on top of [`crate::core`].

pub mod components;
pub mod pages;
pub mod route;
pub mod state;
pub mod storage;

use leptos::prelude::*;
use route::{Location, Page, PageLink, Router};
use state::AppState;

/// Mounts the app on the page.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::load();
    provide_context(app);
    let router = Router::new();
    provide_context(router);

    // Keep the document title in step with the page and the plan.
    Effect::new(move |_| {
        let page = router.location.with(|l| l.page.title());
        let plan = app.plan.with(|p| p.title.clone());
        document().set_title(&format!("{page} — {plan} — Waymark"));
    });

    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to main content"</a>
        <header class="app-header">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="app-name">"Waymark"</span>
            </div>
            <div class="plan-ident">
                <p class="plan-title">{move || app.plan.with(|p| p.title.clone())}</p>
                <p class="plan-org">{move || app.plan.with(|p| p.organisation.clone())}</p>
            </div>
        </header>
        <nav class="app-nav" aria-label="Main">
            <ul>
                {Page::NAV.into_iter().map(|p| view! {
                    <li><PageLink to=Location::page(p.clone())>{p.title()}</PageLink></li>
                }).collect_view()}
            </ul>
        </nav>
        {move || app.startup_problem.get().map(|msg| view! {
            <div class="banner banner-warning" role="alert">
                <p>{msg}</p>
                <button type="button" on:click=move |_| app.startup_problem.set(None)>"Dismiss"</button>
            </div>
        })}
        <main id="main" tabindex="-1">
            {move || match router.location.with(|l| l.page.clone()) {
                Page::Plan => view! { <pages::plan::PlanPage/> }.into_any(),
                Page::Dashboard => view! { <pages::upcoming::Upcoming title="Dashboard" holds="RAG counts for each priority, red and amber exceptions with their reasons, overdue actions, and KPIs with their direction of travel."/> }.into_any(),
                Page::Kpis => view! { <pages::upcoming::Upcoming title="KPIs" holds="Every indicator with its latest value, target, computed RAG with an explanation, direction of travel and trend chart."/> }.into_any(),
                Page::Reports => view! { <pages::upcoming::Upcoming title="Reports" holds="The monitoring report, the plan document and the KPI scorecard, ready to print for committee."/> }.into_any(),
                Page::Files => view! { <pages::upcoming::Upcoming title="Files" holds="Export the plan as a file to share, and open plan files others send you."/> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            <p>"Waymark keeps this plan in this browser on this device only. To share it, export it as a file."</p>
        </footer>
    }
}
