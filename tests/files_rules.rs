//! The Files page's rules (`core::files`): contents and sizes in words, storage
//! use, the import size limit and the names of snapshots and backups.

use waymark::core::date::Date;
use waymark::core::example::example_plan;
use waymark::core::files::{
    backup_before_import, backup_before_opening, check_file_size, contents_words, size_words,
    snapshot_name, storage_use, STORAGE_LIMIT_CHARS,
};
use waymark::core::format::MAX_FILE_BYTES;
use waymark::core::model::{Action, Id, Kpi, Plan, Priority};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

#[test]
fn sizes_are_megabytes_with_one_decimal() {
    assert_eq!(size_words(0.0), "0.0 MB");
    assert_eq!(size_words(1024.0 * 1024.0), "1.0 MB");
    assert_eq!(size_words(1.25 * 1024.0 * 1024.0), "1.2 MB");
    assert_eq!(size_words(STORAGE_LIMIT_CHARS), "5.0 MB");
}

#[test]
fn contents_count_priorities_actions_and_kpis() {
    let plan = example_plan().plan;
    assert_eq!(
        contents_words(&plan),
        format!(
            "{} priorities, {} actions, {} KPIs",
            plan.priorities.len(),
            plan.action_count(),
            plan.kpis.len()
        )
    );
    assert!(contents_words(&plan).starts_with("4 priorities, "));
    let one = Plan {
        priorities: vec![Priority {
            id: Id::new("p"),
            actions: vec![Action::default()],
            ..Priority::default()
        }],
        kpis: vec![Kpi::default()],
        ..Plan::default()
    };
    assert_eq!(contents_words(&one), "1 priority, 1 action, 1 KPI");
    assert_eq!(
        contents_words(&Plan::default()),
        "0 priorities, 0 actions, 0 KPIs"
    );
}

#[test]
fn storage_use_in_words_capped_at_100_and_nearly_full_from_80() {
    let mb = 1024.0 * 1024.0;
    let u = storage_use(1.2 * mb);
    assert_eq!(
        u.words,
        "Plans use 1.2 MB of about 5.0 MB this browser allows for this site (24%)."
    );
    assert!((u.percent - 24.0).abs() < 1e-9);
    assert!(!u.nearly_full);
    assert!(!storage_use(0.79 * STORAGE_LIMIT_CHARS).nearly_full);
    assert!(storage_use(0.8 * STORAGE_LIMIT_CHARS).nearly_full);
    let over = storage_use(2.0 * STORAGE_LIMIT_CHARS);
    assert_eq!(over.percent, 100.0);
    assert!(over.nearly_full);
    assert_eq!(storage_use(0.0).percent, 0.0);
    assert!(storage_use(0.0).words.ends_with("(0%)."));
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let limit = MAX_FILE_BYTES as f64;
    assert_eq!(check_file_size("plan.json", limit), Ok(()));
    assert_eq!(check_file_size("plan.json", 0.0), Ok(()));
    let e = check_file_size("huge.json", 21.0 * 1024.0 * 1024.0).unwrap_err();
    assert_eq!(
        e,
        "“huge.json” was not opened: it is 21.0 MB and the largest plan file Waymark opens is 20 MB. Nothing has changed."
    );
    assert!(check_file_size("x", limit + 1.0).is_err());
}

#[test]
fn snapshot_and_backup_names() {
    let today = d(2026, 11, 22);
    assert_eq!(
        snapshot_name("  Before the board ", today),
        "Before the board"
    );
    assert_eq!(snapshot_name("   ", today), "Snapshot of 22 November 2026");
    assert_eq!(
        backup_before_import("Board version", today),
        "Before importing “Board version”, 22 November 2026"
    );
    assert_eq!(
        backup_before_opening("Before the board", today),
        "Before opening “Before the board”, 22 November 2026"
    );
}
