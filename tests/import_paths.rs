//! The import path has two ways through: the fast path (a file of the current
//! version decoded straight from its text) and the JSON tree (parse → envelope →
//! migrate → decode with the path of any error). They must read every file alike:
//! the same plan, the same repairs, the same error. These tests check that the
//! fast path does take the files it is for, and that whatever it leaves to the
//! tree comes out exactly as before.

use waymark::core::example::EXAMPLE_PLAN_JSON;
use waymark::core::format::{
    export_plan, import_plan, import_plan_fast_only, import_plan_via_tree, store_plan,
};
use waymark::core::stress::stress_plan;

const AT: &str = "2026-11-22T10:00:00Z";

fn fixture(name: &str) -> String {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Both paths give the same answer, and the fast path took the file.
fn fast_and_same(text: &str) {
    let tree = import_plan_via_tree(text).expect("the tree reads it");
    let fast = import_plan_fast_only(text).expect("the fast path reads it");
    assert_eq!(fast, tree);
    assert_eq!(import_plan(text).unwrap(), tree);
}

/// The fast path leaves the file to the tree, which answers as before.
fn left_to_the_tree(text: &str) -> String {
    assert_eq!(import_plan_fast_only(text), None, "the fast path took it");
    let tree = import_plan_via_tree(text);
    assert_eq!(import_plan(text), tree);
    match tree {
        Ok(imp) => format!("ok: {} ({} repairs)", imp.plan.title, imp.repairs.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_example_plan_takes_the_fast_path() {
    fast_and_same(EXAMPLE_PLAN_JSON);
    let plan = import_plan(EXAMPLE_PLAN_JSON).unwrap().plan;
    fast_and_same(&export_plan(&plan, AT));
    fast_and_same(&store_plan(&plan, AT));
    // With a byte-order mark, as some editors save.
    fast_and_same(&format!("\u{feff}{}", export_plan(&plan, AT)));
}

#[test]
fn a_stress_plan_takes_the_fast_path() {
    // A slice of a stress plan (every kind of object, a fraction of the size), and
    // some links cut by the slicing, so that repairs are made on both paths.
    let mut plan = stress_plan(3);
    plan.priorities.truncate(6);
    plan.kpis.truncate(80);
    plan.kpis[0].priority_id = Some(waymark::core::model::Id::new("nowhere"));
    let text = export_plan(&plan, AT);
    let imp = import_plan(&text).unwrap();
    assert!(!imp.repairs.is_empty());
    fast_and_same(&text);
    fast_and_same(&store_plan(&plan, AT));
}

#[test]
fn repairable_and_hostile_files_read_alike() {
    fast_and_same(&fixture("repairable.json"));
    fast_and_same(&fixture("hostile.json"));
}

#[test]
fn a_legacy_file_goes_through_the_tree() {
    let text = fixture("legacy/v0-plan.json");
    assert_eq!(
        left_to_the_tree(&text),
        "ok: Legacy plan (format 0) (0 repairs)"
    );
    assert_eq!(import_plan(&text).unwrap().from_version, 0);
}

#[test]
fn every_bad_file_gets_the_same_error_as_before() {
    for name in [
        "bad/empty.json",
        "bad/kpis.csv.json",
        "bad/image.png.json",
        "bad/word.docx.json",
        "bad/trailing-comma.json",
        "bad/not-a-plan.json",
        "bad/newer-version.json",
        "bad/bad-date.json",
        "bad/nan.json",
        "bad/huge-number.json",
        "bad/list.json",
        "bad/wrong-type.json",
    ] {
        let text = fixture(name);
        assert_eq!(import_plan_fast_only(&text), None, "{name}");
        assert_eq!(import_plan(&text), import_plan_via_tree(&text), "{name}");
        assert!(import_plan(&text).is_err(), "{name}");
    }
}

/// The example plan as a file, with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut json: serde_json::Value = serde_json::from_str(EXAMPLE_PLAN_JSON).unwrap();
    edit(&mut json);
    serde_json::to_string(&json).unwrap()
}

#[test]
fn a_type_error_deep_inside_is_named_by_its_path() {
    let text = edited(|j| j["plan"]["kpis"][3]["series"][2]["actual"]["value"] = "high".into());
    assert_eq!(
        left_to_the_tree(&text),
        "The plan cannot be read: kpis[3].series[2].actual.value: wrong kind of value: string \"high\", expected f64."
    );
    let text = edited(|j| j["plan"]["priorities"][1]["actions"][2]["updates"] = 7.into());
    assert_eq!(
        left_to_the_tree(&text),
        "The plan cannot be read: priorities[1].actions[2].updates: wrong kind of value: integer `7`, expected a sequence."
    );
    let text = edited(|j| {
        j["plan"]["priorities"][0]["actions"][0]["milestones"] =
            serde_json::json!([{ "id": "m", "due": "2010-13-01" }])
    });
    assert_eq!(
        left_to_the_tree(&text),
        "The plan cannot be read: priorities[0].actions[0].milestones[0].due: '2010-13-01' is not a real date."
    );
}

#[test]
fn unknown_fields_are_ignored_on_both_paths() {
    let text = edited(|j| {
        j["extra"] = serde_json::json!({ "a": [1, 2.5, "x", null, { "b": true }] });
        j["plan"]["later_feature"] = serde_json::json!([{ "deep": { "deeper": [[[]]] } }]);
        j["plan"]["kpis"][0]["colour"] = "teal".into();
        j["plan"]["priorities"][0]["actions"][0]["x"] = serde_json::json!({ "y": -1e300 });
    });
    fast_and_same(&text);
}

#[test]
fn the_order_of_keys_does_not_matter() {
    let plan = import_plan(EXAMPLE_PLAN_JSON).unwrap().plan;
    let plan_json = serde_json::to_string(&plan).unwrap();
    let text = format!(
        r#"{{"plan":{plan_json},"exported_at":"{AT}","app_version":"0.0.9","format_version":1,"format":"waymark-plan"}}"#
    );
    fast_and_same(&text);
    let imp = import_plan(&text).unwrap();
    assert_eq!(imp.app_version.as_deref(), Some("0.0.9"));
    assert_eq!(imp.exported_at.as_deref(), Some(AT));
    assert_eq!(imp.plan, plan);
}

#[test]
fn what_the_fast_path_leaves_to_the_tree() {
    let plan = r#"{"title":"T","priorities":[]}"#;
    let env = |rest: &str| format!(r#"{{"format":"waymark-plan","format_version":1{rest}}}"#);
    // A number out of range, where serde_json would skip it unchecked.
    assert_eq!(
        left_to_the_tree(&env(&format!(r#","x":1e400,"plan":{plan}"#))),
        "This is not a plan file: line 1, column 53: number out of range."
    );
    // Nesting deeper than the JSON tree allows, in a field nobody reads.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(
        left_to_the_tree(&env(&format!(r#","x":{deep},"plan":{plan}"#)))
            .contains("recursion limit exceeded")
    );
    // A lone surrogate in a string nobody reads.
    assert!(
        left_to_the_tree(&env(&format!(r#","x":"\ud800","plan":{plan}"#)))
            .starts_with("This is not a plan file: line 1")
    );
    // A key given twice: the tree keeps the last.
    assert_eq!(
        left_to_the_tree(&env(&format!(
            r#","plan":{{"title":"First","priorities":[]}},"plan":{plan}"#
        ))),
        "ok: T (0 repairs)"
    );
    // A plan (or a file) written as a list is not a plan, though serde would read
    // a struct from a list.
    assert_eq!(
        left_to_the_tree(&env(r#","plan":["p","T"]"#)),
        "This JSON file is not a Waymark plan: its plan is a list, not an object."
    );
    assert_eq!(
        left_to_the_tree(r#"["waymark-plan",1,"0.1.0","x",{}]"#),
        "This JSON file is not a Waymark plan: it holds a list where a plan file holds an object."
    );
    // app_version that is not text: the tree reads the plan and drops it.
    assert_eq!(
        left_to_the_tree(&env(&format!(r#","app_version":3,"plan":{plan}"#))),
        "ok: T (0 repairs)"
    );
    // A version written as 1.0, an older version, a newer one, no plan.
    assert_eq!(
        left_to_the_tree(&format!(
            r#"{{"format":"waymark-plan","format_version":1.0,"plan":{plan}}}"#
        )),
        "This JSON file is not a Waymark plan: its format_version is not a whole number."
    );
    assert_eq!(
        left_to_the_tree(&format!(
            r#"{{"format":"waymark-plan","format_version":0,"plan":{plan}}}"#
        )),
        "ok: T (0 repairs)"
    );
    assert!(left_to_the_tree(&format!(
        r#"{{"format":"waymark-plan","format_version":2,"plan":{plan}}}"#
    ))
    .starts_with("This plan was saved by a newer version"));
    assert_eq!(
        left_to_the_tree(&env("")),
        "This JSON file is not a Waymark plan: it has no plan in it."
    );
    // Text after the end.
    assert_eq!(
        left_to_the_tree(&format!("{} x", env(&format!(r#","plan":{plan}"#)))),
        "This is not a plan file: line 1, column 83: unexpected text after the end of the plan."
    );
}
