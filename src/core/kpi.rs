//! KPI rules: a period's RAG from actual against target in the KPI's polarity and
//! tolerance; relative targets against comparators or earlier periods; direction
//! of travel. Every result carries its explanation in words.
//!
//! # The rules
//!
//! **Tolerance.** The KPI's own tolerance ([`Tolerance::Absolute`] in the KPI's
//! unit, or [`Tolerance::Percent`] of the figure compared with); by default 5 % of
//! the figure compared with (its absolute value, so a target of 0 has a tolerance
//! of 0). A negative tolerance counts as its size.
//!
//! **Numeric targets.**
//! - higher is better: green at or above the target; amber below it down to
//!   `target − tolerance` (inclusive); red below that;
//! - lower is better: the mirror image (amber up to `target + tolerance`);
//! - closest to target is best: a band. Green within the tolerance either side of
//!   the target (inclusive), amber within twice the tolerance, red beyond;
//! - neither: not rated.
//!
//! A value exactly on the target is green and exactly on the amber limit is amber
//! (comparisons allow for floating-point rounding: 1e-9 of the figures' size).
//!
//! **Relative targets** ([`Relation`]):
//! - in line with national / with statistical neighbours: the comparator is NA /
//!   SN of the same period and the tolerance is computed on it. For a KPI with a
//!   direction, green when better than the comparator or worse by no more than the
//!   tolerance; amber when worse by no more than twice the tolerance; red beyond.
//!   For "closest is best", the same as a numeric band around the comparator;
//! - lower than / higher than national: the target's own words give the direction
//!   (a target worded "better than national" takes the KPI's direction instead).
//!   Strictly lower (higher) than NA is green; equal to NA or worse by no more than
//!   the tolerance is amber; red beyond;
//! - year-on-year reduction / increase: the comparator is the latest earlier
//!   available actual. A move the right way is green; no change, or a move the
//!   wrong way by no more than the tolerance (computed on the earlier value), is
//!   amber; red beyond;
//! - change against baseline `{percent}`: the target is `baseline × (1 +
//!   percent/100)`, rated as a numeric target in the KPI's polarity.
//!
//! A comparator (NA, SN, earlier actual, baseline) that is missing or not available
//! leaves the period not rated, and the explanation says which.
//!
//! **Not rated** when the polarity is "neither" (checked first), when the actual is
//! blank or not available, when there is no target, or when the target is words
//! only ([`Target::Text`]).
//!
//! # Explanation style
//!
//! `"{Rag}: {actual} against {what} ({details}); {limits}."` — for example
//! `"Red: 33.9 against a target of 30 (lower is better); amber up to 31.5."`,
//! `"Amber: 53.7 (provisional) against a target of 54 (higher is better); amber
//! down to 51.3."`. Figures use the KPI's decimal places with trailing zeros
//! dropped ("54", not "54.0"), thousands separated; tolerance limits use one more
//! decimal place when needed to be exact ("34.65"). No unit is appended: the unit
//! is shown with the KPI's title. A provisional actual is followed by
//! "(provisional)". Not-rated explanations start "Not rated: " and say why.

use super::model::{Id, Kpi, PeriodValues, Polarity, Rag, Tolerance};
use super::rollup::truncate;
use super::value::{format_number, Relation, Target, Value};

/// The rating of one period of a KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    /// The period's label ("2009/10").
    pub period: String,
    pub rag: Rag,
    /// The actual is provisional: rated, but marked.
    pub provisional: bool,
    pub actual: Option<f64>,
    /// The number the actual was compared with (the target, or for a relative
    /// target the comparator / previous value it resolved to), if any.
    pub compared_with: Option<f64>,
    /// Where amber ends and red begins, if the rating used a tolerance.
    pub amber_limit: Option<f64>,
    /// How far the actual is from what it was compared with, signed so that a
    /// positive number is better than target (in the KPI's polarity).
    pub distance: Option<f64>,
    /// In words: "Red: 33.9 against a target of 30 (lower is better); amber up to 31.5".
    pub explanation: String,
}

// ---------------------------------------------------------------------------
// Figures in words
// ---------------------------------------------------------------------------

/// A figure with up to `decimals` places, trailing zeros dropped: 54.0 → "54".
pub fn figure(v: f64, decimals: u8) -> String {
    let s = format_number(v, Some(decimals));
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// A tolerance limit: one more decimal place than the KPI's, trailing zeros dropped.
fn limit_figure(v: f64, decimals: u8) -> String {
    figure(v, decimals.saturating_add(1))
}

/// An actual in words: "53.7" or "53.7 (provisional)".
fn actual_words(v: f64, provisional: bool, decimals: u8) -> String {
    if provisional {
        format!("{} (provisional)", figure(v, decimals))
    } else {
        figure(v, decimals)
    }
}

/// How a "not available" value is worded after "is": "not yet available",
/// "not available", "not available (TBA)".
fn unavailable_words(v: &Value) -> String {
    let label = v.label.as_deref().map(str::trim).unwrap_or("");
    let lower = label.to_lowercase();
    if lower.starts_with("not yet") {
        "not yet available".to_string()
    } else if lower.is_empty()
        || matches!(
            lower.trim_end_matches('.'),
            "not available" | "n/a" | "na" | "n.a"
        )
    {
        "not available".to_string()
    } else {
        format!("not available ({label})")
    }
}

fn polarity_words(p: Polarity) -> &'static str {
    match p {
        Polarity::HigherIsBetter => "higher is better",
        Polarity::LowerIsBetter => "lower is better",
        Polarity::CloserIsBetter => "closest to target is best",
        Polarity::Neither => "neither higher nor lower is better",
    }
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// Slack for floating-point comparisons, relative to the size of the figures.
fn eps(a: f64, b: f64) -> f64 {
    1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The tolerance around `base` (the target or comparator) for this KPI.
pub fn tolerance_for(kpi: &Kpi, base: f64) -> f64 {
    let t = match kpi.tolerance {
        Some(Tolerance::Absolute(a)) => a.abs(),
        Some(Tolerance::Percent(p)) => base.abs() * p.abs() / 100.0,
        None => base.abs() * 0.05,
    };
    if t.is_finite() {
        t
    } else {
        0.0
    }
}

/// The available figure of an optional value.
fn figure_of(v: Option<&Value>) -> Option<f64> {
    v.and_then(|v| v.value).filter(|x| x.is_finite())
}

/// Rounds away floating-point noise (4.900000000000006 → 4.9).
fn tidy(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// +1 when higher is better, −1 when lower is better.
fn sign_of(p: Polarity) -> Option<f64> {
    match p {
        Polarity::HigherIsBetter => Some(1.0),
        Polarity::LowerIsBetter => Some(-1.0),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Rating
// ---------------------------------------------------------------------------

fn not_rated(period: &str, actual: Option<f64>, provisional: bool, why: String) -> Rating {
    Rating {
        period: period.to_string(),
        rag: Rag::NotRated,
        provisional,
        actual,
        compared_with: None,
        amber_limit: None,
        distance: None,
        explanation: format!("Not rated: {why}."),
    }
}

/// How a rating compares the actual with its reference figure.
#[derive(Clone, Copy)]
enum Mode {
    /// Green on or better than the reference; amber worse by up to the tolerance.
    Threshold { sign: f64 },
    /// Green better or worse by up to the tolerance; amber up to twice it.
    InLine { sign: f64 },
    /// Green strictly better; amber equal or worse by up to the tolerance.
    Strict { sign: f64 },
    /// Green within the tolerance either side; amber within twice it.
    Band,
}

/// Everything needed to rate one actual against one reference figure.
struct Comparison<'a> {
    kpi: &'a Kpi,
    period: &'a str,
    actual: f64,
    provisional: bool,
    reference: f64,
    tolerance: f64,
    mode: Mode,
    /// "a target of 54", "a national average of 22.4", "52.9 in 2008/9".
    against: String,
    /// Words in brackets before the polarity: "target 'In line with national'".
    detail: Option<String>,
    /// Whether to name the polarity in the brackets.
    show_polarity: bool,
    /// Strict mode: how a green result is worded ("lower than national").
    green_words: Option<String>,
    /// Strict mode: how an actual equal to the reference is worded ("no change").
    equal_words: Option<String>,
}

impl Comparison<'_> {
    fn rate(&self) -> Rating {
        let d = self.kpi.decimals;
        let (a, r, tol) = (self.actual, self.reference, self.tolerance);
        let e = eps(a, r);
        let lim = |v: f64| limit_figure(v, d);
        let (rag, distance, amber_limit, limits) = match self.mode {
            Mode::Threshold { sign } => {
                let dist = sign * (a - r);
                let limit = r - sign * tol;
                let rag = graded(dist >= -e, dist >= -(tol + e));
                let words = if rag == Rag::Green {
                    if dist.abs() <= e {
                        "on target".to_string()
                    } else {
                        format!("better than target by {}", figure(dist, d))
                    }
                } else if tol <= 0.0 {
                    "no tolerance for amber".to_string()
                } else {
                    format!("amber {} to {}", up_down(sign), lim(limit))
                };
                (rag, dist, Some(limit), words)
            }
            Mode::InLine { sign } => {
                let dist = sign * (a - r);
                let green_limit = r - sign * tol;
                let limit = r - sign * 2.0 * tol;
                let rag = graded(dist >= -(tol + e), dist >= -(2.0 * tol + e));
                let words = format!(
                    "green {ud} to {}, amber {ud} to {}",
                    lim(green_limit),
                    lim(limit),
                    ud = up_down(sign)
                );
                (rag, dist, Some(limit), words)
            }
            Mode::Strict { sign } => {
                let dist = sign * (a - r);
                let limit = r - sign * tol;
                let rag = graded(dist > e, dist >= -(tol + e));
                let words = if rag == Rag::Green {
                    self.green_words.clone().unwrap_or_default()
                } else {
                    let same = match (&self.equal_words, dist.abs() <= e) {
                        (Some(w), true) => format!("{w}, "),
                        _ => String::new(),
                    };
                    format!("{same}amber {} to {}", up_down(sign), lim(limit))
                };
                (rag, dist, Some(limit), words)
            }
            Mode::Band => {
                let off = (a - r).abs();
                let rag = graded(off <= tol + e, off <= 2.0 * tol + e);
                let limit = if a >= r { r + 2.0 * tol } else { r - 2.0 * tol };
                let words = if tol <= 0.0 {
                    if rag == Rag::Green {
                        "on target".to_string()
                    } else {
                        "no tolerance for amber".to_string()
                    }
                } else {
                    format!(
                        "green from {} to {}, amber from {} to {}",
                        lim(r - tol),
                        lim(r + tol),
                        lim(r - 2.0 * tol),
                        lim(r + 2.0 * tol)
                    )
                };
                (rag, -off, Some(limit), words)
            }
        };
        let mut bracket: Vec<String> = Vec::new();
        if let Some(detail) = &self.detail {
            bracket.push(detail.clone());
        }
        if self.show_polarity {
            bracket.push(polarity_words(self.kpi.polarity).to_string());
        }
        let bracket = if bracket.is_empty() {
            String::new()
        } else {
            format!(" ({})", bracket.join("; "))
        };
        let explanation = format!(
            "{}: {} against {}{}; {}.",
            rag.label(),
            actual_words(a, self.provisional, d),
            self.against,
            bracket,
            limits
        );
        Rating {
            period: self.period.to_string(),
            rag,
            provisional: self.provisional,
            actual: Some(a),
            compared_with: Some(r),
            amber_limit,
            distance: Some(distance),
            explanation,
        }
    }
}

/// Green when `green`, else amber when `amber`, else red.
fn graded(green: bool, amber: bool) -> Rag {
    if green {
        Rag::Green
    } else if amber {
        Rag::Amber
    } else {
        Rag::Red
    }
}

fn up_down(sign: f64) -> &'static str {
    if sign > 0.0 {
        "down"
    } else {
        "up"
    }
}

/// The latest available actual before `index`, with its period.
fn previous_actual(kpi: &Kpi, index: usize) -> Option<(&PeriodValues, f64, bool)> {
    kpi.series[..index.min(kpi.series.len())]
        .iter()
        .rev()
        .find_map(|p| {
            let v = p.actual.as_ref()?;
            let x = figure_of(Some(v))?;
            Some((p, x, v.provisional))
        })
}

/// The baseline figure: the baseline value, or else the actual of the baseline's
/// period. `Err` carries the reason it is not there.
fn baseline_figure(kpi: &Kpi) -> Result<f64, String> {
    if let Some(v) = &kpi.baseline.value {
        return match figure_of(Some(v)) {
            Some(x) => Ok(x),
            None => Err(format!("the baseline is {}", unavailable_words(v))),
        };
    }
    let from_series = kpi
        .series
        .iter()
        .find(|p| !kpi.baseline.period.is_empty() && p.period == kpi.baseline.period)
        .and_then(|p| figure_of(p.actual.as_ref()));
    from_series.ok_or_else(|| "there is no baseline value".to_string())
}

/// Rates `kpi.series[index]`.
pub fn rate_period(kpi: &Kpi, index: usize) -> Rating {
    let Some(pv) = kpi.series.get(index) else {
        return not_rated(
            "",
            None,
            false,
            format!("the KPI has no period number {}", index + 1),
        );
    };
    let period = pv.period.as_str();
    let actual_value = pv.actual.as_ref();
    let actual = figure_of(actual_value);
    let provisional = actual.is_some() && actual_value.is_some_and(|v| v.provisional);

    if kpi.polarity == Polarity::Neither {
        return not_rated(
            period,
            actual,
            provisional,
            "neither higher nor lower is better".to_string(),
        );
    }
    let a = match (actual_value, actual) {
        (None, _) => {
            return not_rated(period, None, false, format!("no actual for {period}"));
        }
        (Some(v), None) => {
            return not_rated(
                period,
                None,
                false,
                format!("the {period} actual is {}", unavailable_words(v)),
            );
        }
        (Some(_), Some(a)) => a,
    };
    let Some(target) = &pv.target else {
        return not_rated(
            period,
            Some(a),
            provisional,
            format!("no target for {period}"),
        );
    };
    let d = kpi.decimals;
    let polarity_mode = |sign: Option<f64>| match sign {
        Some(sign) => Mode::Threshold { sign },
        None => Mode::Band,
    };
    let base = |reference: f64, against: String, mode: Mode| Comparison {
        kpi,
        period,
        actual: a,
        provisional,
        reference,
        tolerance: tolerance_for(kpi, reference),
        mode,
        against,
        detail: None,
        show_polarity: true,
        green_words: None,
        equal_words: None,
    };
    match target {
        Target::Value { value, .. } => {
            if !value.is_finite() {
                return not_rated(
                    period,
                    Some(a),
                    provisional,
                    "the target is not a number".to_string(),
                );
            }
            base(
                *value,
                format!("a target of {}", figure(*value, d)),
                polarity_mode(sign_of(kpi.polarity)),
            )
            .rate()
        }
        Target::Text { text } => not_rated(
            period,
            Some(a),
            provisional,
            format!("the target '{}' is not a number", text.trim()),
        ),
        Target::Relative { relation, text } => {
            let target_words = format!("target '{}'", text.trim());
            match *relation {
                Relation::InLineWithNational | Relation::InLineWithNeighbours => {
                    let (name, value) = if matches!(relation, Relation::InLineWithNational) {
                        ("national average", pv.national.as_ref())
                    } else {
                        ("statistical neighbour average", pv.neighbours.as_ref())
                    };
                    let c = match comparator(period, name, value) {
                        Ok(c) => c,
                        Err(why) => return not_rated(period, Some(a), provisional, why),
                    };
                    let mode = match sign_of(kpi.polarity) {
                        Some(sign) => Mode::InLine { sign },
                        None => Mode::Band,
                    };
                    let mut cmp = base(c, format!("a {name} of {}", figure(c, d)), mode);
                    cmp.detail = Some(target_words);
                    cmp.rate()
                }
                Relation::LowerThanNational | Relation::HigherThanNational => {
                    let c = match comparator(period, "national average", pv.national.as_ref()) {
                        Ok(c) => c,
                        Err(why) => return not_rated(period, Some(a), provisional, why),
                    };
                    let literal = if matches!(relation, Relation::LowerThanNational) {
                        -1.0
                    } else {
                        1.0
                    };
                    let sign = if text.to_lowercase().contains("better") {
                        sign_of(kpi.polarity).unwrap_or(literal)
                    } else {
                        literal
                    };
                    let mut cmp = base(
                        c,
                        format!("a national average of {}", figure(c, d)),
                        Mode::Strict { sign },
                    );
                    cmp.detail = Some(target_words);
                    cmp.show_polarity = false;
                    cmp.green_words = Some(
                        if sign > 0.0 {
                            "higher than national"
                        } else {
                            "lower than national"
                        }
                        .to_string(),
                    );
                    cmp.equal_words = Some("equal to national".to_string());
                    cmp.rate()
                }
                Relation::YearOnYearReduction | Relation::YearOnYearIncrease => {
                    let Some((prev, p, prev_prov)) = previous_actual(kpi, index) else {
                        return not_rated(
                            period,
                            Some(a),
                            provisional,
                            format!("no earlier actual to compare {period} with"),
                        );
                    };
                    let sign = if matches!(relation, Relation::YearOnYearReduction) {
                        -1.0
                    } else {
                        1.0
                    };
                    let mut cmp = base(
                        p,
                        format!("{} in {}", actual_words(p, prev_prov, d), prev.period),
                        Mode::Strict { sign },
                    );
                    cmp.detail = Some(target_words);
                    cmp.show_polarity = false;
                    cmp.green_words = Some(format!(
                        "{} than in {}",
                        if sign > 0.0 { "higher" } else { "lower" },
                        prev.period
                    ));
                    cmp.equal_words = Some(format!("no change on {}", prev.period));
                    cmp.rate()
                }
                Relation::ChangeAgainstBaseline { percent } => {
                    let b = match baseline_figure(kpi) {
                        Ok(b) => b,
                        Err(why) => return not_rated(period, Some(a), provisional, why),
                    };
                    let t = b * (1.0 + percent / 100.0);
                    if !t.is_finite() {
                        return not_rated(
                            period,
                            Some(a),
                            provisional,
                            "the target against the baseline is not a number".to_string(),
                        );
                    }
                    let baseline_name = if kpi.baseline.period.trim().is_empty() {
                        "the baseline".to_string()
                    } else {
                        format!("the {} baseline", kpi.baseline.period.trim())
                    };
                    let mut cmp = base(
                        t,
                        format!("a target of {}", limit_figure(t, d)),
                        polarity_mode(sign_of(kpi.polarity)),
                    );
                    cmp.detail = Some(format!(
                        "{}{}% on {baseline_name} of {}",
                        if percent > 0.0 { "+" } else { "" },
                        figure(percent, 2),
                        figure(b, d)
                    ));
                    cmp.rate()
                }
            }
        }
    }
}

/// A comparator's figure, or why it cannot be used.
fn comparator(period: &str, name: &str, v: Option<&Value>) -> Result<f64, String> {
    match v {
        None => Err(format!("no {name} for {period}")),
        Some(v) => match figure_of(Some(v)) {
            Some(x) => Ok(x),
            None => Err(format!(
                "the {name} for {period} is {}",
                unavailable_words(v)
            )),
        },
    }
}

/// The index of the latest period with an available actual, if any.
pub fn latest_actual_index(kpi: &Kpi) -> Option<usize> {
    kpi.series
        .iter()
        .rposition(|p| figure_of(p.actual.as_ref()).is_some())
}

/// The rating of the latest period with an actual; if no period has one, the
/// rating of the latest period (not rated, with an explanation), or None for a
/// KPI with no periods at all.
///
/// "The latest period" here is the latest that records an actual at all (one
/// marked not available, so the explanation says "the 2009/10 actual is not yet
/// available"), else the last period of the series.
pub fn latest_rating(kpi: &Kpi) -> Option<Rating> {
    if kpi.series.is_empty() {
        return None;
    }
    let index = latest_actual_index(kpi)
        .or_else(|| kpi.series.iter().rposition(|p| p.actual.is_some()))
        .unwrap_or(kpi.series.len() - 1);
    Some(rate_period(kpi, index))
}

// ---------------------------------------------------------------------------
// Direction of travel
// ---------------------------------------------------------------------------

/// Which way a KPI is moving, in its polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Improving,
    Worsening,
    NoChange,
    /// Fewer than two available values, or polarity "neither".
    NotComparable,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Improving => "Improving",
            Direction::Worsening => "Worsening",
            Direction::NoChange => "No change",
            Direction::NotComparable => "No trend yet",
        }
    }
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Improving => "↑",
            Direction::Worsening => "↓",
            Direction::NoChange => "→",
            Direction::NotComparable => "–",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Direction::Improving => "improving",
            Direction::Worsening => "worsening",
            Direction::NoChange => "no_change",
            Direction::NotComparable => "none",
        }
    }

    /// Every direction, in the order the KPI list offers them.
    pub const ALL: [Direction; 4] = [
        Direction::Improving,
        Direction::Worsening,
        Direction::NoChange,
        Direction::NotComparable,
    ];

    /// Reads a direction from its [`Direction::key`] (surrounding spaces ignored).
    pub fn from_key(s: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.key() == s.trim())
    }
}

/// Direction of travel of a KPI's actuals.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Latest available actual against the previous available one.
    pub short: Direction,
    /// Latest available actual against the average of up to `n` previous available actuals.
    pub long: Direction,
    /// How many consecutive period-to-period moves (ending at the latest) went the
    /// same way as `short` (0 when not comparable).
    pub run_length: usize,
    /// Latest actual minus the baseline value, if both exist.
    pub change_since_baseline: Option<f64>,
    /// In words: "Improving for 2 periods: 53.7 (provisional) in 2009/10, up from 52.9 in 2008/9".
    pub explanation: String,
}

/// The available actuals in series order: (index, figure, provisional).
fn available_actuals(kpi: &Kpi) -> Vec<(usize, f64, bool)> {
    kpi.series
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let v = p.actual.as_ref()?;
            let x = figure_of(Some(v))?;
            Some((i, x, v.provisional))
        })
        .collect()
}

/// The numeric target "closest is best" measures against for period `index`:
/// that period's, else the latest earlier one, else the earliest later one.
fn closeness_target(kpi: &Kpi, index: usize) -> Option<f64> {
    let numeric = |p: &PeriodValues| {
        p.target
            .as_ref()
            .and_then(Target::number)
            .filter(|t| t.is_finite())
    };
    let index = index.min(kpi.series.len().saturating_sub(1));
    kpi.series
        .get(index)
        .and_then(numeric)
        .or_else(|| kpi.series[..index].iter().rev().find_map(numeric))
        .or_else(|| kpi.series.iter().skip(index + 1).find_map(numeric))
}

/// The direction of a move from `prev` to `cur` in the KPI's polarity.
fn direction_between(polarity: Polarity, prev: f64, cur: f64, target: Option<f64>) -> Direction {
    let (better, worse) = match polarity {
        Polarity::HigherIsBetter => (cur - prev, prev - cur),
        Polarity::LowerIsBetter => (prev - cur, cur - prev),
        Polarity::CloserIsBetter => match target {
            Some(t) => {
                let (dp, dc) = ((prev - t).abs(), (cur - t).abs());
                (dp - dc, dc - dp)
            }
            None => return Direction::NotComparable,
        },
        Polarity::Neither => return Direction::NotComparable,
    };
    let e = eps(prev, cur);
    if better > e {
        Direction::Improving
    } else if worse > e {
        Direction::Worsening
    } else {
        Direction::NoChange
    }
}

/// The direction of travel in words, with how long it has lasted: "Improving for
/// 2 periods", "Worsening", "No trend yet" (a run of one period is not counted).
pub fn direction_words(direction: Direction, run_length: usize) -> String {
    if direction != Direction::NotComparable && run_length > 1 {
        format!("{} for {run_length} periods", direction.label())
    } else {
        direction.label().to_string()
    }
}

/// Direction of travel; `n` is the number of earlier periods for the long trend.
pub fn trend(kpi: &Kpi, n: usize) -> Trend {
    let avail = available_actuals(kpi);
    let change_since_baseline = avail
        .last()
        .zip(baseline_figure(kpi).ok())
        .map(|(&(_, latest, _), b)| tidy(latest - b));
    let not_comparable = |explanation: String| Trend {
        short: Direction::NotComparable,
        long: Direction::NotComparable,
        run_length: 0,
        change_since_baseline,
        explanation,
    };
    let d = kpi.decimals;
    let (Some(&(li, latest, lprov)), true) = (avail.last(), avail.len() >= 2) else {
        return not_comparable(if avail.is_empty() {
            "No trend yet: no values.".to_string()
        } else {
            "No trend yet: only one value.".to_string()
        });
    };
    if kpi.polarity == Polarity::Neither {
        return not_comparable(
            "No trend: neither higher nor lower is better, so the values are not compared."
                .to_string(),
        );
    }
    let target = if kpi.polarity == Polarity::CloserIsBetter {
        match closeness_target(kpi, li) {
            Some(t) => Some(t),
            None => {
                return not_comparable(
                    "No trend yet: closest to target is best, and there is no numeric target."
                        .to_string(),
                )
            }
        }
    } else {
        None
    };
    let dir = |prev: f64, cur: f64| direction_between(kpi.polarity, prev, cur, target);
    let (pi, prev, pprov) = avail[avail.len() - 2];
    let short = dir(prev, latest);
    let run_length = avail
        .windows(2)
        .rev()
        .take_while(|w| dir(w[0].1, w[1].1) == short)
        .count();
    let earlier: Vec<f64> = avail[..avail.len() - 1]
        .iter()
        .rev()
        .take(n)
        .map(|&(_, x, _)| x)
        .collect();
    let long = if earlier.is_empty() {
        Direction::NotComparable
    } else {
        let mean = earlier.iter().sum::<f64>() / earlier.len() as f64;
        dir(mean, latest)
    };
    let e = eps(prev, latest);
    let motion = if latest > prev + e {
        "up from"
    } else if latest < prev - e {
        "down from"
    } else {
        "the same as"
    };
    let closeness = match (target, short) {
        (Some(t), Direction::Improving) => format!(" (closer to the target of {})", figure(t, d)),
        (Some(t), Direction::Worsening) => {
            format!(" (further from the target of {})", figure(t, d))
        }
        (Some(t), _) => format!(" (as close to the target of {})", figure(t, d)),
        (None, _) => String::new(),
    };
    let explanation = format!(
        "{}: {} in {}, {motion} {} in {}{closeness}.",
        direction_words(short, run_length),
        actual_words(latest, lprov, d),
        kpi.series[li].period,
        actual_words(prev, pprov, d),
        kpi.series[pi].period,
    );
    Trend {
        short,
        long,
        run_length,
        change_since_baseline,
        explanation,
    }
}

/// "the 2009/10 actual is not yet available", for the latest period after
/// `index` whose actual is recorded as not available.
fn latest_unavailable_after(kpi: &Kpi, index: Option<usize>) -> Option<String> {
    let from = index.map_or(0, |i| i + 1);
    kpi.series.iter().skip(from).rev().find_map(|p| {
        let v = p.actual.as_ref()?;
        figure_of(Some(v))
            .is_none()
            .then(|| format!("the {} actual is {}", p.period, unavailable_words(v)))
    })
}

/// A one-sentence summary for screen readers and chart captions:
/// "Improving for 2 periods; latest 53.7 (provisional) in 2009/10 against target 54 (amber)".
///
/// With no target for the latest actual's period: "…; latest 5.9 in 2008/9, no
/// target for 2008/9"; with no actual at all: "No trend yet; no actual yet" (and the first
/// target, if any: "; target 54 for 2009/10"). A later period whose actual is
/// recorded as not available is added: "; the 2009/10 actual is not yet available".
pub fn summary(kpi: &Kpi) -> String {
    let t = trend(kpi, 3);
    let avail = available_actuals(kpi);
    let head = if kpi.polarity == Polarity::Neither && avail.len() >= 2 {
        "No trend (neither higher nor lower is better)".to_string()
    } else {
        direction_words(t.short, t.run_length)
    };
    let d = kpi.decimals;
    let target_words = |target: &Target| match target {
        Target::Value { value, .. } => figure(*value, d),
        Target::Relative { text, .. } | Target::Text { text } => format!("'{}'", text.trim()),
    };
    match avail.last() {
        None => {
            let next = kpi
                .series
                .iter()
                .find_map(|p| p.target.as_ref().map(|t| (p, t)));
            let mut s = match next {
                Some((p, target)) => format!(
                    "{head}; no actual yet; target {} for {}",
                    target_words(target),
                    p.period
                ),
                None => format!("{head}; no actual yet"),
            };
            if let Some(later) = latest_unavailable_after(kpi, None) {
                s.push_str(&format!("; {later}"));
            }
            s
        }
        Some(&(i, v, prov)) => {
            let pv = &kpi.series[i];
            let mut s = format!(
                "{head}; latest {} in {}",
                actual_words(v, prov, d),
                pv.period
            );
            match &pv.target {
                Some(target) => {
                    let r = rate_period(kpi, i);
                    s.push_str(&format!(
                        " against target {} ({})",
                        target_words(target),
                        r.rag.label().to_lowercase()
                    ));
                }
                None => s.push_str(&format!(", no target for {}", pv.period)),
            }
            if let Some(later) = latest_unavailable_after(kpi, Some(i)) {
                s.push_str(&format!("; {later}"));
            }
            s
        }
    }
}

// ---------------------------------------------------------------------------
// A KPI in words: its name, its values as typed and as shown
// ---------------------------------------------------------------------------

/// What a user reads as a KPI's name, everywhere the app names one: its code and
/// title ("NI 72: % pupils achieving at least 78 points across the EYFS"), the title
/// alone for a KPI with no code, the code alone for one with no title, and "KPI
/// (untitled)" for one with neither. Surrounding spaces are dropped and line breaks
/// in the title read as spaces.
///
/// The colon keeps the code apart from a title that starts with a figure or a sign
/// ("NI 72 % pupils" would read as "NI 72 %").
pub fn kpi_name(k: &Kpi) -> String {
    name_of(&k.code, &flat(&k.title))
}

/// [`kpi_name`] with a long title cut to at most `title_chars` characters at a word
/// break, ending "…" (for lists of many KPIs, such as the data health gaps).
pub fn kpi_name_cut(k: &Kpi, title_chars: usize) -> String {
    name_of(&k.code, &truncate(&k.title, title_chars))
}

fn flat(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

fn name_of(code: &str, title: &str) -> String {
    match (code.trim(), title.trim()) {
        ("", "") => "KPI (untitled)".to_string(),
        ("", t) => t.to_string(),
        (c, "") => c.to_string(),
        (c, t) => format!("{c}: {t}"),
    }
}

/// A target in words with the KPI's decimals, trailing zeros dropped: "54",
/// "54 (stretch)" with its note, "In line with national".
pub fn target_words(t: &Target, decimals: u8) -> String {
    match t {
        Target::Value { value, note } => match note.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => format!("{} ({n})", figure(*value, decimals)),
            _ => figure(*value, decimals),
        },
        Target::Relative { text, .. } | Target::Text { text } => text.clone(),
    }
}

/// What the KPI list and the dashboard show of one KPI, worked out from the KPI
/// alone (where it is linked is looked up in [`crate::core::filter::KpiPlace`]s).
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSummary {
    pub id: Id,
    /// The KPI's code, trimmed ("" for none).
    pub code: String,
    /// The list's Code column: the code, or the title for a KPI with no code.
    pub code_cell: String,
    pub title: String,
    /// [`kpi_name`].
    pub name: String,
    /// The unit's label ("%", "days").
    pub unit: &'static str,
    /// The latest available actual in words ("53.7 (provisional)"); with none, a
    /// later actual recorded as not available and its period ("Not yet available
    /// (2010/11)"), else "No data".
    pub latest: String,
    pub latest_value: Option<f64>,
    /// The period of the latest available actual.
    pub latest_period: Option<String>,
    /// The latest available actual is provisional.
    pub latest_provisional: bool,
    /// The target of the latest rated period in words ([`target_words`]).
    pub target: Option<String>,
    pub target_value: Option<f64>,
    /// The latest rating's RAG ([`latest_rating`]); not rated for a KPI with no periods.
    pub rag: Rag,
    /// The latest rating's explanation ("Not rated: no values yet." with no periods).
    pub rating: String,
    /// The short direction of travel ([`trend`] over 3 periods).
    pub direction: Direction,
    /// How many periods the direction has lasted ([`Trend::run_length`]).
    pub run_length: usize,
    /// [`direction_words`]: "Improving for 2 periods".
    pub direction_words: String,
    /// The trend's explanation.
    pub trend: String,
    /// The actuals for a sparkline: (figure, provisional), one per period.
    pub spark: Vec<(Option<f64>, bool)>,
    /// The actuals in words: "Actuals of NI 72: 2007/8 48.8, 2008/9 52.9", or "NI
    /// 72: no actuals yet" (the KPI named by its Code cell, as the row it sits in).
    pub actuals_words: String,
    /// [`summary`].
    pub summary: String,
    /// The responsible officer, trimmed.
    pub officer: String,
    pub priority_id: Option<Id>,
    pub outcome_id: Option<Id>,
    pub sources: Vec<String>,
    pub corporate: bool,
}

impl KpiSummary {
    pub fn of(k: &Kpi) -> KpiSummary {
        let d = Some(k.decimals);
        let code = k.code.trim().to_string();
        let title = k.title.trim().to_string();
        let code_cell = if code.is_empty() {
            title.clone()
        } else {
            code.clone()
        };
        let latest_at = latest_actual_index(k).map(|i| &k.series[i]);
        let latest = match latest_at.and_then(|p| p.actual.as_ref()) {
            Some(v) => v.display(d),
            // A later "not yet available" is worth saying.
            None => k
                .series
                .iter()
                .rev()
                .find_map(|p| {
                    let v = p.actual.as_ref()?;
                    Some(format!("{} ({})", v.display(d), p.period))
                })
                .unwrap_or_else(|| "No data".to_string()),
        };
        let rating = latest_rating(k);
        let target_of = rating
            .as_ref()
            .and_then(|r| k.series.iter().find(|p| p.period == r.period))
            .and_then(|p| p.target.as_ref());
        let t = trend(k, 3);
        let spark: Vec<(Option<f64>, bool)> = k
            .series
            .iter()
            .map(|p| match &p.actual {
                Some(v) => (v.value.filter(|x| x.is_finite()), v.provisional),
                None => (None, false),
            })
            .collect();
        let described: Vec<String> = k
            .series
            .iter()
            .filter_map(|p| {
                let v = p.actual.as_ref()?;
                v.value.filter(|x| x.is_finite())?;
                Some(format!("{} {}", p.period, v.display(d)))
            })
            .collect();
        let actuals_words = if described.is_empty() {
            format!("{code_cell}: no actuals yet")
        } else {
            format!("Actuals of {code_cell}: {}", described.join(", "))
        };
        KpiSummary {
            id: k.id.clone(),
            name: kpi_name(k),
            code,
            code_cell,
            title,
            unit: k.unit.label(),
            latest,
            latest_value: latest_at.and_then(|p| figure_of(p.actual.as_ref())),
            latest_period: latest_at.map(|p| p.period.clone()),
            latest_provisional: latest_at
                .and_then(|p| p.actual.as_ref())
                .is_some_and(|v| v.provisional),
            target: target_of.map(|t| target_words(t, k.decimals)),
            target_value: target_of.and_then(Target::number),
            rag: rating.as_ref().map_or(Rag::NotRated, |r| r.rag),
            rating: rating
                .map(|r| r.explanation)
                .unwrap_or_else(|| "Not rated: no values yet.".to_string()),
            direction: t.short,
            run_length: t.run_length,
            direction_words: direction_words(t.short, t.run_length),
            trend: t.explanation,
            spark,
            actuals_words,
            summary: summary(k),
            officer: k.responsible_officer.trim().to_string(),
            priority_id: k.priority_id.clone(),
            outcome_id: k.outcome_id.clone(),
            sources: k.sources.clone(),
            corporate: k.corporate_dashboard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_drop_trailing_zeros_but_keep_separators() {
        assert_eq!(figure(54.0, 1), "54");
        assert_eq!(figure(53.70, 2), "53.7");
        assert_eq!(figure(2170.0, 0), "2,170");
        assert_eq!(figure(-0.04, 1), "0");
        assert_eq!(figure(0.1, 2), "0.1");
        assert_eq!(limit_figure(34.65, 1), "34.65");
        assert_eq!(limit_figure(51.3, 1), "51.3");
    }

    #[test]
    fn tolerance_defaults_to_five_percent_of_the_size() {
        let mut k = Kpi::default();
        assert!((tolerance_for(&k, 54.0) - 2.7).abs() < 1e-12);
        assert!((tolerance_for(&k, -10.0) - 0.5).abs() < 1e-12);
        assert_eq!(tolerance_for(&k, 0.0), 0.0);
        k.tolerance = Some(Tolerance::Absolute(-3.0));
        assert_eq!(tolerance_for(&k, 0.0), 3.0);
        k.tolerance = Some(Tolerance::Percent(10.0));
        assert_eq!(tolerance_for(&k, 50.0), 5.0);
        k.tolerance = Some(Tolerance::Absolute(f64::INFINITY));
        assert_eq!(tolerance_for(&k, 50.0), 0.0);
    }

    #[test]
    fn unavailable_wording_follows_the_label() {
        let w = |l: &str| unavailable_words(&Value::not_available(l));
        assert_eq!(w("Not yet available"), "not yet available");
        assert_eq!(w("not yet"), "not yet available");
        assert_eq!(w("N/A"), "not available");
        assert_eq!(w(""), "not available");
        assert_eq!(w("TBA"), "not available (TBA)");
    }

    #[test]
    fn direction_between_in_each_polarity() {
        use Direction::*;
        use Polarity::*;
        let cases = [
            (HigherIsBetter, 1.0, 2.0, None, Improving),
            (LowerIsBetter, 1.0, 2.0, None, Worsening),
            (LowerIsBetter, 2.0, 2.0, None, NoChange),
            (CloserIsBetter, 1.0, 2.0, Some(5.0), Improving),
            (CloserIsBetter, 4.0, 7.0, Some(5.0), Worsening),
            (CloserIsBetter, 4.0, 6.0, Some(5.0), NoChange),
            (CloserIsBetter, 1.0, 2.0, None, NotComparable),
            (Neither, 1.0, 2.0, None, NotComparable),
            // Floating-point noise is no change.
            (HigherIsBetter, 0.3, 0.1 + 0.2, None, NoChange),
        ];
        for (polarity, from, to, target, want) in cases {
            assert_eq!(
                direction_between(polarity, from, to, target),
                want,
                "{polarity:?} {from} → {to} (target {target:?})"
            );
        }
    }
}
