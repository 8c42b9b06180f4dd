//! The merge review: a returned file's changes to the open plan, each in words
//! and each with a tick to leave it out, and every conflict as two choices side
//! by side with neither chosen. Confirm keeps an automatic backup, then applies
//! the merge as one undoable step (`core::merge`, on the file completed against
//! its base by `core::exchange::complete`).

use crate::app::library::{self, Entry, Kind};
use crate::app::state::{now_iso, today, use_app};
use crate::core::compare::Key;
use crate::core::exchange::merge_words;
use crate::core::files::backup_before_merge;
use crate::core::merge::{self, Decisions, Merge, Side};
use crate::core::model::Plan;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A file to merge, with the version it is based on when the library holds it.
#[derive(Clone)]
pub struct MergeInput {
    pub file_name: String,
    /// Who sent it ("Health"), or the file's name.
    pub sender: String,
    /// The file's plan, completed against the base when it holds only a part.
    pub theirs: Arc<Plan>,
    pub base: Option<(Entry, Arc<Plan>)>,
}

#[component]
pub fn MergeReview(
    input: MergeInput,
    merging: RwSignal<Option<MergeInput>>,
    rev: RwSignal<u64>,
) -> impl IntoView {
    let app = use_app();
    let MergeInput {
        file_name,
        sender,
        theirs,
        base,
    } = input;
    let base_plan = base.as_ref().map(|(_, p)| p.clone());
    let m: Arc<Merge> = Arc::new(app.plan.with_untracked(|ours| match &base_plan {
        Some(b) => merge::merge(b, ours, &theirs),
        None => merge::merge_two_way(ours, &theirs),
    }));
    let left_out: RwSignal<std::collections::HashSet<Key>> = RwSignal::new(Default::default());
    let picks: RwSignal<HashMap<Key, Side>> = RwSignal::new(HashMap::new());
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let tried = RwSignal::new(false);
    let counts = merge_words(m.incoming.len(), m.conflicts.len(), &sender);
    let total_conflicts = m.conflicts.len();

    let stored = StoredValue::new((m.clone(), base_plan.clone(), theirs.clone(), sender.clone()));
    let confirm = move |_| {
        tried.set(true);
        let (m, base, theirs, sender) = stored.get_value();
        let undecided: Vec<usize> = picks.with_untracked(|p| {
            m.conflicts
                .iter()
                .enumerate()
                .filter(|(_, c)| !p.contains_key(&c.key))
                .map(|(i, _)| i)
                .collect()
        });
        if let Some(first) = undecided.first() {
            let n = undecided.len();
            problem.set(Some(if n == 1 {
                "Choose which version to keep for the conflict marked below.".to_string()
            } else {
                format!("Choose which version to keep for each of the {n} conflicts marked below.")
            }));
            crate::app::components::form::focus_id(&format!("merge-c-{first}-ours"));
            return;
        }
        let decisions = Decisions {
            left_out: left_out.get_untracked(),
            picks: picks.get_untracked(),
        };
        let ours = app.plan.get_untracked();
        let merged = match merge::apply(base.as_deref(), &ours, &theirs, &decisions) {
            Ok(p) => p,
            Err(e) => {
                problem.set(Some(format!(
                    "The plan changed while you were choosing ({e}): cancel and open the file again."
                )));
                return;
            }
        };
        let name = backup_before_merge(&sender, today());
        if let Err(e) = library::put(Kind::Backup, &name, &ours, &now_iso()) {
            problem.set(Some(format!(
                "The open plan could not be backed up first ({e}), so nothing was merged. Export the plan to keep a copy, free some space (for example by deleting old snapshots), and try again."
            )));
            return;
        }
        app.apply_with_undo(
            merge::change(&ours, merged),
            format!("Merged the updates from {sender}"),
        );
        merging.set(None);
        rev.update(|r| *r += 1);
        request_animation_frame(|| crate::app::components::form::focus_id("import-heading"));
    };

    let base_words = match &base {
        Some((e, _)) => format!(
            "Merged against the version it was made from, “{}”, kept in the plan library ({}).",
            e.name,
            crate::core::date::human_time(&e.saved_at)
        ),
        None => String::new(),
    };
    let two_way = m.two_way;
    let sections = group(&m);
    let conflicts = m.conflicts.clone();
    let sender_c = sender.clone();
    let nothing = m.incoming.is_empty() && m.conflicts.is_empty();
    view! {
        <div class="preview merge-review" role="region" aria-labelledby="merge-heading">
            <h3 id="merge-heading" tabindex="-1">{format!("Merge changes from {sender}")}</h3>
            <p>{format!("From the file “{file_name}”. ")}{base_words}</p>
            {two_way.then(|| view! {
                <p class="inset">"The version this file was made from is not in the plan library (it was deleted, or the file was not made with “Ask for updates”), so Waymark cannot tell which side changed what. Every difference is a choice: pick the version to keep for each."</p>
            })}
            <p class="merge-count"><strong>{counts}</strong></p>
            {move || problem.get().map(|e| view! { <div class="error-box" role="alert"><p>{e}</p></div> })}
            {(!conflicts.is_empty()).then(|| view! {
                <h4>{if two_way { "Differences to decide" } else { "Conflicts: changed on both sides" }}</h4>
                <div class="conflicts">
                    {conflicts.into_iter().enumerate().map(|(i, c)| {
                        let key = c.key.clone();
                        let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
                        let legend = if c.field.is_empty() { c.object.clone() } else { format!("{}: {}", c.object, c.field) };
                        let (oid, tid) = (format!("merge-c-{i}-ours"), format!("merge-c-{i}-theirs"));
                        let name = format!("merge-c-{i}");
                        let missing = Memo::new(move |_| tried.get() && picks.with(|p| !p.contains_key(&k3)));
                        view! {
                            <fieldset class="fieldset conflict" class:form-group-error=move || missing.get()>
                                <legend class="label">{legend}</legend>
                                {move || missing.get().then(|| view! {
                                    <p class="field-error"><span class="visually-hidden">"Error: "</span>"Choose which version to keep"</p>
                                })}
                                <div class="conflict-sides">
                                    <div class="radio">
                                        <input type="radio" id=oid.clone() name=name.clone()
                                            prop:checked=move || picks.with(|p| p.get(&k1) == Some(&Side::Ours))
                                            on:change={let k = key.clone(); move |_| picks.update(|p| { p.insert(k.clone(), Side::Ours); })}/>
                                        <label for=oid><span class="side">"You: "</span>{c.ours}</label>
                                    </div>
                                    <div class="radio">
                                        <input type="radio" id=tid.clone() name=name
                                            prop:checked=move || picks.with(|p| p.get(&k2) == Some(&Side::Theirs))
                                            on:change={let k = key.clone(); move |_| picks.update(|p| { p.insert(k.clone(), Side::Theirs); })}/>
                                        <label for=tid><span class="side">{format!("{sender_c}: ")}</span>{c.theirs}</label>
                                    </div>
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                </div>
            })}
            {(!sections.is_empty()).then(|| view! {
                <h4>{format!("Changes from {sender}")}</h4>
                <p class="hint">"Untick any change to leave it out."</p>
                {sections.into_iter().map(|(title, items)| view! {
                    <h5 class="compare-section">{title}</h5>
                    <ul class="merge-changes">
                        {items.into_iter().map(|(i, key, text)| {
                            let id = format!("merge-in-{i}");
                            let k = key.clone();
                            view! {
                                <li class="checkbox">
                                    <input type="checkbox" id=id.clone()
                                        prop:checked=move || left_out.with(|l| !l.contains(&k))
                                        on:change=move |ev| {
                                            let take = event_target_checked(&ev);
                                            left_out.update(|l| { if take { l.remove(&key); } else { l.insert(key.clone()); } });
                                        }/>
                                    <label for=id>{text}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }).collect_view()}
            })}
            <div class="button-group">
                {(!nothing).then(|| view! {
                    <button type="button" id="merge-confirm" on:click=confirm>
                        {if total_conflicts == 0 { "Merge the changes".to_string() } else { "Merge with my choices".to_string() }}
                    </button>
                })}
                <button type="button" class="secondary" on:click=move |_| merging.set(None)>"Cancel"</button>
            </div>
        </div>
    }
}

/// The incoming changes by section, in order: (section, [(index, key, words)]).
type Sections = Vec<(&'static str, Vec<(usize, Key, String)>)>;

fn group(m: &Merge) -> Sections {
    let mut out: Sections = Vec::new();
    for (i, inc) in m.incoming.iter().enumerate() {
        let item = (i, inc.key.clone(), inc.text());
        match out.iter_mut().find(|(s, _)| *s == inc.section) {
            Some((_, v)) => v.push(item),
            None => out.push((inc.section, vec![item])),
        }
    }
    out
}
