//! The weekly digest's schedule (`digest = "Mon 09:00"`): when it is next due, and which week
//! it reports.

use std::fmt;

use chrono::{Datelike, Duration};
use chrono_tz::Tz;

use super::hours::minute_of_day;
use super::period::{local_date, local_instant};
use crate::domain::Timestamp;

/// A day of the week and a time of day, in the configured zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigestSchedule {
    /// Monday is 0.
    weekday: u32,
    /// Minutes after midnight.
    minute: u32,
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl DigestSchedule {
    /// Reads `Mon 09:00`.
    pub fn parse(text: &str) -> Result<DigestSchedule, String> {
        let (day, time) = text
            .trim()
            .split_once(' ')
            .ok_or_else(|| format!("expected a day and a time, as `Mon 09:00`, got `{text}`"))?;
        let weekday = DAYS
            .iter()
            .position(|name| name.eq_ignore_ascii_case(day.trim()))
            .ok_or_else(|| format!("`{day}` is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)"))?;
        let minute = minute_of_day(time)?;
        if minute >= 24 * 60 {
            return Err(format!("`{time}` is not a time of day (00:00 to 23:59)"));
        }
        Ok(DigestSchedule {
            weekday: weekday as u32,
            minute,
        })
    }

    /// The first instant the digest is due strictly after `after`.
    pub fn next_after(&self, after: Timestamp, zone: Tz) -> Timestamp {
        let today = local_date(after, zone);
        let ahead = (7 + self.weekday - today.weekday().num_days_from_monday()) % 7;
        let mut day = today + Duration::days(i64::from(ahead));
        loop {
            let due = local_instant(day, self.minute, zone);
            if due > after {
                return due;
            }
            day += Duration::days(7);
        }
    }
}

impl fmt::Display for DigestSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {:02}:{:02}",
            DAYS[self.weekday as usize],
            self.minute / 60,
            self.minute % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;

    const ZONE: Tz = chrono_tz::Europe::Berlin;

    fn at(month: u32, day: u32, hour: u32, minute: u32) -> Timestamp {
        let local = NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap();
        Timestamp(ZONE.from_local_datetime(&local).unwrap().timestamp_millis())
    }

    #[test]
    fn the_next_digest_is_the_coming_weekday_at_its_time() {
        let monday = DigestSchedule::parse("mon 09:00").unwrap();
        assert_eq!(monday.to_string(), "Mon 09:00");
        // Wednesday 2 December 2026 -> Monday 7 December.
        assert_eq!(monday.next_after(at(12, 2, 12, 0), ZONE), at(12, 7, 9, 0));
        // Monday before nine -> the same day; at nine exactly -> a week later.
        assert_eq!(monday.next_after(at(12, 7, 8, 59), ZONE), at(12, 7, 9, 0));
        assert_eq!(monday.next_after(at(12, 7, 9, 0), ZONE), at(12, 14, 9, 0));
        // Across the change to summer time the local time stays 09:00.
        assert_eq!(monday.next_after(at(3, 25, 0, 0), ZONE), at(3, 30, 9, 0));
        for bad in ["Monday", "Mon", "Xyz 09:00", "Mon 24:00", "Mon 9h"] {
            assert!(DigestSchedule::parse(bad).is_err(), "{bad}");
        }
    }
}
