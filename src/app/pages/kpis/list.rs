//! The KPI list: one row per KPI with its latest actual, target, RAG, direction of
//! travel and a sparkline; filters and sort order kept in the address.

use super::{edit_location, kpi_location, kpi_name, linked_to, paste_location};
use crate::app::components::RagBadge;
use crate::app::download::{download, slug};
use crate::app::route::{use_router, Location};
use crate::app::schedule::drawn_rows;
use crate::app::state::{today, use_app};
use crate::core::csv::kpis_to_csv;
use crate::core::kpi::{figure, latest_actual_index, latest_rating, trend, Direction};
use crate::core::model::{Id, Kpi, Plan, Rag};
use crate::core::sparkline;
use crate::core::table::period_sort_key;
use crate::core::value::Target;
use leptos::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What a row shows, worked out once per KPI (memoised with the plan).
#[derive(Clone, PartialEq)]
pub struct Row {
    pub id: Id,
    /// Changes whenever anything shown changes (the key of the rendered row).
    pub key: String,
    pub code: String,
    pub name: String,
    pub title: String,
    pub unit: &'static str,
    pub latest: String,
    pub latest_num: Option<f64>,
    pub latest_period: Option<String>,
    pub target: String,
    pub target_num: Option<f64>,
    pub rag: Rag,
    pub direction: Direction,
    pub direction_text: String,
    pub spark: Vec<(Option<f64>, bool)>,
    pub spark_label: String,
    pub officer: String,
    pub linked: String,
    pub priority_id: Option<Id>,
    pub outcome_id: Option<Id>,
    pub sources: Vec<String>,
}

/// "↑ Improving for 2 periods".
pub fn direction_words(d: Direction, run: usize) -> String {
    if d != Direction::NotComparable && run > 1 {
        format!("{} for {run} periods", d.label())
    } else {
        d.label().to_string()
    }
}

/// A target in words with the KPI's decimals, trailing zeros dropped ("54").
pub fn target_words(t: &Target, decimals: u8) -> String {
    match t {
        Target::Value { value, note } => match note.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(n) => format!("{} ({n})", figure(*value, decimals)),
            None => figure(*value, decimals),
        },
        Target::Relative { text, .. } | Target::Text { text } => text.clone(),
    }
}

fn make_row(plan: &Plan, k: &Kpi) -> Row {
    let d = Some(k.decimals);
    let idx = latest_actual_index(k);
    let rating = latest_rating(k);
    let (latest, latest_num, latest_period) = match idx {
        Some(i) => {
            let p = &k.series[i];
            let v = p.actual.as_ref();
            (
                v.map(|v| v.display(d)).unwrap_or_default(),
                v.and_then(|v| v.value),
                Some(p.period.clone()),
            )
        }
        None => {
            // A later "not yet available" is worth saying.
            let na = k
                .series
                .iter()
                .rev()
                .find_map(|p| p.actual.as_ref().map(|v| (p.period.clone(), v.display(d))));
            match na {
                Some((period, text)) => (format!("{text} ({period})"), None, None),
                None => ("No data".to_string(), None, None),
            }
        }
    };
    let target_of = rating
        .as_ref()
        .and_then(|r| k.series.iter().find(|p| p.period == r.period))
        .and_then(|p| p.target.as_ref());
    let target = target_of
        .map(|t| target_words(t, k.decimals))
        .unwrap_or_else(|| "None".into());
    let target_num = target_of.and_then(Target::number);
    let t = trend(k, 3);
    let spark: Vec<(Option<f64>, bool)> = k
        .series
        .iter()
        .map(|p| match &p.actual {
            Some(v) => (v.value.filter(|x| x.is_finite()), v.provisional),
            None => (None, false),
        })
        .collect();
    let described: Vec<String> = k
        .series
        .iter()
        .filter_map(|p| {
            let v = p.actual.as_ref()?;
            v.value?;
            Some(format!("{} {}", p.period, v.display(d)))
        })
        .collect();
    let spark_label = if described.is_empty() {
        format!("{}: no actuals yet", kpi_name(k))
    } else {
        format!("Actuals of {}: {}", kpi_name(k), described.join(", "))
    };
    let mut row = Row {
        id: k.id.clone(),
        key: String::new(),
        code: k.code.clone(),
        name: kpi_name(k),
        title: k.title.clone(),
        unit: k.unit.label(),
        latest,
        latest_num,
        latest_period: latest_period.clone(),
        target,
        target_num,
        rag: rating.map(|r| r.rag).unwrap_or(Rag::NotRated),
        direction: t.short,
        direction_text: direction_words(t.short, t.run_length),
        spark,
        spark_label,
        officer: k.responsible_officer.clone(),
        linked: linked_to(plan, k),
        priority_id: k.priority_id.clone(),
        outcome_id: k.outcome_id.clone(),
        sources: k.sources.clone(),
    };
    row.key = format!(
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
        row.id,
        row.code,
        row.title,
        row.unit,
        row.latest,
        row.target,
        row.rag.key(),
        row.direction_text,
        row.spark_label,
        row.officer,
        row.linked,
        latest_period.unwrap_or_default()
    );
    row
}

// ---------------------------------------------------------------------------
// Filters and sort, in the address

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SortCol {
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

impl SortCol {
    const ALL: [SortCol; 9] = [
        SortCol::Code,
        SortCol::Title,
        SortCol::Unit,
        SortCol::Latest,
        SortCol::Target,
        SortCol::Rag,
        SortCol::Direction,
        SortCol::Officer,
        SortCol::Linked,
    ];
    fn key(self) -> &'static str {
        match self {
            SortCol::Code => "code",
            SortCol::Title => "title",
            SortCol::Unit => "unit",
            SortCol::Latest => "latest",
            SortCol::Target => "target",
            SortCol::Rag => "rag",
            SortCol::Direction => "direction",
            SortCol::Officer => "officer",
            SortCol::Linked => "linked",
        }
    }
    fn label(self) -> &'static str {
        match self {
            SortCol::Code => "Code",
            SortCol::Title => "Title",
            SortCol::Unit => "Unit",
            SortCol::Latest => "Latest actual",
            SortCol::Target => "Target",
            SortCol::Rag => "RAG",
            SortCol::Direction => "Direction of travel",
            SortCol::Officer => "Responsible officer",
            SortCol::Linked => "Linked to",
        }
    }
}

#[derive(Clone, PartialEq, Default, Debug)]
struct ListFilter {
    text: String,
    priority: String,
    source: String,
    rag: String,
    direction: String,
    no_data: bool,
    sort: Option<SortCol>,
    desc: bool,
    compact: bool,
}

impl ListFilter {
    fn from_params(p: &BTreeMap<String, String>) -> ListFilter {
        let get = |k: &str| p.get(k).cloned().unwrap_or_default();
        ListFilter {
            text: get("q"),
            priority: get("priority"),
            source: get("source"),
            rag: get("rag"),
            direction: get("direction"),
            no_data: p.get("nodata").is_some_and(|v| v == "1"),
            sort: p
                .get("sort")
                .and_then(|s| SortCol::ALL.into_iter().find(|c| c.key() == s)),
            desc: p.get("dir").is_some_and(|v| v == "desc"),
            compact: p.get("compact").is_some_and(|v| v == "1"),
        }
    }
    fn to_params(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let mut put = |k: &str, v: &str| {
            if !v.is_empty() {
                m.insert(k.to_string(), v.to_string());
            }
        };
        put("q", &self.text);
        put("priority", &self.priority);
        put("source", &self.source);
        put("rag", &self.rag);
        put("direction", &self.direction);
        put("nodata", if self.no_data { "1" } else { "" });
        put("sort", self.sort.map(SortCol::key).unwrap_or(""));
        put(
            "dir",
            if self.desc && self.sort.is_some() {
                "desc"
            } else {
                ""
            },
        );
        put("compact", if self.compact { "1" } else { "" });
        m
    }
    fn filters_set(&self) -> bool {
        !self.text.is_empty()
            || !self.priority.is_empty()
            || !self.source.is_empty()
            || !self.rag.is_empty()
            || !self.direction.is_empty()
            || self.no_data
    }
    fn keeps(&self, r: &Row, latest_period: Option<&str>) -> bool {
        if !self.text.is_empty() {
            let q = self.text.to_lowercase();
            if !r.code.to_lowercase().contains(&q) && !r.title.to_lowercase().contains(&q) {
                return false;
            }
        }
        if !self.priority.is_empty() {
            let p = r.priority_id.as_ref().map(Id::as_str);
            let o = r.outcome_id.as_ref().map(Id::as_str);
            if p != Some(self.priority.as_str()) && o != Some(self.priority.as_str()) {
                return false;
            }
        }
        if !self.source.is_empty()
            && !r
                .sources
                .iter()
                .any(|s| s.eq_ignore_ascii_case(&self.source))
        {
            return false;
        }
        if !self.rag.is_empty() && r.rag.key() != self.rag {
            return false;
        }
        if !self.direction.is_empty() && r.direction.key() != self.direction {
            return false;
        }
        if self.no_data && latest_period.is_some() && r.latest_period.as_deref() == latest_period {
            return false;
        }
        true
    }
}

fn cmp_opt(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn cmp_text(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (false, true) => Ordering::Less,
        (true, false) => Ordering::Greater,
        _ => a.to_lowercase().cmp(&b.to_lowercase()),
    }
}

fn direction_rank(d: Direction) -> u8 {
    match d {
        Direction::Worsening => 0,
        Direction::NoChange => 1,
        Direction::Improving => 2,
        Direction::NotComparable => 3,
    }
}

fn compare(col: SortCol, a: &Row, b: &Row) -> Ordering {
    match col {
        SortCol::Code => cmp_text(&a.code, &b.code),
        SortCol::Title => cmp_text(&a.title, &b.title),
        SortCol::Unit => cmp_text(a.unit, b.unit),
        SortCol::Latest => cmp_opt(a.latest_num, b.latest_num),
        SortCol::Target => {
            cmp_opt(a.target_num, b.target_num).then_with(|| cmp_text(&a.target, &b.target))
        }
        SortCol::Rag => a.rag.severity().cmp(&b.rag.severity()),
        SortCol::Direction => direction_rank(a.direction).cmp(&direction_rank(b.direction)),
        SortCol::Officer => cmp_text(&a.officer, &b.officer),
        SortCol::Linked => cmp_text(&a.linked, &b.linked),
    }
}

/// The plan's latest period with any actual ("2009/10").
fn plan_latest_period(rows: &[Row]) -> Option<String> {
    rows.iter()
        .filter_map(|r| r.latest_period.clone())
        .max_by_key(|p| period_sort_key(p))
}

// ---------------------------------------------------------------------------
// The page

#[component]
pub fn KpiList() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let rows = Memo::new(move |_| {
        app.plan
            .with(|p| p.kpis.iter().map(|k| make_row(p, k)).collect::<Vec<Row>>())
    });
    let filter = Memo::new(move |_| router.location.with(|l| ListFilter::from_params(&l.params)));
    let latest_period = Memo::new(move |_| rows.with(|r| plan_latest_period(r)));
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let lp = latest_period.get();
        rows.with(|rs| {
            let mut v: Vec<Row> = rs
                .iter()
                .filter(|r| f.keeps(r, lp.as_deref()))
                .cloned()
                .collect();
            if let Some(col) = f.sort {
                v.sort_by(|a, b| {
                    let o = compare(col, a, b);
                    if f.desc {
                        o.reverse()
                    } else {
                        o
                    }
                });
            }
            v
        })
    });
    let set = move |f: ListFilter| router.replace_params(f.to_params());
    let total = Memo::new(move |_| rows.with(Vec::len));
    // A screenful of rows at once, the rest after the browser has painted.
    let drawn = drawn_rows(shown, move || shown.with(Vec::len), 40, 60).count;

    let download_csv = move |_| {
        let (text, name) = app.plan.with_untracked(|p| {
            (
                kpis_to_csv(p),
                format!("{}-kpis-{}.csv", slug(&p.title), today()),
            )
        });
        match download(&name, "text/csv", &text) {
            Ok(()) => app.notify(format!("Downloaded {name}"), false),
            Err(e) => app.notify(format!("The KPIs could not be downloaded: {e}"), false),
        }
    };

    view! {
        <h1>"KPIs"</h1>
        <div class="toolbar no-print" role="group" aria-label="KPI tools">
            <button type="button" on:click=move |_| router.go(edit_location(None))>"Add a KPI"</button>
            <button type="button" class="secondary" on:click=move |_| router.go(paste_location())>"Paste KPI table"</button>
            <button type="button" class="secondary" on:click=download_csv>"Download KPIs as CSV"</button>
            <button type="button" class="secondary" aria-pressed=move || if filter.with(|f| f.compact) { "true" } else { "false" }
                on:click=move |_| { let mut f = filter.get_untracked(); f.compact = !f.compact; set(f); }>"Compact view"</button>
        </div>
        <Filters filter=filter latest_period=latest_period/>
        <p class="result-count" role="status">
            {move || {
                let n = shown.with(Vec::len);
                let t = total.get();
                if filter.with(ListFilter::filters_set) {
                    format!("{n} of {t} KPIs match")
                } else if t == 1 { "1 KPI".to_string() } else { format!("{t} KPIs") }
            }}
        </p>
        <div class="table-wrap" role="region" aria-label="KPIs" tabindex="0">
            <table class="kpi-list" class:compact=move || filter.with(|f| f.compact)>
                <caption>"KPIs"<span class="caption-hint">" — select a column heading to sort"</span></caption>
                <thead>
                    <tr>
                        <SortHeader col=SortCol::Code filter=filter/>
                        <SortHeader col=SortCol::Title filter=filter/>
                        <SortHeader col=SortCol::Unit filter=filter/>
                        <SortHeader col=SortCol::Latest filter=filter/>
                        <SortHeader col=SortCol::Target filter=filter/>
                        <SortHeader col=SortCol::Rag filter=filter/>
                        <SortHeader col=SortCol::Direction filter=filter/>
                        <th scope="col" class="col-trend">"Trend"</th>
                        <SortHeader col=SortCol::Officer filter=filter/>
                        <SortHeader col=SortCol::Linked filter=filter/>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown.with(|v| v.iter().take(drawn.get()).cloned().collect::<Vec<_>>()) key=|r| r.key.clone() let:r>
                        <KpiRow row=r/>
                    </For>
                </tbody>
            </table>
        </div>
        {move || (shown.with(Vec::is_empty) && total.get() > 0).then(|| view! {
            <p>"No KPI matches these filters."</p>
        })}
        {move || (total.get() == 0).then(|| view! {
            <p>"This plan has no KPIs yet. Add one, or paste a KPI table copied from a spreadsheet or a Word document."</p>
        })}
    }
}

#[component]
fn SortHeader(col: SortCol, filter: Memo<ListFilter>) -> impl IntoView {
    let router = use_router();
    let state = move || {
        filter.with(|f| {
            if f.sort == Some(col) {
                Some(f.desc)
            } else {
                None
            }
        })
    };
    let class = match col {
        SortCol::Officer => "col-officer",
        SortCol::Linked => "col-linked",
        SortCol::Unit => "col-unit",
        SortCol::Title => "col-title",
        _ => "",
    };
    view! {
        <th scope="col" class=class aria-sort=move || match state() {
            Some(false) => Some("ascending"),
            Some(true) => Some("descending"),
            None => None,
        }>
            <button type="button" class="sort-button" on:click=move |_| {
                let mut f = filter.get_untracked();
                if f.sort == Some(col) {
                    f.desc = !f.desc;
                } else {
                    f.sort = Some(col);
                    f.desc = false;
                }
                router.replace_params(f.to_params());
            }>
                {col.label()}
                <span class="sort-icon" aria-hidden="true">{move || match state() {
                    Some(false) => "▲",
                    Some(true) => "▼",
                    None => "⇅",
                }}</span>
            </button>
        </th>
    }
}

#[component]
fn Filters(filter: Memo<ListFilter>, latest_period: Memo<Option<String>>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let set = move |f: ListFilter| router.replace_params(f.to_params());
    let places = Memo::new(move |_| {
        app.plan.with(|p| {
            let mut v = Vec::new();
            for pr in &p.priorities {
                v.push((pr.id.to_string(), format!("Priority {}", pr.number)));
                for o in &pr.outcomes {
                    v.push((
                        o.id.to_string(),
                        format!("Priority {}, outcome {}", pr.number, o.number),
                    ));
                }
            }
            v
        })
    });
    let sources = Memo::new(move |_| {
        app.plan.with(|p| {
            let mut v: Vec<String> = Vec::new();
            for k in &p.kpis {
                for s in &k.sources {
                    let s = s.trim();
                    if !s.is_empty() && !v.iter().any(|x| x.eq_ignore_ascii_case(s)) {
                        v.push(s.to_string());
                    }
                }
            }
            v.sort_by_key(|s| s.to_lowercase());
            v
        })
    });
    let directions = [
        Direction::Improving,
        Direction::Worsening,
        Direction::NoChange,
        Direction::NotComparable,
    ];
    view! {
        <search class="filters no-print" aria-label="Find KPIs">
            <h2 class="visually-hidden">"Find KPIs"</h2>
            <div class="filter-row">
                <div class="form-group grow">
                    <label class="label" for="kpi-q">"Search code or title"</label>
                    <input class="input" id="kpi-q" type="search" autocomplete="off"
                        prop:value=move || filter.with(|f| f.text.clone())
                        on:input=move |ev| { let mut f = filter.get_untracked(); f.text = event_target_value(&ev); set(f); }/>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-priority">"Priority or outcome"</label>
                    <select class="select" id="kpi-priority" on:change=move |ev| { let mut f = filter.get_untracked(); f.priority = event_target_value(&ev); set(f); }>
                        <option value="" selected=move || filter.with(|f| f.priority.is_empty())>"Any"</option>
                        {move || places.get().into_iter().map(|(id, label)| {
                            let id2 = id.clone();
                            view! { <option value=id selected=move || filter.with(|f| f.priority == id2)>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-source">"Source"</label>
                    <select class="select" id="kpi-source" on:change=move |ev| { let mut f = filter.get_untracked(); f.source = event_target_value(&ev); set(f); }>
                        <option value="" selected=move || filter.with(|f| f.source.is_empty())>"Any source"</option>
                        {move || sources.get().into_iter().map(|s| {
                            let s2 = s.clone();
                            view! { <option value=s.clone() selected=move || filter.with(|f| f.source.eq_ignore_ascii_case(&s2))>{s.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-rag">"RAG"</label>
                    <select class="select" id="kpi-rag" on:change=move |ev| { let mut f = filter.get_untracked(); f.rag = event_target_value(&ev); set(f); }>
                        <option value="" selected=move || filter.with(|f| f.rag.is_empty())>"Any RAG"</option>
                        {[Rag::Red, Rag::Amber, Rag::Green, Rag::NotRated].into_iter().map(|r| view! {
                            <option value=r.key() selected=move || filter.with(|f| f.rag == r.key())>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="kpi-direction">"Direction of travel"</label>
                    <select class="select" id="kpi-direction" on:change=move |ev| { let mut f = filter.get_untracked(); f.direction = event_target_value(&ev); set(f); }>
                        <option value="" selected=move || filter.with(|f| f.direction.is_empty())>"Any direction"</option>
                        {directions.into_iter().map(|d| view! {
                            <option value=d.key() selected=move || filter.with(|f| f.direction == d.key())>{format!("{} {}", d.arrow(), d.label())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group checkbox">
                    <input type="checkbox" id="kpi-nodata" prop:checked=move || filter.with(|f| f.no_data)
                        on:change=move |ev| { let mut f = filter.get_untracked(); f.no_data = event_target_checked(&ev); set(f); }/>
                    <label class="label" for="kpi-nodata">
                        {move || match latest_period.get() {
                            Some(p) => format!("No data for the latest period ({p})"),
                            None => "No data for the latest period".to_string(),
                        }}
                    </label>
                </div>
            </div>
            {move || filter.with(ListFilter::filters_set).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| {
                    let f = filter.get_untracked();
                    set(ListFilter { sort: f.sort, desc: f.desc, compact: f.compact, ..ListFilter::default() });
                }>"Clear filters"</button>
            })}
        </search>
    }
}

/// A link to a KPI's page that navigates without reloading.
#[component]
pub fn KpiLink(id: Id, children: Children) -> impl IntoView {
    let router = use_router();
    let to: Location = kpi_location(&id);
    let href = to.href();
    view! {
        <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            router.go(to.clone());
        }>{children()}</a>
    }
}

#[component]
fn KpiRow(row: Row) -> impl IntoView {
    let provisional = row.latest.contains("(provisional)");
    view! {
        <tr>
            <th scope="row" class="code"><KpiLink id=row.id.clone()>{row.name.clone()}</KpiLink></th>
            <td class="col-title">{row.title.clone()}</td>
            <td class="col-unit">{row.unit}</td>
            <td class="num" class:provisional=provisional>{row.latest.clone()}</td>
            <td class="num">{row.target.clone()}</td>
            <td><RagBadge rag=row.rag/></td>
            <td class=format!("direction direction-{}", row.direction.key())>
                <span class="arrow" aria-hidden="true">{row.direction.arrow()}" "</span>{row.direction_text.clone()}
            </td>
            <td class="col-trend"><Sparkline values=row.spark.clone() label=row.spark_label.clone()/></td>
            <td class="col-officer">{if row.officer.is_empty() { "Not recorded".to_string() } else { row.officer.clone() }}</td>
            <td class="col-linked">{row.linked.clone()}</td>
        </tr>
    }
}

/// A small inline SVG of the actuals; provisional points hollow.
#[component]
pub fn Sparkline(values: Vec<(Option<f64>, bool)>, label: String) -> impl IntoView {
    const W: f64 = 96.0;
    const H: f64 = 28.0;
    let pts = sparkline::points(&values, W, H, 4.0);
    let line = sparkline::polyline(&pts);
    let dots = pts
        .iter()
        .map(|p| {
            let class = if p.provisional { "spark-dot provisional" } else { "spark-dot" };
            view! { <circle cx=format!("{:.1}", p.x) cy=format!("{:.1}", p.y) r="2.6" class=class/> }
        })
        .collect_view();
    view! {
        <svg class="sparkline" role="img" aria-label=label viewBox=format!("0 0 {W} {H}") width=W height=H>
            {(pts.len() > 1).then(|| view! { <polyline points=line class="spark-line"/> })}
            {dots}
        </svg>
    }
}
