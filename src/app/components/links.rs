//! Addresses and links shared by the pages: a KPI's page, a row of the Plan page
//! (an action, a priority), a form of the Plan page. Every link here is a real
//! `<a href>` followed in place on a plain click and left to the browser on any
//! other ([`crate::app::route::follow_link`]).

use crate::app::route::{follow_link, use_router, AppLink, Location, Page, Router};
use crate::core::model::Id;
use leptos::prelude::*;

/// The address of one KPI's page (`?page=kpis&id=…`).
pub fn kpi_location(id: &Id) -> Location {
    let mut l = Location::page(Page::Kpis);
    l.params.insert("id".into(), id.to_string());
    l
}

/// The address of a form on the Plan page (`?page=plan&edit=<kind>&…`): the plan
/// details form is `plan_form_location("details", &[])`.
pub fn plan_form_location(kind: &str, pairs: &[(&str, &str)]) -> Location {
    let mut l = Location::page(Page::Plan);
    l.params.insert("edit".into(), kind.into());
    for (k, v) in pairs {
        l.params.insert((*k).into(), (*v).into());
    }
    l
}

/// The address of "Paste action table" / "Import from Word or Excel":
/// `from` is the page Back returns to ("plan" or "files"); `pairs` may name the
/// priority or outcome rows go into.
pub fn import_location(from: &str, pairs: &[(&str, &str)]) -> Location {
    let mut l = Location::page(Page::Import);
    l.params.insert("from".into(), from.into());
    for (k, v) in pairs {
        l.params.insert((*k).into(), (*v).into());
    }
    l
}

/// The Plan page's address for an element of it, an action's or a priority's row
/// (`?page=plan#<id>`).
pub fn plan_anchor_href(id: &str) -> String {
    format!("{}#{}", Location::page(Page::Plan).href(), id)
}

/// Goes to the Plan page and brings an element (an action's or a priority's row)
/// into view and focus once it has been drawn.
pub fn go_to_plan_anchor(router: Router, id: String) {
    router.go(Location::page(Page::Plan));
    let _ = window().history().map(|h| {
        h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&plan_anchor_href(&id)),
        )
    });
    fn attempt(id: String, tries: u32) {
        if let Some(el) = document().get_element_by_id(&id) {
            el.scroll_into_view();
            crate::app::components::form::focus_id(&id);
        } else if tries > 0 {
            set_timeout(
                move || attempt(id, tries - 1),
                std::time::Duration::from_millis(50),
            );
        }
    }
    request_animation_frame(move || attempt(id, 100));
}

/// A link to an element of the Plan page (an action's or a priority's row, by its
/// element id), which is brought into view and focused.
#[component]
pub fn PlanAnchorLink(id: String, children: Children) -> impl IntoView {
    let router = use_router();
    let href = plan_anchor_href(&id);
    view! {
        <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
            follow_link(&ev, || go_to_plan_anchor(router, id.clone()))
        }>{children()}</a>
    }
}

/// A link to a KPI's page.
#[component]
pub fn KpiLink(
    id: Id,
    children: Children,
    /// A tooltip (the `title` attribute), if any.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
) -> impl IntoView {
    view! { <AppLink to=kpi_location(&id) title=title>{children()}</AppLink> }
}
