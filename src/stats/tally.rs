//! Figures being gathered from the tickets one at a time (so a large desk is read in one pass
//! without holding it in memory); tallies of separate parts of the tickets merge into one.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Timelike};

use super::figures::{
    DayFigures, Figures, MemberFigures, RESPONSE_BUCKETS_MINUTES, RatingFigures, ReportScope,
    Spread,
};
use super::period::{local_date, local_time};
use crate::domain::{Ticket, UserId};

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

    /// Adds the tickets another tally (of the same scope) counted.
    pub fn merge(&mut self, other: Tally) {
        self.opened += other.opened;
        self.closed += other.closed;
        self.still_open += other.still_open;
        self.reopened += other.reopened;
        self.first_responses.extend(other.first_responses);
        self.resolutions.extend(other.resolutions);
        for (hour, count) in other.opened_by_hour.iter().enumerate() {
            self.opened_by_hour[hour] += count;
        }
        for (day, (opened, closed)) in other.days {
            let entry = self.days.entry(day).or_default();
            entry.0 += opened;
            entry.1 += closed;
        }
        for (origin, count) in other.origins {
            *self.origins.entry(origin).or_default() += count;
        }
        for (tag, count) in other.tags {
            *self.tags.entry(tag).or_default() += count;
        }
        for (id, member) in other.members {
            let mine = self.member(id, &member.name);
            mine.replies += member.replies;
            mine.closed += member.closed;
            mine.first_responses.extend(member.first_responses);
        }
        self.scores.extend(other.scores);
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
