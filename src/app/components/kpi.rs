//! KPI building blocks shared by the KPI pages, the dashboard and the reports: the
//! sparkline of a KPI's actuals and the direction of travel.

use crate::core::kpi::{direction_words, Direction};
use crate::core::sparkline;
use leptos::prelude::*;

/// A small inline SVG of a KPI's actuals, one point per period (a period with no
/// figure leaves a gap); provisional points hollow. `label` says the same in words
/// for screen readers (the SVG is an image with that name).
#[component]
pub fn Sparkline(values: Vec<(Option<f64>, bool)>, #[prop(into)] label: String) -> impl IntoView {
    const W: f64 = 96.0;
    const H: f64 = 28.0;
    let pts = sparkline::points(&values, W, H, 4.0);
    let line = sparkline::polyline(&pts);
    let dots = pts
        .iter()
        .map(|p| {
            let class = if p.provisional { "spark-dot provisional" } else { "spark-dot" };
            view! { <circle cx=format!("{:.1}", p.x) cy=format!("{:.1}", p.y) r="2.6" class=class/> }
        })
        .collect_view();
    view! {
        <svg class="sparkline" role="img" aria-label=label viewBox=format!("0 0 {W} {H}") width=W height=H>
            {(pts.len() > 1).then(|| view! { <polyline points=line class="spark-line"/> })}
            {dots}
        </svg>
    }
}

/// The direction of travel as an arrow and words: "↑ Improving", or with the
/// length of the run ("↑ Improving for 2 periods") when `run` is given.
#[component]
pub fn DirectionOfTravel(
    direction: Direction,
    /// How many periods the direction has lasted ([`crate::core::kpi::Trend::run_length`]).
    #[prop(optional)]
    run: usize,
) -> impl IntoView {
    view! {
        <span class=format!("direction dir-{}", direction.key())>
            <span class="arrow" aria-hidden="true">{direction.arrow()}" "</span>{direction_words(direction, run)}
        </span>
    }
}
