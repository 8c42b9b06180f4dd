//! Writes a large, realistic plan file for stress testing.
//!
//! ```text
//! waymark-stress [OUT_PATH] [SEED]
//! ```
//!
//! OUT_PATH defaults to `tests/fixtures/stress-plan.json`, SEED to 1. The file is
//! the ordinary export (pretty-printed), or the compact form when the pretty one
//! would be larger than 5 MB. Do not commit the file: it is several megabytes.

use std::process::ExitCode;
use waymark::core::format::{export_plan, store_plan};
use waymark::core::stress::stress_plan;

/// Above this size the compact form is written instead of the pretty one.
const PRETTY_LIMIT: usize = 5 * 1024 * 1024;
/// The export time written into the file, fixed so one seed gives one file.
const EXPORTED_AT: &str = "2025-10-01T00:00:00Z";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .unwrap_or_else(|| "tests/fixtures/stress-plan.json".to_string());
    let seed = match args.next() {
        None => 1,
        Some(s) => match s.parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("waymark-stress: SEED must be a whole number, not '{s}'");
                eprintln!("usage: waymark-stress [OUT_PATH] [SEED]");
                return ExitCode::from(2);
            }
        },
    };
    if out == "-h" || out == "--help" {
        println!("usage: waymark-stress [OUT_PATH] [SEED]");
        return ExitCode::SUCCESS;
    }
    let plan = stress_plan(seed);
    let mut text = export_plan(&plan, EXPORTED_AT);
    let mut form = "pretty";
    if text.len() > PRETTY_LIMIT {
        text = store_plan(&plan, EXPORTED_AT);
        form = "compact";
    }
    let path = std::path::Path::new(&out);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("waymark-stress: cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = std::fs::write(path, &text) {
        eprintln!("waymark-stress: cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "Wrote {out}: seed {seed}, {} bytes ({form}), {} priorities, {} actions, {} KPIs.",
        text.len(),
        plan.priorities.len(),
        plan.action_count(),
        plan.kpis.len()
    );
    ExitCode::SUCCESS
}
