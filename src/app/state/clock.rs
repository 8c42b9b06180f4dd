//! The browser's clocks, for the state: wall time for stamps and "Saved at", the
//! page's own clock (`performance.now()`) for timings and the autosave policy.

use crate::core::date::Date;
use leptos::prelude::window;
use wasm_bindgen::JsCast;

/// Milliseconds since the epoch, from the browser clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A clock with sub-millisecond resolution (`performance.now()`), for timings.
pub fn precise_ms() -> f64 {
    let w = window();
    js_sys::Reflect::get(&w, &"performance".into())
        .ok()
        .and_then(|perf| {
            let now = js_sys::Reflect::get(&perf, &"now".into()).ok()?;
            now.dyn_ref::<js_sys::Function>()?
                .call0(&perf)
                .ok()?
                .as_f64()
        })
        .unwrap_or_else(now_ms)
}

/// The current time as ISO 8601 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Today's date in the browser's time zone.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
    .unwrap_or_else(|| Date::new(2000, 1, 1).expect("a real date"))
}

pub fn clock() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}
