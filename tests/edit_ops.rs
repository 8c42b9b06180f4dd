//! Edits, undo and redo on the shipped example plan: every operation, applied and
//! then inverted, leaves the plan exactly as it was.

use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;
use waymark::core::date::Date;
use waymark::core::edit::*;
use waymark::core::example::example_plan;
use waymark::core::model::{Action, Exchange, Id, Kpi, Milestone, Outcome, Plan, Priority, Risk};

fn example() -> Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| example_plan().plan).clone()
}

/// Applies the change, checks that its inverse restores the plan exactly and that
/// applying it again gives the same result; returns the changed plan.
fn apply_and_check(plan: &Plan, change: &Change) -> Plan {
    let mut after = plan.clone();
    change.apply(&mut after);
    assert_ne!(&after, plan, "the change changes nothing");
    let mut back = after.clone();
    change.inverse().apply(&mut back);
    assert_eq!(&back, plan, "inverse does not restore the plan");
    let mut again = back;
    change.apply(&mut again);
    assert_eq!(again, after, "redo does not give the same plan");
    assert_eq!(change.inverse().inverse(), *change);
    after
}

fn refs(plan: &Plan) -> Vec<String> {
    plan.actions().map(|r| r.action.reference.clone()).collect()
}

fn refs_of(actions: &[Action]) -> Vec<&str> {
    actions.iter().map(|a| a.reference.as_str()).collect()
}

fn id(s: &str) -> Id {
    Id::new(s)
}

fn all_ids(plan: &Plan) -> Vec<String> {
    let mut ids = vec![plan.id.0.clone()];
    for p in &plan.priorities {
        ids.push(p.id.0.clone());
        ids.extend(p.outcomes.iter().map(|o| o.id.0.clone()));
        let outcome_actions = p.outcomes.iter().flat_map(|o| o.actions.iter());
        for a in p.actions.iter().chain(outcome_actions) {
            ids.push(a.id.0.clone());
            ids.extend(a.milestones.iter().map(|m| m.id.0.clone()));
            ids.extend(a.risks.iter().map(|m| m.id.0.clone()));
            ids.extend(a.updates.iter().map(|m| m.id.0.clone()));
        }
    }
    ids.extend(plan.kpis.iter().map(|k| k.id.0.clone()));
    ids.extend(plan.risks.iter().map(|k| k.id.0.clone()));
    ids
}

fn new_action(plan: &Plan, reference: &str, title: &str) -> Action {
    Action {
        id: new_id(plan, "a"),
        reference: reference.into(),
        title: title.into(),
        ..Action::default()
    }
}

// ---------------------------------------------------------------------------
// Details

#[test]
fn details_round_trip() {
    let plan = example();
    let mut d = PlanDetails::of(&plan);
    assert_eq!(d.title, plan.title);
    assert_eq!(
        set_details(&plan, d.clone()),
        None,
        "same details: no change"
    );
    d.title = "Revised plan".into();
    d.period_end = Date::new(2011, 3, 31);
    d.notes.push("A new note".into());
    d.settings.stale_after_days = 30;
    d.cover_sheet.report_to = "Cabinet".into();
    let c = set_details(&plan, d.clone()).expect("a change");
    let after = apply_and_check(&plan, &c);
    assert_eq!(PlanDetails::of(&after), d);
    assert_eq!(after.priorities, plan.priorities);
    assert_eq!(after.kpis, plan.kpis);
    assert_eq!(after.id, plan.id);
}

#[test]
fn details_carry_every_field_but_the_id_and_lists() {
    let mut plan = example();
    plan.risks.push(Risk {
        id: Id::new("r-register"),
        ..Risk::default()
    });
    plan.exchange = Some(Exchange {
        base: "base-1".into(),
        ..Exchange::default()
    });
    assert!(!plan.priorities.is_empty() && !plan.kpis.is_empty());
    let d = PlanDetails::of(&plan);
    // The details are the plan's fields as they are, with no id, no lists and no
    // exchange ...
    let shell = Plan::from(d.clone());
    assert_eq!(
        shell,
        Plan {
            id: Id::default(),
            priorities: Vec::new(),
            kpis: Vec::new(),
            risks: Vec::new(),
            exchange: None,
            ..plan.clone()
        }
    );
    // ... as are details made from the whole plan.
    assert_eq!(PlanDetails::from(plan.clone()), d);
    // What is put in the id, lists or exchange of details is never applied: the
    // plan keeps its own.
    let mut d = d;
    d.id = Id::new("other");
    d.priorities = plan.priorities[..1].to_vec();
    d.risks.clear();
    d.exchange = Some(Exchange::default());
    d.title = "Renamed".into();
    let mut after = plan.clone();
    d.apply_to(&mut after);
    assert_eq!(
        after,
        Plan {
            title: "Renamed".into(),
            ..plan.clone()
        }
    );
}

// ---------------------------------------------------------------------------
// Priorities

#[test]
fn add_edit_delete_priority() {
    let plan = example();
    let p = Priority {
        id: new_id(&plan, "p"),
        number: "5".into(),
        title: "Improve the voice of the child".into(),
        ..Priority::default()
    };
    let c = upsert_priority(&plan, p.clone()).unwrap();
    let added = apply_and_check(&plan, &c);
    assert_eq!(added.priorities.len(), plan.priorities.len() + 1);
    assert_eq!(added.priorities.last(), Some(&p));

    // Edit in place, keeping the given outcomes and actions.
    let mut edited = plan.priorities[1].clone();
    edited.title = "New title".into();
    edited.objectives.push("Another objective".into());
    let c = upsert_priority(&plan, edited.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[1], edited);
    assert_eq!(after.priorities.len(), plan.priorities.len());

    // Identical: nothing to do.
    assert_eq!(upsert_priority(&plan, plan.priorities[2].clone()), None);

    // Delete.
    let c = delete_priority(&plan, &id("p2")).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities.len(), plan.priorities.len() - 1);
    assert!(after.priority(&id("p2")).is_none());
    assert_eq!(delete_priority(&plan, &id("nope")), None);
}

#[test]
fn delete_priority_unlinks_its_kpis_in_one_change() {
    let plan = example();
    let outcome_ids: HashSet<Id> = plan
        .priority(&id("p4"))
        .unwrap()
        .outcomes
        .iter()
        .map(|o| o.id.clone())
        .collect();
    let linked: Vec<Id> = plan
        .kpis
        .iter()
        .filter(|k| {
            k.priority_id == Some(id("p4"))
                || k.outcome_id
                    .as_ref()
                    .is_some_and(|o| outcome_ids.contains(o))
        })
        .map(|k| k.id.clone())
        .collect();
    assert!(linked.len() > 10, "the example links KPIs to priority 4");
    let c = delete_priority(&plan, &id("p4")).unwrap();
    assert!(matches!(c, Change::Batch(_)));
    let after = apply_and_check(&plan, &c);
    for k in &after.kpis {
        if linked.contains(&k.id) {
            assert_eq!(k.priority_id, None, "{}", k.code);
            assert_eq!(k.outcome_id, None, "{}", k.code);
        }
    }
    assert_eq!(after.kpis.len(), plan.kpis.len(), "KPIs are kept");
    // Undo in a history restores the links.
    let mut h = History::default();
    let mut p = plan.clone();
    h.apply(&mut p, c, "Delete priority 4");
    assert_eq!(h.undo(&mut p).as_deref(), Some("Delete priority 4"));
    assert_eq!(p, plan);
}

#[test]
fn move_priority_reorders_and_clamps() {
    let plan = example();
    let order = |p: &Plan| {
        p.priorities
            .iter()
            .map(|p| p.id.0.clone())
            .collect::<Vec<_>>()
    };
    let c = move_priority(&plan, &id("p1"), 2).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(order(&after), ["p2", "p3", "p1", "p4"]);
    let c = move_priority(&plan, &id("p4"), 0).unwrap();
    assert_eq!(order(&apply_and_check(&plan, &c)), ["p4", "p1", "p2", "p3"]);
    let c = move_priority(&plan, &id("p2"), 99).unwrap();
    assert_eq!(order(&apply_and_check(&plan, &c)), ["p1", "p3", "p4", "p2"]);
    assert_eq!(move_priority(&plan, &id("p3"), 2), None);
    assert_eq!(move_priority(&plan, &id("p4"), 50), None);
    assert_eq!(move_priority(&plan, &id("zz"), 0), None);
}

// ---------------------------------------------------------------------------
// Outcomes

#[test]
fn add_edit_delete_outcome() {
    let plan = example();
    let o = Outcome {
        id: new_id(&plan, "o"),
        number: "11".into(),
        title: "Care leavers".into(),
        ..Outcome::default()
    };
    let c = upsert_outcome(&plan, &id("p3"), o.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[2].outcomes, vec![o]);
    assert_eq!(upsert_outcome(&plan, &id("nope"), Outcome::default()), None);

    let (pi, oi) = find_outcome(&plan, &id("p4-o5")).unwrap();
    let mut edited = plan.priorities[pi].outcomes[oi].clone();
    assert_eq!(upsert_outcome(&plan, &id("p4"), edited.clone()), None);
    edited.title = "Enjoy and achieve (revised)".into();
    // Replaced where it is even when another priority is given.
    let c = upsert_outcome(&plan, &id("p1"), edited.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[pi].outcomes[oi], edited);
    assert!(after.priorities[0].outcomes.is_empty());
}

#[test]
fn delete_outcome_keeps_kpis_on_the_priority() {
    let plan = example();
    let on_outcome: Vec<Id> = plan
        .kpis
        .iter()
        .filter(|k| k.outcome_id == Some(id("p4-o4")))
        .map(|k| k.id.clone())
        .collect();
    assert!(!on_outcome.is_empty());
    let c = delete_outcome(&plan, &id("p4-o4")).unwrap();
    let after = apply_and_check(&plan, &c);
    assert!(find_outcome(&after, &id("p4-o4")).is_none());
    for k in after.kpis.iter().filter(|k| on_outcome.contains(&k.id)) {
        assert_eq!(k.outcome_id, None);
        assert_eq!(k.priority_id, Some(id("p4")));
    }
    assert!(!refs(&after).contains(&"4.4.1 i)".to_string()));
    assert_eq!(
        after.action_count(),
        plan.action_count() - plan.priorities[3].outcomes[0].actions.len()
    );
    assert_eq!(delete_outcome(&plan, &id("p4")), None);
}

// ---------------------------------------------------------------------------
// Actions

#[test]
fn add_action_to_priority_and_outcome() {
    let plan = example();
    let a = new_action(&plan, "1.8", "Review supervision");
    let c = upsert_action(&plan, &id("p1"), None, a.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[0].actions.last(), Some(&a));
    assert_eq!(after.action_count(), plan.action_count() + 1);
    assert!(matches!(c, Change::Priority { index: 0, .. }));

    let b = new_action(&plan, "4.5.7", "Extend the tutoring");
    let c = upsert_action(&plan, &id("p4"), Some(&id("p4-o5")), b.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    let (pi, oi) = find_outcome(&after, &id("p4-o5")).unwrap();
    assert_eq!(after.priorities[pi].outcomes[oi].actions.last(), Some(&b));
    assert_eq!(
        find_action(&after, &b.id),
        Some(ActionPlace {
            priority: pi,
            outcome: Some(oi),
            index: after.priorities[pi].outcomes[oi].actions.len() - 1
        })
    );

    // Unknown priority, or an outcome of another priority: nothing.
    assert_eq!(upsert_action(&plan, &id("zz"), None, a.clone()), None);
    assert_eq!(upsert_action(&plan, &id("p1"), Some(&id("p4-o5")), a), None);
}

#[test]
fn edit_action_in_place_wherever_it_is() {
    let plan = example();
    let r = plan
        .actions()
        .find(|r| r.action.reference == "4.6.3 ii)")
        .unwrap();
    let place = find_action(&plan, &r.action.id).unwrap();
    let mut edited = r.action.clone();
    assert_eq!(
        upsert_action(&plan, &id("p4"), None, edited.clone()),
        None,
        "identical"
    );
    edited.title = "Changed".into();
    edited.milestones.push(Milestone {
        id: new_id(&plan, "m"),
        title: "Pilot".into(),
        due: Date::new(2010, 1, 31),
        ..Milestone::default()
    });
    // Given the wrong priority: still replaced where it is.
    let c = upsert_action(&plan, &id("p1"), None, edited.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(find_action(&after, &edited.id), Some(place.clone()));
    assert_eq!(action_at(&after, &place), Some(&edited));
    assert_eq!(after.action_count(), plan.action_count());
}

#[test]
fn delete_action_everywhere() {
    let plan = example();
    for r in ["1.1", "2.2 ii)", "4.4.1 i)", "4.7.5"] {
        let a = plan.actions().find(|x| x.action.reference == r).unwrap();
        let c = delete_action(&plan, &a.action.id).unwrap();
        let after = apply_and_check(&plan, &c);
        assert!(find_action(&after, &a.action.id).is_none());
        assert_eq!(after.action_count(), plan.action_count() - 1);
    }
    assert_eq!(delete_action(&plan, &id("nope")), None);
}

fn action_id(plan: &Plan, reference: &str) -> Id {
    plan.actions()
        .find(|r| r.action.reference == reference)
        .unwrap_or_else(|| panic!("no action {reference}"))
        .action
        .id
        .clone()
}

#[test]
fn move_action_within_a_list() {
    let plan = example();
    let a13 = action_id(&plan, "1.3");
    let c = move_action(&plan, &a13, &id("p1"), None, 0).unwrap();
    assert!(matches!(&c, Change::Batch(v) if v.len() == 1));
    let after = apply_and_check(&plan, &c);
    assert_eq!(
        refs_of(&after.priorities[0].actions),
        ["1.3", "1.1", "1.2", "1.4", "1.5", "1.6", "1.7"]
    );
    // To the end (clamped).
    let c = move_action(&plan, &a13, &id("p1"), None, 100).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(
        refs_of(&after.priorities[0].actions),
        ["1.1", "1.2", "1.4", "1.5", "1.6", "1.7", "1.3"]
    );
    // Down by one.
    let c = move_action(&plan, &a13, &id("p1"), None, 3).unwrap();
    assert_eq!(
        refs_of(&apply_and_check(&plan, &c).priorities[0].actions),
        ["1.1", "1.2", "1.4", "1.3", "1.5", "1.6", "1.7"]
    );
    // Where it is already: nothing.
    assert_eq!(move_action(&plan, &a13, &id("p1"), None, 2), None);
    // Within an outcome.
    let a = action_id(&plan, "4.5.6");
    let c = move_action(&plan, &a, &id("p4"), Some(&id("p4-o5")), 0).unwrap();
    let after = apply_and_check(&plan, &c);
    let (pi, oi) = find_outcome(&after, &id("p4-o5")).unwrap();
    assert_eq!(after.priorities[pi].outcomes[oi].actions[0].id, a);
}

#[test]
fn move_action_across_priorities_and_outcomes() {
    let plan = example();
    let a = action_id(&plan, "1.2");
    // To another priority: one Batch of two priority replacements.
    let c = move_action(&plan, &a, &id("p3"), None, 1).unwrap();
    match &c {
        Change::Batch(v) => {
            assert_eq!(v.len(), 2);
            assert!(v.iter().all(|c| matches!(c, Change::Priority { .. })));
        }
        other => panic!("not a batch: {other:?}"),
    }
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[2].actions[1].id, a);
    assert_eq!(after.priorities[0].actions.len(), 6);
    assert_eq!(after.action_count(), plan.action_count());

    // Into an outcome of another priority.
    let c = move_action(&plan, &a, &id("p4"), Some(&id("p4-o8")), 2).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(
        find_action(&after, &a),
        Some(ActionPlace {
            priority: 3,
            outcome: find_outcome(&after, &id("p4-o8")).map(|x| x.1),
            index: 2
        })
    );

    // Out of an outcome to the priority's own list.
    let b = action_id(&plan, "4.8.2 ii)");
    let c = move_action(&plan, &b, &id("p4"), None, 0).unwrap();
    assert!(matches!(&c, Change::Batch(v) if v.len() == 1));
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[3].actions[0].id, b);

    // From one outcome to another.
    let c = move_action(&plan, &b, &id("p4"), Some(&id("p4-o1")), 0).unwrap();
    let after = apply_and_check(&plan, &c);
    let (pi, oi) = find_outcome(&after, &id("p4-o1")).unwrap();
    assert_eq!(after.priorities[pi].outcomes[oi].actions[0].id, b);

    // Out of an outcome into another priority.
    let c = move_action(&plan, &b, &id("p2"), None, 99).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[1].actions.last().unwrap().id, b);

    // Unknown targets.
    assert_eq!(move_action(&plan, &b, &id("zz"), None, 0), None);
    assert_eq!(
        move_action(&plan, &b, &id("p1"), Some(&id("p4-o1")), 0),
        None
    );
    assert_eq!(move_action(&plan, &id("zz"), &id("p1"), None, 0), None);
}

// ---------------------------------------------------------------------------
// Renumbering

#[test]
fn example_plan_is_numbered_already() {
    assert_eq!(renumber(&example()), None);
}

#[test]
fn renumber_after_moves() {
    let plan = example();
    let a = action_id(&plan, "1.2");
    let mut p = plan.clone();
    move_action(&p, &a, &id("p2"), None, 0)
        .unwrap()
        .apply(&mut p);
    let c = renumber(&p).unwrap();
    let after = apply_and_check(&p, &c);
    assert_eq!(
        refs_of(&after.priorities[0].actions),
        ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    );
    assert_eq!(
        refs_of(&after.priorities[1].actions),
        ["2.1", "2.2", "2.3 i)", "2.3 ii)", "2.4", "2.5", "2.6", "2.7"]
    );
    // The moved action keeps its id.
    assert_eq!(after.priorities[1].actions[0].id, a);
    assert_eq!(renumber(&after), None, "renumbering is idempotent");
}

#[test]
fn renumber_priorities_and_outcomes() {
    let plan = example();
    let mut p = plan.clone();
    move_priority(&p, &id("p4"), 0).unwrap().apply(&mut p);
    let c = renumber(&p).unwrap();
    let after = apply_and_check(&p, &c);
    let numbers: Vec<&str> = after.priorities.iter().map(|p| p.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    let old4 = &after.priorities[0];
    assert_eq!(old4.id, id("p4"));
    let o4 = old4.outcomes.iter().find(|o| o.id == id("p4-o4")).unwrap();
    assert_eq!(o4.number, "4", "outcomes keep their numbers");
    assert_eq!(
        refs_of(&o4.actions),
        [
            "1.4.1 i)",
            "1.4.1 ii)",
            "1.4.1 iii)",
            "1.4.1 iv)",
            "1.4.2",
            "1.4.2 iv)",
            "1.4.3",
            "1.4.4",
            "1.4.5"
        ]
    );
    let o9 = old4.outcomes.iter().find(|o| o.number == "9 & 10").unwrap();
    assert_eq!(o9.actions[0].reference, "1.9.1");
    assert_eq!(o9.actions[9].reference, "1.9.10");
    let o6 = old4.outcomes.iter().find(|o| o.id == id("p4-o6")).unwrap();
    assert_eq!(
        refs_of(&o6.actions)[..5],
        [
            "1.6.1 i)",
            "1.6.1 ii)–iii)",
            "1.6.1 iv)",
            "1.6.1 v)",
            "1.6.2"
        ]
    );
    assert_eq!(after.priorities[1].actions[0].reference, "2.1");
    assert_eq!(after.priorities[2].actions[2].reference, "3.2 ii)");
    assert_eq!(renumber(&after), None);
}

fn plan_with_refs(priority_refs: &[&str], outcome: Option<(&str, &[&str])>) -> Plan {
    let mk = |r: &&str, i: usize, pre: &str| Action {
        id: Id(format!("{pre}{i}")),
        reference: (*r).into(),
        ..Action::default()
    };
    Plan {
        priorities: vec![Priority {
            id: id("p"),
            number: "7".into(),
            actions: priority_refs
                .iter()
                .enumerate()
                .map(|(i, r)| mk(r, i, "a"))
                .collect(),
            outcomes: outcome
                .map(|(n, rs)| Outcome {
                    id: id("o"),
                    number: n.into(),
                    actions: rs.iter().enumerate().map(|(i, r)| mk(r, i, "b")).collect(),
                    ..Outcome::default()
                })
                .into_iter()
                .collect(),
            ..Priority::default()
        }],
        ..Plan::default()
    }
}

#[test]
fn renumber_sub_items_and_odd_references() {
    let plan = plan_with_refs(
        &[
            "3", "2.2 i)", "2.2 ii)", "2.2", "2.2", "", "New", "ii)", "5.1 iii)",
        ],
        Some(("4", &["9.9.9", "9.9.9 ii)", "x"])),
    );
    let c = renumber(&plan).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.priorities[0].number, "1");
    assert_eq!(
        refs_of(&after.priorities[0].actions),
        ["1.1", "1.2 i)", "1.2 ii)", "1.3", "1.4", "1.5", "1.6", "1.6 ii)", "1.7 iii)"]
    );
    assert_eq!(
        refs_of(&after.priorities[0].outcomes[0].actions),
        ["1.4.1", "1.4.1 ii)", "1.4.2"]
    );
    assert_eq!(renumber(&after), None);

    // An outcome with no number continues the priority's own count.
    let plan = plan_with_refs(&["1.1", "1.2"], Some(("", &["x", "y"])));
    let after = apply_and_check(&plan, &renumber(&plan).unwrap());
    assert_eq!(
        refs_of(&after.priorities[0].outcomes[0].actions),
        ["1.3", "1.4"]
    );
}

// ---------------------------------------------------------------------------
// KPIs and register risks

#[test]
fn add_edit_delete_kpi() {
    let plan = example();
    let k = Kpi {
        id: new_id(&plan, "k"),
        code: "LOCAL 1".into(),
        title: "Reviews on time".into(),
        ..Kpi::default()
    };
    let c = upsert_kpi(&plan, k.clone()).unwrap();
    let after = apply_and_check(&plan, &c);
    assert_eq!(after.kpis.last(), Some(&k));
    let mut e = plan.kpis[3].clone();
    assert_eq!(upsert_kpi(&plan, e.clone()), None);
    e.title.push_str(" (revised)");
    e.decimals = 2;
    let after = apply_and_check(&plan, &upsert_kpi(&plan, e.clone()).unwrap());
    assert_eq!(after.kpis[3], e);
    assert_eq!(after.kpis.len(), plan.kpis.len());
    let c = delete_kpi(&plan, &e.id).unwrap();
    let after = apply_and_check(&plan, &c);
    assert!(after.kpi(&e.id).is_none());
    assert_eq!(delete_kpi(&plan, &id("nope")), None);
}

#[test]
fn delete_kpi_unlinks_it_from_actions() {
    let mut plan = example();
    let kid = plan.kpis[0].id.clone();
    let other = plan.kpis[1].id.clone();
    // Link it from actions in a priority and in an outcome.
    for r in ["1.1", "1.4", "4.5.2"] {
        let aid = action_id(&plan, r);
        let place = find_action(&plan, &aid).unwrap();
        let mut a = action_at(&plan, &place).unwrap().clone();
        a.kpi_ids = vec![other.clone(), kid.clone()];
        upsert_action(&plan, &id("p1"), None, a)
            .unwrap()
            .apply(&mut plan);
    }
    let c = delete_kpi(&plan, &kid).unwrap();
    match &c {
        Change::Batch(v) => assert_eq!(v.len(), 3, "two priorities and the KPI"),
        other => panic!("not a batch: {other:?}"),
    }
    let after = apply_and_check(&plan, &c);
    assert!(after.actions().all(|r| !r.action.kpi_ids.contains(&kid)));
    // Every other link is kept as it was.
    for (b, a) in plan.actions().zip(after.actions()) {
        let mut expected = b.action.kpi_ids.clone();
        expected.retain(|k| *k != kid);
        assert_eq!(a.action.kpi_ids, expected);
    }
    let still = after
        .actions()
        .filter(|r| r.action.kpi_ids.contains(&other))
        .count();
    assert!(still >= 3, "other links kept");
}

#[test]
fn add_edit_delete_register_risk() {
    let plan = example();
    let r = Risk {
        id: new_id(&plan, "r"),
        description: "Loss of grant funding".into(),
        likelihood: Some(3),
        impact: Some(4),
        ..Risk::default()
    };
    let c = upsert_risk(&plan, r.clone()).unwrap();
    let one = apply_and_check(&plan, &c);
    assert_eq!(one.risks, vec![r.clone()]);
    assert_eq!(upsert_risk(&one, r.clone()), None);
    let mut e = r.clone();
    e.mitigation = "Seek alternative funding".into();
    let two = apply_and_check(&one, &upsert_risk(&one, e.clone()).unwrap());
    assert_eq!(two.risks, vec![e.clone()]);
    let gone = apply_and_check(&two, &delete_risk(&two, &e.id).unwrap());
    assert!(gone.risks.is_empty());
    assert_eq!(delete_risk(&plan, &e.id), None);
}

// ---------------------------------------------------------------------------
// Changes that do not fit, Whole, Batch

#[test]
fn changes_that_do_not_fit_are_ignored() {
    let plan = example();
    let p = Box::new(plan.priorities[0].clone());
    let mut x = plan.clone();
    Change::Priority {
        index: 99,
        before: Some(p.clone()),
        after: None,
    }
    .apply(&mut x);
    Change::Priority {
        index: 99,
        before: Some(p.clone()),
        after: Some(p.clone()),
    }
    .apply(&mut x);
    // Wrong object at the index.
    Change::Priority {
        index: 1,
        before: Some(p.clone()),
        after: None,
    }
    .apply(&mut x);
    Change::Kpi {
        index: 1000,
        before: Some(Box::new(Kpi::default())),
        after: None,
    }
    .apply(&mut x);
    Change::Risk {
        index: 5,
        before: Some(Box::new(Risk::default())),
        after: None,
    }
    .apply(&mut x);
    Change::Priority {
        index: 0,
        before: None,
        after: None,
    }
    .apply(&mut x);
    Change::Batch(vec![]).apply(&mut x);
    assert_eq!(x, plan);
    // Insert past the end appends.
    Change::Risk {
        index: 42,
        before: None,
        after: Some(Box::new(Risk::default())),
    }
    .apply(&mut x);
    assert_eq!(x.risks.len(), 1);
}

#[test]
fn whole_swaps_the_plan() {
    let plan = example();
    let c = Change::Whole {
        before: Box::new(plan.clone()),
        after: Box::new(Plan::default()),
    };
    let after = apply_and_check(&plan, &c);
    assert_eq!(after, Plan::default());
}

#[test]
fn batch_inverse_is_reversed() {
    let plan = example();
    let a = upsert_priority(
        &plan,
        Priority {
            id: id("new"),
            ..Priority::default()
        },
    )
    .unwrap();
    let b = move_priority(&plan, &id("p1"), 3).unwrap();
    let c = Change::Batch(vec![a.clone(), b.clone()]);
    assert_eq!(c.inverse(), Change::Batch(vec![b.inverse(), a.inverse()]));
    apply_and_check(&plan, &c);
}

// ---------------------------------------------------------------------------
// Ids

#[test]
fn new_ids_are_unique() {
    let plan = example();
    let ids: HashSet<String> = all_ids(&plan).into_iter().collect();
    for prefix in ["a", "p", "k", "m", "o", "r", "u", "p4"] {
        let n = new_id(&plan, prefix);
        assert!(!ids.contains(&n.0), "{n} is taken");
        assert!(n.0.starts_with(&format!("{prefix}-")));
        assert!(n.0.len() <= prefix.len() + 4, "short: {n}");
    }
    // An id generator never repeats itself.
    let mut g = IdGen::new(&plan);
    let made: Vec<Id> = (0..500).map(|_| g.next_id("m")).collect();
    let set: HashSet<&Id> = made.iter().collect();
    assert_eq!(set.len(), 500);
    assert!(made.iter().all(|i| !ids.contains(&i.0)));

    // Adding actions with fresh ids, one after another: always new.
    let mut p = plan.clone();
    for i in 0..100 {
        let a = new_action(&p, &format!("9.{i}"), "x");
        assert!(find_action(&p, &a.id).is_none());
        upsert_action(&p, &id("p1"), None, a).unwrap().apply(&mut p);
    }
    let all = all_ids(&p);
    let set: HashSet<&String> = all.iter().collect();
    assert_eq!(set.len(), all.len(), "ids unique across the plan");
}

#[test]
fn new_id_skips_taken_ids() {
    let mut plan = Plan::default();
    // Take every id the counter would try first.
    for n in 0..40 {
        let k = Kpi {
            id: new_id(&plan, "k"),
            code: format!("K{n}"),
            ..Kpi::default()
        };
        assert!(plan.kpi(&k.id).is_none());
        plan.kpis.push(k);
    }
    plan.priorities.push(Priority {
        id: Id("k-16".into()),
        ..Priority::default()
    });
    let n = new_id(&plan, "k");
    assert!(all_ids(&plan).iter().all(|i| *i != n.0));
}

// ---------------------------------------------------------------------------
// History

#[test]
fn undo_redo_over_many_steps() {
    let original = example();
    let mut plan = original.clone();
    let mut h = History::default();
    assert!(!h.can_undo() && !h.can_redo());
    assert_eq!(h.undo(&mut plan), None);
    assert_eq!(h.redo(&mut plan), None);
    let mut states = vec![plan.clone()];
    for i in 0..30 {
        let a = new_action(&plan, &format!("1.{}", 8 + i), &format!("Action {i}"));
        let c = upsert_action(&plan, &id("p1"), None, a).unwrap();
        h.apply(&mut plan, c, format!("Add action {i}"));
        states.push(plan.clone());
    }
    assert_eq!(h.undo.len(), 30);
    for i in (0..30).rev() {
        assert_eq!(h.undo(&mut plan), Some(format!("Add action {i}")));
        assert_eq!(plan, states[i]);
    }
    assert!(!h.can_undo() && h.can_redo());
    for (i, state) in states.iter().enumerate().skip(1).take(10) {
        assert_eq!(h.redo(&mut plan), Some(format!("Add action {}", i - 1)));
        assert_eq!(&plan, state);
    }
    // A new change clears redo.
    let c = delete_action(&plan, &action_id(&plan, "1.1")).unwrap();
    h.apply(&mut plan, c, "Delete action 1.1");
    assert!(!h.can_redo());
    assert_eq!(h.redo(&mut plan), None);
    assert_eq!(h.undo(&mut plan).as_deref(), Some("Delete action 1.1"));
    assert_eq!(plan, states[10]);
    while h.undo(&mut plan).is_some() {}
    assert_eq!(plan, original);
}

#[test]
fn history_keeps_the_last_200_steps() {
    let original = example();
    let mut plan = original.clone();
    let mut h = History::default();
    let mut states = vec![plan.clone()];
    for i in 0..250 {
        let mut d = PlanDetails::of(&plan);
        d.title = format!("Title {i}");
        let c = set_details(&plan, d).unwrap();
        h.apply(&mut plan, c, format!("Step {i}"));
        states.push(plan.clone());
    }
    assert_eq!(h.undo.len(), History::LIMIT);
    let mut n = 0;
    while let Some(label) = h.undo(&mut plan) {
        n += 1;
        assert_eq!(label, format!("Step {}", 250 - n));
    }
    assert_eq!(n, 200);
    assert_eq!(plan, states[50], "the oldest 50 steps were dropped");
    assert_eq!(h.redo.len(), 200);
    while h.redo(&mut plan).is_some() {}
    assert_eq!(plan, states[250]);
    assert_eq!(h.undo.len(), 200);
}

// ---------------------------------------------------------------------------
// A random sequence of operations, undone, gives back the original plan.

#[derive(Debug, Clone)]
enum Op {
    AddAction(u8, bool),
    EditAction(u16),
    DeleteAction(u16),
    MoveAction(u16, u8, u8, u8),
    AddPriority,
    EditPriority(u8),
    DeletePriority(u8),
    MovePriority(u8, u8),
    AddOutcome(u8),
    DeleteOutcome(u8, u8),
    Renumber,
    AddKpi,
    DeleteKpi(u16),
    LinkKpi(u16, u16),
    AddRisk,
    DeleteRisk(u8),
    Details(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::AddAction(a, b)),
        any::<u16>().prop_map(Op::EditAction),
        any::<u16>().prop_map(Op::DeleteAction),
        (any::<u16>(), any::<u8>(), any::<u8>(), any::<u8>())
            .prop_map(|(a, b, c, d)| Op::MoveAction(a, b, c, d)),
        Just(Op::AddPriority),
        any::<u8>().prop_map(Op::EditPriority),
        any::<u8>().prop_map(Op::DeletePriority),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::MovePriority(a, b)),
        any::<u8>().prop_map(Op::AddOutcome),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::DeleteOutcome(a, b)),
        Just(Op::Renumber),
        Just(Op::AddKpi),
        any::<u16>().prop_map(Op::DeleteKpi),
        (any::<u16>(), any::<u16>()).prop_map(|(a, b)| Op::LinkKpi(a, b)),
        Just(Op::AddRisk),
        any::<u8>().prop_map(Op::DeleteRisk),
        any::<u8>().prop_map(Op::Details),
    ]
}

fn pick<T>(v: &[T], n: usize) -> Option<&T> {
    if v.is_empty() {
        None
    } else {
        v.get(n % v.len())
    }
}

fn nth_action_id(plan: &Plan, n: u16) -> Option<Id> {
    let c = plan.action_count();
    (c > 0).then(|| {
        plan.actions()
            .nth(usize::from(n) % c)
            .map(|r| r.action.id.clone())
    })?
}

fn change_for(plan: &Plan, op: &Op) -> Option<Change> {
    match *op {
        Op::AddAction(p, into_outcome) => {
            let pr = pick(&plan.priorities, p.into())?;
            let o = if into_outcome {
                pick(&pr.outcomes, p.into()).map(|o| o.id.clone())
            } else {
                None
            };
            let a = new_action(plan, "", "New");
            upsert_action(plan, &pr.id, o.as_ref(), a)
        }
        Op::EditAction(n) => {
            let aid = nth_action_id(plan, n)?;
            let place = find_action(plan, &aid)?;
            let mut a = action_at(plan, &place)?.clone();
            a.title.push('!');
            upsert_action(plan, &id("ignored"), None, a)
        }
        Op::DeleteAction(n) => delete_action(plan, &nth_action_id(plan, n)?),
        Op::MoveAction(n, p, o, i) => {
            let aid = nth_action_id(plan, n)?;
            let pr = pick(&plan.priorities, p.into())?;
            let oid = if o % 3 == 0 {
                None
            } else {
                pick(&pr.outcomes, o.into()).map(|o| o.id.clone())
            };
            move_action(plan, &aid, &pr.id, oid.as_ref(), i.into())
        }
        Op::AddPriority => upsert_priority(
            plan,
            Priority {
                id: new_id(plan, "p"),
                title: "New".into(),
                ..Priority::default()
            },
        ),
        Op::EditPriority(p) => {
            let mut pr = pick(&plan.priorities, p.into())?.clone();
            pr.success_criteria.push("More".into());
            upsert_priority(plan, pr)
        }
        Op::DeletePriority(p) => delete_priority(plan, &pick(&plan.priorities, p.into())?.id),
        Op::MovePriority(p, to) => {
            move_priority(plan, &pick(&plan.priorities, p.into())?.id, to.into())
        }
        Op::AddOutcome(p) => {
            let pr = pick(&plan.priorities, p.into())?;
            let o = Outcome {
                id: new_id(plan, "o"),
                number: format!("{p}"),
                ..Outcome::default()
            };
            upsert_outcome(plan, &pr.id, o)
        }
        Op::DeleteOutcome(p, o) => {
            let pr = pick(&plan.priorities, p.into())?;
            delete_outcome(plan, &pick(&pr.outcomes, o.into())?.id)
        }
        Op::Renumber => renumber(plan),
        Op::AddKpi => upsert_kpi(
            plan,
            Kpi {
                id: new_id(plan, "k"),
                priority_id: plan.priorities.first().map(|p| p.id.clone()),
                ..Kpi::default()
            },
        ),
        Op::DeleteKpi(k) => delete_kpi(plan, &pick(&plan.kpis, k.into())?.id),
        Op::LinkKpi(a, k) => {
            let kid = pick(&plan.kpis, k.into())?.id.clone();
            let aid = nth_action_id(plan, a)?;
            let mut act = action_at(plan, &find_action(plan, &aid)?)?.clone();
            act.kpi_ids.push(kid);
            upsert_action(plan, &id("x"), None, act)
        }
        Op::AddRisk => upsert_risk(
            plan,
            Risk {
                id: new_id(plan, "r"),
                description: "Risk".into(),
                ..Risk::default()
            },
        ),
        Op::DeleteRisk(r) => delete_risk(plan, &pick(&plan.risks, r.into())?.id),
        Op::Details(n) => {
            let mut d = PlanDetails::of(plan);
            d.title = format!("Plan {n}");
            set_details(plan, d)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_edits_undo_to_the_original(ops in prop::collection::vec(op(), 1..40)) {
        let original = example();
        let mut plan = original.clone();
        let mut h = History::default();
        let mut applied = 0;
        for op in &ops {
            if let Some(c) = change_for(&plan, op) {
                let before = plan.clone();
                h.apply(&mut plan, c, format!("{op:?}"));
                prop_assert_ne!(&plan, &before, "{:?} changed nothing", op);
                applied += 1;
            }
        }
        let end = plan.clone();
        let mut undone = 0;
        while h.undo(&mut plan).is_some() {
            undone += 1;
        }
        prop_assert_eq!(undone, applied);
        prop_assert_eq!(&plan, &original);
        while h.redo(&mut plan).is_some() {}
        prop_assert_eq!(&plan, &end);
    }
}
