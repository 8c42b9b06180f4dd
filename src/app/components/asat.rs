//! The "as at" date of the dashboard and the reports: read from the address, and
//! the control that sets it there.

use crate::app::route::use_router;
use crate::app::state::today;
use crate::core::date::Date;
use crate::core::rollup::as_at_param;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The as-at date in the address (`asat=YYYY-MM-DD`), else today
/// ([`crate::core::rollup::as_at_param`]).
pub fn as_at_of(params: &BTreeMap<String, String>) -> Date {
    as_at_param(params, today())
}

/// The as-at date control, kept in the address (today is no `asat` at all).
#[component]
pub fn AsAtBar(as_at: Memo<Date>) -> impl IntoView {
    let router = use_router();
    let set = move |d: Option<Date>| {
        let mut params = router.location.get_untracked().params;
        match d {
            Some(d) if d != today() => {
                params.insert("asat".into(), d.to_string());
            }
            _ => {
                params.remove("asat");
            }
        }
        router.replace_params(params);
    };
    view! {
        <div class="asat-bar no-print">
            <div class="form-group">
                <label class="label" for="asat">"As at"</label>
                <p class="hint" id="asat-hint">"Figures show the plan as it stood on this date."</p>
                <input class="input w-date" type="date" id="asat" aria-describedby="asat-hint"
                    prop:value=move || as_at.get().to_string()
                    on:change=move |ev| {
                        if let Ok(d) = Date::parse_iso(&event_target_value(&ev)) {
                            set(Some(d));
                        }
                    }/>
            </div>
            {move || (as_at.get() != today()).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| set(None)>"Show as at today"</button>
            })}
        </div>
        <p class="asat-line">"As at "<strong>{move || as_at.get().long()}</strong></p>
    }
}
