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
                stamp_if_changed(before.as_deref(), &mut *k, s);
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
                stamp_if_changed(before.as_deref(), &mut *r, s);
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

/// An object that records who changed it last.
trait Stamped {
    fn key(&self) -> &str;
    fn stamp(&self) -> &Option<Stamp>;
    fn stamp_mut(&mut self) -> &mut Option<Stamp>;
    /// Whether its own fields are the same as `other`'s: everything but its
    /// stamp and, for a priority or an outcome, what is under it.
    fn same_fields(&self, other: &Self) -> bool;
}

/// Equal but for the stamp: compared as they are first (no copy), since most
/// objects of a priority are untouched by an edit.
fn same_but_stamp<T: Stamped + Clone + PartialEq>(a: &T, b: &T) -> bool {
    let bare = |x: &T| {
        let mut c = x.clone();
        *c.stamp_mut() = None;
        c
    };
    a == b || (a.stamp() != b.stamp() && bare(a) == bare(b))
}

macro_rules! stamped {
    ($t:ty, |$a:ident, $b:ident| $same:expr) => {
        impl Stamped for $t {
            fn key(&self) -> &str {
                self.id.as_str()
            }
            fn stamp(&self) -> &Option<Stamp> {
                &self.changed
            }
            fn stamp_mut(&mut self) -> &mut Option<Stamp> {
                &mut self.changed
            }
            fn same_fields(&self, other: &Self) -> bool {
                let ($a, $b) = (self, other);
                $same
            }
        }
    };
}
stamped!(Action, |a, b| same_but_stamp(a, b));
stamped!(Kpi, |a, b| same_but_stamp(a, b));
stamped!(Risk, |a, b| same_but_stamp(a, b));
stamped!(Priority, |a, b| {
    let bare = |p: &Priority| Priority {
        outcomes: Vec::new(),
        actions: Vec::new(),
        changed: None,
        ..p.clone()
    };
    // The order and presence of outcomes is the priority's own business.
    let outcome_ids = |p: &Priority| p.outcomes.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
    bare(a) == bare(b) && outcome_ids(a) == outcome_ids(b)
});
stamped!(Outcome, |a, b| {
    let bare = |o: &Outcome| Outcome {
        actions: Vec::new(),
        changed: None,
        ..o.clone()
    };
    bare(a) == bare(b)
});

/// Stamps `after` when it is new or its own fields changed.
fn stamp_if_changed<T: Stamped>(before: Option<&T>, after: &mut T, s: &Stamp) {
    if before.is_none_or(|b| !b.same_fields(after)) {
        *after.stamp_mut() = Some(s.clone());
    }
}

fn by_key<'a, T: Stamped + 'a>(items: impl Iterator<Item = &'a T>) -> HashMap<&'a str, &'a T> {
    items.map(|x| (x.key(), x)).collect()
}

fn actions_of(p: &Priority) -> impl Iterator<Item = &Action> {
    p.actions
        .iter()
        .chain(p.outcomes.iter().flat_map(|o| o.actions.iter()))
}

/// Stamps the priority (when its own fields changed), and each outcome and
/// action in it that is new or changed.
fn stamp_priority(before: Option<&Priority>, after: &mut Priority, s: &Stamp) {
    stamp_if_changed(before, after, s);
    let old_actions = by_key(before.into_iter().flat_map(actions_of));
    let old_outcomes = by_key(before.into_iter().flat_map(|b| b.outcomes.iter()));
    let stamp_actions = |list: &mut Vec<Action>| {
        for a in list {
            stamp_if_changed(old_actions.get(a.key()).copied(), a, s);
        }
    };
    stamp_actions(&mut after.actions);
    for o in &mut after.outcomes {
        stamp_actions(&mut o.actions);
        stamp_if_changed(old_outcomes.get(o.key()).copied(), o, s);
    }
}

/// After a merge: each object of `merged` takes the stamp of the side it came
/// from — theirs when it is as theirs has it (and not as ours has it), ours when
/// it is as ours has it, and the later of the two when it mixes both sides.
pub fn carry(ours: &Plan, theirs: &Plan, merged: &mut Plan) {
    let (o, t) = (Side::of(ours), Side::of(theirs));
    for p in &mut merged.priorities {
        carry_one(&o.priorities, &t.priorities, p);
        for a in &mut p.actions {
            carry_one(&o.actions, &t.actions, a);
        }
        for oc in &mut p.outcomes {
            carry_one(&o.outcomes, &t.outcomes, oc);
            for a in &mut oc.actions {
                carry_one(&o.actions, &t.actions, a);
            }
        }
    }
    for k in &mut merged.kpis {
        carry_one(&o.kpis, &t.kpis, k);
    }
    for r in &mut merged.risks {
        carry_one(&o.risks, &t.risks, r);
    }
}

/// One side of a merge, each kind of object by id.
struct Side<'a> {
    priorities: HashMap<&'a str, &'a Priority>,
    outcomes: HashMap<&'a str, &'a Outcome>,
    actions: HashMap<&'a str, &'a Action>,
    kpis: HashMap<&'a str, &'a Kpi>,
    risks: HashMap<&'a str, &'a Risk>,
}

impl<'a> Side<'a> {
    fn of(p: &'a Plan) -> Side<'a> {
        Side {
            priorities: by_key(p.priorities.iter()),
            outcomes: by_key(p.priorities.iter().flat_map(|x| x.outcomes.iter())),
            actions: by_key(p.priorities.iter().flat_map(actions_of)),
            kpis: by_key(p.kpis.iter()),
            risks: by_key(p.risks.iter()),
        }
    }
}

fn carry_one<T: Stamped>(ours: &HashMap<&str, &T>, theirs: &HashMap<&str, &T>, merged: &mut T) {
    let side = |m: &HashMap<&str, &T>| {
        m.get(merged.key())
            .map(|x| (x.same_fields(merged), x.stamp().clone()))
    };
    let stamp = pick(side(ours), side(theirs), merged.stamp());
    *merged.stamp_mut() = stamp;
}

/// The stamp for a merged object, given each side's (is it as that side has
/// it, that side's stamp).
fn pick(
    ours: Option<(bool, Option<Stamp>)>,
    theirs: Option<(bool, Option<Stamp>)>,
    current: &Option<Stamp>,
) -> Option<Stamp> {
    match (ours, theirs) {
        (Some((true, s)), _) => s,
        (_, Some((true, s))) => s,
        (Some((_, a)), Some((_, b))) => later(a, b),
        (Some((_, s)), None) | (None, Some((_, s))) => s,
        (None, None) => current.clone(),
    }
}

fn later(a: Option<Stamp>, b: Option<Stamp>) -> Option<Stamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.at > x.at { y } else { x }),
        (x, None) | (None, x) => x,
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
