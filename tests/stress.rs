//! The stress plan: deterministic, the promised size and shape, sound enough to
//! pass the import path with no repairs — and how long the monitoring views take
//! on it.

use std::collections::HashSet;
use std::time::Instant;
use waymark::core::compare::compare;
use waymark::core::format::{export_plan, import_plan, store_plan};
use waymark::core::model::{ActionStatus, Plan, Polarity, Rag};
use waymark::core::rollup::{data_health, exceptions, overdue, recent_updates, rollup};
use waymark::core::stress::{self, stress_plan};
use waymark::core::value::Target;

const AT: &str = "2025-10-01T00:00:00Z";
const MB: usize = 1_000_000;
const MIB: usize = 1024 * 1024;

/// The text the bin writes: pretty, or compact when pretty is over 5 MiB.
fn file_text(plan: &Plan) -> String {
    let pretty = export_plan(plan, AT);
    if pretty.len() > 5 * MIB {
        store_plan(plan, AT)
    } else {
        pretty
    }
}

#[test]
fn same_seed_same_plan() {
    let a = stress_plan(7);
    let b = stress_plan(7);
    assert_eq!(a, b);
    assert_eq!(store_plan(&a, AT), store_plan(&b, AT), "byte-identical");
    let c = stress_plan(8);
    assert_ne!(a, c, "another seed, another plan");
    assert_eq!(c.action_count(), stress::ACTIONS);
}

#[test]
fn counts_and_shape() {
    let plan = stress_plan(1);
    assert_eq!(plan.priorities.len(), 40);
    assert_eq!(plan.action_count(), 2_000);
    assert_eq!(plan.kpis.len(), 500);
    assert!(plan.kpis.iter().all(|k| k.series.len() == 12));
    assert!(plan.priorities.iter().any(|p| !p.outcomes.is_empty()));
    assert!(plan.priorities.iter().any(|p| p.outcomes.is_empty()));

    let mut statuses = HashSet::new();
    let mut rags = HashSet::new();
    let mut leads = HashSet::new();
    let mut text = 0usize;
    let mut done = 0;
    let mut not_done = 0;
    for r in plan.actions() {
        let a = r.action;
        assert_eq!(a.updates.len(), 3, "{}", a.reference);
        assert!(a.updates.iter().all(|u| u.date.is_some()));
        assert!(
            a.updates.windows(2).all(|w| w[0].date <= w[1].date),
            "log in date order"
        );
        assert!((1..=3).contains(&a.milestones.len()));
        done += a.milestones.iter().filter(|m| m.done).count();
        not_done += a.milestones.iter().filter(|m| !m.done).count();
        for u in &a.updates {
            rags.insert(u.rag);
            if matches!(u.rag, Rag::Red | Rag::Amber) {
                assert!(!u.reason.is_empty(), "a red or amber update says why");
            }
        }
        statuses.insert(format!("{:?}", a.status));
        leads.extend(a.leads.iter().cloned());
        text += [
            &a.title,
            &a.description,
            &a.starting_point,
            &a.timeline,
            &a.resources,
            &a.projected_outcomes,
        ]
        .iter()
        .map(|s| s.chars().count())
        .sum::<usize>();
        text += a
            .risks
            .iter()
            .map(|r| r.description.chars().count() + r.mitigation.chars().count())
            .sum::<usize>();
    }
    let per_action = text / plan.action_count();
    println!("stress plan: {per_action} characters of text per action on average");
    assert!((500..=700).contains(&per_action), "{per_action}");
    assert!(done > 0 && not_done > 0);
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    assert!(rags.contains(&Rag::Green) && rags.contains(&Rag::Amber) && rags.contains(&Rag::Red));
    assert!((25..=35).contains(&leads.len()), "{} leads", leads.len());
    // Mostly green.
    let r = rollup(&plan, stress::as_at());
    assert!(
        r.actions.green > r.actions.amber + r.actions.red,
        "{:?}",
        r.actions
    );
    assert!(r.actions.red > 0 && r.actions.blue > 0);
    // KPI variety.
    let values = plan.kpis.iter().flat_map(|k| &k.series);
    let (mut provisional, mut not_available, mut relative, mut numeric) = (0, 0, 0, 0);
    for p in values {
        if let Some(a) = &p.actual {
            provisional += usize::from(a.provisional);
            not_available += usize::from(!a.is_available());
        }
        match &p.target {
            Some(Target::Relative { .. }) => relative += 1,
            Some(Target::Value { .. }) => numeric += 1,
            _ => {}
        }
    }
    assert!(provisional > 0 && not_available > 0 && relative > 0 && numeric > relative);
    for pol in Polarity::ALL {
        assert!(plan.kpis.iter().any(|k| k.polarity == pol), "{pol:?}");
    }
    assert!(plan.kpis.iter().all(|k| k.priority_id.is_some()));
    assert!(plan.kpis.iter().any(|k| k.outcome_id.is_some()));
    assert!(plan.actions().any(|r| !r.action.kpi_ids.is_empty()));
    assert!(
        r.kpis.green > 0 && r.kpis.red > 0 && r.kpis.not_rated > 0,
        "{:?}",
        r.kpis
    );
}

#[test]
fn ids_and_references_are_unique() {
    let plan = stress_plan(3);
    let mut ids = HashSet::new();
    let mut add = |id: &waymark::core::model::Id| assert!(ids.insert(id.0.clone()), "{id}");
    add(&plan.id);
    for r in &plan.risks {
        add(&r.id);
    }
    for p in &plan.priorities {
        add(&p.id);
        for o in &p.outcomes {
            add(&o.id);
        }
    }
    for r in plan.actions() {
        let a = r.action;
        add(&a.id);
        a.milestones.iter().for_each(|m| add(&m.id));
        a.risks.iter().for_each(|x| add(&x.id));
        a.updates.iter().for_each(|u| add(&u.id));
    }
    for k in &plan.kpis {
        add(&k.id);
    }
    let refs: HashSet<&str> = plan
        .actions()
        .map(|r| r.action.reference.as_str())
        .collect();
    assert_eq!(refs.len(), 2_000);
    let codes: HashSet<&str> = plan.kpis.iter().map(|k| k.code.as_str()).collect();
    assert_eq!(codes.len(), 500);
}

#[test]
fn round_trips_through_import_with_no_repairs() {
    for seed in [1, 99] {
        let plan = stress_plan(seed);
        let texts = if seed == 1 {
            vec![export_plan(&plan, AT), store_plan(&plan, AT)]
        } else {
            vec![store_plan(&plan, AT)]
        };
        for text in texts {
            let back = import_plan(&text).expect("imports");
            assert!(back.repairs.is_empty(), "repairs: {:?}", back.repairs);
            assert!(back.plan == plan, "seed {seed}: the plan changed on import");
        }
    }
    let plan = stress_plan(1);
    let back = import_plan(&file_text(&plan)).unwrap().plan;
    assert!(compare(&plan, &back).is_empty());
}

#[test]
fn file_size() {
    let plan = stress_plan(1);
    let pretty = export_plan(&plan, AT).len();
    let compact = store_plan(&plan, AT).len();
    let written = file_text(&plan).len();
    println!(
        "stress plan (seed 1): pretty {pretty} bytes, compact {compact} bytes; the bin writes {written} bytes ({})",
        if written == pretty { "pretty" } else { "compact" }
    );
    assert!((3 * MB..=5 * MIB).contains(&written), "{written} bytes");
    assert!(written < waymark::core::format::MAX_FILE_BYTES);
}

#[test]
fn the_bin_writes_an_importable_file() {
    let dir = std::env::temp_dir().join(format!("waymark-stress-test-{}", std::process::id()));
    let path = dir.join("plan.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_waymark-stress"))
        .arg(&path)
        .arg("5")
        .status()
        .expect("runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, file_text(&stress_plan(5)));
    let back = import_plan(&text).unwrap();
    assert!(back.repairs.is_empty());
    assert_eq!(back.plan, stress_plan(5));
    std::fs::remove_dir_all(&dir).ok();
    // A bad seed is refused in words.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_waymark-stress"))
        .arg(dir.join("never.json"))
        .arg("seven")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SEED must be a whole number"));
    assert!(!dir.join("never.json").exists());
}

/// Prints timings; asserts nothing about them (machines differ). Run with
/// `cargo test --release --test stress -- --nocapture timing` for real figures.
#[test]
fn timing() {
    let t = Instant::now();
    let plan = stress_plan(1);
    let build = t.elapsed();
    let at = stress::as_at();
    // Best of five runs of each, so a cold cache does not count.
    let best = |f: &dyn Fn()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let r = rollup(&plan, at);
    let h = data_health(&plan, at);
    let roll = best(&|| {
        std::hint::black_box(rollup(&plan, at));
    });
    let health = best(&|| {
        std::hint::black_box(data_health(&plan, at));
    });
    let e = exceptions(&plan, at);
    let o = overdue(&plan, at);
    let u = recent_updates(&plan, at, 90);
    let rest = best(&|| {
        std::hint::black_box((
            exceptions(&plan, at),
            overdue(&plan, at),
            recent_updates(&plan, at, 90),
        ));
    });
    let t = Instant::now();
    let text = store_plan(&plan, AT);
    let back = import_plan(&text).unwrap().plan;
    let io = t.elapsed();
    let t = Instant::now();
    let c = compare(&plan, &back);
    let cmp = t.elapsed();
    println!(
        "stress timing ({}): build {build:?}; rollup {roll:?}; data_health {health:?} (score {}, {} gaps); \
         exceptions + overdue + recent {rest:?} ({} / {} / {}); export + import {io:?}; compare {cmp:?}",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        h.score,
        h.gaps.len(),
        e.len(),
        o.len(),
        u.len(),
    );
    assert_eq!(r.actions.total(), 2_000);
    assert!(c.is_empty());
    assert!(plan
        .actions()
        .any(|r| r.action.status == ActionStatus::Complete));
}
