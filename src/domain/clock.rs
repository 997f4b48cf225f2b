//! Time: a millisecond timestamp and the simulated clock. The domain never reads the system
//! clock: every command is given its `now` (`Workspace::execute`), which the UI takes from
//! [`simulated`] (real time plus the tab's offset) and tests choose outright.

use serde::{Deserialize, Serialize};

/// One hour in milliseconds.
pub const HOUR_MS: i64 = 3600 * 1000;
/// One day in milliseconds.
pub const DAY_MS: i64 = 24 * HOUR_MS;
/// A 待确认 application becomes 已超时 this many hours after it was submitted.
pub const APPLICATION_WINDOW_HOURS: i64 = 24;
/// [`APPLICATION_WINDOW_HOURS`] in milliseconds.
pub const APPLICATION_WINDOW_MS: i64 = APPLICATION_WINDOW_HOURS * HOUR_MS;

/// Milliseconds since the Unix epoch (UTC).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// This instant plus `ms` milliseconds.
    pub const fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }
    /// This instant plus `h` hours.
    pub const fn plus_hours(self, h: i64) -> Timestamp {
        self.plus_ms(h.saturating_mul(HOUR_MS))
    }
}

/// The latest time the app shows: 9999-12-30 23:59:59.999 UTC, still in 9999 in every time zone
/// (QA: an import dated later set the clock to a date shown as 0000-01-00 for good; 9999-12-31
/// 20:00 UTC showed as 10000-01-01 in UTC+8). An import with a later time is refused, and a
/// clock offset beyond it dropped ([`sane_offset`]).
pub const LATEST_SHOWN: Timestamp = Timestamp(253_402_214_399_999);

/// The simulated clock's time: real time plus `offset`, not past [`LATEST_SHOWN`] (durability
/// QA: set just short of it, the clock ran on past it with real time, recorded an action there,
/// and the export was then refused by its own import).
pub fn simulated(real_ms: i64, offset: i64) -> Timestamp {
    Timestamp(real_ms.saturating_add(offset).min(LATEST_SHOWN.0))
}

/// The clock's time `at`, or the latest recorded action's when `at` is before it: the
/// computer's clock set back while the app is open holds the clock at that action until real
/// time catches up, then it runs on (QA: it showed a time before the action, 739 hours left of
/// an application's 24; then, moved up by an offset, it stayed ahead once the clock was right).
/// Never past [`LATEST_SHOWN`], which an import refuses (durability QA). The one clamp of every
/// time a command or query runs at.
pub fn not_before(at: Timestamp, latest_event: Option<Timestamp>) -> Timestamp {
    latest_event.map_or(at, |l| at.max(l)).min(LATEST_SHOWN)
}

/// `offset` as the simulated clock's offset from `real_now`, or 0 when it would put the clock
/// before 1970 or after [`LATEST_SHOWN`] (a damaged or hand-edited session).
pub fn sane_offset(real_now: Timestamp, offset: i64) -> i64 {
    match real_now.0.checked_add(offset) {
        Some(t) if (0..=LATEST_SHOWN.0).contains(&t) => offset,
        _ => 0,
    }
}

/// The simulated clock's offset when going "back to real time": real time, unless the event log
/// already holds a later event — then that event's time. Simulated time never runs backwards behind
/// what was recorded (countdowns, expiry and the timeline's order depend on it).
pub fn real_time_offset(real_now: Timestamp, latest_event: Option<Timestamp>) -> i64 {
    // Not past the last date shown (review: events a damaged clock recorded took it there).
    latest_event.map_or(0, |t| (t.0.min(LATEST_SHOWN.0) - real_now.0).max(0))
}
