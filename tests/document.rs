//! The plan as a document (`core::document`) and the report choices
//! (`core::report`).
//!
//! The Plan page and the reports once drew the plan with two copies of the same
//! code, which drifted apart. Both now build from `core::document`: the Plan page
//! one object at a time through the plan store (`plan_page_*` below do what its
//! views do), a report all at once ([`document`]). Each "drift" test checks one item
//! that had drifted — unit suffix, provisional cells, sources in the code cell,
//! section grouping, the approval line, the RAG definitions — on both paths, against
//! the one right answer.

use reactive_graph::owner::Owner;
use std::collections::BTreeMap;
use waymark::core::date::Date;
use waymark::core::document::{
    action_row, approval_line, baseline_cell, code_cell, document, kpi_table, milestone_line,
    monitoring, outcome_head, outcome_kpis, plan_summary, priority_head, priority_kpis,
    rag_definitions, risk_grid, risk_row, scorecard, scorecard_target, unit_suffix, ActionRow,
    CellKind, KpiTable, Section,
};
use waymark::core::edit;
use waymark::core::example::example_plan;
use waymark::core::model::{
    Action, ActionStatus, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, PlanStatus, Priority,
    ProgressUpdate, Quarter, Rag, Risk, Unit,
};
use waymark::core::report::{priority_choices, ReportChoices, ReportKind};
use waymark::core::rollup::{action_rag_as_at, update_as_at};
use waymark::core::value::{Target, Value};
use waymark::plan_store::PlanStore;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn example() -> Plan {
    example_plan().plan
}

/// The plan document report of everything, as at a date.
fn report(plan: &Plan, as_at: Date) -> waymark::core::document::Document {
    let c = ReportChoices {
        kind: ReportKind::PlanDocument,
        ..ReportChoices::new(as_at)
    };
    document(plan, &c)
}

fn report_section<'a>(doc: &'a waymark::core::document::Document, id: &str) -> &'a Section {
    doc.sections
        .iter()
        .find(|s| s.head.id.as_str() == id)
        .or_else(|| {
            doc.sections
                .iter()
                .flat_map(|s| &s.outcomes)
                .find(|s| s.head.id.as_str() == id)
        })
        .expect("the section is in the report")
}

// ---------------------------------------------------------------------------
// The Plan page's path: each view reads its own object through the store.

/// The KPI table of a priority, as the Plan page's priority view builds it.
fn plan_page_priority_kpis(store: &PlanStore, id: &Id) -> Option<KpiTable> {
    let head = store.priority(id, |_, p| priority_head(p)).unwrap();
    store.kpis(|all| kpi_table(&priority_kpis(all, id), &head.kpi_caption()))
}

/// The KPI table of an outcome, as the Plan page's outcome view builds it.
fn plan_page_outcome_kpis(store: &PlanStore, id: &Id) -> Option<KpiTable> {
    let head = store.outcome(id, |_, o| outcome_head(o)).unwrap();
    store.kpis(|all| kpi_table(&outcome_kpis(all, id), &head.kpi_caption()))
}

/// An action's row, as the Plan page's row view builds it.
fn plan_page_row(store: &PlanStore, id: &Id) -> ActionRow {
    store.action(id, |a| action_row(a, None)).unwrap()
}

fn with_store<R>(plan: Plan, f: impl FnOnce(&PlanStore) -> R) -> R {
    let owner = Owner::new();
    owner.with(|| f(&PlanStore::new(plan)))
}

fn row_of<'a>(t: &'a KpiTable, id: &str) -> &'a waymark::core::document::KpiRow {
    t.groups
        .iter()
        .flat_map(|g| &g.rows)
        .find(|r| r.id.as_str() == id)
        .expect("the KPI is in the table")
}

// ---------------------------------------------------------------------------
// Drift 1: the unit suffix

#[test]
fn drift_unit_suffix_is_said_unless_the_title_says_it_on_both_views() {
    let plan = example();
    let doc = report(&plan, d(2009, 9, 30));
    with_store(plan.clone(), |store| {
        for oid in ["p4-o4", "p4-o5", "p4-o6"] {
            let page = plan_page_outcome_kpis(store, &Id::new(oid)).unwrap();
            let rep = report_section(&doc, oid).kpis.clone().unwrap();
            assert_eq!(page, rep, "{oid}: the two views' KPI tables");
        }
        let o4 = plan_page_outcome_kpis(store, &Id::new("p4-o4")).unwrap();
        // "% pupils achieving…" says its unit: no "(%)" after it.
        assert_eq!(row_of(&o4, "k-ni72").unit, None);
        // "Gap between lowest 20% …" has a "%" but does not begin with it.
        assert_eq!(row_of(&o4, "k-ni92").unit.as_deref(), Some("(%)"));
        let o5 = plan_page_outcome_kpis(store, &Id::new("p4-o5")).unwrap();
        // "Rate per 100,000 in referrals to SENDIS" says its unit in words.
        assert_eq!(row_of(&o5, "k-cypp-sendis-referrals-rate").unit, None);
        let o6 = plan_page_outcome_kpis(store, &Id::new("p4-o6")).unwrap();
        assert_eq!(row_of(&o6, "k-ni78").unit.as_deref(), Some("(number)"));
    });
    let k = |title: &str, unit: Unit| Kpi {
        title: title.into(),
        unit,
        ..Kpi::default()
    };
    assert_eq!(
        unit_suffix(&k("Permanent exclusions", Unit::Percent)).as_deref(),
        Some("(%)")
    );
    assert_eq!(unit_suffix(&k(" % absence", Unit::Percent)), None);
    assert_eq!(
        unit_suffix(&k("Average wait", Unit::Days)).as_deref(),
        Some("(days)")
    );
    assert_eq!(unit_suffix(&k("Wait in days", Unit::Days)), None);
    assert_eq!(
        unit_suffix(&k("Cost £ per head", Unit::Pounds)),
        None,
        "the £ sign says the unit"
    );
}

// ---------------------------------------------------------------------------
// Drift 2: provisional cells

#[test]
fn drift_provisional_not_available_and_target_cells_on_both_views() {
    let plan = example();
    let doc = report(&plan, d(2009, 9, 30));
    let rep = report_section(&doc, "p4-o4").kpis.clone().unwrap();
    let page = with_store(plan, |s| plan_page_outcome_kpis(s, &Id::new("p4-o4"))).unwrap();
    assert_eq!(page, rep);
    let ni72 = row_of(&page, "k-ni72");
    let cell = |period: &str, short: &str| {
        let i = page
            .columns
            .iter()
            .position(|c| c.period == period && c.kind.short() == short)
            .unwrap_or_else(|| panic!("no column {short} {period}"));
        ni72.cells[i].clone()
    };
    let p = cell("2009/10", "Actual");
    assert_eq!(
        (p.text.as_str(), p.kind),
        ("53.7 (provisional)", CellKind::Provisional)
    );
    let na = cell("2009/10", "NA");
    assert_eq!(
        (na.text.as_str(), na.kind),
        ("Not yet available", CellKind::NotAvailable)
    );
    let fig = cell("2008/9", "Actual");
    assert_eq!((fig.text.as_str(), fig.kind), ("52.9", CellKind::Figure));
    let t = cell("2009/10", "Target");
    assert_eq!(
        (t.text.as_str(), t.kind),
        ("54.0", CellKind::Target),
        "in the KPI's decimals"
    );
    assert_eq!(ni72.baseline, "48.8 (2007/8)");
}

#[test]
fn a_not_available_value_marked_provisional_is_not_available() {
    let k = Kpi {
        series: vec![PeriodValues {
            period: "2009/10".into(),
            actual: Some(Value {
                provisional: true,
                ..Value::not_available("Not yet available")
            }),
            ..PeriodValues::default()
        }],
        ..Kpi::default()
    };
    let t = kpi_table(&[&k], "t").unwrap();
    let cell = &t.groups[0].rows[0].cells[0];
    assert_eq!(cell.kind, CellKind::NotAvailable);
    assert_eq!(cell.text, "Not yet available");
}

// ---------------------------------------------------------------------------
// Drift 3: the sources in the code cell

#[test]
fn drift_code_cell_carries_the_sources_on_both_views() {
    let plan = example();
    let doc = report(&plan, d(2009, 9, 30));
    let rep = report_section(&doc, "p4-o4").kpis.clone().unwrap();
    let page = with_store(plan, |s| plan_page_outcome_kpis(s, &Id::new("p4-o4"))).unwrap();
    assert_eq!(row_of(&page, "k-ni72").code, "NI 72 (NI, LAA)");
    assert_eq!(row_of(&rep, "k-ni72").code, "NI 72 (NI, LAA)");
    assert_eq!(
        row_of(&page, "k-cypp-wuk-girls-fsm-ks2-maths").code,
        "CYPP",
        "no code: the sources alone"
    );
    let k = |code: &str, sources: &[&str]| Kpi {
        code: code.into(),
        sources: sources.iter().map(|s| s.to_string()).collect(),
        ..Kpi::default()
    };
    assert_eq!(code_cell(&k(" NI 59 ", &[])), "NI 59");
    assert_eq!(code_cell(&k("", &[" ", ""])), "");
    assert_eq!(code_cell(&k("L1", &["CYPP", " "])), "L1 (CYPP)");
    // The baseline with its period, or alone when it has none.
    let mut b = k("L1", &[]);
    b.baseline.value = Some(Value::number(48.8));
    b.decimals = 1;
    b.baseline.period = " 2007/8 ".into();
    assert_eq!(baseline_cell(&b), "48.8 (2007/8)");
    b.baseline.period = " ".into();
    assert_eq!(baseline_cell(&b), "48.8");
    b.baseline.value = None;
    assert_eq!(baseline_cell(&b), "");
}

// ---------------------------------------------------------------------------
// Drift 4: section grouping

#[test]
fn drift_kpi_rows_are_grouped_under_their_sections_on_both_views() {
    let plan = example();
    let doc = report(&plan, d(2009, 9, 30));
    let rep = report_section(&doc, "p4-o4").kpis.clone().unwrap();
    let page = with_store(plan.clone(), |s| {
        plan_page_outcome_kpis(s, &Id::new("p4-o4"))
    })
    .unwrap();
    let sections = |t: &KpiTable| {
        t.groups
            .iter()
            .map(|g| (g.section.clone(), g.rows.len()))
            .collect::<Vec<_>>()
    };
    let want = vec![
        ("Foundation Stage".to_string(), 2),
        ("Key Stage 2".to_string(), 8),
        ("Key Stage 4".to_string(), 6),
    ];
    assert_eq!(sections(&page), want);
    assert_eq!(sections(&rep), want);
    // Priorities of the example have no KPIs of their own: no table on either view.
    with_store(plan.clone(), |s| {
        for id in s.priority_ids() {
            assert_eq!(plan_page_priority_kpis(s, &id), None);
            assert_eq!(report_section(&doc, id.as_str()).kpis, None);
        }
    });
    // Outcome 5's KPIs have no section: one group with no heading.
    let o5 = report_section(&doc, "p4-o5").kpis.clone().unwrap();
    assert_eq!(sections(&o5), vec![(String::new(), 13)]);
    // The sections of the document follow the plan: priorities, then each one's
    // outcomes, with the same heads the Plan page reads.
    with_store(plan.clone(), |store| {
        let ids = store.priority_ids();
        let heads: Vec<String> = doc
            .sections
            .iter()
            .map(|s| s.head.heading.clone())
            .collect();
        let page: Vec<String> = ids
            .iter()
            .map(|id| store.priority(id, |_, p| priority_head(p).heading).unwrap())
            .collect();
        assert_eq!(heads, page);
        let (outcomes, _) = store.children(&Id::new("p4"));
        let page: Vec<String> = outcomes
            .iter()
            .map(|id| store.outcome(id, |_, o| outcome_head(o).heading).unwrap())
            .collect();
        let rep: Vec<String> = report_section(&doc, "p4")
            .outcomes
            .iter()
            .map(|s| s.head.heading.clone())
            .collect();
        assert_eq!(page, rep);
        assert_eq!(
            page[0],
            "Outcome 4: ".to_string() + &plan.priorities[3].outcomes[0].title
        );
    });
}

#[test]
fn section_heads_say_their_lines() {
    let p = Priority {
        id: Id::new("p1"),
        number: "1".into(),
        title: "Leadership".into(),
        group: " People ".into(),
        council_priority: "Council Plan Priority 2".into(),
        outcome_area: Some(waymark::core::model::OutcomeArea::StaySafe),
        ..Priority::default()
    };
    let h = priority_head(&p);
    assert_eq!(h.heading, "Priority 1: Leadership");
    assert_eq!(
        h.meta,
        [
            "Council Plan Priority 2",
            "Group: People",
            "Outcome area: Stay safe"
        ]
    );
    assert_eq!(h.kpi_caption(), "Priority 1: indicators");
    assert_eq!(h.action_caption(), "Priority 1: actions");
    assert_eq!(h.button_name(), "priority 1");
    let o = outcome_head(&Outcome {
        number: "9 & 10".into(),
        title: "Work".into(),
        ..Outcome::default()
    });
    assert_eq!(o.heading, "Outcome 9 & 10: Work");
    assert!(o.meta.is_empty());
    assert_eq!(o.button_name(), "outcome 9 & 10");
}

// ---------------------------------------------------------------------------
// Drift 5: the approval line

#[test]
fn drift_approval_line_is_one_line_on_both_views() {
    let mut plan = example();
    assert_eq!(approval_line(&plan), "Approved by Cabinet");
    plan.approved_on = Some(d(2009, 7, 7));
    let page = with_store(plan.clone(), |s| s.details(plan_summary));
    let rep = report(&plan, d(2009, 9, 30)).summary;
    assert_eq!(page, rep);
    assert_eq!(page.status, "Approved by Cabinet on 7 July 2009");
    plan.approved_by = "  ".into();
    assert_eq!(approval_line(&plan), "Approved on 7 July 2009");
    plan.approved_on = None;
    plan.status = PlanStatus::Draft;
    assert_eq!(approval_line(&plan), "Draft");
    assert_eq!(page.last_updated, "30 September 2009");
    plan.last_updated = None;
    assert_eq!(plan_summary(&plan).last_updated, "Not recorded");
}

// ---------------------------------------------------------------------------
// Drift 6: the RAG definitions

#[test]
fn drift_rag_definitions_are_the_plans_words_in_every_view() {
    let mut plan = example();
    let defs = plan.rag_definitions.clone();
    assert!(defs.len() >= 3);
    let c = ReportChoices::new(d(2009, 9, 30));
    let page = with_store(plan.clone(), |s| s.details(rag_definitions));
    assert_eq!(page, defs);
    assert_eq!(report(&plan, d(2009, 9, 30)).rag_definitions, defs);
    assert_eq!(monitoring(&plan, &c).rag_definitions, defs);
    plan.rag_definitions[0].meaning = "  ".into();
    assert_eq!(
        rag_definitions(&plan),
        defs[1..].to_vec(),
        "no words, no line"
    );
}

// ---------------------------------------------------------------------------
// Action rows, and the as-at rule they share with the RAG

fn logged(updates: Vec<(Option<Date>, Rag, &str)>) -> Action {
    Action {
        id: Id::new("a1"),
        reference: "1.1".into(),
        title: "Recruit".into(),
        timeline: "Sept 2009 – April 2010".into(),
        due: Some(d(2010, 4, 30)),
        leads: vec!["DCS".into(), "Head of HR".into()],
        monitored_by: vec!["DLT".into(), "Cabinet".into()],
        review_refs: vec!["4.5.1".into(), "7.2.2".into()],
        updates: updates
            .into_iter()
            .enumerate()
            .map(|(i, (date, rag, words))| ProgressUpdate {
                id: Id::new(format!("u{i}")),
                date,
                rag,
                reason: format!(" because {words} "),
                commentary: words.into(),
                ..ProgressUpdate::default()
            })
            .collect(),
        ..Action::default()
    }
}

#[test]
fn an_action_rows_rag_and_progress_come_from_one_update() {
    let mut a = logged(vec![
        (None, Rag::Green, "undated"),
        (Some(d(2009, 9, 1)), Rag::Amber, "september"),
        (Some(d(2009, 12, 1)), Rag::Red, "december"),
    ]);
    a.updates.push(ProgressUpdate {
        date: Some(d(2009, 10, 1)),
        rag: Rag::Blue,
        commentary: "deleted".into(),
        deleted_at: Some("2009-10-02T10:00:00Z".into()),
        ..ProgressUpdate::default()
    });
    for (as_at, rag, words) in [
        (d(2009, 8, 1), Rag::Green, "undated"),
        (d(2009, 9, 1), Rag::Amber, "september"),
        (d(2009, 10, 15), Rag::Amber, "september"),
        (d(2010, 1, 1), Rag::Red, "december"),
    ] {
        let row = action_row(&a, Some(as_at));
        assert_eq!(row.rag, rag, "as at {as_at}");
        assert_eq!(row.rag, action_rag_as_at(&a, as_at));
        let p = row.progress.unwrap();
        assert_eq!(p.commentary, words, "as at {as_at}");
        assert_eq!(p.reason, format!("because {words}"), "trimmed");
        assert_eq!(
            update_as_at(&a, Some(as_at)).unwrap().commentary,
            words,
            "the same rule"
        );
    }
    assert_eq!(
        action_row(&a, Some(d(2009, 8, 1))).progress.unwrap().date,
        "Undated"
    );
    // The Plan page (no as-at date): every live update counts, as the model's
    // current RAG and latest update say.
    let now = action_row(&a, None);
    assert_eq!(now.rag, a.current_rag());
    assert_eq!(now.rag, Rag::Red);
    assert_eq!(
        now.progress.unwrap().commentary,
        a.latest_update().unwrap().commentary
    );
    // Before any dated update, an undated one counts; with none, the stated RAG.
    a.stated_rag = Some(Rag::Amber);
    assert_eq!(action_row(&a, Some(d(2000, 1, 1))).rag, Rag::Green);
    a.updates.remove(0);
    let before = action_row(&a, Some(d(2000, 1, 1)));
    assert_eq!((before.rag, before.progress), (Rag::Amber, None));
    // Complete is blue whatever the date, with the update still shown.
    a.status = ActionStatus::Complete;
    let done = action_row(&a, Some(d(2009, 9, 30)));
    assert_eq!(done.rag, Rag::Blue);
    assert_eq!(done.progress.unwrap().commentary, "september");
}

#[test]
fn an_action_row_says_its_cells() {
    let mut a = logged(vec![]);
    a.milestones = vec![
        Milestone {
            title: "Advert placed".into(),
            due: Some(d(2009, 9, 1)),
            done: true,
            ..Milestone::default()
        },
        Milestone {
            title: "Panel".into(),
            quarter: Some(Quarter::Q3),
            ..Milestone::default()
        },
    ];
    a.risks = vec![Risk {
        description: "Market shortage".into(),
        mitigation: "Golden hello".into(),
        ..Risk::default()
    }];
    let row = action_row(&a, None);
    assert_eq!(row.timeline, "Sept 2009 – April 2010\nDue: 30 April 2010");
    assert_eq!(
        row.milestones,
        ["Advert placed — 1 Sep 2009 — Done", "Panel — Q3 — Not done"]
    );
    assert_eq!(row.review_refs, "4.5.1 7.2.2");
    assert_eq!(row.monitoring, "DLT, Cabinet");
    assert_eq!(row.leads, ["DCS", "Head of HR"]);
    assert_eq!(row.risks[0].mitigation, "Golden hello");
    assert_eq!((row.rag, row.progress), (Rag::NotRated, None));
    a.timeline = " ".into();
    assert_eq!(action_row(&a, None).timeline, "Due: 30 April 2010");
    a.due = None;
    a.timeline = "2009/10".into();
    assert_eq!(action_row(&a, None).timeline, "2009/10");
    assert_eq!(
        milestone_line(&Milestone {
            title: "Draft".into(),
            ..Milestone::default()
        }),
        "Draft —  — Not done"
    );
}

#[test]
fn the_plan_pages_rows_and_the_reports_rows_agree() {
    let mut plan = example();
    // As at a date after every update, the report's rows are the Plan page's.
    let doc = report(&plan, d(2100, 1, 1));
    with_store(plan.clone(), |store| {
        for s in &doc.sections {
            for r in s
                .actions
                .iter()
                .chain(s.outcomes.iter().flat_map(|o| &o.actions))
            {
                assert_eq!(*r, plan_page_row(store, &r.id));
            }
        }
    });
    // An update dated later than the report is left out of the report (its RAG and
    // its words together), not of the Plan page.
    let a = plan.priorities[0].actions[0].clone();
    let mut later = a.clone();
    later.updates.push(ProgressUpdate {
        id: Id::new("u-late"),
        date: Some(d(2009, 12, 1)),
        rag: Rag::Red,
        commentary: "Written in December".into(),
        ..ProgressUpdate::default()
    });
    let change = edit::upsert_action(&plan, &plan.priorities[0].id.clone(), None, later).unwrap();
    change.apply(&mut plan);
    let doc = report(&plan, d(2009, 9, 30));
    let rep = &report_section(&doc, "p1").actions[0];
    let page = with_store(plan.clone(), |s| plan_page_row(s, &a.id));
    assert_eq!(page.rag, Rag::Red);
    assert_eq!(
        page.progress.as_ref().unwrap().commentary,
        "Written in December"
    );
    assert_ne!(rep.rag, Rag::Red);
    assert_ne!(
        rep.progress.as_ref().unwrap().commentary,
        "Written in December"
    );
    assert_eq!(
        rep.rag,
        action_rag_as_at(&plan.priorities[0].actions[0], d(2009, 9, 30))
    );
}

#[test]
fn the_plan_page_builds_one_row_again_when_one_action_changes() {
    use reactive_graph::computed::Memo;
    use reactive_graph::traits::Get;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let plan = example();
    let (first, second) = (
        plan.priorities[0].actions[0].id.clone(),
        plan.priorities[0].actions[1].id.clone(),
    );
    let owner = Owner::new();
    owner.with(|| {
        let store = PlanStore::new(plan.clone());
        let runs = |id: Id| {
            let n = Arc::new(AtomicUsize::new(0));
            let m = n.clone();
            let memo = Memo::new(move |_| {
                m.fetch_add(1, Ordering::SeqCst);
                store.action(&id, |a| action_row(a, None))
            });
            memo.get();
            (memo, n)
        };
        let (m1, n1) = runs(first.clone());
        let (m2, n2) = runs(second.clone());
        let mut a = plan.priorities[0].actions[0].clone();
        a.title = "A new title".into();
        let change = store
            .with_untracked(|p| edit::upsert_action(p, &p.priorities[0].id.clone(), None, a))
            .unwrap();
        store.apply(&change);
        assert_eq!(m1.get().unwrap().title, "A new title");
        m2.get();
        assert_eq!(
            n1.load(Ordering::SeqCst),
            2,
            "the edited row is built again"
        );
        assert_eq!(n2.load(Ordering::SeqCst), 1, "the other row is not");
    });
}

// ---------------------------------------------------------------------------
// Report filters

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn report_choices_read_and_write_the_address() {
    let today = d(2026, 3, 1);
    let c = ReportChoices::from_params(
        &params(&[
            ("report", " scorecard "),
            ("priority", "p1"),
            ("lead", " DCS "),
            ("rag", "amber"),
            ("asat", "2009-09-30"),
            ("only", "red-amber"),
            ("cover", "1"),
        ]),
        today,
    );
    assert_eq!(
        c,
        ReportChoices {
            kind: ReportKind::Scorecard,
            priority: Some(Id::new("p1")),
            lead: "DCS".into(),
            rag: Some(Rag::Amber),
            as_at: d(2009, 9, 30),
            red_amber_only: true,
            cover: true,
            since: None,
            version: String::new(),
        }
    );
    assert_eq!(ReportChoices::from_params(&c.to_params(today), today), c);
    // Defaults, unknown and bad values.
    let none = ReportChoices::from_params(
        &params(&[
            ("report", "nonsense"),
            ("rag", "purple"),
            ("asat", "2009-02-30"),
            ("only", "yes"),
            ("cover", "true"),
        ]),
        today,
    );
    assert_eq!(none, ReportChoices::new(today));
    assert!(none.to_params(today).is_empty());
    // The as-at date is written only when it is not today; "grey" is not rated.
    let mut p = ReportChoices::new(today);
    p.rag = ReportChoices::from_params(&params(&[("rag", "grey")]), today).rag;
    assert_eq!(p.rag, Some(Rag::NotRated));
    p.as_at = d(2026, 2, 28);
    assert_eq!(
        p.to_params(today),
        params(&[("rag", "not_rated"), ("asat", "2026-02-28")])
    );
    p.kind = ReportKind::PlanDocument;
    assert_eq!(
        p.to_params(today).get("report").map(String::as_str),
        Some("plan")
    );
}

#[test]
fn report_kinds_have_keys_labels_and_page_shapes() {
    for k in ReportKind::ALL {
        assert_eq!(ReportKind::from_key(k.key()), k);
        assert!(!k.hint().is_empty());
    }
    assert_eq!(ReportKind::from_key(""), ReportKind::Monitoring);
    assert!(ReportKind::Monitoring.landscape());
    assert!(ReportKind::PlanDocument.landscape());
    assert!(!ReportKind::Scorecard.landscape());
    assert_eq!(ReportKind::Scorecard.label(), "KPI scorecard");
}

#[test]
fn report_filters_let_through_what_they_name() {
    let plan = example();
    let as_at = d(2009, 9, 30);
    let base = ReportChoices::new(as_at);
    let refs = |c: &ReportChoices| -> Vec<String> {
        monitoring(&plan, c)
            .groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.reference.clone()))
            .collect()
    };
    let all = refs(&base);
    assert_eq!(all.len(), plan.action_count());
    let p1 = ReportChoices {
        priority: Some(Id::new("p1")),
        ..base.clone()
    };
    assert_eq!(refs(&p1), ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]);
    // A lead matches any of an action's leads, ignoring case and spaces.
    let dlt = ReportChoices {
        lead: " dlt".into(),
        ..base.clone()
    };
    let want: Vec<String> = plan
        .actions()
        .filter(|r| {
            r.action
                .leads
                .iter()
                .any(|l| l.trim().eq_ignore_ascii_case("dlt"))
        })
        .map(|r| r.action.reference.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(refs(&dlt), want);
    // RAG as at the date.
    let green = ReportChoices {
        rag: Some(Rag::Green),
        ..p1.clone()
    };
    assert_eq!(refs(&green), ["1.5"]);
    for r in plan.actions().filter(|r| base.shows_action(r)) {
        let red_amber = ReportChoices {
            red_amber_only: true,
            ..base.clone()
        };
        assert_eq!(
            red_amber.shows_action(&r),
            matches!(action_rag_as_at(r.action, as_at), Rag::Red | Rag::Amber)
        );
    }
    // Monitoring groups follow the priorities, one heading each.
    let m = monitoring(&plan, &base);
    assert_eq!(m.count, plan.action_count());
    assert_eq!(
        m.groups
            .iter()
            .map(|g| g.priority.as_str())
            .collect::<Vec<_>>(),
        ["p1", "p2", "p3", "p4"]
    );
    assert!(m.groups[0].heading.starts_with("Priority 1: "));
    // Words for the printed report.
    assert_eq!(base.words(&plan), "Everything in the plan");
    let many = ReportChoices {
        lead: "DCS".into(),
        red_amber_only: true,
        ..green.clone()
    };
    assert_eq!(
        many.words(&plan),
        "Showing priority 1; lead DCS; green only; red and amber only"
    );
    assert_eq!(
        priority_choices(&plan)[0],
        ("p1".to_string(), "Priority 1".to_string())
    );
}

#[test]
fn the_plan_document_filters_priorities_and_actions_not_kpis() {
    let plan = example();
    let c = ReportChoices {
        kind: ReportKind::PlanDocument,
        priority: Some(Id::new("p4")),
        rag: Some(Rag::Red),
        ..ReportChoices::new(d(2009, 9, 30))
    };
    let doc = document(&plan, &c);
    assert_eq!(doc.sections.len(), 1);
    let p4 = &doc.sections[0];
    assert_eq!(p4.head.id.as_str(), "p4");
    assert_eq!(p4.outcomes.len(), plan.priorities[3].outcomes.len());
    for o in &p4.outcomes {
        assert!(o.actions.iter().all(|r| r.rag == Rag::Red));
    }
    assert_eq!(
        report_section(&doc, "p4-o4")
            .kpis
            .as_ref()
            .unwrap()
            .groups
            .len(),
        3,
        "KPI tables are not filtered"
    );
}

// ---------------------------------------------------------------------------
// The scorecard

fn series(points: &[(&str, Option<f64>, Option<f64>)]) -> Kpi {
    Kpi {
        code: "NI 1".into(),
        title: "Thing".into(),
        series: points
            .iter()
            .map(|(period, actual, target)| PeriodValues {
                period: period.to_string(),
                actual: actual.map(Value::number),
                target: target.map(Target::value),
                ..PeriodValues::default()
            })
            .collect(),
        ..Kpi::default()
    }
}

#[test]
fn the_scorecard_target_is_the_latest_values_else_the_next_else_the_last() {
    // The latest value's own period.
    let k = series(&[
        ("2008/9", Some(50.0), Some(49.0)),
        ("2009/10", Some(52.0), Some(54.0)),
    ]);
    assert_eq!(scorecard_target(&k), "54");
    // Its period has none: the next target, with its period.
    let k = series(&[
        ("2008/9", Some(50.0), Some(49.0)),
        ("2009/10", Some(52.0), None),
        ("2010/11", None, Some(55.0)),
        ("2011/12", None, Some(57.0)),
    ]);
    assert_eq!(scorecard_target(&k), "55 (2010/11)");
    // No later target: the last earlier one.
    let k = series(&[
        ("2007/8", None, Some(47.0)),
        ("2008/9", None, Some(49.0)),
        ("2009/10", Some(52.0), None),
    ]);
    assert_eq!(scorecard_target(&k), "49 (2008/9)");
    // No value yet: the first target.
    let k = series(&[("2009/10", None, Some(54.0)), ("2010/11", None, Some(55.0))]);
    assert_eq!(scorecard_target(&k), "54 (2009/10)");
    assert_eq!(
        scorecard_target(&series(&[("2009/10", Some(1.0), None)])),
        "No target"
    );
    assert_eq!(scorecard_target(&Kpi::default()), "No target");
}

#[test]
fn the_scorecard_groups_by_priority_in_plan_order_then_unlinked() {
    let mut plan = example();
    let mut loose = series(&[("2009/10", Some(3.0), None)]);
    loose.id = Id::new("k-loose");
    plan.kpis.insert(0, loose);
    let card = scorecard(&plan, &ReportChoices::new(d(2009, 9, 30)));
    assert_eq!(card.count, plan.kpis.len());
    let heads: Vec<&str> = card.groups.iter().map(|g| g.heading.as_str()).collect();
    assert!(heads[0].starts_with("Priority 4: "), "{heads:?}");
    assert_eq!(heads.last(), Some(&"Not linked to a priority"));
    assert_eq!(card.groups.last().unwrap().rows[0].name, "NI 1: Thing");
    assert_eq!(card.groups.last().unwrap().rows[0].latest, "3 (2009/10)");
    assert!(!card.any_corporate);
    let ni72 = card.groups[0]
        .rows
        .iter()
        .find(|r| r.id.as_str() == "k-ni72")
        .unwrap();
    assert_eq!(ni72.latest, "53.7 (provisional) (2009/10)");
    assert_eq!(ni72.target, "54.0");
}

// ---------------------------------------------------------------------------
// The risk register

#[test]
fn the_risk_register_numbers_scores_and_places_its_risks() {
    let risks = vec![
        Risk {
            id: Id::new("r1"),
            description: "Grant lost".into(),
            likelihood: Some(4),
            impact: Some(5),
            ..Risk::default()
        },
        Risk {
            id: Id::new("r2"),
            description: "Not assessed".into(),
            ..Risk::default()
        },
        Risk {
            id: Id::new("r3"),
            likelihood: Some(4),
            impact: Some(5),
            ..Risk::default()
        },
    ];
    let r = risk_row(0, &risks[0]);
    assert_eq!(
        (
            r.number.as_str(),
            r.likelihood.as_str(),
            r.score.as_str(),
            r.rag
        ),
        ("R1", "4", "20", Rag::Red)
    );
    let r = risk_row(1, &risks[1]);
    assert_eq!(
        (r.number.as_str(), r.impact.as_str(), r.score.as_str()),
        ("R2", "–", "Not assessed")
    );
    let grid = risk_grid(&risks);
    assert_eq!(
        grid.iter().map(|g| g.likelihood).collect::<Vec<_>>(),
        [5, 4, 3, 2, 1]
    );
    let cell = &grid[1].cells[4];
    assert_eq!((cell.score, cell.names.as_str()), (20, "R1, R3"));
    assert_eq!(grid[4].cells[0].names, "–");
}

#[test]
fn a_priority_s_own_kpis_are_its_own_and_not_its_outcomes() {
    use waymark::core::document::{outcome_kpis, priority_kpis};
    let kpi = |id: &str, p: Option<&str>, o: Option<&str>| Kpi {
        id: Id::new(id),
        priority_id: p.map(Id::new),
        outcome_id: o.map(Id::new),
        ..Kpi::default()
    };
    let all = vec![
        kpi("k1", Some("p1"), None),
        kpi("k2", Some("p2"), None),
        kpi("k3", Some("p1"), Some("o1")),
        kpi("k4", None, None),
        kpi("k5", Some("p1"), None),
    ];
    let ids = |v: Vec<&Kpi>| v.iter().map(|k| k.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(priority_kpis(&all, &Id::new("p1"))), ["k1", "k5"]);
    assert_eq!(ids(priority_kpis(&all, &Id::new("p2"))), ["k2"]);
    assert_eq!(ids(outcome_kpis(&all, &Id::new("o1"))), ["k3"]);
}

#[test]
fn the_risk_grid_names_each_risk_in_its_one_cell_with_the_cell_s_score() {
    use waymark::core::document::risk_grid;
    use waymark::core::model::Risk;
    let risk = |l: u8, i: u8| Risk {
        likelihood: Some(l),
        impact: Some(i),
        ..Risk::default()
    };
    // R1 likelihood 4 impact 2; R2 likelihood 4 impact 5; R3 likelihood 1 impact 2.
    let grid = risk_grid(&[risk(4, 2), risk(4, 5), risk(1, 2)]);
    assert_eq!(
        grid.iter().map(|r| r.likelihood).collect::<Vec<_>>(),
        [5, 4, 3, 2, 1]
    );
    let row4 = &grid[1];
    assert_eq!(
        row4.cells
            .iter()
            .map(|c| c.names.as_str())
            .collect::<Vec<_>>(),
        ["–", "R1", "–", "–", "R2"]
    );
    assert_eq!(
        row4.cells.iter().map(|c| c.score).collect::<Vec<_>>(),
        [4, 8, 12, 16, 20]
    );
    assert_eq!(
        grid[4]
            .cells
            .iter()
            .map(|c| c.names.as_str())
            .collect::<Vec<_>>(),
        ["–", "R3", "–", "–", "–"]
    );
    assert_eq!(grid[3].cells[2].score, 6);
}

#[test]
fn a_progress_update_is_headed_by_its_date_and_author() {
    use waymark::core::document::Progress;
    let mut p = Progress {
        date: "30 September 2009".into(),
        reason: String::new(),
        commentary: "On track".into(),
        author: "Priya Shah".into(),
    };
    assert_eq!(p.heading(), "30 September 2009 — Priya Shah");
    p.author.clear();
    assert_eq!(p.heading(), "30 September 2009");
}

#[test]
fn the_changes_report_looks_back_to_a_date_or_a_version() {
    use waymark::core::document::changes;
    use waymark::core::model::Stamp;
    let today = d(2026, 12, 10);
    let mut c = ReportChoices::from_params(&params(&[("report", "changes")]), today);
    assert_eq!(c.kind, ReportKind::Changes);
    assert_eq!(
        c.since_date(),
        d(2026, 11, 10),
        "30 days before the as-at date"
    );
    let p = example();
    assert_eq!(c.words(&p), "Changes since 10 November 2026");
    c.since = Some(d(2026, 12, 1));
    c.version = "abc".into();
    let back = ReportChoices::from_params(&c.to_params(today), today);
    assert_eq!(back, c);
    assert_eq!(c.words(&p), "Changes since a saved version");

    let mut p = example();
    p.kpis[0].changed = Some(Stamp {
        by: String::new(),
        at: "2026-12-03T10:04:00Z".into(),
    });
    let rows = changes(&p, d(2026, 12, 1));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].by, "Not recorded");
    assert_eq!(rows[0].when, "3 December 2026 at 10:04 UTC");
    assert!(changes(&p, d(2026, 12, 4)).is_empty());
}
