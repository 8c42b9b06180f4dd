//! Every change to a plan is a [`Change`]: applied to the plan, kept in the
//! [`History`] for undo and redo, and inverted to undo. Changes replace whole
//! objects (the plan's details, one priority with everything under it, one KPI,
//! one register risk), so any edit — a field, a move, a renumbering — is one value
//! that can be undone, and an edit copies only the part of the plan it touches.

use super::model::{Action, Id, Kpi, Outcome, Plan, Priority, Risk};
use std::collections::HashSet;

/// Everything about a plan except its id, priorities, KPIs, risk register and
/// exchange (what a partner's file carries): a [`Plan`] with those left empty, so
/// its fields are the plan's own, read and set through it (`details.title`,
/// `details.cover_sheet = …`). What is put in those fields of details is never
/// applied.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanDetails(Plan);

impl PlanDetails {
    /// The details of a plan (a copy of every field but the plan's id, priorities,
    /// KPIs, risk register and exchange, which are not copied).
    pub fn of(plan: &Plan) -> PlanDetails {
        // Every field named, so a field added to the plan must be placed here.
        PlanDetails(Plan {
            id: Id::default(),
            title: plan.title.clone(),
            organisation: plan.organisation.clone(),
            period_label: plan.period_label.clone(),
            period_start: plan.period_start,
            period_end: plan.period_end,
            status: plan.status,
            approved_by: plan.approved_by.clone(),
            approved_on: plan.approved_on,
            links: plan.links.clone(),
            glossary: plan.glossary.clone(),
            rag_definitions: plan.rag_definitions.clone(),
            last_updated: plan.last_updated,
            notes: plan.notes.clone(),
            priorities: Vec::new(),
            kpis: Vec::new(),
            risks: Vec::new(),
            settings: plan.settings.clone(),
            cover_sheet: plan.cover_sheet.clone(),
            exchange: None,
        })
    }

    /// Sets every field of these details on the plan, keeping its id, priorities,
    /// KPIs, risk register and exchange (the inverse of [`PlanDetails::of`]).
    pub fn apply_to(&self, plan: &mut Plan) {
        let id = std::mem::take(&mut plan.id);
        let priorities = std::mem::take(&mut plan.priorities);
        let kpis = std::mem::take(&mut plan.kpis);
        let risks = std::mem::take(&mut plan.risks);
        let exchange = plan.exchange.take();
        *plan = Plan {
            id,
            priorities,
            kpis,
            risks,
            exchange,
            ..self.0.clone()
        };
    }
}

/// Details made from a plan's fields (`Plan { title, ..Plan::default() }`); its
/// id, lists and exchange are dropped.
impl From<Plan> for PlanDetails {
    fn from(plan: Plan) -> PlanDetails {
        PlanDetails(Plan {
            id: Id::default(),
            priorities: Vec::new(),
            kpis: Vec::new(),
            risks: Vec::new(),
            exchange: None,
            ..plan
        })
    }
}

impl From<PlanDetails> for Plan {
    /// A plan of these details, with no id, priorities, KPIs, risks or exchange.
    fn from(details: PlanDetails) -> Plan {
        details.0
    }
}

impl std::ops::Deref for PlanDetails {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        &self.0
    }
}

impl std::ops::DerefMut for PlanDetails {
    fn deref_mut(&mut self) -> &mut Plan {
        &mut self.0
    }
}

/// One undoable change.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Details {
        before: Box<PlanDetails>,
        after: Box<PlanDetails>,
    },
    /// Insert (before None), delete (after None) or replace the priority at `index`.
    Priority {
        index: usize,
        before: Option<Box<Priority>>,
        after: Option<Box<Priority>>,
    },
    /// Insert, delete or replace the KPI at `index`.
    Kpi {
        index: usize,
        before: Option<Box<Kpi>>,
        after: Option<Box<Kpi>>,
    },
    /// Insert, delete or replace the register risk at `index`.
    Risk {
        index: usize,
        before: Option<Box<Risk>>,
        after: Option<Box<Risk>>,
    },
    /// Several changes applied in order, undone in reverse, as one step.
    Batch(Vec<Change>),
    /// The whole plan replaced (import, "start from empty").
    Whole { before: Box<Plan>, after: Box<Plan> },
}

/// Objects kept in an indexed list of the plan, known by their id.
trait Keyed: Clone {
    fn key(&self) -> &Id;
}
impl Keyed for Priority {
    fn key(&self) -> &Id {
        &self.id
    }
}
impl Keyed for Kpi {
    fn key(&self) -> &Id {
        &self.id
    }
}
impl Keyed for Risk {
    fn key(&self) -> &Id {
        &self.id
    }
}

/// Inserts, deletes or replaces one element of a list. A delete or replace whose
/// index is out of range, or finds another object (by id) there, is ignored; an
/// insert past the end appends.
fn apply_slot<T: Keyed>(
    list: &mut Vec<T>,
    index: usize,
    before: &Option<Box<T>>,
    after: &Option<Box<T>>,
) {
    match (before, after) {
        (None, Some(a)) => {
            let at = index.min(list.len());
            list.insert(at, (**a).clone());
        }
        (Some(b), None) => {
            if list.get(index).is_some_and(|x| x.key() == b.key()) {
                list.remove(index);
            }
        }
        (Some(b), Some(a)) => {
            if let Some(x) = list.get_mut(index) {
                if x.key() == b.key() {
                    *x = (**a).clone();
                }
            }
        }
        (None, None) => {}
    }
}

impl Change {
    /// Applies the change. Panics never: a change that does not fit the plan (wrong
    /// index) is ignored.
    ///
    /// A delete or replace applies only when the object at `index` has the `before`
    /// object's id; an insert past the end appends. A [`Change::Batch`] applies
    /// each part that fits.
    pub fn apply(&self, plan: &mut Plan) {
        match self {
            Change::Details { after, .. } => after.apply_to(plan),
            Change::Priority {
                index,
                before,
                after,
            } => apply_slot(&mut plan.priorities, *index, before, after),
            Change::Kpi {
                index,
                before,
                after,
            } => apply_slot(&mut plan.kpis, *index, before, after),
            Change::Risk {
                index,
                before,
                after,
            } => apply_slot(&mut plan.risks, *index, before, after),
            Change::Batch(changes) => {
                for c in changes {
                    c.apply(plan);
                }
            }
            Change::Whole { after, .. } => *plan = (**after).clone(),
        }
    }

    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self {
            Change::Details { before, after } => Change::Details {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Priority {
                index,
                before,
                after,
            } => Change::Priority {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Change::Kpi {
                index,
                before,
                after,
            } => Change::Kpi {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Change::Risk {
                index,
                before,
                after,
            } => Change::Risk {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Change::Batch(changes) => {
                Change::Batch(changes.iter().rev().map(Change::inverse).collect())
            }
            Change::Whole { before, after } => Change::Whole {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }
}

/// One entry of the history: a change and what it was, in words ("Edit action 1.1").
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub change: Change,
    pub label: String,
}

/// Undo and redo over the last [`History::LIMIT`] changes.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
}

impl History {
    pub const LIMIT: usize = 200;

    /// Applies a change to the plan and records it (clearing redo).
    pub fn apply(&mut self, plan: &mut Plan, change: Change, label: impl Into<String>) {
        change.apply(plan);
        self.record(change, label);
    }

    /// Records a change that has already been applied (clearing redo): for a plan
    /// held elsewhere (the app's store), which applies the change itself.
    pub fn record(&mut self, change: Change, label: impl Into<String>) {
        self.redo.clear();
        self.push_undo(Step {
            change,
            label: label.into(),
        });
    }

    /// Takes the last change off the undo list (onto redo) and returns the change
    /// that undoes it, with its label, for the caller to apply.
    pub fn take_undo(&mut self) -> Option<(Change, String)> {
        let step = self.undo.pop()?;
        let out = (step.change.inverse(), step.label.clone());
        self.redo.push(step);
        Some(out)
    }

    /// Takes the last undone change off the redo list (back onto undo) and returns
    /// it, with its label, for the caller to apply.
    pub fn take_redo(&mut self) -> Option<(Change, String)> {
        let step = self.redo.pop()?;
        let out = (step.change.clone(), step.label.clone());
        self.push_undo(step);
        Some(out)
    }

    fn push_undo(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > Self::LIMIT {
            let extra = self.undo.len() - Self::LIMIT;
            self.undo.drain(..extra);
        }
    }

    /// Undoes the last change; returns its label.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<String> {
        let (change, label) = self.take_undo()?;
        change.apply(plan);
        Some(label)
    }

    /// Redoes the last undone change; returns its label.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<String> {
        let (change, label) = self.take_redo()?;
        change.apply(plan);
        Some(label)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the change [`History::undo`] would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the change [`History::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Forgets every step (a new plan was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

// ---------------------------------------------------------------------------
// Ids

/// Every id used anywhere in the plan.
fn ids_of(plan: &Plan) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut add = |id: &Id| {
        ids.insert(id.0.clone());
    };
    add(&plan.id);
    let action_ids = |a: &Action, add: &mut dyn FnMut(&Id)| {
        add(&a.id);
        a.milestones.iter().for_each(|m| add(&m.id));
        a.risks.iter().for_each(|r| add(&r.id));
        a.updates.iter().for_each(|u| add(&u.id));
    };
    for p in &plan.priorities {
        add(&p.id);
        for a in &p.actions {
            action_ids(a, &mut add);
        }
        for o in &p.outcomes {
            add(&o.id);
            for a in &o.actions {
                action_ids(a, &mut add);
            }
        }
    }
    plan.kpis.iter().for_each(|k| add(&k.id));
    plan.risks.iter().for_each(|r| add(&r.id));
    ids
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Makes several new ids for one plan, each unused by the plan and by the ids this
/// generator already gave (for an action and its milestones created together).
#[derive(Debug, Clone)]
pub struct IdGen {
    used: HashSet<String>,
    next: u64,
}

impl IdGen {
    /// A generator for ids new to this plan.
    pub fn new(plan: &Plan) -> IdGen {
        let used = ids_of(plan);
        let next = used.len() as u64 + 1;
        IdGen { used, next }
    }

    /// The next new id: `prefix-` and a short base-36 number ("a-2s").
    pub fn next_id(&mut self, prefix: &str) -> Id {
        loop {
            let candidate = format!("{prefix}-{}", base36(self.next));
            self.next += 1;
            if !self.used.contains(&candidate) {
                self.used.insert(candidate.clone());
                return Id(candidate);
            }
        }
    }
}

/// A new id with this prefix ("a", "k", "p", …) not used anywhere in the plan.
///
/// The id is `prefix-` and a base-36 number counted from the number of ids in the
/// plan, skipping any already taken. Two calls on the same plan give the same id:
/// use [`IdGen`] to make several ids before applying them.
pub fn new_id(plan: &Plan, prefix: &str) -> Id {
    IdGen::new(plan).next_id(prefix)
}

// ---------------------------------------------------------------------------
// Finding things

/// Where an action sits: its priority, its outcome (if any) and its index there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPlace {
    pub priority: usize,
    pub outcome: Option<usize>,
    pub index: usize,
}

/// Finds an action by id.
pub fn find_action(plan: &Plan, id: &Id) -> Option<ActionPlace> {
    for (pi, p) in plan.priorities.iter().enumerate() {
        if let Some(index) = p.actions.iter().position(|a| &a.id == id) {
            return Some(ActionPlace {
                priority: pi,
                outcome: None,
                index,
            });
        }
        for (oi, o) in p.outcomes.iter().enumerate() {
            if let Some(index) = o.actions.iter().position(|a| &a.id == id) {
                return Some(ActionPlace {
                    priority: pi,
                    outcome: Some(oi),
                    index,
                });
            }
        }
    }
    None
}

/// Finds an outcome by id: (priority index, outcome index).
pub fn find_outcome(plan: &Plan, id: &Id) -> Option<(usize, usize)> {
    plan.priorities.iter().enumerate().find_map(|(pi, p)| {
        p.outcomes
            .iter()
            .position(|o| &o.id == id)
            .map(|oi| (pi, oi))
    })
}

/// The action at a place, if the place is in the plan.
pub fn action_at<'a>(plan: &'a Plan, place: &ActionPlace) -> Option<&'a Action> {
    let p = plan.priorities.get(place.priority)?;
    match place.outcome {
        None => p.actions.get(place.index),
        Some(oi) => p.outcomes.get(oi)?.actions.get(place.index),
    }
}

fn priority_index(plan: &Plan, id: &Id) -> Option<usize> {
    plan.priorities.iter().position(|p| &p.id == id)
}

fn action_list_mut(p: &mut Priority, outcome: Option<usize>) -> Option<&mut Vec<Action>> {
    match outcome {
        None => Some(&mut p.actions),
        Some(oi) => p.outcomes.get_mut(oi).map(|o| &mut o.actions),
    }
}

// ---------------------------------------------------------------------------
// Change builders

/// Replace the priority at `index` with `after`, or None if it would not change.
fn replace_priority(plan: &Plan, index: usize, after: Priority) -> Option<Change> {
    let before = plan.priorities.get(index)?;
    if *before == after {
        return None;
    }
    Some(Change::Priority {
        index,
        before: Some(Box::new(before.clone())),
        after: Some(Box::new(after)),
    })
}

fn replace_kpi(plan: &Plan, index: usize, after: Kpi) -> Option<Change> {
    let before = plan.kpis.get(index)?;
    if *before == after {
        return None;
    }
    Some(Change::Kpi {
        index,
        before: Some(Box::new(before.clone())),
        after: Some(Box::new(after)),
    })
}

/// One change from a list: None when empty, the change itself when alone.
fn batch(mut changes: Vec<Change>) -> Option<Change> {
    match changes.len() {
        0 => None,
        1 => changes.pop(),
        _ => Some(Change::Batch(changes)),
    }
}

// ---------------------------------------------------------------------------
// Operations: each builds the Change for an edit without applying it. `None` when
// the edit does not apply (unknown id, nothing to change).

/// Sets the plan's details; None if they are the same.
pub fn set_details(plan: &Plan, details: PlanDetails) -> Option<Change> {
    let before = PlanDetails::of(plan);
    if before == details {
        return None;
    }
    Some(Change::Details {
        before: Box::new(before),
        after: Box::new(details),
    })
}

/// Adds the priority at the end, or replaces the one with the same id (keeping the
/// given outcomes and actions as they are).
pub fn upsert_priority(plan: &Plan, priority: Priority) -> Option<Change> {
    match priority_index(plan, &priority.id) {
        Some(i) => replace_priority(plan, i, priority),
        None => Some(Change::Priority {
            index: plan.priorities.len(),
            before: None,
            after: Some(Box::new(priority)),
        }),
    }
}

/// Deletes a priority with its outcomes and actions; KPIs linked to it are unlinked
/// (in the same change).
pub fn delete_priority(plan: &Plan, id: &Id) -> Option<Change> {
    let index = priority_index(plan, id)?;
    let p = &plan.priorities[index];
    let outcome_ids: HashSet<&Id> = p.outcomes.iter().map(|o| &o.id).collect();
    let mut changes = Vec::new();
    for (ki, k) in plan.kpis.iter().enumerate() {
        let linked = k.priority_id.as_ref() == Some(id)
            || k.outcome_id
                .as_ref()
                .is_some_and(|o| outcome_ids.contains(o));
        if linked {
            let mut after = k.clone();
            after.priority_id = None;
            after.outcome_id = None;
            changes.extend(replace_kpi(plan, ki, after));
        }
    }
    changes.push(Change::Priority {
        index,
        before: Some(Box::new(p.clone())),
        after: None,
    });
    batch(changes)
}

/// Moves a priority to a new position (0-based, clamped).
pub fn move_priority(plan: &Plan, id: &Id, to: usize) -> Option<Change> {
    let from = priority_index(plan, id)?;
    let to = to.min(plan.priorities.len() - 1);
    if from == to {
        return None;
    }
    let p = Box::new(plan.priorities[from].clone());
    Some(Change::Batch(vec![
        Change::Priority {
            index: from,
            before: Some(p.clone()),
            after: None,
        },
        Change::Priority {
            index: to,
            before: None,
            after: Some(p),
        },
    ]))
}

/// Adds the outcome at the end of the priority, or replaces the one with its id.
///
/// An outcome that exists already is replaced where it is, whichever priority is
/// given.
pub fn upsert_outcome(plan: &Plan, priority: &Id, outcome: Outcome) -> Option<Change> {
    let (pi, oi) = match find_outcome(plan, &outcome.id) {
        Some((pi, oi)) => (pi, Some(oi)),
        None => (priority_index(plan, priority)?, None),
    };
    let mut after = plan.priorities[pi].clone();
    match oi {
        Some(oi) => after.outcomes[oi] = outcome,
        None => after.outcomes.push(outcome),
    }
    replace_priority(plan, pi, after)
}

/// Deletes an outcome with its actions; KPIs linked to it stay linked to its priority.
pub fn delete_outcome(plan: &Plan, id: &Id) -> Option<Change> {
    let (pi, oi) = find_outcome(plan, id)?;
    let priority_id = plan.priorities[pi].id.clone();
    let mut changes = Vec::new();
    for (ki, k) in plan.kpis.iter().enumerate() {
        if k.outcome_id.as_ref() == Some(id) {
            let mut after = k.clone();
            after.outcome_id = None;
            after.priority_id = Some(priority_id.clone());
            changes.extend(replace_kpi(plan, ki, after));
        }
    }
    let mut after = plan.priorities[pi].clone();
    after.outcomes.remove(oi);
    changes.extend(replace_priority(plan, pi, after));
    batch(changes)
}

/// Adds an action at the end of the priority (or of its outcome), or replaces the
/// action with the same id where it is.
///
/// None when the action is unchanged, or when it is new and the priority (or the
/// outcome within that priority) is not found.
pub fn upsert_action(
    plan: &Plan,
    priority: &Id,
    outcome: Option<&Id>,
    action: Action,
) -> Option<Change> {
    if let Some(place) = find_action(plan, &action.id) {
        let mut after = plan.priorities[place.priority].clone();
        let list = action_list_mut(&mut after, place.outcome)?;
        *list.get_mut(place.index)? = action;
        return replace_priority(plan, place.priority, after);
    }
    let pi = priority_index(plan, priority)?;
    let mut after = plan.priorities[pi].clone();
    let oi = match outcome {
        None => None,
        Some(oid) => Some(after.outcomes.iter().position(|o| &o.id == oid)?),
    };
    action_list_mut(&mut after, oi)?.push(action);
    replace_priority(plan, pi, after)
}

/// Deletes an action wherever it is.
pub fn delete_action(plan: &Plan, id: &Id) -> Option<Change> {
    let place = find_action(plan, id)?;
    let mut after = plan.priorities[place.priority].clone();
    let list = action_list_mut(&mut after, place.outcome)?;
    list.remove(place.index);
    replace_priority(plan, place.priority, after)
}

/// Moves an action to a position in a priority (or one of its outcomes), within the
/// same list or to another one.
///
/// `to_index` is the action's index in the target list once moved (clamped to the
/// end). The change is one [`Change::Batch`] of priority replacements (one when the
/// move stays within a priority, two across priorities). None when the action, the
/// priority or the outcome is unknown, or when the action is already there.
pub fn move_action(
    plan: &Plan,
    id: &Id,
    to_priority: &Id,
    to_outcome: Option<&Id>,
    to_index: usize,
) -> Option<Change> {
    let from = find_action(plan, id)?;
    let tp = priority_index(plan, to_priority)?;
    let to_oi = match to_outcome {
        None => None,
        Some(oid) => Some(
            plan.priorities[tp]
                .outcomes
                .iter()
                .position(|o| &o.id == oid)?,
        ),
    };
    let mut source = plan.priorities[from.priority].clone();
    let action = action_list_mut(&mut source, from.outcome)?.remove(from.index);
    if tp == from.priority {
        let list = action_list_mut(&mut source, to_oi)?;
        let at = to_index.min(list.len());
        if to_oi == from.outcome && at == from.index {
            return None;
        }
        list.insert(at, action);
        return replace_priority(plan, tp, source).map(|c| Change::Batch(vec![c]));
    }
    let mut target = plan.priorities[tp].clone();
    let list = action_list_mut(&mut target, to_oi)?;
    let at = to_index.min(list.len());
    list.insert(at, action);
    let changes: Vec<Change> = replace_priority(plan, from.priority, source)
        .into_iter()
        .chain(replace_priority(plan, tp, target))
        .collect();
    if changes.is_empty() {
        None
    } else {
        Some(Change::Batch(changes))
    }
}

/// Splits a reference into its number and the rest: "2.2 ii)" → ("2.2", " ii)"),
/// "4.4.1" → ("4.4.1", ""), "ii)" → ("", "ii)").
fn split_reference(reference: &str) -> (&str, &str) {
    let t = reference.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let mut base = &t[..end];
    if !base.starts_with(|c: char| c.is_ascii_digit()) {
        return ("", t);
    }
    let rest = &t[end..];
    // "1.2." → base "1.2", the trailing dot dropped.
    base = base.trim_end_matches('.');
    (base, rest)
}

/// A bare sub-item such as "ii)", "(iv)", "b)".
fn is_sub_item(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix('(').unwrap_or(t);
    let letters = t.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    letters > 0 && t[letters..].starts_with(')')
}

/// Renumbers one list of actions under `prefix`, counting from `counter`.
fn renumber_list(actions: &mut [Action], prefix: &str, counter: &mut u32) {
    // The previous action's old number and its new one.
    let mut prev: Option<(String, String)> = None;
    for a in actions.iter_mut() {
        let (base, rest) = split_reference(&a.reference);
        let (base, rest) = (base.to_string(), rest.trim().to_string());
        let joins_group = match &prev {
            Some((old, _)) if !base.is_empty() => !rest.is_empty() && *old == base,
            Some(_) => is_sub_item(&rest),
            None => false,
        };
        let new_base = match (&prev, joins_group) {
            (Some((_, new)), true) => new.clone(),
            _ => {
                *counter += 1;
                format!("{prefix}.{counter}")
            }
        };
        let keeps = if base.is_empty() && !is_sub_item(&rest) {
            // A reference with no number and no sub-item ("", "New") is replaced.
            String::new()
        } else {
            rest
        };
        a.reference = if keeps.is_empty() {
            new_base.clone()
        } else {
            format!("{new_base} {keeps}")
        };
        let old = if base.is_empty() {
            prev.as_ref().map(|(o, _)| o.clone()).unwrap_or_default()
        } else {
            base
        };
        prev = Some((old, new_base));
    }
}

/// The leading whole number of an outcome's number: "4" → "4", "9 & 10" → "9".
fn leading_number(s: &str) -> Option<&str> {
    let t = s.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(t.len(), |(i, _)| i);
    (end > 0).then(|| &t[..end])
}

/// The priority as renumbered to be the `n`th (1-based).
fn renumbered(p: &Priority, n: usize) -> Priority {
    let mut p = p.clone();
    p.number = n.to_string();
    let mut counter = 0;
    renumber_list(&mut p.actions, &p.number, &mut counter);
    let number = p.number.clone();
    for o in &mut p.outcomes {
        match leading_number(&o.number) {
            Some(on) => {
                let prefix = format!("{number}.{on}");
                let mut oc = 0;
                renumber_list(&mut o.actions, &prefix, &mut oc);
            }
            None => renumber_list(&mut o.actions, &number, &mut counter),
        }
    }
    p
}

/// Renumbers everything in document order: priorities "1", "2", …; outcomes keep
/// their numbers; actions "<priority>.<n>" (or "<priority>.<outcome>.<n>" inside an
/// outcome whose number is a single number). Sub-item suffixes like " ii)" are kept.
///
/// In detail:
/// - an outcome numbered "9 & 10" numbers its actions from its first number
///   ("4.9.1", …); an outcome with no number continues the priority's own count;
/// - an action with a sub-item suffix ("2.2 ii)") whose number was the same as the
///   previous action's shares that action's new number, so "2.2 i)", "2.2 ii)" stay
///   one group ("3.2 i)", "3.2 ii)"); "4.4.2" followed by "4.4.2 iv)" stays a group
///   too. Two actions with the same number and no suffix are told apart;
/// - a reference with no number and no sub-item ("", "New") becomes the number.
///
/// The change is a [`Change::Batch`] replacing the priorities that change; None when
/// everything is numbered already.
pub fn renumber(plan: &Plan) -> Option<Change> {
    let changes: Vec<Change> = plan
        .priorities
        .iter()
        .enumerate()
        .filter_map(|(i, p)| replace_priority(plan, i, renumbered(p, i + 1)))
        .collect();
    if changes.is_empty() {
        None
    } else {
        Some(Change::Batch(changes))
    }
}

/// Adds the KPI at the end, or replaces the one with its id.
pub fn upsert_kpi(plan: &Plan, kpi: Kpi) -> Option<Change> {
    match plan.kpis.iter().position(|k| k.id == kpi.id) {
        Some(i) => replace_kpi(plan, i, kpi),
        None => Some(Change::Kpi {
            index: plan.kpis.len(),
            before: None,
            after: Some(Box::new(kpi)),
        }),
    }
}

/// Deletes a KPI and removes it from every action's `kpi_ids` (same change).
pub fn delete_kpi(plan: &Plan, id: &Id) -> Option<Change> {
    let index = plan.kpis.iter().position(|k| &k.id == id)?;
    let mut changes = Vec::new();
    for (pi, p) in plan.priorities.iter().enumerate() {
        let uses = |a: &Action| a.kpi_ids.contains(id);
        if p.actions.iter().any(uses) || p.outcomes.iter().any(|o| o.actions.iter().any(uses)) {
            let mut after = p.clone();
            let strip = |a: &mut Action| a.kpi_ids.retain(|k| k != id);
            after.actions.iter_mut().for_each(strip);
            after
                .outcomes
                .iter_mut()
                .for_each(|o| o.actions.iter_mut().for_each(strip));
            changes.extend(replace_priority(plan, pi, after));
        }
    }
    changes.push(Change::Kpi {
        index,
        before: Some(Box::new(plan.kpis[index].clone())),
        after: None,
    });
    batch(changes)
}

/// Adds the register risk at the end, or replaces the one with its id.
pub fn upsert_risk(plan: &Plan, risk: Risk) -> Option<Change> {
    match plan.risks.iter().position(|r| r.id == risk.id) {
        Some(i) => {
            let before = &plan.risks[i];
            if *before == risk {
                return None;
            }
            Some(Change::Risk {
                index: i,
                before: Some(Box::new(before.clone())),
                after: Some(Box::new(risk)),
            })
        }
        None => Some(Change::Risk {
            index: plan.risks.len(),
            before: None,
            after: Some(Box::new(risk)),
        }),
    }
}

/// Deletes a register risk.
pub fn delete_risk(plan: &Plan, id: &Id) -> Option<Change> {
    let index = plan.risks.iter().position(|r| &r.id == id)?;
    Some(Change::Risk {
        index,
        before: Some(Box::new(plan.risks[index].clone())),
        after: None,
    })
}

/// Moves an action `by` places within its own list (-1 up, 1 down): the ↑ / ↓
/// buttons. None when the action is unknown or the move would take it past the
/// start or the end of its list (it is already first or last).
pub fn move_action_by(plan: &Plan, id: &Id, by: isize) -> Option<Change> {
    let place = find_action(plan, id)?;
    let p = &plan.priorities[place.priority];
    let (outcome, len) = match place.outcome {
        Some(oi) => (Some(&p.outcomes[oi].id), p.outcomes[oi].actions.len()),
        None => (None, p.actions.len()),
    };
    let to = place.index.checked_add_signed(by).filter(|to| *to < len)?;
    move_action(plan, id, &p.id, outcome, to)
}

/// Moves a priority `by` places (-1 up, 1 down). None when the priority is unknown
/// or the move would take it past the first or the last place.
pub fn move_priority_by(plan: &Plan, id: &Id, by: isize) -> Option<Change> {
    let from = priority_index(plan, id)?;
    let to = from
        .checked_add_signed(by)
        .filter(|to| *to < plan.priorities.len())?;
    move_priority(plan, id, to)
}
