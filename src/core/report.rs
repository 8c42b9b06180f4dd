//! Reports: which report, its filters (kept in the address like
//! [`crate::core::filter::ActionFilter`]), and what each filter lets through.
//!
//! The reports themselves are built by [`crate::core::document`]: the monitoring
//! report, the plan document and the KPI scorecard, each as at a date.
//!
//! Filter rules, the same in every report:
//! - priority: an action under that priority (directly or in one of its outcomes);
//!   a KPI linked to it;
//! - lead: one of the action's leads, or the KPI's responsible officer, equal to the
//!   lead ignoring case and surrounding spaces;
//! - RAG and "red and amber only": the action's RAG as at the report's date
//!   ([`crate::core::rollup::action_rag_as_at`]), or the KPI's latest rating
//!   ([`crate::core::rollup::kpi_rag`]).

use super::date::Date;
use super::filter::rag_from_key;
use super::model::{ActionRef, Id, Kpi, Plan, Rag};
use super::rollup::{action_rag_as_at, kpi_rag};
use std::collections::BTreeMap;

/// The reports on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportKind {
    /// Each commitment with its responsible officer, RAG and reason, and the latest
    /// comments on progress (seed 003's layout).
    #[default]
    Monitoring,
    /// The plan as a document (seed 000's layout).
    PlanDocument,
    /// Each indicator with its latest value, target, RAG and direction (seed 002's list).
    Scorecard,
    /// What changed since a date or a saved version, who changed it and when.
    Changes,
}

impl ReportKind {
    pub const ALL: [ReportKind; 4] = [
        ReportKind::Monitoring,
        ReportKind::PlanDocument,
        ReportKind::Scorecard,
        ReportKind::Changes,
    ];

    /// The value of the `report` query parameter.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Monitoring => "monitoring",
            ReportKind::PlanDocument => "plan",
            ReportKind::Scorecard => "scorecard",
            ReportKind::Changes => "changes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Monitoring => "Monitoring report",
            ReportKind::PlanDocument => "Plan document",
            ReportKind::Scorecard => "KPI scorecard",
            ReportKind::Changes => "Changes",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            ReportKind::Monitoring => "Each commitment with its responsible officer, RAG and reason, and the latest comments on progress.",
            ReportKind::PlanDocument => "Each priority with its objectives, success criteria, KPI table and action table.",
            ReportKind::Scorecard => "Each indicator with its latest value, target, RAG and direction of travel.",
            ReportKind::Changes => "What changed since a date or a saved version: who changed it and when.",
        }
    }

    /// Reads a `report` value; unknown or missing values give the monitoring report.
    pub fn from_key(s: &str) -> ReportKind {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.key() == s.trim())
            .unwrap_or_default()
    }

    /// Whether the report is printed on landscape pages (wide tables).
    pub fn landscape(self) -> bool {
        matches!(self, ReportKind::Monitoring | ReportKind::PlanDocument)
    }
}

/// A report's choices: which report, as at which date, with which filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportChoices {
    pub kind: ReportKind,
    pub priority: Option<Id>,
    /// A lead (an action's) or responsible officer (a KPI's); empty: any.
    pub lead: String,
    pub rag: Option<Rag>,
    pub as_at: Date,
    pub red_amber_only: bool,
    /// A committee cover sheet printed in front.
    pub cover: bool,
    /// The Changes report: since this date (None: [`CHANGES_DAYS`] before the
    /// as-at date) …
    pub since: Option<Date>,
    /// … or since this saved version (a plan library entry's id; empty: a date).
    pub version: String,
}

/// How many days back the Changes report looks unless a date is chosen.
pub const CHANGES_DAYS: i64 = 30;

impl ReportChoices {
    /// The monitoring report of everything, as at `today`.
    pub fn new(today: Date) -> ReportChoices {
        ReportChoices {
            kind: ReportKind::Monitoring,
            priority: None,
            lead: String::new(),
            rag: None,
            as_at: today,
            red_amber_only: false,
            cover: false,
            since: None,
            version: String::new(),
        }
    }

    /// The date the Changes report looks back to.
    pub fn since_date(&self) -> Date {
        self.since
            .unwrap_or_else(|| self.as_at.add_days(-CHANGES_DAYS))
    }

    /// Reads the choices from query parameters: report, priority, lead, rag,
    /// asat (YYYY-MM-DD; missing or not a real date: `today`), only=red-amber,
    /// cover=1. Values are trimmed; unknown ones do not filter.
    pub fn from_params(p: &BTreeMap<String, String>, today: Date) -> ReportChoices {
        let get = |k: &str| p.get(k).map(|s| s.trim()).unwrap_or("");
        ReportChoices {
            kind: ReportKind::from_key(get("report")),
            priority: Some(get("priority")).filter(|s| !s.is_empty()).map(Id::new),
            lead: get("lead").to_string(),
            rag: Some(get("rag"))
                .filter(|s| !s.is_empty())
                .and_then(rag_from_key),
            as_at: Date::parse_iso(get("asat")).unwrap_or(today),
            red_amber_only: get("only") == "red-amber",
            cover: get("cover") == "1",
            since: Date::parse_iso(get("since")).ok(),
            version: get("version").to_string(),
        }
    }

    /// The query parameters for these choices: only those that differ from
    /// [`ReportChoices::new`] (the as-at date only when it is not `today`).
    pub fn to_params(&self, today: Date) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        if self.kind != ReportKind::Monitoring {
            m.insert("report".into(), self.kind.key().into());
        }
        if let Some(p) = self.priority.as_ref().filter(|p| !p.0.is_empty()) {
            m.insert("priority".into(), p.0.clone());
        }
        if !self.lead.trim().is_empty() {
            m.insert("lead".into(), self.lead.trim().into());
        }
        if let Some(r) = self.rag {
            m.insert("rag".into(), r.key().into());
        }
        if self.as_at != today {
            m.insert("asat".into(), self.as_at.to_string());
        }
        if self.red_amber_only {
            m.insert("only".into(), "red-amber".into());
        }
        if self.cover {
            m.insert("cover".into(), "1".into());
        }
        if let Some(d) = self.since {
            m.insert("since".into(), d.to_string());
        }
        if !self.version.trim().is_empty() {
            m.insert("version".into(), self.version.trim().into());
        }
        m
    }

    fn lead_matches(&self, who: &str) -> bool {
        let lead = self.lead.trim();
        lead.is_empty() || same_ignoring_case(who, lead)
    }

    fn rag_matches(&self, rag: Rag) -> bool {
        self.rag.is_none_or(|x| x == rag)
            && (!self.red_amber_only || matches!(rag, Rag::Red | Rag::Amber))
    }

    /// Whether an action is in the report.
    pub fn shows_action(&self, r: &ActionRef) -> bool {
        if self.priority.as_ref().is_some_and(|p| *p != r.priority.id) {
            return false;
        }
        let a = r.action;
        if !self.lead.trim().is_empty() && !a.leads.iter().any(|l| self.lead_matches(l)) {
            return false;
        }
        self.rag_matches(action_rag_as_at(a, self.as_at))
    }

    /// Whether a KPI is in the scorecard.
    pub fn shows_kpi(&self, k: &Kpi) -> bool {
        if self.priority.is_some() && k.priority_id != self.priority {
            return false;
        }
        self.lead_matches(&k.responsible_officer) && self.rag_matches(kpi_rag(k))
    }

    /// The filters in words, for the printed report: "Everything in the plan", or
    /// "Showing priority 1; lead DCS; green only".
    pub fn words(&self, plan: &Plan) -> String {
        if self.kind == ReportKind::Changes {
            return if self.version.trim().is_empty() {
                format!("Changes since {}", self.since_date().long())
            } else {
                "Changes since a saved version".to_string()
            };
        }
        let mut parts = Vec::new();
        if let Some(p) = self.priority.as_ref().and_then(|id| plan.priority(id)) {
            parts.push(format!("priority {}", p.number));
        }
        if !self.lead.trim().is_empty() {
            parts.push(format!("lead {}", self.lead.trim()));
        }
        if let Some(r) = self.rag {
            parts.push(format!("{} only", r.label().to_lowercase()));
        }
        if self.red_amber_only {
            parts.push("red and amber only".into());
        }
        if parts.is_empty() {
            "Everything in the plan".into()
        } else {
            format!("Showing {}", parts.join("; "))
        }
    }
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The priorities as filter choices, in plan order: (id, "Priority 1").
pub fn priority_choices(plan: &Plan) -> Vec<(String, String)> {
    plan.priorities
        .iter()
        .map(|x| (x.id.to_string(), format!("Priority {}", x.number)))
        .collect()
}
