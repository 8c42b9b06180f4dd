//! Who changed what: every priority, outcome, action, KPI and register risk
//! records who last changed it and when ([`Stamp`]).
//!
//! - An edit made here is stamped with the name given on this device
//!   ([`stamp`]), on exactly the objects it changed: editing one action of a
//!   priority stamps that action, not its neighbours. The stamp is part of the
//!   [`Change`], so undo puts the old stamp back.
//! - A merge keeps the stamps of the side each object came from ([`carry`]): a
//!   partner's changes arrive with the partner's name.
//! - The Changes view lists what changed since a date ([`changed_since`]).

use super::compare::{action_who, kpi_who, outcome_name, priority_name};
use super::edit::Change;
use super::model::{Action, Kpi, Outcome, Plan, Priority, ProgressUpdate, Risk, Stamp};
use std::collections::HashMap;

/// `change` with every object it changes stamped `by` at `at` (ISO 8601). A
/// whole plan replaced (an import, a merge) keeps the stamps it came with.
pub fn stamp(change: Change, by: &str, at: &str) -> Change {
    let s = Stamp {
        by: by.trim().to_string(),
        at: at.to_string(),
    };
    stamp_with(change, &s)
}

fn stamp_with(change: Change, s: &Stamp) -> Change {
    match change {
        Change::Priority {
            index,
            before,
            after,
        } => {
            let after = after.map(|mut p| {
                stamp_priority(before.as_deref(), &mut p, s);
                p
            });
            Change::Priority {
                index,
                before,
                after,
            }
        }
        Change::Kpi {
            index,
            before,
            after,
        } => {
            let after = after.map(|mut k| {
                if before.as_deref().is_none_or(|b| !same_kpi(b, &k)) {
                    k.changed = Some(s.clone());
                }
                k
            });
            Change::Kpi {
                index,
                before,
                after,
            }
        }
        Change::Risk {
            index,
            before,
            after,
        } => {
            let after = after.map(|mut r| {
                if before.as_deref().is_none_or(|b| !same_risk(b, &r)) {
                    r.changed = Some(s.clone());
                }
                r
            });
            Change::Risk {
                index,
                before,
                after,
            }
        }
        Change::Batch(list) => Change::Batch(list.into_iter().map(|c| stamp_with(c, s)).collect()),
        other @ (Change::Details { .. } | Change::Whole { .. }) => other,
    }
}

/// Stamps the priority (when its own fields changed), and each outcome and
/// action in it that is new or changed.
fn stamp_priority(before: Option<&Priority>, after: &mut Priority, s: &Stamp) {
    if before.is_none_or(|b| !same_priority_fields(b, after)) {
        after.changed = Some(s.clone());
    }
    let old_actions: HashMap<&str, &Action> = before
        .into_iter()
        .flat_map(|b| {
            b.actions
                .iter()
                .chain(b.outcomes.iter().flat_map(|o| o.actions.iter()))
        })
        .map(|a| (a.id.as_str(), a))
        .collect();
    let old_outcomes: HashMap<&str, &Outcome> = before
        .into_iter()
        .flat_map(|b| b.outcomes.iter())
        .map(|o| (o.id.as_str(), o))
        .collect();
    let stamp_actions = |list: &mut Vec<Action>| {
        for a in list {
            if old_actions
                .get(a.id.as_str())
                .is_none_or(|b| !same_action(b, a))
            {
                a.changed = Some(s.clone());
            }
        }
    };
    stamp_actions(&mut after.actions);
    for o in &mut after.outcomes {
        stamp_actions(&mut o.actions);
        if old_outcomes
            .get(o.id.as_str())
            .is_none_or(|b| !same_outcome_fields(b, o))
        {
            o.changed = Some(s.clone());
        }
    }
}

// Each `same_…` first compares as they are (no copy): most objects of a
// priority are untouched by an edit.
fn same_action(a: &Action, b: &Action) -> bool {
    a == b || (a.changed != b.changed && unstamped(a) == unstamped(b))
}

fn unstamped(a: &Action) -> Action {
    Action {
        changed: None,
        ..a.clone()
    }
}

fn same_kpi(a: &Kpi, b: &Kpi) -> bool {
    a == b
        || a.changed != b.changed
            && Kpi {
                changed: None,
                ..a.clone()
            } == Kpi {
                changed: None,
                ..b.clone()
            }
}

fn same_risk(a: &Risk, b: &Risk) -> bool {
    a == b
        || a.changed != b.changed
            && Risk {
                changed: None,
                ..a.clone()
            } == Risk {
                changed: None,
                ..b.clone()
            }
}

/// The priority's own fields, apart from what is under it and its stamp.
fn same_priority_fields(a: &Priority, b: &Priority) -> bool {
    let bare = |p: &Priority| Priority {
        outcomes: Vec::new(),
        actions: Vec::new(),
        changed: None,
        ..p.clone()
    };
    // The order and presence of outcomes is the priority's own business.
    let outcome_ids = |p: &Priority| p.outcomes.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
    bare(a) == bare(b) && outcome_ids(a) == outcome_ids(b)
}

fn same_outcome_fields(a: &Outcome, b: &Outcome) -> bool {
    let bare = |o: &Outcome| Outcome {
        actions: Vec::new(),
        changed: None,
        ..o.clone()
    };
    bare(a) == bare(b)
}

/// After a merge: each object of `merged` takes the stamp of the side it came
/// from — theirs when it is as theirs has it (and not as ours has it), ours when
/// it is as ours has it, and the later of the two when it mixes both sides.
pub fn carry(ours: &Plan, theirs: &Plan, merged: &mut Plan) {
    fn index(plan: &Plan) -> HashMap<&str, &Action> {
        plan.actions()
            .map(|r| (r.action.id.as_str(), r.action))
            .collect()
    }
    let (o_actions, t_actions) = (index(ours), index(theirs));
    let o_priorities: HashMap<&str, &Priority> =
        ours.priorities.iter().map(|p| (p.id.as_str(), p)).collect();
    let t_priorities: HashMap<&str, &Priority> = theirs
        .priorities
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let o_outcomes: HashMap<&str, &Outcome> = ours
        .priorities
        .iter()
        .flat_map(|p| p.outcomes.iter())
        .map(|o| (o.id.as_str(), o))
        .collect();
    let t_outcomes: HashMap<&str, &Outcome> = theirs
        .priorities
        .iter()
        .flat_map(|p| p.outcomes.iter())
        .map(|o| (o.id.as_str(), o))
        .collect();
    for p in &mut merged.priorities {
        let (o, t) = (
            o_priorities.get(p.id.as_str()),
            t_priorities.get(p.id.as_str()),
        );
        p.changed = pick(
            o.map(|x| (same_priority_fields(x, p), &x.changed)),
            t.map(|x| (same_priority_fields(x, p), &x.changed)),
            &p.changed,
        );
        let fix = |list: &mut Vec<Action>| {
            for a in list {
                let (o, t) = (o_actions.get(a.id.as_str()), t_actions.get(a.id.as_str()));
                a.changed = pick(
                    o.map(|x| (same_action(x, a), &x.changed)),
                    t.map(|x| (same_action(x, a), &x.changed)),
                    &a.changed,
                );
            }
        };
        fix(&mut p.actions);
        for oc in &mut p.outcomes {
            fix(&mut oc.actions);
            let (o, t) = (
                o_outcomes.get(oc.id.as_str()),
                t_outcomes.get(oc.id.as_str()),
            );
            oc.changed = pick(
                o.map(|x| (same_outcome_fields(x, oc), &x.changed)),
                t.map(|x| (same_outcome_fields(x, oc), &x.changed)),
                &oc.changed,
            );
        }
    }
    let o_kpis: HashMap<&str, &Kpi> = ours.kpis.iter().map(|k| (k.id.as_str(), k)).collect();
    let t_kpis: HashMap<&str, &Kpi> = theirs.kpis.iter().map(|k| (k.id.as_str(), k)).collect();
    for k in &mut merged.kpis {
        let (o, t) = (o_kpis.get(k.id.as_str()), t_kpis.get(k.id.as_str()));
        k.changed = pick(
            o.map(|x| (same_kpi(x, k), &x.changed)),
            t.map(|x| (same_kpi(x, k), &x.changed)),
            &k.changed,
        );
    }
    let o_risks: HashMap<&str, &Risk> = ours.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let t_risks: HashMap<&str, &Risk> = theirs.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in &mut merged.risks {
        let (o, t) = (o_risks.get(r.id.as_str()), t_risks.get(r.id.as_str()));
        r.changed = pick(
            o.map(|x| (same_risk(x, r), &x.changed)),
            t.map(|x| (same_risk(x, r), &x.changed)),
            &r.changed,
        );
    }
}

/// The stamp for a merged object, given each side's (is it as that side has
/// it, that side's stamp).
fn pick(
    ours: Option<(bool, &Option<Stamp>)>,
    theirs: Option<(bool, &Option<Stamp>)>,
    current: &Option<Stamp>,
) -> Option<Stamp> {
    match (ours, theirs) {
        (Some((true, s)), _) => s.clone(),
        (_, Some((true, s))) => s.clone(),
        (Some((_, a)), Some((_, b))) => later(a, b),
        (Some((_, s)), None) | (None, Some((_, s))) => s.clone(),
        (None, None) => current.clone(),
    }
}

fn later(a: &Option<Stamp>, b: &Option<Stamp>) -> Option<Stamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.at > x.at { y.clone() } else { x.clone() }),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

/// "Last changed by Priya Shah on 3 December 2026 at 10:04 UTC", or "Last
/// changed on …" when no name was given; None for what was never changed here.
pub fn last_changed_words(stamp: Option<&Stamp>) -> Option<String> {
    let s = stamp?;
    let when = super::date::human_time(&s.at);
    Some(if s.by.trim().is_empty() {
        format!("Last changed on {when}")
    } else {
        format!("Last changed by {} on {when}", s.by.trim())
    })
}

/// One line of the Changes view: an object changed (or a progress update
/// written) since the chosen date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// "Action 1.2", "Priority 3", "NI 72", "Risk 'Staff turnover…'".
    pub object: String,
    /// What: the object's title, or the update's RAG and words.
    pub what: String,
    /// Who, or "" when no name was given.
    pub by: String,
    /// When (ISO 8601, or a date for a progress update).
    pub at: String,
}

/// What changed since `since` (an ISO date or time; compared as text, so
/// "2026-12-01" takes in everything of that day): every stamped object and
/// every progress update written since, newest first.
pub fn changed_since(plan: &Plan, since: &str) -> Vec<Changed> {
    let mut out = Vec::new();
    let after = |s: &Option<Stamp>| s.as_ref().filter(|s| s.at.as_str() >= since).cloned();
    let mut push = |object: String, what: String, s: Stamp| {
        out.push(Changed {
            object,
            what,
            by: s.by,
            at: s.at,
        })
    };
    for p in &plan.priorities {
        if let Some(s) = after(&p.changed) {
            push(priority_name(p), p.title.clone(), s);
        }
        for o in &p.outcomes {
            if let Some(s) = after(&o.changed) {
                push(
                    format!("{}, {}", priority_name(p), outcome_name(o)),
                    o.title.clone(),
                    s,
                );
            }
        }
    }
    for r in plan.actions() {
        let a = r.action;
        if let Some(s) = after(&a.changed) {
            push(action_who(a), a.title.clone(), s);
        }
        for u in a.updates.iter().filter(|u| u.deleted_at.is_none()) {
            if let Some(s) = update_stamp(u).filter(|s| s.at.as_str() >= since) {
                push(
                    format!("{}: progress update", action_who(a)),
                    format!("{}: {}", u.rag.label(), update_words(u)),
                    s,
                );
            }
        }
    }
    for k in &plan.kpis {
        if let Some(s) = after(&k.changed) {
            push(kpi_who(k), k.title.clone(), s);
        }
    }
    for r in &plan.risks {
        if let Some(s) = after(&r.changed) {
            push(
                format!("Risk '{}'", super::rollup::truncate(&r.description, 40)),
                r.mitigation.clone(),
                s,
            );
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at));
    out
}

/// A progress update's author and date, as a stamp (its edit time when edited).
fn update_stamp(u: &ProgressUpdate) -> Option<Stamp> {
    let at = u
        .edited_at
        .clone()
        .or_else(|| u.date.map(|d| d.to_string()))?;
    Some(Stamp {
        by: u.author.trim().to_string(),
        at,
    })
}

fn update_words(u: &ProgressUpdate) -> String {
    let text = if u.reason.trim().is_empty() {
        u.commentary.trim()
    } else {
        u.reason.trim()
    };
    super::rollup::truncate(text, 80)
}
