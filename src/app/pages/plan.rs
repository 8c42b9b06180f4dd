//! The Plan page: the whole plan as a readable document, in the layout of the
//! source plans — each priority with its objectives, success criteria, KPI table
//! and action table, and its outcomes likewise.

use crate::app::components::{Bullets, Paragraphs, RagBadge};
use crate::app::pages::edit::{edit_location, form_for, status_key};
use crate::app::route::{use_router, Router};
use crate::app::schedule::{after_paint, drawn_rows};
use crate::app::state::{today, use_app, AppState};
use crate::core::edit;
use crate::core::filter::{
    all_leads, filter_actions_indexed, is_overdue, ActionFilter, SearchIndex, SortKey,
};
use crate::core::model::{Action, ActionStatus, Id, Kpi, Outcome, Plan, Priority, Rag};
use crate::core::risk;
use crate::core::table::{self, Cell, ColumnKind};
use leptos::prelude::*;

#[component]
pub fn PlanPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let form = Memo::new(move |_| router.location.with(|l| l.params.get("edit").cloned()));
    let show_all = RwSignal::new(false);
    move || match form.get() {
        Some(_) => router
            .location
            .with_untracked(form_for)
            .unwrap_or_else(|| view! { <h1>"Page not found"</h1> }.into_any()),
        None => {
            let filter = Memo::new(move |_| {
                router
                    .location
                    .with(|l| ActionFilter::from_params(&l.params))
            });
            let filtering = Memo::new(move |_| !filter.with(ActionFilter::is_empty));
            // The plan's search text, made once the page has painted (not on the
            // first keystroke), and again after an edit when next searched.
            let index = Memo::new(move |_| app.plan.with(SearchIndex::new));
            after_paint(move || {
                let _ = index.try_with_untracked(|_| ());
            });
            view! {
                <Toolbar/>
                <FilterBar/>
                // One handler for every action's row buttons, in the document and
                // in the results.
                <div class="plan-page" on:click=move |ev| row_button_click(app, router, ev)>
                    // The document stays drawn while a filter is on, so filtering and
                    // clearing never rebuild it.
                    <div class="doc-wrap" class:doc-hidden=move || filtering.get()>
                        <PlanDocument/>
                    </div>
                    {move || filtering.get().then(|| view! { <Results filter=filter show_all=show_all index=index/> })}
                </div>
            }
            .into_any()
        }
    }
}

/// Buttons that act on the whole plan.
#[component]
fn Toolbar() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    view! {
        <div class="toolbar no-print" role="group" aria-label="Plan tools">
            <button type="button" class="secondary" on:click=move |_| router.go(edit_location("details", &[]))>"Edit plan details"</button>
            <button type="button" class="secondary" on:click=move |_| router.go(edit_location("priority", &[]))>"Add a priority"</button>
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

/// Filters of the action list, kept in the address so a view can be bookmarked.
#[component]
fn FilterBar() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let filter = Memo::new(move |_| {
        router
            .location
            .with(|l| ActionFilter::from_params(&l.params))
    });
    let set = move |f: ActionFilter| router.replace_params(f.to_params());
    let leads = Memo::new(move |_| app.plan.with(all_leads));
    let priorities = Memo::new(move |_| app.plan.with(priority_choices));
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

/// One row of the filtered action list, as drawn: a row is redrawn only when
/// something it shows changes.
#[derive(Clone, PartialEq, Eq, Hash)]
struct ResultRow {
    id: String,
    reference: String,
    title: String,
    place: String,
    leads: String,
    due: String,
    overdue: bool,
    rag: Rag,
    status: &'static str,
}

/// The priorities as filter choices: (id, "Priority 1").
pub fn priority_choices(plan: &Plan) -> Vec<(String, String)> {
    plan.priorities
        .iter()
        .map(|x| (x.id.to_string(), format!("Priority {}", x.number)))
        .collect()
}

/// The filtered action list: matches are worked out in the core, and rows are keyed
/// so a keystroke adds and removes only the rows that change.
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
    // How many actions match, and the rows that can be shown (up to the limit).
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
                            let a = r.action;
                            ResultRow {
                                id: a.id.to_string(),
                                reference: a.reference.clone(),
                                title: a.title.clone(),
                                place: match r.outcome {
                                    Some(o) => format!(
                                        "Priority {}, outcome {}",
                                        r.priority.number, o.number
                                    ),
                                    None => format!("Priority {}", r.priority.number),
                                },
                                leads: a.leads.join(", "),
                                due: a.due.map(|d| d.short()).unwrap_or_default(),
                                overdue: is_overdue(a, now),
                                rag: a.current_rag(),
                                status: a.status.label(),
                            }
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
        <div class="table-wrap" role="region" aria-label="Matching actions" tabindex="0">
            <table class="results-table">
                <caption>"Matching actions"</caption>
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
                                children=move |r: ResultRow| view! {
                                    <tr>
                                        <th scope="row">{r.reference.clone()}</th>
                                        <td>{r.title.clone()}</td>
                                        <td>{r.place.clone()}</td>
                                        <td>{r.leads.clone()}</td>
                                        <td class="nowrap">{r.due.clone()}{r.overdue.then(|| view! { <span class="overdue">" Overdue"</span> })}</td>
                                        <td><RagBadge rag=r.rag/></td>
                                        <td>{r.status}</td>
                                        <td class="no-print">{row_buttons(&r.id, &r.reference)}</td>
                                    </tr>
                                }
                            />
                        </tbody>
                    }
                }}
            </table>
        </div>
        {move || (count() > limit()).then(|| view! {
            <p>{format!("Showing the first {RESULTS_PAGE} of {}. ", count())}
                <button type="button" class="secondary" on:click=move |_| show_all.set(true)>{format!("Show all {} matching actions", count())}</button>
            </p>
        })}
    }
}

/// Edit, update, move and delete buttons for an action. They are plain buttons:
/// their clicks are handled once for the whole page ([`row_button_click`]), not by
/// five handlers a row, so long tables draw and clear quickly.
fn row_buttons(id: &str, reference: &str) -> impl IntoView {
    view! {
        <div class="row-buttons" data-action-id=id.to_string() data-action-ref=reference.to_string()>
            <button type="button" class="small" data-do="edit" aria-label=format!("Edit action {reference}")>"Edit"</button>
            <button type="button" class="small" data-do="update" aria-label=format!("Add a progress update to action {reference}")>"Update"</button>
            <button type="button" class="small secondary" data-do="up" aria-label=format!("Move action {reference} up")>"↑"</button>
            <button type="button" class="small secondary" data-do="down" aria-label=format!("Move action {reference} down")>"↓"</button>
            <button type="button" class="small secondary" data-do="delete" aria-label=format!("Delete action {reference}")>"Delete"</button>
        </div>
    }
}

/// Handles a click on any action's row buttons on the page (see [`row_buttons`]).
fn row_button_click(app: AppState, router: Router, ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(button) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("button[data-do]").ok().flatten())
    else {
        return;
    };
    let Some(group) = button.closest(".row-buttons").ok().flatten() else {
        return;
    };
    let (Some(what), Some(id)) = (
        button.get_attribute("data-do"),
        group.get_attribute("data-action-id"),
    ) else {
        return;
    };
    let reference = group.get_attribute("data-action-ref").unwrap_or_default();
    match what.as_str() {
        "edit" => router.go(edit_location("action", &[("id", id.as_str())])),
        "update" => router.go(edit_location("update", &[("action", id.as_str())])),
        "up" => move_action_by(app, &Id::new(id), -1),
        "down" => move_action_by(app, &Id::new(id), 1),
        "delete" => {
            if let Some(c) = app
                .plan
                .with_untracked(|p| edit::delete_action(p, &Id::new(id)))
            {
                app.apply_with_undo(c, format!("Deleted action {reference}"));
            }
        }
        _ => {}
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

/// Buttons for a priority or an outcome.
#[component]
fn SectionButtons(
    priority: Id,
    #[prop(optional)] outcome: Option<Id>,
    name: String,
) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let p1 = priority.clone();
    let o1 = outcome.clone();
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
            <button type="button" class="small secondary" aria-label=format!("Edit {name}")
                on:click=move |_| match &edit_target {
                    Some(o) => router.go(edit_location("outcome", &[("id", o.as_str())])),
                    None => router.go(edit_location("priority", &[("id", p_edit.as_str())])),
                }>"Edit"</button>
            <button type="button" class="small secondary" aria-label=format!("Add action to {name}")
                on:click=move |_| {
                    let mut pairs = vec![("priority", priority.as_str())];
                    if let Some(o) = &o1 { pairs.push(("outcome", o.as_str())); }
                    router.go(edit_location("action", &pairs));
                }>"Add action"</button>
            {is_priority.then(|| view! {
                <button type="button" class="small secondary" aria-label=format!("Add outcome to {name}")
                    on:click=move |_| router.go(edit_location("outcome", &[("priority", p_out.as_str())]))>"Add outcome"</button>
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

/// The plan as a document. Each priority is its own section, memoised, so an edit
/// re-renders only the priority it touches. The first priority is drawn at once and
/// the others after it, one each time the browser has painted, then the risk
/// register and the rest, so the page shows at once however long the plan.
#[component]
fn PlanDocument() -> impl IntoView {
    let app = use_app();
    let head = Memo::new(move |_| {
        app.plan.with(|p| {
            let mut h = Plan {
                priorities: p
                    .priorities
                    .iter()
                    .map(|x| Priority {
                        id: x.id.clone(),
                        number: x.number.clone(),
                        title: x.title.clone(),
                        ..Priority::default()
                    })
                    .collect(),
                ..Plan::default()
            };
            edit::PlanDetails::of(p).apply_to(&mut h);
            h
        })
    });
    let tail = Memo::new(move |_| {
        app.plan.with(|p| Plan {
            risks: p.risks.clone(),
            rag_definitions: p.rag_definitions.clone(),
            glossary: p.glossary.clone(),
            notes: p.notes.clone(),
            ..Plan::default()
        })
    });
    let ids = Memo::new(move |_| {
        app.plan.with(|p| {
            p.priorities
                .iter()
                .map(|x| x.id.clone())
                .collect::<Vec<_>>()
        })
    });
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
            {move || head.with(plan_head)}
            // Drawn in order and only added at the end, so nothing already on the
            // screen moves while the rest is drawn.
            <For each=move || ids.with(|v| v.iter().take(drawn.get()).cloned().collect::<Vec<_>>()) key=|id| id.clone() let:id>
                <PrioritySection id=id/>
            </For>
            {move || if all_drawn.get() {
                tail.with(plan_tail).into_any()
            } else {
                view! { <p class="meta drawing">"Drawing the rest of the plan…"</p> }.into_any()
            }}
        </article>
    }
}

#[component]
fn PrioritySection(id: Id) -> impl IntoView {
    let app = use_app();
    let data = Memo::new(move |_| {
        app.plan.with(|p| {
            let pr = p.priority(&id)?.clone();
            let kpis = p
                .kpis
                .iter()
                .filter(|k| k.priority_id.as_ref() == Some(&pr.id))
                .cloned()
                .collect();
            Some(Plan {
                kpis,
                ..Plan::default()
            })
            .map(|mini| (mini, pr))
        })
    });
    move || {
        data.with(|d| {
            d.as_ref()
                .map(|(mini, pr)| priority_section(mini, pr).into_any())
        })
    }
}

fn plan_head(plan: &Plan) -> AnyView {
    let period = plan.period_label.clone();
    let status = plan.status.label();
    let approved = match (&plan.approved_by, plan.approved_on) {
        (by, Some(on)) if !by.is_empty() => format!("{status} by {by} on {}", on.long()),
        (by, None) if !by.is_empty() => format!("{status} by {by}"),
        (_, Some(on)) => format!("{status} on {}", on.long()),
        _ => status.to_string(),
    };
    let updated = plan
        .last_updated
        .map(|d| d.long())
        .unwrap_or_else(|| "Not recorded".into());
    view! {
        <h1>{plan.title.clone()}</h1>
        <dl class="summary-list">
            <div><dt>"Organisation"</dt><dd>{plan.organisation.clone()}</dd></div>
            <div><dt>"Period"</dt><dd>{period}</dd></div>
            <div><dt>"Status"</dt><dd>{approved}</dd></div>
            <div><dt>"Last updated"</dt><dd>{updated}</dd></div>
            {(!plan.links.is_empty()).then(|| view! {
                <div><dt>"Links to other plans"</dt><dd><Bullets items=plan.links.clone()/></dd></div>
            })}
        </dl>
        <nav class="contents" aria-labelledby="contents-heading">
            <h2 id="contents-heading">"Contents"</h2>
            <ol>
                {plan.priorities.iter().map(|p| view! {
                    <li><a href=format!("#{}", p.id)>{format!("Priority {}: {}", p.number, p.title)}</a></li>
                }).collect_view()}
                {(!plan.glossary.is_empty()).then(|| view! { <li><a href="#glossary">"Glossary"</a></li> })}
            </ol>
        </nav>
    }
    .into_any()
}

fn plan_tail(plan: &Plan) -> AnyView {
    view! {
        {risk_register(plan)}
        {rag_definitions(plan)}
        {glossary(plan)}
        {(!plan.notes.is_empty()).then(|| view! {
            <section aria-labelledby="notes-heading">
                <h2 id="notes-heading">"Notes"</h2>
                <Bullets items=plan.notes.clone()/>
            </section>
        })}
    }
    .into_any()
}

fn priority_section(plan: &Plan, p: &Priority) -> impl IntoView {
    let heading_id = format!("{}-heading", p.id);
    let labelled_by = heading_id.clone();
    let kpis: Vec<&Kpi> = plan.kpis_of_priority(&p.id).collect();
    let name = format!("Priority {}", p.number);
    view! {
        <section class="priority" id=p.id.to_string() aria-labelledby=labelled_by tabindex="-1">
            <h2 id=heading_id>{format!("Priority {}: {}", p.number, p.title)}</h2>
            <SectionButtons priority=p.id.clone() name=format!("priority {}", p.number)/>
            {(!p.council_priority.is_empty()).then(|| view! { <p class="meta">{p.council_priority.clone()}</p> })}
            {(!p.group.is_empty()).then(|| view! { <p class="meta">{format!("Group: {}", p.group)}</p> })}
            {p.outcome_area.map(|a| view! { <p class="meta">{format!("Outcome area: {}", a.label())}</p> })}
            {(!p.objectives.is_empty()).then(|| view! {
                <h3>"Core objectives"</h3>
                <Bullets items=p.objectives.clone()/>
            })}
            {(!p.success_criteria.is_empty()).then(|| view! {
                <h3>"Success criteria"</h3>
                <Bullets items=p.success_criteria.clone()/>
            })}
            {kpi_table(&kpis, &format!("{name}: indicators"))}
            {action_table(&p.actions, &format!("{name}: actions"))}
            {p.outcomes.iter().map(|o| outcome_section(plan, &p.id, o)).collect_view()}
        </section>
    }
}

fn outcome_section(plan: &Plan, priority: &Id, o: &Outcome) -> impl IntoView {
    let priority_id = priority.clone();
    let heading_id = format!("{}-heading", o.id);
    let labelled_by = heading_id.clone();
    let kpis: Vec<&Kpi> = plan.kpis_of_outcome(&o.id).collect();
    let name = format!("Outcome {}", o.number);
    view! {
        <section class="outcome" id=o.id.to_string() aria-labelledby=labelled_by tabindex="-1">
            <h3 id=heading_id>{format!("Outcome {}: {}", o.number, o.title)}</h3>
            <SectionButtons priority=priority_id outcome=o.id.clone() name=format!("outcome {}", o.number)/>
            {(!o.council_priority.is_empty()).then(|| view! { <p class="meta">{o.council_priority.clone()}</p> })}
            {o.outcome_area.map(|a| view! { <p class="meta">{format!("Outcome area: {}", a.label())}</p> })}
            {(!o.success_criteria.is_empty()).then(|| view! {
                <h4>"Success criteria"</h4>
                <Bullets items=o.success_criteria.clone()/>
            })}
            {kpi_table(&kpis, &format!("{name}: indicators"))}
            {action_table(&o.actions, &format!("{name}: actions"))}
        </section>
    }
}

fn column_heading(kind: ColumnKind, period: &str) -> AnyView {
    match kind {
        ColumnKind::National | ColumnKind::Neighbours => view! {
            <abbr title=kind.long()>{kind.short()}</abbr>" "{period.to_string()}
        }
        .into_any(),
        _ => format!("{} {period}", kind.short()).into_any(),
    }
}

/// The KPI table in the seed's columns: indicator, code, baseline, actuals by
/// period with NA and SN, then targets by period.
fn kpi_table(kpis: &[&Kpi], caption: &str) -> Option<AnyView> {
    if kpis.is_empty() {
        return None;
    }
    let cols = table::columns(kpis);
    // Rows grouped under their section headings ("Key Stage 2"), in order.
    let mut groups: Vec<(String, Vec<&Kpi>)> = Vec::new();
    for k in kpis {
        match groups.last_mut() {
            Some((s, list)) if *s == k.section => list.push(k),
            _ => groups.push((k.section.clone(), vec![k])),
        }
    }
    let width = cols.len() + 3;
    let head = cols
        .iter()
        .map(|c| view! { <th scope="col">{column_heading(c.kind, &c.period)}</th> })
        .collect_view();
    let body = groups
        .into_iter()
        .map(|(section, rows)| {
            let cols = cols.clone();
            view! {
                <tbody>
                    {(!section.is_empty()).then(|| view! {
                        <tr class="section-row"><th scope="rowgroup" colspan=width>{section.clone()}</th></tr>
                    })}
                    {rows.into_iter().map(|k| kpi_row(k, &cols)).collect_view()}
                </tbody>
            }
        })
        .collect_view();
    Some(
        view! {
            <div class="table-wrap" role="region" aria-label=caption.to_string() tabindex="0">
                <table class="kpi-table">
                    <caption>{caption.to_string()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Indicator"</th>
                            <th scope="col">"Code"</th>
                            <th scope="col">"Baseline"</th>
                            {head}
                        </tr>
                    </thead>
                    {body}
                </table>
            </div>
        }
        .into_any(),
    )
}

fn kpi_row(k: &Kpi, cols: &[table::Column]) -> impl IntoView {
    let d = Some(k.decimals);
    let code = if k.sources.is_empty() {
        k.code.clone()
    } else if k.code.is_empty() {
        k.sources.join(", ")
    } else {
        format!("{} ({})", k.code, k.sources.join(", "))
    };
    let baseline = match &k.baseline.value {
        Some(v) if k.baseline.period.is_empty() => v.display(d),
        Some(v) => format!("{} ({})", v.display(d), k.baseline.period),
        None => String::new(),
    };
    let cells = cols
        .iter()
        .map(|c| {
            let (text, class) = match table::cell(k, c) {
                Cell::Value(v) if v.provisional => (v.display(d), "num provisional"),
                Cell::Value(v) if !v.is_available() => (v.display(d), "na"),
                Cell::Value(v) => (v.display(d), "num"),
                Cell::Target(t) => (t.display(d), "num target"),
                Cell::Blank => (String::new(), "blank"),
            };
            view! { <td class=class>{text}</td> }
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row">
                {k.title.clone()}
                {(k.unit != crate::core::model::Unit::Percent || !k.title.contains('%')).then(|| {
                    view! { <span class="unit">{format!(" ({})", k.unit.label())}</span> }
                })}
            </th>
            <td class="code">{code}</td>
            <td class="num">{baseline}</td>
            {cells}
        </tr>
    }
}

/// The action table in the seed's columns.
fn action_table(actions: &[Action], caption: &str) -> Option<AnyView> {
    if actions.is_empty() {
        return None;
    }
    let rows = actions.iter().map(action_row).collect_view();
    Some(
        view! {
            <div class="table-wrap" role="region" aria-label=caption.to_string() tabindex="0">
                <table class="action-table">
                    <caption>{caption.to_string()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Ref"</th>
                            <th scope="col">"Activity"</th>
                            <th scope="col">"Starting point"</th>
                            <th scope="col">"Timeline"</th>
                            <th scope="col">"Resources"</th>
                            <th scope="col">"Lead(s)"</th>
                            <th scope="col">"Projected outcomes"</th>
                            <th scope="col">"Risks and mitigation"</th>
                            <th scope="col">"RAG"</th>
                            <th scope="col">"Ref DR"</th>
                            <th scope="col">"Monitoring"</th>
                            <th scope="col">"Progress"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any(),
    )
}

fn action_row(a: &Action) -> impl IntoView {
    let latest = a.latest_update().cloned();
    let timeline = match a.due {
        Some(d) if !a.timeline.is_empty() => format!("{}\nDue: {}", a.timeline, d.long()),
        Some(d) => format!("Due: {}", d.long()),
        None => a.timeline.clone(),
    };
    view! {
        <tr id=a.id.to_string() tabindex="-1">
            <th scope="row" data-label="Ref">
                {a.reference.clone()}
                {row_buttons(a.id.as_str(), &a.reference)}
            </th>
            <td data-label="Activity">
                <p class="action-title">{a.title.clone()}</p>
                <Paragraphs text=a.description.clone()/>
                {a.government_priority.then(|| view! { <p class="flag">"Government or minister priority"</p> })}
            </td>
            <td data-label="Starting point"><Paragraphs text=a.starting_point.clone()/></td>
            <td data-label="Timeline">
                <Paragraphs text=timeline/>
                {(!a.milestones.is_empty()).then(|| view! {
                    <ul class="milestones">
                        {a.milestones.iter().map(|m| {
                            let when = m.due.map(|d| d.short())
                                .or_else(|| m.quarter.map(|q| format!("{q:?}")))
                                .unwrap_or_default();
                            let done = if m.done { "Done" } else { "Not done" };
                            view! { <li>{format!("{} — {when} — {done}", m.title)}</li> }
                        }).collect_view()}
                    </ul>
                })}
            </td>
            <td data-label="Resources"><Paragraphs text=a.resources.clone()/></td>
            <td data-label="Lead(s)"><Bullets items=a.leads.clone()/></td>
            <td data-label="Projected outcomes"><Paragraphs text=a.projected_outcomes.clone()/></td>
            <td data-label="Risks and mitigation">
                {(!a.risks.is_empty()).then(|| view! {
                    <ul class="risks">
                        {a.risks.iter().map(|r| view! {
                            <li>
                                {r.description.clone()}
                                {(!r.mitigation.is_empty()).then(|| view! {
                                    <span class="mitigation">{format!(" Mitigation: {}", r.mitigation)}</span>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </td>
            <td data-label="RAG"><RagBadge rag=a.current_rag()/></td>
            <td data-label="Ref DR">{a.review_refs.join(" ")}</td>
            <td data-label="Monitoring">{a.monitored_by.join(", ")}</td>
            <td data-label="Progress">
                {latest.map(|u| view! {
                    <p class="update-date">{u.date.map(|d| d.long()).unwrap_or_default()}</p>
                    <Paragraphs text=u.commentary.clone()/>
                })}
            </td>
        </tr>
    }
}

fn rag_definitions(plan: &Plan) -> Option<impl IntoView> {
    (!plan.rag_definitions.is_empty()).then(|| {
        view! {
            <section aria-labelledby="rag-heading">
                <h2 id="rag-heading">"RAG definitions"</h2>
                <dl class="rag-defs">
                    {plan.rag_definitions.iter().map(|d| view! {
                        <div><dt><RagBadge rag=d.rag/></dt><dd>{d.meaning.clone()}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}

fn glossary(plan: &Plan) -> Option<impl IntoView> {
    (!plan.glossary.is_empty()).then(|| {
        view! {
            <section id="glossary" aria-labelledby="glossary-heading">
                <h2 id="glossary-heading">"Glossary"</h2>
                <dl class="glossary">
                    {plan.glossary.iter().map(|g| view! {
                        <div><dt><abbr>{g.term.clone()}</abbr></dt><dd>{g.meaning.clone()}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}

/// The plan's risk register: a table and a 5×5 likelihood × impact grid.
fn risk_register(plan: &Plan) -> impl IntoView {
    let rows = plan
        .risks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let score = risk::score(r);
            let id = r.id.clone();
            let desc = r.description.clone();
            view! {
                <tr>
                    <th scope="row">{format!("R{}", i + 1)}</th>
                    <td>{r.description.clone()}</td>
                    <td>{r.owner.clone()}</td>
                    <td class="num">{r.likelihood.map(|x| x.to_string()).unwrap_or_else(|| "–".into())}</td>
                    <td class="num">{r.impact.map(|x| x.to_string()).unwrap_or_else(|| "–".into())}</td>
                    <td class="num">{score.map(|x| x.to_string()).unwrap_or_else(|| "Not assessed".into())}</td>
                    <td><RagBadge rag=risk::rag(r)/></td>
                    <td>{r.mitigation.clone()}</td>
                    <td class="no-print"><RiskButtons id=id number=i + 1 description=desc/></td>
                </tr>
            }
        })
        .collect_view();
    let grid = risk_grid(plan);
    view! {
        <section id="risk-register" aria-labelledby="risk-heading" tabindex="-1">
            <h2 id="risk-heading">"Risk register"</h2>
            <AddRiskButton/>
            {if plan.risks.is_empty() {
                view! { <p>"The register has no risks yet. Risks of each action are in its row of the action table."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" role="region" aria-label="Risk register" tabindex="0">
                        <table>
                            <caption>"Risk register"</caption>
                            <thead><tr>
                                <th scope="col">"No."</th><th scope="col">"Risk"</th><th scope="col">"Owner"</th>
                                <th scope="col">"Likelihood"</th><th scope="col">"Impact"</th><th scope="col">"Score"</th>
                                <th scope="col">"RAG"</th><th scope="col">"Mitigation"</th><th scope="col" class="no-print">"Change"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {grid}
                }.into_any()
            }}
        </section>
    }
}

fn risk_grid(plan: &Plan) -> impl IntoView {
    let cell = |l: u8, i: u8| -> Vec<String> {
        plan.risks
            .iter()
            .enumerate()
            .filter(|(_, r)| r.likelihood == Some(l) && r.impact == Some(i))
            .map(|(n, _)| format!("R{}", n + 1))
            .collect()
    };
    let rows = (1..=5u8)
        .rev()
        .map(|l| {
            let cells = (1..=5u8)
                .map(|i| {
                    let names = cell(l, i);
                    let rag = risk::rag_of_score(l * i);
                    view! {
                        <td class=format!("grid-cell rag-bg-{}", rag.key())>
                            <span class="visually-hidden">{format!("Score {}, {}: ", l * i, rag.label())}</span>
                            {if names.is_empty() { "–".to_string() } else { names.join(", ") }}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{format!("Likelihood {l}")}</th>{cells}</tr> }
        })
        .collect_view();
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

#[component]
fn AddRiskButton() -> impl IntoView {
    let router = use_router();
    view! {
        <button type="button" class="secondary no-print" on:click=move |_| router.go(edit_location("risk", &[]))>"Add a risk to the register"</button>
    }
}

#[component]
fn RiskButtons(id: Id, number: usize, description: String) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let id2 = id.clone();
    let _ = description;
    view! {
        <div class="row-buttons">
            <button type="button" class="small" aria-label=format!("Edit risk R{number}")
                on:click=move |_| router.go(edit_location("risk", &[("id", id.as_str())]))>"Edit"</button>
            <button type="button" class="small secondary" aria-label=format!("Delete risk R{number}")
                on:click=move |_| {
                    if let Some(c) = app.plan.with_untracked(|p| edit::delete_risk(p, &id2)) {
                        app.apply_with_undo(c, format!("Deleted risk R{number}"));
                    }
                }>"Delete"</button>
        </div>
    }
}
