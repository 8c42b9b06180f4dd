//! "Paste KPI table": a table copied from Excel or Word, or CSV text, is read
//! with `core::paste`, each column's guessed role can be changed, and the preview
//! says what would change. Nothing changes until "Confirm", which makes one
//! undoable change.
//!
//! A paste into the box is read from the clipboard's `text/html` first
//! ([`grids_of_paste`]: the table as laid out, so a Word cell of several
//! paragraphs stays one cell and merged rows stay merged); the box then shows the
//! paste's plain text. Of several tables, the first with KPI column headings is
//! read ([`pick_kpi_grid`]). Once the box's text is edited (or typed), the text
//! is read instead.

use super::list_location;
use crate::app::clipboard::{grids_of_paste, text_of_paste};
use crate::app::components::columns::ColumnRoles;
use crate::app::components::form::{show_errors, ErrorSummary, TextInput};
use crate::app::route::use_router;
use crate::app::state::use_app;
use crate::core::edit::{Change, IdGen};
use crate::core::grid::Grid;
use crate::core::kpi::kpi_name;
use crate::core::paste::{
    confirm, find_period, parse_table, pick_kpi_grid, preview, table_of_grid, ColumnRole,
    KpiChange, PastePreview, PastedTable,
};
use crate::core::table::period_sort_key;
use crate::core::validate::Report;
use leptos::prelude::*;

/// Every choice of role: the fixed ones, then each value kind for each period.
fn role_options(periods: &[String]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("ignore".into(), "Ignore this column".into()),
        ("code".into(), "Code".into()),
        ("title".into(), "Title".into()),
        ("source".into(), "Source".into()),
        ("officer".into(), "Responsible officer".into()),
        ("baseline".into(), "Baseline".into()),
    ];
    let kinds = [
        ("actual", "Actual"),
        ("national", "National average (NA)"),
        ("neighbours", "Statistical neighbours (SN)"),
        ("region", "Region"),
        ("target", "Target"),
    ];
    for (k, l) in kinds {
        v.push((
            format!("{k}:"),
            format!("{l} (period from a Period column or the plan year)"),
        ));
    }
    for p in periods {
        for (k, l) in kinds {
            v.push((format!("{k}:{p}"), format!("{l} {p}")));
        }
    }
    v
}

/// A table read from a paste's HTML, with the text the box was given with it.
#[derive(Debug, Clone, PartialEq)]
struct ClipboardTable {
    grid: Grid,
    /// The box's text as the paste left it: while the box still holds it, the
    /// grid is read; once it is edited, the text.
    text: String,
    /// How many tables the paste held, and which (0-based) is read.
    tables: usize,
    picked: usize,
}

/// Line breaks as a text box keeps them.
fn box_text(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The words under the box saying where the table is read from.
fn source_words(c: &ClipboardTable) -> String {
    let mut s = "Read from the table as it was copied: each cell as laid out, a cell of several lines kept whole. Editing the text here reads the text instead.".to_string();
    if c.tables > 1 {
        s.push_str(&format!(
            " The clipboard held {} tables; table {} is read, the first with KPI column headings.",
            c.tables,
            c.picked + 1
        ));
    }
    s
}

#[component]
pub fn PastePage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(Report::default());
    let table = RwSignal::new(None::<PastedTable>);
    let roles = RwSignal::new(Vec::<ColumnRole>::new());
    let clipboard = RwSignal::new(None::<ClipboardTable>);
    // The clipboard's table while the box still holds the text it came with.
    let from_clipboard = Memo::new(move |_| {
        clipboard
            .get()
            .filter(|c| text.with(|t| box_text(t) == c.text))
    });

    // A paste carrying HTML (Word, Excel, LibreOffice, Google Docs) is read as the
    // table it holds; a paste of plain text is left to the browser, and read as
    // text.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let has_html = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/html").ok())
            .is_some_and(|h| !h.trim().is_empty());
        if !has_html {
            clipboard.set(None);
            return;
        }
        let grids = grids_of_paste(&ev);
        let Some(picked) = pick_kpi_grid(&grids) else {
            clipboard.set(None);
            return;
        };
        ev.prevent_default();
        let grid = grids[picked].clone();
        let mut plain = text_of_paste(&ev);
        if plain.trim().is_empty() {
            plain = grid
                .text_rows()
                .iter()
                .map(|r| r.join("\t"))
                .collect::<Vec<_>>()
                .join("\n");
        }
        let plain = box_text(&plain);
        text.set(plain.clone());
        clipboard.set(Some(ClipboardTable {
            grid,
            text: plain,
            tables: grids.len(),
            picked,
        }));
    };

    let do_preview = move |_| {
        let t = text.get_untracked();
        let parsed = match from_clipboard.get_untracked() {
            Some(c) => table_of_grid(&c.grid),
            None => parse_table(&t),
        };
        if parsed.headers.is_empty() || parsed.rows.is_empty() {
            let mut r = Report::default();
            r.error(
                "paste",
                "Paste a table with a header row and at least one row of KPIs, copied from Excel or Word",
            );
            report.set(r);
            table.set(None);
            show_errors();
            return;
        }
        report.set(Report::default());
        roles.set(parsed.roles.clone());
        table.set(Some(parsed));
        request_animation_frame(|| crate::app::components::form::focus_id("preview-heading"));
    };

    let periods = Memo::new(move |_| {
        let mut v: Vec<String> = Vec::new();
        let mut add = |p: &str| {
            if !p.is_empty() && !v.iter().any(|x| x == p) {
                v.push(p.to_string());
            }
        };
        table.with(|t| {
            if let Some(t) = t {
                for h in &t.headers {
                    if let Some(p) = find_period(h) {
                        add(&p);
                    }
                }
                for r in &t.roles {
                    if let ColumnRole::Actual(p)
                    | ColumnRole::National(p)
                    | ColumnRole::Neighbours(p)
                    | ColumnRole::Region(p)
                    | ColumnRole::Target(p) = r
                    {
                        add(p);
                    }
                }
            }
        });
        app.plan.with_untracked(|p| {
            for k in &p.kpis {
                for s in &k.series {
                    add(&s.period);
                }
            }
        });
        v.sort_by_key(|p| period_sort_key(p));
        v
    });

    let result = Memo::new(move |_| {
        let t = table.get()?;
        let t = PastedTable {
            roles: roles.get(),
            ..t
        };
        // Told when a KPI or the list of priorities changes (what a preview matches
        // rows against), not when an action does.
        app.plan.kpis(|_| ());
        app.plan.priority_ids();
        Some(app.plan.with_untracked(|p| {
            let mut gen = IdGen::new(p);
            preview(p, &t, &mut || gen.next_id("k"))
        }))
    });

    let confirm = move |_| {
        let Some(pv) = result.get_untracked() else {
            return;
        };
        let (updated, added) = pv.counts();
        let changes = app
            .plan
            .with_untracked(|p| confirm(&mut p.clone(), pv.changes));
        if changes.is_empty() {
            app.notify(
                "Nothing to change: the pasted table matches the plan.",
                false,
            );
            return;
        }
        let words = |n: usize, what: &str| {
            if n == 1 {
                format!("1 KPI {what}")
            } else {
                format!("{n} KPIs {what}")
            }
        };
        let message = format!(
            "Pasted KPI table: {}, {}",
            words(updated, "updated"),
            words(added, "added")
        );
        router.back_to(list_location(), None);
        app.apply_with_undo(Change::Batch(changes), message);
    };

    view! {
        <p class="back-link no-print"><a href=list_location().href() on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); router.back_to(list_location(), None); }>"Back to the KPIs"</a></p>
        <h1 id="view-heading" tabindex="-1">"Paste KPI table"</h1>
        <p class="lede">"Copy a KPI table from Excel or Word (or a CSV file) and paste it here. You will see what would change before anything changes."</p>
        <ErrorSummary report=report/>
        <div class="paste-form" on:paste=on_paste>
            <TextInput label="KPI table" name="paste" value=text report=report rows=10
                hint="The column headings first, for example: Indicators, LAA/NI/CYPP, MK 2008/9, NA 2008/9, Target 2009/10 (rows above them, such as a table's title, are left out)"/>
            <p class="hint paste-source" role="status">
                {move || from_clipboard.with(|c| c.as_ref().map(source_words))}
            </p>
            <button type="button" on:click=do_preview>"Preview"</button>
        </div>
        {move || table.get().map(|t| view! {
            <section class="paste-preview" aria-labelledby="preview-heading">
                <h2 id="preview-heading" tabindex="-1">"Preview"</h2>
                <ColumnsTable table=t roles=roles periods=periods/>
                {move || result.get().map(|pv| view! { <Outcome pv=pv/> })}
                <div class="button-group">
                    <button type="button" on:click=confirm
                        disabled=move || result.with(|r| r.as_ref().is_none_or(|r| r.changes.is_empty()))>"Confirm"</button>
                    <button type="button" class="secondary" on:click=move |_| { table.set(None); }>"Cancel"</button>
                </div>
            </section>
        })}
    }
}

#[component]
fn ColumnsTable(
    table: PastedTable,
    roles: RwSignal<Vec<ColumnRole>>,
    periods: Memo<Vec<String>>,
) -> impl IntoView {
    let shown = table.rows.len().min(5);
    let more = table.rows.len() - shown;
    let rows = table.rows[..shown]
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("Row {}", i + 2), r.clone()))
        .collect();
    let current = move |i: usize| roles.with(|r| r.get(i).map(ColumnRole::key).unwrap_or_default());
    // Every role for the periods known, and a role not among them as its key.
    let choices = Callback::new(move |i: usize| {
        let current = current(i);
        let mut opts = role_options(&periods.get());
        if !opts.iter().any(|(k, _)| *k == current) {
            opts.push((current.clone(), current));
        }
        opts
    });
    let choose = Callback::new(move |(i, key): (usize, String)| {
        roles.update(|r| {
            if i < r.len() {
                r[i] = ColumnRole::from_key(&key);
            }
        })
    });
    view! {
        <h3 id="columns-heading">"Columns found"</h3>
        <p class="hint">{format!(
            "{} columns and {} rows (the row of column headings is row 1{}). Check what each column holds and change any that are wrong.",
            table.headers.len(),
            table.rows.len(),
            match table.above_header {
                0 => String::new(),
                1 => "; 1 row above it, such as a title, was left out".to_string(),
                n => format!("; {n} rows above it, such as a title, were left out"),
            }
        )}</p>
        <ColumnRoles headers=table.headers rows=rows caption="Columns found, with what each holds"
            labelledby="columns-heading" id_prefix="role"
            choices=choices chosen=Callback::new(current) on_choose=choose/>
        {(more > 0).then(|| view! { <p class="hint">{format!("and {more} more rows")}</p> })}
    }
}

#[component]
fn Outcome(pv: PastePreview) -> impl IntoView {
    let mut updates = Vec::new();
    let mut adds = Vec::new();
    for c in &pv.changes {
        match c {
            KpiChange::Update { after, changes, .. } => {
                updates.push((kpi_name(after), changes.clone()))
            }
            KpiChange::Add(k) => adds.push((kpi_name(k), k.series.len())),
        }
    }
    let (nu, na, np) = (updates.len(), adds.len(), pv.problems.len());
    view! {
        <h3>"What will change"</h3>
        <p class="result-count" role="status">{format!(
            "{nu} {} updated, {na} {} added, {np} {} cannot be read.",
            if nu == 1 { "KPI" } else { "KPIs" }, if na == 1 { "KPI" } else { "KPIs" }, if np == 1 { "row" } else { "rows" }
        )}</p>
        {(np > 0).then(|| view! {
            <div class="paste-problems">
                <h4>"Rows that cannot be read (nothing of them is applied)"</h4>
                <ul>
                    {pv.problems.iter().map(|p| view! { <li>{p.reason.clone()}</li> }).collect_view()}
                </ul>
            </div>
        })}
        {(nu > 0).then(|| view! {
            <h4>"KPIs updated"</h4>
            <ul class="change-list">
                {updates.into_iter().map(|(name, changes)| view! {
                    <li>
                        <strong>{name}</strong>
                        <ul>{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(na > 0).then(|| view! {
            <h4>"KPIs added"</h4>
            <ul class="change-list">
                {adds.into_iter().map(|(name, n)| view! {
                    <li><strong>{name}</strong>{format!(" ({n} {})", if n == 1 { "period" } else { "periods" })}</li>
                }).collect_view()}
            </ul>
        })}
        {(nu + na == 0).then(|| view! { <p>"Nothing would change: the values pasted are already in the plan."</p> })}
    }
}
