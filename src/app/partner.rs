//! The partner's side of a request for updates: while the open plan carries a
//! request (`core::exchange`), a banner under the navigation says who asked, by
//! when and for what ("Updates asked for by Milton Keynes Council by 15 December
//! 2026: your 7 actions and 3 KPIs"), links to just those actions, asks once for
//! the name the partner's changes are signed with (kept on the device), and
//! saves "Send my updates back": the plan as it is, on the same base.

use crate::app::components::name::NameForm;
use crate::app::download::download;
use crate::app::route::{AppLink, Location, Page};
use crate::app::state::{now_iso, today, use_app};
use crate::core::exchange::{request_words, returned_file_name, returned_plan};
use crate::core::format::export_plan;
use leptos::prelude::*;

#[component]
pub fn PartnerBanner() -> impl IntoView {
    let app = use_app();
    // The whole plan is read, so the counts follow actions added or deleted; a
    // plan with no request (the coordinator's) answers at once.
    let words = Memo::new(move |_| app.plan.with(request_words));
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
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
                        <NameForm id="partner-name" label="Your name, for the log" button="Save my name" required=true
                            hint="For example, Priya Shah (Health). Kept on this device."/>
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
