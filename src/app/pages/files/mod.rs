//! The Files page: start a new plan (a link to the New plan page); export and
//! share the plan as a file; partners (the name kept on this device for the log,
//! and "Ask for updates"); import a file (by the file control or by dropping it on
//! the page) through the one import path, with a preview before anything changes —
//! replace, open as a new plan, or, for a version of the open plan, merge its
//! changes ([`merge`]); the plan library with snapshots, backups and a compare
//! report; and how much of the browser's storage the plans use.

mod merge;

use crate::app::components::compare::ComparisonView;
use crate::app::components::links::import_location;
use crate::app::components::name::NameForm;
use crate::app::components::TableRegion;
use crate::app::download_plan;
use crate::app::library::{self, Entry, Kind};
use crate::app::plan_file::read_plan_file;
use crate::app::route::{AppLink, Location, Page};
use crate::app::state::{now_iso, today, use_app};
use crate::app::storage;
use crate::core::compare::{compare, same_plan, Comparison};
use crate::core::exchange::{self, FirstChoice, Relation};
use crate::core::files::{
    backup_before_import, backup_before_opening, contents_words, size_words, snapshot_name,
    storage_use,
};
use crate::core::format::{export_plan, Imported, MAX_FILE_BYTES};
use crate::core::model::Plan;
use leptos::prelude::*;
use merge::{MergeInput, MergeReview};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A file read successfully, waiting for the user's choice. Shared, not copied:
/// the signal and the preview hand it on as it is (a plan can be megabytes).
#[derive(Clone)]
struct Preview {
    file_name: String,
    imported: Arc<Imported>,
    /// What differs from the open plan, when the file is a version of it.
    comparison: Option<Arc<Comparison>>,
}

#[component]
pub fn FilesPage() -> impl IntoView {
    let app = use_app();
    let preview: RwSignal<Option<Preview>> = RwSignal::new(None);
    let merging: RwSignal<Option<MergeInput>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let rev = RwSignal::new(0u64);
    let dragging = RwSignal::new(false);
    let deleted: Deleted = RwSignal::new(None);

    let read_file = move |file: web_sys::File| {
        error.set(None);
        preview.set(None);
        merging.set(None);
        let name = file.name();
        leptos::task::spawn_local(async move {
            match read_plan_file(file).await {
                Err(e) => error.set(Some(e)),
                Ok(imported) => {
                    let comparison = app.plan.with_untracked(|open| {
                        same_plan(open, &imported.plan).then(|| compare(open, &imported.plan))
                    });
                    preview.set(Some(Preview {
                        file_name: name,
                        imported: Arc::new(imported),
                        comparison: comparison.map(Arc::new),
                    }));
                    request_animation_frame(|| {
                        crate::app::components::form::focus_id("preview-heading")
                    });
                }
            }
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            read_file(f);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            read_file(f);
        }
    };

    view! {
        <div class="files-page"
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
            class:dragging=move || dragging.get()>
            <h1>"Files"</h1>
            <p class="lede">"The plan is kept in this browser on this device only. Export it to share it or keep a copy; import a plan file someone sent you."</p>

            <section aria-labelledby="new-plan-heading">
                <h2 id="new-plan-heading">"Start a plan"</h2>
                <p>"A blank plan, a starting structure (an improvement plan, a service plan or a monitoring list), or a copy of the example. The plan open now stays in the plan library."</p>
                <div class="button-group">
                    <AppLink to=Location::page(Page::NewPlan) class="button">"New plan"</AppLink>
                    <AppLink to=import_location("files", &[]) class="button secondary">"Import from Word or Excel"</AppLink>
                </div>
                <p class="hint">"Import from Word or Excel brings a .docx, .xlsx or .csv file's action tables into the open plan: start a new plan first to bring them into a plan of their own."</p>
            </section>

            <section aria-labelledby="export-heading">
                <h2 id="export-heading">"Export"</h2>
                <p>"Downloads the whole plan as one file that anyone can open in Waymark."</p>
                <div class="button-group">
                    <button type="button" on:click=move |_| {
                        if let Err(e) = app.plan.with_untracked(download_plan) {
                            error.set(Some(format!("The plan could not be exported: {e}")));
                        }
                    }>"Export plan"</button>
                    {can_share_files().then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| share_plan(app.plan.get_untracked())>"Share plan"</button>
                    })}
                </div>
            </section>

            <Partners/>

            <section aria-labelledby="import-heading">
                <h2 id="import-heading">"Import"</h2>
                <div class="drop-zone">
                    <label class="label" for="import-file">"Import plan"</label>
                    <p class="hint" id="import-hint">{format!("A Waymark plan file (.json), up to {} MB. You can also drop the file anywhere on this page. Nothing changes until you choose what to do with it.", MAX_FILE_BYTES / (1024 * 1024))}</p>
                    <input type="file" id="import-file" class="file-input" accept=".json,application/json"
                        aria-describedby="import-hint" on:change=on_pick/>
                </div>
                {move || error.get().map(|e| view! {
                    <div class="error-box" role="alert"><h3>"The file was not opened"</h3><p>{e}</p></div>
                })}
                {move || preview.get().map(|p| view! { <ImportPreview p=p preview=preview merging=merging rev=rev/> })}
                {move || merging.get().map(|m| view! { <MergeReview input=m merging=merging rev=rev/> })}
            </section>

            <Library rev=rev deleted=deleted/>
            <CompareSection rev=rev deleted=deleted/>
            <StorageMeter rev=rev/>
        </div>
    }
}

#[component]
fn ImportPreview(
    p: Preview,
    preview: RwSignal<Option<Preview>>,
    merging: RwSignal<Option<MergeInput>>,
    rev: RwSignal<u64>,
) -> impl IntoView {
    let app = use_app();
    let plan = &p.imported.plan;
    let relation = app
        .plan
        .with_untracked(|open| exchange::relation(open, plan));
    let request = exchange::request_words(plan);
    let sender = exchange::sender(plan, &p.file_name);
    let contents = contents_words(plan);
    let repairs = p.imported.repairs.clone();
    let migrated = p.imported.from_version < crate::core::format::FORMAT_VERSION;
    let incoming = StoredValue::new(p.imported.clone());
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let replace = move |_| {
        let current = app.plan.get_untracked();
        let name = backup_before_import(&incoming.with_value(|i| i.plan.title.clone()), today());
        match library::put(Kind::Backup, &name, &current, &now_iso()) {
            Ok(_) => {
                app.replace_plan(incoming.with_value(|i| i.plan.clone()), "Import plan");
                app.notify("The imported plan is open. The plan it replaced is kept as an automatic backup in the plan library.", true);
                preview.set(None);
                rev.update(|r| *r += 1);
            }
            Err(e) => problem.set(Some(format!(
                "The current plan could not be backed up first ({e}), so nothing was replaced. Download a copy of the current plan, free some space, and try again."
            ))),
        }
    };
    let open_new = move |_| {
        let current = app.plan.get_untracked();
        match library::keep_open(&current, &now_iso()) {
            Ok(_) => {
                app.replace_plan(
                    incoming.with_value(|i| i.plan.clone()),
                    "Open imported plan",
                );
                app.notify(
                    "The imported plan is open. The plan that was open is in the plan library.",
                    false,
                );
                preview.set(None);
                rev.update(|r| *r += 1);
            }
            Err(e) => problem.set(Some(format!(
                "The current plan could not be kept in the library ({e}), so nothing changed."
            ))),
        }
    };
    let file_name = p.file_name.clone();
    let merge_in = move |_| {
        let (file_name, sender) = (file_name.clone(), sender.clone());
        let theirs = incoming.with_value(|i| i.plan.clone());
        let base_id = match exchange::relation(&app.plan.get_untracked(), &theirs) {
            Relation::SamePlan { base } => base,
            Relation::Other => {
                problem.set(Some(
                    "The open plan changed: this file is no longer a version of it.".into(),
                ));
                return;
            }
        };
        // The version the file was made from, if the library still holds it.
        let base = base_id
            .and_then(|id| library::find_base(&id))
            .and_then(|e| library::get(&e.id).ok().map(|i| (e, Arc::new(i.plan))));
        // A part of the plan is made whole first: from its base, or, with no base,
        // from the open plan (so what the file does not hold is not a difference).
        let theirs = match &base {
            Some((_, b)) => exchange::complete(b, &theirs),
            None => app
                .plan
                .with_untracked(|open| exchange::complete(open, &theirs)),
        };
        preview.set(None);
        merging.set(Some(MergeInput {
            file_name,
            sender,
            theirs: Arc::new(theirs),
            base,
        }));
        request_animation_frame(|| crate::app::components::form::focus_id("merge-heading"));
    };
    let same_plan = matches!(relation, Relation::SamePlan { .. });
    let base_known = match &relation {
        Relation::SamePlan { base: Some(b) } => library::find_base(b).is_some(),
        _ => false,
    };
    let first = exchange::first_choice(&relation, plan, base_known);
    let merge_first = first == FirstChoice::Merge;
    let new_first = first == FirstChoice::OpenAsNew;
    view! {
        <div class="preview" aria-labelledby="preview-heading">
            <h3 id="preview-heading" tabindex="-1">{format!("Preview of “{}”", p.file_name)}</h3>
            {request.map(|w| view! { <p class="inset request-words">{w}</p> })}
            <dl class="summary-list">
                <div><dt>"Title"</dt><dd>{plan.title.clone()}</dd></div>
                <div><dt>"Organisation"</dt><dd>{plan.organisation.clone()}</dd></div>
                <div><dt>"Period"</dt><dd>{plan.period_label.clone()}</dd></div>
                <div><dt>"Contents"</dt><dd>{contents}</dd></div>
                <div><dt>"Last updated"</dt><dd>{plan.last_updated.map(|d| d.long()).unwrap_or_else(|| "Not recorded".into())}</dd></div>
                {p.imported.exported_at.clone().map(|e| view! { <div><dt>"Exported"</dt><dd>{crate::core::date::human_time(&e)}</dd></div> })}
            </dl>
            {migrated.then(|| view! { <p class="inset">"This file was saved by an older version of Waymark; it has been brought up to date."</p> })}
            {(!repairs.is_empty()).then(|| view! {
                <div class="inset">
                    <h4>"Repaired while reading"</h4>
                    <ul>{repairs.into_iter().map(|r| view! { <li>{r.0}</li> }).collect_view()}</ul>
                </div>
            })}
            {match p.comparison.clone() {
                Some(c) if c.is_empty() => view! { <p>"This is a version of the open plan, and it is identical to it."</p> }.into_any(),
                Some(c) => view! {
                    <h4>"What differs from the open plan"</h4>
                    <ComparisonView c=Comparison::clone(&c)/>
                }.into_any(),
                None => view! { <p>"This is a different plan from the one open."</p> }.into_any(),
            }}
            {move || problem.get().map(|e| view! { <div class="error-box" role="alert"><p>{e}</p></div> })}
            {same_plan.then(|| view! {
                <p class="hint">"“Merge changes” takes this file's changes into the open plan and keeps the changes made here since: you see each one, and choose where both sides changed the same thing."</p>
            })}
            <div class="button-group">
                {new_first.then(|| view! { <button type="button" on:click=open_new>"Open as a new plan"</button> })}
                {same_plan.then(|| view! { <button type="button" id="merge-changes" class:secondary=!merge_first on:click=merge_in>"Merge changes"</button> })}
                <button type="button" class:secondary=first != FirstChoice::Replace on:click=replace>"Replace current plan"</button>
                {(!new_first).then(|| view! { <button type="button" class="secondary" on:click=open_new>"Open as a new plan"</button> })}
                <button type="button" class="secondary" on:click=move |_| preview.set(None)>"Cancel"</button>
            </div>
        </div>
    }
}

#[component]
fn Library(rev: RwSignal<u64>, deleted: Deleted) -> impl IntoView {
    let app = use_app();
    let typed_name = RwSignal::new(String::new());
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let entries = Memo::new(move |_| {
        rev.track();
        library::list()
    });
    let bump = move || rev.update(|r| *r += 1);
    let save_snapshot = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = snapshot_name(&typed_name.get_untracked(), today());
        match app
            .plan
            .with_untracked(|p| library::put(Kind::Snapshot, &name, p, &now_iso()))
        {
            Ok(_) => {
                message.set(Some(format!("Saved the snapshot “{name}”.")));
                typed_name.set(String::new());
                bump();
            }
            Err(e) => message.set(Some(format!("The snapshot could not be saved: {e}."))),
        }
    };
    view! {
            <section aria-labelledby="library-heading">
                <h2 id="library-heading">"Plan library"</h2>
                <p>"Other plans, snapshots and automatic backups kept in this browser."</p>
                <form class="inline-form" on:submit=save_snapshot>
                    <div class="form-group">
                        <label class="label" for="snapshot-name">"Snapshot name"</label>
                        <p class="hint" id="snapshot-hint">"For example, Version that went to Cabinet, July 2009"</p>
                        <input class="input" id="snapshot-name" aria-describedby="snapshot-hint" bind:value=typed_name/>
                    </div>
                    <button type="submit">"Save snapshot"</button>
                </form>
                <p role="status" class="status-line">{move || message.get()}</p>
                {move || {
                    let list = entries.get();
                    if list.is_empty() {
                        view! { <p>"The library is empty."</p> }.into_any()
                    } else {
                        view! {
                            <TableRegion caption="Plan library">
                                    <thead><tr>
                                        <th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Plan"</th>
                                        <th scope="col">"Saved"</th><th scope="col">"Size"</th><th scope="col" class="no-print">"Actions"</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|e| view! { <LibraryRow e=e rev=rev message=message deleted=deleted/> }).collect_view()}
                                    </tbody>
    </TableRegion>
                        }.into_any()
                    }
                }}
            </section>
        }
}

#[component]
fn LibraryRow(
    e: Entry,
    rev: RwSignal<u64>,
    message: RwSignal<Option<String>>,
    deleted: Deleted,
) -> impl IntoView {
    let app = use_app();
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(e.name.clone());
    let bump = move || rev.update(|r| *r += 1);
    let entry = StoredValue::new(e.clone());
    let open = move |_| {
        let e = entry.get_value();
        match library::get(&e.id) {
            Err(err) => message.set(Some(format!("“{}” could not be opened: {err}", e.name))),
            Ok(imp) => {
                let current = app.plan.get_untracked();
                let keep = match e.kind {
                    Kind::Plan => library::keep_open(&current, &now_iso()),
                    _ => library::put(
                        Kind::Backup,
                        &backup_before_opening(&e.name, today()),
                        &current,
                        &now_iso(),
                    ),
                };
                if let Err(err) = keep {
                    message.set(Some(format!(
                        "The open plan could not be kept first ({err}), so nothing changed."
                    )));
                    return;
                }
                if e.kind == Kind::Plan {
                    let _ = library::remove(&e.id);
                }
                app.replace_plan(imp.plan, &format!("Open “{}”", e.name));
                message.set(Some(format!(
                    "Opened “{}”. The plan that was open is in the library.",
                    e.name
                )));
                bump();
            }
        }
    };
    let duplicate = move |_| {
        let e = entry.get_value();
        match library::get(&e.id) {
            Ok(imp) => match library::put(
                e.kind,
                &format!("Copy of {}", e.name),
                &imp.plan,
                &now_iso(),
            ) {
                Ok(_) => {
                    message.set(Some(format!("Duplicated “{}”.", e.name)));
                    bump();
                }
                Err(err) => message.set(Some(format!("Could not duplicate: {err}."))),
            },
            Err(err) => message.set(Some(format!("Could not duplicate: {err}"))),
        }
    };
    let delete = move |_| {
        let e = entry.get_value();
        match library::remove(&e.id) {
            Ok(Some((entry, text))) => {
                bump();
                let name = entry.name.clone();
                message.set(Some(format!(
                    "Deleted “{name}”. Use “Restore deleted entry” to bring it back."
                )));
                deleted.set(Some((entry, text)));
            }
            Ok(None) => bump(),
            Err(err) => message.set(Some(format!("Could not delete: {err}."))),
        }
    };
    let save_rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = entry.get_value();
        let n = new_name.get_untracked().trim().to_string();
        if n.is_empty() {
            message.set(Some("Enter a name".into()));
            return;
        }
        match library::rename(&e.id, &n) {
            Ok(()) => {
                renaming.set(false);
                bump();
            }
            Err(err) => message.set(Some(format!("Could not rename: {err}."))),
        }
    };
    let open_label = match e.kind {
        Kind::Plan => "Open",
        _ => "Restore",
    };
    let name = e.name.clone();
    let rename_id = format!("rename-{}", e.id);
    view! {
        <tr>
            <th scope="row">
                {move || if renaming.get() {
                    let rid = rename_id.clone();
                    view! {
                        <form class="inline-form" on:submit=save_rename>
                            <label class="label" for=rid.clone()>"New name"</label>
                            <input class="input" id=rid bind:value=new_name/>
                            <button type="submit" class="small">"Save name"</button>
                        </form>
                    }.into_any()
                } else {
                    view! { {entry.with_value(|e| e.name.clone())} }.into_any()
                }}
            </th>
            <td>{e.kind.label()}</td>
            <td>{e.title.clone()}</td>
            <td>{crate::core::date::human_time(&e.saved_at)}</td>
            <td class="num">{size_words(e.size as f64)}</td>
            <td class="no-print">
                <div class="row-buttons">
                    <button type="button" class="small" aria-label=format!("{open_label} {name}") on:click=open>{open_label}</button>
                    <button type="button" class="small secondary" aria-label=format!("Rename {name}") on:click=move |_| renaming.set(true)>"Rename"</button>
                    <button type="button" class="small secondary" aria-label=format!("Duplicate {name}") on:click=duplicate>"Duplicate"</button>
                    <button type="button" class="small secondary" aria-label=format!("Delete {name}") on:click=delete>"Delete"</button>
                </div>
            </td>
        </tr>
    }
}

/// The names of the two versions compared and what changed, or why they could not be.
type CompareOutcome = Result<(String, String, Comparison), String>;

/// The library entry deleted last, with its plan text, so it can be restored.
type Deleted = RwSignal<Option<(Entry, String)>>;

#[component]
fn CompareSection(rev: RwSignal<u64>, deleted: Deleted) -> impl IntoView {
    let app = use_app();
    let a = RwSignal::new(String::new());
    let b = RwSignal::new("current".to_string());
    let result: RwSignal<Option<CompareOutcome>> = RwSignal::new(None);
    let entries = Memo::new(move |_| {
        rev.track();
        library::list()
    });
    let restore_problem: RwSignal<Option<String>> = RwSignal::new(None);
    let restore = move |_| {
        if let Some((e, text)) = deleted.get_untracked() {
            match library::restore(e, &text) {
                Ok(()) => {
                    deleted.set(None);
                    restore_problem.set(None);
                    rev.update(|r| *r += 1);
                }
                Err(err) => restore_problem.set(Some(format!("The entry could not be restored: {err}. It is kept here; try again after freeing space."))),
            }
        }
    };
    let load = move |key: &str| -> Result<(String, Plan), String> {
        if key == "current" || key.is_empty() {
            return Ok(("the current plan".into(), app.plan.get_untracked()));
        }
        let name = entries
            .with_untracked(|l| l.iter().find(|e| e.id == key).map(|e| e.name.clone()))
            .unwrap_or_default();
        library::get(key).map(|i| (format!("“{name}”"), i.plan))
    };
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if a.get_untracked().is_empty() {
            result.set(Some(Err("choose the older version to compare".into())));
            return;
        }
        let r = (|| {
            let (na, pa) = load(&a.get_untracked())?;
            let (nb, pb) = load(&b.get_untracked())?;
            Ok((na, nb, compare(&pa, &pb)))
        })();
        result.set(Some(r));
    };
    let options = move || {
        let mut v = vec![("current".to_string(), "The current plan".to_string())];
        v.extend(entries.get().into_iter().map(|e| {
            (
                e.id.clone(),
                format!(
                    "{} — {} ({})",
                    e.name,
                    e.kind.label(),
                    crate::core::date::human_time(&e.saved_at)
                ),
            )
        }));
        v
    };
    view! {
        <section aria-labelledby="compare-heading">
            <h2 id="compare-heading">"Compare two versions"</h2>
            {move || deleted.with(|d| d.is_some()).then(|| view! {
                <button type="button" class="secondary" on:click=restore>"Restore deleted entry"</button>
            })}
            {move || restore_problem.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <form class="inline-form" on:submit=run>
                <div class="form-group">
                    <label class="label" for="compare-a">"Older version"</label>
                    <select class="select" id="compare-a" on:change=move |ev| a.set(event_target_value(&ev))>
                        <option value="" selected=move || a.get().is_empty()>"Choose…"</option>
                        {move || options().into_iter().map(|(k, l)| {
                            let k2 = k.clone();
                            view! { <option value=k selected=move || a.get() == k2>{l}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="compare-b">"Newer version"</label>
                    <select class="select" id="compare-b" on:change=move |ev| b.set(event_target_value(&ev))>
                        {move || options().into_iter().map(|(k, l)| {
                            let k2 = k.clone();
                            view! { <option value=k selected=move || b.get() == k2>{l}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">"Compare"</button>
            </form>
            {move || result.get().map(|r| match r {
                Err(e) => view! { <div class="error-box" role="alert"><p>{format!("The versions could not be compared: {e}")}</p></div> }.into_any(),
                Ok((na, nb, c)) => view! {
                    <article class="compare-report" aria-labelledby="compare-report-heading">
                        <h3 id="compare-report-heading">{format!("Changes from {na} to {nb}")}</h3>
                        {if c.is_empty() {
                            view! { <p>"No differences."</p> }.into_any()
                        } else {
                            view! { <ComparisonView c=c/> }.into_any()
                        }}
                        <button type="button" class="secondary no-print" on:click=move |_| { let _ = window().print(); }>"Print this report"</button>
                    </article>
                }.into_any(),
            })}
        </section>
    }
}

#[component]
fn StorageMeter(rev: RwSignal<u64>) -> impl IntoView {
    let app = use_app();
    let used = Memo::new(move |_| {
        rev.track();
        app.save_state.track();
        storage::used_bytes().map(|b| b as f64 / 2.0)
    });
    view! {
        <section aria-labelledby="storage-heading">
            <h2 id="storage-heading">"Storage on this device"</h2>
            {move || match used.get() {
                None => view! { <p>"This browser is not letting Waymark use its storage."</p> }.into_any(),
                Some(chars) => {
                    let u = storage_use(chars);
                    let pct = u.percent;
                    view! {
                        <p>{u.words}</p>
                        <meter min="0" max="100" value=pct low="60" high="80" optimum="10" aria-label="Storage used">{format!("{pct:.0}%")}</meter>
                        {u.nearly_full.then(|| view! {
                            <p class="field-warning" role="alert">"Storage is nearly full. Export the plan and delete old snapshots or backups to make room."</p>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

fn can_share_files() -> bool {
    let nav = window().navigator();
    js_sys::Reflect::get(&nav, &"canShare".into())
        .map(|f| f.is_function())
        .unwrap_or(false)
}

/// Shares the plan file through the device's share sheet (tablets); falls back to a download.
fn share_plan(plan: Plan) {
    let name = format!(
        "{}-{}.json",
        crate::app::download::slug(&plan.title),
        today()
    );
    let text = export_plan(&plan, &now_iso());
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("application/json");
    let Ok(file) = web_sys::File::new_with_str_sequence_and_options(&parts, &name, &opts) else {
        let _ = download_plan(&plan);
        return;
    };
    let data = js_sys::Object::new();
    let files = js_sys::Array::of1(&file);
    let _ = js_sys::Reflect::set(&data, &"files".into(), &files);
    let _ = js_sys::Reflect::set(&data, &"title".into(), &plan.title.clone().into());
    let nav = window().navigator();
    let can = js_sys::Reflect::get(&nav, &"canShare".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&nav, &data).ok())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    let share = js_sys::Reflect::get(&nav, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (can, share) {
        (true, Some(f)) => {
            if let Ok(p) = f.call1(&nav, &data) {
                if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                    leptos::task::spawn_local(async move {
                        let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                    });
                }
            }
        }
        _ => {
            let _ = download_plan(&plan);
        }
    }
}

/// Working with partners: the name this device signs its changes with, and
/// "Ask for updates".
#[component]
fn Partners() -> impl IntoView {
    view! {
        <section aria-labelledby="partners-heading">
            <h2 id="partners-heading">"Partners"</h2>
            <p>"Ask a lead, a partner organisation or the leads of some priorities for their updates: Waymark saves a file for them to open in Waymark, update and send back, and merges what comes back with the changes made here since."</p>
            <div class="button-group">
                <AppLink to=Location::page(Page::Ask) class="button">"Ask for updates"</AppLink>
            </div>
            <NameForm id="device-name" label="Your name" button="Save name"
                hint="Kept on this device only. Every change you make, and your progress updates, record it, so partners see who changed what."/>
        </section>
    }
}
