//! Merging a returned file into the open plan (`core::merge`): the scenarios of
//! issue 14 on the example plan, then properties over generated edits on both
//! sides, then (ignored, run in release) the time on the stress plan.

mod common;
use common::action;
use common::action_mut;

use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;
use waymark::core::compare::{compare_lines, Aspect, Key, Object, ACTION_FIELDS, SLOTS};
use waymark::core::compare::{ACTION_FIELDS_AFTER, ACTION_FIELDS_MID};
use waymark::core::date::Date;
use waymark::core::edit::*;
use waymark::core::example::example_plan;
use waymark::core::merge::{apply, change, merge, merge_two_way, Decisions, MergeError, Side};
use waymark::core::model::{
    Action, ActionStatus, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, Priority,
    ProgressUpdate, Rag,
};
use waymark::core::value::{Target, Value};

fn example() -> Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| example_plan().plan).clone()
}

fn id(s: &str) -> Id {
    Id::new(s)
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn update(uid: &str, rag: Rag, reason: &str, author: &str) -> ProgressUpdate {
    ProgressUpdate {
        id: id(uid),
        date: Some(d(2026, 11, 20)),
        author: author.into(),
        rag,
        reason: reason.into(),
        commentary: String::new(),
        edited_at: None,
        deleted_at: None,
    }
}

fn incoming_lines(m: &waymark::core::merge::Merge) -> Vec<String> {
    m.incoming.iter().flat_map(|i| i.lines.clone()).collect()
}

fn action_key(aid: &str, aspect: Aspect) -> Key {
    Key {
        object: Object::Action(id(aid)),
        aspect,
    }
}

// ------------------------------------------------------------------ scenarios

#[test]
fn nothing_changed_merges_to_the_same_plan() {
    let b = example();
    let m = merge(&b, &b, &b);
    assert_eq!(m.plan, b);
    assert!(m.incoming.is_empty() && m.conflicts.is_empty() && !m.two_way);
}

#[test]
fn partner_adds_an_update_to_1_2_while_the_coordinator_edits_1_3() {
    let base = example();
    let mut ours = base.clone();
    action_mut(&mut ours, "a-1.3").title = "Support schools to develop leaders".into();
    let mut theirs = base.clone();
    let u = update("u-health-1", Rag::Amber, "roll-out delayed", "Health");
    action_mut(&mut theirs, "a-1.2").updates.push(u.clone());

    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:#?}", m.conflicts);
    assert_eq!(
        incoming_lines(&m),
        ["Action 1.2: new progress update 20 November 2026 (Amber) by Health"],
        "the RAG that follows from it is no change of its own"
    );
    assert_eq!(
        m.incoming[0].key,
        Key::presence(Object::Update {
            action: id("a-1.2"),
            id: id("u-health-1")
        })
    );
    let a12 = action(&m.plan, "a-1.2").unwrap();
    assert_eq!(
        a12.updates.last(),
        Some(&u),
        "their update, with its author"
    );
    assert_eq!(a12.updates.len(), 2, "the log keeps the old entry");
    assert_eq!(
        action(&m.plan, "a-1.3").unwrap().title,
        "Support schools to develop leaders"
    );
    // Only those two things differ from the base.
    let mut expected = ours.clone();
    action_mut(&mut expected, "a-1.2").updates.push(u);
    assert_eq!(m.plan, expected);
    // Applying with nothing left out gives the preview's plan.
    let applied = apply(Some(&base), &ours, &theirs, &Decisions::default()).unwrap();
    assert_eq!(applied, m.plan);
    // Leaving the update out gives ours.
    let mut leave = Decisions::default();
    leave.left_out.insert(m.incoming[0].key.clone());
    assert_eq!(apply(Some(&base), &ours, &theirs, &leave).unwrap(), ours);
}

#[test]
fn both_change_1_2s_lead_is_a_conflict_decided_either_way() {
    let base = example();
    let mut ours = base.clone();
    action_mut(&mut ours, "a-1.2").leads = vec!["AD CM".into()];
    let mut theirs = base.clone();
    action_mut(&mut theirs, "a-1.2").leads = vec!["Head of Health".into()];
    action_mut(&mut theirs, "a-1.2").resources = "PCT budget".into();

    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.key, action_key("a-1.2", Aspect::Field("leads")));
    assert_eq!(
        (
            c.object.as_str(),
            c.field.as_str(),
            c.ours.as_str(),
            c.theirs.as_str()
        ),
        ("Action 1.2", "leads", "'AD CM'", "'Head of Health'")
    );
    // Resolved ours in the preview; their other change comes in.
    let a = action(&m.plan, "a-1.2").unwrap();
    assert_eq!(a.leads, ["AD CM"]);
    assert_eq!(a.resources, "PCT budget");
    assert_eq!(
        incoming_lines(&m),
        ["Action 1.2: resources changed from 'Salary, on costs and expenses funded by DCSF IESE grant agreed' to 'PCT budget'"]
    );

    // Nothing is chosen silently.
    assert_eq!(
        apply(Some(&base), &ours, &theirs, &Decisions::default()),
        Err(MergeError::Undecided(vec![c.key.clone()]))
    );
    let theirs_pick = apply(
        Some(&base),
        &ours,
        &theirs,
        &Decisions::all(&m, Side::Theirs),
    )
    .unwrap();
    assert_eq!(
        action(&theirs_pick, "a-1.2").unwrap().leads,
        ["Head of Health"]
    );
    assert_eq!(theirs_pick, theirs);
    let ours_pick = apply(Some(&base), &ours, &theirs, &Decisions::all(&m, Side::Ours)).unwrap();
    assert_eq!(ours_pick, m.plan);
}

#[test]
fn partner_deletes_an_action_the_coordinator_edited() {
    let base = example();
    let mut ours = base.clone();
    action_mut(&mut ours, "a-1.4").title = "Expand the data bank".into();
    let c = delete_action(&base, &id("a-1.4")).unwrap();
    let mut theirs = base.clone();
    c.apply(&mut theirs);

    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    let k = &m.conflicts[0];
    assert_eq!(k.key, action_key("a-1.4", Aspect::Presence));
    assert_eq!(
        (k.object.as_str(), k.ours.as_str(), k.theirs.as_str()),
        ("Action 1.4", "Kept, with changes", "Deleted")
    );
    assert_eq!(m.plan, ours, "kept in the preview");
    let deleted = apply(
        Some(&base),
        &ours,
        &theirs,
        &Decisions::all(&m, Side::Theirs),
    )
    .unwrap();
    assert!(action(&deleted, "a-1.4").is_none());
    assert_eq!(deleted.action_count(), base.action_count() - 1);

    // Deleted on their side, untouched on ours: deleted, as an incoming change.
    let m = merge(&base, &base, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan, theirs);
    assert_eq!(m.incoming.len(), 1);
    assert_eq!(m.incoming[0].key, action_key("a-1.4", Aspect::Presence));
    assert!(m.incoming[0].lines[0].starts_with("Removed action 1.4 "));
}

#[test]
fn an_update_edited_on_both_sides_is_one_conflict_in_words() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    {
        let u = &mut action_mut(&mut ours, "a-1.2").updates[0];
        u.rag = Rag::Amber;
        u.reason = "roll-out delayed".into();
    }
    {
        let u = &mut action_mut(&mut theirs, "a-1.2").updates[0];
        u.rag = Rag::Green;
        u.reason = "on track".into();
        u.author = "Health".into();
    }
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(
        c.key,
        Key::whole(Object::Update {
            action: id("a-1.2"),
            id: id("u-1.2-1")
        })
    );
    assert_eq!(c.object, "Action 1.2: progress update 22 June 2009");
    assert!(
        c.ours
            .starts_with("Amber, 'roll-out delayed' — 'AD for Change"),
        "{}",
        c.ours
    );
    assert!(
        c.theirs.starts_with("Green, 'on track' — 'AD for"),
        "{}",
        c.theirs
    );
    assert!(c.theirs.ends_with("(by Health)"), "{}", c.theirs);
    let t = apply(
        Some(&base),
        &ours,
        &theirs,
        &Decisions::all(&m, Side::Theirs),
    )
    .unwrap();
    assert_eq!(action(&t, "a-1.2").unwrap().updates[0].reason, "on track");
}

fn k(p: &mut Plan) -> &mut Kpi {
    p.kpis.iter_mut().find(|k| k.code == "NI 72").unwrap()
}

#[test]
fn kpi_values_merge_per_period_and_per_value() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();

    // The 2010/11 target on ours, the 2010/11 actual on theirs, and a new period.
    k(&mut ours).series[3].target = Some(Target::value(56.0));
    k(&mut theirs).series[3].actual = Some(Value::provisional(55.2));
    k(&mut theirs).series.push(PeriodValues {
        period: "2011/12".into(),
        target: Some(Target::value(57.0)),
        ..PeriodValues::default()
    });
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:#?}", m.conflicts);
    let got = m.plan.kpis.iter().find(|k| k.code == "NI 72").unwrap();
    assert_eq!(got.series[3].target, Some(Target::value(56.0)));
    assert_eq!(got.series[3].actual, Some(Value::provisional(55.2)));
    assert_eq!(got.series.len(), 5);
    assert_eq!(got.series[4].period, "2011/12");
    assert_eq!(
        incoming_lines(&m),
        [
            "NI 72 2010/11 actual: (blank) → 55.2 (provisional)",
            "NI 72: target 2011/12: (blank) → 57",
        ]
    );

    // Both set the same actual differently: a conflict on that value only.
    k(&mut ours).series[3].actual = Some(Value::number(54.9));
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(
        c.key,
        Key::field(
            Object::Period {
                kpi: id("k-ni72"),
                period: "2010/11".into(),
                nth: 1
            },
            "actual"
        )
    );
    assert_eq!(
        (c.object.as_str(), c.ours.as_str(), c.theirs.as_str()),
        ("NI 72 2010/11", "54.9", "55.2 (provisional)")
    );
}

#[test]
fn an_action_added_in_theirs_sits_after_its_preceding_sibling() {
    let base = example();
    let mut ours = base.clone();
    // Ours adds one at the end of priority 1; theirs adds one after 1.2.
    ours.priorities[0].actions.push(Action {
        id: id("a-ours"),
        reference: "1.8".into(),
        ..Action::default()
    });
    let mut theirs = base.clone();
    theirs.priorities[0].actions.insert(
        2,
        Action {
            id: id("a-theirs"),
            reference: "1.2a".into(),
            title: "Health visiting".into(),
            ..Action::default()
        },
    );
    let m = merge(&base, &ours, &theirs);
    let ids: Vec<&str> = m.plan.priorities[0]
        .actions
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["a-1.1", "a-1.2", "a-theirs", "a-1.3", "a-1.4", "a-1.5", "a-1.6", "a-1.7", "a-ours"]
    );
    assert_eq!(incoming_lines(&m), ["Added action 1.2a Health visiting"]);
    assert_eq!(m.incoming[0].key, action_key("a-theirs", Aspect::Presence));
}

#[test]
fn an_action_moved_on_one_side_is_moved_and_on_both_is_a_conflict() {
    let base = example();
    let mut ours = base.clone();
    action_mut(&mut ours, "a-1.5").title = "Appoint a Lead Member".into();
    let mv = move_action(&base, &id("a-1.5"), &id("p2"), None, 0).unwrap();
    let mut theirs = base.clone();
    mv.apply(&mut theirs);
    let m = merge(&base, &ours, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan.priorities[1].actions[0].id, id("a-1.5"));
    assert_eq!(
        m.plan.priorities[1].actions[0].title,
        "Appoint a Lead Member"
    );
    assert!(m.plan.priorities[0]
        .actions
        .iter()
        .all(|a| a.id != id("a-1.5")));
    assert_eq!(
        incoming_lines(&m),
        ["Action 1.5: moved from priority 1 to priority 2"]
    );
    assert_eq!(m.incoming[0].key, action_key("a-1.5", Aspect::Place));

    let mv = move_action(&base, &id("a-1.5"), &id("p3"), None, 0).unwrap();
    let mut ours = base.clone();
    mv.apply(&mut ours);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(c.key, action_key("a-1.5", Aspect::Place));
    assert_eq!(
        (c.ours.as_str(), c.theirs.as_str()),
        ("priority 3", "priority 2")
    );
    let t = apply(
        Some(&base),
        &ours,
        &theirs,
        &Decisions::all(&m, Side::Theirs),
    )
    .unwrap();
    assert_eq!(t, theirs);
}

#[test]
fn a_priority_deleted_on_one_side_with_an_action_edited_under_it_on_the_other() {
    let base = example();
    let mut ours = base.clone();
    action_mut(&mut ours, "a-3.2").title = "Edited".into();
    let mut theirs = base.clone();
    delete_priority(&base, &id("p3"))
        .unwrap()
        .apply(&mut theirs);
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    assert_eq!(
        m.conflicts[0].key,
        Key::presence(Object::Priority(id("p3")))
    );
    assert_eq!(m.plan, ours, "kept, with every action, in the preview");
    let gone = apply(
        Some(&base),
        &ours,
        &theirs,
        &Decisions::all(&m, Side::Theirs),
    )
    .unwrap();
    assert!(gone.priority(&id("p3")).is_none());
    assert!(action(&gone, "a-3.2").is_none(), "its actions go with it");
    assert_eq!(gone, theirs);

    // Untouched on ours: deleted, as one incoming change; left out, kept whole.
    let m = merge(&base, &base, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.plan, theirs);
    assert_eq!(m.incoming.len(), 1, "{:#?}", m.incoming);
    let mut leave = Decisions::default();
    leave.left_out.insert(m.incoming[0].key.clone());
    assert_eq!(apply(Some(&base), &base, &theirs, &leave).unwrap(), base);
}

#[test]
fn two_partners_files_merged_one_after_the_other() {
    let base = example();
    let mut coordinator = base.clone();
    action_mut(&mut coordinator, "a-1.3").status = ActionStatus::Complete;
    let mut health = base.clone();
    action_mut(&mut health, "a-1.2")
        .updates
        .push(update("u-h", Rag::Green, "on track", "Health"));
    health.kpis[0].series[3].actual = Some(Value::number(55.0));
    let mut police = base.clone();
    action_mut(&mut police, "a-2.1").updates.push(update(
        "u-p",
        Rag::Amber,
        "staff shortage",
        "Police",
    ));
    action_mut(&mut police, "a-1.2").updates.push(update(
        "u-p2",
        Rag::Amber,
        "data late",
        "Police",
    ));

    let take = |ours: &Plan, theirs: &Plan| {
        let m = merge(&base, ours, theirs);
        assert!(m.conflicts.is_empty(), "{:#?}", m.conflicts);
        apply(Some(&base), ours, theirs, &Decisions::default()).unwrap()
    };
    let one = take(&take(&coordinator, &health), &police);
    let other = take(&take(&coordinator, &police), &health);
    for plan in [&one, &other] {
        assert_eq!(
            action(plan, "a-1.3").unwrap().status,
            ActionStatus::Complete
        );
        assert_eq!(plan.kpis[0].series[3].actual, Some(Value::number(55.0)));
        assert_eq!(action(plan, "a-2.1").unwrap().updates.len(), 1);
        let ids: HashSet<&str> = action(plan, "a-1.2")
            .unwrap()
            .updates
            .iter()
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(ids, HashSet::from(["u-1.2-1", "u-h", "u-p2"]));
    }
    assert_eq!(normalised(&one), normalised(&other), "either order");
}

#[test]
fn a_file_whose_base_is_gone_merges_two_way_with_every_difference_a_choice() {
    let base = example();
    let mut ours = base.clone();
    action_mut(&mut ours, "a-1.3").title = "Ours".into();
    let mut theirs = base.clone();
    action_mut(&mut theirs, "a-1.2")
        .updates
        .push(update("u-h", Rag::Green, "on track", "Health"));
    theirs.kpis[0].series[3].actual = Some(Value::number(55.0));
    let m = merge_two_way(&ours, &theirs);
    assert!(m.two_way);
    assert_eq!(m.plan, ours, "nothing taken until chosen");
    assert!(m.incoming.is_empty());
    let keys: Vec<&Key> = m.conflicts.iter().map(|c| &c.key).collect();
    assert_eq!(
        keys,
        [
            &Key::presence(Object::Update {
                action: id("a-1.2"),
                id: id("u-h")
            }),
            &action_key("a-1.3", Aspect::Field("title")),
            &Key::field(
                Object::Period {
                    kpi: base.kpis[0].id.clone(),
                    period: "2010/11".into(),
                    nth: 1
                },
                "actual"
            ),
        ]
    );
    let c = &m.conflicts[0];
    assert_eq!(
        (c.ours.as_str(), c.theirs.as_str()),
        ("Does not have it", "Has it")
    );
    assert_eq!(
        apply(None, &ours, &theirs, &Decisions::all(&m, Side::Theirs)).unwrap(),
        theirs
    );
    assert!(apply(None, &ours, &theirs, &Decisions::default()).is_err());
}

#[test]
fn the_merge_is_one_undoable_step() {
    let base = example();
    let mut theirs = base.clone();
    action_mut(&mut theirs, "a-1.2").title = "Theirs".into();
    let m = merge(&base, &base, &theirs);
    let mut plan = base.clone();
    let mut h = History::default();
    h.apply(&mut plan, change(&base, m.plan.clone()), "Merge changes");
    assert_eq!(plan, theirs);
    h.undo(&mut plan);
    assert_eq!(plan, base);
}

#[test]
fn their_reordering_is_taken_when_ours_only_deleted_and_added() {
    let base = example();
    let mut ours = base.clone();
    delete_action(&base, &id("a-1.7")).unwrap().apply(&mut ours);
    ours.priorities[0].actions.insert(
        0,
        Action {
            id: id("a-ours"),
            ..Action::default()
        },
    );
    let mut theirs = base.clone();
    move_action(&base, &id("a-1.1"), &id("p1"), None, 6)
        .unwrap()
        .apply(&mut theirs);
    let m = merge(&base, &ours, &theirs);
    let ids: Vec<&str> = m.plan.priorities[0]
        .actions
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["a-ours", "a-1.2", "a-1.3", "a-1.4", "a-1.5", "a-1.6", "a-1.1"]
    );
    // Ours reordered too: ours' order, with nothing of theirs to add.
    move_action(&ours, &id("a-1.3"), &id("p1"), None, 1)
        .unwrap()
        .apply(&mut ours);
    let m = merge(&base, &ours, &theirs);
    let ids: Vec<&str> = m.plan.priorities[0]
        .actions
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["a-ours", "a-1.3", "a-1.1", "a-1.2", "a-1.4", "a-1.5", "a-1.6"]
    );
}

#[test]
fn kpis_stay_linked_to_a_priority_or_outcome_whose_deletion_is_left_out() {
    let mut base = example();
    // One KPI on priority 4 itself, the others on its outcomes.
    base.kpis[0].outcome_id = None;
    let deletions = [
        delete_outcome(&base, &id("p4-o4")).unwrap(),
        delete_priority(&base, &id("p4")).unwrap(),
    ];
    for deletion in deletions {
        let mut theirs = base.clone();
        deletion.apply(&mut theirs);
        assert_ne!(theirs.kpis, base.kpis, "the deletion unlinks KPIs");
        let m = merge(&base, &base, &theirs);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.plan, theirs);
        assert_eq!(m.incoming.len(), 1, "one change: {:#?}", m.incoming);
        let mut leave = Decisions::default();
        leave.left_out.insert(m.incoming[0].key.clone());
        let kept = apply(Some(&base), &base, &theirs, &leave).unwrap();
        assert_eq!(kept, base, "its KPIs keep their links");

        // Edited under it on our side: a conflict; kept, the links stay.
        let mut ours = base.clone();
        action_mut(&mut ours, "a-4.4.3").title = "Edited".into();
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
        assert_eq!(m.plan, ours);
        let gone = apply(
            Some(&base),
            &ours,
            &theirs,
            &Decisions::all(&m, Side::Theirs),
        )
        .unwrap();
        assert_eq!(gone, theirs);
    }
}

// ----------------------------------------------------------------- properties

/// The plan with every list sorted by id (and series by period), for comparing
/// merges up to the order of what both sides appended.
fn normalised(p: &Plan) -> Plan {
    let mut p = p.clone();
    let sort_action = |a: &mut Action| {
        a.updates.sort_by(|x, y| x.id.cmp(&y.id));
        a.milestones.sort_by(|x, y| x.id.cmp(&y.id));
        a.risks.sort_by(|x, y| x.id.cmp(&y.id));
    };
    p.priorities.sort_by(|x, y| x.id.cmp(&y.id));
    for pr in &mut p.priorities {
        pr.actions.sort_by(|x, y| x.id.cmp(&y.id));
        pr.actions.iter_mut().for_each(sort_action);
        pr.outcomes.sort_by(|x, y| x.id.cmp(&y.id));
        for o in &mut pr.outcomes {
            o.actions.sort_by(|x, y| x.id.cmp(&y.id));
            o.actions.iter_mut().for_each(sort_action);
        }
    }
    p.kpis.sort_by(|x, y| x.id.cmp(&y.id));
    for k in &mut p.kpis {
        k.series.sort_by(|x, y| x.period.cmp(&y.period));
    }
    p.risks.sort_by(|x, y| x.id.cmp(&y.id));
    p
}

#[derive(Debug, Clone)]
enum Op {
    Title(u16, u8),
    Leads(u16, u8),
    Status(u16, u8),
    AddUpdate(u16, u8),
    EditUpdate(u16, u8),
    DeleteUpdate(u16),
    AddMilestone(u16),
    ToggleMilestone(u16),
    AddAction(u8, bool),
    DeleteAction(u16),
    MoveAction(u16, u8, u8, u8),
    AddPriority,
    EditPriority(u8, u8),
    DeletePriority(u8),
    MovePriority(u8, u8),
    AddOutcome(u8),
    DeleteOutcome(u8, u8),
    Value(u16, u8, u8, u8),
    Target(u16, u8, u8),
    AddPeriod(u16, u8),
    AddKpi,
    DeleteKpi(u16),
    EditKpi(u16, u8),
    Details(u8),
    AddRisk,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<u16>(), 0..3u8).prop_map(|(a, b)| Op::Title(a, b)),
        (any::<u16>(), 0..3u8).prop_map(|(a, b)| Op::Leads(a, b)),
        (any::<u16>(), any::<u8>()).prop_map(|(a, b)| Op::Status(a, b)),
        (any::<u16>(), any::<u8>()).prop_map(|(a, b)| Op::AddUpdate(a, b)),
        (any::<u16>(), 0..3u8).prop_map(|(a, b)| Op::EditUpdate(a, b)),
        any::<u16>().prop_map(Op::DeleteUpdate),
        any::<u16>().prop_map(Op::AddMilestone),
        any::<u16>().prop_map(Op::ToggleMilestone),
        (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::AddAction(a, b)),
        any::<u16>().prop_map(Op::DeleteAction),
        (any::<u16>(), any::<u8>(), any::<u8>(), any::<u8>())
            .prop_map(|(a, b, c, d)| Op::MoveAction(a, b, c, d)),
        Just(Op::AddPriority),
        (any::<u8>(), 0..3u8).prop_map(|(a, b)| Op::EditPriority(a, b)),
        any::<u8>().prop_map(Op::DeletePriority),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::MovePriority(a, b)),
        any::<u8>().prop_map(Op::AddOutcome),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::DeleteOutcome(a, b)),
        (any::<u16>(), any::<u8>(), any::<u8>(), 0..3u8)
            .prop_map(|(a, b, c, d)| Op::Value(a, b, c, d)),
        (any::<u16>(), any::<u8>(), 0..3u8).prop_map(|(a, b, c)| Op::Target(a, b, c)),
        (any::<u16>(), 0..3u8).prop_map(|(a, b)| Op::AddPeriod(a, b)),
        Just(Op::AddKpi),
        any::<u16>().prop_map(Op::DeleteKpi),
        (any::<u16>(), 0..3u8).prop_map(|(a, b)| Op::EditKpi(a, b)),
        (0..3u8).prop_map(Op::Details),
        Just(Op::AddRisk),
    ]
}

fn pick<T>(v: &[T], n: usize) -> Option<&T> {
    if v.is_empty() {
        None
    } else {
        v.get(n % v.len())
    }
}

fn nth_action(plan: &Plan, n: u16) -> Option<Action> {
    let c = plan.action_count();
    (c > 0)
        .then(|| {
            plan.actions()
                .nth(usize::from(n) % c)
                .map(|r| r.action.clone())
        })
        .flatten()
}

/// An edit of the action, as one change.
fn edit_action(plan: &Plan, n: u16, f: impl FnOnce(&mut Action)) -> Option<Change> {
    let mut a = nth_action(plan, n)?;
    f(&mut a);
    upsert_action(plan, &id("-"), None, a)
}

fn edit_kpi(plan: &Plan, n: u16, f: impl FnOnce(&mut Kpi)) -> Option<Change> {
    let mut k = pick(&plan.kpis, n.into())?.clone();
    f(&mut k);
    upsert_kpi(plan, k)
}

/// The change an op makes on one side (`side` keeps new ids of the two sides apart).
fn change_for(plan: &Plan, op: &Op, side: &str) -> Option<Change> {
    let new = |prefix: &str| new_id(plan, &format!("{side}{prefix}"));
    match *op {
        Op::Title(n, v) => edit_action(plan, n, |a| a.title = format!("Title {v}")),
        Op::Leads(n, v) => edit_action(plan, n, |a| a.leads = vec![format!("Lead {v}")]),
        Op::Status(n, v) => edit_action(plan, n, |a| {
            a.status = ActionStatus::ALL[usize::from(v) % 4];
        }),
        Op::AddUpdate(n, v) => {
            let uid = new("u");
            edit_action(plan, n, |a| {
                a.updates.push(ProgressUpdate {
                    id: uid,
                    date: Date::new(2026, 1 + v % 12, 1),
                    rag: Rag::ALL[usize::from(v) % 5],
                    reason: format!("Reason {v}"),
                    author: side.into(),
                    ..ProgressUpdate::default()
                })
            })
        }
        Op::EditUpdate(n, v) => edit_action(plan, n, |a| {
            if let Some(u) = a.updates.first_mut() {
                u.reason = format!("Edited {v}");
                u.edited_at = Some(format!("2026-11-0{v}T00:00:00Z"));
            }
        }),
        Op::DeleteUpdate(n) => edit_action(plan, n, |a| {
            if let Some(u) = a.updates.first_mut() {
                u.deleted_at = Some("2026-11-09T00:00:00Z".into());
            }
        }),
        Op::AddMilestone(n) => {
            let mid = new("m");
            edit_action(plan, n, |a| {
                a.milestones.push(Milestone {
                    id: mid,
                    title: "Step".into(),
                    ..Milestone::default()
                })
            })
        }
        Op::ToggleMilestone(n) => edit_action(plan, n, |a| {
            if let Some(m) = a.milestones.first_mut() {
                m.done = !m.done;
            }
        }),
        Op::AddAction(p, into_outcome) => {
            let pr = pick(&plan.priorities, p.into())?;
            let o = if into_outcome {
                pick(&pr.outcomes, p.into()).map(|o| o.id.clone())
            } else {
                None
            };
            let a = Action {
                id: new("a"),
                title: format!("New from {side}"),
                ..Action::default()
            };
            upsert_action(plan, &pr.id, o.as_ref(), a)
        }
        Op::DeleteAction(n) => delete_action(plan, &nth_action(plan, n)?.id),
        Op::MoveAction(n, p, o, i) => {
            let aid = nth_action(plan, n)?.id;
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
                id: new("p"),
                title: format!("New from {side}"),
                ..Priority::default()
            },
        ),
        Op::EditPriority(p, v) => {
            let mut pr = pick(&plan.priorities, p.into())?.clone();
            pr.title = format!("Priority {v}");
            upsert_priority(plan, pr)
        }
        Op::DeletePriority(p) => delete_priority(plan, &pick(&plan.priorities, p.into())?.id),
        Op::MovePriority(p, to) => {
            move_priority(plan, &pick(&plan.priorities, p.into())?.id, to.into())
        }
        Op::AddOutcome(p) => {
            let pr = pick(&plan.priorities, p.into())?;
            let o = Outcome {
                id: new("o"),
                number: format!("{p}"),
                ..Outcome::default()
            };
            upsert_outcome(plan, &pr.id, o)
        }
        Op::DeleteOutcome(p, o) => {
            let pr = pick(&plan.priorities, p.into())?;
            delete_outcome(plan, &pick(&pr.outcomes, o.into())?.id)
        }
        Op::Value(k, period, slot, v) => edit_kpi(plan, k, |k| {
            if let Some(p) = pick(&k.series, period.into()).map(|p| p.period.clone()) {
                let p = k.series.iter_mut().find(|x| x.period == p).unwrap();
                let (_, _, set) = SLOTS[usize::from(slot) % 4];
                *set(p) = Some(Value::number(f64::from(v) + 40.0));
            }
        }),
        Op::Target(k, period, v) => edit_kpi(plan, k, |k| {
            let n = k.series.len();
            if n > 0 {
                k.series[usize::from(period) % n].target = Some(Target::value(f64::from(v) + 50.0));
            }
        }),
        Op::AddPeriod(k, v) => edit_kpi(plan, k, |k| {
            k.series.push(PeriodValues {
                period: format!("20{}/{}", 30 + v, 31 + v),
                actual: Some(Value::number(f64::from(v))),
                ..PeriodValues::default()
            })
        }),
        Op::AddKpi => upsert_kpi(
            plan,
            Kpi {
                id: new("k"),
                code: format!("L {side}"),
                ..Kpi::default()
            },
        ),
        Op::DeleteKpi(k) => delete_kpi(plan, &pick(&plan.kpis, k.into())?.id),
        Op::EditKpi(k, v) => edit_kpi(plan, k, |k| k.responsible_officer = format!("Officer {v}")),
        Op::Details(v) => {
            let mut d = PlanDetails::of(plan);
            d.title = format!("Plan {v}");
            set_details(plan, d)
        }
        Op::AddRisk => upsert_risk(
            plan,
            waymark::core::model::Risk {
                id: new("r"),
                description: format!("Risk from {side}"),
                ..Default::default()
            },
        ),
    }
}

fn edited(base: &Plan, ops: &[Op], side: &str) -> Plan {
    let mut plan = base.clone();
    for op in ops {
        if let Some(c) = change_for(&plan, op, side) {
            c.apply(&mut plan);
        }
    }
    plan
}

/// Every progress update, by action and id.
fn updates(p: &Plan) -> Vec<(Id, ProgressUpdate)> {
    p.actions()
        .flat_map(|r| {
            r.action
                .updates
                .iter()
                .map(move |u| (r.action.id.clone(), u.clone()))
        })
        .collect()
}

/// Every KPI value: (KPI, period, value name) → value text.
fn values(p: &Plan) -> Vec<((Id, String, &'static str), String)> {
    let mut out = Vec::new();
    for k in &p.kpis {
        for s in &k.series {
            for (name, get, _) in SLOTS {
                if let Some(v) = get(s) {
                    out.push(((k.id.clone(), s.period.clone(), name), format!("{v:?}")));
                }
            }
        }
    }
    out
}

fn sides() -> impl Strategy<Value = (Vec<Op>, Vec<Op>)> {
    (
        prop::collection::vec(op(), 0..12),
        prop::collection::vec(op(), 0..12),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn one_sided_and_identical_edits_merge_to_that_side((xs, ys) in sides()) {
        let base = example();
        let x = edited(&base, &xs, "x");
        let y = edited(&base, &ys, "y");
        let m = merge(&base, &x, &base);
        prop_assert!(m.conflicts.is_empty());
        prop_assert!(m.incoming.is_empty());
        prop_assert_eq!(&m.plan, &x);
        let m = merge(&base, &base, &y);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.plan, &y);
        prop_assert_eq!(&apply(Some(&base), &base, &y, &Decisions::default()).unwrap(), &y);
        let m = merge(&base, &x, &x);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.plan, &x);
        let m = merge_two_way(&x, &x);
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.plan, &x);
    }

    #[test]
    fn merges_keep_everything_and_report_every_conflict((xs, ys) in sides()) {
        let base = example();
        let x = edited(&base, &xs, "x");
        let y = edited(&base, &ys, "y");
        let m = merge(&base, &x, &y);
        let conflicts: HashSet<&Key> = m.conflicts.iter().map(|c| &c.key).collect();
        prop_assert_eq!(conflicts.len(), m.conflicts.len(), "one conflict per key");

        // Resolving every conflict ours gives the preview.
        let ours = apply(Some(&base), &x, &y, &Decisions::all(&m, Side::Ours)).unwrap();
        prop_assert_eq!(&ours, &m.plan);
        let theirs = apply(Some(&base), &x, &y, &Decisions::all(&m, Side::Theirs)).unwrap();

        for plan in [&ours, &theirs] {
            // No progress update of either side is lost while its action is there.
            let kept: HashSet<(Id, Id)> =
                updates(plan).into_iter().map(|(a, u)| (a, u.id)).collect();
            let actions: HashSet<Id> = plan.actions().map(|r| r.action.id.clone()).collect();
            for (a, u) in updates(&x).into_iter().chain(updates(&y)) {
                if actions.contains(&a) {
                    prop_assert!(kept.contains(&(a.clone(), u.id.clone())), "lost {} of {}", u.id, a);
                }
            }
            // No KPI value set on either side is lost, unless the other side
            // set it too (a conflict) or deleted its KPI.
            let got: HashSet<_> = values(plan).into_iter().collect();
            let kpis: HashSet<&Id> = plan.kpis.iter().map(|k| &k.id).collect();
            let was: HashSet<_> = values(&base).into_iter().collect();
            let x_values: HashSet<_> = values(&x).into_iter().collect();
            let y_values: HashSet<_> = values(&y).into_iter().collect();
            for (side, other) in [(&x_values, &y_values), (&y_values, &x_values)] {
                for v in side.iter().filter(|v| !was.contains(*v)) {
                    let ((k, period, name), _) = v;
                    // The other side set the same value differently.
                    let clash = other.iter().any(|w| {
                        w.0 == (k.clone(), period.clone(), *name) && w.1 != v.1 && !was.contains(w)
                    });
                    if kpis.contains(k) && !clash {
                        prop_assert!(got.contains(v), "lost {:?}", v);
                    }
                }
            }
        }

        // Every action field both sides changed differently is a conflict, and
        // every field changed on one side only comes in.
        let tables = [ACTION_FIELDS, ACTION_FIELDS_MID, ACTION_FIELDS_AFTER];
        for r in base.actions() {
            let b = r.action;
            let (Some(o), Some(t)) = (action(&x, b.id.as_str()), action(&y, b.id.as_str())) else {
                continue;
            };
            let Some(got) = action(&m.plan, b.id.as_str()) else { continue };
            // (An action's linked KPIs are also unlinked from KPIs the merge deletes.)
            for f in tables.iter().flat_map(|t| t.iter()).filter(|f| f.name != "linked KPIs") {
                let key = Key::field(Object::Action(b.id.clone()), f.name);
                let (oc, tc) = (!(f.same)(b, o), !(f.same)(b, t));
                if oc && tc && !(f.same)(o, t) {
                    prop_assert!(conflicts.contains(&key), "{:?} not a conflict", key);
                    prop_assert!((f.same)(got, o));
                } else if tc && !oc {
                    prop_assert!((f.same)(got, t), "{:?} not taken", key);
                } else {
                    prop_assert!((f.same)(got, o), "{:?} not ours", key);
                    prop_assert!(!conflicts.contains(&key));
                }
            }
        }
    }

    #[test]
    fn edits_that_do_not_conflict_merge_the_same_either_way((xs, ys) in sides()) {
        let base = example();
        let x = edited(&base, &xs, "x");
        let y = edited(&base, &ys, "y");
        let a = merge(&base, &x, &y);
        let b = merge(&base, &y, &x);
        prop_assert_eq!(a.conflicts.len(), b.conflicts.len());
        if a.conflicts.is_empty() {
            let (pa, mut pb) = (normalised(&a.plan), normalised(&b.plan));
            // The plan's id is always ours.
            pb.id = pa.id.clone();
            prop_assert_eq!(pa, pb);
        }
    }

    #[test]
    fn each_incoming_change_can_be_left_out_alone((xs, ys) in sides(), which in any::<u16>()) {
        let base = example();
        let x = edited(&base, &xs, "x");
        let y = edited(&base, &ys, "y");
        let m = merge(&base, &x, &y);
        let Some(left) = pick(&m.incoming, which.into()) else { return Ok(()); };
        let mut decisions = Decisions::all(&m, Side::Ours);
        decisions.left_out.insert(left.key.clone());
        let plan = apply(Some(&base), &x, &y, &decisions).unwrap();
        let lines = compare_lines(&x, &plan);
        prop_assert!(
            lines.iter().all(|l| l.key.as_ref() != Some(&left.key)),
            "{:?} still comes in: {:?}", left, lines
        );
        // Every other change still comes in.
        let keys: HashSet<Key> = lines.iter().filter_map(|l| l.key.clone()).collect();
        for i in &m.incoming {
            if i.key != left.key && !matches!(left.key.aspect, Aspect::Presence) {
                prop_assert!(keys.contains(&i.key), "{:?} lost when leaving out {:?}", i, left);
            }
        }
    }

    #[test]
    fn two_way_every_difference_is_a_choice((xs, ys) in sides()) {
        let base = example();
        let x = edited(&base, &xs, "x");
        let y = edited(&base, &ys, "y");
        let m = merge_two_way(&x, &y);
        prop_assert!(m.two_way);
        prop_assert_eq!(&m.plan, &x, "nothing taken until chosen");
        prop_assert!(m.incoming.is_empty());
        prop_assert_eq!(m.conflicts.is_empty(), normalised(&x) == normalised(&y));
        // Everything picked theirs gives theirs (in ours' order).
        let t = apply(None, &x, &y, &Decisions::all(&m, Side::Theirs)).unwrap();
        prop_assert_eq!(normalised(&t), normalised(&y));
    }
}

// ----------------------------------------------------------------- the measure

/// Nanoseconds this thread has run on a CPU (Linux), else 0.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// A partner's file with 200 changed objects against the 2,000-action stress
/// plan (`cargo test --release --test merge -- --ignored --nocapture`).
#[test]
#[ignore]
fn merge_time_on_the_stress_plan() {
    use std::time::Instant;
    let base = waymark::core::stress::stress_plan(1);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let ids: Vec<Id> = base.actions().map(|r| r.action.id.clone()).collect();
    // Theirs: 150 actions with a new update, 50 KPI values.
    for (i, aid) in ids.iter().step_by(13).take(150).enumerate() {
        action_mut(&mut theirs, aid.as_str()).updates.push(update(
            &format!("u-partner-{i}"),
            Rag::Amber,
            "partner",
            "Health",
        ));
    }
    for k in theirs.kpis.iter_mut().step_by(10).take(50) {
        k.series[11].actual = Some(Value::number(12.5));
    }
    // Ours: 100 other edits meanwhile.
    for aid in ids.iter().skip(5).step_by(20).take(100) {
        action_mut(&mut ours, aid.as_str())
            .title
            .push_str(" (revised)");
    }
    let runs = 10;
    // Wall time, and this thread's time on a CPU (the machine may be shared).
    let time = |f: &dyn Fn()| {
        let (wall, cpu) = (Instant::now(), thread_cpu_ns());
        for _ in 0..runs {
            f();
        }
        let per = |d: u128| d as f64 / 1e6 / f64::from(runs);
        (
            per(wall.elapsed().as_nanos()),
            per(u128::from(thread_cpu_ns() - cpu)),
        )
    };
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.incoming.len(), 200);
    assert!(m.conflicts.is_empty());
    let preview = time(&|| {
        merge(&base, &ours, &theirs);
    });
    let applied = time(&|| {
        apply(Some(&base), &ours, &theirs, &Decisions::default()).unwrap();
    });
    let compared = time(&|| {
        waymark::core::compare::compare(&ours, &m.plan);
    });
    println!(
        "merge (preview) {:.1} ms wall, {:.1} ms CPU; apply {:.1} ms wall, {:.1} ms CPU; \
         of the preview, compare {:.1} ms wall, {:.1} ms CPU",
        preview.0, preview.1, applied.0, applied.1, compared.0, compared.1
    );
}
