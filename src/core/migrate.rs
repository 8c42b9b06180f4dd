//! Format migrations: each step turns a plan of version N into version N+1, as JSON,
//! before it is decoded. Add a step here (and a fixture test) whenever the format
//! changes in a way old files would not decode into.

use serde_json::Value as Json;

/// Brings a plan object of `from` up to [`super::format::FORMAT_VERSION`].
pub fn migrate(mut plan: Json, from: u64) -> Result<Json, String> {
    let mut version = from;
    while version < super::format::FORMAT_VERSION {
        plan = match version {
            0 => v0_to_v1(plan)?,
            v => return Err(format!("format version {v} is not one Waymark ever wrote")),
        };
        version += 1;
    }
    Ok(plan)
}

/// Version 0 (early exports, a bare plan object) differed from version 1 in:
/// - `period` was one string; now `period_label` (with optional start and end);
/// - a KPI had one `source` string; now a `sources` list;
/// - an action had one `lead` string; now a `leads` list.
fn v0_to_v1(mut plan: Json) -> Result<Json, String> {
    let Some(obj) = plan.as_object_mut() else {
        return Err("its plan is not an object".into());
    };
    if let Some(p) = obj.remove("period") {
        obj.entry("period_label").or_insert(p);
    }
    if let Some(Json::Array(kpis)) = obj.get_mut("kpis") {
        for k in kpis.iter_mut().filter_map(Json::as_object_mut) {
            if let Some(s) = k.remove("source") {
                let list = match s {
                    Json::String(s) => s
                        .split([',', '/'])
                        .map(|x| Json::String(x.trim().to_string()))
                        .filter(|x| x.as_str() != Some(""))
                        .collect(),
                    _ => vec![],
                };
                k.entry("sources").or_insert(Json::Array(list));
            }
        }
    }
    if let Some(Json::Array(prios)) = obj.get_mut("priorities") {
        for p in prios.iter_mut().filter_map(Json::as_object_mut) {
            let mut lists: Vec<&mut Json> = vec![];
            if let Some(a) = p.get_mut("actions") {
                lists.push(a);
            }
            for list in lists {
                if let Json::Array(actions) = list {
                    for a in actions.iter_mut().filter_map(Json::as_object_mut) {
                        if let Some(Json::String(l)) = a.remove("lead") {
                            a.entry("leads")
                                .or_insert(Json::Array(vec![Json::String(l)]));
                        }
                    }
                }
            }
        }
    }
    Ok(plan)
}
