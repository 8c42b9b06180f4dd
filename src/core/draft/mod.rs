//! Form drafts: every form of the app edits a draft — its fields as the user typed
//! them — and saving turns the draft into one undoable [`Change`], or into a
//! [`Report`] of what to fix. Every rule a form enforces lives here, with host
//! tests in `tests/drafts.rs`; a page only binds its fields to a draft and applies
//! the change.
//!
//! One file per form: [`details`] (plan details), [`priority`] (priorities and
//! outcomes), [`action`] (an action with its milestones and risks), [`update`] (a
//! progress update, and its soft delete), [`risk`] (a register risk), [`kpi`] (a
//! KPI and its period grid), [`new_plan`] (the New plan form: a whole new plan,
//! not a change), [`ask`] (Ask for updates: a request, not a change).
//!
//! Every draft works the same way:
//! - `Draft::from(&object)` (or `of(plan, id)`, which finds it) opens an existing
//!   object; `new_for(..)` a new one. Text fields hold the text as typed; dates are
//!   three boxes ([`DateText`]); numbers typed in a box are strings; choices from a
//!   list are the typed value (an enum, a [`Placement`]).
//! - [`FormDraft::into_change`] reads the draft against the plan as it is at save
//!   time: `Ok(Saved)` with the change (None when nothing changed), the words for
//!   the history and the id of the saved object; or `Err(Report)` with every error
//!   (and the warnings, such as a date outside the plan period). Nothing is saved
//!   half-valid.
//! - A new object, and a new row of one (a milestone, a risk, a progress update),
//!   gets its id at save time from the [`IdGen`], so it is fresh against the plan as
//!   it is then (another tab may have added objects meanwhile).
//! - An object edited while it left the plan (deleted or undone, here or in another
//!   tab) is not written back: the report says so ([`gone`]).
//! - Saving an unedited draft gives no change (`Saved::change` is None), so it
//!   leaves no empty step in the history.

pub mod action;
pub mod ask;
pub mod details;
pub mod kpi;
pub mod new_plan;
pub mod priority;
pub mod risk;
pub mod update;

pub use action::{ActionDraft, ActionRiskDraft, MilestoneDraft};
pub use ask::{AskDraft, AskScope};
pub use details::DetailsDraft;
pub use kpi::{next_period, target_text, value_text, KpiDraft, PeriodDraft, ToleranceKind};
pub use new_plan::NewPlanDraft;
pub use priority::{OutcomeDraft, PriorityDraft};
pub use risk::RiskDraft;
pub use update::{delete_update, UpdateDraft};

use super::date::Date;
use super::edit::{Change, IdGen};
use super::model::{Id, Outcome, Plan, Priority};
use super::validate::{parse_date_input, Report};

/// When a form is saved: today (for the warnings about dates after today) and the
/// time as an ISO 8601 stamp (for an entry's "edited" or "deleted" mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Now {
    pub today: Date,
    pub time: String,
}

/// What saving a draft does.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The one undoable change; None when the draft changes nothing.
    pub change: Option<Change>,
    /// The change in words, for the history ("Edit action 1.1").
    pub label: String,
    /// The saved object's id (a new object's new id): the place to show after saving.
    pub id: Id,
}

/// A form's draft.
pub trait FormDraft: Sized {
    /// The change that saves this draft into the plan, or the report of what to fix.
    ///
    /// `ids` must be a generator for this plan ([`IdGen::new`]); new objects and new
    /// rows take their ids from it.
    fn into_change(self, plan: &Plan, now: &Now, ids: &mut IdGen) -> Result<Saved, Report>;
}

/// A GOV.UK date input as typed: the day, month and year boxes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateText {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateText {
    /// The boxes showing a date ("31", "10", "2009"), or empty.
    pub fn of(d: Option<Date>) -> DateText {
        match d {
            Some(d) => DateText {
                day: d.day().to_string(),
                month: d.month().to_string(),
                year: d.year().to_string(),
            },
            None => DateText::default(),
        }
    }

    /// Reads the boxes with [`parse_date_input`] (its messages).
    pub fn parse(&self, label: &str, required: bool) -> Result<Option<Date>, String> {
        parse_date_input(label, &self.day, &self.month, &self.year, required)
    }
}

/// The key of a row of a repeatable list in a form (a milestone, a risk, a period),
/// unique within the draft. It stays with the row while rows above it are removed,
/// so the row keeps its fields and its place on screen; it is not the row's id in
/// the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RowKey(pub u32);

/// Where an action (or a KPI) sits: a priority, and one of its outcomes or none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Placement {
    pub priority: Id,
    pub outcome: Option<Id>,
}

impl Placement {
    /// The value of a choice of placement: "p1", or "p1/o2" for an outcome.
    pub fn key(&self) -> String {
        match &self.outcome {
            Some(o) => format!("{}/{o}", self.priority),
            None => self.priority.to_string(),
        }
    }

    /// Reads [`Placement::key`]; None for an empty value (not placed).
    pub fn from_key(s: &str) -> Option<Placement> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        Some(match s.split_once('/') {
            Some((p, o)) => Placement {
                priority: Id::new(p),
                outcome: Some(Id::new(o)),
            },
            None => Placement {
                priority: Id::new(s),
                outcome: None,
            },
        })
    }

    /// Where the action with this id is now, if it is in the plan.
    pub fn of_action(plan: &Plan, id: &Id) -> Option<Placement> {
        let place = super::edit::find_action(plan, id)?;
        let p = &plan.priorities[place.priority];
        Some(Placement {
            priority: p.id.clone(),
            outcome: place.outcome.map(|oi| p.outcomes[oi].id.clone()),
        })
    }
}

/// A place in the plan in words: "Priority 1", or "Priority 1, outcome 2".
pub fn placement_label(priority: &Priority, outcome: Option<&Outcome>) -> String {
    match outcome {
        Some(o) => format!(
            "Priority {}, outcome {}",
            priority.number.trim(),
            o.number.trim()
        ),
        None => format!("Priority {}", priority.number.trim()),
    }
}

/// Every place an action or a KPI can go, in document order, each with its words:
/// "Priority 1: Leadership …", "Priority 4, outcome 4: Enjoy …" (titles cut at 60
/// characters).
pub fn placement_choices(plan: &Plan) -> Vec<(Placement, String)> {
    let mut v = Vec::new();
    for p in &plan.priorities {
        v.push((
            Placement {
                priority: p.id.clone(),
                outcome: None,
            },
            format!("{}: {}", placement_label(p, None), short(&p.title)),
        ));
        for o in &p.outcomes {
            v.push((
                Placement {
                    priority: p.id.clone(),
                    outcome: Some(o.id.clone()),
                },
                format!("{}: {}", placement_label(p, Some(o)), short(&o.title)),
            ));
        }
    }
    v
}

/// A title cut to 60 characters ("…" when cut).
fn short(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The lines of a text box as a list (each trimmed, blank lines dropped).
pub fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The report when what a form edits has left the plan meanwhile (deleted, or
/// undone, here or in another tab): nothing is saved. The error is on "title".
pub fn gone(what: &str) -> Report {
    let mut r = Report::default();
    r.error(
        "title",
        format!(
            "This {what} is no longer in the plan (it was deleted or undone, here or in another tab), so nothing was saved. Copy what you typed, then cancel."
        ),
    );
    r
}

/// Adds a validator's report to a form's: an error only on a field not in error
/// yet (a box that could not be read keeps its own message), every warning.
fn merge(into: &mut Report, from: Report) {
    for e in from.errors {
        if into.error_for(&e.field).is_none() {
            into.errors.push(e);
        }
    }
    into.warnings.extend(from.warnings);
}

/// Reads a date input; an error is recorded on `field` and gives None.
fn read_date(
    r: &mut Report,
    field: &str,
    text: &DateText,
    label: &str,
    required: bool,
) -> Option<Date> {
    text.parse(label, required).unwrap_or_else(|message| {
        r.error(field, message);
        None
    })
}

/// `Err(report)` when it has errors, else `Ok(())`.
fn check(r: Report) -> Result<(), Report> {
    if r.is_ok() {
        Ok(())
    } else {
        Err(r)
    }
}

/// The next key for a row of a draft.
fn next_row(counter: &mut u32) -> RowKey {
    let k = RowKey(*counter);
    *counter += 1;
    k
}
