//! Where in a JSON text a position falls, as a path such as
//! `priorities[2].actions[5].due`: used to name the place of a bad value when a
//! file does not match the plan's types (serde_json gives only a line and column).

/// The path of the value being read at `line`/`column` (1-based, as serde_json
/// reports them; the column counts bytes) of `text`, which must be the JSON text
/// that was parsed. Keys that are not plain names are quoted: `glossary["a b"]`.
/// Returns "." at the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let offset = offset_of(text, line, column);
    let bytes = text.as_bytes();
    // One entry a container: its current key (objects) or index (arrays).
    enum Step {
        Key(Option<String>),
        Index(usize),
    }
    let mut stack: Vec<Step> = Vec::new();
    // In an object: is the next string a key (true) or a value?
    let mut expect_key = false;
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if expect_key {
                    let raw = &text[start..i.min(text.len())];
                    let key = serde_json::from_str::<String>(&format!("\"{raw}\""))
                        .unwrap_or_else(|_| raw.to_string());
                    if let Some(Step::Key(k)) = stack.last_mut() {
                        *k = Some(key);
                    }
                    expect_key = false;
                }
            }
            b'{' => {
                stack.push(Step::Key(None));
                expect_key = true;
            }
            b'[' => {
                stack.push(Step::Index(0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Step::Index(n)) => *n += 1,
                Some(Step::Key(_)) => expect_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut out = String::new();
    for step in &stack {
        match step {
            Step::Key(Some(k)) if is_name(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Key(Some(k)) => {
                out.push('[');
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(']');
            }
            Step::Key(None) => {}
            Step::Index(n) => {
                out.push_str(&format!("[{n}]"));
            }
        }
    }
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

fn is_name(k: &str) -> bool {
    !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !k.starts_with(|c: char| c.is_ascii_digit())
}

/// The byte offset of a 1-based line and byte column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        items: Vec<Item>,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        #[serde(default)]
        size: u8,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn path_of_error(text: &str) -> String {
        let e = serde_json::from_str::<Doc>(text).unwrap_err();
        path_at(text, e.line(), e.column())
    }

    #[test]
    fn names_the_place_of_a_bad_value() {
        let text = r#"{"title": "x", "items": [{"name": "a"}, {"name": "b", "size": "big"}]}"#;
        assert_eq!(path_of_error(text), "items[1].size");
        let text = "{\n  \"title\": \"x\",\n  \"items\": [\n    {\"name\": \"a\", \"tags\": [\"p\", 7]}\n  ]\n}";
        assert_eq!(path_of_error(text), "items[0].tags[1]");
        let text = r#"{"title": 5, "items": []}"#;
        assert_eq!(path_of_error(text), "title");
    }

    #[test]
    fn a_missing_field_is_placed_at_its_object() {
        let text = r#"{"title": "x", "items": [{"name": "a"}, {"size": 3}]}"#;
        assert_eq!(path_of_error(text), "items[1]");
    }

    #[test]
    fn strings_with_brackets_quotes_and_escapes_do_not_confuse_it() {
        let text = r#"{"title": "a [b] {c}, \"d\" \\", "items": [{"name": "x,y]", "size": 300}]}"#;
        assert_eq!(path_of_error(text), "items[0].size");
    }

    #[test]
    fn odd_keys_are_quoted_and_the_top_is_a_dot() {
        assert_eq!(path_at(r#"{"a b": [1, 2]}"#, 1, 13), r#"["a b"][1]"#);
        assert_eq!(path_at("[1, 2]", 1, 0), ".");
        assert_eq!(path_at("", 3, 9), ".");
    }
}
