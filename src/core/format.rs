//! The plan file format: a versioned envelope around the plan, and the one path
//! every plan read from outside goes through — parse → check envelope → migrate →
//! decode → repair — whether it comes from a file or from local storage.
//!
//! ```json
//! { "format": "waymark-plan", "format_version": 1, "app_version": "0.1.0",
//!   "exported_at": "2026-11-22T10:00:00Z", "plan": { "title": "…", … } }
//! ```

use super::model::{Id, Plan};
use super::repair::{repair, Repair};
use serde::Serialize;
use serde_json::Value as Json;

/// The `format` field of every Waymark file.
pub const FORMAT_NAME: &str = "waymark-plan";
/// The format version this build writes. Files of a newer version are refused.
pub const FORMAT_VERSION: u64 = 1;
/// This build's version, written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// What an export holds, in this exact field order.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    format_version: u64,
    app_version: &'static str,
    exported_at: &'a str,
    plan: &'a Plan,
}

/// Writes a plan as a pretty-printed file. Field order is fixed by the types, so
/// two exports of one plan at one time are byte-identical.
pub fn export_plan(plan: &Plan, exported_at: &str) -> String {
    let env = Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        app_version: APP_VERSION,
        exported_at,
        plan,
    };
    serde_json::to_string_pretty(&env).expect("a plan always serialises")
}

/// Writes a plan compactly, for local storage.
pub fn store_plan(plan: &Plan, saved_at: &str) -> String {
    let env = Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        app_version: APP_VERSION,
        exported_at: saved_at,
        plan,
    };
    serde_json::to_string(&env).expect("a plan always serialises")
}

/// The file format as one type: the strict shape of an export, from which the
/// published JSON Schema is generated (`public/schema/waymark-plan-1.schema.json`).
#[cfg(not(target_arch = "wasm32"))]
#[derive(schemars::JsonSchema)]
#[schemars(
    title = "Waymark plan file",
    description = "A whole improvement plan as exported by Waymark: a versioned envelope around the plan."
)]
pub struct PlanFile {
    /// Always "waymark-plan".
    #[schemars(regex(pattern = r"^waymark-plan$"))]
    pub format: String,
    /// The format version (this schema describes version 1). Files of a newer version are refused.
    #[schemars(range(min = 0, max = 1))]
    pub format_version: u64,
    /// The version of Waymark that wrote the file.
    pub app_version: String,
    /// When the file was written (ISO 8601).
    pub exported_at: String,
    pub plan: Plan,
}

/// The JSON Schema of the plan file, as published.
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    let mut s = serde_json::to_string_pretty(&schemars::schema_for!(PlanFile))
        .expect("a schema serialises");
    s.push('\n');
    s
}

/// Why a file could not be opened, in words for the person who chose it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is {size_mb:.1} MB; the largest plan file Waymark opens is {limit_mb} MB.")]
    TooLarge { size_mb: f64, limit_mb: usize },
    #[error("This is not a plan file: it is not JSON text ({detail}).")]
    NotText { detail: String },
    #[error("This is not a plan file: line {line}, column {column}: {message}.")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("This JSON file is not a Waymark plan: {0}.")]
    NotAPlan(String),
    #[error("This plan was saved by a newer version of Waymark (file format {found}); this version reads format {supported} and older. Open it with Waymark {needed} or later.")]
    TooNew {
        found: u64,
        supported: u64,
        needed: String,
    },
    #[error("The plan cannot be read: {path}: {message}.")]
    Invalid { path: String, message: String },
}

/// A plan read successfully, with what had to be changed to make it sound.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    /// The format version the file had before migration.
    pub from_version: u64,
    pub app_version: Option<String>,
    pub exported_at: Option<String>,
    pub repairs: Vec<Repair>,
}

/// Reads a plan file (or stored plan) through the one import path.
pub fn import_plan(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size_mb: text.len() as f64 / (1024.0 * 1024.0),
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let trimmed = text.trim_start_matches('\u{feff}');
    if trimmed.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if trimmed.contains('\u{0}') {
        return Err(ImportError::NotText {
            detail: "it holds binary data, like a Word document or an image".into(),
        });
    }
    let json: Json = serde_json::from_str(trimmed).map_err(|e| ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    let Json::Object(mut obj) = json else {
        return Err(ImportError::NotAPlan(format!(
            "it holds {} where a plan file holds an object",
            json_kind(&json)
        )));
    };
    let (from_version, plan_json) = match obj.get("format").and_then(Json::as_str) {
        Some(FORMAT_NAME) => {
            let version = match obj.get("format_version") {
                Some(v) => v.as_u64().ok_or_else(|| {
                    ImportError::NotAPlan("its format_version is not a whole number".into())
                })?,
                None => {
                    return Err(ImportError::NotAPlan("it has no format_version".into()));
                }
            };
            if version > FORMAT_VERSION {
                let needed = obj
                    .get("app_version")
                    .and_then(Json::as_str)
                    .unwrap_or("a newer version")
                    .to_string();
                return Err(ImportError::TooNew {
                    found: version,
                    supported: FORMAT_VERSION,
                    needed,
                });
            }
            let plan = obj
                .remove("plan")
                .ok_or_else(|| ImportError::NotAPlan("it has no plan in it".into()))?;
            (version, plan)
        }
        Some(other) => {
            return Err(ImportError::NotAPlan(format!(
                "its format is '{}', not '{FORMAT_NAME}'",
                truncate(other, 60)
            )))
        }
        // Version 0: a bare plan object, as early exports wrote it.
        None if obj.contains_key("priorities") && obj.contains_key("title") => {
            (0, Json::Object(obj.clone()))
        }
        None => {
            return Err(ImportError::NotAPlan(
                "it has no 'format' field naming it a Waymark plan".into(),
            ))
        }
    };
    let plan_json =
        super::migrate::migrate(plan_json, from_version).map_err(ImportError::NotAPlan)?;
    if !plan_json.is_object() {
        return Err(ImportError::NotAPlan(format!(
            "its plan is {}, not an object",
            json_kind(&plan_json)
        )));
    }
    let mut plan: Plan = serde_path_to_error::deserialize(plan_json).map_err(|e| {
        let path = e.path().to_string();
        ImportError::Invalid {
            path: if path == "." { "plan".into() } else { path },
            message: clean_serde_message(&e.inner().to_string()),
        }
    })?;
    let repairs = repair(&mut plan);
    if plan.id.as_str().is_empty() {
        plan.id = Id::new("plan");
    }
    Ok(Imported {
        plan,
        from_version,
        app_version: obj
            .get("app_version")
            .and_then(Json::as_str)
            .map(str::to_string),
        exported_at: obj
            .get("exported_at")
            .and_then(Json::as_str)
            .map(str::to_string),
        repairs,
    })
}

fn json_kind(j: &Json) -> &'static str {
    match j {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "text",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn syntax_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    // serde_json appends " at line L column C"; we say that ourselves.
    let m = match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    };
    match m.as_str() {
        "expected value" => "expected a value here".into(),
        "trailing comma" => "unexpected comma".into(),
        "EOF while parsing an object" | "EOF while parsing a list" => {
            "the file ends too early (it may be cut short)".into()
        }
        "trailing characters" => "unexpected text after the end of the plan".into(),
        _ => m,
    }
}

fn clean_serde_message(m: &str) -> String {
    let m = match m.rfind(" at line ") {
        Some(i) => &m[..i],
        None => m,
    };
    m.replace("invalid type: ", "wrong kind of value: ")
        .replace("unknown variant", "unknown choice")
}

pub use super::jsonc::strip_json_comments;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_comments_but_not_strings() {
        let s = "{ // note\n \"a\": \"http://x//y\", /* block\n */ \"b\": 1 }";
        let v: Json = serde_json::from_str(&strip_json_comments(s)).unwrap();
        assert_eq!(v["a"], "http://x//y");
        assert_eq!(v["b"], 1);
    }

    #[test]
    fn refuses_what_is_not_a_plan() {
        assert_eq!(import_plan(""), Err(ImportError::Empty));
        assert!(matches!(
            import_plan("code,title\nNI 72,EYFS"),
            Err(ImportError::Syntax { line: 1, .. })
        ));
        assert!(matches!(
            import_plan("[1,2]"),
            Err(ImportError::NotAPlan(_))
        ));
        assert!(matches!(
            import_plan(
                r#"{"format":"waymark-plan","format_version":99,"app_version":"9.0.0","plan":{}}"#
            ),
            Err(ImportError::TooNew { found: 99, .. })
        ));
        let e = import_plan("{\"a\": 1,}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "This is not a plan file: line 1, column 9: unexpected comma."
        );
    }

    #[test]
    fn names_the_place_of_a_bad_date() {
        let text = r#"{"format":"waymark-plan","format_version":1,"plan":{"title":"T","priorities":[{"id":"p1","actions":[{"id":"a1","due":"2009-02-31"}]}]}}"#;
        let e = import_plan(text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "The plan cannot be read: priorities[0].actions[0].due: '2009-02-31' is not a real date."
        );
    }
}
