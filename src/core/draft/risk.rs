//! The register-risk form.
//!
//! Fields and their report names: "description", "owner", "likelihood", "impact",
//! "mitigation", "rag".

use super::{check, gone, merge, FormDraft, Now, Saved};
use crate::core::edit::{upsert_risk, IdGen};
use crate::core::model::{Id, Plan, Rag, Risk};
use crate::core::risk::{rag_of_score, score};
use crate::core::validate::{validate_risk, Report};

/// The register-risk form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskDraft {
    /// The risk edited; None for a new one.
    pub id: Option<Id>,
    pub description: String,
    pub owner: String,
    /// "1" to "5", or empty (not assessed).
    pub likelihood: String,
    /// "1" to "5", or empty (not assessed).
    pub impact: String,
    pub mitigation: String,
    /// A RAG stated for the risk (None: the RAG of the score).
    pub rag: Option<Rag>,
}

impl From<&Risk> for RiskDraft {
    fn from(r: &Risk) -> RiskDraft {
        let text = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
        RiskDraft {
            id: Some(r.id.clone()),
            description: r.description.clone(),
            owner: r.owner.clone(),
            likelihood: text(r.likelihood),
            impact: text(r.impact),
            mitigation: r.mitigation.clone(),
            rag: r.rag,
        }
    }
}

/// A 1–5 scale as typed: empty is not assessed; a whole number is kept for the
/// range check of [`validate_risk`]; anything else is an error on `field`.
fn read_scale(r: &mut Report, field: &str, label: &str, text: &str) -> Option<u8> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<u8>() {
        Ok(v) => Some(v),
        Err(_) => {
            r.error(field, format!("{label} must be a number from 1 to 5"));
            None
        }
    }
}

impl RiskDraft {
    /// The draft of the register risk with this id, if it is in the plan.
    pub fn of(plan: &Plan, id: &Id) -> Option<RiskDraft> {
        plan.risks.iter().find(|r| &r.id == id).map(RiskDraft::from)
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    /// The score (likelihood × impact) and its RAG, as typed so far; None until both
    /// are assessed with numbers from 1 to 5.
    pub fn score(&self) -> Option<(u8, Rag)> {
        let mut ignored = Report::default();
        let risk = Risk {
            likelihood: read_scale(&mut ignored, "", "", &self.likelihood),
            impact: read_scale(&mut ignored, "", "", &self.impact),
            ..Risk::default()
        };
        score(&risk).map(|s| (s, rag_of_score(s)))
    }
}

impl FormDraft for RiskDraft {
    fn into_change(self, plan: &Plan, _now: &Now, ids: &mut IdGen) -> Result<Saved, Report> {
        let current = match &self.id {
            None => Risk {
                id: ids.next_id("risk"),
                ..Risk::default()
            },
            Some(id) => plan
                .risks
                .iter()
                .find(|r| &r.id == id)
                .cloned()
                .ok_or_else(|| gone("risk"))?,
        };
        let mut r = Report::default();
        let risk = Risk {
            description: self.description.trim().into(),
            owner: self.owner.trim().into(),
            likelihood: read_scale(&mut r, "likelihood", "Likelihood", &self.likelihood),
            impact: read_scale(&mut r, "impact", "Impact", &self.impact),
            mitigation: self.mitigation.trim().into(),
            rag: self.rag,
            ..current
        };
        merge(&mut r, validate_risk(&risk));
        check(r)?;
        let verb = if self.is_new() { "Add" } else { "Edit" };
        Ok(Saved {
            label: format!("{verb} risk"),
            id: risk.id.clone(),
            change: upsert_risk(plan, risk),
        })
    }
}
