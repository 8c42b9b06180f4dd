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
///
/// A file of the current format version is first decoded straight from the text
/// into the plan (the fast path: no JSON tree, no error-path tracking). If that
/// fails for any reason, or the file is of an older version, the text is read
/// again through the JSON tree (parse → check envelope → migrate → decode), which
/// gives the precise error. So the fast path changes how quickly a good file is
/// read, never what is read or what an error says.
pub fn import_plan(text: &str) -> Result<Imported, ImportError> {
    let text = check_text(text)?;
    match fast::import_current(text) {
        Some(imported) => Ok(imported),
        None => import_via_tree(text),
    }
}

/// The import path without the fast path: every file through the JSON tree.
/// For tests, which check that both paths read every file alike.
#[doc(hidden)]
pub fn import_plan_via_tree(text: &str) -> Result<Imported, ImportError> {
    import_via_tree(check_text(text)?)
}

/// The fast path alone: `None` when it does not read the file (which then goes
/// through the JSON tree). For tests.
#[doc(hidden)]
pub fn import_plan_fast_only(text: &str) -> Option<Imported> {
    fast::import_current(check_text(text).ok()?)
}

/// The checks made before any parsing; gives the text without a byte-order mark.
fn check_text(text: &str) -> Result<&str, ImportError> {
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
    Ok(trimmed)
}

/// The last step of both paths: repair, and a plan id if it has none.
fn finish(
    mut plan: Plan,
    from_version: u64,
    app_version: Option<String>,
    exported_at: Option<String>,
) -> Imported {
    let repairs = repair(&mut plan);
    if plan.id.as_str().is_empty() {
        plan.id = Id::new("plan");
    }
    Imported {
        plan,
        from_version,
        app_version,
        exported_at,
        repairs,
    }
}

/// The slow path: parse → check envelope → migrate → decode (with the path of
/// any error).
fn import_via_tree(trimmed: &str) -> Result<Imported, ImportError> {
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
    // Decoded by the fast path's own code, from the (migrated) plan written out
    // again as text; the place of an error is found from its line and column.
    let plan_text = serde_json::to_string(&plan_json)
        .map_err(|e| ImportError::NotAPlan(clean_serde_message(&e.to_string())))?;
    let plan: Plan = fast::decode_plan(&plan_text).map_err(|e| {
        let path = super::jsonpath::path_at(&plan_text, e.line(), e.column());
        ImportError::Invalid {
            path: if path == "." { "plan".into() } else { path },
            message: clean_serde_message(&e.to_string()),
        }
    })?;
    let text_of = |key: &str| obj.get(key).and_then(Json::as_str).map(str::to_string);
    Ok(finish(
        plan,
        from_version,
        text_of("app_version"),
        text_of("exported_at"),
    ))
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

/// The fast path: a file of the current format version decoded straight from the
/// text. It must never read a file differently from the slow path; so it is
/// stricter, never looser, and anything it does not accept goes the slow way:
/// - the file and its `plan` must be JSON objects (a derived struct would also
///   take a list);
/// - `format` must be "waymark-plan" and `format_version` exactly
///   [`FORMAT_VERSION`]; `app_version` and `exported_at` text or null;
/// - a key given twice is refused (the JSON tree would keep the last);
/// - a field Waymark does not know is still checked as JSON the way the tree
///   would check it (numbers in range, strings well formed, nesting no deeper
///   than the tree allows), where serde_json would skip over it unchecked.
mod fast {
    use super::{finish, Imported, FORMAT_NAME, FORMAT_VERSION};
    use crate::core::model::Plan;
    use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
    use serde::Deserialize;
    use std::borrow::Cow;
    use std::fmt;

    pub(super) fn import_current(text: &str) -> Option<Imported> {
        let mut de = serde_json::Deserializer::from_str(text);
        let env = strict::Strict(&mut de)
            .deserialize_map(EnvelopeVisitor)
            .ok()?;
        de.end().ok()?;
        if env.format.as_deref() != Some(FORMAT_NAME) || env.format_version != Some(FORMAT_VERSION)
        {
            return None;
        }
        Some(finish(
            env.plan?,
            FORMAT_VERSION,
            env.app_version.flatten(),
            env.exported_at.flatten(),
        ))
    }

    /// A plan object alone, decoded as the fast path decodes a file's plan (the
    /// same code, so a file reads alike whichever path it takes).
    pub(super) fn decode_plan(text: &str) -> Result<Plan, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let plan = PlanSeed.deserialize(strict::Strict(&mut de))?;
        de.end()?;
        Ok(plan)
    }

    #[derive(Default)]
    struct Envelope<'a> {
        format: Option<Cow<'a, str>>,
        format_version: Option<u64>,
        app_version: Option<Option<String>>,
        exported_at: Option<Option<String>>,
        plan: Option<Plan>,
    }

    #[derive(Deserialize)]
    #[serde(field_identifier, rename_all = "snake_case")]
    enum Key {
        Format,
        FormatVersion,
        AppVersion,
        ExportedAt,
        Plan,
        #[serde(other)]
        Other,
    }

    /// Sets a field once; a second time is an error (the fast path gives up).
    fn once<T, E: de::Error>(slot: &mut Option<T>, v: T) -> Result<(), E> {
        match slot {
            Some(_) => Err(E::custom("a key given twice")),
            None => {
                *slot = Some(v);
                Ok(())
            }
        }
    }

    struct EnvelopeVisitor;

    impl<'de> Visitor<'de> for EnvelopeVisitor {
        type Value = Envelope<'de>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a plan file")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<'de>, A::Error> {
            let mut env = Envelope::default();
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Format => once(&mut env.format, map.next_value::<Cow<'de, str>>()?)?,
                    Key::FormatVersion => once(&mut env.format_version, map.next_value()?)?,
                    Key::AppVersion => once(&mut env.app_version, map.next_value()?)?,
                    Key::ExportedAt => once(&mut env.exported_at, map.next_value()?)?,
                    Key::Plan => once(&mut env.plan, map.next_value_seed(PlanSeed)?)?,
                    Key::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(env)
        }
    }

    /// The plan, from a JSON object only.
    struct PlanSeed;

    impl<'de> DeserializeSeed<'de> for PlanSeed {
        type Value = Plan;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Plan, D::Error> {
            d.deserialize_map(PlanSeed)
        }
    }

    impl<'de> Visitor<'de> for PlanSeed {
        type Value = Plan;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a plan object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Plan, A::Error> {
            Plan::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }

    /// A deserializer that passes everything through to the one it wraps, except
    /// that a value being skipped (a field the types do not know) is parsed and
    /// checked in full, as the JSON tree would, instead of skipped unchecked.
    mod strict {
        use serde::de::{
            DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
        };
        use std::fmt;

        pub struct Strict<D>(pub D);
        /// A visitor, access or seed whose deserializers are wrapped in [`Strict`].
        pub struct Wrap<T>(T);

        macro_rules! forward_deserialize {
            ($($method:ident)*) => {$(
                fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
                    self.0.$method(Wrap(v))
                }
            )*};
        }

        impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
            type Error = D::Error;
            forward_deserialize! {
                deserialize_any deserialize_bool
                deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
                deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
                deserialize_f32 deserialize_f64 deserialize_char deserialize_str
                deserialize_string deserialize_bytes deserialize_byte_buf deserialize_option
                deserialize_unit deserialize_seq deserialize_map deserialize_identifier
            }
            fn deserialize_unit_struct<V: Visitor<'de>>(
                self,
                name: &'static str,
                v: V,
            ) -> Result<V::Value, D::Error> {
                self.0.deserialize_unit_struct(name, Wrap(v))
            }
            fn deserialize_newtype_struct<V: Visitor<'de>>(
                self,
                name: &'static str,
                v: V,
            ) -> Result<V::Value, D::Error> {
                self.0.deserialize_newtype_struct(name, Wrap(v))
            }
            fn deserialize_tuple<V: Visitor<'de>>(
                self,
                len: usize,
                v: V,
            ) -> Result<V::Value, D::Error> {
                self.0.deserialize_tuple(len, Wrap(v))
            }
            fn deserialize_tuple_struct<V: Visitor<'de>>(
                self,
                name: &'static str,
                len: usize,
                v: V,
            ) -> Result<V::Value, D::Error> {
                self.0.deserialize_tuple_struct(name, len, Wrap(v))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                name: &'static str,
                fields: &'static [&'static str],
                v: V,
            ) -> Result<V::Value, D::Error> {
                self.0.deserialize_struct(name, fields, Wrap(v))
            }
            fn deserialize_enum<V: Visitor<'de>>(
                self,
                name: &'static str,
                variants: &'static [&'static str],
                v: V,
            ) -> Result<V::Value, D::Error> {
                self.0.deserialize_enum(name, variants, Wrap(v))
            }
            fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
                self.0.deserialize_any(Check)?;
                v.visit_unit()
            }
            fn is_human_readable(&self) -> bool {
                self.0.is_human_readable()
            }
        }

        macro_rules! forward_visit {
            ($($method:ident($t:ty))*) => {$(
                fn $method<E: serde::de::Error>(self, x: $t) -> Result<V::Value, E> {
                    self.0.$method(x)
                }
            )*};
        }

        impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
            type Value = V::Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                self.0.expecting(f)
            }
            forward_visit! {
                visit_bool(bool)
                visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
                visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128)
                visit_f32(f32) visit_f64(f64) visit_char(char)
                visit_str(&str) visit_borrowed_str(&'de str) visit_string(String)
                visit_bytes(&[u8]) visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
                self.0.visit_none()
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
                self.0.visit_unit()
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
                self.0.visit_some(Strict(d))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<V::Value, D::Error> {
                self.0.visit_newtype_struct(Strict(d))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<V::Value, A::Error> {
                self.0.visit_seq(Wrap(a))
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<V::Value, A::Error> {
                self.0.visit_map(Wrap(a))
            }
            fn visit_enum<A: EnumAccess<'de>>(self, a: A) -> Result<V::Value, A::Error> {
                self.0.visit_enum(Wrap(a))
            }
        }

        impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<T> {
            type Value = T::Value;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T::Value, D::Error> {
                self.0.deserialize(Strict(d))
            }
        }

        impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Wrap<A> {
            type Error = A::Error;
            fn next_element_seed<T: DeserializeSeed<'de>>(
                &mut self,
                seed: T,
            ) -> Result<Option<T::Value>, A::Error> {
                self.0.next_element_seed(Wrap(seed))
            }
            fn size_hint(&self) -> Option<usize> {
                self.0.size_hint()
            }
        }

        impl<'de, A: MapAccess<'de>> MapAccess<'de> for Wrap<A> {
            type Error = A::Error;
            fn next_key_seed<K: DeserializeSeed<'de>>(
                &mut self,
                seed: K,
            ) -> Result<Option<K::Value>, A::Error> {
                self.0.next_key_seed(Wrap(seed))
            }
            fn next_value_seed<T: DeserializeSeed<'de>>(
                &mut self,
                seed: T,
            ) -> Result<T::Value, A::Error> {
                self.0.next_value_seed(Wrap(seed))
            }
            fn size_hint(&self) -> Option<usize> {
                self.0.size_hint()
            }
        }

        impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Wrap<A> {
            type Error = A::Error;
            type Variant = Wrap<A::Variant>;
            fn variant_seed<T: DeserializeSeed<'de>>(
                self,
                seed: T,
            ) -> Result<(T::Value, Wrap<A::Variant>), A::Error> {
                let (value, variant) = self.0.variant_seed(Wrap(seed))?;
                Ok((value, Wrap(variant)))
            }
        }

        impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Wrap<A> {
            type Error = A::Error;
            fn unit_variant(self) -> Result<(), A::Error> {
                self.0.unit_variant()
            }
            fn newtype_variant_seed<T: DeserializeSeed<'de>>(
                self,
                seed: T,
            ) -> Result<T::Value, A::Error> {
                self.0.newtype_variant_seed(Wrap(seed))
            }
            fn tuple_variant<V: Visitor<'de>>(
                self,
                len: usize,
                v: V,
            ) -> Result<V::Value, A::Error> {
                self.0.tuple_variant(len, Wrap(v))
            }
            fn struct_variant<V: Visitor<'de>>(
                self,
                fields: &'static [&'static str],
                v: V,
            ) -> Result<V::Value, A::Error> {
                self.0.struct_variant(fields, Wrap(v))
            }
        }

        /// Parses a value in full (as a JSON tree would) and keeps nothing.
        struct Check;

        impl<'de> DeserializeSeed<'de> for Check {
            type Value = ();
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_any(Check)
            }
        }

        impl<'de> Visitor<'de> for Check {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<(), E> {
                Ok(())
            }
            fn visit_i64<E>(self, _: i64) -> Result<(), E> {
                Ok(())
            }
            fn visit_u64<E>(self, _: u64) -> Result<(), E> {
                Ok(())
            }
            fn visit_f64<E>(self, _: f64) -> Result<(), E> {
                Ok(())
            }
            fn visit_str<E>(self, _: &str) -> Result<(), E> {
                Ok(())
            }
            fn visit_unit<E>(self) -> Result<(), E> {
                Ok(())
            }
            fn visit_none<E>(self) -> Result<(), E> {
                Ok(())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_any(Check)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
                while a.next_element_seed(Check)?.is_some() {}
                Ok(())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<(), A::Error> {
                while a.next_key_seed(Check)?.is_some() {
                    a.next_value_seed(Check)?;
                }
                Ok(())
            }
        }
    }
}

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
