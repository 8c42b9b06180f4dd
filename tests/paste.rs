//! The spreadsheet paste: splitting TSV and CSV, guessing column roles, reading
//! every cell form the seeds use, and the preview of changes, on hand-made tables,
//! on real tables of the seeds, and on the shipped example plan.

use proptest::prelude::*;
use waymark::core::csv::kpis_to_csv;
use waymark::core::date::Date;
use waymark::core::example::example_plan;
use waymark::core::kpi::rate_period;
use waymark::core::model::{Id, Kpi, PeriodValues, Plan, Polarity, Unit};
use waymark::core::paste::*;
use waymark::core::value::{Relation, Target, Value};

/// Seed 000, CYPP core outcome 4 KPI table (lines 97–112), as copied from Word.
const OUTCOME_4: &str = concat!(
    "Indicators ⁴\tLAA/NI/C YPP\tMK 2007/8 (August 2007 outcomes) APA Baseline\tMK 2008/9 (August 2008 outcomes)\tNA 2008/9 (August 2008 outcomes)\tMK 2009/10 (August 2009 outcomes - provisional)\tNA 2009/10 (August 2009 outcomes - provisional)\tSN 2009/10 (August 2009 outcomes)\tTarget 2009/10\tTarget 2010/11\t\n",
    "Foundation Stage\t\t\t\t\t\t\t\t\t\t\n",
    "% pupils achieving at least 78 points across Early Years Foundation Stage\tNI72 LAA\t48.8\t52.9\t49\t53.7 (p)\tNot yet available\tNot yet available\t54\t55\t\n",
    "Gap between lowest 20% Early Years Foundation Stage and the rest\tNI92 LAA\t37.7\t32.5\t35.6\t33.9 (p)\tNot yet available\tNot yet available\t33\t30\t\n",
    "Key Stage 2\t\t\t\t\t\t\t\t\t\t\n",
    "Achievement gap between pupils entitled to free school meals and their peers achieving level 4 at KS2\tNI102i\t25.7\t26.2\t22.4\t24.5 (p)\tNot yet available\tNot yet available\tIn line with national\tIn line with national\t\n",
    "% White UK girls entitled to fsm achieving L4+ at KS2 in mathematics\tCYPP\t53.0\t58\t61\t55.3 (p)\tNot yet available\tNot yet available\tIn line with national\tIn line with national\t\n",
    "% White UK girls entitled to fsm achieving L4+ at KS2 in science\tCYPP\t71.0\t78\t\t76.4 (p)\tNot yet available\tNot yet available\tIn line with national\tIn line with national\t\n",
    "% Mixed heritage pupils achieving level 4+ in KS2 English and Maths\tNI107ii\t66.9\t68.2\t74.2\t78.5 (p)\tNot yet available\tNot yet available\tIn line with national\tIn line with national\t\n",
    "% Black heritage pupils achieving level 4+ in KS2 English and Maths\tNI107iv\t46.9\t56.2\t62.3\t60.6 (p)\tNot yet available\tNot yet available\tIn line with national\tIn line with national\t\n",
    "% pupils gaining level 4+ at KS2 including English & Maths\tNI73 LAA\t67\t71.8\t73.0\t70.1 (p)\t73 (p)\t74 (p)\t75\t77\t\n",
    "Progression by 2 levels between KS1 and KS2 in English\tNI93 LAA\t83.0\t78.8\t82\t81 (p)\tNot yet available\tNot yet available\t85\t86\t\n",
    "Progression by 2 levels between KS1 and KS2 in Maths\tNI94 LAA\t72.0\t76.3\t79\t77 (p)\tNot yet available\tNot yet available\t80\t84\t\n",
    "Key Stage 4\t\t\t\t\t\t\t\t\t\t\n",
    "% pupils achieving 5+ A*-C at GCSE including English and maths\tNI75 LAA\t39.6\t42.1\t47.6\t48.0 (p)\t\tNot yet available\t50\t53\t\n",
    "Achievement gap of pupils entitled to fsm achieving 5+ A* - C incl English & maths\tNI102ii\t29.5\t28.2\t27.8\t28.8 (p)\tNot yet available\tNot yet available\tIn line with national\tIn line with national\t\n",
);

/// Seed 000, CYPP core outcome 6 KPI table (lines 201–210).
const OUTCOME_6: &str = concat!(
    "Success Criteria:\tIndicators\tLAA/NI /CYPP\tMK 2007/8 (2006/7 academic yr) APA baseline\tMK 2008/9 (2007/8 academic yr)\tNA 2008/9 (2007/8 academic yr)\tMK 2009/10 (2008/9 academic year)\tNA 2009/10 (2008/9 academic year)\tSN 2009/10 (2008/9 academic year)\tTarget 2009/10 (2008/9 academic year)\tTarget 2010/11 (2009/10 academic year)\n",
    "\tNumber of primary schools below 55% floor target\tNI 76\t12 (23.1%)\t10 (18.9%)\t13.6%\t21 (P)\tNot yet available\tNot yet available\t13\t8\n",
    "\tSecondary schools where less than 30% of pupils achieve 5 A*-C grades at GCSE inc English and maths\tN78\t3 (30%)\t3 (30%)\t14.5%\t3 (P)\tNot yet available\tNot yet available\t1\t0\n",
    "\t% overall absence Primary Schools\tCYPP\t4.83\t4.91\t5.26\tNot yet available\tNot yet available\tNot yet available\tContinue to be lower than national\tContinue to be lower than national\n",
    "\t% persistent absence in Primary schools\tCYPP\t1.14\t1.1\t1.7\tNot yet available\tNot yet available\tNot yet available\tContinue to be lower than national\tContinue to be lower than national\n",
    "\t% overall absence Secondary schools\tCYPP\t7.18\t6.93\t7.34\tNot yet available\tNot yet available\tNot yet available\tContinue to be lower than national\tContinue to be lower than national\n",
    "\t% persistent absence in Secondary schools\tCYPP\t5.5\t5.1\t5.6\tNot yet available\tNot yet available\tNot yet available\t5.4\t5.0\n",
    "\tPermanent Exclusions from schools\tNI114 LAA\t0.15\t0.10\t0.11\tNot yet available\tNot yet available\tNot yet available\t0.05\t0.04\n",
    "\t% overall absence Special schools\tCYPP\tNot available\t11.58\t10.56\tNot yet available\tNot yet available\tNot yet available\tContinue to be lower than national\tContinue to be lower than national\n",
    "\t% persistent absence in Special Schools\tCYPP\tNot available\t\t\tTBA\t\t\tTBA\tTBA\n",
);

/// Seed 002, the KPI list with "This Year's Target" (* = corporate dashboard).
const KPI_LIST_2015: &str = concat!(
    "* Denotes a corporate dashboard item Other performance indicators are included in service level plans\tThis Year's Target\n",
    "Percentage of 2 year olds who take up free early education as a percentage of those eligible*\t92%\n",
    "Percentage of 3 to 4 year olds who take up free early education as a percentage of those eligible*\t95%\n",
    "Percentage of early years providers that are good or outstanding*\t82%\n",
    "Percentage of schools that are good or outstanding*\t84%\n",
    "Percentage of pupils achieving Level 4 or better in reading, writing and maths at Key Stage 2*\t80%\n",
    "Percentage of pupils achieving 5 or more GCSEs at grades A*-C, including English and Maths*\t56%\n",
    "Percentage of looked after children attending a good or outstanding school*\t84%\n",
    "Percentage of young people aged 16-19 who are not in education, employment or training*\t4%\n",
    "Align the local percentage of looked after children placed in residential provision with national average*\t10%\n",
    "Percentage of care leavers who are in education, employment or training*\t79%\n",
    "Percentage of child protection family court cases completed within 26 weeks\t75%\n",
    "Percentage of children in care with less than three or more placements during the year (stability)*\t88%\n",
    "Percentage of care leavers in suitable accommodation*\t95%\n",
    "Percentage of children started to be looked after with an initial health assessment within 28 working days*\t90%\n",
    "Average time (days) between court authority to place a child and the LA matching an adoptive family*\t274\n",
    "Percentage of SEN Statements successfully converted to Education Health and Care (EHC) Plans\t40%\n",
    "Number of first time entrants (per 100,000 of the 10-17 population) to the youth justice system*\t450\n",
    "Number of families identified and worked with as part of the local Troubled Families programme\t257\n",
    "Percentage of agency front line social workers\t15%\n",
    "Sickness target- number of days (Children and Families combined)\t6.83\n",
);

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn ids() -> impl FnMut() -> Id {
    let mut n = 0;
    move || {
        n += 1;
        Id::new(format!("new-{n}"))
    }
}

fn run(plan: &Plan, text: &str) -> PastePreview {
    let mut new_id = ids();
    preview(plan, &parse_table(text), &mut new_id)
}

fn pv(period: &str, actual: Option<Value>, target: Option<Target>) -> PeriodValues {
    PeriodValues {
        period: period.into(),
        actual,
        target,
        ..PeriodValues::default()
    }
}

/// A plan starting June 2009 (so its year is 2009/10) with NI 72 and an empty
/// percentage KPI "NI 1" and count KPI "NI 2".
fn small_plan() -> Plan {
    Plan {
        period_start: Date::new(2009, 6, 1),
        kpis: vec![
            Kpi {
                id: Id::new("k-ni72"),
                code: "NI 72".into(),
                title: "% pupils achieving at least 78 points across Early Years Foundation Stage"
                    .into(),
                decimals: 1,
                series: vec![
                    pv("2008/9", Some(Value::number(52.9)), None),
                    pv(
                        "2009/10",
                        Some(Value::provisional(53.7)),
                        Some(Target::value(54.0)),
                    ),
                    pv("2010/11", None, Some(Target::value(55.0))),
                ],
                ..Kpi::default()
            },
            Kpi {
                id: Id::new("k-1"),
                code: "NI 1".into(),
                title: "A percentage".into(),
                unit: Unit::Percent,
                ..Kpi::default()
            },
            Kpi {
                id: Id::new("k-2"),
                code: "NI 2".into(),
                title: "A count".into(),
                unit: Unit::Number,
                ..Kpi::default()
            },
        ],
        ..Plan::default()
    }
}

fn updates(p: &PastePreview) -> Vec<(&str, &Kpi, &Vec<String>)> {
    p.changes
        .iter()
        .filter_map(|c| match c {
            KpiChange::Update {
                id, after, changes, ..
            } => Some((id.as_str(), after, changes)),
            KpiChange::Add(_) => None,
        })
        .collect()
}

fn adds(p: &PastePreview) -> Vec<&Kpi> {
    p.changes
        .iter()
        .filter_map(|c| match c {
            KpiChange::Add(k) => Some(k),
            KpiChange::Update { .. } => None,
        })
        .collect()
}

fn period_of<'a>(k: &'a Kpi, period: &str) -> &'a PeriodValues {
    k.series
        .iter()
        .find(|p| p.period == period)
        .unwrap_or_else(|| panic!("{} has no period {period}", k.code))
}

// ---------------------------------------------------------------------------
// Splitting
// ---------------------------------------------------------------------------

#[test]
fn tab_separated_from_excel() {
    let t = parse_table("Code\tTitle\tMK 2009/10\nNI 72\tEarly years\t53.7 (p)\n");
    assert_eq!(t.headers, vec!["Code", "Title", "MK 2009/10"]);
    assert_eq!(
        t.roles,
        vec![
            ColumnRole::Code,
            ColumnRole::Title,
            ColumnRole::Actual("2009/10".into())
        ]
    );
    assert_eq!(t.rows, vec![vec!["NI 72", "Early years", "53.7 (p)"]]);
}

#[test]
fn csv_with_quotes_doubled_quotes_and_crlf() {
    let t = parse_table(
        "\u{feff}Code,Title,\"Target 2010/11\"\r\n\"NI 72\",\"Pupils, \"\"good\"\" level\",55\r\nNI 73,KS2,77\r\n",
    );
    assert_eq!(t.headers, vec!["Code", "Title", "Target 2010/11"]);
    assert_eq!(t.roles[2], ColumnRole::Target("2010/11".into()));
    assert_eq!(
        t.rows,
        vec![
            vec!["NI 72", "Pupils, \"good\" level", "55"],
            vec!["NI 73", "KS2", "77"]
        ]
    );
}

#[test]
fn word_cells_with_line_breaks_inside_quotes() {
    let t = parse_table(
        "Indicator\tNI\tMK 2009/10\n\"Progression rates in English between KS2\nand KS4\"\tNI 1\t68 (p)\n",
    );
    assert_eq!(t.rows.len(), 1);
    assert_eq!(
        t.rows[0][0],
        "Progression rates in English between KS2 and KS4"
    );
    assert_eq!(t.rows[0][2], "68 (p)");
}

#[test]
fn trims_skips_empty_rows_and_pads() {
    let t =
        parse_table("\n\n  Code \tTitle\tMK 2009/10\n\t\t\n  NI 72  \n\n\t\t\nNI 73\tKS2\t70\t\n");
    assert_eq!(t.headers, vec!["Code", "Title", "MK 2009/10"]);
    assert_eq!(
        t.rows,
        vec![vec!["NI 72", "", ""], vec!["NI 73", "KS2", "70"]]
    );
    assert!(t.rows.iter().all(|r| r.len() == t.headers.len()));
}

#[test]
fn a_longer_row_widens_the_table() {
    let t = parse_table("Code\tTitle\nNI 72\tEY\t53.7\n");
    assert_eq!(t.headers, vec!["Code", "Title", ""]);
    assert_eq!(t.roles[2], ColumnRole::Ignore);
    assert_eq!(t.rows[0], vec!["NI 72", "EY", "53.7"]);
}

#[test]
fn empty_paste_is_an_empty_table() {
    let t = parse_table(" \n\t\n");
    assert!(t.headers.is_empty() && t.rows.is_empty() && t.roles.is_empty());
    assert_eq!(run(&small_plan(), ""), PastePreview::default());
}

// ---------------------------------------------------------------------------
// Column roles
// ---------------------------------------------------------------------------

#[test]
fn guesses_every_header_form() {
    use ColumnRole::*;
    let p = |s: &str| s.to_string();
    for (header, role) in [
        ("Code", Code),
        ("Ref", Code),
        ("NI", Code),
        ("KPI code", Code),
        ("Indicator", Title),
        ("Indicators ⁴", Title),
        ("Title", Title),
        ("Measure", Title),
        ("KPI", Title),
        (
            "* Denotes a corporate dashboard item Other performance indicators are included in service level plans",
            Title,
        ),
        ("LAA/NI/CYPP", Source),
        ("LAA/NI/C YPP", Source),
        ("LAA/NI /CYPP", Source),
        ("Source", Source),
        ("Officer", Officer),
        ("Responsible officer", Officer),
        ("Lead", Officer),
        ("Baseline", Baseline),
        ("MK 2007/8 (August 2007 outcomes) APA Baseline", Baseline),
        ("NA 2008/9", National(p("2008/9"))),
        ("National average 2008-09", National(p("2008/9"))),
        ("NA 2009/10 (August 2009 outcomes - provisional)", National(p("2009/10"))),
        ("SN 2009/10 (August 2009 outcomes)", Neighbours(p("2009/10"))),
        ("Statistical neighbours 2008/09", Neighbours(p("2008/9"))),
        ("Stat. neighbour average 2009/10", Neighbours(p("2009/10"))),
        ("Region 2009/10", Region(p("2009/10"))),
        ("Regional average 2009/2010", Region(p("2009/10"))),
        ("Target 2010/11", Target(p("2010/11"))),
        ("Target 2009/10 (2008/9 academic year)", Target(p("2009/10"))),
        ("This Year's Target", Target(p(""))),
        ("MK 2008/9", Actual(p("2008/9"))),
        ("MK 2008/9 (2007/8 academic yr)", Actual(p("2008/9"))),
        ("Actual 2008-09", Actual(p("2008/9"))),
        ("Outturn 2009/10", Actual(p("2009/10"))),
        ("2009/10", Actual(p("2009/10"))),
        ("Q2 2009/10", Actual(p("Q2 2009/10"))),
        ("Actual", Actual(p(""))),
        ("Success Criteria:", Ignore),
        ("Ref DR", Ignore),
        ("Monitor -ing", Ignore),
        ("Actual provisional", Ignore),
        ("", Ignore),
    ] {
        assert_eq!(guess_role(header), role, "header {header:?}");
    }
}

#[test]
fn periods_are_written_the_plans_way() {
    for (text, period) in [
        ("2008/9", "2008/9"),
        ("2008/09", "2008/9"),
        ("2008-09", "2008/9"),
        ("2008 - 09", "2008/9"),
        ("2008/2009", "2008/9"),
        ("2009/10", "2009/10"),
        ("2009-2010", "2009/10"),
        ("Q2 2009/10", "Q2 2009/10"),
        ("q3 2009-10", "Q3 2009/10"),
        ("Calendar year 2009", "2009"),
    ] {
        assert_eq!(find_period(text).as_deref(), Some(period), "{text}");
    }
    assert_eq!(find_period("Target"), None);
    assert_eq!(find_period("NI 102"), None);
}

// ---------------------------------------------------------------------------
// Cell forms
// ---------------------------------------------------------------------------

/// Pastes one actual cell for 2009/10 into KPI `code` of the small plan.
fn actual_after(code: &str, cell: &str) -> (Option<Value>, Vec<String>) {
    let text = format!("Code\tMK 2009/10\n{code}\t{cell}\n");
    let p = run(&small_plan(), &text);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let u = updates(&p);
    assert_eq!(u.len(), 1, "{cell}");
    (period_of(u[0].1, "2009/10").actual.clone(), u[0].2.clone())
}

#[test]
fn reads_every_value_form_of_the_seeds() {
    let na = |l: &str| Some(Value::not_available(l));
    for (cell, value, words) in [
        (
            "53.7 (p)",
            Some(Value::provisional(53.7)),
            "53.7 (provisional)",
        ),
        (
            "86% (prov.)",
            Some(Value::provisional(86.0)),
            "86 (provisional)",
        ),
        ("21 (P)", Some(Value::provisional(21.0)), "21 (provisional)"),
        (
            "53.7p",
            Some(Value::provisional(53.7)),
            "53.7 (provisional)",
        ),
        (
            "Not yet available",
            na("Not yet available"),
            "Not yet available",
        ),
        ("Not available", na("Not available"), "Not available"),
        ("N/A", na("N/A"), "N/A"),
        ("TBA", na("TBA"), "TBA"),
        ("New", na("New"), "New"),
        ("£4,000", Some(Value::number(4000.0)), "4,000"),
        ("1,234", Some(Value::number(1234.0)), "1,234"),
        ("0.10", Some(Value::number(0.1)), "0.1"),
    ] {
        let (got, changes) = actual_after("NI 1", cell);
        assert_eq!(got, value, "{cell}");
        assert_eq!(
            changes,
            vec![format!("2009/10 actual: (blank) → {words}")],
            "{cell}"
        );
    }
}

#[test]
fn reads_counts_with_percentages_by_the_kpis_unit() {
    // A percentage KPI keeps the count alongside.
    let (got, changes) = actual_after("NI 1", "12 (23.1%)");
    let got = got.unwrap();
    assert_eq!((got.value, got.count), (Some(23.1), Some(12.0)));
    assert_eq!(changes, vec!["2009/10 actual: (blank) → 12 (23.1%)"]);
    // A count KPI keeps the count as its value and the percentage as a note.
    let (got, _) = actual_after("NI 2", "3 (30%)");
    let got = got.unwrap();
    assert_eq!((got.value, got.count), (Some(3.0), None));
    assert_eq!(got.note.as_deref(), Some("30%"));
}

#[test]
fn reads_a_value_with_a_note() {
    let (got, changes) = actual_after("NI 1", "-16% (2008 data)");
    let got = got.unwrap();
    assert_eq!(got.value, Some(-16.0));
    assert_eq!(got.note.as_deref(), Some("2008 data"));
    assert_eq!(changes, vec!["2009/10 actual: (blank) → -16 — 2008 data"]);
    let (got, _) = actual_after("NI 1", "80 (as at Jul 09)");
    assert_eq!(got.unwrap().note.as_deref(), Some("as at Jul 09"));
}

#[test]
fn reads_every_target_form() {
    let rel = |relation: Relation, text: &str| Target::Relative {
        relation,
        text: text.into(),
    };
    for (cell, target) in [
        ("55", Target::value(55.0)),
        (
            "5.1% by Dec 2010",
            Target::Value {
                value: 5.1,
                note: Some("by Dec 2010".into()),
            },
        ),
        (
            "In line with national",
            rel(Relation::InLineWithNational, "In line with national"),
        ),
        (
            "In line with NA",
            rel(Relation::InLineWithNational, "In line with NA"),
        ),
        (
            "National average by Dec 2010",
            rel(Relation::InLineWithNational, "National average by Dec 2010"),
        ),
        (
            "Continue to be lower than national",
            rel(
                Relation::LowerThanNational,
                "Continue to be lower than national",
            ),
        ),
        (
            "Year on year reduction",
            rel(Relation::YearOnYearReduction, "Year on year reduction"),
        ),
        (
            "-16% against the 1998 baseline",
            rel(
                Relation::ChangeAgainstBaseline { percent: -16.0 },
                "-16% against the 1998 baseline",
            ),
        ),
        ("TBA", Target::Text { text: "TBA".into() }),
        (
            "Maintain",
            Target::Text {
                text: "Maintain".into(),
            },
        ),
    ] {
        let p = run(
            &small_plan(),
            &format!("Code\tTarget 2011/12\nNI 1\t{cell}\n"),
        );
        let u = updates(&p);
        assert_eq!(
            period_of(u[0].1, "2011/12").target.as_ref(),
            Some(&target),
            "{cell}"
        );
        assert_eq!(
            u[0].2,
            &vec![format!(
                "2011/12 target: (blank) → {}",
                target.display(None)
            )]
        );
    }
}

// ---------------------------------------------------------------------------
// Preview: updates
// ---------------------------------------------------------------------------

#[test]
fn update_reports_each_change_in_words_and_keeps_periods_in_order() {
    let p = run(
        &small_plan(),
        "Code\tMK 2009/10\tNA 2009/10\tTarget 2011/12\tTarget 2006/7\nNI72\t54.1\tNot yet available\t56\t50\n",
    );
    assert!(p.problems.is_empty());
    let u = updates(&p);
    assert_eq!(u.len(), 1);
    let (id, after, changes) = u[0];
    assert_eq!(id, "k-ni72");
    assert_eq!(
        changes,
        &vec![
            "2009/10 actual: 53.7 (provisional) → 54.1".to_string(),
            "2009/10 national average: (blank) → Not yet available".to_string(),
            "2011/12 target: (blank) → 56".to_string(),
            "2006/7 target: (blank) → 50".to_string(),
        ]
    );
    let periods: Vec<&str> = after.series.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(
        periods,
        vec!["2006/7", "2008/9", "2009/10", "2010/11", "2011/12"]
    );
    match &p.changes[0] {
        KpiChange::Update { before, .. } => assert_eq!(before, &small_plan().kpis[0]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn confirming_updates_and_adds_in_order_as_one_undoable_change() {
    let plan = small_plan();
    let p = run(
        &plan,
        "Code\tTitle\tMK 2009/10\nNI72\t\t54.1\nNI 90\tFirst new\t10\nNI 91\tSecond new\t20\n",
    );
    assert_eq!(p.counts(), (1, 2));
    let mut work = plan.clone();
    let steps = confirm(&mut work, p.changes.clone());
    assert_eq!(steps.len(), 3);
    // The plan after the paste: NI 72 updated, the new KPIs after the others in
    // the table's order.
    let codes: Vec<&str> = work.kpis.iter().map(|k| k.code.as_str()).collect();
    assert_eq!(codes, vec!["NI 72", "NI 1", "NI 2", "NI 90", "NI 91"]);
    assert_eq!(
        period_of(&work.kpis[0], "2009/10").actual,
        Some(Value::number(54.1))
    );
    // The steps, applied to the plan, make that plan; undone, the plan as it was.
    let change = waymark::core::edit::Change::Batch(steps);
    let mut applied = plan.clone();
    change.apply(&mut applied);
    assert_eq!(applied, work);
    change.inverse().apply(&mut applied);
    assert_eq!(applied, plan);
    // Confirmed again against the plan after it, the paste makes no step.
    assert_eq!(confirm(&mut work.clone(), p.changes), vec![]);
}

#[test]
fn target_for_an_existing_period_and_a_blank_cell_changes_nothing() {
    let p = run(
        &small_plan(),
        "Code\tMK 2009/10\tTarget 2010/11\tNA 2008/9\nNI 72\t\t56\t\n",
    );
    let u = updates(&p);
    assert_eq!(u[0].2, &vec!["2010/11 target: 55 → 56".to_string()]);
}

#[test]
fn unchanged_kpis_are_not_listed() {
    let p = run(
        &small_plan(),
        "Code\tMK 2008/9\tMK 2009/10\tTarget 2009/10\nNI 72\t52.9\t53.7 (p)\t54\n",
    );
    assert_eq!(p, PastePreview::default());
}

#[test]
fn codes_match_ignoring_case_and_spaces() {
    for code in ["NI72", "ni 72", " Ni  72 ", "NI72 LAA"] {
        let p = run(&small_plan(), &format!("Code\tMK 2009/10\n{code}\t60\n"));
        let u = updates(&p);
        assert_eq!(u.len(), 1, "{code}");
        assert_eq!(u[0].0, "k-ni72");
    }
}

#[test]
fn rows_without_a_code_match_on_title() {
    let p = run(
        &small_plan(),
        "Indicator\tMK 2009/10\n% Pupils achieving at least 78 points across Early Years Foundation Stage\t60\n",
    );
    assert_eq!(updates(&p)[0].0, "k-ni72");
}

#[test]
fn officer_column_updates_the_responsible_officer() {
    let p = run(&small_plan(), "Code\tLead officer\nNI 72\tHead of EYS\n");
    let u = updates(&p);
    assert_eq!(u[0].1.responsible_officer, "Head of EYS");
    assert_eq!(
        u[0].2,
        &vec!["Responsible officer: (blank) → Head of EYS".to_string()]
    );
}

#[test]
fn two_rows_for_one_kpi_apply_in_turn() {
    let p = run(&small_plan(), "Code\tMK 2009/10\nNI 72\t54\nNI 72\t55\n");
    let u = updates(&p);
    assert_eq!(u.len(), 1);
    assert_eq!(
        u[0].2,
        &vec![
            "2009/10 actual: 53.7 (provisional) → 54".to_string(),
            "2009/10 actual: 54 → 55".to_string()
        ]
    );
}

// ---------------------------------------------------------------------------
// Preview: problems
// ---------------------------------------------------------------------------

#[test]
fn a_bad_value_makes_the_row_a_problem_and_nothing_of_it_is_applied() {
    let p = run(
        &small_plan(),
        "Code\tTarget 2011/12\tMK 2009/10\nNI 1\t50\t40\nNI 72\t60\tlots\n\nNI 2\t7\t8\n",
    );
    assert_eq!(
        p.problems,
        vec![RowProblem {
            row: 3,
            reason: "Row 3: 'lots' in column 'MK 2009/10' is not a number".into()
        }]
    );
    let u = updates(&p);
    let touched: Vec<&str> = u.iter().map(|u| u.0).collect();
    assert_eq!(touched, vec!["k-1", "k-2"]); // NI 72's target 60 not applied
}

#[test]
fn every_bad_cell_of_a_row_is_named() {
    let p = run(
        &small_plan(),
        "Code\tMK 2008/9\tMK 2009/10\nNI 72\tlots\tfew\n",
    );
    assert_eq!(
        p.problems[0].reason,
        "Row 2: 'lots' in column 'MK 2008/9' is not a number; 'few' in column 'MK 2009/10' is not a number"
    );
    assert!(p.changes.is_empty());
}

#[test]
fn a_row_with_neither_code_nor_title_is_a_problem() {
    let p = run(&small_plan(), "Code\tTitle\tMK 2009/10\n\t\t54\n");
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].row, 2);
    assert_eq!(
        p.problems[0].reason,
        "Row 2: it has neither a code nor a title, so it cannot be matched to a KPI"
    );
    assert!(p.changes.is_empty());
}

#[test]
fn a_column_without_a_period_needs_the_plans_year() {
    let mut plan = small_plan();
    plan.period_start = None;
    let p = run(&plan, "Code\tTarget\nNI 72\t60\n");
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].row, 1);
    assert!(p.problems[0]
        .reason
        .starts_with("Row 1: column 'Target' does not say which period"));
    // With the plan's year, the same paste sets the 2009/10 target.
    let p = run(&small_plan(), "Code\tTarget\nNI 72\t60\n");
    assert_eq!(
        updates(&p)[0].2,
        &vec!["2009/10 target: 54 → 60".to_string()]
    );
}

#[test]
fn user_chosen_roles_are_used() {
    let mut t = parse_table("A\tB\nNI 72\t61\n");
    assert_eq!(t.roles, vec![ColumnRole::Ignore, ColumnRole::Ignore]);
    t.roles = vec![ColumnRole::Code, ColumnRole::Actual("2009-10".into())];
    let mut new_id = ids();
    let p = preview(&small_plan(), &t, &mut new_id);
    assert_eq!(
        updates(&p)[0].2,
        &vec!["2009/10 actual: 53.7 (provisional) → 61".to_string()]
    );
}

// ---------------------------------------------------------------------------
// Preview: new KPIs
// ---------------------------------------------------------------------------

#[test]
fn new_code_adds_a_kpi_with_guesses() {
    let p = run(
        &small_plan(),
        "Code\tIndicator\tLead\tMK 2008/9\tMK 2009/10\tTarget 2009/10\nNI 114 LAA\tPermanent exclusions from school\tHead of TESS\t0.10\t0.08 (p)\t0.05\n",
    );
    let a = adds(&p);
    assert_eq!(a.len(), 1);
    let k = a[0];
    assert_eq!(k.id, Id::new("new-1"));
    assert_eq!(k.code, "NI 114");
    assert_eq!(k.sources, vec!["NI", "LAA"]);
    assert_eq!(k.title, "Permanent exclusions from school");
    assert_eq!(k.responsible_officer, "Head of TESS");
    assert_eq!(k.polarity, Polarity::LowerIsBetter);
    assert_eq!(k.unit, Unit::Number);
    assert_eq!(k.decimals, 2);
    assert_eq!(
        k.series,
        vec![
            pv("2008/9", Some(Value::number(0.1)), None),
            pv(
                "2009/10",
                Some(Value::provisional(0.08)),
                Some(Target::value(0.05))
            ),
        ]
    );
}

#[test]
fn polarity_and_unit_guesses_for_new_kpis() {
    for (title, polarity) in [
        ("% overall absence Primary Schools", Polarity::LowerIsBetter),
        ("Permanent exclusions", Polarity::LowerIsBetter),
        ("Achievement gap at KS2", Polarity::LowerIsBetter),
        ("16-18 year olds who are NEET", Polarity::LowerIsBetter),
        ("Under 18 conception rate", Polarity::LowerIsBetter),
        ("Young people who offend", Polarity::LowerIsBetter),
        ("Re-referrals to social care", Polarity::LowerIsBetter),
        ("% pupils achieving level 4", Polarity::HigherIsBetter),
    ] {
        assert_eq!(guess_polarity(title), polarity, "{title}");
    }
    assert_eq!(guess_unit("Achievement gap", &["12.5%"]), Unit::Percent);
    assert_eq!(guess_unit("% pupils", &["53.7"]), Unit::Percent);
    assert_eq!(guess_unit("Pupils achieving", &["53.7"]), Unit::Number);
    assert_eq!(guess_unit("Cost of placements", &["£4,000"]), Unit::Pounds);
    assert_eq!(
        guess_unit("Rate per 10,000 children", &["40"]),
        Unit::RatePer10000
    );
}

#[test]
fn a_title_only_row_is_a_section_heading() {
    let p = run(
        &Plan::default(),
        "Indicator\tCode\tMK 2009/10\nKey Stage 2\t\t\nKS2 level 4\tNI 73\t70\nKey Stage 4\t\t\nGCSE 5 A*-C\tNI 75\t48\n",
    );
    let a = adds(&p);
    assert_eq!(a.len(), 2);
    assert_eq!(
        (a[0].code.as_str(), a[0].section.as_str()),
        ("NI 73", "Key Stage 2")
    );
    assert_eq!(
        (a[1].code.as_str(), a[1].section.as_str()),
        ("NI 75", "Key Stage 4")
    );
}

#[test]
fn rows_for_one_new_code_make_one_kpi() {
    let p = run(
        &Plan::default(),
        "Code\tTitle\tMK 2008/9\tMK 2009/10\nNI 9\tNine\t1\t\nNI9\t\t\t2\n",
    );
    let a = adds(&p);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].series.len(), 2);
}

// ---------------------------------------------------------------------------
// The seeds' own tables
// ---------------------------------------------------------------------------

#[test]
fn seed_outcome_4_table_roles() {
    let t = parse_table(OUTCOME_4);
    assert_eq!(t.headers.len(), 10);
    assert_eq!(t.roles[0], ColumnRole::Title);
    assert_eq!(t.roles[1], ColumnRole::Source);
    assert_eq!(t.roles[2], ColumnRole::Baseline);
    assert_eq!(t.roles[3], ColumnRole::Actual("2008/9".into()));
    assert_eq!(t.roles[5], ColumnRole::Actual("2009/10".into()));
    assert_eq!(t.roles[7], ColumnRole::Neighbours("2009/10".into()));
    assert_eq!(t.roles[9], ColumnRole::Target("2010/11".into()));
    assert_eq!(t.rows.len(), 15);
}

#[test]
fn seed_outcome_4_table_matches_the_example_plan_exactly() {
    // The example plan was transcribed from this very table: pasting it changes nothing.
    let plan = example_plan().plan;
    let p = run(&plan, OUTCOME_4);
    assert_eq!(p, PastePreview::default());
}

#[test]
fn seed_outcome_4_table_into_an_empty_plan() {
    let plan = Plan {
        period_start: Date::new(2009, 6, 1),
        ..Plan::default()
    };
    let p = run(&plan, OUTCOME_4);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let a = adds(&p);
    assert_eq!(a.len(), 12);
    let codes: Vec<&str> = a.iter().map(|k| k.code.as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "NI 72", "NI 92", "NI 102i", "", "", "NI 107ii", "NI 107iv", "NI 73", "NI 93", "NI 94",
            "NI 75", "NI 102ii"
        ]
    );
    let example = example_plan().plan;
    let ex72 = example
        .kpis
        .iter()
        .find(|k| k.id.as_str() == "k-ni72")
        .unwrap();
    let ni72 = a[0];
    assert_eq!(ni72.id, Id::new("new-1"));
    assert_eq!(ni72.sources, vec!["NI", "LAA"]);
    assert_eq!(ni72.title, ex72.title);
    assert_eq!(ni72.section, "Foundation Stage");
    assert_eq!(ni72.unit, Unit::Percent);
    assert_eq!(ni72.decimals, 1);
    assert_eq!(ni72.polarity, Polarity::HigherIsBetter);
    assert_eq!(ni72.baseline, ex72.baseline);
    assert_eq!(ni72.series, ex72.series);
    // And it rates the same.
    assert_eq!(rate_period(ni72, 2), rate_period(ex72, 2));
    // The gap is lower-is-better; the CYPP rows have a source but no code.
    assert_eq!(a[1].polarity, Polarity::LowerIsBetter);
    assert_eq!(a[2].sources, vec!["NI"]);
    assert_eq!(
        (a[3].code.as_str(), a[3].sources.clone()),
        ("", vec!["CYPP".to_string()])
    );
    assert_eq!(a[3].section, "Key Stage 2");
    assert_eq!(a[10].section, "Key Stage 4");
    // A relative target and "Not yet available" comparators.
    let p2009 = period_of(a[2], "2009/10");
    assert!(matches!(
        p2009.target,
        Some(Target::Relative {
            relation: Relation::InLineWithNational,
            ..
        })
    ));
    assert_eq!(
        p2009.national,
        Some(Value::not_available("Not yet available"))
    );
    // NI 73 has provisional comparators.
    assert_eq!(
        period_of(a[7], "2009/10").neighbours,
        Some(Value::provisional(74.0))
    );
}

#[test]
fn seed_outcome_6_table_only_differs_where_the_transcription_did() {
    let plan = example_plan().plan;
    let p = run(&plan, OUTCOME_6);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert!(adds(&p).is_empty(), "N78 is read as NI 78");
    let u = updates(&p);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].0, "k-ni78");
    assert_eq!(
        u[0].2,
        &vec![
            "2008/9 national average: 14.5% — national figure printed as a percentage of schools, not a count → 14.5"
                .to_string()
        ]
    );
}

#[test]
fn seed_outcome_6_counts_and_duplicates() {
    // Into a plan holding only the example's KPIs with counts, each with an empty
    // series: the count forms land the way the example keeps them.
    let example = example_plan().plan;
    let mut plan = Plan {
        period_start: example.period_start,
        ..Plan::default()
    };
    for id in ["k-ni76", "k-ni78", "k-ni114", "k-ni114-o6"] {
        let mut k = example
            .kpis
            .iter()
            .find(|k| k.id.as_str() == id)
            .unwrap()
            .clone();
        k.series.clear();
        k.baseline = Default::default();
        plan.kpis.push(k);
    }
    let p = run(&plan, OUTCOME_6);
    let u = updates(&p);
    let ni76 = u.iter().find(|u| u.0 == "k-ni76").unwrap().1;
    let b = ni76.baseline.value.clone().unwrap();
    assert_eq!((b.value, b.count), (Some(23.1), Some(12.0)));
    let ni78 = u.iter().find(|u| u.0 == "k-ni78").unwrap().1;
    let a = period_of(ni78, "2008/9").actual.clone().unwrap();
    assert_eq!((a.value, a.note.as_deref()), (Some(3.0), Some("30%")));
    // "Permanent Exclusions from schools" (NI 114) picks the KPI with that title.
    assert!(u.iter().any(|u| u.0 == "k-ni114-o6"));
    assert!(!u.iter().any(|u| u.0 == "k-ni114"));
}

#[test]
fn seed_kpi_list_with_this_years_target() {
    let t = parse_table(KPI_LIST_2015);
    assert_eq!(
        t.roles,
        vec![ColumnRole::Title, ColumnRole::Target(String::new())]
    );
    let plan = Plan {
        period_start: Date::new(2015, 4, 1),
        ..Plan::default()
    };
    let p = run(&plan, KPI_LIST_2015);
    assert!(p.problems.is_empty());
    let a = adds(&p);
    assert_eq!(a.len(), 20);
    let first = a[0];
    assert_eq!(
        first.title,
        "Percentage of 2 year olds who take up free early education as a percentage of those eligible"
    );
    assert!(first.corporate_dashboard);
    assert_eq!(first.unit, Unit::Percent);
    assert_eq!(
        first.series,
        vec![pv("2015/16", None, Some(Target::value(92.0)))]
    );
    let by_start = |s: &str| *a.iter().find(|k| k.title.starts_with(s)).unwrap();
    let court = by_start("Percentage of child protection family court");
    assert!(!court.corporate_dashboard);
    let adoption = by_start("Average time (days)");
    assert_eq!(
        (adoption.unit, adoption.polarity),
        (Unit::Days, Polarity::LowerIsBetter)
    );
    let fte = by_start("Number of first time entrants");
    assert_eq!(
        (fte.unit, fte.polarity),
        (Unit::RatePer100000, Polarity::LowerIsBetter)
    );
    let families = by_start("Number of families");
    assert_eq!(
        (families.unit, families.polarity),
        (Unit::Number, Polarity::HigherIsBetter)
    );
    let sickness = by_start("Sickness");
    assert_eq!((sickness.unit, sickness.decimals), (Unit::Days, 2));
    assert_eq!(sickness.polarity, Polarity::LowerIsBetter);
    assert_eq!(
        by_start("Percentage of young people aged 16-19").polarity,
        Polarity::LowerIsBetter
    );
    assert_eq!(by_start("Align").polarity, Polarity::CloserIsBetter);
}

#[test]
fn seed_kpi_list_without_a_plan_year_says_so() {
    let p = run(&Plan::default(), KPI_LIST_2015);
    assert_eq!(p.problems.len(), 1);
    assert!(p.problems[0]
        .reason
        .starts_with("Row 1: column 'This Year's Target' does not say which period"));
}

// ---------------------------------------------------------------------------
// Round trip through the CSV export
// ---------------------------------------------------------------------------

#[test]
fn csv_export_pastes_back_onto_the_example_plan() {
    let plan = example_plan().plan;
    let p = run(&plan, &kpis_to_csv(&plan));
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert!(adds(&p).is_empty());
    // Only what the CSV's plain numbers cannot hold can differ: a comparator's
    // provisional mark, a count beside a percentage, a note.
    let u = updates(&p);
    assert!(!u.is_empty());
    for (id, _, changes) in &u {
        assert!(
            !["k-ni72", "k-ni92", "k-ni102i", "k-ni111"].contains(id),
            "{id}"
        );
        for c in changes.iter() {
            let before = c.split(": ").nth(1).unwrap_or("");
            let lossy = (before.contains("(provisional)") && !c.contains(" actual: "))
                || before.contains("%)")
                || before.contains(" — ");
            assert!(lossy, "{id}: {c}");
        }
    }
}

fn arb_value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::not_available("Not yet available"))),
        (-4000i32..4000).prop_map(|q| Some(Value::number(f64::from(q) / 4.0))),
        (0i32..4000).prop_map(|q| Some(Value::provisional(f64::from(q) / 4.0))),
    ]
}

fn arb_comparator() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::not_available("Not available"))),
        (-4000i32..4000).prop_map(|q| Some(Value::number(f64::from(q) / 4.0))),
    ]
}

fn arb_target() -> impl Strategy<Value = Option<Target>> {
    prop_oneof![
        Just(None),
        (0i32..400).prop_map(|q| Some(Target::value(f64::from(q) / 4.0))),
        Just(Some(Target::Relative {
            relation: Relation::InLineWithNational,
            text: "In line with national".into()
        })),
    ]
}

proptest! {
    #[test]
    fn csv_export_pastes_back_as_the_same_kpis(
        kpis in proptest::collection::vec(
            (
                "[A-Z][a-z]{2,8}( [a-z]{2,8}){0,3}",
                proptest::collection::vec((arb_value(), arb_comparator(), arb_target()), 1..4),
                proptest::sample::select(vec![Unit::Percent, Unit::Number, Unit::Days]),
                proptest::sample::select(vec![Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::CloserIsBetter]),
            ),
            1..4,
        )
    ) {
        let periods = ["2007/8", "2008/9", "2009/10"];
        let plan = Plan {
            kpis: kpis
                .iter()
                .enumerate()
                .map(|(i, (title, series, unit, polarity))| Kpi {
                    id: Id::new(format!("k{i}")),
                    code: format!("NI {}", i + 1),
                    title: format!("{title} {i}"),
                    sources: vec!["NI".into(), "LAA".into()],
                    unit: *unit,
                    polarity: *polarity,
                    series: series
                        .iter()
                        .zip(periods)
                        .map(|((actual, national, target), p)| PeriodValues {
                            period: p.into(),
                            actual: actual.clone(),
                            national: national.clone(),
                            target: target.clone(),
                            ..PeriodValues::default()
                        })
                        .collect(),
                    ..Kpi::default()
                })
                .collect(),
            ..Plan::default()
        };
        let p = run(&Plan::default(), &kpis_to_csv(&plan));
        prop_assert!(p.problems.is_empty(), "{:?}", p.problems);
        let a = adds(&p);
        prop_assert_eq!(a.len(), plan.kpis.len());
        for (got, want) in a.iter().zip(&plan.kpis) {
            prop_assert_eq!(&got.code, &want.code);
            prop_assert_eq!(&got.title, &want.title);
            prop_assert_eq!(&got.sources, &want.sources);
            prop_assert_eq!(got.unit, want.unit);
            prop_assert_eq!(got.polarity, want.polarity);
            // Periods with nothing in them are not recreated.
            let want_series: Vec<&PeriodValues> = want
                .series
                .iter()
                .filter(|s| s.actual.is_some() || s.national.is_some() || s.target.is_some())
                .collect();
            let got_series: Vec<&PeriodValues> = got.series.iter().collect();
            prop_assert_eq!(got_series, want_series);
        }
    }
}

/// The example plan, read once for the property tests.
fn shared_example() -> &'static Plan {
    static PLAN: std::sync::OnceLock<Plan> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| example_plan().plan)
}

proptest! {
    #[test]
    fn any_text_parses_and_previews_without_panicking(
        text in "[A-Za-z0-9 \t\r\n\",.%()/£*-]{0,200}",
        header in proptest::sample::select(vec![
            "Code\tIndicator\tMK 2009/10\tTarget 2010/11\n",
            "Code,Title,Actual,Period\r\n",
            "",
        ]),
    ) {
        let full = format!("{header}{text}");
        let t = parse_table(&full);
        prop_assert_eq!(t.roles.len(), t.headers.len());
        for r in &t.rows {
            prop_assert_eq!(r.len(), t.headers.len());
            prop_assert!(r.iter().all(|c| c.trim() == c));
        }
        let p = {
            let mut new_id = ids();
            preview(shared_example(), &t, &mut new_id)
        };
        for problem in &p.problems {
            prop_assert!(problem.row >= 1 && problem.row <= t.rows.len() + 1);
            let prefix = format!("Row {}: ", problem.row);
            prop_assert!(problem.reason.starts_with(&prefix));
        }
        for c in &p.changes {
            if let KpiChange::Update { changes, before, after, .. } = c {
                prop_assert!(!changes.is_empty());
                prop_assert_ne!(before, after);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Tables as Word and Excel put them on the clipboard (core::grid::Grid)
// ---------------------------------------------------------------------------

use waymark::core::grid::{Grid, GridCell};

fn row(cells: &[&str]) -> Vec<GridCell> {
    cells.iter().map(|c| GridCell::new(c)).collect()
}

/// A Word KPI table as its HTML reads: a merged title row above the header,
/// merged section rows, a title cell of two paragraphs, codes written in the
/// title cell, empty cells and an empty row.
fn word_grid() -> Grid {
    Grid {
        heading: "Being healthy".into(),
        rows: vec![
            vec![GridCell::spanning(
                "Priority 4 Establish a clear and shared direction",
                5,
            )],
            row(&[
                "Indicator",
                "MK 2008/9",
                "MK 2009/10",
                "Target 2009/10",
                "Target 2010/11",
            ]),
            vec![GridCell::spanning("LAA Indicators", 5)],
            row(&[
                "NI 112 / BVPI 197: Under 18 conception rate",
                "+0.58% (2007 data)",
                "",
                "-35.5%",
                "-45%",
            ]),
            vec![
                GridCell::of_paragraphs(
                    vec![
                        "NI 60 Core assessments for children's social care".into(),
                        "carried out within 35 working days".into(),
                    ],
                    1,
                ),
                GridCell::new("78%"),
                GridCell::new("86% (prov.)"),
                GridCell::new("80%"),
                GridCell::new("86% (prov.)"),
            ],
            row(&["", "", "", "", ""]),
            vec![
                GridCell::new(""),
                GridCell::spanning("Other key national indicators", 4),
            ],
            row(&[
                "NI 72 % pupils achieving at least 78 points",
                "52.9",
                "53.7 (p)",
                "54",
                "55",
            ]),
        ],
    }
}

fn plan_2009() -> Plan {
    Plan {
        period_start: Date::new(2009, 6, 1),
        ..Plan::default()
    }
}

#[test]
fn a_word_grid_reads_below_its_title_rows_with_merged_rows_marked() {
    let t = table_of_grid(&word_grid());
    assert_eq!(t.above_header, 1);
    assert_eq!(
        t.headers,
        vec![
            "Indicator",
            "MK 2008/9",
            "MK 2009/10",
            "Target 2009/10",
            "Target 2010/11"
        ]
    );
    assert_eq!(t.spanning, vec![true, false, false, true, false]);
    assert_eq!(t.rows.len(), 5);
    // A cell of two paragraphs is one cell, its paragraphs a space apart; a
    // merged cell's text stands in the first column it covers.
    assert_eq!(
        t.rows[2][0],
        "NI 60 Core assessments for children's social care carried out within 35 working days"
    );
    assert_eq!(
        t.rows[3],
        vec!["", "Other key national indicators", "", "", ""]
    );
}

#[test]
fn a_word_grid_becomes_kpis_with_codes_titles_sections_notes_and_provisional_marks() {
    let mut new_id = ids();
    let p = preview(&plan_2009(), &table_of_grid(&word_grid()), &mut new_id);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let a = adds(&p);
    assert_eq!(a.len(), 3);

    let ni112 = a[0];
    assert_eq!(ni112.code, "NI 112");
    assert_eq!(ni112.title, "Under 18 conception rate");
    assert_eq!(ni112.sources, vec!["NI", "BVPI", "LAA"]);
    assert_eq!(ni112.section, "LAA Indicators");
    assert_eq!(ni112.notes, "Other codes: BVPI 197");
    assert_eq!(ni112.polarity, Polarity::LowerIsBetter);
    assert_eq!(
        ni112.series,
        vec![
            pv(
                "2008/9",
                Some(Value {
                    value: Some(0.58),
                    note: Some("2007 data".into()),
                    ..Value::default()
                }),
                None
            ),
            pv("2009/10", None, Some(Target::value(-35.5))),
            pv("2010/11", None, Some(Target::value(-45.0))),
        ]
    );

    let ni60 = a[1];
    assert_eq!(ni60.code, "NI 60");
    assert_eq!(
        ni60.title,
        "Core assessments for children's social care carried out within 35 working days"
    );
    assert_eq!(ni60.sources, vec!["NI", "LAA"]);
    assert_eq!(ni60.section, "LAA Indicators");
    assert_eq!(ni60.notes, "");
    assert_eq!(ni60.unit, Unit::Percent);
    assert_eq!(
        ni60.series,
        vec![
            pv("2008/9", Some(Value::number(78.0)), None),
            pv(
                "2009/10",
                Some(Value::provisional(86.0)),
                Some(Target::value(80.0))
            ),
            pv(
                "2010/11",
                None,
                Some(Target::Value {
                    value: 86.0,
                    note: Some("provisional".into())
                })
            ),
        ]
    );

    let ni72 = a[2];
    assert_eq!(
        (ni72.code.as_str(), ni72.title.as_str()),
        ("NI 72", "% pupils achieving at least 78 points")
    );
    assert_eq!(ni72.sources, vec!["NI"]);
    assert_eq!(ni72.section, "Other key national indicators");
}

#[test]
fn the_preview_says_the_provisional_target_and_the_values_note_in_words() {
    let mut plan = plan_2009();
    plan.kpis.push(Kpi {
        id: Id::new("k-112"),
        code: "NI 112".into(),
        title: "Under 18 conception rate".into(),
        ..Kpi::default()
    });
    let p = run(
        &plan,
        "Code\tMK 2008/9\tTarget 2010/11\nNI 112\t+0.58% (2007 data)\t86% (prov.)\n",
    );
    assert_eq!(
        updates(&p)[0].2,
        &vec![
            "2008/9 actual: (blank) → 0.58 — 2007 data".to_string(),
            "2010/11 target: (blank) → 86 — provisional".to_string(),
        ]
    );
}

#[test]
fn provisional_marks_on_targets_and_values() {
    for cell in ["86% (prov.)", "86 (p)", "86 prov", "86% (provisional)"] {
        assert_eq!(
            read_target(cell),
            Some(Target::Value {
                value: 86.0,
                note: Some("provisional".into())
            }),
            "{cell}"
        );
        assert_eq!(
            read_value(cell).unwrap(),
            Some(Value::provisional(86.0)),
            "{cell}"
        );
    }
    // Other words stay the target's note.
    assert_eq!(
        read_target("5.1% by Dec 2010"),
        Some(Target::Value {
            value: 5.1,
            note: Some("by Dec 2010".into())
        })
    );
}

#[test]
fn a_code_column_cell_with_the_title_gives_both() {
    let p = run(
        &plan_2009(),
        "NI\tMK 2008/9\tTarget 2009/10\nNI 60 Core assessments carried out within 35 working days\t78\t80\nNI 72 LAA\t52.9\t54\n",
    );
    let a = adds(&p);
    assert_eq!(a.len(), 2);
    assert_eq!(
        (a[0].code.as_str(), a[0].title.as_str()),
        (
            "NI 60",
            "Core assessments carried out within 35 working days"
        )
    );
    assert_eq!(a[0].sources, vec!["NI"]);
    assert_eq!((a[1].code.as_str(), a[1].title.as_str()), ("NI 72", ""));
    assert_eq!(a[1].sources, vec!["NI", "LAA"]);
}

#[test]
fn a_row_matches_a_kpi_by_any_of_its_codes() {
    let mut plan = plan_2009();
    plan.kpis.push(Kpi {
        id: Id::new("k-bv197"),
        code: "BVPI 197".into(),
        title: "Teenage pregnancies".into(),
        ..Kpi::default()
    });
    let p = run(
        &plan,
        "Indicator\tMK 2009/10\nNI 112 / BVPI 197: Under 18 conception rate\t-10.3%\n",
    );
    assert!(adds(&p).is_empty());
    let u = updates(&p);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].0, "k-bv197");
    assert_eq!(
        period_of(u[0].1, "2009/10").actual,
        Some(Value::number(-10.3))
    );
}

#[test]
fn a_lone_cell_of_words_in_any_column_but_a_value_is_a_section() {
    // Sections written in the code column and in an unnamed first column (as the
    // plain text of a Word table holds them); a lone code is not a section, and a
    // lone word in a value column is a problem.
    let p = run(
        &plan_2009(),
        concat!(
            "Success Criteria:\tNI\tIndicator\tMK 2009/10\n",
            "\tLAA Indicators\t\t\n",
            "\tNI 73\tKS2 level 4\t70\n",
            "Other key national indicators\t\t\t\n",
            "\tNI 75\tGCSE 5 A*-C\t48\n",
            "\t\t\tlots\n",
        ),
    );
    let a = adds(&p);
    assert_eq!(a.len(), 2);
    assert_eq!(
        (a[0].section.as_str(), a[0].sources.clone()),
        ("LAA Indicators", vec!["NI".to_string(), "LAA".to_string()])
    );
    assert_eq!(
        (a[1].section.as_str(), a[1].sources.clone()),
        ("Other key national indicators", vec!["NI".to_string()])
    );
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].row, 6);
}

#[test]
fn a_merged_row_is_a_section_even_in_a_value_column() {
    let grid = Grid {
        heading: String::new(),
        rows: vec![
            row(&["MK 2009/10", "Indicator", "Code"]),
            vec![GridCell::spanning("Key Stage 2", 3)],
            row(&["70", "KS2 level 4", "NI 73"]),
        ],
    };
    let mut new_id = ids();
    let p = preview(&plan_2009(), &table_of_grid(&grid), &mut new_id);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(adds(&p)[0].section, "Key Stage 2");
}

#[test]
fn the_seed_table_with_its_title_rows_reads_as_without_them() {
    let with_titles = format!(
        "Priority 4\tEstablish a clear and shared direction and vision for children and young people (CYP) in Milton Keynes\t\t\t\t\t\t\t\t\t\n\
         CYPP core outcome 4\tEnjoy and Achieve: All children and young people are highly motivated and achieve their full potential.\t\t\t\t\t\t\t\t\t\n\
         {OUTCOME_4}"
    );
    let t = parse_table(&with_titles);
    assert_eq!(t.above_header, 2);
    assert_eq!(
        t,
        PastedTable {
            above_header: 2,
            ..parse_table(OUTCOME_4)
        }
    );
    assert_eq!(
        run(&example_plan().plan, &with_titles),
        PastePreview::default()
    );
}

#[test]
fn of_several_tables_the_first_with_kpi_headings_is_read() {
    let actions = Grid::from_text("Activity\tLead(s)\tTimeline\n1.1 Appoint\tDCS\tJune 2009\n");
    let kpis = Grid::from_text(OUTCOME_4);
    let list = Grid::from_text(KPI_LIST_2015);
    assert_eq!(kpi_header_row(&actions), None);
    assert_eq!(kpi_header_row(&kpis), Some(0));
    assert_eq!(
        pick_kpi_grid(&[actions.clone(), kpis.clone(), list.clone()]),
        Some(1)
    );
    assert_eq!(pick_kpi_grid(&[list, kpis]), Some(0));
    // With no KPI headings anywhere, the first table with rows.
    assert_eq!(pick_kpi_grid(&[Grid::default(), actions]), Some(1));
    assert_eq!(pick_kpi_grid(&[]), None);
    assert_eq!(pick_kpi_grid(&[Grid::default()]), None);
}

#[test]
fn a_grid_and_its_text_read_the_same() {
    // What Grid::from_text makes of the text is what parse_table reads.
    for text in [OUTCOME_4, OUTCOME_6, KPI_LIST_2015] {
        assert_eq!(table_of_grid(&Grid::from_text(text)), parse_table(text));
    }
}

#[test]
fn a_column_role_s_key_reads_back_and_its_words() {
    use waymark::core::paste::ColumnRole;
    for r in [
        ColumnRole::Code,
        ColumnRole::Title,
        ColumnRole::Source,
        ColumnRole::Officer,
        ColumnRole::Baseline,
        ColumnRole::Actual("2008/9".into()),
        ColumnRole::National("2008/9".into()),
        ColumnRole::Neighbours("2008/9".into()),
        ColumnRole::Region("2008/9".into()),
        ColumnRole::Target(String::new()),
        ColumnRole::Ignore,
    ] {
        assert_eq!(ColumnRole::from_key(&r.key()), r);
    }
    assert_eq!(ColumnRole::from_key("nonsense"), ColumnRole::Ignore);
    assert_eq!(
        ColumnRole::Target("2009/10".into()).words(),
        "Target 2009/10"
    );
    assert_eq!(ColumnRole::Actual(String::new()).words(), "Actual");
    assert_eq!(
        ColumnRole::Neighbours("2008/9".into()).words(),
        "Statistical neighbours 2008/9"
    );
    assert_eq!(ColumnRole::Ignore.words(), "Not read");
}

#[test]
fn a_table_reads_as_kpis_by_its_value_columns() {
    use waymark::core::grid::Grid;
    use waymark::core::paste::{reads_as_kpis, table_of_grid};
    let kpis = Grid::from_text(
        "Code\tIndicator\tActual 2008/9\tTarget 2009/10\nNI 947\tCare leavers\t81\t88\n",
    );
    assert!(reads_as_kpis(&kpis, &table_of_grid(&kpis), true, Some(0)));
    let one = Grid::from_text("Indicator\tTarget 2009/10\nCare leavers\t88\n");
    assert!(reads_as_kpis(&one, &table_of_grid(&one), false, None));
    assert!(!reads_as_kpis(&one, &table_of_grid(&one), true, Some(0)));
    let actions =
        Grid::from_text("Activity\tLead(s)\n8.1 Offer an adviser\tLeaving Care Manager\n");
    assert!(!reads_as_kpis(
        &actions,
        &table_of_grid(&actions),
        true,
        Some(0)
    ));
}

#[test]
fn an_action_table_with_dates_and_figures_in_a_row_is_not_read_as_kpis() {
    use waymark::core::action_paste::read_table;
    use waymark::core::grid::Grid;
    use waymark::core::paste::{kpi_header_row, reads_as_kpis, table_of_grid};
    // The sixty-action fixture's table 2: a data row has "March 2027" in two
    // columns, which the KPI reader takes for a header of 2027 values.
    let g = Grid::from_text(concat!(
        "Activity\tTime-line\tLead(s)\tRisk\tProgress\n",
        "2.1 Map early help offers\tSept 2026\tHead of EYS\tNone\tStarted\n",
        "2.3 Fund the family hubs\tMarch 2027\tAD Universal\tFunding not confirmed beyond March 2027\tProject group met 14.09.26; terms of reference agreed.\n",
        "2.4 Train the workforce\tQ1 2027\tHead of HR\tNone\tNot started\n",
    ));
    let actions = read_table(&g);
    let header = actions.header_rows.first().map(|n| n - 1);
    assert_eq!(header, Some(0));
    // Whatever the KPI reader makes of it, the action header comes first.
    if let Some(k) = kpi_header_row(&g) {
        assert!(k > 0);
    }
    assert!(!reads_as_kpis(&g, &table_of_grid(&g), true, header));
}
