//! The KPI pages: the list (`?page=kpis`), one KPI (`&id=…`), its editor
//! (`&id=…&edit=1`, or `&edit=1` alone for a new KPI) and "Paste KPI table"
//! (`&paste=1`). Every rule comes from [`crate::core`]: ratings, trends, names and
//! a row's words from `core::kpi`, the list's filters and sort from
//! `core::filter`, sparklines from `core::sparkline`, the paste from `core::paste`.
//! The pages read KPIs through the plan store's KPI accessors only, so an edit of
//! an action never re-runs them and an edit of one KPI updates that KPI's views.

mod chart;
mod detail;
mod editor;
mod list;
mod paste;

use crate::app::route::{use_router, Location, Page};
use crate::app::state::use_app;
use crate::core::filter::KpiPlace;
use crate::core::model::Id;
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

/// The plan's priorities and outcomes a KPI can be linked to, in plan order, read
/// through the plan store's lists and objects: told when a priority or outcome is
/// added, removed, moved or renumbered, never when an action or a KPI changes.
pub fn use_places() -> Memo<Vec<KpiPlace>> {
    let app = use_app();
    Memo::new(move |_| {
        let mut v = Vec::new();
        for pid in app.plan.priority_ids() {
            let Some(number) = app.plan.priority(&pid, |_, p| p.number.clone()) else {
                continue;
            };
            v.push(KpiPlace::priority(pid.clone(), &number));
            for oid in app.plan.children(&pid).0 {
                if let Some(o) = app.plan.outcome(&oid, |_, o| o.number.clone()) {
                    v.push(KpiPlace::outcome(pid.clone(), &number, oid, &o));
                }
            }
        }
        v
    })
}
