//! The KPI editor: every definition field, and a period grid that works like a
//! spreadsheet (arrow keys, Enter moves down, Tab moves right, paste a block from
//! Excel). Cells take the plans' own wording ("53.7 (p)", "Not yet available",
//! "In line with national"), read with `core::value`. Save validates everything
//! (GOV.UK error summary) and makes one undoable change.

use super::{edit_location, kpi_location, kpi_name, list_location, target_text, value_text};
use crate::app::components::form::{
    field_id, focus_id, lines, show_errors, Checkbox, ErrorSummary, Select, TextArea, TextInput,
};
use crate::app::route::use_router;
use crate::app::state::use_app;
use crate::core::edit::{new_id, upsert_kpi};
use crate::core::model::{
    Baseline, Id, Kpi, PeriodBasis, PeriodValues, Plan, Polarity, Tolerance, Unit,
};
use crate::core::validate::{validate_kpi, FieldProblem, Report};
use crate::core::value::{parse_number, parse_target, parse_value};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The grid's columns: the period label, then the values.
const COLS: [(&str, &str); 6] = [
    ("period", "Period"),
    ("actual", "Actual"),
    ("national", "National average (NA)"),
    ("neighbours", "Statistical neighbours (SN)"),
    ("region", "Region"),
    ("target", "Target"),
];

/// One row of the period grid, as typed.
#[derive(Clone, Copy)]
struct GridRow {
    uid: u64,
    cells: [RwSignal<String>; 6],
}

impl GridRow {
    fn new(uid: u64, texts: [String; 6]) -> GridRow {
        GridRow {
            uid,
            cells: texts.map(RwSignal::new),
        }
    }
    fn of(uid: u64, p: &PeriodValues) -> GridRow {
        GridRow::new(
            uid,
            [
                p.period.clone(),
                value_text(p.actual.as_ref()),
                value_text(p.national.as_ref()),
                value_text(p.neighbours.as_ref()),
                value_text(p.region.as_ref()),
                target_text(p.target.as_ref()),
            ],
        )
    }
}

fn cell_name(row: usize, col: usize) -> String {
    format!("series[{row}].{}", COLS[col].0)
}

fn cell_id(row: usize, col: usize) -> String {
    field_id(&cell_name(row, col))
}

fn focus_cell(row: usize, col: usize) {
    if let Some(el) = document().get_element_by_id(&cell_id(row, col)) {
        if let Ok(i) = el.dyn_into::<web_sys::HtmlInputElement>() {
            let _ = i.focus();
            i.select();
        }
    }
}

/// The period after "2009/10" ("2010/11"), "2010" → "2011", else blank.
fn next_period(last: &str) -> String {
    let t = last.trim();
    if let Some((a, _)) = t.split_once('/') {
        if let Ok(y) = a.trim().parse::<i32>() {
            let n = y + 1;
            let end = (n + 1) % 100;
            return if (n + 1) % 10 == 0 || end >= 10 {
                format!("{n}/{end:02}")
            } else {
                format!("{n}/{}", end % 10)
            };
        }
    }
    match t.parse::<i32>() {
        Ok(y) => (y + 1).to_string(),
        Err(_) => String::new(),
    }
}

fn index_of<T: PartialEq + Copy>(all: &[T], x: T) -> String {
    all.iter().position(|a| *a == x).unwrap_or(0).to_string()
}

fn options<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter()
        .enumerate()
        .map(|(i, x)| (i.to_string(), label(*x).to_string()))
        .collect()
}

fn link_options(plan: &Plan) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "Not linked".to_string())];
    for p in &plan.priorities {
        v.push((
            p.id.to_string(),
            format!("Priority {}: {}", p.number, p.title),
        ));
        for o in &p.outcomes {
            v.push((
                format!("{}/{}", p.id, o.id),
                format!("Priority {}, outcome {}: {}", p.number, o.number, o.title),
            ));
        }
    }
    v
}

#[component]
pub fn KpiEditor(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let existing = id
        .as_ref()
        .and_then(|id| app.plan.with_untracked(|p| p.kpi(id).cloned()));
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| Kpi {
        id: app.plan.with_untracked(|p| new_id(p, "k")),
        ..Kpi::default()
    });
    let report = RwSignal::new(Report::default());
    let code = RwSignal::new(base.code.clone());
    let sources = RwSignal::new(base.sources.join("\n"));
    let title = RwSignal::new(base.title.clone());
    let section = RwSignal::new(base.section.clone());
    let unit = RwSignal::new(index_of(&Unit::ALL, base.unit));
    let decimals = RwSignal::new(base.decimals.to_string());
    let polarity = RwSignal::new(index_of(&Polarity::ALL, base.polarity));
    let (tk, tv) = match base.tolerance {
        None => ("default", String::new()),
        Some(Tolerance::Percent(x)) => ("percent", crate::core::csv::plain_number(x)),
        Some(Tolerance::Absolute(x)) => ("absolute", crate::core::csv::plain_number(x)),
    };
    let tol_kind = RwSignal::new(tk.to_string());
    let tol_value = RwSignal::new(tv);
    let officer = RwSignal::new(base.responsible_officer.clone());
    let basis = RwSignal::new(index_of(&PeriodBasis::ALL, base.period_basis));
    let period_note = RwSignal::new(base.period_note.clone());
    let baseline_period = RwSignal::new(base.baseline.period.clone());
    let baseline_value = RwSignal::new(value_text(base.baseline.value.as_ref()));
    let link = RwSignal::new(match (&base.priority_id, &base.outcome_id) {
        (Some(p), Some(o)) => format!("{p}/{o}"),
        (Some(p), None) => p.to_string(),
        _ => String::new(),
    });
    let corporate = RwSignal::new(base.corporate_dashboard);
    let notes = RwSignal::new(base.notes.clone());
    let next_uid = StoredValue::new(base.series.len() as u64);
    let rows = RwSignal::new(
        base.series
            .iter()
            .enumerate()
            .map(|(i, p)| GridRow::of(i as u64, p))
            .collect::<Vec<_>>(),
    );

    let new_row = move || {
        let uid = next_uid.get_value();
        next_uid.set_value(uid + 1);
        GridRow::new(uid, Default::default())
    };
    let add_period = move |_| {
        let last = rows.with_untracked(|r| {
            r.last()
                .map(|r| r.cells[0].get_untracked())
                .unwrap_or_default()
        });
        let row = new_row();
        row.cells[0].set(next_period(&last));
        let n = rows.with_untracked(Vec::len);
        rows.update(|r| r.push(row));
        request_animation_frame(move || focus_cell(n, 0));
    };

    // Paste a block (tab / newline separated) from the focused cell.
    let paste_block = move |row: usize, col: usize, text: &str| {
        let text = text.trim_end_matches(['\r', '\n']);
        let block: Vec<Vec<String>> = text
            .split('\n')
            .map(|l| {
                l.trim_end_matches('\r')
                    .split('\t')
                    .map(|c| c.trim().to_string())
                    .collect()
            })
            .collect();
        let needed = row + block.len();
        while rows.with_untracked(Vec::len) < needed {
            let r = new_row();
            rows.update(|rs| rs.push(r));
        }
        rows.with_untracked(|rs| {
            for (i, line) in block.iter().enumerate() {
                for (j, cell) in line.iter().enumerate() {
                    if col + j < COLS.len() {
                        rs[row + i].cells[col + j].set(cell.clone());
                    }
                }
            }
        });
    };

    let base_for_save = base.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut r = Report::default();
        let dec = match decimals.get_untracked().trim().parse::<u8>() {
            Ok(d) => d,
            Err(_) => {
                r.error("decimals", "Decimal places must be a number from 0 to 6");
                base_for_save.decimals
            }
        };
        let tolerance = match tol_kind.get_untracked().as_str() {
            "percent" | "absolute" => match parse_number(&tol_value.get_untracked()) {
                Some(x) if tol_kind.get_untracked() == "percent" => Some(Tolerance::Percent(x)),
                Some(x) => Some(Tolerance::Absolute(x)),
                None => {
                    r.error(
                        "tolerance",
                        "Enter the tolerance as a number, for example 5",
                    );
                    None
                }
            },
            _ => None,
        };
        let baseline_v = match parse_value(&baseline_value.get_untracked()) {
            Ok(v) => v,
            Err(e) => {
                r.error("baseline_value", format!("Baseline value: {e}"));
                None
            }
        };
        let mut series = Vec::new();
        rows.with_untracked(|rs| {
            for (i, g) in rs.iter().enumerate() {
                let text = |c: usize| g.cells[c].get_untracked();
                let mut value = |c: usize| match parse_value(&text(c)) {
                    Ok(v) => v,
                    Err(e) => {
                        let period = text(0);
                        let what = COLS[c].1;
                        let at = if period.trim().is_empty() {
                            format!("row {}", i + 1)
                        } else {
                            period.trim().to_string()
                        };
                        r.error(cell_name(i, c), format!("{what} for {at}: {e}"));
                        None
                    }
                };
                let actual = value(1);
                let national = value(2);
                let neighbours = value(3);
                let region = value(4);
                series.push(PeriodValues {
                    period: text(0).trim().to_string(),
                    actual,
                    national,
                    neighbours,
                    region,
                    target: parse_target(&text(5)),
                });
            }
        });
        let place = link.get_untracked();
        let (priority_id, outcome_id) = match place.split_once('/') {
            Some((p, o)) => (Some(Id::new(p)), Some(Id::new(o))),
            None if place.is_empty() => (None, None),
            None => (Some(Id::new(place.clone())), None),
        };
        let pick = |s: RwSignal<String>| s.get_untracked().parse::<usize>().unwrap_or(0);
        let k = Kpi {
            code: code.get_untracked().trim().to_string(),
            sources: lines(&sources.get_untracked()),
            title: title.get_untracked().trim().to_string(),
            section: section.get_untracked().trim().to_string(),
            unit: Unit::ALL.get(pick(unit)).copied().unwrap_or_default(),
            decimals: dec,
            polarity: Polarity::ALL
                .get(pick(polarity))
                .copied()
                .unwrap_or_default(),
            tolerance,
            responsible_officer: officer.get_untracked().trim().to_string(),
            period_basis: PeriodBasis::ALL
                .get(pick(basis))
                .copied()
                .unwrap_or_default(),
            period_note: period_note.get_untracked().trim().to_string(),
            baseline: Baseline {
                period: baseline_period.get_untracked().trim().to_string(),
                value: baseline_v,
            },
            priority_id,
            outcome_id,
            corporate_dashboard: corporate.get_untracked(),
            notes: notes.get_untracked().trim().to_string(),
            series,
            ..base_for_save.clone()
        };
        let v = app.plan.with_untracked(|plan| validate_kpi(&k, plan));
        for e in v.errors {
            if r.error_for(&e.field).is_none() {
                r.errors.push(e);
            }
        }
        r.warnings.extend(v.warnings);
        // The grid's errors in the order of the grid.
        r.errors
            .sort_by_key(|e: &FieldProblem| e.field.starts_with("series["));
        if !r.is_ok() {
            report.set(r);
            show_errors();
            return;
        }
        let name = kpi_name(&k);
        let id = k.id.clone();
        let change = app.plan.with_untracked(|plan| upsert_kpi(plan, k));
        router.go(kpi_location(&id));
        match change {
            Some(c) => app.apply_with_undo(
                c,
                if is_new {
                    format!("Added KPI {name}")
                } else {
                    format!("Saved KPI {name}")
                },
            ),
            None => app.notify("No changes to save.", false),
        }
    };
    let cancel_id = id.clone();
    let cancel = move |_| match &cancel_id {
        Some(id) if !is_new => router.go(kpi_location(id)),
        _ => router.go(list_location()),
    };
    let heading = if is_new {
        "Add a KPI".to_string()
    } else {
        format!("Edit KPI {}", kpi_name(&base))
    };
    let _ = edit_location;

    view! {
        <form class="edit-form kpi-form" on:submit=on_submit novalidate>
            <h1>{heading}</h1>
            <ErrorSummary report=report/>
            <TextInput label="Code" name="code" value=code report=report width="w-10" hint="For example, NI 72, BVPI 197 or a local code"/>
            <TextArea label="Sources" name="sources" value=sources report=report rows=2 hint="One a line, for example NI, LAA, CYPP local, Corporate dashboard"/>
            <TextInput label="Title" name="title" value=title report=report required=true/>
            <TextInput label="Section" name="section" value=section report=report hint="The heading it sits under in its table, for example Key Stage 2"/>
            <Select label="Unit" name="unit" value=unit report=report options=options(&Unit::ALL, Unit::label)/>
            <TextInput label="Decimal places" name="decimals" value=decimals report=report width="w-2" hint="0 to 6"/>
            <Select label="Polarity" name="polarity" value=polarity report=report options=options(&Polarity::ALL, Polarity::label)/>
            <fieldset class="fieldset">
                <legend class="label">"Tolerance for amber"</legend>
                <p class="hint">"How far from target is still amber. The default is 5% of the target."</p>
                <Select label="Kind of tolerance" name="tolerance_kind" value=tol_kind report=report options=vec![
                    ("default".to_string(), "Default (5% of the target)".to_string()),
                    ("percent".to_string(), "Percent of the target".to_string()),
                    ("absolute".to_string(), "In the KPI's own unit".to_string()),
                ]/>
                {move || (tol_kind.get() != "default").then(|| view! {
                    <TextInput label="Tolerance" name="tolerance" value=tol_value report=report width="w-4"/>
                })}
            </fieldset>
            <TextInput label="Responsible officer" name="responsible_officer" value=officer report=report/>
            <Select label="Period basis" name="period_basis" value=basis report=report options=options(&PeriodBasis::ALL, PeriodBasis::label)/>
            <TextArea label="What a period refers to" name="period_note" value=period_note report=report rows=2 hint="For example, 2009/10 refers to August 2009 outcomes"/>
            <TextInput label="Baseline period" name="baseline_period" value=baseline_period report=report width="w-10" hint="For example, 2007/8"/>
            <TextInput label="Baseline value" name="baseline_value" value=baseline_value report=report width="w-10" hint="A number, for example 48.8"/>
            <Select label="Linked priority or outcome" name="link" value=link report=report options=app.plan.with_untracked(link_options)/>
            <Checkbox label="Shown on the corporate dashboard" name="corporate_dashboard" value=corporate/>
            <TextArea label="Notes" name="notes" value=notes report=report rows=3/>

            <h2 id="grid-heading">"Values by period"</h2>
            <p class="hint" id="grid-hint">
                "Type values as the plan writes them: 53.7 (p) for provisional, Not yet available, or a target such as In line with national. "
                "Arrow keys move between cells, Enter moves down, Tab moves right. Paste a row or a block copied from a spreadsheet into any cell to fill from there."
            </p>
            <div class="table-wrap grid-wrap" role="region" aria-labelledby="grid-heading" tabindex="-1">
                <table class="period-grid">
                    <caption class="visually-hidden">"Values by period"</caption>
                    <thead><tr>
                        {COLS.iter().map(|(_, l)| view! { <th scope="col">{*l}</th> }).collect_view()}
                        <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                    </tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().enumerate().map(|(ri, g)| {
                            let uid = g.uid;
                            let period = g.cells[0];
                            view! {
                                <tr>
                                    {(0..COLS.len()).map(|ci| view! {
                                        <GridCell row=ri col=ci value=g.cells[ci] period=period report=report rows=rows paste=paste_block/>
                                    }).collect_view()}
                                    <td>
                                        <button type="button" class="small secondary"
                                            aria-label=move || { let p = period.get(); if p.trim().is_empty() { format!("Remove row {}", ri + 1) } else { format!("Remove period {p}") } }
                                            on:click=move |_| rows.update(|r| r.retain(|x| x.uid != uid))>"Remove"</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button type="button" class="secondary" on:click=add_period>"Add a period"</button>
            <div class="button-group">
                <button type="submit">"Save KPI"</button>
                <button type="button" class="secondary" on:click=cancel>"Cancel"</button>
            </div>
        </form>
    }
}

#[component]
fn GridCell<P>(
    row: usize,
    col: usize,
    value: RwSignal<String>,
    period: RwSignal<String>,
    report: RwSignal<Report>,
    rows: RwSignal<Vec<GridRow>>,
    paste: P,
) -> impl IntoView
where
    P: Fn(usize, usize, &str) + Copy + 'static,
{
    let name = cell_name(row, col);
    let id = cell_id(row, col);
    let err_name = name.clone();
    let err = Memo::new(move |_| report.with(|r| r.error_for(&err_name).map(str::to_string)));
    let eid = format!("{id}-error");
    let eid2 = eid.clone();
    let label = move || {
        if col == 0 {
            format!("Period, row {}", row + 1)
        } else {
            let p = period.get();
            let p = if p.trim().is_empty() {
                format!("row {}", row + 1)
            } else {
                p
            };
            format!("{} {p}", COLS[col].1)
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = rows.with_untracked(Vec::len);
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let (start, end, len) = input
            .as_ref()
            .map(|i| {
                let len = i.value().chars().count() as u32;
                (
                    i.selection_start().ok().flatten().unwrap_or(0),
                    i.selection_end().ok().flatten().unwrap_or(len),
                    len,
                )
            })
            .unwrap_or((0, 0, 0));
        let whole = start == 0 && end == len;
        let target = match ev.key().as_str() {
            "ArrowUp" if row > 0 => Some((row - 1, col)),
            "ArrowDown" | "Enter" if row + 1 < n => Some((row + 1, col)),
            "Enter" => None,
            "ArrowLeft" if col > 0 && (start == 0 && end == 0 || whole) => Some((row, col - 1)),
            "ArrowRight" if col + 1 < COLS.len() && (start == len || whole) => Some((row, col + 1)),
            _ => return,
        };
        if ev.key() == "Enter" {
            // Enter never submits from the grid.
            ev.prevent_default();
        }
        if let Some((r, c)) = target {
            ev.prevent_default();
            focus_cell(r, c);
        }
    };
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if text.contains('\t') || text.trim_end_matches(['\r', '\n']).contains('\n') {
            ev.prevent_default();
            paste(row, col, &text);
        }
    };
    let _ = focus_id;
    view! {
        <td class:cell-error=move || err.get().is_some()>
            {move || err.get().map(|e| view! {
                <p class="field-error" id=eid.clone()><span class="visually-hidden">"Error: "</span>{e}</p>
            })}
            <input class="input grid-input" type="text" id=id name=name autocomplete="off"
                aria-label=label
                aria-invalid=move || err.get().is_some().then_some("true")
                aria-describedby=move || err.get().is_some().then(|| eid2.clone())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:keydown=on_key
                on:paste=on_paste/>
        </td>
    }
}
