//! Form fields in the GOV.UK Design System manner: a visible label, an optional
//! hint, the field's own error message, and an error summary at the top of the form
//! that links to each field in error.
//!
//! A form keeps its draft (`core::draft`) in one signal; each field is bound to
//! one field of the draft with [`bind!`] (or [`row_bind!`] for a row of a
//! repeatable list), and Save calls [`save_draft`].

use crate::app::state::{now_iso, today, AppState};
use crate::core::date::Date;
use crate::core::draft::{FormDraft, Now, Saved};
use crate::core::edit::IdGen;
use crate::core::validate::{parse_date_input, Report};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A form field's value, read and written: a signal of its own, or one field of a
/// form's draft ([`field`], [`bind!`]).
pub struct Bind<T: Send + Sync + 'static> {
    get: Signal<T>,
    set: Callback<T>,
}

impl<T: Send + Sync> Clone for Bind<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync> Copy for Bind<T> {}

impl<T: Clone + Send + Sync + 'static> Bind<T> {
    /// The value (tracked).
    pub fn get(&self) -> T {
        self.get.get()
    }
    /// The value, without tracking it.
    pub fn get_untracked(&self) -> T {
        self.get.get_untracked()
    }
    pub fn set(&self, value: T) {
        self.set.run(value)
    }
}

impl<T: Clone + Send + Sync + 'static> From<RwSignal<T>> for Bind<T> {
    fn from(s: RwSignal<T>) -> Self {
        Bind {
            get: s.into(),
            set: Callback::new(move |v| s.set(v)),
        }
    }
}

/// One field of a draft held in a signal: read through a memo (so typing in one
/// field re-renders only that field), written by updating the draft. `get` and
/// `set` are plain functions (a closure that captures nothing): see
/// [`field_with`] for one that does.
pub fn field<D, T>(draft: RwSignal<D>, get: fn(&D) -> T, set: fn(&mut D, T)) -> Bind<T>
where
    D: Send + Sync + 'static,
    T: PartialEq + Clone + Send + Sync + 'static,
{
    // Plain functions, so the memo and the callback are made once per kind of
    // draft and field, not once per field (a form has dozens).
    Bind {
        get: Memo::new(move |_| draft.with(get)).into(),
        set: Callback::new(move |v| draft.update(|d| set(d, v))),
    }
}

/// [`field`] for accessors that capture something (a row's key, an index).
pub fn field_with<D, T>(
    draft: RwSignal<D>,
    get: impl Fn(&D) -> T + Send + Sync + 'static,
    set: impl Fn(&mut D, T) + Send + Sync + 'static,
) -> Bind<T>
where
    D: Send + Sync + 'static,
    T: PartialEq + Clone + Send + Sync + 'static,
{
    field_of(draft, Arc::new(get), Arc::new(set))
}

type Getter<D, T> = Arc<dyn Fn(&D) -> T + Send + Sync>;
type Setter<D, T> = Arc<dyn Fn(&mut D, T) + Send + Sync>;

fn field_of<D, T>(draft: RwSignal<D>, get: Getter<D, T>, set: Setter<D, T>) -> Bind<T>
where
    D: Send + Sync + 'static,
    T: PartialEq + Clone + Send + Sync + 'static,
{
    Bind {
        get: Memo::new(move |_| draft.with(|d| get(d))).into(),
        set: Callback::new(move |v| draft.update(|d| set(d, v))),
    }
}

/// Binds a field of a form's draft: `bind!(draft, title)`, `bind!(draft, due.day)`.
macro_rules! bind {
    ($draft:expr, $($f:ident).+) => {
        $crate::app::components::form::field(
            $draft,
            |d| d.$($f).+.clone(),
            |d, v| d.$($f).+ = v,
        )
    };
}
pub(crate) use bind;

/// Binds a field of a draft shown as the key of a choice (a `<select>`'s value):
/// `key_bind!(draft, status, |s| s.key().into(), |k| ActionStatus::from_key(k).unwrap_or_default())`.
/// The value is read as its key and written back from one.
macro_rules! key_bind {
    ($draft:expr, $f:ident, $key:expr, $from_key:expr) => {
        $crate::app::components::form::field(
            $draft,
            |d| $crate::app::components::form::keyed(d.$f.clone(), $key),
            |d, v: String| d.$f = ($from_key)(&v),
        )
    };
}
pub(crate) use key_bind;

/// `key(value)`: the value first, so a closure's argument type is known (for [`key_bind!`]).
pub fn keyed<T>(value: T, key: impl Fn(T) -> String) -> String {
    key(value)
}

/// Binds a field of one row of a repeatable list in a draft, the row found by its
/// key: `row_bind!(draft, milestones, key, title)`. A row that has gone reads as
/// empty and ignores writes.
macro_rules! row_bind {
    ($draft:expr, $list:ident, $key:expr, $($f:ident).+) => {{
        let key = $key;
        $crate::app::components::form::field_with(
            $draft,
            move |d| {
                d.$list
                    .iter()
                    .find(|r| r.row == key)
                    .map(|r| r.$($f).+.clone())
                    .unwrap_or_default()
            },
            move |d, v| {
                if let Some(r) = d.$list.iter_mut().find(|r| r.row == key) {
                    r.$($f).+ = v;
                }
            },
        )
    }};
}
pub(crate) use row_bind;

/// Binds the three boxes of a date in a draft: `date_bind!(draft, due)`, or of a
/// row: `date_bind!(draft, milestones, key, due)`.
macro_rules! date_bind {
    ($draft:expr, $f:ident) => {
        $crate::app::components::form::DateParts {
            day: $crate::app::components::form::bind!($draft, $f.day),
            month: $crate::app::components::form::bind!($draft, $f.month),
            year: $crate::app::components::form::bind!($draft, $f.year),
        }
    };
    ($draft:expr, $list:ident, $key:expr, $f:ident) => {
        $crate::app::components::form::DateParts {
            day: $crate::app::components::form::row_bind!($draft, $list, $key, $f.day),
            month: $crate::app::components::form::row_bind!($draft, $list, $key, $f.month),
            year: $crate::app::components::form::row_bind!($draft, $list, $key, $f.year),
        }
    };
}
pub(crate) use date_bind;

/// Saves a form's draft against the open plan ([`FormDraft::into_change`]): what
/// saving does, for the page to apply; or None, the report shown at the top of the
/// form (and focus moved to it).
pub fn save_draft<D: FormDraft>(
    app: AppState,
    draft: D,
    report: RwSignal<Report>,
) -> Option<Saved> {
    let now = Now {
        today: today(),
        time: now_iso(),
    };
    let result = app
        .plan
        .with_untracked(|plan| draft.into_change(plan, &now, &mut IdGen::new(plan)));
    match result {
        Ok(saved) => Some(saved),
        Err(r) => {
            report.set(r);
            show_errors();
            None
        }
    }
}

/// The id of a field's input, from its name ("milestones[0].due" → "f-milestones-0-due").
pub fn field_id(name: &str) -> String {
    let mut s = String::from("f-");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Moves keyboard focus to an element by id (and scrolls it into view).
pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

fn error_of(report: RwSignal<Report>, name: &str) -> Memo<Option<String>> {
    let name = name.to_string();
    Memo::new(move |_| report.with(|r| r.error_for(&name).map(str::to_string)))
}

fn warning_of(report: RwSignal<Report>, name: &str) -> Memo<Option<String>> {
    let name = name.to_string();
    Memo::new(move |_| report.with(|r| r.warning_for(&name).map(str::to_string)))
}

/// The error summary: "There is a problem", with a link to each field in error.
#[component]
pub fn ErrorSummary(report: RwSignal<Report>) -> impl IntoView {
    move || {
        let errors = report.with(|r| r.errors.clone());
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">"There is a problem"</h2>
                    <ul>
                        {errors.into_iter().map(|e| {
                            let id = field_id(&e.field);
                            let target = id.clone();
                            view! {
                                <li>
                                    <a href=format!("#{id}") on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_id(&target);
                                    }>{e.message}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Shows the summary and moves focus to it (after a failed save).
pub fn show_errors() {
    // After the summary has rendered.
    set_timeout(
        || focus_id("error-summary"),
        std::time::Duration::from_millis(30),
    );
}

#[component]
fn FieldMessages(id: String, error: Option<String>, warning: Option<String>) -> impl IntoView {
    let eid = format!("{id}-error");
    let wid = format!("{id}-warning");
    view! {
        {error.map(|e| view! {
            <p class="field-error" id=eid>
                <span class="visually-hidden">"Error: "</span>
                {e}
            </p>
        })}
        {warning.map(|w| view! {
            <p class="field-warning" id=wid>
                <span class="visually-hidden">"Warning: "</span>
                {w}
            </p>
        })}
    }
}

fn described_by(id: &str, hint: bool, error: bool, warning: bool) -> Option<String> {
    let mut parts = vec![];
    if hint {
        parts.push(format!("{id}-hint"));
    }
    if error {
        parts.push(format!("{id}-error"));
    }
    if warning {
        parts.push(format!("{id}-warning"));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The attributes a text control carries: its id and name, and the state of its
/// hint, error and warning for assistive technology.
fn control_attrs(
    id: &str,
    name: String,
    hint: bool,
    required: bool,
    err: Memo<Option<String>>,
    warn: Memo<Option<String>>,
) -> impl leptos::attr::Attribute {
    let did = id.to_string();
    view! {
        <{..}
            id=id.to_string()
            name=name
            aria-invalid=move || err.get().is_some().then_some("true")
            aria-describedby=move || described_by(&did, hint, err.get().is_some(), warn.get().is_some())
            aria-required=required.then_some("true")
        />
    }
}

/// A form group around one control: its label (with "(required)"), hint, error
/// and warning. `id` is the control's id; the control is the child.
#[component]
fn Labelled(
    label: &'static str,
    id: String,
    hint: &'static str,
    required: bool,
    err: Memo<Option<String>>,
    warn: Memo<Option<String>>,
    children: Children,
) -> impl IntoView {
    let mid = id.clone();
    view! {
        <div class="form-group" class:form-group-error=move || err.get().is_some()>
            <label class="label" for=id.clone()>
                {label}{required.then(|| view! { <span class="required">" (required)"</span> })}
            </label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || view! { <FieldMessages id=mid.clone() error=err.get() warning=warn.get()/> }}
            {children()}
        </div>
    }
}

/// A text field: one line, or a box of `rows` lines for longer text.
#[component]
pub fn TextInput(
    label: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] value: Bind<String>,
    report: RwSignal<Report>,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
    /// The width class of a one-line field ("w-4").
    #[prop(optional)]
    width: &'static str,
    /// The type of a one-line field ("text" when empty).
    #[prop(optional)]
    input_type: &'static str,
    /// 0 (the default) for one line; more for a multi-line box this many rows high.
    #[prop(optional)]
    rows: u32,
) -> impl IntoView {
    let id = field_id(&name);
    let (err, warn) = (error_of(report, &name), warning_of(report, &name));
    let attrs = control_attrs(&id, name, !hint.is_empty(), required, err, warn);
    let control = if rows == 0 {
        view! {
            <input
                class=format!("input {width}")
                {..attrs}
                type=if input_type.is_empty() { "text" } else { input_type }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    } else {
        view! {
            <textarea
                class="textarea"
                {..attrs}
                rows=rows
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    };
    view! {
        <Labelled label=label id=id hint=hint required=required err=err warn=warn>
            {control}
        </Labelled>
    }
}

/// The three boxes of a date input, as typed.
#[derive(Clone, Copy)]
pub struct DateParts {
    pub day: Bind<String>,
    pub month: Bind<String>,
    pub year: Bind<String>,
}

impl DateParts {
    /// Boxes with signals of their own, showing a date (or empty).
    pub fn new(d: Option<Date>) -> DateParts {
        let (day, month, year) = match d {
            Some(d) => (
                d.day().to_string(),
                d.month().to_string(),
                d.year().to_string(),
            ),
            None => Default::default(),
        };
        DateParts {
            day: RwSignal::new(day).into(),
            month: RwSignal::new(month).into(),
            year: RwSignal::new(year).into(),
        }
    }
    /// Reads the boxes; the error message is in GOV.UK words.
    pub fn parse(&self, label: &str, required: bool) -> Result<Option<Date>, String> {
        parse_date_input(
            label,
            &self.day.get_untracked(),
            &self.month.get_untracked(),
            &self.year.get_untracked(),
            required,
        )
    }
}

/// A GOV.UK date input: day, month and year boxes in a fieldset.
#[component]
pub fn DateInput(
    label: &'static str,
    #[prop(into)] name: String,
    parts: DateParts,
    report: RwSignal<Report>,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = field_id(&name);
    let err = error_of(report, &name);
    let warn = warning_of(report, &name);
    let hint = if hint.is_empty() {
        "For example, 31 10 2009"
    } else {
        hint
    };
    let hid = format!("{id}-hint");
    let mid = id.clone();
    let did = id.clone();
    let nm = name.clone();
    let box_ = move |suffix: &'static str,
                     text: &'static str,
                     sig: Bind<String>,
                     cls: &'static str| {
        let bid = if suffix == "day" {
            id.clone()
        } else {
            format!("{id}-{suffix}")
        };
        let lid = bid.clone();
        view! {
            <div class="date-item">
                <label class="label date-label" for=lid>{text}</label>
                <input class=format!("input {cls}") id=bid name=format!("{nm}-{suffix}") inputmode="numeric"
                    aria-invalid=move || err.get().is_some().then_some("true")
                    prop:value=move || sig.get()
                    on:input=move |ev| sig.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <div class="form-group" class:form-group-error=move || err.get().is_some()>
            <fieldset class="fieldset" role="group" aria-describedby=move || described_by(&did, true, err.get().is_some(), warn.get().is_some())>
                <legend class="label">{label}{required.then(|| view! { <span class="required">" (required)"</span> })}</legend>
                <p class="hint" id=hid>{hint}</p>
                {move || view! { <FieldMessages id=mid.clone() error=err.get() warning=warn.get()/> }}
                <div class="date-input">
                    {box_("day", "Day", parts.day, "w-2")}
                    {box_("month", "Month", parts.month, "w-3")}
                    {box_("year", "Year", parts.year, "w-4")}
                </div>
            </fieldset>
        </div>
    }
}

/// A drop-down choice.
#[component]
pub fn Select(
    label: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] value: Bind<String>,
    options: Vec<(String, String)>,
    report: RwSignal<Report>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let id = field_id(&name);
    let (err, warn) = (error_of(report, &name), warning_of(report, &name));
    view! {
        <Labelled label=label id=id.clone() hint=hint required=false err=err warn=warn>
            <select class="select" id=id.clone() name=name.clone()
                aria-describedby=(!hint.is_empty()).then(|| format!("{id}-hint"))
                on:change=move |ev| value.set(event_target_value(&ev))>
                {options.into_iter().map(|(k, l)| {
                    let key = k.clone();
                    view! { <option value=k selected=move || value.get() == key>{l}</option> }
                }).collect_view()}
            </select>
        </Labelled>
    }
}

/// A single checkbox.
#[component]
pub fn Checkbox(
    label: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] value: Bind<bool>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let id = field_id(&name);
    let hid = format!("{id}-hint");
    view! {
        <div class="form-group checkbox">
            <input type="checkbox" id=id.clone() name=name.clone()
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
                aria-describedby=(!hint.is_empty()).then(|| hid.clone())/>
            <label class="label" for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hid.clone()>{hint}</p> })}
        </div>
    }
}

/// A large radio-button choice with a hint under each option, as a fieldset with
/// its error: the first button carries the field's id (`f-<name>`), so the
/// error summary's link lands on it. `options` are (key, label, hint);
/// `chosen` is the index chosen, if any; `choose` is told the index picked.
#[component]
pub fn RadioChoice(
    legend: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str, &'static str)>,
    #[prop(into)] chosen: Signal<Option<usize>>,
    #[prop(into)] choose: Callback<usize>,
    report: RwSignal<Report>,
    /// A class for the options' box ("start-choices").
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let err = error_of(report, name);
    let base = field_id(name);
    let err_id = format!("{base}-error");
    let described = err_id.clone();
    view! {
        <div class="form-group" class:form-group-error=move || err.get().is_some()>
            <fieldset class="fieldset" aria-describedby=move || err.get().map(|_| described.clone())>
                <legend class="label legend-large">{legend}</legend>
                {move || err.get().map(|e| view! {
                    <p class="field-error" id=err_id.clone()><span class="visually-hidden">"Error: "</span>{e}</p>
                })}
                <div class=class>
                    {options.into_iter().enumerate().map(|(i, (key, label, hint))| {
                        let id = if i == 0 { base.clone() } else { format!("{base}-{key}") };
                        let hid = format!("{name}-{key}-hint");
                        view! {
                            <div class="radio">
                                <input type="radio" name=name id=id.clone() value=key aria-describedby=hid.clone()
                                    prop:checked=move || chosen.get() == Some(i)
                                    on:change=move |_| choose.run(i)/>
                                <div class="radio-text">
                                    <label class="radio-label" for=id>{label}</label>
                                    <span class="hint" id=hid>{hint}</span>
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
