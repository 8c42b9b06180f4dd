//! The KPI pages: the list (`?page=kpis`), one KPI (`&id=…`), its editor
//! (`&id=…&edit=1`, or `&edit=1` alone for a new KPI) and "Paste KPI table"
//! (`&paste=1`). Every rule comes from [`crate::core`]: ratings and trends from
//! `core::kpi`, sparklines from `core::sparkline`, the paste from `core::paste`.

mod chart;
mod detail;
mod editor;
mod list;
mod paste;

use crate::app::route::{use_router, Location, Page};
use crate::core::model::{Id, Kpi, Plan};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum View {
    List,
    Detail(Id),
    Edit(Option<Id>),
    Paste,
}

#[component]
pub fn KpisPage() -> impl IntoView {
    let router = use_router();
    let which = Memo::new(move |_| {
        router.location.with(|l| {
            let p = &l.params;
            let id = p
                .get("id")
                .filter(|s| !s.is_empty())
                .map(|s| Id::new(s.clone()));
            if p.contains_key("paste") {
                View::Paste
            } else if p.contains_key("edit") {
                View::Edit(id)
            } else if let Some(id) = id {
                View::Detail(id)
            } else {
                View::List
            }
        })
    });
    move || match which.get() {
        View::List => view! { <list::KpiList/> }.into_any(),
        View::Detail(id) => view! { <detail::KpiDetail id=id/> }.into_any(),
        View::Edit(id) => view! { <editor::KpiEditor id=id/> }.into_any(),
        View::Paste => view! { <paste::PastePage/> }.into_any(),
    }
}

/// The address of the KPI list.
pub fn list_location() -> Location {
    Location::page(Page::Kpis)
}

/// The address of one KPI's page.
pub fn kpi_location(id: &Id) -> Location {
    let mut l = Location::page(Page::Kpis);
    l.params.insert("id".into(), id.to_string());
    l
}

/// The address of a KPI's editor (a new KPI when `id` is None).
pub fn edit_location(id: Option<&Id>) -> Location {
    let mut l = Location::page(Page::Kpis);
    if let Some(id) = id {
        l.params.insert("id".into(), id.to_string());
    }
    l.params.insert("edit".into(), "1".into());
    l
}

/// The address of "Paste KPI table".
pub fn paste_location() -> Location {
    let mut l = Location::page(Page::Kpis);
    l.params.insert("paste".into(), "1".into());
    l
}

/// "NI 72" or, for a KPI without a code, its title.
pub fn kpi_name(k: &Kpi) -> String {
    if k.code.trim().is_empty() {
        k.title.clone()
    } else {
        k.code.clone()
    }
}

/// Where a KPI sits: "Priority 4, outcome 4", or "Not linked".
pub fn linked_to(plan: &Plan, k: &Kpi) -> String {
    let Some(pid) = &k.priority_id else {
        return "Not linked".into();
    };
    let Some(p) = plan.priority(pid) else {
        return "Not linked".into();
    };
    match k
        .outcome_id
        .as_ref()
        .and_then(|o| p.outcomes.iter().find(|x| &x.id == o))
    {
        Some(o) => format!("Priority {}, outcome {}", p.number, o.number),
        None => format!("Priority {}", p.number),
    }
}
