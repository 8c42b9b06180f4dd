//! Finding actions and KPIs: filters and sort orders for the Plan page and the KPI
//! list, kept in the URL's query parameters so a filtered view can be bookmarked
//! and shared.

use super::date::Date;
use super::kpi::{Direction, KpiSummary};
use super::model::{Action, ActionRef, ActionStatus, Id, Kpi, Plan, Rag};
use super::table::period_sort_key;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How the action list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Document order (reference).
    #[default]
    Reference,
    /// Soonest due first; no due date last.
    Due,
    /// Red, amber, not rated, green, complete.
    Rag,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Reference, SortKey::Due, SortKey::Rag];

    /// The value of the `sort` query parameter.
    pub fn key(self) -> &'static str {
        match self {
            SortKey::Reference => "reference",
            SortKey::Due => "due",
            SortKey::Rag => "rag",
        }
    }

    /// Reads a `sort` value; unknown values give None.
    pub fn from_key(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.key() == s.trim())
    }

    /// The words shown for the sort order.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Reference => "Reference",
            SortKey::Due => "Due date",
            SortKey::Rag => "RAG status",
        }
    }
}

// The key functions below are the enums' own ([`ActionStatus::key`],
// [`Rag::from_key`]), kept under these names for the pages that import them.

/// The machine name of an action status, as used in URLs: [`ActionStatus::key`].
pub fn status_key(s: ActionStatus) -> &'static str {
    s.key()
}

/// Reads an action status from its machine name: [`ActionStatus::from_key`].
pub fn status_from_key(s: &str) -> Option<ActionStatus> {
    ActionStatus::from_key(s)
}

/// Reads a RAG from its machine name or as plans write it: [`Rag::from_key`].
pub fn rag_from_key(s: &str) -> Option<Rag> {
    Rag::from_key(s)
}

/// The filters of the action list. Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionFilter {
    /// Words to find in the reference, title or any text field (case-insensitive; all words must match).
    pub text: String,
    /// A lead (case-insensitive match on any of the action's leads).
    pub lead: String,
    pub rag: Option<Rag>,
    pub priority: Option<Id>,
    pub overdue: bool,
    pub status: Option<ActionStatus>,
    pub sort: SortKey,
    /// Only the actions the plan's request for updates asks about (a partner's
    /// "my actions"; see `core::exchange`).
    pub requested: bool,
}

impl ActionFilter {
    /// Reads the filter from query parameters: q, lead, rag, priority, overdue=1,
    /// status, sort, mine=1 (the actions asked about).
    ///
    /// Unknown values are ignored (they do not filter); `overdue` is on for "1",
    /// "true" or "yes".
    pub fn from_params(params: &BTreeMap<String, String>) -> ActionFilter {
        let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
        ActionFilter {
            text: get("q").to_string(),
            lead: get("lead").to_string(),
            rag: Some(get("rag"))
                .filter(|s| !s.trim().is_empty())
                .and_then(Rag::from_key),
            priority: Some(get("priority")).filter(|s| !s.is_empty()).map(Id::new),
            overdue: matches!(get("overdue").trim(), "1" | "true" | "yes"),
            status: ActionStatus::from_key(get("status")),
            sort: SortKey::from_key(get("sort")).unwrap_or_default(),
            requested: get("mine").trim() == "1",
        }
    }

    /// The query parameters for this filter (only the ones that are set).
    pub fn to_params(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        if !self.text.is_empty() {
            m.insert("q".to_string(), self.text.clone());
        }
        if !self.lead.is_empty() {
            m.insert("lead".to_string(), self.lead.clone());
        }
        if let Some(r) = self.rag {
            m.insert("rag".to_string(), r.key().to_string());
        }
        if let Some(p) = &self.priority {
            if !p.0.is_empty() {
                m.insert("priority".to_string(), p.0.clone());
            }
        }
        if self.overdue {
            m.insert("overdue".to_string(), "1".to_string());
        }
        if let Some(s) = self.status {
            m.insert("status".to_string(), s.key().to_string());
        }
        if self.sort != SortKey::Reference {
            m.insert("sort".to_string(), self.sort.key().to_string());
        }
        if self.requested {
            m.insert("mine".to_string(), "1".to_string());
        }
        m
    }

    pub fn is_empty(&self) -> bool {
        *self
            == ActionFilter {
                sort: self.sort,
                ..ActionFilter::default()
            }
    }
}

/// Past its due date or a not-done milestone's, and not complete or cancelled.
pub fn is_overdue(a: &Action, today: Date) -> bool {
    if matches!(a.status, ActionStatus::Complete | ActionStatus::Cancelled) {
        return false;
    }
    a.due.is_some_and(|d| d < today)
        || a.milestones
            .iter()
            .any(|m| !m.done && m.due.is_some_and(|d| d < today))
}

/// Calls `f` on each text field of an action searched by the text filter.
fn each_text(a: &Action, f: &mut dyn FnMut(&str)) {
    for s in [
        &a.reference,
        &a.title,
        &a.description,
        &a.starting_point,
        &a.timeline,
        &a.resources,
        &a.projected_outcomes,
        &a.measures,
    ] {
        f(s);
    }
    a.leads.iter().for_each(|s| f(s));
    a.monitored_by.iter().for_each(|s| f(s));
    a.review_refs.iter().for_each(|s| f(s));
    a.milestones.iter().for_each(|m| f(&m.title));
    for r in &a.risks {
        f(&r.description);
        f(&r.mitigation);
    }
    for u in &a.updates {
        f(&u.reason);
        f(&u.commentary);
        f(&u.author);
    }
}

/// Writes the action's searchable text into `buf`, lower-cased, one field a line
/// (a search word has no whitespace, so it never matches across two fields).
///
/// `buf` is reused from action to action, so a search allocates almost nothing;
/// ASCII fields (nearly all) are copied and lower-cased in place, and the words are
/// then found with the standard library's substring search.
fn searchable_text(a: &Action, buf: &mut String) {
    buf.clear();
    each_text(a, &mut |field| {
        if field.is_ascii() {
            let start = buf.len();
            buf.push_str(field);
            buf[start..].make_ascii_lowercase();
        } else {
            buf.extend(field.chars().flat_map(char::to_lowercase));
        }
        buf.push('\n');
    });
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The actions that pass the filter, in its sort order.
///
/// The text filter looks in the reference, title, description, starting point,
/// timeline, resources, leads, monitored by, projected outcomes, measures,
/// milestones, risks (description and mitigation), review references and progress
/// updates (reason, commentary, author).
pub fn filter_actions<'a>(plan: &'a Plan, f: &ActionFilter, today: Date) -> Vec<ActionRef<'a>> {
    filter_actions_indexed(plan, f, today, None)
}

/// The searchable text of every action of a plan, lower-cased, in document order:
/// made once for a plan, so that each keystroke in the search box only searches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchIndex {
    texts: Vec<String>,
}

impl SearchIndex {
    pub fn new(plan: &Plan) -> SearchIndex {
        let mut buf = String::new();
        SearchIndex {
            texts: plan
                .actions()
                .map(|r| {
                    searchable_text(r.action, &mut buf);
                    buf.clone()
                })
                .collect(),
        }
    }
}

/// [`filter_actions`], searching the text through `index` when it is given and was
/// made from this plan (else the text is lower-cased as it is searched).
pub fn filter_actions_indexed<'a>(
    plan: &'a Plan,
    f: &ActionFilter,
    today: Date,
    index: Option<&SearchIndex>,
) -> Vec<ActionRef<'a>> {
    let words: Vec<String> = f.text.split_whitespace().map(str::to_lowercase).collect();
    let mut buf = String::new();
    let lead = f.lead.trim();
    let index = index.filter(|ix| ix.texts.len() == plan.action_count());
    let requested = f
        .requested
        .then(|| super::exchange::requested_actions(plan).unwrap_or_default());
    let mut out: Vec<ActionRef<'a>> = plan
        .actions()
        .enumerate()
        .filter(|(i, r)| {
            let a = r.action;
            f.priority.as_ref().is_none_or(|p| &r.priority.id == p)
                && f.status.is_none_or(|s| a.status == s)
                && f.rag.is_none_or(|g| a.current_rag() == g)
                && (lead.is_empty() || a.leads.iter().any(|l| same_ignoring_case(l, lead)))
                && (!f.overdue || is_overdue(a, today))
                && requested.as_ref().is_none_or(|ids| ids.contains(&a.id))
                && (words.is_empty() || {
                    let text = match index {
                        Some(ix) => ix.texts[*i].as_str(),
                        None => {
                            searchable_text(a, &mut buf);
                            buf.as_str()
                        }
                    };
                    words.iter().all(|w| text.contains(w.as_str()))
                })
        })
        .map(|(_, r)| r)
        .collect();
    match f.sort {
        SortKey::Reference => {}
        // Stable sorts: ties keep document order.
        SortKey::Due => out.sort_by_key(|r| (r.action.due.is_none(), r.action.due)),
        SortKey::Rag => out.sort_by_key(|r| r.action.current_rag().severity()),
    }
    out
}

/// All distinct leads of the plan's actions, sorted, for the lead filter's choices.
///
/// Leads are trimmed; blank ones are left out; leads differing only in case are
/// one choice (the first spelling met in document order).
pub fn all_leads(plan: &Plan) -> Vec<String> {
    let mut seen = BTreeMap::new();
    for r in plan.actions() {
        for l in &r.action.leads {
            let t = l.trim();
            if !t.is_empty() {
                seen.entry(t.to_lowercase())
                    .or_insert_with(|| t.to_string());
            }
        }
    }
    seen.into_values().collect()
}

// ---------------------------------------------------------------------------
// Finding KPIs

/// The KPI list's columns that sort it (every column but the sparkline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiSort {
    Code,
    Title,
    Unit,
    Latest,
    Target,
    Rag,
    Direction,
    Officer,
    Linked,
}

impl KpiSort {
    pub const ALL: [KpiSort; 9] = [
        KpiSort::Code,
        KpiSort::Title,
        KpiSort::Unit,
        KpiSort::Latest,
        KpiSort::Target,
        KpiSort::Rag,
        KpiSort::Direction,
        KpiSort::Officer,
        KpiSort::Linked,
    ];

    /// The value of the `sort` query parameter.
    pub fn key(self) -> &'static str {
        match self {
            KpiSort::Code => "code",
            KpiSort::Title => "title",
            KpiSort::Unit => "unit",
            KpiSort::Latest => "latest",
            KpiSort::Target => "target",
            KpiSort::Rag => "rag",
            KpiSort::Direction => "direction",
            KpiSort::Officer => "officer",
            KpiSort::Linked => "linked",
        }
    }

    /// Reads a `sort` value; unknown values give None.
    pub fn from_key(s: &str) -> Option<KpiSort> {
        KpiSort::ALL.into_iter().find(|k| k.key() == s.trim())
    }

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            KpiSort::Code => "Code",
            KpiSort::Title => "Title",
            KpiSort::Unit => "Unit",
            KpiSort::Latest => "Latest actual",
            KpiSort::Target => "Target",
            KpiSort::Rag => "RAG",
            KpiSort::Direction => "Direction of travel",
            KpiSort::Officer => "Responsible officer",
            KpiSort::Linked => "Linked to",
        }
    }
}

/// The KPI list's filters, sort order and view, as kept in the address: `q`,
/// `priority`, `source`, `rag`, `direction`, `nodata=1`, `sort`, `dir=desc`,
/// `compact=1`. Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KpiFilter {
    /// Words to find in the code or title, as typed (matched case-insensitively;
    /// every word must be found; spaces around and between words do not matter).
    pub text: String,
    /// A priority (its KPIs and its outcomes' KPIs) or an outcome, by id.
    pub place: Option<Id>,
    /// One of the KPI's sources (case and surrounding spaces ignored).
    pub source: String,
    /// The latest rating's RAG.
    pub rag: Option<Rag>,
    /// The short direction of travel.
    pub direction: Option<Direction>,
    /// Only KPIs with no actual for the plan's latest period ([`latest_period`]).
    pub no_data: bool,
    /// The sort column; None keeps plan order.
    pub sort: Option<KpiSort>,
    pub descending: bool,
    /// The compact view (a view setting, kept with the filters in the address).
    pub compact: bool,
}

impl KpiFilter {
    /// Reads the list's state from query parameters. Unknown values are ignored
    /// (they do not filter); `nodata` and `compact` are on for "1", `dir` is
    /// descending for "desc" (and only with a sort column).
    pub fn from_params(p: &BTreeMap<String, String>) -> KpiFilter {
        let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
        let sort = KpiSort::from_key(get("sort"));
        KpiFilter {
            text: get("q").to_string(),
            place: Some(get("priority").trim())
                .filter(|s| !s.is_empty())
                .map(Id::new),
            source: get("source").trim().to_string(),
            rag: Some(get("rag"))
                .filter(|s| !s.trim().is_empty())
                .and_then(rag_from_key),
            direction: Direction::from_key(get("direction")),
            no_data: get("nodata").trim() == "1",
            sort,
            descending: sort.is_some() && get("dir").trim() == "desc",
            compact: get("compact").trim() == "1",
        }
    }

    /// The query parameters of this state (only the ones that are set).
    pub fn to_params(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let mut put = |k: &str, v: &str| {
            if !v.is_empty() {
                m.insert(k.to_string(), v.to_string());
            }
        };
        put("q", &self.text);
        put("priority", self.place.as_ref().map_or("", Id::as_str));
        put("source", self.source.trim());
        put("rag", self.rag.map_or("", Rag::key));
        put("direction", self.direction.map_or("", Direction::key));
        put("nodata", if self.no_data { "1" } else { "" });
        put("sort", self.sort.map_or("", KpiSort::key));
        let desc = self.descending && self.sort.is_some();
        put("dir", if desc { "desc" } else { "" });
        put("compact", if self.compact { "1" } else { "" });
        m
    }

    /// Whether any filter is set (the sort order and view are not filters).
    pub fn is_filtering(&self) -> bool {
        *self != self.cleared()
    }

    /// The same sort order and view with no filters ("Clear filters").
    pub fn cleared(&self) -> KpiFilter {
        KpiFilter {
            sort: self.sort,
            descending: self.descending,
            compact: self.compact,
            ..KpiFilter::default()
        }
    }

    /// After selecting a column heading: that column ascending, or the other way
    /// round when it is already the sort column.
    pub fn sorted_by(&self, col: KpiSort) -> KpiFilter {
        let descending = self.sort == Some(col) && !self.descending;
        KpiFilter {
            sort: Some(col),
            descending,
            ..self.clone()
        }
    }

    /// Whether a KPI passes every filter; `latest` is the plan's latest period
    /// ([`latest_period`]), for `no_data`.
    pub fn matches(&self, k: &KpiSummary, latest: Option<&str>) -> bool {
        let words: Vec<String> = self
            .text
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        if !words.is_empty() {
            let code = k.code.to_lowercase();
            let title = k.title.to_lowercase();
            if !words
                .iter()
                .all(|w| code.contains(w.as_str()) || title.contains(w.as_str()))
            {
                return false;
            }
        }
        if let Some(place) = &self.place {
            if k.priority_id.as_ref() != Some(place) && k.outcome_id.as_ref() != Some(place) {
                return false;
            }
        }
        let source = self.source.trim();
        if !source.is_empty() && !k.sources.iter().any(|s| same_ignoring_case(s, source)) {
            return false;
        }
        if self.rag.is_some_and(|r| r != k.rag) {
            return false;
        }
        if self.direction.is_some_and(|d| d != k.direction) {
            return false;
        }
        if self.no_data && latest.is_some() && k.latest_period.as_deref() == latest {
            return false;
        }
        true
    }
}

/// A place a KPI can be linked to: a priority, or an outcome of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiPlace {
    /// The priority's or the outcome's id.
    pub id: Id,
    /// The priority's id (its own for a priority).
    pub priority: Id,
    /// "Priority 4", "Priority 4, outcome 4".
    pub label: String,
}

impl KpiPlace {
    pub fn priority(id: Id, number: &str) -> KpiPlace {
        KpiPlace {
            label: format!("Priority {}", number.trim()),
            priority: id.clone(),
            id,
        }
    }

    pub fn outcome(priority: Id, priority_number: &str, id: Id, number: &str) -> KpiPlace {
        KpiPlace {
            id,
            priority,
            label: format!(
                "Priority {}, outcome {}",
                priority_number.trim(),
                number.trim()
            ),
        }
    }
}

/// Every priority and outcome of a plan, in plan order (each priority, then its
/// outcomes): the choices of the KPI list's "Priority or outcome" filter.
pub fn kpi_places(plan: &Plan) -> Vec<KpiPlace> {
    let mut v = Vec::new();
    for p in &plan.priorities {
        v.push(KpiPlace::priority(p.id.clone(), &p.number));
        for o in &p.outcomes {
            v.push(KpiPlace::outcome(
                p.id.clone(),
                &p.number,
                o.id.clone(),
                &o.number,
            ));
        }
    }
    v
}

/// Where a KPI is linked, as a position in `places`: its outcome when that outcome
/// is one of its priority's, else its priority; None when its priority is not there.
fn place_index(places: &[KpiPlace], priority: Option<&Id>, outcome: Option<&Id>) -> Option<usize> {
    let priority = priority?;
    outcome
        .and_then(|o| {
            places
                .iter()
                .position(|x| &x.id == o && &x.priority == priority && x.id != x.priority)
        })
        .or_else(|| {
            places
                .iter()
                .position(|x| &x.id == priority && x.id == x.priority)
        })
}

/// Where a KPI is linked, in words: "Priority 4, outcome 4", "Priority 4", or "Not
/// linked" (also for a priority no longer in the plan).
pub fn linked_words(places: &[KpiPlace], priority: Option<&Id>, outcome: Option<&Id>) -> String {
    match place_index(places, priority, outcome) {
        Some(i) => places[i].label.clone(),
        None => "Not linked".to_string(),
    }
}

/// The plan's latest period with an available actual of any KPI ("2009/10"), by
/// [`period_sort_key`]; None when no KPI has one.
pub fn latest_period(kpis: &[KpiSummary]) -> Option<String> {
    kpis.iter()
        .filter_map(|k| k.latest_period.as_deref())
        .max_by_key(|p| period_sort_key(p))
        .map(str::to_string)
}

/// Every source the KPIs name, trimmed, one per spelling ignoring case (the first
/// met), sorted ignoring case: the choices of the "Source" filter.
pub fn kpi_sources(kpis: &[Kpi]) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for s in kpis.iter().flat_map(|k| &k.sources) {
        let s = s.trim();
        if !s.is_empty() {
            seen.entry(s.to_lowercase())
                .or_insert_with(|| s.to_string());
        }
    }
    seen.into_values().collect()
}

/// What a KPI is sorted by in one column. Values of different kinds never meet in
/// one column but a target's: a figure sorts before words.
#[derive(Debug, PartialEq, PartialOrd)]
enum SortValue {
    Number(f64),
    Text(String),
}

fn text_value(s: &str) -> Option<SortValue> {
    let s = s.trim();
    (!s.is_empty()).then(|| SortValue::Text(s.to_lowercase()))
}

fn sort_value(col: KpiSort, k: &KpiSummary, places: &[KpiPlace]) -> Option<SortValue> {
    let rank = |n: usize| SortValue::Number(n as f64);
    match col {
        KpiSort::Code => text_value(&k.code),
        KpiSort::Title => text_value(&k.title),
        KpiSort::Unit => text_value(k.unit),
        KpiSort::Latest => k.latest_value.map(SortValue::Number),
        KpiSort::Target => match (k.target_value, &k.target) {
            (Some(x), _) => Some(SortValue::Number(x)),
            (None, Some(t)) => text_value(t),
            (None, None) => None,
        },
        KpiSort::Rag => Some(rank(k.rag.severity().into())),
        KpiSort::Direction => match k.direction {
            Direction::Worsening => Some(rank(0)),
            Direction::NoChange => Some(rank(1)),
            Direction::Improving => Some(rank(2)),
            Direction::NotComparable => None,
        },
        KpiSort::Officer => text_value(&k.officer),
        KpiSort::Linked => {
            place_index(places, k.priority_id.as_ref(), k.outcome_id.as_ref()).map(rank)
        }
    }
}

/// The KPIs that pass the filter, in its sort order.
///
/// Sort orders: text columns alphabetically ignoring case; latest actual and target
/// by figure (a target in words after the figures, alphabetically); RAG red, amber,
/// not rated, green, complete; direction worsening, no change, improving; linked to
/// in plan order. A KPI with nothing in the column (no code, no actual, no target,
/// no trend yet, not linked) comes last whichever way the column is sorted, and
/// KPIs that tie keep plan order both ways.
pub fn find_kpis<'a>(
    kpis: &'a [KpiSummary],
    f: &KpiFilter,
    places: &[KpiPlace],
) -> Vec<&'a KpiSummary> {
    let latest = latest_period(kpis);
    let mut out: Vec<&KpiSummary> = kpis
        .iter()
        .filter(|k| f.matches(k, latest.as_deref()))
        .collect();
    if let Some(col) = f.sort {
        let mut keyed: Vec<(Option<SortValue>, &KpiSummary)> = out
            .into_iter()
            .map(|k| (sort_value(col, k, places), k))
            .collect();
        keyed.sort_by(|(a, _), (b, _)| match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(y).unwrap_or(Ordering::Equal);
                if f.descending {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        out = keyed.into_iter().map(|(_, k)| k).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::example::example_plan;
    use crate::core::model::{Milestone, Priority, ProgressUpdate, Risk};

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn refs(v: &[ActionRef<'_>]) -> Vec<String> {
        v.iter().map(|r| r.action.reference.clone()).collect()
    }

    fn text(q: &str) -> ActionFilter {
        ActionFilter {
            text: q.into(),
            ..ActionFilter::default()
        }
    }

    fn act(reference: &str) -> Action {
        Action {
            id: Id(format!("a{reference}")),
            reference: reference.into(),
            ..Action::default()
        }
    }

    /// A small plan where each field holds a word found nowhere else.
    fn small_plan() -> Plan {
        let mut a = act("1.1");
        a.title = "Recruit social workers".into();
        a.description = "Grow our own".into();
        a.starting_point = "Vacancy rate 30%".into();
        a.timeline = "Sept 2009 – April 2010".into();
        a.resources = "DCSF IESE grant £4,000".into();
        a.leads = vec!["AD CM".into(), "Head of HR".into()];
        a.monitored_by = vec!["Chief Executive".into()];
        a.projected_outcomes = "Caseloads below twenty".into();
        a.measures = "NI 59".into();
        a.risks = vec![Risk {
            description: "Market shortage".into(),
            mitigation: "Golden hello".into(),
            ..Risk::default()
        }];
        a.review_refs = vec!["DR 5.1.2".into()];
        a.updates = vec![ProgressUpdate {
            date: Some(d(2009, 10, 1)),
            author: "Jo Bloggs".into(),
            rag: Rag::Amber,
            reason: "Amber because advert delayed".into(),
            commentary: "Panel booked for Naïve Café".into(),
            ..ProgressUpdate::default()
        }];
        a.due = Some(d(2010, 4, 30));
        a.milestones = vec![Milestone {
            title: "Advert placed".into(),
            due: Some(d(2009, 9, 1)),
            done: true,
            ..Milestone::default()
        }];
        let mut b = act("1.2");
        b.title = "Supervision audit".into();
        b.leads = vec!["ad cm".into()];
        b.stated_rag = Some(Rag::Red);
        b.due = Some(d(2009, 12, 31));
        let mut c = act("2.1");
        c.title = "Complete the review".into();
        c.status = ActionStatus::Complete;
        c.due = Some(d(2009, 7, 1));
        c.leads = vec![" DCS ".into()];
        let mut e = act("2.2");
        e.title = "Social care pathway".into();
        e.status = ActionStatus::NotStarted;
        e.milestones = vec![Milestone {
            title: "Draft".into(),
            due: Some(d(2009, 8, 1)),
            done: false,
            ..Milestone::default()
        }];
        e.updates = vec![ProgressUpdate {
            date: Some(d(2009, 9, 1)),
            rag: Rag::Green,
            ..ProgressUpdate::default()
        }];
        Plan {
            priorities: vec![
                Priority {
                    id: Id::new("p1"),
                    number: "1".into(),
                    actions: vec![a, b],
                    ..Priority::default()
                },
                Priority {
                    id: Id::new("p2"),
                    number: "2".into(),
                    actions: vec![c, e],
                    ..Priority::default()
                },
            ],
            ..Plan::default()
        }
    }

    #[test]
    fn overdue() {
        let p = small_plan();
        let a: Vec<&Action> = p.actions().map(|r| r.action).collect();
        let today = d(2010, 1, 1);
        assert!(!is_overdue(a[0], today), "due later, milestone done");
        assert!(is_overdue(a[0], d(2010, 5, 1)), "past due");
        assert!(
            !is_overdue(a[0], d(2010, 4, 30)),
            "due today is not overdue"
        );
        assert!(is_overdue(a[1], today));
        assert!(!is_overdue(a[2], today), "complete");
        assert!(is_overdue(a[3], today), "a milestone not done is past due");
        let mut cancelled = a[1].clone();
        cancelled.status = ActionStatus::Cancelled;
        assert!(!is_overdue(&cancelled, today));
        let mut done = a[3].clone();
        done.milestones[0].done = true;
        assert!(!is_overdue(&done, today));
    }

    #[test]
    fn text_search_looks_in_every_field() {
        let p = small_plan();
        let today = d(2010, 1, 1);
        for q in [
            "1.1",
            "RECRUIT",
            "grow",
            "vacancy",
            "april 2010",
            "iese",
            "£4,000",
            "head of hr",
            "chief",
            "twenty",
            "ni 59",
            "shortage",
            "golden",
            "dr 5.1",
            "bloggs",
            "advert delayed",
            "panel",
            "naïve café",
            "NAÏVE",
            "advert placed",
        ] {
            let got = refs(&filter_actions(&p, &text(q), today));
            assert_eq!(got, ["1.1"], "{q}");
        }
        // Every word must match, each anywhere.
        assert_eq!(
            refs(&filter_actions(&p, &text("social   recruit"), today)),
            ["1.1"]
        );
        assert_eq!(
            refs(&filter_actions(&p, &text("social"), today)),
            ["1.1", "2.2"]
        );
        assert!(filter_actions(&p, &text("social zebra"), today).is_empty());
        // A word never spans two fields (title "… workers", description "Grow …").
        assert!(filter_actions(&p, &text("workersgrow"), today).is_empty());
        assert_eq!(filter_actions(&p, &text("   "), today).len(), 4);
    }

    #[test]
    fn each_filter() {
        let p = small_plan();
        let today = d(2010, 1, 1);
        let f = |f: ActionFilter| refs(&filter_actions(&p, &f, today));
        assert_eq!(f(ActionFilter::default()), ["1.1", "1.2", "2.1", "2.2"]);
        assert_eq!(
            f(ActionFilter {
                lead: "AD CM".into(),
                ..ActionFilter::default()
            }),
            ["1.1", "1.2"],
            "case-insensitive"
        );
        assert_eq!(
            f(ActionFilter {
                lead: "dcs".into(),
                ..ActionFilter::default()
            }),
            ["2.1"],
            "trimmed"
        );
        assert!(f(ActionFilter {
            lead: "AD".into(),
            ..ActionFilter::default()
        })
        .is_empty());
        let rag = |r| {
            f(ActionFilter {
                rag: Some(r),
                ..ActionFilter::default()
            })
        };
        assert_eq!(rag(Rag::Amber), ["1.1"]);
        assert_eq!(rag(Rag::Red), ["1.2"]);
        assert_eq!(rag(Rag::Blue), ["2.1"]);
        assert_eq!(rag(Rag::Green), ["2.2"]);
        assert!(rag(Rag::NotRated).is_empty());
        assert_eq!(
            f(ActionFilter {
                priority: Some(Id::new("p2")),
                ..ActionFilter::default()
            }),
            ["2.1", "2.2"]
        );
        assert_eq!(
            f(ActionFilter {
                overdue: true,
                ..ActionFilter::default()
            }),
            ["1.2", "2.2"]
        );
        assert_eq!(
            f(ActionFilter {
                status: Some(ActionStatus::NotStarted),
                ..ActionFilter::default()
            }),
            ["2.2"]
        );
        assert_eq!(
            f(ActionFilter {
                status: Some(ActionStatus::InProgress),
                ..ActionFilter::default()
            }),
            ["1.1", "1.2"]
        );
    }

    #[test]
    fn combined_filters() {
        let p = small_plan();
        let today = d(2010, 1, 1);
        let f = |f: ActionFilter| refs(&filter_actions(&p, &f, today));
        assert_eq!(
            f(ActionFilter {
                lead: "ad cm".into(),
                overdue: true,
                ..ActionFilter::default()
            }),
            ["1.2"]
        );
        assert_eq!(
            f(ActionFilter {
                text: "social".into(),
                priority: Some(Id::new("p2")),
                rag: Some(Rag::Green),
                overdue: true,
                status: Some(ActionStatus::NotStarted),
                sort: SortKey::Rag,
                ..ActionFilter::default()
            }),
            ["2.2"]
        );
        assert!(f(ActionFilter {
            text: "social".into(),
            priority: Some(Id::new("p1")),
            rag: Some(Rag::Green),
            ..ActionFilter::default()
        })
        .is_empty());
    }

    #[test]
    fn sort_orders() {
        let p = small_plan();
        let today = d(2010, 1, 1);
        let sorted = |s| {
            refs(&filter_actions(
                &p,
                &ActionFilter {
                    sort: s,
                    ..ActionFilter::default()
                },
                today,
            ))
        };
        assert_eq!(sorted(SortKey::Reference), ["1.1", "1.2", "2.1", "2.2"]);
        // 2.1 due 1 Jul 2009, 1.2 31 Dec 2009, 1.1 30 Apr 2010, 2.2 none.
        assert_eq!(sorted(SortKey::Due), ["2.1", "1.2", "1.1", "2.2"]);
        // Red, amber, green, complete.
        assert_eq!(sorted(SortKey::Rag), ["1.2", "1.1", "2.2", "2.1"]);
    }

    #[test]
    fn ties_keep_document_order() {
        let plan = example_plan().plan;
        let today = d(2010, 1, 1);
        let all: Vec<&str> = plan.actions().map(|r| r.action.id.as_str()).collect();
        let pos = |id: &Id| all.iter().position(|x| *x == id.as_str()).unwrap();
        let sorted_by = |sort: SortKey| {
            let f = ActionFilter {
                sort,
                ..ActionFilter::default()
            };
            filter_actions(&plan, &f, today)
        };
        let by_rag = sorted_by(SortKey::Rag);
        assert_eq!(by_rag.len(), all.len());
        for w in by_rag.windows(2) {
            let (a, b) = (w[0].action, w[1].action);
            let (sa, sb) = (a.current_rag().severity(), b.current_rag().severity());
            assert!(sa < sb || (sa == sb && pos(&a.id) < pos(&b.id)));
        }
        for w in sorted_by(SortKey::Due).windows(2) {
            let (a, b) = (w[0].action, w[1].action);
            let ka = (a.due.is_none(), a.due);
            let kb = (b.due.is_none(), b.due);
            assert!(ka < kb || (ka == kb && pos(&a.id) < pos(&b.id)));
        }
    }

    #[test]
    fn example_plan_filters() {
        let plan = example_plan().plan;
        let today = d(2010, 1, 1);
        let f = ActionFilter {
            lead: "head of school improvement".into(),
            ..ActionFilter::default()
        };
        let got = filter_actions(&plan, &f, today);
        assert!(got.len() >= 9, "{}", got.len());
        assert!(got.iter().all(|r| r
            .action
            .leads
            .iter()
            .any(|l| l == "Head of School Improvement")));
        for rag in Rag::ALL {
            let f = ActionFilter {
                rag: Some(rag),
                ..ActionFilter::default()
            };
            let n = filter_actions(&plan, &f, today).len();
            assert_eq!(
                n,
                plan.actions()
                    .filter(|r| r.action.current_rag() == rag)
                    .count()
            );
        }
        let leads = all_leads(&plan);
        assert!(leads.contains(&"Head of School Improvement".to_string()));
        let mut sorted = leads.clone();
        sorted.sort_by_key(|l| l.to_lowercase());
        sorted.dedup();
        assert_eq!(leads, sorted);
    }

    #[test]
    fn all_leads_are_distinct_and_trimmed() {
        assert_eq!(all_leads(&small_plan()), ["AD CM", "DCS", "Head of HR"]);
    }

    #[test]
    fn params_round_trip() {
        let empty = ActionFilter::default();
        assert!(empty.to_params().is_empty());
        assert_eq!(ActionFilter::from_params(&BTreeMap::new()), empty);
        assert!(empty.is_empty());
        let full = ActionFilter {
            text: "social care".into(),
            lead: "AD CM".into(),
            rag: Some(Rag::NotRated),
            priority: Some(Id::new("p4")),
            overdue: true,
            status: Some(ActionStatus::NotStarted),
            sort: SortKey::Due,
            requested: true,
        };
        let params = full.to_params();
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("lead", "AD CM"),
                ("mine", "1"),
                ("overdue", "1"),
                ("priority", "p4"),
                ("q", "social care"),
                ("rag", "not_rated"),
                ("sort", "due"),
                ("status", "not_started"),
            ]
        );
        assert_eq!(ActionFilter::from_params(&params), full);
        assert!(!full.is_empty());
        for rag in Rag::ALL {
            for status in ActionStatus::ALL {
                for sort in SortKey::ALL {
                    let f = ActionFilter {
                        rag: Some(rag),
                        status: Some(status),
                        sort,
                        ..ActionFilter::default()
                    };
                    assert_eq!(ActionFilter::from_params(&f.to_params()), f);
                }
            }
        }
        let sorted_only = ActionFilter {
            sort: SortKey::Rag,
            ..ActionFilter::default()
        };
        assert!(sorted_only.is_empty());
        assert_eq!(
            ActionFilter {
                sort: SortKey::Reference,
                ..ActionFilter::default()
            }
            .to_params()
            .get("sort"),
            None
        );
    }

    #[test]
    fn odd_params_are_ignored() {
        let p = |pairs: &[(&str, &str)]| {
            ActionFilter::from_params(
                &pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )
        };
        assert_eq!(
            p(&[
                ("rag", "purple"),
                ("status", "x"),
                ("sort", "zzz"),
                ("overdue", "0"),
                ("priority", ""),
                ("other", "1")
            ]),
            ActionFilter::default()
        );
        assert_eq!(p(&[("rag", "grey")]).rag, Some(Rag::NotRated));
        assert_eq!(p(&[("rag", "amber")]).rag, Some(Rag::Amber));
        assert_eq!(p(&[("sort", "reference")]).sort, SortKey::Reference);
        assert!(p(&[("overdue", "true")]).overdue);
    }

    proptest::proptest! {
        #[test]
        fn params_round_trip_any(
            text in ".{0,20}",
            lead in ".{0,10}",
            rag in proptest::option::of(0usize..5),
            priority in proptest::option::of("[a-z0-9-]{1,8}"),
            overdue in proptest::bool::ANY,
            status in proptest::option::of(0usize..4),
            sort in 0usize..3,
            requested in proptest::bool::ANY,
        ) {
            let f = ActionFilter {
                text,
                lead,
                rag: rag.map(|i| Rag::ALL[i]),
                priority: priority.map(Id),
                overdue,
                status: status.map(|i| ActionStatus::ALL[i]),
                sort: SortKey::ALL[sort],
                requested,
            };
            proptest::prop_assert_eq!(ActionFilter::from_params(&f.to_params()), f);
        }
    }

    /// 2,000 actions of about 600 characters of text each.
    fn big_plan() -> Plan {
        const WORDS: [&str; 24] = [
            "children",
            "social",
            "care",
            "review",
            "Ofsted",
            "school",
            "attendance",
            "partnership",
            "safeguarding",
            "health",
            "budget",
            "training",
            "Looked",
            "After",
            "leavers",
            "placement",
            "stability",
            "youth",
            "offending",
            "NEET",
            "early",
            "years",
            "family",
            "support",
        ];
        let mut seed: u64 = 42;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let mut sentence = |n: usize| {
            (0..n)
                .map(|_| WORDS[next() % WORDS.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let priorities = (0..20)
            .map(|p| Priority {
                id: Id(format!("p{p}")),
                number: (p + 1).to_string(),
                actions: (0..100)
                    .map(|i| Action {
                        id: Id(format!("a{p}-{i}")),
                        reference: format!("{}.{}", p + 1, i + 1),
                        title: sentence(6),
                        description: sentence(30),
                        starting_point: sentence(15),
                        timeline: "Sept 2009 – April 2010".into(),
                        resources: "Within existing budgets".into(),
                        leads: vec!["AD CM".into(), "Head of School Improvement".into()],
                        projected_outcomes: sentence(15),
                        measures: "NI 59".into(),
                        updates: vec![ProgressUpdate {
                            commentary: sentence(12),
                            author: "Performance officer".into(),
                            ..ProgressUpdate::default()
                        }],
                        ..Action::default()
                    })
                    .collect(),
                ..Priority::default()
            })
            .collect();
        Plan {
            priorities,
            ..Plan::default()
        }
    }

    /// The searches of the big plan that the index is checked and timed with.
    const BIG_PLAN_SEARCHES: [&str; 5] = [
        "zebra",
        "SAFEGUARDING zebra",
        "care review",
        "naïve",
        "ni 59 ad",
    ];

    #[test]
    fn the_search_index_finds_what_the_plain_search_finds() {
        let plan = big_plan();
        let index = SearchIndex::new(&plan);
        let today = d(2010, 1, 1);
        for q in BIG_PLAN_SEARCHES.into_iter().chain(["", "1.1"]) {
            let mut f = text(q);
            for sort in [SortKey::Reference, SortKey::Due, SortKey::Rag] {
                f.sort = sort;
                assert_eq!(
                    refs(&filter_actions_indexed(&plan, &f, today, Some(&index))),
                    refs(&filter_actions(&plan, &f, today)),
                    "{q:?} {sort:?}"
                );
            }
        }
        // An index of another plan is not used.
        let small = small_plan();
        let f = text("a");
        assert_eq!(
            refs(&filter_actions_indexed(&small, &f, today, Some(&index))),
            refs(&filter_actions(&small, &f, today))
        );
    }

    #[test]
    fn filtering_2000_actions_is_fast() {
        let plan = big_plan();
        assert_eq!(plan.action_count(), 2000);
        let chars: usize = plan
            .actions()
            .map(|r| {
                let a = r.action;
                a.title.len()
                    + a.description.len()
                    + a.starting_point.len()
                    + a.projected_outcomes.len()
                    + a.updates[0].commentary.len()
                    + 80
            })
            .sum();
        assert!(chars / 2000 >= 500, "{} chars an action", chars / 2000);
        let today = d(2010, 1, 1);
        let mut worst = std::time::Duration::ZERO;
        for q in BIG_PLAN_SEARCHES {
            let f = text(q);
            // The best of a few runs: the machine's noise is not the code's.
            let mut t = std::time::Duration::MAX;
            let mut n = 0;
            for _ in 0..5 {
                let start = std::time::Instant::now();
                n = filter_actions(&plan, &f, today).len();
                t = t.min(start.elapsed());
            }
            worst = worst.max(t);
            println!("{q:?}: {n} actions in {t:?}");
        }
        println!("worst: {worst:?} for 2,000 actions");
        let start = std::time::Instant::now();
        let index = SearchIndex::new(&plan);
        println!("index made in {:?}", start.elapsed());
        let start = std::time::Instant::now();
        let n = filter_actions_indexed(&plan, &text("care review"), today, Some(&index)).len();
        println!(
            "\"care review\" through the index: {n} actions in {:?}",
            start.elapsed()
        );
        // Generous: debug builds and busy machines are slower than a browser's release build.
        assert!(worst.as_millis() < 1000, "{worst:?}");
    }
}
