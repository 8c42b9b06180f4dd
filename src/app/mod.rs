//! The Leptos user interface (wasm32 only), on top of [`crate::core`].

pub mod clipboard;
pub mod components;
pub mod device;
pub mod download;
pub mod example;
pub mod first_run;
pub mod focus;
pub mod library;
pub mod office;
pub mod pages;
pub mod partner;
pub mod plan_file;
pub mod route;
pub mod schedule;
pub mod state;
pub mod storage;

use crate::core::format::export_plan;
use crate::core::model::Plan;
use crate::core::starter::{default_rag_definitions, plan_id};
use leptos::prelude::*;
use route::{Location, Page, PageLink, Router};
use state::{AppState, Opening, SaveState, StorageProblem};
use storage::Stored;
use wasm_bindgen::JsCast;

/// Mounts the app on the page. When storage holds no plan to open (a first visit,
/// or storage unreadable or blocked), the example plan is fetched first
/// ([`example`]): the loading note of `index.html` stays until it has come, or
/// failed, so no empty plan is ever drawn in its place.
pub fn mount() {
    console_error_panic_hook::set_once();
    let stored = storage::load();
    if matches!(stored, Stored::Plan(_)) {
        start(Opening {
            stored,
            example: None,
        });
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            let example = Some(example::fetch_example().await);
            start(Opening { stored, example });
        });
    }
}

fn start(opening: Opening) {
    // The loading note from index.html gives way to the app.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(move || view! { <App opening=opening/> });
}

/// Downloads the open plan as a plan file named after its title and today's date.
pub fn download_plan(plan: &Plan) -> Result<(), String> {
    let today = state::today();
    let name = format!("{}-{}.json", download::slug(&plan.title), today);
    download::download(
        &name,
        "application/json",
        &export_plan(plan, &state::now_iso()),
    )
}

fn is_typing_target(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "input" || tag == "textarea" || tag == "select" || el.is_content_editable()
        })
        .unwrap_or(false)
}

/// The app, opening with what storage holds (or the example, as fetched).
#[component]
pub fn App(opening: Opening) -> impl IntoView {
    let app = AppState::load(opening);
    provide_context(app);
    let router = Router::new();
    provide_context(router);
    // Before the pages: a device that has never chosen shows the welcome.
    provide_context(first_run::FirstRun::new());

    // Keep the document title in step with the page and the plan.
    Effect::new(move |_| {
        let page = router.location.with(|l| l.page.title());
        let plan = app.plan.details(|p| p.title.clone());
        let title = match router.view_title.get() {
            Some(view) => format!("{view} — {page} — {plan} — Waymark"),
            None => format!("{page} — {plan} — Waymark"),
        };
        document().set_title(&title);
    });

    // Undo and redo from the keyboard, except while typing in a field (where the
    // browser's own text undo applies).
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        let cmd = ev.ctrl_key() || ev.meta_key();
        if !cmd || is_typing_target(&ev) {
            return;
        }
        let k = ev.key().to_ascii_lowercase();
        if k == "z" && !ev.shift_key() {
            ev.prevent_default();
            app.undo();
        } else if (k == "z" && ev.shift_key()) || k == "y" {
            ev.prevent_default();
            app.redo();
        }
    });
    on_cleanup(move || keys.remove());

    // Only a change of page redraws the page; a change of its parameters (a filter,
    // a KPI id) is handled inside the page.
    let page = Memo::new(move |_| router.location.with(|l| l.page.clone()));

    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        components::form::focus_id("main");
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to main content"</a>
        <header class="app-header">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="app-name">"Waymark"</span>
            </div>
            <div class="plan-ident">
                <p class="plan-title">{move || app.plan.details(|p| p.title.clone())}</p>
                <p class="plan-org">{move || app.plan.details(|p| p.organisation.clone())}</p>
            </div>
            <div class="header-tools">
                <OfflineIndicator/>
                <SaveStatus/>
                <button type="button" class="header-button" on:click=move |_| app.undo()
                    disabled=move || !app.history.can_undo.get() aria-keyshortcuts="Control+Z">"Undo"</button>
                <button type="button" class="header-button" on:click=move |_| app.redo()
                    disabled=move || !app.history.can_redo.get() aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
                <button type="button" class="header-button" on:click=move |_| {
                    let r = app.plan.with_untracked(download_plan);
                    if let Err(e) = r { app.notify(format!("The plan could not be exported: {e}"), false); }
                }>"Export plan"</button>
            </div>
        </header>
        <nav class="app-nav" aria-label="Main">
            <ul>
                {Page::NAV.into_iter().map(|p| view! {
                    <li><PageLink to=Location::page(p.clone())>{p.title()}</PageLink></li>
                }).collect_view()}
            </ul>
        </nav>
        <UpdateBanner/>
        <ProblemBanner/>
        <partner::PartnerBanner/>
        <ExampleBanner/>
        <NoticeBar/>
        <main id="main" tabindex="-1">
            {move || match page.get() {
                Page::Plan => view! { <pages::plan::PlanPage/> }.into_any(),
                Page::Dashboard => view! { <pages::dashboard::DashboardPage/> }.into_any(),
                Page::Kpis => view! { <pages::kpis::KpisPage/> }.into_any(),
                Page::Reports => view! { <pages::reports::ReportsPage/> }.into_any(),
                Page::Files => view! { <pages::files::FilesPage/> }.into_any(),
                Page::Import => view! { <pages::import::ImportPage/> }.into_any(),
                Page::NewPlan => view! { <pages::start::NewPlanPage/> }.into_any(),
                Page::Ask => view! { <pages::ask::AskPage/> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            <p>"Waymark keeps this plan in this browser on this device only. To share it, or to keep a copy elsewhere, use Export plan."</p>
        </footer>
        <first_run::Welcome/>
    }
}

/// The quiet save status: "Saving…", "Saved at 14:05", or the problem.
#[component]
fn SaveStatus() -> impl IntoView {
    let app = state::use_app();
    view! {
        <p class="save-status" role="status" aria-live="polite">
            {move || match app.save_state.get() {
                SaveState::Idle => "Saved on this device".to_string(),
                SaveState::Saving => "Saving…".to_string(),
                SaveState::Saved(t) => format!("Saved at {t}"),
                SaveState::Failed(why) => why,
            }}
        </p>
    }
}

/// A persistent warning about storage, with what the user can do.
#[component]
fn ProblemBanner() -> impl IntoView {
    let app = state::use_app();
    let download_copy = move |_| {
        if let Err(e) = app.plan.with_untracked(download_plan) {
            app.notify(format!("The copy could not be downloaded: {e}"), false);
        }
    };
    move || {
        app.problem.get().map(|p| match p {
            StorageProblem::NotSaving(why) => view! {
                <div class="banner banner-warning" role="alert">
                    <p><strong>"Your changes are not being saved. "</strong>{why}</p>
                    <div class="banner-actions">
                        <button type="button" on:click=download_copy>"Download a copy"</button>
                    </div>
                </div>
            }
            .into_any(),
            StorageProblem::Unreadable { raw, problem } => {
                let raw_for_download = raw.clone();
                view! {
                    <div class="banner banner-warning" role="alert">
                        <p>
                            <strong>"The plan saved in this browser could not be read. "</strong>
                            {format!("It has been kept exactly as it was and nothing will be saved over it until you choose. ({problem}) ")}
                            {move || if app.example_missing.with(Option::is_some) {
                                "An empty plan is open meanwhile."
                            } else {
                                "The example plan is open meanwhile."
                            }}
                        </p>
                        <div class="banner-actions">
                            <button type="button" on:click=move |_| {
                                let name = format!("waymark-unreadable-{}.txt", state::today());
                                if let Err(e) = download::download(&name, "text/plain", &raw_for_download) {
                                    app.notify(format!("The saved data could not be downloaded: {e}"), false);
                                }
                            }>"Download the saved data"</button>
                            <button type="button" class="secondary" on:click=move |_| {
                                leptos::task::spawn_local(async move {
                                    match example::fetch_example().await {
                                        Ok(plan) => app.start_over(plan, "Started from the example plan"),
                                        Err(why) => app.notify(why.to_string(), false),
                                    }
                                });
                            }>"Start from the example plan"</button>
                            <button type="button" class="secondary" on:click=move |_| {
                                app.start_over(empty_plan(), "Started an empty plan");
                            }>"Start an empty plan"</button>
                        </div>
                    </div>
                }
                .into_any()
            }
            StorageProblem::Conflict => view! {
                <div class="banner banner-warning" role="alert">
                    <p><strong>"This plan was changed in another tab or window. "</strong>
                        "Your latest changes here have not been saved, so nothing of either is lost yet. Load the other version (your unsaved changes here are dropped), or keep yours (it replaces the other version)."</p>
                    <div class="banner-actions">
                        <button type="button" on:click=move |_| app.reload_from_storage("Loaded the version saved in the other tab.")>"Load the other version"</button>
                        <button type="button" class="secondary" on:click=move |_| app.keep_mine()>"Keep my version"</button>
                        <button type="button" class="secondary" on:click=download_copy>"Download my version"</button>
                    </div>
                </div>
            }
            .into_any(),
        })
    }
}

/// A blank plan to start from (after unreadable storage, or open when the example
/// could not be loaded), with a new plan's RAG definitions.
pub fn empty_plan() -> Plan {
    Plan {
        id: plan_id((js_sys::Math::random() * 1e12) as u64),
        title: "Untitled plan".into(),
        rag_definitions: default_rag_definitions(),
        ..Plan::default()
    }
}

/// The example plan was to be the open plan but could not be loaded: why, in words,
/// with a way to try again and a way to start a plan of one's own. At the first
/// run the welcome says it instead (the page behind it is inert).
#[component]
fn ExampleBanner() -> impl IntoView {
    let app = state::use_app();
    let first = first_run::use_first_run();
    let router = route::use_router();
    let trying = RwSignal::new(false);
    let retry = move |_| {
        if trying.get_untracked() {
            return;
        }
        trying.set(true);
        leptos::task::spawn_local(async move {
            match example::fetch_example().await {
                Ok(plan) => {
                    app.open_example(plan);
                    app.notify("The example plan is open.", false);
                }
                Err(why) => {
                    app.notify(
                        "Tried again: the example plan could still not be loaded.",
                        false,
                    );
                    app.example_missing.set(Some(why));
                }
            }
            trying.set(false);
        });
    };
    let show = Memo::new(move |_| {
        if first.open.get() {
            None
        } else {
            app.example_missing.get()
        }
    });
    move || {
        show.get().map(|why| {
            view! {
                <div class="banner banner-warning" role="alert">
                    <p><strong>{why.to_string()}</strong>" An empty plan is open instead. Start a plan of your own, open a plan file on the Files page, or try again."</p>
                    <div class="banner-actions">
                        <button type="button" on:click=retry>
                            {move || if trying.get() { "Loading the example…" } else { "Try again" }}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| router.go(Location::page(Page::NewPlan))>
                            "Start your own plan"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// A short message after an action, with Undo where it helps.
#[component]
fn NoticeBar() -> impl IntoView {
    let app = state::use_app();
    // Hide a notice after 10 seconds unless another replaced it.
    Effect::new(move |_| {
        if let Some(n) = app.notice.get() {
            let id = n.id;
            set_timeout(
                move || {
                    if app
                        .notice
                        .with_untracked(|n| n.as_ref().map(|n| n.id) == Some(id))
                    {
                        app.notice.set(None);
                    }
                },
                std::time::Duration::from_secs(10),
            );
        }
    });
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || app.notice.get().map(|n| view! {
                <div class="notice">
                    <p>{n.message}</p>
                    {n.undo.then(|| view! {
                        <button type="button" on:click=move |_| { app.notice.set(None); app.undo(); }>"Undo"</button>
                    })}
                    <button type="button" class="secondary" on:click=move |_| app.notice.set(None)>"Dismiss"</button>
                </div>
            })}
        </div>
    }
}

/// "A new version is available": shown when a new build has been deployed and its
/// service worker is ready. Nothing reloads until the user chooses; the plan is
/// saved first (it lives in local storage, not in the cache).
#[component]
fn UpdateBanner() -> impl IntoView {
    let app = state::use_app();
    let ready = RwSignal::new(
        js_sys::Reflect::get(&window(), &"__waymarkUpdateReady".into())
            .map(|v| v.is_truthy())
            .unwrap_or(false),
    );
    let handle = window_event_listener_untyped("waymark-update", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let reload = move |_| {
        app.flush();
        if app.has_unsaved() {
            app.notify("Your latest changes could not be saved, so the page was not reloaded. Download a copy of the plan first (see the message above), then reload.", false);
            return;
        }
        if let Ok(f) = js_sys::Reflect::get(&window(), &"waymarkApplyUpdate".into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call0(&window());
            }
        }
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="banner banner-info" role="status">
                    <p><strong>"A new version of Waymark is available. "</strong>"Your plan is kept when you reload."</p>
                    <div class="banner-actions">
                        <button type="button" on:click=reload>"Reload"</button>
                        <button type="button" class="secondary" on:click=move |_| ready.set(false)>"Later"</button>
                    </div>
                </div>
            }
        })
    }
}

/// A quiet "Offline" marker while the browser has no network.
#[component]
fn OfflineIndicator() -> impl IntoView {
    let online = RwSignal::new(window().navigator().on_line());
    let h1 = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let h2 = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        h1.remove();
        h2.remove();
    });
    move || {
        (!online.get()).then(|| {
            view! {
                <p class="offline" title="Waymark works offline: the plan is saved on this device.">
                    <span aria-hidden="true">"⦸ "</span>"Offline — saving on this device"
                </p>
            }
        })
    }
}
