//! Monitoring: RAG roll-ups, exceptions, overdue work and data health, all "as at"
//! a date so the plan can be seen as it stood at the end of last quarter.
//!
//! "As at" rules, the same in every function here:
//! - a progress update dated after the as-at date is ignored, as if not yet written;
//!   an update with no date counts as written before any date, so it is never
//!   ignored;
//! - a deleted progress update (one with `deleted_at`) never counts;
//! - the update that counts is [`update_as_at`], and an action's RAG is worked out
//!   from that same update ([`rag_of`]): every page and report that shows an
//!   action's update beside its RAG uses these two, so they always agree;
//! - an action whose status is Complete counts as complete (blue) whatever the
//!   date: the plan records no completion date, so we cannot tell when it finished;
//! - KPIs are counted by their latest rating ([`crate::core::kpi::latest_rating`]):
//!   periods are labels such as "2009/10", not dates, so KPI values are not
//!   filtered by the as-at date.

use super::date::Date;
use super::kpi;
use super::model::{Action, ActionRef, ActionStatus, Id, Kpi, Plan, ProgressUpdate, Rag};
use std::collections::HashMap;

/// How many of something are red, amber, green, complete and not rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RagCounts {
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    pub blue: usize,
    pub not_rated: usize,
}

impl RagCounts {
    /// Counts one more of `rag`.
    pub fn add(&mut self, rag: Rag) {
        *self.slot(rag) += 1;
    }

    /// How many of `rag` have been counted.
    pub fn get(&self, rag: Rag) -> usize {
        match rag {
            Rag::Red => self.red,
            Rag::Amber => self.amber,
            Rag::Green => self.green,
            Rag::Blue => self.blue,
            Rag::NotRated => self.not_rated,
        }
    }

    /// How many have been counted in all.
    pub fn total(&self) -> usize {
        self.red + self.amber + self.green + self.blue + self.not_rated
    }

    /// Adds every count of `other` to this one.
    pub fn merge(&mut self, other: &RagCounts) {
        for rag in Rag::ALL {
            *self.slot(rag) += other.get(rag);
        }
    }

    fn slot(&mut self, rag: Rag) -> &mut usize {
        match rag {
            Rag::Red => &mut self.red,
            Rag::Amber => &mut self.amber,
            Rag::Green => &mut self.green,
            Rag::Blue => &mut self.blue,
            Rag::NotRated => &mut self.not_rated,
        }
    }
}

/// Whether an update counts as written by `as_at` (undated updates always do;
/// with no as-at date, every update does).
fn written_by(u: &ProgressUpdate, as_at: Option<Date>) -> bool {
    match (as_at, u.date) {
        (Some(as_at), Some(d)) => d <= as_at,
        _ => true,
    }
}

/// The progress update that counts for an action as at a date: the newest live (not
/// deleted) update written by `as_at`, by date (later entries of the log win ties;
/// undated entries are older than any dated one). With `as_at` None, the plan as it
/// stands: every live update counts, whatever its date (the Plan page).
///
/// This one rule gives both an action's RAG ([`rag_of`]) and the update a report
/// prints beside it, so the two can never disagree.
pub fn update_as_at(a: &Action, as_at: Option<Date>) -> Option<&ProgressUpdate> {
    a.live_updates()
        .enumerate()
        .filter(|(_, u)| written_by(u, as_at))
        .max_by_key(|(i, u)| (u.date, *i))
        .map(|(_, u)| u)
}

/// An action's RAG given the update that counts ([`update_as_at`]): complete actions
/// are blue; else the update's RAG, else the RAG the plan states, else not rated.
pub fn rag_of(a: &Action, update: Option<&ProgressUpdate>) -> Rag {
    if a.status == ActionStatus::Complete {
        return Rag::Blue;
    }
    update
        .map(|u| u.rag)
        .or(a.stated_rag)
        .unwrap_or(Rag::NotRated)
}

/// An action's RAG as at a date: the latest progress update dated on or before it
/// (else the stated RAG, else not rated); complete actions are blue.
pub fn action_rag_as_at(a: &Action, as_at: Date) -> Rag {
    rag_of(a, update_as_at(a, Some(as_at)))
}

/// Roll-up of one priority (its own actions and KPIs and its outcomes').
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityRollup {
    pub priority: Id,
    pub actions: RagCounts,
    pub kpis: RagCounts,
}

/// The plan's roll-up: totals and one entry per priority in plan order. A KPI is
/// counted by its latest rating (crate::core::kpi::latest_rating).
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    pub actions: RagCounts,
    pub kpis: RagCounts,
    pub priorities: Vec<PriorityRollup>,
}

/// A KPI's current RAG: its latest rating's, or not rated if it has no periods.
pub fn kpi_rag(k: &Kpi) -> Rag {
    kpi::latest_rating(k).map_or(Rag::NotRated, |r| r.rag)
}

/// RAG counts of the plan as at a date. Totals count every action and every KPI
/// (also KPIs linked to no priority); each priority counts the actions directly
/// under it and under its outcomes, and the KPIs whose `priority_id` is it
/// (outcome KPIs carry their outcome's priority).
pub fn rollup(plan: &Plan, as_at: Date) -> Rollup {
    let index: HashMap<&Id, usize> = plan
        .priorities
        .iter()
        .enumerate()
        .rev() // the first of two priorities sharing an id wins
        .map(|(i, p)| (&p.id, i))
        .collect();
    let mut priorities: Vec<PriorityRollup> = plan
        .priorities
        .iter()
        .map(|p| PriorityRollup {
            priority: p.id.clone(),
            actions: RagCounts::default(),
            kpis: RagCounts::default(),
        })
        .collect();
    let mut actions = RagCounts::default();
    for (i, p) in plan.priorities.iter().enumerate() {
        let own = p
            .actions
            .iter()
            .chain(p.outcomes.iter().flat_map(|o| o.actions.iter()));
        for a in own {
            let rag = action_rag_as_at(a, as_at);
            priorities[i].actions.add(rag);
            actions.add(rag);
        }
    }
    let mut kpis = RagCounts::default();
    for k in &plan.kpis {
        let rag = kpi_rag(k);
        kpis.add(rag);
        if let Some(i) = k.priority_id.as_ref().and_then(|id| index.get(id)) {
            priorities[*i].kpis.add(rag);
        }
    }
    Rollup {
        actions,
        kpis,
        priorities,
    }
}

/// A red or amber action, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub action: Id,
    pub reference: String,
    pub title: String,
    pub priority: Id,
    pub rag: Rag,
    /// The reason of the update that set the RAG (or its commentary if no reason).
    pub reason: String,
    pub date: Option<Date>,
    pub leads: Vec<String>,
}

/// Red then amber actions as at the date, in plan order within each. When the RAG
/// comes from the plan's stated RAG (no update yet), reason is empty and date None.
pub fn exceptions(plan: &Plan, as_at: Date) -> Vec<Exception> {
    let mut out: Vec<Exception> = plan
        .actions()
        .filter_map(|r| {
            let a = r.action;
            let rag = action_rag_as_at(a, as_at);
            if !matches!(rag, Rag::Red | Rag::Amber) {
                return None;
            }
            let (reason, date) = match update_as_at(a, Some(as_at)) {
                Some(u) => {
                    let reason = if u.reason.trim().is_empty() {
                        u.commentary.trim()
                    } else {
                        u.reason.trim()
                    };
                    (reason.to_string(), u.date)
                }
                None => (String::new(), None),
            };
            Some(Exception {
                action: a.id.clone(),
                reference: a.reference.clone(),
                title: a.title.clone(),
                priority: r.priority.id.clone(),
                rag,
                reason,
                date,
                leads: a.leads.clone(),
            })
        })
        .collect();
    // Stable: plan order is kept within red and within amber.
    out.sort_by_key(|e| e.rag.severity());
    out
}

/// Something overdue as at the date: an action past its due date, or a milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    pub action: Id,
    pub reference: String,
    pub title: String,
    /// The milestone's title, when it is a milestone that is overdue.
    pub milestone: Option<String>,
    pub due: Date,
    pub days_late: i64,
}

/// Whether an action is finished with (complete or cancelled).
fn finished(a: &Action) -> bool {
    matches!(a.status, ActionStatus::Complete | ActionStatus::Cancelled)
}

/// Overdue actions and milestones (not done, not complete/cancelled), most late first.
///
/// An action is overdue when its due date is before `as_at` (due on the day is not
/// late). Each milestone not marked done with a due date before `as_at` is an entry
/// of its own, even when the action itself is not overdue. Nothing of a complete or
/// cancelled action is overdue. Milestones with only a quarter (no date) are not
/// checked. Ties keep plan order (an action before its milestones).
pub fn overdue(plan: &Plan, as_at: Date) -> Vec<Overdue> {
    let mut out = Vec::new();
    for r in plan.actions() {
        let a = r.action;
        if finished(a) {
            continue;
        }
        if let Some(due) = a.due.filter(|d| *d < as_at) {
            out.push(Overdue {
                action: a.id.clone(),
                reference: a.reference.clone(),
                title: a.title.clone(),
                milestone: None,
                due,
                days_late: due.days_until(as_at),
            });
        }
        for m in a.milestones.iter().filter(|m| !m.done) {
            if let Some(due) = m.due.filter(|d| *d < as_at) {
                out.push(Overdue {
                    action: a.id.clone(),
                    reference: a.reference.clone(),
                    title: a.title.clone(),
                    milestone: Some(m.title.clone()),
                    due,
                    days_late: due.days_until(as_at),
                });
            }
        }
    }
    out.sort_by_key(|o| std::cmp::Reverse(o.days_late));
    out
}

/// One gap in the plan's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GapKind {
    /// No progress update in the last N days (or never).
    StaleAction,
    /// No actual for the KPI's latest period that has a target or any value.
    KpiMissingLatest,
    NoLead,
    NoDueDate,
}

/// One gap found by [`data_health`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub kind: GapKind,
    /// The action or KPI id.
    pub id: Id,
    /// "1.4 Expand data bank…: no progress update since 16 September 2009"; a KPI is
    /// named by [`kpi::kpi_name_cut`] ("NI 72: % pupils achieving…: no value for 2010/11").
    pub description: String,
}

/// The result of [`data_health`].
#[derive(Debug, Clone, PartialEq)]
pub struct DataHealth {
    /// 0–100: the share of checks passed (each action: fresh, has lead, has due date;
    /// each KPI: has a latest value), rounded.
    pub score: u8,
    pub gaps: Vec<Gap>,
}

/// Longest title shown in a gap's description before it is cut with "…".
const NAME_CHARS: usize = 60;

/// Cuts text to at most `n` characters, at a word break where there is one in
/// the second half, ending with "…" when cut. Line breaks become spaces.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    let s = s.trim();
    let flat = || s.chars().map(|c| if c.is_whitespace() { ' ' } else { c });
    if s.chars().count() <= n {
        return flat().collect();
    }
    let kept: Vec<char> = flat().take(n + 1).collect();
    // Keep whole words: cut at the last space within the first n + 1 characters.
    let cut = match kept.iter().rposition(|c| *c == ' ') {
        Some(i) if i >= n / 2 => i,
        _ => n,
    };
    let text: String = kept[..cut].iter().collect();
    format!("{}…", text.trim_end_matches([' ', ',', ';', ':']))
}

/// "1.4 Expand data bank to include NIs…": reference and shortened title.
fn action_name(a: &Action) -> String {
    join_name(&a.reference, &truncate(&a.title, NAME_CHARS), "Action")
}

fn join_name(code: &str, title: &str, fallback: &str) -> String {
    match (code.trim(), title) {
        ("", "") => format!("{fallback} (untitled)"),
        ("", t) => t.to_string(),
        (c, "") => c.to_string(),
        (c, t) => format!("{c} {t}"),
    }
}

/// Whether a period holds anything: a target, an actual or a comparator.
fn period_has_anything(p: &super::model::PeriodValues) -> bool {
    p.target.is_some()
        || p.actual.is_some()
        || p.national.is_some()
        || p.neighbours.is_some()
        || p.region.is_some()
}

/// Data health as at a date, with the plan's stale_after_days setting.
///
/// Checks, each passed or failed (a failure is a [`Gap`]):
/// - each action still being worked (not complete or cancelled): a progress update
///   dated within `stale_after_days` days before `as_at` (on or before it);
///   undated updates do not count;
/// - each action: at least one lead; a due date;
/// - each KPI: its latest period holding a target or any value has an available
///   actual (a KPI with no such period fails with "no values yet").
///
/// The score is `round(100 × passed / checks)`, and 100 when there is nothing to
/// check. Gaps are listed in plan order: actions, then KPIs.
pub fn data_health(plan: &Plan, as_at: Date) -> DataHealth {
    let mut checks = 0usize;
    let mut gaps = Vec::new();
    let stale_days = i64::from(plan.settings.stale_after_days);
    let fresh_from = as_at.add_days(-stale_days);
    for ActionRef { action: a, .. } in plan.actions() {
        if !finished(a) {
            checks += 1;
            let dated = || {
                a.live_updates()
                    .filter_map(|u| u.date)
                    .filter(|d| *d <= as_at)
            };
            if !dated().any(|d| d >= fresh_from) {
                let why = match dated().max() {
                    Some(d) => format!("no progress update since {}", d.long()),
                    None if a.live_updates().any(|u| u.date.is_none()) => {
                        "no dated progress update".to_string()
                    }
                    None => "no progress update yet".to_string(),
                };
                gaps.push(Gap {
                    kind: GapKind::StaleAction,
                    id: a.id.clone(),
                    description: format!("{}: {why}", action_name(a)),
                });
            }
        }
        checks += 2;
        if !a.leads.iter().any(|l| !l.trim().is_empty()) {
            gaps.push(Gap {
                kind: GapKind::NoLead,
                id: a.id.clone(),
                description: format!("{}: no lead named", action_name(a)),
            });
        }
        if a.due.is_none() {
            gaps.push(Gap {
                kind: GapKind::NoDueDate,
                id: a.id.clone(),
                description: format!("{}: no due date", action_name(a)),
            });
        }
    }
    for k in &plan.kpis {
        checks += 1;
        let why = match k.series.iter().rev().find(|p| period_has_anything(p)) {
            Some(p) if p.actual.as_ref().is_some_and(|v| v.is_available()) => None,
            Some(p) if p.period.trim().is_empty() => Some("no value for its latest period".into()),
            Some(p) => Some(format!("no value for {}", p.period.trim())),
            None => Some("no values yet".to_string()),
        };
        if let Some(why) = why {
            gaps.push(Gap {
                kind: GapKind::KpiMissingLatest,
                id: k.id.clone(),
                description: format!("{}: {why}", kpi::kpi_name_cut(k, NAME_CHARS)),
            });
        }
    }
    let score = if checks == 0 {
        100
    } else {
        let passed = checks - gaps.len();
        // Round half up, in whole numbers.
        ((passed * 200 + checks) / (checks * 2)) as u8
    };
    DataHealth { score, gaps }
}

/// A progress update made recently.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentUpdate {
    pub action: Id,
    pub reference: String,
    pub title: String,
    pub date: Date,
    pub rag: Rag,
    /// The RAG before this update (previous update's, or the stated RAG), if different.
    pub previous_rag: Option<Rag>,
    pub commentary: String,
    /// Who wrote it (may be empty).
    pub author: String,
}

/// Updates dated within `days` days before `as_at` (inclusive), newest first.
///
/// "Before this update" means the update just before it in the action's log by
/// date (undated entries first, later entries winning ties); for the first
/// update it is the plan's stated RAG, else not rated. Updates of one date are
/// listed in plan order, later log entries first. A negative `days` gives nothing.
pub fn recent_updates(plan: &Plan, as_at: Date, days: i64) -> Vec<RecentUpdate> {
    if days < 0 {
        return Vec::new();
    }
    let from = as_at.add_days(-days);
    // (date, action position, log position) for sorting.
    let mut found: Vec<(Date, usize, usize, RecentUpdate)> = Vec::new();
    for (ai, r) in plan.actions().enumerate() {
        let a = r.action;
        if !a
            .live_updates()
            .any(|u| u.date.is_some_and(|d| d >= from && d <= as_at))
        {
            continue;
        }
        let mut order: Vec<(usize, &ProgressUpdate)> = a.live_updates().enumerate().collect();
        order.sort_by_key(|(i, u)| (u.date, *i));
        let mut before = a.stated_rag.unwrap_or(Rag::NotRated);
        for (pos, (_, u)) in order.iter().enumerate() {
            if let Some(d) = u.date.filter(|d| *d >= from && *d <= as_at) {
                found.push((
                    d,
                    ai,
                    pos,
                    RecentUpdate {
                        action: a.id.clone(),
                        reference: a.reference.clone(),
                        title: a.title.clone(),
                        date: d,
                        rag: u.rag,
                        previous_rag: (before != u.rag).then_some(before),
                        commentary: u.commentary.clone(),
                        author: u.author.trim().to_string(),
                    },
                ));
            }
            before = u.rag;
        }
    }
    found.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(y.2.cmp(&x.2)));
    found.into_iter().map(|(_, _, _, u)| u).collect()
}

// ---------------------------------------------------------------------------
// The dashboard's words and the as-at date of a view

/// How many days before the as-at date count as "recent" (the dashboard's "What
/// changed recently" and its tile).
pub const RECENT_DAYS: i64 = 30;

/// The as-at date a view's address asks for (`asat=YYYY-MM-DD`); `today` when it
/// asks for none or for something that is not a date.
pub fn as_at_param(params: &std::collections::BTreeMap<String, String>, today: Date) -> Date {
    params
        .get("asat")
        .and_then(|s| Date::parse_iso(s.trim()).ok())
        .unwrap_or(today)
}

/// The date of the plan's newest dated progress update (deleted ones left out), if
/// any: the dashboard offers to look "as at" it when nothing is recent.
pub fn latest_update_date(plan: &Plan) -> Option<Date> {
    plan.actions()
        .flat_map(|r| r.action.live_updates().filter_map(|u| u.date))
        .max()
}

/// RAG counts in words, every RAG in [`Rag::ALL`]'s order, zeros included: "0 red,
/// 1 amber, 5 green, 0 complete, 35 not rated".
pub fn counts_words(c: &RagCounts) -> String {
    Rag::ALL
        .into_iter()
        .map(|r| format!("{} {}", c.get(r), r.label().to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A data health score in words: "good" from 90, "fair" from 70, else "poor".
pub fn health_words(score: u8) -> &'static str {
    match score {
        90.. => "good",
        70..=89 => "fair",
        _ => "poor",
    }
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncate_keeps_whole_words() {
        assert_eq!(truncate("  Short  ", 10), "Short");
        assert_eq!(
            truncate("Expand data bank to include NIs", 20),
            "Expand data bank to…"
        );
        // No break in the second half: cut inside the word.
        assert_eq!(truncate("Supercalifragilistic", 10), "Supercalif…");
        assert_eq!(truncate("one, two, three four", 9), "one, two…");
        assert_eq!(truncate("line\nbreak", 20), "line break");
        assert_eq!(truncate("", 5), "");
        assert_eq!(truncate("ééééé ééééé", 7), "ééééé…");
    }
}
