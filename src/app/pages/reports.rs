//! The Reports page: print-ready reports of the plan as at a date — the monitoring
//! report (seed 003's layout), the plan document (seed 000's), and a KPI scorecard
//! (seed 002's list) — each with filters kept in the address, and an optional
//! committee cover sheet (seed 004's fields) printed in front.

use crate::app::components::form::{
    show_errors, DateInput, DateParts, ErrorSummary, TextArea, TextInput,
};
use crate::app::components::{Bullets, Paragraphs, RagBadge};
use crate::app::pages::dashboard::{as_at_of, kpi_name, DirectionOfTravel};
use crate::app::route::use_router;
use crate::app::state::{today, use_app};
use crate::core::date::Date;
use crate::core::edit::{set_details, PlanDetails};
use crate::core::filter::{all_leads, rag_from_key};
use crate::core::kpi;
use crate::core::model::{Action, ActionRef, CoverSheet, Id, Kpi, Plan, ProgressUpdate, Rag};
use crate::core::rollup::{action_rag_as_at, kpi_rag};
use crate::core::table::{self, Cell, ColumnKind};
use crate::core::validate::Report;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The reports on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Monitoring,
    PlanDocument,
    Scorecard,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [
        ReportKind::Monitoring,
        ReportKind::PlanDocument,
        ReportKind::Scorecard,
    ];
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Monitoring => "monitoring",
            ReportKind::PlanDocument => "plan",
            ReportKind::Scorecard => "scorecard",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Monitoring => "Monitoring report",
            ReportKind::PlanDocument => "Plan document",
            ReportKind::Scorecard => "KPI scorecard",
        }
    }
    pub fn hint(self) -> &'static str {
        match self {
            ReportKind::Monitoring => "Each commitment with its responsible officer, RAG and reason, and the latest comments on progress.",
            ReportKind::PlanDocument => "Each priority with its objectives, success criteria, KPI table and action table.",
            ReportKind::Scorecard => "Each indicator with its latest value, target, RAG and direction of travel.",
        }
    }
    fn from_key(s: &str) -> ReportKind {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.key() == s)
            .unwrap_or(ReportKind::Monitoring)
    }
}

/// A report's choices, read from the address.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    pub kind: ReportKind,
    pub priority: Option<Id>,
    pub lead: String,
    pub rag: Option<Rag>,
    pub as_at: Date,
    pub red_amber_only: bool,
    pub cover: bool,
}

impl Choices {
    pub fn from_params(p: &BTreeMap<String, String>) -> Choices {
        let get = |k: &str| p.get(k).map(|s| s.trim()).unwrap_or("");
        Choices {
            kind: ReportKind::from_key(get("report")),
            priority: Some(get("priority")).filter(|s| !s.is_empty()).map(Id::new),
            lead: get("lead").to_string(),
            rag: Some(get("rag"))
                .filter(|s| !s.is_empty())
                .and_then(rag_from_key),
            as_at: as_at_of(p),
            red_amber_only: get("only") == "red-amber",
            cover: get("cover") == "1",
        }
    }

    /// Whether an action is in the report.
    fn shows_action(&self, r: &ActionRef) -> bool {
        let a = r.action;
        if self.priority.as_ref().is_some_and(|p| *p != r.priority.id) {
            return false;
        }
        if !self.lead.is_empty()
            && !a
                .leads
                .iter()
                .any(|l| l.trim().eq_ignore_ascii_case(&self.lead))
        {
            return false;
        }
        let rag = action_rag_as_at(a, self.as_at);
        if self.rag.is_some_and(|x| x != rag) {
            return false;
        }
        !self.red_amber_only || matches!(rag, Rag::Red | Rag::Amber)
    }

    /// Whether a KPI is in the scorecard.
    fn shows_kpi(&self, k: &Kpi) -> bool {
        if self.priority.is_some() && k.priority_id != self.priority {
            return false;
        }
        if !self.lead.is_empty()
            && !k
                .responsible_officer
                .trim()
                .eq_ignore_ascii_case(&self.lead)
        {
            return false;
        }
        let rag = kpi_rag(k);
        if self.rag.is_some_and(|x| x != rag) {
            return false;
        }
        !self.red_amber_only || matches!(rag, Rag::Red | Rag::Amber)
    }

    /// The filters in words, for the printed report.
    fn words(&self, plan: &Plan) -> String {
        let mut parts = Vec::new();
        if let Some(p) = self.priority.as_ref().and_then(|id| plan.priority(id)) {
            parts.push(format!("priority {}", p.number));
        }
        if !self.lead.is_empty() {
            parts.push(format!("lead {}", self.lead));
        }
        if let Some(r) = self.rag {
            parts.push(format!("{} only", r.label().to_lowercase()));
        }
        if self.red_amber_only {
            parts.push("red and amber only".into());
        }
        if parts.is_empty() {
            "Everything in the plan".into()
        } else {
            format!("Showing {}", parts.join("; "))
        }
    }
}

/// The newest live progress update written by `as_at` (undated ones count as oldest).
fn update_as_at(a: &Action, as_at: Date) -> Option<&ProgressUpdate> {
    a.live_updates()
        .enumerate()
        .filter(|(_, u)| u.date.is_none_or(|d| d <= as_at))
        .max_by_key(|(i, u)| (u.date, *i))
        .map(|(_, u)| u)
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let choices = Memo::new(move |_| router.location.with(|l| Choices::from_params(&l.params)));
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
fn Controls(choices: Memo<Choices>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let set = move |key: &'static str, value: String| {
        let mut params = router.location.get_untracked().params;
        if value.is_empty() {
            params.remove(key);
        } else {
            params.insert(key.into(), value);
        }
        router.replace_params(params);
    };
    let leads = Memo::new(move |_| app.plan.with(all_leads));
    let priorities = Memo::new(move |_| app.plan.with(super::plan::priority_choices));
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
                                    on:change=move |_| set("report", k.key().to_string())/>
                                <div class="radio-text">
                                    <label class="radio-label" for=id>{k.label()}</label>
                                    <span class="hint" id=hid>{k.hint()}</span>
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="filter-row">
                <div class="form-group">
                    <label class="label" for="report-priority">"Priority"</label>
                    <select class="select" id="report-priority" on:change=move |ev| set("priority", event_target_value(&ev))>
                        <option value="" selected=move || choices.with(|c| c.priority.is_none())>"All priorities"</option>
                        {move || priorities.get().into_iter().map(|(id, label)| {
                            let id2 = id.clone();
                            view! { <option value=id selected=move || choices.with(|c| c.priority.as_ref().map(Id::as_str) == Some(id2.as_str()))>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="report-lead">"Lead"</label>
                    <select class="select" id="report-lead" on:change=move |ev| set("lead", event_target_value(&ev))>
                        <option value="" selected=move || choices.with(|c| c.lead.is_empty())>"Any lead"</option>
                        {move || leads.get().into_iter().map(|l| {
                            let l2 = l.clone();
                            view! { <option value=l.clone() selected=move || choices.with(|c| c.lead.eq_ignore_ascii_case(&l2))>{l.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="report-rag">"RAG"</label>
                    <select class="select" id="report-rag" on:change=move |ev| set("rag", event_target_value(&ev))>
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
                                set("asat", if d == today() { String::new() } else { d.to_string() });
                            }
                        }/>
                </div>
                <div class="form-group checkbox">
                    <input type="checkbox" id="report-red-amber"
                        prop:checked=move || choices.with(|c| c.red_amber_only)
                        on:change=move |ev| set("only", if event_target_checked(&ev) { "red-amber".into() } else { String::new() })/>
                    <label class="label" for="report-red-amber">"Red and amber only"</label>
                </div>
            </div>
            <p class="hint">"For the KPI scorecard, Lead means the indicator's responsible officer."</p>
            <div class="form-group checkbox">
                <input type="checkbox" id="report-cover"
                    prop:checked=move || choices.with(|c| c.cover)
                    on:change=move |ev| set("cover", if event_target_checked(&ev) { "1".into() } else { String::new() })/>
                <label class="label" for="report-cover">"Include a committee cover sheet"</label>
            </div>
        </form>
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
    let saved = Memo::new(move |_| app.plan.with(|p| p.cover_sheet.clone()));
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
            <TextArea label="Purpose" name="cover.purpose" value=purpose report=report/>
            <TextArea label="Recommendation" name="cover.recommendation" value=recommendation report=report/>
            <div class="button-group">
                <button type="submit">"Save cover sheet"</button>
            </div>
        </form>
    }
}

fn report_view(plan: &Plan, c: &Choices) -> AnyView {
    let body = match c.kind {
        ReportKind::Monitoring => monitoring(plan, c).into_any(),
        ReportKind::PlanDocument => plan_document(plan, c).into_any(),
        ReportKind::Scorecard => scorecard(plan, c).into_any(),
    };
    let wide = matches!(c.kind, ReportKind::Monitoring | ReportKind::PlanDocument);
    let running = format!(
        "{} · {} · As at {}",
        plan.title,
        c.kind.label(),
        c.as_at.long()
    );
    view! {
        <article class="report" class:report-landscape=wide aria-labelledby="report-title">
            {c.cover.then(|| cover_sheet(plan, c))}
            <table class="report-frame" role="presentation">
                <thead class="running-head">
                    <tr><td>{running}</td></tr>
                </thead>
                <tbody>
                    <tr><td class="report-body">
                        <header class="report-header">
                            <h2 id="report-title" class="report-title">{c.kind.label()}</h2>
                            <p class="report-plan">{format!("{} — {}", plan.title, plan.organisation)}</p>
                            <p class="report-meta">
                                {format!("As at {}. {}.", c.as_at.long(), c.words(plan))}
                            </p>
                        </header>
                        {body}
                    </td></tr>
                </tbody>
            </table>
        </article>
    }
    .into_any()
}

fn cover_sheet(plan: &Plan, c: &Choices) -> impl IntoView {
    let s = &plan.cover_sheet;
    let or_dash = |v: &str| {
        if v.trim().is_empty() {
            "—".to_string()
        } else {
            v.to_string()
        }
    };
    let subject = if s.subject.trim().is_empty() {
        format!("{}: {}", plan.title, c.kind.label().to_lowercase())
    } else {
        s.subject.clone()
    };
    view! {
        <section class="cover-sheet" aria-labelledby="cover-title">
            <p class="cover-report-to">{format!("Report to {}", or_dash(&s.report_to))}
                {s.date.map(|d| format!(" – {}", d.long()))}</p>
            <h2 id="cover-title" class="cover-subject">{subject}</h2>
            <dl class="summary-list cover-fields">
                <div><dt>"Report to"</dt><dd>{or_dash(&s.report_to)}</dd></div>
                <div><dt>"Date"</dt><dd>{s.date.map(|d| d.long()).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>"Subject"</dt><dd>{or_dash(&s.subject)}</dd></div>
                <div><dt>"Report of"</dt><dd>{or_dash(&s.report_of)}</dd></div>
                <div><dt>"Contact officer"</dt><dd>{or_dash(&s.contact_officer)}</dd></div>
            </dl>
            <h3>"1. Purpose"</h3>
            {if s.purpose.trim().is_empty() { view! { <p>"—"</p> }.into_any() } else { view! { <Paragraphs text=s.purpose.clone()/> }.into_any() }}
            <h3>"2. Recommendation"</h3>
            {if s.recommendation.trim().is_empty() { view! { <p>"—"</p> }.into_any() } else { view! { <Paragraphs text=s.recommendation.clone()/> }.into_any() }}
            <p class="cover-attached">{format!("Attached: {} as at {}.", c.kind.label(), c.as_at.long())}</p>
        </section>
    }
}

fn rag_definitions(plan: &Plan) -> impl IntoView {
    (!plan.rag_definitions.is_empty()).then(|| {
        view! {
            <section class="report-rag-defs" aria-labelledby="report-rag-heading">
                <h3 id="report-rag-heading">"RAG definitions"</h3>
                <dl class="rag-defs">
                    {plan.rag_definitions.iter().map(|d| view! {
                        <div><dt><RagBadge rag=d.rag/></dt><dd>{d.meaning.clone()}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}

fn none_match() -> AnyView {
    view! { <p class="empty">"Nothing in the plan matches these filters."</p> }.into_any()
}

// ---------------------------------------------------------------------------
// Monitoring report

fn monitoring(plan: &Plan, c: &Choices) -> impl IntoView {
    let mut groups: Vec<(String, Vec<ActionRef>)> = Vec::new();
    for r in plan.actions().filter(|r| c.shows_action(r)) {
        let name = format!("Priority {}: {}", r.priority.number, r.priority.title);
        match groups.last_mut() {
            Some((n, list)) if *n == name => list.push(r),
            _ => groups.push((name, vec![r])),
        }
    }
    let count: usize = groups.iter().map(|g| g.1.len()).sum();
    let body = if groups.is_empty() {
        none_match()
    } else {
        groups
            .into_iter()
            .map(|(name, rows)| {
                let caption = format!("{name}: commitments");
                view! {
                    <section class="report-section">
                        <h3>{name.clone()}</h3>
                        <table class="report-table monitoring-table">
                            <caption class="visually-hidden">{caption}</caption>
                            <thead><tr>
                                <th scope="col" class="col-commitment">"Commitment"</th>
                                <th scope="col" class="col-officer">"Responsible officer"</th>
                                <th scope="col" class="col-rag">"RAG and reason"</th>
                                <th scope="col" class="col-progress">"Comments on progress"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| monitoring_row(r.action, c.as_at)).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        {rag_definitions(plan)}
        <p class="report-count">{if count == 1 { "1 commitment".to_string() } else { format!("{count} commitments") }}</p>
        {body}
    }
}

fn monitoring_row(a: &Action, as_at: Date) -> impl IntoView {
    let rag = action_rag_as_at(a, as_at);
    let u = update_as_at(a, as_at).cloned();
    let reason = u
        .as_ref()
        .map(|u| u.reason.trim().to_string())
        .unwrap_or_default();
    view! {
        <tr>
            <th scope="row">
                <span class="ref">{a.reference.clone()}</span>" "
                <span class="commitment">{a.title.clone()}</span>
            </th>
            <td>{a.leads.join(", ")}</td>
            <td>
                <RagBadge rag=rag/>
                {(!reason.is_empty()).then(|| view! { <p class="rag-reason">{reason}</p> })}
            </td>
            <td>
                {match u {
                    Some(u) => view! {
                        <p class="update-date">{u.date.map(|d| d.long()).unwrap_or_else(|| "Undated".into())}</p>
                        <Paragraphs text=u.commentary.clone()/>
                    }.into_any(),
                    None => view! { <p class="meta">"No progress update yet."</p> }.into_any(),
                }}
            </td>
        </tr>
    }
}

// ---------------------------------------------------------------------------
// Plan document

fn plan_document(plan: &Plan, c: &Choices) -> impl IntoView {
    let priorities: Vec<_> = plan
        .priorities
        .iter()
        .filter(|p| c.priority.as_ref().is_none_or(|id| *id == p.id))
        .collect();
    let status = plan.status.label();
    view! {
        <dl class="summary-list report-summary">
            <div><dt>"Organisation"</dt><dd>{plan.organisation.clone()}</dd></div>
            <div><dt>"Period"</dt><dd>{plan.period_label.clone()}</dd></div>
            <div><dt>"Status"</dt><dd>{if plan.approved_by.is_empty() { status.to_string() } else { format!("{status} by {}", plan.approved_by) }}</dd></div>
        </dl>
        {rag_definitions(plan)}
        {if priorities.is_empty() { Some(none_match()) } else { None }}
        {priorities.into_iter().map(|p| {
            let kpis: Vec<&Kpi> = plan.kpis_of_priority(&p.id).collect();
            let own: Vec<&Action> = p.actions.iter().filter(|a| c.shows_action(&ActionRef { priority: p, outcome: None, action: a })).collect();
            let name = format!("Priority {}", p.number);
            view! {
                <section class="report-section plan-priority">
                    <h3>{format!("Priority {}: {}", p.number, p.title)}</h3>
                    {(!p.council_priority.is_empty()).then(|| view! { <p class="meta">{p.council_priority.clone()}</p> })}
                    {(!p.objectives.is_empty()).then(|| view! { <h4>"Core objectives"</h4><Bullets items=p.objectives.clone()/> })}
                    {(!p.success_criteria.is_empty()).then(|| view! { <h4>"Success criteria"</h4><Bullets items=p.success_criteria.clone()/> })}
                    {kpi_table(&kpis, &format!("{name}: indicators"))}
                    {action_table(&own, &format!("{name}: actions"), c.as_at)}
                    {p.outcomes.iter().map(|o| {
                        let kpis: Vec<&Kpi> = plan.kpis_of_outcome(&o.id).collect();
                        let acts: Vec<&Action> = o.actions.iter().filter(|a| c.shows_action(&ActionRef { priority: p, outcome: Some(o), action: a })).collect();
                        let oname = format!("Outcome {}", o.number);
                        view! {
                            <section class="plan-outcome">
                                <h4>{format!("Outcome {}: {}", o.number, o.title)}</h4>
                                {(!o.success_criteria.is_empty()).then(|| view! { <p class="label-line">"Success criteria"</p><Bullets items=o.success_criteria.clone()/> })}
                                {kpi_table(&kpis, &format!("{oname}: indicators"))}
                                {action_table(&acts, &format!("{oname}: actions"), c.as_at)}
                            </section>
                        }
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
    }
}

fn kpi_table(kpis: &[&Kpi], caption: &str) -> Option<AnyView> {
    if kpis.is_empty() {
        return None;
    }
    let cols = table::columns(kpis);
    let head = cols
        .iter()
        .map(|c| {
            let h = match c.kind {
                ColumnKind::National | ColumnKind::Neighbours => view! {
                    <abbr title=c.kind.long()>{c.kind.short()}</abbr>" "{c.period.clone()}
                }
                .into_any(),
                _ => format!("{} {}", c.kind.short(), c.period).into_any(),
            };
            view! { <th scope="col" class="num">{h}</th> }
        })
        .collect_view();
    let rows = kpis
        .iter()
        .map(|k| {
            let d = Some(k.decimals);
            let baseline = match &k.baseline.value {
                Some(v) if k.baseline.period.is_empty() => v.display(d),
                Some(v) => format!("{} ({})", v.display(d), k.baseline.period),
                None => String::new(),
            };
            let cells = cols
                .iter()
                .map(|col| {
                    let (text, class) = match table::cell(k, col) {
                        Cell::Value(v) if !v.is_available() => (v.display(d), "na"),
                        Cell::Value(v) => (v.display(d), "num"),
                        Cell::Target(t) => (t.display(d), "num"),
                        Cell::Blank => (String::new(), "blank"),
                    };
                    view! { <td class=class>{text}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{k.title.clone()}<span class="unit">{format!(" ({})", k.unit.label())}</span></th>
                    <td class="code">{k.code.clone()}</td>
                    <td class="num">{baseline}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <table class="report-table report-kpi-table">
                <caption>{caption.to_string()}</caption>
                <thead><tr>
                    <th scope="col">"Indicator"</th>
                    <th scope="col">"Code"</th>
                    <th scope="col" class="num">"Baseline"</th>
                    {head}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any(),
    )
}

fn action_table(actions: &[&Action], caption: &str, as_at: Date) -> Option<AnyView> {
    if actions.is_empty() {
        return None;
    }
    let rows = actions
        .iter()
        .map(|a| {
            let u = update_as_at(a, as_at).cloned();
            let timeline = match a.due {
                Some(d) if !a.timeline.is_empty() => format!("{}\nDue: {}", a.timeline, d.long()),
                Some(d) => format!("Due: {}", d.long()),
                None => a.timeline.clone(),
            };
            view! {
                <tr>
                    <th scope="row" class="ref">{a.reference.clone()}</th>
                    <td><p class="action-title">{a.title.clone()}</p><Paragraphs text=a.description.clone()/></td>
                    <td><Paragraphs text=a.starting_point.clone()/></td>
                    <td><Paragraphs text=timeline/></td>
                    <td>{a.leads.join(", ")}</td>
                    <td><Paragraphs text=a.projected_outcomes.clone()/></td>
                    <td><RagBadge rag=action_rag_as_at(a, as_at)/></td>
                    <td>{u.map(|u| view! {
                        <p class="update-date">{u.date.map(|d| d.long()).unwrap_or_default()}</p>
                        <Paragraphs text=u.commentary.clone()/>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <table class="report-table report-action-table">
                <caption>{caption.to_string()}</caption>
                <thead><tr>
                    <th scope="col">"Ref"</th>
                    <th scope="col">"Activity"</th>
                    <th scope="col">"Starting point"</th>
                    <th scope="col">"Timeline"</th>
                    <th scope="col">"Lead(s)"</th>
                    <th scope="col">"Projected outcomes"</th>
                    <th scope="col">"RAG"</th>
                    <th scope="col">"Progress"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any(),
    )
}

// ---------------------------------------------------------------------------
// KPI scorecard

fn scorecard(plan: &Plan, c: &Choices) -> impl IntoView {
    let shown: Vec<&Kpi> = plan.kpis.iter().filter(|k| c.shows_kpi(k)).collect();
    let any_corporate = shown.iter().any(|k| k.corporate_dashboard);
    let mut groups: Vec<(String, Vec<&Kpi>)> = Vec::new();
    for k in &shown {
        let name = k
            .priority_id
            .as_ref()
            .and_then(|id| plan.priority(id))
            .map(|p| format!("Priority {}: {}", p.number, p.title))
            .unwrap_or_else(|| "Not linked to a priority".into());
        match groups.iter_mut().find(|g| g.0 == name) {
            Some(g) => g.1.push(k),
            None => groups.push((name, vec![k])),
        }
    }
    let n = shown.len();
    let body = if shown.is_empty() {
        none_match()
    } else {
        view! {
            <table class="report-table scorecard-table">
                <caption class="visually-hidden">"KPI scorecard"</caption>
                <thead><tr>
                    <th scope="col">"Indicator"</th>
                    <th scope="col" class="num">"Latest"</th>
                    <th scope="col" class="num">"Target"</th>
                    <th scope="col">"RAG"</th>
                    <th scope="col">"Direction of travel"</th>
                </tr></thead>
                {groups.into_iter().map(|(name, ks)| view! {
                    <tbody>
                        <tr class="section-row"><th scope="rowgroup" colspan="5">{name}</th></tr>
                        {ks.into_iter().map(scorecard_row).collect_view()}
                    </tbody>
                }).collect_view()}
            </table>
        }
        .into_any()
    };
    view! {
        <p class="report-count">{if n == 1 { "1 indicator".to_string() } else { format!("{n} indicators") }}</p>
        <p class="legend">{if any_corporate {
            "* marks an indicator on the corporate dashboard."
        } else {
            "* would mark an indicator on the corporate dashboard; none of these is."
        }}</p>
        {body}
    }
}

fn scorecard_row(k: &Kpi) -> impl IntoView {
    let d = Some(k.decimals);
    let rating = kpi::latest_rating(k);
    let rag = rating.as_ref().map_or(Rag::NotRated, |r| r.rag);
    let idx = kpi::latest_actual_index(k);
    let latest = idx
        .map(|i| {
            let p = &k.series[i];
            format!(
                "{} ({})",
                p.actual.as_ref().map(|v| v.display(d)).unwrap_or_default(),
                p.period
            )
        })
        .unwrap_or_else(|| "No value yet".into());
    let target = idx
        .and_then(|i| k.series[i].target.as_ref().map(|t| t.display(d)))
        .or_else(|| {
            k.series.iter().find_map(|p| {
                p.target
                    .as_ref()
                    .map(|t| format!("{} ({})", t.display(d), p.period))
            })
        })
        .unwrap_or_else(|| "No target".into());
    let dir = kpi::trend(k, 3).short;
    view! {
        <tr>
            <th scope="row">
                {kpi_name(k)}
                {k.corporate_dashboard.then(|| view! { <span class="corp">" *"<span class="visually-hidden">" (corporate dashboard)"</span></span> })}
            </th>
            <td class="num">{latest}</td>
            <td class="num">{target}</td>
            <td><RagBadge rag=rag/></td>
            <td><DirectionOfTravel direction=dir/></td>
        </tr>
    }
}
