//! Comparing two versions of a plan: each kind of line, in words, in a fixed
//! order, with counts.

use waymark::core::compare::{compare, same_plan, Comparison};
use waymark::core::date::Date;
use waymark::core::example::example_plan;
use waymark::core::model::{
    Action, ActionStatus, Id, Kpi, Milestone, Plan, Polarity, ProgressUpdate, Rag,
};
use waymark::core::value::{Target, Value};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn plan() -> Plan {
    example_plan().plan
}

fn action_mut<'a>(p: &'a mut Plan, reference: &str) -> &'a mut Action {
    p.priorities
        .iter_mut()
        .flat_map(|pr| {
            pr.actions
                .iter_mut()
                .chain(pr.outcomes.iter_mut().flat_map(|o| o.actions.iter_mut()))
        })
        .find(|a| a.reference == reference)
        .unwrap_or_else(|| panic!("no action {reference}"))
}

fn kpi_mut<'a>(p: &'a mut Plan, code: &str) -> &'a mut Kpi {
    p.kpis.iter_mut().find(|k| k.code == code).unwrap()
}

fn section<'a>(c: &'a Comparison, title: &str) -> &'a [String] {
    c.sections
        .iter()
        .find(|s| s.title == title)
        .map(|s| s.lines.as_slice())
        .unwrap_or_else(|| panic!("no section {title}: {c:#?}"))
}

fn all_lines(c: &Comparison) -> Vec<String> {
    c.sections.iter().flat_map(|s| s.lines.clone()).collect()
}

#[test]
fn identical_plans_compare_empty() {
    let a = plan();
    let c = compare(&a, &a.clone());
    assert!(c.is_empty(), "{c:#?}");
    assert_eq!((c.added, c.removed, c.changed), (0, 0, 0));
    assert_eq!(
        compare(&Plan::default(), &Plan::default()),
        Comparison::default()
    );
}

#[test]
fn same_plan_by_id_or_title_and_organisation() {
    let a = plan();
    let mut b = a.clone();
    assert!(same_plan(&a, &b));
    b.title = "Renamed".into();
    assert!(same_plan(&a, &b), "same id");
    let mut c = a.clone();
    c.id = Id::new("other");
    assert!(same_plan(&a, &c), "same title and organisation");
    c.title = format!("  {}  ", a.title.to_uppercase());
    assert!(same_plan(&a, &c), "case and spaces do not matter");
    c.organisation = "Another council".into();
    assert!(!same_plan(&a, &c));
    let blank1 = Plan {
        id: Id::new("x"),
        ..Plan::default()
    };
    let blank2 = Plan {
        id: Id::new("y"),
        ..Plan::default()
    };
    assert!(!same_plan(&blank1, &blank2), "blank titles are not a match");
}

#[test]
fn added_and_removed_actions_and_priorities() {
    let old = plan();
    let mut new = old.clone();
    let p2 = new.priorities.iter_mut().find(|p| p.number == "2").unwrap();
    p2.actions.push(Action {
        id: Id::new("a-2.9"),
        reference: "2.9".into(),
        title: "Develop a joint commissioning strategy with health partners".into(),
        ..Action::default()
    });
    let removed = new.priorities.remove(2);
    let removed_actions = removed.actions.len()
        + removed
            .outcomes
            .iter()
            .map(|o| o.actions.len())
            .sum::<usize>();
    assert_eq!(removed.number, "3");
    // The KPIs of a removed priority would be unlinked by repair; do the same.
    for k in &mut new.kpis {
        if k.priority_id.as_ref() == Some(&removed.id) {
            k.priority_id = None;
            k.outcome_id = None;
        }
    }
    let c = compare(&old, &new);
    let pri = section(&c, "Priorities");
    assert!(removed
        .title
        .starts_with("Ensure that all stakeholders feel fully engaged in partnership"));
    assert_eq!(
        pri,
        [format!(
            "Removed priority 3 Ensure that all stakeholders feel fully engaged in… (and its {removed_actions} actions)"
        )]
    );
    let acts = section(&c, "Actions");
    assert_eq!(
        acts,
        ["Added action 2.9 Develop a joint commissioning strategy with health partners"]
    );
    // One removal (the priority and its actions), one addition, and a "priority"
    // change line for each KPI that lost its link.
    assert_eq!((c.added, c.removed), (1, 1));
    let unlinked = old
        .kpis
        .iter()
        .filter(|k| k.priority_id.as_ref() == Some(&removed.id))
        .count();
    assert_eq!(c.changed, unlinked);
    let kpi_lines: Vec<&String> = c
        .sections
        .iter()
        .filter(|s| s.title == "KPIs")
        .flat_map(|s| &s.lines)
        .collect();
    assert_eq!(kpi_lines.len(), unlinked);
    assert!(kpi_lines
        .iter()
        .all(|l| l.contains(": priority changed from 'priority 3")));

    // The other way round: the priority comes back, with its actions.
    let back = compare(&new, &old);
    assert_eq!(
        section(&back, "Priorities"),
        [format!(
            "Added priority 3 Ensure that all stakeholders feel fully engaged in… (with {removed_actions} actions)"
        )]
    );
    assert_eq!(
        section(&back, "Actions"),
        ["Removed action 2.9 Develop a joint commissioning strategy with health partners"]
    );
}

#[test]
fn changed_fields_in_words() {
    let old = plan();
    let mut new = old.clone();
    {
        let a = action_mut(&mut new, "1.4");
        a.timeline = "May 2010".into();
        a.due = Some(d(2010, 5, 31));
        a.leads.push("Head of Performance".into());
        a.status = ActionStatus::Complete;
        a.government_priority = true;
        a.milestones.push(Milestone {
            id: Id::new("m-new"),
            title: "Data bank live".into(),
            due: Some(d(2010, 3, 31)),
            ..Milestone::default()
        });
    }
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "Actions"),
        [
            "Action 1.4: timeline changed from 'April 2010' to 'May 2010'",
            "Action 1.4: due date changed from '30 April 2010' to '31 May 2010'",
            "Action 1.4: added milestone 'Data bank live' (due 31 March 2010)",
            "Action 1.4: leads changed from 'AD CM; AD PCP' to 'AD CM; AD PCP; Head of Performance'",
            "Action 1.4: now marked as a government priority",
            "Action 1.4: status changed from 'In progress' to 'Complete'",
        ]
    );
    // Complete makes it blue.
    assert_eq!(
        section(&c, "RAG changes"),
        ["1.4 Expand data bank to include NIs, key local indicators in…: RAG Not rated → Complete"]
    );
    assert_eq!((c.added, c.removed, c.changed), (1, 0, 6));
}

#[test]
fn long_and_blank_texts() {
    let old = plan();
    let mut new = old.clone();
    let long = "A much longer description of what the data bank will hold, who will keep it, how often it is refreshed and who may see it.";
    {
        let a = action_mut(&mut new, "1.4");
        a.description = long.into();
        a.resources = String::new();
    }
    let c = compare(&old, &new);
    let lines = section(&c, "Actions");
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("Action 1.4: description changed from (blank) to 'A much longer"));
    assert!(lines[0].ends_with("…'"), "{}", lines[0]);
    assert!(lines[0].chars().count() < 150, "{}", lines[0]);
    assert_eq!(
        lines[1],
        "Action 1.4: resources changed from 'SERCO (DCSF additional resource)' to (blank)"
    );
    // A change past the cut is still reported, without quoting two equal texts.
    let mut newer = new.clone();
    action_mut(&mut newer, "1.4").description = format!("{long} Updated.");
    let c = compare(&new, &newer);
    assert_eq!(section(&c, "Actions"), ["Action 1.4: description changed"]);
}

#[test]
fn progress_updates_and_rag_changes() {
    let old = plan();
    let mut new = old.clone();
    {
        let a = action_mut(&mut new, "1.4");
        a.updates.push(ProgressUpdate {
            id: Id::new("u-1.4-2"),
            date: Some(d(2009, 9, 30)),
            rag: Rag::Amber,
            reason: "Amber because mobilisation was late".into(),
            ..ProgressUpdate::default()
        });
        a.updates[0].commentary = "SERCO appointed.".into();
    }
    {
        let a = action_mut(&mut new, "1.3");
        a.updates[0].deleted_at = Some("2009-10-02T09:00:00Z".into());
    }
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "Progress updates"),
        [
            "Action 1.3: progress update 31 July 2009 (Not rated) deleted",
            "Action 1.4: progress update 16 September 2009: commentary changed from 'SERCO Appointed. Mobilisation meeting 16.09.09' to 'SERCO appointed.'",
            "Action 1.4: new progress update 30 September 2009 (Amber)",
        ]
    );
    assert_eq!(
        section(&c, "RAG changes"),
        ["1.4 Expand data bank to include NIs, key local indicators in…: RAG Not rated → Amber"]
    );
    assert_eq!((c.added, c.removed, c.changed), (1, 1, 2));
    // Sections come in their fixed order.
    let titles: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Progress updates", "RAG changes"]);

    // Removing the update again.
    let back = compare(&new, &old);
    assert!(section(&back, "Progress updates")
        .contains(&"Action 1.4: progress update 30 September 2009 (Amber) removed".to_string()));
    assert!(section(&back, "Progress updates")
        .contains(&"Action 1.3: progress update 31 July 2009 (Not rated) restored".to_string()));
}

#[test]
fn kpi_values_and_targets() {
    let old = plan();
    let mut new = old.clone();
    {
        let k = kpi_mut(&mut new, "NI 72");
        let p = k.series.iter_mut().find(|p| p.period == "2009/10").unwrap();
        p.actual = Some(Value::number(54.1));
        p.neighbours = Some(Value::number(52.0));
        let p = k.series.iter_mut().find(|p| p.period == "2010/11").unwrap();
        p.target = Some(Target::value(56.0));
        k.series.push(waymark::core::model::PeriodValues {
            period: "2011/12".into(),
            target: Some(Target::value(57.5)),
            ..Default::default()
        });
        k.polarity = Polarity::LowerIsBetter;
    }
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "KPIs"),
        ["NI 72: polarity changed from 'Higher is better' to 'Lower is better'"]
    );
    assert_eq!(
        section(&c, "KPI values"),
        [
            "NI 72 2009/10 actual: 53.7 (provisional) → 54.1",
            "NI 72 2009/10 statistical neighbours: Not yet available → 52.0",
            "NI 72: target 2010/11: 55 → 56",
            "NI 72: target 2011/12: (blank) → 57.5",
        ]
    );
    // Back again: blanks.
    let back = compare(&new, &old);
    assert!(
        section(&back, "KPI values").contains(&"NI 72: target 2011/12: 57.5 → (blank)".to_string())
    );

    // A change smaller than the decimal places shows more of the number.
    let mut finer = old.clone();
    let k = kpi_mut(&mut finer, "NI 72");
    k.series[0].actual = Some(Value::number(48.83));
    let c = compare(&old, &finer);
    assert_eq!(
        section(&c, "KPI values"),
        ["NI 72 2007/8 actual: 48.8 → 48.83"]
    );
}

#[test]
fn kpis_added_and_removed() {
    let old = plan();
    let mut new = old.clone();
    let gone = new.kpis.remove(0);
    assert_eq!(gone.code, "NI 72");
    new.kpis.push(Kpi {
        id: Id::new("k-new"),
        code: "LOCAL 1".into(),
        title: "Children seen within 5 days".into(),
        ..Kpi::default()
    });
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "KPIs"),
        [
            "Added KPI LOCAL 1 Children seen within 5 days",
            "Removed KPI NI 72 % pupils achieving at least 78 points across Early Years…",
        ]
    );
    assert!(!c.sections.iter().any(|s| s.title == "KPI values"));
    assert_eq!((c.added, c.removed, c.changed), (1, 1, 0));
}

#[test]
fn plan_details() {
    let old = plan();
    let mut new = old.clone();
    new.title = "CYPS Performance Improvement Plan 2010".into();
    new.settings.stale_after_days = 60;
    new.notes.push("Refreshed after the APA letter.".into());
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "Plan details"),
        [
            "Plan: title changed from 'CYPS Performance Improvement Plan' to 'CYPS Performance Improvement Plan 2010'",
            "Plan: added note 'Refreshed after the APA letter.'",
            "Plan: stale after changed from '90 days' to '60 days'",
        ]
    );
}

#[test]
fn order_is_plan_order_and_deterministic() {
    let old = plan();
    let mut new = old.clone();
    // Change actions at the end, the start and the middle of the plan.
    let refs: Vec<String> = old.actions().map(|r| r.action.reference.clone()).collect();
    let picks = [
        refs[refs.len() - 1].clone(),
        refs[0].clone(),
        refs[40].clone(),
    ];
    for r in &picks {
        action_mut(&mut new, r).resources = "Within existing budgets (changed)".into();
    }
    let c = compare(&old, &new);
    let lines = section(&c, "Actions");
    let got: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_start_matches("Action ").split(':').next().unwrap())
        .collect();
    assert_eq!(
        got,
        [
            refs[0].as_str(),
            refs[40].as_str(),
            refs[refs.len() - 1].as_str()
        ]
    );
    assert_eq!(compare(&old, &new), c, "the same every time");
    assert_eq!(all_lines(&c).len(), c.added + c.removed + c.changed);
}

#[test]
fn moved_action() {
    let old = plan();
    let mut new = old.clone();
    let a = new.priorities[0].actions.remove(0);
    let reference = a.reference.clone();
    new.priorities[1].actions.push(a);
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "Actions"),
        [format!(
            "Action {reference}: moved from priority 1 to priority 2"
        )]
    );
}

#[test]
fn a_priority_and_an_outcome_heading_changes_in_words() {
    let old = plan();
    let mut new = old.clone();
    let (pi, oi) = new
        .priorities
        .iter()
        .enumerate()
        .find_map(|(i, p)| (!p.outcomes.is_empty()).then_some((i, 0)))
        .unwrap();
    {
        let p = &mut new.priorities[pi];
        p.title = "A new title".into();
        p.council_priority = "Safer children".into();
        let o = &mut p.outcomes[oi];
        o.number = "9".into();
        o.outcome_area = None;
        o.success_criteria.push("Fewer repeat referrals".into());
    }
    let c = compare(&old, &new);
    assert_eq!(
        section(&c, "Priorities"),
        [
            "Priority 4: title changed from 'Establish a clear and shared direction and vision for children and young people…' to 'A new title'",
            "Priority 4: council priority changed from 'Council Plan Priority 2: To increase the level of educational attainment for…' to 'Safer children'",
            "Priority 4 outcome 9: number changed from '4' to '9'",
            "Priority 4 outcome 9: outcome area changed from 'Enjoy and achieve' to (blank)",
            "Priority 4 outcome 9: added success criterion 'Fewer repeat referrals'",
        ]
    );
    // The outcome's KPIs are now placed under its new number.
    assert!(section(&c, "KPIs").iter().all(
        |l| l.ends_with("priority changed from 'priority 4, outcome 4' to 'priority 4, outcome 9'")
    ));
}
