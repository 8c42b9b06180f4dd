//! Starting a plan: the ways to start ([`Start`]), the structure each gives, the
//! period a plan covers worked out from whole years ([`PlanPeriod`]), and the RAG
//! definitions a new plan starts with. The set-up form that uses them is
//! [`crate::core::draft::new_plan`].
//!
//! A starting structure holds the sections a plan of that kind is organised by, in
//! the shapes of the source documents: an improvement plan's numbered priorities,
//! each divided into outcomes holding numbered actions; a service plan's priority
//! service objectives, then its organisational-effectiveness objectives grouped
//! People, Places, Processes and Performance; a monitoring list's themes holding
//! annual plan commitments. Each section is titled "Untitled …", for the team to
//! name, and holds no made-up content: no KPIs, no progress, no leads. The first
//! section of an improvement plan and of a monitoring list holds one untitled
//! action, numbered the way that kind of plan numbers them ("1.1.1", "1.1"), so
//! the table has its first row to fill in.

use super::date::Date;
use super::edit::IdGen;
use super::model::{
    Action, ActionStatus, Id, Outcome, PeriodBasis, Plan, Priority, Rag, RagDefinition,
};

/// How a new plan starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Start {
    /// No priorities yet.
    Blank,
    /// Priorities → outcomes → numbered actions (the Milton Keynes improvement plan).
    Improvement,
    /// Priority service objectives and organisational-effectiveness objectives
    /// grouped People / Places / Processes / Performance.
    Service,
    /// A monitoring list of annual plan commitments (the Leicestershire monitoring).
    Monitoring,
    /// A copy of the example plan, as a plan of its own.
    Example,
}

impl Start {
    /// In the order the form offers them.
    pub const ALL: [Start; 5] = [
        Start::Blank,
        Start::Improvement,
        Start::Service,
        Start::Monitoring,
        Start::Example,
    ];

    /// Stable machine name (a radio button's value).
    pub fn key(self) -> &'static str {
        match self {
            Start::Blank => "blank",
            Start::Improvement => "improvement",
            Start::Service => "service",
            Start::Monitoring => "monitoring",
            Start::Example => "example",
        }
    }

    pub fn from_key(s: &str) -> Option<Start> {
        Start::ALL.into_iter().find(|x| x.key() == s.trim())
    }

    /// The choice's words.
    pub fn label(self) -> &'static str {
        match self {
            Start::Blank => "A blank plan",
            Start::Improvement => "An improvement plan",
            Start::Service => "A service plan",
            Start::Monitoring => "A monitoring list",
            Start::Example => "A copy of the example plan",
        }
    }

    /// What the choice gives, under its words.
    pub fn hint(self) -> &'static str {
        match self {
            Start::Blank => "No priorities yet: you add them on the Plan page.",
            Start::Improvement => {
                "Numbered priorities, each divided into outcomes with numbered actions (1.1.1, 1.1.2), as in a performance improvement plan."
            }
            Start::Service => {
                "A priority service objective, then organisational-effectiveness objectives grouped People, Places, Processes and Performance."
            }
            Start::Monitoring => {
                "Annual plan commitments under a theme, each with a responsible officer, a RAG rating and comments on progress."
            }
            Start::Example => {
                "The Milton Keynes example plan as a plan of your own, with its priorities, actions and KPIs, to change as you like."
            }
        }
    }
}

/// The kinds of year a plan can run in, in the order the form offers them.
pub const PLAN_BASES: [PeriodBasis; 3] = [
    PeriodBasis::FinancialYear,
    PeriodBasis::AcademicYear,
    PeriodBasis::CalendarYear,
];

/// The months a kind of year runs over: "April to March".
pub fn basis_months(basis: PeriodBasis) -> &'static str {
    match basis {
        PeriodBasis::FinancialYear => "April to March",
        PeriodBasis::AcademicYear => "September to August",
        PeriodBasis::CalendarYear => "January to December",
        PeriodBasis::Quarter => "three months",
        PeriodBasis::Month => "one month",
    }
}

/// The month a year of this kind starts in (1 for anything but a financial or an
/// academic year).
fn first_month(basis: PeriodBasis) -> u8 {
    match basis {
        PeriodBasis::FinancialYear => 4,
        PeriodBasis::AcademicYear => 9,
        _ => 1,
    }
}

/// The plan period: whole years of one kind, from the year `first` starts in to
/// the year `last` starts in (the same year for a one-year plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanPeriod {
    pub basis: PeriodBasis,
    pub first: i32,
    pub last: i32,
}

impl PlanPeriod {
    /// The first day: 1 April of `first` for a financial year, 1 September for an
    /// academic year, 1 January for a calendar year.
    pub fn start(&self) -> Date {
        Date::new(self.first, first_month(self.basis), 1).expect("the first of a month is a date")
    }

    /// The last day: the day before the year after `last` starts (31 March, 31
    /// August, 31 December).
    pub fn end(&self) -> Date {
        let next = match self.basis {
            PeriodBasis::FinancialYear | PeriodBasis::AcademicYear => {
                Date::new(self.last + 1, first_month(self.basis), 1)
            }
            _ => Date::new(self.last + 1, 1, 1),
        };
        next.expect("the first of a month is a date").add_days(-1)
    }

    /// A year as plans write it: "2026/27" for a financial or an academic year,
    /// "2026" for a calendar year.
    pub fn year_label(&self, year: i32) -> String {
        match self.basis {
            PeriodBasis::FinancialYear | PeriodBasis::AcademicYear => {
                format!("{year}/{:02}", (year + 1).rem_euclid(100))
            }
            _ => year.to_string(),
        }
    }

    /// The period as the plan words it: "2026/27", "2026/27 – 2028/29", "2026",
    /// "2026 – 2028".
    pub fn label(&self) -> String {
        if self.first == self.last {
            self.year_label(self.first)
        } else {
            format!(
                "{} – {}",
                self.year_label(self.first),
                self.year_label(self.last)
            )
        }
    }

    /// The period in words with its dates: "2026/27, 1 April 2026 to 31 March 2027".
    pub fn describe(&self) -> String {
        format!(
            "{}, {} to {}",
            self.label(),
            self.start().long(),
            self.end().long()
        )
    }
}

/// The year the period of this kind that holds `today` started in: on 1 December
/// 2026 the financial year 2026/27 started in 2026; on 1 February 2027 it is still
/// 2026.
pub fn current_year(basis: PeriodBasis, today: Date) -> i32 {
    if today.month() < first_month(basis) {
        today.year() - 1
    } else {
        today.year()
    }
}

/// What a rating means, in a new plan: green, amber and red as the Leicestershire
/// monitoring defines them (on trajectory; off it but recoverable; off it with
/// little prospect of recovery), in Waymark's own words. The set-up form shows
/// them to change.
pub fn default_rag_definitions() -> Vec<RagDefinition> {
    [
        (
            Rag::Green,
            "On course: progress is where it should be, within the tolerances agreed for it.",
        ),
        (
            Rag::Amber,
            "Off course and outside the agreed tolerances, but it can still be brought back with corrective action.",
        ),
        (
            Rag::Red,
            "Off course and so far outside the agreed tolerances that corrective action is unlikely to bring it back.",
        ),
    ]
    .into_iter()
    .map(|(rag, meaning)| RagDefinition {
        rag,
        meaning: meaning.into(),
    })
    .collect()
}

/// The title of a section or action still to be named.
pub const UNTITLED_PRIORITY: &str = "Untitled priority";
pub const UNTITLED_OUTCOME: &str = "Untitled outcome";
pub const UNTITLED_ACTION: &str = "Untitled action";
pub const UNTITLED_OBJECTIVE: &str = "Untitled objective";
pub const UNTITLED_THEME: &str = "Untitled theme";
pub const UNTITLED_COMMITMENT: &str = "Untitled commitment";

/// The group of a service plan's priority service objectives.
pub const SERVICE_GROUP: &str = "Priority service objectives";
/// The groups of a service plan's organisational-effectiveness objectives.
pub const EFFECTIVENESS_GROUPS: [&str; 4] = ["People", "Places", "Processes", "Performance"];

fn priority(ids: &mut IdGen, number: &str, title: &str, group: &str) -> Priority {
    Priority {
        id: ids.next_id("p"),
        number: number.into(),
        title: title.into(),
        group: group.into(),
        ..Priority::default()
    }
}

fn action(ids: &mut IdGen, reference: &str, title: &str) -> Action {
    Action {
        id: ids.next_id("a"),
        reference: reference.into(),
        title: title.into(),
        status: ActionStatus::NotStarted,
        ..Action::default()
    }
}

/// The priorities a plan starts with (none for a blank plan or the example, whose
/// priorities are the example's). Ids are new and unique within the plan.
pub fn structure(start: Start) -> Vec<Priority> {
    let mut ids = IdGen::new(&Plan::default());
    match start {
        Start::Blank | Start::Example => vec![],
        Start::Improvement => {
            let mut p = priority(&mut ids, "1", UNTITLED_PRIORITY, "");
            let mut o = Outcome {
                id: ids.next_id("o"),
                number: "1".into(),
                title: UNTITLED_OUTCOME.into(),
                ..Outcome::default()
            };
            o.actions.push(action(&mut ids, "1.1.1", UNTITLED_ACTION));
            p.outcomes.push(o);
            vec![p]
        }
        Start::Service => {
            let mut v = vec![priority(&mut ids, "1", UNTITLED_OBJECTIVE, SERVICE_GROUP)];
            for (i, group) in EFFECTIVENESS_GROUPS.into_iter().enumerate() {
                v.push(priority(
                    &mut ids,
                    &(i + 2).to_string(),
                    UNTITLED_OBJECTIVE,
                    group,
                ));
            }
            v
        }
        Start::Monitoring => {
            let mut p = priority(&mut ids, "1", UNTITLED_THEME, "");
            p.actions.push(action(&mut ids, "1.1", UNTITLED_COMMITMENT));
            vec![p]
        }
    }
}

/// "Copy of CYPS Performance Improvement Plan": the title a copy of the example
/// (titled `example_title`) is offered.
pub fn example_copy_title(example_title: &str) -> String {
    format!("Copy of {example_title}")
}

/// A copy of the example plan as a plan of its own: the example with a new id and
/// title (so the library and the compare report see a different plan), and
/// everything else as the example has it. The app fetches the example when it is
/// wanted ([`crate::core::example`]), so it is given here.
pub fn copy_of_example(example: Plan, id: Id, title: &str) -> Plan {
    Plan {
        id,
        title: title.trim().into(),
        ..example
    }
}

/// The ways a new plan's id is written: "plan-" and a number in hexadecimal (the
/// app draws the number at random).
pub fn plan_id(n: u64) -> Id {
    Id::new(format!("plan-{n:x}"))
}
