//! The chunked layout of the open plan in local storage (core::store): whatever the
//! plan and whatever the sequence of edits, what is stored assembles back to the
//! exact stored plan file and imports to the same plan, and storage holds exactly the
//! chunks the manifest names.

use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use waymark::core::example::example_plan;
use waymark::core::format::{import_plan, store_plan};
use waymark::core::model::{Id, Kpi, Plan, Priority};
use waymark::core::store::{assemble, garbage, ChunkCache, Manifest};

fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(.|\n|\"|\\\\|<script>|\u{0}|\u{1F600}){0,30}").unwrap()
}

#[derive(Debug, Clone)]
enum Op {
    Title(String),
    ActionTitle(usize, usize, String),
    OutcomeActionTitle(usize, usize, String),
    MoveAction(usize, usize, usize),
    PriorityTitle(usize, String),
    KpiNotes(usize, String),
    KpiValue(usize, f64),
    AddKpi(usize, String),
    RemoveKpi(usize),
    MoveKpi(usize, usize),
    AddPriority(usize, String),
    RemovePriority(usize),
    SwapPriorities(usize, usize),
    Glossary(String),
    Risk(String),
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..1000;
    prop_oneof![
        text().prop_map(Op::Title),
        (i.clone(), i.clone(), text()).prop_map(|(a, b, t)| Op::ActionTitle(a, b, t)),
        (i.clone(), i.clone(), text()).prop_map(|(a, b, t)| Op::OutcomeActionTitle(a, b, t)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(p, a, b)| Op::MoveAction(p, a, b)),
        (i.clone(), text()).prop_map(|(a, t)| Op::PriorityTitle(a, t)),
        (i.clone(), text()).prop_map(|(a, t)| Op::KpiNotes(a, t)),
        (
            i.clone(),
            any::<f64>().prop_filter("finite", |v| v.is_finite())
        )
            .prop_map(|(a, v)| Op::KpiValue(a, v)),
        (i.clone(), "[a-z0-9-]{1,12}").prop_map(|(a, t)| Op::AddKpi(a, t)),
        i.clone().prop_map(Op::RemoveKpi),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::MoveKpi(a, b)),
        (i.clone(), "[a-z0-9-]{1,12}").prop_map(|(a, t)| Op::AddPriority(a, t)),
        i.clone().prop_map(Op::RemovePriority),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::SwapPriorities(a, b)),
        text().prop_map(Op::Glossary),
        text().prop_map(Op::Risk),
    ]
}

fn apply(plan: &mut Plan, op: &Op) {
    let np = plan.priorities.len();
    let nk = plan.kpis.len();
    match op {
        Op::Title(t) => plan.title = t.clone(),
        Op::ActionTitle(p, a, t) if np > 0 => {
            let p = &mut plan.priorities[p % np];
            if !p.actions.is_empty() {
                let n = p.actions.len();
                p.actions[a % n].title = t.clone();
            }
        }
        Op::OutcomeActionTitle(o, a, t) => {
            let mut outcomes: Vec<_> = plan
                .priorities
                .iter_mut()
                .flat_map(|p| p.outcomes.iter_mut())
                .collect();
            let n = outcomes.len();
            if n > 0 {
                let o = &mut outcomes[o % n];
                let m = o.actions.len();
                if m > 0 {
                    o.actions[a % m].title = t.clone();
                }
            }
        }
        Op::MoveAction(p, a, b) if np > 0 => {
            let p = &mut plan.priorities[p % np];
            let n = p.actions.len();
            if n > 0 {
                let x = p.actions.remove(a % n);
                p.actions.insert(b % n, x);
            }
        }
        Op::PriorityTitle(p, t) if np > 0 => plan.priorities[p % np].title = t.clone(),
        Op::KpiNotes(k, t) if nk > 0 => plan.kpis[k % nk].notes = t.clone(),
        Op::KpiValue(k, v) if nk > 0 => {
            if let Some(s) = plan.kpis[k % nk].series.first_mut() {
                s.actual = Some(waymark::core::value::Value {
                    value: Some(*v),
                    ..Default::default()
                });
            }
        }
        Op::AddKpi(at, id) => {
            let id = format!("kpi-{id}");
            if !plan.kpis.iter().any(|k| k.id.as_str() == id) {
                plan.kpis.insert(
                    at % (nk + 1),
                    Kpi {
                        id: Id::new(id),
                        title: "Added".into(),
                        ..Kpi::default()
                    },
                );
            }
        }
        Op::RemoveKpi(k) if nk > 0 => {
            let id = plan.kpis.remove(k % nk).id;
            // Keep the plan sound: actions lose the link.
            for p in &mut plan.priorities {
                let outcome_actions = p.outcomes.iter_mut().flat_map(|o| o.actions.iter_mut());
                for a in p.actions.iter_mut().chain(outcome_actions) {
                    a.kpi_ids.retain(|x| *x != id);
                }
            }
        }
        Op::MoveKpi(a, b) if nk > 0 => {
            let k = plan.kpis.remove(a % nk);
            plan.kpis.insert(b % nk, k);
        }
        Op::AddPriority(at, id) => {
            let id = format!("p-{id}");
            if !plan.priorities.iter().any(|p| p.id.as_str() == id) {
                plan.priorities.insert(
                    at % (np + 1),
                    Priority {
                        id: Id::new(id),
                        title: "Added".into(),
                        ..Priority::default()
                    },
                );
            }
        }
        Op::RemovePriority(p) if np > 0 => {
            let id = plan.priorities.remove(p % np).id;
            // Keep the plan sound: KPIs of a removed priority lose the link.
            for k in &mut plan.kpis {
                if k.priority_id.as_ref() == Some(&id) {
                    k.priority_id = None;
                    k.outcome_id = None;
                }
            }
        }
        Op::SwapPriorities(a, b) if np > 0 => plan.priorities.swap(a % np, b % np),
        Op::Glossary(t) => plan.glossary.push(waymark::core::model::GlossaryEntry {
            term: "X".into(),
            meaning: t.clone(),
        }),
        Op::Risk(t) => {
            if let Some(r) = plan.risks.first_mut() {
                r.description = t.clone();
            }
        }
        _ => {}
    }
}

/// One save into a map standing for local storage, as app::storage does it.
fn save(cache: &mut ChunkCache, store: &mut HashMap<String, String>, plan: &Plan) -> Manifest {
    let old: HashSet<String> = store
        .get("manifest")
        .map(|t| Manifest::parse(t).unwrap().keys())
        .unwrap_or_default();
    let p = cache.prepare(plan, "2026-11-22T10:00:00Z", "tab 1 1", &|k| {
        old.contains(k)
    });
    for (k, t) in &p.writes {
        assert!(!old.contains(k), "rewrote a stored chunk");
        store.insert(k.clone(), t.clone());
    }
    store.insert("manifest".into(), p.manifest_text.clone());
    let m = p.manifest.clone();
    cache.commit(p);
    for k in garbage(&m, old.iter()) {
        store.remove(&k);
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn stored_chunks_always_assemble_to_the_plan(ops in prop::collection::vec(op(), 1..25)) {
        let mut plan = example_plan().plan;
        let mut cache = ChunkCache::default();
        let mut store = HashMap::new();
        save(&mut cache, &mut store, &plan);
        for op in &ops {
            apply(&mut plan, op);
            let m = save(&mut cache, &mut store, &plan);
            let text = assemble(&m, |k| store.get(k).cloned()).expect("every chunk stored");
            prop_assert_eq!(&text, &store_plan(&plan, "2026-11-22T10:00:00Z"));
            let back = import_plan(&text).expect("imports");
            prop_assert!(back.repairs.is_empty(), "{:?}", back.repairs);
            prop_assert_eq!(&back.plan, &plan);
            // Storage holds the manifest and exactly its chunks.
            let keys: HashSet<String> = store.keys().filter(|k| *k != "manifest").cloned().collect();
            prop_assert_eq!(keys, m.keys());
        }
    }
}

#[test]
fn the_stress_plan_round_trips_and_an_edit_writes_little() {
    let mut plan = waymark::core::stress::stress_plan(1);
    let mut cache = ChunkCache::default();
    let mut store = HashMap::new();
    let m = save(&mut cache, &mut store, &plan);
    let text = assemble(&m, |k| store.get(k).cloned()).unwrap();
    assert_eq!(text, store_plan(&plan, "2026-11-22T10:00:00Z"));
    assert_eq!(import_plan(&text).unwrap().plan, plan);
    let keys = store.len();
    assert!(keys < 600, "{keys} keys for the stress plan");
    // Move an action (the benchmark's edit): the group or two it is in.
    plan.priorities[1].actions.swap(4, 5);
    let old: HashSet<String> = m.keys();
    let p = cache.prepare(&plan, "t", "s", &|k| old.contains(k));
    assert!(
        (1..=2).contains(&p.writes.len()),
        "{} chunks",
        p.writes.len()
    );
    let written = p.written_chars();
    assert!(written < 100_000, "{written} chars written for one move");
    // Every chunk is small.
    let biggest = store.values().map(String::len).max().unwrap();
    assert!(biggest < 80_000, "a chunk of {biggest} chars");
}

/// Timing of what an autosave does, on the host (run with
/// `cargo test --release --test store -- --ignored --nocapture`).
#[test]
#[ignore]
fn timing_compare_versus_serialise() {
    use std::time::Instant;
    let plan = waymark::core::stress::stress_plan(1);
    let copy = plan.clone();
    let time = |what: &str, f: &mut dyn FnMut()| {
        f();
        let t = Instant::now();
        for _ in 0..10 {
            f();
        }
        println!("{what}: {:?}", t.elapsed() / 10);
    };
    time("serialise the whole plan", &mut || {
        std::hint::black_box(store_plan(&plan, "t"));
    });
    time("compare the whole plan with a copy", &mut || {
        assert!(std::hint::black_box(&plan) == std::hint::black_box(&copy));
    });
    let mut cache = ChunkCache::default();
    let mut store = HashMap::new();
    save(&mut cache, &mut store, &plan);
    let old: HashSet<String> = Manifest::parse(&store["manifest"]).unwrap().keys();
    time("prepare, nothing changed", &mut || {
        std::hint::black_box(cache.prepare(&plan, "t", "s", &|k| old.contains(k)));
    });
    let mut edited = plan.clone();
    edited.priorities[1].actions.swap(4, 5);
    time("prepare, one action moved", &mut || {
        std::hint::black_box(cache.prepare(&edited, "t", "s", &|k| old.contains(k)));
    });
    time("parse the manifest", &mut || {
        std::hint::black_box(Manifest::parse(&store["manifest"]).unwrap().keys());
    });
}
