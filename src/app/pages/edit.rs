//! The forms that edit a plan: plan details, priorities, outcomes, actions (with
//! milestones and risks), progress updates and register risks. Each form edits a
//! draft; "Save" validates it (GOV.UK style: an error summary at the top linking to
//! each field, and a message at each field) and only a valid draft becomes one
//! undoable change. Nothing is saved half-valid.

use crate::app::components::form::{
    lines, show_errors, Checkbox, DateInput, DateParts, ErrorSummary, Select, TextArea, TextInput,
};
use crate::app::components::RagBadge;
use crate::app::route::{use_router, Location, Page};
use crate::app::state::{now_iso, today, use_app};
use crate::core::date::Date;
use crate::core::edit::{self, Change, IdGen, PlanDetails};
use crate::core::model::{
    Action, ActionStatus, GlossaryEntry, Id, Milestone, OutcomeArea, Plan, PlanStatus, Priority,
    ProgressUpdate, Quarter, Rag, RagDefinition, Risk,
};
use crate::core::risk;
use crate::core::validate::{self, FieldProblem, Report};
use leptos::prelude::*;

/// Which form is open (from the `edit` query parameter).
pub fn form_for(loc: &Location) -> Option<AnyView> {
    let p = &loc.params;
    let id = p
        .get("id")
        .filter(|s| !s.is_empty())
        .map(|s| Id::new(s.clone()));
    let prio = p
        .get("priority")
        .filter(|s| !s.is_empty())
        .map(|s| Id::new(s.clone()));
    let outcome = p
        .get("outcome")
        .filter(|s| !s.is_empty())
        .map(|s| Id::new(s.clone()));
    let action = p
        .get("action")
        .filter(|s| !s.is_empty())
        .map(|s| Id::new(s.clone()));
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

/// A link that opens a form.
pub fn edit_location(kind: &str, pairs: &[(&str, &str)]) -> Location {
    let mut l = Location::page(Page::Plan);
    l.params.insert("edit".into(), kind.into());
    for (k, v) in pairs {
        l.params.insert((*k).into(), (*v).into());
    }
    l
}

/// Back to the plan, scrolled to `anchor` (an element id) once it is drawn.
fn back_to_plan(anchor: Option<String>) {
    let router = use_router();
    match anchor {
        Some(a) => super::dashboard::go_to_plan_anchor(router, a),
        None => router.go(Location::page(Page::Plan)),
    }
}

/// The error shown when what a form edits has left the plan meanwhile (deleted, or
/// undone, here or in another tab): nothing is saved.
fn gone(what: &str) -> Report {
    Report {
        errors: vec![FieldProblem {
            field: "title".into(),
            message: format!(
                "This {what} is no longer in the plan (it was deleted or undone, here or in another tab), so nothing was saved. Copy what you typed, then cancel."
            ),
        }],
        warnings: vec![],
    }
}

fn merge_date(report: &mut Report, field: &str, r: Result<Option<Date>, String>) -> Option<Date> {
    match r {
        Ok(d) => d,
        Err(message) => {
            report.errors.push(FieldProblem {
                field: field.to_string(),
                message,
            });
            None
        }
    }
}

/// Adds warnings for dates outside the plan period.
fn period_warning(report: &mut Report, plan: &Plan, field: &str, label: &str, d: Option<Date>) {
    if let Some(d) = d {
        if let Some(w) = validate::outside_period(label, d, &PlanDetails::of(plan)) {
            if report.warning_for(field).is_none() && report.error_for(field).is_none() {
                report.warnings.push(FieldProblem {
                    field: field.to_string(),
                    message: w,
                });
            }
        }
    }
}

#[component]
fn FormButtons(#[prop(into)] save_label: String, on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <div class="button-group">
            <button type="submit">{save_label}</button>
            <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
        </div>
    }
}

fn rag_options(with_none: bool) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    if with_none {
        v.push((String::new(), "None stated".into()));
    }
    v.extend(
        Rag::ALL
            .iter()
            .map(|r| (r.key().to_string(), r.label().to_string())),
    );
    v
}

fn rag_from_key(k: &str) -> Option<Rag> {
    Rag::ALL.into_iter().find(|r| r.key() == k)
}

// ---------------------------------------------------------------------------
// Plan details

#[component]
fn DetailsForm() -> impl IntoView {
    let app = use_app();
    let d = app.plan.with_untracked(PlanDetails::of);
    let report = RwSignal::new(Report::default());
    let title = RwSignal::new(d.title.clone());
    let organisation = RwSignal::new(d.organisation.clone());
    let period_label = RwSignal::new(d.period_label.clone());
    let start = DateParts::new(d.period_start);
    let end = DateParts::new(d.period_end);
    let status = RwSignal::new(
        match d.status {
            PlanStatus::Draft => "draft",
            PlanStatus::Approved => "approved",
            PlanStatus::Archived => "archived",
        }
        .to_string(),
    );
    let approved_by = RwSignal::new(d.approved_by.clone());
    let approved_on = DateParts::new(d.approved_on);
    let links = RwSignal::new(d.links.join("\n"));
    let glossary = RwSignal::new(
        d.glossary
            .iter()
            .map(|g| format!("{} = {}", g.term, g.meaning))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let rag_text: Vec<(Rag, RwSignal<String>)> = Rag::ALL
        .iter()
        .map(|r| {
            let m = d
                .rag_definitions
                .iter()
                .find(|x| x.rag == *r)
                .map(|x| x.meaning.clone())
                .unwrap_or_default();
            (*r, RwSignal::new(m))
        })
        .collect();
    let notes = RwSignal::new(d.notes.join("\n"));
    let stale = RwSignal::new(d.settings.stale_after_days.to_string());
    let base = d.clone();
    let rag_fields = rag_text.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut r = Report::default();
        let ps = merge_date(&mut r, "period_start", start.parse("start date", false));
        let pe = merge_date(&mut r, "period_end", end.parse("end date", false));
        let ao = merge_date(
            &mut r,
            "approved_on",
            approved_on.parse("approval date", false),
        );
        let stale_days = match stale.get_untracked().trim().parse::<u32>() {
            Ok(n) if (1..=3650).contains(&n) => n,
            _ => {
                r.errors.push(FieldProblem {
                    field: "stale_after_days".into(),
                    message: "Days before an action counts as stale must be a whole number from 1 to 3650".into(),
                });
                base.settings.stale_after_days
            }
        };
        let mut glossary_entries = Vec::new();
        for (i, line) in lines(&glossary.get_untracked()).into_iter().enumerate() {
            match line.split_once('=') {
                Some((t, m)) if !t.trim().is_empty() => glossary_entries.push(GlossaryEntry {
                    term: t.trim().into(),
                    meaning: m.trim().into(),
                }),
                _ => r.errors.push(FieldProblem {
                    field: "glossary".into(),
                    message: format!(
                        "Glossary line {} must be an abbreviation, an equals sign and its meaning, for example DCS = Director of Children's Services",
                        i + 1
                    ),
                }),
            }
        }
        let new = PlanDetails {
            title: title.get_untracked().trim().into(),
            organisation: organisation.get_untracked().trim().into(),
            period_label: period_label.get_untracked().trim().into(),
            period_start: ps,
            period_end: pe,
            status: match status.get_untracked().as_str() {
                "approved" => PlanStatus::Approved,
                "archived" => PlanStatus::Archived,
                _ => PlanStatus::Draft,
            },
            approved_by: approved_by.get_untracked().trim().into(),
            approved_on: ao,
            links: lines(&links.get_untracked()),
            glossary: glossary_entries,
            rag_definitions: rag_fields
                .iter()
                .filter(|(_, m)| !m.get_untracked().trim().is_empty())
                .map(|(rag, m)| RagDefinition {
                    rag: *rag,
                    meaning: m.get_untracked().trim().into(),
                })
                .collect(),
            notes: lines(&notes.get_untracked()),
            settings: crate::core::model::PlanSettings {
                stale_after_days: stale_days,
            },
            // Fields this form does not edit (the cover sheet, last updated) as they are now.
            ..app.plan.with_untracked(PlanDetails::of)
        };
        let v = validate::validate_details(&new);
        for e in v.errors {
            if r.error_for(&e.field).is_none() {
                r.errors.push(e);
            }
        }
        r.warnings.extend(v.warnings);
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        if let Some(change) = app.plan.with_untracked(|p| edit::set_details(p, new)) {
            app.apply(change, "Edit plan details");
        }
        back_to_plan(None);
    };
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <h1>"Plan details"</h1>
            <ErrorSummary report=report/>
            <TextInput label="Title" name="title" value=title report=report required=true/>
            <TextInput label="Organisation" name="organisation" value=organisation report=report hint="For example, Milton Keynes Council — Children and Young People's Services"/>
            <TextInput label="Period" name="period_label" value=period_label report=report hint="As the plan words it, for example June 2009 – September 2010"/>
            <DateInput label="Start date" name="period_start" parts=start report=report/>
            <DateInput label="End date" name="period_end" parts=end report=report/>
            <Select label="Status" name="status" value=status report=report
                options=vec![("draft".into(), "Draft".into()), ("approved".into(), "Approved".into()), ("archived".into(), "Archived".into())]/>
            <TextInput label="Approved by" name="approved_by" value=approved_by report=report hint="For example, Cabinet"/>
            <DateInput label="Approval date" name="approved_on" parts=approved_on report=report/>
            <TextArea label="Links to other plans" name="links" value=links report=report rows=3
                hint="One per line, for example Sustainable Community Strategy priority: Developing best services"/>
            <TextArea label="Glossary" name="glossary" value=glossary report=report rows=8
                hint="One abbreviation per line: the abbreviation, an equals sign, its meaning. For example DCS = Director of Children's Services"/>
            <fieldset class="fieldset">
                <legend class="label">"RAG definitions"</legend>
                <p class="hint">"What each rating means in this plan. Leave one empty if the plan does not use it."</p>
                {rag_text.into_iter().map(|(rag, sig)| {
                    let name: &'static str = match rag {
                        Rag::Red => "rag_red", Rag::Amber => "rag_amber", Rag::Green => "rag_green",
                        Rag::Blue => "rag_blue", Rag::NotRated => "rag_not_rated",
                    };
                    let label: &'static str = match rag {
                        Rag::Red => "Red means", Rag::Amber => "Amber means", Rag::Green => "Green means",
                        Rag::Blue => "Complete (blue) means", Rag::NotRated => "Not rated means",
                    };
                    view! { <TextInput label=label name=name value=sig report=report/> }
                }).collect_view()}
            </fieldset>
            <TextArea label="Notes" name="notes" value=notes report=report rows=3 hint="One note per line"/>
            <TextInput label="Days before an action without a progress update counts as stale" name="stale_after_days"
                value=stale report=report width="w-4" input_type="number"/>
            <FormButtons save_label="Save plan details" on_cancel=Callback::new(|_| back_to_plan(None))/>
        </form>
    }
}

// ---------------------------------------------------------------------------
// Priorities and outcomes

fn area_options() -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "None".to_string())];
    v.extend(
        OutcomeArea::ALL
            .iter()
            .map(|a| (area_key(Some(*a)).to_string(), a.label().to_string())),
    );
    v
}

fn area_key(a: Option<OutcomeArea>) -> &'static str {
    match a {
        None => "",
        Some(OutcomeArea::BeHealthy) => "be_healthy",
        Some(OutcomeArea::StaySafe) => "stay_safe",
        Some(OutcomeArea::EnjoyAndAchieve) => "enjoy_and_achieve",
        Some(OutcomeArea::MakeAPositiveContribution) => "make_a_positive_contribution",
        Some(OutcomeArea::AchieveEconomicWellBeing) => "achieve_economic_well_being",
    }
}

fn area_from_key(k: &str) -> Option<OutcomeArea> {
    OutcomeArea::ALL
        .into_iter()
        .find(|a| area_key(Some(*a)) == k)
}

#[component]
fn PriorityForm(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let existing = id
        .as_ref()
        .and_then(|id| app.plan.with_untracked(|p| p.priority(id).cloned()));
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| {
        app.plan.with_untracked(|p| Priority {
            id: edit::new_id(p, "p"),
            number: (p.priorities.len() + 1).to_string(),
            ..Priority::default()
        })
    });
    let report = RwSignal::new(Report::default());
    let number = RwSignal::new(base.number.clone());
    let title = RwSignal::new(base.title.clone());
    let group = RwSignal::new(base.group.clone());
    let council = RwSignal::new(base.council_priority.clone());
    let area = RwSignal::new(area_key(base.outcome_area).to_string());
    let objectives = RwSignal::new(base.objectives.join("\n"));
    let criteria = RwSignal::new(base.success_criteria.join("\n"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Start from the priority as it is now (its outcomes and actions may have
        // changed since the form opened); a new one gets its id now.
        let current = if is_new {
            Some(Priority {
                id: app.plan.with_untracked(|p| edit::new_id(p, "p")),
                ..base.clone()
            })
        } else {
            app.plan.with_untracked(|p| p.priority(&base.id).cloned())
        };
        let Some(current) = current else {
            report.set(gone("priority"));
            show_errors();
            return;
        };
        let p = Priority {
            number: number.get_untracked().trim().into(),
            title: title.get_untracked().trim().into(),
            group: group.get_untracked().trim().into(),
            council_priority: council.get_untracked().trim().into(),
            outcome_area: area_from_key(&area.get_untracked()),
            objectives: lines(&objectives.get_untracked()),
            success_criteria: lines(&criteria.get_untracked()),
            ..current
        };
        let r = app
            .plan
            .with_untracked(|plan| validate::validate_priority(&p, plan));
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        let anchor = p.id.to_string();
        let label = if is_new {
            format!("Add priority {}", p.number)
        } else {
            format!("Edit priority {}", p.number)
        };
        if let Some(c) = app
            .plan
            .with_untracked(|plan| edit::upsert_priority(plan, p))
        {
            app.apply(c, label);
        }
        back_to_plan(Some(anchor));
    };
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <h1>{if is_new { "Add a priority" } else { "Edit priority" }}</h1>
            <ErrorSummary report=report/>
            <TextInput label="Number" name="number" value=number report=report required=true width="w-4" hint="For example, 1"/>
            <TextInput label="Title" name="title" value=title report=report required=true/>
            <TextInput label="Group" name="group" value=group report=report hint="Optional, for example Priority service objectives"/>
            <TextInput label="Council plan priority it serves" name="council_priority" value=council report=report/>
            <Select label="Every Child Matters outcome area" name="outcome_area" value=area options=area_options() report=report/>
            <TextArea label="Core objectives" name="objectives" value=objectives report=report rows=4 hint="One per line"/>
            <TextArea label="Success criteria" name="success_criteria" value=criteria report=report rows=4 hint="One per line"/>
            <FormButtons save_label="Save priority" on_cancel=Callback::new(|_| back_to_plan(None))/>
        </form>
    }
}

#[component]
fn OutcomeForm(id: Option<Id>, priority: Option<Id>) -> impl IntoView {
    let app = use_app();
    let found = id.as_ref().and_then(|id| {
        app.plan.with_untracked(|p| {
            edit::find_outcome(p, id).map(|(pi, oi)| {
                (
                    p.priorities[pi].id.clone(),
                    p.priorities[pi].outcomes[oi].clone(),
                )
            })
        })
    });
    let is_new = found.is_none();
    let (prio, base) = match found {
        Some(x) => x,
        None => {
            let pid = priority.clone().unwrap_or_default();
            let o = app.plan.with_untracked(|p| crate::core::model::Outcome {
                id: edit::new_id(p, "o"),
                number: p
                    .priority(&pid)
                    .map(|pr| (pr.outcomes.len() + 1).to_string())
                    .unwrap_or_else(|| "1".into()),
                ..Default::default()
            });
            (pid, o)
        }
    };
    let report = RwSignal::new(Report::default());
    let number = RwSignal::new(base.number.clone());
    let title = RwSignal::new(base.title.clone());
    let council = RwSignal::new(base.council_priority.clone());
    let area = RwSignal::new(area_key(base.outcome_area).to_string());
    let criteria = RwSignal::new(base.success_criteria.join("\n"));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = if is_new {
            Some(crate::core::model::Outcome {
                id: app.plan.with_untracked(|p| edit::new_id(p, "o")),
                ..base.clone()
            })
        } else {
            app.plan.with_untracked(|p| {
                edit::find_outcome(p, &base.id)
                    .map(|(pi, oi)| p.priorities[pi].outcomes[oi].clone())
            })
        };
        let Some(current) = current else {
            report.set(gone("outcome"));
            show_errors();
            return;
        };
        let o = crate::core::model::Outcome {
            number: number.get_untracked().trim().into(),
            title: title.get_untracked().trim().into(),
            council_priority: council.get_untracked().trim().into(),
            outcome_area: area_from_key(&area.get_untracked()),
            success_criteria: lines(&criteria.get_untracked()),
            ..current
        };
        let mut r = Report::default();
        if o.number.is_empty() {
            r.errors.push(FieldProblem {
                field: "number".into(),
                message: "Enter a number, for example 4".into(),
            });
        }
        if o.title.is_empty() {
            r.errors.push(FieldProblem {
                field: "title".into(),
                message: "Enter a title".into(),
            });
        }
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        let anchor = o.id.to_string();
        let label = format!(
            "{} outcome {}",
            if is_new { "Add" } else { "Edit" },
            o.number
        );
        if let Some(c) = app
            .plan
            .with_untracked(|plan| edit::upsert_outcome(plan, &prio, o))
        {
            app.apply(c, label);
        }
        back_to_plan(Some(anchor));
    };
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <h1>{if is_new { "Add an outcome" } else { "Edit outcome" }}</h1>
            <ErrorSummary report=report/>
            <TextInput label="Number" name="number" value=number report=report required=true width="w-4" hint="For example, 4"/>
            <TextInput label="Title" name="title" value=title report=report required=true/>
            <TextInput label="Council plan priority it serves" name="council_priority" value=council report=report/>
            <Select label="Every Child Matters outcome area" name="outcome_area" value=area options=area_options() report=report/>
            <TextArea label="Success criteria" name="success_criteria" value=criteria report=report rows=4 hint="One per line"/>
            <FormButtons save_label="Save outcome" on_cancel=Callback::new(|_| back_to_plan(None))/>
        </form>
    }
}

// ---------------------------------------------------------------------------
// Actions

#[derive(Clone)]
struct MilestoneRow {
    id: Id,
    title: RwSignal<String>,
    due: DateParts,
    quarter: RwSignal<String>,
    done: RwSignal<bool>,
}

#[derive(Clone)]
struct RiskRow {
    id: Id,
    description: RwSignal<String>,
    mitigation: RwSignal<String>,
}

fn placement_options(plan: &Plan) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for p in &plan.priorities {
        v.push((
            p.id.to_string(),
            format!("Priority {}: {}", p.number, short(&p.title)),
        ));
        for o in &p.outcomes {
            v.push((
                format!("{}/{}", p.id, o.id),
                format!(
                    "Priority {} — outcome {}: {}",
                    p.number,
                    o.number,
                    short(&o.title)
                ),
            ));
        }
    }
    v
}

fn short(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

#[component]
fn ActionForm(id: Option<Id>, priority: Option<Id>, outcome: Option<Id>) -> impl IntoView {
    let app = use_app();
    let found = id.as_ref().and_then(|id| {
        app.plan.with_untracked(|p| {
            edit::find_action(p, id).map(|pl| {
                let pr = &p.priorities[pl.priority];
                let (o, a) = match pl.outcome {
                    Some(oi) => (
                        Some(pr.outcomes[oi].id.clone()),
                        pr.outcomes[oi].actions[pl.index].clone(),
                    ),
                    None => (None, pr.actions[pl.index].clone()),
                };
                (pr.id.clone(), o, a)
            })
        })
    });
    let is_new = found.is_none();
    let (prio0, outcome0, base) = match found {
        Some(x) => x,
        None => {
            let a = app.plan.with_untracked(|p| Action {
                id: edit::new_id(p, "a"),
                status: ActionStatus::NotStarted,
                ..Action::default()
            });
            let pid = priority.clone().or_else(|| {
                app.plan
                    .with_untracked(|p| p.priorities.first().map(|x| x.id.clone()))
            });
            (pid.unwrap_or_default(), outcome.clone(), a)
        }
    };
    let placement0 = match &outcome0 {
        Some(o) => format!("{prio0}/{o}"),
        None => prio0.to_string(),
    };
    let report = RwSignal::new(Report::default());
    let placement = RwSignal::new(placement0.clone());
    let reference = RwSignal::new(base.reference.clone());
    let title = RwSignal::new(base.title.clone());
    let description = RwSignal::new(base.description.clone());
    let starting_point = RwSignal::new(base.starting_point.clone());
    let sp_as_of = DateParts::new(base.starting_point_as_of);
    let timeline = RwSignal::new(base.timeline.clone());
    let due = DateParts::new(base.due);
    let resources = RwSignal::new(base.resources.clone());
    let leads = RwSignal::new(base.leads.join("\n"));
    let monitored = RwSignal::new(base.monitored_by.join("\n"));
    let projected = RwSignal::new(base.projected_outcomes.clone());
    let measures = RwSignal::new(base.measures.clone());
    let review_refs = RwSignal::new(base.review_refs.join(" "));
    let gov = RwSignal::new(base.government_priority);
    let status = RwSignal::new(status_key(base.status).to_string());
    let stated = RwSignal::new(
        base.stated_rag
            .map(|r| r.key().to_string())
            .unwrap_or_default(),
    );
    let kpi_ids = RwSignal::new(base.kpi_ids.clone());
    let milestones = RwSignal::new(
        base.milestones
            .iter()
            .map(|m| MilestoneRow {
                id: m.id.clone(),
                title: RwSignal::new(m.title.clone()),
                due: DateParts::new(m.due),
                quarter: RwSignal::new(m.quarter.map(|q| format!("{q:?}")).unwrap_or_default()),
                done: RwSignal::new(m.done),
            })
            .collect::<Vec<_>>(),
    );
    let risks = RwSignal::new(
        base.risks
            .iter()
            .map(|r| RiskRow {
                id: r.id.clone(),
                description: RwSignal::new(r.description.clone()),
                mitigation: RwSignal::new(r.mitigation.clone()),
            })
            .collect::<Vec<_>>(),
    );
    let kpi_choices: Vec<(Id, String)> = app.plan.with_untracked(|p| {
        p.kpis
            .iter()
            .map(|k| {
                (
                    k.id.clone(),
                    if k.code.is_empty() {
                        k.title.clone()
                    } else {
                        format!("{} — {}", k.code, k.title)
                    },
                )
            })
            .collect()
    });
    let base_s = StoredValue::new(base.clone());
    // Keys for rows added in this form, unique among themselves and the plan; the
    // rows get their final ids when the form is saved.
    let row_ids = StoredValue::new(app.plan.with_untracked(IdGen::new));
    let add_milestone = move |_| {
        let id = row_ids
            .try_update_value(|g| g.next_id("m"))
            .unwrap_or_default();
        milestones.update(|m| {
            m.push(MilestoneRow {
                id,
                title: RwSignal::new(String::new()),
                due: DateParts::new(None),
                quarter: RwSignal::new(String::new()),
                done: RwSignal::new(false),
            })
        });
    };
    let add_risk = move |_| {
        let id = row_ids
            .try_update_value(|g| g.next_id("r"))
            .unwrap_or_default();
        risks.update(|r| {
            r.push(RiskRow {
                id,
                description: RwSignal::new(String::new()),
                mitigation: RwSignal::new(String::new()),
            })
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut r = Report::default();
        let due_d = merge_date(&mut r, "due", due.parse("due date", false));
        let sp_d = merge_date(
            &mut r,
            "starting_point_as_of",
            sp_as_of.parse("starting point date", false),
        );
        let ms: Vec<Milestone> = milestones.with_untracked(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, m)| {
                    let field = format!("milestones[{i}].due");
                    let d = merge_date(&mut r, &field, m.due.parse("milestone due date", false));
                    Milestone {
                        id: m.id.clone(),
                        title: m.title.get_untracked().trim().into(),
                        due: d,
                        quarter: match m.quarter.get_untracked().as_str() {
                            "Q1" => Some(Quarter::Q1),
                            "Q2" => Some(Quarter::Q2),
                            "Q3" => Some(Quarter::Q3),
                            "Q4" => Some(Quarter::Q4),
                            _ => None,
                        },
                        done: m.done.get_untracked(),
                    }
                })
                .collect()
        });
        // Start from the action as it is now (its progress log may have changed since
        // the form opened); a new action gets its id now.
        let base = base_s.get_value();
        let current = if is_new {
            Some(Action {
                id: app.plan.with_untracked(|p| edit::new_id(p, "a")),
                ..base.clone()
            })
        } else {
            app.plan
                .with_untracked(|p| with_action(p, &base.id).map(|(_, _, a)| a))
        };
        let Some(base) = current else {
            report.set(gone("action"));
            show_errors();
            return;
        };
        let old_risks = base.risks.clone();
        let rs: Vec<Risk> = risks.with_untracked(|rows| {
            rows.iter()
                .filter(|x| {
                    !x.description.get_untracked().trim().is_empty()
                        || !x.mitigation.get_untracked().trim().is_empty()
                })
                .map(|x| {
                    let old = old_risks
                        .iter()
                        .find(|o| o.id == x.id)
                        .cloned()
                        .unwrap_or_default();
                    Risk {
                        id: x.id.clone(),
                        description: x.description.get_untracked().trim().into(),
                        mitigation: x.mitigation.get_untracked().trim().into(),
                        ..old
                    }
                })
                .collect()
        });
        let a = Action {
            reference: reference.get_untracked().trim().into(),
            title: title.get_untracked().trim().into(),
            description: description.get_untracked().trim().into(),
            starting_point: starting_point.get_untracked().trim().into(),
            starting_point_as_of: sp_d,
            timeline: timeline.get_untracked().trim().into(),
            due: due_d,
            milestones: ms,
            resources: resources.get_untracked().trim().into(),
            leads: lines(&leads.get_untracked()),
            monitored_by: lines(&monitored.get_untracked()),
            projected_outcomes: projected.get_untracked().trim().into(),
            measures: measures.get_untracked().trim().into(),
            kpi_ids: kpi_ids.get_untracked(),
            risks: rs,
            review_refs: review_refs
                .get_untracked()
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            government_priority: gov.get_untracked(),
            status: status_from_key(&status.get_untracked()),
            stated_rag: rag_from_key(&stated.get_untracked()),
            ..base.clone()
        };
        // Rows added in this form get ids fresh against the plan as it is now.
        let mut a = a;
        app.plan.with_untracked(|plan| {
            let mut gen = IdGen::new(plan);
            let kept_m: Vec<Id> = base.milestones.iter().map(|m| m.id.clone()).collect();
            for m in a.milestones.iter_mut().filter(|m| !kept_m.contains(&m.id)) {
                m.id = gen.next_id("m");
            }
            let kept_r: Vec<Id> = base.risks.iter().map(|r| r.id.clone()).collect();
            for r in a.risks.iter_mut().filter(|r| !kept_r.contains(&r.id)) {
                r.id = gen.next_id("r");
            }
        });
        let v = app
            .plan
            .with_untracked(|plan| validate::validate_action(&a, plan));
        for e in v.errors {
            if r.error_for(&e.field).is_none() {
                r.errors.push(e);
            }
        }
        r.warnings.extend(v.warnings);
        app.plan.with_untracked(|plan| {
            period_warning(&mut r, plan, "due", "Due date", a.due);
        });
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        let place = placement.get_untracked();
        let (pid, oid) = match place.split_once('/') {
            Some((p, o)) => (Id::new(p), Some(Id::new(o))),
            None => (Id::new(place.clone()), None),
        };
        let anchor = a.id.to_string();
        let label = if is_new {
            format!("Add action {}", a.reference)
        } else {
            format!("Edit action {}", a.reference)
        };
        let change = app.plan.with_untracked(|plan| {
            if !is_new && place != placement0 {
                // Move, then edit where it now is: one undoable step.
                let end = plan
                    .priority(&pid)
                    .map(|p| match &oid {
                        Some(o) => p
                            .outcomes
                            .iter()
                            .find(|x| &x.id == o)
                            .map(|x| x.actions.len())
                            .unwrap_or(0),
                        None => p.actions.len(),
                    })
                    .unwrap_or(0);
                let mv = edit::move_action(plan, &a.id, &pid, oid.as_ref(), end)?;
                let mut moved = plan.clone();
                mv.apply(&mut moved);
                let mut steps = vec![mv];
                if let Some(up) = edit::upsert_action(&moved, &pid, oid.as_ref(), a.clone()) {
                    steps.push(up);
                }
                Some(Change::Batch(steps))
            } else {
                edit::upsert_action(plan, &pid, oid.as_ref(), a.clone())
            }
        });
        match change {
            Some(c) => app.apply(c, label),
            None if is_new || place != placement0 => {
                report.set(gone("priority or outcome"));
                show_errors();
                return;
            }
            None => {}
        }
        back_to_plan(Some(anchor));
    };
    let delete_milestone = move |id: Id| milestones.update(|m| m.retain(|x| x.id != id));
    let delete_risk = move |id: Id| risks.update(|m| m.retain(|x| x.id != id));
    let log = base.updates.clone();
    let action_id = base.id.clone();
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <h1>{if is_new { "Add an action".to_string() } else { format!("Edit action {}", base.reference) }}</h1>
            <ErrorSummary report=report/>
            <Select label="Priority or outcome" name="placement" value=placement report=report
                options=app.plan.with_untracked(placement_options)
                hint="Choose another to move the action there"/>
            <TextInput label="Reference" name="reference" value=reference report=report required=true width="w-10" hint="For example, 1.1 or 4.4.1 ii)"/>
            <TextInput label="Title" name="title" value=title report=report required=true/>
            <TextArea label="Description" name="description" value=description report=report rows=4/>
            <TextArea label="Starting point" name="starting_point" value=starting_point report=report rows=3 hint="The baseline: where things stand now"/>
            <DateInput label="Starting point as of" name="starting_point_as_of" parts=sp_as_of report=report/>
            <TextArea label="Timeline" name="timeline" value=timeline report=report rows=2 hint="As the plan words it, for example Sept 2009 – April 2010"/>
            <DateInput label="Due date" name="due" parts=due report=report/>
            <fieldset class="fieldset repeat">
                <legend class="label">"Milestones"</legend>
                <For each=move || milestones.get() key=|m| m.id.clone() children=move |m: MilestoneRow| {
                    let id_del = m.id.clone();
                    let mid = m.id.clone();
                    let idx = move || milestones.with(|all| all.iter().position(|x| x.id == mid).unwrap_or(0));
                    view! {
                        <div class="repeat-item">
                            {move || {
                                let i = idx();
                                let title_name = format!("milestones[{i}].title");
                                let due_name = format!("milestones[{i}].due");
                                let q_name = format!("milestones[{i}].quarter");
                                let done_name = format!("milestones[{i}].done");
                                view! {
                                    <h3 class="repeat-title">{format!("Milestone {}", i + 1)}</h3>
                                    <TextInput label="Milestone" name=title_name value=m.title report=report required=true/>
                                    <DateInput label="Due date" name=due_name parts=m.due report=report/>
                                    <Select label="Or quarter of the plan year" name=q_name value=m.quarter report=report
                                        options=vec![(String::new(), "None".into()), ("Q1".into(), "Q1".into()), ("Q2".into(), "Q2".into()), ("Q3".into(), "Q3".into()), ("Q4".into(), "Q4".into())]/>
                                    <Checkbox label="Done" name=done_name value=m.done/>
                                }
                            }}
                            <button type="button" class="secondary" on:click={let id = id_del.clone(); move |_| delete_milestone(id.clone())}>
                                "Remove this milestone"
                            </button>
                        </div>
                    }
                }/>
                <button type="button" class="secondary" on:click=add_milestone>"Add a milestone"</button>
            </fieldset>
            <TextArea label="Resources and funding" name="resources" value=resources report=report rows=2 hint="For example, DCSF IESE grant; £4,000; within existing budgets"/>
            <TextArea label="Leads" name="leads" value=leads report=report rows=2 hint="One role or person per line, for example DCS"/>
            <TextArea label="Monitored by" name="monitored_by" value=monitored report=report rows=2 hint="One per line, for example Chief Executive"/>
            <TextArea label="Projected outcomes" name="projected_outcomes" value=projected report=report rows=3/>
            <TextInput label="How it is measured" name="measures" value=measures report=report hint="Often a KPI code, for example NI 112"/>
            <fieldset class="fieldset kpi-links">
                <legend class="label">"KPIs that evidence this action"</legend>
                {if kpi_choices.is_empty() {
                    view! { <p class="hint">"The plan has no KPIs yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="checkbox-list">
                            {kpi_choices.into_iter().enumerate().map(|(i, (kid, label))| {
                                let cid = format!("f-kpi-{i}");
                                let k1 = kid.clone();
                                let k2 = kid.clone();
                                view! {
                                    <div class="checkbox">
                                        <input type="checkbox" id=cid.clone()
                                            prop:checked=move || kpi_ids.with(|v| v.contains(&k1))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                kpi_ids.update(|v| { v.retain(|x| x != &k2); if on { v.push(k2.clone()); } });
                                            }/>
                                        <label for=cid>{label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </fieldset>
            <fieldset class="fieldset repeat">
                <legend class="label">"Risks and mitigation"</legend>
                <For each=move || risks.get() key=|r| r.id.clone() children=move |x: RiskRow| {
                    let id_del = x.id.clone();
                    let xid = x.id.clone();
                    let idx = move || risks.with(|all| all.iter().position(|y| y.id == xid).unwrap_or(0));
                    view! {
                        <div class="repeat-item">
                            {move || {
                                let i = idx();
                                let d_name = format!("risks[{i}].description");
                                let m_name = format!("risks[{i}].mitigation");
                                view! {
                                    <h3 class="repeat-title">{format!("Risk {}", i + 1)}</h3>
                                    <TextArea label="Risk" name=d_name value=x.description report=report rows=2/>
                                    <TextArea label="Mitigation" name=m_name value=x.mitigation report=report rows=2/>
                                }
                            }}
                            <button type="button" class="secondary" on:click={let id = id_del.clone(); move |_| delete_risk(id.clone())}>
                                "Remove this risk"
                            </button>
                        </div>
                    }
                }/>
                <button type="button" class="secondary" on:click=add_risk>"Add a risk"</button>
            </fieldset>
            <TextInput label="Diagnostic review references" name="review_refs" value=review_refs report=report hint="Separated by spaces, for example 5.1.2 7.3.1"/>
            <Checkbox label="Government or minister priority" name="government_priority" value=gov/>
            <Select label="Status" name="status" value=status report=report
                options=ActionStatus::ALL.iter().map(|s| (status_key(*s).to_string(), s.label().to_string())).collect()/>
            <Select label="RAG stated in the plan" name="stated_rag" value=stated report=report options=rag_options(true)
                hint="Used until the action has a progress update; the newest update sets the RAG"/>
            <FormButtons save_label=if is_new { "Add action" } else { "Save action" } on_cancel=Callback::new(|_| back_to_plan(None))/>
        </form>
        {(!is_new).then(|| view! { <ProgressLog action=action_id updates=log/> })}
    }
}

pub fn status_key(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::NotStarted => "not_started",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Complete => "complete",
        ActionStatus::Cancelled => "cancelled",
    }
}

fn status_from_key(k: &str) -> ActionStatus {
    ActionStatus::ALL
        .into_iter()
        .find(|s| status_key(*s) == k)
        .unwrap_or_default()
}

/// The progress log of an action, newest first, with edit and delete for each entry.
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
            <button type="button" on:click=move |_| router.go(edit_location("update", &[("action", aid.as_str())]))>
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
                                    {deleted.clone().map(|d| view! { <p class="log-note">{format!("Deleted on {}", human_time(&d))}</p> })}
                                    {u.edited_at.clone().map(|d| view! { <p class="log-note">{format!("Edited on {}", human_time(&d))}</p> })}
                                    {(!u.reason.is_empty()).then(|| view! { <p><strong>"Reason: "</strong>{u.reason.clone()}</p> })}
                                    <p>{u.commentary.clone()}</p>
                                    {deleted.is_none().then(|| {
                                        let uid2 = uid.clone();
                                        view! {
                                            <div class="button-group">
                                                <button type="button" class="secondary" on:click=move |_| router.go(edit_location("update", &[("action", aid2.as_str()), ("id", uid2.as_str())]))>
                                                    "Edit this entry"
                                                </button>
                                                <button type="button" class="secondary" on:click={
                                                    let uid = uid.clone();
                                                    move |_| delete_update(app, &aid3, &uid)
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

/// "2026-11-22T10:04:00.000Z" → "22 November 2026 at 10:04".
pub fn human_time(iso: &str) -> String {
    let date = iso.get(..10).and_then(|d| Date::parse_iso(d).ok());
    let time = iso.get(11..16).unwrap_or("");
    match date {
        Some(d) if !time.is_empty() => format!("{} at {time} UTC", d.long()),
        Some(d) => d.long(),
        None => iso.to_string(),
    }
}

fn with_action(plan: &Plan, id: &Id) -> Option<(Id, Option<Id>, Action)> {
    let pl = edit::find_action(plan, id)?;
    let pr = &plan.priorities[pl.priority];
    Some(match pl.outcome {
        Some(oi) => (
            pr.id.clone(),
            Some(pr.outcomes[oi].id.clone()),
            pr.outcomes[oi].actions[pl.index].clone(),
        ),
        None => (pr.id.clone(), None, pr.actions[pl.index].clone()),
    })
}

fn delete_update(app: crate::app::state::AppState, action: &Id, update: &Id) {
    let change = app.plan.with_untracked(|plan| {
        let (pid, oid, mut a) = with_action(plan, action)?;
        let u = a.updates.iter_mut().find(|u| &u.id == update)?;
        u.deleted_at = Some(now_iso());
        let reference = a.reference.clone();
        edit::upsert_action(plan, &pid, oid.as_ref(), a).map(|c| (c, reference))
    });
    if let Some((c, r)) = change {
        app.apply_with_undo(c, format!("Deleted a progress entry of action {r}"));
        back_to_plan(Some(action.to_string()));
    }
}

// ---------------------------------------------------------------------------
// Progress updates

#[component]
fn UpdateForm(action: Id, id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let Some((pid, oid, act)) = app.plan.with_untracked(|p| with_action(p, &action)) else {
        return view! { <h1>"Action not found"</h1><p>"This action is no longer in the plan."</p> }
            .into_any();
    };
    let existing = id
        .as_ref()
        .and_then(|id| act.updates.iter().find(|u| &u.id == id).cloned());
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| ProgressUpdate {
        id: app.plan.with_untracked(|p| edit::new_id(p, "u")),
        date: Some(today()),
        rag: act.current_rag(),
        ..ProgressUpdate::default()
    });
    let report = RwSignal::new(Report::default());
    let date = DateParts::new(base.date);
    let author = RwSignal::new(base.author.clone());
    let rag = RwSignal::new(base.rag.key().to_string());
    let reason = RwSignal::new(base.reason.clone());
    let commentary = RwSignal::new(base.commentary.clone());
    let act_s = StoredValue::new(act.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut r = Report::default();
        let d = merge_date(&mut r, "date", date.parse("date", true));
        let u = ProgressUpdate {
            date: d,
            author: author.get_untracked().trim().into(),
            rag: rag_from_key(&rag.get_untracked()).unwrap_or_default(),
            reason: reason.get_untracked().trim().into(),
            commentary: commentary.get_untracked().trim().into(),
            edited_at: if is_new { None } else { Some(now_iso()) },
            ..base.clone()
        };
        let v = app
            .plan
            .with_untracked(|plan| validate::validate_update(&u, plan, today()));
        for e in v.errors {
            if r.error_for(&e.field).is_none() {
                r.errors.push(e);
            }
        }
        r.warnings.extend(v.warnings);
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        // The action as it is now; a new entry gets its id now.
        let action_id = act_s.with_value(|a| a.id.clone());
        let Some(mut a) = app
            .plan
            .with_untracked(|p| with_action(p, &action_id).map(|(_, _, a)| a))
        else {
            report.set(gone("action"));
            show_errors();
            return;
        };
        let mut u = u;
        if is_new {
            u.id = app.plan.with_untracked(|p| edit::new_id(p, "u"));
        }
        match a.updates.iter_mut().find(|x| x.id == u.id) {
            Some(slot) => *slot = u,
            None => a.updates.push(u),
        }
        let reference = a.reference.clone();
        let anchor = a.id.to_string();
        if let Some(c) = app
            .plan
            .with_untracked(|plan| edit::upsert_action(plan, &pid, oid.as_ref(), a))
        {
            app.apply(
                c,
                if is_new {
                    format!("Add progress update to {reference}")
                } else {
                    format!("Edit progress entry of {reference}")
                },
            );
        }
        back_to_plan(Some(anchor));
    };
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <h1>{if is_new { format!("Add a progress update to {}", act.reference) } else { format!("Edit a progress entry of {}", act.reference) }}</h1>
            <p class="lede">{act.title.clone()}</p>
            {(!is_new).then(|| view! { <p class="inset">"The entry will show that it was edited, and when."</p> })}
            <ErrorSummary report=report/>
            <DateInput label="Date" name="date" parts=date report=report required=true/>
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
            <TextInput label="Reason for the RAG" name="reason" value=reason report=report hint="For example, Amber because roll-out is delayed from plan"/>
            <TextArea label="Commentary" name="commentary" value=commentary report=report required=true rows=5/>
            <TextInput label="Author" name="author" value=author report=report/>
            <FormButtons save_label=if is_new { "Add update" } else { "Save entry" } on_cancel=Callback::new(|_| back_to_plan(None))/>
        </form>
    }
    .into_any()
}

// ---------------------------------------------------------------------------
// Register risks

#[component]
fn RiskForm(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let existing = id.as_ref().and_then(|id| {
        app.plan
            .with_untracked(|p| p.risks.iter().find(|r| &r.id == id).cloned())
    });
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| Risk {
        id: app.plan.with_untracked(|p| edit::new_id(p, "risk")),
        ..Risk::default()
    });
    let report = RwSignal::new(Report::default());
    let description = RwSignal::new(base.description.clone());
    let owner = RwSignal::new(base.owner.clone());
    let likelihood = RwSignal::new(base.likelihood.map(|x| x.to_string()).unwrap_or_default());
    let impact = RwSignal::new(base.impact.map(|x| x.to_string()).unwrap_or_default());
    let mitigation = RwSignal::new(base.mitigation.clone());
    let stated = RwSignal::new(base.rag.map(|r| r.key().to_string()).unwrap_or_default());
    let scale = || {
        let mut v = vec![(String::new(), "Not assessed".to_string())];
        let words = [
            "1 — very low",
            "2 — low",
            "3 — medium",
            "4 — high",
            "5 — very high",
        ];
        v.extend((1..=5).map(|i| (i.to_string(), words[i - 1].to_string())));
        v
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = if is_new {
            Some(Risk {
                id: app.plan.with_untracked(|p| edit::new_id(p, "risk")),
                ..base.clone()
            })
        } else {
            app.plan
                .with_untracked(|p| p.risks.iter().find(|r| r.id == base.id).cloned())
        };
        let Some(current) = current else {
            report.set(gone("risk"));
            show_errors();
            return;
        };
        let r0 = Risk {
            description: description.get_untracked().trim().into(),
            owner: owner.get_untracked().trim().into(),
            likelihood: likelihood.get_untracked().parse().ok(),
            impact: impact.get_untracked().parse().ok(),
            mitigation: mitigation.get_untracked().trim().into(),
            rag: rag_from_key(&stated.get_untracked()),
            ..current
        };
        let r = validate::validate_risk(&r0);
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        let label = format!("{} risk", if is_new { "Add" } else { "Edit" });
        if let Some(c) = app.plan.with_untracked(|plan| edit::upsert_risk(plan, r0)) {
            app.apply(c, label);
        }
        back_to_plan(Some("risk-register".into()));
    };
    let score = move || {
        let r = Risk {
            likelihood: likelihood.get().parse().ok(),
            impact: impact.get().parse().ok(),
            ..Risk::default()
        };
        risk::score(&r).map(|s| (s, risk::rag_of_score(s)))
    };
    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <h1>{if is_new { "Add a risk to the register" } else { "Edit risk" }}</h1>
            <ErrorSummary report=report/>
            <TextArea label="Risk" name="description" value=description report=report required=true rows=3/>
            <TextInput label="Owner" name="owner" value=owner report=report/>
            <Select label="Likelihood" name="likelihood" value=likelihood options=scale() report=report/>
            <Select label="Impact" name="impact" value=impact options=scale() report=report/>
            <p class="score" aria-live="polite">
                {move || match score() {
                    Some((s, rag)) => view! { "Score: "{s}" out of 25 — "<RagBadge rag=rag/> }.into_any(),
                    None => view! { "Score: not assessed" }.into_any(),
                }}
            </p>
            <TextArea label="Mitigation" name="mitigation" value=mitigation report=report rows=3/>
            <Select label="RAG stated for this risk" name="rag" value=stated options=rag_options(true) report=report
                hint="Leave as none to use the RAG of the score"/>
            <FormButtons save_label=if is_new { "Add risk" } else { "Save risk" } on_cancel=Callback::new(|_| back_to_plan(Some("risk-register".into())))/>
        </form>
    }
}
