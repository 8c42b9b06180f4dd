//! One KPI's page: its definition, latest rating and trend in words, every
//! period's rating, and the trend chart.

use super::chart::TrendChart;
use super::{edit_location, list_location, use_places};
use crate::app::components::kpi::DirectionOfTravel;
use crate::app::components::{RagBadge, TableRegion};
use crate::app::route::{use_router, AppLink};
use crate::app::state::use_app;
use crate::core::edit::delete_kpi;
use crate::core::filter::{linked_words, KpiPlace};
use crate::core::kpi::{kpi_name, latest_rating, rate_period, target_words, trend};
use crate::core::model::{Id, Kpi, Rag, Tolerance};
use leptos::prelude::*;

#[component]
pub fn KpiDetail(id: Id) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let key = id.clone();
    // This KPI alone: told when it changes, not when anything else does.
    let kpi = Memo::new(move |_| app.plan.kpi(&key, Kpi::clone));
    let places = use_places();
    let exists = Memo::new(move |_| kpi.with(Option::is_some));
    move || {
        if !exists.get() {
            return view! {
                <h1>"KPI not found"</h1>
                <p>"This KPI is not in the plan: it may have been deleted. "
                    <AppLink to=list_location()>"Back to the KPIs"</AppLink></p>
            }
            .into_any();
        }
        let edit_id = id.clone();
        let del_id = id.clone();
        view! {
            <p class="back-link no-print"><AppLink to=list_location()>"Back to the KPIs"</AppLink></p>
            <h1 id="view-heading" tabindex="-1">{move || kpi.with(|k| k.as_ref().map(kpi_name).unwrap_or_default())}</h1>
            <div class="toolbar no-print" role="group" aria-label="KPI tools">
                <button type="button" on:click=move |_| router.go(edit_location(Some(&edit_id)))>"Edit KPI"</button>
                <button type="button" class="secondary" on:click=move |_| {
                    let name = app.plan.with_untracked(|p| p.kpi(&del_id).map(kpi_name)).unwrap_or_default();
                    if let Some(c) = app.plan.with_untracked(|p| delete_kpi(p, &del_id)) {
                        router.go(list_location());
                        app.apply_with_undo(c, format!("Deleted KPI {name}"));
                    }
                }>"Delete KPI"</button>
            </div>
            {move || kpi.with(|k| k.as_ref().map(status))}
            <TrendChart kpi=kpi/>
            {move || kpi.with(|k| k.as_ref().map(ratings_table))}
            {move || places.with(|pl| kpi.with(|k| k.as_ref().map(|k| definition(pl, k))))}
        }
        .into_any()
    }
}

/// The latest rating and the trend, in words.
fn status(k: &Kpi) -> AnyView {
    let rating = latest_rating(k);
    let t = trend(k, 3);
    view! {
        <section class="kpi-status" aria-labelledby="status-heading">
            <h2 id="status-heading">"Latest rating"</h2>
            {match rating {
                Some(r) => view! {
                    <p class="rating-line">
                        <RagBadge rag=r.rag/>
                        {(!r.period.is_empty()).then(|| format!(" {}", r.period))}
                    </p>
                    <p class="explanation" id="rating-explanation">{r.explanation}</p>
                }.into_any(),
                None => view! {
                    <p class="rating-line"><RagBadge rag=Rag::NotRated/></p>
                    <p class="explanation" id="rating-explanation">"Not rated: this KPI has no periods yet."</p>
                }.into_any(),
            }}
            <h2>"Direction of travel"</h2>
            <p id="trend-direction"><DirectionOfTravel direction=t.short run=t.run_length/></p>
            <p class="explanation" id="trend-explanation">{t.explanation}</p>
        </section>
    }
    .into_any()
}

fn ratings_table(k: &Kpi) -> AnyView {
    let d = k.decimals;
    let rows = (0..k.series.len())
        .map(|i| {
            let p = &k.series[i];
            let r = rate_period(k, i);
            view! {
                <tr>
                    <th scope="row">{p.period.clone()}</th>
                    <td class="num">{p.actual.as_ref().map(|v| v.display(Some(d))).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{p.target.as_ref().map(|t| target_words(t, d)).unwrap_or_else(|| "—".into())}</td>
                    <td><RagBadge rag=r.rag/></td>
                    <td>{r.explanation}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableRegion caption="Rating of every period" class="ratings-table">
                <thead><tr>
                    <th scope="col">"Period"</th><th scope="col">"Actual"</th><th scope="col">"Target"</th>
                    <th scope="col">"RAG"</th><th scope="col">"Why"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
</TableRegion>
    }
    .into_any()
}

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        "Not recorded".into()
    } else {
        s.to_string()
    }
}

fn definition(places: &[KpiPlace], k: &Kpi) -> AnyView {
    let d = Some(k.decimals);
    let tolerance = match k.tolerance {
        None => "Default: 5% of the target".to_string(),
        Some(Tolerance::Absolute(t)) => format!(
            "{} (in the KPI's unit)",
            crate::core::value::format_number(t, None)
        ),
        Some(Tolerance::Percent(t)) => format!(
            "{}% of the target",
            crate::core::value::format_number(t, None)
        ),
    };
    let baseline = match (&k.baseline.value, k.baseline.period.trim()) {
        (Some(v), "") => v.display(d),
        (Some(v), p) => format!("{} ({p})", v.display(d)),
        (None, "") => "Not recorded".into(),
        (None, p) => format!("No value ({p})"),
    };
    let rows: Vec<(&'static str, String)> = vec![
        ("Code", or_none(&k.code)),
        (
            "Sources",
            if k.sources.is_empty() {
                "Not recorded".into()
            } else {
                k.sources.join(", ")
            },
        ),
        ("Title", k.title.clone()),
        ("Section", or_none(&k.section)),
        ("Unit", k.unit.label().to_string()),
        ("Decimal places", k.decimals.to_string()),
        ("Polarity", k.polarity.label().to_string()),
        ("Tolerance for amber", tolerance),
        ("Responsible officer", or_none(&k.responsible_officer)),
        ("Period basis", k.period_basis.label().to_string()),
        ("What a period refers to", or_none(&k.period_note)),
        ("Baseline", baseline),
        (
            "Linked to",
            linked_words(places, k.priority_id.as_ref(), k.outcome_id.as_ref()),
        ),
        (
            "On the corporate dashboard",
            if k.corporate_dashboard { "Yes" } else { "No" }.to_string(),
        ),
        ("Notes", or_none(&k.notes)),
    ];
    view! {
        <section aria-labelledby="definition-heading">
            <h2 id="definition-heading">"Definition"</h2>
            <dl class="summary-list">
                {rows.into_iter().map(|(t, v)| view! { <div><dt>{t}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
        </section>
    }
    .into_any()
}
