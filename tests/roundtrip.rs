//! Any plan survives export → import unchanged (property test), including awkward
//! text and any finite number.

use proptest::prelude::*;
use waymark::core::date::Date;
use waymark::core::example::example_plan;
use waymark::core::format::{export_plan, import_plan, store_plan};
use waymark::core::model::{Plan, ProgressUpdate, Rag};
use waymark::core::value::{Target, Value};

fn text() -> impl Strategy<Value = String> {
    // Unicode, quotes, backslashes, control characters, HTML.
    proptest::string::string_regex("(.|\n|\t|\"|\\\\|<script>|\u{0}|\u{1F600}){0,40}").unwrap()
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (-1_000_000i64..1_000_000).prop_map(|v| v as f64 / 10.0),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (1i32..9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

prop_compose! {
    fn mutated_plan()(
        title in text(),
        org in text(),
        action_title in text(),
        commentary in text(),
        when in date(),
        actual in number(),
        national in number(),
        target in number(),
        provisional in any::<bool>(),
        label in text(),
        kpi_index in 0usize..50,
    ) -> Plan {
        let mut plan = example_plan().plan;
        plan.title = title;
        plan.organisation = org;
        let a = &mut plan.priorities[0].actions[0];
        a.title = action_title;
        a.updates.push(ProgressUpdate {
            id: waymark::core::model::Id::new("u-prop"),
            date: Some(when),
            rag: Rag::Amber,
            commentary,
            ..ProgressUpdate::default()
        });
        let n = plan.kpis.len();
        let k = &mut plan.kpis[kpi_index % n];
        if let Some(p) = k.series.first_mut() {
            p.actual = Some(Value { value: Some(actual), provisional, ..Value::default() });
            p.national = Some(Value { value: Some(national), ..Value::default() });
            p.neighbours = Some(Value::not_available(&label));
            p.target = Some(Target::value(target));
        }
        plan
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_identity(plan in mutated_plan()) {
        let text = export_plan(&plan, "2026-11-22T10:00:00Z");
        let back = import_plan(&text).expect("re-import");
        prop_assert!(back.repairs.is_empty(), "{:?}", back.repairs);
        prop_assert_eq!(&back.plan, &plan);
        // The compact form kept in local storage too.
        let stored = import_plan(&store_plan(&plan, "t")).expect("re-import stored");
        prop_assert_eq!(&stored.plan, &plan);
    }
}
