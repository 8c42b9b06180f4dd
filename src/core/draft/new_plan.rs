//! The New plan form: how to start ([`Start`]), then the plan's set-up — its
//! title, organisation, the years it covers and what kind of year they are, and
//! what each RAG rating means.
//!
//! Fields and their report names: "start", "title", "organisation",
//! "period_basis", "first_year", "last_year", "rag_green", "rag_amber", "rag_red".
//!
//! Unlike the other drafts, saving makes a whole new plan ([`NewPlanDraft::into_plan`]),
//! not a change to the open one: the app keeps the open plan in the library and
//! opens the new one. A copy of the example asks only for its title: its period,
//! organisation and RAG definitions are the example's, which its KPIs and progress
//! log are written against. The example plan is not part of the app's code (it is
//! fetched when wanted), so the form is given its title and its plan once the page
//! has them.

use super::{check, merge};
use crate::core::date::Date;
use crate::core::edit::PlanDetails;
use crate::core::model::{Id, PeriodBasis, Plan, PlanSettings, PlanStatus, Rag, RagDefinition};
use crate::core::starter::{
    copy_of_example, current_year, default_rag_definitions, example_copy_title, structure,
    PlanPeriod, Start,
};
use crate::core::validate::{validate_details, Report};

/// The ratings the form defines, in the order it shows them.
pub const FORM_RAGS: [Rag; 3] = [Rag::Green, Rag::Amber, Rag::Red];

/// The error on "start" when a copy of the example is asked for before the
/// example plan could be read.
pub const EXAMPLE_NOT_LOADED: &str = "The example plan has not been loaded, so there is nothing to copy yet. Wait a moment and try again, or choose another way to start";

/// The most years a plan set up here covers.
pub const MAX_YEARS: i32 = 10;

/// The earliest and latest years the form takes.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The New plan form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlanDraft {
    /// None until the user chooses.
    pub start: Option<Start>,
    pub title: String,
    pub organisation: String,
    pub period_basis: PeriodBasis,
    /// The year the plan starts in: "2026" (or "2026/27").
    pub first_year: String,
    /// The year its last year starts in; empty for a one-year plan.
    pub last_year: String,
    /// What green, amber and red mean, in the order of [`FORM_RAGS`].
    pub rag_meanings: [String; 3],
}

impl NewPlanDraft {
    /// A new form on `today`: nothing chosen yet, a financial-year plan for the
    /// current financial year, and the default RAG definitions.
    pub fn new(today: Date) -> NewPlanDraft {
        let defaults = default_rag_definitions();
        NewPlanDraft {
            start: None,
            title: String::new(),
            organisation: String::new(),
            period_basis: PeriodBasis::FinancialYear,
            first_year: current_year(PeriodBasis::FinancialYear, today).to_string(),
            last_year: String::new(),
            rag_meanings: FORM_RAGS.map(|rag| {
                defaults
                    .iter()
                    .find(|d| d.rag == rag)
                    .map(|d| d.meaning.clone())
                    .unwrap_or_default()
            }),
        }
    }

    /// Chooses how to start. Choosing the example offers "Copy of …" as the title
    /// when none is typed yet and the example's title is known (`example_title`:
    /// None while the example is still being fetched; choosing it again once it
    /// has come makes the offer); leaving it takes that offered title away again
    /// (a title the user typed stays).
    pub fn choose(&mut self, start: Start, example_title: Option<&str>) {
        let offered = example_title.map(example_copy_title);
        if start == Start::Example && self.title.trim().is_empty() {
            if let Some(offered) = offered {
                self.title = offered;
            }
        } else if start != Start::Example && offered.is_some_and(|o| self.title == o) {
            self.title.clear();
        }
        self.start = Some(start);
    }

    /// Whether the form asks for the set-up fields after the title (not for a copy
    /// of the example).
    pub fn asks_set_up(&self) -> bool {
        self.start != Some(Start::Example)
    }

    /// The period as typed, if both years can be read and make a period: for the
    /// form to say what the plan will cover while the user types.
    pub fn period(&self) -> Option<PlanPeriod> {
        let mut r = Report::default();
        let p = self.read_period(&mut r);
        r.is_ok().then_some(p).flatten()
    }

    /// Reads the years into a period; errors on "first_year" and "last_year".
    fn read_period(&self, r: &mut Report) -> Option<PlanPeriod> {
        let first = match read_year(&self.first_year) {
            YearText::Empty => {
                r.error(
                    "first_year",
                    "Enter the year the plan starts, for example 2026",
                );
                None
            }
            YearText::Bad => {
                r.error(
                    "first_year",
                    "Year the plan starts must be a year, for example 2026 or 2026/27",
                );
                None
            }
            YearText::Year(y) if !YEARS.contains(&y) => {
                r.error(
                    "first_year",
                    format!(
                        "Year the plan starts must be between {} and {}",
                        YEARS.start(),
                        YEARS.end()
                    ),
                );
                None
            }
            YearText::Year(y) => Some(y),
        }?;
        let period = |last| PlanPeriod {
            basis: self.period_basis,
            first,
            last,
        };
        let last = match read_year(&self.last_year) {
            YearText::Empty => first,
            YearText::Bad => {
                r.error(
                    "last_year",
                    "Last year of the plan must be a year, for example 2028 or 2028/29",
                );
                return None;
            }
            YearText::Year(y) if y < first => {
                r.error(
                    "last_year",
                    format!(
                        "Last year of the plan must be the same as or after the year it starts ({})",
                        period(first).year_label(first)
                    ),
                );
                return None;
            }
            YearText::Year(y) if y - first >= MAX_YEARS => {
                r.error(
                    "last_year",
                    format!(
                        "A plan can cover at most {MAX_YEARS} years: enter a last year before {}",
                        period(first + MAX_YEARS).year_label(first + MAX_YEARS)
                    ),
                );
                return None;
            }
            YearText::Year(y) => y,
        };
        Some(period(last))
    }

    /// The RAG definitions as typed, in the order of [`FORM_RAGS`]; a meaning left
    /// empty is not defined.
    fn rag_definitions(&self) -> Vec<RagDefinition> {
        FORM_RAGS
            .iter()
            .zip(&self.rag_meanings)
            .filter(|(_, m)| !m.trim().is_empty())
            .map(|(rag, m)| RagDefinition {
                rag: *rag,
                meaning: m.trim().into(),
            })
            .collect()
    }

    /// The new plan, with the id `id`, or the report of what to fix. Checked in
    /// this order: the choice of start, the title, the years (only when the form
    /// asks for them: not for a copy of the example). A copy of the example is
    /// made from `example`, the example plan as read; without it (not fetched
    /// yet, or the fetch failed) the choice of start is refused.
    ///
    /// A plan started from a structure (or blank) is a draft plan with the title
    /// and organisation as typed, the period worked out from the years (its label
    /// written as the kind of year writes it: "2026/27", "2026"), the kind of year
    /// kept in its settings, the RAG definitions as typed, last updated `today`,
    /// and the structure's priorities ([`structure`]).
    pub fn into_plan(self, id: Id, today: Date, example: Option<Plan>) -> Result<Plan, Report> {
        let mut r = Report::default();
        let Some(start) = self.start else {
            r.error("start", "Select how you want to start the plan");
            // The other fields are still checked, so every error shows at once.
            let _ = self.checked_details(&mut r, today);
            return Err(r);
        };
        if start == Start::Example {
            let title = validate_details(&PlanDetails::from(Plan {
                title: self.title.trim().into(),
                ..Plan::default()
            }));
            let Some(example) = example else {
                r.error("start", EXAMPLE_NOT_LOADED);
                merge(&mut r, title);
                return Err(r);
            };
            merge(&mut r, title);
            check(r)?;
            return Ok(copy_of_example(example, id, &self.title));
        }
        let details = self.checked_details(&mut r, today);
        check(r)?;
        let details = details.expect("no errors, so the period was read");
        let mut plan = Plan {
            id,
            priorities: structure(start),
            ..Plan::default()
        };
        details.apply_to(&mut plan);
        Ok(plan)
    }

    /// The details of the new plan; errors into `r`.
    fn checked_details(&self, r: &mut Report, today: Date) -> Option<PlanDetails> {
        let title_report = validate_details(&PlanDetails::from(Plan {
            title: self.title.trim().into(),
            ..Plan::default()
        }));
        merge(r, title_report);
        let period = self.read_period(r)?;
        Some(PlanDetails::from(Plan {
            title: self.title.trim().into(),
            organisation: self.organisation.trim().into(),
            period_label: period.label(),
            period_start: Some(period.start()),
            period_end: Some(period.end()),
            status: PlanStatus::Draft,
            rag_definitions: self.rag_definitions(),
            last_updated: Some(today),
            settings: PlanSettings {
                period_basis: Some(period.basis),
                ..PlanSettings::default()
            },
            ..Plan::default()
        }))
    }
}

/// A year box as typed.
enum YearText {
    Empty,
    Bad,
    Year(i32),
}

/// Reads a year: "2026", or a year written as plans write financial and academic
/// years, "2026/27", "2026-27", "2026/2027" (the year it starts in; the second year
/// must be the one after).
fn read_year(text: &str) -> YearText {
    let t = text.trim();
    if t.is_empty() {
        return YearText::Empty;
    }
    let four = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    let Some((a, b)) = t
        .split_once(['/', '-', '–'])
        .map(|(a, b)| (a.trim(), b.trim()))
    else {
        return four(t).map_or(YearText::Bad, YearText::Year);
    };
    let Some(y) = four(a) else {
        return YearText::Bad;
    };
    let next = match b.len() {
        2 if b.bytes().all(|c| c.is_ascii_digit()) => {
            b.parse::<i32>().ok() == Some((y + 1).rem_euclid(100))
        }
        4 => four(b) == Some(y + 1),
        _ => false,
    };
    if next {
        YearText::Year(y)
    } else {
        YearText::Bad
    }
}
