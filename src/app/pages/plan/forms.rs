//! The forms that edit a plan: plan details, priorities, outcomes, actions (with
//! milestones and risks), progress updates and register risks. Each form binds its
//! fields to a draft from `core::draft`; "Save" turns the draft into one undoable
//! change, or shows its report (GOV.UK style: an error summary at the top linking to
//! each field, and a message at each field). Nothing is saved half-valid; every
//! rule is in the draft, with host tests.
//!
//! Every form's heading is `#view-heading` (focusable, `tabindex="-1"`); its Save
//! and Cancel buttons are `#<form>-save` and `#<form>-cancel` (`details`,
//! `priority`, `outcome`, `action`, `update`, `risk`).

use crate::app::components::form::{
    bind, date_bind, field_with, key_bind, row_bind, save_draft, Bind, Checkbox, DateInput,
    ErrorSummary, Select, TextInput,
};
use crate::app::components::links::plan_form_location;
use crate::app::components::rows::Rows;
use crate::app::components::RagBadge;
use crate::app::route::{use_router, Location, Page};
use crate::app::state::{now_iso, today, use_app, AppState};
use crate::core::draft::{
    delete_update, placement_choices, ActionDraft, DetailsDraft, FormDraft, Now, OutcomeDraft,
    Placement, PriorityDraft, RiskDraft, RowKey, Saved, UpdateDraft,
};
use crate::core::edit;
use crate::core::model::{ActionStatus, Id, OutcomeArea, PlanStatus, ProgressUpdate, Quarter, Rag};
use crate::core::validate::Report;
use leptos::prelude::*;

/// Which form is open (from the `edit` query parameter).
pub fn form_for(loc: &Location) -> Option<AnyView> {
    let p = &loc.params;
    let param = |k: &str| {
        p.get(k)
            .filter(|s| !s.is_empty())
            .map(|s| Id::new(s.clone()))
    };
    let (id, prio, outcome, action) = (
        param("id"),
        param("priority"),
        param("outcome"),
        param("action"),
    );
    Some(match p.get("edit")?.as_str() {
        "details" => view! { <DetailsForm/> }.into_any(),
        "priority" => view! { <PriorityForm id=id/> }.into_any(),
        "outcome" => view! { <OutcomeForm id=id priority=prio/> }.into_any(),
        "action" => view! { <ActionForm id=id priority=prio outcome=outcome/> }.into_any(),
        "update" => view! { <UpdateForm action=action? id=id/> }.into_any(),
        "risk" => view! { <RiskForm id=id/> }.into_any(),
        _ => return None,
    })
}

/// Back to the plan (Save or Cancel): the focus returns to the control that opened
/// the form, or else to `anchor` (the row that changed), which is brought into view.
fn back_to_plan(anchor: Option<String>) {
    use_router().back_to(Location::page(Page::Plan), anchor);
}

/// A form's state: its draft, the report of what to fix, and the Save handler,
/// which saves the draft (or shows the report), applies the change (none when
/// nothing changed) as one undoable step, and goes back to the plan at the place
/// `anchor` names.
fn form_state<D>(
    app: AppState,
    opened: D,
    anchor: fn(&Saved) -> Option<String>,
) -> (
    RwSignal<D>,
    RwSignal<Report>,
    impl Fn(leptos::ev::SubmitEvent) + Copy + 'static,
)
where
    D: FormDraft + Clone + Send + Sync + 'static,
{
    let draft = RwSignal::new(opened);
    let report = RwSignal::new(Report::default());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(saved) = save_draft(app, draft.get_untracked(), report) {
            if let Some(change) = &saved.change {
                app.apply(change.clone(), saved.label.clone());
            }
            back_to_plan(anchor(&saved));
        }
    };
    (draft, report, on_submit)
}

/// A form's frame: its heading (where the focus goes when the form opens), an
/// optional line under it, and the summary of what to fix.
#[component]
fn EditForm(
    #[prop(into)] heading: String,
    #[prop(default = None)] lede: Option<String>,
    report: RwSignal<Report>,
    #[prop(into)] on_submit: Callback<leptos::ev::SubmitEvent>,
    children: Children,
) -> impl IntoView {
    view! {
        <form class="edit-form" on:submit=move |ev| on_submit.run(ev) novalidate>
            <h1 id="view-heading" tabindex="-1">{heading}</h1>
            {lede.map(|l| view! { <p class="lede">{l}</p> })}
            <ErrorSummary report=report/>
            {children()}
        </form>
    }
}

/// Save and Cancel, with stable ids: `#<form>-save`, `#<form>-cancel`.
#[component]
fn FormButtons(
    form: &'static str,
    #[prop(into)] save_label: String,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="button-group">
            <button type="submit" id=format!("{form}-save")>{save_label}</button>
            <button type="button" class="secondary" id=format!("{form}-cancel")
                on:click=move |_| on_cancel.run(())>"Cancel"</button>
        </div>
    }
}

/// The choices of a RAG, by key; "None stated" (empty) first when `with_none`.
fn rag_options(with_none: bool) -> Vec<(String, String)> {
    let none = with_none.then(|| (String::new(), "None stated".to_string()));
    none.into_iter()
        .chain(
            Rag::ALL
                .iter()
                .map(|r| (r.key().to_string(), r.label().to_string())),
        )
        .collect()
}

/// The choices of an outcome area, by key, "None" (empty) first.
fn area_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "None".to_string()))
        .chain(
            OutcomeArea::ALL
                .iter()
                .map(|a| (a.key().to_string(), a.label().to_string())),
        )
        .collect()
}

fn rag_key(r: Option<Rag>) -> String {
    r.map(|r| r.key().to_string()).unwrap_or_default()
}

fn area_key(a: Option<OutcomeArea>) -> String {
    a.map(|a| a.key().to_string()).unwrap_or_default()
}

fn quarter_key(q: Option<Quarter>) -> String {
    q.map(|q| q.key().to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Plan details

#[component]
fn DetailsForm() -> impl IntoView {
    let app = use_app();
    let opened = app.plan.with_untracked(|p| DetailsDraft::from(p));
    let (draft, report, on_submit) = form_state(app, opened, |_| None);
    let rag_fields = Rag::ALL.into_iter().enumerate().map(move |(i, rag)| {
        let label: &'static str = match rag {
            Rag::Red => "Red means",
            Rag::Amber => "Amber means",
            Rag::Green => "Green means",
            Rag::Blue => "Complete (blue) means",
            Rag::NotRated => "Not rated means",
        };
        let value = field_with(
            draft,
            move |d| d.rag_meanings[i].clone(),
            move |d, v| d.rag_meanings[i] = v,
        );
        view! { <TextInput label=label name=format!("rag_{}", rag.key()) value=value report=report/> }
    });
    view! {
        <EditForm heading="Plan details" report=report on_submit=on_submit>
            <TextInput label="Title" name="title" value=bind!(draft, title) report=report required=true/>
            <TextInput label="Organisation" name="organisation" value=bind!(draft, organisation) report=report hint="For example, Milton Keynes Council — Children and Young People's Services"/>
            <TextInput label="Period" name="period_label" value=bind!(draft, period_label) report=report hint="As the plan words it, for example June 2009 – September 2010"/>
            <DateInput label="Start date" name="period_start" parts=date_bind!(draft, period_start) report=report/>
            <DateInput label="End date" name="period_end" parts=date_bind!(draft, period_end) report=report/>
            <Select label="Status" name="status" report=report
                value=key_bind!(draft, status, |s| s.key().into(), |k| PlanStatus::from_key(k).unwrap_or_default())
                options=PlanStatus::ALL.iter().map(|s| (s.key().to_string(), s.label().to_string())).collect()/>
            <TextInput label="Approved by" name="approved_by" value=bind!(draft, approved_by) report=report hint="For example, Cabinet"/>
            <DateInput label="Approval date" name="approved_on" parts=date_bind!(draft, approved_on) report=report/>
            <TextInput label="Links to other plans" name="links" value=bind!(draft, links) report=report rows=3
                hint="One per line, for example Sustainable Community Strategy priority: Developing best services"/>
            <TextInput label="Glossary" name="glossary" value=bind!(draft, glossary) report=report rows=8
                hint="One abbreviation per line: the abbreviation, an equals sign, its meaning. For example DCS = Director of Children's Services"/>
            <fieldset class="fieldset">
                <legend class="label">"RAG definitions"</legend>
                <p class="hint">"What each rating means in this plan. Leave one empty if the plan does not use it."</p>
                {rag_fields.collect_view()}
            </fieldset>
            <TextInput label="Notes" name="notes" value=bind!(draft, notes) report=report rows=3 hint="One note per line"/>
            <TextInput label="Days before an action without a progress update counts as stale" name="stale_after_days"
                value=bind!(draft, stale_after_days) report=report width="w-4" input_type="number"/>
            <FormButtons form="details" save_label="Save plan details" on_cancel=Callback::new(|_| back_to_plan(None))/>
        </EditForm>
    }
}

// ---------------------------------------------------------------------------
// Priorities and outcomes

/// A priority's or an outcome's number (with an example as its hint) and title,
/// both required.
#[component]
fn NumberAndTitle(
    number: Bind<String>,
    title: Bind<String>,
    report: RwSignal<Report>,
    hint: &'static str,
) -> impl IntoView {
    view! {
        <TextInput label="Number" name="number" value=number report=report required=true width="w-4" hint=hint/>
        <TextInput label="Title" name="title" value=title report=report required=true/>
    }
}

#[component]
fn PriorityForm(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let opened = app.plan.with_untracked(|p| {
        id.as_ref()
            .and_then(|id| PriorityDraft::of(p, id))
            .unwrap_or_else(|| PriorityDraft::new_for(p))
    });
    let heading = opened.heading();
    let (draft, report, on_submit) = form_state(app, opened, |s| Some(s.id.to_string()));
    view! {
        <EditForm heading=heading report=report on_submit=on_submit>
            <NumberAndTitle number=bind!(draft, number) title=bind!(draft, title) report=report hint="For example, 1"/>
            <TextInput label="Group" name="group" value=bind!(draft, group) report=report hint="Optional, for example Priority service objectives"/>
            <TextInput label="Council plan priority it serves" name="council_priority" value=bind!(draft, council_priority) report=report/>
            <Select label="Every Child Matters outcome area" name="outcome_area" value=key_bind!(draft, outcome_area, area_key, OutcomeArea::from_key) options=area_options() report=report/>
            <TextInput label="Core objectives" name="objectives" value=bind!(draft, objectives) report=report rows=4 hint="One per line"/>
            <TextInput label="Success criteria" name="success_criteria" value=bind!(draft, success_criteria) report=report rows=4 hint="One per line"/>
            <FormButtons form="priority" save_label="Save priority" on_cancel=Callback::new(|_| back_to_plan(None))/>
        </EditForm>
    }
}

#[component]
fn OutcomeForm(id: Option<Id>, priority: Option<Id>) -> impl IntoView {
    let app = use_app();
    let opened = app.plan.with_untracked(|p| {
        id.as_ref()
            .and_then(|id| OutcomeDraft::of(p, id))
            .unwrap_or_else(|| OutcomeDraft::new_for(p, &priority.clone().unwrap_or_default()))
    });
    let heading = opened.heading();
    let (draft, report, on_submit) = form_state(app, opened, |s| Some(s.id.to_string()));
    view! {
        <EditForm heading=heading report=report on_submit=on_submit>
            <NumberAndTitle number=bind!(draft, number) title=bind!(draft, title) report=report hint="For example, 4"/>
            <TextInput label="Council plan priority it serves" name="council_priority" value=bind!(draft, council_priority) report=report/>
            <Select label="Every Child Matters outcome area" name="outcome_area" value=key_bind!(draft, outcome_area, area_key, OutcomeArea::from_key) options=area_options() report=report/>
            <TextInput label="Success criteria" name="success_criteria" value=bind!(draft, success_criteria) report=report rows=4 hint="One per line"/>
            <FormButtons form="outcome" save_label="Save outcome" on_cancel=Callback::new(|_| back_to_plan(None))/>
        </EditForm>
    }
}

// ---------------------------------------------------------------------------
// Actions

#[component]
fn ActionForm(id: Option<Id>, priority: Option<Id>, outcome: Option<Id>) -> impl IntoView {
    let app = use_app();
    let opened = app.plan.with_untracked(|p| {
        id.as_ref()
            .and_then(|id| ActionDraft::of(p, id))
            .unwrap_or_else(|| ActionDraft::new_for(p, priority.as_ref(), outcome.as_ref()))
    });
    let is_new = opened.is_new();
    let heading = if is_new {
        "Add an action".to_string()
    } else {
        format!("Edit action {}", opened.reference)
    };
    let last_changed = opened.id.as_ref().and_then(|aid| {
        app.plan
            .action(aid, |a| {
                crate::core::stamp::last_changed_words(a.changed.as_ref())
            })
            .flatten()
    });
    // The progress log as the form opened it (an entry's buttons leave the form).
    let log = opened.id.as_ref().and_then(|aid| {
        app.plan.with_untracked(|p| {
            let place = edit::find_action(p, aid)?;
            edit::action_at(p, &place).map(|a| (a.id.clone(), a.updates.clone()))
        })
    });
    let (draft, report, on_submit) = form_state(app, opened, |s| Some(s.id.to_string()));
    let placement_options: Vec<(String, String)> = app
        .plan
        .with_untracked(placement_choices)
        .into_iter()
        .map(|(place, words)| (place.key(), words))
        .collect();
    let kpi_choices: Vec<(Id, String)> = app.plan.with_untracked(|p| {
        p.kpis
            .iter()
            .map(|k| {
                let label = if k.code.is_empty() {
                    k.title.clone()
                } else {
                    format!("{} — {}", k.code, k.title)
                };
                (k.id.clone(), label)
            })
            .collect()
    });

    let milestone_keys =
        Memo::new(move |_| draft.with(|d| d.milestones.iter().map(|m| m.row).collect::<Vec<_>>()));
    let milestone_row = Callback::new(move |(k, i): (RowKey, usize)| {
        let quarter = field_with(
            draft,
            move |d| {
                quarter_key(
                    d.milestones
                        .iter()
                        .find(|m| m.row == k)
                        .and_then(|m| m.quarter),
                )
            },
            move |d, v: String| {
                if let Some(m) = d.milestone_mut(k) {
                    m.quarter = Quarter::from_key(&v);
                }
            },
        );
        let quarters = std::iter::once((String::new(), "None".to_string()))
            .chain(
                Quarter::ALL
                    .iter()
                    .map(|q| (q.key().to_string(), q.label().to_string())),
            )
            .collect();
        view! {
            <TextInput label="Milestone" name=format!("milestones[{i}].title") value=row_bind!(draft, milestones, k, title) report=report required=true/>
            <DateInput label="Due date" name=format!("milestones[{i}].due") parts=date_bind!(draft, milestones, k, due) report=report/>
            <Select label="Or quarter of the plan year" name=format!("milestones[{i}].quarter") value=quarter report=report options=quarters/>
            <Checkbox label="Done" name=format!("milestones[{i}].done") value=row_bind!(draft, milestones, k, done)/>
        }
        .into_any()
    });
    let risk_keys =
        Memo::new(move |_| draft.with(|d| d.risks.iter().map(|r| r.row).collect::<Vec<_>>()));
    let risk_row = Callback::new(move |(k, i): (RowKey, usize)| {
        view! {
            <TextInput label="Risk" name=format!("risks[{i}].description") value=row_bind!(draft, risks, k, description) report=report rows=2/>
            <TextInput label="Mitigation" name=format!("risks[{i}].mitigation") value=row_bind!(draft, risks, k, mitigation) report=report rows=2/>
        }
        .into_any()
    });

    view! {
        <EditForm heading=heading lede=last_changed report=report on_submit=on_submit>
            <Select label="Priority or outcome" name="placement" report=report
                value=key_bind!(draft, placement, |p| p.key(), |k| Placement::from_key(k).unwrap_or_default())
                options=placement_options
                hint="Choose another to move the action there"/>
            <TextInput label="Reference" name="reference" value=bind!(draft, reference) report=report required=true width="w-10" hint="For example, 1.1 or 4.4.1 ii)"/>
            <TextInput label="Title" name="title" value=bind!(draft, title) report=report required=true/>
            <TextInput label="Description" name="description" value=bind!(draft, description) report=report rows=4/>
            <TextInput label="Starting point" name="starting_point" value=bind!(draft, starting_point) report=report rows=3 hint="The baseline: where things stand now"/>
            <DateInput label="Starting point as of" name="starting_point_as_of" parts=date_bind!(draft, starting_point_as_of) report=report/>
            <TextInput label="Timeline" name="timeline" value=bind!(draft, timeline) report=report rows=2 hint="As the plan words it, for example Sept 2009 – April 2010"/>
            <DateInput label="Due date" name="due" parts=date_bind!(draft, due) report=report/>
            <Rows legend="Milestones" noun="milestone" name="milestones" first="title" keys=milestone_keys
                on_add=Callback::new(move |_| { draft.update(|d| { d.add_milestone(); }); })
                on_remove=Callback::new(move |k| draft.update(|d| d.remove_milestone(k)))
                row=milestone_row/>
            <TextInput label="Resources and funding" name="resources" value=bind!(draft, resources) report=report rows=2 hint="For example, DCSF IESE grant; £4,000; within existing budgets"/>
            <TextInput label="Leads" name="leads" value=bind!(draft, leads) report=report rows=2 hint="One role or person per line, for example DCS"/>
            <TextInput label="Monitored by" name="monitored_by" value=bind!(draft, monitored_by) report=report rows=2 hint="One per line, for example Chief Executive"/>
            <TextInput label="Projected outcomes" name="projected_outcomes" value=bind!(draft, projected_outcomes) report=report rows=3/>
            <TextInput label="How it is measured" name="measures" value=bind!(draft, measures) report=report hint="Often a KPI code, for example NI 112"/>
            <fieldset class="fieldset kpi-links">
                <legend class="label">"KPIs that evidence this action"</legend>
                {if kpi_choices.is_empty() {
                    view! { <p class="hint">"The plan has no KPIs yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="checkbox-list">
                            {kpi_choices.into_iter().enumerate().map(|(i, (kid, label))| {
                                let cid = format!("f-kpi-{i}");
                                let on = {
                                    let k1 = kid.clone();
                                    field_with(draft, move |d| d.kpi_ids.contains(&k1), move |d, on: bool| {
                                        d.kpi_ids.retain(|x| x != &kid);
                                        if on {
                                            d.kpi_ids.push(kid.clone());
                                        }
                                    })
                                };
                                view! {
                                    <div class="checkbox">
                                        <input type="checkbox" id=cid.clone()
                                            prop:checked=move || on.get()
                                            on:change=move |ev| on.set(event_target_checked(&ev))/>
                                        <label for=cid>{label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </fieldset>
            <Rows legend="Risks and mitigation" noun="risk" name="risks" first="description" keys=risk_keys
                on_add=Callback::new(move |_| { draft.update(|d| { d.add_risk(); }); })
                on_remove=Callback::new(move |k| draft.update(|d| d.remove_risk(k)))
                row=risk_row/>
            <TextInput label="Diagnostic review references" name="review_refs" value=bind!(draft, review_refs) report=report hint="Separated by spaces, for example 5.1.2 7.3.1"/>
            <Checkbox label="Government or minister priority" name="government_priority" value=bind!(draft, government_priority)/>
            <Select label="Status" name="status" report=report
                value=key_bind!(draft, status, |s| s.key().into(), |k| ActionStatus::from_key(k).unwrap_or_default())
                options=ActionStatus::ALL.iter().map(|s| (s.key().to_string(), s.label().to_string())).collect()/>
            <Select label="RAG stated in the plan" name="stated_rag" value=key_bind!(draft, stated_rag, rag_key, Rag::from_key) report=report options=rag_options(true)
                hint="Used until the action has a progress update; the newest update sets the RAG"/>
            <FormButtons form="action" save_label=if is_new { "Add action" } else { "Save action" } on_cancel=Callback::new(|_| back_to_plan(None))/>
        </EditForm>
        {log.map(|(action, updates)| view! { <ProgressLog action=action updates=updates/> })}
    }
}

/// The progress log of an action, newest first, with edit and delete for each entry.
///
/// Its buttons have stable ids: `#log-add-update`, `#log-edit-<entry id>`,
/// `#log-delete-<entry id>`.
#[component]
fn ProgressLog(action: Id, updates: Vec<ProgressUpdate>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let mut sorted = updates;
    sorted.sort_by_key(|u| std::cmp::Reverse(u.date));
    let aid = action.clone();
    view! {
        <section class="progress-log" aria-labelledby="log-heading">
            <h2 id="log-heading">"Progress log"</h2>
            <button type="button" id="log-add-update" on:click=move |_| router.go(plan_form_location("update", &[("action", aid.as_str())]))>
                "Add a progress update"
            </button>
            {if sorted.is_empty() {
                view! { <p>"No progress updates yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="log">
                        {sorted.into_iter().map(|u| {
                            let uid = u.id.clone();
                            let aid2 = action.clone();
                            let aid3 = action.clone();
                            let when = u.date.map(|d| d.long()).unwrap_or_else(|| "Undated".into());
                            let deleted = u.deleted_at.clone();
                            view! {
                                <li class="log-entry" class:deleted=deleted.is_some()>
                                    <p class="log-head"><strong>{when}</strong>" "<RagBadge rag=u.rag/>
                                        {(!u.author.is_empty()).then(|| format!(" — {}", u.author))}</p>
                                    {deleted.clone().map(|d| view! { <p class="log-note">{format!("Deleted on {}", crate::core::date::human_time(&d))}</p> })}
                                    {u.edited_at.clone().map(|d| view! { <p class="log-note">{format!("Edited on {}", crate::core::date::human_time(&d))}</p> })}
                                    {(!u.reason.is_empty()).then(|| view! { <p><strong>"Reason: "</strong>{u.reason.clone()}</p> })}
                                    <p>{u.commentary.clone()}</p>
                                    {deleted.is_none().then(|| {
                                        let uid2 = uid.clone();
                                        view! {
                                            <div class="button-group">
                                                <button type="button" class="secondary" id=format!("log-edit-{uid}")
                                                    on:click=move |_| router.go(plan_form_location("update", &[("action", aid2.as_str()), ("id", uid2.as_str())]))>
                                                    "Edit this entry"
                                                </button>
                                                <button type="button" class="secondary" id=format!("log-delete-{uid}") on:click={
                                                    let uid = uid.clone();
                                                    move |_| delete_entry(app, &aid3, &uid)
                                                }>"Delete this entry"</button>
                                            </div>
                                        }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// Deletes an entry of the progress log (it stays in the log, marked deleted).
fn delete_entry(app: AppState, action: &Id, update: &Id) {
    let now = Now {
        today: today(),
        time: now_iso(),
    };
    let saved = app
        .plan
        .with_untracked(|plan| delete_update(plan, action, update, &now));
    if let Some(Saved {
        change: Some(c),
        label,
        id,
    }) = saved
    {
        app.apply_with_undo(c, label);
        back_to_plan(Some(id.to_string()));
    }
}

// ---------------------------------------------------------------------------
// Progress updates

#[component]
fn UpdateForm(action: Id, id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let opened = app.plan.with_untracked(|p| {
        let act = edit::action_at(p, &edit::find_action(p, &action)?)?;
        let draft = id
            .as_ref()
            .and_then(|id| UpdateDraft::of(p, &action, id))
            .or_else(|| UpdateDraft::new_for(p, &action, today(), &app.name.get_untracked()))?;
        Some((draft, act.reference.clone(), act.title.clone()))
    });
    let Some((opened, reference, action_title)) = opened else {
        return view! {
            <h1 id="view-heading" tabindex="-1">"Action not found"</h1>
            <p>"This action is no longer in the plan."</p>
        }
        .into_any();
    };
    let is_new = opened.is_new();
    let (draft, report, on_submit) = form_state(app, opened, |s| Some(s.id.to_string()));
    let rag = key_bind!(draft, rag, |r: Rag| r.key().to_string(), |k| Rag::from_key(
        k
    )
    .unwrap_or_default());
    view! {
        <EditForm heading={if is_new { format!("Add a progress update to {reference}") } else { format!("Edit a progress entry of {reference}") }} lede=Some(action_title) report=report on_submit=on_submit>
            {(!is_new).then(|| view! { <p class="inset">"The entry will show that it was edited, and when."</p> })}
            <DateInput label="Date" name="date" parts=date_bind!(draft, date) report=report required=true/>
            <fieldset class="fieldset radios" id="f-rag">
                <legend class="label">"RAG at this date"</legend>
                {Rag::ALL.into_iter().map(|x| {
                    let rid = format!("f-rag-{}", x.key());
                    view! {
                        <div class="radio">
                            <input type="radio" name="rag" id=rid.clone() value=x.key()
                                prop:checked=move || rag.get() == x.key()
                                on:change=move |_| rag.set(x.key().to_string())/>
                            <label for=rid><RagBadge rag=x/></label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <TextInput label="Reason for the RAG" name="reason" value=bind!(draft, reason) report=report hint="For example, Amber because roll-out is delayed from plan"/>
            <TextInput label="Commentary" name="commentary" value=bind!(draft, commentary) report=report required=true rows=5/>
            <TextInput label="Author" name="author" value=bind!(draft, author) report=report/>
            <FormButtons form="update" save_label=if is_new { "Add update" } else { "Save entry" } on_cancel=Callback::new(|_| back_to_plan(None))/>
        </EditForm>
    }
    .into_any()
}

// ---------------------------------------------------------------------------
// Register risks

#[component]
fn RiskForm(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let opened = id
        .as_ref()
        .and_then(|id| app.plan.with_untracked(|p| RiskDraft::of(p, id)))
        .unwrap_or_default();
    let is_new = opened.is_new();
    let (draft, report, on_submit) = form_state(app, opened, |_| Some("risk-register".into()));
    let scale = || {
        let words = [
            "1 — very low",
            "2 — low",
            "3 — medium",
            "4 — high",
            "5 — very high",
        ];
        std::iter::once((String::new(), "Not assessed".to_string()))
            .chain((1..=5).map(|i| (i.to_string(), words[i - 1].to_string())))
            .collect::<Vec<_>>()
    };
    let score = move || draft.with(RiskDraft::score);
    view! {
        <EditForm heading={if is_new { "Add a risk to the register" } else { "Edit risk" }} report=report on_submit=on_submit>
            <TextInput label="Risk" name="description" value=bind!(draft, description) report=report required=true rows=3/>
            <TextInput label="Owner" name="owner" value=bind!(draft, owner) report=report/>
            <Select label="Likelihood" name="likelihood" value=bind!(draft, likelihood) options=scale() report=report/>
            <Select label="Impact" name="impact" value=bind!(draft, impact) options=scale() report=report/>
            <p class="score" aria-live="polite">
                {move || match score() {
                    Some((s, rag)) => view! { "Score: "{s}" out of 25 — "<RagBadge rag=rag/> }.into_any(),
                    None => view! { "Score: not assessed" }.into_any(),
                }}
            </p>
            <TextInput label="Mitigation" name="mitigation" value=bind!(draft, mitigation) report=report rows=3/>
            <Select label="RAG stated for this risk" name="rag" value=key_bind!(draft, rag, rag_key, Rag::from_key) options=rag_options(true) report=report
                hint="Leave as none to use the RAG of the score"/>
            <FormButtons form="risk" save_label=if is_new { "Add risk" } else { "Save risk" } on_cancel=Callback::new(|_| back_to_plan(Some("risk-register".into())))/>
        </EditForm>
    }
}
