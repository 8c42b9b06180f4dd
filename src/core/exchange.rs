//! Plans passed between partners as files: asking for updates, the partner's
//! side, and finding the version a returned file is based on.
//!
//! - **Asking** ([`select`], [`request_plan`]): the coordinator picks who the
//!   updates are for — a lead, a partner organisation, or some priorities — and
//!   Waymark makes the file: the whole plan, or only their actions and KPIs with
//!   the priorities and outcomes around them, marked with the [content id](content_id)
//!   of the version it was made from and the [`UpdateRequest`]. That version is
//!   kept in the plan library, so the returned file can be merged against it.
//! - **The partner's side** ([`request_words`], [`returned_plan`]): the banner's
//!   words, and the file they send back, on the same base, signed with their name.
//! - **Coming back** ([`relation`], [`complete`]): a file of the same plan is
//!   merged (`core::merge`) against its base when the library holds it; a file
//!   that holds only a part is first completed from the base, so what it does not
//!   hold is never read as deleted.

use super::date::Date;
use super::files::count;
use super::model::{Action, Exchange, Id, Kpi, Outcome, Plan, Priority, UpdateRequest};
use std::collections::HashSet;

/// Who a request for updates is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The actions this lead leads (matched whole, ignoring case and spacing),
    /// and the KPIs they are responsible for.
    Lead(String),
    /// The actions with a lead naming this organisation ("Health" matches
    /// "Designated nurse (Health)"), and the KPIs it is responsible for.
    Organisation(String),
    /// Every action and KPI of these priorities.
    Priorities(Vec<Id>),
}

/// The actions and KPIs a request asks about, in plan order. The KPIs include
/// every KPI the chosen actions are measured by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub action_ids: Vec<Id>,
    pub kpi_ids: Vec<Id>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.action_ids.is_empty() && self.kpi_ids.is_empty()
    }

    /// "7 actions and 3 KPIs", "1 action", "no actions or KPIs".
    pub fn words(&self) -> String {
        counts_words(self.action_ids.len(), self.kpi_ids.len())
    }
}

/// "7 actions and 3 KPIs", "1 action", "2 KPIs", "no actions or KPIs".
pub fn counts_words(actions: usize, kpis: usize) -> String {
    let a = count(actions, "action", "actions");
    let k = count(kpis, "KPI", "KPIs");
    match (actions, kpis) {
        (0, 0) => "no actions or KPIs".to_string(),
        (_, 0) => a,
        (0, _) => k,
        _ => format!("{a} and {k}"),
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The plan's leads (and KPIs' responsible officers), each once, in the order
/// they first appear: the choices of "a lead".
pub fn leads(plan: &Plan) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let names = plan
        .actions()
        .flat_map(|r| r.action.leads.iter())
        .chain(plan.kpis.iter().map(|k| &k.responsible_officer));
    for name in names {
        let name = name.trim();
        if !name.is_empty() && seen.insert(norm(name)) {
            out.push(name.to_string());
        }
    }
    out
}

/// The actions and KPIs a request for `scope` asks about.
pub fn select(plan: &Plan, scope: &Scope) -> Selection {
    let names = |who: &str| -> bool {
        match scope {
            Scope::Lead(name) => !name.trim().is_empty() && norm(who) == norm(name),
            Scope::Organisation(org) => {
                let org = norm(org);
                !org.is_empty() && contains_words(&norm(who), &org)
            }
            Scope::Priorities(_) => false,
        }
    };
    let in_priorities = |id: &Id| matches!(scope, Scope::Priorities(ids) if ids.contains(id));
    let action_ids: Vec<Id> = plan
        .actions()
        .filter(|r| in_priorities(&r.priority.id) || r.action.leads.iter().any(|l| names(l)))
        .map(|r| r.action.id.clone())
        .collect();
    let chosen: HashSet<&Id> = action_ids.iter().collect();
    let measured: HashSet<&Id> = plan
        .actions()
        .filter(|r| chosen.contains(&r.action.id))
        .flat_map(|r| r.action.kpi_ids.iter())
        .collect();
    let kpi_ids = plan
        .kpis
        .iter()
        .filter(|k| {
            measured.contains(&k.id)
                || k.priority_id.as_ref().is_some_and(in_priorities)
                || names(&k.responsible_officer)
        })
        .map(|k| k.id.clone())
        .collect();
    Selection {
        action_ids,
        kpi_ids,
    }
}

/// Whether `words` holds `part` as whole words ("health" in "nhs health trust",
/// not in "healthwatch").
fn contains_words(words: &str, part: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric();
    words.match_indices(part).any(|(i, _)| {
        let before = words[..i].chars().next_back();
        let after = words[i + part.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The content id of a version of a plan: a hash of everything in it but what
/// the file says about itself ([`Exchange`]). Two copies of one version have one
/// id, wherever they were made; any change gives another.
pub fn content_id(plan: &Plan) -> String {
    let mut p = plan.clone();
    p.exchange = None;
    let text = serde_json::to_string(&p).expect("a plan always serialises");
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// The plan to send for a request: the whole plan, or only the request's part
/// (`request.part`), marked with the base version and the request.
pub fn request_plan(plan: &Plan, request: UpdateRequest, sent_by: &str, sent_at: &str) -> Plan {
    let base = content_id(plan);
    let mut out = if request.part {
        part_of(plan, &request.action_ids, &request.kpi_ids)
    } else {
        plan.clone()
    };
    out.exchange = Some(Exchange {
        base,
        request: Some(request),
        sent_by: sent_by.trim().to_string(),
        sent_at: sent_at.to_string(),
    });
    out
}

/// The plan with only these actions and KPIs: their priorities and outcomes
/// (with their own fields, as context), the plan's details, no risk register.
/// A priority or outcome a chosen KPI belongs to is kept even with no chosen
/// action, so the KPI's place reads the same on the other side.
pub fn part_of(plan: &Plan, action_ids: &[Id], kpi_ids: &[Id]) -> Plan {
    let actions: HashSet<&Id> = action_ids.iter().collect();
    let kpis: HashSet<&Id> = kpi_ids.iter().collect();
    let chosen_kpis: Vec<&Kpi> = plan.kpis.iter().filter(|k| kpis.contains(&k.id)).collect();
    let kpi_priorities: HashSet<&Id> = chosen_kpis
        .iter()
        .filter_map(|k| k.priority_id.as_ref())
        .collect();
    let kpi_outcomes: HashSet<&Id> = chosen_kpis
        .iter()
        .filter_map(|k| k.outcome_id.as_ref())
        .collect();
    let keep_actions = |list: &[Action]| -> Vec<Action> {
        list.iter()
            .filter(|a| actions.contains(&a.id))
            .cloned()
            .map(|mut a| {
                a.kpi_ids.retain(|id| kpis.contains(id));
                a
            })
            .collect()
    };
    let priorities = plan
        .priorities
        .iter()
        .filter_map(|p| {
            let outcomes: Vec<Outcome> = p
                .outcomes
                .iter()
                .filter_map(|o| {
                    let acts = keep_actions(&o.actions);
                    (!acts.is_empty() || kpi_outcomes.contains(&o.id)).then(|| Outcome {
                        actions: acts,
                        ..o.clone()
                    })
                })
                .collect();
            let acts = keep_actions(&p.actions);
            (!acts.is_empty() || !outcomes.is_empty() || kpi_priorities.contains(&p.id)).then(
                || Priority {
                    outcomes,
                    actions: acts,
                    ..p.clone()
                },
            )
        })
        .collect();
    Plan {
        priorities,
        kpis: chosen_kpis.into_iter().cloned().collect(),
        risks: Vec::new(),
        ..plan.clone()
    }
}

/// The banner of a plan opened from a request: "Updates asked for by Milton
/// Keynes Council by 15 December 2026: your 7 actions and 3 KPIs". None for a
/// plan that carries no request.
pub fn request_words(plan: &Plan) -> Option<String> {
    let req = plan.exchange.as_ref()?.request.as_ref()?;
    let (actions, kpis) = request_counts(plan, req);
    let from = if req.from.trim().is_empty() {
        "the plan's coordinator".to_string()
    } else {
        req.from.trim().to_string()
    };
    let by = req
        .wanted_by
        .map(|d| format!(" by {}", d.long()))
        .unwrap_or_default();
    Some(format!(
        "Updates asked for by {from}{by}: your {}",
        counts_words(actions, kpis)
    ))
}

/// How many of the request's actions and KPIs the plan holds.
fn request_counts(plan: &Plan, req: &UpdateRequest) -> (usize, usize) {
    let actions: HashSet<&Id> = req.action_ids.iter().collect();
    let kpis: HashSet<&Id> = req.kpi_ids.iter().collect();
    (
        plan.actions()
            .filter(|r| actions.contains(&r.action.id))
            .count(),
        plan.kpis.iter().filter(|k| kpis.contains(&k.id)).count(),
    )
}

/// The ids a plan's request asks about (the partner's "only mine" filter), or
/// None for a plan with no request.
pub fn requested_actions(plan: &Plan) -> Option<HashSet<Id>> {
    let req = plan.exchange.as_ref()?.request.as_ref()?;
    Some(req.action_ids.iter().cloned().collect())
}

/// The file a partner sends back: their plan as it is, on the same base, with
/// the request, signed with their name.
pub fn returned_plan(plan: &Plan, sent_by: &str, sent_at: &str) -> Plan {
    let mut out = plan.clone();
    let ex = out.exchange.get_or_insert_with(Exchange::default);
    ex.sent_by = sent_by.trim().to_string();
    ex.sent_at = sent_at.to_string();
    out
}

/// "waymark-plan-updates-for-health-2026-12-15.json".
pub fn request_file_name(plan_title: &str, for_whom: &str, wanted_by: Option<Date>) -> String {
    let date = wanted_by.map(|d| format!("-{d}")).unwrap_or_default();
    format!(
        "{}-updates-for-{}{date}.json",
        super::files::slug(plan_title),
        super::files::slug(for_whom)
    )
}

/// "waymark-plan-updates-from-health-2026-12-03.json".
pub fn returned_file_name(plan_title: &str, sent_by: &str, today: Date) -> String {
    format!(
        "{}-updates-from-{}-{today}.json",
        super::files::slug(plan_title),
        super::files::slug(sent_by)
    )
}

/// How a file coming in stands to the open plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// Another plan: it can replace the open one or open as a new plan.
    Other,
    /// A version of the open plan (the same plan id): it can also be merged,
    /// against `base` (a content id) when the file names one.
    SamePlan { base: Option<String> },
}

/// How `incoming` stands to the `open` plan.
pub fn relation(open: &Plan, incoming: &Plan) -> Relation {
    if open.id.as_str().is_empty() || open.id != incoming.id {
        return Relation::Other;
    }
    Relation::SamePlan {
        base: incoming
            .exchange
            .as_ref()
            .map(|e| e.base.clone())
            .filter(|b| !b.is_empty()),
    }
}

/// What an imported file offers first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstChoice {
    /// A file coming back: merge it into the open plan.
    Merge,
    /// A request for updates arriving at a partner: open it as a plan of its own,
    /// never over the plan open here.
    OpenAsNew,
    /// Any other file: replace the open plan (after a backup).
    Replace,
}

/// The first choice for a file: merge a version of the open plan whose base
/// this device keeps (a file coming back) — or any version of it that asks
/// nothing; open a request for updates as a new plan; else replace.
pub fn first_choice(relation: &Relation, incoming: &Plan, base_known: bool) -> FirstChoice {
    let asks = incoming
        .exchange
        .as_ref()
        .is_some_and(|e| e.request.is_some());
    match relation {
        Relation::SamePlan { .. } if base_known || !asks => FirstChoice::Merge,
        _ if asks => FirstChoice::OpenAsNew,
        _ => FirstChoice::Replace,
    }
}

/// Who a file is from, for the merge review ("Health", or the file's name when
/// it was not signed).
pub fn sender(incoming: &Plan, file_name: &str) -> String {
    incoming
        .exchange
        .as_ref()
        .map(|e| e.sent_by.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(file_name)
        .to_string()
}

/// A returned file made whole against its base, ready for the merge: for a file
/// that holds only a part of the plan, the base with the part's actions and
/// KPIs in place — an action of the request missing from the file is deleted,
/// one moved is moved, a new one is added where the file has it; everything
/// outside the request is the base's, so it reads as unchanged. A whole-plan
/// file is returned as it is.
pub fn complete(base: &Plan, incoming: &Plan) -> Plan {
    let Some(req) = incoming
        .exchange
        .as_ref()
        .and_then(|e| e.request.as_ref())
        .filter(|r| r.part)
    else {
        return incoming.clone();
    };
    let mut out = base.clone();
    out.exchange = incoming.exchange.clone();
    // What the part speaks for: the request's objects, and anything new in it.
    let base_actions: HashSet<Id> = base.actions().map(|r| r.action.id.clone()).collect();
    let base_kpis: HashSet<&Id> = base.kpis.iter().map(|k| &k.id).collect();
    let mut owned: HashSet<Id> = req.action_ids.iter().cloned().collect();
    owned.extend(
        incoming
            .actions()
            .map(|r| r.action.id.clone())
            .filter(|id| !base_actions.contains(id)),
    );

    // New priorities and outcomes of the part, added empty (their actions follow).
    for p in &incoming.priorities {
        let at = match out.priorities.iter().position(|q| q.id == p.id) {
            Some(i) => i,
            None => {
                out.priorities.push(Priority {
                    outcomes: Vec::new(),
                    actions: Vec::new(),
                    ..p.clone()
                });
                out.priorities.len() - 1
            }
        };
        for o in &p.outcomes {
            let q = &mut out.priorities[at];
            if !q.outcomes.iter().any(|x| x.id == o.id) {
                q.outcomes.push(Outcome {
                    actions: Vec::new(),
                    ..o.clone()
                });
            }
        }
    }

    // Each owned action: replaced where it is when it stays in its list, else
    // taken out and put where the part has it.
    let mut placed: HashSet<Id> = HashSet::new();
    for p in &incoming.priorities {
        place_list(&mut out, &p.id, None, &p.actions, &owned, &mut placed);
        for o in &p.outcomes {
            place_list(
                &mut out,
                &p.id,
                Some(&o.id),
                &o.actions,
                &owned,
                &mut placed,
            );
        }
    }
    // Owned actions the part no longer holds: deleted there.
    for p in &mut out.priorities {
        p.actions
            .retain(|a| !owned.contains(&a.id) || placed.contains(&a.id));
        for o in &mut p.outcomes {
            o.actions
                .retain(|a| !owned.contains(&a.id) || placed.contains(&a.id));
        }
    }

    // KPIs: the request's replaced or deleted, new ones added.
    let asked: HashSet<&Id> = req.kpi_ids.iter().collect();
    let theirs: std::collections::HashMap<&Id, &Kpi> =
        incoming.kpis.iter().map(|k| (&k.id, k)).collect();
    out.kpis
        .retain(|k| !asked.contains(&k.id) || theirs.contains_key(&k.id));
    for k in &mut out.kpis {
        if asked.contains(&k.id) {
            if let Some(t) = theirs.get(&k.id) {
                *k = (*t).clone();
            }
        }
    }
    for k in &incoming.kpis {
        if !base_kpis.contains(&k.id) {
            out.kpis.push(k.clone());
        }
    }
    out
}

/// Puts the owned actions of one list of the part into the same list of `out`:
/// in place when the action is already there, else after the action before it
/// in the part (or first).
fn place_list(
    out: &mut Plan,
    priority: &Id,
    outcome: Option<&Id>,
    actions: &[Action],
    owned: &HashSet<Id>,
    placed: &mut HashSet<Id>,
) {
    let mut previous: Option<&Id> = None;
    for a in actions {
        if owned.contains(&a.id) {
            let in_list =
                list_mut(out, priority, outcome).is_some_and(|l| l.iter().any(|x| x.id == a.id));
            if in_list {
                let list = list_mut(out, priority, outcome).expect("the list is there");
                if let Some(x) = list.iter_mut().find(|x| x.id == a.id) {
                    *x = a.clone();
                }
            } else {
                remove_action(out, &a.id);
                if let Some(list) = list_mut(out, priority, outcome) {
                    let at = previous
                        .and_then(|p| list.iter().position(|x| &x.id == p))
                        .map_or(0, |i| i + 1);
                    list.insert(at, a.clone());
                }
            }
            placed.insert(a.id.clone());
        }
        previous = Some(&a.id);
    }
}

fn list_mut<'a>(
    out: &'a mut Plan,
    priority: &Id,
    outcome: Option<&Id>,
) -> Option<&'a mut Vec<Action>> {
    let p = out.priorities.iter_mut().find(|p| &p.id == priority)?;
    match outcome {
        None => Some(&mut p.actions),
        Some(o) => p
            .outcomes
            .iter_mut()
            .find(|x| &x.id == o)
            .map(|x| &mut x.actions),
    }
}

fn remove_action(out: &mut Plan, id: &Id) {
    for p in &mut out.priorities {
        p.actions.retain(|a| &a.id != id);
        for o in &mut p.outcomes {
            o.actions.retain(|a| &a.id != id);
        }
    }
}

/// The merge review's count: "12 changes from Health; 1 conflict to decide",
/// "No changes from Health: the file holds nothing new".
pub fn merge_words(incoming: usize, conflicts: usize, sender: &str) -> String {
    let sender = sender.trim();
    match (incoming, conflicts) {
        (0, 0) => format!("No changes from {sender}: the file holds nothing the open plan lacks"),
        (n, 0) => format!("{} from {sender}", count(n, "change", "changes")),
        (0, c) => format!("{} to decide", count(c, "conflict", "conflicts")),
        (n, c) => format!(
            "{} from {sender}; {} to decide",
            count(n, "change", "changes"),
            count(c, "conflict", "conflicts")
        ),
    }
}
