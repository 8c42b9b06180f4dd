//! How long the import path takes on the 4 MB stress plan, natively, against a
//! bare `serde_json::Value` parse of the same text. Ignored (it measures, it does
//! not check); run with
//! `cargo test --release --test import_speed -- --ignored --nocapture`.

use std::time::{Duration, Instant};
use waymark::core::format::{import_plan, import_plan_via_tree, store_plan};
use waymark::core::model::Plan;
use waymark::core::repair::repair;
use waymark::core::stress::stress_plan;

fn best_of(n: usize, mut f: impl FnMut()) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
#[ignore]
fn import_timings() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/bench/stress-plan.json"
    ))
    .unwrap_or_else(|_| store_plan(&stress_plan(1), "2025-10-01T00:00:00Z"));
    let n = 30;
    let value = best_of(n, || {
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(&text).unwrap());
    });
    let import = best_of(n, || {
        std::hint::black_box(import_plan(&text).unwrap());
    });
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Env {
        format: String,
        format_version: u64,
        plan: Plan,
    }
    let typed = best_of(n, || {
        std::hint::black_box(serde_json::from_str::<Env>(&text).unwrap());
    });
    let value_to_plan = best_of(n, || {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        std::hint::black_box(serde_json::from_value::<Env>(v).unwrap());
    });
    let tree = best_of(n, || {
        std::hint::black_box(import_plan_via_tree(&text).unwrap());
    });
    let plan = import_plan(&text).unwrap().plan;
    let mut copies = vec![plan.clone(); n];
    let rep = best_of(n, || {
        let mut p = copies.pop().unwrap();
        std::hint::black_box(repair(&mut p));
    });
    let clone = best_of(n, || {
        std::hint::black_box(plan.clone());
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("text: {} bytes", text.len());
    println!("serde_json::Value parse: {:8.2} ms", ms(value));
    println!(
        "import_plan:             {:8.2} ms  ({:.2}× Value)",
        ms(import),
        ms(import) / ms(value)
    );
    println!("import_plan_via_tree:    {:8.2} ms", ms(tree));
    println!("typed from_str (derived envelope): {:.2} ms", ms(typed));
    println!("Value then from_value:   {:8.2} ms", ms(value_to_plan));
    println!(
        "repair:                  {:8.2} ms  (Plan::clone {:.2} ms)",
        ms(rep),
        ms(clone)
    );
}

/// One import after another, for a profiler:
/// `perf record -g target/release/deps/import_speed-… --ignored import_loop`, or
/// `IMPORT_LOOP=1 valgrind --tool=callgrind …` for instruction counts.
#[test]
#[ignore]
fn import_loop() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/bench/stress-plan.json"
    ))
    .unwrap_or_else(|_| store_plan(&stress_plan(1), "2025-10-01T00:00:00Z"));
    let n = std::env::var("IMPORT_LOOP").map_or(40, |n| n.parse().unwrap());
    for _ in 0..n {
        std::hint::black_box(import_plan(&text).unwrap());
    }
}
