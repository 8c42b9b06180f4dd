//! The KPI trend chart: ECharts through `charming`, loaded lazily.
//!
//! `vendor/echarts.min.js` is fetched the first time a chart is shown (one
//! `<script>` element and one shared promise, however many charts ask). Each chart
//! element gets one ECharts instance (SVG renderer, better for print), created
//! once, updated in place with `WasmRenderer::update` when the KPI changes,
//! resized with the window, and disposed when the chart goes away.

use crate::core::kpi::{kpi_name, summary, target_words};
use crate::core::model::{Kpi, PeriodBasis, Unit};
use crate::core::value::{Target, Value};
use charming::component::{Axis, Grid, Legend};
use charming::element::{
    AxisType, Color, Formatter, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType,
    NameLocation, Symbol, Tooltip, Trigger,
};
use charming::series::{Line, Scatter};
use charming::{Chart, Echarts, WasmRenderer};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The one load of ECharts, shared by every chart.
    static ECHARTS: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

fn echarts_global() -> Option<JsValue> {
    js_sys::Reflect::get(&window(), &JsValue::from_str("echarts"))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A promise that settles when `window.echarts` is there (loading it once).
fn echarts_promise() -> js_sys::Promise {
    ECHARTS.with(|slot| {
        if let Some(p) = slot.borrow().as_ref() {
            return p.clone();
        }
        let p = if echarts_global().is_some() {
            js_sys::Promise::resolve(&JsValue::UNDEFINED)
        } else {
            js_sys::Promise::new(&mut |resolve, reject| {
                let doc = document();
                let Ok(script) = doc.create_element("script") else {
                    let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("no document"));
                    return;
                };
                let _ = script.set_attribute("src", "vendor/echarts.min.js");
                let _ = js_sys::Reflect::set(&script, &"onload".into(), &resolve);
                let _ = js_sys::Reflect::set(&script, &"onerror".into(), &reject);
                if let Some(head) = doc.head() {
                    let _ = head.append_child(&script);
                }
            })
        };
        *slot.borrow_mut() = Some(p.clone());
        p
    })
}

/// Waits for ECharts. A failed load may be retried by a later chart.
async fn load_echarts() -> Result<(), String> {
    let r = wasm_bindgen_futures::JsFuture::from(echarts_promise()).await;
    if r.is_err() || echarts_global().is_none() {
        ECHARTS.with(|slot| *slot.borrow_mut() = None);
        return Err("the chart library could not be loaded".into());
    }
    Ok(())
}

/// `echarts.init(el, null, {renderer: 'svg'})`.
fn init_chart(el: &web_sys::Element) -> Option<JsValue> {
    let ec = echarts_global()?;
    let init: js_sys::Function = js_sys::Reflect::get(&ec, &"init".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"renderer".into(), &"svg".into()).ok()?;
    init.call3(&ec, el, &JsValue::NULL, &opts).ok()
}

fn call_method(target: &JsValue, name: &str) {
    if let Ok(f) =
        js_sys::Reflect::get(target, &name.into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = f.call0(target);
    }
}

/// The y-axis title with its unit.
pub fn unit_title(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "Percentage (%)",
        Unit::Number => "Number",
        Unit::RatePer1000 => "Rate per 1,000",
        Unit::RatePer10000 => "Rate per 10,000",
        Unit::RatePer100000 => "Rate per 100,000",
        Unit::Days => "Days",
        Unit::Weeks => "Weeks",
        Unit::Pounds => "Pounds (£)",
        Unit::Score => "Score",
    }
}

fn basis_title(b: PeriodBasis) -> String {
    format!("Period ({})", b.label().to_lowercase())
}

fn num(v: Option<&Value>) -> Option<f64> {
    v.and_then(|v| v.value).filter(|x| x.is_finite())
}

/// The series of a KPI's chart, as (name, values): which exist depends on the data.
pub struct ChartData {
    pub periods: Vec<String>,
    pub actual: Vec<Option<f64>>,
    pub provisional: Vec<Option<f64>>,
    pub target: Vec<Option<f64>>,
    pub national: Vec<Option<f64>>,
    pub neighbours: Vec<Option<f64>>,
}

impl ChartData {
    pub fn of(k: &Kpi) -> ChartData {
        let s = &k.series;
        ChartData {
            periods: s.iter().map(|p| p.period.clone()).collect(),
            actual: s.iter().map(|p| num(p.actual.as_ref())).collect(),
            provisional: s
                .iter()
                .map(|p| {
                    num(p.actual.as_ref())
                        .filter(|_| p.actual.as_ref().is_some_and(|v| v.provisional))
                })
                .collect(),
            target: s
                .iter()
                .map(|p| p.target.as_ref().and_then(Target::number))
                .collect(),
            national: s.iter().map(|p| num(p.national.as_ref())).collect(),
            neighbours: s.iter().map(|p| num(p.neighbours.as_ref())).collect(),
        }
    }
}

fn points(v: &[Option<f64>]) -> Vec<charming::datatype::CompositeValue> {
    v.iter()
        .map(|x| match x {
            Some(x) => (*x).into(),
            None => "-".into(),
        })
        .collect()
}

fn any(v: &[Option<f64>]) -> bool {
    v.iter().any(Option::is_some)
}

/// The chart's option, and the names of its series (a change of those means the
/// chart is cleared before the update, so no stale series stays).
pub fn chart_option(k: &Kpi) -> (Chart, Vec<&'static str>) {
    let d = ChartData::of(k);
    let mut names = Vec::new();
    let mut chart = Chart::new()
        .animation(false)
        .color(vec![
            Color::from("#1d4f91"),
            Color::from("#1d4f91"),
            Color::from("#0b0c0c"),
            Color::from("#8a4b00"),
            Color::from("#1b6b35"),
        ])
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0).left("center"))
        .grid(Grid::new().left(64).right(24).top(48).bottom(56))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(d.periods.clone())
                .name(basis_title(k.period_basis))
                .name_location(NameLocation::Middle)
                .name_gap(32),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .scale(true)
                .name(unit_title(k.unit))
                .name_location(NameLocation::Middle)
                .name_gap(44),
        );
    if any(&d.actual) {
        names.push("Actual");
        chart = chart.series(
            Line::new()
                .name("Actual")
                .symbol(Symbol::Circle)
                .symbol_size(8)
                .connect_nulls(true)
                .line_style(
                    LineStyle::new()
                        .width(3)
                        .type_(LineStyleType::Solid)
                        .color("#1d4f91"),
                )
                .item_style(ItemStyle::new().color("#1d4f91"))
                .data(points(&d.actual)),
        );
    }
    if any(&d.provisional) {
        names.push("Actual (provisional)");
        chart = chart.series(
            Scatter::new()
                .name("Actual (provisional)")
                .symbol(Symbol::Custom("emptyTriangle".into()))
                .symbol_size(16)
                .item_style(ItemStyle::new().color("#1d4f91").border_width(2))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Bottom)
                        .formatter(Formatter::String("{c} (provisional)".into()))
                        .color("#0b0c0c"),
                )
                .data(points(&d.provisional)),
        );
    }
    if any(&d.target) {
        names.push("Target");
        chart = chart.series(
            Line::new()
                .name("Target")
                .symbol(Symbol::Rect)
                .symbol_size(9)
                .connect_nulls(true)
                .line_style(
                    LineStyle::new()
                        .width(2)
                        .type_(LineStyleType::Dashed)
                        .color("#0b0c0c"),
                )
                .item_style(ItemStyle::new().color("#0b0c0c"))
                .data(points(&d.target)),
        );
    }
    if any(&d.national) {
        names.push("National average");
        chart = chart.series(
            Line::new()
                .name("National average")
                .symbol(Symbol::Diamond)
                .symbol_size(11)
                .connect_nulls(true)
                .line_style(
                    LineStyle::new()
                        .width(2)
                        .type_(LineStyleType::Dotted)
                        .color("#8a4b00"),
                )
                .item_style(ItemStyle::new().color("#8a4b00"))
                .data(points(&d.national)),
        );
    }
    if any(&d.neighbours) {
        names.push("Statistical neighbours");
        chart = chart.series(
            Line::new()
                .name("Statistical neighbours")
                .symbol(Symbol::Pin)
                .symbol_size(13)
                .connect_nulls(true)
                .line_style(
                    LineStyle::new()
                        .width(1)
                        .type_(LineStyleType::Dashed)
                        .color("#1b6b35"),
                )
                .item_style(ItemStyle::new().color("#1b6b35"))
                .data(points(&d.neighbours)),
        );
    }
    (chart, names)
}

/// The trend chart of a KPI: title, text summary, the chart, and its data as a table.
#[component]
pub fn TrendChart(kpi: Memo<Option<Kpi>>) -> impl IntoView {
    let el = NodeRef::<leptos::html::Div>::new();
    let instance = StoredValue::new_local(None::<JsValue>);
    let last_names = StoredValue::new_local(Vec::<&'static str>::new());
    let ready = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let started = StoredValue::new(false);
    let alive = StoredValue::new(true);
    let show_table = RwSignal::new(false);
    let title = Memo::new(move |_| {
        kpi.with(|k| {
            k.as_ref()
                .map(|k| format!("Trend of {}", kpi_name(k)))
                .unwrap_or_default()
        })
    });
    let text = Memo::new(move |_| kpi.with(|k| k.as_ref().map(summary).unwrap_or_default()));

    // Create the instance once, when the element is there.
    Effect::new(move |_| {
        let Some(div) = el.get() else { return };
        if started.get_value() {
            return;
        }
        started.set_value(true);
        let div: web_sys::Element = div.into();
        leptos::task::spawn_local(async move {
            match load_echarts().await {
                Ok(()) => {
                    if !alive.try_get_value().unwrap_or(false) {
                        return;
                    }
                    match init_chart(&div) {
                        Some(i) => {
                            instance.set_value(Some(i));
                            ready.set(true);
                        }
                        None => failed.set(Some("The chart could not be drawn.".into())),
                    }
                }
                Err(e) => failed.set(Some(format!(
                    "The chart could not be shown: {e}. The values are in the table below."
                ))),
            }
        });
    });

    // Update in place whenever the KPI changes.
    Effect::new(move |_| {
        let option = kpi.with(|k| k.as_ref().map(chart_option));
        if !ready.get() {
            return;
        }
        let Some((chart, names)) = option else { return };
        instance.with_value(|i| {
            if let Some(i) = i {
                if last_names.with_value(|n| *n != names) {
                    call_method(i, "clear");
                    last_names.set_value(names);
                }
                WasmRenderer::update(i.unchecked_ref::<Echarts>(), &chart);
            }
        });
    });

    let resize = move || {
        let _ = instance.try_with_value(|i| {
            if let Some(i) = i {
                call_method(i, "resize");
            }
        });
    };
    let h1 = window_event_listener(leptos::ev::resize, move |_| resize());
    let h2 = window_event_listener_untyped("orientationchange", move |_| resize());
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        alive.set_value(false);
        let _ = instance.try_update_value(|i| {
            if let Some(i) = i.take() {
                call_method(&i, "dispose");
            }
        });
    });

    view! {
        <figure class="trend-chart" aria-labelledby="trend-title">
            <h2 id="trend-title">{move || title.get()}</h2>
            <p class="chart-summary" id="trend-summary">{move || text.get()}</p>
            {move || failed.get().map(|e| view! { <p class="field-warning">{e}</p> })}
            <div class="chart-box" node_ref=el role="img" aria-label=move || format!("{}. {}", title.get(), text.get())></div>
            <p class="chart-key">"Key: actual — solid line, circles; provisional actual — hollow triangle; target — dashed line, squares; national average (NA) — dotted line, diamonds; statistical neighbours (SN) — thin dashed line, pins."</p>
            <button type="button" class="secondary" aria-expanded=move || if show_table.get() { "true" } else { "false" }
                aria-controls="trend-data" on:click=move |_| show_table.update(|s| *s = !*s)>
                {move || if show_table.get() { "Hide data table" } else { "Show data as a table" }}
            </button>
            <div id="trend-data">
                {move || show_table.get().then(|| kpi.with(|k| k.as_ref().map(data_table)))}
            </div>
        </figure>
    }
}

fn cell(v: Option<&Value>, d: u8) -> String {
    v.map(|v| v.display(Some(d))).unwrap_or_else(|| "—".into())
}

fn data_table(k: &Kpi) -> AnyView {
    let d = k.decimals;
    let rows = k
        .series
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.period.clone()}</th>
                    <td class="num">{cell(p.actual.as_ref(), d)}</td>
                    <td class="num">{p.target.as_ref().map(|t| target_words(t, d)).unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{cell(p.national.as_ref(), d)}</td>
                    <td class="num">{cell(p.neighbours.as_ref(), d)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-label="Chart data" tabindex="0">
            <table class="chart-data">
                <caption>{format!("Chart data: {} ({})", kpi_name(k), k.unit.label())}</caption>
                <thead><tr>
                    <th scope="col">"Period"</th><th scope="col">"Actual"</th><th scope="col">"Target"</th>
                    <th scope="col">"National average"</th><th scope="col">"Statistical neighbours"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
