//! Small building blocks shared by the pages: the RAG badge and bar, text as
//! paragraphs and bullets; in modules of their own, the form fields ([`form`]),
//! repeatable rows ([`rows`]), the plan as a document ([`document`]), a pasted
//! table's columns with what each holds ([`columns`]), links and addresses
//! ([`links`]), the KPI sparkline and direction of travel ([`kpi`]) and the as-at
//! date ([`asat`]). No page imports another page: what two pages share lives
//! here or in [`crate::core`].

use crate::core::model::Rag;
use crate::core::rollup::{counts_words, RagCounts};
pub mod asat;
pub mod columns;
pub mod compare;
pub mod document;
pub mod form;
pub mod kpi;
pub mod links;
pub mod name;
pub mod rows;

use leptos::prelude::*;

/// A RAG status as an icon, a word and a colour (never colour alone).
#[component]
pub fn RagBadge(rag: Rag) -> impl IntoView {
    view! {
        <span class=format!("rag rag-{}", rag.key())>
            <span class="rag-icon" aria-hidden="true">{rag.icon()}</span>
            {rag.label()}
        </span>
    }
}

/// A small stacked bar of RAG counts, its text alternative the counts in words
/// ("40 actions: 0 red, 1 amber, …"; "No actions" when there are none).
#[component]
pub fn RagBar(counts: RagCounts, what: &'static str) -> impl IntoView {
    let total = counts.total();
    let width = 120.0;
    let mut x = 0.0;
    let rects = Rag::ALL
        .into_iter()
        .filter(|r| counts.get(*r) > 0)
        .map(|r| {
            let w = width * counts.get(r) as f64 / total.max(1) as f64;
            let rect = view! {
                <rect x=format!("{x:.1}") y="0" width=format!("{w:.1}") height="14" class=format!("bar-{}", r.key())/>
            };
            x += w;
            rect
        })
        .collect_view();
    let label = if total == 0 {
        format!("No {what}")
    } else {
        format!("{total} {what}: {}", counts_words(&counts))
    };
    view! {
        <svg class="rag-bar" viewBox="0 0 120 14" width="120" height="14" role="img" aria-label=label>
            <rect x="0" y="0" width="120" height="14" class="bar-empty"/>
            {rects}
        </svg>
    }
}

/// Text with line breaks, as paragraphs.
#[component]
pub fn Paragraphs(text: String) -> impl IntoView {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| view! { <p>{l.to_string()}</p> })
        .collect_view()
}

/// A list of short texts as a bulleted list, or nothing when empty.
#[component]
pub fn Bullets(items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul>
                {items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
            </ul>
        }
    })
}

/// A table in a scrolling region named by its caption: a wide table scrolls
/// inside the region, which takes the keyboard focus so the region can be
/// scrolled without a mouse (WCAG 2.1.1). `children` are the table's `thead`
/// and `tbody`.
#[component]
pub fn TableRegion(
    #[prop(into)] caption: String,
    /// The table's class.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let label = caption.clone();
    view! {
        <div class="table-wrap" role="region" aria-label=label tabindex="0">
            <table class=class>
                <caption>{caption}</caption>
                {children()}
            </table>
        </div>
    }
}
