//! "Paste KPI table": reads a table copied from Word or Excel (its HTML, as a
//! [`Grid`] of cells of paragraphs and merged cells), its plain text
//! (tab-separated) or a CSV file, guesses what each column holds from its header
//! ("MK 2008/9", "NA 2008/9", "Target 2010/11", "Actual 2008-09"), and works out
//! what would change in the plan ([`preview`]). Nothing changes until the user
//! confirms: [`confirm`] makes the steps, for the KPI paste page and for an
//! imported file's KPI tables alike.
//!
//! # How a paste is read
//!
//! - **Cells**: a cell's paragraphs joined by a space (so a Word cell of several
//!   paragraphs is one cell), trimmed, with runs of white space made one space; a
//!   merged cell's text stands in the first column it covers. Fully empty rows are
//!   skipped; rows are padded to the header's width (a row with more non-empty
//!   cells widens the table; wholly empty trailing columns are dropped).
//! - **The header** is the first of the first ten rows with a column of codes or
//!   titles and a column of values ([`kpi_header_row`]), else the first row: rows
//!   above it (a Word table's "Priority 4 …" title rows) are left out. Of several
//!   tables, the first with such a header is read ([`pick_kpi_grid`]).
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
//! - **Codes and title in one cell** ("NI 112 / BVPI 197: Under 18 conception
//!   rate", "NI 60 Core assessments …"), in a code or a title column: the first
//!   code is the KPI's code, the others' families are sources and the others are
//!   kept in the KPI's notes ("Other codes: BVPI 197"), the words after them the
//!   title. In a title column only a known family (NI, BVPI, …) or codes ending
//!   in a colon are split off, so "KS2 level 4" stays a title.
//! - **Matching**: a code matches a KPI ignoring case and spaces (the first of
//!   the row's codes that a KPI has); if several KPIs share the code, the one
//!   whose title matches is updated, else all of them (they are one indicator
//!   shown in two tables). A row without a code matches on its title (ignoring
//!   case, spaces and punctuation).
//! - **Values**: a blank cell never clears anything. A value cell that cannot be
//!   read makes the whole row a problem: nothing of it is applied. A value's
//!   words are its note ("+0.58% (2007 data)" is 0.58 with the note "2007 data");
//!   "(p)", "(prov.)" mark it provisional. A target so marked ("86% (prov.)")
//!   keeps "provisional" as its note, as a target has no provisional flag.
//! - **Rows are numbered** in the pasted table with the header as row 1 (empty
//!   rows, which are skipped, and rows above the header are not counted).
//! - **Section rows** ("Key Stage 2", "LAA Indicators", "Other key national
//!   indicators") name the section of the KPIs added after them: a cell merged
//!   across the row, a row whose only cell is words (not a code, not a value,
//!   not a KPI's title) in any column but a value or officer column, or a row
//!   with only a title. A known source a section names ("LAA Indicators") is
//!   also a source of those KPIs. KPIs updated keep their section and sources.

use super::date::Date;
use super::edit::{upsert_kpi, Change};
use super::grid::Grid;
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

impl ColumnRole {
    /// The role's key in a select box: "code", "actual:2008/9", "target:" (a
    /// value kind without a period).
    pub fn key(&self) -> String {
        match self {
            ColumnRole::Code => "code".into(),
            ColumnRole::Title => "title".into(),
            ColumnRole::Source => "source".into(),
            ColumnRole::Officer => "officer".into(),
            ColumnRole::Baseline => "baseline".into(),
            ColumnRole::Actual(p) => format!("actual:{p}"),
            ColumnRole::National(p) => format!("national:{p}"),
            ColumnRole::Neighbours(p) => format!("neighbours:{p}"),
            ColumnRole::Region(p) => format!("region:{p}"),
            ColumnRole::Target(p) => format!("target:{p}"),
            ColumnRole::Ignore => "ignore".into(),
        }
    }

    /// The role of a key from [`ColumnRole::key`]; an unknown key is
    /// [`ColumnRole::Ignore`].
    pub fn from_key(k: &str) -> ColumnRole {
        let (kind, p) = k.split_once(':').unwrap_or((k, ""));
        let p = p.to_string();
        match kind {
            "code" => ColumnRole::Code,
            "title" => ColumnRole::Title,
            "source" => ColumnRole::Source,
            "officer" => ColumnRole::Officer,
            "baseline" => ColumnRole::Baseline,
            "actual" => ColumnRole::Actual(p),
            "national" => ColumnRole::National(p),
            "neighbours" => ColumnRole::Neighbours(p),
            "region" => ColumnRole::Region(p),
            "target" => ColumnRole::Target(p),
            _ => ColumnRole::Ignore,
        }
    }

    /// The role in words: "Code", "Target 2009/10", "Not read".
    pub fn words(&self) -> String {
        let with = |what: &str, p: &str| {
            if p.is_empty() {
                what.to_string()
            } else {
                format!("{what} {p}")
            }
        };
        match self {
            ColumnRole::Code => "Code".into(),
            ColumnRole::Title => "Title".into(),
            ColumnRole::Source => "Source".into(),
            ColumnRole::Officer => "Responsible officer".into(),
            ColumnRole::Baseline => "Baseline".into(),
            ColumnRole::Actual(p) => with("Actual", p),
            ColumnRole::National(p) => with("National average", p),
            ColumnRole::Neighbours(p) => with("Statistical neighbours", p),
            ColumnRole::Region(p) => with("Region", p),
            ColumnRole::Target(p) => with("Target", p),
            ColumnRole::Ignore => "Not read".into(),
        }
    }
}

/// A pasted table: header cells, guessed roles (one per column) and data rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PastedTable {
    pub headers: Vec<String>,
    pub roles: Vec<ColumnRole>,
    /// Data rows (header excluded), each padded to headers.len().
    pub rows: Vec<Vec<String>>,
    /// For each data row, whether it is one cell merged across two or more
    /// columns (a section row such as "LAA Indicators" in a Word table).
    pub spanning: Vec<bool>,
    /// How many non-empty rows above the header row were left out (a Word
    /// table's "Priority 4 …" and "CYPP core outcome 4 …" rows).
    pub above_header: usize,
}

/// A cell as shown: trimmed, white-space runs (line breaks too) made one space.
fn clean_cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads pasted text: tab-separated if it has tabs, else CSV (RFC 4180, with
/// quoted multi-line cells), through [`Grid::from_text`]; then as
/// [`table_of_grid`].
pub fn parse_table(text: &str) -> PastedTable {
    table_of_grid(&Grid::from_text(text))
}

/// How many rows from the top a KPI header row is looked for.
const HEADER_SEARCH: usize = 10;

/// Whether a row of header cells reads as a KPI table's header: a column of
/// codes or titles and a column of values (a period, a target or a baseline).
fn is_kpi_header(cells: &[String]) -> bool {
    let roles: Vec<ColumnRole> = cells.iter().map(|h| guess_role(h)).collect();
    let names = roles
        .iter()
        .any(|r| matches!(r, ColumnRole::Code | ColumnRole::Title));
    names && roles.iter().any(is_value_role)
}

fn is_value_role(r: &ColumnRole) -> bool {
    matches!(
        r,
        ColumnRole::Baseline
            | ColumnRole::Actual(_)
            | ColumnRole::National(_)
            | ColumnRole::Neighbours(_)
            | ColumnRole::Region(_)
            | ColumnRole::Target(_)
    )
}

/// The index (in `grid.rows`) of the grid's KPI header row: the first of its
/// first ten non-empty rows that has a column of codes or titles and a column of
/// values. `None` when no row reads so.
pub fn kpi_header_row(grid: &Grid) -> Option<usize> {
    grid.text_rows()
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .take(HEADER_SEARCH)
        .find(|(_, r)| is_kpi_header(r))
        .map(|(i, _)| i)
}

/// Whether a table reads better as KPIs than as actions (for a file's tables,
/// each read one way or the other): it has a KPI header row ([`kpi_header_row`])
/// with two value columns or more, or one and no column of action titles
/// (`has_action_titles`, as `core::action_paste` guessed them) — unless the
/// action reader found its header row above that "KPI header" (`action_header`,
/// the first header row's index): then the KPI reader took a row of actions
/// with dates and figures in it ("March 2027", "Q1 – targets agreed") for a
/// header, and the table is actions.
pub fn reads_as_kpis(
    grid: &Grid,
    table: &PastedTable,
    has_action_titles: bool,
    action_header: Option<usize>,
) -> bool {
    let Some(kpi_header) = kpi_header_row(grid) else {
        return false;
    };
    if has_action_titles && action_header.is_some_and(|h| h < kpi_header) {
        return false;
    }
    let values = table
        .roles
        .iter()
        .filter(|r| {
            matches!(
                r,
                ColumnRole::Actual(_)
                    | ColumnRole::National(_)
                    | ColumnRole::Neighbours(_)
                    | ColumnRole::Region(_)
                    | ColumnRole::Target(_)
                    | ColumnRole::Baseline
            )
        })
        .count();
    values >= 2 || (values == 1 && !has_action_titles)
}

/// Which of several pasted tables to read: the first with a KPI header row
/// ([`kpi_header_row`]), else the first with any rows. `None` when every table
/// is empty.
pub fn pick_kpi_grid(grids: &[Grid]) -> Option<usize> {
    grids
        .iter()
        .position(|g| kpi_header_row(g).is_some())
        .or_else(|| grids.iter().position(|g| !g.rows.is_empty()))
}

/// Reads a table (from the clipboard's HTML, a file or pasted text): each cell's
/// paragraphs joined by a space, a merged cell's text in the first column it
/// covers. The header is the KPI header row ([`kpi_header_row`]) if there is
/// one, else the first non-empty row; rows above it are left out (and counted).
/// Roles are guessed from the header.
pub fn table_of_grid(grid: &Grid) -> PastedTable {
    let mut rows: Vec<(Vec<String>, bool)> = grid
        .rows
        .iter()
        .zip(grid.text_rows())
        .filter(|(_, texts)| texts.iter().any(|c| !c.trim().is_empty()))
        .map(|(cells, texts)| {
            let mut filled = cells.iter().filter(|c| !c.is_empty());
            let spanning = match (filled.next(), filled.next()) {
                (Some(only), None) => only.colspan > 1,
                _ => false,
            };
            (texts.iter().map(|c| clean_cell(c)).collect(), spanning)
        })
        .collect();
    if rows.is_empty() {
        return PastedTable::default();
    }
    let at = rows
        .iter()
        .take(HEADER_SEARCH)
        .position(|(r, _)| is_kpi_header(r))
        .unwrap_or(0);
    let (mut headers, _) = rows.remove(at);
    let rows: Vec<(Vec<String>, bool)> = rows.split_off(at);
    // Width: the last column with anything in it, in the header or any row.
    let last_used = |r: &Vec<String>| r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let width = rows
        .iter()
        .map(|(r, _)| last_used(r))
        .chain(std::iter::once(last_used(&headers)))
        .max()
        .unwrap_or(0);
    headers.resize(width, String::new());
    let (mut cells, spanning): (Vec<Vec<String>>, Vec<bool>) = rows.into_iter().unzip();
    for r in &mut cells {
        r.resize(width, String::new());
    }
    let roles = headers.iter().map(|h| guess_role(h)).collect();
    PastedTable {
        headers,
        roles,
        rows: cells,
        spanning,
        above_header: at,
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

impl RowProblem {
    /// The problem of row `row`, its reason naming the row first: "Row 4: why".
    pub fn at(row: usize, why: impl std::fmt::Display) -> RowProblem {
        RowProblem {
            row,
            reason: format!("Row {row}: {why}"),
        }
    }
}

/// What confirming the paste would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PastePreview {
    pub changes: Vec<KpiChange>,
    pub problems: Vec<RowProblem>,
}

impl PastePreview {
    /// How many KPIs the paste updates and how many it adds.
    pub fn counts(&self) -> (usize, usize) {
        let updated = self
            .changes
            .iter()
            .filter(|c| matches!(c, KpiChange::Update { .. }))
            .count();
        (updated, self.changes.len() - updated)
    }
}

/// The steps that confirming a paste's changes makes, in order: each KPI updated
/// or added ([`upsert_kpi`]), applied to `work` as it is made, so `work` ends as
/// the plan after the paste (and the next table of an import is read against it).
/// A KPI that is already in `work` as it stands makes no step. The steps are one
/// undoable change ([`Change::Batch`]).
pub fn confirm(work: &mut Plan, changes: Vec<KpiChange>) -> Vec<Change> {
    let mut steps = Vec::new();
    for c in changes {
        let kpi = match c {
            KpiChange::Update { after, .. } => after,
            KpiChange::Add(k) => k,
        };
        if let Some(step) = upsert_kpi(work, kpi) {
            step.apply(work);
            steps.push(step);
        }
    }
    steps
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

/// What a code, source or title cell says.
#[derive(Debug, Clone, PartialEq, Default)]
struct CodeCell {
    /// The first code, written the plan's way ("NI 112").
    code: Option<String>,
    /// Further codes of the same indicator ("BVPI 197" in "NI 112 / BVPI 197: …").
    others: Vec<String>,
    /// The codes' families that are sources ("NI", "BVPI") and the other sources
    /// named ("LAA", "CYPP local"), without repeats.
    sources: Vec<String>,
    /// The title written after the codes ("Under 18 conception rate"); empty
    /// when there is none.
    title: String,
    /// The bracketed words among the codes ("new 2009/10" in "NI54 (new 2009/10)").
    note: Option<String>,
}

/// One piece of a code cell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Word(&'a str),
    /// "/", ",", ";", "&" or "+" between codes and sources.
    Sep,
    /// A dash standing alone ("NI 60 – Core assessments").
    Dash,
    /// A bracketed group, without its brackets.
    Bracket(&'a str),
}

const SEPARATORS: &[char] = &['/', ',', ';', '&', '+'];

/// A cell's pieces with their byte ranges.
fn tokens(s: &str) -> Vec<(usize, usize, Tok<'_>)> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if SEPARATORS.contains(&c) {
            chars.next();
            out.push((start, start + c.len_utf8(), Tok::Sep));
        } else if c == '(' || c == '[' {
            let mut depth = 0usize;
            let mut close = None;
            for (i, ch) in chars.by_ref() {
                match ch {
                    '(' | '[' => depth += 1,
                    ')' | ']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            close = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            // An unclosed bracket runs to the end of the cell.
            let (inner, end) = match close {
                Some(i) => (&s[start + 1..i], i + 1),
                None => (&s[start + 1..], s.len()),
            };
            out.push((start, end, Tok::Bracket(inner)));
        } else {
            let mut end = s.len();
            while let Some(&(i, ch)) = chars.peek() {
                if ch.is_whitespace() || SEPARATORS.contains(&ch) || ch == '(' || ch == '[' {
                    end = i;
                    break;
                }
                chars.next();
            }
            let word = &s[start..end];
            let tok = if matches!(word, "-" | "–" | "—") {
                Tok::Dash
            } else {
                Tok::Word(word)
            };
            out.push((start, end, tok));
        }
    }
    out
}

/// "N" is the common slip for "NI".
fn family_of(letters: &str) -> String {
    let family = letters.to_uppercase();
    if family == "N" {
        "NI".to_string()
    } else {
        family
    }
}

/// Reads a code, source or title cell.
///
/// In a code or source column: "NI72 LAA" → code "NI 72", sources NI and LAA;
/// "CYPP" → sources CYPP; "NI54 (new 2009/10)" → note "new 2009/10";
/// "NI 112 / BVPI 197: Under 18 conception rate" → code "NI 112", other code
/// "BVPI 197", sources NI and BVPI, title "Under 18 conception rate"; "NI 60 Core
/// assessments …" → code "NI 60" and the title (two or more words after the
/// codes, or any words after a colon or a dash, are a title; one word is a
/// source, as in "CYPP local").
///
/// In a title column (`title_column`), the codes are split off only when the
/// first is of a known family (NI, BVPI, …) or the codes end with a colon or a
/// dash, so "KS2 level 4" stays a title; a further code or source must follow a
/// separator ("NI 112 / BVPI 197").
fn read_code_cell(cell: &str, title_column: bool) -> CodeCell {
    let toks = tokens(cell);
    let mut codes: Vec<(String, String)> = Vec::new();
    let mut acronyms: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // Where the words after the codes start, and whether a colon or a dash
    // marked it.
    let mut rest_at: Option<usize> = None;
    let mut marked = false;
    let mut after_sep = true;
    let mut i = 0;
    while i < toks.len() {
        let (start, end, tok) = toks[i];
        let word = match tok {
            Tok::Sep => {
                after_sep = true;
                i += 1;
                continue;
            }
            Tok::Bracket(inner) => {
                let inner = clean_cell(inner);
                if !inner.is_empty() {
                    notes.push(inner);
                }
                i += 1;
                continue;
            }
            Tok::Dash => {
                rest_at = Some(if codes.is_empty() { start } else { end });
                marked = !codes.is_empty();
                break;
            }
            Tok::Word(w) => w,
        };
        let (w, mut colon) = match word.strip_suffix(':') {
            Some(w) => (w, true),
            None => (word, false),
        };
        let free = after_sep || !title_column;
        let mut used = 0;
        let mut last_end = end;
        if codes.is_empty() || free {
            if let Some(code) = split_code_token(w) {
                codes.push(code);
                used = 1;
            } else if let Some((n_end, Tok::Word(next))) = toks.get(i + 1).map(|t| (t.1, t.2)) {
                let (n, n_colon) = match next.strip_suffix(':') {
                    Some(n) => (n, true),
                    None => (next, false),
                };
                let alphabetic =
                    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| c.is_ascii_alphabetic());
                // "NI 72", and a known family before a lettered code ("PAF C18").
                let known = CODE_FAMILIES.contains(&family_of(w).as_str());
                if alphabetic && (is_code_number(n) || (known && split_code_token(n).is_some())) {
                    let number = if is_code_number(n) {
                        n.to_string()
                    } else {
                        n.to_uppercase()
                    };
                    codes.push((family_of(w), number));
                    used = 2;
                    colon = n_colon;
                    last_end = n_end;
                }
            }
        }
        if used == 0 && is_acronym(w) && !w.chars().all(|c| c.is_ascii_digit()) && (free || colon) {
            acronyms.push(w.to_string());
            used = 1;
        }
        if used == 0 {
            rest_at = Some(start);
            break;
        }
        i += used;
        after_sep = false;
        if colon {
            rest_at = Some(last_end);
            marked = true;
            break;
        }
    }
    let rest = rest_at
        .map(|at| {
            cell[at..]
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—')
                })
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    let rest = clean_cell(&rest);

    if title_column {
        let known = codes
            .first()
            .is_some_and(|(f, _)| CODE_FAMILIES.contains(&f.as_str()));
        if codes.is_empty() || !(known || marked) {
            return CodeCell {
                title: clean_cell(cell),
                ..CodeCell::default()
            };
        }
    } else if codes.is_empty() {
        return sources_cell(cell);
    }

    let mut sources: Vec<String> = codes
        .iter()
        .map(|(f, _)| f.clone())
        .filter(|f| CODE_FAMILIES.contains(&f.as_str()))
        .collect();
    sources.extend(acronyms);
    let mut title = String::new();
    if !rest.is_empty() {
        if title_column || marked || rest.split_whitespace().count() >= 2 {
            title = rest;
        } else {
            sources.push(rest);
        }
    }
    let mut written = codes.iter().map(|(f, n)| format!("{f} {n}"));
    let code = written.next();
    let mut others: Vec<String> = Vec::new();
    for c in written {
        let dup = code.as_deref().is_some_and(|k| code_key(k) == code_key(&c))
            || others.iter().any(|o| code_key(o) == code_key(&c));
        if !dup {
            others.push(c);
        }
    }
    CodeCell {
        code,
        others,
        sources: unique_sources(&sources),
        title,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

/// A cell of sources with no code: "LAA/NI" → LAA and NI; "CYPP local" → one
/// source; bracketed words are its note.
fn sources_cell(cell: &str) -> CodeCell {
    let note: Vec<String> = bracketed(cell);
    let mut sources: Vec<String> = Vec::new();
    for part in outside_brackets(cell).split(SEPARATORS) {
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if words.iter().all(|w| is_acronym(w)) {
            sources.extend(words.iter().map(|w| w.to_string()));
        } else {
            sources.push(words.join(" "));
        }
    }
    CodeCell {
        sources: unique_sources(&sources),
        note: (!note.is_empty()).then(|| note.join("; ")),
        ..CodeCell::default()
    }
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
        if v.note.as_deref().is_some_and(is_provisional_mark) {
            v.provisional = true;
            v.note = None;
        }
    }
    Ok(v)
}

/// Whether a note left after a number means provisional: "p", "(p)", "prov.",
/// "(prov.)", "provisional".
fn is_provisional_mark(note: &str) -> bool {
    let n = note
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .trim_end_matches('.')
        .to_lowercase();
    matches!(n.as_str(), "p" | "prov" | "provisional")
}

/// Reads a target cell: [`parse_target`], plus "National average by Dec 2010" (in
/// line with national) and "Statistical neighbour average" (in line with SN). A
/// target marked provisional ("86% (prov.)", "75 (p)") keeps the mark as its
/// note, "provisional" (a target has no provisional flag of its own).
pub fn read_target(cell: &str) -> Option<Target> {
    match parse_target(cell)? {
        Target::Value {
            value,
            note: Some(note),
        } if is_provisional_mark(&note) => Some(Target::Value {
            value,
            note: Some("provisional".to_string()),
        }),
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
    /// Codes from code and source columns, in column order.
    codes: Vec<String>,
    /// A code written at the start of the title ("NI 112 / BVPI 197: …").
    title_code: Option<String>,
    /// Further codes of the indicator.
    others: Vec<String>,
    /// A title written after the codes in a code column, used when the row has
    /// no title of its own.
    code_title: String,
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
            problems.push(RowProblem::at(
                1,
                format_args!(
                    "column '{}' does not say which period it is for (for example 'Target 2010/11'), so it was not read",
                    header(i)
                ),
            ));
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
    let mut section_srcs: Vec<String> = Vec::new();
    let titled = |title: &str, added: &HashMap<String, usize>| {
        let tk = title_key(title);
        !tk.is_empty()
            && (added.contains_key(&tk) || plan.kpis.iter().any(|k| title_key(&k.title) == tk))
    };

    for (ri, cells) in table.rows.iter().enumerate() {
        let row_no = ri + 2;
        let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");

        // A section row: one cell merged across the table, or a row whose only
        // cell is words (not a code, not a value, not a KPI's title).
        let filled: Vec<usize> = (0..width).filter(|&i| !cell(i).is_empty()).collect();
        if let [only] = filled[..] {
            let text = cell(only);
            let role = &roles[only];
            let spanning = table.spanning.get(ri).copied().unwrap_or(false);
            let is_section = match role {
                _ if spanning => true,
                ColumnRole::Officer => false,
                r if is_value_role(r) => false,
                ColumnRole::Title => {
                    read_code_cell(text, true).code.is_none() && !titled(text, &added_titles)
                }
                ColumnRole::Code | ColumnRole::Source => read_code_cell(text, false).code.is_none(),
                _ => true,
            };
            if is_section {
                section = text.to_string();
                section_srcs = section_sources(text);
                continue;
            }
        }

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
                    let read = read_code_cell(c, false);
                    if role == &ColumnRole::Source {
                        has_source = true;
                    }
                    data.codes.extend(read.code);
                    data.others.extend(read.others);
                    data.sources.extend(read.sources);
                    data.notes.extend(read.note);
                    if data.code_title.is_empty() {
                        data.code_title = read.title;
                    }
                }
                ColumnRole::Title => {
                    if data.title.is_empty() {
                        let read = read_code_cell(c, true);
                        data.title = read.title;
                        data.title_code = read.code;
                        data.others.extend(read.others);
                        data.sources.extend(read.sources);
                        data.notes.extend(read.note);
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
            problems.push(RowProblem::at(row_no, errors.join("; ")));
            continue;
        }
        // The code: a code column's first, else one written in the title; the
        // rest are the indicator's other codes.
        let mut codes: Vec<String> = data.codes.clone();
        codes.extend(data.title_code.clone());
        codes.extend(data.others.clone());
        let mut unique_codes: Vec<String> = Vec::new();
        for c in codes.into_iter().filter(|c| !c.is_empty()) {
            if !unique_codes.iter().any(|u| code_key(u) == code_key(&c)) {
                unique_codes.push(c);
            }
        }
        let code = unique_codes.first().cloned();
        let others: Vec<String> = unique_codes.iter().skip(1).cloned().collect();
        if data.title.trim().is_empty() {
            data.title = std::mem::take(&mut data.code_title);
        }
        let title = data.title.trim().to_string();
        if code.is_none() && title.is_empty() {
            problems.push(RowProblem::at(
                row_no,
                "it has neither a code nor a title, so it cannot be matched to a KPI",
            ));
            continue;
        }

        // Which KPIs the row is about.
        let mut targets: Vec<usize> = Vec::new();
        if code.is_some() {
            // The first code that a KPI of the plan has.
            let by_code: Vec<usize> = unique_codes
                .iter()
                .map(|c| {
                    let key = code_key(c);
                    plan.kpis
                        .iter()
                        .enumerate()
                        .filter(|(_, k)| !k.code.trim().is_empty() && code_key(&k.code) == key)
                        .map(|(i, _)| i)
                        .collect::<Vec<usize>>()
                })
                .find(|found| !found.is_empty())
                .unwrap_or_default();
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
            section_srcs = section_sources(&title);
            section = title.clone();
            continue;
        }

        // A new KPI: its sources are the row's, then its section's ("LAA
        // Indicators" → LAA); its other codes are kept in its notes.
        let mut sources = data.sources.clone();
        sources.extend(section_srcs.iter().cloned());
        let mut notes = data.notes.clone();
        if !others.is_empty() {
            notes.push(format!("Other codes: {}", others.join(", ")));
        }
        let (clean, dashboard) = clean_title(&title);
        let cells: Vec<&str> = data.cells.iter().map(String::as_str).collect();
        let mut kpi = Kpi {
            id: new_id(),
            code: code.clone().unwrap_or_default(),
            sources: unique_sources(&sources),
            title: clean.clone(),
            section: section.clone(),
            unit: data.unit.unwrap_or_else(|| guess_unit(&clean, &cells)),
            decimals: guess_decimals(&cells),
            polarity: data.polarity.unwrap_or_else(|| guess_polarity(&clean)),
            corporate_dashboard: dashboard,
            notes: notes.join("; "),
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

/// Sources a section heading names: "LAA Indicators" → LAA. Only the words
/// that are known sources count, so "Key Stage 2" names none.
fn section_sources(section: &str) -> Vec<String> {
    let known = |w: &str| CODE_FAMILIES.contains(&w) || SECTION_SOURCES.contains(&w);
    let words: Vec<String> = section
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| known(w))
        .map(str::to_string)
        .collect();
    unique_sources(&words)
}

/// Sources other than code families that a section heading may name.
const SECTION_SOURCES: &[&str] = &["LAA", "CYPP", "LPSA", "PSA"];

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

    /// (code, sources, note) of a code column's cell.
    fn r(s: &str) -> (Option<String>, Vec<String>, Option<String>) {
        let c = read_code_cell(s, false);
        assert_eq!((c.title.as_str(), c.others.len()), ("", 0), "{s}");
        (c.code, c.sources, c.note)
    }

    fn cc(code: &str, others: &[&str], sources: &[&str], title: &str) -> CodeCell {
        CodeCell {
            code: (!code.is_empty()).then(|| code.to_string()),
            others: others.iter().map(|s| s.to_string()).collect(),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            title: title.to_string(),
            note: None,
        }
    }

    #[test]
    fn code_cells_give_code_and_sources() {
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
        assert_eq!(
            r("NI 72 LAA local"),
            (
                Some("NI 72".into()),
                vec!["NI".into(), "LAA".into(), "local".into()],
                None
            )
        );
    }

    #[test]
    fn a_code_cell_may_hold_other_codes_and_the_title() {
        // Codes before a colon are split off in a code column and in a title column.
        for title_column in [false, true] {
            assert_eq!(
                read_code_cell("NI 112 / BVPI 197: Under 18 conception rate", title_column),
                cc(
                    "NI 112",
                    &["BVPI 197"],
                    &["NI", "BVPI"],
                    "Under 18 conception rate"
                ),
                "title column: {title_column}"
            );
        }
        assert_eq!(
            read_code_cell(
                "NI 60 Core assessments carried out within 35 working days",
                false
            ),
            cc(
                "NI 60",
                &[],
                &["NI"],
                "Core assessments carried out within 35 working days"
            )
        );
        assert_eq!(
            read_code_cell("MK01 – Local measure", false),
            cc("MK 01", &[], &[], "Local measure")
        );
        assert_eq!(
            read_code_cell("NI 112, ni112 & PAF C18", false),
            cc("NI 112", &["PAF C18"], &["NI", "PAF"], "")
        );
    }

    #[test]
    fn a_title_cell_gives_up_a_code_only_of_a_known_family_or_before_a_colon() {
        assert_eq!(
            read_code_cell("NI 60 Core assessments (within 35 days)", true),
            cc("NI 60", &[], &["NI"], "Core assessments (within 35 days)")
        );
        assert_eq!(
            read_code_cell("NI 72 LAA: % pupils", true),
            cc("NI 72", &[], &["NI", "LAA"], "% pupils")
        );
        assert_eq!(
            read_code_cell("MK 7: Local measure", true),
            cc("MK 7", &[], &[], "Local measure")
        );
        // A dash after the codes marks the title as a colon does: in a title
        // column for any family, and in a code column for a one-word title.
        assert_eq!(
            read_code_cell("MK 7 – Local measure", true),
            cc("MK 7", &[], &[], "Local measure")
        );
        assert_eq!(
            read_code_cell("NI 60 – Assessments", false),
            cc("NI 60", &[], &["NI"], "Assessments")
        );
        for title in [
            "KS2 level 4",
            "% pupils achieving at least 78 points",
            "NEET 16-18 year olds",
            "CYPP",
            "No. of schools",
            "NI 72 KS2 results",
        ] {
            let c = read_code_cell(title, true);
            if title.starts_with("NI 72") {
                // The code is split off; "KS2" after it without a separator is
                // the title's first word.
                assert_eq!(c, cc("NI 72", &[], &["NI"], "KS2 results"));
            } else {
                assert_eq!(c, cc("", &[], &[], title), "{title}");
            }
        }
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
