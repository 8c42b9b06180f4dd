//! The KPI editor: every definition field, and a period grid that works like a
//! spreadsheet (arrow keys, Enter moves down, Tab moves right, paste a block from
//! Excel). The fields are bound to a `core::draft::KpiDraft`, which holds every
//! rule: cells take the plans' own wording ("53.7 (p)", "Not yet available", "In
//! line with national"), and Save validates everything (GOV.UK error summary) and
//! makes one undoable change.
//!
//! The heading is `#view-heading` (focusable); Save and Cancel are `#kpi-save` and
//! `#kpi-cancel`.

use super::list_location;
use crate::app::components::form::{
    bind, field_id, field_with, key_bind, save_draft, Bind, Checkbox, ErrorSummary, Select,
    TextInput,
};
use crate::app::components::links::kpi_location;
use crate::app::route::use_router;
use crate::app::state::use_app;
use crate::core::draft::kpi::{cell_name, COLUMNS};
use crate::core::draft::{placement_choices, KpiDraft, Placement, RowKey, ToleranceKind};
use crate::core::kpi::kpi_name;
use crate::core::model::{Id, PeriodBasis, Polarity, Unit};
use crate::core::validate::Report;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the "Add a period" button (where focus goes when the last row is removed).
const ADD_PERIOD_ID: &str = "series-add";

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

/// Choices of an enum by key.
fn options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|x| (key(*x).to_string(), label(*x).to_string()))
        .collect()
}

/// One cell of the grid, bound to the draft's row `k`, column `c`.
fn cell(draft: RwSignal<KpiDraft>, k: RowKey, c: usize) -> Bind<String> {
    field_with(
        draft,
        move |d| {
            d.series
                .iter()
                .find(|r| r.row == k)
                .map(|r| r.cells[c].clone())
                .unwrap_or_default()
        },
        move |d, v| {
            if let Some(r) = d.period_mut(k) {
                r.cells[c] = v;
            }
        },
    )
}

#[component]
pub fn KpiEditor(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let existing = id
        .as_ref()
        .and_then(|id| app.plan.with_untracked(|p| p.kpi(id).cloned()));
    let heading = match &existing {
        None => "Add a KPI".to_string(),
        Some(k) => format!("Edit KPI {}", kpi_name(k)),
    };
    let last_changed = existing
        .as_ref()
        .and_then(|k| crate::core::stamp::last_changed_words(k.changed.as_ref()));
    let opened = existing.as_ref().map(KpiDraft::from).unwrap_or_default();
    let is_new = opened.is_new();
    let draft = RwSignal::new(opened);
    let report = RwSignal::new(Report::default());
    let rows =
        Memo::new(move |_| draft.with(|d| d.series.iter().map(|r| r.row).collect::<Vec<_>>()));

    let add_period = move |_| {
        let n = draft.with_untracked(|d| d.series.len());
        draft.update(|d| {
            d.add_period();
        });
        request_animation_frame(move || focus_cell(n, 0));
    };
    let remove_period = move |k: RowKey, at: usize| {
        draft.update(|d| d.remove_period(k));
        let left = draft.with_untracked(|d| d.series.len());
        request_animation_frame(move || {
            if at < left {
                focus_cell(at, 0);
            } else {
                crate::app::components::form::focus_id(ADD_PERIOD_ID);
            }
        });
    };
    // Paste a block (tab / newline separated) from the focused cell.
    let paste_block = move |row: usize, col: usize, text: &str| {
        draft.update(|d| d.paste(row, col, text));
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(saved) = save_draft(app, draft.get_untracked(), report) else {
            return;
        };
        // Back to the KPI's page (focus to the control that opened the form), or on
        // to the page of a KPI just added.
        if is_new {
            router.go(kpi_location(&saved.id));
        } else {
            router.back_to(kpi_location(&saved.id), None);
        }
        match saved.change {
            Some(c) => app.apply_with_undo(c, saved.label),
            None => app.notify("No changes to save.", false),
        }
    };
    let cancel_id = id.clone();
    let cancel = move |_| match &cancel_id {
        Some(id) if !is_new => router.back_to(kpi_location(id), None),
        _ => router.back_to(list_location(), None),
    };
    let tol_kind = key_bind!(
        draft,
        tolerance_kind,
        |k| k.key().into(),
        ToleranceKind::from_key
    );
    let link_options: Vec<(String, String)> =
        std::iter::once((String::new(), "Not linked".to_string()))
            .chain(
                app.plan
                    .with_untracked(placement_choices)
                    .into_iter()
                    .map(|(place, words)| (place.key(), words)),
            )
            .collect();

    view! {
        <form class="edit-form kpi-form" on:submit=on_submit novalidate>
            <h1 id="view-heading" tabindex="-1">{heading}</h1>
            {last_changed.map(|l| view! { <p class="lede">{l}</p> })}
            <ErrorSummary report=report/>
            <TextInput label="Code" name="code" value=bind!(draft, code) report=report width="w-10" hint="For example, NI 72, BVPI 197 or a local code"/>
            <TextInput label="Sources" name="sources" value=bind!(draft, sources) report=report rows=2 hint="One a line, for example NI, LAA, CYPP local, Corporate dashboard"/>
            <TextInput label="Title" name="title" value=bind!(draft, title) report=report required=true/>
            <TextInput label="Section" name="section" value=bind!(draft, section) report=report hint="The heading it sits under in its table, for example Key Stage 2"/>
            <Select label="Unit" name="unit" report=report
                value=key_bind!(draft, unit, |u| u.key().into(), |k| Unit::from_key(k).unwrap_or_default())
                options=options(&Unit::ALL, Unit::key, Unit::label)/>
            <TextInput label="Decimal places" name="decimals" value=bind!(draft, decimals) report=report width="w-2" hint="0 to 6"/>
            <Select label="Polarity" name="polarity" report=report
                value=key_bind!(draft, polarity, |x| x.key().into(), |k| Polarity::from_key(k).unwrap_or_default())
                options=options(&Polarity::ALL, Polarity::key, Polarity::label)/>
            <fieldset class="fieldset">
                <legend class="label">"Tolerance for amber"</legend>
                <p class="hint">"How far from target is still amber. The default is 5% of the target."</p>
                <Select label="Kind of tolerance" name="tolerance_kind" value=tol_kind report=report
                    options=options(&ToleranceKind::ALL, ToleranceKind::key, ToleranceKind::label)/>
                {move || (tol_kind.get() != ToleranceKind::Default.key()).then(|| view! {
                    <TextInput label="Tolerance" name="tolerance" value=bind!(draft, tolerance) report=report width="w-4"/>
                })}
            </fieldset>
            <TextInput label="Responsible officer" name="responsible_officer" value=bind!(draft, responsible_officer) report=report/>
            <Select label="Period basis" name="period_basis" report=report
                value=key_bind!(draft, period_basis, |x| x.key().into(), |k| PeriodBasis::from_key(k).unwrap_or_default())
                options=options(&PeriodBasis::ALL, PeriodBasis::key, PeriodBasis::label)/>
            <TextInput label="What a period refers to" name="period_note" value=bind!(draft, period_note) report=report rows=2 hint="For example, 2009/10 refers to August 2009 outcomes"/>
            <TextInput label="Baseline period" name="baseline_period" value=bind!(draft, baseline_period) report=report width="w-10" hint="For example, 2007/8"/>
            <TextInput label="Baseline value" name="baseline_value" value=bind!(draft, baseline_value) report=report width="w-10" hint="A number, for example 48.8"/>
            <Select label="Linked priority or outcome" name="link" report=report options=link_options
                value=key_bind!(draft, link, |l| l.as_ref().map(Placement::key).unwrap_or_default(), Placement::from_key)/>
            <Checkbox label="Shown on the corporate dashboard" name="corporate_dashboard" value=bind!(draft, corporate_dashboard)/>
            <TextInput label="Notes" name="notes" value=bind!(draft, notes) report=report rows=3/>

            <h2 id="grid-heading">"Values by period"</h2>
            <p class="hint" id="grid-hint">
                "Type values as the plan writes them: 53.7 (p) for provisional, Not yet available, or a target such as In line with national. "
                "Arrow keys move between cells, Enter moves down, Tab moves right. Paste a row or a block copied from a spreadsheet into any cell to fill from there."
            </p>
            <div class="table-wrap grid-wrap" role="region" aria-labelledby="grid-heading" tabindex="-1">
                <table class="period-grid">
                    <caption class="visually-hidden">"Values by period"</caption>
                    <thead><tr>
                        {COLUMNS.iter().map(|(_, l)| view! { <th scope="col">{*l}</th> }).collect_view()}
                        <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                    </tr></thead>
                    <tbody>
                        {move || rows.get().into_iter().enumerate().map(|(ri, k)| {
                            let period = cell(draft, k, 0);
                            view! {
                                <tr>
                                    {(0..COLUMNS.len()).map(|ci| view! {
                                        <GridCell row=ri col=ci value=cell(draft, k, ci) period=period report=report rows=rows paste=paste_block/>
                                    }).collect_view()}
                                    <td>
                                        <button type="button" class="small secondary"
                                            aria-label=move || { let p = period.get(); if p.trim().is_empty() { format!("Remove row {}", ri + 1) } else { format!("Remove period {p}") } }
                                            on:click=move |_| remove_period(k, ri)>"Remove"</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button type="button" class="secondary" id=ADD_PERIOD_ID on:click=add_period>"Add a period"</button>
            <div class="button-group">
                <button type="submit" id="kpi-save">"Save KPI"</button>
                <button type="button" class="secondary" id="kpi-cancel" on:click=cancel>"Cancel"</button>
            </div>
        </form>
    }
}

#[component]
fn GridCell<P>(
    row: usize,
    col: usize,
    value: Bind<String>,
    period: Bind<String>,
    report: RwSignal<Report>,
    rows: Memo<Vec<RowKey>>,
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
            format!("{} {p}", COLUMNS[col].1)
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
            "ArrowRight" if col + 1 < COLUMNS.len() && (start == len || whole) => {
                Some((row, col + 1))
            }
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
