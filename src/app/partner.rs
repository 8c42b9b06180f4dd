//! The partner's side of a request for updates: while the open plan carries a
//! request (`core::exchange`), a banner under the navigation says who asked, by
//! when and for what ("Updates asked for by Milton Keynes Council by 15 December
//! 2026: your 7 actions and 3 KPIs"), links to just those actions, asks once for
//! the name the partner's changes are signed with (kept on the device), and
//! saves "Send my updates back": the plan as it is, on the same base.

use crate::app::download::download;
use crate::app::route::{AppLink, Location, Page};
use crate::app::state::{now_iso, today, use_app};
use crate::core::exchange::{request_words, returned_file_name, returned_plan};
use crate::core::format::export_plan;
use leptos::prelude::*;

#[component]
pub fn PartnerBanner() -> impl IntoView {
    let app = use_app();
    let words = Memo::new(move |_| app.plan.details(request_words));
    let typed = RwSignal::new(String::new());
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = typed.get_untracked();
        if name.trim().is_empty() {
            message.set(Some((
                false,
                "Enter your name, so the coordinator sees who made each change".into(),
            )));
            return;
        }
        match app.set_name(&name) {
            Ok(()) => message.set(None),
            Err(e) => message.set(Some((false, format!("Your name could not be kept: {e}.")))),
        }
    };
    let send = move |_| {
        let name = app.name.get_untracked();
        if name.trim().is_empty() {
            message.set(Some((
                false,
                "Enter your name first, so the coordinator sees who sent the updates".into(),
            )));
            crate::app::components::form::focus_id("partner-name");
            return;
        }
        let now = now_iso();
        let file = app.plan.with_untracked(|p| returned_plan(p, &name, &now));
        let file_name = returned_file_name(&file.title, &name, today());
        match download(&file_name, "application/json", &export_plan(&file, &now)) {
            Ok(()) => message.set(Some((true, format!("Saved “{file_name}”. Send it back to whoever asked (by email or a shared drive); they merge it into their plan.")))),
            Err(e) => message.set(Some((false, format!("The file could not be saved: {e}.")))),
        }
    };
    let mine = Location {
        page: Page::Plan,
        params: [("mine".to_string(), "1".to_string())]
            .into_iter()
            .collect(),
    };
    move || {
        words.get().map(|w| {
            let mine = mine.clone();
            view! {
                <div class="banner banner-request" role="region" aria-label="Updates asked for">
                    <p><strong>{w}</strong></p>
                    <p>"Add a progress update to each action (and new KPI values), then send the plan back. Your changes are signed with your name."</p>
                    {move || app.name.with(|n| n.trim().is_empty()).then(|| view! {
                        <form class="inline-form" on:submit=save_name>
                            <div class="form-group">
                                <label class="label" for="partner-name">"Your name, for the log"</label>
                                <p class="hint" id="partner-name-hint">"For example, Priya Shah (Health). Kept on this device."</p>
                                <input class="input" id="partner-name" autocomplete="name" aria-describedby="partner-name-hint" bind:value=typed/>
                            </div>
                            <button type="submit" class="secondary">"Save my name"</button>
                        </form>
                    })}
                    <div class="banner-actions">
                        <AppLink to=mine class="button secondary">"Show only my actions"</AppLink>
                        <button type="button" id="send-back" on:click=send>"Send my updates back"</button>
                    </div>
                    <p role="status" class="status-line">{move || message.get().map(|(ok, m)| view! { <span class:field-error=!ok>{m}</span> })}</p>
                </div>
            }
        })
    }
}
