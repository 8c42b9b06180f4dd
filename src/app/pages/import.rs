//! "Paste action table" and "Import from Word or Excel" (`?page=import`): tables
//! pasted (the clipboard's HTML first, through `app::clipboard`) or read from a
//! `.docx`, `.xlsx` or `.csv` file are listed; each ticked table is read with
//! `core::action_paste` (actions) through a column mapping the user can change,
//! and the preview says in words what would be added. Nothing changes until
//! "Add to the plan", which applies every table as one undoable step.
//!
//! Parameters: `from=plan|files` (where Back and Cancel return), `priority` or
//! `outcome` (the place rows go when the table does not say).

use crate::app::clipboard::grids_of_paste;
use crate::app::components::columns::ColumnRoles;
use crate::app::components::form::{focus_id, show_errors, DateInput, DateParts, ErrorSummary};
use crate::app::office::read_tables;
use crate::app::route::{use_router, Location, Page};
use crate::app::state::{today, use_app};
use crate::core::action_paste::{
    preview, read_table, ActionColumnRole, ActionPasteChoices, ActionPastePreview, ActionTable,
    PasteInto, SectionRows,
};
use crate::core::edit::{Change, IdGen};
use crate::core::files::check_file_size;
use crate::core::grid::Grid;
use crate::core::kpi::kpi_name;
use crate::core::model::{Id, Plan};
use crate::core::paste::{
    confirm, preview as paste_preview, reads_as_kpis, table_of_grid, KpiChange, PastedTable,
    RowProblem,
};
use crate::core::validate::Report;
use leptos::prelude::*;

/// What a table found is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Actions,
    Kpis,
}

/// One table found, and what the user chose for it.
#[derive(Clone, Copy)]
struct Found {
    /// Whether it is brought in.
    include: RwSignal<bool>,
    /// Read as actions or as KPIs (guessed from its columns).
    kind: RwSignal<Kind>,
    /// The same table read as a KPI table (`core::paste`).
    kpi_table: StoredValue<PastedTable>,
    /// Its columns and their roles (the user may change a role).
    table: RwSignal<ActionTable>,
    /// Where rows go that come before any priority row: "" as the table's
    /// heading says, "p:<id>" / "o:<id>" a place in the plan, "new" a new priority.
    into: RwSignal<String>,
    /// How spanning rows that do not say what they are are read.
    sections: RwSignal<SectionRows>,
}

impl Found {
    fn new(grid: &Grid, place: &str) -> Found {
        let actions = read_table(grid);
        let kpis = table_of_grid(grid);
        let kind = if reads_as_kpis(
            grid,
            &kpis,
            actions.roles.contains(&ActionColumnRole::Title),
            // (header_rows are row numbers, from 1)
            actions.header_rows.first().map(|n| n - 1),
        ) {
            Kind::Kpis
        } else {
            Kind::Actions
        };
        Found {
            include: RwSignal::new(true),
            kind: RwSignal::new(kind),
            kpi_table: StoredValue::new(kpis),
            table: RwSignal::new(actions),
            into: RwSignal::new(place.to_string()),
            sections: RwSignal::new(SectionRows::Priorities),
        }
    }
}

fn sections_key(s: SectionRows) -> &'static str {
    match s {
        SectionRows::Priorities => "priorities",
        SectionRows::Outcomes => "outcomes",
        SectionRows::Ignore => "ignore",
    }
}

fn sections_from_key(k: &str) -> SectionRows {
    match k {
        "outcomes" => SectionRows::Outcomes,
        "ignore" => SectionRows::Ignore,
        _ => SectionRows::Priorities,
    }
}

/// What one table would bring in.
#[derive(Debug, Clone, PartialEq)]
enum TablePreview {
    Actions(ActionPastePreview),
    Kpis(KpiPreview),
}

impl TablePreview {
    fn change(&self) -> Option<Change> {
        match self {
            TablePreview::Actions(p) => p.change.clone(),
            TablePreview::Kpis(p) => p.change.clone(),
        }
    }
    fn actions(&self) -> usize {
        match self {
            TablePreview::Actions(p) => p.actions.len(),
            TablePreview::Kpis(_) => 0,
        }
    }
    fn kpis(&self) -> usize {
        match self {
            TablePreview::Actions(_) => 0,
            TablePreview::Kpis(p) => p.added.len() + p.updated.len(),
        }
    }
}

/// A KPI table's changes, in words, and the change that makes them.
#[derive(Debug, Clone, PartialEq, Default)]
struct KpiPreview {
    /// "NI 72: Title" and what changes in words.
    updated: Vec<(String, Vec<String>)>,
    /// "NI 72: Title (3 periods)".
    added: Vec<String>,
    problems: Vec<RowProblem>,
    change: Option<Change>,
}

/// Reads a KPI table against `work` (which the change is applied to).
fn kpi_preview(work: &mut Plan, table: &PastedTable) -> KpiPreview {
    let mut ids = IdGen::new(work);
    let pv = paste_preview(work, table, &mut || ids.next_id("k"));
    let mut out = KpiPreview::default();
    for c in &pv.changes {
        match c {
            KpiChange::Update { after, changes, .. } => {
                out.updated.push((kpi_name(after), changes.clone()));
            }
            KpiChange::Add(k) => {
                let n = k.series.len();
                out.added.push(format!(
                    "{} ({})",
                    kpi_name(k),
                    plural(n, "period", "periods")
                ));
            }
        }
    }
    let steps = confirm(work, pv.changes);
    out.problems = pv.problems;
    out.change = (!steps.is_empty()).then_some(Change::Batch(steps));
    out
}

/// The user's choices for one table, against the plan as the tables before it
/// leave it.
fn choices_for(
    plan: &Plan,
    f: &Found,
    table: &ActionTable,
    date: Option<crate::core::date::Date>,
) -> ActionPasteChoices {
    let mut c = ActionPasteChoices::suggested(plan, table, date);
    let into = f.into.get();
    if let Some(id) = into.strip_prefix("p:") {
        if plan.priority(&Id::new(id)).is_some() {
            c.into = PasteInto::Priority(Id::new(id));
        }
    } else if let Some(id) = into.strip_prefix("o:") {
        c.into = PasteInto::Outcome(Id::new(id));
    } else if into == "new" {
        let title = if table.heading.trim().is_empty() {
            "Pasted actions".to_string()
        } else {
            table.heading.trim().to_string()
        };
        c.into = PasteInto::NewPriority {
            number: (plan.priorities.len() + 1).to_string(),
            title,
        };
    }
    c.section_rows = f.sections.get();
    c
}

/// The places rows can go: each priority and each outcome of the plan.
fn places(plan: &Plan) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for p in &plan.priorities {
        v.push((
            format!("p:{}", p.id),
            format!("Priority {}: {}", p.number, p.title),
        ));
        for o in &p.outcomes {
            v.push((
                format!("o:{}", o.id),
                format!("Priority {} › Outcome {}: {}", p.number, o.number, o.title),
            ));
        }
    }
    v
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let params = router.location.get_untracked().params;
    let from_plan = params.get("from").map(String::as_str) != Some("files");
    let start_place = params
        .get("outcome")
        .map(|o| format!("o:{o}"))
        .or_else(|| params.get("priority").map(|p| format!("p:{p}")))
        .unwrap_or_default();
    let back = move || {
        if from_plan {
            Location::page(Page::Plan)
        } else {
            Location::page(Page::Files)
        }
    };
    let heading = if from_plan {
        "Paste action table"
    } else {
        "Import from Word or Excel"
    };

    let text = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Found>::new());
    let source = RwSignal::new(String::new());
    let report = RwSignal::new(Report::default());
    let date = DateParts::new(Some(today()));

    let show = move |grids: Vec<Grid>, from: String| {
        let place = start_place.clone();
        let list: Vec<Found> = grids
            .iter()
            .filter(|g| !g.rows.is_empty())
            .map(|g| Found::new(g, &place))
            .collect();
        if list.is_empty() {
            let mut r = Report::default();
            r.error(
                "paste",
                "Paste a table copied from Word, Excel or a web page, or a numbered list of actions",
            );
            report.set(r);
            found.set(Vec::new());
            show_errors();
            return;
        }
        report.set(Report::default());
        source.set(from);
        found.set(list);
        request_animation_frame(|| focus_id("found-heading"));
    };
    let show_paste = show.clone();
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let grids = grids_of_paste(&ev);
        if !grids.is_empty() {
            show_paste(grids, "the pasted table".to_string());
        }
    };
    let show_text = show.clone();
    let read_text = move |_| {
        let t = text.get_untracked();
        let grids = if t.trim().is_empty() {
            Vec::new()
        } else {
            vec![Grid::from_text(&t)]
        };
        show_text(grids, "the pasted text".to_string());
    };

    let show_file = show.clone();
    let reading = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        let show = show_file.clone();
        reading.set(true);
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match check_file_size(&name, file.size()) {
                Err(e) => Err(e),
                Ok(()) => match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buf) => read_tables(&name, &js_sys::Uint8Array::new(&buf).to_vec()).await,
                    Err(_) => Err(format!("“{name}” could not be read from this device.")),
                },
            };
            reading.set(false);
            match result {
                Ok((_, grids)) => show(grids, format!("“{name}”")),
                Err(e) => {
                    let e = if e.contains(&name) {
                        e
                    } else {
                        format!("“{name}” was not read. {e}")
                    };
                    let mut r = Report::default();
                    let e = if e.ends_with("Nothing has changed.") {
                        e
                    } else {
                        format!("{e} Nothing has changed.")
                    };
                    r.error("file", e);
                    report.set(r);
                    show_errors();
                }
            }
        });
    };

    let update_date = Memo::new(move |_| date.parse("Date of the first progress updates", true));

    let previews = Memo::new(move |_| -> Vec<Option<TablePreview>> {
        let list = found.get();
        let date = update_date.get().ok().flatten();
        // Told when the priorities or KPIs change (what a paste places rows in and
        // links actions to).
        app.plan.priority_ids();
        app.plan.kpis(|_| ());
        app.plan.with_untracked(|plan| {
            let mut work = plan.clone();
            list.iter()
                .map(|f| {
                    if !f.include.get() {
                        return None;
                    }
                    if f.kind.get() == Kind::Kpis {
                        return Some(TablePreview::Kpis(
                            f.kpi_table.with_value(|t| kpi_preview(&mut work, t)),
                        ));
                    }
                    let table = f.table.get();
                    let choices = choices_for(&work, f, &table, date);
                    let mut ids = IdGen::new(&work);
                    let pv = preview(&work, &table, &choices, &mut |p| ids.next_id(p));
                    if let Some(c) = &pv.change {
                        c.apply(&mut work);
                    }
                    Some(TablePreview::Actions(pv))
                })
                .collect::<Vec<_>>()
        })
    });
    let total = Memo::new(move |_| {
        previews.with(|v| v.iter().flatten().map(TablePreview::actions).sum::<usize>())
    });
    let total_kpis = Memo::new(move |_| {
        previews.with(|v| v.iter().flatten().map(TablePreview::kpis).sum::<usize>())
    });

    let confirm = move |_| {
        if let Err(e) = update_date.get_untracked() {
            let mut r = Report::default();
            r.error("update_date", e);
            report.set(r);
            show_errors();
            return;
        }
        let list = previews.get_untracked();
        let changes: Vec<Change> = list
            .iter()
            .flatten()
            .filter_map(TablePreview::change)
            .collect();
        let (n, k) = (total.get_untracked(), total_kpis.get_untracked());
        if changes.is_empty() || n + k == 0 {
            app.notify(
                "Nothing to add: no action or KPI could be read from the tables.",
                false,
            );
            return;
        }
        let actions = || {
            list.iter().flatten().filter_map(|p| match p {
                TablePreview::Actions(a) => Some(a),
                TablePreview::Kpis(_) => None,
            })
        };
        let first = actions()
            .find_map(|p| p.actions.first())
            .map(|a| a.action.id.to_string());
        let priorities: usize = actions().map(|p| p.new_priorities.len()).sum();
        let mut what = Vec::new();
        if n > 0 {
            what.push(plural(n, "action", "actions"));
        }
        if k > 0 {
            what.push(plural(k, "KPI", "KPIs"));
        }
        let mut message = format!(
            "Added {} from {}",
            what.join(" and "),
            source.get_untracked()
        );
        if priorities > 0 {
            message.push_str(&format!(
                ", in {}",
                plural(priorities, "new priority", "new priorities")
            ));
        }
        router.back_to(Location::page(Page::Plan), first);
        app.apply_with_undo(Change::Batch(changes), message);
    };

    view! {
        <p class="back-link no-print"><a href=back().href() on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); router.back_to(back(), None); }>
            {if from_plan { "Back to the plan" } else { "Back to Files" }}
        </a></p>
        <h1 id="view-heading" tabindex="-1">{heading}</h1>
        <p class="lede">"Copy an action plan's table from Word, Excel, LibreOffice or Google Docs and paste it below, or choose the file it is in. You will see every action that would be added before anything changes."</p>
        <ErrorSummary report=report/>
        <div class="paste-form">
            <div class="form-group" class:form-group-error=move || report.with(|r| r.error_for("paste").is_some())>
                <label class="label" for="paste">"Action table"</label>
                <p class="hint" id="paste-hint">"Paste with Ctrl+V (or Cmd+V): the table is read as soon as it is pasted. A numbered list of actions works too."</p>
                {move || report.with(|r| r.error_for("paste").map(|e| view! {
                    <p class="field-error" id="paste-error"><span class="visually-hidden">"Error: "</span>{e.to_string()}</p>
                }))}
                <textarea class="textarea" id="paste" name="paste" rows=8
                    aria-describedby=move || if report.with(|r| r.error_for("paste").is_some()) { "paste-hint paste-error" } else { "paste-hint" }
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:paste=on_paste></textarea>
            </div>
            <button type="button" class="secondary" on:click=read_text>"Read the text in the box"</button>
        </div>
        <div class="form-group" class:form-group-error=move || report.with(|r| r.error_for("file").is_some())>
            <label class="label" for="file">"Or choose a Word, Excel or CSV file"</label>
            <p class="hint" id="file-hint">"A .docx, .xlsx or .csv file: its tables are listed, each with the heading above it, and you choose which to bring in."</p>
            {move || report.with(|r| r.error_for("file").map(|e| view! {
                <p class="field-error" id="file-error"><span class="visually-hidden">"Error: "</span>{e.to_string()}</p>
            }))}
            <input type="file" id="file" name="file" class="file-input"
                accept=".docx,.xlsx,.csv,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                aria-describedby=move || if report.with(|r| r.error_for("file").is_some()) { "file-hint file-error" } else { "file-hint" }
                on:change=on_file/>
            {move || reading.get().then(|| view! { <p role="status" class="meta">"Reading the file…"</p> })}
        </div>
        {move || (!found.with(Vec::is_empty)).then(|| view! {
            <section class="paste-preview" aria-labelledby="found-heading">
                <h2 id="found-heading" tabindex="-1">{move || format!(
                    "{} found in {}", plural(found.with(Vec::len), "table", "tables"), source.get()
                )}</h2>
                <DateInput label="Date of the first progress updates" name="update_date" parts=date report=report
                    hint="A RAG or progress column becomes each action's first progress update, dated this day. For example, 31 10 2009"/>
                {move || found.get().into_iter().enumerate().map(|(i, f)| {
                    let pv = Signal::derive(move || previews.with(|v| v.get(i).cloned().flatten()));
                    view! { <TableSetup index=i found=f preview=pv multiple=move || found.with(|l| l.len() > 1)/> }
                }).collect_view()}
                <p class="result-count" role="status">{move || {
                    let (n, k) = (total.get(), total_kpis.get());
                    if k == 0 {
                        format!("{} will be added.", plural(n, "action", "actions"))
                    } else {
                        format!("{} and {} will be added or updated.", plural(n, "action", "actions"), plural(k, "KPI", "KPIs"))
                    }
                }}</p>
                <div class="button-group">
                    <button type="button" id="import-confirm" on:click=confirm disabled=move || total.get() + total_kpis.get() == 0>"Add to the plan"</button>
                    <button type="button" class="secondary" on:click=move |_| router.back_to(back(), None)>"Cancel"</button>
                </div>
            </section>
        })}
    }
}

/// One table: whether it is brought in, its columns and their roles, where its
/// rows go, and what it would add.
#[component]
fn TableSetup(
    index: usize,
    found: Found,
    preview: Signal<Option<TablePreview>>,
    #[prop(into)] multiple: Signal<bool>,
) -> impl IntoView {
    let app = use_app();
    let n = index + 1;
    let table = found.table;
    let heading = table.with_untracked(|t| {
        if t.heading.trim().is_empty() {
            format!("Table {n}")
        } else {
            format!("Table {n}: {}", t.heading.trim())
        }
    });
    let heading_id = format!("table-{n}-heading");
    let labelled_by = heading_id.clone();
    let place_options = Memo::new(move |_| {
        app.plan.priority_ids();
        app.plan.with_untracked(places)
    });
    let into_id = format!("into-{n}");
    let kind_id = format!("kind-{n}");
    let sections_name = format!("sections-{n}");
    view! {
        <section class="import-table" aria-labelledby=labelled_by>
            <h3 id=heading_id>{heading}</h3>
            {move || multiple.get().then(|| {
                let cid = format!("include-{n}");
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=cid.clone() prop:checked=move || found.include.get()
                            on:change=move |ev| found.include.set(event_target_checked(&ev))/>
                        <label for=cid>{format!("Bring in table {n}")}</label>
                    </div>
                }
            })}
            <div class:visually-hidden=move || !found.include.get()>
                <div class="form-group">
                    <label class="label" for=kind_id.clone()>{format!("Table {n} holds")}</label>
                    <select class="select" id=kind_id on:change=move |ev| found.kind.set(if event_target_value(&ev) == "kpis" { Kind::Kpis } else { Kind::Actions })>
                        <option value="actions" selected=move || found.kind.get() == Kind::Actions>"Actions"</option>
                        <option value="kpis" selected=move || found.kind.get() == Kind::Kpis>"KPIs (indicators and their values)"</option>
                    </select>
                </div>
                <div style:display=move || (found.kind.get() == Kind::Kpis).then_some("none")>
                <Columns table=table n=n/>
                <div class="form-group">
                    <label class="label" for=into_id.clone()>"Rows before any priority row go into"</label>
                    <select class="select" id=into_id on:change=move |ev| found.into.set(event_target_value(&ev))>
                        <option value="" selected=move || found.into.get().is_empty()>"What the table's heading names (or a new priority)"</option>
                        <option value="new" selected=move || found.into.get() == "new">"A new priority"</option>
                        {move || place_options.get().into_iter().map(|(k, l)| {
                            let key = k.clone();
                            view! { <option value=k selected=move || found.into.get() == key>{l}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="fieldset">
                    <legend class="legend">"Rows that span the table without saying what they are (for example, \"People\")"</legend>
                    {[(SectionRows::Priorities, "Start a new priority"), (SectionRows::Outcomes, "Start a new outcome"), (SectionRows::Ignore, "Leave them out")]
                        .into_iter().map(|(s, words)| {
                            let id = format!("{sections_name}-{}", sections_key(s));
                            let name = sections_name.clone();
                            view! {
                                <div class="radio">
                                    <input type="radio" id=id.clone() name=name value=sections_key(s)
                                        prop:checked=move || found.sections.get() == s
                                        on:change=move |ev| found.sections.set(sections_from_key(&event_target_value(&ev)))/>
                                    <label for=id>{words}</label>
                                </div>
                            }
                        }).collect_view()}
                </fieldset>
                </div>
                {move || (found.kind.get() == Kind::Kpis).then(|| view! { <KpiColumns table=found.kpi_table.get_value()/> })}
                {move || preview.get().map(|pv| match pv {
                    TablePreview::Actions(pv) => view! { <Additions pv=pv n=n/> }.into_any(),
                    TablePreview::Kpis(pv) => view! { <KpiAdditions pv=pv n=n/> }.into_any(),
                })}
            </div>
        </section>
    }
}

/// The columns found, the first rows, and a choice of role for each column.
#[component]
fn Columns(table: RwSignal<ActionTable>, n: usize) -> impl IntoView {
    let t = table.get_untracked();
    let shown = t.rows.len().min(3);
    let rows = t.rows[..shown]
        .iter()
        .map(|r| {
            let cells = r.cells.iter().map(|c| c.join(" / ")).collect();
            (format!("Row {}", r.number), cells)
        })
        .collect();
    let caption = format!("Table {n}: the columns found, with what each holds");
    let choices = Callback::new(|_: usize| {
        ActionColumnRole::ALL
            .into_iter()
            .map(|r| (r.key().to_string(), r.label().to_string()))
            .collect()
    });
    let chosen = Callback::new(move |i: usize| {
        table.with(|t| {
            t.roles
                .get(i)
                .map(|r| r.key().to_string())
                .unwrap_or_default()
        })
    });
    let choose = Callback::new(move |(i, key): (usize, String)| {
        table.update(|t| {
            if let Some(r) = t.roles.get_mut(i) {
                *r = ActionColumnRole::from_key(&key).unwrap_or(ActionColumnRole::Ignore);
            }
        })
    });
    view! {
        <p class="hint">{format!(
            "{} and {}{}. Check what each column holds and change any that are wrong.",
            plural(t.headers.len(), "column", "columns"),
            plural(t.rows.len(), "row", "rows"),
            if t.header_rows.is_empty() { String::from(" (no heading row found)") } else { String::new() }
        )}</p>
        <ColumnRoles headers=t.headers.clone() rows=rows caption=caption.clone() label=caption
            id_prefix=format!("role-{n}") choices=choices chosen=chosen on_choose=choose/>
        {(t.rows.len() > shown).then(|| view! { <p class="hint">{format!("and {} more", plural(t.rows.len() - shown, "row", "rows"))}</p> })}
    }
}

/// What one table would add, in words.
#[component]
fn Additions(pv: ActionPastePreview, n: usize) -> impl IntoView {
    let (na, np) = (pv.actions.len(), pv.problems.len());
    view! {
        <h4>{format!("What table {n} adds")}</h4>
        <p>{format!(
            "{}, {}, {}; {} cannot be read.",
            plural(na, "action", "actions"),
            plural(pv.new_priorities.len(), "new priority", "new priorities"),
            plural(pv.new_outcomes.len(), "new outcome", "new outcomes"),
            plural(np, "row", "rows"),
        )}</p>
        {(!pv.unread_columns.is_empty()).then(|| view! {
            <ul class="paste-unread">{pv.unread_columns.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
        })}
        {(np > 0).then(|| view! {
            <div class="paste-problems">
                <h5>"Rows that cannot be read (nothing of them is added)"</h5>
                <ul>{pv.problems.iter().map(|p| view! {
                    <li>{p.reason.clone()}</li>
                }).collect_view()}</ul>
            </div>
        })}
        {(!pv.new_priorities.is_empty() || !pv.new_outcomes.is_empty()).then(|| view! {
            <h5>"New sections"</h5>
            <ul class="change-list">
                {pv.new_priorities.iter().chain(pv.new_outcomes.iter()).map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
            </ul>
        })}
        {(na > 0).then(|| view! {
            <h5>"Actions"</h5>
            <ul class="change-list import-actions">
                {pv.actions.iter().map(|a| {
                    let name = if a.action.reference.is_empty() { a.action.title.clone() } else { format!("{} {}", a.action.reference, a.action.title) };
                    view! {
                        <li>
                            <strong>{name}</strong>
                            <span class="meta">{format!(" — {} (row {})", a.place, a.rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", "))}</span>
                            {(!a.lines.is_empty()).then(|| view! { <ul>{a.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}

/// A KPI table's columns as read, each with what it holds. To change a column's
/// role, paste the table on the KPIs page ("Paste KPI table").
#[component]
fn KpiColumns(table: PastedTable) -> impl IntoView {
    view! {
        <p class="hint">"Read as a KPI table. To change what a column holds, paste the table on the KPIs page (Paste KPI table) instead."</p>
        <ul class="paste-kpi-columns">
            {table.headers.iter().zip(table.roles.iter()).enumerate().map(|(i, (h, r))| {
                let h = if h.is_empty() { format!("Column {}", i + 1) } else { h.clone() };
                view! { <li>{format!("{h}: {}", r.words())}</li> }
            }).collect_view()}
        </ul>
    }
}

/// What one KPI table would add or update, in words.
#[component]
fn KpiAdditions(pv: KpiPreview, n: usize) -> impl IntoView {
    let (nu, na, np) = (pv.updated.len(), pv.added.len(), pv.problems.len());
    view! {
        <h4>{format!("What table {n} adds")}</h4>
        <p>{format!(
            "{} updated, {} added; {} cannot be read.",
            plural(nu, "KPI", "KPIs"),
            plural(na, "KPI", "KPIs"),
            plural(np, "row", "rows"),
        )}</p>
        {(np > 0).then(|| view! {
            <div class="paste-problems">
                <h5>"Rows that cannot be read (nothing of them is added)"</h5>
                <ul>{pv.problems.iter().map(|p| view! { <li>{p.reason.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
        {(na > 0).then(|| view! {
            <h5>"KPIs added"</h5>
            <ul class="change-list import-kpis">{pv.added.iter().map(|k| view! { <li>{k.clone()}</li> }).collect_view()}</ul>
        })}
        {(nu > 0).then(|| view! {
            <h5>"KPIs updated"</h5>
            <ul class="change-list">{pv.updated.iter().map(|(name, changes)| view! {
                <li><strong>{name.clone()}</strong><ul>{changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul></li>
            }).collect_view()}</ul>
        })}
    }
}
