//! The KPI list: one row per KPI with its latest actual, target, RAG, direction of
//! travel and a sparkline; filters and sort order kept in the address.
//!
//! The rules are in core: a row's words in [`KpiSummary`], the filters and sort
//! orders in [`KpiFilter`] and [`find_kpis`]. Rows are keyed by KPI id and each
//! reads its own KPI through the plan store ([`crate::plan_store::PlanStore::kpi`]),
//! so an edit of one KPI updates that row in place; the list itself reads the KPIs
//! through [`crate::plan_store::PlanStore::kpis`], which an edit of an action does
//! not touch.

use super::{edit_location, paste_location, use_places};
use crate::app::components::kpi::{DirectionOfTravel, Sparkline};
use crate::app::components::links::KpiLink;
use crate::app::components::RagBadge;
use crate::app::download::{download, slug};
use crate::app::route::use_router;
use crate::app::schedule::drawn_rows;
use crate::app::state::{today, use_app};
use crate::core::csv::kpis_to_csv;
use crate::core::filter::{
    find_kpis, kpi_sources, latest_period, linked_words, rag_from_key, KpiFilter, KpiPlace, KpiSort,
};
use crate::core::kpi::{Direction, KpiSummary};
use crate::core::model::{Id, Rag};
use leptos::prelude::*;

#[component]
pub fn KpiList() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let summaries = Memo::new(move |_| {
        app.plan
            .kpis(|all| all.iter().map(KpiSummary::of).collect::<Vec<_>>())
    });
    let places = use_places();
    let filter = Memo::new(move |_| router.location.with(|l| KpiFilter::from_params(&l.params)));
    let latest = Memo::new(move |_| summaries.with(|k| latest_period(k)));
    // The ids of the rows shown, in order: the rows themselves read their KPIs.
    let shown = Memo::new(move |_| {
        filter.with(|f| {
            places.with(|places| {
                summaries.with(|k| {
                    find_kpis(k, f, places)
                        .into_iter()
                        .map(|k| k.id.clone())
                        .collect::<Vec<Id>>()
                })
            })
        })
    });
    let set = move |f: KpiFilter| router.replace_params(f.to_params());
    let total = Memo::new(move |_| summaries.with(Vec::len));
    // A screenful of rows at once, the rest after the browser has painted.
    let drawn = drawn_rows(shown, move || shown.with(Vec::len), 40, 60).count;

    let download_csv = move |_| {
        let (text, name) = app.plan.with_untracked(|p| {
            (
                kpis_to_csv(p),
                format!("{}-kpis-{}.csv", slug(&p.title), today()),
            )
        });
        match download(&name, "text/csv", &text) {
            Ok(()) => app.notify(format!("Downloaded {name}"), false),
            Err(e) => app.notify(format!("The KPIs could not be downloaded: {e}"), false),
        }
    };

    view! {
        <h1>"KPIs"</h1>
        <div class="toolbar no-print" role="group" aria-label="KPI tools">
            <button type="button" on:click=move |_| router.go(edit_location(None))>"Add a KPI"</button>
            <button type="button" class="secondary" on:click=move |_| router.go(paste_location())>"Paste KPI table"</button>
            <button type="button" class="secondary" on:click=download_csv>"Download KPIs as CSV"</button>
            <button type="button" class="secondary" aria-pressed=move || if filter.with(|f| f.compact) { "true" } else { "false" }
                on:click=move |_| { let mut f = filter.get_untracked(); f.compact = !f.compact; set(f); }>"Compact view"</button>
        </div>
        <Filters filter=filter latest_period=latest places=places/>
        <p class="result-count" role="status">
            {move || {
                let n = shown.with(Vec::len);
                let t = total.get();
                if filter.with(KpiFilter::is_filtering) {
                    format!("{n} of {t} KPIs match")
                } else if t == 1 { "1 KPI".to_string() } else { format!("{t} KPIs") }
            }}
        </p>
        <div class="table-wrap" role="region" aria-label="KPIs" tabindex="0">
            <table class="kpi-list" class:compact=move || filter.with(|f| f.compact)>
                <caption>"KPIs"<span class="caption-hint">" — select a column heading to sort"</span></caption>
                <thead>
                    <tr>
                        <SortHeader col=KpiSort::Code filter=filter/>
                        <SortHeader col=KpiSort::Title filter=filter/>
                        <SortHeader col=KpiSort::Unit filter=filter/>
                        <SortHeader col=KpiSort::Latest filter=filter/>
                        <SortHeader col=KpiSort::Target filter=filter/>
                        <SortHeader col=KpiSort::Rag filter=filter/>
                        <SortHeader col=KpiSort::Direction filter=filter/>
                        <th scope="col" class="col-trend">"Trend"</th>
                        <SortHeader col=KpiSort::Officer filter=filter/>
                        <SortHeader col=KpiSort::Linked filter=filter/>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown.with(|v| v.iter().take(drawn.get()).cloned().collect::<Vec<_>>()) key=|id| id.clone() let:id>
                        <KpiRow id=id places=places/>
                    </For>
                </tbody>
            </table>
        </div>
        {move || (shown.with(Vec::is_empty) && total.get() > 0).then(|| view! {
            <p>"No KPI matches these filters."</p>
        })}
        {move || (total.get() == 0).then(|| view! {
            <p>"This plan has no KPIs yet. Add one, or paste a KPI table copied from a spreadsheet or a Word document."</p>
        })}
    }
}

#[component]
fn SortHeader(col: KpiSort, filter: Memo<KpiFilter>) -> impl IntoView {
    let router = use_router();
    let state = move || {
        filter.with(|f| {
            if f.sort == Some(col) {
                Some(f.descending)
            } else {
                None
            }
        })
    };
    let class = match col {
        KpiSort::Officer => "col-officer",
        KpiSort::Linked => "col-linked",
        KpiSort::Unit => "col-unit",
        KpiSort::Title => "col-title",
        _ => "",
    };
    view! {
        <th scope="col" class=class aria-sort=move || match state() {
            Some(false) => Some("ascending"),
            Some(true) => Some("descending"),
            None => None,
        }>
            <button type="button" class="sort-button" on:click=move |_| {
                router.replace_params(filter.with_untracked(|f| f.sorted_by(col)).to_params());
            }>
                {col.label()}
                <span class="sort-icon" aria-hidden="true">{move || match state() {
                    Some(false) => "▲",
                    Some(true) => "▼",
                    None => "⇅",
                }}</span>
            </button>
        </th>
    }
}

#[component]
fn Filters(
    filter: Memo<KpiFilter>,
    latest_period: Memo<Option<String>>,
    places: Memo<Vec<KpiPlace>>,
) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let set = move |f: KpiFilter| router.replace_params(f.to_params());
    let edit = move |change: &dyn Fn(&mut KpiFilter)| {
        let mut f = filter.get_untracked();
        change(&mut f);
        set(f);
    };
    let sources = Memo::new(move |_| app.plan.kpis(kpi_sources));
    let place_is = move |id: &Id| filter.with(|f| f.place.as_ref() == Some(id));
    view! {
        <search class="filters no-print" aria-label="Find KPIs">
            <h2 class="visually-hidden">"Find KPIs"</h2>
            <div class="filter-row">
                <div class="form-group grow">
                    <label class="label" for="kpi-q">"Search code or title"</label>
                    <input class="input" id="kpi-q" type="search" autocomplete="off"
                        prop:value=move || filter.with(|f| f.text.clone())
                        on:input=move |ev| edit(&|f| f.text = event_target_value(&ev))/>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-priority">"Priority or outcome"</label>
                    <select class="select" id="kpi-priority" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(&|f| f.place = (!v.is_empty()).then(|| Id::new(v.clone())));
                    }>
                        <option value="" selected=move || filter.with(|f| f.place.is_none())>"Any"</option>
                        {move || places.get().into_iter().map(|p| {
                            let id = p.id.clone();
                            view! { <option value=p.id.to_string() selected=move || place_is(&id)>{p.label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-source">"Source"</label>
                    <select class="select" id="kpi-source" on:change=move |ev| edit(&|f| f.source = event_target_value(&ev))>
                        <option value="" selected=move || filter.with(|f| f.source.is_empty())>"Any source"</option>
                        {move || sources.get().into_iter().map(|s| {
                            let s2 = s.clone();
                            view! { <option value=s.clone() selected=move || filter.with(|f| f.source.eq_ignore_ascii_case(&s2))>{s.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-rag">"RAG"</label>
                    <select class="select" id="kpi-rag" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(&|f| f.rag = rag_from_key(&v));
                    }>
                        <option value="" selected=move || filter.with(|f| f.rag.is_none())>"Any RAG"</option>
                        {[Rag::Red, Rag::Amber, Rag::Green, Rag::NotRated].into_iter().map(|r| view! {
                            <option value=r.key() selected=move || filter.with(|f| f.rag == Some(r))>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-direction">"Direction of travel"</label>
                    <select class="select" id="kpi-direction" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(&|f| f.direction = Direction::from_key(&v));
                    }>
                        <option value="" selected=move || filter.with(|f| f.direction.is_none())>"Any direction"</option>
                        {Direction::ALL.into_iter().map(|d| view! {
                            <option value=d.key() selected=move || filter.with(|f| f.direction == Some(d))>{format!("{} {}", d.arrow(), d.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group checkbox">
                    <input type="checkbox" id="kpi-nodata" prop:checked=move || filter.with(|f| f.no_data)
                        on:change=move |ev| edit(&|f| f.no_data = event_target_checked(&ev))/>
                    <label class="label" for="kpi-nodata">
                        {move || match latest_period.get() {
                            Some(p) => format!("No data for the latest period ({p})"),
                            None => "No data for the latest period".to_string(),
                        }}
                    </label>
                </div>
            </div>
            {move || filter.with(KpiFilter::is_filtering).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| set(filter.with_untracked(KpiFilter::cleared))>"Clear filters"</button>
            })}
        </search>
    }
}

/// The Code cell's link text: the code; for a KPI with no code, "No code" (muted),
/// with the title for screen readers, so the row header still names the KPI and
/// the title is not written twice on screen.
fn code_cell(r: Option<&KpiSummary>) -> impl IntoView {
    let Some(r) = r else {
        return ().into_any();
    };
    if r.code.is_empty() {
        view! {
            <span>
                <span class="no-code">"No code"</span>
                <span class="visually-hidden">{format!(" — {}", r.title)}</span>
            </span>
        }
        .into_any()
    } else {
        r.code.clone().into_any()
    }
}

/// One KPI's row, reading that KPI alone: an edit of it updates the row's cells in
/// place, and an edit of any other KPI leaves the row alone.
#[component]
fn KpiRow(id: Id, places: Memo<Vec<KpiPlace>>) -> impl IntoView {
    let app = use_app();
    let key = id.clone();
    let row = Memo::new(move |_| app.plan.kpi(&key, KpiSummary::of));
    let text = move |f: fn(&KpiSummary) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let linked = Memo::new(move |_| {
        let (p, o) = row.with(|r| {
            r.as_ref()
                .map(|r| (r.priority_id.clone(), r.outcome_id.clone()))
                .unwrap_or_default()
        });
        places.with(|pl| linked_words(pl, p.as_ref(), o.as_ref()))
    });
    let rag = move || row.with(|r| r.as_ref().map_or(Rag::NotRated, |r| r.rag));
    let direction = move || {
        row.with(|r| {
            r.as_ref().map_or((Direction::NotComparable, 0), |r| {
                (r.direction, r.run_length)
            })
        })
    };
    view! {
        <tr>
            <th scope="row" class="code"><KpiLink id=id title=Signal::derive(text(|r| r.name.clone()))>{move || row.with(|r| code_cell(r.as_ref()))}</KpiLink></th>
            <td class="col-title">{text(|r| r.title.clone())}</td>
            <td class="col-unit">{text(|r| r.unit.to_string())}</td>
            <td class="num" class:provisional=move || row.with(|r| r.as_ref().is_some_and(|r| r.latest_provisional))>{text(|r| r.latest.clone())}</td>
            <td class="num">{text(|r| r.target.clone().unwrap_or_else(|| "None".into()))}</td>
            <td>{move || view! { <RagBadge rag=rag()/> }}</td>
            <td>{move || { let (d, run) = direction(); view! { <DirectionOfTravel direction=d run=run/> } }}</td>
            <td class="col-trend">{move || row.with(|r| r.as_ref().map(|r| view! { <Sparkline values=r.spark.clone() label=r.actuals_words.clone()/> }))}</td>
            <td class="col-officer">{text(|r| if r.officer.is_empty() { "Not recorded".to_string() } else { r.officer.clone() })}</td>
            <td class="col-linked">{move || linked.get()}</td>
        </tr>
    }
}
