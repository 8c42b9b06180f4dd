//! When an autosave runs: a pure policy over a clock the caller gives (the page's
//! `performance.now()` in the app, plain numbers in tests).
//!
//! A save waits for a pause in editing ([`SavePolicy::pause_ms`]), but no longer
//! than [`SavePolicy::max_wait_ms`] after the first edit not yet saved, and starts at
//! least [`SavePolicy::gap_ms`] after the previous save ended: at most one save a
//! second however fast edits come, and the last edit is always saved.

/// The timings of the policy, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SavePolicy {
    /// A save waits for a pause in editing this long…
    pub pause_ms: f64,
    /// …but no longer than this after the first unsaved edit…
    pub max_wait_ms: f64,
    /// …and starts at least this long after the previous save ended.
    pub gap_ms: f64,
}

impl Default for SavePolicy {
    fn default() -> SavePolicy {
        SavePolicy {
            pause_ms: 300.0,
            max_wait_ms: 1000.0,
            gap_ms: 1010.0,
        }
    }
}

/// The policy's memory: when the first unsaved edit was made and when the last save
/// ended, on the caller's clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Autosave {
    policy: SavePolicy,
    first_unsaved: Option<f64>,
    last_save_end: f64,
}

impl Default for Autosave {
    fn default() -> Autosave {
        Autosave::new(SavePolicy::default())
    }
}

impl Autosave {
    pub fn new(policy: SavePolicy) -> Autosave {
        Autosave {
            policy,
            first_unsaved: None,
            last_save_end: f64::NEG_INFINITY,
        }
    }

    /// An edit was made at `now`: the time the save should run (on the same clock).
    /// Each edit replaces the time an earlier edit asked for.
    pub fn edited(&mut self, now: f64) -> f64 {
        let first = *self.first_unsaved.get_or_insert(now);
        (now + self.policy.pause_ms)
            .min(first + self.policy.max_wait_ms)
            .max(self.last_save_end + self.policy.gap_ms)
            .max(now)
    }

    /// A save starts: the edits so far are in it.
    pub fn saving(&mut self) {
        self.first_unsaved = None;
    }

    /// A save ended at `now` (whether it succeeded or not).
    pub fn saved(&mut self, now: f64) {
        self.last_save_end = now;
    }

    /// Whether edits are waiting for a save.
    pub fn pending(&self) -> bool {
        self.first_unsaved.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a stream of edits at these times: the times saves start, when each save
    /// takes `save_ms`.
    fn saves_for(edits: &[f64], save_ms: f64) -> Vec<f64> {
        let mut a = Autosave::default();
        let mut due: Option<f64> = None;
        let mut saves = Vec::new();
        let mut i = 0;
        loop {
            let next_edit = edits.get(i).copied();
            match (next_edit, due) {
                (Some(e), Some(d)) if d <= e => {
                    a.saving();
                    saves.push(d);
                    a.saved(d + save_ms);
                    due = None;
                }
                (Some(e), _) => {
                    due = Some(a.edited(e));
                    i += 1;
                }
                (None, Some(d)) => {
                    a.saving();
                    saves.push(d);
                    a.saved(d + save_ms);
                    due = None;
                }
                (None, None) => return saves,
            }
        }
    }

    #[test]
    fn one_edit_is_saved_after_a_pause() {
        let mut a = Autosave::default();
        assert_eq!(a.edited(1000.0), 1300.0);
        assert!(a.pending());
        a.saving();
        assert!(!a.pending());
    }

    #[test]
    fn an_edit_in_the_pause_moves_the_save_on() {
        let mut a = Autosave::default();
        a.edited(0.0);
        assert_eq!(a.edited(200.0), 500.0);
        assert_eq!(a.edited(400.0), 700.0);
    }

    #[test]
    fn steady_typing_is_saved_within_the_longest_wait() {
        let mut a = Autosave::default();
        a.edited(0.0);
        a.edited(500.0);
        // 900 + 300 would be 1,200: the first edit has waited long enough by 1,000.
        assert_eq!(a.edited(900.0), 1000.0);
    }

    #[test]
    fn a_save_waits_for_the_gap_after_the_last_save() {
        let mut a = Autosave::default();
        a.edited(0.0);
        a.saving();
        a.saved(320.0);
        // 400 + 300 = 700, but the last save ended at 320: not before 1,330.
        assert_eq!(a.edited(400.0), 1330.0);
    }

    #[test]
    fn a_due_time_is_never_in_the_past() {
        let mut a = Autosave::new(SavePolicy {
            pause_ms: 0.0,
            max_wait_ms: 0.0,
            gap_ms: 0.0,
        });
        a.edited(100.0);
        a.saving();
        assert_eq!(a.edited(50.0), 50.0);
    }

    #[test]
    fn edits_250_ms_apart_save_at_most_once_a_second_and_the_last_edit_is_saved() {
        let edits: Vec<f64> = (0..40).map(|i| f64::from(i) * 250.0).collect();
        let saves = saves_for(&edits, 5.0);
        for w in saves.windows(2) {
            assert!(w[1] - w[0] >= 1000.0, "saves {w:?} closer than a second");
        }
        let last_edit = *edits.last().unwrap();
        assert!(*saves.last().unwrap() >= last_edit);
        // ~10 s of typing: about ten saves, never none in a stretch of 1.5 s.
        assert!(saves.len() >= 9 && saves.len() <= 11, "{saves:?}");
        for w in saves.windows(2) {
            assert!(w[1] - w[0] <= 1300.0, "saves {w:?} too far apart");
        }
    }

    #[test]
    fn default_timings() {
        let p = SavePolicy::default();
        assert_eq!(
            (p.pause_ms, p.max_wait_ms, p.gap_ms),
            (300.0, 1000.0, 1010.0)
        );
    }
}
