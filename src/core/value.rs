//! KPI values and targets as plans write them, and how they read back.
//!
//! A cell in a KPI table is one of: blank (no [`Value`] at all); a number, maybe
//! provisional ("53.7 (p)", "86% (prov.)"), maybe with a count ("12 (23.1%)") or a
//! note ("as at Jul 09"); or explicitly not available ("Not yet available", "TBA",
//! "N/A", "New") — which is neither zero nor blank.

use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// One value of a KPI for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Value {
    /// The figure; `None` means explicitly not available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "is_false")]
    pub provisional: bool,
    /// A count given alongside a percentage: "12 (23.1%)" is count 12, value 23.1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<f64>,
    /// How a missing figure is worded ("Not yet available", "TBA", "N/A", "New").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A note on the value ("as at Jul 09").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Value {
    pub fn number(v: f64) -> Value {
        Value {
            value: Some(v),
            ..Value::default()
        }
    }
    pub fn provisional(v: f64) -> Value {
        Value {
            value: Some(v),
            provisional: true,
            ..Value::default()
        }
    }
    pub fn not_available(label: &str) -> Value {
        Value {
            label: Some(label.to_string()),
            ..Value::default()
        }
    }

    /// Whether this is a figure (as opposed to "not available").
    pub fn is_available(&self) -> bool {
        self.value.is_some()
    }

    /// The value in words for a table cell: "53.7 (provisional)", "Not yet available".
    pub fn display(&self, decimals: Option<u8>) -> String {
        let mut s = match self.value {
            Some(v) => {
                let n = format_number(v, decimals);
                match self.count {
                    Some(c) => format!("{} ({n})", format_number(c, Some(0))),
                    None => n,
                }
            }
            None => self
                .label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| "Not available".to_string()),
        };
        if self.provisional && self.value.is_some() {
            s.push_str(" (provisional)");
        }
        if let Some(n) = self.note.as_ref().filter(|n| !n.trim().is_empty()) {
            s.push_str(" — ");
            s.push_str(n);
        }
        s
    }
}

/// Formats a number with a fixed count of decimals (or as short as exact), with
/// thousands separators.
pub fn format_number(v: f64, decimals: Option<u8>) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let raw = match decimals {
        Some(d) => format!("{:.*}", usize::from(d), v),
        None => {
            // Shortest exact-looking form: up to 3 decimals, trailing zeros dropped.
            let s = format!("{v:.3}");
            let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            if s == "-0" {
                "0".to_string()
            } else {
                s
            }
        }
    };
    let (sign, rest) = match raw.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", raw.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A relative target: compared with a comparator or with earlier periods.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Relation {
    /// Within tolerance of the national average.
    InLineWithNational,
    /// Better than national in the KPI's polarity ("Continue to be lower than national").
    LowerThanNational,
    HigherThanNational,
    /// In line with statistical neighbours.
    InLineWithNeighbours,
    /// Lower than the previous available period.
    YearOnYearReduction,
    /// Higher than the previous available period.
    YearOnYearIncrease,
    /// A percentage change against the baseline ("-16% against the 1998 baseline").
    ChangeAgainstBaseline {
        percent: f64,
    },
}

/// A period's target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Target {
    /// A figure to reach.
    Value {
        value: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// A target stated against a comparator or trend; `text` keeps the plan's words.
    Relative { relation: Relation, text: String },
    /// A target in words that cannot be rated ("Maintain good practice").
    Text { text: String },
}

impl Target {
    pub fn value(v: f64) -> Target {
        Target::Value {
            value: v,
            note: None,
        }
    }

    pub fn display(&self, decimals: Option<u8>) -> String {
        match self {
            Target::Value { value, note } => match note.as_ref().filter(|n| !n.is_empty()) {
                Some(n) => format!("{} — {n}", format_number(*value, decimals)),
                None => format_number(*value, decimals),
            },
            Target::Relative { text, .. } | Target::Text { text } => text.clone(),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Target::Value { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// Words that mean "no figure" in the seeds' tables.
const NOT_AVAILABLE: &[&str] = &[
    "not yet available",
    "not available",
    "n/a",
    "na",
    "n.a.",
    "tba",
    "tbc",
    "new",
    "not known",
    "unknown",
    "-",
    "–",
    "—",
    "awaited",
    "data not yet available",
    "no data",
    "x",
];

/// Reads one table cell as a value. `Ok(None)` for a blank cell.
pub fn parse_value(cell: &str) -> Result<Option<Value>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let lower = t.to_lowercase();
    if NOT_AVAILABLE.contains(&lower.trim_end_matches('.')) || lower.starts_with("not yet") {
        return Ok(Some(Value::not_available(t)));
    }
    let mut rest = t.to_string();
    let mut provisional = false;
    let mut note = None;
    // Trailing "(p)", "(prov.)", "(provisional)", " p".
    for marker in ["(provisional)", "(prov.)", "(prov)", "(p)", "(P)"] {
        if let Some(i) = rest.find(marker) {
            provisional = true;
            let after = rest[i + marker.len()..].trim().to_string();
            if !after.is_empty() {
                note = Some(after);
            }
            rest = rest[..i].trim().to_string();
            break;
        }
    }
    // "12 (23.1%)": count with percentage.
    if let Some(open) = rest.find('(') {
        if let Some(close) = rest[open..].find(')') {
            let inner = rest[open + 1..open + close].trim().to_string();
            let outer = rest[..open].trim().to_string();
            let after = rest[open + close + 1..].trim().to_string();
            if let (Some(c), Some(p)) = (parse_number(&outer), parse_number(&inner)) {
                if inner.contains('%') {
                    return Ok(Some(Value {
                        value: Some(p),
                        count: Some(c),
                        provisional,
                        note: note.or_else(|| (!after.is_empty()).then_some(after)),
                        label: None,
                    }));
                }
            }
            // "-16% (2008 data)": a note in brackets.
            if let Some(v) = parse_number(&outer) {
                let mut n = inner;
                if !after.is_empty() {
                    n = format!("{n} {after}");
                }
                return Ok(Some(Value {
                    value: Some(v),
                    provisional,
                    note: Some(n),
                    ..Value::default()
                }));
            }
        }
    }
    // "86% as at Jul 09": number then words.
    let (num_part, words) = split_number_prefix(&rest);
    match parse_number(num_part) {
        Some(v) => {
            let words = words.trim();
            let note = note.or_else(|| (!words.is_empty()).then(|| words.to_string()));
            Ok(Some(Value {
                value: Some(v),
                provisional,
                note,
                ..Value::default()
            }))
        }
        None => Err(format!(
            "'{t}' is not a number or a recognised 'not available' wording"
        )),
    }
}

/// Splits "86% as at Jul 09" into ("86%", " as at Jul 09").
fn split_number_prefix(s: &str) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '%' | '£' | ' ' | '−'))
        })
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    (s[..end].trim(), &s[end..])
}

/// Reads a number as plans write it: "1,234", "£4,000", "86%", "−3.2".
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .replace('−', "-")
        .chars()
        .filter(|c| !matches!(c, ',' | '%' | '£' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() || cleaned == "-" || cleaned == "+" {
        return None;
    }
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads a target cell: a number, a relative target in words, or other words.
pub fn parse_target(cell: &str) -> Option<Target> {
    let t = cell.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(v) = parse_number(t) {
        return Some(Target::value(v));
    }
    let lower = t.to_lowercase();
    let relation = if lower.contains("in line with nat")
        || lower.contains("in line with na")
        || lower == "national"
        || lower.contains("at national")
    {
        Some(Relation::InLineWithNational)
    } else if lower.contains("in line with s") {
        Some(Relation::InLineWithNeighbours)
    } else if lower.contains("lower than nat") || lower.contains("below nat") {
        Some(Relation::LowerThanNational)
    } else if lower.contains("higher than nat")
        || lower.contains("above nat")
        || lower.contains("better than nat")
    {
        Some(Relation::HigherThanNational)
    } else if lower.contains("year on year reduction")
        || lower.contains("year-on-year reduction")
        || lower.contains("reduce")
        || lower.contains("reduction")
    {
        Some(Relation::YearOnYearReduction)
    } else if lower.contains("year on year increase")
        || lower.contains("year-on-year increase")
        || lower.contains("increase")
    {
        Some(Relation::YearOnYearIncrease)
    } else if lower.contains("baseline") {
        let (num, _) = split_number_prefix(t);
        parse_number(num).map(|p| Relation::ChangeAgainstBaseline { percent: p })
    } else {
        None
    };
    // A number with words after it: "-16% against the 1998 baseline" is relative;
    // "54 (stretch)" is a value with a note.
    if relation.is_none() {
        let (num, words) = split_number_prefix(t);
        if let Some(v) = parse_number(num) {
            return Some(Target::Value {
                value: v,
                note: Some(
                    words
                        .trim()
                        .trim_matches(|c| c == '(' || c == ')')
                        .to_string(),
                )
                .filter(|n| !n.is_empty()),
            });
        }
    }
    Some(match relation {
        Some(relation) => Target::Relative {
            relation,
            text: t.to_string(),
        },
        None => Target::Text {
            text: t.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_cell_forms() {
        assert_eq!(
            parse_value("53.7 (p)").unwrap(),
            Some(Value::provisional(53.7))
        );
        assert_eq!(
            parse_value("86% (prov.)").unwrap(),
            Some(Value::provisional(86.0))
        );
        let na = parse_value("Not yet available").unwrap().unwrap();
        assert!(!na.is_available());
        assert_eq!(na.display(None), "Not yet available");
        assert_eq!(
            parse_value("TBA").unwrap().unwrap().label.as_deref(),
            Some("TBA")
        );
        assert_eq!(parse_value("N/A").unwrap().unwrap().value, None);
        assert_eq!(parse_value("").unwrap(), None);
        let c = parse_value("12 (23.1%)").unwrap().unwrap();
        assert_eq!((c.count, c.value), (Some(12.0), Some(23.1)));
        assert_eq!(c.display(Some(1)), "12 (23.1)");
        assert_eq!(parse_value("£4,000").unwrap().unwrap().value, Some(4000.0));
        assert_eq!(parse_value("1,234.5").unwrap().unwrap().value, Some(1234.5));
        let noted = parse_value("-16% (2008 data)").unwrap().unwrap();
        assert_eq!(noted.value, Some(-16.0));
        assert_eq!(noted.note.as_deref(), Some("2008 data"));
        let asat = parse_value("86% as at Jul 09").unwrap().unwrap();
        assert_eq!(asat.note.as_deref(), Some("as at Jul 09"));
        assert!(parse_value("lots").is_err());
    }

    #[test]
    fn provisional_survives_display() {
        assert_eq!(
            Value::provisional(53.7).display(Some(1)),
            "53.7 (provisional)"
        );
        assert_eq!(Value::number(2170.0).display(Some(0)), "2,170");
        assert_eq!(format_number(-1234567.891, Some(2)), "-1,234,567.89");
        assert_eq!(format_number(0.1, None), "0.1");
    }

    #[test]
    fn reads_targets() {
        assert_eq!(parse_target("54"), Some(Target::value(54.0)));
        assert!(matches!(
            parse_target("In line with national"),
            Some(Target::Relative {
                relation: Relation::InLineWithNational,
                ..
            })
        ));
        assert!(matches!(
            parse_target("In line with NA"),
            Some(Target::Relative {
                relation: Relation::InLineWithNational,
                ..
            })
        ));
        assert!(matches!(
            parse_target("Continue to be lower than national"),
            Some(Target::Relative {
                relation: Relation::LowerThanNational,
                ..
            })
        ));
        assert!(matches!(
            parse_target("Year on year reduction"),
            Some(Target::Relative {
                relation: Relation::YearOnYearReduction,
                ..
            })
        ));
        assert!(matches!(
            parse_target("-16% against the 1998 baseline"),
            Some(Target::Relative { relation: Relation::ChangeAgainstBaseline { percent }, .. }) if percent == -16.0
        ));
        assert!(matches!(
            parse_target("Maintain"),
            Some(Target::Text { .. })
        ));
        assert_eq!(parse_target(" "), None);
    }
}
