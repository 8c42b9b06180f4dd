//! Pages and their addresses. The page lives in the query string (`?page=kpis`), so
//! the app works from any static host and any sub-path with no rewrite rules, and
//! `#fragment` links stay free for in-page anchors.

use super::focus;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The pages of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Dashboard,
    Plan,
    Kpis,
    Reports,
    Files,
    /// Tables brought in from a paste or a file (not in the navigation).
    Import,
    /// Starting a new plan (reached from the Files page and the first-run
    /// welcome; not in the navigation).
    NewPlan,
    /// Asking partners for updates (reached from the Files page).
    Ask,
}

impl Page {
    pub const NAV: [Page; 5] = [
        Page::Dashboard,
        Page::Plan,
        Page::Kpis,
        Page::Reports,
        Page::Files,
    ];

    pub fn key(&self) -> &'static str {
        match self {
            Page::Dashboard => "dashboard",
            Page::Plan => "plan",
            Page::Kpis => "kpis",
            Page::Reports => "reports",
            Page::Files => "files",
            Page::Import => "import",
            Page::NewPlan => "new",
            Page::Ask => "ask",
        }
    }
    pub fn title(&self) -> &'static str {
        match self {
            Page::Dashboard => "Dashboard",
            Page::Plan => "Plan",
            Page::Kpis => "KPIs",
            Page::Reports => "Reports",
            Page::Files => "Files",
            Page::Import => "Import",
            Page::NewPlan => "New plan",
            Page::Ask => "Ask for updates",
        }
    }
    fn from_key(k: &str) -> Option<Page> {
        Page::NAV
            .into_iter()
            .chain([Page::Import, Page::NewPlan, Page::Ask])
            .find(|p| p.key() == k)
    }
}

/// Where the app is: a page and its other query parameters (filters and the like).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub page: Page,
    pub params: BTreeMap<String, String>,
}

impl Location {
    pub fn page(page: Page) -> Location {
        Location {
            page,
            params: BTreeMap::new(),
        }
    }

    /// Reads `?page=…&…`. An unknown or missing page is the plan.
    pub fn parse(search: &str) -> Location {
        let mut params = BTreeMap::new();
        for pair in search
            .trim_start_matches('?')
            .split('&')
            .filter(|s| !s.is_empty())
        {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            params.insert(decode(k), decode(v));
        }
        let page = params
            .remove("page")
            .and_then(|p| Page::from_key(&p))
            .unwrap_or(Page::Plan);
        Location { page, params }
    }

    /// The query string for this location, starting with `?`.
    pub fn href(&self) -> String {
        let mut s = format!("?page={}", self.page.key());
        for (k, v) in &self.params {
            if !v.is_empty() {
                s.push('&');
                s.push_str(&encode(k));
                s.push('=');
                s.push_str(&encode(v));
            }
        }
        s
    }
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    js_sys::decode_uri_component(&s)
        .ok()
        .and_then(|j| j.as_string())
        .unwrap_or(s)
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s)
        .as_string()
        .unwrap_or_default()
}

fn current() -> Location {
    Location::parse(&window().location().search().unwrap_or_default())
}

/// The app's location as a signal, kept in step with the address bar.
#[derive(Clone, Copy)]
pub struct Router {
    pub location: RwSignal<Location>,
    /// The heading of the view on screen when it is more than its page (a form, a
    /// KPI): the page title starts with it.
    pub view_title: RwSignal<Option<String>>,
}

impl Router {
    pub fn new() -> Router {
        let location = RwSignal::new(current());
        let view_title = RwSignal::new(None);
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let to = current();
            let ret = focus::returning(&to.href());
            location.set(to);
            focus::after(ret, None, move |t| view_title.set(t));
        });
        on_cleanup(move || handle.remove());
        Router {
            location,
            view_title,
        }
    }

    /// Opens a view: goes to a location, adding it to the browser history; focus
    /// moves to the new view's heading.
    pub fn go(&self, to: Location) {
        let from = self.location.with_untracked(Location::href);
        focus::opened(&from);
        self.navigate(to, focus::Return::Forward, None);
    }

    /// Goes back to a view (Save or Cancel in a form): focus returns to the control
    /// that opened the view being left, or else to the element `changed` (the row
    /// that changed), or else to the heading.
    pub fn back_to(&self, to: Location, changed: Option<String>) {
        let ret = focus::returning(&to.href());
        self.navigate(to, ret, changed);
    }

    fn navigate(&self, to: Location, ret: focus::Return, changed: Option<String>) {
        if let Ok(h) = window().history() {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to.href()));
        }
        self.location.set(to);
        window().scroll_to_with_x_and_y(0.0, 0.0);
        let view_title = self.view_title;
        focus::after(ret, changed, move |t| view_title.set(t));
    }

    /// Changes the query parameters of this page without a new history entry
    /// (for filters, so typing does not flood the back button).
    pub fn replace_params(&self, params: BTreeMap<String, String>) {
        let to = Location {
            page: self.location.get_untracked().page,
            params,
        };
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to.href()));
        }
        self.location.set(to);
    }
}

impl Default for Router {
    fn default() -> Self {
        Router::new()
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// Whether a click on a link is a plain one, for the app to follow in place. A
/// click with Ctrl, Cmd, Shift or Alt held, or with another button than the first
/// (the middle button opens a new tab), is left to the browser: a new tab, a new
/// window, a download.
pub fn is_plain_click(ev: &leptos::ev::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0)
}

/// Follows a link inside the app on a plain click ([`is_plain_click`]): the
/// browser's own navigation is stopped and `go` runs instead. Any other click is
/// left to the browser, which opens the link's `href` as it would any link's.
pub fn follow_link(ev: &leptos::ev::MouseEvent, go: impl FnOnce()) {
    if is_plain_click(ev) {
        ev.prevent_default();
        go();
    }
}

/// A link to a place in the app, followed without reloading on a plain click (and
/// opened by the browser in a new tab or window on any other).
#[component]
pub fn AppLink(
    to: Location,
    children: Children,
    #[prop(optional, into)] class: String,
    /// A tooltip (the `title` attribute), if any.
    #[prop(optional_no_strip)]
    title: Option<Signal<String>>,
    /// Marked `aria-current="page"` while the page it goes to is open (the
    /// navigation's links).
    #[prop(optional)]
    mark_current: bool,
) -> impl IntoView {
    let router = use_router();
    let href = to.href();
    let page = to.page.clone();
    let current =
        move || (mark_current && router.location.with(|l| l.page == page)).then_some("page");
    view! {
        <a href=href class=class title=move || title.map(|t| t.get()) aria-current=current
            on:click=move |ev: leptos::ev::MouseEvent| follow_link(&ev, || router.go(to.clone()))>
            {children()}
        </a>
    }
}

/// A link to a page of the navigation: an [`AppLink`] marked `aria-current="page"`
/// while that page is open.
#[component]
pub fn PageLink(
    to: Location,
    children: Children,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    view! { <AppLink to=to class=class mark_current=true>{children()}</AppLink> }
}
