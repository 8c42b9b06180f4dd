//! The first run: on a device that has never chosen how to begin — no plan stored
//! and no choice recorded — a welcome says what Waymark is and offers three ways
//! in: "Start your own plan" (the New plan page), "Look around the example" and
//! "Open a plan file". Until the user chooses, the example plan is the open plan
//! behind it, so every page shows the example as it always has.
//!
//! The example is fetched before the app starts ([`super::example`]). If it could
//! not be loaded, the welcome says why, above the choices; an empty plan is open
//! behind it, "Start your own plan" and "Open a plan file" work as ever (keeping
//! nothing of that empty plan), and "Look around the example" tries again.
//!
//! The welcome is a modal `<dialog>`: focus moves into it when it opens and stays
//! in it, the page behind is inert, and Escape does not dismiss it — only a choice
//! does. It is not shown over the New plan page (the choice being made). The
//! choice is recorded under `waymark.chosen` in local storage ("new", "example" or
//! "file"), so the welcome never returns on this device.

use super::example::fetch_example;
use super::focus;
use super::library;
use super::plan_file::read_plan_file;
use super::route::{use_router, Location, Page};
use super::state::{now_iso, use_app};
use super::storage::{self, LEGACY_KEY, MANIFEST_KEY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The key of the choice made at the first run.
pub const CHOSEN_KEY: &str = "waymark.chosen";

/// Whether the welcome is still waiting for a choice.
#[derive(Clone, Copy)]
pub struct FirstRun {
    pub open: RwSignal<bool>,
}

impl FirstRun {
    /// Reads storage: the welcome is open when nothing says this device has chosen.
    pub fn new() -> FirstRun {
        FirstRun {
            open: RwSignal::new(needed()),
        }
    }

    /// The user has chosen (`what`: "new", "example" or "file"): recorded on this
    /// device, and the welcome closes for good.
    pub fn chosen(&self, what: &str) {
        if let Ok(s) = storage::local_storage() {
            // If the choice cannot be recorded (storage full or blocked), the
            // welcome is offered again next time: nothing else depends on it.
            let _ = s.set_item(CHOSEN_KEY, what);
        }
        self.open.set(false);
    }
}

impl Default for FirstRun {
    fn default() -> Self {
        FirstRun::new()
    }
}

pub fn use_first_run() -> FirstRun {
    expect_context::<FirstRun>()
}

/// Whether this device has never chosen: storage works, and holds no open plan
/// (in either layout) and no recorded choice. Where storage is unavailable the
/// welcome is not shown: the app says that it cannot save, and nothing chosen
/// could be kept.
fn needed() -> bool {
    let Ok(s) = storage::local_storage() else {
        return false;
    };
    let has = |key: &str| js_sys::Reflect::has(&s, &key.into()).unwrap_or(true);
    !(has(MANIFEST_KEY) || has(LEGACY_KEY) || has(CHOSEN_KEY))
}

/// The welcome, while the device has not chosen (and not over the New plan page).
#[component]
pub fn Welcome() -> impl IntoView {
    let first = use_first_run();
    let router = use_router();
    let show =
        Memo::new(move |_| first.open.get() && router.location.with(|l| l.page != Page::NewPlan));
    move || show.get().then(|| view! { <WelcomeDialog/> })
}

#[component]
fn WelcomeDialog() -> impl IntoView {
    let app = use_app();
    let first = use_first_run();
    let router = use_router();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    // The example could not be loaded: why; whether "Look around the example" has
    // tried again (and failed), and is trying now.
    let missing = Memo::new(move |_| app.example_missing.get());
    let retried = RwSignal::new(false);
    let trying = RwSignal::new(false);

    // Open as a modal dialog once drawn; Escape (the dialog's "cancel") is refused.
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        let refuse =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
                ev.prevent_default()
            });
        let _ = d.add_event_listener_with_callback("cancel", refuse.as_ref().unchecked_ref());
        // The dialog lives until the choice; its listener with it.
        refuse.forget();
        if !d.open() {
            let _ = d.show_modal();
        }
    });
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    // Focus on the open page's heading once the welcome has gone.
    let to_page = move || {
        focus::after(focus::Return::Forward, None, move |t| {
            router.view_title.set(t)
        })
    };

    let start_own = move |_| {
        // The New plan page opens (the welcome waits behind it until a plan is
        // made; Cancel there comes back to it).
        router.go(Location::page(Page::NewPlan));
        close();
    };
    let look = move |_| {
        if app.example_missing.with_untracked(Option::is_none) {
            close();
            first.chosen("example");
            to_page();
            return;
        }
        // The example could not be loaded at the start: try again.
        if trying.get_untracked() {
            return;
        }
        trying.set(true);
        leptos::task::spawn_local(async move {
            match fetch_example().await {
                Ok(plan) => {
                    app.open_example(plan);
                    close();
                    first.chosen("example");
                    to_page();
                }
                Err(why) => {
                    retried.set(true);
                    app.example_missing.set(Some(why));
                }
            }
            trying.set(false);
        });
    };
    let pick = move |_| {
        error.set(None);
        if let Some(i) = file_input.get_untracked() {
            i.click();
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let imported = match read_plan_file(file).await {
                Ok(i) => i,
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            };
            // The example is kept in the library; the empty plan open when the
            // example could not be loaded is nobody's, and is not.
            let keep = app.example_missing.with_untracked(Option::is_none);
            if keep {
                let current = app.plan.get_untracked();
                if let Err(e) = library::keep_open(&current, &now_iso()) {
                    error.set(Some(format!(
                        "“{name}” was not opened: the example plan could not be kept in the plan library first ({e}). Nothing has changed."
                    )));
                    return;
                }
            }
            let title = imported.plan.title.clone();
            app.replace_plan(imported.plan, &format!("Open “{name}”"));
            close();
            first.chosen("file");
            router.go(Location::page(Page::Plan));
            app.notify(
                if keep {
                    format!("Opened “{title}” from “{name}”. The example plan is in the plan library on the Files page.")
                } else {
                    format!("Opened “{title}” from “{name}”.")
                },
                false,
            );
        });
    };

    view! {
        <dialog class="welcome" node_ref=dialog aria-labelledby="welcome-heading"
            aria-describedby=move || if missing.with(Option::is_some) { "welcome-about welcome-example-problem" } else { "welcome-about" }
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { ev.prevent_default(); }>
            <h2 id="welcome-heading">"Welcome to Waymark"</h2>
            <p id="welcome-about">"Waymark holds a children's services improvement plan — its priorities, actions, progress updates and KPIs — and turns it into a dashboard and the reports a board or committee reads. It runs in this browser, works offline, and keeps the plan on this device until you export it to share."</p>
            {move || missing.get().map(|why| view! {
                <div class="error-box" role="alert" id="welcome-example-problem">
                    <h3>{move || if retried.get() { "The example plan is still not available" } else { "The example plan is not available" }}</h3>
                    <p>{why.to_string()}</p>
                    <p>"You can still start your own plan or open a plan file. “Look around the example” tries again."</p>
                </div>
            })}
            <p>"How would you like to begin?"</p>
            <div class="welcome-choices">
                <button type="button" on:click=start_own>"Start your own plan"</button>
                <button type="button" class="secondary" on:click=look>
                    {move || if trying.get() { "Loading the example…" } else { "Look around the example" }}
                </button>
                <button type="button" class="secondary" aria-describedby="welcome-file-hint" on:click=pick>"Open a plan file"</button>
            </div>
            <p class="hint" id="welcome-file-hint">"Open a plan file: a Waymark plan file (.json) that someone sent you or that you exported."</p>
            <input type="file" hidden=true node_ref=file_input accept=".json,application/json" on:change=on_file/>
            {move || error.get().map(|e| view! {
                <div class="error-box" role="alert"><h3>"The file was not opened"</h3><p>{e}</p></div>
            })}
        </dialog>
    }
}
