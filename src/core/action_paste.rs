//! "Paste action table": reads an action plan's table (a [`Grid`] from the
//! clipboard's HTML, from TSV/CSV text, or from a Word or Excel file), guesses what
//! each column holds from its header, and works out the actions, priorities and
//! outcomes it would add. Nothing changes until the user confirms: [`preview`]
//! returns one [`Change`] for the caller to apply as one undoable step.
//!
//! # Using it
//!
//! 1. [`read_table`] finds the header row(s) and gives an [`ActionTable`]: each
//!    column's header and guessed [`ActionColumnRole`] (shown in a select box with
//!    [`ActionColumnRole::ALL`], [`ActionColumnRole::key`] and
//!    [`ActionColumnRole::label`]; read back with [`ActionColumnRole::from_key`]),
//!    and the data rows. The user may change any role in `table.roles`.
//! 2. [`ActionPasteChoices::suggested`] gives the default choices: where rows go
//!    before any "Priority 3 …" row (the priority the table's heading names, else
//!    a new one), how other spanning rows are read, and the date of the first
//!    progress updates (today, passed by the caller).
//! 3. [`preview`] lists every action to be added in words, every row that cannot
//!    be read with its reason, and the one [`Change`] that adds them all.
//!
//! # How rows are read
//!
//! - **Header**: the first row (of the first six) whose cells are mostly column
//!   words ("Activity", "Lead(s)", "Red/Amber/Green?"). The row under it is a
//!   second header row when every cell in it is a column word too ("Mitigation"
//!   under "Risk RAG"; "What / How / Who / When" under a spanning "Delivery"); a
//!   column's role is the upper row's, unless that says nothing. A header row
//!   repeated further down (Word repeats it on every page) is skipped. With no
//!   header (a numbered list pasted from a document), the first column is the
//!   title.
//! - **Rows are numbered** as the user sees them: the grid's first row (the
//!   header) is row 1, and every row counts, empty or not.
//! - **Spanning rows**: a row with a single non-empty cell ("Priority Service
//!   Objective 2: …", "Priority 3 …", "Children and Young People"), or one whose
//!   first cell is "Priority 4" with its title beside it, starts a section. Words
//!   name what it is: "priority", "objective" or "theme" make a priority and
//!   "outcome" an outcome of the current priority, with the number written after
//!   the word ("Priority 3" → number "3"); a row without those words is read as
//!   [`ActionPasteChoices::section_rows`] says. A priority or outcome the plan
//!   already has (same number, else same title) is used, not repeated.
//! - **References**: a reference at the start of the title (or in a Reference
//!   column) is the action's: "1.1", "4.4.1", "01." (as "01"), "2.2 i)", "i)".
//!   A sub-item alone ("ii)") takes the number of the last numbered action
//!   ("2.2 ii)"). "4.4.1 Raising achievement …:" with "i) SIPs work …" in the next
//!   paragraph is action "4.4.1 i)" with the second paragraph as its description.
//! - **Rows that continue the one above** (a row broken across a page): a row
//!   with an empty title, a title starting in lower case, or, in a table whose
//!   previous action had a reference, a title with none. Its cells are added to
//!   the action above. In a one-column list, a paragraph without a number is a
//!   section heading when short (at most ten words, not ending in "." or ":"),
//!   else reported as not an action.
//! - **Cells** (paragraphs kept apart with line breaks, "\n"):
//!   the title is the first paragraph, the rest the description; leads and
//!   "monitored by" are one per paragraph, also split at ";" and ","; a
//!   timeline cell is kept as written, and of several paragraphs (or one with
//!   quarter markers "Qtr1: …", "Q2 …", "Quarter 3 –", or a run-in numbered list
//!   "1. … 2. …") each part becomes a milestone, the marker read as its quarter
//!   and left out of its title; dates are read where written ("31 October 2009",
//!   "by September 2009" → 30 September, "07.07.09", a month alone in the plan's
//!   period) and the latest is the action's due date; a risk cell gives a risk per
//!   paragraph (a paragraph that is only "Green" is the RAG), mitigations pair
//!   with them; a "Ref DR" cell gives the review references ("5.1.2") and any
//!   other words in it are who monitors; a RAG cell ("Amber (because roll out
//!   delayed)") and a progress cell make the action's first progress update,
//!   dated by the choice (a RAG of "Complete"/"Blue" also marks it complete);
//!   a strategy/project cell names the outcome the action goes in (a blank one
//!   keeps the one above: a cell merged down several rows).
//! - **KPI codes** in any cell ("N.I 112: …", "NI 55 – 10.3% 2009-10", "BVPI 197")
//!   link the action to the plan's KPIs with that code (ignoring case and
//!   spaces, as [`crate::core::paste`] matches them); the action's measure text is
//!   the Measures column, else the codes found, so a code is kept either way.
//! - **Problems**: a row with no title, a RAG that is not a RAG, a row above the
//!   header that is not a numbered "Priority 2 …" row, an action already in the
//!   place it would go (same reference and title: a table pasted twice, a row
//!   repeated), a table with no title column (row 0); nothing of such a row is
//!   added. Columns left "Not read" that hold text are named in
//!   [`ActionPastePreview::unread_columns`].
//! - A heading naming a higher plan's priority ("Council Plan Priority 2: …") is
//!   not read as this plan's priority number.

use super::date::{days_in_month, Date};
use super::edit::Change;
use super::grid::Grid;
use super::model::{
    Action, ActionStatus, Id, Milestone, Outcome, Plan, Priority, ProgressUpdate, Quarter, Rag,
    Risk,
};
use super::paste::{code_key, is_code_number, split_code_token, RowProblem, CODE_FAMILIES};
use super::validate::parse_month;

// ---------------------------------------------------------------------------
// Column roles

/// What a column of an action table holds. The user can change any guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionColumnRole {
    /// The action's reference ("1.1", "4.4.1 i)").
    Reference,
    /// Activity, action, commitment, "What": the title (a reference at its start
    /// is read as the reference; further paragraphs are the description).
    Title,
    /// "How", details: the action's description.
    Description,
    /// Starting point, baseline, current position.
    StartingPoint,
    /// Timeline, timescale, milestones: the timeline text, milestones and due date.
    Timeline,
    /// "When", due date, deadline: the due date (and the timeline text when there
    /// is no timeline column).
    Due,
    /// Resources, funding, "Funded by".
    Resources,
    /// Lead(s), "Who", responsible officer.
    Leads,
    /// Monitoring, monitored by.
    MonitoredBy,
    /// Projected outcomes, expected impact.
    Outcomes,
    /// "How measured", measures, indicators: the measure text (KPI codes in it link).
    Measures,
    /// Risks (a paragraph that is only a RAG word gives the RAG).
    Risk,
    /// Red/Amber/Green: the RAG of the first progress update.
    Rag,
    /// Mitigation of the risks.
    Mitigation,
    /// Progress, comments on progress: the first progress update's commentary.
    Progress,
    /// "Ref DR": references to an external review.
    ReviewRef,
    /// Strategy, project, programme, theme: the outcome the action goes in.
    Strategy,
    Ignore,
}

impl ActionColumnRole {
    /// Every role, in the order a select box lists them.
    pub const ALL: [ActionColumnRole; 18] = [
        ActionColumnRole::Reference,
        ActionColumnRole::Title,
        ActionColumnRole::Description,
        ActionColumnRole::StartingPoint,
        ActionColumnRole::Timeline,
        ActionColumnRole::Due,
        ActionColumnRole::Resources,
        ActionColumnRole::Leads,
        ActionColumnRole::MonitoredBy,
        ActionColumnRole::Outcomes,
        ActionColumnRole::Measures,
        ActionColumnRole::Risk,
        ActionColumnRole::Rag,
        ActionColumnRole::Mitigation,
        ActionColumnRole::Progress,
        ActionColumnRole::ReviewRef,
        ActionColumnRole::Strategy,
        ActionColumnRole::Ignore,
    ];

    /// Stable machine name, for a select box's values ("starting_point").
    pub fn key(self) -> &'static str {
        match self {
            ActionColumnRole::Reference => "reference",
            ActionColumnRole::Title => "title",
            ActionColumnRole::Description => "description",
            ActionColumnRole::StartingPoint => "starting_point",
            ActionColumnRole::Timeline => "timeline",
            ActionColumnRole::Due => "due",
            ActionColumnRole::Resources => "resources",
            ActionColumnRole::Leads => "leads",
            ActionColumnRole::MonitoredBy => "monitored_by",
            ActionColumnRole::Outcomes => "outcomes",
            ActionColumnRole::Measures => "measures",
            ActionColumnRole::Risk => "risk",
            ActionColumnRole::Rag => "rag",
            ActionColumnRole::Mitigation => "mitigation",
            ActionColumnRole::Progress => "progress",
            ActionColumnRole::ReviewRef => "review_ref",
            ActionColumnRole::Strategy => "strategy",
            ActionColumnRole::Ignore => "ignore",
        }
    }

    /// The words shown in the select box.
    pub fn label(self) -> &'static str {
        match self {
            ActionColumnRole::Reference => "Reference",
            ActionColumnRole::Title => "Action (title)",
            ActionColumnRole::Description => "Description",
            ActionColumnRole::StartingPoint => "Starting point",
            ActionColumnRole::Timeline => "Timeline and milestones",
            ActionColumnRole::Due => "Due date",
            ActionColumnRole::Resources => "Resources and funding",
            ActionColumnRole::Leads => "Leads",
            ActionColumnRole::MonitoredBy => "Monitored by",
            ActionColumnRole::Outcomes => "Projected outcomes",
            ActionColumnRole::Measures => "How it is measured (KPIs)",
            ActionColumnRole::Risk => "Risks",
            ActionColumnRole::Rag => "RAG (first progress update)",
            ActionColumnRole::Mitigation => "Mitigation",
            ActionColumnRole::Progress => "Progress (first progress update)",
            ActionColumnRole::ReviewRef => "Review references (Ref DR)",
            ActionColumnRole::Strategy => "Strategy or project (outcome)",
            ActionColumnRole::Ignore => "Not read",
        }
    }

    /// Reads a role from its key, else from its label (any case).
    pub fn from_key(s: &str) -> Option<ActionColumnRole> {
        let t = s.trim();
        ActionColumnRole::ALL
            .into_iter()
            .find(|r| r.key() == t)
            .or_else(|| {
                ActionColumnRole::ALL
                    .into_iter()
                    .find(|r| r.label().eq_ignore_ascii_case(t))
            })
    }
}

/// The text outside brackets, lower case: "Starting Point (June 2009)" →
/// "starting point ".
fn outside_brackets_lower(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Guesses what a column holds from its header ("Lead(s)" → leads, "Risk RAG
/// Mitigation" → risks, "Ref DR" → review references, "How measured" → measures).
/// A header of more than eight words is not a header: [`ActionColumnRole::Ignore`].
pub fn guess_role(header: &str) -> ActionColumnRole {
    use ActionColumnRole as R;
    let outside = outside_brackets_lower(header);
    let lower = if outside.trim().is_empty() {
        header.to_lowercase()
    } else {
        outside
    };
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 8 {
        return R::Ignore;
    }
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let starts = |list: &[&str]| words.iter().any(|w| list.iter().any(|p| w.starts_with(p)));
    let phrase = |list: &[&str]| list.iter().any(|p| lower.contains(p));
    if has(&["dr", "diagnostic"]) || phrase(&["review ref"]) {
        R::ReviewRef
    } else if starts(&["measur", "indicator", "kpi"]) || has(&["pi", "pis", "evidence"]) {
        R::Measures
    } else if starts(&["monitor"]) {
        R::MonitoredBy
    } else if has(&["risk", "risks"]) {
        R::Risk
    } else if has(&["rag", "status", "rating"]) || phrase(&["red/amber", "r/a/g", "amber/green"]) {
        R::Rag
    } else if starts(&["mitigat"]) {
        R::Mitigation
    } else if starts(&["progress", "comment", "update"]) {
        R::Progress
    } else if phrase(&["starting point", "current position", "where we are"]) || has(&["baseline"])
    {
        R::StartingPoint
    } else if starts(&["timeline", "timescale", "milestone"]) || phrase(&["time-line", "time line"])
    {
        R::Timeline
    } else if has(&["when", "due", "deadline", "date", "completion"]) {
        R::Due
    } else if starts(&["resource", "fund", "budget", "cost"]) {
        R::Resources
    } else if has(&[
        "lead",
        "leads",
        "who",
        "responsible",
        "officer",
        "officers",
        "owner",
        "accountable",
    ]) {
        R::Leads
    } else if starts(&["outcome", "impact", "expected", "projected"])
        || phrase(&["success criteria"])
    {
        R::Outcomes
    } else if has(&["ref", "reference", "no", "number"]) || lower.trim() == "#" {
        R::Reference
    } else if starts(&[
        "activit",
        "action",
        "commitment",
        "task",
        "deliverable",
        "title",
    ]) || has(&["what"])
        || phrase(&["we will"])
    {
        R::Title
    } else if starts(&["descri", "detail", "step"]) || has(&["how"]) {
        R::Description
    } else if starts(&[
        "strateg",
        "project",
        "programme",
        "theme",
        "priorit",
        "workstream",
        "objective",
        "strand",
    ]) {
        R::Strategy
    } else {
        R::Ignore
    }
}

// ---------------------------------------------------------------------------
// The table

/// One data row: its number as the user sees it, and each column's paragraphs
/// (a spanning cell's paragraphs stand in its first column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based row number in the pasted table (its first row is 1; every row
    /// counts, header and empty rows too).
    pub number: usize,
    pub cells: Vec<Vec<String>>,
}

impl TableRow {
    fn non_empty(&self) -> Vec<usize> {
        (0..self.cells.len())
            .filter(|&i| !self.cells[i].is_empty())
            .collect()
    }
}

/// A pasted action table: the heading above it, each column's header and role,
/// and the data rows (header rows and repeated header rows left out).
#[derive(Debug, Clone, PartialEq)]
pub struct ActionTable {
    /// The heading written above the table ("Priority 1: …"), or empty.
    pub heading: String,
    /// One per column: the header as written (two header rows joined by " / ");
    /// empty when the table has no header.
    pub headers: Vec<String>,
    /// One per column: the guessed role; the user may change any.
    pub roles: Vec<ActionColumnRole>,
    /// The row numbers read as header rows (empty when there is none).
    pub header_rows: Vec<usize>,
    pub rows: Vec<TableRow>,
}

/// Every cell's text of a row spread over the columns a spanning cell covers
/// (for headers: "Delivery" spanning What/How/Who stands over each of them).
fn spread_texts(row: &[super::grid::GridCell], width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for c in row {
        for _ in 0..c.colspan {
            out.push(c.text());
        }
    }
    out.resize(width, String::new());
    out
}

/// A row's paragraphs per column; a spanning cell's stand in its first column.
fn row_cells(row: &[super::grid::GridCell], width: usize) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for c in row {
        out.push(c.paragraphs.clone());
        out.extend(std::iter::repeat_n(Vec::new(), c.colspan - 1));
    }
    out.resize(width, Vec::new());
    out
}

/// The non-empty texts of a row, each once (a spanning cell's text stands over
/// every column it covers).
fn distinct(texts: &[String]) -> Vec<&String> {
    let mut out: Vec<&String> = Vec::new();
    for t in texts {
        if !t.trim().is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Whether every non-empty cell is a column word and there are at least `min`
/// different ones.
fn header_like(texts: &[String], min: usize) -> bool {
    let filled = distinct(texts);
    let words = filled
        .iter()
        .filter(|t| guess_role(t) != ActionColumnRole::Ignore && read_section(t).1.is_empty())
        .count();
    filled.len() >= min && words == filled.len() && words >= 1
}

/// Finds the header row(s) of a grid, guesses each column's role and keeps the
/// data rows. See the module documentation for the rules.
pub fn read_table(grid: &Grid) -> ActionTable {
    let width = grid.width();
    let spread: Vec<Vec<String>> = grid.rows.iter().map(|r| spread_texts(r, width)).collect();
    let header_at = (0..grid.rows.len().min(6)).find(|&r| {
        let texts = distinct(&spread[r]);
        let filled = texts.len();
        let words = texts
            .iter()
            .filter(|t| guess_role(t) != ActionColumnRole::Ignore)
            .count();
        filled >= 2 && words >= 2 && words * 3 >= filled * 2
    });
    let mut header_rows = Vec::new();
    let mut headers = vec![String::new(); width];
    let mut roles = vec![ActionColumnRole::Ignore; width];
    let mut second: Option<Vec<String>> = None;
    let no_reference = |texts: &[String]| !texts.iter().any(|t| split_reference(t).0.is_some());
    // The row above the header is its upper half when it has column words too
    // ("Strategy / project" | "Delivery" spanning What/How/Who/When).
    let upper = header_at.filter(|&h| {
        h > 0 && {
            let above = &spread[h - 1];
            let filled = distinct(above).len();
            let words = distinct(above)
                .iter()
                .filter(|t| guess_role(t) != ActionColumnRole::Ignore)
                .count();
            filled >= 2
                && words >= 1
                && no_reference(above)
                && read_section(&above.join(" ")).1.is_empty()
        }
    });
    let top = match upper {
        Some(h) => Some(h - 1),
        None => header_at,
    };
    if let Some(h) = top {
        header_rows.push(h + 1);
        for (i, t) in spread[h].iter().enumerate() {
            headers[i] = t.clone();
            roles[i] = guess_role(t);
        }
        if let Some(next) = spread.get(h + 1) {
            if upper.is_some() || (header_like(next, 1) && no_reference(next)) {
                header_rows.push(h + 2);
                // A cell of the upper row spanning several columns is a group
                // heading ("Risk / RAG / Mitigation" over Risk | RAG | Mitigation):
                // under it, the lower row's own word names the column.
                let upper_row = &spread[h];
                let spans = |i: usize| {
                    !upper_row[i].is_empty()
                        && ((i > 0 && upper_row[i - 1] == upper_row[i])
                            || upper_row.get(i + 1) == Some(&upper_row[i]))
                };
                for (i, t) in next.iter().enumerate() {
                    if t.is_empty() || *t == headers[i] {
                        continue;
                    }
                    let lower = guess_role(t);
                    if roles[i] == ActionColumnRole::Ignore
                        || (spans(i) && lower != ActionColumnRole::Ignore)
                    {
                        roles[i] = lower;
                    }
                    headers[i] = if headers[i].is_empty() {
                        t.clone()
                    } else {
                        format!("{} / {t}", headers[i])
                    };
                }
                second = Some(next.clone());
            }
        }
    } else if width > 0 {
        roles[0] = ActionColumnRole::Title;
    }
    let first_data = header_rows.last().copied().unwrap_or(0);
    let mut rows = Vec::new();
    let mut after_header = false;
    for (r, row) in grid.rows.iter().enumerate() {
        if r < first_data && header_rows.contains(&(r + 1)) {
            continue;
        }
        let texts = &spread[r];
        if texts.iter().all(|t| t.is_empty()) {
            continue;
        }
        // A header row again (Word repeats it on each page), with the row of
        // column words under it ("Mitigation").
        let repeated = top.is_some_and(|h| r > h)
            && (header_like(texts, 2)
                || Some(texts) == second.as_ref()
                || (after_header
                    && header_like(texts, 1)
                    && !texts.iter().any(|t| split_reference(t).0.is_some())));
        after_header = repeated;
        if repeated {
            continue;
        }
        rows.push(TableRow {
            number: r + 1,
            cells: row_cells(row, width),
        });
    }
    ActionTable {
        heading: grid.heading.trim().to_string(),
        headers,
        roles,
        header_rows,
        rows,
    }
}

// ---------------------------------------------------------------------------
// Choices

/// Where the rows go that come before any "Priority 3 …" row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteInto {
    /// A new priority (made only if some action goes in it).
    NewPriority { number: String, title: String },
    /// A priority of the plan, by id.
    Priority(Id),
    /// An outcome of the plan, by id.
    Outcome(Id),
}

/// How a spanning row that does not say what it is ("Children and Young
/// People", "People") is read. Rows that say ("Priority 3 …", "Outcome 2 …") are
/// read as they say, unless [`SectionRows::Ignore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRows {
    Priorities,
    Outcomes,
    /// Spanning rows are left out; every action goes where [`PasteInto`] says.
    Ignore,
}

/// The user's choices for a paste.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionPasteChoices {
    pub into: PasteInto,
    pub section_rows: SectionRows,
    /// The date of the progress updates made from RAG and progress cells
    /// (default: today, as the caller knows it).
    pub update_date: Option<Date>,
}

impl ActionPasteChoices {
    /// The default choices: rows go into the priority the table's heading names
    /// ("Priority 1: …": the plan's priority with that number, else a new
    /// priority of that number and title); with no heading, into a new priority
    /// "Pasted actions" (numbered after the plan's priorities). Spanning rows that
    /// do not say what they are become priorities; updates are dated `today`.
    pub fn suggested(plan: &Plan, table: &ActionTable, today: Option<Date>) -> ActionPasteChoices {
        let into = if table.heading.is_empty() {
            PasteInto::NewPriority {
                number: (plan.priorities.len() + 1).to_string(),
                title: "Pasted actions".to_string(),
            }
        } else {
            let (_, number, title) = read_section(&table.heading);
            match find_priority(&plan.priorities, &number, &title) {
                Some(i) => PasteInto::Priority(plan.priorities[i].id.clone()),
                None => PasteInto::NewPriority {
                    number: if number.is_empty() {
                        (plan.priorities.len() + 1).to_string()
                    } else {
                        number
                    },
                    title,
                },
            }
        };
        ActionPasteChoices {
            into,
            section_rows: SectionRows::Priorities,
            update_date: today,
        }
    }
}

// ---------------------------------------------------------------------------
// The preview

/// One action the paste would add, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionSummary {
    /// The rows it was read from (several when a row continues on the next).
    pub rows: Vec<usize>,
    /// Where it goes, in words: "Priority 3: Ensure …" or
    /// "Priority 4: … › Outcome 4: Enjoy and achieve", "(new)" after a new one.
    pub place: String,
    /// What it holds, a line each: "Reference: 1.1", "Leads: DCS, DLT",
    /// "2 milestones: Q1, Q2", "First update (1 December 2026): Amber — …",
    /// "KPIs linked: NI 112 Under 18 conception rate", "Measures: NI 55".
    pub lines: Vec<String>,
    /// The action itself, as it would be added.
    pub action: Action,
}

/// What confirming the paste would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionPastePreview {
    pub actions: Vec<ActionSummary>,
    /// New priorities, in words ("Priority 3: Ensure …").
    pub new_priorities: Vec<String>,
    /// New outcomes, in words ("Outcome 4: Enjoy and achieve, in Priority 4").
    pub new_outcomes: Vec<String>,
    /// Rows that cannot be read, with the reason ("Row 5: …"); a problem about the
    /// whole table (no title column) has row 0.
    pub problems: Vec<RowProblem>,
    /// Columns set to "Not read" that hold text, in words ("Column 8 (no
    /// header) is not read: 3 rows have text in it"), so nothing is dropped unseen.
    pub unread_columns: Vec<String>,
    /// The one change that adds everything (None when nothing would be added).
    pub change: Option<Change>,
}

/// A priority being filled: the plan's (by index) or a new one.
struct Slot {
    existing: Option<usize>,
    priority: Priority,
    new_outcomes: Vec<Id>,
}

impl Slot {
    /// A new priority of this number and title.
    fn new_priority(id: Id, number: String, title: String) -> Slot {
        Slot {
            existing: None,
            priority: Priority {
                id,
                number,
                title,
                ..Priority::default()
            },
            new_outcomes: Vec::new(),
        }
    }

    /// The index of the priority's outcome of this number (or, with none, title),
    /// added as a new outcome if the priority has none such.
    fn outcome(
        &mut self,
        number: String,
        title: String,
        new_id: &mut dyn FnMut(&str) -> Id,
    ) -> usize {
        if let Some(oi) = find_outcome(&self.priority.outcomes, &number, &title) {
            return oi;
        }
        let id = new_id("o");
        self.new_outcomes.push(id.clone());
        self.priority.outcomes.push(Outcome {
            id,
            number,
            title,
            ..Outcome::default()
        });
        self.priority.outcomes.len() - 1
    }
}

/// Which priority (slot) and outcome (index in it) actions go into.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Place {
    slot: usize,
    outcome: Option<usize>,
}

/// Reads a section row or heading: (kind word, number, title).
/// "Priority Service Objective 2: Improve …" → (Priority, "2", "Improve …");
/// "CYPP core outcome 4 Enjoy and Achieve" → (Outcome, "4", "Enjoy and Achieve");
/// "People" → (None, "", "People").
fn read_section(text: &str) -> (Option<SectionKind>, String, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut kind = None;
    for (i, w) in words.iter().enumerate().take(6) {
        let lw = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if lw == "council" || lw == "corporate" {
            // "Council Plan Priority 2: …" names a higher plan's priority.
            break;
        }
        if lw == "outcome" || lw == "outcomes" {
            kind = Some(SectionKind::Outcome);
        } else if ["priority", "objective", "theme"].contains(&lw.as_str()) {
            kind.get_or_insert(SectionKind::Priority);
        }
        if kind.is_some() {
            let bare = w.trim_end_matches([':', '.', ',', '–', '-']);
            let number_like = !bare.is_empty()
                && bare.chars().next().is_some_and(|c| c.is_ascii_digit())
                && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
            if number_like && i > 0 {
                let rest = words[i + 1..].join(" ");
                let rest = rest
                    .trim_start_matches([':', '-', '–', '.', ' '])
                    .to_string();
                return (kind, bare.to_string(), rest);
            }
        }
    }
    let title = text
        .trim()
        .trim_start_matches([':', '-', '–', ' '])
        .to_string();
    (kind, String::new(), title)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Priority,
    Outcome,
}

fn same_title(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    !key(a).is_empty() && key(a) == key(b)
}

/// The priority with this number (else, with no number, this title).
fn find_priority(list: &[Priority], number: &str, title: &str) -> Option<usize> {
    if number.is_empty() {
        list.iter().position(|p| same_title(&p.title, title))
    } else {
        list.iter().position(|p| p.number.trim() == number)
    }
}

fn find_outcome(list: &[Outcome], number: &str, title: &str) -> Option<usize> {
    if number.is_empty() {
        list.iter().position(|o| same_title(&o.title, title))
    } else {
        list.iter().position(|o| o.number.trim() == number)
    }
}

/// "Priority 3: Ensure …" (just "Priority 3" without a title).
fn priority_words(p: &Priority) -> String {
    match (p.number.is_empty(), p.title.is_empty()) {
        (false, false) => format!("Priority {}: {}", p.number, p.title),
        (false, true) => format!("Priority {}", p.number),
        _ => p.title.clone(),
    }
}

fn outcome_words(o: &Outcome) -> String {
    match (o.number.is_empty(), o.title.is_empty()) {
        (false, false) => format!("Outcome {}: {}", o.number, o.title),
        (false, true) => format!("Outcome {}", o.number),
        _ => o.title.clone(),
    }
}

/// The pieces of one action being read from one or more rows.
#[derive(Default)]
struct Draft {
    rows: Vec<usize>,
    place: Option<Place>,
    action: Action,
    title_paras: Vec<String>,
    description: Vec<String>,
    starting_point: Vec<String>,
    timeline: Vec<String>,
    due_text: Vec<String>,
    resources: Vec<String>,
    outcomes: Vec<String>,
    measures: Vec<String>,
    risks: Vec<String>,
    mitigations: Vec<String>,
    progress: Vec<String>,
    rag: Option<(Rag, String)>,
    codes: Vec<String>,
}

/// Works out what the paste would add. Nothing in the plan changes: the caller
/// applies `preview.change` (one undoable step) when the user confirms.
///
/// `new_id` makes each new id from a prefix ("p" priority, "o" outcome, "a"
/// action, "m" milestone, "r" risk, "u" update): pass
/// `&mut |p| gen.next_id(p)` with a [`crate::core::edit::IdGen`] of the plan.
pub fn preview(
    plan: &Plan,
    table: &ActionTable,
    choices: &ActionPasteChoices,
    new_id: &mut dyn FnMut(&str) -> Id,
) -> ActionPastePreview {
    use ActionColumnRole as R;
    let mut out = ActionPastePreview::default();
    let width = table.roles.len();
    let role = |i: usize| table.roles.get(i).copied().unwrap_or(R::Ignore);
    let col_of = |r: ActionColumnRole| (0..width).find(|&i| role(i) == r);
    let title_col = col_of(R::Title);
    let ref_col = col_of(R::Reference);
    let header_text = |i: usize| table.headers.get(i).map(String::as_str).unwrap_or("");
    let Some(title_col) = title_col else {
        out.problems.push(RowProblem {
            row: 0,
            reason: "No column holds the actions' titles: choose 'Action (title)' for one column"
                .to_string(),
        });
        return out;
    };
    let one_column = table.header_rows.is_empty() && width == 1;
    let has_timeline = col_of(R::Timeline).is_some();
    let as_of = col_of(R::StartingPoint).and_then(|i| {
        dates_in(header_text(i), None, true)
            .first()
            .and_then(|d| Date::new(d.year(), d.month(), 1))
    });

    // The priorities being filled: the plan's (copied when first touched) and new.
    let mut slots: Vec<Slot> = Vec::new();
    let slot_of_existing = |slots: &mut Vec<Slot>, index: usize| -> usize {
        if let Some(s) = slots.iter().position(|s| s.existing == Some(index)) {
            return s;
        }
        slots.push(Slot {
            existing: Some(index),
            priority: plan.priorities[index].clone(),
            new_outcomes: Vec::new(),
        });
        slots.len() - 1
    };
    // Where actions go before any section row (resolved when first needed).
    let mut start: Option<Place> = None;
    let mut current: Option<Place> = None;
    let mut strategy_base: Option<Place> = None;
    let mut last_strategy = String::new();
    let mut last_number_ref = String::new();
    let mut drafts: Vec<Draft> = Vec::new();

    let mut resolve_start = |slots: &mut Vec<Slot>, new_id: &mut dyn FnMut(&str) -> Id| -> Place {
        if let Some(p) = start {
            return p;
        }
        let place = match &choices.into {
            PasteInto::Priority(id) => {
                plan.priorities
                    .iter()
                    .position(|p| &p.id == id)
                    .map(|i| Place {
                        slot: slot_of_existing(slots, i),
                        outcome: None,
                    })
            }
            PasteInto::Outcome(id) => plan
                .priorities
                .iter()
                .enumerate()
                .find_map(|(pi, p)| {
                    p.outcomes
                        .iter()
                        .position(|o| &o.id == id)
                        .map(|oi| (pi, oi))
                })
                .map(|(pi, oi)| Place {
                    slot: slot_of_existing(slots, pi),
                    outcome: Some(oi),
                }),
            PasteInto::NewPriority { .. } => None,
        };
        let place = place.unwrap_or_else(|| {
            let (number, title) = match &choices.into {
                PasteInto::NewPriority { number, title } => (number.clone(), title.clone()),
                _ => (
                    (plan.priorities.len() + 1).to_string(),
                    "Pasted actions".to_string(),
                ),
            };
            slots.push(Slot::new_priority(new_id("p"), number, title));
            Place {
                slot: slots.len() - 1,
                outcome: None,
            }
        });
        start = Some(place);
        place
    };

    for row in &table.rows {
        let filled = row.non_empty();
        let cell = |i: usize| row.cells.get(i).cloned().unwrap_or_default();
        let first_text = filled
            .first()
            .map(|&i| cell(i).join(" "))
            .unwrap_or_default();

        // A section row: one cell alone, or "Priority 4" with its title beside it.
        let title_text = cell(title_col).join(" ");
        let starts_lower = title_text.chars().next().is_some_and(|c| c.is_lowercase());
        // A lone cell in the first (or title) column; a lone cell elsewhere
        // continues the action above ("Led by Chief Executive." under a risk).
        let alone = filled.len() == 1
            && (filled[0] == 0 || filled[0] == title_col)
            && (width > 1 || one_column);
        let above_header = table.header_rows.first().is_some_and(|&h| row.number < h);
        // "Priority 4" | "Establish a clear …" | (empty) …
        let keyword_pair = filled.len() == 2 && filled[1] == filled[0] + 1 && {
            let (kind, number, rest) = read_section(&first_text);
            kind.is_some() && !number.is_empty() && rest.is_empty()
        };
        let has_ref = split_reference(&title_text).0.is_some()
            || ref_col.is_some_and(|i| {
                let r = cell(i).join(" ");
                is_number_ref(&r) || split_reference(&r).0.is_some()
            });
        let is_section = if one_column {
            !has_ref && {
                let words = title_text.split_whitespace().count();
                words <= 10 && !title_text.ends_with(['.', ':'])
            }
        } else {
            (alone && !has_ref && (drafts.is_empty() || !starts_lower)) || keyword_pair
        };
        // Above the header, only a numbered "Priority 2 …" row is read.
        let numbered_section = is_section && !read_section(&first_text).1.is_empty();
        if above_header && !numbered_section {
            out.problems.push(RowProblem::at(
                row.number,
                "it is above the table's header row, so it was not read",
            ));
            continue;
        }
        if is_section {
            if choices.section_rows == SectionRows::Ignore {
                continue;
            }
            let text = filled
                .iter()
                .map(|&i| cell(i).join(" "))
                .collect::<Vec<_>>()
                .join(" ");
            let (kind, number, title) = read_section(&text);
            let kind = kind.unwrap_or(match choices.section_rows {
                SectionRows::Outcomes => SectionKind::Outcome,
                _ => SectionKind::Priority,
            });
            match kind {
                SectionKind::Priority => {
                    let plan_match = find_priority(&plan.priorities, &number, &title);
                    let slot = match plan_match {
                        Some(i) => slot_of_existing(&mut slots, i),
                        None => match slots.iter().position(|s| {
                            s.existing.is_none()
                                && find_priority(std::slice::from_ref(&s.priority), &number, &title)
                                    .is_some()
                        }) {
                            Some(s) => s,
                            None => {
                                slots.push(Slot::new_priority(new_id("p"), number, title));
                                slots.len() - 1
                            }
                        },
                    };
                    current = Some(Place {
                        slot,
                        outcome: None,
                    });
                }
                SectionKind::Outcome => {
                    let base = match current {
                        Some(p) => p,
                        None => resolve_start(&mut slots, new_id),
                    };
                    let oi = slots[base.slot].outcome(number, title, new_id);
                    current = Some(Place {
                        slot: base.slot,
                        outcome: Some(oi),
                    });
                }
            }
            strategy_base = None;
            last_strategy.clear();
            continue;
        }

        if one_column && !has_ref {
            out.problems.push(RowProblem::at(
                row.number,
                "it has no number, so it is read as text, not an action",
            ));
            continue;
        }

        // A row continuing the action above (broken across a page)?
        let continues = !drafts.is_empty()
            && !one_column
            && !has_ref
            && (title_text.is_empty()
                || starts_lower
                || drafts
                    .last()
                    .is_some_and(|d| !d.action.reference.is_empty()));
        if title_text.is_empty() && !continues {
            let name = header_text(title_col);
            out.problems.push(RowProblem::at(
                row.number,
                if name.is_empty() {
                    "it has no action title, so it is not an action".to_string()
                } else {
                    format!("its '{name}' cell is empty, so it is not an action")
                },
            ));
            continue;
        }

        // A RAG that cannot be read makes the row a problem.
        let mut rag: Option<(Rag, String)> = None;
        let mut bad_rag: Option<String> = None;
        if let Some(i) = col_of(R::Rag) {
            let text = cell(i).join(" ");
            if !text.is_empty() {
                match read_rag(&text) {
                    Some(r) => rag = Some(r),
                    None => bad_rag = Some(text),
                }
            }
        }
        if let Some(text) = bad_rag {
            out.problems.push(RowProblem::at(
                row.number,
                format_args!(
                    "'{text}' in column '{}' is not Red, Amber, Green or Complete, so the row was not read",
                    header_text(col_of(R::Rag).unwrap_or(0))
                ),
            ));
            continue;
        }

        if !continues {
            let place = match current {
                Some(p) => p,
                None => resolve_start(&mut slots, new_id),
            };
            drafts.push(Draft {
                place: Some(place),
                ..Draft::default()
            });
        }
        let Some(d) = drafts.last_mut() else {
            continue;
        };
        d.rows.push(row.number);
        if rag.is_some() {
            d.rag = rag;
        }

        // Reference and title.
        let mut title_paras = cell(title_col);
        if !continues {
            let mut reference = ref_col
                .map(|i| cell(i).join(" "))
                .map(|r| r.trim().trim_end_matches('.').to_string())
                .filter(|r| !r.is_empty());
            if let Some(first) = title_paras.first().cloned() {
                let (found, rest) = split_reference(&first);
                if let Some(found) = found {
                    reference.get_or_insert(found);
                    title_paras[0] = rest;
                }
                // "4.4.1 Raising …:" then "i) SIPs …": the sub-item is the action's.
                if let (Some(r), Some(second)) = (reference.clone(), title_paras.get(1).cloned()) {
                    if title_paras[0].ends_with(':') && is_number_ref(&r) {
                        if let (Some(sub), rest) = split_reference(&second) {
                            if !is_number_ref(&sub) {
                                reference = Some(format!("{r} {sub}"));
                                title_paras[1] = rest;
                                title_paras[0] = title_paras[0].trim_end_matches(':').to_string();
                            }
                        }
                    }
                }
            }
            let reference = reference.map(|r| {
                if r.starts_with(|c: char| c.is_ascii_digit()) || last_number_ref.is_empty() {
                    r
                } else {
                    format!("{last_number_ref} {r}")
                }
            });
            if let Some(r) = &reference {
                if let Some(num) = r.split_whitespace().next().filter(|n| is_number_ref(n)) {
                    last_number_ref = num.to_string();
                }
            }
            d.action.reference = reference.unwrap_or_default();
            let mut paras = title_paras.into_iter().filter(|p| !p.is_empty());
            d.title_paras = paras.next().into_iter().collect();
            d.description.extend(paras);
        } else {
            d.description
                .extend(title_paras.into_iter().filter(|p| !p.is_empty()));
        }

        for i in 0..width {
            let paras = cell(i);
            if paras.is_empty() {
                continue;
            }
            for p in &paras {
                for c in codes_in(p) {
                    if !d.codes.contains(&c) {
                        d.codes.push(c);
                    }
                }
            }
            match role(i) {
                R::Ignore | R::Title | R::Reference | R::Rag => {}
                R::Description => d.description.extend(paras),
                R::StartingPoint => d.starting_point.extend(paras),
                R::Timeline => d.timeline.extend(paras),
                R::Due => d.due_text.extend(paras),
                R::Resources => d.resources.extend(paras),
                R::Leads => push_names(&mut d.action.leads, &paras),
                R::MonitoredBy => push_names(&mut d.action.monitored_by, &paras),
                R::Outcomes => d.outcomes.extend(paras),
                R::Measures => d.measures.extend(paras),
                R::Mitigation => d.mitigations.extend(paras),
                R::Progress => d.progress.extend(paras),
                R::Risk => {
                    for p in paras {
                        match rag_word(&p) {
                            Some(r) if d.rag.is_none() => d.rag = Some((r, String::new())),
                            Some(_) => {}
                            None => d.risks.push(p),
                        }
                    }
                }
                R::ReviewRef => {
                    let mut others = Vec::new();
                    for w in paras.iter().flat_map(|p| p.split_whitespace()) {
                        let w = w.trim_matches(|c: char| matches!(c, ',' | ';'));
                        if is_number_ref(w) {
                            d.action
                                .review_refs
                                .push(w.trim_end_matches('.').to_string());
                        } else {
                            others.push(w);
                        }
                    }
                    if !others.is_empty() {
                        push_names(&mut d.action.monitored_by, &[others.join(" ")]);
                    }
                }
                R::Strategy => {
                    if !continues {
                        let text = paras.join(" ");
                        if text != last_strategy {
                            last_strategy = text;
                        }
                    }
                }
            }
        }
        // The strategy names the outcome the action goes in (carried down).
        if !continues && col_of(R::Strategy).is_some() && !last_strategy.is_empty() {
            let base = *strategy_base.get_or_insert(d.place.unwrap_or(Place {
                slot: 0,
                outcome: None,
            }));
            let oi = slots[base.slot].outcome(String::new(), last_strategy.clone(), new_id);
            d.place = Some(Place {
                slot: base.slot,
                outcome: Some(oi),
            });
        }
    }

    // Finish each action and put it in its place.
    let start_year = plan.period_start;
    for mut d in drafts {
        let Some(place) = d.place else { continue };
        let a = &mut d.action;
        a.id = new_id("a");
        a.title = d.title_paras.join(" ");
        a.description = d.description.join("\n");
        a.starting_point = d.starting_point.join("\n");
        if !a.starting_point.is_empty() {
            a.starting_point_as_of = as_of;
        }
        let timeline_paras = if has_timeline {
            d.timeline.clone()
        } else {
            d.due_text.clone()
        };
        a.timeline = timeline_paras.join("\n");
        for part in milestone_parts(&timeline_paras) {
            a.milestones.push(Milestone {
                id: new_id("m"),
                due: dates_in(&part.text, start_year, false).into_iter().max(),
                // "Q4" alone: the milestone is the action itself, due that quarter.
                title: if part.text.is_empty() {
                    a.title.clone()
                } else {
                    part.text
                },
                quarter: part.quarter,
                done: false,
            });
        }
        a.due = d
            .timeline
            .iter()
            .chain(&d.due_text)
            .flat_map(|t| dates_in(t, start_year, false))
            .max();
        a.resources = d.resources.join("\n");
        a.projected_outcomes = d.outcomes.join("\n");
        a.measures = d.measures.join("\n");
        if a.measures.is_empty() {
            a.measures = d.codes.join(", ");
        }
        for code in &d.codes {
            let key = code_key(code);
            for k in &plan.kpis {
                if !k.code.trim().is_empty()
                    && code_key(&k.code) == key
                    && !a.kpi_ids.contains(&k.id)
                {
                    a.kpi_ids.push(k.id.clone());
                }
            }
        }
        let pair = d.risks.len() == d.mitigations.len();
        for (i, r) in d.risks.iter().enumerate() {
            a.risks.push(Risk {
                id: new_id("r"),
                description: r.clone(),
                mitigation: if pair {
                    d.mitigations[i].clone()
                } else if i == 0 {
                    d.mitigations.join("\n")
                } else {
                    String::new()
                },
                ..Risk::default()
            });
        }
        if d.risks.is_empty() && !d.mitigations.is_empty() {
            a.risks.push(Risk {
                id: new_id("r"),
                mitigation: d.mitigations.join("\n"),
                ..Risk::default()
            });
        }
        if d.rag.is_some() || !d.progress.is_empty() {
            let (rag, reason) = d.rag.clone().unwrap_or((Rag::NotRated, String::new()));
            if rag == Rag::Blue {
                a.status = ActionStatus::Complete;
            }
            a.updates.push(ProgressUpdate {
                id: new_id("u"),
                date: choices.update_date,
                rag,
                reason,
                commentary: d.progress.join("\n"),
                ..ProgressUpdate::default()
            });
        }
        let s = &mut slots[place.slot];
        // The same action already there (a table pasted twice, a row repeated).
        let same = |b: &Action| {
            b.reference.trim() == d.action.reference.trim() && same_title(&b.title, &d.action.title)
        };
        let already = s.priority.actions.iter().any(same)
            || s.priority
                .outcomes
                .iter()
                .flat_map(|o| &o.actions)
                .any(same);
        if already {
            let row = d.rows.first().copied().unwrap_or(0);
            out.problems.push(RowProblem::at(
                row,
                format_args!(
                    "the same action is already in {}, so it was not added again",
                    priority_words(&s.priority)
                ),
            ));
            continue;
        }
        let list = match place.outcome {
            Some(oi) => &mut s.priority.outcomes[oi].actions,
            None => &mut s.priority.actions,
        };
        list.push(d.action.clone());
        let p = &s.priority;
        let is_new = s.existing.is_none();
        let mut where_words = format!(
            "{}{}",
            priority_words(p),
            if is_new { " (new)" } else { "" }
        );
        if let Some(oi) = place.outcome {
            let o = &p.outcomes[oi];
            where_words.push_str(&format!(
                " › {}{}",
                outcome_words(o),
                if s.new_outcomes.contains(&o.id) {
                    " (new)"
                } else {
                    ""
                }
            ));
        }
        out.actions.push(ActionSummary {
            rows: d.rows.clone(),
            place: where_words,
            lines: describe(&d.action, plan),
            action: d.action,
        });
    }

    out.problems.sort_by_key(|p| p.row);

    // Columns not read that hold text: named, so nothing is dropped unseen.
    for i in 0..width {
        if role(i) != R::Ignore {
            continue;
        }
        let n = table
            .rows
            .iter()
            .filter(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))
            .count();
        if n > 0 {
            let name = match header_text(i) {
                "" => format!("Column {} (no header)", i + 1),
                h => format!("Column {} ('{h}')", i + 1),
            };
            let rows = if n == 1 {
                "1 row has".to_string()
            } else {
                format!("{n} rows have")
            };
            out.unread_columns
                .push(format!("{name} is not read: {rows} text in it"));
        }
    }

    // One change: replace each touched priority, then add the new ones.
    let mut changes = Vec::new();
    let mut added = 0;
    for s in &slots {
        let has_actions = s.priority.actions.len()
            + s.priority
                .outcomes
                .iter()
                .map(|o| o.actions.len())
                .sum::<usize>()
            > 0;
        match s.existing {
            Some(index) => {
                let before = &plan.priorities[index];
                let grew = before.actions.len() != s.priority.actions.len()
                    || before.outcomes != s.priority.outcomes;
                if !grew {
                    continue;
                }
                for o in &s.priority.outcomes {
                    if s.new_outcomes.contains(&o.id) && !o.actions.is_empty() {
                        out.new_outcomes.push(format!(
                            "{}, in {}",
                            outcome_words(o),
                            priority_words(before)
                        ));
                    }
                }
                let mut after = s.priority.clone();
                after
                    .outcomes
                    .retain(|o| !s.new_outcomes.contains(&o.id) || !o.actions.is_empty());
                changes.push(Change::Priority {
                    index,
                    before: Some(Box::new(before.clone())),
                    after: Some(Box::new(after)),
                });
            }
            None => {
                if !has_actions {
                    continue;
                }
                let mut after = s.priority.clone();
                after.outcomes.retain(|o| !o.actions.is_empty());
                out.new_priorities.push(priority_words(&after));
                for o in &after.outcomes {
                    out.new_outcomes.push(format!(
                        "{}, in {}",
                        outcome_words(o),
                        priority_words(&after)
                    ));
                }
                changes.push(Change::Priority {
                    index: plan.priorities.len() + added,
                    before: None,
                    after: Some(Box::new(after)),
                });
                added += 1;
            }
        }
    }
    out.change = match changes.len() {
        0 => None,
        1 => changes.pop(),
        _ => Some(Change::Batch(changes)),
    };
    out
}

/// An action in words, a line each.
fn describe(a: &Action, plan: &Plan) -> Vec<String> {
    let mut lines = Vec::new();
    if !a.reference.is_empty() {
        lines.push(format!("Reference: {}", a.reference));
    }
    lines.push(format!("Title: {}", a.title));
    if !a.leads.is_empty() {
        lines.push(format!("Leads: {}", a.leads.join(", ")));
    }
    if let Some(d) = a.due {
        lines.push(format!("Due: {}", d.long()));
    }
    if !a.milestones.is_empty() {
        let quarters: Vec<&str> = a
            .milestones
            .iter()
            .filter_map(|m| m.quarter.map(Quarter::label))
            .collect();
        let n = a.milestones.len();
        let noun = if n == 1 { "milestone" } else { "milestones" };
        if quarters.is_empty() {
            lines.push(format!("{n} {noun}"));
        } else {
            lines.push(format!("{n} {noun}: {}", quarters.join(", ")));
        }
    }
    if !a.risks.is_empty() {
        let n = a.risks.len();
        lines.push(format!("{n} {}", if n == 1 { "risk" } else { "risks" }));
    }
    if let Some(u) = a.updates.first() {
        let when = u
            .date
            .map(|d| format!(" ({})", d.long()))
            .unwrap_or_default();
        let mut s = format!("First update{when}: {}", u.rag.label());
        if !u.reason.is_empty() {
            s.push_str(&format!(" — {}", u.reason));
        }
        if !u.commentary.is_empty() {
            s.push_str(&format!(" — {}", first_line(&u.commentary)));
        }
        lines.push(s);
    }
    if !a.kpi_ids.is_empty() {
        let names: Vec<String> = a
            .kpi_ids
            .iter()
            .filter_map(|id| plan.kpi(id))
            .map(|k| format!("{} {}", k.code, k.title).trim().to_string())
            .collect();
        lines.push(format!("KPIs linked: {}", names.join("; ")));
    }
    if !a.measures.is_empty() {
        lines.push(format!("Measures: {}", first_line(&a.measures)));
    }
    if !a.review_refs.is_empty() {
        lines.push(format!("Review references: {}", a.review_refs.join(", ")));
    }
    lines
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Names from paragraphs, split at ";" and ","; trailing full stops dropped.
fn push_names(list: &mut Vec<String>, paras: &[String]) {
    for p in paras {
        for n in p.split([';', ',']) {
            let n = n.trim().trim_end_matches('.').trim();
            if !n.is_empty() && !list.iter().any(|x| x == n) {
                list.push(n.to_string());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// References

/// Whether a reference is a number ("1.1", "4.4.1", "01"), not a sub-item ("ii)").
fn is_number_ref(s: &str) -> bool {
    let s = s.trim_end_matches('.');
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !s.contains("..")
}

/// A sub-item marker at the start: "ii)", "(iii)", "a)" → ("ii)", length used).
fn sub_item(s: &str) -> Option<(String, usize)> {
    let (body_start, open) = if s.starts_with('(') {
        (1, true)
    } else {
        (0, false)
    };
    let body: String = s[body_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let after = body_start + body.len();
    if !s[after..].starts_with(')') {
        return None;
    }
    let roman = !body.is_empty()
        && body.len() <= 5
        && body
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'));
    let letter = body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase());
    if !(roman || letter) {
        return None;
    }
    let mut used = after + 1;
    if !open && s[used..].starts_with('.') {
        used += 1;
    }
    Some((format!("{})", body.to_lowercase()), used))
}

/// A reference at the start of a cell, and the text after it:
/// "1.1 Accelerate …" → ("1.1", "Accelerate …"); "01. Continue" → ("01",
/// "Continue"); "2.2 i). Development" → ("2.2 i)", "Development"); "ii) Change" →
/// ("ii)", "Change"); "2.4.Strategic" → ("2.4", "Strategic"). Not a reference:
/// "24 Children's Centres", "3 months", "10.3% …", "2009/10 …".
pub fn split_reference(text: &str) -> (Option<String>, String) {
    let t = text.trim_start();
    let rest_of = |s: &str| {
        s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '-' | '–'))
            .trim_start()
            .to_string()
    };
    let num: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if num.starts_with(|c: char| c.is_ascii_digit()) {
        let after = &t[num.len()..];
        let inner_dot = num.trim_end_matches('.').contains('.');
        let digits_only = !inner_dot;
        let closed_paren = digits_only && after.starts_with(')');
        let ends_dot = num.ends_with('.');
        let next = after.chars().next();
        let next_ok = match next {
            None => true,
            Some(c) if c.is_whitespace() => true,
            Some(')') => closed_paren,
            Some(c) if c.is_alphabetic() => ends_dot,
            _ => false,
        };
        let core = num.trim_end_matches('.');
        let year_like = digits_only && core.len() >= 4;
        if next_ok && !year_like && !num.contains("..") && (inner_dot || ends_dot || closed_paren) {
            let mut reference = core.to_string();
            let mut rest = if closed_paren { &after[1..] } else { after };
            let trimmed = rest.trim_start();
            if let Some((sub, used)) = sub_item(trimmed) {
                reference = format!("{reference} {sub}");
                rest = &trimmed[used..];
            }
            return (Some(reference), rest_of(rest));
        }
        return (None, text.trim().to_string());
    }
    if let Some((sub, used)) = sub_item(t) {
        let rest = &t[used..];
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            return (Some(sub), rest_of(rest));
        }
    }
    (None, text.trim().to_string())
}

// ---------------------------------------------------------------------------
// RAG

/// A paragraph that is only a RAG word ("Green", "AMBER", "Complete").
fn rag_word(p: &str) -> Option<Rag> {
    let t = p.trim().trim_end_matches('.').to_lowercase();
    match t.as_str() {
        "red" => Some(Rag::Red),
        "amber" => Some(Rag::Amber),
        "green" => Some(Rag::Green),
        "blue" | "complete" | "completed" => Some(Rag::Blue),
        _ => None,
    }
}

/// A RAG cell: "Amber (because roll out delayed from plan)" → (Amber, "because
/// roll out delayed from plan"); "G" → (Green, ""); "Red – no funding" → (Red,
/// "no funding").
fn read_rag(text: &str) -> Option<(Rag, String)> {
    let t = text.trim();
    let word_len = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let word = &t[..word_len];
    let rag = match word.to_lowercase().as_str() {
        "red" | "r" => Rag::Red,
        "amber" | "a" | "yellow" => Rag::Amber,
        "green" | "g" => Rag::Green,
        "blue" | "b" | "complete" | "completed" | "done" => Rag::Blue,
        "grey" | "gray" => Rag::NotRated,
        "not" if t.to_lowercase().starts_with("not rated") => Rag::NotRated,
        _ => return None,
    };
    let rest = if rag == Rag::NotRated && word == "not" {
        &t[9.min(t.len())..]
    } else {
        &t[word_len..]
    };
    let reason = rest
        .trim()
        .trim_start_matches(['(', '-', '–', ':', ',', ' '])
        .trim_end_matches(')')
        .trim()
        .to_string();
    Some((rag, reason))
}

// ---------------------------------------------------------------------------
// KPI codes

/// KPI codes mentioned in text, written the plan's way: "N.I 112: Under 18
/// conception" → ["NI 112"]; "NI 55 – 10.3% 2009-10" → ["NI 55"]; "NI112 /
/// BVPI 197" → ["NI 112", "BVPI 197"]. Only the families of [`CODE_FAMILIES`]
/// (a lone "N" read as "NI"), so "Q1", "KS2" and "Y9" are not codes.
pub fn codes_in(text: &str) -> Vec<String> {
    // "N.I." and "N.I" are "NI".
    let mut norm = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !chars[i - 1].is_alphanumeric();
        if boundary
            && matches!(chars[i], 'N' | 'n')
            && chars.get(i + 1) == Some(&'.')
            && matches!(chars.get(i + 2), Some('I' | 'i'))
            && !chars.get(i + 3).is_some_and(|c| c.is_alphabetic())
        {
            norm.push_str("NI");
            i += 3;
            if chars.get(i) == Some(&'.') {
                i += 1;
            }
            continue;
        }
        norm.push(chars[i]);
        i += 1;
    }
    let tokens: Vec<&str> = norm
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut push = |family: String, number: &str| {
        let code = format!("{family} {number}");
        if CODE_FAMILIES.contains(&family.as_str()) && !out.contains(&code) {
            out.push(code);
        }
    };
    let mut k = 0;
    while k < tokens.len() {
        let t = tokens[k];
        if let Some((family, number)) = split_code_token(t) {
            push(family, &number);
        } else if t.chars().all(|c| c.is_ascii_alphabetic())
            && t.chars().all(|c| c.is_ascii_uppercase())
            && tokens.get(k + 1).is_some_and(|n| is_code_number(n))
        {
            let family = if t == "N" {
                "NI".to_string()
            } else {
                t.to_string()
            };
            push(family, tokens[k + 1]);
            k += 1;
        }
        k += 1;
    }
    out
}

// ---------------------------------------------------------------------------
// Milestones and dates

/// One milestone read from a timeline: its text and quarter.
struct Part {
    text: String,
    quarter: Option<Quarter>,
}

/// A quarter marker at byte `at` of `s`: "Qtr1", "Qtr 2", "Q3", "Quarter 4",
/// with what follows it (":", "–", "-", ")" and spaces) → (quarter, end).
fn quarter_marker(s: &str, at: usize) -> Option<(Quarter, usize)> {
    let rest = &s[at..];
    let lower = rest.to_lowercase();
    let word_len = ["quarter", "qtr", "q"]
        .into_iter()
        .find(|w| lower.starts_with(w))?
        .len();
    let mut j = word_len;
    let b = rest.as_bytes();
    while j < b.len() && (b[j] == b' ' || b[j] == b'.') && j < word_len + 2 {
        j += 1;
    }
    let q = match b.get(j) {
        Some(b'1') => Quarter::Q1,
        Some(b'2') => Quarter::Q2,
        Some(b'3') => Quarter::Q3,
        Some(b'4') => Quarter::Q4,
        _ => return None,
    };
    j += 1;
    if b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let tail = &rest[j..];
    let trimmed =
        tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | ')'));
    Some((q, at + j + (tail.len() - trimmed.len())))
}

/// Splits one paragraph at its quarter markers.
fn split_quarters(p: &str) -> Vec<Part> {
    let mut marks: Vec<(usize, Quarter, usize)> = Vec::new();
    for (at, c) in p.char_indices() {
        let boundary = at == 0
            || !p[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        if boundary && matches!(c, 'Q' | 'q') {
            if let Some((q, end)) = quarter_marker(p, at) {
                marks.push((at, q, end));
            }
        }
    }
    if marks.is_empty() {
        return vec![Part {
            text: p.to_string(),
            quarter: None,
        }];
    }
    let mut out = Vec::new();
    let before = clean_part(&p[..marks[0].0]);
    if !before.is_empty() {
        out.push(Part {
            text: before,
            quarter: None,
        });
    }
    for (k, (_, q, end)) in marks.iter().enumerate() {
        let stop = marks.get(k + 1).map_or(p.len(), |m| m.0);
        let text = clean_part(&p[*end..stop]);
        out.push(Part {
            text,
            quarter: Some(*q),
        });
    }
    out.retain(|part| !part.text.is_empty() || part.quarter.is_some());
    out
}

/// A run-in numbered list "1. … 2. …" (numbers in order from 1) split in parts.
fn split_run_in(p: &str) -> Vec<String> {
    let starts_one = p.starts_with("1.") || p.starts_with("1)");
    if !starts_one {
        return vec![p.to_string()];
    }
    let mut cuts = vec![0];
    let mut n = 2;
    let mut from = 2;
    loop {
        let marks = [format!(" {n}."), format!(" {n})")];
        let found = marks
            .iter()
            .filter_map(|m| p[from..].find(m.as_str()).map(|i| from + i + 1))
            .min();
        match found {
            Some(at) => {
                cuts.push(at);
                from = at + 2;
                n += 1;
            }
            None => break,
        }
    }
    if cuts.len() < 2 {
        return vec![p.to_string()];
    }
    cuts.push(p.len());
    cuts.windows(2).map(|w| p[w[0]..w[1]].to_string()).collect()
}

/// A milestone's text without its list number, dashes and separators at the ends.
fn clean_part(s: &str) -> String {
    let t = s.trim();
    let t = {
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && digits <= 2 && t[digits..].starts_with(['.', ')']) {
            &t[digits + 1..]
        } else {
            t
        }
    };
    t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | ',' | ';'))
        .to_string()
}

/// The milestones of a timeline: none for a single paragraph without quarter
/// markers or a run-in list ("April 2010" is a due date, not a milestone); else
/// one per paragraph, each split at quarter markers and run-in list numbers.
fn milestone_parts(paras: &[String]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for p in paras {
        for piece in split_run_in(p) {
            parts.extend(split_quarters(&piece));
        }
    }
    for part in &mut parts {
        part.text = clean_part(&part.text);
    }
    parts.retain(|p| !p.text.is_empty() || p.quarter.is_some());
    if parts.len() == 1 && parts[0].quarter.is_none() {
        return Vec::new();
    }
    parts
}

/// The dates written in text, in order: "31 October 2009", "31st Oct 2009",
/// "September 2009" (its last day; its first with `month_starts`), "07.07.09",
/// "31/10/2009", and a capitalised month alone ("June") as its first coming in
/// the plan's period (from `period_start`; not read without one; "May" alone is
/// not read, being a common word).
pub fn dates_in(text: &str, period_start: Option<Date>, month_starts: bool) -> Vec<Date> {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '–' | '—'))
        .map(|t| t.trim_matches(|c: char| matches!(c, ':' | '-')))
        .filter(|t| !t.is_empty())
        .collect();
    let year_of = |t: &str| -> Option<i32> {
        let t = t.trim_end_matches('.');
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let day_of = |t: &str| -> Option<u8> {
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        let suffix = &t[digits.len()..];
        let ok = !digits.is_empty()
            && digits.len() <= 2
            && ["", "st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str());
        ok.then(|| digits.parse().ok()).flatten()
    };
    let month_of = |t: &str| -> Option<u8> {
        let w = t.trim_end_matches('.');
        if w.is_empty() || !w.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        parse_month(w)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        // 07.07.09, 31/10/2009
        let parts: Vec<&str> = t.trim_end_matches('.').split(['.', '/']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && parts[0].len() <= 2
            && parts[1].len() <= 2
            && matches!(parts[2].len(), 2 | 4)
        {
            let y: i32 = parts[2].parse().unwrap_or(0);
            let y = if parts[2].len() == 2 { 2000 + y } else { y };
            if let Some(d) = Date::new(
                y,
                parts[1].parse().unwrap_or(0),
                parts[0].parse().unwrap_or(0),
            ) {
                out.push(d);
            }
            i += 1;
            continue;
        }
        if let Some(m) = month_of(t) {
            let day = i.checked_sub(1).and_then(|j| day_of(tokens[j]));
            match tokens.get(i + 1).and_then(|n| year_of(n)) {
                Some(y) => {
                    let d = match day {
                        Some(day) => Date::new(y, m, day),
                        None if month_starts => Date::new(y, m, 1),
                        None => Date::new(y, m, days_in_month(y, m)),
                    };
                    out.extend(d);
                    i += 2;
                    continue;
                }
                None => {
                    let capital = t.starts_with(|c: char| c.is_ascii_uppercase());
                    if let (Some(start), true) = (period_start, capital && m != 5) {
                        let y = if m >= start.month() {
                            start.year()
                        } else {
                            start.year() + 1
                        };
                        let d = match day {
                            Some(day) => Date::new(y, m, day),
                            None => Date::new(y, m, days_in_month(y, m)),
                        };
                        out.extend(d);
                    }
                }
            }
        }
        i += 1;
    }
    out
}
