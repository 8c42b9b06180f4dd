//! The one set of components that draws the plan as a document
//! ([`crate::core::document`]): the Plan page and every report use these, so a
//! priority, a KPI table or an action row looks the same wherever it is shown.
//!
//! Each takes its piece of the model, already built; the Plan page passes the
//! pieces of one object at a time (and adds its row buttons), a report passes its
//! whole document. [`Layout`] says where it is drawn: on the Plan page or in a
//! report (headings a level lower, tables styled for the printed page).

use crate::app::components::kpi::DirectionOfTravel;
use crate::app::components::{Bullets, Paragraphs, RagBadge};
use crate::core::document::{
    ActionRow, CellKind, CoverSheetView, Document, KpiTable, Monitoring, PlanSummary, ReportHeader,
    Scorecard, ScorecardRow, Section, SectionHead,
};
use crate::core::model::RagDefinition;
use crate::core::table::ColumnKind;
use leptos::prelude::*;

/// Where a piece of the document is drawn. Tables are in scrolling regions in both
/// (on paper they are as wide as the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The Plan page: headings from h2.
    Page,
    /// A report: headings from h3 (under the report's title), tables for print.
    Report,
}

impl Layout {
    /// The heading level of a priority.
    pub fn priority_level(self) -> u8 {
        match self {
            Layout::Page => 2,
            Layout::Report => 3,
        }
    }
}

/// A heading of `level` (2 to 6).
#[component]
pub fn Heading(
    level: u8,
    #[prop(optional_no_strip)] id: Option<String>,
    children: Children,
) -> impl IntoView {
    match level {
        ..=2 => view! { <h2 id=id>{children()}</h2> }.into_any(),
        3 => view! { <h3 id=id>{children()}</h3> }.into_any(),
        4 => view! { <h4 id=id>{children()}</h4> }.into_any(),
        5 => view! { <h5 id=id>{children()}</h5> }.into_any(),
        _ => view! { <h6 id=id>{children()}</h6> }.into_any(),
    }
}

/// The plan's summary list: organisation, period, status (the approval line),
/// last updated, and the plans it serves.
#[component]
pub fn PlanSummaryList(summary: PlanSummary, layout: Layout) -> impl IntoView {
    let class = match layout {
        Layout::Page => "summary-list",
        Layout::Report => "summary-list report-summary",
    };
    let links = summary.links;
    view! {
        <dl class=class>
            <div><dt>"Organisation"</dt><dd>{summary.organisation}</dd></div>
            <div><dt>"Period"</dt><dd>{summary.period}</dd></div>
            <div><dt>"Status"</dt><dd>{summary.status}</dd></div>
            <div><dt>"Last updated"</dt><dd>{summary.last_updated}</dd></div>
            {(!links.is_empty()).then(|| view! {
                <div><dt>"Links to other plans"</dt><dd><Bullets items=links/></dd></div>
            })}
        </dl>
    }
}

/// The plan's RAG definitions, in its own words (nothing when it has none).
#[component]
pub fn RagDefinitions(definitions: Vec<RagDefinition>, layout: Layout) -> impl IntoView {
    (!definitions.is_empty()).then(|| {
        let class = match layout {
            Layout::Page => "rag-definitions",
            Layout::Report => "report-rag-defs",
        };
        view! {
            <section class=class aria-labelledby="rag-heading">
                <Heading level=layout.priority_level() id=Some("rag-heading".into())>"RAG definitions"</Heading>
                <dl class="rag-defs">
                    {definitions.into_iter().map(|d| view! {
                        <div><dt><RagBadge rag=d.rag/></dt><dd>{d.meaning}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}

/// A priority's or an outcome's heading (at `level`) and the lines under it: its
/// buttons (the Plan page), council priority, group and outcome area, core
/// objectives and success criteria.
#[component]
pub fn SectionTop(
    head: SectionHead,
    level: u8,
    #[prop(optional_no_strip)] heading_id: Option<String>,
    #[prop(optional_no_strip)] buttons: Option<AnyView>,
) -> impl IntoView {
    let SectionHead {
        heading,
        meta,
        objectives,
        success_criteria,
        ..
    } = head;
    view! {
        <Heading level=level id=heading_id>{heading}</Heading>
        {buttons}
        {meta.into_iter().map(|m| view! { <p class="meta">{m}</p> }).collect_view()}
        {(!objectives.is_empty()).then(|| view! {
            <Heading level=level + 1>"Core objectives"</Heading>
            <Bullets items=objectives/>
        })}
        {(!success_criteria.is_empty()).then(|| view! {
            <Heading level=level + 1>"Success criteria"</Heading>
            <Bullets items=success_criteria/>
        })}
    }
}

fn column_heading(kind: ColumnKind, period: String) -> AnyView {
    match kind {
        ColumnKind::National | ColumnKind::Neighbours => view! {
            <abbr title=kind.long()>{kind.short()}</abbr>" "{period}
        }
        .into_any(),
        _ => format!("{} {period}", kind.short()).into_any(),
    }
}

fn cell_class(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Figure => "num",
        CellKind::Provisional => "num provisional",
        CellKind::NotAvailable => "na",
        CellKind::Target => "num target",
        CellKind::Blank => "blank",
    }
}

/// A KPI table in the seed's columns: indicator (with its unit), code and sources,
/// baseline, the period columns; rows under their section headings.
#[component]
pub fn KpiTableView(table: KpiTable, layout: Layout) -> impl IntoView {
    let KpiTable {
        caption,
        columns,
        groups,
    } = table;
    let width = columns.len() + 3;
    let head = columns
        .into_iter()
        .map(|c| view! { <th scope="col" class="num">{column_heading(c.kind, c.period)}</th> })
        .collect_view();
    let body = groups
        .into_iter()
        .map(|g| {
            view! {
                <tbody>
                    {(!g.section.is_empty()).then(|| view! {
                        <tr class="section-row"><th scope="rowgroup" colspan=width>{g.section}</th></tr>
                    })}
                    {g.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">
                                {r.title}
                                {r.unit.map(|u| view! { <span class="unit">{format!(" {u}")}</span> })}
                            </th>
                            <td class="code">{r.code}</td>
                            <td class="num">{r.baseline}</td>
                            {r.cells.into_iter().map(|c| view! { <td class=cell_class(c.kind)>{c.text}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            }
        })
        .collect_view();
    let class = match layout {
        Layout::Page => "kpi-table",
        Layout::Report => "kpi-table report-table report-kpi-table",
    };
    let label = caption.clone();
    let table = view! {
        <table class=class>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Indicator"</th>
                    <th scope="col">"Code"</th>
                    <th scope="col" class="num">"Baseline"</th>
                    {head}
                </tr>
            </thead>
            {body}
        </table>
    };
    view! { <div class="table-wrap" role="region" aria-label=label tabindex="0">{table}</div> }
}

/// An action table in the seed's columns, its rows given as children (each a
/// `<tr>` of [`ActionRowCells`]).
#[component]
pub fn ActionTable(
    #[prop(into)] caption: Signal<String>,
    layout: Layout,
    children: Children,
) -> impl IntoView {
    let class = match layout {
        Layout::Page => "action-table",
        Layout::Report => "report-table report-action-table",
    };
    let table = view! {
        <table class=class>
            <caption>{move || caption.get()}</caption>
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
            <tbody>{children()}</tbody>
        </table>
    };
    view! { <div class="table-wrap" role="region" aria-label=move || caption.get() tabindex="0">{table}</div> }
}

/// The cells of one action's row (the row element itself is the caller's, so the
/// Plan page keeps it while the cells are drawn again): the reference (with the
/// Plan page's `buttons`), then one cell for each column of [`ActionTable`].
#[component]
pub fn ActionRowCells(
    row: ActionRow,
    #[prop(optional_no_strip)] buttons: Option<AnyView>,
) -> impl IntoView {
    let ActionRow {
        reference,
        title,
        description,
        government_priority,
        starting_point,
        timeline,
        milestones,
        resources,
        leads,
        projected_outcomes,
        risks,
        rag,
        review_refs,
        monitoring,
        progress,
        ..
    } = row;
    view! {
        <th scope="row" class="ref" data-label="Ref">{reference}{buttons}</th>
        <td data-label="Activity">
            <p class="action-title">{title}</p>
            <Paragraphs text=description/>
            {government_priority.then(|| view! { <p class="flag">"Government or minister priority"</p> })}
        </td>
        <td data-label="Starting point"><Paragraphs text=starting_point/></td>
        <td data-label="Timeline">
            <Paragraphs text=timeline/>
            {(!milestones.is_empty()).then(|| view! {
                <ul class="milestones">{milestones.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            })}
        </td>
        <td data-label="Resources"><Paragraphs text=resources/></td>
        <td data-label="Lead(s)"><Bullets items=leads/></td>
        <td data-label="Projected outcomes"><Paragraphs text=projected_outcomes/></td>
        <td data-label="Risks and mitigation">
            {(!risks.is_empty()).then(|| view! {
                <ul class="risks">
                    {risks.into_iter().map(|r| {
                        let mitigation = (!r.mitigation.is_empty()).then(|| view! {
                            <span class="mitigation">{format!(" Mitigation: {}", r.mitigation)}</span>
                        });
                        view! { <li>{r.description}{mitigation}</li> }
                    }).collect_view()}
                </ul>
            })}
        </td>
        <td data-label="RAG"><RagBadge rag=rag/></td>
        <td data-label="Ref DR">{review_refs}</td>
        <td data-label="Monitoring">{monitoring}</td>
        <td data-label="Progress">
            {progress.map(|u| view! {
                <p class="update-date">{u.heading()}</p>
                <Paragraphs text=u.commentary/>
            })}
        </td>
    }
}

fn none_match() -> AnyView {
    view! { <p class="empty">"Nothing in the plan matches these filters."</p> }.into_any()
}

/// A section of the plan document report (a priority, or one of its outcomes).
fn report_section(s: Section, level: u8) -> AnyView {
    let Section {
        head,
        kpis,
        actions,
        outcomes,
    } = s;
    let caption = head.action_caption();
    let class = if level <= Layout::Report.priority_level() {
        "report-section plan-priority"
    } else {
        "plan-outcome"
    };
    view! {
        <section class=class>
            <SectionTop head=head level=level/>
            {kpis.map(|t| view! { <KpiTableView table=t layout=Layout::Report/> })}
            {(!actions.is_empty()).then(|| view! {
                <ActionTable caption=caption layout=Layout::Report>
                    {actions.into_iter().map(|r| view! { <tr><ActionRowCells row=r/></tr> }).collect_view()}
                </ActionTable>
            })}
            {outcomes.into_iter().map(|o| report_section(o, level + 1)).collect_view()}
        </section>
    }
    .into_any()
}

/// The plan document report.
#[component]
pub fn PlanDocumentReport(document: Document) -> impl IntoView {
    let Document {
        summary,
        rag_definitions,
        sections,
    } = document;
    let level = Layout::Report.priority_level();
    view! {
        <PlanSummaryList summary=summary layout=Layout::Report/>
        <RagDefinitions definitions=rag_definitions layout=Layout::Report/>
        {if sections.is_empty() { Some(none_match()) } else { None }}
        {sections.into_iter().map(|s| report_section(s, level)).collect_view()}
    }
}

/// The monitoring report: each commitment with its responsible officer, RAG and
/// reason, and the comments on progress, by priority.
#[component]
pub fn MonitoringReport(report: Monitoring) -> impl IntoView {
    let Monitoring {
        rag_definitions,
        count,
        groups,
    } = report;
    let body = if groups.is_empty() {
        none_match()
    } else {
        groups
            .into_iter()
            .map(|g| {
                let caption = format!("{}: commitments", g.heading);
                view! {
                    <section class="report-section">
                        <h3>{g.heading}</h3>
                        <table class="report-table monitoring-table">
                            <caption class="visually-hidden">{caption}</caption>
                            <thead><tr>
                                <th scope="col" class="col-commitment">"Commitment"</th>
                                <th scope="col" class="col-officer">"Responsible officer"</th>
                                <th scope="col" class="col-rag">"RAG and reason"</th>
                                <th scope="col" class="col-progress">"Comments on progress"</th>
                            </tr></thead>
                            <tbody>{g.rows.into_iter().map(monitoring_row).collect_view()}</tbody>
                        </table>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <RagDefinitions definitions=rag_definitions layout=Layout::Report/>
        <p class="report-count">{if count == 1 { "1 commitment".to_string() } else { format!("{count} commitments") }}</p>
        {body}
    }
}

fn monitoring_row(r: ActionRow) -> impl IntoView {
    let reason = r
        .progress
        .as_ref()
        .map(|p| p.reason.clone())
        .unwrap_or_default();
    view! {
        <tr>
            <th scope="row">
                <span class="ref">{r.reference}</span>" "
                <span class="commitment">{r.title}</span>
            </th>
            <td>{r.leads.join(", ")}</td>
            <td>
                <RagBadge rag=r.rag/>
                {(!reason.is_empty()).then(|| view! { <p class="rag-reason">{reason}</p> })}
            </td>
            <td>
                {match r.progress {
                    Some(u) => view! {
                        <p class="update-date">{u.heading()}</p>
                        <Paragraphs text=u.commentary/>
                    }.into_any(),
                    None => view! { <p class="meta">"No progress update yet."</p> }.into_any(),
                }}
            </td>
        </tr>
    }
}

/// The KPI scorecard: each indicator with its latest value, target, RAG and
/// direction of travel, by priority.
#[component]
pub fn ScorecardReport(card: Scorecard) -> impl IntoView {
    let Scorecard {
        count,
        any_corporate,
        groups,
    } = card;
    let body = if groups.is_empty() {
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
                {groups.into_iter().map(|g| view! {
                    <tbody>
                        <tr class="section-row"><th scope="rowgroup" colspan="5">{g.heading}</th></tr>
                        {g.rows.into_iter().map(scorecard_row).collect_view()}
                    </tbody>
                }).collect_view()}
            </table>
        }
        .into_any()
    };
    view! {
        <p class="report-count">{if count == 1 { "1 indicator".to_string() } else { format!("{count} indicators") }}</p>
        <p class="legend">{if any_corporate {
            "* marks an indicator on the corporate dashboard."
        } else {
            "* would mark an indicator on the corporate dashboard; none of these is."
        }}</p>
        {body}
    }
}

fn scorecard_row(r: ScorecardRow) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">
                {r.name}
                {r.corporate.then(|| view! { <span class="corp">" *"<span class="visually-hidden">" (corporate dashboard)"</span></span> })}
            </th>
            <td class="num">{r.latest}</td>
            <td class="num">{r.target}</td>
            <td><RagBadge rag=r.rag/></td>
            <td><DirectionOfTravel direction=r.direction/></td>
        </tr>
    }
}

/// A committee cover sheet, printed on a page of its own in front of the report.
#[component]
pub fn CoverSheet(sheet: CoverSheetView) -> impl IntoView {
    let CoverSheetView {
        report_to_line,
        subject,
        fields,
        purpose,
        recommendation,
        attached,
    } = sheet;
    let text = |t: String| {
        if t.is_empty() {
            view! { <p>"—"</p> }.into_any()
        } else {
            view! { <Paragraphs text=t/> }.into_any()
        }
    };
    view! {
        <section class="cover-sheet" aria-labelledby="cover-title">
            <p class="cover-report-to">{report_to_line}</p>
            <h2 id="cover-title" class="cover-subject">{subject}</h2>
            <dl class="summary-list cover-fields">
                {fields.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <h3>"1. Purpose"</h3>
            {text(purpose)}
            <h3>"2. Recommendation"</h3>
            {text(recommendation)}
            <p class="cover-attached">{attached}</p>
        </section>
    }
}

/// A report as printed: the cover sheet (if any) in front, then a running head
/// repeated on every page, the report's title and lines, and its body.
#[component]
pub fn ReportFrame(
    header: ReportHeader,
    landscape: bool,
    cover: Option<CoverSheetView>,
    children: Children,
) -> impl IntoView {
    view! {
        <article class="report" class:report-landscape=landscape aria-labelledby="report-title">
            {cover.map(|sheet| view! { <CoverSheet sheet=sheet/> })}
            <table class="report-frame" role="presentation">
                <thead class="running-head">
                    <tr><td>{header.running}</td></tr>
                </thead>
                <tbody>
                    <tr><td class="report-body">
                        <header class="report-header">
                            <h2 id="report-title" class="report-title">{header.title}</h2>
                            <p class="report-plan">{header.plan}</p>
                            <p class="report-meta">{header.meta}</p>
                        </header>
                        {children()}
                    </td></tr>
                </tbody>
            </table>
        </article>
    }
}
