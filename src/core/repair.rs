//! Repairs a decoded plan so the rest of the app can trust it: every id present and
//! unique, every cross-reference pointing at something that exists, numbers in
//! range, no text of absurd length. Each change is reported in words.

use super::model::{Action, Id, Plan};
use std::collections::HashSet;

/// Longest text field kept whole; longer text is cut.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// One change made to make a plan sound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair(pub String);

impl std::fmt::Display for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

struct Ids {
    seen: HashSet<String>,
    next: u64,
    /// Every id of the plan is present and unique: nothing to claim.
    sound: bool,
}

impl Ids {
    /// Keeps `id` if it is new; otherwise gives it a fresh one and says so.
    fn claim(&mut self, id: &mut Id, what: &str, repairs: &mut Vec<Repair>) {
        if self.sound {
            return;
        }
        if id.0.trim().is_empty() {
            *id = self.fresh(what);
        } else if !self.seen.insert(id.0.clone()) {
            let old = id.0.clone();
            *id = self.fresh(what);
            repairs.push(Repair(format!(
                "Two objects shared the id '{}'; the {what} that came second now has the id '{}'.",
                shorten(&old),
                id.0
            )));
        }
    }
    fn fresh(&mut self, what: &str) -> Id {
        let prefix: String = what
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .take(3)
            .collect();
        loop {
            self.next += 1;
            let candidate = format!("{prefix}-r{}", self.next);
            if self.seen.insert(candidate.clone()) {
                return Id(candidate);
            }
        }
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

fn cut(text: &mut String, place: &str, repairs: &mut Vec<Repair>) {
    // A text of no more bytes than the limit has no more characters either.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        let kept: String = text.chars().take(MAX_TEXT_CHARS).collect();
        *text = kept;
        repairs.push(Repair(format!(
            "{place}: the text was longer than {MAX_TEXT_CHARS} characters and was cut to that length."
        )));
    }
}

/// Makes the plan sound and lists what was changed.
pub fn repair(plan: &mut Plan) -> Vec<Repair> {
    let mut r = Vec::new();
    let mut ids = Ids {
        seen: HashSet::new(),
        next: 0,
        sound: ids_are_sound(plan),
    };
    ids.claim(&mut plan.id, "plan", &mut r);
    cut(&mut plan.title, "Plan title", &mut r);
    cut(&mut plan.organisation, "Organisation", &mut r);
    for p in &mut plan.priorities {
        ids.claim(&mut p.id, "priority", &mut r);
        cut(&mut p.title, &format!("Priority {}", p.number), &mut r);
        for a in &mut p.actions {
            repair_action(a, &mut ids, &mut r);
        }
        for o in &mut p.outcomes {
            ids.claim(&mut o.id, "outcome", &mut r);
            for a in &mut o.actions {
                repair_action(a, &mut ids, &mut r);
            }
        }
    }
    for k in &mut plan.kpis {
        ids.claim(&mut k.id, "kpi", &mut r);
        cut(&mut k.title, &format!("KPI {}", k.code), &mut r);
        cut(&mut k.notes, &format!("KPI {} notes", k.code), &mut r);
        if k.decimals > 6 {
            r.push(Repair(format!(
                "KPI {}: {} decimal places is more than Waymark shows; set to 6.",
                k.code, k.decimals
            )));
            k.decimals = 6;
        }
    }
    for risk in &mut plan.risks {
        ids.claim(&mut risk.id, "risk", &mut r);
        fix_scale(
            &mut risk.likelihood,
            "likelihood",
            &risk.description.clone(),
            &mut r,
        );
        fix_scale(
            &mut risk.impact,
            "impact",
            &risk.description.clone(),
            &mut r,
        );
    }

    // Cross-references.
    let kpi_ids: HashSet<Id> = plan.kpis.iter().map(|k| k.id.clone()).collect();
    let prio_outcomes: Vec<(Id, HashSet<Id>)> = plan
        .priorities
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.outcomes.iter().map(|o| o.id.clone()).collect(),
            )
        })
        .collect();
    for k in &mut plan.kpis {
        if let Some(pid) = &k.priority_id {
            if !prio_outcomes.iter().any(|(id, _)| id == pid) {
                r.push(Repair(format!(
                    "KPI {} pointed at a priority that is not in the plan; it is now not linked to a priority.",
                    k.code
                )));
                k.priority_id = None;
                k.outcome_id = None;
            }
        }
        if let Some(oid) = k.outcome_id.clone() {
            let owner = prio_outcomes.iter().find(|(_, os)| os.contains(&oid));
            match (owner, &k.priority_id) {
                (Some((pid, _)), Some(kp)) if pid == kp => {}
                (Some((pid, _)), None) => k.priority_id = Some(pid.clone()),
                (Some((pid, _)), Some(_)) => {
                    r.push(Repair(format!(
                        "KPI {} named an outcome of another priority; it now sits under that outcome's priority.",
                        k.code
                    )));
                    k.priority_id = Some(pid.clone());
                }
                (None, _) => {
                    r.push(Repair(format!(
                        "KPI {} pointed at an outcome that is not in the plan; the link was removed.",
                        k.code
                    )));
                    k.outcome_id = None;
                }
            }
        }
    }
    for p in &mut plan.priorities {
        let all = p
            .actions
            .iter_mut()
            .chain(p.outcomes.iter_mut().flat_map(|o| o.actions.iter_mut()));
        for a in all {
            let before = a.kpi_ids.len();
            a.kpi_ids.retain(|id| kpi_ids.contains(id));
            if a.kpi_ids.len() > 1 {
                let mut seen = HashSet::new();
                a.kpi_ids.retain(|id| seen.insert(id.clone()));
            }
            if a.kpi_ids.len() != before {
                r.push(Repair(format!(
                    "Action {}: links to KPIs that are not in the plan (or listed twice) were removed.",
                    a.reference
                )));
            }
        }
    }
    r
}

/// Whether every id of the plan is present (not blank) and unique, so that
/// claiming them would change nothing. (The usual case: checked without copying
/// an id; when it fails, the ids are claimed one by one as before.)
fn ids_are_sound(plan: &Plan) -> bool {
    let mut ids: Vec<&str> = vec![plan.id.as_str()];
    for p in &plan.priorities {
        ids.push(p.id.as_str());
        ids.extend(p.outcomes.iter().map(|o| o.id.as_str()));
        let outcome_actions = p.outcomes.iter().flat_map(|o| &o.actions);
        for a in p.actions.iter().chain(outcome_actions) {
            ids.push(a.id.as_str());
            ids.extend(a.milestones.iter().map(|m| m.id.as_str()));
            ids.extend(a.risks.iter().map(|r| r.id.as_str()));
            ids.extend(a.updates.iter().map(|u| u.id.as_str()));
        }
    }
    ids.extend(plan.kpis.iter().map(|k| k.id.as_str()));
    ids.extend(plan.risks.iter().map(|r| r.id.as_str()));
    let mut seen = HashSet::with_capacity(ids.len());
    ids.into_iter()
        .all(|id| !id.trim().is_empty() && seen.insert(id))
}

fn fix_scale(v: &mut Option<u8>, what: &str, desc: &str, r: &mut Vec<Repair>) {
    if let Some(x) = *v {
        if !(1..=5).contains(&x) {
            r.push(Repair(format!(
                "Risk '{}': {what} {x} is outside 1–5 and was cleared.",
                shorten(desc)
            )));
            *v = None;
        }
    }
}

fn repair_action(a: &mut Action, ids: &mut Ids, r: &mut Vec<Repair>) {
    ids.claim(&mut a.id, "action", r);
    let place = format!("Action {}", a.reference);
    for t in [
        &mut a.title,
        &mut a.description,
        &mut a.starting_point,
        &mut a.projected_outcomes,
        &mut a.resources,
        &mut a.timeline,
        &mut a.measures,
    ] {
        cut(t, &place, r);
    }
    for m in &mut a.milestones {
        ids.claim(&mut m.id, "milestone", r);
    }
    for risk in &mut a.risks {
        ids.claim(&mut risk.id, "risk", r);
        fix_scale(
            &mut risk.likelihood,
            "likelihood",
            &risk.description.clone(),
            r,
        );
        fix_scale(&mut risk.impact, "impact", &risk.description.clone(), r);
    }
    for u in &mut a.updates {
        ids.claim(&mut u.id, "update", r);
        cut(&mut u.commentary, &place, r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Milestone, Outcome, Priority, ProgressUpdate, Risk};

    fn plan() -> Plan {
        let action = |id: &str| Action {
            id: Id::new(id),
            milestones: vec![Milestone {
                id: Id::new(format!("{id}-m")),
                ..Milestone::default()
            }],
            risks: vec![Risk {
                id: Id::new(format!("{id}-r")),
                ..Risk::default()
            }],
            updates: vec![ProgressUpdate {
                id: Id::new(format!("{id}-u")),
                ..ProgressUpdate::default()
            }],
            ..Action::default()
        };
        Plan {
            id: Id::new("plan"),
            priorities: vec![Priority {
                id: Id::new("p"),
                actions: vec![action("a1")],
                outcomes: vec![Outcome {
                    id: Id::new("o"),
                    actions: vec![action("a2")],
                    ..Outcome::default()
                }],
                ..Priority::default()
            }],
            kpis: vec![crate::core::model::Kpi {
                id: Id::new("k"),
                ..Default::default()
            }],
            risks: vec![Risk {
                id: Id::new("r"),
                ..Risk::default()
            }],
            ..Plan::default()
        }
    }

    #[test]
    fn sound_ids_are_known_as_such_and_any_fault_is_found() {
        assert!(ids_are_sound(&plan()));
        assert!(repair(&mut plan()).is_empty());
        type Place = fn(&mut Plan) -> &mut Id;
        let places: [Place; 9] = [
            |p| &mut p.id,
            |p| &mut p.priorities[0].id,
            |p| &mut p.priorities[0].outcomes[0].id,
            |p| &mut p.priorities[0].outcomes[0].actions[0].id,
            |p| &mut p.priorities[0].actions[0].milestones[0].id,
            |p| &mut p.priorities[0].outcomes[0].actions[0].risks[0].id,
            |p| &mut p.priorities[0].actions[0].updates[0].id,
            |p| &mut p.kpis[0].id,
            |p| &mut p.risks[0].id,
        ];
        for (i, place) in places.iter().enumerate() {
            for bad in [" ", "a1-u", "r"] {
                let mut p = plan();
                if *place(&mut p) == Id::new(bad) {
                    continue;
                }
                *place(&mut p) = Id::new(bad);
                assert!(!ids_are_sound(&p), "place {i}, id '{bad}'");
                // Claimed one by one, the fault is mended.
                let mut fixed = p.clone();
                repair(&mut fixed);
                assert!(ids_are_sound(&fixed), "place {i}, id '{bad}'");
            }
        }
    }
}
