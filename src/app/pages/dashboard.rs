//! The Dashboard page: the plan "as at" a date — RAG counts of actions and KPIs for
//! the plan and each priority, red and amber exceptions with their reasons, overdue
//! work, KPIs with sparklines and direction of travel, what changed recently, and
//! the plan's data health. Every figure comes from [`crate::core::rollup`] and
//! [`crate::core::kpi`], memoised on the plan and the as-at date.

use crate::app::components::RagBadge;
use crate::app::pages::edit::edit_location;
use crate::app::route::{use_router, Location, Page, PageLink, Router};
use crate::app::schedule::AfterPaint;
use crate::app::state::{today, use_app};
use crate::core::date::Date;
use crate::core::kpi::{self, Direction};
use crate::core::model::{Kpi, Plan, Rag};
use crate::core::rollup::{
    self, data_health, exceptions, overdue, recent_updates, GapKind, RagCounts,
};
use crate::core::sparkline;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How many days before the as-at date count as "recent".
pub const RECENT_DAYS: i64 = 30;

/// The as-at date in the address (`asat=YYYY-MM-DD`), else today.
pub fn as_at_of(params: &BTreeMap<String, String>) -> Date {
    params
        .get("asat")
        .and_then(|s| Date::parse_iso(s).ok())
        .unwrap_or_else(today)
}

/// The newest dated progress update of the plan, if any (for the "Try as at" hint).
pub fn latest_update_date(plan: &Plan) -> Option<Date> {
    plan.actions()
        .flat_map(|r| r.action.live_updates().filter_map(|u| u.date))
        .max()
}

/// The plan page's address for an action's row (`?page=plan#<id>`).
pub fn action_href(id: &str) -> String {
    format!("{}#{}", Location::page(Page::Plan).href(), id)
}

/// The KPI page's address for one KPI.
pub fn kpi_location(id: &str) -> Location {
    let mut l = Location::page(Page::Kpis);
    l.params.insert("id".into(), id.into());
    l
}

/// Goes to the Plan page and brings an element (an action's row) into view and
/// focus once it has been drawn.
pub fn go_to_plan_anchor(router: Router, id: String) {
    router.go(Location::page(Page::Plan));
    let _ = window().history().map(|h| {
        h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&action_href(&id)))
    });
    fn attempt(id: String, tries: u32) {
        if let Some(el) = document().get_element_by_id(&id) {
            el.scroll_into_view();
            crate::app::components::form::focus_id(&id);
        } else if tries > 0 {
            set_timeout(
                move || attempt(id, tries - 1),
                std::time::Duration::from_millis(50),
            );
        }
    }
    request_animation_frame(move || attempt(id, 100));
}

/// A link to an action's row on the Plan page.
#[component]
pub fn ActionLink(id: String, children: Children) -> impl IntoView {
    let router = use_router();
    let href = action_href(&id);
    view! {
        <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            go_to_plan_anchor(router, id.clone());
        }>{children()}</a>
    }
}

/// "Red", "Amber"… counts as words: "0 red, 0 amber, 5 green, 0 complete, 35 not rated".
pub fn counts_words(c: &RagCounts) -> String {
    Rag::ALL
        .into_iter()
        .map(|r| format!("{} {}", c.get(r), r.label().to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A small stacked bar of RAG counts, with its text alternative.
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

/// A table of RAG counts: one row for the whole plan and one per priority.
fn counts_table(
    caption: &'static str,
    what: &'static str,
    total: RagCounts,
    rows: Vec<(String, String, RagCounts)>,
) -> impl IntoView {
    let head = Rag::ALL
        .into_iter()
        .map(|r| {
            view! {
                <th scope="col" class="num">
                    <span class=format!("rag-word rag-text-{}", r.key())>
                        <span aria-hidden="true">{r.icon()}" "</span>{r.label()}
                    </span>
                </th>
            }
        })
        .collect_view();
    let row = move |name: AnyView, c: RagCounts, class: &'static str| {
        view! {
            <tr class=class>
                <th scope="row">{name}</th>
                {Rag::ALL.into_iter().map(|r| view! {
                    <td class="num" class:zero=c.get(r) == 0>{c.get(r)}</td>
                }).collect_view()}
                <td class="num total">{c.total()}</td>
                <td class="bar-cell"><RagBar counts=c what=what/></td>
            </tr>
        }
    };
    let body = rows
        .into_iter()
        .map(|(id, name, c)| {
            let router = use_router();
            let href = format!("{}#{}", Location::page(Page::Plan).href(), id);
            let name = view! {
                <a href=href on:click=move |ev: leptos::ev::MouseEvent| {
                    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 { return; }
                    ev.prevent_default();
                    go_to_plan_anchor(router, id.clone());
                }>{name}</a>
            }
            .into_any();
            row(name, c, "")
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label=caption tabindex="0">
            <table class="rag-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Where"</th>
                        {head}
                        <th scope="col" class="num">"Total"</th>
                        <th scope="col">"Share"</th>
                    </tr>
                </thead>
                <tbody>
                    {row("Whole plan".into_any(), total, "total-row")}
                    {body}
                </tbody>
            </table>
        </div>
    }
}

/// A KPI's actuals as a sparkline, described in words for screen readers.
#[component]
pub fn Sparkline(kpi: Kpi) -> impl IntoView {
    let values: Vec<(Option<f64>, bool)> = kpi
        .series
        .iter()
        .map(|p| {
            p.actual
                .as_ref()
                .map_or((None, false), |v| (v.value, v.provisional))
        })
        .collect();
    let (w, h) = (96.0, 28.0);
    let pts = sparkline::points(&values, w, h, 4.0);
    let line = sparkline::polyline(&pts);
    let label = format!("Trend of {}: {}", kpi_name(&kpi), kpi::summary(&kpi));
    let dots = pts
        .iter()
        .map(|p| {
            view! {
                <circle cx=format!("{:.1}", p.x) cy=format!("{:.1}", p.y) r="2.5"
                    class=if p.provisional { "spark-dot provisional" } else { "spark-dot" }/>
            }
        })
        .collect_view();
    view! {
        <svg class="sparkline" viewBox=format!("0 0 {w} {h}") width=w height=h role="img" aria-label=label>
            {(pts.len() > 1).then(|| view! { <polyline points=line class="spark-line"/> })}
            {dots}
        </svg>
    }
}

/// "NI 72 % pupils achieving…", or the title alone.
pub fn kpi_name(k: &Kpi) -> String {
    match (k.code.trim(), k.title.trim()) {
        ("", t) => t.to_string(),
        (c, "") => c.to_string(),
        (c, t) => format!("{c} {t}"),
    }
}

/// The direction of travel as an arrow and words.
#[component]
pub fn DirectionOfTravel(direction: Direction) -> impl IntoView {
    view! {
        <span class=format!("direction dir-{}", direction.key())>
            <span aria-hidden="true">{direction.arrow()}" "</span>{direction.label()}
        </span>
    }
}

/// The data health score in words.
pub fn health_words(score: u8) -> &'static str {
    match score {
        90..=100 => "good",
        70..=89 => "fair",
        _ => "poor",
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let as_at = Memo::new(move |_| router.location.with(|l| as_at_of(&l.params)));
    let roll = Memo::new(move |_| {
        let d = as_at.get();
        app.plan.with(|p| rollup::rollup(p, d))
    });
    let exc = Memo::new(move |_| {
        let d = as_at.get();
        app.plan.with(|p| exceptions(p, d))
    });
    let late = Memo::new(move |_| {
        let d = as_at.get();
        app.plan.with(|p| overdue(p, d))
    });
    let health = Memo::new(move |_| {
        let d = as_at.get();
        app.plan.with(|p| data_health(p, d))
    });
    let recent = Memo::new(move |_| {
        let d = as_at.get();
        app.plan.with(|p| recent_updates(p, d, RECENT_DAYS))
    });
    // Per KPI: (kpi, rating rag, explanation, direction). KPI figures do not depend on
    // the as-at date (periods are labels, not dates).
    let kpis = Memo::new(move |_| {
        app.plan.with(|p| {
            let mut v: Vec<(Kpi, Rag, String, Direction, String)> = p
                .kpis
                .iter()
                .map(|k| {
                    let r = kpi::latest_rating(k);
                    let rag = r.as_ref().map_or(Rag::NotRated, |r| r.rag);
                    let why = r
                        .map(|r| r.explanation)
                        .unwrap_or_else(|| "Not rated: no values yet.".into());
                    let t = kpi::trend(k, 3);
                    (k.clone(), rag, why, t.short, t.explanation)
                })
                .collect();
            v.sort_by_key(|x| x.1.severity());
            v
        })
    });

    view! {
        <div class="dashboard">
            <h1>"Dashboard"</h1>
            <AsAtBar as_at=as_at/>
            {move || glance(roll.get(), exc.with(Vec::len), late.with(Vec::len), health.with(|h| h.score), recent.with(Vec::len), as_at.get())}
            <section aria-labelledby="rag-by-priority">
                <h2 id="rag-by-priority">"RAG by priority"</h2>
                <p class="hint">"Each action counts by its latest progress update on or before the as-at date; each KPI by its latest rated period."</p>
                {move || {
                    let r = roll.get();
                    let names: Vec<(String, String)> = app.plan.with(|p| {
                        p.priorities.iter().map(|x| (x.id.to_string(), format!("Priority {}: {}", x.number, x.title))).collect()
                    });
                    let rows = |f: fn(&rollup::PriorityRollup) -> RagCounts| {
                        r.priorities.iter().zip(names.iter()).map(|(pr, (id, n))| (id.clone(), n.clone(), f(pr))).collect::<Vec<_>>()
                    };
                    view! {
                        <div class="rag-tables">
                            {counts_table("Actions by RAG", "actions", r.actions, rows(|p| p.actions))}
                            {counts_table("KPIs by RAG", "KPIs", r.kpis, rows(|p| p.kpis))}
                        </div>
                    }
                }}
            </section>
            <section aria-labelledby="exceptions-heading">
                <h2 id="exceptions-heading">"Exceptions: red and amber"</h2>
                <AfterPaint>
                    {move || exceptions_view(exc.get(), as_at.get())}
                    {move || kpi_exceptions(kpis.get())}
                </AfterPaint>
            </section>
            <section aria-labelledby="overdue-heading">
                <h2 id="overdue-heading">"Overdue actions and milestones"</h2>
                <AfterPaint>{move || overdue_view(late.get(), as_at.get())}</AfterPaint>
            </section>
            <section aria-labelledby="recent-heading">
                <h2 id="recent-heading">"What changed recently"</h2>
                <AfterPaint>{move || recent_view(recent.get(), as_at.get(), app.plan.with(latest_update_date))}</AfterPaint>
            </section>
            <section aria-labelledby="kpi-heading">
                <h2 id="kpi-heading">"KPIs: trend and direction of travel"</h2>
                <AfterPaint>{move || kpi_table(kpis.get())}</AfterPaint>
            </section>
            <section id="data-health" aria-labelledby="health-heading" tabindex="-1">
                <h2 id="health-heading">"Data health"</h2>
                <AfterPaint>{move || health_view(health.get(), app.plan.with(|p| p.settings.stale_after_days), as_at.get())}</AfterPaint>
            </section>
        </div>
    }
}

/// The as-at date control, kept in the address.
#[component]
pub fn AsAtBar(as_at: Memo<Date>) -> impl IntoView {
    let router = use_router();
    let set = move |d: Option<Date>| {
        let mut params = router.location.get_untracked().params;
        match d {
            Some(d) if d != today() => {
                params.insert("asat".into(), d.to_string());
            }
            _ => {
                params.remove("asat");
            }
        }
        router.replace_params(params);
    };
    view! {
        <div class="asat-bar no-print">
            <div class="form-group">
                <label class="label" for="asat">"As at"</label>
                <p class="hint" id="asat-hint">"Figures show the plan as it stood on this date."</p>
                <input class="input w-date" type="date" id="asat" aria-describedby="asat-hint"
                    prop:value=move || as_at.get().to_string()
                    on:change=move |ev| {
                        if let Ok(d) = Date::parse_iso(&event_target_value(&ev)) {
                            set(Some(d));
                        }
                    }/>
            </div>
            {move || (as_at.get() != today()).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| set(None)>"Show as at today"</button>
            })}
        </div>
        <p class="asat-line">"As at "<strong>{move || as_at.get().long()}</strong></p>
    }
}

fn glance(
    r: rollup::Rollup,
    exceptions: usize,
    overdue: usize,
    score: u8,
    recent: usize,
    as_at: Date,
) -> impl IntoView {
    let tile = |label: String, value: String, note: String| {
        view! {
            <div class="tile">
                <dt>{label}</dt>
                <dd><span class="tile-value">{value}</span><span class="tile-note">{note}</span></dd>
            </div>
        }
    };
    let _ = as_at;
    view! {
        <dl class="glance" aria-label="At a glance">
            {tile("Actions".into(), r.actions.total().to_string(),
                format!("{} green, {} complete", r.actions.green, r.actions.blue))}
            {tile("Red or amber actions".into(), exceptions.to_string(),
                format!("{} red, {} amber", r.actions.red, r.actions.amber))}
            {tile("Overdue".into(), overdue.to_string(), "actions and milestones".into())}
            {tile("KPIs off target".into(), (r.kpis.red + r.kpis.amber).to_string(),
                format!("{} red, {} amber of {}", r.kpis.red, r.kpis.amber, r.kpis.total()))}
            {tile(format!("Updates in the last {RECENT_DAYS} days"), recent.to_string(), "progress updates".into())}
            {tile("Data health".into(), format!("{score}/100"), health_words(score).into())}
        </dl>
    }
}

fn exceptions_view(list: Vec<rollup::Exception>, as_at: Date) -> AnyView {
    if list.is_empty() {
        return view! {
            <p class="empty">{format!("No action is red or amber as at {}.", as_at.long())}</p>
        }
        .into_any();
    }
    view! {
        <ul class="exceptions" aria-label="Red and amber actions">
            {list.into_iter().map(|e| {
                let reason = if e.reason.is_empty() {
                    "No reason recorded: the RAG is the one the plan states, with no progress update yet.".to_string()
                } else {
                    e.reason.clone()
                };
                view! {
                    <li class=format!("exception exc-{}", e.rag.key())>
                        <p class="exc-head">
                            <RagBadge rag=e.rag/>" "
                            <ActionLink id=e.action.to_string()>{format!("{} {}", e.reference, e.title)}</ActionLink>
                        </p>
                        <p class="exc-reason"><span class="exc-label">"Reason: "</span>{reason}</p>
                        <p class="meta">
                            {e.date.map(|d| format!("Updated {}", d.long())).unwrap_or_else(|| "No dated update".into())}
                            {(!e.leads.is_empty()).then(|| format!(" · Lead: {}", e.leads.join(", ")))}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn kpi_exceptions(list: Vec<(Kpi, Rag, String, Direction, String)>) -> impl IntoView {
    let off: Vec<_> = list
        .into_iter()
        .filter(|x| matches!(x.1, Rag::Red | Rag::Amber))
        .collect();
    (!off.is_empty()).then(|| {
        view! {
            <h3>"KPIs off target"</h3>
            <ul class="exceptions" aria-label="Red and amber KPIs">
                {off.into_iter().map(|(k, rag, why, dir, _)| view! {
                    <li class=format!("exception exc-{}", rag.key())>
                        <p class="exc-head">
                            <RagBadge rag=rag/>" "
                            <PageLink to=kpi_location(k.id.as_str())>{kpi_name(&k)}</PageLink>
                        </p>
                        <p class="exc-reason"><span class="exc-label">"Reason: "</span>{why}</p>
                        <p class="meta">"Direction of travel: "<DirectionOfTravel direction=dir/></p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

fn overdue_view(list: Vec<rollup::Overdue>, as_at: Date) -> AnyView {
    if list.is_empty() {
        return view! { <p class="empty">{format!("Nothing is overdue as at {}.", as_at.long())}</p> }.into_any();
    }
    let n = list.len();
    view! {
        <p>{format!("{n} overdue as at {}, most late first.", as_at.long())}</p>
        <div class="table-wrap" role="region" aria-label="Overdue actions and milestones" tabindex="0">
            <table class="overdue-table">
                <caption>"Overdue actions and milestones"</caption>
                <thead><tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"What is overdue"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col" class="num">"Days late"</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|o| view! {
                        <tr>
                            <th scope="row"><ActionLink id=o.action.to_string()>{format!("{} {}", o.reference, crate::core::rollup::truncate(&o.title, 80))}</ActionLink></th>
                            <td>{match &o.milestone { Some(m) => format!("Milestone: {m}"), None => "The action".to_string() }}</td>
                            <td class="nowrap">{o.due.short()}</td>
                            <td class="num">{if o.days_late == 1 { "1 day".to_string() } else { format!("{} days", o.days_late) }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn recent_view(list: Vec<rollup::RecentUpdate>, as_at: Date, latest: Option<Date>) -> AnyView {
    let router = use_router();
    if list.is_empty() {
        let hint = latest
            .filter(|d| *d < as_at.add_days(-RECENT_DAYS))
            .map(|d| {
                let mut to = router.location.get_untracked();
                to.params.insert("asat".into(), d.to_string());
                view! {
                    <p class="hint-line">
                        {format!("The plan's latest progress update is dated {}. ", d.long())}
                        <a href=to.href() on:click=move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            router.replace_params(to.params.clone());
                        }>{format!("Try as at {}", d.long())}</a>
                    </p>
                }
            });
        return view! {
            <p class="empty">{format!("No progress updates in the {RECENT_DAYS} days to {}.", as_at.long())}</p>
            {hint}
        }
        .into_any();
    }
    let n = list.len();
    view! {
        <p>{format!("{n} progress {} in the {RECENT_DAYS} days to {}, newest first.", if n == 1 { "update" } else { "updates" }, as_at.long())}</p>
        <ol class="recent" aria-label="Recent progress updates">
            {list.into_iter().map(|u| {
                let change = match u.previous_rag {
                    Some(prev) => view! {
                        <span class="rag-change">"RAG changed from "<RagBadge rag=prev/>" to "<RagBadge rag=u.rag/></span>
                    }.into_any(),
                    None => view! { <span class="rag-change">"RAG "<RagBadge rag=u.rag/>" (no change)"</span> }.into_any(),
                };
                view! {
                    <li>
                        <p class="recent-head">
                            <span class="recent-date">{u.date.long()}</span>" · "
                            <ActionLink id=u.action.to_string()>{format!("{} {}", u.reference, crate::core::rollup::truncate(&u.title, 80))}</ActionLink>
                        </p>
                        <p>{change}</p>
                        {(!u.commentary.trim().is_empty()).then(|| view! {
                            <p class="recent-text">{crate::core::rollup::truncate(&u.commentary, 240)}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

fn kpi_table(list: Vec<(Kpi, Rag, String, Direction, String)>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="empty">"The plan has no KPIs yet."</p> }.into_any();
    }
    let any_corporate = list.iter().any(|x| x.0.corporate_dashboard);
    view! {
        <p class="hint">"Red first, then amber. Select an indicator to see its chart and values."</p>
        {any_corporate.then(|| view! { <p class="legend">"* Corporate dashboard indicator"</p> })}
        <div class="table-wrap" role="region" aria-label="KPIs with trend" tabindex="0">
            <table class="kpi-trend-table">
                <caption>"KPIs with trend and direction of travel"</caption>
                <thead><tr>
                    <th scope="col">"Indicator"</th>
                    <th scope="col">"Latest"</th>
                    <th scope="col">"RAG"</th>
                    <th scope="col">"Trend"</th>
                    <th scope="col">"Direction of travel"</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|(k, rag, why, dir, trend)| {
                        let latest = kpi::latest_actual_index(&k).map(|i| {
                            let p = &k.series[i];
                            let v = p.actual.as_ref().map(|v| v.display(Some(k.decimals))).unwrap_or_default();
                            format!("{v} ({})", p.period)
                        }).unwrap_or_else(|| "No value yet".into());
                        let corporate = k.corporate_dashboard;
                        let name = kpi_name(&k);
                        let link = kpi_location(k.id.as_str());
                        view! {
                            <tr>
                                <th scope="row">
                                    <PageLink to=link>{name}</PageLink>
                                    {corporate.then(|| view! { <span class="corp" title="Corporate dashboard indicator">" *"<span class="visually-hidden">" (corporate dashboard)"</span></span> })}
                                </th>
                                <td>{latest}</td>
                                <td><RagBadge rag=rag/><span class="visually-hidden">{format!(" {why}")}</span></td>
                                <td><Sparkline kpi=k/></td>
                                <td><DirectionOfTravel direction=dir/><p class="meta small">{trend}</p></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn health_view(h: rollup::DataHealth, stale_days: u32, as_at: Date) -> impl IntoView {
    let router = use_router();
    let group = |kind: GapKind, title: &'static str| {
        let gaps: Vec<_> = h.gaps.iter().filter(|g| g.kind == kind).cloned().collect();
        let n = gaps.len();
        let is_kpi = kind == GapKind::KpiMissingLatest;
        view! {
            <section class="gap-group" aria-label=title>
                <h3>{format!("{title} ({n})")}</h3>
                {if gaps.is_empty() {
                    view! { <p class="empty">"None."</p> }.into_any()
                } else {
                    view! {
                        <ul class="gaps">
                            {gaps.into_iter().map(|g| {
                                let link = if is_kpi {
                                    view! { <PageLink to=kpi_location(g.id.as_str())>{g.description.clone()}</PageLink> }.into_any()
                                } else {
                                    view! { <ActionLink id=g.id.to_string()>{g.description.clone()}</ActionLink> }.into_any()
                                };
                                view! { <li>{link}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    };
    let score = h.score;
    let total = h.gaps.len();
    view! {
        <p class="health-score">
            <span class="score-figure">{format!("{score} out of 100")}</span>
            <span class="score-words">{format!(" — {} ({total} {} found as at {})", health_words(score), if total == 1 { "gap" } else { "gaps" }, as_at.long())}</span>
        </p>
        <meter class="health-meter" min="0" max="100" low="70" high="90" optimum="100" value=score
            aria-label=format!("Data health score: {score} out of 100, {}", health_words(score))></meter>
        <p class="hint">
            {format!("An action still being worked is stale when it has had no progress update in {stale_days} days. ")}
            <a href=edit_location("details", &[]).href() on:click=move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                router.go(edit_location("details", &[]));
            }>"Change this on the plan details form"</a>
        </p>
        {group(GapKind::StaleAction, "Stale actions")}
        {group(GapKind::KpiMissingLatest, "KPIs missing a value for their latest period")}
        {group(GapKind::NoLead, "Actions without a lead")}
        {group(GapKind::NoDueDate, "Actions without a due date")}
    }
}
