//! The dashboard's small rules (`core::rollup`): the as-at date a view's address
//! asks for, the newest progress update, RAG counts and the health score in words.

use std::collections::BTreeMap;
use waymark::core::date::Date;
use waymark::core::example::example_plan;
use waymark::core::model::{Action, Id, Plan, Priority, ProgressUpdate, Rag};
use waymark::core::rollup::{
    as_at_param, counts_words, health_words, latest_update_date, RagCounts, RECENT_DAYS,
};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn asat(v: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("asat".to_string(), v.to_string())])
}

#[test]
fn the_as_at_date_comes_from_the_address_else_today() {
    let today = d(2026, 11, 22);
    assert_eq!(as_at_param(&asat("2009-09-30"), today), d(2009, 9, 30));
    assert_eq!(as_at_param(&asat(" 2009-09-30 "), today), d(2009, 9, 30));
    assert_eq!(as_at_param(&BTreeMap::new(), today), today);
    for bad in ["", "30/09/2009", "2009-02-30", "soon"] {
        assert_eq!(as_at_param(&asat(bad), today), today, "{bad:?}");
    }
}

fn update(id: &str, date: Option<Date>, deleted: bool) -> ProgressUpdate {
    ProgressUpdate {
        id: Id::new(id),
        date,
        rag: Rag::Green,
        deleted_at: deleted.then(|| "2026-01-01T00:00:00Z".to_string()),
        ..ProgressUpdate::default()
    }
}

#[test]
fn the_latest_update_is_the_newest_dated_live_one() {
    let mut a = Action {
        id: Id::new("a"),
        ..Action::default()
    };
    a.updates = vec![
        update("u1", Some(d(2009, 6, 1)), false),
        update("u2", Some(d(2010, 1, 5)), true),
        update("u3", None, false),
    ];
    let mut b = Action {
        id: Id::new("b"),
        ..Action::default()
    };
    b.updates = vec![update("u4", Some(d(2009, 9, 16)), false)];
    let plan = Plan {
        priorities: vec![Priority {
            id: Id::new("p"),
            actions: vec![a, b],
            ..Priority::default()
        }],
        ..Plan::default()
    };
    // The deleted update of 5 January 2010 does not count; the undated one has no date.
    assert_eq!(latest_update_date(&plan), Some(d(2009, 9, 16)));
    assert_eq!(latest_update_date(&Plan::default()), None);
    // The example plan's newest update.
    let example = example_plan().plan;
    let newest = latest_update_date(&example).expect("the example has updates");
    assert!(example
        .actions()
        .flat_map(|r| r.action.live_updates().filter_map(|u| u.date))
        .all(|u| u <= newest));
}

#[test]
fn counts_are_said_for_every_rag_in_order() {
    let c = RagCounts {
        red: 0,
        amber: 1,
        green: 5,
        blue: 2,
        not_rated: 35,
    };
    assert_eq!(
        counts_words(&c),
        "0 red, 1 amber, 5 green, 2 complete, 35 not rated"
    );
    assert_eq!(
        counts_words(&RagCounts::default()),
        "0 red, 0 amber, 0 green, 0 complete, 0 not rated"
    );
}

#[test]
fn the_health_score_in_words() {
    assert_eq!(health_words(100), "good");
    assert_eq!(health_words(90), "good");
    assert_eq!(health_words(89), "fair");
    assert_eq!(health_words(70), "fair");
    assert_eq!(health_words(69), "poor");
    assert_eq!(health_words(0), "poor");
}

#[test]
fn recent_means_thirty_days() {
    assert_eq!(RECENT_DAYS, 30);
}
