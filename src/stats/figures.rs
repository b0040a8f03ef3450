//! The report's figures, tallied from the tickets one at a time (so a large desk is read in one
//! pass without holding it in memory): tickets opened, closed and still open, response and
//! resolution times, busiest hours, origins, tags, ratings, and each team member's share.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Timelike};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::hours::WorkingHours;
use super::period::{Period, local_date, local_time};
use crate::domain::{Ticket, Timestamp, UserId};

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
    fn waited(&self, from: Timestamp, to: Timestamp) -> i64 {
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
    fn of(mut durations: Vec<i64>) -> Spread {
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

#[derive(Default)]
struct MemberTally {
    name: String,
    replies: u32,
    closed: u32,
    first_responses: Vec<i64>,
}

/// Figures being gathered, one ticket at a time.
pub struct Tally {
    scope: ReportScope,
    opened: u32,
    closed: u32,
    still_open: u32,
    reopened: u32,
    first_responses: Vec<i64>,
    resolutions: Vec<i64>,
    opened_by_hour: [u32; 24],
    days: BTreeMap<NaiveDate, (u32, u32)>,
    origins: HashMap<String, u32>,
    tags: HashMap<String, u32>,
    members: HashMap<UserId, MemberTally>,
    scores: Vec<u8>,
}

impl Tally {
    /// An empty tally for `scope`.
    pub fn new(scope: ReportScope) -> Tally {
        let days = scope.period.each_day().map(|day| (day, (0, 0))).collect();
        Tally {
            scope,
            opened: 0,
            closed: 0,
            still_open: 0,
            reopened: 0,
            first_responses: Vec::new(),
            resolutions: Vec::new(),
            opened_by_hour: [0; 24],
            days,
            origins: HashMap::new(),
            tags: HashMap::new(),
            members: HashMap::new(),
            scores: Vec::new(),
        }
    }

    /// Counts one ticket.
    pub fn add(&mut self, ticket: &Ticket) {
        let period = self.scope.period.clone();
        let zone = self.scope.zone;
        let closed_at = ticket.closed_at();
        if ticket.opened_at < period.to && closed_at.is_none_or(|at| at >= period.to) {
            self.still_open += 1;
        }
        for reply in ticket
            .facts
            .replies
            .iter()
            .filter(|r| period.contains(r.at))
        {
            if let Some(member) = &reply.by {
                self.member(member.id, &member.name).replies += 1;
            }
        }
        if period.contains(ticket.opened_at) {
            self.opened += 1;
            self.opened_by_hour[local_time(ticket.opened_at, zone).hour() as usize] += 1;
            if let Some(day) = self.days.get_mut(&local_date(ticket.opened_at, zone)) {
                day.0 += 1;
            }
            let origin = ticket.origins.first().map(ToString::to_string);
            *self.origins.entry(origin.unwrap_or_default()).or_default() += 1;
            if let Some(first) = ticket.facts.first_reply() {
                let waited = self.scope.waited(ticket.opened_at, first.at);
                self.first_responses.push(waited);
                if let Some(member) = &first.by {
                    self.member(member.id, &member.name)
                        .first_responses
                        .push(waited);
                }
            }
        }
        let Some(closed_at) = closed_at.filter(|at| period.contains(*at)) else {
            return;
        };
        self.closed += 1;
        if let Some(day) = self.days.get_mut(&local_date(closed_at, zone)) {
            day.1 += 1;
        }
        self.resolutions
            .push(self.scope.waited(ticket.opened_at, closed_at));
        for tag in &ticket.facts.tags_at_close {
            *self.tags.entry(tag.clone()).or_default() += 1;
        }
        if let Some(member) = &ticket.facts.closed_by {
            self.member(member.id, &member.name).closed += 1;
        }
        if ticket.facts.reopened_at.is_some() {
            self.reopened += 1;
        }
        if let Some(rating) = ticket.facts.rating {
            self.scores.push(rating.score);
        }
    }

    fn member(&mut self, id: UserId, name: &str) -> &mut MemberTally {
        let member = self.members.entry(id).or_default();
        if member.name.is_empty() {
            name.clone_into(&mut member.name);
        }
        member
    }

    /// The figures.
    pub fn finish(self) -> Figures {
        let mut response_buckets = [0u32; 6];
        for waited in &self.first_responses {
            let minutes = waited / 60_000;
            let bucket = RESPONSE_BUCKETS_MINUTES
                .iter()
                .position(|bound| minutes < *bound)
                .unwrap_or(RESPONSE_BUCKETS_MINUTES.len());
            response_buckets[bucket] += 1;
        }
        let mut members: Vec<MemberFigures> = self
            .members
            .into_values()
            .map(|member| MemberFigures {
                name: member.name,
                replies: member.replies,
                closed: member.closed,
                first_response: Spread::of(member.first_responses),
            })
            .collect();
        members.sort_by(|a, b| b.replies.cmp(&a.replies).then(a.name.cmp(&b.name)));
        let count = u32::try_from(self.scores.len()).unwrap_or(u32::MAX);
        let ratings = RatingFigures {
            count,
            average: (count > 0)
                .then(|| self.scores.iter().map(|s| f64::from(*s)).sum::<f64>() / f64::from(count)),
            good_share: (count > 0).then(|| {
                let good = self.scores.iter().filter(|s| **s >= 4).count();
                good as f64 / f64::from(count)
            }),
        };
        Figures {
            opened: self.opened,
            closed: self.closed,
            still_open: self.still_open,
            reopened: self.reopened,
            first_response: Spread::of(self.first_responses),
            resolution: Spread::of(self.resolutions),
            business_hours: self.scope.working_hours.is_some(),
            response_buckets,
            opened_by_hour: self.opened_by_hour,
            days: self
                .days
                .into_iter()
                .map(|(day, (opened, closed))| DayFigures {
                    day,
                    opened,
                    closed,
                })
                .collect(),
            origins: most_first(self.origins),
            tags: most_first(self.tags),
            members,
            ratings,
        }
    }
}

fn most_first(counts: HashMap<String, u32>) -> Vec<(String, u32)> {
    let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, OpenedBy, Origin, TicketNumber, TicketStatus};

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
        let figures = tally.finish();
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
