//! The repairs made to a decoded plan (`core::repair`), each with its exact words:
//! every fault beside its sound twin (tests/fixtures/every-fault.json), and every
//! limit tried exactly at and just past its end. Written so that `cargo mutants -f
//! src/core/repair.rs` finds no mutant these tests let through (see the notes on the
//! equivalent ones at the end).

use waymark::core::format::{export_plan, import_plan};
use waymark::core::model::{Action, Id, Kpi, Outcome, Plan, Priority, ProgressUpdate, Risk};
use waymark::core::repair::{repair, Repair, MAX_TEXT_CHARS};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The repairs as the user reads them (through `Display`).
fn words(repairs: &[Repair]) -> Vec<String> {
    repairs.iter().map(|r| r.to_string()).collect()
}

fn ids(v: &[Id]) -> Vec<&str> {
    v.iter().map(|i| i.as_str()).collect()
}

#[test]
fn a_repair_reads_as_its_words() {
    let r = Repair("KPI K2: 7 decimal places is more than Waymark shows; set to 6.".into());
    assert_eq!(
        r.to_string(),
        "KPI K2: 7 decimal places is more than Waymark shows; set to 6."
    );
    assert_eq!(format!("[{r}]"), format!("[{}]", r.0));
}

#[test]
fn every_fault_is_repaired_in_words_and_its_sound_twin_is_left_alone() {
    let imp = import_plan(&fixture("every-fault.json")).unwrap();
    assert_eq!(
        words(&imp.repairs),
        [
            "Two objects shared the id 'a1'; the action that came second now has the id 'act-r2'.",
            "Two objects shared the id 'u-2009-09-30-entry-copied-from-the-board'; the update that came second now has the id 'upd-r3'.",
            "Risk 'Supplier withdraws': likelihood 6 is outside 1–5 and was cleared.",
            "Risk 'Supplier withdraws': impact 0 is outside 1–5 and was cleared.",
            "KPI K2: 7 decimal places is more than Waymark shows; set to 6.",
            "Risk 'Loss of grant funding for the data teams…': likelihood 9 is outside 1–5 and was cleared.",
            "Two objects shared the id 'r-risk-kept-in-the-register-of-the-board…'; the risk that came second now has the id 'ris-r4'.",
            "Risk 'Loss of grant funding for the data teams': likelihood 0 is outside 1–5 and was cleared.",
            "Risk 'Loss of grant funding for the data teams': impact 6 is outside 1–5 and was cleared.",
            "KPI K2 named an outcome of another priority; it now sits under that outcome's priority.",
            "KPI K4 pointed at an outcome that is not in the plan; the link was removed.",
            "KPI K5 pointed at a priority that is not in the plan; it is now not linked to a priority.",
            "Action 1.2: links to KPIs that are not in the plan (or listed twice) were removed.",
            "Action 1.3: links to KPIs that are not in the plan (or listed twice) were removed.",
        ]
    );
    let p = &imp.plan;

    // Ids: a blank one is given a fresh id without a word (nothing the user named
    // changed); a shared one is renamed in the object that came second.
    let p1 = &p.priorities[0];
    assert_eq!(p1.actions[0].id.as_str(), "a1");
    assert_eq!(p1.actions[1].id.as_str(), "act-r2");
    assert_eq!(p1.actions[0].milestones[0].id.as_str(), "mil-r1");
    assert_eq!(p1.actions[0].milestones[1].id.as_str(), "m2");
    assert_eq!(
        p1.actions[0].updates[0].id.as_str(),
        "u-2009-09-30-entry-copied-from-the-board"
    );
    assert_eq!(p1.actions[1].updates[0].id.as_str(), "upd-r3");
    assert_eq!(
        p.risks[0].id.as_str(),
        "r-risk-kept-in-the-register-of-the-boards"
    );
    assert_eq!(p.risks[1].id.as_str(), "ris-r4");

    // KPI links of actions: unknown and repeated links go, order kept.
    let links: Vec<Vec<&str>> = p1.actions.iter().map(|a| ids(&a.kpi_ids)).collect();
    assert_eq!(
        links,
        [vec!["k1"], vec!["k1"], vec!["k1", "k2"], vec!["k2", "k1"]]
    );

    // Scales: outside 1–5 cleared, 1 and 5 kept.
    let scale = |r: &Risk| (r.likelihood, r.impact);
    let action_risks = &p.priorities[1].outcomes[0].actions[0].risks;
    assert_eq!(scale(&action_risks[0]), (None, None));
    assert_eq!(scale(&action_risks[1]), (Some(5), Some(1)));
    assert_eq!(scale(&p.risks[0]), (None, Some(5)));
    assert_eq!(scale(&p.risks[1]), (None, None));
    assert_eq!(scale(&p.risks[2]), (Some(1), Some(1)));

    // KPIs: decimals at most 6; placement mended.
    fn place(k: &Kpi) -> (u8, Option<&str>, Option<&str>) {
        (
            k.decimals,
            k.priority_id.as_ref().map(Id::as_str),
            k.outcome_id.as_ref().map(Id::as_str),
        )
    }
    let kpis: Vec<_> = p.kpis.iter().map(place).collect();
    assert_eq!(
        kpis,
        [
            (6, Some("p1"), Some("p1-o1")),
            (6, Some("p2"), Some("p2-o1")),
            (0, Some("p2"), Some("p2-o1")),
            (0, Some("p2"), None),
            (0, None, None),
            (0, Some("p2"), None),
        ]
    );

    // A repaired plan imports again with no repairs, and nothing else changed.
    let again = import_plan(&export_plan(p, "t")).unwrap();
    assert!(again.repairs.is_empty(), "{:?}", again.repairs);
    assert_eq!(&again.plan, p);
}

/// A sound plan with one of everything that has an id, a text or a scale.
fn sound_plan() -> Plan {
    let action = Action {
        id: Id::new("a1"),
        reference: "1.1".into(),
        kpi_ids: vec![Id::new("k1")],
        risks: vec![Risk {
            id: Id::new("ar1"),
            description: "Action risk".into(),
            ..Risk::default()
        }],
        updates: vec![ProgressUpdate {
            id: Id::new("u1"),
            ..ProgressUpdate::default()
        }],
        ..Action::default()
    };
    Plan {
        id: Id::new("plan"),
        priorities: vec![Priority {
            id: Id::new("p1"),
            number: "1".into(),
            actions: vec![action.clone()],
            outcomes: vec![Outcome {
                id: Id::new("p1-o1"),
                actions: vec![Action {
                    id: Id::new("a2"),
                    reference: "1.1.1".into(),
                    risks: vec![],
                    updates: vec![],
                    ..action
                }],
                ..Outcome::default()
            }],
            ..Priority::default()
        }],
        kpis: vec![Kpi {
            id: Id::new("k1"),
            code: "K1".into(),
            priority_id: Some(Id::new("p1")),
            outcome_id: Some(Id::new("p1-o1")),
            ..Kpi::default()
        }],
        risks: vec![Risk {
            id: Id::new("r1"),
            description: "Register risk".into(),
            ..Risk::default()
        }],
        ..Plan::default()
    }
}

#[test]
fn a_sound_plan_is_left_exactly_as_it_was() {
    let mut p = sound_plan();
    assert_eq!(repair(&mut p), []);
    assert_eq!(p, sound_plan());
}

/// Every text field that is cut, with the place its repair names.
type TextAt = fn(&mut Plan) -> &mut String;
const TEXTS: [(&str, TextAt); 13] = [
    ("Plan title", |p| &mut p.title),
    ("Organisation", |p| &mut p.organisation),
    ("Priority 1", |p| &mut p.priorities[0].title),
    ("KPI K1", |p| &mut p.kpis[0].title),
    ("KPI K1 notes", |p| &mut p.kpis[0].notes),
    ("Action 1.1", |p| &mut p.priorities[0].actions[0].title),
    ("Action 1.1", |p| {
        &mut p.priorities[0].actions[0].description
    }),
    ("Action 1.1", |p| {
        &mut p.priorities[0].actions[0].starting_point
    }),
    ("Action 1.1", |p| {
        &mut p.priorities[0].actions[0].projected_outcomes
    }),
    ("Action 1.1", |p| &mut p.priorities[0].actions[0].resources),
    ("Action 1.1", |p| &mut p.priorities[0].actions[0].timeline),
    ("Action 1.1.1", |p| {
        &mut p.priorities[0].outcomes[0].actions[0].measures
    }),
    ("Action 1.1", |p| {
        &mut p.priorities[0].actions[0].updates[0].commentary
    }),
];

#[test]
fn text_is_cut_just_past_the_limit_and_kept_whole_at_it() {
    assert_eq!(MAX_TEXT_CHARS, 100_000);
    let cut_words = |place: &str| {
        format!("{place}: the text was longer than 100000 characters and was cut to that length.")
    };
    // (text, what is kept, whether it is cut). 'é' is two bytes: the byte length
    // is past the limit before the character count is.
    let cases = [
        (
            "x".repeat(MAX_TEXT_CHARS),
            "x".repeat(MAX_TEXT_CHARS),
            false,
        ),
        (
            "x".repeat(MAX_TEXT_CHARS + 1),
            "x".repeat(MAX_TEXT_CHARS),
            true,
        ),
        (
            "é".repeat(MAX_TEXT_CHARS - 1),
            "é".repeat(MAX_TEXT_CHARS - 1),
            false,
        ),
        (
            "é".repeat(MAX_TEXT_CHARS),
            "é".repeat(MAX_TEXT_CHARS),
            false,
        ),
        (
            "é".repeat(MAX_TEXT_CHARS + 1),
            "é".repeat(MAX_TEXT_CHARS),
            true,
        ),
        (
            format!("{}é", "x".repeat(MAX_TEXT_CHARS)),
            "x".repeat(MAX_TEXT_CHARS),
            true,
        ),
    ];
    for (place, at) in TEXTS {
        for (i, (text, kept, is_cut)) in cases.iter().enumerate() {
            let mut p = sound_plan();
            *at(&mut p) = text.clone();
            let r = repair(&mut p);
            let expected = if *is_cut {
                vec![cut_words(place)]
            } else {
                vec![]
            };
            assert_eq!(words(&r), expected, "{place}, case {i}");
            assert!(*at(&mut p) == *kept, "{place}, case {i}: the text kept");
        }
    }
}

#[test]
fn decimals_above_six_are_set_to_six() {
    for (decimals, kept) in [(0, 0), (1, 1), (5, 5), (6, 6), (7, 6), (8, 6), (255, 6)] {
        let mut p = sound_plan();
        p.kpis[0].decimals = decimals;
        let r = repair(&mut p);
        let expected: Vec<String> = if decimals > 6 {
            vec![format!(
                "KPI K1: {decimals} decimal places is more than Waymark shows; set to 6."
            )]
        } else {
            vec![]
        };
        assert_eq!(words(&r), expected, "{decimals} decimals");
        assert_eq!(p.kpis[0].decimals, kept, "{decimals} decimals");
    }
}

#[test]
fn likelihood_and_impact_outside_one_to_five_are_cleared_everywhere() {
    type RiskAt = fn(&mut Plan) -> &mut Risk;
    let places: [(&str, RiskAt); 2] = [
        ("Register risk", |p| &mut p.risks[0]),
        ("Action risk", |p| &mut p.priorities[0].actions[0].risks[0]),
    ];
    for (desc, at) in places {
        for v in [0u8, 1, 2, 3, 4, 5, 6, 7, 9, 255] {
            let in_range = (1..=5).contains(&v);
            let mut p = sound_plan();
            let risk = at(&mut p);
            risk.likelihood = Some(v);
            risk.impact = Some(v);
            let r = repair(&mut p);
            let expected: Vec<String> = if in_range {
                vec![]
            } else {
                ["likelihood", "impact"]
                    .iter()
                    .map(|what| {
                        format!("Risk '{desc}': {what} {v} is outside 1–5 and was cleared.")
                    })
                    .collect()
            };
            assert_eq!(words(&r), expected, "{desc}, {v}");
            let kept = in_range.then_some(v);
            assert_eq!(
                (at(&mut p).likelihood, at(&mut p).impact),
                (kept, kept),
                "{desc}, {v}"
            );
        }
        // Unassessed stays unassessed, without a word.
        let mut p = sound_plan();
        at(&mut p).likelihood = None;
        assert_eq!(repair(&mut p), []);
        assert_eq!(at(&mut p).likelihood, None);
    }
}

#[test]
fn an_id_is_shown_whole_up_to_forty_characters_and_cut_past_them() {
    for (id, shown) in [
        ("a".repeat(39), "a".repeat(39)),
        ("a".repeat(40), "a".repeat(40)),
        ("a".repeat(41), format!("{}…", "a".repeat(40))),
        ("é".repeat(41), format!("{}…", "é".repeat(40))),
    ] {
        let mut p = sound_plan();
        p.risks[0].id = Id::new(id.clone());
        p.priorities[0].actions[0].risks[0].id = Id::new(id.clone());
        let r = repair(&mut p);
        assert_eq!(
            words(&r),
            [format!(
                "Two objects shared the id '{shown}'; the risk that came second now has the id 'ris-r1'."
            )],
            "id of {} characters",
            id.chars().count()
        );
        // The one that came first (in the action) keeps it.
        assert_eq!(p.priorities[0].actions[0].risks[0].id.as_str(), id);
        assert_eq!(p.risks[0].id.as_str(), "ris-r1");
    }
}

#[test]
fn a_fresh_id_never_takes_one_already_in_the_plan() {
    let mut p = sound_plan();
    p.risks[0].id = Id::new("ris-r1");
    p.priorities[0].actions[0].updates[0].id = Id::new("ris-r2");
    p.priorities[0].outcomes[0].actions[0].id = Id::new("a1");
    p.priorities[0].actions[0].risks[0].id = Id::new("r");
    p.risks.push(Risk {
        id: Id::new("r"),
        ..Risk::default()
    });
    let r = repair(&mut p);
    assert_eq!(
        words(&r),
        [
            "Two objects shared the id 'a1'; the action that came second now has the id 'act-r1'.",
            "Two objects shared the id 'r'; the risk that came second now has the id 'ris-r3'.",
        ]
    );
    assert_eq!(p.risks[1].id.as_str(), "ris-r3");
}

#[test]
fn kpi_links_go_only_when_unknown_or_repeated() {
    let cases: [(&[&str], &[&str]); 8] = [
        (&[], &[]),
        (&["k1"], &["k1"]),
        (&["k1", "k2"], &["k1", "k2"]),
        (&["k2", "k1"], &["k2", "k1"]),
        (&["k1", "k1"], &["k1"]),
        (&["k2", "k1", "k2", "k1"], &["k2", "k1"]),
        (&["gone"], &[]),
        (&["gone", "k2", "gone"], &["k2"]),
    ];
    for (given, kept) in cases {
        let mut p = sound_plan();
        p.kpis.push(Kpi {
            id: Id::new("k2"),
            code: "K2".into(),
            ..Kpi::default()
        });
        p.priorities[0].outcomes[0].actions[0].kpi_ids =
            given.iter().map(|s| Id::new(*s)).collect();
        let r = repair(&mut p);
        let expected: Vec<String> = if given.len() == kept.len() {
            vec![]
        } else {
            vec!["Action 1.1.1: links to KPIs that are not in the plan (or listed twice) were removed.".into()]
        };
        assert_eq!(words(&r), expected, "{given:?}");
        assert_eq!(
            ids(&p.priorities[0].outcomes[0].actions[0].kpi_ids),
            kept,
            "{given:?}"
        );
    }
}

#[test]
fn a_kpi_sits_under_the_priority_of_its_outcome() {
    // (priority, outcome) given → kept, and the words said.
    type Link = (Option<&'static str>, Option<&'static str>);
    let cases: [(Link, Link, Option<&str>); 7] = [
        ((None, None), (None, None), None),
        ((Some("p1"), None), (Some("p1"), None), None),
        ((Some("p2"), None), (Some("p2"), None), None),
        ((Some("p1"), Some("p1-o1")), (Some("p1"), Some("p1-o1")), None),
        ((None, Some("p2-o1")), (Some("p2"), Some("p2-o1")), None),
        (
            (Some("p1"), Some("p2-o1")),
            (Some("p2"), Some("p2-o1")),
            Some("KPI K1 named an outcome of another priority; it now sits under that outcome's priority."),
        ),
        (
            (Some("p2"), Some("p1-o1")),
            (Some("p1"), Some("p1-o1")),
            Some("KPI K1 named an outcome of another priority; it now sits under that outcome's priority."),
        ),
    ];
    let missing: [(Link, Link, Option<&str>); 3] = [
        (
            (Some("p1"), Some("gone")),
            (Some("p1"), None),
            Some("KPI K1 pointed at an outcome that is not in the plan; the link was removed."),
        ),
        (
            (None, Some("gone")),
            (None, None),
            Some("KPI K1 pointed at an outcome that is not in the plan; the link was removed."),
        ),
        (
            (Some("gone"), Some("p1-o1")),
            (None, None),
            Some("KPI K1 pointed at a priority that is not in the plan; it is now not linked to a priority."),
        ),
    ];
    for ((pid, oid), (want_p, want_o), said) in cases.into_iter().chain(missing) {
        let mut p = sound_plan();
        p.priorities.push(Priority {
            id: Id::new("p2"),
            number: "2".into(),
            outcomes: vec![Outcome {
                id: Id::new("p2-o1"),
                ..Outcome::default()
            }],
            ..Priority::default()
        });
        p.kpis[0].priority_id = pid.map(Id::new);
        p.kpis[0].outcome_id = oid.map(Id::new);
        let r = repair(&mut p);
        assert_eq!(
            words(&r),
            said.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{pid:?} {oid:?}"
        );
        let k = &p.kpis[0];
        assert_eq!(
            (
                k.priority_id.as_ref().map(Id::as_str),
                k.outcome_id.as_ref().map(Id::as_str)
            ),
            (want_p, want_o),
            "{pid:?} {oid:?}"
        );
    }
}

// Equivalent mutants (no input can tell them from the code as written):
// - in `cut`, `text.len() > MAX_TEXT_CHARS` → `>=`: a text of exactly the limit in
//   bytes has at most that many characters, so the second condition is false.
// - in `repair`, `a.kpi_ids.len() > 1` → `>= 1`: removing repeats from a list of one
//   link changes nothing.
