//! Asking partners for updates and taking their files back (`core::exchange`),
//! and who changed what (`core::stamp`): the request's selection and file, the
//! partner's banner, a part-file completed against its base and merged, and
//! stamps through edits, undo and merges.

mod common;
use common::action as find;
use common::action_mut;

use waymark::core::date::Date;
use waymark::core::edit::Change;

fn apply(plan: &mut Plan, c: &Change) {
    c.apply(plan)
}

fn invert(c: &Change) -> Change {
    c.inverse()
}
use waymark::core::exchange::{
    complete, content_id, leads, part_of, relation, request_file_name, request_plan, request_words,
    returned_file_name, returned_plan, select, sender, Relation, Scope, Selection,
};
use waymark::core::format::{export_plan, import_plan};
use waymark::core::merge::{self, Decisions, Side};
use waymark::core::model::{
    Action, Id, Kpi, Outcome, Plan, Priority, ProgressUpdate, Rag, Stamp, UpdateRequest,
};
use waymark::core::stamp::{carry, changed_since, stamp};

fn id(s: &str) -> Id {
    Id::new(s)
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn action(aid: &str, reference: &str, leads: &[&str], kpis: &[&str]) -> Action {
    Action {
        id: id(aid),
        reference: reference.into(),
        title: format!("Action {reference}"),
        leads: leads.iter().map(|s| s.to_string()).collect(),
        kpi_ids: kpis.iter().map(|s| id(s)).collect(),
        ..Action::default()
    }
}

fn kpi(kid: &str, code: &str, officer: &str, priority: Option<&str>) -> Kpi {
    Kpi {
        id: id(kid),
        code: code.into(),
        title: format!("KPI {code}"),
        responsible_officer: officer.into(),
        priority_id: priority.map(id),
        ..Kpi::default()
    }
}

/// Two priorities: 1 with actions 1.1–1.3 (1.3 in outcome 1a), 2 with 2.1–2.2;
/// four KPIs.
fn plan() -> Plan {
    Plan {
        id: id("plan-1"),
        title: "Children's Services Improvement Plan".into(),
        organisation: "Milton Keynes Council".into(),
        priorities: vec![
            Priority {
                id: id("p1"),
                number: "1".into(),
                title: "Safeguarding".into(),
                actions: vec![
                    action("a11", "1.1", &["Designated nurse (Health)"], &["k1"]),
                    action("a12", "1.2", &["Head of Safeguarding"], &[]),
                ],
                outcomes: vec![Outcome {
                    id: id("o1a"),
                    number: "1a".into(),
                    title: "Early help".into(),
                    actions: vec![action("a13", "1.3", &["Healthwatch manager"], &["k2"])],
                    ..Outcome::default()
                }],
                ..Priority::default()
            },
            Priority {
                id: id("p2"),
                number: "2".into(),
                title: "Schools".into(),
                actions: vec![
                    action("a21", "2.1", &["head of safeguarding", "Police"], &[]),
                    action("a22", "2.2", &["School improvement"], &["k3"]),
                ],
                ..Priority::default()
            },
        ],
        kpis: vec![
            kpi("k1", "NI 112", "", None),
            kpi("k2", "NI 55", "", Some("p1")),
            kpi("k3", "NI 72", "Health visitor lead (Health)", Some("p2")),
            kpi("k4", "NI 99", "School improvement", Some("p2")),
        ],
        ..Plan::default()
    }
}

fn ids(v: &[&str]) -> Vec<Id> {
    v.iter().map(|s| id(s)).collect()
}

fn update(uid: &str, rag: Rag, reason: &str, author: &str) -> ProgressUpdate {
    ProgressUpdate {
        id: id(uid),
        date: Some(d(2026, 12, 3)),
        author: author.into(),
        rag,
        reason: reason.into(),
        ..ProgressUpdate::default()
    }
}

// ------------------------------------------------------------------- asking

#[test]
fn a_lead_is_matched_whole_ignoring_case_and_spacing() {
    let s = select(&plan(), &Scope::Lead("  Head of   safeguarding ".into()));
    assert_eq!(s.action_ids, ids(&["a12", "a21"]));
    assert_eq!(s.kpi_ids, Vec::<Id>::new());
    assert_eq!(s.words(), "2 actions");
}

#[test]
fn an_organisation_matches_whole_words_in_leads_and_officers() {
    let s = select(&plan(), &Scope::Organisation("health".into()));
    // "Healthwatch manager" is not Health; KPIs: linked from 1.1, and k3's officer.
    assert_eq!(s.action_ids, ids(&["a11"]));
    assert_eq!(s.kpi_ids, ids(&["k1", "k3"]));
    assert_eq!(s.words(), "1 action and 2 KPIs");
    assert!(select(&plan(), &Scope::Organisation("  ".into())).is_empty());
}

#[test]
fn priorities_take_every_action_and_kpi_under_them() {
    let s = select(&plan(), &Scope::Priorities(ids(&["p2"])));
    assert_eq!(s.action_ids, ids(&["a21", "a22"]));
    assert_eq!(s.kpi_ids, ids(&["k3", "k4"]));
    let s = select(&plan(), &Scope::Priorities(ids(&["p1"])));
    assert_eq!(s.action_ids, ids(&["a11", "a12", "a13"]));
    assert_eq!(s.kpi_ids, ids(&["k1", "k2"]));
    assert_eq!(
        Selection::default().words(),
        "no actions or KPIs",
        "an empty selection says so"
    );
    let kpis_only = Selection {
        action_ids: vec![],
        kpi_ids: ids(&["k3", "k4"]),
    };
    assert_eq!(kpis_only.words(), "2 KPIs");
}

#[test]
fn the_leads_to_choose_from_are_each_listed_once_in_plan_order() {
    assert_eq!(
        leads(&plan()),
        vec![
            "Designated nurse (Health)",
            "Head of Safeguarding",
            "Healthwatch manager",
            "Police",
            "School improvement",
            "Health visitor lead (Health)",
        ]
    );
}

#[test]
fn the_content_id_names_one_version_and_ignores_what_the_file_says_of_itself() {
    let p = plan();
    assert_eq!(content_id(&p), content_id(&p.clone()));
    assert_eq!(content_id(&p).len(), 32);
    let mut q = p.clone();
    q.exchange = Some(Default::default());
    assert_eq!(content_id(&p), content_id(&q));
    action_mut(&mut q, "a12").title.push('!');
    assert_ne!(content_id(&p), content_id(&q));
}

fn request(part: bool, sel: &Selection) -> UpdateRequest {
    UpdateRequest {
        for_whom: "Health".into(),
        from: "Milton Keynes Council".into(),
        asked_on: Some(d(2026, 12, 1)),
        wanted_by: Some(d(2026, 12, 15)),
        action_ids: sel.action_ids.clone(),
        kpi_ids: sel.kpi_ids.clone(),
        part,
    }
}

#[test]
fn a_part_file_holds_their_actions_and_kpis_with_their_context_only() {
    let p = plan();
    let sel = Selection {
        action_ids: ids(&["a13"]),
        kpi_ids: ids(&["k2", "k3"]),
    };
    let part = part_of(&p, &sel.action_ids, &sel.kpi_ids);
    // p1 for 1.3 (in outcome 1a) and k2; p2 only because k3 belongs to it.
    assert_eq!(part.priorities.len(), 2);
    assert!(part.priorities[0].actions.is_empty());
    assert_eq!(part.priorities[0].outcomes[0].actions[0].id, id("a13"));
    assert!(part.priorities[1].actions.is_empty());
    assert_eq!(
        part.kpis.iter().map(|k| k.id.clone()).collect::<Vec<_>>(),
        ids(&["k2", "k3"])
    );
    assert!(part.risks.is_empty());
    assert_eq!(part.title, p.title);
}

#[test]
fn a_request_file_reads_back_through_the_import_path_unchanged() {
    let p = plan();
    for part in [false, true] {
        let sel = select(&p, &Scope::Organisation("Health".into()));
        let file = request_plan(
            &p,
            request(part, &sel),
            "Sam Coordinator",
            "2026-12-01T09:00:00Z",
        );
        let ex = file.exchange.clone().unwrap();
        assert_eq!(ex.base, content_id(&p));
        assert_eq!(ex.sent_by, "Sam Coordinator");
        let back = import_plan(&export_plan(&file, "2026-12-01T09:00:00Z")).unwrap();
        assert_eq!(back.repairs, vec![], "part={part}");
        assert_eq!(back.plan, file, "part={part}");
        assert_eq!(back.plan.actions().count(), if part { 1 } else { 5 });
    }
}

#[test]
fn the_partner_sees_who_asked_by_when_and_how_much() {
    let p = plan();
    let sel = select(&p, &Scope::Organisation("Health".into()));
    let file = request_plan(&p, request(true, &sel), "Sam", "2026-12-01T09:00:00Z");
    assert_eq!(
        request_words(&file).unwrap(),
        "Updates asked for by Milton Keynes Council by 15 December 2026: your 1 action and 2 KPIs"
    );
    assert_eq!(request_words(&p), None);
    let mut r = request(true, &sel);
    r.from = " ".into();
    r.wanted_by = None;
    let file = request_plan(&p, r, "Sam", "2026-12-01T09:00:00Z");
    assert_eq!(
        request_words(&file).unwrap(),
        "Updates asked for by the plan's coordinator: your 1 action and 2 KPIs"
    );
}

#[test]
fn file_names_say_who_the_file_is_for_and_from() {
    assert_eq!(
        request_file_name(
            "Children's Services Improvement Plan",
            "Health",
            Some(d(2026, 12, 15))
        ),
        "children-s-services-improvement-plan-updates-for-health-2026-12-15.json"
    );
    assert_eq!(
        request_file_name("Plan", "Thames Valley Police", None),
        "plan-updates-for-thames-valley-police.json"
    );
    assert_eq!(
        returned_file_name("Plan", "Priya (Health)", d(2026, 12, 3)),
        "plan-updates-from-priya-health-2026-12-03.json"
    );
}

#[test]
fn a_returned_file_of_the_same_plan_names_its_base_and_its_sender() {
    let p = plan();
    let sel = select(&p, &Scope::Lead("Police".into()));
    let file = request_plan(&p, request(false, &sel), "Sam", "t");
    let back = returned_plan(&file, " Police liaison ", "2026-12-04T10:00:00Z");
    assert_eq!(
        relation(&p, &back),
        Relation::SamePlan {
            base: Some(content_id(&p))
        }
    );
    assert_eq!(sender(&back, "file.json"), "Police liaison");
    assert_eq!(
        back.exchange.as_ref().unwrap().request,
        file.exchange.unwrap().request
    );
    let mut other = p.clone();
    other.id = id("another");
    assert_eq!(relation(&p, &other), Relation::Other);
    assert_eq!(relation(&p, &p), Relation::SamePlan { base: None });
    assert_eq!(sender(&p, "file.json"), "file.json");
}

// ------------------------------------------------------- a part coming back

#[test]
fn a_part_file_completed_from_its_base_changes_only_what_it_changed() {
    let base = plan();
    let sel = Selection {
        action_ids: ids(&["a11", "a13"]),
        kpi_ids: ids(&["k1", "k2"]),
    };
    let mut theirs = request_plan(&base, request(true, &sel), "Sam", "t");
    // The partner: updates 1.1, deletes 1.3, adds a new action after 1.1,
    // changes k1's officer.
    action_mut(&mut theirs, "a11")
        .updates
        .push(update("u1", Rag::Green, "on track", "Health"));
    theirs.priorities[0].outcomes[0].actions.clear();
    theirs.priorities[0]
        .actions
        .push(action("new1", "1.4", &["Health"], &[]));
    theirs.kpis[0].responsible_officer = "Health".into();
    let full = complete(&base, &theirs);
    // Outside the request: the base's, so unchanged.
    assert_eq!(find(&full, "a12"), find(&base, "a12"));
    assert_eq!(find(&full, "a21"), find(&base, "a21"));
    assert_eq!(full.kpis.len(), 4);
    assert_eq!(full.kpis[3], base.kpis[3]);
    // Inside it: the partner's.
    assert_eq!(find(&full, "a11").unwrap().updates.len(), 1);
    assert!(find(&full, "a13").is_none());
    assert_eq!(
        full.priorities[0]
            .actions
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        vec!["a11", "new1", "a12"],
        "a new action follows the action before it in the part"
    );
    assert_eq!(full.kpis[0].responsible_officer, "Health");
    // A whole-plan file is taken as it is.
    let whole = request_plan(&base, request(false, &sel), "Sam", "t");
    assert_eq!(complete(&base, &whole), whole);
}

#[test]
fn a_part_file_merges_with_the_coordinators_edits_and_nothing_is_lost() {
    let base = plan();
    let sel = select(&base, &Scope::Organisation("Health".into()));
    let sent = request_plan(&base, request(true, &sel), "Sam", "t");
    // Partner updates 1.1 and sends it back through a file.
    let mut theirs = import_plan(&export_plan(&sent, "t")).unwrap().plan;
    action_mut(&mut theirs, "a11")
        .updates
        .push(update("u1", Rag::Green, "on track", "Priya"));
    let theirs = returned_plan(&theirs, "Priya (Health)", "2026-12-04T10:00:00Z");
    let back = import_plan(&export_plan(&theirs, "t")).unwrap().plan;
    // Meanwhile the coordinator edits 2.2 and 1.1's title.
    let mut ours = base.clone();
    action_mut(&mut ours, "a22").title = "Raise attainment".into();
    action_mut(&mut ours, "a11").title = "Health checks for every child".into();
    let m = merge::merge(&base, &ours, &complete(&base, &back));
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let lines: Vec<String> = m.incoming.iter().map(|i| i.text()).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("1.1"), "{lines:?}");
    let merged = m.plan;
    assert_eq!(find(&merged, "a22").unwrap().title, "Raise attainment");
    let a11 = find(&merged, "a11").unwrap();
    assert_eq!(a11.title, "Health checks for every child");
    assert_eq!(a11.updates.len(), 1);
    assert_eq!(a11.updates[0].author, "Priya");
    assert_eq!(merged.actions().count(), 5);
    assert_eq!(merged.kpis, base.kpis);
}

#[test]
fn five_partners_files_merge_in_any_order_with_every_update_kept() {
    let base = plan();
    let names = ["Health", "Police", "Schools", "Safeguarding", "Healthwatch"];
    let aids = ["a11", "a21", "a22", "a12", "a13"];
    let files: Vec<Plan> = names
        .iter()
        .zip(aids)
        .enumerate()
        .map(|(i, (name, aid))| {
            let sel = Selection {
                action_ids: vec![id(aid)],
                kpi_ids: vec![],
            };
            let mut r = request(i % 2 == 0, &sel);
            r.for_whom = name.to_string();
            let mut f = request_plan(&base, r, "Sam", "t");
            action_mut(&mut f, aid).updates.push(update(
                &format!("u-{name}"),
                Rag::Amber,
                "some delay",
                name,
            ));
            returned_plan(&f, name, "2026-12-05T10:00:00Z")
        })
        .collect();
    for order in [[0, 1, 2, 3, 4], [4, 2, 0, 3, 1]] {
        let mut ours = base.clone();
        action_mut(&mut ours, "a12").title = "Coordinator's edit".into();
        for &i in &order {
            let m = merge::merge(&base, &ours, &complete(&base, &files[i]));
            assert!(m.conflicts.is_empty());
            ours = merge::apply(
                Some(&base),
                &ours,
                &complete(&base, &files[i]),
                &Decisions::default(),
            )
            .unwrap();
        }
        for (name, aid) in names.iter().zip(aids) {
            let a = find(&ours, aid).unwrap();
            assert_eq!(a.updates.len(), 1, "{aid}");
            assert_eq!(a.updates[0].author, *name);
        }
        assert_eq!(find(&ours, "a12").unwrap().title, "Coordinator's edit");
    }
}

// ------------------------------------------------------------------ stamps

fn priority_change(plan: &Plan, i: usize, f: impl FnOnce(&mut Priority)) -> Change {
    let before = plan.priorities[i].clone();
    let mut after = before.clone();
    f(&mut after);
    Change::Priority {
        index: i,
        before: Some(Box::new(before)),
        after: Some(Box::new(after)),
    }
}

#[test]
fn an_edit_stamps_exactly_the_objects_it_changed_and_undo_takes_it_back() {
    let p = plan();
    let c = priority_change(&p, 0, |pr| {
        pr.outcomes[0].actions[0].title = "New words".into()
    });
    let c = stamp(c, " Sam ", "2026-12-02T10:00:00Z");
    let mut after = p.clone();
    apply(&mut after, &c);
    let s = Some(Stamp {
        by: "Sam".into(),
        at: "2026-12-02T10:00:00Z".into(),
    });
    assert_eq!(find(&after, "a13").unwrap().changed, s);
    assert_eq!(find(&after, "a11").unwrap().changed, None);
    assert_eq!(
        after.priorities[0].changed, None,
        "the priority's own fields did not change"
    );
    assert_eq!(after.priorities[0].outcomes[0].changed, None);
    apply(&mut after, &invert(&c));
    assert_eq!(after, p);

    let c = stamp(
        priority_change(&p, 1, |pr| pr.title = "Schools and learning".into()),
        "Sam",
        "t2",
    );
    let mut after = p.clone();
    apply(&mut after, &c);
    assert_eq!(after.priorities[1].changed.as_ref().unwrap().by, "Sam");
    assert!(after.priorities[1]
        .actions
        .iter()
        .all(|a| a.changed.is_none()));

    let kc = Change::Kpi {
        index: 2,
        before: Some(Box::new(p.kpis[2].clone())),
        after: Some(Box::new(Kpi {
            notes: "checked".into(),
            ..p.kpis[2].clone()
        })),
    };
    let mut after = p.clone();
    apply(&mut after, &stamp(Change::Batch(vec![kc]), "Sam", "t3"));
    assert_eq!(after.kpis[2].changed.as_ref().unwrap().at, "t3");
    assert_eq!(after.kpis[1].changed, None);
}

#[test]
fn a_whole_plan_replaced_keeps_the_stamps_it_came_with() {
    let p = plan();
    let c = Change::Whole {
        before: Box::new(p.clone()),
        after: Box::new(p.clone()),
    };
    assert_eq!(stamp(c.clone(), "Sam", "t"), c);
}

#[test]
fn a_merge_keeps_the_stamp_of_the_side_each_object_came_from() {
    let base = plan();
    let mut ours = base.clone();
    let c = stamp(
        priority_change(&ours, 1, |pr| pr.actions[1].title = "Ours".into()),
        "Sam",
        "2026-12-02T09:00:00Z",
    );
    apply(&mut ours, &c);
    let mut theirs = base.clone();
    let c = stamp(
        priority_change(&theirs, 0, |pr| pr.actions[0].title = "Theirs".into()),
        "Priya",
        "2026-12-03T09:00:00Z",
    );
    apply(&mut theirs, &c);
    let m = merge::merge(&base, &ours, &theirs);
    assert_eq!(
        find(&m.plan, "a11").unwrap().changed.as_ref().unwrap().by,
        "Priya"
    );
    assert_eq!(
        find(&m.plan, "a22").unwrap().changed.as_ref().unwrap().by,
        "Sam"
    );
    assert_eq!(find(&m.plan, "a12").unwrap().changed, None);

    // Both changed a11 differently: ours picked keeps ours' stamp; theirs picked, theirs'.
    let c = stamp(
        priority_change(&ours, 0, |pr| pr.actions[0].title = "Ours too".into()),
        "Sam",
        "2026-12-02T10:00:00Z",
    );
    apply(&mut ours, &c);
    let m = merge::merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    for (side, who) in [(Side::Ours, "Sam"), (Side::Theirs, "Priya")] {
        let plan = merge::apply(Some(&base), &ours, &theirs, &Decisions::all(&m, side)).unwrap();
        assert_eq!(
            find(&plan, "a11").unwrap().changed.as_ref().unwrap().by,
            who
        );
    }
}

#[test]
fn carry_takes_the_later_stamp_when_an_object_mixes_both_sides() {
    let base = plan();
    let s = |by: &str, at: &str| {
        Some(Stamp {
            by: by.into(),
            at: at.into(),
        })
    };
    let mut ours = base.clone();
    action_mut(&mut ours, "a12").title = "Ours".into();
    action_mut(&mut ours, "a12").changed = s("Sam", "2026-12-02");
    let mut theirs = base.clone();
    action_mut(&mut theirs, "a12").timeline = "2027".into();
    action_mut(&mut theirs, "a12").changed = s("Priya", "2026-12-03");
    let mut merged = merge::merge(&base, &ours, &theirs).plan;
    assert_eq!(find(&merged, "a12").unwrap().title, "Ours");
    assert_eq!(find(&merged, "a12").unwrap().timeline, "2027");
    assert_eq!(
        find(&merged, "a12").unwrap().changed,
        s("Priya", "2026-12-03")
    );
    action_mut(&mut merged, "a12").changed = None;
    carry(&ours, &theirs, &mut merged);
    assert_eq!(
        find(&merged, "a12").unwrap().changed,
        s("Priya", "2026-12-03")
    );
}

#[test]
fn the_changes_view_lists_what_changed_since_a_date_newest_first() {
    let mut p = plan();
    let s = |by: &str, at: &str| {
        Some(Stamp {
            by: by.into(),
            at: at.into(),
        })
    };
    action_mut(&mut p, "a12").changed = s("Sam", "2026-11-20T10:00:00Z");
    action_mut(&mut p, "a21").changed = s("Priya", "2026-12-02T10:00:00Z");
    p.kpis[0].changed = s("Sam", "2026-12-01T08:00:00Z");
    p.priorities[1].changed = s("Sam", "2026-12-01T09:00:00Z");
    action_mut(&mut p, "a11").updates.push(update(
        "u1",
        Rag::Amber,
        "Delayed by staffing",
        "Priya",
    ));
    let mut gone = update("u2", Rag::Red, "x", "Priya");
    gone.deleted_at = Some("2026-12-03T00:00:00Z".into());
    action_mut(&mut p, "a11").updates.push(gone);
    let list = changed_since(&p, "2026-12-01");
    let got: Vec<(String, String, String)> = list
        .iter()
        .map(|c| (c.object.clone(), c.what.clone(), c.by.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Action 1.1: progress update".to_string(),
                "Amber: Delayed by staffing".to_string(),
                "Priya".to_string()
            ),
            ("Action 2.1".into(), "Action 2.1".into(), "Priya".into()),
            ("Priority 2".into(), "Schools".into(), "Sam".into()),
            ("NI 112".into(), "KPI NI 112".into(), "Sam".into()),
        ]
    );
    assert!(changed_since(&p, "2026-12-04").is_empty());
}

// ------------------------------------------------------------ the ask form

mod ask_form {
    use super::*;
    use waymark::core::draft::{AskDraft, AskScope};

    fn errors(r: &waymark::core::validate::Report, field: &str) -> Option<String> {
        r.error_for(field).map(str::to_string)
    }

    #[test]
    fn a_new_request_is_wanted_in_two_weeks_for_their_part_from_the_organisation() {
        let p = plan();
        let a = AskDraft::new_for(&p, d(2026, 12, 1));
        assert_eq!(a.wanted_by.parse("x", true), Ok(Some(d(2026, 12, 15))));
        assert!(a.part);
        assert_eq!(a.from, "Milton Keynes Council");
        assert_eq!(
            a.summary(&p),
            "Choose who the updates are for to see what the file will ask about."
        );
        let r = a.into_request(&p, d(2026, 12, 1)).unwrap_err();
        assert_eq!(
            errors(&r, "scope").unwrap(),
            "Choose who the updates are for"
        );
    }

    #[test]
    fn each_scope_says_what_is_missing_and_what_matches() {
        let p = plan();
        let today = d(2026, 12, 1);
        let mut a = AskDraft::new_for(&p, today);
        a.scope = Some(AskScope::Organisation);
        let r = a.into_request(&p, today).unwrap_err();
        assert_eq!(
            errors(&r, "organisation").unwrap(),
            "Enter the name of the partner organisation"
        );
        a.organisation = "Fire service".into();
        assert_eq!(a.summary(&p), "No actions or KPIs match this choice yet.");
        let r = a.into_request(&p, today).unwrap_err();
        assert!(errors(&r, "organisation")
            .unwrap()
            .starts_with("No action's lead"));
        a.organisation = "Health".into();
        assert_eq!(
            a.summary(&p),
            "The file will ask Health about 1 action and 2 KPIs."
        );
        let req = a.into_request(&p, today).unwrap();
        assert_eq!(req.for_whom, "Health");
        assert_eq!(req.action_ids, ids(&["a11"]));
        assert_eq!(req.kpi_ids, ids(&["k1", "k3"]));
        assert_eq!(req.wanted_by, Some(d(2026, 12, 15)));
        assert_eq!(req.asked_on, Some(today));

        a.scope = Some(AskScope::Lead);
        assert_eq!(
            errors(&a.into_request(&p, today).unwrap_err(), "lead").unwrap(),
            "Choose a lead"
        );
        a.lead = "Police".into();
        a.for_whom = " Thames Valley Police ".into();
        assert_eq!(
            a.into_request(&p, today).unwrap().for_whom,
            "Thames Valley Police"
        );

        a.scope = Some(AskScope::Priorities);
        a.for_whom.clear();
        assert_eq!(
            errors(&a.into_request(&p, today).unwrap_err(), "priorities").unwrap(),
            "Tick at least one priority"
        );
        a.priorities = ids(&["p2", "p1"]);
        assert_eq!(a.who(&p), "Priority 1 and Priority 2");
        assert_eq!(a.into_request(&p, today).unwrap().action_ids.len(), 5);
    }

    #[test]
    fn the_date_wanted_is_checked() {
        let p = plan();
        let today = d(2026, 12, 1);
        let mut a = AskDraft::new_for(&p, today);
        a.scope = Some(AskScope::Lead);
        a.lead = "Police".into();
        a.wanted_by.day = "30".into();
        a.wanted_by.month = "11".into();
        assert_eq!(
            errors(&a.into_request(&p, today).unwrap_err(), "wanted_by").unwrap(),
            "The date wanted must be today or later"
        );
        a.wanted_by.day = "31".into();
        assert_eq!(
            errors(&a.into_request(&p, today).unwrap_err(), "wanted_by").unwrap(),
            "Date wanted must be a real date"
        );
        a.wanted_by = Default::default();
        assert_eq!(a.into_request(&p, today).unwrap().wanted_by, None);
    }
}

#[test]
fn the_merge_review_counts_in_words() {
    use waymark::core::exchange::merge_words;
    use waymark::core::files::{backup_before_merge, base_name};
    assert_eq!(
        merge_words(12, 1, "Health"),
        "12 changes from Health; 1 conflict to decide"
    );
    assert_eq!(merge_words(1, 0, " Health "), "1 change from Health");
    assert_eq!(merge_words(0, 2, "Health"), "2 conflicts to decide");
    assert_eq!(
        merge_words(0, 0, "Health"),
        "No changes from Health: the file holds nothing the open plan lacks"
    );
    assert_eq!(
        backup_before_merge("Health", d(2026, 12, 3)),
        "Before merging updates from Health, 3 December 2026"
    );
    assert_eq!(
        base_name(" Health ", d(2026, 12, 1)),
        "Sent to Health for updates, 1 December 2026"
    );
}

#[test]
fn a_file_coming_back_offers_merge_first_and_a_request_opens_as_a_new_plan() {
    use waymark::core::exchange::{first_choice, FirstChoice};
    let p = plan();
    let sel = select(&p, &Scope::Lead("Police".into()));
    let asked = request_plan(&p, request(false, &sel), "Sam", "t");
    let same = relation(&p, &asked);
    // The coordinator, who keeps the base: the file is coming back.
    assert_eq!(first_choice(&same, &asked, true), FirstChoice::Merge);
    // A partner who has an older copy of the plan, but not the base: a new plan.
    assert_eq!(first_choice(&same, &asked, false), FirstChoice::OpenAsNew);
    // A partner with another plan open.
    let mut other = p.clone();
    other.id = id("theirs");
    assert_eq!(
        first_choice(&relation(&other, &asked), &asked, false),
        FirstChoice::OpenAsNew
    );
    // A plain version of the open plan, and a plain other plan.
    assert_eq!(
        first_choice(&relation(&p, &p), &p, false),
        FirstChoice::Merge
    );
    assert_eq!(
        first_choice(&relation(&other, &p), &p, false),
        FirstChoice::Replace
    );
}

#[test]
fn the_last_change_is_said_in_words() {
    use waymark::core::stamp::last_changed_words;
    let mut s = Stamp {
        by: "Priya Shah".into(),
        at: "2026-12-03T10:04:00Z".into(),
    };
    assert_eq!(
        last_changed_words(Some(&s)).unwrap(),
        "Last changed by Priya Shah on 3 December 2026 at 10:04 UTC"
    );
    s.by = " ".into();
    assert_eq!(
        last_changed_words(Some(&s)).unwrap(),
        "Last changed on 3 December 2026 at 10:04 UTC"
    );
    assert_eq!(last_changed_words(None), None);
}
