//! The KPI list's filters and sort orders (`core::filter::KpiFilter`, `find_kpis`):
//! each filter alone, the address round trip, every sort column both ways with
//! ties and missing values, and the choices the filters offer.

use std::collections::BTreeMap;
use waymark::core::example::example_plan;
use waymark::core::filter::{
    find_kpis, kpi_places, kpi_sources, latest_period, linked_words, KpiFilter, KpiPlace, KpiSort,
};
use waymark::core::kpi::{Direction, KpiSummary};
use waymark::core::model::{Id, Kpi, Outcome, PeriodValues, Plan, Polarity, Priority, Rag, Unit};
use waymark::core::value::{Target, Value};

// ---------------------------------------------------------------------------
// Builders

fn period(label: &str, actual: Option<f64>, target: Option<f64>) -> PeriodValues {
    PeriodValues {
        period: label.into(),
        actual: actual.map(Value::number),
        target: target.map(|value| Target::Value { value, note: None }),
        ..PeriodValues::default()
    }
}

fn kpi(id: &str, code: &str, title: &str) -> Kpi {
    Kpi {
        id: Id::new(id),
        code: code.into(),
        title: title.into(),
        polarity: Polarity::HigherIsBetter,
        decimals: 1,
        ..Kpi::default()
    }
}

fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn summaries(kpis: &[Kpi]) -> Vec<KpiSummary> {
    kpis.iter().map(KpiSummary::of).collect()
}

/// The ids `find_kpis` keeps, in order.
fn found(kpis: &[KpiSummary], f: &KpiFilter, places: &[KpiPlace]) -> Vec<String> {
    find_kpis(kpis, f, places)
        .into_iter()
        .map(|k| k.id.to_string())
        .collect()
}

fn filter(pairs: &[(&str, &str)]) -> KpiFilter {
    KpiFilter::from_params(&params(pairs))
}

/// Two priorities, the second with two outcomes.
fn two_priorities() -> Plan {
    let outcome = |id: &str, number: &str| Outcome {
        id: Id::new(id),
        number: number.into(),
        ..Outcome::default()
    };
    Plan {
        priorities: vec![
            Priority {
                id: Id::new("p1"),
                number: "1".into(),
                ..Priority::default()
            },
            Priority {
                id: Id::new("p2"),
                number: "2".into(),
                outcomes: vec![outcome("p2-o1", "1"), outcome("p2-o2", "2")],
                ..Priority::default()
            },
        ],
        ..Plan::default()
    }
}

/// Five KPIs covering each filter: ratings, directions, periods, sources and links.
fn five() -> Vec<Kpi> {
    // a: green, improving, latest 2009/10, NI, priority 1.
    let mut a = kpi("a", "NI 72", "Pupils achieving 78 points");
    a.series = vec![
        period("2008/9", Some(50.0), None),
        period("2009/10", Some(56.0), Some(55.0)),
    ];
    a.sources = vec!["NI".into(), " LAA ".into()];
    a.priority_id = Some(Id::new("p1"));
    a.responsible_officer = "Zoe".into();
    // b: red, worsening, latest 2009/10, outcome 2 of priority 2.
    let mut b = kpi("b", "NI 73", "Key Stage 2 results");
    b.series = vec![
        period("2008/9", Some(60.0), None),
        period("2009/10", Some(40.0), Some(55.0)),
    ];
    b.sources = vec!["ni".into()];
    b.priority_id = Some(Id::new("p2"));
    b.outcome_id = Some(Id::new("p2-o2"));
    b.responsible_officer = "adam".into();
    // c: latest actual only in 2008/9 (no data for 2009/10), outcome 1 of priority 2.
    let mut c = kpi("c", "LOC 1", "Local indicator");
    c.series = vec![
        period("2008/9", Some(10.0), Some(12.0)),
        period("2009/10", None, Some(12.0)),
    ];
    c.sources = vec!["CYPP local".into()];
    c.priority_id = Some(Id::new("p2"));
    c.outcome_id = Some(Id::new("p2-o1"));
    // d: no values at all, no code, not linked.
    let d = kpi("d", "", "Children in care placements");
    // e: amber, no change, priority 2 only.
    let mut e = kpi("e", "BV 197", "Pupils' attendance");
    e.series = vec![
        period("2008/9", Some(54.0), None),
        period("2009/10", Some(54.0), Some(55.0)),
    ];
    e.priority_id = Some(Id::new("p2"));
    vec![a, b, c, d, e]
}

// ---------------------------------------------------------------------------
// Each filter

#[test]
fn no_filter_keeps_every_kpi_in_plan_order() {
    let k = summaries(&five());
    let f = KpiFilter::default();
    assert!(!f.is_filtering());
    assert_eq!(found(&k, &f, &[]), ["a", "b", "c", "d", "e"]);
}

#[test]
fn search_looks_in_code_and_title_ignoring_case_and_spaces() {
    let k = summaries(&five());
    let q = |text: &str| found(&k, &filter(&[("q", text)]), &[]);
    assert_eq!(q("ni 72"), ["a"], "every word, in code or title");
    assert_eq!(q("  NI   72  "), ["a"], "spaces around and between words");
    assert_eq!(q("PUPILS"), ["a", "e"], "title, any case");
    assert_eq!(
        q("pupils 197"),
        ["e"],
        "one word in the code, one in the title"
    );
    assert_eq!(q("ni"), ["a", "b"]);
    assert_eq!(
        q("stage 72"),
        Vec::<String>::new(),
        "each word must be found"
    );
    assert_eq!(
        q("   "),
        ["a", "b", "c", "d", "e"],
        "blank search keeps all"
    );
    assert_eq!(q("care"), ["d"], "a KPI with no code by its title");
}

#[test]
fn the_place_filter_keeps_a_priority_with_its_outcomes_or_one_outcome() {
    let k = summaries(&five());
    assert_eq!(
        found(&k, &filter(&[("priority", "p2")]), &[]),
        ["b", "c", "e"]
    );
    assert_eq!(found(&k, &filter(&[("priority", "p2-o1")]), &[]), ["c"]);
    assert_eq!(found(&k, &filter(&[("priority", "p1")]), &[]), ["a"]);
    assert_eq!(
        found(&k, &filter(&[("priority", "nowhere")]), &[]),
        Vec::<String>::new()
    );
    // Blank is no filter.
    assert_eq!(found(&k, &filter(&[("priority", " ")]), &[]).len(), 5);
}

#[test]
fn the_source_filter_ignores_case_and_spaces() {
    let k = summaries(&five());
    assert_eq!(found(&k, &filter(&[("source", "NI")]), &[]), ["a", "b"]);
    assert_eq!(found(&k, &filter(&[("source", "laa")]), &[]), ["a"]);
    assert_eq!(
        found(&k, &filter(&[("source", " cypp LOCAL ")]), &[]),
        ["c"]
    );
    assert_eq!(
        found(&k, &filter(&[("source", "Corporate")]), &[]),
        Vec::<String>::new(),
        "whole sources only"
    );
}

#[test]
fn the_rag_filter_uses_the_latest_rating() {
    let k = summaries(&five());
    assert_eq!(k[0].rag, Rag::Green);
    assert_eq!(found(&k, &filter(&[("rag", "green")]), &[]), ["a"]);
    // c's latest actual (2008/9) is rated: 10 against 12 is red.
    assert_eq!(found(&k, &filter(&[("rag", "red")]), &[]), ["b", "c"]);
    assert_eq!(found(&k, &filter(&[("rag", "amber")]), &[]), ["e"]);
    // d has no periods.
    assert_eq!(found(&k, &filter(&[("rag", "not_rated")]), &[]), ["d"]);
    // An unknown value does not filter.
    assert_eq!(found(&k, &filter(&[("rag", "purple")]), &[]).len(), 5);
}

#[test]
fn the_direction_filter_uses_the_short_trend() {
    let k = summaries(&five());
    let d = |key: &str| found(&k, &filter(&[("direction", key)]), &[]);
    assert_eq!(d("improving"), ["a"]);
    assert_eq!(d("worsening"), ["b"]);
    assert_eq!(d("no_change"), ["e"]);
    assert_eq!(d("none"), ["c", "d"]);
    assert_eq!(d(" improving "), ["a"]);
    assert_eq!(d("sideways").len(), 5);
}

#[test]
fn no_data_keeps_kpis_without_an_actual_for_the_plans_latest_period() {
    let k = summaries(&five());
    assert_eq!(latest_period(&k).as_deref(), Some("2009/10"));
    assert_eq!(found(&k, &filter(&[("nodata", "1")]), &[]), ["c", "d"]);
    // With no actuals anywhere there is no latest period: nothing is left out.
    let none = summaries(&[kpi("x", "X", "x"), kpi("y", "Y", "y")]);
    assert_eq!(latest_period(&none), None);
    assert_eq!(found(&none, &filter(&[("nodata", "1")]), &[]), ["x", "y"]);
}

#[test]
fn the_latest_period_is_the_latest_by_period_order_not_by_text() {
    let mut a = kpi("a", "A", "a");
    a.series = vec![period("2009/10", Some(1.0), None)];
    let mut b = kpi("b", "B", "b");
    b.series = vec![period("2010/11", Some(1.0), None)];
    let mut c = kpi("c", "C", "c");
    c.series = vec![period("2008/9", Some(1.0), None)];
    assert_eq!(
        latest_period(&summaries(&[a, b, c])).as_deref(),
        Some("2010/11")
    );
}

#[test]
fn filters_combine() {
    let k = summaries(&five());
    let f = filter(&[("priority", "p2"), ("source", "ni"), ("rag", "red")]);
    assert!(f.is_filtering());
    assert_eq!(found(&k, &f, &[]), ["b"]);
    let f = filter(&[("priority", "p2"), ("rag", "green")]);
    assert_eq!(found(&k, &f, &[]), Vec::<String>::new());
}

// ---------------------------------------------------------------------------
// The address

#[test]
fn the_state_round_trips_through_the_address() {
    let f = KpiFilter {
        text: "ni 7".into(),
        place: Some(Id::new("p4-o4")),
        source: "LAA".into(),
        rag: Some(Rag::Amber),
        direction: Some(Direction::NoChange),
        no_data: true,
        sort: Some(KpiSort::Latest),
        descending: true,
        compact: true,
    };
    let p = f.to_params();
    assert_eq!(
        p,
        params(&[
            ("q", "ni 7"),
            ("priority", "p4-o4"),
            ("source", "LAA"),
            ("rag", "amber"),
            ("direction", "no_change"),
            ("nodata", "1"),
            ("sort", "latest"),
            ("dir", "desc"),
            ("compact", "1"),
        ])
    );
    assert_eq!(KpiFilter::from_params(&p), f);
    // Nothing set, nothing in the address.
    assert!(KpiFilter::default().to_params().is_empty());
}

#[test]
fn the_search_keeps_its_spaces_in_the_address_while_typing() {
    let f = filter(&[("q", "ni ")]);
    assert_eq!(f.text, "ni ");
    assert_eq!(f.to_params().get("q").map(String::as_str), Some("ni "));
}

#[test]
fn unknown_or_lonely_values_are_dropped() {
    let f = filter(&[
        ("rag", "purple"),
        ("direction", "up"),
        ("sort", "colour"),
        ("dir", "desc"),
        ("nodata", "yes"),
        ("compact", "0"),
    ]);
    assert_eq!(f, KpiFilter::default());
    // "desc" without a sort column is not kept.
    let f = KpiFilter {
        descending: true,
        ..KpiFilter::default()
    };
    assert!(f.to_params().is_empty());
    // Every sort column reads back from its key.
    for s in KpiSort::ALL {
        assert_eq!(KpiSort::from_key(s.key()), Some(s));
        assert_eq!(filter(&[("sort", s.key())]).sort, Some(s));
    }
}

#[test]
fn clearing_keeps_the_sort_and_the_view() {
    let f = filter(&[
        ("q", "ni"),
        ("rag", "red"),
        ("sort", "title"),
        ("dir", "desc"),
        ("compact", "1"),
    ]);
    let c = f.cleared();
    assert!(!c.is_filtering());
    assert_eq!(
        c.to_params(),
        params(&[("sort", "title"), ("dir", "desc"), ("compact", "1")])
    );
    // A sort or the compact view alone is not filtering.
    assert!(!filter(&[("sort", "rag"), ("compact", "1")]).is_filtering());
}

#[test]
fn a_column_heading_sorts_ascending_then_toggles() {
    let f = KpiFilter::default().sorted_by(KpiSort::Rag);
    assert_eq!((f.sort, f.descending), (Some(KpiSort::Rag), false));
    let f = f.sorted_by(KpiSort::Rag);
    assert_eq!((f.sort, f.descending), (Some(KpiSort::Rag), true));
    let f = f.sorted_by(KpiSort::Rag);
    assert!(!f.descending);
    // Another column starts ascending, keeping the filters.
    let f = filter(&[("q", "ni"), ("sort", "rag"), ("dir", "desc")]).sorted_by(KpiSort::Code);
    assert_eq!(
        (f.sort, f.descending, f.text.as_str()),
        (Some(KpiSort::Code), false, "ni")
    );
}

#[test]
fn each_sort_column_has_its_heading() {
    let labels: Vec<&str> = KpiSort::ALL.into_iter().map(KpiSort::label).collect();
    assert_eq!(
        labels,
        [
            "Code",
            "Title",
            "Unit",
            "Latest actual",
            "Target",
            "RAG",
            "Direction of travel",
            "Responsible officer",
            "Linked to",
        ]
    );
}

// ---------------------------------------------------------------------------
// Sort orders

fn sorted(kpis: &[KpiSummary], col: KpiSort, desc: bool, places: &[KpiPlace]) -> Vec<String> {
    let f = KpiFilter {
        sort: Some(col),
        descending: desc,
        ..KpiFilter::default()
    };
    found(kpis, &f, places)
}

#[test]
fn text_columns_sort_ignoring_case_blanks_last_both_ways() {
    let k = summaries(&five());
    // Codes: NI 72, NI 73, LOC 1, (none), BV 197.
    assert_eq!(
        sorted(&k, KpiSort::Code, false, &[]),
        ["e", "c", "a", "b", "d"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Code, true, &[]),
        ["b", "a", "c", "e", "d"]
    );
    // Officers: Zoe, adam, (none) ×3 — ignoring case, blanks last in plan order.
    assert_eq!(
        sorted(&k, KpiSort::Officer, false, &[]),
        ["b", "a", "c", "d", "e"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Officer, true, &[]),
        ["a", "b", "c", "d", "e"]
    );
    // Titles: every KPI has one.
    assert_eq!(
        sorted(&k, KpiSort::Title, false, &[]),
        ["d", "b", "c", "a", "e"]
    );
}

#[test]
fn latest_actual_sorts_by_figure_with_no_actual_last_both_ways() {
    let k = summaries(&five());
    // a 56, b 40, c 10 (2008/9), d none, e 54.
    assert_eq!(
        sorted(&k, KpiSort::Latest, false, &[]),
        ["c", "b", "e", "a", "d"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Latest, true, &[]),
        ["a", "e", "b", "c", "d"]
    );
}

#[test]
fn ties_keep_plan_order_both_ways() {
    let mut v = Vec::new();
    for id in ["p", "q", "r"] {
        let mut k = kpi(id, "SAME", "Same");
        k.series = vec![period("2009/10", Some(5.0), Some(5.0))];
        v.push(k);
    }
    let k = summaries(&v);
    for col in KpiSort::ALL {
        assert_eq!(
            sorted(&k, col, false, &[]),
            ["p", "q", "r"],
            "{col:?} ascending"
        );
        assert_eq!(
            sorted(&k, col, true, &[]),
            ["p", "q", "r"],
            "{col:?} descending"
        );
    }
}

#[test]
fn targets_sort_figures_first_then_words_then_none() {
    let mut w = kpi("w", "W", "w");
    w.series = vec![PeriodValues {
        period: "2009/10".into(),
        actual: Some(Value::number(1.0)),
        target: Some(Target::Text {
            text: "Above national".into(),
        }),
        ..PeriodValues::default()
    }];
    let mut big = kpi("big", "B", "b");
    big.series = vec![period("2009/10", Some(1.0), Some(90.0))];
    let mut small = kpi("small", "S", "s");
    small.series = vec![period("2009/10", Some(1.0), Some(9.0))];
    let none = kpi("none", "N", "n");
    let k = summaries(&[w, none, big, small]);
    assert_eq!(k[0].target.as_deref(), Some("Above national"));
    assert_eq!(k[1].target, None);
    assert_eq!(
        sorted(&k, KpiSort::Target, false, &[]),
        ["small", "big", "w", "none"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Target, true, &[]),
        ["w", "big", "small", "none"]
    );
}

#[test]
fn rag_sorts_red_amber_not_rated_green_complete() {
    let k = summaries(&five());
    // b red, e amber; c is rated on its 2008/9 actual (10 against 12: red); d not
    // rated; a green.
    assert_eq!(k[2].rag, Rag::Red);
    assert_eq!(
        sorted(&k, KpiSort::Rag, false, &[]),
        ["b", "c", "e", "d", "a"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Rag, true, &[]),
        ["a", "d", "e", "b", "c"]
    );
}

#[test]
fn direction_sorts_worsening_first_with_no_trend_last_both_ways() {
    let k = summaries(&five());
    assert_eq!(
        sorted(&k, KpiSort::Direction, false, &[]),
        ["b", "e", "a", "c", "d"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Direction, true, &[]),
        ["a", "e", "b", "c", "d"]
    );
}

#[test]
fn linked_to_sorts_in_plan_order_not_alphabetically() {
    // Priority 10 comes after priority 2 in the plan: a text sort would put it first.
    let mut plan = two_priorities();
    plan.priorities.push(Priority {
        id: Id::new("p10"),
        number: "10".into(),
        ..Priority::default()
    });
    let places = kpi_places(&plan);
    let mut ks = five();
    ks[3].priority_id = Some(Id::new("p10"));
    let k = summaries(&ks);
    // a p1; e p2; c p2 outcome 1; b p2 outcome 2; d p10.
    assert_eq!(
        sorted(&k, KpiSort::Linked, false, &places),
        ["a", "e", "c", "b", "d"]
    );
    assert_eq!(
        sorted(&k, KpiSort::Linked, true, &places),
        ["d", "b", "c", "e", "a"]
    );
    // A KPI not linked (or linked to a priority not in the plan) is last both ways.
    let mut ks = five();
    ks[0].priority_id = Some(Id::new("gone"));
    let k = summaries(&ks);
    let asc = sorted(&k, KpiSort::Linked, false, &places);
    let desc = sorted(&k, KpiSort::Linked, true, &places);
    assert_eq!(&asc[3..], ["a", "d"]);
    assert_eq!(&desc[3..], ["a", "d"]);
}

#[test]
fn a_sort_applies_to_the_kpis_the_filters_keep() {
    let k = summaries(&five());
    let f = filter(&[("source", "ni"), ("sort", "latest")]);
    assert_eq!(found(&k, &f, &[]), ["b", "a"]);
}

// ---------------------------------------------------------------------------
// Places, sources

#[test]
fn places_are_each_priority_then_its_outcomes() {
    let places = kpi_places(&two_priorities());
    let labels: Vec<(&str, &str)> = places
        .iter()
        .map(|p| (p.id.as_str(), p.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("p1", "Priority 1"),
            ("p2", "Priority 2"),
            ("p2-o1", "Priority 2, outcome 1"),
            ("p2-o2", "Priority 2, outcome 2"),
        ]
    );
    assert_eq!(places[3].priority, Id::new("p2"));
}

#[test]
fn linked_words_name_the_outcome_or_the_priority() {
    let places = kpi_places(&two_priorities());
    let w = |p: Option<&str>, o: Option<&str>| {
        linked_words(&places, p.map(Id::new).as_ref(), o.map(Id::new).as_ref())
    };
    assert_eq!(w(Some("p2"), Some("p2-o2")), "Priority 2, outcome 2");
    assert_eq!(w(Some("p2"), None), "Priority 2");
    // An outcome that is not one of its priority's: the priority alone.
    assert_eq!(w(Some("p1"), Some("p2-o2")), "Priority 1");
    assert_eq!(w(Some("p2"), Some("gone")), "Priority 2");
    assert_eq!(w(Some("gone"), Some("p2-o1")), "Not linked");
    assert_eq!(w(None, Some("p2-o1")), "Not linked");
    assert_eq!(w(None, None), "Not linked");
}

#[test]
fn sources_are_trimmed_one_per_spelling_and_sorted() {
    let ks = five();
    assert_eq!(kpi_sources(&ks), ["CYPP local", "LAA", "NI"]);
    assert!(kpi_sources(&[]).is_empty());
}

#[test]
fn the_example_plan_finds_ni_72_under_priority_4_outcome_4() {
    let plan = example_plan().plan;
    let places = kpi_places(&plan);
    let k = summaries(&plan.kpis);
    let f = filter(&[("priority", "p4-o4"), ("rag", "amber")]);
    let names: Vec<&str> = find_kpis(&k, &f, &places)
        .into_iter()
        .map(|k| k.code.as_str())
        .collect();
    assert!(names.contains(&"NI 72"), "{names:?}");
    let ni72 = k.iter().find(|k| k.code == "NI 72").unwrap();
    assert_eq!(
        linked_words(&places, ni72.priority_id.as_ref(), ni72.outcome_id.as_ref()),
        "Priority 4, outcome 4"
    );
    // Its latest actual is 2009/10, the plan's latest period: not "no data".
    assert_eq!(latest_period(&k).as_deref(), Some("2009/10"));
    let f = filter(&[("priority", "p4-o4"), ("nodata", "1")]);
    assert!(find_kpis(&k, &f, &places).iter().all(|k| k.code != "NI 72"));
    assert_eq!(ni72.unit, Unit::Percent.label());
}
