//! The open plan as a reactive store: a change writes only the slot it names, and
//! notifies only the views that read what changed. Run on the host with an `Owner`;
//! each "view" is a memo that counts how often it ran.

use reactive_graph::computed::Memo;
use reactive_graph::owner::Owner;
use reactive_graph::traits::{Get, GetUntracked};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use waymark::core::edit::{self, Change};
use waymark::core::model::{Id, Plan, Rag};
use waymark::core::stress::stress_plan;
use waymark::plan_store::PlanStore;

/// A memo that counts its runs.
struct Probe<T: Clone + PartialEq + Send + Sync + 'static> {
    memo: Memo<T>,
    runs: Arc<AtomicUsize>,
}

impl<T: Clone + PartialEq + Send + Sync + 'static> Probe<T> {
    fn new(f: impl Fn() -> T + Send + Sync + 'static) -> Probe<T> {
        let runs = Arc::new(AtomicUsize::new(0));
        let r = runs.clone();
        let memo = Memo::new(move |_| {
            r.fetch_add(1, Ordering::SeqCst);
            f()
        });
        memo.get();
        Probe { memo, runs }
    }
    /// Reads the memo again and says how many times it has run since it was made.
    fn reruns(&self) -> usize {
        self.memo.get();
        self.runs.load(Ordering::SeqCst) - 1
    }
}

fn plan() -> Plan {
    stress_plan(7)
}

/// The ids of the `n`th priority that has outcomes, its first outcome, and that
/// outcome's first two actions.
fn outcome_actions(plan: &Plan, n: usize) -> (Id, Id, Id, Id) {
    let pr = plan
        .priorities
        .iter()
        .filter(|p| p.outcomes.first().is_some_and(|o| o.actions.len() > 1))
        .nth(n)
        .expect("the stress plan has priorities with outcomes");
    let o = &pr.outcomes[0];
    (
        pr.id.clone(),
        o.id.clone(),
        o.actions[0].id.clone(),
        o.actions[1].id.clone(),
    )
}

fn action_of(plan: &Plan, id: &Id) -> waymark::core::model::Action {
    let place = edit::find_action(plan, id).expect("the action");
    edit::action_at(plan, &place).expect("the action").clone()
}

fn setup() -> (Owner, Plan, PlanStore) {
    let owner = Owner::new();
    owner.set();
    let plan = plan();
    let store = PlanStore::new(plan.clone());
    (owner, plan, store)
}

#[test]
fn editing_one_action_notifies_only_that_actions_views() {
    let (_owner, plan, store) = setup();
    let (pid, oid, aid, sibling) = outcome_actions(&plan, 1);
    let (a, s) = (aid.clone(), sibling.clone());
    let title = Probe::new(move || store.action(&a, |a| a.title.clone()));
    let sibling_title = Probe::new(move || store.action(&s, |a| a.title.clone()));
    let a = aid.clone();
    let same_action_leads = Probe::new(move || store.action(&a, |a| a.leads.clone()));
    let plan_title = Probe::new(move || store.details(|p| p.title.clone()));
    let priority_count = Probe::new(move || store.priority_ids().len());
    let other_priority = plan.priorities[2].id.clone();
    let other_title = Probe::new(move || store.priority(&other_priority, |_, p| p.title.clone()));
    let whole = Probe::new(move || store.with(|p| p.priorities.len()));

    let mut action = action_of(&plan, &aid);
    action.title = "A new title".into();
    let change = edit::upsert_action(&plan, &pid, Some(&oid), action).expect("a change");
    assert!(matches!(change, Change::Priority { .. }));
    store.apply(&change);

    assert_eq!(title.memo.get_untracked().as_deref(), Some("A new title"));
    assert_eq!(title.reruns(), 1);
    assert_eq!(sibling_title.reruns(), 0);
    // Views are told per object: every view of the edited action runs again.
    assert_eq!(same_action_leads.reruns(), 1);
    assert_eq!(plan_title.reruns(), 0);
    assert_eq!(priority_count.reruns(), 0);
    assert_eq!(other_title.reruns(), 0);
    // A view of the whole plan is told of every change.
    assert_eq!(whole.reruns(), 1);

    let mut expected = plan.clone();
    change.apply(&mut expected);
    assert!(store.get_untracked() == expected);
}

#[test]
fn inserting_and_removing_change_the_list_not_its_members() {
    let (_owner, plan, store) = setup();
    let first = plan.priorities[0].id.clone();
    let first_title = Probe::new(move || store.priority(&first, |_, p| p.title.clone()));
    let count = Probe::new(move || store.priority_ids().len());

    let mut extra = plan.priorities[0].clone();
    extra.id = Id::new("p-new");
    extra.title = "A new priority".into();
    let insert = edit::upsert_priority(&plan, extra).expect("a change");
    store.apply(&insert);
    assert_eq!(count.memo.get_untracked(), plan.priorities.len() + 1);
    assert_eq!(count.reruns(), 1);
    assert_eq!(first_title.reruns(), 0);

    let now = store.get_untracked();
    let delete = edit::delete_priority(&now, &Id::new("p-new")).expect("a change");
    store.apply(&delete);
    assert_eq!(count.reruns(), 2);
    assert_eq!(first_title.reruns(), 0);
    assert!(store.get_untracked() == plan);
}

#[test]
fn a_whole_plan_is_patched_so_only_what_differs_is_told() {
    let (_owner, plan, store) = setup();
    let k0 = plan.kpis[0].id.clone();
    let k1 = plan.kpis[1].id.clone();
    let kpi0 = Probe::new(move || store.kpi(&k0, |k| k.title.clone()));
    let kpi1 = Probe::new(move || store.kpi(&k1, |k| k.title.clone()));
    let (_, _, aid, _) = outcome_actions(&plan, 0);
    let action_rag = Probe::new(move || store.action(&aid, |a| a.stated_rag));

    let mut after = plan.clone();
    after.kpis[1].title = "Renamed KPI".into();
    let change = Change::Whole {
        before: Box::new(plan.clone()),
        after: Box::new(after.clone()),
    };
    store.apply(&change);
    assert_eq!(kpi0.reruns(), 0);
    assert_eq!(kpi1.reruns(), 1);
    assert_eq!(kpi1.memo.get_untracked().as_deref(), Some("Renamed KPI"));
    assert_eq!(action_rag.reruns(), 0);
    assert!(store.get_untracked() == after);

    // Undo of the whole change.
    store.apply(&change.inverse());
    assert_eq!(kpi1.reruns(), 2);
    assert!(store.get_untracked() == plan);
}

#[test]
fn plan_details_notify_only_views_of_the_details() {
    let (_owner, plan, store) = setup();
    let title = Probe::new(move || store.details(|p| p.title.clone()));
    let org = Probe::new(move || store.details(|p| p.organisation.clone()));
    let first = plan.priorities[0].id.clone();
    let prio = Probe::new(move || store.priority(&first, |_, p| p.title.clone()));
    let mut details = edit::PlanDetails::of(&plan);
    details.title = "Renamed plan".into();
    let change = edit::set_details(&plan, details).expect("a change");
    store.apply(&change);
    assert_eq!(title.reruns(), 1);
    assert_eq!(org.reruns(), 1);
    assert_eq!(prio.reruns(), 0);
    assert_eq!(store.with_untracked(|p| p.title.clone()), "Renamed plan");
}

#[test]
fn every_kind_of_change_leaves_the_store_equal_to_the_plan() {
    let (_owner, plan, store) = setup();
    let mut expected = plan.clone();
    let mut changes: Vec<Change> = Vec::new();
    let mut step = |c: Option<Change>, store: PlanStore, expected: &mut Plan| {
        let c = c.expect("a change");
        store.apply(&c);
        c.apply(expected);
        assert!(store.get_untracked() == *expected);
        changes.push(c);
    };
    // Move an action to another priority (a batch of two slot changes).
    let (_, _, aid, _) = outcome_actions(&plan, 0);
    let target = plan.priorities[3].id.clone();
    step(
        edit::move_action(&expected.clone(), &aid, &target, None, 0),
        store,
        &mut expected,
    );
    // A KPI edited, a register risk deleted, a priority moved, renumbering.
    let mut k = expected.kpis[4].clone();
    k.title = "Edited".into();
    step(edit::upsert_kpi(&expected.clone(), k), store, &mut expected);
    if let Some(r) = expected.risks.first().map(|r| r.id.clone()) {
        step(
            edit::delete_risk(&expected.clone(), &r),
            store,
            &mut expected,
        );
    }
    let p = expected.priorities[5].id.clone();
    step(
        edit::move_priority(&expected.clone(), &p, 1),
        store,
        &mut expected,
    );
    if let Some(c) = edit::renumber(&expected.clone()) {
        step(Some(c), store, &mut expected);
    }
    // A change that no longer fits (the object at its index is another) is ignored,
    // by the store as by the plan.
    let stale = Change::Kpi {
        index: 0,
        before: Some(Box::new(plan.kpis[9].clone())),
        after: None,
    };
    store.apply(&stale);
    stale.apply(&mut expected);
    assert!(store.get_untracked() == expected);
    // Undo everything, in reverse: back to the start.
    for c in changes.iter().rev() {
        store.apply(&c.inverse());
    }
    assert!(store.get_untracked() == plan);
}

#[test]
fn a_stated_rag_edit_reaches_its_reader() {
    let (_owner, plan, store) = setup();
    let (pid, oid, aid, _) = outcome_actions(&plan, 2);
    let a = aid.clone();
    let rag = Probe::new(move || store.action(&a, |a| a.stated_rag));
    let mut action = action_of(&plan, &aid);
    let new = if action.stated_rag == Some(Rag::Red) {
        Rag::Green
    } else {
        Rag::Red
    };
    action.stated_rag = Some(new);
    store.apply(&edit::upsert_action(&plan, &pid, Some(&oid), action).expect("a change"));
    assert_eq!(rag.memo.get_untracked(), Some(Some(new)));
    assert_eq!(rag.reruns(), 1);
}
