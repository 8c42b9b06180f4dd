//! The Dashboard page: the plan "as at" a date — RAG counts of actions and KPIs for
//! the plan and each priority, red and amber exceptions with their reasons, overdue
//! work, KPIs with sparklines and direction of travel, what changed recently, and
//! the plan's data health. Every figure comes from [`crate::core::rollup`] and
//! [`crate::core::kpi`], memoised on the plan and the as-at date.

use crate::app::components::asat::as_at_of;
use crate::app::components::asat::AsAtBar;
use crate::app::components::kpi::DirectionOfTravel;
use crate::app::components::kpi::Sparkline;
use crate::app::components::links::{plan_form_location, KpiLink, PlanAnchorLink};
use crate::app::components::{RagBadge, RagBar, TableRegion};
use crate::app::route::{follow_link, use_router, AppLink};
use crate::app::schedule::AfterPaint;
use crate::app::state::use_app;
use crate::core::date::Date;
use crate::core::kpi::KpiSummary;
use crate::core::model::Rag;
use crate::core::rollup::{
    self, data_health, exceptions, health_words, latest_update_date, overdue, recent_updates,
    GapKind, RagCounts, RECENT_DAYS,
};
use leptos::prelude::*;

/// A table of RAG counts: one row for the whole plan and one per priority
/// (id, "Priority 1: title", counts), each linking to the priority on the Plan page.
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
            let name = view! { <PlanAnchorLink id=id>{name}</PlanAnchorLink> }.into_any();
            row(name, c, "")
        })
        .collect_view();
    view! {
            <TableRegion caption=caption class="rag-table">
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
    </TableRegion>
        }
}

/// The figures of the "at a glance" tiles.
#[derive(Clone, PartialEq)]
struct Glance {
    actions: RagCounts,
    kpis: RagCounts,
    exceptions: usize,
    overdue: usize,
    score: u8,
    recent: usize,
}

/// The "RAG by priority" tables: the whole plan's counts and each priority's.
#[derive(Clone, PartialEq)]
struct ByPriority {
    actions: RagCounts,
    kpis: RagCounts,
    /// (id, "Priority 1: title", actions, KPIs).
    priorities: Vec<(String, String, RagCounts, RagCounts)>,
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let as_at = Memo::new(move |_| router.location.with(|l| as_at_of(&l.params)));
    // Each section reads memos only, so an edit re-renders just the sections whose
    // figures it changed. Action figures summarise the whole plan; KPI figures are
    // read through `kpis`, told only of KPI edits (periods are labels, not dates,
    // so they do not depend on the as-at date).
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
    let stale_days = Memo::new(move |_| app.plan.details(|p| p.settings.stale_after_days));
    let recent = Memo::new(move |_| {
        let d = as_at.get();
        app.plan.with(|p| recent_updates(p, d, RECENT_DAYS))
    });
    let latest = Memo::new(move |_| app.plan.with(latest_update_date));
    let kpis = Memo::new(move |_| {
        app.plan.kpis(|all| {
            let mut v: Vec<KpiSummary> = all.iter().map(KpiSummary::of).collect();
            v.sort_by_key(|k| k.rag.severity());
            v
        })
    });
    let off_target = Memo::new(move |_| {
        kpis.with(|v| {
            v.iter()
                .filter(|k| matches!(k.rag, Rag::Red | Rag::Amber))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let glance = Memo::new(move |_| {
        let r = roll.get();
        Glance {
            actions: r.actions,
            kpis: r.kpis,
            exceptions: exc.with(Vec::len),
            overdue: late.with(Vec::len),
            score: health.with(|h| h.score),
            recent: recent.with(Vec::len),
        }
    });
    let by_priority = Memo::new(move |_| {
        let names: Vec<(String, String)> = app.plan.with(|p| {
            p.priorities
                .iter()
                .map(|x| {
                    (
                        x.id.to_string(),
                        format!("Priority {}: {}", x.number, x.title),
                    )
                })
                .collect()
        });
        roll.with(|r| ByPriority {
            actions: r.actions,
            kpis: r.kpis,
            priorities: r
                .priorities
                .iter()
                .zip(names)
                .map(|(pr, (id, name))| (id, name, pr.actions, pr.kpis))
                .collect(),
        })
    });

    view! {
        <div class="dashboard">
            <h1>"Dashboard"</h1>
            <AsAtBar as_at=as_at/>
            {move || glance_view(glance.get())}
            <section aria-labelledby="rag-by-priority">
                <h2 id="rag-by-priority">"RAG by priority"</h2>
                <p class="hint">"Each action counts by its latest progress update on or before the as-at date; each KPI by its latest rated period."</p>
                {move || {
                    let b = by_priority.get();
                    let rows = |kpis: bool| {
                        b.priorities
                            .iter()
                            .map(|(id, n, a, k)| (id.clone(), n.clone(), if kpis { *k } else { *a }))
                            .collect::<Vec<_>>()
                    };
                    view! {
                        <div class="rag-tables">
                            {counts_table("Actions by RAG", "actions", b.actions, rows(false))}
                            {counts_table("KPIs by RAG", "KPIs", b.kpis, rows(true))}
                        </div>
                    }
                }}
            </section>
            <section aria-labelledby="exceptions-heading">
                <h2 id="exceptions-heading">"Exceptions: red and amber"</h2>
                <AfterPaint>
                    {move || exceptions_view(exc.get(), as_at.get())}
                    {move || kpi_exceptions(off_target.get())}
                </AfterPaint>
            </section>
            <section aria-labelledby="overdue-heading">
                <h2 id="overdue-heading">"Overdue actions and milestones"</h2>
                <AfterPaint>{move || overdue_view(late.get(), as_at.get())}</AfterPaint>
            </section>
            <section aria-labelledby="recent-heading">
                <h2 id="recent-heading">"What changed recently"</h2>
                <AfterPaint>{move || recent_view(recent.get(), as_at.get(), latest.get())}</AfterPaint>
            </section>
            <section aria-labelledby="kpi-heading">
                <h2 id="kpi-heading">"KPIs: trend and direction of travel"</h2>
                <AfterPaint>{move || kpi_table(kpis.get())}</AfterPaint>
            </section>
            <section id="data-health" aria-labelledby="health-heading" tabindex="-1">
                <h2 id="health-heading">"Data health"</h2>
                <AfterPaint>{move || health_view(health.get(), stale_days.get(), as_at.get())}</AfterPaint>
            </section>
        </div>
    }
}

fn glance_view(g: Glance) -> impl IntoView {
    let tile = |label: String, value: String, note: String| {
        view! {
            <div class="tile">
                <dt>{label}</dt>
                <dd><span class="tile-value">{value}</span><span class="tile-note">{note}</span></dd>
            </div>
        }
    };
    view! {
        <dl class="glance" aria-label="At a glance">
            {tile("Actions".into(), g.actions.total().to_string(),
                format!("{} green, {} complete", g.actions.green, g.actions.blue))}
            {tile("Red or amber actions".into(), g.exceptions.to_string(),
                format!("{} red, {} amber", g.actions.red, g.actions.amber))}
            {tile("Overdue".into(), g.overdue.to_string(), "actions and milestones".into())}
            {tile("KPIs off target".into(), (g.kpis.red + g.kpis.amber).to_string(),
                format!("{} red, {} amber of {}", g.kpis.red, g.kpis.amber, g.kpis.total()))}
            {tile(format!("Updates in the last {RECENT_DAYS} days"), g.recent.to_string(), "progress updates".into())}
            {tile("Data health".into(), format!("{}/100", g.score), health_words(g.score).into())}
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
                            <PlanAnchorLink id=e.action.to_string()>{format!("{} {}", e.reference, e.title)}</PlanAnchorLink>
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

/// The red and amber KPIs (given in that order), with why and which way they go.
fn kpi_exceptions(off: Vec<KpiSummary>) -> impl IntoView {
    (!off.is_empty()).then(|| {
        view! {
            <h3>"KPIs off target"</h3>
            <ul class="exceptions" aria-label="Red and amber KPIs">
                {off.into_iter().map(|k| view! {
                    <li class=format!("exception exc-{}", k.rag.key())>
                        <p class="exc-head">
                            <RagBadge rag=k.rag/>" "
                            <KpiLink id=k.id.clone()>{k.name.clone()}</KpiLink>
                        </p>
                        <p class="exc-reason"><span class="exc-label">"Reason: "</span>{k.rating.clone()}</p>
                        <p class="meta">"Direction of travel: "<DirectionOfTravel direction=k.direction/></p>
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
        <TableRegion caption="Overdue actions and milestones" class="overdue-table">
                <thead><tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"What is overdue"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col" class="num">"Days late"</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|o| view! {
                        <tr>
                            <th scope="row"><PlanAnchorLink id=o.action.to_string()>{format!("{} {}", o.reference, crate::core::rollup::truncate(&o.title, 80))}</PlanAnchorLink></th>
                            <td>{match &o.milestone { Some(m) => format!("Milestone: {m}"), None => "The action".to_string() }}</td>
                            <td class="nowrap">{o.due.short()}</td>
                            <td class="num">{if o.days_late == 1 { "1 day".to_string() } else { format!("{} days", o.days_late) }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
</TableRegion>
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
                            follow_link(&ev, || router.replace_params(to.params.clone()))
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
                            {(!u.author.is_empty()).then(|| format!("{} · ", u.author))}
                            <PlanAnchorLink id=u.action.to_string()>{format!("{} {}", u.reference, crate::core::rollup::truncate(&u.title, 80))}</PlanAnchorLink>
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

/// Every KPI with its latest actual, RAG, sparkline and direction of travel (red
/// first, then amber).
fn kpi_table(list: Vec<KpiSummary>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="empty">"The plan has no KPIs yet."</p> }.into_any();
    }
    let any_corporate = list.iter().any(|k| k.corporate);
    view! {
        <p class="hint">"Red first, then amber. Select an indicator to see its chart and values."</p>
        {any_corporate.then(|| view! { <p class="legend">"* Corporate dashboard indicator"</p> })}
        <TableRegion caption="KPIs with trend and direction of travel" class="kpi-trend-table">
                <thead><tr>
                    <th scope="col">"Indicator"</th>
                    <th scope="col">"Latest"</th>
                    <th scope="col">"RAG"</th>
                    <th scope="col">"Trend"</th>
                    <th scope="col">"Direction of travel"</th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|k| {
                        let latest = match &k.latest_period {
                            Some(p) => format!("{} ({p})", k.latest),
                            None => "No value yet".to_string(),
                        };
                        let spark_label = format!("Trend of {}: {}", k.name, k.summary);
                        view! {
                            <tr>
                                <th scope="row">
                                    <KpiLink id=k.id.clone()>{k.name.clone()}</KpiLink>
                                    {k.corporate.then(|| view! { <span class="corp" title="Corporate dashboard indicator">" *"<span class="visually-hidden">" (corporate dashboard)"</span></span> })}
                                </th>
                                <td>{latest}</td>
                                <td><RagBadge rag=k.rag/><span class="visually-hidden">{format!(" {}", k.rating)}</span></td>
                                <td><Sparkline values=k.spark.clone() label=spark_label/></td>
                                <td><DirectionOfTravel direction=k.direction/><p class="meta small">{k.trend.clone()}</p></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
</TableRegion>
    }
    .into_any()
}

fn health_view(h: rollup::DataHealth, stale_days: u32, as_at: Date) -> impl IntoView {
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
                                    view! { <KpiLink id=g.id.clone()>{g.description.clone()}</KpiLink> }.into_any()
                                } else {
                                    view! { <PlanAnchorLink id=g.id.to_string()>{g.description.clone()}</PlanAnchorLink> }.into_any()
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
            <AppLink to=plan_form_location("details", &[])>"Change this on the plan details form"</AppLink>
        </p>
        {group(GapKind::StaleAction, "Stale actions")}
        {group(GapKind::KpiMissingLatest, "KPIs missing a value for their latest period")}
        {group(GapKind::NoLead, "Actions without a lead")}
        {group(GapKind::NoDueDate, "Actions without a due date")}
    }
}
