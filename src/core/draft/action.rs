//! The action form: every field of an action, where it sits (choosing another
//! priority or outcome moves it), its milestones and its risks.
//!
//! Fields and their report names: "placement", "reference", "title",
//! "description", "starting_point", "starting_point_as_of", "timeline", "due",
//! "milestones[i].title", "milestones[i].due", "milestones[i].quarter",
//! "milestones[i].done", "resources", "leads", "monitored_by",
//! "projected_outcomes", "measures", "risks[i].description", "risks[i].mitigation",
//! "review_refs", "government_priority", "status", "stated_rag" (`i` counts the
//! rows on screen from 0).
//!
//! Saving keeps what the form does not show (the progress log, a risk's owner and
//! scores) as the plan has it at save time. A moved action is moved and edited in
//! one undoable step.

use super::{check, gone, lines, merge, next_row, read_date, DateText, FormDraft, Now, Placement};
use super::{RowKey, Saved};
use crate::core::edit::{find_action, move_action, upsert_action, Change, IdGen};
use crate::core::model::{Action, ActionStatus, Id, Milestone, Plan, Quarter, Rag, Risk};
use crate::core::validate::{validate_action, Report};

/// A milestone row as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MilestoneDraft {
    pub row: RowKey,
    /// The milestone's id in the plan; None for a row added in this form.
    pub id: Option<Id>,
    pub title: String,
    pub due: DateText,
    pub quarter: Option<Quarter>,
    pub done: bool,
}

/// A risk row of an action as typed (the form shows its description and mitigation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionRiskDraft {
    pub row: RowKey,
    /// The risk's id in the plan; None for a row added in this form.
    pub id: Option<Id>,
    pub description: String,
    pub mitigation: String,
}

/// The action form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionDraft {
    /// The action edited; None for a new one.
    pub id: Option<Id>,
    /// Where the action was when the form opened (None for a new action).
    pub opened_at: Option<Placement>,
    /// Where the action goes: the priority (or outcome) chosen.
    pub placement: Placement,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub starting_point: String,
    pub starting_point_as_of: DateText,
    pub timeline: String,
    pub due: DateText,
    pub milestones: Vec<MilestoneDraft>,
    pub resources: String,
    /// One a line.
    pub leads: String,
    /// One a line.
    pub monitored_by: String,
    pub projected_outcomes: String,
    pub measures: String,
    pub kpi_ids: Vec<Id>,
    pub risks: Vec<ActionRiskDraft>,
    /// Separated by spaces.
    pub review_refs: String,
    pub government_priority: bool,
    pub status: ActionStatus,
    pub stated_rag: Option<Rag>,
    /// The key the next added row gets.
    next_row: u32,
}

impl ActionDraft {
    /// The draft of an action sitting at `placement`.
    pub fn from(a: &Action, placement: Placement) -> ActionDraft {
        let mut next = 0;
        let milestones = a
            .milestones
            .iter()
            .map(|m| MilestoneDraft {
                row: next_row(&mut next),
                id: Some(m.id.clone()),
                title: m.title.clone(),
                due: DateText::of(m.due),
                quarter: m.quarter,
                done: m.done,
            })
            .collect();
        let risks = a
            .risks
            .iter()
            .map(|r| ActionRiskDraft {
                row: next_row(&mut next),
                id: Some(r.id.clone()),
                description: r.description.clone(),
                mitigation: r.mitigation.clone(),
            })
            .collect();
        ActionDraft {
            id: Some(a.id.clone()),
            opened_at: Some(placement.clone()),
            placement,
            reference: a.reference.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            starting_point: a.starting_point.clone(),
            starting_point_as_of: DateText::of(a.starting_point_as_of),
            timeline: a.timeline.clone(),
            due: DateText::of(a.due),
            milestones,
            resources: a.resources.clone(),
            leads: a.leads.join("\n"),
            monitored_by: a.monitored_by.join("\n"),
            projected_outcomes: a.projected_outcomes.clone(),
            measures: a.measures.clone(),
            kpi_ids: a.kpi_ids.clone(),
            risks,
            review_refs: a.review_refs.join(" "),
            government_priority: a.government_priority,
            status: a.status,
            stated_rag: a.stated_rag,
            next_row: next,
        }
    }

    /// The draft of the action with this id, if it is in the plan.
    pub fn of(plan: &Plan, id: &Id) -> Option<ActionDraft> {
        let place = find_action(plan, id)?;
        let a = crate::core::edit::action_at(plan, &place)?;
        Some(ActionDraft::from(a, Placement::of_action(plan, id)?))
    }

    /// A new action (not started) for a priority, or one of its outcomes; with no
    /// priority given, the plan's first.
    pub fn new_for(plan: &Plan, priority: Option<&Id>, outcome: Option<&Id>) -> ActionDraft {
        let priority = priority
            .cloned()
            .or_else(|| plan.priorities.first().map(|p| p.id.clone()))
            .unwrap_or_default();
        ActionDraft {
            placement: Placement {
                priority,
                outcome: outcome.cloned(),
            },
            status: ActionStatus::NotStarted,
            ..ActionDraft::default()
        }
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    /// Adds an empty milestone row at the end; returns its key.
    pub fn add_milestone(&mut self) -> RowKey {
        let row = next_row(&mut self.next_row);
        self.milestones.push(MilestoneDraft {
            row,
            ..MilestoneDraft::default()
        });
        row
    }

    /// Removes a milestone row.
    pub fn remove_milestone(&mut self, row: RowKey) {
        self.milestones.retain(|m| m.row != row);
    }

    /// Adds an empty risk row at the end; returns its key.
    pub fn add_risk(&mut self) -> RowKey {
        let row = next_row(&mut self.next_row);
        self.risks.push(ActionRiskDraft {
            row,
            ..ActionRiskDraft::default()
        });
        row
    }

    /// Removes a risk row.
    pub fn remove_risk(&mut self, row: RowKey) {
        self.risks.retain(|r| r.row != row);
    }

    pub fn milestone_mut(&mut self, row: RowKey) -> Option<&mut MilestoneDraft> {
        self.milestones.iter_mut().find(|m| m.row == row)
    }

    pub fn risk_mut(&mut self, row: RowKey) -> Option<&mut ActionRiskDraft> {
        self.risks.iter_mut().find(|r| r.row == row)
    }

    /// The action as the form would save it, over `current` (the action as the
    /// plan has it now, or a new one), with the dates read into `r`.
    fn build(&self, current: Action, r: &mut Report, ids: &mut IdGen) -> Action {
        let due = read_date(r, "due", &self.due, "due date", false);
        let starting_point_as_of = read_date(
            r,
            "starting_point_as_of",
            &self.starting_point_as_of,
            "starting point date",
            false,
        );
        // A row keeps its id only if the action has it now; any other row (added in
        // this form, or one whose milestone left the action meanwhile) gets a new id.
        let milestones = self
            .milestones
            .iter()
            .enumerate()
            .map(|(i, m)| Milestone {
                id: kept_or_new(&m.id, current.milestones.iter().map(|x| &x.id), ids, "m"),
                title: m.title.trim().into(),
                due: read_date(
                    r,
                    &format!("milestones[{i}].due"),
                    &m.due,
                    "milestone due date",
                    false,
                ),
                quarter: m.quarter,
                done: m.done,
            })
            .collect();
        // A risk row left empty is dropped; a risk keeps its owner and scores.
        let risks = self
            .risks
            .iter()
            .filter(|x| !x.description.trim().is_empty() || !x.mitigation.trim().is_empty())
            .map(|x| {
                let old =
                    x.id.as_ref()
                        .and_then(|id| current.risks.iter().find(|o| &o.id == id))
                        .cloned();
                let id = match &old {
                    Some(o) => o.id.clone(),
                    None => ids.next_id("r"),
                };
                Risk {
                    id,
                    description: x.description.trim().into(),
                    mitigation: x.mitigation.trim().into(),
                    ..old.unwrap_or_default()
                }
            })
            .collect();
        Action {
            reference: self.reference.trim().into(),
            title: self.title.trim().into(),
            description: self.description.trim().into(),
            starting_point: self.starting_point.trim().into(),
            starting_point_as_of,
            timeline: self.timeline.trim().into(),
            due,
            milestones,
            resources: self.resources.trim().into(),
            leads: lines(&self.leads),
            monitored_by: lines(&self.monitored_by),
            projected_outcomes: self.projected_outcomes.trim().into(),
            measures: self.measures.trim().into(),
            kpi_ids: self.kpi_ids.clone(),
            risks,
            review_refs: self
                .review_refs
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            government_priority: self.government_priority,
            status: self.status,
            stated_rag: self.stated_rag,
            ..current
        }
    }
}

/// The row's id when the object has it now, else a new one.
fn kept_or_new<'a>(
    id: &Option<Id>,
    mut now: impl Iterator<Item = &'a Id>,
    ids: &mut IdGen,
    prefix: &str,
) -> Id {
    match id {
        Some(id) if now.any(|x| x == id) => id.clone(),
        _ => ids.next_id(prefix),
    }
}

/// The number of actions in the list at a placement, if the placement is in the plan.
fn list_len(plan: &Plan, at: &Placement) -> Option<usize> {
    let p = plan.priority(&at.priority)?;
    match &at.outcome {
        None => Some(p.actions.len()),
        Some(o) => p
            .outcomes
            .iter()
            .find(|x| &x.id == o)
            .map(|x| x.actions.len()),
    }
}

impl FormDraft for ActionDraft {
    /// Checked in this order: the due date, the starting-point date, each
    /// milestone's due date, then [`validate_action`] (reference, title, milestone
    /// titles; warnings for dates outside the plan period).
    ///
    /// A new action goes at the end of the chosen list. An existing action whose
    /// placement was changed in the form (and is not where it now is) is moved to
    /// the end of the chosen list and edited there, as one [`Change::Batch`]; an
    /// action whose placement was left alone is edited where it is now, even if
    /// another tab moved it meanwhile.
    fn into_change(self, plan: &Plan, _now: &Now, ids: &mut IdGen) -> Result<Saved, Report> {
        let current = match &self.id {
            None => Action {
                id: ids.next_id("a"),
                ..Action::default()
            },
            Some(id) => find_action(plan, id)
                .and_then(|place| crate::core::edit::action_at(plan, &place))
                .cloned()
                .ok_or_else(|| gone("action"))?,
        };
        let mut r = Report::default();
        let a = self.build(current, &mut r, ids);
        merge(&mut r, validate_action(&a, plan));
        check(r)?;
        let to = &self.placement;
        let verb = if self.is_new() { "Add" } else { "Edit" };
        let label = format!("{verb} action {}", a.reference);
        let id = a.id.clone();
        let now_at = Placement::of_action(plan, &a.id);
        let moved = self.opened_at.as_ref().is_some_and(|o| o != to) && now_at.as_ref() != Some(to);
        let change = if self.is_new() {
            let c = upsert_action(plan, &to.priority, to.outcome.as_ref(), a);
            Some(c.ok_or_else(|| gone("priority or outcome"))?)
        } else if moved {
            let end = list_len(plan, to).ok_or_else(|| gone("priority or outcome"))?;
            let mv = move_action(plan, &a.id, &to.priority, to.outcome.as_ref(), end)
                .ok_or_else(|| gone("priority or outcome"))?;
            let mut there = plan.clone();
            mv.apply(&mut there);
            let mut steps = vec![mv];
            steps.extend(upsert_action(&there, &to.priority, to.outcome.as_ref(), a));
            Some(Change::Batch(steps))
        } else {
            upsert_action(plan, &to.priority, to.outcome.as_ref(), a)
        };
        Ok(Saved { change, label, id })
    }
}
