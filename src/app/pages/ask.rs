//! The Ask for updates page: who the updates are for (a lead, a partner
//! organisation, some priorities), by when, and whether the file holds only
//! their part; then Waymark keeps the version the file is made from in the plan
//! library and saves the file (`core::draft::AskDraft`, `core::exchange`).
//! Reached from the Files page.

use crate::app::components::form::{
    bind, date_bind, show_errors, DateInput, ErrorSummary, RadioChoice, Select, TextInput,
};
use crate::app::download::download;
use crate::app::library;
use crate::app::route::{use_router, Location, Page};
use crate::app::state::{now_iso, today, use_app};
use crate::core::compare::priority_name;
use crate::core::draft::{AskDraft, AskScope};
use crate::core::exchange::{counts_words, leads, request_file_name, request_plan};
use crate::core::files::base_name;
use crate::core::format::export_plan;
use crate::core::model::Id;
use crate::core::validate::Report;
use leptos::prelude::*;

#[component]
pub fn AskPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let draft = RwSignal::new(app.plan.with_untracked(|p| AskDraft::new_for(p, today())));
    let report = RwSignal::new(Report::default());
    let done: RwSignal<Option<String>> = RwSignal::new(None);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let summary = Memo::new(move |_| draft.with(|d| app.plan.with(|p| d.summary(p))));
    let scope = Memo::new(move |_| draft.with(|d| d.scope));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        done.set(None);
        let d = draft.get_untracked();
        let plan = app.plan.get_untracked();
        let request = match d.into_request(&plan, today()) {
            Ok(r) => r,
            Err(r) => {
                report.set(r);
                show_errors();
                return;
            }
        };
        report.set(Report::default());
        let who = request.for_whom.clone();
        let counts = counts_words(request.action_ids.len(), request.kpi_ids.len());
        let base = match library::keep_base(&base_name(&who, today()), &plan, &now_iso()) {
            Ok(e) => e,
            Err(e) => {
                problem.set(Some(format!(
                    "The version the file is made from could not be kept in the plan library ({e}), so no file was saved: without it, the file that comes back could only be merged by choosing every difference. Free some space (for example by deleting old snapshots on the Files page) and try again."
                )));
                return;
            }
        };
        let name = request_file_name(&plan.title, &who, request.wanted_by);
        let signed = app.name.get_untracked();
        let signed = if signed.trim().is_empty() {
            request.from.clone()
        } else {
            signed
        };
        let file = request_plan(&plan, request, &signed, &now_iso());
        match download(&name, "application/json", &export_plan(&file, &now_iso())) {
            Ok(()) => done.set(Some(format!(
                "Saved “{name}” for {who}: {counts}. Send it to them (by email or a shared drive); they open it in Waymark, add their updates and send it back. The version it is made from is kept in the plan library as “{}”, so their file can be merged when it comes back.",
                base.name
            ))),
            Err(e) => problem.set(Some(format!("The file could not be saved: {e}."))),
        }
        request_animation_frame(|| crate::app::components::form::focus_id("ask-result"));
    };
    let lead_options = Memo::new(move |_| {
        let mut v = vec![(String::new(), "Choose a lead".to_string())];
        v.extend(app.plan.with(leads).into_iter().map(|l| (l.clone(), l)));
        v
    });
    let priorities = Memo::new(move |_| {
        app.plan.with(|p| {
            p.priorities
                .iter()
                .map(|x| (x.id.clone(), format!("{}: {}", priority_name(x), x.title)))
                .collect::<Vec<(Id, String)>>()
        })
    });
    let prio_err =
        Memo::new(move |_| report.with(|r| r.error_for("priorities").map(str::to_string)));

    view! {
        <form class="edit-form ask-form" on:submit=on_submit novalidate>
            <h1 id="view-heading" tabindex="-1">"Ask for updates"</h1>
            <p class="lede">"Waymark saves a file for a lead or a partner to open in Waymark — on any device, with no account — add their progress updates and KPI values, and send back. When it comes back, “Merge changes” on the Files page takes in their updates beside everything changed here meanwhile."</p>
            <ErrorSummary report=report/>
            <RadioChoice legend="Who are the updates for?" name="scope"
                options=AskScope::ALL.iter().map(|s| (s.key(), s.label(), s.hint())).collect()
                chosen=Signal::derive(move || scope.get().and_then(|s| AskScope::ALL.iter().position(|x| *x == s)))
                choose=move |i: usize| draft.update(|d| d.scope = Some(AskScope::ALL[i])) report=report/>
            {move || match scope.get() {
                Some(AskScope::Lead) => view! {
                    <Select label="Lead" name="lead" value=bind!(draft, lead) options=lead_options.get() report=report/>
                }.into_any(),
                Some(AskScope::Organisation) => view! {
                    <TextInput label="Partner organisation" name="organisation" value=bind!(draft, organisation)
                        report=report hint="As the plan's leads name it, for example Health, Police or Schools"/>
                }.into_any(),
                Some(AskScope::Priorities) => view! {
                    <div class="form-group" class:form-group-error=move || prio_err.get().is_some()>
                        <fieldset class="fieldset" id="f-priorities" aria-describedby=move || prio_err.get().map(|_| "f-priorities-error")>
                            <legend class="label">"Priorities"</legend>
                            {move || prio_err.get().map(|e| view! {
                                <p class="field-error" id="f-priorities-error"><span class="visually-hidden">"Error: "</span>{e}</p>
                            })}
                            {priorities.get().into_iter().enumerate().map(|(i, (pid, label))| {
                                let id = format!("f-priority-{i}");
                                let (p1, p2) = (pid.clone(), pid);
                                view! {
                                    <div class="checkbox">
                                        <input type="checkbox" id=id.clone()
                                            prop:checked=move || draft.with(|d| d.priorities.contains(&p1))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                draft.update(|d| {
                                                    d.priorities.retain(|x| x != &p2);
                                                    if on { d.priorities.push(p2.clone()); }
                                                });
                                            }/>
                                        <label for=id>{label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    </div>
                }.into_any(),
                None => ().into_any(),
            }}
            <p class="inset ask-summary" aria-live="polite">{move || summary.get()}</p>
            <TextInput label="Name on the file" name="for_whom" value=bind!(draft, for_whom) report=report
                hint="Who the file is for, as the file name and their banner will say it. Leave it empty to use the lead's or organisation's name."/>
            <DateInput label="Wanted by" name="wanted_by" parts=date_bind!(draft, wanted_by) report=report
                hint="For example, 15 12 2026. Leave it empty for no date."/>
            <fieldset class="fieldset">
                <legend class="label">"What the file holds"</legend>
                <div class="radio">
                    <input type="radio" name="part" id="f-part-yes" prop:checked=move || draft.with(|d| d.part)
                        on:change=move |_| draft.update(|d| d.part = true)/>
                    <label for="f-part-yes">"Only their actions and KPIs, with their priorities and outcomes"</label>
                </div>
                <div class="radio">
                    <input type="radio" name="part" id="f-part-no" prop:checked=move || draft.with(|d| !d.part)
                        on:change=move |_| draft.update(|d| d.part = false)/>
                    <label for="f-part-no">"The whole plan (their actions marked for them)"</label>
                </div>
            </fieldset>
            <TextInput label="Asked by" name="from" value=bind!(draft, from) report=report
                hint="Shown to them as who asks, for example your council or team"/>
            {move || problem.get().map(|e| view! { <div class="error-box" role="alert"><p>{e}</p></div> })}
            {move || done.get().map(|m| view! {
                <div class="success-box" id="ask-result" tabindex="-1" role="status"><p>{m}</p></div>
            })}
            <div class="button-group">
                <button type="submit" id="ask-save">"Save the file"</button>
                <button type="button" class="secondary" on:click=move |_| router.back_to(Location::page(Page::Files), None)>"Back to Files"</button>
            </div>
        </form>
    }
}
