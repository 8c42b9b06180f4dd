//! Starting a plan (`core::starter`, `core::draft::new_plan`): each starting
//! structure exactly, the period worked out from whole years, the New plan form's
//! messages, a copy of the example as a plan of its own, and the period basis
//! setting in plan files (old files load without it; it survives a round trip).

use std::collections::HashSet;
use waymark::core::date::Date;
use waymark::core::draft::new_plan::EXAMPLE_NOT_LOADED;
use waymark::core::draft::{DetailsDraft, FormDraft, NewPlanDraft, Now};
use waymark::core::edit::{IdGen, PlanDetails};
use waymark::core::example::example_plan;
use waymark::core::format::{export_plan, import_plan};
use waymark::core::model::*;
use waymark::core::starter::*;
use waymark::core::validate::Report;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

const TODAY: (i32, u8, u8) = (2026, 12, 1);

fn today() -> Date {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// A structure in words: one line per priority, outcome and action, indented.
fn outline(priorities: &[Priority]) -> Vec<String> {
    let mut v = Vec::new();
    let action = |a: &Action| format!("    action {} {} ({:?})", a.reference, a.title, a.status);
    for p in priorities {
        v.push(format!("priority {} {} [{}]", p.number, p.title, p.group));
        for a in &p.actions {
            v.push(action(a));
        }
        for o in &p.outcomes {
            v.push(format!("  outcome {} {}", o.number, o.title));
            for a in &o.actions {
                v.push(action(a));
            }
        }
    }
    v
}

/// Every id of a structure.
fn ids(priorities: &[Priority]) -> Vec<String> {
    let mut v = Vec::new();
    for p in priorities {
        v.push(p.id.0.clone());
        v.extend(p.actions.iter().map(|a| a.id.0.clone()));
        for o in &p.outcomes {
            v.push(o.id.0.clone());
            v.extend(o.actions.iter().map(|a| a.id.0.clone()));
        }
    }
    v
}

#[test]
fn a_blank_plan_and_the_example_start_with_no_structure_of_their_own() {
    assert!(structure(Start::Blank).is_empty());
    assert!(structure(Start::Example).is_empty());
}

#[test]
fn an_improvement_plan_is_a_priority_divided_into_an_outcome_with_a_numbered_action() {
    assert_eq!(
        outline(&structure(Start::Improvement)),
        [
            "priority 1 Untitled priority []",
            "  outcome 1 Untitled outcome",
            "    action 1.1.1 Untitled action (NotStarted)",
        ]
    );
}

#[test]
fn a_service_plan_is_a_priority_service_objective_then_the_four_effectiveness_groups() {
    assert_eq!(
        outline(&structure(Start::Service)),
        [
            "priority 1 Untitled objective [Priority service objectives]",
            "priority 2 Untitled objective [People]",
            "priority 3 Untitled objective [Places]",
            "priority 4 Untitled objective [Processes]",
            "priority 5 Untitled objective [Performance]",
        ]
    );
}

#[test]
fn a_monitoring_list_is_a_theme_holding_a_commitment() {
    assert_eq!(
        outline(&structure(Start::Monitoring)),
        [
            "priority 1 Untitled theme []",
            "    action 1.1 Untitled commitment (NotStarted)",
        ]
    );
}

#[test]
fn a_structure_holds_no_made_up_content_and_its_ids_are_unique() {
    for start in Start::ALL {
        let s = structure(start);
        let all = ids(&s);
        let unique: HashSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{start:?}: {all:?}");
        assert!(all.iter().all(|i| !i.is_empty()), "{start:?}");
        for p in &s {
            assert!(p.objectives.is_empty() && p.success_criteria.is_empty());
            assert!(p.council_priority.is_empty() && p.outcome_area.is_none());
            let actions = p
                .actions
                .iter()
                .chain(p.outcomes.iter().flat_map(|o| &o.actions));
            for a in actions {
                assert_eq!(
                    Action {
                        id: a.id.clone(),
                        reference: a.reference.clone(),
                        title: a.title.clone(),
                        status: ActionStatus::NotStarted,
                        ..Action::default()
                    },
                    *a
                );
            }
        }
    }
}

#[test]
fn the_choices_read_back_from_their_keys() {
    for s in Start::ALL {
        assert_eq!(Start::from_key(s.key()), Some(s));
    }
    assert_eq!(Start::from_key("nonsense"), None);
    assert_eq!(
        Start::ALL.map(Start::key),
        ["blank", "improvement", "service", "monitoring", "example"]
    );
}

#[test]
fn a_period_of_whole_years_has_its_dates_and_label() {
    let p = |basis, first, last| PlanPeriod { basis, first, last };
    let fy = p(PeriodBasis::FinancialYear, 2026, 2026);
    assert_eq!((fy.start(), fy.end()), (d(2026, 4, 1), d(2027, 3, 31)));
    assert_eq!(fy.label(), "2026/27");
    assert_eq!(fy.describe(), "2026/27, 1 April 2026 to 31 March 2027");

    let ay = p(PeriodBasis::AcademicYear, 2026, 2027);
    assert_eq!((ay.start(), ay.end()), (d(2026, 9, 1), d(2028, 8, 31)));
    assert_eq!(ay.label(), "2026/27 – 2027/28");

    let cy = p(PeriodBasis::CalendarYear, 2026, 2026);
    assert_eq!((cy.start(), cy.end()), (d(2026, 1, 1), d(2026, 12, 31)));
    assert_eq!(cy.label(), "2026");
    assert_eq!(
        p(PeriodBasis::CalendarYear, 2026, 2028).label(),
        "2026 – 2028"
    );

    // The turn of a century, and a leap year's February inside the period.
    assert_eq!(p(PeriodBasis::FinancialYear, 1999, 1999).label(), "1999/00");
    assert_eq!(
        p(PeriodBasis::FinancialYear, 2027, 2027).end(),
        d(2028, 3, 31)
    );
}

#[test]
fn the_current_year_is_the_year_the_period_holding_today_started() {
    assert_eq!(
        current_year(PeriodBasis::FinancialYear, d(2026, 12, 1)),
        2026
    );
    assert_eq!(
        current_year(PeriodBasis::FinancialYear, d(2027, 3, 31)),
        2026
    );
    assert_eq!(
        current_year(PeriodBasis::FinancialYear, d(2027, 4, 1)),
        2027
    );
    assert_eq!(
        current_year(PeriodBasis::AcademicYear, d(2026, 8, 31)),
        2025
    );
    assert_eq!(current_year(PeriodBasis::AcademicYear, d(2026, 9, 1)), 2026);
    assert_eq!(current_year(PeriodBasis::CalendarYear, d(2027, 1, 1)), 2027);
}

#[test]
fn the_default_rag_definitions_are_green_amber_red_in_waymarks_own_words() {
    let defs = default_rag_definitions();
    assert_eq!(
        defs.iter().map(|d| d.rag).collect::<Vec<_>>(),
        [Rag::Green, Rag::Amber, Rag::Red]
    );
    assert_eq!(
        defs.iter().map(|d| d.meaning.as_str()).collect::<Vec<_>>(),
        [
            "On course: progress is where it should be, within the tolerances agreed for it.",
            "Off course and outside the agreed tolerances, but it can still be brought back with corrective action.",
            "Off course and so far outside the agreed tolerances that corrective action is unlikely to bring it back.",
        ]
    );
    // Not the seed's sentences (seed 003): its key phrases are not pasted.
    for d in &defs {
        for phrase in ["trajectory", "little prospect", "prospects for recovery"] {
            assert!(!d.meaning.contains(phrase), "{}", d.meaning);
        }
    }
}

// ---------------------------------------------------------------------------
// The New plan form

fn draft(start: Start) -> NewPlanDraft {
    let mut f = NewPlanDraft::new(today());
    f.choose(start, None);
    f.title = "Children's Services Plan".into();
    f.organisation = "  Anytown Council ".into();
    f
}

fn errors(r: &Report) -> Vec<(&str, &str)> {
    r.errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect()
}

fn refused(f: NewPlanDraft) -> Report {
    f.into_plan(plan_id(1), today(), None)
        .expect_err("the form should not be saved")
}

#[test]
fn a_new_form_offers_the_current_financial_year_and_the_default_definitions() {
    let f = NewPlanDraft::new(today());
    assert_eq!(f.start, None);
    assert_eq!(f.title, "");
    assert_eq!(f.period_basis, PeriodBasis::FinancialYear);
    assert_eq!(f.first_year, "2026");
    assert_eq!(f.last_year, "");
    assert_eq!(
        f.rag_meanings.to_vec(),
        default_rag_definitions()
            .into_iter()
            .map(|d| d.meaning)
            .collect::<Vec<_>>()
    );
    assert!(f.asks_set_up());
    assert_eq!(
        f.period().map(|p| p.describe()).as_deref(),
        Some("2026/27, 1 April 2026 to 31 March 2027")
    );
}

#[test]
fn a_service_plan_from_the_form_has_every_set_up_field() {
    let mut f = draft(Start::Service);
    f.period_basis = PeriodBasis::AcademicYear;
    f.first_year = "2026/27".into();
    f.last_year = " 2027 ".into();
    f.rag_meanings[1] = " Behind, but recoverable ".into();
    let plan = f.into_plan(plan_id(0xabc), today(), None).unwrap();
    assert_eq!(
        plan,
        Plan {
            id: Id::new("plan-abc"),
            title: "Children's Services Plan".into(),
            organisation: "Anytown Council".into(),
            period_label: "2026/27 – 2027/28".into(),
            period_start: Some(d(2026, 9, 1)),
            period_end: Some(d(2028, 8, 31)),
            status: PlanStatus::Draft,
            rag_definitions: vec![
                RagDefinition {
                    rag: Rag::Green,
                    meaning: default_rag_definitions()[0].meaning.clone(),
                },
                RagDefinition {
                    rag: Rag::Amber,
                    meaning: "Behind, but recoverable".into(),
                },
                RagDefinition {
                    rag: Rag::Red,
                    meaning: default_rag_definitions()[2].meaning.clone(),
                },
            ],
            last_updated: Some(today()),
            settings: PlanSettings {
                period_basis: Some(PeriodBasis::AcademicYear),
                ..PlanSettings::default()
            },
            priorities: structure(Start::Service),
            ..Plan::default()
        }
    );
}

#[test]
fn each_start_gives_its_structure_and_a_calendar_year_is_labelled_as_one_year() {
    for start in [Start::Blank, Start::Improvement, Start::Monitoring] {
        let mut f = draft(start);
        f.period_basis = PeriodBasis::CalendarYear;
        f.first_year = "2027".into();
        let plan = f.into_plan(plan_id(7), today(), None).unwrap();
        assert_eq!(plan.priorities, structure(start), "{start:?}");
        assert_eq!(plan.period_label, "2027");
        assert_eq!(plan.period_start, Some(d(2027, 1, 1)));
        assert_eq!(plan.period_end, Some(d(2027, 12, 31)));
        assert_eq!(plan.settings.period_basis, Some(PeriodBasis::CalendarYear));
        assert!(plan.kpis.is_empty() && plan.risks.is_empty());
    }
}

#[test]
fn a_meaning_left_empty_is_not_defined() {
    let mut f = draft(Start::Blank);
    f.rag_meanings = ["".into(), "  ".into(), "Far off".into()];
    let plan = f.into_plan(plan_id(1), today(), None).unwrap();
    assert_eq!(
        plan.rag_definitions,
        [RagDefinition {
            rag: Rag::Red,
            meaning: "Far off".into()
        }]
    );
}

#[test]
fn nothing_chosen_and_nothing_typed_gives_every_error_in_the_order_of_the_form() {
    let mut f = NewPlanDraft::new(today());
    f.first_year = String::new();
    assert_eq!(
        errors(&refused(f)),
        [
            ("start", "Select how you want to start the plan"),
            ("title", "Enter a title"),
            (
                "first_year",
                "Enter the year the plan starts, for example 2026"
            ),
        ]
    );
}

#[test]
fn a_title_is_required() {
    let mut f = draft(Start::Improvement);
    f.title = "   ".into();
    assert_eq!(errors(&refused(f)), [("title", "Enter a title")]);
}

#[test]
fn the_years_must_be_years_in_order() {
    let first = |text: &str| {
        let mut f = draft(Start::Blank);
        f.first_year = text.into();
        f
    };
    let bad_first = "Year the plan starts must be a year, for example 2026 or 2026/27";
    for text in [
        "26",
        "twenty",
        "2026/28",
        "2026-2028",
        "20266",
        "2026/",
        "/27",
    ] {
        assert_eq!(
            errors(&refused(first(text))),
            [("first_year", bad_first)],
            "{text}"
        );
    }
    assert_eq!(
        errors(&refused(first("1850"))),
        [(
            "first_year",
            "Year the plan starts must be between 1900 and 2100"
        )]
    );
    for text in ["2026", "2026/27", "2026-27", "2026 – 27", "2026/2027"] {
        let plan = first(text).into_plan(plan_id(1), today(), None).unwrap();
        assert_eq!(plan.period_start, Some(d(2026, 4, 1)), "{text}");
    }

    let last = |text: &str| {
        let mut f = draft(Start::Blank);
        f.first_year = "2026".into();
        f.last_year = text.into();
        f
    };
    assert_eq!(
        errors(&refused(last("2025"))),
        [(
            "last_year",
            "Last year of the plan must be the same as or after the year it starts (2026/27)"
        )]
    );
    assert_eq!(
        errors(&refused(last("later"))),
        [(
            "last_year",
            "Last year of the plan must be a year, for example 2028 or 2028/29"
        )]
    );
    assert_eq!(
        errors(&refused(last("2036"))),
        [(
            "last_year",
            "A plan can cover at most 10 years: enter a last year before 2036/37"
        )]
    );
    let ten = last("2035/36")
        .into_plan(plan_id(1), today(), None)
        .unwrap();
    assert_eq!(ten.period_label, "2026/27 – 2035/36");
    assert_eq!(ten.period_end, Some(d(2036, 3, 31)));
}

#[test]
fn the_period_is_described_only_while_the_years_can_be_read() {
    let mut f = draft(Start::Blank);
    f.period_basis = PeriodBasis::CalendarYear;
    f.last_year = "2028".into();
    assert_eq!(
        f.period().map(|p| p.describe()).as_deref(),
        Some("2026 – 2028, 1 January 2026 to 31 December 2028")
    );
    f.last_year = "2020".into();
    assert_eq!(f.period(), None);
}

// ---------------------------------------------------------------------------
// A copy of the example

#[test]
fn a_copy_of_the_example_is_a_different_plan_with_the_examples_contents() {
    let example = example_plan().plan;
    let mut f = NewPlanDraft::new(today());
    f.choose(Start::Example, Some(&example.title));
    assert_eq!(f.title, "Copy of CYPS Performance Improvement Plan");
    assert!(!f.asks_set_up());
    // The years are not asked for a copy: an unreadable year box does not matter.
    f.first_year = "soon".into();
    let copy = f
        .into_plan(plan_id(0x5eed), today(), Some(example.clone()))
        .unwrap();
    assert_eq!(copy.id, Id::new("plan-5eed"));
    assert_ne!(copy.id, example.id);
    assert_eq!(copy.title, "Copy of CYPS Performance Improvement Plan");
    assert_eq!(
        Plan {
            id: example.id.clone(),
            title: example.title.clone(),
            ..copy
        },
        example
    );
}

#[test]
fn a_copy_of_the_example_needs_a_title() {
    let example = example_plan().plan;
    let mut f = NewPlanDraft::new(today());
    f.choose(Start::Example, Some(&example.title));
    f.title = " ".into();
    assert_eq!(
        errors(&f.into_plan(plan_id(1), today(), Some(example)).unwrap_err()),
        [("title", "Enter a title")]
    );
}

#[test]
fn a_copy_of_the_example_is_refused_until_the_example_has_been_read() {
    let mut f = NewPlanDraft::new(today());
    f.choose(Start::Example, None);
    // Nothing to offer yet: the example's title is not known.
    assert_eq!(f.title, "");
    assert_eq!(f.start, Some(Start::Example));
    assert_eq!(
        errors(&refused(f.clone())),
        [("start", EXAMPLE_NOT_LOADED), ("title", "Enter a title")]
    );
    f.title = "Our copy".into();
    assert_eq!(errors(&refused(f)), [("start", EXAMPLE_NOT_LOADED)]);
}

#[test]
fn choosing_the_example_offers_a_title_and_choosing_again_takes_only_that_away() {
    let title = example_plan().plan.title;
    let mut f = NewPlanDraft::new(today());
    f.choose(Start::Example, Some(&title));
    f.choose(Start::Service, Some(&title));
    assert_eq!(f.title, "");
    assert_eq!(f.start, Some(Start::Service));
    f.title = "Our plan".into();
    f.choose(Start::Example, Some(&title));
    assert_eq!(f.title, "Our plan");
    f.choose(Start::Blank, Some(&title));
    assert_eq!(f.title, "Our plan");
}

#[test]
fn the_title_is_offered_when_the_example_comes_unless_one_was_typed_meanwhile() {
    let title = example_plan().plan.title;
    let mut f = NewPlanDraft::new(today());
    f.choose(Start::Example, None);
    // The example has been read: the page chooses it again with its title.
    f.choose(Start::Example, Some(&title));
    assert_eq!(f.title, "Copy of CYPS Performance Improvement Plan");
    f.choose(Start::Monitoring, Some(&title));
    assert_eq!(f.title, "");

    let mut f = NewPlanDraft::new(today());
    f.choose(Start::Example, None);
    f.title = "Typed while it came".into();
    f.choose(Start::Example, Some(&title));
    assert_eq!(f.title, "Typed while it came");
}

// ---------------------------------------------------------------------------
// The period basis in plan files

/// The plan's settings as a file writes them.
fn settings_in(file: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(file).unwrap();
    v["plan"]["settings"].clone()
}

#[test]
fn a_file_without_a_period_basis_loads_with_none_and_is_written_without_one() {
    let example = example_plan().plan;
    assert_eq!(example.settings.period_basis, None);
    let text = export_plan(&example, "2026-12-01T00:00:00.000Z");
    assert_eq!(
        settings_in(&text),
        serde_json::json!({"stale_after_days": 90})
    );
    let min = r#"{"format":"waymark-plan","format_version":1,"plan":{"id":"p","title":"T","settings":{"stale_after_days":30}}}"#;
    let plan = import_plan(min).unwrap().plan;
    assert_eq!(
        plan.settings,
        PlanSettings {
            stale_after_days: 30,
            period_basis: None
        }
    );
}

#[test]
fn a_period_basis_survives_a_round_trip_and_an_edit_of_the_plan_details() {
    let mut f = draft(Start::Blank);
    f.period_basis = PeriodBasis::AcademicYear;
    let plan = f.into_plan(plan_id(2), today(), None).unwrap();
    let text = export_plan(&plan, "2026-12-01T00:00:00.000Z");
    assert_eq!(
        settings_in(&text),
        serde_json::json!({"stale_after_days": 90, "period_basis": "academic_year"})
    );
    let back = import_plan(&text).unwrap().plan;
    assert_eq!(back, plan);

    // The plan-details form does not show the basis; saving it keeps the basis.
    let mut details = DetailsDraft::from(&plan);
    details.stale_after_days = "45".into();
    let now = Now {
        today: today(),
        time: "2026-12-01T10:00:00.000Z".into(),
    };
    let saved = details
        .into_change(&plan, &now, &mut IdGen::new(&plan))
        .unwrap();
    let mut after = plan.clone();
    saved.change.unwrap().apply(&mut after);
    assert_eq!(
        PlanDetails::of(&after).settings,
        PlanSettings {
            stale_after_days: 45,
            period_basis: Some(PeriodBasis::AcademicYear)
        }
    );
}
