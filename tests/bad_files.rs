//! Every bad-file case has a fixture in tests/fixtures and an exact expected error:
//! nothing a file holds can break the import path.

use waymark::core::format::{import_plan, ImportError, MAX_FILE_BYTES};

fn fixture(name: &str) -> String {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    // As the browser's File.text() does: invalid UTF-8 becomes U+FFFD.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn error_of(name: &str) -> String {
    import_plan(&fixture(name)).expect_err(name).to_string()
}

#[test]
fn each_bad_file_gets_its_exact_message() {
    assert_eq!(error_of("bad/empty.json"), "The file is empty.");
    assert_eq!(
        error_of("bad/kpis.csv.json"),
        "This is not a plan file: line 1, column 1: expected a value here."
    );
    assert_eq!(
        error_of("bad/image.png.json"),
        "This is not a plan file: it is not JSON text (it holds binary data, like a Word document or an image)."
    );
    assert_eq!(
        error_of("bad/word.docx.json"),
        "This is not a plan file: it is not JSON text (it holds binary data, like a Word document or an image)."
    );
    assert_eq!(
        error_of("bad/trailing-comma.json"),
        "This is not a plan file: line 7, column 3: unexpected comma."
    );
    assert_eq!(
        error_of("bad/not-a-plan.json"),
        "This JSON file is not a Waymark plan: it has no 'format' field naming it a Waymark plan."
    );
    assert_eq!(
        error_of("bad/newer-version.json"),
        "This plan was saved by a newer version of Waymark (file format 7); this version reads format 1 and older. Open it with Waymark 3.2.0 or later."
    );
    assert_eq!(
        error_of("bad/bad-date.json"),
        "The plan cannot be read: priorities[2].actions[4].due: '31/02/2009' is not a date in the form YYYY-MM-DD."
    );
    assert_eq!(
        error_of("bad/nan.json"),
        "This is not a plan file: line 1, column 154: expected a value here."
    );
    assert_eq!(
        error_of("bad/huge-number.json"),
        "This is not a plan file: line 1, column 158: number out of range."
    );
    assert_eq!(
        error_of("bad/list.json"),
        "This JSON file is not a Waymark plan: it holds a list where a plan file holds an object."
    );
    assert_eq!(
        error_of("bad/wrong-type.json"),
        "The plan cannot be read: priorities: wrong kind of value: string \"none\", expected a sequence."
    );
}

#[test]
fn an_unreal_date_is_named_as_such() {
    let text = fixture("bad/bad-date.json").replace("31/02/2009", "2009-02-31");
    assert_eq!(
        import_plan(&text).unwrap_err().to_string(),
        "The plan cannot be read: priorities[2].actions[4].due: '2009-02-31' is not a real date."
    );
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let big = " ".repeat(MAX_FILE_BYTES + 1);
    assert!(matches!(
        import_plan(&big),
        Err(ImportError::TooLarge { limit_mb: 20, .. })
    ));
    assert_eq!(
        import_plan(&big).unwrap_err().to_string(),
        "The file is 20.0 MB; the largest plan file Waymark opens is 20 MB."
    );
}

#[test]
fn absurdly_long_text_is_cut_and_reported() {
    let long = "x".repeat(300_000);
    let text = format!(
        r#"{{"format":"waymark-plan","format_version":1,"plan":{{"title":"{long}","priorities":[]}}}}"#
    );
    let imp = import_plan(&text).unwrap();
    assert_eq!(imp.plan.title.chars().count(), 100_000);
    assert_eq!(imp.repairs.len(), 1);
    assert!(imp.repairs[0]
        .0
        .starts_with("Plan title: the text was longer than 100000 characters"));
}

#[test]
fn duplicate_ids_and_dangling_links_are_repaired_and_listed() {
    let imp = import_plan(&fixture("repairable.json")).unwrap();
    let msgs: Vec<String> = imp.repairs.iter().map(|r| r.0.clone()).collect();
    assert_eq!(
        msgs,
        [
            "Two objects shared the id 'a1'; the action that came second now has the id 'act-r1'.",
            "KPI NI 1 pointed at a priority that is not in the plan; it is now not linked to a priority.",
            "Action 1.1: links to KPIs that are not in the plan (or listed twice) were removed.",
        ]
    );
    let a = &imp.plan.priorities[0].actions;
    assert_eq!(a[0].kpi_ids, [waymark::core::model::Id::new("k1")]);
    assert_ne!(a[0].id, a[1].id);
    // A repaired plan imports again with no repairs.
    let again = import_plan(&waymark::core::format::export_plan(&imp.plan, "t")).unwrap();
    assert!(again.repairs.is_empty());
}

#[test]
fn hostile_text_is_kept_as_text() {
    let imp = import_plan(&fixture("hostile.json")).unwrap();
    assert_eq!(imp.plan.title, "<img src=x onerror=alert(1)>Hostile plan");
    assert!(imp.repairs.is_empty());
}

#[test]
fn format_0_is_migrated() {
    let imp = import_plan(&fixture("legacy/v0-plan.json")).unwrap();
    assert_eq!(imp.from_version, 0);
    let p = imp.plan;
    assert_eq!(p.period_label, "April 2008 – March 2009");
    assert_eq!(p.priorities[0].actions[0].leads, ["DCS"]);
    assert_eq!(p.kpis[0].sources, ["NI", "LAA"]);
}
