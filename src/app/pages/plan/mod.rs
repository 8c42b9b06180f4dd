//! The Plan page: the whole plan as a readable document, in the layout of the
//! source plans — each priority with its objectives, success criteria, KPI table
//! and action table, and its outcomes likewise — drawn with the document components
//! ([`crate::app::components::document`]) from the model of [`crate::core::document`].
//!
//! Every view reads only its own object from the plan store: a priority its fields,
//! each action row its action, a KPI table the KPIs; lists are keyed by id. So an
//! edit of one action's title draws that row's cells again and nothing else, and the
//! document stays mounted (hidden) while a form is open, so closing the form comes
//! back to the same page.

use crate::app::components::document::{
    ActionRowCells, ActionTable, Heading, KpiTableView, Layout, PlanSummaryList, RagDefinitions,
    SectionTop,
};
use crate::app::components::links::{import_location, plan_form_location};
use crate::app::components::{Bullets, RagBadge, TableRegion};
use crate::app::route::use_router;
use crate::app::schedule::{after_paint, drawn_rows};
use crate::app::state::{today, use_app, AppState};
use crate::core::document::{
    action_row, outcome_head, outcome_kpis, plan_summary, priority_head, priority_kpis,
    rag_definitions, risk_grid, risk_row, SectionHead,
};
use crate::core::edit;
use crate::core::filter::{
    all_leads, filter_actions_indexed, is_overdue, status_key, ActionFilter, SearchIndex, SortKey,
};
use crate::core::model::{ActionStatus, Id, Rag};
use forms::form_for;
use leptos::prelude::*;

mod forms;

#[component]
pub fn PlanPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    // The open form's address, if a form is open.
    let form = Memo::new(move |_| {
        router
            .location
            .with(|l| l.params.contains_key("edit").then(|| l.params.clone()))
    });
    // The filters of the action list; while a form is open, those it had before.
    let filter = Memo::new(move |prev: Option<&ActionFilter>| {
        router.location.with(|l| {
            if l.params.contains_key("edit") {
                prev.cloned().unwrap_or_default()
            } else {
                ActionFilter::from_params(&l.params)
            }
        })
    });
    let filtering = Memo::new(move |_| !filter.with(ActionFilter::is_empty));
    let show_all = RwSignal::new(false);
    // The plan's search text, made once the page has painted (not on the first
    // keystroke), and again after an edit when next searched.
    let index = Memo::new(move |_| app.plan.with(SearchIndex::new));
    after_paint(move || {
        let _ = index.try_with_untracked(|_| ());
    });
    // The plan is drawn once it is first shown (not behind a form opened straight
    // from its address), then kept.
    let shown = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || form.with(Option::is_none)
    });
    view! {
        {move || form.get().map(|_| {
            router
                .location
                .with_untracked(form_for)
                .unwrap_or_else(|| view! { <h1>"Page not found"</h1> }.into_any())
        })}
        // The plan stays drawn while a form is open (hidden, like the document while
        // a filter is on), so Save and Cancel come back to it as it was.
        {move || shown.get().then(|| view! {
            <div class="doc-wrap plan-view" class:doc-hidden=move || form.with(Option::is_some)>
                <Toolbar/>
                <FilterBar filter=filter/>
                <div class="plan-page">
                    // The document stays drawn while a filter is on, so filtering and
                    // clearing never rebuild it.
                    <div class="doc-wrap" class:doc-hidden=move || filtering.get()>
                        <PlanDocument/>
                    </div>
                    {move || filtering.get().then(|| view! { <Results filter=filter show_all=show_all index=index/> })}
                </div>
            </div>
        })}
    }
}

/// Buttons that act on the whole plan.
#[component]
fn Toolbar() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    view! {
        <div class="toolbar no-print" role="group" aria-label="Plan tools">
            <button type="button" class="secondary" id="tool-edit-details"
                on:click=move |_| router.go(plan_form_location("details", &[]))>"Edit plan details"</button>
            <button type="button" class="secondary" id="tool-add-priority"
                on:click=move |_| router.go(plan_form_location("priority", &[]))>"Add a priority"</button>
            <button type="button" class="secondary" id="tool-paste-actions"
                on:click=move |_| router.go(import_location("plan", &[]))>"Paste action table"</button>
            <button type="button" class="secondary" on:click=move |_| {
                if let Some(c) = app.plan.with_untracked(edit::renumber) {
                    app.apply_with_undo(c, "Renumbered priorities and action references");
                } else {
                    app.notify("References are already numbered in order.", false);
                }
            }>"Renumber references"</button>
            <a class="button secondary" href="#risk-register">"Risk register"</a>
        </div>
    }
}

/// The priorities as filter choices, (id, "Priority 1"), each read on its own.
fn priority_choices(app: AppState) -> Vec<(String, String)> {
    app.plan
        .priority_ids()
        .into_iter()
        .filter_map(|id| {
            app.plan.priority(&id, |_, p| {
                (id.to_string(), format!("Priority {}", p.number))
            })
        })
        .collect()
}

/// Filters of the action list, kept in the address so a view can be bookmarked.
#[component]
fn FilterBar(filter: Memo<ActionFilter>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let set = move |f: ActionFilter| router.replace_params(f.to_params());
    let leads = Memo::new(move |_| app.plan.with(all_leads));
    let priorities = Memo::new(move |_| priority_choices(app));
    view! {
        <search class="filters no-print" aria-label="Find actions">
            <h2 class="visually-hidden">"Find actions"</h2>
            <div class="filter-row">
                <div class="form-group grow">
                    <label class="label" for="filter-q">"Search actions"</label>
                    <input class="input" id="filter-q" type="search" autocomplete="off"
                        prop:value=move || filter.with(|f| f.text.clone())
                        on:input=move |ev| { let mut f = filter.get_untracked(); f.text = event_target_value(&ev); set(f); }/>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-lead">"Lead"</label>
                    <select class="select" id="filter-lead" on:change=move |ev| { let mut f = filter.get_untracked(); f.lead = event_target_value(&ev); set(f); }>
                        <option value="" selected=move || filter.with(|f| f.lead.is_empty())>"Any lead"</option>
                        {move || leads.get().into_iter().map(|l| {
                            let l2 = l.clone();
                            view! { <option value=l.clone() selected=move || filter.with(|f| f.lead.eq_ignore_ascii_case(&l2))>{l.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-rag">"RAG"</label>
                    <select class="select" id="filter-rag" on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        let v = event_target_value(&ev);
                        f.rag = Rag::ALL.into_iter().find(|r| r.key() == v);
                        set(f);
                    }>
                        <option value="" selected=move || filter.with(|f| f.rag.is_none())>"Any RAG"</option>
                        {Rag::ALL.into_iter().map(|r| view! {
                            <option value=r.key() selected=move || filter.with(|f| f.rag == Some(r))>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-priority">"Priority"</label>
                    <select class="select" id="filter-priority" on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        let v = event_target_value(&ev);
                        f.priority = (!v.is_empty()).then(|| Id::new(v));
                        set(f);
                    }>
                        <option value="" selected=move || filter.with(|f| f.priority.is_none())>"Any priority"</option>
                        {move || priorities.get().into_iter().map(|(id, label)| {
                            let id2 = id.clone();
                            view! { <option value=id selected=move || filter.with(|f| f.priority.as_ref().map(|p| p.as_str()) == Some(id2.as_str()))>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-status">"Status"</label>
                    <select class="select" id="filter-status" on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        let v = event_target_value(&ev);
                        f.status = ActionStatus::ALL.into_iter().find(|s| status_key(*s) == v);
                        set(f);
                    }>
                        <option value="" selected=move || filter.with(|f| f.status.is_none())>"Any status"</option>
                        {ActionStatus::ALL.into_iter().map(|s| view! {
                            <option value=status_key(s) selected=move || filter.with(|f| f.status == Some(s))>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="filter-sort">"Sort by"</label>
                    <select class="select" id="filter-sort" on:change=move |ev| {
                        let mut f = filter.get_untracked();
                        f.sort = match event_target_value(&ev).as_str() { "due" => SortKey::Due, "rag" => SortKey::Rag, _ => SortKey::Reference };
                        set(f);
                    }>
                        <option value="reference" selected=move || filter.with(|f| f.sort == SortKey::Reference)>"Reference"</option>
                        <option value="due" selected=move || filter.with(|f| f.sort == SortKey::Due)>"Due date"</option>
                        <option value="rag" selected=move || filter.with(|f| f.sort == SortKey::Rag)>"RAG (red first)"</option>
                    </select>
                </div>
                <div class="form-group checkbox">
                    <input type="checkbox" id="filter-overdue" prop:checked=move || filter.with(|f| f.overdue)
                        on:change=move |ev| { let mut f = filter.get_untracked(); f.overdue = event_target_checked(&ev); set(f); }/>
                    <label class="label" for="filter-overdue">"Overdue only"</label>
                </div>
                {move || app.plan.details(|p| p.exchange.as_ref().is_some_and(|e| e.request.is_some())).then(|| view! {
                    <div class="form-group checkbox">
                        <input type="checkbox" id="filter-mine" prop:checked=move || filter.with(|f| f.requested)
                            on:change=move |ev| { let mut f = filter.get_untracked(); f.requested = event_target_checked(&ev); set(f); }/>
                        <label class="label" for="filter-mine">"Only the actions asked of me"</label>
                    </div>
                })}
            </div>
            {move || (!filter.with(ActionFilter::is_empty)).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| set(ActionFilter::default())>"Clear filters"</button>
            })}
        </search>
    }
}

/// How many matching actions are drawn before "Show all".
const RESULTS_PAGE: usize = 200;
/// How many matching rows are drawn at once; the rest follow, this many at a time,
/// after the browser has painted.
const RESULTS_FIRST: usize = 20;
const RESULTS_STEP: usize = 40;

/// Where an action sits, as the results list says it: "Priority 1, outcome 2".
fn place_words(priority: &str, outcome: Option<&str>) -> String {
    match outcome {
        Some(o) => format!("Priority {priority}, outcome {o}"),
        None => format!("Priority {priority}"),
    }
}

/// The filtered action list: matches are worked out in the core; each row is keyed
/// by its action (and where it is) and reads its action from the store, so an edit
/// redraws that row's cells only.
#[component]
fn Results(
    filter: Memo<ActionFilter>,
    show_all: RwSignal<bool>,
    index: Memo<SearchIndex>,
) -> impl IntoView {
    let app = use_app();
    let limit = move || {
        if show_all.get() {
            usize::MAX
        } else {
            RESULTS_PAGE
        }
    };
    // How many actions match, and the rows that can be shown (up to the limit):
    // each the action's id and where it is.
    let found = Memo::new(move |_| {
        let now = today();
        let limit = limit();
        filter.with(|f| {
            index.with(|ix| {
                app.plan.with(|plan| {
                    let matches = filter_actions_indexed(plan, f, now, Some(ix));
                    let rows = matches
                        .iter()
                        .take(limit)
                        .map(|r| {
                            let place = place_words(
                                &r.priority.number,
                                r.outcome.map(|o| o.number.as_str()),
                            );
                            (r.action.id.clone(), place)
                        })
                        .collect::<Vec<_>>();
                    (matches.len(), rows)
                })
            })
        })
    });
    let count = move || found.with(|f| f.0);
    // Rows are drawn a screenful at a time: the first at once, the rest after the
    // browser has painted, so a keystroke shows its results straight away.
    let visible = drawn_rows(
        found,
        move || found.with(|f| f.1.len()),
        RESULTS_FIRST,
        RESULTS_STEP,
    );
    view! {
            <p class="result-count" role="status">
                {move || if count() == 1 { "1 action matches".to_string() } else { format!("{} actions match", count()) }}
            </p>
            <TableRegion caption="Matching actions" class="results-table">
                    <thead><tr>
                        <th scope="col">"Ref"</th><th scope="col">"Action"</th><th scope="col">"Where"</th><th scope="col">"Leads"</th>
                        <th scope="col">"Due"</th><th scope="col">"RAG"</th><th scope="col">"Status"</th><th scope="col" class="no-print">"Change"</th>
                    </tr></thead>
                    // A new set of matches gets a new body, drawn from its first rows,
                    // rather than the old rows being taken out one by one.
                    {move || {
                        visible.set.track();
                        view! {
                            <tbody>
                                <For
                                    each=move || found.with(|f| f.1.iter().take(visible.count.get()).cloned().collect::<Vec<_>>())
                                    key=|r| r.clone()
                                    children=move |(id, place): (Id, String)| view! { <ResultRow id=id place=place/> }
                                />
                            </tbody>
                        }
                    }}
    </TableRegion>
            {move || (count() > limit()).then(|| view! {
                <p>{format!("Showing the first {RESULTS_PAGE} of {}. ", count())}
                    <button type="button" class="secondary" on:click=move |_| show_all.set(true)>{format!("Show all {} matching actions", count())}</button>
                </p>
            })}
        }
}

/// One matching action: its cells read from the store.
#[component]
fn ResultRow(id: Id, place: String) -> impl IntoView {
    let app = use_app();
    let cells = move || {
        app.plan.action(&id, |a| {
            let due = a.due.map(|d| d.short()).unwrap_or_default();
            let overdue = is_overdue(a, today());
            view! {
                <th scope="row">{a.reference.clone()}</th>
                <td>{a.title.clone()}</td>
                <td>{place.clone()}</td>
                <td>{a.leads.join(", ")}</td>
                <td class="nowrap">{due}{overdue.then(|| view! { <span class="overdue">" Overdue"</span> })}</td>
                <td><RagBadge rag=a.current_rag()/></td>
                <td>{a.status.label()}</td>
                <td class="no-print"><RowButtons id=a.id.clone() reference=a.reference.clone() prefix="result-"/></td>
            }
        })
    };
    view! { <tr>{cells}</tr> }
}

/// Edit, update, move and delete buttons for an action. Each button that opens a
/// form has an id of its own (`{prefix}edit-{action}`), so the focus can come back
/// to it when the form closes.
#[component]
fn RowButtons(id: Id, reference: String, prefix: &'static str) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let (edit_id, update_id, up_id, down_id, delete_id) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let r = reference.clone();
    view! {
        <div class="row-buttons">
            <button type="button" class="small" id=format!("{prefix}edit-{id}") aria-label=format!("Edit action {reference}")
                on:click=move |_| router.go(plan_form_location("action", &[("id", edit_id.as_str())]))>"Edit"</button>
            <button type="button" class="small" id=format!("{prefix}update-{id}") aria-label=format!("Add a progress update to action {reference}")
                on:click=move |_| router.go(plan_form_location("update", &[("action", update_id.as_str())]))>"Update"</button>
            <button type="button" class="small secondary" aria-label=format!("Move action {reference} up")
                on:click=move |_| move_action_by(app, &up_id, -1)>"↑"</button>
            <button type="button" class="small secondary" aria-label=format!("Move action {reference} down")
                on:click=move |_| move_action_by(app, &down_id, 1)>"↓"</button>
            <button type="button" class="small secondary" aria-label=format!("Delete action {reference}")
                on:click=move |_| {
                    if let Some(c) = app.plan.with_untracked(|p| edit::delete_action(p, &delete_id)) {
                        app.apply_with_undo(c, format!("Deleted action {r}"));
                    }
                }>"Delete"</button>
        </div>
    }
}

fn move_action_by(app: AppState, id: &Id, delta: i64) {
    let change = app.plan.with_untracked(|p| {
        let place = edit::find_action(p, id)?;
        let pr = &p.priorities[place.priority];
        let (oid, len) = match place.outcome {
            Some(oi) => (
                Some(pr.outcomes[oi].id.clone()),
                pr.outcomes[oi].actions.len(),
            ),
            None => (None, pr.actions.len()),
        };
        let to = place.index as i64 + delta;
        if to < 0 || to >= len as i64 {
            return None;
        }
        edit::move_action(p, id, &pr.id, oid.as_ref(), to as usize)
    });
    match change {
        Some(c) => app.apply(
            c,
            if delta < 0 {
                "Move action up"
            } else {
                "Move action down"
            },
        ),
        None => app.notify(
            if delta < 0 {
                "That action is already first in its list."
            } else {
                "That action is already last in its list."
            },
            false,
        ),
    }
}

/// Buttons for a priority or an outcome. The ones that open a form have ids of their
/// own (`edit-{id}`, `add-action-{id}`, `add-outcome-{id}`).
#[component]
fn SectionButtons(
    priority: Id,
    #[prop(optional)] outcome: Option<Id>,
    name: String,
) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let own = outcome.clone().unwrap_or_else(|| priority.clone());
    let p1 = priority.clone();
    let o1 = outcome.clone();
    let paste_p = priority.clone();
    let paste_o = outcome.clone();
    let edit_target = outcome.clone();
    let p_edit = priority.clone();
    let p_out = priority.clone();
    let is_priority = outcome.is_none();
    let del_p = priority.clone();
    let del_o = outcome.clone();
    let name_del = name.clone();
    let mv = StoredValue::new(move |delta: i64| {
        let change = app.plan.with_untracked(|p| {
            let i = p.priorities.iter().position(|x| x.id == p1)? as i64 + delta;
            if i < 0 || i >= p.priorities.len() as i64 {
                return None;
            }
            edit::move_priority(p, &p1, i as usize)
        });
        if let Some(c) = change {
            app.apply(c, "Move priority");
        }
    });
    view! {
        <div class="row-buttons no-print">
            <button type="button" class="small secondary" id=format!("edit-{own}") aria-label=format!("Edit {name}")
                on:click=move |_| match &edit_target {
                    Some(o) => router.go(plan_form_location("outcome", &[("id", o.as_str())])),
                    None => router.go(plan_form_location("priority", &[("id", p_edit.as_str())])),
                }>"Edit"</button>
            <button type="button" class="small secondary" id=format!("add-action-{own}") aria-label=format!("Add action to {name}")
                on:click=move |_| {
                    let mut pairs = vec![("priority", priority.as_str())];
                    if let Some(o) = &o1 { pairs.push(("outcome", o.as_str())); }
                    router.go(plan_form_location("action", &pairs));
                }>"Add action"</button>
            <button type="button" class="small secondary" id=format!("paste-actions-{own}") aria-label=format!("Paste actions into {name}")
                on:click=move |_| {
                    let mut pairs = vec![("priority", paste_p.as_str())];
                    if let Some(o) = &paste_o { pairs.push(("outcome", o.as_str())); }
                    router.go(import_location("plan", &pairs));
                }>"Paste actions"</button>
            {is_priority.then(|| view! {
                <button type="button" class="small secondary" id=format!("add-outcome-{own}") aria-label=format!("Add outcome to {name}")
                    on:click=move |_| router.go(plan_form_location("outcome", &[("priority", p_out.as_str())]))>"Add outcome"</button>
                <button type="button" class="small secondary" aria-label=format!("Move {name} up") on:click=move |_| mv.with_value(|f| f(-1))>"↑"</button>
                <button type="button" class="small secondary" aria-label=format!("Move {name} down") on:click=move |_| mv.with_value(|f| f(1))>"↓"</button>
            })}
            <button type="button" class="small secondary" aria-label=format!("Delete {name}")
                on:click=move |_| {
                    let c = app.plan.with_untracked(|p| match &del_o {
                        Some(o) => edit::delete_outcome(p, o),
                        None => edit::delete_priority(p, &del_p),
                    });
                    if let Some(c) = c { app.apply_with_undo(c, format!("Deleted {name_del}")); }
                }>"Delete"</button>
        </div>
    }
}

/// The plan as a document. The first priority is drawn at once and the others after
/// it, one each time the browser has painted, then the risk register and the rest,
/// so the page shows at once however long the plan.
#[component]
fn PlanDocument() -> impl IntoView {
    let app = use_app();
    let ids = Memo::new(move |_| app.plan.priority_ids());
    // How many priority sections are drawn: the first at once, then one more each
    // time the browser has painted.
    let drawn = RwSignal::new(1usize);
    fn grow(drawn: RwSignal<usize>, ids: Memo<Vec<Id>>) {
        let total = ids.try_with_untracked(Vec::len).unwrap_or(0);
        if drawn.try_get_untracked().is_some_and(|d| d < total) {
            after_paint(move || {
                if drawn.try_update(|d| *d += 1).is_some() {
                    grow(drawn, ids);
                }
            });
        }
    }
    // Start (again) whenever the number of priorities grows past what is drawn.
    Effect::new(move |_| {
        let total = ids.with(Vec::len);
        if drawn.get_untracked() < total {
            grow(drawn, ids);
        }
    });
    let all_drawn = Memo::new(move |_| drawn.get() >= ids.with(Vec::len));
    // Printing straight after opening the page prints the whole plan.
    let print = window_event_listener(leptos::ev::beforeprint, move |_| {
        let total = ids.with_untracked(Vec::len);
        drawn.set(total.max(drawn.get_untracked()));
    });
    on_cleanup(move || print.remove());
    // A link to a place in the plan (the contents, "Risk register") clicked before
    // that place is drawn: draw the rest first, so the browser finds it.
    let jump = window_event_listener(leptos::ev::click, move |ev| {
        use wasm_bindgen::JsCast;
        // Only a link whose place is not drawn yet (not "Skip to main content").
        let missing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='#']").ok().flatten())
            .and_then(|a| a.get_attribute("href"))
            .is_some_and(|h| document().get_element_by_id(&h[1..]).is_none());
        if missing {
            let total = ids.with_untracked(Vec::len);
            if drawn.get_untracked() < total {
                drawn.set(total);
            }
        }
    });
    on_cleanup(move || jump.remove());
    view! {
        <article class="plan-doc" aria-busy=move || if all_drawn.get() { "false" } else { "true" }>
            <PlanHead ids=ids/>
            // Drawn in order and only added at the end, so nothing already on the
            // screen moves while the rest is drawn.
            <For each=move || ids.with(|v| v.iter().take(drawn.get()).cloned().collect::<Vec<_>>()) key=|id| id.clone() let:id>
                <PrioritySection id=id/>
            </For>
            {move || if all_drawn.get() {
                view! { <RiskRegister/><PlanTail/> }.into_any()
            } else {
                view! { <p class="meta drawing">"Drawing the rest of the plan…"</p> }.into_any()
            }}
        </article>
    }
}

/// The plan's title, summary list and contents.
#[component]
fn PlanHead(ids: Memo<Vec<Id>>) -> impl IntoView {
    let app = use_app();
    let summary = Memo::new(move |_| app.plan.details(plan_summary));
    let has_glossary = Memo::new(move |_| app.plan.details(|p| !p.glossary.is_empty()));
    view! {
        <h1>{move || summary.with(|s| s.title.clone())}</h1>
        {move || view! { <PlanSummaryList summary=summary.get() layout=Layout::Page/> }}
        <nav class="contents" aria-labelledby="contents-heading">
            <h2 id="contents-heading">"Contents"</h2>
            <ol>
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <ContentsLine id=id/>
                </For>
                {move || has_glossary.get().then(|| view! { <li><a href="#glossary">"Glossary"</a></li> })}
            </ol>
        </nav>
    }
}

/// A priority's line of the contents, a link to it.
#[component]
fn ContentsLine(id: Id) -> impl IntoView {
    let app = use_app();
    let href = format!("#{id}");
    view! { <li><a href=href>{move || app.plan.priority(&id, |_, p| priority_head(p).heading)}</a></li> }
}

/// The action table of a priority or an outcome (`parent`): its rows keyed by id,
/// each reading its own action.
#[component]
fn PlanActionTable(parent: Id, head: Memo<Option<SectionHead>>) -> impl IntoView {
    let app = use_app();
    let p = parent.clone();
    let ids = Memo::new(move |_| app.plan.children(&p).1);
    let any = Memo::new(move |_| ids.with(|v| !v.is_empty()));
    let caption = Signal::derive(move || {
        head.with(|h| h.as_ref().map(SectionHead::action_caption))
            .unwrap_or_default()
    });
    move || {
        any.get().then(|| {
            view! {
                <ActionTable caption=caption layout=Layout::Page>
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <PlanActionRow id=id/>
                    </For>
                </ActionTable>
            }
        })
    }
}

/// One action's row: the row element stays; its cells are drawn again when the
/// action changes.
#[component]
fn PlanActionRow(id: Id) -> impl IntoView {
    let app = use_app();
    let row_id = id.to_string();
    let cells = move || {
        app.plan.action(&id, |a| {
            let row = action_row(a, None);
            let buttons =
                view! { <RowButtons id=row.id.clone() reference=row.reference.clone() prefix=""/> }
                    .into_any();
            view! { <ActionRowCells row=row buttons=Some(buttons)/> }
        })
    };
    view! { <tr id=row_id tabindex="-1">{cells}</tr> }
}

#[component]
fn PrioritySection(id: Id) -> impl IntoView {
    let app = use_app();
    let (i1, i2, i3, i4) = (id.clone(), id.clone(), id.clone(), id.clone());
    let head = Memo::new(move |_| app.plan.priority(&i1, |_, p| priority_head(p)));
    let kpis = Memo::new(move |_| {
        let caption = head.with(|h| h.as_ref().map(SectionHead::kpi_caption))?;
        app.plan
            .kpis(|all| crate::core::document::kpi_table(&priority_kpis(all, &i2), &caption))
    });
    let outcomes = Memo::new(move |_| app.plan.children(&i3).0);
    let heading_id = format!("{id}-heading");
    let hid = heading_id.clone();
    let (elem_id, table_id) = (id.to_string(), id.clone());
    view! {
        <section class="priority" id=elem_id aria-labelledby=heading_id tabindex="-1">
            {move || head.get().map(|h| {
                let buttons = view! { <SectionButtons priority=i4.clone() name=h.button_name()/> }.into_any();
                view! { <SectionTop head=h level=2 heading_id=Some(hid.clone()) buttons=Some(buttons)/> }
            })}
            {move || kpis.get().map(|t| view! { <KpiTableView table=t layout=Layout::Page/> })}
            <PlanActionTable parent=table_id head=head/>
            <For each=move || outcomes.get() key=|o| o.clone() let:oid>
                <OutcomeSection id=oid priority=id.clone()/>
            </For>
        </section>
    }
}

#[component]
fn OutcomeSection(id: Id, priority: Id) -> impl IntoView {
    let app = use_app();
    let (i1, i2) = (id.clone(), id.clone());
    let head = Memo::new(move |_| app.plan.outcome(&i1, |_, o| outcome_head(o)));
    let kpis = Memo::new(move |_| {
        let caption = head.with(|h| h.as_ref().map(SectionHead::kpi_caption))?;
        app.plan
            .kpis(|all| crate::core::document::kpi_table(&outcome_kpis(all, &i2), &caption))
    });
    let heading_id = format!("{id}-heading");
    let hid = heading_id.clone();
    let oid = id.clone();
    view! {
        <section class="outcome" id=id.to_string() aria-labelledby=heading_id tabindex="-1">
            {move || head.get().map(|h| {
                let buttons = view! { <SectionButtons priority=priority.clone() outcome=oid.clone() name=h.button_name()/> }.into_any();
                view! { <SectionTop head=h level=3 heading_id=Some(hid.clone()) buttons=Some(buttons)/> }
            })}
            {move || kpis.get().map(|t| view! { <KpiTableView table=t layout=Layout::Page/> })}
            <PlanActionTable parent=id.clone() head=head/>
        </section>
    }
}

/// The RAG definitions, glossary and notes, read from the plan's details.
#[component]
fn PlanTail() -> impl IntoView {
    let app = use_app();
    view! {
        {move || view! { <RagDefinitions definitions=app.plan.details(rag_definitions) layout=Layout::Page/> }}
        {move || app.plan.details(|plan| (!plan.glossary.is_empty()).then(|| view! {
            <section id="glossary" aria-labelledby="glossary-heading">
                <h2 id="glossary-heading">"Glossary"</h2>
                <dl class="glossary">
                    {plan.glossary.iter().map(|g| view! {
                        <div><dt><abbr>{g.term.clone()}</abbr></dt><dd>{g.meaning.clone()}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
        }))}
        {move || app.plan.details(|plan| (!plan.notes.is_empty()).then(|| view! {
            <section aria-labelledby="notes-heading">
                <h2 id="notes-heading">"Notes"</h2>
                <Bullets items=plan.notes.clone()/>
            </section>
        }))}
    }
}

/// The plan's risk register: a table (a row for each risk, keyed by id, reading its
/// own risk) and a 5×5 likelihood × impact grid.
#[component]
fn RiskRegister() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let ids = Memo::new(move |_| {
        app.plan
            .risks(|all| all.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
    });
    let empty = Memo::new(move |_| ids.with(Vec::is_empty));
    let grid = Memo::new(move |_| app.plan.risks(risk_grid));
    view! {
            <section id="risk-register" aria-labelledby="risk-heading" tabindex="-1">
                <Heading level=2 id=Some("risk-heading".into())>"Risk register"</Heading>
                <button type="button" class="secondary no-print" id="tool-add-risk"
                    on:click=move |_| router.go(plan_form_location("risk", &[]))>"Add a risk to the register"</button>
                {move || if empty.get() {
                    view! { <p>"The register has no risks yet. Risks of each action are in its row of the action table."</p> }.into_any()
                } else {
                    view! {
                        <TableRegion caption="Risk register">
                                <thead><tr>
                                    <th scope="col">"No."</th><th scope="col">"Risk"</th><th scope="col">"Owner"</th>
                                    <th scope="col">"Likelihood"</th><th scope="col">"Impact"</th><th scope="col">"Score"</th>
                                    <th scope="col">"RAG"</th><th scope="col">"Mitigation"</th><th scope="col" class="no-print">"Change"</th>
                                </tr></thead>
                                <tbody>
                                    <For each=move || ids.get() key=|id| id.clone() let:id>
                                        <RiskRowView id=id ids=ids/>
                                    </For>
                                </tbody>
    </TableRegion>
                        <RiskGrid grid=grid/>
                    }.into_any()
                }}
            </section>
        }
}

/// One register risk: numbered by its place in the register.
#[component]
fn RiskRowView(id: Id, ids: Memo<Vec<Id>>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let cells = move || {
        let index = ids.with(|v| v.iter().position(|x| *x == id))?;
        app.plan.risk(&id, |r| {
            let row = risk_row(index, r);
            let number = row.number.clone();
            let (edit_id, del_id) = (row.id.clone(), row.id.clone());
            view! {
                <th scope="row">{row.number}</th>
                <td>{row.description}</td>
                <td>{row.owner}</td>
                <td class="num">{row.likelihood}</td>
                <td class="num">{row.impact}</td>
                <td class="num">{row.score}</td>
                <td><RagBadge rag=row.rag/></td>
                <td>{row.mitigation}</td>
                <td class="no-print">
                    <div class="row-buttons">
                        <button type="button" class="small" id=format!("edit-{}", row.id) aria-label=format!("Edit risk {number}")
                            on:click=move |_| router.go(plan_form_location("risk", &[("id", edit_id.as_str())]))>"Edit"</button>
                        <button type="button" class="small secondary" aria-label=format!("Delete risk {number}")
                            on:click=move |_| {
                                if let Some(c) = app.plan.with_untracked(|p| edit::delete_risk(p, &del_id)) {
                                    app.apply_with_undo(c, format!("Deleted risk {number}"));
                                }
                            }>"Delete"</button>
                    </div>
                </td>
            }
        })
    };
    view! { <tr>{cells}</tr> }
}

#[component]
fn RiskGrid(grid: Memo<Vec<crate::core::document::GridRow>>) -> impl IntoView {
    let rows = move || {
        grid.get()
            .into_iter()
            .map(|g| {
                let cells = g
                    .cells
                    .into_iter()
                    .map(|c| {
                        view! {
                            <td class=format!("grid-cell rag-bg-{}", c.rag.key())>
                                <span class="visually-hidden">{format!("Score {}, {}: ", c.score, c.rag.label())}</span>
                                {c.names}
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{format!("Likelihood {}", g.likelihood)}</th>{cells}</tr> }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap narrow" role="region" aria-label="Risk grid" tabindex="0">
            <table class="risk-grid">
                <caption>"Risks by likelihood (rows) and impact (columns)"</caption>
                <thead><tr><td></td>{(1..=5).map(|i| view! { <th scope="col">{format!("Impact {i}")}</th> }).collect_view()}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
