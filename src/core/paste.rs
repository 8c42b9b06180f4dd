//! "Paste KPI table": reads a table copied from Excel or Word (tab-separated) or a
//! CSV file, guesses what each column holds from its header ("MK 2008/9",
//! "NA 2008/9", "Target 2010/11", "Actual 2008-09"), and works out what would
//! change in the plan. Nothing changes until the user confirms.
//!
//! # How a paste is read
//!
//! - **Cells**: trimmed, with runs of white space (including line breaks inside a
//!   quoted Word cell) made one space. Fully empty rows are skipped; the first
//!   non-empty row is the header; rows are padded to the header's width (a row
//!   with more non-empty cells widens the table; wholly empty trailing columns
//!   are dropped).
//! - **Periods** in headers are written the plan's way: "2008-09", "2008/09" and
//!   "2008/2009" become "2008/9"; "2009/10" stays; a quarter keeps its prefix
//!   ("Q2 2009/10"). Text in brackets ("(August 2008 outcomes)") is not read for
//!   the period unless nothing outside brackets has one.
//! - **A column without a period** ("This Year's Target", "Actual") takes the
//!   period from a column headed "Period" if there is one, else the plan's year
//!   (the financial year its period starts in).
//! - **Code cells** ("NI72 LAA", "NI 102i", "N78") give a code written "NI 72"
//!   (letters, a space, the number; a lone "N" is read as the common slip for
//!   "NI") and sources: the code's family (NI, BVPI, …) and the other words.
//! - **Matching**: a code matches a KPI ignoring case and spaces; if several KPIs
//!   share the code, the one whose title matches is updated, else all of them
//!   (they are one indicator shown in two tables). A row without a code matches on
//!   its title (ignoring case, spaces and punctuation).
//! - **Values**: a blank cell never clears anything. A value cell that cannot be
//!   read makes the whole row a problem: nothing of it is applied.
//! - **Rows are numbered** in the pasted table with the header as row 1 (empty
//!   rows, which are skipped, are not counted).
//! - A row with only a title (no code, values or match) is a section heading
//!   ("Key Stage 2"): it names the section of the KPIs added after it.

use super::csv::parse_records;
use super::date::Date;
use super::model::{Id, Kpi, PeriodValues, Plan, Polarity, Unit};
use super::table::period_sort_key;
use super::value::{format_number, parse_target, parse_value, Relation, Target, Value};
use std::collections::HashMap;

/// What a pasted column holds. The user can change any guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRole {
    Code,
    Title,
    /// "LAA/NI/CYPP" style source column.
    Source,
    Officer,
    Baseline,
    Actual(String),
    National(String),
    Neighbours(String),
    Region(String),
    Target(String),
    Ignore,
}

/// A pasted table: header cells, guessed roles (one per column) and data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedTable {
    pub headers: Vec<String>,
    pub roles: Vec<ColumnRole>,
    /// Data rows (header excluded), each padded to headers.len().
    pub rows: Vec<Vec<String>>,
}

/// A cell as shown: trimmed, white-space runs (line breaks too) made one space.
fn clean_cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits pasted text into rows and cells (tab-separated if it has tabs, else CSV
/// per RFC 4180 with quotes), takes the first non-empty row as the header and
/// guesses each column's role.
pub fn parse_table(text: &str) -> PastedTable {
    let delimiter = if text.contains('\t') { '\t' } else { ',' };
    let mut rows: Vec<Vec<String>> = parse_records(text, delimiter)
        .into_iter()
        .map(|r| r.iter().map(|c| clean_cell(c)).collect::<Vec<_>>())
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.is_empty() {
        return PastedTable {
            headers: Vec::new(),
            roles: Vec::new(),
            rows: Vec::new(),
        };
    }
    let mut headers = rows.remove(0);
    // Width: the last column with anything in it, in the header or any row.
    let last_used = |r: &Vec<String>| r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let width = rows
        .iter()
        .map(last_used)
        .chain(std::iter::once(last_used(&headers)))
        .max()
        .unwrap_or(0);
    headers.resize(width, String::new());
    for r in &mut rows {
        r.resize(width, String::new());
    }
    let roles = headers.iter().map(|h| guess_role(h)).collect();
    PastedTable {
        headers,
        roles,
        rows,
    }
}

/// The text outside brackets: "MK 2008/9 (Aug 08 outcomes)" → "MK 2008/9 ".
fn outside_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// Finds a period in text and writes it the plan's way: "2008-09" → "2008/9",
/// "Q2 2009/10" → "Q2 2009/10", a lone year "2009" → "2009".
pub fn find_period(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let is_digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut lone_year: Option<(usize, String)> = None;
    let mut i = 0;
    while i + 4 <= chars.len() {
        let starts_year = (i == 0 || !is_digit(i - 1))
            && (0..4).all(|k| is_digit(i + k))
            && !is_digit(i + 4)
            && matches!(chars[i], '1' | '2');
        if !starts_year {
            i += 1;
            continue;
        }
        let year: String = chars[i..i + 4].iter().collect();
        // A separator, then 1–4 digits.
        let mut j = i + 4;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        if matches!(chars.get(j), Some('/' | '-' | '–')) {
            let mut k = j + 1;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            let start = k;
            while is_digit(k) && k - start < 4 {
                k += 1;
            }
            if k > start && !is_digit(k) {
                let end: String = chars[start..k].iter().collect();
                let end_num: u32 = end.parse().unwrap_or(0);
                let short = if end.len() == 4 {
                    end_num % 100
                } else {
                    end_num
                };
                let label = format!("{year}/{short}");
                return Some(with_quarter(&chars[..i], label));
            }
        }
        if lone_year.is_none() {
            lone_year = Some((i, year));
        }
        i += 4;
    }
    lone_year.map(|(at, y)| with_quarter(&chars[..at], y))
}

/// Prefixes "Q2 " if the text just before the year names a quarter.
fn with_quarter(before: &[char], label: String) -> String {
    let before: String = before.iter().collect();
    let lower = before.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    match words.last() {
        Some(&q) if matches!(q, "q1" | "q2" | "q3" | "q4") => {
            format!("{} {label}", q.to_uppercase())
        }
        _ => label,
    }
}

/// Guesses the role of a column from its header text.
pub fn guess_role(header: &str) -> ColumnRole {
    let header = clean_cell(header);
    if header.is_empty() {
        return ColumnRole::Ignore;
    }
    let outside = outside_brackets(&header);
    let outside = if outside.trim().is_empty() {
        header.clone()
    } else {
        outside
    };
    let lower = outside.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let squashed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let period = find_period(&outside).or_else(|| find_period(&header));
    let national = has("na") || has("national") || has("england");
    let neighbours = has("sn")
        || lower.contains("neighbour")
        || lower.contains("neighbor")
        || (has("stat") && lower.contains("n'bour"));
    let region = lower.contains("region");
    let target = lower.contains("target");

    if lower.contains("baseline") {
        return ColumnRole::Baseline;
    }
    if let Some(p) = period {
        return if national {
            ColumnRole::National(p)
        } else if neighbours {
            ColumnRole::Neighbours(p)
        } else if region {
            ColumnRole::Region(p)
        } else if target {
            ColumnRole::Target(p)
        } else {
            ColumnRole::Actual(p)
        };
    }
    if has("source") || has("sources") || squashed.contains("laa") || squashed.contains("cypp") {
        return ColumnRole::Source;
    }
    if has("officer") || has("responsible") || has("lead") || has("leads") || has("owner") {
        return ColumnRole::Officer;
    }
    if has("dr") || lower.contains("provisional") {
        // "Ref DR" (a review reference), "Actual provisional" (a yes/blank flag).
        return ColumnRole::Ignore;
    }
    let code_words = ["ni", "pi", "bvpi", "no", "id", "number"];
    if has("code")
        || has("ref")
        || has("reference")
        || (!words.is_empty() && words.iter().all(|w| code_words.contains(w)))
    {
        return ColumnRole::Code;
    }
    if lower.contains("indicator")
        || has("title")
        || has("measure")
        || has("measures")
        || has("kpi")
        || has("kpis")
        || has("description")
        || has("name")
    {
        return ColumnRole::Title;
    }
    if target {
        ColumnRole::Target(String::new())
    } else if national {
        ColumnRole::National(String::new())
    } else if neighbours {
        ColumnRole::Neighbours(String::new())
    } else if region {
        ColumnRole::Region(String::new())
    } else if has("actual") || has("outturn") || has("mk") || has("result") || has("value") {
        ColumnRole::Actual(String::new())
    } else {
        ColumnRole::Ignore
    }
}

/// One KPI the paste would add or change.
// The variants are kept unboxed so callers can match on them directly; a preview
// holds a handful of them, so the size difference does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum KpiChange {
    Add(Kpi),
    Update {
        id: Id,
        before: Kpi,
        after: Kpi,
        /// What changes, in words: "2009/10 actual: 53.7 (provisional) → 54.1".
        changes: Vec<String>,
    },
}

/// A row that could not be read, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based row number in the pasted text (the header is row 1).
    pub row: usize,
    pub reason: String,
}

/// What confirming the paste would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PastePreview {
    pub changes: Vec<KpiChange>,
    pub problems: Vec<RowProblem>,
}

// ---------------------------------------------------------------------------
// Codes, titles and sources
// ---------------------------------------------------------------------------

/// Code families that are also a source ("NI 72" is an NI indicator).
pub const CODE_FAMILIES: &[&str] = &["NI", "BVPI", "PAF", "PSA", "NPI", "LPI"];

/// A code as the plan writes it: "NI72" → "NI 72", "ni 102i" → "NI 102i".
pub fn split_code_token(token: &str) -> Option<(String, String)> {
    let letters: String = token
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let rest = &token[letters.len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let suffix = &rest[digits.len()..];
    let ok = (1..=6).contains(&letters.len())
        && !digits.is_empty()
        && suffix.len() <= 4
        && suffix.chars().all(|c| c.is_ascii_alphabetic());
    ok.then(|| {
        let mut family = letters.to_uppercase();
        if family == "N" {
            family = "NI".to_string();
        }
        (family, format!("{digits}{suffix}"))
    })
}

/// Whether a token is a number part of a code ("72", "102i").
pub fn is_code_number(token: &str) -> bool {
    let digits = token.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && token.len() - digits <= 4
        && token[digits..].chars().all(|c| c.is_ascii_alphabetic())
}

fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Reads a code or source cell: "NI72 LAA" → code "NI 72", sources ["NI", "LAA"];
/// "CYPP" → no code, sources ["CYPP"]; "NI54 (new 2009/10)" → note "new 2009/10".
fn read_code_cell(cell: &str) -> (Option<String>, Vec<String>, Option<String>) {
    let note: Vec<String> = bracketed(cell);
    let plain = outside_brackets(cell);
    let mut code: Option<String> = None;
    let mut sources: Vec<String> = Vec::new();
    for part in plain.split(['/', ',', ';', '&', '+']) {
        let tokens: Vec<&str> = part.split_whitespace().collect();
        let mut rest: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if code.is_none() {
                if let Some((family, number)) = split_code_token(t) {
                    code = Some(format!("{family} {number}"));
                    if CODE_FAMILIES.contains(&family.as_str()) {
                        sources.push(family);
                    }
                    i += 1;
                    continue;
                }
                let next = tokens.get(i + 1).copied();
                if t.chars().all(|c| c.is_ascii_alphabetic())
                    && t.len() <= 6
                    && next.is_some_and(is_code_number)
                {
                    let mut family = t.to_uppercase();
                    if family == "N" {
                        family = "NI".to_string();
                    }
                    code = Some(format!("{family} {}", next.unwrap_or_default()));
                    if CODE_FAMILIES.contains(&family.as_str()) {
                        sources.push(family);
                    }
                    i += 2;
                    continue;
                }
            }
            rest.push(t);
            i += 1;
        }
        if rest.is_empty() {
            continue;
        }
        if rest.iter().all(|w| is_acronym(w)) {
            sources.extend(rest.iter().map(|w| w.to_string()));
        } else {
            sources.push(rest.join(" "));
        }
    }
    let mut unique: Vec<String> = Vec::new();
    for s in sources {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(&s)) {
            unique.push(s);
        }
    }
    let note = (!note.is_empty()).then(|| note.join("; "));
    (code, unique, note)
}

/// The bracketed parts of a cell: "NI54 (new 2009/10)" → ["new 2009/10"].
fn bracketed(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    cur.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let t = cur.trim().to_string();
                    if !t.is_empty() {
                        out.push(t);
                    }
                    cur.clear();
                } else {
                    cur.push(c);
                }
            }
            c if depth > 0 => cur.push(c),
            _ => {}
        }
    }
    out
}

/// A code for matching: lower case, no spaces ("NI 72" = "ni72").
pub fn code_key(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A title for matching: letters, digits and % only, lower case.
fn title_key(title: &str) -> String {
    title
        .trim()
        .trim_end_matches('*')
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .flat_map(char::to_lowercase)
        .collect()
}

// ---------------------------------------------------------------------------
// Guesses for a new KPI
// ---------------------------------------------------------------------------

/// Words in a title that mean lower is better.
const LOWER_IS_BETTER: &[&str] = &[
    "absence",
    "exclusion",
    "gap",
    "neet",
    "not in education",
    "conception",
    "offend",
    "re-referral",
    "rereferral",
    "first time entrant",
    "bullying",
    "inequality",
    "sickness",
    "below",
    "agency",
    "average time",
    "run away",
];

/// The polarity a title suggests.
pub fn guess_polarity(title: &str) -> Polarity {
    let t = title.to_lowercase();
    if t.starts_with("align") || t.contains(" in line with ") {
        Polarity::CloserIsBetter
    } else if LOWER_IS_BETTER.iter().any(|w| t.contains(w)) {
        Polarity::LowerIsBetter
    } else {
        Polarity::HigherIsBetter
    }
}

/// The unit a title and the row's value cells suggest.
pub fn guess_unit(title: &str, cells: &[&str]) -> Unit {
    let t = title.to_lowercase();
    let squashed: String = t.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    if t.starts_with('%')
        || t.starts_with("percent")
        || t.starts_with("proportion")
        || t.starts_with("% ")
    {
        return Unit::Percent;
    }
    if squashed.contains("per100000") {
        return Unit::RatePer100000;
    }
    if squashed.contains("per10000") {
        return Unit::RatePer10000;
    }
    if squashed.contains("per1000") {
        return Unit::RatePer1000;
    }
    if t.contains("(days)") || t.contains("number of days") || t.contains("in days") {
        return Unit::Days;
    }
    if t.contains("(weeks)") || t.contains("in weeks") {
        return Unit::Weeks;
    }
    if cells.iter().any(|c| c.contains('£')) || t.contains('£') {
        return Unit::Pounds;
    }
    if t.starts_with("number") || t.starts_with("no. of") || t.starts_with("count") {
        return Unit::Number;
    }
    if t.contains('%')
        || t.contains("percent")
        || t.contains("proportion")
        || cells.iter().any(|c| c.contains('%'))
    {
        return Unit::Percent;
    }
    Unit::Number
}

/// The most decimal places written in any number of these cells (at most 3).
fn guess_decimals(cells: &[&str]) -> u8 {
    let mut best = 0usize;
    for c in cells {
        let chars: Vec<char> = c.chars().collect();
        for (i, ch) in chars.iter().enumerate() {
            if *ch == '.' && i > 0 && chars[i - 1].is_ascii_digit() {
                let n = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                best = best.max(n);
            }
        }
    }
    best.min(3) as u8
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

/// Reads a value cell, with what [`parse_value`] leaves as a note but means
/// provisional ("53.7p", "53.7 prov").
pub fn read_value(cell: &str) -> Result<Option<Value>, String> {
    let mut v = parse_value(cell)?;
    if let Some(v) = v.as_mut() {
        if let Some(n) = &v.note {
            let n = n.trim().trim_end_matches('.').to_lowercase();
            if matches!(n.as_str(), "p" | "prov" | "provisional" | "(p)") {
                v.provisional = true;
                v.note = None;
            }
        }
    }
    Ok(v)
}

/// Reads a target cell: [`parse_target`], plus "National average by Dec 2010" (in
/// line with national) and "Statistical neighbour average" (in line with SN).
pub fn read_target(cell: &str) -> Option<Target> {
    match parse_target(cell)? {
        Target::Text { text } => {
            let lower = text.to_lowercase();
            let relation = if lower.contains("national average") || lower.starts_with("national") {
                Some(Relation::InLineWithNational)
            } else if lower.contains("neighbour") {
                Some(Relation::InLineWithNeighbours)
            } else {
                None
            };
            Some(match relation {
                Some(relation) => Target::Relative { relation, text },
                None => Target::Text { text },
            })
        }
        other => Some(other),
    }
}

/// A value as the KPI keeps it: for a count KPI, "3 (30%)" is the count 3 with
/// the percentage as a note.
fn value_for_unit(mut v: Value, unit: Unit) -> Value {
    if unit == Unit::Number {
        if let (Some(count), Some(pct)) = (v.count, v.value) {
            let pct = format!("{}%", format_number(pct, None));
            v.note = Some(match v.note.take() {
                Some(n) if !n.is_empty() => format!("{pct}; {n}"),
                _ => pct,
            });
            v.value = Some(count);
            v.count = None;
        }
    }
    v
}

/// A value in words for the list of changes: "53.7 (provisional)", "(blank)".
fn value_words(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "(blank)".to_string();
    };
    let mut s = match v.value {
        Some(x) => {
            let n = format_number(x, None);
            match v.count {
                Some(c) => format!("{} ({n}%)", format_number(c, None)),
                None => n,
            }
        }
        None => v
            .label
            .clone()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| "Not available".to_string()),
    };
    if v.provisional && v.value.is_some() {
        s.push_str(" (provisional)");
    }
    if let Some(n) = v.note.as_ref().filter(|n| !n.trim().is_empty()) {
        s.push_str(" — ");
        s.push_str(n);
    }
    s
}

fn target_words(t: Option<&Target>) -> String {
    match t {
        None => "(blank)".to_string(),
        Some(t) => t.display(None),
    }
}

// ---------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------

/// Which series of a period a cell sets.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Actual,
    National,
    Neighbours,
    Region,
}

impl Field {
    fn words(self) -> &'static str {
        match self {
            Field::Actual => "actual",
            Field::National => "national average",
            Field::Neighbours => "statistical neighbours",
            Field::Region => "region",
        }
    }
    fn slot(self, p: &mut PeriodValues) -> &mut Option<Value> {
        match self {
            Field::Actual => &mut p.actual,
            Field::National => &mut p.national,
            Field::Neighbours => &mut p.neighbours,
            Field::Region => &mut p.region,
        }
    }
}

/// One readable cell of a row.
#[derive(Debug, Clone)]
enum Entry {
    Value {
        period: String,
        field: Field,
        value: Value,
    },
    Target {
        period: String,
        target: Target,
    },
    Baseline {
        period: Option<String>,
        value: Value,
    },
}

/// The financial year the plan starts in ("2009/10"), if the plan has a start.
fn plan_year(plan: &Plan) -> Option<String> {
    let d: Date = plan.period_start.or(plan.period_end)?;
    let start = if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    };
    Some(format!("{start}/{}", (start + 1).rem_euclid(100)))
}

/// The period a role names, written the plan's way.
fn role_period(p: &str) -> String {
    let t = p.trim();
    if t.is_empty() {
        return String::new();
    }
    find_period(t).unwrap_or_else(|| t.to_string())
}

/// The index of the period in the series, inserting it in time order if new.
fn period_index(kpi: &mut Kpi, period: &str) -> usize {
    if let Some(i) = kpi.series.iter().position(|p| p.period == period) {
        return i;
    }
    let key = period_sort_key(period);
    let at = kpi
        .series
        .iter()
        .position(|p| period_sort_key(&p.period) > key)
        .unwrap_or(kpi.series.len());
    kpi.series.insert(
        at,
        PeriodValues {
            period: period.to_string(),
            ..PeriodValues::default()
        },
    );
    at
}

/// What a row says about one KPI, read and checked before anything is applied.
#[derive(Debug, Clone, Default)]
struct RowData {
    code: Option<String>,
    title: String,
    sources: Vec<String>,
    officer: String,
    notes: Vec<String>,
    entries: Vec<Entry>,
    /// Raw value cells, for guessing a new KPI's unit and decimals.
    cells: Vec<String>,
    unit: Option<Unit>,
    polarity: Option<Polarity>,
}

/// Applies a row's values to a KPI; returns the changes in words.
fn apply(kpi: &mut Kpi, row: &RowData) -> Vec<String> {
    let mut changes = Vec::new();
    let officer = row.officer.trim();
    if !officer.is_empty() && kpi.responsible_officer.trim() != officer {
        let before = if kpi.responsible_officer.trim().is_empty() {
            "(blank)".to_string()
        } else {
            kpi.responsible_officer.clone()
        };
        changes.push(format!("Responsible officer: {before} → {officer}"));
        kpi.responsible_officer = officer.to_string();
    }
    // Actual periods this row sets directly (a baseline column does not override them).
    let actual_periods: Vec<&str> = row
        .entries
        .iter()
        .filter_map(|e| match e {
            Entry::Value {
                period,
                field: Field::Actual,
                ..
            } => Some(period.as_str()),
            _ => None,
        })
        .collect();
    for e in &row.entries {
        match e {
            Entry::Value {
                period,
                field,
                value,
            } => {
                let value = value_for_unit(value.clone(), kpi.unit);
                set_value(kpi, period, *field, value, &mut changes);
            }
            Entry::Target { period, target } => {
                let current = kpi
                    .series
                    .iter()
                    .find(|p| &p.period == period)
                    .and_then(|p| p.target.as_ref());
                if current != Some(target) {
                    let before = target_words(current);
                    let i = period_index(kpi, period);
                    kpi.series[i].target = Some(target.clone());
                    changes.push(format!(
                        "{period} target: {before} → {}",
                        target_words(Some(target))
                    ));
                }
            }
            Entry::Baseline { period, value } => {
                let value = value_for_unit(value.clone(), kpi.unit);
                let new_period = period
                    .clone()
                    .unwrap_or_else(|| kpi.baseline.period.clone());
                if kpi.baseline.value.as_ref() != Some(&value) || kpi.baseline.period != new_period
                {
                    let label = if new_period.is_empty() {
                        "Baseline".to_string()
                    } else {
                        format!("Baseline ({new_period})")
                    };
                    changes.push(format!(
                        "{label}: {} → {}",
                        value_words(kpi.baseline.value.as_ref()),
                        value_words(Some(&value))
                    ));
                    kpi.baseline.value = Some(value.clone());
                    kpi.baseline.period = new_period;
                }
                if let Some(p) = period {
                    if !actual_periods.contains(&p.as_str()) {
                        set_value(kpi, p, Field::Actual, value, &mut changes);
                    }
                }
            }
        }
    }
    changes
}

fn set_value(kpi: &mut Kpi, period: &str, field: Field, value: Value, changes: &mut Vec<String>) {
    let current = kpi
        .series
        .iter_mut()
        .find(|p| p.period == period)
        .and_then(|p| field.slot(p).clone());
    if current.as_ref() == Some(&value) {
        return;
    }
    changes.push(format!(
        "{period} {}: {} → {}",
        field.words(),
        value_words(current.as_ref()),
        value_words(Some(&value))
    ));
    let i = period_index(kpi, period);
    *field.slot(&mut kpi.series[i]) = Some(value);
}

/// Where a row's changes go.
enum Pending {
    Update {
        index: usize,
        after: Kpi,
        changes: Vec<String>,
    },
    Add(Kpi),
}

/// Works out the changes: rows whose code matches an existing KPI (ignoring case
/// and spaces: "NI72" = "NI 72") update it; other rows add a KPI (new ids from
/// `new_id`). Unchanged KPIs are not listed.
pub fn preview(plan: &Plan, table: &PastedTable, new_id: &mut dyn FnMut() -> Id) -> PastePreview {
    let mut problems: Vec<RowProblem> = Vec::new();
    let width = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.headers.len(), table.roles.len()])
        .max()
        .unwrap_or(0);
    let header = |i: usize| table.headers.get(i).map(|h| h.trim()).unwrap_or("");
    let header_is = |names: &[&str]| {
        (0..width).find(|&i| {
            let h = header(i).to_lowercase();
            names.contains(&h.as_str())
        })
    };
    let period_col = header_is(&["period", "year", "quarter"]);
    let provisional_col = header_is(&["actual provisional", "provisional"]);
    let unit_col = header_is(&["unit", "units"]);
    let polarity_col = header_is(&["polarity"]);
    let year = plan_year(plan);

    // Roles, with period-less value columns checked once.
    let mut roles: Vec<ColumnRole> = (0..width)
        .map(|i| table.roles.get(i).cloned().unwrap_or(ColumnRole::Ignore))
        .collect();
    for (i, role) in roles.iter_mut().enumerate() {
        let p = match role {
            ColumnRole::Actual(p)
            | ColumnRole::National(p)
            | ColumnRole::Neighbours(p)
            | ColumnRole::Region(p)
            | ColumnRole::Target(p) => p,
            _ => continue,
        };
        *p = role_period(p);
        if p.is_empty() && period_col.is_none() && year.is_none() {
            problems.push(RowProblem {
                row: 1,
                reason: format!(
                    "Row 1: column '{}' does not say which period it is for (for example 'Target 2010/11'), so it was not read",
                    header(i)
                ),
            });
            *role = ColumnRole::Ignore;
        }
    }

    let mut pending: Vec<Pending> = Vec::new();
    // Plan KPI index → position in `pending`.
    let mut updating: HashMap<usize, usize> = HashMap::new();
    // Code key / title key of an added KPI → position in `pending`.
    let mut added_codes: HashMap<String, usize> = HashMap::new();
    let mut added_titles: HashMap<String, usize> = HashMap::new();
    let mut section = String::new();

    for (ri, cells) in table.rows.iter().enumerate() {
        let row_no = ri + 2;
        let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");
        let mut data = RowData::default();
        let mut errors: Vec<String> = Vec::new();
        let row_period = period_col
            .map(cell)
            .filter(|c| !c.is_empty())
            .map(role_period)
            .or_else(|| year.clone());
        let provisional = provisional_col.map(cell).is_some_and(|c| {
            matches!(
                c.to_lowercase().as_str(),
                "yes" | "y" | "true" | "p" | "provisional"
            )
        });
        data.unit = unit_col.map(cell).and_then(|c| {
            Unit::ALL
                .into_iter()
                .find(|u| u.label().eq_ignore_ascii_case(c))
        });
        data.polarity = polarity_col.map(cell).and_then(|c| {
            Polarity::ALL
                .into_iter()
                .find(|p| p.label().eq_ignore_ascii_case(c))
        });
        let mut has_source = false;
        for (ci, role) in roles.iter().enumerate() {
            let c = cell(ci);
            if c.is_empty() {
                continue;
            }
            let period_of = |p: &String| {
                if p.is_empty() {
                    row_period.clone()
                } else {
                    Some(p.clone())
                }
            };
            match role {
                ColumnRole::Ignore => {}
                ColumnRole::Code | ColumnRole::Source => {
                    let (code, sources, note) = read_code_cell(c);
                    if role == &ColumnRole::Source {
                        has_source = true;
                    }
                    if data.code.is_none() {
                        data.code = code;
                    }
                    data.sources.extend(sources);
                    data.notes.extend(note);
                }
                ColumnRole::Title => {
                    if data.title.is_empty() {
                        data.title = c.to_string();
                    }
                }
                ColumnRole::Officer => {
                    if data.officer.is_empty() {
                        data.officer = c.to_string();
                    }
                }
                ColumnRole::Baseline => match read_value(c) {
                    Ok(Some(value)) => {
                        data.cells.push(c.to_string());
                        data.entries.push(Entry::Baseline {
                            period: find_period(&outside_brackets(header(ci)))
                                .or_else(|| find_period(header(ci))),
                            value,
                        });
                    }
                    Ok(None) => {}
                    Err(_) => errors.push(not_a_number(c, header(ci))),
                },
                ColumnRole::Target(p) => {
                    let Some(period) = period_of(p) else {
                        errors.push(no_period(c, header(ci)));
                        continue;
                    };
                    if let Some(target) = read_target(c) {
                        data.cells.push(c.to_string());
                        data.entries.push(Entry::Target { period, target });
                    }
                }
                ColumnRole::Actual(p)
                | ColumnRole::National(p)
                | ColumnRole::Neighbours(p)
                | ColumnRole::Region(p) => {
                    let field = match role {
                        ColumnRole::Actual(_) => Field::Actual,
                        ColumnRole::National(_) => Field::National,
                        ColumnRole::Neighbours(_) => Field::Neighbours,
                        _ => Field::Region,
                    };
                    let Some(period) = period_of(p) else {
                        errors.push(no_period(c, header(ci)));
                        continue;
                    };
                    match read_value(c) {
                        Ok(Some(mut value)) => {
                            if field == Field::Actual && provisional && value.is_available() {
                                value.provisional = true;
                            }
                            data.cells.push(c.to_string());
                            data.entries.push(Entry::Value {
                                period,
                                field,
                                value,
                            });
                        }
                        Ok(None) => {}
                        Err(_) => errors.push(not_a_number(c, header(ci))),
                    }
                }
            }
        }
        if !errors.is_empty() {
            problems.push(RowProblem {
                row: row_no,
                reason: format!("Row {row_no}: {}", errors.join("; ")),
            });
            continue;
        }
        let code = data.code.clone().filter(|c| !c.is_empty());
        let title = data.title.trim().to_string();
        if code.is_none() && title.is_empty() {
            problems.push(RowProblem {
                row: row_no,
                reason: format!(
                    "Row {row_no}: it has neither a code nor a title, so it cannot be matched to a KPI"
                ),
            });
            continue;
        }

        // Which KPIs the row is about.
        let mut targets: Vec<usize> = Vec::new();
        if let Some(code) = &code {
            let key = code_key(code);
            let by_code: Vec<usize> = plan
                .kpis
                .iter()
                .enumerate()
                .filter(|(_, k)| !k.code.trim().is_empty() && code_key(&k.code) == key)
                .map(|(i, _)| i)
                .collect();
            let tk = title_key(&title);
            let by_title: Vec<usize> = by_code
                .iter()
                .copied()
                .filter(|&i| !tk.is_empty() && title_key(&plan.kpis[i].title) == tk)
                .collect();
            targets = if by_title.is_empty() {
                by_code
            } else {
                by_title
            };
        } else {
            let tk = title_key(&title);
            if !tk.is_empty() {
                targets = plan
                    .kpis
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| title_key(&k.title) == tk)
                    .map(|(i, _)| i)
                    .collect();
            }
        }

        if !targets.is_empty() {
            for index in targets {
                let at = *updating.entry(index).or_insert_with(|| {
                    pending.push(Pending::Update {
                        index,
                        after: plan.kpis[index].clone(),
                        changes: Vec::new(),
                    });
                    pending.len() - 1
                });
                if let Pending::Update { after, changes, .. } = &mut pending[at] {
                    changes.extend(apply(after, &data));
                }
            }
            continue;
        }

        // A KPI added earlier in this paste?
        let code_k = code.as_deref().map(code_key);
        let title_k = title_key(&title);
        let earlier = match &code_k {
            Some(k) => added_codes.get(k).copied(),
            None => added_titles.get(&title_k).copied(),
        };
        if let Some(at) = earlier {
            if let Pending::Add(kpi) = &mut pending[at] {
                apply(kpi, &data);
                if kpi.title.is_empty() && !title.is_empty() {
                    kpi.title = clean_title(&title).0;
                }
            }
            continue;
        }

        // A section heading: a title alone.
        if code.is_none()
            && data.entries.is_empty()
            && !has_source
            && data.officer.is_empty()
            && data.sources.is_empty()
        {
            section = title.clone();
            continue;
        }

        // A new KPI.
        let (clean, dashboard) = clean_title(&title);
        let cells: Vec<&str> = data.cells.iter().map(String::as_str).collect();
        let mut kpi = Kpi {
            id: new_id(),
            code: code.clone().unwrap_or_default(),
            sources: unique_sources(&data.sources),
            title: clean.clone(),
            section: section.clone(),
            unit: data.unit.unwrap_or_else(|| guess_unit(&clean, &cells)),
            decimals: guess_decimals(&cells),
            polarity: data.polarity.unwrap_or_else(|| guess_polarity(&clean)),
            corporate_dashboard: dashboard,
            notes: data.notes.join("; "),
            ..Kpi::default()
        };
        apply(&mut kpi, &data);
        pending.push(Pending::Add(kpi));
        let at = pending.len() - 1;
        match code_k {
            Some(k) => {
                added_codes.insert(k, at);
            }
            None => {
                added_titles.insert(title_k, at);
            }
        }
    }

    let changes = pending
        .into_iter()
        .filter_map(|p| match p {
            Pending::Add(k) => Some(KpiChange::Add(k)),
            Pending::Update {
                index,
                after,
                changes,
            } => {
                let before = plan.kpis[index].clone();
                (!changes.is_empty() && after != before).then(|| KpiChange::Update {
                    id: before.id.clone(),
                    before,
                    after,
                    changes,
                })
            }
        })
        .collect();
    PastePreview { changes, problems }
}

/// A title without its dashboard mark: "Schools good or outstanding*" →
/// ("Schools good or outstanding", true).
fn clean_title(title: &str) -> (String, bool) {
    let t = title.trim();
    match t.strip_suffix('*') {
        Some(rest) => (rest.trim_end().to_string(), true),
        None => (t.to_string(), false),
    }
}

/// Sources without repeats (ignoring case), in first-seen order.
fn unique_sources(sources: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sources {
        if !out.iter().any(|u| u.eq_ignore_ascii_case(s)) {
            out.push(s.clone());
        }
    }
    out
}

fn not_a_number(cell: &str, header: &str) -> String {
    format!("'{cell}' in column '{header}' is not a number")
}

fn no_period(cell: &str, header: &str) -> String {
    format!("'{cell}' in column '{header}' has no period to go in")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_cells_give_code_and_sources() {
        let r = |s: &str| read_code_cell(s);
        assert_eq!(
            r("NI72 LAA"),
            (Some("NI 72".into()), vec!["NI".into(), "LAA".into()], None)
        );
        assert_eq!(
            r("NI 102i"),
            (Some("NI 102i".into()), vec!["NI".into()], None)
        );
        assert_eq!(
            r("ni102ii"),
            (Some("NI 102ii".into()), vec!["NI".into()], None)
        );
        assert_eq!(r("N78"), (Some("NI 78".into()), vec!["NI".into()], None));
        assert_eq!(
            r("BVPI 197"),
            (Some("BVPI 197".into()), vec!["BVPI".into()], None)
        );
        assert_eq!(r("CYPP"), (None, vec!["CYPP".into()], None));
        assert_eq!(r("LAA/NI"), (None, vec!["LAA".into(), "NI".into()], None));
        assert_eq!(r("CYPP local"), (None, vec!["CYPP local".into()], None));
        assert_eq!(
            r("NI54 (new 2009/10)"),
            (
                Some("NI 54".into()),
                vec!["NI".into()],
                Some("new 2009/10".into())
            )
        );
        assert_eq!(r("MK01"), (Some("MK 01".into()), vec![], None));
    }

    #[test]
    fn keys_ignore_case_spaces_and_punctuation() {
        assert_eq!(code_key("NI 72"), code_key("ni72"));
        assert_eq!(
            title_key("% Persistent absence in Primary schools*"),
            title_key("% persistent absence in primary schools")
        );
    }

    #[test]
    fn the_plans_year_is_the_financial_year_it_starts_in() {
        let plan = |y, m| Plan {
            period_start: Date::new(y, m, 1),
            ..Plan::default()
        };
        assert_eq!(plan_year(&plan(2009, 6)).as_deref(), Some("2009/10"));
        assert_eq!(plan_year(&plan(2010, 3)).as_deref(), Some("2009/10"));
        assert_eq!(plan_year(&plan(2009, 4)).as_deref(), Some("2009/10"));
        assert_eq!(plan_year(&Plan::default()), None);
    }

    #[test]
    fn decimals_are_read_from_the_cells() {
        assert_eq!(guess_decimals(&["53.7 (p)", "4.83"]), 2);
        assert_eq!(guess_decimals(&["12 (23.1%)"]), 1);
        assert_eq!(
            guess_decimals(&["80 (as at Jul 09)", "Not yet available"]),
            0
        );
        assert_eq!(guess_decimals(&["0.12345"]), 3);
    }

    #[test]
    fn new_periods_go_in_time_order() {
        let mut k = Kpi::default();
        for p in ["2009/10", "2007/8", "Q2 2009/10", "2010/11", "2008/9"] {
            period_index(&mut k, p);
        }
        let got: Vec<&str> = k.series.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(
            got,
            vec!["2007/8", "2008/9", "2009/10", "Q2 2009/10", "2010/11"]
        );
        assert_eq!(period_index(&mut k, "2008/9"), 1);
    }
}
