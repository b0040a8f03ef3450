//! The period a report covers, as the team writes it: `today`, `7d`, `30d` (any `Nd` up to a
//! year), `month`, or `2026-11-01..2026-11-30`, in the configured time zone.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::Timestamp;

/// The longest period a report covers, in days.
pub const MAX_DAYS: i64 = 366;

/// A stretch of time: from the start of its first day to its end (now, for a period that
/// reaches today), with its days in the time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The first instant counted.
    pub from: Timestamp,
    /// The first instant not counted.
    pub to: Timestamp,
    /// Its first day.
    pub first_day: NaiveDate,
    /// Its last day.
    pub last_day: NaiveDate,
}

/// Why a period was not understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PeriodError {
    /// Not one of the forms.
    #[error("unknown period `{0}`")]
    Unknown(String),
    /// The range ends before it starts, or starts after today.
    #[error("the range ends before it starts or lies in the future")]
    Reversed,
    /// More than a year.
    #[error("longer than {MAX_DAYS} days")]
    TooLong,
}

impl Period {
    /// Reads `text` (empty: the last 7 days) at `now` in `zone`.
    pub fn parse(text: &str, now: Timestamp, zone: Tz) -> Result<Period, PeriodError> {
        let text = text.trim().to_lowercase();
        let today = local_date(now, zone);
        let last_days =
            |days: i64| Period::days(today - Duration::days(days - 1), today, now, zone);
        match text.as_str() {
            "" => last_days(7),
            "today" => last_days(1),
            "month" => Period::days(today.with_day(1).unwrap_or(today), today, now, zone),
            _ => {
                if let Some(days) = text.strip_suffix('d').and_then(|n| n.parse::<i64>().ok()) {
                    return match days {
                        1..=MAX_DAYS => last_days(days),
                        0 => Err(PeriodError::Unknown(text)),
                        _ => Err(PeriodError::TooLong),
                    };
                }
                let (first, last) = text
                    .split_once("..")
                    .and_then(|(a, b)| Some((date(a)?, date(b)?)))
                    .ok_or_else(|| PeriodError::Unknown(text.clone()))?;
                Period::days(first, last, now, zone)
            }
        }
    }

    /// The `days` whole days before the day `now` falls on (the weekly digest's week).
    pub fn days_before(now: Timestamp, days: i64, zone: Tz) -> Period {
        let today = local_date(now, zone);
        let first = today - Duration::days(days);
        Period {
            from: day_start(first, zone),
            to: day_start(today, zone),
            first_day: first,
            last_day: today - Duration::days(1),
        }
    }

    /// From the start of `first` to the end of `last` (or `now`, whichever comes first).
    fn days(
        first: NaiveDate,
        last: NaiveDate,
        now: Timestamp,
        zone: Tz,
    ) -> Result<Period, PeriodError> {
        let from = day_start(first, zone);
        if last < first || from > now {
            return Err(PeriodError::Reversed);
        }
        if (last - first).num_days() >= MAX_DAYS {
            return Err(PeriodError::TooLong);
        }
        let end = day_start(last + Duration::days(1), zone);
        Ok(Period {
            from,
            to: end.min(now),
            first_day: first,
            last_day: last,
        })
    }

    /// Every day of the period, in order.
    pub fn each_day(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        self.first_day.iter_days().take_while({
            let last = self.last_day;
            move |day| *day <= last
        })
    }

    /// Whether `at` falls within the period.
    pub fn contains(&self, at: Timestamp) -> bool {
        self.from <= at && at < self.to
    }

    /// The period as `2026-11-01..2026-11-30` (a single day as itself).
    pub fn label(&self) -> String {
        if self.first_day == self.last_day {
            self.first_day.to_string()
        } else {
            format!("{}..{}", self.first_day, self.last_day)
        }
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The day `at` falls on in `zone`.
pub fn local_date(at: Timestamp, zone: Tz) -> NaiveDate {
    local_time(at, zone).date_naive()
}

/// `at` in `zone`.
pub fn local_time(at: Timestamp, zone: Tz) -> DateTime<Tz> {
    let utc = DateTime::<Utc>::from_timestamp_millis(at.0).unwrap_or_default();
    utc.with_timezone(&zone)
}

/// How many seconds `zone`'s wall clock is ahead of UTC at `at` (negative west of Greenwich).
pub fn utc_offset_seconds(at: Timestamp, zone: Tz) -> i64 {
    i64::from(local_time(at, zone).offset().fix().local_minus_utc())
}

/// The first instant of `day` in `zone` (past a daylight-saving gap at midnight, its end).
pub fn day_start(day: NaiveDate, zone: Tz) -> Timestamp {
    local_instant(day, 0, zone)
}

/// The instant of `minute` minutes after midnight on `day` in `zone` (1440: the next
/// midnight); a local time skipped by a daylight-saving change counts from the change.
pub fn local_instant(day: NaiveDate, minute: u32, zone: Tz) -> Timestamp {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let wanted = midnight + Duration::minutes(i64::from(minute));
    for shift in 0..=180 {
        let local = wanted + Duration::minutes(shift);
        if let Some(instant) = zone.from_local_datetime(&local).earliest() {
            return Timestamp(instant.timestamp_millis());
        }
    }
    Timestamp(wanted.and_utc().timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZONE: Tz = chrono_tz::America::Sao_Paulo;

    /// 2026-11-20 15:00 in São Paulo (UTC-3).
    fn now() -> Timestamp {
        Timestamp(
            Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0)
                .unwrap()
                .timestamp_millis(),
        )
    }

    fn at(day: u32) -> Timestamp {
        day_start(NaiveDate::from_ymd_opt(2026, 11, day).unwrap(), ZONE)
    }

    #[test]
    fn each_form_covers_its_days_in_the_zone() {
        let week = Period::parse("", now(), ZONE).unwrap();
        assert_eq!((week.from, week.to), (at(14), now()));
        assert_eq!(week.each_day().count(), 7);
        assert_eq!(week.from.0 % 86_400_000, 3 * 3_600_000, "midnight at UTC-3");
        let today = Period::parse("today", now(), ZONE).unwrap();
        assert_eq!((today.from, today.label()), (at(20), "2026-11-20".into()));
        assert_eq!(
            Period::parse("30d", now(), ZONE)
                .unwrap()
                .each_day()
                .count(),
            30
        );
        assert_eq!(Period::parse("month", now(), ZONE).unwrap().from, at(1));
        let range = Period::parse("2026-11-01..2026-11-10", now(), ZONE).unwrap();
        assert_eq!((range.from, range.to), (at(1), at(11)));
        assert_eq!(range.label(), "2026-11-01..2026-11-10");
    }

    #[test]
    fn the_digest_week_is_the_seven_days_before_today() {
        let week = Period::days_before(now(), 7, ZONE);
        assert_eq!((week.from, week.to), (at(13), at(20)));
        assert_eq!(week.label(), "2026-11-13..2026-11-19");
    }

    #[test]
    fn bad_periods_say_why() {
        let parse = |text| Period::parse(text, now(), ZONE).unwrap_err();
        assert_eq!(parse("fortnight"), PeriodError::Unknown("fortnight".into()));
        assert_eq!(parse("0d"), PeriodError::Unknown("0d".into()));
        assert_eq!(parse("400d"), PeriodError::TooLong);
        assert_eq!(parse("2026-11-10..2026-11-01"), PeriodError::Reversed);
        assert_eq!(parse("2027-01-01..2027-01-02"), PeriodError::Reversed);
        assert_eq!(parse("2024-01-01..2026-01-02"), PeriodError::TooLong);
        assert_eq!(
            parse("2026-13-01..2026-13-02"),
            PeriodError::Unknown("2026-13-01..2026-13-02".into())
        );
    }
}
