//! Merging a returned file into the open plan: three-way on ids (the version both
//! come from, ours, theirs), field by field, with every incoming change in the
//! words of [`super::compare`] and every conflict given as its two choices.
//!
//! The rules:
//! - a field changed on one side only is taken; changed on both sides to the same
//!   value, taken; changed on both sides differently, a [`Conflict`];
//! - objects are matched by id. One added on either side is kept where it was put
//!   (after the object before it on that side); one deleted on one side and
//!   changed on the other is a conflict (keep or delete); one deleted on one side
//!   and untouched on the other is deleted. A priority or outcome counts as
//!   changed when anything under it changed, and what was under a deleted priority
//!   or outcome goes with it (or stays, if the deletion is left out or lost), but
//!   for what the other side moved out of it;
//! - an action's or outcome's place is a field: moved on one side, moved; moved
//!   on both to different places, a conflict;
//! - progress updates are never dropped: an update missing from one side is
//!   taken as unchanged there, new ones from both sides are kept, and an update
//!   changed on both sides differently is one conflict (the whole update);
//! - KPI values merge per period (matched by label) and per value;
//! - lists keep ours' order, unless only theirs reordered them; the other side's
//!   additions follow the object before them there;
//! - what is left pointing at nothing (a KPI's priority deleted, an action's KPI
//!   deleted) is unlinked.
//!
//! With no common version ([`merge_two_way`]), every difference is a choice.
//!
//! [`merge`] gives the merged plan with every conflict resolved "ours", the
//! incoming changes in words (what the merge changes in the open plan, each with
//! the [`Key`] that leaves it out) and the conflicts. [`apply`] makes the plan
//! the person chose: every conflict must have a pick. The caller applies the
//! result as one undoable step ([`change`]).

use super::compare::{
    self, action_who, kpi_who, outcome_name, period_keys, period_label, place_text, priority_name,
    quote, rag_meaning, rag_meaning_name, target_text, update_name, value_text, Field, Key, Object,
    COVER_SHEET_FIELDS, KPI_FIELDS, MILESTONE_FIELDS, OUTCOME_FIELDS, PLAN_FIELDS,
    PLAN_FIELDS_AFTER, PRIORITY_FIELDS, RISK_FIELDS, SLOTS, TARGET, UPDATE_DELETED, UPDATE_FIELDS,
};
use super::compare::{ACTION_FIELDS, ACTION_FIELDS_AFTER, ACTION_FIELDS_MID};
use super::edit::{Change, PlanDetails};
use super::model::{
    Action, GlossaryEntry, Id, Kpi, Milestone, Outcome, PeriodValues, Plan, Priority,
    ProgressUpdate, Rag, RagDefinition, Risk,
};
use super::rollup::truncate;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// One side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The open plan.
    Ours,
    /// The file coming in.
    Theirs,
}

/// A field (or an object's presence, or its place) both sides changed
/// differently, with the two choices in words.
///
/// The screen shows it as "{object}: {field} — You: {ours} · {name}: {theirs}".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub key: Key,
    /// The object, as the comparison names it ("Action 1.2", "NI 72 2009/10").
    pub object: String,
    /// The field ("leads"), "place", or blank for the object as a whole (kept or
    /// deleted; a progress update).
    pub field: String,
    /// Our value in words ("Amber, 'roll-out delayed'", "Deleted").
    pub ours: String,
    /// Their value in words.
    pub theirs: String,
}

/// One change the merge makes to the open plan, in the comparison's words. Most
/// are one line; a list changed on their side (objectives) is a line per item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Leaves the change out when put in [`Decisions::left_out`].
    pub key: Key,
    /// The comparison's section ("Actions", "KPI values").
    pub section: &'static str,
    pub lines: Vec<String>,
}

impl Incoming {
    /// The change in one line ("…; …" when it has several).
    pub fn text(&self) -> String {
        self.lines.join("; ")
    }
}

/// The merge of a file into the open plan, before anybody chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// No common version was known: every difference is a conflict.
    pub two_way: bool,
    /// The merged plan, with every incoming change taken and every conflict
    /// resolved "ours".
    pub plan: Plan,
    /// What the merge changes in the open plan (conflicts apart), in plan order.
    pub incoming: Vec<Incoming>,
    /// What needs a choice, in plan order.
    pub conflicts: Vec<Conflict>,
}

/// What the person chose: incoming changes left out, and a side for every conflict.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decisions {
    pub left_out: HashSet<Key>,
    pub picks: HashMap<Key, Side>,
}

impl Decisions {
    /// Every conflict of the merge picked one way.
    pub fn all(merge: &Merge, side: Side) -> Decisions {
        Decisions {
            left_out: HashSet::new(),
            picks: merge
                .conflicts
                .iter()
                .map(|c| (c.key.clone(), side))
                .collect(),
        }
    }
}

/// Why a merge cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// Conflicts with no pick: nothing is chosen silently.
    #[error("{} conflicts are not decided", .0.len())]
    Undecided(Vec<Key>),
}

/// Merges `theirs` into `ours`, both changed from `base`.
pub fn merge(base: &Plan, ours: &Plan, theirs: &Plan) -> Merge {
    preview(Some(base), ours, theirs)
}

/// Merges `theirs` into `ours` with no common version: every difference is a
/// conflict, and the merged plan is ours until something is picked.
pub fn merge_two_way(ours: &Plan, theirs: &Plan) -> Merge {
    preview(None, ours, theirs)
}

/// The plan the person chose: the merge with `decisions` (incoming changes left
/// out take ours; each conflict takes its pick). An error names every conflict
/// with no pick.
pub fn apply(
    base: Option<&Plan>,
    ours: &Plan,
    theirs: &Plan,
    decisions: &Decisions,
) -> Result<Plan, MergeError> {
    let mut m = Merger::new(base.is_none(), Some(decisions), ours, theirs);
    let plan = m.plan(base, ours, theirs);
    if m.undecided.is_empty() {
        Ok(plan)
    } else {
        Err(MergeError::Undecided(m.undecided))
    }
}

/// The one undoable step that puts a merged plan in place of the open one.
pub fn change(ours: &Plan, merged: Plan) -> Change {
    Change::Whole {
        before: Box::new(ours.clone()),
        after: Box::new(merged),
    }
}

fn preview(base: Option<&Plan>, ours: &Plan, theirs: &Plan) -> Merge {
    let mut m = Merger::new(base.is_none(), None, ours, theirs);
    let plan = m.plan(base, ours, theirs);
    let mut incoming: Vec<Incoming> = Vec::new();
    let mut at: HashMap<Key, usize> = HashMap::new();
    for line in compare::compare_lines(ours, &plan) {
        // Only what was taken from theirs: not what follows from it (an action's
        // RAG after a new update, a KPI unlinked from a deleted priority).
        let Some(key) = line.key.filter(|k| m.taken.contains(k)) else {
            continue;
        };
        match at.get(&key) {
            Some(&i) => incoming[i].lines.push(line.text),
            None => {
                at.insert(key.clone(), incoming.len());
                incoming.push(Incoming {
                    key,
                    section: line.section,
                    lines: vec![line.text],
                });
            }
        }
    }
    Merge {
        two_way: base.is_none(),
        plan,
        incoming,
        conflicts: m.conflicts,
    }
}

// ------------------------------------------------------------------- deciding

/// The two sides' words for a conflict: (object, field, ours, theirs).
type Words = (String, String, String, String);

struct Merger<'a> {
    two_way: bool,
    /// None while previewing: take every incoming change, resolve conflicts ours.
    decisions: Option<&'a Decisions>,
    conflicts: Vec<Conflict>,
    undecided: Vec<Key>,
    /// The changes taken from theirs (each can be left out).
    taken: HashSet<Key>,
    /// The KPIs of each side.
    our_kpis: HashSet<&'a Id>,
    their_kpis: HashSet<&'a Id>,
    ours: &'a Plan,
    theirs: &'a Plan,
}

impl<'a> Merger<'a> {
    fn new(
        two_way: bool,
        decisions: Option<&'a Decisions>,
        ours: &'a Plan,
        theirs: &'a Plan,
    ) -> Merger<'a> {
        Merger {
            two_way,
            decisions,
            conflicts: Vec::new(),
            undecided: Vec::new(),
            taken: HashSet::new(),
            our_kpis: ours.kpis.iter().map(|k| &k.id).collect(),
            their_kpis: theirs.kpis.iter().map(|k| &k.id).collect(),
            ours,
            theirs,
        }
    }

    /// Which side a point of the merge takes, the two sides being different.
    /// `o_changed` / `t_changed`: whether each side changed it from the base.
    fn choose(
        &mut self,
        key: impl FnOnce() -> Key,
        o_changed: bool,
        t_changed: bool,
        words: impl FnOnce() -> Words,
    ) -> Side {
        let (oc, tc) = if self.two_way {
            (true, true)
        } else {
            (o_changed, t_changed)
        };
        if !tc {
            return Side::Ours;
        }
        if !oc {
            let key = key();
            if self.decisions.is_some_and(|d| d.left_out.contains(&key)) {
                return Side::Ours;
            }
            self.taken.insert(key);
            return Side::Theirs;
        }
        let key = key();
        match self.decisions {
            None => {
                let (object, field, ours, theirs) = words();
                self.conflicts.push(Conflict {
                    key,
                    object,
                    field,
                    ours,
                    theirs,
                });
                Side::Ours
            }
            Some(d) => match d.picks.get(&key) {
                Some(side) => *side,
                None => {
                    self.undecided.push(key);
                    Side::Ours
                }
            },
        }
    }

    /// Merges the fields of `fields` into `out` (which starts as ours).
    fn fields<T>(
        &mut self,
        object: &Object,
        who: &str,
        fields: &[Field<T>],
        (b, o, t): (Option<&T>, &T, &T),
        out: &mut T,
    ) {
        for f in fields {
            if (f.same)(o, t) {
                continue;
            }
            let oc = b.is_none_or(|b| !(f.same)(b, o));
            let tc = b.is_none_or(|b| !(f.same)(b, t));
            let (ours, theirs) = (self.ours, self.theirs);
            let side = self.choose(
                || Key::field(object.clone(), f.name),
                oc,
                tc,
                || {
                    (
                        who.to_string(),
                        f.name.to_string(),
                        f.value_text(o, ours),
                        f.value_text(t, theirs),
                    )
                },
            );
            if side == Side::Theirs {
                (f.take)(out, t);
            }
        }
    }

    /// Whether an object is kept, when one side lacks it (`o` or `t` None).
    fn presence<T: PartialEq>(
        &mut self,
        key: impl FnOnce() -> Key,
        who: impl FnOnce() -> String,
        (b, o, t): (Option<&T>, Option<&T>, Option<&T>),
    ) -> Side {
        let changed = |x: Option<&T>| match (b, x) {
            (None, None) => false,
            (Some(b), Some(x)) => b != x,
            _ => true,
        };
        let two_way = self.two_way;
        let has = |x: Option<&T>| match (x.is_some(), two_way) {
            (true, true) => "Has it".to_string(),
            (false, true) => "Does not have it".to_string(),
            // (Added on one side only is never a conflict.)
            (true, false) => "Kept, with changes".to_string(),
            (false, false) => "Deleted".to_string(),
        };
        self.choose(key, changed(o), changed(t), || {
            (who(), String::new(), has(o), has(t))
        })
    }

    // --------------------------------------------------------------- the plan

    fn plan(&mut self, base: Option<&Plan>, ours: &Plan, theirs: &Plan) -> Plan {
        let mut out = Plan {
            id: ours.id.clone(),
            ..Plan::default()
        };
        PlanDetails::of(ours).apply_to(&mut out);
        let who = "Plan";
        self.fields(
            &Object::Plan,
            who,
            PLAN_FIELDS,
            (base, ours, theirs),
            &mut out,
        );
        self.fields(
            &Object::Plan,
            who,
            PLAN_FIELDS_AFTER,
            (base, ours, theirs),
            &mut out,
        );
        self.fields(
            &Object::CoverSheet,
            "Plan: cover sheet",
            COVER_SHEET_FIELDS,
            (
                base.map(|b| &b.cover_sheet),
                &ours.cover_sheet,
                &theirs.cover_sheet,
            ),
            &mut out.cover_sheet,
        );
        out.glossary = self.glossary(base, ours, theirs);
        out.rag_definitions = self.rag_definitions(base, ours, theirs);
        out.risks = self.risks(
            None,
            "Plan",
            (base.map(|b| b.risks.as_slice()), &ours.risks, &theirs.risks),
        );
        out.priorities = self.tree(base, ours, theirs);
        out.kpis = self.kpis(base, ours, theirs);
        tidy(&mut out);
        super::stamp::carry(ours, theirs, &mut out);
        out
    }

    fn glossary(&mut self, base: Option<&Plan>, ours: &Plan, theirs: &Plan) -> Vec<GlossaryEntry> {
        self.keyed(
            (
                base.map(|b| b.glossary.as_slice()),
                &ours.glossary,
                &theirs.glossary,
            ),
            |g| g.term.clone(),
            |term| Object::Glossary(term.clone()),
            |g| format!("Plan: glossary entry {}", g.term.trim()),
            false,
            |m, (b, o, t)| {
                let mut out = o.clone();
                if o.meaning != t.meaning {
                    let object = Object::Glossary(o.term.clone());
                    let oc = b.is_none_or(|b| b.meaning != o.meaning);
                    let tc = b.is_none_or(|b| b.meaning != t.meaning);
                    let side = m.choose(
                        || Key::field(object, "meaning"),
                        oc,
                        tc,
                        || {
                            (
                                format!("Plan: glossary entry {}", o.term.trim()),
                                "meaning".into(),
                                quote(&o.meaning),
                                quote(&t.meaning),
                            )
                        },
                    );
                    if side == Side::Theirs {
                        out.meaning = t.meaning.clone();
                    }
                }
                out
            },
        )
    }

    fn rag_definitions(
        &mut self,
        base: Option<&Plan>,
        ours: &Plan,
        theirs: &Plan,
    ) -> Vec<RagDefinition> {
        let mut meanings: Vec<(Rag, String)> = Vec::new();
        for rag in Rag::ALL {
            let (o, t) = (rag_meaning(ours, rag), rag_meaning(theirs, rag));
            let mut m = o;
            if o != t {
                let b = base.map(|b| rag_meaning(b, rag));
                let name = rag_meaning_name(rag);
                let side = self.choose(
                    || Key::field(Object::Plan, name),
                    b.is_none_or(|b| b != o),
                    b.is_none_or(|b| b != t),
                    || ("Plan".into(), name.into(), quote(o), quote(t)),
                );
                if side == Side::Theirs {
                    m = t;
                }
            }
            meanings.push((rag, m.to_string()));
        }
        let same_as = |p: &Plan| meanings.iter().all(|(r, m)| rag_meaning(p, *r) == m);
        if same_as(ours) {
            return ours.rag_definitions.clone();
        }
        if same_as(theirs) {
            return theirs.rag_definitions.clone();
        }
        // Ours' order, then theirs', then the rest; blank meanings dropped.
        let mut order: Vec<Rag> = Vec::new();
        for d in ours.rag_definitions.iter().chain(&theirs.rag_definitions) {
            if !order.contains(&d.rag) {
                order.push(d.rag);
            }
        }
        order
            .into_iter()
            .filter_map(|rag| {
                let (_, m) = meanings.iter().find(|(r, _)| *r == rag)?;
                (!m.is_empty()).then(|| RagDefinition {
                    rag,
                    meaning: m.clone(),
                })
            })
            .collect()
    }

    fn risks(&mut self, action: Option<&Id>, who: &str, lists: Lists<'_, Risk>) -> Vec<Risk> {
        self.keyed(
            lists,
            |r| r.id.clone(),
            |id| compare::risk_object(action, id),
            |r| format!("{who}: risk '{}'", truncate(&r.description, 60)),
            false,
            |m, (b, o, t)| {
                let mut out = o.clone();
                let w = format!("{who}: risk '{}'", truncate(&o.description, 60));
                let object = compare::risk_object(action, &o.id);
                m.fields(&object, &w, RISK_FIELDS, (b, o, t), &mut out);
                out
            },
        )
    }

    /// Merges a list of objects matched by `key`: presence, then `item` for those
    /// on both sides (`never_drop`: one missing on a side is unchanged there),
    /// then the order.
    #[allow(clippy::too_many_arguments)]
    fn keyed<T: Clone + PartialEq, K: Eq + Hash + Clone>(
        &mut self,
        (b, o, t): Lists<'_, T>,
        key: impl Fn(&T) -> K,
        object: impl Fn(&K) -> Object,
        who: impl Fn(&T) -> String,
        never_drop: bool,
        mut item: impl FnMut(&mut Self, (Option<&T>, &T, &T)) -> T,
    ) -> Vec<T> {
        if o == t {
            return o.to_vec();
        }
        if b == Some(t) {
            return o.to_vec();
        }
        let keys = |l: &[T]| l.iter().map(&key).collect::<Vec<K>>();
        let (bk, ok, tk) = (b.map(keys).unwrap_or_default(), keys(o), keys(t));
        let (bm, om, tm) = (first_at(&bk), first_at(&ok), first_at(&tk));
        let mut merged: HashMap<K, T> = HashMap::new();
        for k in ok.iter().chain(&tk) {
            if merged.contains_key(k) {
                continue;
            }
            let bx = b.and_then(|b| bm.get(k).map(|&i| &b[i]));
            let mut ox = om.get(k).map(|&i| &o[i]);
            let mut tx = tm.get(k).map(|&i| &t[i]);
            if never_drop && bx.is_some() {
                ox = ox.or(bx);
                tx = tx.or(bx);
            }
            let kept = match (ox, tx) {
                (Some(ox), Some(tx)) => Some(if ox == tx {
                    ox.clone()
                } else {
                    item(self, (bx, ox, tx))
                }),
                _ => {
                    let present = ox.or(tx).map(&who).unwrap_or_default();
                    match self.presence(|| Key::presence(object(k)), || present, (bx, ox, tx)) {
                        Side::Ours => ox.cloned(),
                        Side::Theirs => tx.cloned(),
                    }
                }
            };
            if let Some(x) = kept {
                merged.insert(k.clone(), x);
            }
        }
        let members: HashSet<K> = merged.keys().cloned().collect();
        order(&members, &bk, &ok, &tk, self.two_way)
            .into_iter()
            .filter_map(|k| merged.remove(&k))
            .collect()
    }

    // ------------------------------------------------------------------- KPIs

    fn kpis(&mut self, base: Option<&Plan>, ours: &Plan, theirs: &Plan) -> Vec<Kpi> {
        let (o, t) = match base {
            Some(b) => (links_as_based(b, ours), links_as_based(b, theirs)),
            None => (None, None),
        };
        let o = o.as_deref().unwrap_or(&ours.kpis);
        let t = t.as_deref().unwrap_or(&theirs.kpis);
        self.keyed(
            (base.map(|b| b.kpis.as_slice()), o, t),
            |k| k.id.clone(),
            |id| Object::Kpi(id.clone()),
            kpi_who,
            false,
            |m, (b, o, t)| {
                let mut out = o.clone();
                let object = Object::Kpi(o.id.clone());
                let who = kpi_who(o);
                m.fields(&object, &who, KPI_FIELDS, (b, o, t), &mut out);
                out.series = m.series(b, o, t);
                out
            },
        )
    }

    fn series(&mut self, b: Option<&Kpi>, o: &Kpi, t: &Kpi) -> Vec<PeriodValues> {
        if o.series == t.series || b.is_some_and(|b| b.series == t.series) {
            return o.series.clone();
        }
        let bk = b.map(|b| period_keys(&b.series)).unwrap_or_default();
        let (ok, tk) = (period_keys(&o.series), period_keys(&t.series));
        let bs = b.map(|b| b.series.as_slice()).unwrap_or(&[]);
        let (bm, om, tm) = (first_at(&bk), first_at(&ok), first_at(&tk));
        let who = kpi_who(o);
        let mut merged: HashMap<(String, usize), PeriodValues> = HashMap::new();
        for k in ok.iter().chain(&tk) {
            if merged.contains_key(k) {
                continue;
            }
            let bx = bm.get(k).map(|&i| &bs[i]);
            let ox = om.get(k).map(|&i| &o.series[i]);
            let tx = tm.get(k).map(|&i| &t.series[i]);
            let label = ox.or(tx).map(|p| p.period.clone()).unwrap_or_default();
            let blank = PeriodValues {
                period: label,
                ..PeriodValues::default()
            };
            let (ov, tv) = (ox.unwrap_or(&blank), tx.unwrap_or(&blank));
            let bv = (!self.two_way).then(|| bx.unwrap_or(&blank));
            let mut out = ov.clone();
            let object = || Object::Period {
                kpi: o.id.clone(),
                period: k.0.clone(),
                nth: k.1,
            };
            let who = format!("{who} {}", period_label(&k.0));
            for (name, get, set) in SLOTS {
                let (a, c) = (get(ov), get(tv));
                if a == c {
                    continue;
                }
                let side = self.choose(
                    || Key::field(object(), name),
                    bv.is_none_or(|b| get(b) != a),
                    bv.is_none_or(|b| get(b) != c),
                    || {
                        (
                            who.clone(),
                            name.into(),
                            value_text(a.as_ref(), Some(o.decimals)),
                            value_text(c.as_ref(), Some(t.decimals)),
                        )
                    },
                );
                if side == Side::Theirs {
                    *set(&mut out) = c.clone();
                }
            }
            if ov.target != tv.target {
                let side = self.choose(
                    || Key::field(object(), TARGET),
                    bv.is_none_or(|b| b.target != ov.target),
                    bv.is_none_or(|b| b.target != tv.target),
                    || {
                        (
                            who.clone(),
                            TARGET.into(),
                            target_text(ov.target.as_ref(), Some(o.decimals)),
                            target_text(tv.target.as_ref(), Some(t.decimals)),
                        )
                    },
                );
                if side == Side::Theirs {
                    out.target = tv.target.clone();
                }
            }
            let filled =
                SLOTS.iter().any(|(_, get, _)| get(&out).is_some()) || out.target.is_some();
            let keep = (ox.is_some() && tx.is_some())
                || filled
                || ox == Some(&out)
                || (tx.is_some() && !self.two_way && bx.is_none());
            if keep {
                merged.insert(k.clone(), out);
            }
        }
        let members: HashSet<(String, usize)> = merged.keys().cloned().collect();
        order(&members, &bk, &ok, &tk, self.two_way)
            .into_iter()
            .filter_map(|k| merged.remove(&k))
            .collect()
    }

    // -------------------------------------------------- priorities and actions

    fn tree<'p>(
        &mut self,
        base: Option<&'p Plan>,
        ours: &'p Plan,
        theirs: &'p Plan,
    ) -> Vec<Priority> {
        let bt = base.map(Tree::of);
        let (ot, tt) = (Tree::of(ours), Tree::of(theirs));
        let bt_ref = bt.as_ref();

        // Priorities: presence and their own fields.
        let mut priorities: HashMap<Id, Priority> = HashMap::new();
        for id in ot.priority_order.iter().chain(&tt.priority_order) {
            if priorities.contains_key(*id) {
                continue;
            }
            let b = bt_ref.and_then(|t| t.priorities.get(id).copied());
            let (o, t) = (
                ot.priorities.get(id).copied(),
                tt.priorities.get(id).copied(),
            );
            let kept = match (o, t) {
                (Some(o), Some(t)) => {
                    let mut out = shell_priority(o);
                    if o != t {
                        let who = priority_name(o);
                        let object = Object::Priority(o.id.clone());
                        let bp = b.map(shell_priority);
                        let (so, st) = (shell_priority(o), shell_priority(t));
                        self.fields(
                            &object,
                            &who,
                            PRIORITY_FIELDS,
                            (bp.as_ref(), &so, &st),
                            &mut out,
                        );
                    }
                    Some(out)
                }
                _ => {
                    let who = o.or(t).map(priority_name).unwrap_or_default();
                    let object = Object::Priority((*id).clone());
                    match self.presence(|| Key::presence(object), || who, (b, o, t)) {
                        Side::Ours => o.map(shell_priority),
                        Side::Theirs => t.map(shell_priority),
                    }
                }
            };
            if let Some(p) = kept {
                priorities.insert((*id).clone(), p);
            }
        }

        // Outcomes: presence, place (their priority) and their own fields.
        let mut outcomes: HashMap<Id, (Id, Outcome)> = HashMap::new();
        let outcome_ids: Vec<&Id> = ot
            .outcome_order
            .iter()
            .chain(&tt.outcome_order)
            .copied()
            .collect();
        for id in outcome_ids {
            if outcomes.contains_key(id) {
                continue;
            }
            let b = bt_ref.and_then(|t| t.outcomes.get(id).copied());
            let view = |side: &Tree<'p>| -> View<(&'p Id, &'p Outcome)> {
                if let Some(x) = side.outcomes.get(id) {
                    return View::Has(*x);
                }
                match b {
                    Some(bx) if !side.priorities.contains_key(bx.0) => {
                        if priorities.contains_key(bx.0) {
                            View::Has(bx)
                        } else {
                            View::Gone
                        }
                    }
                    _ => View::Lacks,
                }
            };
            let (o, t) = (view(&ot), view(&tt));
            let kept: Option<(&Id, &Outcome, Side)> = match (o, t) {
                (View::Gone, View::Has(x)) | (View::Has(x), View::Gone) => priorities
                    .contains_key(x.0)
                    .then_some((x.0, x.1, Side::Ours)),
                (View::Has(o), View::Has(_)) => Some((o.0, o.1, Side::Ours)),
                (o, t) => {
                    let (o, t) = (o.get(), t.get());
                    let who = o.or(t).map(|x| outcome_name(x.1)).unwrap_or_default();
                    let object = Object::Outcome(id.clone());
                    match self.presence(
                        || Key::presence(object),
                        || who,
                        (b.as_ref(), o.as_ref(), t.as_ref()),
                    ) {
                        Side::Ours => o.map(|x| (x.0, x.1, Side::Ours)),
                        Side::Theirs => t.map(|x| (x.0, x.1, Side::Theirs)),
                    }
                }
            };
            let Some((place, outcome, _)) = kept else {
                continue;
            };
            let (mut place, mut out) = (place.clone(), shell_outcome(outcome));
            if let (View::Has(o), View::Has(t)) = (o, t) {
                let object = Object::Outcome(id.clone());
                let who = outcome_name(o.1);
                if o.0 != t.0 {
                    let (ours, theirs) = (&ot, &tt);
                    let side = self.choose(
                        || Key::place(object.clone()),
                        b.is_none_or(|b| b.0 != o.0),
                        b.is_none_or(|b| b.0 != t.0),
                        || {
                            let name = |tree: &Tree<'_>, p: &Id| {
                                tree.priorities
                                    .get(p)
                                    .map(|p| priority_name(p).to_lowercase())
                                    .unwrap_or_default()
                            };
                            (
                                who.clone(),
                                "place".into(),
                                name(ours, o.0),
                                name(theirs, t.0),
                            )
                        },
                    );
                    if side == Side::Theirs {
                        place = t.0.clone();
                    }
                }
                if o.1 != t.1 {
                    let bo = b.map(|b| shell_outcome(b.1));
                    let (so, st) = (shell_outcome(o.1), shell_outcome(t.1));
                    self.fields(
                        &object,
                        &who,
                        OUTCOME_FIELDS,
                        (bo.as_ref(), &so, &st),
                        &mut out,
                    );
                }
            }
            if priorities.contains_key(&place) {
                outcomes.insert(id.clone(), (place, out));
            }
        }

        // Actions: presence, place and everything they hold.
        let mut actions: HashMap<Id, (Container, Action)> = HashMap::new();
        let action_ids: Vec<&Id> = ot
            .action_order
            .iter()
            .chain(&tt.action_order)
            .copied()
            .collect();
        for id in action_ids {
            if actions.contains_key(id) {
                continue;
            }
            let b = bt_ref.and_then(|t| t.actions.get(id).copied());
            let view = |side: &Tree<'p>| -> View<(Place<'p>, &'p Action)> {
                if let Some(x) = side.actions.get(id) {
                    return View::Has(*x);
                }
                let Some(((bp, bo), ba)) = b else {
                    return View::Lacks;
                };
                let lacks_container = match bo {
                    Some(bo) => !side.outcomes.contains_key(bo),
                    None => !side.priorities.contains_key(bp),
                };
                if !lacks_container {
                    return View::Lacks;
                }
                let container_kept = match bo {
                    Some(bo) => outcomes.contains_key(bo),
                    None => priorities.contains_key(bp),
                };
                if container_kept {
                    View::Has(((bp, bo), ba))
                } else {
                    View::Gone
                }
            };
            let (o, t) = (view(&ot), view(&tt));
            let kept: Option<((Id, Option<Id>), Action)> = match (o, t) {
                // Gone with its priority or outcome on one side: kept only where
                // the other side moved it out.
                (View::Gone, View::Has(x)) | (View::Has(x), View::Gone) => {
                    let (p, oc) = x.0;
                    let kept = match oc {
                        Some(oc) => outcomes.contains_key(oc) && Some(oc) != b.and_then(|b| b.0 .1),
                        None => priorities.contains_key(p) && b.is_some_and(|b| b.0 != x.0),
                    };
                    kept.then(|| ((p.clone(), oc.cloned()), x.1.clone()))
                }
                (View::Has(o), View::Has(t)) => Some(self.action(b, o, t, (&ot, &tt))),
                (o, t) if o.get().is_none() && t.get().is_none() => None,
                (o, t) => {
                    let (o, t) = (o.get(), t.get());
                    let who = o.or(t).map(|x| action_who(x.1)).unwrap_or_default();
                    let object = Object::Action(id.clone());
                    let side = self.presence(
                        || Key::presence(object),
                        || who,
                        (b.as_ref(), o.as_ref(), t.as_ref()),
                    );
                    let x = if side == Side::Ours { o } else { t };
                    x.map(|x| ((x.0 .0.clone(), x.0 .1.cloned()), x.1.clone()))
                }
            };
            let Some(((p, oc), action)) = kept else {
                continue;
            };
            // An action whose priority or outcome is gone goes with it.
            let container = match oc {
                Some(oc) if outcomes.contains_key(&oc) => Container::Outcome(oc),
                None if priorities.contains_key(&p) => Container::Priority(p),
                _ => continue,
            };
            actions.insert(id.clone(), (container, action));
        }

        // The order of everything, container by container.
        let seqs = |tree: Option<&Tree<'_>>, c: &Container| -> Vec<Id> {
            tree.and_then(|t| t.sequences.get(c))
                .cloned()
                .unwrap_or_default()
        };
        let mut members: HashMap<Container, HashSet<Id>> = HashMap::new();
        for (id, (c, _)) in &actions {
            members.entry(c.clone()).or_default().insert(id.clone());
        }
        let mut outcome_members: HashMap<Id, HashSet<Id>> = HashMap::new();
        for (id, (p, _)) in &outcomes {
            outcome_members
                .entry(p.clone())
                .or_default()
                .insert(id.clone());
        }
        let two_way = self.two_way;
        let ordered = |c: Container, members: &HashMap<Container, HashSet<Id>>| -> Vec<Id> {
            let Some(m) = members.get(&c) else {
                return Vec::new();
            };
            order(
                m,
                &seqs(bt_ref, &c),
                &seqs(Some(&ot), &c),
                &seqs(Some(&tt), &c),
                two_way,
            )
        };
        let priority_ids: HashSet<Id> = priorities.keys().cloned().collect();
        let ids = |t: &Tree<'_>| {
            t.priority_order
                .iter()
                .map(|id| (*id).clone())
                .collect::<Vec<_>>()
        };
        let mut out = Vec::with_capacity(priorities.len());
        for pid in order(
            &priority_ids,
            &bt_ref.map(ids).unwrap_or_default(),
            &ids(&ot),
            &ids(&tt),
            two_way,
        ) {
            let Some(mut p) = priorities.remove(&pid) else {
                continue;
            };
            p.actions = ordered(Container::Priority(pid.clone()), &members)
                .into_iter()
                .filter_map(|a| actions.remove(&a).map(|x| x.1))
                .collect();
            let oc = Container::Outcomes(pid.clone());
            let empty = HashSet::new();
            let om = outcome_members.get(&pid).unwrap_or(&empty);
            for oid in order(
                om,
                &seqs(bt_ref, &oc),
                &seqs(Some(&ot), &oc),
                &seqs(Some(&tt), &oc),
                two_way,
            ) {
                let Some((_, mut o)) = outcomes.remove(&oid) else {
                    continue;
                };
                o.actions = ordered(Container::Outcome(oid.clone()), &members)
                    .into_iter()
                    .filter_map(|a| actions.remove(&a).map(|x| x.1))
                    .collect();
                p.outcomes.push(o);
            }
            out.push(p);
        }
        out
    }

    /// An action on both sides: its place, its fields, milestones, risks and log.
    fn action(
        &mut self,
        b: Option<(Place<'_>, &Action)>,
        o: (Place<'_>, &Action),
        t: (Place<'_>, &Action),
        (ot, tt): (&Tree<'_>, &Tree<'_>),
    ) -> ((Id, Option<Id>), Action) {
        let owned = |p: Place<'_>| (p.0.clone(), p.1.cloned());
        let bo = b.map(|b| b.1);
        let (oa, ta) = match bo {
            Some(ba) => (
                links_kept(ba, o.1, &self.our_kpis),
                links_kept(ba, t.1, &self.their_kpis),
            ),
            None => (Cow::Borrowed(o.1), Cow::Borrowed(t.1)),
        };
        let (oa, ta) = (oa.as_ref(), ta.as_ref());
        let object = Object::Action(oa.id.clone());
        let who = action_who(oa);
        let mut place = owned(o.0);
        if o.0 != t.0 {
            let side = self.choose(
                || Key::place(object.clone()),
                b.is_none_or(|b| b.0 != o.0),
                b.is_none_or(|b| b.0 != t.0),
                || {
                    let name = |tree: &Tree<'_>, (p, oc): Place<'_>| {
                        let Some(p) = tree.priorities.get(p) else {
                            return String::new();
                        };
                        let oc = oc.and_then(|oc| tree.outcomes.get(oc)).map(|x| x.1);
                        place_text(p, oc)
                    };
                    (who.clone(), "place".into(), name(ot, o.0), name(tt, t.0))
                },
            );
            if side == Side::Theirs {
                place = owned(t.0);
            }
        }
        if oa == ta || bo == Some(ta) {
            return (place, oa.clone());
        }
        let mut out = oa.clone();
        for table in [ACTION_FIELDS, ACTION_FIELDS_MID, ACTION_FIELDS_AFTER] {
            self.fields(&object, &who, table, (bo, oa, ta), &mut out);
        }
        let aid = &oa.id;
        out.milestones = self.keyed(
            (
                bo.map(|b| b.milestones.as_slice()),
                &oa.milestones,
                &ta.milestones,
            ),
            |m| m.id.clone(),
            |id| Object::Milestone {
                action: aid.clone(),
                id: id.clone(),
            },
            |m: &Milestone| format!("{who}: milestone '{}'", truncate(&m.title, 60)),
            false,
            |m, (b, o, t)| {
                let mut out = o.clone();
                let w = format!("{who}: milestone '{}'", truncate(&o.title, 60));
                let object = Object::Milestone {
                    action: aid.clone(),
                    id: o.id.clone(),
                };
                m.fields(&object, &w, MILESTONE_FIELDS, (b, o, t), &mut out);
                out
            },
        );
        out.risks = self.risks(
            Some(aid),
            &who,
            (bo.map(|b| b.risks.as_slice()), &oa.risks, &ta.risks),
        );
        out.updates = self.keyed(
            (bo.map(|b| b.updates.as_slice()), &oa.updates, &ta.updates),
            |u| u.id.clone(),
            |id| Object::Update {
                action: aid.clone(),
                id: id.clone(),
            },
            |u: &ProgressUpdate| format!("{who}: {}", update_name(u)),
            true,
            |m, (b, o, t)| m.update(aid, &who, (b, o, t)),
        );
        (place, out)
    }

    /// A progress update on both sides: changed on one side, its fields are taken;
    /// changed on both, the whole update is one conflict.
    fn update(
        &mut self,
        action: &Id,
        who: &str,
        (b, o, t): (Option<&ProgressUpdate>, &ProgressUpdate, &ProgressUpdate),
    ) -> ProgressUpdate {
        let object = Object::Update {
            action: action.clone(),
            id: o.id.clone(),
        };
        let w = format!("{who}: {}", update_name(o));
        let oc = b.is_none_or(|b| b != o);
        let tc = b.is_none_or(|b| b != t);
        if oc && tc {
            let side = self.choose(
                || Key::whole(object),
                true,
                true,
                || (w.clone(), String::new(), update_text(o), update_text(t)),
            );
            return if side == Side::Ours {
                o.clone()
            } else {
                t.clone()
            };
        }
        let mut out = o.clone();
        self.fields(&object, &w, UPDATE_FIELDS, (b, o, t), &mut out);
        self.fields(
            &object,
            &w,
            std::slice::from_ref(&UPDATE_DELETED),
            (b, o, t),
            &mut out,
        );
        if out != *o {
            out.edited_at = t.edited_at.clone().max(o.edited_at.clone());
        }
        out
    }
}

/// A progress update in words, for one side of a conflict: "Amber, 'roll-out
/// delayed'" (and its commentary, and whether it is deleted).
pub fn update_text(u: &ProgressUpdate) -> String {
    let mut s = u.rag.label().to_string();
    if !u.reason.trim().is_empty() {
        s = format!("{s}, {}", quote(&u.reason));
    }
    if !u.commentary.trim().is_empty() {
        s = format!("{s} — {}", quote(&u.commentary));
    }
    if !u.author.trim().is_empty() {
        s = format!("{s} (by {})", u.author.trim());
    }
    if u.deleted_at.is_some() {
        s = format!("{s} (deleted)");
    }
    s
}

/// Where each key first occurs in a list of keys.
fn first_at<K: Eq + Hash + Clone>(keys: &[K]) -> HashMap<K, usize> {
    let mut m = HashMap::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        m.entry(k.clone()).or_insert(i);
    }
    m
}

/// Three versions of one list (the first absent in a two-way merge).
type Lists<'a, T> = (Option<&'a [T]>, &'a [T], &'a [T]);

/// An action's place: its priority and outcome (if any).
type Place<'a> = (&'a Id, Option<&'a Id>);

/// What holds an ordered list of a tree: a priority's actions, its outcomes, or an
/// outcome's actions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Container {
    Priority(Id),
    Outcomes(Id),
    Outcome(Id),
}

/// How one side holds an object: has it, lacks it (deleted it), or lost it with
/// the priority or outcome it sat in (that deletion decided already, for it too).
#[derive(Clone, Copy)]
enum View<T> {
    Has(T),
    Lacks,
    Gone,
}

impl<T: Copy> View<T> {
    fn get(self) -> Option<T> {
        match self {
            View::Has(x) => Some(x),
            _ => None,
        }
    }
}

/// One side's tree, by id.
struct Tree<'a> {
    priorities: HashMap<&'a Id, &'a Priority>,
    priority_order: Vec<&'a Id>,
    outcomes: HashMap<&'a Id, (&'a Id, &'a Outcome)>,
    outcome_order: Vec<&'a Id>,
    actions: HashMap<&'a Id, (Place<'a>, &'a Action)>,
    action_order: Vec<&'a Id>,
    sequences: HashMap<Container, Vec<Id>>,
}

impl<'a> Tree<'a> {
    fn of(plan: &'a Plan) -> Tree<'a> {
        let mut t = Tree {
            priorities: HashMap::new(),
            priority_order: Vec::new(),
            outcomes: HashMap::new(),
            outcome_order: Vec::new(),
            actions: HashMap::new(),
            action_order: Vec::new(),
            sequences: HashMap::new(),
        };
        let ids = |l: &[Action]| l.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        for p in &plan.priorities {
            if t.priorities.insert(&p.id, p).is_some() {
                continue; // a second priority with one id: the first wins
            }
            t.priority_order.push(&p.id);
            t.sequences
                .insert(Container::Priority(p.id.clone()), ids(&p.actions));
            t.sequences.insert(
                Container::Outcomes(p.id.clone()),
                p.outcomes.iter().map(|o| o.id.clone()).collect(),
            );
            let add = |a: &'a Action, place: Place<'a>, t: &mut Tree<'a>| {
                if !t.actions.contains_key(&a.id) {
                    t.actions.insert(&a.id, (place, a));
                    t.action_order.push(&a.id);
                }
            };
            for a in &p.actions {
                add(a, (&p.id, None), &mut t);
            }
            for o in &p.outcomes {
                if t.outcomes.contains_key(&o.id) {
                    continue;
                }
                t.outcomes.insert(&o.id, (&p.id, o));
                t.outcome_order.push(&o.id);
                t.sequences
                    .insert(Container::Outcome(o.id.clone()), ids(&o.actions));
                for a in &o.actions {
                    add(a, (&p.id, Some(&o.id)), &mut t);
                }
            }
        }
        t
    }
}

/// A priority's own fields (no outcomes, no actions).
fn shell_priority(p: &Priority) -> Priority {
    Priority {
        changed: None,
        id: p.id.clone(),
        number: p.number.clone(),
        title: p.title.clone(),
        group: p.group.clone(),
        council_priority: p.council_priority.clone(),
        outcome_area: p.outcome_area,
        objectives: p.objectives.clone(),
        success_criteria: p.success_criteria.clone(),
        outcomes: Vec::new(),
        actions: Vec::new(),
    }
}

/// An outcome's own fields (no actions).
fn shell_outcome(o: &Outcome) -> Outcome {
    Outcome {
        changed: None,
        id: o.id.clone(),
        number: o.number.clone(),
        title: o.title.clone(),
        council_priority: o.council_priority.clone(),
        outcome_area: o.outcome_area,
        success_criteria: o.success_criteria.clone(),
        actions: Vec::new(),
    }
}

/// The order of a merged list: ours' order (theirs', when only theirs reordered
/// what both kept), with the other side's objects after the one before them
/// there. `members` are the objects kept.
fn order<K: Eq + Hash + Clone>(
    members: &HashSet<K>,
    b: &[K],
    o: &[K],
    t: &[K],
    two_way: bool,
) -> Vec<K> {
    let (in_b, in_o, in_t): (HashSet<&K>, HashSet<&K>, HashSet<&K>) =
        (b.iter().collect(), o.iter().collect(), t.iter().collect());
    let common = |k: &&K| in_b.contains(k) && in_o.contains(k) && in_t.contains(k);
    let reordered = !o.iter().filter(common).eq(b.iter().filter(common));
    let (spine, other) = if two_way || reordered { (o, t) } else { (t, o) };
    let mut out: Vec<K> = Vec::with_capacity(members.len());
    let mut placed: HashSet<&K> = HashSet::with_capacity(members.len());
    for k in spine {
        if members.contains(k) && placed.insert(k) {
            out.push(k.clone());
        }
    }
    let mut last: Option<usize> = None;
    for k in other {
        if placed.contains(k) {
            last = out.iter().position(|x| x == k);
            continue;
        }
        if !members.contains(k) {
            continue;
        }
        let at = last.map_or(0, |i| i + 1);
        out.insert(at, k.clone());
        placed.insert(k);
        last = Some(at);
    }
    for k in b {
        if members.contains(k) && placed.insert(k) {
            out.push(k.clone());
        }
    }
    out
}

/// A side's action with the links to KPIs that side deleted put back as in the
/// base, when that is all it changed in them: the deletion is decided on the KPI,
/// and [`tidy`] unlinks what it leaves.
fn links_kept<'x>(base: &Action, side: &'x Action, kpis: &HashSet<&Id>) -> Cow<'x, Action> {
    if side.kpi_ids == base.kpi_ids {
        return Cow::Borrowed(side);
    }
    let left: Vec<&Id> = base.kpi_ids.iter().filter(|k| kpis.contains(k)).collect();
    if side.kpi_ids.iter().eq(left) {
        Cow::Owned(Action {
            kpi_ids: base.kpi_ids.clone(),
            ..side.clone()
        })
    } else {
        Cow::Borrowed(side)
    }
}

/// A side's KPIs with the links it lost by deleting a priority or an outcome
/// put back as they were in the base (None when there are none): the deletion
/// is decided on the priority, and [`tidy`] unlinks what it leaves.
fn links_as_based(base: &Plan, side: &Plan) -> Option<Vec<Kpi>> {
    let priorities: HashSet<&Id> = side.priorities.iter().map(|p| &p.id).collect();
    let outcomes: HashSet<&Id> = side
        .priorities
        .iter()
        .flat_map(|p| p.outcomes.iter().map(|o| &o.id))
        .collect();
    let based: HashMap<&Id, &Kpi> = base.kpis.iter().map(|k| (&k.id, k)).collect();
    let lost = |k: &Kpi| {
        let b = based.get(&k.id)?;
        let gone_p = b
            .priority_id
            .as_ref()
            .is_some_and(|p| !priorities.contains(p));
        let gone_o = b.outcome_id.as_ref().is_some_and(|o| !outcomes.contains(o));
        let moved = k.priority_id != b.priority_id || k.outcome_id != b.outcome_id;
        ((gone_p || gone_o) && moved).then_some(*b)
    };
    if !side.kpis.iter().any(|k| lost(k).is_some()) {
        return None;
    }
    Some(
        side.kpis
            .iter()
            .map(|k| match lost(k) {
                Some(b) => Kpi {
                    priority_id: b.priority_id.clone(),
                    outcome_id: b.outcome_id.clone(),
                    ..k.clone()
                },
                None => k.clone(),
            })
            .collect(),
    )
}

/// Unlinks what the merge left pointing at nothing: a KPI's priority or outcome,
/// an action's KPI.
fn tidy(plan: &mut Plan) {
    let priorities: HashSet<&Id> = plan.priorities.iter().map(|p| &p.id).collect();
    let outcomes: HashSet<&Id> = plan
        .priorities
        .iter()
        .flat_map(|p| p.outcomes.iter().map(|o| &o.id))
        .collect();
    let kpis: HashSet<Id> = plan.kpis.iter().map(|k| k.id.clone()).collect();
    let mut fixes: Vec<(usize, bool, bool)> = Vec::new();
    for (i, k) in plan.kpis.iter().enumerate() {
        let p = k
            .priority_id
            .as_ref()
            .is_some_and(|p| !priorities.contains(p));
        let o = k.outcome_id.as_ref().is_some_and(|o| !outcomes.contains(o));
        if p || o {
            fixes.push((i, p, o));
        }
    }
    for (i, p, o) in fixes {
        let k = &mut plan.kpis[i];
        if p {
            k.priority_id = None;
            k.outcome_id = None;
        }
        if o {
            k.outcome_id = None;
        }
    }
    for p in &mut plan.priorities {
        let outcome_actions = p.outcomes.iter_mut().flat_map(|o| o.actions.iter_mut());
        for a in p.actions.iter_mut().chain(outcome_actions) {
            if a.kpi_ids.iter().any(|k| !kpis.contains(k)) {
                a.kpi_ids.retain(|k| kpis.contains(k));
            }
        }
    }
}
