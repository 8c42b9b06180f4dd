//! The Reports page: print-ready reports of the plan as at a date — the monitoring
//! report (seed 003's layout), the plan document (seed 000's), and a KPI scorecard
//! (seed 002's list), and the Changes report (what changed since a date or a
//! saved version, who changed it and when) — each with filters kept in the
//! address, and an optional committee cover sheet (seed 004's fields) printed in
//! front.

use crate::app::components::compare::ComparisonView;
use crate::app::components::document::{
    MonitoringReport, PlanDocumentReport, ReportFrame, ScorecardReport,
};
use crate::app::components::form::{show_errors, DateInput, DateParts, ErrorSummary, TextInput};
use crate::app::library;
use crate::app::route::use_router;
use crate::app::state::{today, use_app};
use crate::core::date::Date;
use crate::core::document::{self, cover_sheet, report_header};
use crate::core::edit::{set_details, PlanDetails};
use crate::core::filter::{all_leads, rag_from_key};
use crate::core::model::{CoverSheet, Id, Plan, Rag};
use crate::core::report::{priority_choices, ReportChoices, ReportKind};
use crate::core::validate::Report;
use leptos::prelude::*;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let choices = Memo::new(move |_| {
        router
            .location
            .with(|l| ReportChoices::from_params(&l.params, today()))
    });
    view! {
        <div class="reports">
            <div class="no-print">
                <h1>"Reports"</h1>
                <p class="lede">"Choose a report and its filters, then print it or save it as a PDF from the print window."</p>
                <Controls choices=choices/>
                {move || choices.with(|c| c.cover).then(|| view! { <CoverSheetForm/> })}
                <div class="button-group">
                    <button type="button" on:click=move |_| { let _ = window().print(); }>
                        {move || format!("Print the {}", choices.with(|c| c.kind.label().to_lowercase()))}
                    </button>
                </div>
            </div>
            {move || {
                let c = choices.get();
                app.plan.with(|p| report_view(p, &c))
            }}
        </div>
    }
}

/// Choice of report and filters, kept in the address.
#[component]
fn Controls(choices: Memo<ReportChoices>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    // Each control changes one choice; the address is written from the choices.
    let set = move |change: &dyn Fn(&mut ReportChoices)| {
        let mut c = choices.get_untracked();
        change(&mut c);
        router.replace_params(c.to_params(today()));
    };
    let leads = Memo::new(move |_| app.plan.with(all_leads));
    let priorities = Memo::new(move |_| app.plan.with(priority_choices));
    view! {
        <form class="report-controls" aria-label="Report and filters" on:submit=|ev| ev.prevent_default()>
            <fieldset class="fieldset">
                <legend class="label">"Report"</legend>
                <div class="report-choice">
                    {ReportKind::ALL.into_iter().map(|k| {
                        let id = format!("report-{}", k.key());
                        let hid = format!("{id}-hint");
                        view! {
                            <div class="radio">
                                <input type="radio" name="report" id=id.clone() value=k.key() aria-describedby=hid.clone()
                                    prop:checked=move || choices.with(|c| c.kind == k)
                                    on:change=move |_| set(&|c| c.kind = k)/>
                                <div class="radio-text">
                                    <label class="radio-label" for=id>{k.label()}</label>
                                    <span class="hint" id=hid>{k.hint()}</span>
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {move || choices.with(|c| c.kind == ReportKind::Changes).then(|| view! { <ChangesSince choices=choices/> })}
            <div class="filter-row" hidden=move || choices.with(|c| c.kind == ReportKind::Changes)>
                <div class="form-group">
                    <label class="label" for="report-priority">"Priority"</label>
                    <select class="select" id="report-priority" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(&|c| c.priority = (!v.is_empty()).then(|| Id::new(v.clone())));
                    }>
                        <option value="" selected=move || choices.with(|c| c.priority.is_none())>"All priorities"</option>
                        {move || priorities.get().into_iter().map(|(id, label)| {
                            let id2 = id.clone();
                            view! { <option value=id selected=move || choices.with(|c| c.priority.as_ref().map(Id::as_str) == Some(id2.as_str()))>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="report-lead">"Lead"</label>
                    <select class="select" id="report-lead" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(&|c| c.lead = v.clone());
                    }>
                        <option value="" selected=move || choices.with(|c| c.lead.is_empty())>"Any lead"</option>
                        {move || leads.get().into_iter().map(|l| {
                            let l2 = l.clone();
                            view! { <option value=l.clone() selected=move || choices.with(|c| c.lead.eq_ignore_ascii_case(&l2))>{l.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="report-rag">"RAG"</label>
                    <select class="select" id="report-rag" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(&|c| c.rag = rag_from_key(&v));
                    }>
                        <option value="" selected=move || choices.with(|c| c.rag.is_none())>"Any RAG"</option>
                        {Rag::ALL.into_iter().map(|r| view! {
                            <option value=r.key() selected=move || choices.with(|c| c.rag == Some(r))>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="report-asat">"As at"</label>
                    <input class="input w-date" type="date" id="report-asat"
                        prop:value=move || choices.with(|c| c.as_at.to_string())
                        on:change=move |ev| {
                            if let Ok(d) = Date::parse_iso(&event_target_value(&ev)) {
                                set(&|c| c.as_at = d);
                            }
                        }/>
                </div>
                <div class="form-group checkbox">
                    <input type="checkbox" id="report-red-amber"
                        prop:checked=move || choices.with(|c| c.red_amber_only)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set(&|c| c.red_amber_only = on);
                        }/>
                    <label class="label" for="report-red-amber">"Red and amber only"</label>
                </div>
            </div>
            <p class="hint">"For the KPI scorecard, Lead means the indicator's responsible officer."</p>
            <div class="form-group checkbox">
                <input type="checkbox" id="report-cover"
                    prop:checked=move || choices.with(|c| c.cover)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set(&|c| c.cover = on);
                    }/>
                <label class="label" for="report-cover">"Include a committee cover sheet"</label>
            </div>
        </form>
    }
}

/// The Changes report's starting point: a date, or a version kept in the plan
/// library.
#[component]
fn ChangesSince(choices: Memo<ReportChoices>) -> impl IntoView {
    let router = use_router();
    let set = move |change: &dyn Fn(&mut ReportChoices)| {
        let mut c = choices.get_untracked();
        change(&mut c);
        router.replace_params(c.to_params(today()));
    };
    let versions = library::list();
    view! {
        <div class="filter-row">
            <div class="form-group">
                <label class="label" for="report-version">"Changes since"</label>
                <select class="select" id="report-version" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(&|c| c.version = v.clone());
                }>
                    <option value="" selected=move || choices.with(|c| c.version.is_empty())>"A date"</option>
                    {versions.into_iter().map(|e| {
                        let id = e.id.clone();
                        let label = format!("{} — {} ({})", e.name, e.kind.label(), crate::core::date::human_time(&e.saved_at));
                        view! { <option value=e.id.clone() selected=move || choices.with(|c| c.version == id)>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="form-group" hidden=move || choices.with(|c| !c.version.is_empty())>
                <label class="label" for="report-since">"Date"</label>
                <input class="input w-date" type="date" id="report-since"
                    prop:value=move || choices.with(|c| c.since_date().to_string())
                    on:change=move |ev| {
                        if let Ok(d) = Date::parse_iso(&event_target_value(&ev)) {
                            set(&|c| c.since = Some(d));
                        }
                    }/>
            </div>
        </div>
    }
}

/// The cover sheet's fields, saved with the plan as one undoable change.
#[component]
fn CoverSheetForm() -> impl IntoView {
    let app = use_app();
    let report = RwSignal::new(Report::default());
    let report_to = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let report_of = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let recommendation = RwSignal::new(String::new());
    let date = DateParts::new(None);
    let saved = Memo::new(move |_| app.plan.details(|p| p.cover_sheet.clone()));
    // Keep the fields in step with the plan (on open, and after undo or redo).
    Effect::new(move |_| {
        let c = saved.get();
        report_to.set(c.report_to);
        subject.set(c.subject);
        report_of.set(c.report_of);
        contact.set(c.contact_officer);
        purpose.set(c.purpose);
        recommendation.set(c.recommendation);
        let (d, m, y) = c
            .date
            .map(|d| {
                (
                    d.day().to_string(),
                    d.month().to_string(),
                    d.year().to_string(),
                )
            })
            .unwrap_or_default();
        date.day.set(d);
        date.month.set(m);
        date.year.set(y);
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut r = Report::default();
        let d = match date.parse("date", false) {
            Ok(d) => d,
            Err(e) => {
                r.error("cover.date", e);
                None
            }
        };
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        report.set(r);
        let sheet = CoverSheet {
            report_to: report_to.get_untracked().trim().to_string(),
            date: d,
            subject: subject.get_untracked().trim().to_string(),
            report_of: report_of.get_untracked().trim().to_string(),
            contact_officer: contact.get_untracked().trim().to_string(),
            purpose: purpose.get_untracked().trim().to_string(),
            recommendation: recommendation.get_untracked().trim().to_string(),
        };
        let change = app.plan.with_untracked(|p| {
            let mut details = PlanDetails::of(p);
            details.cover_sheet = sheet;
            set_details(p, details)
        });
        match change {
            Some(c) => app.apply_with_undo(c, "Saved the committee cover sheet"),
            None => app.notify("The cover sheet has no changes to save.", false),
        }
    };
    view! {
        <form class="edit-form cover-form" aria-labelledby="cover-form-heading" on:submit=save novalidate>
            <h2 id="cover-form-heading">"Committee cover sheet"</h2>
            <p class="hint">"Printed in front of the report. Kept with the plan."</p>
            <ErrorSummary report=report/>
            <TextInput label="Report to" name="cover.report_to" value=report_to report=report hint="For example, Cabinet or the Improvement Board"/>
            <DateInput label="Date of the meeting" name="cover.date" parts=date report=report/>
            <TextInput label="Subject" name="cover.subject" value=subject report=report/>
            <TextInput label="Report of" name="cover.report_of" value=report_of report=report hint="Who the report is from, for example the Director of Children's Services"/>
            <TextInput label="Contact officer" name="cover.contact_officer" value=contact report=report hint="Name, role and telephone number"/>
            <TextInput rows=3 label="Purpose" name="cover.purpose" value=purpose report=report/>
            <TextInput rows=3 label="Recommendation" name="cover.recommendation" value=recommendation report=report/>
            <div class="button-group">
                <button type="submit">"Save cover sheet"</button>
            </div>
        </form>
    }
}

/// The Changes report: since a saved version (the comparison in words), or
/// since a date (each object changed and update written, with who and when).
fn changes_view(plan: &Plan, c: &ReportChoices) -> AnyView {
    let version = c.version.trim();
    if !version.is_empty() {
        let name = library::list()
            .into_iter()
            .find(|e| e.id == version)
            .map(|e| e.name);
        return match (name, library::get(version)) {
            (Some(name), Ok(old)) => {
                let cmp = crate::core::compare::compare(&old.plan, plan);
                view! {
                    <h2 class="report-section">{format!("Changes since “{name}”")}</h2>
                    {if cmp.is_empty() {
                        view! { <p>"Nothing has changed since that version."</p> }.into_any()
                    } else {
                        view! { <ComparisonView c=cmp/> }.into_any()
                    }}
                }
                .into_any()
            }
            _ => view! {
                <p class="error-box" role="alert">"That version is no longer in the plan library. Choose another version, or a date."</p>
            }
            .into_any(),
        };
    }
    let since = c.since_date();
    let rows = document::changes(plan, since);
    view! {
        <h2 class="report-section">{format!("Changes since {}", since.long())}</h2>
        {if rows.is_empty() {
            view! { <p>"Nothing recorded as changed since then."</p> }.into_any()
        } else {
            view! {
                <table class="report-table changes-table">
                    <caption class="visually-hidden">{format!("Changes since {}", since.long())}</caption>
                    <thead><tr>
                        <th scope="col">"What"</th><th scope="col">"Now reads"</th>
                        <th scope="col">"Changed by"</th><th scope="col">"When"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr><th scope="row">{r.object}</th><td>{r.what}</td><td>{r.by}</td><td>{r.when}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
    .into_any()
}

fn report_view(plan: &Plan, c: &ReportChoices) -> AnyView {
    let body = match c.kind {
        ReportKind::Monitoring => {
            view! { <MonitoringReport report=document::monitoring(plan, c)/> }.into_any()
        }
        ReportKind::PlanDocument => {
            view! { <PlanDocumentReport document=document::document(plan, c)/> }.into_any()
        }
        ReportKind::Scorecard => {
            view! { <ScorecardReport card=document::scorecard(plan, c)/> }.into_any()
        }
        ReportKind::Changes => changes_view(plan, c),
    };
    view! {
        <ReportFrame
            header=report_header(plan, c)
            landscape=c.kind.landscape()
            cover=c.cover.then(|| cover_sheet(plan, c))
        >
            {body}
        </ReportFrame>
    }
    .into_any()
}
