//! CSV export of the KPI table: RFC 4180, UTF-8 with a byte-order mark so Excel
//! opens it right, one row per KPI and period.
//!
//! Written by the `csv` crate's writer and read back by the same crate's reader
//! ([`super::grid::records`], which the spreadsheet paste uses), so what is
//! written here reads back the same.
//!
//! Cell rules of the export: numbers unformatted ("1234.5", no thousands
//! separators, no unit); a value that is not available is written as its label
//! ("Not yet available"); whether the actual is provisional is its own column
//! ("yes" or blank); a relative or text target is written in the plan's words.
//! A KPI with no periods still gets one row, with the period columns blank.
//!
//! Plain numbers cannot hold everything a plan can: a comparator's provisional
//! mark, a count beside a percentage ("12 (23.1%)" is written 23.1), a value's
//! note ("as at Jul 09") and a numeric target's note ("by Dec 2010") are left
//! out. Everything else reads back through the paste ([`super::paste`]) as it was.

use super::model::{Kpi, Plan};
use super::value::{Target, Value};

/// The header row of [`kpis_to_csv`].
pub const HEADERS: [&str; 15] = [
    "Code",
    "Title",
    "Sources",
    "Unit",
    "Polarity",
    "Responsible officer",
    "Period",
    "Actual",
    "Actual provisional",
    "National average",
    "Statistical neighbours",
    "Region",
    "Target",
    "Priority",
    "Outcome",
];

/// The KPI table as CSV text (starting with the BOM). Columns: code, title, sources,
/// unit, polarity, responsible officer, period, actual, actual provisional, NA, SN,
/// region, target, plus the priority/outcome reference.
pub fn kpis_to_csv(plan: &Plan) -> String {
    let mut rows: Vec<Vec<String>> = vec![HEADERS.iter().map(|h| h.to_string()).collect()];
    for kpi in &plan.kpis {
        let (priority, outcome) = references(plan, kpi);
        let fixed = [
            kpi.code.clone(),
            kpi.title.clone(),
            kpi.sources.join("; "),
            kpi.unit.label().to_string(),
            kpi.polarity.label().to_string(),
            kpi.responsible_officer.clone(),
        ];
        if kpi.series.is_empty() {
            let mut row: Vec<String> = fixed.to_vec();
            row.extend(std::iter::repeat_n(String::new(), 7));
            row.extend([priority.clone(), outcome.clone()]);
            rows.push(row);
            continue;
        }
        for p in &kpi.series {
            let mut row: Vec<String> = fixed.to_vec();
            let provisional = p
                .actual
                .as_ref()
                .is_some_and(|v| v.provisional && v.is_available());
            row.extend([
                p.period.clone(),
                value_cell(p.actual.as_ref()),
                if provisional { "yes" } else { "" }.to_string(),
                value_cell(p.national.as_ref()),
                value_cell(p.neighbours.as_ref()),
                value_cell(p.region.as_ref()),
                target_cell(p.target.as_ref()),
                priority.clone(),
                outcome.clone(),
            ]);
            rows.push(row);
        }
    }
    format!("\u{feff}{}", csv_text(&rows))
}

/// Records as CSV text, RFC 4180 style, by the `csv` crate: a field is quoted
/// when it holds a comma, a quote, CR or LF (quotes doubled); each record ends
/// with CRLF. Records may differ in length.
pub fn csv_text(records: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for r in records {
        // Writing to memory cannot fail.
        writer.write_record(r).expect("CSV into memory");
    }
    let bytes = writer.into_inner().expect("CSV into memory");
    // Every field was a String, so the bytes are UTF-8.
    String::from_utf8(bytes).expect("CSV of strings is UTF-8")
}

/// The priority and outcome numbers a KPI is attached to (the id if the number is
/// blank or the priority / outcome is not found).
fn references(plan: &Plan, kpi: &Kpi) -> (String, String) {
    let priority = kpi.priority_id.as_ref().map(|id| {
        plan.priority(id)
            .map(|p| p.number.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    });
    let outcome = kpi.outcome_id.as_ref().map(|id| {
        plan.priorities
            .iter()
            .flat_map(|p| p.outcomes.iter())
            .find(|o| &o.id == id)
            .map(|o| o.number.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    });
    (priority.unwrap_or_default(), outcome.unwrap_or_default())
}

/// A number as plain text: shortest exact form, no separators ("53.7", "2170").
pub fn plain_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v}");
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

fn value_cell(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(v) => match v.value {
            Some(x) => plain_number(x),
            None => v
                .label
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .unwrap_or("Not available")
                .to_string(),
        },
    }
}

fn target_cell(t: Option<&Target>) -> String {
    match t {
        None => String::new(),
        Some(Target::Value { value, .. }) => plain_number(*value),
        Some(Target::Relative { text, .. }) | Some(Target::Text { text }) => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::example::example_plan;
    use crate::core::grid::records;
    use crate::core::model::{Id, PeriodValues, Priority};
    use crate::core::value::Relation;
    use proptest::prelude::*;

    fn plan_with(kpi: Kpi) -> Plan {
        Plan {
            kpis: vec![kpi],
            ..Plan::default()
        }
    }

    #[test]
    fn starts_with_bom_and_header_with_crlf() {
        let csv = kpis_to_csv(&Plan::default());
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(
            csv,
            "\u{feff}Code,Title,Sources,Unit,Polarity,Responsible officer,Period,Actual,\
             Actual provisional,National average,Statistical neighbours,Region,Target,\
             Priority,Outcome\r\n"
        );
    }

    #[test]
    fn one_row_per_period_with_values_unformatted() {
        let kpi = Kpi {
            code: "NI 111".into(),
            title: "First time entrants, per 100,000".into(),
            sources: vec!["NI".into(), "LAA".into()],
            series: vec![
                PeriodValues {
                    period: "2007/8".into(),
                    actual: Some(Value::number(2170.0)),
                    ..Default::default()
                },
                PeriodValues {
                    period: "2009/10".into(),
                    actual: Some(Value::provisional(1234.5)),
                    national: Some(Value::not_available("Not yet available")),
                    neighbours: Some(Value::number(0.1)),
                    target: Some(Target::Relative {
                        relation: Relation::InLineWithNational,
                        text: "In line with \"national\"".into(),
                    }),
                    ..Default::default()
                },
            ],
            ..Kpi::default()
        };
        let csv = kpis_to_csv(&plan_with(kpi));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 4); // header, 2 rows, final empty
        assert_eq!(
            lines[1],
            "NI 111,\"First time entrants, per 100,000\",NI; LAA,%,Higher is better,,2007/8,2170,,,,,,,"
        );
        assert_eq!(
            lines[2],
            "NI 111,\"First time entrants, per 100,000\",NI; LAA,%,Higher is better,,2009/10,1234.5,yes,Not yet available,0.1,,\"In line with \"\"national\"\"\",,"
        );
        assert_eq!(lines[3], "");
    }

    #[test]
    fn kpi_without_periods_gets_one_row_and_references() {
        let mut plan = plan_with(Kpi {
            code: "X1".into(),
            title: "Line\nbreak".into(),
            priority_id: Some(Id::new("p4")),
            ..Kpi::default()
        });
        plan.priorities.push(Priority {
            id: Id::new("p4"),
            number: "4".into(),
            ..Priority::default()
        });
        let csv = kpis_to_csv(&plan);
        assert!(csv.ends_with("X1,\"Line\nbreak\",,%,Higher is better,,,,,,,,,4,\r\n"));
    }

    #[test]
    fn not_available_without_label_and_numeric_target_note() {
        let kpi = Kpi {
            series: vec![PeriodValues {
                period: "2010/11".into(),
                actual: Some(Value::default()),
                target: Some(Target::Value {
                    value: 5.1,
                    note: Some("by Dec 2010".into()),
                }),
                ..Default::default()
            }],
            ..Kpi::default()
        };
        let csv = kpis_to_csv(&plan_with(kpi));
        assert!(
            csv.contains(",2010/11,Not available,,,,,5.1,,\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn example_plan_exports_and_reads_back() {
        let plan = example_plan().plan;
        let csv = kpis_to_csv(&plan);
        let records = records(csv.strip_prefix('\u{feff}').unwrap(), b',');
        let rows: usize = plan.kpis.iter().map(|k| k.series.len().max(1)).sum();
        assert_eq!(records.len(), rows + 1);
        assert!(records.iter().all(|r| r.len() == HEADERS.len()));
        let ni72: Vec<&Vec<String>> = records.iter().filter(|r| r[0] == "NI 72").collect();
        assert_eq!(ni72.len(), 4);
        assert_eq!(ni72[2][6], "2009/10");
        assert_eq!(ni72[2][7], "53.7");
        assert_eq!(ni72[2][8], "yes");
        assert_eq!(ni72[2][9], "Not yet available");
        assert_eq!(ni72[2][12], "54");
        assert_eq!(ni72[2][13], "4");
        assert_eq!(ni72[2][14], "4");
        let ni111 = records.iter().find(|r| r[0] == "NI 111").unwrap();
        assert_eq!(ni111[7], "2170");
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let rows = vec![
            vec!["a".to_string(), "b,c".into(), "d \"e\"".into()],
            vec![
                "x\r\ny".to_string(),
                "".into(),
                "z\nw".into(),
                "tab\tok".into(),
            ],
            vec!["".to_string()],
        ];
        assert_eq!(
            csv_text(&rows),
            "a,\"b,c\",\"d \"\"e\"\"\"\r\n\"x\r\ny\",,\"z\nw\",tab\tok\r\n\"\"\r\n"
        );
        assert_eq!(csv_text(&[]), "");
    }

    proptest! {
        #[test]
        fn quoting_round_trips(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z ,\"\r\n\t]{0,8}", 1..5), 1..5)) {
            // Written by csv_text, read back by the paste's reader: the same records.
            let text = csv_text(&rows);
            let back = records(&text, b',');
            prop_assert_eq!(back, rows);
        }
    }
}
