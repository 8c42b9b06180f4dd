//! How the open plan is laid out in local storage: in content-addressed chunks, so
//! an autosave writes only what changed. Pure Rust (no browser code): choosing the
//! chunks, hashing them, building the manifest, assembling the plan file text back
//! from the chunks, and knowing what changed since the last save. The storage calls
//! themselves are in `app::storage`.
//!
//! The layout:
//! - a manifest ([`Manifest`], JSON) under one key: the format it holds, when and
//!   with which save stamp it was written, and the ordered hashes of its chunks;
//! - one chunk per key `waymark.c.<hash>`, each a JSON fragment of the plan file
//!   ([`crate::core::format::store_plan`]): the plan's fields before its priorities
//!   (the plan's "head"), each priority's and each outcome's fields before its
//!   actions (their heads), groups of consecutive actions, groups of consecutive
//!   KPIs, and the plan's fields after its KPIs (the "tail"). The hash is FNV-1a
//!   (64 bits) of the chunk's text.
//!
//! A stored plan is read by concatenating the envelope and the chunks in manifest
//! order, with the brackets and commas between them ([`assemble`]): the text is
//! exactly what [`store_plan`] writes for the same plan, and it goes through the one
//! import path like any file.
//!
//! Groups are small (about [`GROUP_MEAN`] actions or KPIs), so an edit to one action
//! or KPI rewrites one small chunk, and a save needs little room beyond the plan
//! itself (the new chunk is written before the old one is removed). A group ends
//! where an item's id hashes to a boundary, so adding, removing or moving an item
//! changes only the groups it leaves and joins.
//!
//! [`store_plan`]: crate::core::format::store_plan

use super::date::Date;
use super::format::{APP_VERSION, FORMAT_NAME, FORMAT_VERSION};
use super::model::{
    Action, CoverSheet, GlossaryEntry, Id, Kpi, Outcome, OutcomeArea, Plan, PlanSettings,
    PlanStatus, Priority, RagDefinition, Risk,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The prefix of every chunk's key.
pub const CHUNK_PREFIX: &str = "waymark.c.";
/// What a manifest calls itself.
pub const STORE_NAME: &str = "waymark-chunks";
/// The layout version this build writes and reads.
pub const STORE_VERSION: u64 = 1;
/// Actions or KPIs per group, on average (a group ends where an id hashes to a
/// boundary).
pub const GROUP_MEAN: u64 = 8;
/// Most actions or KPIs in one group.
pub const GROUP_MAX: usize = 24;

/// FNV-1a, 64 bits: fast, and plenty to tell a few hundred chunks apart.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hash naming a chunk: 16 hex digits.
pub fn chunk_hash(text: &str) -> String {
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The storage key of a chunk.
pub fn chunk_key(hash: &str) -> String {
    format!("{CHUNK_PREFIX}{hash}")
}

/// The stored index of a plan: what it is, and its chunks in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`STORE_NAME`].
    pub store: String,
    /// The layout version ([`STORE_VERSION`]).
    pub store_version: u64,
    /// The plan file format version the chunks are written in.
    pub format_version: u64,
    /// The version of Waymark that wrote it.
    pub app_version: String,
    /// When it was saved (ISO 8601).
    pub saved_at: String,
    /// The save stamp written with it (see `app::state`).
    pub stamp: String,
    /// The plan's fields before its priorities.
    pub head: String,
    pub priorities: Vec<PriorityChunks>,
    /// Groups of KPIs, in order.
    pub kpis: Vec<String>,
    /// The plan's fields after its KPIs.
    pub tail: String,
}

/// The chunks of one priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityChunks {
    /// Its fields before `outcomes`.
    pub head: String,
    pub outcomes: Vec<OutcomeChunks>,
    /// Groups of its own actions, in order.
    pub actions: Vec<String>,
}

/// The chunks of one outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeChunks {
    /// Its fields before `actions`.
    pub head: String,
    /// Groups of its actions, in order.
    pub actions: Vec<String>,
}

impl Manifest {
    /// Every chunk hash, in the order they are assembled (repeats possible).
    pub fn hashes(&self) -> Vec<&str> {
        let mut out = vec![self.head.as_str()];
        for p in &self.priorities {
            out.push(&p.head);
            for o in &p.outcomes {
                out.push(&o.head);
                out.extend(o.actions.iter().map(String::as_str));
            }
            out.extend(p.actions.iter().map(String::as_str));
        }
        out.extend(self.kpis.iter().map(String::as_str));
        out.push(&self.tail);
        out
    }

    /// The storage keys of its chunks, once each.
    pub fn keys(&self) -> HashSet<String> {
        self.hashes().into_iter().map(chunk_key).collect()
    }

    /// Reads a stored manifest; the error is in words for the user.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("its index is not readable ({e})"))?;
        if v.get("store").and_then(|s| s.as_str()) != Some(STORE_NAME) {
            return Err("its index is not a Waymark plan index".into());
        }
        match v.get("store_version").and_then(|s| s.as_u64()) {
            Some(n) if n <= STORE_VERSION => {}
            Some(n) => {
                return Err(format!(
                    "it was saved by a newer version of Waymark (storage layout {n}; this version reads {STORE_VERSION}). Open it with the newer version"
                ))
            }
            None => return Err("its index has no layout version".into()),
        }
        serde_json::from_value(v).map_err(|e| format!("its index is not readable ({e})"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a manifest always serialises")
    }
}

/// The plan's fields before `priorities`, in the order of [`Plan`].
#[derive(Serialize)]
struct PlanHead<'a> {
    id: &'a Id,
    title: &'a str,
    organisation: &'a str,
    period_label: &'a str,
    period_start: &'a Option<Date>,
    period_end: &'a Option<Date>,
    status: &'a PlanStatus,
    approved_by: &'a str,
    approved_on: &'a Option<Date>,
    links: &'a [String],
    glossary: &'a [GlossaryEntry],
    rag_definitions: &'a [RagDefinition],
    last_updated: &'a Option<Date>,
    notes: &'a [String],
}

/// The plan's fields after `kpis`.
#[derive(Serialize)]
struct PlanTail<'a> {
    risks: &'a [Risk],
    settings: &'a PlanSettings,
    cover_sheet: &'a CoverSheet,
}

/// A priority's fields before `outcomes`, in the order of [`Priority`].
#[derive(Serialize)]
struct PriorityHead<'a> {
    id: &'a Id,
    number: &'a str,
    title: &'a str,
    group: &'a str,
    council_priority: &'a str,
    outcome_area: &'a Option<OutcomeArea>,
    objectives: &'a [String],
    success_criteria: &'a [String],
}

/// An outcome's fields before `actions`, in the order of [`Outcome`].
#[derive(Serialize)]
struct OutcomeHead<'a> {
    id: &'a Id,
    number: &'a str,
    title: &'a str,
    council_priority: &'a str,
    outcome_area: &'a Option<OutcomeArea>,
    success_criteria: &'a [String],
}

/// Serialises a value and drops its outer brackets: `{"a":1}` → `"a":1`.
fn fragment<T: Serialize + ?Sized>(v: &T) -> String {
    let mut s = serde_json::to_string(v).expect("plan parts always serialise");
    s.pop();
    s.remove(0);
    s
}

fn plan_head(plan: &Plan) -> String {
    fragment(&PlanHead {
        id: &plan.id,
        title: &plan.title,
        organisation: &plan.organisation,
        period_label: &plan.period_label,
        period_start: &plan.period_start,
        period_end: &plan.period_end,
        status: &plan.status,
        approved_by: &plan.approved_by,
        approved_on: &plan.approved_on,
        links: &plan.links,
        glossary: &plan.glossary,
        rag_definitions: &plan.rag_definitions,
        last_updated: &plan.last_updated,
        notes: &plan.notes,
    })
}

fn plan_tail(plan: &Plan) -> String {
    fragment(&PlanTail {
        risks: &plan.risks,
        settings: &plan.settings,
        cover_sheet: &plan.cover_sheet,
    })
}

fn priority_head(p: &Priority) -> String {
    fragment(&PriorityHead {
        id: &p.id,
        number: &p.number,
        title: &p.title,
        group: &p.group,
        council_priority: &p.council_priority,
        outcome_area: &p.outcome_area,
        objectives: &p.objectives,
        success_criteria: &p.success_criteria,
    })
}

fn outcome_head(o: &Outcome) -> String {
    fragment(&OutcomeHead {
        id: &o.id,
        number: &o.number,
        title: &o.title,
        council_priority: &o.council_priority,
        outcome_area: &o.outcome_area,
        success_criteria: &o.success_criteria,
    })
}

/// Something with an id, kept in groups.
pub trait Grouped: Serialize + PartialEq + Clone {
    fn group_id(&self) -> &Id;
}
impl Grouped for Action {
    fn group_id(&self) -> &Id {
        &self.id
    }
}
impl Grouped for Kpi {
    fn group_id(&self) -> &Id {
        &self.id
    }
}

/// Splits a list into groups. A group ends after an item whose id hashes to a
/// boundary (1 in [`GROUP_MEAN`]), or at [`GROUP_MAX`] items.
pub fn groups<T: Grouped>(items: &[T]) -> Vec<&[T]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, x) in items.iter().enumerate() {
        let boundary = fnv1a64(x.group_id().as_str().as_bytes()).is_multiple_of(GROUP_MEAN);
        if boundary || i + 1 - start >= GROUP_MAX {
            out.push(&items[start..=i]);
            start = i + 1;
        }
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// A group as a fragment of its list: `{…},{…}`.
fn group_text<T: Grouped>(g: &[T]) -> String {
    fragment(g)
}

/// The envelope of the assembled file, up to the plan's first field.
fn envelope_start(format_version: u64, app_version: &str, saved_at: &str) -> String {
    format!(
        "{{\"format\":{},\"format_version\":{format_version},\"app_version\":{},\"exported_at\":{},\"plan\":{{",
        json_str(FORMAT_NAME),
        json_str(app_version),
        json_str(saved_at)
    )
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

// The text between the chunks.
const PRIORITIES_OPEN: &str = ",\"priorities\":[";
const KPIS_OPEN: &str = "],\"kpis\":[";
const TAIL_OPEN: &str = "],";
const END: &str = "}}";
const OBJECT_OPEN: &str = "{";
const OUTCOMES_OPEN: &str = ",\"outcomes\":[";
const ACTIONS_OPEN: &str = ",\"actions\":[";
const OUTCOMES_CLOSE_ACTIONS_OPEN: &str = "],\"actions\":[";
const LIST_OBJECT_CLOSE: &str = "]}";

/// A chunk the manifest names that is not in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub key: String,
    /// How many of the manifest's chunks are missing.
    pub count: usize,
    /// The text with what could be read (missing chunks left out), for the user to
    /// download; not necessarily a readable plan.
    pub partial: String,
}

/// Writes the text of a plan laid out as `m`, taking each chunk's text (or, for
/// [`plan_chars`], its length) from `part`.
fn walk(m: &Manifest, envelope: &str, part: &mut dyn FnMut(&str, &mut String)) -> String {
    let mut out = String::from(envelope);
    let list = |out: &mut String, hashes: &[String], part: &mut dyn FnMut(&str, &mut String)| {
        for (i, h) in hashes.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            part(h, out);
        }
    };
    part(&m.head, &mut out);
    out.push_str(PRIORITIES_OPEN);
    for (i, p) in m.priorities.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(OBJECT_OPEN);
        part(&p.head, &mut out);
        out.push_str(OUTCOMES_OPEN);
        for (j, o) in p.outcomes.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(OBJECT_OPEN);
            part(&o.head, &mut out);
            out.push_str(ACTIONS_OPEN);
            list(&mut out, &o.actions, part);
            out.push_str(LIST_OBJECT_CLOSE);
        }
        out.push_str(OUTCOMES_CLOSE_ACTIONS_OPEN);
        list(&mut out, &p.actions, part);
        out.push_str(LIST_OBJECT_CLOSE);
    }
    out.push_str(KPIS_OPEN);
    list(&mut out, &m.kpis, part);
    out.push_str(TAIL_OPEN);
    part(&m.tail, &mut out);
    out.push_str(END);
    out
}

/// Assembles the plan file text from a manifest and its chunks (`get` reads a
/// chunk by key). The result is exactly what `store_plan` writes for that plan.
pub fn assemble(
    m: &Manifest,
    mut get: impl FnMut(&str) -> Option<String>,
) -> Result<String, Missing> {
    let mut missing: Vec<String> = Vec::new();
    let envelope = envelope_start(m.format_version, &m.app_version, &m.saved_at);
    let out = walk(m, &envelope, &mut |hash, out| {
        let key = chunk_key(hash);
        match get(&key) {
            Some(t) => out.push_str(&t),
            None => missing.push(key),
        }
    });
    match missing.first() {
        None => Ok(out),
        Some(k) => Err(Missing {
            key: k.clone(),
            count: missing.len(),
            partial: out,
        }),
    }
}

/// A part of the plan whose chunk hash is known.
#[derive(Debug, Clone)]
struct Cached<T> {
    value: T,
    hash: String,
    len: usize,
}

/// What the last save wrote (or what was hashed since): each group of actions and
/// of KPIs with the hash of its chunk, so that a save serialises only groups that
/// changed (comparing with `==` is much cheaper than serialising). Every entry is
/// truthful: its hash is that of its value's text; whether that chunk is in storage
/// is checked against the stored manifest at each save. Heads and the tail are
/// small and serialised at every save.
#[derive(Debug, Default)]
pub struct ChunkCache {
    /// By the id of the group's first action.
    actions: HashMap<Id, Cached<Vec<Action>>>,
    /// By the id of the group's first KPI.
    kpis: HashMap<Id, Cached<Vec<Kpi>>>,
}

/// One group of a prepared save: known already, or hashed now (to keep).
#[derive(Debug)]
enum Part<T> {
    Known { id: Id },
    New { id: Id, cached: Cached<T> },
}

/// A save ready to write: the chunks storage lacks, then the manifest.
#[derive(Debug)]
pub struct Prepared {
    /// (key, text) of each chunk to write before the manifest, once each.
    pub writes: Vec<(String, String)>,
    pub manifest: Manifest,
    pub manifest_text: String,
    /// Characters of the whole plan file the manifest stands for.
    pub plan_chars: usize,
    actions: Vec<Part<Vec<Action>>>,
    kpis: Vec<Part<Vec<Kpi>>>,
}

impl Prepared {
    /// Characters written by this save (chunks and manifest).
    pub fn written_chars(&self) -> usize {
        self.writes.iter().map(|(_, t)| t.len()).sum::<usize>() + self.manifest_text.len()
    }
}

/// Collects the chunks a save must write.
struct Writer<'a> {
    stored: &'a dyn Fn(&str) -> bool,
    writes: Vec<(String, String)>,
    queued: HashSet<String>,
    /// Length of each chunk of the manifest, by hash.
    lens: HashMap<String, usize>,
}

impl Writer<'_> {
    /// A chunk of the new manifest: queued for writing unless storage has it.
    fn want(&mut self, hash: &str, len: usize, text: &mut dyn FnMut() -> String) {
        self.lens.insert(hash.to_string(), len);
        let key = chunk_key(hash);
        if !(self.stored)(&key) && self.queued.insert(key.clone()) {
            self.writes.push((key, text()));
        }
    }

    /// A small chunk serialised every time (a head or the tail): its hash.
    fn text(&mut self, text: String) -> String {
        let hash = chunk_hash(&text);
        let len = text.len();
        let mut t = Some(text);
        self.want(&hash, len, &mut || t.take().unwrap_or_default());
        hash
    }

    /// The groups of a list: their hashes, and what the cache learns.
    fn groups<T: Grouped>(
        &mut self,
        cache: &HashMap<Id, Cached<Vec<T>>>,
        items: &[T],
        parts: &mut Vec<Part<Vec<T>>>,
    ) -> Vec<String> {
        groups(items)
            .into_iter()
            .map(|g| {
                let id = g[0].group_id().clone();
                match cache.get(&id) {
                    Some(c) if c.value.as_slice() == g => {
                        self.want(&c.hash, c.len, &mut || group_text(g));
                        parts.push(Part::Known { id });
                        c.hash.clone()
                    }
                    _ => {
                        let text = group_text(g);
                        let hash = chunk_hash(&text);
                        let len = text.len();
                        let mut t = Some(text);
                        self.want(&hash, len, &mut || {
                            t.take().unwrap_or_else(|| group_text(g))
                        });
                        parts.push(Part::New {
                            id,
                            cached: Cached {
                                value: g.to_vec(),
                                hash: hash.clone(),
                                len,
                            },
                        });
                        hash
                    }
                }
            })
            .collect()
    }
}

impl ChunkCache {
    /// Prepares a save of `plan`. `stored` tells whether a chunk key is already in
    /// storage (named by the stored manifest); only chunks it lacks are written.
    pub fn prepare(
        &self,
        plan: &Plan,
        saved_at: &str,
        stamp: &str,
        stored: &dyn Fn(&str) -> bool,
    ) -> Prepared {
        let mut w = Writer {
            stored,
            writes: Vec::new(),
            queued: HashSet::new(),
            lens: HashMap::new(),
        };
        let mut actions = Vec::new();
        let head = w.text(plan_head(plan));
        let priorities = plan
            .priorities
            .iter()
            .map(|p| PriorityChunks {
                head: w.text(priority_head(p)),
                outcomes: p
                    .outcomes
                    .iter()
                    .map(|o| OutcomeChunks {
                        head: w.text(outcome_head(o)),
                        actions: w.groups(&self.actions, &o.actions, &mut actions),
                    })
                    .collect(),
                actions: w.groups(&self.actions, &p.actions, &mut actions),
            })
            .collect();
        let mut kpis = Vec::new();
        let kpi_hashes = w.groups(&self.kpis, &plan.kpis, &mut kpis);
        let tail = w.text(plan_tail(plan));
        let manifest = Manifest {
            store: STORE_NAME.into(),
            store_version: STORE_VERSION,
            format_version: FORMAT_VERSION,
            app_version: APP_VERSION.into(),
            saved_at: saved_at.into(),
            stamp: stamp.into(),
            head,
            priorities,
            kpis: kpi_hashes,
            tail,
        };
        let envelope = envelope_start(FORMAT_VERSION, APP_VERSION, saved_at);
        let mut chunk_chars = 0;
        let skeleton = walk(&manifest, &envelope, &mut |h, _| {
            chunk_chars += w.lens.get(h).copied().unwrap_or(0)
        });
        let manifest_text = manifest.to_json();
        Prepared {
            writes: w.writes,
            manifest,
            manifest_text,
            plan_chars: skeleton.len() + chunk_chars,
            actions,
            kpis,
        }
    }

    /// After a save was written: keeps what it hashed, and forgets groups no longer
    /// in the plan.
    pub fn commit(&mut self, prepared: Prepared) {
        self.actions = merge(std::mem::take(&mut self.actions), prepared.actions);
        self.kpis = merge(std::mem::take(&mut self.kpis), prepared.kpis);
    }

    /// Hashes groups of `plan` not yet known, a few at a time (after a load, so that
    /// the first autosave need not serialise the whole plan). Starts at priority
    /// `from` (then the KPIs, as one step) and stops when `more()` says so; returns
    /// where to go on, or `None` when every group is known.
    pub fn prime(
        &mut self,
        plan: &Plan,
        from: usize,
        more: &mut dyn FnMut() -> bool,
    ) -> Option<usize> {
        let mut i = from;
        while i <= plan.priorities.len() {
            if !more() {
                return Some(i);
            }
            match plan.priorities.get(i) {
                Some(p) => {
                    for o in &p.outcomes {
                        prime_list(&mut self.actions, &o.actions);
                    }
                    prime_list(&mut self.actions, &p.actions);
                }
                None => prime_list(&mut self.kpis, &plan.kpis),
            }
            i += 1;
        }
        None
    }

    /// How many groups are known (for tests and diagnostics).
    pub fn known(&self) -> usize {
        self.actions.len() + self.kpis.len()
    }
}

fn prime_list<T: Grouped>(cache: &mut HashMap<Id, Cached<Vec<T>>>, items: &[T]) {
    for g in groups(items) {
        let id = g[0].group_id();
        if cache.get(id).is_none_or(|c| c.value.as_slice() != g) {
            let text = group_text(g);
            cache.insert(
                id.clone(),
                Cached {
                    value: g.to_vec(),
                    hash: chunk_hash(&text),
                    len: text.len(),
                },
            );
        }
    }
}

fn merge<T>(mut old: HashMap<Id, Cached<T>>, parts: Vec<Part<T>>) -> HashMap<Id, Cached<T>> {
    let mut out = HashMap::with_capacity(parts.len());
    for p in parts {
        match p {
            Part::Known { id } => {
                if let Some(c) = old.remove(&id) {
                    out.insert(id, c);
                }
            }
            Part::New { id, cached } => {
                out.insert(id, cached);
            }
        }
    }
    out
}

/// Which stored chunk keys may be removed after a save: those the replaced manifest
/// (and any orphans found earlier) name that the new manifest does not.
pub fn garbage<'a>(
    new: &Manifest,
    candidates: impl IntoIterator<Item = &'a String>,
) -> Vec<String> {
    let keep = new.keys();
    let mut out: Vec<String> = candidates
        .into_iter()
        .filter(|k| k.starts_with(CHUNK_PREFIX) && !keep.contains(*k))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::example::example_plan;
    use crate::core::format::{import_plan, store_plan};
    use crate::core::model::Kpi;

    fn save_all(
        cache: &mut ChunkCache,
        store: &mut HashMap<String, String>,
        plan: &Plan,
        at: &str,
    ) -> (Manifest, Vec<String>) {
        let keys: HashSet<String> = store.keys().cloned().collect();
        let p = cache.prepare(plan, at, "tab 1 1", &|k| keys.contains(k));
        let written: Vec<String> = p.writes.iter().map(|(k, _)| k.clone()).collect();
        for (k, t) in &p.writes {
            store.insert(k.clone(), t.clone());
        }
        let m = p.manifest.clone();
        assert_eq!(Manifest::parse(&p.manifest_text).unwrap(), m);
        let text = assemble(&m, |k| store.get(k).cloned()).unwrap();
        assert_eq!(p.plan_chars, text.len());
        cache.commit(p);
        // Drop what the manifest no longer names.
        let all: Vec<String> = store.keys().cloned().collect();
        for k in garbage(&m, all.iter()) {
            store.remove(&k);
        }
        (m, written)
    }

    #[test]
    fn assembled_text_is_the_stored_plan_file() {
        let plan = example_plan().plan;
        let mut store = HashMap::new();
        let (m, _) = save_all(
            &mut ChunkCache::default(),
            &mut store,
            &plan,
            "2026-11-22T10:00:00Z",
        );
        let text = assemble(&m, |k| store.get(k).cloned()).unwrap();
        assert_eq!(text, store_plan(&plan, "2026-11-22T10:00:00Z"));
        assert_eq!(import_plan(&text).unwrap().plan, plan);
    }

    #[test]
    fn an_empty_plan_assembles() {
        let plan = Plan::default();
        let mut store = HashMap::new();
        let (m, _) = save_all(&mut ChunkCache::default(), &mut store, &plan, "t");
        assert!(m.priorities.is_empty() && m.kpis.is_empty());
        let text = assemble(&m, |k| store.get(k).cloned()).unwrap();
        assert_eq!(text, store_plan(&plan, "t"));
        assert_eq!(import_plan(&text).unwrap().plan.priorities.len(), 0);
    }

    #[test]
    fn an_edit_rewrites_one_chunk_and_removes_the_old_one() {
        let mut plan = crate::core::stress::stress_plan(1);
        let mut cache = ChunkCache::default();
        let mut store = HashMap::new();
        let (m1, w1) = save_all(&mut cache, &mut store, &plan, "t1");
        assert_eq!(w1.len(), store.len());
        // One action's title: one group of actions.
        plan.priorities[6].actions[3].title.push_str(" (revised)");
        let (m2, w2) = save_all(&mut cache, &mut store, &plan, "t1");
        assert_eq!(w2.len(), 1);
        assert!(m2.priorities[6]
            .actions
            .iter()
            .any(|h| chunk_key(h) == w2[0]));
        assert_ne!(m1.priorities[6], m2.priorities[6]);
        assert_eq!(m1.priorities[5], m2.priorities[5]);
        let gone: Vec<&String> = m1.priorities[6]
            .actions
            .iter()
            .filter(|h| !m2.priorities[6].actions.contains(h))
            .collect();
        assert_eq!(gone.len(), 1);
        assert!(!store.contains_key(&chunk_key(gone[0])));
        assert!(store.get(&w2[0]).unwrap().len() < 60_000);
        assert_eq!(store.len(), m2.keys().len());
        // A priority's title: its head only.
        plan.priorities[2].title.push_str(" (revised)");
        let (m, w) = save_all(&mut cache, &mut store, &plan, "t1");
        assert_eq!(w, vec![chunk_key(&m.priorities[2].head)]);
        // An outcome's action.
        plan.priorities[3].outcomes[1].actions[0]
            .leads
            .push("DCS".into());
        let (m, w) = save_all(&mut cache, &mut store, &plan, "t1");
        assert_eq!(w.len(), 1);
        assert!(m.priorities[3].outcomes[1]
            .actions
            .iter()
            .any(|h| chunk_key(h) == w[0]));
        // One KPI's value: one group.
        plan.kpis[250].notes = "checked".into();
        let (_, w3) = save_all(&mut cache, &mut store, &plan, "t1");
        assert_eq!(w3.len(), 1);
        let group = store.get(&w3[0]).unwrap();
        assert!(group.len() < 60_000, "a KPI group is {} chars", group.len());
        // Nothing changed: nothing written but the manifest.
        let (_, w4) = save_all(&mut cache, &mut store, &plan, "t2");
        assert!(w4.is_empty());
        let text = assemble(&m2, |k| store.get(k).cloned());
        assert!(text.is_err(), "the old manifest's chunks are gone");
    }

    #[test]
    fn adding_a_kpi_changes_only_its_group() {
        let mut plan = crate::core::stress::stress_plan(2);
        let mut cache = ChunkCache::default();
        let mut store = HashMap::new();
        save_all(&mut cache, &mut store, &plan, "t");
        let k = Kpi {
            id: Id::new("kpi-new"),
            title: "New".into(),
            ..Kpi::default()
        };
        plan.kpis.insert(3, k);
        let (_, w) = save_all(&mut cache, &mut store, &plan, "t");
        assert!(w.len() <= 2, "{} chunks rewritten", w.len());
    }

    #[test]
    fn groups_cover_every_item_in_order() {
        let plan = crate::core::stress::stress_plan(3);
        let groups = groups(&plan.kpis);
        let flat: Vec<&Kpi> = groups.iter().flat_map(|g| g.iter()).collect();
        assert_eq!(flat.len(), plan.kpis.len());
        assert!(flat
            .iter()
            .zip(&plan.kpis)
            .all(|(a, b)| std::ptr::eq(*a, b)));
        assert!(groups.iter().all(|g| !g.is_empty() && g.len() <= GROUP_MAX));
        let n = groups.len();
        assert!((30..=130).contains(&n), "{n} groups of 500 KPIs");
    }

    #[test]
    fn chunks_already_stored_are_not_written_again_even_without_the_cache() {
        let plan = example_plan().plan;
        let mut store = HashMap::new();
        save_all(&mut ChunkCache::default(), &mut store, &plan, "t");
        let (_, w) = save_all(&mut ChunkCache::default(), &mut store, &plan, "t");
        assert!(w.is_empty());
    }

    #[test]
    fn a_cached_chunk_missing_from_storage_is_written_again() {
        // Another tab's save removed it: the cache knows the hash, storage does not.
        let plan = example_plan().plan;
        let mut cache = ChunkCache::default();
        let mut store = HashMap::new();
        let (m, _) = save_all(&mut cache, &mut store, &plan, "t");
        let gone = chunk_key(&m.priorities[0].actions[0]);
        store.remove(&gone);
        let (_, w) = save_all(&mut cache, &mut store, &plan, "t");
        assert_eq!(w, vec![gone]);
        let text = assemble(&m, |k| store.get(k).cloned()).unwrap();
        assert_eq!(import_plan(&text).unwrap().plan, plan);
    }

    #[test]
    fn priming_makes_the_next_save_serialise_nothing() {
        let plan = crate::core::stress::stress_plan(1);
        let mut cache = ChunkCache::default();
        let mut steps = 0;
        let mut from = 0;
        loop {
            let mut budget = 10;
            match cache.prime(&plan, from, &mut || {
                budget -= 1;
                budget >= 0
            }) {
                Some(next) => {
                    assert!(next > from);
                    from = next;
                    steps += 1;
                }
                None => break,
            }
        }
        assert!(steps > 3);
        assert_eq!(
            cache.known(),
            plan.priorities
                .iter()
                .map(|p| groups(&p.actions).len()
                    + p.outcomes
                        .iter()
                        .map(|o| groups(&o.actions).len())
                        .sum::<usize>())
                .sum::<usize>()
                + groups(&plan.kpis).len()
        );
        // Everything was stored earlier by another cache: no write, and every part known.
        let mut store = HashMap::new();
        save_all(&mut ChunkCache::default(), &mut store, &plan, "t");
        let keys: HashSet<String> = store.keys().cloned().collect();
        let p = cache.prepare(&plan, "t", "s", &|k| keys.contains(k));
        assert!(p.writes.is_empty());
        assert!(p.actions.iter().all(|x| matches!(x, Part::Known { .. })));
        assert!(p.kpis.iter().all(|x| matches!(x, Part::Known { .. })));
    }

    #[test]
    fn a_missing_chunk_is_named_and_the_rest_kept() {
        let plan = example_plan().plan;
        let mut store = HashMap::new();
        let (m, _) = save_all(&mut ChunkCache::default(), &mut store, &plan, "t");
        let gone = chunk_key(&m.priorities[1].head);
        store.remove(&gone);
        let e = assemble(&m, |k| store.get(k).cloned()).unwrap_err();
        assert_eq!(e.key, gone);
        assert_eq!(e.count, 1);
        assert!(e.partial.contains(&plan.priorities[0].title));
    }

    #[test]
    fn manifests_of_a_newer_layout_are_refused_in_words() {
        let e = Manifest::parse(r#"{"store":"waymark-chunks","store_version":9}"#).unwrap_err();
        assert!(e.contains("newer version of Waymark"), "{e}");
        assert!(Manifest::parse("{").is_err());
        assert!(Manifest::parse(r#"{"store":"other","store_version":1}"#).is_err());
    }

    #[test]
    fn a_newer_plan_format_is_refused_by_the_import_path() {
        let plan = example_plan().plan;
        let mut store = HashMap::new();
        let (mut m, _) = save_all(&mut ChunkCache::default(), &mut store, &plan, "t");
        m.format_version = FORMAT_VERSION + 1;
        let text = assemble(&m, |k| store.get(k).cloned()).unwrap();
        assert!(matches!(
            import_plan(&text),
            Err(crate::core::format::ImportError::TooNew { .. })
        ));
    }

    #[test]
    fn fnv_is_the_published_function() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(chunk_key(&chunk_hash("a")), "waymark.c.af63dc4c8601ec8c");
    }
}
