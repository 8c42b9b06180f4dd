//! A table as it was read, with a choice of what each column holds: the KPI
//! paste page's table (`core::paste` roles) and the import page's table of each
//! action table found (`core::action_paste` roles). The page says what the roles
//! are and what a choice does; this draws the table the same way for both.

use leptos::prelude::*;

/// The heading row, a row of choices ("Holds": one `<select>` a column, labelled
/// "Column 2 (Title) holds", its id `{id_prefix}-{i}`) and the first rows of the
/// table (`rows`: each row's label, "Row 2", and its cells).
///
/// `choices` gives column i's choices, (key, words), and `chosen` the key of the
/// one it holds now (both are read while drawing, so a choice that depends on the
/// others is drawn again when they change); `on_choose` is told the column and the
/// key of what the user chose. The table scrolls in a focusable region named by
/// `label` (its own words) or by `labelledby` (the id of the heading that names
/// it); `caption` is its caption for screen readers.
#[component]
pub fn ColumnRoles(
    headers: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
    #[prop(into)] caption: String,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional, into)] labelledby: Option<String>,
    #[prop(into)] id_prefix: String,
    choices: Callback<usize, Vec<(String, String)>>,
    chosen: Callback<usize, String>,
    on_choose: Callback<(usize, String)>,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|(label, cells)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label=label aria-labelledby=labelledby tabindex="0">
            <table class="paste-columns">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {headers.iter().enumerate().map(|(i, h)| view! {
                            <th scope="col">{if h.is_empty() { format!("Column {}", i + 1) } else { h.clone() }}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="role-row">
                        <th scope="row">"Holds"</th>
                        {headers.iter().enumerate().map(|(i, h)| {
                            let id = format!("{id_prefix}-{i}");
                            let label = format!("Column {} ({}) holds", i + 1, if h.is_empty() { "no heading" } else { h.as_str() });
                            view! {
                                <td>
                                    <label class="visually-hidden" for=id.clone()>{label}</label>
                                    <select class="select" id=id on:change=move |ev| on_choose.run((i, event_target_value(&ev)))>
                                        {move || {
                                            let current = chosen.run(i);
                                            choices.run(i).into_iter().map(|(k, l)| {
                                                let sel = k == current;
                                                view! { <option value=k selected=sel>{l}</option> }
                                            }).collect_view()
                                        }}
                                    </select>
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                    {body}
                </tbody>
            </table>
        </div>
    }
}
