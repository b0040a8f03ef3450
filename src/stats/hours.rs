//! Working hours (`working_hours = "Mon-Fri 09:00-18:00"`): the part of a wait that falls in
//! them, so response times count business time only.

use std::fmt;

use chrono::{Datelike, Duration};
use chrono_tz::Tz;

use super::period::{local_date, local_instant};
use crate::domain::Timestamp;

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The days of the week and the hours of the day the team works, in the configured zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingHours {
    /// Monday first.
    days: [bool; 7],
    /// Minutes after midnight the day starts.
    start: u32,
    /// Minutes after midnight the day ends (up to 1440).
    end: u32,
}

impl WorkingHours {
    /// Reads `Mon-Fri 09:00-18:00`: days (a range `Mon-Fri`, a list `Mon,Wed,Fri`, or both
    /// `Mon-Wed,Sat`) and one span of hours (`24:00` ends at midnight).
    pub fn parse(text: &str) -> Result<WorkingHours, String> {
        let (days_text, hours_text) = text.trim().split_once(' ').ok_or_else(|| {
            format!("expected days and hours, as `Mon-Fri 09:00-18:00`, got `{text}`")
        })?;
        let mut days = [false; 7];
        for part in days_text.split(',') {
            let (first, last) = match part.split_once('-') {
                Some((first, last)) => (day_index(first)?, day_index(last)?),
                None => (day_index(part)?, day_index(part)?),
            };
            if last < first {
                return Err(format!("`{part}` runs backwards"));
            }
            days[first..=last].iter_mut().for_each(|day| *day = true);
        }
        let (start, end) = hours_text
            .trim()
            .split_once('-')
            .ok_or_else(|| format!("expected hours as `09:00-18:00`, got `{hours_text}`"))?;
        let (start, end) = (minute_of_day(start)?, minute_of_day(end)?);
        if end <= start {
            return Err(format!("the day ends before it starts in `{hours_text}`"));
        }
        Ok(WorkingHours { days, start, end })
    }

    /// How many milliseconds of working time lie between `from` and `to` in `zone`.
    pub fn business_ms(&self, from: Timestamp, to: Timestamp, zone: Tz) -> i64 {
        if to <= from {
            return 0;
        }
        let (first, last) = (local_date(from, zone), local_date(to, zone));
        let mut total = 0;
        let mut day = first;
        while day <= last {
            if self.days[day.weekday().num_days_from_monday() as usize] {
                let open = local_instant(day, self.start, zone).max(from);
                let close = local_instant(day, self.end, zone).min(to);
                total += (close.0 - open.0).max(0);
            }
            day += Duration::days(1);
        }
        total
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut runs = Vec::new();
        let mut index = 0;
        while index < 7 {
            if !self.days[index] {
                index += 1;
                continue;
            }
            let first = index;
            while index + 1 < 7 && self.days[index + 1] {
                index += 1;
            }
            runs.push(if first == index {
                title(DAY_NAMES[first])
            } else {
                format!("{}-{}", title(DAY_NAMES[first]), title(DAY_NAMES[index]))
            });
            index += 1;
        }
        let hhmm = |minute: u32| format!("{:02}:{:02}", minute / 60, minute % 60);
        write!(
            f,
            "{} {}-{}",
            runs.join(","),
            hhmm(self.start),
            hhmm(self.end)
        )
    }
}

fn title(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn day_index(name: &str) -> Result<usize, String> {
    let lower = name.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .position(|day| lower.len() >= 3 && day.starts_with(&lower[..3]) && lower.len() <= 9)
        .ok_or_else(|| format!("`{name}` is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)"))
}

/// `09:00` as minutes after midnight (`24:00` is 1440).
pub(super) fn minute_of_day(text: &str) -> Result<u32, String> {
    let bad = || format!("`{text}` is not a time of day (HH:MM)");
    let (hours, minutes) = text.trim().split_once(':').ok_or_else(bad)?;
    let (hours, minutes): (u32, u32) = (
        hours.parse().map_err(|_| bad())?,
        minutes.parse().map_err(|_| bad())?,
    );
    if minutes > 59 || hours > 24 || (hours == 24 && minutes > 0) {
        return Err(bad());
    }
    Ok(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;

    const ZONE: Tz = chrono_tz::Europe::Lisbon;
    const HOUR: i64 = 3_600_000;

    fn at(day: u32, hour: u32) -> Timestamp {
        let local = NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap();
        Timestamp(ZONE.from_local_datetime(&local).unwrap().timestamp_millis())
    }

    #[test]
    fn reads_days_and_hours_and_writes_them_back() {
        let hours = WorkingHours::parse("Mon-Fri 09:00-18:00").unwrap();
        assert_eq!(hours.to_string(), "Mon-Fri 09:00-18:00");
        let odd = WorkingHours::parse("mon,wed-thu,Saturday 08:30-24:00").unwrap();
        assert_eq!(odd.to_string(), "Mon,Wed-Thu,Sat 08:30-24:00");
        for bad in [
            "Mon-Fri",
            "Fri-Mon 09:00-18:00",
            "Xyz 09:00-18:00",
            "Mon 18:00-09:00",
            "Mon 9-18",
            "Mon 09:00-25:00",
        ] {
            assert!(WorkingHours::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_only_the_working_part_of_a_wait() {
        let hours = WorkingHours::parse("Mon-Fri 09:00-18:00").unwrap();
        // 2026-12-04 is a Friday: 17:00 Friday to 10:00 Monday is two working hours.
        assert_eq!(hours.business_ms(at(4, 17), at(7, 10), ZONE), 2 * HOUR);
        // Within one working day it is the plain difference.
        assert_eq!(hours.business_ms(at(7, 10), at(7, 12), ZONE), 2 * HOUR);
        // A whole weekend counts nothing.
        assert_eq!(hours.business_ms(at(5, 10), at(6, 20), ZONE), 0);
        // Reversed or empty spans count nothing.
        assert_eq!(hours.business_ms(at(7, 12), at(7, 10), ZONE), 0);
    }
}
