//! Roll-ups, exceptions, overdue work, data health and recent updates, on a small
//! hand-built plan (every expected number worked out by hand below) and on the
//! shipped example plan.

use waymark::core::date::Date;
use waymark::core::example::example_plan;
use waymark::core::model::{
    Action, ActionStatus, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, PlanSettings, Polarity,
    Priority, ProgressUpdate, Rag,
};
use waymark::core::rollup::{
    action_rag_as_at, data_health, exceptions, overdue, recent_updates, rollup, GapKind, RagCounts,
};
use waymark::core::value::{Target, Value};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn upd(id: &str, date: Option<Date>, rag: Rag, reason: &str, commentary: &str) -> ProgressUpdate {
    ProgressUpdate {
        id: Id::new(id),
        date,
        rag,
        reason: reason.into(),
        commentary: commentary.into(),
        ..ProgressUpdate::default()
    }
}

fn action(id: &str, reference: &str, title: &str) -> Action {
    Action {
        id: Id::new(id),
        reference: reference.into(),
        title: title.into(),
        leads: vec!["DCS".into()],
        ..Action::default()
    }
}

fn kpi(id: &str, code: &str, priority: Option<&str>, polarity: Polarity) -> Kpi {
    Kpi {
        id: Id::new(id),
        code: code.into(),
        title: format!("Indicator {code}"),
        polarity,
        decimals: 1,
        priority_id: priority.map(Id::new),
        ..Kpi::default()
    }
}

fn period(label: &str, actual: Option<f64>, target: Option<f64>) -> PeriodValues {
    PeriodValues {
        period: label.into(),
        actual: actual.map(Value::number),
        target: target.map(Target::value),
        ..PeriodValues::default()
    }
}

/// The as-at date of most tests.
fn as_at() -> Date {
    d(2009, 10, 1)
}

/// Two priorities, five actions, five KPIs:
///
/// | action | where    | status      | updates (date RAG)                                   | stated | due        | milestones                    | leads |
/// |--------|----------|-------------|------------------------------------------------------|--------|------------|-------------------------------|-------|
/// | 1.1    | p1       | in progress | 1 Jul Green; 25 Sep Red (deleted); 15 Oct Red        | –      | 30 Sep     | –                             | DCS   |
/// | 1.2    | p1       | complete    | 1 Aug Amber                                          | –      | 31 Aug     | –                             | none  |
/// | 1.1.1  | p1 / o1  | in progress | –                                                    | Amber  | none       | 1 Sep not done; 1 Aug done    | DCS   |
/// | 2.1    | p2       | in progress | undated Green; 20 Sep Amber; 25 Sep Amber            | –      | 1 Oct      | –                             | DCS   |
/// | 2.2    | p2       | cancelled   | –                                                    | –      | 1 Jan      | 1 Feb not done                | DCS   |
///
/// KPIs: k1 (p1) green, k2 (p1, outcome o1) red, k3 (p2) target only → not rated,
/// k4 (no priority) amber, k5 (p2) no periods → not rated.
fn small_plan() -> Plan {
    let mut a11 = action("a11", "1.1", "Appoint assistant directors");
    a11.due = Some(d(2009, 9, 30));
    a11.updates = vec![
        upd(
            "u1",
            Some(d(2009, 7, 1)),
            Rag::Green,
            "",
            "All posts advertised",
        ),
        ProgressUpdate {
            deleted_at: Some("2009-09-26T10:00:00Z".into()),
            ..upd("u1b", Some(d(2009, 9, 25)), Rag::Red, "Typed in error", "")
        },
        upd(
            "u2",
            Some(d(2009, 10, 15)),
            Rag::Red,
            "Red because funding was withdrawn",
            "Funding withdrawn",
        ),
    ];
    let mut a12 = action("a12", "1.2", "Agree service plans");
    a12.status = ActionStatus::Complete;
    a12.leads = vec![];
    a12.due = Some(d(2009, 8, 31));
    a12.updates = vec![upd(
        "u3",
        Some(d(2009, 8, 1)),
        Rag::Amber,
        "",
        "Drafts late",
    )];
    let mut a111 = action("a111", "1.1.1", "Health checks for children in care");
    a111.stated_rag = Some(Rag::Amber);
    a111.milestones = vec![
        Milestone {
            id: Id::new("m1"),
            title: "Audit of health assessments".into(),
            due: Some(d(2009, 9, 1)),
            ..Milestone::default()
        },
        Milestone {
            id: Id::new("m2"),
            title: "Protocol agreed".into(),
            due: Some(d(2009, 8, 1)),
            done: true,
            ..Milestone::default()
        },
    ];
    let mut a21 = action("a21", "2.1", "Expand the data bank");
    a21.due = Some(d(2009, 10, 1));
    a21.updates = vec![
        upd("u4", None, Rag::Green, "", "Started"),
        upd(
            "u5",
            Some(d(2009, 9, 20)),
            Rag::Amber,
            "",
            "Slipped by a month",
        ),
        upd(
            "u6",
            Some(d(2009, 9, 25)),
            Rag::Amber,
            "Still late",
            "No change",
        ),
    ];
    let mut a22 = action("a22", "2.2", "Old workstream");
    a22.status = ActionStatus::Cancelled;
    a22.due = Some(d(2009, 1, 1));
    a22.milestones = vec![Milestone {
        id: Id::new("m3"),
        title: "Never happened".into(),
        due: Some(d(2009, 2, 1)),
        ..Milestone::default()
    }];

    let mut k1 = kpi("k1", "NI 1", Some("p1"), Polarity::HigherIsBetter);
    k1.series = vec![period("2008/9", Some(55.0), Some(50.0))];
    let mut k2 = kpi("k2", "NI 2", Some("p1"), Polarity::LowerIsBetter);
    k2.outcome_id = Some(Id::new("o1"));
    k2.series = vec![period("2008/9", Some(40.0), Some(30.0))];
    let mut k3 = kpi("k3", "NI 3", Some("p2"), Polarity::HigherIsBetter);
    k3.series = vec![period("2010/11", None, Some(60.0))];
    let mut k4 = kpi("k4", "NI 4", None, Polarity::HigherIsBetter);
    k4.series = vec![period("2008/9", Some(97.0), Some(100.0))];
    let k5 = kpi("k5", "NI 5", Some("p2"), Polarity::HigherIsBetter);

    Plan {
        id: Id::new("small"),
        title: "Small plan".into(),
        priorities: vec![
            Priority {
                id: Id::new("p1"),
                number: "1".into(),
                title: "Leadership".into(),
                actions: vec![a11, a12],
                outcomes: vec![Outcome {
                    id: Id::new("o1"),
                    number: "1".into(),
                    title: "Being healthy".into(),
                    actions: vec![a111],
                    ..Outcome::default()
                }],
                ..Priority::default()
            },
            Priority {
                id: Id::new("p2"),
                number: "2".into(),
                title: "Performance".into(),
                actions: vec![a21, a22],
                ..Priority::default()
            },
        ],
        kpis: vec![k1, k2, k3, k4, k5],
        settings: PlanSettings {
            stale_after_days: 30,
            ..PlanSettings::default()
        },
        ..Plan::default()
    }
}

fn counts(red: usize, amber: usize, green: usize, blue: usize, not_rated: usize) -> RagCounts {
    RagCounts {
        red,
        amber,
        green,
        blue,
        not_rated,
    }
}

#[test]
fn rag_counts_add_get_total() {
    let mut c = RagCounts::default();
    for r in [
        Rag::Red,
        Rag::Amber,
        Rag::Amber,
        Rag::Blue,
        Rag::NotRated,
        Rag::Green,
    ] {
        c.add(r);
    }
    assert_eq!(c, counts(1, 2, 1, 1, 1));
    for r in Rag::ALL {
        let expected = if r == Rag::Amber { 2 } else { 1 };
        assert_eq!(c.get(r), expected, "{r:?}");
    }
    assert_eq!(c.total(), 6);
    let mut m = c;
    m.merge(&c);
    assert_eq!(m.total(), 12);
    assert_eq!(m.amber, 4);
}

#[test]
fn rolls_up_actions_and_kpis_by_priority() {
    let plan = small_plan();
    let r = rollup(&plan, as_at());
    // 1.1 green (its 15 Oct update is after the date, the 25 Sep one deleted),
    // 1.2 complete, 1.1.1 amber (stated), 2.1 amber, 2.2 not rated.
    assert_eq!(r.actions, counts(0, 2, 1, 1, 1));
    assert_eq!(r.kpis, counts(1, 1, 1, 0, 2));
    assert_eq!(r.priorities.len(), 2);
    assert_eq!(r.priorities[0].priority, Id::new("p1"));
    assert_eq!(r.priorities[0].actions, counts(0, 1, 1, 1, 0));
    assert_eq!(
        r.priorities[0].kpis,
        counts(1, 0, 1, 0, 0),
        "outcome KPI counts"
    );
    assert_eq!(r.priorities[1].priority, Id::new("p2"));
    assert_eq!(r.priorities[1].actions, counts(0, 1, 0, 0, 1));
    assert_eq!(r.priorities[1].kpis, counts(0, 0, 0, 0, 2));
    // k4 has no priority: in the totals only.
    let sum: usize = r.priorities.iter().map(|p| p.kpis.total()).sum();
    assert_eq!(sum + 1, r.kpis.total());
}

#[test]
fn an_update_after_the_as_at_date_is_ignored() {
    let plan = small_plan();
    let a11 = &plan.priorities[0].actions[0];
    assert_eq!(action_rag_as_at(a11, d(2009, 10, 14)), Rag::Green);
    assert_eq!(
        action_rag_as_at(a11, d(2009, 10, 15)),
        Rag::Red,
        "on the day counts"
    );
    assert_eq!(action_rag_as_at(a11, d(2010, 1, 1)), Rag::Red);
    // Before its first update: no stated RAG, so not rated.
    assert_eq!(action_rag_as_at(a11, d(2009, 6, 30)), Rag::NotRated);
    // The deleted red update of 25 September never counts.
    assert_eq!(action_rag_as_at(a11, d(2009, 9, 30)), Rag::Green);
    // Far ahead, the as-at RAG is the action's current RAG.
    for r in plan.actions() {
        assert_eq!(
            action_rag_as_at(r.action, d(2100, 1, 1)),
            r.action.current_rag()
        );
    }
    // The roll-up changes over time: 1.1 turns red in mid-October.
    let later = rollup(&plan, d(2009, 10, 31));
    assert_eq!(later.actions, counts(1, 2, 0, 1, 1));
    assert_eq!(later.priorities[0].actions, counts(1, 1, 0, 1, 0));
}

#[test]
fn undated_updates_count_as_before_any_date() {
    let plan = small_plan();
    let a21 = &plan.priorities[1].actions[0];
    // Before 20 September only the undated update is written: green.
    assert_eq!(action_rag_as_at(a21, d(2009, 9, 19)), Rag::Green);
    assert_eq!(action_rag_as_at(a21, d(1900, 1, 1)), Rag::Green);
    assert_eq!(action_rag_as_at(a21, d(2009, 9, 20)), Rag::Amber);
}

#[test]
fn complete_is_blue_whatever_the_date() {
    let plan = small_plan();
    let a12 = &plan.priorities[0].actions[1];
    assert_eq!(action_rag_as_at(a12, d(2000, 1, 1)), Rag::Blue);
    assert_eq!(action_rag_as_at(a12, d(2009, 8, 1)), Rag::Blue);
}

#[test]
fn exceptions_red_then_amber_in_plan_order() {
    let plan = small_plan();
    let e = exceptions(&plan, as_at());
    let refs: Vec<&str> = e.iter().map(|x| x.reference.as_str()).collect();
    assert_eq!(refs, ["1.1.1", "2.1"]);
    // Stated RAG: no reason, no date.
    assert_eq!(e[0].rag, Rag::Amber);
    assert_eq!(e[0].reason, "");
    assert_eq!(e[0].date, None);
    assert_eq!(e[0].priority, Id::new("p1"));
    // The update that set the RAG gives the reason.
    assert_eq!(e[1].reason, "Still late");
    assert_eq!(e[1].date, Some(d(2009, 9, 25)));
    assert_eq!(e[1].leads, vec!["DCS".to_string()]);

    let later = exceptions(&plan, d(2009, 10, 31));
    let refs: Vec<(&str, Rag)> = later
        .iter()
        .map(|x| (x.reference.as_str(), x.rag))
        .collect();
    assert_eq!(
        refs,
        [
            ("1.1", Rag::Red),
            ("1.1.1", Rag::Amber),
            ("2.1", Rag::Amber)
        ]
    );
    assert_eq!(later[0].reason, "Red because funding was withdrawn");

    // With no reason, the commentary stands in.
    let at_20 = exceptions(&plan, d(2009, 9, 22));
    let x21 = at_20.iter().find(|x| x.reference == "2.1").unwrap();
    assert_eq!(x21.reason, "Slipped by a month");
}

#[test]
fn overdue_most_late_first() {
    let plan = small_plan();
    let o = overdue(&plan, as_at());
    let got: Vec<(&str, Option<&str>, i64)> = o
        .iter()
        .map(|x| (x.reference.as_str(), x.milestone.as_deref(), x.days_late))
        .collect();
    // 1.1.1's milestone of 1 Sep: 30 days; 1.1 due 30 Sep: 1 day. 2.1 is due today
    // (not late); 1.2 is complete and 2.2 cancelled; a done milestone is not late.
    assert_eq!(
        got,
        [
            ("1.1.1", Some("Audit of health assessments"), 30),
            ("1.1", None, 1),
        ]
    );
    assert_eq!(o[0].due, d(2009, 9, 1));
    assert_eq!(o[0].action, Id::new("a111"));

    // The day after, 2.1 is one day late.
    let next = overdue(&plan, d(2009, 10, 2));
    assert!(next
        .iter()
        .any(|x| x.reference == "2.1" && x.days_late == 1));
    // Before everything: nothing.
    assert!(overdue(&plan, d(2009, 1, 1)).is_empty());
}

#[test]
fn data_health_score_by_hand() {
    let plan = small_plan();
    let h = data_health(&plan, as_at());
    // Checks (stale after 30 days, so fresh means dated 1 Sep – 1 Oct 2009):
    // 1.1   fresh ✗ (last 1 July; 15 Oct is later, 25 Sep deleted), lead ✓, due ✓
    // 1.2   complete: no freshness check; lead ✗, due ✓
    // 1.1.1 fresh ✗ (no updates), lead ✓, due ✗
    // 2.1   fresh ✓ (25 Sep), lead ✓, due ✓
    // 2.2   cancelled: no freshness check; lead ✓, due ✓
    // k1 ✓, k2 ✓, k3 ✗ (2010/11 has a target but no actual), k4 ✓, k5 ✗ (no values)
    // 18 checks, 6 failed: 12/18 = 66.7 → 67.
    assert_eq!(h.score, 67);
    let got: Vec<(GapKind, &str)> = h
        .gaps
        .iter()
        .map(|g| (g.kind.clone(), g.id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (GapKind::StaleAction, "a11"),
            (GapKind::NoLead, "a12"),
            (GapKind::StaleAction, "a111"),
            (GapKind::NoDueDate, "a111"),
            (GapKind::KpiMissingLatest, "k3"),
            (GapKind::KpiMissingLatest, "k5"),
        ]
    );
    let text: Vec<&str> = h.gaps.iter().map(|g| g.description.as_str()).collect();
    assert_eq!(
        text,
        [
            "1.1 Appoint assistant directors: no progress update since 1 July 2009",
            "1.2 Agree service plans: no lead named",
            "1.1.1 Health checks for children in care: no progress update yet",
            "1.1.1 Health checks for children in care: no due date",
            "NI 3: Indicator NI 3: no value for 2010/11",
            "NI 5: Indicator NI 5: no values yet",
        ]
    );
}

#[test]
fn data_health_edges() {
    assert_eq!(data_health(&Plan::default(), as_at()).score, 100);
    assert!(data_health(&Plan::default(), as_at()).gaps.is_empty());

    // Only an undated update: says so. A long title is cut.
    let mut plan = small_plan();
    let a = &mut plan.priorities[1].actions[0];
    a.title = "A very long title that goes on and on about the data bank and what it will hold for everyone".into();
    a.updates = vec![upd("x", None, Rag::Green, "", "")];
    let h = data_health(&plan, as_at());
    let g = h.gaps.iter().find(|g| g.id == Id::new("a21")).unwrap();
    assert_eq!(g.kind, GapKind::StaleAction);
    assert!(
        g.description.ends_with(": no dated progress update"),
        "{}",
        g.description
    );
    assert!(g.description.contains('…'), "{}", g.description);

    // A perfect plan scores 100; one failed check of four scores 75.
    let mut p = Plan::default();
    let mut a = action("a", "1", "Only action");
    a.due = Some(d(2009, 12, 1));
    a.updates = vec![upd("u", Some(d(2009, 9, 30)), Rag::Green, "", "")];
    let mut k = kpi("k", "L1", None, Polarity::HigherIsBetter);
    k.series = vec![period("2008/9", Some(1.0), None)];
    p.priorities = vec![Priority {
        id: Id::new("p"),
        actions: vec![a],
        ..Priority::default()
    }];
    p.kpis = vec![k];
    assert_eq!(data_health(&p, as_at()).score, 100);
    // Stale from the default 90 days: 30 Sep is fresh as at 29 Dec, stale on 30 Dec.
    assert_eq!(data_health(&p, d(2009, 12, 29)).score, 100);
    assert_eq!(data_health(&p, d(2009, 12, 29)).gaps.len(), 0);
    let h = data_health(&p, d(2009, 12, 30));
    assert_eq!(h.score, 75);
    assert_eq!(h.gaps[0].kind, GapKind::StaleAction);
    // A "not available" actual is not a value.
    p.kpis[0].series[0].actual = Some(Value::not_available("TBA"));
    assert_eq!(data_health(&p, as_at()).score, 75);
}

#[test]
fn recent_updates_newest_first_with_previous_rag() {
    let plan = small_plan();
    let r = recent_updates(&plan, as_at(), 90);
    // Window 3 July – 1 October: 2.1's 25 and 20 Sep, 1.2's 1 Aug. 1.1's 1 July is
    // too old, its deleted one never counts, its 15 Oct one is after the date.
    let got: Vec<(&str, Date, Rag, Option<Rag>)> = r
        .iter()
        .map(|u| (u.reference.as_str(), u.date, u.rag, u.previous_rag))
        .collect();
    assert_eq!(
        got,
        [
            ("2.1", d(2009, 9, 25), Rag::Amber, None),
            ("2.1", d(2009, 9, 20), Rag::Amber, Some(Rag::Green)),
            ("1.2", d(2009, 8, 1), Rag::Amber, Some(Rag::NotRated)),
        ]
    );
    assert_eq!(r[1].commentary, "Slipped by a month");
    // The window is inclusive: 90 days before 29 Sep is 1 July.
    let r = recent_updates(&plan, d(2009, 9, 29), 90);
    assert_eq!(r.last().unwrap().date, d(2009, 7, 1));
    assert_eq!(r.last().unwrap().previous_rag, Some(Rag::NotRated));
    // A stated RAG is what came before the first update.
    let mut plan2 = small_plan();
    plan2.priorities[0].actions[1].stated_rag = Some(Rag::Amber);
    let r = recent_updates(&plan2, as_at(), 90);
    let u = r.iter().find(|u| u.reference == "1.2").unwrap();
    assert_eq!(u.previous_rag, None);
    // Later: 1.1 went from green to red.
    let r = recent_updates(&plan, d(2009, 10, 31), 30);
    assert_eq!(r[0].reference, "1.1");
    assert_eq!(r[0].previous_rag, Some(Rag::Green));
    assert!(recent_updates(&plan, as_at(), -1).is_empty());
    assert!(recent_updates(&plan, as_at(), 0).is_empty());
}

// ------------------------------------------------------------ the example plan

#[test]
fn example_plan_rollup_adds_up() {
    let plan = example_plan().plan;
    let at = d(2009, 9, 30);
    let r = rollup(&plan, at);
    assert_eq!(r.actions.total(), plan.action_count());
    assert_eq!(r.kpis.total(), plan.kpis.len());
    assert_eq!(r.priorities.len(), plan.priorities.len());
    let sum: usize = r.priorities.iter().map(|p| p.actions.total()).sum();
    assert_eq!(sum, plan.action_count());
    for (p, pr) in plan.priorities.iter().zip(&r.priorities) {
        assert_eq!(pr.priority, p.id);
        let n = p.actions.len() + p.outcomes.iter().map(|o| o.actions.len()).sum::<usize>();
        assert_eq!(pr.actions.total(), n, "priority {}", p.number);
        let k = plan
            .kpis
            .iter()
            .filter(|k| k.priority_id.as_ref() == Some(&p.id))
            .count();
        assert_eq!(pr.kpis.total(), k, "priority {}", p.number);
    }
    // Counted by hand from data/example-plan.jsonc: 83 actions, all in progress;
    // the seed's RAG column is mostly blank, so 77 are not rated and 6 green
    // (a stated green or a green update), one in priority 1 and five in priority 4.
    assert_eq!(plan.action_count(), 83);
    assert_eq!(r.actions, counts(0, 0, 6, 0, 77));
    let per: Vec<RagCounts> = r.priorities.iter().map(|p| p.actions).collect();
    assert_eq!(
        per,
        [
            counts(0, 0, 1, 0, 6),
            counts(0, 0, 0, 0, 7),
            counts(0, 0, 0, 0, 7),
            counts(0, 0, 5, 0, 57),
        ]
    );
    // Overdue: 5 actions or milestones on the day the plan was printed, 78 a
    // year on (counted from the file's due dates).
    assert_eq!(overdue(&plan, at).len(), 5);
    assert_eq!(overdue(&plan, d(2010, 9, 30)).len(), 78);
    // No red or amber actions: no exceptions.
    assert!(exceptions(&plan, at).is_empty());
}

#[test]
fn example_plan_kpi_rollup() {
    let plan = example_plan().plan;
    let r = rollup(&plan, d(2009, 9, 30));
    let expected = plan.kpis.iter().fold(RagCounts::default(), |mut c, k| {
        c.add(waymark::core::kpi::latest_rating(k).map_or(Rag::NotRated, |x| x.rag));
        c
    });
    assert_eq!(r.kpis, expected);
    // The seed's KPI tables hold real red, amber and green figures.
    assert!(
        r.kpis.green > 0 && r.kpis.red + r.kpis.amber > 0,
        "{:?}",
        r.kpis
    );
}

#[test]
fn example_plan_data_health() {
    let plan = example_plan().plan;
    let h = data_health(&plan, d(2009, 9, 30));
    assert!(h.score <= 100);
    let checks = plan.action_count() * 3 + plan.kpis.len();
    let expected = ((checks - h.gaps.len()) as f64 * 100.0 / checks as f64).round() as u8;
    assert_eq!(h.score, expected);
    // NI 72's latest period with a figure or target is 2010/11 (target 55, no actual).
    let ni72 = plan.kpis.iter().find(|k| k.code == "NI 72").unwrap();
    let g = h.gaps.iter().find(|g| g.id == ni72.id).expect("NI 72 gap");
    assert_eq!(g.kind, GapKind::KpiMissingLatest);
    assert!(g.description.starts_with("NI 72: "), "{}", g.description);
    assert!(
        g.description.ends_with(": no value for 2010/11"),
        "{}",
        g.description
    );
    // 1.4's only update is of 16 September 2009: fresh on 30 September, stale
    // after 90 days.
    let a14 = plan
        .actions()
        .find(|r| r.action.reference == "1.4")
        .unwrap()
        .action;
    assert!(!h
        .gaps
        .iter()
        .any(|g| g.id == a14.id && g.kind == GapKind::StaleAction));
    let h2 = data_health(&plan, d(2010, 1, 1));
    let g = h2
        .gaps
        .iter()
        .find(|g| g.id == a14.id && g.kind == GapKind::StaleAction)
        .expect("1.4 stale in January");
    assert!(
        g.description.starts_with("1.4 Expand data bank"),
        "{}",
        g.description
    );
    assert!(
        g.description
            .ends_with("…: no progress update since 16 September 2009"),
        "{}",
        g.description
    );
}

#[test]
fn example_plan_recent_updates() {
    let plan = example_plan().plan;
    let r = recent_updates(&plan, d(2009, 9, 30), 30);
    assert!(!r.is_empty());
    for w in r.windows(2) {
        assert!(w[0].date >= w[1].date, "newest first");
    }
    for u in &r {
        assert!(u.date >= d(2009, 8, 31) && u.date <= d(2009, 9, 30));
    }
    assert!(r
        .iter()
        .any(|u| u.reference == "1.4" && u.date == d(2009, 9, 16)));
}

// ------------------------------------------------- limits, at and just past them

/// The data-health gaps of a plan with one action (no lead, so it always has a gap
/// naming it) and the given KPIs, as at 1 October 2009.
fn gap_words(title: &str, kpis: Vec<Kpi>) -> Vec<String> {
    let mut a = action("a", "1.1", title);
    a.leads.clear();
    a.due = Some(d(2010, 3, 31));
    a.status = ActionStatus::Complete;
    let plan = Plan {
        priorities: vec![Priority {
            id: Id::new("p"),
            actions: vec![a],
            ..Priority::default()
        }],
        kpis,
        ..Plan::default()
    };
    data_health(&plan, as_at())
        .gaps
        .into_iter()
        .map(|g| g.description)
        .collect()
}

#[test]
fn a_long_name_is_cut_at_a_word_break_only_in_its_second_half() {
    let x = |n: usize| "x".repeat(n);
    // The first 61 characters are looked at; a space from the 31st (index 30) on is
    // a good place to cut, an earlier one is not (the name would lose too much).
    let cases = [
        (x(60), x(60)),
        (x(61), format!("{}…", x(60))),
        (format!("Ab {}", x(70)), format!("Ab {}…", x(57))),
        (
            format!("{} {}", x(29), x(40)),
            format!("{} {}…", x(29), x(30)),
        ),
        (format!("{} {}", x(30), x(40)), format!("{}…", x(30))),
        (format!("{} {}", x(60), x(9)), format!("{}…", x(60))),
        (
            format!("{} {} {}", x(40), x(10), x(20)),
            format!("{} {}…", x(40), x(10)),
        ),
    ];
    for (title, shown) in cases {
        assert_eq!(
            gap_words(&title, vec![]),
            [format!("1.1 {shown}: no lead named")],
            "{title}"
        );
    }
}

#[test]
fn a_kpi_is_judged_by_its_latest_period_holding_anything() {
    let with = |latest: PeriodValues| {
        let mut k = kpi("k", "L1", None, Polarity::HigherIsBetter);
        k.series = vec![period("2008/9", Some(5.0), None), latest];
        gap_words("Sound", vec![k])
    };
    let only = |f: fn(&mut PeriodValues)| {
        let mut p = period("2009/10", None, None);
        f(&mut p);
        p
    };
    let gap = |why: &str| {
        vec![
            "1.1 Sound: no lead named".to_string(),
            format!("L1: Indicator L1: {why}"),
        ]
    };
    let no_kpi_gap = vec!["1.1 Sound: no lead named".to_string()];
    // A period holding nothing is passed over: the latest value is 2008/9's.
    assert_eq!(with(period("2009/10", None, None)), no_kpi_gap);
    // A target or any comparator alone makes the period the latest: it has no value.
    assert_eq!(
        with(period("2009/10", None, Some(6.0))),
        gap("no value for 2009/10")
    );
    assert_eq!(
        with(only(|p| p.national = Some(Value::number(4.0)))),
        gap("no value for 2009/10")
    );
    assert_eq!(
        with(only(|p| p.neighbours = Some(Value::number(4.0)))),
        gap("no value for 2009/10")
    );
    assert_eq!(
        with(only(|p| p.region = Some(Value::number(4.0)))),
        gap("no value for 2009/10")
    );
    // A period with no name is called what it is.
    let mut unnamed = period("  ", None, Some(6.0));
    assert_eq!(with(unnamed.clone()), gap("no value for its latest period"));
    unnamed.actual = Some(Value::number(7.0));
    assert_eq!(with(unnamed), no_kpi_gap);
}

#[test]
fn recent_updates_keep_to_the_window_even_within_one_action() {
    let mut a = action("a", "1.1", "One action");
    a.updates = vec![
        upd(
            "before",
            Some(d(2009, 9, 23)),
            Rag::Green,
            "",
            "Before the window",
        ),
        upd(
            "first",
            Some(d(2009, 9, 24)),
            Rag::Amber,
            "",
            "First day of the window",
        ),
        upd("last", Some(d(2009, 10, 1)), Rag::Red, "", "The as-at date"),
        upd(
            "after",
            Some(d(2009, 10, 2)),
            Rag::Green,
            "",
            "After the as-at date",
        ),
    ];
    let plan = Plan {
        priorities: vec![Priority {
            id: Id::new("p"),
            actions: vec![a],
            ..Priority::default()
        }],
        ..Plan::default()
    };
    let words = |days: i64| -> Vec<(String, Option<Rag>)> {
        recent_updates(&plan, as_at(), days)
            .into_iter()
            .map(|u| (u.commentary, u.previous_rag))
            .collect()
    };
    assert_eq!(
        words(7),
        [
            ("The as-at date".to_string(), Some(Rag::Amber)),
            ("First day of the window".to_string(), Some(Rag::Green)),
        ]
    );
    // No days back: only what is dated the as-at date itself.
    assert_eq!(words(0), [("The as-at date".to_string(), Some(Rag::Amber))]);
    assert_eq!(words(-1), []);
}
