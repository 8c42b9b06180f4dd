//! Comparing two versions of a plan: what was added, removed or changed in
//! priorities, actions, progress, RAG and KPI values, in words, for the import
//! preview and the snapshot compare report.
//!
//! Objects are matched by id, so a renamed action is "changed", not "removed and
//! added". Lines name objects the way the plan does: an action by its reference,
//! a priority by its number, a KPI by its code. Long texts are cut to about 80
//! characters with "…"; a blank value is shown as "(blank)".
//!
//! Order is fixed: within each section, objects of the new plan in plan order
//! (added ones where they now sit), then objects removed from the old plan, in
//! its order. An added or removed priority is one line that counts its actions
//! ("Removed priority 3 … (and its 12 actions)"); those actions are not listed
//! again one by one.
//!
//! KPI values are shown with the KPI's decimal places (more when that would hide
//! the change); targets without trailing zeros ("55", as plans write them).
//!
//! Every line says what it is about ([`Key`]: one field of one object, an
//! object's presence, or an action's place), so the merge ([`super::merge`]) can
//! list incoming changes in these same words and leave one out by its key. The
//! fields of each kind of object are written once, in tables ([`Field`]), read by
//! both the comparison (for the words) and the merge (for the values).

use super::date::Date;
use super::model::{
    Action, ActionRef, CoverSheet, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, Priority,
    ProgressUpdate, Rag, Risk, Tolerance,
};
use super::rollup::truncate;
use super::value::{format_number, Target, Value};
use std::collections::{HashMap, HashSet};

/// One section of a comparison ("Actions", "KPI values", …) with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<String>,
}

/// What changed between two versions of a plan. Each line counts once: as an
/// addition ("Added …", "new progress update"), a removal ("Removed …", "…
/// removed") or a change (every other line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// Sections in this order, only those with lines: "Plan details", "Priorities",
    /// "Actions" (added/removed/changed fields), "Progress updates" (new, edited,
    /// deleted, restored, removed), "RAG changes" ("1.4 Expand data bank…: RAG Not
    /// rated → Amber"), "KPIs" (added/removed/definition changed), "KPI values"
    /// ("NI 72 2009/10 actual: 53.7 (provisional) → 54.1", "NI 72: target
    /// 2010/11: 55 → 56").
    pub sections: Vec<Section>,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Comparison {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Every line of every section, in order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.lines.iter().map(String::as_str))
    }
}

/// An object of a plan, by its id (and its action's, for what an action holds).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Object {
    /// The plan's own details.
    Plan,
    /// The committee cover sheet.
    CoverSheet,
    /// A glossary entry, by its term.
    Glossary(String),
    Priority(Id),
    Outcome(Id),
    Action(Id),
    Milestone {
        action: Id,
        id: Id,
    },
    /// A risk of an action.
    ActionRisk {
        action: Id,
        id: Id,
    },
    Update {
        action: Id,
        id: Id,
    },
    Kpi(Id),
    /// A period of a KPI's series, by its label (trimmed) and which of the periods
    /// with that label it is (1 for the first).
    Period {
        kpi: Id,
        period: String,
        nth: usize,
    },
    /// A risk of the plan's register.
    Risk(Id),
}

/// Which part of an object a line is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aspect {
    /// Whether the object is there at all (added, removed).
    Presence,
    /// Where it sits (an action's priority and outcome, an outcome's priority).
    Place,
    /// One field, by the name the lines give it ("title", "leads", "actual").
    Field(&'static str),
    /// The object as one thing (a progress update edited on both sides).
    Whole,
}

/// What a line of a comparison (or a change or conflict of a merge) is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub object: Object,
    pub aspect: Aspect,
}

impl Key {
    pub fn presence(object: Object) -> Key {
        Key {
            object,
            aspect: Aspect::Presence,
        }
    }
    pub fn place(object: Object) -> Key {
        Key {
            object,
            aspect: Aspect::Place,
        }
    }
    pub fn field(object: Object, name: &'static str) -> Key {
        Key {
            object,
            aspect: Aspect::Field(name),
        }
    }
    pub fn whole(object: Object) -> Key {
        Key {
            object,
            aspect: Aspect::Whole,
        }
    }
}

/// Whether a line tells of something added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

/// One line of a comparison, with its section and what it is about (None for a
/// line that follows from others: an action's RAG after a new update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub section: &'static str,
    pub kind: Kind,
    pub key: Option<Key>,
    pub text: String,
}

/// Whether two plans are versions of one plan (same plan id, or the same title and
/// organisation).
///
/// Titles and organisations are compared ignoring case and surrounding spaces; two
/// plans with blank titles are not taken to be the same plan by title.
pub fn same_plan(a: &Plan, b: &Plan) -> bool {
    let norm = |s: &str| s.trim().to_lowercase();
    let id = a.id.as_str().trim();
    if !id.is_empty() && id == b.id.as_str().trim() {
        return true;
    }
    !norm(&a.title).is_empty()
        && norm(&a.title) == norm(&b.title)
        && norm(&a.organisation) == norm(&b.organisation)
}

/// The section titles, in their order.
const SECTIONS: [&str; 7] = [
    "Plan details",
    "Priorities",
    "Actions",
    "Progress updates",
    "RAG changes",
    "KPIs",
    "KPI values",
];

/// What changed from `old` to `new`, line by line, each with what it is about, in
/// the order of [`compare`].
pub fn compare_lines(old: &Plan, new: &Plan) -> Vec<Line> {
    let mut sections = SECTIONS.map(Lines::new);
    let [details, priorities, actions, updates, rags, kpis, values] = &mut sections;
    plan_details(old, new, details);
    priority_lines(old, new, priorities);
    action_lines(old, new, actions, updates, rags);
    kpi_lines(old, new, kpis, values);
    sections
        .into_iter()
        .flat_map(|s| {
            let section = s.title;
            s.lines.into_iter().map(move |(kind, key, text)| Line {
                section,
                kind,
                key,
                text,
            })
        })
        .collect()
}

/// What changed from `old` to `new`. Objects are matched by id.
pub fn compare(old: &Plan, new: &Plan) -> Comparison {
    let mut out = Comparison::default();
    for line in compare_lines(old, new) {
        match line.kind {
            Kind::Added => out.added += 1,
            Kind::Removed => out.removed += 1,
            Kind::Changed => out.changed += 1,
        }
        match out.sections.last_mut() {
            Some(s) if s.title == line.section => s.lines.push(line.text),
            _ => out.sections.push(Section {
                title: line.section.to_string(),
                lines: vec![line.text],
            }),
        }
    }
    out
}

/// How long a quoted text may be before it is cut.
const TEXT_CHARS: usize = 80;
/// How long a title may be when it names an object.
const NAME_CHARS: usize = 60;

struct Lines {
    title: &'static str,
    lines: Vec<(Kind, Option<Key>, String)>,
}

impl Lines {
    fn new(title: &'static str) -> Lines {
        Lines {
            title,
            lines: Vec::new(),
        }
    }
    fn added(&mut self, key: Key, line: String) {
        self.lines.push((Kind::Added, Some(key), line));
    }
    fn removed(&mut self, key: Key, line: String) {
        self.lines.push((Kind::Removed, Some(key), line));
    }
    fn changed(&mut self, key: Option<Key>, line: String) {
        self.lines.push((Kind::Changed, key, line));
    }

    /// "{who}: {name} changed from 'old' to 'new'", if the two differ. When the
    /// shortened texts look the same (the change is past the cut), just "changed".
    fn field(&mut self, key: Key, who: &str, name: &str, old: &str, new: &str) {
        if old == new {
            return;
        }
        let (o, n) = (quote(old), quote(new));
        if o == n {
            self.changed(Some(key), format!("{who}: {name} changed"));
        } else {
            self.changed(Some(key), format!("{who}: {name} changed from {o} to {n}"));
        }
    }

    /// The lines of every field of `fields` that differs between `old` and `new`.
    fn fields<T>(
        &mut self,
        object: &Object,
        who: &str,
        fields: &[Field<T>],
        (old, old_plan): (&T, &Plan),
        (new, new_plan): (&T, &Plan),
    ) {
        for f in fields {
            if (f.same)(old, new) && !matches!(f.words, Words::Linked(_)) {
                continue;
            }
            let key = || Key::field(object.clone(), f.name);
            match &f.words {
                Words::Text(text) | Words::Linked(text) => self.field(
                    key(),
                    who,
                    f.name,
                    &text(old, old_plan),
                    &text(new, new_plan),
                ),
                Words::Items(what, items) => {
                    let (o, n) = (items(old), items(new));
                    for item in n.iter().filter(|i| !o.contains(i)) {
                        self.added(key(), format!("{who}: added {what} {}", quote(item)));
                    }
                    for item in o.iter().filter(|i| !n.contains(i)) {
                        self.removed(key(), format!("{who}: removed {what} {}", quote(item)));
                    }
                }
                Words::Flag { get, on, off } => {
                    if get(old) != get(new) {
                        let words = if get(new) { on } else { off };
                        self.changed(Some(key()), format!("{who}{words}"));
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------- fields

/// One field of a kind of object: its name in words, how its value is put in
/// words, and how two values are compared and one copied (for the merge).
pub struct Field<T> {
    /// The name lines give it ("title", "due date"); unique within its kind.
    pub name: &'static str,
    pub words: Words<T>,
    /// Whether two objects have the same value in this field.
    pub same: fn(&T, &T) -> bool,
    /// Copies this field's value from the second object into the first.
    pub take: fn(&mut T, &T),
}

/// How a field is put in words.
pub enum Words<T> {
    /// The value as text (with the plan it sits in, for names of linked objects).
    Text(fn(&T, &Plan) -> String),
    /// Like [`Words::Text`], for a link named by what it points at: a comparison
    /// shows it when its words change, even when the link does not (the KPI's
    /// outcome renumbered).
    Linked(fn(&T, &Plan) -> String),
    /// A list of texts: a line for each item added or removed ("objective").
    Items(&'static str, fn(&T) -> &[String]),
    /// Yes or no: what is said when it turns on and off (after the object's name,
    /// e.g. ": now marked as a government priority").
    Flag {
        get: fn(&T) -> bool,
        on: &'static str,
        off: &'static str,
    },
}

impl<T> Field<T> {
    /// This field's value in words, for one side of a merge conflict.
    pub fn value_text(&self, x: &T, plan: &Plan) -> String {
        match &self.words {
            Words::Text(text) | Words::Linked(text) => quote(&text(x, plan)),
            Words::Items(_, items) => quote(&list_text(items(x))),
            Words::Flag { get, on, off } => {
                let w = if get(x) { on } else { off };
                w.trim_start_matches(':').trim().to_string()
            }
        }
    }
}

/// A field shown as its text, with a function from the object and plan.
macro_rules! field {
    ($t:ty, $name:literal, $($f:ident).+, $text:expr) => {
        Field::<$t> {
            name: $name,
            words: Words::Text($text),
            same: |a: &$t, b: &$t| a.$($f).+ == b.$($f).+,
            take: |a: &mut $t, b: &$t| a.$($f).+ = b.$($f).+.clone(),
        }
    };
}

/// A text field shown as it is.
macro_rules! text {
    ($t:ty, $name:literal, $($f:ident).+) => {
        field!($t, $name, $($f).+, |x: &$t, _: &Plan| x.$($f).+.clone())
    };
}

/// A date field, shown long ("5 May 2026").
macro_rules! date {
    ($t:ty, $name:literal, $($f:ident).+) => {
        field!($t, $name, $($f).+, |x: &$t, _: &Plan| date_text(x.$($f).+))
    };
}

/// A list of texts shown as one value ("DCS; AD CM").
macro_rules! list {
    ($t:ty, $name:literal, $($f:ident).+) => {
        field!($t, $name, $($f).+, |x: &$t, _: &Plan| list_text(&x.$($f).+))
    };
}

/// A list of texts shown item by item ("added objective '…'").
macro_rules! items {
    ($t:ty, $name:literal, $what:literal, $($f:ident).+) => {
        Field::<$t> {
            name: $name,
            words: Words::Items($what, |x: &$t| &x.$($f).+),
            same: |a: &$t, b: &$t| a.$($f).+ == b.$($f).+,
            take: |a: &mut $t, b: &$t| a.$($f).+ = b.$($f).+.clone(),
        }
    };
}

/// A yes/no field.
macro_rules! flag {
    ($t:ty, $name:literal, $($f:ident).+, $on:literal, $off:literal) => {
        Field::<$t> {
            name: $name,
            words: Words::Flag {
                get: |x: &$t| x.$($f).+,
                on: $on,
                off: $off,
            },
            same: |a: &$t, b: &$t| a.$($f).+ == b.$($f).+,
            take: |a: &mut $t, b: &$t| a.$($f).+ = b.$($f).+,
        }
    };
}

/// The plan's own fields, in the order lines give them (the glossary, RAG
/// definitions and cover sheet are apart).
pub const PLAN_FIELDS: &[Field<Plan>] = &[
    text!(Plan, "title", title),
    text!(Plan, "organisation", organisation),
    text!(Plan, "period", period_label),
    date!(Plan, "start date", period_start),
    date!(Plan, "end date", period_end),
    field!(Plan, "status", status, |x: &Plan, _: &Plan| x
        .status
        .label()
        .to_string()),
    text!(Plan, "approved by", approved_by),
    date!(Plan, "approval date", approved_on),
    items!(Plan, "links", "link to a higher plan", links),
];

/// The plan's fields after its glossary and RAG definitions.
pub const PLAN_FIELDS_AFTER: &[Field<Plan>] = &[
    date!(Plan, "last updated", last_updated),
    items!(Plan, "notes", "note", notes),
    field!(
        Plan,
        "stale after",
        settings.stale_after_days,
        |x: &Plan, _: &Plan| format!("{} days", x.settings.stale_after_days)
    ),
];

pub const COVER_SHEET_FIELDS: &[Field<CoverSheet>] = &[
    text!(CoverSheet, "report to", report_to),
    date!(CoverSheet, "date", date),
    text!(CoverSheet, "subject", subject),
    text!(CoverSheet, "report of", report_of),
    text!(CoverSheet, "contact officer", contact_officer),
    text!(CoverSheet, "purpose", purpose),
    text!(CoverSheet, "recommendation", recommendation),
];

pub const RISK_FIELDS: &[Field<Risk>] = &[
    text!(Risk, "description", description),
    text!(Risk, "mitigation", mitigation),
    text!(Risk, "owner", owner),
    field!(Risk, "likelihood", likelihood, |x: &Risk, _: &Plan| {
        scale_text(x.likelihood)
    }),
    field!(Risk, "impact", impact, |x: &Risk, _: &Plan| scale_text(
        x.impact
    )),
    field!(Risk, "RAG", rag, |x: &Risk, _: &Plan| rag_text(x.rag)),
];

/// A priority's own fields (its outcomes and actions are apart).
pub const PRIORITY_FIELDS: &[Field<Priority>] = &[
    text!(Priority, "group", group),
    text!(Priority, "number", number),
    text!(Priority, "title", title),
    text!(Priority, "council priority", council_priority),
    field!(
        Priority,
        "outcome area",
        outcome_area,
        |x: &Priority, _: &Plan| { area_text(x.outcome_area) }
    ),
    items!(
        Priority,
        "success criteria",
        "success criterion",
        success_criteria
    ),
    items!(Priority, "objectives", "objective", objectives),
];

/// An outcome's own fields (its actions are apart).
pub const OUTCOME_FIELDS: &[Field<Outcome>] = &[
    text!(Outcome, "number", number),
    text!(Outcome, "title", title),
    text!(Outcome, "council priority", council_priority),
    field!(
        Outcome,
        "outcome area",
        outcome_area,
        |x: &Outcome, _: &Plan| { area_text(x.outcome_area) }
    ),
    items!(
        Outcome,
        "success criteria",
        "success criterion",
        success_criteria
    ),
];

/// An action's fields before its milestones.
pub const ACTION_FIELDS: &[Field<Action>] = &[
    text!(Action, "reference", reference),
    text!(Action, "title", title),
    text!(Action, "description", description),
    text!(Action, "starting point", starting_point),
    date!(Action, "starting point date", starting_point_as_of),
    text!(Action, "timeline", timeline),
    date!(Action, "due date", due),
];

/// An action's fields between its milestones and its risks.
pub const ACTION_FIELDS_MID: &[Field<Action>] = &[
    text!(Action, "resources", resources),
    list!(Action, "leads", leads),
    list!(Action, "monitored by", monitored_by),
    text!(Action, "projected outcomes", projected_outcomes),
    text!(Action, "measures", measures),
    field!(Action, "linked KPIs", kpi_ids, |x: &Action, p: &Plan| {
        kpi_codes(p, &x.kpi_ids)
    }),
];

/// An action's fields after its risks (its progress updates are apart).
pub const ACTION_FIELDS_AFTER: &[Field<Action>] = &[
    list!(Action, "review references", review_refs),
    flag!(
        Action,
        "government priority",
        government_priority,
        ": now marked as a government priority",
        ": no longer marked as a government priority"
    ),
    field!(Action, "status", status, |x: &Action, _: &Plan| x
        .status
        .label()
        .to_string()),
    field!(Action, "stated RAG", stated_rag, |x: &Action, _: &Plan| {
        rag_text(x.stated_rag)
    }),
];

pub const MILESTONE_FIELDS: &[Field<Milestone>] = &[
    text!(Milestone, "title", title),
    Field {
        name: "due",
        words: Words::Text(|x: &Milestone, _: &Plan| milestone_due(x)),
        same: |a: &Milestone, b: &Milestone| a.due == b.due && a.quarter == b.quarter,
        take: |a: &mut Milestone, b: &Milestone| {
            a.due = b.due;
            a.quarter = b.quarter;
        },
    },
    flag!(Milestone, "done", done, " marked done", " marked not done"),
];

/// A progress update's fields (its deletion is apart: "deleted", "restored").
pub const UPDATE_FIELDS: &[Field<ProgressUpdate>] = &[
    date!(ProgressUpdate, "date", date),
    text!(ProgressUpdate, "author", author),
    field!(
        ProgressUpdate,
        "RAG",
        rag,
        |x: &ProgressUpdate, _: &Plan| x.rag.label().to_string()
    ),
    text!(ProgressUpdate, "reason", reason),
    text!(ProgressUpdate, "commentary", commentary),
];

/// Whether an update is deleted: the field behind "deleted" and "restored".
pub const UPDATE_DELETED: Field<ProgressUpdate> = Field {
    name: "deleted",
    words: Words::Flag {
        get: |x: &ProgressUpdate| x.deleted_at.is_some(),
        on: ": deleted",
        off: ": restored",
    },
    same: |a: &ProgressUpdate, b: &ProgressUpdate| a.deleted_at == b.deleted_at,
    take: |a: &mut ProgressUpdate, b: &ProgressUpdate| a.deleted_at = b.deleted_at.clone(),
};

/// A KPI's fields (its series is apart).
pub const KPI_FIELDS: &[Field<Kpi>] = &[
    text!(Kpi, "code", code),
    text!(Kpi, "title", title),
    list!(Kpi, "sources", sources),
    text!(Kpi, "section", section),
    field!(Kpi, "unit", unit, |x: &Kpi, _: &Plan| x
        .unit
        .label()
        .to_string()),
    field!(Kpi, "decimal places", decimals, |x: &Kpi, _: &Plan| x
        .decimals
        .to_string()),
    field!(Kpi, "polarity", polarity, |x: &Kpi, _: &Plan| x
        .polarity
        .label()
        .to_string()),
    field!(Kpi, "amber tolerance", tolerance, |x: &Kpi, _: &Plan| {
        tolerance_text(x.tolerance)
    }),
    text!(Kpi, "responsible officer", responsible_officer),
    field!(Kpi, "period basis", period_basis, |x: &Kpi, _: &Plan| x
        .period_basis
        .label()
        .to_string()),
    text!(Kpi, "period note", period_note),
    field!(
        Kpi,
        "baseline",
        baseline,
        |x: &Kpi, _: &Plan| baseline_text(x)
    ),
    Field {
        name: "priority",
        words: Words::Linked(|x: &Kpi, p: &Plan| priority_ref_text(p, x)),
        same: |a: &Kpi, b: &Kpi| a.priority_id == b.priority_id && a.outcome_id == b.outcome_id,
        take: |a: &mut Kpi, b: &Kpi| {
            a.priority_id = b.priority_id.clone();
            a.outcome_id = b.outcome_id.clone();
        },
    },
    flag!(
        Kpi,
        "corporate dashboard",
        corporate_dashboard,
        ": now on the corporate dashboard",
        ": no longer on the corporate dashboard"
    ),
    text!(Kpi, "notes", notes),
];

/// The values of a KPI's period: its name in lines, and where it is.
pub type Slot = (
    &'static str,
    fn(&PeriodValues) -> &Option<Value>,
    fn(&mut PeriodValues) -> &mut Option<Value>,
);

/// The values of a period (its target is apart), in the order lines give them.
pub const SLOTS: [Slot; 4] = [
    ("actual", |p| &p.actual, |p| &mut p.actual),
    ("national average", |p| &p.national, |p| &mut p.national),
    (
        "statistical neighbours",
        |p| &p.neighbours,
        |p| &mut p.neighbours,
    ),
    ("region", |p| &p.region, |p| &mut p.region),
];

/// The name of a period's target in keys.
pub const TARGET: &str = "target";

/// The name of a RAG definition's meaning in keys and lines ("meaning of Red").
pub fn rag_meaning_name(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "meaning of Red",
        Rag::Amber => "meaning of Amber",
        Rag::Green => "meaning of Green",
        Rag::Blue => "meaning of Complete",
        Rag::NotRated => "meaning of Not rated",
    }
}

/// The meaning a plan gives a RAG (blank when it gives none).
pub fn rag_meaning(plan: &Plan, rag: Rag) -> &str {
    plan.rag_definitions
        .iter()
        .find(|d| d.rag == rag)
        .map_or("", |d| d.meaning.as_str())
}

/// 'text' (cut to about 80 characters), or (blank).
pub fn quote(s: &str) -> String {
    if s.trim().is_empty() {
        "(blank)".to_string()
    } else {
        format!("'{}'", truncate(s, TEXT_CHARS))
    }
}

fn date_text(d: Option<Date>) -> String {
    d.map(Date::long).unwrap_or_default()
}

fn list_text(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn rag_text(r: Option<Rag>) -> String {
    r.map(|r| r.label().to_string()).unwrap_or_default()
}

/// "reference title…", or whichever of the two there is.
fn name(code: &str, title: &str, fallback: &str) -> String {
    let t = truncate(title, NAME_CHARS);
    match (code.trim(), t.as_str()) {
        ("", "") => fallback.to_string(),
        ("", t) => t.to_string(),
        (c, "") => c.to_string(),
        (c, t) => format!("{c} {t}"),
    }
}

/// Maps ids to items; the first of two items sharing an id wins.
fn by_id<'a, T>(items: impl Iterator<Item = (&'a Id, T)>) -> HashMap<&'a Id, T> {
    let mut map = HashMap::new();
    for (id, item) in items {
        map.entry(id).or_insert(item);
    }
    map
}

// ---------------------------------------------------------------- plan details

fn plan_details(old: &Plan, new: &Plan, out: &mut Lines) {
    let who = "Plan";
    out.fields(&Object::Plan, who, PLAN_FIELDS, (old, old), (new, new));
    // Glossary, matched by term.
    for n in &new.glossary {
        let object = Object::Glossary(n.term.clone());
        match old.glossary.iter().find(|o| o.term == n.term) {
            None => out.added(
                Key::presence(object),
                format!(
                    "Plan: added glossary entry {} ({})",
                    n.term.trim(),
                    truncate(&n.meaning, TEXT_CHARS)
                ),
            ),
            Some(o) => out.field(
                Key::field(object, "meaning"),
                &format!("Plan: glossary entry {}", o.term.trim()),
                "meaning",
                &o.meaning,
                &n.meaning,
            ),
        }
    }
    for o in &old.glossary {
        if !new.glossary.iter().any(|n| n.term == o.term) {
            out.removed(
                Key::presence(Object::Glossary(o.term.clone())),
                format!("Plan: removed glossary entry {}", o.term.trim()),
            );
        }
    }
    for rag in Rag::ALL {
        let name = rag_meaning_name(rag);
        out.field(
            Key::field(Object::Plan, name),
            who,
            name,
            rag_meaning(old, rag),
            rag_meaning(new, rag),
        );
    }
    out.fields(
        &Object::Plan,
        who,
        PLAN_FIELDS_AFTER,
        (old, old),
        (new, new),
    );
    out.fields(
        &Object::CoverSheet,
        "Plan: cover sheet",
        COVER_SHEET_FIELDS,
        (&old.cover_sheet, old),
        (&new.cover_sheet, new),
    );
    risk_lines(out, "Plan", None, (old, &old.risks), (new, &new.risks));
}

fn scale_text(v: Option<u8>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The object a risk is: of an action (`action`), else of the register.
pub fn risk_object(action: Option<&Id>, id: &Id) -> Object {
    match action {
        Some(a) => Object::ActionRisk {
            action: a.clone(),
            id: id.clone(),
        },
        None => Object::Risk(id.clone()),
    }
}

/// Risks matched by id: "{who}: added risk '…'", "{who}: risk '…': owner changed …".
fn risk_lines(
    out: &mut Lines,
    who: &str,
    action: Option<&Id>,
    (old_plan, old): (&Plan, &[Risk]),
    (new_plan, new): (&Plan, &[Risk]),
) {
    let olds = by_id(old.iter().map(|r| (&r.id, r)));
    for n in new {
        let object = risk_object(action, &n.id);
        match olds.get(&n.id) {
            None => out.added(
                Key::presence(object),
                format!("{who}: added risk {}", quote(&n.description)),
            ),
            Some(o) => {
                let w = format!("{who}: risk '{}'", truncate(&o.description, NAME_CHARS));
                out.fields(&object, &w, RISK_FIELDS, (o, old_plan), (n, new_plan));
            }
        }
    }
    let news = by_id(new.iter().map(|r| (&r.id, r)));
    for o in old.iter().filter(|o| !news.contains_key(&o.id)) {
        out.removed(
            Key::presence(risk_object(action, &o.id)),
            format!("{who}: removed risk {}", quote(&o.description)),
        );
    }
}

// ------------------------------------------------------------------ priorities

/// "Priority 3", or "Priority 'title…'" when it has no number.
pub fn priority_name(p: &Priority) -> String {
    if p.number.trim().is_empty() {
        format!("Priority '{}'", truncate(&p.title, NAME_CHARS))
    } else {
        format!("Priority {}", p.number.trim())
    }
}

/// "outcome 4", or "outcome 'title…'" when it has no number.
pub fn outcome_name(o: &Outcome) -> String {
    if o.number.trim().is_empty() {
        format!("outcome '{}'", truncate(&o.title, NAME_CHARS))
    } else {
        format!("outcome {}", o.number.trim())
    }
}

/// How many actions of a priority (and its outcomes) are not among `others`.
fn actions_not_in(p: &Priority, others: &HashSet<&Id>) -> usize {
    p.actions
        .iter()
        .chain(p.outcomes.iter().flat_map(|o| o.actions.iter()))
        .filter(|a| !others.contains(&a.id))
        .count()
}

/// " (with 3 actions)", or nothing for none.
fn with_actions(word: &str, n: usize) -> String {
    match n {
        0 => String::new(),
        1 => format!(" ({word} 1 action)"),
        n => format!(" ({word} {n} actions)"),
    }
}

fn area_text(a: Option<super::model::OutcomeArea>) -> String {
    a.map(|a| a.label().to_string()).unwrap_or_default()
}

fn priority_lines(old: &Plan, new: &Plan, out: &mut Lines) {
    let olds = by_id(old.priorities.iter().map(|p| (&p.id, p)));
    let old_outcomes = by_id(
        old.priorities
            .iter()
            .flat_map(|p| p.outcomes.iter().map(move |o| (&o.id, (p, o)))),
    );
    let new_outcomes = by_id(
        new.priorities
            .iter()
            .flat_map(|p| p.outcomes.iter().map(move |o| (&o.id, (p, o)))),
    );
    let old_actions: HashSet<&Id> = old.actions().map(|r| &r.action.id).collect();
    let new_actions: HashSet<&Id> = new.actions().map(|r| &r.action.id).collect();
    for n in &new.priorities {
        let object = Object::Priority(n.id.clone());
        let Some(o) = olds.get(&n.id) else {
            out.added(
                Key::presence(object),
                format!(
                    "Added priority {}{}",
                    name(&n.number, &n.title, "(untitled)"),
                    with_actions("with", actions_not_in(n, &old_actions))
                ),
            );
            continue;
        };
        let who = priority_name(n);
        out.fields(&object, &who, PRIORITY_FIELDS, (o, old), (n, new));
    }
    // Outcomes, wherever they sit.
    for np in &new.priorities {
        for no in &np.outcomes {
            let object = Object::Outcome(no.id.clone());
            match old_outcomes.get(&no.id) {
                None => {
                    // An outcome of an added priority comes with it.
                    if olds.contains_key(&np.id) {
                        out.added(
                            Key::presence(object),
                            format!(
                                "{}: added outcome {}",
                                priority_name(np),
                                name(&no.number, &no.title, "(untitled)")
                            ),
                        );
                    }
                }
                Some((op, oo)) => {
                    let who = format!("{} {}", priority_name(np), outcome_name(no));
                    if op.id != np.id {
                        out.changed(
                            Some(Key::place(object.clone())),
                            format!(
                                "{who}: moved from {} to {}",
                                priority_name(op).to_lowercase(),
                                priority_name(np).to_lowercase()
                            ),
                        );
                    }
                    out.fields(&object, &who, OUTCOME_FIELDS, (oo, old), (no, new));
                }
            }
        }
    }
    let news = by_id(new.priorities.iter().map(|p| (&p.id, p)));
    for op in &old.priorities {
        if !news.contains_key(&op.id) {
            continue; // reported with its priority below
        }
        for oo in &op.outcomes {
            if !new_outcomes.contains_key(&oo.id) {
                out.removed(
                    Key::presence(Object::Outcome(oo.id.clone())),
                    format!(
                        "{}: removed outcome {}",
                        priority_name(op),
                        name(&oo.number, &oo.title, "(untitled)")
                    ),
                );
            }
        }
    }
    for op in &old.priorities {
        if !news.contains_key(&op.id) {
            out.removed(
                Key::presence(Object::Priority(op.id.clone())),
                format!(
                    "Removed priority {}{}",
                    name(&op.number, &op.title, "(untitled)"),
                    with_actions("and its", actions_not_in(op, &new_actions))
                ),
            );
        }
    }
}

// --------------------------------------------------------------------- actions

/// "Action 1.2", or "Action 'title…'" when it has no reference.
pub fn action_who(a: &Action) -> String {
    if a.reference.trim().is_empty() {
        format!("Action '{}'", truncate(&a.title, NAME_CHARS))
    } else {
        format!("Action {}", a.reference.trim())
    }
}

/// Where an action sits, in words: "priority 2, outcome 4".
pub fn place_text(priority: &Priority, outcome: Option<&Outcome>) -> String {
    let p = priority_name(priority).to_lowercase();
    match outcome {
        Some(o) => format!("{p}, {}", outcome_name(o)),
        None => p,
    }
}

fn place(r: &ActionRef<'_>) -> String {
    place_text(r.priority, r.outcome)
}

fn kpi_codes(plan: &Plan, ids: &[Id]) -> String {
    let codes: Vec<String> = ids
        .iter()
        .map(|id| match plan.kpi(id) {
            Some(k) if !k.code.trim().is_empty() => k.code.trim().to_string(),
            Some(k) => truncate(&k.title, 30),
            None => id.to_string(),
        })
        .collect();
    codes.join("; ")
}

/// "progress update 5 May 2026", or "undated progress update".
pub fn update_name(u: &ProgressUpdate) -> String {
    match u.date {
        Some(d) => format!("progress update {}", d.long()),
        None => "undated progress update".to_string(),
    }
}

fn action_lines(old: &Plan, new: &Plan, out: &mut Lines, updates: &mut Lines, rags: &mut Lines) {
    let olds = by_id(old.actions().map(|r| (&r.action.id, r)));
    let news = by_id(new.actions().map(|r| (&r.action.id, r)));
    let old_priorities: HashSet<&Id> = old.priorities.iter().map(|p| &p.id).collect();
    let new_priorities: HashSet<&Id> = new.priorities.iter().map(|p| &p.id).collect();
    for nr in new.actions() {
        let n = nr.action;
        let object = Object::Action(n.id.clone());
        let Some(or) = olds.get(&n.id) else {
            if !old_priorities.contains(&nr.priority.id) {
                continue; // counted in "Added priority … (with N actions)"
            }
            out.added(
                Key::presence(object),
                format!(
                    "Added action {}",
                    name(&n.reference, &n.title, "(untitled)")
                ),
            );
            continue;
        };
        let o = or.action;
        fn outcome_id<'r>(r: &ActionRef<'r>) -> Option<&'r Id> {
            r.outcome.map(|o| &o.id)
        }
        let moved = or.priority.id != nr.priority.id || outcome_id(or) != outcome_id(&nr);
        if !moved && o == n {
            continue; // nothing to say (an action names no other object)
        }
        let who = action_who(n);
        if moved {
            out.changed(
                Some(Key::place(object.clone())),
                format!("{who}: moved from {} to {}", place(or), place(&nr)),
            );
        }
        action_fields((old, o), (new, n), &who, out);
        update_lines(o, n, &who, updates);
        let (ro, rn) = (o.current_rag(), n.current_rag());
        if ro != rn {
            rags.changed(
                None,
                format!(
                    "{}: RAG {} → {}",
                    name(&n.reference, &n.title, "(untitled action)"),
                    ro.label(),
                    rn.label()
                ),
            );
        }
    }
    for or in old.actions() {
        let o = or.action;
        if !news.contains_key(&o.id) && new_priorities.contains(&or.priority.id) {
            out.removed(
                Key::presence(Object::Action(o.id.clone())),
                format!(
                    "Removed action {}",
                    name(&o.reference, &o.title, "(untitled)")
                ),
            );
        }
    }
}

fn action_fields(
    (old_plan, o): (&Plan, &Action),
    (new_plan, n): (&Plan, &Action),
    who: &str,
    out: &mut Lines,
) {
    let object = Object::Action(n.id.clone());
    let (old, new) = ((o, old_plan), (n, new_plan));
    out.fields(&object, who, ACTION_FIELDS, old, new);
    milestone_lines(out, who, &n.id, &o.milestones, &n.milestones);
    out.fields(&object, who, ACTION_FIELDS_MID, old, new);
    risk_lines(
        out,
        who,
        Some(&n.id),
        (old_plan, &o.risks),
        (new_plan, &n.risks),
    );
    out.fields(&object, who, ACTION_FIELDS_AFTER, old, new);
}

fn milestone_due(m: &Milestone) -> String {
    match (m.due, m.quarter) {
        (Some(d), _) => d.long(),
        (None, Some(q)) => format!("{q:?}"),
        (None, None) => String::new(),
    }
}

fn milestone_lines(out: &mut Lines, who: &str, action: &Id, old: &[Milestone], new: &[Milestone]) {
    let olds = by_id(old.iter().map(|m| (&m.id, m)));
    let object = |id: &Id| Object::Milestone {
        action: action.clone(),
        id: id.clone(),
    };
    // Milestones name nothing by their plan.
    let none = Plan::default();
    for n in new {
        let Some(o) = olds.get(&n.id) else {
            let due = milestone_due(n);
            out.added(
                Key::presence(object(&n.id)),
                if due.is_empty() {
                    format!("{who}: added milestone {}", quote(&n.title))
                } else {
                    format!("{who}: added milestone {} (due {due})", quote(&n.title))
                },
            );
            continue;
        };
        let w = format!("{who}: milestone '{}'", truncate(&n.title, NAME_CHARS));
        out.fields(&object(&n.id), &w, MILESTONE_FIELDS, (o, &none), (n, &none));
    }
    let news = by_id(new.iter().map(|m| (&m.id, m)));
    for o in old.iter().filter(|o| !news.contains_key(&o.id)) {
        out.removed(
            Key::presence(object(&o.id)),
            format!("{who}: removed milestone {}", quote(&o.title)),
        );
    }
}

fn update_lines(o: &Action, n: &Action, who: &str, out: &mut Lines) {
    let olds = by_id(o.updates.iter().map(|u| (&u.id, u)));
    let object = |id: &Id| Object::Update {
        action: n.id.clone(),
        id: id.clone(),
    };
    let none = Plan::default();
    for nu in &n.updates {
        let Some(ou) = olds.get(&nu.id) else {
            if nu.deleted_at.is_some() {
                continue; // written and deleted between the two versions
            }
            let by = match nu.author.trim() {
                "" => String::new(),
                author => format!(" by {author}"),
            };
            out.added(
                Key::presence(object(&nu.id)),
                format!("{who}: new {} ({}){by}", update_name(nu), nu.rag.label()),
            );
            continue;
        };
        let deleted = || Key::field(object(&nu.id), UPDATE_DELETED.name);
        match (ou.deleted_at.is_some(), nu.deleted_at.is_some()) {
            (false, true) => {
                out.removed(
                    deleted(),
                    format!("{who}: {} ({}) deleted", update_name(nu), nu.rag.label()),
                );
                continue;
            }
            (true, false) => out.added(
                deleted(),
                format!("{who}: {} ({}) restored", update_name(nu), nu.rag.label()),
            ),
            _ => {}
        }
        let w = format!("{who}: {}", update_name(ou));
        out.fields(&object(&nu.id), &w, UPDATE_FIELDS, (ou, &none), (nu, &none));
    }
    let news = by_id(n.updates.iter().map(|u| (&u.id, u)));
    for ou in o.updates.iter().filter(|u| !news.contains_key(&u.id)) {
        out.removed(
            Key::presence(object(&ou.id)),
            format!("{who}: {} ({}) removed", update_name(ou), ou.rag.label()),
        );
    }
}

// ------------------------------------------------------------------------ KPIs

/// "NI 72", or "KPI 'title…'" when it has no code.
pub fn kpi_who(k: &Kpi) -> String {
    if k.code.trim().is_empty() {
        format!("KPI '{}'", truncate(&k.title, NAME_CHARS))
    } else {
        k.code.trim().to_string()
    }
}

fn tolerance_text(t: Option<Tolerance>) -> String {
    match t {
        None => "5% of target (the default)".to_string(),
        Some(Tolerance::Percent(p)) => format!("{}% of target", format_number(p, None)),
        Some(Tolerance::Absolute(a)) => format!("{} either side of target", format_number(a, None)),
    }
}

fn baseline_text(k: &Kpi) -> String {
    let v = k
        .baseline
        .value
        .as_ref()
        .map(|v| v.display(Some(k.decimals)))
        .unwrap_or_default();
    match (v.is_empty(), k.baseline.period.trim()) {
        (true, "") => String::new(),
        (true, p) => format!("(no value) in {p}"),
        (false, "") => v,
        (false, p) => format!("{v} in {p}"),
    }
}

fn priority_ref_text(plan: &Plan, k: &Kpi) -> String {
    let Some(pid) = &k.priority_id else {
        return String::new();
    };
    let Some(p) = plan.priority(pid) else {
        return pid.to_string();
    };
    let mut s = priority_name(p).to_lowercase();
    if let Some(o) = k
        .outcome_id
        .as_ref()
        .and_then(|oid| p.outcomes.iter().find(|o| &o.id == oid))
    {
        s = format!("{s}, {}", outcome_name(o));
    }
    s
}

fn kpi_lines(old: &Plan, new: &Plan, out: &mut Lines, values: &mut Lines) {
    let olds = by_id(old.kpis.iter().map(|k| (&k.id, k)));
    for n in &new.kpis {
        let object = Object::Kpi(n.id.clone());
        let Some(o) = olds.get(&n.id) else {
            out.added(
                Key::presence(object),
                format!("Added KPI {}", name(&n.code, &n.title, "(untitled)")),
            );
            continue;
        };
        let who = kpi_who(n);
        out.fields(&object, &who, KPI_FIELDS, (o, old), (n, new));
        value_lines(o, n, values);
    }
    let news = by_id(new.kpis.iter().map(|k| (&k.id, k)));
    for o in old.kpis.iter().filter(|o| !news.contains_key(&o.id)) {
        out.removed(
            Key::presence(Object::Kpi(o.id.clone())),
            format!("Removed KPI {}", name(&o.code, &o.title, "(untitled)")),
        );
    }
}

/// Periods keyed by label (trimmed) and occurrence, so a label used twice still
/// matches.
pub fn period_keys(series: &[PeriodValues]) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    series
        .iter()
        .map(|p| {
            let label = p.period.trim();
            let n = seen.entry(label).or_insert(0);
            *n += 1;
            (label.to_string(), *n)
        })
        .collect()
}

/// A KPI value in words, or (blank).
pub fn value_text(v: Option<&Value>, decimals: Option<u8>) -> String {
    v.map(|v| v.display(decimals))
        .unwrap_or_else(|| "(blank)".to_string())
}

/// A target in words; a figure without trailing zeros ("55", not "55.0"), as
/// targets are written.
pub fn target_text(t: Option<&Target>, decimals: Option<u8>) -> String {
    t.map(|t| match t {
        Target::Value { value, note } => {
            let mut s = format_number(*value, decimals);
            if s.contains('.') {
                s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            }
            match note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => format!("{s} — {n}"),
                None => s,
            }
        }
        other => other.display(decimals),
    })
    .filter(|s| !s.trim().is_empty())
    .unwrap_or_else(|| "(blank)".to_string())
}

/// The two sides of a changed value in words, with more precision when the
/// KPI's decimal places would hide the change.
pub fn two_sides(
    old: &dyn Fn(Option<u8>) -> String,
    new: &dyn Fn(Option<u8>) -> String,
    decimals: u8,
) -> (String, String) {
    let (o, n) = (old(Some(decimals)), new(Some(decimals)));
    if o != n {
        return (o, n);
    }
    let (o, n) = (old(None), new(None));
    if o != n {
        return (o, n);
    }
    (old(Some(15)), new(Some(15)))
}

/// "(unnamed period)" for a blank label.
pub fn period_label(period: &str) -> &str {
    if period.is_empty() {
        "(unnamed period)"
    } else {
        period
    }
}

fn value_lines(o: &Kpi, n: &Kpi, out: &mut Lines) {
    if o.series == n.series {
        return;
    }
    let who = kpi_who(n);
    let (okeys, nkeys) = (period_keys(&o.series), period_keys(&n.series));
    let old_at: HashMap<&(String, usize), &PeriodValues> = okeys.iter().zip(&o.series).collect();
    let new_at: HashMap<&(String, usize), &PeriodValues> = nkeys.iter().zip(&n.series).collect();
    let blank = PeriodValues::default();
    let mut pairs: Vec<(&(String, usize), &PeriodValues, &PeriodValues)> = Vec::new();
    for (k, np) in nkeys.iter().zip(&n.series) {
        pairs.push((k, old_at.get(k).copied().unwrap_or(&blank), np));
    }
    for (k, op) in okeys.iter().zip(&o.series) {
        if !new_at.contains_key(k) {
            pairs.push((k, op, &blank));
        }
    }
    for ((label, nth), op, np) in pairs {
        let object = || Object::Period {
            kpi: n.id.clone(),
            period: label.clone(),
            nth: *nth,
        };
        let period = period_label(label);
        for (what, get, _) in SLOTS {
            let (ov, nv) = (get(op), get(np));
            if ov != nv {
                let (a, b) = two_sides(
                    &|d| value_text(ov.as_ref(), d),
                    &|d| value_text(nv.as_ref(), d),
                    n.decimals,
                );
                out.changed(
                    Some(Key::field(object(), what)),
                    format!("{who} {period} {what}: {a} → {b}"),
                );
            }
        }
        if op.target != np.target {
            let (a, b) = two_sides(
                &|d| target_text(op.target.as_ref(), d),
                &|d| target_text(np.target.as_ref(), d),
                n.decimals,
            );
            out.changed(
                Some(Key::field(object(), TARGET)),
                format!("{who}: target {period}: {a} → {b}"),
            );
        }
    }
}
