//! The report's figures: tickets opened, closed and still open, response and resolution times,
//! busiest hours, origins, tags, ratings, and each team member's share (tallied by
//! [`Tally`](super::Tally)), and the scope they are read in.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::hours::WorkingHours;
use super::period::Period;
use crate::domain::Timestamp;

/// What a report is about: the period, the zone its days and hours are in, and the working
/// hours response times count in (`None`: all hours).
#[derive(Clone, Debug)]
pub struct ReportScope {
    /// The period.
    pub period: Period,
    /// The configured time zone.
    pub zone: Tz,
    /// The configured working hours.
    pub working_hours: Option<WorkingHours>,
}

impl ReportScope {
    /// The time between two instants that counts: working time only when working hours are
    /// set.
    pub(super) fn waited(&self, from: Timestamp, to: Timestamp) -> i64 {
        match &self.working_hours {
            Some(hours) => hours.business_ms(from, to, self.zone),
            None => (to.0 - from.0).max(0),
        }
    }
}

/// Upper bounds (exclusive) of the first-response distribution's buckets, in minutes; the last
/// bucket is everything longer.
pub const RESPONSE_BUCKETS_MINUTES: [i64; 5] = [5, 15, 60, 240, 1440];

/// A median and a 90th percentile of durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spread {
    /// How many durations.
    pub count: u32,
    /// Their median.
    pub median_ms: Option<i64>,
    /// Their 90th percentile.
    pub p90_ms: Option<i64>,
}

impl Spread {
    pub(super) fn of(mut durations: Vec<i64>) -> Spread {
        durations.sort_unstable();
        let at = |share: f64| {
            (!durations.is_empty()).then(|| {
                let rank = ((durations.len() as f64) * share).ceil() as usize;
                durations[rank.clamp(1, durations.len()) - 1]
            })
        };
        Spread {
            count: u32::try_from(durations.len()).unwrap_or(u32::MAX),
            median_ms: at(0.5),
            p90_ms: at(0.9),
        }
    }
}

/// One day's tickets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    /// The day, in the zone.
    pub day: NaiveDate,
    /// Tickets opened that day.
    pub opened: u32,
    /// Tickets closed that day.
    pub closed: u32,
}

/// One team member's share of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFigures {
    /// Their name, as last recorded.
    pub name: String,
    /// Replies they sent in the period.
    pub replies: u32,
    /// Tickets they closed in the period.
    pub closed: u32,
    /// The median time to their first replies, for tickets opened in the period.
    pub first_response: Spread,
}

/// Customers' ratings of tickets closed in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingFigures {
    /// How many tickets were rated.
    pub count: u32,
    /// The average score (1 to 5).
    pub average: Option<f64>,
    /// The share of 4 and 5, from 0 to 1.
    pub good_share: Option<f64>,
}

/// Everything a report says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Tickets opened in the period.
    pub opened: u32,
    /// Tickets closed in the period.
    pub closed: u32,
    /// Tickets open at the period's end.
    pub still_open: u32,
    /// Closed tickets whose customer came back within a day.
    pub reopened: u32,
    /// Time to the team's first reply, tickets opened in the period.
    pub first_response: Spread,
    /// Time from opening to closing, tickets closed in the period.
    pub resolution: Spread,
    /// Whether the times count working hours only.
    pub business_hours: bool,
    /// The first-response distribution (see [`RESPONSE_BUCKETS_MINUTES`]).
    pub response_buckets: [u32; 6],
    /// Tickets opened per hour of the day (0-23, in the zone).
    pub opened_by_hour: [u32; 24],
    /// Per day.
    pub days: Vec<DayFigures>,
    /// Tickets opened per origin (`""`: none), most first.
    pub origins: Vec<(String, u32)>,
    /// Tickets closed per tag they closed with, most first.
    pub tags: Vec<(String, u32)>,
    /// Per team member, most replies first.
    pub members: Vec<MemberFigures>,
    /// Ratings.
    pub ratings: RatingFigures,
}

impl Figures {
    /// The hours with the most tickets opened, most first (at most three, none empty).
    pub fn busiest_hours(&self) -> Vec<(u32, u32)> {
        let mut hours: Vec<(u32, u32)> = (0..24u32)
            .map(|hour| (hour, self.opened_by_hour[hour as usize]))
            .filter(|(_, count)| *count > 0)
            .collect();
        hours.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        hours.truncate(3);
        hours
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, OpenedBy, Origin, Ticket, TicketNumber, TicketStatus, UserId};
    use crate::stats::Tally;

    const ZONE: Tz = chrono_tz::UTC;
    const MINUTE: i64 = 60_000;

    fn now() -> Timestamp {
        // 2026-11-20 12:00 UTC.
        Timestamp(1_795_176_000_000)
    }

    fn member(id: i64, name: &str) -> Member {
        Member {
            id: UserId(id),
            name: name.into(),
        }
    }

    fn ticket(customer: i64, opened: Timestamp, origin: Option<&str>) -> Ticket {
        Ticket::open(
            UserId(customer),
            TicketNumber(1),
            opened,
            origin.and_then(Origin::parse),
            OpenedBy::Customer,
        )
    }

    fn close(ticket: &mut Ticket, at: Timestamp, by: Option<Member>, tags: &[&str]) {
        ticket.status = TicketStatus::Closed {
            at,
            by: by.as_ref().map(|m| m.name.clone()),
            note: None,
        };
        ticket.facts.closed_by = by;
        ticket.facts.tags_at_close = tags.iter().map(|t| t.to_string()).collect();
    }

    fn scope(working_hours: Option<&str>) -> ReportScope {
        ReportScope {
            period: Period::parse("7d", now(), ZONE).unwrap(),
            zone: ZONE,
            working_hours: working_hours.map(|h| WorkingHours::parse(h).unwrap()),
        }
    }

    #[test]
    fn counts_times_origins_tags_ratings_and_members() {
        let (maria, joao) = (member(1, "Maria"), member(2, "João"));
        let hour_ago = Timestamp(now().0 - 60 * MINUTE);
        let mut first = ticket(10, hour_ago, Some("ads"));
        first
            .facts
            .team_reply(Timestamp(hour_ago.0 + 4 * MINUTE), Some(maria.clone()));
        first
            .facts
            .team_reply(Timestamp(hour_ago.0 + 20 * MINUTE), Some(joao.clone()));
        close(
            &mut first,
            Timestamp(hour_ago.0 + 30 * MINUTE),
            Some(maria.clone()),
            &["vip"],
        );
        first.facts.rate(5, now());
        let mut second = ticket(11, Timestamp(hour_ago.0 - 120 * MINUTE), None);
        second
            .facts
            .team_reply(Timestamp(hour_ago.0 - 70 * MINUTE), Some(joao.clone()));
        let mut old = ticket(12, Timestamp(now().0 - 30 * 24 * 60 * MINUTE), Some("ads"));
        close(&mut old, Timestamp(hour_ago.0), None, &["vip", "refund"]);
        old.facts.rate(2, now());
        let outside = ticket(13, Timestamp(now().0 - 40 * 24 * 60 * MINUTE), None);

        let mut tally = Tally::new(scope(None));
        for ticket in [&first, &second, &old, &outside] {
            tally.add(ticket);
        }
        // Tallied in two parts (as the report's two readers do) and merged, the same figures.
        let (mut left, mut right) = (Tally::new(scope(None)), Tally::new(scope(None)));
        left.add(&first);
        left.add(&outside);
        right.add(&second);
        right.add(&old);
        left.merge(right);
        let figures = tally.finish();
        assert_eq!(left.finish(), figures);
        assert_eq!(
            (figures.opened, figures.closed, figures.still_open),
            (2, 2, 2)
        );
        assert_eq!(figures.first_response.count, 2);
        assert_eq!(figures.first_response.median_ms, Some(4 * MINUTE));
        assert_eq!(figures.first_response.p90_ms, Some(50 * MINUTE));
        assert_eq!(figures.response_buckets, [1, 0, 1, 0, 0, 0]);
        assert_eq!(figures.origins, [("".into(), 1), ("ads".into(), 1)]);
        assert_eq!(figures.tags, [("vip".into(), 2), ("refund".into(), 1)]);
        assert_eq!(figures.ratings.count, 2);
        assert_eq!(figures.ratings.average, Some(3.5));
        assert_eq!(figures.ratings.good_share, Some(0.5));
        assert_eq!(figures.days.len(), 7);
        assert_eq!(figures.days.iter().map(|d| d.opened).sum::<u32>(), 2);
        let names: Vec<_> = figures
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.replies, m.closed))
            .collect();
        assert_eq!(names, [("João", 2, 0), ("Maria", 1, 1)]);
        assert_eq!(
            figures.members[1].first_response.median_ms,
            Some(4 * MINUTE)
        );
        assert_eq!(figures.busiest_hours()[0].1, 1);
    }

    #[test]
    fn reopenings_and_automatic_closes_count_without_a_closer() {
        let hour_ago = Timestamp(now().0 - 60 * MINUTE);
        let mut auto = ticket(10, Timestamp(hour_ago.0 - 60 * MINUTE), None);
        auto.facts.team_reply(hour_ago, Some(member(1, "Maria")));
        close(&mut auto, Timestamp(hour_ago.0 + 30 * MINUTE), None, &[]);
        auto.facts.reopened_at = Some(Timestamp(hour_ago.0 + 40 * MINUTE));
        let mut tally = Tally::new(scope(None));
        tally.add(&auto);
        let figures = tally.finish();
        assert_eq!((figures.closed, figures.reopened), (1, 1));
        assert_eq!(figures.resolution.median_ms, Some(90 * MINUTE));
        assert_eq!(figures.members.len(), 1);
        assert_eq!(
            (figures.members[0].replies, figures.members[0].closed),
            (1, 0),
            "an automatic close is nobody's"
        );
        assert_eq!(figures.days.iter().map(|d| d.closed).sum::<u32>(), 1);
    }

    #[test]
    fn working_hours_leave_nights_out_of_response_times() {
        // Opened Friday 2026-11-20 17:00, answered Monday 2026-11-23 10:00.
        let friday = Timestamp(now().0 + 5 * 60 * MINUTE);
        let monday = Timestamp(friday.0 + (2 * 24 + 17) * 60 * MINUTE);
        let mut late = ticket(10, friday, None);
        late.facts.team_reply(monday, None);
        let scope = ReportScope {
            period: Period::parse("7d", Timestamp(monday.0 + MINUTE), ZONE).unwrap(),
            ..scope(Some("Mon-Fri 09:00-18:00"))
        };
        let mut tally = Tally::new(scope);
        tally.add(&late);
        let figures = tally.finish();
        assert!(figures.business_hours);
        assert_eq!(figures.first_response.median_ms, Some(2 * 60 * MINUTE));
    }
}
