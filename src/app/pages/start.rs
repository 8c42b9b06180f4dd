//! The New plan page: how to start (radio buttons: a blank plan, an improvement
//! plan, a service plan, a monitoring list, a copy of the example), then the
//! plan's set-up — title, organisation, the years it covers and what kind of year,
//! what each RAG rating means. The form is `core::draft::NewPlanDraft`; creating
//! the plan keeps the plan that was open in the plan library, opens the new one and
//! goes to the Plan page, with focus on its heading.
//!
//! Reached from the Files page ("New plan") and from the first-run welcome ("Start
//! your own plan"); making a plan here is the welcome's choice too.
//!
//! The example plan is fetched when "A copy of the example plan" is chosen
//! ([`crate::app::example`]): its title is offered once it has come, and if it
//! cannot be loaded the page says why where the copy's note would be, with "Try
//! again". When the example could not be loaded at the start, the empty plan open
//! meanwhile is not kept in the library.

use crate::app::components::form::{
    field, field_with, show_errors, ErrorSummary, RadioChoice, TextInput,
};
use crate::app::example::fetch_example;
use crate::app::first_run::use_first_run;
use crate::app::library;
use crate::app::route::{use_router, Location, Page};
use crate::app::state::{now_iso, today, use_app};
use crate::core::draft::new_plan::FORM_RAGS;
use crate::core::draft::NewPlanDraft;
use crate::core::example::ExampleProblem;
use crate::core::model::{PeriodBasis, Plan};
use crate::core::starter::{basis_months, plan_id, Start, PLAN_BASES};
use crate::core::validate::Report;
use leptos::prelude::*;

#[component]
pub fn NewPlanPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let first = use_first_run();
    let draft = RwSignal::new(NewPlanDraft::new(today()));
    let report = RwSignal::new(Report::default());
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let open_title = Memo::new(move |_| app.plan.details(|p| p.title.clone()));
    let asks_set_up = Memo::new(move |_| draft.with(NewPlanDraft::asks_set_up));
    let example = RwSignal::new(ExampleCopy::NotWanted);
    // The open plan is the empty one open because the example could not be loaded.
    let placeholder = Memo::new(move |_| app.example_missing.with(Option::is_some));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let id = plan_id((js_sys::Math::random() * 1e15) as u64);
        let d = draft.get_untracked();
        let copied = if d.start == Some(Start::Example) {
            example.with_untracked(|e| match e {
                ExampleCopy::Ready(plan) => Some(Plan::clone(plan)),
                _ => None,
            })
        } else {
            None
        };
        let plan = match d.into_plan(id, today(), copied) {
            Ok(plan) => plan,
            Err(r) => {
                report.set(r);
                show_errors();
                return;
            }
        };
        report.set(Report::default());
        let keep = !placeholder.get_untracked();
        let current = app.plan.get_untracked();
        if keep {
            if let Err(e) = library::keep_open(&current, &now_iso()) {
                problem.set(Some(format!(
                    "The plan that is open could not be kept in the plan library first ({e}), so no new plan was started. Export the open plan to keep a copy, free some space (for example by deleting old snapshots on the Files page), and try again."
                )));
                return;
            }
        }
        let title = plan.title.clone();
        app.replace_plan(plan, &format!("Start the plan “{title}”"));
        first.chosen("new");
        app.notify(
            if keep {
                format!(
                    "Started “{title}”. The plan that was open, “{}”, is in the plan library on the Files page.",
                    current.title
                )
            } else {
                format!("Started “{title}”.")
            },
            false,
        );
        router.go(Location::page(Page::Plan));
    };
    // Back where the user came from: the welcome (still waiting, over the Plan
    // page) at the first run, else the Files page.
    let cancel = move |_| {
        let to = if first.open.get_untracked() {
            Page::Plan
        } else {
            Page::Files
        };
        router.back_to(Location::page(to), None);
    };

    view! {
        <form class="edit-form new-plan" on:submit=on_submit novalidate>
            <h1 id="view-heading" tabindex="-1">"New plan"</h1>
            <p class="lede">{move || if placeholder.get() {
                "Start a plan of your own.".to_string()
            } else {
                format!("Start a plan of your own. The plan open now, “{}”, stays in the plan library on the Files page, to open again whenever you like.", open_title.get())
            }}</p>
            <ErrorSummary report=report/>
            <StartChoice draft=draft report=report example=example/>
            <TextInput label="Title" name="title" value=field(draft, |d| d.title.clone(), |d, v| d.title = v)
                report=report required=true hint="For example, Children's Services Improvement Plan 2026/27"/>
            <Show when=move || asks_set_up.get()
                fallback=move || view! { <CopyNote draft=draft example=example/> }>
                <SetUp draft=draft report=report/>
            </Show>
            {move || problem.get().map(|e| view! { <div class="error-box" role="alert"><p>{e}</p></div> })}
            <div class="button-group">
                <button type="submit" id="new-plan-save">"Create plan"</button>
                <button type="button" class="secondary" id="new-plan-cancel" on:click=cancel>"Cancel"</button>
            </div>
            <p class="hint">"Is your plan in Word or Excel? Create it here (a blank plan or a structure), then choose “Import from Word or Excel” on the Files page, or “Paste action table” on the Plan page, to bring its tables in."</p>
        </form>
    }
}

/// The example plan for a copy: fetched when the copy is chosen.
#[derive(Clone, PartialEq)]
enum ExampleCopy {
    NotWanted,
    Loading,
    Ready(Box<Plan>),
    Failed(ExampleProblem),
}

/// Fetches the example unless it is here or coming; once it has come, the form
/// offers its title (if the copy is still the choice).
fn want_example(example: RwSignal<ExampleCopy>, draft: RwSignal<NewPlanDraft>) {
    if example.with_untracked(|e| matches!(e, ExampleCopy::Loading | ExampleCopy::Ready(_))) {
        return;
    }
    example.set(ExampleCopy::Loading);
    leptos::task::spawn_local(async move {
        // The page may have gone meanwhile: `try_` leaves disposed signals alone.
        match fetch_example().await {
            Ok(plan) => {
                let title = plan.title.clone();
                example.try_set(ExampleCopy::Ready(Box::new(plan)));
                draft.try_update(|d| {
                    if d.start == Some(Start::Example) {
                        d.choose(Start::Example, Some(&title));
                    }
                });
            }
            Err(why) => {
                example.try_set(ExampleCopy::Failed(why));
            }
        }
    });
}

/// Under the title when the copy is chosen: what the copy keeps, or that the
/// example is loading, or why it could not be loaded, with "Try again".
#[component]
fn CopyNote(draft: RwSignal<NewPlanDraft>, example: RwSignal<ExampleCopy>) -> impl IntoView {
    let loaded = Memo::new(move |_| example.with(|e| matches!(e, ExampleCopy::Ready(_))));
    let failed = Memo::new(move |_| {
        example.with(|e| match e {
            ExampleCopy::Failed(why) => Some(why.clone()),
            _ => None,
        })
    });
    move || {
        match failed.get() {
        Some(why) => view! {
            <div class="error-box" role="alert">
                <p>{why.to_string()}</p>
                <p>"Choose another way to start, or try again."</p>
                <button type="button" class="secondary" on:click=move |_| want_example(example, draft)>"Try again"</button>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="inset" role="status">{move || if loaded.get() {
                "The copy keeps the example's organisation, period, RAG definitions, priorities, actions and KPIs. Change any of them on the Plan page once it is open."
            } else {
                "Loading the example plan…"
            }}</p>
        }
        .into_any(),
    }
    }
}

/// The radio buttons of how to start. The first button carries the field's id, so
/// the error summary's link lands on it. Choosing the copy fetches the example.
#[component]
fn StartChoice(
    draft: RwSignal<NewPlanDraft>,
    report: RwSignal<Report>,
    example: RwSignal<ExampleCopy>,
) -> impl IntoView {
    let chosen = Signal::derive(move || {
        draft.with(|d| {
            d.start
                .and_then(|s| Start::ALL.iter().position(|x| *x == s))
        })
    });
    let choose = move |i: usize| {
        let s = Start::ALL[i];
        let title = example.with_untracked(|e| match e {
            ExampleCopy::Ready(plan) => Some(plan.title.clone()),
            _ => None,
        });
        draft.update(|d| d.choose(s, title.as_deref()));
        if s == Start::Example {
            want_example(example, draft);
        }
    };
    view! {
        <RadioChoice legend="How do you want to start?" name="start" class="start-choices"
            options=Start::ALL.iter().map(|s| (s.key(), s.label(), s.hint())).collect()
            chosen=chosen choose=choose report=report/>
    }
}

/// The set-up fields after the title (not asked for a copy of the example).
#[component]
fn SetUp(draft: RwSignal<NewPlanDraft>, report: RwSignal<Report>) -> impl IntoView {
    let basis = Memo::new(move |_| draft.with(|d| d.period_basis));
    let period = Memo::new(move |_| draft.with(|d| d.period().map(|p| p.describe())));
    view! {
        <TextInput label="Organisation" name="organisation"
            value=field(draft, |d| d.organisation.clone(), |d, v| d.organisation = v)
            report=report hint="For example, Anytown Council Children's Services"/>
        <fieldset class="fieldset" id="f-period_basis">
            <legend class="label">"What kind of year does the plan run in?"</legend>
            {PLAN_BASES.into_iter().map(|b| {
                let id = format!("f-basis-{}", b.key());
                view! {
                    <div class="radio">
                        <input type="radio" name="period_basis" id=id.clone() value=b.key()
                            prop:checked=move || basis.get() == b
                            on:change=move |_| draft.update(|d| d.period_basis = b)/>
                        <label for=id>{basis_label(b)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <div class="year-pair">
            <TextInput label="Year the plan starts" name="first_year"
                value=field(draft, |d| d.first_year.clone(), |d, v| d.first_year = v)
                report=report required=true width="w-10" hint="For example, 2026 (or 2026/27)"/>
            <TextInput label="Last year of the plan" name="last_year"
                value=field(draft, |d| d.last_year.clone(), |d, v| d.last_year = v)
                report=report width="w-10" hint="Leave it empty for a one-year plan"/>
        </div>
        <p class="period-summary">{move || match period.get() {
            Some(p) => format!("The plan will cover {p}."),
            None => "Enter the years to see the dates the plan will cover.".to_string(),
        }}</p>
        <fieldset class="fieldset">
            <legend class="label legend-large">"What each rating means"</legend>
            <p class="hint">"Shown with the plan's reports. You can change them later in the plan details."</p>
            {FORM_RAGS.into_iter().enumerate().map(|(i, rag)| view! {
                <TextInput label=rag.label() name=format!("rag_{}", rag.key())
                    value=field_with(draft, move |d| d.rag_meanings[i].clone(), move |d, v| d.rag_meanings[i] = v)
                    report=report rows=2/>
            }).collect_view()}
        </fieldset>
    }
}

/// "Financial year (April to March)".
fn basis_label(b: PeriodBasis) -> String {
    format!("{} ({})", b.label(), basis_months(b))
}
