//! The open plan as fine-grained reactive state.
//!
//! One [`Plan`] value is the truth; beside it sit change triggers, one per object a
//! view has read (a priority's or an outcome's own fields, an action, a KPI, a
//! register risk), one per list (the priorities, a priority's outcomes and actions,
//! an outcome's actions, the KPIs, the risks), one for the plan's details, and one
//! for "anything" (views of the whole plan: the dashboard's roll-ups). A view reads
//! through the accessor for what it shows ([`PlanStore::action`],
//! [`PlanStore::priority_ids`], …) and is told only when that changes.
//!
//! Every change is a [`Change`]; [`PlanStore::apply`] applies it with
//! [`Change::apply`] (the one way a plan changes) and then compares, object by
//! object, only the slot the change names — one priority, KPI or risk — so an edit of
//! one action's title re-renders that action alone. A whole plan (an import, an undo
//! across many objects, another tab's save) is applied with [`PlanStore::patch`],
//! which compares every object by id and tells only the views of what differs.
//!
//! Why not Leptos' `reactive_stores`: in version 0.4.4 its `Patch` derive registers
//! the keys of a keyed list under the parent's path, and a key map made lazily has no
//! index entries, so the first keyed patch of a nested list panics ("could not find
//! key for index"). This module gives the same notifications with plain triggers and
//! is tested on the host (`tests/plan_store.rs`).

use crate::core::edit::{self, ActionPlace, Change};
use crate::core::model::{Action, Id, Kpi, Outcome, Plan, Priority, Risk};
use reactive_graph::owner::StoredValue;
use reactive_graph::signal::ArcTrigger;
use reactive_graph::traits::{Notify, Track, UpdateValue, WithValue};
use std::collections::HashMap;

/// Where an object is in the plan, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Priority(usize),
    Outcome(usize, usize),
    Action(usize, Option<usize>, usize),
    Kpi(usize),
    Risk(usize),
}

/// What a view can be told about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Topic {
    /// Anything in the plan.
    Any,
    /// The plan's details (everything but its priorities, KPIs and risks).
    Details,
    /// The list of priorities (order and membership).
    Priorities,
    /// The list of KPIs.
    KpiList,
    /// Any KPI, or the list of KPIs.
    AnyKpi,
    /// The register's list of risks.
    RiskList,
    /// Any register risk, or the list.
    AnyRisk,
    /// An object's own fields (for a priority or an outcome: not its children).
    Object(Id),
    /// The children of a priority (its outcomes and actions) or of an outcome.
    Children(Id),
}

struct Inner {
    plan: Plan,
    index: HashMap<Id, Place>,
    triggers: HashMap<Topic, ArcTrigger>,
}

impl Inner {
    fn new(plan: Plan) -> Inner {
        let index = index_of(&plan);
        Inner {
            plan,
            index,
            triggers: HashMap::new(),
        }
    }

    fn trigger(&mut self, topic: Topic) -> ArcTrigger {
        self.triggers.entry(topic).or_default().clone()
    }

    /// The triggers for these topics that some view has read.
    fn triggers_for(&self, topics: &[Topic]) -> Vec<ArcTrigger> {
        topics
            .iter()
            .filter_map(|t| self.triggers.get(t).cloned())
            .collect()
    }

    /// After a list changed: the index again, and no triggers for objects now gone.
    fn reindex(&mut self) {
        self.index = index_of(&self.plan);
        let index = &self.index;
        self.triggers.retain(|t, _| match t {
            Topic::Object(id) | Topic::Children(id) => index.contains_key(id),
            _ => true,
        });
    }
}

/// Every object's place, by id.
fn index_of(plan: &Plan) -> HashMap<Id, Place> {
    let mut index = HashMap::new();
    for (pi, p) in plan.priorities.iter().enumerate() {
        index.insert(p.id.clone(), Place::Priority(pi));
        for (ai, a) in p.actions.iter().enumerate() {
            index.insert(a.id.clone(), Place::Action(pi, None, ai));
        }
        for (oi, o) in p.outcomes.iter().enumerate() {
            index.insert(o.id.clone(), Place::Outcome(pi, oi));
            for (ai, a) in o.actions.iter().enumerate() {
                index.insert(a.id.clone(), Place::Action(pi, Some(oi), ai));
            }
        }
    }
    for (i, k) in plan.kpis.iter().enumerate() {
        index.insert(k.id.clone(), Place::Kpi(i));
    }
    for (i, r) in plan.risks.iter().enumerate() {
        index.insert(r.id.clone(), Place::Risk(i));
    }
    index
}

fn ids<T>(list: &[T], id: impl Fn(&T) -> &Id) -> Vec<&Id> {
    list.iter().map(id).collect()
}

/// A priority's own fields, without its outcomes and actions, are the same.
fn same_priority_head(a: &Priority, b: &Priority) -> bool {
    a.id == b.id
        && a.number == b.number
        && a.title == b.title
        && a.group == b.group
        && a.council_priority == b.council_priority
        && a.outcome_area == b.outcome_area
        && a.objectives == b.objectives
        && a.success_criteria == b.success_criteria
}

/// An outcome's own fields, without its actions, are the same.
fn same_outcome_head(a: &Outcome, b: &Outcome) -> bool {
    a.id == b.id
        && a.number == b.number
        && a.title == b.title
        && a.council_priority == b.council_priority
        && a.outcome_area == b.outcome_area
        && a.success_criteria == b.success_criteria
}

/// The actions of one list that differ between two versions, by id; and whether the
/// list itself (order, membership) changed.
fn diff_actions(old: &[Action], new: &[Action], out: &mut Vec<Topic>) -> bool {
    let by_id: HashMap<&Id, &Action> = old.iter().map(|a| (&a.id, a)).collect();
    for a in new {
        if let Some(o) = by_id.get(&a.id) {
            if *o != a {
                out.push(Topic::Object(a.id.clone()));
            }
        }
    }
    ids(old, |a| &a.id) != ids(new, |a| &a.id)
}

/// The topics that differ between two versions of one priority.
fn diff_priority(old: &Priority, new: &Priority, out: &mut Vec<Topic>) {
    if old == new {
        return;
    }
    if !same_priority_head(old, new) {
        out.push(Topic::Object(new.id.clone()));
    }
    let mut children = diff_actions(&old.actions, &new.actions, out);
    children |= ids(&old.outcomes, |o| &o.id) != ids(&new.outcomes, |o| &o.id);
    let by_id: HashMap<&Id, &Outcome> = old.outcomes.iter().map(|o| (&o.id, o)).collect();
    for o in &new.outcomes {
        let Some(before) = by_id.get(&o.id) else {
            continue;
        };
        if !same_outcome_head(before, o) {
            out.push(Topic::Object(o.id.clone()));
        }
        if diff_actions(&before.actions, &o.actions, out) {
            out.push(Topic::Children(o.id.clone()));
        }
    }
    // An action moved between this priority's lists is the same object: its view is
    // made again under its new parent, which is told of its children.
    if children {
        out.push(Topic::Children(new.id.clone()));
    }
}

/// The topics that differ between two lists of objects with ids (KPIs, risks); and
/// whether the list itself changed.
fn diff_list<T: PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &Id,
    out: &mut Vec<Topic>,
) -> bool {
    let by_id: HashMap<&Id, &T> = old.iter().map(|x| (id(x), x)).collect();
    let mut any = false;
    for x in new {
        if let Some(o) = by_id.get(id(x)) {
            if *o != x {
                out.push(Topic::Object(id(x).clone()));
                any = true;
            }
        }
    }
    let list = ids(old, &id) != ids(new, &id);
    any || list
}

/// The topics that differ between two versions of the whole plan, and whether any
/// list changed (so the index must be made again).
fn diff_plan(old: &Plan, new: &Plan, out: &mut Vec<Topic>) -> bool {
    if edit::PlanDetails::of(old) != edit::PlanDetails::of(new)
        || old.id != new.id
        || old.exchange != new.exchange
    {
        out.push(Topic::Details);
    }
    let mut lists = false;
    let by_id: HashMap<&Id, &Priority> = old.priorities.iter().map(|p| (&p.id, p)).collect();
    for p in &new.priorities {
        if let Some(o) = by_id.get(&p.id) {
            let before = out.len();
            diff_priority(o, p, out);
            lists |= out[before..]
                .iter()
                .any(|t| matches!(t, Topic::Children(_)));
        }
    }
    if ids(&old.priorities, |p| &p.id) != ids(&new.priorities, |p| &p.id) {
        out.push(Topic::Priorities);
        lists = true;
    }
    let kpi_list = ids(&old.kpis, |k| &k.id) != ids(&new.kpis, |k| &k.id);
    if diff_list(&old.kpis, &new.kpis, |k| &k.id, out) {
        out.push(Topic::AnyKpi);
    }
    if kpi_list {
        out.push(Topic::KpiList);
        lists = true;
    }
    let risk_list = ids(&old.risks, |r| &r.id) != ids(&new.risks, |r| &r.id);
    if diff_list(&old.risks, &new.risks, |r| &r.id, out) {
        out.push(Topic::AnyRisk);
    }
    if risk_list {
        out.push(Topic::RiskList);
        lists = true;
    }
    lists
}

/// The open plan, with fine-grained change tracking. Cheap to copy.
#[derive(Clone, Copy)]
pub struct PlanStore {
    inner: StoredValue<Inner>,
}

impl PlanStore {
    pub fn new(plan: Plan) -> PlanStore {
        PlanStore {
            inner: StoredValue::new(Inner::new(plan)),
        }
    }

    /// Tracks a topic and reads the plan.
    fn read<R>(&self, topic: Topic, f: impl FnOnce(&Inner) -> R) -> R {
        let trigger = self
            .inner
            .try_update_value(|i| i.trigger(topic))
            .unwrap_or_default();
        trigger.track();
        self.inner.with_value(f)
    }

    /// Reads the whole plan, told of every change (for views of the whole plan).
    pub fn with<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.read(Topic::Any, |i| f(&i.plan))
    }

    /// Reads the whole plan without being told of changes.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.inner.with_value(|i| f(&i.plan))
    }

    /// Like [`PlanStore::with_untracked`], but `None` once the store is gone (a
    /// timer that outlives the app).
    pub fn try_with_untracked<R>(&self, f: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.inner.try_with_value(|i| f(&i.plan))
    }

    /// A copy of the whole plan, untracked.
    pub fn get_untracked(&self) -> Plan {
        self.with_untracked(Plan::clone)
    }

    /// Reads the plan, told only when its details change (title, organisation,
    /// period, status, approval, glossary, RAG definitions, settings, cover sheet).
    pub fn details<R>(&self, f: impl FnOnce(&Plan) -> R) -> R {
        self.read(Topic::Details, |i| f(&i.plan))
    }

    /// The priorities' ids, in order; told when priorities are added, removed or moved.
    pub fn priority_ids(&self) -> Vec<Id> {
        self.read(Topic::Priorities, |i| {
            i.plan.priorities.iter().map(|p| p.id.clone()).collect()
        })
    }

    /// Reads one priority, told when its own fields change (not its outcomes'
    /// or actions' contents: see [`PlanStore::children`]). Also gives its position.
    pub fn priority<R>(&self, id: &Id, f: impl FnOnce(usize, &Priority) -> R) -> Option<R> {
        self.read(Topic::Object(id.clone()), |i| match i.index.get(id) {
            Some(Place::Priority(pi)) => i.plan.priorities.get(*pi).map(|p| f(*pi, p)),
            _ => None,
        })
    }

    /// The ids of a priority's outcomes and of its own actions, or of an outcome's
    /// actions (no outcomes); told when they are added, removed or moved.
    pub fn children(&self, id: &Id) -> (Vec<Id>, Vec<Id>) {
        let list = |a: &[Action]| a.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        self.read(Topic::Children(id.clone()), |i| match i.index.get(id) {
            Some(Place::Priority(pi)) => i
                .plan
                .priorities
                .get(*pi)
                .map(|p| {
                    (
                        p.outcomes.iter().map(|o| o.id.clone()).collect(),
                        list(&p.actions),
                    )
                })
                .unwrap_or_default(),
            Some(Place::Outcome(pi, oi)) => i
                .plan
                .priorities
                .get(*pi)
                .and_then(|p| p.outcomes.get(*oi))
                .map(|o| (Vec::new(), list(&o.actions)))
                .unwrap_or_default(),
            _ => Default::default(),
        })
    }

    /// Reads one outcome (and its priority), told when the outcome's own fields change.
    pub fn outcome<R>(&self, id: &Id, f: impl FnOnce(&Priority, &Outcome) -> R) -> Option<R> {
        self.read(Topic::Object(id.clone()), |i| match i.index.get(id) {
            Some(Place::Outcome(pi, oi)) => {
                let p = i.plan.priorities.get(*pi)?;
                p.outcomes.get(*oi).map(|o| f(p, o))
            }
            _ => None,
        })
    }

    /// Reads one action, told when it changes.
    pub fn action<R>(&self, id: &Id, f: impl FnOnce(&Action) -> R) -> Option<R> {
        self.read(Topic::Object(id.clone()), |i| match i.index.get(id) {
            Some(Place::Action(p, o, a)) => edit::action_at(
                &i.plan,
                &ActionPlace {
                    priority: *p,
                    outcome: *o,
                    index: *a,
                },
            )
            .map(f),
            _ => None,
        })
    }

    /// The KPIs' ids, in order; told when KPIs are added, removed or moved.
    pub fn kpi_ids(&self) -> Vec<Id> {
        self.read(Topic::KpiList, |i| {
            i.plan.kpis.iter().map(|k| k.id.clone()).collect()
        })
    }

    /// Reads one KPI, told when it changes.
    pub fn kpi<R>(&self, id: &Id, f: impl FnOnce(&Kpi) -> R) -> Option<R> {
        self.read(Topic::Object(id.clone()), |i| match i.index.get(id) {
            Some(Place::Kpi(k)) => i.plan.kpis.get(*k).map(f),
            _ => None,
        })
    }

    /// Reads every KPI, told when any KPI or the list changes (not when an action does).
    pub fn kpis<R>(&self, f: impl FnOnce(&[Kpi]) -> R) -> R {
        self.read(Topic::AnyKpi, |i| f(&i.plan.kpis))
    }

    /// Reads one register risk, told when it changes.
    pub fn risk<R>(&self, id: &Id, f: impl FnOnce(&Risk) -> R) -> Option<R> {
        self.read(Topic::Object(id.clone()), |i| match i.index.get(id) {
            Some(Place::Risk(r)) => i.plan.risks.get(*r).map(f),
            _ => None,
        })
    }

    /// Reads the risk register, told when any register risk or the list changes.
    pub fn risks<R>(&self, f: impl FnOnce(&[Risk]) -> R) -> R {
        self.read(Topic::AnyRisk, |i| f(&i.plan.risks))
    }

    /// Applies a change and tells the views of what it touched.
    pub fn apply(&self, change: &Change) {
        let triggers = self.inner.try_update_value(|i| {
            let mut topics = vec![Topic::Any];
            let mut lists = false;
            apply_one(i, change, &mut topics, &mut lists);
            if lists {
                i.reindex();
            }
            i.triggers_for(&topics)
        });
        triggers.iter().flatten().for_each(ArcTrigger::notify);
    }

    /// Replaces the whole plan, telling only the views of what differs.
    pub fn patch(&self, plan: Plan) {
        let triggers = self.inner.try_update_value(|i| {
            let mut topics = vec![Topic::Any];
            let lists = diff_plan(&i.plan, &plan, &mut topics);
            i.plan = plan;
            if lists {
                i.reindex();
            }
            i.triggers_for(&topics)
        });
        triggers.iter().flatten().for_each(ArcTrigger::notify);
    }
}

/// Applies one change to the plan, noting the topics it touched.
fn apply_one(i: &mut Inner, change: &Change, topics: &mut Vec<Topic>, lists: &mut bool) {
    match change {
        Change::Details { .. } => {
            change.apply(&mut i.plan);
            topics.push(Topic::Details);
        }
        Change::Priority { index, .. } => {
            let (before_ids, old) = (
                ids(&i.plan.priorities, |p| &p.id)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>(),
                i.plan.priorities.get(*index).cloned(),
            );
            change.apply(&mut i.plan);
            if before_ids
                != ids(&i.plan.priorities, |p| &p.id)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            {
                topics.push(Topic::Priorities);
                *lists = true;
            } else if let (Some(old), Some(new)) = (old, i.plan.priorities.get(*index)) {
                let from = topics.len();
                diff_priority(&old, new, topics);
                *lists |= topics[from..]
                    .iter()
                    .any(|t| matches!(t, Topic::Children(_)));
            }
        }
        Change::Kpi { index, .. } => {
            let t = apply_in_list(i, change, *index, |p| &p.kpis, |k| &k.id);
            push_list_topics(t, Topic::AnyKpi, Topic::KpiList, topics, lists);
        }
        Change::Risk { index, .. } => {
            let t = apply_in_list(i, change, *index, |p| &p.risks, |r| &r.id);
            push_list_topics(t, Topic::AnyRisk, Topic::RiskList, topics, lists);
        }
        Change::Batch(changes) => {
            for c in changes {
                apply_one(i, c, topics, lists);
            }
        }
        Change::Whole { after, .. } => {
            *lists |= diff_plan(&i.plan, after, topics);
            i.plan = (**after).clone();
        }
    }
}

/// What a change to one slot of a flat list (KPIs, risks) did: the object it
/// replaced, if its contents changed; whether the list's ids changed.
struct ListChange {
    object: Option<Id>,
    list: bool,
}

/// Applies a KPI or risk change, comparing only the slot it names.
fn apply_in_list<T: Clone + PartialEq>(
    i: &mut Inner,
    change: &Change,
    index: usize,
    list: impl Fn(&Plan) -> &Vec<T>,
    id: impl Fn(&T) -> &Id,
) -> ListChange {
    let before: Vec<Id> = list(&i.plan).iter().map(|x| id(x).clone()).collect();
    let old = list(&i.plan).get(index).cloned();
    change.apply(&mut i.plan);
    let now = list(&i.plan);
    if now.len() != before.len() || now.iter().zip(&before).any(|(x, b)| id(x) != b) {
        return ListChange {
            object: None,
            list: true,
        };
    }
    let object = match (old, now.get(index)) {
        (Some(o), Some(n)) if o != *n => Some(id(n).clone()),
        _ => None,
    };
    ListChange {
        object,
        list: false,
    }
}

fn push_list_topics(
    t: ListChange,
    any: Topic,
    list: Topic,
    topics: &mut Vec<Topic>,
    lists: &mut bool,
) {
    if let Some(id) = t.object {
        topics.push(Topic::Object(id));
        topics.push(any);
    } else if t.list {
        topics.push(any);
        topics.push(list);
        *lists = true;
    }
}
