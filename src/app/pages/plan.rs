//! The Plan page: the whole plan as a readable document, in the layout of the
//! source plans — each priority with its objectives, success criteria, KPI table
//! and action table, and its outcomes likewise.

use crate::app::components::{Bullets, Paragraphs, RagBadge};
use crate::app::state::use_app;
use crate::core::model::{Action, Kpi, Outcome, Plan, Priority};
use crate::core::table::{self, Cell, ColumnKind};
use leptos::prelude::*;

#[component]
pub fn PlanPage() -> impl IntoView {
    let app = use_app();
    move || app.plan.with(plan_document)
}

fn plan_document(plan: &Plan) -> AnyView {
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
        <article class="plan-doc">
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
            {plan.priorities.iter().map(|p| priority_section(plan, p)).collect_view()}
            {rag_definitions(plan)}
            {glossary(plan)}
            {(!plan.notes.is_empty()).then(|| view! {
                <section aria-labelledby="notes-heading">
                    <h2 id="notes-heading">"Notes"</h2>
                    <Bullets items=plan.notes.clone()/>
                </section>
            })}
        </article>
    }
    .into_any()
}

fn priority_section(plan: &Plan, p: &Priority) -> impl IntoView {
    let heading_id = format!("{}-heading", p.id);
    let labelled_by = heading_id.clone();
    let kpis: Vec<&Kpi> = plan.kpis_of_priority(&p.id).collect();
    let name = format!("Priority {}", p.number);
    view! {
        <section class="priority" id=p.id.to_string() aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("Priority {}: {}", p.number, p.title)}</h2>
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
            {p.outcomes.iter().map(|o| outcome_section(plan, o)).collect_view()}
        </section>
    }
}

fn outcome_section(plan: &Plan, o: &Outcome) -> impl IntoView {
    let heading_id = format!("{}-heading", o.id);
    let labelled_by = heading_id.clone();
    let kpis: Vec<&Kpi> = plan.kpis_of_outcome(&o.id).collect();
    let name = format!("Outcome {}", o.number);
    view! {
        <section class="outcome" id=o.id.to_string() aria-labelledby=labelled_by>
            <h3 id=heading_id>{format!("Outcome {}: {}", o.number, o.title)}</h3>
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
        <tr id=a.id.to_string()>
            <th scope="row" data-label="Ref">{a.reference.clone()}</th>
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
