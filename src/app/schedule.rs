//! Drawing long pages in pieces: the first screenful is drawn at once, the rest
//! after the browser has painted, so a page shows without waiting for all of it.

use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The longest an "after paint" piece waits for the browser to be idle.
const IDLE_DEADLINE_MS: i32 = 150;

/// Runs `f` once the browser has painted what is on screen and has a moment to
/// spare: in an idle period where the browser offers them (with a deadline, so it
/// never waits long), else on a timer after the next frame (Safari).
pub fn after_paint(f: impl FnOnce() + 'static) {
    let w = leptos::prelude::window();
    let has_idle =
        js_sys::Reflect::has(&w, &JsValue::from_str("requestIdleCallback")).unwrap_or(false);
    if has_idle {
        let cb = Closure::once_into_js(f);
        let opts = web_sys::IdleRequestOptions::new();
        opts.set_timeout(IDLE_DEADLINE_MS as u32);
        if w.request_idle_callback_with_options(cb.unchecked_ref(), &opts)
            .is_ok()
        {
            return;
        }
        // Not callable after all: fall back to a frame and a timer.
        let f: js_sys::Function = cb.unchecked_into();
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(
                move || {
                    let _ = f.call0(&JsValue::NULL);
                },
                Duration::ZERO,
            )
        });
        return;
    }
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, Duration::ZERO)
    });
}

/// Draws its children once the browser has painted the rest of the page: for the
/// parts of a page below the first screenful, so the top shows sooner.
#[leptos::component]
pub fn AfterPaint(children: leptos::prelude::ChildrenFn) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let ready = RwSignal::new(false);
    after_paint(move || {
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}

/// What [`drawn_rows`] gives: how many rows to draw now, and which set of rows they
/// are (it changes with the list, so a view can start a fresh body for a new set).
#[derive(Clone, Copy)]
pub struct DrawnRows {
    pub count: leptos::prelude::Signal<usize>,
    pub set: leptos::prelude::Memo<u64>,
}

/// How many rows of a long list to draw: `first` at once, then `step` more each time
/// the browser has painted, up to `target()`. Whenever `list` changes (a keystroke
/// in a filter, a new sort), drawing starts again from the first screenful, so the
/// change shows at once however long the list.
pub fn drawn_rows<T>(
    list: leptos::prelude::Memo<T>,
    target: impl Fn() -> usize + Send + Sync + 'static,
    first: usize,
    step: usize,
) -> DrawnRows
where
    T: PartialEq + Send + Sync + 'static,
{
    use leptos::prelude::*;
    let version = Memo::new(move |prev: Option<&u64>| {
        list.track();
        prev.map_or(0, |p| p.wrapping_add(1))
    });
    let shown = RwSignal::new((0u64, first));
    fn grow(shown: RwSignal<(u64, usize)>, v: u64, target: usize, step: usize) {
        if shown.try_with_untracked(|&(sv, n)| sv == v && n < target) == Some(true) {
            after_paint(move || {
                let grew = shown.try_update(|s| {
                    if s.0 == v {
                        s.1 += step;
                    }
                });
                if grew.is_some() {
                    grow(shown, v, target, step);
                }
            });
        }
    }
    Effect::new(move |_| {
        let v = version.get();
        let t = target();
        shown.set((v, first));
        grow(shown, v, t, step);
    });
    DrawnRows {
        count: Signal::derive(move || {
            let v = version.get();
            shown.with(|&(sv, n)| if sv == v { n } else { first })
        }),
        set: version,
    }
}
