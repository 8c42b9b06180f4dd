//! Focus where the user is (WCAG 2.4.3), for every view, in one place.
//!
//! When a view opens (a page, a form, a KPI's page), focus moves to its heading —
//! the element with id `view-heading`, or else the first `h1` of the main region —
//! so a keyboard or screen-reader user starts at the new view, not at the top of
//! the page. When the user goes back to a view they came from (Save, Cancel, the
//! browser's Back), focus returns to the control that opened the view they are
//! leaving, or, if that control is gone, to the element the caller names (the row
//! that changed), or else to the heading. The page title follows the view.
//!
//! [`crate::app::route::Router`] calls [`opened`] or [`returning`], then [`after`],
//! around every navigation; nothing else moves focus between views.

use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// Where the user was when they opened a view: that view's address and the
/// control they used.
struct Opener {
    from: String,
    control: Option<Control>,
}

/// A control, found again after its view was drawn anew: by its id, or else by its
/// kind and accessible name ("button" "Edit action 1.1").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    Id(String),
    Named { tag: String, name: String },
}

impl Control {
    fn of(el: &web_sys::Element) -> Option<Control> {
        let id = el.id();
        if !id.is_empty() {
            return Some(Control::Id(id));
        }
        let tag = el.tag_name().to_ascii_lowercase();
        if !matches!(tag.as_str(), "button" | "a" | "summary") {
            return None;
        }
        let name = accessible_name(el);
        (!name.is_empty()).then_some(Control::Named { tag, name })
    }

    fn find(&self) -> Option<web_sys::Element> {
        let doc = document();
        match self {
            Control::Id(id) => doc.get_element_by_id(id),
            Control::Named { tag, name } => {
                let all = doc.query_selector_all(tag).ok()?;
                (0..all.length())
                    .filter_map(|i| all.item(i))
                    .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
                    .find(|e| accessible_name(e) == *name && e.get_client_rects().length() > 0)
            }
        }
    }
}

/// A control's name as a screen reader gives it, near enough: its `aria-label`, or
/// its text with the spaces made single.
fn accessible_name(el: &web_sys::Element) -> String {
    el.get_attribute("aria-label")
        .or_else(|| el.text_content())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

thread_local! {
    static OPENERS: RefCell<Vec<Opener>> = const { RefCell::new(Vec::new()) };
}

/// How many openers are remembered (a long walk forward forgets the oldest).
const LIMIT: usize = 50;

/// The focused control, if one is.
fn focused() -> Option<Control> {
    document().active_element().as_ref().and_then(Control::of)
}

/// The user opens a new view, leaving the view at `from`: remembers the focused
/// control as the way back.
pub fn opened(from: &str) {
    OPENERS.with(|o| {
        let mut o = o.borrow_mut();
        o.push(Opener {
            from: from.to_string(),
            control: focused(),
        });
        if o.len() > LIMIT {
            o.remove(0);
        }
    })
}

/// The user goes back to the view at `to` (Save, Cancel, the browser's Back): if
/// they came from there, the control that opened the view they are leaving.
pub fn returning(to: &str) -> Return {
    OPENERS.with(|o| {
        let mut o = o.borrow_mut();
        match o.iter().rposition(|e| e.from == to) {
            Some(at) => {
                let control = o[at].control.clone();
                o.truncate(at);
                Return::Back(control)
            }
            None => Return::Forward,
        }
    })
}

/// Whether a navigation goes back to a view the user came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Return {
    Forward,
    /// Back, with the control that opened the view being left, if known.
    Back(Option<Control>),
}

/// After a navigation: once the new view is drawn, focuses the control to return
/// to (or `fallback`, or the heading) and sets the page title. The view may draw in
/// pieces, so this looks for its targets for up to two seconds.
pub fn after(ret: Return, fallback: Option<String>, title: impl Fn(Option<String>) + 'static) {
    let targets: Vec<Control> = match ret {
        Return::Back(control) => control
            .into_iter()
            .chain(fallback.map(Control::Id))
            .collect(),
        Return::Forward => fallback.map(Control::Id).into_iter().collect(),
    };
    let was = document().active_element();
    attempt(targets, 40, std::rc::Rc::new(title), was);
}

fn attempt(
    targets: Vec<Control>,
    tries: u32,
    title: std::rc::Rc<dyn Fn(Option<String>)>,
    was: Option<web_sys::Element>,
) {
    request_animation_frame(move || {
        let found = targets.iter().find_map(Control::find);
        let heading = view_heading();
        // Wait for a named target still to be drawn (but not past the last try).
        if found.is_none() && !targets.is_empty() && tries > 0 {
            set_timeout(
                move || attempt(targets, tries - 1, title, was),
                std::time::Duration::from_millis(50),
            );
            return;
        }
        if heading.is_none() && found.is_none() && tries > 0 {
            set_timeout(
                move || attempt(targets, tries - 1, title, was),
                std::time::Duration::from_millis(50),
            );
            return;
        }
        title(
            heading
                .as_ref()
                .filter(|h| h.id() == "view-heading")
                .and_then(|h| h.text_content())
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")),
        );
        // The user has moved on meanwhile (clicked or tabbed elsewhere while the
        // view was drawn): their focus stays where they put it.
        let now = document().active_element();
        let body = document().body().map(web_sys::Element::from);
        if now.is_some() && now != was && now != body {
            return;
        }
        match (found, heading) {
            // A control to return to is brought into view.
            (Some(el), _) => focus(&el, true),
            // The heading of a new view: the view is already shown from its top.
            (None, Some(h)) => focus(&h, false),
            (None, None) => {}
        }
    });
}

/// The heading of the view on screen: `#view-heading`, or the first `h1` of the
/// main region that is shown (a hidden document may stay drawn behind a form).
fn view_heading() -> Option<web_sys::Element> {
    let doc = document();
    if let Some(h) = doc.get_element_by_id("view-heading") {
        return Some(h);
    }
    let all = doc.query_selector_all("main h1").ok()?;
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .find(|e| e.get_client_rects().length() > 0)
}

/// Focuses an element, making it focusable first if it is not (a heading, a row),
/// and scrolling it into view if `scroll`.
pub fn focus(el: &web_sys::Element, scroll: bool) {
    let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() else {
        return;
    };
    let natively = matches!(
        h.tag_name().to_ascii_lowercase().as_str(),
        "a" | "button" | "input" | "select" | "textarea" | "summary"
    );
    if !natively && !h.has_attribute("tabindex") {
        let _ = h.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(!scroll);
    let _ = h.focus_with_options(&options);
}
