//! The priority and outcome forms.
//!
//! Priority fields: "number", "title", "group", "council_priority",
//! "outcome_area", "objectives", "success_criteria". Outcome fields: "number",
//! "title", "council_priority", "outcome_area", "success_criteria".
//!
//! Saving replaces only the fields of the form: the outcomes and actions under a
//! priority, and the actions of an outcome, are taken from the plan as it is at
//! save time, so an action added meanwhile (in another tab) is kept.

use super::{check, gone, lines, merge, FormDraft, Now, Saved};
use crate::core::edit::{find_outcome, upsert_outcome, upsert_priority, IdGen};
use crate::core::model::{Id, Outcome, OutcomeArea, Plan, Priority};
use crate::core::validate::{validate_outcome, validate_priority, Report};

/// The priority form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PriorityDraft {
    /// The priority edited; None for a new one.
    pub id: Option<Id>,
    pub number: String,
    pub title: String,
    pub group: String,
    pub council_priority: String,
    pub outcome_area: Option<OutcomeArea>,
    /// One a line.
    pub objectives: String,
    /// One a line.
    pub success_criteria: String,
}

impl From<&Priority> for PriorityDraft {
    fn from(p: &Priority) -> PriorityDraft {
        PriorityDraft {
            id: Some(p.id.clone()),
            number: p.number.clone(),
            title: p.title.clone(),
            group: p.group.clone(),
            council_priority: p.council_priority.clone(),
            outcome_area: p.outcome_area,
            objectives: p.objectives.join("\n"),
            success_criteria: p.success_criteria.join("\n"),
        }
    }
}

impl PriorityDraft {
    /// A new priority, numbered after the last one.
    pub fn new_for(plan: &Plan) -> PriorityDraft {
        PriorityDraft {
            number: (plan.priorities.len() + 1).to_string(),
            ..PriorityDraft::default()
        }
    }

    /// The draft of the priority with this id, if it is in the plan.
    pub fn of(plan: &Plan, id: &Id) -> Option<PriorityDraft> {
        plan.priority(id).map(PriorityDraft::from)
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    /// The form's heading: "Add a priority" or "Edit priority".
    pub fn heading(&self) -> &'static str {
        if self.is_new() {
            "Add a priority"
        } else {
            "Edit priority"
        }
    }
}

impl FormDraft for PriorityDraft {
    fn into_change(self, plan: &Plan, _now: &Now, ids: &mut IdGen) -> Result<Saved, Report> {
        let current = match &self.id {
            None => Priority {
                id: ids.next_id("p"),
                ..Priority::default()
            },
            Some(id) => plan.priority(id).cloned().ok_or_else(|| gone("priority"))?,
        };
        let p = Priority {
            number: self.number.trim().into(),
            title: self.title.trim().into(),
            group: self.group.trim().into(),
            council_priority: self.council_priority.trim().into(),
            outcome_area: self.outcome_area,
            objectives: lines(&self.objectives),
            success_criteria: lines(&self.success_criteria),
            ..current
        };
        let mut r = Report::default();
        merge(&mut r, validate_priority(&p, plan));
        check(r)?;
        let verb = if self.is_new() { "Add" } else { "Edit" };
        Ok(Saved {
            label: format!("{verb} priority {}", p.number),
            id: p.id.clone(),
            change: upsert_priority(plan, p),
        })
    }
}

/// The outcome form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutcomeDraft {
    /// The outcome edited; None for a new one.
    pub id: Option<Id>,
    /// The priority a new outcome is added to (an existing outcome stays where it is).
    pub priority: Id,
    pub number: String,
    pub title: String,
    pub council_priority: String,
    pub outcome_area: Option<OutcomeArea>,
    /// One a line.
    pub success_criteria: String,
}

impl OutcomeDraft {
    /// The draft of an outcome of the priority with id `priority`.
    pub fn from(priority: &Id, o: &Outcome) -> OutcomeDraft {
        OutcomeDraft {
            id: Some(o.id.clone()),
            priority: priority.clone(),
            number: o.number.clone(),
            title: o.title.clone(),
            council_priority: o.council_priority.clone(),
            outcome_area: o.outcome_area,
            success_criteria: o.success_criteria.join("\n"),
        }
    }

    /// A new outcome of a priority, numbered after its last one ("1" if the
    /// priority is not in the plan).
    pub fn new_for(plan: &Plan, priority: &Id) -> OutcomeDraft {
        OutcomeDraft {
            priority: priority.clone(),
            number: plan
                .priority(priority)
                .map_or(1, |p| p.outcomes.len() + 1)
                .to_string(),
            ..OutcomeDraft::default()
        }
    }

    /// The draft of the outcome with this id, if it is in the plan.
    pub fn of(plan: &Plan, id: &Id) -> Option<OutcomeDraft> {
        let (pi, oi) = find_outcome(plan, id)?;
        let p = &plan.priorities[pi];
        Some(OutcomeDraft::from(&p.id, &p.outcomes[oi]))
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    /// The form's heading: "Add an outcome" or "Edit outcome".
    pub fn heading(&self) -> &'static str {
        if self.is_new() {
            "Add an outcome"
        } else {
            "Edit outcome"
        }
    }
}

impl FormDraft for OutcomeDraft {
    fn into_change(self, plan: &Plan, _now: &Now, ids: &mut IdGen) -> Result<Saved, Report> {
        let current = match &self.id {
            None if plan.priority(&self.priority).is_none() => return Err(gone("priority")),
            None => Outcome {
                id: ids.next_id("o"),
                ..Outcome::default()
            },
            Some(id) => find_outcome(plan, id)
                .map(|(pi, oi)| plan.priorities[pi].outcomes[oi].clone())
                .ok_or_else(|| gone("outcome"))?,
        };
        let o = Outcome {
            number: self.number.trim().into(),
            title: self.title.trim().into(),
            council_priority: self.council_priority.trim().into(),
            outcome_area: self.outcome_area,
            success_criteria: lines(&self.success_criteria),
            ..current
        };
        let mut r = Report::default();
        merge(&mut r, validate_outcome(&o));
        check(r)?;
        let verb = if self.is_new() { "Add" } else { "Edit" };
        Ok(Saved {
            label: format!("{verb} outcome {}", o.number),
            id: o.id.clone(),
            change: upsert_outcome(plan, &self.priority, o),
        })
    }
}
