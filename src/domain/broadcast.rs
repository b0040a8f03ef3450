//! Broadcasts: one message from the team's lobby copied to every customer of a segment, with
//! its record ([`Broadcast`]), where it stands ([`BroadcastStatus`]), what it achieved
//! ([`BroadcastCounts`]) and when it goes out ([`parse_schedule`]).
//!
//! The desk owns the record; the sender's broadcast lane reads it to know what to send and
//! reports progress back as events. Each recipient's delivery is recorded apart, by the lane.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{ChatId, MessageId, Timestamp, UserId, parse_duration};

/// A broadcast's number, counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BroadcastId(pub u64);

impl std::fmt::Display for BroadcastId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Where a broadcast stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BroadcastStatus {
    /// Its recipients are being counted for the preview.
    Counting,
    /// The preview is shown; nothing goes out before someone presses Send.
    Draft,
    /// Confirmed, waiting for its time.
    Scheduled,
    /// Going out.
    Running,
    /// Stopped for now by the team; Resume goes on where it stopped.
    Paused,
    /// Every recipient was tried.
    Done,
    /// Cancelled before it was done.
    Cancelled,
}

impl BroadcastStatus {
    /// Whether the broadcast may still send something.
    pub fn is_active(self) -> bool {
        !matches!(self, BroadcastStatus::Done | BroadcastStatus::Cancelled)
    }

    /// The stable lower-case name used in exports and texts.
    pub fn name(self) -> &'static str {
        match self {
            BroadcastStatus::Counting => "counting",
            BroadcastStatus::Draft => "draft",
            BroadcastStatus::Scheduled => "scheduled",
            BroadcastStatus::Running => "running",
            BroadcastStatus::Paused => "paused",
            BroadcastStatus::Done => "done",
            BroadcastStatus::Cancelled => "cancelled",
        }
    }
}

/// What a broadcast achieved so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BroadcastCounts {
    /// Recipients in the segment when it was counted (banned, blocked and opted-out customers
    /// left out).
    pub total: u64,
    /// Delivered.
    pub sent: u64,
    /// The customer has blocked the bot (now flagged on their record).
    pub blocked: u64,
    /// Refused by Telegram for another reason.
    pub failed: u64,
    /// Sent or not, nobody knows: the bot stopped between the call and its record (a crash).
    /// Never sent again.
    pub uncertain: u64,
    /// Failures by reason, most frequent first (at most a few).
    pub reasons: Vec<(String, u64)>,
}

impl BroadcastCounts {
    /// Recipients tried so far, whatever the outcome.
    pub fn done(&self) -> u64 {
        self.sent + self.blocked + self.failed + self.uncertain
    }
}

/// A broadcast, as the desk keeps it (and the audit lists it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Broadcast {
    /// Its number.
    pub id: BroadcastId,
    /// Who composed it.
    pub author: String,
    /// Their account, when they wrote as themself.
    pub author_id: Option<UserId>,
    /// When it was composed.
    pub created_at: Timestamp,
    /// The chat of the message to copy (the team chat).
    pub chat: ChatId,
    /// The message to copy, or an album's items in order.
    pub messages: Vec<MessageId>,
    /// The `/send` command, which the preview answers.
    pub command: MessageId,
    /// The segment as typed (it parses: it was checked when composed).
    pub segment: String,
    /// When it goes out (`None`: as soon as Send is pressed).
    pub at: Option<Timestamp>,
    /// Where it stands.
    pub status: BroadcastStatus,
    /// The preview message (its buttons, then its progress), once known.
    pub preview: Option<MessageId>,
    /// What it achieved so far.
    pub counts: BroadcastCounts,
    /// When it started going out.
    pub started_at: Option<Timestamp>,
    /// When it ended (done or cancelled).
    pub finished_at: Option<Timestamp>,
}

/// When a broadcast goes out, as typed after the segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// As soon as Send is pressed.
    Now,
    /// At this instant.
    At(Timestamp),
}

/// Why a schedule cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// Not `at <date> <time>` or `in <duration>`.
    Unreadable,
    /// The instant is not in the future.
    InThePast,
}

/// The most a broadcast may be scheduled ahead.
const MAX_AHEAD: Duration = Duration::from_secs(366 * 24 * 3600);

/// Reads `at 2026-12-24 09:00` (a wall-clock time `offset` ahead of UTC: the configured time
/// zone's offset at that date, from `offset_at`) or `in 2h` (`30m`, `1h30m`, `2d`), relative to
/// `now`. Empty text means now.
pub fn parse_schedule(
    text: &str,
    now: Timestamp,
    offset_at: impl Fn(Timestamp) -> i64,
) -> Result<Schedule, ScheduleError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = match words.as_slice() {
        [] => return Ok(Schedule::Now),
        ["in", amount] => {
            let duration = parse_span(amount).ok_or(ScheduleError::Unreadable)?;
            now.plus(duration)
        }
        ["at", date, time] => {
            let local = parse_local(date, time).ok_or(ScheduleError::Unreadable)?;
            // The offset of the instant the wall-clock time names, looked up once near it.
            let guess = Timestamp(local.0 - offset_at(Timestamp(local.0)) * 1000);
            Timestamp(local.0 - offset_at(guess) * 1000)
        }
        _ => return Err(ScheduleError::Unreadable),
    };
    if at <= now {
        return Err(ScheduleError::InThePast);
    }
    if at > now.plus(MAX_AHEAD) {
        return Err(ScheduleError::Unreadable);
    }
    Ok(Schedule::At(at))
}

/// `2h`, `30m`, `1h30m`, `2d`: a sum of whole amounts with units.
fn parse_span(text: &str) -> Option<Duration> {
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let (number, tail) = rest.split_at(digits);
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (unit, next) = tail.split_at(unit_len);
        let part = match unit {
            "d" => Duration::from_secs(number.parse::<u64>().ok()?.checked_mul(86_400)?),
            "s" | "m" | "h" => parse_duration(&format!("{number}{unit}"))?,
            _ => return None,
        };
        total = total.checked_add(part)?;
        rest = next;
    }
    (!total.is_zero()).then_some(total)
}

/// `YYYY-MM-DD` and `HH:MM` as milliseconds since the epoch, read as if they were UTC.
fn parse_local(date: &str, time: &str) -> Option<Timestamp> {
    let mut date_parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (year, month, day) = (
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
        date_parts.next()?.ok()?,
    );
    let (hour, minute) = time.split_once(':')?;
    let (hour, minute) = (hour.parse::<i64>().ok()?, minute.parse::<i64>().ok()?);
    let valid = (1970..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute);
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(Timestamp(
        (days * 86_400 + hour * 3600 + minute * 60) * 1000,
    ))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp(1_790_000_000_000);

    fn utc(text: &str) -> Result<Schedule, ScheduleError> {
        parse_schedule(text, NOW, |_| 0)
    }

    #[test]
    fn nothing_means_now_and_in_adds_a_span() {
        assert_eq!(utc(""), Ok(Schedule::Now));
        assert_eq!(
            utc("in 2h"),
            Ok(Schedule::At(NOW.plus(Duration::from_secs(7200))))
        );
        assert_eq!(
            utc("in 1h30m"),
            Ok(Schedule::At(NOW.plus(Duration::from_secs(5400))))
        );
        assert_eq!(
            utc("in 2d"),
            Ok(Schedule::At(NOW.plus(Duration::from_secs(172_800))))
        );
        assert_eq!(utc("in 0m"), Err(ScheduleError::Unreadable));
        assert_eq!(utc("in soon"), Err(ScheduleError::Unreadable));
        assert_eq!(utc("tomorrow"), Err(ScheduleError::Unreadable));
    }

    #[test]
    fn at_reads_a_wall_clock_time_in_the_zone() {
        let christmas = Timestamp::from_unix_seconds(1_798_102_800); // 2026-12-24 09:00 UTC
        assert_eq!(utc("at 2026-12-24 09:00"), Ok(Schedule::At(christmas)));
        assert_eq!(christmas.utc_string(), "2026-12-24 09:00 UTC");
        // São Paulo, three hours behind UTC: 09:00 there is 12:00 UTC.
        let brazil = parse_schedule("at 2026-12-24 09:00", NOW, |_| -3 * 3600);
        assert_eq!(
            brazil,
            Ok(Schedule::At(christmas.plus(Duration::from_secs(3 * 3600))))
        );
    }

    #[test]
    fn past_and_impossible_times_are_refused() {
        assert_eq!(utc("at 2020-01-01 09:00"), Err(ScheduleError::InThePast));
        assert_eq!(utc("at 2026-02-30 09:00"), Err(ScheduleError::Unreadable));
        assert_eq!(utc("at 2026-12-24 24:00"), Err(ScheduleError::Unreadable));
        assert_eq!(utc("at 2026-12-24"), Err(ScheduleError::Unreadable));
        assert_eq!(utc("at 2099-12-24 09:00"), Err(ScheduleError::Unreadable));
    }
}
