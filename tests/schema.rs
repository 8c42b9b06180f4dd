//! The published JSON Schema matches the Rust types. If the format changes, write the
//! new schema with: WAYMARK_WRITE_SCHEMA=1 cargo test --test schema

use waymark::core::format::json_schema;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/public/schema/waymark-plan-1.schema.json"
);

#[test]
fn shipped_schema_matches_the_types() {
    let generated = json_schema();
    if std::env::var_os("WAYMARK_WRITE_SCHEMA").is_some() {
        std::fs::write(PATH, &generated).unwrap();
    }
    let shipped =
        std::fs::read_to_string(PATH).expect("public/schema/waymark-plan-1.schema.json exists");
    assert!(
        shipped == generated,
        "public/schema/waymark-plan-1.schema.json is out of date: run WAYMARK_WRITE_SCHEMA=1 cargo test --test schema"
    );
}
