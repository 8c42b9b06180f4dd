//! The plan as a document: one model for the Plan page and every report.
//!
//! The Plan page and the reports show the same things — a priority's heading and
//! lines, its KPI table, its action table, the RAG definitions, the approval line —
//! and both build them here, from small pure functions of one object each, so the
//! two can never drift apart:
//! - [`plan_summary`] (with [`approval_line`]) and [`rag_definitions`], of the plan;
//! - [`priority_head`] and [`outcome_head`], of one priority or outcome;
//! - [`kpi_table`] (rows by [`kpi_row`]) of the KPIs of one priority or outcome
//!   ([`priority_kpis`], [`outcome_kpis`]);
//! - [`action_row`], of one action, as at a date or as the plan stands.
//!
//! The Plan page builds one row again when one action changes; a report builds the
//! whole of its document at once: [`document`] (the plan document), [`monitoring`]
//! (the monitoring report), [`scorecard`] (the KPI scorecard), with
//! [`report_header`] and [`cover_sheet`].
//!
//! Rules of the model:
//! - a KPI's unit is said after its title, "(rate per 10,000)", unless the title
//!   already says it ("% pupils achieving…", as the source plans print them);
//! - the code cell carries the KPI's sources after its code: "NI 72 (NI, LAA)";
//! - a KPI table groups its rows under their section headings ("Key Stage 2"), in
//!   the order met; a cell is a figure, a provisional figure, not available, a
//!   target or blank;
//! - KPI values are not cut off by the as-at date (periods are labels, not dates:
//!   see [`crate::core::rollup`]); an action's RAG and the progress update shown
//!   beside it are the one update that counts as at the date
//!   ([`crate::core::rollup::update_as_at`]);
//! - the approval line is the plan's status, by whom and on which date, as known.

use super::date::Date;
use super::kpi::{self, Direction};
use super::model::{
    Action, Id, Kpi, Milestone, Outcome, OutcomeArea, Plan, Priority, Quarter, Rag, RagDefinition,
    Risk, Unit,
};
use super::report::ReportChoices;
use super::risk;
use super::rollup::{kpi_rag, rag_of, update_as_at};
use super::table::{self, Cell, Column};

// ---------------------------------------------------------------------------
// The plan's own lines

/// The plan's summary list, under its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub title: String,
    pub organisation: String,
    pub period: String,
    /// The approval line ([`approval_line`]).
    pub status: String,
    /// "31 October 2009", or "Not recorded".
    pub last_updated: String,
    /// Higher plans this plan serves.
    pub links: Vec<String>,
}

/// The plan's status with who approved it and when, as far as the plan says:
/// "Approved by Cabinet on 7 July 2009", "Approved by Cabinet", "Approved on 7 July
/// 2009", "Draft".
pub fn approval_line(plan: &Plan) -> String {
    let status = plan.status.label();
    let by = plan.approved_by.trim();
    match (by, plan.approved_on) {
        ("", None) => status.to_string(),
        ("", Some(on)) => format!("{status} on {}", on.long()),
        (by, None) => format!("{status} by {by}"),
        (by, Some(on)) => format!("{status} by {by} on {}", on.long()),
    }
}

pub fn plan_summary(plan: &Plan) -> PlanSummary {
    PlanSummary {
        title: plan.title.clone(),
        organisation: plan.organisation.clone(),
        period: plan.period_label.clone(),
        status: approval_line(plan),
        last_updated: plan
            .last_updated
            .map(|d| d.long())
            .unwrap_or_else(|| "Not recorded".into()),
        links: plan.links.clone(),
    }
}

/// What each RAG means in this plan, in its own words (definitions with no words
/// are left out).
pub fn rag_definitions(plan: &Plan) -> Vec<RagDefinition> {
    plan.rag_definitions
        .iter()
        .filter(|d| !d.meaning.trim().is_empty())
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------
// Sections

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Priority,
    Outcome,
}

/// A priority's or an outcome's heading and the lines under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHead {
    pub id: Id,
    pub kind: SectionKind,
    /// "Priority 1", "Outcome 4": the section's name in captions.
    pub name: String,
    /// "Priority 1: To improve leadership and management".
    pub heading: String,
    /// The council priority, the group ("Group: People"), the outcome area.
    pub meta: Vec<String>,
    /// Core objectives (priorities only).
    pub objectives: Vec<String>,
    pub success_criteria: Vec<String>,
}

impl SectionHead {
    /// "Priority 1: indicators".
    pub fn kpi_caption(&self) -> String {
        format!("{}: indicators", self.name)
    }
    /// "Priority 1: actions".
    pub fn action_caption(&self) -> String {
        format!("{}: actions", self.name)
    }
    /// "priority 1", for the names of buttons ("Edit priority 1").
    pub fn button_name(&self) -> String {
        let mut s = self.name.clone();
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_lowercase();
        }
        s
    }
}

fn line_if(text: &str, f: impl FnOnce(&str) -> String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| f(t))
}

impl SectionHead {
    /// A section headed "{Kind} {number}: {title}"; `group` is empty for an
    /// outcome (outcomes have no group).
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: &Id,
        kind: SectionKind,
        number: &str,
        title: &str,
        council_priority: &str,
        group: &str,
        outcome_area: Option<OutcomeArea>,
        objectives: &[String],
        success_criteria: &[String],
    ) -> Self {
        let name = match kind {
            SectionKind::Priority => format!("Priority {number}"),
            SectionKind::Outcome => format!("Outcome {number}"),
        };
        SectionHead {
            id: id.clone(),
            kind,
            heading: format!("{name}: {title}"),
            name,
            meta: [
                line_if(council_priority, str::to_string),
                line_if(group, |g| format!("Group: {g}")),
                outcome_area.map(|a| format!("Outcome area: {}", a.label())),
            ]
            .into_iter()
            .flatten()
            .collect(),
            objectives: objectives.to_vec(),
            success_criteria: success_criteria.to_vec(),
        }
    }
}

pub fn priority_head(p: &Priority) -> SectionHead {
    SectionHead::new(
        &p.id,
        SectionKind::Priority,
        &p.number,
        &p.title,
        &p.council_priority,
        &p.group,
        p.outcome_area,
        &p.objectives,
        &p.success_criteria,
    )
}

pub fn outcome_head(o: &Outcome) -> SectionHead {
    SectionHead::new(
        &o.id,
        SectionKind::Outcome,
        &o.number,
        &o.title,
        &o.council_priority,
        "",
        o.outcome_area,
        &[],
        &o.success_criteria,
    )
}

// ---------------------------------------------------------------------------
// KPI tables

/// What a KPI table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A figure.
    Figure,
    /// A provisional figure ("53.7 (provisional)").
    Provisional,
    /// A value recorded as not available ("Not yet available").
    NotAvailable,
    Target,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiCell {
    pub text: String,
    pub kind: CellKind,
}

/// One KPI's row of a KPI table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiRow {
    pub id: Id,
    pub title: String,
    /// "(%)", "(rate per 10,000)", said after the title ([`unit_suffix`]).
    pub unit: Option<String>,
    /// The code and sources ([`code_cell`]).
    pub code: String,
    pub baseline: String,
    /// One cell for each column of the table.
    pub cells: Vec<KpiCell>,
}

/// The rows under one section heading ("Key Stage 2"; empty: no heading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiGroup {
    pub section: String,
    pub rows: Vec<KpiRow>,
}

/// A KPI table in the seed's columns: indicator, code, baseline, then the period
/// columns ([`crate::core::table::columns`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiTable {
    pub caption: String,
    pub columns: Vec<Column>,
    pub groups: Vec<KpiGroup>,
}

/// The unit said after a KPI's title, unless the title already says it: a
/// percentage whose title begins with "%" ("% pupils achieving…", as the source
/// plans write them), or any other unit whose words are in the title ("Rate per
/// 100,000 in referrals"). A "%" inside a title ("Gap between lowest 20% and the
/// rest") does not say the unit.
pub fn unit_suffix(k: &Kpi) -> Option<String> {
    let title = k.title.trim();
    let said = match k.unit {
        Unit::Percent => title.starts_with('%'),
        unit => title.to_lowercase().contains(&unit.label().to_lowercase()),
    };
    (!said).then(|| format!("({})", k.unit.label()))
}

/// The code cell: "NI 72 (NI, LAA)", the sources alone when there is no code, the
/// code alone when there are no sources.
pub fn code_cell(k: &Kpi) -> String {
    let sources: Vec<&str> = k
        .sources
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let code = k.code.trim();
    match (code, sources.is_empty()) {
        (c, true) => c.to_string(),
        ("", false) => sources.join(", "),
        (c, false) => format!("{c} ({})", sources.join(", ")),
    }
}

/// The baseline cell: "48.8 (2007/8)", the value alone when it has no period.
pub fn baseline_cell(k: &Kpi) -> String {
    let d = Some(k.decimals);
    match &k.baseline.value {
        Some(v) if k.baseline.period.trim().is_empty() => v.display(d),
        Some(v) => format!("{} ({})", v.display(d), k.baseline.period.trim()),
        None => String::new(),
    }
}

/// What a KPI shows in one column, in its decimals.
pub fn kpi_cell(k: &Kpi, col: &Column) -> KpiCell {
    let d = Some(k.decimals);
    let (text, kind) = match table::cell(k, col) {
        Cell::Value(v) if !v.is_available() => (v.display(d), CellKind::NotAvailable),
        Cell::Value(v) if v.provisional => (v.display(d), CellKind::Provisional),
        Cell::Value(v) => (v.display(d), CellKind::Figure),
        Cell::Target(t) => (t.display(d), CellKind::Target),
        Cell::Blank => (String::new(), CellKind::Blank),
    };
    KpiCell { text, kind }
}

pub fn kpi_row(k: &Kpi, columns: &[Column]) -> KpiRow {
    KpiRow {
        id: k.id.clone(),
        title: k.title.clone(),
        unit: unit_suffix(k),
        code: code_cell(k),
        baseline: baseline_cell(k),
        cells: columns.iter().map(|c| kpi_cell(k, c)).collect(),
    }
}

/// The KPI table of these KPIs, or None when there are none.
pub fn kpi_table(kpis: &[&Kpi], caption: &str) -> Option<KpiTable> {
    if kpis.is_empty() {
        return None;
    }
    let columns = table::columns(kpis);
    let mut groups: Vec<KpiGroup> = Vec::new();
    for k in kpis {
        let row = kpi_row(k, &columns);
        let section = k.section.trim();
        match groups.last_mut() {
            Some(g) if g.section == section => g.rows.push(row),
            _ => groups.push(KpiGroup {
                section: section.to_string(),
                rows: vec![row],
            }),
        }
    }
    Some(KpiTable {
        caption: caption.to_string(),
        columns,
        groups,
    })
}

/// The KPIs of a priority itself (not of one of its outcomes), in plan order.
pub fn priority_kpis<'a>(all: &'a [Kpi], priority: &Id) -> Vec<&'a Kpi> {
    all.iter()
        .filter(|k| k.priority_id.as_ref() == Some(priority) && k.outcome_id.is_none())
        .collect()
}

/// The KPIs of an outcome, in plan order.
pub fn outcome_kpis<'a>(all: &'a [Kpi], outcome: &Id) -> Vec<&'a Kpi> {
    all.iter()
        .filter(|k| k.outcome_id.as_ref() == Some(outcome))
        .collect()
}

// ---------------------------------------------------------------------------
// Action rows

/// A risk of an action, with its mitigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskLine {
    pub description: String,
    pub mitigation: String,
}

/// The progress update shown for an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// "30 September 2009", or "Undated".
    pub date: String,
    /// Why this RAG (may be empty).
    pub reason: String,
    pub commentary: String,
    /// Who wrote it (may be empty).
    pub author: String,
}

impl Progress {
    /// "30 September 2009 — Priya Shah", or the date alone when no author is given.
    pub fn heading(&self) -> String {
        if self.author.is_empty() {
            self.date.clone()
        } else {
            format!("{} — {}", self.date, self.author)
        }
    }
}

/// One action's row of an action table (and of the monitoring report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    pub id: Id,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub government_priority: bool,
    pub starting_point: String,
    /// The plan's timeline words, then "Due: 31 March 2010" ([`timeline`]).
    pub timeline: String,
    /// "Advert placed — 1 Sep 2009 — Done" ([`milestone_line`]).
    pub milestones: Vec<String>,
    pub resources: String,
    pub leads: Vec<String>,
    pub projected_outcomes: String,
    pub risks: Vec<RiskLine>,
    /// The RAG as at the date: from the same update as `progress`.
    pub rag: Rag,
    /// Diagnostic-review references, "4.5.1 7.2.2".
    pub review_refs: String,
    /// Who monitors it, "DCS, DLT".
    pub monitoring: String,
    /// The update that counts as at the date, if any.
    pub progress: Option<Progress>,
}

/// The timeline cell: the plan's own words, then the due date.
pub fn timeline(a: &Action) -> String {
    match a.due {
        Some(d) if !a.timeline.trim().is_empty() => {
            format!("{}\nDue: {}", a.timeline, d.long())
        }
        Some(d) => format!("Due: {}", d.long()),
        None => a.timeline.clone(),
    }
}

fn quarter_label(q: Quarter) -> &'static str {
    match q {
        Quarter::Q1 => "Q1",
        Quarter::Q2 => "Q2",
        Quarter::Q3 => "Q3",
        Quarter::Q4 => "Q4",
    }
}

/// A milestone in words: "Advert placed — 1 Sep 2009 — Done" (its quarter when it
/// has no date).
pub fn milestone_line(m: &Milestone) -> String {
    let when = m
        .due
        .map(|d| d.short())
        .or_else(|| m.quarter.map(|q| quarter_label(q).to_string()))
        .unwrap_or_default();
    let done = if m.done { "Done" } else { "Not done" };
    format!("{} — {when} — {done}", m.title)
}

/// One action's row, as at a date (a report) or, with `as_at` None, as the plan
/// stands (the Plan page). Its RAG and its progress come from the one update that
/// counts ([`crate::core::rollup::update_as_at`]).
pub fn action_row(a: &Action, as_at: Option<Date>) -> ActionRow {
    let update = update_as_at(a, as_at);
    ActionRow {
        id: a.id.clone(),
        reference: a.reference.clone(),
        title: a.title.clone(),
        description: a.description.clone(),
        government_priority: a.government_priority,
        starting_point: a.starting_point.clone(),
        timeline: timeline(a),
        milestones: a.milestones.iter().map(milestone_line).collect(),
        resources: a.resources.clone(),
        leads: a.leads.clone(),
        projected_outcomes: a.projected_outcomes.clone(),
        risks: a
            .risks
            .iter()
            .map(|r| RiskLine {
                description: r.description.clone(),
                mitigation: r.mitigation.clone(),
            })
            .collect(),
        rag: rag_of(a, update),
        review_refs: a.review_refs.join(" "),
        monitoring: a.monitored_by.join(", "),
        progress: update.map(|u| Progress {
            date: u.date.map(|d| d.long()).unwrap_or_else(|| "Undated".into()),
            reason: u.reason.trim().to_string(),
            commentary: u.commentary.clone(),
            author: u.author.trim().to_string(),
        }),
    }
}

// ---------------------------------------------------------------------------
// The plan document

/// A priority or an outcome with its tables; a priority with its outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub head: SectionHead,
    pub kpis: Option<KpiTable>,
    pub actions: Vec<ActionRow>,
    pub outcomes: Vec<Section>,
}

/// The plan document report: the plan's lines, its RAG definitions, and each
/// priority the choices let through, with the actions they let through.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub summary: PlanSummary,
    pub rag_definitions: Vec<RagDefinition>,
    pub sections: Vec<Section>,
}

/// The plan document as at the choices' date: priorities filtered by the priority
/// choice, actions by every choice ([`ReportChoices::shows_action`]); KPI tables
/// are not filtered.
pub fn document(plan: &Plan, choices: &ReportChoices) -> Document {
    let as_at = Some(choices.as_at);
    let rows = |p: &Priority, o: Option<&Outcome>, actions: &[Action]| -> Vec<ActionRow> {
        actions
            .iter()
            .filter(|a| {
                choices.shows_action(&super::model::ActionRef {
                    priority: p,
                    outcome: o,
                    action: a,
                })
            })
            .map(|a| action_row(a, as_at))
            .collect()
    };
    let sections = plan
        .priorities
        .iter()
        .filter(|p| choices.priority.as_ref().is_none_or(|id| *id == p.id))
        .map(|p| {
            let head = priority_head(p);
            let kpis = kpi_table(&priority_kpis(&plan.kpis, &p.id), &head.kpi_caption());
            let outcomes = p
                .outcomes
                .iter()
                .map(|o| {
                    let head = outcome_head(o);
                    Section {
                        kpis: kpi_table(&outcome_kpis(&plan.kpis, &o.id), &head.kpi_caption()),
                        actions: rows(p, Some(o), &o.actions),
                        outcomes: Vec::new(),
                        head,
                    }
                })
                .collect();
            Section {
                kpis,
                actions: rows(p, None, &p.actions),
                outcomes,
                head,
            }
        })
        .collect();
    Document {
        summary: plan_summary(plan),
        rag_definitions: rag_definitions(plan),
        sections,
    }
}

// ---------------------------------------------------------------------------
// The monitoring report

/// The commitments of one priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringGroup {
    pub priority: Id,
    /// "Priority 1: To improve leadership and management".
    pub heading: String,
    pub rows: Vec<ActionRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Monitoring {
    pub rag_definitions: Vec<RagDefinition>,
    /// How many commitments are listed.
    pub count: usize,
    /// One group for each priority with a commitment listed, in plan order.
    pub groups: Vec<MonitoringGroup>,
}

/// The monitoring report: every action the choices let through, as at their date,
/// grouped by priority.
pub fn monitoring(plan: &Plan, choices: &ReportChoices) -> Monitoring {
    let mut groups: Vec<MonitoringGroup> = Vec::new();
    for r in plan.actions().filter(|r| choices.shows_action(r)) {
        let row = action_row(r.action, Some(choices.as_at));
        match groups.last_mut() {
            Some(g) if g.priority == r.priority.id => g.rows.push(row),
            _ => groups.push(MonitoringGroup {
                priority: r.priority.id.clone(),
                heading: priority_head(r.priority).heading,
                rows: vec![row],
            }),
        }
    }
    Monitoring {
        rag_definitions: rag_definitions(plan),
        count: groups.iter().map(|g| g.rows.len()).sum(),
        groups,
    }
}

// ---------------------------------------------------------------------------
// The KPI scorecard

/// One indicator of the scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardRow {
    pub id: Id,
    /// "NI 72 % pupils achieving…": the code, then the title.
    pub name: String,
    /// On the corporate dashboard (marked *).
    pub corporate: bool,
    /// "53.7 (provisional) (2009/10)", or "No value yet".
    pub latest: String,
    /// [`scorecard_target`].
    pub target: String,
    pub rag: Rag,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardGroup {
    /// "Priority 4: …", or "Not linked to a priority".
    pub heading: String,
    pub rows: Vec<ScorecardRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub count: usize,
    pub any_corporate: bool,
    /// The priorities in plan order, then the KPIs linked to none.
    pub groups: Vec<ScorecardGroup>,
}

/// The target the scorecard shows beside the latest value: the target of the
/// latest value's own period; else the first target of a later period, else the
/// last target of an earlier one, each with its period ("55 (2010/11)"); with no
/// value yet, the first target of the series; else "No target".
pub fn scorecard_target(k: &Kpi) -> String {
    let d = Some(k.decimals);
    let with_period = |i: usize| {
        k.series[i]
            .target
            .as_ref()
            .map(|t| format!("{} ({})", t.display(d), k.series[i].period))
    };
    let found = match kpi::latest_actual_index(k) {
        Some(i) => k.series[i]
            .target
            .as_ref()
            .map(|t| t.display(d))
            .or_else(|| (i + 1..k.series.len()).find_map(with_period))
            .or_else(|| (0..i).rev().find_map(with_period)),
        None => (0..k.series.len()).find_map(with_period),
    };
    found.unwrap_or_else(|| "No target".into())
}

pub fn scorecard_row(k: &Kpi) -> ScorecardRow {
    let d = Some(k.decimals);
    let latest = kpi::latest_actual_index(k)
        .map(|i| {
            let p = &k.series[i];
            format!(
                "{} ({})",
                p.actual.as_ref().map(|v| v.display(d)).unwrap_or_default(),
                p.period
            )
        })
        .unwrap_or_else(|| "No value yet".into());
    ScorecardRow {
        id: k.id.clone(),
        name: super::kpi::kpi_name(k),
        corporate: k.corporate_dashboard,
        latest,
        target: scorecard_target(k),
        rag: kpi_rag(k),
        direction: kpi::trend(k, 3).short,
    }
}

/// The KPI scorecard: every KPI the choices let through, grouped by priority.
pub fn scorecard(plan: &Plan, choices: &ReportChoices) -> Scorecard {
    let shown: Vec<&Kpi> = plan.kpis.iter().filter(|k| choices.shows_kpi(k)).collect();
    let mut groups: Vec<ScorecardGroup> = plan
        .priorities
        .iter()
        .map(|p| ScorecardGroup {
            heading: priority_head(p).heading,
            rows: shown
                .iter()
                .filter(|k| k.priority_id.as_ref() == Some(&p.id))
                .map(|k| scorecard_row(k))
                .collect(),
        })
        .collect();
    let unlinked: Vec<ScorecardRow> = shown
        .iter()
        .filter(|k| {
            k.priority_id
                .as_ref()
                .and_then(|id| plan.priority(id))
                .is_none()
        })
        .map(|k| scorecard_row(k))
        .collect();
    groups.push(ScorecardGroup {
        heading: "Not linked to a priority".into(),
        rows: unlinked,
    });
    groups.retain(|g| !g.rows.is_empty());
    Scorecard {
        count: groups.iter().map(|g| g.rows.len()).sum(),
        any_corporate: shown.iter().any(|k| k.corporate_dashboard),
        groups,
    }
}

// ---------------------------------------------------------------------------
// A report's header and cover sheet

/// The lines at the top of every report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportHeader {
    /// Printed at the top of every page: "Plan title · Monitoring report · As at …".
    pub running: String,
    pub title: &'static str,
    /// "Plan title — Organisation".
    pub plan: String,
    /// "As at 30 September 2009. Showing priority 1."
    pub meta: String,
}

pub fn report_header(plan: &Plan, c: &ReportChoices) -> ReportHeader {
    ReportHeader {
        running: format!(
            "{} · {} · As at {}",
            plan.title,
            c.kind.label(),
            c.as_at.long()
        ),
        title: c.kind.label(),
        plan: format!("{} — {}", plan.title, plan.organisation),
        meta: format!("As at {}. {}.", c.as_at.long(), c.words(plan)),
    }
}

/// One row of the Changes report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    /// "Action 1.2", "NI 72", "Action 1.1: progress update".
    pub object: String,
    pub what: String,
    /// Who, or "Not recorded".
    pub by: String,
    /// "3 December 2026 at 10:04 UTC".
    pub when: String,
}

/// The Changes report since a date: every object changed and every progress
/// update written since, newest first, with who and when (`core::stamp`).
pub fn changes(plan: &Plan, since: Date) -> Vec<ChangeRow> {
    super::stamp::changed_since(plan, &since.to_string())
        .into_iter()
        .map(|c| ChangeRow {
            object: c.object,
            what: c.what,
            by: if c.by.is_empty() {
                "Not recorded".into()
            } else {
                c.by
            },
            when: super::date::human_time(&c.at),
        })
        .collect()
}

/// A committee cover sheet, in words ("—" for what is not filled in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverSheetView {
    /// "Report to Cabinet – 27 October 2009".
    pub report_to_line: String,
    /// The subject, or "Plan title: monitoring report".
    pub subject: String,
    /// Report to, Date, Subject, Report of, Contact officer.
    pub fields: Vec<(&'static str, String)>,
    /// Empty when not filled in.
    pub purpose: String,
    pub recommendation: String,
    /// "Attached: Monitoring report as at 30 September 2009."
    pub attached: String,
}

pub fn cover_sheet(plan: &Plan, c: &ReportChoices) -> CoverSheetView {
    let s = &plan.cover_sheet;
    let or_dash = |v: &str| {
        if v.trim().is_empty() {
            "—".to_string()
        } else {
            v.trim().to_string()
        }
    };
    let date = s.date.map(|d| d.long());
    CoverSheetView {
        report_to_line: match &date {
            Some(d) => format!("Report to {} – {d}", or_dash(&s.report_to)),
            None => format!("Report to {}", or_dash(&s.report_to)),
        },
        subject: if s.subject.trim().is_empty() {
            format!("{}: {}", plan.title, c.kind.label().to_lowercase())
        } else {
            s.subject.trim().to_string()
        },
        fields: vec![
            ("Report to", or_dash(&s.report_to)),
            ("Date", date.unwrap_or_else(|| "—".into())),
            ("Subject", or_dash(&s.subject)),
            ("Report of", or_dash(&s.report_of)),
            ("Contact officer", or_dash(&s.contact_officer)),
        ],
        purpose: s.purpose.trim().to_string(),
        recommendation: s.recommendation.trim().to_string(),
        attached: format!("Attached: {} as at {}.", c.kind.label(), c.as_at.long()),
    }
}

// ---------------------------------------------------------------------------
// The risk register (the Plan page)

/// A register risk as a row: numbered R1, R2… in register order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRow {
    pub id: Id,
    /// "R1".
    pub number: String,
    pub description: String,
    pub owner: String,
    /// "4", or "–" when not assessed.
    pub likelihood: String,
    pub impact: String,
    /// "20", or "Not assessed".
    pub score: String,
    pub rag: Rag,
    pub mitigation: String,
}

/// One cell of the 5×5 grid: the risks with that likelihood and impact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub score: u8,
    pub rag: Rag,
    /// "R1, R3", or "–".
    pub names: String,
}

/// A row of the grid, likelihood 5 first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub likelihood: u8,
    /// Impact 1 to 5.
    pub cells: Vec<GridCell>,
}

/// The number a register risk is known by: "R1" for the first.
pub fn risk_number(index: usize) -> String {
    format!("R{}", index + 1)
}

pub fn risk_row(index: usize, r: &Risk) -> RiskRow {
    let n = |x: Option<u8>| x.map(|x| x.to_string()).unwrap_or_else(|| "–".into());
    RiskRow {
        id: r.id.clone(),
        number: risk_number(index),
        description: r.description.clone(),
        owner: r.owner.clone(),
        likelihood: n(r.likelihood),
        impact: n(r.impact),
        score: risk::score(r)
            .map(|x| x.to_string())
            .unwrap_or_else(|| "Not assessed".into()),
        rag: risk::rag(r),
        mitigation: r.mitigation.clone(),
    }
}

/// The likelihood × impact grid of the register, likelihood 5 at the top.
pub fn risk_grid(risks: &[Risk]) -> Vec<GridRow> {
    (1..=5u8)
        .rev()
        .map(|l| GridRow {
            likelihood: l,
            cells: (1..=5u8)
                .map(|i| {
                    let names: Vec<String> = risks
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.likelihood == Some(l) && r.impact == Some(i))
                        .map(|(n, _)| risk_number(n))
                        .collect();
                    GridCell {
                        score: l * i,
                        rag: risk::rag_of_score(l * i),
                        names: if names.is_empty() {
                            "–".into()
                        } else {
                            names.join(", ")
                        },
                    }
                })
                .collect(),
        })
        .collect()
}
