//! The columns of a KPI table in the plan document, in the seed's layout:
//! baseline, then for each period its actual, national average (NA), statistical
//! neighbours (SN) and region, then the targets by period.
//!
//! Only columns that hold something for at least one KPI of the table are shown.

use super::model::{Kpi, PeriodValues};
use super::value::{Target, Value};

/// What a column of a KPI table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Actual,
    National,
    Neighbours,
    Region,
    Target,
}

impl ColumnKind {
    /// Short heading prefix, as the seed's tables print it ("NA 2008/9").
    pub fn short(self) -> &'static str {
        match self {
            ColumnKind::Actual => "Actual",
            ColumnKind::National => "NA",
            ColumnKind::Neighbours => "SN",
            ColumnKind::Region => "Region",
            ColumnKind::Target => "Target",
        }
    }
    /// Full words, for screen readers and tooltips.
    pub fn long(self) -> &'static str {
        match self {
            ColumnKind::Actual => "Actual",
            ColumnKind::National => "National average",
            ColumnKind::Neighbours => "Statistical neighbours",
            ColumnKind::Region => "Region",
            ColumnKind::Target => "Target",
        }
    }
}

/// One period column of a KPI table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub period: String,
    pub kind: ColumnKind,
}

/// A cell: a value, a target, or blank.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Value(&'a Value),
    Target(&'a Target),
    Blank,
}

fn period_of<'a>(k: &'a Kpi, period: &str) -> Option<&'a PeriodValues> {
    k.series.iter().find(|p| p.period == period)
}

/// Periods of all the KPIs, oldest first: ordered by the year in the label (and
/// the quarter, if any), otherwise in the order first seen.
pub fn periods(kpis: &[&Kpi]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in kpis {
        for p in &k.series {
            if !out.contains(&p.period) {
                out.push(p.period.clone());
            }
        }
    }
    out.sort_by_key(|label| period_sort_key(label));
    out
}

/// A key that orders period labels in time: "2008/9" < "Q2 2009/10" < "2010/11".
pub fn period_sort_key(label: &str) -> (i32, u8) {
    let bytes = label.as_bytes();
    let mut year = i32::MAX;
    let mut i = 0;
    while i + 4 <= bytes.len() {
        if bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
        {
            year = label[i..i + 4].parse().unwrap_or(i32::MAX);
            break;
        }
        i += 1;
    }
    let lower = label.to_ascii_lowercase();
    let sub = ["q1", "q2", "q3", "q4"]
        .iter()
        .position(|q| lower.contains(q))
        .map(|q| q as u8 + 1)
        .unwrap_or(0);
    (year, sub)
}

/// The columns to show for these KPIs.
pub fn columns(kpis: &[&Kpi]) -> Vec<Column> {
    let periods = periods(kpis);
    let mut cols = Vec::new();
    let any = |period: &str, kind: ColumnKind| {
        kpis.iter().any(|k| {
            let Some(p) = period_of(k, period) else {
                return false;
            };
            match kind {
                ColumnKind::Actual => {
                    // An actual that is only the baseline again is shown in the baseline column.
                    p.actual.is_some()
                        && !(k.baseline.period == period && k.baseline.value == p.actual)
                }
                ColumnKind::National => p.national.is_some(),
                ColumnKind::Neighbours => p.neighbours.is_some(),
                ColumnKind::Region => p.region.is_some(),
                ColumnKind::Target => p.target.is_some(),
            }
        })
    };
    for period in &periods {
        for kind in [
            ColumnKind::Actual,
            ColumnKind::National,
            ColumnKind::Neighbours,
            ColumnKind::Region,
        ] {
            if any(period, kind) {
                cols.push(Column {
                    period: period.clone(),
                    kind,
                });
            }
        }
    }
    for period in &periods {
        if any(period, ColumnKind::Target) {
            cols.push(Column {
                period: period.clone(),
                kind: ColumnKind::Target,
            });
        }
    }
    cols
}

/// What a KPI shows in a column.
pub fn cell<'a>(k: &'a Kpi, col: &Column) -> Cell<'a> {
    let Some(p) = period_of(k, &col.period) else {
        return Cell::Blank;
    };
    let v = match col.kind {
        ColumnKind::Actual => p.actual.as_ref(),
        ColumnKind::National => p.national.as_ref(),
        ColumnKind::Neighbours => p.neighbours.as_ref(),
        ColumnKind::Region => p.region.as_ref(),
        ColumnKind::Target => return p.target.as_ref().map(Cell::Target).unwrap_or(Cell::Blank),
    };
    v.map(Cell::Value).unwrap_or(Cell::Blank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Baseline;

    fn kpi(series: Vec<PeriodValues>) -> Kpi {
        Kpi {
            baseline: Baseline {
                period: "2007/8".into(),
                value: Some(Value::number(48.8)),
            },
            series,
            ..Kpi::default()
        }
    }

    #[test]
    fn seed_layout_baseline_then_periods_then_targets() {
        let k = kpi(vec![
            PeriodValues {
                period: "2007/8".into(),
                actual: Some(Value::number(48.8)),
                ..Default::default()
            },
            PeriodValues {
                period: "2008/9".into(),
                actual: Some(Value::number(52.9)),
                national: Some(Value::number(49.0)),
                ..Default::default()
            },
            PeriodValues {
                period: "2009/10".into(),
                actual: Some(Value::provisional(53.7)),
                national: Some(Value::not_available("Not yet available")),
                neighbours: Some(Value::not_available("Not yet available")),
                target: Some(Target::value(54.0)),
                ..Default::default()
            },
            PeriodValues {
                period: "2010/11".into(),
                target: Some(Target::value(55.0)),
                ..Default::default()
            },
        ]);
        let cols = columns(&[&k]);
        let names: Vec<String> = cols
            .iter()
            .map(|c| format!("{} {}", c.kind.short(), c.period))
            .collect();
        assert_eq!(
            names,
            [
                "Actual 2008/9",
                "NA 2008/9",
                "Actual 2009/10",
                "NA 2009/10",
                "SN 2009/10",
                "Target 2009/10",
                "Target 2010/11"
            ]
        );
        assert_eq!(cell(&k, &cols[2]), Cell::Value(&Value::provisional(53.7)));
    }

    #[test]
    fn periods_merge_in_order() {
        let a = kpi(vec![
            PeriodValues {
                period: "2008/9".into(),
                ..Default::default()
            },
            PeriodValues {
                period: "2009/10".into(),
                ..Default::default()
            },
        ]);
        let b = kpi(vec![
            PeriodValues {
                period: "2007/8".into(),
                ..Default::default()
            },
            PeriodValues {
                period: "2008/9".into(),
                ..Default::default()
            },
            PeriodValues {
                period: "2010/11".into(),
                ..Default::default()
            },
        ]);
        assert_eq!(
            periods(&[&a, &b]),
            ["2007/8", "2008/9", "2009/10", "2010/11"]
        );
    }
}
