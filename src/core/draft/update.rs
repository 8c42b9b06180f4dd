//! The progress-update form, and deleting an entry of the progress log.
//!
//! Fields and their report names: "date", "rag", "reason", "commentary", "author".
//!
//! The log is never rewritten: a new update is added at the end, an edited entry
//! is replaced where it is and marked `edited_at`, and a deleted entry stays in the
//! log with `deleted_at` (it no longer counts). A deleted entry cannot be edited.

use super::{check, gone, merge, read_date, DateText, FormDraft, Now, Saved};
use crate::core::date::Date;
use crate::core::edit::{find_action, upsert_action, Change, IdGen};
use crate::core::model::{Action, Id, Plan, ProgressUpdate, Rag};
use crate::core::validate::{validate_update, Report};

/// The progress-update form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateDraft {
    /// The action whose log this entry is in.
    pub action: Id,
    /// The entry edited; None for a new one.
    pub id: Option<Id>,
    pub date: DateText,
    pub author: String,
    pub rag: Rag,
    pub reason: String,
    pub commentary: String,
}

impl UpdateDraft {
    /// The draft of an entry of the log of the action with id `action`.
    pub fn from(action: &Id, u: &ProgressUpdate) -> UpdateDraft {
        UpdateDraft {
            action: action.clone(),
            id: Some(u.id.clone()),
            date: DateText::of(u.date),
            author: u.author.clone(),
            rag: u.rag,
            reason: u.reason.clone(),
            commentary: u.commentary.clone(),
        }
    }

    /// A new update for an action, dated today, with the action's current RAG and
    /// by `author` (the name given on this device); None when the action is not in
    /// the plan.
    pub fn new_for(plan: &Plan, action: &Id, today: Date, author: &str) -> Option<UpdateDraft> {
        let a = action_of(plan, action)?;
        Some(UpdateDraft {
            action: action.clone(),
            date: DateText::of(Some(today)),
            rag: a.current_rag(),
            author: author.trim().to_string(),
            ..UpdateDraft::default()
        })
    }

    /// The draft of an entry of an action's log, if both are in the plan.
    pub fn of(plan: &Plan, action: &Id, id: &Id) -> Option<UpdateDraft> {
        let u = action_of(plan, action)?
            .updates
            .iter()
            .find(|u| &u.id == id)?;
        Some(UpdateDraft::from(action, u))
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }
}

fn action_of<'a>(plan: &'a Plan, id: &Id) -> Option<&'a Action> {
    crate::core::edit::action_at(plan, &find_action(plan, id)?)
}

/// The change that puts `a` (an action of the plan, changed) back in the plan.
fn replace_action(plan: &Plan, a: Action) -> Option<Change> {
    let place = find_action(plan, &a.id)?;
    let p = &plan.priorities[place.priority];
    let outcome = place.outcome.map(|oi| &p.outcomes[oi].id);
    upsert_action(plan, &p.id, outcome, a)
}

impl FormDraft for UpdateDraft {
    /// Checked in this order: the date (required), then [`validate_update`]
    /// (commentary; the reason for a red or amber rating; warnings for a date after
    /// today or outside the plan period).
    ///
    /// An unedited entry gives no change (and is not marked edited).
    fn into_change(self, plan: &Plan, now: &Now, ids: &mut IdGen) -> Result<Saved, Report> {
        let mut r = Report::default();
        let date = read_date(&mut r, "date", &self.date, "date", true);
        let typed = ProgressUpdate {
            date,
            author: self.author.trim().into(),
            rag: self.rag,
            reason: self.reason.trim().into(),
            commentary: self.commentary.trim().into(),
            ..ProgressUpdate::default()
        };
        merge(&mut r, validate_update(&typed, plan, now.today));
        check(r)?;
        let mut a = action_of(plan, &self.action)
            .cloned()
            .ok_or_else(|| gone("action"))?;
        let reference = a.reference.clone();
        let label = match &self.id {
            None => {
                a.updates.push(ProgressUpdate {
                    id: ids.next_id("u"),
                    ..typed
                });
                format!("Add progress update to {reference}")
            }
            Some(id) => {
                let slot = a
                    .updates
                    .iter_mut()
                    .find(|u| &u.id == id && u.deleted_at.is_none())
                    .ok_or_else(|| gone("progress entry"))?;
                // The entry found is not deleted, and `typed` has no marks: only
                // the id and the last edit's mark are the entry's own.
                let edited = ProgressUpdate {
                    id: slot.id.clone(),
                    edited_at: slot.edited_at.clone(),
                    ..typed
                };
                let label = format!("Edit progress entry of {reference}");
                if edited == *slot {
                    return Ok(Saved {
                        change: None,
                        label,
                        id: a.id,
                    });
                }
                *slot = ProgressUpdate {
                    edited_at: Some(now.time.clone()),
                    ..edited
                };
                label
            }
        };
        Ok(Saved {
            label,
            id: a.id.clone(),
            change: replace_action(plan, a),
        })
    }
}

/// Deletes an entry of an action's log: the entry stays, marked `deleted_at` (the
/// time given), and no longer counts. None when the action or the entry is not in
/// the plan, or the entry is deleted already (its first deletion time is kept).
/// The saved id is the action's.
pub fn delete_update(plan: &Plan, action: &Id, update: &Id, now: &Now) -> Option<Saved> {
    let mut a = action_of(plan, action)?.clone();
    let u = a
        .updates
        .iter_mut()
        .find(|u| &u.id == update && u.deleted_at.is_none())?;
    u.deleted_at = Some(now.time.clone());
    let label = format!("Deleted a progress entry of action {}", a.reference);
    let id = a.id.clone();
    Some(Saved {
        change: Some(replace_action(plan, a)?),
        label,
        id,
    })
}
