//! Small building blocks shared by the pages.

use crate::core::model::Rag;
pub mod document;
pub mod form;
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
