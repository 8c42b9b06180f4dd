//! The shipped example plan: the file the build ships is the transcription
//! without its comments, it reads through the ordinary import path with no
//! repairs, survives a round trip, and holds the seed's facts as printed.

use waymark::core::example::{example_plan, EXAMPLE_PLAN_JSON};
use waymark::core::format::{export_plan, import_plan, strip_json_comments};
use waymark::core::model::{Polarity, Rag};
use waymark::core::value::{Relation, Target};

/// The file the app fetches, `public/example-plan.json` (copied into every build as
/// `example-plan.json`), is `data/example-plan.jsonc` without its comments,
/// minified. After an edit of the transcription, rewrite it with
/// `WAYMARK_WRITE_EXAMPLE=1 cargo test --test example_plan`.
#[test]
fn the_shipped_file_is_the_transcription_without_its_comments() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/data/example-plan.jsonc")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&strip_json_comments(&source))
        .expect("data/example-plan.jsonc is JSON with comments");
    let minified = serde_json::to_string(&value).unwrap() + "\n";
    let shipped_path = format!("{root}/public/example-plan.json");
    if std::env::var_os("WAYMARK_WRITE_EXAMPLE").is_some() {
        std::fs::write(&shipped_path, &minified).unwrap();
        return;
    }
    let shipped = std::fs::read_to_string(&shipped_path).unwrap_or_default();
    assert!(
        shipped == minified,
        "public/example-plan.json is not data/example-plan.jsonc without its comments: \
         rewrite it with `WAYMARK_WRITE_EXAMPLE=1 cargo test --test example_plan`"
    );
    // What the host tests read is that file.
    assert_eq!(EXAMPLE_PLAN_JSON, shipped);
}

#[test]
fn example_plan_imports_cleanly() {
    let imp = example_plan();
    assert!(imp.repairs.is_empty(), "repairs: {:?}", imp.repairs);
    let plan = imp.plan;
    assert_eq!(plan.title, "CYPS Performance Improvement Plan");
    assert_eq!(plan.priorities.len(), 4);
    assert!(plan.action_count() >= 80, "{} actions", plan.action_count());
    assert!(plan.kpis.len() >= 50, "{} KPIs", plan.kpis.len());
    let refs: Vec<&str> = plan
        .actions()
        .map(|a| a.action.reference.as_str())
        .collect();
    for r in [
        "1.1", "1.7", "2.2 i)", "2.2 ii)", "3.7", "4.4.1 i)", "4.5.3", "4.7.5",
    ] {
        assert!(refs.contains(&r), "missing action {r}");
    }
}

#[test]
fn example_plan_round_trips_exactly() {
    let plan = example_plan().plan;
    let text = export_plan(&plan, "2026-11-22T10:00:00Z");
    let back = import_plan(&text).expect("re-import");
    assert_eq!(back.plan, plan);
    assert!(back.repairs.is_empty());
    // Byte-identical on a second export.
    assert_eq!(export_plan(&back.plan, "2026-11-22T10:00:00Z"), text);
}

#[test]
fn seed_values_keep_their_meaning() {
    let plan = example_plan().plan;
    let ni72 = plan.kpis.iter().find(|k| k.code == "NI 72").expect("NI 72");
    let p0910 = ni72.series.iter().find(|p| p.period == "2009/10").unwrap();
    let actual = p0910.actual.as_ref().unwrap();
    assert_eq!(actual.value, Some(53.7));
    assert!(actual.provisional, "53.7 (p) is provisional");
    assert_eq!(actual.display(Some(ni72.decimals)), "53.7 (provisional)");
    let na = p0910.national.as_ref().unwrap();
    assert_eq!(na.value, None, "Not yet available is not zero");
    assert_eq!(na.display(None), "Not yet available");
    assert_eq!(p0910.target, Some(Target::value(54.0)));

    let ni102 = plan
        .kpis
        .iter()
        .find(|k| k.code == "NI 102i")
        .expect("NI 102i");
    assert_eq!(
        ni102.polarity,
        Polarity::LowerIsBetter,
        "a gap: lower is better"
    );
    assert!(matches!(
        ni102
            .series
            .iter()
            .find(|p| p.period == "2009/10")
            .unwrap()
            .target,
        Some(Target::Relative {
            relation: Relation::InLineWithNational,
            ..
        })
    ));
    for k in &plan.kpis {
        let t = k.title.to_lowercase();
        if t.contains("absence") || t.contains("exclusion") {
            assert_eq!(
                k.polarity,
                Polarity::LowerIsBetter,
                "{} {}",
                k.code,
                k.title
            );
        }
    }
    let a15 = plan
        .actions()
        .find(|a| a.action.reference == "1.5")
        .unwrap();
    assert_eq!(a15.action.current_rag(), Rag::Green);
}

#[test]
fn outcome_numbers_are_distinct() {
    let plan = example_plan().plan;
    let mut numbers: Vec<&str> = plan
        .priorities
        .iter()
        .flat_map(|p| p.outcomes.iter().map(|o| o.number.as_str()))
        .collect();
    let n = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), n, "{numbers:?}");
}
