//! A KPI in words (`core::kpi`): its one name, its values as the period grid types
//! them and as the list shows them, and the summary a KPI list row and the
//! dashboard are drawn from.

use waymark::core::draft::{target_text, value_text};
use waymark::core::example::example_plan;
use waymark::core::kpi::{
    direction_words, kpi_name, kpi_name_cut, target_words, trend, Direction, KpiSummary,
};
use waymark::core::model::{Id, Kpi, PeriodValues, Polarity, Rag};
use waymark::core::value::{parse_target, parse_value, Relation, Target, Value};

fn named(code: &str, title: &str) -> Kpi {
    Kpi {
        code: code.into(),
        title: title.into(),
        ..Kpi::default()
    }
}

#[test]
fn a_kpi_is_named_by_code_and_title_or_by_what_it_has() {
    assert_eq!(
        kpi_name(&named("NI 72", "% pupils achieving")),
        "NI 72: % pupils achieving"
    );
    assert_eq!(kpi_name(&named("", "Local indicator")), "Local indicator");
    assert_eq!(
        kpi_name(&named("  ", "Local indicator ")),
        "Local indicator"
    );
    assert_eq!(kpi_name(&named("NI 72", "  ")), "NI 72");
    assert_eq!(kpi_name(&named(" ", "")), "KPI (untitled)");
    // Spaces around and line breaks inside do not show.
    assert_eq!(
        kpi_name(&named(" NI 72 ", " Pupils\nachieving ")),
        "NI 72: Pupils achieving"
    );
}

#[test]
fn a_cut_name_shortens_only_a_long_title() {
    let long = "Achievement of at least 78 points across the Early Years Foundation Stage";
    let k = named("NI 72", long);
    let cut = kpi_name_cut(&k, 30);
    assert_eq!(cut, "NI 72: Achievement of at least 78…");
    assert!(kpi_name(&k).starts_with(cut.trim_end_matches('…')));
    assert_eq!(kpi_name_cut(&named("NI 72", "Short"), 30), "NI 72: Short");
    assert_eq!(kpi_name_cut(&named("", long), 20), "Achievement of at…");
    assert_eq!(kpi_name_cut(&named("", ""), 20), "KPI (untitled)");
}

#[test]
fn the_example_plans_ni_72_has_one_name() {
    let plan = example_plan().plan;
    let k = plan.kpis.iter().find(|k| k.code == "NI 72").unwrap();
    assert_eq!(
        kpi_name(k),
        "NI 72: % pupils achieving at least 78 points across Early Years Foundation Stage"
    );
    assert_eq!(KpiSummary::of(k).name, kpi_name(k));
}

#[test]
fn direction_words_count_runs_longer_than_one() {
    assert_eq!(
        direction_words(Direction::Improving, 2),
        "Improving for 2 periods"
    );
    assert_eq!(direction_words(Direction::Worsening, 1), "Worsening");
    assert_eq!(direction_words(Direction::NoChange, 0), "No change");
    assert_eq!(direction_words(Direction::NotComparable, 5), "No trend yet");
}

#[test]
fn directions_read_back_from_their_keys() {
    for d in Direction::ALL {
        assert_eq!(Direction::from_key(d.key()), Some(d));
        assert_eq!(Direction::from_key(&format!(" {} ", d.key())), Some(d));
    }
    assert_eq!(Direction::from_key("up"), None);
    assert_eq!(Direction::from_key(""), None);
}

#[test]
fn target_words_use_the_kpis_decimals_and_the_note() {
    let t = |value: f64, note: Option<&str>| Target::Value {
        value,
        note: note.map(str::to_string),
    };
    assert_eq!(target_words(&t(54.0, None), 1), "54");
    assert_eq!(target_words(&t(54.26, None), 1), "54.3");
    assert_eq!(target_words(&t(2170.0, None), 0), "2,170");
    assert_eq!(target_words(&t(54.0, Some("stretch")), 1), "54 (stretch)");
    assert_eq!(target_words(&t(54.0, Some("  ")), 1), "54");
    let rel = Target::Relative {
        relation: Relation::InLineWithNational,
        text: "In line with national".into(),
    };
    assert_eq!(target_words(&rel, 1), "In line with national");
}

#[test]
fn grid_text_reads_back_the_same_value() {
    let cases = [
        "53.7",
        "53.7 (p)",
        "12 (23.1%)",
        "Not yet available",
        "54 (estimate)",
        "-3",
        "0",
    ];
    for text in cases {
        let v = parse_value(text).unwrap();
        assert_eq!(value_text(v.as_ref()), text, "{text}");
        let again = parse_value(&value_text(v.as_ref())).unwrap();
        assert_eq!(again, v, "{text}");
    }
    assert_eq!(value_text(None), "");
    let na = Value {
        value: None,
        ..Value::default()
    };
    assert_eq!(value_text(Some(&na)), "Not available");
}

#[test]
fn grid_target_text_reads_back_the_same_target() {
    for text in ["54", "54.5", "In line with national", "Lower than national"] {
        let t = parse_target(text);
        assert_eq!(target_text(t.as_ref()), text, "{text}");
        assert_eq!(parse_target(&target_text(t.as_ref())), t, "{text}");
    }
    assert_eq!(target_text(None), "");
}

fn period(label: &str, actual: Option<Value>, target: Option<f64>) -> PeriodValues {
    PeriodValues {
        period: label.into(),
        actual,
        target: target.map(|value| Target::Value { value, note: None }),
        ..PeriodValues::default()
    }
}

fn provisional(v: f64) -> Value {
    Value {
        provisional: true,
        ..Value::number(v)
    }
}

#[test]
fn the_summary_of_the_example_plans_ni_72() {
    let plan = example_plan().plan;
    let k = plan.kpis.iter().find(|k| k.code == "NI 72").unwrap();
    let s = KpiSummary::of(k);
    assert_eq!(s.id, Id::new("k-ni72"));
    assert_eq!(s.code_cell, "NI 72");
    assert_eq!(s.latest, "53.7 (provisional)");
    assert_eq!(s.latest_value, Some(53.7));
    assert_eq!(s.latest_period.as_deref(), Some("2009/10"));
    assert!(s.latest_provisional);
    assert_eq!(s.target.as_deref(), Some("54"));
    assert_eq!(s.target_value, Some(54.0));
    assert_eq!(s.rag, Rag::Amber);
    assert!(s
        .rating
        .starts_with("Amber: 53.7 (provisional) against a target of 54"));
    assert_eq!(s.direction, Direction::Improving);
    assert_eq!(s.run_length, 2);
    assert_eq!(s.direction_words, "Improving for 2 periods");
    assert_eq!(s.trend, trend(k, 3).explanation);
    assert_eq!(
        s.actuals_words,
        "Actuals of NI 72: 2007/8 48.8, 2008/9 52.9, 2009/10 53.7 (provisional)"
    );
    assert_eq!(s.spark.len(), k.series.len());
    assert_eq!(s.spark[2], (Some(53.7), true));
    assert!(s
        .summary
        .starts_with("Improving for 2 periods; latest 53.7 (provisional)"));
}

#[test]
fn the_summary_says_when_there_is_no_actual() {
    let mut k = Kpi {
        code: "".into(),
        title: "Local indicator".into(),
        polarity: Polarity::HigherIsBetter,
        decimals: 1,
        ..Kpi::default()
    };
    let s = KpiSummary::of(&k);
    assert_eq!(s.code_cell, "Local indicator");
    assert_eq!(s.latest, "No data");
    assert_eq!(s.latest_period, None);
    assert_eq!(s.target, None);
    assert_eq!(s.rag, Rag::NotRated);
    assert_eq!(s.rating, "Not rated: no values yet.");
    assert_eq!(s.direction, Direction::NotComparable);
    assert_eq!(s.actuals_words, "Local indicator: no actuals yet");

    // A later actual recorded as not available is said with its period.
    let na = Value {
        value: None,
        label: Some("Not yet available".into()),
        ..Value::default()
    };
    k.series = vec![
        period("2008/9", Some(Value::number(5.0)), Some(6.0)),
        period("2009/10", Some(na), Some(6.0)),
    ];
    let s = KpiSummary::of(&k);
    assert_eq!(s.latest, "5.0");
    assert_eq!(s.latest_period.as_deref(), Some("2008/9"));
    k.series.remove(0);
    let s = KpiSummary::of(&k);
    assert_eq!(s.latest, "Not yet available (2009/10)");
    assert_eq!(s.latest_value, None);
    assert!(!s.latest_provisional);
}

#[test]
fn the_summary_keeps_provisional_and_missing_points_for_the_sparkline() {
    let k = Kpi {
        code: "T".into(),
        polarity: Polarity::HigherIsBetter,
        series: vec![
            period("1", Some(Value::number(1.0)), None),
            period("2", None, None),
            period("3", Some(provisional(3.0)), None),
            period("4", Some(Value::number(f64::NAN)), None),
        ],
        ..Kpi::default()
    };
    let s = KpiSummary::of(&k);
    assert_eq!(
        s.spark,
        vec![
            (Some(1.0), false),
            (None, false),
            (Some(3.0), true),
            (None, false)
        ]
    );
    assert_eq!(s.actuals_words, "Actuals of T: 1 1, 3 3 (provisional)");
}
