//! The KPI form: every definition field and the period grid, whose cells take the
//! plans' own wording ("53.7 (p)", "Not yet available", "In line with national"),
//! read with [`crate::core::value`].
//!
//! Fields and their report names: "code", "sources", "title", "section", "unit",
//! "decimals", "polarity", "tolerance_kind", "tolerance", "responsible_officer",
//! "period_basis", "period_note", "baseline_period", "baseline_value", "link",
//! "corporate_dashboard", "notes", and for each grid row `i` (from 0)
//! "series[i].period", "series[i].actual", "series[i].national",
//! "series[i].neighbours", "series[i].region", "series[i].target".

use super::{check, gone, lines, merge, next_row, FormDraft, Now, Placement, RowKey, Saved};
use crate::core::csv::plain_number;
use crate::core::edit::{upsert_kpi, IdGen};
use crate::core::model::{
    Baseline, Id, Kpi, PeriodBasis, PeriodValues, Plan, Polarity, Tolerance, Unit,
};
use crate::core::validate::{validate_kpi, FieldProblem, Report};
use crate::core::value::{parse_number, parse_target, parse_value, Target, Value};

/// The grid's columns: the name in a field's name ("series[0].actual") and the
/// words shown for it. The period first, then the values, the target last.
pub const COLUMNS: [(&str, &str); 6] = [
    ("period", "Period"),
    ("actual", "Actual"),
    ("national", "National average (NA)"),
    ("neighbours", "Statistical neighbours (SN)"),
    ("region", "Region"),
    ("target", "Target"),
];

/// The field name of a grid cell: "series[2].actual".
pub fn cell_name(row: usize, col: usize) -> String {
    format!("series[{row}].{}", COLUMNS[col].0)
}

/// A value as it is typed in the period grid, so it reads back the same with
/// [`parse_value`]: "53.7 (p)", "12 (23.1%)", "Not yet available".
pub fn value_text(v: Option<&Value>) -> String {
    let Some(v) = v else { return String::new() };
    let Some(x) = v.value.filter(|x| x.is_finite()) else {
        return v
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .unwrap_or("Not available")
            .to_string();
    };
    let n = plain_number(x);
    let mut s = match v.count {
        Some(c) => format!("{} ({n}%)", plain_number(c)),
        None => n,
    };
    let note = v.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if v.provisional {
        s.push_str(" (p)");
        if let Some(n) = note {
            s.push(' ');
            s.push_str(n);
        }
    } else if let Some(n) = note {
        if v.count.is_some() {
            s.push(' ');
            s.push_str(n);
        } else {
            s.push_str(&format!(" ({n})"));
        }
    }
    s
}

/// A target as it is typed in the period grid ("54", "In line with national").
pub fn target_text(t: Option<&Target>) -> String {
    match t {
        None => String::new(),
        Some(Target::Value { value, note }) => {
            let n = plain_number(*value);
            match note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(note) => format!("{n} ({note})"),
                None => n,
            }
        }
        Some(Target::Relative { text, .. }) | Some(Target::Text { text }) => text.clone(),
    }
}

/// The period after "2009/10" ("2010/11"; "2008/9" → "2009/10"), "2010" → "2011",
/// else blank.
pub fn next_period(last: &str) -> String {
    let t = last.trim();
    if let Some((a, _)) = t.split_once('/') {
        if let Ok(y) = a.trim().parse::<i32>() {
            let n = y + 1;
            let end = (n + 1) % 100;
            return if (n + 1) % 10 == 0 || end >= 10 {
                format!("{n}/{end:02}")
            } else {
                format!("{n}/{}", end % 10)
            };
        }
    }
    match t.parse::<i32>() {
        Ok(y) => (y + 1).to_string(),
        Err(_) => String::new(),
    }
}

/// How the amber tolerance is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToleranceKind {
    /// The default: 5 % of the target.
    #[default]
    Default,
    /// A percent of the target.
    Percent,
    /// In the KPI's own unit.
    Absolute,
}

impl ToleranceKind {
    pub const ALL: [ToleranceKind; 3] = [
        ToleranceKind::Default,
        ToleranceKind::Percent,
        ToleranceKind::Absolute,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ToleranceKind::Default => "default",
            ToleranceKind::Percent => "percent",
            ToleranceKind::Absolute => "absolute",
        }
    }

    /// Reads a key (trimmed); anything else is the default.
    pub fn from_key(s: &str) -> ToleranceKind {
        ToleranceKind::ALL
            .into_iter()
            .find(|k| k.key() == s.trim())
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            ToleranceKind::Default => "Default (5% of the target)",
            ToleranceKind::Percent => "Percent of the target",
            ToleranceKind::Absolute => "In the KPI's own unit",
        }
    }
}

/// A row of the period grid as typed: the cells of [`COLUMNS`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodDraft {
    pub row: RowKey,
    pub cells: [String; 6],
    /// The period as the form opened it. A cell left as it was keeps its value
    /// exactly: a few values the plans write read back otherwise from their typed
    /// form ("3 (30%)" with its note, a target "National average by Dec 2010").
    opened: Option<PeriodValues>,
}

impl PeriodDraft {
    /// The value of a value cell (1–4): as the form opened it when the cell still
    /// shows that, else read from the text (`Err` with the reason it cannot be).
    fn value(&self, c: usize) -> Result<Option<Value>, String> {
        let opened = self.opened.as_ref().map(|o| match c {
            1 => &o.actual,
            2 => &o.national,
            3 => &o.neighbours,
            _ => &o.region,
        });
        match opened {
            Some(v) if value_text(v.as_ref()) == self.cells[c] => Ok(v.clone()),
            _ => parse_value(&self.cells[c]),
        }
    }

    /// The target: as the form opened it when the cell still shows that, else read.
    fn target(&self) -> Option<Target> {
        match &self.opened {
            Some(o) if target_text(o.target.as_ref()) == self.cells[5] => o.target.clone(),
            _ => parse_target(&self.cells[5]),
        }
    }
}

/// The KPI form as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiDraft {
    /// The KPI edited; None for a new one.
    pub id: Option<Id>,
    pub code: String,
    /// One a line.
    pub sources: String,
    pub title: String,
    pub section: String,
    pub unit: Unit,
    /// A whole number from 0 to 6.
    pub decimals: String,
    pub polarity: Polarity,
    pub tolerance_kind: ToleranceKind,
    /// A number (unused when the kind is the default).
    pub tolerance: String,
    pub responsible_officer: String,
    pub period_basis: PeriodBasis,
    pub period_note: String,
    pub baseline_period: String,
    pub baseline_value: String,
    /// The priority or outcome the KPI evidences; None: not linked.
    pub link: Option<Placement>,
    pub corporate_dashboard: bool,
    pub notes: String,
    pub series: Vec<PeriodDraft>,
    /// The key the next added row gets.
    next_row: u32,
    /// The baseline value as the form opened it (kept while its text is unchanged).
    opened_baseline: Option<Value>,
}

impl From<&Kpi> for KpiDraft {
    fn from(k: &Kpi) -> KpiDraft {
        let mut next = 0;
        let series = k
            .series
            .iter()
            .map(|p| PeriodDraft {
                row: next_row(&mut next),
                cells: [
                    p.period.clone(),
                    value_text(p.actual.as_ref()),
                    value_text(p.national.as_ref()),
                    value_text(p.neighbours.as_ref()),
                    value_text(p.region.as_ref()),
                    target_text(p.target.as_ref()),
                ],
                opened: Some(p.clone()),
            })
            .collect();
        let (tolerance_kind, tolerance) = match k.tolerance {
            None => (ToleranceKind::Default, String::new()),
            Some(Tolerance::Percent(x)) => (ToleranceKind::Percent, plain_number(x)),
            Some(Tolerance::Absolute(x)) => (ToleranceKind::Absolute, plain_number(x)),
        };
        KpiDraft {
            id: Some(k.id.clone()),
            code: k.code.clone(),
            sources: k.sources.join("\n"),
            title: k.title.clone(),
            section: k.section.clone(),
            unit: k.unit,
            decimals: k.decimals.to_string(),
            polarity: k.polarity,
            tolerance_kind,
            tolerance,
            responsible_officer: k.responsible_officer.clone(),
            period_basis: k.period_basis,
            period_note: k.period_note.clone(),
            baseline_period: k.baseline.period.clone(),
            baseline_value: value_text(k.baseline.value.as_ref()),
            link: k.priority_id.as_ref().map(|p| Placement {
                priority: p.clone(),
                outcome: k.outcome_id.clone(),
            }),
            corporate_dashboard: k.corporate_dashboard,
            notes: k.notes.clone(),
            series,
            next_row: next,
            opened_baseline: k.baseline.value.clone(),
        }
    }
}

impl Default for KpiDraft {
    /// A new KPI, with the defaults of a KPI (percent, 0 decimal places, higher is
    /// better, the default tolerance, no periods).
    fn default() -> KpiDraft {
        KpiDraft {
            id: None,
            ..KpiDraft::from(&Kpi::default())
        }
    }
}

impl KpiDraft {
    /// A new KPI: [`KpiDraft::default`].
    pub fn new() -> KpiDraft {
        KpiDraft::default()
    }

    /// The draft of the KPI with this id, if it is in the plan.
    pub fn of(plan: &Plan, id: &Id) -> Option<KpiDraft> {
        plan.kpi(id).map(KpiDraft::from)
    }

    pub fn is_new(&self) -> bool {
        self.id.is_none()
    }

    /// The row with this key.
    pub fn period_mut(&mut self, row: RowKey) -> Option<&mut PeriodDraft> {
        self.series.iter_mut().find(|p| p.row == row)
    }

    /// Adds an empty row at the end, its period the one after the last row's
    /// ([`next_period`]); returns its key.
    pub fn add_period(&mut self) -> RowKey {
        let period = self
            .series
            .last()
            .map(|p| next_period(&p.cells[0]))
            .unwrap_or_default();
        let row = self.push_row();
        if let Some(p) = self.series.last_mut() {
            p.cells[0] = period;
        }
        row
    }

    fn push_row(&mut self) -> RowKey {
        let row = next_row(&mut self.next_row);
        self.series.push(PeriodDraft {
            row,
            ..PeriodDraft::default()
        });
        row
    }

    /// Removes a row.
    pub fn remove_period(&mut self, row: RowKey) {
        self.series.retain(|p| p.row != row);
    }

    /// Pastes a block copied from a spreadsheet (cells separated by tabs, rows by
    /// new lines) with its first cell at row `row`, column `col` (indexes on
    /// screen): each cell trimmed, rows added at the end as needed, cells past the
    /// last column dropped.
    pub fn paste(&mut self, row: usize, col: usize, text: &str) {
        let text = text.trim_end_matches(['\r', '\n']);
        for (i, line) in text.split('\n').enumerate() {
            while self.series.len() <= row + i {
                self.push_row();
            }
            let cells = line.trim_end_matches('\r').split('\t');
            for (j, cell) in cells.enumerate() {
                if let Some(slot) = self.series[row + i].cells.get_mut(col + j) {
                    *slot = cell.trim().to_string();
                }
            }
        }
    }

    /// The grid's rows as periods, with each cell that cannot be read reported:
    /// "Actual for 2010/11: …" (or "… for row 3: …" when the row has no period).
    fn read_series(&self, r: &mut Report) -> Vec<PeriodValues> {
        let mut series = Vec::new();
        for (i, g) in self.series.iter().enumerate() {
            let mut value = |c: usize| match g.value(c) {
                Ok(v) => v,
                Err(e) => {
                    let period = g.cells[0].trim();
                    let at = if period.is_empty() {
                        format!("row {}", i + 1)
                    } else {
                        period.to_string()
                    };
                    r.error(cell_name(i, c), format!("{} for {at}: {e}", COLUMNS[c].1));
                    None
                }
            };
            series.push(PeriodValues {
                actual: value(1),
                national: value(2),
                neighbours: value(3),
                region: value(4),
                period: g.cells[0].trim().to_string(),
                target: g.target(),
            });
        }
        series
    }
}

impl FormDraft for KpiDraft {
    /// Checked in this order: decimal places, tolerance, baseline value, the grid's
    /// cells row by row, then [`validate_kpi`]; the grid's errors are listed after
    /// the others, in the order of the grid.
    fn into_change(self, plan: &Plan, _now: &Now, ids: &mut IdGen) -> Result<Saved, Report> {
        let current = match &self.id {
            None => Kpi {
                id: ids.next_id("k"),
                ..Kpi::default()
            },
            Some(id) => plan.kpi(id).cloned().ok_or_else(|| gone("KPI"))?,
        };
        let mut r = Report::default();
        let decimals = match self.decimals.trim().parse::<u8>() {
            Ok(d) => d,
            Err(_) => {
                r.error("decimals", "Decimal places must be a number from 0 to 6");
                current.decimals
            }
        };
        let tolerance = match self.tolerance_kind {
            ToleranceKind::Default => None,
            kind => match parse_number(&self.tolerance) {
                Some(x) if kind == ToleranceKind::Percent => Some(Tolerance::Percent(x)),
                Some(x) => Some(Tolerance::Absolute(x)),
                None => {
                    r.error(
                        "tolerance",
                        "Enter the tolerance as a number, for example 5",
                    );
                    None
                }
            },
        };
        let baseline_value = if value_text(self.opened_baseline.as_ref()) == self.baseline_value {
            Ok(self.opened_baseline.clone())
        } else {
            parse_value(&self.baseline_value)
        };
        let baseline_value = baseline_value.unwrap_or_else(|e| {
            r.error("baseline_value", format!("Baseline value: {e}"));
            None
        });
        let series = self.read_series(&mut r);
        let k = Kpi {
            code: self.code.trim().to_string(),
            sources: lines(&self.sources),
            title: self.title.trim().to_string(),
            section: self.section.trim().to_string(),
            unit: self.unit,
            decimals,
            polarity: self.polarity,
            tolerance,
            responsible_officer: self.responsible_officer.trim().to_string(),
            period_basis: self.period_basis,
            period_note: self.period_note.trim().to_string(),
            baseline: Baseline {
                period: self.baseline_period.trim().to_string(),
                value: baseline_value,
            },
            priority_id: self.link.as_ref().map(|l| l.priority.clone()),
            outcome_id: self.link.as_ref().and_then(|l| l.outcome.clone()),
            corporate_dashboard: self.corporate_dashboard,
            notes: self.notes.trim().to_string(),
            series,
            ..current
        };
        merge(&mut r, validate_kpi(&k, plan));
        r.errors
            .sort_by_key(|e: &FieldProblem| e.field.starts_with("series["));
        check(r)?;
        // "NI 72", or the title of a KPI without a code (as the KPI pages name it).
        let name = if k.code.is_empty() { &k.title } else { &k.code };
        let verb = if self.is_new() { "Added" } else { "Saved" };
        Ok(Saved {
            label: format!("{verb} KPI {name}"),
            id: k.id.clone(),
            change: upsert_kpi(plan, k),
        })
    }
}
