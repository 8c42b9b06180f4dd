//! The name this device signs its changes with (`app::device`), as a small form:
//! on the Files page (where it can also be cleared) and in a partner's banner
//! (where a name is asked for before updates are sent back).

use crate::app::state::use_app;
use leptos::prelude::*;

#[component]
pub fn NameForm(
    /// The field's id.
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    button: &'static str,
    /// A name must be given (the partner's banner); else it may be cleared.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let app = use_app();
    let typed = RwSignal::new(app.name.get_untracked());
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = typed.get_untracked();
        let name = name.trim();
        if required && name.is_empty() {
            message.set(Some((
                false,
                "Enter your name, so the coordinator sees who made each change".into(),
            )));
            return;
        }
        message.set(Some(match app.set_name(name) {
            Ok(()) if name.is_empty() => (
                true,
                "Your name is cleared: changes made here are not signed.".into(),
            ),
            Ok(()) => (
                true,
                format!("Changes made on this device are signed “{name}”."),
            ),
            Err(e) => (false, format!("Your name could not be kept: {e}.")),
        }));
    };
    let hint_id = format!("{id}-hint");
    view! {
        <form class="inline-form" on:submit=save>
            <div class="form-group">
                <label class="label" for=id>{label}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <input class="input" id=id autocomplete="name" aria-describedby=hint_id bind:value=typed/>
            </div>
            <button type="submit" class="secondary">{button}</button>
        </form>
        <p role="status" class="status-line">{move || message.get().map(|(ok, m)| view! { <span class:field-error=!ok>{m}</span> })}</p>
    }
}
