//! Comparing two versions of a plan: what was added, removed or changed in
//! priorities, actions, progress, RAG and KPI values, in words, for the import
//! preview and the snapshot compare report.
//!
//! Objects are matched by id, so a renamed action is "changed", not "removed and
//! added". Lines name objects the way the plan does: an action by its reference,
//! a priority by its number, a KPI by its code. Long texts are cut to about 80
//! characters with "…"; a blank value is shown as "(blank)".
//!
//! Order is fixed: within each section, objects of the new plan in plan order
//! (added ones where they now sit), then objects removed from the old plan, in
//! its order. An added or removed priority is one line that counts its actions
//! ("Removed priority 3 … (and its 12 actions)"); those actions are not listed
//! again one by one.
//!
//! KPI values are shown with the KPI's decimal places (more when that would hide
//! the change); targets without trailing zeros ("55", as plans write them).

use super::date::Date;
use super::model::{
    Action, ActionRef, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, Priority, ProgressUpdate,
    Rag, Risk, Tolerance,
};
use super::rollup::truncate;
use super::value::{format_number, Target, Value};
use std::collections::{HashMap, HashSet};

/// One section of a comparison ("Actions", "KPI values", …) with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<String>,
}

/// What changed between two versions of a plan. Each line counts once: as an
/// addition ("Added …", "new progress update"), a removal ("Removed …", "…
/// removed") or a change (every other line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// Sections in this order, only those with lines: "Plan details", "Priorities",
    /// "Actions" (added/removed/changed fields), "Progress updates" (new, edited,
    /// deleted, restored, removed), "RAG changes" ("1.4 Expand data bank…: RAG Not
    /// rated → Amber"), "KPIs" (added/removed/definition changed), "KPI values"
    /// ("NI 72 2009/10 actual: 53.7 (provisional) → 54.1", "NI 72: target
    /// 2010/11: 55 → 56").
    pub sections: Vec<Section>,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Comparison {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Every line of every section, in order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.lines.iter().map(String::as_str))
    }
}

/// Whether two plans are versions of one plan (same plan id, or the same title and
/// organisation).
///
/// Titles and organisations are compared ignoring case and surrounding spaces; two
/// plans with blank titles are not taken to be the same plan by title.
pub fn same_plan(a: &Plan, b: &Plan) -> bool {
    let norm = |s: &str| s.trim().to_lowercase();
    let id = a.id.as_str().trim();
    if !id.is_empty() && id == b.id.as_str().trim() {
        return true;
    }
    !norm(&a.title).is_empty()
        && norm(&a.title) == norm(&b.title)
        && norm(&a.organisation) == norm(&b.organisation)
}

/// What changed from `old` to `new`. Objects are matched by id.
pub fn compare(old: &Plan, new: &Plan) -> Comparison {
    let mut sections = [
        Lines::new("Plan details"),
        Lines::new("Priorities"),
        Lines::new("Actions"),
        Lines::new("Progress updates"),
        Lines::new("RAG changes"),
        Lines::new("KPIs"),
        Lines::new("KPI values"),
    ];
    let [details, priorities, actions, updates, rags, kpis, values] = &mut sections;
    plan_details(old, new, details);
    priority_lines(old, new, priorities);
    action_lines(old, new, actions, updates, rags);
    kpi_lines(old, new, kpis, values);

    let mut out = Comparison::default();
    for s in sections {
        if s.lines.is_empty() {
            continue;
        }
        let mut lines = Vec::with_capacity(s.lines.len());
        for (kind, line) in s.lines {
            match kind {
                Kind::Added => out.added += 1,
                Kind::Removed => out.removed += 1,
                Kind::Changed => out.changed += 1,
            }
            lines.push(line);
        }
        out.sections.push(Section {
            title: s.title.to_string(),
            lines,
        });
    }
    out
}

/// How long a quoted text may be before it is cut.
const TEXT_CHARS: usize = 80;
/// How long a title may be when it names an object.
const NAME_CHARS: usize = 60;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Added,
    Removed,
    Changed,
}

struct Lines {
    title: &'static str,
    lines: Vec<(Kind, String)>,
}

impl Lines {
    fn new(title: &'static str) -> Lines {
        Lines {
            title,
            lines: Vec::new(),
        }
    }
    fn added(&mut self, line: String) {
        self.lines.push((Kind::Added, line));
    }
    fn removed(&mut self, line: String) {
        self.lines.push((Kind::Removed, line));
    }
    fn changed(&mut self, line: String) {
        self.lines.push((Kind::Changed, line));
    }

    /// "{who}: {name} changed from 'old' to 'new'", if the two differ. When the
    /// shortened texts look the same (the change is past the cut), just "changed".
    fn field(&mut self, who: &str, name: &str, old: &str, new: &str) {
        if old == new {
            return;
        }
        let (o, n) = (quote(old), quote(new));
        if o == n {
            self.changed(format!("{who}: {name} changed"));
        } else {
            self.changed(format!("{who}: {name} changed from {o} to {n}"));
        }
    }
}

/// 'text' (cut to about 80 characters), or (blank).
fn quote(s: &str) -> String {
    if s.trim().is_empty() {
        "(blank)".to_string()
    } else {
        format!("'{}'", truncate(s, TEXT_CHARS))
    }
}

fn date_text(d: Option<Date>) -> String {
    d.map(Date::long).unwrap_or_default()
}

fn list_text(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn rag_text(r: Option<Rag>) -> String {
    r.map(|r| r.label().to_string()).unwrap_or_default()
}

/// "reference title…", or whichever of the two there is.
fn name(code: &str, title: &str, fallback: &str) -> String {
    let t = truncate(title, NAME_CHARS);
    match (code.trim(), t.as_str()) {
        ("", "") => fallback.to_string(),
        ("", t) => t.to_string(),
        (c, "") => c.to_string(),
        (c, t) => format!("{c} {t}"),
    }
}

/// Maps ids to items; the first of two items sharing an id wins.
fn by_id<'a, T>(items: impl Iterator<Item = (&'a Id, T)>) -> HashMap<&'a Id, T> {
    let mut map = HashMap::new();
    for (id, item) in items {
        map.entry(id).or_insert(item);
    }
    map
}

// ---------------------------------------------------------------- plan details

fn plan_details(old: &Plan, new: &Plan, out: &mut Lines) {
    let who = "Plan";
    out.field(who, "title", &old.title, &new.title);
    out.field(who, "organisation", &old.organisation, &new.organisation);
    out.field(who, "period", &old.period_label, &new.period_label);
    out.field(
        who,
        "start date",
        &date_text(old.period_start),
        &date_text(new.period_start),
    );
    out.field(
        who,
        "end date",
        &date_text(old.period_end),
        &date_text(new.period_end),
    );
    out.field(who, "status", old.status.label(), new.status.label());
    out.field(who, "approved by", &old.approved_by, &new.approved_by);
    out.field(
        who,
        "approval date",
        &date_text(old.approved_on),
        &date_text(new.approved_on),
    );
    string_list(out, who, "link to a higher plan", &old.links, &new.links);
    // Glossary, matched by term.
    for n in &new.glossary {
        match old.glossary.iter().find(|o| o.term == n.term) {
            None => out.added(format!(
                "Plan: added glossary entry {} ({})",
                n.term.trim(),
                truncate(&n.meaning, TEXT_CHARS)
            )),
            Some(o) => out.field(
                &format!("Plan: glossary entry {}", o.term.trim()),
                "meaning",
                &o.meaning,
                &n.meaning,
            ),
        }
    }
    for o in &old.glossary {
        if !new.glossary.iter().any(|n| n.term == o.term) {
            out.removed(format!("Plan: removed glossary entry {}", o.term.trim()));
        }
    }
    for rag in Rag::ALL {
        let meaning = |p: &Plan| {
            p.rag_definitions
                .iter()
                .find(|d| d.rag == rag)
                .map(|d| d.meaning.clone())
                .unwrap_or_default()
        };
        out.field(
            who,
            &format!("meaning of {}", rag.label()),
            &meaning(old),
            &meaning(new),
        );
    }
    out.field(
        who,
        "last updated",
        &date_text(old.last_updated),
        &date_text(new.last_updated),
    );
    string_list(out, who, "note", &old.notes, &new.notes);
    out.field(
        who,
        "stale after",
        &format!("{} days", old.settings.stale_after_days),
        &format!("{} days", new.settings.stale_after_days),
    );
    let (oc, nc) = (&old.cover_sheet, &new.cover_sheet);
    let cs = "Plan: cover sheet";
    out.field(cs, "report to", &oc.report_to, &nc.report_to);
    out.field(cs, "date", &date_text(oc.date), &date_text(nc.date));
    out.field(cs, "subject", &oc.subject, &nc.subject);
    out.field(cs, "report of", &oc.report_of, &nc.report_of);
    out.field(
        cs,
        "contact officer",
        &oc.contact_officer,
        &nc.contact_officer,
    );
    out.field(cs, "purpose", &oc.purpose, &nc.purpose);
    out.field(cs, "recommendation", &oc.recommendation, &nc.recommendation);
    risk_lines(out, "Plan", "risk", &old.risks, &new.risks);
}

/// Items added to and removed from a list of texts ("Plan: added note '…'").
fn string_list(out: &mut Lines, who: &str, what: &str, old: &[String], new: &[String]) {
    for n in new.iter().filter(|n| !old.contains(n)) {
        out.added(format!("{who}: added {what} {}", quote(n)));
    }
    for o in old.iter().filter(|o| !new.contains(o)) {
        out.removed(format!("{who}: removed {what} {}", quote(o)));
    }
}

fn scale_text(v: Option<u8>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Risks matched by id: "{who}: added risk '…'", "{who}: risk '…': owner changed …".
fn risk_lines(out: &mut Lines, who: &str, what: &str, old: &[Risk], new: &[Risk]) {
    let olds = by_id(old.iter().map(|r| (&r.id, r)));
    for n in new {
        match olds.get(&n.id) {
            None => out.added(format!("{who}: added {what} {}", quote(&n.description))),
            Some(o) => {
                let w = format!("{who}: {what} '{}'", truncate(&o.description, NAME_CHARS));
                out.field(&w, "description", &o.description, &n.description);
                out.field(&w, "mitigation", &o.mitigation, &n.mitigation);
                out.field(&w, "owner", &o.owner, &n.owner);
                out.field(
                    &w,
                    "likelihood",
                    &scale_text(o.likelihood),
                    &scale_text(n.likelihood),
                );
                out.field(&w, "impact", &scale_text(o.impact), &scale_text(n.impact));
                out.field(&w, "RAG", &rag_text(o.rag), &rag_text(n.rag));
            }
        }
    }
    let news = by_id(new.iter().map(|r| (&r.id, r)));
    for o in old.iter().filter(|o| !news.contains_key(&o.id)) {
        out.removed(format!("{who}: removed {what} {}", quote(&o.description)));
    }
}

// ------------------------------------------------------------------ priorities

fn priority_name(p: &Priority) -> String {
    if p.number.trim().is_empty() {
        format!("Priority '{}'", truncate(&p.title, NAME_CHARS))
    } else {
        format!("Priority {}", p.number.trim())
    }
}

fn outcome_name(o: &Outcome) -> String {
    if o.number.trim().is_empty() {
        format!("outcome '{}'", truncate(&o.title, NAME_CHARS))
    } else {
        format!("outcome {}", o.number.trim())
    }
}

/// How many actions of a priority (and its outcomes) are not among `others`.
fn actions_not_in(p: &Priority, others: &HashSet<&Id>) -> usize {
    p.actions
        .iter()
        .chain(p.outcomes.iter().flat_map(|o| o.actions.iter()))
        .filter(|a| !others.contains(&a.id))
        .count()
}

/// " (with 3 actions)", or nothing for none.
fn with_actions(word: &str, n: usize) -> String {
    match n {
        0 => String::new(),
        1 => format!(" ({word} 1 action)"),
        n => format!(" ({word} {n} actions)"),
    }
}

/// The fields a priority and an outcome share: what heads their part of the plan.
struct Heading<'a> {
    number: &'a str,
    title: &'a str,
    council_priority: &'a str,
    outcome_area: Option<super::model::OutcomeArea>,
    success_criteria: &'a [String],
}

impl<'a> Heading<'a> {
    fn of_priority(p: &'a Priority) -> Heading<'a> {
        Heading {
            number: &p.number,
            title: &p.title,
            council_priority: &p.council_priority,
            outcome_area: p.outcome_area,
            success_criteria: &p.success_criteria,
        }
    }
    fn of_outcome(o: &'a Outcome) -> Heading<'a> {
        Heading {
            number: &o.number,
            title: &o.title,
            council_priority: &o.council_priority,
            outcome_area: o.outcome_area,
            success_criteria: &o.success_criteria,
        }
    }
}

/// The changes to the heading fields of a priority or an outcome, in words.
fn heading_fields(out: &mut Lines, who: &str, o: Heading, n: Heading) {
    out.field(who, "number", o.number, n.number);
    out.field(who, "title", o.title, n.title);
    out.field(
        who,
        "council priority",
        o.council_priority,
        n.council_priority,
    );
    out.field(
        who,
        "outcome area",
        &area_text(o.outcome_area),
        &area_text(n.outcome_area),
    );
    string_list(
        out,
        who,
        "success criterion",
        o.success_criteria,
        n.success_criteria,
    );
}

fn area_text(a: Option<super::model::OutcomeArea>) -> String {
    a.map(|a| a.label().to_string()).unwrap_or_default()
}

fn priority_lines(old: &Plan, new: &Plan, out: &mut Lines) {
    let olds = by_id(old.priorities.iter().map(|p| (&p.id, p)));
    let old_outcomes = by_id(
        old.priorities
            .iter()
            .flat_map(|p| p.outcomes.iter().map(move |o| (&o.id, (p, o)))),
    );
    let new_outcomes = by_id(
        new.priorities
            .iter()
            .flat_map(|p| p.outcomes.iter().map(move |o| (&o.id, (p, o)))),
    );
    let old_actions: HashSet<&Id> = old.actions().map(|r| &r.action.id).collect();
    let new_actions: HashSet<&Id> = new.actions().map(|r| &r.action.id).collect();
    for n in &new.priorities {
        let Some(o) = olds.get(&n.id) else {
            out.added(format!(
                "Added priority {}{}",
                name(&n.number, &n.title, "(untitled)"),
                with_actions("with", actions_not_in(n, &old_actions))
            ));
            continue;
        };
        let who = priority_name(n);
        out.field(&who, "group", &o.group, &n.group);
        heading_fields(out, &who, Heading::of_priority(o), Heading::of_priority(n));
        string_list(out, &who, "objective", &o.objectives, &n.objectives);
    }
    // Outcomes, wherever they sit.
    for np in &new.priorities {
        for no in &np.outcomes {
            match old_outcomes.get(&no.id) {
                None => {
                    // An outcome of an added priority comes with it.
                    if olds.contains_key(&np.id) {
                        out.added(format!(
                            "{}: added outcome {}",
                            priority_name(np),
                            name(&no.number, &no.title, "(untitled)")
                        ));
                    }
                }
                Some((op, oo)) => {
                    let who = format!("{} {}", priority_name(np), outcome_name(no));
                    if op.id != np.id {
                        out.changed(format!(
                            "{who}: moved from {} to {}",
                            priority_name(op).to_lowercase(),
                            priority_name(np).to_lowercase()
                        ));
                    }
                    heading_fields(out, &who, Heading::of_outcome(oo), Heading::of_outcome(no));
                }
            }
        }
    }
    let news = by_id(new.priorities.iter().map(|p| (&p.id, p)));
    for op in &old.priorities {
        if !news.contains_key(&op.id) {
            continue; // reported with its priority below
        }
        for oo in &op.outcomes {
            if !new_outcomes.contains_key(&oo.id) {
                out.removed(format!(
                    "{}: removed outcome {}",
                    priority_name(op),
                    name(&oo.number, &oo.title, "(untitled)")
                ));
            }
        }
    }
    for op in &old.priorities {
        if !news.contains_key(&op.id) {
            out.removed(format!(
                "Removed priority {}{}",
                name(&op.number, &op.title, "(untitled)"),
                with_actions("and its", actions_not_in(op, &new_actions))
            ));
        }
    }
}

// --------------------------------------------------------------------- actions

fn action_who(a: &Action) -> String {
    if a.reference.trim().is_empty() {
        format!("Action '{}'", truncate(&a.title, NAME_CHARS))
    } else {
        format!("Action {}", a.reference.trim())
    }
}

fn place(r: &ActionRef<'_>) -> String {
    let p = priority_name(r.priority).to_lowercase();
    match r.outcome {
        Some(o) => format!("{p}, {}", outcome_name(o)),
        None => p,
    }
}

fn kpi_codes(plan: &Plan, ids: &[Id]) -> String {
    let codes: Vec<String> = ids
        .iter()
        .map(|id| match plan.kpi(id) {
            Some(k) if !k.code.trim().is_empty() => k.code.trim().to_string(),
            Some(k) => truncate(&k.title, 30),
            None => id.to_string(),
        })
        .collect();
    codes.join("; ")
}

fn update_name(u: &ProgressUpdate) -> String {
    match u.date {
        Some(d) => format!("progress update {}", d.long()),
        None => "undated progress update".to_string(),
    }
}

fn action_lines(old: &Plan, new: &Plan, out: &mut Lines, updates: &mut Lines, rags: &mut Lines) {
    let olds = by_id(old.actions().map(|r| (&r.action.id, r)));
    let news = by_id(new.actions().map(|r| (&r.action.id, r)));
    let old_priorities: HashSet<&Id> = old.priorities.iter().map(|p| &p.id).collect();
    let new_priorities: HashSet<&Id> = new.priorities.iter().map(|p| &p.id).collect();
    for nr in new.actions() {
        let n = nr.action;
        let Some(or) = olds.get(&n.id) else {
            if !old_priorities.contains(&nr.priority.id) {
                continue; // counted in "Added priority … (with N actions)"
            }
            out.added(format!(
                "Added action {}",
                name(&n.reference, &n.title, "(untitled)")
            ));
            continue;
        };
        let o = or.action;
        let who = action_who(n);
        let outcome_id = |r: &ActionRef<'_>| r.outcome.map(|o| o.id.clone());
        if or.priority.id != nr.priority.id || outcome_id(or) != outcome_id(&nr) {
            out.changed(format!("{who}: moved from {} to {}", place(or), place(&nr)));
        }
        action_fields(old, new, o, n, &who, out);
        update_lines(o, n, &who, updates);
        let (ro, rn) = (o.current_rag(), n.current_rag());
        if ro != rn {
            rags.changed(format!(
                "{}: RAG {} → {}",
                name(&n.reference, &n.title, "(untitled action)"),
                ro.label(),
                rn.label()
            ));
        }
    }
    for or in old.actions() {
        let o = or.action;
        if !news.contains_key(&o.id) && new_priorities.contains(&or.priority.id) {
            out.removed(format!(
                "Removed action {}",
                name(&o.reference, &o.title, "(untitled)")
            ));
        }
    }
}

fn action_fields(old: &Plan, new: &Plan, o: &Action, n: &Action, who: &str, out: &mut Lines) {
    out.field(who, "reference", &o.reference, &n.reference);
    out.field(who, "title", &o.title, &n.title);
    out.field(who, "description", &o.description, &n.description);
    out.field(who, "starting point", &o.starting_point, &n.starting_point);
    out.field(
        who,
        "starting point date",
        &date_text(o.starting_point_as_of),
        &date_text(n.starting_point_as_of),
    );
    out.field(who, "timeline", &o.timeline, &n.timeline);
    out.field(who, "due date", &date_text(o.due), &date_text(n.due));
    milestone_lines(out, who, &o.milestones, &n.milestones);
    out.field(who, "resources", &o.resources, &n.resources);
    out.field(who, "leads", &list_text(&o.leads), &list_text(&n.leads));
    out.field(
        who,
        "monitored by",
        &list_text(&o.monitored_by),
        &list_text(&n.monitored_by),
    );
    out.field(
        who,
        "projected outcomes",
        &o.projected_outcomes,
        &n.projected_outcomes,
    );
    out.field(who, "measures", &o.measures, &n.measures);
    if o.kpi_ids != n.kpi_ids {
        out.field(
            who,
            "linked KPIs",
            &kpi_codes(old, &o.kpi_ids),
            &kpi_codes(new, &n.kpi_ids),
        );
    }
    risk_lines(out, who, "risk", &o.risks, &n.risks);
    out.field(
        who,
        "review references",
        &list_text(&o.review_refs),
        &list_text(&n.review_refs),
    );
    if o.government_priority != n.government_priority {
        out.changed(if n.government_priority {
            format!("{who}: now marked as a government priority")
        } else {
            format!("{who}: no longer marked as a government priority")
        });
    }
    out.field(who, "status", o.status.label(), n.status.label());
    out.field(
        who,
        "stated RAG",
        &rag_text(o.stated_rag),
        &rag_text(n.stated_rag),
    );
}

fn milestone_due(m: &Milestone) -> String {
    match (m.due, m.quarter) {
        (Some(d), _) => d.long(),
        (None, Some(q)) => format!("{q:?}"),
        (None, None) => String::new(),
    }
}

fn milestone_lines(out: &mut Lines, who: &str, old: &[Milestone], new: &[Milestone]) {
    let olds = by_id(old.iter().map(|m| (&m.id, m)));
    for n in new {
        let Some(o) = olds.get(&n.id) else {
            let due = milestone_due(n);
            out.added(if due.is_empty() {
                format!("{who}: added milestone {}", quote(&n.title))
            } else {
                format!("{who}: added milestone {} (due {due})", quote(&n.title))
            });
            continue;
        };
        let w = format!("{who}: milestone '{}'", truncate(&n.title, NAME_CHARS));
        out.field(&w, "title", &o.title, &n.title);
        out.field(&w, "due", &milestone_due(o), &milestone_due(n));
        if o.done != n.done {
            out.changed(format!(
                "{w} marked {}",
                if n.done { "done" } else { "not done" }
            ));
        }
    }
    let news = by_id(new.iter().map(|m| (&m.id, m)));
    for o in old.iter().filter(|o| !news.contains_key(&o.id)) {
        out.removed(format!("{who}: removed milestone {}", quote(&o.title)));
    }
}

fn update_lines(o: &Action, n: &Action, who: &str, out: &mut Lines) {
    let olds = by_id(o.updates.iter().map(|u| (&u.id, u)));
    for nu in &n.updates {
        let Some(ou) = olds.get(&nu.id) else {
            if nu.deleted_at.is_some() {
                continue; // written and deleted between the two versions
            }
            out.added(format!(
                "{who}: new {} ({})",
                update_name(nu),
                nu.rag.label()
            ));
            continue;
        };
        match (ou.deleted_at.is_some(), nu.deleted_at.is_some()) {
            (false, true) => {
                out.removed(format!(
                    "{who}: {} ({}) deleted",
                    update_name(nu),
                    nu.rag.label()
                ));
                continue;
            }
            (true, false) => out.added(format!(
                "{who}: {} ({}) restored",
                update_name(nu),
                nu.rag.label()
            )),
            _ => {}
        }
        let w = format!("{who}: {}", update_name(ou));
        out.field(&w, "date", &date_text(ou.date), &date_text(nu.date));
        out.field(&w, "author", &ou.author, &nu.author);
        out.field(&w, "RAG", ou.rag.label(), nu.rag.label());
        out.field(&w, "reason", &ou.reason, &nu.reason);
        out.field(&w, "commentary", &ou.commentary, &nu.commentary);
    }
    let news = by_id(n.updates.iter().map(|u| (&u.id, u)));
    for ou in o.updates.iter().filter(|u| !news.contains_key(&u.id)) {
        out.removed(format!(
            "{who}: {} ({}) removed",
            update_name(ou),
            ou.rag.label()
        ));
    }
}

// ------------------------------------------------------------------------ KPIs

fn kpi_who(k: &Kpi) -> String {
    if k.code.trim().is_empty() {
        format!("KPI '{}'", truncate(&k.title, NAME_CHARS))
    } else {
        k.code.trim().to_string()
    }
}

fn tolerance_text(t: Option<Tolerance>) -> String {
    match t {
        None => "5% of target (the default)".to_string(),
        Some(Tolerance::Percent(p)) => format!("{}% of target", format_number(p, None)),
        Some(Tolerance::Absolute(a)) => format!("{} either side of target", format_number(a, None)),
    }
}

fn baseline_text(k: &Kpi) -> String {
    let v = k
        .baseline
        .value
        .as_ref()
        .map(|v| v.display(Some(k.decimals)))
        .unwrap_or_default();
    match (v.is_empty(), k.baseline.period.trim()) {
        (true, "") => String::new(),
        (true, p) => format!("(no value) in {p}"),
        (false, "") => v,
        (false, p) => format!("{v} in {p}"),
    }
}

fn priority_ref_text(plan: &Plan, k: &Kpi) -> String {
    let Some(pid) = &k.priority_id else {
        return String::new();
    };
    let Some(p) = plan.priority(pid) else {
        return pid.to_string();
    };
    let mut s = priority_name(p).to_lowercase();
    if let Some(o) = k
        .outcome_id
        .as_ref()
        .and_then(|oid| p.outcomes.iter().find(|o| &o.id == oid))
    {
        s = format!("{s}, {}", outcome_name(o));
    }
    s
}

fn kpi_lines(old: &Plan, new: &Plan, out: &mut Lines, values: &mut Lines) {
    let olds = by_id(old.kpis.iter().map(|k| (&k.id, k)));
    for n in &new.kpis {
        let Some(o) = olds.get(&n.id) else {
            out.added(format!(
                "Added KPI {}",
                name(&n.code, &n.title, "(untitled)")
            ));
            continue;
        };
        let who = kpi_who(n);
        out.field(&who, "code", &o.code, &n.code);
        out.field(&who, "title", &o.title, &n.title);
        out.field(
            &who,
            "sources",
            &list_text(&o.sources),
            &list_text(&n.sources),
        );
        out.field(&who, "section", &o.section, &n.section);
        out.field(&who, "unit", o.unit.label(), n.unit.label());
        out.field(
            &who,
            "decimal places",
            &o.decimals.to_string(),
            &n.decimals.to_string(),
        );
        out.field(&who, "polarity", o.polarity.label(), n.polarity.label());
        out.field(
            &who,
            "amber tolerance",
            &tolerance_text(o.tolerance),
            &tolerance_text(n.tolerance),
        );
        out.field(
            &who,
            "responsible officer",
            &o.responsible_officer,
            &n.responsible_officer,
        );
        out.field(
            &who,
            "period basis",
            o.period_basis.label(),
            n.period_basis.label(),
        );
        out.field(&who, "period note", &o.period_note, &n.period_note);
        out.field(&who, "baseline", &baseline_text(o), &baseline_text(n));
        out.field(
            &who,
            "priority",
            &priority_ref_text(old, o),
            &priority_ref_text(new, n),
        );
        if o.corporate_dashboard != n.corporate_dashboard {
            out.changed(if n.corporate_dashboard {
                format!("{who}: now on the corporate dashboard")
            } else {
                format!("{who}: no longer on the corporate dashboard")
            });
        }
        out.field(&who, "notes", &o.notes, &n.notes);
        value_lines(o, n, values);
    }
    let news = by_id(new.kpis.iter().map(|k| (&k.id, k)));
    for o in old.kpis.iter().filter(|o| !news.contains_key(&o.id)) {
        out.removed(format!(
            "Removed KPI {}",
            name(&o.code, &o.title, "(untitled)")
        ));
    }
}

/// Periods keyed by label and occurrence, so a label used twice still matches.
fn period_keys(series: &[PeriodValues]) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    series
        .iter()
        .map(|p| {
            let label = p.period.trim();
            let n = seen.entry(label).or_insert(0);
            *n += 1;
            (label.to_string(), *n)
        })
        .collect()
}

fn value_text(v: Option<&Value>, decimals: Option<u8>) -> String {
    v.map(|v| v.display(decimals))
        .unwrap_or_else(|| "(blank)".to_string())
}

/// A target in words; a figure without trailing zeros ("55", not "55.0"), as
/// targets are written.
fn target_text(t: Option<&Target>, decimals: Option<u8>) -> String {
    t.map(|t| match t {
        Target::Value { value, note } => {
            let mut s = format_number(*value, decimals);
            if s.contains('.') {
                s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            }
            match note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => format!("{s} — {n}"),
                None => s,
            }
        }
        other => other.display(decimals),
    })
    .filter(|s| !s.trim().is_empty())
    .unwrap_or_else(|| "(blank)".to_string())
}

/// The two sides of a changed value in words, with more precision when the
/// KPI's decimal places would hide the change.
fn two_sides(
    old: &dyn Fn(Option<u8>) -> String,
    new: &dyn Fn(Option<u8>) -> String,
    decimals: u8,
) -> (String, String) {
    let (o, n) = (old(Some(decimals)), new(Some(decimals)));
    if o != n {
        return (o, n);
    }
    let (o, n) = (old(None), new(None));
    if o != n {
        return (o, n);
    }
    (old(Some(15)), new(Some(15)))
}

fn value_lines(o: &Kpi, n: &Kpi, out: &mut Lines) {
    let who = kpi_who(n);
    let (okeys, nkeys) = (period_keys(&o.series), period_keys(&n.series));
    let old_at: HashMap<&(String, usize), &PeriodValues> = okeys.iter().zip(&o.series).collect();
    let new_at: HashMap<&(String, usize), &PeriodValues> = nkeys.iter().zip(&n.series).collect();
    let blank = PeriodValues::default();
    let mut pairs: Vec<(&str, &PeriodValues, &PeriodValues)> = Vec::new();
    for (k, np) in nkeys.iter().zip(&n.series) {
        pairs.push((&k.0, old_at.get(k).copied().unwrap_or(&blank), np));
    }
    for (k, op) in okeys.iter().zip(&o.series) {
        if !new_at.contains_key(k) {
            pairs.push((&k.0, op, &blank));
        }
    }
    for (period, op, np) in pairs {
        let period = if period.is_empty() {
            "(unnamed period)"
        } else {
            period
        };
        let slots: [(&str, &Option<Value>, &Option<Value>); 4] = [
            ("actual", &op.actual, &np.actual),
            ("national average", &op.national, &np.national),
            ("statistical neighbours", &op.neighbours, &np.neighbours),
            ("region", &op.region, &np.region),
        ];
        for (what, ov, nv) in slots {
            if ov != nv {
                let (a, b) = two_sides(
                    &|d| value_text(ov.as_ref(), d),
                    &|d| value_text(nv.as_ref(), d),
                    n.decimals,
                );
                out.changed(format!("{who} {period} {what}: {a} → {b}"));
            }
        }
        if op.target != np.target {
            let (a, b) = two_sides(
                &|d| target_text(op.target.as_ref(), d),
                &|d| target_text(np.target.as_ref(), d),
                n.decimals,
            );
            out.changed(format!("{who}: target {period}: {a} → {b}"));
        }
    }
}
