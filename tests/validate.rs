//! Form validation: GOV.UK-style messages, date inputs, warnings that do not block.

use waymark::core::date::Date;
use waymark::core::edit::PlanDetails;
use waymark::core::example::example_plan;
use waymark::core::model::{
    Action, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, Priority, ProgressUpdate, Rag, Risk,
    Tolerance,
};
use waymark::core::validate::*;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn plan() -> Plan {
    example_plan().plan
}

fn due(day: &str, month: &str, year: &str) -> Result<Option<Date>, String> {
    parse_date_input("due date", day, month, year, false)
}

// ---------------------------------------------------------------------------
// Date inputs

#[test]
fn reads_dates() {
    assert_eq!(due("31", "10", "2009"), Ok(Some(d(2009, 10, 31))));
    assert_eq!(due(" 1 ", " 6 ", " 2010 "), Ok(Some(d(2010, 6, 1))));
    assert_eq!(due("01", "06", "2010"), Ok(Some(d(2010, 6, 1))));
    assert_eq!(
        due("29", "02", "2008"),
        Ok(Some(d(2008, 2, 29))),
        "leap year"
    );
    assert_eq!(due("29", "2", "2000"), Ok(Some(d(2000, 2, 29))), "400 leap");
}

#[test]
fn reads_month_names() {
    for (m, n) in [
        ("Jan", 1),
        ("january", 1),
        ("FEB", 2),
        ("Sept", 9),
        ("sep", 9),
        ("September", 9),
        ("Oct", 10),
        ("October", 10),
        ("dec.", 12),
        ("May", 5),
    ] {
        assert_eq!(due("3", m, "2009"), Ok(Some(d(2009, n, 3))), "{m}");
    }
    for m in ["Ja", "Octo", "Smarch", "13", "0", "1.5", "-1"] {
        assert_eq!(
            due("3", m, "2009"),
            Err("Due date must be a real date".into()),
            "{m}"
        );
    }
}

#[test]
fn empty_dates() {
    assert_eq!(due("", "", ""), Ok(None));
    assert_eq!(due("  ", " ", ""), Ok(None));
    assert_eq!(
        parse_date_input("due date", "", "", "", true),
        Err("Enter a due date, for example 31 10 2009".into())
    );
    assert_eq!(
        parse_date_input("end date", " ", "", "", true),
        Err("Enter an end date, for example 31 10 2009".into())
    );
}

#[test]
fn incomplete_dates() {
    assert_eq!(
        due("31", "", "2009"),
        Err("Due date must include a month".into())
    );
    assert_eq!(
        due("", "10", ""),
        Err("Due date must include a day and year".into())
    );
    assert_eq!(
        due("", "10", "2009"),
        Err("Due date must include a day".into())
    );
    assert_eq!(
        due("31", "10", ""),
        Err("Due date must include a year".into())
    );
    assert_eq!(
        due("31", "", ""),
        Err("Due date must include a month and year".into())
    );
    assert_eq!(
        due("", "", "2009"),
        Err("Due date must include a day and month".into())
    );
    // Incomplete even when required.
    assert_eq!(
        parse_date_input("due date", "", "10", "", true),
        Err("Due date must include a day and year".into())
    );
}

#[test]
fn unreal_dates() {
    let real = || Err("Due date must be a real date".to_string());
    assert_eq!(due("31", "04", "2010"), real());
    assert_eq!(due("29", "02", "2009"), real(), "not a leap year");
    assert_eq!(due("29", "2", "1900"), real(), "1900 was not a leap year");
    assert_eq!(due("32", "1", "2010"), real());
    assert_eq!(due("0", "1", "2010"), real());
    assert_eq!(due("x", "1", "2010"), real());
    assert_eq!(due("123", "1", "2010"), real());
    assert_eq!(due("-1", "1", "2010"), real());
    assert_eq!(due("1", "1", "0000"), real());
    assert_eq!(
        parse_date_input("date of the update", "31", "9", "2009", true),
        Err("Date of the update must be a real date".into())
    );
}

#[test]
fn years_need_four_numbers() {
    let year = || Err("Year must include 4 numbers".to_string());
    assert_eq!(due("1", "1", "09"), year(), "2-digit years are refused");
    assert_eq!(due("1", "1", "209"), year());
    assert_eq!(due("1", "1", "20091"), year());
    assert_eq!(due("1", "1", "20o9"), year());
    assert_eq!(due("1", "1", "'09"), year());
}

#[test]
fn warnings_outside_the_period() {
    let p = PlanDetails::of(&plan());
    assert_eq!(p.period_start, Some(d(2009, 6, 1)));
    assert_eq!(p.period_end, Some(d(2010, 9, 30)));
    assert_eq!(
        outside_period("due date", d(2010, 10, 1), &p),
        Some("Due date is after the plan period ends (30 September 2010)".into())
    );
    assert_eq!(
        outside_period("due date", d(2009, 5, 31), &p),
        Some("Due date is before the plan period starts (1 June 2009)".into())
    );
    assert_eq!(outside_period("due date", d(2009, 6, 1), &p), None);
    assert_eq!(outside_period("due date", d(2010, 9, 30), &p), None);
    assert_eq!(
        outside_period("due date", d(1999, 1, 1), &PlanDetails::default()),
        None
    );
}

// ---------------------------------------------------------------------------
// Plan details and priorities

#[test]
fn details() {
    let mut p = PlanDetails::of(&plan());
    assert!(validate_details(&p).is_ok());
    p.title = "  ".into();
    p.period_end = Some(d(2009, 5, 1));
    let r = validate_details(&p);
    assert!(!r.is_ok());
    assert_eq!(r.error_for("title"), Some("Enter a title"));
    assert_eq!(
        r.error_for("period_end"),
        Some("Period end must be the same as or after the period start (1 June 2009)")
    );
    p.period_end = p.period_start;
    assert_eq!(validate_details(&p).error_for("period_end"), None);
}

#[test]
fn priorities() {
    let plan = plan();
    assert!(validate_priority(&plan.priorities[0], &plan).is_ok());
    let new = Priority {
        id: Id::new("new"),
        number: " 2 ".into(),
        title: "".into(),
        ..Priority::default()
    };
    let r = validate_priority(&new, &plan);
    assert_eq!(
        r.error_for("number"),
        Some("Number 2 is already used by another priority")
    );
    assert_eq!(r.error_for("title"), Some("Enter a title"));
    let empty = Priority::default();
    assert_eq!(
        validate_priority(&empty, &plan).error_for("number"),
        Some("Enter a number, for example 1")
    );
}

// ---------------------------------------------------------------------------
// Actions

fn action_11(plan: &Plan) -> Action {
    plan.actions()
        .find(|r| r.action.reference == "1.1")
        .unwrap()
        .action
        .clone()
}

#[test]
fn actions() {
    let plan = plan();
    let mut a = action_11(&plan);
    a.due = Some(d(2010, 1, 31));
    a.milestones.clear();
    let r = validate_action(&a, &plan);
    assert!(r.is_ok(), "{r:?}");
    assert!(r.warnings.is_empty());

    let new = Action {
        id: Id::new("new"),
        reference: "1.1".into(),
        ..Action::default()
    };
    let r = validate_action(&new, &plan);
    assert_eq!(
        r.error_for("reference"),
        Some("Reference 1.1 is already used by another action")
    );
    assert_eq!(r.error_for("title"), Some("Enter a title"));
    let blank = Action::default();
    assert_eq!(
        validate_action(&blank, &plan).error_for("reference"),
        Some("Enter a reference, for example 1.1")
    );
    // Sub-item references are different references.
    let sub = Action {
        id: Id::new("new"),
        reference: "1.1 ii)".into(),
        title: "t".into(),
        ..Action::default()
    };
    assert!(validate_action(&sub, &plan).is_ok());
}

#[test]
fn action_dates_warn_but_do_not_block() {
    let plan = plan();
    let mut a = action_11(&plan);
    a.due = Some(d(2010, 12, 1));
    a.milestones = vec![
        Milestone {
            title: "First".into(),
            due: Some(d(2009, 7, 1)),
            ..Milestone::default()
        },
        Milestone {
            title: "".into(),
            due: Some(d(2009, 1, 1)),
            ..Milestone::default()
        },
        Milestone {
            title: "Third".into(),
            due: Some(d(2011, 1, 1)),
            ..Milestone::default()
        },
    ];
    let r = validate_action(&a, &plan);
    assert_eq!(
        r.warning_for("due"),
        Some("Due date is after the plan period ends (30 September 2010)")
    );
    assert_eq!(r.warning_for("milestones[0].due"), None);
    assert_eq!(
        r.warning_for("milestones[1].due"),
        Some("Milestone 2 due date is before the plan period starts (1 June 2009)")
    );
    assert_eq!(
        r.warning_for("milestones[2].due"),
        Some("Milestone 3 due date is after the plan period ends (30 September 2010)")
    );
    assert_eq!(
        r.error_for("milestones[1].title"),
        Some("Enter a title for milestone 2")
    );
    assert_eq!(r.errors.len(), 1, "{r:?}");
    a.milestones[1].title = "Second".into();
    assert!(validate_action(&a, &plan).is_ok(), "warnings do not block");
}

// ---------------------------------------------------------------------------
// Progress updates

#[test]
fn updates() {
    let plan = plan();
    let today = d(2010, 3, 1);
    let ok = ProgressUpdate {
        date: Some(d(2010, 2, 1)),
        rag: Rag::Green,
        commentary: "On track".into(),
        ..ProgressUpdate::default()
    };
    let r = validate_update(&ok, &plan, today);
    assert!(r.is_ok() && r.warnings.is_empty(), "{r:?}");

    let r = validate_update(&ProgressUpdate::default(), &plan, today);
    assert_eq!(
        r.error_for("date"),
        Some("Enter a date, for example 31 10 2009")
    );
    assert_eq!(
        r.error_for("commentary"),
        Some("Enter a comment on progress")
    );
    assert_eq!(r.error_for("reason"), None, "not rated needs no reason");

    let amber = ProgressUpdate {
        rag: Rag::Amber,
        ..ok.clone()
    };
    assert_eq!(
        validate_update(&amber, &plan, today).error_for("reason"),
        Some("Enter the reason for the amber rating")
    );
    let red = ProgressUpdate {
        rag: Rag::Red,
        reason: " ".into(),
        ..ok.clone()
    };
    assert_eq!(
        validate_update(&red, &plan, today).error_for("reason"),
        Some("Enter the reason for the red rating")
    );
    let red = ProgressUpdate {
        reason: "Roll-out delayed".into(),
        ..red
    };
    assert!(validate_update(&red, &plan, today).is_ok());

    let future = ProgressUpdate {
        date: Some(d(2010, 4, 1)),
        ..ok.clone()
    };
    let r = validate_update(&future, &plan, today);
    assert!(r.is_ok());
    assert_eq!(
        r.warning_for("date"),
        Some("Date is after today (1 March 2010)")
    );
    let late = ProgressUpdate {
        date: Some(d(2010, 11, 1)),
        ..ok
    };
    let r = validate_update(&late, &plan, d(2011, 1, 1));
    assert!(r.is_ok());
    assert_eq!(
        r.warning_for("date"),
        Some("Date is after the plan period ends (30 September 2010)")
    );
}

// ---------------------------------------------------------------------------
// Risks and KPIs

#[test]
fn risks() {
    let ok = Risk {
        description: "Loss of staff".into(),
        likelihood: Some(5),
        impact: Some(1),
        ..Risk::default()
    };
    assert!(validate_risk(&ok).is_ok());
    assert!(validate_risk(&Risk {
        likelihood: None,
        impact: None,
        ..ok.clone()
    })
    .is_ok());
    let r = validate_risk(&Risk {
        description: "".into(),
        likelihood: Some(0),
        impact: Some(6),
        ..ok
    });
    assert_eq!(
        r.error_for("description"),
        Some("Enter a description of the risk")
    );
    assert_eq!(
        r.error_for("likelihood"),
        Some("Likelihood must be a number from 1 to 5")
    );
    assert_eq!(
        r.error_for("impact"),
        Some("Impact must be a number from 1 to 5")
    );
}

#[test]
fn kpis() {
    let plan = plan();
    for k in &plan.kpis {
        let r = validate_kpi(k, &plan);
        assert!(r.is_ok(), "{}: {r:?}", k.code);
    }
    let ni72 = plan.kpis.iter().find(|k| k.code == "NI 72").unwrap();
    let mut k = Kpi {
        id: Id::new("new"),
        code: "ni  72".into(),
        priority_id: ni72.priority_id.clone(),
        outcome_id: ni72.outcome_id.clone(),
        decimals: 7,
        tolerance: Some(Tolerance::Absolute(-1.0)),
        series: vec![
            PeriodValues {
                period: "2008/9".into(),
                ..PeriodValues::default()
            },
            PeriodValues::default(),
            PeriodValues {
                period: " 2008/9".into(),
                ..PeriodValues::default()
            },
        ],
        ..Kpi::default()
    };
    let r = validate_kpi(&k, &plan);
    assert_eq!(r.error_for("title"), Some("Enter a title"));
    assert_eq!(
        r.error_for("code"),
        Some("Code ni  72 is already used by another KPI")
    );
    assert_eq!(
        r.error_for("decimals"),
        Some("Decimal places must be a number from 0 to 6")
    );
    assert_eq!(
        r.error_for("tolerance"),
        Some("Tolerance must be 0 or more")
    );
    assert_eq!(r.error_for("series[0].period"), None);
    assert_eq!(
        r.error_for("series[1].period"),
        Some("Enter a period for row 2, for example 2009/10")
    );
    assert_eq!(
        r.error_for("series[2].period"),
        Some("Period 2008/9 is already used in row 1")
    );
    // In another table: a warning only.
    let mut other_table = k.clone();
    other_table.outcome_id = Some(Id::new("elsewhere"));
    let r = validate_kpi(&other_table, &plan);
    assert_eq!(r.error_for("code"), None);
    assert_eq!(
        r.warning_for("code"),
        Some("Code ni  72 is already used by another KPI")
    );
    // Its own code is not a clash; an empty code is allowed.
    k.id = ni72.id.clone();
    assert_eq!(validate_kpi(&k, &plan).error_for("code"), None);
    k.id = Id::new("new");
    k.code = String::new();
    assert_eq!(validate_kpi(&k, &plan).error_for("code"), None);
    k.tolerance = Some(Tolerance::Percent(f64::NAN));
    assert_eq!(
        validate_kpi(&k, &plan).error_for("tolerance"),
        Some("Tolerance must be a number")
    );
}

#[test]
fn the_example_plan_has_no_errors() {
    let plan = plan();
    assert!(validate_details(&PlanDetails::of(&plan)).is_ok());
    for p in &plan.priorities {
        assert!(validate_priority(p, &plan).is_ok(), "priority {}", p.number);
    }
    for r in plan.actions() {
        let rep = validate_action(r.action, &plan);
        assert!(rep.is_ok(), "{}: {rep:?}", r.action.reference);
    }
    for r in &plan.risks {
        assert!(validate_risk(r).is_ok());
    }
    for p in &plan.priorities {
        for o in &p.outcomes {
            assert!(validate_outcome(o).is_ok(), "outcome {}", o.number);
        }
    }
}

#[test]
fn outcomes_need_a_number_and_a_title() {
    let mut o = Outcome {
        number: " \t".into(),
        title: String::new(),
        ..Outcome::default()
    };
    let r = validate_outcome(&o);
    let got: Vec<(&str, &str)> = r
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("number", "Enter a number, for example 4"),
            ("title", "Enter a title"),
        ]
    );
    assert!(r.warnings.is_empty());
    o.number = "9 & 10".into();
    o.title = "Be healthy".into();
    assert_eq!(validate_outcome(&o), Report::default());
}
