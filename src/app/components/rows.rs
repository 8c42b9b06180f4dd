//! One repeatable list of a form (an action's milestones, its risks): each row a
//! group named "Milestone 2" holding its fields and a "Remove milestone 2" button,
//! and an "Add a milestone" button after the rows.
//!
//! The keyboard keeps its place: after Add, focus moves to the new row's first
//! field; after Remove, to the first field of the row that took its place, or to
//! the Add button when the last row went. Rows are keyed by their draft row key
//! ([`RowKey`]), so a row keeps what was typed in it while rows above it go.

use super::form::{field_id, focus_id};
use crate::core::draft::RowKey;
use leptos::prelude::*;

/// "milestone" → "Milestone".
fn capitalised(noun: &str) -> String {
    let mut c = noun.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "Add a milestone", "Add an outcome".
fn add_label(noun: &str) -> String {
    let an = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("Add {} {noun}", if an { "an" } else { "a" })
}

/// The id of the first field of row `i` of the list `name`.
fn first_field_id(name: &str, i: usize, first: &str) -> String {
    field_id(&format!("{name}[{i}].{first}"))
}

/// A repeatable list of rows.
#[component]
pub fn Rows(
    /// The list's legend ("Milestones").
    legend: &'static str,
    /// One row in words, lower case ("milestone"): rows are "Milestone 2", the
    /// buttons "Add a milestone" and "Remove milestone 2".
    noun: &'static str,
    /// The list's field name ("milestones"): row `i`'s fields are named
    /// "milestones[i].…", as `core::validate` reports them.
    name: &'static str,
    /// The name of a row's first field ("title"), where focus goes.
    first: &'static str,
    /// The rows' keys, in order.
    #[prop(into)]
    keys: Signal<Vec<RowKey>>,
    /// Adds an empty row at the end.
    on_add: Callback<()>,
    /// Removes a row.
    on_remove: Callback<RowKey>,
    /// A row's fields, given its key and its index on screen.
    row: Callback<(RowKey, usize), AnyView>,
) -> impl IntoView {
    let add_id = format!("{}-add", field_id(name));
    let noun_title = capitalised(noun);
    let add = move |_| {
        on_add.run(());
        let n = keys.with_untracked(Vec::len);
        if n > 0 {
            let id = first_field_id(name, n - 1, first);
            request_animation_frame(move || focus_id(&id));
        }
    };
    let add_target = add_id.clone();
    let children = move |k: RowKey| {
        let index =
            Memo::new(move |_| keys.with(|ks| ks.iter().position(|x| *x == k).unwrap_or(0)));
        let noun_title = noun_title.clone();
        let add_target = add_target.clone();
        view! {
            <fieldset class="fieldset repeat-item">
                {move || {
                    let i = index.get();
                    let add_target = add_target.clone();
                    let remove = move |_| {
                        on_remove.run(k);
                        let left = keys.with_untracked(Vec::len);
                        let target = if i < left {
                            first_field_id(name, i, first)
                        } else {
                            add_target.clone()
                        };
                        request_animation_frame(move || focus_id(&target));
                    };
                    view! {
                        <legend class="repeat-title">{format!("{noun_title} {}", i + 1)}</legend>
                        {row.run((k, i))}
                        <button type="button" class="secondary" id=format!("{}-remove", field_id(&format!("{name}[{i}]")))
                            on:click=remove>{format!("Remove {noun} {}", i + 1)}</button>
                    }
                }}
            </fieldset>
        }
    };
    view! {
        <fieldset class="fieldset repeat">
            <legend class="label">{legend}</legend>
            <For each=move || keys.get() key=|k| *k children=children/>
            <button type="button" class="secondary" id=add_id on:click=add>{add_label(noun)}</button>
        </fieldset>
    }
}
