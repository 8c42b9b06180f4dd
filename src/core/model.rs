//! The plan model: every object of an improvement plan, as plain Rust data.
//!
//! The hierarchy is plan → priority → outcome (optional) → action. KPIs live in one
//! list on the plan and point at the priority (and outcome) they evidence, so a KPI
//! can be found, listed and charted without walking the tree. Every object has a
//! stable [`Id`]; cross-references (an action's KPIs, a KPI's priority) use ids,
//! never positions.
//!
//! These types are tolerant on the way in (missing fields take their defaults) and
//! exact on the way out (a fixed field order, so two exports of one plan are
//! byte-identical).

use super::date::Date;
use super::value::{Target, Value};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable identifier, unique within a plan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn new(s: impl Into<String>) -> Id {
        Id(s.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Red / Amber / Green, plus the two ratings many councils add.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Red,
    Amber,
    Green,
    /// Complete.
    Blue,
    /// No data yet.
    #[default]
    #[serde(alias = "grey", alias = "not_rated", alias = "none")]
    NotRated,
}

impl Rag {
    pub const ALL: [Rag; 5] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Blue, Rag::NotRated];

    /// The word shown to people (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Blue => "Complete",
            Rag::NotRated => "Not rated",
        }
    }

    /// A shape that carries the status without colour: readable in black and white.
    pub fn icon(self) -> &'static str {
        match self {
            Rag::Red => "▲",
            Rag::Amber => "◆",
            Rag::Green => "●",
            Rag::Blue => "✓",
            Rag::NotRated => "○",
        }
    }

    /// Stable machine name (CSS class suffix, URL value).
    pub fn key(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Blue => "blue",
            Rag::NotRated => "not_rated",
        }
    }

    /// How urgent, for sorting exceptions first: red before amber before the rest.
    pub fn severity(self) -> u8 {
        match self {
            Rag::Red => 0,
            Rag::Amber => 1,
            Rag::NotRated => 2,
            Rag::Green => 3,
            Rag::Blue => 4,
        }
    }

    /// Reads how plans write a RAG ("Green", "amber", "R", "complete").
    pub fn from_text(s: &str) -> Option<Rag> {
        let t = s.trim().to_ascii_lowercase();
        let first = t
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        match first {
            "red" | "r" => Some(Rag::Red),
            "amber" | "a" | "yellow" => Some(Rag::Amber),
            "green" | "g" => Some(Rag::Green),
            "blue" | "b" | "complete" | "completed" | "done" => Some(Rag::Blue),
            "grey" | "gray" | "not" | "none" | "n" => Some(Rag::NotRated),
            _ => None,
        }
    }
}

/// Where a plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    #[default]
    Draft,
    Approved,
    Archived,
}

impl PlanStatus {
    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Draft",
            PlanStatus::Approved => "Approved",
            PlanStatus::Archived => "Archived",
        }
    }
}

/// One abbreviation of the plan's glossary ("DCS" → "Director of Children's Services").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct GlossaryEntry {
    pub term: String,
    pub meaning: String,
}

/// What a RAG rating means in this plan, in the plan's own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct RagDefinition {
    pub rag: Rag,
    pub meaning: String,
}

/// Who changed an object last, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Stamp {
    /// The name given on the device ("Priya Shah, Health"); blank when none was given.
    pub by: String,
    /// ISO 8601.
    pub at: String,
}

/// A plan file sent between partners: what it is based on, and what was asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Exchange {
    /// The content id of the version the file was made from (`core::exchange::content_id`).
    pub base: String,
    /// The request for updates the file answers, if it was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<UpdateRequest>,
    /// Who saved this file ("Health"), for the merge review and the log.
    pub sent_by: String,
    /// When it was saved (ISO 8601).
    pub sent_at: String,
}

/// A request for updates: for whom, which part of the plan, by when, from whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct UpdateRequest {
    /// Who the updates are asked of, as the file name and banner say it ("Health").
    pub for_whom: String,
    /// Who asks ("Milton Keynes Council").
    pub from: String,
    pub asked_on: Option<Date>,
    pub wanted_by: Option<Date>,
    /// The actions asked about.
    pub action_ids: Vec<Id>,
    /// The KPIs asked about.
    pub kpi_ids: Vec<Id>,
    /// The file holds only these actions and KPIs (with their priorities and
    /// outcomes as context), not the whole plan.
    pub part: bool,
}

/// The whole improvement plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Plan {
    pub id: Id,
    pub title: String,
    pub organisation: String,
    /// The period as the plan words it ("June 2009 – September 2010").
    pub period_label: String,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub status: PlanStatus,
    pub approved_by: String,
    pub approved_on: Option<Date>,
    /// Higher plans this plan serves ("Sustainable Community Strategy priority: …").
    pub links: Vec<String>,
    pub glossary: Vec<GlossaryEntry>,
    pub rag_definitions: Vec<RagDefinition>,
    pub last_updated: Option<Date>,
    /// Plan-wide notes (footnotes of the source document, data caveats).
    pub notes: Vec<String>,
    pub priorities: Vec<Priority>,
    pub kpis: Vec<Kpi>,
    /// The plan's own risk register (actions also carry their own risks).
    pub risks: Vec<Risk>,
    pub settings: PlanSettings,
    /// The committee cover sheet printed in front of a report, if used.
    pub cover_sheet: CoverSheet,
    /// What the file is, when it goes between partners: the version it is based
    /// on and the request for updates it carries (see `core::exchange`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Exchange>,
}

/// How the plan is monitored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct PlanSettings {
    /// An action with no progress update for this many days is stale.
    pub stale_after_days: u32,
    /// The years the plan runs in: financial (April to March), academic (September
    /// to August) or calendar; None when the plan does not say (files written before
    /// plans had this setting, and plans whose period is not whole years).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_basis: Option<PeriodBasis>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            stale_after_days: 90,
            period_basis: None,
        }
    }
}

/// The fields of a committee report's cover sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CoverSheet {
    pub report_to: String,
    pub date: Option<Date>,
    pub subject: String,
    pub report_of: String,
    pub contact_officer: String,
    pub purpose: String,
    pub recommendation: String,
}

/// A priority (objective, theme) of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Priority {
    pub id: Id,
    /// "1", "4".
    pub number: String,
    pub title: String,
    /// e.g. "Priority service objectives", "People".
    pub group: String,
    /// The council-plan priority it serves ("Council Plan Priority 2: …").
    pub council_priority: String,
    /// Every Child Matters outcome area, if one fits.
    pub outcome_area: Option<OutcomeArea>,
    pub objectives: Vec<String>,
    pub success_criteria: Vec<String>,
    pub outcomes: Vec<Outcome>,
    /// Actions directly under the priority (not inside an outcome).
    pub actions: Vec<Action>,
    /// Who last changed it on which device, and when (none for what no one has
    /// edited in Waymark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

/// A sub-section of a priority (the seed's "CYPP core outcome 4").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Outcome {
    pub id: Id,
    /// "4", "9 & 10".
    pub number: String,
    pub title: String,
    pub council_priority: String,
    pub outcome_area: Option<OutcomeArea>,
    pub success_criteria: Vec<String>,
    pub actions: Vec<Action>,
    /// Who last changed it on which device, and when (none for what no one has
    /// edited in Waymark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

/// The five Every Child Matters outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeArea {
    BeHealthy,
    StaySafe,
    EnjoyAndAchieve,
    MakeAPositiveContribution,
    AchieveEconomicWellBeing,
}

impl OutcomeArea {
    pub const ALL: [OutcomeArea; 5] = [
        OutcomeArea::BeHealthy,
        OutcomeArea::StaySafe,
        OutcomeArea::EnjoyAndAchieve,
        OutcomeArea::MakeAPositiveContribution,
        OutcomeArea::AchieveEconomicWellBeing,
    ];
    pub fn label(self) -> &'static str {
        match self {
            OutcomeArea::BeHealthy => "Be healthy",
            OutcomeArea::StaySafe => "Stay safe",
            OutcomeArea::EnjoyAndAchieve => "Enjoy and achieve",
            OutcomeArea::MakeAPositiveContribution => "Make a positive contribution",
            OutcomeArea::AchieveEconomicWellBeing => "Achieve economic well-being",
        }
    }
}

/// A quarter of the plan year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum Quarter {
    Q1,
    Q2,
    Q3,
    Q4,
}

/// A step of an action with its own due date or quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Milestone {
    pub id: Id,
    pub title: String,
    pub due: Option<Date>,
    pub quarter: Option<Quarter>,
    pub done: bool,
}

/// A risk, with its mitigation. Actions carry risks; the plan has a register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Risk {
    pub id: Id,
    pub description: String,
    pub mitigation: String,
    pub owner: String,
    /// 1–5, if assessed.
    pub likelihood: Option<u8>,
    /// 1–5, if assessed.
    pub impact: Option<u8>,
    /// A RAG stated by the plan for this risk, if any.
    pub rag: Option<Rag>,
    /// Who last changed it on which device, and when (none for what no one has
    /// edited in Waymark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

/// A dated entry of an action's progress log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ProgressUpdate {
    pub id: Id,
    pub date: Option<Date>,
    pub author: String,
    pub rag: Rag,
    /// Why this RAG ("Amber because roll-out delayed from plan").
    pub reason: String,
    pub commentary: String,
    /// When the entry was last changed after it was first written (ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<String>,
    /// When the entry was deleted (ISO 8601). A deleted entry stays in the log,
    /// shown as deleted, and no longer counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

/// Whether an action is still being worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    NotStarted,
    #[default]
    InProgress,
    Complete,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Complete,
        ActionStatus::Cancelled,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Complete => "Complete",
            ActionStatus::Cancelled => "Cancelled",
        }
    }
}

/// An action (activity, commitment, workstream).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Action {
    pub id: Id,
    /// "1.1", "2.2 ii)", "4.4.1 i)".
    pub reference: String,
    pub title: String,
    pub description: String,
    /// Baseline narrative.
    pub starting_point: String,
    pub starting_point_as_of: Option<Date>,
    /// Free text as the plan writes it ("Sept 2009 – April 2010").
    pub timeline: String,
    pub due: Option<Date>,
    pub milestones: Vec<Milestone>,
    /// Resources and funding ("DCSF IESE grant", "£4,000").
    pub resources: String,
    pub leads: Vec<String>,
    pub monitored_by: Vec<String>,
    pub projected_outcomes: String,
    /// How it is measured, in words (often a KPI code).
    pub measures: String,
    /// KPIs that evidence this action.
    pub kpi_ids: Vec<Id>,
    pub risks: Vec<Risk>,
    /// References to an external review ("DR 5.1.2").
    pub review_refs: Vec<String>,
    /// A government or minister priority (the seed marks these in blue).
    #[serde(skip_serializing_if = "is_false")]
    pub government_priority: bool,
    pub status: ActionStatus,
    /// A RAG the plan states without a dated update (used when the log is empty).
    pub stated_rag: Option<Rag>,
    pub updates: Vec<ProgressUpdate>,
    /// Who last changed it on which device, and when (none for what no one has
    /// edited in Waymark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

/// Which way is better for a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
    /// Closest to target is best (a target band).
    CloserIsBetter,
    /// Neither direction is better: reported, not rated.
    Neither,
}

impl Polarity {
    pub const ALL: [Polarity; 4] = [
        Polarity::HigherIsBetter,
        Polarity::LowerIsBetter,
        Polarity::CloserIsBetter,
        Polarity::Neither,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "Higher is better",
            Polarity::LowerIsBetter => "Lower is better",
            Polarity::CloserIsBetter => "Closest to target is best",
            Polarity::Neither => "Neither higher nor lower is better",
        }
    }
}

/// The unit of a KPI's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    #[default]
    Percent,
    Number,
    RatePer1000,
    RatePer10000,
    RatePer100000,
    Days,
    Weeks,
    Pounds,
    Score,
}

impl Unit {
    pub const ALL: [Unit; 9] = [
        Unit::Percent,
        Unit::Number,
        Unit::RatePer1000,
        Unit::RatePer10000,
        Unit::RatePer100000,
        Unit::Days,
        Unit::Weeks,
        Unit::Pounds,
        Unit::Score,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Number => "number",
            Unit::RatePer1000 => "rate per 1,000",
            Unit::RatePer10000 => "rate per 10,000",
            Unit::RatePer100000 => "rate per 100,000",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Pounds => "£",
            Unit::Score => "score",
        }
    }
}

/// What a KPI's periods are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodBasis {
    #[default]
    FinancialYear,
    AcademicYear,
    CalendarYear,
    Quarter,
    Month,
}

impl PeriodBasis {
    pub const ALL: [PeriodBasis; 5] = [
        PeriodBasis::FinancialYear,
        PeriodBasis::AcademicYear,
        PeriodBasis::CalendarYear,
        PeriodBasis::Quarter,
        PeriodBasis::Month,
    ];
    pub fn label(self) -> &'static str {
        match self {
            PeriodBasis::FinancialYear => "Financial year",
            PeriodBasis::AcademicYear => "Academic year",
            PeriodBasis::CalendarYear => "Calendar year",
            PeriodBasis::Quarter => "Quarter",
            PeriodBasis::Month => "Month",
        }
    }
}

/// How far from target is still amber.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Tolerance {
    /// In the KPI's own unit.
    Absolute(f64),
    /// Percent of the target.
    Percent(f64),
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance::Percent(5.0)
    }
}

/// A KPI's baseline: a value and the period it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Baseline {
    pub period: String,
    pub value: Option<Value>,
}

/// One period of a KPI's series: the actual, comparators and target.
/// A missing field means blank; a [`Value`] with no number means "not available".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct PeriodValues {
    /// The period's label as the plan writes it ("2008/9", "Q2 2009/10").
    pub period: String,
    pub actual: Option<Value>,
    /// National average.
    pub national: Option<Value>,
    /// Statistical neighbours.
    pub neighbours: Option<Value>,
    pub region: Option<Value>,
    pub target: Option<Target>,
}

/// A key performance indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Kpi {
    pub id: Id,
    /// "NI 72", "BVPI 197", or a local code.
    pub code: String,
    /// "NI", "LAA", "CYPP local", "Corporate dashboard"; several may apply.
    pub sources: Vec<String>,
    pub title: String,
    /// A heading the KPI sits under in its table ("Key Stage 2").
    pub section: String,
    pub unit: Unit,
    pub decimals: u8,
    pub polarity: Polarity,
    /// None means the default: 5 % of the target.
    pub tolerance: Option<Tolerance>,
    pub responsible_officer: String,
    pub period_basis: PeriodBasis,
    /// What a period's value refers to ("2009/10 refers to August 2009 outcomes").
    pub period_note: String,
    pub baseline: Baseline,
    pub priority_id: Option<Id>,
    pub outcome_id: Option<Id>,
    /// Shown on the corporate dashboard (the seed marks these with *).
    #[serde(skip_serializing_if = "is_false")]
    pub corporate_dashboard: bool,
    pub notes: String,
    /// Periods in time order, oldest first.
    pub series: Vec<PeriodValues>,
    /// Who last changed it on which device, and when (none for what no one has
    /// edited in Waymark).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Stamp>,
}

impl Plan {
    /// Every action of the plan, in document order, with the priority and outcome
    /// (if any) it sits under.
    pub fn actions(&self) -> impl Iterator<Item = ActionRef<'_>> {
        self.priorities.iter().flat_map(|p| {
            p.actions
                .iter()
                .map(move |a| ActionRef {
                    priority: p,
                    outcome: None,
                    action: a,
                })
                .chain(p.outcomes.iter().flat_map(move |o| {
                    o.actions.iter().map(move |a| ActionRef {
                        priority: p,
                        outcome: Some(o),
                        action: a,
                    })
                }))
        })
    }

    pub fn action_count(&self) -> usize {
        self.actions().count()
    }

    pub fn priority(&self, id: &Id) -> Option<&Priority> {
        self.priorities.iter().find(|p| &p.id == id)
    }

    pub fn kpi(&self, id: &Id) -> Option<&Kpi> {
        self.kpis.iter().find(|k| &k.id == id)
    }

    /// KPIs attached to a priority directly (not to one of its outcomes).
    pub fn kpis_of_priority<'a>(&'a self, priority: &'a Id) -> impl Iterator<Item = &'a Kpi> {
        self.kpis
            .iter()
            .filter(move |k| k.priority_id.as_ref() == Some(priority) && k.outcome_id.is_none())
    }

    /// KPIs attached to an outcome.
    pub fn kpis_of_outcome<'a>(&'a self, outcome: &'a Id) -> impl Iterator<Item = &'a Kpi> {
        self.kpis
            .iter()
            .filter(move |k| k.outcome_id.as_ref() == Some(outcome))
    }
}

/// An action with where it sits in the plan.
#[derive(Debug, Clone, Copy)]
pub struct ActionRef<'a> {
    pub priority: &'a Priority,
    pub outcome: Option<&'a Outcome>,
    pub action: &'a Action,
}

impl Action {
    /// The newest progress update by date (later entries win ties).
    pub fn latest_update(&self) -> Option<&ProgressUpdate> {
        self.live_updates()
            .enumerate()
            .max_by_key(|(i, u)| (u.date, *i))
            .map(|(_, u)| u)
    }

    /// The progress updates that count (not deleted), in log order.
    pub fn live_updates(&self) -> impl Iterator<Item = &ProgressUpdate> {
        self.updates.iter().filter(|u| u.deleted_at.is_none())
    }

    /// The action's current RAG: the newest update's, else the one the plan states,
    /// else not rated. A complete action is blue.
    pub fn current_rag(&self) -> Rag {
        if self.status == ActionStatus::Complete {
            return Rag::Blue;
        }
        self.latest_update()
            .map(|u| u.rag)
            .or(self.stated_rag)
            .unwrap_or(Rag::NotRated)
    }
}

// ---------------------------------------------------------------------------
// Machine names ("keys") of the enums, for form controls and URLs.
//
// Every `from_key` trims, reads the key, and falls back to the words shown to
// people (the label, any case), so a value typed or pasted by hand still reads.
// Unknown text gives None; the caller chooses the default.

/// The first of `all` whose key, or else whose label, is `s` (trimmed; labels in any case).
fn find_by_key<T: Copy>(
    all: &[T],
    s: &str,
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Option<T> {
    let t = s.trim();
    all.iter().copied().find(|x| key(*x) == t).or_else(|| {
        all.iter()
            .copied()
            .find(|x| label(*x).eq_ignore_ascii_case(t))
    })
}

impl Rag {
    /// Reads a RAG from its key ([`Rag::key`]), else as plans write it
    /// ([`Rag::from_text`]: "Green", "amber", "R", "grey").
    pub fn from_key(s: &str) -> Option<Rag> {
        Rag::ALL
            .into_iter()
            .find(|r| r.key() == s.trim())
            .or_else(|| Rag::from_text(s))
    }
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [
        PlanStatus::Draft,
        PlanStatus::Approved,
        PlanStatus::Archived,
    ];

    /// Stable machine name ("approved").
    pub fn key(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Approved => "approved",
            PlanStatus::Archived => "archived",
        }
    }

    /// Reads a plan status from its key or its label.
    pub fn from_key(s: &str) -> Option<PlanStatus> {
        find_by_key(&PlanStatus::ALL, s, PlanStatus::key, PlanStatus::label)
    }
}

impl OutcomeArea {
    /// Stable machine name, as in plan files ("stay_safe").
    pub fn key(self) -> &'static str {
        match self {
            OutcomeArea::BeHealthy => "be_healthy",
            OutcomeArea::StaySafe => "stay_safe",
            OutcomeArea::EnjoyAndAchieve => "enjoy_and_achieve",
            OutcomeArea::MakeAPositiveContribution => "make_a_positive_contribution",
            OutcomeArea::AchieveEconomicWellBeing => "achieve_economic_well_being",
        }
    }

    /// Reads an outcome area from its key or its label ("Stay safe").
    pub fn from_key(s: &str) -> Option<OutcomeArea> {
        find_by_key(&OutcomeArea::ALL, s, OutcomeArea::key, OutcomeArea::label)
    }
}

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];

    /// The words shown to people, as plans write a quarter: "Q1".
    pub fn label(self) -> &'static str {
        match self {
            Quarter::Q1 => "Q1",
            Quarter::Q2 => "Q2",
            Quarter::Q3 => "Q3",
            Quarter::Q4 => "Q4",
        }
    }

    /// Stable machine name, as in plan files: the same as the label ("Q1").
    pub fn key(self) -> &'static str {
        self.label()
    }

    /// Reads a quarter from its key, in any case ("Q2", "q2").
    pub fn from_key(s: &str) -> Option<Quarter> {
        find_by_key(&Quarter::ALL, s, Quarter::key, Quarter::label)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl ActionStatus {
    /// Stable machine name, as in plan files and URLs ("not_started").
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Complete => "complete",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    /// Reads an action status from its key or its label ("In progress").
    pub fn from_key(s: &str) -> Option<ActionStatus> {
        find_by_key(
            &ActionStatus::ALL,
            s,
            ActionStatus::key,
            ActionStatus::label,
        )
    }
}

impl Polarity {
    /// Stable machine name, as in plan files ("lower_is_better").
    pub fn key(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "higher_is_better",
            Polarity::LowerIsBetter => "lower_is_better",
            Polarity::CloserIsBetter => "closer_is_better",
            Polarity::Neither => "neither",
        }
    }

    /// Reads a polarity from its key or its label.
    pub fn from_key(s: &str) -> Option<Polarity> {
        find_by_key(&Polarity::ALL, s, Polarity::key, Polarity::label)
    }
}

impl Unit {
    /// Stable machine name, as in plan files ("rate_per10000").
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Number => "number",
            Unit::RatePer1000 => "rate_per1000",
            Unit::RatePer10000 => "rate_per10000",
            Unit::RatePer100000 => "rate_per100000",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Pounds => "pounds",
            Unit::Score => "score",
        }
    }

    /// Reads a unit from its key or its label ("%", "rate per 1,000").
    pub fn from_key(s: &str) -> Option<Unit> {
        find_by_key(&Unit::ALL, s, Unit::key, Unit::label)
    }
}

impl PeriodBasis {
    /// Stable machine name, as in plan files ("academic_year").
    pub fn key(self) -> &'static str {
        match self {
            PeriodBasis::FinancialYear => "financial_year",
            PeriodBasis::AcademicYear => "academic_year",
            PeriodBasis::CalendarYear => "calendar_year",
            PeriodBasis::Quarter => "quarter",
            PeriodBasis::Month => "month",
        }
    }

    /// Reads a period basis from its key or its label.
    pub fn from_key(s: &str) -> Option<PeriodBasis> {
        find_by_key(&PeriodBasis::ALL, s, PeriodBasis::key, PeriodBasis::label)
    }
}
