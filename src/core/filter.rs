//! Finding actions: filters and sort orders for the Plan page, kept in the URL's
//! query parameters so a filtered view can be bookmarked and shared.

use super::date::Date;
use super::model::{Action, ActionRef, ActionStatus, Id, Plan, Rag};
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
}

impl ActionFilter {
    /// Reads the filter from query parameters: q, lead, rag, priority, overdue=1, status, sort.
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
        let by_rag = filter_actions(
            &plan,
            &ActionFilter {
                sort: SortKey::Rag,
                ..ActionFilter::default()
            },
            today,
        );
        assert_eq!(by_rag.len(), all.len());
        for w in by_rag.windows(2) {
            let (a, b) = (w[0].action, w[1].action);
            let (sa, sb) = (a.current_rag().severity(), b.current_rag().severity());
            assert!(sa < sb || (sa == sb && pos(&a.id) < pos(&b.id)));
        }
        let by_due = filter_actions(
            &plan,
            &ActionFilter {
                sort: SortKey::Due,
                ..ActionFilter::default()
            },
            today,
        );
        for w in by_due.windows(2) {
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
        ) {
            let f = ActionFilter {
                text,
                lead,
                rag: rag.map(|i| Rag::ALL[i]),
                priority: priority.map(Id),
                overdue,
                status: status.map(|i| ActionStatus::ALL[i]),
                sort: SortKey::ALL[sort],
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

    #[test]
    fn the_search_index_finds_what_the_plain_search_finds() {
        let plan = big_plan();
        let index = SearchIndex::new(&plan);
        let today = d(2010, 1, 1);
        for q in [
            "zebra",
            "SAFEGUARDING zebra",
            "care review",
            "naïve",
            "ni 59 ad",
            "",
            "1.1",
        ] {
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
        for q in [
            "zebra",
            "SAFEGUARDING zebra",
            "care review",
            "naïve",
            "ni 59 ad",
        ] {
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
