//! Calendar dates without a time zone, as plans use them ("31 October 2009").
//!
//! Stored and exchanged as ISO 8601 `YYYY-MM-DD`. Parsing rejects dates that do not
//! exist (31 February), so a `Date` is always a real date.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A real calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date in the form YYYY-MM-DD")]
    Format(String),
    #[error("'{0}' is not a real date")]
    NotReal(String),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date from its parts, or `None` if it does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let t = s.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let bad = || DateError::Format(s.to_string());
        if parts.len() != 3
            || parts[0].len() != 4
            || parts[1].is_empty()
            || parts[1].len() > 2
            || parts[2].is_empty()
            || parts[2].len() > 2
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let y: i32 = parts[0].parse().map_err(|_| bad())?;
        let m: u8 = parts[1].parse().map_err(|_| bad())?;
        let d: u8 = parts[2].parse().map_err(|_| bad())?;
        Date::new(y, m, d).ok_or_else(|| DateError::NotReal(s.to_string()))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date a number of days after 1970-01-01.
    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (y + i64::from(m <= 2)) as i32;
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// "31 October 2009", the way plans write dates.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// "31 Oct 2009", for tables.
    pub fn short(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            &MONTHS[usize::from(self.month - 1)][..3],
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).map_err(serde::de::Error::custom)
    }
}

/// An ISO 8601 time stamp as people read it, in UTC:
/// "2026-11-22T10:04:00.000Z" → "22 November 2026 at 10:04 UTC"; a date alone
/// ("2026-11-22") → "22 November 2026"; anything else is shown as it is.
pub fn human_time(iso: &str) -> String {
    let date = iso.get(..10).and_then(|d| Date::parse_iso(d).ok());
    let time = iso.get(11..16).unwrap_or("");
    match date {
        Some(d) if !time.is_empty() => format!("{} at {time} UTC", d.long()),
        Some(d) => d.long(),
        None => iso.to_string(),
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A real calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_refuses_unreal_ones() {
        assert_eq!(
            Date::parse_iso("2009-10-31"),
            Ok(Date::new(2009, 10, 31).unwrap())
        );
        assert_eq!(
            Date::parse_iso("2009-02-31"),
            Err(DateError::NotReal("2009-02-31".into()))
        );
        assert!(Date::parse_iso("2008-02-29").is_ok());
        assert!(Date::parse_iso("2009-02-29").is_err());
        assert!(matches!(
            Date::parse_iso("31/10/2009"),
            Err(DateError::Format(_))
        ));
        assert!(Date::parse_iso("").is_err());
        assert!(Date::parse_iso("2009-1x-01").is_err());
    }

    #[test]
    fn epoch_days_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 14_000, 20_000, 2_900_000] {
            let d = Date::from_days_since_epoch(z);
            assert_eq!(d.days_since_epoch(), z, "{d}");
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2009, 10, 31).unwrap().long(), "31 October 2009");
    }

    #[test]
    fn human_time_reads_stamps_dates_and_leaves_the_rest() {
        assert_eq!(
            human_time("2026-11-22T10:04:00.000Z"),
            "22 November 2026 at 10:04 UTC"
        );
        assert_eq!(human_time("2009-06-01T09:05"), "1 June 2009 at 09:05 UTC");
        assert_eq!(human_time("2026-11-22"), "22 November 2026");
        assert_eq!(human_time("2026-11-22T1"), "22 November 2026");
        assert_eq!(human_time("2026-02-30T10:04:00Z"), "2026-02-30T10:04:00Z");
        assert_eq!(human_time("yesterday"), "yesterday");
        assert_eq!(human_time(""), "");
    }
}
