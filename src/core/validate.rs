//! Form validation in the GOV.UK Design System manner: plain-words messages that
//! say what to do ("Enter a due date, for example 31 10 2009"), errors that stop a
//! save and warnings that do not (a date outside the plan period).

use super::date::Date;
use super::edit::PlanDetails;
use super::model::{Action, Kpi, Outcome, Plan, Priority, ProgressUpdate, Rag, Risk, Tolerance};

/// A problem with one field. `field` is the form field's name (see each validator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// Errors (must be fixed before saving) and warnings (shown, not blocking).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub errors: Vec<FieldProblem>,
    pub warnings: Vec<FieldProblem>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }
    pub fn warning_for(&self, field: &str) -> Option<&str> {
        self.warnings
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }

    /// Records an error on a field.
    pub fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldProblem {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records a warning on a field.
    pub fn warn(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(FieldProblem {
            field: field.into(),
            message: message.into(),
        });
    }
}

/// "due date" → "Due date".
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "a" or "an" before a word.
fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month typed as a number (1–12, "03") or a name ("Oct", "October", "Sept").
pub fn parse_month(s: &str) -> Option<u8> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = s.parse().ok()?;
        return (1..=12).contains(&n).then_some(n as u8);
    }
    let t = s.trim_end_matches('.').to_lowercase();
    if t.len() < 3 {
        return None;
    }
    if t == "sept" {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .position(|m| *m == t || (t.len() == 3 && m.starts_with(&t)))
        .map(|i| i as u8 + 1)
}

/// Reads a GOV.UK date input (day, month, year boxes). `label` is the field's name
/// in lower case ("due date"). Empty boxes give Ok(None) unless `required`.
/// Messages: "Enter a due date, for example 31 10 2009"; "Due date must include a
/// month"; "Due date must be a real date"; "Year must include 4 numbers". Months may
/// be typed as numbers or names ("Oct", "October").
///
/// Checked in this order: all boxes empty; some boxes empty ("Due date must include
/// a day and year"); the year not 4 digits; the day or month not a number (or a
/// month name); a date that does not exist ("31 04 2010", "29 02 2009").
pub fn parse_date_input(
    label: &str,
    day: &str,
    month: &str,
    year: &str,
    required: bool,
) -> Result<Option<Date>, String> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    let label = label.trim();
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return if required {
            Err(format!(
                "Enter {} {label}, for example 31 10 2009",
                article(label)
            ))
        } else {
            Ok(None)
        };
    }
    let missing: Vec<&str> = [("day", day), ("month", month), ("year", year)]
        .into_iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(n, _)| n)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{} must include a {}",
            capitalise(label),
            missing.join(" and ")
        ));
    }
    let not_real = || format!("{} must be a real date", capitalise(label));
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err("Year must include 4 numbers".to_string());
    }
    let d: u8 = if day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit()) {
        day.parse().map_err(|_| not_real())?
    } else {
        return Err(not_real());
    };
    let m = parse_month(month).ok_or_else(not_real)?;
    let y: i32 = year.parse().map_err(|_| not_real())?;
    Date::new(y, m, d).map(Some).ok_or_else(not_real)
}

/// Warning text if a date falls outside the plan period, else None:
/// "Due date is after the plan period ends (30 September 2010)".
pub fn outside_period(label: &str, date: Date, plan: &PlanDetails) -> Option<String> {
    let label = capitalise(label.trim());
    if let Some(end) = plan.period_end {
        if date > end {
            return Some(format!(
                "{label} is after the plan period ends ({})",
                end.long()
            ));
        }
    }
    if let Some(start) = plan.period_start {
        if date < start {
            return Some(format!(
                "{label} is before the plan period starts ({})",
                start.long()
            ));
        }
    }
    None
}

/// The period of a plan, for [`outside_period`], without copying its other details.
fn period_of(plan: &Plan) -> PlanDetails {
    PlanDetails::from(Plan {
        period_start: plan.period_start,
        period_end: plan.period_end,
        ..Plan::default()
    })
}

/// Text compared for uniqueness: trimmed, inner spaces collapsed, case ignored.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Plan details. Fields: "title" (required), "period_end" (not before start),
/// "approved_on" (not in the future is NOT checked here).
pub fn validate_details(d: &PlanDetails) -> Report {
    let mut r = Report::default();
    if blank(&d.title) {
        r.error("title", "Enter a title");
    }
    if let (Some(start), Some(end)) = (d.period_start, d.period_end) {
        if end < start {
            r.error(
                "period_end",
                format!(
                    "Period end must be the same as or after the period start ({})",
                    start.long()
                ),
            );
        }
    }
    r
}

/// Priority. Fields: "number" (required, unique among priorities), "title" (required).
pub fn validate_priority(p: &Priority, plan: &Plan) -> Report {
    let mut r = Report::default();
    if blank(&p.number) {
        r.error("number", "Enter a number, for example 1");
    } else {
        let n = norm(&p.number);
        if plan
            .priorities
            .iter()
            .any(|o| o.id != p.id && norm(&o.number) == n)
        {
            r.error(
                "number",
                format!(
                    "Number {} is already used by another priority",
                    p.number.trim()
                ),
            );
        }
    }
    if blank(&p.title) {
        r.error("title", "Enter a title");
    }
    r
}

/// Outcome. Fields: "number" (required), "title" (required).
///
/// Unlike a priority's, an outcome's number is not checked for uniqueness: it is the
/// number of the plan-wide outcome it serves ("CYPP core outcome 4", "9 & 10"),
/// which two priorities may share.
pub fn validate_outcome(o: &Outcome) -> Report {
    let mut r = Report::default();
    if blank(&o.number) {
        r.error("number", "Enter a number, for example 4");
    }
    if blank(&o.title) {
        r.error("title", "Enter a title");
    }
    r
}

/// Action. Fields: "reference" (required, unique among actions), "title"
/// (required), "due" (warning outside the plan period), "milestones[i].title"
/// (required), "milestones[i].due" (warning outside period).
pub fn validate_action(a: &Action, plan: &Plan) -> Report {
    let mut r = Report::default();
    if blank(&a.reference) {
        r.error("reference", "Enter a reference, for example 1.1");
    } else {
        let n = norm(&a.reference);
        if plan
            .actions()
            .any(|o| o.action.id != a.id && norm(&o.action.reference) == n)
        {
            r.error(
                "reference",
                format!(
                    "Reference {} is already used by another action",
                    a.reference.trim()
                ),
            );
        }
    }
    if blank(&a.title) {
        r.error("title", "Enter a title");
    }
    let period = period_of(plan);
    if let Some(due) = a.due {
        if let Some(w) = outside_period("due date", due, &period) {
            r.warn("due", w);
        }
    }
    for (i, m) in a.milestones.iter().enumerate() {
        if blank(&m.title) {
            r.error(
                format!("milestones[{i}].title"),
                format!("Enter a title for milestone {}", i + 1),
            );
        }
        if let Some(due) = m.due {
            if let Some(w) = outside_period(&format!("milestone {} due date", i + 1), due, &period)
            {
                r.warn(format!("milestones[{i}].due"), w);
            }
        }
    }
    r
}

/// Progress update. Fields: "date" (required; warning if after today or outside
/// the period), "commentary" (required), "reason" (required when RAG is red or amber:
/// "Enter the reason for the amber rating").
pub fn validate_update(u: &ProgressUpdate, plan: &Plan, today: Date) -> Report {
    let mut r = Report::default();
    match u.date {
        None => r.error("date", "Enter a date, for example 31 10 2009"),
        Some(d) => {
            if d > today {
                r.warn("date", format!("Date is after today ({})", today.long()));
            }
            if let Some(w) = outside_period("date", d, &period_of(plan)) {
                r.warn("date", w);
            }
        }
    }
    if blank(&u.commentary) {
        r.error("commentary", "Enter a comment on progress");
    }
    if matches!(u.rag, Rag::Red | Rag::Amber) && blank(&u.reason) {
        r.error(
            "reason",
            format!(
                "Enter the reason for the {} rating",
                u.rag.label().to_lowercase()
            ),
        );
    }
    r
}

/// Register risk. Fields: "description" (required), "likelihood"/"impact" (1–5).
pub fn validate_risk(r: &Risk) -> Report {
    let mut rep = Report::default();
    if blank(&r.description) {
        rep.error("description", "Enter a description of the risk");
    }
    for (field, label, v) in [
        ("likelihood", "Likelihood", r.likelihood),
        ("impact", "Impact", r.impact),
    ] {
        if v.is_some_and(|v| !(1..=5).contains(&v)) {
            rep.error(field, format!("{label} must be a number from 1 to 5"));
        }
    }
    rep
}

/// KPI definition. Fields: "title" (required), "code" (unique among KPIs when not
/// empty), "decimals" (0–6), "tolerance" (not negative), "series[i].period"
/// (required, unique within the KPI).
///
/// A code used by another KPI of the same table (same priority and outcome) is an
/// error; one used in another table is only a warning, since plans repeat an
/// indicator under several outcomes.
pub fn validate_kpi(k: &Kpi, plan: &Plan) -> Report {
    let mut r = Report::default();
    if blank(&k.title) {
        r.error("title", "Enter a title");
    }
    if !blank(&k.code) {
        let n = norm(&k.code);
        let message = format!("Code {} is already used by another KPI", k.code.trim());
        let clashes = plan
            .kpis
            .iter()
            .filter(|o| o.id != k.id && norm(&o.code) == n);
        let mut elsewhere = false;
        let mut same_table = false;
        for o in clashes {
            if o.priority_id == k.priority_id && o.outcome_id == k.outcome_id {
                same_table = true;
            } else {
                elsewhere = true;
            }
        }
        if same_table {
            r.error("code", message);
        } else if elsewhere {
            // Plans repeat an indicator in the tables of several outcomes (the
            // example's NI 75): worth a warning, not a reason to refuse the save.
            r.warn("code", message);
        }
    }
    if k.decimals > 6 {
        r.error("decimals", "Decimal places must be a number from 0 to 6");
    }
    if let Some(Tolerance::Absolute(t) | Tolerance::Percent(t)) = k.tolerance {
        if !t.is_finite() {
            r.error("tolerance", "Tolerance must be a number");
        } else if t < 0.0 {
            r.error("tolerance", "Tolerance must be 0 or more");
        }
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, p) in k.series.iter().enumerate() {
        let field = format!("series[{i}].period");
        if blank(&p.period) {
            r.error(
                field,
                format!("Enter a period for row {}, for example 2009/10", i + 1),
            );
            continue;
        }
        let n = norm(&p.period);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == n) {
            r.error(
                field,
                format!(
                    "Period {} is already used in row {}",
                    p.period.trim(),
                    first + 1
                ),
            );
        } else {
            seen.push((n, i));
        }
    }
    r
}
