//! The plan-details form: title, organisation, period, status and approval, links,
//! glossary, RAG definitions, notes and the stale-days setting.
//!
//! Fields and their report names: "title", "organisation", "period_label",
//! "period_start", "period_end", "status", "approved_by", "approved_on", "links",
//! "glossary", "rag_<key>" (one per [`Rag::ALL`]), "notes", "stale_after_days".

use super::{check, lines, merge, read_date, DateText, FormDraft, Now, Saved};
use crate::core::edit::{set_details, IdGen, PlanDetails};
use crate::core::model::{GlossaryEntry, Plan, PlanSettings, PlanStatus, Rag, RagDefinition};
use crate::core::validate::{validate_details, Report};

/// The fewest and most days before an action without a progress update is stale.
pub const STALE_DAYS: std::ops::RangeInclusive<u32> = 1..=3650;

/// The plan-details form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetailsDraft {
    pub title: String,
    pub organisation: String,
    pub period_label: String,
    pub period_start: DateText,
    pub period_end: DateText,
    pub status: PlanStatus,
    pub approved_by: String,
    pub approved_on: DateText,
    /// One link a line.
    pub links: String,
    /// One entry a line: "DCS = Director of Children's Services".
    pub glossary: String,
    /// What each rating means, in the order of [`Rag::ALL`] (empty: not used).
    pub rag_meanings: [String; 5],
    /// One note a line.
    pub notes: String,
    /// A whole number of days, [`STALE_DAYS`].
    pub stale_after_days: String,
}

impl From<&Plan> for DetailsDraft {
    fn from(plan: &Plan) -> DetailsDraft {
        DetailsDraft::from(&PlanDetails::of(plan))
    }
}

impl From<&PlanDetails> for DetailsDraft {
    fn from(d: &PlanDetails) -> DetailsDraft {
        DetailsDraft {
            title: d.title.clone(),
            organisation: d.organisation.clone(),
            period_label: d.period_label.clone(),
            period_start: DateText::of(d.period_start),
            period_end: DateText::of(d.period_end),
            status: d.status,
            approved_by: d.approved_by.clone(),
            approved_on: DateText::of(d.approved_on),
            links: d.links.join("\n"),
            glossary: d
                .glossary
                .iter()
                .map(|g| format!("{} = {}", g.term, g.meaning))
                .collect::<Vec<_>>()
                .join("\n"),
            rag_meanings: Rag::ALL.map(|rag| {
                d.rag_definitions
                    .iter()
                    .find(|x| x.rag == rag)
                    .map(|x| x.meaning.clone())
                    .unwrap_or_default()
            }),
            notes: d.notes.join("\n"),
            stale_after_days: d.settings.stale_after_days.to_string(),
        }
    }
}

/// Reads the glossary box: one "abbreviation = meaning" a line, split at the first
/// equals sign, both sides trimmed; blank lines are skipped. A line with no equals
/// sign, or nothing before it, is an error on "glossary" naming the line as the box
/// shows it (blank lines counted).
pub fn parse_glossary(text: &str, r: &mut Report) -> Vec<GlossaryEntry> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line.split_once('=') {
            Some((t, m)) if !t.trim().is_empty() => entries.push(GlossaryEntry {
                term: t.trim().into(),
                meaning: m.trim().into(),
            }),
            _ => r.error(
                "glossary",
                format!(
                    "Glossary line {} must be an abbreviation, an equals sign and its meaning, for example DCS = Director of Children's Services",
                    i + 1
                ),
            ),
        }
    }
    entries
}

/// Reads the stale-days box: a whole number in [`STALE_DAYS`], else an error on
/// "stale_after_days" (and None).
pub fn parse_stale_days(text: &str, r: &mut Report) -> Option<u32> {
    match text.trim().parse::<u32>() {
        Ok(n) if STALE_DAYS.contains(&n) => Some(n),
        _ => {
            r.error(
                "stale_after_days",
                format!(
                    "Days before an action counts as stale must be a whole number from {} to {}",
                    STALE_DAYS.start(),
                    STALE_DAYS.end()
                ),
            );
            None
        }
    }
}

impl DetailsDraft {
    /// The RAG definitions as typed, in the plan's order (`now`): a meaning left
    /// empty is dropped, a meaning newly given is added after, in the order of
    /// [`Rag::ALL`].
    fn rag_definitions(&self, now: &[RagDefinition]) -> Vec<RagDefinition> {
        let meaning = |rag: Rag| {
            Rag::ALL
                .iter()
                .position(|r| *r == rag)
                .map_or("", |i| self.rag_meanings[i].trim())
        };
        let mut defs: Vec<RagDefinition> = Vec::new();
        let order = now.iter().map(|d| d.rag).chain(Rag::ALL);
        for rag in order {
            if !meaning(rag).is_empty() && !defs.iter().any(|d| d.rag == rag) {
                defs.push(RagDefinition {
                    rag,
                    meaning: meaning(rag).into(),
                });
            }
        }
        defs
    }
}

impl FormDraft for DetailsDraft {
    /// Checked in this order: the three dates, the stale days, the glossary, then
    /// [`validate_details`] (title, period end not before start). The fields this
    /// form does not show (the cover sheet, last updated) are kept as the plan has
    /// them now.
    fn into_change(self, plan: &Plan, _now: &Now, _ids: &mut IdGen) -> Result<Saved, Report> {
        let mut r = Report::default();
        let period_start = read_date(
            &mut r,
            "period_start",
            &self.period_start,
            "start date",
            false,
        );
        let period_end = read_date(&mut r, "period_end", &self.period_end, "end date", false);
        let approved_on = read_date(
            &mut r,
            "approved_on",
            &self.approved_on,
            "approval date",
            false,
        );
        let stale = parse_stale_days(&self.stale_after_days, &mut r);
        let glossary = parse_glossary(&self.glossary, &mut r);
        let now = PlanDetails::of(plan);
        let details = PlanDetails::from(Plan {
            title: self.title.trim().into(),
            organisation: self.organisation.trim().into(),
            period_label: self.period_label.trim().into(),
            period_start,
            period_end,
            status: self.status,
            approved_by: self.approved_by.trim().into(),
            approved_on,
            links: lines(&self.links),
            glossary,
            rag_definitions: self.rag_definitions(&now.rag_definitions),
            notes: lines(&self.notes),
            settings: PlanSettings {
                stale_after_days: stale.unwrap_or(now.settings.stale_after_days),
                ..now.settings.clone()
            },
            ..now.into()
        });
        merge(&mut r, validate_details(&details));
        check(r)?;
        Ok(Saved {
            change: set_details(plan, details),
            label: "Edit plan details".into(),
            id: plan.id.clone(),
        })
    }
}
