//! Form drafts (`core::draft`): each form's fields as typed, and the one change
//! saving them makes. Round trips on the shipped example plan, every message and
//! its field, move-and-edit, fresh row ids, glossary and stale days, the progress
//! log's upsert and soft delete; with the enum keys, placements and move bounds the
//! forms use.

use std::collections::HashSet;
use std::sync::OnceLock;
use waymark::core::date::Date;
use waymark::core::draft::*;
use waymark::core::edit::{
    move_action, move_action_by, move_priority_by, upsert_action, upsert_risk, Change, IdGen,
};
use waymark::core::example::example_plan;
use waymark::core::model::*;
use waymark::core::validate::Report;
use waymark::core::value::parse_value;

fn plan() -> Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| example_plan().plan).clone()
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

const TIME: &str = "2009-10-15T10:00:00.000Z";

fn now() -> Now {
    Now {
        today: d(2009, 10, 15),
        time: TIME.into(),
    }
}

fn id(s: &str) -> Id {
    Id::new(s)
}

fn save<D: FormDraft + Clone>(draft: &D, plan: &Plan) -> Result<Saved, Report> {
    draft
        .clone()
        .into_change(plan, &now(), &mut IdGen::new(plan))
}

fn saved<D: FormDraft + Clone>(draft: &D, plan: &Plan) -> Saved {
    match save(draft, plan) {
        Ok(s) => s,
        Err(r) => panic!("not saved: {r:?}"),
    }
}

fn report<D: FormDraft + Clone>(draft: &D, plan: &Plan) -> Report {
    match save(draft, plan) {
        Ok(s) => panic!("saved: {s:?}"),
        Err(r) => r,
    }
}

/// The plan after the change; checks the change undoes exactly.
fn applied(plan: &Plan, change: &Change) -> Plan {
    let mut after = plan.clone();
    change.apply(&mut after);
    assert_ne!(&after, plan, "the change changes nothing");
    let mut back = after.clone();
    change.inverse().apply(&mut back);
    assert_eq!(&back, plan, "undo does not restore the plan");
    after
}

/// Saves the draft and applies its change.
fn save_apply<D: FormDraft + Clone>(draft: &D, plan: &Plan) -> (Saved, Plan) {
    let s = saved(draft, plan);
    let change = s.change.clone().expect("a change");
    let p = applied(plan, &change);
    (s, p)
}

fn errors(r: &Report) -> Vec<(&str, &str)> {
    r.errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect()
}

fn warnings(r: &Report) -> Vec<(&str, &str)> {
    r.warnings
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect()
}

fn date_text(day: &str, month: &str, year: &str) -> DateText {
    DateText {
        day: day.into(),
        month: month.into(),
        year: year.into(),
    }
}

fn all_ids(plan: &Plan) -> HashSet<String> {
    let mut ids = HashSet::from([plan.id.0.clone()]);
    for p in &plan.priorities {
        ids.insert(p.id.0.clone());
        ids.extend(p.outcomes.iter().map(|o| o.id.0.clone()));
    }
    for r in plan.actions() {
        let a = r.action;
        ids.insert(a.id.0.clone());
        ids.extend(a.milestones.iter().map(|m| m.id.0.clone()));
        ids.extend(a.risks.iter().map(|m| m.id.0.clone()));
        ids.extend(a.updates.iter().map(|m| m.id.0.clone()));
    }
    ids.extend(plan.kpis.iter().map(|k| k.id.0.clone()));
    ids.extend(plan.risks.iter().map(|k| k.id.0.clone()));
    ids
}

fn action<'a>(plan: &'a Plan, aid: &str) -> &'a Action {
    plan.actions()
        .find(|r| r.action.id.as_str() == aid)
        .map(|r| r.action)
        .unwrap_or_else(|| panic!("no action {aid}"))
}

fn ids_of_list(actions: &[Action]) -> Vec<&str> {
    actions.iter().map(|a| a.id.as_str()).collect()
}

fn gone_message(what: &str) -> String {
    format!("This {what} is no longer in the plan (it was deleted or undone, here or in another tab), so nothing was saved. Copy what you typed, then cancel.")
}

/// The example plan with one register risk (the example has none).
fn plan_with_risk() -> Plan {
    let mut p = plan();
    p.risks.push(Risk {
        changed: None,
        id: id("risk-1"),
        description: "Loss of grant funding".into(),
        mitigation: "Bid for the next round".into(),
        owner: "AD CM".into(),
        likelihood: Some(4),
        impact: Some(5),
        rag: None,
    });
    p
}

// ---------------------------------------------------------------------------
// Round trips: a draft saved with no edits changes nothing (and no empty step is
// put in the history).

#[test]
fn every_unedited_draft_of_the_example_saves_no_change() {
    let p = plan_with_risk();
    let none = |s: Saved| assert_eq!(s.change, None, "{}", s.label);
    none(saved(&DetailsDraft::from(&p), &p));
    for pr in &p.priorities {
        none(saved(&PriorityDraft::of(&p, &pr.id).unwrap(), &p));
        for o in &pr.outcomes {
            none(saved(&OutcomeDraft::of(&p, &o.id).unwrap(), &p));
        }
    }
    let mut actions = 0;
    let mut updates = 0;
    for r in p.actions() {
        let a = r.action;
        none(saved(&ActionDraft::of(&p, &a.id).unwrap(), &p));
        actions += 1;
        for u in &a.updates {
            none(saved(&UpdateDraft::of(&p, &a.id, &u.id).unwrap(), &p));
            updates += 1;
        }
    }
    assert_eq!(actions, p.action_count());
    assert!(updates > 30, "{updates}");
    for k in &p.kpis {
        none(saved(&KpiDraft::of(&p, &k.id).unwrap(), &p));
    }
    none(saved(&RiskDraft::of(&p, &id("risk-1")).unwrap(), &p));
}

#[test]
fn a_draft_holds_the_fields_as_the_form_shows_them() {
    let p = plan();
    let dd = DetailsDraft::from(&p);
    assert_eq!(dd.title, "CYPS Performance Improvement Plan");
    assert_eq!(dd.period_start, date_text("1", "6", "2009"));
    assert_eq!(dd.period_end, date_text("30", "9", "2010"));
    assert_eq!(dd.stale_after_days, "90");
    assert!(dd
        .glossary
        .starts_with("AD = Assistant Director\nAD CM = Assistant Director, Change Management\n"));
    let a = ActionDraft::of(&p, &id("a-1.1")).unwrap();
    assert_eq!(a.reference, "1.1");
    assert_eq!(
        a.placement,
        Placement {
            priority: id("p1"),
            outcome: None
        }
    );
    assert_eq!(a.opened_at, Some(a.placement.clone()));
    assert_eq!(a.milestones[0].id, Some(id("m-1.1-1")));
    assert_eq!(a.milestones[0].due, date_text("30", "9", "2009"));
    assert_eq!(a.risks.len(), 3);
    let keys: HashSet<RowKey> = a
        .milestones
        .iter()
        .map(|m| m.row)
        .chain(a.risks.iter().map(|r| r.row))
        .collect();
    assert_eq!(
        keys.len(),
        a.milestones.len() + a.risks.len(),
        "row keys are unique"
    );
    let k = KpiDraft::of(&p, &id("k-ni72")).unwrap();
    let row = |period: &str| {
        k.series
            .iter()
            .find(|r| r.cells[0] == period)
            .unwrap()
            .cells
            .clone()
    };
    assert_eq!(row("2009/10")[1], "53.7 (p)");
    assert_eq!(row("2009/10")[2], "Not yet available");
    assert_eq!(
        k.link,
        Some(Placement {
            priority: id("p4"),
            outcome: Some(id("p4-o4"))
        })
    );
    assert_eq!(ActionDraft::of(&p, &id("nope")), None);
    assert_eq!(PriorityDraft::of(&p, &id("nope")), None);
    assert_eq!(OutcomeDraft::of(&p, &id("nope")), None);
    assert_eq!(KpiDraft::of(&p, &id("nope")), None);
    assert_eq!(RiskDraft::of(&p, &id("nope")), None);
    assert_eq!(UpdateDraft::of(&p, &id("a-1.1"), &id("nope")), None);
    assert_eq!(UpdateDraft::of(&p, &id("nope"), &id("u-1.1-1")), None);
}

// ---------------------------------------------------------------------------
// Plan details

#[test]
fn details_save_every_field_and_keep_what_the_form_does_not_show() {
    let mut p = plan();
    p.cover_sheet.subject = "Improvement plan progress".into();
    p.last_updated = Some(d(2009, 9, 30));
    let mut dd = DetailsDraft::from(&p);
    dd.title = "  CYPS Improvement Plan 2009–10 ".into();
    dd.organisation = " Milton Keynes Council ".into();
    dd.status = PlanStatus::Approved;
    dd.approved_by = "Cabinet".into();
    dd.approved_on = date_text("1", "Oct", "2009");
    dd.period_end = date_text("31", "3", "2011");
    dd.links = "First link\n\n  Second link  \n".into();
    dd.notes = " A note \n".into();
    dd.rag_meanings = [
        "Off trajectory".into(),
        "  ".into(),
        "On trajectory".into(),
        String::new(),
        String::new(),
    ];
    dd.stale_after_days = " 30 ".into();
    let (s, after) = save_apply(&dd, &p);
    assert_eq!(s.label, "Edit plan details");
    assert_eq!(s.id, p.id);
    assert_eq!(after.title, "CYPS Improvement Plan 2009–10");
    assert_eq!(after.organisation, "Milton Keynes Council");
    assert_eq!(after.status, PlanStatus::Approved);
    assert_eq!(after.approved_by, "Cabinet");
    assert_eq!(after.approved_on, Some(d(2009, 10, 1)));
    assert_eq!(after.period_start, Some(d(2009, 6, 1)));
    assert_eq!(after.period_end, Some(d(2011, 3, 31)));
    assert_eq!(after.links, vec!["First link", "Second link"]);
    assert_eq!(after.notes, vec!["A note"]);
    // In the plan's order (green first in the example); emptied ones dropped.
    assert_eq!(
        after.rag_definitions,
        vec![
            RagDefinition {
                rag: Rag::Green,
                meaning: "On trajectory".into()
            },
            RagDefinition {
                rag: Rag::Red,
                meaning: "Off trajectory".into()
            },
        ]
    );
    assert_eq!(after.settings.stale_after_days, 30);
    assert_eq!(after.glossary, p.glossary);
    assert_eq!(after.cover_sheet.subject, "Improvement plan progress");
    assert_eq!(after.last_updated, Some(d(2009, 9, 30)));
    assert_eq!(after.priorities, p.priorities);
}

#[test]
fn rag_definitions_keep_the_plans_order_and_new_ones_follow() {
    let mut p = plan();
    p.rag_definitions = vec![RagDefinition {
        rag: Rag::Amber,
        meaning: "Recoverable".into(),
    }];
    let mut dd = DetailsDraft::from(&p);
    assert_eq!(dd.rag_meanings[1], "Recoverable");
    dd.rag_meanings[4] = " No data ".into();
    dd.rag_meanings[0] = "Little prospect".into();
    dd.rag_meanings[1] = "Recoverable with action".into();
    let (_, after) = save_apply(&dd, &p);
    let got: Vec<(Rag, &str)> = after
        .rag_definitions
        .iter()
        .map(|d| (d.rag, d.meaning.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Rag::Amber, "Recoverable with action"),
            (Rag::Red, "Little prospect"),
            (Rag::NotRated, "No data"),
        ]
    );
}

#[test]
fn details_errors_name_their_fields_in_form_order() {
    let p = plan();
    let mut dd = DetailsDraft::from(&p);
    dd.title = "  ".into();
    dd.period_start = date_text("31", "2", "2010");
    dd.period_end = date_text("1", "6", "");
    dd.approved_on = date_text("1", "13", "2009");
    dd.stale_after_days = "0".into();
    dd.glossary = "DCS = Director of Children's Services\nLAA".into();
    let r = report(&dd, &p);
    assert_eq!(
        errors(&r),
        vec![
            ("period_start", "Start date must be a real date"),
            ("period_end", "End date must include a year"),
            ("approved_on", "Approval date must be a real date"),
            ("stale_after_days", "Days before an action counts as stale must be a whole number from 1 to 3650"),
            ("glossary", "Glossary line 2 must be an abbreviation, an equals sign and its meaning, for example DCS = Director of Children's Services"),
            ("title", "Enter a title"),
        ]
    );

    let mut dd = DetailsDraft::from(&p);
    dd.period_end = date_text("31", "5", "2009");
    assert_eq!(
        errors(&report(&dd, &p)),
        vec![(
            "period_end",
            "Period end must be the same as or after the period start (1 June 2009)"
        )]
    );
    dd.period_end = date_text("1", "6", "2009");
    assert!(save(&dd, &p).is_ok(), "the same day is allowed");
}

#[test]
fn stale_days_are_a_whole_number_from_1_to_3650() {
    let p = plan();
    let message = "Days before an action counts as stale must be a whole number from 1 to 3650";
    for (typed, ok) in [
        ("0", None),
        ("1", Some(1)),
        ("2", Some(2)),
        ("3649", Some(3649)),
        ("3650", Some(3650)),
        ("3651", None),
        (" 45 ", Some(45)),
        ("", None),
        ("-5", None),
        ("1.5", None),
        ("ninety", None),
        ("99999999999", None),
    ] {
        let mut dd = DetailsDraft::from(&p);
        dd.stale_after_days = typed.into();
        match ok {
            Some(n) => {
                let s = saved(&dd, &p);
                let days = match s.change {
                    Some(c) => applied(&p, &c).settings.stale_after_days,
                    None => p.settings.stale_after_days,
                };
                assert_eq!(days, n, "{typed:?}");
            }
            None => assert_eq!(
                errors(&report(&dd, &p)),
                vec![("stale_after_days", message)],
                "{typed:?}"
            ),
        }
        let mut r = Report::default();
        assert_eq!(details::parse_stale_days(typed, &mut r), ok, "{typed:?}");
        assert_eq!(r.is_ok(), ok.is_some());
    }
    assert_eq!(details::STALE_DAYS, 1..=3650);
}

#[test]
fn glossary_lines_are_abbreviation_equals_meaning() {
    let mut r = Report::default();
    let entries = details::parse_glossary(
        "DCS = Director of Children's Services\n\n   LAA=Local Area Agreement  \nA = B = C\nNEET =\n",
        &mut r,
    );
    assert!(r.is_ok(), "{r:?}");
    let pairs: Vec<(&str, &str)> = entries
        .iter()
        .map(|g| (g.term.as_str(), g.meaning.as_str()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("DCS", "Director of Children's Services"),
            ("LAA", "Local Area Agreement"),
            ("A", "B = C"),
            ("NEET", ""),
        ]
    );
    // A bad line is named as the box shows it, blank lines counted.
    let mut r = Report::default();
    let entries = details::parse_glossary("DCS = Director\n\nno equals sign\n = no term\n", &mut r);
    assert_eq!(entries.len(), 1);
    let lines: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "Glossary line 3 must be an abbreviation, an equals sign and its meaning, for example DCS = Director of Children's Services",
            "Glossary line 4 must be an abbreviation, an equals sign and its meaning, for example DCS = Director of Children's Services",
        ]
    );
    assert!(r.errors.iter().all(|e| e.field == "glossary"));
    // Saved through the form.
    let p = plan();
    let mut dd = DetailsDraft::from(&p);
    dd.glossary = "DCS = Director of Children's Services\nLAA = Local Area Agreement".into();
    let (_, after) = save_apply(&dd, &p);
    assert_eq!(
        after.glossary,
        vec![
            GlossaryEntry {
                term: "DCS".into(),
                meaning: "Director of Children's Services".into()
            },
            GlossaryEntry {
                term: "LAA".into(),
                meaning: "Local Area Agreement".into()
            },
        ]
    );
}

// ---------------------------------------------------------------------------
// Priorities and outcomes

#[test]
fn priority_messages_and_fields() {
    let p = plan();
    let mut pd = PriorityDraft::of(&p, &id("p1")).unwrap();
    pd.number = " ".into();
    pd.title = String::new();
    assert_eq!(
        errors(&report(&pd, &p)),
        vec![
            ("number", "Enter a number, for example 1"),
            ("title", "Enter a title")
        ]
    );
    pd.number = " 2 ".into();
    pd.title = "Leadership".into();
    assert_eq!(
        errors(&report(&pd, &p)),
        vec![("number", "Number 2 is already used by another priority")]
    );
}

#[test]
fn a_new_priority_is_numbered_next_and_gets_a_fresh_id() {
    let p = plan();
    let mut pd = PriorityDraft::new_for(&p);
    assert!(pd.is_new());
    assert_eq!(pd.number, "5");
    pd.title = " Workforce ".into();
    pd.objectives = "Recruit\n\nRetain\n".into();
    pd.outcome_area = Some(OutcomeArea::StaySafe);
    let (s, after) = save_apply(&pd, &p);
    assert_eq!(s.label, "Add priority 5");
    assert!(!all_ids(&p).contains(s.id.as_str()), "{}", s.id);
    assert!(s.id.as_str().starts_with("p-"), "{}", s.id);
    let new = after.priorities.last().unwrap();
    assert_eq!(new.id, s.id);
    assert_eq!(new.title, "Workforce");
    assert_eq!(new.objectives, vec!["Recruit", "Retain"]);
    assert_eq!(new.outcome_area, Some(OutcomeArea::StaySafe));
    assert_eq!(after.priorities.len(), p.priorities.len() + 1);
}

#[test]
fn a_priority_saved_keeps_actions_added_meanwhile() {
    let p = plan();
    let mut pd = PriorityDraft::of(&p, &id("p1")).unwrap();
    pd.title = "Leadership and management".into();
    // Another tab adds an action to priority 1 while the form is open.
    let extra = Action {
        id: id("a-extra"),
        reference: "1.9".into(),
        title: "Added elsewhere".into(),
        ..Action::default()
    };
    let meanwhile = applied(&p, &upsert_action(&p, &id("p1"), None, extra).unwrap());
    let (s, after) = save_apply(&pd, &meanwhile);
    assert_eq!(s.label, "Edit priority 1");
    assert_eq!(s.id, id("p1"));
    assert_eq!(after.priorities[0].title, "Leadership and management");
    assert_eq!(
        after.priorities[0].actions.last().unwrap().id,
        id("a-extra")
    );
    // Gone meanwhile: nothing is saved.
    let mut without = p.clone();
    without.priorities.remove(0);
    assert_eq!(
        errors(&report(&pd, &without)),
        vec![("title", gone_message("priority").as_str())]
    );
}

#[test]
fn outcomes_are_validated_in_core() {
    let p = plan();
    let mut od = OutcomeDraft::of(&p, &id("p4-o4")).unwrap();
    assert_eq!(od.priority, id("p4"));
    od.number = "  ".into();
    od.title = " ".into();
    assert_eq!(
        errors(&report(&od, &p)),
        vec![
            ("number", "Enter a number, for example 4"),
            ("title", "Enter a title")
        ]
    );
    od.number = "4".into();
    od.title = " Enjoy and achieve: attainment ".into();
    od.success_criteria = "More pupils\n\nBetter results".into();
    let (s, after) = save_apply(&od, &p);
    assert_eq!(s.label, "Edit outcome 4");
    let o = &after.priorities[3].outcomes[0];
    assert_eq!(o.title, "Enjoy and achieve: attainment");
    assert_eq!(o.success_criteria, vec!["More pupils", "Better results"]);
    assert_eq!(o.actions, p.priorities[3].outcomes[0].actions);
}

#[test]
fn a_new_outcome_goes_at_the_end_of_its_priority() {
    let p = plan();
    let mut od = OutcomeDraft::new_for(&p, &id("p4"));
    assert_eq!(od.number, "10");
    assert_eq!(OutcomeDraft::new_for(&p, &id("p1")).number, "1");
    assert_eq!(OutcomeDraft::new_for(&p, &id("nope")).number, "1");
    od.title = "Transitions".into();
    let (s, after) = save_apply(&od, &p);
    assert_eq!(s.label, "Add outcome 10");
    assert!(!all_ids(&p).contains(s.id.as_str()));
    assert!(s.id.as_str().starts_with("o-"), "{}", s.id);
    assert_eq!(after.priorities[3].outcomes.last().unwrap().id, s.id);
    // A new outcome of a priority that has gone, and an outcome that has gone.
    let mut od = OutcomeDraft::new_for(&p, &id("nope"));
    od.title = "T".into();
    assert_eq!(
        errors(&report(&od, &p)),
        vec![("title", gone_message("priority").as_str())]
    );
    let od = OutcomeDraft::of(&p, &id("p4-o4")).unwrap();
    let mut without = p.clone();
    without.priorities[3].outcomes.remove(0);
    assert_eq!(
        errors(&report(&od, &without)),
        vec![("title", gone_message("outcome").as_str())]
    );
}

// ---------------------------------------------------------------------------
// Actions

#[test]
fn action_messages_and_fields() {
    let p = plan();
    let mut a = ActionDraft::new_for(&p, Some(&id("p2")), None);
    a.due = date_text("31", "2", "2010");
    a.starting_point_as_of = date_text("1", "", "2009");
    let m0 = a.add_milestone();
    let m1 = a.add_milestone();
    a.milestone_mut(m1).unwrap().title = "Second".into();
    a.milestone_mut(m1).unwrap().due = date_text("x", "1", "2010");
    assert_ne!(m0, m1);
    let r = report(&a, &p);
    assert_eq!(
        errors(&r),
        vec![
            ("due", "Due date must be a real date"),
            (
                "starting_point_as_of",
                "Starting point date must include a month"
            ),
            (
                "milestones[1].due",
                "Milestone due date must be a real date"
            ),
            ("reference", "Enter a reference, for example 1.1"),
            ("title", "Enter a title"),
            ("milestones[0].title", "Enter a title for milestone 1"),
        ]
    );
    assert_eq!(warnings(&r), vec![]);

    let mut a = ActionDraft::of(&p, &id("a-1.1")).unwrap();
    a.reference = " 1.2 ".into();
    a.title = String::new();
    a.due = date_text("1", "1", "2011");
    a.milestones[1].due = date_text("1", "5", "2009");
    let r = report(&a, &p);
    assert_eq!(
        errors(&r),
        vec![
            (
                "reference",
                "Reference 1.2 is already used by another action"
            ),
            ("title", "Enter a title"),
        ]
    );
    // Each warning once.
    assert_eq!(
        warnings(&r),
        vec![
            (
                "due",
                "Due date is after the plan period ends (30 September 2010)"
            ),
            (
                "milestones[1].due",
                "Milestone 2 due date is before the plan period starts (1 June 2009)"
            ),
        ]
    );
    // Warnings alone do not stop a save.
    a.reference = "1.1".into();
    a.title = "Leadership".into();
    assert!(save(&a, &p).is_ok());
}

#[test]
fn a_new_action_goes_at_the_end_of_its_list_with_fresh_ids() {
    let p = plan();
    let mut a = ActionDraft::new_for(&p, Some(&id("p4")), Some(&id("p4-o5")));
    assert_eq!(a.status, ActionStatus::NotStarted);
    a.reference = "4.5.9".into();
    a.title = "  Publish the digest ".into();
    a.leads = "AD CM\n\n Head of Performance \n".into();
    a.review_refs = " 5.1.2   7.3.1 ".into();
    a.kpi_ids = vec![id("k-ni72")];
    a.stated_rag = Some(Rag::Amber);
    a.government_priority = true;
    let m = a.add_milestone();
    {
        let m = a.milestone_mut(m).unwrap();
        m.title = "Drafted".into();
        m.quarter = Some(Quarter::Q2);
        m.done = true;
    }
    let r = a.add_risk();
    a.risk_mut(r).unwrap().description = "Data late".into();
    a.add_risk(); // left empty: dropped
    let (s, after) = save_apply(&a, &p);
    assert_eq!(s.label, "Add action 4.5.9");
    let old = all_ids(&p);
    let new = action(&after, s.id.as_str());
    let fresh = [&new.id, &new.milestones[0].id, &new.risks[0].id];
    for f in fresh {
        assert!(!old.contains(f.as_str()), "{f} is used in the plan");
    }
    assert_eq!(fresh.iter().collect::<HashSet<_>>().len(), 3);
    for (f, prefix) in fresh.iter().zip(["a-", "m-", "r-"]) {
        assert!(
            f.as_str().starts_with(prefix),
            "{f} is not a new {prefix} id"
        );
    }
    assert_eq!(
        after.priorities[3].outcomes[1].actions.last().unwrap().id,
        s.id
    );
    assert_eq!(new.title, "Publish the digest");
    assert_eq!(new.leads, vec!["AD CM", "Head of Performance"]);
    assert_eq!(new.review_refs, vec!["5.1.2", "7.3.1"]);
    assert_eq!(new.kpi_ids, vec![id("k-ni72")]);
    assert_eq!(new.stated_rag, Some(Rag::Amber));
    assert!(new.government_priority);
    assert_eq!(new.status, ActionStatus::NotStarted);
    assert_eq!(
        new.milestones,
        vec![Milestone {
            id: new.milestones[0].id.clone(),
            title: "Drafted".into(),
            due: None,
            quarter: Some(Quarter::Q2),
            done: true
        }]
    );
    assert_eq!(new.risks.len(), 1);
    assert_eq!(new.risks[0].description, "Data late");
    // With no priority given, the plan's first.
    assert_eq!(
        ActionDraft::new_for(&p, None, None).placement.priority,
        id("p1")
    );
}

#[test]
fn a_new_action_for_a_place_that_has_gone_is_not_saved() {
    let p = plan();
    for (pr, o) in [("nope", None), ("p4", Some("nope")), ("p1", Some("p4-o4"))] {
        let mut a = ActionDraft::new_for(&p, Some(&id(pr)), o.map(id).as_ref());
        a.reference = "9.9".into();
        a.title = "T".into();
        assert_eq!(
            errors(&report(&a, &p)),
            vec![("title", gone_message("priority or outcome").as_str())],
            "{pr} {o:?}"
        );
    }
}

#[test]
fn rows_added_get_ids_fresh_against_the_plan_at_save() {
    let mut p = plan();
    p.priorities[0].actions[0].risks[0].owner = "DCS".into();
    p.priorities[0].actions[0].risks[0].likelihood = Some(3);
    let mut a = ActionDraft::of(&p, &id("a-1.1")).unwrap();
    let first = a.milestones[0].row;
    a.remove_milestone(first);
    let m1 = a.add_milestone();
    let m2 = a.add_milestone();
    a.milestone_mut(m1).unwrap().title = "Indicators agreed".into();
    a.milestone_mut(m2).unwrap().title = "Bank live".into();
    let r1 = a.add_risk();
    a.risk_mut(r1).unwrap().mitigation = "Weekly check".into();
    a.risks[0].description = " Edited risk ".into();
    // Another tab adds objects meanwhile: the new rows' ids are fresh against them too.
    let mut meanwhile = p.clone();
    let taken = IdGen::new(&p).next_id("m");
    meanwhile.priorities[1].actions[0]
        .milestones
        .push(Milestone {
            id: taken.clone(),
            title: "Elsewhere".into(),
            ..Milestone::default()
        });
    let (_, after) = save_apply(&a, &meanwhile);
    let saved = action(&after, "a-1.1");
    let ms: Vec<&str> = saved.milestones.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ms.len(), 3);
    assert_eq!(ms[0], "m-1.1-2", "a kept row keeps its id");
    let old = all_ids(&meanwhile);
    for m in &ms[1..] {
        assert!(!old.contains(*m), "{m} is used in the plan");
    }
    assert_ne!(ms[1], ms[2]);
    assert_eq!(saved.milestones[1].title, "Indicators agreed");
    assert!(!ms.contains(&taken.as_str()));
    // Risks: edited ones keep their id, owner and scores; the new one is fresh.
    assert_eq!(saved.risks.len(), 4);
    assert_eq!(saved.risks[0].id, id("r-1.1-1"));
    assert_eq!(saved.risks[0].description, "Edited risk");
    assert_eq!(saved.risks[0].owner, "DCS");
    assert_eq!(saved.risks[0].likelihood, Some(3));
    assert!(!old.contains(saved.risks[3].id.as_str()));
    assert!(
        saved.risks[3].id.as_str().starts_with("r-"),
        "{}",
        saved.risks[3].id
    );
    assert!(saved.milestones[1].id.as_str().starts_with("m-"));
    assert_eq!(saved.risks[3].mitigation, "Weekly check");
    assert_eq!(saved.risks[3].owner, "");
    // The progress log is kept.
    assert_eq!(saved.updates, p.priorities[0].actions[0].updates);
}

#[test]
fn a_row_whose_object_left_the_action_meanwhile_gets_a_new_id() {
    let p = plan();
    let mut a = ActionDraft::of(&p, &id("a-1.1")).unwrap();
    a.milestones[0].title = "Appointments made".into();
    let mut meanwhile = p.clone();
    meanwhile.priorities[0].actions[0].milestones.remove(0);
    meanwhile.priorities[0].actions[0].risks.remove(0);
    let (_, after) = save_apply(&a, &meanwhile);
    let saved = action(&after, "a-1.1");
    assert_ne!(saved.milestones[0].id, id("m-1.1-1"));
    assert!(!all_ids(&p).contains(saved.milestones[0].id.as_str()));
    assert_eq!(saved.milestones[1].id, id("m-1.1-2"));
    assert_ne!(saved.risks[0].id, id("r-1.1-1"));
    assert_eq!(
        saved.risks[0].owner, "",
        "its old fields are not brought back"
    );
}

#[test]
fn edits_keep_updates_added_meanwhile_and_an_action_gone_is_not_saved() {
    let p = plan();
    let mut a = ActionDraft::of(&p, &id("a-1.6")).unwrap();
    a.title = "Renamed".into();
    let mut meanwhile = p.clone();
    meanwhile.priorities[0].actions[5]
        .updates
        .push(ProgressUpdate {
            id: id("u-new"),
            commentary: "Meanwhile".into(),
            ..ProgressUpdate::default()
        });
    let (s, after) = save_apply(&a, &meanwhile);
    assert_eq!(s.label, "Edit action 1.6");
    assert_eq!(s.id, id("a-1.6"));
    assert_eq!(action(&after, "a-1.6").title, "Renamed");
    assert_eq!(action(&after, "a-1.6").updates[0].id, id("u-new"));
    let mut without = p.clone();
    without.priorities[0].actions.remove(5);
    assert_eq!(
        errors(&report(&a, &without)),
        vec![("title", gone_message("action").as_str())]
    );
}

#[test]
fn move_and_edit_is_one_undoable_step() {
    let p = plan();
    let mut a = ActionDraft::of(&p, &id("a-1.2")).unwrap();
    a.placement = Placement {
        priority: id("p4"),
        outcome: Some(id("p4-o5")),
    };
    a.title = "Moved and renamed".into();
    let (s, after) = save_apply(&a, &p);
    assert_eq!(s.label, "Edit action 1.2");
    let Some(Change::Batch(steps)) = &s.change else {
        panic!("{:?}", s.change)
    };
    assert_eq!(steps.len(), 2, "the move, then the edit");
    assert!(!ids_of_list(&after.priorities[0].actions).contains(&"a-1.2"));
    let list = &after.priorities[3].outcomes[1].actions;
    assert_eq!(list.last().unwrap().id, id("a-1.2"));
    assert_eq!(list.last().unwrap().title, "Moved and renamed");
    assert_eq!(list.len(), p.priorities[3].outcomes[1].actions.len() + 1);

    // A move alone (within the priority, into no outcome: to the end of priority 1's list).
    let mut a = ActionDraft::of(&p, &id("a-4.5.1")).unwrap();
    a.placement = Placement {
        priority: id("p4"),
        outcome: Some(id("p4-o4")),
    };
    let (_, after) = save_apply(&a, &p);
    assert_eq!(
        after.priorities[3].outcomes[0].actions.last().unwrap().id,
        id("a-4.5.1")
    );
    // Moved to a place that has gone.
    let mut a = ActionDraft::of(&p, &id("a-1.2")).unwrap();
    a.placement = Placement {
        priority: id("p2"),
        outcome: Some(id("p4-o5")),
    };
    assert_eq!(
        errors(&report(&a, &p)),
        vec![("title", gone_message("priority or outcome").as_str())]
    );
}

#[test]
fn a_move_made_in_another_tab_is_neither_undone_nor_repeated() {
    let p = plan();
    let to_p2 = Placement {
        priority: id("p2"),
        outcome: None,
    };
    // Meanwhile another tab moved 1.2 to the end of priority 2.
    let meanwhile = applied(
        &p,
        &move_action(&p, &id("a-1.2"), &id("p2"), None, 99).unwrap(),
    );
    // The placement left alone: edited where it now is.
    let mut a = ActionDraft::of(&p, &id("a-1.2")).unwrap();
    a.title = "Edited".into();
    let (_, after) = save_apply(&a, &meanwhile);
    assert_eq!(after.priorities[1].actions.last().unwrap().title, "Edited");
    assert!(!ids_of_list(&after.priorities[0].actions).contains(&"a-1.2"));
    // The same move chosen here: edited in place, no second move.
    a.placement = to_p2;
    let s = saved(&a, &meanwhile);
    let Some(Change::Priority { index: 1, .. }) = s.change else {
        panic!("{:?}", s.change)
    };
}

// ---------------------------------------------------------------------------
// Progress updates: upsert and soft delete

#[test]
fn a_new_update_is_by_the_name_given_on_the_device() {
    let p = plan();
    let u = UpdateDraft::new_for(&p, &id("a-1.4"), d(2009, 10, 15), " Priya (Health) ").unwrap();
    assert_eq!(u.author, "Priya (Health)");
    assert!(u.is_new());
}

#[test]
fn update_messages_and_fields() {
    let p = plan();
    let mut u = UpdateDraft::new_for(&p, &id("a-1.4"), d(2009, 10, 15), "").unwrap();
    u.date = DateText::default();
    u.rag = Rag::Amber;
    let r = report(&u, &p);
    assert_eq!(
        errors(&r),
        vec![
            ("date", "Enter a date, for example 31 10 2009"),
            ("commentary", "Enter a comment on progress"),
            ("reason", "Enter the reason for the amber rating"),
        ]
    );
    u.rag = Rag::Red;
    u.date = date_text("16", "10", "2009");
    let r = report(&u, &p);
    assert_eq!(
        errors(&r)[1],
        ("reason", "Enter the reason for the red rating")
    );
    assert_eq!(
        warnings(&r),
        vec![("date", "Date is after today (15 October 2009)")]
    );
    u.date = date_text("1", "10", "2010");
    assert_eq!(
        warnings(&report(&u, &p)),
        vec![
            ("date", "Date is after today (15 October 2009)"),
            (
                "date",
                "Date is after the plan period ends (30 September 2010)"
            ),
        ]
    );
    u.rag = Rag::Green;
    u.commentary = "Done".into();
    u.date = date_text("1", "10", "2009");
    assert!(save(&u, &p).is_ok(), "green needs no reason");
}

#[test]
fn a_new_update_is_added_at_the_end_of_the_log() {
    let p = plan();
    assert_eq!(
        UpdateDraft::new_for(&p, &id("nope"), d(2009, 10, 15), ""),
        None
    );
    let mut u = UpdateDraft::new_for(&p, &id("a-1.5"), d(2009, 10, 15), "").unwrap();
    assert_eq!(u.date, date_text("15", "10", "2009"));
    assert_eq!(u.rag, Rag::Green, "the action's current RAG");
    assert!(u.is_new());
    u.rag = Rag::Amber;
    u.reason = " Slipped ".into();
    u.commentary = " Mobilisation done ".into();
    u.author = "AD CM".into();
    let (s, after) = save_apply(&u, &p);
    assert_eq!(s.label, "Add progress update to 1.5");
    assert_eq!(s.id, id("a-1.5"));
    let a = action(&after, "a-1.5");
    assert_eq!(a.updates.len(), 2);
    assert_eq!(a.updates[0], action(&p, "a-1.5").updates[0]);
    let new = &a.updates[1];
    assert!(!all_ids(&p).contains(new.id.as_str()), "{}", new.id);
    assert!(new.id.as_str().starts_with("u-"), "{}", new.id);
    assert_eq!(
        *new,
        ProgressUpdate {
            id: new.id.clone(),
            date: Some(d(2009, 10, 15)),
            author: "AD CM".into(),
            rag: Rag::Amber,
            reason: "Slipped".into(),
            commentary: "Mobilisation done".into(),
            edited_at: None,
            deleted_at: None,
        }
    );
    assert_eq!(a.current_rag(), Rag::Amber);
}

#[test]
fn an_edited_entry_is_replaced_in_place_and_marked_edited() {
    let p = plan();
    let mut u = UpdateDraft::of(&p, &id("a-1.1"), &id("u-1.1-1")).unwrap();
    assert!(!u.is_new());
    let unedited = saved(&u, &p);
    assert_eq!(
        unedited.change, None,
        "not marked edited when nothing changed"
    );
    u.commentary = "Rewritten".into();
    let (s, after) = save_apply(&u, &p);
    assert_eq!(s.label, "Edit progress entry of 1.1");
    let before = &action(&p, "a-1.1").updates;
    let now = &action(&after, "a-1.1").updates;
    assert_eq!(now.len(), before.len());
    assert_eq!(
        now[0],
        ProgressUpdate {
            commentary: "Rewritten".into(),
            edited_at: Some(TIME.into()),
            ..before[0].clone()
        }
    );
    // Edited again later: the mark is the latest edit.
    let mut u2 = UpdateDraft::of(&after, &id("a-1.1"), &id("u-1.1-1")).unwrap();
    u2.author = "DCS".into();
    let later = Now {
        today: d(2009, 10, 20),
        time: "2009-10-20T09:00:00.000Z".into(),
    };
    let s2 = u2
        .into_change(&after, &later, &mut IdGen::new(&after))
        .unwrap();
    let again = applied(&after, &s2.change.unwrap());
    assert_eq!(
        action(&again, "a-1.1").updates[0].edited_at.as_deref(),
        Some("2009-10-20T09:00:00.000Z")
    );
}

#[test]
fn deleting_an_entry_keeps_it_in_the_log() {
    let p = plan();
    let s = delete_update(&p, &id("a-1.5"), &id("u-1.5-1"), &now()).unwrap();
    assert_eq!(s.label, "Deleted a progress entry of action 1.5");
    assert_eq!(s.id, id("a-1.5"));
    let after = applied(&p, s.change.as_ref().unwrap());
    let before = &action(&p, "a-1.5").updates;
    let a = action(&after, "a-1.5");
    assert_eq!(a.updates.len(), before.len(), "never removed");
    assert_eq!(
        a.updates[0],
        ProgressUpdate {
            deleted_at: Some(TIME.into()),
            ..before[0].clone()
        }
    );
    assert_eq!(a.live_updates().count(), 0);
    assert_eq!(a.latest_update(), None, "a deleted entry no longer counts");
    // Deleted once: deleting again changes nothing, and the entry cannot be edited.
    assert_eq!(
        delete_update(&after, &id("a-1.5"), &id("u-1.5-1"), &now()),
        None
    );
    let mut u = UpdateDraft::from(&id("a-1.5"), &before[0]);
    u.commentary = "Edit a deleted entry".into();
    assert_eq!(
        errors(&report(&u, &after)),
        vec![("title", gone_message("progress entry").as_str())]
    );
    assert_eq!(delete_update(&p, &id("a-1.5"), &id("nope"), &now()), None);
    assert_eq!(delete_update(&p, &id("nope"), &id("u-1.5-1"), &now()), None);
}

#[test]
fn an_update_for_an_action_or_entry_gone_is_not_saved() {
    let p = plan();
    let mut u = UpdateDraft::new_for(&p, &id("a-1.5"), d(2009, 10, 15), "").unwrap();
    u.commentary = "Text".into();
    let mut without = p.clone();
    without.priorities[0].actions.remove(4);
    assert_eq!(
        errors(&report(&u, &without)),
        vec![("title", gone_message("action").as_str())]
    );
    let mut u = UpdateDraft::of(&p, &id("a-1.5"), &id("u-1.5-1")).unwrap();
    u.commentary = "Text".into();
    let mut undone = p.clone();
    undone.priorities[0].actions[4].updates.clear();
    assert_eq!(
        errors(&report(&u, &undone)),
        vec![("title", gone_message("progress entry").as_str())]
    );
}

// ---------------------------------------------------------------------------
// Register risks

#[test]
fn risk_messages_and_fields() {
    let p = plan();
    let mut r = RiskDraft {
        likelihood: "9".into(),
        impact: "x".into(),
        ..RiskDraft::default()
    };
    assert_eq!(
        errors(&report(&r, &p)),
        vec![
            ("impact", "Impact must be a number from 1 to 5"),
            ("description", "Enter a description of the risk"),
            ("likelihood", "Likelihood must be a number from 1 to 5"),
        ]
    );
    r.impact = "0".into();
    r.likelihood = String::new();
    r.description = "D".into();
    assert_eq!(
        errors(&report(&r, &p)),
        vec![("impact", "Impact must be a number from 1 to 5")]
    );
}

#[test]
fn register_risks_add_and_edit() {
    let p = plan_with_risk();
    assert!(RiskDraft::default().is_new());
    let r = RiskDraft {
        description: " Loss of the data team ".into(),
        likelihood: "2".into(),
        impact: " 3 ".into(),
        rag: Some(Rag::Amber),
        ..RiskDraft::default()
    };
    let (s, after) = save_apply(&r, &p);
    assert_eq!(s.label, "Add risk");
    assert!(s.id.as_str().starts_with("risk-"));
    assert!(!all_ids(&p).contains(s.id.as_str()));
    assert_eq!(
        after.risks[1],
        Risk {
            changed: None,
            id: s.id.clone(),
            description: "Loss of the data team".into(),
            mitigation: String::new(),
            owner: String::new(),
            likelihood: Some(2),
            impact: Some(3),
            rag: Some(Rag::Amber),
        }
    );
    let mut e = RiskDraft::of(&p, &id("risk-1")).unwrap();
    assert_eq!(e.likelihood, "4");
    e.likelihood = String::new();
    let (s, after) = save_apply(&e, &p);
    assert_eq!(s.label, "Edit risk");
    assert_eq!(after.risks[0].likelihood, None);
    assert_eq!(after.risks[0].owner, "AD CM");
    let without = applied(
        &p,
        &waymark::core::edit::delete_risk(&p, &id("risk-1")).unwrap(),
    );
    assert_eq!(
        errors(&report(&e, &without)),
        vec![("title", gone_message("risk").as_str())]
    );
    let _ = upsert_risk;
}

#[test]
fn a_risk_draft_scores_as_typed() {
    let score = |l: &str, i: &str| {
        RiskDraft {
            likelihood: l.into(),
            impact: i.into(),
            ..RiskDraft::default()
        }
        .score()
    };
    assert_eq!(score("4", "5"), Some((20, Rag::Red)));
    assert_eq!(score("3", "4"), Some((12, Rag::Amber)));
    assert_eq!(score("2", "2"), Some((4, Rag::Green)));
    assert_eq!(score("", "5"), None);
    assert_eq!(score("9", "1"), None);
    assert_eq!(score("x", "1"), None);
}

// ---------------------------------------------------------------------------
// KPIs

fn ni72(p: &Plan) -> KpiDraft {
    KpiDraft::of(p, &id("k-ni72")).unwrap()
}

#[test]
fn kpi_messages_and_fields() {
    let p = plan();
    let lots = parse_value("lots").unwrap_err();
    let mut k = ni72(&p);
    k.title = " ".into();
    k.decimals = "x".into();
    k.tolerance_kind = ToleranceKind::Percent;
    k.tolerance = "abc".into();
    k.baseline_value = "lots".into();
    k.series[1].cells[1] = "lots".into();
    let row = k.add_period();
    k.period_mut(row).unwrap().cells = [
        String::new(),
        String::new(),
        "lots".into(),
        String::new(),
        String::new(),
        String::new(),
    ];
    let dup = k.add_period();
    k.period_mut(dup).unwrap().cells[0] = " 2008/9 ".into();
    let r = report(&k, &p);
    let series_row = k.series.len() - 2;
    let field = |c: &str| format!("series[{series_row}].{c}");
    let last = format!("series[{}].period", k.series.len() - 1);
    let expected: Vec<(String, String)> = vec![
        (
            "decimals".into(),
            "Decimal places must be a number from 0 to 6".into(),
        ),
        (
            "tolerance".into(),
            "Enter the tolerance as a number, for example 5".into(),
        ),
        ("baseline_value".into(), format!("Baseline value: {lots}")),
        ("title".into(), "Enter a title".into()),
        (
            "series[1].actual".into(),
            format!("Actual for 2008/9: {lots}"),
        ),
        (
            field("national"),
            format!("National average (NA) for row {}: {lots}", series_row + 1),
        ),
        (
            field("period"),
            format!(
                "Enter a period for row {}, for example 2009/10",
                series_row + 1
            ),
        ),
        (last, "Period 2008/9 is already used in row 2".into()),
    ];
    let got: Vec<(String, String)> = r
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.message.clone()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(k.series[1].cells[0], "2008/9");
}

#[test]
fn kpi_numbers_in_range() {
    let p = plan();
    let mut k = ni72(&p);
    k.decimals = "7".into();
    assert_eq!(
        errors(&report(&k, &p)),
        vec![("decimals", "Decimal places must be a number from 0 to 6")],
        "one message, not two"
    );
    k.decimals = " 6 ".into();
    k.tolerance_kind = ToleranceKind::Absolute;
    k.tolerance = "-1".into();
    assert_eq!(
        errors(&report(&k, &p)),
        vec![("tolerance", "Tolerance must be 0 or more")]
    );
    k.tolerance = "2.5".into();
    let (s, after) = save_apply(&k, &p);
    assert_eq!(s.label, "Saved KPI NI 72");
    let saved = after.kpi(&id("k-ni72")).unwrap();
    assert_eq!(saved.tolerance, Some(Tolerance::Absolute(2.5)));
    assert_eq!(saved.decimals, 6);
    k.tolerance_kind = ToleranceKind::Default;
    k.tolerance = "not read".into();
    let (_, after) = save_apply(&k, &p);
    assert_eq!(after.kpi(&id("k-ni72")).unwrap().tolerance, None);
    k.tolerance_kind = ToleranceKind::Percent;
    k.tolerance = "10".into();
    let (_, after) = save_apply(&k, &p);
    assert_eq!(
        after.kpi(&id("k-ni72")).unwrap().tolerance,
        Some(Tolerance::Percent(10.0))
    );
}

#[test]
fn a_new_kpi_gets_a_fresh_id_and_its_link() {
    let p = plan();
    let mut k = KpiDraft::new();
    assert!(k.is_new());
    assert_eq!(k, KpiDraft::default());
    assert_eq!(k.decimals, "0");
    assert_eq!(k.tolerance_kind, ToleranceKind::Default);
    k.title = "Children in care with 3 or more placements".into();
    k.link = Some(Placement {
        priority: id("p4"),
        outcome: Some(id("p4-o5")),
    });
    k.unit = Unit::Number;
    k.sources = "NI\n\n LAA ".into();
    let row = k.add_period();
    assert_eq!(k.series[0].cells[0], "", "no period before it to follow");
    k.period_mut(row).unwrap().cells = [
        "2009/10".into(),
        "12 (p)".into(),
        String::new(),
        String::new(),
        String::new(),
        "In line with national".into(),
    ];
    let (s, after) = save_apply(&k, &p);
    assert_eq!(
        s.label,
        "Added KPI Children in care with 3 or more placements"
    );
    assert!(!all_ids(&p).contains(s.id.as_str()));
    assert!(s.id.as_str().starts_with("k-"), "{}", s.id);
    let new = after.kpis.last().unwrap();
    assert_eq!(new.id, s.id);
    assert_eq!(new.priority_id, Some(id("p4")));
    assert_eq!(new.outcome_id, Some(id("p4-o5")));
    assert_eq!(new.sources, vec!["NI", "LAA"]);
    assert_eq!(
        new.series[0].actual,
        Some(waymark::core::value::Value::provisional(12.0))
    );
    assert_eq!(
        target_text(new.series[0].target.as_ref()),
        "In line with national"
    );
    k.code = " NI 62 ".into();
    assert_eq!(saved(&k, &p).label, "Added KPI NI 62");
    k.link = None;
    let (_, after) = save_apply(&k, &p);
    let new = after.kpis.last().unwrap();
    assert_eq!(
        (new.priority_id.clone(), new.outcome_id.clone()),
        (None, None)
    );
    // A KPI deleted meanwhile is not written back.
    let mut e = ni72(&p);
    e.title = "Renamed".into();
    let mut without = p.clone();
    without.kpis.retain(|x| x.id != id("k-ni72"));
    assert_eq!(
        errors(&report(&e, &without)),
        vec![("title", gone_message("KPI").as_str())]
    );
}

#[test]
fn the_period_grid_adds_removes_and_pastes_rows() {
    let p = plan();
    let mut k = ni72(&p);
    let periods = |k: &KpiDraft| {
        k.series
            .iter()
            .map(|r| r.cells[0].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(periods(&k), vec!["2007/8", "2008/9", "2009/10", "2010/11"]);
    let added = k.add_period();
    assert_eq!(periods(&k).last().unwrap(), "2011/12");
    let rows: HashSet<RowKey> = k.series.iter().map(|r| r.row).collect();
    assert_eq!(rows.len(), 5);
    k.remove_period(added);
    assert_eq!(periods(&k).len(), 4);
    let again = k.add_period();
    assert_ne!(again, added, "a key is never given twice");
    k.remove_period(again);
    // A block from a spreadsheet, from Actual 2010/11: rows added as needed.
    k.paste(3, 1, "55.1\t50\t51\r\n57 (p)\t\t\t\t58\r\n");
    assert_eq!(k.series.len(), 5);
    assert_eq!(k.series[3].cells[1..4], ["55.1", "50", "51"]);
    assert_eq!(k.series[4].cells, ["", "57 (p)", "", "", "", "58"]);
    // Cells past the last column are dropped; cells are trimmed.
    k.paste(0, 4, " 1 \t 2 \t 3 ");
    k.series[4].cells[0] = "2011/12".into();
    assert_eq!(k.series[0].cells[4..], ["1", "2"]);
    let (_, after) = save_apply(&k, &p);
    let s = &after.kpi(&id("k-ni72")).unwrap().series;
    assert_eq!(s.len(), 5);
    assert_eq!(
        s[4].actual,
        Some(waymark::core::value::Value::provisional(57.0))
    );
}

#[test]
fn a_cell_left_as_it_was_keeps_its_value_exactly() {
    // NI 78 writes "3 (30%)" with a note, and a target "National average by Dec
    // 2010": their typed forms read back otherwise, so only an edit re-reads them.
    let p = plan();
    let k = KpiDraft::of(&p, &id("k-ni78")).unwrap();
    assert_eq!(saved(&k, &p).change, None);
    let before = p.kpi(&id("k-ni78")).unwrap().clone();
    let mut k = k;
    k.series[1].cells[2] = "15".into();
    let (_, after) = save_apply(&k, &p);
    let now = after.kpi(&id("k-ni78")).unwrap();
    assert_eq!(now.series[0], before.series[0]);
    assert_eq!(now.series[1].actual, before.series[1].actual);
    assert_eq!(
        now.series[1].national,
        Some(waymark::core::value::Value::number(15.0))
    );
    assert_eq!(now.baseline, before.baseline);
    let eet = KpiDraft::of(&p, &id("k-cypp-eet-not-known")).unwrap();
    assert_eq!(saved(&eet, &p).change, None);
    // Retyped, a cell is read from its text.
    let mut k = KpiDraft::of(&p, &id("k-ni78")).unwrap();
    k.baseline_value = "4".into();
    let (_, after) = save_apply(&k, &p);
    assert_eq!(
        after.kpi(&id("k-ni78")).unwrap().baseline.value,
        Some(waymark::core::value::Value::number(4.0))
    );
}

#[test]
fn each_value_cell_left_as_it_was_keeps_its_own_value() {
    // A value whose typed form reads back otherwise ("3 (30%)" with a note), in
    // each value column in turn: an unedited save keeps it exactly.
    use waymark::core::value::Value;
    let odd = Value {
        note: Some("30%".into()),
        ..Value::number(3.0)
    };
    assert_ne!(
        parse_value(&value_text(Some(&odd))).unwrap(),
        Some(odd.clone()),
        "the typed form reads back otherwise"
    );
    for col in 1..=4 {
        let mut p = plan();
        let row = &mut p.kpis[0].series[0];
        let slot = match col {
            1 => &mut row.actual,
            2 => &mut row.national,
            3 => &mut row.neighbours,
            _ => &mut row.region,
        };
        *slot = Some(odd.clone());
        let k = KpiDraft::of(&p, &p.kpis[0].id).unwrap();
        assert_eq!(saved(&k, &p).change, None, "column {col}");
    }
}

#[test]
fn the_next_period_follows_the_last() {
    for (last, next) in [
        ("2009/10", "2010/11"),
        ("2008/9", "2009/10"),
        ("2007/8", "2008/9"),
        ("2018/19", "2019/20"),
        ("2000/1", "2001/2"),
        ("1998/99", "1999/00"),
        ("2098/99", "2099/00"),
        (" 2010 ", "2011"),
        ("Q1 2009/10", ""),
        ("", ""),
    ] {
        assert_eq!(next_period(last), next, "{last:?}");
    }
}

#[test]
fn grid_texts_read_back_the_same() {
    for text in ["53.7 (p)", "12 (23.1%)", "Not yet available", "48.8", ""] {
        let v = parse_value(text).unwrap();
        assert_eq!(value_text(v.as_ref()), text);
    }
    use waymark::core::value::Value;
    let noted = |note: &str, provisional: bool| Value {
        note: Some(note.into()),
        provisional,
        ..Value::number(53.0)
    };
    assert_eq!(
        value_text(Some(&noted("as at Jul 09", false))),
        "53 (as at Jul 09)"
    );
    assert_eq!(
        value_text(Some(&noted("as at Jul 09", true))),
        "53 (p) as at Jul 09"
    );
    assert_eq!(value_text(Some(&noted("  ", false))), "53", "a blank note");
    assert_eq!(value_text(Some(&noted("  ", true))), "53 (p)");
    assert_eq!(
        value_text(Some(&Value::not_available(" "))),
        "Not available"
    );
    assert_eq!(value_text(Some(&Value::default())), "Not available");
    for text in ["54", "In line with national", "54 (stretch)", ""] {
        let t = waymark::core::value::parse_target(text);
        assert_eq!(target_text(t.as_ref()), text);
    }
    assert_eq!(kpi::cell_name(2, 3), "series[2].neighbours");
    for (k, kind) in ToleranceKind::ALL.iter().map(|k| (k.key(), *k)) {
        assert_eq!(ToleranceKind::from_key(k), kind);
    }
    assert_eq!(ToleranceKind::from_key("nonsense"), ToleranceKind::Default);
    let labels: Vec<&str> = ToleranceKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(
        labels,
        [
            "Default (5% of the target)",
            "Percent of the target",
            "In the KPI's own unit"
        ]
    );
}

// ---------------------------------------------------------------------------
// Every field of every form is saved: each set to a new value, the saved object
// compared whole.

#[test]
fn every_details_field_is_saved() {
    let mut p = plan();
    p.cover_sheet.subject = "Kept".into();
    let dd = DetailsDraft {
        title: " T ".into(),
        organisation: " O ".into(),
        period_label: " April 2010 – March 2011 ".into(),
        period_start: date_text("1", "4", "2010"),
        period_end: date_text("31", "3", "2011"),
        status: PlanStatus::Archived,
        approved_by: " Council ".into(),
        approved_on: date_text("2", "4", "2010"),
        links: "L1\nL2".into(),
        glossary: "A = B".into(),
        rag_meanings: ["r".into(), "a".into(), "g".into(), "b".into(), "n".into()],
        notes: "N1\n\nN2".into(),
        stale_after_days: "60".into(),
    };
    let (_, after) = save_apply(&dd, &p);
    let def = |rag, m: &str| RagDefinition {
        rag,
        meaning: m.into(),
    };
    assert_eq!(
        waymark::core::edit::PlanDetails::of(&after),
        waymark::core::edit::PlanDetails::from(Plan {
            title: "T".into(),
            organisation: "O".into(),
            period_label: "April 2010 – March 2011".into(),
            period_start: Some(d(2010, 4, 1)),
            period_end: Some(d(2011, 3, 31)),
            status: PlanStatus::Archived,
            approved_by: "Council".into(),
            approved_on: Some(d(2010, 4, 2)),
            links: vec!["L1".into(), "L2".into()],
            glossary: vec![GlossaryEntry {
                term: "A".into(),
                meaning: "B".into()
            }],
            // In the example's order: green, amber, red, complete, not rated.
            rag_definitions: vec![
                def(Rag::Green, "g"),
                def(Rag::Amber, "a"),
                def(Rag::Red, "r"),
                def(Rag::Blue, "b"),
                def(Rag::NotRated, "n"),
            ],
            last_updated: p.last_updated,
            notes: vec!["N1".into(), "N2".into()],
            settings: PlanSettings {
                stale_after_days: 60,
                ..p.settings.clone()
            },
            cover_sheet: p.cover_sheet.clone(),
            ..Plan::default()
        })
    );
    assert_eq!(after.id, p.id);
    assert_eq!(after.priorities, p.priorities);
    assert_eq!(after.kpis, p.kpis);
}

#[test]
fn every_priority_and_outcome_field_is_saved() {
    let p = plan();
    let pd = PriorityDraft {
        id: Some(id("p2")),
        number: " 7 ".into(),
        title: " T ".into(),
        group: " G ".into(),
        council_priority: " C ".into(),
        outcome_area: Some(OutcomeArea::BeHealthy),
        objectives: "O1\nO2".into(),
        success_criteria: "S1\n\nS2".into(),
    };
    let (s, after) = save_apply(&pd, &p);
    assert_eq!(s.label, "Edit priority 7");
    assert_eq!(
        after.priorities[1],
        Priority {
            id: id("p2"),
            number: "7".into(),
            title: "T".into(),
            group: "G".into(),
            council_priority: "C".into(),
            outcome_area: Some(OutcomeArea::BeHealthy),
            objectives: vec!["O1".into(), "O2".into()],
            success_criteria: vec!["S1".into(), "S2".into()],
            ..p.priorities[1].clone()
        }
    );
    let od = OutcomeDraft {
        id: Some(id("p4-o5")),
        priority: id("ignored for an existing outcome"),
        number: " 12 ".into(),
        title: " T ".into(),
        council_priority: " C ".into(),
        outcome_area: Some(OutcomeArea::AchieveEconomicWellBeing),
        success_criteria: "S".into(),
    };
    let (s, after) = save_apply(&od, &p);
    assert_eq!(s.label, "Edit outcome 12");
    assert_eq!(
        after.priorities[3].outcomes[1],
        Outcome {
            changed: None,
            id: id("p4-o5"),
            number: "12".into(),
            title: "T".into(),
            council_priority: "C".into(),
            outcome_area: Some(OutcomeArea::AchieveEconomicWellBeing),
            success_criteria: vec!["S".into()],
            actions: p.priorities[3].outcomes[1].actions.clone(),
        }
    );
}

#[test]
fn every_action_field_is_saved() {
    let p = plan();
    let mut a = ActionDraft::of(&p, &id("a-1.1")).unwrap();
    a.reference = " 1.1 a) ".into();
    a.title = " T ".into();
    a.description = " D ".into();
    a.starting_point = " SP ".into();
    a.starting_point_as_of = date_text("1", "7", "2009");
    a.timeline = " TL ".into();
    a.due = date_text("31", "12", "2009");
    a.resources = " R ".into();
    a.leads = "L1\nL2".into();
    a.monitored_by = "M1".into();
    a.projected_outcomes = " PO ".into();
    a.measures = " NI 1 ".into();
    a.kpi_ids = vec![id("k-ni72"), id("k-ni92")];
    a.review_refs = "5.1 5.2".into();
    a.government_priority = true;
    a.status = ActionStatus::Cancelled;
    a.stated_rag = Some(Rag::Red);
    a.milestones.truncate(1);
    a.milestones[0].title = " MT ".into();
    a.milestones[0].due = DateText::default();
    a.milestones[0].quarter = Some(Quarter::Q4);
    a.milestones[0].done = !action(&p, "a-1.1").milestones[0].done;
    a.risks.truncate(1);
    a.risks[0].description = " RD ".into();
    a.risks[0].mitigation = " RM ".into();
    let before = action(&p, "a-1.1").clone();
    let (_, after) = save_apply(&a, &p);
    assert_eq!(
        *action(&after, "a-1.1"),
        Action {
            changed: None,
            id: id("a-1.1"),
            reference: "1.1 a)".into(),
            title: "T".into(),
            description: "D".into(),
            starting_point: "SP".into(),
            starting_point_as_of: Some(d(2009, 7, 1)),
            timeline: "TL".into(),
            due: Some(d(2009, 12, 31)),
            milestones: vec![Milestone {
                id: before.milestones[0].id.clone(),
                title: "MT".into(),
                due: None,
                quarter: Some(Quarter::Q4),
                done: !before.milestones[0].done,
            }],
            resources: "R".into(),
            leads: vec!["L1".into(), "L2".into()],
            monitored_by: vec!["M1".into()],
            projected_outcomes: "PO".into(),
            measures: "NI 1".into(),
            kpi_ids: vec![id("k-ni72"), id("k-ni92")],
            risks: vec![Risk {
                description: "RD".into(),
                mitigation: "RM".into(),
                ..before.risks[0].clone()
            }],
            review_refs: vec!["5.1".into(), "5.2".into()],
            government_priority: true,
            status: ActionStatus::Cancelled,
            stated_rag: Some(Rag::Red),
            updates: before.updates.clone(),
        }
    );
}

#[test]
fn removing_rows_removes_only_that_row() {
    let p = plan();
    let mut a = ActionDraft::of(&p, &id("a-1.1")).unwrap();
    let before = action(&p, "a-1.1").clone();
    let (m, r) = (a.milestones[0].row, a.risks[1].row);
    a.remove_milestone(m);
    a.remove_risk(r);
    a.remove_risk(RowKey(999));
    assert!(a.milestone_mut(m).is_none());
    assert!(a.risk_mut(r).is_none());
    let (_, after) = save_apply(&a, &p);
    let saved = action(&after, "a-1.1");
    assert_eq!(saved.milestones, before.milestones[1..].to_vec());
    assert_eq!(
        saved.risks,
        vec![before.risks[0].clone(), before.risks[2].clone()]
    );
}

#[test]
fn every_risk_and_update_field_is_saved() {
    let p = plan_with_risk();
    let r = RiskDraft {
        id: Some(id("risk-1")),
        description: " D ".into(),
        owner: " O ".into(),
        likelihood: "1".into(),
        impact: "2".into(),
        mitigation: " M ".into(),
        rag: Some(Rag::Green),
    };
    let (_, after) = save_apply(&r, &p);
    assert_eq!(
        after.risks[0],
        Risk {
            changed: None,
            id: id("risk-1"),
            description: "D".into(),
            owner: "O".into(),
            likelihood: Some(1),
            impact: Some(2),
            mitigation: "M".into(),
            rag: Some(Rag::Green),
        }
    );
    let u = UpdateDraft {
        action: id("a-1.1"),
        id: Some(id("u-1.1-1")),
        date: date_text("2", "10", "2009"),
        author: " A ".into(),
        rag: Rag::Red,
        reason: " R ".into(),
        commentary: " C ".into(),
    };
    let (_, after) = save_apply(&u, &p);
    assert_eq!(
        action(&after, "a-1.1").updates[0],
        ProgressUpdate {
            id: id("u-1.1-1"),
            date: Some(d(2009, 10, 2)),
            author: "A".into(),
            rag: Rag::Red,
            reason: "R".into(),
            commentary: "C".into(),
            edited_at: Some(TIME.into()),
            deleted_at: None,
        }
    );
}

#[test]
fn every_kpi_field_is_saved() {
    let p = plan();
    let mut k = ni72(&p);
    k.code = " C 1 ".into();
    k.sources = "S1\nS2".into();
    k.title = " T ".into();
    k.section = " Sec ".into();
    k.unit = Unit::Days;
    k.decimals = "2".into();
    k.polarity = Polarity::LowerIsBetter;
    k.tolerance_kind = ToleranceKind::Absolute;
    k.tolerance = "1.5".into();
    k.responsible_officer = " RO ".into();
    k.period_basis = PeriodBasis::Month;
    k.period_note = " PN ".into();
    k.baseline_period = " 2006/7 ".into();
    k.baseline_value = "40".into();
    k.link = Some(Placement {
        priority: id("p2"),
        outcome: None,
    });
    k.corporate_dashboard = !p.kpi(&id("k-ni72")).unwrap().corporate_dashboard;
    k.notes = " N ".into();
    k.series.truncate(1);
    k.series[0].cells = [
        " 2006/7 ".into(),
        "1".into(),
        "2".into(),
        "3".into(),
        "4".into(),
        "5".into(),
    ];
    let (s, after) = save_apply(&k, &p);
    assert_eq!(s.label, "Saved KPI C 1");
    let n = waymark::core::value::Value::number;
    assert_eq!(
        *after.kpi(&id("k-ni72")).unwrap(),
        Kpi {
            changed: None,
            id: id("k-ni72"),
            code: "C 1".into(),
            sources: vec!["S1".into(), "S2".into()],
            title: "T".into(),
            section: "Sec".into(),
            unit: Unit::Days,
            decimals: 2,
            polarity: Polarity::LowerIsBetter,
            tolerance: Some(Tolerance::Absolute(1.5)),
            responsible_officer: "RO".into(),
            period_basis: PeriodBasis::Month,
            period_note: "PN".into(),
            baseline: Baseline {
                period: "2006/7".into(),
                value: Some(n(40.0)),
            },
            priority_id: Some(id("p2")),
            outcome_id: None,
            corporate_dashboard: !p.kpi(&id("k-ni72")).unwrap().corporate_dashboard,
            notes: "N".into(),
            series: vec![PeriodValues {
                period: "2006/7".into(),
                actual: Some(n(1.0)),
                national: Some(n(2.0)),
                neighbours: Some(n(3.0)),
                region: Some(n(4.0)),
                target: Some(waymark::core::value::Target::value(5.0)),
            }],
        }
    );
}

// ---------------------------------------------------------------------------
// Enum keys, placements, move bounds and the small helpers

fn serde_name<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_string(x)
        .unwrap()
        .trim_matches('"')
        .to_string()
}

#[test]
fn enum_keys_are_the_file_names_and_read_back_trimmed_or_as_words() {
    for x in ActionStatus::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(ActionStatus::from_key(x.key()), Some(x));
        assert_eq!(ActionStatus::from_key(&format!(" {} ", x.key())), Some(x));
        assert_eq!(ActionStatus::from_key(&x.label().to_uppercase()), Some(x));
    }
    for x in Rag::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(Rag::from_key(&format!(" {} ", x.key())), Some(x));
        assert_eq!(Rag::from_key(x.label()), Some(x));
    }
    assert_eq!(Rag::from_key("grey"), Some(Rag::NotRated));
    assert_eq!(Rag::from_key("R"), Some(Rag::Red));
    for x in OutcomeArea::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(OutcomeArea::from_key(&format!("{} ", x.key())), Some(x));
        assert_eq!(OutcomeArea::from_key(&x.label().to_lowercase()), Some(x));
    }
    for x in PlanStatus::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(PlanStatus::from_key(x.key()), Some(x));
        assert_eq!(PlanStatus::from_key(x.label()), Some(x));
    }
    for x in Quarter::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(x.to_string(), x.label());
        assert_eq!(Quarter::from_key(&x.label().to_lowercase()), Some(x));
    }
    assert_eq!(Quarter::Q3.label(), "Q3");
    for x in Polarity::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(Polarity::from_key(x.key()), Some(x));
        assert_eq!(Polarity::from_key(x.label()), Some(x));
    }
    for x in Unit::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(Unit::from_key(x.key()), Some(x));
        assert_eq!(Unit::from_key(x.label()), Some(x));
    }
    for x in PeriodBasis::ALL {
        assert_eq!(x.key(), serde_name(&x));
        assert_eq!(PeriodBasis::from_key(x.key()), Some(x));
        assert_eq!(PeriodBasis::from_key(x.label()), Some(x));
    }
    for nonsense in ["", "  ", "nonsense", "in_progres"] {
        assert_eq!(ActionStatus::from_key(nonsense), None, "{nonsense:?}");
        assert_eq!(OutcomeArea::from_key(nonsense), None);
        assert_eq!(PlanStatus::from_key(nonsense), None);
        assert_eq!(Quarter::from_key(nonsense), None);
        assert_eq!(Unit::from_key(nonsense), None);
        assert_eq!(Polarity::from_key(nonsense), None);
        assert_eq!(PeriodBasis::from_key(nonsense), None);
    }
    assert_eq!(Rag::from_key("nonsense"), None);
    // The action filter reads the same keys.
    use waymark::core::filter::{rag_from_key, status_from_key, status_key};
    assert_eq!(status_from_key(" complete "), Some(ActionStatus::Complete));
    assert_eq!(status_key(ActionStatus::NotStarted), "not_started");
    assert_eq!(rag_from_key(" amber"), Some(Rag::Amber));
}

#[test]
fn placements_have_one_key_and_one_wording() {
    let p = plan();
    let at = Placement {
        priority: id("p4"),
        outcome: Some(id("p4-o4")),
    };
    assert_eq!(at.key(), "p4/p4-o4");
    assert_eq!(Placement::from_key(" p4/p4-o4 "), Some(at.clone()));
    assert_eq!(
        Placement::from_key("p1"),
        Some(Placement {
            priority: id("p1"),
            outcome: None
        })
    );
    assert_eq!(Placement::from_key(""), None);
    assert_eq!(Placement::of_action(&p, &id("a-4.4.1-i")), Some(at));
    assert_eq!(Placement::of_action(&p, &id("nope")), None);
    let o = &p.priorities[3].outcomes[4];
    assert_eq!(
        placement_label(&p.priorities[3], Some(o)),
        "Priority 4, outcome 9 & 10"
    );
    assert_eq!(placement_label(&p.priorities[0], None), "Priority 1");
    let choices = placement_choices(&p);
    assert_eq!(choices.len(), 4 + 9);
    assert_eq!(choices[0].0.key(), "p1");
    assert_eq!(
        choices[0].1,
        "Priority 1: To improve Leadership and Management of Children Services in…"
    );
    assert_eq!(
        choices[1].1,
        format!("Priority 2: {}", p.priorities[1].title)
    );
    let (place, words) = &choices[4];
    assert_eq!(place.key(), "p4/p4-o4");
    assert!(words.starts_with("Priority 4, outcome 4: "), "{words}");
    // Long titles are cut at 60 characters.
    let mut long = p.clone();
    long.priorities[0].title = "x".repeat(61);
    assert_eq!(
        placement_choices(&long)[0].1,
        format!("Priority 1: {}…", "x".repeat(60))
    );
    long.priorities[0].title = "y".repeat(60);
    assert_eq!(
        placement_choices(&long)[0].1,
        format!("Priority 1: {}", "y".repeat(60))
    );
}

#[test]
fn moves_up_and_down_stop_at_the_ends() {
    let p = plan();
    assert_eq!(move_action_by(&p, &id("a-1.1"), -1), None, "first");
    assert_eq!(move_action_by(&p, &id("a-1.7"), 1), None, "last");
    assert_eq!(move_action_by(&p, &id("a-1.3"), 0), None);
    assert_eq!(move_action_by(&p, &id("nope"), 1), None);
    let down = applied(&p, &move_action_by(&p, &id("a-1.1"), 1).unwrap());
    assert_eq!(
        ids_of_list(&down.priorities[0].actions)[..3],
        ["a-1.2", "a-1.1", "a-1.3"]
    );
    let up = applied(&p, &move_action_by(&p, &id("a-1.7"), -1).unwrap());
    assert_eq!(
        ids_of_list(&up.priorities[0].actions)[5..],
        ["a-1.7", "a-1.6"]
    );
    // Within an outcome's list.
    let o = &p.priorities[3].outcomes[0].actions;
    let last = o.last().unwrap().id.clone();
    assert_eq!(move_action_by(&p, &last, 1), None);
    assert_eq!(move_action_by(&p, &o[0].id, -1), None);
    let moved = applied(&p, &move_action_by(&p, &last, -1).unwrap());
    let list = &moved.priorities[3].outcomes[0].actions;
    assert_eq!(list[list.len() - 2].id, last);
    assert_eq!(move_action_by(&p, &o[0].id, o.len() as isize), None);
    assert!(move_action_by(&p, &o[0].id, o.len() as isize - 1).is_some());

    assert_eq!(move_priority_by(&p, &id("p1"), -1), None);
    assert_eq!(move_priority_by(&p, &id("p4"), 1), None);
    assert_eq!(move_priority_by(&p, &id("p1"), 4), None);
    assert_eq!(move_priority_by(&p, &id("nope"), 1), None);
    let up = applied(&p, &move_priority_by(&p, &id("p2"), -1).unwrap());
    let order: Vec<&str> = up.priorities.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(order, ["p2", "p1", "p3", "p4"]);
    let far = applied(&p, &move_priority_by(&p, &id("p1"), 3).unwrap());
    assert_eq!(far.priorities[3].id, id("p1"));
}

#[test]
fn small_helpers() {
    assert_eq!(lines("  a \n\n b\r\n  \n"), vec!["a", "b"]);
    assert_eq!(lines(""), Vec::<String>::new());
    assert_eq!(
        DateText::of(Some(d(2009, 3, 1))),
        date_text("1", "3", "2009")
    );
    assert_eq!(DateText::of(None), DateText::default());
    assert_eq!(
        date_text("1", "Mar", "2009").parse("due date", false),
        Ok(Some(d(2009, 3, 1)))
    );
    assert_eq!(DateText::default().parse("due date", false), Ok(None));
    assert_eq!(
        DateText::default().parse("date", true),
        Err("Enter a date, for example 31 10 2009".into())
    );
    assert_eq!(
        errors(&gone("action")),
        vec![("title", gone_message("action").as_str())]
    );
    assert!(gone("action").warnings.is_empty());
}

#[test]
fn a_section_form_is_headed_by_what_it_does() {
    let p = plan();
    let pr = &p.priorities[0];
    assert_eq!(PriorityDraft::new_for(&p).heading(), "Add a priority");
    assert_eq!(
        PriorityDraft::of(&p, &pr.id).unwrap().heading(),
        "Edit priority"
    );
    assert_eq!(
        OutcomeDraft::new_for(&p, &pr.id).heading(),
        "Add an outcome"
    );
    let o = &p
        .priorities
        .iter()
        .find(|p| !p.outcomes.is_empty())
        .unwrap()
        .outcomes[0];
    assert_eq!(
        OutcomeDraft::of(&p, &o.id).unwrap().heading(),
        "Edit outcome"
    );
}
