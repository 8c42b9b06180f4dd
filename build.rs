//! Minifies the example plan for embedding: `data/example-plan.jsonc` keeps its
//! transcription notes as comments for people; the app embeds the same JSON without
//! comments or whitespace (smaller wasm, nothing to strip at start-up).

use std::{env, fs, path::Path};

#[path = "src/core/jsonc.rs"]
mod jsonc;

fn main() {
    let src_path = "data/example-plan.jsonc";
    println!("cargo:rerun-if-changed={src_path}");
    let src = fs::read_to_string(src_path).expect("data/example-plan.jsonc is readable");
    let value: serde_json::Value = serde_json::from_str(&jsonc::strip_json_comments(&src))
        .expect("data/example-plan.jsonc is valid JSON with comments");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set")).join("example-plan.json");
    fs::write(out, serde_json::to_string(&value).expect("serialises"))
        .expect("OUT_DIR is writable");
}
