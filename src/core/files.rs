//! The Files page's rules: what a plan file holds and how big things are in words,
//! how full the browser's storage is, the size limit on an import, and the names
//! given to snapshots and automatic backups.

use super::date::Date;
use super::format::MAX_FILE_BYTES;
use super::model::Plan;

/// About how much a browser lets one site keep in local storage, in characters
/// (5 MiB; browsers count local storage in UTF-16 code units).
pub const STORAGE_LIMIT_CHARS: f64 = 5.0 * 1024.0 * 1024.0;

/// From this share of [`STORAGE_LIMIT_CHARS`] (in %), storage is "nearly full".
pub const NEARLY_FULL_PERCENT: f64 = 80.0;

/// A size in megabytes with one decimal: "1.2 MB" (1 MB = 1,048,576).
pub fn size_words(units: f64) -> String {
    format!("{:.1} MB", units / (1024.0 * 1024.0))
}

/// "1 action", "7 actions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What a plan holds: "4 priorities, 40 actions, 54 KPIs" ("1 priority, 1 action,
/// 1 KPI").
pub fn contents_words(plan: &Plan) -> String {
    format!(
        "{}, {}, {}",
        count(plan.priorities.len(), "priority", "priorities"),
        count(plan.action_count(), "action", "actions"),
        count(plan.kpis.len(), "KPI", "KPIs")
    )
}

/// How much of the browser's storage the plans use.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageUse {
    /// Share of [`STORAGE_LIMIT_CHARS`], 0 to 100 (more is shown as 100).
    pub percent: f64,
    /// "Plans use 1.2 MB of about 5.0 MB this browser allows for this site (24%)."
    pub words: String,
    /// At or above [`NEARLY_FULL_PERCENT`]: the page warns.
    pub nearly_full: bool,
}

/// The storage used by `chars` characters of stored plans.
pub fn storage_use(chars: f64) -> StorageUse {
    let percent = (chars.max(0.0) / STORAGE_LIMIT_CHARS * 100.0).min(100.0);
    StorageUse {
        percent,
        words: format!(
            "Plans use {} of about {} this browser allows for this site ({percent:.0}%).",
            size_words(chars.max(0.0)),
            size_words(STORAGE_LIMIT_CHARS)
        ),
        nearly_full: percent >= NEARLY_FULL_PERCENT,
    }
}

/// Refuses a file larger than [`MAX_FILE_BYTES`] before it is read, with the
/// message the user sees; a file of exactly the limit is read.
pub fn check_file_size(name: &str, bytes: f64) -> Result<(), String> {
    if bytes > MAX_FILE_BYTES as f64 {
        return Err(format!(
            "“{name}” was not opened: it is {} and the largest plan file Waymark opens is {} MB. Nothing has changed.",
            size_words(bytes),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// A snapshot's name: what the user typed, trimmed, or "Snapshot of 22 November
/// 2026" when they typed nothing.
pub fn snapshot_name(typed: &str, today: Date) -> String {
    match typed.trim() {
        "" => format!("Snapshot of {}", today.long()),
        t => t.to_string(),
    }
}

/// The automatic backup's name when an imported file replaces the open plan:
/// "Before importing “Board version”, 22 November 2026".
pub fn backup_before_import(incoming_title: &str, today: Date) -> String {
    format!("Before importing “{incoming_title}”, {}", today.long())
}

/// The automatic backup's name when a snapshot or backup from the library replaces
/// the open plan: "Before opening “Before the board”, 22 November 2026".
pub fn backup_before_opening(entry_name: &str, today: Date) -> String {
    format!("Before opening “{entry_name}”, {}", today.long())
}

/// The automatic backup's name before a returned file is merged: "Before
/// merging updates from Health, 3 December 2026".
pub fn backup_before_merge(sender: &str, today: Date) -> String {
    format!(
        "Before merging updates from {}, {}",
        sender.trim(),
        today.long()
    )
}

/// The name of the version kept when updates are asked for: "Sent to Health
/// for updates, 1 December 2026".
pub fn base_name(for_whom: &str, today: Date) -> String {
    format!("Sent to {} for updates, {}", for_whom.trim(), today.long())
}

/// "cyps-performance-improvement-plan" from a title.
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    let s: String = s.chars().take(60).collect();
    if s.is_empty() {
        "plan".into()
    } else {
        s.trim_end_matches('-').to_string()
    }
}
