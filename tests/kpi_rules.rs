//! The KPI rules, case by case: RAG in every polarity and tolerance, each kind of
//! relative target, the not-rated cases, direction of travel and the summary; then
//! property tests, and the shipped example plan.

use proptest::prelude::*;
use waymark::core::example::example_plan;
use waymark::core::kpi::*;
use waymark::core::model::{Baseline, Kpi, PeriodValues, Polarity, Rag, Tolerance, Unit};
use waymark::core::value::{parse_target, Relation, Target, Value};

use Polarity::{CloserIsBetter as Closer, HigherIsBetter as Higher, LowerIsBetter as Lower};

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

fn kpi(polarity: Polarity, tolerance: Option<Tolerance>, series: Vec<PeriodValues>) -> Kpi {
    Kpi {
        code: "T 1".into(),
        title: "Test indicator".into(),
        polarity,
        tolerance,
        decimals: 1,
        series,
        ..Kpi::default()
    }
}

fn period(label: &str, actual: Option<Value>, target: Option<Target>) -> PeriodValues {
    PeriodValues {
        period: label.into(),
        actual,
        target,
        ..PeriodValues::default()
    }
}

/// Rates one period "2009/10" with a numeric actual and target.
fn rate(polarity: Polarity, tolerance: Option<Tolerance>, actual: f64, target: f64) -> Rating {
    let k = kpi(
        polarity,
        tolerance,
        vec![period(
            "2009/10",
            Some(Value::number(actual)),
            Some(Target::value(target)),
        )],
    );
    rate_period(&k, 0)
}

fn rag(polarity: Polarity, tolerance: Option<Tolerance>, actual: f64, target: f64) -> Rag {
    rate(polarity, tolerance, actual, target).rag
}

fn relative(relation: Relation, text: &str) -> Option<Target> {
    Some(Target::Relative {
        relation,
        text: text.into(),
    })
}

/// One period with an actual, a national average and a relative target.
fn against_national(
    polarity: Polarity,
    actual: f64,
    na: Option<Value>,
    t: Option<Target>,
) -> Rating {
    let mut p = period("2009/10", Some(Value::number(actual)), t);
    p.national = na;
    rate_period(&kpi(polarity, None, vec![p]), 0)
}

fn in_line_national() -> Option<Target> {
    relative(Relation::InLineWithNational, "In line with national")
}

// ---------------------------------------------------------------------------
// Higher is better
// ---------------------------------------------------------------------------

#[test]
fn higher_on_target_is_green() {
    let r = rate(Higher, None, 54.0, 54.0);
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(
        r.explanation,
        "Green: 54 against a target of 54 (higher is better); on target."
    );
    assert_eq!(r.compared_with, Some(54.0));
    assert_eq!(r.distance, Some(0.0));
    assert_eq!(r.period, "2009/10");
    assert!(!r.provisional);
}

#[test]
fn higher_above_target_is_green_with_the_margin() {
    let r = rate(Higher, None, 55.1, 54.0);
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(
        r.explanation,
        "Green: 55.1 against a target of 54 (higher is better); better than target by 1.1."
    );
    assert!(r.distance.unwrap() > 0.0);
}

#[test]
fn higher_just_below_target_is_amber() {
    let r = rate(Higher, None, 53.9, 54.0);
    assert_eq!(r.rag, Rag::Amber);
    assert_eq!(
        r.explanation,
        "Amber: 53.9 against a target of 54 (higher is better); amber down to 51.3."
    );
    assert!((r.amber_limit.unwrap() - 51.3).abs() < 1e-9);
    assert!(r.distance.unwrap() < 0.0);
}

#[test]
fn higher_exactly_at_the_amber_limit_is_amber() {
    // 5 % of 54 is 2.7: amber down to 51.3 inclusive.
    assert_eq!(rag(Higher, None, 51.3, 54.0), Rag::Amber);
}

#[test]
fn higher_just_beyond_the_amber_limit_is_red() {
    let r = rate(Higher, None, 51.29, 54.0);
    assert_eq!(r.rag, Rag::Red);
    assert_eq!(
        r.explanation,
        "Red: 51.3 against a target of 54 (higher is better); amber down to 51.3."
    );
}

// ---------------------------------------------------------------------------
// Lower is better
// ---------------------------------------------------------------------------

#[test]
fn lower_red_explanation_in_the_house_style() {
    let r = rate(Lower, None, 33.9, 30.0);
    assert_eq!(r.rag, Rag::Red);
    assert_eq!(
        r.explanation,
        "Red: 33.9 against a target of 30 (lower is better); amber up to 31.5."
    );
    assert_eq!(r.amber_limit, Some(31.5));
    // Positive distance is better than target: this is 3.9 worse.
    assert!((r.distance.unwrap() + 3.9).abs() < 1e-9);
}

#[test]
fn lower_on_and_below_target_are_green() {
    assert_eq!(rag(Lower, None, 30.0, 30.0), Rag::Green);
    let r = rate(Lower, None, 29.0, 30.0);
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(
        r.explanation,
        "Green: 29 against a target of 30 (lower is better); better than target by 1."
    );
}

#[test]
fn lower_amber_limit_is_inclusive_and_just_beyond_is_red() {
    assert_eq!(rag(Lower, None, 30.1, 30.0), Rag::Amber);
    assert_eq!(rag(Lower, None, 31.5, 30.0), Rag::Amber);
    assert_eq!(rag(Lower, None, 31.51, 30.0), Rag::Red);
}

#[test]
fn tolerance_limit_takes_one_more_decimal_when_needed() {
    // 5 % of 33 is 1.65: amber up to 34.65, shown exactly.
    let r = rate(Lower, None, 33.9, 33.0);
    assert_eq!(r.rag, Rag::Amber);
    assert!(
        r.explanation.ends_with("amber up to 34.65."),
        "{}",
        r.explanation
    );
    assert_eq!(rag(Lower, None, 34.65, 33.0), Rag::Amber);
    assert_eq!(rag(Lower, None, 34.66, 33.0), Rag::Red);
}

// ---------------------------------------------------------------------------
// Closest to target is best (a band)
// ---------------------------------------------------------------------------

#[test]
fn closer_is_a_band_of_one_then_two_tolerances() {
    // Target 100, default tolerance 5: green 95–105, amber 90–110.
    for (actual, expected) in [
        (100.0, Rag::Green),
        (104.0, Rag::Green),
        (105.0, Rag::Green),
        (95.0, Rag::Green),
        (105.1, Rag::Amber),
        (94.9, Rag::Amber),
        (110.0, Rag::Amber),
        (90.0, Rag::Amber),
        (110.1, Rag::Red),
        (89.9, Rag::Red),
    ] {
        assert_eq!(
            rag(Closer, None, actual, 100.0),
            expected,
            "actual {actual}"
        );
    }
    let r = rate(Closer, None, 107.0, 100.0);
    assert_eq!(
        r.explanation,
        "Amber: 107 against a target of 100 (closest to target is best); green from 95 to 105, amber from 90 to 110."
    );
    assert_eq!(r.amber_limit, Some(110.0));
    assert_eq!(r.distance, Some(-7.0));
    assert_eq!(rate(Closer, None, 93.0, 100.0).amber_limit, Some(90.0));
}

#[test]
fn closer_with_a_zero_target_has_no_band() {
    assert_eq!(rag(Closer, None, 0.0, 0.0), Rag::Green);
    let r = rate(Closer, None, 0.1, 0.0);
    assert_eq!(r.rag, Rag::Red);
    assert!(
        r.explanation.ends_with("no tolerance for amber."),
        "{}",
        r.explanation
    );
}

// ---------------------------------------------------------------------------
// Neither
// ---------------------------------------------------------------------------

#[test]
fn neither_is_not_rated() {
    let r = rate(Polarity::Neither, None, 54.0, 54.0);
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(
        r.explanation,
        "Not rated: neither higher nor lower is better."
    );
    assert_eq!(r.actual, Some(54.0));
    assert_eq!(r.compared_with, None);
}

#[test]
fn neither_is_said_before_a_missing_actual() {
    let k = kpi(Polarity::Neither, None, vec![period("2009/10", None, None)]);
    assert_eq!(
        rate_period(&k, 0).explanation,
        "Not rated: neither higher nor lower is better."
    );
}

// ---------------------------------------------------------------------------
// Tolerances
// ---------------------------------------------------------------------------

#[test]
fn absolute_tolerance_is_in_the_kpis_unit() {
    let t = Some(Tolerance::Absolute(2.0));
    assert_eq!(rag(Higher, t, 50.0, 50.0), Rag::Green);
    assert_eq!(rag(Higher, t, 48.0, 50.0), Rag::Amber);
    assert_eq!(rag(Higher, t, 47.9, 50.0), Rag::Red);
    assert_eq!(rag(Lower, t, 52.0, 50.0), Rag::Amber);
    assert_eq!(rag(Lower, t, 52.1, 50.0), Rag::Red);
    assert!(rate(Higher, t, 47.0, 50.0)
        .explanation
        .ends_with("amber down to 48."));
    // A negative tolerance counts as its size.
    assert_eq!(
        rag(Higher, Some(Tolerance::Absolute(-2.0)), 48.0, 50.0),
        Rag::Amber
    );
}

#[test]
fn percent_tolerance_is_of_the_target() {
    let t = Some(Tolerance::Percent(10.0));
    assert_eq!(rag(Higher, t, 45.0, 50.0), Rag::Amber);
    assert_eq!(rag(Higher, t, 44.9, 50.0), Rag::Red);
    assert_eq!(rag(Lower, t, 55.0, 50.0), Rag::Amber);
    assert_eq!(rag(Lower, t, 55.1, 50.0), Rag::Red);
    // The same with the default of 5 %.
    assert_eq!(rag(Higher, None, 47.5, 50.0), Rag::Amber);
    assert_eq!(rag(Higher, None, 47.4, 50.0), Rag::Red);
    assert_eq!(
        rag(Higher, Some(Tolerance::Percent(5.0)), 47.4, 50.0),
        Rag::Red
    );
}

#[test]
fn zero_tolerance_leaves_no_amber() {
    let t = Some(Tolerance::Absolute(0.0));
    assert_eq!(rag(Higher, t, 50.0, 50.0), Rag::Green);
    let r = rate(Higher, t, 49.9, 50.0);
    assert_eq!(r.rag, Rag::Red);
    assert_eq!(
        r.explanation,
        "Red: 49.9 against a target of 50 (higher is better); no tolerance for amber."
    );
}

#[test]
fn a_target_of_zero_has_zero_default_tolerance() {
    assert_eq!(rag(Lower, None, 0.0, 0.0), Rag::Green);
    assert_eq!(rag(Lower, None, 0.01, 0.0), Rag::Red);
    assert_eq!(rag(Higher, None, -0.01, 0.0), Rag::Red);
    // An absolute tolerance still applies at zero.
    assert_eq!(
        rag(Lower, Some(Tolerance::Absolute(1.0)), 1.0, 0.0),
        Rag::Amber
    );
}

#[test]
fn negative_targets_use_the_size_of_the_target() {
    // Target -10 (e.g. a fall of 10): 5 % of 10 is 0.5.
    assert_eq!(rag(Lower, None, -10.0, -10.0), Rag::Green);
    assert_eq!(rag(Lower, None, -9.5, -10.0), Rag::Amber);
    assert_eq!(rag(Lower, None, -9.4, -10.0), Rag::Red);
}

// ---------------------------------------------------------------------------
// Figures in explanations
// ---------------------------------------------------------------------------

#[test]
fn figures_use_the_kpis_decimals_without_trailing_zeros_or_units() {
    let mut k = kpi(
        Higher,
        None,
        vec![period(
            "2008/9",
            Some(Value::number(2170.456)),
            Some(Target::value(2007.0)),
        )],
    );
    k.decimals = 2;
    k.unit = Unit::Number;
    assert_eq!(
        rate_period(&k, 0).explanation,
        "Green: 2,170.46 against a target of 2,007 (higher is better); better than target by 163.46."
    );
    // A percentage KPI shows no "%" either: the unit is shown with the title.
    k.unit = Unit::Percent;
    assert!(!rate_period(&k, 0).explanation.contains('%'));
    k.decimals = 0;
    assert!(rate_period(&k, 0)
        .explanation
        .starts_with("Green: 2,170 against"));
}

// ---------------------------------------------------------------------------
// Provisional, missing and not available
// ---------------------------------------------------------------------------

#[test]
fn provisional_actual_is_rated_and_marked() {
    let k = kpi(
        Higher,
        None,
        vec![period(
            "2009/10",
            Some(Value::provisional(53.7)),
            Some(Target::value(54.0)),
        )],
    );
    let r = rate_period(&k, 0);
    assert_eq!(r.rag, Rag::Amber);
    assert!(r.provisional);
    assert_eq!(
        r.explanation,
        "Amber: 53.7 (provisional) against a target of 54 (higher is better); amber down to 51.3."
    );
}

#[test]
fn no_actual_is_not_rated() {
    let k = kpi(
        Higher,
        None,
        vec![period("2009/10", None, Some(Target::value(54.0)))],
    );
    let r = rate_period(&k, 0);
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(r.explanation, "Not rated: no actual for 2009/10.");
    assert_eq!(r.actual, None);
}

#[test]
fn not_available_actual_is_not_rated_in_its_own_words() {
    for (label, words) in [
        ("Not yet available", "is not yet available"),
        ("Not available", "is not available"),
        ("N/A", "is not available"),
        ("TBA", "is not available (TBA)"),
        ("New", "is not available (New)"),
    ] {
        let k = kpi(
            Higher,
            None,
            vec![period(
                "2009/10",
                Some(Value::not_available(label)),
                Some(Target::value(54.0)),
            )],
        );
        let r = rate_period(&k, 0);
        assert_eq!(r.rag, Rag::NotRated);
        assert_eq!(
            r.explanation,
            format!("Not rated: the 2009/10 actual {words}.")
        );
        assert!(!r.provisional);
    }
}

#[test]
fn no_target_is_not_rated() {
    let k = kpi(
        Higher,
        None,
        vec![period("2009/10", Some(Value::number(5.0)), None)],
    );
    let r = rate_period(&k, 0);
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(r.explanation, "Not rated: no target for 2009/10.");
    assert_eq!(r.actual, Some(5.0));
}

#[test]
fn text_target_is_not_rated() {
    let k = kpi(
        Higher,
        None,
        vec![period(
            "2009/10",
            Some(Value::number(5.0)),
            parse_target("Maintain"),
        )],
    );
    let r = rate_period(&k, 0);
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(
        r.explanation,
        "Not rated: the target 'Maintain' is not a number."
    );
}

#[test]
fn a_period_out_of_range_is_not_rated() {
    let k = kpi(Higher, None, vec![]);
    let r = rate_period(&k, 3);
    assert_eq!(r.rag, Rag::NotRated);
    assert!(r.explanation.starts_with("Not rated: "));
}

// ---------------------------------------------------------------------------
// Relative targets: in line with national / neighbours
// ---------------------------------------------------------------------------

#[test]
fn in_line_with_national_higher_is_better() {
    // NA 50: tolerance 2.5; green down to 47.5, amber down to 45.
    let na = || Some(Value::number(50.0));
    for (actual, expected) in [
        (55.0, Rag::Green), // better than national is green too
        (50.0, Rag::Green),
        (47.5, Rag::Green),
        (47.4, Rag::Amber),
        (45.0, Rag::Amber),
        (44.9, Rag::Red),
    ] {
        assert_eq!(
            against_national(Higher, actual, na(), in_line_national()).rag,
            expected,
            "actual {actual}"
        );
    }
    let r = against_national(Higher, 46.0, na(), in_line_national());
    assert_eq!(
        r.explanation,
        "Amber: 46 against a national average of 50 (target 'In line with national'; higher is better); green down to 47.5, amber down to 45."
    );
    assert_eq!(r.compared_with, Some(50.0));
    assert_eq!(r.amber_limit, Some(45.0));
}

#[test]
fn in_line_with_national_lower_is_better() {
    // NA 22.4: tolerance 1.12; green up to 23.52, amber up to 24.64.
    let na = || Some(Value::number(22.4));
    for (actual, expected) in [
        (20.0, Rag::Green),
        (22.4, Rag::Green),
        (23.52, Rag::Green),
        (23.53, Rag::Amber),
        (24.64, Rag::Amber),
        (24.65, Rag::Red),
    ] {
        assert_eq!(
            against_national(Lower, actual, na(), in_line_national()).rag,
            expected,
            "actual {actual}"
        );
    }
    assert!(against_national(Lower, 24.5, na(), in_line_national())
        .explanation
        .ends_with("green up to 23.52, amber up to 24.64."));
}

#[test]
fn in_line_with_national_closest_is_best_is_a_band() {
    let na = || Some(Value::number(50.0));
    assert_eq!(
        against_national(Closer, 52.5, na(), in_line_national()).rag,
        Rag::Green
    );
    assert_eq!(
        against_national(Closer, 55.0, na(), in_line_national()).rag,
        Rag::Amber
    );
    assert_eq!(
        against_national(Closer, 55.1, na(), in_line_national()).rag,
        Rag::Red
    );
    assert_eq!(
        against_national(Closer, 44.9, na(), in_line_national()).rag,
        Rag::Red
    );
}

#[test]
fn missing_national_average_is_not_rated_and_says_which() {
    let r = against_national(Higher, 50.0, None, in_line_national());
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(r.explanation, "Not rated: no national average for 2009/10.");
    let r = against_national(
        Higher,
        50.0,
        Some(Value::not_available("Not yet available")),
        in_line_national(),
    );
    assert_eq!(
        r.explanation,
        "Not rated: the national average for 2009/10 is not yet available."
    );
}

#[test]
fn in_line_with_neighbours_uses_sn() {
    let mut p = period(
        "2009/10",
        Some(Value::number(70.0)),
        relative(Relation::InLineWithNeighbours, "In line with SN"),
    );
    p.national = Some(Value::number(10.0)); // not used
    p.neighbours = Some(Value::number(74.0)); // tolerance 3.7: green down to 70.3
    let k = kpi(Higher, None, vec![p.clone()]);
    let r = rate_period(&k, 0);
    assert_eq!(r.rag, Rag::Amber);
    assert_eq!(r.compared_with, Some(74.0));
    assert!(r.explanation.starts_with(
        "Amber: 70 against a statistical neighbour average of 74 (target 'In line with SN'"
    ));
    p.neighbours = None;
    let r = rate_period(&kpi(Higher, None, vec![p.clone()]), 0);
    assert_eq!(
        r.explanation,
        "Not rated: no statistical neighbour average for 2009/10."
    );
    p.neighbours = Some(Value::not_available("Not available"));
    let r = rate_period(&kpi(Higher, None, vec![p]), 0);
    assert_eq!(
        r.explanation,
        "Not rated: the statistical neighbour average for 2009/10 is not available."
    );
}

// ---------------------------------------------------------------------------
// Relative targets: lower / higher than national
// ---------------------------------------------------------------------------

#[test]
fn lower_than_national_on_a_lower_is_better_kpi() {
    let t = || parse_target("Continue to be lower than national");
    let na = || Some(Value::number(5.26));
    let mut k = kpi(Lower, None, vec![]);
    k.decimals = 2;
    let rate_at = |k: &mut Kpi, actual: f64| {
        let mut p = period("2009/10", Some(Value::number(actual)), t());
        p.national = na();
        k.series = vec![p];
        rate_period(k, 0)
    };
    let r = rate_at(&mut k, 4.91);
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(
        r.explanation,
        "Green: 4.91 against a national average of 5.26 (target 'Continue to be lower than national'); lower than national."
    );
    // Equal is not lower: amber.
    let r = rate_at(&mut k, 5.26);
    assert_eq!(r.rag, Rag::Amber);
    assert_eq!(
        r.explanation,
        "Amber: 5.26 against a national average of 5.26 (target 'Continue to be lower than national'); equal to national, amber up to 5.523."
    );
    assert_eq!(rate_at(&mut k, 5.5).rag, Rag::Amber);
    assert_eq!(rate_at(&mut k, 5.523).rag, Rag::Amber);
    assert_eq!(rate_at(&mut k, 5.53).rag, Rag::Red);
}

#[test]
fn higher_than_national_mirrors() {
    let t = || relative(Relation::HigherThanNational, "Higher than national");
    let na = || Some(Value::number(50.0));
    assert_eq!(against_national(Higher, 50.1, na(), t()).rag, Rag::Green);
    assert_eq!(against_national(Higher, 50.0, na(), t()).rag, Rag::Amber);
    assert_eq!(against_national(Higher, 47.5, na(), t()).rag, Rag::Amber);
    assert_eq!(against_national(Higher, 47.4, na(), t()).rag, Rag::Red);
    assert!(against_national(Higher, 51.0, na(), t())
        .explanation
        .ends_with("; higher than national."));
}

#[test]
fn better_than_national_takes_the_kpis_direction() {
    // parse_target reads "better than national" as HigherThanNational; on a
    // lower-is-better KPI, better means lower.
    let t = || parse_target("Better than national");
    let na = || Some(Value::number(10.0));
    assert_eq!(against_national(Lower, 9.0, na(), t()).rag, Rag::Green);
    assert_eq!(against_national(Lower, 11.0, na(), t()).rag, Rag::Red);
    assert_eq!(against_national(Higher, 11.0, na(), t()).rag, Rag::Green);
}

#[test]
fn lower_than_national_with_national_missing() {
    let t = parse_target("Continue to be lower than national");
    let r = against_national(
        Lower,
        4.0,
        Some(Value::not_available("Not yet available")),
        t,
    );
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(
        r.explanation,
        "Not rated: the national average for 2009/10 is not yet available."
    );
}

// ---------------------------------------------------------------------------
// Relative targets: year on year
// ---------------------------------------------------------------------------

fn year_on_year(relation: Relation, text: &str, before: Vec<Option<Value>>, actual: f64) -> Rating {
    let labels = ["2006/7", "2007/8", "2008/9"];
    let skip = labels.len().saturating_sub(before.len());
    let mut series: Vec<PeriodValues> = before
        .into_iter()
        .zip(labels.into_iter().skip(skip))
        .map(|(v, l)| period(l, v, None))
        .collect();
    series.push(period(
        "2009/10",
        Some(Value::number(actual)),
        relative(relation, text),
    ));
    let mut k = kpi(Polarity::LowerIsBetter, None, series);
    k.decimals = 2;
    let last = k.series.len() - 1;
    rate_period(&k, last)
}

#[test]
fn year_on_year_reduction() {
    let red = Relation::YearOnYearReduction;
    let prev = || vec![Some(Value::number(4.91))];
    let r = year_on_year(red, "Year on year reduction", prev(), 4.5);
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(r.compared_with, Some(4.91));
    assert_eq!(
        r.explanation,
        "Green: 4.5 against 4.91 in 2008/9 (target 'Year on year reduction'); lower than in 2008/9."
    );
    // Equal is amber.
    let r = year_on_year(red, "Year on year reduction", prev(), 4.91);
    assert_eq!(r.rag, Rag::Amber);
    assert!(
        r.explanation
            .ends_with("no change on 2008/9, amber up to 5.155."),
        "{}",
        r.explanation
    );
    // Up by no more than 5 % of 4.91 (0.2455): amber; further: red.
    assert_eq!(year_on_year(red, "", prev(), 5.15).rag, Rag::Amber);
    assert_eq!(year_on_year(red, "", prev(), 5.16).rag, Rag::Red);
}

#[test]
fn year_on_year_increase() {
    let inc = Relation::YearOnYearIncrease;
    let prev = || vec![Some(Value::number(100.0))];
    assert_eq!(year_on_year(inc, "Increase", prev(), 101.0).rag, Rag::Green);
    assert_eq!(year_on_year(inc, "Increase", prev(), 100.0).rag, Rag::Amber);
    assert_eq!(year_on_year(inc, "Increase", prev(), 95.0).rag, Rag::Amber);
    assert_eq!(year_on_year(inc, "Increase", prev(), 94.9).rag, Rag::Red);
}

#[test]
fn year_on_year_compares_with_the_previous_available_actual() {
    let r = year_on_year(
        Relation::YearOnYearReduction,
        "Year on year reduction",
        vec![
            Some(Value::number(6.0)),
            Some(Value::number(5.0)),
            Some(Value::not_available("Not yet available")),
        ],
        4.9,
    );
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(r.compared_with, Some(5.0));
    assert!(
        r.explanation.contains("against 5 in 2007/8"),
        "{}",
        r.explanation
    );
}

#[test]
fn year_on_year_without_an_earlier_actual_is_not_rated() {
    let r = year_on_year(
        Relation::YearOnYearReduction,
        "Year on year reduction",
        vec![None, Some(Value::not_available("N/A"))],
        4.9,
    );
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(
        r.explanation,
        "Not rated: no earlier actual to compare 2009/10 with."
    );
}

// ---------------------------------------------------------------------------
// Relative targets: change against baseline
// ---------------------------------------------------------------------------

fn against_baseline(baseline: Baseline, actual: f64) -> Rating {
    let mut k = kpi(
        Lower,
        None,
        vec![period(
            "2009/10",
            Some(Value::number(actual)),
            parse_target("-16% against the 1998 baseline"),
        )],
    );
    k.baseline = baseline;
    rate_period(&k, 0)
}

fn baseline_1998() -> Baseline {
    Baseline {
        period: "1998".into(),
        value: Some(Value::number(100.0)),
    }
}

#[test]
fn change_against_baseline_becomes_a_numeric_target() {
    // Target 84; tolerance 5 % of 84 = 4.2; amber up to 88.2.
    let r = against_baseline(baseline_1998(), 80.0);
    assert_eq!(r.rag, Rag::Green);
    assert_eq!(r.compared_with, Some(84.0));
    assert_eq!(
        r.explanation,
        "Green: 80 against a target of 84 (-16% on the 1998 baseline of 100; lower is better); better than target by 4."
    );
    assert_eq!(against_baseline(baseline_1998(), 84.0).rag, Rag::Green);
    assert_eq!(against_baseline(baseline_1998(), 88.2).rag, Rag::Amber);
    assert_eq!(against_baseline(baseline_1998(), 88.3).rag, Rag::Red);
}

#[test]
fn change_against_baseline_needs_a_baseline() {
    let r = against_baseline(Baseline::default(), 80.0);
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(r.explanation, "Not rated: there is no baseline value.");
    let r = against_baseline(
        Baseline {
            period: "1998".into(),
            value: Some(Value::not_available("Not yet available")),
        },
        80.0,
    );
    assert_eq!(
        r.explanation,
        "Not rated: the baseline is not yet available."
    );
}

#[test]
fn change_against_baseline_falls_back_to_the_baseline_periods_actual() {
    let mut k = kpi(
        Higher,
        None,
        vec![
            period("2007/8", Some(Value::number(50.0)), None),
            period(
                "2009/10",
                Some(Value::number(55.0)),
                relative(
                    Relation::ChangeAgainstBaseline { percent: 10.0 },
                    "+10% on 2007/8",
                ),
            ),
        ],
    );
    k.baseline.period = "2007/8".into();
    let r = rate_period(&k, 1);
    assert_eq!(r.rag, Rag::Green);
    assert!((r.compared_with.unwrap() - 55.0).abs() < 1e-9);
}

// ---------------------------------------------------------------------------
// Latest rating
// ---------------------------------------------------------------------------

#[test]
fn latest_actual_index_skips_unavailable_and_blank() {
    let k = kpi(
        Higher,
        None,
        vec![
            period("2007/8", Some(Value::number(1.0)), None),
            period("2008/9", Some(Value::number(2.0)), None),
            period(
                "2009/10",
                Some(Value::not_available("Not yet available")),
                None,
            ),
            period("2010/11", None, Some(Target::value(3.0))),
        ],
    );
    assert_eq!(latest_actual_index(&k), Some(1));
    assert_eq!(latest_actual_index(&kpi(Higher, None, vec![])), None);
}

#[test]
fn latest_rating_rates_the_latest_actual() {
    let k = kpi(
        Higher,
        None,
        vec![
            period(
                "2008/9",
                Some(Value::number(40.0)),
                Some(Target::value(50.0)),
            ),
            period(
                "2009/10",
                Some(Value::number(52.0)),
                Some(Target::value(50.0)),
            ),
            period("2010/11", None, Some(Target::value(55.0))),
        ],
    );
    let r = latest_rating(&k).unwrap();
    assert_eq!((r.period.as_str(), r.rag), ("2009/10", Rag::Green));
}

#[test]
fn latest_rating_without_actuals_explains() {
    assert_eq!(latest_rating(&kpi(Higher, None, vec![])), None);
    let k = kpi(
        Higher,
        None,
        vec![
            period(
                "2009/10",
                Some(Value::not_available("Not yet available")),
                Some(Target::value(1.0)),
            ),
            period("2010/11", None, Some(Target::value(2.0))),
        ],
    );
    let r = latest_rating(&k).unwrap();
    assert_eq!(r.rag, Rag::NotRated);
    assert_eq!(
        r.explanation,
        "Not rated: the 2009/10 actual is not yet available."
    );
    let k = kpi(
        Higher,
        None,
        vec![period("2010/11", None, Some(Target::value(2.0)))],
    );
    assert_eq!(
        latest_rating(&k).unwrap().explanation,
        "Not rated: no actual for 2010/11."
    );
}

// ---------------------------------------------------------------------------
// Direction of travel
// ---------------------------------------------------------------------------

const PERIODS: [&str; 6] = ["2005/6", "2006/7", "2007/8", "2008/9", "2009/10", "2010/11"];

fn series_kpi(polarity: Polarity, values: &[Option<f64>]) -> Kpi {
    kpi(
        polarity,
        None,
        values
            .iter()
            .zip(PERIODS)
            .map(|(v, p)| period(p, v.map(Value::number), None))
            .collect(),
    )
}

#[test]
fn trend_improving_higher_is_better_in_the_house_style() {
    let mut k = series_kpi(Higher, &[Some(48.8), Some(52.9), None]);
    k.series[2].actual = Some(Value::provisional(53.7));
    k.baseline = Baseline {
        period: "2005/6".into(),
        value: Some(Value::number(48.8)),
    };
    let t = trend(&k, 3);
    assert_eq!(t.short, Direction::Improving);
    assert_eq!(t.long, Direction::Improving);
    assert_eq!(t.run_length, 2);
    assert_eq!(t.change_since_baseline, Some(4.9));
    assert_eq!(
        t.explanation,
        "Improving for 2 periods: 53.7 (provisional) in 2007/8, up from 52.9 in 2006/7."
    );
}

#[test]
fn trend_lower_is_better_falling_is_improving() {
    let k = series_kpi(Lower, &[Some(37.7), Some(32.5)]);
    let t = trend(&k, 3);
    assert_eq!(t.short, Direction::Improving);
    assert_eq!(t.run_length, 1);
    assert_eq!(
        t.explanation,
        "Improving: 32.5 in 2006/7, down from 37.7 in 2005/6."
    );
    let k = series_kpi(Lower, &[Some(32.5), Some(33.9)]);
    let t = trend(&k, 3);
    assert_eq!(t.short, Direction::Worsening);
    assert_eq!(
        t.explanation,
        "Worsening: 33.9 in 2006/7, up from 32.5 in 2005/6."
    );
}

#[test]
fn trend_no_change_counts_its_run() {
    let k = series_kpi(Higher, &[Some(1.0), Some(3.0), Some(3.0), Some(3.0)]);
    let t = trend(&k, 3);
    assert_eq!(t.short, Direction::NoChange);
    assert_eq!(t.run_length, 2);
    assert_eq!(
        t.explanation,
        "No change for 2 periods: 3 in 2008/9, the same as 3 in 2007/8."
    );
}

#[test]
fn trend_run_stops_at_a_change_of_direction() {
    let k = series_kpi(Higher, &[Some(1.0), Some(2.0), Some(3.0), Some(2.5)]);
    let t = trend(&k, 3);
    assert_eq!(t.short, Direction::Worsening);
    assert_eq!(t.run_length, 1);
    // Long: 2.5 against the mean of 1, 2, 3 = 2: improving.
    assert_eq!(t.long, Direction::Improving);
}

#[test]
fn long_trend_uses_up_to_n_earlier_values() {
    let k = series_kpi(Higher, &[Some(10.0), Some(20.0), Some(15.0)]);
    assert_eq!(trend(&k, 2).long, Direction::NoChange); // mean 15
    assert_eq!(trend(&k, 1).long, Direction::Worsening); // against 20
    assert_eq!(trend(&k, 10).long, Direction::NoChange);
    assert_eq!(trend(&k, 0).long, Direction::NotComparable);
}

#[test]
fn trend_skips_gaps_and_unavailable_values() {
    let mut k = series_kpi(Higher, &[Some(1.0), None, Some(2.0), None]);
    k.series[3].actual = Some(Value::not_available("Not yet available"));
    let t = trend(&k, 3);
    assert_eq!(t.short, Direction::Improving);
    assert_eq!(
        t.explanation,
        "Improving: 2 in 2007/8, up from 1 in 2005/6."
    );
}

#[test]
fn trend_with_too_few_values() {
    let t = trend(&series_kpi(Higher, &[Some(1.0)]), 3);
    assert_eq!(
        (t.short, t.long, t.run_length),
        (Direction::NotComparable, Direction::NotComparable, 0)
    );
    assert_eq!(t.explanation, "No trend yet: only one value.");
    let t = trend(&series_kpi(Higher, &[None, None]), 3);
    assert_eq!(t.explanation, "No trend yet: no values.");
    assert_eq!(t.change_since_baseline, None);
}

#[test]
fn trend_neither_is_not_comparable() {
    let t = trend(&series_kpi(Polarity::Neither, &[Some(1.0), Some(2.0)]), 3);
    assert_eq!(t.short, Direction::NotComparable);
    assert_eq!(t.run_length, 0);
    assert!(t
        .explanation
        .starts_with("No trend: neither higher nor lower is better"));
}

#[test]
fn trend_closest_is_best_measures_distance_to_the_target() {
    let mut k = series_kpi(Closer, &[Some(40.0), Some(58.0), Some(52.0)]);
    k.series[2].target = Some(Target::value(54.0));
    let t = trend(&k, 3);
    // |58 − 54| = 4, |52 − 54| = 2: closer.
    assert_eq!(t.short, Direction::Improving);
    assert_eq!(
        t.explanation,
        "Improving for 2 periods: 52 in 2007/8, down from 58 in 2006/7 (closer to the target of 54)."
    );
    // 40 → 58: 14 away → 4 away, improving too.
    assert_eq!(t.run_length, 2);
    let k2 = series_kpi(Closer, &[Some(40.0), Some(58.0)]);
    let t2 = trend(&k2, 3);
    assert_eq!(t2.short, Direction::NotComparable);
    assert!(t2.explanation.contains("no numeric target"));
}

#[test]
fn change_since_baseline_needs_both() {
    let mut k = series_kpi(Higher, &[Some(3.0), Some(5.0)]);
    assert_eq!(trend(&k, 3).change_since_baseline, None);
    k.baseline.value = Some(Value::number(4.0));
    assert_eq!(trend(&k, 3).change_since_baseline, Some(1.0));
    k.baseline.value = Some(Value::not_available("N/A"));
    assert_eq!(trend(&k, 3).change_since_baseline, None);
}

#[test]
fn direction_words_and_arrows() {
    assert_eq!(Direction::Improving.arrow(), "↑");
    assert_eq!(Direction::Worsening.label(), "Worsening");
    assert_eq!(Direction::NoChange.key(), "no_change");
    assert_eq!(Direction::NotComparable.label(), "No trend yet");
}

// ---------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------

#[test]
fn summary_with_and_without_target_and_data() {
    let mut k = series_kpi(Higher, &[Some(52.9), None]);
    k.series[1].actual = Some(Value::provisional(53.7));
    k.series[1].target = Some(Target::value(54.0));
    assert_eq!(
        summary(&k),
        "Improving; latest 53.7 (provisional) in 2006/7 against target 54 (amber)"
    );
    let k = series_kpi(Higher, &[Some(1.0)]);
    assert_eq!(
        summary(&k),
        "No trend yet; latest 1 in 2005/6, no target for 2005/6"
    );
    let mut k = series_kpi(Higher, &[None, None]);
    k.series[1].target = Some(Target::value(54.0));
    k.series[0].actual = Some(Value::not_available("Not yet available"));
    assert_eq!(
        summary(&k),
        "No trend yet; no actual yet; target 54 for 2006/7; the 2005/6 actual is not yet available"
    );
    assert_eq!(
        summary(&kpi(Higher, None, vec![])),
        "No trend yet; no actual yet"
    );
    let mut k = series_kpi(Higher, &[Some(1.0), Some(2.0)]);
    k.series[1].target = parse_target("Maintain");
    assert_eq!(
        summary(&k),
        "Improving; latest 2 in 2006/7 against target 'Maintain' (not rated)"
    );
    let k = series_kpi(Polarity::Neither, &[Some(1.0), Some(2.0)]);
    assert!(summary(&k).starts_with("No trend (neither higher nor lower is better); latest 2"));
}

// ---------------------------------------------------------------------------
// The shipped example plan
// ---------------------------------------------------------------------------

fn example_kpi(id: &str) -> Kpi {
    let plan = example_plan().plan;
    plan.kpis
        .into_iter()
        .find(|k| k.id.as_str() == id)
        .unwrap_or_else(|| panic!("no KPI {id} in the example plan"))
}

fn rating_of(k: &Kpi, period: &str) -> Rating {
    let i = k
        .series
        .iter()
        .position(|p| p.period == period)
        .expect("period");
    rate_period(k, i)
}

#[test]
fn example_ni72_is_amber_and_improving() {
    let k = example_kpi("k-ni72");
    let r = rating_of(&k, "2009/10");
    assert_eq!(r.rag, Rag::Amber);
    assert!(r.provisional);
    assert_eq!(
        r.explanation,
        "Amber: 53.7 (provisional) against a target of 54 (higher is better); amber down to 51.3."
    );
    assert_eq!(latest_rating(&k).unwrap(), r);
    let t = trend(&k, 3);
    assert_eq!(
        t.explanation,
        "Improving for 2 periods: 53.7 (provisional) in 2009/10, up from 52.9 in 2008/9."
    );
    assert_eq!(t.change_since_baseline, Some(4.9));
    assert_eq!(
        summary(&k),
        "Improving for 2 periods; latest 53.7 (provisional) in 2009/10 against target 54 (amber)"
    );
}

#[test]
fn example_ratings_of_2009_10() {
    for (id, rag, explanation) in [
        (
            "k-ni92",
            Rag::Amber,
            "Amber: 33.9 (provisional) against a target of 33 (lower is better); amber up to 34.65.",
        ),
        (
            "k-ni73",
            Rag::Red,
            "Red: 70.1 (provisional) against a target of 75 (higher is better); amber down to 71.25.",
        ),
        (
            "k-ni76",
            Rag::Red,
            "Red: 21 (provisional) against a target of 13 (lower is better); amber up to 13.65.",
        ),
        (
            "k-cypp-progression-english-ks2-ks4",
            Rag::Green,
            "Green: 68 (provisional) against a target of 58.5 (higher is better); better than target by 9.5.",
        ),
        (
            "k-ni102i",
            Rag::NotRated,
            "Not rated: the national average for 2009/10 is not yet available.",
        ),
        (
            "k-ni108iv",
            Rag::NotRated,
            "Not rated: no national average for 2009/10.",
        ),
        (
            "k-ni99",
            Rag::NotRated,
            "Not rated: the 2009/10 actual is not yet available.",
        ),
        (
            "k-cypp-special-persistent-absence",
            Rag::NotRated,
            "Not rated: the 2009/10 actual is not available (TBA).",
        ),
        (
            "k-cypp-healthy-schools-status",
            Rag::Red,
            "Red: 80 against a target of 85 (higher is better); amber down to 80.8.",
        ),
    ] {
        let r = rating_of(&example_kpi(id), "2009/10");
        assert_eq!((r.rag, r.explanation.as_str()), (rag, explanation), "{id}");
    }
}

#[test]
fn example_plan_every_kpi_rates_and_summarises() {
    let plan = example_plan().plan;
    for k in &plan.kpis {
        for i in 0..k.series.len() {
            let r = rate_period(k, i);
            assert!(!r.explanation.is_empty());
            assert!(r.explanation.ends_with('.'), "{}", r.explanation);
            assert_ne!(r.rag, Rag::Blue);
            if r.rag == Rag::NotRated {
                assert!(
                    r.explanation.starts_with("Not rated: "),
                    "{}",
                    r.explanation
                );
            }
        }
        assert!(latest_rating(k).is_some());
        assert!(!trend(k, 3).explanation.is_empty());
        assert!(!summary(k).is_empty());
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/// Figures in quarters, so mirroring (2t − a) is exact.
fn quarter() -> impl Strategy<Value = f64> {
    (-4000i32..4000).prop_map(|q| f64::from(q) / 4.0)
}

fn tolerance() -> impl Strategy<Value = Option<Tolerance>> {
    prop_oneof![
        Just(None),
        (0i32..40).prop_map(|q| Some(Tolerance::Absolute(f64::from(q) / 4.0))),
        (0i32..40).prop_map(|p| Some(Tolerance::Percent(f64::from(p)))),
    ]
}

fn severity_rank(r: Rag) -> u8 {
    match r {
        Rag::Red => 0,
        Rag::Amber => 1,
        Rag::Green => 2,
        _ => 99,
    }
}

proptest! {
    #[test]
    fn on_target_is_always_green(t in quarter(), tol in tolerance(),
                                 p in prop_oneof![Just(Higher), Just(Lower), Just(Closer)]) {
        prop_assert_eq!(rag(p, tol, t, t), Rag::Green);
    }

    #[test]
    fn swapping_polarity_with_the_actual_mirrored_mirrors(t in quarter(), a in quarter(), tol in tolerance()) {
        let mirrored = 2.0 * t - a;
        prop_assert_eq!(rag(Higher, tol, a, t), rag(Lower, tol, mirrored, t));
        prop_assert_eq!(rag(Lower, tol, a, t), rag(Higher, tol, mirrored, t));
    }

    #[test]
    fn closest_is_best_is_symmetric(t in quarter(), d in 0i32..400, tol in tolerance()) {
        let d = f64::from(d) / 4.0;
        prop_assert_eq!(rag(Closer, tol, t + d, t), rag(Closer, tol, t - d, t));
    }

    #[test]
    fn better_actual_never_rates_worse(t in quarter(), a in quarter(), step in 0i32..100, tol in tolerance()) {
        let b = a + f64::from(step) / 4.0;
        prop_assert!(severity_rank(rag(Higher, tol, b, t)) >= severity_rank(rag(Higher, tol, a, t)));
        prop_assert!(severity_rank(rag(Lower, tol, a, t)) >= severity_rank(rag(Lower, tol, b, t)));
    }

    #[test]
    fn rating_agrees_with_distance_and_limit(t in quarter(), a in quarter(), tol in tolerance(),
                                             p in prop_oneof![Just(Higher), Just(Lower)]) {
        let r = rate(p, tol, a, t);
        let dist = r.distance.unwrap();
        match r.rag {
            Rag::Green => prop_assert!(dist >= -1e-6),
            Rag::Amber | Rag::Red => prop_assert!(dist < 0.0),
            other => prop_assert!(false, "unexpected {:?}", other),
        }
        prop_assert!(r.explanation.starts_with(r.rag.label()));
        prop_assert_eq!(r.compared_with, Some(t));
        prop_assert!(r.amber_limit.is_some());
    }

    #[test]
    fn neither_is_never_rated(t in quarter(), a in quarter(), tol in tolerance()) {
        prop_assert_eq!(rag(Polarity::Neither, tol, a, t), Rag::NotRated);
    }

    #[test]
    fn strictly_increasing_series_improves_for_higher_is_better(
        start in -1000i32..1000,
        steps in proptest::collection::vec(1i32..50, 1..5),
    ) {
        let mut v = f64::from(start);
        let mut values = vec![Some(v)];
        for s in &steps {
            v += f64::from(*s) / 4.0;
            values.push(Some(v));
        }
        let n = values.len();
        let t = trend(&series_kpi(Higher, &values), 3);
        prop_assert_eq!(t.short, Direction::Improving);
        prop_assert_eq!(t.long, Direction::Improving);
        prop_assert_eq!(t.run_length, n - 1);
        let t = trend(&series_kpi(Lower, &values), 3);
        prop_assert_eq!(t.short, Direction::Worsening);
        prop_assert_eq!(t.run_length, n - 1);
    }

    #[test]
    fn run_length_never_exceeds_the_moves(values in proptest::collection::vec(proptest::option::of(quarter()), 0..6)) {
        let t = trend(&series_kpi(Higher, &values), 3);
        let avail = values.iter().flatten().count();
        prop_assert!(t.run_length <= avail.saturating_sub(1));
        prop_assert_eq!(t.short == Direction::NotComparable, avail < 2);
        prop_assert_eq!(t.run_length == 0, avail < 2);
    }
}
